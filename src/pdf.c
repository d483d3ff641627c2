/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Drawing laid-out pages with Cairo: a tagged PDF with metadata, bookmarks
 * and links, written to a temporary file and renamed; or PNG previews.  The
 * images the pages show (partner logos, the bloc-marque's artwork) are the
 * ones the layout loaded (images.h), drawn from its cache.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "i18n.h"
#include "images.h"
#include "layout.h"
#include "pdfpost.h"
#include "styles.h"
#include "xalloc.h"

/* cairo writes in small pieces, into memory: the post-processing
 * (pdfpost.h) reads the whole PDF. */
static cairo_status_t
pdf_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	pp_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
pdf_color(cairo_t *cr, const struct pp_color *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* Draws the image an item names into the item's box (the layout loaded it
 * and kept its aspect ratio).  -1 with err filled. */
static int
pdf_image(cairo_t *cr, const struct pp_pages *p, const struct pp_item *it,
	  struct pp_error *err)
{
	const struct pp_image *img = pp_images_find(p->images, it->name);

	if (img == NULL) {
		struct pp_pos pos = {it->name ? it->name : "?", 0, 0};

		pp_error_set(err, PP_DIAG_IMAGE, &pos, "%s",
			     _("this image was not loaded by the layout"));
		return -1;
	}
	return pp_image_draw(img, cr, it->x, it->y, it->w, it->h, err);
}

/* The bloc-marque: the official artwork when the charter names one (loaded
 * by the layout with the logos), otherwise the placeholder's grey box (its
 * label is ordinary text items). */
static int
pdf_marque(cairo_t *cr, const struct pp_pages *p, const struct pp_item *it,
	   struct pp_error *err)
{
	if (it->name != NULL)
		return pdf_image(cr, p, it, err);
	/* The placeholder: a grey box with a thin border (DOMAIN §5.5). */
	{
		struct pp_color fill = pp_placeholder_color(p->charte);
		struct pp_color line = pp_table_border_color(p->charte);
		double b = PP_PLACEHOLDER_BORDER_PT;

		cairo_save(cr);
		cairo_set_source_rgb(cr, fill.r, fill.g, fill.b);
		cairo_rectangle(cr, it->x, it->y, it->w, it->h);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, line.r, line.g, line.b);
		cairo_set_line_width(cr, b);
		cairo_rectangle(cr, it->x + b / 2, it->y + b / 2, it->w - b,
				it->h - b);
		cairo_stroke(cr);
		cairo_restore(cr);
	}
	return 0;
}

/* Whether text[k] starts a soft hyphen. */
static int
pdf_shy(const char *text, size_t k, size_t end)
{
	return k + 1 < end && (unsigned char)text[k] == 0xc2 &&
	       (unsigned char)text[k + 1] == 0xad;
}

/*
 * The glyphs of the lines drawn so far and not yet given to Cairo: the runs
 * of consecutive lines set in the same face and colour go to Cairo in one
 * cairo_show_text_glyphs(), which costs per call (its recording, the
 * replay, the PDF surface's set-up) about as much as 50 glyphs.  The PDF
 * is the same: Cairo's PDF operators keep the text object, the font and
 * the text position from one call to the next, and emit glyphs and
 * clusters one by one.  Anything else drawn (a rule, a tag, another
 * colour, a layout drawn by Pango) is drawn after the waiting glyphs.
 * Only into a PDF: a raster surface composites one call's glyphs as one
 * mask, and the previews' anti-aliasing would change where lines touch.
 */
struct pdf_text {
	cairo_t *cr;
	cairo_scaled_font_t *sf; /* of the waiting glyphs; NULL: none */
	struct pp_color color;	 /* theirs */
	GArray *glyphs;		 /* cairo_glyph_t */
	GArray *clusters;	 /* cairo_text_cluster_t */
	struct pp_buf text;	 /* what the clusters read */
	int merge;		 /* a PDF: runs wait for the next ones */
};

static void
pdf_text_init(struct pdf_text *t, cairo_t *cr)
{
	memset(t, 0, sizeof(*t));
	t->cr = cr;
	t->merge = cairo_surface_get_type(cairo_get_target(cr)) ==
		   CAIRO_SURFACE_TYPE_PDF;
	t->glyphs = g_array_new(FALSE, FALSE, sizeof(cairo_glyph_t));
	t->clusters = g_array_new(FALSE, FALSE, sizeof(cairo_text_cluster_t));
	pp_buf_init(&t->text);
}

