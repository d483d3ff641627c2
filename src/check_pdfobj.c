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
 * action.  A program without a family name (a converter's subset: cairo
 * writes TrueType subsets without a name table) is known by its glyphs'
 * outlines, which a subset keeps as they were: they are compared with
 * those of the families the charter names, found by fontconfig.  Every
 * object reachable from the trailer is visited once, within
 * bounds; runs in the child of check_child.c with the rest of the PDF
 * check.  The same reading gives poppler what spares it work: the file
 * with its output intent's ICC profile set aside when no colour depends
 * on it, the pages that cannot hold an image, the pages whose colour
 * raster cannot report anything, the pages whose fonts poppler's font
 * scan has reported on an earlier page, and a copy with the invisible
 * text revealed.  Each page's content is read once for all of these
 * (obj_content_read).
 */
#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_OUTLINE_H
#include <glib.h>
#include <math.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check_private.h"
#include "config.h"
#include "dynlib.h"
#include "i18n.h"
#include "xalloc.h"

#define QPDF_FUNCS(X)                                                          \
	X(qpdf_cleanup)                                                        \
	X(qpdf_get_buffer)                                                     \
	X(qpdf_get_buffer_length)                                              \
	X(qpdf_get_error)                                                      \
	X(qpdf_get_num_pages)                                                  \
	X(qpdf_get_page_n)                                                     \
	X(qpdf_get_root)                                                       \
	X(qpdf_get_trailer)                                                    \
	X(qpdf_has_error)                                                      \
	X(qpdf_init_write_memory)                                              \
	X(qpdf_init)                                                           \
	X(qpdf_is_encrypted)                                                   \
	X(qpdf_more_warnings)                                                  \
	X(qpdf_oh_begin_dict_key_iter)                                         \
	X(qpdf_oh_dict_more_keys)                                              \
	X(qpdf_oh_dict_next_key)                                               \
	X(qpdf_oh_get_array_item)                                              \
	X(qpdf_oh_get_array_n_items)                                           \
	X(qpdf_oh_get_binary_string_value)                                     \
	X(qpdf_oh_get_bool_value)                                              \
	X(qpdf_oh_get_dict)                                                    \
	X(qpdf_oh_get_generation)                                              \
	X(qpdf_oh_get_int_value)                                               \
	X(qpdf_oh_get_key)                                                     \
	X(qpdf_oh_get_name)                                                    \
	X(qpdf_oh_get_numeric_value)                                           \
	X(qpdf_oh_get_object_id)                                               \
	X(qpdf_oh_get_utf8_value)                                              \
	X(qpdf_oh_get_page_content_data)                                       \
	X(qpdf_oh_get_stream_data)                                             \
	X(qpdf_oh_get_type_code)                                               \
	X(qpdf_oh_has_key)                                                     \
	X(qpdf_oh_is_array)                                                    \
	X(qpdf_oh_is_bool)                                                     \
	X(qpdf_oh_is_dictionary)                                               \
	X(qpdf_oh_is_indirect)                                                 \
	X(qpdf_oh_is_integer)                                                  \
	X(qpdf_oh_is_name)                                                     \
	X(qpdf_oh_is_number)                                                   \
	X(qpdf_oh_is_null)                                                     \
	X(qpdf_oh_is_stream)                                                   \
	X(qpdf_oh_is_string)                                                   \
	X(qpdf_oh_new_null)                                                    \
	X(qpdf_oh_new_stream)                                                  \
	X(qpdf_oh_release)                                                     \
	X(qpdf_oh_remove_key)                                                  \
	X(qpdf_oh_replace_key)                                                 \
	X(qpdf_oh_replace_stream_data)                                         \
	X(qpdf_oh_unparse)                                                     \
	X(qpdf_oh_unparse_resolved)                                            \
	X(qpdf_read)                                                           \
	X(qpdf_set_suppress_warnings)                                          \
	X(qpdf_silence_errors)                                                 \
	X(qpdf_write)
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

static void
obj_free_sample(gpointer a)
{
	g_array_free(a, TRUE);
}

int
pp_check_pdfobj_load(struct pp_error *err)
{
	return PP_DYNLIB_LOAD(&qpdf_lib, QPDF_FUNCS, qp, err);
}

#define OBJ_SAMPLE_GLYPHS 24	 /* glyphs of a nameless program compared */
#define OBJ_MAX_CANDIDATE 200000 /* glyphs of the charter's fonts read */

/* A glyph's outline in font units, as a hash: 0 for an empty glyph. */
static guint
obj_glyph_hash(FT_Face face, FT_UInt gid)
{
	FT_Outline *o;
	guint h = 2166136261u;
	int i;

	if (FT_Load_Glyph(face, gid,
			  FT_LOAD_NO_SCALE | FT_LOAD_NO_HINTING |
			      FT_LOAD_NO_BITMAP) != 0 ||
	    face->glyph->format != FT_GLYPH_FORMAT_OUTLINE)
		return 0;
	o = &face->glyph->outline;
	if (o->n_points < 3)
		return 0;
#define OBJ_MIX(v) (h = (h ^ (guint)(v)) * 16777619u)
	OBJ_MIX(face->units_per_EM);
	OBJ_MIX(o->n_contours);
	OBJ_MIX(o->n_points);
	for (i = 0; i < o->n_contours; i++)
		OBJ_MIX(o->contours[i]);
	for (i = 0; i < o->n_points; i++) {
		OBJ_MIX(o->points[i].x);
		OBJ_MIX(o->points[i].y);
		OBJ_MIX(o->tags[i] & 1);
	}
#undef OBJ_MIX
	return h != 0 ? h : 1;
}

/* The hashes of up to OBJ_SAMPLE_GLYPHS glyphs of face with an outline. */
static GArray *
obj_glyph_sample(FT_Face face)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(guint));
	FT_Long gid;

	for (gid = 1; gid < face->num_glyphs && a->len < OBJ_SAMPLE_GLYPHS;
	     gid++) {
		guint hash = obj_glyph_hash(face, (FT_UInt)gid);

		if (hash != 0)
			g_array_append_val(a, hash);
	}
	if (a->len == 0) {
		g_array_free(a, TRUE);
		return NULL;
	}
	return a;
}

/* The family name of the font program in the stream h, or NULL; the
 * hashes of some of its glyphs in *sample when it names none; "" when it
 * names none and draws nothing (a subset of spaces). */
static char *
obj_font_family(qpdf_data q, qpdf_oh h, FT_Library ft, GArray **sample)
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
		else if ((*sample = obj_glyph_sample(face)) == NULL)
			family = g_strdup(""); /* blank glyphs only */
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
	    g_hash_table_size(o->families) + g_hash_table_size(o->nameless) <
		OBJ_MAX_FONTS) {
		for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
			qpdf_oh file;
			char *family;

			if (!qp.qpdf_oh_has_key(q, desc, files[i]))
				continue;
			GArray *sample = NULL;

			file = qp.qpdf_oh_get_key(q, desc, files[i]);
			family = obj_font_family(q, file, ft, &sample);
			qp.qpdf_oh_release(q, file);
			if (family != NULL) {
				g_hash_table_replace(
				    o->families, pp_check_font_key(name + 1),
				    family);
				break;
			}
			if (sample != NULL) {
				g_hash_table_replace(
				    o->nameless, g_strdup(name + 1), sample);
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

/* One dictionary: its JavaScript and font, its values onto the stack.
 * Each key is looked at before the next call that returns a string
 * (qpdf keeps the last one only). */
static void
obj_dict(qpdf_data q, qpdf_oh d, FT_Library ft, struct pp_check_pdfobj *o,
	 GArray *stack)
{
	qp.qpdf_oh_begin_dict_key_iter(q, d);
	while (qp.qpdf_oh_dict_more_keys(q)) {
		const char *key = qp.qpdf_oh_dict_next_key(q);
		int js = strcmp(key, "/JS") == 0, s = strcmp(key, "/S") == 0;
		int font = strcmp(key, "/FontDescriptor") == 0;
		qpdf_oh v = qp.qpdf_oh_get_key(q, d, key);

		if (js)
			o->javascript = 1;
		else if (s && qp.qpdf_oh_is_name(q, v) &&
			 strcmp(qp.qpdf_oh_get_name(q, v), "/JavaScript") == 0)
			o->javascript = 1;
		else if (font)
			obj_font(q, d, ft, o);
		g_array_append_val(stack, v);
	}
}

/* The families the charter names: its patterns that are plain names
 * ("^Marianne"), polices.sans and .serif, its substitutes. */
static GPtrArray *
obj_charter_families(const struct pp_charte *c)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *lists[2] = {c->sans, c->serif};
	size_t i, k;

	for (i = 0; i < c->rules.nfonts_allowed; i++) {
		const char *p = c->rules.fonts_allowed[i];
		char *name = g_strdup(p[0] == '^' ? p + 1 : p);
		size_t len = strlen(name);

		if (len > 0 && name[len - 1] == '$')
			name[len - 1] = '\0';
		if (strpbrk(name, "\\[](){}|?*+.^$") == NULL && name[0])
			g_ptr_array_add(names, name);
		else
			g_free(name);
	}
	for (k = 0; k < 2; k++) {
		char **split = g_strsplit(lists[k] ? lists[k] : "", ",", -1);

		for (i = 0; split[i] != NULL; i++)
			if (g_strstrip(split[i])[0] != '\0')
				g_ptr_array_add(names, g_strdup(split[i]));
		g_strfreev(split);
	}
	for (i = 0; i < c->rules.nfonts_substitutes; i++)
		g_ptr_array_add(names, g_strdup(c->rules.fonts_substitutes[i]));
	return names;
}

/* Adds the glyph hashes of every face of family (fontconfig) to index
 * (hash -> family), within *budget glyphs.  Returns 1 when a face of it
 * was read. */
static int
obj_index_family(FT_Library ft, const char *family, GHashTable *index,
		 long *budget)
{
	FcPattern *pat = FcPatternBuild(NULL, FC_FAMILY, FcTypeString,
					(const FcChar8 *)family, (char *)NULL);
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, FC_INDEX, (char *)NULL);
	FcFontSet *set = pat && os ? FcFontList(NULL, pat, os) : NULL;
	int i, found = 0;

	for (i = 0; set != NULL && i<set->nfont && * budget> 0; i++) {
		FcChar8 *file = NULL;
		int idx = 0;
		FT_Face face;
		FT_Long gid;

		if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) !=
		    FcResultMatch)
			continue;
		FcPatternGetInteger(set->fonts[i], FC_INDEX, 0, &idx);
		if (FT_New_Face(ft, (const char *)file, idx, &face) != 0)
			continue;
		found = 1;
		for (gid = 1; gid<face->num_glyphs && * budget> 0; gid++) {
			guint hash = obj_glyph_hash(face, (FT_UInt)gid);

			(*budget)--;
			if (hash != 0 && !g_hash_table_contains(
					     index, GUINT_TO_POINTER(hash)))
				g_hash_table_insert(index,
						    GUINT_TO_POINTER(hash),
						    (gpointer)family);
		}
		FT_Done_Face(face);
	}
	if (set != NULL)
		FcFontSetDestroy(set);
	if (os != NULL)
		FcObjectSetDestroy(os);
	if (pat != NULL)
		FcPatternDestroy(pat);
	return found;
}

/* The glyphs of the families the charter names: names (the families),
 * index (glyph hash -> the family in names, by pointer) and installed
 * (the font keys of those found here). */
struct obj_glyphs {
	GPtrArray *names;
	GHashTable *index;
	GHashTable *installed;
};

static void
obj_glyphs_build(FT_Library ft, const struct pp_charte *c, struct obj_glyphs *g)
{
	long budget = OBJ_MAX_CANDIDATE;
	guint i;

	if (c->fonts_dir != NULL)
		FcConfigAppFontAddDir(NULL, (const FcChar8 *)c->fonts_dir);
	g->names = obj_charter_families(c);
	g->index = g_hash_table_new(g_direct_hash, g_direct_equal);
	g->installed =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (i = 0; i < g->names->len; i++)
		if (obj_index_family(ft, g_ptr_array_index(g->names, i),
				     g->index, &budget))
			g_hash_table_add(
			    g->installed,
			    pp_check_font_key(g_ptr_array_index(g->names, i)));
}

static void
obj_glyphs_free(struct obj_glyphs *g)
{
	if (g->installed != NULL)
		g_hash_table_destroy(g->installed);
	if (g->index != NULL)
		g_hash_table_destroy(g->index);
	if (g->names != NULL)
		g_ptr_array_free(g->names, TRUE);
	memset(g, 0, sizeof(*g));
}

/* The glyphs built by pp_check_prepare, for the charter and the font
 * configuration it was built with: a kit worker builds them once, and
 * the child it forks for each PDF finds them made (reading every glyph
 * of the charter's families was most of a PDF's check). */
static struct {
	const struct pp_charte *charte;
	FcConfig *config;
	struct obj_glyphs glyphs;
} obj_prepared;

void
pp_check_prepare(const struct pp_charte *c)
{
	FT_Library ft;

	pp_check_unprepare();
	if (c == NULL || FT_Init_FreeType(&ft) != 0)
		return;
	obj_glyphs_build(ft, c, &obj_prepared.glyphs);
	FT_Done_FreeType(ft);
	obj_prepared.charte = c;
	obj_prepared.config = FcConfigGetCurrent();
}

void
pp_check_unprepare(void)
{
	obj_glyphs_free(&obj_prepared.glyphs);
	obj_prepared.charte = NULL;
	obj_prepared.config = NULL;
}

/* The nameless programs recognised by their glyphs among the families
 * the charter names: the family most of a program's sampled glyphs
 * match, when more than half do; "?" when none does and the font's name
 * claims one of those families that is installed here (a false name).
 * A claim of a family not installed (Marianne, which is not free) cannot
 * be verified: the name stands. */
static void
obj_recognise(FT_Library ft, const struct pp_charte *c,
	      struct pp_check_pdfobj *o)
{
	struct obj_glyphs own = {0}, *g = &own;
	GHashTableIter it;
	gpointer k, v;
	guint i;

	if (g_hash_table_size(o->nameless) == 0)
		return;
	if (obj_prepared.charte == c && obj_prepared.charte != NULL &&
	    obj_prepared.config == FcConfigGetCurrent())
		g = &obj_prepared.glyphs;
	else
		obj_glyphs_build(ft, c, &own);
	g_hash_table_iter_init(&it, o->nameless);
	while (g_hash_table_iter_next(&it, &k, &v)) {
		GArray *sample = v;
		const char *best = NULL;
		guint j, best_n = 0;

		for (i = 0; i < g->names->len; i++) {
			const char *fam = g_ptr_array_index(g->names, i);
			guint n = 0;

			for (j = 0; j < sample->len; j++)
				n += g_hash_table_lookup(
					 g->index,
					 GUINT_TO_POINTER(g_array_index(
					     sample, guint, j))) == fam;
			if (n > best_n) {
				best_n = n;
				best = fam;
			}
		}
		if (best != NULL && best_n * 2 > sample->len) {
			g_hash_table_replace(o->families, pp_check_font_key(k),
					     g_strdup(best));
		} else {
			/* The name claims a family installed here, whose
			 * glyphs these are not: the name is false. */
			char *claim = pp_check_font_family(k);
			char *ckey = pp_check_font_key(claim);

			if (g_hash_table_contains(g->installed, ckey))
				g_hash_table_replace(o->families,
						     pp_check_font_key(k),
						     g_strdup("?"));
			g_free(ckey);
			g_free(claim);
		}
	}
	obj_glyphs_free(&own);
}

/* The largest XMP packet read for its PDF/A identification, and the
 * largest source file whose size is measured by decoding it. */
#define OBJ_MAX_XMP	(4u << 20)
#define OBJ_MAX_SOURCE	(64u << 20)
#define OBJ_FIELD_DEPTH 8

/* The value of key in d, or null when d is not a dictionary: qpdf's
 * C API records an error for a key asked of anything else, and that error
 * would then fail the calls that follow. */
static qpdf_oh
obj_get(qpdf_data q, qpdf_oh d, const char *key)
{
	if (!qp.qpdf_oh_is_dictionary(q, d))
		return qp.qpdf_oh_new_null(q);
	return qp.qpdf_oh_get_key(q, d, key);
}

/* The value of key in dictionary d when it is a name, else NULL. */
static const char *
obj_name(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh v;

	if (!qp.qpdf_oh_is_dictionary(q, d) || !qp.qpdf_oh_has_key(q, d, key))
		return NULL;
	v = obj_get(q, d, key);
	return qp.qpdf_oh_is_name(q, v) ? qp.qpdf_oh_get_name(q, v) : NULL;
}

/* The signature fields under the field f (its kids, depth levels at
 * most), their type inherited (sig: 1 a signature field, 0 another kind,
 * -1 not said yet); named by their full names.  The strings qpdf returns
 * last until its next call that returns one: each is used at once. */
