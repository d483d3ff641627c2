/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/value.c: constructors, lists and maps, dotted paths,
 * deep copies and the text of scalars.
 */
#include "arena.h"
#include "value.h"

#include "../harness.h"

#include <stdio.h>
#include <string.h>

static void
test_constructors(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_pos pos = {"form.yaml", 3, 7};
	char buf[] = "Lyon, 2e";
	struct pp_value *v;

	v = pp_value_new(a, PP_VALUE_LIST, &pos);
	INT_EQ(v->kind, PP_VALUE_LIST, "new: kind");
	STR_EQ(v->pos.file, "form.yaml", "new: position file");
	INT_EQ(v->pos.line, 3, "new: position line");
	INT_EQ(v->pos.col, 7, "new: position column");
	INT_EQ(v->u.list.n, 0, "new list: empty");
	OK(v->raw == NULL, "new: no raw text");

	v = pp_value_new(a, PP_VALUE_MAP, NULL);
	INT_EQ(v->pos.line, 0, "new without position: line 0");
	OK(v->pos.file == NULL, "new without position: no file");
	INT_EQ(v->u.map.n, 0, "new map: empty");

	/* The string is copied, and only len bytes of it. */
	v = pp_value_new_string(a, buf, 4, &pos);
	buf[0] = 'X';
	INT_EQ(v->kind, PP_VALUE_STRING, "new_string: kind");
	STR_EQ(v->u.str.s, "Lyon", "new_string: copies len bytes");
	INT_EQ(v->u.str.len, 4, "new_string: length");
	OK(v->u.str.s != buf, "new_string: not the caller's buffer");
	STR_EQ(pp_value_string(v), "Lyon", "pp_value_string of a string");

	v = pp_value_new_string(a, "a\0b", 3, NULL);
	INT_EQ(v->u.str.len, 3, "new_string: length counts an inner NUL");

	v = pp_value_new_int(a, -9007199254740993LL, NULL);
	INT_EQ(v->kind, PP_VALUE_INT, "new_int: kind");
	INT_EQ(v->u.integer, -9007199254740993LL, "new_int: value, 64 bits");
	OK(pp_value_string(v) == NULL, "pp_value_string of an integer: NULL");

	v = pp_value_new_bool(a, 42, NULL);
	INT_EQ(v->kind, PP_VALUE_BOOL, "new_bool: kind");
	INT_EQ(v->u.boolean, 1, "new_bool: any non-zero is 1");
	v = pp_value_new_bool(a, 0, NULL);
	INT_EQ(v->u.boolean, 0, "new_bool: 0 is 0");

	pp_arena_free(a);
}

static void
test_kind_names(void)
{
	int k, j, distinct = 1;

	for (k = 0; k < PP_VALUE__COUNT; k++) {
		const char *n = pp_value_kind_name((enum pp_value_kind)k);

		OK(n != NULL && n[0] != '\0' && strcmp(n, "?") != 0,
		   "kind name: every kind has one");
		for (j = 0; j < k; j++)
			if (strcmp(n, pp_value_kind_name(
					  (enum pp_value_kind)j)) == 0)
				distinct = 0;
	}
	OK(distinct, "kind names: all different");
	STR_EQ(pp_value_kind_name(PP_VALUE_STRING), "a text",
	       "kind name of a string");
}

static void
test_list(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_value *list = pp_value_new(a, PP_VALUE_LIST, NULL);
	char label[64];
	int i, in_order = 1;

	/* Past the first growth (4) and a few more. */
	for (i = 0; i < 100; i++)
		pp_value_list_append(a, list, pp_value_new_int(a, i, NULL));
	INT_EQ(list->u.list.n, 100, "list_append: 100 items");
	OK(list->u.list.cap >= 100, "list_append: capacity grows");
	for (i = 0; i < 100; i++)
		if (list->u.list.items[i]->u.integer != i)
			in_order = 0;
	OK(in_order, "list_append: items kept in order across growth");
	snprintf(label, sizeof label, "list_append: last item");
	INT_EQ(list->u.list.items[99]->u.integer, 99, label);
	pp_arena_free(a);
}

