/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The layout engine (layout.h, layout-private.h): what a worker keeps from
 * one document to the next.  A private fontconfig with the charter's fonts
 * folder and Debian's Liberation fonts, a Pango context at 72 dpi, the
 * hyphenation patterns, and the caches of what it set: hyphenated texts
 * and the layouts of paragraphs and lines, which a kit's partners share.
 */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "hyphenate.h"
#include "i18n.h"
#include "layout-private.h"
#include "xalloc.h"

/* Debian's fonts-liberation2: metric-compatible with Arial, always there
 * (the set-up installs it), so pagination never depends on the machine. */
#define LAYOUT_LIBERATION_DIR PP_LIBERATION_DIR

/* Pango's resolution: one device unit per point, the layout's unit. */
#define LAYOUT_DPI 72.0

/* The family set when none of a style's list is present. */
#define LAYOUT_FALLBACK_FAMILY "Liberation Sans"

struct pp_layout_engine {
	const struct pp_charte *charte;
	FcConfig *fc;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	struct pp_hyphenator *hyph;
	struct pp_hyphen_words *words; /* the words hyphenated so far */
	GHashTable *families;	       /* family list -> first family present */
	/* Paragraphs already set, by what sets them (layout_para_key): a
	 * kit's partners share most of their clauses.  An entry not used in
	 * the last LAYOUT_CACHE_RUNS documents goes. */
	GHashTable *paras;	/* key -> struct layout_cached */
	GHashTable *hyphenated; /* text -> struct layout_cached (text) */
	unsigned run;		/* documents laid out */
};

/* --- The caches ---------------------------------------------------------- */

#define LAYOUT_CACHE_RUNS 4

/* What the engine keeps between documents: a paragraph's or a line's
 * layout, or a text with its soft hyphens. */
struct layout_cached {
	PangoLayout *layout; /* or NULL */
	char *text;	     /* or NULL */
	unsigned run;	     /* the last document that used it */
};

static void
layout_cached_free(gpointer data)
{
	struct layout_cached *c = data;

	if (c->layout != NULL)
		g_object_unref(c->layout);
	g_free(c->text);
	g_free(c);
}

/* Hyphenating the same clause for every partner was 5 % of a kit: the
 * texts are kept like the layouts. */
void
pp_layout_engine_hyphenate(struct pp_layout_engine *e, const char *src,
			   struct pp_buf *out)
{
	struct layout_cached *h = g_hash_table_lookup(e->hyphenated, src);

	if (h == NULL) {
		struct pp_buf b;

		pp_buf_init(&b);
		pp_hyphenate_words(e->hyph, e->words, src, &b);
		h = g_new0(struct layout_cached, 1);
		h->text = g_strdup(pp_buf_str(&b));
		pp_buf_fini(&b);
		g_hash_table_insert(e->hyphenated, g_strdup(src), h);
	}
	h->run = e->run;
	pp_buf_adds(out, h->text);
}

PangoLayout *
pp_layout_engine_cache_find(struct pp_layout_engine *e, const char *key)
{
	struct layout_cached *c = g_hash_table_lookup(e->paras, key);

	if (c == NULL)
		return NULL;
	c->run = e->run;
	return g_object_ref(c->layout);
}

PangoLayout *
pp_layout_engine_cache_keep(struct pp_layout_engine *e, char *key,
			    PangoLayout *layout)
{
	struct layout_cached *c = g_new0(struct layout_cached, 1);

	c->layout = layout;
	c->run = e->run;
	g_hash_table_insert(e->paras, key, c);
	return g_object_ref(layout);
}

static gboolean
layout_cached_stale(gpointer key, gpointer value, gpointer data)
{
	const struct layout_cached *c = value;
	unsigned run = *(const unsigned *)data;

	(void)key;
	return run - c->run >= LAYOUT_CACHE_RUNS;
}

void
pp_layout_engine_next_document(struct pp_layout_engine *e)
{
	e->run++;
	g_hash_table_foreach_remove(e->paras, layout_cached_stale, &e->run);
	g_hash_table_foreach_remove(e->hyphenated, layout_cached_stale,
				    &e->run);
}

/* --- Fonts -------------------------------------------------------------- */

static int
layout_family_present(FcConfig *fc, const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *fs;
	int found;

	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	fs = FcFontList(fc, pat, os);
	found = fs != NULL && fs->nfont > 0;
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	return found;
}

/* The first family of a list that the private fontconfig has; a bare
 * fontconfig would otherwise answer any name with some font. */
static const char *
layout_family(struct pp_layout_engine *e, const char *list)
{
	const char *hit = g_hash_table_lookup(e->families, list);
	char **names;
	int i;

	if (hit != NULL)
		return hit;
	names = g_strsplit(list, ",", 0);
	for (i = 0; names[i] != NULL; i++) {
		g_strstrip(names[i]);
		if (layout_family_present(e->fc, names[i]))
			break;
	}
	hit = g_strdup(names[i] != NULL ? names[i] : LAYOUT_FALLBACK_FAMILY);
	g_strfreev(names);
	g_hash_table_insert(e->families, g_strdup(list), (gpointer)hit);
	return hit;
}

