/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/images.c and the partner logos: the "image" format of
 * schemas (a file relative to the form's folder, checked at the value's
 * position), the signatures pp_image_sniff tells apart, the cache (kinds,
 * natural sizes, one load per file, a PNG bomb refused from its header, the
 * byte limit), the partner zone that the layout
 * makes on page 1 (right of the bloc-marque, top-aligned with it, logos no
 * taller than the charter allows nor than the bloc, aspect ratios kept,
 * inside the margin), the drawing (PNG re-encoded, JPEG passed through as
 * JPEG, SVG kept vector: checked with pdfimages; JPEG decoded for
 * previews), the ODT package, and the errors: a damaged PNG, a CMYK JPEG,
 * a file that is no image.  Images are made here, in a temporary folder.
 */
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "buf.h"
#include "images.h"
#include "layout.h"
#include "model.h"
#include "odt.h"
#include "schema.h"
#include "template.h"
#include "yamlin.h"

#include "../harness.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <png.h>
#include <stdio.h> /* before jpeglib.h */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>

#define EPS 0.01

static const char *datadir;
static struct pp_charte *charte;
static struct pp_layout_engine *engine;
static char *tmp; /* the test's folder */

/* --- Making images ---------------------------------------------------------
 */

static char *
tmp_path(const char *name)
{
	return g_build_filename(tmp, name, NULL);
}

/* A w x h PNG: blue left half, orange right half; alpha when asked. */
static void
write_png(const char *name, int w, int h, int alpha)
{
	cairo_surface_t *s = cairo_image_surface_create(
	    alpha ? CAIRO_FORMAT_ARGB32 : CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(s);
	char *path = tmp_path(name);

	cairo_set_source_rgb(cr, 0.1, 0.2, 0.8);
	cairo_rectangle(cr, 0, 0, w / 2.0, h);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0.95, 0.55, 0.15);
	cairo_rectangle(cr, w / 2.0, 0, w / 2.0, h);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_write_to_png(s, path);
	cairo_surface_destroy(s);
	g_free(path);
}

/* A w x h JPEG of one colour, in RGB or CMYK. */
static void
write_jpeg(const char *name, int w, int h, int cmyk)
{
	struct jpeg_compress_struct ci;
	struct jpeg_error_mgr jerr;
	char *path = tmp_path(name);
	FILE *f = fopen(path, "wb");
	unsigned char *row = calloc((size_t)w, 4);
	int x;

	for (x = 0; x < w; x++) {
		unsigned char *p = row + (size_t)x * (cmyk ? 4 : 3);

		/* Green: RGB (40, 160, 60); CMYK in Adobe's inverted form. */
		p[0] = cmyk ? 255 - 190 : 40;
		p[1] = cmyk ? 255 - 0 : 160;
		p[2] = cmyk ? 255 - 160 : 60;
		if (cmyk)
			p[3] = 255 - 40;
	}
	ci.err = jpeg_std_error(&jerr);
	jpeg_create_compress(&ci);
	jpeg_stdio_dest(&ci, f);
	ci.image_width = (JDIMENSION)w;
	ci.image_height = (JDIMENSION)h;
	ci.input_components = cmyk ? 4 : 3;
	ci.in_color_space = cmyk ? JCS_CMYK : JCS_RGB;
	jpeg_set_defaults(&ci);
	jpeg_set_quality(&ci, 90, TRUE);
	jpeg_start_compress(&ci, TRUE);
	while (ci.next_scanline < ci.image_height)
		jpeg_write_scanlines(&ci, &row, 1);
	jpeg_finish_compress(&ci);
	jpeg_destroy_compress(&ci);
	fclose(f);
	free(row);
	g_free(path);
}

static void
write_file(const char *name, const char *data, size_t len)
{
	char *path = tmp_path(name);

	g_file_set_contents(path, data, (gssize)len, NULL);
	g_free(path);
}

static const char svg_2_1[] =
    "<?xml version=\"1.0\"?>\n<!-- a logo -->\n"
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\">"
    "<rect width=\"100\" height=\"100\" fill=\"#2E8B57\"/>"
    "<circle cx=\"150\" cy=\"50\" r=\"40\" fill=\"#68A532\"/></svg>\n";

