/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "xalloc.h"

static const char *const doc_kind_names[PP_NODE__COUNT] = {
    "document", "marque",     "logos", "logo",	    "heading", "paragraph",
    "article",	"annex",      "list",  "item",	    "table",   "row",
    "cell",	"signatures", "party", "pagebreak", "text",    "strong",
    "emph",	"link",	      "br",    "ref",	    "super",
};

struct pp_doc *
pp_doc_new(void)
{
	struct pp_doc *doc = pp_xcalloc(1, sizeof(*doc));

	doc->arena = pp_arena_new();
	doc->root = pp_doc_node_new(doc, PP_NODE_DOCUMENT, NULL);
	return doc;
}

void
pp_doc_free(struct pp_doc *doc)
{
	if (doc == NULL)
		return;
	pp_arena_free(doc->arena);
	free(doc);
}

struct pp_node *
pp_doc_node_new(struct pp_doc *doc, enum pp_node_kind kind,
		const struct pp_pos *pos)
{
	struct pp_node *n = pp_arena_alloc(doc->arena, sizeof(*n));

	n->kind = kind;
	if (pos != NULL)
		n->pos = *pos;
	return n;
}

int
pp_doc_is_inline(enum pp_node_kind kind)
{
	return kind >= PP_NODE_TEXT && kind < PP_NODE__COUNT;
}

/* Blocks that may stand in the body of a document, an article, an annex,
 * a list item, a table cell or a signature party. */
static int
doc_is_flow_block(enum pp_node_kind k)
{
	return k == PP_NODE_HEADING || k == PP_NODE_PARAGRAPH ||
	       k == PP_NODE_LIST || k == PP_NODE_TABLE;
}

int
pp_doc_can_contain(enum pp_node_kind parent, enum pp_node_kind child)
{
	switch (parent) {
	case PP_NODE_DOCUMENT:
		return doc_is_flow_block(child) || child == PP_NODE_MARQUE ||
		       child == PP_NODE_LOGOS || child == PP_NODE_ARTICLE ||
		       child == PP_NODE_ANNEX || child == PP_NODE_SIGNATURES ||
		       child == PP_NODE_PAGEBREAK;
	case PP_NODE_ARTICLE:
	case PP_NODE_ANNEX:
		return doc_is_flow_block(child) ||
		       child == PP_NODE_SIGNATURES ||
		       child == PP_NODE_PAGEBREAK;
	case PP_NODE_ITEM:
	case PP_NODE_CELL:
	case PP_NODE_PARTY:
		return child == PP_NODE_PARAGRAPH || child == PP_NODE_LIST;
	case PP_NODE_LOGOS:
		return child == PP_NODE_LOGO;
	case PP_NODE_LIST:
		return child == PP_NODE_ITEM;
	case PP_NODE_TABLE:
		return child == PP_NODE_ROW;
	case PP_NODE_ROW:
		return child == PP_NODE_CELL;
	case PP_NODE_SIGNATURES:
		return child == PP_NODE_PARTY;
	case PP_NODE_HEADING:
	case PP_NODE_PARAGRAPH:
	case PP_NODE_STRONG:
	case PP_NODE_EMPH:
	case PP_NODE_SUPER:
		return pp_doc_is_inline(child);
	case PP_NODE_REF: /* the resolved words: never a link in a link */
		return pp_doc_is_inline(child) && child != PP_NODE_LINK &&
		       child != PP_NODE_REF;
	case PP_NODE_LINK:
		return pp_doc_is_inline(child) && child != PP_NODE_LINK;
	case PP_NODE_MARQUE:
	case PP_NODE_LOGO:
	case PP_NODE_PAGEBREAK:
	case PP_NODE_TEXT:
	case PP_NODE_LINEBREAK:
	case PP_NODE__COUNT:
		return 0;
	}
	return 0;
}

int
pp_doc_append(struct pp_node *parent, struct pp_node *child)
{
	if (!pp_doc_can_contain(parent->kind, child->kind))
		return -1;
	child->parent = parent;
	child->next = NULL;
	child->prev = parent->last;
	if (parent->last != NULL)
		parent->last->next = child;
	else
		parent->first = child;
	parent->last = child;
	return 0;
}

int
pp_doc_insert_after(struct pp_node *sibling, struct pp_node *node)
{
	struct pp_node *p = sibling->parent;

	if (p == NULL || !pp_doc_can_contain(p->kind, node->kind))
		return -1;
	node->parent = p;
	node->prev = sibling;
	node->next = sibling->next;
	if (sibling->next != NULL)
		sibling->next->prev = node;
	else
		p->last = node;
	sibling->next = node;
	return 0;
}

void
pp_doc_remove(struct pp_node *node)
{
	struct pp_node *p = node->parent;

	if (p == NULL)
		return;
	if (node->prev != NULL)
		node->prev->next = node->next;
	else
		p->first = node->next;
	if (node->next != NULL)
		node->next->prev = node->prev;
	else
		p->last = node->prev;
	node->parent = node->prev = node->next = NULL;
}

