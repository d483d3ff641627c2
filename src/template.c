/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Templates, first half: parsing a template file with libxml2's safe
 * options and checking it (known elements and attributes, expressions that
 * parse, clauses that exist and load) into a struct pp_template.  The
 * expansion over a form is template_expand.c's.
 */
#include <glib.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"
#include "fileio.h"
#include "i18n.h"
#include "template.h"
#include "template_private.h"
#include "xalloc.h"

/* --- The vocabulary and positions (template_private.h) ----------------- */

const struct tpl_elem_def pp_template_elements[E__COUNT] = {
    {"document",
     "title subject keywords author reference paraphes draft "
     "signature-fields typography",
     PP_NODE_DOCUMENT},
    {"marque", "source", PP_NODE_MARQUE},
    {"logos", "label style", PP_NODE_LOGOS},
    {"logo", "!file name", PP_NODE_LOGO},
    {"h1", "style", PP_NODE_HEADING},
    {"h2", "style", PP_NODE_HEADING},
    {"h3", "style", PP_NODE_HEADING},
    {"p", "style", PP_NODE_PARAGRAPH},
    {"article", "id !title style", PP_NODE_ARTICLE},
    {"ref", "!to form", PP_NODE_REF},
    {"list", "type style", PP_NODE_LIST},
    {"item", "style", PP_NODE_ITEM},
    {"table", "widths style", PP_NODE_TABLE},
    {"row", "header style", PP_NODE_ROW},
    {"cell", "style", PP_NODE_CELL},
    {"signatures", "style", PP_NODE_SIGNATURES},
    {"party", "title paraphe style", PP_NODE_PARTY},
    {"annex", "id !title style", PP_NODE_ANNEX},
    {"pagebreak", "", PP_NODE_PAGEBREAK},
    {"strong", "", PP_NODE_STRONG},
    {"em", "", PP_NODE_EMPH},
    {"link", "!href", PP_NODE_LINK},
    {"br", "", PP_NODE_LINEBREAK},
    {"if", "!test", PP_NODE__COUNT},
    {"else", "", PP_NODE__COUNT},
    {"each", "!in !as", PP_NODE__COUNT},
    {"clause", "!name", PP_NODE__COUNT},
};

/* Attributes whose value is an expression, not text to interpolate. */
static int
tpl_attr_is_expr(const char *name)
{
	return strcmp(name, "test") == 0 || strcmp(name, "in") == 0;
}

int
pp_template_attr_is_literal(enum tpl_elem el, const char *name)
{
	if (strcmp(name, "name") == 0)
		return el == E_CLAUSE;
	return strcmp(name, "id") == 0 || strcmp(name, "to") == 0 ||
	       strcmp(name, "as") == 0 || strcmp(name, "style") == 0 ||
	       strcmp(name, "type") == 0 || strcmp(name, "widths") == 0 ||
	       strcmp(name, "header") == 0 || strcmp(name, "form") == 0 ||
	       strcmp(name, "typography") == 0 || strcmp(name, "source") == 0;
}

struct pp_pos
pp_template_pos(const xmlNode *node)
{
	struct pp_pos pos;

	pos.file = node->doc != NULL && node->doc->URL != NULL
		       ? (const char *)node->doc->URL
		       : "?";
	pos.line = (int)xmlGetLineNo(node);
	if (pos.line < 0)
		pos.line = 0;
	pos.col = 0;
	return pos;
}

struct pp_pos
pp_template_pos_at(const xmlNode *node, const char *at)
{
	struct pp_pos pos = pp_template_pos(node);
	const char *s = (const char *)node->content, *end;

	if (node->type != XML_TEXT_NODE || s == NULL || pos.line == 0)
		return pos;
	end = at != NULL ? at : s + strspn(s, " \t\r\n");
	for (; *s != '\0' && s < end; s++)
		if (*s == '\n')
			pos.line++;
	return pos;
}

enum tpl_elem
pp_template_element_of(const xmlNode *node)
{
	int i;

	for (i = 0; i < E__COUNT; i++) {
		const char *name = pp_template_elements[i].name;

		if (xmlStrcmp(node->name, (const xmlChar *)name) == 0)
			return (enum tpl_elem)i;
	}
	return E__COUNT;
}

/* --- Loading ------------------------------------------------------------ */

static xmlParserInputPtr
tpl_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

/* What the parser saw, for the messages: a DOCTYPE (refused before any
 * of its declarations is read) and the first error, which names the
 * mistake where the last one names the end of the file. */
struct tpl_parse_state {
	int doctype_line; /* 0 when none */
	int errors;
	int line, col;
	char msg[512];
};

