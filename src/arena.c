/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "xalloc.h"

#define ARENA_CHUNK 65536

struct arena_chunk {
	struct arena_chunk *next;
	size_t size; /* usable bytes in data */
	size_t used; /* bytes handed out */
	alignas(max_align_t) unsigned char data[];
};

struct pp_arena {
	struct arena_chunk *head;
	size_t total; /* bytes handed out in all chunks */
};

struct pp_arena *
pp_arena_new(void)
{
	return pp_xcalloc(1, sizeof(struct pp_arena));
}

void
pp_arena_free(struct pp_arena *a)
{
	struct arena_chunk *c, *next;

	if (a == NULL)
		return;
	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *
pp_arena_alloc(struct pp_arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	struct arena_chunk *c = a->head;
	size_t off;
	void *p;

	if (size > SIZE_MAX - align)
		abort();
	size = (size + align - 1) & ~(align - 1);
	if (c == NULL || c->size - c->used < size) {
		size_t want = size > ARENA_CHUNK ? size : ARENA_CHUNK;

		c = pp_xmalloc(sizeof(*c) + want);
		c->size = want;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	off = c->used;
	c->used += size;
	a->total += size;
	p = c->data + off;
	memset(p, 0, size);
	return p;
}

char *
pp_arena_strndup(struct pp_arena *a, const char *s, size_t n)
{
	char *p = pp_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
pp_arena_strdup(struct pp_arena *a, const char *s)
{
	return pp_arena_strndup(a, s, strlen(s));
}

size_t
pp_arena_used(const struct pp_arena *a)
{
	return a->total;
}
