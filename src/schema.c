/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "confine.h"
#include "i18n.h"
#include "identifiers.h"
#include "annex.h"
#include "images.h"
#include "schema.h"
#include "suggest.h"
#include "xalloc.h"
#include "yamlin.h"

struct pp_schema {
	struct pp_arena *arena;	      /* holds both files' value trees */
	const struct pp_value *types; /* map: name -> field specification */
	const struct pp_value *root;  /* the form's specification */
	const char *model;
	const char *title;
};

enum schema_base {
	SCHEMA_ANY,
	SCHEMA_STRING,
	SCHEMA_INTEGER,
	SCHEMA_NUMBER,
	SCHEMA_BOOLEAN,
	SCHEMA_DATE,
	SCHEMA_LIST,
	SCHEMA_MAP,
	SCHEMA_ENUM,
	SCHEMA__COUNT
};

static const char *const schema_base_names[SCHEMA__COUNT] = {
    "any",  "string", "integer", "number", "boolean",
    "date", "list",   "map",	 "enum",
};

static const char *const schema_keywords[] = {
    "type",	  "required",	"required_if", "default",      "description",
    "fields",	  "items",	"values",      "min",	       "max",
    "min_length", "max_length", "pattern",     "pattern_help", "format",
    "must_be",	  "message",	"not_before",  "example",      "excludes",
    "label",	  NULL,
};

/* Named types may refer to each other; this bounds the chain. */
#define SCHEMA_MAX_TYPE_CHAIN 16

/* --- Reading specifications ------------------------------------------ */

static const struct pp_value *
schema_named_type(const struct pp_schema *s, const struct pp_value *spec)
{
	const char *t = pp_value_string(pp_value_map_get(spec, "type"));
	int i;

	if (t == NULL)
		return NULL;
	for (i = 0; i < SCHEMA__COUNT; i++)
		if (strcmp(t, schema_base_names[i]) == 0)
			return NULL;
	return pp_value_map_get(s->types, t);
}

/* A keyword of spec, looked up through the named types it builds on. */
static const struct pp_value *
schema_get(const struct pp_schema *s, const struct pp_value *spec,
	   const char *key)
{
	int i;

	for (i = 0; spec != NULL && i < SCHEMA_MAX_TYPE_CHAIN; i++) {
		const struct pp_value *v = pp_value_map_get(spec, key);

		if (v != NULL)
			return v;
		spec = schema_named_type(s, spec);
	}
	return NULL;
}

static enum schema_base
schema_base_of(const struct pp_schema *s, const struct pp_value *spec)
{
	int i, k;

	for (i = 0; spec != NULL && i < SCHEMA_MAX_TYPE_CHAIN; i++) {
		const char *t = pp_value_string(pp_value_map_get(spec, "type"));

		if (t == NULL)
			return SCHEMA_ANY;
		for (k = 0; k < SCHEMA__COUNT; k++)
			if (strcmp(t, schema_base_names[k]) == 0)
				return (enum schema_base)k;
		spec = pp_value_map_get(s->types, t);
	}
	return SCHEMA_ANY;
}

static int
schema_flag(const struct pp_schema *s, const struct pp_value *spec,
	    const char *key)
{
	const struct pp_value *v = schema_get(s, spec, key);

	return v != NULL && v->kind == PP_VALUE_BOOL && v->u.boolean;
}

/* --- Loading and checking a schema ----------------------------------- */

static int schema_check_spec(const struct pp_schema *s,
			     const struct pp_value *spec, int depth,
			     struct pp_error *err);

static int
schema_check_fields(const struct pp_schema *s, const struct pp_value *fields,
		    int depth, struct pp_error *err)
{
	size_t i;

	if (fields->kind != PP_VALUE_MAP) {
		pp_error_set(err, PP_DIAG_SCHEMA, &fields->pos,
			     _("\"fields\" must map each key to its "
			       "specification"));
		return -1;
	}
	for (i = 0; i < fields->u.map.n; i++)
		if (schema_check_spec(s, fields->u.map.items[i].value,
				      depth + 1, err) != 0)
			return -1;
	return 0;
}

