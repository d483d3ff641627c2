/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The rules of paraphe check on a DOCX (WordprocessingML, ECMA-376), as
 * on an ODT: the package opened and its parts read under the limits of
 * check_zip.c; the typefaces of the styles, the defaults and the runs
 * (w:rFonts, theme fonts resolved through word/theme/theme1.xml), not
 * those word/fontTable.xml merely lists (LibreOffice and Word list Times
 * New Roman in every document, whether or not any text is set in it); the
 * colours (w:color, w:shd, w:highlight, theme colours resolved) against the
 * palette; text sizes (w:sz, half-points) against the charter's minimum; the
 * page size (w:pgSz); an image in a page header (the bloc-marque); the title
 * (docProps/core.xml); macros and ActiveX controls (script), embedded files
 * (fichier-incorpore).
 */
#include <glib.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_private.h"
#include "i18n.h"

/* Header, footer and note parts read, beyond which a DOCX is refused. */
#define CHECK_DOCX_MAX_PARTS 256

struct check_docx {
	struct pp_check_pkg *p;
	struct pp_check *r;
	const struct pp_charte *c;
	struct pp_check_fonts fonts;
	GHashTable *colors;	  /* "#RRGGBB" judged */
	GHashTable *theme_colors; /* "accent1" -> "RRGGBB" (theme1.xml) */
	GHashTable *theme_fonts;  /* "minorHAnsi" -> typeface */
	int marque;		  /* an image in a page header */
	/* The part being walked, and where in it. */
	const char *part;
	int paragraph;	   /* w:p met so far, 1-based */
	const char *style; /* the w:styleId of the style around, or NULL */
	int link;	   /* in a style of links */
	int header;	   /* the part is a page header */
	char *image;	   /* the relationship id of its first image */
	double small_pt;   /* the smallest text of the part, 0: none */
	char small_where[160];
};

/* 1 when n is the element local in WordprocessingML or DrawingML (any
 * namespace: the prefixes vary, the local names do not). */
static int
check_is(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE &&
	       xmlStrcmp(n->name, BAD_CAST local) == 0;
}

/* An attribute by its local name (the w: prefix), NULL when absent;
 * xmlFree'd by the caller. */
static char *
check_attr(xmlNode *n, const char *local)
{
	return (char *)xmlGetProp(n, BAD_CAST local);
}

/* Where the walk is, for a finding: "word/styles.xml, style Titre1". */
static void
check_docx_where(const struct check_docx *o, char *buf, size_t len)
{
	if (o->style != NULL)
		snprintf(buf, len, _("%s, style %s"), o->part, o->style);
	else if (o->paragraph > 0)
		snprintf(buf, len, _("%s, paragraph %d"), o->part,
			 o->paragraph);
	else
		snprintf(buf, len, "%s", o->part);
}

/* The font name, judged once per file (pp_check_font). */
static void
check_docx_font(struct check_docx *o, const char *name)
{
	char *f;

	if (name == NULL)
		return;
	f = g_strstrip(g_strdup(name));
	if (f[0] != '\0')
		pp_check_font(o->r, o->c, f, NULL, -1, 0, &o->fonts, NULL);
	g_free(f);
}

/* w:rFonts: the faces named, and those of the theme referred to. */
static void
check_docx_rfonts(struct check_docx *o, xmlNode *n)
{
	static const char *const named[] = {"ascii", "hAnsi", "eastAsia", "cs"};
	static const char *const themed[] = {"asciiTheme", "hAnsiTheme",
					     "eastAsiaTheme", "cstheme"};
	size_t k;

	for (k = 0; k < 4; k++) {
		char *v = check_attr(n, named[k]);
		char *t = check_attr(n, themed[k]);

		/* a theme font, when named, is the one in use */
		const char *tf =
		    t != NULL ? g_hash_table_lookup(o->theme_fonts, t) : NULL;

		check_docx_font(o, tf != NULL ? tf : v);
		xmlFree(v);
		xmlFree(t);
	}
}

/* v's six hexadecimal digits as a colour, 0; -1 when v is not one
 * ("auto"). */
