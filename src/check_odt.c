/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The rules of paraphe check on an ODT: the package opened and its parts
 * read under the limits of check_zip.c, styles.xml and content.xml walked
 * for typefaces, colours against the palette, the page size and a frame
 * in a page header (the bloc-marque); meta.xml for the title; the
 * entries for macros and embedded objects.
 */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "check_private.h"
#include "i18n.h"

static double
check_length_pt(const char *v)
{
	char *end;
	double x = g_ascii_strtod(v, &end);

	if (strcmp(end, "mm") == 0)
		return PP_MM_TO_PT(x);
	if (strcmp(end, "cm") == 0)
		return PP_MM_TO_PT(x * 10);
	if (strcmp(end, "in") == 0)
		return x * 72;
	if (strcmp(end, "pt") == 0)
		return x;
	return -1;
}

struct check_odt {
	struct pp_check *r;
	const struct pp_charte *c;
	struct pp_check_fonts fonts;
	GHashTable *colors;
	int marque; /* a frame in a first-page header */
	int script; /* an event listener reported */
};

/* 1 when n is LibreOffice's style for links or visited links. */
static int
check_odt_link_style(xmlNode *n)
{
	xmlChar *name;
	int link;

	if (xmlStrcmp(n->name, BAD_CAST "style") != 0)
		return 0;
	name = xmlGetProp(n, BAD_CAST "name");
	link = name != NULL &&
	       (xmlStrcmp(name, BAD_CAST "Internet_20_link") == 0 ||
		xmlStrcmp(name, BAD_CAST "Visited_20_Internet_20_Link") == 0);
	xmlFree(name);
	return link;
}

/* in_link: n is inside a link style (check_odt_link_style). */
static void
check_odt_walk(struct check_odt *o, xmlNode *n, const char *part, int in_header,
	       int in_link)
{
	for (; n != NULL; n = n->next) {
		xmlAttr *a;
		int header = in_header;
		int link = in_link;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		link |= check_odt_link_style(n);
		if (xmlStrcmp(n->name, BAD_CAST "header") == 0 ||
		    xmlStrcmp(n->name, BAD_CAST "header-first") == 0)
			header = 1;
		if (header && xmlStrcmp(n->name, BAD_CAST "frame") == 0)
			o->marque = 1;
		/* office:event-listeners: a script run on an event. */
		if (xmlStrcmp(n->name, BAD_CAST "event-listener") == 0 &&
		    !o->script) {
			o->script = 1;
			pp_check_add(o->r, PP_RULE_SCRIPT, 0, 0, 0, 0, 0,
				     _("no script in a document to be signed"),
				     _("%s, line %d: a script run on an event"),
				     part, (int)xmlGetLineNo(n));
		}
		for (a = n->properties; a != NULL; a = a->next) {
			xmlChar *v = xmlNodeGetContent((xmlNode *)a);
			const char *name = (const char *)a->name;

			if (v == NULL)
				continue;
			if (strcmp(name, "font-family") == 0 ||
			    (strcmp(name, "name") == 0 &&
			     xmlStrcmp(n->name, BAD_CAST "font-face") == 0)) {
				char *f = g_strdup((const char *)v);

				g_strdelimit(f, "'\"", ' ');
				g_strstrip(f);
				pp_check_font(o->r, o->c, f, NULL, -1, 0,
					      &o->fonts, NULL);
				g_free(f);
			}
			if ((strcmp(name, "color") == 0 ||
			     strcmp(name, "background-color") == 0) &&
			    v[0] == '#' &&
			    !g_hash_table_contains(o->colors, v)) {
				struct pp_color col;
				int ok =
				    pp_color_parse((const char *)v, &col) == 0;

				/* A link style's own colour is not judged,
				 * nor taken as seen for other elements. */
				if (ok && link && pp_check_link_colour(&col))
					ok = 0;
				else
					g_hash_table_add(
					    o->colors,
					    g_strdup((const char *)v));
				if (ok)
					pp_check_colour(
					    o->r, o->c, &col, 0, NULL,
					    _("the colour %s in %s, line %d"),
					    (const char *)v, part,
					    (int)xmlGetLineNo(n));
			}
			if (xmlStrcmp(n->name,
				      BAD_CAST "page-layout-properties") == 0 &&
			    (strcmp(name, "page-width") == 0 ||
			     strcmp(name, "page-height") == 0)) {
				pp_check_page_side(
				    o->r, o->c, name[5] == 'w',
				    check_length_pt((const char *)v),
				    (const char *)v, part);
			}
			xmlFree(v);
		}
		check_odt_walk(o, n->children, part, header, link);
	}
}

