/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Layout (layout.h) of one document: its blocks as atoms, what pagination
 * moves (a paragraph's lines, a table's rows, a signature block), set with
 * layoutline.c; the atoms broken into pages (keep-with-next, widows and
 * orphans, table headers repeated); then on each page the header, the
 * footer, and on the first the bloc-marque and the partner zone.
 */
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout-private.h"
#include "styles.h"
#include "xalloc.h"

/* Lists: the items' indent, and the box of their label (dash or number)
 * left of their first line, in ems of the list style. */
#define LAYOUT_LIST_INDENT_EM 1.6
#define LAYOUT_LABEL_WIDTH_EM 1.4

/* How many times pagination may start again to open the signature page
 * with a whole block. */
#define LAYOUT_UNBOXED_TRIES 3

/* How many times the blocks are laid out again for pages that would end
 * with a hyphenated line (layout_page_ends). */
#define LAYOUT_PAGE_END_ROUNDS 4

/* The placeholder bloc-marque: the line height of its label. */
#define LAYOUT_MARQUE_LABEL_LINE_HEIGHT 1.2

/* The narrowest a partner logo gets when the zone lacks room, pt. */
#define LAYOUT_LOGO_MIN_WIDTH_PT 10.0

/* Boxes for initials in the footer (handwritten mode), one per party, at
 * the bottom right: their size, the charter's label left of them and the
 * gaps are styles.h's (PP_PARAPHE_*), shared with the ODT; how far the
 * label rises from the footer line, and the boxes, pt; the party's label
 * inside its box, this far below its top, pt. */
#define LAYOUT_PARAPHE_LABEL_RISE_PT  4.0
#define LAYOUT_PARAPHE_BOX_RISE_PT    2.0
#define LAYOUT_PARAPHE_PARTY_INSET_PT 2.0

/* --- Atoms: what pagination moves ---------------------------------------- */

struct atom {
	double h;	     /* pt */
	double space_before; /* pt, dropped at the top of a page */
	double space_after;  /* pt */
	int keep_with_next;  /* no page break between this atom and the next */
	int page_break;	     /* a forced break before this atom */
	int table;	     /* 0, or the table this row belongs to */
	int header_row;	     /* 1 for a table header row */
	int signatures;	     /* 1 for the signature block */
	int page_top;	     /* set by pagination: first on its page */
	GArray *items;	     /* struct pp_item, y relative to the atom top */
	/* The block whose first line or row this atom is, or NULL when it
	 * goes on a block begun by an atom before. */
	const struct pp_node *node;
	const char *outline; /* title for a bookmark, or NULL */
	const char *dest;    /* its destination */
	/* A line of a paragraph that ends with a hyphenated word: the
	 * paragraph and 1 + the word's index in it (0: no such line). */
	const struct pp_node *para;
	int word;
};

static struct atom *
layout_atom_new(struct layout_ctx *l)
{
	struct atom *a = pp_arena_alloc(l->pages->arena, sizeof(*a));

	a->items = g_array_new(FALSE, TRUE, sizeof(struct pp_item));
	g_ptr_array_add(l->atoms, a);
	return a;
}

static void
layout_tag(struct atom *a, enum pp_item_kind kind, const char *tag,
	   const char *attrs)
{
	struct pp_item it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.tag = tag;
	it.attrs = attrs;
	g_array_append_val(a->items, it);
}

/*
 * Sets the inlines of n in style st as lines of width at x; appends one
 * atom per line (or one atom holding them all when whole) with the tag
 * around them.  label: a list bullet drawn left of the first line.
 * Returns the number of lines.
 */
static int
layout_paragraph(struct layout_ctx *l, const struct pp_node *n,
		 const struct pp_style *st, double x, double width,
		 const char *tag, const char *label, struct atom *whole,
		 double *whole_y)
{
	struct para p;
	PangoLayout *measure;
	PangoLayoutIter *iter;
	int count, i;
	struct atom *a = NULL;

	pp_buf_init(&p.text);
	p.runs = g_array_new(FALSE, TRUE, sizeof(struct run));
	p.super = 0;
	p.in_ref = 0;
	pp_layout_para_collect(l, &p, n, st, 0, 0, NULL);
	if (p.text.len == 0) {
		pp_buf_fini(&p.text);
		g_array_free(p.runs, TRUE);
		return 0;
	}
	if (l->nobreak != NULL) {
		GArray *words = g_hash_table_lookup(l->nobreak, n);
		guint w;

		for (w = 0; words != NULL && w < words->len; w++)
			pp_layout_para_unhyphenate_word(
			    &p, g_array_index(words, int, w));
	}
	measure = pp_layout_para_hyphenated(l, st, &p, width);
	count = pango_layout_get_line_count(measure);
	iter = pango_layout_get_iter(measure);
	for (i = 0; i < count; i++, pango_layout_iter_next_line(iter)) {
		const PangoLayoutLine *ln =
		    pango_layout_iter_get_line_readonly(iter);
		size_t from = (size_t)ln->start_index;
		size_t to = from + (size_t)ln->length;
		int last = i == count - 1;
		struct pp_item item;
		double y;

		if (whole != NULL) {
			a = whole;
			y = *whole_y;
		} else {
			a = layout_atom_new(l);
			y = 0;
		}
		if (i == 0) {
			if (whole == NULL) {
				a->space_before = st->space_before;
				a->node = n;
			}
			if (tag != NULL)
				layout_tag(a, PP_ITEM_TAG_BEGIN, tag, NULL);
		}
		if (pp_layout_line_shared(l, st, &p, measure, iter, i,
					  st->align == PP_ALIGN_JUSTIFY &&
					      !last,
					  x, width, y, &item) != 0)
			pp_layout_line_item(l, st, &p, from, to,
					    st->align == PP_ALIGN_JUSTIFY &&
						!last,
					    x, width, y, &item);
		item.hyphen = pp_layout_line_hyphen(&p, to);
		if (i == 0 && label != NULL) {
			struct pp_item lab;

			pp_layout_text_item(
			    l, st, label, x - st->size * LAYOUT_LABEL_WIDTH_EM,
			    st->size * LAYOUT_LABEL_WIDTH_EM, y, &lab);
			g_array_append_val(a->items, lab);
		}
		g_array_append_val(a->items, item);
		if (whole != NULL) {
			*whole_y += item.h;
		} else {
			a->h = item.h;
			/* Orphans and widows: the first and the last lines
			 * stay together, and a paragraph too short to leave
			 * enough on each side stays whole (the last line
			 * takes the style's rule below). */
			a->keep_with_next =
			    i < PP_MIN_LINES_AT_BREAK - 1 ||
			    i >= count - PP_MIN_LINES_AT_BREAK ||
			    count < 2 * PP_MIN_LINES_AT_BREAK;
			if (item.hyphen) {
				a->para = n;
				a->word = 1 + pp_layout_para_word(&p, to - 2);
			}
		}
		if (last) {
			if (tag != NULL)
				layout_tag(a, PP_ITEM_TAG_END, tag, NULL);
			if (whole == NULL) {
				a->space_after = st->space_after;
				a->keep_with_next = st->keep_with_next;
			}
		}
	}
	pango_layout_iter_free(iter);
	g_object_unref(measure);
	pp_buf_fini(&p.text);
	g_array_free(p.runs, TRUE);
	return count;
}

