/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Campaign kits: the campaign.  Loads the campaign file and its partners
 * (inline or from a CSV table), merges the campaign's defaults into each
 * partner's form, selects the partners of this run (--only, --shard),
 * and runs the kit: kitworkers.c makes each selected partner's form and
 * fingerprints its inputs (pp_kit_partner_prepare, here) to skip those up
 * to date and renders the others, kitmanifest.c writes the indexes.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "calendar.h"
#include "coherence.h"
#include "config.h"
#include "confine.h"
#include "i18n.h"
#include "kit-private.h"
#include "paraphe.h"
#include "provenance.h"
#include "suggest.h"
#include "xalloc.h"

/* --- Forms from the campaign ---------------------------------------------- */

/* dst gets every key of src: maps merge key by key, anything else
 * (lists included) replaces. */
static void
kit_merge(struct pp_arena *a, struct pp_value *dst, const struct pp_value *src)
{
	size_t i;

	for (i = 0; i < src->u.map.n; i++) {
		const struct pp_map_entry *e = &src->u.map.items[i];
		struct pp_value *cur = pp_value_map_get(dst, e->key);

		if (cur != NULL && cur->kind == PP_VALUE_MAP &&
		    e->value->kind == PP_VALUE_MAP) {
			kit_merge(a, cur, e->value);
		} else if (cur != NULL) {
			pp_value_map_set(a, dst, e->key,
					 pp_value_copy(a, e->value));
		} else {
			pp_value_map_append(a, dst, e->key, &e->key_pos,
					    pp_value_copy(a, e->value));
		}
	}
}

