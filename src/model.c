/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "coherence.h"
#include "i18n.h"
#include "init.h"
#include "model.h"
#include "xalloc.h"
#include "fileio.h"
#include "yamlin.h"

int
pp_model_locate(const char *datadir, const char *name, char **dir, char **base,
		struct pp_error *err)
{
	char *schema_path;
	int found;

	*dir = *base = NULL;
	if (strchr(name, '/') == NULL &&
	    (name[0] == '\0' || name[0] == '.' ||
	     strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
		 strlen(name))) {
		pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
			     _("\"%s\" is not a model name"), name);
		return -1;
	}
	if (strchr(name, '/') != NULL) {
		*dir = g_strdup(name);
		*base = g_path_get_basename(name);
	} else {
		char *n = g_strdup(name);
		char *p;

		for (p = n; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		*base = n;
		*dir = g_build_filename(datadir, "models", n, NULL);
	}
	schema_path = g_build_filename(*dir, "schema.yaml", NULL);
	found = g_file_test(schema_path, G_FILE_TEST_IS_REGULAR);
	g_free(schema_path);
	if (!found) {
		char **names = pp_model_list(datadir);
		char *list =
		    names != NULL ? g_strjoinv(", ", names) : g_strdup("");

		if (list[0] != '\0')
			pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
				     _("there is no model \"%s\" (models "
				       "available: %s)"),
				     name, list);
		else
			pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
				     _("there is no model \"%s\": %s/models "
				       "holds no model at all"),
				     name, datadir);
		g_free(list);
		g_strfreev(names);
		g_free(*dir);
		g_free(*base);
		*dir = *base = NULL;
		return -1;
	}
	return 0;
}

struct pp_model *
pp_model_load(const char *datadir, const char *name, struct pp_error *err)
{
	struct pp_model *m;
	char *schema_path, *types_path, *parent;

	m = pp_xcalloc(1, sizeof(*m));
	if (pp_model_locate(datadir, name, &m->dir, &m->name, err) != 0) {
		free(m);
		return NULL;
	}
	schema_path = g_build_filename(m->dir, "schema.yaml", NULL);
	parent = g_path_get_dirname(m->dir);
	types_path = g_build_filename(parent, "types.yaml", NULL);
	m->schema = pp_schema_load(
	    schema_path,
	    g_file_test(types_path, G_FILE_TEST_IS_REGULAR) ? types_path : NULL,
	    err);
	g_free(schema_path);
	g_free(types_path);
	g_free(parent);
	if (m->schema == NULL) {
		pp_model_free(m);
		return NULL;
	}
	return m;
}

void
pp_model_free(struct pp_model *m)
{
	if (m == NULL)
		return;
	pp_schema_free(m->schema);
	g_free(m->name);
	g_free(m->dir);
	free(m);
}

