/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe: the command line.  Parses options, calls the library, prints
 * diagnostics and chooses the exit status.  The only file that prints.
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
#include "serve.h"
#include "utf8.h"

/* Exit statuses, documented in paraphe(1). */
enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1, /* a form or document breaks a rule */
	EXIT_USAGE = 2,	  /* bad command line, or a file that cannot be read */
};

static const char *progname = "paraphe";

/* How the data folder was chosen: said when it holds no models. */
enum cli_datadir_origin {
	DATADIR_FROM_ENV,
	DATADIR_BESIDE_BINARY,
	DATADIR_SOURCE_TREE,
	DATADIR_CONFIGURED
};

/* <prefix> when this binary is <prefix>/<bindir>/paraphe, else NULL. */
static char *
cli_install_prefix(const char *exe)
{
	char *dir = g_path_get_dirname(exe), *prefix = NULL;

	if (!g_path_is_absolute(PP_BINDIR) &&
	    g_str_has_suffix(dir, "/" PP_BINDIR))
		prefix = g_strndup(dir, strlen(dir) - strlen(PP_BINDIR) - 1);
	g_free(dir);
	return prefix;
}

/* Whether this binary lies in the build folder it was built in. */
static int
cli_in_build_tree(const char *exe)
{
	char *build = realpath(PP_BUILD_ROOT, NULL);
	int yes = build != NULL && g_str_has_prefix(exe, build) &&
		  exe[strlen(build)] == '/';

	free(build);
	return yes;
}

/*
 * A folder paraphe reads, found the same way for its data and for its
 * translations:
 *  1. the environment variable ENV;
 *  2. installed: the binary is <prefix>/<bindir>/paraphe, the folder
 *     <prefix>/REL, whatever the prefix is now (a staged DESTDIR or a moved
 *     tree works too), when it holds MARK;
 *  3. the build tree: the binary lies under the build folder it was built
 *     in, the folder is BUILT;
 *  4. the configured CONFIGURED.
 */
static char *
cli_find_folder(const char *env_name, const char *rel, const char *mark,
		const char *built, const char *configured,
		enum cli_datadir_origin *origin)
{
	const char *env = getenv(env_name);
	char *exe, *found = NULL;

	*origin = DATADIR_FROM_ENV;
	if (env != NULL && env[0] != '\0')
		return g_strdup(env);
	exe = g_file_read_link("/proc/self/exe", NULL);
	if (exe != NULL) {
		char *prefix = cli_install_prefix(exe);

		if (prefix != NULL && !g_path_is_absolute(rel)) {
			char *marked;

			found = g_build_filename(prefix, rel, NULL);
			marked = g_build_filename(found, mark, NULL);
			*origin = DATADIR_BESIDE_BINARY;
			if (!g_file_test(marked, G_FILE_TEST_EXISTS)) {
				g_free(found);
				found = NULL;
			}
			g_free(marked);
		}
		g_free(prefix);
		if (found == NULL && cli_in_build_tree(exe)) {
			*origin = DATADIR_SOURCE_TREE;
			found = g_strdup(built);
		}
		g_free(exe);
		if (found != NULL)
			return found;
	}
	*origin = DATADIR_CONFIGURED;
	return g_strdup(configured);
}

/* The folder holding models/, charte/ and examples/. */
static char *
cli_datadir(enum cli_datadir_origin *origin)
{
	return cli_find_folder("PARAPHE_DATADIR", PP_DATADIR_REL, "models",
			       PP_SOURCE_DATADIR, PP_INSTALL_DATADIR, origin);
}

/* The folder holding fr/LC_MESSAGES/paraphe.mo. */
static char *
cli_localedir(void)
{
	enum cli_datadir_origin origin;

	return cli_find_folder("PARAPHE_LOCALEDIR", PP_LOCALEDIR_REL,
			       "fr/LC_MESSAGES/paraphe.mo", PP_BUILD_ROOT "/po",
			       PP_LOCALEDIR, &origin);
}

/*
 * Every command but help and version reads models, charters or the
 * electoral calendar: without them a form would be "valid" against
 * nothing.  Says where paraphe looked and how to point it elsewhere.
 */
static int
cli_require_data(const char *datadir, enum cli_datadir_origin origin)
{
	char **names = pp_model_list(datadir);
	int some = names != NULL && names[0] != NULL;
	const char *why;

	g_strfreev(names);
	if (some)
		return 0;
	switch (origin) {
	case DATADIR_FROM_ENV:
		why = _("the folder named by PARAPHE_DATADIR");
		break;
	case DATADIR_SOURCE_TREE:
		why = _("the source tree this paraphe was built from");
		break;
	case DATADIR_BESIDE_BINARY:
	case DATADIR_CONFIGURED:
	default:
		why = _("the folder paraphe was installed with");
		break;
	}
	fprintf(stderr,
		_("%s: no model data: %s/models holds no model (%s). Install "
		  "paraphe with its data, or set PARAPHE_DATADIR to the "
		  "folder that holds models/ and charte/.\n"),
		progname, datadir, why);
	return -1;
}

static int
cli_needs_data(const char *command)
{
	static const char *const commands[] = {"validate", "render", "watch",
					       "check",	   "kit",    "init",
					       "models",   "schema", "serve"};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(commands); i++)
		if (strcmp(command, commands[i]) == 0)
			return 1;
	return 0;
}

/* "COMMAND ... --help": answered without any data. */
static int
cli_asks_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "-h") == 0 ||
		    strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/*
 * s (a file name, an id) escaped for a terminal (pp_text_escape): text
 * taken from inputs is never printed raw (issue 15).  The result lives
 * until the fourth next call, enough for one message.
 */
static const char *
cli_safe(const char *s)
{
	static char *ring[4];
	static unsigned next;
	char **slot = &ring[next++ % 4];

	free(*slot);
	*slot = pp_text_escape(s);
	return *slot;
}

