/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * DOCX (docx.h): the XML helpers every part writes through, styles.xml
 * from the charter (its styles under their French names), numbering.xml,
 * settings.xml (French hyphenation), the headers and footers (bloc-marque,
 * partner zone, running title, pagination fields, boxes for initials), the
 * properties, and the package they go into (odtzip.c, shared with the
 * ODT).  document.xml is docxbody.c's.
 */
#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docx-private.h"
#include "hyphenate.h" /* the hyphenation's ladder */
#include "i18n.h"
#include "images.h"
#include "odtzip.h"
#include "styles.h"
#include "utf8.h"
#include "xalloc.h"
#include "xmlpart.h"

#define NS_WP                                                                  \
	"http://schemas.openxmlformats.org/drawingml/2006/"                    \
	"wordprocessingDrawing"
#define NS_A   "http://schemas.openxmlformats.org/drawingml/2006/main"
#define NS_PIC "http://schemas.openxmlformats.org/drawingml/2006/picture"
#define NS_PKG_RELS                                                            \
	"http://schemas.openxmlformats.org/package/2006/relationships"
#define NS_CT "http://schemas.openxmlformats.org/package/2006/content-types"
#define NS_CORE                                                                \
	"http://schemas.openxmlformats.org/package/2006/metadata/"             \
	"core-properties"
#define NS_APP                                                                 \
	"http://schemas.openxmlformats.org/officeDocument/2006/"               \
	"extended-properties"
#define CT_WML "application/vnd.openxmlformats-officedocument.wordprocessingml."

/* The character styles paraphe adds to the charter's paragraph styles, for
 * its runs and for people editing the document. */
#define DOCX_CHAR_BOLD	 "Fort"
#define DOCX_CHAR_ITALIC "Accentuation"
/* Word's default paragraph style, the charter's body style's parent. */
#define DOCX_STYLE_ROOT "Normal"

/* Word's hyphenation zone, pt: how far from the right margin a word may
 * end unhyphenated (Word's default, a quarter inch; DOMAIN §2.4 sets
 * none). */
#define DOCX_HYPHENATION_ZONE_PT 18.0
/* Lists: the indent of each level and of the label, pt (6 mm, the
 * ODT's). */
#define DOCX_LIST_INDENT_PT PP_MM_TO_PT(6)
#define DOCX_LIST_LEVELS    3
/* The footer in handwritten mode, as the ODT's: the page's column, pt,
 * and a box's padding, pt. */
#define DOCX_PARAPHES_PAGE_WIDTH_PT 70.0
#define DOCX_PARAPHES_PADDING_PT    2.0
/* The partner zone's share of the text width. */
#define DOCX_LOGOS_WIDTH_SHARE 0.55

/* --- XML writing --------------------------------------------------------- */

void
pp_docx_part_begin(struct docx *d, const char *root)
{
	pp_xmlpart_begin(&d->w, &d->buf, "yes");
	if (d->rels != NULL)
		g_string_free(d->rels, TRUE);
	d->rels = g_string_new("");
	d->nrels = 0;
	if (root == NULL)
		return;
	dx_start(d, root);
	dx_attr(d, "xmlns:w", DOCX_NS_W);
	dx_attr(d, "xmlns:r", DOCX_NS_R);
	dx_attr(d, "xmlns:wp", NS_WP);
	dx_attr(d, "xmlns:a", NS_A);
	dx_attr(d, "xmlns:pic", NS_PIC);
}

int
pp_docx_part_finish(struct docx *d, struct pp_buf *out, const char *part,
		    struct pp_error *err)
{
	int failed = d->write_failed;

	d->write_failed = 0;
	return pp_xmlpart_finish(&d->w, &d->buf, failed, "DOCX", part, out,
				 err);
}

void
pp_docx_rel(struct docx *d, const char *type, const char *target, int external,
	    char id[16])
{
	char *t = g_markup_escape_text(target, -1);

	snprintf(id, 16, "rId%d", ++d->nrels);
	g_string_append_printf(d->rels,
			       "<Relationship Id=\"%s\" Type=\"" DOCX_REL_BASE
			       "%s\" Target=\"%s\"%s/>",
			       id, type, t,
			       external ? " TargetMode=\"External\"" : "");
	g_free(t);
}

/* The relationships gathered while a part was written, as its .rels
 * part. */
static void
docx_rels_part(struct docx *d, struct pp_buf *out)
{
	pp_buf_addf(out,
		    "<?xml version=\"1.0\" encoding=\"UTF-8\" "
		    "standalone=\"yes\"?>\n<Relationships xmlns=\"%s\">%s"
		    "</Relationships>\n",
		    NS_PKG_RELS, d->rels->str);
}

/* Text with tabs and line breaks as elements, inside a w:r. */
static void
docx_text(struct docx *d, const char *s)
{
	struct pp_buf run;
	const char *p;

	pp_buf_init(&run);
	for (p = s; *p != '\0';) {
		uint32_t cp;
		size_t n = pp_utf8_next(p, &cp);

		if (cp == '\t' || cp == '\n' || cp == 0x2028) {
			if (run.len > 0) {
				dx_start(d, "w:t");
				dx_attr(d, "xml:space", "preserve");
				xmlTextWriterWriteString(
				    d->w, BAD_CAST pp_buf_str(&run));
				dx_end(d);
				pp_buf_reset(&run);
			}
			dx_empty(d, cp == '\t' ? "w:tab" : "w:br");
		} else if (cp >= 0x20 && cp != 0xFFFE && cp != 0xFFFF) {
			pp_buf_add(&run, p, n);
		}
		p += n;
	}
	if (run.len > 0) {
		dx_start(d, "w:t");
		dx_attr(d, "xml:space", "preserve");
		xmlTextWriterWriteString(d->w, BAD_CAST pp_buf_str(&run));
		dx_end(d);
	}
	pp_buf_fini(&run);
}

void
pp_docx_run(struct docx *d, const char *s, const char *rstyle, int bold,
	    int italic, int super)
{
	dx_start(d, "w:r");
	if (rstyle == NULL && bold != italic)
		rstyle = bold ? DOCX_CHAR_BOLD : DOCX_CHAR_ITALIC;
	if (rstyle != NULL || (bold && italic) || super) {
		dx_start(d, "w:rPr");
		if (rstyle != NULL)
			dx_val(d, "w:rStyle", rstyle);
		if (bold && italic) {
			dx_empty(d, "w:b");
			dx_empty(d, "w:i");
		}
		if (super)
			dx_val(d, "w:vertAlign", "superscript");
		dx_end(d);
	}
	docx_text(d, s);
	dx_end(d);
}

