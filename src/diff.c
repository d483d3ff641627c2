/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe diff (diff.h): forms loaded and validated, expanded into their
 * document trees (pp_renderer_expand, the path render takes), the trees
 * cut into sections and compared word by word; clause versions and the
 * form values that matter compared by value.  The library never prints:
 * the reports go to a buffer.
 */
#include <errno.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "doc.h"
#include "i18n.h"
#include "model.h"
#include "pdfsource.h"
#include "render.h"
#include "schema.h"
#include "utf8.h"
#include "value.h"
#include "xalloc.h"

/* Words of context around a change; changes closer than twice this are
 * printed as one passage. */
#define DIFF_CONTEXT 6
/* Unchanged words between two changes that are printed inside one
 * passage rather than as context. */
#define DIFF_GLUE 3
/* The largest table of the word comparison (words of one section against
 * the other's, once the common beginning and end are set aside); beyond,
 * the middle is reported as replaced whole. */
#define DIFF_MAX_CELLS (4u << 20)

enum diff_status { DIFF_SAME, DIFF_CHANGED, DIFF_ADDED, DIFF_REMOVED };

/* Sections without a title: the beginning, the signatures, the blocks
 * after an article (title: that article's). */
enum {
	DIFF_PSEUDO_NONE,
	DIFF_PSEUDO_START,
	DIFF_PSEUDO_SIGN,
	DIFF_PSEUDO_AFTER
};

/* A section of a document: an article, an annex, a heading's blocks, the
 * beginning, the signatures. */
struct diff_sec {
	char *key;   /* "article:objet", "titre:Préambule", "debut"... */
	char *title; /* "Article 1er – Objet"; for the sections without a
			title of their own, the words that name them
			(diff_sec_name) */
	int pseudo;  /* DIFF_PSEUDO_*: a section without a title */
	int number;  /* of an article or annex, else 0 */
	char **words;
	size_t nwords;
};

/* One passage that changed: words removed and added, with context. */
struct diff_change {
	char *before, *removed, *added, *after;
	int cut_before, cut_after; /* context shortened: "…" */
	int joined;		   /* printed on the line of the previous */
};

struct diff_entry {
	enum diff_status status;
	const struct diff_sec *a, *b; /* NULL when added / removed */
	GPtrArray *changes;	      /* struct diff_change * */
};

struct diff_clause {
	char *id, *va, *vb; /* NULL when the document lacks it */
};

struct diff_doc {
	char *model;
	GPtrArray *secs_a, *secs_b; /* struct diff_sec * */
	GPtrArray *entries;	    /* struct diff_entry * */
	GPtrArray *clauses;	    /* struct diff_clause *, the changed */
	size_t same;		    /* sections unchanged */
};

struct diff_value {
	char *path;
	const char *category; /* "clause", "date", "partie"... */
	char *a, *b;	      /* NULL when absent */
};

struct pp_diff {
	char *a_name, *b_name;
	int model_mode;
	GPtrArray *docs;   /* struct diff_doc * */
	GPtrArray *values; /* struct diff_value * */
};

/* --- Sections ---------------------------------------------------------- */

static void
diff_sec_free(gpointer p)
{
	struct diff_sec *s = p;

	g_free(s->key);
	g_free(s->title);
	g_strfreev(s->words);
	free(s);
}

/* Appends the words of a node and its descendants to text. */
static void
diff_node_text(const struct pp_node *n, GString *text)
{
	const struct pp_node *c;
	size_t i;

	switch (n->kind) {
	case PP_NODE_TEXT:
		if (n->text != NULL)
			g_string_append(text, n->text);
		return;
	case PP_NODE_REF:
		/* The resolved words, as printed. */
		if (n->text != NULL)
			g_string_append(text, n->text);
		return;
	case PP_NODE_LINEBREAK:
	case PP_NODE_PAGEBREAK:
		g_string_append_c(text, ' ');
		return;
	case PP_NODE_MARQUE:
		for (i = 0; i < n->nlines; i++)
			g_string_append_printf(text, " %s", n->lines[i]);
		g_string_append_c(text, ' ');
		return;
	case PP_NODE_LOGO:
		g_string_append_printf(text, " [logo %s %s] ",
				       n->title != NULL ? n->title : "",
				       n->href != NULL ? n->href : "");
		return;
	case PP_NODE_PARTY:
	case PP_NODE_LOGOS:
		if (n->title != NULL)
			g_string_append_printf(text, " %s ", n->title);
		break;
	case PP_NODE_DOCUMENT:
	case PP_NODE_HEADING:
	case PP_NODE_PARAGRAPH:
	case PP_NODE_ARTICLE:
	case PP_NODE_ANNEX:
	case PP_NODE_LIST:
	case PP_NODE_ITEM:
	case PP_NODE_TABLE:
	case PP_NODE_ROW:
	case PP_NODE_CELL:
	case PP_NODE_SIGNATURES:
	case PP_NODE_STRONG:
	case PP_NODE_EMPH:
	case PP_NODE_LINK:
	case PP_NODE_SUPER:
	case PP_NODE__COUNT:
	default:
		break;
	}
	if (!pp_doc_is_inline(n->kind))
		g_string_append_c(text, ' ');
	for (c = n->first; c != NULL; c = c->next)
		diff_node_text(c, text);
	if (!pp_doc_is_inline(n->kind))
		g_string_append_c(text, ' ');
}

/* Whether n holds a signatures block. */
static int
diff_has_signatures(const struct pp_node *n)
{
	const struct pp_node *c;

	if (n->kind == PP_NODE_SIGNATURES)
		return 1;
	for (c = n->first; c != NULL; c = c->next)
		if (diff_has_signatures(c))
			return 1;
	return 0;
}

static struct diff_sec *
diff_sec_new(GPtrArray *secs, char *key, char *title, int number)
{
	struct diff_sec *s = pp_xcalloc(1, sizeof(*s));
	guint i, twin = 1;

	/* Keys are unique: a second heading of the same text is "#2". */
	for (i = 0; i < secs->len; i++) {
		const struct diff_sec *o = secs->pdata[i];

		if (strcmp(o->key, key) == 0 ||
		    (g_str_has_prefix(o->key, key) &&
		     o->key[strlen(key)] == '#'))
			twin++;
	}
	if (twin > 1) {
		char *k = g_strdup_printf("%s#%u", key, twin);

		g_free(key);
		key = k;
	}
	s->key = key;
	s->title = title;
	s->number = number;
	g_ptr_array_add(secs, s);
	return s;
}

