/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the edit form of a draft, generated from its models'
 * schemas (schema.yaml + types.yaml, walked as jsonschema.c walks them),
 * and the YAML form rebuilt from what the browser sends back.  Every
 * field is named by its data path ("partenaire.siren", list items by
 * their number: "annexes.0.titre"), the path diagnostics carry, so that
 * each message is shown beside its field.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paraphe.h"
#include "serve-private.h"

/* Named types followed at most this deep (a loop is the schema's bug,
 * reported by validate). */
#define FORM_MAX_CHAIN 16
/* Nesting of the form, and the items of a list, shown at most. */
#define FORM_MAX_DEPTH 12
#define FORM_MAX_ITEMS 200

enum form_base {
	FB_STRING,
	FB_INTEGER,
	FB_NUMBER,
	FB_BOOLEAN,
	FB_DATE,
	FB_LIST,
	FB_MAP,
	FB_ENUM,
	FB_ANY
};

static const char *const base_names[] = {
    "string", "integer", "number", "boolean", "date",
    "list",   "map",	 "enum",   "any",
};

struct form_ctx {
	struct pp_schema *schemas[2];
	size_t nschemas;
	const struct pp_schema *s; /* the one being walked */
	GHashTable *messages;	   /* path -> GString of escaped messages */
	GHashTable *labels;	   /* path -> its label, filled; or NULL */
	GString *out;
};

static int
form_base_index(const char *t)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(base_names); i++)
		if (strcmp(t, base_names[i]) == 0)
			return (int)i;
	return -1;
}

static const struct pp_value *
form_named(const struct pp_schema *s, const struct pp_value *spec)
{
	const char *t = pp_value_string(pp_value_map_get(spec, "type"));

	if (t == NULL || form_base_index(t) >= 0)
		return NULL;
	return pp_schema_type(s, t);
}

static const struct pp_value *
form_get(const struct pp_schema *s, const struct pp_value *spec,
	 const char *key)
{
	int i;

	for (i = 0; spec != NULL && i < FORM_MAX_CHAIN; i++) {
		const struct pp_value *v = pp_value_map_get(spec, key);

		if (v != NULL)
			return v;
		spec = form_named(s, spec);
	}
	return NULL;
}

static enum form_base
form_base(const struct pp_schema *s, const struct pp_value *spec)
{
	int i, k;

	for (i = 0; spec != NULL && i < FORM_MAX_CHAIN; i++) {
		const char *t = pp_value_string(pp_value_map_get(spec, "type"));

		if (t == NULL)
			return FB_ANY;
		if ((k = form_base_index(t)) >= 0)
			return (enum form_base)k;
		spec = pp_schema_type(s, t);
	}
	return FB_ANY;
}

/* "partenaire.siren" -> "f-partenaire-siren", an id HTML accepts. */
static char *
form_id(const char *prefix, const char *path)
{
	GString *s = g_string_new(prefix);
	const char *p;

	for (p = path; *p != '\0'; p++)
		g_string_append_c(s, g_ascii_isalnum(*p) ? *p : '-');
	return g_string_free(s, FALSE);
}

/* A field's name for people: the "label" of its specification (« Date de
 * signature »), then its key discreetly, as officers also edit the YAML;
 * without a label (a list's item), key itself ("Élément 2").  The name is
 * kept for path, for the page's summary of messages. */
static void
form_label(struct form_ctx *c, const char *path, const char *key,
	   const struct pp_value *spec, const char *suffix)
{
	GString *out = c->out;
	const char *label = pp_value_string(pp_value_map_get(spec, "label"));

	if (c->labels != NULL)
		g_hash_table_replace(c->labels, g_strdup(path),
				     g_strdup(label != NULL ? label : key));
	serve_html_escape(out, label != NULL ? label : key);
	g_string_append(out, suffix);
	if (label == NULL)
		return;
	g_string_append(out, " <span class=\"cle-yaml\">");
	serve_html_escape(out, key);
	g_string_append(out, "</span>");
}

