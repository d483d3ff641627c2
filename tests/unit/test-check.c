/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of the isolation of src/check_child.c: poppler runs in a child
 * process with a memory and a time limit (pp_check_set_limits) unless the
 * caller asks for it in-process (pp_check_set_isolation, the fuzz
 * targets).  The PDFs of the check-pdf fuzz corpus give the same report,
 * finding for finding, both ways, and the same error when they cannot be
 * read; a time limit of 1 ms refuses the check with the "limit" code; a
 * second check after a refusal works.  The memory refusal on a real PDF is
 * the "poppler 800 MB" case of tests/attacks.sh.  The rule catalogue
 * (src/checkrules.def): every rule has a unique id, a summary and the
 * severity of an error or a warning.  The JSON report is valid JSON
 * whatever bytes the file's names hold.  The pages qpdf's reading marks
 * palette-only (no colour raster): those painting in palette colours
 * only, not those with anything it does not model, nor beyond a limit;
 * off-palette colours still reported.
 */
#include "buf.h"
#include "charte.h"
#include "check.h"
#include "check_private.h"
#include "diag.h"

#include "../harness.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define CORPUS "fuzz/corpus/check-pdf/"

static struct pp_charte *charte;
static char tmpdir[] = "/tmp/test-check-XXXXXX";
static char longpdf[512];

/* A PDF of n pages of small coloured squares: a check long enough for
 * the time limit.  (No text: cairo's toy font API leaks a fontconfig
 * pattern, which valgrind would count in every child.) */
static int
write_long_pdf(const char *path, int n)
{
	cairo_surface_t *s = cairo_pdf_surface_create(path, 595, 842);
	cairo_t *cr = cairo_create(s);
	int i, k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < 400; k++) {
			cairo_set_source_rgb(cr, (k % 7) / 7.0, (k % 11) / 11.0,
					     (k % 13) / 13.0);
			cairo_rectangle(cr, 40 + (k % 20) * 25,
					60 + (k / 20) * 36, 20, 30);
			cairo_fill(cr);
		}
		cairo_show_page(cr);
	}
	cairo_destroy(cr);
	cairo_surface_finish(s);
	i = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS ? 0 : -1;
	cairo_surface_destroy(s);
	return i;
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The check of path, as a JSON report or "error CODE: MESSAGE". */
static char *
run(const char *path, struct pp_check *r)
{
	struct pp_error err;
	struct pp_buf out;

	pp_check_init(r, path);
	pp_error_init(&err);
	pp_buf_init(&out);
	if (pp_check_file(path, charte, r, &err) != 0)
		pp_buf_addf(&out, "error %s: %s", pp_diag_code_name(err.code),
			    err.set ? err.message : "(not set)");
	else
		pp_check_format_json(r, &out);
	return pp_buf_detach(&out);
}

/* The findings of a and b are the same, bit for bit. */
static int
same_findings(const struct pp_check *a, const struct pp_check *b)
{
	size_t i;

	if (a->n != b->n || a->pages != b->pages || a->partial != b->partial)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct pp_finding *x = &a->items[i], *y = &b->items[i];

		if (x->rule != y->rule || x->severity != y->severity ||
		    x->page != y->page || memcmp(&x->x, &y->x, sizeof(x->x)) ||
		    memcmp(&x->y, &y->y, sizeof(x->y)) ||
		    memcmp(&x->w, &y->w, sizeof(x->w)) ||
		    memcmp(&x->h, &y->h, sizeof(x->h)) ||
		    strcmp(x->found, y->found) != 0 ||
		    strcmp(x->expected, y->expected) != 0)
			return 0;
	}
	return 1;
}

static void
test_rules(void)
{
	int k, j, unique = 1, described = 1, graded = 1;

	for (k = 0; k < PP_RULE__COUNT; k++) {
		const char *id = pp_check_rule_id((enum pp_check_rule)k);
		enum pp_severity sev =
		    pp_check_rule_severity((enum pp_check_rule)k);

		if (id[0] == '\0' || strcmp(id, "?") == 0 ||
		    pp_check_rule_summary((enum pp_check_rule)k)[0] == '\0')
			described = 0;
		if (sev != PP_SEV_ERROR && sev != PP_SEV_WARNING)
			graded = 0;
		for (j = 0; j < k; j++)
			if (strcmp(id, pp_check_rule_id(
					   (enum pp_check_rule)j)) == 0)
				unique = 0;
	}
	OK(described, "every rule has an id and a summary");
	OK(unique, "no two rules have the same id");
	OK(graded, "every rule is an error or a warning");
	STR_EQ(pp_check_rule_id(PP_RULE_POLICE_HORS_CHARTE),
	       "police-hors-charte", "the id of PP_RULE_POLICE_HORS_CHARTE");
	OK(pp_check_rule_severity(PP_RULE_POLICE_HORS_CHARTE) == PP_SEV_ERROR &&
	       pp_check_rule_severity(PP_RULE_CONTRASTE) == PP_SEV_WARNING,
	   "police-hors-charte is an error, contraste a warning");
}

/* The JSON report of findings whose text comes from a hostile file: valid
 * JSON whatever the bytes. */
/* Numbers in the JSON report as the text report spells them: json-glib
 * alone would write 30.1 as 30.100000000000001, and the shortest %g form of
 * 30.0 is 3e+01. */
static void
test_json_numbers(void)
{
	struct pp_check r;
	struct pp_finding *f;
	struct pp_buf out;

	pp_check_init(&r, "numbers.pdf");
	r.items = calloc(1, sizeof(*r.items));
	r.n = r.cap = 1;
	r.pages = 12;
	f = &r.items[0];
	f->rule = PP_RULE_POLICE_HORS_CHARTE;
	f->severity = PP_SEV_ERROR;
	f->page = 1;
	f->x = 30.0;
	f->y = 272.14;
	f->w = 0.3;
	f->h = 1234.56;
	f->found = strdup("a 12.5 pt text");
	f->expected = strdup("Marianne");
	pp_buf_init(&out);
	pp_check_format_json(&r, &out);
	OK(strstr(pp_buf_str(&out),
		  "\"boite_mm\":{\"x\":30.0,\"y\":272.1,\"largeur\":0.3,"
		  "\"hauteur\":1234.6}") != NULL,
	   "JSON report: millimetres to the tenth, in fixed notation");
	OK(strstr(pp_buf_str(&out), "\"pages\":12,") != NULL,
	   "JSON report: integers as they are");
	OK(strstr(pp_buf_str(&out), "\"constat\":\"a 12.5 pt text\"") != NULL,
	   "JSON report: numbers inside strings untouched");
	pp_buf_fini(&out);
	pp_check_fini(&r);
}

static void
test_json_hostile_text(void)
{
	struct pp_check r;
	struct pp_finding *f;
	struct pp_buf out;
	JsonParser *parser = json_parser_new();
	GError *gerr = NULL;
	JsonObject *finding;

	pp_check_init(&r, "bad\xe9name.pdf");
	r.items = calloc(1, sizeof(*r.items));
	r.n = r.cap = 1;
	f = &r.items[0];
	f->rule = PP_RULE_POLICE_HORS_CHARTE;
	f->severity = PP_SEV_ERROR;
	f->page = 1;
	f->found = strdup("the typeface Unit\x1fSep\xff\\\"\n is not in the "
			  "charter");
	f->expected = strdup("Marianne");
	pp_buf_init(&out);
	pp_check_format_json(&r, &out);
	OK(g_utf8_validate(pp_buf_str(&out), -1, NULL),
	   "JSON report: UTF-8 whatever the bytes of the file");
	OK(strchr(pp_buf_str(&out), '\x1f') == NULL &&
	       strstr(pp_buf_str(&out), "Unit\\u001fSep") != NULL,
	   "JSON report: U+001F escaped");
	OK(json_parser_load_from_data(parser, pp_buf_str(&out), -1, &gerr),
	   "JSON report: json-glib reads it back");
	if (gerr != NULL) {
		printf("#   %s\n#   %s", gerr->message, pp_buf_str(&out));
		g_error_free(gerr);
	} else {
		finding = json_array_get_object_element(
		    json_object_get_array_member(
			json_node_get_object(json_parser_get_root(parser)),
			"constats"),
		    0);
		STR_EQ(json_object_get_string_member(finding, "constat"),
		       "the typeface Unit\x1fSep\xef\xbf\xbd\\\"\n is not in "
		       "the charter",
		       "JSON report: the text, with U+FFFD for the stray byte");
	}
	g_object_unref(parser);
	pp_buf_fini(&out);
	pp_check_fini(&r);
}

static void
test_same_both_ways(void)
{
	static const char *const files[] = {
	    "conformant.pdf",
	    "foreign-font.pdf",
	    "low-contrast.pdf",
	    "no-marque.pdf",
	    "not-a4.pdf",
	    "off-palette.pdf",
	    "small-text.pdf",
	    "tiny-marque.pdf",
	    "two-marques.pdf",
	    "untagged.pdf",
	    "untitled.pdf",
	    "garbage.pdf",
	    "truncated.pdf",
	    /* the ODTs, in a child too (issue 15, item 8) */
	    "../check-odt/paraphe-convention.odt",
	    "../check-odt/off-palette.odt",
	    "../check-odt/foreign-font.odt",
	    "../check-odt/laughs.odt",
	    "../check-odt/not-xml.odt",
	    /* the DOCXs likewise (issue 18) */
	    "../check-docx/conformant.docx",
	    "../check-docx/active.docx",
	    "../check-docx/theme-colour.docx",
	    "../check-docx/small-text.docx",
	    "../check-docx/laughs.docx",
	    "../check-docx/no-types.docx",
	    "../check-docx/damaged.docx",
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct pp_check in, out;
		char path[256], name[320];
		char *a, *b;

		snprintf(path, sizeof(path), CORPUS "%s", files[i]);
		pp_check_set_isolation(0);
		a = run(path, &in);
		pp_check_set_isolation(1);
		b = run(path, &out);
		snprintf(name, sizeof(name),
			 "%s: the same report in-process and in a child",
			 files[i]);
		STR_EQ(b, a, name);
		snprintf(name, sizeof(name),
			 "%s: the same findings, bit for bit", files[i]);
		OK(same_findings(&in, &out), name);
		if (starts(files[i], "low-contrast")) {
			snprintf(name, sizeof(name), "%s: some findings",
				 files[i]);
			OK(out.n > 0 && out.pages == 1, name);
		}
		pp_check_fini(&in);
		pp_check_fini(&out);
		free(a);
		free(b);
	}
}

