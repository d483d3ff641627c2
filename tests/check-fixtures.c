/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Writes the PDF fixtures of "paraphe check" into the folder argv[1]: one
 * small A4 document per rule, each breaking it once with an object at a
 * known place (its report, tests/golden/check/NAME.pdf.check, gives the
 * same figures), and conformant.pdf, which breaks no rule that is an error.
 * The list of fixtures is also check_cases in tests/golden.sh.
 *
 *   foreign-font.pdf   text in a typeface outside the charter at 30, 100 mm
 *   off-palette.pdf    a 40 x 20 mm rectangle in #2E8B57 at 60, 150 mm
 *   no-marque.pdf      text only
 *   two-marques.pdf    the motto twice on page 1, at 15, 15 and 15, 40 mm
 *   tiny-marque.pdf    paraphe's mark, a Marianne block 2 mm high
 *   small-text.pdf     4 pt text at 50, 200 mm
 *   low-contrast.pdf   text in #BBBBBB at 30, 120 mm
 *   not-a4.pdf         US Letter
 *   untagged.pdf       no structure tree
 *   untitled.pdf       no title
 *   conformant.pdf     the mark, Liberation Sans (the charter's own
 *                      fallback), palette colours, A4, a title, a tag
 *   control-font.pdf   foreign-font.pdf whose font is named ESC [1m and
 *                      the byte 0x9B (a C1 control sequence introducer
 *                      in Latin-1), for the text report's escaping
 *   substitutes.pdf    DejaVu Sans and DejaVu Sans Bold, two faces of a
 *                      substitute family: one police-substitution
 *   active.pdf         JavaScript, an embedded file and an attachment,
 *                      written by hand (fixture_active)
 *   invisible.pdf      small pale text twice, once invisible (render mode
 *                      3): only the visible one is reported
 *
 * Every fixture but the one about it has the mark, a title and a tag, so
 * that each breaks one rule only.  Text is laid out by Pango at 72 dpi:
 * one Pango unit of size is one PDF point.  Positions are in millimetres
 * from the top-left corner of the page, as paraphe reports them.
 */
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM(x) ((x)*72.0 / 25.4)

#define A4_W	 MM(210.0)
#define A4_H	 MM(297.0)
#define LETTER_W 612.0
#define LETTER_H 792.0

/* The charter's own colours (charte/etat/charte.yaml, palette). */
#define GRIS_50 0x161616
#define BLEU	0x000091
#define ROUGE	0xE1000F

struct fixture {
	cairo_surface_t *surface;
	cairo_t *cr;
	int tagged;
	char *path;
};

static const char *fixtures_dir;
static const char *foreign_family;

static void
fixture_rgb(cairo_t *cr, unsigned rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
			     ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static void
fixture_open(struct fixture *f, const char *name, double w, double h,
	     int titled, int tagged)
{
	size_t len = strlen(fixtures_dir) + strlen(name) + 2;

	f->path = malloc(len);
	if (f->path == NULL)
		abort();
	snprintf(f->path, len, "%s/%s", fixtures_dir, name);
	f->surface = cairo_pdf_surface_create(f->path, w, h);
	if (cairo_surface_status(f->surface) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "check-fixtures: cannot write %s\n", f->path);
		exit(1);
	}
	/* Fixed dates: the same bytes from one run to the next. */
	cairo_pdf_surface_set_metadata(
	    f->surface, CAIRO_PDF_METADATA_CREATE_DATE, "2026-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(f->surface, CAIRO_PDF_METADATA_MOD_DATE,
				       "2026-01-01T00:00:00Z");
	if (titled)
		cairo_pdf_surface_set_metadata(f->surface,
					       CAIRO_PDF_METADATA_TITLE, name);
	f->cr = cairo_create(f->surface);
	f->tagged = tagged;
	if (tagged)
		cairo_tag_begin(f->cr, "Document", "");
}

static void
fixture_close(struct fixture *f)
{
	if (f->tagged)
		cairo_tag_end(f->cr, "Document");
	cairo_show_page(f->cr);
	cairo_destroy(f->cr);
	cairo_surface_finish(f->surface);
	if (cairo_surface_status(f->surface) != CAIRO_STATUS_SUCCESS) {
		fprintf(
		    stderr, "check-fixtures: cannot write %s: %s\n", f->path,
		    cairo_status_to_string(cairo_surface_status(f->surface)));
		exit(1);
	}
	cairo_surface_destroy(f->surface);
	free(f->path);
}

/* One line of text whose layout's top-left corner is at x, y mm. */
static void
fixture_text(struct fixture *f, const char *family, double size_pt,
	     unsigned rgb, double x_mm, double y_mm, const char *text)
{
	PangoLayout *layout = pango_cairo_create_layout(f->cr);
	PangoFontDescription *fd = pango_font_description_new();

	pango_cairo_context_set_resolution(pango_layout_get_context(layout),
					   72);
	pango_layout_context_changed(layout);
	pango_font_description_set_family(fd, family);
	pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
	pango_layout_set_font_description(layout, fd);
	pango_layout_set_text(layout, text, -1);
	if (f->tagged)
		cairo_tag_begin(f->cr, "P", "");
	fixture_rgb(f->cr, rgb);
	cairo_move_to(f->cr, MM(x_mm), MM(y_mm));
	pango_cairo_show_layout(f->cr, layout);
	if (f->tagged)
		cairo_tag_end(f->cr, "P");
	pango_font_description_free(fd);
	g_object_unref(layout);
}

/* paraphe's own mark: a named destination carrying the Marianne block's
 * box in points, around a placeholder block in the palette's blue and
 * red, as src/pdf.c draws it. */
static void
fixture_marque(struct fixture *f, double x_mm, double y_mm, double w_mm,
	       double h_mm)
{
	char attrs[160];

	snprintf(attrs, sizeof(attrs),
		 "name='paraphe-bloc-marque:%.1f:%.1f:%.1f:%.1f' x=%.1f "
		 "y=%.1f",
		 MM(x_mm), MM(y_mm), MM(w_mm), MM(h_mm), MM(x_mm), MM(y_mm));
	cairo_tag_begin(f->cr, CAIRO_TAG_DEST, attrs);
	fixture_rgb(f->cr, BLEU);
	cairo_rectangle(f->cr, MM(x_mm), MM(y_mm), MM(w_mm) / 2, MM(h_mm));
	cairo_fill(f->cr);
	fixture_rgb(f->cr, ROUGE);
	cairo_rectangle(f->cr, MM(x_mm + w_mm / 2), MM(y_mm), MM(w_mm) / 2,
			MM(h_mm));
	cairo_fill(f->cr);
	cairo_tag_end(f->cr, CAIRO_TAG_DEST);
}

/* The usual mark of the fixtures: 20 x 8 mm at 22, 15 mm. */
static void
fixture_std_marque(struct fixture *f)
{
	fixture_marque(f, 22, 15, 20, 8);
}

/* A typeface outside the charter (polices_autorisees and
 * polices_substitution): DejaVu Serif, else FreeSans.  DejaVu Sans is
 * one of the charter's substitutes, so it would only be a warning. */
static const char *
fixture_foreign_family(void)
{
	static const char *const wanted[] = {"DejaVu Serif", "FreeSans",
					     "FreeSerif"};
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	PangoFontFamily **families = NULL;
	int n = 0, i;
	size_t k;
	const char *found = NULL;

	pango_font_map_list_families(fm, &families, &n);
	for (k = 0; k < sizeof(wanted) / sizeof(wanted[0]) && !found; k++)
		for (i = 0; i < n; i++)
			if (g_ascii_strcasecmp(
				pango_font_family_get_name(families[i]),
				wanted[k]) == 0) {
				found = wanted[k];
				break;
			}
	g_free(families);
	return found;
}

static const char body[] = "Convention de partenariat";

/*
 * Copies the PDF from into to with every occurrence of the font name name
 * written as evil instead, a name of the same length in the PDF's syntax
 * (#HH for any byte), so that every offset of the file stays right.
 */
static void
fixture_rename_font(const char *from, const char *to, const char *name,
		    const char *evil)
{
	size_t n = strlen(name), len = 0, cap = 0, i;
	char *data = NULL;
	FILE *f;
	size_t got;

	if (strlen(evil) != n) {
		fprintf(stderr,
			"check-fixtures: the font name %s is not %zu "
			"bytes long\n",
			name, strlen(evil));
		exit(1);
	}
	f = fopen(from, "rb");
	if (f == NULL)
		exit(1);
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 65536;
			data = realloc(data, cap);
			if (data == NULL)
				abort();
		}
		got = fread(data + len, 1, cap - len, f);
		len += got;
	} while (got > 0);
	fclose(f);
	for (i = 0; i + n <= len; i++)
		if (memcmp(data + i, name, n) == 0)
			memcpy(data + i, evil, n);
	f = fopen(to, "wb");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
		fprintf(stderr, "check-fixtures: cannot write %s\n", to);
		exit(1);
	}
	free(data);
}