static void
test_map(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_value *map = pp_value_new(a, PP_VALUE_MAP, NULL);
	struct pp_pos kp = {"f.yaml", 2, 3};
	struct pp_pos vp = {"f.yaml", 9, 9};
	const struct pp_map_entry *e;
	char key[] = "ville";
	char name[16];
	int i, found_all = 1;

	pp_value_map_append(a, map, key, &kp,
			    pp_value_new_string(a, "Lyon", 4, NULL));
	key[0] = 'X'; /* the key is copied */
	pp_value_map_append(a, map, "code_postal", NULL,
			    pp_value_new_string(a, "69002", 5, NULL));
	INT_EQ(map->u.map.n, 2, "map_append: two entries");
	STR_EQ(pp_value_string(pp_value_map_get(map, "ville")), "Lyon",
	       "map_get: first key");
	STR_EQ(pp_value_string(pp_value_map_get(map, "code_postal")), "69002",
	       "map_get: second key");
	OK(pp_value_map_get(map, "Xille") == NULL, "map_append copies the key");
	OK(pp_value_map_get(map, "pays") == NULL, "map_get: absent key");
	OK(pp_value_map_get(map, "Ville") == NULL,
	   "map_get: keys are case-sensitive");
	e = pp_value_map_entry(map, "ville");
	OK(e != NULL, "map_entry: found");
	if (e != NULL) {
		INT_EQ(e->key_pos.line, 2, "map_entry: key position line");
		INT_EQ(e->key_pos.col, 3, "map_entry: key position column");
	}
	e = pp_value_map_entry(map, "code_postal");
	OK(e != NULL && e->key_pos.line == 0 && e->key_pos.file == NULL,
	   "map_append without key position: zeroed");

	/* map_set replaces in place: same index, same count. */
	pp_value_map_set(a, map, "ville",
			 pp_value_new_string(a, "Paris", 5, &vp));
	INT_EQ(map->u.map.n, 2, "map_set on a present key: no new entry");
	STR_EQ(map->u.map.items[0].key, "ville", "map_set: order kept");
	STR_EQ(pp_value_string(map->u.map.items[0].value), "Paris",
	       "map_set: value replaced");
	INT_EQ(map->u.map.items[0].key_pos.line, 2,
	       "map_set: key position of the replaced entry kept");
	/* map_set on an absent key appends, with the value's position. */
	pp_value_map_set(a, map, "pays",
			 pp_value_new_string(a, "France", 6, &vp));
	INT_EQ(map->u.map.n, 3, "map_set on an absent key appends");
	STR_EQ(map->u.map.items[2].key, "pays", "map_set: appended last");
	INT_EQ(map->u.map.items[2].key_pos.line, 9,
	       "map_set: new key takes the value's position");

	/* map_append does not check: a repeated key is a second entry, and
	 * lookups find the first. */
	pp_value_map_append(a, map, "ville", NULL,
			    pp_value_new_string(a, "Lille", 5, NULL));
	INT_EQ(map->u.map.n, 4, "map_append: repeated key added");
	STR_EQ(pp_value_string(pp_value_map_get(map, "ville")), "Paris",
	       "map_get: first of two equal keys");

	/* Many keys: growth keeps every entry. */
	for (i = 0; i < 50; i++) {
		snprintf(name, sizeof name, "k%d", i);
		pp_value_map_append(a, map, name, NULL,
				    pp_value_new_int(a, i, NULL));
	}
	for (i = 0; i < 50; i++) {
		struct pp_value *v;

		snprintf(name, sizeof name, "k%d", i);
		v = pp_value_map_get(map, name);
		if (v == NULL || v->u.integer != i)
			found_all = 0;
	}
	OK(found_all, "map: 54 entries all found after growth");

	/* Lookups on things that are not maps. */
	OK(pp_value_map_get(NULL, "ville") == NULL, "map_get on NULL");
	OK(pp_value_map_get(pp_value_new_string(a, "ville", 5, NULL),
			    "ville") == NULL,
	   "map_get on a string");
	OK(pp_value_map_entry(pp_value_new(a, PP_VALUE_LIST, NULL), "0") ==
	       NULL,
	   "map_entry on a list");
	pp_arena_free(a);
}

/* partenaire: { adresse: { ville: Lyon } }, annexes: [ {titre: A}, "B" ],
 * total: 3 */