static int
kit_slug_ok(const char *id)
{
	size_t n = strlen(id);

	return n > 0 && n <= 64 && id[0] != '-' && id[0] != '.' &&
	       strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static char *
kit_resolve(const struct kit *k, const char *rel)
{
	return g_path_is_absolute(rel) ? g_strdup(rel)
				       : g_build_filename(k->dir, rel, NULL);
}

/* kit_resolve, for a file the campaign names at pos: NULL, with the error
 * in d, when it lies outside the campaign's folder (confine.h). */
static char *
kit_resolve_inside(const struct kit *k, const struct pp_value *named,
		   const char *key, struct pp_diags *d)
{
	const char *rel = pp_value_string(named);
	char *path = kit_resolve(k, rel);
	char why[2048];

	if (pp_confine_check(k->dir, rel, path, why, sizeof(why)) != 0) {
		pp_diags_add(d, PP_DIAG_OUTSIDE, &named->pos, key, "%s", why);
		g_free(path);
		return NULL;
	}
	return path;
}

/* name, a path relative to the folder dir (relative to the campaign's
 * folder), made relative to the campaign's folder. */
static void
kit_rebase_path(struct pp_arena *a, struct pp_value *v, const char *dir)
{
	const char *name = pp_value_string(v);
	char *joined;

	if (name == NULL || name[0] == '\0' || g_path_is_absolute(name))
		return;
	joined = g_build_filename(dir, name, NULL);
	v->u.str.len = strlen(joined);
	v->u.str.s = pp_arena_strdup(a, joined);
	g_free(joined);
}

/*
 * A file named by an included file (a partner's fichier_formulaire, the CSV
 * table) lies beside that file, not beside the campaign: the paths it gives
 * for the partner's form, its logo and its annexes' Markdown files are
 * rewritten relative to the campaign's folder, where validation, the
 * layout, the ODT and the fingerprints all resolve them, and where
 * confinement judges them (so an included form's logo must still lie in
 * the campaign's folder tree).  named: the included file, as the campaign
 * names it.  Positions are kept: an error points at the included file.
 */
static void
kit_rebase(struct pp_arena *a, struct pp_value *form, const char *named)
{
	char *dir = g_path_get_dirname(named);
	struct pp_value *annexes = pp_value_map_get(form, "annexes");
	size_t i;

	if (strcmp(dir, ".") != 0 && form->kind == PP_VALUE_MAP) {
		kit_rebase_path(a, pp_value_map_get(form, "fichier_formulaire"),
				dir);
		kit_rebase_path(
		    a, pp_value_path_get(form, "partenaire.logo.fichier"), dir);
		for (i = 0; annexes != NULL && annexes->kind == PP_VALUE_LIST &&
			    i < annexes->u.list.n;
		     i++)
			if (annexes->u.list.items[i]->kind == PP_VALUE_MAP)
				kit_rebase_path(
				    a,
				    pp_value_map_get(annexes->u.list.items[i],
						     "fichier"),
				    dir);
	}
	g_free(dir);
}

/* What the dotted key holds in the models' schemas (a list, a date): an
 * enum pp_csv_kind, for CSV cells. */
static int
kit_key_kind(void *data, const char *key)
{
	const struct kit *k = data;
	size_t m;

	for (m = 0; k->schemas[m] != NULL; m++) {
		const struct pp_schema *s = k->schemas[m]->schema;
		const struct pp_value *spec = pp_schema_root(s);
		char **parts = g_strsplit(key, ".", 0);
		int i, kind = PP_CSV_PLAIN;

		for (i = 0; parts[i] != NULL && spec != NULL; i++) {
			const struct pp_value *fields = NULL;
			const struct pp_value *cur = spec;
			int guard;

			/* Follow named types until a map with fields. */
			for (guard = 0; cur != NULL && guard < 16; guard++) {
				fields = pp_value_map_get(cur, "fields");
				if (fields != NULL)
					break;
				cur = pp_schema_type(
				    s, pp_value_string(
					   pp_value_map_get(cur, "type"))
					   ? pp_value_string(
						 pp_value_map_get(cur, "type"))
					   : "");
			}
			spec = fields != NULL
				   ? pp_value_map_get(fields, parts[i])
				   : NULL;
		}
		if (spec != NULL && parts[i] == NULL) {
			const struct pp_value *cur = spec;
			int guard;

			for (guard = 0; cur != NULL && guard < 16; guard++) {
				const char *t = pp_value_string(
				    pp_value_map_get(cur, "type"));

				if (t == NULL)
					break;
				if (strcmp(t, "list") == 0 ||
				    strcmp(t, "date") == 0) {
					kind = strcmp(t, "list") == 0
						   ? PP_CSV_LIST
						   : PP_CSV_DATE;
					break;
				}
				cur = pp_schema_type(s, t);
			}
		}
		g_strfreev(parts);
		if (kind != PP_CSV_PLAIN)
			return kind;
	}
	return PP_CSV_PLAIN;
}

static void
kit_hash_value(struct pp_sha256 *h, const struct pp_value *v)
{
	size_t i;
	char tmp[64];

	switch (v->kind) {
	case PP_VALUE_NULL:
		pp_sha256_update(h, "~", 1);
		break;
	case PP_VALUE_BOOL:
		pp_sha256_update(h, (v->u.boolean ? "T" : "F"), 1);
		break;
	case PP_VALUE_INT:
		snprintf(tmp, sizeof(tmp), "i%lld;", v->u.integer);
		pp_sha256_update(h, tmp, strlen(tmp));
		break;
	case PP_VALUE_NUMBER:
		snprintf(tmp, sizeof(tmp), "n%.17g;", v->u.number);
		pp_sha256_update(h, tmp, strlen(tmp));
		break;
	case PP_VALUE_STRING:
		snprintf(tmp, sizeof(tmp), "s%zu:", v->u.str.len);
		pp_sha256_update(h, tmp, strlen(tmp));
		pp_sha256_update(h, v->u.str.s, v->u.str.len);
		break;
	case PP_VALUE_LIST:
		pp_sha256_update(h, "[", 1);
		for (i = 0; i < v->u.list.n; i++)
			kit_hash_value(h, v->u.list.items[i]);
		pp_sha256_update(h, "]", 1);
		break;
	case PP_VALUE_MAP:
		pp_sha256_update(h, "{", 1);
		for (i = 0; i < v->u.map.n; i++) {
			pp_sha256_update(h, v->u.map.items[i].key,
					 strlen(v->u.map.items[i].key));
			pp_sha256_update(h, "=", 1);
			kit_hash_value(h, v->u.map.items[i].value);
		}
		pp_sha256_update(h, "}", 1);
		break;
	case PP_VALUE__COUNT:
		break;
	}
}

static void
kit_hash_file(struct pp_sha256 *h, const char *path)
{
	gchar *data = NULL, *name = g_path_get_basename(path);
	gsize len = 0;

	/* The name, not the path: running from another folder, or with the
	 * campaign moved, must not rebuild anything. */
	pp_sha256_update(h, name, strlen(name));
	g_free(name);
	if (g_file_get_contents(path, &data, &len, NULL)) {
		pp_sha256_update(h, data, len);
		g_free(data);
	}
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
kit_name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A font file: its name and its digest, kept between runs (kitdigests.c):
 * the fonts weigh megabytes and seldom change. */
static void
kit_hash_font(struct pp_sha256 *h, const char *path, struct pp_kit_digests *dg)
{
	gchar *name = g_path_get_basename(path);
	char hex[65];

	pp_sha256_update(h, name, strlen(name));
	g_free(name);
	if (pp_kit_digests_file(dg, path, hex) == 0) {
		pp_sha256_update(h, "sha256:", strlen("sha256:"));
		pp_sha256_update(h, hex, 64);
	}
}

static void kit_hash_tree(struct pp_sha256 *h, const char *dir, int depth,
			  struct pp_kit_digests *dg);

/* Every file of a folder, in name order. */
static void
kit_hash_dir(struct pp_sha256 *h, const char *dir)
{
	kit_hash_tree(h, dir, 0, NULL);
}

/* Every file of a folder and, down to depth levels, of its subfolders
 * (fontconfig reads font folders recursively), in name order; through
 * the digests dg when not NULL. */
static void
kit_hash_tree(struct pp_sha256 *h, const char *dir, int depth,
	      struct pp_kit_digests *dg)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *e;
	guint i;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL)
		g_ptr_array_add(names, g_strdup(e));
	if (d != NULL)
		g_dir_close(d);
	g_ptr_array_sort(names, kit_name_cmp);
	for (i = 0; i < names->len; i++) {
		char *p = g_build_filename(dir, names->pdata[i], NULL);

		if (g_file_test(p, G_FILE_TEST_IS_REGULAR)) {
			if (dg != NULL)
				kit_hash_font(h, p, dg);
			else
				kit_hash_file(h, p);
		} else if (depth > 0 && g_file_test(p, G_FILE_TEST_IS_DIR)) {
			pp_sha256_update(h, names->pdata[i],
					 strlen(names->pdata[i]));
			kit_hash_tree(h, p, depth - 1, dg);
		}
		g_free(p);
	}
	g_ptr_array_free(names, TRUE);
}