const char *
pp_layout_engine_family(struct pp_layout_engine *e, const char *list)
{
	return layout_family(e, list);
}

static int
layout_strcmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **
pp_layout_engine_font_files(struct pp_layout_engine *e, const char *family)
{
	FcPattern *pat = FcPatternCreate();
	FcObjectSet *os = FcObjectSetBuild(FC_FILE, NULL);
	FcFontSet *fs;
	GPtrArray *files = g_ptr_array_new();
	int i;

	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
	fs = FcFontList(e->fc, pat, os);
	for (i = 0; fs != NULL && i < fs->nfont; i++) {
		FcChar8 *file = NULL;

		if (FcPatternGetString(fs->fonts[i], FC_FILE, 0, &file) ==
		    FcResultMatch)
			g_ptr_array_add(files, g_strdup((const char *)file));
	}
	if (fs != NULL)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	qsort(files->pdata, files->len, sizeof(char *), layout_strcmp);
	g_ptr_array_add(files, NULL);
	return (char **)g_ptr_array_free(files, FALSE);
}

struct pp_layout_engine *
pp_layout_engine_new(const struct pp_charte *c, struct pp_error *err)
{
	struct pp_layout_engine *e = pp_xcalloc(1, sizeof(*e));
	char *cachedir, *conf;

	e->charte = c;
	e->families =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	e->paras = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 layout_cached_free);
	e->hyphenated = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      layout_cached_free);
	e->fc = FcConfigCreate();
	cachedir = g_build_filename(g_get_user_cache_dir(), "paraphe",
				    "fontconfig", NULL);
	conf = g_markup_printf_escaped(
	    "<?xml version=\"1.0\"?><fontconfig><cachedir>%s</cachedir>"
	    "</fontconfig>",
	    cachedir);
	FcConfigParseAndLoadFromMemory(e->fc, (const FcChar8 *)conf, FcFalse);
	g_free(conf);
	g_free(cachedir);
	if (!FcConfigAppFontAddDir(e->fc,
				   (const FcChar8 *)LAYOUT_LIBERATION_DIR)) {
		struct pp_pos pos = {LAYOUT_LIBERATION_DIR, 0, 0};

		pp_error_set(err, PP_DIAG_FONT, &pos,
			     _("the Liberation fonts are missing: install "
			       "the Debian package fonts-liberation2"));
		pp_layout_engine_free(e);
		return NULL;
	}
	if (c->fonts_dir != NULL &&
	    !FcConfigAppFontAddDir(e->fc, (const FcChar8 *)c->fonts_dir)) {
		struct pp_pos pos = {c->fonts_dir, 0, 0};

		pp_error_set(err, PP_DIAG_FONT, &pos,
			     _("the charter's fonts folder cannot be read"));
		pp_layout_engine_free(e);
		return NULL;
	}
	/* Pango's font thread would otherwise load the machine's whole
	 * fontconfig set-up, which paraphe never uses. */
	FcConfigSetCurrent(e->fc);
	e->fontmap = pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT);
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(e->fontmap), e->fc);
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(e->fontmap),
					    LAYOUT_DPI);
	e->ctx = pango_font_map_create_context(e->fontmap);
	{
		cairo_font_options_t *fo = cairo_font_options_create();

		/* Metrics independent of any device: stable pagination. */
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		pango_cairo_context_set_font_options(e->ctx, fo);
		cairo_font_options_destroy(fo);
	}
	pango_context_set_language(e->ctx, pango_language_from_string("fr"));
	pango_context_set_base_dir(e->ctx, PANGO_DIRECTION_LTR);
	/* Glyphs at their true advances: rounded to whole points they space
	 * letters unevenly at small sizes. */
	pango_context_set_round_glyph_positions(e->ctx, FALSE);
	e->words = pp_hyphen_words_new();
	e->hyph = pp_hyphenator_load(NULL, err);
	if (e->hyph == NULL) {
		pp_layout_engine_free(e);
		return NULL;
	}
	return e;
}

void
pp_layout_engine_free(struct pp_layout_engine *e)
{
	if (e == NULL)
		return;
	if (e->ctx != NULL)
		g_object_unref(e->ctx);
	if (e->fontmap != NULL)
		g_object_unref(e->fontmap);
	if (e->fc != NULL)
		FcConfigDestroy(e->fc);
	pp_hyphenator_free(e->hyph);
	pp_hyphen_words_free(e->words);
	g_hash_table_destroy(e->families);
	g_hash_table_destroy(e->paras);
	g_hash_table_destroy(e->hyphenated);
	free(e);
}

PangoContext *
pp_layout_engine_context(struct pp_layout_engine *e)
{
	return e->ctx;
}

const struct pp_charte *
pp_layout_engine_charte(struct pp_layout_engine *e)
{
	return e->charte;
}