/* A paragraph of inlines built by the layout (titles): p, laid out at the
 * column's width, with a destination dest (or NULL) and an outline entry
 * (plain text). */
static void
layout_built_block(struct layout_ctx *l, const struct pp_node *p,
		   const struct pp_style *st, const char *tag, const char *dest,
		   const char *outline, const struct pp_node *node)
{
	size_t before = l->atoms->len;

	layout_paragraph(l, p, st, l->x0, l->width, tag, NULL, NULL, NULL);
	if (l->atoms->len > before) {
		struct atom *a = l->atoms->pdata[before];

		a->node = node;
		if (dest != NULL) {
			struct pp_item d;

			memset(&d, 0, sizeof(d));
			d.kind = PP_ITEM_DEST;
			d.x = l->x0;
			d.name = layout_strdup(l, dest);
			g_array_prepend_val(a->items, d);
			a->dest = d.name;
		}
		a->outline = layout_strdup(l, outline);
	}
}

/* A paragraph made of one plain text (titles built by the layout). */
static void
layout_text_block(struct layout_ctx *l, const char *text,
		  const struct pp_style *st, const char *tag, const char *dest,
		  const char *outline, const struct pp_node *node)
{
	struct pp_doc *tmp = pp_doc_new();
	struct pp_node *p = pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);
	struct pp_node *t = pp_doc_node_new(tmp, PP_NODE_TEXT, NULL);

	t->text = text;
	pp_doc_append(p, t);
	layout_built_block(l, p, st, tag, dest, outline, node);
	pp_doc_free(tmp);
}

/* --- Blocks ------------------------------------------------------------- */

static void layout_blocks(struct layout_ctx *l, const struct pp_node *first,
			  double x, double width);

static const struct pp_style *
layout_style(struct layout_ctx *l, const struct pp_node *n, const char *def)
{
	return pp_charte_style(l->c, n->style != NULL ? n->style : def);
}

/* Height of the blocks from first up to stop (excluded; NULL: to the end)
 * of a cell or a party, laid into a rigid atom at y. */
static double
layout_cell_blocks(struct layout_ctx *l, const struct pp_node *first,
		   const struct pp_node *stop, const char *style, double x,
		   double width, struct atom *row, double y, const char *tag)
{
	const struct pp_node *b;
	double y0 = y;

	for (b = first; b != NULL && b != stop; b = b->next) {
		const struct pp_style *st = layout_style(l, b, style);

		if (b->kind == PP_NODE_PARAGRAPH) {
			if (b != first)
				y += st->space_before;
			layout_paragraph(l, b, st, x, width, tag, NULL, row,
					 &y);
		} else if (b->kind == PP_NODE_LIST) {
			const struct pp_node *item;

			for (item = b->first; item != NULL; item = item->next)
				if (item->first != NULL &&
				    item->first->kind == PP_NODE_PARAGRAPH)
					layout_paragraph(l, item->first, st,
							 x + st->size,
							 width - st->size, tag,
							 PP_LIST_DASH, row, &y);
		}
	}
	return y - y0;
}

/* Height of the blocks of a cell, laid into a rigid atom. */
static double
layout_cell(struct layout_ctx *l, const struct pp_node *cell, const char *style,
	    double x, double width, struct atom *row, double y, const char *tag)
{
	return layout_cell_blocks(l, cell->first, NULL, style, x, width, row, y,
				  tag);
}

static void
layout_table(struct layout_ctx *l, const struct pp_node *table, double x,
	     double width)
{
	const struct pp_style *head =
	    pp_charte_style(l->c, PP_STYLE_TABLE_HEADER);
	const struct pp_style *body =
	    pp_charte_style(l->c, PP_STYLE_TABLE_CELL);
	const struct pp_node *row;
	const double pad = PP_TABLE_CELL_PADDING_PT;
	size_t ncols = 0, i;
	double *colw;
	int id = ++l->tables, first = 1;
	struct atom *last_row = NULL;

	for (row = table->first; row != NULL; row = row->next) {
		size_t n = 0;
		const struct pp_node *c;

		for (c = row->first; c != NULL; c = c->next)
			n++;
		if (n > ncols)
			ncols = n;
	}
	if (ncols == 0)
		return;
	colw = pp_xcalloc(ncols, sizeof(*colw));
	for (i = 0; i < ncols; i++) {
		double pct =
		    i < table->ncols ? table->widths[i] : 100.0 / (double)ncols;

		colw[i] = width * pct / 100.0;
	}
	for (row = table->first; row != NULL; row = row->next) {
		struct atom *a = layout_atom_new(l);
		const struct pp_node *c;
		double cx = x, h = 0;
		guint start;

		if (first) {
			a->node = table;
			layout_tag(a, PP_ITEM_TAG_BEGIN, "Table", NULL);
			a->space_before =
			    body->space_before + PP_TABLE_SPACE_PT;
		}
		first = 0;
		layout_tag(a, PP_ITEM_TAG_BEGIN, "TR", NULL);
		start = a->items->len;
		for (c = row->first, i = 0; c != NULL; c = c->next, i++) {
			double ch =
			    layout_cell(l, c,
					row->number ? PP_STYLE_TABLE_HEADER
						    : PP_STYLE_TABLE_CELL,
					cx + pad, colw[i] - 2 * pad, a, pad,
					row->number ? "TH" : "TD");

			if (ch + 2 * pad > h)
				h = ch + 2 * pad;
			cx += colw[i];
		}
		/* Backgrounds and borders, under the text. */
		for (cx = x, i = 0; i < ncols; i++) {
			struct pp_item r;
			const struct pp_style *st = row->number ? head : body;

			memset(&r, 0, sizeof(r));
			if (st->has_background) {
				r.kind = PP_ITEM_RECT;
				r.x = cx;
				r.y = 0;
				r.w = colw[i];
				r.h = h;
				r.color = st->background;
				g_array_insert_val(a->items, start, r);
				start++;
			}
			r.kind = PP_ITEM_FRAME;
			r.x = cx;
			r.y = 0;
			r.w = colw[i];
			r.h = h;
			r.color = pp_table_border_color(l->c);
			g_array_append_val(a->items, r);
			cx += colw[i];
		}
		layout_tag(a, PP_ITEM_TAG_END, "TR", NULL);
		a->h = h;
		a->table = id;
		a->header_row = row->number;
		/* A header row stays with the first body row. */
		a->keep_with_next = row->number;
		last_row = a;
	}
	if (last_row != NULL) {
		layout_tag(last_row, PP_ITEM_TAG_END, "Table", NULL);
		last_row->space_after = body->space_after + PP_TABLE_SPACE_PT;
	}
	free(colw);
}

