/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the charter report of the check page, from the JSON of
 * "paraphe check --format json --thumbnails DIR" run by a worker.  The
 * PDF's first pages as thumbnails, each finding's box drawn on its page
 * (an SVG over the image, numbered like the list, a plain frame for an
 * error and a dashed one for a warning, with a legend in words); the
 * findings in a table that links to their page and back; the JSON report
 * to download.  An ODT or a DOCX has no fixed pages: its findings are
 * listed by paragraph and style, not drawn.
 */
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "serve-private.h"

/* A box thinner than this (in thumbnail pixels) is drawn this wide, so
 * that a hairline or a point can be seen. */
#define CHECK_MIN_BOX 6.0
/* Boxes drawn on one page at most: beyond, the page would be a red smear
 * (and placing the tabs costs the square of their number); the others are
 * in the caption and the table. */
#define CHECK_MAX_DRAWN 60
/* The height of a box's number tab, in thumbnail pixels. */
#define CHECK_TAB_H 19

struct check_thumb {
	char *png; /* base64 */
	unsigned w, h;
};

/* A job's thumbnail of page pno (base64 and size), 0; -1 when it is missing
 * or not a PNG. */
static int
check_thumb_read(const char *dir, int pno, struct check_thumb *t)
{
	char name[32], *path, *data = NULL;
	gsize len = 0;
	const unsigned char *u;
	static const unsigned char sig[8] = {0x89, 'P',	 'N',  'G',
					     '\r', '\n', 0x1a, '\n'};

	snprintf(name, sizeof(name), "page-%d.png", pno);
	path = g_build_filename(dir, name, NULL);
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		g_free(path);
		return -1;
	}
	g_free(path);
	u = (const unsigned char *)data;
	/* The signature, then the IHDR chunk: its width and height. */
	if (len < 24 || memcmp(u, sig, 8) != 0 || memcmp(u + 12, "IHDR", 4)) {
		g_free(data);
		return -1;
	}
	t->w = (unsigned)u[16] << 24 | (unsigned)u[17] << 16 |
	       (unsigned)u[18] << 8 | u[19];
	t->h = (unsigned)u[20] << 24 | (unsigned)u[21] << 16 |
	       (unsigned)u[22] << 8 | u[23];
	if (t->w == 0 || t->h == 0 || t->w > 4000 || t->h > 4000) {
		g_free(data);
		return -1;
	}
	t->png = g_base64_encode((const guchar *)data, len);
	g_free(data);
	return 0;
}

static const char *
check_str(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	return n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
		       json_node_get_value_type(n) == G_TYPE_STRING
		   ? json_node_get_string(n)
		   : "";
}

/* o's member name when it is a number (or another plain value), or NULL. */
static JsonNode *
check_value(JsonObject *o, const char *name)
{
	JsonNode *n = json_object_get_member(o, name);

	return n != NULL && JSON_NODE_HOLDS_VALUE(n) ? n : NULL;
}

static gint64
check_int(JsonObject *o, const char *name)
{
	JsonNode *n = check_value(o, name);

	return n != NULL ? json_node_get_int(n) : 0;
}

static double
check_double(JsonObject *o, const char *name)
{
	JsonNode *n = check_value(o, name);

	return n != NULL ? json_node_get_double(n) : 0;
}

/* Whether finding c is an error (else a warning). */
static int
check_is_error(JsonObject *c)
{
	return strcmp(check_str(c, "gravite"), "erreur") == 0;
}

/* Finding c's box on its page, in thumbnail pixels; 0 when it has none. */
static int
check_box(JsonObject *c, double *x, double *y, double *w, double *h)
{
	const double k = PP_CHECK_THUMB_DPI / 25.4;
	JsonNode *n = json_object_get_member(c, "boite_mm");
	JsonObject *b;

	if (n == NULL || !JSON_NODE_HOLDS_OBJECT(n))
		return 0;
	b = json_node_get_object(n);
	*x = check_double(b, "x") * k;
	*y = check_double(b, "y") * k;
	*w = check_double(b, "largeur") * k;
	*h = check_double(b, "hauteur") * k;
	if (*w <= 0 && *h <= 0)
		return 0;
	if (*w < CHECK_MIN_BOX) {
		*x -= (CHECK_MIN_BOX - *w) / 2;
		*w = CHECK_MIN_BOX;
	}
	if (*h < CHECK_MIN_BOX) {
		*y -= (CHECK_MIN_BOX - *h) / 2;
		*h = CHECK_MIN_BOX;
	}
	return 1;
}

/* One page: its thumbnail with the boxes of its findings, and a caption
 * listing them as links (the way in for the keyboard and screen readers;
 * the boxes themselves are for the eye and the mouse). */
