/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/charte.c: the State charter (charte/etat/charte.yaml
 * under $PARAPHE_DATADIR) loaded and checked value by value, style
 * inheritance and lookup; then copies of it with one mistake each, written
 * to a temporary folder, each expected to give exactly one message with
 * its code, data path, line and column.
 */
#include "charte.h"
#include "diag.h"

#include "../harness.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *datadir;
static char *etat_text; /* charte/etat/charte.yaml */
static char tmpdir[] = "/tmp/test-charte-XXXXXX";
static char tmpfile_path[512];

#define NEAR(got, want, eps, name)                                             \
	do {                                                                   \
		double got_ = (got), want_ = (want);                           \
		if (!harness_ok(fabs(got_ - want_) <= (eps), __FILE__,         \
				__LINE__, name))                               \
			printf("#   got %.6f, want %.6f\n", got_, want_);      \
	} while (0)

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
write_all(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		printf("# cannot write %s\n", path);
		return;
	}
	fputs(text, f);
	fclose(f);
}

static void
print_diags(const struct pp_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		char *s = pp_diag_format(&d->items[i]);

		printf("#   %s\n", s);
		free(s);
	}
}

/* text with the first occurrence of old replaced by new; caller frees. */
static char *
edit(const char *text, const char *old, const char *new)
{
	const char *at = strstr(text, old);
	size_t n;
	char *s;

	if (at == NULL) {
		printf("# test bug: \"%s\" not in the charter\n", old);
		return strdup(text);
	}
	n = strlen(text) - strlen(old) + strlen(new) + 1;
	s = malloc(n);
	snprintf(s, n, "%.*s%s%s", (int)(at - text), text, new,
		 at + strlen(old));
	return s;
}

/* 1-based line and column (in characters) of needle in text; an '@' in
 * needle marks the place wanted, else it is the start of needle. */
