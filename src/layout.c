/* SPDX-License-Identifier: EUPL-1.2 */
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "i18n.h"
#include "layout.h"
#include "styles.h"
#include "xalloc.h"

/* Debian's fonts-liberation2: metric-compatible with Arial, always there
 * (the set-up installs it), so pagination never depends on the machine. */
#define LAYOUT_LIBERATION_DIR "/usr/share/fonts/truetype/liberation2"

/* The family set when none of a style's list is present. */
#define LAYOUT_FALLBACK_FAMILY "Liberation Sans"

/* Points from and to Pango units. */
#define PT(x) ((double)(x) / PANGO_SCALE)
#define PU(x) ((int)lround((x)*PANGO_SCALE))

/* U+2028, how a line break travels in a paragraph's text. */
#define LAYOUT_LINE_SEPARATOR "\xe2\x80\xa8"
/* How far a line may pass the column, or fall short of it when justified,
 * before it is set on its own, pt. */
#define LAYOUT_LINE_TOLERANCE_PT 0.01

/* Lists: the items' indent, and the box of their label (dash or number)
 * left of their first line, in ems of the list style. */
#define LAYOUT_LIST_INDENT_EM 1.6
#define LAYOUT_LABEL_WIDTH_EM 1.4
/* Added to the cell style's space before and after a table, pt. */
#define LAYOUT_TABLE_SPACE_PT 4.0

/* Signature blocks, pt: space before and after, between two parties'
 * columns, under a party's name, and left below the signatories for the
 * signatures and the stamp. */
#define LAYOUT_SIGNATURES_SPACE_BEFORE_PT 18.0
#define LAYOUT_SIGNATURES_SPACE_AFTER_PT  6.0
#define LAYOUT_SIGNATURES_GUTTER_PT	  12.0
#define LAYOUT_SIGNATURES_NAME_GAP_PT	  4.0
#define LAYOUT_SIGNATURES_ROOM_PT	  70.0

/* The placeholder bloc-marque: its label ("Bloc-marque provisoire") at
 * this size or the charter's smallest text size if larger, pt, with this
 * line height, this far right of the block, pt; the width given to its
 * lines, in bloc-marque heights; the gaps above the title lines and above
 * the motto, in ems of the marque style. */
#define LAYOUT_MARQUE_LABEL_MIN_PT	6.0
#define LAYOUT_MARQUE_LABEL_LINE_HEIGHT 1.15
#define LAYOUT_MARQUE_LABEL_GAP_PT	4.0
#define LAYOUT_MARQUE_TEXT_WIDTH	3.0
#define LAYOUT_MARQUE_TITLE_GAP_EM	0.4
#define LAYOUT_MARQUE_MOTTO_GAP_EM	0.3

/* The narrowest a partner logo gets when the zone lacks room, pt. */
#define LAYOUT_LOGO_MIN_WIDTH_PT 10.0

/* Pages 2+: the running title's top and the rule under it, above the
 * text area, pt; the rule's thickness, pt. */
#define LAYOUT_RUNNING_TITLE_RISE_PT 24.0
#define LAYOUT_HEADER_RULE_RISE_PT   10.0
#define LAYOUT_HEADER_RULE_PT	     0.5

/* Boxes for initials in the footer (handwritten mode), left of the page's
 * middle: their size, mm; their label's width, and the gap between label
 * and boxes and between the two boxes, pt; how far the label and the boxes
 * rise from the footer line, pt. */
#define LAYOUT_PARAPHE_BOX_WIDTH_MM   22
#define LAYOUT_PARAPHE_BOX_HEIGHT_MM  12
#define LAYOUT_PARAPHE_LABEL_WIDTH_PT 60.0
#define LAYOUT_PARAPHE_GAP_PT	      6.0
#define LAYOUT_PARAPHE_LABEL_RISE_PT  4.0
#define LAYOUT_PARAPHE_BOX_RISE_PT    2.0

struct pp_layout_engine {
	const struct pp_charte *charte;
	FcConfig *fc;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	struct pp_hyphenator *hyph;
	GHashTable *families; /* family list -> first family present */
	/* Paragraphs already set, by what sets them (layout_para_key): a
	 * kit's partners share most of their clauses.  An entry not used in
	 * the last LAYOUT_CACHE_RUNS documents goes. */
	GHashTable *paras;	/* key -> struct layout_cached */
	GHashTable *hyphenated; /* text -> struct layout_cached (text) */
	unsigned run;		/* documents laid out */
};

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

/* Appends src to out with its soft hyphens, from the cache when the same
 * text was hyphenated in the last documents (hyphenating the same clause
 * for every partner was 5 % of a kit). */
static void
layout_hyphenate(struct pp_layout_engine *e, const char *src,
		 struct pp_buf *out)
{
	struct layout_cached *h = g_hash_table_lookup(e->hyphenated, src);

	if (h == NULL) {
		struct pp_buf b;

		pp_buf_init(&b);
		pp_hyphenate(e->hyph, src, &b);
		h = g_new0(struct layout_cached, 1);
		h->text = g_strdup(pp_buf_str(&b));
		pp_buf_fini(&b);
		g_hash_table_insert(e->hyphenated, g_strdup(src), h);
	}
	h->run = e->run;
	pp_buf_adds(out, h->text);
}

/* The layout kept under key, as a new reference, or NULL. */
static PangoLayout *
layout_cache_find(struct pp_layout_engine *e, const char *key)
{
	struct layout_cached *c = g_hash_table_lookup(e->paras, key);

	if (c == NULL)
		return NULL;
	c->run = e->run;
	return g_object_ref(c->layout);
}

/* Keeps layout under key (both taken over); gives a new reference. */
static PangoLayout *
layout_cache_keep(struct pp_layout_engine *e, char *key, PangoLayout *layout)
{
	struct layout_cached *c = g_new0(struct layout_cached, 1);

	c->layout = layout;
	c->run = e->run;
	g_hash_table_insert(e->paras, key, c);
	return g_object_ref(layout);
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
					    72.0);
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
	g_hash_table_destroy(e->families);
	g_hash_table_destroy(e->paras);
	g_hash_table_destroy(e->hyphenated);
	free(e);
}

/* --- Atoms: what pagination moves ---------------------------------------- */

struct atom {
	double h;	     /* pt */
	double space_before; /* pt, dropped at the top of a page */
	double space_after;  /* pt */
	int keep_with_next;  /* no page break between this atom and the next */
	int page_break;	     /* a forced break before this atom */
	int table;	     /* 0, or the table this row belongs to */
	int header_row;	     /* 1 for a table header row */
	GArray *items;	     /* struct pp_item, y relative to the atom top */
	const char *outline; /* title for a bookmark, or NULL */
	const char *dest;    /* its destination */
};

struct run {
	size_t start, end; /* byte range in the paragraph text */
	int bold, italic;
	const char *link; /* cairo link attributes, or NULL */
};

struct para {
	struct pp_buf text;
	GArray *runs; /* struct run */
};

struct layout_ctx {
	struct pp_layout_engine *e;
	const struct pp_charte *c;
	const struct pp_doc *doc;
	struct pp_pages *pages;
	GPtrArray *atoms; /* struct atom * */
	double x0, width; /* the text column, pt */
	int tables;	  /* tables seen, to number them */
	struct pp_error *err;
	const struct pp_node *marque; /* page 1 items */
	const struct pp_node *logos;
	const char *reference;
};

static struct atom *
layout_atom_new(struct layout_ctx *l)
{
	struct atom *a = pp_arena_alloc(l->pages->arena, sizeof(*a));

	a->items = g_array_new(FALSE, TRUE, sizeof(struct pp_item));
	g_ptr_array_add(l->atoms, a);
	return a;
}

static void
layout_tag(struct atom *a, enum pp_item_kind kind, const char *tag,
	   const char *attrs)
{
	struct pp_item it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.tag = tag;
	it.attrs = attrs;
	g_array_append_val(a->items, it);
}

static const char *
layout_strdup(struct layout_ctx *l, const char *s)
{
	return s != NULL ? pp_arena_strdup(l->pages->arena, s) : NULL;
}

/* --- Paragraph text with runs ------------------------------------------- */

