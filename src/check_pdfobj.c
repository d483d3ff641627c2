/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What poppler-glib does not tell about a PDF, read from its objects with
 * qpdf's C API (opened with dlopen, like poppler): the family of each
 * embedded font program, from the program itself (FreeType on its
 * FontFile, FontFile2 or FontFile3 stream: the name table of a TrueType or
 * OpenType font, the FamilyName of a CFF or Type 1 one), so that a font is
 * not judged by the /BaseFont a converter or a forger gave it; and
 * JavaScript anywhere in the document (an open action, a name tree, an
 * annotation, a form field), which poppler's own scan misses in the open
 * action.  Every object reachable from the trailer is visited once, within
 * bounds; runs in the child of check_child.c with the rest of the PDF
 * check.
 */
#include <ft2build.h>
#include FT_FREETYPE_H
#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "config.h"
#include "dynlib.h"
#include "i18n.h"

#define QPDF_FUNCS(X)                                                          \
	X(qpdf_cleanup)                                                        \
	X(qpdf_get_trailer)                                                    \
	X(qpdf_init)                                                           \
	X(qpdf_oh_begin_dict_key_iter)                                         \
	X(qpdf_oh_dict_more_keys)                                              \
	X(qpdf_oh_dict_next_key)                                               \
	X(qpdf_oh_get_array_item)                                              \
	X(qpdf_oh_get_array_n_items)                                           \
	X(qpdf_oh_get_dict)                                                    \
	X(qpdf_oh_get_generation)                                              \
	X(qpdf_oh_get_key)                                                     \
	X(qpdf_oh_get_name)                                                    \
	X(qpdf_oh_get_object_id)                                               \
	X(qpdf_oh_get_stream_data)                                             \
	X(qpdf_oh_has_key)                                                     \
	X(qpdf_oh_is_array)                                                    \
	X(qpdf_oh_is_dictionary)                                               \
	X(qpdf_oh_is_name)                                                     \
	X(qpdf_oh_is_stream)                                                   \
	X(qpdf_oh_release)                                                     \
	X(qpdf_read)                                                           \
	X(qpdf_set_suppress_warnings)                                          \
	X(qpdf_silence_errors)
static struct {
	QPDF_FUNCS(PP_DYNLIB_FUNC)
} qp;
static struct pp_dynlib qpdf_lib =
    PP_DYNLIB_INIT(PP_SONAME_QPDF, PP_LIBPATH_QPDF, PP_PACKAGE_QPDF,
		   N_("read the fonts of PDF files"));

/* Bounds on untrusted input. */
#define OBJ_MAX_VISITS	   2000000     /* objects and values walked */
#define OBJ_MAX_FONT_BYTES (32u << 20) /* one font program */
#define OBJ_MAX_FONTS	   10000       /* font programs read */

int
pp_check_pdfobj_load(struct pp_error *err)
{
	return PP_DYNLIB_LOAD(&qpdf_lib, QPDF_FUNCS, qp, err);
}

/* The family name of the font program in the stream h, or NULL. */
static char *
obj_font_family(qpdf_data q, qpdf_oh h, FT_Library ft)
{
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = 0;
	FT_Face face;
	char *family = NULL;

	if (!qp.qpdf_oh_is_stream(q, h))
		return NULL;
	if (qp.qpdf_oh_get_stream_data(q, h, qpdf_dl_generalized, &filtered,
				       &data, &len) != QPDF_SUCCESS ||
	    data == NULL || !filtered || len == 0 || len > OBJ_MAX_FONT_BYTES) {
		free(data);
		return NULL;
	}
	if (FT_New_Memory_Face(ft, data, (FT_Long)len, 0, &face) == 0) {
		if (face->family_name != NULL && face->family_name[0] != '\0')
			family = g_strdup(face->family_name);
		FT_Done_Face(face);
	}
	free(data);
	return family;
}

/* A font dictionary d (it has a /FontDescriptor): its /BaseFont and the
 * family of its embedded program, into o. */
static void
obj_font(qpdf_data q, qpdf_oh d, FT_Library ft, struct pp_check_pdfobj *o)
{
	static const char *const files[] = {"/FontFile", "/FontFile2",
					    "/FontFile3"};
	qpdf_oh base = qp.qpdf_oh_get_key(q, d, "/BaseFont");
	qpdf_oh desc = qp.qpdf_oh_get_key(q, d, "/FontDescriptor");
	const char *name =
	    qp.qpdf_oh_is_name(q, base) ? qp.qpdf_oh_get_name(q, base) : NULL;
	size_t i;

	if (name != NULL && name[0] == '/' && name[1] != '\0' &&
	    qp.qpdf_oh_is_dictionary(q, desc) &&
	    g_hash_table_size(o->families) < OBJ_MAX_FONTS) {
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			qpdf_oh file;
			char *family;

			if (!qp.qpdf_oh_has_key(q, desc, files[i]))
				continue;
			file = qp.qpdf_oh_get_key(q, desc, files[i]);
			family = obj_font_family(q, file, ft);
			qp.qpdf_oh_release(q, file);
			if (family != NULL) {
				g_hash_table_replace(
				    o->families, pp_check_font_key(name + 1),
				    family);
				break;
			}
		}
	}
	qp.qpdf_oh_release(q, base);
	qp.qpdf_oh_release(q, desc);
}

