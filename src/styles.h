/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The names of the charter's styles and colours that the code asks for,
 * shared by the layout (PDF) and the ODT writer so that both set the same
 * text in the same style.  A charter defines them (charte.yaml, styles and
 * palette); pp_charte_style() answers corps for a style it lacks.
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

#endif