static const char svg_nosize[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>";

static const char svg_wide[] =
    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" "
    "height=\"50\"><rect width=\"500\" height=\"50\" fill=\"#000091\"/>"
    "</svg>\n";

/* --- Documents --------------------------------------------------------------
 */

static struct pp_doc *
logo_doc(const char *const *files, size_t n)
{
	struct pp_doc *d = pp_doc_new();
	struct pp_node *m = pp_doc_node_new(d, PP_NODE_MARQUE, NULL);
	struct pp_node *zone = pp_doc_node_new(d, PP_NODE_LOGOS, NULL);
	struct pp_node *p = pp_doc_node_new(d, PP_NODE_PARAGRAPH, NULL);
	struct pp_node *t = pp_doc_node_new(d, PP_NODE_TEXT, NULL);
	const char **lines = pp_arena_alloc(d->arena, 3 * sizeof(*lines));
	size_t i;

	d->title = "Convention de partenariat";
	d->base_dir = pp_arena_strdup(d->arena, tmp);
	lines[0] = "MINISTÈRE";
	lines[1] = "CHARGÉ DE L'ÉGALITÉ ENTRE";
	lines[2] = "LES FEMMES ET LES HOMMES";
	m->lines = lines;
	m->nlines = 3;
	pp_doc_append(d->root, m);
	zone->title = "En partenariat avec";
	for (i = 0; i < n; i++) {
		struct pp_node *lg = pp_doc_node_new(d, PP_NODE_LOGO, NULL);

		lg->href = pp_arena_strdup(d->arena, files[i]);
		lg->title = pp_arena_strdup(d->arena, "Partenaire");
		pp_doc_append(zone, lg);
	}
	pp_doc_append(d->root, zone);
	t->text = "Le corps du document commence sous le bloc-marque.";
	pp_doc_append(p, t);
	pp_doc_append(d->root, p);
	return d;
}

static struct pp_pages *
run(const struct pp_doc *d, struct pp_error *err)
{
	pp_error_init(err);
	return pp_layout_run(engine, d, err);
}

/* The right edge of the bloc-marque as drawn: its block and the text lines
 * that follow it. */
static double
marque_right(const struct pp_page *pg, const struct pp_item **marque)
{
	double right = -1;
	size_t k;

	*marque = NULL;
	for (k = 0; k < pg->n; k++)
		if (pg->items[k].kind == PP_ITEM_MARQUE)
			break;
	if (k == pg->n)
		return -1;
	*marque = &pg->items[k];
	right = pg->items[k].x + pg->items[k].w;
	for (k++; k < pg->n && pg->items[k].kind == PP_ITEM_TEXT; k++) {
		PangoRectangle logical;
		double r;

		pango_layout_get_extents(pg->items[k].layout, NULL, &logical);
		r = pg->items[k].x +
		    (double)(logical.x + logical.width) / PANGO_SCALE;
		if (r > right)
			right = r;
	}
	return right;
}

static size_t
images_of(const struct pp_page *pg, const struct pp_item **out, size_t max)
{
	size_t k, n = 0;

	for (k = 0; k < pg->n; k++)
		if (pg->items[k].kind == PP_ITEM_IMAGE && n < max)
			out[n++] = &pg->items[k];
	return n;
}

static const struct pp_item *
label_of(const struct pp_page *pg)
{
	size_t k;

	for (k = 0; k < pg->n; k++)
		if (pg->items[k].kind == PP_ITEM_TEXT &&
		    pg->items[k].style != NULL &&
		    strcmp(pg->items[k].style, "libelle_partenaires") == 0)
			return &pg->items[k];
	return NULL;
}

/* --- pp_image_sniff ------------------------------------------------------ */

static void
test_sniff(void)
{
	static const char bom_svg[] = "\xef\xbb\xbf  \n<svg width=\"1\"/>";
	static const char xml_html[] = "<?xml version=\"1.0\"?><html/>";
	static const char svgz[] = "<svgx/>";
	char far[2048];

	INT_EQ(pp_image_sniff("\x89PNG\r\n\x1a\n\0\0", 10), PP_IMAGE_PNG,
	       "sniff: PNG signature");
	INT_EQ(pp_image_sniff("\xff\xd8\xff\xe0", 4), PP_IMAGE_JPEG,
	       "sniff: JPEG signature");
	INT_EQ(pp_image_sniff(svg_2_1, sizeof(svg_2_1) - 1), PP_IMAGE_SVG,
	       "sniff: <?xml, a comment, then <svg");
	INT_EQ(pp_image_sniff(bom_svg, sizeof(bom_svg) - 1), PP_IMAGE_SVG,
	       "sniff: BOM and spaces before <svg");
	INT_EQ(pp_image_sniff(xml_html, sizeof(xml_html) - 1), PP_IMAGE_UNKNOWN,
	       "sniff: XML that is not SVG");
	INT_EQ(pp_image_sniff(svgz, sizeof(svgz) - 1), PP_IMAGE_UNKNOWN,
	       "sniff: <svgx is not <svg");
	INT_EQ(pp_image_sniff("GIF89a", 6), PP_IMAGE_UNKNOWN, "sniff: GIF");
	INT_EQ(pp_image_sniff("", 0), PP_IMAGE_UNKNOWN, "sniff: nothing");
	memset(far, ' ', sizeof(far));
	memcpy(far, "<?xml version=\"1.0\"?>", 21);
	memcpy(far + 1500, "<svg>", 5);
	INT_EQ(pp_image_sniff(far, sizeof(far)), PP_IMAGE_UNKNOWN,
	       "sniff: an <svg root past the first 1 KB");
}

/* --- The cache ------------------------------------------------------------ */

/* Loads tmp/file into im: 0 or -1, with its kind and natural size. */
static int
cache_load(struct pp_images *im, const char *file, enum pp_image_kind *kind,
	   double *w, double *h, struct pp_error *err)
{
	char *path = tmp_path(file);
	int rc;

	pp_error_init(err);
	rc = pp_images_load(im, path, kind, w, h, err);
	g_free(path);
	return rc;
}

static void
test_cache(void)
{
	/* A PNG header that asks for 20000 x 20000 pixels, and no pixels. */
	static const char bomb[] = "\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR"
				   "\0\0\x4e\x20\0\0\x4e\x20\x08\x02\0\0\0"
				   "\0\0\0\0";
	struct pp_images *im = pp_images_new();
	enum pp_image_kind kind = PP_IMAGE_UNKNOWN;
	const struct pp_image *first;
	struct pp_error err;
	double w = 0, h = 0;
	char *path;

	write_file("bomb.png", bomb, sizeof(bomb) - 1);
	OK(cache_load(im, "logo.png", &kind, &w, &h, &err) == 0,
	   "cache: a PNG loads");
	INT_EQ(kind, PP_IMAGE_PNG, "cache: PNG kind");
	OK(fabs(w - 300) < EPS && fabs(h - 150) < EPS,
	   "cache: PNG size in pixels");
	path = tmp_path("logo.png");
	first = pp_images_find(im, path);
	OK(first != NULL, "cache: the PNG is found by its path");
	OK(pp_images_load(im, path, NULL, NULL, NULL, &err) == 0 &&
	       pp_images_find(im, path) == first,
	   "cache: a second load answers from the cache");
	g_free(path);
	OK(cache_load(im, "photo.jpg", &kind, &w, &h, &err) == 0 &&
	       kind == PP_IMAGE_JPEG && fabs(w - 360) < EPS &&
	       fabs(h - 200) < EPS,
	   "cache: a JPEG loads, with its size");
	OK(cache_load(im, "logo.svg", &kind, NULL, NULL, &err) == 0 &&
	       kind == PP_IMAGE_SVG,
	   "cache: an SVG loads");
	OK(pp_images_find(im, "absent.png") == NULL,
	   "cache: an image never loaded is not found");
	OK(pp_images_find(NULL, "logo.png") == NULL, "cache: no cache");
	OK(cache_load(im, "bomb.png", NULL, NULL, NULL, &err) != 0 &&
	       err.code == PP_DIAG_IMAGE &&
	       g_str_has_suffix(err.file, "bomb.png") &&
	       strstr(err.message, "20000 x 20000 pixels") != NULL,
	   "cache: a PNG bomb is refused from its header");
	OK(cache_load(im, "big.png", NULL, NULL, NULL, &err) != 0 &&
	       strstr(err.message, "larger than 5 MB") != NULL,
	   "cache: a file over PP_IMAGE_MAX_BYTES is not read");
	OK(pp_images_decode_pixels(im, &err) == 0,
	   "cache: JPEG pixels decode for previews");
	pp_images_free(im);
	pp_images_free(NULL);

	STR_EQ(pp_image_media_type(PP_IMAGE_JPEG), "image/jpeg",
	       "media type: JPEG");
	STR_EQ(pp_image_media_type(PP_IMAGE_SVG), "image/svg+xml",
	       "media type: SVG");
	STR_EQ(pp_image_extension(PP_IMAGE_PNG), "png", "extension: PNG");
	STR_EQ(pp_image_extension(PP_IMAGE_JPEG), "jpg", "extension: JPEG");
}

/* --- The partner zone ---------------------------------------------------- */

static void
check_zone(const char *what, const struct pp_pages *p, const double *aspects,
	   size_t n)
{
	const struct pp_page *pg = &p->pages[0];
	const struct pp_item *marque, *imgs[16], *label = label_of(pg);
	double right = marque_right(pg, &marque);
	double x_max = charte->page_width - charte->margin_right;
	size_t got = images_of(pg, imgs, 16), i;
	char name[256];
	int inside = 1, high = 1, ratio = 1, apart = 1, same = 1;

	snprintf(name, sizeof(name), "%s: %zu logos on page 1", what, n);
	INT_EQ(got, n, name);
	if (got != n || marque == NULL || label == NULL) {
		OK(0, "zone: a bloc-marque and a label");
		return;
	}
	snprintf(name, sizeof(name),
		 "%s: the label is top-aligned with the bloc-marque", what);
	OK(fabs(label->y - marque->y) < EPS, name);
	snprintf(name, sizeof(name),
		 "%s: the zone is right of the bloc-marque, with its clear "
		 "space",
		 what);
	OK(label->x >= right + charte->marque.block_height - EPS &&
	       imgs[0]->x >= right + charte->marque.block_height - EPS,
	   name);
	for (i = 0; i < n; i++) {
		const struct pp_item *it = imgs[i];

		inside &= it->x + it->w <= x_max + EPS &&
			  it->y >= label->y + label->h - EPS;
		high &=
		    it->h <= charte->partners.max_logo_height + EPS &&
		    it->y + it->h <= marque->y + charte->marque.height + EPS;
		ratio &= fabs(it->w / it->h / aspects[i] - 1) < 0.005;
		same &= fabs(it->h - imgs[0]->h) < EPS;
		if (i > 0)
			apart &= it->x >= imgs[i - 1]->x + imgs[i - 1]->w;
		if (strcmp(it->text ? it->text : "", "Partenaire") != 0)
			inside = 0;
	}
	snprintf(name, sizeof(name),
		 "%s: logos under the label and inside the right margin", what);
	OK(inside, name);
	snprintf(name, sizeof(name),
		 "%s: no logo taller than max_logo_height nor than the bloc",
		 what);
	OK(high, name);
	snprintf(name, sizeof(name), "%s: aspect ratios kept within 0.5%%",
		 what);
	OK(ratio, name);
	snprintf(name, sizeof(name), "%s: side by side, one height", what);
	OK(apart && same, name);
	/* The body starts below the bloc-marque, whatever the zone. */
	{
		size_t k;
		int below = 1;

		for (k = 0; k < pg->n; k++)
			if (pg->items[k].kind == PP_ITEM_TEXT &&
			    pg->items[k].style != NULL &&
			    strcmp(pg->items[k].style, "corps") == 0)
				below &= pg->items[k].y >=
					 marque->y + charte->marque.height;
		snprintf(name, sizeof(name),
			 "%s: the body starts below the zone", what);
		OK(below, name);
	}
}

static void
test_zone(void)
{
	struct pp_error err;
	struct pp_pages *p;
	struct pp_doc *d;

	{
		const char *files[] = {"logo.png"};
		const double aspects[] = {2.0};

		d = logo_doc(files, 1);
		p = run(d, &err);
		if (OK(p != NULL, "zone: one PNG lays out"))
			check_zone("one PNG", p, aspects, 1);
		else
			printf("# %s\n", err.message);
		if (p != NULL) {
			struct pp_buf dump;

			pp_buf_init(&dump);
			pp_pages_dump(p, &dump);
			OK(strstr(pp_buf_str(&dump), " logo.png\n") != NULL &&
			       strstr(pp_buf_str(&dump), "  image ") != NULL,
			   "zone: pp_pages_dump shows the image and its file");
			pp_buf_fini(&dump);
		}
		pp_pages_free(p);
		pp_doc_free(d);
	}
	{
		const char *files[] = {"logo.png", "photo.jpg", "logo.svg",
				       "alpha.png"};
		const double aspects[] = {2.0, 1.8, 2.0, 0.5};

		d = logo_doc(files, 4);
		p = run(d, &err);
		if (OK(p != NULL, "zone: PNG, JPEG, SVG, PNG lay out"))
			check_zone("four formats", p, aspects, 4);
		else
			printf("# %s\n", err.message);
		pp_pages_free(p);
		pp_doc_free(d);
	}
	{
		/* Five 10:1 logos cannot be 18 mm high side by side. */
		const char *files[] = {"wide.svg", "wide.svg", "wide.svg",
				       "wide.svg", "wide.svg"};
		const double aspects[] = {10, 10, 10, 10, 10};

		d = logo_doc(files, 5);
		p = run(d, &err);
		if (OK(p != NULL, "zone: five wide logos lay out")) {
			const struct pp_item *imgs[8];

			check_zone("five wide logos", p, aspects, 5);
			if (images_of(&p->pages[0], imgs, 8) == 5)
				OK(imgs[0]->h <
				       charte->partners.max_logo_height - 1,
				   "five wide logos: narrowed together to fit");
		}
		pp_pages_free(p);
		pp_doc_free(d);
	}
}

/* --- Drawing ---------------------------------------------------------------
 */

/* The data lines of "pdfimages -list path" (-1 when it cannot run);
 * encodings, one word each, into enc. */
static int
pdfimages(const char *path, char *enc, size_t size)
{
	char *cmd = g_strdup_printf("pdfimages -list '%s' 2>/dev/null", path);
	FILE *f = popen(cmd, "r");
	char line[512];
	int n = 0, lineno = 0;

	g_free(cmd);
	if (f == NULL)
		return -1;
	enc[0] = '\0';
	while (fgets(line, sizeof(line), f) != NULL) {
		char type[32], e[32];
		int page, num, w, h;
		char color[32];
		int comp, bpc;

		if (++lineno <= 2)
			continue; /* the header */
		if (sscanf(line, "%d %d %31s %d %d %31s %d %d %31s", &page,
			   &num, type, &w, &h, color, &comp, &bpc, e) != 9)
			continue;
		if (strcmp(type, "smask") == 0)
			continue;
		n++;
		g_strlcat(enc, e, size);
		g_strlcat(enc, " ", size);
	}
	if (pclose(f) != 0 || lineno < 2)
		return -1;
	return n;
}

static int
has_pdfimages(void)
{
	char *found = g_find_program_in_path("pdfimages");
	int yes = found != NULL;

	g_free(found);
	return yes;
}

/* The pixel at (x, y) pt of a 72 dpi preview, as 0xRRGGBB. */
static unsigned
pixel_at(const char *png, double x, double y)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(png);
	unsigned v = 0xFFFFFFFF;

	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		const unsigned char *px = cairo_image_surface_get_data(s);
		int stride = cairo_image_surface_get_stride(s);

		v = *(const unsigned *)(const void *)(px + (int)y * stride +
						      (int)x * 4) &
		    0xFFFFFF;
	}
	cairo_surface_destroy(s);
	return v;
}