static void
tpl_on_doctype(void *ctx, const xmlChar *name, const xmlChar *external_id,
	       const xmlChar *system_id)
{
	xmlParserCtxtPtr ctxt = ctx;
	struct tpl_parse_state *st = ctxt->_private;

	(void)name;
	(void)external_id;
	(void)system_id;
	st->doctype_line = ctxt->input != NULL && ctxt->input->line > 0
			       ? ctxt->input->line
			       : 1;
	xmlStopParser(ctxt);
}

#if LIBXML_VERSION >= 21200
static void
tpl_on_error(void *ctx, const xmlError *e)
#else
static void
tpl_on_error(void *ctx, xmlErrorPtr e)
#endif
{
	xmlParserCtxtPtr ctxt = ctx;
	struct tpl_parse_state *st = ctxt->_private;

	if (e == NULL || e->level < XML_ERR_ERROR || st->errors++ > 0)
		return;
	snprintf(st->msg, sizeof(st->msg), "%s",
		 e->message != NULL ? e->message : "?");
	st->msg[strcspn(st->msg, "\n")] = '\0';
	st->line = e->line;
	st->col = e->int2;
}

/* Text nodes get the line where their text starts: libxml2 gives them the
 * line where it handed the first piece over, often the end of the text.
 * At each call the parser stands just after ch[0..len). */
static void
tpl_on_characters(void *ctx, const xmlChar *ch, int len)
{
	xmlParserCtxtPtr ctxt = ctx;
	xmlNodePtr parent = ctxt->node;
	xmlNodePtr before = parent != NULL ? parent->last : NULL;
	long line = ctxt->input != NULL ? (long)ctxt->input->line : 0;
	int i;

	for (i = 0; i < len; i++)
		if (ch[i] == '\n')
			line--;
	xmlSAX2Characters(ctx, ch, len);
	if (parent != NULL && parent->last != NULL && parent->last != before &&
	    parent->last->type == XML_TEXT_NODE && line > 0 && line < 65535)
		parent->last->line = (unsigned short)line;
}

static xmlDocPtr
tpl_parse_file(const char *path, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct tpl_parse_state st;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr xml;
	char *data;
	size_t len;

	if (pp_file_read(path, TPL_MAX_BYTES, &data, &len, err) != 0)
		return NULL;
	xmlSetExternalEntityLoader(tpl_deny_loader);
	ctxt = xmlNewParserCtxt();
	if (ctxt == NULL)
		abort();
	memset(&st, 0, sizeof(st));
	ctxt->_private = &st;
	ctxt->sax->internalSubset = tpl_on_doctype;
	ctxt->sax->serror = tpl_on_error;
	ctxt->sax->characters = tpl_on_characters;
	ctxt->sax->ignorableWhitespace = tpl_on_characters;
	xml = xmlCtxtReadMemory(ctxt, data, (int)len, path, "UTF-8",
				XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	free(data);
	xmlFreeParserCtxt(ctxt);
	if (st.doctype_line > 0 || (xml != NULL && (xml->intSubset != NULL ||
						    xml->extSubset != NULL))) {
		pos.line = st.doctype_line > 0 ? st.doctype_line : 1;
		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("templates may not have a DOCTYPE (nor "
			       "entities other than &amp; &lt; &gt; &quot; "
			       "&apos;)"));
		if (xml != NULL)
			xmlFreeDoc(xml);
		return NULL;
	}
	if (xml == NULL) {
		pos.line = st.line;
		pos.col = st.col;
		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("the template is not well-formed XML: %s"),
			     st.errors > 0 ? st.msg : "?");
		return NULL;
	}
	return xml;
}

/* Checks every {...} of a text or attribute value. */
static int
tpl_check_text(const xmlNode *node, const char *text, struct pp_error *err)
{
	const char *p = text;
	struct pp_arena *a = pp_arena_new();
	int rc = 0;

	while ((p = strchr(p, '{')) != NULL) {
		const char *end;
		struct pp_buf msg;

		if (p[1] == '{') {
			p += 2;
			continue;
		}
		end = strchr(p, '}');
		if (end == NULL) {
			struct pp_pos pos = pp_template_pos_at(node, p);

			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("\"{\" without its \"}\" (write \"{{\" "
				       "for a literal brace)"));
			rc = -1;
			break;
		}
		pp_buf_init(&msg);
		if (pp_expr_parse(a, p + 1, (size_t)(end - p - 1), &msg) ==
		    NULL) {
			struct pp_pos pos = pp_template_pos_at(node, p);

			pp_error_set(err, PP_DIAG_EXPRESSION, &pos,
				     _("in \"{%.*s}\": %s"), (int)(end - p - 1),
				     p + 1, pp_buf_str(&msg));
			pp_buf_fini(&msg);
			rc = -1;
			break;
		}
		pp_buf_fini(&msg);
		p = end + 1;
	}
	pp_arena_free(a);
	return rc;
}

