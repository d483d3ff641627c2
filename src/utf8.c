/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "utf8.h"

static int
utf8_allowed(uint32_t c)
{
	if (c == 0x9 || c == 0xA || c == 0xD)
		return 1;
	if (c < 0x20)
		return 0;
	if (c >= 0xD800 && c <= 0xDFFF)
		return 0;
	if (c >= 0xFDD0 && c <= 0xFDEF)
		return 0;
	if ((c & 0xFFFE) == 0xFFFE)
		return 0;
	return c <= 0x10FFFF;
}

enum pp_utf8_status
pp_utf8_check(const char *str, size_t len, size_t *offset, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		uint32_t c = s[i];
		size_t n, k;
		uint32_t min;

		if (c < 0x80) {
			n = 1;
			min = 0;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2;
			c &= 0x1F;
			min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3;
			c &= 0x0F;
			min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4;
			c &= 0x07;
			min = 0x10000;
		} else {
			goto invalid;
		}
		if (n > len - i)
			goto invalid;
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				goto invalid;
			c = (c << 6) | (s[i + k] & 0x3F);
		}
		if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
			goto invalid;
		if (!utf8_allowed(c)) {
			if (offset != NULL)
				*offset = i;
			if (cp != NULL)
				*cp = c;
			return PP_UTF8_FORBIDDEN;
		}
		i += n;
	}
	return PP_UTF8_OK;
invalid:
	if (offset != NULL)
		*offset = i;
	if (cp != NULL)
		*cp = 0;
	return PP_UTF8_INVALID;
}

size_t
pp_utf8_next(const char *str, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, k;
	uint32_t c = s[0];

	if (c == 0)
		return 0;
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if ((c & 0xE0) == 0xC0) {
		n = 2;
		c &= 0x1F;
	} else if ((c & 0xF0) == 0xE0) {
		n = 3;
		c &= 0x0F;
	} else {
		n = 4;
		c &= 0x07;
	}
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return k;
		}
		c = (c << 6) | (s[k] & 0x3F);
	}
	*cp = c;
	return n;
}

int
pp_unichar_is_hidden(uint32_t c, int soft_hyphen_ok)
{
	if (c >= 0x80 && c <= 0x9F)
		return 1;
	if (c == 0xAD)
		return !soft_hyphen_ok;
	return c <= 0x10FFFF && g_unichar_type(c) == G_UNICODE_FORMAT;
}

const char *
pp_unichar_name(uint32_t c)
{
	static const struct {
		uint32_t c;
		const char *name;
	} names[] = {
	    {0x0000, "NULL"},
	    {0x0007, "BELL"},
	    {0x0008, "BACKSPACE"},
	    {0x0009, "CHARACTER TABULATION"},
	    {0x000A, "LINE FEED"},
	    {0x000D, "CARRIAGE RETURN"},
	    {0x001B, "ESCAPE"},
	    {0x007F, "DELETE"},
	    {0x0085, "NEXT LINE"},
	    {0x009B, "CONTROL SEQUENCE INTRODUCER"},
	    {0x00AD, "SOFT HYPHEN"},
	    {0x061C, "ARABIC LETTER MARK"},
	    {0x180E, "MONGOLIAN VOWEL SEPARATOR"},
	    {0x200B, "ZERO WIDTH SPACE"},
	    {0x200C, "ZERO WIDTH NON-JOINER"},
	    {0x200D, "ZERO WIDTH JOINER"},
	    {0x200E, "LEFT-TO-RIGHT MARK"},
	    {0x200F, "RIGHT-TO-LEFT MARK"},
	    {0x202A, "LEFT-TO-RIGHT EMBEDDING"},
	    {0x202B, "RIGHT-TO-LEFT EMBEDDING"},
	    {0x202C, "POP DIRECTIONAL FORMATTING"},
	    {0x202D, "LEFT-TO-RIGHT OVERRIDE"},
	    {0x202E, "RIGHT-TO-LEFT OVERRIDE"},
	    {0x2060, "WORD JOINER"},
	    {0x2061, "FUNCTION APPLICATION"},
	    {0x2062, "INVISIBLE TIMES"},
	    {0x2063, "INVISIBLE SEPARATOR"},
	    {0x2064, "INVISIBLE PLUS"},
	    {0x2066, "LEFT-TO-RIGHT ISOLATE"},
	    {0x2067, "RIGHT-TO-LEFT ISOLATE"},
	    {0x2068, "FIRST STRONG ISOLATE"},
	    {0x2069, "POP DIRECTIONAL ISOLATE"},
	    {0x206A, "INHIBIT SYMMETRIC SWAPPING"},
	    {0x206B, "ACTIVATE SYMMETRIC SWAPPING"},
	    {0x206C, "INHIBIT ARABIC FORM SHAPING"},
	    {0x206D, "ACTIVATE ARABIC FORM SHAPING"},
	    {0x206E, "NATIONAL DIGIT SHAPES"},
	    {0x206F, "NOMINAL DIGIT SHAPES"},
	    {0xFEFF, "ZERO WIDTH NO-BREAK SPACE"},
	    {0xFFF9, "INTERLINEAR ANNOTATION ANCHOR"},
	    {0xFFFA, "INTERLINEAR ANNOTATION SEPARATOR"},
	    {0xFFFB, "INTERLINEAR ANNOTATION TERMINATOR"},
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].c == c)
			return names[i].name;
	return NULL;
}

