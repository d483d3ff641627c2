/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "jsonschema.h"
#include "model.h"

/* The draft the output follows. */
#define JS_DRAFT "https://json-schema.org/draft/2020-12/schema"

/* Named types may refer to each other; this bounds the chain, as in
 * schema.c. */
#define JS_MAX_TYPE_CHAIN 16
/* Nesting of specifications (schema.c refuses more than 32). */
#define JS_MAX_DEPTH 64

enum js_base {
	JS_ANY,
	JS_STRING,
	JS_INTEGER,
	JS_NUMBER,
	JS_BOOLEAN,
	JS_DATE,
	JS_LIST,
	JS_MAP,
	JS_ENUM,
	JS__COUNT
};

static const char *const js_base_names[JS__COUNT] = {
    "any",  "string", "integer", "number", "boolean",
    "date", "list",   "map",	 "enum",
};

/* Keywords that constrain a value: a field giving one its named type also
 * gives is written out in full, since the field's own keyword wins. */
static const char *const js_constraints[] = {
    "fields",	  "items",   "values", "min",	  "max", "min_length",
    "max_length", "pattern", "format", "must_be", NULL,
};

struct js {
	const struct pp_schema *s;
	JsonBuilder *b;
	GPtrArray *defs;    /* named types to write under $defs, in order */
	GHashTable *queued; /* the same names, for lookups */
	struct pp_error *err;
	int failed;
};

/* --- Reading specifications ----------------------------------------------- */

static int
js_base_index(const char *t)
{
	int i;

	for (i = 0; i < JS__COUNT; i++)
		if (strcmp(t, js_base_names[i]) == 0)
			return i;
	return -1;
}

/* The named type spec builds on, or NULL when its type is a base type. */
static const struct pp_value *
js_named(const struct js *j, const struct pp_value *spec)
{
	const char *t = pp_value_string(pp_value_map_get(spec, "type"));

	if (t == NULL || js_base_index(t) >= 0)
		return NULL;
	return pp_schema_type(j->s, t);
}

/* A keyword of spec, looked up through the named types it builds on. */
static const struct pp_value *
js_get(const struct js *j, const struct pp_value *spec, const char *key)
{
	int i;

	for (i = 0; spec != NULL && i < JS_MAX_TYPE_CHAIN; i++) {
		const struct pp_value *v = pp_value_map_get(spec, key);

		if (v != NULL)
			return v;
		spec = js_named(j, spec);
	}
	return NULL;
}

/* The base type of spec, or -1 when its chain of named types loops. */
static int
js_base(const struct js *j, const struct pp_value *spec)
{
	int i, k;

	for (i = 0; spec != NULL && i < JS_MAX_TYPE_CHAIN; i++) {
		const char *t = pp_value_string(pp_value_map_get(spec, "type"));

		if (t == NULL)
			return JS_ANY;
		if ((k = js_base_index(t)) >= 0)
			return k;
		spec = pp_schema_type(j->s, t);
	}
	return spec == NULL ? JS_ANY : -1;
}

static int
js_flag(const struct js *j, const struct pp_value *spec, const char *key)
{
	const struct pp_value *v = js_get(j, spec, key);

	return v != NULL && v->kind == PP_VALUE_BOOL && v->u.boolean;
}

/* 1 when spec sets a constraint its named type sets too. */
static int
js_overrides(const struct js *j, const struct pp_value *spec)
{
	const struct pp_value *named = js_named(j, spec);
	int k;

	if (named == NULL)
		return 0;
	for (k = 0; js_constraints[k] != NULL; k++)
		if (pp_value_map_get(spec, js_constraints[k]) != NULL &&
		    js_get(j, named, js_constraints[k]) != NULL)
			return 1;
	return 0;
}

static void
js_fail(struct js *j, const struct pp_value *at, const char *msg)
{
	if (!j->failed)
		pp_error_set(j->err, PP_DIAG_SCHEMA,
			     at != NULL ? &at->pos : NULL, "%s", msg);
	j->failed = 1;
}

