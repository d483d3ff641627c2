/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the files of paraphe check share; no other module includes it.
 *   check.c        the rule catalogue, findings, the font and palette
 *                  rules both formats apply, pp_check_file and the reports
 *   check_pdf.c    the PDF rules (poppler)
 *   check_pdfobj.c what qpdf reads of a PDF's objects: font programs'
 *                  families, JavaScript, the pages that paint only
 *                  palette colours
 *   check_zip.c    what the ODT and DOCX checks share: the package read
 *                  with limits (libzip), its XML parts (libxml2), the
 *                  dispatch of a zip to the ODT or the DOCX rules
 *   check_odt.c    the ODT rules
 *   check_docx.c   the DOCX rules
 *   check_child.c  the PDF and package checks in a child process, with
 *                  limits
 */
#ifndef PP_CHECK_PRIVATE_H
#define PP_CHECK_PRIVATE_H

#include <glib.h>

#include "charte.h"
#include "check.h"
#include "diag.h"

/* An area of a page, from its top-left corner. */
struct pp_check_box {
	double x0, y0, x1, y1; /* pt */
	int set;	       /* 0 while empty */
};

/* --- check.c */

/* A new finding at the end of r, for the caller to fill in. */
struct pp_finding *pp_check_push(struct pp_check *r);

/*
 * Appends a finding of rule, with the catalogue's severity: on page (0 for
 * the whole file), at x, y, w, h mm from the page's top-left corner (w = h
 * = 0 when not located); found is fmt's text, expected may be NULL.
 */
void pp_check_add(struct pp_check *r, enum pp_check_rule rule, int page,
		  double x, double y, double w, double h, const char *expected,
		  const char *fmt, ...) __attribute__((format(printf, 9, 10)));

