/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/layout.c with the State charter: small documents built
 * in code, laid out, and the pages checked against the pagination rules.
 * Every layout gets the common checks (body text inside the margins and
 * below the bloc-marque, no title last on a page, no blank page, footers
 * "Page i / N" right, every line one Pango line no wider than its column).
 * Then one case per rule: a short paragraph stays on page 1, many spill
 * over; orphans, widows, headings and article titles at the bottom of a
 * page (filler found by a search so that the rule must act); a table of
 * several pages (rows whole, header repeated); signatures moved whole
 * with the paragraph before them; page breaks and annexes; hyphenated
 * justified lines; paraphe boxes; the signature page opening with a whole
 * block, recorded for the ODT.
 */
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "hyphenate.h"
#include "layout.h"
#include "styles.h"

#include "../harness.h"

#include <glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EPS 0.01

static struct pp_charte *charte;
static struct pp_layout_engine *engine;
static int build_errors; /* nodes the tree refused */

/* --- Building documents ------------------------------------------------- */

static void
append(struct pp_node *parent, struct pp_node *child)
{
	if (pp_doc_append(parent, child) != 0) {
		printf("# cannot append a %s to a %s\n",
		       pp_doc_kind_name(child->kind),
		       pp_doc_kind_name(parent->kind));
		build_errors++;
	}
}

static struct pp_doc *
new_doc(void)
{
	struct pp_doc *d = pp_doc_new();

	d->title = "Convention de partenariat";
	return d;
}

/* A block of kind (paragraph or heading) holding one text. */
static struct pp_node *
add_block(struct pp_doc *d, struct pp_node *parent, enum pp_node_kind kind,
	  const char *style, const char *text)
{
	struct pp_node *b = pp_doc_node_new(d, kind, NULL);
	struct pp_node *t = pp_doc_node_new(d, PP_NODE_TEXT, NULL);

	b->style = style;
	t->text = pp_arena_strdup(d->arena, text);
	append(b, t);
	append(parent, b);
	return b;
}

static struct pp_node *
add_para(struct pp_doc *d, struct pp_node *parent, const char *text)
{
	return add_block(d, parent, PP_NODE_PARAGRAPH, NULL, text);
}

static struct pp_node *add_paraf(struct pp_doc *d, struct pp_node *parent,
				 const char *style, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static struct pp_node *
add_paraf(struct pp_doc *d, struct pp_node *parent, const char *style,
	  const char *fmt, ...)
{
	char buf[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return add_block(d, parent, PP_NODE_PARAGRAPH, style, buf);
}

static void
add_pagebreak(struct pp_doc *d, struct pp_node *parent)
{
	append(parent, pp_doc_node_new(d, PP_NODE_PAGEBREAK, NULL));
}

static void
add_marque(struct pp_doc *d)
{
	struct pp_node *m = pp_doc_node_new(d, PP_NODE_MARQUE, NULL);
	const char **lines = pp_arena_alloc(d->arena, 2 * sizeof(*lines));

	lines[0] = "MINISTÈRE";
	lines[1] = "DE LA CULTURE";
	m->lines = lines;
	m->nlines = 2;
	append(d->root, m);
}

/* n one-line body paragraphs, then k one-line mentions: filler whose
 * height the searches below tune. */
static void
add_fillers(struct pp_doc *d, int n, int k)
{
	int i;

	for (i = 0; i < n; i++)
		add_paraf(d, d->root, NULL, "Alinéa de remplissage n° %d.",
			  i + 1);
	for (i = 0; i < k; i++)
		add_paraf(d, d->root, "mention",
			  "Mention de remplissage n° %d.", i + 1);
}

/* --- Reading pages -------------------------------------------------------- */

static struct pp_pages *
run(const struct pp_doc *d)
{
	struct pp_error err;
	struct pp_pages *p;

	pp_error_init(&err);
	p = pp_layout_run(engine, d, &err);
	if (p == NULL)
		printf("# layout failed: %s\n", err.message);
	return p;
}

/* A body line: a text item that is not running header or footer. */
struct line {
	size_t page; /* 0-based */
	const struct pp_item *it;
};

struct lines {
	struct line *v;
	size_t n;
};

/*
 * Whether item k of page i is body matter: not running header or footer
 * (header = 1) and not part of the bloc-marque, whose label (the
 * placeholder's « Emplacement du bloc-marque officiel ») follows the marque
 * item on page 1 (the layout places it after the body).
 */
static int
is_body(const struct pp_pages *p, size_t i, size_t k)
{
	size_t j;

	if (p->pages[i].items[k].header)
		return 0;
	for (j = 0; j < k; j++)
		if (p->pages[i].items[j].kind == PP_ITEM_MARQUE)
			return 0;
	return 1;
}

static int
is_body_text(const struct pp_pages *p, size_t i, size_t k)
{
	return p->pages[i].items[k].kind == PP_ITEM_TEXT && is_body(p, i, k);
}

static void
body_lines(const struct pp_pages *p, struct lines *out)
{
	size_t i, k;

	out->v = NULL;
	out->n = 0;
	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			if (!is_body_text(p, i, k))
				continue;
			out->v =
			    realloc(out->v, (out->n + 1) * sizeof(*out->v));
			out->v[out->n].page = i;
			out->v[out->n].it = it;
			out->n++;
		}
}

static const char *
style_of(const struct line *l)
{
	return l->it->style != NULL ? l->it->style : "";
}

static double
bottom(void)
{
	return charte->page_height - charte->margin_bottom;
}

static double
column_width(void)
{
	return charte->page_width - charte->margin_left - charte->margin_right;
}

static double
body_top(size_t page, int marque)
{
	double top = charte->margin_top;

	if (page == 0 && marque &&
	    charte->marque.y + charte->marque.height > top)
		top = charte->marque.y + charte->marque.height;
	return top;
}

/* Lines of a document laid out alone (the tail of a crafted document). */
static size_t
count_lines(struct pp_doc *d)
{
	struct pp_pages *p = run(d);
	struct lines ls;
	size_t n;

	if (p == NULL)
		return 0;
	body_lines(p, &ls);
	n = ls.n;
	free(ls.v);
	pp_pages_free(p);
	return n;
}

/* --- Checks made on every layout ------------------------------------------ */

/* Body items (text, table cells) between the top and bottom margins; on
 * page 1 below the bloc-marque when there is one. */
static int
within_margins(const struct pp_pages *p, int marque)
{
	size_t i, k;
	int bad = 0;

	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];
			double top = body_top(i, marque);

			if (!is_body(p, i, k) || (it->kind != PP_ITEM_TEXT &&
						  it->kind != PP_ITEM_RECT &&
						  it->kind != PP_ITEM_FRAME))
				continue;
			if (it->y < top - EPS ||
			    it->y + it->h > bottom() + EPS) {
				printf(
				    "#   page %zu: \"%s\" at %.2f..%.2f, body "
				    "%.2f..%.2f\n",
				    i + 1, it->text ? it->text : "(box)", it->y,
				    it->y + it->h, top, bottom());
				bad++;
			}
		}
	return bad == 0;
}

/* A style that must stay with what follows (headings, article titles),
 * or a table header row, is never the last body line of a page but the
 * last. */
