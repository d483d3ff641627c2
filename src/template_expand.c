/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Templates, second half: expanding a loaded template (template.c) over a
 * form into a document tree: the walk over the elements (<if>, <each>,
 * <clause>...), text and attributes with their {expressions}, Markdown
 * from forms (cmark), then numbering, references, whitespace and French
 * typography.
 */
#include <cmark.h>
#include <glib.h>
#include <libxml/tree.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"
#include "french.h"
#include "i18n.h"
#include "suggest.h"
#include "template.h"
#include "template_private.h"

struct tpl_ctx {
	const struct pp_template *t;
	struct pp_doc *doc;
	struct pp_expr_env env;
	struct pp_error *err;
	GHashTable *files;   /* template file -> arena copy for positions */
	GHashTable *targets; /* article and annex ids -> node */
	GPtrArray *refs;     /* REF nodes to resolve */
	size_t nodes;
	int depth;
	int typography;
	/* the text node tpl_add_text grew last, with its buffer's size */
	struct pp_node *grown;
	char *grown_buf;
	size_t grown_len, grown_cap;
	/* the "{" of a text node being expanded, for the error's line */
	const xmlNode *at_node;
	const char *at;
};

static struct pp_pos
tpl_doc_pos(struct tpl_ctx *c, const xmlNode *node)
{
	struct pp_pos pos = pp_template_pos(node);
	const char *f = g_hash_table_lookup(c->files, pos.file);

	if (f == NULL) {
		f = pp_arena_strdup(c->doc->arena, pos.file);
		g_hash_table_insert(c->files, (gpointer)f, (gpointer)f);
	}
	pos.file = f;
	return pos;
}

__attribute__((format(printf, 4, 5))) static int
tpl_fail(struct tpl_ctx *c, const xmlNode *node, enum pp_diag_code code,
	 const char *fmt, ...)
{
	struct pp_pos pos =
	    pp_template_pos_at(node, node == c->at_node ? c->at : NULL);
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pp_error_set(c->err, code, &pos, "%s", msg);
	return -1;
}

static struct pp_node *
tpl_new(struct tpl_ctx *c, enum pp_node_kind kind, const xmlNode *node)
{
	struct pp_pos pos = tpl_doc_pos(c, node);

	c->nodes++;
	return pp_doc_node_new(c->doc, kind, &pos);
}

/*
 * Bounds what a template makes: <each> multiplies (nested ones with no
 * content too), and so does a long text of the form printed many times.
 * pending: bytes held outside the arena.
 */
static int
tpl_budget(struct tpl_ctx *c, const xmlNode *node, size_t pending)
{
	if (c->nodes > TPL_MAX_NODES)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("the document grows beyond %d parts; is a "
				  "list in the form far too long?"),
				TPL_MAX_NODES);
	if (pp_arena_used(c->doc->arena) + pending > TPL_MAX_MEMORY)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("the document grows beyond %u MiB; is a "
				  "list in the form far too long?"),
				TPL_MAX_MEMORY >> 20);
	return 0;
}

static int
tpl_append(struct tpl_ctx *c, struct pp_node *parent, struct pp_node *child,
	   const xmlNode *node)
{
	if (tpl_budget(c, node, 0) != 0)
		return -1;
	if (pp_doc_append(parent, child) != 0)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("<%s> cannot be placed inside %s"),
				(const char *)node->name,
				pp_doc_kind_name(parent->kind));
	return 0;
}

/* Evaluates one {...} to text; -1 with the error set. */
static int
tpl_eval_text(struct tpl_ctx *c, const xmlNode *node, const char *src,
	      size_t len, struct pp_buf *out)
{
	struct pp_buf msg;
	struct pp_expr *e;
	struct pp_value *v = NULL;
	int rc = 0;

	if (tpl_budget(c, node, out->len) != 0)
		return -1;
	pp_buf_init(&msg);
	e = pp_expr_parse(c->doc->arena, src, len, &msg);
	if (e == NULL) {
		rc = tpl_fail(c, node, PP_DIAG_EXPRESSION,
			      _("in \"{%.*s}\": %s"), (int)len, src,
			      pp_buf_str(&msg));
		goto out;
	}
	switch (pp_expr_eval(e, &c->env, &v, &msg)) {
	case PP_EXPR_OK:
		if (pp_expr_value_text(v, out, &msg) != 0)
			rc = tpl_fail(c, node, PP_DIAG_EXPRESSION,
				      _("in \"{%.*s}\": %s"), (int)len, src,
				      pp_buf_str(&msg));
		break;
	case PP_EXPR_ABSENT:
		rc = tpl_fail(c, node, PP_DIAG_MISSING_VALUE,
			      _("%s; fill it in the form, or guard this "
				"place with <if> or \"| default\""),
			      pp_buf_str(&msg));
		break;
	case PP_EXPR_ERROR:
		rc = tpl_fail(c, node, PP_DIAG_EXPRESSION,
			      _("in \"{%.*s}\": %s"), (int)len, src,
			      pp_buf_str(&msg));
		break;
	}
out:
	pp_buf_fini(&msg);
	return rc;
}

/* Interpolates an attribute value into out. */
static int
tpl_interpolate(struct tpl_ctx *c, const xmlNode *node, const char *text,
		struct pp_buf *out)
{
	const char *p = text;

	while (*p != '\0') {
		const char *end;

		if (p[0] == '{' && p[1] == '{') {
			pp_buf_addc(out, '{');
			p += 2;
		} else if (p[0] == '}' && p[1] == '}') {
			pp_buf_addc(out, '}');
			p += 2;
		} else if (p[0] == '{') {
			end = strchr(p, '}');
			if (end == NULL)
				return tpl_fail(c, node, PP_DIAG_TEMPLATE,
						_("\"{\" without its \"}\""));
			if (tpl_eval_text(c, node, p + 1, (size_t)(end - p - 1),
					  out) != 0)
				return -1;
			p = end + 1;
		} else {
			pp_buf_addc(out, *p++);
		}
	}
	return 0;
}

