/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ODT (odt.h): the XML helpers every part writes through, styles.xml from
 * the charter (named styles, fonts, page, header and footer with the
 * bloc-marque and the partner zone), meta.xml, the manifest, and the
 * package they go into (odtzip.c).  content.xml is odtcontent.c's.
 * styles.xml is one file because its parts -- page layouts, master pages,
 * the named styles, the header and footer -- name one another and are
 * written in one pass in the order ODF requires.
 */
#include <cairo.h>
#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h" /* the hyphenation's character counts */
#include "i18n.h"
#include "images.h"
#include "odt-private.h"
#include "odtzip.h"
#include "styles.h"
#include "utf8.h"
#include "xalloc.h"
#include "xmlpart.h"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_STYLE    "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
#define NS_TEXT	    "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_DRAW	    "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
#define NS_FO	    "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
#define NS_XLINK    "http://www.w3.org/1999/xlink"
#define NS_DC	    "http://purl.org/dc/elements/1.1/"
#define NS_META	    "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
#define NS_SVG	    "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"

#define ODT_MIME "application/vnd.oasis.opendocument.text"

/* styles.xml's own styles, beside the charter's: the second master page
 * and the page layout, the footer, the motto and the partner zone
 * (LibreOffice's Frame and Graphics are the zone's parents). */
#define ODT_PAGE_LAYOUT_FIRST "pm1"	 /* page 1 */
#define ODT_PAGE_LAYOUT	      "pm2"	 /* the others */
#define ODT_SPAN_DRAFT	      "T_projet" /* a draft's mark, bold */
/* The placeholder bloc-marque: its frame and its paragraphs. */
#define ODT_PLACEHOLDER_FRAME "fr_bloc_marque_provisoire"
#define ODT_PLACEHOLDER_PARA  "Emplacement_bloc_marque"
#define ODT_FOOTER_TABBED     "Pied_tabule"
/* The header's paragraphs: page 1's, holding the bloc-marque at its place;
 * the others', the running title over its rule. */
#define ODT_MARQUE_PARA	       "Entete_bloc_marque"
#define ODT_RUNNING_TITLE      "Titre_courant"
#define ODT_LOGOS_FRAME	       "fr_partenaires"
#define ODT_LOGO_FRAME	       "fr_logo"
#define ODT_LOGOS_PARAGRAPH    "P_logos"
#define ODT_LIBREOFFICE_FRAME  "Frame"
#define ODT_LIBREOFFICE_IMAGES "Graphics"

/* The page's bottom margin holds the footer, which starts at this fraction
 * of the charter's bottom margin above the page's edge. */
#define ODT_FOOTER_MARGIN_RATIO 0.5
/* The footer in handwritten mode, a table of one row: the reference, the
 * page, the charter's label for the boxes for initials and the boxes; the
 * width of the page's column, pt, the padding of a box, pt, and the
 * styles of its parts. */
#define ODT_PARAPHES_TABLE	   "Paraphes"
#define ODT_PARAPHES_PAGE_WIDTH_PT 70.0
#define ODT_PARAPHES_TEXT_CELL	   "Paraphes_texte_cellule"
#define ODT_PARAPHES_PADDING_PT	   2.0
#define ODT_PARAPHES_LABEL_CELL	   "Paraphes_libelle_cellule"
#define ODT_PARAPHES_BOX	   "Paraphes_cadre"
#define ODT_PARAPHES_LABEL	   "Paraphes_libelle"
#define ODT_PARAPHES_PARTY	   "Paraphes_partie"

/* The partner zone, without font measures: a character of its label
 * taken as this many ems wide; the share of the text width it may take;
 * the least its logos are scaled to; slack added to its width, pt. */
#define ODT_LOGOS_CHAR_EM     0.6
#define ODT_LOGOS_WIDTH_SHARE 0.55
#define ODT_LOGOS_MIN_SCALE   0.1
#define ODT_LOGOS_SLACK_PT    2.0

struct odt_logo {
	char *path;	   /* the file, resolved against doc->base_dir */
	char *name;	   /* "Pictures/logo-1.png" */
	const char *media; /* its media type */
	const char *title; /* the partner's name, or NULL */
	double w, h;	   /* pt */
	int svg;	   /* drawn into a PNG: pp_image_png */
};

/* --- XML writing --------------------------------------------------------- */

/* Whether pp_odt_text copies the character cp at p as it is: not a tab,
 * a line break (U+000A, U+2028), a control character or a noncharacter
 * (U+FFFE, U+FFFF), which it replaces or drops, nor the first of two
 * spaces, which it writes as text:s. */
static int
odt_text_plain(uint32_t cp, const char *p)
{
	return cp >= 0x20 && cp != 0x2028 && cp != 0xFFFE && cp != 0xFFFF &&
	       !(cp == ' ' && p[1] == ' ');
}

void
pp_odt_text(struct odt *o, const char *s)
{
	struct pp_buf run;
	const char *p, *plain = s; /* the plain characters not in run yet */

	pp_buf_init(&run);
	for (p = s; *p != '\0';) {
		uint32_t cp = (unsigned char)*p;
		size_t n = cp < 0x80 ? 1 : pp_utf8_next(p, &cp);

		if (odt_text_plain(cp, p)) {
			p += n;
			continue;
		}
		pp_buf_add(&run, plain, (size_t)(p - plain));
		if (cp == '\t' || cp == '\n' || cp == 0x2028) {
			xmlTextWriterWriteString(o->w,
						 BAD_CAST pp_buf_str(&run));
			pp_buf_reset(&run);
			odt_start(o,
				  cp == '\t' ? "text:tab" : "text:line-break");
			odt_end(o);
		} else if (cp == ' ') {
			size_t k = 0;

			pp_buf_addc(&run, ' ');
			while (p[1 + k] == ' ')
				k++;
			xmlTextWriterWriteString(o->w,
						 BAD_CAST pp_buf_str(&run));
			pp_buf_reset(&run);
			odt_start(o, "text:s");
			odt_attrf(o, "text:c", "%zu", k);
			odt_end(o);
			n = 1 + k;
		}
		p += n;
		plain = p;
	}
	if (plain == s) {
		/* All of s is plain, as most texts are: no copy. */
		xmlTextWriterWriteString(o->w, BAD_CAST s);
	} else {
		pp_buf_add(&run, plain, (size_t)(p - plain));
		xmlTextWriterWriteString(o->w, BAD_CAST pp_buf_str(&run));
	}
	pp_buf_fini(&run);
}

void
pp_odt_part_begin(struct odt *o, const char *root)
{
	pp_xmlpart_begin(&o->w, &o->buf, NULL);
	odt_start(o, root);
	odt_attr(o, "xmlns:office", NS_OFFICE);
	odt_attr(o, "xmlns:style", NS_STYLE);
	odt_attr(o, "xmlns:text", NS_TEXT);
	odt_attr(o, "xmlns:table", NS_TABLE);
	odt_attr(o, "xmlns:draw", NS_DRAW);
	odt_attr(o, "xmlns:fo", NS_FO);
	odt_attr(o, "xmlns:xlink", NS_XLINK);
	odt_attr(o, "xmlns:dc", NS_DC);
	odt_attr(o, "xmlns:meta", NS_META);
	odt_attr(o, "xmlns:svg", NS_SVG);
	odt_attr(o, "office:version", "1.3");
}

int
pp_odt_part_finish(struct odt *o, struct pp_buf *out, const char *part,
		   struct pp_error *err)
{
	int failed = o->write_failed;

	o->write_failed = 0;
	return pp_xmlpart_finish(&o->w, &o->buf, failed, "ODT", part, out, err);
}