/* The files diagnostics point into, read again to show their lines;
 * cli_watch forgets them before each round. */
static struct pp_snippets *cli_sources;

static void
cli_sources_forget(void)
{
	pp_snippets_free(cli_sources);
	cli_sources = NULL;
}

/* Colours on a terminal only, and never when NO_COLOR is set to anything
 * (https://no-color.org) or the terminal is "dumb". */
static int
cli_colour(FILE *out)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	return isatty(fileno(out)) && (no == NULL || no[0] == '\0') &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

/* A diagnostic, its source line and its note, each line after prefix. */
static void
cli_print_diag_prefixed(FILE *out, const struct pp_diag *g, const char *prefix)
{
	char *text;

	if (cli_sources == NULL)
		cli_sources = pp_snippets_new();
	text = pp_snippets_render(cli_sources, g, cli_colour(out), prefix);
	fputs(text, out);
	free(text);
}

/*
 * A partner's message in a kit: with its source line when it points into
 * the campaign file the user named, but never quoting a line of another
 * file (a partner form, a table) -- a campaign must not make paraphe
 * repeat a file it was pointed at (issue 15).
 */
static void
cli_print_kit_diag(FILE *out, const struct pp_diag *g, const char *campaign,
		   const char *prefix)
{
	char *a = g->file != NULL ? realpath(g->file, NULL) : NULL;
	char *b = realpath(campaign, NULL);
	int same = a != NULL && b != NULL && strcmp(a, b) == 0;

	free(a);
	free(b);
	if (same) {
		cli_print_diag_prefixed(out, g, prefix);
	} else {
		char *line = pp_diag_format(g), *note = pp_diag_format_note(g);

		fprintf(out, "%s%s\n", prefix, line);
		if (note != NULL)
			fprintf(out, "%s%s\n", prefix, note);
		free(line);
		free(note);
	}
}

static void
cli_print_diag(FILE *out, const struct pp_diag *g)
{
	cli_print_diag_prefixed(out, g, "");
}

static void
cli_print_error(const struct pp_error *err)
{
	struct pp_diags d;

	pp_diags_init(&d);
	pp_diags_add_error(&d, err);
	cli_print_diag(stderr, &d.items[0]);
	pp_diags_fini(&d);
}

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

static int
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

static int
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

static int
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

/* --- numbers in arguments ------------------------------------------- */

/* A whole decimal number from min to max, nothing before or after it: "4"
 * but not "4x", " 4", "+4", "0x4" or "". */