void
pp_docx_picture(struct docx *d, const struct docx_picture *p)
{
	char id[16], target[64];
	int n = ++d->drawings;

	snprintf(target, sizeof(target), "media/%s", p->name);
	pp_docx_rel(d, "image", target, 0, id);
	dx_start(d, "w:drawing");
	dx_start(d, "wp:inline");
	dx_attr(d, "distT", "0");
	dx_attr(d, "distB", "0");
	dx_attr(d, "distL", "0");
	dx_attr(d, "distR", "0");
	dx_start(d, "wp:extent");
	dx_attrf(d, "cx", "%ld", DOCX_EMU(p->w));
	dx_attrf(d, "cy", "%ld", DOCX_EMU(p->h));
	dx_end(d);
	dx_start(d, "wp:docPr");
	dx_attrf(d, "id", "%d", n);
	dx_attr(d, "name", p->name);
	if (p->title != NULL)
		dx_attr(d, "descr", p->title);
	dx_end(d);
	dx_start(d, "wp:cNvGraphicFramePr");
	dx_start(d, "a:graphicFrameLocks");
	dx_attr(d, "noChangeAspect", "1");
	dx_end(d);
	dx_end(d);
	dx_start(d, "a:graphic");
	dx_start(d, "a:graphicData");
	dx_attr(d, "uri", NS_PIC);
	dx_start(d, "pic:pic");
	dx_start(d, "pic:nvPicPr");
	dx_start(d, "pic:cNvPr");
	dx_attrf(d, "id", "%d", n);
	dx_attr(d, "name", p->name);
	dx_end(d);
	dx_empty(d, "pic:cNvPicPr");
	dx_end(d);
	dx_start(d, "pic:blipFill");
	dx_start(d, "a:blip");
	dx_attr(d, "r:embed", id);
	dx_end(d);
	dx_start(d, "a:stretch");
	dx_empty(d, "a:fillRect");
	dx_end(d);
	dx_end(d);
	dx_start(d, "pic:spPr");
	dx_start(d, "a:xfrm");
	dx_start(d, "a:off");
	dx_attr(d, "x", "0");
	dx_attr(d, "y", "0");
	dx_end(d);
	dx_start(d, "a:ext");
	dx_attrf(d, "cx", "%ld", DOCX_EMU(p->w));
	dx_attrf(d, "cy", "%ld", DOCX_EMU(p->h));
	dx_end(d);
	dx_end(d);
	dx_start(d, "a:prstGeom");
	dx_attr(d, "prst", "rect");
	dx_empty(d, "a:avLst");
	dx_end(d);
	dx_end(d); /* pic:spPr */
	dx_end(d); /* pic:pic */
	dx_end(d); /* a:graphicData */
	dx_end(d); /* a:graphic */
	dx_end(d); /* wp:inline */
	dx_end(d); /* w:drawing */
}

/* --- Page geometry --------------------------------------------------------
 *
 * A section has one distance from the page's top to its headers: the
 * smaller of the bloc-marque's top (page 1) and the running title's
 * (pages 2+); each header starts with the space down to its own. */

static double
docx_header_distance(const struct docx *d)
{
	double first = d->c->marque.y;
	double next = d->c->margin_top - PP_RUNNING_TITLE_RISE_PT;
	double hd = first < next ? first : next;

	return hd > 0 ? hd : 0;
}

/* The footer's height: the boxes for initials, or its lines. */
static double
docx_footer_height(const struct docx *d)
{
	const struct pp_style *foot = pp_charte_style(d->c, PP_STYLE_FOOTER);
	double line = foot->size * foot->line_height;

	if (d->boxes)
		return PP_MM_TO_PT(PP_PARAPHE_BOX_HEIGHT_MM);
	return d->doc->draft ? 2 * line : line;
}

/* From the page's bottom to the footer's: the footer's top sits
 * PP_FOOTER_GAP_PT below the text area, as in the PDF. */
static double
docx_footer_distance(const struct docx *d)
{
	double fd =
	    d->c->margin_bottom - PP_FOOTER_GAP_PT - docx_footer_height(d);

	return fd > 0 ? fd : 0;
}

void
pp_docx_sectpr(struct docx *d, enum docx_section s)
{
	const struct pp_charte *c = d->c;

	dx_start(d, "w:sectPr");
	dx_start(d, "w:headerReference");
	dx_attr(d, "w:type", "default");
	dx_attr(d, "r:id", DOCX_RID_HEADER);
	dx_end(d);
	dx_start(d, "w:footerReference");
	dx_attr(d, "w:type", "default");
	dx_attr(d, "r:id",
		s == DOCX_SECTION_SIGNATURES ? DOCX_RID_FOOTER_PLAIN
					     : DOCX_RID_FOOTER);
	dx_end(d);
	if (s == DOCX_SECTION_BODY) {
		dx_start(d, "w:headerReference");
		dx_attr(d, "w:type", "first");
		dx_attr(d, "r:id", DOCX_RID_HEADER_FIRST);
		dx_end(d);
		dx_start(d, "w:footerReference");
		dx_attr(d, "w:type", "first");
		dx_attr(d, "r:id", DOCX_RID_FOOTER);
		dx_end(d);
	} else {
		dx_val(d, "w:type", "nextPage");
	}
	dx_start(d, "w:pgSz");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(c->page_width));
	dx_attrf(d, "w:h", "%ld", DOCX_TWIPS(c->page_height));
	dx_end(d);
	dx_start(d, "w:pgMar");
	dx_attrf(d, "w:top", "%ld", DOCX_TWIPS(c->margin_top));
	dx_attrf(d, "w:right", "%ld", DOCX_TWIPS(c->margin_right));
	dx_attrf(d, "w:bottom", "%ld", DOCX_TWIPS(c->margin_bottom));
	dx_attrf(d, "w:left", "%ld", DOCX_TWIPS(c->margin_left));
	dx_attrf(d, "w:header", "%ld", DOCX_TWIPS(docx_header_distance(d)));
	dx_attrf(d, "w:footer", "%ld", DOCX_TWIPS(docx_footer_distance(d)));
	dx_attr(d, "w:gutter", "0");
	dx_end(d);
	if (s == DOCX_SECTION_BODY)
		dx_empty(d, "w:titlePg");
	dx_end(d);
}

/* --- styles.xml ---------------------------------------------------------- */

static const char *
docx_family(struct docx *d, const char *list)
{
	static char first[128];
	size_t n;

	if (d->o->family != NULL)
		return d->o->family(d->o->family_data, list);
	n = strcspn(list, ",");
	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, list, n);
	first[n] = '\0';
	return first;
}

static const char *
docx_jc(enum pp_align a)
{
	switch (a) {
	case PP_ALIGN_LEFT:
		return "left";
	case PP_ALIGN_CENTER:
		return "center";
	case PP_ALIGN_RIGHT:
		return "right";
	case PP_ALIGN_JUSTIFY:
		return "both";
	}
	return "left";
}

static void
docx_color(struct docx *d, const char *element, const struct pp_color *c)
{
	char hex[7];

	dx_color_hex(c, hex);
	dx_val(d, element, hex);
}

static void
docx_fonts(struct docx *d, const char *family)
{
	dx_start(d, "w:rFonts");
	dx_attr(d, "w:ascii", family);
	dx_attr(d, "w:hAnsi", family);
	dx_attr(d, "w:eastAsia", family);
	dx_attr(d, "w:cs", family);
	dx_end(d);
}