/* The same, located at where (pt; NULL or empty: not located). */
void pp_check_add_at(struct pp_check *r, enum pp_check_rule rule, int page,
		     const struct pp_check_box *where, const char *expected,
		     const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* "ABCDEF+LiberationSans-Bold" -> "liberationsansbold", for comparing
 * font names.  Caller frees (g_free). */
char *pp_check_font_key(const char *name);

/* "ABCDEF+LiberationSans-BoldItalic" -> "LiberationSans", "Arial,Bold"
 * -> "Arial", "ArialMT" -> "Arial", "Marianne ExtraBold" -> "Marianne":
 * the family a font's name gives, without subset tag nor style words
 * ("Arial-Black" stays: another family).  Caller frees (g_free). */
char *pp_check_font_family(const char *name);

/* How the charter takes the family: 0 allowed (a pattern of
 * regles.polices_autorisees naming the whole family, or a family of
 * polices.sans or .serif), 1 a substitute (regles.polices_substitution),
 * 2 outside the charter. */
int pp_check_font_class(const struct pp_charte *c, const char *family);

/* The fonts of one file: the faces done, and the substitutes met, which
 * make one police-substitution finding for the whole file. */
struct pp_check_fonts {
	GHashTable *seen;	/* face names done (g_str_hash) */
	GPtrArray *substitutes; /* their families, in order met */
	int sub_page;		/* where the first one is set */
	struct pp_check_box sub_where;
};

void pp_check_fonts_init(struct pp_check_fonts *f);
/* Adds the file's police-substitution finding, if any, and frees f. */
void pp_check_fonts_fini(struct pp_check *r, const struct pp_charte *c,
			 struct pp_check_fonts *f);

/*
 * The font rules (police-hors-charte, police-non-incorporee, and
 * police-substitution through f) for the font name, once per name:
 * program is the family its embedded font program gives (its name table),
 * which is judged rather than the name when known (NULL otherwise; "" for
 * a program whose glyphs draw nothing, a subset of spaces: not judged;
 * "?" for one whose glyphs are not those of the family its name claims);
 * embedded: 1, 0 (reported) or -1 when unknown; where: the text set in
 * that font on the page, or NULL.
 */
void pp_check_font(struct pp_check *r, const struct pp_charte *c,
		   const char *name, const char *program, int embedded,
		   int page, struct pp_check_fonts *f,
		   const struct pp_check_box *where);

/*
 * The rule couleur-hors-palette for col, met on page at where (NULL: not
 * located): reported, found being fmt's text, when col is further than the
 * charter's tolerance from every colour of its palette (CIEDE2000).
 */
void pp_check_colour(struct pp_check *r, const struct pp_charte *c,
		     const struct pp_color *col, int page,
		     const struct pp_check_box *where, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* 1 when col passes couleur-hors-palette: within the charter's tolerance
 * of a colour of its palette, or of black. */
int pp_check_colour_ok(const struct pp_charte *c, const struct pp_color *col);

/* 1 when col is the colour LibreOffice gives links by default (its
 * "Internet Link" and "Visited Internet Link" styles), which a document
 * saved or exported by LibreOffice carries on its links: not reported
 * there. */
int pp_check_link_colour(const struct pp_color *col);

/* The rule format-page for one side of a page found in part: its width
 * (width 1) or height measured pt (negative: unknown, not judged), as the
 * file spells it. */
void pp_check_page_side(struct pp_check *r, const struct pp_charte *c,
			int width, double pt, const char *spelt,
			const char *part);

/* --- check_pdf.c */

/* Opens poppler the first time (dynlib.h): 0, or -1 with err filled. */
int pp_check_pdf_load(struct pp_error *err);

/*
 * The PDF rules on path, in this process, poppler loaded: 0 with the
 * findings in r, -1 with err filled when the file cannot be read (damaged,
 * encrypted).
 */
int pp_check_pdf(const char *path, const struct pp_charte *c,
		 struct pp_check *r, struct pp_error *err);

/* --- check_pdfobj.c */

/* What qpdf reads of a PDF's objects. */
struct pp_check_pdfobj {
	GHashTable *families; /* font key (pp_check_font_key) of a /BaseFont
				 -> the family its embedded program gives
				 ("" for a program that draws nothing, "?"
				 for one whose glyphs belie its name) */
	GHashTable *nameless; /* font key -> a sample of the glyphs of a
				 program that names no family (GArray) */
	int javascript;	      /* 1: a JavaScript action somewhere */
	struct pp_check_info info; /* what the PDF says of itself */
	int partial;		   /* 1: more objects than the walk allows */
	int managed;	  /* 1: a CalGray, CalRGB, Lab or ICCBased colour space
			     may be used (or the walk was cut short) */
	GBytes *shown;	  /* the file for poppler: the file itself with an
			     update that sets its output intent's profile
			     aside (see obj_unmanaged), or NULL to read
			     the file */
	GBytes *revealed; /* pp_check_pdfobj_read's copy with the invisible
			     text revealed, or NULL */
	unsigned char *imageless; /* per page (npages of them), 1 when
				     poppler's image mapping cannot find
				     an image there; or NULL */
	unsigned char *textsafe;  /* per page, 1 when poppler's render
				     collects the page's text as its text
				     pass would (check_pdfobj.c); or NULL */
	int npages;
	unsigned char *palette_only; /* per page (npages of them, the first
					PP_CHECK_RASTER_PAGES set), 1 when
					all it paints, annotations included,
					is of device colours that pass
					couleur-hors-palette (see
					obj_paint_page); or NULL */
	unsigned char *fonts_known;  /* per page (npages of them), 1 when
					poppler's font scan can report no
					font there that it has not reported
					on an earlier page (obj_fonts_page);
					or NULL */
};

/* The pages whose colours are sampled from a raster (check_pdf.c). */
#define PP_CHECK_RASTER_PAGES 50

/* Opens qpdf the first time (dynlib.h): 0, or -1 with err filled. */
int pp_check_pdfobj_load(struct pp_error *err);

/* Reads path's objects into o (always initialised, for
 * pp_check_pdfobj_fini): 0, or -1 when qpdf cannot read the file (o then
 * says nothing).  A font program that names no family is recognised by
 * its glyphs among the families c names.  Also fills o->shown and
 * o->revealed (see below). */
int pp_check_pdfobj_read(const char *path, const struct pp_charte *c,
			 struct pp_check_pdfobj *o);
void pp_check_pdfobj_fini(struct pp_check_pdfobj *o);

/* The colour in which the revealed copy draws invisible text, as a
 * PDF operand and in poppler's 16-bit channels (within 2). */
#define PP_CHECK_INVISIBLE_RG "0.001 0.999 0.002"
#define PP_CHECK_INVISIBLE_R  66
#define PP_CHECK_INVISIBLE_G  65470
#define PP_CHECK_INVISIBLE_B  131

/*
 * o->revealed: a copy of the file in which the text of the pages' content
 * streams shown in render mode 3 or 7 (invisible: an OCR layer, hidden
 * text) is drawn in mode 0 in PP_CHECK_INVISIBLE_RG, all else as it was:
 * poppler's text runs in that colour are the invisible ones.  NULL when no
 * text is invisible or qpdf cannot read the file.
 */

/* --- check_zip.c */

/* The most bytes read of one part of a package, uncompressed. */
#define PP_CHECK_MAX_PART_BYTES (64u << 20)

struct zip;
struct _xmlDoc;

/* A zip package (an ODT or a DOCX) open for the check. */
struct pp_check_pkg {
	struct zip *za;
	const char *path;
	long long n; /* its entries */
	int docx;    /* 1: an OOXML package, for the messages */
	unsigned long long bytes_read; /* of its parts, uncompressed */
};

/* Opens path (libzip loaded the first time) and checks its entries: their
 * number, their names (none outside the package), the consistency of its
 * headers.  0, or -1 with err filled. */
int pp_check_pkg_open(struct pp_check_pkg *p, const char *path, int docx,
		      struct pp_error *err);
void pp_check_pkg_close(struct pp_check_pkg *p);
/* Entry i's name (i < p->n), NULL when libzip cannot give it. */
const char *pp_check_pkg_name(const struct pp_check_pkg *p, long long i);
int pp_check_pkg_has(const struct pp_check_pkg *p, const char *name);

/* The part name, uncompressed, bounded (PP_CHECK_MAX_PART_BYTES, a
 * compression ratio, the size its header declares): g_free'd by the
 * caller, *len its length.  NULL when the package has no such part (err
 * untouched) or with err filled when it is refused. */
char *pp_check_pkg_read(struct pp_check_pkg *p, const char *name, size_t *len,
			struct pp_error *err);

/* The XML part name parsed under our limits (no DTD, no entity, no
 * network, at most 1,000 attributes an element, libxml2's depth limit):
 * 0 with *out (xmlFreeDoc), 1 when the package has no such part, -1 with
 * err filled when it is refused. */
int pp_check_pkg_xml(struct pp_check_pkg *p, const char *name,
		     struct _xmlDoc **out, struct pp_error *err);

/* The finding bloc-marque-absent of a package (ODT, DOCX) with no image
 * in a page header. */
void pp_check_no_header_image(struct pp_check *r);

/* What a zip file's first entry (else its extension) suggests, for the
 * messages about a package that cannot be opened: 2 a DOCX, 1 an ODT. */
int pp_check_zip_hint(const char *path);

/*
 * The check of the zip package at path: the DOCX rules when its entries
 * are OOXML's ([Content_Types].xml, word/), else the ODT rules.  0 with
 * the findings in r, -1 with err filled when the package cannot be read
 * or is refused (damaged, too big, names outside it, DTDs).
 */
int pp_check_package(const char *path, const struct pp_charte *c,
		     struct pp_check *r, struct pp_error *err);

/* --- check_odt.c, check_docx.c: the rules on an open package, as
 * pp_check_package. */
int pp_check_odt(struct pp_check_pkg *p, const struct pp_charte *c,
		 struct pp_check *r, struct pp_error *err);
int pp_check_docx(struct pp_check_pkg *p, const struct pp_charte *c,
		  struct pp_check *r, struct pp_error *err);

/* --- check_child.c */

/*
 * pp_check_pdf as pp_check_file runs it: poppler loaded in this process
 * but called in a child under the limits of pp_check_set_limits, or here
 * without limits when isolation is off (pp_check_set_isolation).  As
 * pp_check_pdf, and -1 with err filled (code PP_DIAG_LIMIT) when the child
 * runs out of memory or time, or with PP_DIAG_IO when it dies.
 */
int pp_check_pdf_isolated(const char *path, const struct pp_charte *c,
			  struct pp_check *r, struct pp_error *err);

/* pp_check_package likewise: libxml2's time on crafted XML is not
 * bounded either.  The messages name the ODT or the DOCX, as
 * pp_check_zip_hint says. */
int pp_check_package_isolated(const char *path, const struct pp_charte *c,
			      struct pp_check *r, struct pp_error *err);

#endif
