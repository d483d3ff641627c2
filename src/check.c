/* SPDX-License-Identifier: EUPL-1.2 */
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <poll.h>
#include <poppler.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "buf.h"
#include "check.h"
#include "colour.h"
#include "config.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "xalloc.h"

/* poppler and libzip, opened on the first check (dynlib.h). */
#define POP_FUNCS(X)                                                           \
	X(poppler_error_quark)                                                 \
	X(poppler_document_create_dests_tree)                                  \
	X(poppler_document_get_n_pages)                                        \
	X(poppler_document_get_page)                                           \
	X(poppler_document_get_title)                                          \
	X(poppler_document_new_from_file)                                      \
	X(poppler_font_info_new)                                               \
	X(poppler_font_info_scan)                                              \
	X(poppler_fonts_iter_free)                                             \
	X(poppler_fonts_iter_get_name)                                         \
	X(poppler_fonts_iter_is_embedded)                                      \
	X(poppler_fonts_iter_next)                                             \
	X(poppler_page_free_image_mapping)                                     \
	X(poppler_page_free_text_attributes)                                   \
	X(poppler_page_get_image_mapping)                                      \
	X(poppler_page_get_size)                                               \
	X(poppler_page_get_text)                                               \
	X(poppler_page_get_text_attributes)                                    \
	X(poppler_page_get_text_layout)                                        \
	X(poppler_page_render)                                                 \
	X(poppler_structure_element_iter_free)                                 \
	X(poppler_structure_element_iter_new)
#define ZIP_FUNCS(X)                                                           \
	X(zip_discard)                                                         \
	X(zip_fclose)                                                          \
	X(zip_fopen)                                                           \
	X(zip_fread)                                                           \
	X(zip_get_name)                                                        \
	X(zip_get_num_entries)                                                 \
	X(zip_open)                                                            \
	X(zip_stat)
static struct {
	POP_FUNCS(PP_DYNLIB_FUNC)
} pop;
static struct {
	ZIP_FUNCS(PP_DYNLIB_FUNC)
} zp;
static struct pp_dynlib pop_lib =
    PP_DYNLIB_INIT(PP_SONAME_POPPLER_GLIB, PP_LIBPATH_POPPLER_GLIB,
		   PP_PACKAGE_POPPLER_GLIB, N_("check PDF files"));
static struct pp_dynlib zip_lib = PP_DYNLIB_INIT(
    PP_SONAME_ZIP, PP_LIBPATH_ZIP, PP_PACKAGE_ZIP, N_("read ODT files"));

/* Bounds on untrusted input. */
#define CHECK_MAX_PDF_BYTES   (256u << 20)
#define CHECK_MAX_PAGES	      2000
#define CHECK_RASTER_PAGES    50 /* pages whose vector colours are sampled */
#define CHECK_MAX_ZIP_ENTRIES 10000
#define CHECK_MAX_PART_BYTES  (64u << 20)

static const struct {
	const char *id;
	enum pp_severity severity;
	const char *summary;
} check_rules[PP_RULE__COUNT] = {
#define X(name, id, sev, summary) {id, PP_SEV_##sev, summary},
#include "checkrules.def"
#undef X
};

const char *
pp_check_rule_id(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? check_rules[rule].id : "?";
}

enum pp_severity
pp_check_rule_severity(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? check_rules[rule].severity
				     : PP_SEV_WARNING;
}

const char *
pp_check_rule_summary(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? _(check_rules[rule].summary) : "";
}

void
pp_check_init(struct pp_check *r, const char *file)
{
	memset(r, 0, sizeof(*r));
	r->file = pp_xstrdup(file);
}

void
pp_check_fini(struct pp_check *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->items[i].found);
		free(r->items[i].expected);
	}
	free(r->items);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

/* A new finding at the end of r, for the caller to fill in. */
static struct pp_finding *
check_push(struct pp_check *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->items =
		    pp_xreallocarray(r->items, r->cap, sizeof(*r->items));
	}
	return &r->items[r->n++];
}

__attribute__((format(printf, 9, 10))) static void
check_add(struct pp_check *r, enum pp_check_rule rule, int page, double x,
	  double y, double w, double h, const char *expected, const char *fmt,
	  ...)
{
	struct pp_finding *f;
	va_list ap;
	char found[1024];

	va_start(ap, fmt);
	vsnprintf(found, sizeof(found), fmt, ap);
	va_end(ap);
	f = check_push(r);
	f->rule = rule;
	f->severity = pp_check_rule_severity(rule);
	f->page = page;
	f->x = x;
	f->y = y;
	f->w = w;
	f->h = h;
	f->found = pp_xstrdup(found);
	f->expected = pp_xstrdup(expected != NULL ? expected : "");
}

size_t
pp_check_count(const struct pp_check *r, enum pp_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->items[i].severity == sev;
	return n;
}

/* --- Fonts
 * -------------------------------------------------------------------- */

struct check_box {
	double x0, y0, x1, y1; /* pt */
	int set;
};

/* "ABCDEF+LiberationSans-Bold" -> "liberationsansbold" for comparing. */
static char *
check_font_key(const char *name)
{
	const char *plus = strchr(name, '+');
	GString *s = g_string_new("");

	if (plus != NULL && plus - name == 6)
		name = plus + 1;
	for (; *name != '\0'; name++)
		if (g_ascii_isalnum(*name))
			g_string_append_c(s, g_ascii_tolower(*name));
	return g_string_free(s, FALSE);
}

/* 0 allowed, 1 substitute, 2 outside the charter. */
static int
check_font_class(const struct pp_charte *c, const char *name)
{
	char *key = check_font_key(name);
	int cls = 2;
	size_t i;

	for (i = 0; i < c->rules.nfonts_allowed && cls == 2; i++) {
		GRegex *re = g_regex_new(c->rules.fonts_allowed[i],
					 G_REGEX_CASELESS, 0, NULL);
		const char *stripped =
		    strchr(name, '+') != NULL && strchr(name, '+') - name == 6
			? strchr(name, '+') + 1
			: name;

		if (re != NULL && g_regex_match(re, stripped, 0, NULL))
			cls = 0;
		if (re != NULL)
			g_regex_unref(re);
	}
	for (i = 0; i < c->rules.nfonts_substitutes && cls == 2; i++) {
		char *sub = check_font_key(c->rules.fonts_substitutes[i]);

		if (g_str_has_prefix(key, sub))
			cls = 1;
		g_free(sub);
	}
	g_free(key);
	return cls;
}

static char *
check_font_list(const struct pp_charte *c)
{
	GString *s = g_string_new("");
	size_t i;

	for (i = 0; i < c->rules.nfonts_allowed; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "",
				       c->rules.fonts_allowed[i][0] == '^'
					   ? c->rules.fonts_allowed[i] + 1
					   : c->rules.fonts_allowed[i]);
	return g_string_free(s, FALSE);
}

/* where: the text set in that font on the page (pt), or NULL. */
static void
check_font(struct pp_check *r, const struct pp_charte *c, const char *name,
	   int embedded, int page, GHashTable *seen,
	   const struct check_box *where)
{
	char *list;
	double x = 0, y = 0, w = 0, h = 0;

	if (name == NULL || g_hash_table_contains(seen, name))
		return;
	g_hash_table_add(seen, g_strdup(name));
	if (where != NULL && where->set) {
		x = PP_PT_TO_MM(where->x0);
		y = PP_PT_TO_MM(where->y0);
		w = PP_PT_TO_MM(where->x1 - where->x0);
		h = PP_PT_TO_MM(where->y1 - where->y0);
	}
	list = check_font_list(c);
	switch (check_font_class(c, name)) {
	case 0:
		break;
	case 1:
		check_add(
		    r, PP_RULE_POLICE_SUBSTITUTION, page, x, y, w, h, list,
		    _("the typeface %s stands in for the charter's"), name);
		break;
	default:
		check_add(r, PP_RULE_POLICE_HORS_CHARTE, page, x, y, w, h, list,
			  _("the typeface %s is not in the charter"), name);
		break;
	}
	if (embedded == 0)
		check_add(r, PP_RULE_POLICE_NON_INCORPOREE, page, x, y, w, h,
			  _("every font embedded in the PDF"),
			  _("the font %s is not embedded: another computer "
			    "will print it with another font"),
			  name);
	g_free(list);
}