/* A kit worker reads the charter's glyphs once (pp_check_prepare) for
 * the children it forks: the reports stay those of a check that reads
 * them itself. */
static void
test_same_prepared(void)
{
	static const char *const files[] = {
	    "conformant.pdf", "foreign-font.pdf", "off-palette.pdf",
	    "small-text.pdf", "untagged.pdf",	  "garbage.pdf",
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct pp_check own, prepared;
		char path[256], name[320];
		char *a, *b;

		snprintf(path, sizeof(path), CORPUS "%s", files[i]);
		pp_check_unprepare();
		a = run(path, &own);
		pp_check_prepare(charte);
		b = run(path, &prepared);
		snprintf(name, sizeof(name),
			 "%s: the same report with the glyphs read before",
			 files[i]);
		STR_EQ(b, a, name);
		snprintf(name, sizeof(name),
			 "%s: the same findings with the glyphs read before",
			 files[i]);
		OK(same_findings(&own, &prepared), name);
		pp_check_fini(&own);
		pp_check_fini(&prepared);
		free(a);
		free(b);
	}
	pp_check_unprepare();
}

static void
test_time_limit(void)
{
	struct pp_check r;
	char *got;
	double t0, took;

	/* In-process, the 10 pages take far longer than 1 ms. */
	pp_check_set_isolation(0);
	t0 = now_s();
	free(run(longpdf, &r));
	took = now_s() - t0;
	pp_check_fini(&r);
	pp_check_set_isolation(1);
	OK(took > 0.02, "10 pages: a check longer than 20 ms");
	printf("#   %.3f s in-process\n", took);

	pp_check_set_limits(256, 1);
	t0 = now_s();
	got = run(longpdf, &r);
	took = now_s() - t0;
	OK(starts(got, "error limit: checking this PDF took longer than "),
	   "a 1 ms limit: refused with the limit code");
	printf("#   %s (%.3f s)\n", got, took);
	OK(r.n == 0, "a 1 ms limit: no finding");
	pp_check_fini(&r);
	free(got);

	/* An ODT's check is bounded in time too. */
	got = run(CORPUS "../check-odt/paraphe-convention.odt", &r);
	OK(starts(got, "error limit: checking this ODT took longer than "),
	   "an ODT under a 1 ms limit: refused with the limit code");
	printf("#   %s\n", got);
	pp_check_fini(&r);
	free(got);

	/* A DOCX's too, and the message names it: paraphe's own convention,
	 * whose check takes a few milliseconds (a small fixture could end
	 * within the millisecond). */
	got = run(CORPUS "../check-docx/paraphe-convention.docx", &r);
	OK(starts(got, "error limit: checking this DOCX took longer than "),
	   "a DOCX under a 1 ms limit: refused with the limit code");
	printf("#   %s\n", got);
	pp_check_fini(&r);
	free(got);

	/* The limits back: the next check works. */
	pp_check_set_limits(256, 30000);
	got = run(CORPUS "two-marques.pdf", &r);
	OK(starts(got, "{\"fichier\"") && r.n > 0,
	   "after a refusal, the next check works");
	pp_check_fini(&r);
	free(got);
}

/* A check that limits cut short is never called conformant (issue 15),
 * even with no finding in the part read. */
static void
test_partial_never_conformant(void)
{
	struct pp_check r;
	struct pp_buf out;

	pp_check_init(&r, "long.pdf");
	r.pages = 2500;
	OK(pp_check_conformant(&r), "a clean, whole check is conformant");
	r.partial = 1;
	OK(!pp_check_conformant(&r), "a clean but partial check is not");
	INT_EQ(pp_check_pages_read(&r), PP_CHECK_MAX_PAGES,
	       "the pages read stop at the limit");
	pp_buf_init(&out);
	pp_check_format_text(&r, &out);
	OK(strstr(pp_buf_str(&out), ": conformant") == NULL &&
	       strstr(pp_buf_str(&out), "long.pdf: partial check: ") != NULL &&
	       strstr(pp_buf_str(&out), "(2500 pages, 2000 read)") != NULL,
	   "text report: says partial and how much was read");
	pp_buf_reset(&out);
	pp_check_format_json(&r, &out);
	OK(strstr(pp_buf_str(&out), "\"conforme\":false") != NULL &&
	       strstr(pp_buf_str(&out), "\"partiel\":true") != NULL,
	   "JSON report: partial, not conformant");
	pp_buf_fini(&out);
	pp_check_fini(&r);
}

/* Issue 15 (9): a font's family from its name, subset tags and style
 * words set aside; the charter's patterns name whole families. */
static void
test_font_families(void)
{
	static const struct {
		const char *name, *family;
	} names[] = {
	    {"ABCDEF+LiberationSans-BoldItalic", "LiberationSans"},
	    {"Arial,Bold", "Arial"},
	    {"Arial,BoldItalic", "Arial"},
	    {"Arial-BoldItalicMT", "Arial"},
	    {"ArialMT", "Arial"},
	    {"Arial-Black", "Arial-Black"},
	    {"Marianne ExtraBold", "Marianne"},
	    {"Marianne-Light", "Marianne"},
	    {"MarianneComicSans", "MarianneComicSans"},
	    {"Liberation Sans", "Liberation Sans"},
	    {"abcdef+Spectral-Italic", "abcdef+Spectral"},
	};
	static const struct {
		const char *family;
		int cls;
	} classes[] = {
	    {"Marianne", 0},
	    {"Arial", 0},
	    {"Spectral", 0},
	    {"LiberationSans", 0},
	    {"Liberation Sans", 0},
	    {"Liberation Serif", 0},
	    {"MarianneComicSans", 2},
	    {"Arial-Black", 2},
	    {"Arial Black", 2},
	    {"ArialComic", 2},
	    {"DejaVu Sans", 1},
	    {"DejaVuSans", 1},
	    {"Arimo", 1},
	    {"DejaVu Sans Mono", 2},
	    {"DejaVu Serif", 2},
	    {"Comic Sans MS", 2},
	};
	size_t i;
	char label[160];

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *f = pp_check_font_family(names[i].name);

		snprintf(label, sizeof(label), "the family of \"%s\"",
			 names[i].name);
		STR_EQ(f, names[i].family, label);
		g_free(f);
	}
	for (i = 0; i < sizeof(classes) / sizeof(classes[0]); i++) {
		snprintf(label, sizeof(label), "\"%s\": %s", classes[i].family,
			 classes[i].cls == 0   ? "in the charter"
			 : classes[i].cls == 1 ? "a substitute"
					       : "outside the charter");
		INT_EQ(pp_check_font_class(charte, classes[i].family),
		       classes[i].cls, label);
	}
}

/* --- The output intent (check_pdfobj.c, obj_unmanaged) ------------------ */

/* pdf written to path, and freed: 0, or -1. */
static int
write_gstring(const char *path, GString *pdf)
{
	FILE *f = fopen(path, "wb");
	int ok = f != NULL && fwrite(pdf->str, 1, pdf->len, f) == pdf->len;

	if (f != NULL && fclose(f) != 0)
		ok = 0;
	g_string_free(pdf, TRUE);
	return ok ? 0 : -1;
}

/* Ends pdf, whose objects 1 to 6 start at off[1..6] (each moved by
 * shift in the xref), with the trailer's extra keys and tail after
 * %%EOF, and writes it to path: 0, or -1.  pdf is freed. */
static int
write_pdf_end(GString *pdf, const long *off, long shift, const char *extra,
	      const char *tail, const char *path)
{
	long xref = (long)pdf->len;
	int i;

	g_string_append(pdf, "xref\n0 7\n0000000000 65535 f\r\n");
	for (i = 1; i <= 6; i++)
		g_string_append_printf(pdf, "%010ld 00000 n\r\n",
				       off[i] + shift);
	g_string_append_printf(pdf,
			       "trailer\n<< /Size 7 /Root 1 0 R %s>>\n"
			       "startxref\n%ld\n%%%%EOF\n%s",
			       extra, xref, tail != NULL ? tail : "");
	return write_gstring(path, pdf);
}

/* A one-page PDF with a rectangle filled in 0.2 0.4 0.8 in the colour
 * space cs ("/DeviceRGB", "[/ICCBased 5 0 R]", ...), with nintents
 * output intents whose profile is object 5 (the charter's sRGB), a
 * comment of pad bytes after the header and tail after its end;
 * xref_shift moves every offset of the xref (a damaged file).  0 when
 * written. */