/*
 * The signature block, one rigid atom: one column per party, in document
 * order (the State first, on the left).  In each column the party's title
 * in bold when it has one, its lines ("À ..., le ...", "Pour ...", the
 * office), the free space for the signature and the cachet, then its last
 * line, the signatory's name.  That space is recorded as a
 * PP_ITEM_SIGNATURE item, where signature fields will go.
 */
static void
layout_signatures(struct layout_ctx *l, const struct pp_node *sig, double x,
		  double width)
{
	const struct pp_style *st = pp_charte_style(l->c, PP_STYLE_SIGNATURE);
	const double room = PP_MM_TO_PT(PP_SIGNATURE_ROOM_MM);
	const struct pp_node *party;
	struct atom *a;
	size_t n = 0, i;
	double colw, h = 0;

	for (party = sig->first; party != NULL; party = party->next)
		n++;
	if (n == 0)
		return;
	/* The paragraph before ("Fait à ...") stays with the signatures,
	 * and so does the end of the text before it: a signature page that
	 * holds no clause could be swapped for another. */
	if (l->atoms->len > 0)
		((struct atom *)l->atoms->pdata[l->atoms->len - 1])
		    ->keep_with_next = 1;
	if (l->atoms->len > 1)
		((struct atom *)l->atoms->pdata[l->atoms->len - 2])
		    ->keep_with_next = 1;
	a = layout_atom_new(l);
	a->node = sig;
	a->space_before = PP_SIGNATURES_SPACE_BEFORE_PT;
	a->signatures = 1;
	l->signatures = sig;
	colw = width / (double)n;
	for (party = sig->first, i = 0; party != NULL;
	     party = party->next, i++) {
		double y = 0, px = x + colw * (double)i +
				   (i > 0 ? PP_SIGNATURES_GUTTER_PT : 0);
		double pw = colw - PP_SIGNATURES_GUTTER_PT;
		const struct pp_node *name = party->last;
		struct pp_item field;

		if (party->title != NULL && party->title[0] != '\0') {
			struct pp_doc *tmp = pp_doc_new();
			struct pp_node *tp =
			    pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);
			struct pp_node *tt =
			    pp_doc_node_new(tmp, PP_NODE_STRONG, NULL);
			struct pp_node *tx =
			    pp_doc_node_new(tmp, PP_NODE_TEXT, NULL);

			tx->text = party->title;
			pp_doc_append(tt, tx);
			pp_doc_append(tp, tt);
			layout_paragraph(l, tp, st, px, pw, "P", NULL, a, &y);
			pp_doc_free(tmp);
			y += PP_SIGNATURES_TITLE_GAP_PT;
		}
		y += layout_cell_blocks(l, party->first, name,
					PP_STYLE_SIGNATURE, px, pw, a, y, "P");
		memset(&field, 0, sizeof(field));
		field.kind = PP_ITEM_SIGNATURE;
		field.x = px;
		field.y = y;
		field.w = pw;
		field.h = room;
		field.text = layout_strdup(l, party->title);
		g_array_append_val(a->items, field);
		y += room;
		if (name != NULL)
			y += layout_cell_blocks(l, name, NULL,
						PP_STYLE_SIGNATURE, px, pw, a,
						y, "P");
		if (y > h)
			h = y;
	}
	a->h = h;
	a->space_after = PP_SIGNATURES_SPACE_AFTER_PT;
}

static void
layout_list(struct layout_ctx *l, const struct pp_node *list, double x,
	    double width)
{
	const struct pp_node *item;
	int n = 0;
	const struct pp_style *st = layout_style(l, list, PP_STYLE_LIST);
	double indent = st->size * LAYOUT_LIST_INDENT_EM;
	size_t first_atom = l->atoms->len;

	for (item = list->first; item != NULL; item = item->next) {
		const struct pp_node *b;
		char label[16];

		size_t item_start = l->atoms->len;

		n++;
		if (list->number)
			snprintf(label, sizeof(label), "%d.", n);
		else
			snprintf(label, sizeof(label), PP_LIST_DASH);
		for (b = item->first; b != NULL; b = b->next) {
			if (b->kind == PP_NODE_PARAGRAPH) {
				layout_paragraph(
				    l, b, layout_style(l, b, PP_STYLE_LIST),
				    x + indent, width - indent, "LBody",
				    b == item->first ? label : NULL, NULL,
				    NULL);
			} else if (b->kind == PP_NODE_LIST) {
				layout_list(l, b, x + indent, width - indent);
			}
		}
		/* L > LI > LBody, as screen readers expect. */
		if (l->atoms->len > item_start) {
			struct atom *fa = l->atoms->pdata[item_start];
			struct atom *la = l->atoms->pdata[l->atoms->len - 1];
			struct pp_item t;

			memset(&t, 0, sizeof(t));
			t.kind = PP_ITEM_TAG_BEGIN;
			t.tag = "LI";
			g_array_prepend_val(fa->items, t);
			layout_tag(la, PP_ITEM_TAG_END, "LI", NULL);
		}
	}
	if (l->atoms->len > first_atom) {
		struct atom *f = l->atoms->pdata[first_atom];
		struct atom *e = l->atoms->pdata[l->atoms->len - 1];
		struct pp_item t;

		memset(&t, 0, sizeof(t));
		t.kind = PP_ITEM_TAG_BEGIN;
		t.tag = "L";
		g_array_prepend_val(f->items, t);
		layout_tag(e, PP_ITEM_TAG_END, "L", NULL);
		e->space_after = st->space_after;
	}
}

