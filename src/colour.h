/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Colour science for the charter and the checker: sRGB to CIELAB, the
 * CIEDE2000 colour difference, the nearest colour of a palette, and the
 * WCAG relative luminance and contrast ratio.  Colours are sRGB with
 * channels in 0..1 (struct pp_color, charte.h).
 */
#ifndef PP_COLOUR_H
#define PP_COLOUR_H

#include <stddef.h>

#include "charte.h"

/* CIELAB (L*, a*, b*) of an sRGB colour under the D65 white point. */
void pp_colour_lab(const struct pp_color *c, double lab[3]);

/* The CIEDE2000 difference ΔE00 of two CIELAB colours, with the
 * parametric factors kL = kC = kH = 1 (Sharma, Wu and Dalal, 2005). */
double pp_colour_de2000_lab(const double lab1[3], const double lab2[3]);

/* ΔE00 of two sRGB colours. */
double pp_colour_de2000(const struct pp_color *a, const struct pp_color *b);

/*
 * The entry of palette (n entries) nearest to col in ΔE00: returns the
 * distance and sets *name to the entry's name (borrowed from the palette);
 * 1e9 and NULL when the palette is empty.
 */
double pp_colour_nearest(const struct pp_palette_entry *palette, size_t n,
			 const struct pp_color *col, const char **name);

/* WCAG 2 relative luminance: 0 for black, 1 for white. */
double pp_colour_luminance(const struct pp_color *c);

/* WCAG 2 contrast ratio of two colours, from 1 (same luminance) to 21
 * (black on white); the order of a and b does not matter. */
double pp_colour_contrast(const struct pp_color *a, const struct pp_color *b);

#endif
