/* SPDX-License-Identifier: EUPL-1.2 */
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "annex.h"
#include "calendar.h"
#include "charte.h"
#include "coherence.h"
#include "config.h"
#include "hyphennames.h"
#include "i18n.h"
#include "layout.h"
#include "model.h"
#include "render.h"
#include "template.h"
#include "xalloc.h"

struct render_template {
	char *model; /* the model's name */
	struct pp_template *t;
};

struct pp_renderer {
	char *datadir;
	struct pp_charte *charte;	 /* NULL when no layout is needed */
	struct pp_layout_engine *engine; /* idem */
	GHashTable *templates;	      /* model name -> struct render_template */
	struct pp_calendar *calendar; /* the electoral calendar, or NULL */
};

static void
render_template_free(gpointer p)
{
	struct render_template *rt = p;

	pp_template_free(rt->t);
	g_free(rt->model);
	free(rt);
}

struct pp_renderer *
pp_renderer_new(const char *datadir, const char *charte, int need_layout,
		struct pp_diags *d, struct pp_error *err)
{
	struct pp_renderer *r = pp_xcalloc(1, sizeof(*r));

	r->datadir = g_strdup(datadir);
	r->templates = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					     render_template_free);
	if (pp_calendar_load(datadir, &r->calendar, d, err) != 0) {
		pp_renderer_free(r);
		return NULL;
	}
	if (need_layout) {
		r->charte = pp_charte_load(datadir, charte, d, err);
		if (r->charte == NULL) {
			pp_renderer_free(r);
			return NULL;
		}
		r->engine = pp_layout_engine_new(r->charte, err);
		if (r->engine == NULL) {
			pp_renderer_free(r);
			return NULL;
		}
	}
	return r;
}

void
pp_renderer_free(struct pp_renderer *r)
{
	if (r == NULL)
		return;
	pp_layout_engine_free(r->engine);
	pp_charte_free(r->charte);
	g_hash_table_destroy(r->templates);
	pp_calendar_free(r->calendar);
	g_free(r->datadir);
	free(r);
}

const struct pp_charte *
pp_renderer_charte(const struct pp_renderer *r)
{
	return r->charte;
}

/* The parsed template of a model, loaded on first use. */
static struct render_template *
render_template(struct pp_renderer *r, const char *name, struct pp_error *err)
{
	struct render_template *rt = g_hash_table_lookup(r->templates, name);
	char *dir, *base, *path, *parent, *clauses;

	if (rt != NULL)
		return rt;
	/* The form was validated against the model's schema already: only
	 * its folder is needed here. */
	if (pp_model_locate(r->datadir, name, &dir, &base, err) != 0)
		return NULL;
	path = g_build_filename(dir, "template.xml", NULL);
	parent = g_path_get_dirname(dir);
	clauses = g_build_filename(parent, "clauses", NULL);
	rt = pp_xcalloc(1, sizeof(*rt));
	rt->model = base;
	rt->t = pp_template_load(path, clauses, err);
	g_free(path);
	g_free(parent);
	g_free(clauses);
	g_free(dir);
	if (rt->t == NULL) {
		render_template_free(rt);
		return NULL;
	}
	g_hash_table_insert(r->templates, g_strdup(name), rt);
	return rt;
}

void
pp_written_free(void *p)
{
	struct pp_written *w = p;

	if (w == NULL)
		return;
	g_free(w->path);
	free(w);
}

static void
render_written_add(GPtrArray *written, const struct pp_output *o,
		   const char *outdir, const char *model, size_t page)
{
	struct pp_written *w = pp_xcalloc(1, sizeof(*w));
	char *file = pp_output_file_name(o, model, page);

	w->path = g_build_filename(outdir, file, NULL);
	w->format = o;
	w->page = page;
	g_ptr_array_add(written, w);
	g_free(file);
}

/* Writes doc (laid out as pages, when the format needs it) in format o
 * and records the files in written (may be NULL). */
static int
render_write(struct pp_renderer *r, const struct pp_output *o,
	     const struct pp_doc *doc, const struct pp_pages *pages,
	     const struct pp_value *form, const char *source, size_t source_len,
	     const char *outdir, const char *date, GPtrArray *written,
	     struct pp_error *err)
{
	struct pp_output_input in;
	char *path, *file = NULL;
	size_t page;
	int rc;