/* --- Writing ----------------------------------------------------------------
 */

/* A value of a schema file (default, enum value...) as JSON. */
static void
js_value(JsonBuilder *b, const struct pp_value *v)
{
	size_t i;

	if (v == NULL) {
		json_builder_add_null_value(b);
		return;
	}
	switch (v->kind) {
	case PP_VALUE_NULL:
	case PP_VALUE__COUNT:
		json_builder_add_null_value(b);
		break;
	case PP_VALUE_BOOL:
		json_builder_add_boolean_value(b, v->u.boolean != 0);
		break;
	case PP_VALUE_INT:
		json_builder_add_int_value(b, (gint64)v->u.integer);
		break;
	case PP_VALUE_NUMBER:
		json_builder_add_double_value(b, v->u.number);
		break;
	case PP_VALUE_STRING:
		json_builder_add_string_value(b, v->u.str.s);
		break;
	case PP_VALUE_LIST:
		json_builder_begin_array(b);
		for (i = 0; i < v->u.list.n; i++)
			js_value(b, v->u.list.items[i]);
		json_builder_end_array(b);
		break;
	case PP_VALUE_MAP:
		json_builder_begin_object(b);
		for (i = 0; i < v->u.map.n; i++) {
			json_builder_set_member_name(b, v->u.map.items[i].key);
			js_value(b, v->u.map.items[i].value);
		}
		json_builder_end_object(b);
		break;
	}
}

static void
js_member_int(JsonBuilder *b, const char *name, const struct pp_value *v)
{
	if (v == NULL || v->kind != PP_VALUE_INT || v->u.integer < 0)
		return;
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, (gint64)v->u.integer);
}

static void
js_member_number(JsonBuilder *b, const char *name, const struct pp_value *v)
{
	if (v == NULL ||
	    (v->kind != PP_VALUE_INT && v->kind != PP_VALUE_NUMBER))
		return;
	json_builder_set_member_name(b, name);
	js_value(b, v);
}

/* "#/$defs/NAME", NAME escaped as a JSON pointer inside a URI fragment. */
static char *
js_ref_uri(const char *name)
{
	GString *s = g_string_new("#/$defs/");
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if (*p == '~')
			g_string_append(s, "~0");
		else if (*p == '/')
			g_string_append(s, "~1");
		else if (g_ascii_isalnum(*p) || strchr("-._!$&'()*+,;=:@", *p))
			g_string_append_c(s, (char)*p);
		else
			g_string_append_printf(s, "%%%02X", *p);
	}
	return g_string_free(s, FALSE);
}

static void
js_ref(struct js *j, const char *name)
{
	char *uri = js_ref_uri(name);

	if (!g_hash_table_contains(j->queued, name)) {
		char *copy = g_strdup(name);

		g_ptr_array_add(j->defs, copy);
		g_hash_table_add(j->queued, copy);
	}
	json_builder_set_member_name(j->b, "$ref");
	json_builder_add_string_value(j->b, uri);
	g_free(uri);
}

/*
 * A GRegex pattern (matched whole by schema.c) as an ECMA-262 one:
 * "^(?:PATTERN)$".  A leading "(?i)" becomes letter classes ([sS]).  NULL
 * when the pattern uses what ECMA-262 does not have (other inline flags,
 * POSIX classes, possessive quantifiers, \A \Z \z \G \h \R \K \Q \x{...}),
 * or letters inside brackets under "(?i)".
 */
