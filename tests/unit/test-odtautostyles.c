/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of the registry of ODT automatic styles (src/odtautostyles.c):
 * names given back, a style described twice written once, a name taken by
 * another style made unique, the order of first addition, escaping, and the
 * XML written through libxml2's writer.
 */
#include "odtautostyles.h"

#include "../harness.h"

#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <string.h>

/* The registry written into a fresh writer, as a string (free). */
static char *
written(const struct pp_odt_autostyles *r)
{
	xmlBufferPtr buf = xmlBufferCreate();
	xmlTextWriterPtr w = xmlNewTextWriterMemory(buf, 0);
	char *s;

	xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
	xmlTextWriterFlush(w);
	xmlBufferEmpty(buf);
	OK(pp_odt_autostyles_write(r, w) == 0, "the registry is written");
	xmlTextWriterFlush(w);
	s = strdup((const char *)xmlBufferContent(buf));
	xmlFreeTextWriter(w);
	xmlBufferFree(buf);
	return s;
}

/* A text style setting one property. */
static struct pp_odt_style *
span(const char *name, const char *property, const char *value)
{
	struct pp_odt_style *st = pp_odt_style_new("text", name);

	pp_odt_style_child(st, "style:text-properties");
	pp_odt_style_attr(st, property, value);
	return st;
}

static void
test_names(void)
{
	struct pp_odt_autostyles *r = pp_odt_autostyles_new();
	struct pp_odt_style *st;
	const char *a, *b, *c, *d;
	char *xml;

	a = pp_odt_autostyles_add(r, span("T1", "fo:font-weight", "bold"));
	STR_EQ(a, "T1", "a new style has the name it wants");
	b = pp_odt_autostyles_add(r, span("T1", "fo:font-weight", "bold"));
	OK(a == b, "the same style again gives the same name back");
	c = pp_odt_autostyles_add(r, span("T1", "fo:font-style", "italic"));
	STR_EQ(c, "T1_2", "another style wanting a taken name gets a number");
	d = pp_odt_autostyles_add(r, span("T1", "fo:font-style", "italic"));
	OK(c == d, "... and that style again finds it under its number");
	st = pp_odt_style_new("paragraph", "P&\"1\"");
	pp_odt_style_attrf(st, "style:parent-style-name", "%s_%d", "corps", 2);
	pp_odt_style_attr(st, "style:master-page-name", "Premiere");
	pp_odt_autostyles_add(r, st);
	xml = written(r);
	STR_EQ(xml,
	       "<office:automatic-styles>"
	       "<style:style style:name=\"T1\" style:family=\"text\">"
	       "<style:text-properties fo:font-weight=\"bold\"/>"
	       "</style:style>"
	       "<style:style style:name=\"T1_2\" style:family=\"text\">"
	       "<style:text-properties fo:font-style=\"italic\"/>"
	       "</style:style>"
	       "<style:style style:name=\"P&amp;&quot;1&quot;\" "
	       "style:family=\"paragraph\" "
	       "style:parent-style-name=\"corps_2\" "
	       "style:master-page-name=\"Premiere\"/>"
	       "</office:automatic-styles>",
	       "each style once, in order of first addition, names escaped");
	free(xml);
	pp_odt_autostyles_free(r);
}

static void
test_list_style(void)
{
	struct pp_odt_autostyles *r = pp_odt_autostyles_new();
	struct pp_odt_style *st = pp_odt_list_style_new("L1");
	char *xml;

	pp_odt_style_child(st, "text:list-level-style-bullet");
	pp_odt_style_attr(st, "text:level", "1");
	pp_odt_style_attr_charref(st, "text:bullet-char", 0x2013);
	pp_odt_style_child(st, "style:list-level-properties");
	pp_odt_style_child(st, "style:list-level-label-alignment");
	pp_odt_style_attr(st, "fo:margin-left", "6mm");
	pp_odt_autostyles_add(r, st);
	xml = written(r);
	STR_EQ(xml,
	       "<office:automatic-styles>"
	       "<text:list-style style:name=\"L1\">"
	       "<text:list-level-style-bullet text:level=\"1\" "
	       "text:bullet-char=\"&#x2013;\">"
	       "<style:list-level-properties>"
	       "<style:list-level-label-alignment fo:margin-left=\"6mm\"/>"
	       "</style:list-level-properties>"
	       "</text:list-level-style-bullet>"
	       "</text:list-style>"
	       "</office:automatic-styles>",
	       "a list style: nested elements, a character reference");
	free(xml);
	pp_odt_autostyles_free(r);
	pp_odt_style_free(NULL);
	pp_odt_autostyles_free(NULL);
	OK(1, "freeing NULL is harmless");
}

static void
test_empty(void)
{
	struct pp_odt_autostyles *r = pp_odt_autostyles_new();
	char *xml = written(r);

	STR_EQ(xml, "<office:automatic-styles/>", "an empty registry");
	free(xml);
	pp_odt_autostyles_free(r);
}

int
main(void)
{
	test_names();
	test_list_style();
	test_empty();
	return harness_done();
}