	memset(&in, 0, sizeof(in));
	in.doc = doc;
	in.pages = pages;
	in.charte = r->charte;
	in.engine = r->engine;
	in.date = date;
	in.generator = "paraphe " PP_VERSION;
	in.datadir = r->datadir;
	in.form = form;
	in.source = source;
	in.source_len = source_len;
	if (o->flags & PP_OUTPUT_PER_PAGE) {
		path = g_build_filename(outdir, doc->model, NULL);
	} else {
		file = pp_output_file_name(o, doc->model, 0);
		path = g_build_filename(outdir, file, NULL);
	}
	rc = o->write(&in, path, err);
	if (rc == 0 && written != NULL && !(o->flags & PP_OUTPUT_PER_PAGE))
		render_written_add(written, o, outdir, doc->model, 0);
	else if (rc == 0 && written != NULL)
		for (page = 1; page <= pages->n; page++)
			render_written_add(written, o, outdir, doc->model,
					   page);
	g_free(path);
	g_free(file);
	return rc;
}

static void
render_put(struct pp_arena *a, struct pp_value *map, const char *key,
	   const char *text)
{
	if (text != NULL)
		pp_value_map_append(
		    a, map, key, NULL,
		    pp_value_new_string(a, text, strlen(text), NULL));
}

/* A copy of map (its entries, not their values) in a. */
static struct pp_value *
render_map_copy(struct pp_arena *a, const struct pp_value *map)
{
	struct pp_value *copy = pp_value_new(a, PP_VALUE_MAP, &map->pos);
	size_t i;

	for (i = 0; i < map->u.map.n; i++)
		pp_value_map_append(a, copy, map->u.map.items[i].key,
				    &map->u.map.items[i].key_pos,
				    map->u.map.items[i].value);
	return copy;
}

/*
 * The annexes with a Markdown file (annexes[].fichier), each given the
 * file's text as its texte, read and checked as validation did (annex.h),
 * from the folder of the form's file.  NULL when no annex has a file, or
 * with err filled when a file no longer passes.
 */
static struct pp_value *
render_annex_files(struct pp_arena *a, const struct pp_value *form, int *failed,
		   struct pp_error *err)
{
	const struct pp_value *annexes = pp_value_map_get(form, "annexes");
	struct pp_value *list = NULL;
	char *dir = NULL;
	size_t i;

	*failed = 0;
	if (annexes == NULL || annexes->kind != PP_VALUE_LIST)
		return NULL;
	for (i = 0; i < annexes->u.list.n; i++) {
		const struct pp_value *an = annexes->u.list.items[i];
		const struct pp_value *f = an->kind == PP_VALUE_MAP
					       ? pp_value_map_get(an, "fichier")
					       : NULL;
		struct pp_value *copy, *t;
		struct pp_diags d;
		struct pp_pos at;
		char *text = NULL, path[64];

		if (pp_value_string(f) == NULL)
			continue;
		if (list == NULL) {
			list = pp_value_new(a, PP_VALUE_LIST, &annexes->pos);
			for (size_t k = 0; k < annexes->u.list.n; k++)
				pp_value_list_append(a, list,
						     annexes->u.list.items[k]);
			dir = g_path_get_dirname(
			    form->pos.file != NULL ? form->pos.file : ".");
		}
		snprintf(path, sizeof(path), "annexes[%zu].fichier", i + 1);
		pp_diags_init(&d);
		if (pp_annex_read(dir, pp_value_string(f), &f->pos, path, &text,
				  &d) != 0) {
			const struct pp_diag *g = &d.items[0];

			at.file = g->file;
			at.line = g->line;
			at.col = g->col;
			pp_error_set(err, g->code, &at, "%s: %s", path,
				     g->message);
			pp_diags_fini(&d);
			*failed = 1;
			break;
		}
		pp_diags_fini(&d);
		/* Positions in the text are the file's. */
		at.file = pp_arena_strdup(
		    a, f->pos.file != NULL ? pp_value_string(f) : "annexe");
		at.line = 1;
		at.col = 1;
		t = pp_value_new_string(a, text, strlen(text), &at);
		free(text);
		copy = render_map_copy(a, an);
		pp_value_map_set(a, copy, "texte", t);
		list->u.list.items[i] = copy;
	}
	g_free(dir);
	return list;
}

/*
 * What the templates see: the form, plus the values paraphe computes from
 * it and from its data.  reserve_electorale: the election whose reserve
 * period the relay meets (nom, debut, fin, portee, territoires);
 * avertissements: what the form's coherence warnings found
 * (pp_coherence_facts), for the fiche's « Points de vigilance »; annexes:
 * those with a Markdown file get its text as their texte.  The form itself
 * is not changed: a new root map in a, sharing the form's values.  NULL
 * with err filled when an annex file cannot be read.
 */
