/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Layout: the document tree set with Pango into pages of positioned items,
 * following the charter (styles, page, header, footer, bloc-marque).
 * Lengths are in points, from the top-left corner of the page.
 *
 * A paragraph is set once, hyphenated and justified, in one PangoLayout;
 * each of its lines becomes an item that draws that line of the layout.
 * The few lines Pango 1.50 would set wrongly that way (a justified line
 * ending at a soft hyphen can overflow the column, a line ending with a
 * line separator would be justified) are set again on their own.  Lines
 * are what pagination moves; tables rows and signature blocks move whole.
 * Hyphenation keeps to DOMAIN §2.4: never a paragraph's last word, a name
 * the form gives (hyphennames.h), more than PP_HYPHEN_LADDER_MAX lines in
 * a row, or a word split over a page break.
 */
#ifndef PP_LAYOUT_H
#define PP_LAYOUT_H

#include <pango/pangocairo.h>

#include "buf.h"
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "images.h"

enum pp_item_kind {
	PP_ITEM_TEXT,	   /* one line of text: layout */
	PP_ITEM_RECT,	   /* a filled rectangle: color */
	PP_ITEM_FRAME,	   /* a stroked rectangle: color, width = line width */
	PP_ITEM_RULE,	   /* a horizontal line: color */
	PP_ITEM_MARQUE,	   /* the bloc-marque (artwork or placeholder) */
	PP_ITEM_IMAGE,	   /* a partner logo: name = path, text = partner */
	PP_ITEM_TAG_BEGIN, /* structure tag: tag, attrs */
	PP_ITEM_TAG_END,   /* closes tag */
	PP_ITEM_DEST,	   /* a link target: name */
	PP_ITEM_SIGNATURE, /* a party's room to sign, drawn as nothing:
			      x, y, w, h; text = the party's title or "" */
};

/* Links one line of text can carry. */
#define PP_ITEM_LINKS 8

struct pp_item {
	enum pp_item_kind kind;
	double x, y;	     /* pt: top-left (TEXT: top of the line box) */
	double w, h;	     /* pt */
	double baseline;     /* TEXT: from y to the baseline */
	double layout_dy;    /* TEXT: from y to the top of the layout */
	PangoLayout *layout; /* TEXT: owned reference */
	int line;	     /* TEXT: n > 0 draws line n of layout (from 1);
				0, a layout of one line, drawn whole */
	double line_x;	     /* TEXT: from x to the start of the line */
	const char *text;    /* TEXT: the line's text, for dumps */
	const char *style;   /* TEXT: style name, for dumps */
	int hyphen;	     /* TEXT: 1 when the line ends with a word
				hyphenated at a soft hyphen */
	struct pp_color color;
	const char *tag;   /* TAG_BEGIN/END: "P", "H1", "Table"... */
	const char *attrs; /* TAG_BEGIN: cairo tag attributes */
	const char *name;  /* DEST: name; IMAGE: path */
	struct {
		const char *attrs; /* "dest='...'" or "uri='...'" */
		double x, w;	   /* pt: the linked part of the line */
	} links[PP_ITEM_LINKS];	   /* TEXT */
	int nlinks;
	const char *const *lines; /* MARQUE: title lines */
	size_t nlines;
	int header; /* 1 for running header and footer items */
};

struct pp_page {
	struct pp_item *items;
	size_t n, cap;
};

/* One outline entry (bookmark) per article and annex. */
struct pp_outline {
	char *title;
	char *dest;
	int page; /* 1-based */
};

struct pp_pages {
	struct pp_arena *arena;		/* strings of items */
	const struct pp_charte *charte; /* borrowed */
	double width, height;		/* pt */
	struct pp_page *pages;
	size_t n;
	struct pp_outline *outline;
	size_t noutline;
	/* metadata for the PDF */
	char *title, *subject, *keywords, *author;
	/* fonts actually used, "Family Style" each once */
	char **fonts;
	size_t nfonts;
	/* the images PP_ITEM_IMAGE items name, loaded once, or NULL */
	struct pp_images *images;
	/* In handwritten mode, the block of the document tree (borrowed from
	 * it: a paragraph, heading, article, list or table) whose first
	 * line opens the page without boxes for initials, the signature
	 * page; NULL when there is none, or when it opens mid-block.  The
	 * ODT opens its own signature page there. */
	const struct pp_node *unboxed_start;
};

/* Per worker: font map on a private fontconfig (the charter's fonts folder
 * plus Debian's Liberation fonts), a Pango context at 72 dpi and the
 * hyphenation patterns. */
struct pp_layout_engine;

struct pp_layout_engine *pp_layout_engine_new(const struct pp_charte *c,
					      struct pp_error *err);
void pp_layout_engine_free(struct pp_layout_engine *e);
/* The family of a charter family list that the engine's fonts provide
 * ("Marianne,Arial,Liberation Sans" -> "Liberation Sans" without Marianne
 * installed); borrowed. */
const char *pp_layout_engine_family(struct pp_layout_engine *e,
				    const char *list);

/* Lays doc out.  NULL with err filled (a missing image, a font that cannot
 * be found). */
/* The font files of a family in the engine's fonts (regular, bold,
 * italic...), NULL-terminated, sorted; caller frees with g_strfreev. */
char **pp_layout_engine_font_files(struct pp_layout_engine *e,
				   const char *family);

struct pp_pages *pp_layout_run(struct pp_layout_engine *e,
			       const struct pp_doc *doc, struct pp_error *err);
void pp_pages_free(struct pp_pages *p);

/* The pages as text, for golden files: one line per item with its
 * position in points (two decimals); a line of text that ends with a word
 * hyphenated at a soft hyphen is marked "hyphen" after its text. */
void pp_pages_dump(const struct pp_pages *p, struct pp_buf *out);

/* Writes a PDF atomically; date is "YYYY-MM-DDThh:mm:ssZ" for the
 * metadata.  post: the post-processing (pdfpost.h) the PDF goes through
 * before it is renamed into place, or NULL for cairo's PDF as it is.  -1
 * with err filled. */
struct pp_pdfpost;
int pp_pdf_write(const struct pp_pages *p, const char *path, const char *date,
		 const char *creator, const struct pp_pdfpost *post,
		 struct pp_error *err);
/* Writes page previews path_prefix-1.png, -2.png... at dpi. */
int pp_png_write(const struct pp_pages *p, const char *path_prefix, double dpi,
		 struct pp_error *err);

#endif
