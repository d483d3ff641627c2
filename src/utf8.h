/* SPDX-License-Identifier: EUPL-1.2 */
/* UTF-8 checks shared by every reader of user text. */
#ifndef PP_UTF8_H
#define PP_UTF8_H

#include <stddef.h>
#include <stdint.h>

enum pp_utf8_status {
	PP_UTF8_OK,
	PP_UTF8_INVALID,   /* not well-formed UTF-8 */
	PP_UTF8_FORBIDDEN, /* a control character or a non-character */
};

/*
 * Checks that s[0..len) is well-formed UTF-8 made only of characters that
 * an XML 1.0 document may carry (tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD,
 * U+10000-U+10FFFF) and no Unicode non-character (U+FDD0-U+FDEF, U+xFFFE,
 * U+xFFFF).  On failure *offset is the byte offset of the fault and *cp the
 * offending code point (0 for invalid UTF-8); either may be NULL.
 */
enum pp_utf8_status pp_utf8_check(const char *s, size_t len, size_t *offset,
				  uint32_t *cp);

/* Decodes one code point at s (well-formed input assumed); returns its
 * length in bytes, or 0 at the end of the string. */
size_t pp_utf8_next(const char *s, uint32_t *cp);

#endif
