/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The rules of paraphe check on a PDF, read with poppler: the bloc-marque
 * (paraphe's own mark, the motto, or paraphe's placeholder), typefaces and text
 * sizes, margins, text and area colours against the palette, contrast, partner
 * logos, page size, title and tags.  Runs in the child of check_child.c unless
 * isolation is off.
 */
#include <cairo.h>
#include <glib.h>
#include <math.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "colour.h"
#include "config.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "xalloc.h"

/* poppler, opened on the first check of a PDF (dynlib.h). */
#define POP_FUNCS(X)                                                           \
	X(poppler_error_quark)                                                 \
	X(poppler_annot_get_annot_type)                                        \
	X(poppler_attachment_get_name)                                         \
	X(poppler_document_create_dests_tree)                                  \
	X(poppler_document_get_attachments)                                    \
	X(poppler_document_new_from_bytes)                                     \
	X(poppler_document_has_javascript)                                     \
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
	X(poppler_page_free_annot_mapping)                                     \
	X(poppler_page_free_image_mapping)                                     \
	X(poppler_page_get_annot_mapping)                                      \
	X(poppler_page_free_text_attributes)                                   \
	X(poppler_page_get_image_mapping)                                      \
	X(poppler_page_get_link_mapping)                                       \
	X(poppler_page_free_link_mapping)                                      \
	X(poppler_page_get_size)                                               \
	X(poppler_page_get_text)                                               \
	X(poppler_page_get_text_attributes)                                    \
	X(poppler_page_get_text_layout)                                        \
	X(poppler_page_render)                                                 \
	X(poppler_structure_element_iter_free)                                 \
	X(poppler_structure_element_iter_new)
static struct {
	POP_FUNCS(PP_DYNLIB_FUNC)
} pop;
static struct pp_dynlib pop_lib =
    PP_DYNLIB_INIT(PP_SONAME_POPPLER_GLIB, PP_LIBPATH_POPPLER_GLIB,
		   PP_PACKAGE_POPPLER_GLIB, N_("check PDF files"));

/* Bounds on untrusted input. */
#define CHECK_MAX_PAGES	   PP_CHECK_MAX_PAGES
#define CHECK_RASTER_PAGES PP_CHECK_RASTER_PAGES
/* The largest side, in pixels, of a page's colour raster that may be
 * left undrawn (check_pdf_palette_only): 8 MB at most. */
#define CHECK_RASTER_SKIP_SIDE 1448

/* pp_check_set_thumbnails: where the pages' thumbnails go (NULL: none). */
static char *check_thumb_dir;

void
pp_check_set_thumbnails(const char *dir)
{
	g_free(check_thumb_dir);
	check_thumb_dir = g_strdup(dir);
}

static cairo_status_t
check_png_write(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* page drawn on white at scale (pixels a point) into a w x h image; NULL
 * when out of memory. */
static cairo_surface_t *
check_pdf_raster(PopplerPage *page, double scale, int w, int h)
{
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr;

	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return NULL;
	}
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	pop.poppler_page_render(page, cr);
	cairo_destroy(cr);
	cairo_surface_flush(s);
	return s;
}

/* Page pno drawn at PP_CHECK_THUMB_DPI on white, as DIR/page-PNO.png.  A
 * thumbnail that cannot be made is left out (the caller sees it missing). */
static void
check_pdf_thumbnail(PopplerPage *page, int pno, double pw, double ph)
{
	const double scale = PP_CHECK_THUMB_DPI / 72.0;
	int w = (int)ceil(pw * scale), h = (int)ceil(ph * scale);
	cairo_surface_t *s;
	GByteArray *png;
	char name[32], *path;
	struct pp_error err;

	if (w < 1 || h < 1 || w > 4000 || h > 4000)
		return; /* a page of no or absurd size: no thumbnail */
	s = check_pdf_raster(page, scale, w, h);
	if (s == NULL)
		return;
	png = g_byte_array_new();
	snprintf(name, sizeof(name), "page-%d.png", pno);
	path = g_build_filename(check_thumb_dir, name, NULL);
	pp_error_init(&err);
	if (cairo_surface_write_to_png_stream(s, check_png_write, png) ==
	    CAIRO_STATUS_SUCCESS)
		pp_file_write_atomic(path, png->data, png->len, &err);
	g_free(path);
	g_byte_array_free(png, TRUE);
	cairo_surface_destroy(s);
}