/* --- PDF
 * ---------------------------------------------------------------------- */

static void
check_box_add(struct check_box *b, double x0, double y0, double x1, double y1)
{
	if (!b->set) {
		b->x0 = x0;
		b->y0 = y0;
		b->x1 = x1;
		b->y1 = y1;
		b->set = 1;
		return;
	}
	b->x0 = fmin(b->x0, x0);
	b->y0 = fmin(b->y0, y0);
	b->x1 = fmax(b->x1, x1);
	b->y1 = fmax(b->y1, y1);
}

#define MM(pt) PP_PT_TO_MM(pt)

struct check_marque {
	int page;	   /* 1-based */
	double x, y, w, h; /* pt: the Marianne block */
};

static void
check_log_handler(const gchar *domain, GLogLevelFlags level,
		  const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data; /* poppler's own notes about repairs: not ours to print */
}

/* paraphe's own mark: a named destination with the Marianne block's box. */
static gboolean
check_dest_cb(gpointer key, gpointer value, gpointer data)
{
	GArray *found = data;
	const char *name = key;
	PopplerDest *dest = value;
	struct check_marque m;

	if (g_str_has_prefix(name, "paraphe-logo-")) {
		const char *colon = strchr(name, ':');

		/* A partner logo: its own colours, excluded from the
		 * palette rule like images (negative page marks it). */
		if (colon != NULL && sscanf(colon + 1, "%lf:%lf:%lf:%lf", &m.x,
					    &m.y, &m.w, &m.h) == 4) {
			m.page = -(dest != NULL ? dest->page_num : 1);
			g_array_append_val(found, m);
		}
		return FALSE;
	}
	if (g_str_has_prefix(name, "paraphe-bloc-marque:") &&
	    sscanf(name + 20, "%lf:%lf:%lf:%lf", &m.x, &m.y, &m.w, &m.h) == 4) {
		m.page = dest != NULL ? dest->page_num : 1;
		g_array_append_val(found, m);
	}
	return FALSE;
}

/* Third-party files: the motto under the title, in the text. */
static void
check_find_motto(PopplerPage *page, int pno, GArray *found)
{
	char *text = pop.poppler_page_get_text(page);
	PopplerRectangle *rects = NULL;
	guint n = 0;
	const char *p;

	if (text == NULL)
		return;
	if (!pop.poppler_page_get_text_layout(page, &rects, &n)) {
		g_free(text);
		return;
	}
	for (p = strstr(text, "Fraternit"); p != NULL;
	     p = strstr(p + 1, "Fraternit")) {
		glong idx = g_utf8_pointer_to_offset(text, p);
		const char *lib = NULL, *q;
		struct check_marque m;

		/* "Liberté" within the 120 bytes before, the page's first
		 * characters included. */
		for (q = p; p - q < 120; q--) {
			if (strncmp(q, "Libert", 6) == 0) {
				lib = q;
				break;
			}
			if (q == text)
				break;
		}
		if (lib == NULL || (guint)idx >= n)
			continue;
		{
			glong li = g_utf8_pointer_to_offset(text, lib);
			PopplerRectangle *a = &rects[li], *b = &rects[idx];

			m.page = pno;
			m.x = fmin(a->x1, b->x1);
			m.y = a->y1;
			m.w = fmax(a->x2, b->x2) - m.x;
			m.h = b->y2 - a->y1;
			/* Size unknown for artwork: not checked. */
			m.h = -m.h;
			g_array_append_val(found, m);
		}
	}
	g_free(rects);
	g_free(text);
}

static int
check_in_box(double x, double y, const struct check_marque *m, size_t n,
	     int page, double margin)
{
	size_t i;

	for (i = 0; i < n; i++) {
		double h = fabs(m[i].h);

		if (m[i].page == -page) {
			/* a partner logo: its own box */
			if (x >= m[i].x - margin && y >= m[i].y - margin &&
			    x <= m[i].x + m[i].w + margin &&
			    y <= m[i].y + h + margin)
				return 1;
			continue;
		}
		if (m[i].page != page)
			continue;
		if (x >= m[i].x - margin && y >= m[i].y - margin &&
		    x <= m[i].x + m[i].w * 4 + margin &&
		    y <= m[i].y + h * 5 + margin)
			return 1;
	}
	return 0;
}

/* fonts: filled with where each font is used on the page (font key ->
 * struct check_box in pt). */
static void
check_pdf_text(struct pp_check *r, const struct pp_charte *c, PopplerPage *page,
	       int pno, const struct check_marque *marks, size_t nmarks,
	       double pw, GHashTable *fonts)
{
	GList *attrs = pop.poppler_page_get_text_attributes(page), *l;
	PopplerRectangle *rects = NULL;
	guint n = 0;
	struct check_box small = {0}, margin = {0};
	GHashTable *colors =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	double min_size = 1e9;

	if (!pop.poppler_page_get_text_layout(page, &rects, &n)) {
		pop.poppler_page_free_text_attributes(attrs);
		g_hash_table_destroy(colors);
		return;
	}
	for (l = attrs; l != NULL; l = l->next) {
		PopplerTextAttributes *a = l->data;
		struct check_box box = {0};
		int i;

		for (i = a->start_index; i <= a->end_index && i < (int)n; i++)
			if (rects[i].x2 > rects[i].x1)
				check_box_add(&box, rects[i].x1, rects[i].y1,
					      rects[i].x2, rects[i].y2);
		if (box.set && a->font_name != NULL) {
			char *key = check_font_key(a->font_name);
			struct check_box *fb = g_hash_table_lookup(fonts, key);

			if (fb == NULL) {
				fb = pp_xcalloc(1, sizeof(*fb));
				g_hash_table_insert(fonts, key, fb);
			} else {
				g_free(key);
			}
			check_box_add(fb, box.x0, box.y0, box.x1, box.y1);
		}
		if (!box.set ||
		    check_in_box(box.x0, box.y0, marks, nmarks, pno, 2))
			continue;
		if (a->font_size > 0 &&
		    a->font_size + 0.05 < c->rules.min_text_size) {
			check_box_add(&small, box.x0, box.y0, box.x1, box.y1);
			if (a->font_size < min_size)
				min_size = a->font_size;
		}
		if (box.x0 < c->margin_left - c->rules.margin_tolerance ||
		    box.x1 > pw - c->margin_right + c->rules.margin_tolerance)
			check_box_add(&margin, box.x0, box.y0, box.x1, box.y1);
		{
			char key[16];
			struct check_box *cb;

			snprintf(key, sizeof(key), "%02x%02x%02x",
				 a->color.red >> 8, a->color.green >> 8,
				 a->color.blue >> 8);
			cb = g_hash_table_lookup(colors, key);
			if (cb == NULL) {
				cb = pp_xcalloc(1, sizeof(*cb));
				g_hash_table_insert(colors, g_strdup(key), cb);
			}
			check_box_add(cb, box.x0, box.y0, box.x1, box.y1);
		}
	}
	if (small.set) {
		char exp[64];

		snprintf(exp, sizeof(exp), _("at least %.1f pt"),
			 c->rules.min_text_size);
		check_add(r, PP_RULE_TEXTE_TROP_PETIT, pno, MM(small.x0),
			  MM(small.y0), MM(small.x1 - small.x0),
			  MM(small.y1 - small.y0), exp,
			  _("text set in %.1f pt"), min_size);
	}
	if (margin.set)
		check_add(r, PP_RULE_MARGES, pno, MM(margin.x0), MM(margin.y0),
			  MM(margin.x1 - margin.x0), MM(margin.y1 - margin.y0),
			  _("text inside the left and right margins of the "
			    "charter"),
			  _("text reaches into the margin"));
	{
		static const struct pp_color white = {1.0, 1.0, 1.0};
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, colors);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			struct check_box *b = v;
			struct pp_color col;
			const char *near;
			double d, ratio;
			char exp[128];

			{
				char hex[8];

				snprintf(hex, sizeof(hex), "#%s", (char *)k);
				pp_color_parse(hex, &col);
			}
			d = pp_colour_nearest(c->palette, c->npalette, &col,
					      &near);
			if (d > c->rules.color_tolerance) {
				snprintf(exp, sizeof(exp),
					 _("a palette colour (nearest: %s, "
					   "ΔE %.1f)"),
					 near ? near : "?", d);
				check_add(r, PP_RULE_COULEUR_HORS_PALETTE, pno,
					  MM(b->x0), MM(b->y0),
					  MM(b->x1 - b->x0), MM(b->y1 - b->y0),
					  exp, _("text in #%s"), (char *)k);
			}
			ratio = pp_colour_contrast(&col, &white);
			if (ratio < c->rules.min_contrast) {
				snprintf(exp, sizeof(exp),
					 _("a contrast of at least %.1f:1"),
					 c->rules.min_contrast);
				check_add(r, PP_RULE_CONTRASTE, pno, MM(b->x0),
					  MM(b->y0), MM(b->x1 - b->x0),
					  MM(b->y1 - b->y0), exp,
					  _("text in #%s on white: contrast "
					    "%.1f:1"),
					  (char *)k, ratio);
			}
		}
	}
	g_hash_table_destroy(colors);
	g_free(rects);
	pop.poppler_page_free_text_attributes(attrs);
}

