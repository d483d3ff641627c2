/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe watch: render again whenever an input changes.
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
	if (pp_renderer_render(r, names, f->root, f->source, f->source_len,
			       w->outdir, w->formats, date, written,
			       &err) != 0) {
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

int
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