static int
schema_check_spec(const struct pp_schema *s, const struct pp_value *spec,
		  int depth, struct pp_error *err)
{
	const struct pp_value *v;
	const char *type;
	size_t i;
	int k, found;

	if (depth > 32) {
		pp_error_set(err, PP_DIAG_SCHEMA, &spec->pos,
			     _("specifications nested too deeply"));
		return -1;
	}
	if (spec->kind != PP_VALUE_MAP) {
		pp_error_set(err, PP_DIAG_SCHEMA, &spec->pos,
			     _("a field specification must be a map with at "
			       "least \"type\""));
		return -1;
	}
	for (i = 0; i < spec->u.map.n; i++) {
		const char *key = spec->u.map.items[i].key;

		for (k = 0; schema_keywords[k] != NULL; k++)
			if (strcmp(key, schema_keywords[k]) == 0)
				break;
		if (schema_keywords[k] == NULL) {
			pp_error_set(err, PP_DIAG_SCHEMA,
				     &spec->u.map.items[i].key_pos,
				     _("unknown schema keyword \"%s\""), key);
			return -1;
		}
	}
	type = pp_value_string(pp_value_map_get(spec, "type"));
	if (type == NULL) {
		pp_error_set(err, PP_DIAG_SCHEMA, &spec->pos,
			     _("a field specification needs a \"type\""));
		return -1;
	}
	for (k = 0, found = 0; k < SCHEMA__COUNT; k++)
		found |= strcmp(type, schema_base_names[k]) == 0;
	if (!found && pp_value_map_get(s->types, type) == NULL) {
		pp_error_set(err, PP_DIAG_SCHEMA, &spec->pos,
			     _("unknown type \"%s\""), type);
		return -1;
	}
	if ((v = pp_value_map_get(spec, "fields")) != NULL &&
	    schema_check_fields(s, v, depth, err) != 0)
		return -1;
	if ((v = pp_value_map_get(spec, "items")) != NULL &&
	    schema_check_spec(s, v, depth + 1, err) != 0)
		return -1;
	if ((v = pp_value_map_get(spec, "label")) != NULL &&
	    (pp_value_string(v) == NULL || pp_value_string(v)[0] == '\0')) {
		pp_error_set(err, PP_DIAG_SCHEMA, &v->pos,
			     _("\"label\" must be a text, the field's name "
			       "for people"));
		return -1;
	}
	if ((v = pp_value_map_get(spec, "values")) != NULL &&
	    v->kind != PP_VALUE_LIST) {
		pp_error_set(err, PP_DIAG_SCHEMA, &v->pos,
			     _("\"values\" must be a list"));
		return -1;
	}
	if ((v = pp_value_map_get(spec, "format")) != NULL &&
	    !pp_identifier_known(pp_value_string(v) ? pp_value_string(v)
						    : "") &&
	    g_strcmp0(pp_value_string(v), "image") != 0 &&
	    g_strcmp0(pp_value_string(v), "markdown") != 0) {
		pp_error_set(err, PP_DIAG_SCHEMA, &v->pos,
			     _("unknown format \"%s\""),
			     pp_value_text(v) ? pp_value_text(v) : "");
		return -1;
	}
	if ((v = pp_value_map_get(spec, "pattern")) != NULL) {
		GError *gerr = NULL;
		GRegex *re = pp_value_string(v) != NULL
				 ? g_regex_new(pp_value_string(v), 0, 0, &gerr)
				 : NULL;

		if (re == NULL) {
			pp_error_set(err, PP_DIAG_SCHEMA, &v->pos,
				     _("bad pattern: %s"),
				     gerr ? gerr->message : "not a text");
			g_clear_error(&gerr);
			return -1;
		}
		g_regex_unref(re);
	}
	return 0;
}

struct pp_schema *
pp_schema_load(const char *schema_path, const char *types_path,
	       struct pp_error *err)
{
	struct pp_schema *s = pp_xcalloc(1, sizeof(*s));
	const struct pp_value *doc, *types_doc = NULL, *v;
	size_t i;

	s->arena = pp_arena_new();
	if (types_path != NULL) {
		types_doc = pp_yaml_read_file(s->arena, types_path, NULL, err);
		if (types_doc == NULL)
			goto fail;
		s->types = pp_value_map_get(types_doc, "types");
		if (s->types == NULL || s->types->kind != PP_VALUE_MAP) {
			pp_error_set(err, PP_DIAG_SCHEMA, &types_doc->pos,
				     _("a types file needs a \"types\" map"));
			goto fail;
		}
	}
	doc = pp_yaml_read_file(s->arena, schema_path, NULL, err);
	if (doc == NULL)
		goto fail;
	s->model = pp_value_string(pp_value_map_get(doc, "model"));
	s->title = pp_value_string(pp_value_map_get(doc, "title"));
	s->root = pp_value_map_get(doc, "form");
	if (s->model == NULL || s->root == NULL) {
		pp_error_set(err, PP_DIAG_SCHEMA, &doc->pos,
			     _("a schema needs \"model\" and \"form\""));
		goto fail;
	}
	if (s->title == NULL)
		s->title = s->model;
	if (s->types != NULL) {
		for (i = 0; i < s->types->u.map.n; i++)
			if (schema_check_spec(s, s->types->u.map.items[i].value,
					      0, err) != 0)
				goto fail;
	}
	if (schema_check_spec(s, s->root, 0, err) != 0)
		goto fail;
	if ((v = pp_value_map_get(doc, "types")) != NULL) {
		pp_error_set(err, PP_DIAG_SCHEMA, &v->pos,
			     _("named types belong in models/types.yaml"));
		goto fail;
	}
	return s;
fail:
	pp_schema_free(s);
	return NULL;
}

void
pp_schema_free(struct pp_schema *s)
{
	if (s == NULL)
		return;
	pp_arena_free(s->arena);
	free(s);
}

const char *
pp_schema_model(const struct pp_schema *s)
{
	return s->model;
}

const char *
pp_schema_title(const struct pp_schema *s)
{
	return s->title;
}

const struct pp_value *
pp_schema_root(const struct pp_schema *s)
{
	return s->root;
}

const struct pp_value *
pp_schema_type(const struct pp_schema *s, const char *name)
{
	return pp_value_map_get(s->types, name);
}