static void
docx_lang(struct docx *d)
{
	dx_start(d, "w:lang");
	dx_attr(d, "w:val", "fr-FR");
	dx_attr(d, "w:eastAsia", "fr-FR");
	dx_attr(d, "w:bidi", "fr-FR");
	dx_end(d);
}

/* The outline level of a charter style (0: annexes and subheadings,
 * 1: articles), or -1. */
static int
docx_outline_level(const char *name)
{
	if (strcmp(name, PP_STYLE_SUBHEADING) == 0 ||
	    strcmp(name, PP_STYLE_ANNEX_TITLE) == 0)
		return 0;
	if (strcmp(name, PP_STYLE_ARTICLE_TITLE) == 0)
		return 1;
	return -1;
}

/* One named paragraph style from the charter, under its French name. */
static void
docx_paragraph_style(struct docx *d, const struct pp_style *st)
{
	int body = strcmp(st->name, PP_STYLE_BODY) == 0;
	int level = docx_outline_level(st->name);
	char hex[7];

	dx_start(d, "w:style");
	dx_attr(d, "w:type", "paragraph");
	dx_attr(d, "w:styleId", st->name);
	dx_val(d, "w:name", st->label ? st->label : st->name);
	dx_val(d, "w:basedOn", body ? DOCX_STYLE_ROOT : PP_STYLE_BODY);
	if (!body)
		dx_val(d, "w:next", PP_STYLE_BODY);
	dx_empty(d, "w:qFormat");
	dx_start(d, "w:pPr");
	if (st->keep_with_next)
		dx_empty(d, "w:keepNext");
	/* Word's widow control keeps two lines on either side of a break:
	 * PP_MIN_LINES_AT_BREAK. */
	dx_empty(d, "w:widowControl");
	if (st->has_background) {
		dx_color_hex(&st->background, hex);
		dx_start(d, "w:shd");
		dx_attr(d, "w:val", "clear");
		dx_attr(d, "w:color", "auto");
		dx_attr(d, "w:fill", hex);
		dx_end(d);
	}
	if (!st->hyphenate)
		dx_empty(d, "w:suppressAutoHyphens");
	dx_start(d, "w:spacing");
	dx_attrf(d, "w:before", "%ld", DOCX_TWIPS(st->space_before));
	dx_attrf(d, "w:after", "%ld", DOCX_TWIPS(st->space_after));
	/* The PDF's lines are line_height times the size apart whatever the
	 * font. */
	dx_attrf(d, "w:line", "%ld", DOCX_TWIPS(st->size * st->line_height));
	dx_attr(d, "w:lineRule", "exact");
	dx_end(d);
	dx_start(d, "w:ind");
	dx_attrf(d, "w:left", "%ld", DOCX_TWIPS(st->indent));
	dx_end(d);
	dx_val(d, "w:jc", docx_jc(st->align));
	if (level >= 0)
		dx_vall(d, "w:outlineLvl", level);
	dx_end(d);
	dx_start(d, "w:rPr");
	docx_fonts(d, docx_family(d, st->families));
	dx_val(d, "w:b", st->bold ? "1" : "0");
	dx_val(d, "w:i", st->italic ? "1" : "0");
	if (st->uppercase)
		dx_empty(d, "w:caps");
	docx_color(d, "w:color", &st->color);
	dx_vall(d, "w:sz", DOCX_HALF_PTS(st->size));
	dx_vall(d, "w:szCs", DOCX_HALF_PTS(st->size));
	docx_lang(d);
	dx_end(d);
	dx_end(d);
}

static void
docx_char_style(struct docx *d, const char *id, int bold, int italic)
{
	dx_start(d, "w:style");
	dx_attr(d, "w:type", "character");
	dx_attr(d, "w:styleId", id);
	dx_val(d, "w:name", id);
	dx_empty(d, "w:qFormat");
	dx_start(d, "w:rPr");
	if (bold)
		dx_empty(d, "w:b");
	if (italic)
		dx_empty(d, "w:i");
	dx_end(d);
	dx_end(d);
}

static int
docx_styles(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	const struct pp_style *body = pp_charte_style(d->c, PP_STYLE_BODY);
	size_t i;

	pp_docx_part_begin(d, "w:styles");
	dx_start(d, "w:docDefaults");
	dx_start(d, "w:rPrDefault");
	dx_start(d, "w:rPr");
	docx_fonts(d, docx_family(d, body->families));
	dx_vall(d, "w:sz", DOCX_HALF_PTS(body->size));
	dx_vall(d, "w:szCs", DOCX_HALF_PTS(body->size));
	docx_lang(d);
	dx_end(d);
	dx_end(d);
	dx_start(d, "w:pPrDefault");
	dx_start(d, "w:pPr");
	dx_empty(d, "w:widowControl");
	dx_end(d);
	dx_end(d);
	dx_end(d);
	/* The root of the charter's styles, Word's "Normal", which
	 * LibreOffice reads as its "Standard", where it puts the document's
	 * hyphenation. */
	dx_start(d, "w:style");
	dx_attr(d, "w:type", "paragraph");
	dx_attr(d, "w:default", "1");
	dx_attr(d, "w:styleId", DOCX_STYLE_ROOT);
	dx_val(d, "w:name", "Normal");
	dx_end(d);
	for (i = 0; i < d->c->nstyles; i++)
		docx_paragraph_style(d, &d->c->styles[i]);
	docx_char_style(d, DOCX_CHAR_BOLD, 1, 0);
	docx_char_style(d, DOCX_CHAR_ITALIC, 0, 1);
	dx_end(d);
	return pp_docx_part_finish(d, out, "word/styles.xml", err);
}

/* --- numbering.xml ------------------------------------------------------- */

/* The list definition id: 0, dashes; 1, numbers. */
static void
docx_abstract_num(struct docx *d, int numbered)
{
	int l;

	dx_start(d, "w:abstractNum");
	dx_attrf(d, "w:abstractNumId", "%d", numbered);
	dx_val(d, "w:multiLevelType", "multilevel");
	for (l = 0; l < DOCX_LIST_LEVELS; l++) {
		char text[16];

		dx_start(d, "w:lvl");
		dx_attrf(d, "w:ilvl", "%d", l);
		dx_vall(d, "w:start", 1);
		dx_val(d, "w:numFmt", numbered ? "decimal" : "bullet");
		if (numbered)
			snprintf(text, sizeof(text), "%%%d.", l + 1);
		else
			snprintf(text, sizeof(text), "%s", PP_LIST_DASH);
		dx_val(d, "w:lvlText", text);
		dx_val(d, "w:lvlJc", "left");
		dx_start(d, "w:pPr");
		dx_start(d, "w:ind");
		dx_attrf(d, "w:left", "%ld",
			 DOCX_TWIPS(DOCX_LIST_INDENT_PT * (l + 1)));
		dx_attrf(d, "w:hanging", "%ld",
			 DOCX_TWIPS(DOCX_LIST_INDENT_PT));
		dx_end(d);
		dx_end(d);
		dx_end(d);
	}
	dx_end(d);
}