static void
obj_fields(qpdf_data q, qpdf_oh f, const char *parent, int sig, int depth,
	   struct pp_check_info *info)
{
	qpdf_oh kids, t;
	const char *own = obj_name(q, f, "/FT");
	char *name;
	int i, n, field_kids = 0;

	if (!qp.qpdf_oh_is_dictionary(q, f) || depth > OBJ_FIELD_DEPTH ||
	    info->nfields >= PP_CHECK_MAX_FIELDS)
		return;
	if (own != NULL)
		sig = strcmp(own, "/Sig") == 0;
	t = obj_get(q, f, "/T");
	name = qp.qpdf_oh_is_string(q, t)
		   ? (parent != NULL
			  ? g_strdup_printf("%s.%s", parent,
					    qp.qpdf_oh_get_utf8_value(q, t))
			  : g_strdup(qp.qpdf_oh_get_utf8_value(q, t)))
		   : g_strdup(parent != NULL ? parent : "?");
	kids = obj_get(q, f, "/Kids");
	n = qp.qpdf_oh_is_array(q, kids) ? qp.qpdf_oh_get_array_n_items(q, kids)
					 : 0;
	/* A field whose kids are only widgets is one field. */
	for (i = 0; i < n && depth < OBJ_FIELD_DEPTH; i++) {
		qpdf_oh k = qp.qpdf_oh_get_array_item(q, kids, i);

		if (qp.qpdf_oh_is_dictionary(q, k) &&
		    qp.qpdf_oh_has_key(q, k, "/T")) {
			field_kids++;
			obj_fields(q, k, name, sig, depth + 1, info);
		}
	}
	if (sig == 1 && field_kids == 0 &&
	    info->nfields < PP_CHECK_MAX_FIELDS) {
		qpdf_oh v = obj_get(q, f, "/V");
		struct pp_check_field *cf;

		info->fields = pp_xrealloc(
		    info->fields, (info->nfields + 1) * sizeof(*info->fields));
		cf = &info->fields[info->nfields++];
		cf->name = pp_xstrdup(name);
		cf->signed_ = qp.qpdf_oh_is_dictionary(q, v);
	}
	g_free(name);
}

/* pdfaid:part and pdfaid:conformance in the XMP, as an element or an
 * attribute. */
static void
obj_pdfa(qpdf_data q, qpdf_oh root, struct pp_check_info *info)
{
	qpdf_oh meta = obj_get(q, root, "/Metadata");
	unsigned char *data = NULL;
	size_t len = 0;
	char *xmp, *p;
	QPDF_BOOL filtered = 0;

	if (!qp.qpdf_oh_is_stream(q, meta))
		return;
	if (qp.qpdf_oh_get_stream_data(q, meta, qpdf_dl_generalized, &filtered,
				       &data, &len) &
		QPDF_ERRORS ||
	    !filtered || len > OBJ_MAX_XMP) {
		free(data);
		return;
	}
	xmp = g_strndup((const char *)data, len);
	free(data);
	if ((p = strstr(xmp, "pdfaid:part")) != NULL) {
		p += strlen("pdfaid:part");
		p += strspn(p, "=\"'> \t");
		if (*p >= '1' && *p <= '9')
			info->pdfa_part = *p - '0';
	}
	if (info->pdfa_part > 0 &&
	    (p = strstr(xmp, "pdfaid:conformance")) != NULL) {
		p += strlen("pdfaid:conformance");
		p += strspn(p, "=\"'> \t");
		if (*p == 'A' || *p == 'B' || *p == 'U' || *p == 'a' ||
		    *p == 'b' || *p == 'u')
			info->pdfa_conformance[0] = g_ascii_toupper(*p);
	}
	g_free(xmp);
}

/* The associated files of the catalog (/AF) that are sources. */
static void
obj_sources(qpdf_data q, qpdf_oh root, struct pp_check_info *info)
{
	qpdf_oh af = obj_get(q, root, "/AF");
	int i, n = qp.qpdf_oh_is_array(q, af)
		       ? qp.qpdf_oh_get_array_n_items(q, af)
		       : 0;

	for (i = 0; i < n && info->nsources < PP_CHECK_MAX_SOURCES; i++) {
		qpdf_oh spec = qp.qpdf_oh_get_array_item(q, af, i);
		const char *rel = obj_name(q, spec, "/AFRelationship");
		qpdf_oh uf, ef, s;
		struct pp_check_source *src;
		unsigned char *data = NULL;
		size_t len = 0;
		QPDF_BOOL filtered = 0;

		if (rel == NULL || strcmp(rel, "/Source") != 0)
			continue;
		uf = obj_get(q, spec, "/UF");
		if (!qp.qpdf_oh_is_string(q, uf))
			uf = obj_get(q, spec, "/F");
		ef = obj_get(q, spec, "/EF");
		s = obj_get(q, ef, "/F");
		info->sources =
		    pp_xrealloc(info->sources,
				(info->nsources + 1) * sizeof(*info->sources));
		src = &info->sources[info->nsources++];
		src->name = pp_xstrdup(qp.qpdf_oh_is_string(q, uf)
					   ? qp.qpdf_oh_get_utf8_value(q, uf)
					   : "?");
		src->size = -1;
		if (qp.qpdf_oh_is_stream(q, s) &&
		    !(qp.qpdf_oh_get_stream_data(q, s, qpdf_dl_generalized,
						 &filtered, &data, &len) &
		      QPDF_ERRORS) &&
		    filtered && len <= OBJ_MAX_SOURCE)
			src->size = (long long)len;
		free(data);
	}
}

/* What the PDF says of itself: signature fields, PDF/A identification,
 * embedded sources. */
static void
obj_info(qpdf_data q, struct pp_check_info *info)
{
	qpdf_oh root = qp.qpdf_get_root(q);
	qpdf_oh form = obj_get(q, root, "/AcroForm");
	qpdf_oh fields = obj_get(q, form, "/Fields");
	int i, n = qp.qpdf_oh_is_array(q, fields)
		       ? qp.qpdf_oh_get_array_n_items(q, fields)
		       : 0;

	info->pdf = 1;
	for (i = 0; i < n; i++)
		obj_fields(q, qp.qpdf_oh_get_array_item(q, fields, i), NULL, -1,
			   0, info);
	obj_pdfa(q, root, info);
	obj_sources(q, root, info);
	/* Nothing left pending for the walk that follows. */
	while (qp.qpdf_has_error(q))
		qp.qpdf_get_error(q);
}

/* --- Invisible text ------------------------------------------------------ */

#define OBJ_MAX_CONTENT (64u << 20) /* bytes of one page's content */
#define OBJ_Q_DEPTH	64

static int
obj_white(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\0';
}

static int
obj_delim(char c)
{
	return strchr("()<>[]{}/%", c) != NULL;
}

/* The end of the token at p (before end): a string, a hex string, a
 * name, a number, an operator or a delimiter. */
static const char *
obj_token_end(const char *p, const char *end)
{
	if (*p == '(') {
		int depth = 0;

		for (; p < end; p++) {
			if (*p == '\\') {
				p++;
				continue;
			}
			if (*p == '(')
				depth++;
			else if (*p == ')' && --depth == 0)
				return p + 1;
		}
		return end;
	}
	if (*p == '<' && p + 1 < end && p[1] != '<') {
		const char *gt = memchr(p, '>', (size_t)(end - p));

		return gt != NULL ? gt + 1 : end;
	}
	if ((*p == '<' || *p == '>') && p + 1 < end && p[1] == *p)
		return p + 2;
	if (obj_delim(*p) && *p != '/')
		return p + 1;
	for (p++; p < end && !obj_white(*p) && !obj_delim(*p); p++)
		;
	return p;
}

/* p past white space and comments (end at most). */
static const char *
obj_skip_blank(const char *p, const char *end)
{
	while (p < end && (obj_white(*p) || *p == '%')) {
		if (*p == '%')
			while (p < end && *p != '\n' && *p != '\r')
				p++;
		else
			p++;
	}
	return p;
}

/* Whether a token that starts with c is an operand: not an operator, nor
 * true, false or null. */
static int
obj_operand(char c)
{
	return c == '/' || c == '(' || c == '<' || c == '[' || c == ']' ||
	       c == '>' || c == '{' || c == '}' || g_ascii_isdigit(c) ||
	       c == '-' || c == '+' || c == '.';
}

/* The end of an inline image's data that starts at p: after "EI". */
static const char *
obj_inline_end(const char *p, const char *end)
{
	for (; p + 2 <= end; p++)
		if (p[0] == 'E' && p[1] == 'I' && obj_white(p[-1]) &&
		    (p + 2 == end || obj_white(p[2])))
			return p + 2;
	return end;
}

/* One pass over a content stream (obj_content_read) serves up to three
 * readings of it: the invisible text revealed (obj_reveal_token), whether
 * a render collects its text as the text pass would
 * (obj_textsafe_token), whether it paints only the palette's colours
 * (obj_paint_token).  The tokeniser above is theirs; each reading
 * classifies the tokens itself, and stops when it has its answer. */
struct obj_reveal;
struct obj_textsafe;
struct obj_paint_run;
static void obj_content_read(const char *in, size_t len, struct obj_reveal *rv,
			     struct obj_textsafe *ts, struct obj_paint_run *pr);

/* The content, its text shown in render mode 3 or 7 (invisible) set
 * apart: drawn in mode 0 in PP_CHECK_INVISIBLE_RGB, within q ... Q so
 * that nothing else changes.  out stays NULL when no text is
 * invisible. */
struct obj_reveal {
	const char *copied;	   /* the content up to here is in out */
	const char *operands;	   /* the current operator's first operand */
	const char *num, *num_end; /* the last number read (for Tr) */
	int tr, stack[OBJ_Q_DEPTH], depth;
	size_t len; /* the content's */
	GString *out;
};

/* The token p .. t of the content that ends at end, for rv: where the
 * next token may start (after an inline image's data). */
static int obj_paint_integer(const char *s, const char *end);

static const char *
obj_reveal_token(struct obj_reveal *rv, const char *p, const char *t,
		 const char *end)
{
	size_t n = (size_t)(t - p);
	const char *num;

	if (rv->operands == NULL)
		rv->operands = p;
	if (obj_operand(*p)) {
		if (g_ascii_isdigit(*p) || *p == '-' || *p == '+' ||
		    *p == '.') {
			rv->num = p; /* read at Tr only */
			rv->num_end = t;
		}
		return t;
	}
	/* An operator, or true, false, null. */
#define OP(s) (n == strlen(s) && memcmp(p, s, n) == 0)
	if (OP("true") || OP("false") || OP("null"))
		return t;
	num = rv->num; /* an operator's own operand only */
	rv->num = NULL;
	if (OP("Tr")) {
		/* poppler takes an integer only: 3.0 Tr leaves the mode */
		if (num != NULL && obj_paint_integer(num, rv->num_end))
			rv->tr = (int)g_ascii_strtod(num, NULL);
	} else if (OP("q")) {
		if (rv->depth < OBJ_Q_DEPTH)
			rv->stack[rv->depth] = rv->tr;
		rv->depth++;
	} else if (OP("Q")) {
		if (rv->depth > 0 && --rv->depth < OBJ_Q_DEPTH)
			rv->tr = rv->stack[rv->depth];
	} else if (OP("ID")) {
		t = obj_inline_end(t, end);
	} else if ((OP("Tj") || OP("TJ") || OP("'") || OP("\"")) &&
		   (rv->tr == 3 || rv->tr == 7)) {
		if (rv->out == NULL)
			rv->out = g_string_sized_new(rv->len + 256);
		g_string_append_len(rv->out, rv->copied,
				    rv->operands - rv->copied);
		g_string_append(rv->out,
				"q " PP_CHECK_INVISIBLE_RG " rg 0 Tr ");
		g_string_append_len(rv->out, rv->operands, t - rv->operands);
		g_string_append(rv->out, " Q");
		rv->copied = t;
	}
#undef OP
	rv->operands = NULL;
	return t;
}

/* --- Pages without images ---------------------------------------------
 *
 * poppler's image mapping (poppler_page_get_image_mapping) is one more
 * pass over a page's content (Page::display: the content only, not the
 * annotations; Type 3 glyphs not interpreted).  It finds images drawn by
 * name from the resources (image XObjects, or inside form XObjects,
 * patterns and soft masks) or inline (BI ... ID ... EI).  A page whose
 * resources, and its ancestors', hold none of those, and whose content
 * has no "BI" anywhere, has no image to find. */

#define OBJ_MAX_PARENTS 64 /* the page tree's depth looked at */

/* Whether key in the resources res names anything: present and not an
 * empty dictionary. */
static int
obj_res_any(qpdf_data q, qpdf_oh res, const char *key)
{
	qpdf_oh v;
	int any;

	if (!qp.qpdf_oh_has_key(q, res, key))
		return 0;
	v = qp.qpdf_oh_get_key(q, res, key);
	if (!qp.qpdf_oh_is_dictionary(q, v))
		return 1;
	qp.qpdf_oh_begin_dict_key_iter(q, v);
	any = qp.qpdf_oh_dict_more_keys(q);
	return any;
}

/* Whether every entry of the dictionary kind of the resources res passes
 * check (given data, the entry's key and value): an absent entry
 * passes; anything but a dictionary, or one of more than max entries (0:
 * any number), does not. */
static int
obj_res_entries(qpdf_data q, qpdf_oh res, const char *kind, guint max,
		int (*check)(void *, const char *, qpdf_oh), void *data)
{
	qpdf_oh d;
	GPtrArray *keys;
	guint i;
	int ok = 1;

	if (!qp.qpdf_oh_has_key(q, res, kind))
		return 1;
	d = qp.qpdf_oh_get_key(q, res, kind);
	if (!qp.qpdf_oh_is_dictionary(q, d))
		return 0;
	keys = obj_keys(q, d);
	if (max > 0 && keys->len > max)
		ok = 0;
	for (i = 0; i < keys->len && ok; i++) {
		const char *k = g_ptr_array_index(keys, i);

		ok = check(data, k, qp.qpdf_oh_get_key(q, d, k));
	}
	g_ptr_array_free(keys, TRUE);
	return ok;
}

/* Whether the graphics states of the resources res (a dictionary) may
 * hold a soft mask, which draws its group. */
static int
obj_res_masks(qpdf_data q, qpdf_oh res)
{
	GPtrArray *keys;
	qpdf_oh gs;
	guint i;
	int found = 0;

	if (!qp.qpdf_oh_has_key(q, res, "/ExtGState"))
		return 0;
	gs = qp.qpdf_oh_get_key(q, res, "/ExtGState");
	if (!qp.qpdf_oh_is_dictionary(q, gs))
		return 1;
	keys = obj_keys(q, gs);
	for (i = 0; i < keys->len && !found; i++) {
		qpdf_oh g =
		    qp.qpdf_oh_get_key(q, gs, g_ptr_array_index(keys, i));
		const char *mask = obj_name(q, g, "/SMask");

		found = !qp.qpdf_oh_is_dictionary(q, g) ||
			(qp.qpdf_oh_has_key(q, g, "/SMask") &&
			 (mask == NULL || strcmp(mask, "/None") != 0));
	}
	g_ptr_array_free(keys, TRUE);
	return found;
}

/* Whether the resources res may lead poppler to an image. */
static int
obj_res_images(qpdf_data q, qpdf_oh res)
{
	if (!qp.qpdf_oh_is_dictionary(q, res))
		return 0; /* nothing to draw by name */
	if (obj_res_any(q, res, "/XObject") || obj_res_any(q, res, "/Pattern"))
		return 1;
	/* a soft mask draws its group, which may hold images */
	return obj_res_masks(q, res);
}

/* The page tree as poppler goes down it from the catalog's Pages: each
 * node's object number and generation (id << 16 ^ gen, + 1) -> its
 * parent's, the root's parent 0; NULL when the tree is not read (more
 * than OBJ_MAX_TREE nodes, a node met twice, deeper than
 * OBJ_MAX_PARENTS).  Built once a document by obj_tree_read, for obj_up. */
#define OBJ_MAX_TREE 65536
static GHashTable *obj_tree;

static guint64
obj_tree_key(qpdf_data q, qpdf_oh h)
{
	guint64 id = (guint64)(unsigned)qp.qpdf_oh_get_object_id(q, h);

	if (id == 0)
		return 0;
	return ((id << 16) ^
		(guint64)(unsigned)qp.qpdf_oh_get_generation(q, h)) +
	       1;
}

static void
obj_tree_free(void)
{
	if (obj_tree != NULL)
		g_hash_table_destroy(obj_tree);
	obj_tree = NULL;
}