/* --- Styles -------------------------------------------------------------- */

static const char *
odt_family(struct odt *o, const char *list)
{
	static char first[128];
	size_t n;

	if (o->o->family != NULL)
		return o->o->family(o->o->family_data, list);
	n = strcspn(list, ",");
	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, list, n);
	first[n] = '\0';
	return first;
}

static void
odt_color_attr(struct odt *o, const char *name, const struct pp_color *c)
{
	char hex[8];

	odt_color_hex(c, hex);
	odt_attr(o, name, hex);
}

static const char *
odt_align(enum pp_align a)
{
	switch (a) {
	case PP_ALIGN_LEFT:
		return "start";
	case PP_ALIGN_CENTER:
		return "center";
	case PP_ALIGN_RIGHT:
		return "end";
	case PP_ALIGN_JUSTIFY:
		return "justify";
	}
	return "start";
}

/* One named paragraph style from the charter. */
static void
odt_paragraph_style(struct odt *o, const struct pp_style *st)
{
	odt_start(o, "style:style");
	odt_attr(o, "style:name", st->name);
	odt_attr(o, "style:display-name", st->label ? st->label : st->name);
	odt_attr(o, "style:family", "paragraph");
	if (strcmp(st->name, PP_STYLE_BODY) != 0)
		odt_attr(o, "style:parent-style-name", PP_STYLE_BODY);
	if (strcmp(st->name, PP_STYLE_ARTICLE_TITLE) == 0 ||
	    strcmp(st->name, PP_STYLE_SUBHEADING) == 0)
		odt_attrf(o, "style:default-outline-level", "%d",
			  strcmp(st->name, PP_STYLE_SUBHEADING) == 0
			      ? ODT_LEVEL_SUBHEADING
			      : ODT_LEVEL_ARTICLE);
	odt_start(o, "style:paragraph-properties");
	odt_attrf(o, "fo:margin-top", "%.2fpt", st->space_before);
	odt_attrf(o, "fo:margin-bottom", "%.2fpt", st->space_after);
	odt_attrf(o, "fo:margin-left", "%.2fpt", st->indent);
	/* The PDF's lines are line_height times the size apart whatever
	 * the font; a percentage would be of the font's own line height. */
	odt_attrf(o, "fo:line-height", "%.2fpt", st->size * st->line_height);
	odt_attr(o, "fo:text-align", odt_align(st->align));
	if (st->hyphenate)
		odt_attrf(o, "fo:hyphenation-ladder-count", "%d",
			  PP_HYPHEN_LADDER_MAX);
	odt_attrf(o, "fo:widows", "%d", PP_MIN_LINES_AT_BREAK);
	odt_attrf(o, "fo:orphans", "%d", PP_MIN_LINES_AT_BREAK);
	if (st->keep_with_next)
		odt_attr(o, "fo:keep-with-next", "always");
	if (st->has_background)
		odt_color_attr(o, "fo:background-color", &st->background);
	odt_end(o);
	odt_start(o, "style:text-properties");
	odt_attr(o, "style:font-name", odt_family(o, st->families));
	odt_attrf(o, "fo:font-size", "%.1fpt", st->size);
	odt_attr(o, "fo:font-weight", st->bold ? "bold" : "normal");
	odt_attr(o, "fo:font-style", st->italic ? "italic" : "normal");
	odt_color_attr(o, "fo:color", &st->color);
	if (st->uppercase)
		odt_attr(o, "fo:text-transform", "uppercase");
	odt_attr(o, "fo:language", "fr");
	odt_attr(o, "fo:country", "FR");
	odt_attr(o, "fo:hyphenate", st->hyphenate ? "true" : "false");
	if (st->hyphenate) {
		odt_attrf(o, "fo:hyphenation-remain-char-count", "%d",
			  PP_HYPHEN_LHMIN);
		odt_attrf(o, "fo:hyphenation-push-char-count", "%d",
			  PP_HYPHEN_RHMIN);
	}
	odt_end(o);
	odt_end(o);
}

static void
odt_text_style(struct odt *o, const char *name, int bold, int italic)
{
	odt_start(o, "style:style");
	odt_attr(o, "style:name", name);
	odt_attr(o, "style:family", "text");
	odt_start(o, "style:text-properties");
	if (bold)
		odt_attr(o, "fo:font-weight", "bold");
	if (italic)
		odt_attr(o, "fo:font-style", "italic");
	odt_end(o);
	odt_end(o);
}

/* The files of a family inside its style:font-face, so that a partner
 * without the fonts sees the document as it was set. */
static void
odt_embed_family(struct odt *o, const char *fam)
{
	char **files = o->o->font_files(o->o->family_data, fam);
	int i, any = 0;

	for (i = 0; files != NULL && files[i] != NULL; i++) {
		char *base = g_path_get_basename(files[i]);
		char *name = g_strdup_printf("Fonts/%s", base);
		guint k;
		int dup = 0;

		g_free(base);
		if (!g_str_has_suffix(name, ".ttf") &&
		    !g_str_has_suffix(name, ".otf")) {
			g_free(name);
			continue;
		}
		for (k = 0; k < o->font_names->len; k++)
			dup |= strcmp(o->font_names->pdata[k], name) == 0;
		if (!dup) {
			g_ptr_array_add(o->font_names, g_strdup(name));
			g_ptr_array_add(o->font_files, g_strdup(files[i]));
		}
		if (!any)
			odt_start(o, "svg:font-face-src");
		any = 1;
		odt_start(o, "svg:font-face-uri");
		odt_attr(o, "xlink:href", name);
		odt_attr(o, "xlink:type", "simple");
		odt_start(o, "svg:font-face-format");
		odt_attr(o, "svg:string",
			 g_str_has_suffix(name, ".otf") ? "opentype"
							: "truetype");
		odt_end(o);
		odt_end(o);
		g_free(name);
	}
	if (any)
		odt_end(o);
	g_strfreev(files);
}

static void
odt_font_faces(struct odt *o)
{
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	size_t i;

	odt_start(o, "office:font-face-decls");
	for (i = 0; i < o->c->nstyles; i++) {
		const char *fam = odt_family(o, o->c->styles[i].families);
		char *quoted;

		if (g_hash_table_contains(seen, fam))
			continue;
		fam = g_intern_string(fam);
		g_hash_table_add(seen, (gpointer)fam);
		odt_start(o, "style:font-face");
		odt_attr(o, "style:name", fam);
		quoted = g_strdup_printf("'%s'", fam);
		odt_attr(o, "svg:font-family", quoted);
		g_free(quoted);
		odt_attr(o, "style:font-family-generic",
			 strstr(fam, "Serif") != NULL ||
				 strstr(fam, "Spectral") != NULL
			     ? "roman"
			     : "swiss");
		odt_attr(o, "style:font-pitch", "variable");
		if (o->c->embed_odt_fonts && o->o->font_files != NULL)
			odt_embed_family(o, fam);
		odt_end(o);
	}
	odt_end(o);
	g_hash_table_destroy(seen);
}

/* --- Partner logos ---------------------------------------------------------
 *
 * In the first-page header, right of the bloc-marque as in the PDF: a frame
 * anchored to the header's first paragraph, at its top right, holding the
 * label and the logos side by side, each as high as the charter's
 * partners.max_logo_height allows without the zone growing taller than the
 * bloc-marque (aspect ratios kept).  Each file goes into the package as
 * Pictures/logo-N.ext. */

