/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Drawing laid-out pages with Cairo: a tagged PDF with metadata, bookmarks
 * and links, written to a temporary file and renamed; or PNG previews.
 * Also the images the pages show (partner logos), loaded once per set of
 * pages: PNG through cairo, JPEG passed through to the PDF as JPEG (libjpeg
 * reads its header; previews decode it), SVG through librsvg (vector).
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <librsvg/rsvg.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h> /* before jpeglib.h, which needs FILE */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jpeglib.h>

#include "config.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "layout.h"
#include "schema.h"
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

/* --- Images ---------------------------------------------------------------
 *
 * PP_IMAGE_MAX_SIDE and PP_IMAGE_MAX_PIXELS bound what a 5 MB file may ask
 * to allocate (a PNG of zeros compresses about 1000:1); a logo printed
 * 18 mm high needs a few hundred pixels. */
#define PDF_IMAGE_MAX_SIDE   10000
#define PDF_IMAGE_MAX_PIXELS (25u * 1000 * 1000)

struct pdf_image {
	char *path;
	enum pp_image_kind kind;
	int pw, ph;		   /* PNG, JPEG: pixels */
	double w, h;		   /* natural size: pixels, or points for SVG */
	cairo_surface_t *surface;  /* PNG: pixels; JPEG: blank + JPEG data */
	cairo_surface_t *pixels;   /* JPEG decoded, for previews (lazily) */
	const unsigned char *jpeg; /* JPEG: the file, owned by surface */
	size_t jpeg_len;
	RsvgHandle *svg;
};

struct pp_images {
	GPtrArray *list; /* struct pdf_image *; a document has few */
};

struct pp_images *
pp_images_new(void)
{
	struct pp_images *im = pp_xcalloc(1, sizeof(*im));

	im->list = g_ptr_array_new();
	return im;
}

static void
pdf_image_free(struct pdf_image *img)
{
	if (img->surface != NULL)
		cairo_surface_destroy(img->surface);
	if (img->pixels != NULL)
		cairo_surface_destroy(img->pixels);
	if (img->svg != NULL)
		g_object_unref(img->svg);
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
		pdf_image_free(im->list->pdata[i]);
	g_ptr_array_free(im->list, TRUE);
	free(im);
}

static struct pdf_image *
pdf_image_find(const struct pp_images *im, const char *path)
{
	guint i;

	for (i = 0; im != NULL && i < im->list->len; i++) {
		struct pdf_image *img = im->list->pdata[i];

		if (strcmp(img->path, path) == 0)
			return img;
	}
	return NULL;
}

__attribute__((format(printf, 3, 4))) static int
pdf_image_fail(struct pp_error *err, const char *path, const char *fmt, ...)
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
pdf_image_check_size(struct pdf_image *img, long long w, long long h,
		     struct pp_error *err)
{
	if (w <= 0 || h <= 0)
		return pdf_image_fail(err, img->path,
				      _("this image has no size"));
	if (w > PDF_IMAGE_MAX_SIDE || h > PDF_IMAGE_MAX_SIDE ||
	    w * h > (long long)PDF_IMAGE_MAX_PIXELS)
		return pdf_image_fail(
		    err, img->path,
		    _("this image is %lld x %lld pixels; a logo may have %d "
		      "pixels a side and %u million pixels at most"),
		    w, h, PDF_IMAGE_MAX_SIDE, PDF_IMAGE_MAX_PIXELS / 1000000);
	img->pw = (int)w;
	img->ph = (int)h;
	img->w = (double)w;
	img->h = (double)h;
	return 0;
}

/* PNG, from memory through cairo. */
struct pdf_png_reader {
	const unsigned char *data;
	size_t len, at;
};