static int
no_title_last(const struct pp_pages *p)
{
	struct lines ls;
	size_t i;
	int bad = 0;

	body_lines(p, &ls);
	for (i = 0; i + 1 < ls.n; i++) {
		const struct pp_style *st;

		if (ls.v[i + 1].page == ls.v[i].page)
			continue;
		st = pp_charte_style(charte, style_of(&ls.v[i]));
		if (st->keep_with_next ||
		    strcmp(style_of(&ls.v[i]), "tableau_entete") == 0) {
			printf("#   \"%s\" (%s) last on page %zu\n",
			       ls.v[i].it->text, style_of(&ls.v[i]),
			       ls.v[i].page + 1);
			bad++;
		}
	}
	free(ls.v);
	return bad == 0;
}

static int
no_blank_page(const struct pp_pages *p)
{
	size_t i, k;
	int bad = 0;

	for (i = 0; i < p->n; i++) {
		int body = 0;

		for (k = 0; k < p->pages[i].n; k++)
			body += is_body_text(p, i, k);
		if (body == 0) {
			printf("#   page %zu has no body text\n", i + 1);
			bad++;
		}
	}
	return bad == 0;
}

/* Exactly one "Page i / N" per page, N the real page count. */
static int
footers_right(const struct pp_pages *p)
{
	size_t i, k;
	int bad = 0;

	for (i = 0; i < p->n; i++) {
		char want[64];
		int found = 0;

		snprintf(want, sizeof(want), "Page %zu / %zu", i + 1, p->n);
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			if (it->kind != PP_ITEM_TEXT || !it->header ||
			    it->text == NULL || strncmp(it->text, "Page ", 5))
				continue;
			if (strcmp(it->text, want) == 0)
				found++;
			else {
				printf("#   page %zu: \"%s\", want \"%s\"\n",
				       i + 1, it->text, want);
				bad++;
			}
		}
		if (found != 1) {
			printf("#   page %zu: %d footers \"%s\"\n", i + 1,
			       found, want);
			bad++;
		}
	}
	return bad == 0;
}

/* Every text item is one Pango line (a layout of one line, or one line of a
 * paragraph's layout) whose logical extents stay inside its box (x .. x +
 * w); body paragraphs in corps have the column's width. */
static int
widths_ok(const struct pp_pages *p)
{
	size_t i, k;
	int bad = 0;

	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];
			PangoRectangle log;
			double lx, lw;
			int nl;

			if (it->kind != PP_ITEM_TEXT)
				continue;
			if (it->layout == NULL) {
				printf("#   \"%s\" without layout\n", it->text);
				bad++;
				continue;
			}
			if (it->line > 0) {
				/* A line of the paragraph's layout. */
				PangoLayoutLine *ln =
				    pango_layout_get_line_readonly(
					it->layout, it->line - 1);

				pango_layout_line_get_extents(ln, NULL, &log);
				lx = it->line_x + (double)log.x / PANGO_SCALE;
				nl = 1;
			} else {
				pango_layout_get_extents(it->layout, NULL,
							 &log);
				lx = (double)log.x / PANGO_SCALE;
				nl = pango_layout_get_line_count(it->layout);
			}
			lw = (double)log.width / PANGO_SCALE;
			if (nl != 1 || lx < -0.5 || lx + lw > it->w + 0.5) {
				printf("#   page %zu: \"%s\" %d lines, %.2f.."
				       "%.2f in a box of %.2f\n",
				       i + 1, it->text, nl, lx, lx + lw, it->w);
				bad++;
			}
			if (!it->header && it->style != NULL &&
			    strcmp(it->style, "corps") == 0 &&
			    (fabs(it->w - column_width()) > EPS ||
			     fabs(it->x - charte->margin_left) > EPS)) {
				printf("#   page %zu: \"%s\" box %.2f+%.2f, "
				       "column %.2f+%.2f\n",
				       i + 1, it->text, it->x, it->w,
				       charte->margin_left, column_width());
				bad++;
			}
		}
	return bad == 0;
}

static void
check_common(const char *name, const struct pp_pages *p, int marque)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s: body text within the margins", name);
	OK(within_margins(p, marque), buf);
	snprintf(buf, sizeof(buf), "%s: no title last on a page", name);
	OK(no_title_last(p), buf);
	snprintf(buf, sizeof(buf), "%s: no blank page", name);
	OK(no_blank_page(p), buf);
	snprintf(buf, sizeof(buf), "%s: footers \"Page i / %zu\"", name, p->n);
	OK(footers_right(p), buf);
	snprintf(buf, sizeof(buf), "%s: every line fits its column", name);
	OK(widths_ok(p), buf);
}

/* --- Filler search -------------------------------------------------------- */

/*
 * A tail is what follows the filler.  With probe set it is only its first
 * line's block, set on one line (a one-line paragraph, the heading alone,
 * the article without its text): where that line lands is where the real
 * tail's first line would go if no rule moved it.
 */
typedef void (*tail_fn)(struct pp_doc *d, int probe);

static struct pp_doc *
build(int n, int k, tail_fn tail, int probe)
{
	struct pp_doc *d = new_doc();

	add_fillers(d, n, k);
	tail(d, probe);
	return d;
}

/* Page (0-based) and top of the probe line after n + k fillers; -1 when
 * the layout failed. */
static long
probe_at(int n, int k, tail_fn tail, double *y)
{
	struct pp_doc *d = build(n, k, tail, 1);
	struct pp_pages *p = run(d);
	struct lines ls;
	long page = -1;

	if (p != NULL) {
		body_lines(p, &ls);
		if (ls.n > 0) {
			page = (long)ls.v[ls.n - 1].page;
			*y = ls.v[ls.n - 1].it->y;
		}
		free(ls.v);
		pp_pages_free(p);
	}
	pp_doc_free(d);
	return page;
}

/*
 * Filler after which the probe line lands on page 1 with its top in
 * (lo, hi]: for each number of mentions, the most body fillers keeping it
 * at or above hi (found by bisection), then whether it is below lo.
 */
static int
find_fill(tail_fn tail, double lo, double hi, int *n_out, int *k_out)
{
	int k;

	lo += 0.05; /* no ties with the engine's comparisons */
	hi -= 0.05;
	for (k = 0; k <= 8; k++) {
		int good = -1, bad = 80;
		double y = 0;

		while (bad - good > 1) {
			int mid = (good + bad) / 2;

			if (probe_at(mid, k, tail, &y) == 0 && y <= hi)
				good = mid;
			else
				bad = mid;
		}
		if (good < 0)
			continue;
		if (probe_at(good, k, tail, &y) == 0 && y > lo && y <= hi) {
			*n_out = good;
			*k_out = k;
			return 1;
		}
	}
	printf("# no filler puts the probe in (%.2f, %.2f]\n", lo, hi);
	return 0;
}

/* --- Texts ------------------------------------------------------------------
 */

/* Five lines of body text in the charter's column.  Its second or its
 * third line ends without a hyphen: a page break may follow it (never a
 * hyphenated line, DOMAIN §2.4), so the widow case can split it 3 + 2. */
static const char five_lines[] =
    "Le partenaire s'engage à mettre en œuvre les actions décrites dans "
    "l'annexe technique, à en rendre compte chaque trimestre au comité de "
    "suivi et à informer sans délai le ministère de toute difficulté "
    "qui pourrait en retarder l'exécution. Les dépenses engagées sont "
    "justifiées par des pièces comptables conservées pendant dix ans et "
    "tenues à la disposition des services de contrôle de l'État, qui "
    "peuvent procéder à toute vérification sur place ou sur pièces.";

