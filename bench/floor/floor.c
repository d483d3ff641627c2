/* SPDX-License-Identifier: EUPL-1.2 */
/* floor.c - the physical floor for "this text shaped with Pango and written
 * as PDF with cairo": the benchmark convention laid out paragraph by
 * paragraph (justified Liberation Sans 10pt, A4), paginated line by line by
 * layout height, with header, footer and "Page N / M". No data parsing and
 * no templating: the text is frozen into floor_content.h by floor_gen.py.
 *
 * usage: floor [N [OUTDIR]]   renders N documents (default 1) into OUTDIR
 *        (default "."), named floor-001.pdf ...; each document gets its own
 *        reference number, so each one is really laid out and written.
 *
 * build: gcc -O2 -o floor floor.c $(pkg-config --cflags --libs pangocairo
 * cairo-pdf)
 */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum kind {
	K_TITLE,
	K_SUBTITLE,
	K_PARA,
	K_MARKUP,
	K_CLOSING,
	K_HEAD,
	K_BULLET,
	K_BULLET_LAST,
	K_TROW_HEAD,
	K_TROW,
	K_TROW_LAST,
	K_SIGN_INTRO,
	K_SIGN
};
struct blk {
	enum kind kind;
	const char *a, *b, *c;
};
#include "floor_content.h"

#define MM	      (72.0 / 25.4)
#define PW	      595.2756
#define PH	      841.8898
#define ML	      (22 * MM)
#define MT	      (32 * MM)
#define MB	      (25 * MM)
#define CW	      (PW - 2 * ML)
#define BOTTOM	      (PH - MB)
#define LINE_SPACING  1.15f /* x the font's line height: ~1.32 em */
#define PAR_AFTER     5.0
#define BULLET_INDENT (6.5 * MM)
#define CELL_PAD      4.0
#define MAX_SEG	      8

static const double COLW[3] = {0.30 * CW, 0.45 * CW, 0.25 * CW};

struct seg {
	int page, line0, line1;
	double dy;
}; /* lines [line0,line1) at y = dy + layout y */
struct item {
	const struct blk *b;
	PangoLayout *l[3];
	int nl;	  /* layouts in use */
	double h; /* height of the block (rows, signatures: unbreakable) */
	int nseg;
	struct seg seg[MAX_SEG];
};

static PangoFontDescription *f_body, *f_bold, *f_head, *f_title, *f_sub;

static PangoLayout *
mk_layout(PangoContext *ctx, const PangoFontDescription *f, double width,
	  PangoAlignment al, int justify, const char *text, int markup)
{
	PangoLayout *l = pango_layout_new(ctx);
	pango_layout_set_font_description(l, f);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD);
	pango_layout_set_alignment(l, al);
	pango_layout_set_justify(l, justify);
	pango_layout_set_line_spacing(l, LINE_SPACING);
	if (markup)
		pango_layout_set_markup(l, text, -1);
	else
		pango_layout_set_text(l, text, -1);
	return l;
}

