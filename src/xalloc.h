/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Allocation that cannot fail.  Running out of memory is the one case where
 * library code prints and stops the program: the message goes to stderr and
 * abort() is called (never exit()).  GLib, and so Pango, already behave this
 * way; carrying ENOMEM through every layer would buy nothing.
 */
#ifndef PP_XALLOC_H
#define PP_XALLOC_H

#include <stddef.h>

void *pp_xmalloc(size_t size);
void *pp_xcalloc(size_t nmemb, size_t size);
void *pp_xrealloc(void *ptr, size_t size);
/* Grow an array of nmemb elements of size bytes, checking for overflow. */
void *pp_xreallocarray(void *ptr, size_t nmemb, size_t size);
char *pp_xstrdup(const char *s);
char *pp_xstrndup(const char *s, size_t n);
/* printf into a fresh string; caller frees. */
char *pp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