int
pp_check_pdf_load(struct pp_error *err)
{
	if (PP_DYNLIB_LOAD(&pop_lib, POP_FUNCS, pop, err) != 0)
		return -1;
	return pp_check_pdfobj_load(err);
}

/* Grows b to cover the box (x0, y0)-(x1, y1), in pt. */
static void
check_box_add(struct pp_check_box *b, double x0, double y0, double x1,
	      double y1)
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

/* paraphe's placeholder bloc-marque in a file with no paraphe tag (a PDF
 * exported from paraphe's ODT, which has no motto): its label,
 * « Emplacement du bloc-marque officiel », on one line or two, in the
 * page's text and its characters' boxes.  The mark is the label's box. */
static void
check_find_placeholder(const char *text, const PopplerRectangle *rects, guint n,
		       int pno, GArray *found)
{
	const char *p, *end;

	for (p = strstr(text, "Emplacement du"); p != NULL;
	     p = strstr(p + 1, "Emplacement du")) {
		glong a, b;
		struct check_marque m;

		/* the rest of the label after a space or a line break */
		end = p + strlen("Emplacement du");
		if (*end != ' ' && *end != '\n')
			continue;
		if (strncmp(end + 1, "bloc-marque officiel", 20) != 0)
			continue;
		a = g_utf8_pointer_to_offset(text, p);
		b = g_utf8_pointer_to_offset(text, end + 20);
		if ((guint)b >= n)
			continue;
		m.page = pno;
		m.x = fmin(rects[a].x1, rects[b].x1);
		m.y = rects[a].y1;
		m.w = fmax(rects[a].x2, rects[b].x2) - m.x;
		/* Size unknown (the box is drawn around it): not checked. */
		m.h = -(rects[b].y2 - rects[a].y1);
		g_array_append_val(found, m);
	}
}

/* A page's text layout (poppler_page_get_text_layout), asked of poppler
 * once for the rules that read it. */
struct check_layout {
	PopplerPage *page;
	PopplerRectangle *rects;
	guint n;
	int asked, ok;
};

static int
check_layout(struct check_layout *l, PopplerRectangle **rects, guint *n)
{
	if (!l->asked) {
		l->ok =
		    pop.poppler_page_get_text_layout(l->page, &l->rects, &l->n);
		l->asked = 1;
	}
	*rects = l->rects;
	*n = l->n;
	return l->ok;
}

/* Third-party files: the motto under the title, in the text; or the
 * label of paraphe's placeholder. */