static int
cli_parse_int(const char *s, int min, int max, int *out)
{
	long v = 0;
	const char *p;

	if (s == NULL || *s == '\0' || strlen(s) > 9)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* "K/N" with 1 <= K <= N <= 100000. */
static int
cli_parse_shard(const char *s, int *k, int *n)
{
	const char *slash = strchr(s, '/');
	char *left;
	int rc;

	if (slash == NULL)
		return -1;
	left = g_strndup(s, (gsize)(slash - s));
	rc = cli_parse_int(left, 1, 100000, k) != 0 ||
		     cli_parse_int(slash + 1, 1, 100000, n) != 0 || *k > *n
		 ? -1
		 : 0;
	g_free(left);
	return rc;
}

/* --- paraphe formats -------------------------------------------------- */

/* The output formats of render -f, one name a line, for scripts and the
 * shell completion: in paraphe(1), not in the short help, which lists the
 * commands people type. */
static int
cli_formats(void)
{
	const struct pp_output *o;

	for (o = pp_outputs; o->name != NULL; o++)
		printf("%s\n", o->name);
	return EXIT_OK;
}

/* --- paraphe schema --------------------------------------------------- */

static int
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

/* --- paraphe render --------------------------------------------------- */

/*
 * The formats of "-f pdf,odt" (render, watch) as a set of pp_output_bit;
 * -1 with a message, and a "did you mean", for a name that is no format
 * or an empty list.
 */
static int
cli_parse_formats(const char *command, const char *format, unsigned *formats)
{
	char **list = g_strsplit(format, ",", 0);
	const struct pp_output *o;
	int k, bad = 0;

	*formats = 0;
	for (k = 0; list[k] != NULL; k++) {
		g_strstrip(list[k]);
		o = pp_output_find(list[k]);
		if (o == NULL) {
			const struct pp_output *near =
			    pp_output_suggest(list[k]);
			char *known = pp_outputs_names();

			if (near != NULL)
				fprintf(stderr,
					_("%s %s: unknown format \"%s\"; did "
					  "you mean \"%s\"? (formats: %s)\n"),
					progname, command, list[k], near->name,
					known);
			else
				fprintf(stderr,
					_("%s %s: unknown format \"%s\" "
					  "(formats: %s)\n"),
					progname, command, list[k], known);
			g_free(known);
			bad = 1;
		} else {
			*formats |= pp_output_bit(o);
		}
	}
	g_strfreev(list);
	return bad || *formats == 0 ? -1 : 0;
}

/* The width of the widest line of text, in characters. */
static size_t
cli_text_width(const char *text)
{
	size_t widest = 0;
	const char *line;

	for (line = text; line != NULL && *line != '\0';) {
		const char *end = strchr(line, '\n');
		size_t width =
		    (size_t)g_utf8_strlen(line, end != NULL ? end - line : -1);

		if (width > widest)
			widest = width;
		line = end != NULL ? end + 1 : NULL;
	}
	return widest;
}

/* Prints text from column indent, where the cursor is, wrapped at width
 * columns with the lines after the first indented to indent; then a
 * newline. */
static void
cli_print_wrapped(FILE *out, const char *text, size_t indent, size_t width)
{
	char **words = g_strsplit(text, " ", -1);
	size_t col = indent, i;

	for (i = 0; words[i] != NULL; i++) {
		size_t len = (size_t)g_utf8_strlen(words[i], -1);

		if (i > 0 && col + 1 + len > width) {
			fprintf(out, "\n%*s", (int)indent, "");
			col = indent;
		} else if (i > 0) {
			fputc(' ', out);
			col++;
		}
		fputs(words[i], out);
		col += len;
	}
	fputc('\n', out);
	g_strfreev(words);
}

/* The help of render: its list of formats comes from the table, wrapped
 * to the right margin of the translated text around it. */
static void
cli_usage_render(FILE *out)
{
	/* TRANSLATORS: the list of output formats follows on the last line,
	 * wrapped to the widest line of the options below, and indented to
	 * the column where this text ends. */
	const char *head = _("Usage: %s render FORM [-f FORMATS] [-o FOLDER] "
			     "[-m MODEL] [-c CHARTER]\n"
			     "Writes the documents the form asks for "
			     "(document.types) into FOLDER,\none file per "
			     "model and format: FOLDER/convention.pdf, "
			     "FOLDER/fiche-projet.pdf...\n"
			     "Nothing is written when the form or a template "
			     "has an error.\n"
			     "\n"
			     "  -f, --format LIST    ");
	const char *options =
	    _("                       several separated by commas "
	      "(default: pdf,odt)\n"
	      "  -o, --output FOLDER  where to write (default: the current "
	      "folder);\n"
	      "                       - writes xml to the standard output\n"
	      "  -m, --model NAME     this model only (a name or a model "
	      "folder)\n"
	      "  -c, --charte NAME    the graphic charter: a name under "
	      "charte/ or a\n"
	      "                       charte.yaml (default: etat)\n"
	      "      --allow-path DIR files the form names may also lie in "
	      "DIR\n"
	      "  -h, --help           show this help\n"
	      "\nExit status: 0 written, 1 invalid form, template or "
	      "charter, 2 usage or\nfile error.\n");
	const char *last_line = strrchr(head, '\n');
	GString *formats = g_string_new("");
	const struct pp_output *o;
	char *list;

	for (o = pp_outputs; o->name != NULL; o++) {
		g_string_append_printf(formats, "%s%s",
				       formats->len ? ", " : "", o->name);
		if (o->help != NULL)
			g_string_append_printf(formats, " (%s)", _(o->help));
	}
	/* TRANSLATORS: the list of output formats in "render --help", ended
	 * as the first clause of a sentence. */
	list = g_strdup_printf(_("%s;"), formats->str);
	fprintf(out, head, progname);
	cli_print_wrapped(
	    out, list, cli_text_width(last_line != NULL ? last_line + 1 : head),
	    cli_text_width(options));
	fputs(options, out);
	g_free(list);
	g_string_free(formats, TRUE);
}

static int
cli_render(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"output", required_argument, NULL, 'o'},
	    {"model", required_argument, NULL, 'm'},
	    {"charte", required_argument, NULL, 'c'},
	    {"allow-path", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *format = "pdf,odt", *outdir = ".", *model = NULL;
	const char *charte_name = "etat";
	unsigned formats = 0;
	struct pp_renderer *renderer = NULL;
	struct pp_error err;
	struct pp_diags d;
	struct pp_form *f;
	GPtrArray *written;
	char **names, *only[2], *tmpdir = NULL, date[64];
	size_t i, errors;
	int c, status = EXIT_OK;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:m:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			format = optarg;
			break;
		case 'o':
			outdir = optarg;
			break;
		case 'm':
			model = optarg;
			break;
		case 'c':
			charte_name = optarg;
			break;
		case 'A':
			pp_confine_allow(optarg);
			break;
		case 'h':
			cli_usage_render(stdout);
			return EXIT_OK;
		default:
			cli_usage_render(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("%s render: give one form\n"), progname);
		cli_usage_render(stderr);
		return EXIT_USAGE;
	}
	{
		unsigned to_stdout = 0;
		const struct pp_output *o;

		if (cli_parse_formats("render", format, &formats) != 0)
			return EXIT_USAGE;
		for (o = pp_outputs; o->name != NULL; o++)
			if (o->flags & PP_OUTPUT_TO_STDOUT)
				to_stdout |= pp_output_bit(o);
		if (strcmp(outdir, "-") == 0 && (formats & ~to_stdout) != 0) {
			fprintf(stderr,
				_("%s render: \"-o -\" writes xml only\n"),
				progname);
			return EXIT_USAGE;
		}
	}
	pp_error_init(&err);
	f = pp_form_read(argv[optind], &err);
	if (f == NULL) {
		cli_print_error(&err);
		return err.code == PP_DIAG_IO ? EXIT_USAGE : EXIT_INVALID;
	}
	only[0] = (char *)model;
	only[1] = NULL;
	names = model != NULL ? g_strdupv(only) : pp_form_model_names(f);
	pp_diags_init(&d);
	errors = pp_form_validate(f, datadir, names, &d);
	for (i = 0; i < d.n; i++)
		cli_print_diag(stderr, &d.items[i]);
	pp_diags_fini(&d);
	if (errors > 0) {
		fprintf(stderr,
			ngettext("%s: %zu error; nothing written\n",
				 "%s: %zu errors; nothing written\n", errors),
			cli_safe(argv[optind]), errors);
		status = EXIT_INVALID;
		goto out;
	}
	if (strcmp(outdir, "-") == 0 && g_strv_length(names) != 1) {
		fprintf(stderr,
			_("%s render: \"-o -\" needs a single model (-m)\n"),
			progname);
		status = EXIT_USAGE;
		goto out;
	}
	pp_diags_init(&d);
	pp_error_init(&err);
	renderer = pp_renderer_new(
	    datadir, charte_name,
	    pp_outputs_needs(formats) >= PP_OUTPUT_NEEDS_CHARTE, &d, &err);
	for (i = 0; i < d.n; i++)
		cli_print_diag(stderr, &d.items[i]);
	if (renderer == NULL) {
		if (err.set)
			cli_print_error(&err);
		status = d.n > 0 ? EXIT_INVALID : EXIT_USAGE;
		pp_diags_fini(&d);
		goto out;
	}
	pp_diags_fini(&d);
	if (strcmp(outdir, "-") == 0) {
		tmpdir = g_dir_make_tmp("paraphe-XXXXXX", NULL);
		if (tmpdir == NULL) {
			status = EXIT_USAGE;
			goto out;
		}
	}
	pp_render_date(f->root, date, sizeof(date));
	written = g_ptr_array_new_with_free_func(pp_written_free);
	pp_error_init(&err);
	if (pp_renderer_render(renderer, names, f->root,
			       tmpdir != NULL ? tmpdir : outdir, formats, date,
			       written, &err) != 0) {
		cli_print_error(&err);
		fprintf(stderr, _("%s: nothing written\n"),
			cli_safe(argv[optind]));
		status = err.code == PP_DIAG_IO || err.code == PP_DIAG_LIBRARY
			     ? EXIT_USAGE
			     : EXIT_INVALID;
		for (i = 0; i < written->len; i++)
			unlink(((struct pp_written *)written->pdata[i])->path);
	} else {
		for (i = 0; i < written->len; i++) {
			const struct pp_written *w = written->pdata[i];
			const char *path = w->path;

			if (tmpdir != NULL) {
				char *data;
				gsize len;

				if (g_file_get_contents(path, &data, &len,
							NULL)) {
					fwrite(data, 1, len, stdout);
					g_free(data);
				}
				unlink(path);
			} else if (w->page == 0) {
				printf(_("%s: wrote %s\n"),
				       cli_safe(argv[optind]), cli_safe(path));
			} else if (w->page == 1) {
				printf(_("%s: wrote page previews %s...\n"),
				       cli_safe(argv[optind]), cli_safe(path));
			}
		}
	}
	g_ptr_array_free(written, TRUE);
	if (tmpdir != NULL) {
		rmdir(tmpdir);
		g_free(tmpdir);
	}
out:
	pp_renderer_free(renderer);
	g_strfreev(names);
	pp_form_free(f);
	return status;
}

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

