/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Partner tables (CSV, as spreadsheets export them) into value trees.
 * The header row names the keys, dotted for nesting ("partenaire.siren");
 * every other row becomes a map.  ';' or ',' separators are detected, a
 * UTF-8 byte order mark is skipped, quoted fields may hold newlines.
 * Positions are line = row in the table (the header is row 1) and
 * column = the column's number, as a spreadsheet shows them.
 */
#ifndef PP_CSVIN_H
#define PP_CSVIN_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "value.h"

struct pp_csv_limits {
	size_t max_bytes; /* default 16 MiB */
	size_t max_rows;  /* default 100,000 */
	size_t max_cols;  /* default 500 */
	size_t max_cell;  /* bytes, default 64 KiB */
};

void pp_csv_limits_default(struct pp_csv_limits *lim);

/* Tells whether the dotted key names a list: such cells are split on '|'
 * ("application | instagram"). */
typedef int (*pp_csv_is_list)(void *data, const char *key);

/*
 * Reads a table: a list of maps, one per row, empty cells left out, cells
 * typed as YAML plain scalars would be (150000 is a number, true a
 * boolean, everything else text).  NULL with err filled.
 */
struct pp_value *pp_csv_read_mem(struct pp_arena *a, const char *name,
				 const char *data, size_t len,
				 const struct pp_csv_limits *lim,
				 pp_csv_is_list is_list, void *is_list_data,
				 struct pp_error *err);
struct pp_value *pp_csv_read_file(struct pp_arena *a, const char *path,
				  const struct pp_csv_limits *lim,
				  pp_csv_is_list is_list, void *is_list_data,
				  struct pp_error *err);

#endif
