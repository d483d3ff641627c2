/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the writers of a DOCX's parts share: the writer's state (struct
 * docx), its XML helpers, its relationships and its pictures.  docx.c
 * writes the package, styles.xml, numbering.xml, settings.xml, the headers
 * and footers and the properties; docxbody.c writes document.xml from the
 * document tree.
 */
#ifndef PP_DOCX_PRIVATE_H
#define PP_DOCX_PRIVATE_H

#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "docx.h"

#define DOCX_NS_W "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_NS_R                                                              \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_REL_BASE                                                          \
	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

/* Lengths: WordprocessingML counts twentieths of a point (twips), font
 * sizes in half points, borders in eighths of a point, drawings in EMU. */
#define DOCX_TWIPS(pt)	  ((long)((pt)*20.0 + 0.5))
#define DOCX_EMU(pt)	  ((long)((pt)*12700.0 + 0.5))
#define DOCX_EIGHTHS(pt)  ((int)((pt)*8.0 + 0.5))
#define DOCX_HALF_PTS(pt) ((int)((pt)*2.0 + 0.5))

/* document.xml's first relationships, in this order, so that the
 * section properties name the headers and footers before the body's links
 * are numbered: rId1 styles, rId2 numbering, rId3 settings, then these. */
#define DOCX_RID_HEADER_FIRST "rId4" /* the bloc-marque */
#define DOCX_RID_HEADER	      "rId5" /* the running title */
#define DOCX_RID_FOOTER	      "rId6" /* with the boxes when drawn */
#define DOCX_RID_FOOTER_PLAIN "rId7" /* without: the signature page */

/* The sections of a document in handwritten mode: the pages initialled,
 * the signature page (no boxes for initials), the annexes after it. */
enum docx_section {
	DOCX_SECTION_BODY,
	DOCX_SECTION_SIGNATURES,
	DOCX_SECTION_ANNEXES,
};

/* A picture of the package: word/media/NAME. */
struct docx_picture {
	char *path;	   /* the file, or NULL: the bytes are in png */
	char name[40];	   /* "bloc-marque.png", "logo-1.jpg" */
	const char *title; /* its description, or NULL */
	double w, h;	   /* pt, as shown */
	int svg;	   /* an SVG, put in as the PNG of what the PDF draws */
};

struct docx {
	const struct pp_doc *doc;
	const struct pp_charte *c;
	const struct pp_docx_opts *o;
	xmlTextWriterPtr w;
	xmlBufferPtr buf;
	int write_failed;
	/* The relationships of the part being written, as XML elements. */
	GString *rels;
	int nrels;
	int boxes; /* boxes for initials in the footers */
	/* In handwritten mode, the block that opens the signature page and
	 * the paragraph that ends the section before it (or NULL: an empty
	 * paragraph does). */
	const struct pp_node *signature_opener, *section_carrier;
	enum docx_section section; /* the one being written */
	int section_opened;	   /* a section break just started a page */
	int started;		   /* the body's first paragraph is written */
	int numbered_lists;	   /* numbered lists so far: w:num 2, 3... */
	int bookmarks, drawings;   /* ids so far */
	int list_depth;
	double para_size;	       /* pt, the paragraph being written */
	struct docx_picture *pictures; /* [0]: the bloc-marque artwork */
	size_t npictures;
	int artwork;		 /* pictures[0] is the official artwork */
	size_t first_logo;	 /* index of the first logo */
	const char *logos_label; /* or NULL */
	struct pp_images *images;
};

static inline void
dx_start(struct docx *d, const char *name)
{
	xmlTextWriterStartElement(d->w, BAD_CAST name);
}

static inline void
dx_end(struct docx *d)
{
	xmlTextWriterEndElement(d->w);
}

static inline void
dx_attr(struct docx *d, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(d->w, BAD_CAST name, BAD_CAST value);
}

static inline void dx_attrf(struct docx *d, const char *name, const char *fmt,
			    ...) __attribute__((format(printf, 3, 4)));

static inline void
dx_attrf(struct docx *d, const char *name, const char *fmt, ...)
{
	char value[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	dx_attr(d, name, value);
}

/* <name w:val="value"/> */
static inline void
dx_val(struct docx *d, const char *name, const char *value)
{
	dx_start(d, name);
	dx_attr(d, "w:val", value);
	dx_end(d);
}

static inline void
dx_vall(struct docx *d, const char *name, long value)
{
	dx_start(d, name);
	dx_attrf(d, "w:val", "%ld", value);
	dx_end(d);
}

/* An empty element: <w:b/>. */
static inline void
dx_empty(struct docx *d, const char *name)
{
	dx_start(d, name);
	dx_end(d);
}

/* A colour as WordprocessingML writes it, "RRGGBB". */
static inline void
dx_color_hex(const struct pp_color *c, char hex[7])
{
	snprintf(hex, 7, "%02X%02X%02X", (int)(c->r * 255 + 0.5),
		 (int)(c->g * 255 + 0.5), (int)(c->b * 255 + 0.5));
}

/* Starts a part: a writer into a fresh buffer, the XML declaration, the
 * root element with WordprocessingML's namespaces; the relationships
 * emptied. */
void pp_docx_part_begin(struct docx *d, const char *root);
/* Finishes the part into out; -1 with err filled when the writer failed
 * or the part is not well-formed. */
int pp_docx_part_finish(struct docx *d, struct pp_buf *out, const char *part,
			struct pp_error *err);
/* Adds a relationship of type (after DOCX_REL_BASE) to target to the part
 * being written; its id, "rIdN", in id (16 bytes).  external: a URL. */
void pp_docx_rel(struct docx *d, const char *type, const char *target,
		 int external, char id[16]);
/* A run of text (inside a w:p): tabs and line breaks as elements, the
 * characters XML cannot carry dropped; in the character style rstyle (or
 * NULL), bold, italic, as a superscript. */
void pp_docx_run(struct docx *d, const char *s, const char *rstyle, int bold,
		 int italic, int super);
/* An inline picture of the package (inside a w:r), related to the part
 * being written. */
void pp_docx_picture(struct docx *d, const struct docx_picture *p);
/* The section properties of section s (inside w:pPr, or ending
 * w:body). */
void pp_docx_sectpr(struct docx *d, enum docx_section s);

/* document.xml (docxbody.c).  -1 with err filled. */
int pp_docx_body(struct docx *d, struct pp_buf *out, struct pp_error *err);

#endif
