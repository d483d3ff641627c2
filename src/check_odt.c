/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The rules of paraphe check on an ODT: the package read with libzip,
 * bounded (entries, names, sizes), styles.xml and content.xml walked with
 * libxml2 (no DTD, no entity, no network) for typefaces, colours against
 * the palette, the page size and a frame in a page header (the
 * bloc-marque); meta.xml for the title.
 */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "check_private.h"
#include "config.h"
#include "dynlib.h"
#include "i18n.h"

/* libzip, opened on the first check of an ODT (dynlib.h). */
#define ZIP_FUNCS(X)                                                           \
	X(zip_discard)                                                         \
	X(zip_fclose)                                                          \
	X(zip_fopen)                                                           \
	X(zip_fread)                                                           \
	X(zip_get_name)                                                        \
	X(zip_get_num_entries)                                                 \
	X(zip_open)                                                            \
	X(zip_stat)
static struct {
	ZIP_FUNCS(PP_DYNLIB_FUNC)
} zp;
static struct pp_dynlib zip_lib = PP_DYNLIB_INIT(
    PP_SONAME_ZIP, PP_LIBPATH_ZIP, PP_PACKAGE_ZIP, N_("read ODT files"));

/* Bounds on untrusted input. */
#define CHECK_MAX_ZIP_ENTRIES 10000
#define CHECK_MAX_PART_BYTES  (64u << 20)
/* Attributes of one element: ODF's have a few dozen; libxml2 2.9.14
 * checks duplicates in quadratic time (50,000 attributes: minutes). */
#define CHECK_MAX_ATTRIBUTES 1000

static xmlParserInputPtr
check_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* Reads one entry of the package, bounded by our own limit (libzip does
 * not stop at the declared size). */
static char *
check_zip_read(zip_t *za, const char *name, size_t *len, int *too_big)
{
	zip_file_t *zf = zp.zip_fopen(za, name, 0);
	GString *s;
	char buf[65536];
	zip_int64_t n;
	zip_stat_t st;

	*too_big = 0;
	if (zf == NULL)
		return NULL;
	s = g_string_new("");
	while ((n = zp.zip_fread(zf, buf, sizeof(buf))) > 0) {
		if (s->len + (size_t)n > CHECK_MAX_PART_BYTES) {
			*too_big = 1;
			break;
		}
		g_string_append_len(s, buf, n);
	}
	zp.zip_fclose(zf);
	/* a member holding more or less than its header declares is a
	 * forgery (libzip reads on past the declared size) */
	if (n >= 0 && !*too_big &&
	    (zp.zip_stat(za, name, 0, &st) != 0 ||
	     !(st.valid & ZIP_STAT_SIZE) || st.size != s->len))
		*too_big = 2;
	if (n < 0 || *too_big) {
		g_string_free(s, TRUE);
		return NULL;
	}
	*len = s->len;
	return g_string_free(s, FALSE);
}

/* The skip past the construct that starts at p ("<!--", "<![CDATA[",
 * "<?"), or NULL when p starts none. */
static const char *
check_xml_skip(const char *p, const char *end)
{
	static const struct {
		const char *open, *close;
	} kinds[] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t ol = strlen(kinds[k].open), cl = strlen(kinds[k].close);
		const char *q;

		if ((size_t)(end - p) < ol || memcmp(p, kinds[k].open, ol) != 0)
			continue;
		for (q = p + ol; q + cl <= end; q++)
			if (memcmp(q, kinds[k].close, cl) == 0)
				return q + cl;
		return end;
	}
	return NULL;
}

/* 1 when an element of the XML (len bytes) has more than
 * CHECK_MAX_ATTRIBUTES attributes: counted before libxml2 parses it. */
