/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/jsonschema.c: the models' schemas (under
 * $PARAPHE_DATADIR) converted to JSON Schema and read back with json-glib's
 * parser; the structure the YAML language server relies on (properties,
 * required, additionalProperties, enums, bounds, dates, $defs and $ref);
 * string escaping, patterns ECMA-262 cannot read, numbers, and a schema
 * whose named types loop.
 */
#include "buf.h"
#include "diag.h"
#include "jsonschema.h"
#include "model.h"
#include "schema.h"

#include "../harness.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *datadir;
static char tmpdir[] = "/tmp/test-jsonschema-XXXXXX";

/* --- Helpers ----------------------------------------------------------------
 */

/* The JSON Schema of a model, parsed; NULL (after a failed check) when it
 * cannot be produced or read back.  *text gets the JSON text. */
static JsonNode *
model_json(const char *model, char **text)
{
	struct pp_error err;
	struct pp_model *m;
	struct pp_buf b;
	JsonParser *p;
	JsonNode *root = NULL;
	GError *gerr = NULL;
	char name[128];

	pp_error_init(&err);
	pp_buf_init(&b);
	*text = NULL;
	m = pp_model_load(datadir, model, &err);
	snprintf(name, sizeof(name), "%s: the model loads", model);
	if (!OK(m != NULL, name)) {
		printf("#   %s\n", err.message);
		return NULL;
	}
	snprintf(name, sizeof(name), "%s: converts", model);
	if (!OK(pp_schema_to_json(m->schema, &b, &err) == 0, name)) {
		printf("#   %s\n", err.message);
		pp_model_free(m);
		pp_buf_fini(&b);
		return NULL;
	}
	pp_model_free(m);
	p = json_parser_new();
	snprintf(name, sizeof(name), "%s: parses back as JSON", model);
	if (OK(json_parser_load_from_data(p, pp_buf_str(&b), (gssize)b.len,
					  &gerr),
	       name))
		root = json_node_copy(json_parser_get_root(p));
	else
		printf("#   %s\n", gerr->message);
	g_clear_error(&gerr);
	g_object_unref(p);
	*text = pp_buf_detach(&b);
	return root;
}

/* Follows a path of member names ("$defs", "partenaire", ...) from node;
 * a name made of digits indexes an array.  NULL when any step fails. */
static JsonNode *
at(JsonNode *node, const char *path)
{
	char **parts = g_strsplit(path, "/", 0);
	int i;

	for (i = 0; parts[i] != NULL && node != NULL; i++) {
		if (JSON_NODE_HOLDS_OBJECT(node)) {
			JsonObject *o = json_node_get_object(node);

			node = json_object_has_member(o, parts[i])
				   ? json_object_get_member(o, parts[i])
				   : NULL;
		} else if (JSON_NODE_HOLDS_ARRAY(node) &&
			   g_ascii_isdigit(parts[i][0])) {
			JsonArray *a = json_node_get_array(node);
			guint k = (guint)atoi(parts[i]);

			node = k < json_array_get_length(a)
				   ? json_array_get_element(a, k)
				   : NULL;
		} else {
			node = NULL;
		}
	}
	g_strfreev(parts);
	return node;
}

static const char *
str_at(JsonNode *node, const char *path)
{
	JsonNode *n = at(node, path);

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_STRING)
		return NULL;
	return json_node_get_string(n);
}

/* -1 when absent or not an integer. */
static long long
int_at(JsonNode *node, const char *path)
{
	JsonNode *n = at(node, path);

	if (n == NULL || !JSON_NODE_HOLDS_VALUE(n) ||
	    json_node_get_value_type(n) != G_TYPE_INT64)
		return -1;
	return (long long)json_node_get_int(n);
}

