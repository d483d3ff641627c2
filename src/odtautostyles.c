/* SPDX-License-Identifier: EUPL-1.2 */
/* ODT automatic styles: the registry of odtautostyles.h. */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "odtautostyles.h"

enum odt_style_item_kind {
	ODT_ITEM_ELEMENT, /* name: an element, inside the previous one */
	ODT_ITEM_ATTR,	  /* name = value, escaped when written */
	ODT_ITEM_CHARREF, /* name = value, value a character reference */
};

struct odt_style_item {
	enum odt_style_item_kind kind;
	char *name;
	char *value; /* NULL for an element */
};

struct pp_odt_style {
	char *name;    /* the name it wants, then the one it has */
	GArray *items; /* struct odt_style_item; items[0], the style's own
			  element, takes style:name first */
};

struct pp_odt_autostyles {
	GPtrArray *styles;  /* struct pp_odt_style *, in order of addition */
	GHashTable *byname; /* name -> struct pp_odt_style * (borrowed) */
};

static void
odt_style_item_add(struct pp_odt_style *st, enum odt_style_item_kind kind,
		   const char *name, char *value)
{
	struct odt_style_item it = {kind, g_strdup(name), value};

	g_array_append_val(st->items, it);
}

static struct pp_odt_style *
odt_style_new(const char *element, const char *name)
{
	struct pp_odt_style *st = g_new0(struct pp_odt_style, 1);

	st->name = g_strdup(name);
	st->items = g_array_new(FALSE, FALSE, sizeof(struct odt_style_item));
	odt_style_item_add(st, ODT_ITEM_ELEMENT, element, NULL);
	return st;
}

struct pp_odt_style *
pp_odt_style_new(const char *family, const char *name)
{
	struct pp_odt_style *st = odt_style_new("style:style", name);

	pp_odt_style_attr(st, "style:family", family);
	return st;
}

struct pp_odt_style *
pp_odt_list_style_new(const char *name)
{
	return odt_style_new("text:list-style", name);
}

void
pp_odt_style_free(struct pp_odt_style *st)
{
	guint i;

	if (st == NULL)
		return;
	for (i = 0; i < st->items->len; i++) {
		struct odt_style_item *it =
		    &g_array_index(st->items, struct odt_style_item, i);

		g_free(it->name);
		g_free(it->value);
	}
	g_array_free(st->items, TRUE);
	g_free(st->name);
	g_free(st);
}

void
pp_odt_style_child(struct pp_odt_style *st, const char *element)
{
	odt_style_item_add(st, ODT_ITEM_ELEMENT, element, NULL);
}

void
pp_odt_style_attr(struct pp_odt_style *st, const char *name, const char *value)
{
	odt_style_item_add(st, ODT_ITEM_ATTR, name, g_strdup(value));
}

void
pp_odt_style_attrf(struct pp_odt_style *st, const char *name, const char *fmt,
		   ...)
{
	va_list ap;

	va_start(ap, fmt);
	odt_style_item_add(st, ODT_ITEM_ATTR, name, g_strdup_vprintf(fmt, ap));
	va_end(ap);
}

void
pp_odt_style_attr_charref(struct pp_odt_style *st, const char *name,
			  uint32_t cp)
{
	odt_style_item_add(st, ODT_ITEM_CHARREF, name,
			   g_strdup_printf("&#x%X;", (unsigned)cp));
}

/* Whether a and b describe the same style, their names aside. */
static int
odt_style_same(const struct pp_odt_style *a, const struct pp_odt_style *b)
{
	guint i;

	if (a->items->len != b->items->len)
		return 0;
	for (i = 0; i < a->items->len; i++) {
		const struct odt_style_item *x =
		    &g_array_index(a->items, struct odt_style_item, i);
		const struct odt_style_item *y =
		    &g_array_index(b->items, struct odt_style_item, i);

		if (x->kind != y->kind || strcmp(x->name, y->name) != 0 ||
		    g_strcmp0(x->value, y->value) != 0)
			return 0;
	}
	return 1;
}

struct pp_odt_autostyles *
pp_odt_autostyles_new(void)
{
	struct pp_odt_autostyles *r = g_new0(struct pp_odt_autostyles, 1);

	r->styles =
	    g_ptr_array_new_with_free_func((GDestroyNotify)pp_odt_style_free);
	r->byname = g_hash_table_new(g_str_hash, g_str_equal);
	return r;
}

void
pp_odt_autostyles_free(struct pp_odt_autostyles *r)
{
	if (r == NULL)
		return;
	g_hash_table_destroy(r->byname);
	g_ptr_array_free(r->styles, TRUE);
	g_free(r);
}

const char *
pp_odt_autostyles_add(struct pp_odt_autostyles *r, struct pp_odt_style *st)
{
	struct pp_odt_style *held = g_hash_table_lookup(r->byname, st->name);
	unsigned n;

	if (held != NULL && odt_style_same(held, st)) {
		pp_odt_style_free(st);
		return held->name;
	}
	for (n = 2; held != NULL; n++) {
		char *name = g_strdup_printf("%s_%u", st->name, n);

		held = g_hash_table_lookup(r->byname, name);
		if (held != NULL && odt_style_same(held, st)) {
			g_free(name);
			pp_odt_style_free(st);
			return held->name;
		}
		if (held == NULL) {
			g_free(st->name);
			st->name = name;
		} else {
			g_free(name);
		}
	}
	g_ptr_array_add(r->styles, st);
	g_hash_table_insert(r->byname, st->name, st);
	return st->name;
}

/* The writer's calls return a byte count or -1: or-ing their results keeps
 * any -1. */
static int
odt_style_write(const struct pp_odt_style *st, xmlTextWriterPtr w)
{
	int depth = 0, rc = 0;
	guint i;

	for (i = 0; i < st->items->len; i++) {
		const struct odt_style_item *it =
		    &g_array_index(st->items, struct odt_style_item, i);

		switch (it->kind) {
		case ODT_ITEM_ELEMENT:
			rc |= xmlTextWriterStartElement(w, BAD_CAST it->name);
			if (depth++ == 0)
				rc |= xmlTextWriterWriteAttribute(
				    w, BAD_CAST "style:name",
				    BAD_CAST st->name);
			break;
		case ODT_ITEM_ATTR:
			rc |= xmlTextWriterWriteAttribute(w, BAD_CAST it->name,
							  BAD_CAST it->value);
			break;
		case ODT_ITEM_CHARREF:
			rc |= xmlTextWriterStartAttribute(w, BAD_CAST it->name);
			rc |= xmlTextWriterWriteRaw(w, BAD_CAST it->value);
			rc |= xmlTextWriterEndAttribute(w);
			break;
		}
	}
	while (depth-- > 0)
		rc |= xmlTextWriterEndElement(w);
	return rc < 0 ? -1 : 0;
}

int
pp_odt_autostyles_write(const struct pp_odt_autostyles *r, xmlTextWriterPtr w)
{
	int rc = 0;
	guint i;

	rc |= xmlTextWriterStartElement(w, BAD_CAST "office:automatic-styles");
	for (i = 0; i < r->styles->len; i++)
		rc |= odt_style_write(r->styles->pdata[i], w);
	rc |= xmlTextWriterEndElement(w);
	return rc < 0 ? -1 : 0;
}