const char *
pp_schema_field_need(const struct pp_schema *s, const char *path, int *need)
{
	const struct pp_value *spec = s->root, *must;
	const struct pp_map_entry *e;
	const char *cond = NULL, *group = NULL, *key = NULL;
	char **parts = g_strsplit(path, ".", -1);
	int leaf = PP_FIELD_REQUIRED, above = PP_FIELD_REQUIRED;
	size_t i;

	/* List items take their list's need: the parts that are numbers
	 * only lead to the items' specification. */
	for (i = 0; parts[i] != NULL && spec != NULL; i++) {
		const char *p = parts[i];

		if (p[0] >= '0' && p[0] <= '9') {
			spec = schema_get(s, spec, "items");
			continue;
		}
		e = pp_value_map_entry(schema_get(s, spec, "fields"), p);
		spec = e != NULL ? e->value : NULL;
		if (spec == NULL)
			break;
		/* A key above this one may be left out: this one is needed
		 * only with it. */
		if (key != NULL && leaf != PP_FIELD_REQUIRED) {
			above = PP_FIELD_OPTIONAL;
			group = key;
		}
		key = e->key;
		if (schema_flag(s, spec, "required")) {
			leaf = PP_FIELD_REQUIRED;
		} else if (schema_get(s, spec, "required_if") != NULL) {
			leaf = PP_FIELD_REQUIRED_IF;
			cond = pp_value_string(pp_value_map_get(
			    schema_get(s, spec, "required_if"), "field"));
		} else {
			leaf = PP_FIELD_OPTIONAL;
		}
	}
	g_strfreev(parts);
	if (spec == NULL) {
		*need = PP_FIELD_UNKNOWN;
		return NULL;
	}
	must = schema_get(s, spec, "must_be");
	if (must != NULL && must->kind == PP_VALUE_BOOL) {
		*need = PP_FIELD_FIXED;
		return must->u.boolean ? "true" : "false";
	}
	if (leaf == PP_FIELD_REQUIRED && above != PP_FIELD_REQUIRED) {
		*need = PP_FIELD_REQUIRED_IN;
		return group;
	}
	*need = above == PP_FIELD_REQUIRED ? leaf : PP_FIELD_OPTIONAL;
	return *need == PP_FIELD_REQUIRED_IF ? cond : NULL;
}

/* --- Validation ------------------------------------------------------- */

struct schema_ctx {
	const struct pp_schema *s;
	struct pp_arena *arena;
	struct pp_diags *d;
	size_t errors;
	struct pp_buf path;   /* data path of the value being checked */
	const char *base_dir; /* where relative image paths start */
};

static void schema_validate_value(struct schema_ctx *c,
				  const struct pp_value *spec,
				  struct pp_value *v,
				  const struct pp_pos *key_pos);

__attribute__((format(printf, 4, 5))) static void
schema_report(struct schema_ctx *c, enum pp_diag_code code,
	      const struct pp_pos *pos, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pp_diags_add(c->d, code, pos, pp_buf_str(&c->path), "%s", msg);
	if (pp_diag_code_severity(code) == PP_SEV_ERROR)
		c->errors++;
}

/* The closest key of a map of specifications (or list of values), if it is
 * close enough to be a likely typo. */
static const char *
schema_suggest(const struct pp_value *choices, const char *word)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1, i, n;
	size_t limit = pp_suggest_max_distance(word);

	if (choices == NULL)
		return NULL;
	n = choices->kind == PP_VALUE_MAP    ? choices->u.map.n
	    : choices->kind == PP_VALUE_LIST ? choices->u.list.n
					     : 0;
	for (i = 0; i < n; i++) {
		const char *cand =
		    choices->kind == PP_VALUE_MAP
			? choices->u.map.items[i].key
			: pp_value_text(choices->u.list.items[i]);
		size_t dist;

		if (cand == NULL)
			continue;
		if (g_ascii_strcasecmp(cand, word) == 0)
			return cand;
		dist = pp_edit_distance(cand, word);
		if (dist <= limit && dist < best_d) {
			best_d = dist;
			best = cand;
		}
	}
	return best;
}

/* "a, b, c" for error messages; caller frees. */
static char *
schema_choices(const struct pp_value *values)
{
	struct pp_buf b;
	size_t i;

	pp_buf_init(&b);
	for (i = 0; values != NULL && i < values->u.list.n; i++) {
		const char *t = pp_value_text(values->u.list.items[i]);

		if (i > 0)
			pp_buf_adds(&b, ", ");
		pp_buf_adds(&b, t != NULL ? t : "null");
	}
	return pp_buf_detach(&b);
}

static size_t
schema_path_push_key(struct schema_ctx *c, const char *key)
{
	size_t mark = c->path.len;

	if (c->path.len > 0)
		pp_buf_addc(&c->path, '.');
	pp_buf_adds(&c->path, key);
	return mark;
}

static size_t
schema_path_push_index(struct schema_ctx *c, size_t index)
{
	size_t mark = c->path.len;

	pp_buf_addf(&c->path, "[%zu]", index + 1);
	return mark;
}

static void
schema_path_pop(struct schema_ctx *c, size_t mark)
{
	c->path.len = mark;
	if (c->path.data != NULL)
		c->path.data[mark] = '\0';
}