/* Ends a section: its text, cut into words. */
static void
diff_sec_words(struct diff_sec *s, GString *text)
{
	char **all = g_strsplit_set(text->str, " \t\n\r", -1);
	size_t n = 0, i;

	for (i = 0; all[i] != NULL; i++)
		if (all[i][0] != '\0')
			all[n++] = all[i];
		else
			g_free(all[i]);
	all[n] = NULL;
	s->words = all;
	s->nwords = n;
	g_string_truncate(text, 0);
}

/* The sections of doc, in document order. */
static GPtrArray *
diff_sections(const struct pp_doc *doc)
{
	GPtrArray *secs = g_ptr_array_new_with_free_func(diff_sec_free);
	GString *text = g_string_new("");
	struct diff_sec *cur = NULL, *last = NULL;
	const struct pp_node *n;

	for (n = doc->root->first; n != NULL; n = n->next) {
		if (n->kind == PP_NODE_ARTICLE || n->kind == PP_NODE_ANNEX) {
			int annex = n->kind == PP_NODE_ANNEX;
			char heading[512];
			char *key = g_strdup_printf(
			    "%s:%s", annex ? "annexe" : "article",
			    n->id != NULL ? n->id
					  : (n->title != NULL ? n->title : ""));

			if (cur != NULL)
				diff_sec_words(cur, text);
			if (annex)
				snprintf(heading, sizeof(heading),
					 "Annexe %d – %s", n->number,
					 n->title != NULL ? n->title : "");
			else
				pp_doc_article_heading_text(n->number, n->title,
							    heading,
							    sizeof(heading));
			last = diff_sec_new(secs, key, g_strdup(heading),
					    n->number);
			g_string_append_printf(
			    text, "%s ", n->title != NULL ? n->title : "");
			diff_node_text(n, text);
			diff_sec_words(last, text);
			cur = NULL;
			continue;
		}
		if (n->kind == PP_NODE_HEADING) {
			GString *h = g_string_new("");

			if (cur != NULL)
				diff_sec_words(cur, text);
			diff_node_text(n, h);
			g_strstrip(h->str);
			cur = diff_sec_new(secs,
					   g_strdup_printf("titre:%s", h->str),
					   g_strdup(h->str), 0);
			g_string_free(h, TRUE);
		} else if (cur == NULL) {
			cur = last == NULL
				  ? diff_sec_new(secs, g_strdup("debut"),
						 g_strdup(""), 0)
				  : diff_sec_new(
					secs,
					g_strdup_printf("apres:%s", last->key),
					g_strdup(last->title), 0);
			cur->pseudo = last == NULL ? DIFF_PSEUDO_START
						   : DIFF_PSEUDO_AFTER;
		}
		if (diff_has_signatures(n) &&
		    strncmp(cur->key, "apres:", 6) == 0) {
			g_free(cur->key);
			g_free(cur->title);
			cur->key = g_strdup("signatures");
			cur->title = g_strdup("");
			cur->pseudo = DIFF_PSEUDO_SIGN;
		}
		diff_node_text(n, text);
	}
	if (cur != NULL)
		diff_sec_words(cur, text);
	g_string_free(text, TRUE);
	return secs;
}

/* --- Word comparison --------------------------------------------------- */

enum { OP_EQ, OP_DEL, OP_INS };

struct diff_op {
	int op;
	size_t i; /* the word's index in a (EQ, DEL) or b (INS) */
};

/* The edit script from a to b: common beginning and end set aside, the
 * longest common subsequence of the middle. */
static GArray *
diff_words(char **a, size_t n, char **b, size_t m)
{
	GArray *ops = g_array_new(FALSE, FALSE, sizeof(struct diff_op));
	size_t pre = 0, suf = 0, i, j, n2, m2;
	struct diff_op op;

	while (pre < n && pre < m && strcmp(a[pre], b[pre]) == 0)
		pre++;
	while (suf < n - pre && suf < m - pre &&
	       strcmp(a[n - 1 - suf], b[m - 1 - suf]) == 0)
		suf++;
	for (i = 0; i < pre; i++) {
		op = (struct diff_op){OP_EQ, i};
		g_array_append_val(ops, op);
	}
	n2 = n - pre - suf;
	m2 = m - pre - suf;
	if (n2 > 0 && m2 > 0 && (n2 + 1) * (m2 + 1) <= DIFF_MAX_CELLS) {
		/* len[i][j]: the common subsequence of a[i..] and b[j..]. */
		guint32 *len = g_new0(guint32, (n2 + 1) * (m2 + 1));
#define L(x, y) len[(x) * (m2 + 1) + (y)]
		for (i = n2; i-- > 0;)
			for (j = m2; j-- > 0;)
				L(i, j) = strcmp(a[pre + i], b[pre + j]) == 0
					      ? L(i + 1, j + 1) + 1
					      : MAX(L(i + 1, j), L(i, j + 1));
		i = j = 0;
		while (i < n2 || j < m2) {
			if (i < n2 && j < m2 &&
			    strcmp(a[pre + i], b[pre + j]) == 0) {
				op = (struct diff_op){OP_EQ, pre + i};
				i++;
				j++;
			} else if (j < m2 &&
				   (i == n2 || L(i, j + 1) >= L(i + 1, j))) {
				op = (struct diff_op){OP_INS, pre + j};
				j++;
			} else {
				op = (struct diff_op){OP_DEL, pre + i};
				i++;
			}
			g_array_append_val(ops, op);
		}
#undef L
		g_free(len);
	} else {
		for (i = 0; i < n2; i++) {
			op = (struct diff_op){OP_DEL, pre + i};
			g_array_append_val(ops, op);
		}
		for (j = 0; j < m2; j++) {
			op = (struct diff_op){OP_INS, pre + j};
			g_array_append_val(ops, op);
		}
	}
	for (i = n - suf; i < n; i++) {
		op = (struct diff_op){OP_EQ, i};
		g_array_append_val(ops, op);
	}
	return ops;
}