static void
obj_tree_read(qpdf_data q)
{
	qpdf_oh stack[OBJ_MAX_PARENTS];
	int depth[OBJ_MAX_PARENTS], top = 0, ok = 1;
	qpdf_oh root = obj_get(q, qp.qpdf_get_root(q), "/Pages");
	guint64 rk = obj_tree_key(q, root);

	obj_tree_free();
	if (rk == 0 || !qp.qpdf_oh_is_dictionary(q, root))
		return;
	obj_tree =
	    g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
	g_hash_table_insert(obj_tree, g_memdup2(&rk, sizeof(rk)),
			    g_malloc0(sizeof(guint64)));
	stack[top] = root;
	depth[top++] = 0;
	while (top > 0 && ok) {
		qpdf_oh node = stack[--top];
		int d = depth[top], i, n;
		qpdf_oh kids = obj_get(q, node, "/Kids");
		guint64 nk = obj_tree_key(q, node);

		n = qp.qpdf_oh_is_array(q, kids)
			? qp.qpdf_oh_get_array_n_items(q, kids)
			: 0;
		for (i = 0; i < n && ok; i++) {
			qpdf_oh k = qp.qpdf_oh_get_array_item(q, kids, i);
			guint64 kk = obj_tree_key(q, k);

			if (kk == 0 ||
			    g_hash_table_size(obj_tree) >= OBJ_MAX_TREE ||
			    g_hash_table_contains(obj_tree, &kk)) {
				ok = 0;
				break;
			}
			g_hash_table_insert(obj_tree,
					    g_memdup2(&kk, sizeof(kk)),
					    g_memdup2(&nk, sizeof(nk)));
			if (qp.qpdf_oh_is_dictionary(q, k) &&
			    qp.qpdf_oh_has_key(q, k, "/Kids")) {
				if (d + 1 >= OBJ_MAX_PARENTS ||
				    top >= OBJ_MAX_PARENTS) {
					ok = 0;
					break;
				}
				stack[top] = k;
				depth[top++] = d + 1;
			} else {
				qp.qpdf_oh_release(q, k);
			}
		}
	}
	if (!ok)
		obj_tree_free();
}

/* The parent of node in the page tree, for what a page inherits: poppler
 * finds a page by going down the Kids from the catalog's Pages, so node's
 * Parent must be the node it came through (obj_tree), and the top of the
 * chain the catalog's Pages.  Sets *ok to 0 when not; null at the top. */
static qpdf_oh
obj_up(qpdf_data q, qpdf_oh node, int *ok)
{
	qpdf_oh parent = obj_get(q, node, "/Parent");
	guint64 key = obj_tree_key(q, node);
	const guint64 *want =
	    obj_tree != NULL ? g_hash_table_lookup(obj_tree, &key) : NULL;

	if (want == NULL) {
		*ok = 0;
		return qp.qpdf_oh_new_null(q);
	}
	if (*want == 0) { /* the catalog's Pages */
		if (qp.qpdf_oh_is_dictionary(q, parent))
			*ok = 0;
		return qp.qpdf_oh_new_null(q);
	}
	if (!qp.qpdf_oh_is_dictionary(q, parent) ||
	    obj_tree_key(q, parent) != *want) {
		*ok = 0;
		return qp.qpdf_oh_new_null(q);
	}
	return parent;
}

/* Whether poppler's image mapping may find an image on page, whose
 * content is data (NULL when qpdf could not give it). */
static int
obj_page_images(qpdf_data q, qpdf_oh page, const unsigned char *data,
		size_t len)
{
	qpdf_oh node = page;
	int depth, ok = 1;
	size_t k;

	if (data == NULL)
		return 1;
	for (k = 0; k + 1 < len; k++)
		if (data[k] == 'B' && data[k + 1] == 'I')
			return 1;
	for (depth = 0; qp.qpdf_oh_is_dictionary(q, node); depth++) {
		if (depth >= OBJ_MAX_PARENTS ||
		    obj_res_images(q, obj_get(q, node, "/Resources")))
			return 1;
		node = obj_up(q, node, &ok);
	}
	return !ok;
}

/* --- Pages whose colours are the palette's ------------------------------
 *
 * The rule couleur-hors-palette samples a page's vector colours from a
 * raster (check_pdf.c, check_pdf_colours): poppler_page_render draws the
 * page at 36 dpi, its content and then its annotations' appearances, and
 * a pixel whose four neighbours share its colour counts towards an area
 * of that colour.  Such a pixel is the colour of what was painted there
 * opaquely: a fill, a stroke, a glyph, an image or a shading; or a blend
 * of antialiased edges when edges run side by side less than a pixel
 * apart (obj_paint_geometry).  A page that paints only in device grey and
 * RGB colours, each of which passes the rule as the raster would hold it,
 * with no image, shading, Type 3 glyph, transparency nor blend mode, and
 * in a geometry that makes no such blend, cannot give that rule a
 * finding: its raster is not drawn (doc/verification.md).  Anything this
 * reading does not model, or beyond its bounds, leaves the page to the
 * raster.
 *
 * The boxes the rule leaves out (check_pdf.c, check_in_box: paraphe's
 * bloc-marque and partner logos, marked by named destinations) may hold
 * anything: a partner's logo in its own colours, curves, images.  A paint
 * is left out too when all it can cover lies far enough inside such a box
 * (obj_zone_holds) that no pixel the rule counts, nor any of its four
 * neighbours, can take any of it.  So on a page with such boxes, a colour
 * outside the palette, a transparency or a clip is only noted when set,
 * and judged when something is painted with it. */

#define OBJ_PAINT_MAX_TOKENS  500000 /* tokens read for one page */
#define OBJ_PAINT_MAX_FORMS   256    /* forms drawn for one page */
#define OBJ_PAINT_FORM_DEPTH  8	     /* forms within forms */
#define OBJ_PAINT_MAX_ENTRIES 1024   /* entries of a resource dictionary */
#define OBJ_PAINT_MAX_ANNOTS  1024   /* annotations of one page */

/* The geometry under which no antialiased edge makes a flat area (see
 * obj_paint_geometry), in pixels of the 36 dpi raster. */
#define OBJ_PAINT_MIN_SIDE 2.0 /* the sides of a filled rectangle */
#define OBJ_PAINT_MIN_EM   3.0 /* the em of a text's font (6 pt) */

/* A box of a page where paints are left out (obj_zone_holds), in points
 * from the top left of the page as the raster draws it: x0 <= x <= x1,
 * y0 <= y <= y1. */
struct obj_zone {
	int page; /* 0-based */
	double x0, y0, x1, y1;
};

/* Named destinations read for their boxes, at most; a document with
 * more gets none. */
#define OBJ_ZONE_MAX_NAMES 256

/* What one page's reading needs. */
struct obj_paint {
	qpdf_data q;
	GArray *zones;	  /* struct obj_zone, every page's (or NULL) */
	GArray *page_buf; /* the page's */
	const struct obj_zone *page_zones; /* the page's, in zones */
	int npage_zones;
	const struct pp_charte *c;
	GHashTable *judged; /* 0xRRGGBB + 1 -> 1 passes, 2 not: as many as
			       8-bit colours pass the rule, and one that
			       does not a page */
	long tokens;
	int forms;
	int need_appearances;		 /* the AcroForm's NeedAppearances */
	const struct pp_check_pdfobj *o; /* the fonts' families */
	GHashTable *fonts; /* the page's font names -> 1 taken, 2 not */
};

/* The graphics state as far as obj_paint follows it: the colour space
 * of the fill and of the stroke (1 DeviceGray, 3 DeviceRGB, 0 not known:
 * sc and scn then give up); the linear part of the CTM to the raster's
 * pixels; the line width; the font (1 when obj_paint_font takes it), its
 * size, the horizontal scaling and the text rendering mode. */
struct obj_paint_state {
	int fill, stroke;
	double ctm[4];
	/* On a page with boxes left out: the whole CTM to the page's points
	 * from the top left (when m_ok), and what must be painted inside a
	 * box: with the fill colour, the stroke colour, with anything
	 * (transparency, a blend mode, a soft mask); clip_inside: a clip
	 * inside a box holds whatever is painted. */
	double m[6];
	int m_ok;
	int fill_out, stroke_out, all_out, clip_inside;
	double miter;
	int join;
	double line_width;
	int font_ok;
	double font_size, hscale;
	int render;
};

/* The path being built, and the text matrix's linear part. */
struct obj_paint_path {
	int fill_ok;   /* every subpath a rectangle of OBJ_PAINT_MIN_SIDE */
	int stroke_ok; /* every segment horizontal or vertical */
	double x, y;   /* the current point (user space) */
	double x0, y0; /* the subpath's start */
	double tm[4];
	/* the points of the path (control points too), in the page's
	 * points through the whole CTM (bset 2: not known); clip: W or W*
	 * before the paint */
	double bx0, by0, bx1, by1;
	int bset, clip;
};

/* The resources a content stream looks names up in: its own first, then
 * its caller's (poppler's GfxResources). */
#define OBJ_PAINT_CHAIN (OBJ_PAINT_FORM_DEPTH + 2)
struct obj_paint_chain {
	qpdf_oh res[OBJ_PAINT_CHAIN];
	int n;
};

/* Where a paint must lie in a box left out (obj_zone_holds).  The rule
 * draws the page 2 pt a pixel (36 dpi, pixel k covering 2k to 2k + 2 pt
 * from the top left) and skips a pixel whose top left corner lies in the
 * box (check_pdf_colours: x / scale; check_in_box).  A paint is left out
 * when every pixel that takes any of it is skipped, and so is each of the
 * four neighbours of every pixel that is not: then no pixel the rule
 * counts holds any of it, nor can any count because of it.  Along x, with
 * the box from X0 to X1, the last pixel left of it starts below X0 and its
 * right neighbour ends at 2 ceil(X0 / 2) + 2: the paint starts there or
 * after; the first pixel right of it starts above X1 and its left
 * neighbour starts at 2 floor(X1 / 2): the paint ends there or before.
 * The same along y. */
/* The margin check_in_box gives the colour rule's boxes, in points. */
#define OBJ_ZONE_MARGIN 4.0
/* Added to every paint's box: rounding. */
#define OBJ_ZONE_PAD 0.1

/* Whether the box x0..x1 x y0..y1 (the page's points from the top left)
 * lies where one of the page's boxes left out leaves it out. */
static int
obj_zone_holds(const struct obj_paint *p, double x0, double y0, double x1,
	       double y1)
{
	int i;

	if (!isfinite(x0) || !isfinite(y0) || !isfinite(x1) || !isfinite(y1))
		return 0;
	for (i = 0; i < p->npage_zones; i++) {
		const struct obj_zone *z = &p->page_zones[i];

		if (x0 - OBJ_ZONE_PAD >= 2 * ceil(z->x0 / 2) + 2 &&
		    y0 - OBJ_ZONE_PAD >= 2 * ceil(z->y0 / 2) + 2 &&
		    x1 + OBJ_ZONE_PAD <= 2 * floor(z->x1 / 2) &&
		    y1 + OBJ_ZONE_PAD <= 2 * floor(z->y1 / 2))
			return 1;
	}
	return 0;
}

/* The point (x, y) of user space in the page's points, through st's
 * whole CTM. */
static void
obj_zone_point(const struct obj_paint_state *st, double x, double y, double *px,
	       double *py)
{
	*px = st->m[0] * x + st->m[2] * y + st->m[4];
	*py = st->m[1] * x + st->m[3] * y + st->m[5];
}

/* Whether the parallelogram that the box x0..x1 x y0..y1 of user space
 * becomes under st's whole CTM (an image's unit square, a form's BBox)
 * lies inside a box left out. */
static int
obj_zone_holds_box(const struct obj_paint *p, const struct obj_paint_state *st,
		   double x0, double y0, double x1, double y1)
{
	double bx0 = INFINITY, by0 = INFINITY, bx1 = -INFINITY, by1 = -INFINITY,
	       px, py;
	int k;

	if (!st->m_ok || p->npage_zones == 0)
		return 0;
	for (k = 0; k < 4; k++) {
		obj_zone_point(st, k & 1 ? x1 : x0, k & 2 ? y1 : y0, &px, &py);
		bx0 = fmin(bx0, px);
		by0 = fmin(by0, py);
		bx1 = fmax(bx1, px);
		by1 = fmax(by1, py);
	}
	return obj_zone_holds(p, bx0, by0, bx1, by1);
}

/* Adds the point (x, y), user space, to the path's box. */
static void
obj_zone_add(struct obj_paint_path *path, const struct obj_paint_state *st,
	     double x, double y)
{
	double px, py;

	obj_zone_point(st, x, y, &px, &py);
	if (!path->bset) {
		path->bx0 = path->bx1 = px;
		path->by0 = path->by1 = py;
		path->bset = 1;
		return;
	}
	path->bx0 = fmin(path->bx0, px);
	path->by0 = fmin(path->by0, py);
	path->bx1 = fmax(path->bx1, px);
	path->by1 = fmax(path->by1, py);
}

static double obj_paint_max_scale(const double m[4]);
static double obj_paint_min_scale(const double m[4]);

/* Whether the path, filled (stroke 0) or stroked, lies inside a box left
 * out.  A stroke is judged only under a CTM that scales alike in every
 * direction (poppler widens a line thinner than a pixel by the inverse
 * CTM, and cairo mitres in user space): its width on the page, at least
 * a pixel's diagonal (2.83 pt, the widest such a line is drawn), reaches
 * beyond its points by 0.71 of itself (a square cap's corner), half
 * itself times the mitre limit at a mitred join, and poppler may move a
 * thin line by half a pixel (1 pt). */
static int
obj_zone_holds_path(const struct obj_paint *p, const struct obj_paint_state *st,
		    const struct obj_paint_path *path, int stroke)
{
	double e = 0;

	if (!st->m_ok || p->npage_zones == 0 || path->bset != 1)
		return 0;
	if (stroke) {
		double k = st->join == 0 ? fmax(st->miter / 2, 0.7072) : 0.7072;
		double smax = obj_paint_max_scale(st->m);
		double smin = obj_paint_min_scale(st->m);

		if (!(smin > 0) || smax > smin * 1.001 ||
		    !isfinite(st->line_width))
			return 0;
		e = fmax(fabs(st->line_width) * smax, 2.83) * k + 1;
	}
	return obj_zone_holds(p, path->bx0 - e, path->by0 - e, path->bx1 + e,
			      path->by1 + e);
}

/* Whether the 8-bit colour px (0xRRGGBB) passes the rule (white, which
 * the raster does not count, passes). */
static int
obj_paint_px_ok(struct obj_paint *p, guint32 px)
{
	gpointer v;
	struct pp_color col;
	int ok;

	if (px == 0xffffff)
		return 1;
	v = g_hash_table_lookup(p->judged, GUINT_TO_POINTER(px + 1));
	if (v != NULL)
		return GPOINTER_TO_INT(v) == 1;
	col.r = ((px >> 16) & 0xff) / 255.0;
	col.g = ((px >> 8) & 0xff) / 255.0;
	col.b = (px & 0xff) / 255.0;
	ok = pp_check_colour_ok(p->c, &col);
	g_hash_table_insert(p->judged, GUINT_TO_POINTER(px + 1),
			    GINT_TO_POINTER(ok ? 1 : 2));
	return ok;
}

/* The 8-bit value the raster holds for a colour component x (0..1):
 * poppler truncates it to 16.16 fixed point (dblToCol), cairo rounds
 * that to 16 bits (_cairo_color_double_to_short) and pixman keeps the
 * high byte (tests/unit/test-check.c, test_cairo_rounding, compares this
 * with cairo's own pixels). */
static int
obj_paint_channel(double x)
{
	double d = (int)(x * 65536) / 65536.0;

	return (int)(d * 65535.0 + 0.5) >> 8;
}

/* Whether the RGB colour v[0..2] (each clipped to 0..1, as poppler does)
 * passes the rule as the raster holds it, a number read a hair
 * differently by poppler included. */
static int
obj_paint_rgb_ok(struct obj_paint *p, const double v[3])
{
	int lo[3], hi[3], r, g, b, i;

	for (i = 0; i < 3; i++) {
		double x = v[i] < 0 ? 0 : v[i] > 1 ? 1 : v[i];

		lo[i] = obj_paint_channel(fmax(0, x - 1e-9));
		hi[i] = obj_paint_channel(fmin(1, x + 1e-9));
	}
	for (r = lo[0]; r <= hi[0]; r++)
		for (g = lo[1]; g <= hi[1]; g++)
			for (b = lo[2]; b <= hi[2]; b++)
				if (!obj_paint_px_ok(p, ((guint32)r << 16) |
							    ((guint32)g << 8) |
							    (guint32)b))
					return 0;
	return 1;
}

/* A number as PDF writes it ([+-] digits [. digits]), into *v: 0 when
 * the token is anything else. */