static int
write_intent_pdf(const char *path, const char *cs, int nintents, int xref_shift,
		 const char *tail, size_t pad)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	char icc_path[1024], *icc = NULL;
	gsize icc_len = 0;
	GString *pdf = g_string_new("%PDF-1.7\n");
	static const char content[] =
	    "q 0 0 0 rg /CS0 cs 0.2 0.4 0.8 sc 100 100 300 300 re f Q\n";
	long off[7];
	int i;

	snprintf(icc_path, sizeof(icc_path), "%s/charte/icc/sRGB.icc",
		 datadir != NULL ? datadir : "..");
	if (!g_file_get_contents(icc_path, &icc, &icc_len, NULL)) {
		g_string_free(pdf, TRUE);
		return -1;
	}
	if (pad > 0) {
		g_string_append_c(pdf, '%');
		g_string_set_size(pdf, pdf->len + pad);
		memset(pdf->str + pdf->len - pad, 'x', pad);
		g_string_append_c(pdf, '\n');
	}
	off[1] = (long)pdf->len;
	g_string_append(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R");
	if (nintents > 0) {
		g_string_append(pdf, " /OutputIntents [");
		for (i = 0; i < nintents; i++)
			g_string_append(pdf,
					" << /Type /OutputIntent /S "
					"/GTS_PDFA1 "
					"/OutputConditionIdentifier (sRGB) "
					"/DestOutputProfile 5 0 R >>");
		g_string_append(pdf, " ]");
	}
	g_string_append(pdf, " >>\nendobj\n");
	off[2] = (long)pdf->len;
	g_string_append(pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 "
			     ">>\nendobj\n");
	off[3] = (long)pdf->len;
	g_string_append_printf(
	    pdf,
	    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 "
	    "841.89] /Contents 4 0 R /Resources << /ColorSpace << /CS0 %s "
	    ">> >> >>\nendobj\n",
	    cs);
	off[4] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "4 0 obj\n<< /Length %zu >>\nstream\n%s"
			       "endstream\nendobj\n",
			       strlen(content), content);
	off[5] = (long)pdf->len;
	g_string_append_printf(pdf, "5 0 obj\n<< /N 3 /Length %zu >>\nstream\n",
			       (size_t)icc_len);
	g_string_append_len(pdf, icc, (gssize)icc_len);
	g_string_append(pdf, "\nendstream\nendobj\n");
	off[6] = (long)pdf->len;
	g_string_append(pdf, "6 0 obj\n<< /Title (intent) >>\nendobj\n");
	g_free(icc);
	return write_pdf_end(pdf, off, xref_shift, "/Info 6 0 R ", tail, path);
}

/* Whether qpdf's reading of path hands poppler an update (objs.shown), and
 * says the colours are managed. */
static void
intent_read(const char *path, int *shown, int *managed)
{
	struct pp_check_pdfobj o;

	pp_check_pdfobj_read(path, charte, &o);
	*shown = o.shown != NULL;
	*managed = o.managed;
	pp_check_pdfobj_fini(&o);
}

/* poppler reads a PDF/A without its output intent's profile when no
 * colour depends on it: the same report as the same PDF without the
 * intent; the profile kept for ICCBased or CalRGB colours, several
 * intents, a damaged file; the update appended is one qpdf reads
 * cleanly, its profile then null. */