static int
check_docx_hex(const char *v, struct pp_color *col, char hex[8])
{
	size_t i;

	if (v == NULL || strlen(v) != 6)
		return -1;
	for (i = 0; i < 6; i++)
		if (!g_ascii_isxdigit(v[i]))
			return -1;
	hex[0] = '#';
	for (i = 0; i < 6; i++)
		hex[i + 1] = g_ascii_toupper(v[i]);
	hex[7] = '\0';
	return pp_color_parse(hex, col);
}

/* The colour value (or, when it is not one, the theme colour themed, with
 * its tint or shade) met at n: judged once per file. */
static void
check_docx_colour(struct check_docx *o, const char *value, const char *themed,
		  const char *tint, const char *shade)
{
	struct pp_color col;
	char hex[8], where[200], what[64];

	if (check_docx_hex(value, &col, hex) == 0) {
		snprintf(what, sizeof(what), "%s", hex);
	} else if (themed != NULL) {
		const char *base = g_hash_table_lookup(o->theme_colors, themed);
		double t = tint ? (double)strtol(tint, NULL, 16) / 255 : 1;
		double s = shade ? (double)strtol(shade, NULL, 16) / 255 : 1;

		if (check_docx_hex(base, &col, hex) != 0)
			return;
		/* a tint towards white, a shade towards black */
		if (t >= 0 && t <= 1 && s >= 0 && s <= 1) {
			col.r = (col.r * t + 1 - t) * s;
			col.g = (col.g * t + 1 - t) * s;
			col.b = (col.b * t + 1 - t) * s;
		}
		snprintf(hex, sizeof(hex), "#%02X%02X%02X",
			 (unsigned)(col.r * 255 + 0.5),
			 (unsigned)(col.g * 255 + 0.5),
			 (unsigned)(col.b * 255 + 0.5));
		snprintf(what, sizeof(what), _("%s (theme colour %.20s)"), hex,
			 themed);
	} else {
		return;
	}
	if (g_hash_table_contains(o->colors, hex))
		return;
	/* A link style's own colour is not judged, nor taken as seen for
	 * other elements (as in an ODT). */
	if (o->link && pp_check_link_colour(&col))
		return;
	g_hash_table_add(o->colors, g_strdup(hex));
	check_docx_where(o, where, sizeof(where));
	pp_check_colour(o->r, o->c, &col, 0, NULL, _("the colour %s in %s"),
			what, where);
}

/* w:highlight's names (ECMA-376 17.18.40). */
static const char *
check_docx_highlight(const char *name)
{
	static const char *const names[][2] = {
	    {"black", "000000"},     {"blue", "0000FF"},
	    {"cyan", "00FFFF"},	     {"green", "00FF00"},
	    {"magenta", "FF00FF"},   {"red", "FF0000"},
	    {"yellow", "FFFF00"},    {"white", "FFFFFF"},
	    {"darkBlue", "000080"},  {"darkCyan", "008080"},
	    {"darkGreen", "008000"}, {"darkMagenta", "800080"},
	    {"darkRed", "800000"},   {"darkYellow", "808000"},
	    {"darkGray", "808080"},  {"lightGray", "C0C0C0"},
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i][0]) == 0)
			return names[i][1];
	return NULL;
}

/* 1 when the style id is one of links (Word's and LibreOffice's). */
static int
check_docx_link_style(const char *id)
{
	static const char *const ids[] = {"Hyperlink", "FollowedHyperlink",
					  "InternetLink", "VisitedInternetLink",
					  "Internetlink"};
	size_t i;

	for (i = 0; id != NULL && i < sizeof(ids) / sizeof(ids[0]); i++)
		if (strcmp(id, ids[i]) == 0)
			return 1;
	return 0;
}

