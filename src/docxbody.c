/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * document.xml of a DOCX: the document tree as WordprocessingML's body
 * (paragraphs, headings with bookmarks, lists, tables with repeated header
 * rows, the signature block) in the charter's named styles, and in
 * handwritten mode the sections that give the signature page a footer
 * without boxes for initials.
 */
#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "docx-private.h"
#include "styles.h"

/* The first numbering instance: every bulleted list (numbering.xml). */
#define DOCX_NUM_DASH 1

static void docx_blocks(struct docx *d, const struct pp_node *first);

/* The id of the charter style a node asks for ("sous-titre" is spelt
 * "sous_titre"), or corps when the charter lacks it. */
static const char *
docx_style_id(const struct docx *d, const char *name)
{
	char id[128];
	size_t i;

	snprintf(id, sizeof(id), "%s", name);
	for (i = 0; id[i] != '\0'; i++)
		if (id[i] == '-')
			id[i] = '_';
	return pp_charte_style(d->c, id)->name;
}

/* What a paragraph's properties say beyond its style. */
struct docx_ppr {
	int keep;	 /* on the page of the block after it */
	int page_before; /* starts a page */
	int no_space;	 /* at the top of its page: no space before */
	int num, ilvl;	 /* list: numbering instance (0: none), level */
	double before;	 /* > 0: space before, pt */
	double after;	 /* > 0: space after, pt */
};

/* The signature page opens here: the section before it ends. */
static void
docx_section_break(struct docx *d)
{
	dx_start(d, "w:p");
	dx_start(d, "w:pPr");
	dx_start(d, "w:spacing");
	dx_attr(d, "w:before", "0");
	dx_attr(d, "w:after", "0");
	dx_attr(d, "w:line", "20");
	dx_attr(d, "w:lineRule", "exact");
	dx_end(d);
	dx_start(d, "w:rPr");
	dx_vall(d, "w:sz", 2);
	dx_end(d);
	pp_docx_sectpr(d, d->section);
	dx_end(d);
	dx_end(d);
	d->section++;
}

/* Before the block n: the section changes at the signature page. */
static void
docx_section_check(struct docx *d, const struct pp_node *n, struct docx_ppr *pp)
{
	if (n != d->signature_opener || d->section != DOCX_SECTION_BODY)
		return;
	if (d->section_carrier == NULL)
		docx_section_break(d);
	else
		d->section++;
	/* At the top of a page, where the PDF drops the space before. */
	if (pp != NULL)
		pp->no_space = 1;
}

/* Opens a paragraph of the node n (or NULL) in style with pp; the
 * properties are written and closed. */
static void
docx_p_open(struct docx *d, const struct pp_node *n, const char *style,
	    const struct docx_ppr *pp)
{
	const struct pp_style *st = pp_charte_style(d->c, style);
	int no_space = pp->no_space;

	d->para_size = st->size;
	/* The first paragraph of the body, at the top of page 1, where the
	 * PDF drops the space before a block. */
	if (!d->started) {
		d->started = 1;
		if (pp->before <= 0)
			no_space = 1;
	}
	dx_start(d, "w:p");
	dx_start(d, "w:pPr");
	dx_val(d, "w:pStyle", st->name);
	if (pp->keep)
		dx_empty(d, "w:keepNext");
	if (pp->page_before)
		dx_empty(d, "w:pageBreakBefore");
	if (pp->num > 0) {
		dx_start(d, "w:numPr");
		dx_vall(d, "w:ilvl", pp->ilvl);
		dx_vall(d, "w:numId", pp->num);
		dx_end(d);
	}
	if (no_space || pp->before > 0 || pp->after > 0) {
		dx_start(d, "w:spacing");
		if (no_space)
			dx_attr(d, "w:before", "0");
		else if (pp->before > 0)
			dx_attrf(d, "w:before", "%ld", DOCX_TWIPS(pp->before));
		if (pp->after > 0)
			dx_attrf(d, "w:after", "%ld", DOCX_TWIPS(pp->after));
		dx_end(d);
	}
	if (n != NULL && n == d->section_carrier &&
	    d->section == DOCX_SECTION_BODY)
		pp_docx_sectpr(d, DOCX_SECTION_BODY);
	dx_end(d);
}

