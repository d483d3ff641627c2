/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The graphic charter (charte/<name>/charte.yaml): page, margins, palette,
 * typefaces, named styles, bloc-marque, partner zone, header and footer, and
 * the rules the checker applies.  Loaded once, read-only afterwards (safe to
 * share between threads).  Lengths are in points (1/72 in) once loaded;
 * the file speaks millimetres and points as its keys say.
 */
#ifndef PP_CHARTE_H
#define PP_CHARTE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"

#define PP_MM_TO_PT(mm) ((mm)*72.0 / 25.4)
#define PP_PT_TO_MM(pt) ((pt)*25.4 / 72.0)

struct pp_color {
	double r, g, b; /* 0..1 */
};

enum pp_align {
	PP_ALIGN_LEFT,
	PP_ALIGN_CENTER,
	PP_ALIGN_RIGHT,
	PP_ALIGN_JUSTIFY,
};

/* A named paragraph style; every field resolved (no inheritance left). */
struct pp_style {
	const char *name;  /* key in the charter, e.g. "corps" */
	const char *label; /* French name shown in LibreOffice */
	const char
	    *families; /* Pango family list: "Marianne,Arial,Liberation Sans" */
	double size;   /* pt */
	int bold, italic;	/* 0/1 */
	int uppercase;		/* 0/1: set in capitals */
	double line_height;	/* multiple of size, e.g. 1.25 */
	struct pp_color color;	/* text colour */
	const char *color_name; /* its palette name */
	enum pp_align align;
	double space_before; /* pt */
	double space_after;  /* pt */
	double indent;	     /* pt, left indent of the whole paragraph */
	int hyphenate;	     /* 0/1 */
	int keep_with_next;  /* 0/1: never last on a page */
	int has_background;  /* 0/1 */
	struct pp_color background;
};

struct pp_palette_entry {
	const char *name; /* "bleu_france" */
	const char *hex;  /* "#000091" */
	struct pp_color color;
};

struct pp_charte_rules {
	const char **fonts_allowed; /* regular expressions (family names) */
	size_t nfonts_allowed;
	const char **fonts_substitutes; /* accepted with a warning */
	size_t nfonts_substitutes;
	double min_text_size;	  /* pt */
	double marque_min_height; /* pt, the Marianne block */
	double
	    marque_zone_width; /* fraction of the page width, from the left */
	double
	    marque_zone_height;	 /* fraction of the page height, from the top */
	double color_tolerance;	 /* ΔE2000 */
	double min_contrast;	 /* e.g. 4.5 */
	double margin_tolerance; /* pt */
};

struct pp_charte {
	struct pp_arena *arena;
	const char *path; /* the charte.yaml read */
	const char *dir;  /* its folder: relative paths start there */
	const char *name; /* display name */

	double page_width, page_height;				     /* pt */
	double margin_top, margin_bottom, margin_left, margin_right; /* pt */

	const char
	    *fonts_dir;	     /* absolute folder added to fontconfig, or NULL */
	int embed_odt_fonts; /* 1: font files go into the ODTs */
	const char *sans;    /* family list for "sans" */
	const char *serif;   /* family list for "serif" */

	struct pp_palette_entry *palette;
	size_t npalette;
	struct pp_style *styles; /* always holds "corps" */
	size_t nstyles;

	struct {
		const char *artwork; /* absolute path of official artwork
					(SVG or PNG), or NULL: placeholder */
		double x, y;	     /* pt, top-left corner on page 1 */
		double height;	     /* pt, whole bloc-marque */
		double block_height; /* pt, the Marianne block alone */
		const char **motto; /* "Liberté", "Égalité", "Fraternité" */
		size_t nmotto;
	} marque;

	struct {
		const char *label;	/* "En partenariat avec" */
		double max_logo_height; /* pt */
	} partners;

	struct {
		const char *pagination; /* "Page {page} / {pages}" */
		int paraphes; /* boxes for initials in handwritten mode */
		const char *paraphe_label; /* "Paraphes" */
		double height;		   /* pt reserved at the bottom */
	} footer;

	struct {
		int running_title; /* title on pages after the first */
		int reference;	   /* reference on every page */
		double height;	   /* pt reserved at the top of pages 2+ */
	} header;

	struct pp_charte_rules rules;
};

/*
 * Loads a charter: name is a folder under datadir/charte/ ("etat") or a
 * path to a charte.yaml or to its folder.  The file is checked against
 * charte/schema.yaml in datadir and every mistake is reported in d (NULL
 * returned when there is any error); other failures fill err.
 */
struct pp_charte *pp_charte_load(const char *datadir, const char *name,
				 struct pp_diags *d, struct pp_error *err);
void pp_charte_free(struct pp_charte *c);

/* The style called name ('-' and '_' alike); "corps" when unknown. */
const struct pp_style *pp_charte_style(const struct pp_charte *c,
				       const char *name);
/* The palette entry called name, or NULL. */
const struct pp_palette_entry *pp_charte_color(const struct pp_charte *c,
					       const char *name);
/* Parses "#RRGGBB" or "#RGB"; -1 when malformed. */
int pp_color_parse(const char *hex, struct pp_color *out);

#endif