/* Vector colours: the page rasterised small; flat areas outside images and
 * the bloc-marque compared with the palette. */
static void
check_pdf_colours(struct pp_check *r, const struct pp_charte *c,
		  PopplerPage *page, int pno, const struct check_marque *marks,
		  size_t nmarks, double pw, double ph)
{
	const double scale = 0.5; /* 36 dpi */
	int w = (int)(pw * scale) + 1, h = (int)(ph * scale) + 1, x, y;
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr;
	GList *images, *l;
	GHashTable *buckets;
	unsigned char *data;
	int stride;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		/* out of memory: the colours of this page are not checked */
		cairo_surface_destroy(s);
		r->partial = 1;
		return;
	}
	cr = cairo_create(s);
	images = pop.poppler_page_get_image_mapping(page);
	buckets =
	    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	pop.poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 1; y + 1 < h; y++) {
		for (x = 1; x + 1 < w; x++) {
			guint32 *row = (guint32 *)(data + y * stride);
			guint32 px = row[x] & 0xffffff;
			double fx = x / scale, fy = y / scale;
			struct check_box *b;
			int inside = 0;

			if (px == 0xffffff || (row[x - 1] & 0xffffff) != px ||
			    (row[x + 1] & 0xffffff) != px ||
			    (((guint32 *)(data + (y - 1) * stride))[x] &
			     0xffffff) != px ||
			    (((guint32 *)(data + (y + 1) * stride))[x] &
			     0xffffff) != px)
				continue;
			for (l = images; l != NULL && !inside; l = l->next) {
				PopplerImageMapping *m = l->data;

				inside = fx >= m->area.x1 && fx <= m->area.x2 &&
					 fy >= m->area.y1 && fy <= m->area.y2;
			}
			if (inside ||
			    check_in_box(fx, fy, marks, nmarks, pno, 4))
				continue;
			b = g_hash_table_lookup(buckets,
						GUINT_TO_POINTER(px + 1));
			if (b == NULL) {
				b = pp_xcalloc(1, sizeof(*b) + sizeof(int));
				g_hash_table_insert(
				    buckets, GUINT_TO_POINTER(px + 1), b);
			}
			/* One pixel more on each side: the edge pixels,
			 * antialiased or beside them, are not counted. */
			check_box_add(b, fx - 1 / scale, fy - 1 / scale,
				      fx + 2 / scale, fy + 2 / scale);
			((int *)(b + 1))[0]++;
		}
	}
	{
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, buckets);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			guint32 px = GPOINTER_TO_UINT(k) - 1;
			struct check_box *b = v;
			int count = ((int *)(b + 1))[0];
			struct pp_color col = {((px >> 16) & 0xff) / 255.0,
					       ((px >> 8) & 0xff) / 255.0,
					       (px & 0xff) / 255.0};
			const char *near;
			double d;
			char exp[128];

			if (count < 12)
				continue;
			d = pp_colour_nearest(c->palette, c->npalette, &col,
					      &near);
			if (d <= c->rules.color_tolerance)
				continue;
			snprintf(exp, sizeof(exp),
				 _("a palette colour (nearest: %s, ΔE %.1f)"),
				 near ? near : "?", d);
			check_add(r, PP_RULE_COULEUR_HORS_PALETTE, pno,
				  MM(b->x0), MM(b->y0), MM(b->x1 - b->x0),
				  MM(b->y1 - b->y0), exp, _("an area in #%06x"),
				  (unsigned)px);
		}
	}
	g_hash_table_destroy(buckets);
	pop.poppler_page_free_image_mapping(images);
	cairo_surface_destroy(s);
}

static void
check_pdf_logos(struct pp_check *r, const struct pp_charte *c,
		PopplerPage *page, const struct check_marque *m)
{
	GList *images = pop.poppler_page_get_image_mapping(page), *l;
	double bloc_h = c->marque.height;

	for (l = images; l != NULL; l = l->next) {
		PopplerImageMapping *im = l->data;
		double h = im->area.y2 - im->area.y1;

		if (check_in_box(im->area.x1, im->area.y1, m, 1, 1, 2))
			continue;
		if (h > bloc_h + 1 || im->area.x1 < m->x - 1 ||
		    im->area.y1 < m->y - 1)
			check_add(r, PP_RULE_LOGO_PARTENAIRE, 1,
				  MM(im->area.x1), MM(im->area.y1),
				  MM(im->area.x2 - im->area.x1), MM(h),
				  _("partner logos right of or below the "
				    "bloc-marque, never taller"),
				  _("a logo %.1f mm high"), MM(h));
	}
	pop.poppler_page_free_image_mapping(images);
}