static struct pp_value *
build_form(struct pp_arena *a)
{
	struct pp_value *root = pp_value_new(a, PP_VALUE_MAP, NULL);
	struct pp_value *part = pp_value_new(a, PP_VALUE_MAP, NULL);
	struct pp_value *adr = pp_value_new(a, PP_VALUE_MAP, NULL);
	struct pp_value *annexes = pp_value_new(a, PP_VALUE_LIST, NULL);
	struct pp_value *a0 = pp_value_new(a, PP_VALUE_MAP, NULL);

	pp_value_map_append(a, adr, "ville", NULL,
			    pp_value_new_string(a, "Lyon", 4, NULL));
	pp_value_map_append(a, part, "adresse", NULL, adr);
	pp_value_map_append(a, root, "partenaire", NULL, part);
	pp_value_map_append(a, a0, "titre", NULL,
			    pp_value_new_string(a, "A", 1, NULL));
	pp_value_list_append(a, annexes, a0);
	pp_value_list_append(a, annexes, pp_value_new_string(a, "B", 1, NULL));
	pp_value_map_append(a, root, "annexes", NULL, annexes);
	pp_value_map_append(a, root, "total", NULL,
			    pp_value_new_int(a, 3, NULL));
	return root;
}

static void
test_path_get(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_value *root = build_form(a);
	char longkey[400];

	STR_EQ(pp_value_string(
		   pp_value_path_get(root, "partenaire.adresse.ville")),
	       "Lyon", "path_get: three levels");
	OK(pp_value_path_get(root, "partenaire.adresse") ==
	       pp_value_map_get(pp_value_map_get(root, "partenaire"),
				"adresse"),
	   "path_get: returns the node itself");
	OK(pp_value_path_get(root, "") == root, "path_get: empty path = root");
	STR_EQ(pp_value_string(pp_value_path_get(root, "annexes.0.titre")), "A",
	       "path_get: list index 0 then key");
	STR_EQ(pp_value_string(pp_value_path_get(root, "annexes.1")), "B",
	       "path_get: list index 1");
	INT_EQ(pp_value_path_get(root, "total")->u.integer, 3,
	       "path_get: one step");

	OK(pp_value_path_get(root, "annexes.2") == NULL,
	   "path_get: index past the end");
	OK(pp_value_path_get(root, "annexes.1x") == NULL,
	   "path_get: index with trailing letters");
	OK(pp_value_path_get(root, "annexes.titre") == NULL,
	   "path_get: a word on a list");
	OK(pp_value_path_get(root, "annexes.-1") == NULL,
	   "path_get: negative index");
	OK(pp_value_path_get(root, "partenaire.siren") == NULL,
	   "path_get: absent key");
	OK(pp_value_path_get(root, "siren.partenaire") == NULL,
	   "path_get: absent first step");
	OK(pp_value_path_get(root, "partenaire.adresse.ville.x") == NULL,
	   "path_get: step into a string");
	OK(pp_value_path_get(root, "total.0") == NULL,
	   "path_get: step into an integer");
	OK(pp_value_path_get(root, "partenaire..adresse") == NULL,
	   "path_get: empty step");
	OK(pp_value_path_get(root, ".partenaire") == NULL,
	   "path_get: leading dot");
	OK(pp_value_path_get(NULL, "partenaire") == NULL, "path_get on NULL");
	memset(longkey, 'k', sizeof longkey - 1);
	longkey[sizeof longkey - 1] = '\0';
	OK(pp_value_path_get(root, longkey) == NULL,
	   "path_get: a 399-byte step is absent, not an overflow");
	pp_arena_free(a);
}

static void
test_text(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_value *v;

	OK(pp_value_text(NULL) == NULL, "text of NULL");
	v = pp_value_new_string(a, "abc", 3, NULL);
	STR_EQ(pp_value_text(v), "abc", "text of a string");
	/* A string whose raw text differs (a quoted scalar): the string. */
	v->raw = "\"abc\"";
	STR_EQ(pp_value_text(v), "abc", "text of a string ignores raw");

	v = pp_value_new_int(a, 12345678, NULL);
	OK(pp_value_text(v) == NULL, "text of an integer built in code: NULL");
	v->raw = "012345678";
	STR_EQ(pp_value_text(v), "012345678",
	       "text of an integer read from a file: as written");
	v = pp_value_new_bool(a, 1, NULL);
	v->raw = "True";
	STR_EQ(pp_value_text(v), "True", "text of a boolean: as written");
	v = pp_value_new(a, PP_VALUE_LIST, NULL);
	OK(pp_value_text(v) == NULL, "text of a list: NULL");
	v = pp_value_new(a, PP_VALUE_MAP, NULL);
	OK(pp_value_text(v) == NULL, "text of a map: NULL");
	pp_arena_free(a);
}