static void
odt_logos_free(struct odt *o)
{
	size_t i;

	if (o->font_files != NULL) {
		g_ptr_array_free(o->font_files, TRUE);
		g_ptr_array_free(o->font_names, TRUE);
		o->font_files = o->font_names = NULL;
	}
	for (i = 0; i < o->nlogos; i++) {
		g_free(o->logos[i].path);
		g_free(o->logos[i].name);
	}
	free(o->logos);
	o->logos = NULL;
	o->nlogos = 0;
	pp_images_free(o->images);
	o->images = NULL;
}

/* The bloc-marque's picture: the placeholder PNG, or the charter's official
 * artwork, read like the layout reads it (images.h): its kind from its
 * bytes, not its name, and its proportions, which the frame keeps as the
 * PDF does (the charter forbids changing them).  -1 with err filled, at the
 * file's name, when the artwork cannot be used. */
static int
odt_artwork_prepare(struct odt *o, struct pp_error *err)
{
	const struct pp_charte *c = o->c;
	enum pp_image_kind kind = PP_IMAGE_PNG;
	double w = PP_MARQUE_ARTWORK_RATIO, h = 1;

	if (c->marque.artwork != NULL) {
		if (o->images == NULL)
			o->images = pp_images_new();
		if (pp_images_load(o->images, c->marque.artwork, &kind, &w, &h,
				   err) != 0)
			return -1;
		o->artwork_width = c->marque.height * w / h;
		/* An SVG enters the ODT as the PNG of what the PDF draws. */
		o->artwork_svg = kind == PP_IMAGE_SVG;
		if (o->artwork_svg)
			kind = PP_IMAGE_PNG;
	}
	snprintf(o->artwork_name, sizeof(o->artwork_name),
		 "Pictures/bloc-marque.%s", pp_image_extension(kind));
	o->artwork_mime = pp_image_media_type(kind);
	return 0;
}

/* Finds the logos, reads their sizes and sets the zone's geometry; -1 with
 * err filled (naming the file) when one cannot be read. */
static int
odt_logos_prepare(struct odt *o, struct pp_error *err)
{
	const struct pp_charte *c = o->c;
	const struct pp_style *st = pp_charte_style(c, PP_STYLE_PARTNERS_LABEL);
	const struct pp_node *zone, *n;
	double label_h = 0, h, sum = 0, total, room, sep, label_w = 0;
	size_t i, count = 0;

	for (zone = o->doc->root->first; zone != NULL; zone = zone->next)
		if (zone->kind == PP_NODE_LOGOS)
			break;
	if (zone == NULL)
		return 0;
	for (n = zone->first; n != NULL; n = n->next)
		count += n->kind == PP_NODE_LOGO;
	if (count == 0)
		return 0;
	if (o->images == NULL)
		o->images = pp_images_new();
	o->logos = pp_xcalloc(count, sizeof(*o->logos));
	o->logos_label = pp_partners_label(c, zone->title);
	if (o->logos_label != NULL) {
		label_h = st->size * st->line_height + st->space_after;
		/* No font measure here: a generous estimate. */
		label_w = (double)g_utf8_strlen(o->logos_label, -1) * st->size *
			  ODT_LOGOS_CHAR_EM;
	}
	h = c->partners.max_logo_height;
	if (h > c->marque.height - label_h)
		h = c->marque.height - label_h;
	for (n = zone->first; n != NULL; n = n->next) {
		struct odt_logo *lg = &o->logos[o->nlogos];
		const char *href = n->href != NULL ? n->href : "";
		enum pp_image_kind kind;
		double w0, h0;

		if (n->kind != PP_NODE_LOGO)
			continue;
		lg->path = g_path_is_absolute(href) ||
				   o->doc->base_dir == NULL ||
				   strcmp(o->doc->base_dir, ".") == 0
			       ? g_strdup(href)
			       : g_build_filename(o->doc->base_dir, href, NULL);
		o->nlogos++;
		if (pp_images_load(o->images, lg->path, &kind, &w0, &h0, err) !=
		    0)
			return -1;
		/* An SVG enters the ODT as the PNG of what the PDF draws. */
		lg->svg = kind == PP_IMAGE_SVG;
		if (lg->svg)
			kind = PP_IMAGE_PNG;
		lg->media = pp_image_media_type(kind);
		lg->name = g_strdup_printf("Pictures/logo-%zu.%s", o->nlogos,
					   pp_image_extension(kind));
		lg->title = n->title;
		lg->h = h;
		lg->w = h * w0 / h0;
		sum += lg->w;
	}
	/* The right half of the text width, or so, is the partners'. */
	sep = pp_logo_separation(c);
	room = (c->page_width - c->margin_left - c->margin_right) *
	       ODT_LOGOS_WIDTH_SHARE;
	total = sum + sep * (double)(o->nlogos - 1);
	if (total > room && sum > 0) {
		double scale = (room - sep * (double)(o->nlogos - 1)) / sum;

		if (scale < ODT_LOGOS_MIN_SCALE)
			scale = ODT_LOGOS_MIN_SCALE;
		for (i = 0; i < o->nlogos; i++) {
			o->logos[i].w *= scale;
			o->logos[i].h *= scale;
		}
		total = sum * scale + sep * (double)(o->nlogos - 1);
	}
	/* Each logo is preceded by sep of room, the first one too. */
	o->logos_width = (total + sep > label_w ? total + sep : label_w) +
			 ODT_LOGOS_SLACK_PT;
	return 0;
}

/* The zone's frame, written at the start of the header's first paragraph. */
static void
odt_logos_frame(struct odt *o)
{
	size_t i;
	double h = 0;

	if (o->nlogos == 0)
		return;
	for (i = 0; i < o->nlogos; i++)
		if (o->logos[i].h > h)
			h = o->logos[i].h;
	odt_start(o, "draw:frame");
	odt_attr(o, "draw:style-name", ODT_LOGOS_FRAME);
	odt_attr(o, "draw:name", "partenaires");
	odt_attr(o, "text:anchor-type", "paragraph");
	odt_attrf(o, "svg:width", "%.2fpt", o->logos_width);
	odt_attr(o, "draw:z-index", "0");
	odt_start(o, "draw:text-box");
	odt_attrf(o, "fo:min-height", "%.2fpt", h);
	if (o->logos_label != NULL) {
		odt_start(o, "text:p");
		odt_attr(o, "text:style-name", PP_STYLE_PARTNERS_LABEL);
		pp_odt_text(o, o->logos_label);
		odt_end(o);
	}
	odt_start(o, "text:p");
	odt_attr(o, "text:style-name", ODT_LOGOS_PARAGRAPH);
	for (i = 0; i < o->nlogos; i++) {
		char name[32];

		snprintf(name, sizeof(name), "logo-%zu", i + 1);
		odt_start(o, "draw:frame");
		odt_attr(o, "draw:style-name", ODT_LOGO_FRAME);
		odt_attr(o, "draw:name", name);
		odt_attr(o, "text:anchor-type", "as-char");
		odt_attrf(o, "svg:width", "%.2fpt", o->logos[i].w);
		odt_attrf(o, "svg:height", "%.2fpt", o->logos[i].h);
		odt_start(o, "draw:image");
		odt_attr(o, "xlink:href", o->logos[i].name);
		odt_attr(o, "xlink:type", "simple");
		odt_attr(o, "xlink:show", "embed");
		odt_attr(o, "xlink:actuate", "onLoad");
		odt_end(o);
		if (o->logos[i].title != NULL) {
			odt_start(o, "svg:title");
			pp_odt_text(o, o->logos[i].title);
			odt_end(o);
		}
		odt_end(o);
	}
	odt_end(o); /* text:p */
	odt_end(o); /* draw:text-box */
	odt_end(o); /* draw:frame */
}