static void
docx_inlines(struct docx *d, const struct pp_node *first, int bold, int italic,
	     int super)
{
	const struct pp_node *n;
	char id[16];

	for (n = first; n != NULL; n = n->next) {
		switch (n->kind) {
		case PP_NODE_TEXT:
			if (n->text != NULL)
				pp_docx_run(d, n->text, NULL, bold, italic,
					    super);
			break;
		case PP_NODE_STRONG:
			docx_inlines(d, n->first, 1, italic, super);
			break;
		case PP_NODE_EMPH:
			docx_inlines(d, n->first, bold, 1, super);
			break;
		case PP_NODE_SUPER:
			docx_inlines(d, n->first, bold, italic, 1);
			break;
		case PP_NODE_LINK:
			pp_docx_rel(d, "hyperlink", n->href ? n->href : "", 1,
				    id);
			dx_start(d, "w:hyperlink");
			dx_attr(d, "r:id", id);
			docx_inlines(d, n->first, bold, italic, super);
			dx_end(d);
			break;
		case PP_NODE_REF: {
			char *anchor =
			    g_strdup_printf("article-%s", n->id ? n->id : "");

			dx_start(d, "w:hyperlink");
			dx_attr(d, "w:anchor", anchor);
			if (n->first != NULL)
				docx_inlines(d, n->first, bold, italic, super);
			else
				pp_docx_run(d, n->text ? n->text : "", NULL,
					    bold, italic, super);
			dx_end(d);
			g_free(anchor);
			break;
		}
		case PP_NODE_LINEBREAK:
			pp_docx_run(d, "\n", NULL, 0, 0, 0);
			break;
		case PP_NODE_DOCUMENT:
		case PP_NODE_MARQUE:
		case PP_NODE_LOGOS:
		case PP_NODE_LOGO:
		case PP_NODE_HEADING:
		case PP_NODE_PARAGRAPH:
		case PP_NODE_ARTICLE:
		case PP_NODE_ANNEX:
		case PP_NODE_LIST:
		case PP_NODE_ITEM:
		case PP_NODE_TABLE:
		case PP_NODE_ROW:
		case PP_NODE_CELL:
		case PP_NODE_SIGNATURES:
		case PP_NODE_PARTY:
		case PP_NODE_PAGEBREAK:
		case PP_NODE__COUNT:
			break;
		}
	}
}

static void
docx_paragraph(struct docx *d, const struct pp_node *n, const char *def,
	       struct docx_ppr *pp)
{
	docx_section_check(d, n, pp);
	docx_p_open(d, n, docx_style_id(d, n->style ? n->style : def), pp);
	docx_inlines(d, n->first, 0, 0, 0);
	dx_end(d);
}

/* A bookmark around nothing, where a reference to an article leads. */
static void
docx_bookmark(struct docx *d, const char *id)
{
	char name[256];
	int n = d->bookmarks++;

	snprintf(name, sizeof(name), "article-%s", id);
	dx_start(d, "w:bookmarkStart");
	dx_attrf(d, "w:id", "%d", n);
	dx_attr(d, "w:name", name);
	dx_end(d);
	dx_start(d, "w:bookmarkEnd");
	dx_attrf(d, "w:id", "%d", n);
	dx_end(d);
}

static void
docx_list(struct docx *d, const struct pp_node *list, int level)
{
	const struct pp_node *item, *b;
	int num = list->number ? 2 + d->numbered_lists++ : DOCX_NUM_DASH;

	for (item = list->first; item != NULL; item = item->next)
		for (b = item->first; b != NULL; b = b->next) {
			struct docx_ppr pp = {0};

			/* The item's first paragraph carries its label. */
			pp.num = b == item->first ? num : 0;
			pp.ilvl = level;
			if (b->kind == PP_NODE_PARAGRAPH)
				docx_paragraph(d, b, PP_STYLE_LIST, &pp);
			else if (b->kind == PP_NODE_LIST)
				docx_list(d, b, level + 1 < 3 ? level + 1 : 2);
		}
}

