/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe kit: every partner's documents of a campaign, with progress.
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

/* --- paraphe kit ------------------------------------------------------ */

static void
cli_usage_kit(FILE *out)
{
	fprintf(
	    out,
	    _("Usage: %s kit CAMPAIGN.yaml [-o FOLDER] [-j N] [--only "
	      "ID,...] [--force]\n"
	      "                [--shard K/N] [-c CHARTER] [-q]\n"
	      "Writes every partner's documents of a campaign into "
	      "FOLDER/<campaign>/<partner>/,\nwith manifest.json and "
	      "recapitulatif.csv.  Partners whose inputs did not\n"
	      "change since the last run are not rebuilt.\n"
	      "\n"
	      "  -o, --output FOLDER  where to write (default: the current "
	      "folder)\n"
	      "  -j, --jobs N         parallel workers (default: the "
	      "number of cores)\n"
	      "      --only IDS       these partners only "
	      "(comma-separated ids)\n"
	      "      --force          rebuild partners that are up to "
	      "date\n"
	      "      --shard K/N      produce part K of N: the partners "
	      "of rank K, K+N, K+2N...\n"
	      "      --merge DIR...   join the shards' manifest.json and "
	      "recapitulatif.csv, not\n"
	      "                       their documents (DIR: a shard's -o "
	      "folder or kit folder)\n"
	      "  -c, --charte NAME    the graphic charter (default: "
	      "etat)\n"
	      "  -q, --quiet          no progress, only the failures\n"
	      "      --allow-path DIR files the campaign names may also lie "
	      "in DIR\n"
	      "  -h, --help           show this help\n"
	      "\nExit status: 0 every partner produced, 1 some partner "
	      "failed, 2 the\ncampaign file cannot be used.\n"),
	    progname);
}

struct cli_progress {
	int tty;
	int quiet;
	gint64 start;
};

static void
cli_kit_progress(void *data, size_t done, size_t total, size_t failed,
		 const char *id)
{
	struct cli_progress *p = data;
	double elapsed = (double)(g_get_monotonic_time() - p->start) / 1e6;
	double rate = elapsed > 0 ? (double)done / elapsed : 0;

	if (p->quiet)
		return;
	if (p->tty) {
		char bar[31];
		size_t fill = total ? done * 30 / total : 30, i;
		double left = rate > 0 ? (double)(total - done) / rate : 0;

		for (i = 0; i < 30; i++)
			bar[i] = i < fill ? '#' : '.';
		bar[30] = '\0';
		fprintf(stderr,
			_("\r[%s] %zu/%zu  %.1f/s  %d:%02d left  %zu failed "),
			bar, done, total, rate, (int)left / 60, (int)left % 60,
			failed);
		if (done == total)
			fputc('\n', stderr);
	} else if (id != NULL) {
		fprintf(stderr, _("%zu/%zu %s\n"), done, total, cli_safe(id));
	}
}