static int
obj_paint_number(const char *s, const char *end, double *v)
{
	char buf[40];
	size_t n = (size_t)(end - s), i = 0;
	int digits = 0, dot = 0;

	if (n == 0 || n >= sizeof(buf))
		return 0;
	if (s[0] == '+' || s[0] == '-')
		i++;
	for (; i < n; i++) {
		if (s[i] == '.' && !dot)
			dot = 1;
		else if (s[i] >= '0' && s[i] <= '9')
			digits++;
		else
			return 0;
	}
	if (digits == 0)
		return 0;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*v = g_ascii_strtod(buf, NULL);
	return 1;
}

/* The value of the name key (with its '/', NUL-terminated) in the first
 * dictionary of the chain whose kind entry holds it, or null. */
static qpdf_oh
obj_paint_lookup(struct obj_paint *p, const struct obj_paint_chain *ch,
		 const char *kind, const char *key)
{
	int i;

	for (i = 0; i < ch->n; i++) {
		qpdf_oh d = obj_get(p->q, ch->res[i], kind);

		if (qp.qpdf_oh_is_dictionary(p->q, d) &&
		    qp.qpdf_oh_has_key(p->q, d, key))
			return qp.qpdf_oh_get_key(p->q, d, key);
	}
	return qp.qpdf_oh_new_null(p->q);
}

/* Whether n is a name among names (NULL-terminated). */
static int
obj_paint_name_in(const char *n, const char *const *names)
{
	for (; n != NULL && *names != NULL; names++)
		if (strcmp(n, *names) == 0)
			return 1;
	return 0;
}

/* Whether the number h is 1 (an opaque alpha). */
static int
obj_paint_one(struct obj_paint *p, qpdf_oh h)
{
	return qp.qpdf_oh_is_number(p->q, h) &&
	       qp.qpdf_oh_get_numeric_value(p->q, h) == 1.0;
}

/* Whether a graphics state parameter dictionary paints opaquely and
 * normally, without a font of its own (which could be Type 3) nor a
 * transfer function. */
static int
obj_paint_extgstate(struct obj_paint *p, qpdf_oh gs)
{
	static const char *const inert[] = {
	    "/Type", "/LC",  "/LJ", "/ML", "/D",  "/RI",  "/FL", "/SM",
	    "/SA",   "/AIS", "/TK", "/OP", "/op", "/OPM", NULL};
	static const char *const normal[] = {"/Normal", "/Compatible", NULL};
	GPtrArray *keys;
	guint i;
	int ok = 1;

	if (!qp.qpdf_oh_is_dictionary(p->q, gs))
		return 0;
	keys = obj_keys(p->q, gs);
	for (i = 0; i < keys->len && ok; i++) {
		const char *k = g_ptr_array_index(keys, i);

		if (obj_paint_name_in(k, inert))
			continue;
		if (strcmp(k, "/CA") == 0 || strcmp(k, "/ca") == 0)
			ok = obj_paint_one(p, qp.qpdf_oh_get_key(p->q, gs, k));
		else if (strcmp(k, "/SMask") == 0) {
			const char *m = obj_name(p->q, gs, k);

			ok = m != NULL && strcmp(m, "/None") == 0;
		} else if (strcmp(k, "/BM") == 0)
			ok = obj_paint_name_in(obj_name(p->q, gs, k), normal);
		else
			ok = 0;
	}
	g_ptr_array_free(keys, TRUE);
	return ok;
}

/* A colour space resource: a device grey or RGB name, under a key that
 * does not replace a device space (DefaultGray, DefaultRGB, DefaultCMYK,
 * or a device space's own name). */
static int
obj_paint_cs_entry(void *data, const char *key, qpdf_oh v)
{
	struct obj_paint *p = data;
	static const char *const device[] = {"/DeviceGray", "/DeviceRGB", "/G",
					     "/RGB", NULL};

	if (strncmp(key, "/Default", 8) == 0 || strncmp(key, "/Device", 7) == 0)
		return 0;
	/* with boxes left out, another space only makes its colours
	 * unknown (obj_paint_space) */
	return p->npage_zones > 0 ||
	       (qp.qpdf_oh_is_name(p->q, v) &&
		obj_paint_name_in(qp.qpdf_oh_get_name(p->q, v), device));
}

/* A graphics state; with boxes left out, any (judged by gs, which then
 * asks that what follows be painted inside one). */
static int
obj_paint_gs_entry(void *data, const char *key, qpdf_oh v)
{
	struct obj_paint *p = data;

	(void)key;
	return p->npage_zones > 0 || obj_paint_extgstate(p, v);
}

/* A font that is not Type 3 (whose glyphs paint in their own colours). */
static int
obj_paint_font_entry(void *data, const char *key, qpdf_oh v)
{
	struct obj_paint *p = data;
	const char *sub = obj_name(p->q, v, "/Subtype");

	(void)key;
	return sub != NULL && strcmp(sub, "/Type3") != 0;
}

/* A form XObject; an image only on a page with boxes left out (Do then
 * asks that it be drawn inside one), else it leaves the page to the
 * raster, drawn or not. */
static int
obj_paint_xobject_entry(void *data, const char *key, qpdf_oh v)
{
	struct obj_paint *p = data;
	const char *sub;
	qpdf_oh d;

	(void)key;
	if (!qp.qpdf_oh_is_stream(p->q, v))
		return 0;
	d = qp.qpdf_oh_get_dict(p->q, v);
	sub = obj_name(p->q, d, "/Subtype");
	return sub != NULL &&
	       (strcmp(sub, "/Form") == 0 ||
		(p->npage_zones > 0 && strcmp(sub, "/Image") == 0));
}

/* Whether the resources res (null: none) can only lead to what this
 * reading models. */
static int
obj_paint_resources(struct obj_paint *p, qpdf_oh res)
{
	if (qp.qpdf_oh_get_type_code(p->q, res) == ot_null)
		return 1;
	if (!qp.qpdf_oh_is_dictionary(p->q, res))
		return 0;
	return obj_res_entries(p->q, res, "/ColorSpace", OBJ_PAINT_MAX_ENTRIES,
			       obj_paint_cs_entry, p) &&
	       obj_res_entries(p->q, res, "/ExtGState", OBJ_PAINT_MAX_ENTRIES,
			       obj_paint_gs_entry, p) &&
	       obj_res_entries(p->q, res, "/Font", OBJ_PAINT_MAX_ENTRIES,
			       obj_paint_font_entry, p) &&
	       obj_res_entries(p->q, res, "/XObject", OBJ_PAINT_MAX_ENTRIES,
			       obj_paint_xobject_entry, p);
}

static int obj_paint_form(struct obj_paint *p, qpdf_oh form,
			  const struct obj_paint_chain *ch, int depth,
			  struct obj_paint_state st);

/* The name token name (len bytes, with its '/') as a NUL-terminated key
 * of at most OBJ_PAINT_KEY - 1 bytes: 1, or 0 when there is none, it is
 * longer, or it is written with # escapes (not looked up). */
#define OBJ_PAINT_KEY 128
static int
obj_paint_key(const char *name, size_t len, char *key)
{
	if (name == NULL || len >= OBJ_PAINT_KEY ||
	    memchr(name, '#', len) != NULL)
		return 0;
	memcpy(key, name, len);
	key[len] = '\0';
	return 1;
}

/* The colour space the operand name (a token) of cs or CS sets: 1, 3,
 * or 0 when it is not a device grey or RGB one. */
static int
obj_paint_space(struct obj_paint *p, const struct obj_paint_chain *ch,
		const char *name, size_t n)
{
	char key[OBJ_PAINT_KEY];
	const char *resolved;
	qpdf_oh v;

	if (n < 2 || name[0] != '/' || !obj_paint_key(name, n, key))
		return 0;
	/* poppler looks the name up in the resources first */
	v = obj_paint_lookup(p, ch, "/ColorSpace", key);
	resolved =
	    qp.qpdf_oh_is_name(p->q, v) ? qp.qpdf_oh_get_name(p->q, v) : key;
	if (qp.qpdf_oh_get_type_code(p->q, v) != ot_null &&
	    !qp.qpdf_oh_is_name(p->q, v))
		return 0;
	if (strcmp(resolved, "/DeviceGray") == 0 || strcmp(resolved, "/G") == 0)
		return 1;
	if (strcmp(resolved, "/DeviceRGB") == 0 ||
	    strcmp(resolved, "/RGB") == 0)
		return 3;
	return 0;
}

/* Whether the font dictionary f is a program whose family the charter
 * allows or takes as a substitute (obj_walk and obj_recognise read it
 * from the program, not from its name): the outlines of an ordinary text
 * face.  A font not embedded, Type 3, or of another family is not. */
static int
obj_paint_font(struct obj_paint *p, qpdf_oh f)
{
	const char *sub = obj_name(p->q, f, "/Subtype"), *base;
	const char *family;
	char *key;

	if (sub != NULL && strcmp(sub, "/Type0") == 0) {
		qpdf_oh kids = obj_get(p->q, f, "/DescendantFonts");

		if (!qp.qpdf_oh_is_array(p->q, kids) ||
		    qp.qpdf_oh_get_array_n_items(p->q, kids) != 1)
			return 0;
		f = qp.qpdf_oh_get_array_item(p->q, kids, 0);
	}
	base = obj_name(p->q, f, "/BaseFont");
	if (base == NULL || base[1] == '\0')
		return 0;
	key = pp_check_font_key(base + 1);
	family = g_hash_table_lookup(p->o->families, key);
	g_free(key);
	return family != NULL && family[0] != '\0' &&
	       strcmp(family, "?") != 0 &&
	       pp_check_font_class(p->c, family) <= 1;
}

/* The smallest factor by which the 2 x 2 matrix m (a b c d) scales a
 * length: its smaller singular value. */
static double
obj_paint_min_scale(const double m[4])
{
	double s = m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3];
	double d = fabs(m[0] * m[3] - m[1] * m[2]);
	double r = s * s - 4 * d * d;

	return sqrt(fmax(0, (s - sqrt(fmax(0, r))) / 2));
}

/* The largest factor by which the 2 x 2 matrix m scales a length: its
 * larger singular value. */
static double
obj_paint_max_scale(const double m[4])
{
	double s = m[0] * m[0] + m[1] * m[1] + m[2] * m[2] + m[3] * m[3];
	double d = fabs(m[0] * m[3] - m[1] * m[2]);
	double r = s * s - 4 * d * d;

	return sqrt(fmax(0, (s + sqrt(fmax(0, r))) / 2));
}

/* out = a x b for the linear parts of two PDF matrices (a applied
 * first). */
static void
obj_paint_mul(const double a[4], const double b[4], double out[4])
{
	double r[4];

	r[0] = a[0] * b[0] + a[1] * b[2];
	r[1] = a[0] * b[1] + a[1] * b[3];
	r[2] = a[2] * b[0] + a[3] * b[2];
	r[3] = a[2] * b[1] + a[3] * b[3];
	memcpy(out, r, sizeof(r));
}

/* Whether the segment from (x0, y0) to (x1, y1), user space, is
 * horizontal or vertical on the raster. */
static int
obj_paint_straight(const double ctm[4], double x0, double y0, double x1,
		   double y1)
{
	int upright = ctm[1] == 0 && ctm[2] == 0;
	int turned = ctm[0] == 0 && ctm[3] == 0;

	return (upright || turned) && (x0 == x1 || y0 == y1);
}

/* The size on the raster of the rectangle w x h (user space) under ctm,
 * into *dw and *dh: 0 when it is not square to the raster. */
static int
obj_paint_rect(const double m[4], double w, double h, double *dw, double *dh)
{
	if (m[1] == 0 && m[2] == 0) {
		*dw = fabs(m[0] * w);
		*dh = fabs(m[3] * h);
		return 1;
	}
	if (m[0] == 0 && m[3] == 0) {
		*dw = fabs(m[2] * h);
		*dh = fabs(m[1] * w);
		return 1;
	}
	return 0;
}

/* Tf: the font named name (a token of name_len bytes) from the resources
 * ch, judged by obj_paint_font (once a page for the page's own). */
static int
obj_paint_tf(struct obj_paint *p, const struct obj_paint_chain *ch, int depth,
	     const char *name, size_t name_len)
{
	char key[OBJ_PAINT_KEY];
	gpointer known;
	int ok;

	if (!obj_paint_key(name, name_len, key))
		return 0;
	known = depth == 0 ? g_hash_table_lookup(p->fonts, key) : NULL;
	if (known != NULL)
		return GPOINTER_TO_INT(known) == 1;
	ok = obj_paint_font(p, obj_paint_lookup(p, ch, "/Font", key));
	if (depth == 0)
		g_hash_table_insert(p->fonts, g_strdup(key),
				    GINT_TO_POINTER(ok ? 1 : 2));
	return ok;
}

/* An operator of at most three characters as one number, for switch. */
#define OBJ_OP(a, b, c)                                                        \
	((unsigned)(unsigned char)(a) | (unsigned)(unsigned char)(b) << 8 |    \
	 (unsigned)(unsigned char)(c) << 16)

/* A painting operator (fill, stroke, or n: code) on the path built, and
 * the clip it sets after painting when W or W* came before. */
static int
obj_paint_paint(struct obj_paint *p, unsigned code, int depth,
		struct obj_paint_state *st, struct obj_paint_path *path)
{
	int fill = 0, stroke = 0, ok = 1;

	switch (code) {
	case OBJ_OP('f', 0, 0):
	case OBJ_OP('F', 0, 0):
	case OBJ_OP('f', '*', 0):
		fill = 1;
		break;
	case OBJ_OP('S', 0, 0):
	case OBJ_OP('s', 0, 0):
		stroke = 1;
		break;
	case OBJ_OP('B', 0, 0):
	case OBJ_OP('B', '*', 0):
	case OBJ_OP('b', 0, 0):
	case OBJ_OP('b', '*', 0):
		fill = stroke = 1;
		break;
	default: /* n */
		break;
	}
	if ((code & 0xff) == 's' || (code & 0xff) == 'b') {
		/* the segment that closes the subpath */
		if (!obj_paint_straight(st->ctm, path->x, path->y, path->x0,
					path->y0))
			path->stroke_ok = 0;
	}
	if (fill || stroke)
		ok = depth == 0; /* a form's box clips */
	if (fill)
		ok = ok && path->fill_ok;
	if (stroke) {
		/* poppler's test for a line it draws a pixel wide */
		double dx = st->line_width * (st->ctm[0] + st->ctm[2]);
		double dy = st->line_width * (st->ctm[1] + st->ctm[3]);

		ok =
		    ok && path->stroke_ok && fabs(dx) <= 1.0 && fabs(dy) <= 1.0;
	}
	if (fill || stroke) {
		/* what the geometry or the colours do not allow, inside a
		 * box left out, or inside a clip that is */
		int out = st->all_out || (fill && st->fill_out) ||
			  (stroke && st->stroke_out);

		if (st->clip_inside)
			ok = 1;
		else if (!ok || out)
			ok = obj_zone_holds_path(p, st, path, stroke);
	}
	if (path->clip) {
		/* everything painted from now on lies inside the clip */
		if (st->clip_inside || obj_zone_holds_path(p, st, path, 0))
			st->clip_inside = 1;
		else
			ok = 0;
	}
	path->fill_ok = path->stroke_ok = 1;
	path->bset = path->clip = 0;
	return ok;
}

/* Whether the number token s .. end is an integer, as poppler's lexer
 * reads one (digits after an optional sign). */
static int
obj_paint_integer(const char *s, const char *end)
{
	if (s < end && (*s == '-' || *s == '+'))
		s++;
	if (s == end)
		return 0;
	for (; s < end; s++)
		if (!g_ascii_isdigit(*s))
			return 0;
	return 1;
}

/*
 * The geometry of what a page paints, so that no antialiased edge can
 * make a flat area: a pixel partly covered whose four neighbours are
 * partly covered alike needs edges finer than a pixel side by side
 * (hatching, a grid of slivers).  So fills are of rectangles at least
 * OBJ_PAINT_MIN_SIDE pixels a side, square to the raster; strokes are of
 * horizontal and vertical segments no wider than a pixel, which poppler
 * draws a pixel wide on whole pixels (CairoOutputDev's stroke
 * adjustment); nothing is clipped; glyphs are of a charter's font at
 * least OBJ_PAINT_MIN_EM pixels to the em, filled, or invisible; forms
 * and appearances paint nothing (their box clips).  1 when the operator
 * code (with its operands: nnum numbers in num, nops in all, the last
 * name) keeps to that, 0 when not or when it is not about geometry.
 */
static int
obj_paint_geometry(struct obj_paint *p, unsigned code, const double *num,
		   const char *const *tok, const char *const *tok_end, int nnum,
		   int nops, const char *name, size_t name_len,
		   const struct obj_paint_chain *ch, int depth,
		   struct obj_paint_state *st, struct obj_paint_path *path)
{
	int args = nops == nnum ? nnum : -1;
	double m[4], w, h;