/* Opens the style name of family, derived from parent, and its element of
 * properties (style:paragraph-properties...); two odt_end() close them. */
static void
odt_style_begin(struct odt *o, const char *name, const char *family,
		const char *parent, const char *properties)
{
	odt_start(o, "style:style");
	odt_attr(o, "style:name", name);
	odt_attr(o, "style:family", family);
	odt_attr(o, "style:parent-style-name", parent);
	odt_start(o, properties);
}

/* The automatic styles of the placeholder bloc-marque (styles.xml, beside
 * the header): a grey frame, after LibreOffice's "Frame" so that it keeps
 * its box, and its centred label. */
static void
odt_placeholder_styles(struct odt *o)
{
	struct pp_color fill = pp_placeholder_color(o->c);
	struct pp_color line = pp_table_border_color(o->c);
	struct pp_style label = pp_placeholder_style(o->c);
	char hex[8];

	if (o->c->marque.artwork != NULL)
		return;
	odt_style_begin(o, ODT_PLACEHOLDER_FRAME, "graphic",
			ODT_LIBREOFFICE_FRAME, "style:graphic-properties");
	odt_attr(o, "style:vertical-pos", "top");
	odt_attr(o, "style:vertical-rel", "line");
	odt_attr(o, "fo:margin-left", "0pt");
	odt_attr(o, "fo:margin-right", "0pt");
	odt_attr(o, "fo:padding", "0pt");
	odt_color_hex(&line, hex);
	odt_attrf(o, "fo:border", "%gpt solid %s", PP_PLACEHOLDER_BORDER_PT,
		  hex);
	odt_color_hex(&fill, hex);
	odt_attr(o, "fo:background-color", hex);
	odt_attr(o, "draw:fill", "solid");
	odt_attr(o, "draw:fill-color", hex);
	odt_attr(o, "draw:textarea-vertical-align", "middle");
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_PLACEHOLDER_PARA);
	odt_attr(o, "style:family", "paragraph");
	odt_attr(o, "style:parent-style-name", PP_STYLE_NOTICE);
	odt_start(o, "style:paragraph-properties");
	odt_attr(o, "fo:text-align", "center");
	odt_attr(o, "fo:margin-top", "0pt");
	odt_attr(o, "fo:margin-bottom", "0pt");
	odt_attr(o, "fo:margin-left", "0pt");
	odt_attr(o, "fo:margin-right", "0pt");
	odt_end(o);
	odt_start(o, "style:text-properties");
	odt_attrf(o, "fo:font-size", "%.1fpt", label.size);
	odt_attr(o, "fo:font-weight", "normal");
	odt_attr(o, "fo:font-style", "normal");
	odt_end(o);
	odt_end(o);
}

/* LibreOffice's own frame and picture styles, which the zone's frames
 * must derive from: without "Frame" as parent, LibreOffice 7.4 reads the
 * text box in a header as a drawing shape and drops its styles; without
 * "Graphics", it does not show a picture inside the box. */
static void
odt_logos_common_styles(struct odt *o)
{
	/* the partner zone's frame, and the placeholder's */
	if (o->nlogos == 0 && o->c->marque.artwork != NULL)
		return;
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_LIBREOFFICE_FRAME);
	odt_attr(o, "style:family", "graphic");
	odt_start(o, "style:graphic-properties");
	odt_attr(o, "fo:padding", "0pt");
	odt_attr(o, "fo:border", "none");
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_LIBREOFFICE_IMAGES);
	odt_attr(o, "style:family", "graphic");
	odt_end(o);
}

/* The automatic styles the zone uses (in styles.xml, beside the header). */
static void
odt_logos_styles(struct odt *o)
{
	if (o->nlogos == 0)
		return;
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_LOGOS_FRAME);
	odt_attr(o, "style:family", "graphic");
	odt_attr(o, "style:parent-style-name", ODT_LIBREOFFICE_FRAME);
	odt_start(o, "style:graphic-properties");
	odt_attr(o, "style:wrap", "run-through");
	odt_attr(o, "style:run-through", "foreground");
	odt_attr(o, "style:vertical-pos", "top");
	odt_attr(o, "style:vertical-rel", "paragraph");
	odt_attr(o, "style:horizontal-pos", "right");
	odt_attr(o, "style:horizontal-rel", "paragraph");
	odt_attr(o, "fo:margin-left", "0pt");
	odt_attr(o, "fo:margin-right", "0pt");
	odt_attr(o, "fo:margin-top", "0pt");
	odt_attr(o, "fo:margin-bottom", "0pt");
	odt_attr(o, "fo:padding", "0pt");
	odt_attr(o, "fo:border", "none");
	odt_attr(o, "draw:fill", "none");
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_LOGO_FRAME);
	odt_attr(o, "style:family", "graphic");
	odt_attr(o, "style:parent-style-name", ODT_LIBREOFFICE_IMAGES);
	odt_start(o, "style:graphic-properties");
	odt_attr(o, "style:vertical-pos", "top");
	odt_attr(o, "style:vertical-rel", "line");
	/* The room before each logo: the last one ends at the zone's right
	 * edge, the text's, as in the PDF. */
	odt_attrf(o, "fo:margin-left", "%.2fpt", pp_logo_separation(o->c));
	odt_attr(o, "fo:margin-right", "0pt");
	odt_attr(o, "fo:padding", "0pt");
	odt_attr(o, "fo:border", "none");
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_LOGOS_PARAGRAPH);
	odt_attr(o, "style:family", "paragraph");
	odt_attr(o, "style:parent-style-name", PP_STYLE_PARTNERS_LABEL);
	odt_start(o, "style:paragraph-properties");
	odt_attr(o, "fo:text-align", "end");
	odt_attr(o, "fo:margin-top", "0pt");
	odt_attr(o, "fo:margin-bottom", "0pt");
	odt_attr(o, "fo:line-height", "100%");
	odt_end(o);
	odt_end(o);
}

/* The official bloc-marque: the charter's artwork, at its proportions. */
static void
odt_artwork_frame(struct odt *o)
{
	odt_start(o, "draw:frame");
	odt_attr(o, "draw:name", "bloc-marque");
	odt_attr(o, "text:anchor-type", "as-char");
	odt_attrf(o, "svg:width", "%.2fpt", o->artwork_width);
	odt_attrf(o, "svg:height", "%.2fpt", o->c->marque.height);
	odt_start(o, "draw:image");
	odt_attr(o, "xlink:href", o->artwork_name);
	odt_attr(o, "xlink:type", "simple");
	odt_attr(o, "xlink:show", "embed");
	odt_attr(o, "xlink:actuate", "onLoad");
	odt_end(o);
	odt_start(o, "svg:title");
	pp_odt_text(o, "Bloc-marque");
	odt_end(o);
	odt_end(o);
}

/* Without artwork, as the PDF draws it (DOMAIN §5.5): a grey box as high
 * as the bloc-marque reading « Emplacement du bloc-marque officiel », no
 * picture, neither title nor motto. */
static void
odt_placeholder_frame(struct odt *o)
{
	double h = o->c->marque.height;

	odt_start(o, "draw:frame");
	odt_attr(o, "draw:style-name", ODT_PLACEHOLDER_FRAME);
	odt_attr(o, "draw:name", "bloc-marque");
	odt_attr(o, "text:anchor-type", "as-char");
	odt_attrf(o, "svg:width", "%.2fpt", h * PP_MARQUE_PLACEHOLDER_RATIO);
	odt_attrf(o, "svg:height", "%.2fpt", h);
	odt_start(o, "draw:text-box");
	odt_start(o, "text:p");
	odt_attr(o, "text:style-name", ODT_PLACEHOLDER_PARA);
	pp_odt_text(o, PP_PLACEHOLDER_LINE1);
	odt_start(o, "text:line-break");
	odt_end(o);
	pp_odt_text(o, PP_PLACEHOLDER_LINE2);
	odt_end(o);
	odt_end(o); /* draw:text-box */
	odt_start(o, "svg:title");
	pp_odt_text(o, PP_PLACEHOLDER_TEXT);
	odt_end(o);
	odt_end(o); /* draw:frame */
}