static int tpl_check_tree(struct pp_template *t, xmlNode *node, int depth,
			  int in_clause, struct pp_error *err);

static struct tpl_clause *
tpl_load_clause(struct pp_template *t, const xmlNode *where, const char *name,
		int depth, struct pp_error *err)
{
	struct tpl_clause *cl = g_hash_table_lookup(t->clauses, name);
	struct pp_pos pos = pp_template_pos(where);
	xmlNode *root;
	char *file;

	if (cl != NULL)
		return cl;
	if (t->clauses_dir == NULL || name[0] == '\0' || name[0] == '.' ||
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") !=
		strlen(name)) {
		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("unknown clause \"%s\""), name);
		return NULL;
	}
	file = g_strdup_printf("%s/%s.xml", t->clauses_dir, name);
	if (!g_file_test(file, G_FILE_TEST_IS_REGULAR)) {
		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("unknown clause \"%s\": there is no %s"), name,
			     file);
		g_free(file);
		return NULL;
	}
	cl = pp_xcalloc(1, sizeof(*cl));
	cl->path = file;
	cl->xml = tpl_parse_file(file, err);
	if (cl->xml == NULL)
		goto fail;
	root = xmlDocGetRootElement(cl->xml);
	if (root == NULL || xmlStrcmp(root->name, BAD_CAST "clause") != 0) {
		struct pp_pos rpos = {file, 1, 0};

		pp_error_set(err, PP_DIAG_TEMPLATE, &rpos,
			     _("a clause file starts with <clause id=\"…\" "
			       "version=\"…\" status=\"…\">"));
		goto fail;
	}
	cl->id = (char *)xmlGetProp(root, BAD_CAST "id");
	cl->version = (char *)xmlGetProp(root, BAD_CAST "version");
	cl->status = (char *)xmlGetProp(root, BAD_CAST "status");
	if (cl->id == NULL || cl->version == NULL || cl->status == NULL) {
		struct pp_pos rpos = pp_template_pos(root);

		pp_error_set(err, PP_DIAG_TEMPLATE, &rpos,
			     _("a clause needs id, version and status"));
		goto fail;
	}
	/* Registered before its children are checked: a clause that
	 * includes itself is found in the table and stops there. */
	g_hash_table_insert(t->clauses, g_strdup(name), cl);
	if (tpl_check_tree(t, root->children, depth + 1, 1, err) != 0)
		return NULL;
	return cl;
fail:
	if (cl->xml != NULL)
		xmlFreeDoc(cl->xml);
	xmlFree(cl->id);
	xmlFree(cl->version);
	xmlFree(cl->status);
	g_free(cl->path);
	free(cl);
	return NULL;
}