	switch (code) {
	case OBJ_OP('c', 'm', 0):
		memcpy(m, num, sizeof(m));
		if (args != 6 || m[0] * m[3] - m[1] * m[2] == 0)
			return 0;
		obj_paint_mul(m, st->ctm, st->ctm);
		if (st->m_ok) {
			double t[6];

			obj_paint_mul(m, st->m, t);
			t[4] = num[4] * st->m[0] + num[5] * st->m[2] + st->m[4];
			t[5] = num[4] * st->m[1] + num[5] * st->m[3] + st->m[5];
			memcpy(st->m, t, sizeof(t));
		}
		return 1;
	case OBJ_OP('w', 0, 0):
		if (args != 1)
			return 0;
		st->line_width = num[0];
		return 1;
	case OBJ_OP('r', 'e', 0):
		if (args != 4)
			return 0;
		if (!obj_paint_rect(st->ctm, num[2], num[3], &w, &h))
			path->fill_ok = path->stroke_ok = 0;
		else if (w < OBJ_PAINT_MIN_SIDE || h < OBJ_PAINT_MIN_SIDE)
			path->fill_ok = 0;
		path->x = path->x0 = num[0];
		path->y = path->y0 = num[1];
		obj_zone_add(path, st, num[0], num[1]);
		obj_zone_add(path, st, num[0] + num[2], num[1] + num[3]);
		obj_zone_add(path, st, num[0] + num[2], num[1]);
		obj_zone_add(path, st, num[0], num[1] + num[3]);
		return 1;
	case OBJ_OP('m', 0, 0):
	case OBJ_OP('l', 0, 0):
		if (args != 2)
			return 0;
		obj_zone_add(path, st, num[0], num[1]);
		path->fill_ok = 0; /* a polygon: not judged */
		if (code == OBJ_OP('m', 0, 0)) {
			path->x0 = num[0];
			path->y0 = num[1];
		} else if (!obj_paint_straight(st->ctm, path->x, path->y,
					       num[0], num[1])) {
			path->stroke_ok = 0;
		}
		path->x = num[0];
		path->y = num[1];
		return 1;
	case OBJ_OP('h', 0, 0):
		if (!obj_paint_straight(st->ctm, path->x, path->y, path->x0,
					path->y0))
			path->stroke_ok = 0;
		path->x = path->x0;
		path->y = path->y0;
		return 1;
	case OBJ_OP('c', 0, 0):
	case OBJ_OP('v', 0, 0):
	case OBJ_OP('y', 0, 0):
		/* a curve lies inside its control points */
		if (args == (code == OBJ_OP('c', 0, 0) ? 6 : 4)) {
			int k;

			for (k = 0; k + 1 < args; k += 2)
				obj_zone_add(path, st, num[k], num[k + 1]);
			path->x = num[args - 2];
			path->y = num[args - 1];
		} else {
			path->bset = 2; /* its box not known */
		}
		path->fill_ok = path->stroke_ok = 0;
		return 1;
	case OBJ_OP('W', 0, 0):
	case OBJ_OP('W', '*', 0):
		/* a clip: only inside a box left out (obj_paint_paint) */
		if (p->npage_zones == 0)
			return 0;
		path->clip = 1;
		return 1;
	case OBJ_OP('s', 'h', 0):
		return st->clip_inside; /* it fills the clip */
	case OBJ_OP('f', 0, 0):
	case OBJ_OP('F', 0, 0):
	case OBJ_OP('f', '*', 0):
	case OBJ_OP('S', 0, 0):
	case OBJ_OP('s', 0, 0):
	case OBJ_OP('B', 0, 0):
	case OBJ_OP('B', '*', 0):
	case OBJ_OP('b', 0, 0):
	case OBJ_OP('b', '*', 0):
	case OBJ_OP('n', 0, 0):
		return obj_paint_paint(p, code, depth, st, path);
	case OBJ_OP('B', 'T', 0):
		path->tm[0] = path->tm[3] = 1;
		path->tm[1] = path->tm[2] = 0;
		return 1;
	case OBJ_OP('T', 'm', 0):
		if (args != 6)
			return 0;
		memcpy(path->tm, num, 4 * sizeof(double));
		return 1;
	case OBJ_OP('T', 'z', 0):
		if (args != 1)
			return 0;
		st->hscale = num[0] / 100;
		return 1;
	case OBJ_OP('T', 'r', 0):
		/* poppler takes an integer only: 3.0 leaves the mode as it
		 * was, which is then not known */
		if (args != 1)
			return 0;
		st->render = !obj_paint_integer(tok[0], tok_end[0]) ? -1
			     : num[0] == 0			    ? 0
			     : num[0] == 3			    ? 3
								    : -1;
		return 1;
	case OBJ_OP('T', 'f', 0):
		if (nops != 2 || nnum != 1)
			return 0;
		st->font_size = num[0];
		st->font_ok = obj_paint_tf(p, ch, depth, name, name_len);
		return 1;
	case OBJ_OP('T', 'j', 0):
	case OBJ_OP('T', 'J', 0):
	case OBJ_OP('\'', 0, 0):
	case OBJ_OP('"', 0, 0):
		m[0] = st->font_size * st->hscale;
		m[1] = m[2] = 0;
		m[3] = st->font_size;
		if (st->render == 3 || st->clip_inside)
			return 1; /* invisible, or inside a box left out */
		if (st->fill_out || st->all_out)
			return 0;
		if (st->render != 0 || depth > 0 || !st->font_ok)
			return 0;
		obj_paint_mul(m, path->tm, m);
		obj_paint_mul(m, st->ctm, m);
		return obj_paint_min_scale(m) >= OBJ_PAINT_MIN_EM;
	default:
		return 0; /* W, W*, sh, BI, k, d0... */
	}
}

/* A colour set for the fill (fill) or the stroke: ok when it passes the
 * rule.  One that does not is noted on a page with boxes left out (what
 * is painted with it must then lie inside one), and leaves any other
 * page to the raster (0). */
static int
obj_paint_set(const struct obj_paint *p, struct obj_paint_state *st, int fill,
	      int ok)
{
	if (!ok && p->npage_zones == 0)
		return 0;
	*(fill ? &st->fill_out : &st->stroke_out) = !ok;
	return 1;
}

/* gs, on a page with boxes left out (elsewhere obj_paint_resources judged
 * every state): one that does not paint opaquely and normally asks that
 * what follows be painted inside a box; its line width is followed, and
 * one that sets the join or the mitre limit makes them unknown.  1, or 0
 * when the name or the width is not read. */
static int
obj_paint_gs(struct obj_paint *p, const struct obj_paint_chain *ch,
	     struct obj_paint_state *st, const char *name, size_t name_len)
{
	char key[OBJ_PAINT_KEY];
	qpdf_oh gs;

	if (!obj_paint_key(name, name_len, key))
		return 0;
	gs = obj_paint_lookup(p, ch, "/ExtGState", key);
	if (!obj_paint_extgstate(p, gs))
		st->all_out = 1;
	if (qp.qpdf_oh_is_dictionary(p->q, gs) &&
	    qp.qpdf_oh_has_key(p->q, gs, "/LW")) {
		qpdf_oh lw = qp.qpdf_oh_get_key(p->q, gs, "/LW");

		if (!qp.qpdf_oh_is_number(p->q, lw))
			return 0;
		st->line_width = qp.qpdf_oh_get_numeric_value(p->q, lw);
	}
	if (qp.qpdf_oh_is_dictionary(p->q, gs) &&
	    (qp.qpdf_oh_has_key(p->q, gs, "/LJ") ||
	     qp.qpdf_oh_has_key(p->q, gs, "/ML"))) {
		st->join = 0;
		st->miter = 1e6;
	}
	return 1;
}

/* Whether the operator code reads numbers. */
static int
obj_paint_numeric_op(unsigned code)
{
	switch (code) {
	case OBJ_OP('r', 'g', 0):
	case OBJ_OP('R', 'G', 0):
	case OBJ_OP('g', 0, 0):
	case OBJ_OP('G', 0, 0):
	case OBJ_OP('s', 'c', 0):
	case OBJ_OP('s', 'c', 'n'):
	case OBJ_OP('S', 'C', 0):
	case OBJ_OP('S', 'C', 'N'):
	case OBJ_OP('c', 'm', 0):
	case OBJ_OP('w', 0, 0):
	case OBJ_OP('r', 'e', 0):
	case OBJ_OP('m', 0, 0):
	case OBJ_OP('l', 0, 0):
	case OBJ_OP('T', 'm', 0):
	case OBJ_OP('T', 'z', 0):
	case OBJ_OP('T', 'r', 0):
	case OBJ_OP('T', 'f', 0):
	case OBJ_OP('c', 0, 0):
	case OBJ_OP('v', 0, 0):
	case OBJ_OP('y', 0, 0):
	case OBJ_OP('j', 0, 0):
	case OBJ_OP('M', 0, 0):
		return 1;
	default:
		return 0;
	}
}

/* One content's reading for obj_paint: with the resources ch, at form
 * depth depth; ok 1 while it paints only what obj_paint models. */
struct obj_paint_run {
	struct obj_paint *p;
	const struct obj_paint_chain *ch;
	int depth;
	struct obj_paint_state st, saved[OBJ_Q_DEPTH];
	struct obj_paint_path path;
	const char *name, *tok[6], *tok_end[6]; /* the operands */
	size_t name_len;
	int nnum, nops, qdepth;
	int ok;
};

static void
obj_paint_run_init(struct obj_paint_run *r, struct obj_paint *p,
		   const struct obj_paint_chain *ch, int depth,
		   struct obj_paint_state st)
{
	/* nothing built yet, the text matrix the identity */
	static const struct obj_paint_path none = {
	    .fill_ok = 1, .stroke_ok = 1, .tm = {1, 0, 0, 1}};

	r->p = p;
	r->ch = ch;
	r->depth = depth;
	r->st = st;
	r->path = none;
	r->name = NULL;
	r->name_len = 0;
	r->nnum = r->nops = r->qdepth = 0;
	r->ok = 1;
}

/* The token p0 .. t for r: 0 when the content paints what obj_paint does
 * not model. */
static int
obj_paint_token(struct obj_paint_run *r, const char *p0, const char *t)
{
	struct obj_paint *p = r->p;
	size_t n = (size_t)(t - p0);
	double num[6] = {0}, v[3];
	unsigned code;
	int i, space, fill_op;

	if (++p->tokens > OBJ_PAINT_MAX_TOKENS)
		return 0;
	if (*p0 == '{' || *p0 == '}')
		return 0;
	if (*p0 == '/' || *p0 == '(' || *p0 == '<' || *p0 == '[' ||
	    *p0 == ']' || *p0 == '>' || g_ascii_isdigit(*p0) || *p0 == '-' ||
	    *p0 == '+' || *p0 == '.') {
		r->nops++;
		if (*p0 == '/') {
			r->name = p0;
			r->name_len = n;
		} else if (r->nnum < 6 && *p0 != '(' && *p0 != '<' &&
			   *p0 != '[' && *p0 != ']' && *p0 != '>') {
			r->tok[r->nnum] = p0;
			r->tok_end[r->nnum++] = t;
		}
		return 1;
	}
	if ((n == 4 &&
	     (memcmp(p0, "true", 4) == 0 || memcmp(p0, "null", 4) == 0)) ||
	    (n == 5 && memcmp(p0, "false", 5) == 0)) {
		r->nops++;
		return 1;
	}
	/* an operator */
	if (n > 3)
		return 0;
	code = OBJ_OP(p0[0], n > 1 ? p0[1] : 0, n > 2 ? p0[2] : 0);
	if (obj_paint_numeric_op(code)) {
		for (i = 0; i < r->nnum; i++)
			if (!obj_paint_number(r->tok[i], r->tok_end[i],
					      &num[i]))
				return 0;
	}
	/* A colour outside the palette, or not known: the page goes to the
	 * raster, or, on a page with boxes left out, what is painted with it
	 * must lie inside one (obj_paint_paint). */
	fill_op = (code & 0xff) >= 'a';
	switch (code) {
	case OBJ_OP('r', 'g', 0):
	case OBJ_OP('R', 'G', 0):
		if (r->nops != 3 || r->nnum != 3)
			return 0;
		*(fill_op ? &r->st.fill : &r->st.stroke) = 3;
		if (!obj_paint_set(p, &r->st, fill_op,
				   obj_paint_rgb_ok(p, num)))
			return 0;
		break;
	case OBJ_OP('g', 0, 0):
	case OBJ_OP('G', 0, 0):
		if (r->nops != 1 || r->nnum != 1)
			return 0;
		v[0] = v[1] = v[2] = num[0];
		*(fill_op ? &r->st.fill : &r->st.stroke) = 1;
		if (!obj_paint_set(p, &r->st, fill_op, obj_paint_rgb_ok(p, v)))
			return 0;
		break;
	case OBJ_OP('c', 's', 0):
	case OBJ_OP('C', 'S', 0):
		space = r->nops == 1 && r->name != NULL
			    ? obj_paint_space(p, r->ch, r->name, r->name_len)
			    : 0;
		*(fill_op ? &r->st.fill : &r->st.stroke) = space;
		/* the colour becomes black, which passes */
		if (!obj_paint_set(p, &r->st, fill_op, space != 0))
			return 0;
		break;
	case OBJ_OP('s', 'c', 0):
	case OBJ_OP('s', 'c', 'n'):
	case OBJ_OP('S', 'C', 0):
	case OBJ_OP('S', 'C', 'N'):
		space = fill_op ? r->st.fill : r->st.stroke;
		if (space == 0 || r->nops != space || r->nnum != space) {
			if (!obj_paint_set(p, &r->st, fill_op, 0))
				return 0;
			break;
		}
		for (i = 0; i < 3; i++)
			v[i] = num[space == 3 ? i : 0];
		if (!obj_paint_set(p, &r->st, fill_op, obj_paint_rgb_ok(p, v)))
			return 0;
		break;
	case OBJ_OP('k', 0, 0):
	case OBJ_OP('K', 0, 0):
		/* CMYK: its colours depend on poppler's profile */
		*(fill_op ? &r->st.fill : &r->st.stroke) = 0;
		if (!obj_paint_set(p, &r->st, fill_op, 0))
			return 0;
		break;
	case OBJ_OP('j', 0, 0):
		/* poppler takes an integer, and knows 0 to 2: anything else
		 * leaves the join as it was, so it counts as a mitre */
		r->st.join =
		    r->nnum == 1 && r->nops == 1 &&
			    obj_paint_integer(r->tok[0], r->tok_end[0]) &&
			    (num[0] == 1 || num[0] == 2)
			? (int)num[0]
			: 0;
		break;
	case OBJ_OP('M', 0, 0):
		r->st.miter = r->nnum == 1 && r->nops == 1 ? fabs(num[0]) : 1e6;
		break;
	case OBJ_OP('g', 's', 0):
		if (p->npage_zones > 0 &&
		    !obj_paint_gs(p, r->ch, &r->st, r->name, r->name_len))
			return 0;
		break;
	case OBJ_OP('q', 0, 0):
		if (r->qdepth >= OBJ_Q_DEPTH)
			return 0;
		r->saved[r->qdepth++] = r->st;
		break;
	case OBJ_OP('Q', 0, 0):
		if (r->qdepth > 0)
			r->st = r->saved[--r->qdepth];
		break;
	case OBJ_OP('D', 'o', 0): {
		char key[OBJ_PAINT_KEY];
		qpdf_oh form;

		if (r->nops != 1 || !obj_paint_key(r->name, r->name_len, key))
			return 0;
		form = obj_paint_lookup(p, r->ch, "/XObject", key);
		if (!obj_paint_form(p, form, r->ch, r->depth + 1, r->st))
			return 0;
		break;
	}
	/* nothing painted, no colour, no size */
	case OBJ_OP('J', 0, 0):
	case OBJ_OP('d', 0, 0):
	case OBJ_OP('r', 'i', 0):
	case OBJ_OP('i', 0, 0):
	case OBJ_OP('E', 'T', 0):
	case OBJ_OP('T', 'c', 0):
	case OBJ_OP('T', 'w', 0):
	case OBJ_OP('T', 'L', 0):
	case OBJ_OP('T', 's', 0):
	case OBJ_OP('T', 'd', 0):
	case OBJ_OP('T', 'D', 0):
	case OBJ_OP('T', '*', 0):
	case OBJ_OP('M', 'P', 0):
	case OBJ_OP('D', 'P', 0):
	case OBJ_OP('B', 'M', 'C'):
	case OBJ_OP('B', 'D', 'C'):
	case OBJ_OP('E', 'M', 'C'):
	case OBJ_OP('B', 'X', 0):
	case OBJ_OP('E', 'X', 0):
		break;
	default:
		if (!obj_paint_geometry(p, code, num, r->tok, r->tok_end,
					r->nnum, r->nops, r->name, r->name_len,
					r->ch, r->depth, &r->st, &r->path))
			return 0; /* sh, BI, k, K, d0, unknown... */
	}
	r->nnum = r->nops = 0;
	r->name = NULL;
	return 1;
}