/* What changes a document's bytes without being a file: the date written
 * in it comes from SOURCE_DATE_EPOCH when set (reproducible builds). */
static void
kit_hash_environment(struct pp_sha256 *h)
{
	/* The date, and the benchmark's switch of the PDF post-processing
	 * (provenance.h): both change the bytes of the documents. */
	static const char *const names[] = {"SOURCE_DATE_EPOCH",
					    "PARAPHE_PDF_POST"};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		const char *v = getenv(names[i]);

		pp_sha256_update(h, names[i], strlen(names[i]));
		if (v != NULL) {
			pp_sha256_update(h, "=", 1);
			pp_sha256_update(h, v, strlen(v));
		}
		pp_sha256_update(h, "", 1);
	}
}

static int
kit_campaign_error(struct pp_diags *d, const struct pp_pos *pos,
		   const char *msg)
{
	pp_diags_add(d, PP_DIAG_CAMPAIGN, pos, NULL, "%s", msg);
	return -1;
}

/* The emetteur of the campaign, inline or from { ref: file }. */
static struct pp_value *
kit_emetteur(struct kit *k, struct pp_diags *d)
{
	struct pp_value *e = pp_value_path_get(k->root, "campagne.emetteur");
	const char *ref = pp_value_string(pp_value_map_get(e, "ref"));
	struct pp_value *lines;

	if (e == NULL || e->kind != PP_VALUE_MAP) {
		kit_campaign_error(
		    d, e != NULL ? &e->pos : &k->root->pos,
		    _("campagne.emetteur is the issuing ministry: "
		      "its keys as in a form, or { ref: "
		      "fichier.yaml }"));
		return NULL;
	}
	if (ref != NULL) {
		char *path = kit_resolve_inside(k, pp_value_map_get(e, "ref"),
						"campagne.emetteur.ref", d);
		struct pp_error err;
		struct pp_value *v;

		if (path == NULL)
			return NULL;
		pp_error_init(&err);
		v = pp_yaml_read_file(k->arena, path, NULL, &err);
		g_free(path);
		if (v == NULL) {
			pp_diags_add_error(d, &err);
			return NULL;
		}
		if (v->kind == PP_VALUE_MAP &&
		    pp_value_map_get(v, "emetteur") != NULL)
			v = pp_value_map_get(v, "emetteur");
		e = v;
	} else {
		e = pp_value_copy(k->arena, e);
	}
	lines = pp_value_path_get(k->root, "campagne.intitule_bloc_marque");
	if (lines != NULL && e->kind == PP_VALUE_MAP)
		pp_value_map_set(k->arena, e, "intitule_bloc_marque",
				 pp_value_copy(k->arena, lines));
	return e;
}

/* The skeleton every partner's form starts from. */
static struct pp_value *
kit_base(struct kit *k, struct pp_value *emetteur)
{
	struct pp_arena *a = k->arena;
	struct pp_value *base = pp_value_new(a, PP_VALUE_MAP, &k->root->pos);
	struct pp_value *doc = pp_value_new(a, PP_VALUE_MAP, &k->root->pos);
	struct pp_value *types = pp_value_copy(
	    a, pp_value_path_get(k->root, "campagne.sorties.documents"));
	struct pp_value *defauts = pp_value_map_get(k->root, "defauts");

	pp_value_map_append(a, base, "version", NULL,
			    pp_value_new_int(a, PP_FORM_VERSION, NULL));
	pp_value_map_append(a, doc, "types", NULL, types);
	pp_value_map_append(
	    a, doc, "campagne", NULL,
	    pp_value_new_string(a, k->campaign, strlen(k->campaign), NULL));
	pp_value_map_append(a, base, "document", NULL, doc);
	pp_value_map_append(a, base, "emetteur", NULL, emetteur);
	if (defauts != NULL && defauts->kind == PP_VALUE_MAP)
		kit_merge(a, base, defauts);
	return base;
}

static int
kit_add_partner(struct kit *k, const struct pp_value *entry, GHashTable *ids,
		struct pp_kit_result *res)
{
	struct kit_partner *p;
	struct pp_kit_partner_result *r;
	const struct pp_map_entry *ide = pp_value_map_entry(entry, "id");
	const char *id = ide != NULL ? pp_value_text(ide->value) : NULL;