static int
check_pdf(const char *path, const struct pp_charte *c, struct pp_check *r,
	  struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	GError *gerr = NULL;
	char *abs = g_canonicalize_filename(path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, NULL);
	PopplerDocument *doc;
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(struct check_marque));
	GHashTable *fonts =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	int npages, i, format_reported = 0;
	PopplerFontInfo *fi;
	GHashTable *used;
	guint handler;
	char *title;

	handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK,
				    check_log_handler, NULL);
	doc = uri != NULL ? pop.poppler_document_new_from_file(uri, NULL, &gerr)
			  : NULL;
	g_free(uri);
	g_free(abs);
	if (doc == NULL) {
		if (gerr != NULL &&
		    g_error_matches(gerr, pop.poppler_error_quark(),
				    POPPLER_ERROR_ENCRYPTED))
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this PDF is protected by a password: "
				       "it cannot be checked"));
		else
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this PDF is damaged or is not a PDF "
				       "(%s)"),
				     gerr != NULL ? gerr->message : "?");
		g_clear_error(&gerr);
		g_log_remove_handler("Poppler", handler);
		g_array_free(marks, TRUE);
		g_hash_table_destroy(fonts);
		return -1;
	}
	npages = pop.poppler_document_get_n_pages(doc);
	r->pages = npages;
	if (npages > CHECK_MAX_PAGES) {
		r->partial = 1;
		npages = CHECK_MAX_PAGES;
	}
	title = pop.poppler_document_get_title(doc);
	if (title == NULL || title[0] == '\0')
		check_add(r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
			  _("a title in the document's properties"),
			  _("the PDF has no title"));
	g_free(title);
	{
		PopplerStructureElementIter *it =
		    pop.poppler_structure_element_iter_new(doc);

		if (it == NULL)
			check_add(r, PP_RULE_PDF_NON_BALISE, 0, 0, 0, 0, 0,
				  _("a tagged PDF"),
				  _("the PDF has no structure tags"));
		else
			pop.poppler_structure_element_iter_free(it);
	}
	{
		GTree *dests = pop.poppler_document_create_dests_tree(doc);

		if (dests != NULL) {
			g_tree_foreach(dests, check_dest_cb, marks);
			g_tree_destroy(dests);
		}
	}
	fi = pop.poppler_font_info_new(doc);
	used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	for (i = 0; i < npages; i++) {
		PopplerPage *page = pop.poppler_document_get_page(doc, i);
		double pw = 0, ph = 0;

		if (page == NULL)
			continue;
		pop.poppler_page_get_size(page, &pw, &ph);
		if (!format_reported && (fabs(pw - c->page_width) > 2 ||
					 fabs(ph - c->page_height) > 2)) {
			char exp[64];

			snprintf(exp, sizeof(exp), "%.0f × %.0f mm",
				 MM(c->page_width), MM(c->page_height));
			check_add(r, PP_RULE_FORMAT_PAGE, i + 1, 0, 0, MM(pw),
				  MM(ph), exp, _("a page of %.0f × %.0f mm"),
				  MM(pw), MM(ph));
			format_reported = 1;
		}
		{
			/* Our own mark, else the motto in the text. */
			guint before = marks->len, k;
			int own = 0;

			for (k = 0; k < before; k++)
				own |=
				    g_array_index(marks, struct check_marque, k)
					.page == i + 1;
			if (!own)
				check_find_motto(page, i + 1, marks);
		}
		check_pdf_text(r, c, page, i + 1,
			       (struct check_marque *)marks->data, marks->len,
			       pw, used);
		{
			/* The fonts first used on this page: the scanner
			 * goes on from the previous page. */
			PopplerFontsIter *fit = NULL;

			if (pop.poppler_font_info_scan(fi, 1, &fit) &&
			    fit != NULL) {
				do {
					const char *name =
					    pop.poppler_fonts_iter_get_name(
						fit);
					char *key = name != NULL
							? check_font_key(name)
							: NULL;

					check_font(
					    r, c, name,
					    pop.poppler_fonts_iter_is_embedded(
						fit),
					    i + 1, fonts,
					    key != NULL
						? g_hash_table_lookup(used, key)
						: NULL);
					g_free(key);
				} while (pop.poppler_fonts_iter_next(fit));
				pop.poppler_fonts_iter_free(fit);
			}
			g_hash_table_remove_all(used);
		}
		if (i < CHECK_RASTER_PAGES)
			check_pdf_colours(r, c, page, i + 1,
					  (struct check_marque *)marks->data,
					  marks->len, pw, ph);
		if (i == 0) {
			guint k;

			for (k = 0; k < marks->len; k++) {
				struct check_marque *m = &g_array_index(
				    marks, struct check_marque, k);

				if (m->page == 1) {
					check_pdf_logos(r, c, page, m);
					break;
				}
			}
		}
		g_object_unref(page);
	}
	/* Bloc-marque rules. */
	{
		int per_page[CHECK_MAX_PAGES + 1];
		guint k;

		memset(per_page, 0, sizeof(per_page));
		for (k = 0; k < marks->len; k++) {
			struct check_marque *m =
			    &g_array_index(marks, struct check_marque, k);
			char exp[128];

			if (m->page < 1 || m->page > CHECK_MAX_PAGES)
				continue;
			per_page[m->page]++;
			if (m->x > c->page_width * c->rules.marque_zone_width ||
			    m->y >
				c->page_height * c->rules.marque_zone_height) {
				snprintf(exp, sizeof(exp),
					 _("within the left %.0f %% and top "
					   "%.0f %% of the page"),
					 c->rules.marque_zone_width * 100,
					 c->rules.marque_zone_height * 100);
				check_add(r, PP_RULE_BLOC_MARQUE_POSITION,
					  m->page, MM(m->x), MM(m->y), MM(m->w),
					  MM(fabs(m->h)), exp,
					  _("a bloc-marque at %.0f mm from the "
					    "left and %.0f mm from the top"),
					  MM(m->x), MM(m->y));
			}
			if (m->h > 0 &&
			    m->h + 0.05 < c->rules.marque_min_height) {
				snprintf(exp, sizeof(exp),
					 _("at least %.1f mm high"),
					 MM(c->rules.marque_min_height));
				check_add(r, PP_RULE_BLOC_MARQUE_TAILLE,
					  m->page, MM(m->x), MM(m->y), MM(m->w),
					  MM(m->h), exp,
					  _("a Marianne block %.1f mm high"),
					  MM(m->h));
			}
		}
		if (npages > 0 && per_page[1] == 0)
			check_add(
			    r, PP_RULE_BLOC_MARQUE_ABSENT, 1, 0, 0,
			    MM(c->page_width * c->rules.marque_zone_width),
			    MM(c->page_height * c->rules.marque_zone_height),
			    _("the bloc-marque at the top left of page 1"),
			    _("no bloc-marque found on page 1"));
		for (i = 1; i <= npages && i <= CHECK_MAX_PAGES; i++)
			if (per_page[i] > 1)
				check_add(r, PP_RULE_BLOC_MARQUE_MULTIPLE, i, 0,
					  0, 0, 0,
					  _("one bloc-marque per page"),
					  _("%d bloc-marques on this page"),
					  per_page[i]);
	}
	g_object_unref(fi);
	g_hash_table_destroy(used);
	g_log_remove_handler("Poppler", handler);
	g_array_free(marks, TRUE);
	g_hash_table_destroy(fonts);
	g_object_unref(doc);
	return 0;
}

/* --- ODT
 * ---------------------------------------------------------------------- */

static xmlParserInputPtr
check_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Reads one entry of the package, bounded by our own limit (libzip does
 * not stop at the declared size). */