/* 1 when the array at path holds the string s. */
static int
array_has(JsonNode *node, const char *path, const char *s)
{
	JsonNode *n = at(node, path);
	JsonArray *a;
	guint i;

	if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
		return 0;
	a = json_node_get_array(n);
	for (i = 0; i < json_array_get_length(a); i++) {
		JsonNode *e = json_array_get_element(a, i);

		if (JSON_NODE_HOLDS_VALUE(e) &&
		    json_node_get_value_type(e) == G_TYPE_STRING &&
		    strcmp(json_node_get_string(e), s) == 0)
			return 1;
	}
	return 0;
}

/* 1 when the array at path holds a null. */
static int
array_has_null(JsonNode *node, const char *path)
{
	JsonNode *n = at(node, path);
	JsonArray *a;
	guint i;

	if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
		return 0;
	a = json_node_get_array(n);
	for (i = 0; i < json_array_get_length(a); i++)
		if (JSON_NODE_HOLDS_NULL(json_array_get_element(a, i)))
			return 1;
	return 0;
}

static long long
array_len(JsonNode *node, const char *path)
{
	JsonNode *n = at(node, path);

	if (n == NULL || !JSON_NODE_HOLDS_ARRAY(n))
		return -1;
	return (long long)json_array_get_length(json_node_get_array(n));
}

static int
is_false(JsonNode *node, const char *path)
{
	JsonNode *n = at(node, path);

	return n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
	       json_node_get_value_type(n) == G_TYPE_BOOLEAN &&
	       !json_node_get_boolean(n);
}

/* Counts the "$ref"s under node that do not name a member of defs. */
static int
dangling_refs(JsonNode *node, JsonObject *defs, int *refs)
{
	int bad = 0;

	if (JSON_NODE_HOLDS_OBJECT(node)) {
		JsonObject *o = json_node_get_object(node);
		GList *names = json_object_get_members(o), *l;

		for (l = names; l != NULL; l = l->next) {
			JsonNode *v = json_object_get_member(o, l->data);

			if (strcmp(l->data, "$ref") == 0) {
				const char *r = json_node_get_string(v);

				(*refs)++;
				if (r == NULL ||
				    !g_str_has_prefix(r, "#/$defs/") ||
				    defs == NULL ||
				    !json_object_has_member(defs, r + 8))
					bad++;
			} else {
				bad += dangling_refs(v, defs, refs);
			}
		}
		g_list_free(names);
	} else if (JSON_NODE_HOLDS_ARRAY(node)) {
		JsonArray *a = json_node_get_array(node);
		guint i;

		for (i = 0; i < json_array_get_length(a); i++)
			bad += dangling_refs(json_array_get_element(a, i), defs,
					     refs);
	}
	return bad;
}