static void
test_draw_one(const char *file, const char *want_enc, int want_n)
{
	const char *files[] = {file};
	struct pp_doc *d = logo_doc(files, 1);
	struct pp_error err;
	struct pp_pages *p = run(d, &err);
	char *pdf = tmp_path("draw.pdf"), *prefix = tmp_path("draw");
	char *png = tmp_path("draw-1.png");
	char name[256], enc[256];
	int n;

	snprintf(name, sizeof(name), "draw %s: laid out", file);
	if (!OK(p != NULL, name)) {
		printf("# %s\n", err.message);
		goto out;
	}
	pp_error_init(&err);
	snprintf(name, sizeof(name), "draw %s: PDF written", file);
	if (!OK(pp_pdf_write(p, pdf, "2026-01-01T00:00:00Z", "test", NULL,
			     &err) == 0,
		name))
		printf("# %s\n", err.message);
	snprintf(name, sizeof(name), "draw %s: PNG preview written", file);
	if (!OK(pp_png_write(p, prefix, 72, &err) == 0, name))
		printf("# %s\n", err.message);
	if (!has_pdfimages()) {
		OK(1, "pdfimages # SKIP poppler-utils is not installed");
		goto out;
	}
	n = pdfimages(pdf, enc, sizeof(enc));
	snprintf(name, sizeof(name), "draw %s: pdfimages finds %d image(s)",
		 file, want_n);
	INT_EQ(n, want_n, name);
	if (want_enc != NULL) {
		snprintf(name, sizeof(name), "draw %s: encoded as \"%s\"", file,
			 want_enc);
		if (!OK(strncmp(enc, want_enc, strlen(want_enc)) == 0, name))
			printf("#   pdfimages says: %s\n", enc);
	}
	if (strcmp(file, "photo.jpg") == 0) {
		const struct pp_item *imgs[2];

		/* The preview shows the JPEG's green, not a blank box. */
		if (images_of(&p->pages[0], imgs, 2) == 1) {
			unsigned v = pixel_at(png, imgs[0]->x + imgs[0]->w / 2,
					      imgs[0]->y + imgs[0]->h / 2);
			int r = (int)(v >> 16), g = (int)(v >> 8 & 0xFF),
			    b = (int)(v & 0xFF);

			if (!OK(abs(r - 40) < 12 && abs(g - 160) < 12 &&
				    abs(b - 60) < 12,
				"draw photo.jpg: the preview decodes the JPEG"))
				printf("#   pixel #%06x\n", v);
		}
	}
	if (strcmp(file, "logo.svg") == 0) {
		char *cmd = g_strdup_printf(
		    "pdfinfo -struct '%s' 2>/dev/null | grep -c Figure", pdf);
		FILE *f = popen(cmd, "r");
		int figures = 0;

		if (f != NULL) {
			if (fscanf(f, "%d", &figures) != 1)
				figures = 0;
			pclose(f);
		}
		INT_EQ(figures, 1, "draw logo.svg: one Figure in the tags");
		g_free(cmd);
	}
out:
	pp_pages_free(p);
	pp_doc_free(d);
	g_unlink(pdf);
	g_unlink(png);
	g_free(pdf);
	g_free(prefix);
	g_free(png);
}