static void
where(const char *text, const char *needle, int *line, int *col)
{
	char find[256];
	const char *mark = strchr(needle, '@'), *at, *p;
	size_t skip = 0;

	snprintf(find, sizeof find, "%s", needle);
	if (mark != NULL) {
		skip = (size_t)(mark - needle);
		memmove(find + skip, find + skip + 1, strlen(find + skip));
	}
	at = strstr(text, find);
	if (at != NULL)
		at += skip;
	*line = 1;
	*col = 1;
	if (at == NULL) {
		printf("# test bug: \"%s\" not in the charter\n", needle);
		*line = *col = -1;
		return;
	}
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/* Writes text as tmpdir/charte.yaml and loads the folder. */
static struct pp_charte *
load_text(const char *text, struct pp_diags *d, struct pp_error *err)
{
	write_all(tmpfile_path, text);
	pp_diags_init(d);
	pp_error_init(err);
	return pp_charte_load(datadir, tmpdir, d, err);
}

/*
 * Loads the State charter with old replaced by new and expects no charter
 * and exactly one message: code, data path, at the place of needle in the
 * edited text (NULL: the top of the file), mentioning part.
 */
static void
expect_one(const char *what, const char *old, const char *new,
	   enum pp_diag_code code, const char *path, const char *needle,
	   const char *part)
{
	char *text = edit(etat_text, old, new);
	struct pp_charte *c;
	struct pp_diags d;
	struct pp_error err;
	char label[256];
	int line = 1, col = 1;

	c = load_text(text, &d, &err);
	snprintf(label, sizeof label, "%s: refused", what);
	OK(c == NULL, label);
	snprintf(label, sizeof label, "%s: one message", what);
	if (!OK(d.n == 1, label)) {
		printf("#   %zu messages:\n", d.n);
		print_diags(&d);
		if (err.set)
			printf("#   error: %s\n", err.message);
	}
	if (d.n >= 1) {
		const struct pp_diag *g = &d.items[0];

		snprintf(label, sizeof label, "%s: code %s", what,
			 pp_diag_code_name(code));
		if (!OK(g->code == code, label))
			print_diags(&d);
		snprintf(label, sizeof label, "%s: severity error", what);
		OK(g->severity == PP_SEV_ERROR, label);
		snprintf(label, sizeof label, "%s: path", what);
		STR_EQ(g->path, path, label);
		if (needle != NULL)
			where(text, needle, &line, &col);
		snprintf(label, sizeof label, "%s: line", what);
		INT_EQ(g->line, line, label);
		snprintf(label, sizeof label, "%s: column", what);
		INT_EQ(g->col, col, label);
		snprintf(label, sizeof label, "%s: file", what);
		STR_EQ(g->file, tmpfile_path, label);
		if (part != NULL) {
			snprintf(label, sizeof label,
				 "%s: message mentions \"%s\"", what, part);
			if (!OK(strstr(g->message, part) != NULL, label))
				printf("#   message: %s\n", g->message);
		}
	}
	snprintf(label, sizeof label, "%s: no failure besides", what);
	OK(!err.set, label);
	pp_charte_free(c);
	pp_diags_fini(&d);
	free(text);
}

/* --- The State charter --------------------------------------------------- */

static void
test_page(const struct pp_charte *c)
{
	STR_EQ(c->name,
	       "Marque de l'\xc3\x89tat \xe2\x80\x94 documents de "
	       "partenariat",
	       "name");
	NEAR(c->page_width, 595.2756, 0.01, "A4 width in pt");
	NEAR(c->page_height, 841.8898, 0.01, "A4 height in pt");
	NEAR(c->margin_top, PP_MM_TO_PT(20), 1e-9, "top margin 20 mm");
	NEAR(c->margin_bottom, PP_MM_TO_PT(22), 1e-9, "bottom margin 22 mm");
	NEAR(c->margin_left, PP_MM_TO_PT(22), 1e-9, "left margin 22 mm");
	NEAR(c->margin_right, PP_MM_TO_PT(20), 1e-9, "right margin 20 mm");
	NEAR(c->margin_left, 62.3622, 0.01, "22 mm is 62.36 pt");
	NEAR(PP_PT_TO_MM(PP_MM_TO_PT(12.5)), 12.5, 1e-9, "mm -> pt -> mm");
	OK(c->path != NULL &&
	       strstr(c->path, "charte/etat/charte.yaml") != NULL,
	   "path of the file read");
	OK(c->dir != NULL && c->dir[0] == '/', "folder made absolute");
	OK(c->dir != NULL && strstr(c->dir, "charte/etat") != NULL,
	   "folder is charte/etat");
}

static void
test_fonts(const struct pp_charte *c)
{
	STR_EQ(c->sans, "Marianne,Arial,Liberation Sans", "sans family list");
	STR_EQ(c->serif, "Spectral,Liberation Serif", "serif family list");
	OK(c->fonts_dir == NULL, "no fonts folder by default");
}

static void
test_palette(const struct pp_charte *c)
{
	const struct pp_palette_entry *p = pp_charte_color(c, "bleu_france");
	struct pp_color col;

	OK(c->npalette >= 20, "palette holds the State colours");
	if (OK(p != NULL, "bleu_france in the palette")) {
		STR_EQ(p->hex, "#000091", "bleu_france hex");
		NEAR(p->color.r, 0.0, 1e-9, "bleu_france red");
		NEAR(p->color.g, 0.0, 1e-9, "bleu_france green");
		NEAR(p->color.b, 0.569, 0.001, "bleu_france blue");
	}
	p = pp_charte_color(c, "rouge_marianne");
	if (OK(p != NULL, "rouge_marianne in the palette")) {
		STR_EQ(p->hex, "#E1000F", "rouge_marianne hex");
		NEAR(p->color.r, 225 / 255.0, 1e-9, "rouge_marianne red");
		NEAR(p->color.b, 15 / 255.0, 1e-9, "rouge_marianne blue");
	}
	p = pp_charte_color(c, "bleu_france_950");
	OK(p != NULL && strcmp(p->hex, "#ECECFE") == 0, "tint 950");
	p = pp_charte_color(c, "gris_425");
	OK(p != NULL && strcmp(p->hex, "#666666") == 0, "grey 425");
	OK(pp_charte_color(c, "bleu-france") ==
	       pp_charte_color(c, "bleu_france"),
	   "palette lookup: '-' is '_'");
	OK(pp_charte_color(c, "bleu_marine") == NULL, "unknown colour: NULL");
	OK(pp_charte_color(c, NULL) == NULL, "NULL colour name: NULL");

	INT_EQ(pp_color_parse("#000091", &col), 0, "parse #000091");
	NEAR(col.b, 145 / 255.0, 1e-9, "parse #000091: blue");
	INT_EQ(pp_color_parse("#fff", &col), 0, "parse #fff");
	OK(col.r == 1.0 && col.g == 1.0 && col.b == 1.0, "#fff is white");
	INT_EQ(pp_color_parse("#0A1", &col), 0, "parse #0A1");
	NEAR(col.g, 0xAA / 255.0, 1e-9, "#0A1 green is #AA");
	INT_EQ(pp_color_parse("000091", &col), -1, "refuse without #");
	INT_EQ(pp_color_parse("#00009", &col), -1, "refuse 5 digits");
	INT_EQ(pp_color_parse("#00009G", &col), -1, "refuse G");
	INT_EQ(pp_color_parse("#", &col), -1, "refuse #");
	INT_EQ(pp_color_parse(NULL, &col), -1, "refuse NULL");
}

static void
test_styles(const struct pp_charte *c)
{
	const struct pp_style *corps = pp_charte_style(c, "corps");
	const struct pp_style *s;

	if (!OK(corps != NULL, "corps found"))
		return;
	STR_EQ(corps->name, "corps", "corps: name");
	STR_EQ(corps->label, "Corps de texte", "corps: label");
	STR_EQ(corps->families, c->sans, "corps: sans");
	NEAR(corps->size, 10, 1e-9, "corps: 10 pt");
	NEAR(corps->line_height, 1.2, 1e-9, "corps: line height 1.2");
	INT_EQ(corps->align, PP_ALIGN_JUSTIFY, "corps: justified");
	INT_EQ(corps->hyphenate, 1, "corps: hyphenated");
	INT_EQ(corps->bold, 0, "corps: not bold (default)");
	INT_EQ(corps->italic, 0, "corps: not italic (default)");
	INT_EQ(corps->keep_with_next, 0, "corps: not kept with next");
	NEAR(corps->space_before, 0, 1e-9, "corps: no space before");
	NEAR(corps->space_after, 5, 1e-9, "corps: 5 pt after");
	NEAR(corps->indent, 0, 1e-9, "corps: no indent");
	STR_EQ(corps->color_name, "gris_50", "corps: colour name");
	NEAR(corps->color.r, 0x16 / 255.0, 1e-9, "corps: #161616");
	INT_EQ(corps->has_background, 0, "corps: no background");

	s = pp_charte_style(c, "titre");
	if (OK(s != NULL && s != corps, "titre found")) {
		STR_EQ(s->label, "Titre du document", "titre: label");
		NEAR(s->size, 17, 1e-9, "titre: 17 pt");
		INT_EQ(s->bold, 1, "titre: bold");
		INT_EQ(s->uppercase, 1, "titre: capitals");
		INT_EQ(s->align, PP_ALIGN_CENTER, "titre: centred");
		STR_EQ(s->color_name, "bleu_france", "titre: bleu France");
		NEAR(s->color.b, 145 / 255.0, 1e-9, "titre: colour value");
		INT_EQ(s->hyphenate, 0, "titre: not hyphenated");
		INT_EQ(s->keep_with_next, 1, "titre: kept with next");
		STR_EQ(s->families, c->sans, "titre: family from corps");
	}
	s = pp_charte_style(c, "titre_article");
	if (OK(s != NULL && s != corps, "titre_article found")) {
		STR_EQ(s->label, "Titre de l'article", "titre_article: label");
		NEAR(s->size, 11, 1e-9, "titre_article: 11 pt");
		INT_EQ(s->bold, 1, "titre_article: bold");
		INT_EQ(s->keep_with_next, 1, "titre_article: kept with next");
		NEAR(s->space_before, 12, 1e-9, "titre_article: 12 pt before");
		STR_EQ(s->color_name, "bleu_france", "titre_article: colour");
	}

	/* Inheritance: one level, then a chain. */
	s = pp_charte_style(c, "sous_titre");
	if (OK(s != NULL && s != corps, "sous_titre found")) {
		INT_EQ(s->bold, 1, "sous_titre: bold from titre");
		INT_EQ(s->align, PP_ALIGN_CENTER,
		       "sous_titre: centred (titre)");
		INT_EQ(s->uppercase, 0, "sous_titre: capitals overridden");
		NEAR(s->size, 12, 1e-9, "sous_titre: own size");
		NEAR(s->line_height, 1.15, 1e-9, "sous_titre: titre's leading");
		STR_EQ(s->color_name, "gris_50", "sous_titre: own colour");
	}
	s = pp_charte_style(c, "sous_intertitre");
	if (OK(s != NULL && s != corps, "sous_intertitre found")) {
		INT_EQ(s->italic, 1, "chain: own italic");
		INT_EQ(s->bold, 1, "chain: bold from titre_article");
		STR_EQ(s->color_name, "gris_50",
		       "chain: colour from intertitre");
		NEAR(s->size, 10, 1e-9, "chain: size from intertitre");
		NEAR(s->space_before, 6, 1e-9, "chain: own space before");
		NEAR(s->space_after, 4, 1e-9,
		     "chain: intertitre's space after");
		NEAR(s->line_height, 1.2, 1e-9, "chain: titre_article leading");
		STR_EQ(s->label, "Sous-intertitre", "chain: own label");
	}
	s = pp_charte_style(c, "citation");
	if (OK(s != NULL && s != corps, "citation found")) {
		STR_EQ(s->families, "Spectral,Liberation Serif",
		       "citation: serif");
		INT_EQ(s->italic, 1, "citation: italic");
		NEAR(s->indent, PP_MM_TO_PT(10), 1e-9,
		     "citation: 10 mm indent");
		INT_EQ(s->align, PP_ALIGN_JUSTIFY,
		       "citation: justified (corps)");
	}
	s = pp_charte_style(c, "tableau_entete");
	if (OK(s != NULL && s != corps, "tableau_entete found")) {
		INT_EQ(s->has_background, 1, "tableau_entete: background");
		NEAR(s->background.r, 0xEC / 255.0, 1e-9,
		     "tableau_entete: tint 950 red");
		NEAR(s->background.b, 0xFE / 255.0, 1e-9,
		     "tableau_entete: tint 950 blue");
		INT_EQ(s->bold, 1, "tableau_entete: bold");
		NEAR(s->size, 9, 1e-9, "tableau_entete: 9 pt");
	}
	s = pp_charte_style(c, "tableau_cellule");
	OK(s != NULL && s != corps && s->size == 9 && !s->has_background,
	   "tableau_cellule: 9 pt, no background");
	s = pp_charte_style(c, "mention");
	OK(s != NULL && s->size == 8 && s->color_name != NULL &&
	       strcmp(s->color_name, "gris_425") == 0,
	   "mention: 8 pt grey 425");
	s = pp_charte_style(c, "pied");
	OK(s != NULL && s->size == 7.5, "pied: 7.5 pt");
	s = pp_charte_style(c, "entete");
	OK(s != NULL && s->size == 7.5 && s->align == PP_ALIGN_RIGHT,
	   "entete: 7.5 pt, right");
	s = pp_charte_style(c, "reference");
	OK(s != NULL && s->align == PP_ALIGN_RIGHT, "reference: right");

	/* Lookup: '-' and '_' alike, unknown names fall back to corps. */
	OK(pp_charte_style(c, "sous-titre") == pp_charte_style(c, "sous_titre"),
	   "sous-titre is sous_titre");
	OK(pp_charte_style(c, "titre-article") ==
	       pp_charte_style(c, "titre_article"),
	   "titre-article is titre_article");
	OK(pp_charte_style(c, "centre") != corps, "centre exists");
	OK(pp_charte_style(c, "encadre") == corps, "unknown style: corps");
	OK(pp_charte_style(c, "") == corps, "empty name: corps");
	OK(pp_charte_style(c, NULL) == corps, "NULL name: corps");
	OK(pp_charte_style(c, "titre_") == corps, "near name: corps");
	{
		size_t i;
		int labelled = 1;

		for (i = 0; i < c->nstyles; i++)
			labelled &= c->styles[i].label != NULL &&
				    c->styles[i].families != NULL &&
				    c->styles[i].size >= 6;
		OK(c->nstyles >= 18 && labelled,
		   "every style has a label, families and a size");
	}
}

static void
test_sections(const struct pp_charte *c)
{
	OK(c->marque.artwork == NULL, "no artwork by default");
	NEAR(c->marque.x, PP_MM_TO_PT(18), 1e-9, "bloc-marque x");
	NEAR(c->marque.y, PP_MM_TO_PT(14), 1e-9, "bloc-marque y");
	OK(c->marque.height > c->marque.block_height, "bloc over Marianne");
	OK(c->marque.block_height >= c->rules.marque_min_height,
	   "Marianne block above the minimum");
	INT_EQ(c->marque.nmotto, 3, "motto: three lines");
	if (c->marque.nmotto == 3) {
		STR_EQ(c->marque.motto[0], "Libert\xc3\xa9", "motto 1");
		STR_EQ(c->marque.motto[1], "\xc3\x89galit\xc3\xa9", "motto 2");
		STR_EQ(c->marque.motto[2], "Fraternit\xc3\xa9", "motto 3");
	}
	STR_EQ(c->partners.label, "En partenariat avec", "partner label");
	NEAR(c->partners.max_logo_height, PP_MM_TO_PT(14), 1e-9,
	     "partner logo height");
	STR_EQ(c->footer.pagination, "Page {page} / {pages}", "pagination");
	INT_EQ(c->footer.paraphes, 1, "paraphes");
	STR_EQ(c->footer.paraphe_label, "Paraphes", "paraphes label");
	NEAR(c->footer.height, PP_MM_TO_PT(14), 1e-9, "footer height");
	INT_EQ(c->header.running_title, 1, "running title");
	INT_EQ(c->header.reference, 1, "reference in header");
	NEAR(c->header.height, PP_MM_TO_PT(10), 1e-9, "header height");

	INT_EQ(c->rules.nfonts_allowed, 3, "three allowed font patterns");
	if (c->rules.nfonts_allowed == 3) {
		STR_EQ(c->rules.fonts_allowed[0], "^Marianne", "allowed 1");
		STR_EQ(c->rules.fonts_allowed[2], "^Arial", "allowed 3");
	}
	INT_EQ(c->rules.nfonts_substitutes, 4, "four substitutes");
	if (c->rules.nfonts_substitutes == 4)
		STR_EQ(c->rules.fonts_substitutes[0], "Liberation Sans",
		       "substitute 1");
	NEAR(c->rules.min_text_size, 6, 1e-9, "min text size");
	NEAR(c->rules.marque_min_height, PP_MM_TO_PT(2.5), 1e-9,
	     "Marianne block minimum in pt");
	NEAR(c->rules.marque_zone_width, 0.33, 1e-9, "zone width");
	NEAR(c->rules.marque_zone_height, 0.2, 1e-9, "zone height");
	NEAR(c->rules.color_tolerance, 2, 1e-9, "colour tolerance");
	NEAR(c->rules.min_contrast, 4.5, 1e-9, "contrast");
	NEAR(c->rules.margin_tolerance, PP_MM_TO_PT(2), 1e-9,
	     "margin tolerance in pt");
}

static void
test_etat(void)
{
	struct pp_diags d;
	struct pp_error err;
	struct pp_charte *c;

	pp_diags_init(&d);
	pp_error_init(&err);
	c = pp_charte_load(datadir, "etat", &d, &err);
	if (!OK(c != NULL && d.n == 0 && !err.set,
		"the State charter loads without a message")) {
		print_diags(&d);
		if (err.set)
			printf("#   %s\n", err.message);
	}
	if (c != NULL) {
		test_page(c);
		test_fonts(c);
		test_palette(c);
		test_styles(c);
		test_sections(c);
	}
	pp_charte_free(c);
	pp_diags_fini(&d);
}

/* The same charter named by its folder and by its file. */
static void
test_names(void)
{
	struct pp_diags d;
	struct pp_error err;
	struct pp_charte *c;
	char path[1024];

	snprintf(path, sizeof path, "%s/charte/etat", datadir);
	pp_diags_init(&d);
	pp_error_init(&err);
	c = pp_charte_load(datadir, path, &d, &err);
	OK(c != NULL && d.n == 0, "loaded by folder");
	pp_charte_free(c);

	snprintf(path, sizeof path, "%s/charte/etat/charte.yaml", datadir);
	c = pp_charte_load(datadir, path, &d, &err);
	OK(c != NULL && d.n == 0, "loaded by file");
	OK(c != NULL && strcmp(c->path, path) == 0, "path kept as given");
	pp_charte_free(c);

	c = pp_charte_load(datadir, "ministere-imaginaire", &d, &err);
	OK(c == NULL && d.n == 0, "unknown name: no charter, no message");
	OK(err.set && err.code == PP_DIAG_IO, "unknown name: an error");
	if (!OK(strstr(err.message, "etat") != NULL,
		"unknown name: lists the charters"))
		printf("#   %s\n", err.message);

	pp_error_init(&err);
	c = pp_charte_load(datadir, "../etat", &d, &err);
	OK(c == NULL && err.set, "a path without charte.yaml: error");

	pp_error_init(&err);
	c = pp_charte_load(datadir, "Etat!", &d, &err);
	OK(c == NULL && err.set, "a malformed name: error");

	pp_error_init(&err);
	c = pp_charte_load("/nonexistent", "etat", &d, &err);
	OK(c == NULL && err.set, "no datadir: error");

	/* A charter without its schema cannot be checked. */
	pp_error_init(&err);
	snprintf(path, sizeof path, "%s/charte/etat", datadir);
	c = pp_charte_load(tmpdir, path, &d, &err);
	OK(c == NULL && err.set, "missing schema: error");
	OK(d.n == 0, "missing schema: no message");

	/* d may be NULL. */
	pp_error_init(&err);
	c = pp_charte_load(datadir, "etat", NULL, &err);
	OK(c != NULL, "loads with d NULL");
	pp_charte_free(c);
	pp_charte_free(NULL);
	pp_diags_fini(&d);
}

/* --- Mistakes --------------------------------------------------------------
 */

static void
test_mistakes(void)
{
	expect_one("unknown key", "    taille_pt: 10\n    interligne: 1.2",
		   "    taille_pt: 10\n    interlinge: 1.2",
		   PP_DIAG_UNKNOWN_KEY, "styles.corps.interlinge",
		   "@interlinge: 1.2", "did you mean \"interligne\"");
	expect_one("unknown style name",
		   "  titre_annexe:", "  titre_anexe:", PP_DIAG_UNKNOWN_KEY,
		   "styles.titre_anexe",
		   "@titre_anexe:", "did you mean \"titre_annexe\"");
	expect_one("unknown section",
		   "zone_partenaires:", "zone_partenaire:", PP_DIAG_UNKNOWN_KEY,
		   "zone_partenaire",
		   "@zone_partenaire:", "did you mean \"zone_partenaires\"");
	expect_one("bad palette colour", "bleu_france_525: \"#6A6AF4\"",
		   "bleu_france_525: \"#6A6AG4\"", PP_DIAG_BAD_FORMAT,
		   "palette.bleu_france_525", "bleu_france_525: @\"#6A6AG4",
		   "#RRGGBB");
	expect_one("unquoted palette colour", "gris_975: \"#F6F6F6\"",
		   "gris_975: #F6F6F6", PP_DIAG_BAD_FORMAT, "palette.gris_975",
		   "@gris_975: #", "quotes");
	expect_one("colour without #", "gris_975: \"#F6F6F6\"",
		   "gris_975: \"F6F6F6\"", PP_DIAG_BAD_FORMAT,
		   "palette.gris_975", "gris_975: @\"F6F6F6", "starts with #");
	expect_one("palette name in capitals", "  blanc: \"#FFFFFF\"",
		   "  Blanc: \"#FFFFFF\"", PP_DIAG_BAD_PATTERN, "palette.Blanc",
		   "@Blanc:", "lower case");
	expect_one("palette list", "  blanc: \"#FFFFFF\"",
		   "  blanc: [\"#FFFFFF\"]", PP_DIAG_WRONG_TYPE,
		   "palette.blanc", "blanc: @[", "colour");
	expect_one("style colour shape",
		   "couleur: bleu_france\n    alignement: centre",
		   "couleur: \"#12\"\n    alignement: centre",
		   PP_DIAG_BAD_PATTERN, "styles.titre.couleur",
		   "couleur: @\"#12\"", "palette");
	expect_one("negative size", "    taille_pt: 17", "    taille_pt: -17",
		   PP_DIAG_OUT_OF_RANGE, "styles.titre.taille_pt",
		   "taille_pt: @-17", "below the minimum");
	expect_one("negative margin", "    haut_mm: 20", "    haut_mm: -5",
		   PP_DIAG_OUT_OF_RANGE, "page.marges.haut_mm", "haut_mm: @-5",
		   "below the minimum");
	expect_one("size as text", "    taille_pt: 17", "    taille_pt: grand",
		   PP_DIAG_WRONG_TYPE, "styles.titre.taille_pt",
		   "taille_pt: @grand", "number");
	expect_one("alignment", "    alignement: justifie",
		   "    alignement: justifi\xc3\xa9", PP_DIAG_BAD_CHOICE,
		   "styles.corps.alignement", "alignement: @justifi\xc3\xa9",
		   "did you mean \"justifie\"");
	expect_one("missing section",
		   "zone_partenaires:\n"
		   "  libelle: \"En partenariat avec\"\n"
		   "  hauteur_logo_max_mm: 14\n",
		   "", PP_DIAG_MISSING_KEY, "zone_partenaires", NULL,
		   "is missing");
	expect_one("missing corps key", "    police: sans\n", "",
		   PP_DIAG_MISSING_KEY, "styles.corps.police",
		   "@corps:\n    libelle", "is missing");
	expect_one("motto of two lines",
		   "[Libert\xc3\xa9, \xc3\x89galit\xc3\xa9, "
		   "Fraternit\xc3\xa9]",
		   "[Libert\xc3\xa9, \xc3\x89galit\xc3\xa9]",
		   PP_DIAG_BAD_LENGTH, "bloc_marque.devise", "devise: @[",
		   "3 items");
	expect_one("pagination without {page}", "\"Page {page} / {pages}\"",
		   "\"Page {numero}\"", PP_DIAG_BAD_PATTERN, "pied.pagination",
		   "pagination: @\"Page", "{page}");
	expect_one("version",
		   "version: 1\nnom:", "version: 2\nnom:", PP_DIAG_VERSION,
		   "version", "version: @2", "version 1");
	/* At the bracket never closed, not where the parser noticed it. */
	expect_one("YAML syntax", "nom: \"Marque", "nom: [\"Marque",
		   PP_DIAG_YAML_SYNTAX, NULL, "nom: @[", "\"]\"");

	/* Pass 2: what the schema cannot say. */
	expect_one("unknown palette colour",
		   "couleur: bleu_france\n    alignement: centre",
		   "couleur: bleu_franse\n    alignement: centre",
		   PP_DIAG_BAD_CHOICE, "styles.titre.couleur",
		   "couleur: @bleu_franse", "did you mean \"bleu_france\"");
	expect_one("unknown background colour", "fond: bleu_france_950",
		   "fond: vert_sapin", PP_DIAG_BAD_CHOICE,
		   "styles.tableau_entete.fond", "fond: @vert_sapin",
		   "not in the palette");
	expect_one("unknown base", "base: intertitre", "base: intertitr",
		   PP_DIAG_BAD_CHOICE, "styles.sous_intertitre.base",
		   "base: @intertitr", "did you mean \"intertitre\"");
	expect_one("inheritance loop",
		   "  titre:\n    libelle: \"Titre du document\"\n",
		   "  titre:\n    libelle: \"Titre du document\"\n"
		   "    base: sous_titre\n",
		   PP_DIAG_RULE, "styles.sous_titre.base",
		   "base: @titre\n    taille_pt: 12",
		   "titre \xe2\x86\x92 sous_titre \xe2\x86\x92 titre");
	expect_one("inheritance on itself",
		   "base: titre_article\n    taille_pt: 13",
		   "base: titre_annexe\n    taille_pt: 13", PP_DIAG_RULE,
		   "styles.titre_annexe.base", "base: @titre_annexe",
		   "titre_annexe \xe2\x86\x92 titre_annexe");
	expect_one("artwork missing", "  fichier: null",
		   "  fichier: marque/bloc-marque.svg", PP_DIAG_IO,
		   "bloc_marque.fichier", "\n  fichier: @marque",
		   "marque/bloc-marque.svg");
	expect_one("artwork not svg/png", "  fichier: null",
		   "  fichier: marque/bloc-marque.eps", PP_DIAG_BAD_PATTERN,
		   "bloc_marque.fichier", "\n  fichier: @marque", ".svg");
	expect_one("fonts folder missing", "  dossier: null",
		   "  dossier: polices", PP_DIAG_IO, "polices.dossier",
		   "\n  dossier: @polices", "polices");
	expect_one("bad font pattern", "\"^Arial\"]", "\"^Arial(\"]",
		   PP_DIAG_BAD_PATTERN, "regles.polices_autorisees[3]",
		   "@\"^Arial(", "regular expression");
	expect_one("Marianne block too small", "hauteur_bloc_marianne_mm: 7",
		   "hauteur_bloc_marianne_mm: 2", PP_DIAG_RULE,
		   "bloc_marque.hauteur_bloc_marianne_mm",
		   "hauteur_bloc_marianne_mm: @2", "2.50 mm");
	expect_one("bloc-marque too low", "    y_mm: 14", "    y_mm: 50",
		   PP_DIAG_RULE, "bloc_marque.position",
		   "  @position:\n    x_mm", "zone_bloc_marque");
	expect_one("text below the minimum size",
		   "    taille_pt: 7.5\n    couleur: gris_425\n    alignement: "
		   "centre",
		   "    taille_pt: 5\n    couleur: gris_425\n    alignement: "
		   "centre",
		   PP_DIAG_RULE, "styles.pied.taille_pt", "taille_pt: @5\n",
		   "taille_min_texte_pt");
	expect_one("low contrast",
		   "    taille_pt: 8\n    couleur: gris_425\n    alignement: "
		   "gauche\n    espace_apres_pt: 3\n\n",
		   "    taille_pt: 8\n    couleur: gris_625\n    alignement: "
		   "gauche\n    espace_apres_pt: 3\n\n",
		   PP_DIAG_RULE, "styles.mention.couleur", "couleur: @gris_625",
		   "contrast");
	expect_one("margins too wide", "    gauche_mm: 22",
		   "    gauche_mm: 160", PP_DIAG_RULE, "page.marges",
		   "  @marges:", "text column");
}

/* Files the charter names, present this time. */
static void
test_files(void)
{
	char *text, *t2, path[600];
	struct pp_diags d;
	struct pp_error err;
	struct pp_charte *c;

	snprintf(path, sizeof path, "%s/marque", tmpdir);
	mkdir(path, 0700);
	snprintf(path, sizeof path, "%s/marque/bloc-marque.svg", tmpdir);
	write_all(path, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
	snprintf(path, sizeof path, "%s/polices", tmpdir);
	mkdir(path, 0700);

	text = edit(etat_text, "  fichier: null",
		    "  fichier: marque/bloc-marque.svg");
	t2 = edit(text, "  dossier: null", "  dossier: ./polices/");
	c = load_text(t2, &d, &err);
	if (!OK(c != NULL && d.n == 0, "artwork and fonts folder found"))
		print_diags(&d);
	if (c != NULL) {
		snprintf(path, sizeof path, "%s/marque/bloc-marque.svg",
			 tmpdir);
		STR_EQ(c->marque.artwork, path, "artwork: absolute path");
		snprintf(path, sizeof path, "%s/polices", tmpdir);
		STR_EQ(c->fonts_dir, path, "fonts folder: absolute path");
		STR_EQ(c->dir, tmpdir, "folder of the charter");
	}
	pp_charte_free(c);
	pp_diags_fini(&d);
	free(t2);
	free(text);

	/* A colour written as hex: its palette name when it has one. */
	text = edit(etat_text, "couleur: bleu_france\n    alignement: centre",
		    "couleur: \"#000091\"\n    alignement: centre");
	t2 = edit(text, "    couleur: gris_50\n    alignement: justifie",
		  "    couleur: \"#123\"\n    alignement: justifie");
	c = load_text(t2, &d, &err);
	if (!OK(c != NULL && d.n == 0, "colours written as hex"))
		print_diags(&d);
	if (c != NULL) {
		const struct pp_style *s = pp_charte_style(c, "titre");

		STR_EQ(s->color_name, "bleu_france",
		       "hex in the palette: name");
		s = pp_charte_style(c, "corps");
		OK(s->color_name == NULL, "hex outside the palette: no name");
		NEAR(s->color.r, 0x11 / 255.0, 1e-9, "#123: red");
		NEAR(s->color.b, 0x33 / 255.0, 1e-9, "#123: blue");
		s = pp_charte_style(c, "parties");
		OK(s->color_name == NULL && s->color.g == 0x22 / 255.0,
		   "inherited hex colour");
	}
	pp_charte_free(c);
	pp_diags_fini(&d);
	free(t2);
	free(text);

	/* fond: aucun removes an inherited background. */
	text = edit(etat_text, "  tableau_cellule:\n",
		    "  tableau_cellule:\n    base: tableau_entete\n"
		    "    fond: aucun\n");
	c = load_text(text, &d, &err);
	if (!OK(c != NULL && d.n == 0, "fond: aucun accepted"))
		print_diags(&d);
	if (c != NULL) {
		const struct pp_style *s =
		    pp_charte_style(c, "tableau_cellule");

		INT_EQ(s->has_background, 0, "fond: aucun: no background");
		INT_EQ(s->bold, 1, "base tableau_entete: bold");
	}
	pp_charte_free(c);
	pp_diags_fini(&d);
	free(text);

	/* Several mistakes: each reported. */
	text = edit(etat_text, "    taille_pt: 17", "    taille_pt: -17");
	t2 = edit(text, "bleu_france_525: \"#6A6AF4\"",
		  "bleu_france_525: \"#6A6AG4\"");
	c = load_text(t2, &d, &err);
	OK(c == NULL && d.n == 2, "two mistakes, two messages");
	pp_charte_free(c);
	pp_diags_fini(&d);
	free(t2);
	free(text);

	/* An empty file and a file that is not a map. */
	c = load_text("", &d, &err);
	OK(c == NULL && d.n == 1 && d.items[0].code == PP_DIAG_MISSING_KEY,
	   "empty charter: one message");
	pp_diags_fini(&d);
	c = load_text("- a\n- b\n", &d, &err);
	OK(c == NULL && d.n == 1 && d.items[0].code == PP_DIAG_WRONG_TYPE,
	   "list charter: one message");
	pp_diags_fini(&d);
	c = load_text("nom: x\n", &d, &err);
	OK(c == NULL && d.n == 1 && d.items[0].code == PP_DIAG_VERSION,
	   "charter without version: one message");
	pp_diags_fini(&d);

	snprintf(path, sizeof path, "%s/marque/bloc-marque.svg", tmpdir);
	remove(path);
	snprintf(path, sizeof path, "%s/marque", tmpdir);
	rmdir(path);
	snprintf(path, sizeof path, "%s/polices", tmpdir);
	rmdir(path);
}

int
main(void)
{
	char path[1024];
	int status;

	datadir = getenv("PARAPHE_DATADIR");
	if (datadir == NULL)
		datadir = "..";
	snprintf(path, sizeof path, "%s/charte/etat/charte.yaml", datadir);
	etat_text = read_all(path);
	if (!OK(etat_text != NULL, "read charte/etat/charte.yaml"))
		return harness_done();
	if (mkdtemp(tmpdir) == NULL) {
		OK(0, "mkdtemp");
		free(etat_text);
		return harness_done();
	}
	snprintf(tmpfile_path, sizeof tmpfile_path, "%s/charte.yaml", tmpdir);

	test_etat();
	test_names();
	test_mistakes();
	test_files();

	remove(tmpfile_path);
	rmdir(tmpdir);
	free(etat_text);
	status = harness_done();
	return status;
}