/* An interpolated attribute as an arena string, or NULL when absent. */
static int
tpl_attr(struct tpl_ctx *c, const xmlNode *node, const char *name,
	 const char **out)
{
	xmlChar *raw = xmlGetProp(node, BAD_CAST name);
	struct pp_buf b;
	int rc = 0;

	*out = NULL;
	if (raw == NULL)
		return 0;
	pp_buf_init(&b);
	if (pp_template_attr_is_literal(pp_template_element_of(node), name))
		pp_buf_adds(&b, (const char *)raw);
	else
		rc = tpl_interpolate(c, node, (const char *)raw, &b);
	if (rc == 0)
		*out = pp_arena_strdup(c->doc->arena, pp_buf_str(&b));
	pp_buf_fini(&b);
	xmlFree(raw);
	return rc;
}

/* Appends text to an inline container, merging with a text before it. */
static void
tpl_add_text(struct tpl_ctx *c, struct pp_node *container, const char *s,
	     size_t len, const xmlNode *node)
{
	struct pp_node *last = container->last;
	struct pp_node *t;

	if (len == 0)
		return;
	if (last != NULL && last->kind == PP_NODE_TEXT) {
		/* The buffer doubles: a paragraph made by a long <each>
		 * costs linear time and memory, not quadratic. */
		int same = last == c->grown && last->text == c->grown_buf;
		size_t old = same ? c->grown_len : strlen(last->text);

		if (!same || old + len >= c->grown_cap) {
			c->grown_cap = 2 * (old + len) + 1;
			c->grown_buf =
			    pp_arena_alloc(c->doc->arena, c->grown_cap);
			memcpy(c->grown_buf, last->text, old);
			c->grown = last;
		}
		memcpy(c->grown_buf + old, s, len);
		c->grown_buf[old + len] = '\0';
		c->grown_len = old + len;
		last->text = c->grown_buf;
		return;
	}
	t = tpl_new(c, PP_NODE_TEXT, node);
	t->text = pp_arena_strndup(c->doc->arena, s, len);
	pp_doc_append(container, t);
}

static int tpl_markdown_blocks(struct tpl_ctx *c, const xmlNode *node,
			       const char *text, struct pp_node *parent,
			       int inline_only);

/* Interpolates a text node into an inline container. */
static int
tpl_text_into(struct tpl_ctx *c, const xmlNode *node, const char *text,
	      struct pp_node *container)
{
	const char *p = text, *run = text;
	struct pp_buf b;

	pp_buf_init(&b);
	while (*p != '\0') {
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			tpl_add_text(c, container, run, (size_t)(p - run) + 1,
				     node);
			p += 2;
			run = p;
		} else if (p[0] == '{') {
			const char *end = strchr(p, '}');
			struct pp_buf msg;
			struct pp_expr *e;
			const struct pp_expr *md;

			c->at_node = node;
			c->at = p;
			tpl_add_text(c, container, run, (size_t)(p - run),
				     node);
			if (end == NULL) {
				pp_buf_fini(&b);
				return tpl_fail(c, node, PP_DIAG_TEMPLATE,
						_("\"{\" without its \"}\""));
			}
			pp_buf_init(&msg);
			e = pp_expr_parse(c->doc->arena, p + 1,
					  (size_t)(end - p - 1), &msg);
			pp_buf_fini(&msg);
			md = e != NULL ? pp_expr_markdown_source(e) : NULL;
			pp_buf_reset(&b);
			if (md != NULL) {
				struct pp_value *v = NULL;
				struct pp_buf m2;
				int rc;

				pp_buf_init(&m2);
				rc = pp_expr_eval(md, &c->env, &v, &m2) ==
						 PP_EXPR_OK &&
					     pp_expr_value_text(v, &b, &m2) == 0
					 ? 0
					 : tpl_fail(c, node,
						    PP_DIAG_MISSING_VALUE, "%s",
						    pp_buf_str(&m2));
				pp_buf_fini(&m2);
				if (rc != 0 ||
				    tpl_markdown_blocks(c, node, pp_buf_str(&b),
							container, 1) != 0) {
					pp_buf_fini(&b);
					return -1;
				}
			} else {
				if (tpl_eval_text(c, node, p + 1,
						  (size_t)(end - p - 1),
						  &b) != 0) {
					pp_buf_fini(&b);
					return -1;
				}
				tpl_add_text(c, container, pp_buf_str(&b),
					     b.len, node);
			}
			p = end + 1;
			run = p;
		} else {
			p++;
		}
	}
	tpl_add_text(c, container, run, (size_t)(p - run), node);
	pp_buf_fini(&b);
	c->at_node = NULL;
	return 0;
}

/* --- Markdown from forms (cmark) ---------------------------------------- */

static int
tpl_md_inlines(struct tpl_ctx *c, const xmlNode *node, cmark_node *md,
	       struct pp_node *container, int depth)
{
	cmark_node *ch;