static char *
js_pattern(const char *pat)
{
	GString *s = g_string_new("^(?:");
	int fold = 0, in_class = 0;
	const char *p;

	if (strncmp(pat, "(?i)", 4) == 0) {
		fold = 1;
		pat += 4;
	}
	for (p = pat; *p != '\0'; p++) {
		if (*p == '\\') {
			if (p[1] == '\0' || strchr("AZzGhHRKQEXCvV", p[1]) ||
			    (p[1] == 'x' && p[2] == '{') ||
			    (fold && g_ascii_isalpha(p[1]) &&
			     strchr("dDsSwWbBpPntrfu", p[1]) == NULL))
				goto refuse;
			g_string_append_c(s, p[0]);
			g_string_append_c(s, p[1]);
			p++;
			continue;
		}
		if (in_class) {
			if (*p == '[' && p[1] == ':')
				goto refuse;
			if (fold && g_ascii_isalpha(*p))
				goto refuse;
			if (*p == ']')
				in_class = 0;
			g_string_append_c(s, *p);
			continue;
		}
		if (*p == '[') {
			in_class = 1;
			g_string_append_c(s, *p);
			if (p[1] == '^') {
				g_string_append_c(s, '^');
				p++;
			}
			if (p[1] == ']') { /* a literal ] first in the class */
				g_string_append(s, "\\]");
				p++;
			}
			continue;
		}
		if (*p == '(' && p[1] == '?' &&
		    !(p[2] == ':' || p[2] == '=' || p[2] == '!' ||
		      (p[2] == '<' && (p[3] == '=' || p[3] == '!'))))
			goto refuse;
		if ((*p == '+' || *p == '*' || *p == '?' || *p == '}') &&
		    p[1] == '+')
			goto refuse;
		if (fold && g_ascii_isalpha(*p)) {
			g_string_append_printf(s, "[%c%c", g_ascii_tolower(*p),
					       g_ascii_toupper(*p));
			g_string_append_c(s, ']');
			continue;
		}
		g_string_append_c(s, *p);
	}
	if (in_class)
		goto refuse;
	g_string_append(s, ")$");
	return g_string_free(s, FALSE);
refuse:
	g_string_free(s, TRUE);
	return NULL;
}

/* "description": the field's, with what its pattern means. */
static void
js_description(struct js *j, const struct pp_value *spec, int chain)
{
	const char *desc, *help;

	if (chain) {
		desc = pp_value_string(js_get(j, spec, "description"));
		help = pp_value_string(js_get(j, spec, "pattern_help"));
	} else {
		desc = pp_value_string(pp_value_map_get(spec, "description"));
		help = pp_value_string(pp_value_map_get(spec, "pattern_help"));
	}
	if (desc == NULL && help == NULL)
		return;
	json_builder_set_member_name(j->b, "description");
	if (desc != NULL && help != NULL) {
		char *both = g_strdup_printf("%s (%s)", desc, help);

		json_builder_add_string_value(j->b, both);
		g_free(both);
	} else {
		json_builder_add_string_value(j->b, desc != NULL ? desc : help);
	}
}

static void js_spec(struct js *j, const struct pp_value *spec, int nullable,
		    int depth);

/* "type": NAME, or [NAME, "null"]. */
static void
js_type(JsonBuilder *b, const char *name, int nullable)
{
	json_builder_set_member_name(b, "type");
	if (!nullable) {
		json_builder_add_string_value(b, name);
		return;
	}
	json_builder_begin_array(b);
	json_builder_add_string_value(b, name);
	json_builder_add_string_value(b, "null");
	json_builder_end_array(b);
}