static void
diff_change_free(gpointer p)
{
	struct diff_change *c = p;

	g_free(c->before);
	g_free(c->removed);
	g_free(c->added);
	g_free(c->after);
	free(c);
}

/* The words of a from index from (inclusive) to to (exclusive), EQ ops
 * only, joined by spaces. */
static char *
diff_join_eq(const GArray *ops, char **a, size_t from, size_t to)
{
	GString *s = g_string_new("");
	size_t k;

	for (k = from; k < to; k++) {
		const struct diff_op *o =
		    &g_array_index(ops, struct diff_op, k);

		if (s->len > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, a[o->i]);
	}
	return g_string_free(s, FALSE);
}

static void
diff_append_word(GString *s, const char *word)
{
	if (s->len > 0)
		g_string_append_c(s, ' ');
	g_string_append(s, word);
}

/* The passages that changed, each with its context. */
static GPtrArray *
diff_changes(const struct diff_sec *sa, const struct diff_sec *sb)
{
	GArray *ops = diff_words(sa->words, sa->nwords, sb->words, sb->nwords);
	GPtrArray *out = g_ptr_array_new_with_free_func(diff_change_free);
	size_t k = 0, n = ops->len, prev_end = 0;

	while (k < n) {
		struct diff_change *c;
		GString *rem, *add;
		size_t start, end, next, ctx_from, ctx_to;

		if (g_array_index(ops, struct diff_op, k).op == OP_EQ) {
			k++;
			continue;
		}
		start = k;
		rem = g_string_new("");
		add = g_string_new("");
		while (k < n) {
			const struct diff_op *o =
			    &g_array_index(ops, struct diff_op, k);
			size_t r = k;

			if (o->op != OP_EQ) {
				diff_append_word(o->op == OP_DEL ? rem : add,
						 o->op == OP_DEL
						     ? sa->words[o->i]
						     : sb->words[o->i]);
				k++;
				continue;
			}
			/* A word or two kept between changes reads better
			 * inside the passage, removed and added again, than
			 * as a patchwork. */
			while (r < n &&
			       g_array_index(ops, struct diff_op, r).op ==
				   OP_EQ)
				r++;
			if (r == n || r - k > DIFF_GLUE)
				break;
			for (; k < r; k++) {
				o = &g_array_index(ops, struct diff_op, k);
				diff_append_word(rem, sa->words[o->i]);
				diff_append_word(add, sa->words[o->i]);
			}
		}
		end = k;
		c = pp_xcalloc(1, sizeof(*c));
		c->removed = g_string_free(rem, FALSE);
		c->added = g_string_free(add, FALSE);
		/* Context before: what the previous passage did not print. */
		if (out->len > 0 && start - prev_end <= 2 * DIFF_CONTEXT) {
			c->joined = 1;
			c->before = g_strdup("");
		} else {
			ctx_from = start > prev_end + DIFF_CONTEXT
				       ? start - DIFF_CONTEXT
				       : prev_end;
			c->cut_before = ctx_from > 0;
			c->before =
			    diff_join_eq(ops, sa->words, ctx_from, start);
		}
		/* Context after: up to the next passage when it is close. */
		next = end;
		while (next < n &&
		       g_array_index(ops, struct diff_op, next).op == OP_EQ)
			next++;
		if (next < n && next - end <= 2 * DIFF_CONTEXT) {
			ctx_to = next;
		} else {
			ctx_to = MIN(end + DIFF_CONTEXT, next);
			c->cut_after = ctx_to < n;
		}
		c->after = diff_join_eq(ops, sa->words, end, ctx_to);
		prev_end = ctx_to;
		g_ptr_array_add(out, c);
	}
	g_array_free(ops, TRUE);
	return out;
}

/* --- Documents --------------------------------------------------------- */

static void
diff_entry_free(gpointer p)
{
	struct diff_entry *e = p;

	if (e->changes != NULL)
		g_ptr_array_free(e->changes, TRUE);
	free(e);
}

static void
diff_clause_free(gpointer p)
{
	struct diff_clause *c = p;

	g_free(c->id);
	g_free(c->va);
	g_free(c->vb);
	free(c);
}

static void
diff_doc_free(gpointer p)
{
	struct diff_doc *d = p;

	g_free(d->model);
	g_ptr_array_free(d->entries, TRUE);
	g_ptr_array_free(d->clauses, TRUE);
	g_ptr_array_free(d->secs_a, TRUE);
	g_ptr_array_free(d->secs_b, TRUE);
	free(d);
}

static void
diff_add_entry(struct diff_doc *dd, enum diff_status st,
	       const struct diff_sec *a, const struct diff_sec *b)
{
	struct diff_entry *e = pp_xcalloc(1, sizeof(*e));

	e->status = st;
	e->a = a;
	e->b = b;
	if (st == DIFF_CHANGED)
		e->changes = diff_changes(a, b);
	g_ptr_array_add(dd->entries, e);
}

static int
diff_same_words(const struct diff_sec *a, const struct diff_sec *b)
{
	size_t i;

	if (a->nwords != b->nwords)
		return 0;
	for (i = 0; i < a->nwords; i++)
		if (strcmp(a->words[i], b->words[i]) != 0)
			return 0;
	return 1;
}

/* Sections matched by key, in b's order; a section only in a comes after
 * the one that preceded it in a. */