	if (depth > TPL_MAX_DEPTH)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("this Markdown text is nested more than %d "
				  "deep"),
				TPL_MAX_DEPTH);

	for (ch = cmark_node_first_child(md); ch != NULL;
	     ch = cmark_node_next(ch)) {
		const char *lit = cmark_node_get_literal(ch);
		struct pp_node *n;

		switch ((int)cmark_node_get_type(ch)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_HTML_INLINE:
			tpl_add_text(c, container, lit ? lit : "",
				     lit ? strlen(lit) : 0, node);
			break;
		case CMARK_NODE_SOFTBREAK:
			tpl_add_text(c, container, " ", 1, node);
			break;
		case CMARK_NODE_LINEBREAK:
			n = tpl_new(c, PP_NODE_LINEBREAK, node);
			pp_doc_append(container, n);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			n = tpl_new(c,
				    cmark_node_get_type(ch) == CMARK_NODE_EMPH
					? PP_NODE_EMPH
					: PP_NODE_STRONG,
				    node);
			pp_doc_append(container, n);
			if (tpl_md_inlines(c, node, ch, n, depth + 1) != 0)
				return -1;
			break;
		case CMARK_NODE_LINK: {
			const char *url = cmark_node_get_url(ch);

			if (url != NULL && container->kind != PP_NODE_LINK &&
			    (strncmp(url, "https://", 8) == 0 ||
			     strncmp(url, "http://", 7) == 0 ||
			     strncmp(url, "mailto:", 7) == 0)) {
				n = tpl_new(c, PP_NODE_LINK, node);
				n->href = pp_arena_strdup(c->doc->arena, url);
				pp_doc_append(container, n);
				if (tpl_md_inlines(c, node, ch, n, depth + 1) !=
				    0)
					return -1;
			} else if (tpl_md_inlines(c, node, ch, container,
						  depth + 1) != 0) {
				return -1;
			}
			break;
		}
		case CMARK_NODE_IMAGE:
			if (tpl_md_inlines(c, node, ch, container, depth + 1) !=
			    0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

static int
tpl_md_blocks(struct tpl_ctx *c, const xmlNode *node, cmark_node *md,
	      struct pp_node *parent, int depth)
{
	cmark_node *ch;

	if (depth > TPL_MAX_DEPTH)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("this Markdown text is nested more than %d "
				  "deep"),
				TPL_MAX_DEPTH);

	for (ch = cmark_node_first_child(md); ch != NULL;
	     ch = cmark_node_next(ch)) {
		struct pp_node *n;

		switch ((int)cmark_node_get_type(ch)) {
		case CMARK_NODE_PARAGRAPH:
			n = tpl_new(c, PP_NODE_PARAGRAPH, node);
			if (tpl_append(c, parent, n, node) != 0 ||
			    tpl_md_inlines(c, node, ch, n, depth + 1) != 0)
				return -1;
			break;
		case CMARK_NODE_HEADING: {
			/* A heading of an annex file: a paragraph in bold, the
			 * document's own titles being the articles'. */
			struct pp_node *b = tpl_new(c, PP_NODE_STRONG, node);

			n = tpl_new(c, PP_NODE_PARAGRAPH, node);
			if (tpl_append(c, parent, n, node) != 0)
				return -1;
			pp_doc_append(n, b);
			if (tpl_md_inlines(c, node, ch, b, depth + 1) != 0)
				return -1;
			break;
		}
		case CMARK_NODE_BLOCK_QUOTE:
			if (tpl_md_blocks(c, node, ch, parent, depth + 1) != 0)
				return -1;
			break;
		case CMARK_NODE_CODE_BLOCK:
		case CMARK_NODE_HTML_BLOCK: {
			const char *lit = cmark_node_get_literal(ch);

			n = tpl_new(c, PP_NODE_PARAGRAPH, node);
			if (tpl_append(c, parent, n, node) != 0)
				return -1;
			tpl_add_text(c, n, lit ? lit : "",
				     lit ? strlen(lit) : 0, node);
			break;
		}
		case CMARK_NODE_LIST:
			n = tpl_new(c, PP_NODE_LIST, node);
			n->number =
			    cmark_node_get_list_type(ch) == CMARK_ORDERED_LIST;
			if (tpl_append(c, parent, n, node) != 0 ||
			    tpl_md_blocks(c, node, ch, n, depth + 1) != 0)
				return -1;
			break;
		case CMARK_NODE_ITEM:
			n = tpl_new(c, PP_NODE_ITEM, node);
			if (tpl_append(c, parent, n, node) != 0 ||
			    tpl_md_blocks(c, node, ch, n, depth + 1) != 0)
				return -1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Markdown text as blocks appended to parent; with inline_only, the text
 * must be one paragraph whose inlines go into the container parent. */
static int
tpl_markdown_blocks(struct tpl_ctx *c, const xmlNode *node, const char *text,
		    struct pp_node *parent, int inline_only)
{
	cmark_node *root =
	    cmark_parse_document(text, strlen(text), CMARK_OPT_DEFAULT);
	int rc;

	if (root == NULL)
		abort();
	if (tpl_budget(c, node, 0) != 0) {
		cmark_node_free(root);
		return -1;
	}
	if (inline_only) {
		cmark_node *first = cmark_node_first_child(root);

		if (first != NULL &&
		    (cmark_node_next(first) != NULL ||
		     cmark_node_get_type(first) != CMARK_NODE_PARAGRAPH))
			rc = tpl_fail(c, node, PP_DIAG_TEMPLATE,
				      _("this Markdown text has several "
					"paragraphs or a list: \"| markdown\" "
					"must then be the whole content of a "
					"<p>"));
		else
			rc = first != NULL
				 ? tpl_md_inlines(c, node, first, parent, 0)
				 : 0;
	} else {
		rc = tpl_md_blocks(c, node, root, parent, 0);
	}
	cmark_node_free(root);
	return rc;
}

/* --- The expansion walk ------------------------------------------------- */

static int tpl_expand(struct tpl_ctx *c, xmlNode *first, struct pp_node *parent,
		      struct pp_node **implicit);

/* The inline container text goes into: parent itself, or an implicit
 * paragraph in an item, a cell or a party. */
static struct pp_node *
tpl_inline_target(struct tpl_ctx *c, struct pp_node *parent,
		  struct pp_node **implicit, const xmlNode *node)
{
	if (pp_doc_can_contain(parent->kind, PP_NODE_TEXT))
		return parent;
	/* Not in an article or an annex: loose text there is a forgotten
	 * <p>, not a paragraph. */
	if ((parent->kind != PP_NODE_ITEM && parent->kind != PP_NODE_CELL &&
	     parent->kind != PP_NODE_PARTY) ||
	    implicit == NULL)
		return NULL;
	if (*implicit == NULL) {
		*implicit = tpl_new(c, PP_NODE_PARAGRAPH, node);
		pp_doc_append(parent, *implicit);
	}
	return *implicit;
}

static int
tpl_is_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

/* A <p> whose only content is "{x | markdown}": the expression, else
 * NULL. */
static const struct pp_expr *
tpl_markdown_paragraph(struct tpl_ctx *c, const xmlNode *p)
{
	const xmlNode *only = p->children;
	const char *s, *e;
	struct pp_expr *expr;
	struct pp_buf msg;

	if (only == NULL || only->next != NULL || only->type != XML_TEXT_NODE)
		return NULL;
	s = (const char *)only->content;
	s += strspn(s, " \t\r\n");
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]) != NULL)
		e--;
	if (e - s < 2 || s[0] != '{' || e[-1] != '}' ||
	    memchr(s + 1, '{', (size_t)(e - s - 1)) != NULL)
		return NULL;
	pp_buf_init(&msg);
	expr = pp_expr_parse(c->doc->arena, s + 1, (size_t)(e - s - 2), &msg);
	pp_buf_fini(&msg);
	return expr != NULL ? pp_expr_markdown_source(expr) : NULL;
}

static int
tpl_widths(struct tpl_ctx *c, const xmlNode *node, struct pp_node *n)
{
	xmlChar *raw = xmlGetProp(node, BAD_CAST "widths");
	char **parts;
	size_t i;
	int rc = 0;

	if (raw == NULL)
		return 0;
	parts = g_strsplit((const char *)raw, ",", 0);
	n->ncols = g_strv_length(parts);
	n->widths = pp_arena_alloc(c->doc->arena,
				   (n->ncols ? n->ncols : 1) * sizeof(int));
	for (i = 0; i < n->ncols; i++) {
		char *end;
		long w = strtol(parts[i], &end, 10);

		if (end == parts[i] || *end != '\0' || w <= 0 || w > 100) {
			rc = tpl_fail(c, node, PP_DIAG_TEMPLATE,
				      _("widths is a list of percentages such "
					"as \"30,70\""));
			break;
		}
		n->widths[i] = (int)w;
	}
	g_strfreev(parts);
	xmlFree(raw);
	return rc;
}

static int
tpl_expand_if(struct tpl_ctx *c, xmlNode *node, struct pp_node *parent,
	      struct pp_node **implicit)
{
	xmlChar *test = xmlGetProp(node, BAD_CAST "test");
	struct pp_buf msg;
	struct pp_expr *e;
	xmlNode *next;
	int t;

	pp_buf_init(&msg);
	e = pp_expr_parse(c->doc->arena, (const char *)test,
			  strlen((const char *)test), &msg);
	t = e != NULL ? pp_expr_test(e, &c->env, &msg) : -1;
	if (t < 0) {
		tpl_fail(c, node, PP_DIAG_EXPRESSION, _("in test=\"%s\": %s"),
			 (const char *)test, pp_buf_str(&msg));
		pp_buf_fini(&msg);
		xmlFree(test);
		return -1;
	}
	pp_buf_fini(&msg);
	xmlFree(test);
	if (t)
		return tpl_expand(c, node->children, parent, implicit);
	for (next = node->next; next != NULL && next->type != XML_ELEMENT_NODE;
	     next = next->next)
		;
	if (next != NULL && pp_template_element_of(next) == E_ELSE)
		return tpl_expand(c, next->children, parent, implicit);
	return 0;
}

static int
tpl_expand_each(struct tpl_ctx *c, xmlNode *node, struct pp_node *parent,
		struct pp_node **implicit)
{
	xmlChar *in = xmlGetProp(node, BAD_CAST "in");
	xmlChar *as = xmlGetProp(node, BAD_CAST "as");
	struct pp_expr_scope item, loop;
	const struct pp_expr_scope *saved = c->env.scope;
	struct pp_value *list = NULL;
	struct pp_buf msg;
	struct pp_expr *e;
	int rc = 0;
	size_t i;

	pp_buf_init(&msg);
	e = pp_expr_parse(c->doc->arena, (const char *)in,
			  strlen((const char *)in), &msg);
	switch (e != NULL ? pp_expr_eval(e, &c->env, &list, &msg)
			  : PP_EXPR_ERROR) {
	case PP_EXPR_OK:
		if (list->kind != PP_VALUE_LIST)
			rc = tpl_fail(c, node, PP_DIAG_EXPRESSION,
				      _("<each in=\"%s\">: the form gives %s "
					"here, not a list"),
				      (const char *)in,
				      pp_value_kind_name(list->kind));
		break;
	case PP_EXPR_ABSENT:
		rc = tpl_fail(c, node, PP_DIAG_MISSING_VALUE,
			      _("%s; guard this <each> with <if test=\"%s\">"),
			      pp_buf_str(&msg), (const char *)in);
		break;
	case PP_EXPR_ERROR:
		rc =
		    tpl_fail(c, node, PP_DIAG_EXPRESSION, _("in in=\"%s\": %s"),
			     (const char *)in, pp_buf_str(&msg));
		break;
	}
	pp_buf_fini(&msg);
	for (i = 0; rc == 0 && i < list->u.list.n; i++) {
		struct pp_value *vars;

		/* An iteration counts as a part: nested <each> multiply. */
		c->nodes++;
		if ((rc = tpl_budget(c, node, 0)) != 0)
			break;
		vars = pp_value_new(c->env.arena, PP_VALUE_MAP, NULL);
		pp_value_map_append(
		    c->env.arena, vars, "index", NULL,
		    pp_value_new_int(c->env.arena, (long long)i + 1, NULL));
		pp_value_map_append(c->env.arena, vars, "count", NULL,
				    pp_value_new_int(c->env.arena,
						     (long long)list->u.list.n,
						     NULL));
		pp_value_map_append(
		    c->env.arena, vars, "first", NULL,
		    pp_value_new_bool(c->env.arena, i == 0, NULL));
		pp_value_map_append(c->env.arena, vars, "last", NULL,
				    pp_value_new_bool(c->env.arena,
						      i + 1 == list->u.list.n,
						      NULL));
		item.name = (const char *)as;
		item.value = list->u.list.items[i];
		item.parent = saved;
		loop.name = "loop";
		loop.value = vars;
		loop.parent = &item;
		c->env.scope = &loop;
		rc = tpl_expand(c, node->children, parent, implicit);
		c->env.scope = saved;
	}
	xmlFree(in);
	xmlFree(as);
	return rc;
}

static int
tpl_expand_element(struct tpl_ctx *c, xmlNode *node, struct pp_node *parent,
		   struct pp_node **implicit)
{
	enum tpl_elem el = pp_template_element_of(node);
	struct pp_node *n, *target, *inner = NULL;
	const char *s;

	switch (el) {
	case E_IF:
		return tpl_expand_if(c, node, parent, implicit);
	case E_ELSE:
		return 0; /* taken care of by the <if> before it */
	case E_EACH:
		return tpl_expand_each(c, node, parent, implicit);
	case E_CLAUSE: {
		xmlChar *name = xmlGetProp(node, BAD_CAST "name");
		struct tpl_clause *cl =
		    g_hash_table_lookup(c->t->clauses, (const char *)name);
		int rc;

		xmlFree(name);
		if (cl == NULL)
			return tpl_fail(c, node, PP_DIAG_TEMPLATE,
					_("unknown clause"));
		pp_doc_add_clause(c->doc, cl->id, cl->version, cl->status);
		rc = tpl_expand(c, xmlDocGetRootElement(cl->xml)->children,
				parent, implicit);
		return rc;
	}
	case E_DOCUMENT:
	case E__COUNT:
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("<%s> is not allowed here"),
				(const char *)node->name);
	case E_STRONG:
	case E_EM:
	case E_LINK:
	case E_BR:
	case E_REF:
		target = tpl_inline_target(c, parent, implicit, node);
		if (target == NULL)
			return tpl_fail(c, node, PP_DIAG_TEMPLATE,
					_("<%s> must be inside a paragraph"),
					(const char *)node->name);
		n = tpl_new(c, pp_template_elements[el].kind, node);
		if (el == E_LINK && tpl_attr(c, node, "href", &n->href) != 0)
			return -1;
		if (el == E_REF) {
			if (tpl_attr(c, node, "to", &n->id) != 0 ||
			    tpl_attr(c, node, "form", &n->style) != 0)
				return -1;
			g_ptr_array_add(c->refs, n);
		}
		if (tpl_append(c, target, n, node) != 0)
			return -1;
		if (el == E_STRONG || el == E_EM || el == E_LINK)
			return tpl_expand(c, node->children, n, NULL);
		return 0;
	case E_P:
		if (tpl_markdown_paragraph(c, node) != NULL) {
			const struct pp_expr *md =
			    tpl_markdown_paragraph(c, node);
			struct pp_value *v = NULL;
			struct pp_buf msg, text;
			int rc = 0;

			pp_buf_init(&msg);
			pp_buf_init(&text);
			if (pp_expr_eval(md, &c->env, &v, &msg) != PP_EXPR_OK ||
			    pp_expr_value_text(v, &text, &msg) != 0)
				rc = tpl_fail(c, node, PP_DIAG_MISSING_VALUE,
					      "%s", pp_buf_str(&msg));
			else
				rc = tpl_markdown_blocks(
				    c, node, pp_buf_str(&text), parent, 0);
			pp_buf_fini(&msg);
			pp_buf_fini(&text);
			if (implicit != NULL)
				*implicit = NULL;
			return rc;
		}
		break;
	case E_MARQUE:
	case E_LOGOS:
	case E_LOGO:
	case E_H1:
	case E_H2:
	case E_H3:
	case E_ARTICLE:
	case E_LIST:
	case E_ITEM:
	case E_TABLE:
	case E_ROW:
	case E_CELL:
	case E_SIGNATURES:
	case E_PARTY:
	case E_ANNEX:
	case E_PAGEBREAK:
		break;
	}
	/* A block. */
	if (implicit != NULL)
		*implicit = NULL;
	n = tpl_new(c, pp_template_elements[el].kind, node);
	if (tpl_attr(c, node, "style", &n->style) != 0)
		return -1;
	switch (el) {
	case E_H1:
	case E_H2:
	case E_H3:
		n->number = el - E_H1 + 1;
		break;
	case E_ARTICLE:
	case E_ANNEX:
		if (tpl_attr(c, node, "id", &n->id) != 0 ||
		    tpl_attr(c, node, "title", &n->title) != 0)
			return -1;
		if (n->id != NULL) {
			const struct pp_node *other =
			    g_hash_table_lookup(c->targets, n->id);

			if (other != NULL)
				return tpl_fail(
				    c, node, PP_DIAG_TEMPLATE,
				    _("two articles or annexes have "
				      "the id \"%s\" (the other one is at "
				      "%s:%d)"),
				    n->id, other->pos.file, other->pos.line);
			g_hash_table_insert(c->targets, (gpointer)n->id, n);
		}
		break;
	case E_PARTY:
	case E_LOGOS:
		if (tpl_attr(c, node, el == E_PARTY ? "title" : "label",
			     &n->title) != 0)
			return -1;
		if (el == E_PARTY &&
		    tpl_attr(c, node, "paraphe", &n->text) != 0)
			return -1;
		if (el == E_PARTY && n->text != NULL && n->text[0] == '\0')
			n->text = NULL;
		break;
	case E_LOGO:
		if (tpl_attr(c, node, "file", &n->href) != 0 ||
		    tpl_attr(c, node, "name", &n->title) != 0)
			return -1;
		break;
	case E_LIST:
		if (tpl_attr(c, node, "type", &s) != 0)
			return -1;
		if (s != NULL && strcmp(s, "number") != 0 &&
		    strcmp(s, "bullet") != 0)
			return tpl_fail(c, node, PP_DIAG_TEMPLATE,
					_("a list's type is \"bullet\" or "
					  "\"number\""));
		n->number = s != NULL && strcmp(s, "number") == 0;
		break;
	case E_ROW:
		if (tpl_attr(c, node, "header", &s) != 0)
			return -1;
		n->number = s != NULL && strcmp(s, "true") == 0;
		break;
	case E_TABLE:
		if (tpl_widths(c, node, n) != 0)
			return -1;
		break;
	case E_MARQUE: {
		struct pp_value *lines = NULL;
		struct pp_expr_scope none = {"", NULL, NULL};
		const char *src;
		size_t i;

		(void)none;
		if (tpl_attr(c, node, "source", &src) != 0)
			return -1;
		lines = pp_value_path_get(
		    c->env.root, src ? src : "emetteur.intitule_bloc_marque");
		if (lines == NULL || lines->kind != PP_VALUE_LIST)
			return tpl_fail(c, node, PP_DIAG_MISSING_VALUE,
					_("the form gives no lines for the "
					  "bloc-marque (%s)"),
					src ? src
					    : "emetteur.intitule_bloc_marque");
		n->nlines = lines->u.list.n;
		n->lines = pp_arena_alloc(c->doc->arena,
					  (n->nlines + 1) * sizeof(char *));
		for (i = 0; i < n->nlines; i++) {
			const char *t = pp_value_text(lines->u.list.items[i]);

			n->lines[i] =
			    pp_arena_strdup(c->doc->arena, t ? t : "");
		}
		break;
	}
	case E_P:
	case E_ITEM:
	case E_CELL:
	case E_SIGNATURES:
	case E_PAGEBREAK:
	case E_REF:
	case E_STRONG:
	case E_EM:
	case E_LINK:
	case E_BR:
	case E_IF:
	case E_ELSE:
	case E_EACH:
	case E_CLAUSE:
	case E_DOCUMENT:
	case E__COUNT:
		break;
	}
	if (tpl_append(c, parent, n, node) != 0)
		return -1;
	if (++c->depth > TPL_MAX_DEPTH * 2)
		return tpl_fail(c, node, PP_DIAG_TEMPLATE,
				_("the document is nested too deeply"));
	if (tpl_expand(c, node->children, n, &inner) != 0)
		return -1;
	c->depth--;
	return 0;
}

static int
tpl_expand(struct tpl_ctx *c, xmlNode *first, struct pp_node *parent,
	   struct pp_node **implicit)
{
	xmlNode *node;

	for (node = first; node != NULL; node = node->next) {
		if (node->type == XML_TEXT_NODE) {
			const char *text = (const char *)node->content;
			struct pp_node *target;

			if (!pp_doc_can_contain(parent->kind, PP_NODE_TEXT) &&
			    (implicit == NULL || *implicit == NULL) &&
			    tpl_is_blank(text))
				continue;
			target = tpl_inline_target(c, parent, implicit, node);
			if (target == NULL) {
				if (tpl_is_blank(text))
					continue;
				return tpl_fail(
				    c, node, PP_DIAG_TEMPLATE,
				    _("text cannot stand directly in <%s>: "
				      "put it in a <p>"),
				    pp_doc_kind_name(parent->kind));
			}
			if (tpl_text_into(c, node, text, target) != 0)
				return -1;
		} else if (node->type == XML_ELEMENT_NODE) {
			if (tpl_expand_element(c, node, parent, implicit) != 0)
				return -1;
		}
	}
	return 0;
}

/* --- Finishing: numbering, references, whitespace, typography ---------- */

static void
tpl_number(struct pp_node *n, int *articles, int *annexes)
{
	struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		if (ch->kind == PP_NODE_ARTICLE)
			ch->number = ++*articles;
		else if (ch->kind == PP_NODE_ANNEX)
			ch->number = ++*annexes;
		tpl_number(ch, articles, annexes);
	}
}