static int
model_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
pp_model_list(const char *datadir)
{
	char *dir = g_build_filename(datadir, "models", NULL);
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names;
	const char *e;

	if (d == NULL) {
		g_free(dir);
		return NULL;
	}
	names = g_ptr_array_new();
	while ((e = g_dir_read_name(d)) != NULL) {
		char *tpl = g_build_filename(dir, e, "template.xml", NULL);

		/* A model writes a document: it has a template. */
		if (g_file_test(tpl, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(names, g_strdup(e));
		g_free(tpl);
	}
	g_dir_close(d);
	g_free(dir);
	qsort(names->pdata, names->len, sizeof(char *), model_name_cmp);
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

struct pp_form *
pp_form_read(const char *path, struct pp_error *err)
{
	struct pp_form *f = pp_xcalloc(1, sizeof(*f));
	struct pp_yaml_limits lim;

	f->arena = pp_arena_new();
	f->path = pp_xstrdup(path);
	pp_yaml_limits_default(&lim);
	if (pp_file_read(path, lim.max_bytes, &f->source, &f->source_len,
			 err) != 0) {
		pp_form_free(f);
		return NULL;
	}
	f->root = pp_yaml_read_mem(f->arena, path, f->source, f->source_len,
				   &lim, err);
	if (f->root == NULL) {
		pp_form_free(f);
		return NULL;
	}
	return f;
}

void
pp_form_free(struct pp_form *f)
{
	if (f == NULL)
		return;
	pp_arena_free(f->arena);
	free(f->source);
	free(f->path);
	free(f);
}

char **
pp_form_model_names(const struct pp_form *f)
{
	const struct pp_value *types =
	    pp_value_path_get(f->root, "document.types");
	GPtrArray *names = g_ptr_array_new();
	size_t i;

	if (types != NULL && types->kind == PP_VALUE_LIST) {
		for (i = 0; i < types->u.list.n; i++) {
			const char *t = pp_value_text(types->u.list.items[i]);
			char *n, *p;
			guint k;
			int seen = 0;

			if (t == NULL)
				continue;
			n = g_strdup(t);
			for (p = n; *p != '\0'; p++)
				if (*p == '_')
					*p = '-';
			for (k = 0; k < names->len; k++)
				seen |= strcmp(names->pdata[k], n) == 0;
			if (seen)
				g_free(n);
			else
				g_ptr_array_add(names, n);
		}
	}
	if (names->len == 0) {
		g_ptr_array_add(names, g_strdup("convention"));
		g_ptr_array_add(names, g_strdup("fiche-projet"));
	}
	g_ptr_array_add(names, NULL);
	return (char **)g_ptr_array_free(names, FALSE);
}

/*
 * The version key comes first: a form from a future paraphe is refused
 * with one message instead of a page of unknown keys (-1).  A missing
 * version, or version 1 written as text, is reported and the form is
 * checked on as version 1 (1), so that one round gives every message.
 */
static int
form_check_version(struct pp_form *f, struct pp_diags *d)
{
	const struct pp_map_entry *e;
	const struct pp_value *v;
	const char *text;

	if (f->root->kind != PP_VALUE_MAP)
		return 0;
	e = pp_value_map_entry(f->root, "version");
	if (e == NULL) {
		pp_diags_add(d, PP_DIAG_VERSION, &f->root->pos, "version",
			     _("the form must begin with \"version: %d\": "
			       "add that line above this one"),
			     PP_FORM_VERSION);
		return 1;
	}
	v = e->value;
	if (v->kind == PP_VALUE_INT && v->u.integer == PP_FORM_VERSION)
		return 0;
	text = pp_value_text(v);
	if (text != NULL && atoi(text) == PP_FORM_VERSION &&
	    strspn(text, "0123456789.") == strlen(text) &&
	    strspn(text + 1, ".0") == strlen(text + 1)) {
		pp_diags_add(d, PP_DIAG_VERSION, &v->pos, "version",
			     _("write the version as a whole number: "
			       "\"version: %d\""),
			     PP_FORM_VERSION);
		return 1;
	}
	pp_diags_add(d, PP_DIAG_VERSION, &v->pos, "version",
		     _("this paraphe reads forms of version %d, not \"%s\""),
		     PP_FORM_VERSION, text != NULL ? text : "?");
	return -1;
}

/* Sorts the diagnostics of d from first on, without repeats. */
static void
form_sort_tail(struct pp_diags *d, size_t first)
{
	struct pp_diags tail;

	if (d->n <= first)
		return;
	tail.items = d->items + first;
	tail.n = d->n - first;
	tail.cap = tail.n;
	pp_diags_sort(&tail);
	d->n = first + tail.n;
}

static int
form_has_error(const struct pp_diags *d, size_t first)
{
	size_t i;

	for (i = first; i < d->n; i++)
		if (d->items[i].severity == PP_SEV_ERROR)
			return 1;
	return 0;
}

size_t
pp_form_validate(struct pp_form *f, const char *datadir, char *const *models,
		 struct pp_diags *d)
{
	char **own = NULL;
	struct pp_error unknown;
	/* Image paths in the form are relative to its folder. */
	char *base_dir = g_path_get_dirname(f->path);
	size_t errors = 0, first = d->n, i;

	switch (form_check_version(f, d)) {
	case -1:
		errors = 1;
		goto out;
	case 1:
		/* Reported: the schema need not say it again. */
		pp_value_map_set(
		    f->arena, f->root, "version",
		    pp_value_new_int(f->arena, PP_FORM_VERSION, &f->root->pos));
		break;
	default:
		break;
	}
	if (models == NULL)
		models = own = pp_form_model_names(f);
	pp_error_init(&unknown);
	for (i = 0; models[i] != NULL; i++) {
		struct pp_error err;
		struct pp_model *m;

		pp_error_init(&err);
		m = pp_model_load(datadir, models[i], &err);
		if (m == NULL) {
			/* A name from document.types that matches no model is
			 * reported by the other models' schema, at its line;
			 * kept in case no schema could say it. */
			if (own == NULL || err.code != PP_DIAG_UNKNOWN_MODEL)
				pp_diags_add_error(d, &err);
			else if (!unknown.set)
				unknown = err;
			continue;
		}
		pp_schema_validate_dir(m->schema, f->arena, f->root, base_dir,
				       d);
		pp_model_free(m);
	}
	if (unknown.set && !form_has_error(d, first))
		pp_diags_add_error(d, &unknown);
	/* A form begun from "paraphe init --example" that still holds the
	 * example partner's data under another partner's name. */
	pp_init_check_example_values(f->root, datadir, models, d);
out:
	g_strfreev(own);
	g_free(base_dir);
	/* Both models check the shared keys: keep each message once. */
	form_sort_tail(d, first);
	if (errors == 0)
		for (i = first; i < d->n; i++)
			if (d->items[i].severity == PP_SEV_ERROR)
				errors++;
	/* A valid form may still contradict itself: warnings, after the
	 * schema's findings. */
	if (errors == 0) {
		struct pp_calendar *cal = NULL;
		struct pp_error err;
		size_t mark = d->n;

		/* A calendar with mistakes is reported, at its lines, as
		 * errors: the reserve periods would be unknown. */
		pp_error_init(&err);
		if (pp_calendar_load(datadir, &cal, d, &err) != 0) {
			if (err.set)
				pp_diags_add_error(d, &err);
			return d->n > mark ? d->n - mark : 1;
		}
		pp_coherence_check(f->root, cal, d);
		pp_calendar_free(cal);
		form_sort_tail(d, mark);
	}
	return errors;
}