static void
test_output_intent(void)
{
	char path[600], again[600];
	struct pp_error err;
	int shown, managed;

	pp_error_init(&err);
	if (!OK(pp_check_pdf_load(&err) == 0, "poppler and qpdf load"))
		return;
	snprintf(path, sizeof(path), "%s/intent.pdf", tmpdir);
	snprintf(again, sizeof(again), "%s/again.pdf", tmpdir);
	if (!OK(write_intent_pdf(path, "/DeviceRGB", 1, 0, NULL, 0) == 0,
		"a PDF with an output intent written"))
		return;
	{
		struct pp_check_pdfobj o;
		gsize n = 0;
		gchar *file = NULL;
		const char *data;
		gsize len = 0;

		pp_check_pdfobj_read(path, charte, &o);
		OK(!o.managed, "device colours: not colour-managed");
		OK(o.shown != NULL, "device colours: poppler gets an update");
		g_file_get_contents(path, &file, &n, NULL);
		data = o.shown != NULL ? g_bytes_get_data(o.shown, &len) : NULL;
		OK(data != NULL && file != NULL && len > n &&
		       memcmp(data, file, n) == 0,
		   "the update follows the file's own bytes");
		if (data != NULL)
			g_file_set_contents(again, data, (gssize)len, NULL);
		g_free(file);
		pp_check_pdfobj_fini(&o);
		pp_check_pdfobj_read(again, charte, &o);
		OK(o.shown == NULL && !o.partial && o.info.pdf,
		   "qpdf reads the update: the profile is null there");
		pp_check_pdfobj_fini(&o);
		unlink(again);
	}
	{
		struct pp_check with, without;
		char *a, *b;

		a = run(path, &with);
		write_intent_pdf(path, "/DeviceRGB", 0, 0, NULL, 0);
		b = run(path, &without);
		STR_EQ(a, b, "the same report with and without the intent");
		OK(same_findings(&with, &without),
		   "the same findings with and without the intent");
		OK(strstr(a, "3366cc") != NULL,
		   "the rectangle's colour is reported");
		pp_check_fini(&with);
		pp_check_fini(&without);
		free(a);
		free(b);
	}
	write_intent_pdf(path, "[/ICCBased 5 0 R]", 1, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(managed && !shown, "ICCBased colours: the profile is kept");
	write_intent_pdf(path, "[/CalRGB << /WhitePoint [0.9505 1 1.089] >>]",
			 1, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(managed && !shown, "CalRGB colours: the profile is kept");
	/* an array of plain values is read from qpdf's text of it
	 * (obj_scalar_array): its names, not what its strings hold */
	write_intent_pdf(path, "/DeviceRGB /CS1 [1 /CalGray (x)]", 1, 0, NULL,
			 0);
	intent_read(path, &shown, &managed);
	OK(managed && !shown, "a managed name among plain values: kept");
	write_intent_pdf(path, "/DeviceRGB /CS1 [/C#61lGray]", 1, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(managed && !shown, "a managed name written with #: kept");
	write_intent_pdf(path,
			 "/DeviceRGB /CS1 [(/CalGray \\() <2F4C6162> "
			 "/Lab#20x /ICCBasedX 1.5 true null]",
			 1, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(!managed && shown, "names in strings, longer names: not managed");
	write_intent_pdf(path, "/DeviceRGB", 2, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(!managed && !shown, "two output intents: poppler takes none");
	write_intent_pdf(path, "/DeviceRGB", 0, 0, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(!shown, "no output intent: no update");
	write_intent_pdf(path, "/DeviceRGB", 1, 7, NULL, 0);
	intent_read(path, &shown, &managed);
	OK(!shown, "a damaged xref: the file as it is");
	{
		/* startxref beyond the 1,024 last bytes where poppler
		 * looks for it, within the 1,054 where qpdf does (it reads
		 * the file without a warning) */
		char far[1017];

		memset(far, ' ', sizeof(far) - 2);
		far[sizeof(far) - 2] = '\n';
		far[sizeof(far) - 1] = '\0';
		write_intent_pdf(path, "/DeviceRGB", 1, 0, far, 0);
		intent_read(path, &shown, &managed);
		OK(!shown, "startxref too far from the end: no update");
	}
	/* a file larger than poppler is given in memory (8 MiB) */
	write_intent_pdf(path, "/DeviceRGB", 1, 0, NULL, 8u << 20);
	intent_read(path, &shown, &managed);
	OK(!managed && !shown, "a file over 8 MiB: read from the disk");
	write_intent_pdf(path, "/DeviceRGB", 1, 0, NULL, (8u << 20) - 65536);
	intent_read(path, &shown, &managed);
	OK(shown, "a file under 8 MiB: an update");
	unlink(path);
}

/* --- Pages without images (check_pdfobj.c, obj_page_images) ------------ */

/* A one-page PDF: the page's resources page_res, its parent's
 * pages_res (each "" for none), its content; object 5 an 8 x 8 grey
 * image, object 6 a form that draws it.  0 when written. */
static int
write_page_pdf(const char *path, const char *page_res, const char *pages_res,
	       const char *content)
{
	GString *pdf = g_string_new("%PDF-1.7\n");
	long off[7];
	int i;

	off[1] = (long)pdf->len;
	g_string_append(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
			     "endobj\n");
	off[2] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count "
			       "1 %s >>\nendobj\n",
			       pages_res);
	off[3] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "3 0 obj\n<< /Type /Page /Parent 2 0 R "
			       "/MediaBox [0 0 595.28 841.89] /Contents 4 0 R "
			       "%s >>\nendobj\n",
			       page_res);
	off[4] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "4 0 obj\n<< /Length %zu >>\nstream\n%s\n"
			       "endstream\nendobj\n",
			       strlen(content) + 1, content);
	off[5] = (long)pdf->len;
	g_string_append(pdf, "5 0 obj\n<< /Type /XObject /Subtype /Image "
			     "/Width 8 /Height 8 /ColorSpace /DeviceGray "
			     "/BitsPerComponent 8 /Length 64 >>\nstream\n");
	for (i = 0; i < 64; i++)
		g_string_append_c(pdf, (char)0x80);
	g_string_append(pdf, "\nendstream\nendobj\n");
	off[6] = (long)pdf->len;
	g_string_append(pdf, "6 0 obj\n<< /Type /XObject /Subtype /Form "
			     "/BBox [0 0 1 1] /Resources << /XObject << /Im0 "
			     "5 0 R >> >> /Length 7 >>\nstream\n/Im0 Do\n"
			     "endstream\nendobj\n");
	return write_pdf_end(pdf, off, 0, "", NULL, path);
}

/* poppler's image mapping is skipped on a page where qpdf sees that it
 * cannot find an image: none in the resources, the parent's, a form, a
 * pattern, a soft mask or inline. */
static void
test_imageless(void)
{
	static const struct {
		const char *page_res, *pages_res, *content, *label;
		int imageless;
	} cases[] = {
	    {"/Resources << >>", "", "0 0 1 rg 10 10 50 50 re f",
	     "vector drawing only", 1},
	    {"", "", "0 0 1 rg 10 10 50 50 re f", "no resources at all", 1},
	    {"/Resources << /XObject << >> /ExtGState << /G0 << /CA 0.5 >> "
	     ">> >>",
	     "", "/G0 gs 10 10 50 50 re f",
	     "an empty XObject dictionary, a soft mask-less state", 1},
	    {"/Resources << /XObject << /Im0 5 0 R >> >>", "",
	     "q 50 0 0 50 10 10 cm /Im0 Do Q", "an image XObject", 0},
	    {"/Resources << /XObject << /Fm0 6 0 R >> >>", "",
	     "q 50 0 0 50 10 10 cm /Fm0 Do Q", "a form XObject", 0},
	    {"", "/Resources << /XObject << /Im0 5 0 R >> >>",
	     "q 50 0 0 50 10 10 cm /Im0 Do Q", "an image in the parent's", 0},
	    {"/Resources << >>", "/Resources << /XObject << /Im0 5 0 R >> >>",
	     "10 10 50 50 re f", "an image in the parent's, not drawn", 0},
	    {"/Resources << >>", "",
	     "q 50 0 0 50 10 10 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x EI Q",
	     "an inline image", 0},
	    {"/Resources << /Pattern << /P0 6 0 R >> >>", "",
	     "10 10 50 50 re f", "a pattern", 0},
	    {"/Resources << /ExtGState << /G0 << /SMask << /S /Luminosity "
	     "/G 6 0 R >> >> >> >>",
	     "", "/G0 gs 10 10 50 50 re f", "a soft mask", 0},
	    {"/Resources << /ExtGState << /G0 << /SMask /None >> >> >>", "",
	     "/G0 gs 10 10 50 50 re f", "a soft mask of /None", 1},
	};
	char path[600], name[200];
	size_t i;

	snprintf(path, sizeof(path), "%s/page.pdf", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pp_check_pdfobj o;

		if (write_page_pdf(path, cases[i].page_res, cases[i].pages_res,
				   cases[i].content) != 0)
			continue;
		pp_check_pdfobj_read(path, charte, &o);
		snprintf(name, sizeof(name), "%s: %s", cases[i].label,
			 cases[i].imageless ? "no image mapping"
					    : "poppler maps the images");
		OK(o.imageless != NULL && o.npages == 1 &&
		       o.imageless[0] == cases[i].imageless,
		   name);
		pp_check_pdfobj_fini(&o);
	}
	unlink(path);
}

/* poppler's render collects a page's text, instead of a text pass of its
 * own, where qpdf sees that both would collect the same
 * (check_pdfobj.c, obj_page_textsafe). */
static void
test_textsafe(void)
{
	static const struct {
		const char *page_res, *content, *label;
		int safe;
	} cases[] = {
	    {"", "BT /F1 12 Tf 10 10 Td (a) Tj ET", "text", 1},
	    {"", "q BT (a) Tj ET Q BT (b) Tj ET", "text after Q, then BT", 1},
	    {"", "BT (a) Tj q (b) Tj Q (c) Tj ET", "text after Q in BT", 0},
	    {"", "BT (Q) Tj (b) Tj ET % Q\n(c) Tj",
	     "Q in a string and a comment", 1},
	    {"", "/P0 scn 10 10 50 50 re f", "a pattern", 0},
	    {"", "0.5 0.5 0.5 scn 10 10 50 50 re f", "a colour by scn", 1},
	    {"", "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x EI Q",
	     "an inline image", 0},
	    {"/Resources << /XObject << /Im0 5 0 R >> >>",
	     "q 50 0 0 50 10 10 cm /Im0 Do Q BT (a) Tj ET", "an image", 1},
	    {"/Resources << /XObject << /Im0 5 0 R >> >>",
	     "BT (a) Tj /Im0 Do (b) Tj ET", "text after Do in BT", 0},
	    {"/Resources << /XObject << /Fm0 6 0 R >> >>",
	     "/Fm0 Do BT (a) Tj ET", "a form XObject", 0},
	    {"/Resources << /ExtGState << /G0 << /CA 0.5 >> >> >>",
	     "/G0 gs BT (a) Tj ET", "a graphics state", 1},
	    {"/Resources << /ExtGState << /G0 << /SMask << /S /Luminosity "
	     "/G 6 0 R >> >> >> >>",
	     "/G0 gs BT (a) Tj ET", "a soft mask", 0},
	    {"/Annots [<< /Subtype /Link /Rect [0 0 9 9] >>]", "BT (a) Tj ET",
	     "a link", 1},
	    {"/Annots [<< /Subtype /Widget /Rect [0 0 9 9] /AP << /N 5 0 R >> "
	     ">>]",
	     "BT (a) Tj ET", "a field whose appearance shows no text", 1},
	    {"/Annots [<< /Subtype /Widget /Rect [0 0 9 9] /AP << /N 6 0 R >> "
	     ">>]",
	     "BT (a) Tj ET", "a field whose appearance draws a form", 0},
	    {"/Annots [<< /Subtype /Widget /Rect [0 0 9 9] >>]", "BT (a) Tj ET",
	     "a field without appearance", 0},
	    {"/Annots [<< /Subtype /Link /Rect [0 0 9 9] /AP << /N 4 0 R >> "
	     ">>]",
	     "BT (a) Tj ET",
	     "a link whose appearance (the page's content) "
	     "shows text",
	     0},
	    {"/Annots [<< /Subtype /FreeText /Rect [0 0 9 9] >>]",
	     "BT (a) Tj ET", "a free text annotation", 0},
	};
	char path[600], name[200];
	size_t i;

	snprintf(path, sizeof(path), "%s/page.pdf", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pp_check_pdfobj o;

		if (write_page_pdf(path, cases[i].page_res, "",
				   cases[i].content) != 0)
			continue;
		pp_check_pdfobj_read(path, charte, &o);
		snprintf(name, sizeof(name), "%s: %s", cases[i].label,
			 cases[i].safe ? "the render's text"
				       : "a text pass of its own");
		OK(o.textsafe != NULL && o.npages == 1 &&
		       o.textsafe[0] == cases[i].safe,
		   name);
		pp_check_pdfobj_fini(&o);
	}
	unlink(path);
}

/* --- Pages whose colours are the palette's (check_pdfobj.c, obj_paint) -- */

/* A one-page PDF: the catalog's extra keys cat, the page's extra keys
 * page (resources, annotations), its content; then the streams of
 * objects 5 on (each "DICT-KEYS\0CONTENT": the stream's dictionary
 * without its length, then its data), nstreams of them.  0 when
 * written. */
static int
write_paint_pdf(const char *path, const char *cat, const char *page,
		const char *content, const char *const *streams, int nstreams)
{
	GString *pdf = g_string_new("%PDF-1.7\n");
	long *off = g_new0(long, (gsize)nstreams + 5);
	long xref;
	int i, ok;
	FILE *f;

	off[1] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "1 0 obj\n<< /Type /Catalog /Pages 2 0 R %s >>\n"
			       "endobj\n",
			       cat);
	off[2] = (long)pdf->len;
	g_string_append(pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 "
			     ">>\nendobj\n");
	off[3] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "3 0 obj\n<< /Type /Page /Parent 2 0 R "
			       "/MediaBox [0 0 595.28 841.89] /Contents 4 0 R "
			       "%s >>\nendobj\n",
			       page);
	for (i = 0; i <= nstreams; i++) {
		const char *dict = i == 0 ? "" : streams[i - 1];
		const char *data = i == 0 ? content : dict + strlen(dict) + 1;

		off[4 + i] = (long)pdf->len;
		g_string_append_printf(
		    pdf,
		    "%d 0 obj\n<< %s /Length %zu >>\nstream\n"
		    "%s\nendstream\nendobj\n",
		    4 + i, dict, strlen(data) + 1, data);
	}
	xref = (long)pdf->len;
	g_string_append_printf(pdf, "xref\n0 %d\n0000000000 65535 f\r\n",
			       nstreams + 5);
	for (i = 1; i <= nstreams + 4; i++)
		g_string_append_printf(pdf, "%010ld 00000 n\r\n", off[i]);
	g_string_append_printf(pdf,
			       "trailer\n<< /Size %d /Root 1 0 R >>\n"
			       "startxref\n%ld\n%%%%EOF\n",
			       nstreams + 5, xref);
	f = fopen(path, "wb");
	ok = f != NULL && fwrite(pdf->str, 1, pdf->len, f) == pdf->len;
	if (f != NULL && fclose(f) != 0)
		ok = 0;
	g_string_free(pdf, TRUE);
	g_free(off);
	return ok ? 0 : -1;
}

/* The streams of the cases below: 5 a form in the palette's blue, 6 one
 * in sea green, 7 a form drawing 5, 8 a form drawing itself, 9 a
 * grey image (1 x 1), 10 a form drawing 9, 11 a form that sets CMYK, 12 a form
 * that paints nothing, 13 a form drawing 12, 14 one that sets sea green
 * and paints nothing.  (Each
 * string holds a NUL between the dictionary and the data.) */
static const char *const paint_streams[] = {
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1]\0"
    "0 0 0.568627 rg 0 0 1 1 re f",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1]\0"
    "0.18 0.545 0.341 rg 0 0 1 1 re f",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject "
    "<< /F5 5 0 R >> >>\0/F5 Do",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject "
    "<< /F8 8 0 R >> >>\0/F8 Do",
    "/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace "
    "/DeviceGray /BitsPerComponent 8\0x",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject "
    "<< /Im9 9 0 R >> >>\0/Im9 Do",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1]\0"
    "0 0 0 1 k 0 0 1 1 re f",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1]\0"
    "0 0 0.568627 rg 0 0 1 1 re n",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject "
    "<< /F12 12 0 R >> >>\0/F12 Do",
    "/Type /XObject /Subtype /Form /BBox [0 0 1 1]\0"
    "0.18 0.545 0.341 rg",
};

