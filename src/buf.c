/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "xalloc.h"

void
pp_buf_init(struct pp_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
pp_buf_fini(struct pp_buf *b)
{
	free(b->data);
	pp_buf_init(b);
}

void
pp_buf_reset(struct pp_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_reserve(struct pp_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = pp_xrealloc(b->data, b->cap);
}

void
pp_buf_add(struct pp_buf *b, const void *data, size_t len)
{
	buf_reserve(b, len);
	if (len > 0)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
pp_buf_adds(struct pp_buf *b, const char *s)
{
	pp_buf_add(b, s, strlen(s));
}

void
pp_buf_addc(struct pp_buf *b, char c)
{
	pp_buf_add(b, &c, 1);
}

void
pp_buf_addf(struct pp_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n <= 0)
		return;
	buf_reserve(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *
pp_buf_str(const struct pp_buf *b)
{
	return b->data != NULL ? b->data : "";
}

char *
pp_buf_detach(struct pp_buf *b)
{
	char *s = b->data != NULL ? b->data : pp_xstrdup("");

	pp_buf_init(b);
	return s;
}