static const char *
form_scalar_text(const struct pp_value *v, char *buf, size_t size)
{
	if (v == NULL)
		return "";
	switch (v->kind) {
	case PP_VALUE_BOOL:
		return v->u.boolean ? "true" : "false";
	case PP_VALUE_INT:
		snprintf(buf, size, "%lld", v->u.integer);
		return v->raw != NULL ? v->raw : buf;
	case PP_VALUE_NUMBER:
		return v->raw != NULL ? v->raw : "";
	case PP_VALUE_STRING:
		return v->u.str.s;
	case PP_VALUE_NULL:
	case PP_VALUE_LIST:
	case PP_VALUE_MAP:
	case PP_VALUE__COUNT:
	default:
		return "";
	}
}

/* The messages of path, with the ids that aria-describedby names. */
static void
form_messages(struct form_ctx *c, const char *path, const char *id)
{
	GString *m = g_hash_table_lookup(c->messages, path);

	if (m != NULL)
		g_string_append_printf(c->out,
				       "<div class=\"messages\" id=\"m%s\" "
				       "role=\"status\">%s</div>\n",
				       id, m->str);
	else
		g_string_append_printf(c->out,
				       "<div class=\"messages\" id=\"m%s\" "
				       "role=\"status\"></div>\n",
				       id);
}

static void form_field(struct form_ctx *c, const char *key, const char *path,
		       const struct pp_value *spec, const struct pp_value *v,
		       int depth);

static void
form_help(struct form_ctx *c, const struct pp_value *spec, const char *id)
{
	const char *help = pp_value_string(form_get(c->s, spec, "description"));

	if (help != NULL) {
		g_string_append_printf(c->out, "<p class=\"aide\" id=\"h%s\">",
				       id);
		serve_html_escape(c->out, help);
		g_string_append(c->out, "</p>\n");
	}
}

static void
form_input(struct form_ctx *c, const char *key, const char *path,
	   const struct pp_value *spec, const struct pp_value *v,
	   enum form_base base)
{
	char *id = form_id("", path), buf[32];
	const char *text = form_scalar_text(v, buf, sizeof(buf));
	const struct pp_value *maxl = form_get(c->s, spec, "max_length");
	int required =
	    pp_value_map_get(spec, "required") != NULL &&
	    pp_value_map_get(spec, "required")->kind == PP_VALUE_BOOL &&
	    pp_value_map_get(spec, "required")->u.boolean;

