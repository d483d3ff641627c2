/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the layout (PDF) and the ODT writer must agree on beyond the
 * charter's values: the names of the charter's styles and colours that the
 * code asks for, so that both set the same text in the same style (a
 * charter defines them in charte.yaml; pp_charte_style() answers corps for
 * a style it lacks), and the texts and measures both outputs set alike.
 */
#ifndef PP_STYLES_H
#define PP_STYLES_H

#include "charte.h"

/* --- Paragraph styles ---------------------------------------------------- */

#define PP_STYLE_BODY		"corps" /* running text; the others' base */
#define PP_STYLE_TITLE		"titre" /* the document's title, its H1 */
#define PP_STYLE_SUBHEADING	"intertitre"
#define PP_STYLE_ARTICLE_TITLE	"titre_article"
#define PP_STYLE_ANNEX_TITLE	"titre_annexe"
#define PP_STYLE_LIST		"liste"
#define PP_STYLE_TABLE_HEADER	"tableau_entete"
#define PP_STYLE_TABLE_CELL	"tableau_cellule"
#define PP_STYLE_SIGNATURE	"signature"
#define PP_STYLE_PARTNERS_LABEL "libelle_partenaires"
#define PP_STYLE_MARQUE		"marque"   /* the bloc-marque's title lines */
#define PP_STYLE_QUOTE		"citation" /* the motto's base */
#define PP_STYLE_NOTICE		"mention"
#define PP_STYLE_HEADER		"entete" /* running title, pages 2+ */
#define PP_STYLE_FOOTER		"pied"

/* --- Palette ------------------------------------------------------------- */

#define PP_COLOR_TABLE_BORDER "gris_625"

/* The colour of table borders: PP_COLOR_TABLE_BORDER, or a mid grey when
 * the palette has no such entry. */
static inline struct pp_color
pp_table_border_color(const struct pp_charte *c)
{
	const struct pp_palette_entry *e =
	    pp_charte_color(c, PP_COLOR_TABLE_BORDER);

	return e != NULL ? e->color : (struct pp_color){0.6, 0.6, 0.6};
}

/* --- What both outputs set alike ------------------------------------------
 *
 * Lengths in points unless the name says otherwise. */

/* The fields of the charter's pagination text (pied.pagination). */
#define PP_FIELD_PAGE  "{page}"
#define PP_FIELD_PAGES "{pages}"

/* Headings the outputs build: number, then the title (an article's:
 * pp_doc_article_heading, for its superscript "1er"). */
#define PP_ANNEX_HEADING "Annexe %d \xe2\x80\x93 %s"

/* A superscript ("1er"): its size, and how far its baseline rises, as
 * fractions of the text's size (ODT's text-position "super 58%"); never
 * smaller than the charter's minimum text size. */
#define PP_SUPER_SCALE 0.58
#define PP_SUPER_RISE  0.33

/* The label of a bulleted list item: an en dash. */
#define PP_LIST_DASH	"\xe2\x80\x93"
#define PP_LIST_DASH_CP 0x2013

/* Widows and orphans: a page break leaves at least this many lines of a
 * paragraph on either side of it. */
#define PP_MIN_LINES_AT_BREAK 2

#define PP_TABLE_CELL_PADDING_PT 3.0 /* inside a table cell, each side */
#define PP_TABLE_BORDER_PT	 0.5 /* the width of table borders */
/* Added to the cell style's space before and after a table. */
#define PP_TABLE_SPACE_PT 4.0

/* The signature block: the space before and after it, and under a party's
 * title. */
#define PP_SIGNATURES_SPACE_BEFORE_PT 18.0
#define PP_SIGNATURES_SPACE_AFTER_PT  6.0
#define PP_SIGNATURES_TITLE_GAP_PT    4.0
/* Between two parties' columns: the second's text starts this far right
 * of their boundary, the first's ends as far left of it. */
#define PP_SIGNATURES_GUTTER_PT 12.0

/* A signature column: the free space for the handwritten signature and the
 * cachet, mm, left above its last line (the signatory's name). */
#define PP_SIGNATURE_ROOM_MM 25.0

/* The mark on every page of a draft, in the footer under the reference,
 * bold in the footer's colour (a charter grey). */
#define PP_DRAFT_MARK "PROJET"

/* A party's box for initials (paraphe) in the footer, mm, and how many
 * boxes a document without a signature block gets. */