int
cli_kit(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"jobs", required_argument, NULL, 'j'},
	    {"only", required_argument, NULL, 'O'},
	    {"force", no_argument, NULL, 'F'},
	    {"shard", required_argument, NULL, 'S'},
	    {"charte", required_argument, NULL, 'c'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"merge", no_argument, NULL, 'M'},
	    {"allow-path", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	int merge = 0;
	struct pp_kit_opts ko;
	struct pp_kit_result res;
	struct cli_progress prog;
	struct pp_diags d;
	struct pp_error err;
	char **only = NULL;
	size_t i, k;
	int c, status;

	memset(&ko, 0, sizeof(ko));
	ko.datadir = datadir;
	ko.outdir = ".";
	ko.charte = "etat";
	ko.jobs = (int)g_get_num_processors();
	memset(&prog, 0, sizeof(prog));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:c:qh", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			ko.outdir = optarg;
			break;
		case 'j':
			if (cli_parse_int(optarg, 1, 256, &ko.jobs) != 0) {
				fprintf(stderr,
					_("%s kit: -j takes a number of "
					  "workers from 1 to 256\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'O':
			g_strfreev(only);
			only = g_strsplit(optarg, ",", 0);
			break;
		case 'F':
			ko.force = 1;
			break;
		case 'M':
			merge = 1;
			break;
		case 'S':
			if (cli_parse_shard(optarg, &ko.shard, &ko.shards) !=
			    0) {
				fprintf(stderr,
					_("%s kit: --shard K/N with 1 <= K <= "
					  "N, for example 2/4\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'c':
			ko.charte = optarg;
			break;
		case 'q':
			prog.quiet = 1;
			break;
		case 'A':
			pp_confine_allow(optarg);
			break;
		case 'h':
			cli_usage_kit(stdout);
			return EXIT_OK;
		default:
			cli_usage_kit(stderr);
			return EXIT_USAGE;
		}
	}
	if (merge) {
		/* --merge DIR...: the kit folders of the shards of one
		 * campaign, or the folders given to their -o, joined into -o
		 * (default: the first kit folder). */
		char *first;
		int ndirs = argc - optind;

		g_strfreev(only);
		if (optind >= argc) {
			cli_usage_kit(stderr);
			return EXIT_USAGE;
		}
		pp_error_init(&err);
		first = pp_kit_merge_folder(argv[optind], &err);
		if (first == NULL ||
		    pp_kit_merge(argv + optind,
				 strcmp(ko.outdir, ".") != 0 ? ko.outdir
							     : first,
				 &err) != 0) {
			cli_print_error(&err);
			g_free(first);
			return EXIT_USAGE;
		}
		printf(
		    ngettext("merged the index of %d kit folder into "
			     "%s/manifest.json and recapitulatif.csv\n",
			     "merged the indexes of %d kit folders into "
			     "%s/manifest.json and recapitulatif.csv\n",
			     ndirs),
		    ndirs,
		    cli_safe(strcmp(ko.outdir, ".") != 0 ? ko.outdir : first));
		printf(_("the documents were not copied: each partner's "
			 "files stay in the kit folder of the shard that "
			 "built it\n"));
		g_free(first);
		return EXIT_OK;
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("%s kit: give one campaign file\n"),
			progname);
		cli_usage_kit(stderr);
		g_strfreev(only);
		return EXIT_USAGE;
	}
	ko.only = only;
	prog.tty = isatty(STDERR_FILENO);
	prog.start = g_get_monotonic_time();
	ko.progress = cli_kit_progress;
	ko.progress_data = &prog;
	pp_diags_init(&d);
	pp_error_init(&err);
	if (pp_kit_run(argv[optind], &ko, &res, &d, &err) != 0) {
		pp_diags_sort(&d);
		for (i = 0; i < d.n; i++)
			cli_print_diag(stderr, &d.items[i]);
		fprintf(stderr,
			_("%s: the campaign cannot be used; nothing "
			  "was produced\n"),
			cli_safe(argv[optind]));
		pp_diags_fini(&d);
		pp_kit_result_fini(&res);
		g_strfreev(only);
		return EXIT_USAGE;
	}
	/* The campaign's own warnings (a table read as Windows-1252). */
	pp_diags_sort(&d);
	for (i = 0; i < d.n && !prog.quiet; i++)
		cli_print_kit_diag(stderr, &d.items[i], argv[optind], "");
	for (i = 0; i < res.n; i++) {
		if (res.partners[i].status != PP_KIT_FAILED)
			continue;
		fprintf(stderr, _("partner %s failed:\n"),
			cli_safe(res.partners[i].id));
		for (k = 0; k < res.partners[i].diags.n; k++)
			cli_print_kit_diag(stderr,
					   &res.partners[i].diags.items[k],
					   argv[optind], "  ");
	}
	if (!prog.quiet || res.failed > 0)
		printf(_("%s: %zu produced, %zu up to date, %zu failed; see "
			 "%s/recapitulatif.csv\n"),
		       cli_safe(res.campaign), res.done, res.up_to_date,
		       res.failed, cli_safe(res.dir));
	/* The forms' warnings are in the manifest and the CSV; say so. */
	for (i = 0, k = 0; i < res.n; i++)
		if (res.partners[i].status != PP_KIT_FAILED &&
		    pp_diags_count(&res.partners[i].diags, PP_SEV_WARNING) > 0)
			k++;
	if (!prog.quiet && k > 0)
		printf(ngettext("%zu partner's form has warnings: see the "
				"column avertissements_formulaire\n",
				"%zu partners' forms have warnings: see the "
				"column avertissements_formulaire\n",
				k),
		       k);
	status = res.failed > 0 ? EXIT_INVALID : EXIT_OK;
	pp_diags_fini(&d);
	pp_kit_result_fini(&res);
	g_strfreev(only);
	return status;
}