static cairo_status_t
pdf_png_read_cb(void *closure, unsigned char *out, unsigned int len)
{
	struct pdf_png_reader *r = closure;

	if (r->len - r->at < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(out, r->data + r->at, len);
	r->at += len;
	return CAIRO_STATUS_SUCCESS;
}

static int
pdf_image_png(struct pdf_image *img, const unsigned char *data, size_t len,
	      struct pp_error *err)
{
	struct pdf_png_reader r = {data, len, 0};
	cairo_status_t st;

	/* The header's size first: nothing is allocated for a bomb. */
	if (len < 24 || memcmp(data + 12, "IHDR", 4) != 0)
		return pdf_image_fail(err, img->path,
				      _("this PNG image is damaged (no "
					"header)"));
	if (pdf_image_check_size(
		img,
		(long long)((unsigned long)data[16] << 24 | data[17] << 16 |
			    data[18] << 8 | data[19]),
		(long long)((unsigned long)data[20] << 24 | data[21] << 16 |
			    data[22] << 8 | data[23]),
		err) != 0)
		return -1;
	img->surface =
	    cairo_image_surface_create_from_png_stream(pdf_png_read_cb, &r);
	st = cairo_surface_status(img->surface);
	if (st != CAIRO_STATUS_SUCCESS)
		return pdf_image_fail(
		    err, img->path, _("this PNG image cannot be read: %s"),
		    st == CAIRO_STATUS_READ_ERROR
			? _("the file is damaged or cut short")
			: cairo_status_to_string(st));
	return 0;
}

/* JPEG: libjpeg's default error handler calls exit(); this one jumps
 * back with the message. */
struct pdf_jpeg_err {
	struct jpeg_error_mgr mgr;
	jmp_buf jump;
	char msg[JMSG_LENGTH_MAX];
};

static void
pdf_jpeg_error_exit(j_common_ptr ci)
{
	struct pdf_jpeg_err *e = (struct pdf_jpeg_err *)ci->err;

	(*ci->err->format_message)(ci, e->msg);
	longjmp(e->jump, 1);
}

static void
pdf_jpeg_output_message(j_common_ptr ci)
{
	(void)ci; /* warnings (a truncated file...) are not printed */
}

/* Reads the header of img's JPEG; with into != NULL, decodes the pixels
 * into that RGB24 surface of the same size.  -1 with err filled. */
static int
pdf_jpeg_run(struct pdf_image *img, cairo_surface_t *into, struct pp_error *err)
{
	struct jpeg_decompress_struct ci;
	struct pdf_jpeg_err je;

	memset(&ci, 0, sizeof(ci));
	memset(&je, 0, sizeof(je));
	ci.err = jpeg_std_error(&je.mgr);
	je.mgr.error_exit = pdf_jpeg_error_exit;
	je.mgr.output_message = pdf_jpeg_output_message;
	if (setjmp(je.jump) != 0) {
		jpeg_destroy_decompress(&ci);
		return pdf_image_fail(err, img->path,
				      _("this JPEG image cannot be read: %s"),
				      je.msg);
	}
	jpeg_create_decompress(&ci);
	jpeg_mem_src(&ci, img->jpeg, (unsigned long)img->jpeg_len);
	jpeg_read_header(&ci, TRUE);
	if (ci.jpeg_color_space == JCS_CMYK ||
	    ci.jpeg_color_space == JCS_YCCK) {
		jpeg_destroy_decompress(&ci);
		return pdf_image_fail(
		    err, img->path,
		    _("this JPEG image is in CMYK colours, which the PDF "
		      "would print wrongly; save it in RGB (or as PNG)"));
	}
	if (into == NULL) {
		long long w = ci.image_width, h = ci.image_height;

		jpeg_destroy_decompress(&ci);
		return pdf_image_check_size(img, w, h, err);
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
			return pdf_image_fail(err, img->path,
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
pdf_image_jpeg(struct pdf_image *img, unsigned char *data, size_t len,
	       struct pp_error *err)
{
	cairo_status_t st;

	img->jpeg = data;
	img->jpeg_len = len;
	if (pdf_jpeg_run(img, NULL, err) != 0) {
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
		return pdf_image_fail(err, img->path,
				      _("this JPEG image cannot be used: %s"),
				      cairo_status_to_string(st));
	}
	return 0;
}

static int
pdf_image_svg(struct pdf_image *img, const unsigned char *data, size_t len,
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
		pdf_image_fail(err, img->path,
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
		return pdf_image_fail(err, img->path,
				      _("this SVG image gives no size (no "
					"width and height, no viewBox)"));
	img->w = w;
	img->h = h;
	return 0;
}

int
pp_images_load(struct pp_images *im, const char *path, enum pp_image_kind *kind,
	       double *w, double *h, struct pp_error *err)
{
	struct pdf_image *img = pdf_image_find(im, path);
	gchar *data = NULL;
	gsize len = 0;
	GError *gerr = NULL;
	struct stat st;
	int rc;

	if (img == NULL) {
		if (stat(path, &st) != 0)
			return pdf_image_fail(
			    err, path, _("this image cannot be read: %s"),
			    strerror(errno));
		if (!S_ISREG(st.st_mode))
			return pdf_image_fail(err, path,
					      _("this image is not an "
						"ordinary file"));
		if ((unsigned long long)st.st_size > PP_SCHEMA_IMAGE_MAX_BYTES)
			return pdf_image_fail(err, path,
					      _("this image is larger than %u "
						"MB"),
					      PP_SCHEMA_IMAGE_MAX_BYTES >> 20);
		if (!g_file_get_contents(path, &data, &len, &gerr)) {
			pdf_image_fail(err, path,
				       _("this image cannot be read: %s"),
				       gerr->message);
			g_clear_error(&gerr);
			return -1;
		}
		img = pp_xcalloc(1, sizeof(*img));
		img->path = g_strdup(path);
		img->kind = pp_image_sniff(data, len);
		switch (img->kind) {
		case PP_IMAGE_PNG:
			rc =
			    pdf_image_png(img, (unsigned char *)data, len, err);
			g_free(data);
			break;
		case PP_IMAGE_JPEG:
			rc = pdf_image_jpeg(img, (unsigned char *)data, len,
					    err);
			break;
		case PP_IMAGE_SVG:
			rc =
			    pdf_image_svg(img, (unsigned char *)data, len, err);
			g_free(data);
			break;
		case PP_IMAGE_UNKNOWN:
		default:
			rc = pdf_image_fail(err, path,
					    _("this file is not a PNG, JPEG or "
					      "SVG image"));
			g_free(data);
			break;
		}
		if (rc != 0) {
			pdf_image_free(img);
			return -1;
		}
		g_ptr_array_add(im->list, img);
	}
	if (kind != NULL)
		*kind = img->kind;
	if (w != NULL)
		*w = img->w;
	if (h != NULL)
		*h = img->h;
	return 0;
}

/* Decodes the JPEGs of im for a preview (the PDF does without). */
static int
pdf_images_pixels(struct pp_images *im, struct pp_error *err)
{
	guint i;

	for (i = 0; im != NULL && i < im->list->len; i++) {
		struct pdf_image *img = im->list->pdata[i];

		if (img->kind != PP_IMAGE_JPEG || img->pixels != NULL)
			continue;
		img->pixels = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
							 img->pw, img->ph);
		if (cairo_surface_status(img->pixels) != CAIRO_STATUS_SUCCESS)
			return pdf_image_fail(err, img->path,
					      _("not enough memory for this "
						"image"));
		if (pdf_jpeg_run(img, img->pixels, err) != 0)
			return -1;
	}
	return 0;
}

/* Draws the image at path into the item's box (the layout kept the aspect
 * ratio).  -1 with err filled. */
static int
pdf_image_draw(cairo_t *cr, const struct pp_pages *p, const struct pp_item *it,
	       struct pp_error *err)
{
	struct pdf_image *img = pdf_image_find(p->images, it->name);
	int preview = cairo_surface_get_type(cairo_get_target(cr)) !=
		      CAIRO_SURFACE_TYPE_PDF;

	if (img == NULL)
		return pdf_image_fail(err, it->name ? it->name : "?",
				      _("this image was not loaded by the "
					"layout"));
	cairo_save(cr);
	if (img->kind == PP_IMAGE_SVG) {
		RsvgRectangle vp = {it->x, it->y, it->w, it->h};
		GError *gerr = NULL;

		if (!svg.rsvg_handle_render_document(img->svg, cr, &vp,
						     &gerr)) {
			cairo_restore(cr);
			pdf_image_fail(err, img->path,
				       _("this SVG image cannot be drawn: %s"),
				       gerr != NULL ? gerr->message : "?");
			g_clear_error(&gerr);
			return -1;
		}
	} else {
		cairo_surface_t *s =
		    preview && img->pixels != NULL ? img->pixels : img->surface;

		cairo_translate(cr, it->x, it->y);
		cairo_scale(cr, it->w / img->pw, it->h / img->ph);
		cairo_set_source_surface(cr, s, 0, 0);
		cairo_pattern_set_filter(cairo_get_source(cr),
					 CAIRO_FILTER_GOOD);
		cairo_rectangle(cr, 0, 0, img->pw, img->ph);
		cairo_fill(cr);
	}
	cairo_restore(cr);
	return 0;
}

struct pdf_sink {
	int fd;
	int failed;
	int errnum;
	unsigned char buf[65536]; /* cairo writes in small pieces */
	size_t used;
};

static int
pdf_flush(struct pdf_sink *s)
{
	if (pp_write_all(s->fd, s->buf, s->used) != 0) {
		s->failed = 1;
		s->errnum = errno;
		return -1;
	}
	s->used = 0;
	return 0;
}

static cairo_status_t
pdf_write_cb(void *closure, const unsigned char *data, unsigned int len)
{
	struct pdf_sink *s = closure;

	while (len > 0) {
		size_t room = sizeof(s->buf) - s->used;
		size_t n = len < room ? len : room;

		memcpy(s->buf + s->used, data, n);
		s->used += n;
		data += n;
		len -= (unsigned int)n;
		if (s->used == sizeof(s->buf) && pdf_flush(s) != 0)
			return CAIRO_STATUS_WRITE_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static void
pdf_color(cairo_t *cr, const struct pp_color *c)
{
	cairo_set_source_rgb(cr, c->r, c->g, c->b);
}

/* The bloc-marque: the official artwork when the charter names one (loaded
 * by the layout with the logos), otherwise the placeholder block (its texts
 * are ordinary text items). */
static int
pdf_marque(cairo_t *cr, const struct pp_pages *p, const struct pp_item *it,
	   struct pp_error *err)
{
	if (it->name != NULL)
		return pdf_image_draw(cr, p, it, err);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0x91 / 255.0);
	cairo_rectangle(cr, it->x, it->y, it->w / 2, it->h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0xE1 / 255.0, 0, 0x0F / 255.0);
	cairo_rectangle(cr, it->x + it->w / 2, it->y, it->w / 2, it->h);
	cairo_fill(cr);
	cairo_restore(cr);
	return 0;
}

/* Whether text[k] starts a soft hyphen. */
static int
pdf_shy(const char *text, size_t k, size_t end)
{
	return k + 1 < end && (unsigned char)text[k] == 0xc2 &&
	       (unsigned char)text[k + 1] == 0xad;
}

/*
 * Draws one run of a line at the current point, with its text for the
 * tagged PDF: the soft hyphens of the paragraph's text are left out of what
 * the PDF says the glyphs read (each would otherwise become an empty marked
 * span and cut the word for text extraction and screen readers), the one
 * that breaks the line, drawn as a hyphen, reads "-", and the spaces that
 * end the line are left out like the single-line layouts leave them out.
 * The line's text ends at line_end, its visible part at shown_end.
 */
static void
pdf_show_run(cairo_t *cr, const char *text, const PangoGlyphItem *run,
	     size_t shown_end, size_t line_end)
{
	const PangoItem *item = run->item;
	size_t from = (size_t)item->offset, to = from + (size_t)item->length;
	size_t k, *map;
	struct pp_buf t;
	PangoGlyphItem copy;
	PangoGlyphString *gs;
	int i, n = 0, strip = to > shown_end;

	for (k = from; k < to && !strip; k++)
		strip = pdf_shy(text, k, to);
	if (!strip) {
		pango_cairo_show_glyph_item(cr, text, (PangoGlyphItem *)run);
		return;
	}
	pp_buf_init(&t);
	map = pp_xcalloc(to - from + 1, sizeof(*map));
	for (k = from; k < to; k++) {
		map[k - from] = t.len;
		if (pdf_shy(text, k, to)) {
			map[k + 1 - from] = t.len;
			if (k + 2 == line_end)
				pp_buf_addc(&t, '-');
			k++;
			continue;
		}
		if (k < shown_end)
			pp_buf_addc(&t, text[k]);
	}
	map[to - from] = t.len;
	gs = pango_glyph_string_new();
	pango_glyph_string_set_size(gs, run->glyphs->num_glyphs);
	for (i = 0; i < run->glyphs->num_glyphs; i++) {
		const PangoGlyphInfo *g = &run->glyphs->glyphs[i];
		size_t c = (size_t)run->glyphs->log_clusters[i];
		int shy = pdf_shy(text, from + c, to);
		int inner_shy = shy && from + c + 2 != line_end;

		/* The empty glyphs of the soft hyphens inside the line and
		 * the glyphs of the spaces that end it. */
		if ((inner_shy && (g->glyph == PANGO_GLYPH_EMPTY ||
				   g->geometry.width == 0)) ||
		    (!shy && from + c >= shown_end))
			continue;
		gs->glyphs[n] = *g;
		gs->log_clusters[n] = (gint)map[c];
		n++;
	}
	gs->num_glyphs = n;
	if (n > 0) {
		copy = *run;
		copy.item = pango_item_copy(run->item);
		copy.item->offset = 0;
		copy.item->length = (int)t.len;
		copy.item->num_chars =
		    (int)g_utf8_strlen(t.data ? t.data : "", -1);
		copy.glyphs = gs;
		pango_cairo_show_glyph_item(cr, t.data ? t.data : "", &copy);
		pango_item_free(copy.item);
	}
	pango_glyph_string_free(gs);
	free(map);
	pp_buf_fini(&t);
}

/* A line of a paragraph's layout (layout.h): its runs side by side from
 * the start of the line, on the baseline. */
static void
pdf_text_line(cairo_t *cr, const struct pp_item *it)
{
	PangoLayoutLine *ln =
	    pango_layout_get_line_readonly(it->layout, it->line - 1);
	const char *text = pango_layout_get_text(it->layout);
	size_t end = (size_t)ln->start_index + (size_t)ln->length;
	size_t shown = end;
	double x = it->x + it->line_x;
	GSList *r;

	while (shown > (size_t)ln->start_index &&
	       (text[shown - 1] == ' ' || text[shown - 1] == '\n'))
		shown--;
	for (r = ln->runs; r != NULL; r = r->next) {
		const PangoGlyphItem *run = r->data;

		cairo_move_to(cr, x, it->y + it->baseline);
		pdf_show_run(cr, text, run, shown, end);
		x += (double)pango_glyph_string_get_width(run->glyphs) /
		     PANGO_SCALE;
	}
}

/* Draws one page; -1 with err filled when an image cannot be drawn. */
static int
pdf_page(cairo_t *cr, const struct pp_pages *p, const struct pp_page *pg,
	 int tags, struct pp_error *err)
{
	size_t k;
	int l;

	for (k = 0; k < pg->n; k++) {
		const struct pp_item *it = &pg->items[k];

		switch (it->kind) {
		case PP_ITEM_TEXT:
			pdf_color(cr, &it->color);
			if (it->line > 0) {
				pdf_text_line(cr, it);
			} else {
				/* The whole layout, not its line: alignment
				 * is a property of the layout. */
				cairo_move_to(cr, it->x, it->y + it->layout_dy);
				pango_cairo_show_layout(cr, it->layout);
			}
			for (l = 0; tags && l < it->nlinks; l++) {
				char *attrs = g_strdup_printf(
				    "%s rect=[%.2f %.2f %.2f %.2f]",
				    it->links[l].attrs, it->links[l].x, it->y,
				    it->links[l].w, it->h);

				cairo_tag_begin(cr, CAIRO_TAG_LINK, attrs);
				cairo_tag_end(cr, CAIRO_TAG_LINK);
				g_free(attrs);
			}
			break;
		case PP_ITEM_RECT:
			pdf_color(cr, &it->color);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_fill(cr);
			break;
		case PP_ITEM_FRAME:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, 0.5);
			cairo_rectangle(cr, it->x, it->y, it->w, it->h);
			cairo_stroke(cr);
			break;
		case PP_ITEM_RULE:
			pdf_color(cr, &it->color);
			cairo_set_line_width(cr, it->h > 0 ? it->h : 0.5);
			cairo_move_to(cr, it->x, it->y);
			cairo_line_to(cr, it->x + it->w, it->y);
			cairo_stroke(cr);
			break;
		case PP_ITEM_MARQUE: {
			int rc;

			if (tags) {
				/* paraphe marks its bloc-marque, with the
				 * Marianne block's box in points, so that
				 * "paraphe check" finds it for sure. */
				char *a = g_strdup_printf(
				    "name='paraphe-bloc-marque:%.1f:%.1f:%.1f:"
				    "%.1f'",
				    it->x, it->y, it->w, it->h);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				g_free(a);
			}
			rc = pdf_marque(cr, p, it, err);
			if (tags)
				cairo_tag_end(cr, CAIRO_TAG_DEST);
			if (rc != 0)
				return -1;
			break;
		}
		case PP_ITEM_IMAGE: {
			int rc;

			if (tags) {
				/* Marked for "paraphe check": a partner's
				 * logo keeps its own colours. */
				char *a = g_strdup_printf(
				    "name='paraphe-logo-%zu:%.1f:%.1f:%.1f:"
				    "%.1f' x=%.2f y=%.2f",
				    k, it->x, it->y, it->w, it->h, it->x,
				    it->y);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				cairo_tag_end(cr, CAIRO_TAG_DEST);
				g_free(a);
				cairo_tag_begin(cr, "Figure", "");
			}
			rc = pdf_image_draw(cr, p, it, err);
			if (tags)
				cairo_tag_end(cr, "Figure");
			if (rc != 0)
				return -1;
			break;
		}
		case PP_ITEM_TAG_BEGIN:
			if (tags)
				cairo_tag_begin(cr, it->tag,
						it->attrs ? it->attrs : "");
			break;
		case PP_ITEM_TAG_END:
			if (tags)
				cairo_tag_end(cr, it->tag);
			break;
		case PP_ITEM_DEST:
			if (tags) {
				/* At the heading itself, not at the top
				 * of its page. */
				char *a =
				    g_strdup_printf("name='%s' x=%.2f y=%.2f",
						    it->name, it->x, it->y);

				cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
				cairo_tag_end(cr, CAIRO_TAG_DEST);
				g_free(a);
			}
			break;
		}
	}
	return 0;
}

int
pp_pdf_write(const struct pp_pages *p, const char *path, const char *date,
	     const char *creator, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_atomic out;
	struct pdf_sink sink;
	cairo_surface_t *s;
	cairo_t *cr;
	cairo_status_t st;
	size_t i;
	int drawn_err = 0;

	memset(&sink, 0, sizeof(sink));
	if (pp_atomic_begin(&out, path, err) != 0)
		return -1;
	sink.fd = out.fd;
	s = cairo_pdf_surface_create_for_stream(pdf_write_cb, &sink, p->width,
						p->height);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
	if (p->title)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
					       p->title);
	if (p->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
					       p->author);
	if (p->subject)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT,
					       p->subject);
	if (p->keywords)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS,
					       p->keywords);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, creator);
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	for (i = 0; i < p->n && !drawn_err; i++) {
		char label[32];

		snprintf(label, sizeof(label), "%zu", i + 1);
		cairo_pdf_surface_set_page_label(s, label);
		drawn_err = pdf_page(cr, p, &p->pages[i], 1, err) != 0;
		cairo_show_page(cr);
	}
	cairo_tag_end(cr, "Document");
	for (i = 0; i < p->noutline; i++) {
		char *link = g_strdup_printf("dest='%s'", p->outline[i].dest);

		cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT,
					      p->outline[i].title, link, 0);
		g_free(link);
	}
	st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (!drawn_err && st == CAIRO_STATUS_SUCCESS && !sink.failed)
		pdf_flush(&sink);
	if (!drawn_err && (st != CAIRO_STATUS_SUCCESS || sink.failed))
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot write the PDF: %s"),
			     sink.failed ? strerror(sink.errnum)
					 : cairo_status_to_string(st));
	if (drawn_err || st != CAIRO_STATUS_SUCCESS || sink.failed) {
		pp_atomic_abort(&out);
		return -1;
	}
	return pp_atomic_commit(&out, err);
}