	k->partners =
	    pp_xreallocarray(k->partners, k->n + 1, sizeof(*k->partners));
	res->partners =
	    pp_xreallocarray(res->partners, k->n + 1, sizeof(*res->partners));
	p = &k->partners[k->n];
	r = &res->partners[k->n];
	memset(p, 0, sizeof(*p));
	memset(r, 0, sizeof(*r));
	pp_diags_init(&r->diags);
	k->n++;
	res->n = k->n;
	p->pos = entry->pos;
	p->entry = entry;
	p->selected = 1;
	if (entry->kind != PP_VALUE_MAP) {
		pp_diags_add(&r->diags, PP_DIAG_PARTNER, &entry->pos, NULL,
			     _("a partner is a group of keys starting with "
			       "its id"));
		p->invalid = 1;
		p->id = pp_arena_strdup(k->arena, "?");
		r->id = g_strdup(p->id);
		return 0;
	}
	if (id == NULL || !kit_slug_ok(id)) {
		pp_diags_add(&r->diags, PP_DIAG_PARTNER,
			     ide != NULL ? &ide->value->pos : &entry->pos, "id",
			     _("a partner's id is made of lower-case letters, "
			       "digits and dashes (it names the partner's "
			       "folder), for example mobilite-verte"));
		p->invalid = 1;
		p->id = pp_arena_strdup(k->arena, id != NULL ? id : "?");
		r->id = g_strdup(p->id);
		return 0;
	}
	p->id = id;
	r->id = g_strdup(id);
	if (g_hash_table_contains(ids, id)) {
		pp_diags_add(&r->diags, PP_DIAG_PARTNER, &ide->value->pos, "id",
			     _("the id \"%s\" is already used by the partner "
			       "at line %d; each partner needs its own"),
			     id, GPOINTER_TO_INT(g_hash_table_lookup(ids, id)));
		p->invalid = 1;
		return 0;
	}
	g_hash_table_insert(ids, (gpointer)id,
			    GINT_TO_POINTER(ide->value->pos.line));
	return 0;
}

/* The partner's fichier_formulaire, read into a (rebased: kit_rebase);
 * NULL with the error in d when it cannot be read, is outside the
 * campaign's folder or is not a group of keys; NULL without one when the
 * entry names no file (*none set). */
static struct pp_value *
kit_partner_file(const struct kit *k, struct pp_arena *a,
		 const struct pp_value *entry, struct pp_diags *d, int *none)
{
	const struct pp_map_entry *file =
	    pp_value_map_entry(entry, "fichier_formulaire");
	char *path;
	struct pp_error err;
	struct pp_value *v = NULL;

	*none = file == NULL || pp_value_string(file->value) == NULL;
	if (*none)
		return NULL;
	path = kit_resolve_inside(k, file->value, "fichier_formulaire", d);
	pp_error_init(&err);
	if (path != NULL)
		v = pp_yaml_read_file(a, path, NULL, &err);
	g_free(path);
	if (v == NULL || v->kind != PP_VALUE_MAP) {
		if (v == NULL && err.set)
			pp_diags_add_error(d, &err);
		else if (v != NULL)
			pp_diags_add(d, PP_DIAG_PARTNER, &v->pos, NULL,
				     _("a form is a group of keys"));
		return NULL;
	}
	kit_rebase(a, v, pp_value_string(file->value));
	return v;
}

/* The form of a selected partner: the campaign's defaults, then its
 * fichier_formulaire, then its entry, in a; NULL, with the error in d,
 * when its fichier_formulaire cannot be read. */
static struct pp_value *
kit_expand(const struct kit *k, const struct kit_partner *p, struct pp_arena *a,
	   struct pp_diags *d)
{
	const struct pp_value *entry = p->entry;
	struct pp_value *form, *part, *rest, *v;
	const struct pp_map_entry *ide = pp_value_map_entry(entry, "id");
	size_t i;
	int none;

	form = pp_value_copy(a, k->base);
	v = kit_partner_file(k, a, entry, d, &none);
	if (v == NULL && !none)
		return NULL;
	if (v != NULL)
		kit_merge(a, form, v);
	rest = pp_value_new(a, PP_VALUE_MAP, &entry->pos);
	for (i = 0; i < entry->u.map.n; i++) {
		const struct pp_map_entry *e = &entry->u.map.items[i];

		if (strcmp(e->key, "id") == 0 ||
		    strcmp(e->key, "statut") == 0 ||
		    strcmp(e->key, "fichier_formulaire") == 0)
			continue;
		pp_value_map_append(a, rest, e->key, &e->key_pos, e->value);
	}
	kit_merge(a, form, rest);
	part = pp_value_map_get(form, "partenaire");
	if (part == NULL) {
		part = pp_value_new(a, PP_VALUE_MAP, &entry->pos);
		pp_value_map_append(a, form, "partenaire", NULL, part);
	}
	if (part->kind == PP_VALUE_MAP)
		pp_value_map_set(a, part, "id", pp_value_copy(a, ide->value));
	return form;
}

const char *const pp_kit_index_keys[PP_KIT_INDEX_KEYS] = {
    "partenaire.denomination", "partenaire.role"};