static const char long_words[] =
    "Conformément aux dispositions constitutionnelles, "
    "l'intergouvernementalisation des établissements pluridisciplinaires "
    "suppose une déresponsabilisation progressive des administrations "
    "déconcentrées, une institutionnalisation des expérimentations "
    "interministérielles et une professionnalisation des "
    "correspondants départementaux. Anticonstitutionnellement, les "
    "caractéristiques organisationnelles des collectivités "
    "territoriales métropolitaines imposent une réinterprétation "
    "systématique des recommandations environnementales, "
    "particulièrement pour les infrastructures hospitalo-universitaires "
    "et les équipements socioculturels intercommunaux.";

/* --- Cases
 * -------------------------------------------------------------------- */

static void
test_fits_and_spills(void)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	struct lines ls;
	size_t i;
	int order = 1, last = 0;

	add_para(d, d->root, five_lines);
	p = run(d);
	OK(p != NULL, "short: laid out");
	if (p != NULL) {
		body_lines(p, &ls);
		INT_EQ(p->n, 1, "short: one page");
		INT_EQ(ls.n, 5, "short: five lines");
		check_common("short", p, 0);
		free(ls.v);
		pp_pages_free(p);
	}
	pp_doc_free(d);

	d = new_doc();
	for (i = 1; i <= 60; i++)
		add_paraf(d, d->root, NULL,
			  "Paragraphe %zu. Les parties conviennent de se "
			  "réunir au moins une fois par an pour examiner "
			  "l'exécution de la présente convention et, le cas "
			  "échéant, en proposer la modification par avenant.",
			  i);
	p = run(d);
	OK(p != NULL, "long: laid out");
	if (p == NULL) {
		pp_doc_free(d);
		return;
	}
	body_lines(p, &ls);
	OK(p->n >= 2, "long: spills onto page 2");
	/* Reading order: pages in turn, lines downwards, paragraphs in
	 * order. */
	for (i = 0; i < ls.n; i++) {
		int num;

		if (i > 0 && (ls.v[i].page < ls.v[i - 1].page ||
			      (ls.v[i].page == ls.v[i - 1].page &&
			       ls.v[i].it->y <= ls.v[i - 1].it->y)))
			order = 0;
		if (sscanf(ls.v[i].it->text, "Paragraphe %d.", &num) == 1) {
			if (num != last + 1)
				order = 0;
			last = num;
		}
	}
	OK(order && last == 60, "long: lines in reading order");
	check_common("long", p, 0);
	free(ls.v);
	pp_pages_free(p);
	pp_doc_free(d);
}

static void
test_marque(void)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	struct lines ls;
	size_t i;
	double first1 = -1, first2 = -1;

	add_marque(d);
	for (i = 1; i <= 50; i++)
		add_paraf(d, d->root, NULL, "Alinéa %zu : %s", i,
			  "les parties se tiennent informées.");
	p = run(d);
	OK(p != NULL, "marque: laid out");
	if (p == NULL) {
		pp_doc_free(d);
		return;
	}
	body_lines(p, &ls);
	for (i = 0; i < ls.n; i++) {
		if (ls.v[i].page == 0 && first1 < 0)
			first1 = ls.v[i].it->y;
		if (ls.v[i].page == 1 && first2 < 0)
			first2 = ls.v[i].it->y;
	}
	OK(p->n >= 2, "marque: two pages at least");
	OK(first1 >= charte->marque.y + charte->marque.height - EPS,
	   "marque: page 1 starts below the bloc-marque");
	OK(first2 >= charte->margin_top - EPS &&
	       first2 < charte->marque.y + charte->marque.height,
	   "marque: page 2 starts at the top margin");
	check_common("marque", p, 1);
	free(ls.v);
	pp_pages_free(p);
	pp_doc_free(d);
}

/* Lays out filler + tail (n, k from find_fill); lines holds the last
 * ntail body lines (the tail's). */
struct crafted {
	struct pp_doc *d;
	struct pp_pages *p;
	struct lines all;
	struct line *tail; /* into all */
	size_t ntail;
};

static int
craft(const char *name, tail_fn tail, double lo, double hi, struct crafted *c)
{
	struct pp_doc *alone = new_doc();
	int n = 0, k = 0;
	char buf[256];

	memset(c, 0, sizeof(*c));
	tail(alone, 0);
	c->ntail = count_lines(alone);
	pp_doc_free(alone);
	snprintf(buf, sizeof(buf), "%s: filler found for the case", name);
	if (!OK(find_fill(tail, lo, hi, &n, &k), buf))
		return 0;
	printf("# %s: %d body fillers, %d mentions, tail of %zu lines\n", name,
	       n, k, c->ntail);
	c->d = build(n, k, tail, 0);
	c->p = run(c->d);
	snprintf(buf, sizeof(buf), "%s: laid out", name);
	if (!OK(c->p != NULL && c->ntail > 0, buf)) {
		pp_doc_free(c->d);
		return 0;
	}
	body_lines(c->p, &c->all);
	if (c->all.n < c->ntail) {
		c->ntail = c->all.n;
		printf("# %s: fewer lines than the tail\n", name);
	}
	c->tail = c->all.v + c->all.n - c->ntail;
	check_common(name, c->p, 0);
	return 1;
}

static void
crafted_free(struct crafted *c)
{
	free(c->all.v);
	pp_pages_free(c->p);
	pp_doc_free(c->d);
}

static size_t
tail_on_page(const struct crafted *c, size_t page)
{
	size_t i, n = 0;

	for (i = 0; i < c->ntail; i++)
		n += c->tail[i].page == page;
	return n;
}

static void
tail_five_lines(struct pp_doc *d, int probe)
{
	add_para(d, d->root, probe ? "Sonde." : five_lines);
}

static void
test_orphan_widow(void)
{
	const struct pp_style *corps = pp_charte_style(charte, "corps");
	double lh = corps->size * corps->line_height;
	struct crafted c;

	/* The first line fits at the bottom of page 1, the second does
	 * not. */
	if (craft("orphan", tail_five_lines, bottom() - 2 * lh, bottom() - lh,
		  &c)) {
		INT_EQ(c.ntail, 5, "orphan: the paragraph has five lines");
		OK(tail_on_page(&c, 0) != 1,
		   "orphan: never one line alone at the bottom of page 1");
		INT_EQ(c.tail[0].page, 1,
		       "orphan: the first line moved to page 2");
		INT_EQ(c.p->n, 2, "orphan: two pages");
		crafted_free(&c);
	}
	/* Four lines fit on page 1, the fifth does not. */
	if (craft("widow", tail_five_lines, bottom() - 5 * lh,
		  bottom() - 4 * lh, &c)) {
		INT_EQ(c.ntail, 5, "widow: the paragraph has five lines");
		OK(tail_on_page(&c, 1) >= 2,
		   "widow: at least two lines on page 2");
		OK(tail_on_page(&c, 0) >= 2,
		   "widow: at least two lines stay on page 1");
		INT_EQ(c.tail[c.ntail - 1].page, 1,
		       "widow: the last line is on page 2");
		crafted_free(&c);
	}
}

static void
tail_heading(struct pp_doc *d, int probe)
{
	struct pp_node *h =
	    add_block(d, d->root, PP_NODE_HEADING, NULL, "Modalités de suivi");

	h->number = 1;
	if (!probe)
		add_para(d, d->root, five_lines);
}

static void
tail_article(struct pp_doc *d, int probe)
{
	struct pp_node *a = pp_doc_node_new(d, PP_NODE_ARTICLE, NULL);

	a->number = 3;
	a->id = "duree";
	a->title = "Durée de la convention";
	append(d->root, a);
	if (!probe)
		add_para(d, a, five_lines);
}

/* The title fits at the bottom of page 1 but no line after it does:
 * left alone, it would end the page. */
