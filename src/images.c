/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Images (images.h): sniffing, size limits, the per-document cache, and the
 * three loaders: PNG through cairo (the header's size checked first), JPEG
 * kept as the file's bytes for the PDF (libjpeg reads its header; previews
 * decode it), SVG through librsvg (opened on first use).
 */
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <png.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>

#include "buf.h"
#include "config.h"
#include "dynlib.h"
#include "i18n.h"
#include "images.h"
#include "xalloc.h"

/* librsvg, opened on the first SVG image (dynlib.h). */
#define SVG_FUNCS(X)                                                           \
	X(rsvg_handle_get_intrinsic_dimensions)                                \
	X(rsvg_handle_get_intrinsic_size_in_pixels)                            \
	X(rsvg_handle_new_from_data)                                           \
	X(rsvg_handle_new_from_file)                                           \
	X(rsvg_handle_render_document)                                         \
	X(rsvg_handle_set_dpi)
static struct {
	SVG_FUNCS(PP_DYNLIB_FUNC)
} svg;
static struct pp_dynlib svg_lib = PP_DYNLIB_INIT(
    PP_SONAME_RSVG, PP_LIBPATH_RSVG, PP_PACKAGE_RSVG, N_("draw SVG images"));

/* --- Sniffing ------------------------------------------------------------ */

static int
images_starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

/* 1 when s (len bytes) opens an <svg element: "<svg" then a space, '>'
 * or '/'. */
static int
images_svg_tag(const char *s, size_t len)
{
	return images_starts(s, len, "<svg") &&
	       (len == 4 || strchr(" \t\r\n>/", s[4]) != NULL);
}

enum pp_image_kind
pp_image_sniff(const void *data, size_t len)
{
	const unsigned char *u = data;
	const char *s = data;
	size_t i;

	if (len >= 8 && memcmp(u, "\x89PNG\r\n\x1a\n", 8) == 0)
		return PP_IMAGE_PNG;
	if (len >= 3 && u[0] == 0xFF && u[1] == 0xD8 && u[2] == 0xFF)
		return PP_IMAGE_JPEG;
	if (len > PP_IMAGE_SNIFF_BYTES)
		len = PP_IMAGE_SNIFF_BYTES;
	if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		s += 3;
		len -= 3;
	}
	while (len > 0 && strchr(" \t\r\n", *s) != NULL && *s != '\0') {
		s++;
		len--;
	}
	if (images_svg_tag(s, len))
		return PP_IMAGE_SVG;
	if (!images_starts(s, len, "<?xml") && !images_starts(s, len, "<!--") &&
	    !images_starts(s, len, "<!DOCTYPE"))
		return PP_IMAGE_UNKNOWN;
	for (i = 1; i + 4 <= len; i++)
		if (s[i] == '<' && images_svg_tag(s + i, len - i))
			return PP_IMAGE_SVG;
	return PP_IMAGE_UNKNOWN;
}

const char *
pp_image_media_type(enum pp_image_kind kind)
{
	switch (kind) {
	case PP_IMAGE_PNG:
		return "image/png";
	case PP_IMAGE_JPEG:
		return "image/jpeg";
	case PP_IMAGE_SVG:
		return "image/svg+xml";
	case PP_IMAGE_UNKNOWN:
		break;
	}
	return "application/octet-stream";
}

const char *
pp_image_extension(enum pp_image_kind kind)
{
	switch (kind) {
	case PP_IMAGE_PNG:
		return "png";
	case PP_IMAGE_JPEG:
		return "jpg";
	case PP_IMAGE_SVG:
		return "svg";
	case PP_IMAGE_UNKNOWN:
		break;
	}
	return "bin";
}

/* --- The schemas' "image" format ----------------------------------------- */