/* Explains a reference to an id the document does not hold: an article
 * switched off by an <if> for this form, or an id never written. */
static void
tpl_ref_error(struct tpl_ctx *c, const struct pp_node *r)
{
	struct pp_pos pos = r->pos;
	const char *best = NULL;
	size_t best_d = 3;
	GHashTableIter it;
	gpointer key;

	if (g_hash_table_contains(c->t->ids, r->id)) {
		pp_error_set(c->err, PP_DIAG_TEMPLATE, &pos,
			     _("<ref to=\"%s\">: an <if> has switched this "
			       "article or annex off for this form; put the "
			       "reference under the same condition"),
			     r->id);
		return;
	}
	g_hash_table_iter_init(&it, c->t->ids);
	while (g_hash_table_iter_next(&it, &key, NULL)) {
		size_t d = pp_edit_distance(key, r->id);

		if (d < best_d ||
		    (d == best_d && best != NULL && strcmp(key, best) < 0)) {
			best_d = d;
			best = key;
		}
	}
	if (best != NULL)
		pp_error_set(c->err, PP_DIAG_TEMPLATE, &pos,
			     _("<ref to=\"%s\">: no article or annex has "
			       "this id (did you mean \"%s\"?)"),
			     r->id, best);
	else
		pp_error_set(c->err, PP_DIAG_TEMPLATE, &pos,
			     _("<ref to=\"%s\">: no article or annex has "
			       "this id"),
			     r->id);
}