const char *
pp_unichar_label(uint32_t c, char *buf, size_t n)
{
	const char *name = pp_unichar_name(c);

	if (name != NULL)
		snprintf(buf, n, "U+%04X %s", (unsigned)c, name);
	else
		snprintf(buf, n, "U+%04X", (unsigned)c);
	return buf;
}

size_t
pp_utf8_find_hidden(const char *s, size_t len, int soft_hyphen_ok, uint32_t *cp)
{
	size_t off = 0, n;
	uint32_t c;

	while (off < len && (n = pp_utf8_next(s + off, &c)) > 0) {
		if (pp_unichar_is_hidden(c, soft_hyphen_ok)) {
			if (cp != NULL)
				*cp = c;
			return off;
		}
		off += n;
	}
	return (size_t)-1;
}

size_t
pp_utf8_find_hidden_file(const char *s, size_t len, uint32_t *cp)
{
	size_t bom = len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t off = pp_utf8_find_hidden(s + bom, len - bom, 1, cp);

	return off != (size_t)-1 ? bom + off : off;
}

void
pp_text_escape_add(struct pp_buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t off = 0, start = 0;

	while (off < len) {
		gunichar c;
		size_t n;

		if (u[off] < 0x80) {
			if (u[off] >= 0x20 && u[off] != 0x7F) {
				off++;
				continue;
			}
			pp_buf_add(b, s + start, off - start);
			pp_buf_addf(b, "\\x%02x", u[off]);
			start = ++off;
			continue;
		}
		c = g_utf8_get_char_validated(s + off, (gssize)(len - off));
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			pp_buf_add(b, s + start, off - start);
			pp_buf_addf(b, "\\x%02x", u[off]);
			start = ++off;
			continue;
		}
		n = (size_t)(g_utf8_next_char(s + off) - (s + off));
		if (pp_unichar_is_hidden(c, 0) || c == 0x2028 || c == 0x2029) {
			pp_buf_add(b, s + start, off - start);
			if (c > 0xFFFF)
				pp_buf_addf(b, "\\U%08x", (unsigned)c);
			else
				pp_buf_addf(b, "\\u%04x", (unsigned)c);
			start = off + n;
		}
		off += n;
	}
	pp_buf_add(b, s + start, off - start);
}

char *
pp_text_escape(const char *s)
{
	struct pp_buf b;

	pp_buf_init(&b);
	if (s != NULL)
		pp_text_escape_add(&b, s, strlen(s));
	return pp_buf_detach(&b);
}