static void
test_draw(void)
{
	test_draw_one("photo.jpg", "jpeg", 1);
	test_draw_one("logo.png", "image", 1);
	test_draw_one("alpha.png", "image", 1);
	test_draw_one("logo.svg", NULL, 0);
}

/* --- Errors ----------------------------------------------------------------
 */

static void
test_bad(const char *file, const char *want)
{
	const char *files[] = {file};
	struct pp_doc *d = logo_doc(files, 1);
	struct pp_error err;
	struct pp_pages *p = run(d, &err);
	char name[256];

	snprintf(name, sizeof(name), "%s: the layout fails", file);
	OK(p == NULL, name);
	snprintf(name, sizeof(name), "%s: an image error at the file", file);
	OK(err.code == PP_DIAG_IMAGE && g_str_has_suffix(err.file, file), name);
	snprintf(name, sizeof(name), "%s: the message says \"%s\"", file, want);
	if (!OK(strstr(err.message, want) != NULL, name))
		printf("#   %s\n", err.message);
	pp_pages_free(p);
	pp_doc_free(d);
}

static void
test_errors(void)
{
	test_bad("corrupt.png", "PNG");
	test_bad("cmyk.jpg", "CMYK");
	test_bad("text.png", "not a PNG, JPEG or SVG");
	test_bad("nosize.svg", "no size");
	test_bad("absent.png", "cannot be read");
}