/* The superscript after a first ordinal: "1er". */
#define TPL_ORDINAL_FIRST "er"

/* Appends to parent a superscript holding text (static or arena-owned). */
static void
tpl_append_super(struct tpl_ctx *c, struct pp_node *parent, const char *text)
{
	struct pp_node *sup =
	    pp_doc_node_new(c->doc, PP_NODE_SUPER, &parent->pos);
	struct pp_node *t = pp_doc_node_new(c->doc, PP_NODE_TEXT, &parent->pos);

	t->text = text;
	pp_doc_append(sup, t);
	pp_doc_append(parent, sup);
}

static int
tpl_resolve_refs(struct tpl_ctx *c)
{
	guint i;

	for (i = 0; i < c->refs->len; i++) {
		struct pp_node *r = c->refs->pdata[i];
		struct pp_node *target = g_hash_table_lookup(c->targets, r->id);
		int bare = r->style != NULL && strcmp(r->style, "bare") == 0;
		/* "aux articles 1er, 2 et 3": the number alone. */
		int numero =
		    r->style != NULL && strcmp(r->style, "numero") == 0;

		if (target == NULL) {
			tpl_ref_error(c, r);
			return -1;
		}
		{
			char words[64];
			struct pp_node *t =
			    pp_doc_node_new(c->doc, PP_NODE_TEXT, &r->pos);
			/* "l'article 1er": the ordinal's "er" superscript. */
			int first = target->kind == PP_NODE_ARTICLE &&
				    target->number == 1;

			if (numero)
				snprintf(words, sizeof(words), "%d",
					 target->number);
			else
				snprintf(
				    words, sizeof(words), "%s%s" PP_NBSP "%d",
				    bare ? "" : "l\xe2\x80\x99",
				    target->kind == PP_NODE_ARTICLE ? "article"
								    : "annexe",
				    target->number);
			t->text = pp_arena_strdup(c->doc->arena, words);
			pp_doc_append(r, t);
			if (first) {
				tpl_append_super(c, r, TPL_ORDINAL_FIRST);
				strncat(words, TPL_ORDINAL_FIRST,
					sizeof(words) - strlen(words) - 1);
			}
			r->text = pp_arena_strdup(c->doc->arena, words);
		}
		r->style = NULL;
	}
	return 0;
}