/* Table properties: the text's width, borders in the charter's grey,
 * the PDF's padding. */
static void
docx_table_pr(struct docx *d, double width, int borders)
{
	static const char *const sides[] = {
	    "w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"};
	struct pp_color line = pp_table_border_color(d->c);
	char hex[7];
	size_t i;

	dx_color_hex(&line, hex);
	dx_start(d, "w:tblPr");
	dx_start(d, "w:tblW");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(width));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_start(d, "w:tblBorders");
	for (i = 0; i < 6; i++) {
		dx_start(d, sides[i]);
		dx_attr(d, "w:val", borders ? "single" : "nil");
		if (borders) {
			dx_attrf(d, "w:sz", "%d",
				 DOCX_EIGHTHS(PP_TABLE_BORDER_PT));
			dx_attr(d, "w:space", "0");
			dx_attr(d, "w:color", hex);
		}
		dx_end(d);
	}
	dx_end(d);
	dx_start(d, "w:tblLayout");
	dx_attr(d, "w:type", "fixed");
	dx_end(d);
	dx_start(d, "w:tblCellMar");
	for (i = 0; i < 4; i++) {
		dx_start(d, sides[i]);
		/* The PDF's, from the cell's edge to its text, less what
		 * of the border a word processor lays out inside the cell:
		 * half of it at the top and the bottom, all of it at the
		 * sides. */
		dx_attrf(d, "w:w", "%ld",
			 DOCX_TWIPS(!borders	 ? 0
				    : i % 2 == 0 ? PP_TABLE_CELL_PADDING_PT -
						       PP_TABLE_BORDER_PT / 2
						 : PP_TABLE_CELL_PADDING_PT -
						       PP_TABLE_BORDER_PT));
		dx_attr(d, "w:type", "dxa");
		dx_end(d);
	}
	dx_end(d);
	dx_end(d);
}

static void
docx_tc_open(struct docx *d, double width, const struct pp_color *fill)
{
	dx_start(d, "w:tc");
	dx_start(d, "w:tcPr");
	dx_start(d, "w:tcW");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(width));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	if (fill != NULL) {
		char hex[7];

		dx_color_hex(fill, hex);
		dx_start(d, "w:shd");
		dx_attr(d, "w:val", "clear");
		dx_attr(d, "w:color", "auto");
		dx_attr(d, "w:fill", hex);
		dx_end(d);
	}
	dx_end(d);
}

static void
docx_cell_blocks(struct docx *d, const struct pp_node *cell, const char *style)
{
	const struct pp_node *b;
	struct docx_ppr pp = {0};

	for (b = cell != NULL ? cell->first : NULL; b != NULL; b = b->next) {
		if (b->kind == PP_NODE_PARAGRAPH)
			docx_paragraph(d, b, style, &pp);
		else if (b->kind == PP_NODE_LIST)
			docx_list(d, b, 0);
	}
	if (cell == NULL || cell->first == NULL) {
		docx_p_open(d, NULL, style, &pp);
		dx_end(d);
	}
}

/* One signature column, as the PDF sets it: the party's title in bold,
 * its lines, then its last line (the signatory's name) below the room
 * for the signature and the cachet. */