/* Shows the waiting glyphs, as pango_cairo_show_glyph_item() would have
 * (with their face set between cairo_save and cairo_restore). */
static void
pdf_text_flush(struct pdf_text *t)
{
	cairo_t *cr = t->cr;

	if (t->sf == NULL)
		return;
	cairo_save(cr);
	cairo_set_scaled_font(cr, t->sf);
	if (cairo_surface_has_show_text_glyphs(cairo_get_target(cr)))
		cairo_show_text_glyphs(
		    cr, t->text.data ? t->text.data : "", (int)t->text.len,
		    (const cairo_glyph_t *)(void *)t->glyphs->data,
		    (int)t->glyphs->len,
		    (const cairo_text_cluster_t *)(void *)t->clusters->data,
		    (int)t->clusters->len, 0);
	else
		cairo_show_glyphs(
		    cr, (const cairo_glyph_t *)(void *)t->glyphs->data,
		    (int)t->glyphs->len);
	cairo_restore(cr);
	g_array_set_size(t->glyphs, 0);
	g_array_set_size(t->clusters, 0);
	pp_buf_reset(&t->text);
	t->sf = NULL;
}

static void
pdf_text_fini(struct pdf_text *t)
{
	pdf_text_flush(t);
	g_array_free(t->glyphs, TRUE);
	g_array_free(t->clusters, TRUE);
	pp_buf_fini(&t->text);
}

/* Whether glyphs in colour c can join the waiting ones. */
static int
pdf_text_same_color(const struct pdf_text *t, const struct pp_color *c)
{
	return t->sf == NULL ||
	       (t->color.r == c->r && t->color.g == c->g && t->color.b == c->b);
}

/*
 * Adds glyphs [0, n) of a run set in font at the current point, reading
 * text[0, len) (their log_clusters index it), to the waiting glyphs in
 * colour c: what pango_cairo_show_glyph_item does for a left-to-right run
 * (the glyph positions from Cairo's current point, the empty glyphs left
 * out, the clusters that map glyphs to text), without its renderer's
 * per-cluster iterator.  0 when it cannot (a right-to-left run, a glyph
 * with no face, a font Cairo has no face for, a run of empty glyphs only):
 * the caller then lets Pango draw it, after the waiting glyphs.
 */
