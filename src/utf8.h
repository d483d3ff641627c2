/* SPDX-License-Identifier: EUPL-1.2 */
/* UTF-8 checks shared by every reader of user text. */
#ifndef PP_UTF8_H
#define PP_UTF8_H

#include <stddef.h>
#include <stdint.h>

struct pp_buf;

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

/*
 * Whether c is a character that can reorder or hide text without being
 * seen: a C1 control (U+0080-U+009F) or a Unicode format character
 * (category Cf: the bidirectional controls U+202A-U+202E and
 * U+2066-U+2069, the marks U+200E, U+200F and U+061C, the zero-width
 * U+200B-U+200D, the word joiner U+2060, U+FEFF...).  The soft hyphen
 * U+00AD, a Cf character too, is not one of them when soft_hyphen_ok is
 * set: it hides nothing (a hyphen where the line breaks, nothing
 * elsewhere) and word processors paste it.  C0 controls are refused by
 * pp_utf8_check already.
 */
int pp_unichar_is_hidden(uint32_t c, int soft_hyphen_ok);

/* The Unicode name of a hidden character or of a C0 control ("RIGHT-TO-LEFT
 * OVERRIDE"), or NULL when this table does not have it. */
const char *pp_unichar_name(uint32_t c);

/*
 * "U+202E RIGHT-TO-LEFT OVERRIDE", or "U+XXXX" alone when the name is not
 * known, into buf of size n.  Returns buf.
 */
const char *pp_unichar_label(uint32_t c, char *buf, size_t n);

/* Byte offset in s[0..len) (well-formed UTF-8) of the first hidden
 * character, with *cp set to it; (size_t)-1 when there is none. */
size_t pp_utf8_find_hidden(const char *s, size_t len, int soft_hyphen_ok,
			   uint32_t *cp);

/* The same over a whole text file, soft hyphens allowed: a byte order mark
 * that starts it is not text and is skipped. */
size_t pp_utf8_find_hidden_file(const char *s, size_t len, uint32_t *cp);

/*
 * Appends s[0..len) to b so that a terminal never receives a control from
 * it: C0 controls (tab and newline included), DEL and bytes that are not
 * UTF-8 as \xHH; C1 controls, format characters (bidirectional controls,
 * zero-width characters, the soft hyphen) and the line and paragraph
 * separators as \uHHHH (\UHHHHHHHH past U+FFFF).  Every other character
 * is copied.
 */
void pp_text_escape_add(struct pp_buf *b, const char *s, size_t len);

/* s escaped as pp_text_escape_add does; "" for NULL.  Caller frees. */
char *pp_text_escape(const char *s);

#endif