	g_string_append_printf(c->out, "<div class=\"champ\" data-chemin=\"");
	serve_html_escape(c->out, path);
	g_string_append_printf(c->out, "\">\n<label for=\"f%s\">", id);
	form_label(c, path, key, spec, "");
	if (required)
		g_string_append(c->out,
				" <abbr title=\"obligatoire\">*</abbr>");
	g_string_append(c->out, "</label>\n");
	form_help(c, spec, id);
	if (base == FB_ENUM || base == FB_BOOLEAN) {
		const struct pp_value *vals = form_get(c->s, spec, "values");
		size_t i;

		g_string_append_printf(c->out, "<select id=\"f%s\" name=\"",
				       id);
		serve_html_escape(c->out, path);
		g_string_append_printf(
		    c->out, "\" aria-describedby=\"h%s m%s\">\n", id, id);
		g_string_append(c->out, "<option value=\"\">—</option>\n");
		if (base == FB_BOOLEAN) {
			g_string_append_printf(
			    c->out,
			    "<option value=\"true\"%s>oui</option>\n"
			    "<option value=\"false\"%s>non</option>\n",
			    strcmp(text, "true") == 0 ? " selected" : "",
			    strcmp(text, "false") == 0 ? " selected" : "");
		}
		for (i = 0; base == FB_ENUM && vals != NULL &&
			    vals->kind == PP_VALUE_LIST && i < vals->u.list.n;
		     i++) {
			const char *o = form_scalar_text(vals->u.list.items[i],
							 buf, sizeof(buf));

			g_string_append(c->out, "<option value=\"");
			serve_html_escape(c->out, o);
			g_string_append_printf(
			    c->out, "\"%s>",
			    strcmp(o, text) == 0 ? " selected" : "");
			serve_html_escape(c->out, o);
			g_string_append(c->out, "</option>\n");
		}
		g_string_append(c->out, "</select>\n");
	} else if (base == FB_STRING && maxl != NULL &&
		   maxl->kind == PP_VALUE_INT && maxl->u.integer > 300) {
		g_string_append_printf(c->out,
				       "<textarea id=\"f%s\" rows=\"4\" "
				       "cols=\"60\" name=\"",
				       id);
		serve_html_escape(c->out, path);
		g_string_append_printf(
		    c->out, "\" aria-describedby=\"h%s m%s\">", id, id);
		serve_html_escape(c->out, text);
		g_string_append(c->out, "</textarea>\n");
	} else {
		g_string_append_printf(
		    c->out, "<input id=\"f%s\" type=\"%s\" size=\"40\" name=\"",
		    id,
		    base == FB_DATE			      ? "date"
		    : base == FB_INTEGER || base == FB_NUMBER ? "text"
							      : "text");
		serve_html_escape(c->out, path);
		g_string_append(c->out, "\" value=\"");
		serve_html_escape(c->out, text);
		g_string_append_printf(
		    c->out, "\" aria-describedby=\"h%s m%s\">\n", id, id);
	}
	form_messages(c, path, id);
	g_string_append(c->out, "</div>\n");
	g_free(id);
}

static void
form_map(struct form_ctx *c, const char *key, const char *path,
	 const struct pp_value *spec, const struct pp_value *v, int depth)
{
	const struct pp_value *fields = form_get(c->s, spec, "fields");
	char *id = form_id("", path[0] != '\0' ? path : "racine");
	size_t i;

	if (path[0] != '\0') {
		g_string_append(c->out, "<fieldset data-chemin=\"");
		serve_html_escape(c->out, path);
		g_string_append(c->out, "\"><legend>");
		form_label(c, path, key, spec, "");
		g_string_append(c->out, "</legend>\n");
		form_help(c, spec, id);
		form_messages(c, path, id);
	}
	for (i = 0; fields != NULL && fields->kind == PP_VALUE_MAP &&
		    i < fields->u.map.n;
	     i++) {
		const struct pp_map_entry *e = &fields->u.map.items[i];
		char *sub = path[0] != '\0'
				? g_strdup_printf("%s.%s", path, e->key)
				: g_strdup(e->key);

		form_field(c, e->key, sub, e->value,
			   v != NULL && v->kind == PP_VALUE_MAP
			       ? pp_value_map_get(v, e->key)
			       : NULL,
			   depth + 1);
		g_free(sub);
	}
	if (path[0] != '\0')
		g_string_append(c->out, "</fieldset>\n");
	g_free(id);
}