/* The charter's pagination ("Page {page} / {pages}") with fields in place,
 * inside the paragraph open. */
static void
odt_pagination(struct odt *o)
{
	/* "Page {page} / {pages}" with fields in place. */
	const char *p = o->c->footer.pagination;

	while (*p != '\0') {
		const char *f1 = strstr(p, PP_FIELD_PAGE);
		const char *f2 = strstr(p, PP_FIELD_PAGES);
		const char *f = f1 != NULL && (f2 == NULL || f1 < f2) ? f1 : f2;
		char *lit;

		if (f == NULL) {
			pp_odt_text(o, p);
			break;
		}
		lit = g_strndup(p, (gsize)(f - p));
		pp_odt_text(o, lit);
		g_free(lit);
		if (f == f1) {
			odt_start(o, "text:page-number");
			odt_attr(o, "text:select-page", "current");
			pp_odt_text(o, "1");
			odt_end(o);
			p = f + strlen(PP_FIELD_PAGE);
		} else {
			odt_start(o, "text:page-count");
			pp_odt_text(o, "1");
			odt_end(o);
			p = f + strlen(PP_FIELD_PAGES);
		}
	}
}

/* A draft's mark, as in the PDF: on the footer's next line, at the left,
 * in bold. */
static void
odt_draft_mark(struct odt *o)
{
	if (!o->doc->draft)
		return;
	odt_start(o, "text:line-break");
	odt_end(o);
	odt_start(o, "text:span");
	odt_attr(o, "text:style-name", ODT_SPAN_DRAFT);
	pp_odt_text(o, PP_DRAFT_MARK);
	odt_end(o);
}

/* Opens a cell of the footer's table in style cell and a paragraph in it
 * in style para; two odt_end() close them. */
static void
odt_footer_cell(struct odt *o, const char *cell, const char *para)
{
	odt_start(o, "table:table-cell");
	odt_attr(o, "table:style-name", cell);
	odt_attr(o, "office:value-type", "string");
	odt_start(o, "text:p");
	odt_attr(o, "text:style-name", para);
}

/* The signature block's parties, or NULL. */
static const struct pp_node *
odt_signatures(const struct odt *o)
{
	const struct pp_node *n;

	for (n = o->doc->root->first; n != NULL; n = n->next)
		if (n->kind == PP_NODE_SIGNATURES)
			return n;
	return NULL;
}

/* The footer in handwritten mode, as the PDF's: a table of the
 * reference, the page, the charter's label, then one bordered box per
 * party at the right, with its paraphe label at the top; first: in the
 * first page's master. */
static void
odt_paraphes(struct odt *o, int first)
{
	const struct pp_node *sig = odt_signatures(o), *party = NULL;
	size_t n = 0, k;

	if (sig != NULL)
		for (party = sig->first; party != NULL; party = party->next)
			n++;
	if (n == 0)
		n = PP_PARAPHE_DEFAULT_BOXES;
	party = sig != NULL ? sig->first : NULL;
	odt_start(o, "table:table");
	/* Table names are unique in a document. */
	odt_attrf(o, "table:name", "%s%d", ODT_PARAPHES_TABLE, first ? 1 : 2);
	odt_attr(o, "table:style-name", ODT_PARAPHES_TABLE);
	/* A: reference, B: page, C: label, then D, a box, and E, the gap
	 * between two. */
	for (k = 0; k < 3 + 2 * n - 1; k++) {
		odt_start(o, "table:table-column");
		odt_attrf(o, "table:style-name", ODT_PARAPHES_TABLE ".%c",
			  k < 3	       ? (int)('A' + k)
			  : k % 2 == 1 ? 'D'
				       : 'E');
		odt_end(o);
	}
	odt_start(o, "table:table-row");
	odt_attr(o, "table:style-name", ODT_PARAPHES_TABLE ".1");
	/* The reference, the page, the label, as the PDF sets them. */
	odt_footer_cell(o, ODT_PARAPHES_TEXT_CELL, ODT_FOOTER_TABBED);
	if (o->doc->reference != NULL)
		pp_odt_text(o, o->doc->reference);
	odt_draft_mark(o);
	odt_end(o);
	odt_end(o);
	odt_footer_cell(o, ODT_PARAPHES_TEXT_CELL, ODT_PARAPHES_LABEL);
	odt_pagination(o);
	odt_end(o);
	odt_end(o);
	odt_footer_cell(o, ODT_PARAPHES_LABEL_CELL, ODT_PARAPHES_LABEL);
	pp_odt_text(o, o->c->footer.paraphe_label);
	odt_end(o);
	odt_end(o);
	for (k = 0; k < n; k++) {
		if (k > 0) {
			odt_footer_cell(o, ODT_PARAPHES_TEXT_CELL,
					ODT_PARAPHES_PARTY);
			odt_end(o);
			odt_end(o);
		}
		odt_footer_cell(o, ODT_PARAPHES_BOX, ODT_PARAPHES_PARTY);
		if (party != NULL && party->text != NULL)
			pp_odt_text(o, party->text);
		odt_end(o);
		odt_end(o);
		if (party != NULL)
			party = party->next;
	}
	odt_end(o);
	odt_end(o);
}

/* A cell style of the footer's table: padding, pt, and on its right. */
static void
odt_paraphes_cell_style(struct odt *o, const char *name, const char *valign,
			const char *border, double padding, double right)
{
	odt_start(o, "style:style");
	odt_attr(o, "style:name", name);
	odt_attr(o, "style:family", "table-cell");
	odt_start(o, "style:table-cell-properties");
	odt_attr(o, "style:vertical-align", valign);
	odt_attrf(o, "fo:padding", "%gpt", padding);
	odt_attrf(o, "fo:padding-right", "%gpt", right);
	odt_attr(o, "fo:border", border);
	odt_end(o);
	odt_end(o);
}