/* Writes the PDF name of n objects (object i + 1 is objects[i]), by hand:
 * cairo writes neither scripts nor invisible text.  The last object is the
 * document information. */
static void
fixture_raw(const char *name, const char *const *objects, size_t n)
{
	long offsets[16];
	size_t len = strlen(fixtures_dir) + strlen(name) + 2, i;
	char *path = malloc(len);
	FILE *f;
	long xref;

	if (path == NULL || n > 16)
		abort();
	snprintf(path, len, "%s/%s", fixtures_dir, name);
	f = fopen(path, "wb");
	if (f == NULL) {
		fprintf(stderr, "check-fixtures: cannot write %s\n", path);
		exit(1);
	}
	fputs("%PDF-1.7\n", f);
	for (i = 0; i < n; i++) {
		offsets[i] = ftell(f);
		fprintf(f, "%zu 0 obj\n%s\nendobj\n", i + 1, objects[i]);
	}
	xref = ftell(f);
	fprintf(f, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 0; i < n; i++)
		fprintf(f, "%010ld 00000 n \n", offsets[i]);
	fprintf(f,
		"trailer\n<< /Size %zu /Root 1 0 R /Info %zu 0 R >>\n"
		"startxref\n%ld\n%%%%EOF\n",
		n + 1, n, xref);
	if (fclose(f) != 0) {
		fprintf(stderr, "check-fixtures: cannot write %s\n", path);
		exit(1);
	}
	free(path);
}

