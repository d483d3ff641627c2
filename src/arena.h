/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Bump allocator: everything a form or a document owns is allocated here and
 * freed at once with pp_arena_free().  Allocation aborts on out of memory.
 */
#ifndef PP_ARENA_H
#define PP_ARENA_H

#include <stddef.h>

struct pp_arena;

struct pp_arena *pp_arena_new(void);
void pp_arena_free(struct pp_arena *a); /* NULL is harmless */
/* Zeroed memory, aligned for any type; arena-owned. */
void *pp_arena_alloc(struct pp_arena *a, size_t size);
char *pp_arena_strdup(struct pp_arena *a, const char *s);
char *pp_arena_strndup(struct pp_arena *a, const char *s, size_t n);
/* Total bytes handed out so far (for limits and tests). */
size_t pp_arena_used(const struct pp_arena *a);

#endif