static void
layout_blocks(struct layout_ctx *l, const struct pp_node *first, double x,
	      double width)
{
	const struct pp_node *n;
	char title[1024];

	for (n = first; n != NULL; n = n->next) {
		switch (n->kind) {
		case PP_NODE_PARAGRAPH: {
			size_t before = l->atoms->len;

			/* The document's title is its one H1; sections,
			 * articles and annexes are H2 under it. */
			layout_paragraph(
			    l, n, layout_style(l, n, PP_STYLE_BODY), x, width,
			    n->style != NULL &&
				    strcmp(n->style, PP_STYLE_TITLE) == 0
				? "H1"
				: "P",
			    NULL, NULL, NULL);
			/* A paragraph that introduces a list or a table
			 * ("Messages secondaires :") never ends a page. */
			if (l->atoms->len > before && n->next != NULL &&
			    (n->next->kind == PP_NODE_LIST ||
			     n->next->kind == PP_NODE_TABLE))
				((struct atom *)
				     l->atoms->pdata[l->atoms->len - 1])
				    ->keep_with_next = 1;
			break;
		}
		case PP_NODE_HEADING:
			layout_paragraph(
			    l, n, layout_style(l, n, PP_STYLE_SUBHEADING), x,
			    width, n->number == 1 ? "H2" : "H3", NULL, NULL,
			    NULL);
			break;
		case PP_NODE_ARTICLE: {
			/* Every bookmark needs a destination: articles
			 * without an id get one from their number. */
			char *dest =
			    n->id != NULL
				? g_strdup_printf("article-%s", n->id)
				: g_strdup_printf("article-%d", n->number);

			struct pp_doc *tmp = pp_doc_new();
			struct pp_node *p =
			    pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);

			pp_doc_article_heading(tmp, p, n->number, n->title);
			pp_doc_article_heading_text(n->number, n->title, title,
						    sizeof(title));
			layout_built_block(
			    l, p, layout_style(l, n, PP_STYLE_ARTICLE_TITLE),
			    "H2", dest, title, n);
			pp_doc_free(tmp);
			g_free(dest);
			layout_blocks(l, n->first, x, width);
			break;
		}
		case PP_NODE_ANNEX: {
			char *dest =
			    n->id != NULL
				? g_strdup_printf("article-%s", n->id)
				: g_strdup_printf("annexe-%d", n->number);
			struct atom *brk;
			size_t at = l->atoms->len;

			snprintf(title, sizeof(title), PP_ANNEX_HEADING,
				 n->number, n->title ? n->title : "");
			layout_text_block(
			    l, title, layout_style(l, n, PP_STYLE_ANNEX_TITLE),
			    "H2", dest, title, n);
			g_free(dest);
			if (l->atoms->len > at) {
				brk = l->atoms->pdata[at];
				brk->page_break = 1;
			}
			layout_blocks(l, n->first, x, width);
			break;
		}
		case PP_NODE_LIST:
			layout_list(l, n, x, width);
			break;
		case PP_NODE_TABLE:
			layout_table(l, n, x, width);
			break;
		case PP_NODE_SIGNATURES:
			layout_signatures(l, n, x, width);
			break;
		case PP_NODE_PAGEBREAK: {
			struct atom *a = layout_atom_new(l);

			a->page_break = 1;
			break;
		}
		case PP_NODE_MARQUE:
			l->marque = n;
			break;
		case PP_NODE_LOGOS:
			l->logos = n;
			break;
		case PP_NODE_DOCUMENT:
		case PP_NODE_LOGO:
		case PP_NODE_ITEM:
		case PP_NODE_ROW:
		case PP_NODE_CELL:
		case PP_NODE_PARTY:
		case PP_NODE_TEXT:
		case PP_NODE_STRONG:
		case PP_NODE_EMPH:
		case PP_NODE_LINK:
		case PP_NODE_LINEBREAK:
		case PP_NODE_REF:
		case PP_NODE_SUPER:
		case PP_NODE__COUNT:
			break;
		}
	}
}

/* --- Pagination ---------------------------------------------------------- */

static struct pp_page *
layout_page_new(struct pp_pages *p)
{
	p->pages = pp_xreallocarray(p->pages, p->n + 1, sizeof(*p->pages));
	memset(&p->pages[p->n], 0, sizeof(p->pages[p->n]));
	return &p->pages[p->n++];
}

static void
layout_page_add(struct pp_page *pg, const struct pp_item *it)
{
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->items = pp_xreallocarray(pg->items, pg->cap, sizeof(*it));
	}
	pg->items[pg->n++] = *it;
	if (it->layout != NULL)
		g_object_ref(it->layout);
}

static void
layout_place(struct layout_ctx *l, struct pp_page *pg, const struct atom *a,
	     double y, int repeat)
{
	guint i;

	for (i = 0; i < a->items->len; i++) {
		struct pp_item it = g_array_index(a->items, struct pp_item, i);

		/* A header row repeated on the next page is drawn again but
		 * stays out of the structure: the table has one header. */
		if (repeat &&
		    (it.kind == PP_ITEM_TAG_BEGIN ||
		     it.kind == PP_ITEM_TAG_END || it.kind == PP_ITEM_DEST))
			continue;
		it.y += y;
		layout_page_add(pg, &it);
	}
	if (a->outline != NULL && !repeat) {
		struct pp_pages *p = l->pages;

		p->outline = pp_xreallocarray(p->outline, p->noutline + 1,
					      sizeof(*p->outline));
		p->outline[p->noutline].title = pp_xstrdup(a->outline);
		p->outline[p->noutline].dest =
		    pp_xstrdup(a->dest != NULL ? a->dest : "");
		p->outline[p->noutline].page = (int)p->n;
		p->noutline++;
	}
}

static double
layout_body_top(struct layout_ctx *l, size_t page)
{
	return pp_body_top(l->c, page == 0,
			   l->marque != NULL || l->logos != NULL);
}

/* Records in l->nobreak that the word a's line ends with must not be
 * hyphenated. */
static void
layout_nobreak(struct layout_ctx *l, const struct atom *a)
{
	GArray *words;
	int w = a->word - 1;

	if (l->nobreak == NULL)
		l->nobreak =
		    g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
					  (GDestroyNotify)g_array_unref);
	words = g_hash_table_lookup(l->nobreak, a->para);
	if (words == NULL) {
		words = g_array_new(FALSE, FALSE, sizeof(int));
		g_hash_table_insert(l->nobreak, (gpointer)a->para, words);
	}
	g_array_append_val(words, w);
}

/*
 * Breaks the atoms into pages.  dry: places nothing, and returns how many
 * pages would end with a hyphenated line, each such word recorded in
 * l->nobreak; otherwise makes the pages and returns 0.
 */