/* The attributes of n the rules read. */
static void
check_docx_element(struct check_docx *o, xmlNode *n, int mark)
{
	if (check_is(n, "rFonts")) {
		check_docx_rfonts(o, n);
	} else if (check_is(n, "color") || check_is(n, "shd")) {
		int shd = check_is(n, "shd");
		char *v = check_attr(n, shd ? "fill" : "val");
		char *t = check_attr(n, shd ? "themeFill" : "themeColor");
		char *ti = check_attr(n, shd ? "themeFillTint" : "themeTint");
		char *sh = check_attr(n, shd ? "themeFillShade" : "themeShade");

		check_docx_colour(o, v, t, ti, sh);
		xmlFree(v);
		xmlFree(t);
		xmlFree(ti);
		xmlFree(sh);
	} else if (check_is(n, "highlight")) {
		char *v = check_attr(n, "val");

		check_docx_colour(o, check_docx_highlight(v), NULL, NULL, NULL);
		xmlFree(v);
	} else if (check_is(n, "sz") && !mark) {
		/* w:sz in half-points; not a paragraph mark's (an empty
		 * line's height, no text) */
		char *v = check_attr(n, "val");
		char *end = NULL;
		long half = v != NULL ? strtol(v, &end, 10) : -1;

		if (end != NULL && *end == '\0' && half > 0 && half < 3200 &&
		    (o->small_pt == 0 || half / 2.0 < o->small_pt)) {
			o->small_pt = half / 2.0;
			check_docx_where(o, o->small_where,
					 sizeof(o->small_where));
		}
		xmlFree(v);
	} else if (o->header && o->image == NULL &&
		   (check_is(n, "blip") || check_is(n, "imagedata"))) {
		/* a:blip r:embed (DrawingML), v:imagedata r:id (VML) */
		o->image = check_attr(n, check_is(n, "blip") ? "embed" : "id");
	} else if (check_is(n, "pgSz")) {
		static const char *const sides[] = {"w", "h"};
		int k;

		for (k = 0; k < 2; k++) {
			char *v = check_attr(n, sides[k]);
			char *end = NULL;
			long twips = v != NULL ? strtol(v, &end, 10) : -1;
			char spelt[64];

			if (end != NULL && *end == '\0' && twips > 0 &&
			    twips < 31680) {
				snprintf(spelt, sizeof(spelt), "%.1f mm",
					 PP_PT_TO_MM(twips / 20.0));
				pp_check_page_side(o->r, o->c, k == 0,
						   twips / 20.0, spelt,
						   o->part);
			}
			xmlFree(v);
		}
	}
}

/* mark: inside a paragraph mark's run properties (w:pPr/w:rPr). */
static void
check_docx_walk(struct check_docx *o, xmlNode *n, int mark)
{
	for (; n != NULL; n = n->next) {
		const char *style = o->style;
		int link = o->link;
		char *id = NULL;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (check_is(n, "p"))
			o->paragraph++;
		if (check_is(n, "style")) {
			id = check_attr(n, "styleId");
			o->style = id;
			o->link = check_docx_link_style(id);
		} else if (check_is(n, "docDefaults")) {
			o->style = "docDefaults";
		}
		check_docx_element(o, n, mark);
		check_docx_walk(o, n->children,
				mark || (check_is(n, "rPr") && n->parent &&
					 check_is(n->parent, "pPr")));
		o->style = style;
		o->link = link;
		xmlFree(id);
	}
}

/* Walks the XML part name (absent: nothing); 0, -1 with err filled. */
static int
check_docx_part(struct check_docx *o, const char *name, struct pp_error *err)
{
	xmlDocPtr xml;
	int got = pp_check_pkg_xml(o->p, name, &xml, err);

	if (got != 0)
		return got < 0 ? -1 : 0;
	o->part = name;
	o->paragraph = 0;
	o->style = NULL;
	o->link = 0;
	o->small_pt = 0;
	check_docx_walk(o, xmlDocGetRootElement(xml), 0);
	xmlFreeDoc(xml);
	if (o->small_pt > 0 && o->small_pt + 0.05 < o->c->rules.min_text_size) {
		char exp[64];

		snprintf(exp, sizeof(exp), _("at least %.1f pt"),
			 o->c->rules.min_text_size);
		pp_check_add(o->r, PP_RULE_TEXTE_TROP_PETIT, 0, 0, 0, 0, 0, exp,
			     _("text set in %.1f pt in %s"), o->small_pt,
			     o->small_where);
	}
	return 0;
}