const char *
pp_kit_partner_text(const struct kit *k, const struct kit_partner *p,
		    const char *key)
{
	const char *t = NULL;
	size_t i;

	if (p->made) {
		for (i = 0; i < PP_KIT_INDEX_KEYS; i++)
			if (strcmp(key, pp_kit_index_keys[i]) == 0)
				return p->index_texts[i];
		return NULL;
	}
	if (p->invalid || p->entry == NULL || p->entry->kind != PP_VALUE_MAP)
		return NULL;
	t = pp_value_text(pp_value_path_get(p->entry, key));
	if (t == NULL) {
		struct pp_arena *a = pp_arena_new();
		struct pp_diags d;
		struct pp_value *v;
		int none;

		/* Read, looked up and forgotten: nothing of it is kept but
		 * this text, and nothing said of a file that fails. */
		pp_diags_init(&d);
		v = kit_partner_file(k, a, p->entry, &d, &none);
		t = v != NULL ? pp_value_text(pp_value_path_get(v, key)) : NULL;
		if (t != NULL)
			t = pp_arena_strdup(k->arena, t);
		pp_diags_fini(&d);
		pp_arena_free(a);
		if (v == NULL && !none)
			return NULL;
	}
	if (t == NULL)
		t = pp_value_text(pp_value_path_get(k->base, key));
	return t;
}

static int
kit_load(struct kit *k, struct pp_kit_result *res, struct pp_diags *d,
	 struct pp_error *err)
{
	struct pp_model *campaign_model;
	struct pp_value *emetteur, *partners, *docs, *fmts;
	GHashTable *ids;
	size_t i, errors;

	k->root = pp_yaml_read_file(k->arena, k->path, NULL, err);
	if (k->root == NULL) {
		pp_diags_add_error(d, err);
		return -1;
	}
	campaign_model = pp_model_load(k->o->datadir, "campagne", err);
	if (campaign_model == NULL) {
		pp_diags_add_error(d, err);
		return -1;
	}
	errors =
	    pp_schema_validate(campaign_model->schema, k->arena, k->root, d);
	pp_model_free(campaign_model);
	if (errors > 0)
		return -1;
	k->campaign = pp_value_text(pp_value_path_get(k->root, "campagne.id"));
	docs = pp_value_path_get(k->root, "campagne.sorties.documents");
	fmts = pp_value_path_get(k->root, "campagne.sorties.formats");
	k->models = pp_xcalloc(docs->u.list.n + 1, sizeof(char *));
	k->schemas = pp_xcalloc(docs->u.list.n + 1, sizeof(*k->schemas));
	for (i = 0; i < docs->u.list.n; i++) {
		char *name = g_strdup(pp_value_text(docs->u.list.items[i]));

		g_strdelimit(name, "_", '-');
		k->models[i] = name;
		k->schemas[i] = pp_model_load(k->o->datadir, name, err);
		if (k->schemas[i] == NULL) {
			pp_diags_add_error(d, err);
			return -1;
		}
	}
	{
		struct pp_value *cc = pp_value_path_get(
		    k->root, "campagne.sorties.controle_conformite");

		k->check =
		    cc != NULL && cc->kind == PP_VALUE_BOOL && cc->u.boolean;
	}
	for (i = 0; i < fmts->u.list.n; i++) {
		/* The campaign's schema allows only formats of the table. */
		const char *f = pp_value_text(fmts->u.list.items[i]);
		const struct pp_output *o =
		    f != NULL ? pp_output_find(f) : NULL;

		if (o != NULL)
			k->formats |= pp_output_bit(o);
	}
	emetteur = kit_emetteur(k, d);
	if (emetteur == NULL)
		return -1;
	k->base = kit_base(k, emetteur);
	partners = pp_value_map_get(k->root, "partenaires");
	if (pp_value_string(partners) != NULL) {
		const char *table = pp_value_string(partners);
		char *path = kit_resolve_inside(k, partners, "partenaires", d);

		if (path == NULL)
			return -1;
		partners = pp_csv_read_file(k->arena, path, NULL, kit_key_kind,
					    k, d, err);
		g_free(path);
		if (partners == NULL) {
			pp_diags_add_error(d, err);
			return -1;
		}
		for (i = 0;
		     partners->kind == PP_VALUE_LIST && i < partners->u.list.n;
		     i++)
			kit_rebase(k->arena, partners->u.list.items[i], table);
	}
	if (partners->kind != PP_VALUE_LIST || partners->u.list.n == 0)
		return kit_campaign_error(
		    d, &partners->pos,
		    _("partenaires is the list of partners, or the name of "
		      "a CSV table (partenaires.csv)"));
	ids = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < partners->u.list.n; i++)
		kit_add_partner(k, partners->u.list.items[i], ids, res);
	g_hash_table_destroy(ids);
	return 0;
}

/* --- Selection, fingerprints, what to rebuild ----------------------------- */

/*
 * Which partners this run produces: --only, then the shard.  Shard K of N
 * takes the partners whose rank among those --only keeps (all of them
 * without it), in the campaign's order and counted from 0, is K - 1 modulo
 * N: the shards' sizes differ by one at most, and a partner added at the
 * end of the campaign moves no other to another shard.
 */
