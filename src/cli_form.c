/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe validate, init, models, formats and schema: the commands about
 * forms and models.
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

/* --- paraphe validate ------------------------------------------------- */

static const char *
cli_text(const struct pp_value *root, const char *path)
{
	return pp_value_text(pp_value_path_get(root, path));
}

/* A few lines that tell the reader which partnership the form describes. */
static void
cli_print_summary(const struct pp_form *f, char **models)
{
	const struct pp_value *r = f->root;
	const char *s;
	char *joined = g_strjoinv(", ", models);

	printf(_("%s: valid form (%s)\n"), cli_safe(f->path), joined);
	g_free(joined);
	if ((s = cli_text(r, "document.titre")) != NULL) {
		const char *sub = cli_text(r, "document.sous_titre");

		printf("  %s%s%s\n", s, sub ? " " : "", sub ? sub : "");
	}
	if ((s = cli_text(r, "document.reference")) != NULL)
		printf(_("  reference: %s\n"), s);
	if ((s = cli_text(r, "emetteur.denomination")) != NULL)
		printf(_("  State party: %s, signed by %s %s %s (%s)\n"), s,
		       cli_text(r, "emetteur.signataire.civilite"),
		       cli_text(r, "emetteur.signataire.prenom"),
		       cli_text(r, "emetteur.signataire.nom"),
		       cli_text(r, "emetteur.signataire.qualite"));
	if ((s = cli_text(r, "partenaire.denomination")) != NULL)
		printf(_("  partner: %s (%s, role %s), signed by %s %s %s "
			 "(%s)\n"),
		       s, cli_text(r, "partenaire.forme_juridique"),
		       cli_text(r, "partenaire.role"),
		       cli_text(r, "partenaire.signataire.civilite"),
		       cli_text(r, "partenaire.signataire.prenom"),
		       cli_text(r, "partenaire.signataire.nom"),
		       cli_text(r, "partenaire.signataire.qualite"));
	if ((s = cli_text(r, "contenu.periode_relais.debut")) != NULL)
		printf(_("  relay period: %s to %s\n"), s,
		       cli_text(r, "contenu.periode_relais.fin"));
	if ((s = cli_text(r, "clauses.duree.fin")) != NULL)
		printf(_("  convention ends: %s\n"), s);
}

static void
cli_usage_validate(FILE *out)
{
	fprintf(
	    out,
	    _("Usage: %s validate [--model NAME] [-q] [--strict] FORM...\n"
	      "Checks partnership forms against their models and reports "
	      "every mistake\nas FILE:LINE:COLUMN: error: KEY: message, and "
	      "every contradiction\nbetween values as a warning followed by "
	      "a note on the other value.\n"
	      "\n"
	      "  -m, --model NAME  validate against this model only "
	      "(convention,\n"
	      "                    fiche-projet, or a model folder)\n"
	      "  -q, --quiet       print only the problems, no summary\n"
	      "  -s, --strict      warnings make the form invalid\n"
	      "      --allow-path DIR\n"
	      "                    files the form names may also lie in DIR\n"
	      "  -h, --help        show this help\n"
	      "\nExit status: 0 valid (warnings allowed unless --strict), 1 "
	      "invalid,\n2 usage or file error.\n"),
	    progname);
}

int
cli_validate(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"model", required_argument, NULL, 'm'},
	    {"quiet", no_argument, NULL, 'q'},
	    {"strict", no_argument, NULL, 's'},
	    {"allow-path", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *model = NULL;
	int quiet = 0, strict = 0, c, i, status = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "m:qsh", opts, NULL)) != -1) {
		switch (c) {
		case 'm':
			model = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 's':
			strict = 1;
			break;
		case 'A':
			pp_confine_allow(optarg);
			break;
		case 'h':
			cli_usage_validate(stdout);
			return EXIT_OK;
		default:
			cli_usage_validate(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, _("%s validate: give at least one form\n"),
			progname);
		cli_usage_validate(stderr);
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		struct pp_error err;
		struct pp_diags d;
		struct pp_form *f;
		char *only[2] = {(char *)model, NULL};
		char **names;
		size_t errors, warnings, k;

		pp_error_init(&err);
		f = pp_form_read(argv[i], &err);
		if (f == NULL) {
			cli_print_error(&err);
			if (err.code == PP_DIAG_IO) {
				status = EXIT_USAGE;
			} else {
				fprintf(stderr, _("%s: 1 error\n"),
					cli_safe(argv[i]));
				if (status == EXIT_OK)
					status = EXIT_INVALID;
			}
			continue;
		}
		pp_diags_init(&d);
		errors = pp_form_validate(f, datadir,
					  model != NULL ? only : NULL, &d);
		for (k = 0; k < d.n; k++)
			cli_print_diag(stderr, &d.items[k]);
		warnings = pp_diags_count(&d, PP_SEV_WARNING);
		if (errors > 0) {
			fprintf(
			    stderr,
			    ngettext("%s: %zu error", "%s: %zu errors", errors),
			    cli_safe(argv[i]), errors);
			if (warnings > 0)
				fprintf(stderr,
					ngettext(", %zu warning",
						 ", %zu warnings", warnings),
					warnings);
			fputc('\n', stderr);
			if (status == EXIT_OK)
				status = EXIT_INVALID;
		} else if (strict && warnings > 0) {
			fprintf(stderr,
				ngettext("%s: %zu warning, which --strict "
					 "makes an error\n",
					 "%s: %zu warnings, which --strict "
					 "makes errors\n",
					 warnings),
				cli_safe(argv[i]), warnings);
			if (status == EXIT_OK)
				status = EXIT_INVALID;
		} else {
			if (warnings > 0)
				fprintf(stderr,
					ngettext("%s: %zu warning\n",
						 "%s: %zu warnings\n",
						 warnings),
					cli_safe(argv[i]), warnings);
			if (!quiet) {
				names = model != NULL ? g_strdupv(only)
						      : pp_form_model_names(f);
				cli_print_summary(f, names);
				g_strfreev(names);
			}
		}
		pp_diags_fini(&d);
		pp_form_free(f);
	}
	return status;
}