static int
pdf_glyphs(struct pdf_text *t, const struct pp_color *c, const char *text,
	   int len, const PangoGlyphInfo *gi, const int *lc, int n,
	   PangoFont *font)
{
	cairo_scaled_font_t *sf;
	cairo_glyph_t *g;
	cairo_text_cluster_t *cl;
	double bx, by;
	guint ng, ncl;
	int i, j, count = 0, xpos = 0;

	if (n <= 0 || !PANGO_IS_CAIRO_FONT(font))
		return 0;
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(font));
	if (sf == NULL || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
		return 0;
	for (i = 0; i < n; i++) {
		if ((gi[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0 ||
		    (i > 0 && lc[i] < lc[i - 1]))
			return 0;
		count += gi[i].glyph != PANGO_GLYPH_EMPTY;
	}
	if (count == 0)
		return 0;
	if (t->sf != sf || !pdf_text_same_color(t, c))
		pdf_text_flush(t);
	t->sf = sf;
	t->color = *c;
	cairo_get_current_point(t->cr, &bx, &by);
	/* Room for all the run's glyphs and clusters, then written in place:
	 * an append a glyph cost as much as the rest. */
	ng = t->glyphs->len;
	ncl = t->clusters->len;
	g_array_set_size(t->glyphs, ng + (guint)count);
	g_array_set_size(t->clusters, ncl + (guint)n);
	g = &g_array_index(t->glyphs, cairo_glyph_t, ng);
	cl = &g_array_index(t->clusters, cairo_text_cluster_t, ncl);
	for (i = 0; i < n; i = j, cl++) {
		cl->num_glyphs = 0;
		for (j = i; j < n && lc[j] == lc[i]; j++) {
			if (gi[j].glyph != PANGO_GLYPH_EMPTY) {
				g->index = gi[j].glyph;
				g->x = bx + (double)(xpos +
						     gi[j].geometry.x_offset) /
						PANGO_SCALE;
				g->y =
				    gi[j].geometry.y_offset == 0
					? by
					: by + (double)gi[j].geometry.y_offset /
						   PANGO_SCALE;
				g++;
				cl->num_glyphs++;
			}
			xpos += gi[j].geometry.width;
		}
		cl->num_bytes = (j < n ? lc[j] : len) - lc[i];
	}
	g_array_set_size(
	    t->clusters,
	    (guint)(cl - &g_array_index(t->clusters, cairo_text_cluster_t, 0)));
	pp_buf_add(&t->text, text, (size_t)len);
	if (!t->merge)
		pdf_text_flush(t);
	return 1;
}

/*
 * Draws one run of a line at the current point, with its text for the
 * tagged PDF: the soft hyphens of the paragraph's text are left out of what
 * the PDF says the glyphs read (each would otherwise become an empty marked
 * span and cut the word for text extraction and screen readers), the one
 * that breaks the line, drawn as a hyphen, reads "-", and the spaces that
 * end the line are left out like the single-line layouts leave them out.
 * The line's text ends at line_end, its visible part at shown_end.
 */
static void
pdf_show_run(struct pdf_text *pt, const struct pp_color *color,
	     const char *text, const PangoGlyphItem *run, size_t shown_end,
	     size_t line_end)
{
	const PangoItem *item = run->item;
	const PangoGlyphString *gs = run->glyphs;
	size_t from = (size_t)item->offset, to = from + (size_t)item->length;
	/* Most runs fit the stack: a calloc per run was 6 M instructions. */
	size_t k, map_stack[256], *map = map_stack;
	struct pp_buf t;
	PangoGlyphInfo gi_stack[128], *gi = gi_stack;
	int lc_stack[128], *lc = lc_stack;
	int i, n = 0, strip = to > shown_end;

	for (k = from; k < to && !strip; k++)
		strip = pdf_shy(text, k, to);
	if (!strip) {
		if (!pdf_glyphs(pt, color, text + from, item->length,
				gs->glyphs, gs->log_clusters, gs->num_glyphs,
				item->analysis.font)) {
			pdf_text_flush(pt);
			pango_cairo_show_glyph_item(pt->cr, text,
						    (PangoGlyphItem *)run);
		}
		return;
	}
	pp_buf_init(&t);
	if (to - from + 1 > G_N_ELEMENTS(map_stack))
		map = pp_xcalloc(to - from + 1, sizeof(*map));
	for (k = from; k < to;) {
		size_t span = k;

		/* The bytes up to the next soft hyphen or the end of what
		 * is shown, copied at once. */
		while (span < to && span < shown_end &&
		       !pdf_shy(text, span, to)) {
			map[span - from] = t.len + (span - k);
			span++;
		}
		if (span > k) {
			pp_buf_add(&t, text + k, span - k);
			k = span;
			continue;
		}
		map[k - from] = t.len;
		if (pdf_shy(text, k, to)) {
			map[k + 1 - from] = t.len;
			if (k + 2 == line_end)
				pp_buf_addc(&t, '-');
			k += 2;
			continue;
		}
		k++; /* past what is shown */
	}
	map[to - from] = t.len;
	if ((size_t)gs->num_glyphs + 1 > G_N_ELEMENTS(gi_stack)) {
		gi = pp_xcalloc((size_t)gs->num_glyphs + 1, sizeof(*gi));
		lc = pp_xcalloc((size_t)gs->num_glyphs + 1, sizeof(*lc));
	}
	for (i = 0; i < gs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &gs->glyphs[i];
		size_t c = (size_t)gs->log_clusters[i];
		int shy = pdf_shy(text, from + c, to);
		int inner_shy = shy && from + c + 2 != line_end;

		/* The empty glyphs of the soft hyphens inside the line and
		 * the glyphs of the spaces that end it. */
		if ((inner_shy && (g->glyph == PANGO_GLYPH_EMPTY ||
				   g->geometry.width == 0)) ||
		    (!shy && from + c >= shown_end))
			continue;
		gi[n] = *g;
		lc[n] = (int)map[c];
		n++;
	}
	if (n > 0 && !pdf_glyphs(pt, color, t.data ? t.data : "", (int)t.len,
				 gi, lc, n, item->analysis.font)) {
		PangoGlyphItem copy = *run;
		PangoGlyphString *cs = pango_glyph_string_new();

		pango_glyph_string_set_size(cs, n);
		memcpy(cs->glyphs, gi, (size_t)n * sizeof(*gi));
		memcpy(cs->log_clusters, lc, (size_t)n * sizeof(*lc));
		copy.item = pango_item_copy(run->item);
		copy.item->offset = 0;
		copy.item->length = (int)t.len;
		copy.item->num_chars =
		    (int)g_utf8_strlen(t.data ? t.data : "", -1);
		copy.glyphs = cs;
		pdf_text_flush(pt);
		pango_cairo_show_glyph_item(pt->cr, t.data ? t.data : "",
					    &copy);
		pango_item_free(copy.item);
		pango_glyph_string_free(cs);
	}
	if (gi != gi_stack) {
		free(gi);
		free(lc);
	}
	if (map != map_stack)
		free(map);
	pp_buf_fini(&t);
}

/* A line of a paragraph's layout (layout.h): its runs side by side from
 * the start of the line, on the baseline. */
static void
pdf_text_line(struct pdf_text *pt, const struct pp_item *it)
{
	cairo_t *cr = pt->cr;
	PangoLayoutLine *ln =
	    pango_layout_get_line_readonly(it->layout, it->line - 1);
	const char *text = pango_layout_get_text(it->layout);
	size_t end = (size_t)ln->start_index + (size_t)ln->length;
	size_t shown = end;
	double x = it->x + it->line_x;
	GSList *r;

	while (shown > (size_t)ln->start_index &&
	       (text[shown - 1] == ' ' || text[shown - 1] == '\n'))
		shown--;
	for (r = ln->runs; r != NULL; r = r->next) {
		const PangoGlyphItem *run = r->data;

		/* y_offset: a run raised (a superscript's rise). */
		cairo_move_to(cr, x,
			      it->y + it->baseline -
				  (double)run->y_offset / PANGO_SCALE);
		pdf_show_run(pt, &it->color, text, run, shown, end);
		x += (double)pango_glyph_string_get_width(run->glyphs) /
		     PANGO_SCALE;
	}
}

/* Draws one page; -1 with err filled when an image cannot be drawn. */
static int
pdf_page_items(cairo_t *cr, struct pdf_text *pt, const struct pp_pages *p,
	       const struct pp_page *pg, int tags, struct pp_error *err)
{
	size_t k;
	int l;

	for (k = 0; k < pg->n; k++) {
		const struct pp_item *it = &pg->items[k];

		/* Only a line's glyphs in the same colour join the waiting
		 * ones (pdf_text); the rest is drawn after them. */
		if (it->kind != PP_ITEM_TEXT || it->line <= 0 ||
		    !pdf_text_same_color(pt, &it->color))
			pdf_text_flush(pt);
		switch (it->kind) {
		case PP_ITEM_TEXT:
			pdf_color(cr, &it->color);
			if (it->line > 0) {
				pdf_text_line(pt, it);
				if (tags && it->nlinks > 0)
					pdf_text_flush(pt);
			} else {
				/* The whole layout, not its line: alignment
				 * is a property of the layout. */
				cairo_move_to(cr, it->x, it->y + it->layout_dy);
				pango_cairo_show_layout(cr, it->layout);
			}
			for (l = 0; tags && l < it->nlinks; l++) {
				char *attrs = g_strdup_printf(
				    "%s rect=[%.2f %.2f %.2f %.2f]",
				    it->links[l].attrs, it->links[l].x, it->y,
				    it->links[l].w, it->h);

				cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
				cairo_tag_end(cr, CAIRO_TAG_LINK);
				g_free(attrs);
			}
			break;
		case PP_ITEM_RECT:
			pdf_color(cr, &it->color);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
			break;
		case PP_ITEM_FRAME:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_stroke(cr);
			break;
		case PP_ITEM_RULE:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, it->h > 0 ? it->h : 0.5);
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x + it->w, it->y);
			cairo_stroke(cr);
			break;
		case PP_ITEM_MARQUE: {
			int rc;

			if (tags) {
				/* paraphe marks its bloc-marque, with the
				 * Marianne block's box in points, so that
				 * "paraphe check" finds it for sure. */
				char *a = g_strdup_printf(
				    "name='paraphe-bloc-marque:%.1f:%.1f:%.1f:"
				    "%.1f'",
				    it->x, it->y, it->w, it->h);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				g_free(a);
			}
			rc = pdf_marque(cr, p, it, err);
			if (tags)
				cairo_tag_end(cr, CAIRO_TAG_DEST);
			if (rc != 0)
				return -1;
			break;
		}
		case PP_ITEM_IMAGE: {
			int rc;

			if (tags) {
				/* Marked for "paraphe check": a partner's
				 * logo keeps its own colours. */
				char *a = g_strdup_printf(
				    "name='paraphe-logo-%zu:%.1f:%.1f:%.1f:"
				    "%.1f' x=%.2f y=%.2f",
				    k, it->x, it->y, it->w, it->h, it->x,
				    it->y);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				cairo_tag_end(cr, CAIRO_TAG_DEST);
				g_free(a);
				cairo_tag_begin(cr, "Figure", "");
			}
			rc = pdf_image(cr, p, it, err);
			if (tags)
				cairo_tag_end(cr, "Figure");
			if (rc != 0)
				return -1;
			break;
		}
		case PP_ITEM_TAG_BEGIN:
			if (tags)
				cairo_tag_begin(cr, it->tag,
						it->attrs ? it->attrs : "");
			break;
		case PP_ITEM_TAG_END:
			if (tags)
				cairo_tag_end(cr, it->tag);
			break;
		case PP_ITEM_SIGNATURE:
			/* Only a place: signature fields come later. */
			break;
		case PP_ITEM_DEST:
			if (tags) {
				/* At the heading itself, not at the top
				 * of its page. */
				char *a =
				    g_strdup_printf("name='%s' x=%.2f y=%.2f",
						    it->name, it->x, it->y);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				cairo_tag_end(cr, CAIRO_TAG_DEST);
				g_free(a);
			}
			break;
		}
	}
	return 0;
}

