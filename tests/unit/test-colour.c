/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/colour.c: CIEDE2000 against the 34 published test
 * pairs of Sharma, Wu and Dalal, "The CIEDE2000 Color-Difference Formula:
 * Implementation Notes, Supplementary Test Data, and Mathematical
 * Observations", Color Research and Application 30(1), 2005, table 1 (to
 * the four decimals printed there, both ways round); sRGB to CIELAB; the
 * nearest palette colour; WCAG luminance and contrast.
 */
#include "colour.h"

#include "../harness.h"

#include <math.h>
#include <stdio.h>

/* L1 a1 b1, L2 a2 b2, ΔE00 */
static const double sharma[][7] = {
    {50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425},
    {50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615},
    {50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412},
    {50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000},
    {50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669},
    {50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195},
    {50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045},
    {50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461},
    {50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065},
    {50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492},
    {50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977},
    {50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030},
    {50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000},
    {50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000},
    {60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644},
    {63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630},
    {61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731},
    {35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645},
    {22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373},
    {36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146},
    {90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441},
    {90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381},
    {6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377},
    {2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082},
};

/* got within tolerance of want; prints both when not. */
static void
near(double got, double want, double tolerance, const char *name)
{
	if (!OK(fabs(got - want) <= tolerance, name))
		printf("#   got %.6f, want %.6f\n", got, want);
}

static void
test_de2000_sharma(void)
{
	size_t i;

	for (i = 0; i < sizeof(sharma) / sizeof(sharma[0]); i++) {
		const double *p = sharma[i];
		char name[96];

		snprintf(name, sizeof(name), "Sharma pair %zu: ΔE00 %.4f",
			 i + 1, p[6]);
		near(pp_colour_de2000_lab(p, p + 3), p[6], 0.00005, name);
		snprintf(name, sizeof(name),
			 "Sharma pair %zu the other way round", i + 1);
		near(pp_colour_de2000_lab(p + 3, p), p[6], 0.00005, name);
	}
}

static void
test_lab(void)
{
	static const struct pp_color white = {1, 1, 1}, black = {0, 0, 0},
				     red = {1, 0, 0},
				     grey = {0x80 / 255.0, 0x80 / 255.0,
					     0x80 / 255.0};
	double lab[3];

	pp_colour_lab(&white, lab);
	near(lab[0], 100, 0.001, "white: L* 100");
	OK(fabs(lab[1]) < 0.02 && fabs(lab[2]) < 0.02, "white: a*, b* about 0");
	pp_colour_lab(&black, lab);
	OK(lab[0] == 0 && lab[1] == 0 && lab[2] == 0, "black: 0, 0, 0");
	/* sRGB red is L* 53.24, a* 80.09, b* 67.20 (IEC 61966-2-1, D65). */
	pp_colour_lab(&red, lab);
	near(lab[0], 53.24, 0.05, "red: L* 53.24");
	near(lab[1], 80.09, 0.05, "red: a* 80.09");
	near(lab[2], 67.20, 0.05, "red: b* 67.20");
	/* #808080 is L* 53.59. */
	pp_colour_lab(&grey, lab);
	near(lab[0], 53.59, 0.05, "#808080: L* 53.59");
	near(pp_colour_de2000(&red, &red), 0, 0, "ΔE00 of a colour to itself");
}

static void
test_nearest(void)
{
	static const struct pp_palette_entry palette[] = {
	    {"bleu_france", "#000091", {0, 0, 0x91 / 255.0}},
	    {"rouge_marianne", "#e1000f", {0xe1 / 255.0, 0, 0x0f / 255.0}},
	};
	const struct pp_color dark_red = {0.8, 0.05, 0.05};
	const char *name = "unset";
	double d;

	d = pp_colour_nearest(palette, 2, &dark_red, &name);
	STR_EQ(name, "rouge_marianne", "dark red: nearest is rouge_marianne");
	near(d, pp_colour_de2000(&dark_red, &palette[1].color), 0,
	     "dark red: the distance to it");
	d = pp_colour_nearest(palette, 0, &dark_red, &name);
	OK(name == NULL && d == 1e9, "an empty palette: no name, 1e9");
}

static void
test_contrast(void)
{
	static const struct pp_color white = {1, 1, 1}, black = {0, 0, 0},
				     grey = {0x76 / 255.0, 0x76 / 255.0,
					     0x76 / 255.0};

	OK(pp_colour_luminance(&white) == 1, "white: luminance 1");
	OK(pp_colour_luminance(&black) == 0, "black: luminance 0");
	OK(pp_colour_contrast(&black, &white) == 21, "black on white: 21:1");
	OK(pp_colour_contrast(&white, &black) == 21, "either order");
	OK(pp_colour_contrast(&white, &white) == 1, "white on white: 1:1");
	/* #767676, the lightest grey that passes WCAG AA on white: 4.54:1 */
	near(pp_colour_contrast(&grey, &white), 4.54, 0.005,
	     "#767676 on white: 4.54:1");
}

int
main(void)
{
	test_de2000_sharma();
	test_lab();
	test_nearest();
	test_contrast();
	return harness_done();
}
