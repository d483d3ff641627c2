/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the partner-table reader: any input must give a list of
 * rows or one error with its position, never a crash, a hang or a leak.
 * The first byte picks the limits and whether list cells are split, so
 * that the limits and the '|' splitting are fuzzed too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csvin.h"
#include "diag.h"
#include "value.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every key whose last part starts with a letter from 'a' to 'm' is a
 * list: cheap, and it mixes list and plain cells in one table. */
static int
fuzz_is_list(void *closure, const char *key)
{
	const char *dot = strrchr(key, '.');
	const char *last = dot != NULL ? dot + 1 : key;

	(void)closure;
	if (last[0] >= 'a' && last[0] <= 'm')
		return PP_CSV_LIST;
	return last[0] >= 'n' && last[0] <= 'r' ? PP_CSV_DATE : PP_CSV_PLAIN;
}

/* Every value has a position.  Dotted keys may nest deeper than this
 * looks (a 64 KiB header cell): the walk stops there. */
static void
fuzz_check(const struct pp_value *v, int depth)
{
	size_t i;

	if (v->pos.line < 1 || v->pos.col < 1)
		abort();
	if (depth > 64)
		return;
	if (v->kind == PP_VALUE_LIST)
		for (i = 0; i < v->u.list.n; i++)
			fuzz_check(v->u.list.items[i], depth + 1);
	if (v->kind == PP_VALUE_MAP)
		for (i = 0; i < v->u.map.n; i++)
			fuzz_check(v->u.map.items[i].value, depth + 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_arena *a;
	struct pp_csv_limits lim;
	struct pp_error err;
	struct pp_value *v;
	uint8_t mode = size > 0 ? data[0] : 0;
	size_t i;

	if (size > 0) {
		data++;
		size--;
	}
	pp_csv_limits_default(&lim);
	if (mode & 1) {
		/* Small limits, so that each one is reached. */
		lim.max_rows = 1 + (mode >> 4);
		lim.max_cols = 1 + ((mode >> 1) & 7);
		lim.max_cell = 16;
		lim.max_bytes = 4096;
	}
	a = pp_arena_new();
	pp_error_init(&err);
	v = pp_csv_read_mem(a, "fuzz.csv", (const char *)data, size, &lim,
			    (mode & 2) ? fuzz_is_list : NULL, NULL, NULL, &err);
	if (v == NULL) {
		if (!err.set || err.line < 1 || err.col < 1)
			abort(); /* a failure must always say why and where */
	} else {
		if (v->kind != PP_VALUE_LIST || v->u.list.n > lim.max_rows)
			abort();
		for (i = 0; i < v->u.list.n; i++) {
			const struct pp_value *row = v->u.list.items[i];

			if (row->kind != PP_VALUE_MAP || row->u.map.n == 0)
				abort();
			fuzz_check(row, 0);
		}
	}
	pp_arena_free(a);
	return 0;
}