/* Collapses runs of white space to one space, in place. */
static char *
tpl_collapse(struct pp_arena *a, const char *s)
{
	char *out = pp_arena_alloc(a, strlen(s) + 1), *o = out;
	int space = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = 1;
			continue;
		}
		if (space)
			*o++ = ' ';
		space = 0;
		*o++ = *s;
	}
	if (space)
		*o++ = ' ';
	*o = '\0';
	return out;
}

/* The texts a template keeps with their typography: a document has a few
 * hundred. */
#define TPL_TYPO_MAX 4096

static void
tpl_typo(struct tpl_ctx *c, const char **text)
{
	const char *done;

	if (*text == NULL || !c->typography)
		return;
	done = g_hash_table_lookup(c->t->typo, *text);
	if (done == NULL) {
		struct pp_buf b;

		pp_buf_init(&b);
		pp_fr_typography(*text, &b);
		if (g_hash_table_size(c->t->typo) >= TPL_TYPO_MAX)
			g_hash_table_remove_all(c->t->typo);
		done = pp_buf_detach(&b);
		g_hash_table_insert(c->t->typo, g_strdup(*text),
				    (gpointer)done);
	}
	*text = pp_arena_strdup(c->doc->arena, done);
}

/* Leading (or trailing) text of an inline run, descending into
 * formatting. */