int
pp_png_write(const struct pp_pages *p, const char *path_prefix, double dpi,
	     struct pp_error *err)
{
	size_t i;

	/* JPEGs are decoded once, for every page. */
	if (pdf_images_pixels(p->images, err) != 0)
		return -1;
	for (i = 0; i < p->n; i++) {
		double scale = dpi / 72.0;
		int w = (int)(p->width * scale + 0.5);
		int h = (int)(p->height * scale + 0.5);
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
		cairo_t *cr = cairo_create(s);
		char *path = g_strdup_printf("%s-%zu.png", path_prefix, i + 1);
		char *tmp = g_strdup_printf("%s.tmp", path);
		cairo_status_t st;

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, scale, scale);
		if (pdf_page(cr, p, &p->pages[i], 0, err) != 0) {
			cairo_destroy(cr);
			cairo_surface_destroy(s);
			g_free(tmp);
			g_free(path);
			return -1;
		}
		cairo_destroy(cr);
		st = cairo_surface_write_to_png(s, tmp);
		cairo_surface_destroy(s);
		if (st != CAIRO_STATUS_SUCCESS || rename(tmp, path) != 0) {
			struct pp_pos pos = {path, 0, 0};

			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot write the image: %s"),
				     cairo_status_to_string(st));
			unlink(tmp);
			g_free(tmp);
			g_free(path);
			return -1;
		}
		g_free(tmp);
		g_free(path);
	}
	return 0;
}