/* Two definitions, dashes and numbers; w:num 1 for every bulleted list,
 * and one w:num per numbered list, each counting from 1. */
static int
docx_numbering(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	int i;

	pp_docx_part_begin(d, "w:numbering");
	docx_abstract_num(d, 0);
	docx_abstract_num(d, 1);
	dx_start(d, "w:num");
	dx_attr(d, "w:numId", "1");
	dx_vall(d, "w:abstractNumId", 0);
	dx_end(d);
	for (i = 0; i < d->numbered_lists; i++) {
		dx_start(d, "w:num");
		dx_attrf(d, "w:numId", "%d", i + 2);
		dx_vall(d, "w:abstractNumId", 1);
		dx_start(d, "w:lvlOverride");
		dx_attr(d, "w:ilvl", "0");
		dx_vall(d, "w:startOverride", 1);
		dx_end(d);
		dx_end(d);
	}
	dx_end(d);
	return pp_docx_part_finish(d, out, "word/numbering.xml", err);
}

/* --- settings.xml -------------------------------------------------------- */

/* French hyphenation as DOMAIN §2.4 has it, as far as Word can say it:
 * on, at most PP_HYPHEN_LADDER_MAX hyphenated lines in a row, never a word
 * in capitals (acronyms).  Word has no minimum of letters on either side
 * of a break. */
static int
docx_settings(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	pp_docx_part_begin(d, "w:settings");
	dx_vall(d, "w:defaultTabStop", DOCX_TWIPS(DOCX_LIST_INDENT_PT));
	dx_val(d, "w:autoHyphenation", "1");
	dx_vall(d, "w:consecutiveHyphenLimit", PP_HYPHEN_LADDER_MAX);
	dx_vall(d, "w:hyphenationZone", DOCX_TWIPS(DOCX_HYPHENATION_ZONE_PT));
	dx_val(d, "w:doNotHyphenateCaps", "1");
	dx_val(d, "w:characterSpacingControl", "doNotCompress");
	dx_start(d, "w:compat");
	/* The space after a paragraph and the space before the next add up,
	 * as in the PDF; without this Word and LibreOffice keep the larger. */
	dx_empty(d, "w:doNotUseHTMLParagraphAutoSpacing");
	dx_start(d, "w:compatSetting");
	dx_attr(d, "w:name", "compatibilityMode");
	dx_attr(d, "w:uri", "http://schemas.microsoft.com/office/word");
	dx_attr(d, "w:val", "15");
	dx_end(d);
	dx_end(d);
	dx_start(d, "w:themeFontLang");
	dx_attr(d, "w:val", "fr-FR");
	dx_end(d);
	dx_val(d, "w:decimalSymbol", ",");
	dx_val(d, "w:listSeparator", ";");
	dx_end(d);
	return pp_docx_part_finish(d, out, "word/settings.xml", err);
}

/* --- Headers and footers ------------------------------------------------- */

/* Opens a paragraph in style with its properties open: spacing (before,
 * after: pt, or < 0 to keep the style's; line: exact, pt, < 0 for single
 * spacing growing with pictures, or 0 for the style's).  Close
 * the properties with dx_end, then the paragraph. */
static void
docx_p_begin(struct docx *d, const char *style, double before, double after,
	     double line)
{
	dx_start(d, "w:p");
	dx_start(d, "w:pPr");
	if (style != NULL)
		dx_val(d, "w:pStyle", style);
	if (before >= 0 || after >= 0 || line != 0) {
		dx_start(d, "w:spacing");
		if (before >= 0)
			dx_attrf(d, "w:before", "%ld", DOCX_TWIPS(before));
		if (after >= 0)
			dx_attrf(d, "w:after", "%ld", DOCX_TWIPS(after));
		if (line > 0) {
			dx_attrf(d, "w:line", "%ld", DOCX_TWIPS(line));
			dx_attr(d, "w:lineRule", "exact");
		} else if (line < 0) {
			/* As high as what it holds: a picture. */
			dx_attr(d, "w:line", "240");
			dx_attr(d, "w:lineRule", "auto");
		}
		dx_end(d);
	}
}

/* An empty paragraph exactly h pt high. */
static void
docx_spacer(struct docx *d, double h)
{
	docx_p_begin(d, NULL, 0, 0, h > 1 ? h : 1);
	dx_start(d, "w:rPr");
	dx_vall(d, "w:sz", 2);
	dx_end(d);
	dx_end(d);
	dx_end(d);
}

static void
docx_field(struct docx *d, const char *instr)
{
	dx_start(d, "w:fldSimple");
	dx_attr(d, "w:instr", instr);
	pp_docx_run(d, "1", NULL, 0, 0, 0);
	dx_end(d);
}

/* The charter's pagination ("Page {page} / {pages}") with PAGE and
 * NUMPAGES fields in place. */
static void
docx_pagination(struct docx *d)
{
	const char *p = d->c->footer.pagination;

	while (p != NULL && *p != '\0') {
		const char *f1 = strstr(p, PP_FIELD_PAGE);
		const char *f2 = strstr(p, PP_FIELD_PAGES);
		const char *f = f1 != NULL && (f2 == NULL || f1 < f2) ? f1 : f2;
		char *lit;

		if (f == NULL) {
			pp_docx_run(d, p, NULL, 0, 0, 0);
			break;
		}
		lit = g_strndup(p, (gsize)(f - p));
		if (lit[0] != '\0')
			pp_docx_run(d, lit, NULL, 0, 0, 0);
		g_free(lit);
		docx_field(d, f == f1 ? " PAGE " : " NUMPAGES ");
		p = f + strlen(f == f1 ? PP_FIELD_PAGE : PP_FIELD_PAGES);
	}
}

static void
docx_draft_mark(struct docx *d)
{
	if (!d->doc->draft)
		return;
	pp_docx_run(d, "\n" PP_DRAFT_MARK, DOCX_CHAR_BOLD, 1, 0, 0);
}

static double
docx_text_width(const struct docx *d)
{
	return d->c->page_width - d->c->margin_left - d->c->margin_right;
}

/* Table properties: width (pt), indent (pt), no borders, cell margins
 * (pt), fixed layout. */
static void
docx_tbl_pr(struct docx *d, double width, double indent, double margin)
{
	static const char *const sides[] = {"w:top", "w:left", "w:bottom",
					    "w:right"};
	size_t i;

	dx_start(d, "w:tblPr");
	dx_start(d, "w:tblW");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(width));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_start(d, "w:tblInd");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(indent));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_start(d, "w:tblLayout");
	dx_attr(d, "w:type", "fixed");
	dx_end(d);
	dx_start(d, "w:tblCellMar");
	for (i = 0; i < 4; i++) {
		dx_start(d, sides[i]);
		dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(margin));
		dx_attr(d, "w:type", "dxa");
		dx_end(d);
	}
	dx_end(d);
	dx_end(d);
}

static void
docx_grid(struct docx *d, const double *widths, size_t n)
{
	size_t i;

	dx_start(d, "w:tblGrid");
	for (i = 0; i < n; i++) {
		dx_start(d, "w:gridCol");
		dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(widths[i]));
		dx_end(d);
	}
	dx_end(d);
}