static void
diff_match(struct diff_doc *dd)
{
	GPtrArray *sa = dd->secs_a, *sb = dd->secs_b;
	GHashTable *in_a = g_hash_table_new(g_str_hash, g_str_equal);
	GHashTable *in_b = g_hash_table_new(g_str_hash, g_str_equal);
	gboolean *used = g_new0(gboolean, sa->len + 1);
	guint i, next_a = 0, k;

	for (i = 0; i < sa->len; i++)
		g_hash_table_insert(in_a,
				    ((struct diff_sec *)sa->pdata[i])->key,
				    GUINT_TO_POINTER(i + 1));
	for (i = 0; i < sb->len; i++)
		g_hash_table_add(in_b, ((struct diff_sec *)sb->pdata[i])->key);
	for (i = 0; i < sb->len; i++) {
		const struct diff_sec *b = sb->pdata[i];
		guint ia = GPOINTER_TO_UINT(g_hash_table_lookup(in_a, b->key));

		if (ia == 0) {
			diff_add_entry(dd, DIFF_ADDED, NULL, b);
			continue;
		}
		ia--;
		/* Sections of a before this one, not in b: removed here. */
		for (k = next_a; k < ia; k++)
			if (!used[k] &&
			    !g_hash_table_contains(
				in_b, ((struct diff_sec *)sa->pdata[k])->key)) {
				diff_add_entry(dd, DIFF_REMOVED, sa->pdata[k],
					       NULL);
				used[k] = TRUE;
			}
		if (ia + 1 > next_a)
			next_a = ia + 1;
		used[ia] = TRUE;
		if (diff_same_words(sa->pdata[ia], b)) {
			diff_add_entry(dd, DIFF_SAME, sa->pdata[ia], b);
			dd->same++;
		} else {
			diff_add_entry(dd, DIFF_CHANGED, sa->pdata[ia], b);
		}
	}
	for (k = 0; k < sa->len; k++)
		if (!used[k])
			diff_add_entry(dd, DIFF_REMOVED, sa->pdata[k], NULL);
	g_free(used);
	g_hash_table_destroy(in_a);
	g_hash_table_destroy(in_b);
}

/* The clauses whose version differs, or that one document lacks. */
static void
diff_clauses(struct diff_doc *dd, const struct pp_doc *a,
	     const struct pp_doc *b)
{
	size_t i, j;

	for (i = 0; i < b->nclauses; i++) {
		const struct pp_doc_clause *cb = &b->clauses[i];
		const char *va = NULL;

		for (j = 0; j < a->nclauses; j++)
			if (strcmp(a->clauses[j].id, cb->id) == 0)
				va = a->clauses[j].version != NULL
					 ? a->clauses[j].version
					 : "";
		if (va == NULL ||
		    strcmp(va, cb->version != NULL ? cb->version : "") != 0) {
			struct diff_clause *c = pp_xcalloc(1, sizeof(*c));

			c->id = g_strdup(cb->id);
			c->va = g_strdup(va);
			c->vb =
			    g_strdup(cb->version != NULL ? cb->version : "");
			g_ptr_array_add(dd->clauses, c);
		}
	}
	for (j = 0; j < a->nclauses; j++) {
		int found = 0;

		for (i = 0; i < b->nclauses && !found; i++)
			found = strcmp(a->clauses[j].id, b->clauses[i].id) == 0;
		if (!found) {
			struct diff_clause *c = pp_xcalloc(1, sizeof(*c));

			c->id = g_strdup(a->clauses[j].id);
			c->va = g_strdup(a->clauses[j].version != NULL
					     ? a->clauses[j].version
					     : "");
			g_ptr_array_add(dd->clauses, c);
		}
	}
}

/* Compares the document of model for a and for b (either may be NULL:
 * the form does not ask for it). */
static struct diff_doc *
diff_documents(const char *model, const struct pp_doc *a,
	       const struct pp_doc *b)
{
	struct diff_doc *dd = pp_xcalloc(1, sizeof(*dd));
	static const struct pp_doc none_doc = {0};
	struct pp_node none_root = {0};
	struct pp_doc none = none_doc;

	none.root = &none_root;
	dd->model = g_strdup(model);
	dd->entries = g_ptr_array_new_with_free_func(diff_entry_free);
	dd->clauses = g_ptr_array_new_with_free_func(diff_clause_free);
	dd->secs_a = diff_sections(a != NULL ? a : &none);
	dd->secs_b = diff_sections(b != NULL ? b : &none);
	diff_match(dd);
	diff_clauses(dd, a != NULL ? a : &none, b != NULL ? b : &none);
	return dd;
}

/* --- Form values ------------------------------------------------------- */

static void
diff_value_free(gpointer p)
{
	struct diff_value *v = p;

	g_free(v->path);
	g_free(v->a);
	g_free(v->b);
	free(v);
}

/* Every leaf of v under path into leaves (path -> text), lists numbered
 * from 1 as diagnostics number them: "annexes[1].titre". */
static void
diff_leaves(const struct pp_value *v, const char *path, GHashTable *leaves,
	    GPtrArray *order, int depth)
{
	size_t i;
	char *text = NULL;

	if (v == NULL || depth > 64)
		return;
	switch (v->kind) {
	case PP_VALUE_MAP:
		for (i = 0; i < v->u.map.n; i++) {
			char *p = path[0] != '\0'
				      ? g_strdup_printf("%s.%s", path,
							v->u.map.items[i].key)
				      : g_strdup(v->u.map.items[i].key);

			diff_leaves(v->u.map.items[i].value, p, leaves, order,
				    depth + 1);
			g_free(p);
		}
		return;
	case PP_VALUE_LIST:
		for (i = 0; i < v->u.list.n; i++) {
			char *p = g_strdup_printf("%s[%zu]", path, i + 1);

			diff_leaves(v->u.list.items[i], p, leaves, order,
				    depth + 1);
			g_free(p);
		}
		return;
	case PP_VALUE_NULL:
		return;
	case PP_VALUE_BOOL:
	case PP_VALUE_INT:
	case PP_VALUE_NUMBER:
	case PP_VALUE_STRING:
	case PP_VALUE__COUNT:
	default:
		text =
		    g_strdup(pp_value_text(v) != NULL ? pp_value_text(v) : "");
		break;
	}
	if (!g_hash_table_contains(leaves, path))
		g_ptr_array_add(order, g_strdup(path));
	g_hash_table_replace(leaves, g_strdup(path), text);
}

static int
diff_is_date(const char *s)
{
	return s != NULL && strlen(s) == 10 && g_ascii_isdigit(s[0]) &&
	       g_ascii_isdigit(s[3]) && s[4] == '-' && s[7] == '-' &&
	       g_ascii_isdigit(s[5]) && g_ascii_isdigit(s[9]);
}