/* The automatic styles of that table, in styles.xml. */
static void
odt_paraphes_styles(struct odt *o)
{
	const struct pp_style *foot = pp_charte_style(o->c, PP_STYLE_FOOTER);
	const struct pp_node *sig = odt_signatures(o), *party;
	const double bw = PP_MM_TO_PT(PP_PARAPHE_BOX_WIDTH_MM);
	const double text =
	    o->c->page_width - o->c->margin_left - o->c->margin_right;
	double widths[5]; /* pt: reference, page, label, a box, a gap */
	size_t n = 0, k;
	char hex[8], border[40];

	if (sig != NULL)
		for (party = sig->first; party != NULL; party = party->next)
			n++;
	if (n == 0)
		n = PP_PARAPHE_DEFAULT_BOXES;
	odt_color_hex(&foot->color, hex);
	/* As the PDF: the page number ends a gap left of the label, which
	 * ends a gap left of the boxes, a gap apart. */
	widths[4] = PP_PARAPHE_GAP_PT;
	widths[3] = bw;
	widths[2] = PP_PARAPHE_LABEL_WIDTH_PT + 2 * PP_PARAPHE_GAP_PT;
	widths[1] = ODT_PARAPHES_PAGE_WIDTH_PT;
	widths[0] = text - widths[1] - widths[2] - (double)n * bw -
		    (double)(n - 1) * PP_PARAPHE_GAP_PT;
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_PARAPHES_TABLE);
	odt_attr(o, "style:family", "table");
	odt_start(o, "style:table-properties");
	odt_attrf(o, "style:width", "%.2fpt", text);
	odt_attr(o, "table:align", "margins");
	odt_end(o);
	odt_end(o);
	for (k = 0; k < 5; k++) {
		odt_start(o, "style:style");
		odt_attrf(o, "style:name", ODT_PARAPHES_TABLE ".%c",
			  (int)('A' + k));
		odt_attr(o, "style:family", "table-column");
		odt_start(o, "style:table-column-properties");
		odt_attrf(o, "style:column-width", "%.2fpt", widths[k]);
		odt_end(o);
		odt_end(o);
	}
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_PARAPHES_TABLE ".1");
	odt_attr(o, "style:family", "table-row");
	odt_start(o, "style:table-row-properties");
	odt_attrf(o, "style:min-row-height", "%gmm", PP_PARAPHE_BOX_HEIGHT_MM);
	odt_end(o);
	odt_end(o);
	odt_paraphes_cell_style(o, ODT_PARAPHES_TEXT_CELL, "top", "none", 0, 0);
	odt_paraphes_cell_style(o, ODT_PARAPHES_LABEL_CELL, "middle", "none", 0,
				PP_PARAPHE_GAP_PT);
	snprintf(border, sizeof(border), "%gpt solid %s", PP_TABLE_BORDER_PT,
		 hex);
	odt_paraphes_cell_style(o, ODT_PARAPHES_BOX, "top", border,
				ODT_PARAPHES_PADDING_PT,
				ODT_PARAPHES_PADDING_PT);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_PARAPHES_LABEL);
	odt_attr(o, "style:family", "paragraph");
	odt_attr(o, "style:parent-style-name", PP_STYLE_FOOTER);
	odt_start(o, "style:paragraph-properties");
	odt_attr(o, "fo:text-align", "end");
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_PARAPHES_PARTY);
	odt_attr(o, "style:family", "paragraph");
	odt_attr(o, "style:parent-style-name", PP_STYLE_FOOTER);
	odt_start(o, "style:paragraph-properties");
	odt_attr(o, "fo:text-align", "center");
	odt_end(o);
	odt_end(o);
}

/* Header and footer of a master page; paraphes: with the boxes for
 * initials. */
static void
odt_furniture(struct odt *o, int first, int paraphes)
{
	const struct pp_charte *c = o->c;

	odt_start(o, "style:header");
	if (first) {
		odt_start(o, "text:p");
		odt_attr(o, "text:style-name", ODT_MARQUE_PARA);
		odt_logos_frame(o);
		if (c->marque.artwork != NULL)
			odt_artwork_frame(o);
		else
			odt_placeholder_frame(o);
		odt_end(o);
	} else {
		int title = c->header.running_title && o->doc->title != NULL;

		odt_start(o, "text:p");
		odt_attr(o, "text:style-name",
			 title ? ODT_RUNNING_TITLE : PP_STYLE_HEADER);
		if (title)
			pp_odt_text(o, o->doc->title);
		odt_end(o);
	}
	odt_end(o);
	odt_start(o, "style:footer");
	if (paraphes) {
		odt_paraphes(o, first);
	} else {
		odt_start(o, "text:p");
		/* As in the PDF: the reference on the left, the page on the
		 * right. */
		odt_attr(o, "text:style-name", ODT_FOOTER_TABBED);
		if (o->doc->reference != NULL)
			pp_odt_text(o, o->doc->reference);
		odt_start(o, "text:tab");
		odt_end(o);
		odt_pagination(o);
		odt_draft_mark(o);
		odt_end(o);
	}
	odt_end(o);
}

/* The page's bottom margin under the footer, pt: the text area ends where
 * the PDF's does, the boxes for initials, when drawn, reaching into the
 * charter's margin as in the PDF. */
static double
odt_footer_margin(const struct odt *o)
{
	const struct pp_charte *c = o->c;
	double m = c->margin_bottom * ODT_FOOTER_MARGIN_RATIO;
	double boxes = c->margin_bottom - PP_FOOTER_GAP_PT -
		       PP_MM_TO_PT(PP_PARAPHE_BOX_HEIGHT_MM);

	const struct pp_style *foot = pp_charte_style(c, PP_STYLE_FOOTER);

	if (o->doc->paraphes && c->footer.paraphes) {
		if (boxes < m)
			m = boxes > 0 ? boxes : 0;
	} else if (o->doc->draft) {
		/* The draft's mark takes a line of the footer. */
		m -= foot->size * foot->line_height;
		if (m < 0)
			m = 0;
	}
	return m;
}

/* The header's paragraph styles: page 1's, whose line grows to the
 * bloc-marque's height (a fixed line height would clip it) and starts at
 * the bloc-marque's left edge, the PDF's; the others', the running title
 * with the PDF's rule PP_HEADER_RULE_RISE_PT above the text area. */
static void
odt_header_styles(struct odt *o)
{
	const struct pp_charte *c = o->c;
	const struct pp_style *head = pp_charte_style(c, PP_STYLE_HEADER);
	double pad = PP_RUNNING_TITLE_RISE_PT - PP_HEADER_RULE_RISE_PT -
		     head->size * head->line_height - PP_HEADER_RULE_PT;
	char hex[8];

	odt_style_begin(o, ODT_MARQUE_PARA, "paragraph", PP_STYLE_MARQUE,
			"style:paragraph-properties");
	odt_attr(o, "fo:margin-top", "0pt");
	odt_attr(o, "fo:margin-bottom", "0pt");
	odt_attr(o, "fo:line-height", "100%");
	odt_attrf(o, "fo:margin-left", "%.2fpt", c->marque.x - c->margin_left);
	odt_end(o);
	odt_end(o);
	odt_style_begin(o, ODT_RUNNING_TITLE, "paragraph", PP_STYLE_HEADER,
			"style:paragraph-properties");
	odt_attr(o, "fo:margin-top", "0pt");
	odt_attr(o, "fo:margin-bottom", "0pt");
	odt_attrf(o, "fo:padding-bottom", "%.2fpt", pad > 0 ? pad : 0);
	odt_color_hex(&head->color, hex);
	odt_attrf(o, "fo:border-bottom", "%gpt solid %s", PP_HEADER_RULE_PT,
		  hex);
	odt_end(o);
	odt_end(o);
}

/*
 * A page layout whose text area is the PDF's, whatever the header and the
 * footer hold: both have a fixed height (svg:height, their spacing
 * included), so that the text starts where the PDF's does (pp_body_top:
 * below the bloc-marque on page 1, first; the charter's margin on the
 * others, the running title PP_RUNNING_TITLE_RISE_PT above it) and ends at
 * the charter's bottom margin, the footer PP_FOOTER_GAP_PT below it.
 */
