/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe source: the form a PDF carries, printed or written back with
 * its files.
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

/* --- paraphe source -------------------------------------------------- */

static void
cli_usage_source(FILE *out)
{
	fprintf(out,
		_("Usage: %s source FILE.pdf [-o FOLDER [--force]]\n"
		  "Prints the form a PDF made by paraphe carries (embedded "
		  "as %s);\nwith -o, writes it and the files it names (logos, "
		  "annexes) into FOLDER.\n"
		  "\n"
		  "  -o, --output FOLDER  write the form and its files there, "
		  "never outside it\n"
		  "      --force          replace files that already exist "
		  "in FOLDER\n"
		  "  -h, --help           show this help\n"
		  "\nExit status: 0 written, 2 the PDF carries no source, "
		  "cannot be read, or\na file would be replaced without "
		  "--force.\n"),
		progname, PP_PDFSOURCE_FORM);
}

/* Whether f, printed on a terminal, could drive it (escape sequences,
 * bidirectional controls): a PDF's bytes are never printed raw there. */
static int
cli_source_unsafe_on_tty(const struct pp_pdfsource_file *f)
{
	if (!isatty(fileno(stdout)))
		return 0;
	return memchr(f->data, '\0', f->len) != NULL ||
	       pp_utf8_check((const char *)f->data, f->len, NULL, NULL) !=
		   PP_UTF8_OK ||
	       pp_utf8_find_hidden_file((const char *)f->data, f->len, NULL) !=
		   (size_t)-1;
}

int
cli_source(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"force", no_argument, NULL, 'F'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *outdir = NULL;
	struct pp_pdfsource *s;
	struct pp_error err;
	int c, force = 0, status = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			outdir = optarg;
			break;
		case 'F':
			force = 1;
			break;
		case 'h':
			cli_usage_source(stdout);
			return EXIT_OK;
		default:
			cli_usage_source(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("%s source: give one PDF file\n"), progname);
		cli_usage_source(stderr);
		return EXIT_USAGE;
	}
	pp_error_init(&err);
	s = pp_pdfsource_read(argv[optind], &err);
	if (s == NULL) {
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	if (s->form == (size_t)-1) {
		fprintf(stderr,
			_("%s: this PDF carries no source form (no embedded "
			  "%s); only PDFs that paraphe wrote with their "
			  "source do\n"),
			cli_safe(argv[optind]), PP_PDFSOURCE_FORM);
		status = EXIT_USAGE;
	} else if (outdir == NULL &&
		   cli_source_unsafe_on_tty(s->files[s->form])) {
		fprintf(stderr,
			_("%s: the form holds control or invisible characters "
			  "that a terminal would obey; write it to a file (-o "
			  "FOLDER, or a redirection)\n"),
			cli_safe(argv[optind]));
		status = EXIT_USAGE;
	} else if (outdir == NULL) {
		const struct pp_pdfsource_file *f = s->files[s->form];

		if (fwrite(f->data, 1, f->len, stdout) != f->len ||
		    fflush(stdout) != 0) {
			fprintf(stderr, _("%s source: cannot write: %s\n"),
				progname, g_strerror(errno));
			status = EXIT_USAGE;
		}
	} else if (pp_pdfsource_write_dir(s, outdir, force, &err) != 0) {
		cli_print_error(&err);
		fprintf(stderr, _("%s: nothing written\n"),
			cli_safe(argv[optind]));
		status = EXIT_USAGE;
	} else {
		size_t i;

		for (i = 0; i < s->n; i++) {
			char *path =
			    g_build_filename(outdir, s->files[i]->name, NULL);

			printf(_("%s: wrote %s\n"), cli_safe(argv[optind]),
			       cli_safe(path));
			g_free(path);
		}
	}
	pp_pdfsource_free(s);
	return status;
}