static void
layout_collect(struct layout_ctx *l, struct para *p, const struct pp_node *n,
	       const struct pp_style *st, int bold, int italic,
	       const char *link)
{
	const struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		struct run r;
		size_t start = p->text.len;

		switch (ch->kind) {
		case PP_NODE_TEXT:
		case PP_NODE_REF: {
			const char *t = ch->text != NULL ? ch->text : "";
			char *upper =
			    st->uppercase ? g_utf8_strup(t, -1) : NULL;
			const char *src = upper != NULL ? upper : t;

			if (st->hyphenate && ch->kind == PP_NODE_TEXT)
				layout_hyphenate(l->e, src, &p->text);
			else
				pp_buf_adds(&p->text, src);
			g_free(upper);
			r.start = start;
			r.end = p->text.len;
			r.bold = bold;
			r.italic = italic;
			r.link = link;
			if (ch->kind == PP_NODE_REF && ch->id != NULL) {
				char *dest = g_strconcat("dest='article-",
							 ch->id, "'", NULL);

				r.link = layout_strdup(l, dest);
				g_free(dest);
			}
			g_array_append_val(p->runs, r);
			break;
		}
		case PP_NODE_LINEBREAK:
			pp_buf_adds(&p->text, LAYOUT_LINE_SEPARATOR);
			break;
		case PP_NODE_STRONG:
			layout_collect(l, p, ch, st, 1, italic, link);
			break;
		case PP_NODE_EMPH:
			layout_collect(l, p, ch, st, bold, 1, link);
			break;
		case PP_NODE_LINK: {
			char *attr = g_strdup_printf("uri='%s'",
						     ch->href ? ch->href : "");
			const char *a = layout_strdup(l, attr);

			g_free(attr);
			layout_collect(l, p, ch, st, bold, italic, a);
			break;
		}
		case PP_NODE_DOCUMENT:
		case PP_NODE_MARQUE:
		case PP_NODE_LOGOS:
		case PP_NODE_LOGO:
		case PP_NODE_HEADING:
		case PP_NODE_PARAGRAPH:
		case PP_NODE_ARTICLE:
		case PP_NODE_ANNEX:
		case PP_NODE_LIST:
		case PP_NODE_ITEM:
		case PP_NODE_TABLE:
		case PP_NODE_ROW:
		case PP_NODE_CELL:
		case PP_NODE_SIGNATURES:
		case PP_NODE_PARTY:
		case PP_NODE_PAGEBREAK:
		case PP_NODE__COUNT:
			break;
		}
	}
}

static PangoAttrList *
layout_attrs(struct layout_ctx *l, const struct pp_style *st,
	     const struct para *p, size_t from, size_t to)
{
	PangoAttrList *list = pango_attr_list_new();
	PangoFontDescription *fd = pango_font_description_new();
	PangoAttribute *a;
	guint i;

	pango_font_description_set_family(fd,
					  layout_family(l->e, st->families));
	pango_font_description_set_size(fd, PU(st->size));
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD
						       : PANGO_WEIGHT_NORMAL);
	pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC
							: PANGO_STYLE_NORMAL);
	a = pango_attr_font_desc_new(fd);
	pango_attr_list_insert(list, a);
	pango_font_description_free(fd);
	for (i = 0; i < p->runs->len; i++) {
		const struct run *r = &g_array_index(p->runs, struct run, i);
		size_t s = r->start > from ? r->start : from;
		size_t e = r->end < to ? r->end : to;

		if (s >= e)
			continue;
		if (r->bold && !st->bold) {
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = (guint)(s - from);
			a->end_index = (guint)(e - from);
			pango_attr_list_insert(list, a);
		}
		if (r->italic && !st->italic) {
			a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = (guint)(s - from);
			a->end_index = (guint)(e - from);
			pango_attr_list_insert(list, a);
		}
		if (r->link != NULL && strncmp(r->link, "uri=", 4) == 0) {
			a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
			a->start_index = (guint)(s - from);
			a->end_index = (guint)(e - from);
			pango_attr_list_insert(list, a);
		}
	}
	return list;
}

/* The attributes of text from..to of p for a line whose bytes moved:
 * byte k of the paragraph is at map[k - from] in the line. */
static PangoAttrList *
layout_attrs_mapped(struct layout_ctx *l, const struct pp_style *st,
		    const struct para *p, size_t from, size_t to,
		    const size_t *map, size_t len)
{
	PangoAttrList *list = layout_attrs(l, st, p, 0, 0);
	guint i;

	for (i = 0; i < p->runs->len; i++) {
		const struct run *r = &g_array_index(p->runs, struct run, i);
		size_t s = r->start > from ? r->start : from;
		size_t e = r->end < to ? r->end : to;
		PangoAttribute *a;
		guint ms, me;

		if (s >= e)
			continue;
		ms = (guint)map[s - from];
		me = (guint)(map[e - from] < len ? map[e - from] : len);
		if (r->bold && !st->bold) {
			a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
			a->start_index = ms;
			a->end_index = me;
			pango_attr_list_insert(list, a);
		}
		if (r->italic && !st->italic) {
			a = pango_attr_style_new(PANGO_STYLE_ITALIC);
			a->start_index = ms;
			a->end_index = me;
			pango_attr_list_insert(list, a);
		}
		if (r->link != NULL && strncmp(r->link, "uri=", 4) == 0) {
			a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
			a->start_index = ms;
			a->end_index = me;
			pango_attr_list_insert(list, a);
		}
	}
	return list;
}

static PangoLayout *
layout_pango(struct layout_ctx *l, const struct pp_style *st, const char *text,
	     int len, PangoAttrList *attrs, double width)
{
	PangoLayout *pl = pango_layout_new(l->e->ctx);

	/* French documents: left to right whatever the first letter of a
	 * paragraph (a quotation in Hebrew would turn it around). */
	pango_layout_set_auto_dir(pl, FALSE);
	pango_layout_set_width(pl, PU(width));
	/* Words longer than a column (an e-mail address in a table cell)
	 * break between characters rather than overflow. */
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(pl, text, len);
	pango_layout_set_attributes(pl, attrs);
	pango_layout_set_alignment(
	    pl, st->align == PP_ALIGN_CENTER  ? PANGO_ALIGN_CENTER
		: st->align == PP_ALIGN_RIGHT ? PANGO_ALIGN_RIGHT
					      : PANGO_ALIGN_LEFT);
	return pl;
}

/* The text from..to of p as a line shows it: without its soft hyphens
 * (chosen breaks are over; each one left would become an empty marked span
 * in the PDF and cut the tagged text) but with a hyphen for the break
 * chosen at its end, without trailing spaces.  map[k - from]: where byte k
 * of the paragraph lands in the line (to - from + 1 entries, caller
 * frees).  Sets *separator when the line ends with a line separator. */
static size_t *
layout_line_text(const struct para *p, size_t from, size_t to,
		 struct pp_buf *line, int *separator)
{
	size_t *map = pp_xcalloc(to - from + 1, sizeof(*map));
	size_t k;

	for (k = from; k < to; k++) {
		map[k - from] = line->len;
		if ((unsigned char)p->text.data[k] == 0xc2 && k + 1 < to &&
		    (unsigned char)p->text.data[k + 1] == 0xad) {
			map[k + 1 - from] = line->len;
			k++;
			if (k + 1 == to)
				pp_buf_addc(line, '-'); /* the break chosen */
			continue;
		}
		pp_buf_addc(line, p->text.data[k]);
	}
	map[to - from] = line->len;
	/* Trailing spaces and line separators do not print. */
	while (line->len > 0 && (line->data[line->len - 1] == ' ' ||
				 line->data[line->len - 1] == '\n'))
		line->data[--line->len] = '\0';
	*separator = 0;
	if (line->len >= strlen(LAYOUT_LINE_SEPARATOR) &&
	    strcmp(line->data + line->len - strlen(LAYOUT_LINE_SEPARATOR),
		   LAYOUT_LINE_SEPARATOR) == 0) {
		line->len -= strlen(LAYOUT_LINE_SEPARATOR);
		line->data[line->len] = '\0';
		*separator = 1;
	}
	return map;
}

/* Whether a run of p with an underline (a web link) crosses from..to. */
static int
layout_line_underlined(const struct para *p, size_t from, size_t to)
{
	guint i;

	for (i = 0; i < p->runs->len; i++) {
		const struct run *r = &g_array_index(p->runs, struct run, i);

		if (r->link != NULL && strncmp(r->link, "uri=", 4) == 0 &&
		    r->start < to && r->end > from)
			return 1;
	}
	return 0;
}

/* The links of p in from..to as boxes on the line of item it, from pl,
 * whose byte index of paragraph byte k is index(k). */