/* required_if rules of a map's fields, as if/then pairs. */
static void
js_required_if(struct js *j, const struct pp_value *fields)
{
	size_t i;
	int open = 0;

	for (i = 0; i < fields->u.map.n; i++) {
		const struct pp_map_entry *f = &fields->u.map.items[i];
		const struct pp_value *rule =
		    js_get(j, f->value, "required_if");
		const char *field =
		    pp_value_string(pp_value_map_get(rule, "field"));
		const struct pp_value *values =
		    pp_value_map_get(rule, "values");

		if (rule == NULL || field == NULL || values == NULL ||
		    values->kind != PP_VALUE_LIST ||
		    js_flag(j, f->value, "required"))
			continue;
		if (!open) {
			json_builder_set_member_name(j->b, "allOf");
			json_builder_begin_array(j->b);
			open = 1;
		}
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "if");
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "properties");
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, field);
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "enum");
		js_value(j->b, values);
		json_builder_end_object(j->b);
		json_builder_end_object(j->b);
		json_builder_set_member_name(j->b, "required");
		json_builder_begin_array(j->b);
		json_builder_add_string_value(j->b, field);
		json_builder_end_array(j->b);
		json_builder_end_object(j->b);
		json_builder_set_member_name(j->b, "then");
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "required");
		json_builder_begin_array(j->b);
		json_builder_add_string_value(j->b, f->key);
		json_builder_end_array(j->b);
		json_builder_set_member_name(j->b, "properties");
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, f->key);
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "not");
		json_builder_begin_object(j->b);
		json_builder_set_member_name(j->b, "type");
		json_builder_add_string_value(j->b, "null");
		json_builder_end_object(j->b);
		json_builder_end_object(j->b);
		json_builder_end_object(j->b);
		json_builder_end_object(j->b);
		json_builder_end_object(j->b);
	}
	if (open)
		json_builder_end_array(j->b);
}

static void
js_map(struct js *j, const struct pp_value *fields, int depth)
{
	size_t i;
	int any_required = 0;

	if (fields == NULL || fields->kind != PP_VALUE_MAP)
		return; /* a free-form map */
	json_builder_set_member_name(j->b, "properties");
	json_builder_begin_object(j->b);
	for (i = 0; i < fields->u.map.n; i++) {
		const struct pp_map_entry *f = &fields->u.map.items[i];
		int required = js_flag(j, f->value, "required");

		any_required |= required;
		json_builder_set_member_name(j->b, f->key);
		if (depth == 0 && strcmp(f->key, "version") == 0 &&
		    js_base(j, f->value) == JS_ANY) {
			/* The format version every file starts with. */
			json_builder_begin_object(j->b);
			json_builder_set_member_name(j->b, "description");
			json_builder_add_string_value(
			    j->b,
			    pp_value_string(js_get(j, f->value, "description"))
				? pp_value_string(
				      js_get(j, f->value, "description"))
				: "version du format ; toujours 1");
			json_builder_set_member_name(j->b, "const");
			json_builder_add_int_value(j->b, PP_FORM_VERSION);
			json_builder_end_object(j->b);
			continue;
		}
		js_spec(j, f->value, !required, depth + 1);
	}
	json_builder_end_object(j->b);
	if (any_required) {
		json_builder_set_member_name(j->b, "required");
		json_builder_begin_array(j->b);
		for (i = 0; i < fields->u.map.n; i++)
			if (js_flag(j, fields->u.map.items[i].value,
				    "required"))
				json_builder_add_string_value(
				    j->b, fields->u.map.items[i].key);
		json_builder_end_array(j->b);
	}
	json_builder_set_member_name(j->b, "additionalProperties");
	json_builder_add_boolean_value(j->b, FALSE);
	js_required_if(j, fields);
}

/*
 * The constraints of a value of base type base: looked up through the
 * named types when chain is set, else spec's own keywords only (beside a
 * "$ref" that brings the rest).
 */