static int
layout_paginate(struct layout_ctx *l, int dry)
{
	const struct pp_charte *c = l->c;
	double bottom = c->page_height - c->margin_bottom;
	struct pp_page *pg = dry ? NULL : layout_page_new(l->pages);
	double y = layout_body_top(l, 0);
	int empty = 1, cur_table = 0, header_on_page = 0, split = 0;
	const struct atom *table_header = NULL, *last = NULL;
	size_t npages = 1;
	guint i, k, page_first = 0;

	for (i = 0; i < l->atoms->len; i++) {
		struct atom *a = l->atoms->pdata[i];
		double need = 0, sb;

		a->page_top = 0;
		/* The chain of atoms that must stay on one page. */
		for (k = i; k < l->atoms->len; k++) {
			const struct atom *b = l->atoms->pdata[k];

			need += (k == i && empty ? 0 : b->space_before) + b->h;
			if (!b->keep_with_next || k + 1 >= l->atoms->len ||
			    need > bottom - layout_body_top(l, 1))
				break;
			need += b->space_after;
		}
		if (a->table != cur_table) {
			cur_table = a->table;
			table_header = a->header_row ? a : NULL;
			header_on_page = 1;
		}
		if (!empty && (a->page_break || y + need > bottom)) {
			if (dry && last != NULL && last->word > 0) {
				layout_nobreak(l, last);
				split++;
			}
			if (!dry)
				pg = layout_page_new(l->pages);
			y = layout_body_top(l, npages++);
			empty = 1;
			header_on_page = 0;
			page_first = i;
		}
		/* A bare forced break leaves the new page empty: a break
		 * before an annex (which breaks too) adds no blank page. */
		if (a->page_break && a->h == 0 && a->items->len == 0) {
			if (page_first == i)
				page_first = i + 1;
			continue;
		}
		/* A table going on over a page break repeats its header. */
		if (a->table != 0 && !a->header_row && table_header != NULL &&
		    !header_on_page) {
			if (!dry)
				layout_place(l, pg, table_header, y, 1);
			y += table_header->h;
			empty = 0;
		}
		if (a->header_row)
			header_on_page = 1;
		sb = empty ? 0 : a->space_before;
		y += sb;
		/* First on its page, a repeated table header aside. */
		a->page_top = i == page_first;
		if (!dry)
			layout_place(l, pg, a, y, 0);
		if (!dry && a->signatures && l->signature_page == 0) {
			l->signature_page = l->pages->n;
			l->unboxed_first = page_first;
		}
		y += a->h + a->space_after;
		empty = 0;
		last = a;
		if (a->table != 0)
			header_on_page = 1;
	}
	/* Without a signature block, the last page goes without boxes. */
	if (!dry && l->signature_page == 0)
		l->unboxed_first = page_first;
	return split;
}

/* Frees the pages of p and their outline, leaving p without any. */
static void
layout_pages_clear(struct pp_pages *p)
{
	size_t i, k;

	for (i = 0; i < p->n; i++) {
		for (k = 0; k < p->pages[i].n; k++)
			if (p->pages[i].items[k].layout != NULL)
				g_object_unref(p->pages[i].items[k].layout);
		free(p->pages[i].items);
	}
	free(p->pages);
	p->pages = NULL;
	p->n = 0;
	for (i = 0; i < p->noutline; i++) {
		free(p->outline[i].title);
		free(p->outline[i].dest);
	}
	free(p->outline);
	p->outline = NULL;
	p->noutline = 0;
}

/* Forgets the pages pagination made, to paginate again. */
static void
layout_pages_reset(struct layout_ctx *l)
{
	layout_pages_clear(l->pages);
	l->signature_page = 0;
	l->unboxed_first = 0;
}

/*
 * In handwritten mode, the page without boxes for initials (the signature
 * page) opens with a whole block, so that the ODT can open its own there,
 * a master page without boxes, and break where the PDF breaks: when
 * pagination began it with the end of a paragraph, or a table's later
 * rows, or an atom kept with the one before it (a title with its text),
 * the block that chain begins with goes to the top of that page, and
 * pagination is done again.  Records the block in unboxed_start.
 */
static void
layout_paginate_signed(struct layout_ctx *l)
{
	int tries;

	layout_paginate(l, 0);
	if (!l->doc->paraphes || !l->c->footer.paraphes)
		return;
	for (tries = 0; tries < LAYOUT_UNBOXED_TRIES; tries++) {
		guint i = l->unboxed_first;
		struct atom *a;

		while (
		    i > 0 &&
		    (((struct atom *)l->atoms->pdata[i])->node == NULL ||
		     ((struct atom *)l->atoms->pdata[i - 1])->keep_with_next))
			i--;
		a = l->atoms->pdata[i];
		if (i == l->unboxed_first && a->node != NULL) {
			l->pages->unboxed_start = a->node;
			return;
		}
		/* A block longer than a page cannot move whole. */
		if (a->page_top || a->node == NULL)
			break;
		a->page_break = 1;
		layout_pages_reset(l);
		layout_paginate(l, 0);
	}
	l->pages->unboxed_start = NULL;
}

/* --- Header, footer, bloc-marque ----------------------------------------- */

static void
layout_simple_text(struct layout_ctx *l, struct pp_page *pg, const char *text,
		   const struct pp_style *st, double x, double y, double width,
		   enum pp_align align, int header)
{
	struct pp_style s = *st;
	struct pp_item it;

	s.align = align;
	pp_layout_text_item(l, &s, text, x, width, y, &it);
	it.header = header;
	layout_page_add(pg, &it);
	g_object_unref(it.layout);
}

/* The bloc-marque on page 1: the official artwork, or a placeholder that
 * nobody can take for the real mark (DOMAIN §5.5): a grey box as high as
 * the bloc-marque reading « Emplacement du bloc-marque officiel », with
 * neither the title nor the motto typeset. */
static void
layout_marque(struct layout_ctx *l, struct pp_page *pg)
{
	const struct pp_charte *c = l->c;
	struct pp_style label = pp_placeholder_style(c);
	double y;
	struct pp_item m;

	memset(&m, 0, sizeof(m));
	m.kind = PP_ITEM_MARQUE;
	m.x = c->marque.x;
	m.y = c->marque.y;
	m.h = c->marque.height;
	m.w = m.h * PP_MARQUE_PLACEHOLDER_RATIO;
	if (c->marque.artwork != NULL) {
		double w = PP_MARQUE_ARTWORK_RATIO, h = 1;

		/* Loaded by layout_images_load(): its proportions. */
		pp_images_load(l->pages->images, c->marque.artwork, NULL, &w,
			       &h, NULL);
		m.w = h > 0 ? m.h * w / h : m.h * PP_MARQUE_ARTWORK_RATIO;
	}
	m.lines = l->marque->lines;
	m.nlines = l->marque->nlines;
	m.name = c->marque.artwork;
	layout_page_add(pg, &m);
	if (c->marque.artwork != NULL)
		return;
	label.line_height = LAYOUT_MARQUE_LABEL_LINE_HEIGHT;
	label.align = PP_ALIGN_CENTER;
	y = m.y + m.h / 2 - label.size * label.line_height;
	layout_simple_text(l, pg, PP_PLACEHOLDER_LINE1, &label, m.x, y, m.w,
			   PP_ALIGN_CENTER, 0);
	layout_simple_text(l, pg, PP_PLACEHOLDER_LINE2, &label, m.x,
			   y + label.size * label.line_height, m.w,
			   PP_ALIGN_CENTER, 0);
}

