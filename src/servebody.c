/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the bodies page forms send, untrusted: the fields of an
 * application/x-www-form-urlencoded body and the parts of a
 * multipart/form-data one.  Both are bounded by the route's body limit
 * (serve.c), the number of fields or parts they keep, and never read past
 * the body (tests/fuzz/fuzz-servebody.c).
 */
#include <string.h>

#include "serve-private.h"

/* The first place needle occurs in [p, p + n), or NULL. */
static const guint8 *
body_find(const guint8 *p, size_t n, const char *needle, size_t len)
{
	size_t i;

	for (i = 0; len <= n && i <= n - len; i++)
		if (p[i] == (guint8)needle[0] &&
		    memcmp(p + i, needle, len) == 0)
			return p + i;
	return NULL;
}

/* The fields of an application/x-www-form-urlencoded body; their names
 * in the body's order are appended to order (when not NULL). */
GHashTable *
serve_body_fields(const void *data, size_t len, GPtrArray *order)
{
	GHashTable *h =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *body = g_strndup(data, len);
	char **pairs = g_strsplit(body, "&", 5000);
	size_t i;

	for (i = 0; pairs[i] != NULL; i++) {
		char *eq = strchr(pairs[i], '='), *k, *v, *p;

		if (eq == NULL)
			continue;
		*eq = '\0';
		for (p = pairs[i]; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
		for (p = eq + 1; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
		k = g_uri_unescape_string(pairs[i], NULL);
		v = g_uri_unescape_string(eq + 1, NULL);
		if (k != NULL && v != NULL && k[0] != '\0' &&
		    g_utf8_validate(v, -1, NULL) &&
		    g_utf8_validate(k, -1, NULL)) {
			if (order != NULL && !g_hash_table_contains(h, k))
				g_ptr_array_add(order, g_strdup(k));
			g_hash_table_replace(h, k, v);
		} else {
			g_free(k);
			g_free(v);
		}
	}
	g_strfreev(pairs);
	g_free(body);
	return h;
}

/* The parts of a multipart/form-data body: name -> GBytes. */
GHashTable *
serve_body_multipart(const char *ct, const void *data, size_t len)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      (GDestroyNotify)g_bytes_unref);
	const char *b = ct != NULL ? strstr(ct, "boundary=") : NULL;
	char *delim;
	const guint8 *p, *end;
	size_t dl;

	if (b == NULL)
		return h;
	b += 9;
	if (b[0] == '"')
		b++;
	/* RFC 2046: 1 to 70 characters. */
	if (strcspn(b, "; \"") == 0 || strcspn(b, "; \"") > 70)
		return h;
	delim = g_strdup_printf("\r\n--%.*s", (int)strcspn(b, "; \""), b);
	dl = strlen(delim);
	p = data;
	end = p + len;
	/* The body starts with the delimiter without its CR LF. */
	if ((size_t)(end - p) < dl - 2 || memcmp(p, delim + 2, dl - 2) != 0) {
		g_free(delim);
		return h;
	}
	p += dl - 2;
	while (p < end && g_hash_table_size(h) < 16) {
		const guint8 *headers_end, *next;
		char *headers, *name;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			break;
		headers_end = body_find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (headers_end == NULL)
			break;
		next = body_find(headers_end + 4,
				 (size_t)(end - headers_end - 4), delim, dl);
		if (next == NULL)
			break;
		headers = g_strndup((const char *)p, (gsize)(headers_end - p));
		name = strstr(headers, "name=\"");
		if (name != NULL) {
			name += 6;
			name = g_strndup(name, strcspn(name, "\""));
			g_hash_table_replace(
			    h, name,
			    g_bytes_new(headers_end + 4,
					(gsize)(next - headers_end - 4)));
		}
		g_free(headers);
		p = next + dl;
	}
	g_free(delim);
	return h;
}