static void
form_list(struct form_ctx *c, const char *key, const char *path,
	  const struct pp_value *spec, const struct pp_value *v, int depth)
{
	const struct pp_value *items = form_get(c->s, spec, "items");
	size_t n = v != NULL && v->kind == PP_VALUE_LIST ? v->u.list.n : 0, i;
	char *id = form_id("", path);

	if (n > FORM_MAX_ITEMS)
		n = FORM_MAX_ITEMS;
	g_string_append(c->out, "<fieldset class=\"liste\" data-chemin=\"");
	serve_html_escape(c->out, path);
	g_string_append(c->out, "\"><legend>");
	form_label(c, path, key, spec, " (liste)");
	g_string_append(c->out, "</legend>\n");
	form_help(c, spec, id);
	form_messages(c, path, id);
	/* Each item, then a blank one to add; a box to remove each. */
	for (i = 0; i <= n; i++) {
		char *sub = g_strdup_printf("%s.%zu", path, i);
		char num[32];

		snprintf(num, sizeof(num), "%s %zu",
			 i < n ? "Élément" : "Ajouter un élément", i + 1);
		g_string_append_printf(c->out, "<div class=\"element%s\">\n",
				       i < n ? "" : " nouveau");
		form_field(c, i < n ? num : "Ajouter un élément", sub, items,
			   i < n ? v->u.list.items[i] : NULL, depth + 1);
		if (i < n) {
			char *rid = form_id("r", sub);

			g_string_append_printf(
			    c->out,
			    "<label class=\"retirer\"><input type=\"checkbox\" "
			    "id=\"%s\" name=\"_retirer.",
			    rid);
			serve_html_escape(c->out, sub);
			g_string_append(c->out, "\" value=\"1\"> Retirer cet "
						"élément</label>\n");
			g_free(rid);
		}
		g_string_append(c->out, "</div>\n");
		g_free(sub);
	}
	g_string_append(c->out, "</fieldset>\n");
	g_free(id);
}

static void
form_field(struct form_ctx *c, const char *key, const char *path,
	   const struct pp_value *spec, const struct pp_value *v, int depth)
{
	enum form_base base = form_base(c->s, spec);

	if (depth > FORM_MAX_DEPTH)
		return;
	switch (base) {
	case FB_MAP:
		form_map(c, key, path, spec, v, depth);
		break;
	case FB_LIST:
		form_list(c, key, path, spec, v, depth);
		break;
	case FB_ANY:
		/* version: 1 and other free values: kept as they are. */
		if (v != NULL && v->kind != PP_VALUE_MAP &&
		    v->kind != PP_VALUE_LIST) {
			char buf[32];

			g_string_append(c->out,
					"<input type=\"hidden\" name=\"");
			serve_html_escape(c->out, path);
			g_string_append(c->out, "\" value=\"");
			serve_html_escape(
			    c->out, form_scalar_text(v, buf, sizeof(buf)));
			g_string_append(c->out, "\">\n");
		}
		break;
	case FB_STRING:
	case FB_INTEGER:
	case FB_NUMBER:
	case FB_BOOLEAN:
	case FB_DATE:
	case FB_ENUM:
	default:
		form_input(c, key, path, spec, v, base);
		break;
	}
}

static int
form_load(struct form_ctx *c, struct serve *S, char **models,
	  struct pp_error *err)
{
	size_t i;

	for (i = 0; models[i] != NULL && i < 2; i++) {
		struct pp_model *m = pp_model_load(S->datadir, models[i], err);

		if (m == NULL)
			return -1;
		c->schemas[c->nschemas++] = m->schema;
		m->schema = NULL;
		pp_model_free(m);
	}
	return 0;
}

static void
form_unload(struct form_ctx *c)
{
	size_t i;

	for (i = 0; i < c->nschemas; i++)
		pp_schema_free(c->schemas[i]);
}

int
serve_form_html(GString *out, struct serve *S, char **models,
		const struct pp_value *form, GHashTable *messages,
		GHashTable *labels, struct pp_error *err)
{
	struct form_ctx c;
	size_t i, k;

	memset(&c, 0, sizeof(c));
	c.out = out;
	c.messages = messages;
	c.labels = labels;
	if (form_load(&c, S, models, err) != 0) {
		form_unload(&c);
		return -1;
	}
	/* The first model's fields, then the second's that the first does
	 * not have. */
	for (k = 0; k < c.nschemas; k++) {
		const struct pp_value *root = pp_schema_root(c.schemas[k]);
		const struct pp_value *fields;

		c.s = c.schemas[k];
		fields = form_get(c.s, root, "fields");
		for (i = 0; fields != NULL && fields->kind == PP_VALUE_MAP &&
			    i < fields->u.map.n;
		     i++) {
			const struct pp_map_entry *e = &fields->u.map.items[i];

			if (k > 0 && pp_value_map_get(
					 form_get(c.schemas[0],
						  pp_schema_root(c.schemas[0]),
						  "fields"),
					 e->key) != NULL)
				continue;
			form_field(&c, e->key, e->key, e->value,
				   form != NULL && form->kind == PP_VALUE_MAP
				       ? pp_value_map_get(form, e->key)
				       : NULL,
				   1);
		}
	}
	form_unload(&c);
	return 0;
}