/* Opens a cell of width pt; its properties stay open. */
static void
docx_tc_begin(struct docx *d, double width)
{
	dx_start(d, "w:tc");
	dx_start(d, "w:tcPr");
	dx_start(d, "w:tcW");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(width));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
}

/* Cell borders: a line of pt in colour hex on every side. */
static void
docx_tc_borders(struct docx *d, double pt, const char *hex)
{
	static const char *const sides[] = {"w:top", "w:left", "w:bottom",
					    "w:right"};
	size_t i;

	dx_start(d, "w:tcBorders");
	for (i = 0; i < 4; i++) {
		dx_start(d, sides[i]);
		dx_attr(d, "w:val", "single");
		dx_attrf(d, "w:sz", "%d", DOCX_EIGHTHS(pt));
		dx_attr(d, "w:space", "0");
		dx_attr(d, "w:color", hex);
		dx_end(d);
	}
	dx_end(d);
}

/* Opens a row exactly (or at least) h pt high. */
static void
docx_tr_begin(struct docx *d, double h, int exact)
{
	dx_start(d, "w:tr");
	dx_start(d, "w:trPr");
	dx_empty(d, "w:cantSplit");
	dx_start(d, "w:trHeight");
	dx_attrf(d, "w:val", "%ld", DOCX_TWIPS(h));
	dx_attr(d, "w:hRule", exact ? "exact" : "atLeast");
	dx_end(d);
	dx_end(d);
}

/* The placeholder bloc-marque (DOMAIN §5.5): a grey box as high as the
 * bloc-marque reading « Emplacement du bloc-marque officiel », as the PDF
 * draws it: here, the first cell of the header's table. */
static void
docx_placeholder_cell(struct docx *d, double w)
{
	struct pp_color fill = pp_placeholder_color(d->c);
	struct pp_color line = pp_table_border_color(d->c);
	struct pp_style label = pp_placeholder_style(d->c);
	char hex[7];

	docx_tc_begin(d, w);
	dx_color_hex(&line, hex);
	docx_tc_borders(d, PP_PLACEHOLDER_BORDER_PT, hex);
	dx_color_hex(&fill, hex);
	dx_start(d, "w:shd");
	dx_attr(d, "w:val", "clear");
	dx_attr(d, "w:color", "auto");
	dx_attr(d, "w:fill", hex);
	dx_end(d);
	dx_val(d, "w:vAlign", "center");
	dx_end(d);
	docx_p_begin(d, PP_STYLE_NOTICE, 0, 0, label.size * 1.2);
	dx_empty(d, "w:ind");
	dx_val(d, "w:jc", "center");
	dx_start(d, "w:rPr");
	dx_val(d, "w:b", "0");
	dx_val(d, "w:i", "0");
	dx_val(d, "w:caps", "0");
	dx_vall(d, "w:sz", DOCX_HALF_PTS(label.size));
	dx_end(d);
	dx_end(d);
	dx_start(d, "w:r");
	dx_start(d, "w:rPr");
	dx_val(d, "w:b", "0");
	dx_val(d, "w:i", "0");
	dx_val(d, "w:caps", "0");
	dx_vall(d, "w:sz", DOCX_HALF_PTS(label.size));
	dx_end(d);
	docx_text(d, PP_PLACEHOLDER_LINE1 "\n" PP_PLACEHOLDER_LINE2);
	dx_end(d);
	dx_end(d);
	dx_end(d);
}

/* The first page's header, as the PDF's: the bloc-marque at its place
 * (the official artwork, or the placeholder), the partner zone at the
 * right, then the gap down to the text, in a table of one row as high as
 * the bloc-marque. */
static void
docx_header_first(struct docx *d)
{
	const struct pp_charte *c = d->c;
	double hd = docx_header_distance(d);
	double indent = c->marque.x - c->margin_left;
	double widths[2];
	size_t i;

	if (c->marque.y - hd > 0.5)
		docx_spacer(d, c->marque.y - hd);
	widths[0] = d->artwork ? d->pictures[0].w
			       : c->marque.height * PP_MARQUE_PLACEHOLDER_RATIO;
	widths[1] = docx_text_width(d) - indent - widths[0];
	if (widths[1] < 1)
		widths[1] = 1;
	dx_start(d, "w:tbl");
	docx_tbl_pr(d, widths[0] + widths[1], indent, 0);
	docx_grid(d, widths, 2);
	docx_tr_begin(d, c->marque.height, 1);
	if (d->artwork) {
		docx_tc_begin(d, widths[0]);
		dx_end(d);
		docx_p_begin(d, PP_STYLE_MARQUE, 0, 0, -1);
		dx_empty(d, "w:ind");
		dx_end(d);
		dx_start(d, "w:r");
		pp_docx_picture(d, &d->pictures[0]);
		dx_end(d);
		dx_end(d);
		dx_end(d);
	} else {
		docx_placeholder_cell(d, widths[0]);
	}
	docx_tc_begin(d, widths[1]);
	dx_end(d);
	if (d->logos_label != NULL) {
		docx_p_begin(d, PP_STYLE_PARTNERS_LABEL, -1, -1, 0);
		dx_val(d, "w:jc", "right");
		dx_end(d);
		pp_docx_run(d, d->logos_label, NULL, 0, 0, 0);
		dx_end(d);
	}
	docx_p_begin(d, PP_STYLE_PARTNERS_LABEL, 0, 0, -1);
	dx_val(d, "w:jc", "right");
	dx_end(d);
	for (i = d->first_logo; i < d->npictures; i++) {
		if (i > d->first_logo) {
			/* The room between two logos: a space stretched. */
			dx_start(d, "w:r");
			dx_start(d, "w:rPr");
			dx_vall(d, "w:spacing",
				DOCX_TWIPS(pp_logo_separation(c)));
			dx_end(d);
			docx_text(d, " ");
			dx_end(d);
		}
		dx_start(d, "w:r");
		pp_docx_picture(d, &d->pictures[i]);
		dx_end(d);
	}
	dx_end(d);
	dx_end(d); /* w:tc */
	dx_end(d); /* w:tr */
	dx_end(d); /* w:tbl */
	docx_spacer(d, PP_MARQUE_GAP_PT);
}

