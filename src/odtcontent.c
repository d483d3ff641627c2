/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * content.xml of an ODT: the document tree as ODF's body (paragraphs,
 * headings, lists, tables, signature blocks) in the charter's named styles,
 * with the automatic styles it needs (the first page's paragraph, each
 * table's widths) registered while it is written and written first.
 */
#include <glib.h>
#include <math.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

#include "odt-private.h"
#include "odtautostyles.h"
#include "styles.h"

/* content.xml's own automatic styles: the first paragraph's (with the
 * first page's master), text spans, table cells, tables and their columns,
 * breaks, lists. */
#define ODT_SPAN_BOLD	     "T_g"
#define ODT_SPAN_ITALIC	     "T_i"
#define ODT_SPAN_SUPER	     "T_exposant"
#define ODT_SPAN_BOLD_ITALIC "T_gi"
/* Never hyphenated: the form's proper nouns, addresses and URLs. */
#define ODT_SPAN_NOHYPHEN    "T_sans_coupure"
#define ODT_CELL	     "Cellule"
#define ODT_CELL_HEADER	     "Cellule_entete"
#define ODT_CELL_SIGNATURE   "Cellule_signature"
#define ODT_CELL_SIGNATURE_2 "Cellule_signature_suite" /* the next parties' */
#define ODT_ROW_SIGNATURES   "Ligne_signatures"
#define ODT_SIGNATURE_TITLE  "Signature_titre" /* a party's title */
/* The signature page's text (ODT_SIGNATURE_PAGE_FILL): the share of a
 * page it may take by the estimate, which counts each character
 * ODT_ESTIMATE_CHAR_EM ems wide. */
#define ODT_SIGNATURE_PAGE_FILL 0.6
#define ODT_ESTIMATE_CHAR_EM	0.5
/* The estimate takes signature columns this many to the width. */
#define ODT_ESTIMATE_PARTIES 2.0
/* A party's last line, the signatory's name, below the room to sign. */
#define ODT_SIGNATORY	 "Signataire"
#define ODT_TABLE_PREFIX "Tableau" /* + the table's number */
#define ODT_ANNEX_BREAK	 "Annexe_saut"
#define ODT_PAGE_BREAK	 "Saut_de_page"
#define ODT_KEEP_PREFIX	 "Solidaire" /* + "_" + the style kept */
#define ODT_LIST_DASH	 "L_tiret"
#define ODT_LIST_NUMBER	 "L_nombre"

/* The outline level of annexes. */
#define ODT_LEVEL_ANNEX 1
/* Lists: the indent of items and labels, mm. */
#define ODT_LIST_INDENT_MM 6

static void odt_blocks(struct odt *o, const struct pp_node *first);

/* The automatic style of a superscript in the paragraph being written,
 * registered the first time the body needs it; its name.  "super 58%", or
 * larger in small text, so as not to go below the charter's minimum. */
static const char *
odt_super_style(struct odt *o)
{
	int pct = (int)(PP_SUPER_SCALE * 100 + 0.5);
	double min = o->c != NULL ? o->c->rules.min_text_size : 0;
	char name[64];
	struct pp_odt_style *st;

	if (o->para_size > 0)
		while (o->para_size * pct / 100 < min && pct < 100)
			pct++;
	if (pct == (int)(PP_SUPER_SCALE * 100 + 0.5))
		snprintf(name, sizeof(name), "%s", ODT_SPAN_SUPER);
	else
		snprintf(name, sizeof(name), "%s_%d", ODT_SPAN_SUPER, pct);
	st = pp_odt_style_new("text", name);
	pp_odt_style_child(st, "style:text-properties");
	pp_odt_style_attrf(st, "style:text-position", "super %d%%", pct);
	return pp_odt_autostyles_add(o->autostyles, st);
}

/* s, with the doc's proper nouns in spans the word processor does not
 * hyphenate (DOMAIN §2.4). */
static void
odt_text(struct odt *o, const char *s)
{
	size_t len = s != NULL ? strlen(s) : 0, from = 0, start, end;

	while (pp_hyphen_names_next(o->names, s, len, from, &start, &end)) {
		char *part = g_strndup(s + from, start - from);

		pp_odt_text(o, part);
		g_free(part);
		part = g_strndup(s + start, end - start);
		odt_start(o, "text:span");
		odt_attr(o, "text:style-name", ODT_SPAN_NOHYPHEN);
		pp_odt_text(o, part);
		odt_end(o);
		g_free(part);
		from = end;
	}
	if (s != NULL)
		pp_odt_text(o, s + from);
}

/* Whether the non-space run at p (len bytes) is an e-mail address or a
 * URL, which the PDF never hyphenates (hyphenate.h). */
static int
odt_is_address(const char *p, size_t len)
{
	return memchr(p, '@', len) != NULL ||
	       g_strstr_len(p, (gssize)len, "://") != NULL ||
	       (len > 4 && strncmp(p, "www.", 4) == 0);
}

/* Text of the body: e-mail addresses and URLs in a span the word
 * processor does not hyphenate, as the PDF leaves them whole. */
static void
odt_body_text(struct odt *o, const char *s)
{
	const char *p = s, *from = s;

	while (*p != '\0') {
		size_t n = strcspn(p, " \t\n");

		if (n > 0 && odt_is_address(p, n)) {
			char *before = g_strndup(from, (gsize)(p - from));
			char *word = g_strndup(p, n);

			odt_text(o, before);
			odt_start(o, "text:span");
			odt_attr(o, "text:style-name", ODT_SPAN_NOHYPHEN);
			pp_odt_text(o, word);
			odt_end(o);
			g_free(before);
			g_free(word);
			from = p + n;
		}
		p += n;
		p += strspn(p, " \t\n");
	}
	odt_text(o, from);
}

static void
odt_inlines(struct odt *o, const struct pp_node *first, int bold, int italic)
{
	const struct pp_node *n;

	for (n = first; n != NULL; n = n->next) {
		switch (n->kind) {
		case PP_NODE_TEXT:
			if (bold || italic) {
				odt_start(o, "text:span");
				odt_attr(o, "text:style-name",
					 bold && italic ? ODT_SPAN_BOLD_ITALIC
					 : bold		? ODT_SPAN_BOLD
							: ODT_SPAN_ITALIC);
				odt_body_text(o, n->text);
				odt_end(o);
			} else {
				odt_body_text(o, n->text);
			}
			break;
		case PP_NODE_STRONG:
			odt_inlines(o, n->first, 1, italic);
			break;
		case PP_NODE_EMPH:
			odt_inlines(o, n->first, bold, 1);
			break;
		case PP_NODE_LINK:
			odt_start(o, "text:a");
			odt_attr(o, "xlink:type", "simple");
			odt_attr(o, "xlink:href", n->href ? n->href : "");
			odt_inlines(o, n->first, bold, italic);
			odt_end(o);
			break;
		case PP_NODE_REF: {
			char *href =
			    g_strdup_printf("#article-%s", n->id ? n->id : "");

			odt_start(o, "text:a");
			odt_attr(o, "xlink:type", "simple");
			odt_attr(o, "xlink:href", href);
			if (n->first != NULL)
				odt_inlines(o, n->first, bold, italic);
			else
				pp_odt_text(o, n->text ? n->text : "");
			odt_end(o);
			g_free(href);
			break;
		}
		case PP_NODE_LINEBREAK:
			odt_start(o, "text:line-break");
			odt_end(o);
			break;
		case PP_NODE_SUPER:
			odt_start(o, "text:span");
			odt_attr(o, "text:style-name", odt_super_style(o));
			odt_inlines(o, n->first, bold, italic);
			odt_end(o);
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

/* A style name of the template ("sous-titre") as the charter and the ODT
 * spell it ("sous_titre"). */
static void
odt_style_name(const char *name, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "%s", name);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '-')
			out[i] = '_';
}

/* The paragraph properties of st: both margins, pt, as LibreOffice reads
 * one of them alone as the other set to 0, not inherited. */
static void
odt_margins(struct pp_odt_style *st, double top, double bottom)
{
	pp_odt_style_child(st, "style:paragraph-properties");
	pp_odt_style_attrf(st, "fo:margin-top", "%.2fpt", top);
	pp_odt_style_attrf(st, "fo:margin-bottom", "%.2fpt", bottom);
}

static const char *odt_derived_style(struct odt *o, const char *style,
				     int keep);

/* The style name for a paragraph in style (a charter style, or an
 * automatic style's parent): style itself, or when a master page is to
 * open (o->open_master), an automatic style derived from it that opens
 * it ("Premiere_mention" for the first page).  style is spelt as the ODT
 * spells it, and is a common style: an automatic style cannot be a
 * parent. */
static const char *
odt_master_style(struct odt *o, const char *style)
{
	return odt_derived_style(o, style, 0);
}

/* Likewise, and when keep, one that stays on the page of the block after
 * it ("Solidaire_corps"), as the PDF keeps a paragraph that introduces a
 * list or a table. */
static const char *
odt_derived_style(struct odt *o, const char *style, int keep)
{
	char *derived;
	struct pp_odt_style *st;
	const char *name;

	if (o->open_master == NULL && !keep)
		return style;
	derived = g_strconcat(o->open_master != NULL ? o->open_master
						     : ODT_KEEP_PREFIX,
			      "_", style, NULL);
	st = pp_odt_style_new("paragraph", derived);
	pp_odt_style_attr(st, "style:parent-style-name", style);
	if (o->open_master != NULL) {
		pp_odt_style_attr(st, "style:master-page-name", o->open_master);
		/* At the top of its page, where the PDF drops the space
		 * before a block (a word processor keeps it after a page
		 * break). */
		odt_margins(st, 0, pp_charte_style(o->c, style)->space_after);
	} else {
		pp_odt_style_child(st, "style:paragraph-properties");
	}
	if (keep)
		pp_odt_style_attr(st, "fo:keep-with-next", "always");
	name = pp_odt_autostyles_add(o->autostyles, st);
	g_free(derived);
	o->open_master = NULL;
	return name;
}

/* The paragraph style name: the charter style of the node, or one derived
 * from it that opens a master page (odt_master_style). */
static void
odt_paragraph_open_keep(struct odt *o, const char *element, const char *style,
			int keep)
{
	char name[128];

	odt_style_name(style, name, sizeof(name));
	{
		const struct pp_style *st = pp_charte_style(o->c, style);

		o->para_size = st != NULL ? st->size : 0;
	}
	odt_start(o, element);
	odt_attr(o, "text:style-name", odt_derived_style(o, name, keep));
}

static void
odt_paragraph_open(struct odt *o, const char *element, const char *style)
{
	odt_paragraph_open_keep(o, element, style, 0);
}

static const char *
odt_node_style(const struct pp_node *n, const char *def)
{
	return n->style != NULL ? n->style : def;
}

/* A paragraph; keep: on the page of the block after it. */
static void
odt_paragraph_keep(struct odt *o, const struct pp_node *n, const char *def,
		   int keep)
{
	const char *style = odt_node_style(n, def);

	/* A paragraph in a list may open the signature page. */
	if (n == o->signature_opener && o->open_master == NULL)
		o->open_master = ODT_MASTER_SIGNATURES;
	odt_paragraph_open_keep(o, "text:p", style, keep);
	odt_inlines(o, n->first, 0, 0);
	odt_end(o);
}

static void
odt_paragraph(struct odt *o, const struct pp_node *n, const char *def)
{
	odt_paragraph_keep(o, n, def, 0);
}

static void
odt_heading(struct odt *o, const char *style, int level, const char *text,
	    const char *bookmark, const struct pp_node *inlines)
{
	odt_paragraph_open(o, "text:h", style);
	odt_attrf(o, "text:outline-level", "%d", level);
	if (bookmark != NULL) {
		odt_start(o, "text:bookmark");
		odt_attr(o, "text:name", bookmark);
		odt_end(o);
	}
	if (text != NULL)
		pp_odt_text(o, text);
	else
		odt_inlines(o, inlines, 0, 0);
	odt_end(o);
}

static void
odt_list(struct odt *o, const struct pp_node *list)
{
	const struct pp_node *item, *b;

	odt_start(o, "text:list");
	odt_attr(o, "text:style-name",
		 list->number ? ODT_LIST_NUMBER : ODT_LIST_DASH);
	for (item = list->first; item != NULL; item = item->next) {
		odt_start(o, "text:list-item");
		for (b = item->first; b != NULL; b = b->next) {
			if (b->kind == PP_NODE_PARAGRAPH)
				odt_paragraph(o, b, PP_STYLE_LIST);
			else if (b->kind == PP_NODE_LIST)
				odt_list(o, b);
		}
		odt_end(o);
	}
	odt_end(o);
}

static void
odt_cell_blocks(struct odt *o, const struct pp_node *cell, const char *style)
{
	const struct pp_node *b;

	for (b = cell->first; b != NULL; b = b->next) {
		if (b->kind == PP_NODE_PARAGRAPH)
			odt_paragraph(o, b, style);
		else if (b->kind == PP_NODE_LIST)
			odt_list(o, b);
	}
	if (cell->first == NULL) {
		odt_start(o, "text:p");
		odt_attr(o, "text:style-name", style);
		odt_end(o);
	}
}

/*
 * One signature column, as the PDF sets it: the party's title in bold when
 * it has one, its lines, then its last line (the signatory's name) after
 * the free space for the signature and the cachet, a top margin of its
 * paragraph style.
 */
static void
odt_party(struct odt *o, const struct pp_node *party)
{
	const struct pp_node *b;

	odt_start(o, "table:table-cell");
	odt_attr(o, "table:style-name",
		 party->prev == NULL ? ODT_CELL_SIGNATURE
				     : ODT_CELL_SIGNATURE_2);
	odt_attr(o, "office:value-type", "string");
	if (party->title != NULL && party->title[0] != '\0') {
		odt_start(o, "text:p");
		odt_attr(o, "text:style-name", ODT_SIGNATURE_TITLE);
		odt_start(o, "text:span");
		odt_attr(o, "text:style-name", ODT_SPAN_BOLD);
		pp_odt_text(o, party->title);
		odt_end(o);
		odt_end(o);
	}
	for (b = party->first; b != NULL; b = b->next) {
		if (b->kind == PP_NODE_PARAGRAPH)
			odt_paragraph(o, b,
				      b == party->last ? ODT_SIGNATORY
						       : PP_STYLE_SIGNATURE);
		else if (b->kind == PP_NODE_LIST)
			odt_list(o, b);
	}
	if (party->first == NULL) {
		odt_start(o, "text:p");
		odt_attr(o, "text:style-name", ODT_SIGNATORY);
		odt_end(o);
	}
	odt_end(o);
}

static void
odt_table(struct odt *o, const struct pp_node *t, int signatures)
{
	const struct pp_node *row, *cell;
	size_t ncols = 0, i;
	int id = ++o->tables, in_head = 0, opens;
	char name[64];
	struct pp_odt_style *st;
	double width =
	    o->c->page_width - o->c->margin_left - o->c->margin_right;
	const struct pp_style *cells =
	    pp_charte_style(o->c, PP_STYLE_TABLE_CELL);

	/* A signature block is one row of parties. */
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
	snprintf(name, sizeof(name), ODT_TABLE_PREFIX "%d", id);
	st = pp_odt_style_new("table", name);
	/* A table may open a master page, as a paragraph does, at the top
	 * of the page with no space before it. */
	opens = o->open_master != NULL;
	if (opens) {
		pp_odt_style_attr(st, "style:master-page-name", o->open_master);
		o->open_master = NULL;
	}
	pp_odt_style_child(st, "style:table-properties");
	pp_odt_style_attrf(st, "style:width", "%.2fpt", width);
	pp_odt_style_attr(st, "table:align", "margins");
	/* The PDF's spaces around the table (layout.c). */
	pp_odt_style_attrf(st, "fo:margin-top", "%gpt",
			   opens ? 0
			   : signatures
			       ? PP_SIGNATURES_SPACE_BEFORE_PT
			       : cells->space_before + PP_TABLE_SPACE_PT);
	pp_odt_style_attrf(st, "fo:margin-bottom", "%gpt",
			   signatures ? PP_SIGNATURES_SPACE_AFTER_PT
				      : cells->space_after + PP_TABLE_SPACE_PT);
	if (signatures)
		pp_odt_style_attr(st, "style:may-break-between-rows", "false");
	odt_start(o, "table:table");
	odt_attr(o, "table:name", name);
	odt_attr(o, "table:style-name",
		 pp_odt_autostyles_add(o->autostyles, st));
	for (i = 0; i < ncols; i++) {
		double pct = !signatures && i < t->ncols
				 ? t->widths[i]
				 : 100.0 / (double)ncols;
		char col[128];

		snprintf(col, sizeof(col), "%s.C%zu", name, i + 1);
		st = pp_odt_style_new("table-column", col);
		pp_odt_style_child(st, "style:table-column-properties");
		pp_odt_style_attrf(st, "style:column-width", "%.2fpt",
				   width * pct / 100.0);
		odt_start(o, "table:table-column");
		odt_attr(o, "table:style-name",
			 pp_odt_autostyles_add(o->autostyles, st));
		odt_end(o);
	}
	if (signatures) {
		odt_start(o, "table:table-row");
		odt_attr(o, "table:style-name", ODT_ROW_SIGNATURES);
		for (cell = t->first; cell != NULL; cell = cell->next)
			odt_party(o, cell);
		odt_end(o);
		odt_end(o);
		return;
	}
	for (row = t->first; row != NULL; row = row->next) {
		int header = row->number;

		/* The leading header rows, however many, repeat on every
		 * page; a header row further down is only styled. */
		if (header && row == t->first) {
			odt_start(o, "table:table-header-rows");
			in_head = 1;
		}
		odt_start(o, "table:table-row");
		for (cell = row->first, i = 0; i < ncols; i++) {
			odt_start(o, "table:table-cell");
			odt_attr(o, "table:style-name",
				 header ? ODT_CELL_HEADER : ODT_CELL);
			odt_attr(o, "office:value-type", "string");
			if (cell != NULL) {
				odt_cell_blocks(o, cell,
						header ? PP_STYLE_TABLE_HEADER
						       : PP_STYLE_TABLE_CELL);
				cell = cell->next;
			} else {
				odt_start(o, "text:p");
				odt_attr(o, "text:style-name",
					 PP_STYLE_TABLE_CELL);
				odt_end(o);
			}
			odt_end(o);
		}
		odt_end(o);
		if (in_head && (row->next == NULL || !row->next->number)) {
			odt_end(o); /* table:table-header-rows */
			in_head = 0;
		}
	}
	odt_end(o);
}

/*
 * In handwritten mode, the block that opens the signature page, a master
 * page without boxes for initials: where the PDF's layout opened its own
 * (opts->signature_start), so that the word processor breaks pages where
 * the PDF does; without it, the paragraph before the signature block.
 * NULL when there is none or no boxes are drawn.
 */
static const struct pp_node *
odt_signature_page_opener(const struct odt *o)
{
	if (!o->doc->paraphes || !o->c->footer.paraphes)
		return NULL;
	if (o->o->signature_start != NULL)
		return o->o->signature_start;
	return pp_doc_signature_opener(o->doc);
}

static void
odt_blocks(struct odt *o, const struct pp_node *first)
{
	const struct pp_node *n;
	char text[1024], bookmark[256];

	for (n = first; n != NULL; n = n->next) {
		if (n == o->signature_opener && o->open_master == NULL)
			o->open_master = ODT_MASTER_SIGNATURES;
		switch (n->kind) {
		case PP_NODE_PARAGRAPH:
			/* As the PDF: a paragraph that introduces a list or
			 * a table ("Messages secondaires :") never ends a
			 * page. */
			odt_paragraph_keep(
			    o, n, PP_STYLE_BODY,
			    n->next != NULL &&
				(n->next->kind == PP_NODE_LIST ||
				 n->next->kind == PP_NODE_TABLE));
			break;
		case PP_NODE_HEADING:
			odt_heading(o, odt_node_style(n, PP_STYLE_SUBHEADING),
				    n->number, NULL, NULL, n->first);
			break;
		case PP_NODE_ARTICLE: {
			struct pp_doc *tmp = pp_doc_new();
			struct pp_node *h =
			    pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);

			pp_doc_article_heading(tmp, h, n->number, n->title);
			snprintf(bookmark, sizeof(bookmark), "article-%s",
				 n->id ? n->id : "");
			odt_heading(o,
				    odt_node_style(n, PP_STYLE_ARTICLE_TITLE),
				    ODT_LEVEL_ARTICLE, NULL,
				    n->id ? bookmark : NULL, h->first);
			pp_doc_free(tmp);
			odt_blocks(o, n->first);
			break;
		}
		case PP_NODE_ANNEX:
			snprintf(text, sizeof(text), PP_ANNEX_HEADING,
				 n->number, n->title ? n->title : "");
			snprintf(bookmark, sizeof(bookmark), "article-%s",
				 n->id ? n->id : "");
			odt_start(o, "text:h");
			/* A new master page breaks the page too. */
			odt_attr(o, "text:style-name",
				 o->open_master != NULL
				     ? odt_master_style(o, PP_STYLE_ANNEX_TITLE)
				     : ODT_ANNEX_BREAK);
			odt_attrf(o, "text:outline-level", "%d",
				  ODT_LEVEL_ANNEX);
			if (n->id != NULL) {
				odt_start(o, "text:bookmark");
				odt_attr(o, "text:name", bookmark);
				odt_end(o);
			}
			pp_odt_text(o, text);
			odt_end(o);
			odt_blocks(o, n->first);
			break;
		case PP_NODE_LIST:
			odt_list(o, n);
			break;
		case PP_NODE_TABLE:
			odt_table(o, n, 0);
			break;
		case PP_NODE_SIGNATURES:
			odt_table(o, n, 1);
			/* What follows (annexes) is initialled again. */
			if (o->doc->paraphes && o->c->footer.paraphes)
				o->open_master = ODT_MASTER_NEXT;
			break;
		case PP_NODE_PAGEBREAK:
			odt_start(o, "text:p");
			odt_attr(o, "text:style-name", ODT_PAGE_BREAK);
			odt_end(o);
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

/* A table-cell style with the cells' padding (the PDF's, from the edge of
 * the cell to its text: a word processor adds the border's width to it),
 * border ("none" or a line "0.5pt solid #rrggbb") and background (or
 * none). */
static void
odt_cell_style(struct odt *o, const char *name, const char *border,
	       const struct pp_color *background)
{
	struct pp_odt_style *st = pp_odt_style_new("table-cell", name);

	pp_odt_style_child(st, "style:table-cell-properties");
	pp_odt_style_attrf(st, "fo:padding", "%gpt",
			   PP_TABLE_CELL_PADDING_PT - PP_TABLE_BORDER_PT);
	pp_odt_style_attr(st, "fo:border", border);
	if (background != NULL) {
		char hex[8];

		odt_color_hex(background, hex);
		pp_odt_style_attr(st, "fo:background-color", hex);
	}
	pp_odt_autostyles_add(o->autostyles, st);
}

/* An automatic style name of family (derived from parent, or NULL) whose
 * element of properties says one thing: attr="value". */
static void
odt_one_property_style(struct odt *o, const char *family, const char *name,
		       const char *parent, const char *properties,
		       const char *attr, const char *value)
{
	struct pp_odt_style *st = pp_odt_style_new(family, name);

	if (parent != NULL)
		pp_odt_style_attr(st, "style:parent-style-name", parent);
	pp_odt_style_child(st, properties);
	pp_odt_style_attr(st, attr, value);
	pp_odt_autostyles_add(o->autostyles, st);
}

/* The automatic styles content.xml declares whether the body uses them or
 * not, ahead of those the body asks for: emphasis, breaks, table cells. */
static void
odt_content_common_styles(struct odt *o)
{
	static const struct {
		const char *name;
		int bold, italic;
	} spans[] = {{ODT_SPAN_BOLD, 1, 0},
		     {ODT_SPAN_ITALIC, 0, 1},
		     {ODT_SPAN_BOLD_ITALIC, 1, 1}};
	const struct pp_style *head =
	    pp_charte_style(o->c, PP_STYLE_TABLE_HEADER);
	const struct pp_style *sig = pp_charte_style(o->c, PP_STYLE_SIGNATURE);
	const struct pp_color white = {1, 1, 1};
	struct pp_color line = pp_table_border_color(o->c);
	struct pp_odt_style *st;
	char hex[8], border[32];
	size_t i;

	for (i = 0; i < sizeof(spans) / sizeof(*spans); i++) {
		st = pp_odt_style_new("text", spans[i].name);
		pp_odt_style_child(st, "style:text-properties");
		if (spans[i].bold)
			pp_odt_style_attr(st, "fo:font-weight", "bold");
		if (spans[i].italic)
			pp_odt_style_attr(st, "fo:font-style", "italic");
		pp_odt_autostyles_add(o->autostyles, st);
	}
	odt_one_property_style(o, "text", ODT_SPAN_NOHYPHEN, NULL,
			       "style:text-properties", "fo:hyphenate",
			       "false");
	st = pp_odt_style_new("paragraph", ODT_ANNEX_BREAK);
	pp_odt_style_attr(st, "style:parent-style-name", PP_STYLE_ANNEX_TITLE);
	pp_odt_style_child(st, "style:paragraph-properties");
	pp_odt_style_attr(st, "fo:break-before", "page");
	pp_odt_style_attr(st, "fo:margin-top", "0pt");
	pp_odt_style_attrf(
	    st, "fo:margin-bottom", "%gpt",
	    pp_charte_style(o->c, PP_STYLE_ANNEX_TITLE)->space_after);
	pp_odt_autostyles_add(o->autostyles, st);
	odt_one_property_style(o, "paragraph", ODT_PAGE_BREAK, PP_STYLE_BODY,
			       "style:paragraph-properties", "fo:break-after",
			       "page");
	odt_color_hex(&line, hex);
	snprintf(border, sizeof(border), "%gpt solid %s", PP_TABLE_BORDER_PT,
		 hex);
	odt_cell_style(o, ODT_CELL, border, NULL);
	odt_cell_style(o, ODT_CELL_HEADER, border,
		       head->has_background ? &head->background : &white);
	/* Signature columns: the PDF's gutter between two parties. */
	for (i = 0; i < 2; i++) {
		st = pp_odt_style_new("table-cell", i == 0
							? ODT_CELL_SIGNATURE
							: ODT_CELL_SIGNATURE_2);
		pp_odt_style_child(st, "style:table-cell-properties");
		pp_odt_style_attr(st, "fo:padding", "0pt");
		pp_odt_style_attrf(
		    st, i == 0 ? "fo:padding-right" : "fo:padding-left", "%gpt",
		    PP_SIGNATURES_GUTTER_PT);
		pp_odt_style_attr(st, "fo:border", "none");
		pp_odt_autostyles_add(o->autostyles, st);
	}
	/* The block stays whole on its page. */
	odt_one_property_style(o, "table-row", ODT_ROW_SIGNATURES, NULL,
			       "style:table-row-properties", "fo:keep-together",
			       "always");
	st = pp_odt_style_new("paragraph", ODT_SIGNATURE_TITLE);
	pp_odt_style_attr(st, "style:parent-style-name", PP_STYLE_SIGNATURE);
	odt_margins(st, sig->space_before,
		    sig->space_after + PP_SIGNATURES_TITLE_GAP_PT);
	pp_odt_autostyles_add(o->autostyles, st);
	st = pp_odt_style_new("paragraph", ODT_SIGNATORY);
	pp_odt_style_attr(st, "style:parent-style-name", PP_STYLE_SIGNATURE);
	odt_margins(st, PP_MM_TO_PT(PP_SIGNATURE_ROOM_MM), sig->space_after);
	pp_odt_autostyles_add(o->autostyles, st);
}

/* The list style of bulleted (an en dash) or numbered lists, one level. */
static void
odt_list_style(struct odt *o, const char *name, int numbered)
{
	struct pp_odt_style *st = pp_odt_list_style_new(name);

	pp_odt_style_child(st, numbered ? "text:list-level-style-number"
					: "text:list-level-style-bullet");
	pp_odt_style_attr(st, "text:level", "1");
	if (numbered) {
		pp_odt_style_attr(st, "style:num-suffix", ".");
		pp_odt_style_attr(st, "style:num-format", "1");
	} else {
		/* As a character reference, as paraphe has always written
		 * it: the packages stay byte-identical. */
		pp_odt_style_attr_charref(st, "text:bullet-char",
					  PP_LIST_DASH_CP);
	}
	pp_odt_style_child(st, "style:list-level-properties");
	pp_odt_style_attr(st, "text:list-level-position-and-space-mode",
			  "label-alignment");
	pp_odt_style_child(st, "style:list-level-label-alignment");
	pp_odt_style_attr(st, "text:label-followed-by", "listtab");
	pp_odt_style_attrf(st, "text:list-tab-stop-position", "%dmm",
			   ODT_LIST_INDENT_MM);
	pp_odt_style_attrf(st, "fo:text-indent", "-%dmm", ODT_LIST_INDENT_MM);
	pp_odt_style_attrf(st, "fo:margin-left", "%dmm", ODT_LIST_INDENT_MM);
	pp_odt_autostyles_add(o->autostyles, st);
}

/*
 * The body of content.xml (office:body) into body, written before the
 * automatic styles it registers, which come first in the part.  Its writer
 * starts a document as pp_odt_part_begin does, so that it writes attribute
 * values the same way (without a document encoding, libxml2 2.9 writes the
 * non-ASCII characters of attributes as character references); the XML
 * declaration it writes is left out of body.
 */
static void
odt_content_body(struct odt *o, struct pp_buf *body)
{
	xmlBufferPtr buf = xmlBufferCreate();
	int start;

	o->w = xmlNewTextWriterMemory(buf, 0);
	xmlTextWriterStartDocument(o->w, NULL, "UTF-8", NULL);
	xmlTextWriterFlush(o->w);
	start = xmlBufferLength(buf);
	odt_start(o, "office:body");
	odt_start(o, "office:text");
	odt_blocks(o, o->doc->root->first);
	odt_end(o);
	odt_end(o);
	if (xmlTextWriterFlush(o->w) < 0)
		o->write_failed = 1;
	pp_buf_add(body, xmlBufferContent(buf) + start,
		   (size_t)(xmlBufferLength(buf) - start));
	xmlFreeTextWriter(o->w);
	o->w = NULL;
	xmlBufferFree(buf);
}

/* content.xml: its automatic styles, then the body that asked for them. */
int
pp_odt_content(struct odt *o, struct pp_buf *out, struct pp_error *err)
{
	struct pp_buf body;
	int rc;

	pp_buf_init(&body);
	o->autostyles = pp_odt_autostyles_new();
	o->names = pp_hyphen_names_new(o->doc->nohyphen);
	odt_content_common_styles(o);
	o->open_master = ODT_MASTER_FIRST;
	o->signature_opener = odt_signature_page_opener(o);
	odt_content_body(o, &body);
	odt_list_style(o, ODT_LIST_DASH, 0);
	odt_list_style(o, ODT_LIST_NUMBER, 1);
	pp_odt_part_begin(o, "office:document-content");
	if (pp_odt_autostyles_write(o->autostyles, o->w) != 0 ||
	    xmlTextWriterWriteRawLen(o->w, BAD_CAST pp_buf_str(&body),
				     (int)body.len) < 0)
		o->write_failed = 1;
	rc = pp_odt_part_finish(o, out, "content.xml", err);
	pp_odt_autostyles_free(o->autostyles);
	o->autostyles = NULL;
	pp_hyphen_names_free(o->names);
	o->names = NULL;
	pp_buf_fini(&body);
	return rc;
}
