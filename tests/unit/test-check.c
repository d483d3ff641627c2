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
 * whatever bytes the file's names hold.
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
	if (mkdtemp(tmpdir) != NULL) {
		snprintf(longpdf, sizeof(longpdf), "%s/long.pdf", tmpdir);
		if (OK(write_long_pdf(longpdf, 10) == 0,
		       "a 10-page PDF written"))
			test_time_limit();
		unlink(longpdf);
		rmdir(tmpdir);
	}
	pp_charte_free(charte);
	return harness_done();
}