/* --- The "image" format and the form's folder ------------------------------
 */

/* examples/mobilite-verte.yaml with its logo path replaced by logo, written
 * as tmp/name; *line and *col: where the logo path's value starts. */
static char *
write_form(const char *name, const char *logo, int *line, int *col)
{
	char *src =
	    g_build_filename(datadir, "examples", "mobilite-verte.yaml", NULL);
	char *text = NULL, *path;
	const char *at, *s, *q;
	GString *out;

	*line = *col = 0;
	if (!g_file_get_contents(src, &text, NULL, NULL)) {
		g_free(src);
		return NULL;
	}
	out = g_string_new(text);
	g_string_replace(out, "\"logos/mobilite-verte.svg\"", logo, 1);
	at = strstr(out->str, logo);
	if (at != NULL) {
		*line = 1;
		for (s = out->str, q = NULL; s < at; s++)
			if (*s == '\n') {
				(*line)++;
				q = s;
			}
		*col = (int)(at - (q != NULL ? q + 1 : out->str)) + 1;
	}
	path = tmp_path(name);
	g_file_set_contents(path, out->str, (gssize)out->len, NULL);
	g_string_free(out, TRUE);
	g_free(text);
	g_free(src);
	return path;
}

static const struct pp_diag *
image_diag(const struct pp_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		if (d->items[i].code == PP_DIAG_IMAGE)
			return &d->items[i];
	return NULL;
}

static void
test_form_missing(void)
{
	int line, col;
	char *path =
	    write_form("form-absent.yaml", "\"logos/absent.png\"", &line, &col);
	struct pp_error err;
	struct pp_form *f;
	struct pp_diags d;
	const struct pp_diag *g;

	pp_error_init(&err);
	pp_diags_init(&d);
	f = path != NULL ? pp_form_read(path, &err) : NULL;
	if (!OK(f != NULL, "missing logo: the form reads")) {
		g_free(path);
		pp_diags_fini(&d);
		return;
	}
	OK(pp_form_validate(f, datadir, NULL, &d) > 0,
	   "missing logo: the form does not validate");
	g = image_diag(&d);
	if (OK(g != NULL, "missing logo: an image error")) {
		STR_EQ(g->message,
		       "logos/absent.png: this file does not exist (paths are "
		       "relative to the form's folder)",
		       "missing logo: the message");
		STR_EQ(g->path, "partenaire.logo.fichier",
		       "missing logo: the data path");
		STR_EQ(g->file, path, "missing logo: the form's file");
		INT_EQ(g->line, line, "missing logo: the value's line");
		INT_EQ(g->col, col, "missing logo: the value's column");
	}
	pp_form_free(f);
	pp_diags_fini(&d);
	g_free(path);
}

/* A form beside its logo, validated and expanded from another folder (the
 * tests run in tests/): paths start at the form's folder all along. */
/* The XML parts of an ODT of doc with charter c. */
struct odt_parts {
	struct pp_buf content, styles, meta, manifest;
};

static int
odt_parts_make(const struct pp_doc *doc, const struct pp_charte *c,
	       struct odt_parts *parts, struct pp_error *err)
{
	struct pp_odt_opts o;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-01T00:00:00Z";
	o.generator = "test";
	pp_buf_init(&parts->content);
	pp_buf_init(&parts->styles);
	pp_buf_init(&parts->meta);
	pp_buf_init(&parts->manifest);
	pp_error_init(err);
	return pp_odt_parts(doc, c, &o, &parts->content, &parts->styles,
			    &parts->meta, &parts->manifest, err);
}

static void
odt_parts_fini(struct odt_parts *parts)
{
	pp_buf_fini(&parts->content);
	pp_buf_fini(&parts->styles);
	pp_buf_fini(&parts->meta);
	pp_buf_fini(&parts->manifest);
}

static void
test_form_chain(void)
{
	int line, col;
	char *path =
	    write_form("form-ok.yaml", "\"logos/ok.png\"", &line, &col);
	char *tpl = g_build_filename(datadir, "models", "convention",
				     "template.xml", NULL);
	char *clauses = g_build_filename(datadir, "models", "clauses", NULL);
	char *want = g_build_filename(tmp, "logos", "ok.png", NULL);
	struct pp_template *t = NULL;
	struct pp_doc *doc = NULL;
	struct pp_pages *p = NULL;
	struct pp_error err;
	struct pp_form *f;
	struct pp_diags d;
	char *models[] = {"convention", NULL};

	pp_error_init(&err);
	pp_diags_init(&d);
	f = path != NULL ? pp_form_read(path, &err) : NULL;
	if (!OK(f != NULL, "form beside its logo: reads"))
		goto out;
	pp_form_validate(f, datadir, models, &d);
	OK(image_diag(&d) == NULL,
	   "form beside its logo: no image error from another folder");
	t = pp_template_load(tpl, clauses, &err);
	doc = t != NULL ? pp_template_expand(t, "convention", f->root, &err)
			: NULL;
	if (!OK(doc != NULL, "form beside its logo: expands")) {
		printf("# %s\n", err.message);
		goto out;
	}
	STR_EQ(doc->base_dir, tmp,
	       "pp_template_expand: base_dir is the form's folder");
	p = run(doc, &err);
	if (OK(p != NULL, "form beside its logo: lays out")) {
		const struct pp_item *imgs[2];

		if (OK(images_of(&p->pages[0], imgs, 2) == 1,
		       "form beside its logo: one logo on page 1"))
			STR_EQ(imgs[0]->name, want,
			       "the logo's file, resolved against the form's "
			       "folder");
	} else {
		printf("# %s\n", err.message);
	}
	/* The ODT carries it too. */
	{
		struct odt_parts parts;

		if (OK(odt_parts_make(doc, charte, &parts, &err) == 0,
		       "ODT with a logo: parts")) {
			OK(strstr(pp_buf_str(&parts.manifest),
				  "manifest:full-path=\"Pictures/logo-1.png\" "
				  "manifest:media-type=\"image/png\"") != NULL,
			   "ODT with a logo: in the manifest as image/png");
			OK(strstr(pp_buf_str(&parts.styles),
				  "xlink:href=\"Pictures/logo-1.png\"") !=
				   NULL &&
			       strstr(pp_buf_str(&parts.styles),
				      "En partenariat avec") == NULL,
			   "ODT with a logo: in the first-page header, "
			   "without a label on a convention");
		}
		odt_parts_fini(&parts);
	}
out:
	pp_pages_free(p);
	pp_doc_free(doc);
	pp_template_free(t);
	pp_form_free(f);
	pp_diags_fini(&d);
	g_free(path);
	g_free(tpl);
	g_free(clauses);
	g_free(want);
}