static void
check_title(const char *name, tail_fn tail, const char *style, const char *text)
{
	const struct pp_style *t = pp_charte_style(charte, style);
	const struct pp_style *corps = pp_charte_style(charte, "corps");
	double th = t->size * t->line_height;
	double lh = corps->size * corps->line_height;
	struct crafted c;
	char buf[256];

	if (!craft(name, tail,
		   bottom() - th - t->space_after - corps->space_before - lh,
		   bottom() - th, &c))
		return;
	snprintf(buf, sizeof(buf), "%s: the title is \"%s\" in %s", name, text,
		 style);
	OK(c.ntail == 6 && strcmp(c.tail[0].it->text, text) == 0 &&
	       strcmp(style_of(&c.tail[0]), style) == 0,
	   buf);
	snprintf(buf, sizeof(buf), "%s: the title is not last on its page",
		 name);
	OK(c.ntail >= 2 && c.tail[1].page == c.tail[0].page, buf);
	snprintf(buf, sizeof(buf), "%s: the title moved to page 2", name);
	INT_EQ(c.tail[0].page, 1, buf);
	crafted_free(&c);
}

static void
test_titles(void)
{
	check_title("heading", tail_heading, "intertitre",
		    "Modalités de suivi");
	check_title("article", tail_article, "titre_article",
		    "Article 3 – Durée de la convention");
}

static void
add_party(struct pp_doc *d, struct pp_node *sig, const char *title,
	  const char *role, const char *name)
{
	struct pp_node *party = pp_doc_node_new(d, PP_NODE_PARTY, NULL);

	party->title = title;
	add_block(d, party, PP_NODE_PARAGRAPH, "signature", role);
	add_block(d, party, PP_NODE_PARAGRAPH, "signature", name);
	append(sig, party);
}

static const char fait_a[] =
    "Fait à Paris, le 3 mars 2025, en deux exemplaires originaux.";

static void
tail_signatures(struct pp_doc *d, int probe)
{
	struct pp_node *sig;

	add_para(d, d->root, fait_a);
	if (probe)
		return;
	sig = pp_doc_node_new(d, PP_NODE_SIGNATURES, NULL);
	add_party(d, sig, "Pour l'État", "La préfète de région",
		  "Claire Dupont");
	add_party(d, sig, "Pour l'association", "Le président", "Jean Martin");
	append(d->root, sig);
}

static void
test_signatures(void)
{
	const struct pp_style *corps = pp_charte_style(charte, "corps");
	double lh = corps->size * corps->line_height;
	struct crafted c;
	size_t i, nsig = 0, sig_page = 0, bad = 0;
	double fait_y = 0, sig_y = 0;

	/* "Fait à" fits with 30 to 60 pt to spare: less than the room left
	 * to sign. */
	if (!craft("signatures", tail_signatures, bottom() - lh - 60,
		   bottom() - lh - 30, &c))
		return;
	STR_EQ(c.tail[0].it->text, fait_a,
	       "signatures: the tail starts with \"Fait à\"");
	for (i = 1; i < c.ntail; i++) {
		if (strcmp(style_of(&c.tail[i]), "signature") != 0)
			continue;
		if (nsig++ == 0) {
			sig_page = c.tail[i].page;
			sig_y = c.tail[i].it->y;
		} else if (c.tail[i].page != sig_page) {
			bad++;
		}
	}
	fait_y = c.tail[0].it->y;
	INT_EQ(nsig, 6, "signatures: two parties of three lines");
	INT_EQ(bad, 0, "signatures: the block is on one page");
	INT_EQ(sig_page, 1, "signatures: the block moved to page 2");
	INT_EQ(c.tail[0].page, sig_page,
	       "signatures: \"Fait à\" moved with the block");
	OK(fait_y < sig_y, "signatures: \"Fait à\" above the block");
	crafted_free(&c);
}

static void
add_row(struct pp_doc *d, struct pp_node *table, int header, const char *a,
	const char *b)
{
	struct pp_node *row = pp_doc_node_new(d, PP_NODE_ROW, NULL);
	const char *texts[2];
	int i;

	texts[0] = a;
	texts[1] = b;
	row->number = header;
	for (i = 0; i < 2; i++) {
		struct pp_node *cell = pp_doc_node_new(d, PP_NODE_CELL, NULL);

		add_block(d, cell, PP_NODE_PARAGRAPH, NULL, texts[i]);
		append(row, cell);
	}
	append(table, row);
}

/* An e-mail address with hyphens in a narrow cell (Pango may break after
 * a hyphen): every cell line holds the address whole or none of it. */
static void
test_address_in_cell(void)
{
	static const char addr[] = "nadia.cherkaoui@parite-ensemble.example.fr";
	struct pp_doc *d = new_doc();
	struct pp_node *table = pp_doc_node_new(d, PP_NODE_TABLE, NULL);
	int *widths = pp_arena_alloc(d->arena, 2 * sizeof(*widths));
	struct pp_pages *p;
	struct lines ls;
	size_t i;
	int whole = 0, pieces = 0;

	widths[0] = 52;
	widths[1] = 48;
	table->widths = widths;
	table->ncols = 2;
	add_row(d, table, 0, "Nadia CHERKAOUI, déléguée générale",
		"Courriel : nadia.cherkaoui@parite-ensemble.example.fr, "
		"téléphone 04 72 00 18 45");
	/* Wider than its cell: then only it breaks, rather than overflow
	 * into the next column (check_common: every line fits its box). */
	add_row(d, table, 0,
		"claire-marie.delacroix-fontaine@association-pour-la-"
		"parite-en-auvergne-rhone-alpes.example.fr",
		"une adresse plus large que sa colonne");
	append(d->root, table);
	p = run(d);
	OK(p != NULL, "address in a cell: laid out");
	if (p == NULL) {
		pp_doc_free(d);
		return;
	}
	check_common("address in a cell", p, 0);
	body_lines(p, &ls);
	for (i = 0; i < ls.n; i++) {
		const char *t = ls.v[i].it->text;

		if (t == NULL)
			continue;
		if (strstr(t, addr) != NULL)
			whole++;
		else if (strstr(t, "cherkaoui") != NULL ||
			 strstr(t, "ensemble.example") != NULL)
			pieces++;
	}
	OK(whole == 1 && pieces == 0,
	   "address in a cell: on one line, never split");
	free(ls.v);
	pp_pages_free(p);
	pp_doc_free(d);
}

#define TABLE_ROWS 60