static int
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

/* --- paraphe check ---------------------------------------------------- */

static void
cli_usage_check(FILE *out)
{
	fprintf(out,
		_("Usage: %s check [--format text|json] [--strict] [-c "
		  "CHARTER] FILE...\n"
		  "Checks PDF and ODT documents (anyone's, not only "
		  "paraphe's) against the\ngraphic charter, and forms "
		  "against their models.  Each finding names its\nrule, "
		  "its page and its place in millimetres from the top-left "
		  "corner.\n"
		  "\n"
		  "  -f, --format FORMAT  text (default) or json\n"
		  "  -s, --strict         warnings make the file "
		  "non-conformant too\n"
		  "  -c, --charte NAME    the graphic charter (default: "
		  "etat)\n"
		  "  -h, --help           show this help\n"
		  "\nExit status: 0 conformant (warnings allowed), 1 not "
		  "conformant, 2 a file\ncannot be read, or a usage "
		  "error.\n"),
		progname);
}

static int
cli_check(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'},
	    {"strict", no_argument, NULL, 's'},
	    {"charte", required_argument, NULL, 'c'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *format = "text", *charte_name = "etat";
	struct pp_charte *charte;
	struct pp_diags d;
	struct pp_error err;
	int strict = 0, c, i, status = EXIT_OK;
	size_t k;

	optind = 1;
	while ((c = getopt_long(argc, argv, "f:sc:h", opts, NULL)) != -1) {
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
		if ((!pp_check_conformant(&r) ||
		     (strict && pp_check_count(&r, PP_SEV_WARNING) > 0)) &&
		    status == EXIT_OK)
			status = EXIT_INVALID;
		pp_check_fini(&r);
	}
	pp_charte_free(charte);
	return status;
}

/* --- paraphe watch ---------------------------------------------------- */

struct cli_watch {
	const char *form;
	const char *outdir;
	const char *datadir;
	const char *charte;
	unsigned formats;
	guint pending; /* debounce timer */
	GPtrArray *monitors;
	GPtrArray *changed; /* the files changed since the last round, as
			       shown (char *), each once */
	char *outdir_real;  /* outdir, resolved once it exists */
	char **models;	    /* every model name: outputs are named after them */
	char *cwd;	    /* the current folder, to show paths from it */
	struct stat logs[2]; /* standard output and error, when they are
				regular files (st_ino 0 otherwise) */
};

/* "[14:02:31] ", the time of day a line of the watch happened at. */
static void
cli_watch_stamp(FILE *out)
{
	char stamp[16];
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL ||
	    strftime(stamp, sizeof(stamp), "%H:%M:%S", &tm) == 0)
		strcpy(stamp, "--:--:--");
	fprintf(out, "[%s] ", stamp);
}

/*
 * Is name one of the files a render writes into its folder, or a
 * temporary file of one: MODEL.EXT, MODEL-N.png, and the same with a
 * leading dot or a suffix (".convention.pdf.XXXXXX", "convention-1.png.tmp",
 * libzip's ".convention.odt.XXXXXX.XXXXXX")?  A form, even one named
 * convention.yaml, is not.
 */
static int
cli_watch_is_output_name(const struct cli_watch *w, const char *name)
{
	size_t i;

	if (name[0] == '.')
		name++;
	for (i = 0; w->models != NULL && w->models[i] != NULL; i++) {
		size_t len = strlen(w->models[i]);
		const char *rest = name + len;
		const struct pp_output *o;

		if (strncmp(name, w->models[i], len) != 0)
			continue;
		if (rest[0] == '-' && g_ascii_isdigit(rest[1])) {
			rest++;
			while (g_ascii_isdigit(*rest))
				rest++;
			if (strncmp(rest, ".png", 4) == 0 &&
			    (rest[4] == '\0' || rest[4] == '.'))
				return 1;
			continue;
		}
		if (rest[0] != '.')
			continue;
		for (o = pp_outputs; o->name != NULL; o++) {
			size_t n = strlen(o->ext);

			if (strncmp(rest + 1, o->ext, n) == 0 &&
			    (rest[1 + n] == '\0' || rest[1 + n] == '.'))
				return 1;
		}
	}
	return 0;
}

