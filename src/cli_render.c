/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe render: a form's documents in the formats asked for.
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

/* --- paraphe render --------------------------------------------------- */

/*
 * The formats of "-f pdf,odt" (render, watch) as a set of pp_output_bit;
 * -1 with a message, and a "did you mean", for a name that is no format
 * or an empty list.
 */
int
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
size_t
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
void
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

int
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
	if (pp_renderer_render(renderer, names, f->root, f->source,
			       f->source_len, tmpdir != NULL ? tmpdir : outdir,
			       formats, date, written, &err) != 0) {
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