/* The numbers of the array a, n of them, into v: 1, or 0 when a is not
 * such an array. */
static int
obj_paint_numbers(struct obj_paint *p, qpdf_oh a, double *v, int n)
{
	int i;

	if (!qp.qpdf_oh_is_array(p->q, a) ||
	    qp.qpdf_oh_get_array_n_items(p->q, a) != n)
		return 0;
	for (i = 0; i < n; i++) {
		qpdf_oh x = qp.qpdf_oh_get_array_item(p->q, a, i);

		if (!qp.qpdf_oh_is_number(p->q, x))
			return 0;
		v[i] = qp.qpdf_oh_get_numeric_value(p->q, x);
	}
	return 1;
}

/* The form whose dictionary is d takes its Matrix into st's CTM: 1, or
 * 0 when the Matrix is not six numbers or cannot be inverted (poppler
 * then draws the form in its caller's space). */
static int
obj_paint_form_matrix(struct obj_paint *p, qpdf_oh d,
		      struct obj_paint_state *st)
{
	double m[6], t[6];
	int k;

	if (!qp.qpdf_oh_has_key(p->q, d, "/Matrix"))
		return 1;
	if (!obj_paint_numbers(p, obj_get(p->q, d, "/Matrix"), m, 6))
		return 0;
	for (k = 0; k < 6; k++)
		if (!isfinite(m[k]))
			return 0;
	if (m[0] * m[3] - m[1] * m[2] == 0)
		return 0;
	obj_paint_mul(m, st->ctm, st->ctm);
	if (st->m_ok) {
		obj_paint_mul(m, st->m, t);
		t[4] = m[4] * st->m[0] + m[5] * st->m[2] + st->m[4];
		t[5] = m[4] * st->m[1] + m[5] * st->m[3] + st->m[5];
		memcpy(st->m, t, sizeof(t));
	}
	return 1;
}

/* Whether the form whose dictionary is d, drawn in state st (its Matrix
 * taken), lies inside a box left out: its BBox clips what it paints. */
static int
obj_paint_form_inside(struct obj_paint *p, qpdf_oh d,
		      const struct obj_paint_state *st)
{
	double b[4];

	if (!st->m_ok || p->npage_zones == 0 ||
	    !obj_paint_numbers(p, obj_get(p->q, d, "/BBox"), b, 4))
		return 0;
	return obj_zone_holds_box(p, st, fmin(b[0], b[2]), fmin(b[1], b[3]),
				  fmax(b[0], b[2]), fmax(b[1], b[3]));
}

/* The form XObject (or appearance stream) form drawn with the resources
 * ch in state st, at form depth depth. */
static int
obj_paint_form(struct obj_paint *p, qpdf_oh form,
	       const struct obj_paint_chain *ch, int depth,
	       struct obj_paint_state st)
{
	struct obj_paint_chain inner;
	struct obj_paint_run run;
	qpdf_oh d, res;
	const char *sub;
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = 0;

	if (depth > OBJ_PAINT_FORM_DEPTH || ++p->forms > OBJ_PAINT_MAX_FORMS ||
	    !qp.qpdf_oh_is_stream(p->q, form))
		return 0;
	d = qp.qpdf_oh_get_dict(p->q, form);
	sub = obj_name(p->q, d, "/Subtype");
	/* an image paints its unit square; a form, its BBox at most */
	if (sub != NULL && strcmp(sub, "/Image") == 0)
		return st.clip_inside || obj_zone_holds_box(p, &st, 0, 0, 1, 1);
	if (sub != NULL && strcmp(sub, "/Form") != 0)
		return 0;
	/* its Matrix, through which it paints (poppler ignores one it
	 * cannot invert: refused) */
	if (!obj_paint_form_matrix(p, d, &st))
		return 0;
	if (st.clip_inside || obj_paint_form_inside(p, d, &st))
		return 1;
	res = obj_get(p->q, d, "/Resources");
	if (!obj_paint_resources(p, res))
		return 0;
	inner.n = 0;
	if (qp.qpdf_oh_is_dictionary(p->q, res))
		inner.res[inner.n++] = res;
	if (inner.n + ch->n > OBJ_PAINT_CHAIN)
		return 0;
	memcpy(inner.res + inner.n, ch->res, (size_t)ch->n * sizeof(qpdf_oh));
	inner.n += ch->n;
	if (qp.qpdf_oh_get_stream_data(p->q, form, qpdf_dl_generalized,
				       &filtered, &data,
				       &len) != QPDF_SUCCESS ||
	    !filtered || len > OBJ_MAX_CONTENT) {
		free(data);
		return 0;
	}
	obj_paint_run_init(&run, p, &inner, depth, st);
	obj_content_read((const char *)data, len, NULL, NULL, &run);
	free(data);
	return run.ok;
}

/* Whether the number v is 0. */
static int
obj_paint_zero(struct obj_paint *p, qpdf_oh v)
{
	return qp.qpdf_oh_is_number(p->q, v) &&
	       qp.qpdf_oh_get_numeric_value(p->q, v) == 0.0;
}

/* Whether the annotation a paints only what obj_paint models, as
 * poppler draws it (Annot::draw and its subclasses): nothing when hidden
 * or of no area; a link's appearance and its border (none of width 0);
 * a widget's appearance, made anew when the form asks for it; other
 * kinds are left to the raster. */
static int
obj_paint_annot(struct obj_paint *p, qpdf_oh a,
		const struct obj_paint_chain *ch)
{
	qpdf_oh flags, rect, ap, normal;
	const char *sub;
	double r[4];
	int i;

	if (!qp.qpdf_oh_is_dictionary(p->q, a))
		return 0;
	flags = obj_get(p->q, a, "/F");
	if (qp.qpdf_oh_is_integer(p->q, flags) &&
	    (qp.qpdf_oh_get_int_value(p->q, flags) & (2 | 32)) != 0)
		return 1; /* Hidden or NoView */
	rect = obj_get(p->q, a, "/Rect");
	if (!qp.qpdf_oh_is_array(p->q, rect) ||
	    qp.qpdf_oh_get_array_n_items(p->q, rect) != 4)
		return 0;
	for (i = 0; i < 4; i++) {
		qpdf_oh v = qp.qpdf_oh_get_array_item(p->q, rect, i);

		if (!qp.qpdf_oh_is_number(p->q, v))
			return 0;
		r[i] = qp.qpdf_oh_get_numeric_value(p->q, v);
	}
	if (r[0] == r[2] || r[1] == r[3])
		return 1; /* drawAnnot draws nothing of no area */
	sub = obj_name(p->q, a, "/Subtype");
	ap = obj_get(p->q, a, "/AP");
	normal = obj_get(p->q, ap, "/N");
	if (sub != NULL && strcmp(sub, "/Link") == 0) {
		qpdf_oh bs = obj_get(p->q, a, "/BS");
		qpdf_oh border = obj_get(p->q, a, "/Border");

		if (qp.qpdf_oh_is_dictionary(p->q, bs)) {
			if (!obj_paint_zero(p, obj_get(p->q, bs, "/W")))
				return 0;
		} else if (!qp.qpdf_oh_is_array(p->q, border) ||
			   qp.qpdf_oh_get_array_n_items(p->q, border) < 3 ||
			   qp.qpdf_oh_get_array_n_items(p->q, border) > 4 ||
			   !obj_paint_zero(
			       p, qp.qpdf_oh_get_array_item(p->q, border, 2))) {
			return 0;
		}
		if (qp.qpdf_oh_get_type_code(p->q, ap) == ot_null)
			return 1;
	} else if (sub == NULL || strcmp(sub, "/Widget") != 0 ||
		   p->need_appearances) {
		return 0;
	}
	{
		/* the space not known; an appearance may not paint */
		struct obj_paint_state unknown = {.ctm = {0.5, 0, 0, 0.5},
						  .line_width = 1,
						  .hscale = 1,
						  .miter = 10};

		p->forms--; /* an appearance is not a form drawn by Do */
		return obj_paint_form(p, normal, ch, 1, unknown);
	}
}

/* The boxes check_pdf.c leaves out of the colour rule that paraphe marks
 * with named destinations (check_dest_cb: "paraphe-bloc-marque:X:Y:W:H"
 * on its page, "paraphe-logo-K:X:Y:W:H" a partner's logo), each as
 * check_in_box grows it, for the pages of q (npages).  A box is taken
 * only where poppler certainly finds the same destination on the same
 * page, so only from a document whose name tree of destinations holds
 * its names at its root (no Kids), each name once, in printable ASCII
 * without a backslash (poppler's key is then the same string), each
 * destination an array [page /XYZ left top zoom] naming one of q's pages
 * by reference, and whose catalog has no Dests dictionary besides.
 * Anything else: no box at all (NULL), the page is read without. */
static GArray *
obj_zones_read(qpdf_data q, int npages)
{
	qpdf_oh root = qp.qpdf_get_root(q);
	qpdf_oh tree = obj_get(q, obj_get(q, root, "/Names"), "/Dests");
	qpdf_oh names = obj_get(q, tree, "/Names");
	GArray *zones = NULL;
	GHashTable *seen;
	int *ids, *gens, n, i, k, ok = 1;

	if (qp.qpdf_oh_has_key(q, root, "/Dests") ||
	    qp.qpdf_oh_has_key(q, tree, "/Kids") ||
	    !qp.qpdf_oh_is_array(q, names))
		return NULL;
	n = qp.qpdf_oh_get_array_n_items(q, names);
	if (n % 2 != 0 || n / 2 > OBJ_ZONE_MAX_NAMES)
		return NULL;
	ids = pp_xcalloc((size_t)npages + 1, sizeof(int));
	gens = pp_xcalloc((size_t)npages + 1, sizeof(int));
	for (k = 0; k < npages; k++) {
		qpdf_oh pg = qp.qpdf_get_page_n(q, (size_t)k);

		ids[k] = qp.qpdf_oh_get_object_id(q, pg);
		gens[k] = qp.qpdf_oh_get_generation(q, pg);
		qp.qpdf_oh_release(q, pg);
	}
	seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	zones = g_array_new(FALSE, FALSE, sizeof(struct obj_zone));
	for (i = 0; i + 1 < n && ok; i += 2) {
		qpdf_oh key = qp.qpdf_oh_get_array_item(q, names, i);
		qpdf_oh dest = qp.qpdf_oh_get_array_item(q, names, i + 1);
		const char *raw;
		char *name, *colon;
		size_t len = 0, c;
		double x, y, w, h;
		int logo, page = -1;
		struct obj_zone z;

		if (!qp.qpdf_oh_is_string(q, key)) {
			ok = 0;
			break;
		}
		raw = qp.qpdf_oh_get_binary_string_value(q, key, &len);
		for (c = 0; raw != NULL && c < len; c++)
			if (raw[c] < 0x20 || raw[c] > 0x7e || raw[c] == '\\')
				break;
		if (raw == NULL || c < len) {
			ok = 0;
			break;
		}
		name = g_strndup(raw, len);
		if (g_hash_table_contains(seen, name)) {
			g_free(name);
			ok = 0;
			break;
		}
		g_hash_table_add(seen, name);
		logo = g_str_has_prefix(name, "paraphe-logo-");
		if (!logo && !g_str_has_prefix(name, "paraphe-bloc-marque:"))
			continue;
		/* the destination as poppler's LinkDest takes it */
		if (!qp.qpdf_oh_is_array(q, dest) ||
		    qp.qpdf_oh_get_array_n_items(q, dest) != 5) {
			ok = 0;
			break;
		}
		{
			qpdf_oh pg = qp.qpdf_oh_get_array_item(q, dest, 0);
			qpdf_oh kind = qp.qpdf_oh_get_array_item(q, dest, 1);

			if (qp.qpdf_oh_is_indirect(q, pg) &&
			    qp.qpdf_oh_is_dictionary(q, pg))
				for (k = 0; k < npages && page < 0; k++)
					if (qp.qpdf_oh_get_object_id(q, pg) ==
						ids[k] &&
					    qp.qpdf_oh_get_generation(q, pg) ==
						gens[k])
						page = k;
			if (page < 0 || !qp.qpdf_oh_is_name(q, kind) ||
			    strcmp(qp.qpdf_oh_get_name(q, kind), "/XYZ") != 0) {
				ok = 0;
				break;
			}
		}
		for (k = 0; k < 3 && ok; k++)
			ok = qp.qpdf_oh_is_number(
			    q, qp.qpdf_oh_get_array_item(q, dest, 2 + k));
		/* the box as check_dest_cb reads it, and check_in_box grows
		 * it for the colour rule */
		colon = logo ? strchr(name, ':') : name + 19;
		if (!ok || colon == NULL ||
		    sscanf(colon + 1, "%lf:%lf:%lf:%lf", &x, &y, &w, &h) != 4 ||
		    !isfinite(x) || !isfinite(y) || !isfinite(w) ||
		    !isfinite(h) || w <= 0 || h == 0) {
			ok = 0;
			break;
		}
		h = fabs(h);
		z.page = page;
		z.x0 = x - OBJ_ZONE_MARGIN;
		z.y0 = y - OBJ_ZONE_MARGIN;
		z.x1 = x + (logo ? w : w * 4) + OBJ_ZONE_MARGIN;
		z.y1 = y + (logo ? h : h * 5) + OBJ_ZONE_MARGIN;
		g_array_append_val(zones, z);
	}
	g_hash_table_destroy(seen);
	g_free(ids);
	g_free(gens);
	if (!ok || zones->len == 0) {
		g_array_free(zones, TRUE);
		return NULL;
	}
	return zones;
}

/* Whether the page's raster is its MediaBox [0 0 W H] drawn upright (no
 * CropBox but the MediaBox, no Rotate but 0, each inherited as poppler
 * inherits them): the page's points from the top left are then (x, H -
 * y), H in *height. */
static int
obj_paint_upright(struct obj_paint *p, qpdf_oh page, double *height)
{
	qpdf_oh node = page, media = 0, crop = 0, rotate = 0;
	double mb[4], cb[4];
	int depth, have_media = 0, have_crop = 0, have_rotate = 0, ok = 1;

	for (depth = 0; qp.qpdf_oh_is_dictionary(p->q, node); depth++) {
		if (depth >= OBJ_MAX_PARENTS)
			return 0;
		if (!have_media &&
		    qp.qpdf_oh_has_key(p->q, node, "/MediaBox")) {
			media = qp.qpdf_oh_get_key(p->q, node, "/MediaBox");
			have_media = 1;
		}
		if (!have_crop && qp.qpdf_oh_has_key(p->q, node, "/CropBox")) {
			crop = qp.qpdf_oh_get_key(p->q, node, "/CropBox");
			have_crop = 1;
		}
		if (!have_rotate && qp.qpdf_oh_has_key(p->q, node, "/Rotate")) {
			rotate = qp.qpdf_oh_get_key(p->q, node, "/Rotate");
			have_rotate = 1;
		}
		node = obj_up(p->q, node, &ok);
	}
	if (!ok || !have_media || !obj_paint_numbers(p, media, mb, 4) ||
	    mb[0] != 0 || mb[1] != 0 || !(mb[2] > 0) || !(mb[3] > 0))
		return 0;
	if (have_crop && (!obj_paint_numbers(p, crop, cb, 4) ||
			  memcmp(cb, mb, sizeof(mb)) != 0))
		return 0;
	if (have_rotate && !(qp.qpdf_oh_is_integer(p->q, rotate) &&
			     qp.qpdf_oh_get_int_value(p->q, rotate) == 0))
		return 0;
	*height = mb[3];
	return 1;
}

/* p ready for the pages of the document q, o->palette_only allocated
 * (every page left to the raster until read). */
static void
obj_paint_init(struct obj_paint *p, qpdf_data q, const struct pp_charte *c,
	       struct pp_check_pdfobj *o)
{
	qpdf_oh form = obj_get(q, qp.qpdf_get_root(q), "/AcroForm");
	qpdf_oh need = obj_get(q, form, "/NeedAppearances");

	p->q = q;
	p->c = c;
	p->judged = g_hash_table_new(g_direct_hash, g_direct_equal);
	p->fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	p->o = o;
	/* anything but false: poppler may make the widgets' appearances */
	p->need_appearances = qp.qpdf_oh_get_type_code(q, need) != ot_null &&
			      !(qp.qpdf_oh_is_bool(q, need) &&
				!qp.qpdf_oh_get_bool_value(q, need));
	o->palette_only = pp_xcalloc((size_t)o->npages, 1);
	p->zones = obj_zones_read(q, o->npages);
	p->page_buf = g_array_new(FALSE, FALSE, sizeof(struct obj_zone));
}

/* Whether the page (pno, from 0) may paint only what obj_paint models,
 * before its content is read: its units, its resources (into ch,
 * inherited from the nearest ancestor), its boxes left out; its state at
 * the start into st (DeviceGray black, 36 dpi, a line 1 wide, no font,
 * 100 %, fill; the page's points from the top left). */