/* The charter's official artwork in the ODT: named and typed after its
 * bytes, framed with its own proportions, as the PDF draws it. */
static void
test_odt_artwork_one(const char *file, const char *want_name,
		     const char *want_type, double aspect)
{
	struct pp_charte art = *charte;
	const char *files[] = {"logo.png"};
	struct pp_doc *d = logo_doc(files, 1);
	char *path = tmp_path(file), *frame, *entry, name[256];
	struct odt_parts parts;
	struct pp_error err;

	art.marque.artwork = path;
	frame = g_strdup_printf("draw:name=\"bloc-marque\" "
				"text:anchor-type=\"as-char\" "
				"svg:width=\"%.2fpt\" svg:height=\"%.2fpt\"",
				charte->marque.height * aspect,
				charte->marque.height);
	entry = g_strdup_printf("manifest:full-path=\"%s\" "
				"manifest:media-type=\"%s\"",
				want_name, want_type);
	snprintf(name, sizeof(name), "ODT artwork %s: parts", file);
	if (OK(odt_parts_make(d, &art, &parts, &err) == 0, name)) {
		snprintf(name, sizeof(name),
			 "ODT artwork %s: framed with its proportions", file);
		if (!OK(strstr(pp_buf_str(&parts.styles), frame) != NULL, name))
			printf("#   want %s\n", frame);
		snprintf(name, sizeof(name), "ODT artwork %s: %s, %s", file,
			 want_name, want_type);
		OK(strstr(pp_buf_str(&parts.manifest), entry) != NULL, name);
	} else {
		printf("# %s\n", err.message);
	}
	odt_parts_fini(&parts);
	g_free(entry);
	g_free(frame);
	g_free(path);
	pp_doc_free(d);
}

static void
test_odt_artwork(void)
{
	write_file("svg-named.png", svg_wide, sizeof(svg_wide) - 1);
	test_odt_artwork_one("alpha.png", "Pictures/bloc-marque.png",
			     "image/png", 100.0 / 200.0);
	/* An SVG enters the ODT as the PNG librsvg draws (issue 15): never
	 * the SVG file, whatever its name. */
	test_odt_artwork_one("wide.svg", "Pictures/bloc-marque.png",
			     "image/png", 500.0 / 50.0);
	test_odt_artwork_one("svg-named.png", "Pictures/bloc-marque.png",
			     "image/png", 500.0 / 50.0);
}

/* An image as the PNG an ODT gets: PNG bytes of the size asked, drawn as
 * the PDF draws it (the SVG's colour at its centre). */
static void
test_png_copy(void)
{
	struct pp_images *im = pp_images_new();
	struct pp_error err;
	struct pp_buf png;
	const unsigned char *b;
	char *path;

	write_file("wide.svg", svg_wide, sizeof(svg_wide) - 1);
	pp_buf_init(&png);
	path = tmp_path("wide.svg");
	if (OK(cache_load(im, "wide.svg", NULL, NULL, NULL, &err) == 0,
	       "PNG copy: the SVG loads") &&
	    OK(pp_image_png(pp_images_find(im, path), 100, 10, &png, &err) == 0,
	       "PNG copy: drawn")) {
		cairo_surface_t *s;

		b = (const unsigned char *)png.data;
		OK(png.len > 24 && memcmp(b, "\x89PNG\r\n\x1a\n", 8) == 0 &&
		       b[16] == 0 && b[17] == 0 && b[18] == 0 && b[19] == 100 &&
		       b[20] == 0 && b[21] == 0 && b[22] == 0 && b[23] == 10,
		   "PNG copy: a PNG file of 100 x 10 pixels");
		write_file("copy.png", png.data, png.len);
		g_free(path);
		path = tmp_path("copy.png");
		s = cairo_image_surface_create_from_png(path);
		if (OK(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS,
		       "PNG copy: cairo reads it back")) {
			const guint32 *px = (const guint32 *)(const void *)
			    cairo_image_surface_get_data(s);
			int stride = cairo_image_surface_get_stride(s) / 4;

			INT_EQ(px[5 * stride + 50] & 0xffffff, 0x000091,
			       "PNG copy: the SVG's colour");
		}
		cairo_surface_destroy(s);
	}
	INT_EQ(pp_image_raster_side(72), PP_IMAGE_RASTER_DPI,
	       "PNG copy: an inch is PP_IMAGE_RASTER_DPI pixels");
	INT_EQ(pp_image_raster_side(0), 1, "PNG copy: at least a pixel");
	INT_EQ(pp_image_raster_side(1e9), PP_IMAGE_MAX_SIDE,
	       "PNG copy: at most PP_IMAGE_MAX_SIDE pixels");
	pp_buf_fini(&png);
	g_free(path);
	pp_images_free(im);
}

/* The centre pixel (RGB) of the PNG in png, or -1. */
static long
png_centre(const struct pp_buf *png)
{
	char *path;
	cairo_surface_t *s;
	long rgb = -1;

	write_file("centre.png", png->data, png->len);
	path = tmp_path("centre.png");
	s = cairo_image_surface_create_from_png(path);
	if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS) {
		const guint32 *px =
		    (const guint32 *)(const void *)cairo_image_surface_get_data(
			s);
		int stride = cairo_image_surface_get_stride(s) / 4;

		rgb = (long)(px[cairo_image_surface_get_height(s) / 2 * stride +
				cairo_image_surface_get_width(s) / 2] &
			     0xffffff);
	}
	cairo_surface_destroy(s);
	g_free(path);
	return rgb;
}

/* The samples of the PNG file in data (RGBA, 8 bits; g_free), its colour
 * type in *type (IHDR), or NULL. */