/* Whether qpdf's reading of the page made by write_paint_pdf marks it
 * palette-only. */
static int
paint_read(const char *path, const char *cat, const char *page,
	   const char *content)
{
	struct pp_check_pdfobj o;
	int only;

	if (write_paint_pdf(
		path, cat, page, content, paint_streams,
		(int)(sizeof(paint_streams) / sizeof(paint_streams[0]))) != 0)
		return -1;
	pp_check_pdfobj_read(path, charte, &o);
	only = o.palette_only != NULL && o.npages == 1 && o.palette_only[0];
	pp_check_pdfobj_fini(&o);
	return only;
}

/* content repeated n times, with a prefix and a suffix. */
static char *
paint_repeat(const char *prefix, const char *content, int n, const char *suffix)
{
	GString *s = g_string_new(prefix);
	int i;

	for (i = 0; i < n; i++)
		g_string_append(s, content);
	g_string_append(s, suffix);
	return g_string_free(s, FALSE);
}

/* A page made by write_paint_pdf (cat, page, content) and whether
 * qpdf's reading marks it palette-only. */
struct paint_case {
	const char *cat, *page, *content, *label;
	int only;
};

/* Each of the n cases written as path and read. */
static void
paint_cases(const char *path, const struct paint_case *cases, size_t n)
{
	char name[200];
	size_t i;

	for (i = 0; i < n; i++) {
		snprintf(name, sizeof(name), "%s: %s", cases[i].label,
			 cases[i].only ? "no raster" : "rastered");
		OK(paint_read(path, cases[i].cat, cases[i].page,
			      cases[i].content) == cases[i].only,
		   name);
	}
}

/* The palette-only pages: those that paint only in device grey and RGB
 * colours that pass couleur-hors-palette, as cairo rounds them, with
 * nothing the reading does not model; everything else, every limit
 * passed, left to the raster. */