/* Did the watch write path itself (an output or its temporary file in the
 * output folder, or that folder)?  Such events never start a render, even
 * when the output folder is the form's (issue 15). */
static int
cli_watch_is_own(const struct cli_watch *w, const char *path)
{
	char *dir, *real, *base;
	int own = 0, i;

	/* The watch's own messages, redirected into a watched folder. */
	for (i = 0; i < 2; i++) {
		struct stat st;

		if (w->logs[i].st_ino != 0 && stat(path, &st) == 0 &&
		    st.st_dev == w->logs[i].st_dev &&
		    st.st_ino == w->logs[i].st_ino)
			return 1;
	}
	if (w->outdir_real == NULL)
		return 0;
	real = realpath(path, NULL);
	if (real != NULL && strcmp(real, w->outdir_real) == 0) {
		free(real);
		return 1;
	}
	free(real);
	dir = g_path_get_dirname(path);
	real = realpath(dir, NULL);
	if (real != NULL && strcmp(real, w->outdir_real) == 0) {
		base = g_path_get_basename(path);
		own = cli_watch_is_output_name(w, base);
		g_free(base);
	}
	free(real);
	g_free(dir);
	return own;
}

/* Removes the page previews MODEL-N.png left from a longer document, from
 * page first on. */
static void
cli_watch_drop_previews(const struct cli_watch *w, const char *model,
			size_t first)
{
	size_t n;

	for (n = first; n < 10000; n++) {
		char *name = g_strdup_printf("%s-%zu.png", model, n);
		char *path = g_build_filename(w->outdir, name, NULL);
		int gone = unlink(path) != 0;

		g_free(name);
		g_free(path);
		if (gone)
			break;
	}
}

/* One render, as "paraphe render" does it; errors are printed, the watch
 * goes on.  Outputs are written atomically, so an open viewer reloads a
 * complete file. */
static void
cli_watch_render(struct cli_watch *w)
{
	struct pp_renderer *r;
	struct pp_diags d;
	struct pp_error err;
	struct pp_form *f;
	GPtrArray *written = NULL;
	GString *files;
	char **names, date[64];
	size_t i, k;

	/* The form may have changed since the last round's messages. */
	cli_sources_forget();
	for (i = 0; i < w->changed->len; i++) {
		cli_watch_stamp(stdout);
		printf(_("%s changed\n"), (char *)w->changed->pdata[i]);
	}
	g_ptr_array_set_size(w->changed, 0);
	fflush(stdout);
	pp_error_init(&err);
	f = pp_form_read(w->form, &err);
	if (f == NULL) {
		cli_print_error(&err);
		cli_watch_stamp(stderr);
		fprintf(stderr,
			_("%s: not rendered; waiting for the next "
			  "change\n"),
			w->form);
		return;
	}
	names = pp_form_model_names(f);
	pp_diags_init(&d);
	/* Warnings are printed as render prints them; errors stop here. */
	k = pp_form_validate(f, w->datadir, names, &d);
	for (i = 0; i < d.n; i++)
		cli_print_diag(stderr, &d.items[i]);
	if (k > 0) {
		cli_watch_stamp(stderr);
		fprintf(stderr,
			_("%s: not rendered; waiting for the next "
			  "change\n"),
			cli_safe(w->form));
		goto out;
	}
	pp_diags_fini(&d);
	pp_diags_init(&d);
	r = pp_renderer_new(
	    w->datadir, w->charte,
	    pp_outputs_needs(w->formats) >= PP_OUTPUT_NEEDS_CHARTE, &d, &err);
	for (i = 0; i < d.n; i++)
		cli_print_diag(stderr, &d.items[i]);
	if (r == NULL) {
		if (err.set)
			cli_print_error(&err);
		goto out;
	}
	pp_render_date(f->root, date, sizeof(date));
	written = g_ptr_array_new_with_free_func(pp_written_free);
	if (pp_renderer_render(r, names, f->root, w->outdir, w->formats, date,
			       written, &err) != 0) {
		cli_print_error(&err);
		cli_watch_stamp(stderr);
		fprintf(stderr,
			_("%s: not rendered; waiting for the next "
			  "change\n"),
			cli_safe(w->form));
	} else {
		files = g_string_new("");
		for (i = 0; i < written->len; i++) {
			const struct pp_written *o = written->pdata[i];
			char *base = g_path_get_basename(o->path);

			if (o->page <= 1)
				g_string_append_printf(
				    files, "%s%s%s", files->len ? " " : "",
				    base, o->page == 1 ? "…" : "");
			g_free(base);
		}
		/* A document that lost pages loses their previews. */
		for (k = 0; names[k] != NULL; k++) {
			size_t pages = 0;
			char *prefix = g_strdup_printf("%s-", names[k]);

			for (i = 0; i < written->len; i++) {
				const struct pp_written *o = written->pdata[i];
				char *base = g_path_get_basename(o->path);

				if (o->page > 0 &&
				    g_str_has_prefix(base, prefix) &&
				    (size_t)o->page > pages)
					pages = (size_t)o->page;
				g_free(base);
			}
			if (pages > 0)
				cli_watch_drop_previews(w, names[k], pages + 1);
			g_free(prefix);
		}
		cli_watch_stamp(stdout);
		printf(_("%s: rendered into %s: %s\n"), cli_safe(w->form),
		       cli_safe(w->outdir), cli_safe(files->str));
		g_string_free(files, TRUE);
	}
	fflush(stdout);
	pp_renderer_free(r);
	if (w->outdir_real == NULL)
		w->outdir_real = realpath(w->outdir, NULL);
out:
	if (written != NULL)
		g_ptr_array_free(written, TRUE);
	pp_diags_fini(&d);
	g_strfreev(names);
	pp_form_free(f);
}