static char *
check_zip_read(zip_t *za, const char *name, size_t *len, int *too_big)
{
	zip_file_t *zf = zp.zip_fopen(za, name, 0);
	GString *s;
	char buf[65536];
	zip_int64_t n;
	zip_stat_t st;

	*too_big = 0;
	if (zf == NULL)
		return NULL;
	s = g_string_new("");
	while ((n = zp.zip_fread(zf, buf, sizeof(buf))) > 0) {
		if (s->len + (size_t)n > CHECK_MAX_PART_BYTES) {
			*too_big = 1;
			break;
		}
		g_string_append_len(s, buf, n);
	}
	zp.zip_fclose(zf);
	/* a member holding more or less than its header declares is a
	 * forgery (libzip reads on past the declared size) */
	if (n >= 0 && !*too_big &&
	    (zp.zip_stat(za, name, 0, &st) != 0 ||
	     !(st.valid & ZIP_STAT_SIZE) || st.size != s->len))
		*too_big = 2;
	if (n < 0 || *too_big) {
		g_string_free(s, TRUE);
		return NULL;
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

static double
check_length_pt(const char *v)
{
	char *end;
	double x = g_ascii_strtod(v, &end);

	if (strcmp(end, "mm") == 0)
		return PP_MM_TO_PT(x);
	if (strcmp(end, "cm") == 0)
		return PP_MM_TO_PT(x * 10);
	if (strcmp(end, "in") == 0)
		return x * 72;
	if (strcmp(end, "pt") == 0)
		return x;
	return -1;
}

struct check_odt {
	struct pp_check *r;
	const struct pp_charte *c;
	GHashTable *fonts;
	GHashTable *colors;
	int marque; /* a frame in a first-page header */
};

static void
check_odt_walk(struct check_odt *o, xmlNode *n, const char *part, int in_header)
{
	for (; n != NULL; n = n->next) {
		xmlAttr *a;
		int header = in_header;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (xmlStrcmp(n->name, BAD_CAST "header") == 0 ||
		    xmlStrcmp(n->name, BAD_CAST "header-first") == 0)
			header = 1;
		if (header && xmlStrcmp(n->name, BAD_CAST "frame") == 0)
			o->marque = 1;
		for (a = n->properties; a != NULL; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			const char *name = (const char *)a->name;

			if (v == NULL)
				continue;
			if (strcmp(name, "font-family") == 0 ||
			    (strcmp(name, "name") == 0 &&
			     xmlStrcmp(n->name, BAD_CAST "font-face") == 0)) {
				char *f = g_strdup((const char *)v);

				g_strdelimit(f, "'\"", ' ');
				g_strstrip(f);
				check_font(o->r, o->c, f, -1, 0, o->fonts,
					   NULL);
				g_free(f);
			}
			if ((strcmp(name, "color") == 0 ||
			     strcmp(name, "background-color") == 0) &&
			    v[0] == '#' &&
			    !g_hash_table_contains(o->colors, v)) {
				struct pp_color col;
				const char *near;
				double d;

				g_hash_table_add(o->colors,
						 g_strdup((const char *)v));
				if (pp_color_parse((const char *)v, &col) ==
				    0) {
					d = pp_colour_nearest(o->c->palette,
							      o->c->npalette,
							      &col, &near);
					if (d > o->c->rules.color_tolerance) {
						char exp[128];

						snprintf(exp, sizeof(exp),
							 _("a palette colour "
							   "(nearest: %s, ΔE "
							   "%.1f)"),
							 near ? near : "?", d);
						check_add(
						    o->r,
						    PP_RULE_COULEUR_HORS_PALETTE,
						    0, 0, 0, 0, 0, exp,
						    _("the colour %s in "
						      "%s, line %d"),
						    (const char *)v, part,
						    (int)xmlGetLineNo(n));
					}
				}
			}
			if (xmlStrcmp(n->name,
				      BAD_CAST "page-layout-properties") == 0 &&
			    (strcmp(name, "page-width") == 0 ||
			     strcmp(name, "page-height") == 0)) {
				double pt = check_length_pt((const char *)v);
				double want = name[5] == 'w'
						  ? o->c->page_width
						  : o->c->page_height;

				if (pt > 0 && fabs(pt - want) > 2) {
					char exp[64];

					snprintf(exp, sizeof(exp), "%.0f mm",
						 MM(want));
					check_add(o->r, PP_RULE_FORMAT_PAGE, 0,
						  0, 0, 0, 0, exp,
						  _("a page %s of %s in %s"),
						  name + 5, (const char *)v,
						  part);
				}
			}
			xmlFree(v);
		}
		check_odt_walk(o, n->children, part, header);
	}
}

static int
check_odt(const char *path, const struct pp_charte *c, struct pp_check *r,
	  struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	static const char *const parts[] = {"styles.xml", "content.xml"};
	struct check_odt o;
	zip_t *za;
	zip_int64_t n, i;
	int zerr = 0, k, rc = -1;

	za = zp.zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (za == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this ODT is damaged or is not an ODT (its zip "
			       "structure is inconsistent)"));
		return -1;
	}
	n = zp.zip_get_num_entries(za, 0);
	if (n < 0 || n > CHECK_MAX_ZIP_ENTRIES) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this package holds too many files"));
		zp.zip_discard(za);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = zp.zip_get_name(za, (zip_uint64_t)i, 0);

		if (name == NULL || name[0] == '/' || strstr(name, "../") ||
		    strstr(name, "..\\")) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this package holds a file named "
				       "outside itself (%s): refused"),
				     name ? name : "?");
			zp.zip_discard(za);
			return -1;
		}
	}
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.c = c;
	o.fonts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	o.colors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	xmlSetExternalEntityLoader(check_deny_loader);
	for (k = 0; k < 2; k++) {
		size_t len = 0;
		int too_big = 0;
		char *data = check_zip_read(za, parts[k], &len, &too_big);
		xmlDocPtr xml;

		if (data == NULL) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     too_big == 2
					 ? _("%s does not hold the size its "
					     "zip header declares: refused")
				     : too_big ? _("%s is larger than %u MiB "
						   "once uncompressed: refused")
					       : _("%s is missing or cannot be "
						   "read"),
				     parts[k], CHECK_MAX_PART_BYTES >> 20);
			goto out;
		}
		xml = xmlReadMemory(data, (int)len, parts[k], "UTF-8",
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
		g_free(data);
		if (xml == NULL || xml->intSubset != NULL) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("%s is not well-formed XML or declares "
				       "entities: refused"),
				     parts[k]);
			xmlFreeDoc(xml);
			goto out;
		}
		check_odt_walk(&o, xmlDocGetRootElement(xml), parts[k], 0);
		xmlFreeDoc(xml);
	}
	{
		size_t len = 0;
		int too_big = 0;
		char *meta = check_zip_read(za, "meta.xml", &len, &too_big);

		if (meta == NULL || strstr(meta, "<dc:title>") == NULL)
			check_add(r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
				  _("a title in the document's properties"),
				  _("the ODT has no title"));
		g_free(meta);
	}
	if (!o.marque)
		check_add(r, PP_RULE_BLOC_MARQUE_ABSENT, 1, 0, 0, 0, 0,
			  _("the bloc-marque at the top left of page 1"),
			  _("no image in a page header: no bloc-marque"));
	rc = 0;
out:
	g_hash_table_destroy(o.fonts);
	g_hash_table_destroy(o.colors);
	zp.zip_discard(za);
	return rc;
}

/* --- The PDF check in a child process
 * ------------------------------------------------ */

/* Why a child, and its limits as measured: doc/robustness.md. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define CHECK_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||     \
    __has_feature(thread_sanitizer)
#define CHECK_SANITIZED 1
#endif
#endif
#ifndef CHECK_SANITIZED
#define CHECK_SANITIZED 0
#endif

#define CHECK_CHILD_MIB	   256
#define CHECK_CHILD_MS	   30000
#define CHECK_GRACE_MS	   1000	       /* the parent's deadline after */
#define CHECK_MAX_REPORT   (64u << 20) /* bytes the child may send */
#define CHECK_MAX_STDERR   16384       /* bytes of its stderr kept */
#define CHECK_STDERR_TAIL  4096	       /* and of its end */
#define CHECK_REPORT_MAGIC 0x4b435050u /* "PPCK" */

static struct {
	int isolate;	     /* 1: check_pdf in a child */
	unsigned memory_mib; /* 0: no memory limit */
	unsigned time_ms;    /* 0: no time limit */
} check_limits = {1, CHECK_SANITIZED ? 0 : CHECK_CHILD_MIB, CHECK_CHILD_MS};

void
pp_check_set_isolation(int on)
{
	check_limits.isolate = on != 0;
}

void
pp_check_set_limits(unsigned memory_mib, unsigned time_ms)
{
	check_limits.memory_mib = CHECK_SANITIZED ? 0 : memory_mib;
	check_limits.time_ms = time_ms;
}