static void
odt_page_layout(struct odt *o, const char *name, int first)
{
	const struct pp_charte *c = o->c;
	double body = pp_body_top(c, first, 1);
	double top =
	    first ? c->marque.y : c->margin_top - PP_RUNNING_TITLE_RISE_PT;
	double bottom = odt_footer_margin(o);

	if (top < 0)
		top = 0;
	if (top > body)
		top = body;
	odt_start(o, "style:page-layout");
	odt_attr(o, "style:name", name);
	odt_start(o, "style:page-layout-properties");
	odt_attrf(o, "fo:page-width", "%.2fpt", c->page_width);
	odt_attrf(o, "fo:page-height", "%.2fpt", c->page_height);
	odt_attr(o, "style:print-orientation", "portrait");
	odt_attrf(o, "fo:margin-top", "%.2fpt", top);
	odt_attrf(o, "fo:margin-bottom", "%.2fpt", bottom);
	odt_attrf(o, "fo:margin-left", "%.2fpt", c->margin_left);
	odt_attrf(o, "fo:margin-right", "%.2fpt", c->margin_right);
	odt_end(o);
	odt_start(o, "style:header-style");
	odt_start(o, "style:header-footer-properties");
	odt_attrf(o, "svg:height", "%.2fpt", body - top);
	odt_attrf(o, "fo:margin-bottom", "%.2fpt",
		  first					? PP_MARQUE_GAP_PT
		  : PP_HEADER_RULE_RISE_PT < body - top ? PP_HEADER_RULE_RISE_PT
							: 0);
	odt_end(o);
	odt_end(o);
	odt_start(o, "style:footer-style");
	odt_start(o, "style:header-footer-properties");
	odt_attrf(o, "svg:height", "%.2fpt", c->margin_bottom - bottom);
	odt_attrf(o, "fo:margin-top", "%gpt", PP_FOOTER_GAP_PT);
	odt_end(o);
	odt_end(o);
	odt_end(o);
}

static int
odt_styles(struct odt *o, struct pp_buf *out, struct pp_error *err)
{
	const struct pp_charte *c = o->c;
	int boxes = o->doc->paraphes && c->footer.paraphes;
	size_t i;

	pp_odt_part_begin(o, "office:document-styles");
	odt_font_faces(o);
	odt_start(o, "office:styles");
	odt_start(o, "style:default-style");
	odt_attr(o, "style:family", "paragraph");
	odt_start(o, "style:text-properties");
	odt_attr(o, "fo:language", "fr");
	odt_attr(o, "fo:country", "FR");
	odt_end(o);
	odt_end(o);
	for (i = 0; i < c->nstyles; i++)
		odt_paragraph_style(o, &c->styles[i]);
	odt_text_style(o, "Fort", 1, 0); /* for people editing the ODT */
	odt_logos_common_styles(o);
	odt_end(o);
	odt_start(o, "office:automatic-styles");
	odt_page_layout(o, ODT_PAGE_LAYOUT_FIRST, 1);
	odt_page_layout(o, ODT_PAGE_LAYOUT, 0);
	odt_placeholder_styles(o);
	odt_header_styles(o);
	odt_start(o, "style:style");
	odt_attr(o, "style:name", ODT_FOOTER_TABBED);
	odt_attr(o, "style:family", "paragraph");
	odt_attr(o, "style:parent-style-name", PP_STYLE_FOOTER);
	odt_start(o, "style:paragraph-properties");
	odt_attr(o, "fo:text-align", "start");
	odt_start(o, "style:tab-stops");
	odt_start(o, "style:tab-stop");
	odt_attrf(o, "style:position", "%.2fpt",
		  o->c->page_width - o->c->margin_left - o->c->margin_right);
	odt_attr(o, "style:type", "right");
	odt_end(o);
	odt_end(o);
	odt_end(o);
	odt_end(o);
	if (boxes)
		odt_paraphes_styles(o);
	if (o->doc->draft) {
		odt_start(o, "style:style");
		odt_attr(o, "style:name", ODT_SPAN_DRAFT);
		odt_attr(o, "style:family", "text");
		odt_start(o, "style:text-properties");
		odt_attr(o, "fo:font-weight", "bold");
		odt_end(o);
		odt_end(o);
	}
	odt_logos_styles(o);
	odt_end(o);
	odt_start(o, "office:master-styles");
	odt_start(o, "style:master-page");
	odt_attr(o, "style:name", ODT_MASTER_NEXT);
	odt_attr(o, "style:display-name", "Pages suivantes");
	odt_attr(o, "style:page-layout-name", ODT_PAGE_LAYOUT);
	odt_furniture(o, 0, boxes);
	odt_end(o);
	odt_start(o, "style:master-page");
	odt_attr(o, "style:name", ODT_MASTER_FIRST);
	odt_attr(o, "style:display-name", "Première page");
	odt_attr(o, "style:page-layout-name", ODT_PAGE_LAYOUT_FIRST);
	odt_attr(o, "style:next-style-name", ODT_MASTER_NEXT);
	odt_furniture(o, 1, boxes);
	odt_end(o);
	if (boxes) {
		/* The signature page, initialled by nobody; content.xml
		 * opens it (odtcontent.c) and leaves it for the annexes. */
		odt_start(o, "style:master-page");
		odt_attr(o, "style:name", ODT_MASTER_SIGNATURES);
		odt_attr(o, "style:display-name", "Page des signatures");
		odt_attr(o, "style:page-layout-name", ODT_PAGE_LAYOUT);
		odt_furniture(o, 0, 0);
		odt_end(o);
	}
	odt_end(o);
	odt_end(o);
	return pp_odt_part_finish(o, out, "styles.xml", err);
}

static int
odt_meta(struct odt *o, struct pp_buf *out, struct pp_error *err)
{
	const struct pp_doc *d = o->doc;
	char date[64];

	/* xsd:dateTime without the zone, as LibreOffice writes it. */
	snprintf(date, sizeof(date), "%.19s", o->o->date);
	pp_odt_part_begin(o, "office:document-meta");
	odt_start(o, "office:meta");
	odt_start(o, "meta:generator");
	pp_odt_text(o, o->o->generator);
	odt_end(o);
	if (d->title != NULL) {
		odt_start(o, "dc:title");
		pp_odt_text(o, d->title);
		odt_end(o);
	}
	if (d->subject != NULL) {
		odt_start(o, "dc:subject");
		pp_odt_text(o, d->subject);
		odt_end(o);
	}
	if (d->keywords != NULL) {
		char **words = g_strsplit(d->keywords, ",", 0);
		int i;

		for (i = 0; words[i] != NULL; i++) {
			g_strstrip(words[i]);
			if (words[i][0] == '\0')
				continue;
			odt_start(o, "meta:keyword");
			pp_odt_text(o, words[i]);
			odt_end(o);
		}
		g_strfreev(words);
	}
	if (d->author != NULL) {
		odt_start(o, "meta:initial-creator");
		pp_odt_text(o, d->author);
		odt_end(o);
		odt_start(o, "dc:creator");
		pp_odt_text(o, d->author);
		odt_end(o);
	}
	odt_start(o, "meta:creation-date");
	pp_odt_text(o, date);
	odt_end(o);
	odt_start(o, "dc:date");
	pp_odt_text(o, date);
	odt_end(o);
	odt_start(o, "dc:language");
	pp_odt_text(o, "fr-FR");
	odt_end(o);
	odt_end(o);
	return pp_odt_part_finish(o, out, "meta.xml", err);
}