/* Pages 2+: the running title over its rule, as the PDF's. */
static void
docx_header_next(struct docx *d)
{
	const struct pp_charte *c = d->c;
	const struct pp_style *head = pp_charte_style(c, PP_STYLE_HEADER);
	int title = c->header.running_title && d->doc->title != NULL;
	double top =
	    c->margin_top - PP_RUNNING_TITLE_RISE_PT - docx_header_distance(d);
	double pad = PP_RUNNING_TITLE_RISE_PT - PP_HEADER_RULE_RISE_PT -
		     head->size * head->line_height - PP_HEADER_RULE_PT;
	char hex[7];

	dx_start(d, "w:p");
	dx_start(d, "w:pPr");
	dx_val(d, "w:pStyle", PP_STYLE_HEADER);
	if (title) {
		dx_color_hex(&head->color, hex);
		dx_start(d, "w:pBdr");
		dx_start(d, "w:bottom");
		dx_attr(d, "w:val", "single");
		dx_attrf(d, "w:sz", "%d", DOCX_EIGHTHS(PP_HEADER_RULE_PT));
		dx_attrf(d, "w:space", "%d", pad > 0 ? (int)(pad + 0.5) : 0);
		dx_attr(d, "w:color", hex);
		dx_end(d);
		dx_end(d);
	}
	dx_start(d, "w:spacing");
	dx_attrf(d, "w:before", "%ld", DOCX_TWIPS(top > 0 ? top : 0));
	dx_attr(d, "w:after", "0");
	dx_end(d);
	dx_end(d);
	if (title)
		pp_docx_run(d, d->doc->title, NULL, 0, 0, 0);
	dx_end(d);
}

/* The footer without boxes: the reference on the left, the page on the
 * right, the draft's mark under them. */
static void
docx_footer_plain(struct docx *d)
{
	docx_p_begin(d, PP_STYLE_FOOTER, -1, -1, 0);
	dx_start(d, "w:tabs");
	dx_start(d, "w:tab");
	dx_attr(d, "w:val", "right");
	dx_attrf(d, "w:pos", "%ld", DOCX_TWIPS(docx_text_width(d)));
	dx_end(d);
	dx_end(d);
	dx_empty(d, "w:ind");
	dx_val(d, "w:jc", "left");
	dx_end(d);
	if (d->doc->reference != NULL)
		pp_docx_run(d, d->doc->reference, NULL, 0, 0, 0);
	pp_docx_run(d, "\t", NULL, 0, 0, 0);
	docx_pagination(d);
	docx_draft_mark(d);
	dx_end(d);
}

/* A paragraph of the footer's table, aligned jc. */
static void
docx_footer_p(struct docx *d, const char *jc)
{
	docx_p_begin(d, PP_STYLE_FOOTER, 0, 0, 0);
	dx_empty(d, "w:ind");
	dx_val(d, "w:jc", jc);
	dx_end(d);
}

/* The parties of the signature block, or NULL. */
static const struct pp_node *
docx_signatures(const struct docx *d)
{
	const struct pp_node *n;

	for (n = d->doc->root->first; n != NULL; n = n->next)
		if (n->kind == PP_NODE_SIGNATURES)
			return n;
	return NULL;
}

/* The footer in handwritten mode, as the PDF's and the ODT's: a table of
 * the reference, the page, the charter's label, then one bordered box per
 * party, its paraphe label at the top. */
static void
docx_footer_boxes(struct docx *d)
{
	const struct pp_style *foot = pp_charte_style(d->c, PP_STYLE_FOOTER);
	const struct pp_node *sig = docx_signatures(d), *party = NULL;
	const double bw = PP_MM_TO_PT(PP_PARAPHE_BOX_WIDTH_MM);
	double *widths;
	size_t n = 0, k, ncols;
	char hex[7];

	if (sig != NULL)
		for (party = sig->first; party != NULL; party = party->next)
			n++;
	if (n == 0)
		n = PP_PARAPHE_DEFAULT_BOXES;
	party = sig != NULL ? sig->first : NULL;
	ncols = 3 + 2 * n - 1;
	widths = g_new(double, ncols);
	widths[1] = DOCX_PARAPHES_PAGE_WIDTH_PT;
	widths[2] = PP_PARAPHE_LABEL_WIDTH_PT + 2 * PP_PARAPHE_GAP_PT;
	widths[0] = docx_text_width(d) - widths[1] - widths[2] -
		    (double)n * bw - (double)(n - 1) * PP_PARAPHE_GAP_PT;
	if (widths[0] < 1) /* so many parties that the boxes fill the line */
		widths[0] = 1;
	for (k = 3; k < ncols; k++)
		widths[k] = k % 2 == 1 ? bw : PP_PARAPHE_GAP_PT;
	dx_color_hex(&foot->color, hex);
	dx_start(d, "w:tbl");
	docx_tbl_pr(d, docx_text_width(d), 0, 0);
	docx_grid(d, widths, ncols);
	docx_tr_begin(d, PP_MM_TO_PT(PP_PARAPHE_BOX_HEIGHT_MM), 0);
	docx_tc_begin(d, widths[0]);
	dx_end(d);
	docx_footer_p(d, "left");
	if (d->doc->reference != NULL)
		pp_docx_run(d, d->doc->reference, NULL, 0, 0, 0);
	docx_draft_mark(d);
	dx_end(d);
	dx_end(d);
	docx_tc_begin(d, widths[1]);
	dx_end(d);
	docx_footer_p(d, "right");
	docx_pagination(d);
	dx_end(d);
	dx_end(d);
	docx_tc_begin(d, widths[2]);
	dx_start(d, "w:tcMar");
	dx_start(d, "w:right");
	dx_attrf(d, "w:w", "%ld", DOCX_TWIPS(PP_PARAPHE_GAP_PT));
	dx_attr(d, "w:type", "dxa");
	dx_end(d);
	dx_end(d);
	dx_val(d, "w:vAlign", "center");
	dx_end(d);
	docx_footer_p(d, "right");
	if (d->c->footer.paraphe_label != NULL)
		pp_docx_run(d, d->c->footer.paraphe_label, NULL, 0, 0, 0);
	dx_end(d);
	dx_end(d);
	for (k = 3; k < ncols; k++) {
		docx_tc_begin(d, widths[k]);
		if (k % 2 == 1) {
			docx_tc_borders(d, PP_TABLE_BORDER_PT, hex);
			dx_start(d, "w:tcMar");
			dx_start(d, "w:top");
			dx_attrf(d, "w:w", "%ld",
				 DOCX_TWIPS(DOCX_PARAPHES_PADDING_PT));
			dx_attr(d, "w:type", "dxa");
			dx_end(d);
			dx_end(d);
		}
		dx_end(d);
		docx_footer_p(d, "center");
		if (k % 2 == 1 && party != NULL) {
			if (party->text != NULL)
				pp_docx_run(d, party->text, NULL, 0, 0, 0);
			party = party->next;
		}
		dx_end(d);
		dx_end(d);
	}
	dx_end(d); /* w:tr */
	dx_end(d); /* w:tbl */
	g_free(widths);
	/* A footer ends with a paragraph. */
	docx_spacer(d, 1);
}

/* --- The pictures ---------------------------------------------------------
 *
 * The bloc-marque's official artwork, at the charter's height with the
 * file's proportions, and the partner logos, each as high as the charter
 * allows without the zone growing taller than the bloc-marque, scaled
 * down together to fit their share of the width. */

static struct docx_picture *
docx_picture_new(struct docx *d)
{
	d->pictures =
	    pp_xrealloc(d->pictures, (d->npictures + 1) * sizeof(*d->pictures));
	memset(&d->pictures[d->npictures], 0, sizeof(*d->pictures));
	return &d->pictures[d->npictures++];
}