static unsigned char *
png_samples(const void *data, size_t len, int *type, size_t *n)
{
	png_image im;
	unsigned char *px;

	memset(&im, 0, sizeof(im));
	im.version = PNG_IMAGE_VERSION;
	if (len < 26 || !png_image_begin_read_from_memory(&im, data, len))
		return NULL;
	*type = ((const unsigned char *)data)[25];
	im.format = PNG_FORMAT_RGBA;
	*n = PNG_IMAGE_SIZE(im);
	px = g_malloc(*n);
	if (!png_image_finish_read(&im, NULL, px, 0, NULL)) {
		g_free(px);
		return NULL;
	}
	return px;
}

static cairo_status_t
png_append(void *closure, const unsigned char *data, unsigned int len)
{
	pp_buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* pp_image_png writes its PNG with libpng, cheaper settings than cairo's
 * cairo_surface_write_to_png_stream (which it did use): the file differs,
 * the pixels must not.  An SVG with partly transparent, anti-aliased
 * shapes (every alpha from 0 to 255), and an opaque one (RGB, as cairo
 * writes it), each drawn as pp_image_png draws it and written by cairo. */
static void
test_png_pixels_one(const char *name, const char *svg_text, int want_type)
{
	struct pp_images *im = pp_images_new();
	struct pp_error err;
	struct pp_buf ours, cairos;
	char *path = tmp_path(name), what[160];
	const struct pp_image *img = NULL;

	pp_buf_init(&ours);
	pp_buf_init(&cairos);
	write_file(name, svg_text, strlen(svg_text));
	snprintf(what, sizeof(what), "PNG pixels %s: drawn twice", name);
	if (OK(cache_load(im, name, NULL, NULL, NULL, &err) == 0 &&
		   (img = pp_images_find(im, path)) != NULL &&
		   pp_image_png(img, 157, 61, &ours, &err) == 0,
	       what)) {
		cairo_surface_t *s =
		    cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 157, 61);
		cairo_t *cr = cairo_create(s);
		unsigned char *a, *b;
		int ta = -1, tb = -2;
		size_t na = 0, nb = 1;

		pp_image_draw(img, cr, 0, 0, 157, 61, &err);
		cairo_destroy(cr);
		cairo_surface_flush(s);
		cairo_surface_write_to_png_stream(s, png_append, &cairos);
		cairo_surface_destroy(s);
		a = png_samples(ours.data, ours.len, &ta, &na);
		b = png_samples(cairos.data, cairos.len, &tb, &nb);
		snprintf(what, sizeof(what),
			 "PNG pixels %s: the same samples as cairo's PNG",
			 name);
		OK(a != NULL && b != NULL && na == nb && memcmp(a, b, na) == 0,
		   what);
		snprintf(what, sizeof(what),
			 "PNG pixels %s: the same colour type as cairo's (%d; "
			 "got %d, cairo %d)",
			 name, want_type, ta, tb);
		OK(ta == tb && ta == want_type, what);
		g_free(a);
		g_free(b);
	}
	pp_buf_fini(&ours);
	pp_buf_fini(&cairos);
	g_free(path);
	pp_images_free(im);
}

