/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the parts of the layout share.  layoutengine.c keeps what lasts
 * between documents (fonts, Pango context, hyphenation, caches);
 * layoutline.c shapes a paragraph's text into lines; layout.c turns the
 * document's blocks into atoms, breaks them into pages and adds the
 * header, footer, bloc-marque and partner zone.
 */
#ifndef PP_LAYOUT_PRIVATE_H
#define PP_LAYOUT_PRIVATE_H

#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "arena.h"
#include "buf.h"
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "hyphennames.h"
#include "layout.h"

/* Points from and to Pango units. */
#define PT(x) ((double)(x) / PANGO_SCALE)
#define PU(x) ((int)lround((x)*PANGO_SCALE))

/* --- The engine (layoutengine.c) ----------------------------------------- */

/* A new document: forgets what the last documents did not use. */
void pp_layout_engine_next_document(struct pp_layout_engine *e);
/* The charter the engine was made for; borrowed. */
const struct pp_charte *pp_layout_engine_charte(struct pp_layout_engine *e);
/* The Pango context layouts are made in; borrowed. */
PangoContext *pp_layout_engine_context(struct pp_layout_engine *e);
/* Appends src to out with its soft hyphens, from the cache when the same
 * text was hyphenated in the last documents. */
void pp_layout_engine_hyphenate(struct pp_layout_engine *e, const char *src,
				struct pp_buf *out);
/* The layout kept under key, as a new reference, or NULL. */
PangoLayout *pp_layout_engine_cache_find(struct pp_layout_engine *e,
					 const char *key);
/* Keeps layout under key (both taken over); gives a new reference. */
PangoLayout *pp_layout_engine_cache_keep(struct pp_layout_engine *e, char *key,
					 PangoLayout *layout);

/* --- One document's layout (layout.c) ------------------------------------ */

struct layout_ctx {
	struct pp_layout_engine *e;
	const struct pp_charte *c;
	const struct pp_doc *doc;
	struct pp_pages *pages;
	GPtrArray *atoms; /* struct atom * */
	double x0, width; /* the text column, pt */
	int tables;	  /* tables seen, to number them */
	struct pp_error *err;
	const struct pp_node *marque; /* page 1 items */
	const struct pp_node *logos;
	const char *reference;
	const struct pp_node *signatures; /* the signature block, or NULL */
	size_t signature_page; /* where it fell, from 1; 0: nowhere */
	/* the first atom on the page without boxes for initials */
	unsigned int unboxed_first;
	struct pp_hyphen_names *names; /* the doc's proper nouns */
	/* Words that must not be hyphenated because their line would end a
	 * page: paragraph node -> GArray of word indices (int), or NULL. */
	GHashTable *nobreak;
};

/* s copied into the pages' arena, or NULL. */
static inline const char *
layout_strdup(struct layout_ctx *l, const char *s)
{
	return s != NULL ? pp_arena_strdup(l->pages->arena, s) : NULL;
}

/* --- Line shaping (layoutline.c) ------------------------------------------ */

/* A stretch of a paragraph's text set differently from its style. */
struct run {
	size_t start, end; /* byte range in the paragraph text */
	int bold, italic;
	const char *link; /* cairo link attributes, or NULL */
	int super;	  /* 1: set as a superscript ("1er") */
};

/* A paragraph's inlines as one text (line breaks as U+2028, hyphenated
 * when the style is) with its runs. */
struct para {
	struct pp_buf text;
	GArray *runs; /* struct run */
	int super;    /* while collecting: inside a superscript */
	int in_ref;   /* while collecting: inside a reference (never
			 hyphenated) */
};

/* Appends the inlines of n, in style st, to p; bold, italic and link are
 * those of the inlines around n. */
void pp_layout_para_collect(struct layout_ctx *l, struct para *p,
			    const struct pp_node *n, const struct pp_style *st,
			    int bold, int italic, const char *link);
/* The layout of p in st at width (pt): from the engine's cache, or set now
 * and kept.  A new reference. */
PangoLayout *pp_layout_para_layout(struct layout_ctx *l,
				   const struct pp_style *st,
				   const struct para *p, double width);
/* The layout of p in st at width as pp_layout_para_layout() gives it,
 * after the hyphenation rules of DOMAIN §2.4 that a paragraph's layout
 * decides: its last word is never hyphenated, and no more than
 * PP_HYPHEN_LADDER_MAX lines in a row end with a hyphen (the word that
 * would end one more loses its soft hyphens and the paragraph is set
 * again).  p's text and runs change accordingly.  A new reference. */
PangoLayout *pp_layout_para_hyphenated(struct layout_ctx *l,
				       const struct pp_style *st,
				       struct para *p, double width);
/* 1 when the line of p that ends at byte to ends at a soft hyphen, that
 * is, with a hyphenated word. */
int pp_layout_line_hyphen(const struct para *p, size_t to);
/* The index (from 0) of the word of p that byte at is in; words are runs
 * of letters, digits, marks, soft hyphens and apostrophes, so the index
 * does not change when soft hyphens go. */
int pp_layout_para_word(const struct para *p, size_t at);
/* Takes the soft hyphens out of word index (from 0) of p; nothing for an
 * index past the last word. */
void pp_layout_para_unhyphenate_word(struct para *p, int index);
/* The line of p's layout pl that iter is at, as the text item it (line
 * index, from 0), drawn from pl; -1 with nothing done for a line that needs
 * a layout of its own (pp_layout_line_item).  x, y, width in pt. */
int pp_layout_line_shared(struct layout_ctx *l, const struct pp_style *st,
			  const struct para *p, PangoLayout *pl,
			  PangoLayoutIter *iter, int index, int justified,
			  double x, double width, double y, struct pp_item *it);
/* Text from..to of p as the text item it, set in a layout of its own,
 * justified when asked.  x, y, width in pt. */
void pp_layout_line_item(struct layout_ctx *l, const struct pp_style *st,
			 const struct para *p, size_t from, size_t to,
			 int justify, double x, double width, double y,
			 struct pp_item *it);
/* A plain text, in st throughout, as the text item it of one line, set in
 * a layout of its own.  x, y, width in pt. */
void pp_layout_text_item(struct layout_ctx *l, const struct pp_style *st,
			 const char *text, double x, double width, double y,
			 struct pp_item *it);

#endif