/* --- From the fields back to YAML ------------------------------------- */

/* A node of the form being rebuilt. */
struct ynode {
	char *key;	 /* in its map; NULL in a list */
	long index;	 /* in its list */
	char *scalar;	 /* a leaf's text */
	GPtrArray *kids; /* a map's or list's children */
	int list;	 /* kids are list items */
	int removed;
};

static struct ynode *
ynode_new(void)
{
	struct ynode *n = g_new0(struct ynode, 1);

	n->kids = g_ptr_array_new();
	return n;
}

static void
ynode_free(struct ynode *n)
{
	guint i;

	for (i = 0; i < n->kids->len; i++)
		ynode_free(n->kids->pdata[i]);
	g_ptr_array_free(n->kids, TRUE);
	g_free(n->key);
	g_free(n->scalar);
	g_free(n);
}

static int
ynode_is_index(const char *seg)
{
	const char *p;

	if (*seg == '\0')
		return 0;
	for (p = seg; *p != '\0'; p++)
		if (!g_ascii_isdigit(*p))
			return 0;
	return strlen(seg) < 6;
}

static struct ynode *
ynode_child(struct ynode *n, const char *seg)
{
	guint i;
	struct ynode *k;
	int idx = ynode_is_index(seg);

	if (n->scalar != NULL)
		return NULL;
	if (n->kids->len == 0)
		n->list = idx;
	else if (n->list != idx)
		return NULL;
	for (i = 0; i < n->kids->len; i++) {
		k = n->kids->pdata[i];
		if (idx ? k->index == atol(seg) : strcmp(k->key, seg) == 0)
			return k;
	}
	k = ynode_new();
	if (idx)
		k->index = atol(seg);
	else
		k->key = g_strdup(seg);
	g_ptr_array_add(n->kids, k);
	return k;
}

static gint
ynode_by_index(gconstpointer a, gconstpointer b)
{
	const struct ynode *x = *(struct ynode *const *)a;
	const struct ynode *y = *(struct ynode *const *)b;

	return x->index < y->index ? -1 : x->index > y->index;
}

/* Whether the node holds anything to write. */
static int
ynode_empty(const struct ynode *n)
{
	guint i;

	if (n->removed)
		return 1;
	if (n->scalar != NULL)
		return n->scalar[0] == '\0';
	for (i = 0; i < n->kids->len; i++)
		if (!ynode_empty(n->kids->pdata[i]))
			return 0;
	return 1;
}

/* The spec of the field at path (dotted), or NULL. */
static const struct pp_value *
form_spec_at(struct form_ctx *c, const char *path)
{
	char **segs = g_strsplit(path, ".", 0);
	const struct pp_value *spec = NULL;
	size_t k, i;

	for (k = 0; k < c->nschemas && spec == NULL; k++) {
		spec = pp_schema_root(c->schemas[k]);
		c->s = c->schemas[k];
		for (i = 0; spec != NULL && segs[i] != NULL; i++) {
			if (form_base(c->s, spec) == FB_LIST)
				spec = form_get(c->s, spec, "items");
			else
				spec = pp_value_map_get(
				    form_get(c->s, spec, "fields"), segs[i]);
		}
	}
	g_strfreev(segs);
	return spec;
}

