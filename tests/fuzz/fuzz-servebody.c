/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the bodies paraphe serve's page forms send: the input is
 * parsed as an urlencoded body, then as a multipart/form-data body with a
 * fixed boundary and with a boundary taken from its first line, and as
 * the parts of an upload (serve_body_parts, at most 3 kept).  Never a
 * crash, a read past the body or a leak; every field kept is UTF-8; no
 * part is larger than the body, nor more parts kept than asked.
 */
#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "serve-private.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
	GHashTable *h = serve_body_fields(data, size, order);
	const uint8_t *nl = memchr(data, '\n', size < 100 ? size : 100);
	GHashTableIter it;
	gpointer k, v;
	GPtrArray *parts;
	guint i;
	char *ct;

	g_hash_table_iter_init(&it, h);
	while (g_hash_table_iter_next(&it, &k, &v))
		if (!g_utf8_validate(k, -1, NULL) ||
		    !g_utf8_validate(v, -1, NULL))
			__builtin_trap();
	if (order->len != g_hash_table_size(h))
		__builtin_trap();
	g_hash_table_destroy(h);
	g_ptr_array_free(order, TRUE);
	h = serve_body_multipart("multipart/form-data; boundary=XyZ", data,
				 size);
	g_hash_table_destroy(h);
	ct = g_strdup_printf("multipart/form-data; boundary=%.*s",
			     nl != NULL ? (int)(nl - data) : 0,
			     (const char *)data);
	h = serve_body_multipart(ct, data, size);
	g_hash_table_destroy(h);
	parts = serve_body_parts(ct, data, size, 3);
	for (i = 0; parts != NULL && i < parts->len; i++) {
		struct serve_part *p = parts->pdata[i];

		if (g_bytes_get_size(p->data) > size || p->name == NULL)
			__builtin_trap();
	}
	if (parts != NULL && parts->len > 3)
		__builtin_trap();
	if (parts != NULL)
		g_ptr_array_free(parts, TRUE);
	g_free(ct);
	return 0;
}