static const struct pp_value *
render_values(const struct pp_renderer *r, struct pp_arena *a,
	      const struct pp_value *form, struct pp_error *err)
{
	const struct pp_election *e;
	struct pp_value *root, *res, *annexes, *facts;
	int failed;

	if (form == NULL || form->kind != PP_VALUE_MAP)
		return form;
	annexes = render_annex_files(a, form, &failed, err);
	if (failed)
		return NULL;
	e = pp_calendar_overlap(r->calendar,
				pp_value_text(pp_value_path_get(
				    form, "contenu.periode_relais.debut")),
				pp_value_text(pp_value_path_get(
				    form, "contenu.periode_relais.fin")));
	facts = pp_coherence_facts(form, r->calendar, a);
	if (e == NULL && annexes == NULL && facts == NULL)
		return form;
	root = render_map_copy(a, form);
	if (annexes != NULL)
		pp_value_map_set(a, root, "annexes", annexes);
	if (facts != NULL)
		pp_value_map_set(a, root, "avertissements", facts);
	if (e == NULL)
		return root;
	/* A computed value wins over a key of the same name, which the
	 * schema would have refused anyway. */
	res = pp_value_new(a, PP_VALUE_MAP, NULL);
	render_put(a, res, "nom", e->name);
	render_put(a, res, "debut", e->reserve_start);
	render_put(a, res, "fin", e->last_round);
	render_put(a, res, "portee", e->scope);
	render_put(a, res, "territoires", e->areas);
	pp_value_map_set(a, root, "reserve_electorale", res);
	return root;
}

int
pp_renderer_render(struct pp_renderer *r, char *const *models,
		   const struct pp_value *form, const char *source,
		   size_t source_len, const char *outdir, unsigned formats,
		   const char *date, void *written_arg, struct pp_error *err)
{
	GPtrArray *written = written_arg;
	struct pp_arena *values_arena = pp_arena_new();
	const struct pp_value *values =
	    render_values(r, values_arena, form, err);
	size_t n = 0, i;
	struct pp_doc **docs;
	struct pp_pages **pages;
	int rc = form != NULL && values == NULL ? -1 : 0;

	while (models[n] != NULL)
		n++;
	docs = pp_xcalloc(n + 1, sizeof(*docs));
	pages = pp_xcalloc(n + 1, sizeof(*pages));
	for (i = 0; rc == 0 && i < n; i++) {
		struct render_template *rt = render_template(r, models[i], err);

		if (rt == NULL) {
			rc = -1;
			break;
		}
		docs[i] = pp_template_expand(rt->t, rt->model, values, err);
		if (docs[i] == NULL)
			rc = -1;
		else
			docs[i]->nohyphen =
			    pp_hyphen_form_names(form, docs[i]->arena);
	}
	if (rc == 0 && pp_outputs_needs(formats) == PP_OUTPUT_NEEDS_PAGES)
		for (i = 0; rc == 0 && i < n; i++) {
			pages[i] = pp_layout_run(r->engine, docs[i], err);
			if (pages[i] == NULL)
				rc = -1;
		}
	if (rc == 0 && g_mkdir_with_parents(outdir, 0777) != 0) {
		struct pp_pos pos = {outdir, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create this folder: %s"),
			     g_strerror(errno));
		rc = -1;
	}
	for (i = 0; rc == 0 && i < n; i++) {
		const struct pp_output *o;

		for (o = pp_outputs; rc == 0 && o->name != NULL; o++)
			if (formats & pp_output_bit(o))
				rc = render_write(r, o, docs[i], pages[i], form,
						  source, source_len, outdir,
						  date, written, err);
	}
	for (i = 0; i < n; i++) {
		pp_pages_free(pages[i]);
		pp_doc_free(docs[i]);
	}
	free(pages);
	free(docs);
	pp_arena_free(values_arena);
	return rc;
}

struct pp_doc *
pp_renderer_expand(struct pp_renderer *r, const char *model,
		   const struct pp_value *form, struct pp_error *err)
{
	struct pp_arena *a = pp_arena_new();
	const struct pp_value *values = render_values(r, a, form, err);
	struct render_template *rt;
	struct pp_doc *doc = NULL;

	if ((form == NULL || values != NULL) &&
	    (rt = render_template(r, model, err)) != NULL)
		doc = pp_template_expand(rt->t, rt->model, values, err);
	pp_arena_free(a);
	return doc;
}

void
pp_render_date(const struct pp_value *form, char *out, size_t size)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	const char *d;

	if (env != NULL && env[0] != '\0') {
		char *end;
		long long t = strtoll(env, &end, 10);

		if (*end == '\0' && t >= 0 && t < 253402300800LL) {
			time_t tt = (time_t)t;
			struct tm tm;

			gmtime_r(&tt, &tm);
			strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
			return;
		}
	}
	d = pp_value_text(pp_value_path_get(form, "document.date_redaction"));
	if (d == NULL)
		d = pp_value_text(pp_value_path_get(form, "signature.date"));
	snprintf(out, size, "%sT00:00:00Z", d != NULL ? d : "1970-01-01");
}