static void
js_constraints_of(struct js *j, const struct pp_value *spec, int base,
		  int chain, int nullable, int depth)
{
	const struct pp_value *v;

#define GET(key) (chain ? js_get(j, spec, key) : pp_value_map_get(spec, key))
	switch ((enum js_base)base) {
	case JS_ANY:
	case JS__COUNT:
		break;
	case JS_STRING:
		js_member_int(j->b, "minLength", GET("min_length"));
		js_member_int(j->b, "maxLength", GET("max_length"));
		v = GET("pattern");
		if (pp_value_string(v) != NULL) {
			char *re = js_pattern(pp_value_string(v));

			if (re != NULL) {
				json_builder_set_member_name(j->b, "pattern");
				json_builder_add_string_value(j->b, re);
				g_free(re);
			}
		}
		break;
	case JS_DATE:
		if (chain) {
			json_builder_set_member_name(j->b, "format");
			json_builder_add_string_value(j->b, "date");
			json_builder_set_member_name(j->b, "pattern");
			json_builder_add_string_value(
			    j->b, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
		}
		break;
	case JS_INTEGER:
	case JS_NUMBER:
		js_member_number(j->b, "minimum", GET("min"));
		js_member_number(j->b, "maximum", GET("max"));
		break;
	case JS_BOOLEAN:
		v = GET("must_be");
		if (v != NULL && v->kind == PP_VALUE_BOOL) {
			if (nullable) {
				json_builder_set_member_name(j->b, "enum");
				json_builder_begin_array(j->b);
				json_builder_add_boolean_value(j->b,
							       v->u.boolean);
				json_builder_add_null_value(j->b);
				json_builder_end_array(j->b);
			} else {
				json_builder_set_member_name(j->b, "const");
				json_builder_add_boolean_value(j->b,
							       v->u.boolean);
			}
		}
		break;
	case JS_ENUM:
		v = GET("values");
		if (v != NULL && v->kind == PP_VALUE_LIST) {
			size_t i;

			json_builder_set_member_name(j->b, "enum");
			json_builder_begin_array(j->b);
			for (i = 0; i < v->u.list.n; i++)
				js_value(j->b, v->u.list.items[i]);
			if (nullable)
				json_builder_add_null_value(j->b);
			json_builder_end_array(j->b);
		}
		break;
	case JS_LIST:
		js_member_int(j->b, "minItems", GET("min_length"));
		js_member_int(j->b, "maxItems", GET("max_length"));
		v = GET("items");
		if (v != NULL) {
			json_builder_set_member_name(j->b, "items");
			/* An empty item is an error, never "absent". */
			js_spec(j, v, 0, depth + 1);
		}
		break;
	case JS_MAP:
		js_map(j, GET("fields"), depth);
		break;
	}
#undef GET
}

/* The JSON type of an enum: "string" when every value is text. */
static const char *
js_enum_type(const struct js *j, const struct pp_value *spec)
{
	const struct pp_value *values = js_get(j, spec, "values");
	size_t i;

	if (values == NULL || values->kind != PP_VALUE_LIST)
		return NULL;
	for (i = 0; i < values->u.list.n; i++)
		if (values->u.list.items[i]->kind != PP_VALUE_STRING)
			return NULL;
	return "string";
}

static const char *const js_json_types[JS__COUNT] = {
    NULL,     "string", "integer", "number", "boolean",
    "string", "array",	"object",  NULL,
};

/* Beside a "$ref", "type" when spec adds constraints of its own, so that
 * strict validators (ajv) see which type they apply to. */
static void
js_own_type(struct js *j, const struct pp_value *spec, int base)
{
	int k;

	if (js_json_types[base] == NULL)
		return;
	for (k = 0; js_constraints[k] != NULL; k++)
		if (pp_value_map_get(spec, js_constraints[k]) != NULL) {
			js_type(j->b, js_json_types[base], 0);
			return;
		}
}

/* The members of the schema of spec, into the object being built. */
static void
js_spec_members(struct js *j, const struct pp_value *spec, int nullable,
		int depth)
{
	const struct pp_value *named = js_named(j, spec);
	const struct pp_value *v;
	int base = js_base(j, spec);

	if (depth > JS_MAX_DEPTH) {
		js_fail(j, spec, _("specifications nested too deeply"));
		return;
	}
	if (base < 0) {
		char *msg = g_strdup_printf(
		    _("the named type \"%s\" refers to itself"),
		    pp_value_string(pp_value_map_get(spec, "type")));

		js_fail(j, spec, msg);
		g_free(msg);
		return;
	}
	if (named != NULL && !js_overrides(j, spec)) {
		/* The named type under $defs, with what the field adds. */
		const char *name =
		    pp_value_string(pp_value_map_get(spec, "type"));

		js_description(j, spec, 0);
		if ((v = pp_value_map_get(spec, "default")) != NULL) {
			json_builder_set_member_name(j->b, "default");
			js_value(j->b, v);
		}
		if ((v = pp_value_map_get(spec, "example")) != NULL) {
			json_builder_set_member_name(j->b, "examples");
			json_builder_begin_array(j->b);
			js_value(j->b, v);
			json_builder_end_array(j->b);
		}
		if (nullable && base != JS_ANY) {
			json_builder_set_member_name(j->b, "anyOf");
			json_builder_begin_array(j->b);
			json_builder_begin_object(j->b);
			js_ref(j, name);
			js_own_type(j, spec, base);
			js_constraints_of(j, spec, base, 0, 0, depth);
			json_builder_end_object(j->b);
			json_builder_begin_object(j->b);
			json_builder_set_member_name(j->b, "type");
			json_builder_add_string_value(j->b, "null");
			json_builder_end_object(j->b);
			json_builder_end_array(j->b);
		} else {
			js_ref(j, name);
			js_own_type(j, spec, base);
			js_constraints_of(j, spec, base, 0, 0, depth);
		}
		return;
	}
	/* Written out in full. */
	js_description(j, spec, 1);
	if ((v = js_get(j, spec, "default")) != NULL) {
		json_builder_set_member_name(j->b, "default");
		js_value(j->b, v);
	}
	if ((v = js_get(j, spec, "example")) != NULL) {
		json_builder_set_member_name(j->b, "examples");
		json_builder_begin_array(j->b);
		js_value(j->b, v);
		json_builder_end_array(j->b);
	}
	if (base == JS_ENUM) {
		if (js_enum_type(j, spec) != NULL)
			js_type(j->b, "string", nullable);
	} else if (js_json_types[base] != NULL) {
		js_type(j->b, js_json_types[base], nullable);
	}
	js_constraints_of(j, spec, base, 1, nullable, depth);
}

static void
js_spec(struct js *j, const struct pp_value *spec, int nullable, int depth)
{
	json_builder_begin_object(j->b);
	js_spec_members(j, spec, nullable, depth);
	json_builder_end_object(j->b);
}

/* --- Serialising ------------------------------------------------------------
 */

static void
js_write_string(struct pp_buf *out, const char *s)
{
	pp_buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"':
			pp_buf_adds(out, "\\\"");
			break;
		case '\\':
			pp_buf_adds(out, "\\\\");
			break;
		case '\n':
			pp_buf_adds(out, "\\n");
			break;
		case '\r':
			pp_buf_adds(out, "\\r");
			break;
		case '\t':
			pp_buf_adds(out, "\\t");
			break;
		default:
			if (c < 0x20)
				pp_buf_addf(out, "\\u%04x", c);
			else
				pp_buf_addc(out, (char)c);
		}
	}
	pp_buf_addc(out, '"');
}