static void
kit_select(struct kit *k)
{
	size_t i, rank = 0;

	for (i = 0; i < k->n; i++) {
		struct kit_partner *p = &k->partners[i];
		int j;

		if (k->o->only != NULL) {
			p->selected = 0;
			for (j = 0; k->o->only[j] != NULL; j++)
				if (strcmp(k->o->only[j], p->id) == 0)
					p->selected = 1;
		}
		if (k->o->shards > 1 && p->selected) {
			if (rank % (size_t)k->o->shards !=
			    (size_t)(k->o->shard - 1))
				p->selected = 0;
			rank++;
		}
	}
}

/* Every id of --only names a partner of the campaign: a misspelt id would
 * otherwise build nothing and say so only by its silence. */
static int
kit_check_only(const struct kit *k, struct pp_diags *d)
{
	struct pp_pos pos = {k->path, 0, 0};
	size_t i;
	int j, bad = 0;

	for (j = 0; k->o->only != NULL && k->o->only[j] != NULL; j++) {
		const char *want = k->o->only[j], *best = NULL;
		size_t best_d = pp_suggest_max_distance(want) + 1;
		int found = 0;

		for (i = 0; i < k->n && !found; i++) {
			size_t dist = pp_edit_distance(want, k->partners[i].id);

			found = dist == 0;
			if (dist < best_d) {
				best_d = dist;
				best = k->partners[i].id;
			}
		}
		if (found)
			continue;
		bad = 1;
		if (best != NULL)
			pp_diags_add(d, PP_DIAG_CAMPAIGN, &pos, NULL,
				     _("--only %s: no partner of this "
				       "campaign has this id; did you mean "
				       "\"%s\"?"),
				     want, best);
		else
			pp_diags_add(d, PP_DIAG_CAMPAIGN, &pos, NULL,
				     _("--only %s: no partner of this "
				       "campaign has this id"),
				     want);
	}
	return bad ? -1 : 0;
}

/* Is name a temporary file of a writer (".convention.pdf.XXXXXX") or of
 * the kit (".manifest.json.XXXXXX", "..empreinte.XXXXXX")? */
static int
kit_is_temporary(const char *name)
{
	static const char *const own[] = {".json.", ".csv.", "empreinte."};
	const struct pp_output *o;
	size_t i;
	int found = 0;

	if (name[0] != '.')
		return 0;
	for (i = 0; i < G_N_ELEMENTS(own); i++)
		if (strstr(name, own[i]) != NULL)
			return 1;
	for (o = pp_outputs; !found && o->name != NULL; o++) {
		char *ext = g_strdup_printf(".%s.", o->ext);

		found = strstr(name, ext) != NULL;
		g_free(ext);
	}
	return found;
}

/* Removes the temporary files a killed run left in dir: ".NAME.XXXXXX"
 * (and libzip's ".NAME.XXXXXX.XXXXXX"), never a finished file.  Two kits
 * must not run on the same folder at once. */
static void
kit_clean_stale(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *e;

	while (d != NULL && (e = g_dir_read_name(d)) != NULL) {
		if (kit_is_temporary(e)) {
			char *p = g_build_filename(dir, e, NULL);

			unlink(p);
			g_free(p);
		}
	}
	if (d != NULL)
		g_dir_close(d);
}

static int
kit_file_exists(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL);
	int yes = g_file_test(path, G_FILE_TEST_IS_REGULAR);

	g_free(path);
	return yes;
}

/*
 * The files of a partner: for each model of the campaign, one per format of
 * the campaign, in the table's order: "convention.pdf", "convention.odt",
 * "fiche-projet.pdf"...; for a format with one file per page, the first
 * page, then the next ones found in dir.  Caller frees with
 * pp_kit_files_free.
 */
GArray *
pp_kit_files(const struct kit *k, const char *dir)
{
	GArray *files = g_array_new(FALSE, FALSE, sizeof(struct kit_file));
	const struct pp_output *o;
	size_t m, page;

	for (m = 0; k->models[m] != NULL; m++)
		for (o = pp_outputs; o->name != NULL; o++) {
			if (!(k->formats & pp_output_bit(o)))
				continue;
			for (page = 1;; page++) {
				struct kit_file f = {
				    pp_output_file_name(o, k->models[m], page),
				    o};

				if (page > 1 && !kit_file_exists(dir, f.name)) {
					g_free(f.name);
					break;
				}
				g_array_append_val(files, f);
				if (!(o->flags & PP_OUTPUT_PER_PAGE))
					break;
			}
		}
	return files;
}

void
pp_kit_files_free(GArray *files)
{
	guint i;

	for (i = 0; i < files->len; i++)
		g_free(g_array_index(files, struct kit_file, i).name);
	g_array_free(files, TRUE);
}

/* Hashes the files a partner's documents print: its logo and its annexes'
 * Markdown files, so that editing one rebuilds the partner. */