static void
layout_line_links(const struct para *p, size_t from, size_t to, PangoLayout *pl,
		  const size_t *map, size_t len, double x, struct pp_item *it)
{
	guint i;

	for (i = 0; i < p->runs->len && it->nlinks < PP_ITEM_LINKS; i++) {
		const struct run *r = &g_array_index(p->runs, struct run, i);
		size_t s = r->start > from ? r->start : from;
		size_t e = r->end < to ? r->end : to;
		PangoRectangle a, b;
		size_t ms, me;

		if (r->link == NULL || s >= e)
			continue;
		if (map != NULL) {
			ms = map[s - from];
			me = map[e - from] < len ? map[e - from] : len;
		} else {
			ms = s;
			me = e < from + len ? e : from + len;
		}
		if (ms >= me)
			continue;
		pango_layout_index_to_pos(pl, (int)ms, &a);
		pango_layout_index_to_pos(pl, (int)me - 1, &b);
		it->links[it->nlinks].attrs = r->link;
		it->links[it->nlinks].x = x + PT(a.x);
		it->links[it->nlinks].w = PT(b.x + b.width - a.x);
		it->nlinks++;
	}
}

/* A layout of one line (text, len bytes, attrs), justified when asked:
 * from the engine's cache, or set now and kept (running headers, footers
 * and list labels repeat from page to page).  A new reference. */
static PangoLayout *
layout_line_layout(struct layout_ctx *l, const struct pp_style *st,
		   const char *text, size_t len, PangoAttrList *attrs,
		   double width, int justify)
{
	char *list = pango_attr_list_to_string(attrs);
	char *key =
	    g_strdup_printf("line|%s|%d|%d|%d|%.*s", list, (int)st->align,
			    PU(width), justify, (int)len, text);
	PangoLayout *pl = layout_cache_find(l->e, key);

	g_free(list);
	if (pl != NULL) {
		g_free(key);
		return pl;
	}
	pl = layout_pango(l, st, text, (int)len, attrs, width);
	if (justify) {
		pango_layout_set_justify(pl, TRUE);
		pango_layout_set_justify_last_line(pl, TRUE);
	}
	return layout_cache_keep(l->e, key, pl);
}

/* One line item: text from..to of p set in a layout of its own, justified
 * when asked. */
static void
layout_line_item(struct layout_ctx *l, const struct pp_style *st,
		 const struct para *p, size_t from, size_t to, int justify,
		 double x, double width, double y, struct pp_item *it)
{
	struct pp_buf line;
	PangoAttrList *attrs;
	PangoRectangle logical;
	size_t len, *map;
	int separator;

	pp_buf_init(&line);
	map = layout_line_text(p, from, to, &line, &separator);
	if (separator)
		justify = 0;
	len = line.len;
	attrs = layout_attrs_mapped(l, st, p, from, to, map, len);
	memset(it, 0, sizeof(*it));
	it->kind = PP_ITEM_TEXT;
	it->layout =
	    layout_line_layout(l, st, line.data, len, attrs, width, justify);
	pango_attr_list_unref(attrs);
	pango_layout_get_extents(it->layout, NULL, &logical);
	it->x = x;
	it->y = y;
	it->w = width;
	it->h = st->size * st->line_height;
	it->layout_dy = (it->h - PT(logical.height)) / 2;
	it->baseline =
	    it->layout_dy + PT(pango_layout_get_baseline(it->layout));
	it->color = st->color;
	it->style = st->name;
	it->text = layout_strdup(l, pp_buf_str(&line));
	layout_line_links(p, from, to, it->layout, map, len, x, it);
	free(map);
	pp_buf_fini(&line);
}

/*
 * The line iter is at, drawn straight from the paragraph's layout pl (set
 * and justified once): no second shaping.  Returns -1, with nothing done,
 * for the lines Pango 1.50 sets wrongly in a paragraph, which get a layout
 * of their own: a line ending with a line separator (Pango would justify
 * it), one wider than the column (a justified line ending at a soft hyphen
 * can overflow) or, justified, short of it, a word broken between two
 * characters, and an underlined one (the glyphs are drawn without
 * Pango's renderer, which draws underlines).
 */
static int
layout_line_shared(struct layout_ctx *l, const struct pp_style *st,
		   const struct para *p, PangoLayout *pl, PangoLayoutIter *iter,
		   int index, int justified, double x, double width, double y,
		   struct pp_item *it)
{
	PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(iter);
	size_t from = (size_t)ln->start_index;
	size_t to = from + (size_t)ln->length;
	PangoRectangle logical;
	struct pp_buf line;
	size_t *map;
	int separator;
	GSList *r;
	double right;

	pango_layout_iter_get_line_extents(iter, NULL, &logical);
	right = PT(logical.x + logical.width);
	if (right > width + LAYOUT_LINE_TOLERANCE_PT ||
	    (justified && right < width - LAYOUT_LINE_TOLERANCE_PT) ||
	    layout_line_underlined(p, from, to))
		return -1;
	/* A word broken between two characters (an e-mail address in a
	 * narrow cell): Pango 1.50 draws a hyphen after its first part,
	 * which a line of its own does not. */
	for (r = ln->runs; r != NULL; r = r->next) {
		const PangoGlyphItem *run = r->data;

		if ((run->item->analysis.flags &
		     PANGO_ANALYSIS_FLAG_NEED_HYPHEN) &&
		    !(to >= from + 2 &&
		      (unsigned char)p->text.data[to - 2] == 0xc2 &&
		      (unsigned char)p->text.data[to - 1] == 0xad))
			return -1;
	}
	pp_buf_init(&line);
	map = layout_line_text(p, from, to, &line, &separator);
	free(map);
	if (separator && st->align == PP_ALIGN_JUSTIFY) {
		pp_buf_fini(&line);
		return -1;
	}
	memset(it, 0, sizeof(*it));
	it->kind = PP_ITEM_TEXT;
	it->layout = g_object_ref(pl);
	it->line = index + 1;
	it->x = x;
	it->y = y;
	it->w = width;
	it->h = st->size * st->line_height;
	it->layout_dy = (it->h - PT(logical.height)) / 2;
	it->baseline = it->layout_dy +
		       PT(pango_layout_iter_get_baseline(iter) - logical.y);
	it->line_x = PT(logical.x);
	it->color = st->color;
	it->style = st->name;
	it->text = layout_strdup(l, pp_buf_str(&line));
	layout_line_links(p, from, to, pl, NULL, to - from, x, it);
	pp_buf_fini(&line);
	return 0;
}

/* What a paragraph's layout depends on: the style's font and alignment,
 * the width, the runs and the text. */
static char *
layout_para_key(const struct pp_style *st, const struct para *p, double width)
{
	GString *k = g_string_sized_new(p->text.len + 64);
	guint i;

	g_string_append_printf(k, "%s|%d|%d|%d|%d|%d|", st->families,
			       PU(st->size), st->bold, st->italic,
			       (int)st->align, PU(width));
	for (i = 0; i < p->runs->len; i++) {
		const struct run *r = &g_array_index(p->runs, struct run, i);

		if (r->bold || r->italic ||
		    (r->link != NULL && strncmp(r->link, "uri=", 4) == 0))
			g_string_append_printf(
			    k, "%zu-%zu:%d%d%d,", r->start, r->end, r->bold,
			    r->italic,
			    r->link != NULL &&
				strncmp(r->link, "uri=", 4) == 0);
	}
	g_string_append_c(k, '|');
	g_string_append_len(k, p->text.data, (gssize)p->text.len);
	return g_string_free(k, FALSE);
}

/* The layout of p in st at width: from the engine's cache, or set now
 * (hyphenated, justified when the style is) and kept.  A new reference. */
static PangoLayout *
layout_para_layout(struct layout_ctx *l, const struct pp_style *st,
		   const struct para *p, double width)
{
	char *key = layout_para_key(st, p, width);
	PangoLayout *pl = layout_cache_find(l->e, key);
	PangoAttrList *attrs;

	if (pl != NULL) {
		g_free(key);
		return pl;
	}
	attrs = layout_attrs(l, st, p, 0, p->text.len);
	pl = layout_pango(l, st, p->text.data, (int)p->text.len, attrs, width);
	pango_attr_list_unref(attrs);
	if (st->align == PP_ALIGN_JUSTIFY)
		pango_layout_set_justify(pl, TRUE);
	return layout_cache_keep(l->e, key, pl);
}

