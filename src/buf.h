/* SPDX-License-Identifier: EUPL-1.2 */
/* Growable byte buffer, always NUL-terminated. */
#ifndef PP_BUF_H
#define PP_BUF_H

#include <stddef.h>

struct pp_buf {
	char *data; /* NUL-terminated; NULL until the first append */
	size_t len; /* bytes used, without the NUL */
	size_t cap; /* bytes allocated */
};

void pp_buf_init(struct pp_buf *b);
void pp_buf_fini(struct pp_buf *b);
void pp_buf_reset(struct pp_buf *b);
void pp_buf_add(struct pp_buf *b, const void *data, size_t len);
void pp_buf_adds(struct pp_buf *b, const char *s);
void pp_buf_addc(struct pp_buf *b, char c);
void pp_buf_addf(struct pp_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The contents as a string ("" when empty); borrowed. */
const char *pp_buf_str(const struct pp_buf *b);
/* Hands the string over to the caller (caller frees) and resets b. */
char *pp_buf_detach(struct pp_buf *b);

#endif
