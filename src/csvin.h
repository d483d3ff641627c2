/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Partner tables (CSV, as spreadsheets export them) into value trees.
 * The header row names the keys, dotted for nesting ("partenaire.siren");
 * every other row becomes a map.  ';' or ',' separators are detected, a
 * UTF-8 byte order mark is skipped, quoted fields may hold newlines.  A
 * table that is not UTF-8 but decodes as Windows-1252 (what French Excel
 * saves as "CSV (séparateur : point-virgule)") is read as such, with a
 * warning.  Positions are line = row in the table (the header is row 1)
 * and column = the column's number, as a spreadsheet shows them (the
 * messages letter it: pp_diag_format).
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

/* What a column's dotted key holds, for the cells of that column. */
enum pp_csv_kind {
	PP_CSV_PLAIN = 0, /* typed as a YAML plain scalar */
	PP_CSV_LIST = 1,  /* split on '|' ("application | instagram") */
	PP_CSV_DATE = 2,  /* JJ/MM/AAAA is turned into AAAA-MM-JJ */
};

/* Tells what the dotted key holds: an enum pp_csv_kind. */
typedef int (*pp_csv_key_kind)(void *data, const char *key);

/*
 * Reads a table: a list of maps, one per row, empty cells left out, cells
 * typed as YAML plain scalars would be (150000 is a number, true a
 * boolean, everything else text); kind (may be NULL) tells the lists and
 * the dates.  A date cell written JJ/MM/AAAA (or J/M/AAAA) becomes the
 * text AAAA-MM-JJ, its raw text kept as written.  Warnings (the table
 * read as Windows-1252) are appended to warnings, which may be NULL.
 * NULL with err filled.
 */
struct pp_value *pp_csv_read_mem(struct pp_arena *a, const char *name,
				 const char *data, size_t len,
				 const struct pp_csv_limits *lim,
				 pp_csv_key_kind kind, void *kind_data,
				 struct pp_diags *warnings,
				 struct pp_error *err);
struct pp_value *pp_csv_read_file(struct pp_arena *a, const char *path,
				  const struct pp_csv_limits *lim,
				  pp_csv_key_kind kind, void *kind_data,
				  struct pp_diags *warnings,
				  struct pp_error *err);

#endif