static void
test_copy(void)
{
	struct pp_arena *a = pp_arena_new(), *b = pp_arena_new();
	struct pp_pos pos = {"f.yaml", 4, 5};
	struct pp_value *root = build_form(a);
	struct pp_value *num, *s, *c, *orig_ville, *copy_ville;
	const char *copied_text;

	num = pp_value_new_int(a, 12345678, &pos);
	num->raw = pp_arena_strdup(a, "012345678");
	pp_value_map_append(a, root, "siren", &pos, num);
	s = pp_value_new_string(a, "903124576", 9, &pos);
	s->raw = s->u.str.s; /* as the YAML reader sets it */
	pp_value_map_append(a, root, "id", &pos, s);

	c = pp_value_copy(b, root);
	OK(c != NULL && c != root, "copy: a new node");
	INT_EQ(c->kind, PP_VALUE_MAP, "copy: kind");
	INT_EQ(c->u.map.n, root->u.map.n, "copy: as many entries");
	OK(c->u.map.items != root->u.map.items, "copy: own entry array");
	OK(c->u.map.items[0].key != root->u.map.items[0].key,
	   "copy: keys copied");
	orig_ville = pp_value_path_get(root, "partenaire.adresse.ville");
	copy_ville = pp_value_path_get(c, "partenaire.adresse.ville");
	OK(copy_ville != NULL && copy_ville != orig_ville,
	   "copy: nested node is new");
	OK(copy_ville != NULL && copy_ville->u.str.s != orig_ville->u.str.s,
	   "copy: nested string copied");
	OK(pp_value_path_get(c, "annexes") !=
	       pp_value_path_get(root, "annexes"),
	   "copy: list is new");
	OK(pp_value_path_get(c, "annexes.0") !=
	       pp_value_path_get(root, "annexes.0"),
	   "copy: list item is new");
	INT_EQ(pp_value_path_get(c, "siren")->pos.line, 4,
	       "copy: position kept");
	INT_EQ(c->u.map.items[3].key_pos.col, 5, "copy: key position kept");

	/* The raw text of a scalar is copied; a string's raw stays its own
	 * string. */
	STR_EQ(pp_value_text(pp_value_path_get(c, "siren")), "012345678",
	       "copy: raw text of an integer");
	OK(pp_value_path_get(c, "siren")->raw != num->raw,
	   "copy: raw text copied");
	OK(pp_value_path_get(c, "id")->raw ==
	       pp_value_path_get(c, "id")->u.str.s,
	   "copy: a string's raw points to its own copy");

	/* Changing the copy leaves the original alone. */
	pp_value_map_set(b, pp_value_path_get(c, "partenaire.adresse"), "ville",
			 pp_value_new_string(b, "Nantes", 6, NULL));
	STR_EQ(pp_value_string(orig_ville), "Lyon",
	       "copy: original untouched by changes to the copy");
	pp_value_list_append(b, pp_value_path_get(c, "annexes"),
			     pp_value_new_int(b, 1, NULL));
	INT_EQ(pp_value_path_get(root, "annexes")->u.list.n, 2,
	       "copy: original list keeps its length");

	/* The copy outlives the arena of the original. */
	copied_text = pp_value_string(pp_value_path_get(c, "annexes.0.titre"));
	pp_arena_free(a);
	STR_EQ(copied_text, "A", "copy: strings live in the copy's arena");
	STR_EQ(pp_value_text(pp_value_path_get(c, "id")), "903124576",
	       "copy: string usable after the original is freed");

	OK(pp_value_copy(b, NULL) == NULL, "copy of NULL");
	pp_arena_free(b);
}

int
main(void)
{
	test_constructors();
	test_kind_names();
	test_list();
	test_map();
	test_path_get();
	test_text();
	test_copy();
	return harness_done();
}