static void
test_palette_only(void)
{
#define FORMS                                                                  \
	"/Resources << /XObject << /F5 5 0 R /F6 6 0 R /F7 7 0 R /F8 8 0 R "   \
	"/F10 10 0 R /F11 11 0 R /F12 12 0 R /F13 13 0 R /F14 14 0 R >> >>"
#define LINK "/Type /Annot /Subtype /Link /Rect [10 10 50 50]"
	static const struct paint_case cases[] = {
	    {"", "/Resources << >>",
	     "0 0 0.568627 rg 10 10 50 50 re f 0.4 G 2 w 0 0 m 50 0 l 50 40 l "
	     "0 40 l h S",
	     "palette fills and strokes", 1},
	    {"", "", "10 10 50 50 re f", "black, no resources", 1},
	    {"", "", "0.0862745 g 0.933333 0.933333 0.933333 RG 1 1 1 rg",
	     "greys and white", 1},
	    {"", "", "0.18 0.545 0.341 rg 10 10 50 50 re f",
	     "an off-palette fill", 0},
	    {"", "", "0.18 0.545 0.341 RG", "an off-palette stroke colour", 0},
	    {"", "", "0.5 0.5 0.5 g", "an off-palette grey", 0},
	    {"", "", "0 0 0 1 k", "a CMYK colour", 0},
	    {"", "", "0 0 0 1 K", "a CMYK stroke colour", 0},
	    {"", "", "/DeviceRGB cs 0 0 0.568627 sc /DeviceGray CS 0.4 SCN",
	     "device spaces by name", 1},
	    {"", "", "/DeviceRGB cs 0.18 0.545 0.341 scn",
	     "an off-palette colour by sc", 0},
	    {"", "", "/DeviceRGB cs 0.4 sc", "sc with too few operands", 0},
	    {"", "", "0.4 sc", "sc in the initial grey", 1},
	    {"", "", "0 0 0.568627 sc", "sc of three in the initial grey", 0},
	    {"", "", "/DeviceCMYK cs 0 0 0 1 sc", "a CMYK space", 0},
	    {"", "/Resources << /ColorSpace << /CS0 /DeviceRGB >> >>",
	     "/CS0 cs 0 0 0.568627 sc", "a colour space resource", 1},
	    {"",
	     "/Resources << /ColorSpace << /CS0 [/CalRGB << /WhitePoint "
	     "[0.9505 1 1.089] >>] >> >>",
	     "/CS0 cs 0 0 0.568627 sc", "a CalRGB space", 0},
	    {"", "/Resources << /ColorSpace << /DefaultRGB /DeviceGray >> >>",
	     "0 0 0.568627 rg", "DefaultRGB", 0},
	    {"", "/Resources << /ColorSpace << /DeviceRGB /DeviceGray >> >>",
	     "/DeviceRGB cs 0.4 sc", "a resource named DeviceRGB", 0},
	    {"", "", "/Pattern cs /P0 scn", "a pattern", 0},
	    {"",
	     "/Resources << /Shading << /Sh0 << /ShadingType 2 "
	     "/ColorSpace /DeviceRGB /Coords [0 0 1 0] /Function << "
	     "/FunctionType 2 /Domain [0 1] /N 1 >> >> >> >>",
	     "/Sh0 sh", "a shading", 0},
	    {"", "", "q 10 0 0 10 0 0 cm BI /W 1 /H 1 /CS /G /BPC 8 ID x EI Q",
	     "an inline image", 0},
	    {"", "", "0 0 m 1 1 l S foo", "an unknown operator", 0},
	    {"", "", "0 0 0.568627 rg BT /F0 12 Tf (x) Tj ET",
	     "text in a missing font", 0},
	    {"",
	     "/Resources << /Font << /F0 << /Type /Font /Subtype "
	     "/Type1 /BaseFont /Helvetica >> >> >>",
	     "0 0 0.568627 rg BT /F0 12 Tf 3 Tr (x) Tj ET",
	     "invisible text in a font not embedded", 1},
	    {"",
	     "/Resources << /Font << /F0 << /Type /Font /Subtype "
	     "/Type1 /BaseFont /Helvetica >> >> >>",
	     "0 0 0.568627 rg BT /F0 12 Tf (x) Tj ET",
	     "text in a font not embedded", 0},
	    {"", "", "0 0 0.568627 rg 100 100 300 0.5 re f",
	     "a rectangle thinner than two pixels", 0},
	    {"", "", "0 0 0.568627 rg 100 100 4 4 re f",
	     "a rectangle two pixels a side", 1},
	    {"", "", "0 0 0.568627 rg 100 100 3.9 4 re f",
	     "a rectangle under two pixels wide", 0},
	    {"", "", "0.01 0 0 0.01 0 0 cm 10 10 100 100 re f",
	     "a rectangle scaled down", 0},
	    {"", "", "0.7 0.7 -0.7 0.7 0 0 cm 10 10 50 50 re f",
	     "a rotated rectangle", 0},
	    {"", "", "0 1 -1 0 0 0 cm 10 10 50 50 re f 0 0 m 0 9 l S",
	     "a quarter turn", 1},
	    {"", "", "0 0 m 50 0 l 50 50 l f", "a filled polygon", 0},
	    {"", "", "0 0 m 50 50 l S", "a slanted line", 0},
	    {"", "", "0 0 m 10 10 20 10 30 0 c S", "a curve", 0},
	    {"", "", "2.1 w 0 0 m 50 0 l S", "a line over a pixel wide", 0},
	    {"", "", "0 w 0 0 m 50 0 l S", "a line of width 0", 1},
	    {"", "", "10 10 50 50 re W n 10 10 50 50 re f", "a clip", 0},
	    {"", "", "100 100 200 200 re n", "a path not painted", 1},
	    {"", "/UserUnit 2", "", "a page in other units", 0},
	    {"", "", "BT 3 Tr (x) Tj 7 Tr (x) Tj ET", "a clipping text mode",
	     0},
	    {"", "", "BT 3 Tr (x) Tj ET", "invisible text in no font", 1},
	    {"",
	     "/Resources << /Font << /F0 << /Type /Font /Subtype /Type3 "
	     ">> >> >>",
	     "BT /F0 12 Tf (x) Tj ET", "a Type 3 font", 0},
	    {"",
	     "/Resources << /ExtGState << /G0 << /CA 1 /ca 1.0 /SMask "
	     "/None /BM /Normal /LJ 1 >> >> >>",
	     "/G0 gs 10 10 50 50 re f", "an opaque, normal state", 1},
	    {"", "/Resources << /ExtGState << /G0 << /ca 0.5 >> >> >>",
	     "/G0 gs 10 10 50 50 re f", "a constant alpha", 0},
	    {"", "/Resources << /ExtGState << /G0 << /BM /Multiply >> >> >>",
	     "/G0 gs", "a blend mode", 0},
	    {"",
	     "/Resources << /ExtGState << /G0 << /SMask << /S "
	     "/Luminosity /G 5 0 R >> >> >> >>",
	     "/G0 gs", "a soft mask", 0},
	    {"", "/Resources << /ExtGState << /G0 << /TR /Identity >> >> >>",
	     "/G0 gs", "a transfer function", 0},
	    {"", "/Resources << /ExtGState << /G0 << /LW 9 >> >> >>", "/G0 gs",
	     "a line width set by a state", 0},
	    {"", "/Resources << /ExtGState << /G0 << /Font [5 0 R 12] >> >> >>",
	     "/G0 gs", "a font set by a state", 0},
	    {"", FORMS, "/F12 Do", "a form that paints nothing", 1},
	    {"", FORMS, "/F5 Do", "a form that paints (its box clips)", 0},
	    {"", FORMS, "/F6 Do", "an off-palette form", 0},
	    {"", FORMS, "/F13 Do", "a form drawing a form", 1},
	    {"", FORMS, "/F14 Do", "a form setting an off-palette colour", 0},
	    {"", FORMS, "/F8 Do", "a form drawing itself", 0},
	    {"", FORMS, "/F10 Do", "a form drawing an image", 0},
	    {"", FORMS, "/F11 Do", "a CMYK form", 0},
	    {"", FORMS, "/F9 Do", "a form that is not there", 0},
	    {"", "/Resources << /XObject << /Im9 9 0 R >> >>",
	     "0 0 0.568627 rg", "an image in the resources", 0},
	    {"", "/Annots [<< " LINK " /BS << /W 0 >> >>]", "0 0 0.568627 rg",
	     "a link without a border", 1},
	    {"", "/Annots [<< " LINK " /Border [0 0 0] >>]", "0 0 0.568627 rg",
	     "a link with a border of 0", 1},
	    {"", "/Annots [<< " LINK " >>]", "0 0 0.568627 rg",
	     "a link with poppler's default border", 0},
	    {"", "/Annots [<< " LINK " /BS << /W 1 >> /C [0 0 0.568627] >>]",
	     "", "a link with a border", 0},
	    {"", "/Annots [<< " LINK " /F 2 >>]", "", "a hidden link", 1},
	    {"", "/Annots [<< /Subtype /Square /Rect [0 0 0 0] >>]", "",
	     "an annotation of no area", 1},
	    {"", "/Annots [<< /Subtype /Square /Rect [10 10 50 50] >>]", "",
	     "a square annotation", 0},
	    {"",
	     "/Annots [<< /Subtype /Widget /Rect [10 10 50 50] /AP << /N "
	     "12 0 R >> >>]",
	     "", "a widget whose appearance paints nothing", 1},
	    {"",
	     "/Annots [<< /Subtype /Widget /Rect [10 10 50 50] /AP << /N "
	     "5 0 R >> >>]",
	     "", "a widget whose appearance paints", 0},
	    {"", "/Annots [<< " LINK " /BS << /W 0 >> /AP << /N 12 0 R >> >>]",
	     "", "a link whose appearance paints nothing", 1},
	    {"",
	     "/Annots [<< /Subtype /Widget /Rect [10 10 50 50] /AP << /N "
	     "6 0 R >> >>]",
	     "", "an off-palette widget", 0},
	    {"", "/Annots [<< /Subtype /Widget /Rect [10 10 50 50] >>]", "",
	     "a widget without an appearance", 0},
	    {"/AcroForm << /Fields [] /NeedAppearances true >>",
	     "/Annots [<< /Subtype /Widget /Rect [10 10 50 50] /AP << /N 5 "
	     "0 R >> >>]",
	     "", "a form whose appearances poppler makes", 0},
	    {"", "", "0 0 0.568627 rg (unterminated", "an open string", 1},
	    {"", "", "1.2.3 g", "a number poppler reads otherwise", 0},
	};
	char path[600], name[200];
	size_t i;

	snprintf(path, sizeof(path), "%s/paint.pdf", tmpdir);
	paint_cases(path, cases, sizeof(cases) / sizeof(cases[0]));
	/* text: the charter's fonts at 6 pt or more; not 4 pt, nor a
	 * typeface outside the charter (the fixtures of check-fixtures.c) */
	{
		static const struct {
			const char *file, *label;
			int only;
		} texts[] = {
		    {"conformant.pdf", "text in the charter's fonts", 1},
		    {"small-text.pdf", "text in 4 pt", 0},
		    {"foreign-font.pdf", "text in a font outside the charter",
		     0},
		};

		for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
			struct pp_check_pdfobj o;

			snprintf(name, sizeof(name), "%s: %s", texts[i].label,
				 texts[i].only ? "no raster" : "rastered");
			snprintf(path, sizeof(path), CORPUS "%s",
				 texts[i].file);
			pp_check_pdfobj_read(path, charte, &o);
			OK(o.palette_only != NULL &&
			       o.palette_only[0] == texts[i].only,
			   name);
			pp_check_pdfobj_fini(&o);
		}
		snprintf(path, sizeof(path), "%s/paint.pdf", tmpdir);
	}
	/* the limits: forms drawn, nested q, tokens, annotations, entries */
	{
		char *s;

		s = paint_repeat("", "/F12 Do ", 256, "");
		OK(paint_read(path, "", FORMS, s) == 1, "256 forms drawn");
		g_free(s);
		s = paint_repeat("", "/F12 Do ", 257, "");
		OK(paint_read(path, "", FORMS, s) == 0, "257 forms: rastered");
		g_free(s);
		s = paint_repeat("", "q ", 64, "");
		OK(paint_read(path, "", "", s) == 1, "q nested 64 deep");
		g_free(s);
		s = paint_repeat("", "q ", 65, "");
		OK(paint_read(path, "", "", s) == 0, "q 65 deep: rastered");
		g_free(s);
		s = paint_repeat("", "n ", 500000, "");
		OK(paint_read(path, "", "", s) == 1, "500,000 tokens");
		g_free(s);
		s = paint_repeat("", "n ", 500001, "");
		OK(paint_read(path, "", "", s) == 0,
		   "500,001 tokens: rastered");
		g_free(s);
		s = paint_repeat("/Annots [", "<< " LINK " /F 2 >> ", 1024,
				 "]");
		OK(paint_read(path, "", s, "") == 1, "1,024 annotations");
		g_free(s);
		s = paint_repeat("/Annots [", "<< " LINK " /F 2 >> ", 1025,
				 "]");
		OK(paint_read(path, "", s, "") == 0,
		   "1,025 annotations: rastered");
		g_free(s);
	}
	{
		GString *res = g_string_new("/Resources << /ExtGState << ");
		int k;

		for (k = 0; k < 1025; k++)
			g_string_append_printf(res, "/G%d << /LW 1 >> ", k);
		g_string_append(res, ">> >>");
		OK(paint_read(path, "", res->str, "") == 0,
		   "1,025 states: rastered");
		g_string_free(res, TRUE);
	}
	/* forms within forms: 8 deep, not 9 (a chain of forms 5 on) */
	{
		int depth;

		for (depth = 8; depth <= 9; depth++) {
			const char *streams[9];
			char *bufs[9];
			char page[64];
			int k;
			struct pp_check_pdfobj o;

			for (k = 0; k < depth; k++) {
				bufs[k] =
				    k + 1 < depth
					? g_strdup_printf(
					      "/Subtype /Form /BBox [0 0 1 "
					      "1] /Resources << /XObject "
					      "<< /F << /Subtype /Form >> "
					      ">> >>%c/F Do",
					      0)
					: g_strdup_printf(
					      "/Subtype /Form /BBox [0 0 1 "
					      "1]%c0.4 g",
					      0);
				streams[k] = bufs[k];
			}
			/* each form names the next: rewrite "<< /Subtype
			 * /Form >>" as a reference */
			for (k = 0; k + 1 < depth; k++) {
				char *ref = g_strdup_printf(
				    "/Subtype /Form /BBox [0 0 1 1] /Resources "
				    "<< /XObject << /F %d 0 R >> >>%c/F Do",
				    6 + k, 0);

				g_free(bufs[k]);
				bufs[k] = ref;
				streams[k] = ref;
			}
			snprintf(page, sizeof(page),
				 "/Resources << /XObject << /F 5 0 R >> >>");
			write_paint_pdf(path, "", page, "/F Do", streams,
					depth);
			pp_check_pdfobj_read(path, charte, &o);
			OK(o.palette_only != NULL &&
			       o.palette_only[0] == (depth == 8),
			   depth == 8 ? "forms 8 deep"
				      : "forms 9 deep: rastered");
			pp_check_pdfobj_fini(&o);
			for (k = 0; k < depth; k++)
				g_free(bufs[k]);
		}
	}
	/* the report: a palette-only page reports no colour; an off-palette
	 * rectangle, text and form are still reported */
	{
		static const struct {
			const char *page, *content, *colour, *label;
		} shown[] = {
		    {"", "0.18 0.545 0.341 rg 100 100 200 100 re f",
		     "couleur-hors-palette", "an off-palette rectangle"},
		    {FORMS, "q 200 0 0 100 100 100 cm /F6 Do Q",
		     "couleur-hors-palette", "an off-palette form"},
		    {"/Annots [<< /Subtype /Widget /Rect [100 100 300 200] /AP "
		     "<< /N 6 0 R >> >>]",
		     "", "couleur-hors-palette", "an off-palette widget"},
		    {"", "0 0.6 0.2 0.2 k 100 100 200 100 re f",
		     "couleur-hors-palette", "a CMYK rectangle"},
		};
		char *got;
		struct pp_check r;

		if (write_paint_pdf(path, "", "",
				    "0 0 0.568627 rg 100 100 200 100 re f",
				    paint_streams, 10) == 0) {
			got = run(path, &r);
			OK(strstr(got, "couleur-hors-palette") == NULL,
			   "a palette-only page: no colour reported");
			pp_check_fini(&r);
			free(got);
		}
		for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++) {
			if (write_paint_pdf(path, "", shown[i].page,
					    shown[i].content, paint_streams,
					    10) != 0)
				continue;
			got = run(path, &r);
			snprintf(name, sizeof(name), "%s: reported",
				 shown[i].label);
			OK(strstr(got, shown[i].colour) != NULL, name);
			if (strstr(got, shown[i].colour) == NULL)
				printf("# %s\n", got);
			pp_check_fini(&r);
			free(got);
		}
	}
	unlink(path);
