/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe diff: two conventions compared article by article, or one
 * with its model's defaults.
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

/* --- paraphe diff ---------------------------------------------------- */

static void
cli_usage_diff(FILE *out)
{
	fprintf(out,
		_("Usage: %s diff [-f text|json] A B\n"
		  "       %s diff [-f text|json] --model FORM\n"
		  "Compares two conventions, each a form or a PDF that carries "
		  "its source:\narticle by article (unchanged, changed word by "
		  "word, added, removed), the\nversions of the clauses of the "
		  "library, and the parties, dates, amounts\nand clause "
		  "options of the forms.\n"
		  "\n"
		  "  -m, --model          compare one convention with its "
		  "model's defaults: the\n"
		  "                       clause options chosen, the "
		  "free-text clauses, the\n"
		  "                       articles added or removed -- what "
		  "a legal office reviews\n"
		  "  -f, --format FORMAT  text (default) or json\n"
		  "      --allow-path DIR files the forms name may also lie "
		  "in DIR\n"
		  "  -h, --help           show this help\n"
		  "\nExit status: 0 the same (no deviation), 1 different, 2 an "
		  "input cannot be\nread or has errors, or a usage error.\n"),
		progname, progname);
}

int
cli_diff(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"model", no_argument, NULL, 'm'},
	    {"format", required_argument, NULL, 'f'},
	    {"allow-path", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct pp_diff *df;
	struct pp_error err;
	struct pp_diags d;
	struct pp_buf out;
	size_t k;
	int c, status, model = 0, json = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "mf:h", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			model = 1;
			break;
		case 'A':
			pp_confine_allow(optarg);
			break;
		case 'f':
			if (strcmp(optarg, "json") == 0) {
				json = 1;
			} else if (strcmp(optarg, "text") != 0) {
				fprintf(stderr,
					_("%s diff: unknown format \"%s\" "
					  "(formats: text, json)\n"),
					progname, cli_safe(optarg));
				return EXIT_USAGE;
			}
			break;
		case 'h':
			cli_usage_diff(stdout);
			return EXIT_OK;
		default:
			cli_usage_diff(stderr);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != (model ? 1 : 2)) {
		fprintf(stderr,
			model ? _("%s diff: --model compares one form or PDF\n")
			      : _("%s diff: give two forms or PDFs\n"),
			progname);
		cli_usage_diff(stderr);
		return EXIT_USAGE;
	}
	pp_error_init(&err);
	pp_diags_init(&d);
	df = model ? pp_diff_model(datadir, argv[optind], &d, &err)
		   : pp_diff_forms(datadir, argv[optind], argv[optind + 1], &d,
				   &err);
	/* The forms' errors, not their warnings: render shows those. */
	for (k = 0; k < d.n; k++)
		if (d.items[k].severity == PP_SEV_ERROR)
			cli_print_diag(stderr, &d.items[k]);
	pp_diags_fini(&d);
	if (df == NULL) {
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	pp_buf_init(&out);
	if (json)
		pp_diff_json(df, &out);
	else
		pp_diff_text(df, &out);
	fwrite(pp_buf_str(&out), 1, out.len, stdout);
	status = pp_diff_differs(df) ? EXIT_INVALID : EXIT_OK;
	pp_buf_fini(&out);
	pp_diff_free(df);
	return status;
}