static void
test_png_pixels(void)
{
	static const char alpha[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"160\" "
	    "height=\"60\"><defs><linearGradient id=\"g\">"
	    "<stop offset=\"0\" stop-color=\"#000091\" stop-opacity=\"0\"/>"
	    "<stop offset=\"1\" stop-color=\"#E1000F\"/></linearGradient>"
	    "</defs><rect x=\"3.3\" y=\"2.7\" width=\"150\" height=\"50\" "
	    "fill=\"url(#g)\"/><circle cx=\"40\" cy=\"30\" r=\"21.5\" "
	    "fill=\"#68A532\" fill-opacity=\"0.37\"/></svg>\n";
	static const char opaque[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"157\" "
	    "height=\"61\"><rect width=\"157\" height=\"61\" "
	    "fill=\"#F5F5FE\"/><circle cx=\"80\" cy=\"30\" r=\"25.3\" "
	    "fill=\"#000091\"/></svg>\n";

	test_png_pixels_one("pixels-alpha.svg", alpha, PNG_COLOR_TYPE_RGBA);
	test_png_pixels_one("pixels-opaque.svg", opaque, PNG_COLOR_TYPE_RGB);
}

/* pp_image_png keeps the PNGs it drew last for the next ODT of a kit:
 * the same SVG bytes at the same size give the same PNG again; a file
 * changed under the same name, or another size, is drawn anew. */
static void
test_png_memo(void)
{
	static const char red[] =
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"500\" "
	    "height=\"50\"><rect width=\"500\" height=\"50\" "
	    "fill=\"#E1000F\"/></svg>\n";
	struct pp_images *a = pp_images_new(), *b = pp_images_new(),
			 *c = pp_images_new();
	struct pp_error err;
	struct pp_buf first, again, changed, taller;
	char *path = tmp_path("memo.svg"), *other = tmp_path("memo-2.svg");

	pp_buf_init(&first);
	pp_buf_init(&again);
	pp_buf_init(&changed);
	pp_buf_init(&taller);
	write_file("memo.svg", svg_wide, sizeof(svg_wide) - 1);
	write_file("memo-2.svg", svg_wide, sizeof(svg_wide) - 1);
	if (OK(cache_load(a, "memo.svg", NULL, NULL, NULL, &err) == 0 &&
		   cache_load(c, "memo-2.svg", NULL, NULL, NULL, &err) == 0,
	       "PNG memo: the SVGs load") &&
	    OK(pp_image_png(pp_images_find(a, path), 100, 10, &first, &err) ==
		       0 &&
		   pp_image_png(pp_images_find(c, other), 100, 10, &again,
				&err) == 0,
	       "PNG memo: drawn twice")) {
		OK(first.len == again.len &&
		       memcmp(first.data, again.data, first.len) == 0,
		   "PNG memo: the same bytes at the same size, the same PNG");
		INT_EQ(png_centre(&first), 0x000091,
		       "PNG memo: the SVG's colour");
	}
	write_file("memo.svg", red, sizeof(red) - 1);
	if (OK(cache_load(b, "memo.svg", NULL, NULL, NULL, &err) == 0 &&
		   pp_image_png(pp_images_find(b, path), 100, 10, &changed,
				&err) == 0,
	       "PNG memo: the file changed, drawn"))
		INT_EQ(png_centre(&changed), 0xe1000f,
		       "PNG memo: a changed file under the same name is drawn "
		       "anew");
	if (OK(pp_image_png(pp_images_find(a, path), 100, 20, &taller, &err) ==
		   0,
	       "PNG memo: another size, drawn")) {
		const unsigned char *t = (const unsigned char *)taller.data;

		OK(taller.len > 24 && t[19] == 100 && t[23] == 20,
		   "PNG memo: another size gives a PNG of that size");
	}
	pp_buf_fini(&first);
	pp_buf_fini(&again);
	pp_buf_fini(&changed);
	pp_buf_fini(&taller);
	g_free(path);
	g_free(other);
	pp_images_free(a);
	pp_images_free(b);
	pp_images_free(c);
}

/* Other breaches of the format, through a small schema. */
static void
test_format_cases(void)
{
	static const char schema[] =
	    "model: t\nform:\n  type: map\n  fields:\n"
	    "    logo: { type: string, format: image }\n";
	struct {
		const char *value, *want;
	} cases[] = {
	    {"logo.png", NULL},
	    {"photo.jpg", NULL},
	    {"logo.svg", NULL},
	    {"logos", "logos: this is a folder, not an image file"},
	    {"text.png", "text.png: this file is not a PNG, JPEG or SVG image"},
	    {"empty.png", "empty.png: this file is empty"},
	    {"big.png", "big.png: this file is 5.5 MB; an image may be 5 MB at "
			"most"},
	    {"absent.svg", "absent.svg: this file does not exist (paths are "
			   "relative to the form's folder)"},
	};
	char *spath = tmp_path("schema.yaml");
	struct pp_error err;
	struct pp_schema *s;
	size_t i;

	g_file_set_contents(spath, schema, -1, NULL);
	pp_error_init(&err);
	s = pp_schema_load(spath, NULL, &err);
	if (!OK(s != NULL, "a schema with format: image loads")) {
		printf("# %s\n", err.message);
		g_free(spath);
		return;
	}
	for (i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct pp_arena *a = pp_arena_new();
		char *yaml = g_strdup_printf("logo: \"%s\"\n", cases[i].value);
		struct pp_value *form = pp_yaml_read_mem(
		    a, "form.yaml", yaml, strlen(yaml), NULL, &err);
		struct pp_diags d;
		char name[256];

		pp_diags_init(&d);
		pp_schema_validate_dir(s, a, form, tmp, &d);
		snprintf(name, sizeof(name), "format image: %s",
			 cases[i].value);
		if (cases[i].want == NULL) {
			if (!OK(d.n == 0, name))
				printf("#   %s\n", d.items[0].message);
		} else if (OK(d.n == 1 && d.items[0].code == PP_DIAG_IMAGE &&
				  d.items[0].line == 1 && d.items[0].col == 7,
			      name)) {
			STR_EQ(d.items[0].message, cases[i].want, name);
		}
		pp_diags_fini(&d);
		g_free(yaml);
		pp_arena_free(a);
	}
	pp_schema_free(s);
	g_free(spath);
}

/* --- main ------------------------------------------------------------------
 */

static void
make_images(void)
{
	char *dir = tmp_path("logos");
	char *big = tmp_path("big.png");
	char *png = tmp_path("logo.png");
	char *data = NULL;
	gsize len = 0;
	FILE *f;

	g_mkdir(dir, 0755);
	write_png("logo.png", 300, 150, 0);
	write_png("alpha.png", 100, 200, 1);
	write_png("logos/ok.png", 120, 60, 0);
	write_jpeg("photo.jpg", 360, 200, 0);
	write_jpeg("cmyk.jpg", 80, 40, 1);
	write_file("logo.svg", svg_2_1, sizeof(svg_2_1) - 1);
	write_file("wide.svg", svg_wide, sizeof(svg_wide) - 1);
	write_file("nosize.svg", svg_nosize, strlen(svg_nosize));
	write_file("text.png", "this is not an image\n", 21);
	write_file("empty.png", "", 0);
	/* A PNG cut in its image data: the header reads, the pixels not. */
	if (g_file_get_contents(png, &data, &len, NULL) && len > 80)
		write_file("corrupt.png", data, 70);
	g_free(data);
	/* 5.5 MB, sparse, starting like a PNG. */
	f = fopen(big, "wb");
	if (f != NULL) {
		fwrite("\x89PNG\r\n\x1a\n", 1, 8, f);
		if (ftruncate(fileno(f), 5767168) != 0)
			printf("# cannot make big.png\n");
		fclose(f);
	}
	g_free(dir);
	g_free(big);
	g_free(png);
}

static void
remove_tree(const char *path)
{
	GDir *d = g_dir_open(path, 0, NULL);
	const char *e;

	if (d != NULL) {
		while ((e = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(path, e, NULL);

			if (g_file_test(p, G_FILE_TEST_IS_DIR))
				remove_tree(p);
			else
				g_unlink(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_rmdir(path);
}

int
main(void)
{
	struct pp_diags diags;
	struct pp_error err;
	int status;

	datadir = getenv("PARAPHE_DATADIR");
	if (datadir == NULL)
		datadir = "..";
	tmp = g_dir_make_tmp("paraphe-images-XXXXXX", NULL);
	if (!OK(tmp != NULL, "a temporary folder"))
		return harness_done();
	make_images();
	test_sniff();
	test_cache();
	test_png_copy();
	test_png_memo();
	test_png_pixels();
	test_format_cases();
	test_form_missing();
	pp_diags_init(&diags);
	pp_error_init(&err);
	charte = pp_charte_load(datadir, "etat", &diags, &err);
	if (OK(charte != NULL, "the State charter loads")) {
		engine = pp_layout_engine_new(charte, &err);
		if (OK(engine != NULL, "a layout engine")) {
			test_zone();
			test_draw();
			test_errors();
			test_form_chain();
			test_odt_artwork();
			pp_layout_engine_free(engine);
		} else {
			printf("# %s\n", err.message);
		}
		pp_charte_free(charte);
	} else {
		printf("# %s\n", err.message);
	}
	pp_diags_fini(&diags);
	status = harness_done();
	remove_tree(tmp);
	g_free(tmp);
	return status;
}