static void
kit_hash_files(const struct kit *k, struct pp_sha256 *h,
	       const struct pp_value *form)
{
	const struct pp_value *annexes = pp_value_map_get(form, "annexes");
	const char *logo =
	    pp_value_text(pp_value_path_get(form, "partenaire.logo.fichier"));
	size_t i;

	if (logo != NULL) {
		char *lp = kit_resolve(k, logo);

		kit_hash_file(h, lp);
		g_free(lp);
	}
	for (i = 0; annexes != NULL && annexes->kind == PP_VALUE_LIST &&
		    i < annexes->u.list.n;
	     i++) {
		const char *md = pp_value_text(
		    pp_value_map_get(annexes->u.list.items[i], "fichier"));

		if (md != NULL) {
			char *mp = kit_resolve(k, md);

			kit_hash_file(h, mp);
			g_free(mp);
		}
	}
}

/*
 * Makes and validates partner p's form in a, fingerprints it and decides
 * whether it is up to date.  Runs in the kit's workers, in parallel: the
 * main process only reads the campaign and hands out the partners.
 */
struct pp_value *
pp_kit_partner_prepare(struct kit *k, struct kit_partner *p, struct pp_arena *a)
{
	struct pp_kit_partner_result *r = p->res;
	struct pp_value *form;
	struct pp_sha256 h;
	GArray *files;
	char *stamp_path, *stamp = NULL;
	guint f;
	size_t m;
	int complete = 1;

	form = kit_expand(k, p, a, &r->diags);
	if (form == NULL) {
		p->invalid = 1;
		return NULL;
	}
	for (m = 0; k->schemas[m] != NULL; m++)
		pp_schema_validate(k->schemas[m]->schema, a, form, &r->diags);
	p->made = 1;
	for (m = 0; m < PP_KIT_INDEX_KEYS; m++) {
		const char *t = pp_value_text(
		    pp_value_path_get(form, pp_kit_index_keys[m]));

		p->index_texts[m] = t != NULL ? pp_arena_strdup(a, t) : NULL;
	}
	if (pp_diags_count(&r->diags, PP_SEV_ERROR) > 0) {
		pp_diags_sort(&r->diags);
		p->invalid = 1;
		return NULL;
	}
	/* A valid form may still contradict itself: the warnings of
	 * "paraphe validate", listed in the manifest and the CSV. */
	pp_coherence_check(form, k->calendar, &r->diags);
	pp_diags_sort(&r->diags);
	p->outdir = g_build_filename(k->kitdir, p->id, NULL);
	kit_clean_stale(p->outdir);
	h = k->common; /* a copy, to go on with this partner */
	kit_hash_value(&h, form);
	kit_hash_files(k, &h, form);
	pp_sha256_finish(&h, p->hash);
	stamp_path = g_build_filename(p->outdir, ".empreinte", NULL);
	files = pp_kit_files(k, p->outdir);
	for (f = 0; f < files->len; f++)
		complete &= kit_file_exists(
		    p->outdir, g_array_index(files, struct kit_file, f).name);
	pp_kit_files_free(files);
	if (!k->o->force && complete &&
	    g_file_get_contents(stamp_path, &stamp, NULL, NULL)) {
		char **lines = g_strsplit(stamp, "\n", 3);

		if (lines[0] != NULL &&
		    strcmp(g_strstrip(lines[0]), p->hash) == 0) {
			p->skip = 1;
			if (k->check && lines[1] != NULL && lines[1][0] != '\0')
				p->verdict = g_strdup(lines[1]);
		}
		g_strfreev(lines);
	}
	g_free(stamp);
	g_free(stamp_path);
	return p->skip ? NULL : form;
}

/*
 * One kit at a time in a kit folder: a second run would delete the first
 * one's temporary files and both would rewrite the same manifest.  The
 * lock is an flock on the folder itself: no file to leave behind, and it
 * dies with the process that holds it, so a killed run never leaves the
 * folder locked.  Returns the descriptor that holds it, or -1 with the
 * error in d.
 */
static int
kit_lock(const char *kitdir, struct pp_diags *d, struct pp_error *err)
{
	struct pp_pos pos = {kitdir, 0, 0};
	int fd = open(kitdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot lock this kit folder: %s"),
			     g_strerror(errno));
		pp_diags_add_error(d, err);
	} else if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("another kit is running in this "
				       "folder; wait for it to end, or write "
				       "to another folder with -o"));
		else
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot lock this kit folder: %s"),
				     g_strerror(errno));
		pp_diags_add_error(d, err);
		close(fd);
		fd = -1;
	}
	return fd;
}

/* --- Entry point ---------------------------------------------------------- */

int
pp_kit_run(const char *path, const struct pp_kit_opts *o,
	   struct pp_kit_result *res, struct pp_diags *d, struct pp_error *err)
{
	struct kit k;
	char *kitdir = NULL, *types;
	size_t i, m, *todo, ntodo = 0, total = 0, before = 0;
	int rc = -1, lock = -1;