/* The keys of the dictionary d (qpdf iterates one dictionary at a time). */
static GPtrArray *
obj_keys(qpdf_data q, qpdf_oh d)
{
	GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);

	qp.qpdf_oh_begin_dict_key_iter(q, d);
	while (qp.qpdf_oh_dict_more_keys(q))
		g_ptr_array_add(keys, g_strdup(qp.qpdf_oh_dict_next_key(q)));
	return keys;
}

/* One dictionary: its JavaScript and font, its values onto the stack. */
static void
obj_dict(qpdf_data q, qpdf_oh d, FT_Library ft, struct pp_check_pdfobj *o,
	 GArray *stack)
{
	GPtrArray *keys = obj_keys(q, d);
	guint i;

	for (i = 0; i < keys->len; i++) {
		const char *key = g_ptr_array_index(keys, i);
		qpdf_oh v = qp.qpdf_oh_get_key(q, d, key);

		if (strcmp(key, "/JS") == 0)
			o->javascript = 1;
		else if (strcmp(key, "/S") == 0 && qp.qpdf_oh_is_name(q, v) &&
			 strcmp(qp.qpdf_oh_get_name(q, v), "/JavaScript") == 0)
			o->javascript = 1;
		else if (strcmp(key, "/FontDescriptor") == 0)
			obj_font(q, d, ft, o);
		g_array_append_val(stack, v);
	}
	g_ptr_array_free(keys, TRUE);
}

int
pp_check_pdfobj_read(const char *path, struct pp_check_pdfobj *o)
{
	qpdf_data q;
	FT_Library ft;
	GHashTable *seen;
	GArray *stack;
	qpdf_oh h;
	long visits = 0;

	memset(o, 0, sizeof(*o));
	o->families =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (FT_Init_FreeType(&ft) != 0)
		return -1;
	q = qp.qpdf_init();
	qp.qpdf_silence_errors(q);
	qp.qpdf_set_suppress_warnings(q, 1);
	if (qp.qpdf_read(q, path, NULL) & QPDF_ERRORS) {
		qp.qpdf_cleanup(&q);
		FT_Done_FreeType(ft);
		return -1;
	}
	seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	stack = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	h = qp.qpdf_get_trailer(q);
	g_array_append_val(stack, h);
	while (stack->len > 0) {
		int id;

		h = g_array_index(stack, qpdf_oh, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		if (++visits > OBJ_MAX_VISITS) {
			o->partial = 1;
			qp.qpdf_oh_release(q, h);
			continue;
		}
		/* Indirect objects once; direct ones are trees. */
		id = qp.qpdf_oh_get_object_id(q, h);
		if (id > 0) {
			gpointer k = GSIZE_TO_POINTER(
			    ((gsize)id << 16) ^
			    (gsize)qp.qpdf_oh_get_generation(q, h));

			if (g_hash_table_contains(seen, k)) {
				qp.qpdf_oh_release(q, h);
				continue;
			}
			g_hash_table_add(seen, k);
		}
		if (qp.qpdf_oh_is_stream(q, h)) {
			qpdf_oh d = qp.qpdf_oh_get_dict(q, h);

			obj_dict(q, d, ft, o, stack);
			qp.qpdf_oh_release(q, d);
		} else if (qp.qpdf_oh_is_dictionary(q, h)) {
			obj_dict(q, h, ft, o, stack);
		} else if (qp.qpdf_oh_is_array(q, h)) {
			int n = qp.qpdf_oh_get_array_n_items(q, h), i;

			for (i = 0; i < n; i++) {
				qpdf_oh v = qp.qpdf_oh_get_array_item(q, h, i);

				g_array_append_val(stack, v);
			}
		}
		qp.qpdf_oh_release(q, h);
	}
	g_array_free(stack, TRUE);
	g_hash_table_destroy(seen);
	qp.qpdf_cleanup(&q);
	FT_Done_FreeType(ft);
	return 0;
}

void
pp_check_pdfobj_fini(struct pp_check_pdfobj *o)
{
	if (o->families != NULL)
		g_hash_table_destroy(o->families);
	memset(o, 0, sizeof(*o));
}