#undef FORMS
#undef LINK
}

/* --- Pages without a new font (check_pdfobj.c, obj_fonts_page) ---------- */

/* A PDF of npages pages (objects 8 on), each with the dictionary entries
 * pages[i] and the content of object 3; 4 is Helvetica and 5 Times
 * (neither embedded), 6 a form whose resources name Times, 7 a grey
 * image.  0 when written. */
static int
write_fonts_pdf(const char *path, const char *const *pages, int npages)
{
	static const char content[] = "BT /F1 12 Tf 72 700 Td (Paraphe) Tj ET";
	GString *pdf = g_string_new("%PDF-1.7\n");
	long off[32], xref;
	int i;

	if (npages > 24) {
		g_string_free(pdf, TRUE);
		return -1;
	}
	off[1] = (long)pdf->len;
	g_string_append(pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
			     "endobj\n");
	off[2] = (long)pdf->len;
	g_string_append(pdf, "2 0 obj\n<< /Type /Pages /Kids [");
	for (i = 0; i < npages; i++)
		g_string_append_printf(pdf, " %d 0 R", 8 + i);
	g_string_append_printf(pdf, " ] /Count %d >>\nendobj\n", npages);
	off[3] = (long)pdf->len;
	g_string_append_printf(pdf,
			       "3 0 obj\n<< /Length %zu >>\nstream\n%s\n"
			       "endstream\nendobj\n",
			       strlen(content) + 1, content);
	off[4] = (long)pdf->len;
	g_string_append(pdf, "4 0 obj\n<< /Type /Font /Subtype /Type1 "
			     "/BaseFont /Helvetica >>\nendobj\n");
	off[5] = (long)pdf->len;
	g_string_append(pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 "
			     "/BaseFont /Times-Roman >>\nendobj\n");
	off[6] = (long)pdf->len;
	g_string_append(pdf, "6 0 obj\n<< /Type /XObject /Subtype /Form "
			     "/BBox [0 0 1 1] /Resources << /Font << /F2 5 0 "
			     "R >> >> /Length 1 >>\nstream\n\nendstream\n"
			     "endobj\n");
	off[7] = (long)pdf->len;
	g_string_append(pdf, "7 0 obj\n<< /Type /XObject /Subtype /Image "
			     "/Width 1 /Height 1 /ColorSpace /DeviceGray "
			     "/BitsPerComponent 8 /Length 1 >>\nstream\nx\n"
			     "endstream\nendobj\n");
	for (i = 0; i < npages; i++) {
		off[8 + i] = (long)pdf->len;
		g_string_append_printf(
		    pdf,
		    "%d 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 "
		    "595.28 841.89] /Contents 3 0 R %s >>\nendobj\n",
		    8 + i, pages[i]);
	}
	xref = (long)pdf->len;
	g_string_append_printf(pdf, "xref\n0 %d\n0000000000 65535 f\r\n",
			       8 + npages);
	for (i = 1; i < 8 + npages; i++)
		g_string_append_printf(pdf, "%010ld 00000 n\r\n", off[i]);
	g_string_append_printf(pdf,
			       "trailer\n<< /Size %d /Root 1 0 R >>\n"
			       "startxref\n%ld\n%%%%EOF\n",
			       8 + npages, xref);
	return write_gstring(path, pdf);
}

/* poppler's font scan stops at the page from which every page holds only
 * fonts met on the pages before it, as qpdf reads them: the same fonts,
 * reported on the same pages. */
static void
test_fonts_known(void)
{
#define F1  "/Resources << /Font << /F1 4 0 R >> >>"
#define F12 "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >>"
	static const struct {
		const char *pages[4], *known, *label;
	} cases[] = {
	    {{F1, F1, F1}, "011", "the same font on every page"},
	    {{F1, F12, F1, F12}, "0011", "a font new on page 2"},
	    {{F1, "/Resources << /Font << /Other 4 0 R >> >>"},
	     "01",
	     "the same font under another name"},
	    {{"/Resources << >>", "/Resources << >>"}, "11", "no font at all"},
	    {{F1, "/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 "
		  "/BaseFont /Helvetica >> >> >>"},
	     "00",
	     "a direct font: poppler numbers it"},
	    {{F1, ""}, "00", "resources inherited (none): not judged"},
	    {{F1, "/Resources << /Font << /F1 4 0 R >> /XObject << /Fm 6 0 R "
		  ">> >>"},
	     "00",
	     "a form with resources of its own"},
	    {{F1, "/Resources << /Font << /F1 4 0 R >> /XObject << /Im 7 0 R "
		  ">> >>"},
	     "01",
	     "an image"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 "
		     "9] /Border [0 0 0] >>]"},
	     "01",
	     "a link without an appearance"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 "
		     "9] /AP << /N 3 0 R >> >>]"},
	     "01",
	     "a link with an appearance without resources"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Link /Rect [0 0 9 "
		     "9] /AP << /N 6 0 R >> >>]"},
	     "00",
	     "a link with an appearance with resources"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 9 "
		     "9] /AP << /N 3 0 R >> >>]"},
	     "01",
	     "a form field with an appearance without resources"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 9 "
		     "9] /AP << /N << /On 3 0 R >> >> >>]"},
	     "00",
	     "a form field with appearance states"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Widget /Rect [0 0 9 "
		     "9] >>]"},
	     "00",
	     "a form field without an appearance (poppler makes one)"},
	    {{F1, F1 " /Annots [<< /Type /Annot /Subtype /Text /Rect [0 0 9 "
		     "9] >>]"},
	     "00",
	     "a note"},
	};
#undef F1
#undef F12
	char path[600], name[200], got[8];
	size_t i;
	int k, n;

	snprintf(path, sizeof(path), "%s/fonts.pdf", tmpdir);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pp_check_pdfobj o;

		for (n = 0; n < 4 && cases[i].pages[n] != NULL; n++)
			;
		if (write_fonts_pdf(path, cases[i].pages, n) != 0)
			continue;
		pp_check_pdfobj_read(path, charte, &o);
		for (k = 0; k < n; k++)
			got[k] = o.fonts_known != NULL && o.npages == n &&
					 o.fonts_known[k]
				     ? '1'
				     : '0';
		got[n] = '\0';
		snprintf(name, sizeof(name), "%s: %s", cases[i].label,
			 cases[i].known);
		STR_EQ(got, cases[i].known, name);
		pp_check_pdfobj_fini(&o);
	}
	{
		/* Times first met on page 2, not scanned on pages 3 and 4:
		 * each font's finding on the page where poppler reports
		 * it */
		static const char *const pages[] = {
		    "/Resources << /Font << /F1 4 0 R >> >>",
		    "/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >>",
		    "/Resources << /Font << /F1 4 0 R >> >>",
		    "/Resources << /Font << /F2 5 0 R /F1 4 0 R >> >>"};
		struct pp_check r;
		char *a = NULL;
		size_t f;
		int helv = 0, times = 0, other = 0;

		if (write_fonts_pdf(path, pages, 4) == 0) {
			a = run(path, &r);
			for (f = 0; f < r.n; f++) {
				const struct pp_finding *x = &r.items[f];

				if (strstr(x->found, "Helvetica") != NULL)
					helv = helv * 10 + x->page;
				else if (strstr(x->found, "Times") != NULL)
					times = times * 10 + x->page;
				else if (strstr(x->found, "font") != NULL)
					other++;
			}
			OK(helv != 0 && helv % 10 == 1 && times != 0 &&
			       times % 10 == 2 && other == 0,
			   "fonts reported on the page poppler meets them");
			pp_check_fini(&r);
		}
		free(a);
	}
	unlink(path);
}

/* The boxes the colour rule leaves out (paraphe's bloc-marque and partner
 * logos, marked by named destinations): what is painted far enough
 * inside them needs no raster, whatever its colours and shapes; the
 * rest of the page is judged as before, and a destination poppler might
 * read otherwise gives no box.  The logo's box: 100, 100, 200 x 100 pt
 * from the page's top left, so x 96..304, y 96..204 with the rule's
 * margin; a paint must lie within x 98..304, y 98..204 (y up: 637.89 to
 * 743.89), less 0.1 pt. */