const char *
pp_doc_kind_name(enum pp_node_kind kind)
{
	return kind < PP_NODE__COUNT ? doc_kind_names[kind] : "?";
}

void
pp_doc_add_clause(struct pp_doc *doc, const char *id, const char *version,
		  const char *status)
{
	struct pp_doc_clause *c;
	size_t i;

	for (i = 0; i < doc->nclauses; i++)
		if (strcmp(doc->clauses[i].id, id) == 0)
			return;
	if (doc->nclauses == doc->clauses_cap) {
		struct pp_doc_clause *grown;

		doc->clauses_cap = doc->clauses_cap ? doc->clauses_cap * 2 : 8;
		grown = pp_arena_alloc(doc->arena,
				       doc->clauses_cap * sizeof(*grown));
		if (doc->nclauses > 0)
			memcpy(grown, doc->clauses,
			       doc->nclauses * sizeof(*grown));
		doc->clauses = grown;
	}
	c = &doc->clauses[doc->nclauses++];
	c->id = pp_arena_strdup(doc->arena, id);
	c->version = pp_arena_strdup(doc->arena, version ? version : "");
	c->status = pp_arena_strdup(doc->arena, status ? status : "");
}

/* The superscript after an ordinal number: "1er". */
#define DOC_ORDINAL_FIRST "er"
#define DOC_EN_DASH	  "\xe2\x80\x93"

void
pp_doc_article_heading(struct pp_doc *doc, struct pp_node *parent, int number,
		       const char *title)
{
	char head[64];
	struct pp_node *t = pp_doc_node_new(doc, PP_NODE_TEXT, NULL);

	snprintf(head, sizeof(head), "Article %d", number);
	t->text = pp_arena_strdup(doc->arena, head);
	pp_doc_append(parent, t);
	if (number == 1) {
		struct pp_node *sup = pp_doc_node_new(doc, PP_NODE_SUPER, NULL);

		t = pp_doc_node_new(doc, PP_NODE_TEXT, NULL);
		t->text = DOC_ORDINAL_FIRST;
		pp_doc_append(sup, t);
		pp_doc_append(parent, sup);
	}
	t = pp_doc_node_new(doc, PP_NODE_TEXT, NULL);
	t->text = pp_arena_strdup(doc->arena, " " DOC_EN_DASH " ");
	if (title != NULL) {
		size_t len = strlen(t->text) + strlen(title) + 1;
		char *s = pp_arena_alloc(doc->arena, len);

		snprintf(s, len, "%s%s", t->text, title);
		t->text = s;
	}
	pp_doc_append(parent, t);
}

const struct pp_node *
pp_doc_signature_opener(const struct pp_doc *doc)
{
	const struct pp_node *n;

	for (n = doc->root->first; n != NULL; n = n->next)
		if (n->kind == PP_NODE_SIGNATURES)
			return n->prev != NULL &&
				       n->prev->kind == PP_NODE_PARAGRAPH
				   ? n->prev
				   : n;
	return NULL;
}

void
pp_doc_article_heading_text(int number, const char *title, char *buf,
			    size_t size)
{
	snprintf(buf, size, "Article %d%s " DOC_EN_DASH " %s", number,
		 number == 1 ? DOC_ORDINAL_FIRST : "",
		 title != NULL ? title : "");
}

/* --- Dump ------------------------------------------------------------- */

static void
doc_escape(struct pp_buf *out, const char *s, int attr)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			pp_buf_adds(out, "&amp;");
			break;
		case '<':
			pp_buf_adds(out, "&lt;");
			break;
		case '>':
			pp_buf_adds(out, "&gt;");
			break;
		case '"':
			pp_buf_adds(out, attr ? "&quot;" : "\"");
			break;
		default:
			pp_buf_addc(out, *s);
		}
	}
}

static void
doc_attr(struct pp_buf *out, const char *name, const char *value)
{
	if (value == NULL)
		return;
	pp_buf_addf(out, " %s=\"", name);
	doc_escape(out, value, 1);
	pp_buf_addc(out, '"');
}