static void
test_table(void)
{
	struct pp_doc *d = new_doc();
	struct pp_node *table = pp_doc_node_new(d, PP_NODE_TABLE, NULL);
	int *widths = pp_arena_alloc(d->arena, 2 * sizeof(*widths));
	struct pp_pages *p;
	struct lines ls;
	long row_page[TABLE_ROWS + 1];
	int r, last = 0, split = 0, order = 1, seen = 0;
	size_t i, pg, first_table_page = 0, last_table_page = 0;
	int header_ok = 1, page2_ok = 0, header_last = 0;

	widths[0] = 30;
	widths[1] = 70;
	table->widths = widths;
	table->ncols = 2;
	add_para(d, d->root, "Le calendrier des actions est le suivant.");
	add_row(d, table, 1, "Colonne A", "Colonne B");
	for (r = 1; r <= TABLE_ROWS; r++) {
		char a[16], b[1024];
		int w, words = (r % 4 + 1) * 10;
		size_t len = 0;

		snprintf(a, sizeof(a), "r%02d", r);
		for (w = 0; w < words; w++)
			len += (size_t)snprintf(b + len, sizeof(b) - len,
						"%sr%02d", w ? " " : "", r);
		add_row(d, table, 0, a, b);
	}
	append(d->root, table);
	add_para(d, d->root, "Fin du calendrier.");
	p = run(d);
	OK(p != NULL, "table: laid out");
	if (p == NULL) {
		pp_doc_free(d);
		return;
	}
	check_common("table", p, 0);
	body_lines(p, &ls);
	for (r = 0; r <= TABLE_ROWS; r++)
		row_page[r] = -1;
	for (i = 0; i < ls.n; i++) {
		const char *st = style_of(&ls.v[i]);

		if (strcmp(st, "tableau_cellule") != 0)
			continue;
		if (sscanf(ls.v[i].it->text, "r%d", &r) != 1 || r < 1 ||
		    r > TABLE_ROWS) {
			printf("#   stray cell line \"%s\"\n",
			       ls.v[i].it->text);
			order = 0;
			continue;
		}
		if (r < last)
			order = 0;
		last = r;
		if (row_page[r] < 0) {
			row_page[r] = (long)ls.v[i].page;
			seen++;
		} else if (row_page[r] != (long)ls.v[i].page) {
			printf("#   row %d on pages %ld and %zu\n", r,
			       row_page[r] + 1, ls.v[i].page + 1);
			split++;
		}
	}
	INT_EQ(seen, TABLE_ROWS, "table: every row is there");
	OK(order, "table: rows in order");
	INT_EQ(split, 0, "table: no row split across pages");
	first_table_page = (size_t)row_page[1];
	last_table_page = (size_t)row_page[TABLE_ROWS];
	OK(last_table_page >= first_table_page + 1,
	   "table: the table is longer than a page");
	/* On every page the table reaches, its part starts with the header
	 * row, once. */
	for (pg = first_table_page; pg <= last_table_page; pg++) {
		size_t first = ls.n, nheader = 0;

		for (i = 0; i < ls.n; i++) {
			const char *st = style_of(&ls.v[i]);

			if (ls.v[i].page != pg ||
			    (strcmp(st, "tableau_entete") != 0 &&
			     strcmp(st, "tableau_cellule") != 0))
				continue;
			if (first == ls.n)
				first = i;
			nheader += strcmp(st, "tableau_entete") == 0;
		}
		if (first + 1 >= ls.n || nheader != 2 ||
		    strcmp(ls.v[first].it->text, "Colonne A") != 0 ||
		    strcmp(ls.v[first + 1].it->text, "Colonne B") != 0) {
			printf("#   page %zu: the table part does not start "
			       "with its header (%zu header lines)\n",
			       pg + 1, nheader);
			header_ok = 0;
		} else if (pg == 1) {
			page2_ok = 1;
		}
		/* A header row never ends a page. */
		for (i = 0; i + 1 < ls.n; i++)
			if (ls.v[i].page == pg && ls.v[i + 1].page != pg &&
			    strcmp(style_of(&ls.v[i]), "tableau_entete") == 0)
				header_last++;
	}
	OK(page2_ok, "table: the header row starts page 2's part");
	OK(header_ok, "table: the header row starts every page's part");
	INT_EQ(header_last, 0, "table: a header row never ends a page");
	free(ls.v);
	pp_pages_free(p);
	pp_doc_free(d);
}

/* A table of three one-line rows; as a probe, its header row alone. */
static void
tail_table(struct pp_doc *d, int probe)
{
	struct pp_node *table = pp_doc_node_new(d, PP_NODE_TABLE, NULL);

	add_row(d, table, 1, "Colonne A", "Colonne B");
	if (!probe) {
		add_row(d, table, 0, "r01", "Première ligne");
		add_row(d, table, 0, "r02", "Deuxième ligne");
		add_row(d, table, 0, "r03", "Troisième ligne");
	}
	append(d->root, table);
}

/* The header row fits at the bottom of page 1, the first body row does
 * not: the header row goes to page 2 with it. */
static void
test_table_at_page_end(void)
{
	struct pp_doc *alone = new_doc();
	struct pp_pages *p;
	double frames[2] = {0, 0}, off = 0;
	size_t i, k, nframes = 0, head = 0;
	struct crafted c;

	/* Row heights and where the text sits in its row, measured. */
	tail_table(alone, 0);
	p = run(alone);
	pp_doc_free(alone);
	if (!OK(p != NULL, "table at page end: measured"))
		return;
	for (k = 0; k < p->pages[0].n && nframes < 2; k++) {
		const struct pp_item *it = &p->pages[0].items[k];

		if (it->kind == PP_ITEM_FRAME && !it->header &&
		    (nframes == 0 || fabs(it->y - frames[0]) > EPS)) {
			frames[nframes++] = it->y;
		}
		if (it->kind == PP_ITEM_TEXT && !it->header && head++ == 0)
			off = it->y;
	}
	off -= frames[0]; /* from the header row's top to its text */
	pp_pages_free(p);
	if (!OK(nframes == 2, "table at page end: two rows measured"))
		return;
	/* Header row from frames[0] to frames[1]; body rows as high. */
	if (!craft("table at page end", tail_table,
		   bottom() - 2 * (frames[1] - frames[0]) + off,
		   bottom() - (frames[1] - frames[0]) + off, &c))
		return;
	/* The first header; with it alone at the bottom of page 1, page 2
	 * would repeat it. */
	for (i = 0, k = 0; i < c.all.n; i++)
		if (strcmp(c.all.v[i].it->text, "Colonne A") == 0 && k++ == 0)
			head = i;
	INT_EQ(c.ntail, 8, "table at page end: eight cell lines");
	INT_EQ(k, 1, "table at page end: the header row set once");
	INT_EQ(c.all.v[head].page, 1,
	       "table at page end: the header row moved to page 2");
	OK(head + 2 < c.all.n && c.all.v[head + 2].page == c.all.v[head].page &&
	       strcmp(c.all.v[head + 2].it->text, "r01") == 0,
	   "table at page end: with the first body row");
	crafted_free(&c);
}

/* Index of the first body line whose text is text, or -1. */
static long
find_line(const struct lines *ls, const char *text)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		if (strcmp(ls->v[i].it->text, text) == 0)
			return (long)i;
	return -1;
}

/* Whether line i is the first body line of its page. */
static int
first_on_page(const struct lines *ls, long i)
{
	return i == 0 || (i > 0 && ls->v[i - 1].page != ls->v[i].page);
}

static void
add_annex(struct pp_doc *d, int number, const char *title, const char *text)
{
	struct pp_node *a = pp_doc_node_new(d, PP_NODE_ANNEX, NULL);

	a->number = number;
	a->title = title;
	a->id = "annexe";
	append(d->root, a);
	add_para(d, a, text);
}