static double
lheight(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static double
before_of(enum kind k)
{
	switch (k) {
	case K_HEAD:
		return 10.0;
	case K_TROW_HEAD:
		return 6.0;
	case K_SIGN_INTRO:
		return 8 * MM;
	case K_SIGN:
		return 4 * MM;
	default:
		return 0.0;
	}
}

static double
after_of(enum kind k)
{
	switch (k) {
	case K_TITLE:
		return 1 * MM;
	case K_SUBTITLE:
		return 4 * MM;
	case K_HEAD:
		return 4.0;
	case K_BULLET:
		return 0.0;
	case K_TROW_HEAD:
	case K_TROW:
		return 0.0;
	case K_TROW_LAST:
		return 8.0;
	default:
		return PAR_AFTER;
	}
}

static int
is_row(enum kind k)
{
	return k == K_TROW_HEAD || k == K_TROW || k == K_TROW_LAST;
}

/* Build the layouts of one block. */
static void
build(PangoContext *ctx, struct item *it)
{
	const struct blk *b = it->b;
	it->nl = 1;
	switch (b->kind) {
	case K_TITLE:
		it->l[0] =
		    mk_layout(ctx, f_title, CW, PANGO_ALIGN_CENTER, 0, b->a, 0);
		break;
	case K_SUBTITLE:
		it->l[0] =
		    mk_layout(ctx, f_sub, CW, PANGO_ALIGN_CENTER, 0, b->a, 0);
		break;
	case K_PARA:
	case K_SIGN_INTRO:
		it->l[0] =
		    mk_layout(ctx, f_body, CW, PANGO_ALIGN_LEFT, 1, b->a, 0);
		break;
	case K_MARKUP:
		it->l[0] =
		    mk_layout(ctx, f_body, CW, PANGO_ALIGN_LEFT, 1, b->a, 1);
		break;
	case K_CLOSING:
		it->l[0] =
		    mk_layout(ctx, f_body, CW, PANGO_ALIGN_RIGHT, 0, b->a, 1);
		break;
	case K_HEAD:
		it->l[0] =
		    mk_layout(ctx, f_head, CW, PANGO_ALIGN_LEFT, 0, b->a, 0);
		pango_layout_set_line_spacing(it->l[0], 0.0f);
		break;
	case K_BULLET:
	case K_BULLET_LAST:
		it->l[0] = mk_layout(ctx, f_body, CW - BULLET_INDENT,
				     PANGO_ALIGN_LEFT, 1, b->a, 0);
		break;
	case K_TROW_HEAD:
	case K_TROW:
	case K_TROW_LAST: {
		const char *cells[3] = {b->a, b->b, b->c};
		it->nl = 3;
		it->h = 0;
		for (int i = 0; i < 3; i++) {
			it->l[i] = mk_layout(
			    ctx, b->kind == K_TROW_HEAD ? f_bold : f_body,
			    COLW[i] - 2 * CELL_PAD, PANGO_ALIGN_LEFT, 0,
			    cells[i], 0);
			double h = lheight(it->l[i]);
			if (h > it->h)
				it->h = h;
		}
		it->h += 2 * CELL_PAD;
		return;
	}
	case K_SIGN: {
		it->nl = 3;
		it->l[0] = mk_layout(ctx, f_body, CW / 2, PANGO_ALIGN_LEFT, 0,
				     b->a, 1);
		it->l[1] = mk_layout(ctx, f_body, CW / 2, PANGO_ALIGN_LEFT, 0,
				     b->b, 1);
		it->l[2] =
		    mk_layout(ctx, f_body, CW, PANGO_ALIGN_LEFT, 0, b->c, 1);
		PangoTabArray *tabs = pango_tab_array_new_with_positions(
		    1, TRUE, PANGO_TAB_LEFT, (int)(CW / 2));
		pango_layout_set_tabs(it->l[2], tabs);
		pango_tab_array_free(tabs);
		it->h = lheight(it->l[0]) + 22 * MM + lheight(it->l[2]);
		return;
	}
	}
	it->h = lheight(it->l[0]);
}

/* Paginate: flowing blocks are split between lines; rows and signatures
 * move whole; a heading moves with the first line of what follows. */
static int
paginate(struct item *items, size_t n)
{
	int page = 1;
	double y = MT;
	for (size_t i = 0; i < n; i++) {
		struct item *it = &items[i];
		enum kind k = it->b->kind;
		if (y > MT)
			y += before_of(k);
		if (is_row(k) || k == K_SIGN || k == K_HEAD) {
			double need = it->h;
			if (k == K_HEAD && i + 1 < n) {
				PangoLayoutIter *li =
				    pango_layout_get_iter(items[i + 1].l[0]);
				PangoRectangle r;
				pango_layout_iter_get_line_extents(li, NULL,
								   &r);
				pango_layout_iter_free(li);
				need += after_of(k) +
					before_of(items[i + 1].b->kind) +
					(double)(r.y + r.height) / PANGO_SCALE;
			}
			if (y + need > BOTTOM && y > MT) {
				page++;
				y = MT;
			}
			it->nseg = 1;
			it->seg[0] = (struct seg){
			    page, 0, pango_layout_get_line_count(it->l[0]), y};
			y += it->h + after_of(k);
			continue;
		}
		/* flowing block: place line by line */
		PangoLayoutIter *li = pango_layout_get_iter(it->l[0]);
		int line = 0;
		it->nseg = 0;
		struct seg *cur = NULL;
		double base =
		    y; /* page y of layout y = 0 for the current segment */
		do {
			PangoRectangle r;
			pango_layout_iter_get_line_extents(li, NULL, &r);
			double top = (double)r.y / PANGO_SCALE,
			       bot = (double)(r.y + r.height) / PANGO_SCALE;
			if (base + bot > BOTTOM && !(cur == NULL && y == MT)) {
				if (cur)
					cur->line1 = line;
				page++;
				base = MT - top;
				cur = NULL;
			}
			if (!cur) {
				if (it->nseg == MAX_SEG) {
					fprintf(stderr, "block too long\n");
					exit(1);
				}
				cur = &it->seg[it->nseg++];
				*cur = (struct seg){page, line, line + 1, base};
			}
			cur->line1 = line + 1;
			y = base + bot;
			line++;
		} while (pango_layout_iter_next_line(li));
		pango_layout_iter_free(li);
		y += after_of(k);
	}
	return page;
}

static void
show_lines(cairo_t *cr, PangoLayout *l, double x, const struct seg *s)
{
	PangoLayoutIter *li = pango_layout_get_iter(l);
	int line = 0;
	do {
		if (line >= s->line0 && line < s->line1) {
			PangoRectangle r;
			pango_layout_iter_get_line_extents(li, NULL, &r);
			double baseline =
			    (double)pango_layout_iter_get_baseline(li) /
			    PANGO_SCALE;
			cairo_move_to(cr, x + (double)r.x / PANGO_SCALE,
				      s->dy + baseline);
			pango_cairo_show_layout_line(
			    cr, pango_layout_iter_get_line_readonly(li));
		}
		line++;
	} while (line < s->line1 && pango_layout_iter_next_line(li));
	pango_layout_iter_free(li);
}

static void
draw_item(cairo_t *cr, const struct item *it, const struct seg *s)
{
	enum kind k = it->b->kind;
	if (is_row(k)) {
		double x = ML;
		for (int i = 0; i < 3; i++) {
			cairo_rectangle(cr, x, s->dy, COLW[i], it->h);
			if (k == K_TROW_HEAD) {
				cairo_set_source_rgb(cr, 0.882, 0.882, 0.882);
				cairo_fill_preserve(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
			}
			cairo_set_line_width(cr, 0.5);
			cairo_stroke(cr);
			cairo_move_to(cr, x + CELL_PAD, s->dy + CELL_PAD);
			pango_cairo_show_layout(cr, it->l[i]);
			x += COLW[i];
		}
	} else if (k == K_SIGN) {
		cairo_move_to(cr, ML, s->dy);
		pango_cairo_show_layout(cr, it->l[0]);
		cairo_move_to(cr, ML + CW / 2, s->dy);
		pango_cairo_show_layout(cr, it->l[1]);
		cairo_move_to(cr, ML, s->dy + lheight(it->l[0]) + 22 * MM);
		pango_cairo_show_layout(cr, it->l[2]);
	} else if (k == K_BULLET || k == K_BULLET_LAST) {
		show_lines(cr, it->l[0], ML + BULLET_INDENT, s);
	} else {
		show_lines(cr, it->l[0], ML, s);
	}
}

static void
draw_page_frame(cairo_t *cr, PangoContext *ctx, int page, int pages,
		const char *ref)
{
	char buf[256];
	PangoLayout *l;
	/* header: brand block left, reference right, rule */
	l = mk_layout(ctx, f_bold, CW, PANGO_ALIGN_LEFT, 0, BRAND_NAME, 0);
	PangoFontDescription *fd = pango_font_description_copy(f_bold);
	pango_font_description_set_size(fd, 8.5 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_line_spacing(l, 0.0f);
	cairo_move_to(cr, ML, 14 * MM);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	pango_font_description_set_weight(fd, PANGO_WEIGHT_NORMAL);
	pango_font_description_set_size(fd, 8 * PANGO_SCALE);
	l = mk_layout(ctx, fd, CW, PANGO_ALIGN_LEFT, 0, BRAND_DEPT, 0);
	pango_layout_set_line_spacing(l, 0.0f);
	cairo_move_to(cr, ML, 14 * MM + 11);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	snprintf(buf, sizeof buf, "Réf. %s", ref);
	l = mk_layout(ctx, fd, CW, PANGO_ALIGN_RIGHT, 0, buf, 0);
	pango_layout_set_line_spacing(l, 0.0f);
	cairo_move_to(cr, ML, 14 * MM + 21);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
	pango_font_description_set_size(fd, 7.5 * PANGO_SCALE);
	l = mk_layout(ctx, fd, CW, PANGO_ALIGN_LEFT, 0, BRAND_MOTTO, 0);
	pango_layout_set_line_spacing(l, 0.0f);
	cairo_move_to(cr, ML, 14 * MM + 21);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, ML, 14 * MM + 32);
	cairo_line_to(cr, ML + CW, 14 * MM + 32);
	cairo_stroke(cr);
	/* footer: rule, footer text left, Page N / M right */
	cairo_move_to(cr, ML, BOTTOM + 6 * MM);
	cairo_line_to(cr, ML + CW, BOTTOM + 6 * MM);
	cairo_stroke(cr);
	pango_font_description_set_style(fd, PANGO_STYLE_NORMAL);
	pango_font_description_set_size(fd, 8 * PANGO_SCALE);
	snprintf(buf, sizeof buf, "%s %s", FOOTER_PREFIX, ref);
	l = mk_layout(ctx, fd, CW, PANGO_ALIGN_LEFT, 0, buf, 0);
	cairo_move_to(cr, ML, BOTTOM + 6 * MM + 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	snprintf(buf, sizeof buf, "Page %d / %d", page, pages);
	l = mk_layout(ctx, fd, CW, PANGO_ALIGN_RIGHT, 0, buf, 0);
	cairo_move_to(cr, ML, BOTTOM + 6 * MM + 2);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
	pango_font_description_free(fd);
}

static int
render(const char *path, const char *ref)
{
	cairo_surface_t *surf = cairo_pdf_surface_create(path, PW, PH);
	cairo_t *cr = cairo_create(surf);
	PangoContext *ctx = pango_cairo_create_context(cr);
	pango_cairo_context_set_resolution(
	    ctx, 72.0); /* 1 pt = 1 unit: 10pt is 10pt */
	/* PDF is vector: no glyph-position rounding (at 72 dpi it would round
	 * every advance to a whole point) and no hinted metrics */
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	PangoLanguage *fr = pango_language_from_string("fr-FR");
	pango_context_set_language(ctx, fr);

	struct item *items = calloc(N_CONTENT, sizeof *items);
	for (size_t i = 0; i < N_CONTENT; i++) {
		items[i].b = &CONTENT[i];
		build(ctx, &items[i]);
	}
	int pages = paginate(items, N_CONTENT);

	PangoLayout *dash =
	    mk_layout(ctx, f_body, 10 * MM, PANGO_ALIGN_LEFT, 0, "–", 0);
	int page = 1;
	draw_page_frame(cr, ctx, page, pages, ref);
	for (size_t i = 0; i < N_CONTENT; i++) {
		const struct item *it = &items[i];
		for (int s = 0; s < it->nseg; s++) {
			while (it->seg[s].page > page) {
				cairo_show_page(cr);
				page++;
				draw_page_frame(cr, ctx, page, pages, ref);
			}
			if ((it->b->kind == K_BULLET ||
			     it->b->kind == K_BULLET_LAST) &&
			    it->seg[s].line0 == 0) {
				cairo_move_to(cr, ML + 2 * MM, it->seg[s].dy);
				pango_cairo_show_layout(cr, dash);
			}
			draw_item(cr, it, &it->seg[s]);
		}
	}
	cairo_show_page(cr);
	g_object_unref(dash);

	for (size_t i = 0; i < N_CONTENT; i++)
		for (int j = 0; j < items[i].nl; j++)
			g_object_unref(items[i].l[j]);
	free(items);
	g_object_unref(ctx);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	int bad = cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS;
	if (bad)
		fprintf(stderr, "%s: %s\n", path,
			cairo_status_to_string(cairo_surface_status(surf)));
	cairo_surface_destroy(surf);
	return bad ? -1 : pages;
}

int
main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 1;
	const char *dir = argc > 2 ? argv[2] : ".";
	f_body = pango_font_description_from_string("Liberation Sans 10");
	f_bold = pango_font_description_from_string("Liberation Sans Bold 10");
	f_head = pango_font_description_from_string("Liberation Sans Bold 11");
	f_title = pango_font_description_from_string("Liberation Sans Bold 16");
	f_sub = pango_font_description_from_string("Liberation Sans 11");
	for (int i = 0; i < n; i++) {
		char path[4096], ref[64];
		snprintf(path, sizeof path, "%s/floor-%03d.pdf", dir, i + 1);
		snprintf(ref, sizeof ref, "CP-2025-DECT-%04d", 147 + i);
		if (render(path, ref) < 0)
			return 1;
	}
	return 0;
}