static gboolean
layout_cached_stale(gpointer key, gpointer value, gpointer data)
{
	const struct layout_cached *c = value;
	unsigned run = *(const unsigned *)data;

	(void)key;
	return run - c->run >= LAYOUT_CACHE_RUNS;
}

/*
 * Sets the inlines of n in style st as lines of width at x; appends one
 * atom per line (or one atom holding them all when whole) with the tag
 * around them.  label: a list bullet drawn left of the first line.
 * Returns the number of lines.
 */
static int
layout_paragraph(struct layout_ctx *l, const struct pp_node *n,
		 const struct pp_style *st, double x, double width,
		 const char *tag, const char *label, struct atom *whole,
		 double *whole_y)
{
	struct para p;
	PangoLayout *measure;
	PangoLayoutIter *iter;
	int count, i;
	struct atom *a = NULL;

	pp_buf_init(&p.text);
	p.runs = g_array_new(FALSE, TRUE, sizeof(struct run));
	layout_collect(l, &p, n, st, 0, 0, NULL);
	if (p.text.len == 0) {
		pp_buf_fini(&p.text);
		g_array_free(p.runs, TRUE);
		return 0;
	}
	measure = layout_para_layout(l, st, &p, width);
	count = pango_layout_get_line_count(measure);
	iter = pango_layout_get_iter(measure);
	for (i = 0; i < count; i++, pango_layout_iter_next_line(iter)) {
		const PangoLayoutLine *ln =
		    pango_layout_iter_get_line_readonly(iter);
		size_t from = (size_t)ln->start_index;
		size_t to = from + (size_t)ln->length;
		int last = i == count - 1;
		struct pp_item item;
		double y;

		if (whole != NULL) {
			a = whole;
			y = *whole_y;
		} else {
			a = layout_atom_new(l);
			y = 0;
		}
		if (i == 0) {
			if (whole == NULL)
				a->space_before = st->space_before;
			if (tag != NULL)
				layout_tag(a, PP_ITEM_TAG_BEGIN, tag, NULL);
		}
		if (layout_line_shared(l, st, &p, measure, iter, i,
				       st->align == PP_ALIGN_JUSTIFY && !last,
				       x, width, y, &item) != 0)
			layout_line_item(l, st, &p, from, to,
					 st->align == PP_ALIGN_JUSTIFY && !last,
					 x, width, y, &item);
		if (i == 0 && label != NULL) {
			struct pp_item lab;
			struct para lp;
			struct run r = {0, strlen(label), 0, 0, NULL};

			pp_buf_init(&lp.text);
			pp_buf_adds(&lp.text, label);
			lp.runs = g_array_new(FALSE, TRUE, sizeof(struct run));
			g_array_append_val(lp.runs, r);
			layout_line_item(l, st, &lp, 0, lp.text.len, 0,
					 x - st->size * LAYOUT_LABEL_WIDTH_EM,
					 st->size * LAYOUT_LABEL_WIDTH_EM, y,
					 &lab);
			g_array_append_val(a->items, lab);
			pp_buf_fini(&lp.text);
			g_array_free(lp.runs, TRUE);
		}
		g_array_append_val(a->items, item);
		if (whole != NULL) {
			*whole_y += item.h;
		} else {
			a->h = item.h;
			/* Orphans and widows: never one line alone. */
			a->keep_with_next = (i == 0 && count > 1) ||
					    (i == count - 2 && count > 1) ||
					    count <= 3;
		}
		if (last) {
			if (tag != NULL)
				layout_tag(a, PP_ITEM_TAG_END, tag, NULL);
			if (whole == NULL) {
				a->space_after = st->space_after;
				a->keep_with_next = st->keep_with_next;
			}
		}
	}
	pango_layout_iter_free(iter);
	g_object_unref(measure);
	pp_buf_fini(&p.text);
	g_array_free(p.runs, TRUE);
	return count;
}

/* A paragraph made of one plain text (titles built by the layout). */
static void
layout_text_block(struct layout_ctx *l, const char *text,
		  const struct pp_style *st, const char *tag, const char *dest,
		  const char *outline)
{
	struct pp_doc *tmp = pp_doc_new();
	struct pp_node *p = pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);
	struct pp_node *t = pp_doc_node_new(tmp, PP_NODE_TEXT, NULL);
	size_t before = l->atoms->len;

	t->text = text;
	pp_doc_append(p, t);
	layout_paragraph(l, p, st, l->x0, l->width, tag, NULL, NULL, NULL);
	if (l->atoms->len > before) {
		struct atom *a = l->atoms->pdata[before];

		if (dest != NULL) {
			struct pp_item d;

			memset(&d, 0, sizeof(d));
			d.kind = PP_ITEM_DEST;
			d.x = l->x0;
			d.name = layout_strdup(l, dest);
			g_array_prepend_val(a->items, d);
			a->dest = d.name;
		}
		a->outline = layout_strdup(l, outline);
	}
	pp_doc_free(tmp);
}

/* --- Blocks ------------------------------------------------------------- */

static void layout_blocks(struct layout_ctx *l, const struct pp_node *first,
			  double x, double width);

static const struct pp_style *
layout_style(struct layout_ctx *l, const struct pp_node *n, const char *def)
{
	return pp_charte_style(l->c, n->style != NULL ? n->style : def);
}

/* Height of the blocks of a cell or a party, laid into a rigid atom. */
static double
layout_cell(struct layout_ctx *l, const struct pp_node *cell, const char *style,
	    double x, double width, struct atom *row, double y, const char *tag)
{
	const struct pp_node *b;
	double y0 = y;

	for (b = cell->first; b != NULL; b = b->next) {
		const struct pp_style *st = layout_style(l, b, style);

		if (b->kind == PP_NODE_PARAGRAPH) {
			if (b != cell->first)
				y += st->space_before;
			layout_paragraph(l, b, st, x, width, tag, NULL, row,
					 &y);
		} else if (b->kind == PP_NODE_LIST) {
			const struct pp_node *item;

			for (item = b->first; item != NULL; item = item->next)
				if (item->first != NULL &&
				    item->first->kind == PP_NODE_PARAGRAPH)
					layout_paragraph(l, item->first, st,
							 x + st->size,
							 width - st->size, tag,
							 PP_LIST_DASH, row, &y);
		}
	}
	return y - y0;
}

static void
layout_table(struct layout_ctx *l, const struct pp_node *table, double x,
	     double width)
{
	const struct pp_style *head =
	    pp_charte_style(l->c, PP_STYLE_TABLE_HEADER);
	const struct pp_style *body =
	    pp_charte_style(l->c, PP_STYLE_TABLE_CELL);
	const struct pp_node *row;
	const double pad = PP_TABLE_CELL_PADDING_PT;
	size_t ncols = 0, i;
	double *colw;
	int id = ++l->tables, first = 1;
	struct atom *last_row = NULL;

	for (row = table->first; row != NULL; row = row->next) {
		size_t n = 0;
		const struct pp_node *c;

		for (c = row->first; c != NULL; c = c->next)
			n++;
		if (n > ncols)
			ncols = n;
	}
	if (ncols == 0)
		return;
	colw = pp_xcalloc(ncols, sizeof(*colw));
	for (i = 0; i < ncols; i++) {
		double pct =
		    i < table->ncols ? table->widths[i] : 100.0 / (double)ncols;

		colw[i] = width * pct / 100.0;
	}
	for (row = table->first; row != NULL; row = row->next) {
		struct atom *a = layout_atom_new(l);
		const struct pp_node *c;
		double cx = x, h = 0;
		guint start;

		if (first) {
			layout_tag(a, PP_ITEM_TAG_BEGIN, "Table", NULL);
			a->space_before =
			    body->space_before + LAYOUT_TABLE_SPACE_PT;
		}
		first = 0;
		layout_tag(a, PP_ITEM_TAG_BEGIN, "TR", NULL);
		start = a->items->len;
		for (c = row->first, i = 0; c != NULL; c = c->next, i++) {
			double ch =
			    layout_cell(l, c,
					row->number ? PP_STYLE_TABLE_HEADER
						    : PP_STYLE_TABLE_CELL,
					cx + pad, colw[i] - 2 * pad, a, pad,
					row->number ? "TH" : "TD");

			if (ch + 2 * pad > h)
				h = ch + 2 * pad;
			cx += colw[i];
		}
		/* Backgrounds and borders, under the text. */
		for (cx = x, i = 0; i < ncols; i++) {
			struct pp_item r;
			const struct pp_style *st = row->number ? head : body;

			memset(&r, 0, sizeof(r));
			if (st->has_background) {
				r.kind = PP_ITEM_RECT;
				r.x = cx;
				r.y = 0;
				r.w = colw[i];
				r.h = h;
				r.color = st->background;
				g_array_insert_val(a->items, start, r);
				start++;
			}
			r.kind = PP_ITEM_FRAME;
			r.x = cx;
			r.y = 0;
			r.w = colw[i];
			r.h = h;
			r.color = pp_table_border_color(l->c);
			g_array_append_val(a->items, r);
			cx += colw[i];
		}
		layout_tag(a, PP_ITEM_TAG_END, "TR", NULL);
		a->h = h;
		a->table = id;
		a->header_row = row->number;
		/* A header row stays with the first body row. */
		a->keep_with_next = row->number;
		last_row = a;
	}
	if (last_row != NULL) {
		layout_tag(last_row, PP_ITEM_TAG_END, "Table", NULL);
		last_row->space_after =
		    body->space_after + LAYOUT_TABLE_SPACE_PT;
	}
	free(colw);
}

