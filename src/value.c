/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "value.h"

struct pp_value *
pp_value_new(struct pp_arena *a, enum pp_value_kind kind,
	     const struct pp_pos *pos)
{
	struct pp_value *v = pp_arena_alloc(a, sizeof(*v));

	v->kind = kind;
	if (pos != NULL)
		v->pos = *pos;
	return v;
}

struct pp_value *
pp_value_new_string(struct pp_arena *a, const char *s, size_t len,
		    const struct pp_pos *pos)
{
	struct pp_value *v = pp_value_new(a, PP_VALUE_STRING, pos);

	v->u.str.s = pp_arena_strndup(a, s, len);
	v->u.str.len = len;
	return v;
}

struct pp_value *
pp_value_new_int(struct pp_arena *a, long long i, const struct pp_pos *pos)
{
	struct pp_value *v = pp_value_new(a, PP_VALUE_INT, pos);

	v->u.integer = i;
	return v;
}

struct pp_value *
pp_value_new_bool(struct pp_arena *a, int b, const struct pp_pos *pos)
{
	struct pp_value *v = pp_value_new(a, PP_VALUE_BOOL, pos);

	v->u.boolean = b != 0;
	return v;
}

/* Grows an arena array of elem-sized items; the old block is abandoned to
 * the arena (total waste stays below the final size). */
static void *
value_grow(struct pp_arena *a, void *items, size_t n, size_t *cap, size_t elem)
{
	void *p;

	if (n < *cap)
		return items;
	*cap = *cap ? *cap * 2 : 4;
	p = pp_arena_alloc(a, *cap * elem);
	if (n > 0)
		memcpy(p, items, n * elem);
	return p;
}

void
pp_value_list_append(struct pp_arena *a, struct pp_value *list,
		     struct pp_value *item)
{
	list->u.list.items =
	    value_grow(a, list->u.list.items, list->u.list.n, &list->u.list.cap,
		       sizeof(*list->u.list.items));
	list->u.list.items[list->u.list.n++] = item;
}

void
pp_value_map_append(struct pp_arena *a, struct pp_value *map, const char *key,
		    const struct pp_pos *key_pos, struct pp_value *value)
{
	struct pp_map_entry *e;

	map->u.map.items =
	    value_grow(a, map->u.map.items, map->u.map.n, &map->u.map.cap,
		       sizeof(*map->u.map.items));
	e = &map->u.map.items[map->u.map.n++];
	e->key = pp_arena_strdup(a, key);
	if (key_pos != NULL)
		e->key_pos = *key_pos;
	else
		memset(&e->key_pos, 0, sizeof(e->key_pos));
	e->value = value;
}

void
pp_value_map_set(struct pp_arena *a, struct pp_value *map, const char *key,
		 struct pp_value *value)
{
	size_t i;

	for (i = 0; i < map->u.map.n; i++) {
		if (strcmp(map->u.map.items[i].key, key) == 0) {
			map->u.map.items[i].value = value;
			return;
		}
	}
	pp_value_map_append(a, map, key, &value->pos, value);
}

const struct pp_map_entry *
pp_value_map_entry(const struct pp_value *map, const char *key)
{
	size_t i;

	if (map == NULL || map->kind != PP_VALUE_MAP)
		return NULL;
	for (i = 0; i < map->u.map.n; i++)
		if (strcmp(map->u.map.items[i].key, key) == 0)
			return &map->u.map.items[i];
	return NULL;
}

struct pp_value *
pp_value_map_get(const struct pp_value *map, const char *key)
{
	const struct pp_map_entry *e = pp_value_map_entry(map, key);

	return e != NULL ? e->value : NULL;
}

struct pp_value *
pp_value_path_get(const struct pp_value *root, const char *path)
{
	const struct pp_value *v = root;
	const char *p = path;

	while (v != NULL && *p != '\0') {
		const char *dot = strchr(p, '.');
		size_t len = dot != NULL ? (size_t)(dot - p) : strlen(p);
		char key[256];

		if (len == 0 || len >= sizeof(key))
			return NULL;
		memcpy(key, p, len);
		key[len] = '\0';
		if (v->kind == PP_VALUE_MAP) {
			v = pp_value_map_get(v, key);
		} else if (v->kind == PP_VALUE_LIST && key[0] >= '0' &&
			   key[0] <= '9') {
			char *end;
			unsigned long idx = strtoul(key, &end, 10);

			if (*end != '\0' || idx >= v->u.list.n)
				return NULL;
			v = v->u.list.items[idx];
		} else {
			return NULL;
		}
		p += len;
		if (*p == '.')
			p++;
	}
	return (struct pp_value *)v;
}

const char *
pp_value_string(const struct pp_value *v)
{
	return v != NULL && v->kind == PP_VALUE_STRING ? v->u.str.s : NULL;
}

const char *
pp_value_text(const struct pp_value *v)
{
	if (v == NULL)
		return NULL;
	if (v->kind == PP_VALUE_STRING)
		return v->u.str.s;
	return v->raw;
}

const char *
pp_value_kind_name(enum pp_value_kind kind)
{
	switch (kind) {
	case PP_VALUE_NULL:
		return _("nothing (null)");
	case PP_VALUE_BOOL:
		return _("yes/no (true/false)");
	case PP_VALUE_INT:
		return _("a whole number");
	case PP_VALUE_NUMBER:
		return _("a number");
	case PP_VALUE_STRING:
		return _("a text");
	case PP_VALUE_LIST:
		return _("a list");
	case PP_VALUE_MAP:
		return _("a group of keys");
	case PP_VALUE__COUNT:
		break;
	}
	return "?";
}

struct pp_value *
pp_value_copy(struct pp_arena *a, const struct pp_value *v)
{
	struct pp_value *c;
	size_t i;

	if (v == NULL)
		return NULL;
	c = pp_value_new(a, v->kind, &v->pos);
	if (v->raw != NULL)
		c->raw = v->kind == PP_VALUE_STRING && v->raw == v->u.str.s
			     ? NULL
			     : pp_arena_strdup(a, v->raw);
	switch (v->kind) {
	case PP_VALUE_NULL:
	case PP_VALUE_BOOL:
	case PP_VALUE_INT:
	case PP_VALUE_NUMBER:
	case PP_VALUE__COUNT:
		c->u = v->u;
		break;
	case PP_VALUE_STRING:
		c->u.str.s = pp_arena_strndup(a, v->u.str.s, v->u.str.len);
		c->u.str.len = v->u.str.len;
		if (v->raw == v->u.str.s)
			c->raw = c->u.str.s;
		break;
	case PP_VALUE_LIST:
		c->u.list.items = NULL;
		c->u.list.n = c->u.list.cap = 0;
		for (i = 0; i < v->u.list.n; i++)
			pp_value_list_append(
			    a, c, pp_value_copy(a, v->u.list.items[i]));
		break;
	case PP_VALUE_MAP:
		c->u.map.items = NULL;
		c->u.map.n = c->u.map.cap = 0;
		for (i = 0; i < v->u.map.n; i++)
			pp_value_map_append(
			    a, c, v->u.map.items[i].key,
			    &v->u.map.items[i].key_pos,
			    pp_value_copy(a, v->u.map.items[i].value));
		break;
	}
	return c;
}