/* active.pdf: one blank A4 page, a title, JavaScript run when the
 * document opens, an embedded file (the catalog's EmbeddedFiles) and a
 * file attachment annotation at 20, 30 mm (10 x 10 mm). */
static void
fixture_active(void)
{
	static const char *const objects[] = {
	    "<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R"
	    " /Names << /EmbeddedFiles << /Names [(annexe.exe) 5 0 R] >> >>"
	    " >>",
	    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
	    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]"
	    " /Annots [7 0 R] >>",
	    "<< /S /JavaScript /JS (app.alert\\(1\\);) >>",
	    "<< /Type /Filespec /F (annexe.exe) /UF (annexe.exe)"
	    " /EF << /F 6 0 R >> >>",
	    "<< /Type /EmbeddedFile /Length 5 >>\nstream\nMZ...\nendstream",
	    "<< /Type /Annot /Subtype /FileAttachment"
	    " /Rect [56.69 728.5 85.04 756.85] /FS 5 0 R /Contents (pj) >>",
	    "<< /Title (active.pdf) >>",
	};

	fixture_raw("active.pdf", objects,
		    sizeof(objects) / sizeof(objects[0]));
}

/* invisible.pdf: the same 4 pt text in #CCCCCC twice, invisible (render
 * mode 3, as an OCR layer) at 100 mm from the top, visible at 200 mm:
 * only the second is too small and too pale.  (Helvetica, not embedded:
 * its font findings are the same for both.) */