/* The report: u32 length of what follows, then
 *   u32 magic, u32 kind (0 findings, 1 error)
 *   findings: i32 pages, i32 partial, u32 n, then n times
 *             u32 rule, u32 severity, i32 page, f64 x, y, w, h,
 *             str found, str expected
 *   error:    u32 code, i32 line, i32 col, str file, str message
 * where str is a u32 length and the bytes (no NUL).  Native byte order:
 * both ends are the same program. */

static void
check_put_u32(struct pp_buf *b, unsigned v)
{
	uint32_t u = (uint32_t)v;

	pp_buf_add(b, &u, sizeof(u));
}

static void
check_put_f64(struct pp_buf *b, double v)
{
	pp_buf_add(b, &v, sizeof(v));
}

static void
check_put_str(struct pp_buf *b, const char *s)
{
	size_t len = strlen(s);

	check_put_u32(b, (unsigned)len);
	pp_buf_add(b, s, len);
}

static void
check_encode(struct pp_buf *b, int rc, const struct pp_check *r,
	     const struct pp_error *err)
{
	size_t i;

	check_put_u32(b, 0); /* the length, filled in below */
	check_put_u32(b, CHECK_REPORT_MAGIC);
	if (rc != 0) {
		check_put_u32(b, 1);
		check_put_u32(b, err->set ? (unsigned)err->code : PP_DIAG_IO);
		check_put_u32(b, (unsigned)err->line);
		check_put_u32(b, (unsigned)err->col);
		check_put_str(b, err->file);
		check_put_str(b, err->set ? err->message : "?");
	} else {
		check_put_u32(b, 0);
		check_put_u32(b, (unsigned)r->pages);
		check_put_u32(b, (unsigned)r->partial);
		check_put_u32(b, (unsigned)r->n);
		for (i = 0; i < r->n; i++) {
			const struct pp_finding *f = &r->items[i];

			check_put_u32(b, (unsigned)f->rule);
			check_put_u32(b, (unsigned)f->severity);
			check_put_u32(b, (unsigned)f->page);
			check_put_f64(b, f->x);
			check_put_f64(b, f->y);
			check_put_f64(b, f->w);
			check_put_f64(b, f->h);
			check_put_str(b, f->found);
			check_put_str(b, f->expected);
		}
	}
	{
		uint32_t len = (uint32_t)(b->len - sizeof(uint32_t));

		memcpy(b->data, &len, sizeof(len));
	}
}

struct check_reader {
	const unsigned char *p;
	size_t left;
	int bad; /* 1 once a read went past the end or a value is wrong */
};

static uint32_t
check_get_u32(struct check_reader *rd)
{
	uint32_t u = 0;

	if (rd->left < sizeof(u)) {
		rd->bad = 1;
		return 0;
	}
	memcpy(&u, rd->p, sizeof(u));
	rd->p += sizeof(u);
	rd->left -= sizeof(u);
	return u;
}

static int32_t
check_get_i32(struct check_reader *rd)
{
	uint32_t u = check_get_u32(rd);
	int32_t i;

	memcpy(&i, &u, sizeof(i));
	return i;
}

static double
check_get_f64(struct check_reader *rd)
{
	double v = 0;

	if (rd->left < sizeof(v)) {
		rd->bad = 1;
		return 0;
	}
	memcpy(&v, rd->p, sizeof(v));
	rd->p += sizeof(v);
	rd->left -= sizeof(v);
	return v;
}

/* A string without NUL, owned by the caller; NULL when malformed. */
static char *
check_get_str(struct check_reader *rd)
{
	uint32_t len = check_get_u32(rd);
	char *s;

	if (rd->bad || len > rd->left || memchr(rd->p, '\0', len) != NULL) {
		rd->bad = 1;
		return NULL;
	}
	s = pp_xstrndup((const char *)rd->p, len);
	rd->p += len;
	rd->left -= len;
	return s;
}

/* Decodes the child's report (without its length) into r or err: 0, -1
 * for an error the child reported, -2 when the report is malformed. */
static int
check_decode(const unsigned char *data, size_t len, struct pp_check *r,
	     struct pp_error *err)
{
	struct check_reader rd = {data, len, 0};
	uint32_t kind, n, k;
	size_t n0 = r->n;

	if (check_get_u32(&rd) != CHECK_REPORT_MAGIC)
		return -2;
	kind = check_get_u32(&rd);
	if (kind == 1) {
		uint32_t code = check_get_u32(&rd);
		int line = check_get_i32(&rd), col = check_get_i32(&rd);
		char *file = check_get_str(&rd);
		char *message = check_get_str(&rd);
		int ok = !rd.bad && rd.left == 0 && code < PP_DIAG__COUNT;

		if (ok) {
			struct pp_pos pos = {file, line, col};

			pp_error_set(err, (enum pp_diag_code)code,
				     file[0] != '\0' ? &pos : NULL, "%s",
				     message);
		}
		free(file);
		free(message);
		return ok ? -1 : -2;
	}
	if (kind != 0)
		return -2;
	r->pages = check_get_i32(&rd);
	r->partial |= check_get_i32(&rd) != 0;
	n = check_get_u32(&rd);
	for (k = 0; k < n && !rd.bad; k++) {
		uint32_t rule = check_get_u32(&rd), sev = check_get_u32(&rd);
		int page = check_get_i32(&rd);
		double x = check_get_f64(&rd), y = check_get_f64(&rd);
		double w = check_get_f64(&rd), h = check_get_f64(&rd);
		char *found = check_get_str(&rd),
		     *expected = check_get_str(&rd);
		struct pp_finding *f;

		/* One of our rules, with a severity a finding can have. */
		if (rd.bad || rule >= PP_RULE__COUNT ||
		    (sev != PP_SEV_ERROR && sev != PP_SEV_WARNING)) {
			rd.bad = 1;
			free(found);
			free(expected);
			break;
		}
		f = check_push(r);
		f->rule = (enum pp_check_rule)rule;
		f->severity = (enum pp_severity)sev;
		f->page = page;
		f->x = x;
		f->y = y;
		f->w = w;
		f->h = h;
		f->found = found;
		f->expected = expected;
	}
	if (!rd.bad && rd.left == 0)
		return 0;
	while (r->n > n0) { /* none of a malformed report */
		r->n--;
		free(r->items[r->n].found);
		free(r->items[r->n].expected);
	}
	return -2;
}

/* The data the process holds (VmData, bytes), 0 when unknown. */
static size_t
check_data_bytes(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	unsigned long kb = 0;

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "VmData: %lu kB", &kb) == 1)
			break;
	fclose(f);
	return (size_t)kb * 1024;
}

/* The process that forks the child, for the child to see it is gone. */
static pid_t check_parent;