static void
test_palette_zones(void)
{
#define LOGO_DEST(name, dest)                                                  \
	"/Names << /Dests << /Names [(" name ") " dest "] >> >>"
#define LOGO                                                                   \
	LOGO_DEST("paraphe-logo-1:100.0:100.0:200.0:100.0",                    \
		  "[3 0 R /XYZ 0 0 0]")
#define GREEN  "0.18 0.545 0.341 "
#define CURVES GREEN "rg 110 650 m 200 700 250 700 290 650 c f "
	static const struct paint_case cases[] = {
	    {"", "", CURVES, "a logo's curves without its mark", 0},
	    {LOGO, "", CURVES, "a logo's off-palette curves in its box", 1},
	    {LOGO, "", GREEN "rg 97 650 m 200 700 250 700 290 650 c f",
	     "curves reaching out of the box", 0},
	    {LOGO, "", GREEN "rg 110 650 m 200 746 250 700 290 650 c f",
	     "a control point out of the box", 0},
	    /* the box from x = 96: the pixel from 94 to 96 is counted, its
	     * neighbour ends at 98; 0.1 pt of rounding */
	    {LOGO, "", "0 0 0 1 k 98.1 650 50 50 re f", "a fill from 98.1 pt",
	     1},
	    {LOGO, "", "0 0 0 1 k 98.05 650 50 50 re f", "a fill from 98.05 pt",
	     0},
	    {LOGO, "", CURVES "10 10 50 50 re f",
	     "its colour painted out of the box", 0},
	    {LOGO, "", CURVES "0 0 0.568627 rg 10 10 50 50 re f",
	     "a palette colour set again after it", 1},
	    {LOGO, "", CURVES "0 0 0 1 k 10 10 50 50 re f",
	     "CMYK out of the box", 0},
	    {LOGO, "", "0 0 0 1 k 110 650 50 50 re f", "CMYK in the box", 1},
	    {LOGO, "", "q 110 650 100 50 re W n " GREEN "rg 0 0 595 841 re f Q",
	     "a clip in the box holds a page-wide fill", 1},
	    {LOGO, "", "q 10 10 100 50 re W n " GREEN "rg 0 0 595 841 re f Q",
	     "a clip out of the box", 0},
	    {LOGO, "", "q 110 650 100 50 re W n Q " GREEN "rg 0 0 595 841 re f",
	     "a fill after the clip's Q", 0},
	    {LOGO, "/Resources << /XObject << /Im9 9 0 R >> >>",
	     "q 100 0 0 50 110 650 cm /Im9 Do Q", "an image in the box", 1},
	    {LOGO, "/Resources << /XObject << /Im9 9 0 R >> >>",
	     "q 100 0 0 50 10 10 cm /Im9 Do Q", "an image out of the box", 0},
	    {LOGO, "/Resources << /XObject << /F6 6 0 R >> >>",
	     "q 100 0 0 50 110 650 cm /F6 Do Q",
	     "an off-palette form in the box", 1},
	    {LOGO, "/Resources << /XObject << /F6 6 0 R >> >>",
	     "q 100 0 0 50 110 600 cm /F6 Do Q",
	     "an off-palette form out of the box", 0},
	    {LOGO, "", GREEN "RG 1 w 1 j 110 700 m 200 700 l S",
	     "a thin stroke in the box", 1},
	    {LOGO, "", GREEN "RG 1 w 110 700 m 200 700 l S",
	     "a thin stroke, mitred at 10, near the box's side", 0},
	    {LOGO, "", GREEN "RG 10 w 105 700 m 200 700 l S",
	     "a stroke whose width reaches out", 0},
	    {LOGO, "", GREEN "RG 2 w 10 M 0 j 108 700 m 200 700 l S",
	     "a stroke whose mitre could reach out", 0},
	    {LOGO, "", GREEN "RG 2 w 1 j 108 700 m 200 700 l S",
	     "the same stroke with round joins", 1},
	    {LOGO, "/Resources << /ExtGState << /A << /ca 0.5 /CA 0.5 >> >> >>",
	     "q /A gs 0 0 0.568627 rg 110 650 50 50 re f Q",
	     "transparency in the box", 1},
	    {LOGO, "/Resources << /ExtGState << /A << /ca 0.5 /CA 0.5 >> >> >>",
	     "q /A gs 0 0 0.568627 rg 10 10 50 50 re f Q",
	     "transparency out of the box", 0},
	    {LOGO, "/Resources << /ExtGState << /A << /ca 0.5 /CA 0.5 >> >> >>",
	     "q /A gs Q 0 0 0.568627 rg 10 10 50 50 re f",
	     "a fill after the transparency's Q", 1},
	    {LOGO_DEST("paraphe-bloc-marque:100.0:100.0:20.0:20.0",
		       "[3 0 R /XYZ 0 0 0]"),
	     "", GREEN "rg 110 650 m 170 730 l 170 650 l f",
	     "in a bloc-marque's box (4 x 5 times the mark)", 1},
	    {LOGO_DEST("paraphe-bloc-marque:100.0:100.0:20.0:20.0",
		       "[3 0 R /XYZ 0 0 0]"),
	     "", GREEN "rg 110 650 m 190 730 l 170 650 l f",
	     "out of a bloc-marque's box", 0},
	    /* destinations not taken */
	    {"/Names << /Dests << /Kids [<< /Names [(paraphe-logo-1:100.0:"
	     "100.0:200.0:100.0) [3 0 R /XYZ 0 0 0]] >>] >> >>",
	     "", CURVES, "a name tree with kids", 0},
	    {LOGO " /Dests << /a [3 0 R /Fit] >>", "", CURVES,
	     "a Dests dictionary besides", 0},
	    {"/Names << /Dests << /Names [(paraphe-logo-1:100.0:100.0:200.0:"
	     "100.0) [3 0 R /XYZ 0 0 0] (paraphe-logo-1:100.0:100.0:200.0:"
	     "100.0) [3 0 R /XYZ 0 0 0]] >> >>",
	     "", CURVES, "a name twice", 0},
	    {LOGO_DEST("paraphe-logo-1:100.0:100.0:200.0:100.0",
		       "[0 /XYZ 0 0 0]"),
	     "", CURVES, "a page by number", 0},
	    {LOGO_DEST("paraphe-logo-1:100.0:100.0:200.0:100.0",
		       "[3 0 R /Fit]"),
	     "", CURVES, "a destination of another kind", 0},
	    {LOGO_DEST("paraphe-logo-1:100.0:100.0:-200.0:100.0",
		       "[3 0 R /XYZ 0 0 0]"),
	     "", CURVES, "a box of negative width", 0},
	    /* the logo's name in UTF-16: poppler's key is its bytes */
	    {"/Names << /Dests << /Names [<"
	     "FEFF0070006100720061007000680065002D006C006F0067006F002D"
	     "0031003A003100300030002E0030003A003100300030002E0030003A"
	     "003200300030002E0030003A003100300030002E0030"
	     "> [3 0 R /XYZ 0 0 0]] >> >>",
	     "", CURVES, "a name in UTF-16", 0},
	    {LOGO, "/Rotate 90", CURVES, "a page turned", 0},
	    {LOGO, "/CropBox [0 0 595.28 841.89]", CURVES,
	     "a CropBox that is the MediaBox", 1},
	    {LOGO, "/CropBox [10 10 595.28 841.89]", CURVES, "another CropBox",
	     0},
	};
	char path[600];

	snprintf(path, sizeof(path), "%s/zones.pdf", tmpdir);
	paint_cases(path, cases, sizeof(cases) / sizeof(cases[0]));
	/* the report: the logo in its box is not reported, with or without
	 * its raster; a fill out of it still is */
	{
		char *got;
		struct pp_check r;

		if (write_paint_pdf(path, LOGO, "", CURVES, paint_streams,
				    10) == 0) {
			got = run(path, &r);
			OK(strstr(got, "couleur-hors-palette") == NULL,
			   "a logo in its box: no colour reported");
			pp_check_fini(&r);
			free(got);
		}
		if (write_paint_pdf(path, LOGO, "",
				    CURVES "100 100 200 100 re f",
				    paint_streams, 10) == 0) {
			got = run(path, &r);
			OK(strstr(got, "couleur-hors-palette") != NULL,
			   "its colour out of the box: reported");
			pp_check_fini(&r);
			free(got);
		}
	}
	unlink(path);
#undef LOGO_DEST
#undef LOGO
#undef GREEN
#undef CURVES
}

/* cairo holds a colour component c of a fill, which poppler truncates to
 * 16.16 fixed point, as round(c * 65535) >> 8, between floor(c * 255) and
 * ceil(c * 255): what obj_paint judges (obj_paint_channel). */
static void
test_cairo_rounding(void)
{
	cairo_surface_t *s =
	    cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	int k, bad = 0, outside = 0;

	for (k = 0; k <= 2000 && s != NULL; k++) {
		double x = k / 2000.0, d = (int)(x * 65536) / 65536.0;
		cairo_t *cr = cairo_create(s);
		int px;

		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		cairo_scale(cr, 0.5, 0.5);
		cairo_set_source_rgb(cr, d, d, d);
		cairo_rectangle(cr, 0.3, 0.3, 14, 14);
		cairo_fill(cr);
		cairo_destroy(cr);
		cairo_surface_flush(s);
		px = (int)(((guint32 *)(cairo_image_surface_get_data(s) +
					3 * cairo_image_surface_get_stride(
						s)))[3] &
			   0xff);
		bad += px != ((int)(d * 65535.0 + 0.5) >> 8);
		outside += px < (int)floor(x * 255) || px > (int)ceil(x * 255);
	}
	OK(bad == 0, "cairo's pixels are round(c * 65535) >> 8");
	OK(outside == 0, "cairo's pixels are floor or ceil of c * 255");
	cairo_surface_destroy(s);
}

int
main(void)
{
	struct pp_diags d;
	struct pp_error err;
	const char *datadir = getenv("PARAPHE_DATADIR");

	pp_diags_init(&d);
	pp_error_init(&err);
	charte =
	    pp_charte_load(datadir != NULL ? datadir : "..", "etat", &d, &err);
	pp_diags_fini(&d);
	if (!OK(charte != NULL, "the State charter loads")) {
		printf("# %s\n", err.message);
		return harness_done();
	}
	test_rules();
	test_font_families();
	test_json_hostile_text();
	test_json_numbers();
	test_partial_never_conformant();
	test_same_both_ways();
	test_same_prepared();
	test_cairo_rounding();
	if (mkdtemp(tmpdir) != NULL) {
		snprintf(longpdf, sizeof(longpdf), "%s/long.pdf", tmpdir);
		if (OK(write_long_pdf(longpdf, 10) == 0,
		       "a 10-page PDF written"))
			test_time_limit();
		unlink(longpdf);
		test_output_intent();
		test_imageless();
		test_textsafe();
		test_palette_only();
		test_fonts_known();
		test_palette_zones();
		rmdir(tmpdir);
	}
	pp_charte_free(charte);
	return harness_done();
}
