/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Images: the artwork documents show (partner logos, the charter's
 * bloc-marque) in PNG, JPEG or SVG.  This module tells the formats apart by
 * their first bytes, bounds what a file may cost (bytes on disk, pixels in
 * memory: an image bomb is refused from its header, before anything is
 * allocated), loads each file once into a cache, and draws it with cairo:
 * PNG as pixels, JPEG passed through to a PDF as JPEG (decoded only for
 * raster previews), SVG kept vector through librsvg, which is opened on the
 * first SVG (dynlib.h).  The layout, the PDF and ODT writers use it; it knows
 * nothing of them.
 */
#ifndef PP_IMAGES_H
#define PP_IMAGES_H

#include <cairo.h>
#include <stddef.h>

#include "diag.h"

enum pp_image_kind {
	PP_IMAGE_UNKNOWN,
	PP_IMAGE_PNG,
	PP_IMAGE_JPEG,
	PP_IMAGE_SVG,
};

/* --- Limits -------------------------------------------------------------
 *
 * The largest image file a form or a charter may name.  PP_IMAGE_MAX_SIDE
 * and PP_IMAGE_MAX_PIXELS bound what such a file may ask to allocate (a PNG
 * of zeros compresses about 1000:1); a logo printed 18 mm high needs a few
 * hundred pixels. */
#define PP_IMAGE_MAX_BYTES  (5u << 20)
#define PP_IMAGE_MAX_SIDE   10000
#define PP_IMAGE_MAX_PIXELS (25u * 1000 * 1000)

/* --- Sniffing ----------------------------------------------------------- */

/* PP_IMAGE_SVG: "<svg", or "<?xml" (or a comment or doctype) with an <svg
 * root within the first PP_IMAGE_SNIFF_BYTES bytes. */
#define PP_IMAGE_SNIFF_BYTES 1024

/* The kind of image whose file starts with the len bytes of data (give at
 * least PP_IMAGE_SNIFF_BYTES when the file has them). */
enum pp_image_kind pp_image_sniff(const void *data, size_t len);

/* The media type of a kind ("image/png"...), and the file extension its
 * copies take ("png", "jpg", "svg"); static strings. */
const char *pp_image_media_type(enum pp_image_kind kind);
const char *pp_image_extension(enum pp_image_kind kind);

/*
 * The checks of the schemas' "image" format, which do not decode the image:
 * path exists, is an ordinary file of at most PP_IMAGE_MAX_BYTES, is not
 * empty and starts like a PNG, JPEG or SVG image.  0, or -1 with a
 * translated explanation in why (size bytes) that starts with name, the
 * path as the form wrote it (relative to the form's folder).
 */
int pp_image_file_check(const char *path, const char *name, char *why,
			size_t size);

/* --- The cache ----------------------------------------------------------
 *
 * The images of a document, each loaded once and drawn from there.  Used
 * by one thread at a time. */
struct pp_images;
/* One loaded image, owned by its cache. */
struct pp_image;

struct pp_images *pp_images_new(void);
/* Frees im and its images; NULL is harmless. */
void pp_images_free(struct pp_images *im);

/*
 * Loads path (once: later calls answer from the cache) and gives its kind
 * and natural size: pixels for PNG and JPEG, points (72 dpi) for SVG; any
 * of kind, w and h may be NULL.  -1 with err filled, at the file's name:
 * unreadable, larger than PP_IMAGE_MAX_BYTES, not an image, damaged, more
 * than PP_IMAGE_MAX_SIDE pixels a side or PP_IMAGE_MAX_PIXELS pixels, a
 * CMYK JPEG (cairo 1.16 would print it with wrong colours), an SVG that
 * gives no size.
 */
int pp_images_load(struct pp_images *im, const char *path,
		   enum pp_image_kind *kind, double *w, double *h,
		   struct pp_error *err);

/* The image pp_images_load loaded from path (borrowed), or NULL; im may be
 * NULL. */
const struct pp_image *pp_images_find(const struct pp_images *im,
				      const char *path);

/*
 * Decodes what drawing on a raster surface (PNG previews) needs and a PDF
 * does without: the pixels of the JPEG images of im (NULL: none), once.
 * -1 with err filled, at the file's name.
 */
int pp_images_decode_pixels(struct pp_images *im, struct pp_error *err);

/*
 * Draws img into the box x, y, w, h (user units of cr; the caller keeps the
 * aspect ratio): on a PDF surface, JPEG data passes through as JPEG; on
 * another surface, JPEGs need pp_images_decode_pixels first.  -1 with err
 * filled, at the file's name, when librsvg cannot draw an SVG.
 */
int pp_image_draw(const struct pp_image *img, cairo_t *cr, double x, double y,
		  double w, double h, struct pp_error *err);

/*
 * The bytes of a PNG file (appended to out) showing img at w x h pixels,
 * drawn as the PDF draws it.  For SVG artwork in an ODT: an SVG file copied
 * there could carry scripts, event attributes, external references and
 * styles that fetch (an office suite opening the ODT would run or follow
 * them), and another renderer could show it otherwise; librsvg's rendering,
 * which reads nothing but the image's own bytes, shows what the PDF shows.
 * -1 with err filled, at the file's name.
 */
struct pp_buf;
int pp_image_png(const struct pp_image *img, int w, int h, struct pp_buf *out,
		 struct pp_error *err);

/* Pixels for d points printed at PP_IMAGE_RASTER_DPI, between 1 and
 * PP_IMAGE_MAX_SIDE. */
#define PP_IMAGE_RASTER_DPI 300
int pp_image_raster_side(double points);

#endif
