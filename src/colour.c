/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Colour science (colour.h): sRGB to CIELAB, CIEDE2000, palette matching,
 * WCAG luminance and contrast.  tests/unit/test-colour.c checks CIEDE2000
 * against the published test pairs of Sharma, Wu and Dalal.
 */
#include <math.h>

#include "colour.h"

/* An sRGB channel (0..1) made linear. */
static double
colour_linear(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

void
pp_colour_lab(const struct pp_color *c, double lab[3])
{
	double r = colour_linear(c->r), g = colour_linear(c->g),
	       b = colour_linear(c->b);
	double x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
	double y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
	double z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
	double v[3] = {x, y, z};
	int i;

	for (i = 0; i < 3; i++)
		v[i] = v[i] > 0.008856 ? cbrt(v[i])
				       : (7.787 * v[i] + 16.0 / 116.0);
	lab[0] = 116 * v[1] - 16;
	lab[1] = 500 * (v[0] - v[1]);
	lab[2] = 200 * (v[1] - v[2]);
}

double
pp_colour_de2000_lab(const double l1[3], const double l2[3])
{
	double C1, C2, Cb, G, a1, a2, Cp1, Cp2, h1, h2, dL, dC, dh, dH, Lb, Cpb,
	    hb, T, dtheta, Rc, Sl, Sc, Sh, Rt;
	const double deg = M_PI / 180.0;

	C1 = hypot(l1[1], l1[2]);
	C2 = hypot(l2[1], l2[2]);
	Cb = (C1 + C2) / 2;
	G = 0.5 * (1 - sqrt(pow(Cb, 7) / (pow(Cb, 7) + pow(25, 7))));
	a1 = (1 + G) * l1[1];
	a2 = (1 + G) * l2[1];
	Cp1 = hypot(a1, l1[2]);
	Cp2 = hypot(a2, l2[2]);
	h1 = atan2(l1[2], a1) / deg;
	h2 = atan2(l2[2], a2) / deg;
	if (h1 < 0)
		h1 += 360;
	if (h2 < 0)
		h2 += 360;
	dL = l2[0] - l1[0];
	dC = Cp2 - Cp1;
	dh = Cp1 * Cp2 == 0	    ? 0
	     : fabs(h2 - h1) <= 180 ? h2 - h1
	     : h2 - h1 > 180	    ? h2 - h1 - 360
				    : h2 - h1 + 360;
	dH = 2 * sqrt(Cp1 * Cp2) * sin(dh / 2 * deg);
	Lb = (l1[0] + l2[0]) / 2;
	Cpb = (Cp1 + Cp2) / 2;
	hb = Cp1 * Cp2 == 0	    ? h1 + h2
	     : fabs(h1 - h2) <= 180 ? (h1 + h2) / 2
	     : h1 + h2 < 360	    ? (h1 + h2 + 360) / 2
				    : (h1 + h2 - 360) / 2;
	T = 1 - 0.17 * cos((hb - 30) * deg) + 0.24 * cos(2 * hb * deg) +
	    0.32 * cos((3 * hb + 6) * deg) - 0.20 * cos((4 * hb - 63) * deg);
	dtheta = 30 * exp(-pow((hb - 275) / 25, 2));
	Rc = 2 * sqrt(pow(Cpb, 7) / (pow(Cpb, 7) + pow(25, 7)));
	Sl = 1 + 0.015 * pow(Lb - 50, 2) / sqrt(20 + pow(Lb - 50, 2));
	Sc = 1 + 0.045 * Cpb;
	Sh = 1 + 0.015 * Cpb * T;
	Rt = -sin(2 * dtheta * deg) * Rc;
	return sqrt(pow(dL / Sl, 2) + pow(dC / Sc, 2) + pow(dH / Sh, 2) +
		    Rt * (dC / Sc) * (dH / Sh));
}

double
pp_colour_de2000(const struct pp_color *a, const struct pp_color *b)
{
	double la[3], lb[3];

	pp_colour_lab(a, la);
	pp_colour_lab(b, lb);
	return pp_colour_de2000_lab(la, lb);
}

double
pp_colour_nearest(const struct pp_palette_entry *palette, size_t n,
		  const struct pp_color *col, const char **name)
{
	double best = 1e9, lab[3];
	size_t i;

	*name = NULL;
	pp_colour_lab(col, lab); /* once, not once per entry */
	for (i = 0; i < n; i++) {
		double entry[3], d;

		pp_colour_lab(&palette[i].color, entry);
		d = pp_colour_de2000_lab(lab, entry);

		if (d < best) {
			best = d;
			*name = palette[i].name;
		}
	}
	return best;
}

double
pp_colour_luminance(const struct pp_color *c)
{
	return 0.2126 * colour_linear(c->r) + 0.7152 * colour_linear(c->g) +
	       0.0722 * colour_linear(c->b);
}

double
pp_colour_contrast(const struct pp_color *a, const struct pp_color *b)
{
	double la = pp_colour_luminance(a), lb = pp_colour_luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