static int
tpl_check_element(struct pp_template *t, xmlNode *node, int depth,
		  int in_clause, struct pp_error *err)
{
	struct pp_pos pos = pp_template_pos(node);
	enum tpl_elem el = pp_template_element_of(node);
	const xmlAttr *attr;
	const char *spec;

	if (el == E__COUNT || (el == E_DOCUMENT && depth > 0)) {
		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("unknown element <%s> (see doc/modeles.md for "
			       "the template language)"),
			     (const char *)node->name);
		return -1;
	}
	spec = pp_template_elements[el].attrs;
	for (attr = node->properties; attr != NULL; attr = attr->next) {
		const char *name = (const char *)attr->name;
		const char *p = strstr(spec, name);
		size_t len = strlen(name);
		xmlChar *value;
		int rc = 0;

		while (p != NULL &&
		       !((p == spec || p[-1] == ' ' || p[-1] == '!') &&
			 (p[len] == ' ' || p[len] == '\0')))
			p = strstr(p + 1, name);
		if (p == NULL || attr->ns != NULL) {
			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("<%s> has no attribute \"%s\""),
				     pp_template_elements[el].name, name);
			return -1;
		}
		value = xmlNodeGetContent((const xmlNode *)attr);
		if (tpl_attr_is_expr(name)) {
			struct pp_arena *a = pp_arena_new();
			struct pp_buf msg;

			pp_buf_init(&msg);
			if (pp_expr_parse(a, (const char *)value,
					  strlen((const char *)value),
					  &msg) == NULL) {
				pp_error_set(err, PP_DIAG_EXPRESSION, &pos,
					     _("in %s=\"%s\": %s"), name,
					     (const char *)value,
					     pp_buf_str(&msg));
				rc = -1;
			}
			pp_buf_fini(&msg);
			pp_arena_free(a);
		} else if (!pp_template_attr_is_literal(el, name)) {
			rc = tpl_check_text(node, (const char *)value, err);
		}
		xmlFree(value);
		if (rc != 0)
			return -1;
	}
	for (spec = strchr(spec, '!'); spec != NULL;
	     spec = strchr(spec + 1, '!')) {
		char name[32];
		size_t len = strcspn(spec + 1, " ");

		snprintf(name, sizeof(name), "%.*s", (int)len, spec + 1);
		if (!xmlHasProp(node, BAD_CAST name)) {
			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("<%s> needs the attribute \"%s\""),
				     pp_template_elements[el].name, name);
			return -1;
		}
	}
	if ((el == E_ARTICLE || el == E_ANNEX) &&
	    xmlHasProp(node, BAD_CAST "id")) {
		xmlChar *id = xmlGetProp(node, BAD_CAST "id");

		g_hash_table_add(t->ids, g_strdup((const char *)id));
		xmlFree(id);
	}
	if (el == E_ELSE) {
		const xmlNode *prev = node->prev;

		while (prev != NULL && prev->type != XML_ELEMENT_NODE)
			prev = prev->prev;
		if (prev == NULL || pp_template_element_of(prev) != E_IF) {
			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("<else> must follow an <if>"));
			return -1;
		}
	}
	if (el == E_CLAUSE) {
		xmlChar *name = xmlGetProp(node, BAD_CAST "name");
		struct tpl_clause *cl;

		if (in_clause) {
			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("a clause cannot include another "
				       "clause"));
			xmlFree(name);
			return -1;
		}
		cl = tpl_load_clause(t, node, (const char *)name, depth, err);
		xmlFree(name);
		if (cl == NULL)
			return -1;
	}
	return tpl_check_tree(t, node->children, depth + 1, in_clause, err);
}

static int
tpl_check_tree(struct pp_template *t, xmlNode *node, int depth, int in_clause,
	       struct pp_error *err)
{
	if (depth > TPL_MAX_DEPTH) {
		struct pp_pos pos = node != NULL ? pp_template_pos(node)
						 : (struct pp_pos){NULL, 0, 0};

		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("elements are nested more than %d deep"),
			     TPL_MAX_DEPTH);
		return -1;
	}
	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE) {
			if (tpl_check_element(t, node, depth, in_clause, err) !=
			    0)
				return -1;
		} else if (node->type == XML_TEXT_NODE) {
			if (tpl_check_text(node, (const char *)node->content,
					   err) != 0)
				return -1;
		} else if (node->type == XML_ENTITY_REF_NODE) {
			struct pp_pos pos = pp_template_pos(node);

			pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
				     _("entities other than &amp; &lt; &gt; "
				       "&quot; &apos; are not allowed"));
			return -1;
		}
	}
	return 0;
}

static void
tpl_clause_free(gpointer p)
{
	struct tpl_clause *cl = p;

	if (cl->xml != NULL)
		xmlFreeDoc(cl->xml);
	xmlFree(cl->id);
	xmlFree(cl->version);
	xmlFree(cl->status);
	g_free(cl->path);
	free(cl);
}

struct pp_template *
pp_template_load(const char *path, const char *clauses_dir,
		 struct pp_error *err)
{
	struct pp_template *t = pp_xcalloc(1, sizeof(*t));
	xmlNode *root;

	t->path = pp_xstrdup(path);
	t->clauses_dir = clauses_dir != NULL ? pp_xstrdup(clauses_dir) : NULL;
	t->clauses = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					   tpl_clause_free);
	t->ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	t->typo = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, free);
	t->xml = tpl_parse_file(path, err);
	if (t->xml == NULL)
		goto fail;
	root = xmlDocGetRootElement(t->xml);
	if (root == NULL || pp_template_element_of(root) != E_DOCUMENT) {
		struct pp_pos pos = {path, 1, 0};

		pp_error_set(err, PP_DIAG_TEMPLATE, &pos,
			     _("a template starts with <document>"));
		goto fail;
	}
	if (tpl_check_element(t, root, 0, 0, err) != 0)
		goto fail;
	return t;
fail:
	pp_template_free(t);
	return NULL;
}

void
pp_template_free(struct pp_template *t)
{
	if (t == NULL)
		return;
	if (t->xml != NULL)
		xmlFreeDoc(t->xml);
	g_hash_table_destroy(t->clauses);
	g_hash_table_destroy(t->ids);
	g_hash_table_destroy(t->typo);
	free(t->path);
	free(t->clauses_dir);
	free(t);
}