	memset(res, 0, sizeof(*res));
	memset(&k, 0, sizeof(k));
	k.o = o;
	k.arena = pp_arena_new();
	k.path = path;
	k.dir = g_path_get_dirname(path);
	if (kit_load(&k, res, d, err) != 0 || kit_check_only(&k, d) != 0)
		goto out;
	/* The charter is checked here, once, rather than by every worker. */
	{
		struct pp_kit_digests *dg;
		struct pp_error cerr;
		struct pp_charte *c;
		size_t first = d->n;

		pp_error_init(&cerr);
		c = pp_charte_load(o->datadir, o->charte, d, &cerr);
		if (c == NULL) {
			if (cerr.set)
				pp_diags_add_error(d, &cerr);
			(void)first;
			goto out;
		}
		pp_sha256_init(&k.common);
		pp_sha256_update(&k.common, "paraphe " PP_VERSION,
				 strlen("paraphe " PP_VERSION));
		kit_hash_file(&k.common, c->path);
		if (c->marque.artwork != NULL)
			kit_hash_file(&k.common, c->marque.artwork);
		/* The faces a document is set in: the charter's font folder
		 * and the metric fallbacks, as fontconfig finds them. */
		dg = pp_kit_digests_open();
		if (c->fonts_dir != NULL)
			kit_hash_tree(&k.common, c->fonts_dir, 8, dg);
		kit_hash_tree(&k.common, PP_LIBERATION_DIR, 8, dg);
		pp_kit_digests_close(dg);
		pp_charte_free(c);
	}
	kit_hash_environment(&k.common);
	{
		char *cal =
		    g_build_filename(o->datadir, PP_CALENDAR_FILE, NULL);

		kit_hash_file(&k.common, cal);
		g_free(cal);
	}
	types = g_build_filename(o->datadir, "models", "types.yaml", NULL);
	kit_hash_file(&k.common, types);
	g_free(types);
	/* The sRGB profile every PDF embeds. */
	types = g_build_filename(o->datadir, PP_PROVENANCE_ICC, NULL);
	kit_hash_file(&k.common, types);
	g_free(types);
	/* The calendar decides the reserve-period paragraphs of the
	 * documents (hashed above: a new election rebuilds every partner)
	 * and the coherence warnings. */
	if (pp_calendar_load(o->datadir, &k.calendar, d, err) != 0) {
		if (err->set)
			pp_diags_add_error(d, err);
		goto out;
	}
	for (m = 0; k.schemas[m] != NULL; m++)
		kit_hash_dir(&k.common, k.schemas[m]->dir);
	{
		char *clauses =
		    g_build_filename(o->datadir, "models", "clauses", NULL);

		kit_hash_dir(&k.common, clauses);
		g_free(clauses);
	}
	pp_sha256_update(&k.common, &k.formats, sizeof(k.formats));
	res->campaign = g_strdup(k.campaign);
	kitdir = g_build_filename(o->outdir, k.campaign, NULL);
	res->dir = g_strdup(kitdir);
	if (g_mkdir_with_parents(kitdir, 0777) != 0) {
		struct pp_pos pos = {kitdir, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create this folder: %s"),
			     g_strerror(errno));
		pp_diags_add_error(d, err);
		goto out;
	}
	lock = kit_lock(kitdir, d, err);
	if (lock < 0)
		goto out;
	kit_clean_stale(kitdir);
	for (i = 0; i < k.n; i++)
		k.partners[i].res = &res->partners[i];
	kit_select(&k);
	k.kitdir = kitdir;
	/* Only the partners selected get their forms, in the workers: a
	 * partner whose id is wrong or taken fails here. */
	todo = pp_xcalloc(k.n + 1, sizeof(*todo));
	for (i = 0; i < k.n; i++) {
		struct kit_partner *p = &k.partners[i];

		if (!p->selected)
			continue;
		total++;
		if (p->invalid) {
			p->res->status = PP_KIT_FAILED;
			res->failed++;
			before++;
		} else {
			todo[ntodo++] = i;
		}
	}
	if (o->progress != NULL && before > 0)
		o->progress(o->progress_data, before, total, res->failed, NULL);
	pp_kit_workers_run(&k, res, todo, ntodo, before, total);
	free(todo);
	if (pp_kit_manifest_write(&k, kitdir, err) != 0) {
		pp_diags_add_error(d, err);
		goto out;
	}
	rc = 0;
out:
	for (i = 0; i < k.n; i++) {
		g_free(k.partners[i].outdir);
		g_free(k.partners[i].verdict);
	}
	free(k.partners);
	if (k.models != NULL)
		g_strfreev(k.models);
	for (m = 0; k.schemas != NULL && k.schemas[m] != NULL; m++)
		pp_model_free(k.schemas[m]);
	free(k.schemas);
	pp_calendar_free(k.calendar);
	g_free(kitdir);
	g_free(k.dir);
	pp_arena_free(k.arena);
	if (lock >= 0)
		close(lock); /* releases the lock */
	return rc;
}

void
pp_kit_result_fini(struct pp_kit_result *res)
{
	size_t i;

	for (i = 0; i < res->n; i++) {
		g_free(res->partners[i].id);
		pp_diags_fini(&res->partners[i].diags);
	}
	free(res->partners);
	g_free(res->campaign);
	g_free(res->dir);
	memset(res, 0, sizeof(*res));
}