/* --- paraphe init ----------------------------------------------------- */

static void
cli_usage_init(FILE *out)
{
	fprintf(out,
		_("Usage: %s init [--example] MODEL [MODEL]\n"
		  "Prints a commented form for MODEL (convention or "
		  "fiche-projet; both for one\nform that produces both "
		  "documents) with \"%s\" in every value that is\nyour "
		  "partnership's own: paraphe validate refuses the form, "
		  "at each such\nline, until you have replaced them.  "
		  "Redirect it to a file and fill it in:\n"
		  "  %s init convention > mon-partenariat.yaml\n"
		  "  %s init convention fiche-projet > mon-partenariat.yaml\n"
		  "\n"
		  "  --example   print the filled example instead, valid as "
		  "it is, to learn from\n"),
		progname, PP_PLACEHOLDER, progname, progname);
}

int
cli_init(int argc, char **argv, const char *datadir)
{
	struct pp_error err;
	struct pp_buf out;
	char **models;
	int example = 0, i, n = 0, status = EXIT_OK;

	models = g_new0(char *, (size_t)argc + 1);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0) {
			cli_usage_init(stdout);
			g_free(models);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--example") == 0) {
			example = 1;
		} else if (argv[i][0] == '-' || n == 2) {
			cli_usage_init(stderr);
			g_free(models);
			return EXIT_USAGE;
		} else {
			models[n++] = argv[i];
		}
	}
	if (n == 0) {
		cli_usage_init(stderr);
		g_free(models);
		return EXIT_USAGE;
	}
	pp_error_init(&err);
	pp_buf_init(&out);
	if (pp_init_form(datadir, models, example, &out, &err) != 0) {
		cli_print_error(&err);
		status = EXIT_USAGE;
	} else {
		fwrite(pp_buf_str(&out), 1, out.len, stdout);
	}
	pp_buf_fini(&out);
	g_free(models);
	return status;
}

/* --- paraphe models --------------------------------------------------- */

int
cli_models(int argc, char **argv, const char *datadir)
{
	char **names;
	int i;

	if (argc > 1 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf(_("Usage: %s models\nLists the models paraphe can "
			 "fill, with their titles.\n"),
		       progname);
		return EXIT_OK;
	}
	if (argc > 1) {
		fprintf(stderr, _("Usage: %s models\n"), progname);
		return EXIT_USAGE;
	}
	names = pp_model_list(datadir);
	if (names == NULL) {
		fprintf(stderr, _("%s: no models folder in %s\n"), progname,
			datadir);
		return EXIT_USAGE;
	}
	for (i = 0; names[i] != NULL; i++) {
		struct pp_error err;
		struct pp_model *m;

		pp_error_init(&err);
		m = pp_model_load(datadir, names[i], &err);
		if (m == NULL) {
			cli_print_error(&err);
			continue;
		}
		printf("%-16s %s\n", names[i], pp_schema_title(m->schema));
		pp_model_free(m);
	}
	g_strfreev(names);
	return EXIT_OK;
}

/* --- paraphe formats -------------------------------------------------- */

/* The output formats of render -f, one name a line, for scripts and the
 * shell completion: in paraphe(1), not in the short help, which lists the
 * commands people type. */
int
cli_formats(void)
{
	const struct pp_output *o;

	for (o = pp_outputs; o->name != NULL; o++)
		printf("%s\n", o->name);
	return EXIT_OK;
}

/* --- paraphe schema --------------------------------------------------- */

int
cli_schema(int argc, char **argv, const char *datadir)
{
	struct pp_error err;
	struct pp_model *m;
	struct pp_buf out;
	int status = EXIT_OK;

	if (argc == 2 &&
	    (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0)) {
		printf(_("Usage: %s schema MODEL\n"
			 "Prints the JSON Schema of MODEL's form (convention, "
			 "fiche-projet, campagne\nor a model folder) for the "
			 "YAML language server of editors:\n"
			 "  %s schema convention > convention.schema.json\n"
			 "then, as the first line of a form:\n"
			 "  # yaml-language-server: "
			 "$schema=convention.schema.json\n"),
		       progname, progname);
		return EXIT_OK;
	}
	if (argc != 2 || argv[1][0] == '-') {
		fprintf(stderr, _("Usage: %s schema MODEL\n"), progname);
		return EXIT_USAGE;
	}
	pp_error_init(&err);
	m = pp_model_load(datadir, argv[1], &err);
	if (m == NULL) {
		cli_print_error(&err);
		return EXIT_USAGE;
	}
	pp_buf_init(&out);
	if (pp_schema_to_json(m->schema, &out, &err) != 0) {
		cli_print_error(&err);
		status = EXIT_USAGE;
	} else {
		fwrite(pp_buf_str(&out), 1, out.len, stdout);
	}
	pp_buf_fini(&out);
	pp_model_free(m);
	return status;
}