static void
layout_signatures(struct layout_ctx *l, const struct pp_node *sig, double x,
		  double width)
{
	const struct pp_style *st = pp_charte_style(l->c, PP_STYLE_SIGNATURE);
	const struct pp_node *party;
	struct atom *a;
	size_t n = 0, i;
	double colw, h = 0;

	for (party = sig->first; party != NULL; party = party->next)
		n++;
	if (n == 0)
		return;
	/* The paragraph before ("Fait à ...") stays with the signatures,
	 * and so does the end of the text before it: a signature page that
	 * holds no clause could be swapped for another. */
	if (l->atoms->len > 0)
		((struct atom *)l->atoms->pdata[l->atoms->len - 1])
		    ->keep_with_next = 1;
	if (l->atoms->len > 1)
		((struct atom *)l->atoms->pdata[l->atoms->len - 2])
		    ->keep_with_next = 1;
	a = layout_atom_new(l);
	a->space_before = LAYOUT_SIGNATURES_SPACE_BEFORE_PT;
	colw = width / (double)n;
	for (party = sig->first, i = 0; party != NULL;
	     party = party->next, i++) {
		double y = 0, px = x + colw * (double)i +
				   (i > 0 ? LAYOUT_SIGNATURES_GUTTER_PT : 0);
		double pw = colw - LAYOUT_SIGNATURES_GUTTER_PT;
		struct pp_doc *tmp = pp_doc_new();
		struct pp_node *tp =
		    pp_doc_node_new(tmp, PP_NODE_PARAGRAPH, NULL);
		struct pp_node *tt = pp_doc_node_new(tmp, PP_NODE_STRONG, NULL);
		struct pp_node *tx = pp_doc_node_new(tmp, PP_NODE_TEXT, NULL);

		tx->text = party->title != NULL ? party->title : "";
		pp_doc_append(tt, tx);
		pp_doc_append(tp, tt);
		layout_paragraph(l, tp, st, px, pw, "P", NULL, a, &y);
		pp_doc_free(tmp);
		y += LAYOUT_SIGNATURES_NAME_GAP_PT;
		y += layout_cell(l, party, PP_STYLE_SIGNATURE, px, pw, a, y,
				 "P");
		y += LAYOUT_SIGNATURES_ROOM_PT;
		if (y > h)
			h = y;
	}
	a->h = h;
	a->space_after = LAYOUT_SIGNATURES_SPACE_AFTER_PT;
}

static void
layout_list(struct layout_ctx *l, const struct pp_node *list, double x,
	    double width)
{
	const struct pp_node *item;
	int n = 0;
	const struct pp_style *st = layout_style(l, list, PP_STYLE_LIST);
	double indent = st->size * LAYOUT_LIST_INDENT_EM;
	size_t first_atom = l->atoms->len;

	for (item = list->first; item != NULL; item = item->next) {
		const struct pp_node *b;
		char label[16];

		size_t item_start = l->atoms->len;

		n++;
		if (list->number)
			snprintf(label, sizeof(label), "%d.", n);
		else
			snprintf(label, sizeof(label), PP_LIST_DASH);
		for (b = item->first; b != NULL; b = b->next) {
			if (b->kind == PP_NODE_PARAGRAPH) {
				layout_paragraph(
				    l, b, layout_style(l, b, PP_STYLE_LIST),
				    x + indent, width - indent, "LBody",
				    b == item->first ? label : NULL, NULL,
				    NULL);
			} else if (b->kind == PP_NODE_LIST) {
				layout_list(l, b, x + indent, width - indent);
			}
		}
		/* L > LI > LBody, as screen readers expect. */
		if (l->atoms->len > item_start) {
			struct atom *fa = l->atoms->pdata[item_start];
			struct atom *la = l->atoms->pdata[l->atoms->len - 1];
			struct pp_item t;

			memset(&t, 0, sizeof(t));
			t.kind = PP_ITEM_TAG_BEGIN;
			t.tag = "LI";
			g_array_prepend_val(fa->items, t);
			layout_tag(la, PP_ITEM_TAG_END, "LI", NULL);
		}
	}
	if (l->atoms->len > first_atom) {
		struct atom *f = l->atoms->pdata[first_atom];
		struct atom *e = l->atoms->pdata[l->atoms->len - 1];
		struct pp_item t;

		memset(&t, 0, sizeof(t));
		t.kind = PP_ITEM_TAG_BEGIN;
		t.tag = "L";
		g_array_prepend_val(f->items, t);
		layout_tag(e, PP_ITEM_TAG_END, "L", NULL);
		e->space_after = st->space_after;
	}
}

static void
layout_blocks(struct layout_ctx *l, const struct pp_node *first, double x,
	      double width)
{
	const struct pp_node *n;
	char title[1024];

	for (n = first; n != NULL; n = n->next) {
		switch (n->kind) {
		case PP_NODE_PARAGRAPH: {
			size_t before = l->atoms->len;

			/* The document's title is its one H1; sections,
			 * articles and annexes are H2 under it. */
			layout_paragraph(
			    l, n, layout_style(l, n, PP_STYLE_BODY), x, width,
			    n->style != NULL &&
				    strcmp(n->style, PP_STYLE_TITLE) == 0
				? "H1"
				: "P",
			    NULL, NULL, NULL);
			/* A paragraph that introduces a list or a table
			 * ("Messages secondaires :") never ends a page. */
			if (l->atoms->len > before && n->next != NULL &&
			    (n->next->kind == PP_NODE_LIST ||
			     n->next->kind == PP_NODE_TABLE))
				((struct atom *)
				     l->atoms->pdata[l->atoms->len - 1])
				    ->keep_with_next = 1;
			break;
		}
		case PP_NODE_HEADING:
			layout_paragraph(
			    l, n, layout_style(l, n, PP_STYLE_SUBHEADING), x,
			    width, n->number == 1 ? "H2" : "H3", NULL, NULL,
			    NULL);
			break;
		case PP_NODE_ARTICLE: {
			/* Every bookmark needs a destination: articles
			 * without an id get one from their number. */
			char *dest =
			    n->id != NULL
				? g_strdup_printf("article-%s", n->id)
				: g_strdup_printf("article-%d", n->number);

			snprintf(title, sizeof(title), PP_ARTICLE_HEADING,
				 n->number, n->title ? n->title : "");
			layout_text_block(
			    l, title,
			    layout_style(l, n, PP_STYLE_ARTICLE_TITLE), "H2",
			    dest, title);
			g_free(dest);
			layout_blocks(l, n->first, x, width);
			break;
		}
		case PP_NODE_ANNEX: {
			char *dest =
			    n->id != NULL
				? g_strdup_printf("article-%s", n->id)
				: g_strdup_printf("annexe-%d", n->number);
			struct atom *brk;
			size_t at = l->atoms->len;

			snprintf(title, sizeof(title), PP_ANNEX_HEADING,
				 n->number, n->title ? n->title : "");
			layout_text_block(
			    l, title, layout_style(l, n, PP_STYLE_ANNEX_TITLE),
			    "H2", dest, title);
			g_free(dest);
			if (l->atoms->len > at) {
				brk = l->atoms->pdata[at];
				brk->page_break = 1;
			}
			layout_blocks(l, n->first, x, width);
			break;
		}
		case PP_NODE_LIST:
			layout_list(l, n, x, width);
			break;
		case PP_NODE_TABLE:
			layout_table(l, n, x, width);
			break;
		case PP_NODE_SIGNATURES:
			layout_signatures(l, n, x, width);
			break;
		case PP_NODE_PAGEBREAK: {
			struct atom *a = layout_atom_new(l);

			a->page_break = 1;
			break;
		}
		case PP_NODE_MARQUE:
			l->marque = n;
			break;
		case PP_NODE_LOGOS:
			l->logos = n;
			break;
		case PP_NODE_DOCUMENT:
		case PP_NODE_LOGO:
		case PP_NODE_ITEM:
		case PP_NODE_ROW:
		case PP_NODE_CELL:
		case PP_NODE_PARTY:
		case PP_NODE_TEXT:
		case PP_NODE_STRONG:
		case PP_NODE_EMPH:
		case PP_NODE_LINK:
		case PP_NODE_LINEBREAK:
		case PP_NODE_REF:
		case PP_NODE__COUNT:
			break;
		}
	}
}