/* The category of a value worth reporting, or NULL. */
static const char *
diff_category(const char *path, const char *a, const char *b)
{
	const char *last = strrchr(path, '.');

	last = last != NULL ? last + 1 : path;
	if (g_str_has_prefix(path, "clauses.supplementaires"))
		return NULL; /* articles of their own */
	if (diff_is_date(a) || diff_is_date(b))
		return "date";
	if (g_str_has_prefix(path, "clauses."))
		return "clause";
	if (g_str_has_prefix(path, "partenaire.") ||
	    g_str_has_prefix(path, "emetteur."))
		return "partie";
	if (g_str_has_prefix(path, "signature."))
		return "signature";
	if (strstr(last, "capital") != NULL ||
	    strstr(last, "montant") != NULL || g_str_has_suffix(last, "_eur") ||
	    strstr(last, "budget") != NULL)
		return "montant";
	return NULL;
}

static int
diff_category_rank(const char *c)
{
	static const char *const order[] = {"partie", "date", "montant",
					    "clause", "signature"};
	int i;

	for (i = 0; i < (int)G_N_ELEMENTS(order); i++)
		if (strcmp(c, order[i]) == 0)
			return i;
	return 99;
}

static gint
diff_value_cmp(gconstpointer x, gconstpointer y)
{
	const struct diff_value *a = *(const struct diff_value *const *)x;
	const struct diff_value *b = *(const struct diff_value *const *)y;
	int ra = diff_category_rank(a->category),
	    rb = diff_category_rank(b->category);

	return ra != rb ? ra - rb : 0;
}

/* The values of categories that matter that differ between a and b. */
static GPtrArray *
diff_values(const struct pp_value *a, const struct pp_value *b)
{
	GHashTable *la =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GHashTable *lb =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GPtrArray *oa = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *ob = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *out = g_ptr_array_new_with_free_func(diff_value_free);
	guint i;

	diff_leaves(a, "", la, oa, 0);
	diff_leaves(b, "", lb, ob, 0);
	/* b's order, then what only a has. */
	for (i = 0; i < oa->len; i++)
		if (!g_hash_table_contains(lb, oa->pdata[i]))
			g_ptr_array_add(ob, g_strdup(oa->pdata[i]));
	for (i = 0; i < ob->len; i++) {
		const char *path = ob->pdata[i];
		const char *va = g_hash_table_lookup(la, path);
		const char *vb = g_hash_table_lookup(lb, path);
		const char *cat;
		struct diff_value *v;

		if (va != NULL && vb != NULL && strcmp(va, vb) == 0)
			continue;
		cat = diff_category(path, va, vb);
		if (cat == NULL)
			continue;
		v = pp_xcalloc(1, sizeof(*v));
		v->path = g_strdup(path);
		v->category = cat;
		v->a = g_strdup(va);
		v->b = g_strdup(vb);
		g_ptr_array_add(out, v);
	}
	/* Stable: by category, the form's order within one. */
	g_ptr_array_sort(out, diff_value_cmp);
	g_hash_table_destroy(la);
	g_hash_table_destroy(lb);
	g_ptr_array_free(oa, TRUE);
	g_ptr_array_free(ob, TRUE);
	return out;
}

/* --- Loading ------------------------------------------------------------ */

/* A form read and validated (defaults filled), with its models. */
struct diff_input {
	struct pp_form *form;
	char **models;
	/* A PDF's source, written into the folder tmp for the time of the
	 * comparison (the form names its logos and annexes relative to
	 * itself); NULL for a form. */
	struct pp_pdfsource *source;
	char *tmp;
};

static void
diff_input_fini(struct diff_input *in)
{
	pp_form_free(in->form);
	g_strfreev(in->models);
	if (in->source != NULL && in->tmp != NULL)
		pp_pdfsource_remove_dir(in->source, in->tmp);
	pp_pdfsource_free(in->source);
	g_free(in->tmp);
}

/* The form a PDF carries, written with its files into a new temporary
 * folder: its path (g_free), or NULL with err filled. */
static char *
diff_unpack(const char *path, struct diff_input *in, struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};

	in->source = pp_pdfsource_read(path, err);
	if (in->source == NULL)
		return NULL;
	if (in->source->form == (size_t)-1) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this PDF carries no source form (no embedded "
			       "%s): it cannot be compared"),
			     PP_PDFSOURCE_FORM);
		return NULL;
	}
	in->tmp = g_dir_make_tmp("paraphe-diff-XXXXXX", NULL);
	if (in->tmp == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create a temporary folder: %s"),
			     g_strerror(errno));
		return NULL;
	}
	if (pp_pdfsource_write_dir(in->source, in->tmp, 0, err) != 0)
		return NULL;
	return g_build_filename(in->tmp, PP_PDFSOURCE_FORM, NULL);
}

/* Reads and validates path, a form or a PDF carrying its source.  0, or
 * -1 with err filled (a form's diagnostics in d; a PDF's source's are
 * left out, as they would name a temporary file). */
static int
diff_load(const char *datadir, const char *path, struct diff_input *in,
	  struct pp_diags *d, struct pp_error *err)
{
	struct pp_diags own;
	const char *form = path;
	char *unpacked = NULL;
	size_t errors;
	int rc = 0;

	memset(in, 0, sizeof(*in));
	if (pp_pdfsource_is_pdf(path) == 1) {
		unpacked = diff_unpack(path, in, err);
		if (unpacked == NULL)
			return -1;
		form = unpacked;
	}
	in->form = pp_form_read(form, err);
	if (in->form == NULL) {
		g_free(unpacked);
		return -1;
	}
	in->models = pp_form_model_names(in->form);
	pp_diags_init(&own);
	errors = pp_form_validate(in->form, datadir, in->models,
				  unpacked != NULL ? &own : d);
	if (errors > 0) {
		struct pp_pos pos = {path, 0, 0};
		const struct pp_diags *got = unpacked != NULL ? &own : d;
		enum pp_diag_code code = PP_DIAG_IO;
		size_t k;

		for (k = got->n; k-- > 0;)
			if (got->items[k].severity == PP_SEV_ERROR)
				code = got->items[k].code;
		if (unpacked != NULL)
			pp_error_set(err, code, &pos,
				     _("the form this PDF carries has errors "
				       "(paraphe source writes it, paraphe "
				       "validate lists them); it cannot be "
				       "compared"));
		else
			pp_error_set(err, code, &pos,
				     _("the form has errors (paraphe validate "
				       "lists them); it cannot be compared"));
		rc = -1;
	}
	pp_diags_fini(&own);
	g_free(unpacked);
	return rc;
}

