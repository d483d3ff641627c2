/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the writers of an ODT's XML parts share: the writer's state (struct
 * odt) and the helpers that write through libxml2's xmlTextWriter.  odt.c
 * writes styles.xml (from the charter), meta.xml and the manifest, and
 * assembles the package; odtcontent.c writes content.xml (from the
 * document tree).  The one-line helpers are inline here; the others are in
 * odt.c.
 */
#ifndef PP_ODT_PRIVATE_H
#define PP_ODT_PRIVATE_H

#include <glib.h>
#include <libxml/xmlwriter.h>
#include <stdarg.h>
#include <stdio.h>

#include "buf.h"
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "hyphennames.h"
#include "odt.h"

/* The first page's master page (styles.xml), which content.xml's first
 * paragraph opens. */
#define ODT_MASTER_FIRST "Premiere"
/* The other pages' master, and in handwritten mode the signature page's,
 * without boxes for initials (styles.xml). */
#define ODT_MASTER_NEXT	      "Standard"
#define ODT_MASTER_SIGNATURES "Signatures"
/* Outline levels: articles, and the default of the charter's subheading
 * style (annexes are level 1 too). */
#define ODT_LEVEL_ARTICLE    2
#define ODT_LEVEL_SUBHEADING 1

struct odt_logo;	  /* odt.c */
struct pp_images;	  /* images.h */
struct pp_odt_autostyles; /* odtautostyles.h */

struct odt {
	const struct pp_doc *doc;
	const struct pp_charte *c;
	const struct pp_odt_opts *o;
	xmlTextWriterPtr w;
	xmlBufferPtr buf;
	int write_failed; /* a call on w failed: the part is not written */
	/* The master page the next paragraph opens (ODT_MASTER_FIRST for
	 * the body's first), or NULL. */
	const char *open_master;
	/* The block that opens the signature page, or NULL. */
	const struct pp_node *signature_opener;
	int tables;	  /* tables written so far, for style names */
	double para_size; /* pt, the font size of the paragraph being
			     written (its superscripts' size follows) */
	/* content.xml's automatic styles, registered while the body is
	 * written (first page, tables) */
	struct pp_odt_autostyles *autostyles;
	const char *artwork_mime; /* media type of the bloc-marque's picture */
	/* The partner zone of the first-page header (odt_logos_prepare). */
	struct odt_logo *logos;
	size_t nlogos;
	const char *logos_label; /* or NULL */
	double logos_width;	 /* pt, the zone */
	struct pp_images *images;
	/* The bloc-marque's picture (odt_artwork_prepare): its name in the
	 * package and, for official artwork, its width at the charter's height
	 * with the file's proportions. */
	char artwork_name[32];
	int artwork_svg;      /* drawn into a PNG: pp_image_png */
	double artwork_width; /* pt */
	/* Embedded fonts (charter polices.incorporer_odt): source files and
	 * their names in the package, "Fonts/NAME.ttf". */
	GPtrArray *font_files, *font_names;
	/* The doc's proper nouns, never hyphenated (content.xml). */
	struct pp_hyphen_names *names;
};

static inline void
odt_start(struct odt *o, const char *name)
{
	xmlTextWriterStartElement(o->w, BAD_CAST name);
}

static inline void
odt_end(struct odt *o)
{
	xmlTextWriterEndElement(o->w);
}

static inline void
odt_attr(struct odt *o, const char *name, const char *value)
{
	xmlTextWriterWriteAttribute(o->w, BAD_CAST name, BAD_CAST value);
}

static inline void odt_attrf(struct odt *o, const char *name, const char *fmt,
			     ...) __attribute__((format(printf, 3, 4)));

static inline void
odt_attrf(struct odt *o, const char *name, const char *fmt, ...)
{
	char value[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(value, sizeof(value), fmt, ap);
	va_end(ap);
	odt_attr(o, name, value);
}

/* A colour as ODF writes it, "#rrggbb". */
static inline void
odt_color_hex(const struct pp_color *c, char hex[8])
{
	snprintf(hex, 8, "#%02x%02x%02x", (int)(c->r * 255 + 0.5),
		 (int)(c->g * 255 + 0.5), (int)(c->b * 255 + 0.5));
}

/* Writes text as ODF wants it: characters XML cannot carry dropped, tabs
 * and line breaks as elements, runs of spaces as <text:s/>. */
void pp_odt_text(struct odt *o, const char *s);

/* Starts a part: a writer into a fresh buffer, the XML declaration and the
 * root element with ODF's namespaces. */
void pp_odt_part_begin(struct odt *o, const char *root);
/* Finishes the part into out; -1 with err filled when the writer failed
 * or the part is not well-formed (checked by parsing it again). */
int pp_odt_part_finish(struct odt *o, struct pp_buf *out, const char *part,
		       struct pp_error *err);

/* content.xml (odtcontent.c).  -1 with err filled. */
int pp_odt_content(struct odt *o, struct pp_buf *out, struct pp_error *err);

#endif