static void
fixture_invisible(void)
{
	static const char content[] =
	    "BT /F1 4 Tf 0.8 0.8 0.8 rg 3 Tr 70.87 553.43 Td (Texte OCR) Tj "
	    "ET\n"
	    "BT /F1 4 Tf 0.8 0.8 0.8 rg 0 Tr 70.87 270 Td (Texte OCR) Tj ET";
	char stream[512];
	const char *objects[6];

	snprintf(stream, sizeof(stream),
		 "<< /Length %zu >>\nstream\n%s\nendstream",
		 sizeof(content) - 1, content);
	objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
	objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
	objects[2] = "<< /Type /Page /Parent 2 0 R"
		     " /MediaBox [0 0 595.28 841.89]"
		     " /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R"
		     " >>";
	objects[3] = stream;
	objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
	objects[5] = "<< /Title (invisible.pdf) >>";
	fixture_raw("invisible.pdf", objects, 6);
}

int
main(int argc, char **argv)
{
	struct fixture f;

	if (argc != 2) {
		fprintf(stderr, "usage: check-fixtures OUT-DIR\n");
		return 2;
	}
	fixtures_dir = argv[1];
	foreign_family = fixture_foreign_family();
	if (foreign_family == NULL) {
		fprintf(stderr, "check-fixtures: neither DejaVu Serif nor "
				"FreeSans is installed (fonts-dejavu-core, "
				"fonts-freefont-ttf)\n");
		return 1;
	}

	fixture_open(&f, "conformant.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 16, BLEU, 30, 80, body);
	fixture_text(&f, "Liberation Sans", 11, GRIS_50, 30, 100,
		     "Entre l'État et son partenaire.");
	fixture_rgb(f.cr, 0xE3E3FD); /* bleu_france_925 */
	cairo_rectangle(f.cr, MM(30), MM(120), MM(60), MM(20));
	cairo_fill(f.cr);
	fixture_close(&f);

	fixture_open(&f, "substitutes.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "DejaVu Sans", 12, GRIS_50, 30, 100, body);
	fixture_text(&f, "DejaVu Sans Bold", 12, GRIS_50, 30, 120, body);
	fixture_close(&f);

	fixture_open(&f, "foreign-font.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, foreign_family, 12, GRIS_50, 30, 100, body);
	fixture_close(&f);
	{
		size_t n = strlen(fixtures_dir) + 32;
		char *from = malloc(n), *to = malloc(n);

		if (from == NULL || to == NULL)
			abort();
		snprintf(from, n, "%s/foreign-font.pdf", fixtures_dir);
		snprintf(to, n, "%s/control-font.pdf", fixtures_dir);
		/* ESC [ 1 m, 0x9B: "[" is a delimiter, hence #5B. */
		fixture_rename_font(from, to, "DejaVuSerif", "#1B#5B1m#9B");
		free(from);
		free(to);
	}

	fixture_open(&f, "off-palette.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_rgb(f.cr, 0x2E8B57);
	cairo_rectangle(f.cr, MM(60), MM(150), MM(40), MM(20));
	cairo_fill(f.cr);
	fixture_close(&f);

	fixture_open(&f, "no-marque.pdf", A4_W, A4_H, 1, 1);
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_open(&f, "two-marques.pdf", A4_W, A4_H, 1, 1);
	fixture_text(&f, "Liberation Sans", 9, GRIS_50, 15, 15,
		     "Liberté\nÉgalité\nFraternité");
	fixture_text(&f, "Liberation Sans", 9, GRIS_50, 15, 40,
		     "Liberté\nÉgalité\nFraternité");
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_open(&f, "tiny-marque.pdf", A4_W, A4_H, 1, 1);
	fixture_marque(&f, 22, 15, 5, 2);
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_open(&f, "small-text.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 4, GRIS_50, 50, 200, body);
	fixture_close(&f);

	fixture_open(&f, "low-contrast.pdf", A4_W, A4_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 12, 0xBBBBBB, 30, 120, body);
	fixture_close(&f);

	fixture_open(&f, "not-a4.pdf", LETTER_W, LETTER_H, 1, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_open(&f, "untagged.pdf", A4_W, A4_H, 1, 0);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_open(&f, "untitled.pdf", A4_W, A4_H, 0, 1);
	fixture_std_marque(&f);
	fixture_text(&f, "Liberation Sans", 12, GRIS_50, 30, 100, body);
	fixture_close(&f);

	fixture_active();
	fixture_invisible();
	return 0;
}