/* The child: limits, the check, the report; never returns. */
__attribute__((noreturn)) static void
check_child(int report, int errfd, size_t data_limit, const char *path,
	    const struct pp_charte *c, const char *file)
{
	struct pp_check r;
	struct pp_error err;
	struct pp_buf out;
	sigset_t set;
	int rc;

	struct rlimit no_core = {0, 0};
	int null;

	/* The report pipe above the standard descriptors, which a caller
	 * may have left closed (pipe() would then have given 1 or 2). */
	if (report <= STDERR_FILENO) {
		int moved = fcntl(report, F_DUPFD, STDERR_FILENO + 1);

		if (moved < 0)
			_exit(126);
		report = moved;
	}
	if (dup2(errfd, STDERR_FILENO) < 0)
		_exit(126);
	close(errfd);
	/* Nothing on the caller's stdout (a kit's results pipe, a shell's
	 * pipe) stays open in the child. */
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDOUT_FILENO);
		dup2(null, STDIN_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	/* A parent that dies takes the child with it. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != check_parent)
		_exit(124);
	/* poppler aborts when the memory limit bites: no core file of up
	 * to 256 MiB in the user's folder for each hostile PDF. */
	setrlimit(RLIMIT_CORE, &no_core);
	prctl(PR_SET_DUMPABLE, 0);
	signal(SIGALRM, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	if (data_limit > 0) {
		struct rlimit rl;

		if (getrlimit(RLIMIT_DATA, &rl) == 0 &&
		    (rl.rlim_cur == RLIM_INFINITY ||
		     rl.rlim_cur > data_limit)) {
			rl.rlim_cur = data_limit;
			setrlimit(RLIMIT_DATA, &rl);
		}
	}
	if (check_limits.time_ms > 0) {
		struct itimerval it;

		memset(&it, 0, sizeof(it));
		it.it_value.tv_sec = check_limits.time_ms / 1000;
		it.it_value.tv_usec = (check_limits.time_ms % 1000) * 1000;
		setitimer(ITIMER_REAL, &it, NULL);
	}
	pp_check_init(&r, file);
	pp_error_init(&err);
	rc = check_pdf(path, c, &r, &err);
	pp_buf_init(&out);
	check_encode(&out, rc, &r, &err);
	if (out.len > CHECK_MAX_REPORT + sizeof(uint32_t)) {
		struct pp_pos pos = {path, 0, 0};

		pp_error_init(&err);
		pp_error_set(&err, PP_DIAG_TOO_BIG, &pos,
			     _("this PDF has more findings than %u MiB "
			       "can hold: refused"),
			     CHECK_MAX_REPORT >> 20);
		pp_buf_reset(&out);
		check_encode(&out, -1, &r, &err);
	}
	/* _exit: nothing of the parent's (stdio buffers, atexit) runs
	 * twice. */
	_exit(pp_write_all(report, out.data, out.len) == 0 ? 0 : 125);
}

static int
check_cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static long long
check_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Keeps the head of the child's stderr (shown to the user) in head, and
 * its last CHECK_STDERR_TAIL bytes in tail: the words of a failed
 * allocation come last, after any amount of poppler's warnings. */
static void
check_keep_stderr(struct pp_buf *head, char *tail, size_t *tail_len,
		  const char *buf, size_t len)
{
	size_t room =
	    head->len < CHECK_MAX_STDERR ? CHECK_MAX_STDERR - head->len : 0;

	pp_buf_add(head, buf, len < room ? len : room);
	if (len >= CHECK_STDERR_TAIL) {
		memcpy(tail, buf + len - CHECK_STDERR_TAIL, CHECK_STDERR_TAIL);
		*tail_len = CHECK_STDERR_TAIL;
	} else {
		size_t keep = *tail_len + len > CHECK_STDERR_TAIL
				  ? CHECK_STDERR_TAIL - len
				  : *tail_len;

		memmove(tail, tail + *tail_len - keep, keep);
		memcpy(tail + keep, buf, len);
		*tail_len = keep + len;
	}
}

/* What the child wrote on stderr (len bytes, NULs included) says it ran
 * out of memory. */
static int
check_said_oom(const char *data, size_t len)
{
	static const char *const marks[] = {
	    "out of memory",	      /* poppler's gmalloc, pp_xmalloc */
	    "bad_alloc",	      /* C++ new, uncaught */
	    "failed to allocate",     /* g_malloc */
	    "cannot allocate memory", /* strerror(ENOMEM) */
	};
	char *text = g_malloc(len + 1);
	size_t i;
	int found = 0;

	for (i = 0; i < len; i++)
		text[i] = data[i] == '\0' ? ' ' : g_ascii_tolower(data[i]);
	text[len] = '\0';
	for (i = 0; i < sizeof(marks) / sizeof(marks[0]) && !found; i++)
		found = strstr(text, marks[i]) != NULL;
	g_free(text);
	return found;
}

/* check_pdf in a child under check_limits. */
static int
check_pdf_isolated(const char *path, const struct pp_charte *c,
		   struct pp_check *r, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	int rp[2], ep[2], status = 0, timed_out = 0, overflow = 0, rc;
	int fork_errno;
	size_t data_limit = 0;
	struct pp_buf report, errtext;
	char errtail[CHECK_STDERR_TAIL];
	size_t tail_len = 0;
	long long deadline = 0;
	pid_t pid;

	/* What the process holds plus the allowance; no limit when /proc
	 * cannot say what it holds (an absolute limit could be below it). */
	if (check_limits.memory_mib > 0) {
		size_t held = check_data_bytes();
		size_t allow = (size_t)check_limits.memory_mib;

		if (held > 0 && allow <= (SIZE_MAX - held) >> 20)
			data_limit = held + (allow << 20);
	}
	if (check_cloexec_pipe(rp) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot start the check of this PDF: %s"),
			     strerror(errno));
		return -1;
	}
	if (check_cloexec_pipe(ep) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot start the check of this PDF: %s"),
			     strerror(errno));
		close(rp[0]);
		close(rp[1]);
		return -1;
	}
	/* Should poppler call exit(), nothing buffered is written twice. */
	fflush(NULL);
	check_parent = getpid();
	pid = fork();
	fork_errno = errno;
	if (pid == 0) {
		close(rp[0]);
		close(ep[0]);
		check_child(rp[1], ep[1], data_limit, path, c, r->file);
	}
	close(rp[1]);
	close(ep[1]);
	if (pid < 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot start the check of this PDF: %s"),
			     strerror(fork_errno));
		close(rp[0]);
		close(ep[0]);
		return -1;
	}
	if (check_limits.time_ms > 0)
		deadline =
		    check_now_ms() + check_limits.time_ms + CHECK_GRACE_MS;
	pp_buf_init(&report);
	pp_buf_init(&errtext);
	/* Both pipes until both end: a child blocked writing one while we
	 * wait on the other would never finish. */
	{
		struct pollfd fds[2] = {{rp[0], POLLIN, 0}, {ep[0], POLLIN, 0}};
		char buf[65536];
		int k;

		while (fds[0].fd >= 0 || fds[1].fd >= 0) {
			int wait_ms = -1;

			if (deadline > 0) {
				long long left = deadline - check_now_ms();

				if (left <= 0) {
					kill(pid, SIGKILL);
					timed_out = 1;
					break;
				}
				wait_ms = left > 60000 ? 60000 : (int)left;
			}
			if (poll(fds, 2, wait_ms) < 0) {
				if (errno == EINTR)
					continue;
				kill(pid, SIGKILL);
				break;
			}
			for (k = 0; k < 2; k++) {
				ssize_t got;

				if (fds[k].fd < 0 || fds[k].revents == 0)
					continue;
				got = read(fds[k].fd, buf, sizeof(buf));
				if (got < 0 && errno == EINTR)
					continue;
				if (got <= 0) {
					close(fds[k].fd);
					fds[k].fd = -1;
					continue;
				}
				if (k == 1) {
					check_keep_stderr(&errtext, errtail,
							  &tail_len, buf,
							  (size_t)got);
				} else if (report.len + (size_t)got >
					   CHECK_MAX_REPORT +
					       sizeof(uint32_t)) {
					overflow = 1;
					kill(pid, SIGKILL);
				} else {
					pp_buf_add(&report, buf, (size_t)got);
				}
			}
			if (overflow)
				break;
		}
		for (k = 0; k < 2; k++)
			if (fds[k].fd >= 0)
				close(fds[k].fd);
	}
	{
		pid_t got;

		while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
			;
		/* Reaped already (SIGCHLD ignored by whoever started us):
		 * the cause is unknown, not "exit status 0". */
		if (got != pid)
			status = -1;
	}
	if (status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
		timed_out = 1;
	/* A complete report stands whatever happened after it was sent (a
	 * child under valgrind exits with valgrind's status, for instance). */
	rc = -2;
	if (!overflow && report.len >= sizeof(uint32_t)) {
		uint32_t len;

		memcpy(&len, report.data, sizeof(len));
		if (len == report.len - sizeof(uint32_t))
			rc = check_decode((const unsigned char *)report.data +
					      sizeof(uint32_t),
					  len, r, err);
	}
	if (rc == -2) {
		/* poppler, C++ and GLib abort on a failed allocation; a
		 * crash that merely prints such words is a crash. */
		int aborted =
		    status != -1 &&
		    ((WIFSIGNALED(status) && (WTERMSIG(status) == SIGABRT ||
					      WTERMSIG(status) == SIGTRAP)) ||
		     (WIFEXITED(status) && WEXITSTATUS(status) != 0));
		int oom = check_limits.memory_mib > 0 && !timed_out &&
			  aborted &&
			  (check_said_oom(errtext.data, errtext.len) ||
			   check_said_oom(errtail, tail_len));

		if (timed_out)
			pp_error_set(err, PP_DIAG_LIMIT, &pos,
				     _("checking this PDF took longer than "
				       "%g s: refused"),
				     check_limits.time_ms / 1000.0);
		else if (oom)
			pp_error_set(err, PP_DIAG_LIMIT, &pos,
				     _("this PDF needs more memory than the "
				       "check allows (%u MiB): refused"),
				     check_limits.memory_mib);
		else if (overflow)
			pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
				     _("this PDF has more findings than %u MiB "
				       "can hold: refused"),
				     CHECK_MAX_REPORT >> 20);
		else if (status != -1 && WIFSIGNALED(status))
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("the PDF reader (poppler) stopped on "
				       "this PDF (%s): the file is damaged or "
				       "crafted: refused"),
				     strsignal(WTERMSIG(status)));
		else
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("the PDF reader (poppler) stopped on "
				       "this PDF (exit status %d): the file is "
				       "damaged or crafted: refused"),
				     status != -1 && WIFEXITED(status)
					 ? WEXITSTATUS(status)
					 : -1);
		/* What the child said is poppler's or a sanitizer's, as it
		 * would have been in-process; not when it is only the noise
		 * of the memory limit. */
		if (!oom && errtext.len > 0)
			pp_write_all(STDERR_FILENO, errtext.data, errtext.len);
		rc = -1;
	} else if (errtext.len > 0) {
		pp_write_all(STDERR_FILENO, errtext.data, errtext.len);
	}
	pp_buf_fini(&report);
	pp_buf_fini(&errtext);
	return rc;
}