/* Loads path and names its copy base.EXT; its natural size in *w, *h. */
static int
docx_picture_load(struct docx *d, struct docx_picture *p, const char *path,
		  const char *base, double *w, double *h, struct pp_error *err)
{
	enum pp_image_kind kind;

	if (d->images == NULL)
		d->images = pp_images_new();
	p->path = g_strdup(path);
	if (pp_images_load(d->images, path, &kind, w, h, err) != 0)
		return -1;
	p->svg = kind == PP_IMAGE_SVG;
	snprintf(p->name, sizeof(p->name), "%s.%s", base,
		 pp_image_extension(p->svg ? PP_IMAGE_PNG : kind));
	return 0;
}

static int
docx_pictures_prepare(struct docx *d, struct pp_error *err)
{
	const struct pp_charte *c = d->c;
	const struct pp_style *st = pp_charte_style(c, PP_STYLE_PARTNERS_LABEL);
	const struct pp_node *zone, *n;
	double w, h, label_h = 0, maxh, sum = 0, sep, room;
	size_t i, count = 0;

	if (c->marque.artwork != NULL) {
		struct docx_picture *p = docx_picture_new(d);

		d->artwork = 1;
		p->title = "Bloc-marque";
		if (docx_picture_load(d, p, c->marque.artwork, "bloc-marque",
				      &w, &h, err) != 0)
			return -1;
		p->h = c->marque.height;
		p->w = h > 0 ? p->h * w / h : p->h * PP_MARQUE_ARTWORK_RATIO;
	}
	d->first_logo = d->npictures;
	for (zone = d->doc->root->first; zone != NULL; zone = zone->next)
		if (zone->kind == PP_NODE_LOGOS)
			break;
	if (zone == NULL)
		return 0;
	d->logos_label = pp_partners_label(c, zone->title);
	if (d->logos_label != NULL)
		label_h = st->size * st->line_height + st->space_after;
	maxh = c->partners.max_logo_height;
	if (maxh > c->marque.height - label_h)
		maxh = c->marque.height - label_h;
	for (n = zone->first; n != NULL; n = n->next) {
		const char *href = n->href != NULL ? n->href : "";
		char *path, base[16];
		struct docx_picture *p;
		int rc;

		if (n->kind != PP_NODE_LOGO)
			continue;
		path = g_path_is_absolute(href) || d->doc->base_dir == NULL ||
			       strcmp(d->doc->base_dir, ".") == 0
			   ? g_strdup(href)
			   : g_build_filename(d->doc->base_dir, href, NULL);
		p = docx_picture_new(d);
		snprintf(base, sizeof(base), "logo-%zu", ++count);
		rc = docx_picture_load(d, p, path, base, &w, &h, err);
		g_free(path);
		if (rc != 0)
			return -1;
		p->title = n->title;
		p->h = maxh;
		p->w = h > 0 ? maxh * w / h : maxh;
		sum += p->w;
	}
	sep = pp_logo_separation(c);
	room = docx_text_width(d) * DOCX_LOGOS_WIDTH_SHARE -
	       sep * (double)(count > 0 ? count - 1 : 0);
	if (sum > room && sum > 0 && room > 0)
		for (i = d->first_logo; i < d->npictures; i++) {
			d->pictures[i].w *= room / sum;
			d->pictures[i].h *= room / sum;
		}
	return 0;
}

/* The bytes of a picture as the package holds it: the file, or for an
 * SVG the PNG of what the PDF draws. */
static int
docx_picture_bytes(struct docx *d, const struct docx_picture *p,
		   struct pp_buf *out, struct pp_error *err)
{
	gchar *data = NULL;
	gsize len = 0;

	if (p->svg)
		return pp_image_png(pp_images_find(d->images, p->path),
				    pp_image_raster_side(p->w),
				    pp_image_raster_side(p->h), out, err);
	if (!g_file_get_contents(p->path, &data, &len, NULL)) {
		struct pp_pos pos = {p->path, 0, 0};

		pp_error_set(err, PP_DIAG_IMAGE, &pos,
			     _("cannot put this image into the DOCX"));
		return -1;
	}
	pp_buf_add(out, data, len);
	g_free(data);
	return 0;
}

/* --- Properties and package parts ---------------------------------------- */

static void
docx_text_element(struct docx *d, const char *name, const char *text)
{
	if (text == NULL)
		return;
	dx_start(d, name);
	xmlTextWriterWriteString(d->w, BAD_CAST text);
	dx_end(d);
}