static void
doc_open_tag(struct pp_buf *out, const struct pp_node *n)
{
	char num[32];
	size_t i;

	pp_buf_addf(out, "<%s", pp_doc_kind_name(n->kind));
	switch (n->kind) {
	case PP_NODE_HEADING:
		snprintf(num, sizeof(num), "%d", n->number);
		doc_attr(out, "level", num);
		break;
	case PP_NODE_ARTICLE:
	case PP_NODE_ANNEX:
		snprintf(num, sizeof(num), "%d", n->number);
		doc_attr(out, "number", num);
		break;
	case PP_NODE_LIST:
		doc_attr(out, "type", n->number ? "number" : "bullet");
		break;
	case PP_NODE_ROW:
		if (n->number)
			doc_attr(out, "header", "true");
		break;
	case PP_NODE_TABLE:
		if (n->ncols > 0) {
			struct pp_buf w;

			pp_buf_init(&w);
			for (i = 0; i < n->ncols; i++)
				pp_buf_addf(&w, "%s%d", i ? "," : "",
					    n->widths[i]);
			doc_attr(out, "widths", pp_buf_str(&w));
			pp_buf_fini(&w);
		}
		break;
	case PP_NODE_REF:
		doc_attr(out, "to", n->id);
		break;
	case PP_NODE_PARTY:
		doc_attr(out, "paraphe", n->text);
		break;
	case PP_NODE_DOCUMENT:
	case PP_NODE_MARQUE:
	case PP_NODE_LOGOS:
	case PP_NODE_LOGO:
	case PP_NODE_PARAGRAPH:
	case PP_NODE_ITEM:
	case PP_NODE_CELL:
	case PP_NODE_SIGNATURES:
	case PP_NODE_PAGEBREAK:
	case PP_NODE_TEXT:
	case PP_NODE_STRONG:
	case PP_NODE_EMPH:
	case PP_NODE_LINK:
	case PP_NODE_LINEBREAK:
	case PP_NODE_SUPER:
	case PP_NODE__COUNT:
		break;
	}
	if (n->kind != PP_NODE_REF)
		doc_attr(out, "id", n->id);
	doc_attr(out, "title", n->title);
	doc_attr(out, "href", n->href);
	doc_attr(out, "style", n->style);
}

static void
doc_dump_inlines(struct pp_buf *out, const struct pp_node *first)
{
	const struct pp_node *n;

	for (n = first; n != NULL; n = n->next) {
		if (n->kind == PP_NODE_TEXT) {
			doc_escape(out, n->text, 0);
		} else if (n->kind == PP_NODE_LINEBREAK) {
			pp_buf_adds(out, "<br/>");
		} else if (n->kind == PP_NODE_REF && n->first == NULL) {
			doc_open_tag(out, n);
			pp_buf_addc(out, '>');
			doc_escape(out, n->text ? n->text : "", 0);
			pp_buf_adds(out, "</ref>");
		} else {
			doc_open_tag(out, n);
			pp_buf_addc(out, '>');
			doc_dump_inlines(out, n->first);
			pp_buf_addf(out, "</%s>", pp_doc_kind_name(n->kind));
		}
	}
}

static void
doc_dump_node(struct pp_buf *out, const struct pp_node *n, int depth)
{
	const struct pp_node *c;
	size_t i;

	for (i = 0; i < (size_t)depth; i++)
		pp_buf_adds(out, "  ");
	doc_open_tag(out, n);
	if (n->kind == PP_NODE_MARQUE) {
		pp_buf_adds(out, ">\n");
		for (i = 0; i < n->nlines; i++) {
			int k;

			for (k = 0; k <= depth; k++)
				pp_buf_adds(out, "  ");
			pp_buf_adds(out, "<line>");
			doc_escape(out, n->lines[i], 0);
			pp_buf_adds(out, "</line>\n");
		}
		for (i = 0; i < (size_t)depth; i++)
			pp_buf_adds(out, "  ");
		pp_buf_adds(out, "</marque>\n");
		return;
	}
	if (n->first == NULL) {
		pp_buf_adds(out, "/>\n");
		return;
	}
	if (pp_doc_is_inline(n->first->kind)) {
		pp_buf_addc(out, '>');
		doc_dump_inlines(out, n->first);
		pp_buf_addf(out, "</%s>\n", pp_doc_kind_name(n->kind));
		return;
	}
	pp_buf_adds(out, ">\n");
	for (c = n->first; c != NULL; c = c->next)
		doc_dump_node(out, c, depth + 1);
	for (i = 0; i < (size_t)depth; i++)
		pp_buf_adds(out, "  ");
	pp_buf_addf(out, "</%s>\n", pp_doc_kind_name(n->kind));
}

void
pp_doc_dump(const struct pp_doc *doc, struct pp_buf *out)
{
	const struct pp_node *c;
	size_t i;

	pp_buf_adds(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	pp_buf_adds(out, "<document");
	doc_attr(out, "model", doc->model);
	doc_attr(out, "title", doc->title);
	doc_attr(out, "subject", doc->subject);
	doc_attr(out, "keywords", doc->keywords);
	doc_attr(out, "author", doc->author);
	doc_attr(out, "reference", doc->reference);
	if (doc->paraphes)
		doc_attr(out, "paraphes", "true");
	if (doc->draft)
		doc_attr(out, "draft", "true");
	pp_buf_adds(out, ">\n");
	if (doc->nclauses > 0) {
		pp_buf_adds(out, "  <clauses>\n");
		for (i = 0; i < doc->nclauses; i++) {
			pp_buf_adds(out, "    <clause");
			doc_attr(out, "id", doc->clauses[i].id);
			doc_attr(out, "version", doc->clauses[i].version);
			doc_attr(out, "status", doc->clauses[i].status);
			pp_buf_adds(out, "/>\n");
		}
		pp_buf_adds(out, "  </clauses>\n");
	}
	for (c = doc->root->first; c != NULL; c = c->next)
		doc_dump_node(out, c, 1);
	pp_buf_adds(out, "</document>\n");
}