static void
check_page(GString *s, JsonArray *a, int pno, const struct check_thumb *t)
{
	guint i, n = json_array_get_length(a);
	int listed = 0, located = 0, drawn = 0;
	GString *cap = g_string_new("");
	GArray *tabs = g_array_new(FALSE, FALSE, sizeof(double));

	for (i = 0; i < n; i++) {
		JsonObject *c = json_array_get_object_element(a, i);
		double x, y, w, h;

		if (c == NULL || check_int(c, "page") != pno)
			continue;
		g_string_append_printf(cap, "%s<a href=\"#constat-%u\">%u</a>",
				       listed > 0 ? ", " : "", i + 1, i + 1);
		if (!check_box(c, &x, &y, &w, &h))
			g_string_append(cap, " (non situé)");
		else
			located++;
		listed++;
	}
	g_string_append_printf(
	    s,
	    "<figure class=\"vignette\" id=\"page-%d\">\n"
	    "<svg viewBox=\"0 0 %u %u\" role=\"img\" "
	    "aria-labelledby=\"page-%d-titre\">\n"
	    "<image href=\"data:image/png;base64,%s\" width=\"%u\" "
	    "height=\"%u\"/>\n",
	    pno, t->w, t->h, pno, t->png, t->w, t->h);
	for (i = 0; i < n; i++) {
		JsonObject *c = json_array_get_object_element(a, i);
		double x, y, w, h, tx, ty;
		const char *cls;
		int tw;
		guint k;

		if (c == NULL || check_int(c, "page") != pno ||
		    !check_box(c, &x, &y, &w, &h) || drawn >= CHECK_MAX_DRAWN)
			continue;
		drawn++;
		cls = check_is_error(c) ? "c-erreur" : "c-avert";
		/* The frame a little outside the box, so as not to hide
		 * what it frames; the number in a tab above its top-left
		 * corner, or inside it at the top of the page. */
		x -= 3;
		y -= 3;
		w += 6;
		h += 6;
		ty = y >= CHECK_TAB_H ? y - CHECK_TAB_H : y;
		tw = i + 1 < 10 ? 15 : i + 1 < 100 ? 24 : 33;
		/* Tabs of boxes at the same place go side by side. */
		tx = x;
		for (k = 0; k < tabs->len; k += 3) {
			double *o = &g_array_index(tabs, double, k);

			if (fabs(o[1] - ty) < CHECK_TAB_H && tx < o[0] + o[2] &&
			    tx + tw > o[0]) {
				tx = o[0] + o[2] + 2;
				k = (guint)-3; /* again from the first */
			}
		}
		{
			double tab[3] = {tx, ty, tw};

			g_array_append_vals(tabs, tab, 3);
		}
		g_string_append_printf(
		    s,
		    "<a href=\"#constat-%u\" tabindex=\"-1\" "
		    "aria-hidden=\"true\" class=\"%s\">"
		    "<rect class=\"cadre\" x=\"%.1f\" y=\"%.1f\" "
		    "width=\"%.1f\" height=\"%.1f\"/>"
		    "<rect class=\"num\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" "
		    "height=\"%d\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\">%u</text></a>\n",
		    i + 1, cls, x, y, w, h, tx, ty, tw, CHECK_TAB_H, tx + 3.5,
		    ty + CHECK_TAB_H - 4.5, i + 1);
	}
	g_string_append_printf(s,
			       "</svg>\n<figcaption id=\"page-%d-titre\">"
			       "Page %d",
			       pno, pno);
	if (listed == 0)
		g_string_append(s, " : aucun constat situé sur cette page");
	else
		g_string_append_printf(s, " : constat%s %s",
				       listed > 1 ? "s" : "", cap->str);
	if (located > drawn)
		g_string_append_printf(s,
				       " ; seuls les %d premiers sont encadrés",
				       CHECK_MAX_DRAWN);
	g_string_append(s, "</figcaption>\n</figure>\n");
	g_string_free(cap, TRUE);
	g_array_free(tabs, TRUE);
}

/* The table of findings, numbered as on the pages. */
static void
check_table(GString *s, JsonArray *a, int thumbs)
{
	guint i, n = json_array_get_length(a);

	g_string_append(
	    s, "<table class=\"constats\"><caption>Les constats, dans l'ordre "
	       "du rapport</caption><thead><tr><th scope=\"col\">N°</th>"
	       "<th scope=\"col\">Page</th><th scope=\"col\">Gravité</th>"
	       "<th scope=\"col\">Règle</th><th scope=\"col\">Constat</th>"
	       "<th scope=\"col\">Attendu</th></tr></thead><tbody>\n");
	for (i = 0; i < n; i++) {
		JsonObject *c = json_array_get_object_element(a, i);
		gint64 page;

		if (c == NULL)
			continue;
		page = check_int(c, "page");
		g_string_append_printf(
		    s,
		    "<tr id=\"constat-%u\" class=\"%s\">"
		    "<th scope=\"row\">%u</th><td>",
		    i + 1, check_is_error(c) ? "c-erreur" : "c-avert", i + 1);
		if (page <= 0)
			g_string_append(s, "tout le document");
		else if (page <= thumbs)
			g_string_append_printf(
			    s,
			    "<a href=\"#page-%" G_GINT64_FORMAT
			    "\">page %" G_GINT64_FORMAT "</a>",
			    page, page);
		else
			g_string_append_printf(s, "page %" G_GINT64_FORMAT,
					       page);
		g_string_append(s, "</td><td>");
		serve_html_escape(s, check_str(c, "gravite"));
		g_string_append(s, "</td><td>");
		serve_html_escape(s, check_str(c, "regle"));
		g_string_append(s, "</td><td>");
		serve_html_escape(s, check_str(c, "constat"));
		g_string_append(s, "</td><td>");
		serve_html_escape(s, check_str(c, "attendu"));
		g_string_append(s, "</td></tr>\n");
	}
	g_string_append(s, "</tbody></table>\n");
}