/* Macros (Basic/, Scripts/) and embedded objects ("Object 1/", an OLE
 * object or another document) among the package's n entries: one finding
 * for the macros, one per object. */
static void
check_odt_entries(const struct pp_check_pkg *p, struct pp_check *r)
{
	GHashTable *objects =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *script = NULL;
	long long i;

	for (i = 0; i < p->n; i++) {
		const char *name = pp_check_pkg_name(p, i);
		const char *slash;

		if (name == NULL)
			continue;
		slash = strchr(name, '/');
		if (script == NULL && slash != NULL && slash[1] != '\0' &&
		    (g_str_has_prefix(name, "Basic/") ||
		     g_str_has_prefix(name, "Scripts/")))
			script = name;
		if (g_str_has_prefix(name, "Object ") ||
		    g_str_has_prefix(name, "ObjectReplacements/Object ")) {
			const char *obj =
			    g_str_has_prefix(name, "Object ")
				? name
				: name + strlen("ObjectReplacements/");
			size_t len = strcspn(obj, "/");

			if (len <= 64 && g_hash_table_size(objects) < 100)
				g_hash_table_add(objects, g_strndup(obj, len));
		}
	}
	if (script != NULL)
		pp_check_add(r, PP_RULE_SCRIPT, 0, 0, 0, 0, 0,
			     _("no script in a document to be signed"),
			     _("the ODT holds macros (%s)"), script);
	{
		GList *names = g_hash_table_get_keys(objects), *l;

		names = g_list_sort(names, (GCompareFunc)strcmp);
		for (l = names; l != NULL; l = l->next)
			pp_check_add(
			    r, PP_RULE_FICHIER_INCORPORE, 0, 0, 0, 0, 0,
			    _("no embedded file, or one checked on its own"),
			    _("the ODT holds the embedded object %s"),
			    (const char *)l->data);
		g_list_free(names);
	}
	g_hash_table_destroy(objects);
}

int
pp_check_odt(struct pp_check_pkg *p, const struct pp_charte *c,
	     struct pp_check *r, struct pp_error *err)
{
	struct pp_pos pos = {p->path, 0, 0};
	static const char *const parts[] = {"styles.xml", "content.xml"};
	struct check_odt o;
	int k, rc = -1;

	check_odt_entries(p, r);
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.c = c;
	pp_check_fonts_init(&o.fonts);
	o.colors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	for (k = 0; k < 2; k++) {
		xmlDocPtr xml;
		int got = pp_check_pkg_xml(p, parts[k], &xml, err);

		if (got == 1)
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("%s is missing or cannot be read"),
				     parts[k]);
		if (got != 0)
			goto out;
		check_odt_walk(&o, xmlDocGetRootElement(xml), parts[k], 0, 0);
		xmlFreeDoc(xml);
	}
	{
		size_t len = 0;
		struct pp_error merr;
		char *meta;

		pp_error_init(&merr);
		meta = pp_check_pkg_read(p, "meta.xml", &len, &merr);
		if (meta == NULL || strstr(meta, "<dc:title>") == NULL)
			pp_check_add(r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
				     _("a title in the document's properties"),
				     _("the ODT has no title"));
		g_free(meta);
	}
	if (!o.marque)
		pp_check_no_header_image(r);
	rc = 0;
out:
	pp_check_fonts_fini(r, c, &o.fonts);
	g_hash_table_destroy(o.colors);
	return rc;
}