static void
test_breaks(void)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	struct lines ls;
	long i;

	add_para(d, d->root, "Avant le saut de page.");
	add_pagebreak(d, d->root);
	add_para(d, d->root, "Après le saut de page.");
	p = run(d);
	if (OK(p != NULL, "page break: laid out")) {
		check_common("page break", p, 0);
		body_lines(p, &ls);
		INT_EQ(p->n, 2, "page break: two pages");
		i = find_line(&ls, "Après le saut de page.");
		OK(i >= 0 && ls.v[i].page == 1 && first_on_page(&ls, i),
		   "page break: the next paragraph starts page 2");
		free(ls.v);
		pp_pages_free(p);
	}
	pp_doc_free(d);

	d = new_doc();
	add_para(d, d->root, "Les annexes font partie de la convention.");
	add_annex(d, 1, "Calendrier", "Premier trimestre : lancement.");
	add_annex(d, 2, "Budget", "Le budget prévisionnel est joint.");
	p = run(d);
	if (OK(p != NULL, "annex: laid out")) {
		check_common("annex", p, 0);
		body_lines(p, &ls);
		INT_EQ(p->n, 3, "annex: three pages");
		i = find_line(&ls, "Annexe 1 – Calendrier");
		OK(i >= 0 && ls.v[i].page == 1 && first_on_page(&ls, i),
		   "annex: annex 1 starts page 2");
		i = find_line(&ls, "Annexe 2 – Budget");
		OK(i >= 0 && ls.v[i].page == 2 && first_on_page(&ls, i),
		   "annex: annex 2 starts page 3");
		free(ls.v);
		pp_pages_free(p);
	}
	pp_doc_free(d);

	/* A page break before an annex: one new page, not a blank one. */
	d = new_doc();
	add_para(d, d->root, "Les annexes font partie de la convention.");
	add_pagebreak(d, d->root);
	add_annex(d, 1, "Calendrier", "Premier trimestre : lancement.");
	p = run(d);
	if (OK(p != NULL, "break + annex: laid out")) {
		check_common("break + annex", p, 0);
		body_lines(p, &ls);
		INT_EQ(p->n, 2, "break + annex: two pages");
		i = find_line(&ls, "Annexe 1 – Calendrier");
		OK(i >= 0 && ls.v[i].page == 1 && first_on_page(&ls, i),
		   "break + annex: the annex starts page 2");
		free(ls.v);
		pp_pages_free(p);
	}
	pp_doc_free(d);
}

/* A charter's pagination text of any length prints whole. */
static void
test_long_pagination(void)
{
	const char *saved = charte->footer.pagination;
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	const char *want = "Convention de partenariat pour la journ\xc3\xa9"
			   "e nationale \xe2\x80\x94 page 1 sur 1";
	size_t k;
	int found = 0;

	charte->footer.pagination = "Convention de partenariat pour la "
				    "journ\xc3\xa9"
				    "e nationale \xe2\x80\x94 "
				    "page {page} sur {pages}";
	add_para(d, d->root, "Une seule page.");
	p = run(d);
	if (OK(p != NULL, "long pagination: laid out")) {
		for (k = 0; k < p->pages[0].n; k++) {
			const struct pp_item *it = &p->pages[0].items[k];

			if (it->kind == PP_ITEM_TEXT && it->header &&
			    it->text != NULL && strcmp(it->text, want) == 0)
				found++;
		}
		INT_EQ(found, 1, "long pagination: the footer prints whole");
		pp_pages_free(p);
	}
	pp_doc_free(d);
	charte->footer.pagination = saved;
}

static void
test_hyphenation(void)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	struct lines ls;
	size_t i, hyphen = 0, short_hyphen = 0, justified = 0;
	int k;

	/* Each paragraph shifted by a few more letters: other breaks. */
	for (k = 0; k < 12; k++)
		add_paraf(d, d->root, NULL, "%.*s%s", k * 2,
			  "ainsi, ainsi, ainsi, ", long_words);
	p = run(d);
	if (!OK(p != NULL, "hyphens: laid out")) {
		pp_doc_free(d);
		return;
	}
	check_common("hyphens", p, 0);
	body_lines(p, &ls);
	for (i = 0; i < ls.n; i++) {
		const struct pp_item *it = ls.v[i].it;
		size_t len = strlen(it->text);
		PangoRectangle log;

		if (len == 0 || it->text[len - 1] != '-')
			continue;
		hyphen++;
		/* A justified line reaches the right edge of the column. */
		pango_layout_get_extents(it->layout, NULL, &log);
		if ((double)(log.x + log.width) / PANGO_SCALE <
		    column_width() - 0.5) {
			printf("#   \"%s\" ends at %.2f of %.2f\n", it->text,
			       (double)(log.x + log.width) / PANGO_SCALE,
			       column_width());
			short_hyphen++;
		}
		justified += pango_layout_get_justify(it->layout) != 0;
	}
	printf("# %zu lines end with a hyphen\n", hyphen);
	OK(hyphen >= 1, "hyphens: some lines end with \"-\"");
	INT_EQ(justified, hyphen, "hyphens: those lines are justified");
	INT_EQ(short_hyphen, 0, "hyphens: and fill the column");
	free(ls.v);
	pp_pages_free(p);
	pp_doc_free(d);
}

/* The longest run of hyphenated body lines in p; *at_page_end: how many
 * hyphenated lines end a page. */
static size_t
ladder(const struct pp_pages *p, size_t *at_page_end)
{
	struct lines ls;
	size_t i, run = 0, longest = 0;

	body_lines(p, &ls);
	*at_page_end = 0;
	for (i = 0; i < ls.n; i++) {
		if (!ls.v[i].it->hyphen) {
			run = 0;
			continue;
		}
		if (++run > longest)
			longest = run;
		if (i + 1 == ls.n || ls.v[i + 1].page != ls.v[i].page)
			(*at_page_end)++;
	}
	free(ls.v);
	return longest;
}

/* How many hyphenated lines of p break one of the words of names. */
static size_t
names_broken(const struct pp_pages *p, const char *const *words)
{
	struct lines ls;
	size_t i, k, broken = 0;

	body_lines(p, &ls);
	for (i = 0; i < ls.n; i++) {
		const char *t = ls.v[i].it->text, *start;
		size_t len = strlen(t);

		if (!ls.v[i].it->hyphen || len < 2)
			continue;
		start = strrchr(t, ' ');
		start = start != NULL ? start + 1 : t;
		for (k = 0; words[k] != NULL; k++)
			if (strncmp(words[k], start,
				    (size_t)(t + len - 1 - start)) == 0)
				broken++;
	}
	free(ls.v);
	return broken;
}

/*
 * DOMAIN §2.4 in the layout: many paragraphs of long words, each shifted by
 * a few letters, hyphenate many lines, yet never three in a row and never
 * at the end of a page (with the page breaks moved line by line); the words of
 * a name the form gives (the doc's nohyphen) are broken in a document that does
 * not name them, never in one that does.
 */
