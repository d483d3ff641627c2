/* SPDX-License-Identifier: EUPL-1.2 */
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