/* The shortest decimal form that reads back as the same double, whatever
 * the locale. */
static void
js_write_double(struct pp_buf *out, double d)
{
	char tmp[G_ASCII_DTOSTR_BUF_SIZE], fmt[8];
	int prec;

	if (!isfinite(d)) {
		pp_buf_adds(out, "null");
		return;
	}
	for (prec = 1; prec <= 17; prec++) {
		snprintf(fmt, sizeof(fmt), "%%.%dg", prec);
		g_ascii_formatd(tmp, sizeof(tmp), fmt, d);
		if (g_ascii_strtod(tmp, NULL) == d)
			break;
	}
	pp_buf_adds(out, tmp);
}

static void
js_indent(struct pp_buf *out, int level)
{
	int i;

	pp_buf_addc(out, '\n');
	for (i = 0; i < level; i++)
		pp_buf_adds(out, "  ");
}

/* JSON text of node, two spaces per level, members in the order built. */
static void
js_write(struct pp_buf *out, JsonNode *node, int level)
{
	switch (json_node_get_node_type(node)) {
	case JSON_NODE_OBJECT: {
		JsonObject *o = json_node_get_object(node);
		GList *names = json_object_get_members(o), *l;

		if (names == NULL) {
			pp_buf_adds(out, "{}");
			break;
		}
		pp_buf_addc(out, '{');
		for (l = names; l != NULL; l = l->next) {
			js_indent(out, level + 1);
			js_write_string(out, l->data);
			pp_buf_adds(out, ": ");
			js_write(out, json_object_get_member(o, l->data),
				 level + 1);
			if (l->next != NULL)
				pp_buf_addc(out, ',');
		}
		g_list_free(names);
		js_indent(out, level);
		pp_buf_addc(out, '}');
		break;
	}
	case JSON_NODE_ARRAY: {
		JsonArray *a = json_node_get_array(node);
		guint i, n = json_array_get_length(a);

		if (n == 0) {
			pp_buf_adds(out, "[]");
			break;
		}
		pp_buf_addc(out, '[');
		for (i = 0; i < n; i++) {
			js_indent(out, level + 1);
			js_write(out, json_array_get_element(a, i), level + 1);
			if (i + 1 < n)
				pp_buf_addc(out, ',');
		}
		js_indent(out, level);
		pp_buf_addc(out, ']');
		break;
	}
	case JSON_NODE_NULL:
		pp_buf_adds(out, "null");
		break;
	case JSON_NODE_VALUE: {
		GType t = json_node_get_value_type(node);

		if (t == G_TYPE_BOOLEAN)
			pp_buf_adds(out, json_node_get_boolean(node) ? "true"
								     : "false");
		else if (t == G_TYPE_INT64)
			pp_buf_addf(out, "%" G_GINT64_FORMAT,
				    json_node_get_int(node));
		else if (t == G_TYPE_DOUBLE)
			js_write_double(out, json_node_get_double(node));
		else
			js_write_string(out, json_node_get_string(node));
		break;
	}
	}
}