#define PP_PARAPHE_BOX_WIDTH_MM	 22.0
#define PP_PARAPHE_BOX_HEIGHT_MM 12.0
#define PP_PARAPHE_DEFAULT_BOXES 2
/* The charter's label left of the boxes: its width; the gap between label
 * and boxes, between two boxes, and between the page number and the
 * label, pt. */
#define PP_PARAPHE_LABEL_WIDTH_PT 60.0
#define PP_PARAPHE_GAP_PT	  6.0

/* Page 1: from the bottom of the bloc-marque to the text. */
#define PP_MARQUE_GAP_PT 14.0
/* Every page: from the bottom of the text area to the footer. */
#define PP_FOOTER_GAP_PT 10.0

/* Pages 2+: the running title's top and the rule under it, above the
 * text area; the rule's thickness. */
#define PP_RUNNING_TITLE_RISE_PT 24.0
#define PP_HEADER_RULE_RISE_PT	 10.0
#define PP_HEADER_RULE_PT	 0.5

/* The top of the text area, pt from the page's top: the charter's margin,
 * or on page 1 of a document with a bloc-marque or a partner zone (marque)
 * below the bloc-marque, the partner zone staying within its height. */
static inline double
pp_body_top(const struct pp_charte *c, int first_page, int marque)
{
	double top = c->margin_top;

	if (first_page && marque &&
	    c->marque.y + c->marque.height + PP_MARQUE_GAP_PT > top)
		top = c->marque.y + c->marque.height + PP_MARQUE_GAP_PT;
	return top;
}

/* Width / height of the placeholder bloc-marque (no artwork), and of an
 * artwork whose proportions are not known. */
#define PP_MARQUE_PLACEHOLDER_RATIO 1.35
#define PP_MARQUE_ARTWORK_RATIO	    2.0

/* The placeholder bloc-marque (DOMAIN §5.5): a grey box as high as the
 * bloc-marque, plainly not the State's mark, reading these two lines (and
 * nothing of the mark: no title, no motto), at this size or the charter's
 * smallest text size if larger, pt.  The checker knows it by its text in
 * files that carry no paraphe tag (a PDF exported from the ODT). */
#define PP_PLACEHOLDER_LINE1	 "Emplacement du"
#define PP_PLACEHOLDER_LINE2	 "bloc-marque officiel"
#define PP_PLACEHOLDER_TEXT	 PP_PLACEHOLDER_LINE1 " " PP_PLACEHOLDER_LINE2
#define PP_PLACEHOLDER_SIZE_PT	 8.0
#define PP_COLOR_PLACEHOLDER	 "gris_950" /* its fill */
#define PP_PLACEHOLDER_BORDER_PT 0.5	    /* in the table border colour */

/* The placeholder's fill: PP_COLOR_PLACEHOLDER, or a light grey. */
static inline struct pp_color
pp_placeholder_color(const struct pp_charte *c)
{
	const struct pp_palette_entry *e =
	    pp_charte_color(c, PP_COLOR_PLACEHOLDER);

	return e != NULL ? e->color
			 : (struct pp_color){0xEE / 255.0, 0xEE / 255.0,
					     0xEE / 255.0};
}

/* The placeholder's label: the notice style, not bold, not capitals. */
static inline struct pp_style
pp_placeholder_style(const struct pp_charte *c)
{
	struct pp_style st = *pp_charte_style(c, PP_STYLE_NOTICE);

	st.size = c->rules.min_text_size > PP_PLACEHOLDER_SIZE_PT
		      ? c->rules.min_text_size
		      : PP_PLACEHOLDER_SIZE_PT;
	st.bold = 0;
	st.italic = 0;
	st.uppercase = 0;
	return st;
}

/* The label over the partner zone: the template's (<logos label>, title
 * here; label="" for none: a convention carries none, DOMAIN §7), else
 * the charter's zone_partenaires.libelle; NULL for none. */
static inline const char *
pp_partners_label(const struct pp_charte *c, const char *title)
{
	const char *label = title != NULL ? title : c->partners.label;

	return label != NULL && label[0] != '\0' ? label : NULL;
}

/* The room after each partner logo, pt: half the Marianne block's height
 * (the bloc-marque's clear space is the whole height). */
static inline double
pp_logo_separation(const struct pp_charte *c)
{
	return c->marque.block_height / 2;
}

#endif