static int
odt_manifest(struct odt *o, struct pp_buf *out, struct pp_error *err)
{
	static const char *const parts[] = {"content.xml", "styles.xml",
					    "meta.xml"};
	size_t i;

	pp_xmlpart_begin(&o->w, &o->buf, NULL);
	odt_start(o, "manifest:manifest");
	odt_attr(o, "xmlns:manifest", NS_MANIFEST);
	odt_attr(o, "manifest:version", "1.3");
	odt_start(o, "manifest:file-entry");
	odt_attr(o, "manifest:full-path", "/");
	odt_attr(o, "manifest:version", "1.3");
	odt_attr(o, "manifest:media-type", ODT_MIME);
	odt_end(o);
	for (i = 0; i < sizeof(parts) / sizeof(*parts); i++) {
		odt_start(o, "manifest:file-entry");
		odt_attr(o, "manifest:full-path", parts[i]);
		odt_attr(o, "manifest:media-type", "text/xml");
		odt_end(o);
	}
	if (o->c->marque.artwork != NULL) {
		odt_start(o, "manifest:file-entry");
		odt_attr(o, "manifest:full-path", o->artwork_name);
		odt_attr(o, "manifest:media-type", o->artwork_mime);
		odt_end(o);
	}
	for (i = 0; i < o->nlogos; i++) {
		odt_start(o, "manifest:file-entry");
		odt_attr(o, "manifest:full-path", o->logos[i].name);
		odt_attr(o, "manifest:media-type", o->logos[i].media);
		odt_end(o);
	}
	for (i = 0; i < o->font_names->len; i++) {
		const char *name = o->font_names->pdata[i];

		odt_start(o, "manifest:file-entry");
		odt_attr(o, "manifest:full-path", name);
		odt_attr(o, "manifest:media-type",
			 g_str_has_suffix(name, ".otf")
			     ? "application/vnd.ms-opentype"
			     : "application/x-font-ttf");
		odt_end(o);
	}
	odt_end(o);
	return pp_odt_part_finish(o, out, "META-INF/manifest.xml", err);
}

static void
odt_init(struct odt *o, const struct pp_doc *doc, const struct pp_charte *c,
	 const struct pp_odt_opts *opts)
{
	memset(o, 0, sizeof(*o));
	o->doc = doc;
	o->c = c;
	o->o = opts;
	o->font_files = g_ptr_array_new_with_free_func(g_free);
	o->font_names = g_ptr_array_new_with_free_func(g_free);
}

/* The XML parts of o (made by odt_init), whose logos stay prepared for the
 * package; free them with odt_logos_free. */
static int
odt_parts(struct odt *o, struct pp_buf *content, struct pp_buf *styles,
	  struct pp_buf *meta, struct pp_buf *manifest, struct pp_error *err)
{
	if (odt_artwork_prepare(o, err) != 0 ||
	    odt_logos_prepare(o, err) != 0 ||
	    pp_odt_content(o, content, err) != 0 ||
	    odt_styles(o, styles, err) != 0 || odt_meta(o, meta, err) != 0 ||
	    odt_manifest(o, manifest, err) != 0)
		return -1;
	return 0;
}

int
pp_odt_parts(const struct pp_doc *doc, const struct pp_charte *c,
	     const struct pp_odt_opts *opts, struct pp_buf *content,
	     struct pp_buf *styles, struct pp_buf *meta,
	     struct pp_buf *manifest, struct pp_error *err)
{
	struct odt o;
	int rc;

	odt_init(&o, doc, c, opts);
	rc = odt_parts(&o, content, styles, meta, manifest, err);
	odt_logos_free(&o);
	return rc;
}

/* --- The package ---------------------------------------------------------- */

int
pp_odt_write(const struct pp_doc *doc, const struct pp_charte *c,
	     const char *path, const struct pp_odt_opts *opts,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_buf content, styles, meta, manifest, png;
	struct odt o;
	struct pp_odtzip *z;
	int rc = -1;
	size_t i;

	pp_buf_init(&content);
	pp_buf_init(&styles);
	pp_buf_init(&meta);
	pp_buf_init(&manifest);
	pp_buf_init(&png);
	odt_init(&o, doc, c, opts);
	z = pp_odtzip_open(path, "ODT", ODT_MIME, opts->date, err);
	if (z == NULL ||
	    odt_parts(&o, &content, &styles, &meta, &manifest, err) != 0)
		goto out;
	if (c->marque.artwork != NULL && o.artwork_svg) {
		if (pp_image_png(pp_images_find(o.images, c->marque.artwork),
				 pp_image_raster_side(o.artwork_width),
				 pp_image_raster_side(c->marque.height), &png,
				 err) != 0)
			goto out;
	} else if (c->marque.artwork != NULL) {
		char *data = NULL;
		gsize len = 0;

		if (!g_file_get_contents(c->marque.artwork, &data, &len,
					 NULL)) {
			struct pp_pos apos = {c->marque.artwork, 0, 0};

			pp_error_set(err, PP_DIAG_IMAGE, &apos,
				     _("cannot read the bloc-marque artwork"));
			goto out;
		}
		pp_buf_add(&png, data, len);
		g_free(data);
	}
	if (pp_odtzip_add(z, "content.xml", content.data, content.len,
			  PP_ODTZIP_DEFLATE) != 0 ||
	    pp_odtzip_add(z, "styles.xml", styles.data, styles.len,
			  PP_ODTZIP_DEFLATE) != 0 ||
	    pp_odtzip_add(z, "meta.xml", meta.data, meta.len,
			  PP_ODTZIP_DEFLATE) != 0 ||
	    (c->marque.artwork != NULL &&
	     pp_odtzip_add(z, o.artwork_name, png.data, png.len,
			   PP_ODTZIP_STORE) != 0) ||
	    pp_odtzip_add(z, "META-INF/manifest.xml", manifest.data,
			  manifest.len, PP_ODTZIP_DEFLATE) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the ODT: %s"), pp_odtzip_error(z));
		goto out;
	}
	/* Images are compressed already; fonts are not. */
	for (i = 0; i < o.nlogos; i++) {
		gchar *data = NULL;
		gsize len = 0;

		if (o.logos[i].svg) {
			struct pp_buf pic;
			int bad;

			pp_buf_init(&pic);
			bad = pp_image_png(
				  pp_images_find(o.images, o.logos[i].path),
				  pp_image_raster_side(o.logos[i].w),
				  pp_image_raster_side(o.logos[i].h), &pic,
				  err) != 0 ||
			      pp_odtzip_add(z, o.logos[i].name, pic.data,
					    pic.len, PP_ODTZIP_STORE) != 0;
			pp_buf_fini(&pic);
			if (bad) {
				if (!err->set) {
					struct pp_pos lpos = {o.logos[i].path,
							      0, 0};

					pp_error_set(
					    err, PP_DIAG_IMAGE, &lpos,
					    _("cannot put this logo into the "
					      "ODT"));
				}
				goto out;
			}
			continue;
		}
		if (!g_file_get_contents(o.logos[i].path, &data, &len, NULL) ||
		    pp_odtzip_add(z, o.logos[i].name, data, len,
				  PP_ODTZIP_STORE) != 0) {
			struct pp_pos lpos = {o.logos[i].path, 0, 0};

			pp_error_set(err, PP_DIAG_IMAGE, &lpos,
				     _("cannot put this logo into the ODT"));
			g_free(data);
			goto out;
		}
		g_free(data);
	}
	for (i = 0; i < o.font_names->len; i++) {
		gchar *data = NULL;
		gsize len = 0;

		if (!g_file_get_contents(o.font_files->pdata[i], &data, &len,
					 NULL) ||
		    pp_odtzip_add(z, o.font_names->pdata[i], data, len,
				  PP_ODTZIP_DEFLATE) != 0) {
			struct pp_pos fpos = {o.font_files->pdata[i], 0, 0};

			pp_error_set(err, PP_DIAG_FONT, &fpos,
				     _("cannot put this font into the ODT"));
			g_free(data);
			goto out;
		}
		g_free(data);
	}
	rc = pp_odtzip_close(z, err);
	z = NULL;
out:
	pp_odtzip_discard(z);
	pp_buf_fini(&content);
	pp_buf_fini(&styles);
	pp_buf_fini(&meta);
	pp_buf_fini(&manifest);
	pp_buf_fini(&png);
	odt_logos_free(&o);
	return rc;
}