/* --- Pagination ---------------------------------------------------------- */

static struct pp_page *
layout_page_new(struct pp_pages *p)
{
	p->pages = pp_xreallocarray(p->pages, p->n + 1, sizeof(*p->pages));
	memset(&p->pages[p->n], 0, sizeof(p->pages[p->n]));
	return &p->pages[p->n++];
}

static void
layout_page_add(struct pp_page *pg, const struct pp_item *it)
{
	if (pg->n == pg->cap) {
		pg->cap = pg->cap ? pg->cap * 2 : 64;
		pg->items = pp_xreallocarray(pg->items, pg->cap, sizeof(*it));
	}
	pg->items[pg->n++] = *it;
	if (it->layout != NULL)
		g_object_ref(it->layout);
}

static void
layout_place(struct layout_ctx *l, struct pp_page *pg, const struct atom *a,
	     double y, int repeat)
{
	guint i;

	for (i = 0; i < a->items->len; i++) {
		struct pp_item it = g_array_index(a->items, struct pp_item, i);

		/* A header row repeated on the next page is drawn again but
		 * stays out of the structure: the table has one header. */
		if (repeat &&
		    (it.kind == PP_ITEM_TAG_BEGIN ||
		     it.kind == PP_ITEM_TAG_END || it.kind == PP_ITEM_DEST))
			continue;
		it.y += y;
		layout_page_add(pg, &it);
	}
	if (a->outline != NULL && !repeat) {
		struct pp_pages *p = l->pages;

		p->outline = pp_xreallocarray(p->outline, p->noutline + 1,
					      sizeof(*p->outline));
		p->outline[p->noutline].title = pp_xstrdup(a->outline);
		p->outline[p->noutline].dest =
		    pp_xstrdup(a->dest != NULL ? a->dest : "");
		p->outline[p->noutline].page = (int)p->n;
		p->noutline++;
	}
}

static double
layout_body_top(struct layout_ctx *l, size_t page)
{
	const struct pp_charte *c = l->c;
	double top = c->margin_top;

	/* The partner zone stays within the bloc-marque's height. */
	if (page == 0 && (l->marque != NULL || l->logos != NULL) &&
	    c->marque.y + c->marque.height + PP_MARQUE_GAP_PT > top)
		top = c->marque.y + c->marque.height + PP_MARQUE_GAP_PT;
	return top;
}

static void
layout_paginate(struct layout_ctx *l)
{
	const struct pp_charte *c = l->c;
	double bottom = c->page_height - c->margin_bottom;
	struct pp_page *pg = layout_page_new(l->pages);
	double y = layout_body_top(l, 0);
	int empty = 1, cur_table = 0, header_on_page = 0;
	const struct atom *table_header = NULL;
	guint i, k;

	for (i = 0; i < l->atoms->len; i++) {
		struct atom *a = l->atoms->pdata[i];
		double need = 0, sb;

		/* The chain of atoms that must stay on one page. */
		for (k = i; k < l->atoms->len; k++) {
			const struct atom *b = l->atoms->pdata[k];

			need += (k == i && empty ? 0 : b->space_before) + b->h;
			if (!b->keep_with_next || k + 1 >= l->atoms->len ||
			    need > bottom - layout_body_top(l, 1))
				break;
			need += b->space_after;
		}
		if (a->table != cur_table) {
			cur_table = a->table;
			table_header = a->header_row ? a : NULL;
			header_on_page = 1;
		}
		if (!empty && (a->page_break || y + need > bottom)) {
			pg = layout_page_new(l->pages);
			y = layout_body_top(l, l->pages->n - 1);
			empty = 1;
			header_on_page = 0;
		}
		/* A bare forced break leaves the new page empty: a break
		 * before an annex (which breaks too) adds no blank page. */
		if (a->page_break && a->h == 0 && a->items->len == 0)
			continue;
		/* A table going on over a page break repeats its header. */
		if (a->table != 0 && !a->header_row && table_header != NULL &&
		    !header_on_page) {
			layout_place(l, pg, table_header, y, 1);
			y += table_header->h;
			empty = 0;
		}
		if (a->header_row)
			header_on_page = 1;
		sb = empty ? 0 : a->space_before;
		y += sb;
		layout_place(l, pg, a, y, 0);
		y += a->h + a->space_after;
		empty = 0;
		if (a->table != 0)
			header_on_page = 1;
	}
}

/* --- Header, footer, bloc-marque ----------------------------------------- */

static void
layout_simple_text(struct layout_ctx *l, struct pp_page *pg, const char *text,
		   const struct pp_style *st, double x, double y, double width,
		   enum pp_align align, int header)
{
	struct pp_style s = *st;
	struct para p;
	struct run r = {0, strlen(text), 0, 0, NULL};
	struct pp_item it;

	s.align = align;
	pp_buf_init(&p.text);
	pp_buf_adds(&p.text, text);
	p.runs = g_array_new(FALSE, TRUE, sizeof(struct run));
	g_array_append_val(p.runs, r);
	layout_line_item(l, &s, &p, 0, p.text.len, 0, x, width, y, &it);
	it.header = header;
	layout_page_add(pg, &it);
	g_object_unref(it.layout);
	pp_buf_fini(&p.text);
	g_array_free(p.runs, TRUE);
}

/* The bloc-marque on page 1: the official artwork, or a placeholder that
 * nobody can take for the real mark (a two-colour block labelled as such),
 * the title lines in bold capitals and the motto on three lines. */
static void
layout_marque(struct layout_ctx *l, struct pp_page *pg)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *title = pp_charte_style(c, PP_STYLE_MARQUE);
	struct pp_style label = *pp_charte_style(c, PP_STYLE_MARQUE);
	struct pp_style motto = *pp_charte_style(c, PP_STYLE_QUOTE);
	double bh = c->marque.block_height,
	       bw = bh * PP_MARQUE_PLACEHOLDER_RATIO, y;
	struct pp_item m;
	size_t i;

	memset(&m, 0, sizeof(m));
	m.kind = PP_ITEM_MARQUE;
	m.x = c->marque.x;
	m.y = c->marque.y;
	m.h = c->marque.artwork != NULL ? c->marque.height : bh;
	m.w = bw;
	if (c->marque.artwork != NULL) {
		double w = PP_MARQUE_ARTWORK_RATIO, h = 1;

		/* Loaded by layout_images_load(): its proportions. */
		pp_images_load(l->pages->images, c->marque.artwork, NULL, &w,
			       &h, NULL);
		m.w = h > 0 ? m.h * w / h : m.h * PP_MARQUE_ARTWORK_RATIO;
	}
	m.lines = l->marque->lines;
	m.nlines = l->marque->nlines;
	m.name = c->marque.artwork;
	layout_page_add(pg, &m);
	if (c->marque.artwork != NULL)
		return;
	/* Said in words beside the block, at a readable size: this is not
	 * the official mark. */
	label.size = c->rules.min_text_size > LAYOUT_MARQUE_LABEL_MIN_PT
			 ? c->rules.min_text_size
			 : LAYOUT_MARQUE_LABEL_MIN_PT;
	label.line_height = LAYOUT_MARQUE_LABEL_LINE_HEIGHT;
	label.color = pp_charte_style(c, PP_STYLE_NOTICE)->color;
	label.bold = 0;
	label.uppercase = 0;
	layout_simple_text(l, pg, "Bloc-marque provisoire", &label,
			   m.x + bw + LAYOUT_MARQUE_LABEL_GAP_PT,
			   m.y + bh / 2 - label.size * label.line_height,
			   c->marque.height * LAYOUT_MARQUE_TEXT_WIDTH,
			   PP_ALIGN_LEFT, 0);
	layout_simple_text(l, pg, "(placeholder)", &label,
			   m.x + bw + LAYOUT_MARQUE_LABEL_GAP_PT, m.y + bh / 2,
			   c->marque.height * LAYOUT_MARQUE_TEXT_WIDTH,
			   PP_ALIGN_LEFT, 0);
	y = m.y + bh + title->size * LAYOUT_MARQUE_TITLE_GAP_EM;
	for (i = 0; i < m.nlines; i++) {
		layout_simple_text(l, pg, m.lines[i], title, m.x, y,
				   c->marque.height * LAYOUT_MARQUE_TEXT_WIDTH,
				   PP_ALIGN_LEFT, 0);
		y += title->size * title->line_height;
	}
	motto.size = title->size * PP_MOTTO_SIZE_RATIO;
	motto.line_height = PP_MOTTO_LINE_HEIGHT;
	motto.italic = 1;
	y += title->size * LAYOUT_MARQUE_MOTTO_GAP_EM;
	for (i = 0; i < c->marque.nmotto; i++) {
		layout_simple_text(l, pg, c->marque.motto[i], &motto, m.x, y,
				   c->marque.height * LAYOUT_MARQUE_TEXT_WIDTH,
				   PP_ALIGN_LEFT, 0);
		y += motto.size * motto.line_height;
	}
}