static void
docx_party(struct docx *d, const struct pp_node *party, double width)
{
	const struct pp_style *sig = pp_charte_style(d->c, PP_STYLE_SIGNATURE);
	const struct pp_node *b;
	struct docx_ppr pp = {0};

	dx_start(d, "w:tc");
	dx_start(d, "w:tcPr");
	dx_start(d, "w:tcW");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(width));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_start(d, "w:tcMar");
	dx_start(d, party->prev == NULL ? "w:right" : "w:left");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(PP_SIGNATURES_GUTTER_PT));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_end(d);
	dx_end(d);
	/* The block's space before, the PDF's, on its first lines. */
	pp.before = sig->space_before + PP_SIGNATURES_SPACE_BEFORE_PT;
	if (party->title != NULL && party->title[0] != '\0') {
		pp.after = sig->space_after + PP_SIGNATURES_TITLE_GAP_PT;
		docx_p_open(d, NULL, PP_STYLE_SIGNATURE, &pp);
		pp_docx_run(d, party->title, NULL, 1, 0, 0);
		dx_end(d);
		memset(&pp, 0, sizeof(pp));
	}
	for (b = party->first; b != NULL; b = b->next) {
		if (b == party->last)
			pp.before = PP_MM_TO_PT(PP_SIGNATURE_ROOM_MM);
		if (b->kind == PP_NODE_PARAGRAPH)
			docx_paragraph(d, b, PP_STYLE_SIGNATURE, &pp);
		else if (b->kind == PP_NODE_LIST)
			docx_list(d, b, 0);
		memset(&pp, 0, sizeof(pp));
	}
	if (party->first == NULL) {
		pp.before = PP_MM_TO_PT(PP_SIGNATURE_ROOM_MM);
		docx_p_open(d, NULL, PP_STYLE_SIGNATURE, &pp);
		dx_end(d);
	}
	dx_end(d);
}

static void
docx_table(struct docx *d, const struct pp_node *t, int signatures)
{
	const struct pp_node *row, *cell;
	const struct pp_style *head =
	    pp_charte_style(d->c, PP_STYLE_TABLE_HEADER);
	const struct pp_color white = {1, 1, 1};
	double width =
	    d->c->page_width - d->c->margin_left - d->c->margin_right;
	double *cols;
	size_t ncols = 0, i;

	if (signatures)
		for (cell = t->first; cell != NULL; cell = cell->next)
			ncols++;
	for (row = signatures ? NULL : t->first; row != NULL; row = row->next) {
		size_t n = 0;

		for (cell = row->first; cell != NULL; cell = cell->next)
			n++;
		if (n > ncols)
			ncols = n;
	}
	if (ncols == 0)
		return;
	cols = g_new(double, ncols);
	for (i = 0; i < ncols; i++)
		cols[i] =
		    width *
		    (!signatures && i < t->ncols ? t->widths[i]
						 : 100.0 / (double)ncols) /
		    100.0;
	dx_start(d, "w:tbl");
	docx_table_pr(d, width, !signatures);
	dx_start(d, "w:tblGrid");
	for (i = 0; i < ncols; i++) {
		dx_start(d, "w:gridCol");
		dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(cols[i]));
		dx_end(d);
	}
	dx_end(d);
	if (signatures) {
		dx_start(d, "w:tr");
		dx_start(d, "w:trPr");
		dx_empty(d, "w:cantSplit");
		dx_end(d);
		for (cell = t->first, i = 0; cell != NULL;
		     cell = cell->next, i++)
			docx_party(d, cell, cols[i]);
		dx_end(d);
		dx_end(d);
		g_free(cols);
		return;
	}
	for (row = t->first; row != NULL; row = row->next) {
		const struct pp_node *r;
		int header = row->number, repeat = header;

		/* The leading header rows, however many, repeat on every
		 * page; a header row further down is only styled. */
		for (r = t->first; r != row && repeat; r = r->next)
			repeat = r->number;
		dx_start(d, "w:tr");
		if (repeat) {
			dx_start(d, "w:trPr");
			dx_empty(d, "w:cantSplit");
			dx_empty(d, "w:tblHeader");
			dx_end(d);
		}
		for (cell = row->first, i = 0; i < ncols; i++) {
			docx_tc_open(d, cols[i],
				     !header		    ? NULL
				     : head->has_background ? &head->background
							    : &white);
			docx_cell_blocks(d, cell,
					 header ? PP_STYLE_TABLE_HEADER
						: PP_STYLE_TABLE_CELL);
			dx_end(d);
			if (cell != NULL)
				cell = cell->next;
		}
		dx_end(d);
	}
	dx_end(d);
	g_free(cols);
}