static gboolean
cli_watch_fire(gpointer data)
{
	struct cli_watch *w = data;

	w->pending = 0;
	cli_watch_render(w);
	return G_SOURCE_REMOVE;
}

/* path as the user reads it: from the current folder when inside it. */
static const char *
cli_watch_shown(const struct cli_watch *w, const char *path)
{
	size_t n = w->cwd != NULL ? strlen(w->cwd) : 0;

	if (n > 0 && strncmp(path, w->cwd, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* Notes that path changed, once. */
static void
cli_watch_note(struct cli_watch *w, const char *path)
{
	const char *shown = cli_watch_shown(w, path);
	size_t i;

	for (i = 0; i < w->changed->len; i++)
		if (strcmp(w->changed->pdata[i], shown) == 0)
			return;
	g_ptr_array_add(w->changed, g_strdup(shown));
}

/* Forgets that path changed (see cli_watch_note). */
static void
cli_watch_forget(struct cli_watch *w, const char *path)
{
	const char *shown;
	size_t i;

	if (path == NULL)
		return;
	shown = cli_watch_shown(w, path);
	for (i = 0; i < w->changed->len; i++)
		if (strcmp(w->changed->pdata[i], shown) == 0) {
			g_ptr_array_remove_index(w->changed, (guint)i);
			return;
		}
}

static void
cli_watch_changed(GFileMonitor *m, GFile *file, GFile *other,
		  GFileMonitorEvent ev, gpointer data)
{
	struct cli_watch *w = data;
	char *path, *path2;
	int own;

	(void)m;
	if (ev != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
	    ev != G_FILE_MONITOR_EVENT_CREATED &&
	    ev != G_FILE_MONITOR_EVENT_DELETED &&
	    ev != G_FILE_MONITOR_EVENT_RENAMED &&
	    ev != G_FILE_MONITOR_EVENT_MOVED_IN &&
	    ev != G_FILE_MONITOR_EVENT_MOVED_OUT)
		return;
	/* A rename inside a folder: file is the old name, other the new. */
	path = g_file_get_path(file);
	path2 = ev == G_FILE_MONITOR_EVENT_RENAMED && other != NULL
		    ? g_file_get_path(other)
		    : NULL;
	own = (path != NULL && cli_watch_is_own(w, path)) ||
	      (path2 != NULL && cli_watch_is_own(w, path2));
	if (!own && path2 != NULL) {
		/* An editor's temporary file that became the form: the form
		 * changed, not the temporary file. */
		cli_watch_forget(w, path);
		cli_watch_note(w, path2);
	} else if (!own && path != NULL) {
		cli_watch_note(w, path);
	}
	g_free(path);
	g_free(path2);
	if (own)
		return;
	/* Editors save in several steps: render once they are done. */
	if (w->pending != 0)
		g_source_remove(w->pending);
	w->pending = g_timeout_add(250, cli_watch_fire, w);
}

static void
cli_watch_add(struct cli_watch *w, const char *path, int dir)
{
	GFile *file = g_file_new_for_path(path);
	GFileMonitor *m =
	    dir ? g_file_monitor_directory(file, G_FILE_MONITOR_WATCH_MOVES,
					   NULL, NULL)
		: g_file_monitor_file(file, G_FILE_MONITOR_WATCH_MOVES, NULL,
				      NULL);

	g_object_unref(file);
	if (m == NULL)
		return;
	g_signal_connect(m, "changed", G_CALLBACK(cli_watch_changed), w);
	g_ptr_array_add(w->monitors, m);
}

static void
cli_usage_watch(FILE *out)
{
	fprintf(out,
		_("Usage: %s watch FORM [-o FOLDER] [-f FORMATS] [--apercu] "
		  "[-c CHARTER]\n"
		  "                  [--allow-path DIR]\n"
		  "Renders the form, then again whenever the form, a model, "
		  "a clause, the charter,\na logo or an annex file changes, "
		  "printing the time and the file that changed.\nErrors are "
		  "printed and the watch goes on; stop it with Ctrl-C.\n"
		  "\n"
		  "  -o, --output FOLDER   where to write (default: the "
		  "current folder)\n"
		  "  -f, --format LIST     formats, as for render (default: "
		  "pdf)\n"
		  "      --apercu          also refresh PNG previews of the "
		  "pages\n"
		  "  -c, --charte CHARTER  the graphic charter (default: "
		  "etat)\n"
		  "  -h, --help            show this help\n"),
		progname);
}

static int
cli_watch(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'},
	    {"format", required_argument, NULL, 'f'},
	    {"apercu", no_argument, NULL, 'P'},
	    {"charte", required_argument, NULL, 'c'},
	    {"allow-path", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct cli_watch w;
	GMainLoop *loop;
	char *dir, *models, *form_dir;
	const char *format = "pdf";
	int c, apercu = 0;

	memset(&w, 0, sizeof(w));
	w.outdir = ".";
	w.charte = "etat";
	w.datadir = datadir;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:f:c:h", opts, NULL)) != -1) {
		switch (c) {
		case 'o':
			w.outdir = optarg;
			break;
		case 'f':
			format = optarg;
			break;
		case 'P':
			apercu = 1;
			break;
		case 'c':
			w.charte = optarg;
			break;
		case 'A':
			pp_confine_allow(optarg);
			break;
		case 'h':
			cli_usage_watch(stdout);
			return EXIT_OK;
		default:
			cli_usage_watch(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, _("%s watch: give one form\n"), progname);
		return EXIT_USAGE;
	}
	if (cli_parse_formats("watch", format, &w.formats) != 0)
		return EXIT_USAGE;
	if (apercu)
		w.formats |= pp_output_bit(pp_output_find("png"));
	if (strcmp(w.outdir, "-") == 0) {
		fprintf(stderr, _("%s watch: \"-o -\": give a folder\n"),
			progname);
		return EXIT_USAGE;
	}
	w.form = argv[optind];
	w.monitors = g_ptr_array_new_with_free_func(g_object_unref);
	w.changed = g_ptr_array_new_with_free_func(g_free);
	w.models = pp_model_list(datadir);
	w.cwd = g_get_current_dir();
	w.outdir_real = realpath(w.outdir, NULL);
	for (c = 0; c < 2; c++)
		if (fstat(c + 1, &w.logs[c]) != 0 ||
		    !S_ISREG(w.logs[c].st_mode))
			memset(&w.logs[c], 0, sizeof(w.logs[c]));
	/* The form's folder (the form, its logos and its annex files), the
	 * models, the clauses and the charters, watched before the first
	 * render: a change saved while it runs is not lost. */
	form_dir = g_path_get_dirname(w.form);
	cli_watch_add(&w, form_dir, 1);
	{
		char *logos = g_build_filename(form_dir, "logos", NULL);
		char *annexes = g_build_filename(form_dir, "annexes", NULL);

		cli_watch_add(&w, logos, 1);
		cli_watch_add(&w, annexes, 1);
		g_free(logos);
		g_free(annexes);
	}
	models = g_build_filename(datadir, "models", NULL);
	cli_watch_add(&w, models, 1);
	dir = g_build_filename(models, "clauses", NULL);
	cli_watch_add(&w, dir, 1);
	g_free(dir);
	cli_watch_render(&w);
	/* The folders of the models the form names, known once read. */
	{
		int i;

		for (i = 0; w.models != NULL && w.models[i] != NULL; i++) {
			dir = g_build_filename(models, w.models[i], NULL);
			cli_watch_add(&w, dir, 1);
			g_free(dir);
		}
	}
	dir = strchr(w.charte, '/') != NULL
		  ? g_strdup(w.charte)
		  : g_build_filename(datadir, "charte", w.charte, NULL);
	cli_watch_add(&w, dir, !g_str_has_suffix(dir, ".yaml"));
	g_free(dir);
	g_free(models);
	g_free(form_dir);
	loop = g_main_loop_new(NULL, FALSE);
	g_main_loop_run(loop);
	g_main_loop_unref(loop);
	g_ptr_array_free(w.monitors, TRUE);
	g_ptr_array_free(w.changed, TRUE);
	g_strfreev(w.models);
	g_free(w.cwd);
	free(w.outdir_real);
	return EXIT_OK;
}

/* --- paraphe serve ---------------------------------------------------- */

static void
cli_usage_serve(FILE *out)
{
	fprintf(out,
		_("Usage: %s serve [--listen HOST:PORT] [--data DIR] "
		  "[--workers N]\n"
		  "               [--auth TOKENFILE | --auth-header NAME]\n"
		  "Serves the web workspace and its JSON API (doc/api.md): "
		  "drafts, forms\nchecked as you type, previews, downloads, "
		  "charter checks.\n"
		  "\n"
		  "  -l, --listen HOST:PORT  address to listen on (default: "
		  "127.0.0.1:8080;\n"
		  "                          port 0: any free port)\n"
		  "  -d, --data DIR          the drafts database's folder "
		  "(default:\n"
		  "                          paraphe-donnees)\n"
		  "  -j, --workers N         renders and checks at once "
		  "(default: 2)\n"
		  "      --queue N           requests that may wait for a "
		  "worker before the\n"
		  "                          server answers 503 (default: 4 "
		  "per worker)\n"
		  "      --auth TOKENFILE    require \"Authorization: Bearer "
		  "TOKEN\", TOKEN\n"
		  "                          being the file's first line\n"
		  "      --auth-header NAME  require the header NAME, set by "
		  "a reverse\n"
		  "                          proxy that authenticated the "
		  "user\n"
		  "  -h, --help              show this help\n"
		  "\nAn address other than the loopback needs --auth or "
		  "--auth-header.\nSIGTERM or SIGINT stops it cleanly.\n"
		  "\nExit status: 0 stopped by a signal, 2 usage error or "
		  "cannot start.\n"),
		progname);
}

static int
cli_serve(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    {"data", required_argument, NULL, 'd'},
	    {"workers", required_argument, NULL, 'j'},
	    {"queue", required_argument, NULL, 'Q'},
	    {"auth", required_argument, NULL, 'a'},
	    {"auth-header", required_argument, NULL, 'H'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct pp_serve_opts o = {"127.0.0.1:8080",
				  datadir,
				  "paraphe-donnees",
				  NULL,
				  2,
				  -1,
				  NULL,
				  NULL};
	const char *token_file = NULL;
	char *token = NULL, *exe, *host, *data;
	struct pp_error err;
	int c, rc;

	optind = 1;
	while ((c = getopt_long(argc, argv, "l:d:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			o.listen = optarg;
			break;
		case 'd':
			o.data = optarg;
			break;
		case 'j':
			if (cli_parse_int(optarg, 1, 64, &o.workers) != 0) {
				fprintf(stderr,
					_("%s serve: --workers wants a "
					  "number from 1 to 64\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'Q':
			if (cli_parse_int(optarg, 0, 10000, &o.queue) != 0) {
				fprintf(stderr,
					_("%s serve: --queue wants a number "
					  "from 0 to 10000\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'a':
			token_file = optarg;
			break;
		case 'H':
			o.auth_header = optarg;
			break;
		case 'h':
			cli_usage_serve(stdout);
			return EXIT_OK;
		default:
			cli_usage_serve(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_usage_serve(stderr);
		return EXIT_USAGE;
	}
	if (token_file != NULL) {
		gsize len;

		if (!g_file_get_contents(token_file, &token, &len, NULL) ||
		    strlen(g_strstrip(token)) < 16) {
			fprintf(stderr,
				_("%s serve: %s: cannot read a token of at "
				  "least 16 characters\n"),
				progname, cli_safe(token_file));
			g_free(token);
			return EXIT_USAGE;
		}
		if (strchr(token, '\n') != NULL)
			*strchr(token, '\n') = '\0';
		o.auth_token = token;
	}
	host = strrchr(o.listen, ':') != NULL
		   ? g_strndup(o.listen,
			       (gsize)(strrchr(o.listen, ':') - o.listen))
		   : g_strdup(o.listen);
	if (host[0] == '[') {
		memmove(host, host + 1, strlen(host));
		if (strchr(host, ']') != NULL)
			*strchr(host, ']') = '\0';
	}
	if (host[0] != '\0' && pp_serve_host_is_loopback(host) != 1 &&
	    o.auth_token == NULL && o.auth_header == NULL) {
		fprintf(stderr,
			_("%s serve: %s is not a loopback address: give "
			  "--auth TOKENFILE or --auth-header NAME so that "
			  "only your users reach the drafts\n"),
			progname, cli_safe(host));
		g_free(host);
		g_free(token);
		return EXIT_USAGE;
	}
	g_free(host);
	/* PARAPHE_SERVE_WORKER: the program the workers run instead of this
	 * paraphe (tests: one that waits for a signal). */
	exe = getenv("PARAPHE_SERVE_WORKER") != NULL &&
		      getenv("PARAPHE_SERVE_WORKER")[0] != '\0'
		  ? g_strdup(getenv("PARAPHE_SERVE_WORKER"))
		  : g_file_read_link("/proc/self/exe", NULL);
	data = g_canonicalize_filename(o.data, NULL);
	o.exe = exe;
	o.data = data;
	pp_error_init(&err);
	rc = exe == NULL ? -1 : pp_serve_run(&o, &err);
	if (rc != 0) {
		if (err.set)
			cli_print_error(&err);
		else
			fprintf(stderr, _("%s serve: cannot start\n"),
				progname);
	}
	g_free(exe);
	g_free(data);
	g_free(token);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}

/* --- main ------------------------------------------------------------- */

static void
cli_usage(FILE *out)
{
	fprintf(out,
		_("Usage: %s COMMAND [OPTIONS] [FILES]\n"
		  "Writes State partnership conventions and project sheets "
		  "from forms.\n"
		  "\n"
		  "Commands:\n"
		  "  validate FORM...  check forms and report every mistake\n"
		  "  render FORM       write the documents of a form\n"
		  "  kit CAMPAIGN      write every partner's documents of a "
		  "campaign\n"
		  "  check FILE...     check PDF and ODT files against the "
		  "charter\n"
		  "  watch FORM        render again whenever an input "
		  "changes\n"
		  "  init MODEL        print an example form to start from\n"
		  "  models            list the available models\n"
		  "  schema MODEL      print the JSON Schema of a model's "
		  "form\n"
		  "  serve             serve the web workspace and its "
		  "JSON API\n"
		  "\n"
		  "  -h, --help        show this help (COMMAND --help for a "
		  "command)\n"
		  "  -V, --version     show the version\n"),
		progname);
}

/*
 * What paraphe assumes of the process it is started in: descriptors 0 to 2
 * open (a file or a pipe opened later would otherwise take one of them and
 * receive messages meant for the terminal), and children it can wait for
 * (SIGCHLD ignored by a parent would reap them first).
 */
static void
cli_sane_process(void)
{
	int fd;

	for (fd = STDIN_FILENO; fd <= STDERR_FILENO; fd++)
		if (fcntl(fd, F_GETFD) < 0 && errno == EBADF) {
			int null = open("/dev/null", O_RDWR);

			if (null >= 0 && null != fd) {
				dup2(null, fd);
				close(null);
			}
		}
	signal(SIGCHLD, SIG_DFL);
}

int
main(int argc, char **argv)
{
	enum cli_datadir_origin origin;
	char *datadir, *localedir;
	int status;

#ifdef M_ARENA_MAX
	/* One malloc arena: glibc reserves 64 MiB of address space (128 MiB
	 * while aligning it) for each thread's arena, so that Pango's font
	 * threads failed to start -- a g_error() -- under a 256 MB ulimit -v
	 * (issue 8). */
	mallopt(M_ARENA_MAX, 1);
#endif
	cli_sane_process();
	setlocale(LC_ALL, "");
	/* Numbers in charters, forms, PDF, ODT and JSON keep their decimal
	 * point whatever the language. */
	setlocale(LC_NUMERIC, "C");
	localedir = cli_localedir();
	bindtextdomain("paraphe", localedir);
	g_free(localedir);
	bind_textdomain_codeset("paraphe", "UTF-8");
	textdomain("paraphe"); /* for ngettext() */
	if (argc < 2) {
		cli_usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		cli_usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "-V") == 0 || strcmp(argv[1], "--version") == 0) {
		printf("paraphe %s\n", PP_VERSION);
		return EXIT_OK;
	}
	datadir = cli_datadir(&origin);
	if (cli_needs_data(argv[1]) && !cli_asks_help(argc, argv) &&
	    cli_require_data(datadir, origin) != 0) {
		g_free(datadir);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "validate") == 0) {
		status = cli_validate(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "render") == 0) {
		status = cli_render(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "watch") == 0) {
		status = cli_watch(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "check") == 0) {
		status = cli_check(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "kit") == 0) {
		status = cli_kit(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "init") == 0) {
		status = cli_init(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "models") == 0) {
		status = cli_models(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "schema") == 0) {
		status = cli_schema(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "serve") == 0) {
		status = cli_serve(argc - 1, argv + 1, datadir);
	} else if (strcmp(argv[1], "formats") == 0) {
		status = cli_formats();
	} else {
		fprintf(stderr, _("%s: unknown command \"%s\"\n"), progname,
			argv[1]);
		cli_usage(stderr);
		status = EXIT_USAGE;
	}
	g_free(datadir);
	cli_sources_forget();
	return status;
}