static void
schema_restamp(struct pp_value *v, const struct pp_pos *pos)
{
	size_t i;

	v->pos = *pos;
	if (v->kind == PP_VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			schema_restamp(v->u.list.items[i], pos);
	else if (v->kind == PP_VALUE_MAP)
		for (i = 0; i < v->u.map.n; i++) {
			v->u.map.items[i].key_pos = *pos;
			schema_restamp(v->u.map.items[i].value, pos);
		}
}

/* 1 when the sibling named by required_if holds one of its values. */
static int
schema_required_if(const struct schema_ctx *c, const struct pp_value *spec,
		   const struct pp_value *map, const char **why_field,
		   const char **why_value)
{
	const struct pp_value *rule = schema_get(c->s, spec, "required_if");
	const struct pp_value *values, *sib;
	const char *field, *text;
	size_t i;

	if (rule == NULL)
		return 0;
	field = pp_value_string(pp_value_map_get(rule, "field"));
	values = pp_value_map_get(rule, "values");
	if (field == NULL || values == NULL || values->kind != PP_VALUE_LIST)
		return 0;
	sib = pp_value_map_get(map, field);
	text = pp_value_text(sib);
	if (text == NULL)
		return 0;
	for (i = 0; i < values->u.list.n; i++) {
		const char *t = pp_value_text(values->u.list.items[i]);

		if (t != NULL && strcmp(t, text) == 0) {
			*why_field = field;
			*why_value = t;
			return 1;
		}
	}
	return 0;
}

/* 1 when an unknown key of map looks like a typo for key: the unknown-key
 * message already says what to do. */
static int
schema_typo_for(const struct pp_value *fields, const struct pp_value *map,
		const char *key)
{
	size_t i;

	for (i = 0; i < map->u.map.n; i++) {
		const char *k = map->u.map.items[i].key;
		const char *hint;

		if (pp_value_map_get(fields, k) != NULL)
			continue;
		hint = schema_suggest(fields, k);
		if (hint != NULL && strcmp(hint, key) == 0)
			return 1;
	}
	return 0;
}

static int schema_is_date(const char *s);

static void
schema_validate_map(struct schema_ctx *c, const struct pp_value *spec,
		    struct pp_value *map, const struct pp_pos *key_pos)
{
	const struct pp_value *fields = schema_get(c->s, spec, "fields");
	size_t i, mark;

	if (fields == NULL)
		return; /* a free-form map */
	/* Keys the model does not know. */
	for (i = 0; i < map->u.map.n; i++) {
		const struct pp_map_entry *e = &map->u.map.items[i];
		const char *hint;

		if (pp_value_map_get(fields, e->key) != NULL)
			continue;
		mark = schema_path_push_key(c, e->key);
		hint = schema_suggest(fields, e->key);
		if (hint != NULL) {
			schema_report(c, PP_DIAG_UNKNOWN_KEY, &e->key_pos,
				      _("unknown key; did you mean \"%s\"?"),
				      hint);
			/* Its contents are checked as those of the key
			 * meant, so that one round gives every message. */
			if (pp_value_map_get(map, hint) == NULL &&
			    e->value->kind != PP_VALUE_NULL) {
				schema_path_pop(c, mark);
				mark = schema_path_push_key(c, hint);
				schema_validate_value(
				    c, pp_value_map_get(fields, hint), e->value,
				    &e->key_pos);
			}
		} else
			schema_report(c, PP_DIAG_UNKNOWN_KEY, &e->key_pos,
				      _("unknown key (this model does not use "
					"it)"));
		schema_path_pop(c, mark);
	}
	/* Keys the model knows: present, missing or defaulted. */
	for (i = 0; i < fields->u.map.n; i++) {
		const struct pp_map_entry *f = &fields->u.map.items[i];
		const struct pp_map_entry *e = pp_value_map_entry(map, f->key);
		const char *why_field = NULL, *why_value = NULL;

		mark = schema_path_push_key(c, f->key);
		if (e != NULL && e->value->kind != PP_VALUE_NULL) {
			schema_validate_value(c, f->value, e->value,
					      &e->key_pos);
		} else if (e == NULL && schema_typo_for(fields, map, f->key)) {
			/* reported as an unknown key with a suggestion */
		} else if (schema_flag(c->s, f->value, "required") ||
			   schema_required_if(c, f->value, map, &why_field,
					      &why_value)) {
			const char *desc = pp_value_string(
			    schema_get(c->s, f->value, "description"));
			const struct pp_pos *pos =
			    e != NULL ? &e->key_pos : key_pos;
			const char *verb =
			    e != NULL ? _("is empty") : _("is missing");

			if (why_field != NULL && desc != NULL)
				schema_report(c, PP_DIAG_MISSING_KEY, pos,
					      _("%s; it is required when %s is "
						"\"%s\" (%s)"),
					      verb, why_field, why_value, desc);
			else if (why_field != NULL)
				schema_report(c, PP_DIAG_MISSING_KEY, pos,
					      _("%s; it is required when %s is "
						"\"%s\""),
					      verb, why_field, why_value);
			else if (desc != NULL)
				schema_report(c, PP_DIAG_MISSING_KEY, pos,
					      _("%s (%s)"), verb, desc);
			else
				schema_report(c, PP_DIAG_MISSING_KEY, pos, "%s",
					      verb);
		} else {
			const struct pp_value *def =
			    schema_get(c->s, f->value, "default");

			if (def != NULL && def->kind != PP_VALUE_NULL) {
				struct pp_value *copy =
				    pp_value_copy(c->arena, def);

				schema_restamp(copy, e != NULL ? &e->key_pos
							       : key_pos);
				pp_value_map_set(c->arena, map, f->key, copy);
				/* Fills the defaults nested in the default. */
				schema_validate_value(c, f->value, copy,
						      key_pos);
			}
		}
		schema_path_pop(c, mark);
	}
	/* Keys that may not be given together. */
	for (i = 0; i < fields->u.map.n; i++) {
		const struct pp_map_entry *f = &fields->u.map.items[i];
		const char *other =
		    pp_value_string(schema_get(c->s, f->value, "excludes"));
		const struct pp_map_entry *v, *o;

		if (other == NULL)
			continue;
		v = pp_value_map_entry(map, f->key);
		o = pp_value_map_entry(map, other);
		if (v == NULL || o == NULL || v->value->kind == PP_VALUE_NULL ||
		    o->value->kind == PP_VALUE_NULL)
			continue;
		mark = schema_path_push_key(c, f->key);
		schema_report(c, PP_DIAG_RULE, &v->key_pos,
			      _("give %s or %s, not both (%s is on line %d): "
				"remove one of them"),
			      f->key, other, other, o->key_pos.line);
		schema_path_pop(c, mark);
	}
	/* Dates that may not precede a sibling date. */
	for (i = 0; i < fields->u.map.n; i++) {
		const struct pp_map_entry *f = &fields->u.map.items[i];
		const char *other =
		    pp_value_string(schema_get(c->s, f->value, "not_before"));
		const struct pp_value *v, *o;

		if (other == NULL)
			continue;
		v = pp_value_map_get(map, f->key);
		o = pp_value_map_get(map, other);
		/* Only real dates compare: a bad one is reported as such. */
		if (pp_value_string(v) == NULL || pp_value_string(o) == NULL ||
		    !schema_is_date(pp_value_string(v)) ||
		    !schema_is_date(pp_value_string(o)))
			continue;
		if (strcmp(pp_value_string(v), pp_value_string(o)) < 0) {
			mark = schema_path_push_key(c, f->key);
			schema_report(c, PP_DIAG_RULE, &v->pos,
				      _("%s comes before %s (\"%s\"); the "
					"dates are probably swapped"),
				      pp_value_string(v), other,
				      pp_value_string(o));
			schema_path_pop(c, mark);
		}
	}
}

/* A date written in French words, "8 mars 2026" or "1er mars 2026", as
 * YYYY-MM-DD into fix (the day not checked); 0 when d is not one. */
static int
schema_date_words(const char *d, char fix[32])
{
	static const char *const months[] = {
	    "janvier",	 "f\xc3\xa9vrier", "mars",     "avril",
	    "mai",	 "juin",	   "juillet",  "ao\xc3\xbbt",
	    "septembre", "octobre",	   "novembre", "d\303\251cembre"};
	static const char *const plain[] = {
	    "", "fevrier", "", "", "", "", "", "aout", "", "", "", "decembre"};
	char word[32], end;
	unsigned day, year;
	int n, m;

	n = sscanf(d, "%2u %31s %4u%c", &day, word, &year, &end);
	if (n != 3) {
		n = sscanf(d, "%2uer %31s %4u%c", &day, word, &year, &end);
		if (n != 3 || day != 1)
			return 0;
	}
	for (m = 0; m < 12; m++)
		if (g_ascii_strcasecmp(word, months[m]) == 0 ||
		    (plain[m][0] != '\0' &&
		     g_ascii_strcasecmp(word, plain[m]) == 0))
			break;
	if (m == 12 || year < 1000)
		return 0;
	snprintf(fix, 32, "%04u-%02d-%02u", year, m + 1, day);
	return 1;
}

/*
 * The date d means, written YYYY-MM-DD into fix: day first as the French
 * write it (07/03/2026, 7.3.2026, 07-03-2026), or year first with missing
 * zeros or slashes (2026-3-7, 2026/03/07).  0 when d is no such date.
 */
static int
schema_date_fix(const char *d, char fix[32])
{
	unsigned a, b, y;
	char s1, s2, end;
	int n;

	if (schema_date_words(d, fix))
		return schema_is_date(fix);
	n = sscanf(d, "%4u%c%2u%c%4u%c", &a, &s1, &b, &s2, &y, &end);
	if (n != 5 || s1 != s2 || strchr("/.-", s1) == NULL ||
	    strspn(d, "0123456789/.-") != strlen(d))
		return 0;
	if (a >= 1000 && y <= 31) /* year first: a-b-y is Y-M-D */
		snprintf(fix, 32, "%04u-%02u-%02u", a, b, y);
	else if (a <= 31 && y >= 1000)
		snprintf(fix, 32, "%04u-%02u-%02u", y, b, a);
	else
		return 0;
	return schema_is_date(fix);
}

static int
schema_is_date(const char *s)
{
	static const int mdays[] = {31, 29, 31, 30, 31, 30,
				    31, 31, 30, 31, 30, 31};
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 &&
	    !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

/* Makes a scalar written where text is expected into text, as written. */
static int
schema_as_text(struct pp_value *v)
{
	if (v->kind == PP_VALUE_STRING)
		return 1;
	if ((v->kind == PP_VALUE_INT || v->kind == PP_VALUE_NUMBER ||
	     v->kind == PP_VALUE_BOOL) &&
	    v->raw != NULL) {
		v->kind = PP_VALUE_STRING;
		v->u.str.s = v->raw;
		v->u.str.len = strlen(v->raw);
		return 1;
	}
	return 0;
}

/* "true" or "false" for a yes or a no written in words (oui, non, yes,
 * no, vrai, faux, in any case); NULL for anything else. */
static const char *
schema_bool_fix(const char *text)
{
	static const char *const yes[] = {"oui", "yes", "vrai", "o", "y"};
	static const char *const no[] = {"non", "no", "faux", "n"};
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (g_ascii_strcasecmp(text, yes[i]) == 0)
			return "true";
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (g_ascii_strcasecmp(text, no[i]) == 0)
			return "false";
	return NULL;
}

static void
schema_wrong_type(struct schema_ctx *c, const struct pp_value *v,
		  const char *want)
{
	const char *text = pp_value_string(v);

	if (text != NULL && strcmp(want, _("a whole number")) == 0 &&
	    strpbrk(text, " ,.\xc2\xe2") != NULL)
		schema_report(c, PP_DIAG_WRONG_TYPE, &v->pos,
			      _("expected a whole number written with digits "
				"only (150000, not \"%s\")"),
			      text);
	else if (text != NULL && strcmp(want, _("yes/no (true/false)")) == 0 &&
		 schema_bool_fix(text) != NULL)
		schema_report(c, PP_DIAG_WRONG_TYPE, &v->pos,
			      _("expected true or false, not \"%s\": write "
				"%s"),
			      text, schema_bool_fix(text));
	else if (text != NULL && strcmp(want, _("yes/no (true/false)")) == 0)
		schema_report(c, PP_DIAG_WRONG_TYPE, &v->pos,
			      _("expected true or false, not \"%s\""), text);
	else
		schema_report(c, PP_DIAG_WRONG_TYPE, &v->pos,
			      _("expected %s here, not %s"), want,
			      pp_value_kind_name(v->kind));
}

static void
schema_check_length(struct schema_ctx *c, const struct pp_value *spec,
		    const struct pp_value *v, size_t n, int is_list)
{
	const struct pp_value *lo = schema_get(c->s, spec, "min_length");
	const struct pp_value *hi = schema_get(c->s, spec, "max_length");

	if (lo != NULL && lo->kind == PP_VALUE_INT &&
	    (long long)n < lo->u.integer)
		schema_report(c, PP_DIAG_BAD_LENGTH, &v->pos,
			      is_list ? _("at least %lld items are needed; "
					  "there are %zu")
				      : _("at least %lld characters are "
					  "needed; there are %zu"),
			      lo->u.integer, n);
	if (hi != NULL && hi->kind == PP_VALUE_INT &&
	    (long long)n > hi->u.integer)
		schema_report(c, PP_DIAG_BAD_LENGTH, &v->pos,
			      is_list ? _("at most %lld items are allowed; "
					  "there are %zu")
				      : _("at most %lld characters are "
					  "allowed; there are %zu"),
			      hi->u.integer, n);
}

/* The "image" format: a file, relative to the form's folder, that images.c
 * accepts without decoding it.  Whether it decodes is the layout's
 * business. */
static void
schema_check_image(struct schema_ctx *c, const struct pp_value *v)
{
	const char *name = v->u.str.s;
	char *path = g_path_is_absolute(name)
			 ? g_strdup(name)
			 : g_build_filename(c->base_dir, name, NULL);
	char why[2048];

	if (pp_confine_check(c->base_dir, name, path, why, sizeof(why)) != 0)
		schema_report(c, PP_DIAG_OUTSIDE, &v->pos, "%s", why);
	else if (pp_image_file_check(path, name, why, sizeof(why)) != 0)
		schema_report(c, PP_DIAG_IMAGE, &v->pos, "%s", why);
	g_free(path);
}

/* The "markdown" format: an annex's Markdown file, relative to the form's
 * folder, read and checked as rendering will read it (annex.h). */
static void
schema_check_markdown(struct schema_ctx *c, const struct pp_value *v)
{
	size_t before = c->d->n, i;
	char *text = NULL;

	/* An empty name is a text too short, reported as such. */
	if (v->u.str.s[0] == '\0')
		return;
	if (pp_annex_read(c->base_dir, v->u.str.s, &v->pos,
			  pp_buf_str(&c->path), &text, c->d) != 0)
		for (i = before; i < c->d->n; i++)
			if (c->d->items[i].severity == PP_SEV_ERROR)
				c->errors++;
	free(text);
}

static void
schema_check_string(struct schema_ctx *c, const struct pp_value *spec,
		    struct pp_value *v)
{
	const struct pp_value *pat = schema_get(c->s, spec, "pattern");
	const char *fmt = pp_value_string(schema_get(c->s, spec, "format"));
	const char *s = v->u.str.s;

	schema_check_length(c, spec, v, (size_t)g_utf8_strlen(s, -1), 0);
	if (pat != NULL && pp_value_string(pat) != NULL) {
		GRegex *re = g_regex_new(pp_value_string(pat), G_REGEX_ANCHORED,
					 G_REGEX_MATCH_ANCHORED, NULL);
		GMatchInfo *mi = NULL;
		int whole = 0;

		if (re != NULL && g_regex_match(re, s, 0, &mi)) {
			gint start, end;

			if (g_match_info_fetch_pos(mi, 0, &start, &end))
				whole = start == 0 && (size_t)end == strlen(s);
		}
		g_match_info_free(mi);
		if (re != NULL)
			g_regex_unref(re);
		if (!whole) {
			const char *help = pp_value_string(
			    schema_get(c->s, spec, "pattern_help"));

			schema_report(
			    c, PP_DIAG_BAD_PATTERN, &v->pos,
			    _("\"%s\" does not have the expected "
			      "form: %s"),
			    s, help != NULL ? help : pp_value_string(pat));
		}
	}
	if (fmt != NULL && strcmp(fmt, "image") == 0) {
		schema_check_image(c, v);
	} else if (fmt != NULL && strcmp(fmt, "markdown") == 0) {
		schema_check_markdown(c, v);
	} else if (fmt != NULL) {
		char why[512];
		enum pp_identifier_result r =
		    pp_identifier_check(fmt, s, why, sizeof(why));

		if (r == PP_IDENTIFIER_BAD)
			schema_report(c, PP_DIAG_BAD_FORMAT, &v->pos, "%s",
				      why);
		else if (r == PP_IDENTIFIER_WARNING)
			schema_report(c, PP_DIAG_IDENTIFIER_WARNING, &v->pos,
				      "%s", why);
	}
}

static void
schema_check_bounds(struct schema_ctx *c, const struct pp_value *spec,
		    const struct pp_value *v)
{
	const struct pp_value *lo = schema_get(c->s, spec, "min");
	const struct pp_value *hi = schema_get(c->s, spec, "max");
	double x = v->kind == PP_VALUE_INT ? (double)v->u.integer : v->u.number;
	const char *text = v->raw != NULL ? v->raw : "";

	if (lo != NULL &&
	    (lo->kind == PP_VALUE_INT || lo->kind == PP_VALUE_NUMBER)) {
		double m = lo->kind == PP_VALUE_INT ? (double)lo->u.integer
						    : lo->u.number;
		if (x < m)
			schema_report(c, PP_DIAG_OUT_OF_RANGE, &v->pos,
				      _("%s is below the minimum, %s"), text,
				      lo->raw ? lo->raw : "?");
	}
	if (hi != NULL &&
	    (hi->kind == PP_VALUE_INT || hi->kind == PP_VALUE_NUMBER)) {
		double m = hi->kind == PP_VALUE_INT ? (double)hi->u.integer
						    : hi->u.number;
		if (x > m)
			schema_report(c, PP_DIAG_OUT_OF_RANGE, &v->pos,
				      _("%s is above the maximum, %s"), text,
				      hi->raw ? hi->raw : "?");
	}
}

/*
 * A value that "paraphe init" left as PP_PLACEHOLDER, or that still holds
 * it: one error saying what to write instead (the choices of a list, the
 * shape of a date, the field's description), and whether the key may go.
 * Returns 1 when v was such a value.
 */
static int
schema_check_placeholder(struct schema_ctx *c, const struct pp_value *spec,
			 const struct pp_value *v)
{
	const char *text = v->kind == PP_VALUE_STRING ? v->u.str.s : v->raw;
	const char *desc, *path = pp_buf_str(&c->path);
	const struct pp_value *rule;
	char *what, *may_go;

	if (text == NULL || !pp_schema_is_placeholder(text))
		return 0;
	desc = pp_value_string(schema_get(c->s, spec, "description"));
	rule = schema_get(c->s, spec, "required_if");
	/* What else the user may do: drop the key or the item. */
	if (c->path.len > 0 && path[c->path.len - 1] == ']')
		may_go = g_strdup(_(", or remove this item"));
	else if (schema_flag(c->s, spec, "required"))
		may_go = g_strdup("");
	else if (rule != NULL &&
		 pp_value_string(pp_value_map_get(rule, "field")) != NULL)
		may_go = g_strdup_printf(
		    _(", or remove the line if %s does not require it"),
		    pp_value_string(pp_value_map_get(rule, "field")));
	else
		may_go = g_strdup(_(", or remove the line (optional)"));
	switch (schema_base_of(c->s, spec)) {
	case SCHEMA_ENUM:
		what = schema_choices(schema_get(c->s, spec, "values"));
		schema_report(c, PP_DIAG_PLACEHOLDER, &v->pos,
			      _("still \"%s\": choose one of %s%s"),
			      PP_PLACEHOLDER, what, may_go);
		free(what);
		g_free(may_go);
		return 1;
	case SCHEMA_DATE:
		what = g_strdup(_("write the date, YYYY-MM-DD"));
		break;
	case SCHEMA_INTEGER:
	case SCHEMA_NUMBER:
		what = g_strdup(_("write a number, without spaces"));
		break;
	case SCHEMA_ANY:
	case SCHEMA_STRING:
	case SCHEMA_BOOLEAN:
	case SCHEMA_LIST:
	case SCHEMA_MAP:
	case SCHEMA__COUNT:
	default:
		what =
		    desc != NULL
			? g_strdup_printf(_("write your own value (%s)"), desc)
			: g_strdup(_("write your own value"));
		break;
	}
	schema_report(c, PP_DIAG_PLACEHOLDER, &v->pos, _("still \"%s\": %s%s"),
		      PP_PLACEHOLDER, what, may_go);
	g_free(what);
	g_free(may_go);
	return 1;
}

int
pp_schema_is_placeholder(const char *text)
{
	char *fold, *whole;
	size_t len;
	int found;

	/* In capitals, as init writes it, anywhere: "À COMPLÉTER SAS". */
	if (strstr(text, PP_PLACEHOLDER) != NULL ||
	    strstr(text, "A COMPLETER") != NULL)
		return 1;
	/* Otherwise only as the whole value: "à compléter" is ordinary
	 * French inside a sentence ("les dates restent à compléter").  It
	 * runs for every text of every partner of a kit, so most values
	 * end before the folding: case folding turns a character of at most
	 * 4 bytes into at least 1, so more than 4 x 12 bytes (spaces around
	 * aside) cannot fold into the 12 of "à compléter"; and none of the
	 * characters that fold into several (ß, ligatures, ŉ...) folds into
	 * letters of it, so fewer than the 11 of "a completer" cannot. */
	len = strlen(text);
	while (len > 0 && g_ascii_isspace(text[len - 1]))
		len--;
	while (len > 0 && g_ascii_isspace(*text)) {
		text++;
		len--;
	}
	if (len < 11 || len > 4 * 12)
		return 0;
	if (!g_utf8_validate(text, (gssize)len, NULL))
		return 0;
	whole = g_strndup(text, len);
	fold = g_utf8_casefold(whole, -1);
	found = strcmp(fold, "à compléter") == 0 ||
		strcmp(fold, "a completer") == 0;
	g_free(fold);
	g_free(whole);
	return found;
}

static void
schema_validate_value(struct schema_ctx *c, const struct pp_value *spec,
		      struct pp_value *v, const struct pp_pos *key_pos)
{
	const struct pp_value *must;
	size_t i, mark;

	if ((v->kind == PP_VALUE_STRING || v->raw != NULL) &&
	    schema_check_placeholder(c, spec, v))
		return;
	switch (schema_base_of(c->s, spec)) {
	case SCHEMA_ANY:
	case SCHEMA__COUNT:
		return;
	case SCHEMA_STRING:
		if (!schema_as_text(v)) {
			schema_wrong_type(c, v, _("a text"));
			return;
		}
		schema_check_string(c, spec, v);
		return;
	case SCHEMA_DATE:
		if (!schema_as_text(v)) {
			schema_wrong_type(c, v, _("a date (YYYY-MM-DD)"));
			return;
		}
		if (!schema_is_date(v->u.str.s)) {
			const char *d = v->u.str.s;
			char fix[32];
			int shaped = strlen(d) == 10 && d[4] == '-' &&
				     d[7] == '-' &&
				     strspn(d, "0123456789-") == 10;

			if (shaped && atoi(d) < 1900)
				schema_report(c, PP_DIAG_BAD_DATE, &v->pos,
					      _("%s is too early: dates start "
						"in 1900"),
					      d);
			else if (shaped)
				schema_report(c, PP_DIAG_BAD_DATE, &v->pos,
					      _("%s does not exist in the "
						"calendar; check the day and "
						"the month"),
					      d);
			else if (schema_date_fix(d, fix))
				schema_report(c, PP_DIAG_BAD_DATE, &v->pos,
					      _("\"%s\" is not written "
						"YYYY-MM-DD: write %s"),
					      d, fix);
			else
				schema_report(c, PP_DIAG_BAD_DATE, &v->pos,
					      _("\"%s\" is not a date; write "
						"it YYYY-MM-DD, for example "
						"2026-03-08"),
					      d);
		}
		return;
	case SCHEMA_INTEGER:
		if (v->kind != PP_VALUE_INT) {
			schema_wrong_type(c, v, _("a whole number"));
			return;
		}
		schema_check_bounds(c, spec, v);
		return;
	case SCHEMA_NUMBER:
		if (v->kind != PP_VALUE_INT && v->kind != PP_VALUE_NUMBER) {
			schema_wrong_type(c, v, _("a number"));
			return;
		}
		schema_check_bounds(c, spec, v);
		return;
	case SCHEMA_BOOLEAN:
		if (v->kind != PP_VALUE_BOOL) {
			schema_wrong_type(c, v, _("yes/no (true/false)"));
			return;
		}
		must = schema_get(c->s, spec, "must_be");
		if (must != NULL && must->kind == PP_VALUE_BOOL &&
		    must->u.boolean != v->u.boolean) {
			const char *why =
			    pp_value_string(schema_get(c->s, spec, "message"));

			schema_report(c, PP_DIAG_RULE, &v->pos,
				      _("must be %s: %s"),
				      must->u.boolean ? "true" : "false",
				      why != NULL ? why : "");
		}
		return;
	case SCHEMA_ENUM: {
		const struct pp_value *values =
		    schema_get(c->s, spec, "values");
		const char *text;
		char *list;
		const char *hint;

		if (!schema_as_text(v)) {
			schema_wrong_type(c, v, _("one word from a list"));
			return;
		}
		text = v->u.str.s;
		for (i = 0; values != NULL && i < values->u.list.n; i++) {
			const char *t = pp_value_text(values->u.list.items[i]);

			if (t != NULL && strcmp(t, text) == 0)
				return;
		}
		list = schema_choices(values);
		hint = schema_suggest(values, text);
		if (hint != NULL)
			schema_report(c, PP_DIAG_BAD_CHOICE, &v->pos,
				      _("\"%s\" is not allowed; did you mean "
					"\"%s\"? (allowed: %s)"),
				      text, hint, list);
		else
			schema_report(c, PP_DIAG_BAD_CHOICE, &v->pos,
				      _("\"%s\" is not allowed (allowed: %s)"),
				      text, list);
		free(list);
		return;
	}
	case SCHEMA_LIST: {
		const struct pp_value *items = schema_get(c->s, spec, "items");

		if (v->kind != PP_VALUE_LIST) {
			schema_wrong_type(c, v, _("a list"));
			return;
		}
		schema_check_length(c, spec, v, v->u.list.n, 1);
		if (items == NULL)
			return;
		for (i = 0; i < v->u.list.n; i++) {
			struct pp_value *item = v->u.list.items[i];

			mark = schema_path_push_index(c, i);
			if (item->kind == PP_VALUE_NULL)
				schema_report(c, PP_DIAG_WRONG_TYPE, &item->pos,
					      _("this list item is empty"));
			else
				schema_validate_value(c, items, item,
						      &item->pos);
			schema_path_pop(c, mark);
		}
		return;
	}
	case SCHEMA_MAP:
		if (v->kind != PP_VALUE_MAP) {
			schema_wrong_type(c, v, _("a group of keys"));
			return;
		}
		schema_validate_map(c, spec, v, key_pos);
		return;
	}
}

size_t
pp_schema_validate(const struct pp_schema *s, struct pp_arena *a,
		   struct pp_value *form, struct pp_diags *d)
{
	return pp_schema_validate_dir(s, a, form, NULL, d);
}

size_t
pp_schema_validate_dir(const struct pp_schema *s, struct pp_arena *a,
		       struct pp_value *form, const char *base_dir,
		       struct pp_diags *d)
{
	struct schema_ctx c;
	char *own_dir = NULL;

	c.s = s;
	c.arena = a;
	c.d = d;
	c.errors = 0;
	if (base_dir == NULL)
		base_dir = own_dir = g_path_get_dirname(
		    form->pos.file != NULL ? form->pos.file : ".");
	c.base_dir = base_dir;
	pp_buf_init(&c.path);
	if (form->kind == PP_VALUE_NULL) {
		pp_diags_add(d, PP_DIAG_MISSING_KEY, &form->pos, NULL,
			     _("the form is empty; \"paraphe init "
			       "convention\" prints one to start from"));
		c.errors++;
	} else {
		struct pp_pos top = form->pos;

		top.line = 1;
		top.col = 1;
		schema_validate_value(&c, s->root, form, &top);
	}
	pp_buf_fini(&c.path);
	g_free(own_dir);
	return c.errors;
}