/* --- Partner zone (logos) ------------------------------------------------ */

/* A logo's file: its href as the form wrote it, relative to the form's
 * folder (doc->base_dir). */
static const char *
layout_logo_path(struct layout_ctx *l, const struct pp_node *logo)
{
	const char *href = logo->href != NULL ? logo->href : "";
	const char *s;
	char *path;

	if (g_path_is_absolute(href) || l->doc->base_dir == NULL ||
	    strcmp(l->doc->base_dir, ".") == 0)
		return layout_strdup(l, href);
	path = g_build_filename(l->doc->base_dir, href, NULL);
	s = layout_strdup(l, path);
	g_free(path);
	return s;
}

/* Loads every logo once, before any page is made: one that cannot be read
 * (or decoded) stops the layout, with err naming the file. */
static int
layout_images_load(struct layout_ctx *l)
{
	const char *artwork = l->c->marque.artwork;
	const struct pp_node *n;

	if (l->pages->images == NULL)
		l->pages->images = pp_images_new();
	/* The official artwork of the bloc-marque (SVG, PNG or JPEG), then
	 * the partners' logos. */
	if (artwork != NULL && pp_images_load(l->pages->images, artwork, NULL,
					      NULL, NULL, l->err) != 0)
		return -1;
	for (n = l->logos != NULL ? l->logos->first : NULL; n != NULL;
	     n = n->next)
		if (n->kind == PP_NODE_LOGO &&
		    pp_images_load(l->pages->images, layout_logo_path(l, n),
				   NULL, NULL, NULL, l->err) != 0)
			return -1;
	return 0;
}

static void
layout_tag_item(struct pp_page *pg, enum pp_item_kind kind, const char *tag)
{
	struct pp_item it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.tag = tag;
	layout_page_add(pg, &it);
}

/* The right edge of the bloc-marque as drawn on pg (its block, then its
 * title and motto lines, which follow it), or -1 without one. */
static double
layout_marque_right(const struct pp_page *pg)
{
	double right = -1;
	size_t k;

	for (k = 0; k < pg->n; k++)
		if (pg->items[k].kind == PP_ITEM_MARQUE)
			break;
	if (k == pg->n)
		return -1;
	right = pg->items[k].x + pg->items[k].w;
	for (k++; k < pg->n && pg->items[k].kind == PP_ITEM_TEXT; k++) {
		const struct pp_item *it = &pg->items[k];
		PangoRectangle logical;

		pango_layout_get_extents(it->layout, NULL, &logical);
		if (it->x + PT(logical.x + logical.width) > right)
			right = it->x + PT(logical.x + logical.width);
	}
	return right;
}

/*
 * The partner zone on page 1, right of the bloc-marque (after its clear
 * space, the Marianne block's height) and top-aligned with it, flush with
 * the right margin: the label, then the logos side by side, all as high as
 * the charter's partners.max_logo_height allows without the zone growing
 * taller than the bloc-marque, aspect ratios kept, narrowed together when
 * they would not fit the width.  Its items go first on the page: read
 * first, and never inside a paragraph that runs on to page 2.
 */
static void
layout_logos(struct layout_ctx *l, struct pp_page *pg)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *st = pp_charte_style(c, PP_STYLE_PARTNERS_LABEL);
	const char *label = pp_partners_label(c, l->logos->title);
	const double gap = c->marque.block_height, sep = pp_logo_separation(c);
	double right = l->marque != NULL ? layout_marque_right(pg) : -1;
	double x_min = right >= 0 ? right + gap : c->marque.x;
	double x_max = c->page_width - c->margin_right;
	double label_h = 0, label_w = 0, h, sum = 0, total, zone_w, x, y;
	struct pp_page front;
	const struct pp_node *n;
	size_t count = 0, label_at = 0;

	memset(&front, 0, sizeof(front));
	if (label != NULL)
		label_h = st->size * st->line_height + st->space_after;
	h = c->partners.max_logo_height;
	if (h > c->marque.height - label_h)
		h = c->marque.height - label_h;
	for (n = l->logos->first; n != NULL; n = n->next) {
		double w0, h0;

		if (n->kind != PP_NODE_LOGO ||
		    pp_images_load(l->pages->images, layout_logo_path(l, n),
				   NULL, &w0, &h0, NULL) != 0)
			continue;
		sum += h * w0 / h0;
		count++;
	}
	if (count == 0 || h <= 0)
		return;
	total = sum + sep * (double)(count - 1);
	if (total > x_max - x_min) {
		double room = x_max - x_min - sep * (double)(count - 1);
		double scale = room / sum;

		/* A charter with no room. */
		if (room < LAYOUT_LOGO_MIN_WIDTH_PT * (double)count)
			scale = LAYOUT_LOGO_MIN_WIDTH_PT * (double)count / sum;
		h *= scale;
		sum *= scale;
		total = sum + sep * (double)(count - 1);
	}
	zone_w = total;
	if (label_h > 0) {
		PangoRectangle logical;

		layout_tag_item(&front, PP_ITEM_TAG_BEGIN, "P");
		label_at = front.n;
		layout_simple_text(l, &front, label, st, x_min, c->marque.y,
				   x_max - x_min, PP_ALIGN_LEFT, 0);
		layout_tag_item(&front, PP_ITEM_TAG_END, "P");
		pango_layout_get_extents(front.items[label_at].layout, NULL,
					 &logical);
		label_w = PT(logical.x + logical.width);
		if (label_w > zone_w)
			zone_w = label_w;
	}
	x = x_max - zone_w;
	if (x < x_min)
		x = x_min;
	if (label_h > 0) {
		front.items[label_at].x = x;
		front.items[label_at].w = zone_w;
	}
	y = c->marque.y + label_h;
	for (n = l->logos->first; n != NULL; n = n->next) {
		struct pp_item it;
		double w0, h0;

		memset(&it, 0, sizeof(it));
		it.name = layout_logo_path(l, n);
		if (n->kind != PP_NODE_LOGO ||
		    pp_images_load(l->pages->images, it.name, NULL, &w0, &h0,
				   NULL) != 0)
			continue;
		it.kind = PP_ITEM_IMAGE;
		it.text = layout_strdup(l, n->title);
		it.x = x;
		it.y = y;
		it.h = h;
		it.w = h * w0 / h0;
		layout_page_add(&front, &it);
		x += it.w + sep;
	}
	/* In front of the page's items. */
	pg->items =
	    pp_xreallocarray(pg->items, pg->n + front.n, sizeof(*pg->items));
	memmove(pg->items + front.n, pg->items, pg->n * sizeof(*pg->items));
	memcpy(pg->items, front.items, front.n * sizeof(*front.items));
	pg->n += front.n;
	pg->cap = pg->n;
	free(front.items);
}