int
pp_check_file(const char *path, const struct pp_charte *c, struct pp_check *r,
	      struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	char head[8];
	FILE *f = fopen(path, "rb");
	size_t got;
	struct stat st;

	if (f == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot open: %s"),
			     strerror(errno));
		return -1;
	}
	got = fread(head, 1, sizeof(head), f);
	if (fstat(fileno(f), &st) == 0 &&
	    (unsigned long long)st.st_size > CHECK_MAX_PDF_BYTES) {
		fclose(f);
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is larger than %u MiB"),
			     CHECK_MAX_PDF_BYTES >> 20);
		return -1;
	}
	fclose(f);
	if (got >= 5 && memcmp(head, "%PDF-", 5) == 0) {
		/* Loaded here, called only in the child (see above). */
		if (PP_DYNLIB_LOAD(&pop_lib, POP_FUNCS, pop, err) != 0)
			return -1;
		return check_limits.isolate
			   ? check_pdf_isolated(path, c, r, err)
			   : check_pdf(path, c, r, err);
	}
	if (got >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
		return PP_DYNLIB_LOAD(&zip_lib, ZIP_FUNCS, zp, err) != 0
			   ? -1
			   : check_odt(path, c, r, err);
	pp_error_set(err, PP_DIAG_IO, &pos,
		     _("this file is neither a PDF nor an ODT"));
	return -1;
}

/* --- Reports
 * ------------------------------------------------------------------ */

static void
check_num(struct pp_buf *out, double v)
{
	char tmp[32], *p;

	snprintf(tmp, sizeof(tmp), "%.1f", v);
	if ((p = strchr(tmp, '.')) != NULL)
		*p = ',';
	pp_buf_adds(out, tmp);
}

void
pp_check_format_text(const struct pp_check *r, struct pp_buf *out)
{
	size_t i, errors = pp_check_count(r, PP_SEV_ERROR),
		  warnings = pp_check_count(r, PP_SEV_WARNING);

	for (i = 0; i < r->n; i++) {
		const struct pp_finding *f = &r->items[i];

		pp_buf_adds(out, r->file);
		if (f->page > 0) {
			pp_buf_addf(out, ":%d", f->page);
			if (f->w > 0 || f->h > 0) {
				pp_buf_adds(out, ":(");
				check_num(out, f->x);
				pp_buf_adds(out, " mm; ");
				check_num(out, f->y);
				pp_buf_adds(out, " mm)");
			}
		}
		pp_buf_addf(out, ": %s[%s]: %s", pp_severity_name(f->severity),
			    pp_check_rule_id(f->rule), f->found);
		if (f->expected[0] != '\0')
			pp_buf_addf(out, _("; expected: %s"), f->expected);
		pp_buf_addc(out, '\n');
	}
	if (errors > 0)
		pp_buf_addf(out,
			    _("%s: NOT conformant to the charter: %zu "
			      "error(s), %zu warning(s)\n"),
			    r->file, errors, warnings);
	else
		pp_buf_addf(out,
			    _("%s: conformant to the charter (%zu "
			      "warning(s))\n"),
			    r->file, warnings);
}

static void
check_json_string(struct pp_buf *out, const char *s)
{
	pp_buf_addc(out, '"');
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			pp_buf_addf(out, "\\%c", ch);
		else if (ch < 0x20)
			pp_buf_addf(out, "\\u%04x", ch);
		else
			pp_buf_addc(out, (char)ch);
	}
	pp_buf_addc(out, '"');
}

void
pp_check_format_json(const struct pp_check *r, struct pp_buf *out)
{
	size_t i;

	pp_buf_adds(out, "{\"fichier\": ");
	check_json_string(out, r->file);
	pp_buf_addf(out,
		    ", \"conforme\": %s, \"erreurs\": %zu, "
		    "\"avertissements\": %zu, \"pages\": %d, \"partiel\": "
		    "%s, \"constats\": [",
		    pp_check_count(r, PP_SEV_ERROR) == 0 ? "true" : "false",
		    pp_check_count(r, PP_SEV_ERROR),
		    pp_check_count(r, PP_SEV_WARNING), r->pages,
		    r->partial ? "true" : "false");
	for (i = 0; i < r->n; i++) {
		const struct pp_finding *f = &r->items[i];

		pp_buf_adds(out, i ? ",\n  {\"regle\": " : "\n  {\"regle\": ");
		check_json_string(out, pp_check_rule_id(f->rule));
		pp_buf_addf(out, ", \"gravite\": \"%s\", \"page\": %d",
			    f->severity == PP_SEV_ERROR ? "erreur"
							: "avertissement",
			    f->page);
		if (f->w > 0 || f->h > 0)
			pp_buf_addf(out,
				    ", \"boite_mm\": {\"x\": %.1f, \"y\": "
				    "%.1f, \"largeur\": %.1f, \"hauteur\": "
				    "%.1f}",
				    f->x, f->y, f->w, f->h);
		pp_buf_adds(out, ", \"constat\": ");
		check_json_string(out, f->found);
		pp_buf_adds(out, ", \"attendu\": ");
		check_json_string(out, f->expected);
		pp_buf_adds(out, "}");
	}
	pp_buf_adds(out, "]}\n");
}
