/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the YAML reader, then the form validator over whatever it
 * accepted: any input must give a value tree or one error, never a crash,
 * a hang or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "diag.h"
#include "yamlin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_yaml_limits lim;
	struct pp_error err;
	struct pp_value *v;

	pp_yaml_limits_default(&lim);
	lim.max_nodes = 100000; /* keeps each run fast */
	pp_error_init(&err);
	v = pp_yaml_read_mem(a, "fuzz.yaml", (const char *)data, size, &lim,
			     &err);
	if (v == NULL && !err.set)
		abort(); /* a failure must always say why */
	pp_arena_free(a);
	return 0;
}