static int
check_xml_too_many_attributes(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *skip = check_xml_skip(p, end);
		char quote = 0;
		long attrs = 0;

		if (skip != NULL) {
			p = skip;
			continue;
		}
		for (p++; p < end; p++) {
			if (quote != 0) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '=') {
				if (++attrs > CHECK_MAX_ATTRIBUTES)
					return 1;
			} else if (*p == '>') {
				break;
			}
		}
	}
	return 0;
}

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
				double pt = check_length_pt((const char *)v);
				double want = name[5] == 'w'
						  ? o->c->page_width
						  : o->c->page_height;

				if (pt > 0 && fabs(pt - want) > 2) {
					char exp[64];

					snprintf(exp, sizeof(exp), "%.0f mm",
						 PP_PT_TO_MM(want));
					pp_check_add(o->r, PP_RULE_FORMAT_PAGE,
						     0, 0, 0, 0, 0, exp,
						     _("a page %s of %s in %s"),
						     name + 5, (const char *)v,
						     part);
				}
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
check_odt_entries(zip_t *za, zip_int64_t n, struct pp_check *r)
{
	GHashTable *objects =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char *script = NULL;
	zip_int64_t i;

	for (i = 0; i < n; i++) {
		const char *name = zp.zip_get_name(za, (zip_uint64_t)i, 0);
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
pp_check_odt(const char *path, const struct pp_charte *c, struct pp_check *r,
	     struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	static const char *const parts[] = {"styles.xml", "content.xml"};
	struct check_odt o;
	zip_t *za;
	zip_int64_t n, i;
	int zerr = 0, k, rc = -1;

	if (PP_DYNLIB_LOAD(&zip_lib, ZIP_FUNCS, zp, err) != 0)
		return -1;
	za = zp.zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (za == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this ODT is damaged or is not an ODT (its zip "
			       "structure is inconsistent)"));
		return -1;
	}
	n = zp.zip_get_num_entries(za, 0);
	if (n < 0 || n > CHECK_MAX_ZIP_ENTRIES) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this package holds too many files"));
		zp.zip_discard(za);
		return -1;
	}
	for (i = 0; i < n; i++) {
		const char *name = zp.zip_get_name(za, (zip_uint64_t)i, 0);

		if (name == NULL || name[0] == '/' || strstr(name, "../") ||
		    strstr(name, "..\\")) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this package holds a file named "
				       "outside itself (%s): refused"),
				     name ? name : "?");
			zp.zip_discard(za);
			return -1;
		}
	}
	check_odt_entries(za, n, r);
	memset(&o, 0, sizeof(o));
	o.r = r;
	o.c = c;
	pp_check_fonts_init(&o.fonts);
	o.colors = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	xmlSetExternalEntityLoader(check_deny_loader);
	for (k = 0; k < 2; k++) {
		size_t len = 0;
		int too_big = 0;
		char *data = check_zip_read(za, parts[k], &len, &too_big);
		xmlDocPtr xml;

		if (data == NULL) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     too_big == 2
					 ? _("%s does not hold the size its "
					     "zip header declares: refused")
				     : too_big ? _("%s is larger than %u MiB "
						   "once uncompressed: refused")
					       : _("%s is missing or cannot be "
						   "read"),
				     parts[k], CHECK_MAX_PART_BYTES >> 20);
			goto out;
		}
		if (check_xml_too_many_attributes(data, len)) {
			pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
				     _("%s has an element with more than %d "
				       "attributes: refused"),
				     parts[k], CHECK_MAX_ATTRIBUTES);
			g_free(data);
			goto out;
		}
		xml = xmlReadMemory(data, (int)len, parts[k], "UTF-8",
				    XML_PARSE_NONET | XML_PARSE_NOERROR |
					XML_PARSE_NOWARNING);
		g_free(data);
		if (xml == NULL || xml->intSubset != NULL) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("%s is not well-formed XML or declares "
				       "entities: refused"),
				     parts[k]);
			xmlFreeDoc(xml);
			goto out;
		}
		check_odt_walk(&o, xmlDocGetRootElement(xml), parts[k], 0, 0);
		xmlFreeDoc(xml);
	}
	{
		size_t len = 0;
		int too_big = 0;
		char *meta = check_zip_read(za, "meta.xml", &len, &too_big);

		if (meta == NULL || strstr(meta, "<dc:title>") == NULL)
			pp_check_add(r, PP_RULE_TITRE_MANQUANT, 0, 0, 0, 0, 0,
				     _("a title in the document's properties"),
				     _("the ODT has no title"));
		g_free(meta);
	}
	if (!o.marque)
		pp_check_add(r, PP_RULE_BLOC_MARQUE_ABSENT, 1, 0, 0, 0, 0,
			     _("the bloc-marque at the top left of page 1"),
			     _("no image in a page header: no bloc-marque"));
	rc = 0;
out:
	pp_check_fonts_fini(r, c, &o.fonts);
	g_hash_table_destroy(o.colors);
	zp.zip_discard(za);
	return rc;
}