/* The first element named local under n (depth first), NULL if none. */
static xmlNode *
check_docx_find(xmlNode *n, const char *local)
{
	for (; n != NULL; n = n->next) {
		xmlNode *in;

		if (check_is(n, local))
			return n;
		if (n->type == XML_ELEMENT_NODE &&
		    (in = check_docx_find(n->children, local)) != NULL)
			return in;
	}
	return NULL;
}

/* The theme: its colour scheme and its major and minor fonts, which
 * w:themeColor and w:asciiTheme... refer to. */
static int
check_docx_theme(struct check_docx *o, struct pp_error *err)
{
	/* w:themeColor's names and the scheme's elements */
	static const char *const colours[][2] = {
	    {"dark1", "dk1"},	    {"light1", "lt1"},
	    {"dark2", "dk2"},	    {"light2", "lt2"},
	    {"text1", "dk1"},	    {"background1", "lt1"},
	    {"text2", "dk2"},	    {"background2", "lt2"},
	    {"accent1", "accent1"}, {"accent2", "accent2"},
	    {"accent3", "accent3"}, {"accent4", "accent4"},
	    {"accent5", "accent5"}, {"accent6", "accent6"},
	    {"hyperlink", "hlink"}, {"followedHyperlink", "folHlink"},
	};
	/* w:asciiTheme's values: the font, the script */
	static const char *const fonts[][3] = {
	    {"majorAscii", "majorFont", "latin"},
	    {"majorHAnsi", "majorFont", "latin"},
	    {"majorEastAsia", "majorFont", "ea"},
	    {"majorBidi", "majorFont", "cs"},
	    {"minorAscii", "minorFont", "latin"},
	    {"minorHAnsi", "minorFont", "latin"},
	    {"minorEastAsia", "minorFont", "ea"},
	    {"minorBidi", "minorFont", "cs"},
	};
	xmlDocPtr xml;
	xmlNode *root, *scheme, *e;
	size_t i;
	int got = pp_check_pkg_xml(o->p, "word/theme/theme1.xml", &xml, err);

	if (got != 0)
		return got < 0 ? -1 : 0;
	root = xmlDocGetRootElement(xml);
	scheme = check_docx_find(root, "clrScheme");
	for (i = 0; scheme != NULL && i < sizeof(colours) / sizeof(colours[0]);
	     i++) {
		xmlNode *slot =
		    check_docx_find(scheme->children, colours[i][1]);
		char *v = NULL;

		if (slot == NULL)
			continue;
		for (e = slot->children; e != NULL && v == NULL; e = e->next)
			if (check_is(e, "srgbClr"))
				v = check_attr(e, "val");
			else if (check_is(e, "sysClr"))
				v = check_attr(e, "lastClr");
		if (v != NULL)
			g_hash_table_insert(o->theme_colors,
					    g_strdup(colours[i][0]),
					    g_strdup(v));
		xmlFree(v);
	}
	for (i = 0; i < sizeof(fonts) / sizeof(fonts[0]); i++) {
		xmlNode *f = check_docx_find(root, fonts[i][1]);
		char *face;

		if (f == NULL)
			continue;
		for (e = f->children; e != NULL; e = e->next)
			if (check_is(e, fonts[i][2]))
				break;
		face = e != NULL ? check_attr(e, "typeface") : NULL;
		if (face != NULL && face[0] != '\0')
			g_hash_table_insert(o->theme_fonts,
					    g_strdup(fonts[i][0]),
					    g_strdup(face));
		xmlFree(face);
	}
	xmlFreeDoc(xml);
	return 0;
}

/* The target of the relationship id in the part's relationships
 * (word/_rels/NAME.rels), as a name in the package; NULL when none.
 * g_free'd by the caller. */
static char *
check_docx_target(struct pp_check_pkg *p, const char *part, const char *id,
		  struct pp_error *err)
{
	const char *base = strrchr(part, '/') + 1;
	char *rels = g_strdup_printf("word/_rels/%s.rels", base);
	char *target = NULL;
	xmlDocPtr xml;
	xmlNode *n;