static void
yaml_quote(GString *out, const char *s)
{
	const char *p;

	g_string_append_c(out, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			g_string_append_printf(out, "\\%c", *p);
		else if (*p == '\n')
			g_string_append(out, "\\n");
		else if (*p == '\r')
			continue;
		else if (*p == '\t')
			g_string_append(out, "\\t");
		else if ((unsigned char)*p < 0x20)
			continue;
		else
			g_string_append_c(out, *p);
	}
	g_string_append_c(out, '"');
}

static void
yaml_emit(struct form_ctx *c, GString *out, struct ynode *n, const char *path,
	  int indent)
{
	guint i;

	if (n->list)
		g_ptr_array_sort(n->kids, ynode_by_index);
	for (i = 0; i < n->kids->len; i++) {
		struct ynode *k = n->kids->pdata[i];
		char *sub;

		if (ynode_empty(k))
			continue;
		sub = path[0] == '\0' ? g_strdup(k->key != NULL ? k->key : "0")
		      : k->key != NULL
			  ? g_strdup_printf("%s.%s", path, k->key)
			  : g_strdup_printf("%s.%ld", path, k->index);
		g_string_append_printf(out, "%*s", indent, "");
		if (n->list)
			g_string_append(out, "- ");
		else
			g_string_append_printf(out, "%s:", k->key);
		if (k->scalar != NULL) {
			const struct pp_value *spec = form_spec_at(c, sub);
			enum form_base b =
			    spec != NULL ? form_base(c->s, spec) : FB_STRING;
			int bare =
			    (b == FB_INTEGER || b == FB_NUMBER ||
			     b == FB_BOOLEAN || b == FB_ANY) &&
			    strspn(k->scalar, "0123456789.-+eEtrufals") ==
				strlen(k->scalar);

			if (!n->list)
				g_string_append_c(out, ' ');
			if (bare)
				g_string_append(out, k->scalar);
			else
				yaml_quote(out, k->scalar);
			g_string_append_c(out, '\n');
		} else if (n->list) {
			/* "- " then the map's keys, the first on this line. */
			GString *inner = g_string_new("");
			char *first_nl;

			yaml_emit(c, inner, k, sub, indent + 2);
			first_nl = inner->str + indent + 2;
			g_string_append(out, first_nl);
			g_string_free(inner, TRUE);
		} else {
			g_string_append_c(out, '\n');
			yaml_emit(c, out, k, sub, indent + 2);
		}
		g_free(sub);
	}
}

char *
serve_form_yaml(struct serve *S, char **models, GHashTable *fields,
		GPtrArray *order, struct pp_error *err)
{
	struct form_ctx c;
	struct ynode *root = ynode_new();
	GString *out = g_string_new("");
	guint o;

	memset(&c, 0, sizeof(c));
	if (form_load(&c, S, models, err) != 0) {
		form_unload(&c);
		ynode_free(root);
		g_string_free(out, TRUE);
		return NULL;
	}
	for (o = 0; o < order->len; o++) {
		const char *name = order->pdata[o];
		const char *value = g_hash_table_lookup(fields, name);
		int removal = g_str_has_prefix(name, "_retirer.");
		char **segs;
		struct ynode *n = root;
		size_t i;

		if (name[0] == '_' && !removal)
			continue;
		if (strcmp(name, "csrf") == 0)
			continue;
		segs = g_strsplit(removal ? name + 9 : name, ".", 32);
		for (i = 0; n != NULL && segs[i] != NULL; i++)
			n = ynode_child(n, segs[i]);
		if (n != NULL) {
			if (removal)
				n->removed = 1;
			else if (n->kids->len == 0 && n->scalar == NULL)
				n->scalar =
				    g_strdup(value != NULL ? value : "");
		}
		g_strfreev(segs);
	}
	yaml_emit(&c, out, root, "", 0);
	ynode_free(root);
	form_unload(&c);
	return g_string_free(out, FALSE);
}