/* 1 when page i (from 0) gets boxes for initials: in handwritten mode,
 * every page but the one the signatures are on (the last page when the
 * document has no signature block). */
static int
layout_page_has_paraphes(const struct layout_ctx *l, size_t i)
{
	size_t signed_page =
	    l->signature_page != 0 ? l->signature_page : l->pages->n;

	return l->doc->paraphes && l->c->footer.paraphes &&
	       i + 1 != signed_page;
}

/* The parties the boxes are for: the signature block's, or NULL. */
static size_t
layout_paraphe_count(const struct layout_ctx *l)
{
	const struct pp_node *p;
	size_t n = 0;

	if (l->signatures != NULL)
		for (p = l->signatures->first; p != NULL; p = p->next)
			n++;
	return n > 0 ? n : PP_PARAPHE_DEFAULT_BOXES;
}

/* Width of the boxes and their label at the footer's right, with the gap
 * left of them, pt. */
static double
layout_paraphes_width(const struct layout_ctx *l)
{
	double n = (double)layout_paraphe_count(l);

	return n * PP_MM_TO_PT(PP_PARAPHE_BOX_WIDTH_MM) +
	       (n - 1) * PP_PARAPHE_GAP_PT + PP_PARAPHE_LABEL_WIDTH_PT +
	       2 * PP_PARAPHE_GAP_PT;
}

/* The boxes for initials at the bottom right of pg, footer line at fy: the
 * charter's label ("Paraphes"), then one box per party in the order of the
 * signature block, each with the party's paraphe label inside at its top. */
static void
layout_paraphes(struct layout_ctx *l, struct pp_page *pg, double fy)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *foot = pp_charte_style(c, PP_STYLE_FOOTER);
	const double bw = PP_MM_TO_PT(PP_PARAPHE_BOX_WIDTH_MM);
	const double bh = PP_MM_TO_PT(PP_PARAPHE_BOX_HEIGHT_MM);
	size_t n = layout_paraphe_count(l), k;
	double right = c->page_width - c->margin_right;
	double bx =
	    right - (double)n * bw - (double)(n - 1) * PP_PARAPHE_GAP_PT;
	const struct pp_node *party =
	    l->signatures != NULL ? l->signatures->first : NULL;

	layout_simple_text(l, pg, c->footer.paraphe_label, foot,
			   bx - PP_PARAPHE_GAP_PT - PP_PARAPHE_LABEL_WIDTH_PT,
			   fy + bh / 2 - LAYOUT_PARAPHE_LABEL_RISE_PT,
			   PP_PARAPHE_LABEL_WIDTH_PT, PP_ALIGN_RIGHT, 1);
	for (k = 0; k < n; k++) {
		struct pp_item box;
		double x = bx + (double)k * (bw + PP_PARAPHE_GAP_PT);
		double y = fy - LAYOUT_PARAPHE_BOX_RISE_PT;

		memset(&box, 0, sizeof(box));
		box.kind = PP_ITEM_FRAME;
		box.x = x;
		box.y = y;
		box.w = bw;
		box.h = bh;
		box.color = foot->color;
		box.header = 1;
		layout_page_add(pg, &box);
		if (party != NULL && party->text != NULL)
			layout_simple_text(l, pg, party->text, foot, x,
					   y + LAYOUT_PARAPHE_PARTY_INSET_PT,
					   bw, PP_ALIGN_CENTER, 1);
		if (party != NULL)
			party = party->next;
	}
}

static void
layout_furniture(struct layout_ctx *l)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *foot = pp_charte_style(c, PP_STYLE_FOOTER);
	const struct pp_style *head = pp_charte_style(c, PP_STYLE_HEADER);
	double x = c->margin_left;
	double w = c->page_width - c->margin_left - c->margin_right;
	size_t i;

	for (i = 0; i < l->pages->n; i++) {
		struct pp_page *pg = &l->pages->pages[i];
		double fy =
		    c->page_height - c->margin_bottom + PP_FOOTER_GAP_PT;
		GString *num = g_string_new(c->footer.pagination);
		int paraphes = layout_page_has_paraphes(l, i);
		/* The page number keeps its place on the signature page. */
		int boxes = l->doc->paraphes && c->footer.paraphes;
		char *pageno = g_strdup_printf("%zu", i + 1);
		char *pages = g_strdup_printf("%zu", l->pages->n);

		g_string_replace(num, PP_FIELD_PAGE, pageno, 0);
		g_string_replace(num, PP_FIELD_PAGES, pages, 0);
		g_free(pageno);
		g_free(pages);
		layout_simple_text(l, pg, num->str, foot, x, fy,
				   boxes ? w - layout_paraphes_width(l) : w,
				   PP_ALIGN_RIGHT, 1);
		g_string_free(num, TRUE);
		if (l->reference != NULL)
			layout_simple_text(l, pg, l->reference, foot, x, fy,
					   w / 2, PP_ALIGN_LEFT, 1);
		if (l->doc->draft) {
			/* Under the reference, at the left. */
			struct pp_style mark = *foot;

			mark.bold = 1;
			layout_simple_text(
			    l, pg, PP_DRAFT_MARK, &mark, x,
			    fy + (l->reference != NULL
				      ? foot->size * foot->line_height
				      : 0),
			    w / 2, PP_ALIGN_LEFT, 1);
		}
		if (paraphes)
			layout_paraphes(l, pg, fy);
		if (i > 0 && c->header.running_title &&
		    l->pages->title != NULL) {
			struct pp_item rule;

			layout_simple_text(l, pg, l->pages->title, head, x,
					   c->margin_top -
					       PP_RUNNING_TITLE_RISE_PT,
					   w, head->align, 1);
			memset(&rule, 0, sizeof(rule));
			rule.kind = PP_ITEM_RULE;
			rule.x = x;
			rule.y = c->margin_top - PP_HEADER_RULE_RISE_PT;
			rule.w = w;
			rule.h = PP_HEADER_RULE_PT;
			rule.color = head->color;
			rule.header = 1;
			layout_page_add(pg, &rule);
		}
	}
	if (l->marque != NULL && l->pages->n > 0)
		layout_marque(l, &l->pages->pages[0]);
	if (l->logos != NULL && l->pages->n > 0)
		layout_logos(l, &l->pages->pages[0]);
}