static int
obj_paint_page_start(struct obj_paint *p, qpdf_oh page, int pno,
		     struct obj_paint_chain *ch, struct obj_paint_state *st)
{
	static const struct obj_paint_state initial = {.fill = 1,
						       .stroke = 1,
						       .ctm = {0.5, 0, 0, 0.5},
						       .line_width = 1,
						       .hscale = 1,
						       .miter = 10};
	qpdf_oh node = page, res;
	int depth, ok = 1;

	ch->n = 0;
	*st = initial;
	/* the boxes left out on this page, where the raster is the page */
	g_array_set_size(p->page_buf, 0);
	if (p->zones != NULL && obj_paint_upright(p, page, &st->m[5])) {
		guint k;

		for (k = 0; k < p->zones->len; k++)
			if (g_array_index(p->zones, struct obj_zone, k).page ==
			    pno)
				g_array_append_val(
				    p->page_buf,
				    g_array_index(p->zones, struct obj_zone,
						  k));
		st->m[0] = 1;
		st->m[3] = -1;
		st->m_ok = 1;
	}
	p->page_zones = (const struct obj_zone *)(void *)p->page_buf->data;
	p->npage_zones = (int)p->page_buf->len;
	/* a page in other units than the point (PDF 1.6) is not judged */
	if (qp.qpdf_oh_has_key(p->q, page, "/UserUnit"))
		return 0;
	p->tokens = 0;
	p->forms = 0;
	g_hash_table_remove_all(p->fonts);
	res = qp.qpdf_oh_new_null(p->q);
	for (depth = 0; qp.qpdf_oh_is_dictionary(p->q, node); depth++) {
		if (depth >= OBJ_MAX_PARENTS)
			return 0;
		if (qp.qpdf_oh_has_key(p->q, node, "/Resources")) {
			res = qp.qpdf_oh_get_key(p->q, node, "/Resources");
			break;
		}
		node = obj_up(p->q, node, &ok);
	}
	if (!ok || !obj_paint_resources(p, res))
		return 0;
	if (qp.qpdf_oh_is_dictionary(p->q, res))
		ch->res[ch->n++] = res;
	return 1;
}

/* Whether the annotations of the page, whose content paints only what
 * obj_paint models (read with the resources ch), do the same. */
static int
obj_paint_page_annots(struct obj_paint *p, qpdf_oh page,
		      const struct obj_paint_chain *ch)
{
	qpdf_oh annots = obj_get(p->q, page, "/Annots");
	int i, n;

	if (qp.qpdf_oh_get_type_code(p->q, annots) == ot_null)
		return 1;
	if (!qp.qpdf_oh_is_array(p->q, annots))
		return 0;
	n = qp.qpdf_oh_get_array_n_items(p->q, annots);
	if (n > OBJ_PAINT_MAX_ANNOTS)
		return 0;
	for (i = 0; i < n; i++)
		if (!obj_paint_annot(
			p, qp.qpdf_oh_get_array_item(p->q, annots, i), ch))
			return 0;
	return 1;
}

/* --- Pages whose render gives their text -------------------------------
 *
 * poppler-glib's render of a page (poppler_page_render) also collects the
 * page's text when the page has none yet, into the TextPage that
 * poppler_page_get_text, _get_text_layout and _get_text_attributes would
 * otherwise make by a pass of their own (a TextOutputDev over
 * Page::display).  Both passes run the same Gfx over the same content, and
 * both devices hand every character to the TextPage in the same way
 * (ActualText, startPage, endPage and coalesce with the same arguments;
 * poppler 22.12).  Where they differ:
 *  - the render also draws the annotations: a page qualifies when each of
 *    them is a link without an appearance, or a link or a form field
 *    whose normal appearance is a stream that shows no text and draws
 *    nothing by name (no Do, gs, pattern), the form not asking for its
 *    fields' appearances to be made again (NeedAppearances);
 *  - the text pass skips patterns, which the render draws: no pattern set
 *    by name (scn, SCN);
 *  - the text pass takes the text's font and size again at every restore
 *    of the graphics state (Q; after a form, a soft mask, a shading), the
 *    render only at the next BT, Tf, Tm, cm or Tz: no text shown between
 *    a Q, Do, gs or sh and the next BT; no form XObject and no soft mask
 *    among the resources (their content is not read here);
 *  - hidden optional content is counted by the text pass, skipped by the
 *    render: no /OCProperties in the catalog (then nothing is hidden).
 * Inline images (whose data this reader skips by looking for EI, poppler
 * by their size) make a page not qualify either. */

/* Whether a content (a page's; an annotation's appearance when ap)
 * meets the conditions above: ok 1 while it does. */
struct obj_textsafe {
	int ap;
	int stale; /* text shown now would take a font not set again */
	int named; /* the last operand is a name */
	int ok;
};

/* The token p .. t for ts: 0 when the content does not meet them. */
static int
obj_textsafe_token(struct obj_textsafe *ts, const char *p, const char *t)
{
	size_t n = (size_t)(t - p);

	if (obj_operand(*p)) {
		ts->named = *p == '/';
		return 1;
	}
#define OP(s) (n == strlen(s) && memcmp(p, s, n) == 0)
	if (OP("BT")) {
		ts->stale = 0;
	} else if (OP("Q") || OP("sh")) {
		ts->stale = 1;
	} else if (OP("Do") || OP("gs")) {
		if (ts->ap)
			return 0;
		ts->stale = 1;
	} else if (OP("Tj") || OP("TJ") || OP("'") || OP("\"")) {
		if (ts->ap || ts->stale)
			return 0;
	} else if (((OP("scn") || OP("SCN")) && ts->named) || OP("BI") ||
		   OP("ID")) {
		return 0;
	}
#undef OP
	ts->named = 0;
	return 1;
}

/* The content in (len bytes; NULL for an empty stream, which qpdf gives
 * as no buffer) read once, token by token, for each reading given (NULL:
 * not wanted) as long as one of them goes on. */
static void
obj_content_read(const char *in, size_t len, struct obj_reveal *rv,
		 struct obj_textsafe *ts, struct obj_paint_run *pr)
{
	const char *p, *end;

	if (in == NULL) /* the one guard: no arithmetic on NULL */
		in = "", len = 0;
	p = in;
	end = in + len;
	if (rv != NULL) {
		rv->copied = in;
		rv->len = len;
	}
	while ((p = obj_skip_blank(p, end)) < end) {
		const char *t = obj_token_end(p, end), *next = t;

		if (pr != NULL && pr->ok)
			pr->ok = obj_paint_token(pr, p, t);
		if (ts != NULL && ts->ok)
			ts->ok = obj_textsafe_token(ts, p, t);
		if (rv != NULL)
			next = obj_reveal_token(rv, p, t, end);
		else if ((pr == NULL || !pr->ok) && (ts == NULL || !ts->ok))
			break;
		p = next;
	}
	if (rv != NULL && rv->out != NULL)
		g_string_append_len(rv->out, rv->copied, end - rv->copied);
}

/* An XObject that is an image. */
static int
obj_textsafe_xobject(void *q, const char *key, qpdf_oh x)
{
	const char *sub =
	    qp.qpdf_oh_is_stream(q, x)
		? obj_name(q, qp.qpdf_oh_get_dict(q, x), "/Subtype")
		: NULL;

	(void)key;
	return sub != NULL && strcmp(sub, "/Image") == 0;
}

/* Whether the resources res hold no form XObject and no soft mask. */
static int
obj_res_textsafe(qpdf_data q, qpdf_oh res)
{
	if (!qp.qpdf_oh_is_dictionary(q, res))
		return 1;
	return obj_res_entries(q, res, "/XObject", 0, obj_textsafe_xobject,
			       q) &&
	       !obj_res_masks(q, res);
}

/* Whether the annotation a draws no text (see above); remake: the form
 * asks for its fields' appearances to be made again. */
static int
obj_annot_textsafe(qpdf_data q, qpdf_oh a, int remake)
{
	const char *sub = obj_name(q, a, "/Subtype");
	int link = sub != NULL && strcmp(sub, "/Link") == 0;
	qpdf_oh n;
	unsigned char *data = NULL;
	size_t len = 0;
	QPDF_BOOL filtered = 0;
	struct obj_textsafe ts = {1, 0, 0, 1};

	if (!link && (sub == NULL || strcmp(sub, "/Widget") != 0 || remake))
		return 0;
	if (!qp.qpdf_oh_has_key(q, a, "/AP"))
		return link;
	n = obj_get(q, qp.qpdf_oh_get_key(q, a, "/AP"), "/N");
	if (!qp.qpdf_oh_is_stream(q, n) ||
	    qp.qpdf_oh_get_stream_data(q, n, qpdf_dl_generalized, &filtered,
				       &data, &len) != QPDF_SUCCESS ||
	    !filtered || len > OBJ_MAX_CONTENT) {
		free(data);
		return 0;
	}
	obj_content_read((const char *)data, len, NULL, &ts, NULL);
	free(data);
	return ts.ok;
}

/* Whether page, whose content meets the conditions above, has its text
 * collected by poppler's render as by its text pass (see above); remake
 * as for obj_annot_textsafe. */
static int
obj_page_textsafe(qpdf_data q, qpdf_oh page, int remake)
{
	qpdf_oh node = page, annots;
	int depth, i, n, ok = 1;

	for (depth = 0; qp.qpdf_oh_is_dictionary(q, node); depth++) {
		if (depth >= OBJ_MAX_PARENTS ||
		    !obj_res_textsafe(q, obj_get(q, node, "/Resources")))
			return 0;
		node = obj_up(q, node, &ok);
	}
	if (!ok)
		return 0;
	if (!qp.qpdf_oh_has_key(q, page, "/Annots"))
		return 1;
	annots = qp.qpdf_oh_get_key(q, page, "/Annots");
	if (!qp.qpdf_oh_is_array(q, annots))
		return 0;
	n = qp.qpdf_oh_get_array_n_items(q, annots);
	for (i = 0; i < n; i++)
		if (!obj_annot_textsafe(
			q, qp.qpdf_oh_get_array_item(q, annots, i), remake))
			return 0;
	return 1;
}

/* --- Pages without a font not met before --------------------------------
 *
 * poppler's font scan (poppler_font_info_scan, check_pdf_fonts), a page
 * at a time, builds every font of the page (GfxFont::makeFont: its
 * widths, encoding, CID map) and reports those whose object number it
 * has not reported before.  It reads the page's resources (its own, or
 * inherited when they are not a dictionary), their /Font dictionary, the
 * resources of the streams among their /XObject and /Pattern entries
 * (recursively), and the resources of the annotations' appearances
 * (FontInfoScanner::scan, poppler 22.12).  A page whose own resources
 * are a dictionary whose fonts are all references met on an earlier
 * page's own resources, with no XObject or pattern that has resources
 * of its own and no annotation but links and form fields whose
 * appearance has no resources (obj_fonts_annots), can have nothing to
 * report: each of its fonts was built on that earlier
 * page, the same way, and reported then or failed then.  Anything else
 * is left to poppler. */

/* The key of the indirect object h in obj_fonts_page's table, or NULL
 * when h is direct. */
static char *
obj_fonts_key(qpdf_data q, qpdf_oh h)
{
	int id = qp.qpdf_oh_get_object_id(q, h);

	return id > 0 ? g_strdup_printf("%d %d", id,
					qp.qpdf_oh_get_generation(q, h))
		      : NULL;
}

/* A resource that is anything but a stream with resources of its own
 * (which poppler's font scan would read). */
static int
obj_fonts_inert(void *q, const char *key, qpdf_oh v)
{
	(void)key;
	return !qp.qpdf_oh_is_stream(q, v) ||
	       !qp.qpdf_oh_has_key(q, qp.qpdf_oh_get_dict(q, v), "/Resources");
}

/* Whether the annotations of page are none, or links and form fields
 * with nothing for poppler's scan to read: no appearance (a link, which
 * poppler never draws one for), or a normal appearance that is a stream
 * without resources, which poppler takes as it is (Annot::initialize;
 * AnnotWidget::draw makes one anew only when there is none, or when the
 * form asks for it: remake). */
static int
obj_fonts_annots(qpdf_data q, qpdf_oh page, int remake)
{
	qpdf_oh annots;
	int i, n;

	if (!qp.qpdf_oh_has_key(q, page, "/Annots"))
		return 1;
	annots = qp.qpdf_oh_get_key(q, page, "/Annots");
	if (!qp.qpdf_oh_is_array(q, annots))
		return 0;
	n = qp.qpdf_oh_get_array_n_items(q, annots);
	if (n > OBJ_PAINT_MAX_ANNOTS)
		return 0;
	for (i = 0; i < n; i++) {
		qpdf_oh a = qp.qpdf_oh_get_array_item(q, annots, i), ap, normal;
		const char *sub = obj_name(q, a, "/Subtype");
		int link = sub != NULL && strcmp(sub, "/Link") == 0;

		if (!link && (sub == NULL || strcmp(sub, "/Widget") != 0))
			return 0;
		if (!qp.qpdf_oh_has_key(q, a, "/AP")) {
			if (!link)
				return 0;
			continue;
		}
		ap = qp.qpdf_oh_get_key(q, a, "/AP");
		normal = obj_get(q, ap, "/N");
		/* poppler keeps the appearance by its reference */
		if (remake || qp.qpdf_oh_get_object_id(q, normal) <= 0 ||
		    !qp.qpdf_oh_is_stream(q, normal) ||
		    qp.qpdf_oh_has_key(q, qp.qpdf_oh_get_dict(q, normal),
				       "/Resources"))
			return 0;
	}
	return 1;
}

/* Whether poppler's font scan can report nothing on page that it has not
 * reported on an earlier one (see above), remake as for obj_fonts_annots;
 * met: the fonts of the earlier pages' own resources ("id gen"), to
 * which this page's are added. */
static int
obj_fonts_page(qpdf_data q, qpdf_oh page, int remake, GHashTable *met)
{
	qpdf_oh res = obj_get(q, page, "/Resources"), fonts;
	GPtrArray *keys;
	guint i;
	int known = 1;

	if (!qp.qpdf_oh_is_dictionary(q, res))
		return 0;
	if (qp.qpdf_oh_has_key(q, res, "/Font")) {
		fonts = qp.qpdf_oh_get_key(q, res, "/Font");
		if (!qp.qpdf_oh_is_dictionary(q, fonts))
			return 0;
		keys = obj_keys(q, fonts);
		for (i = 0; i < keys->len; i++) {
			char *key = obj_fonts_key(
			    q, qp.qpdf_oh_get_key(q, fonts,
						  g_ptr_array_index(keys, i)));

			if (key == NULL || i >= OBJ_PAINT_MAX_ENTRIES) {
				/* a direct font: poppler makes up its
				 * number */
				g_free(key);
				known = 0;
				break;
			}
			if (g_hash_table_contains(met, key))
				g_free(key);
			else {
				known = 0;
				g_hash_table_add(met, key);
			}
		}
		g_ptr_array_free(keys, TRUE);
	}
	return known &&
	       obj_res_entries(q, res, "/XObject", OBJ_PAINT_MAX_ENTRIES,
			       obj_fonts_inert, q) &&
	       obj_res_entries(q, res, "/Pattern", OBJ_PAINT_MAX_ENTRIES,
			       obj_fonts_inert, q) &&
	       obj_fonts_annots(q, page, remake);
}

/* The copy of the document read by q with its invisible text revealed
 * (pp_check_pdfobj.revealed), its output intent dropped when unmanaged:
 * NULL when no text is invisible. */
static GBytes *
obj_reveal(qpdf_data q, const struct pp_charte *c, int unmanaged,
	   struct pp_check_pdfobj *o)
{
	GBytes *copy = NULL;
	int n, i, changed = 0;
	struct obj_paint paint = {0};
	GHashTable *met = NULL; /* obj_fonts_page's */
	qpdf_oh root = qp.qpdf_get_root(q);
	qpdf_oh need =
	    obj_get(q, obj_get(q, root, "/AcroForm"), "/NeedAppearances");
	/* NeedAppearances other than false; optional content somewhere */
	int remake = !qp.qpdf_oh_is_null(q, need) &&
		     !(qp.qpdf_oh_is_bool(q, need) &&
		       !qp.qpdf_oh_get_bool_value(q, need));
	int hidden = qp.qpdf_oh_is_dictionary(q, root) &&
		     qp.qpdf_oh_has_key(q, root, "/OCProperties");