static void
check_find_motto(struct check_layout *lay, int pno, GArray *found)
{
	char *text = pop.poppler_page_get_text(lay->page);
	PopplerRectangle *rects = NULL;
	guint n = 0;
	const char *p;

	if (text == NULL)
		return;
	if (!check_layout(lay, &rects, &n)) {
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
	check_find_placeholder(text, rects, n, pno, found);
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

/* 1 when the box (pt, from the top left) meets one of the page's links
 * (poppler's mapping: from the bottom left), ph being the page height. */
static int
check_on_link(GList *links, const struct pp_check_box *b, double ph)
{
	GList *l;

	for (l = links; l != NULL; l = l->next) {
		PopplerLinkMapping *m = l->data;
		double y0 = ph - m->area.y2, y1 = ph - m->area.y1;

		if (b->x0 < m->area.x2 && b->x1 > m->area.x1 && b->y0 < y1 &&
		    b->y1 > y0)
			return 1;
	}
	return 0;
}

/* fonts: filled with where each font is used on the page (font key ->
 * struct pp_check_box in pt). */
static void
check_pdf_text(struct pp_check *r, const struct pp_charte *c,
	       struct check_layout *lay, int pno,
	       const struct check_marque *marks, size_t nmarks, double pw,
	       GHashTable *fonts)
{
	PopplerPage *page = lay->page;
	GList *attrs = pop.poppler_page_get_text_attributes(page), *l;
	PopplerRectangle *rects = NULL;
	guint n = 0;
	struct pp_check_box small = {0}, margin = {0};
	GHashTable *colors =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	double min_size = 1e9, ph = 0;
	GList *links = pop.poppler_page_get_link_mapping(page);

	pop.poppler_page_get_size(page, NULL, &ph);
	if (!check_layout(lay, &rects, &n)) {
		pop.poppler_page_free_link_mapping(links);
		pop.poppler_page_free_text_attributes(attrs);
		g_hash_table_destroy(colors);
		return;
	}
	for (l = attrs; l != NULL; l = l->next) {
		PopplerTextAttributes *a = l->data;
		struct pp_check_box box = {0};
		int i;

		for (i = a->start_index; i <= a->end_index && i < (int)n; i++)
			if (rects[i].x2 > rects[i].x1)
				check_box_add(&box, rects[i].x1, rects[i].y1,
					      rects[i].x2, rects[i].y2);
		if (box.set && a->font_name != NULL) {
			char *key = pp_check_font_key(a->font_name);
			struct pp_check_box *fb =
			    g_hash_table_lookup(fonts, key);

			if (fb == NULL) {
				fb = pp_xcalloc(1, sizeof(*fb));
				g_hash_table_insert(fonts, key, fb);
			} else {
				g_free(key);
			}
			check_box_add(fb, box.x0, box.y0, box.x1, box.y1);
		}
		/* Invisible text (pp_check_pdfobj.revealed): no size, colour,
		 * contrast nor margin to judge. */
		if (abs((int)a->color.red - PP_CHECK_INVISIBLE_R) <= 2 &&
		    abs((int)a->color.green - PP_CHECK_INVISIBLE_G) <= 2 &&
		    abs((int)a->color.blue - PP_CHECK_INVISIBLE_B) <= 2)
			continue;
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
			struct pp_check_box *cb;
			struct pp_color col = {a->color.red / 65535.0,
					       a->color.green / 65535.0,
					       a->color.blue / 65535.0};

			/* A link in LibreOffice's own link colour. */
			if (pp_check_link_colour(&col) &&
			    check_on_link(links, &box, ph))
				continue;
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
		pp_check_add_at(r, PP_RULE_TEXTE_TROP_PETIT, pno, &small, exp,
				_("text set in %.1f pt"), min_size);
	}
	if (margin.set)
		pp_check_add_at(r, PP_RULE_MARGES, pno, &margin,
				_("text inside the left and right margins of "
				  "the charter"),
				_("text reaches into the margin"));
	{
		static const struct pp_color white = {1.0, 1.0, 1.0};
		GHashTableIter it;
		gpointer k, v;

		g_hash_table_iter_init(&it, colors);
		while (g_hash_table_iter_next(&it, &k, &v)) {
			struct pp_check_box *b = v;
			struct pp_color col;
			double ratio;
			char hex[8], exp[128];

			snprintf(hex, sizeof(hex), "#%s", (char *)k);
			pp_color_parse(hex, &col);
			pp_check_colour(r, c, &col, pno, b, _("text in #%s"),
					(char *)k);
			ratio = pp_colour_contrast(&col, &white);
			if (ratio < c->rules.min_contrast) {
				snprintf(exp, sizeof(exp),
					 _("a contrast of at least %.1f:1"),
					 c->rules.min_contrast);
				pp_check_add_at(r, PP_RULE_CONTRASTE, pno, b,
						exp,
						_("text in #%s on white: "
						  "contrast %.1f:1"),
						(char *)k, ratio);
			}
		}
	}
	g_hash_table_destroy(colors);
	pop.poppler_page_free_link_mapping(links);
	pop.poppler_page_free_text_attributes(attrs);
}

/* Vector colours: the page rasterised small; flat areas outside images and
 * the bloc-marque compared with the palette. */
#define CHECK_COLOUR_SCALE 0.5 /* 36 dpi */

/* The page pw x ph pt drawn for the colour rule; NULL when out of
 * memory. */
static cairo_surface_t *
check_pdf_colour_raster(PopplerPage *page, double pw, double ph)
{
	return check_pdf_raster(page, CHECK_COLOUR_SCALE,
				(int)(pw * CHECK_COLOUR_SCALE) + 1,
				(int)(ph * CHECK_COLOUR_SCALE) + 1);
}

/* s: the page from check_pdf_colour_raster (NULL: out of memory). */
static void
check_pdf_colours(struct pp_check *r, const struct pp_charte *c,
		  cairo_surface_t *s, GList *images, int pno,
		  const struct check_marque *marks, size_t nmarks)
{
	const double scale = CHECK_COLOUR_SCALE;
	int w, h, x, y;
	GList *l;
	GHashTable *buckets;
	unsigned char *data;
	int stride;

	if (s == NULL) {
		/* out of memory: the colours of this page are not checked */
		r->partial = 1;
		return;
	}
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	buckets =
	    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
	data = cairo_image_surface_get_data(s);
	stride = cairo_image_surface_get_stride(s);
	for (y = 1; y + 1 < h; y++) {
		for (x = 1; x + 1 < w; x++) {
			guint32 *row = (guint32 *)(data + y * stride);
			guint32 px = row[x] & 0xffffff;
			double fx = x / scale, fy = y / scale;
			struct pp_check_box *b;
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
			struct pp_check_box *b = v;
			int count = ((int *)(b + 1))[0];
			struct pp_color col = {((px >> 16) & 0xff) / 255.0,
					       ((px >> 8) & 0xff) / 255.0,
					       (px & 0xff) / 255.0};

			if (count >= 12)
				pp_check_colour(r, c, &col, pno, b,
						_("an area in #%06x"),
						(unsigned)px);
		}
	}
	g_hash_table_destroy(buckets);
}

/* Whether page i (0-based, pw x ph pt) of r need not be rasterised for
 * its colours: what qpdf read of it (obj_paint_page) shows that the
 * raster cannot hold an area outside the palette, and qpdf numbers the
 * pages as poppler does.  Only a raster of CHECK_RASTER_SKIP_SIDE pixels
 * a side at most is left undrawn: the raster's one other outcome, a
 * partial check when cairo cannot allocate it, is then a process already
 * short of the memory that poppler's own passes over the page take. */
static int
check_pdf_palette_only(const struct pp_check_pdfobj *objs,
		       const struct pp_check *r, int i, double pw, double ph)
{
	/* PARAPHE_CHECK_RASTER=always: every page rasterised, so that
	 * tests/check-skip.sh can compare the reports with and without the
	 * skip */
	static int always = -1;

	if (always < 0) {
		const char *v = getenv("PARAPHE_CHECK_RASTER");

		always = v != NULL && strcmp(v, "always") == 0;
	}
	return !always && objs->palette_only != NULL &&
	       objs->npages == r->pages && i < objs->npages &&
	       objs->palette_only[i] && pw > 0 && ph > 0 &&
	       pw * 0.5 < CHECK_RASTER_SKIP_SIDE &&
	       ph * 0.5 < CHECK_RASTER_SKIP_SIDE;
}

static void
check_pdf_logos(struct pp_check *r, const struct pp_charte *c, GList *images,
		const struct check_marque *m)
{
	GList *l;
	double bloc_h = c->marque.height;

	for (l = images; l != NULL; l = l->next) {
		PopplerImageMapping *im = l->data;
		double h = im->area.y2 - im->area.y1;

		if (check_in_box(im->area.x1, im->area.y1, m, 1, 1, 2))
			continue;
		if (h > bloc_h + 1 || im->area.x1 < m->x - 1 ||
		    im->area.y1 < m->y - 1)
			pp_check_add(r, PP_RULE_LOGO_PARTENAIRE, 1,
				     MM(im->area.x1), MM(im->area.y1),
				     MM(im->area.x2 - im->area.x1), MM(h),
				     _("partner logos right of or below the "
				       "bloc-marque, never taller"),
				     _("a logo %.1f mm high"), MM(h));
	}
}

/* The bloc-marque rules over the marks found (n of them) in a PDF of
 * npages pages. */
static void
check_pdf_marques(struct pp_check *r, const struct pp_charte *c,
		  const struct check_marque *marks, size_t n, int npages)
{
	int per_page[CHECK_MAX_PAGES + 1], i;
	size_t k;

	memset(per_page, 0, sizeof(per_page));
	for (k = 0; k < n; k++) {
		const struct check_marque *m = &marks[k];
		char exp[128];

		if (m->page < 1 || m->page > CHECK_MAX_PAGES)
			continue;
		per_page[m->page]++;
		if (m->x > c->page_width * c->rules.marque_zone_width ||
		    m->y > c->page_height * c->rules.marque_zone_height) {
			snprintf(exp, sizeof(exp),
				 _("within the left %.0f %% and top "
				   "%.0f %% of the page"),
				 c->rules.marque_zone_width * 100,
				 c->rules.marque_zone_height * 100);
			pp_check_add(r, PP_RULE_BLOC_MARQUE_POSITION, m->page,
				     MM(m->x), MM(m->y), MM(m->w),
				     MM(fabs(m->h)), exp,
				     _("a bloc-marque at %.0f mm from the "
				       "left and %.0f mm from the top"),
				     MM(m->x), MM(m->y));
		}
		if (m->h > 0 && m->h + 0.05 < c->rules.marque_min_height) {
			snprintf(exp, sizeof(exp), _("at least %.1f mm high"),
				 MM(c->rules.marque_min_height));
			pp_check_add(r, PP_RULE_BLOC_MARQUE_TAILLE, m->page,
				     MM(m->x), MM(m->y), MM(m->w), MM(m->h),
				     exp, _("a Marianne block %.1f mm high"),
				     MM(m->h));
		}
	}
	if (npages > 0 && per_page[1] == 0)
		pp_check_add(r, PP_RULE_BLOC_MARQUE_ABSENT, 1, 0, 0,
			     MM(c->page_width * c->rules.marque_zone_width),
			     MM(c->page_height * c->rules.marque_zone_height),
			     _("the bloc-marque at the top left of page 1"),
			     _("no bloc-marque found on page 1"));
	for (i = 1; i <= npages && i <= CHECK_MAX_PAGES; i++)
		if (per_page[i] > 1)
			pp_check_add(r, PP_RULE_BLOC_MARQUE_MULTIPLE, i, 0, 0,
				     0, 0, _("one bloc-marque per page"),
				     _("%d bloc-marques on this page"),
				     per_page[i]);
}

/* The font rules for the fonts first used on page pno (poppler's scanner
 * goes on from the previous page); used: where each font is set on the
 * page (font key -> struct pp_check_box), from check_pdf_text. */
static void
check_pdf_fonts(struct pp_check *r, const struct pp_charte *c,
		PopplerFontInfo *fi, int pno, struct pp_check_fonts *seen,
		GHashTable *used, const struct pp_check_pdfobj *objs)
{
	PopplerFontsIter *fit = NULL;

	if (pop.poppler_font_info_scan(fi, 1, &fit) && fit != NULL) {
		do {
			const char *name = pop.poppler_fonts_iter_get_name(fit);
			char *key =
			    name != NULL ? pp_check_font_key(name) : NULL;

			pp_check_font(
			    r, c, name,
			    key != NULL
				? g_hash_table_lookup(objs->families, key)
				: NULL,
			    pop.poppler_fonts_iter_is_embedded(fit), pno, seen,
			    key != NULL ? g_hash_table_lookup(used, key)
					: NULL);
			g_free(key);
		} while (pop.poppler_fonts_iter_next(fit));
		pop.poppler_fonts_iter_free(fit);
	}
	g_hash_table_remove_all(used);
}

/* Whether name is one of the PDF's associated source files (listed in
 * the catalog's /AF with AFRelationship /Source), reported as information
 * rather than as an unread embedded file. */
static int
check_pdf_is_source(const struct pp_check *r, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < r->info.nsources; i++)
		if (strcmp(r->info.sources[i].name, name) == 0)
			return 1;
	return 0;
}

/* The rules on active and hidden content: JavaScript anywhere poppler
 * looks for it (the document's names, its open action, annotations and
 * form fields), files embedded in the document. */
static void
check_pdf_active(struct pp_check *r, PopplerDocument *doc,
		 const struct pp_check_pdfobj *objs)
{
	GList *files = pop.poppler_document_get_attachments(doc), *l;

	if (objs->javascript || pop.poppler_document_has_javascript(doc))
		pp_check_add(r, PP_RULE_SCRIPT, 0, 0, 0, 0, 0,
			     _("no script in a document to be signed"),
			     _("the PDF holds JavaScript"));
	for (l = files; l != NULL; l = l->next) {
		const char *name = pop.poppler_attachment_get_name(l->data);

		/* The document's own source (pdfpost.h) is information. */
		if (check_pdf_is_source(r, name))
			continue;
		pp_check_add(r, PP_RULE_FICHIER_INCORPORE, 0, 0, 0, 0, 0,
			     _("no embedded file, or one checked on its own"),
			     _("the PDF holds the file %s"),
			     name != NULL && name[0] != '\0' ? name : "?");
	}
	g_list_free_full(files, g_object_unref);
}

/* Files attached to the page by annotations (their areas from the
 * bottom left of a page ph high). */
static void
check_pdf_attached(struct pp_check *r, PopplerPage *page, int pno, double ph)
{
	GList *annots = pop.poppler_page_get_annot_mapping(page), *l;

	for (l = annots; l != NULL; l = l->next) {
		PopplerAnnotMapping *m = l->data;

		if (m->annot != NULL &&
		    pop.poppler_annot_get_annot_type(m->annot) ==
			POPPLER_ANNOT_FILE_ATTACHMENT)
			pp_check_add(
			    r, PP_RULE_FICHIER_INCORPORE, pno, MM(m->area.x1),
			    MM(ph - m->area.y2), MM(m->area.x2 - m->area.x1),
			    MM(m->area.y2 - m->area.y1),
			    _("no embedded file, or one checked on its own"),
			    _("a file attached to the page"));
	}
	pop.poppler_page_free_annot_mapping(annots);
}

/* The rules on the document's properties: a title, structure tags. */
static void
check_pdf_metadata(struct pp_check *r, PopplerDocument *doc)
{
	char *title = pop.poppler_document_get_title(doc);
	PopplerStructureElementIter *it;

	if (title == NULL || title[0] == '\0')
		pp_check_add(r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
			     _("a title in the document's properties"),
			     _("the PDF has no title"));
	g_free(title);
	it = pop.poppler_structure_element_iter_new(doc);
	if (it == NULL)
		pp_check_add(r, PP_RULE_PDF_NON_BALISE, 0, 0, 0, 0, 0,
			     _("a tagged PDF"),
			     _("the PDF has no structure tags"));
	else
		pop.poppler_structure_element_iter_free(it);
}

int
pp_check_pdf(const char *path, const struct pp_charte *c, struct pp_check *r,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	GError *gerr = NULL;
	char *abs = g_canonicalize_filename(path, NULL);
	char *uri = g_filename_to_uri(abs, NULL, NULL);
	PopplerDocument *doc;
	GArray *marks = g_array_new(FALSE, FALSE, sizeof(struct check_marque));
	struct pp_check_fonts fonts;
	struct pp_check_pdfobj objs;
	PopplerDocument *shown = NULL;
	int npages, i, format_reported = 0, fonts_until;
	PopplerFontInfo *fi;
	GHashTable *used;
	guint handler;

	handler = g_log_set_handler("Poppler", G_LOG_LEVEL_MASK,
				    check_log_handler, NULL);
	/* What poppler-glib does not say: the font programs' families,
	 * JavaScript in the open action; the file as poppler is to read it
	 * (objs.shown) and its text as the pages show it, the invisible
	 * set apart (objs.revealed).  A file poppler opens but qpdf cannot
	 * read is judged on what poppler says. */
	pp_check_pdfobj_read(path, c, &objs);
	doc = objs.shown != NULL
		  ? pop.poppler_document_new_from_bytes(objs.shown, NULL, NULL)
		  : NULL;
	if (doc == NULL && uri != NULL)
		doc = pop.poppler_document_new_from_file(uri, NULL, &gerr);
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
		pp_check_pdfobj_fini(&objs);
		return -1;
	}
	if (objs.partial)
		r->partial = 1;
	pp_check_info_fini(&r->info);
	r->info = objs.info;
	memset(&objs.info, 0, sizeof(objs.info));
	if (objs.revealed != NULL)
		shown = pop.poppler_document_new_from_bytes(objs.revealed, NULL,
							    NULL);
	npages = pop.poppler_document_get_n_pages(doc);
	r->pages = npages;
	if (npages > CHECK_MAX_PAGES) {
		r->partial = 1;
		npages = CHECK_MAX_PAGES;
	}
	check_pdf_metadata(r, doc);
	check_pdf_active(r, doc, &objs);
	{
		GTree *dests = pop.poppler_document_create_dests_tree(doc);

		if (dests != NULL) {
			g_tree_foreach(dests, check_dest_cb, marks);
			g_tree_destroy(dests);
		}
	}
	pp_check_fonts_init(&fonts);
	fi = pop.poppler_font_info_new(doc);
	used = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	/* poppler's font scan goes from page to page, and reports a font on
	 * the first page it meets it: from fonts_until on, every page holds
	 * only fonts of the pages before it (objs.fonts_known), so the scan
	 * stops there, as long as it has been given every page before. */
	fonts_until = npages;
	if (objs.fonts_known != NULL && objs.npages == r->pages)
		while (fonts_until > 0 && objs.fonts_known[fonts_until - 1])
			fonts_until--;
	for (i = 0; i < npages; i++) {
		PopplerPage *page = pop.poppler_document_get_page(doc, i);
		cairo_surface_t *raster = NULL;
		struct check_layout lay = {page, NULL, 0, 0, 0};
		double pw = 0, ph = 0;

		if (page == NULL) {
			/* not scanned: the scan is a page behind */
			if (i < fonts_until)
				fonts_until = npages;
			continue;
		}
		pop.poppler_page_get_size(page, &pw, &ph);
		if (!format_reported && (fabs(pw - c->page_width) > 2 ||
					 fabs(ph - c->page_height) > 2)) {
			char exp[64];

			snprintf(exp, sizeof(exp), "%.0f × %.0f mm",
				 MM(c->page_width), MM(c->page_height));
			pp_check_add(
			    r, PP_RULE_FORMAT_PAGE, i + 1, 0, 0, MM(pw), MM(ph),
			    exp, _("a page of %.0f × %.0f mm"), MM(pw), MM(ph));
			format_reported = 1;
		}
		/* The colour rule's raster first where poppler's render
		 * collects the page's text as its text pass would
		 * (objs.textsafe): the text rules below then read that text
		 * instead of running the page once more.  A page that needs
		 * no raster (check_pdf_palette_only) gets the text pass alone,
		 * which costs less than a render. */
		if (i < CHECK_RASTER_PAGES && objs.textsafe != NULL &&
		    objs.npages == r->pages && objs.textsafe[i] &&
		    !check_pdf_palette_only(&objs, r, i, pw, ph))
			raster = check_pdf_colour_raster(page, pw, ph);
		{
			/* Our own mark, else the motto in the text, or
			 * the label of paraphe's placeholder (which has
			 * no motto) in a PDF made from paraphe's ODT. */
			guint before = marks->len, k;
			int own = 0;

			for (k = 0; k < before; k++)
				own |=
				    g_array_index(marks, struct check_marque, k)
					.page == i + 1;
			if (!own)
				check_find_motto(&lay, i + 1, marks);
		}
		{
			PopplerPage *text =
			    shown != NULL
				? pop.poppler_document_get_page(shown, i)
				: NULL;
			struct check_layout other = {text, NULL, 0, 0, 0};

			check_pdf_text(r, c, text != NULL ? &other : &lay,
				       i + 1,
				       (struct check_marque *)marks->data,
				       marks->len, pw, used);
			if (text != NULL) {
				g_free(other.rects);
				g_object_unref(text);
			}
		}
		if (i < fonts_until)
			check_pdf_fonts(r, c, fi, i + 1, &fonts, used, &objs);
		else
			g_hash_table_remove_all(used);
		check_pdf_attached(r, page, i + 1, ph);
		if (check_thumb_dir != NULL && i < PP_CHECK_THUMB_PAGES)
			check_pdf_thumbnail(page, i + 1, pw, ph);
		{
			/* The images' places (poppler's image mapping: one
			 * pass over the page), for both rules; none where
			 * qpdf saw that none can be. */
			int imageless = objs.imageless != NULL &&
					objs.npages == r->pages &&
					objs.imageless[i];
			GList *images =
			    (i < CHECK_RASTER_PAGES || i == 0) && !imageless
				? pop.poppler_page_get_image_mapping(page)
				: NULL;

			if (i < CHECK_RASTER_PAGES &&
			    !check_pdf_palette_only(&objs, r, i, pw, ph)) {
				if (raster == NULL)
					raster = check_pdf_colour_raster(
					    page, pw, ph);
				check_pdf_colours(
				    r, c, raster, images, i + 1,
				    (struct check_marque *)marks->data,
				    marks->len);
			}
			if (i == 0) {
				guint k;

				for (k = 0; k < marks->len; k++) {
					struct check_marque *m = &g_array_index(
					    marks, struct check_marque, k);

					if (m->page == 1) {
						check_pdf_logos(r, c, images,
								m);
						break;
					}
				}
			}
			pop.poppler_page_free_image_mapping(images);
		}
		if (raster != NULL)
			cairo_surface_destroy(raster);
		g_free(lay.rects);
		g_object_unref(page);
	}
	check_pdf_marques(r, c, (struct check_marque *)marks->data, marks->len,
			  npages);
	g_object_unref(fi);
	g_hash_table_destroy(used);
	g_log_remove_handler("Poppler", handler);
	g_array_free(marks, TRUE);
	pp_check_fonts_fini(r, c, &fonts);
	pp_check_pdfobj_fini(&objs);
	if (shown != NULL)
		g_object_unref(shown);
	g_object_unref(doc);
	return 0;
}