static void
test_hyphen_rules(void)
{
	static const char *const names[] = {
	    "Établissements Interministériels Métropolitains", NULL};
	static const char *const words[] = {
	    "Établissements", "Interministériels", "Métropolitains", NULL};
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	size_t longest, at_end, hyphen = 0;
	struct lines ls;
	int k, named;

	for (k = 0; k < 30; k++)
		add_paraf(d, d->root, NULL, "%.*s%s", 2 * k,
			  "a b c d e f g h i j k l m n o p q r s t u v w x y z "
			  "a b c d e ",
			  long_words);
	p = run(d);
	if (OK(p != NULL, "hyphen rules: laid out")) {
		check_common("hyphen rules", p, 0);
		body_lines(p, &ls);
		for (size_t i = 0; i < ls.n; i++)
			hyphen += ls.v[i].it->hyphen != 0;
		free(ls.v);
		longest = ladder(p, &at_end);
		printf("# %zu hyphenated lines on %zu pages, at most %zu in a "
		       "row\n",
		       hyphen, p->n, longest);
		OK(hyphen >= 40, "hyphen rules: many lines hyphenated");
		OK(p->n >= 3, "hyphen rules: over several pages");
		OK(longest <= PP_HYPHEN_LADDER_MAX,
		   "hyphen rules: never more than two hyphenated lines in a "
		   "row");
		INT_EQ(at_end, 0, "hyphen rules: no hyphen ends a page");
		pp_pages_free(p);
	}
	pp_doc_free(d);

	/* Page breaks at other lines: one to eight short paragraphs first. */
	for (k = 1, at_end = 0; k <= 8; k++) {
		size_t ends = 0;
		int j;

		d = new_doc();
		for (j = 0; j < k; j++)
			add_para(d, d->root, "Sonde.");
		for (j = 0; j < 12; j++)
			add_paraf(d, d->root, NULL, "%.*s%s", 3 * j,
				  "a b c d e f g h i j k l m n o p q r ",
				  long_words);
		p = run(d);
		if (p != NULL) {
			ladder(p, &ends);
			at_end += ends;
			pp_pages_free(p);
		}
		pp_doc_free(d);
	}
	INT_EQ(at_end, 0,
	       "hyphen rules: no hyphen ends a page, wherever the breaks fall");

	for (named = 0; named < 2; named++) {
		d = new_doc();
		if (named)
			d->nohyphen = names;
		for (k = 0; k < 24; k++)
			add_paraf(d, d->root, NULL,
				  "%.*sles Établissements Interministériels "
				  "Métropolitains, les Établissements "
				  "Interministériels Métropolitains et les "
				  "Établissements Interministériels "
				  "Métropolitains.",
				  k * 2, "ainsi, ainsi, ainsi, ainsi, ainsi, ");
		p = run(d);
		if (p != NULL) {
			size_t broken = names_broken(p, words);

			printf("# names %s: %zu broken\n",
			       named ? "given" : "not given", broken);
			if (named)
				INT_EQ(broken, 0,
				       "hyphen rules: the form's names are "
				       "never hyphenated");
			else
				OK(broken > 0, "hyphen rules: the same words "
					       "are hyphenated when not names");
			pp_pages_free(p);
		}
		pp_doc_free(d);
	}
}

/* d with three pages of one paragraph each, laid out. */
static struct pp_pages *
run_three_pages(struct pp_doc *d)
{
	add_para(d, d->root, "Page une.");
	add_pagebreak(d, d->root);
	add_para(d, d->root, "Page deux.");
	add_pagebreak(d, d->root);
	add_para(d, d->root, "Page trois.");
	return run(d);
}

/* Paraphe boxes (header frames) per page, for a three-page document. */
static void
check_paraphes(int paraphes)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	size_t i, k;
	int boxes[3] = {0, 0, 0};
	char buf[128];

	d->paraphes = paraphes;
	p = run_three_pages(d);
	snprintf(buf, sizeof(buf), "paraphes %d: laid out in three pages",
		 paraphes);
	if (!OK(p != NULL && p->n == 3, buf)) {
		pp_pages_free(p);
		pp_doc_free(d);
		return;
	}
	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++)
			boxes[i] +=
			    p->pages[i].items[k].kind == PP_ITEM_FRAME &&
			    p->pages[i].items[k].header;
	if (paraphes) {
		OK(boxes[0] > 0 && boxes[1] > 0,
		   "paraphes 1: boxes on every page but the last");
		INT_EQ(boxes[2], 0, "paraphes 1: none on the last page");
	} else {
		INT_EQ(boxes[0] + boxes[1] + boxes[2], 0,
		       "paraphes 0: no box anywhere");
	}
	snprintf(buf, sizeof(buf), "paraphes %d", paraphes);
	check_common(buf, p, 0);
	pp_pages_free(p);
	pp_doc_free(d);
}

/* A signature block on page 2 of 3: labelled boxes, one per party, on
 * pages 1 and 3 (annexes are initialled), none on the signature page; the
 * room to sign recorded above each party's last line. */
static void
check_paraphes_signature_page(void)
{
	static const char *const labels[] = {"Ministère", "Partenaire"};
	struct pp_doc *d = new_doc();
	struct pp_node *sig = pp_doc_node_new(d, PP_NODE_SIGNATURES, NULL);
	struct pp_pages *p;
	size_t i, k, j;
	int boxes[3] = {0, 0, 0}, named[3] = {0, 0, 0}, fields = 0;
	double name_y = 0;

	d->paraphes = 1;
	add_para(d, d->root, "Page une.");
	add_pagebreak(d, d->root);
	for (j = 0; j < 2; j++) {
		struct pp_node *party = pp_doc_node_new(d, PP_NODE_PARTY, NULL);

		party->text = labels[j];
		add_para(d, party, "À Paris, le 1er mars 2026");
		add_para(d, party, "la directrice,");
		add_para(d, party, "Claire DUPONT");
		append(sig, party);
	}
	append(d->root, sig);
	add_pagebreak(d, d->root);
	add_para(d, d->root, "Annexe.");
	p = run(d);
	if (!OK(p != NULL && p->n == 3, "signature page: three pages")) {
		pp_pages_free(p);
		pp_doc_free(d);
		return;
	}
	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			boxes[i] += it->kind == PP_ITEM_FRAME && it->header;
			for (j = 0; j < 2; j++)
				named[i] += it->kind == PP_ITEM_TEXT &&
					    it->header && it->text != NULL &&
					    strcmp(it->text, labels[j]) == 0;
			if (it->kind == PP_ITEM_SIGNATURE) {
				fields++;
				name_y = it->y + it->h;
				OK(fabs(it->h -
					PP_MM_TO_PT(PP_SIGNATURE_ROOM_MM)) <
				       EPS,
				   "signature page: room of 25 mm");
			}
			if (it->kind == PP_ITEM_TEXT && it->text != NULL &&
			    strcmp(it->text, "Claire DUPONT") == 0)
				OK(it->y >= name_y - EPS,
				   "signature page: the name under the room");
		}
	INT_EQ(boxes[0], 2, "signature page: two boxes on page 1");
	INT_EQ(named[0], 2, "signature page: each box labelled");
	INT_EQ(boxes[1], 0, "signature page: no box on it");
	INT_EQ(boxes[2], 2, "signature page: two boxes on the annex page");
	INT_EQ(fields, 2, "signature page: a room to sign per party");
	check_common("signature page", p, 0);
	pp_pages_free(p);
	pp_doc_free(d);
}

/* Ends d with « Fait à » and a signature block of two parties. */
static void
end_signed(struct pp_doc *d)
{
	struct pp_node *sig = pp_doc_node_new(d, PP_NODE_SIGNATURES, NULL);

	tail_signatures(d, 1);
	add_party(d, sig, "Pour l'État", "la directrice,", "Claire DUPONT");
	add_party(d, sig, "Pour l'association", "le président,", "Jean MARTIN");
	append(d->root, sig);
}

/* The long clause before the signatures in check_signature_page_start. */
static const char long_clause[] =
    "La présente convention, y compris ses annexes, exprime l'intégralité "
    "de l'accord des Parties relatif à son objet et se substitue à tout "
    "échange ou accord antérieur ayant le même objet. La nullité ou "
    "l'inapplicabilité de l'une de ses stipulations n'affecte pas les "
    "autres ; les Parties conviennent alors d'une stipulation de portée "
    "équivalente. Le fait, pour une Partie, de ne pas se prévaloir d'un "
    "manquement de l'autre ne vaut pas renonciation à s'en prévaloir "
    "ultérieurement. La présente convention est conclue en considération "
    "de la personne des Parties : aucune d'elles ne peut en céder les "
    "droits et obligations sans l'accord préalable et écrit de l'autre.";