__attribute__((format(printf, 3, 4))) static int
images_say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why != NULL && size > 0) {
		va_start(ap, fmt);
		vsnprintf(why, size, fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
pp_image_file_check(const char *path, const char *name, char *why, size_t size)
{
	unsigned char head[PP_IMAGE_SNIFF_BYTES];
	size_t got = 0;
	struct stat st;
	int fd;

	if (stat(path, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			return images_say(why, size,
					  _("%s: this file does not exist "
					    "(paths are relative to the "
					    "form's folder)"),
					  name);
		return images_say(why, size,
				  _("%s: this file cannot be read: %s"), name,
				  strerror(errno));
	}
	if (S_ISDIR(st.st_mode))
		return images_say(why, size,
				  _("%s: this is a folder, not an image file"),
				  name);
	if (!S_ISREG(st.st_mode))
		return images_say(why, size,
				  _("%s: this is not an ordinary file"), name);
	if ((unsigned long long)st.st_size > PP_IMAGE_MAX_BYTES)
		return images_say(why, size,
				  _("%s: this file is %.1f MB; an image may be "
				    "%u MB at most"),
				  name, (double)st.st_size / (1024.0 * 1024.0),
				  PP_IMAGE_MAX_BYTES >> 20);
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return images_say(why, size,
				  _("%s: this file cannot be read: %s"), name,
				  strerror(errno));
	while (got < sizeof(head)) {
		ssize_t n = read(fd, head + got, sizeof(head) - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			images_say(why, size,
				   _("%s: this file cannot be read: %s"), name,
				   strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got == 0)
		return images_say(why, size, _("%s: this file is empty"), name);
	if (pp_image_sniff(head, got) == PP_IMAGE_UNKNOWN)
		return images_say(why, size,
				  _("%s: this file is not a PNG, JPEG or SVG "
				    "image"),
				  name);
	return 0;
}

/* --- The cache and the loaders ------------------------------------------- */

struct pp_image {
	char *path;
	enum pp_image_kind kind;
	int pw, ph;		   /* PNG, JPEG: pixels */
	double w, h;		   /* natural size: pixels, or points for SVG */
	cairo_surface_t *surface;  /* PNG: pixels; JPEG: blank + JPEG data */
	cairo_surface_t *pixels;   /* JPEG decoded, for previews (lazily) */
	const unsigned char *jpeg; /* JPEG: the file, owned by surface */
	size_t jpeg_len;
	RsvgHandle *svg;
	/* The file's bytes, what the memos compare (images_memo_find,
	 * pp_image_png). */
	GBytes *src;
	int refs; /* the sets holding it, and the load memo */
};

struct pp_images {
	GPtrArray *list; /* struct pp_image *; a document has few */
};

struct pp_images *
pp_images_new(void)
{
	struct pp_images *im = pp_xcalloc(1, sizeof(*im));

	im->list = g_ptr_array_new();
	return im;
}

static void
images_image_free(struct pp_image *img)
{
	if (!g_atomic_int_dec_and_test(&img->refs))
		return;
	if (img->surface != NULL)
		cairo_surface_destroy(img->surface);
	if (img->pixels != NULL)
		cairo_surface_destroy(img->pixels);
	if (img->svg != NULL)
		g_object_unref(img->svg);
	if (img->src != NULL)
		g_bytes_unref(img->src);
	g_free(img->path);
	free(img);
}

void
pp_images_free(struct pp_images *im)
{
	guint i;

	if (im == NULL)
		return;
	for (i = 0; i < im->list->len; i++)
		images_image_free(im->list->pdata[i]);
	g_ptr_array_free(im->list, TRUE);
	free(im);
}

/*
 * The images loaded last, whatever set loaded them: a kit's worker draws
 * a partner's logo in its convention's PDF and ODT, then in its fiche
 * projet's, and decoding a PNG logo was 2.5 M instructions each time.
 * An entry serves a load of the same path whose file has the same bytes
 * (read again each time: a file changed under the same name is loaded
 * anew), so a set gets the image it would have decoded.  Images are
 * shared by reference count; the memo holds one reference per entry.
 * Guarded for the threads of "paraphe serve" (they validate; none draws
 * while another does).
 */
#define IMAGES_LOAD_MEMO 4
static struct pp_image *images_loaded[IMAGES_LOAD_MEMO];
static unsigned images_loaded_next; /* the entry to replace next */
G_LOCK_DEFINE_STATIC(images_loaded);

/* The memo's image of path with these bytes, with a reference for the
 * caller, or NULL. */
static struct pp_image *
images_memo_find(const char *path, GBytes *src)
{
	struct pp_image *found = NULL;
	unsigned i;

	G_LOCK(images_loaded);
	for (i = 0; i < IMAGES_LOAD_MEMO && found == NULL; i++) {
		struct pp_image *img = images_loaded[i];

		if (img != NULL && strcmp(img->path, path) == 0 &&
		    g_bytes_equal(img->src, src)) {
			g_atomic_int_inc(&img->refs);
			found = img;
		}
	}
	G_UNLOCK(images_loaded);
	return found;
}

static void
images_memo_keep(struct pp_image *img)
{
	struct pp_image *old;

	g_atomic_int_inc(&img->refs);
	G_LOCK(images_loaded);
	old = images_loaded[images_loaded_next];
	images_loaded[images_loaded_next] = img;
	images_loaded_next = (images_loaded_next + 1) % IMAGES_LOAD_MEMO;
	G_UNLOCK(images_loaded);
	if (old != NULL)
		images_image_free(old);
}

const struct pp_image *
pp_images_find(const struct pp_images *im, const char *path)
{
	guint i;

	for (i = 0; im != NULL && path != NULL && i < im->list->len; i++) {
		const struct pp_image *img = im->list->pdata[i];

		if (strcmp(img->path, path) == 0)
			return img;
	}
	return NULL;
}

__attribute__((format(printf, 3, 4))) static int
images_fail(struct pp_error *err, const char *path, const char *fmt, ...)
{
	struct pp_pos pos = {path, 0, 0};
	char msg[1024], *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* One line: library messages (librsvg's) may end with a newline. */
	for (s = msg; *s != '\0'; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
	g_strchomp(msg);
	pp_error_set(err, PP_DIAG_IMAGE, &pos, "%s", msg);
	return -1;
}

static int
images_check_size(struct pp_image *img, long long w, long long h,
		  struct pp_error *err)
{
	if (w <= 0 || h <= 0)
		return images_fail(err, img->path, _("this image has no size"));
	if (w > PP_IMAGE_MAX_SIDE || h > PP_IMAGE_MAX_SIDE ||
	    w * h > (long long)PP_IMAGE_MAX_PIXELS)
		return images_fail(
		    err, img->path,
		    _("this image is %lld x %lld pixels; a logo may have %d "
		      "pixels a side and %u million pixels at most"),
		    w, h, PP_IMAGE_MAX_SIDE, PP_IMAGE_MAX_PIXELS / 1000000);
	img->pw = (int)w;
	img->ph = (int)h;
	img->w = (double)w;
	img->h = (double)h;
	return 0;
}

/* PNG, from memory through cairo. */
struct images_png_reader {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t
images_png_read_cb(void *closure, unsigned char *out, unsigned int len)
{
	struct images_png_reader *r = closure;

	if (r->len - r->at < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

static int
images_load_png(struct pp_image *img, const unsigned char *data, size_t len,
		struct pp_error *err)
{
	struct images_png_reader r = {data, len, 0};
	cairo_status_t st;

	/* The header's size first: nothing is allocated for a bomb. */
	if (len < 24 || memcmp(data + 12, "IHDR", 4) != 0)
		return images_fail(err, img->path,
				   _("this PNG image is damaged (no "
				     "header)"));
	if (images_check_size(
		img,
		(long long)((unsigned long)data[16] << 24 | data[17] << 16 |
			    data[18] << 8 | data[19]),
		(long long)((unsigned long)data[20] << 24 | data[21] << 16 |
			    data[22] << 8 | data[23]),
		err) != 0)
		return -1;
	img->surface =
	    cairo_image_surface_create_from_png_stream(images_png_read_cb, &r);
	st = cairo_surface_status(img->surface);
	if (st != CAIRO_STATUS_SUCCESS)
		return images_fail(err, img->path,
				   _("this PNG image cannot be read: %s"),
				   st == CAIRO_STATUS_READ_ERROR
				       ? _("the file is damaged or cut short")
				       : cairo_status_to_string(st));
	return 0;
}

/* JPEG: libjpeg's default error handler calls exit(); this one jumps
 * back with the message. */
struct images_jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
};

static void
images_jpeg_error_exit(j_common_ptr ci)
{
	struct images_jpeg_err *e = (struct images_jpeg_err *)ci->err;

	(*ci->err->format_message)(ci, e->msg);
	longjmp(e->jump, 1);
}

static void
images_jpeg_output_message(j_common_ptr ci)
{
	(void)ci; /* warnings (a truncated file...) are not printed */
}

/* Reads the header of img's JPEG; with into != NULL, decodes the pixels
 * into that RGB24 surface of the same size.  -1 with err filled. */
static int
images_jpeg_run(struct pp_image *img, cairo_surface_t *into,
		struct pp_error *err)
{
	struct jpeg_decompress_struct ci;
	struct images_jpeg_err je;

	memset(&ci, 0, sizeof(ci));
	memset(&je, 0, sizeof(je));
	ci.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = images_jpeg_error_exit;
	je.mgr.output_message = images_jpeg_output_message;
	if (setjmp(je.jump) != 0) {
		jpeg_destroy_decompress(&ci);
		return images_fail(err, img->path,
				   _("this JPEG image cannot be read: %s"),
				   je.msg);
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, img->jpeg, (unsigned long)img->jpeg_len);
	jpeg_read_header(&ci, TRUE);
	if (ci.jpeg_color_space == JCS_CMYK ||
	    ci.jpeg_color_space == JCS_YCCK) {
		jpeg_destroy_decompress(&ci);
		return images_fail(
		    err, img->path,
		    _("this JPEG image is in CMYK colours, which the PDF "
		      "would print wrongly; save it in RGB (or as PNG)"));
	}
	if (into == NULL) {
		long long w = ci.image_width, h = ci.image_height;

		jpeg_destroy_decompress(&ci);
		return images_check_size(img, w, h, err);
	}
	{
		unsigned char *px = cairo_image_surface_get_data(into);
		int stride = cairo_image_surface_get_stride(into);

		ci.out_color_space = G_BYTE_ORDER == G_LITTLE_ENDIAN
					 ? JCS_EXT_BGRX
					 : JCS_EXT_XRGB;
		cairo_surface_flush(into);
		jpeg_start_decompress(&ci);
		if ((int)ci.output_width != img->pw ||
		    (int)ci.output_height != img->ph) {
			jpeg_destroy_decompress(&ci);
			return images_fail(err, img->path,
					   _("this JPEG image cannot be "
					     "read: unexpected size"));
		}
		while (ci.output_scanline < ci.output_height) {
			JSAMPROW row = px + (size_t)stride * ci.output_scanline;

			jpeg_read_scanlines(&ci, &row, 1);
		}
		jpeg_finish_decompress(&ci);
		cairo_surface_mark_dirty(into);
	}
	jpeg_destroy_decompress(&ci);
	return 0;
}

/* Takes data (g_malloc'ed): the PDF embeds these very bytes. */
static int
images_load_jpeg(struct pp_image *img, unsigned char *data, size_t len,
		 struct pp_error *err)
{
	cairo_status_t st;

	img->jpeg = data;
	img->jpeg_len = len;
	if (images_jpeg_run(img, NULL, err) != 0) {
		g_free(data);
		img->jpeg = NULL;
		return -1;
	}
	/* The PDF backend never reads these pixels: a blank surface of the
	 * right size carries the JPEG data. */
	img->surface =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, img->pw, img->ph);
	st = cairo_surface_set_mime_data(img->surface, CAIRO_MIME_TYPE_JPEG,
					 data, len, g_free, data);
	if (st != CAIRO_STATUS_SUCCESS) {
		g_free(data);
		img->jpeg = NULL;
		return images_fail(err, img->path,
				   _("this JPEG image cannot be used: %s"),
				   cairo_status_to_string(st));
	}
	return 0;
}

static int
images_load_svg(struct pp_image *img, const unsigned char *data, size_t len,
		struct pp_error *err)
{
	GError *gerr = NULL;
	gdouble w = 0, h = 0;

	if (PP_DYNLIB_LOAD(&svg_lib, SVG_FUNCS, svg, err) != 0)
		return -1;
	/* From memory, without a base file: an SVG logo cannot pull in other
	 * files. */
	img->svg = svg.rsvg_handle_new_from_data(data, len, &gerr);
	if (img->svg == NULL) {
		images_fail(err, img->path,
			    _("this SVG image cannot be read: %s"),
			    gerr != NULL ? gerr->message : "?");
		g_clear_error(&gerr);
		return -1;
	}
	svg.rsvg_handle_set_dpi(img->svg, 72);
	if (!svg.rsvg_handle_get_intrinsic_size_in_pixels(img->svg, &w, &h)) {
		gboolean has_w, has_h, has_vb;
		RsvgLength lw, lh;
		RsvgRectangle vb;

		svg.rsvg_handle_get_intrinsic_dimensions(
		    img->svg, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
		if (has_vb) {
			w = vb.width;
			h = vb.height;
		}
	}
	if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6))
		return images_fail(err, img->path,
				   _("this SVG image gives no size (no "
				     "width and height, no viewBox)"));
	img->w = w;
	img->h = h;
	return 0;
}

/* The image in data (len bytes, taken; src, their copy, taken too), read
 * from path: NULL with err filled when it cannot be used. */
static struct pp_image *
images_decode(const char *path, gchar *data, gsize len, GBytes *src,
	      struct pp_error *err)
{
	struct pp_image *img = pp_xcalloc(1, sizeof(*img));
	int rc;

	img->refs = 1;
	img->src = src;
	img->path = g_strdup(path);
	img->kind = pp_image_sniff(data, len);
	switch (img->kind) {
	case PP_IMAGE_PNG:
		rc = images_load_png(img, (unsigned char *)data, len, err);
		g_free(data);
		break;
	case PP_IMAGE_JPEG:
		rc = images_load_jpeg(img, (unsigned char *)data, len, err);
		break;
	case PP_IMAGE_SVG:
		rc = images_load_svg(img, (unsigned char *)data, len, err);
		g_free(data);
		break;
	case PP_IMAGE_UNKNOWN:
	default:
		rc = images_fail(
		    err, path, _("this file is not a PNG, JPEG or SVG image"));
		g_free(data);
		break;
	}
	if (rc != 0) {
		images_image_free(img);
		return NULL;
	}
	return img;
}

int
pp_images_load(struct pp_images *im, const char *path, enum pp_image_kind *kind,
	       double *w, double *h, struct pp_error *err)
{
	const struct pp_image *found = pp_images_find(im, path);
	struct pp_image *img;
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	struct stat st;
	GBytes *src;

	if (found == NULL) {
		if (stat(path, &st) != 0)
			return images_fail(err, path,
					   _("this image cannot be read: %s"),
					   strerror(errno));
		if (!S_ISREG(st.st_mode))
			return images_fail(err, path,
					   _("this image is not an "
					     "ordinary file"));
		if ((unsigned long long)st.st_size > PP_IMAGE_MAX_BYTES)
			return images_fail(err, path,
					   _("this image is larger than %u "
					     "MB"),
					   PP_IMAGE_MAX_BYTES >> 20);
		if (!g_file_get_contents(path, &data, &len, &gerr)) {
			images_fail(err, path,
				    _("this image cannot be read: %s"),
				    gerr->message);
			g_clear_error(&gerr);
			return -1;
		}
		src = g_bytes_new(data, len);
		img = images_memo_find(path, src);
		if (img != NULL) {
			g_bytes_unref(src);
			g_free(data);
		} else {
			img = images_decode(path, data, len, src, err);
			if (img == NULL)
				return -1;
			images_memo_keep(img);
		}
		g_ptr_array_add(im->list, img);
		found = img;
	}
	if (kind != NULL)
		*kind = found->kind;
	if (w != NULL)
		*w = found->w;
	if (h != NULL)
		*h = found->h;
	return 0;
}

/* --- Drawing ------------------------------------------------------------ */

int
pp_images_decode_pixels(struct pp_images *im, struct pp_error *err)
{
	guint i;

	for (i = 0; im != NULL && i < im->list->len; i++) {
		struct pp_image *img = im->list->pdata[i];

		if (img->kind != PP_IMAGE_JPEG || img->pixels != NULL)
			continue;
		img->pixels = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 img->pw, img->ph);
		if (cairo_surface_status(img->pixels) != CAIRO_STATUS_SUCCESS)
			return images_fail(err, img->path,
					   _("not enough memory for this "
					     "image"));
		if (images_jpeg_run(img, img->pixels, err) != 0)
			return -1;
	}
	return 0;
}

int
pp_image_draw(const struct pp_image *img, cairo_t *cr, double x, double y,
	      double w, double h, struct pp_error *err)
{
	int preview = cairo_surface_get_type(cairo_get_target(cr)) !=
		      CAIRO_SURFACE_TYPE_PDF;

	cairo_save(cr);
	if (img->kind == PP_IMAGE_SVG) {
		RsvgRectangle vp = {x, y, w, h};
		GError *gerr = NULL;

		if (!svg.rsvg_handle_render_document(img->svg, cr, &vp,
						     &gerr)) {
			cairo_restore(cr);
			images_fail(err, img->path,
				    _("this SVG image cannot be drawn: %s"),
				    gerr != NULL ? gerr->message : "?");
			g_clear_error(&gerr);
			return -1;
		}
	} else {
		cairo_surface_t *s =
		    preview && img->pixels != NULL ? img->pixels : img->surface;

		cairo_translate(cr, x, y);
		cairo_scale(cr, w / img->pw, h / img->ph);
		cairo_set_source_surface(cr, s, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
					 CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0, img->pw, img->ph);
		cairo_fill(cr);
	}
	cairo_restore(cr);
	return 0;
}

int
pp_image_raster_side(double points)
{
	double px = points * PP_IMAGE_RASTER_DPI / 72.0 + 0.5;

	if (!(px >= 1))
		return 1;
	if (px > PP_IMAGE_MAX_SIDE)
		return PP_IMAGE_MAX_SIDE;
	return (int)px;
}

/*
 * The PNGs pp_image_png drew last, by the SVG's bytes and the size: a
 * kit's worker writes a partner's convention and fiche projet one after
 * the other, each ODT with the partner's logo at the same size, and
 * drawing and compressing it is the largest part of an ODT (36 M
 * instructions for a 1 KB logo at 300 dpi).  The same bytes at the same
 * size give the same PNG, so a copy is as good.  A few entries, each at
 * most IMAGES_MEMO_MAX_BYTES; guarded for the threads of "paraphe serve".
 */
#define IMAGES_MEMO_ENTRIES   4
#define IMAGES_MEMO_MAX_BYTES (2u << 20)
static struct images_memo {
	GBytes *src; /* NULL: empty */
	int w, h;
	struct pp_buf png;
} images_memo[IMAGES_MEMO_ENTRIES];
static unsigned images_memo_next; /* the entry to replace next */
G_LOCK_DEFINE_STATIC(images_memo);

/* Appends the memo's PNG of src at w x h to out: 1 when it had one. */
static int
images_memo_get(GBytes *src, int w, int h, struct pp_buf *out)
{
	int found = 0;
	unsigned i;

	G_LOCK(images_memo);
	for (i = 0; i < IMAGES_MEMO_ENTRIES && !found; i++) {
		struct images_memo *m = &images_memo[i];

		if (m->src != NULL && m->w == w && m->h == h &&
		    g_bytes_equal(m->src, src)) {
			pp_buf_add(out, m->png.data, m->png.len);
			found = 1;
		}
	}
	G_UNLOCK(images_memo);
	return found;
}

static void
images_memo_put(GBytes *src, int w, int h, const void *png, size_t len)
{
	struct images_memo *m;

	if (len > IMAGES_MEMO_MAX_BYTES)
		return;
	G_LOCK(images_memo);
	m = &images_memo[images_memo_next];
	images_memo_next = (images_memo_next + 1) % IMAGES_MEMO_ENTRIES;
	if (m->src != NULL) {
		g_bytes_unref(m->src);
		pp_buf_fini(&m->png);
	}
	m->src = g_bytes_ref(src);
	m->w = w;
	m->h = h;
	pp_buf_init(&m->png);
	pp_buf_add(&m->png, png, len);
	G_UNLOCK(images_memo);
}

/*
 * The PNG of s (ARGB32, premultiplied), appended to out: the pixels
 * cairo_surface_write_to_png_stream would write (the same unpremultiplied
 * RGBA samples, RGB when every pixel is opaque, the same white bKGD), but
 * compressed more cheaply.  cairo leaves libpng's defaults: each row
 * filtered five ways to keep the best, then deflated at level 6, which was
 * 36 M instructions for a 331 x 165 logo (the largest part of an ODT with
 * an SVG logo).  Logos are flat colours on transparency, which deflate
 * finds without filtering: no filter and level 3 cost a fifth of that and
 * give a file 5 to 15 % smaller (doc/performance.md).
 */
#define IMAGES_PNG_LEVEL 3

struct images_png_out {
	struct pp_buf *out;
	jmp_buf jump;
};

static void
images_png_write_cb(png_structp png, png_bytep data, size_t len)
{
	struct images_png_out *w = png_get_io_ptr(png);

	pp_buf_add(w->out, data, len);
}

static void
images_png_flush_cb(png_structp png)
{
	(void)png;
}

static void
images_png_error_cb(png_structp png, png_const_charp msg)
{
	struct images_png_out *w = png_get_error_ptr(png);

	(void)msg;
	longjmp(w->jump, 1);
}

static void
images_png_warning_cb(png_structp png, png_const_charp msg)
{
	(void)png;
	(void)msg;
}

/* Row y of s as PNG samples: RGBA unpremultiplied as cairo rounds it
 * (colour * 255 + alpha / 2) / alpha, or RGB when opaque. */
static void
images_png_row(const unsigned char *src, int w, int opaque, unsigned char *row)
{
	int x;

	for (x = 0; x < w; x++) {
		guint32 px;
		unsigned a, r, g, b;

		memcpy(&px, src + 4 * (size_t)x, 4);
		a = px >> 24;
		r = (px >> 16) & 0xff;
		g = (px >> 8) & 0xff;
		b = px & 0xff;
		if (opaque) {
			row[0] = (unsigned char)r;
			row[1] = (unsigned char)g;
			row[2] = (unsigned char)b;
			row += 3;
			continue;
		}
		if (a == 0) {
			r = g = b = 0;
		} else if (a != 0xff) {
			r = (r * 255 + a / 2) / a;
			g = (g * 255 + a / 2) / a;
			b = (b * 255 + a / 2) / a;
		}
		row[0] = (unsigned char)r;
		row[1] = (unsigned char)g;
		row[2] = (unsigned char)b;
		row[3] = (unsigned char)a;
		row += 4;
	}
}

/* 0, or -1 when libpng failed (only memory can: the output is memory). */
static int
images_png_encode(cairo_surface_t *s, struct pp_buf *out)
{
	const unsigned char *data = cairo_image_surface_get_data(s);
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	struct images_png_out po;
	png_structp png;
	png_infop info;
	png_color_16 white = {0, 255, 255, 255, 255};
	unsigned char *row;
	size_t start = out->len;
	int opaque = 1, x, y;

	po.out = out;
	for (y = 0; y < h && opaque; y++) {
		const unsigned char *src = data + (size_t)stride * (size_t)y;

		for (x = 0; x < w && opaque; x++) {
			guint32 px;

			memcpy(&px, src + 4 * (size_t)x, 4);
			opaque = (px >> 24) == 0xff;
		}
	}
	png =
	    png_create_write_struct(PNG_LIBPNG_VER_STRING, &po,
				    images_png_error_cb, images_png_warning_cb);
	if (png == NULL)
		return -1;
	info = png_create_info_struct(png);
	row = pp_xmalloc((size_t)w * 4);
	if (info == NULL) {
		png_destroy_write_struct(&png, NULL);
		free(row);
		return -1;
	}
	/* Nothing that this function uses after a jump changes past here. */
	if (setjmp(po.jump) != 0) {
		png_destroy_write_struct(&png, &info);
		free(row);
		out->len = start;
		return -1;
	}
	png_set_write_fn(png, &po, images_png_write_cb, images_png_flush_cb);
	png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
		     opaque ? PNG_COLOR_TYPE_RGB : PNG_COLOR_TYPE_RGB_ALPHA,
		     PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
		     PNG_FILTER_TYPE_DEFAULT);
	png_set_bKGD(png, info, &white);
	png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
	png_set_compression_level(png, IMAGES_PNG_LEVEL);
	png_write_info(png, info);
	for (y = 0; y < h; y++) {
		images_png_row(data + (size_t)stride * (size_t)y, w, opaque,
			       row);
		png_write_row(png, row);
	}
	png_write_end(png, info);
	png_destroy_write_struct(&png, &info);
	free(row);
	return 0;
}

int
pp_image_png(const struct pp_image *img, int w, int h, struct pp_buf *out,
	     struct pp_error *err)
{
	cairo_surface_t *s;
	cairo_t *cr;
	size_t start = out->len;
	int rc = -1;

	if (img->src != NULL && images_memo_get(img->src, w, h, out))
		return 0;
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		return images_fail(err, img->path,
				   _("not enough memory for this image"));
	}
	cr = cairo_create(s);
	if (pp_image_draw(img, cr, 0, 0, w, h, err) == 0) {
		cairo_surface_flush(s);
		if (images_png_encode(s, out) == 0)
			rc = 0;
		else
			/* Into memory: only memory can fail. */
			images_fail(err, img->path,
				    _("not enough memory for this image"));
	}
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	if (rc == 0 && img->src != NULL)
		images_memo_put(img->src, w, h, out->data + start,
				out->len - start);
	return rc;
}
