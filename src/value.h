/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The value tree: what a form, a campaign file, a charter or a model schema
 * holds once read.  Every node keeps the position it was read from.  Nodes,
 * strings and file names live in the arena given at creation.
 */
#ifndef PP_VALUE_H
#define PP_VALUE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

enum pp_value_kind {
	PP_VALUE_NULL,
	PP_VALUE_BOOL,
	PP_VALUE_INT,
	PP_VALUE_NUMBER,
	PP_VALUE_STRING,
	PP_VALUE_LIST,
	PP_VALUE_MAP,
	PP_VALUE__COUNT
};

struct pp_value;

struct pp_map_entry {
	const char *key;       /* arena-owned */
	struct pp_pos key_pos; /* where the key was written */
	struct pp_value *value;
};

struct pp_value {
	enum pp_value_kind kind;
	struct pp_pos pos;
	/*
	 * Scalars: the text as written in the file (arena-owned), so that a
	 * plain 012345678 read as an integer can still serve as an identifier.
	 * NULL for lists and maps and for values built in code.
	 */
	const char *raw;
	union {
		int boolean;
		long long integer;
		double number;
		struct {
			const char *s; /* arena-owned, NUL-terminated UTF-8 */
			size_t len;
		} str;
		struct {
			struct pp_value **items;
			size_t n, cap;
		} list;
		struct {
			struct pp_map_entry *items; /* in file order */
			size_t n, cap;
		} map;
	} u;
};

/* Constructors: arena-owned results; pos may be NULL. */
struct pp_value *pp_value_new(struct pp_arena *a, enum pp_value_kind kind,
			      const struct pp_pos *pos);
struct pp_value *pp_value_new_string(struct pp_arena *a, const char *s,
				     size_t len, const struct pp_pos *pos);
struct pp_value *pp_value_new_int(struct pp_arena *a, long long i,
				  const struct pp_pos *pos);
struct pp_value *pp_value_new_bool(struct pp_arena *a, int b,
				   const struct pp_pos *pos);

void pp_value_list_append(struct pp_arena *a, struct pp_value *list,
			  struct pp_value *item);
/* Appends key: value; does not check for an existing key. */
void pp_value_map_append(struct pp_arena *a, struct pp_value *map,
			 const char *key, const struct pp_pos *key_pos,
			 struct pp_value *value);
/* Sets key: value, replacing an existing entry in place. */
void pp_value_map_set(struct pp_arena *a, struct pp_value *map, const char *key,
		      struct pp_value *value);

/* Lookups: NULL when absent or when v is not a map. */
struct pp_value *pp_value_map_get(const struct pp_value *map, const char *key);
const struct pp_map_entry *pp_value_map_entry(const struct pp_value *map,
					      const char *key);
/* Follows a dotted path such as "partenaire.adresse.ville"; list items by
 * index ("annexes.0.titre").  NULL when any step is absent. */
struct pp_value *pp_value_path_get(const struct pp_value *root,
				   const char *path);

/* Convenience: the string of a string node, else NULL. */
const char *pp_value_string(const struct pp_value *v);
/* The scalar's text as written, or its string, or NULL for collections. */
const char *pp_value_text(const struct pp_value *v);
const char *pp_value_kind_name(enum pp_value_kind kind); /* translated */

/* Deep copy into arena a, strings included; positions are kept, so the
 * file names they borrow must outlive the copy. */
struct pp_value *pp_value_copy(struct pp_arena *a, const struct pp_value *v);

#endif