/*
 * In handwritten mode the signature page, the one without boxes, opens
 * with a whole block, which the layout records for the ODT
 * (pp_pages.unboxed_start): n filler lines, then a clause of several
 * lines, « Fait à », the signatures; for every n, the first line of the
 * signature page is the first line of the recorded block.  For some n the
 * rule acts: the clause starts the signature page though two of its lines
 * would have fitted on the page before.
 */
static void
check_signature_page_start(void)
{
	const struct pp_style *corps = pp_charte_style(charte, "corps");
	double lh = corps->size * corps->line_height;
	int n, acted = 0, wrong = 0, unrecorded = 0;

	for (n = 30; n < 62; n++) {
		struct pp_doc *d = new_doc();
		struct pp_node *clause;
		struct pp_pages *p;
		struct lines ls;
		size_t i, first = 0, page = 0;
		const char *want;

		d->paraphes = 1;
		add_fillers(d, n, 0);
		clause = add_para(d, d->root, long_clause);
		end_signed(d);
		p = run(d);
		if (p == NULL) {
			wrong++;
			pp_doc_free(d);
			continue;
		}
		body_lines(p, &ls);
		for (i = 0; i < ls.n; i++)
			if (strcmp(style_of(&ls.v[i]), "signature") == 0)
				break;
		if (i < ls.n)
			page = ls.v[i].page;
		while (first < ls.n && ls.v[first].page != page)
			first++;
		if (p->unboxed_start == NULL ||
		    p->unboxed_start->first == NULL ||
		    p->unboxed_start->first->kind != PP_NODE_TEXT) {
			unrecorded++;
		} else if (first < ls.n) {
			/* The first words: a hyphen may end the line. */
			want = p->unboxed_start->first->text;
			if (strncmp(ls.v[first].it->text, want, 12) != 0)
				wrong++;
			if (p->unboxed_start == clause && first > 0 &&
			    ls.v[first - 1].page + 1 == page &&
			    ls.v[first - 1].it->y + 3 * lh < bottom())
				acted++;
		}
		free(ls.v);
		pp_pages_free(p);
		pp_doc_free(d);
	}
	INT_EQ(unrecorded, 0,
	       "signature page start: recorded for every filler");
	INT_EQ(wrong, 0,
	       "signature page start: its first line is the recorded "
	       "block's first");
	OK(acted > 0, "signature page start: a clause that would have "
		      "begun on the page before starts it whole");
}

/*
 * The same with a table of eight rows, introduced by a paragraph, before
 * « Fait à »: when the signature page would begin with the table's later
 * rows (its header repeated above them), the table and the paragraph that
 * introduces it (which never ends a page) open the signature page, and
 * that paragraph is the recorded block; no row is left on the page
 * before, though some would have fitted there.
 */
static void
check_signature_page_table(void)
{
	const struct pp_style *corps = pp_charte_style(charte, "corps");
	double lh = corps->size * corps->line_height;
	int n, acted = 0, split = 0, unrecorded = 0;

	for (n = 24; n < 62; n++) {
		struct pp_doc *d = new_doc();
		struct pp_node *table = pp_doc_node_new(d, PP_NODE_TABLE, NULL);
		struct pp_pages *p;
		struct lines ls;
		size_t i, page = 0, rows_before = 0, rows_on = 0;
		double room = 0;
		int r;

		d->paraphes = 1;
		add_fillers(d, n, 0);
		add_row(d, table, 1, "Colonne A", "Colonne B");
		for (r = 1; r <= 8; r++)
			add_row(d, table, 0, "Une ligne du tableau",
				"Une autre ligne du tableau");
		append(d->root, table);
		end_signed(d);
		p = run(d);
		if (p == NULL) {
			unrecorded++;
			pp_doc_free(d);
			continue;
		}
		body_lines(p, &ls);
		for (i = 0; i < ls.n; i++)
			if (strcmp(style_of(&ls.v[i]), "signature") == 0) {
				page = ls.v[i].page;
				break;
			}
		for (i = 0; i < ls.n; i++) {
			int cell =
			    strcmp(style_of(&ls.v[i]), "tableau_cellule") == 0;

			rows_before += cell && ls.v[i].page + 1 == page;
			rows_on += cell && ls.v[i].page == page;
			if (!cell && ls.v[i].page + 1 == page)
				room = bottom() - ls.v[i].it->y;
		}
		if (p->unboxed_start == NULL)
			unrecorded++;
		else if (rows_before > 0 && rows_on > 0)
			split++;
		else if (p->unboxed_start == table->prev && rows_on > 0 &&
			 room > 4 * lh)
			acted++;
		free(ls.v);
		pp_pages_free(p);
		pp_doc_free(d);
	}
	INT_EQ(unrecorded, 0,
	       "signature page table: recorded for every filler");
	INT_EQ(split, 0,
	       "signature page table: never split across the page before");
	OK(acted > 0, "signature page table: the table and its introduction "
		      "open the page, with room left on the page before");
}

/* A draft says so on every page: PP_DRAFT_MARK in the footer of each of
 * three pages; nothing of it in a document that is not a draft. */
static void
check_draft(int draft)
{
	struct pp_doc *d = new_doc();
	struct pp_pages *p;
	size_t i, k;
	int marks[3] = {0, 0, 0};
	char buf[128];

	d->draft = draft;
	p = run_three_pages(d);
	snprintf(buf, sizeof(buf), "draft %d: laid out in three pages", draft);
	if (!OK(p != NULL && p->n == 3, buf)) {
		pp_pages_free(p);
		pp_doc_free(d);
		return;
	}
	for (i = 0; i < p->n; i++)
		for (k = 0; k < p->pages[i].n; k++) {
			const struct pp_item *it = &p->pages[i].items[k];

			marks[i] += it->kind == PP_ITEM_TEXT && it->header &&
				    it->text != NULL &&
				    strcmp(it->text, PP_DRAFT_MARK) == 0;
		}
	for (i = 0; i < 3; i++) {
		snprintf(buf, sizeof(buf), "draft %d: %s on page %zu", draft,
			 draft ? "the mark" : "no mark", i + 1);
		INT_EQ(marks[i], draft ? 1 : 0, buf);
	}
	pp_pages_free(p);
	pp_doc_free(d);
}

int
main(void)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	struct pp_diags diags;
	struct pp_error err;

	if (datadir == NULL)
		datadir = "..";
	pp_diags_init(&diags);
	pp_error_init(&err);
	charte = pp_charte_load(datadir, "etat", &diags, &err);
	if (!OK(charte != NULL, "the State charter loads")) {
		printf("# %s\n", err.message);
		pp_diags_fini(&diags);
		return harness_done();
	}
	engine = pp_layout_engine_new(charte, &err);
	if (!OK(engine != NULL, "a layout engine")) {
		printf("# %s\n", err.message);
		pp_charte_free(charte);
		pp_diags_fini(&diags);
		return harness_done();
	}

	test_fits_and_spills();
	test_marque();
	test_orphan_widow();
	test_titles();
	test_signatures();
	test_table();
	test_address_in_cell();
	test_table_at_page_end();
	test_breaks();
	test_hyphenation();
	test_hyphen_rules();
	test_long_pagination();
	check_paraphes(1);
	check_paraphes(0);
	check_paraphes_signature_page();
	check_signature_page_start();
	check_signature_page_table();
	check_draft(1);
	check_draft(0);
	INT_EQ(build_errors, 0, "every node found its place in the tree");

	pp_layout_engine_free(engine);
	pp_charte_free(charte);
	pp_diags_fini(&diags);
	return harness_done();
}
