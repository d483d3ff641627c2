/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe check: PDF, ODT and forms against the charter's rules.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gio/gio.h>
#include <glib.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "confine.h"
#include "i18n.h"
#include "paraphe.h"
#include "utf8.h"

#include "cli.h"

/* --- paraphe check ---------------------------------------------------- */

static void
cli_usage_check(FILE *out)
{
	fprintf(out,
		_("Usage: %s check [--format text|json] [--strict] [-c "
		  "CHARTER] [-t DIR] FILE...\n"
		  "Checks PDF, ODT and DOCX documents (anyone's, not only "
		  "paraphe's) against\nthe graphic charter, and forms "
		  "against their models.  Each finding names its\nrule, "
		  "its page and its place in millimetres from the top-left "
		  "corner.\n"
		  "\n"
		  "  -f, --format FORMAT  text (default) or json\n"
		  "  -s, --strict         warnings make the file "
		  "non-conformant too\n"
		  "  -c, --charte NAME    the graphic charter (default: "
		  "etat)\n"
		  "  -t, --thumbnails DIR write DIR/page-N.png, thumbnails of "
		  "the PDF's first\n"
		  "                       pages (one FILE only)\n"
		  "  -h, --help           show this help\n"
		  "\nExit status: 0 conformant (warnings allowed), 1 not "
		  "conformant, 2 a file\ncannot be read, or a usage "
		  "error.\n"),
		progname);
}

/* Says which of a PDF's thumbnails could not be drawn or written. */
static void
cli_check_thumbnails(const char *dir, const struct pp_check *r)
{
	int n = pp_check_pages_read(r), i;

	if (!r->info.pdf)
		return; /* an ODT or a DOCX has no pages to draw */
	for (i = 1; i <= n && i <= PP_CHECK_THUMB_PAGES; i++) {
		char name[32], *path;

		snprintf(name, sizeof(name), "page-%d.png", i);
		path = g_build_filename(dir, name, NULL);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR))
			fprintf(stderr,
				_("%s: warning: the thumbnail of page %d could "
				  "not be drawn or written (%s)\n"),
				progname, i, path);
		g_free(path);
	}
}

int
cli_check(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"strict", no_argument, NULL, 's'},
	    {"charte", required_argument, NULL, 'c'},
	    {"thumbnails", required_argument, NULL, 't'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *format = "text", *charte_name = "etat", *thumbs = NULL;
	struct pp_charte *charte;
	struct pp_diags d;
	struct pp_error err;
	int strict = 0, c, i, status = EXIT_OK;
	size_t k;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:sc:t:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 's':
			strict = 1;
			break;
		case 'c':
			charte_name = optarg;
			break;
		case 't':
			thumbs = optarg;
			break;
		case 'h':
			cli_usage_check(stdout);
			return EXIT_OK;
		default:
			cli_usage_check(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc ||
	    (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)) {
		cli_usage_check(stderr);
		return EXIT_USAGE;
	}
	if (thumbs != NULL && optind + 1 != argc) {
		fprintf(stderr,
			_("%s check: --thumbnails draws the pages of one file; "
			  "give one file\n"),
			progname);
		return EXIT_USAGE;
	}
	if (thumbs != NULL) {
		if (g_mkdir_with_parents(thumbs, 0755) != 0) {
			fprintf(stderr,
				_("%s: cannot create the folder %s: %s\n"),
				progname, thumbs, g_strerror(errno));
			return EXIT_USAGE;
		}
		pp_check_set_thumbnails(thumbs);
	}
	pp_diags_init(&d);
	pp_error_init(&err);
	charte = pp_charte_load(datadir, charte_name, &d, &err);
	for (k = 0; k < d.n; k++)
		cli_print_diag(stderr, &d.items[k]);
	pp_diags_fini(&d);
	if (charte == NULL) {
		if (err.set)
			cli_print_error(&err);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		struct pp_check r;
		struct pp_buf out;

		if (g_str_has_suffix(argv[i], ".yaml") ||
		    g_str_has_suffix(argv[i], ".yml")) {
			char *v[4] = {(char *)"validate", argv[i], NULL, NULL};
			int st;

			if (strict)
				v[2] = (char *)"--strict";
			st = cli_validate(strict ? 3 : 2, v, datadir);

			if (st > status)
				status = st;
			continue;
		}
		pp_check_init(&r, argv[i]);
		pp_error_init(&err);
		if (pp_check_file(argv[i], charte, &r, &err) != 0) {
			cli_print_error(&err);
			status = EXIT_USAGE;
			pp_check_fini(&r);
			continue;
		}
		pp_buf_init(&out);
		if (strcmp(format, "json") == 0)
			pp_check_format_json(&r, &out);
		else
			pp_check_format_text(&r, &out);
		fputs(pp_buf_str(&out), stdout);
		pp_buf_fini(&out);
		if (thumbs != NULL)
			cli_check_thumbnails(thumbs, &r);
		if ((!pp_check_conformant(&r) ||
		     (strict && pp_check_count(&r, PP_SEV_WARNING) > 0)) &&
		    status == EXIT_OK)
			status = EXIT_INVALID;
		pp_check_fini(&r);
	}
	pp_charte_free(charte);
	return status;
}
