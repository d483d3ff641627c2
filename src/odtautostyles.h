/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ODT automatic styles: a registry that the writer of an ODT part fills
 * while it writes the body, and then writes once, as
 * <office:automatic-styles>, before that body (as lowdown's ODT backend
 * does).  The body refers to each style by the name the registry gives.
 *
 * A style is described as an element (style:style or text:list-style) with
 * attributes, holding a chain of nested elements with attributes of their
 * own (style:table-properties; or a list level, its properties and their
 * label alignment).  Adding a style that the registry already holds under
 * that name, with the same description, gives back that name: the style is
 * written once however often the body asks for it.
 */
#ifndef PP_ODTAUTOSTYLES_H
#define PP_ODTAUTOSTYLES_H

#include <libxml/xmlwriter.h>
#include <stdint.h>

struct pp_odt_style;	  /* one style being described */
struct pp_odt_autostyles; /* the registry */

/* A style:style of family ("paragraph", "text", "table", "table-column",
 * "table-cell") wanting the name name; the attributes set next are the
 * style:style element's.  Caller frees with pp_odt_style_free, unless it
 * hands it to pp_odt_autostyles_add. */
struct pp_odt_style *pp_odt_style_new(const char *family, const char *name);
/* A text:list-style wanting the name name. */
struct pp_odt_style *pp_odt_list_style_new(const char *name);
void pp_odt_style_free(struct pp_odt_style *st);

/* Opens element inside the innermost element of st: the attributes set
 * next are its own. */
void pp_odt_style_child(struct pp_odt_style *st, const char *element);
/* Sets an attribute of the innermost element (value copied, escaped when
 * written). */
void pp_odt_style_attr(struct pp_odt_style *st, const char *name,
		       const char *value);
void pp_odt_style_attrf(struct pp_odt_style *st, const char *name,
			const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Sets an attribute whose value is the one character cp, written as a
 * character reference (&#x2013;). */
void pp_odt_style_attr_charref(struct pp_odt_style *st, const char *name,
			       uint32_t cp);

struct pp_odt_autostyles *pp_odt_autostyles_new(void);
void pp_odt_autostyles_free(struct pp_odt_autostyles *r);

/*
 * Registers st, which r takes over, and returns the name to refer to it by
 * (owned by r): the name st wants, unless r already holds a different style
 * under it, in which case a number is appended ("Tableau1_2").  A style
 * described exactly like the one r holds under that name is not registered
 * twice: its name is returned.
 */
const char *pp_odt_autostyles_add(struct pp_odt_autostyles *r,
				  struct pp_odt_style *st);

/* Writes <office:automatic-styles> with every style of r, in the order they
 * were first added.  -1 when the writer fails. */
int pp_odt_autostyles_write(const struct pp_odt_autostyles *r,
			    xmlTextWriterPtr w);

#endif
