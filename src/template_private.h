/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Inside the template module, for its two halves only: template.c parses
 * and checks a template (pp_template_load), template_expand.c expands it
 * over a form (pp_template_expand).  They share the limits, the element
 * vocabulary, the loaded template with its clause library, and the
 * positions of XML nodes.  Nothing outside src/template*.c includes this.
 */
#ifndef PP_TEMPLATE_PRIVATE_H
#define PP_TEMPLATE_PRIVATE_H

#include <glib.h>
#include <libxml/tree.h>

#include "diag.h"
#include "doc.h"
#include "template.h"

/* Limits on templates, which may come from a user's own model folder. */
#define TPL_MAX_BYTES  (4u << 20)
#define TPL_MAX_DEPTH  64
#define TPL_MAX_NODES  500000
#define TPL_MAX_MEMORY (128u << 20) /* a document's arena, in bytes */

enum tpl_elem {
	E_DOCUMENT,
	E_MARQUE,
	E_LOGOS,
	E_LOGO,
	E_H1,
	E_H2,
	E_H3,
	E_P,
	E_ARTICLE,
	E_REF,
	E_LIST,
	E_ITEM,
	E_TABLE,
	E_ROW,
	E_CELL,
	E_SIGNATURES,
	E_PARTY,
	E_ANNEX,
	E_PAGEBREAK,
	E_STRONG,
	E_EM,
	E_LINK,
	E_BR,
	E_IF,
	E_ELSE,
	E_EACH,
	E_CLAUSE,
	E__COUNT
};

/* Each element: its name, the attributes it accepts (space-separated; a
 * leading '!' marks a required one) and the node it makes. */
struct tpl_elem_def {
	const char *name;
	const char *attrs;
	enum pp_node_kind kind;
};

/* Indexed by enum tpl_elem (template.c). */
extern const struct tpl_elem_def pp_template_elements[E__COUNT];

/* The element node is, or E__COUNT for a name outside the vocabulary. */
enum tpl_elem pp_template_element_of(const xmlNode *node);

/* 1 for an attribute whose value is literal (no interpolation); "name" is
 * literal for <clause> but interpolated for <logo>. */
int pp_template_attr_is_literal(enum tpl_elem el, const char *name);

/* A clause of the library (models/clauses/NAME.xml), loaded once. */
struct tpl_clause {
	xmlDocPtr xml;
	char *path;
	char *id, *version, *status; /* its root's attributes */
};

/* A loaded and checked template (template.h). */
struct pp_template {
	xmlDocPtr xml;
	char *path;
	char *clauses_dir;   /* or NULL */
	GHashTable *clauses; /* name -> struct tpl_clause */
	GHashTable *ids;     /* every article and annex id written (a set) */
	/* A text -> its French typography (pp_fr_typography), kept across
	 * expansions: a kit's partners share most of their texts.  Emptied
	 * when it reaches TPL_TYPO_MAX entries. */
	GHashTable *typo;
};

/* The position of node: its file and line. */
struct pp_pos pp_template_pos(const xmlNode *node);
/* The position of a place in node: for a text node, the line of at (a
 * pointer into its content) or, when at is NULL, of its first non-blank
 * character; the node itself otherwise. */
struct pp_pos pp_template_pos_at(const xmlNode *node, const char *at);

#endif