static void
write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	f = fopen(path, "wb");
	if (f == NULL) {
		printf("# cannot write %s\n", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

/* Converts tmpdir/schema.yaml (with tmpdir/types.yaml); returns the parsed
 * result, or NULL with *rc the converter's status. */
static JsonNode *
tmp_json(int *rc, struct pp_error *err, size_t *out_len)
{
	char sp[512], tp[512];
	struct pp_schema *s;
	struct pp_buf b;
	JsonNode *root = NULL;

	snprintf(sp, sizeof(sp), "%s/schema.yaml", tmpdir);
	snprintf(tp, sizeof(tp), "%s/types.yaml", tmpdir);
	pp_error_init(err);
	pp_buf_init(&b);
	*rc = -2;
	s = pp_schema_load(sp, tp, err);
	if (s == NULL) {
		printf("# schema does not load: %s\n", err->message);
		return NULL;
	}
	*rc = pp_schema_to_json(s, &b, err);
	*out_len = b.len;
	if (*rc == 0) {
		JsonParser *p = json_parser_new();

		if (json_parser_load_from_data(p, pp_buf_str(&b), (gssize)b.len,
					       NULL))
			root = json_node_copy(json_parser_get_root(p));
		g_object_unref(p);
	}
	pp_buf_fini(&b);
	pp_schema_free(s);
	return root;
}

/* --- The convention ----------------------------------------------------------
 */

static void
test_convention(void)
{
	char *text;
	JsonNode *j = model_json("convention", &text);
	JsonNode *defs;
	int refs = 0;

	if (j == NULL) {
		free(text);
		return;
	}
	OK(g_str_has_prefix(text, "{\n  \"$schema\": "),
	   "\"$schema\" comes first, two-space indentation");
	OK(text[strlen(text) - 1] == '\n', "the output ends with a newline");
	STR_EQ(str_at(j, "$schema"),
	       "https://json-schema.org/draft/2020-12/schema", "draft 2020-12");
	STR_EQ(str_at(j, "title"), "Convention de partenariat",
	       "title: the model's title");
	STR_EQ(str_at(j, "type"), "object", "the form is an object");
	OK(is_false(j, "additionalProperties"),
	   "unknown top-level keys are flagged");
	OK(array_has(j, "required", "partenaire"), "partenaire is required");
	OK(array_has(j, "required", "version"), "version is required");
	OK(!array_has(j, "required", "fiche_projet"),
	   "fiche_projet is optional in the convention");
	INT_EQ(int_at(j, "properties/version/const"), 1, "version: 1");
	STR_EQ(str_at(j, "properties/partenaire/$ref"), "#/$defs/partenaire",
	       "partenaire refers to its named type");
	STR_EQ(str_at(j, "properties/fiche_projet/anyOf/0/$ref"),
	       "#/$defs/fiche_projet",
	       "an optional named type: its $ref or null");
	STR_EQ(str_at(j, "properties/fiche_projet/anyOf/1/type"), "null",
	       "an optional field accepts null (paraphe: absent)");

	defs = at(j, "$defs");
	OK(defs != NULL && JSON_NODE_HOLDS_OBJECT(defs), "$defs is an object");
	OK(dangling_refs(j, defs ? json_node_get_object(defs) : NULL, &refs) ==
	       0,
	   "every $ref names a member of $defs");
	OK(refs > 20, "the named types are shared through $ref");

	/* partenaire */
	STR_EQ(str_at(defs, "partenaire/type"), "object",
	       "$defs.partenaire is an object");
	OK(is_false(defs, "partenaire/additionalProperties"),
	   "$defs.partenaire: additionalProperties false");
	OK(array_has(defs, "partenaire/required", "denomination"),
	   "$defs.partenaire.required holds denomination");
	OK(array_has(defs, "partenaire/required", "forme_juridique"),
	   "$defs.partenaire.required holds forme_juridique");
	OK(!array_has(defs, "partenaire/required", "siren"),
	   "siren is only required for some legal forms");
	OK(array_has(defs, "partenaire/properties/forme_juridique/enum",
		     "association_1901"),
	   "the enum of forme_juridique holds association_1901");
	OK(array_has(defs, "partenaire/properties/forme_juridique/enum", "sas"),
	   "the enum of forme_juridique holds sas");
	INT_EQ(array_len(defs, "partenaire/properties/forme_juridique/enum"),
	       16, "forme_juridique: the 16 legal forms, not null (required)");
	STR_EQ(str_at(defs, "partenaire/properties/forme_juridique/type"),
	       "string", "an enum of texts is a string");
	STR_EQ(
	    str_at(defs, "partenaire/properties/forme_juridique/description"),
	    "sa, sas, sarl, association_1901, fondation…",
	    "the French description is copied");
	STR_EQ(str_at(defs, "partenaire/properties/denomination/description"),
	       "dénomination sociale ou nom de l'association",
	       "description beside a $ref");
	STR_EQ(str_at(defs, "partenaire/properties/denomination/$ref"),
	       "#/$defs/texte_court", "a required text refers to texte_court");
	OK(array_has(defs, "partenaire/properties/role/enum", "relai") &&
	       array_has_null(defs, "partenaire/properties/role/enum"),
	   "an optional enum accepts null");
	STR_EQ(str_at(defs, "partenaire/properties/role/default"), "principal",
	       "defaults are copied");
	OK(array_has(defs, "partenaire/properties/capital_social/type",
		     "integer"),
	   "capital_social is an integer");
	INT_EQ(int_at(defs, "partenaire/properties/capital_social/minimum"), 0,
	       "capital_social: minimum 0");
	STR_EQ(str_at(defs, "partenaire/properties/id/pattern"),
	       "^(?:[a-z0-9][a-z0-9-]*)$",
	       "a pattern is anchored, as paraphe matches it whole");
	INT_EQ(int_at(defs, "partenaire/properties/id/maxLength"), 64,
	       "max_length: maxLength");
	OK(strstr(str_at(defs, "partenaire/properties/id/description")
		      ? str_at(defs, "partenaire/properties/id/description")
		      : "",
		  "par exemple mobilite-verte") != NULL,
	   "the description says what the pattern means");

	/* required_if: if forme_juridique is a company, then siren. */
	OK(array_has(defs,
		     "partenaire/allOf/1/if/properties/forme_juridique/"
		     "enum",
		     "sas"),
	   "required_if: the condition on forme_juridique");
	OK(array_has(defs, "partenaire/allOf/1/then/required", "siren"),
	   "required_if: then siren is required");
	STR_EQ(
	    str_at(defs, "partenaire/allOf/1/then/properties/siren/not/type"),
	    "null", "required_if: and not null");

	/* named types */
	INT_EQ(int_at(defs, "texte_court/minLength"), 1, "texte_court: 1 ...");
	INT_EQ(int_at(defs, "texte_court/maxLength"), 300, "... to 300");
	STR_EQ(str_at(defs, "periode/properties/debut/format"), "date",
	       "a date has format date");
	STR_EQ(str_at(defs, "periode/properties/debut/pattern"),
	       "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "and a YYYY-MM-DD pattern");
	STR_EQ(str_at(defs, "periode/properties/debut/type"), "string",
	       "a required date is a string");
	OK(array_has(defs, "signature/properties/date/type", "null"),
	   "an optional date may be null, as in the examples");
	STR_EQ(str_at(defs, "liste_de_textes/type"), "array",
	       "a list is an array");
	STR_EQ(str_at(defs, "liste_de_textes/items/$ref"), "#/$defs/texte_long",
	       "its items refer to texte_long");
	INT_EQ(int_at(defs, "contenu/properties/engagements/properties/"
			    "emetteur/minItems"),
	       1, "a field's own min_length beside its $ref: minItems");
	STR_EQ(str_at(defs, "contenu/properties/engagements/properties/"
			    "emetteur/type"),
	       "array", "... with its type, for strict validators");
	OK(at(defs, "clauses/properties/titre_gracieux/enum") != NULL &&
	       array_has_null(defs, "clauses/properties/titre_gracieux/enum"),
	   "must_be: true or absent");
	INT_EQ(int_at(defs, "clauses/properties/marques_logos/properties/"
			    "validation_prealable_jours/maximum"),
	       90, "integer bounds: maximum");
	INT_EQ(int_at(defs, "fiche_projet/properties/moyens/properties/"
			    "flux_financier_eur/maximum"),
	       0, "flux_financier_eur: at most 0");
	OK(array_has(defs, "emetteur/required", "intitule_bloc_marque"),
	   "$defs.emetteur.required");
	INT_EQ(
	    int_at(defs, "emetteur/properties/intitule_bloc_marque/maxItems"),
	    5, "max_length of a list: maxItems");
	STR_EQ(str_at(defs, "emetteur/properties/intitule_bloc_marque/items/"
			    "pattern"),
	       "^(?:[^a-zà-ÿ]+)$", "UTF-8 in a pattern is kept");
	OK(at(defs, "civilite") != NULL, "a type used only by another type is "
					 "in $defs");
	OK(at(defs, "campagne") == NULL, "no unrelated definitions");

	json_node_unref(j);
	free(text);
}

/* --- The other models and the charter ---------------------------------------
 */

static void
test_others(void)
{
	char *text, path[1024];
	JsonNode *j;
	struct pp_error err;
	struct pp_schema *s;
	struct pp_buf b;
	JsonParser *p;

	j = model_json("fiche-projet", &text);
	if (j != NULL) {
		OK(array_has(j, "required", "fiche_projet"),
		   "fiche-projet: fiche_projet is required");
		STR_EQ(str_at(j, "properties/clauses/anyOf/0/$ref"),
		       "#/$defs/clauses", "fiche-projet: clauses optional");
		json_node_unref(j);
	}
	free(text);

	j = model_json("campagne", &text);
	if (j != NULL) {
		OK(array_has(j, "required", "campagne"),
		   "campagne: campagne is required");
		OK(at(j, "properties/partenaires") != NULL &&
		       at(j, "properties/partenaires/type") == NULL,
		   "campagne: partenaires may be a list or a file name");
		STR_EQ(str_at(j, "properties/defauts/type/0"), "object",
		       "campagne: defauts is a free-form object");
		OK(at(j, "properties/defauts/properties") == NULL,
		   "... without properties");
		OK(array_has(j,
			     "properties/campagne/properties/sorties/"
			     "properties/formats/items/enum",
			     "odt"),
		   "campagne: output formats");
		json_node_unref(j);
	}
	free(text);

	/* The charter schema: "(?i)" and a fractional bound. */
	snprintf(path, sizeof(path), "%s/charte/schema.yaml", datadir);
	pp_error_init(&err);
	pp_buf_init(&b);
	s = pp_schema_load(path, NULL, &err);
	if (!OK(s != NULL, "the charter schema loads")) {
		printf("#   %s\n", err.message);
		return;
	}
	OK(pp_schema_to_json(s, &b, &err) == 0, "the charter schema converts");
	pp_schema_free(s);
	p = json_parser_new();
	if (OK(json_parser_load_from_data(p, pp_buf_str(&b), (gssize)b.len,
					  NULL),
	       "the charter schema parses back")) {
		JsonNode *r = json_parser_get_root(p);
		JsonNode *n = at(r, "properties/styles/properties/corps/"
				    "properties/interligne/minimum");

		STR_EQ(
		    str_at(r,
			   "properties/bloc_marque/properties/fichier/pattern"),
		    "^(?:.+\\.([sS][vV][gG]|[pP][nN][gG]))$",
		    "(?i) becomes letter classes");
		OK(n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
		       json_node_get_double(n) == 0.8,
		   "a fractional bound: 0.8");
		OK(strstr(pp_buf_str(&b), "\"minimum\": 0.8,") != NULL,
		   "written as 0.8, the shortest form");
		OK(strstr(pp_buf_str(&b), "\"version\": {") != NULL,
		   "the charter's version");
	}
	g_object_unref(p);
	pp_buf_fini(&b);
}

/* --- Escaping, patterns, loops ----------------------------------------------
 */

static void
test_edges(void)
{
	struct pp_error err;
	JsonNode *j;
	size_t len = 0;
	int rc;

	write_file("types.yaml",
		   "version: 1\n"
		   "types:\n"
		   "  nom:\n"
		   "    type: string\n"
		   "    max_length: 10\n"
		   "    description: \"un \\\"nom\\\" \\\\ court\\n\\tsur "
		   "deux lignes / é\"\n"
		   "  boucle_a: { type: boucle_b }\n"
		   "  boucle_b: { type: boucle_a }\n");
	write_file("schema.yaml",
		   "version: 1\n"
		   "model: essai\n"
		   "form:\n"
		   "  type: map\n"
		   "  fields:\n"
		   "    version: { type: any, required: true }\n"
		   "    a: { type: nom, required: true }\n"
		   "    b: { type: nom, max_length: 20 }\n"
		   "    c: { type: string, pattern: \"(?i)[a-z]+\" }\n"
		   "    d: { type: string, pattern: \"(?P<x>a)b\" }\n"
		   "    e: { type: string, pattern: \"a++\" }\n"
		   "    f: { type: string, pattern: \"[]a]\\\\d\" }\n"
		   "    g: { type: number, min: -1.5, max: 1e3 }\n"
		   "    h: { type: enum, values: [1, deux, true] }\n"
		   "    i: { type: list }\n"
		   "    k: { type: map, default: { x: [1, 2] } }\n");
	j = tmp_json(&rc, &err, &len);
	INT_EQ(rc, 0, "a test schema converts");
	if (!OK(j != NULL, "and parses back")) {
		printf("#   %s\n", err.message);
		return;
	}
	STR_EQ(str_at(j, "$defs/nom/description"),
	       "un \"nom\" \\ court\n\tsur deux lignes / é",
	       "quotes, backslash, line break, tab and UTF-8 survive");
	STR_EQ(str_at(j, "title"), "essai", "no title: the model's name");
	INT_EQ(int_at(j, "properties/b/maxLength"), 20,
	       "a field overriding its named type's bound is written out");
	OK(at(j, "properties/b/$ref") == NULL, "... without a $ref");
	STR_EQ(str_at(j, "properties/c/pattern"), NULL,
	       "(?i) with letters in brackets: no pattern");
	STR_EQ(str_at(j, "properties/d/pattern"), NULL,
	       "a PCRE named group: no pattern");
	STR_EQ(str_at(j, "properties/e/pattern"), NULL,
	       "a possessive quantifier: no pattern");
	STR_EQ(str_at(j, "properties/f/pattern"), "^(?:[\\]a]\\d)$",
	       "a ] first in brackets is escaped");
	OK(at(j, "properties/g/minimum") != NULL &&
	       json_node_get_double(at(j, "properties/g/minimum")) == -1.5,
	   "minimum -1.5");
	OK(at(j, "properties/g/maximum") != NULL &&
	       json_node_get_double(at(j, "properties/g/maximum")) == 1000,
	   "maximum 1e3");
	OK(at(j, "properties/h/type") == NULL,
	   "an enum of mixed values has no type");
	INT_EQ(int_at(j, "properties/h/enum/0"), 1,
	       "an enum keeps its values' kinds");
	OK(array_has(j, "properties/i/type", "array") &&
	       at(j, "properties/i/items") == NULL,
	   "a list without items");
	INT_EQ(int_at(j, "properties/k/default/x/1"), 2, "a nested default");
	json_node_unref(j);

	write_file("schema.yaml", "version: 1\n"
				  "model: essai\n"
				  "form:\n"
				  "  type: map\n"
				  "  fields:\n"
				  "    a: { type: boucle_a }\n");
	len = 0;
	j = tmp_json(&rc, &err, &len);
	INT_EQ(rc, -1, "named types in a loop: an error");
	INT_EQ(err.code, PP_DIAG_SCHEMA, "... with the schema code");
	OK(strstr(err.message, "boucle_") != NULL, "... naming the type");
	INT_EQ(len, 0, "... and nothing written");
	if (j != NULL)
		json_node_unref(j);
}

int
main(void)
{
	char path[600];

	datadir = getenv("PARAPHE_DATADIR");
	if (datadir == NULL)
		datadir = "..";
	if (mkdtemp(tmpdir) == NULL) {
		printf("Bail out! cannot create %s\n", tmpdir);
		return 1;
	}
	test_convention();
	test_others();
	test_edges();
	snprintf(path, sizeof(path), "%s/types.yaml", tmpdir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/schema.yaml", tmpdir);
	unlink(path);
	rmdir(tmpdir);
	return harness_done();
}