/* --- Partner zone (logos) ------------------------------------------------ */

/* A logo's file: its href as the form wrote it, relative to the form's
 * folder (doc->base_dir). */
static const char *
layout_logo_path(struct layout_ctx *l, const struct pp_node *logo)
{
	const char *href = logo->href != NULL ? logo->href : "";
	const char *s;
	char *path;

	if (g_path_is_absolute(href) || l->doc->base_dir == NULL ||
	    strcmp(l->doc->base_dir, ".") == 0)
		return layout_strdup(l, href);
	path = g_build_filename(l->doc->base_dir, href, NULL);
	s = layout_strdup(l, path);
	g_free(path);
	return s;
}

/* Loads every logo once, before any page is made: one that cannot be read
 * (or decoded) stops the layout, with err naming the file. */
static int
layout_images_load(struct layout_ctx *l)
{
	const char *artwork = l->c->marque.artwork;
	const struct pp_node *n;

	if (l->pages->images == NULL)
		l->pages->images = pp_images_new();
	/* The official artwork of the bloc-marque (SVG, PNG or JPEG), then
	 * the partners' logos. */
	if (artwork != NULL && pp_images_load(l->pages->images, artwork, NULL,
					      NULL, NULL, l->err) != 0)
		return -1;
	for (n = l->logos != NULL ? l->logos->first : NULL; n != NULL;
	     n = n->next)
		if (n->kind == PP_NODE_LOGO &&
		    pp_images_load(l->pages->images, layout_logo_path(l, n),
				   NULL, NULL, NULL, l->err) != 0)
			return -1;
	return 0;
}

static void
layout_tag_item(struct pp_page *pg, enum pp_item_kind kind, const char *tag)
{
	struct pp_item it;

	memset(&it, 0, sizeof(it));
	it.kind = kind;
	it.tag = tag;
	layout_page_add(pg, &it);
}

/* The right edge of the bloc-marque as drawn on pg (its block, then its
 * title and motto lines, which follow it), or -1 without one. */
static double
layout_marque_right(const struct pp_page *pg)
{
	double right = -1;
	size_t k;

	for (k = 0; k < pg->n; k++)
		if (pg->items[k].kind == PP_ITEM_MARQUE)
			break;
	if (k == pg->n)
		return -1;
	right = pg->items[k].x + pg->items[k].w;
	for (k++; k < pg->n && pg->items[k].kind == PP_ITEM_TEXT; k++) {
		const struct pp_item *it = &pg->items[k];
		PangoRectangle logical;

		pango_layout_get_extents(it->layout, NULL, &logical);
		if (it->x + PT(logical.x + logical.width) > right)
			right = it->x + PT(logical.x + logical.width);
	}
	return right;
}

/*
 * The partner zone on page 1, right of the bloc-marque (after its clear
 * space, the Marianne block's height) and top-aligned with it, flush with
 * the right margin: the label, then the logos side by side, all as high as
 * the charter's partners.max_logo_height allows without the zone growing
 * taller than the bloc-marque, aspect ratios kept, narrowed together when
 * they would not fit the width.  Its items go first on the page: read
 * first, and never inside a paragraph that runs on to page 2.
 */
static void
layout_logos(struct layout_ctx *l, struct pp_page *pg)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *st = pp_charte_style(c, PP_STYLE_PARTNERS_LABEL);
	const char *label = l->logos->title != NULL && l->logos->title[0]
				? l->logos->title
				: c->partners.label;
	const double gap = c->marque.block_height, sep = pp_logo_separation(c);
	double right = l->marque != NULL ? layout_marque_right(pg) : -1;
	double x_min = right >= 0 ? right + gap : c->marque.x;
	double x_max = c->page_width - c->margin_right;
	double label_h = 0, label_w = 0, h, sum = 0, total, zone_w, x, y;
	struct pp_page front;
	const struct pp_node *n;
	size_t count = 0, label_at = 0;

	memset(&front, 0, sizeof(front));
	if (label != NULL && label[0] != '\0')
		label_h = st->size * st->line_height + st->space_after;
	h = c->partners.max_logo_height;
	if (h > c->marque.height - label_h)
		h = c->marque.height - label_h;
	for (n = l->logos->first; n != NULL; n = n->next) {
		double w0, h0;

		if (n->kind != PP_NODE_LOGO ||
		    pp_images_load(l->pages->images, layout_logo_path(l, n),
				   NULL, &w0, &h0, NULL) != 0)
			continue;
		sum += h * w0 / h0;
		count++;
	}
	if (count == 0 || h <= 0)
		return;
	total = sum + sep * (double)(count - 1);
	if (total > x_max - x_min) {
		double room = x_max - x_min - sep * (double)(count - 1);
		double scale = room / sum;

		/* A charter with no room. */
		if (room < LAYOUT_LOGO_MIN_WIDTH_PT * (double)count)
			scale = LAYOUT_LOGO_MIN_WIDTH_PT * (double)count / sum;
		h *= scale;
		sum *= scale;
		total = sum + sep * (double)(count - 1);
	}
	zone_w = total;
	if (label_h > 0) {
		PangoRectangle logical;

		layout_tag_item(&front, PP_ITEM_TAG_BEGIN, "P");
		label_at = front.n;
		layout_simple_text(l, &front, label, st, x_min, c->marque.y,
				   x_max - x_min, PP_ALIGN_LEFT, 0);
		layout_tag_item(&front, PP_ITEM_TAG_END, "P");
		pango_layout_get_extents(front.items[label_at].layout, NULL,
					 &logical);
		label_w = PT(logical.x + logical.width);
		if (label_w > zone_w)
			zone_w = label_w;
	}
	x = x_max - zone_w;
	if (x < x_min)
		x = x_min;
	if (label_h > 0) {
		front.items[label_at].x = x;
		front.items[label_at].w = zone_w;
	}
	y = c->marque.y + label_h;
	for (n = l->logos->first; n != NULL; n = n->next) {
		struct pp_item it;
		double w0, h0;

		memset(&it, 0, sizeof(it));
		it.name = layout_logo_path(l, n);
		if (n->kind != PP_NODE_LOGO ||
		    pp_images_load(l->pages->images, it.name, NULL, &w0, &h0,
				   NULL) != 0)
			continue;
		it.kind = PP_ITEM_IMAGE;
		it.text = layout_strdup(l, n->title);
		it.x = x;
		it.y = y;
		it.h = h;
		it.w = h * w0 / h0;
		layout_page_add(&front, &it);
		x += it.w + sep;
	}
	/* In front of the page's items. */
	pg->items =
	    pp_xreallocarray(pg->items, pg->n + front.n, sizeof(*pg->items));
	memmove(pg->items + front.n, pg->items, pg->n * sizeof(*pg->items));
	memcpy(pg->items, front.items, front.n * sizeof(*front.items));
	pg->n += front.n;
	pg->cap = pg->n;
	free(front.items);
}

