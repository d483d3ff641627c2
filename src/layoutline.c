/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Line shaping (layout-private.h): a paragraph's inlines as one text with
 * runs (bold, italic, links), hyphenated; set once with Pango at a width
 * (justified when the style is), through the engine's cache; and each of
 * its lines made into a text item, drawn straight from that layout or, for
 * the few lines Pango 1.50 would set wrongly there, set again on its own.
 */
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "layout-private.h"
#include "styles.h"
#include "xalloc.h"

/* U+2028, how a line break travels in a paragraph's text. */
#define LAYOUT_LINE_SEPARATOR "\xe2\x80\xa8"
/* How far a line may pass the column, or fall short of it when justified,
 * before it is set on its own, pt. */
#define LAYOUT_LINE_TOLERANCE_PT 0.01

void
pp_layout_para_collect(struct layout_ctx *l, struct para *p,
		       const struct pp_node *n, const struct pp_style *st,
		       int bold, int italic, const char *link)
{
	const struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		struct run r;
		size_t start = p->text.len;

		switch (ch->kind) {
		case PP_NODE_REF:
			if (ch->first != NULL) {
				/* The resolved words, a link to the target. */
				char *dest = g_strconcat("dest='article-",
							 ch->id ? ch->id : "",
							 "'", NULL);

				p->in_ref++;
				pp_layout_para_collect(l, p, ch, st, bold,
						       italic,
						       layout_strdup(l, dest));
				p->in_ref--;
				g_free(dest);
				break;
			}
			/* fall through */
		case PP_NODE_TEXT: {
			const char *t = ch->text != NULL ? ch->text : "";
			char *upper =
			    st->uppercase ? g_utf8_strup(t, -1) : NULL;
			const char *src = upper != NULL ? upper : t;

			if (st->hyphenate && ch->kind == PP_NODE_TEXT &&
			    p->in_ref == 0) {
				pp_layout_engine_hyphenate(l->e, src, &p->text);
				/* Never inside the form's proper nouns. */
				pp_hyphen_names_unbreak(l->names, p->text.data,
							&p->text.len, start);
			} else
				pp_buf_adds(&p->text, src);
			g_free(upper);
			r.start = start;
			r.end = p->text.len;
			r.bold = bold;
			r.italic = italic;
			r.link = link;
			r.super = p->super > 0;
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
			pp_layout_para_collect(l, p, ch, st, 1, italic, link);
			break;
		case PP_NODE_EMPH:
			pp_layout_para_collect(l, p, ch, st, bold, 1, link);
			break;
		case PP_NODE_SUPER:
			p->super++;
			pp_layout_para_collect(l, p, ch, st, bold, italic,
					       link);
			p->super--;
			break;
		case PP_NODE_LINK: {
			char *attr = g_strdup_printf("uri='%s'",
						     ch->href ? ch->href : "");
			const char *a = layout_strdup(l, attr);

			g_free(attr);
			pp_layout_para_collect(l, p, ch, st, bold, italic, a);
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

/* A superscript over bytes start..end: smaller (PP_SUPER_SCALE, never
 * below the charter's minimum text size, which the checker enforces),
 * raised (PP_SUPER_RISE). */
static void
layout_attrs_super(struct layout_ctx *l, PangoAttrList *list,
		   const struct pp_style *st, guint start, guint end)
{
	double size = st->size * PP_SUPER_SCALE;
	PangoAttribute *a;

	if (size < l->c->rules.min_text_size)
		size = l->c->rules.min_text_size;
	a = pango_attr_scale_new(size / st->size);
	a->start_index = start;
	a->end_index = end;
	pango_attr_list_insert(list, a);
	a = pango_attr_rise_new(PU(st->size * PP_SUPER_RISE));
	a->start_index = start;
	a->end_index = end;
	pango_attr_list_insert(list, a);
}

/* No line break inside an e-mail address or a URL of text[0..len) (Pango
 * would break after the hyphen of « parite-ensemble.example.fr »): one that
 * does not fit the rest of a line goes whole to the next (DOMAIN §2.4, §4:
 * never broken, in a table cell least of all).  Sets *any when there is
 * one. */
static void
layout_attrs_addresses(PangoAttrList *list, const char *text, size_t len,
		       int *any)
{
	size_t i = 0, start;

	while (i < len) {
		while (i < len && (text[i] == ' ' || text[i] == '\n'))
			i++;
		start = i;
		while (i < len && text[i] != ' ' && text[i] != '\n')
			i++;
		if (i > start &&
		    pp_hyphenate_is_address(text + start, i - start)) {
			PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);

			a->start_index = (guint)start;
			a->end_index = (guint)i;
			pango_attr_list_insert(list, a);
			*any = 1;
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

	pango_font_description_set_family(
	    fd, pp_layout_engine_family(l->e, st->families));
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
		if (r->super)
			layout_attrs_super(l, list, st, (guint)(s - from),
					   (guint)(e - from));
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
		if (r->super)
			layout_attrs_super(l, list, st, ms, me);
	}
	return list;
}

static PangoLayout *
layout_pango(struct layout_ctx *l, const struct pp_style *st, const char *text,
	     int len, PangoAttrList *attrs, double width)
{
	PangoLayout *pl = pango_layout_new(pp_layout_engine_context(l->e));

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

	for (k = from; k < to;) {
		size_t span = k;

		/* The bytes up to the next soft hyphen, copied at once. */
		while (span < to &&
		       !((unsigned char)p->text.data[span] == 0xc2 &&
			 span + 1 < to &&
			 (unsigned char)p->text.data[span + 1] == 0xad)) {
			map[span - from] = line->len + (span - k);
			span++;
		}
		if (span > k) {
			pp_buf_add(line, p->text.data + k, span - k);
			k = span;
			continue;
		}
		map[k - from] = line->len;
		map[k + 1 - from] = line->len;
		k += 2;
		if (k == to)
			pp_buf_addc(line, '-'); /* the break chosen */
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
	PangoLayout *pl = pp_layout_engine_cache_find(l->e, key);

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
	return pp_layout_engine_cache_keep(l->e, key, pl);
}

/* One line item: text from..to of p set in a layout of its own, justified
 * when asked. */
void
pp_layout_line_item(struct layout_ctx *l, const struct pp_style *st,
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

void
pp_layout_text_item(struct layout_ctx *l, const struct pp_style *st,
		    const char *text, double x, double width, double y,
		    struct pp_item *it)
{
	struct para p;
	struct run r = {0, strlen(text), 0, 0, NULL, 0};

	pp_buf_init(&p.text);
	p.super = 0;
	p.in_ref = 0;
	pp_buf_adds(&p.text, text);
	p.runs = g_array_new(FALSE, TRUE, sizeof(struct run));
	g_array_append_val(p.runs, r);
	pp_layout_line_item(l, st, &p, 0, p.text.len, 0, x, width, y, it);
	pp_buf_fini(&p.text);
	g_array_free(p.runs, TRUE);
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
int
pp_layout_line_shared(struct layout_ctx *l, const struct pp_style *st,
		      const struct para *p, PangoLayout *pl,
		      PangoLayoutIter *iter, int index, int justified, double x,
		      double width, double y, struct pp_item *it)
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

		if (r->bold || r->italic || r->super ||
		    (r->link != NULL && strncmp(r->link, "uri=", 4) == 0))
			g_string_append_printf(
			    k, "%zu-%zu:%d%d%d%d,", r->start, r->end, r->bold,
			    r->italic,
			    r->link != NULL && strncmp(r->link, "uri=", 4) == 0,
			    r->super);
	}
	g_string_append_c(k, '|');
	g_string_append_len(k, p->text.data, (gssize)p->text.len);
	return g_string_free(k, FALSE);
}

/* The layout of p in st at width: from the engine's cache, or set now
 * (hyphenated, justified when the style is) and kept.  A new reference. */
PangoLayout *
pp_layout_para_layout(struct layout_ctx *l, const struct pp_style *st,
		      const struct para *p, double width)
{
	char *key = layout_para_key(st, p, width);
	PangoLayout *pl = pp_layout_engine_cache_find(l->e, key);
	PangoAttrList *attrs;
	int addresses = 0;

	if (pl != NULL) {
		g_free(key);
		return pl;
	}
	attrs = layout_attrs(l, st, p, 0, p->text.len);
	layout_attrs_addresses(attrs, p->text.data, p->text.len, &addresses);
	pl = layout_pango(l, st, p->text.data, (int)p->text.len, attrs, width);
	pango_attr_list_unref(attrs);
	if (addresses) {
		PangoRectangle logical;

		/* An address wider than the column itself would overflow it:
		 * then, and only then, it breaks between characters. */
		pango_layout_get_extents(pl, NULL, &logical);
		if (logical.width > PU(width + LAYOUT_LINE_TOLERANCE_PT)) {
			g_object_unref(pl);
			attrs = layout_attrs(l, st, p, 0, p->text.len);
			pl = layout_pango(l, st, p->text.data, (int)p->text.len,
					  attrs, width);
			pango_attr_list_unref(attrs);
		}
	}
	if (st->align == PP_ALIGN_JUSTIFY)
		pango_layout_set_justify(pl, TRUE);
	return pp_layout_engine_cache_keep(l->e, key, pl);
}

int
pp_layout_line_hyphen(const struct para *p, size_t to)
{
	return to >= 2 && to <= p->text.len &&
	       (unsigned char)p->text.data[to - 2] == 0xc2 &&
	       (unsigned char)p->text.data[to - 1] == 0xad;
}

/* Whether the character at s is part of a word as hyphenate.c sees it
 * (letters, digits, marks, soft hyphens, apostrophes). */
static int
layout_word_char(const char *s)
{
	gunichar c = g_utf8_get_char(s);

	return g_unichar_isalnum(c) || g_unichar_ismark(c) || c == 0xadu ||
	       c == '\'' || c == 0x2019u;
}

/* Takes the soft hyphens out of the word of p around byte at (the start of
 * a character), moving the runs after them. */
static void
layout_para_unhyphenate(struct para *p, size_t at)
{
	char *text = p->text.data;
	size_t from = at, to = at, k;
	guint i;

	while (from > 0) {
		const char *prev = g_utf8_find_prev_char(text, text + from);

		if (prev == NULL || !layout_word_char(prev))
			break;
		from = (size_t)(prev - text);
	}
	while (to < p->text.len && layout_word_char(text + to))
		to = (size_t)(g_utf8_next_char(text + to) - text);
	for (k = from; k + 1 < to;) {
		if (!((unsigned char)text[k] == 0xc2 &&
		      (unsigned char)text[k + 1] == 0xad)) {
			k++;
			continue;
		}
		memmove(text + k, text + k + 2, p->text.len - k - 2);
		p->text.len -= 2;
		text[p->text.len] = '\0';
		to -= 2;
		for (i = 0; i < p->runs->len; i++) {
			struct run *r = &g_array_index(p->runs, struct run, i);

			if (r->start > k)
				r->start -= 2;
			if (r->end > k)
				r->end -= 2;
		}
	}
}

int
pp_layout_para_word(const struct para *p, size_t at)
{
	const char *text = p->text.data, *q;
	int index = -1, in_word = 0;

	for (q = text; q <= text + at && (size_t)(q - text) < p->text.len;
	     q = g_utf8_next_char(q)) {
		int w = layout_word_char(q);

		if (w && !in_word)
			index++;
		in_word = w;
	}
	return index;
}

void
pp_layout_para_unhyphenate_word(struct para *p, int index)
{
	const char *text = p->text.data, *q;
	int n = -1, in_word = 0;

	for (q = text; (size_t)(q - text) < p->text.len;
	     q = g_utf8_next_char(q)) {
		int w = layout_word_char(q);

		if (w && !in_word && ++n == index) {
			layout_para_unhyphenate(p, (size_t)(q - text));
			return;
		}
		in_word = w;
	}
}

/* The start of the third hyphenated line in a row of pl (the soft hyphen
 * that ends it), or (size_t)-1. */
static size_t
layout_ladder_excess(const struct para *p, PangoLayout *pl)
{
	GSList *lines = pango_layout_get_lines_readonly(pl);
	int run = 0;

	for (; lines != NULL; lines = lines->next) {
		const PangoLayoutLine *ln = lines->data;
		size_t to = (size_t)ln->start_index + (size_t)ln->length;

		if (!pp_layout_line_hyphen(p, to)) {
			run = 0;
			continue;
		}
		if (++run > PP_HYPHEN_LADDER_MAX)
			return to - 2;
	}
	return (size_t)-1;
}

PangoLayout *
pp_layout_para_hyphenated(struct layout_ctx *l, const struct pp_style *st,
			  struct para *p, double width)
{
	PangoLayout *pl;
	size_t end = p->text.len, at;

	/* The last word: at the end, before trailing spaces and
	 * punctuation. */
	while (end > 0 && !layout_word_char(g_utf8_find_prev_char(
			      p->text.data, p->text.data + end)))
		end = (size_t)(g_utf8_find_prev_char(p->text.data,
						     p->text.data + end) -
			       p->text.data);
	if (end > 0)
		layout_para_unhyphenate(
		    p, (size_t)(g_utf8_find_prev_char(p->text.data,
						      p->text.data + end) -
				p->text.data));
	pl = pp_layout_para_layout(l, st, p, width);
	/* Each round takes a word's soft hyphens out: it ends. */
	while ((at = layout_ladder_excess(p, pl)) != (size_t)-1) {
		g_object_unref(pl);
		layout_para_unhyphenate(p, at);
		pl = pp_layout_para_layout(l, st, p, width);
	}
	return pl;
}
