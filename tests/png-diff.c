/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * png-diff A.png B.png MAX_MEAN_DIFF: compares two page previews the way a
 * reader sees them, both laid on white paper.  Prints the mean absolute
 * difference per colour channel (0-255, over R, G and B of every pixel) and
 * the share of pixels where a channel differs by more than 64 (a glyph or a
 * rule that moved, not antialiasing).  Exit status: 0 when the mean is at
 * most MAX_MEAN_DIFF, 1 when it is larger or the sizes differ, 2 on a usage
 * or file error.
 */
#include <cairo.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* The PNG at path painted over white into an RGB24 surface, or NULL. */
static cairo_surface_t *
load(const char *path)
{
	cairo_surface_t *png, *flat;
	cairo_t *cr;

	png = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(png) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png-diff: %s: %s\n", path,
			cairo_status_to_string(cairo_surface_status(png)));
		cairo_surface_destroy(png);
		return NULL;
	}
	flat = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
					  cairo_image_surface_get_width(png),
					  cairo_image_surface_get_height(png));
	cr = cairo_create(flat);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_surface(cr, png, 0, 0);
	cairo_paint(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(png);
	if (cairo_surface_status(flat) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png-diff: %s: %s\n", path,
			cairo_status_to_string(cairo_surface_status(flat)));
		cairo_surface_destroy(flat);
		return NULL;
	}
	cairo_surface_flush(flat);
	return flat;
}

/* Row y of an image surface, as 32-bit pixels. */
static const uint32_t *
row(cairo_surface_t *s, int y)
{
	const unsigned char *data = cairo_image_surface_get_data(s);
	size_t stride = (size_t)cairo_image_surface_get_stride(s);

	return (const uint32_t *)(const void *)(data + (size_t)y * stride);
}

static int
channel_diff(uint32_t a, uint32_t b, int shift)
{
	int ca = (int)((a >> shift) & 0xff), cb = (int)((b >> shift) & 0xff);

	return ca > cb ? ca - cb : cb - ca;
}

int
main(int argc, char **argv)
{
	cairo_surface_t *a, *b;
	double max_mean, mean;
	char *end;
	int w, h, x, y, status;
	unsigned long long sum = 0, far = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: png-diff A.png B.png MAX_MEAN_DIFF\n");
		return 2;
	}
	errno = 0;
	max_mean = strtod(argv[3], &end);
	if (errno != 0 || end == argv[3] || *end != '\0' || max_mean < 0) {
		fprintf(stderr, "png-diff: bad MAX_MEAN_DIFF: %s\n", argv[3]);
		return 2;
	}
	a = load(argv[1]);
	b = a != NULL ? load(argv[2]) : NULL;
	if (a == NULL || b == NULL) {
		if (a != NULL)
			cairo_surface_destroy(a);
		return 2;
	}
	w = cairo_image_surface_get_width(a);
	h = cairo_image_surface_get_height(a);
	if (w != cairo_image_surface_get_width(b) ||
	    h != cairo_image_surface_get_height(b)) {
		printf("size differs: %dx%d and %dx%d\n", w, h,
		       cairo_image_surface_get_width(b),
		       cairo_image_surface_get_height(b));
		cairo_surface_destroy(a);
		cairo_surface_destroy(b);
		return 1;
	}
	for (y = 0; y < h; y++) {
		const uint32_t *ra = row(a, y), *rb = row(b, y);

		for (x = 0; x < w; x++) {
			int dr = channel_diff(ra[x], rb[x], 16);
			int dg = channel_diff(ra[x], rb[x], 8);
			int db = channel_diff(ra[x], rb[x], 0);

			sum += (unsigned long long)(dr + dg + db);
			if (dr > 64 || dg > 64 || db > 64)
				far++;
		}
	}
	mean = w > 0 && h > 0 ? (double)sum / (3.0 * w * h) : 0;
	status = mean <= max_mean ? 0 : 1;
	printf("mean difference %.4f (max %.4f), %.4f%% of pixels differ by "
	       "more than 64: %s\n",
	       mean, max_mean,
	       w > 0 && h > 0 ? 100.0 * (double)far / ((double)w * h) : 0.0,
	       status == 0 ? "same" : "DIFFERENT");
	cairo_surface_destroy(a);
	cairo_surface_destroy(b);
	return status;
}