/* docProps/core.xml: title, subject, author, keywords, language, date. */
static int
docx_core(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	const struct pp_doc *doc = d->doc;
	char date[32];

	/* W3CDTF, in UTC. */
	snprintf(date, sizeof(date), "%.19sZ", d->o->date);
	pp_docx_part_begin(d, NULL);
	dx_start(d, "cp:coreProperties");
	dx_attr(d, "xmlns:cp", NS_CORE);
	dx_attr(d, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	dx_attr(d, "xmlns:dcterms", "http://purl.org/dc/terms/");
	dx_attr(d, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	docx_text_element(d, "dc:title", doc->title);
	docx_text_element(d, "dc:subject", doc->subject);
	docx_text_element(d, "dc:creator", doc->author);
	docx_text_element(d, "cp:keywords", doc->keywords);
	docx_text_element(d, "dc:language", "fr-FR");
	dx_start(d, "dcterms:created");
	dx_attr(d, "xsi:type", "dcterms:W3CDTF");
	xmlTextWriterWriteString(d->w, BAD_CAST date);
	dx_end(d);
	dx_start(d, "dcterms:modified");
	dx_attr(d, "xsi:type", "dcterms:W3CDTF");
	xmlTextWriterWriteString(d->w, BAD_CAST date);
	dx_end(d);
	dx_end(d);
	return pp_docx_part_finish(d, out, "docProps/core.xml", err);
}

static int
docx_app(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	pp_docx_part_begin(d, NULL);
	dx_start(d, "Properties");
	dx_attr(d, "xmlns", NS_APP);
	docx_text_element(d, "Application", d->o->generator);
	dx_end(d);
	return pp_docx_part_finish(d, out, "docProps/app.xml", err);
}

static void
docx_content_type(struct docx *d, const char *element, const char *attr,
		  const char *what, const char *type)
{
	dx_start(d, element);
	dx_attr(d, attr, what);
	dx_attr(d, "ContentType", type);
	dx_end(d);
}

static int
docx_content_types(struct docx *d, struct pp_buf *out, struct pp_error *err)
{
	pp_docx_part_begin(d, NULL);
	dx_start(d, "Types");
	dx_attr(d, "xmlns", NS_CT);
	docx_content_type(
	    d, "Default", "Extension", "rels",
	    "application/vnd.openxmlformats-package.relationships+xml");
	docx_content_type(d, "Default", "Extension", "xml", "application/xml");
	docx_content_type(d, "Default", "Extension", "png", "image/png");
	docx_content_type(d, "Default", "Extension", "jpg", "image/jpeg");
	docx_content_type(d, "Override", "PartName", "/word/document.xml",
			  CT_WML "document.main+xml");
	docx_content_type(d, "Override", "PartName", "/word/styles.xml",
			  CT_WML "styles+xml");
	docx_content_type(d, "Override", "PartName", "/word/numbering.xml",
			  CT_WML "numbering+xml");
	docx_content_type(d, "Override", "PartName", "/word/settings.xml",
			  CT_WML "settings+xml");
	docx_content_type(d, "Override", "PartName", "/word/header1.xml",
			  CT_WML "header+xml");
	docx_content_type(d, "Override", "PartName", "/word/header2.xml",
			  CT_WML "header+xml");
	docx_content_type(d, "Override", "PartName", "/word/footer1.xml",
			  CT_WML "footer+xml");
	if (d->boxes)
		docx_content_type(d, "Override", "PartName",
				  "/word/footer2.xml", CT_WML "footer+xml");
	docx_content_type(
	    d, "Override", "PartName", "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
	docx_content_type(d, "Override", "PartName", "/docProps/app.xml",
			  "application/vnd.openxmlformats-officedocument."
			  "extended-properties+xml");
	dx_end(d);
	return pp_docx_part_finish(d, out, "[Content_Types].xml", err);
}

/* --- The package ---------------------------------------------------------- */

/* One part and its relationships (when it has any) into the package. */
struct docx_entry {
	char name[48];
	struct pp_buf data;
	int stored; /* a picture: compressed already */
};

struct docx_package {
	struct docx_entry *e;
	size_t n;
};

static struct pp_buf *
docx_entry(struct docx_package *pk, const char *name, int stored)
{
	struct docx_entry *e;

	pk->e = pp_xrealloc(pk->e, (pk->n + 1) * sizeof(*pk->e));
	e = &pk->e[pk->n++];
	snprintf(e->name, sizeof(e->name), "%s", name);
	pp_buf_init(&e->data);
	e->stored = stored;
	return &e->data;
}

/* The .rels of the part just written, when it has relationships. */
static void
docx_entry_rels(struct docx *d, struct docx_package *pk, const char *name)
{
	if (d->nrels > 0)
		docx_rels_part(d, docx_entry(pk, name, 0));
}

/* A header or footer: write(d) fills it. */
static int
docx_furniture(struct docx *d, struct docx_package *pk, const char *part,
	       const char *root, void (*write)(struct docx *),
	       struct pp_error *err)
{
	char name[48], rels[64];

	snprintf(name, sizeof(name), "word/%s.xml", part);
	snprintf(rels, sizeof(rels), "word/_rels/%s.xml.rels", part);
	pp_docx_part_begin(d, root);
	write(d);
	dx_end(d);
	if (pp_docx_part_finish(d, docx_entry(pk, name, 0), name, err) != 0)
		return -1;
	docx_entry_rels(d, pk, rels);
	return 0;
}

static int
docx_parts(struct docx *d, struct docx_package *pk, struct pp_error *err)
{
	char id[16];
	size_t i;

	if (docx_content_types(d, docx_entry(pk, "[Content_Types].xml", 0),
			       err) != 0)
		return -1;
	pp_docx_part_begin(d, NULL);
	pp_docx_rel(d, "officeDocument", "word/document.xml", 0, id);
	g_string_append(d->rels,
			"<Relationship Id=\"rIdCore\" "
			"Type=\"http://schemas.openxmlformats.org/package/2006/"
			"relationships/metadata/core-properties\" "
			"Target=\"docProps/core.xml\"/>");
	pp_docx_rel(d, "extended-properties", "docProps/app.xml", 0, id);
	xmlFreeTextWriter(d->w);
	d->w = NULL;
	xmlBufferFree(d->buf);
	d->buf = NULL;
	docx_rels_part(d, docx_entry(pk, "_rels/.rels", 0));
	if (pp_docx_body(d, docx_entry(pk, "word/document.xml", 0), err) != 0)
		return -1;
	docx_entry_rels(d, pk, "word/_rels/document.xml.rels");
	if (docx_styles(d, docx_entry(pk, "word/styles.xml", 0), err) != 0 ||
	    docx_numbering(d, docx_entry(pk, "word/numbering.xml", 0), err) !=
		0 ||
	    docx_settings(d, docx_entry(pk, "word/settings.xml", 0), err) !=
		0 ||
	    docx_furniture(d, pk, "header1", "w:hdr", docx_header_first, err) !=
		0 ||
	    docx_furniture(d, pk, "header2", "w:hdr", docx_header_next, err) !=
		0 ||
	    docx_furniture(d, pk, "footer1", "w:ftr",
			   d->boxes ? docx_footer_boxes : docx_footer_plain,
			   err) != 0 ||
	    (d->boxes && docx_furniture(d, pk, "footer2", "w:ftr",
					docx_footer_plain, err) != 0) ||
	    docx_core(d, docx_entry(pk, "docProps/core.xml", 0), err) != 0 ||
	    docx_app(d, docx_entry(pk, "docProps/app.xml", 0), err) != 0)
		return -1;
	for (i = 0; i < d->npictures; i++) {
		char name[64];

		snprintf(name, sizeof(name), "word/media/%s",
			 d->pictures[i].name);
		if (docx_picture_bytes(d, &d->pictures[i],
				       docx_entry(pk, name, 1), err) != 0)
			return -1;
	}
	return 0;
}

int
pp_docx_write(const struct pp_doc *doc, const struct pp_charte *c,
	      const char *path, const struct pp_docx_opts *opts,
	      struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct docx d;
	struct docx_package pk = {NULL, 0};
	struct pp_odtzip *z = NULL;
	int rc = -1;
	size_t i;

	memset(&d, 0, sizeof(d));
	d.doc = doc;
	d.c = c;
	d.o = opts;
	d.boxes = doc->paraphes && c->footer.paraphes;
	if (docx_pictures_prepare(&d, err) != 0 ||
	    docx_parts(&d, &pk, err) != 0)
		goto out;
	z = pp_odtzip_open(path, "DOCX", NULL, opts->date, err);
	if (z == NULL)
		goto out;
	for (i = 0; i < pk.n; i++)
		if (pp_odtzip_add(z, pk.e[i].name, pk.e[i].data.data,
				  pk.e[i].data.len,
				  pk.e[i].stored ? PP_ODTZIP_STORE
						 : PP_ODTZIP_DEFLATE) != 0) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot write the %s: %s"), "DOCX",
				     pp_odtzip_error(z));
			goto out;
		}
	rc = pp_odtzip_close(z, err);
	z = NULL;
out:
	pp_odtzip_discard(z);
	for (i = 0; i < pk.n; i++)
		pp_buf_fini(&pk.e[i].data);
	free(pk.e);
	for (i = 0; i < d.npictures; i++)
		g_free(d.pictures[i].path);
	free(d.pictures);
	pp_images_free(d.images);
	if (d.rels != NULL)
		g_string_free(d.rels, TRUE);
	if (d.w != NULL)
		xmlFreeTextWriter(d.w);
	if (d.buf != NULL)
		xmlBufferFree(d.buf);
	return rc;
}