static void
layout_furniture(struct layout_ctx *l)
{
	const struct pp_charte *c = l->c;
	const struct pp_style *foot = pp_charte_style(c, PP_STYLE_FOOTER);
	const struct pp_style *head = pp_charte_style(c, PP_STYLE_HEADER);
	double x = c->margin_left;
	double w = c->page_width - c->margin_left - c->margin_right;
	size_t i;

	for (i = 0; i < l->pages->n; i++) {
		struct pp_page *pg = &l->pages->pages[i];
		double fy =
		    c->page_height - c->margin_bottom + PP_FOOTER_GAP_PT;
		GString *num = g_string_new(c->footer.pagination);
		char *pageno = g_strdup_printf("%zu", i + 1);
		char *pages = g_strdup_printf("%zu", l->pages->n);

		g_string_replace(num, PP_FIELD_PAGE, pageno, 0);
		g_string_replace(num, PP_FIELD_PAGES, pages, 0);
		g_free(pageno);
		g_free(pages);
		layout_simple_text(l, pg, num->str, foot, x, fy, w,
				   PP_ALIGN_RIGHT, 1);
		g_string_free(num, TRUE);
		if (l->reference != NULL)
			layout_simple_text(l, pg, l->reference, foot, x, fy,
					   w / 2, PP_ALIGN_LEFT, 1);
		if (i > 0 && c->header.running_title &&
		    l->pages->title != NULL) {
			struct pp_item rule;

			layout_simple_text(l, pg, l->pages->title, head, x,
					   c->margin_top -
					       LAYOUT_RUNNING_TITLE_RISE_PT,
					   w, head->align, 1);
			memset(&rule, 0, sizeof(rule));
			rule.kind = PP_ITEM_RULE;
			rule.x = x;
			rule.y = c->margin_top - LAYOUT_HEADER_RULE_RISE_PT;
			rule.w = w;
			rule.h = LAYOUT_HEADER_RULE_PT;
			rule.color = head->color;
			rule.header = 1;
			layout_page_add(pg, &rule);
		}
		if (l->doc->paraphes && c->footer.paraphes &&
		    i + 1 < l->pages->n) {
			struct pp_item box;
			double bw = PP_MM_TO_PT(LAYOUT_PARAPHE_BOX_WIDTH_MM);
			double bh = PP_MM_TO_PT(LAYOUT_PARAPHE_BOX_HEIGHT_MM);
			int k;

			layout_simple_text(
			    l, pg, c->footer.paraphe_label, foot,
			    x + w / 2 - bw -
				(LAYOUT_PARAPHE_LABEL_WIDTH_PT +
				 LAYOUT_PARAPHE_GAP_PT),
			    fy + bh / 2 - LAYOUT_PARAPHE_LABEL_RISE_PT,
			    LAYOUT_PARAPHE_LABEL_WIDTH_PT, PP_ALIGN_RIGHT, 1);
			for (k = 0; k < 2; k++) {
				memset(&box, 0, sizeof(box));
				box.kind = PP_ITEM_FRAME;
				box.x = x + w / 2 - bw -
					LAYOUT_PARAPHE_GAP_PT / 2 +
					k * (bw + LAYOUT_PARAPHE_GAP_PT);
				box.y = fy - LAYOUT_PARAPHE_BOX_RISE_PT;
				box.w = bw;
				box.h = bh;
				box.color = foot->color;
				box.header = 1;
				layout_page_add(pg, &box);
			}
		}
	}
	if (l->marque != NULL && l->pages->n > 0)
		layout_marque(l, &l->pages->pages[0]);
	if (l->logos != NULL && l->pages->n > 0)
		layout_logos(l, &l->pages->pages[0]);
}

/* --- Entry points -------------------------------------------------------- */

struct pp_pages *
pp_layout_run(struct pp_layout_engine *e, const struct pp_doc *doc,
	      struct pp_error *err)
{
	struct layout_ctx l;
	struct pp_pages *p = pp_xcalloc(1, sizeof(*p));
	guint i;
	int failed = 0;

	memset(&l, 0, sizeof(l));
	e->run++;
	g_hash_table_foreach_remove(e->paras, layout_cached_stale, &e->run);
	g_hash_table_foreach_remove(e->hyphenated, layout_cached_stale,
				    &e->run);
	p->arena = pp_arena_new();
	p->charte = e->charte;
	p->width = e->charte->page_width;
	p->height = e->charte->page_height;
	p->title = doc->title ? pp_xstrdup(doc->title) : NULL;
	p->subject = doc->subject ? pp_xstrdup(doc->subject) : NULL;
	p->keywords = doc->keywords ? pp_xstrdup(doc->keywords) : NULL;
	p->author = doc->author ? pp_xstrdup(doc->author) : NULL;
	l.e = e;
	l.c = e->charte;
	l.doc = doc;
	l.pages = p;
	l.err = err;
	l.reference = doc->reference;
	l.atoms = g_ptr_array_new();
	l.x0 = l.c->margin_left;
	l.width = l.c->page_width - l.c->margin_left - l.c->margin_right;
	layout_blocks(&l, doc->root->first, l.x0, l.width);
	if (layout_images_load(&l) != 0) {
		failed = 1;
	} else {
		layout_paginate(&l);
		layout_furniture(&l);
	}
	for (i = 0; i < l.atoms->len; i++) {
		struct atom *a = l.atoms->pdata[i];
		guint k;

		for (k = 0; k < a->items->len; k++) {
			struct pp_item *it =
			    &g_array_index(a->items, struct pp_item, k);

			if (it->layout != NULL)
				g_object_unref(it->layout);
		}
		g_array_free(a->items, TRUE);
	}
	g_ptr_array_free(l.atoms, TRUE);
	if (failed) {
		pp_pages_free(p);
		return NULL;
	}
	return p;
}

void
pp_pages_free(struct pp_pages *p)
{
	size_t i, k;

	if (p == NULL)
		return;
	for (i = 0; i < p->n; i++) {
		for (k = 0; k < p->pages[i].n; k++)
			if (p->pages[i].items[k].layout != NULL)
				g_object_unref(p->pages[i].items[k].layout);
		free(p->pages[i].items);
	}
	free(p->pages);
	for (i = 0; i < p->noutline; i++) {
		free(p->outline[i].title);
		free(p->outline[i].dest);
	}
	free(p->outline);
	for (i = 0; i < p->nfonts; i++)
		free(p->fonts[i]);
	free(p->fonts);
	free(p->title);
	free(p->subject);
	free(p->keywords);
	free(p->author);
	pp_images_free(p->images);
	pp_arena_free(p->arena);
	free(p);
}

void
pp_pages_dump(const struct pp_pages *p, struct pp_buf *out)
{
	size_t i, k;

	pp_buf_addf(out, "pages %zu (%.2f x %.2f pt)\n", p->n, p->width,
		    p->height);
	for (i = 0; i < p->n; i++) {
		pp_buf_addf(out, "page %zu\n", i + 1);
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			switch (it->kind) {
			case PP_ITEM_TEXT:
				pp_buf_addf(out,
					    "  text %.2f %.2f %.2f %s \"%s\"\n",
					    it->x, it->y, it->h,
					    it->style ? it->style : "-",
					    it->text ? it->text : "");
				break;
			case PP_ITEM_RECT:
			case PP_ITEM_FRAME:
			case PP_ITEM_RULE:
				pp_buf_addf(out, "  %s %.2f %.2f %.2f %.2f\n",
					    it->kind == PP_ITEM_RECT ? "rect"
					    : it->kind == PP_ITEM_FRAME
						? "frame"
						: "rule",
					    it->x, it->y, it->w, it->h);
				break;
			case PP_ITEM_MARQUE:
				pp_buf_addf(out, "  marque %.2f %.2f %.2f %s\n",
					    it->x, it->y, it->h,
					    it->name ? "artwork"
						     : "placeholder");
				break;
			case PP_ITEM_IMAGE: {
				/* The file's name only: the folder depends
				 * on where paraphe runs. */
				const char *base =
				    it->name ? strrchr(it->name, '/') : NULL;

				pp_buf_addf(out,
					    "  image %.2f %.2f %.2f %.2f %s\n",
					    it->x, it->y, it->w, it->h,
					    base       ? base + 1
					    : it->name ? it->name
						       : "-");
				break;
			}
			case PP_ITEM_DEST:
				pp_buf_addf(out, "  dest %s\n", it->name);
				break;
			case PP_ITEM_TAG_BEGIN:
			case PP_ITEM_TAG_END:
				break;
			}
		}
	}
}