/* The PDF's spaces around a table (layout.c), which WordprocessingML
 * cannot give a table: on the paragraph before it and the one after. */
static void
docx_table_spaces(struct docx *d, const struct pp_node *n, const char *def,
		  struct docx_ppr *pp)
{
	const struct pp_style *st =
	    pp_charte_style(d->c, docx_style_id(d, n->style ? n->style : def));
	const struct pp_style *cells =
	    pp_charte_style(d->c, PP_STYLE_TABLE_CELL);

	if (n->next != NULL && n->next->kind == PP_NODE_TABLE)
		pp->after =
		    st->space_after + cells->space_before + PP_TABLE_SPACE_PT;
	if (n->prev != NULL && n->prev->kind == PP_NODE_TABLE)
		pp->before =
		    st->space_before + cells->space_after + PP_TABLE_SPACE_PT;
}

static void
docx_blocks(struct docx *d, const struct pp_node *first)
{
	const struct pp_node *n;
	char text[1024];

	for (n = first; n != NULL; n = n->next) {
		struct docx_ppr pp = {0};

		switch (n->kind) {
		case PP_NODE_PARAGRAPH:
			/* As the PDF: a paragraph that introduces a list or
			 * a table never ends a page. */
			pp.keep =
			    n->next != NULL && (n->next->kind == PP_NODE_LIST ||
						n->next->kind == PP_NODE_TABLE);
			docx_table_spaces(d, n, PP_STYLE_BODY, &pp);
			docx_paragraph(d, n, PP_STYLE_BODY, &pp);
			break;
		case PP_NODE_HEADING:
			docx_table_spaces(d, n, PP_STYLE_SUBHEADING, &pp);
			docx_paragraph(d, n, PP_STYLE_SUBHEADING, &pp);
			break;
		case PP_NODE_ARTICLE: {
			struct pp_doc *tmp = pp_doc_new();
			struct pp_node *h =
			    pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);

			pp_doc_article_heading(tmp, h, n->number, n->title);
			docx_section_check(d, n, &pp);
			docx_p_open(
			    d, n,
			    docx_style_id(d, n->style ? n->style
						      : PP_STYLE_ARTICLE_TITLE),
			    &pp);
			if (n->id != NULL)
				docx_bookmark(d, n->id);
			docx_inlines(d, h->first, 0, 0, 0);
			dx_end(d);
			pp_doc_free(tmp);
			docx_blocks(d, n->first);
			break;
		}
		case PP_NODE_ANNEX:
			docx_section_check(d, n, &pp);
			snprintf(text, sizeof(text), PP_ANNEX_HEADING,
				 n->number, n->title ? n->title : "");
			/* A new section breaks the page already. */
			pp.page_before = !d->section_opened;
			pp.no_space = 1;
			d->section_opened = 0;
			docx_p_open(d, n, PP_STYLE_ANNEX_TITLE, &pp);
			if (n->id != NULL)
				docx_bookmark(d, n->id);
			pp_docx_run(d, text, NULL, 0, 0, 0);
			dx_end(d);
			docx_blocks(d, n->first);
			break;
		case PP_NODE_LIST:
			docx_section_check(d, n, NULL);
			docx_list(d, n, 0);
			break;
		case PP_NODE_TABLE:
			docx_section_check(d, n, NULL);
			docx_table(d, n, 0);
			break;
		case PP_NODE_SIGNATURES:
			docx_section_check(d, n, NULL);
			docx_table(d, n, 1);
			/* What follows (annexes) is initialled again. */
			if (d->boxes && n->next != NULL &&
			    d->section == DOCX_SECTION_SIGNATURES) {
				docx_section_break(d);
				d->section_opened = 1;
			}
			break;
		case PP_NODE_PAGEBREAK:
			docx_section_check(d, n, NULL);
			dx_start(d, "w:p");
			dx_start(d, "w:r");
			dx_start(d, "w:br");
			dx_attr(d, "w:type", "page");
			dx_end(d);
			dx_end(d);
			dx_end(d);
			break;
		case PP_NODE_DOCUMENT:
		case PP_NODE_MARQUE:
		case PP_NODE_LOGOS:
		case PP_NODE_LOGO:
		case PP_NODE_ITEM:
		case PP_NODE_ROW:
		case PP_NODE_CELL:
		case PP_NODE_PARTY:
		case PP_NODE_TEXT:
		case PP_NODE_STRONG:
		case PP_NODE_EMPH:
		case PP_NODE_SUPER:
		case PP_NODE_LINK:
		case PP_NODE_LINEBREAK:
		case PP_NODE_REF:
		case PP_NODE__COUNT:
			break;
		}
	}
}