/* The union of two NULL-terminated lists of model names, a's order. */
static char **
diff_models_union(char **a, char **b)
{
	GPtrArray *all = g_ptr_array_new();
	size_t i;

	for (i = 0; a[i] != NULL; i++)
		g_ptr_array_add(all, g_strdup(a[i]));
	for (i = 0; b[i] != NULL; i++)
		if (!g_strv_contains((const char *const *)a, b[i]))
			g_ptr_array_add(all, g_strdup(b[i]));
	g_ptr_array_add(all, NULL);
	return (char **)g_ptr_array_free(all, FALSE);
}

/* Fills df with the comparison of the inputs' documents and values. */
static int
diff_compare(struct pp_diff *df, const char *datadir,
	     const struct diff_input *a, const struct diff_input *b,
	     struct pp_diags *d, struct pp_error *err)
{
	struct pp_renderer *r = pp_renderer_new(datadir, NULL, 0, d, err);
	char **models;
	size_t i;
	int rc = 0;

	if (r == NULL)
		return -1;
	models = diff_models_union(a->models, b->models);
	for (i = 0; rc == 0 && models[i] != NULL; i++) {
		struct pp_doc *da = NULL, *db = NULL;

		if (g_strv_contains((const char *const *)a->models, models[i]))
			da = pp_renderer_expand(r, models[i], a->form->root,
						err);
		if (g_strv_contains((const char *const *)b->models,
				    models[i]) &&
		    (da != NULL ||
		     !g_strv_contains((const char *const *)a->models,
				      models[i])))
			db = pp_renderer_expand(r, models[i], b->form->root,
						err);
		if ((da == NULL &&
		     g_strv_contains((const char *const *)a->models,
				     models[i])) ||
		    (db == NULL &&
		     g_strv_contains((const char *const *)b->models,
				     models[i])))
			rc = -1;
		else
			g_ptr_array_add(df->docs,
					diff_documents(models[i], da, db));
		pp_doc_free(da);
		pp_doc_free(db);
	}
	g_strfreev(models);
	pp_renderer_free(r);
	if (rc == 0)
		df->values = diff_values(a->form->root, b->form->root);
	return rc;
}

static struct pp_diff *
diff_new(const char *a, const char *b, int model_mode)
{
	struct pp_diff *df = pp_xcalloc(1, sizeof(*df));

	df->a_name = g_strdup(a);
	df->b_name = g_strdup(b);
	df->model_mode = model_mode;
	df->docs = g_ptr_array_new_with_free_func(diff_doc_free);
	return df;
}

void
pp_diff_free(struct pp_diff *df)
{
	if (df == NULL)
		return;
	g_free(df->a_name);
	g_free(df->b_name);
	g_ptr_array_free(df->docs, TRUE);
	if (df->values != NULL)
		g_ptr_array_free(df->values, TRUE);
	free(df);
}

struct pp_diff *
pp_diff_forms(const char *datadir, const char *a, const char *b,
	      struct pp_diags *d, struct pp_error *err)
{
	struct diff_input ia, ib;
	struct pp_diff *df = NULL;

	if (diff_load(datadir, a, &ia, d, err) != 0) {
		diff_input_fini(&ia);
		return NULL;
	}
	if (diff_load(datadir, b, &ib, d, err) != 0) {
		diff_input_fini(&ia);
		diff_input_fini(&ib);
		return NULL;
	}
	df = diff_new(a, b, 0);
	if (diff_compare(df, datadir, &ia, &ib, d, err) != 0) {
		pp_diff_free(df);
		df = NULL;
	}
	diff_input_fini(&ia);
	diff_input_fini(&ib);
	return df;
}

int
pp_diff_differs(const struct pp_diff *df)
{
	guint i;

	if (df->values != NULL && df->values->len > 0)
		return 1;
	for (i = 0; i < df->docs->len; i++) {
		const struct diff_doc *dd = df->docs->pdata[i];

		if (dd->clauses->len > 0 || dd->same < dd->entries->len)
			return 1;
	}
	return 0;
}

/* --- The report for people -------------------------------------------- */

/* How the report names a section (the result lives until the next
 * call but one). */
static const char *
diff_sec_name(const struct diff_sec *s)
{
	static char *ring[2];
	static unsigned next;
	char **slot = &ring[next++ % 2];

	g_free(*slot);
	switch (s->pseudo) {
	case DIFF_PSEUDO_START:
		*slot = g_strdup(_("beginning of the document"));
		break;
	case DIFF_PSEUDO_SIGN:
		*slot = g_strdup(_("signatures"));
		break;
	case DIFF_PSEUDO_AFTER:
		*slot = g_strdup_printf(_("after %s"), s->title);
		break;
	default:
		*slot = g_strdup(s->title);
		break;
	}
	return *slot;
}

static const char *
diff_category_name(const char *c)
{
	if (strcmp(c, "partie") == 0)
		return _("party");
	if (strcmp(c, "date") == 0)
		return _("date");
	if (strcmp(c, "montant") == 0)
		return _("amount");
	if (strcmp(c, "clause") == 0)
		return _("clause");
	return _("signature");
}