static struct pp_node *
tpl_edge_text(struct pp_node *n, int last)
{
	while (n != NULL && n->kind != PP_NODE_TEXT) {
		if (n->kind == PP_NODE_LINEBREAK || n->kind == PP_NODE_REF)
			return NULL;
		n = last ? n->last : n->first;
	}
	return n;
}

static int
tpl_inline_empty(const struct pp_node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->kind == PP_NODE_TEXT) {
			if (n->text[0] != '\0')
				return 0;
		} else if (n->kind == PP_NODE_LINEBREAK ||
			   n->kind == PP_NODE_REF) {
			return 0;
		} else if (!tpl_inline_empty(n->first)) {
			return 0;
		}
	}
	return 1;
}

/* Collapses white space in the inline run under n; *space is 1 when the
 * text before ends with a space (or a line break, or nothing yet), so that
 * no double space appears across formatting ("a <em> b</em>"). */
static void
tpl_finish_inlines(struct tpl_ctx *c, struct pp_node *n, int *space)
{
	struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		if (ch->kind == PP_NODE_TEXT) {
			const char *t = tpl_collapse(c->doc->arena, ch->text);

			if (t[0] == ' ' && *space)
				t++;
			if (t[0] != '\0')
				*space = t[strlen(t) - 1] == ' ';
			ch->text = t;
		} else if (ch->kind == PP_NODE_LINEBREAK) {
			*space = 1;
		} else if (ch->kind == PP_NODE_REF) {
			*space = 0;
		} else {
			tpl_finish_inlines(c, ch, space);
		}
	}
}

/* 1 when the len bytes at s are a space, no-break or not. */
static int
tpl_is_space(const char *s, size_t len)
{
	return (len == 1 && s[0] == ' ') ||
	       (len == 2 && strncmp(s, PP_NBSP, 2) == 0) ||
	       (len == 3 && strncmp(s, PP_NNBSP, 3) == 0);
}

/*
 * Where text holds a first ordinal, "1er" as a word of its own ("1er mars
 * 2026" as the date filter writes it, "l'article 1er du décret", "du 1er
 * au 10 mars"): the offset of its "er", or -1.  The word stands at the
 * start or after a space or "(", and ends the text or comes before a space
 * or a punctuation mark; so "21er" or "1ers" do not count.
 */
static long
tpl_ordinal_at(const char *text)
{
	const char *p;

	for (p = strstr(text, "1er"); p != NULL; p = strstr(p + 1, "1er")) {
		const char *after = p + 3;
		size_t back = (size_t)(p - text);
		int before_ok = back == 0 || p[-1] == '(' ||
				tpl_is_space(p - 1, 1) ||
				(back >= 2 && tpl_is_space(p - 2, 2)) ||
				(back >= 3 && tpl_is_space(p - 3, 3));

		if (!before_ok)
			continue;
		if (*after == '\0' || strchr(" ,.;:)", *after) != NULL ||
		    strncmp(after, PP_NBSP, 2) == 0 ||
		    strncmp(after, PP_NNBSP, 3) == 0)
			return (long)back + 1;
	}
	return -1;
}

/* Sets the "er" of "1er" as a superscript in the text nodes under n
 * (not in references, whose words are the template's). */