static int
pdf_page(cairo_t *cr, const struct pp_pages *p, const struct pp_page *pg,
	 int tags, struct pp_error *err)
{
	struct pdf_text pt;
	int rc;

	pdf_text_init(&pt, cr);
	rc = pdf_page_items(cr, &pt, p, pg, tags, err);
	pdf_text_fini(&pt);
	return rc;
}

int
pp_pdf_write(const struct pp_pages *p, const char *path, const char *date,
	     const char *creator, const struct pp_pdfpost *post,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_buf pdf, done;
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	size_t i;
	int rc = -1;

	pp_buf_init(&pdf);
	pp_buf_init(&done);
	s = cairo_pdf_surface_create_for_stream(pdf_write_cb, &pdf, p->width,
						p->height);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	if (p->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       p->title);
	if (p->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
					       p->author);
	if (p->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
					       p->subject);
	if (p->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
					       p->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	for (i = 0; i < p->n && rc == -1; i++) {
		char label[32];

		snprintf(label, sizeof(label), "%zu", i + 1);
		cairo_pdf_surface_set_page_label(s, label);
		if (pdf_page(cr, p, &p->pages[i], 1, err) != 0)
			rc = -2;
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	for (i = 0; i < p->noutline; i++) {
		char *link = g_strdup_printf("dest='%s'", p->outline[i].dest);

		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT,
					      p->outline[i].title, link, 0);
		g_free(link);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (rc == -1 && st != CAIRO_STATUS_SUCCESS)
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the PDF: %s"),
			     cairo_status_to_string(st));
	else if (rc == -1 && post == NULL)
		rc = pp_file_write_atomic(path, pdf.data, pdf.len, err);
	else if (rc == -1 &&
		 pp_pdfpost_run(pdf.data, pdf.len, post, &done, err) == 0)
		/* Post-processed in memory, before the file is renamed into
		 * place: never rewritten where it stands. */
		rc = pp_file_write_atomic(path, done.data, done.len, err);
	pp_buf_fini(&done);
	pp_buf_fini(&pdf);
	return rc == 0 ? 0 : -1;
}

int
pp_png_write(const struct pp_pages *p, const char *path_prefix, double dpi,
	     struct pp_error *err)
{
	size_t i;

	/* JPEGs are decoded once, for every page. */
	if (pp_images_decode_pixels(p->images, err) != 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		double scale = dpi / 72.0;
		int w = (int)(p->width * scale + 0.5);
		int h = (int)(p->height * scale + 0.5);
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(s);
		char *path = g_strdup_printf("%s-%zu.png", path_prefix, i + 1);
		char *tmp = g_strdup_printf("%s.tmp", path);
		cairo_status_t st;

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
		if (pdf_page(cr, p, &p->pages[i], 0, err) != 0) {
			cairo_destroy(cr);
			cairo_surface_destroy(s);
			g_free(tmp);
			g_free(path);
			return -1;
		}
		cairo_destroy(cr);
		st = cairo_surface_write_to_png(s, tmp);
		cairo_surface_destroy(s);
		if (st != CAIRO_STATUS_SUCCESS || rename(tmp, path) != 0) {
			struct pp_pos pos = {path, 0, 0};

			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot write the image: %s"),
				     cairo_status_to_string(st));
			unlink(tmp);
			g_free(tmp);
			g_free(path);
			return -1;
		}
		g_free(tmp);
		g_free(path);
	}
	return 0;
}
