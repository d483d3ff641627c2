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

void
serve_part_free(void *p)
{
	struct serve_part *part = p;

	g_free(part->name);
	g_free(part->filename);
	g_bytes_unref(part->data);
	g_free(part);
}

/* The value of a Content-Disposition parameter (name="..."), NULL when
 * absent; a match inside another parameter's name ("filename" for
 * "name") does not count. */
static char *
body_param(const char *headers, const char *param)
{
	size_t n = strlen(param);
	const char *p;

	for (p = headers; (p = strstr(p, param)) != NULL; p += n) {
		if (p > headers && (g_ascii_isalnum(p[-1]) || p[-1] == '-'))
			continue;
		if (p[n] != '=' || p[n + 1] != '"')
			continue;
		p += n + 2;
		return g_strndup(p, strcspn(p, "\"\r\n"));
	}
	return NULL;
}

GPtrArray *
serve_body_parts(const char *ct, const void *data, size_t len, size_t max)
{
	GPtrArray *a = g_ptr_array_new_with_free_func(serve_part_free);
	const char *b = ct != NULL ? strstr(ct, "boundary=") : NULL;
	char *delim;
	const guint8 *p, *end;
	size_t dl;

	if (b == NULL)
		return a;
	b += 9;
	if (b[0] == '"')
		b++;
	/* RFC 2046: 1 to 70 characters. */
	if (strcspn(b, "; \"") == 0 || strcspn(b, "; \"") > 70)
		return a;
	delim = g_strdup_printf("\r\n--%.*s", (int)strcspn(b, "; \""), b);
	dl = strlen(delim);
	p = data;
	end = p + len;
	/* The body starts with the delimiter without its CR LF. */
	if ((size_t)(end - p) < dl - 2 || memcmp(p, delim + 2, dl - 2) != 0) {
		g_free(delim);
		return a;
	}
	p += dl - 2;
	while (p < end) {
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
		name = body_param(headers, "name");
		if (name != NULL) {
			struct serve_part *part = g_new0(struct serve_part, 1);

			if (a->len >= max) {
				g_free(name);
				g_free(headers);
				g_free(delim);
				g_ptr_array_free(a, TRUE);
				return NULL;
			}
			part->name = name;
			part->filename = body_param(headers, "filename");
			part->data = g_bytes_new(
			    headers_end + 4, (gsize)(next - headers_end - 4));
			g_ptr_array_add(a, part);
		}
		g_free(headers);
		p = next + dl;
	}
	g_free(delim);
	return a;
}

/* The parts of a multipart/form-data body: name -> GBytes. */
GHashTable *
serve_body_multipart(const char *ct, const void *data, size_t len)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      (GDestroyNotify)g_bytes_unref);
	GPtrArray *a = serve_body_parts(ct, data, len, 1024);
	guint i;

	for (i = 0; a != NULL && i < a->len && g_hash_table_size(h) < 16; i++) {
		struct serve_part *part = a->pdata[i];

		g_hash_table_replace(h, g_strdup(part->name),
				     g_bytes_ref(part->data));
	}
	if (a != NULL)
		g_ptr_array_free(a, TRUE);
	return h;
}