/* --- Entry points -------------------------------------------------------- */

static void
layout_atoms_free(struct layout_ctx *l)
{
	guint i;

	for (i = 0; i < l->atoms->len; i++) {
		struct atom *a = l->atoms->pdata[i];
		guint k;

		for (k = 0; k < a->items->len; k++) {
			struct pp_item *it =
			    &g_array_index(a->items, struct pp_item, k);

			if (it->layout != NULL)
				g_object_unref(it->layout);
		}
		g_array_free(a->items, TRUE);
	}
	g_ptr_array_free(l->atoms, TRUE);
	l->atoms = NULL;
}

/*
 * No word split over a page break (DOMAIN §2.4): while a page would end
 * with a hyphenated line, the words such lines end with lose their soft
 * hyphens and the blocks are laid out again (the paragraphs that do not
 * change come from the engine's cache).  After LAYOUT_PAGE_END_ROUNDS, the
 * lines that still end with a hyphen stay with the next line instead.
 */
static void
layout_page_ends(struct layout_ctx *l)
{
	int round;
	guint i;

	for (round = 0; round < LAYOUT_PAGE_END_ROUNDS; round++) {
		if (layout_paginate(l, 1) == 0)
			return;
		layout_atoms_free(l);
		l->atoms = g_ptr_array_new();
		l->tables = 0;
		layout_blocks(l, l->doc->root->first, l->x0, l->width);
	}
	for (i = 0; i < l->atoms->len; i++) {
		struct atom *a = l->atoms->pdata[i];

		if (a->word > 0)
			a->keep_with_next = 1;
	}
}

struct pp_pages *
pp_layout_run(struct pp_layout_engine *e, const struct pp_doc *doc,
	      struct pp_error *err)
{
	struct layout_ctx l;
	struct pp_pages *p = pp_xcalloc(1, sizeof(*p));
	int failed = 0;

	memset(&l, 0, sizeof(l));
	pp_layout_engine_next_document(e);
	p->arena = pp_arena_new();
	p->charte = pp_layout_engine_charte(e);
	p->width = p->charte->page_width;
	p->height = p->charte->page_height;
	p->title = doc->title ? pp_xstrdup(doc->title) : NULL;
	p->subject = doc->subject ? pp_xstrdup(doc->subject) : NULL;
	p->keywords = doc->keywords ? pp_xstrdup(doc->keywords) : NULL;
	p->author = doc->author ? pp_xstrdup(doc->author) : NULL;
	l.e = e;
	l.c = p->charte;
	l.doc = doc;
	l.pages = p;
	l.err = err;
	l.reference = doc->reference;
	l.atoms = g_ptr_array_new();
	l.x0 = l.c->margin_left;
	l.width = l.c->page_width - l.c->margin_left - l.c->margin_right;
	l.names = pp_hyphen_names_new(doc->nohyphen);
	layout_blocks(&l, doc->root->first, l.x0, l.width);
	layout_page_ends(&l);
	if (layout_images_load(&l) != 0) {
		failed = 1;
	} else {
		layout_paginate_signed(&l);
		layout_furniture(&l);
	}
	layout_atoms_free(&l);
	if (l.nobreak != NULL)
		g_hash_table_destroy(l.nobreak);
	pp_hyphen_names_free(l.names);
	if (failed) {
		pp_pages_free(p);
		return NULL;
	}
	return p;
}

void
pp_pages_free(struct pp_pages *p)
{
	size_t i;

	if (p == NULL)
		return;
	layout_pages_clear(p);
	for (i = 0; i < p->nfonts; i++)
		free(p->fonts[i]);
	free(p->fonts);
	free(p->title);
	free(p->subject);
	free(p->keywords);
	free(p->author);
	pp_images_free(p->images);
	pp_arena_free(p->arena);
	free(p);
}

void
pp_pages_dump(const struct pp_pages *p, struct pp_buf *out)
{
	size_t i, k;

	pp_buf_addf(out, "pages %zu (%.2f x %.2f pt)\n", p->n, p->width,
		    p->height);
	for (i = 0; i < p->n; i++) {
		pp_buf_addf(out, "page %zu\n", i + 1);
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			switch (it->kind) {
			case PP_ITEM_TEXT:
				pp_buf_addf(
				    out, "  text %.2f %.2f %.2f %s \"%s\"%s\n",
				    it->x, it->y, it->h,
				    it->style ? it->style : "-",
				    it->text ? it->text : "",
				    it->hyphen ? " hyphen" : "");
				break;
			case PP_ITEM_RECT:
			case PP_ITEM_FRAME:
			case PP_ITEM_RULE:
				pp_buf_addf(out, "  %s %.2f %.2f %.2f %.2f\n",
					    it->kind == PP_ITEM_RECT ? "rect"
					    : it->kind == PP_ITEM_FRAME
						? "frame"
						: "rule",
					    it->x, it->y, it->w, it->h);
				break;
			case PP_ITEM_MARQUE:
				pp_buf_addf(out, "  marque %.2f %.2f %.2f %s\n",
					    it->x, it->y, it->h,
					    it->name ? "artwork"
						     : "placeholder");
				break;
			case PP_ITEM_IMAGE: {
				/* The file's name only: the folder depends
				 * on where paraphe runs. */
				const char *base =
				    it->name ? strrchr(it->name, '/') : NULL;

				pp_buf_addf(out,
					    "  image %.2f %.2f %.2f %.2f %s\n",
					    it->x, it->y, it->w, it->h,
					    base       ? base + 1
					    : it->name ? it->name
						       : "-");
				break;
			}
			case PP_ITEM_DEST:
				pp_buf_addf(out, "  dest %s\n", it->name);
				break;
			case PP_ITEM_SIGNATURE:
				pp_buf_addf(out,
					    "  signature %.2f %.2f %.2f %.2f "
					    "\"%s\"\n",
					    it->x, it->y, it->w, it->h,
					    it->text ? it->text : "");
				break;
			case PP_ITEM_TAG_BEGIN:
			case PP_ITEM_TAG_END:
				break;
			}
		}
	}
}