int
pp_schema_to_json(const struct pp_schema *s, struct pp_buf *out,
		  struct pp_error *err)
{
	struct js j;
	JsonNode *root;
	guint i;
	char *title;

	memset(&j, 0, sizeof(j));
	j.s = s;
	j.err = err;
	j.b = json_builder_new();
	j.defs = g_ptr_array_new_with_free_func(g_free);
	j.queued = g_hash_table_new(g_str_hash, g_str_equal);

	json_builder_begin_object(j.b);
	json_builder_set_member_name(j.b, "$schema");
	json_builder_add_string_value(j.b, JS_DRAFT);
	json_builder_set_member_name(j.b, "title");
	json_builder_add_string_value(j.b, pp_schema_title(s));
	title = g_strdup_printf("généré par « paraphe schema %s » ; "
				"« paraphe validate » reste la référence",
				pp_schema_model(s));
	json_builder_set_member_name(j.b, "$comment");
	json_builder_add_string_value(j.b, title);
	g_free(title);
	js_spec_members(&j, pp_schema_root(s), 0, 0);
	/* Each named type once; writing one may queue others. */
	if (j.defs->len > 0) {
		json_builder_set_member_name(j.b, "$defs");
		json_builder_begin_object(j.b);
		for (i = 0; i < j.defs->len && !j.failed; i++) {
			const char *name = j.defs->pdata[i];

			json_builder_set_member_name(j.b, name);
			js_spec(&j, pp_schema_type(s, name), 0, 1);
		}
		json_builder_end_object(j.b);
	}
	json_builder_end_object(j.b);

	if (!j.failed) {
		root = json_builder_get_root(j.b);
		js_write(out, root, 0);
		pp_buf_addc(out, '\n');
		json_node_unref(root);
	}
	g_hash_table_destroy(j.queued);
	g_ptr_array_free(j.defs, TRUE);
	g_object_unref(j.b);
	return j.failed ? -1 : 0;
}