	if (pp_check_pkg_xml(p, rels, &xml, err) != 0) {
		g_free(rels);
		return NULL;
	}
	g_free(rels);
	for (n = xmlDocGetRootElement(xml)->children; n != NULL && !target;
	     n = n->next) {
		char *rid, *t, *mode;

		if (!check_is(n, "Relationship"))
			continue;
		rid = check_attr(n, "Id");
		t = check_attr(n, "Target");
		mode = check_attr(n, "TargetMode");
		if (rid != NULL && t != NULL && strcmp(rid, id) == 0 &&
		    (mode == NULL || strcmp(mode, "External") != 0))
			target = t[0] == '/' ? g_strdup(t + 1)
					     : g_strconcat("word/", t, NULL);
		xmlFree(rid);
		xmlFree(t);
		xmlFree(mode);
	}
	xmlFreeDoc(xml);
	return target;
}

/* A page header holding an image the package holds: the bloc-marque. */
static int
check_docx_header(struct check_docx *o, const char *name, struct pp_error *err)
{
	char *target;
	int rc;

	o->header = 1;
	rc = check_docx_part(o, name, err);
	o->header = 0;
	if (rc != 0 || o->image == NULL)
		return rc;
	target = check_docx_target(o->p, name, o->image, err);
	xmlFree(o->image);
	o->image = NULL;
	o->marque |= target != NULL && pp_check_pkg_has(o->p, target);
	g_free(target);
	return err->set ? -1 : 0;
}

/* Macros (vbaProject.bin, a macro-enabled content type), ActiveX controls,
 * embedded files (word/embeddings/): as check_odt_entries. */
static int
check_docx_entries(struct check_docx *o, struct pp_error *err)
{
	GHashTable *objects =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *script = NULL;
	long long i;
	xmlDocPtr types;
	xmlNode *n;

	for (i = 0; i < o->p->n; i++) {
		const char *name = pp_check_pkg_name(o->p, i);
		const char *base;

		if (name == NULL)
			continue;
		base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		if (script == NULL &&
		    (g_ascii_strcasecmp(base, "vbaProject.bin") == 0 ||
		     g_ascii_strcasecmp(base, "vbaData.xml") == 0 ||
		     (g_str_has_prefix(name, "word/activeX/") &&
		      base[0] != '\0')))
			script = g_strdup(name);
		if (g_str_has_prefix(name, "word/embeddings/") &&
		    base[0] != '\0' && strlen(base) <= 64 &&
		    g_hash_table_size(objects) < 100)
			g_hash_table_add(objects, g_strdup(base));
	}
	if (pp_check_pkg_xml(o->p, "[Content_Types].xml", &types, err) != 0) {
		struct pp_pos pos = {o->p->path, 0, 0};

		if (!err->set)
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this DOCX has no [Content_Types].xml: "
				       "it is damaged or is not a DOCX"));
		g_free(script);
		g_hash_table_destroy(objects);
		return -1;
	}
	for (n = xmlDocGetRootElement(types)->children;
	     n != NULL && script == NULL; n = n->next) {
		char *type = check_attr(n, "ContentType");

		if (type != NULL && (strstr(type, "macroEnabled") != NULL ||
				     strstr(type, "vbaProject") != NULL))
			script = g_strdup(type);
		xmlFree(type);
	}
	xmlFreeDoc(types);
	if (script != NULL)
		pp_check_add(o->r, PP_RULE_SCRIPT, 0, 0, 0, 0, 0,
			     _("no script in a document to be signed"),
			     _("the DOCX holds macros or controls (%s)"),
			     script);
	g_free(script);
	{
		GList *names = g_hash_table_get_keys(objects), *l;

		names = g_list_sort(names, (GCompareFunc)strcmp);
		for (l = names; l != NULL; l = l->next)
			pp_check_add(
			    o->r, PP_RULE_FICHIER_INCORPORE, 0, 0, 0, 0, 0,
			    _("no embedded file, or one checked on its own"),
			    _("the DOCX holds the embedded file %s"),
			    (const char *)l->data);
		g_list_free(names);
	}
	g_hash_table_destroy(objects);
	return 0;
}

