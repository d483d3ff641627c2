/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * bench-render: renders one form N times to PDF in a single process, the
 * way a kit worker would: the charter, the model, the template and the
 * layout engine (fontconfig, Pango context, hyphenation patterns) are
 * loaded once; every iteration then expands the template over the form,
 * lays the document out and writes DIR/convention-N.pdf.
 *
 * Each iteration changes partenaire.denomination ("Partenaire N") and
 * document.reference (suffix -N) in the value tree before expansion, so
 * that no stage could hand back a cached result: the partner's name appears
 * in the parties block, the articles and the signature block, the reference
 * in every page header.
 *
 * usage: bench-render [-r] [-m MODEL] [-c CHARTER] FORM N DIR
 *   -r  also read and validate the form again at every iteration (a worker
 *       that receives a new form file each time); off by default.
 *
 * Prints the setup time, the total and per-document time of the loop and
 * the pages of the last document, on one line of key=value pairs
 * (bench/run.sh reads them), plus a human line on stderr.
 *
 * Not a test and not installed: bench/run.sh builds it against
 * build-bench/src/libparaphe.a.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "charte.h"
#include "config.h"
#include "diag.h"
#include "layout.h"
#include "model.h"
#include "outputs.h"
#include "template.h"
#include "value.h"

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die_err(const char *what, const struct pp_error *err)
{
	fprintf(stderr, "bench-render: %s: %s%s%s\n", what,
		err->file[0] != '\0' ? err->file : "",
		err->file[0] != '\0' ? ": " : "", err->message);
	exit(1);
}

/* Reads and validates the form against model; exits on any error. */
static struct pp_form *
read_form(const char *path, const char *datadir, const char *model)
{
	struct pp_error err;
	struct pp_diags d;
	struct pp_form *f;
	char *only[2] = {(char *)model, NULL};
	size_t errors, i;

	pp_error_init(&err);
	f = pp_form_read(path, &err);
	if (f == NULL)
		die_err("reading the form", &err);
	pp_diags_init(&d);
	errors = pp_form_validate(f, datadir, only, &d);
	if (errors > 0) {
		for (i = 0; i < d.n; i++)
			fprintf(stderr, "bench-render: %s\n",
				d.items[i].message);
		fprintf(stderr, "bench-render: %s: invalid form\n", path);
		exit(1);
	}
	pp_diags_fini(&d);
	return f;
}

/* Sets map.key to a new string value (in the form's arena). */
static void
set_string(struct pp_form *f, const char *map_path, const char *key,
	   const char *s)
{
	struct pp_value *map = pp_value_path_get(f->root, map_path);

	if (map == NULL || map->kind != PP_VALUE_MAP)
		return;
	pp_value_map_set(f->arena, map, key,
			 pp_value_new_string(f->arena, s, strlen(s), NULL));
}