void
pp_diff_text(const struct pp_diff *df, struct pp_buf *out)
{
	guint i, k, j;
	size_t changed = 0, clauses = 0;

	/* File names as given, escaped for a terminal (utf8.h). */
	char *an = pp_text_escape(df->a_name), *bn = pp_text_escape(df->b_name);

	if (df->model_mode)
		pp_buf_addf(out,
			    _("%s: deviations from the model's default "
			      "clauses\n"),
			    bn);
	else
		pp_buf_addf(out, _("Comparing %s and %s\n"), an, bn);
	free(an);
	free(bn);
	for (i = 0; i < df->docs->len; i++) {
		const struct diff_doc *dd = df->docs->pdata[i];

		pp_buf_addf(out, "\n%s\n", dd->model);
		for (k = 0; k < dd->entries->len; k++) {
			const struct diff_entry *e = dd->entries->pdata[k];

			switch (e->status) {
			case DIFF_SAME:
				continue;
			case DIFF_ADDED:
				pp_buf_addf(out, _("  + %s: added\n"),
					    diff_sec_name(e->b));
				break;
			case DIFF_REMOVED:
				pp_buf_addf(out, _("  - %s: removed\n"),
					    diff_sec_name(e->a));
				break;
			case DIFF_CHANGED:
			default:
				if (strcmp(e->a->title, e->b->title) == 0)
					pp_buf_addf(out, _("  ~ %s: changed\n"),
						    diff_sec_name(e->b));
				else
					pp_buf_addf(out,
						    _("  ~ %s (was %s): "
						      "changed\n"),
						    diff_sec_name(e->b),
						    diff_sec_name(e->a));
				for (j = 0; j < e->changes->len; j++) {
					const struct diff_change *c =
					    e->changes->pdata[j];

					if (!c->joined)
						pp_buf_addf(
						    out, "      %s%s%s",
						    c->cut_before ? "… " : "",
						    c->before,
						    c->before[0] != '\0' ? " "
									 : "");
					if (c->removed[0] != '\0')
						pp_buf_addf(out, "[-%s-]",
							    c->removed);
					if (c->added[0] != '\0')
						pp_buf_addf(out, "{+%s+}",
							    c->added);
					if (c->after[0] != '\0')
						pp_buf_addf(out, " %s",
							    c->after);
					if (j + 1 < e->changes->len &&
					    ((const struct diff_change *)
						 e->changes->pdata[j + 1])
						->joined) {
						pp_buf_addc(out, ' ');
						continue;
					}
					pp_buf_adds(out, c->cut_after ? " …\n"
								      : "\n");
				}
				break;
			}
			changed++;
		}
		if (dd->same > 0)
			pp_buf_addf(out,
				    ngettext("  = %zu section unchanged\n",
					     "  = %zu sections unchanged\n",
					     dd->same),
				    dd->same);
		clauses += dd->clauses->len;
		for (k = 0; k < dd->clauses->len; k++) {
			const struct diff_clause *c = dd->clauses->pdata[k];

			if (k == 0)
				pp_buf_adds(out,
					    _("  clauses of the library:\n"));
			if (c->va == NULL)
				pp_buf_addf(out,
					    _("    %s: added (version %s)\n"),
					    c->id, c->vb);
			else if (c->vb == NULL)
				pp_buf_addf(out,
					    _("    %s: removed (version %s)\n"),
					    c->id, c->va);
			else
				pp_buf_addf(out, _("    %s: version %s → %s\n"),
					    c->id, c->va, c->vb);
		}
	}
	if (df->values->len > 0)
		pp_buf_adds(out, df->model_mode
				     ? _("\nclause options that differ from "
					 "the model's defaults:\n")
				     : _("\nvalues:\n"));
	for (k = 0; k < df->values->len; k++) {
		const struct diff_value *v = df->values->pdata[k];

		pp_buf_addf(out, "  %-9s %s: %s → %s\n",
			    diff_category_name(v->category), v->path,
			    v->a != NULL ? v->a : _("(absent)"),
			    v->b != NULL ? v->b : _("(absent)"));
	}
	if (!pp_diff_differs(df))
		pp_buf_adds(out, df->model_mode
				     ? _("\nno deviation from the model's "
					 "defaults\n")
				     : _("\nno difference\n"));
	else if (df->model_mode)
		pp_buf_addf(out,
			    ngettext("\n%zu deviation\n", "\n%zu deviations\n",
				     changed + clauses + df->values->len),
			    changed + clauses + df->values->len);
	else
		pp_buf_addf(out,
			    ngettext("\n%zu difference\n",
				     "\n%zu differences\n",
				     changed + clauses + df->values->len),
			    changed + clauses + df->values->len);
}

/* --- Against the model's defaults -------------------------------------- */

/* spec with its named type resolved (types.yaml), or spec itself. */
static const struct pp_value *
diff_resolve(const struct pp_schema *s, const struct pp_value *spec)
{
	int hops;

	for (hops = 0; spec != NULL && hops < 16; hops++) {
		const char *type =
		    pp_value_string(pp_value_map_get(spec, "type"));
		const struct pp_value *named =
		    type != NULL ? pp_schema_type(s, type) : NULL;

		if (named == NULL || named == spec)
			break;
		/* The named type's fields; the field's own default wins. */
		if (pp_value_map_get(spec, "default") != NULL)
			break;
		spec = named;
	}
	return spec;
}

/*
 * What the model gives for a field of the clauses: its default; for a map
 * the form gives, its fields' defaults (a map it leaves out is the
 * model's already); for a list (free-text clauses), nothing; for a value
 * without a default (the end date), the form's own.  NULL: the key is
 * left out.
 */
static struct pp_value *
diff_defaults(const struct pp_schema *s, struct pp_arena *a,
	      const struct pp_value *spec, const struct pp_value *given,
	      int depth)
{
	const struct pp_value *def, *fields;
	const char *type;
	struct pp_value *map;
	size_t i;

	spec = diff_resolve(s, spec);
	if (spec == NULL || depth > 16)
		return given != NULL ? pp_value_copy(a, given) : NULL;
	def = pp_value_map_get(spec, "default");
	if (def != NULL)
		return pp_value_copy(a, def);
	type = pp_value_string(pp_value_map_get(spec, "type"));
	fields = pp_value_map_get(spec, "fields");
	if (type != NULL && strcmp(type, "list") == 0)
		return NULL;
	if (fields == NULL || fields->kind != PP_VALUE_MAP || given == NULL)
		return given != NULL ? pp_value_copy(a, given) : NULL;
	map = pp_value_new(a, PP_VALUE_MAP, given != NULL ? &given->pos : NULL);
	for (i = 0; i < fields->u.map.n; i++) {
		const char *key = fields->u.map.items[i].key;
		struct pp_value *v = diff_defaults(
		    s, a, fields->u.map.items[i].value,
		    given != NULL ? pp_value_map_get(given, key) : NULL,
		    depth + 1);

		if (v != NULL)
			pp_value_map_append(a, map, key, NULL, v);
	}
	return map;
}