void
serve_check_report(GString *s, const GString *json, const char *thumbdir,
		   int pdf)
{
	JsonParser *p = json_parser_new();
	JsonNode *root;
	JsonObject *o;
	JsonArray *a, *none = json_array_new();
	int pages, conform, i, thumbs = 0;
	char *b64;

	if (json == NULL ||
	    !json_parser_load_from_data(p, json->str, (gssize)json->len,
					NULL) ||
	    (root = json_parser_get_root(p)) == NULL ||
	    !JSON_NODE_HOLDS_OBJECT(root)) {
		g_string_append(s, "<p class=\"erreur\">Le rapport n'a pas pu "
				   "être lu.</p>\n");
		g_object_unref(p);
		json_array_unref(none);
		return;
	}
	o = json_node_get_object(root);
	a = json_object_has_member(o, "constats") &&
		    JSON_NODE_HOLDS_ARRAY(json_object_get_member(o, "constats"))
		? json_object_get_array_member(o, "constats")
		: none;
	conform = json_object_has_member(o, "conforme") &&
		  json_object_get_boolean_member(o, "conforme");
	pages = (int)check_int(o, "pages");
	g_string_append_printf(
	    s,
	    "<p class=\"resume%s\">%s : %" G_GINT64_FORMAT
	    " erreur(s), %" G_GINT64_FORMAT " avertissement(s)",
	    conform ? " ok" : "", conform ? "Conforme" : "Non conforme",
	    check_int(o, "erreurs"), check_int(o, "avertissements"));
	if (pdf)
		g_string_append_printf(s, ", %d page(s) lue(s)", pages);
	g_string_append(s, ".</p>\n");
	b64 = g_base64_encode((const guchar *)json->str, json->len);
	g_string_append_printf(
	    s,
	    "<p><a class=\"bouton\" download=\"rapport-controle.json\" "
	    "type=\"application/json\" "
	    "href=\"data:application/json;base64,%s\">Télécharger le "
	    "rapport (JSON)</a></p>\n",
	    b64);
	g_free(b64);
	if (pdf) {
		GString *figs = g_string_new("");

		for (i = 1; i <= pages && i <= PP_CHECK_THUMB_PAGES; i++) {
			struct check_thumb t;

			if (check_thumb_read(thumbdir, i, &t) != 0)
				break;
			check_page(figs, a, i, &t);
			g_free(t.png);
			thumbs = i;
		}
		if (thumbs > 0) {
			g_string_append(
			    s,
			    "<h2>Les pages</h2>\n<p class=\"legende\">Chaque "
			    "constat situé sur une page y est encadré et "
			    "numéroté comme dans la liste : <span "
			    "class=\"cle c-erreur\">cadre plein rouge</span> "
			    "pour une erreur, <span class=\"cle "
			    "c-avert\">cadre "
			    "en tirets orange</span> pour un avertissement. "
			    "Les numéros sous chaque page mènent aux "
			    "constats.</p>\n<div class=\"vignettes\">\n");
			g_string_append_len(s, figs->str, (gssize)figs->len);
			g_string_append(s, "</div>\n");
		}
		if (thumbs < pages && thumbs < PP_CHECK_THUMB_PAGES)
			g_string_append(s,
					"<p>Les pages de ce PDF n'ont pas pu "
					"toutes être dessinées ; leurs "
					"constats sont dans la liste.</p>\n");
		else if (thumbs < pages)
			g_string_append_printf(
			    s,
			    "<p>Seules les %d premières pages sont montrées ; "
			    "les constats des suivantes sont dans la liste."
			    "</p>\n",
			    thumbs);
		g_string_free(figs, TRUE);
	} else {
		g_string_append(
		    s,
		    "<p class=\"legende\">Un ODT ou un DOCX n'a pas de pages "
		    "fixes (le traitement de texte les compose à "
		    "l'ouverture) : ses constats sont situés par paragraphe "
		    "et par style, sans être dessinés sur des pages.</p>\n");
	}
	if (json_array_get_length(a) > 0) {
		g_string_append(s, "<h2>Les constats</h2>\n");
		check_table(s, a, thumbs);
	} else {
		g_string_append(s, "<p>Aucun constat.</p>\n");
	}
	json_array_unref(none);
	g_object_unref(p);
}