	n = qp.qpdf_get_num_pages(q);
	obj_tree_read(q);
	if (n > 0 && n <= PP_CHECK_MAX_PAGES) {
		o->imageless = pp_xcalloc((size_t)n, 1);
		o->textsafe = pp_xcalloc((size_t)n, 1);
		o->fonts_known = pp_xcalloc((size_t)n, 1);
		o->npages = n;
		met = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    NULL);
		if (unmanaged && c != NULL)
			obj_paint_init(&paint, q, c, o);
	}
	for (i = 0; i < n && i < PP_CHECK_MAX_PAGES; i++) {
		qpdf_oh page = qp.qpdf_get_page_n(q, (size_t)i);
		unsigned char *data = NULL;
		size_t len = 0;
		GString *out = NULL;

		if (met != NULL)
			o->fonts_known[i] =
			    obj_fonts_page(q, page, remake, met);
		if (qp.qpdf_oh_get_page_content_data(q, page, &data, &len) ==
			QPDF_SUCCESS &&
		    data != NULL && len <= OBJ_MAX_CONTENT) {
			/* One pass over the content for the three readings
			 * that need it, each reading's questions on the
			 * objects asked before (the resources a paint
			 * looks names up in) or after (the annotations). */
			struct obj_reveal rv = {0};
			struct obj_textsafe ts = {0, 0, 0, 1};
			struct obj_paint_run run;
			struct obj_paint_chain ch;
			struct obj_paint_state st0;
			int text = o->imageless != NULL && !hidden, paints;

			if (o->imageless != NULL)
				o->imageless[i] =
				    !obj_page_images(q, page, data, len);
			paints =
			    o->palette_only != NULL &&
			    i < PP_CHECK_RASTER_PAGES &&
			    obj_paint_page_start(&paint, page, i, &ch, &st0);
			if (paints)
				obj_paint_run_init(&run, &paint, &ch, 0, st0);
			obj_content_read((const char *)data, len, &rv,
					 text ? &ts : NULL,
					 paints ? &run : NULL);
			out = rv.out;
			if (text)
				o->textsafe[i] =
				    ts.ok && obj_page_textsafe(q, page, remake);
			if (paints)
				o->palette_only[i] =
				    run.ok &&
				    obj_paint_page_annots(&paint, page, &ch);
		}
		free(data);
		if (out != NULL) {
			qpdf_oh s = qp.qpdf_oh_new_stream(q);
			qpdf_oh none = qp.qpdf_oh_new_null(q);

			qp.qpdf_oh_replace_stream_data(
			    q, s, (const unsigned char *)out->str, out->len,
			    none, none);
			qp.qpdf_oh_replace_key(q, page, "/Contents", s);
			qp.qpdf_oh_release(q, s);
			qp.qpdf_oh_release(q, none);
			g_string_free(out, TRUE);
			changed = 1;
		}
		qp.qpdf_oh_release(q, page);
	}
	/* The pages as poppler numbers them: only when qpdf found nothing
	 * amiss. */
	while (qp.qpdf_has_error(q))
		qp.qpdf_get_error(q);
	if (paint.judged != NULL)
		g_hash_table_destroy(paint.judged);
	if (paint.fonts != NULL)
		g_hash_table_destroy(paint.fonts);
	obj_tree_free();
	if (paint.zones != NULL)
		g_array_free(paint.zones, TRUE);
	if (paint.page_buf != NULL)
		g_array_free(paint.page_buf, TRUE);
	if (met != NULL)
		g_hash_table_destroy(met);
	if (qp.qpdf_more_warnings(q)) {
		g_free(o->imageless);
		o->imageless = NULL;
		g_free(o->textsafe);
		o->textsafe = NULL;
		g_free(o->palette_only);
		o->palette_only = NULL;
		g_free(o->fonts_known);
		o->fonts_known = NULL;
		o->npages = 0;
	}
	if (changed && unmanaged)
		qp.qpdf_oh_remove_key(q, qp.qpdf_get_root(q), "/OutputIntents");
	if (changed && qp.qpdf_init_write_memory(q) == QPDF_SUCCESS &&
	    !(qp.qpdf_write(q) & QPDF_ERRORS))
		copy = g_bytes_new(qp.qpdf_get_buffer(q),
				   qp.qpdf_get_buffer_length(q));
	return copy;
}

/* The names of the colour spaces whose colours depend on poppler's
 * display profile (see obj_unmanaged). */
static int
obj_managed_name(const char *n)
{
	return n != NULL &&
	       (strcmp(n, "/ICCBased") == 0 || strcmp(n, "/CalRGB") == 0 ||
		strcmp(n, "/CalGray") == 0 || strcmp(n, "/Lab") == 0);
}

/* Whether the array h holds direct scalars only, as qpdf writes it out
 * (numbers, names, strings, booleans, nulls: no reference "n g R", no
 * array nor dictionary within); its items then taken from that text as
 * the walk would have popped them, last first: each a visit (*visits),
 * those within OBJ_MAX_VISITS looked at (a name among obj_managed_name's
 * sets o->managed).  One call to qpdf instead of three or four an item
 * (a font's widths are hundreds of numbers).  0, nothing done, when the
 * array holds anything else. */
static int
obj_scalar_array(qpdf_data q, qpdf_oh h, long *visits,
		 struct pp_check_pdfobj *o)
{
	const char *s = qp.qpdf_oh_unparse_resolved(q, h), *p, *end;
	long n = 0, managed = -1; /* the last managed name's index */

	if (s == NULL)
		return 0;
	end = s + strlen(s);
	p = obj_skip_blank(s, end);
	if (p == end || *p != '[')
		return 0;
	for (p++; (p = obj_skip_blank(p, end)) < end && *p != ']'; n++) {
		const char *t = obj_token_end(p, end);
		size_t k = (size_t)(t - p);
		char name[16];

		if (*p == '/' && k < sizeof(name)) {
			memcpy(name, p, k);
			name[k] = '\0';
			if (obj_managed_name(name))
				managed = n;
		} else if (!(*p == '/' || *p == '(' ||
			     (*p == '<' && k > 1 && p[1] != '<') ||
			     g_ascii_isdigit(*p) || *p == '-' || *p == '+' ||
			     *p == '.' ||
			     (k == 4 && memcmp(p, "true", 4) == 0) ||
			     (k == 4 && memcmp(p, "null", 4) == 0) ||
			     (k == 5 && memcmp(p, "false", 5) == 0))) {
			return 0; /* R, [, <<, anything else */
		}
		p = t;
	}
	if (p == end || obj_skip_blank(p + 1, end) != end)
		return 0;
	/* item i is the (n - i)th popped: looked at while within the bound */
	if (managed >= 0 && *visits + (n - managed) <= OBJ_MAX_VISITS)
		o->managed = 1;
	*visits += n;
	if (*visits > OBJ_MAX_VISITS)
		o->partial = 1;
	return 1;
}

/* Every object reachable from the trailer, once, within OBJ_MAX_VISITS:
 * JavaScript, fonts, colour spaces. */
static void
obj_walk(qpdf_data q, FT_Library ft, struct pp_check_pdfobj *o)
{
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	qpdf_oh h = qp.qpdf_get_trailer(q);
	long visits = 0;

	g_array_append_val(stack, h);
	while (stack->len > 0) {
		enum qpdf_object_type_e type;

		h = g_array_index(stack, qpdf_oh, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		if (++visits > OBJ_MAX_VISITS) {
			o->partial = 1;
			qp.qpdf_oh_release(q, h);
			continue;
		}
		/* One call for the type: each call of qpdf's C API costs
		 * about a thousand instructions.  (Not a switch: the list
		 * of types grows with qpdf's versions.) */
		type = qp.qpdf_oh_get_type_code(q, h);
		/* Indirect containers once; direct ones are trees.  A
		 * scalar is looked at again when met again (only a name
		 * tells anything, the same each time): no need to ask
		 * for its number. */
		if (type == ot_stream || type == ot_dictionary ||
		    type == ot_array) {
			int id = qp.qpdf_oh_get_object_id(q, h);

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
		}
		if (type == ot_stream) {
			qpdf_oh d = qp.qpdf_oh_get_dict(q, h);

			obj_dict(q, d, ft, o, stack);
			qp.qpdf_oh_release(q, d);
		} else if (type == ot_dictionary) {
			obj_dict(q, h, ft, o, stack);
		} else if (type == ot_array &&
			   !obj_scalar_array(q, h, &visits, o)) {
			int n = qp.qpdf_oh_get_array_n_items(q, h), i;

			for (i = 0; i < n; i++) {
				qpdf_oh v = qp.qpdf_oh_get_array_item(q, h, i);

				g_array_append_val(stack, v);
			}
		} else if (type == ot_name &&
			   obj_managed_name(qp.qpdf_oh_get_name(q, h))) {
			o->managed = 1;
		}
		qp.qpdf_oh_release(q, h);
	}
	if (o->partial)
		o->managed = 1;
	g_array_free(stack, TRUE);
	g_hash_table_destroy(seen);
}

/* --- The output intent ---------------------------------------------------
 *
 * poppler (22.12, built with lcms) makes the ICC profile of a document's
 * output intent (every PDF/A has one) its display profile, and does so
 * again for each pass over a page (Gfx::initDisplayProfile): four colour
 * transforms built from the profile, about 22 M instructions each time
 * for an sRGB profile, for every page rendered, mapped or read for its
 * text — most of the check of a PDF/A.  That profile changes only the
 * colours of the CalGray, CalRGB, Lab and ICCBased colour spaces (and of
 * the device spaces a DefaultRGB-like entry maps to one of these); device
 * colours are taken as they are.  A document that names none of those
 * spaces is therefore shown the same without it.  poppler is then given
 * the file with an incremental update appended that makes the profile's
 * stream null: every other byte is the file's own, so poppler reads the
 * same objects as from the file, and its output intent no longer holds a
 * profile. */

/* A larger file is read by poppler from the disk, as it was: in memory
 * it would count against the check child's memory limit. */
#define OBJ_MAX_SHOWN	 (8u << 20)
#define OBJ_STARTXREF_IN 1024 /* where poppler looks for startxref */

/* The indirect object h as "id gen R" into s; 0 when h is direct. */
static int
obj_ref(qpdf_data q, qpdf_oh h, GString *s)
{
	int id = qp.qpdf_oh_get_object_id(q, h);

	if (id <= 0)
		return 0;
	g_string_append_printf(s, "%d %d R", id,
			       qp.qpdf_oh_get_generation(q, h));
	return 1;
}

/* The offset after "startxref" near the end of data, or -1. */
static long long
obj_startxref(const char *data, size_t len)
{
	size_t from = len > OBJ_STARTXREF_IN ? len - OBJ_STARTXREF_IN : 0;
	size_t i;

	for (i = len >= 9 ? len - 9 : 0; i + 1 > from; i--) {
		if (memcmp(data + i, "startxref", 9) == 0) {
			const char *p = data + i + 9, *end = data + len;
			long long v = 0;
			int digits = 0;

			while (p < end && obj_white(*p))
				p++;
			for (; p < end && *p >= '0' && *p <= '9' && digits < 18;
			     p++, digits++)
				v = v * 10 + (*p - '0');
			return digits > 0 && v < (long long)len ? v : -1;
		}
		if (i == 0)
			break;
	}
	return -1;
}

/* The trailer of the update that sets the output intent's profile aside
 * (obj_unmanaged), from "/Size" to before "/Prev", with the profile's
 * object number and generation in *id, *gen; or NULL when the document
 * cannot do without the profile or qpdf found anything amiss. */
static GString *
obj_unmanaged_trailer(qpdf_data q, const struct pp_check_pdfobj *o, int *id,
		      int *gen)
{
	qpdf_oh trailer, root, intents, profile, size;
	GString *t;
	int ok;

	if (o->managed || qp.qpdf_is_encrypted(q) || qp.qpdf_more_warnings(q))
		return NULL;
	root = qp.qpdf_get_root(q);
	intents = obj_get(q, root, "/OutputIntents");
	/* poppler takes the profile of a sole output intent only. */
	if (!qp.qpdf_oh_is_array(q, intents) ||
	    qp.qpdf_oh_get_array_n_items(q, intents) != 1)
		return NULL;
	profile = obj_get(q, qp.qpdf_oh_get_array_item(q, intents, 0),
			  "/DestOutputProfile");
	*id = qp.qpdf_oh_get_object_id(q, profile);
	*gen = qp.qpdf_oh_get_generation(q, profile);
	trailer = qp.qpdf_get_trailer(q);
	size = obj_get(q, trailer, "/Size");
	if (!qp.qpdf_oh_is_stream(q, profile) || *id <= 0 || *gen < 0 ||
	    *gen > 65535 || !qp.qpdf_oh_is_integer(q, size) ||
	    qp.qpdf_oh_get_int_value(q, size) <= *id)
		return NULL;
	t = g_string_new(NULL);
	g_string_append_printf(t, "/Size %lld /Root ",
			       (long long)qp.qpdf_oh_get_int_value(q, size));
	ok = obj_ref(q, root, t);
	if (qp.qpdf_oh_has_key(q, trailer, "/Info")) {
		g_string_append(t, " /Info ");
		ok &= obj_ref(q, obj_get(q, trailer, "/Info"), t);
	}
	if (qp.qpdf_oh_has_key(q, trailer, "/ID")) {
		const char *ids =
		    qp.qpdf_oh_unparse(q, obj_get(q, trailer, "/ID"));

		ok &= ids != NULL;
		g_string_append_printf(t, " /ID %s", ids != NULL ? ids : "");
	}
	while (qp.qpdf_has_error(q)) {
		qp.qpdf_get_error(q);
		ok = 0;
	}
	if (!ok || qp.qpdf_more_warnings(q)) {
		g_string_free(t, TRUE);
		return NULL;
	}
	return t;
}

/* o->shown: path's bytes followed by an update that makes the output
 * intent's profile null, or NULL (poppler then reads the file). */
static void
obj_unmanaged(qpdf_data q, const char *path, struct pp_check_pdfobj *o)
{
	int id = 0, gen = 0;
	GString *trailer = obj_unmanaged_trailer(q, o, &id, &gen), *u;
	gchar *data = NULL;
	gsize len = 0;
	long long prev, xref;
	struct stat st;

	if (trailer == NULL)
		return;
	if (stat(path, &st) != 0 || st.st_size > OBJ_MAX_SHOWN ||
	    !g_file_get_contents(path, &data, &len, NULL) ||
	    len > OBJ_MAX_SHOWN || len < 5 || memcmp(data, "%PDF-", 5) != 0 ||
	    (prev = obj_startxref(data, len)) < 0) {
		g_free(data);
		g_string_free(trailer, TRUE);
		return;
	}
	u = g_string_new("\n");
	g_string_append_printf(u, "%d %d obj\nnull\nendobj\n", id, gen);
	xref = (long long)(len + u->len);
	/* an xref entry is 20 bytes: "oooooooooo ggggg n\r\n" */
	g_string_append_printf(u,
			       "xref\n%d 1\n%010lld %05d n\r\ntrailer\n<< %s "
			       "/Prev %lld >>\nstartxref\n%lld\n%%%%EOF\n",
			       id, (long long)len + 1, gen, trailer->str, prev,
			       xref);
	g_string_free(trailer, TRUE);
	data = g_realloc(data, len + u->len);
	memcpy(data + len, u->str, u->len);
	o->shown = g_bytes_new_take(data, len + u->len);
	g_string_free(u, TRUE);
}

int
pp_check_pdfobj_read(const char *path, const struct pp_charte *c,
		     struct pp_check_pdfobj *o)
{
	qpdf_data q;
	FT_Library ft;

	memset(o, 0, sizeof(*o));
	o->families =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	o->nameless = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					    obj_free_sample);
	if (FT_Init_FreeType(&ft) != 0)
		return -1;
	q = qp.qpdf_init();
	qp.qpdf_silence_errors(q);
	qp.qpdf_set_suppress_warnings(q, 1);
	if (qp.qpdf_read(q, path, NULL) & QPDF_ERRORS) {
		/* taken, or qpdf_cleanup prints that it was not */
		while (qp.qpdf_has_error(q))
			qp.qpdf_get_error(q);
		qp.qpdf_cleanup(&q);
		FT_Done_FreeType(ft);
		return -1;
	}
	obj_info(q, &o->info);
	obj_walk(q, ft, o);
	obj_recognise(ft, c, o);
	obj_unmanaged(q, path, o);
	o->revealed = obj_reveal(q, c, !o->managed, o);
	while (qp.qpdf_has_error(q))
		qp.qpdf_get_error(q);
	qp.qpdf_cleanup(&q);
	FT_Done_FreeType(ft);
	return 0;
}

void
pp_check_pdfobj_fini(struct pp_check_pdfobj *o)
{
	if (o->families != NULL)
		g_hash_table_destroy(o->families);
	if (o->nameless != NULL)
		g_hash_table_destroy(o->nameless);
	if (o->shown != NULL)
		g_bytes_unref(o->shown);
	if (o->revealed != NULL)
		g_bytes_unref(o->revealed);
	g_free(o->imageless);
	g_free(o->textsafe);
	g_free(o->palette_only);
	g_free(o->fonts_known);
	pp_check_info_fini(&o->info);
	memset(o, 0, sizeof(*o));
}