static void
tpl_ordinals(struct tpl_ctx *c, struct pp_node *n)
{
	struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		long at;

		if (ch->kind == PP_NODE_REF || ch->kind == PP_NODE_SUPER)
			continue;
		if (ch->kind != PP_NODE_TEXT) {
			tpl_ordinals(c, ch);
			continue;
		}
		if ((at = tpl_ordinal_at(ch->text)) >= 0) {
			struct pp_node *sup =
			    pp_doc_node_new(c->doc, PP_NODE_SUPER, &ch->pos);
			struct pp_node *er =
			    pp_doc_node_new(c->doc, PP_NODE_TEXT, &ch->pos);
			struct pp_node *rest =
			    pp_doc_node_new(c->doc, PP_NODE_TEXT, &ch->pos);

			er->text = TPL_ORDINAL_FIRST;
			pp_doc_append(sup, er);
			rest->text = ch->text + at + 2;
			ch->text = pp_arena_strndup(c->doc->arena, ch->text,
						    (size_t)at);
			pp_doc_insert_after(ch, sup);
			pp_doc_insert_after(sup, rest);
			ch = sup; /* rest is next: it may hold another */
		}
	}
}

static void
tpl_typo_inlines(struct tpl_ctx *c, struct pp_node *n)
{
	struct pp_node *ch;

	for (ch = n->first; ch != NULL; ch = ch->next) {
		if (ch->kind == PP_NODE_TEXT)
			tpl_typo(c, &ch->text);
		else if (ch->kind != PP_NODE_REF)
			tpl_typo_inlines(c, ch);
	}
}

static void
tpl_finish(struct tpl_ctx *c, struct pp_node *n)
{
	struct pp_node *ch, *next;

	tpl_typo(c, &n->title);
	if (pp_doc_can_contain(n->kind, PP_NODE_TEXT)) {
		struct pp_node *edge;
		int space = 1;

		tpl_finish_inlines(c, n, &space);
		if ((edge = tpl_edge_text(n->first, 0)) != NULL &&
		    edge->text[0] == ' ')
			edge->text++;
		if ((edge = tpl_edge_text(n->last, 1)) != NULL) {
			size_t len = strlen(edge->text);

			if (len > 0 && edge->text[len - 1] == ' ')
				edge->text = pp_arena_strndup(
				    c->doc->arena, edge->text, len - 1);
		}
		tpl_typo_inlines(c, n);
		if (c->typography)
			tpl_ordinals(c, n);
		return;
	}
	for (ch = n->first; ch != NULL; ch = next) {
		next = ch->next;
		tpl_finish(c, ch);
		/* Never an empty block in a document to be signed. */
		if ((ch->kind == PP_NODE_PARAGRAPH ||
		     ch->kind == PP_NODE_HEADING) &&
		    tpl_inline_empty(ch->first))
			pp_doc_remove(ch);
		else if ((ch->kind == PP_NODE_LIST ||
			  ch->kind == PP_NODE_ITEM) &&
			 ch->first == NULL)
			pp_doc_remove(ch);
	}
}

struct pp_doc *
pp_template_expand(const struct pp_template *t, const char *model,
		   const struct pp_value *form, struct pp_error *err)
{
	struct tpl_ctx c;
	xmlNode *root = xmlDocGetRootElement(t->xml);
	struct pp_doc *doc = pp_doc_new();
	int articles = 0, annexes = 0, rc;
	const char *typo = NULL, *paraphes = NULL, *draft = NULL;
	const char *fields = NULL;

	memset(&c, 0, sizeof(c));
	c.t = t;
	c.doc = doc;
	c.err = err;
	c.env.arena = doc->arena;
	c.env.root = form;
	c.files = g_hash_table_new(g_str_hash, g_str_equal);
	c.targets = g_hash_table_new(g_str_hash, g_str_equal);
	c.refs = g_ptr_array_new();
	doc->model = pp_arena_strdup(doc->arena, model);
	{
		char *dir = g_path_get_dirname(
		    form->pos.file != NULL ? form->pos.file : ".");

		doc->base_dir = pp_arena_strdup(doc->arena, dir);
		g_free(dir);
	}
	doc->root->pos = tpl_doc_pos(&c, root);
	rc = tpl_attr(&c, root, "title", &doc->title);
	if (rc == 0)
		rc = tpl_attr(&c, root, "subject", &doc->subject);
	if (rc == 0)
		rc = tpl_attr(&c, root, "keywords", &doc->keywords);
	if (rc == 0)
		rc = tpl_attr(&c, root, "author", &doc->author);
	if (rc == 0)
		rc = tpl_attr(&c, root, "reference", &doc->reference);
	if (rc == 0 && doc->reference != NULL && doc->reference[0] == '\0')
		doc->reference = NULL;
	if (rc == 0)
		rc = tpl_attr(&c, root, "paraphes", &paraphes);
	doc->paraphes = paraphes != NULL && (strcmp(paraphes, "oui") == 0 ||
					     strcmp(paraphes, "true") == 0);
	if (rc == 0)
		rc = tpl_attr(&c, root, "draft", &draft);
	doc->draft = draft != NULL &&
		     (strcmp(draft, "oui") == 0 || strcmp(draft, "true") == 0);
	if (rc == 0)
		rc = tpl_attr(&c, root, "signature-fields", &fields);
	doc->signature_fields = fields != NULL && (strcmp(fields, "oui") == 0 ||
						   strcmp(fields, "true") == 0);
	if (rc == 0)
		rc = tpl_attr(&c, root, "typography", &typo);
	c.typography = typo == NULL || strcmp(typo, "none") != 0;
	if (rc == 0)
		rc = tpl_expand(&c, root->children, doc->root, NULL);
	if (rc == 0) {
		tpl_number(doc->root, &articles, &annexes);
		rc = tpl_resolve_refs(&c);
	}
	if (rc == 0) {
		tpl_finish(&c, doc->root);
		tpl_typo(&c, &doc->title);
		tpl_typo(&c, &doc->subject);
	}
	g_hash_table_destroy(c.files);
	g_hash_table_destroy(c.targets);
	g_ptr_array_free(c.refs, TRUE);
	if (rc != 0) {
		pp_doc_free(doc);
		return NULL;
	}
	return doc;
}