/* docProps/core.xml's dc:title, not blank. */
static int
check_docx_title(struct check_docx *o, struct pp_error *err)
{
	xmlDocPtr xml;
	xmlNode *t;
	int titled = 0;
	int got = pp_check_pkg_xml(o->p, "docProps/core.xml", &xml, err);

	if (got < 0)
		return -1;
	if (got == 0) {
		t = check_docx_find(xmlDocGetRootElement(xml), "title");
		if (t != NULL) {
			xmlChar *text = xmlNodeGetContent(t);

			char *copy = g_strdup((const char *)text);

			titled = copy != NULL && g_strstrip(copy)[0] != '\0';
			g_free(copy);
			xmlFree(text);
		}
		xmlFreeDoc(xml);
	}
	if (!titled)
		pp_check_add(o->r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
			     _("a title in the document's properties"),
			     _("the DOCX has no title"));
	return 0;
}

static gint
check_docx_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The parts of the document besides word/document.xml, in name order:
 * headers first (the bloc-marque), then footers and notes. */
static GPtrArray *
check_docx_parts(const struct pp_check_pkg *p, int headers)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	long long i;

	for (i = 0; i < p->n; i++) {
		const char *name = pp_check_pkg_name(p, i);

		/* word/NAME.xml, not in a subfolder */
		if (name == NULL || !g_str_has_prefix(name, "word/") ||
		    !g_str_has_suffix(name, ".xml") ||
		    strchr(name + strlen("word/"), '/') != NULL)
			continue;
		if (headers ? g_str_has_prefix(name, "word/header")
			    : (g_str_has_prefix(name, "word/footer") ||
			       strcmp(name, "word/footnotes.xml") == 0 ||
			       strcmp(name, "word/endnotes.xml") == 0))
			g_ptr_array_add(names, g_strdup(name));
	}
	g_ptr_array_sort(names, check_docx_cmp);
	return names;
}

int
pp_check_docx(struct pp_check_pkg *p, const struct pp_charte *c,
	      struct pp_check *r, struct pp_error *err)
{
	struct pp_pos pos = {p->path, 0, 0};
	struct check_docx o;
	GPtrArray *parts[2] = {NULL, NULL};
	guint i;
	int k, rc = -1;

	memset(&o, 0, sizeof(o));
	o.p = p;
	o.r = r;
	o.c = c;
	pp_check_fonts_init(&o.fonts);
	o.colors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	o.theme_colors =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	o.theme_fonts =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	if (!pp_check_pkg_has(p, "word/document.xml")) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this DOCX has no word/document.xml: it is "
			       "damaged or is not a Word document"));
		goto out;
	}
	parts[0] = check_docx_parts(p, 1);
	parts[1] = check_docx_parts(p, 0);
	if (parts[0]->len + parts[1]->len > CHECK_DOCX_MAX_PARTS) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("this DOCX has more than %d headers, footers "
			       "and notes: refused"),
			     CHECK_DOCX_MAX_PARTS);
		goto out;
	}
	if (check_docx_entries(&o, err) != 0 ||
	    check_docx_theme(&o, err) != 0 ||
	    check_docx_part(&o, "word/styles.xml", err) != 0 ||
	    check_docx_part(&o, "word/document.xml", err) != 0)
		goto out;
	for (k = 0; k < 2; k++)
		for (i = 0; i < parts[k]->len; i++)
			if ((k == 0
				 ? check_docx_header(
				       &o, g_ptr_array_index(parts[k], i), err)
				 : check_docx_part(
				       &o, g_ptr_array_index(parts[k], i),
				       err)) != 0)
				goto out;
	if (check_docx_title(&o, err) != 0)
		goto out;
	if (!o.marque)
		pp_check_no_header_image(r);
	rc = 0;
out:
	for (k = 0; k < 2; k++)
		if (parts[k] != NULL)
			g_ptr_array_free(parts[k], TRUE);
	xmlFree(o.image);
	pp_check_fonts_fini(r, c, &o.fonts);
	g_hash_table_destroy(o.colors);
	g_hash_table_destroy(o.theme_colors);
	g_hash_table_destroy(o.theme_fonts);
	return rc;
}
