/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * YAML files (forms, campaigns, charters, schemas) into value trees.
 *
 * The reader drives libyaml's event stream and enforces its own limits:
 * libyaml 0.2.5 has no nesting limit, builds cycles from "&a [ *a ]" and
 * accepts duplicate keys, any tag and characters XML cannot carry.  Scalars
 * follow the YAML 1.2 core schema; quoted scalars are always text.
 */
#ifndef PP_YAMLIN_H
#define PP_YAMLIN_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

struct pp_yaml_limits {
	size_t max_bytes; /* input size; default 16 MiB */
	int max_depth;	  /* nesting of lists and maps; default 64 */
	size_t max_nodes; /* values after alias expansion; default 1,000,000 */
};

void pp_yaml_limits_default(struct pp_yaml_limits *lim);

/*
 * Reads YAML text named name (used in positions; copied into the arena).
 * Returns the root value (a null value for an empty document), arena-owned,
 * or NULL with err filled.  lim may be NULL for the defaults.
 */
struct pp_value *pp_yaml_read_mem(struct pp_arena *a, const char *name,
				  const char *data, size_t len,
				  const struct pp_yaml_limits *lim,
				  struct pp_error *err);
/* The same for a file on disk. */
struct pp_value *pp_yaml_read_file(struct pp_arena *a, const char *path,
				   const struct pp_yaml_limits *lim,
				   struct pp_error *err);

/*
 * The same, for a file that is one input among others (a charter, the
 * electoral calendar): a file that cannot be read fills err (unless it is
 * already set); a mistake inside it is appended to d, at its position.
 * NULL in both cases.
 */
struct pp_value *pp_yaml_read_file_report(struct pp_arena *a, const char *path,
					  struct pp_diags *d,
					  struct pp_error *err);
/* Types a plain text as the YAML 1.2 core schema would (null, boolean,
 * integer, float, else text); v must be a string node. */
void pp_yaml_resolve_plain(struct pp_value *v);

#endif