/*
 * In handwritten mode, the block that opens the signature page: where the
 * PDF's layout opened it (opts->signature_start), so that the word
 * processor breaks pages where the PDF does; without it, the paragraph
 * before the signature block.  NULL when there is none or no boxes are
 * drawn.
 */
static const struct pp_node *
docx_signature_page_opener(const struct docx *d)
{
	if (!d->boxes)
		return NULL;
	if (d->o->signature_start != NULL)
		return d->o->signature_start;
	return pp_doc_signature_opener(d->doc);
}

/* Walks the blocks from first in the order they are written, until
 * target: *last is the last paragraph written before it outside a table,
 * or NULL when a table (or nothing) comes last.  1 when target was met. */
static int
docx_carrier_walk(const struct pp_node *first, const struct pp_node *target,
		  const struct pp_node **last)
{
	const struct pp_node *n, *item;

	for (n = first; n != NULL; n = n->next) {
		if (n == target)
			return 1;
		if (n->kind == PP_NODE_PARAGRAPH ||
		    n->kind == PP_NODE_HEADING || n->kind == PP_NODE_ARTICLE ||
		    n->kind == PP_NODE_ANNEX)
			*last = n;
		else if (n->kind == PP_NODE_TABLE ||
			 n->kind == PP_NODE_SIGNATURES ||
			 n->kind == PP_NODE_PAGEBREAK)
			*last = NULL;
		if ((n->kind == PP_NODE_ARTICLE || n->kind == PP_NODE_ANNEX) &&
		    docx_carrier_walk(n->first, target, last))
			return 1;
		if (n->kind == PP_NODE_LIST)
			for (item = n->first; item != NULL; item = item->next)
				if (docx_carrier_walk(item->first, target,
						      last))
					return 1;
	}
	return 0;
}

int
pp_docx_body(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	const struct pp_node *carrier = NULL;
	char id[16];

	pp_docx_part_begin(d, "w:document");
	pp_docx_rel(d, "styles", "styles.xml", 0, id);
	pp_docx_rel(d, "numbering", "numbering.xml", 0, id);
	pp_docx_rel(d, "settings", "settings.xml", 0, id);
	pp_docx_rel(d, "header", "header1.xml", 0, id);
	pp_docx_rel(d, "header", "header2.xml", 0, id);
	pp_docx_rel(d, "footer", "footer1.xml", 0, id);
	if (d->boxes)
		pp_docx_rel(d, "footer", "footer2.xml", 0, id);
	d->section = DOCX_SECTION_BODY;
	d->signature_opener = docx_signature_page_opener(d);
	/* The opener first in the document: no page before it. */
	if (d->signature_opener != NULL &&
	    (!docx_carrier_walk(d->doc->root->first, d->signature_opener,
				&carrier) ||
	     d->signature_opener == d->doc->root->first))
		d->signature_opener = NULL;
	d->section_carrier = carrier;
	dx_start(d, "w:body");
	docx_blocks(d, d->doc->root->first);
	pp_docx_sectpr(d, d->section);
	dx_end(d);
	dx_end(d);
	return pp_docx_part_finish(d, out, "word/document.xml", err);
}