struct pp_diff *
pp_diff_model(const char *datadir, const char *form, struct pp_diags *d,
	      struct pp_error *err)
{
	struct diff_input base = {0}, in;
	struct pp_diff *df = NULL;
	struct pp_model *m = NULL;
	const struct pp_value *spec;
	struct pp_value *clauses;
	struct pp_diags own;
	size_t errors;

	if (diff_load(datadir, form, &in, d, err) != 0)
		goto out;
	if (!g_strv_contains((const char *const *)in.models, "convention")) {
		struct pp_pos pos = {form, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the form asks for no convention "
			       "(document.types); --model compares the "
			       "clauses of a convention with its model's"));
		goto out;
	}
	m = pp_model_load(datadir, "convention", err);
	if (m == NULL)
		goto out;
	base.form = pp_form_read(in.form->path, err);
	if (base.form == NULL)
		goto out;
	base.models = g_strdupv(in.models);
	spec = pp_value_map_get(
	    pp_value_map_get(pp_schema_root(m->schema), "fields"), "clauses");
	clauses =
	    diff_defaults(m->schema, base.form->arena, spec,
			  pp_value_map_get(base.form->root, "clauses"), 0);
	if (clauses != NULL && base.form->root->kind == PP_VALUE_MAP)
		pp_value_map_set(base.form->arena, base.form->root, "clauses",
				 clauses);
	pp_diags_init(&own);
	errors = pp_form_validate(base.form, datadir, base.models,
				  in.source != NULL ? &own : d);
	pp_diags_fini(&own);
	if (errors > 0) {
		struct pp_pos pos = {form, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the form with the model's default clauses "
			       "is not valid; it cannot be compared"));
		goto out;
	}
	df = diff_new("", form, 1);
	if (diff_compare(df, datadir, &base, &in, d, err) != 0) {
		pp_diff_free(df);
		df = NULL;
	}
out:
	pp_model_free(m);
	diff_input_fini(&base);
	diff_input_fini(&in);
	return df;
}

/* --- The report for tools ---------------------------------------------- */

static void
diff_json_str(JsonBuilder *b, const char *name, const char *value)
{
	char *valid = NULL;

	json_builder_set_member_name(b, name);
	/* A file name may be any bytes; JSON is UTF-8. */
	if (value != NULL && !g_utf8_validate(value, -1, NULL))
		value = valid = g_utf8_make_valid(value, -1);
	if (value == NULL)
		json_builder_add_null_value(b);
	else
		json_builder_add_string_value(b, value);
	g_free(valid);
}

static const char *const diff_status_names[] = {
    [DIFF_SAME] = "inchangee",
    [DIFF_CHANGED] = "modifiee",
    [DIFF_ADDED] = "ajoutee",
    [DIFF_REMOVED] = "supprimee",
};

static void
diff_json_doc(JsonBuilder *b, const struct diff_doc *dd)
{
	guint k, j;

	json_builder_begin_object(b);
	diff_json_str(b, "modele", dd->model);
	json_builder_set_member_name(b, "sections");
	json_builder_begin_array(b);
	for (k = 0; k < dd->entries->len; k++) {
		const struct diff_entry *e = dd->entries->pdata[k];

		json_builder_begin_object(b);
		diff_json_str(b, "cle", (e->b != NULL ? e->b : e->a)->key);
		diff_json_str(b, "etat", diff_status_names[e->status]);
		diff_json_str(
		    b, "titre_a",
		    e->a != NULL && !e->a->pseudo ? diff_sec_name(e->a) : NULL);
		diff_json_str(
		    b, "titre_b",
		    e->b != NULL && !e->b->pseudo ? diff_sec_name(e->b) : NULL);
		if (e->changes != NULL) {
			json_builder_set_member_name(b, "modifications");
			json_builder_begin_array(b);
			for (j = 0; j < e->changes->len; j++) {
				const struct diff_change *c =
				    e->changes->pdata[j];

				json_builder_begin_object(b);
				diff_json_str(b, "avant", c->before);
				diff_json_str(b, "retire", c->removed);
				diff_json_str(b, "ajoute", c->added);
				diff_json_str(b, "apres", c->after);
				json_builder_end_object(b);
			}
			json_builder_end_array(b);
		}
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "clauses");
	json_builder_begin_array(b);
	for (k = 0; k < dd->clauses->len; k++) {
		const struct diff_clause *c = dd->clauses->pdata[k];

		json_builder_begin_object(b);
		diff_json_str(b, "id", c->id);
		diff_json_str(b, "version_a", c->va);
		diff_json_str(b, "version_b", c->vb);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
}

void
pp_diff_json(const struct pp_diff *df, struct pp_buf *out)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen = json_generator_new();
	JsonNode *root;
	char *json;
	guint i;

	json_builder_begin_object(b);
	diff_json_str(b, "mode", df->model_mode ? "modele" : "formulaires");
	diff_json_str(b, "a", df->model_mode ? NULL : df->a_name);
	diff_json_str(b, "b", df->b_name);
	json_builder_set_member_name(b, "identiques");
	json_builder_add_boolean_value(b, !pp_diff_differs(df));
	json_builder_set_member_name(b, "documents");
	json_builder_begin_array(b);
	for (i = 0; i < df->docs->len; i++)
		diff_json_doc(b, df->docs->pdata[i]);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "valeurs");
	json_builder_begin_array(b);
	for (i = 0; i < df->values->len; i++) {
		const struct diff_value *v = df->values->pdata[i];

		json_builder_begin_object(b);
		diff_json_str(b, "chemin", v->path);
		diff_json_str(b, "categorie", v->category);
		diff_json_str(b, "a", v->a);
		diff_json_str(b, "b", v->b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_root(gen, root);
	json = json_generator_to_data(gen, NULL);
	pp_buf_adds(out, json);
	pp_buf_addc(out, '\n');
	g_free(json);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
}