/* Gives iteration i its own data. */
static void
vary(struct pp_form *f, const char *ref0, int i)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "Partenaire %d", i);
	set_string(f, "partenaire", "denomination", buf);
	if (ref0 != NULL) {
		snprintf(buf, sizeof(buf), "%s-%d", ref0, i);
		set_string(f, "document", "reference", buf);
	}
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-render [-r] [-m MODEL] [-c CHARTER] "
			"FORM N DIR\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	const char *env = getenv("PARAPHE_DATADIR");
	const char *datadir =
	    env != NULL && env[0] != '\0' ? env : PP_SOURCE_DATADIR;
	const char *model_name = "convention", *charte_name = "etat";
	const char *form_path, *outdir, *date;
	char *ref0 = NULL;
	int reread = 0, n, i, c;
	size_t pages_last = 0, pages_total = 0;
	struct pp_error err;
	struct pp_diags cd;
	struct pp_form *f;
	struct pp_model *m;
	struct pp_template *t;
	struct pp_charte *charte;
	const struct pp_output *pdf;
	struct pp_layout_engine *engine;
	char *tpl_path, *parent, *clauses;
	double t0, t1, t2;

	while ((c = getopt(argc, argv, "rm:c:")) != -1) {
		switch (c) {
		case 'r':
			reread = 1;
			break;
		case 'm':
			model_name = optarg;
			break;
		case 'c':
			charte_name = optarg;
			break;
		default:
			usage();
		}
	}
	if (argc - optind != 3)
		usage();
	form_path = argv[optind];
	n = atoi(argv[optind + 1]);
	outdir = argv[optind + 2];
	if (n < 1)
		usage();
	if (g_mkdir_with_parents(outdir, 0755) != 0) {
		fprintf(stderr, "bench-render: cannot create %s\n", outdir);
		return 2;
	}
	/* Same date in every PDF, as SOURCE_DATE_EPOCH would give. */
	date = "2026-01-15T00:00:00Z";

	/* --- once per process ------------------------------------------ */
	t0 = now();
	f = read_form(form_path, datadir, model_name);
	{
		const char *r = pp_value_text(
		    pp_value_path_get(f->root, "document.reference"));

		ref0 = r != NULL ? g_strdup(r) : NULL;
	}
	pp_error_init(&err);
	m = pp_model_load(datadir, model_name, &err);
	if (m == NULL)
		die_err("loading the model", &err);
	tpl_path = g_build_filename(m->dir, "template.xml", NULL);
	parent = g_path_get_dirname(m->dir);
	clauses = g_build_filename(parent, "clauses", NULL);
	t = pp_template_load(tpl_path, clauses, &err);
	if (t == NULL)
		die_err("loading the template", &err);
	pp_diags_init(&cd);
	charte = pp_charte_load(datadir, charte_name, &cd, &err);
	if (charte == NULL) {
		for (i = 0; i < (int)cd.n; i++)
			fprintf(stderr, "bench-render: %s\n",
				cd.items[i].message);
		die_err("loading the charter", &err);
	}
	pp_diags_fini(&cd);
	engine = pp_layout_engine_new(charte, &err);
	if (engine == NULL)
		die_err("starting the layout engine", &err);
	t1 = now();

	/* --- once per document ----------------------------------------- */
	pdf = pp_output_find("pdf");
	for (i = 1; i <= n; i++) {
		struct pp_doc *doc;
		struct pp_pages *laid;
		struct pp_output_input in;
		char file[64], *path;

		if (reread && i > 1) {
			pp_form_free(f);
			f = read_form(form_path, datadir, model_name);
		}
		vary(f, ref0, i);
		pp_error_init(&err);
		doc = pp_template_expand(t, m->name, f->root, &err);
		if (doc == NULL)
			die_err("expanding the template", &err);
		laid = pp_layout_run(engine, doc, &err);
		if (laid == NULL)
			die_err("laying out", &err);
		snprintf(file, sizeof(file), "%s-%d.pdf", m->name, i);
		path = g_build_filename(outdir, file, NULL);
		/* The PDF writer of the outputs table, post-processing
		 * included, as "paraphe render" writes it. */
		memset(&in, 0, sizeof(in));
		in.doc = doc;
		in.pages = laid;
		in.charte = charte;
		in.engine = engine;
		in.date = date;
		in.generator = "paraphe " PP_VERSION;
		in.datadir = datadir;
		in.form = f->root;
		in.source = f->source;
		in.source_len = f->source_len;
		if (pdf->write(&in, path, &err) != 0)
			die_err("writing the PDF", &err);
		pages_last = laid->n;
		pages_total += laid->n;
		g_free(path);
		pp_pages_free(laid);
		pp_doc_free(doc);
	}
	t2 = now();

	printf("setup_s=%.4f total_s=%.4f per_doc_ms=%.2f docs=%d pages=%zu "
	       "pages_total=%zu reread=%d\n",
	       t1 - t0, t2 - t1, (t2 - t1) * 1000.0 / n, n, pages_last,
	       pages_total, reread);
	fprintf(stderr,
		"bench-render: %d documents of %zu pages in %.3f s "
		"(%.2f ms each; setup %.1f ms)\n",
		n, pages_last, t2 - t1, (t2 - t1) * 1000.0 / n,
		(t1 - t0) * 1000.0);

	pp_layout_engine_free(engine);
	pp_charte_free(charte);
	pp_template_free(t);
	g_free(tpl_path);
	g_free(parent);
	g_free(clauses);
	pp_model_free(m);
	pp_form_free(f);
	g_free(ref0);
	return 0;
}
