/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Template expressions (expr.h): the parser, the evaluator, and the filters
 * of the pipe ("{montant | euros}"), which are part of evaluation rather
 * than a module of their own: "default" evaluates its argument only when
 * its input is absent or empty, and "join" its separator only for a list.
 * What the filters print (French dates, amounts, numbers in words, case)
 * is french.c's; the filters choose which of it applies, and say why an
 * input does not fit.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "expr.h"
#include "french.h"
#include "i18n.h"
#include "suggest.h"

enum expr_kind {
	EXPR_PATH,
	EXPR_LITERAL,
	EXPR_NOT,
	EXPR_AND,
	EXPR_OR,
	EXPR_COMPARE,
	EXPR_FILTER,
};

enum expr_op { OP_EQ, OP_NE, OP_LT, OP_GT, OP_LE, OP_GE, OP_IN };

enum expr_filter {
	F_DATE,
	F_DATE_COURTE,
	F_DATE_DEBUT,
	F_EUROS,
	F_NOMBRE,
	F_EN_LETTRES,
	F_NOMBRE_EN_LETTRES,
	F_IDENTIFIANT,
	F_UPPER,
	F_LOWER,
	F_CAPITALIZE,
	F_MINUSCULE_INITIALE,
	F_DEFAULT,
	F_JOIN,
	F_COUNT,
	F_MARKDOWN,
	F__COUNT
};

static const struct {
	const char *name;
	int arg; /* 0 none, 1 optional, 2 required */
} expr_filters[F__COUNT] = {
    {"date", 0},
    {"date_courte", 0},
    {"date_debut", 2},
    {"euros", 0},
    {"nombre", 0},
    {"en_lettres", 0},
    {"nombre_en_lettres", 1},
    {"identifiant", 0},
    {"upper", 0},
    {"lower", 0},
    {"capitalize", 0},
    {"minuscule_initiale", 0},
    {"default", 2},
    {"join", 1},
    {"count", 0},
    {"markdown", 0},
};

struct pp_expr {
	enum expr_kind kind;
	const char *path;	  /* EXPR_PATH */
	struct pp_value *literal; /* EXPR_LITERAL */
	enum expr_op op;	  /* EXPR_COMPARE */
	enum expr_filter filter;  /* EXPR_FILTER */
	struct pp_expr *a, *b;	  /* operands; FILTER: a = input, b = arg */
};

/* --- Parsing ---------------------------------------------------------- */

enum tok_kind {
	T_END,
	T_PATH,
	T_STRING,
	T_NUMBER,
	T_OP,
	T_LPAREN,
	T_RPAREN,
	T_PIPE,
	T_COLON,
	T_BAD
};

struct expr_parser {
	struct pp_arena *arena;
	const char *src, *p, *end;
	enum tok_kind tok;
	const char *tok_start;
	size_t tok_len;
	struct pp_buf *msg;
	int failed;
	int depth;
	int ops; /* operators and filters so far */
};

/* Evaluation recurses down the tree, whose depth is at most the nesting
 * (64) plus the number of operators and filters: both are bounded. */
#define EXPR_MAX_OPS 256

static int
expr_is_ident(char c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	       (!first && c >= '0' && c <= '9');
}

static void
expr_next(struct expr_parser *ps)
{
	const char *p = ps->p;

	while (p < ps->end &&
	       (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	ps->tok_start = p;
	if (p >= ps->end) {
		ps->tok = T_END;
		ps->tok_len = 0;
		ps->p = p;
		return;
	}
	if (expr_is_ident(*p, 1)) {
		while (p < ps->end &&
		       (expr_is_ident(*p, 0) || (*p == '.' && p + 1 < ps->end &&
						 expr_is_ident(p[1], 0))))
			p++;
		ps->tok = T_PATH;
	} else if (*p == '"') {
		p++;
		while (p < ps->end && *p != '"') {
			if (*p == '\\' && p + 1 < ps->end)
				p++;
			p++;
		}
		if (p >= ps->end) {
			ps->tok = T_BAD;
		} else {
			p++;
			ps->tok = T_STRING;
		}
	} else if ((*p >= '0' && *p <= '9') || (*p == '-' && p + 1 < ps->end &&
						p[1] >= '0' && p[1] <= '9')) {
		p++;
		while (p < ps->end && ((*p >= '0' && *p <= '9') || *p == '.'))
			p++;
		ps->tok = T_NUMBER;
	} else if (p + 1 < ps->end &&
		   (strncmp(p, "==", 2) == 0 || strncmp(p, "!=", 2) == 0 ||
		    strncmp(p, "<=", 2) == 0 || strncmp(p, ">=", 2) == 0)) {
		p += 2;
		ps->tok = T_OP;
	} else if (*p == '<' || *p == '>') {
		p++;
		ps->tok = T_OP;
	} else if (*p == '(') {
		p++;
		ps->tok = T_LPAREN;
	} else if (*p == ')') {
		p++;
		ps->tok = T_RPAREN;
	} else if (*p == '|') {
		p++;
		ps->tok = T_PIPE;
	} else if (*p == ':') {
		p++;
		ps->tok = T_COLON;
	} else {
		p++;
		ps->tok = T_BAD;
	}
	ps->tok_len = (size_t)(p - ps->tok_start);
	ps->p = p;
}

static int
expr_tok_is(const struct expr_parser *ps, const char *word)
{
	return ps->tok == T_PATH && strlen(word) == ps->tok_len &&
	       strncmp(ps->tok_start, word, ps->tok_len) == 0;
}

static void
expr_fail(struct expr_parser *ps, const char *what)
{
	if (ps->failed)
		return;
	ps->failed = 1;
	if (ps->tok == T_END)
		pp_buf_addf(ps->msg, _("%s, but the expression ends"), what);
	else
		pp_buf_addf(ps->msg, _("%s, not \"%.*s\" (at character %d)"),
			    what, (int)ps->tok_len, ps->tok_start,
			    (int)(ps->tok_start - ps->src) + 1);
}

static struct pp_expr *
expr_node(struct expr_parser *ps, enum expr_kind kind)
{
	struct pp_expr *e = pp_arena_alloc(ps->arena, sizeof(*e));

	e->kind = kind;
	return e;
}

static struct pp_expr *expr_parse_test(struct expr_parser *ps);

/* Counts one operator or filter; -1 past EXPR_MAX_OPS. */
static int
expr_count_op(struct expr_parser *ps)
{
	if (++ps->ops <= EXPR_MAX_OPS)
		return 0;
	expr_fail(ps, _("the expression has too many operators and filters"));
	return -1;
}

static struct pp_expr *
expr_parse_primary(struct expr_parser *ps)
{
	struct pp_expr *e;

	if (++ps->depth > 64) {
		expr_fail(ps, _("the expression is nested too deeply"));
		return NULL;
	}
	switch (ps->tok) {
	case T_LPAREN:
		expr_next(ps);
		e = expr_parse_test(ps);
		if (e == NULL)
			return NULL;
		if (ps->tok != T_RPAREN) {
			expr_fail(ps, _("expected \")\""));
			return NULL;
		}
		expr_next(ps);
		ps->depth--;
		return e;
	case T_STRING: {
		struct pp_buf b;
		const char *s;

		pp_buf_init(&b);
		for (s = ps->tok_start + 1; s < ps->tok_start + ps->tok_len - 1;
		     s++) {
			if (*s == '\\')
				s++;
			pp_buf_addc(&b, *s);
		}
		e = expr_node(ps, EXPR_LITERAL);
		e->literal =
		    pp_value_new_string(ps->arena, pp_buf_str(&b), b.len, NULL);
		pp_buf_fini(&b);
		expr_next(ps);
		ps->depth--;
		return e;
	}
	case T_NUMBER: {
		char tmp[64];
		char *end;

		e = expr_node(ps, EXPR_LITERAL);
		snprintf(tmp, sizeof(tmp), "%.*s", (int)ps->tok_len,
			 ps->tok_start);
		if (strchr(tmp, '.') != NULL) {
			e->literal =
			    pp_value_new(ps->arena, PP_VALUE_NUMBER, NULL);
			e->literal->u.number = strtod(tmp, &end);
		} else {
			errno = 0;
			e->literal = pp_value_new_int(
			    ps->arena, strtoll(tmp, &end, 10), NULL);
			if (errno != 0)
				*end = 'x';
		}
		if (*end != '\0') {
			expr_fail(ps, _("expected a number"));
			return NULL;
		}
		e->literal->raw = pp_arena_strdup(ps->arena, tmp);
		expr_next(ps);
		ps->depth--;
		return e;
	}
	case T_PATH:
		if (expr_tok_is(ps, "true") || expr_tok_is(ps, "false")) {
			e = expr_node(ps, EXPR_LITERAL);
			e->literal = pp_value_new_bool(
			    ps->arena, expr_tok_is(ps, "true"), NULL);
		} else if (expr_tok_is(ps, "null")) {
			e = expr_node(ps, EXPR_LITERAL);
			e->literal =
			    pp_value_new(ps->arena, PP_VALUE_NULL, NULL);
		} else if (expr_tok_is(ps, "and") || expr_tok_is(ps, "or") ||
			   expr_tok_is(ps, "not") || expr_tok_is(ps, "in")) {
			expr_fail(ps, _("expected a value"));
			return NULL;
		} else {
			e = expr_node(ps, EXPR_PATH);
			e->path = pp_arena_strndup(ps->arena, ps->tok_start,
						   ps->tok_len);
		}
		expr_next(ps);
		ps->depth--;
		return e;
	case T_END:
	case T_OP:
	case T_RPAREN:
	case T_PIPE:
	case T_COLON:
	case T_BAD:
		break;
	}
	expr_fail(ps, _("expected a value (a path such as partenaire.nom, a "
			"\"text\" or a number)"));
	return NULL;
}

static struct pp_expr *
expr_parse_pipe(struct expr_parser *ps)
{
	struct pp_expr *e = expr_parse_primary(ps);

	while (e != NULL && ps->tok == T_PIPE) {
		struct pp_expr *f;
		int k;

		if (expr_count_op(ps) != 0)
			return NULL;
		expr_next(ps);
		if (ps->tok != T_PATH) {
			expr_fail(ps, _("expected a filter name after \"|\""));
			return NULL;
		}
		for (k = 0; k < F__COUNT; k++)
			if (expr_tok_is(ps, expr_filters[k].name))
				break;
		if (k == F__COUNT) {
			struct pp_buf names;
			int i;

			pp_buf_init(&names);
			for (i = 0; i < F__COUNT; i++)
				pp_buf_addf(&names, "%s%s", i ? ", " : "",
					    expr_filters[i].name);
			pp_buf_addf(ps->msg,
				    _("unknown filter \"%.*s\" (filters: %s)"),
				    (int)ps->tok_len, ps->tok_start,
				    pp_buf_str(&names));
			pp_buf_fini(&names);
			ps->failed = 1;
			return NULL;
		}
		f = expr_node(ps, EXPR_FILTER);
		f->filter = (enum expr_filter)k;
		f->a = e;
		expr_next(ps);
		if (ps->tok == T_COLON) {
			if (expr_filters[k].arg == 0) {
				expr_fail(ps, _("this filter takes no "
						"argument"));
				return NULL;
			}
			expr_next(ps);
			f->b = expr_parse_primary(ps);
			if (f->b == NULL)
				return NULL;
		} else if (expr_filters[k].arg == 2) {
			pp_buf_addf(ps->msg,
				    _("the filter \"%s\" needs an argument, "
				      "as in \"| %s: \"...\"\""),
				    expr_filters[k].name, expr_filters[k].name);
			ps->failed = 1;
			return NULL;
		}
		e = f;
	}
	return e;
}

static struct pp_expr *
expr_parse_compare(struct expr_parser *ps)
{
	struct pp_expr *e = expr_parse_pipe(ps), *c;
	enum expr_op op;

	if (e == NULL)
		return NULL;
	if (ps->tok == T_OP) {
		const char *t = ps->tok_start;

		op = t[0] == '='   ? OP_EQ
		     : t[0] == '!' ? OP_NE
		     : t[0] == '<' ? (ps->tok_len == 2 ? OP_LE : OP_LT)
				   : (ps->tok_len == 2 ? OP_GE : OP_GT);
	} else if (expr_tok_is(ps, "in")) {
		op = OP_IN;
	} else {
		return e;
	}
	if (expr_count_op(ps) != 0)
		return NULL;
	expr_next(ps);
	c = expr_node(ps, EXPR_COMPARE);
	c->op = op;
	c->a = e;
	c->b = expr_parse_pipe(ps);
	return c->b != NULL ? c : NULL;
}

static struct pp_expr *
expr_parse_not(struct expr_parser *ps)
{
	struct pp_expr *e;

	if (expr_tok_is(ps, "not")) {
		if (++ps->depth > 64) {
			expr_fail(ps, _("the expression is nested too "
					"deeply"));
			return NULL;
		}
		expr_next(ps);
		e = expr_node(ps, EXPR_NOT);
		e->a = expr_parse_not(ps);
		ps->depth--;
		return e->a != NULL ? e : NULL;
	}
	return expr_parse_compare(ps);
}

static struct pp_expr *
expr_parse_binary(struct expr_parser *ps, int is_or)
{
	struct pp_expr *e =
	    is_or ? expr_parse_binary(ps, 0) : expr_parse_not(ps);

	while (e != NULL && expr_tok_is(ps, is_or ? "or" : "and")) {
		struct pp_expr *n = expr_node(ps, is_or ? EXPR_OR : EXPR_AND);

		if (expr_count_op(ps) != 0)
			return NULL;
		expr_next(ps);
		n->a = e;
		n->b = is_or ? expr_parse_binary(ps, 0) : expr_parse_not(ps);
		e = n->b != NULL ? n : NULL;
	}
	return e;
}

static struct pp_expr *
expr_parse_test(struct expr_parser *ps)
{
	return expr_parse_binary(ps, 1);
}

struct pp_expr *
pp_expr_parse(struct pp_arena *a, const char *src, size_t len,
	      struct pp_buf *msg)
{
	struct expr_parser ps;
	struct pp_expr *e;

	memset(&ps, 0, sizeof(ps));
	ps.arena = a;
	ps.src = ps.p = src;
	ps.end = src + len;
	ps.msg = msg;
	expr_next(&ps);
	if (ps.tok == T_END) {
		pp_buf_adds(msg, _("the expression is empty"));
		return NULL;
	}
	e = expr_parse_test(&ps);
	if (e != NULL && ps.tok != T_END) {
		expr_fail(&ps, _("expected \"|\", an operator or the end"));
		e = NULL;
	}
	if (e == NULL && !ps.failed)
		expr_fail(&ps, _("this expression cannot be read"));
	return ps.failed ? NULL : e;
}

const struct pp_expr *
pp_expr_markdown_source(const struct pp_expr *e)
{
	return e->kind == EXPR_FILTER && e->filter == F_MARKDOWN ? e->a : NULL;
}

/* --- Evaluation ------------------------------------------------------- */

/* Resolves a path; on failure explains which step is missing and
 * suggests a close key. */
static enum pp_expr_result
expr_resolve(const char *path, const struct pp_expr_env *env,
	     struct pp_value **out, struct pp_buf *msg)
{
	const struct pp_expr_scope *s;
	const struct pp_value *v = NULL;
	const char *rest = path, *dot = strchr(path, '.');
	size_t first_len = dot ? (size_t)(dot - path) : strlen(path);

	for (s = env->scope; s != NULL; s = s->parent) {
		if (strlen(s->name) == first_len &&
		    strncmp(s->name, path, first_len) == 0) {
			v = s->value;
			rest = dot ? dot + 1 : "";
			break;
		}
	}
	if (s == NULL)
		v = env->root;
	while (v != NULL && *rest != '\0') {
		const char *d = strchr(rest, '.');
		size_t len = d ? (size_t)(d - rest) : strlen(rest);
		char key[128];
		const struct pp_value *next = NULL;

		if (len >= sizeof(key))
			break;
		memcpy(key, rest, len);
		key[len] = '\0';
		if (v->kind == PP_VALUE_MAP) {
			next = pp_value_map_get(v, key);
		} else if (v->kind == PP_VALUE_LIST && len > 0 &&
			   strspn(key, "0123456789") == len) {
			unsigned long i = strtoul(key, NULL, 10);

			if (i < v->u.list.n)
				next = v->u.list.items[i];
		}
		if (next == NULL || next->kind == PP_VALUE_NULL) {
			size_t i, best_d = 3;
			const char *best = NULL;

			if (v->kind == PP_VALUE_MAP && next == NULL) {
				for (i = 0; i < v->u.map.n; i++) {
					size_t dd = pp_edit_distance(
					    v->u.map.items[i].key, key);

					if (dd < best_d) {
						best_d = dd;
						best = v->u.map.items[i].key;
					}
				}
			}
			if (best != NULL)
				pp_buf_addf(
				    msg,
				    _("the form has no \"%s\" in \"%s\" "
				      "(did you mean \"%s\"?)"),
				    key, path, best);
			else
				pp_buf_addf(msg,
					    _("the form gives no value for "
					      "\"%s\""),
					    path);
			return PP_EXPR_ABSENT;
		}
		v = next;
		rest = d ? d + 1 : "";
	}
	if (v == NULL || v->kind == PP_VALUE_NULL || *rest != '\0') {
		pp_buf_addf(msg, _("the form gives no value for \"%s\""), path);
		return PP_EXPR_ABSENT;
	}
	*out = (struct pp_value *)v;
	return PP_EXPR_OK;
}

int
pp_expr_value_text(const struct pp_value *v, struct pp_buf *out,
		   struct pp_buf *msg)
{
	char tmp[64];
	char *p;

	switch (v->kind) {
	case PP_VALUE_STRING:
		pp_buf_add(out, v->u.str.s, v->u.str.len);
		return 0;
	case PP_VALUE_INT:
		pp_buf_addf(out, "%lld", v->u.integer);
		return 0;
	case PP_VALUE_NUMBER:
		snprintf(tmp, sizeof(tmp), "%.15g", v->u.number);
		if ((p = strchr(tmp, '.')) != NULL)
			*p = ',';
		pp_buf_adds(out, tmp);
		return 0;
	case PP_VALUE_BOOL:
		pp_buf_adds(out, v->u.boolean ? "oui" : "non");
		return 0;
	case PP_VALUE_NULL:
		return 0;
	case PP_VALUE_LIST:
		pp_buf_adds(msg, _("a list cannot be printed as it is; use "
				   "\"| join\" or <each>"));
		return -1;
	case PP_VALUE_MAP:
	case PP_VALUE__COUNT:
		break;
	}
	pp_buf_adds(msg, _("a group of keys cannot be printed; name one of "
			   "its keys"));
	return -1;
}

static int
expr_truthy(const struct pp_value *v)
{
	if (v == NULL)
		return 0;
	switch (v->kind) {
	case PP_VALUE_NULL:
		return 0;
	case PP_VALUE_BOOL:
		return v->u.boolean;
	case PP_VALUE_INT:
		return v->u.integer != 0;
	case PP_VALUE_NUMBER:
		return v->u.number != 0;
	case PP_VALUE_STRING:
		return v->u.str.len > 0;
	case PP_VALUE_LIST:
		return v->u.list.n > 0;
	case PP_VALUE_MAP:
		return v->u.map.n > 0;
	case PP_VALUE__COUNT:
		break;
	}
	return 0;
}

/* -2 when the values cannot be ordered, else -1, 0, 1. */
static int
expr_compare_values(const struct pp_value *a, const struct pp_value *b)
{
	int an = a->kind == PP_VALUE_INT || a->kind == PP_VALUE_NUMBER;
	int bn = b->kind == PP_VALUE_INT || b->kind == PP_VALUE_NUMBER;

	if (an && bn) {
		double x = a->kind == PP_VALUE_INT ? (double)a->u.integer
						   : a->u.number;
		double y = b->kind == PP_VALUE_INT ? (double)b->u.integer
						   : b->u.number;

		return x < y ? -1 : x > y ? 1 : 0;
	}
	if (a->kind == PP_VALUE_BOOL && b->kind == PP_VALUE_BOOL)
		return a->u.boolean == b->u.boolean ? 0 : -2;
	if (a->kind == PP_VALUE_NULL || b->kind == PP_VALUE_NULL)
		return a->kind == b->kind ? 0 : -2;
	if (a->kind == PP_VALUE_STRING && b->kind == PP_VALUE_STRING) {
		int c = strcmp(a->u.str.s, b->u.str.s);

		return c < 0 ? -1 : c > 0 ? 1 : 0;
	}
	return -2;
}

static struct pp_value *
expr_string(const struct pp_expr_env *env, const struct pp_buf *b)
{
	return pp_value_new_string(env->arena, pp_buf_str(b), b->len, NULL);
}

static enum pp_expr_result expr_eval(const struct pp_expr *e,
				     const struct pp_expr_env *env,
				     struct pp_value **out, struct pp_buf *msg);

/* --- Filters ---------------------------------------------------------- */

/* Applies e's filter to in, the value (or the result r) of its input;
 * mark: the length of msg before the input was evaluated. */
static enum pp_expr_result
expr_apply_filter(const struct pp_expr *e, const struct pp_expr_env *env,
		  struct pp_value *in, enum pp_expr_result r, size_t mark,
		  struct pp_value **out, struct pp_buf *msg)
{
	const char *name = expr_filters[e->filter].name;
	struct pp_buf b, tmp;
	const char *text;
	enum pp_expr_result result = PP_EXPR_OK;
	size_t i;

	if (e->filter == F_DEFAULT) {
		/* Absent or empty only: 0 and false are values. */
		if (r == PP_EXPR_OK &&
		    !(in->kind == PP_VALUE_NULL ||
		      (in->kind == PP_VALUE_STRING && in->u.str.len == 0) ||
		      (in->kind == PP_VALUE_LIST && in->u.list.n == 0))) {
			*out = in;
			return PP_EXPR_OK;
		}
		if (r == PP_EXPR_ERROR)
			return r;
		/* Drops what the input said, and only that: msg may already
		 * hold the error of a sibling (a comparison's other side). */
		msg->len = mark;
		if (msg->data != NULL)
			msg->data[mark] = '\0';
		return expr_eval(e->b, env, out, msg);
	}
	if (r != PP_EXPR_OK)
		return r;
	pp_buf_init(&b);
	pp_buf_init(&tmp);
	switch (e->filter) {
	case F_COUNT:
		*out = pp_value_new_int(
		    env->arena,
		    in->kind == PP_VALUE_LIST  ? (long long)in->u.list.n
		    : in->kind == PP_VALUE_MAP ? (long long)in->u.map.n
					       : 1,
		    NULL);
		goto done;
	case F_JOIN: {
		const char **items;
		struct pp_value *sep = NULL;

		if (in->kind != PP_VALUE_LIST) {
			*out = in;
			goto done;
		}
		if (e->b != NULL &&
		    (result = expr_eval(e->b, env, &sep, msg)) != PP_EXPR_OK)
			goto done;
		items = pp_arena_alloc(env->arena,
				       (in->u.list.n + 1) * sizeof(*items));
		for (i = 0; i < in->u.list.n; i++) {
			pp_buf_reset(&tmp);
			if (pp_expr_value_text(in->u.list.items[i], &tmp,
					       msg) != 0) {
				result = PP_EXPR_ERROR;
				goto done;
			}
			items[i] =
			    pp_arena_strdup(env->arena, pp_buf_str(&tmp));
		}
		if (sep != NULL && pp_value_string(sep) != NULL) {
			for (i = 0; i < in->u.list.n; i++) {
				if (i > 0)
					pp_buf_adds(&b, pp_value_string(sep));
				pp_buf_adds(&b, items[i]);
			}
		} else {
			pp_fr_join(items, in->u.list.n, &b);
		}
		*out = expr_string(env, &b);
		goto done;
	}
	case F_EUROS:
	case F_NOMBRE:
	case F_EN_LETTRES:
	case F_NOMBRE_EN_LETTRES:
		if (in->kind != PP_VALUE_INT) {
			pp_buf_addf(msg,
				    _("the filter \"%s\" needs a whole number, "
				      "not %s"),
				    name, pp_value_kind_name(in->kind));
			result = PP_EXPR_ERROR;
			goto done;
		}
		if (e->filter == F_NOMBRE_EN_LETTRES && e->b != NULL) {
			/* the noun counted: "jour" -> "trente jours" */
			struct pp_value *noun = NULL;

			if ((result = expr_eval(e->b, env, &noun, msg)) !=
			    PP_EXPR_OK)
				goto done;
			if (pp_value_string(noun) == NULL) {
				pp_buf_addf(msg,
					    _("the filter \"%s\" takes a noun "
					      "in quotes, not %s"),
					    name,
					    pp_value_kind_name(noun->kind));
				result = PP_EXPR_ERROR;
				goto done;
			}
			text = pp_value_string(noun);
		} else {
			text = NULL;
		}
		if (e->filter == F_EUROS)
			pp_fr_euros(in->u.integer, &b);
		else if (e->filter == F_NOMBRE)
			pp_fr_number(in->u.integer, &b);
		else if ((e->filter == F_EN_LETTRES
			      ? pp_fr_amount_words(in->u.integer, &b)
			      : pp_fr_count_words(in->u.integer, text, &b)) !=
			 0) {
			pp_buf_addf(msg,
				    _("%lld is too large to be written "
				      "in words"),
				    in->u.integer);
			result = PP_EXPR_ERROR;
			goto done;
		}
		*out = expr_string(env, &b);
		goto done;
	case F_DATE_DEBUT: {
		/* the start of a period: "1er" of « du 1er au 10 mars 2026 » */
		struct pp_value *until = NULL;
		struct pp_buf ut;

		if ((result = expr_eval(e->b, env, &until, msg)) != PP_EXPR_OK)
			goto done;
		if (pp_expr_value_text(in, &tmp, msg) != 0) {
			result = PP_EXPR_ERROR;
			goto done;
		}
		pp_buf_init(&ut);
		if (pp_expr_value_text(until, &ut, msg) != 0) {
			pp_buf_fini(&ut);
			result = PP_EXPR_ERROR;
			goto done;
		}
		if (pp_fr_date_from(pp_buf_str(&tmp), pp_buf_str(&ut), &b) !=
		    0) {
			pp_buf_addf(msg, _("\"%s\" is not a date (YYYY-MM-DD)"),
				    pp_buf_str(&tmp));
			result = PP_EXPR_ERROR;
		} else {
			*out = expr_string(env, &b);
		}
		pp_buf_fini(&ut);
		goto done;
	}
	case F_DATE:
	case F_DATE_COURTE:
	case F_IDENTIFIANT:
	case F_UPPER:
	case F_LOWER:
	case F_CAPITALIZE:
	case F_MINUSCULE_INITIALE:
	case F_MARKDOWN:
		if (pp_expr_value_text(in, &tmp, msg) != 0) {
			result = PP_EXPR_ERROR;
			goto done;
		}
		text = pp_buf_str(&tmp);
		if (e->filter == F_DATE || e->filter == F_DATE_COURTE) {
			int rc = e->filter == F_DATE
				     ? pp_fr_date_long(text, &b)
				     : pp_fr_date_short(text, &b);

			if (rc != 0) {
				pp_buf_addf(msg,
					    _("\"%s\" is not a date "
					      "(YYYY-MM-DD)"),
					    text);
				result = PP_EXPR_ERROR;
				goto done;
			}
		} else if (e->filter == F_UPPER) {
			pp_fr_upper(text, &b);
		} else if (e->filter == F_LOWER) {
			pp_fr_lower(text, &b);
		} else if (e->filter == F_CAPITALIZE) {
			pp_fr_capitalize(text, &b);
		} else if (e->filter == F_MINUSCULE_INITIALE) {
			pp_fr_lower_initial(text, &b);
		} else if (e->filter == F_IDENTIFIANT) {
			pp_fr_identifier(text, &b);
		} else {
			pp_buf_adds(&b, text);
		}
		*out = expr_string(env, &b);
		goto done;
	case F_DEFAULT:
	case F__COUNT:
		break;
	}
done:
	pp_buf_fini(&b);
	pp_buf_fini(&tmp);
	return result;
}

static enum pp_expr_result
expr_eval(const struct pp_expr *e, const struct pp_expr_env *env,
	  struct pp_value **out, struct pp_buf *msg)
{
	struct pp_value *a = NULL, *b = NULL;
	enum pp_expr_result ra, rb;
	int t, c;
	size_t i, mark;

	*out = NULL;
	switch (e->kind) {
	case EXPR_PATH:
		return expr_resolve(e->path, env, out, msg);
	case EXPR_LITERAL:
		*out = e->literal;
		return PP_EXPR_OK;
	case EXPR_FILTER:
		mark = msg->len;
		ra = expr_eval(e->a, env, &a, msg);
		return expr_apply_filter(e, env, a, ra, mark, out, msg);
	case EXPR_NOT:
	case EXPR_AND:
	case EXPR_OR:
	case EXPR_COMPARE:
		t = pp_expr_test(e, env, msg);
		if (t < 0)
			return PP_EXPR_ERROR;
		*out = pp_value_new_bool(env->arena, t, NULL);
		(void)a;
		(void)b;
		(void)rb;
		(void)c;
		(void)i;
		return PP_EXPR_OK;
	}
	return PP_EXPR_ERROR;
}

enum pp_expr_result
pp_expr_eval(const struct pp_expr *e, const struct pp_expr_env *env,
	     struct pp_value **out, struct pp_buf *msg)
{
	return expr_eval(e, env, out, msg);
}

int
pp_expr_test(const struct pp_expr *e, const struct pp_expr_env *env,
	     struct pp_buf *msg)
{
	struct pp_value *a = NULL, *b = NULL;
	struct pp_buf ignored;
	enum pp_expr_result ra, rb;
	int t, c;
	size_t i;

	switch (e->kind) {
	case EXPR_NOT:
		t = pp_expr_test(e->a, env, msg);
		return t < 0 ? t : !t;
	case EXPR_AND:
		t = pp_expr_test(e->a, env, msg);
		if (t <= 0)
			return t;
		return pp_expr_test(e->b, env, msg);
	case EXPR_OR:
		t = pp_expr_test(e->a, env, msg);
		if (t != 0)
			return t;
		return pp_expr_test(e->b, env, msg);
	case EXPR_COMPARE:
		pp_buf_init(&ignored);
		ra = expr_eval(e->a, env, &a, &ignored);
		rb = expr_eval(e->b, env, &b, &ignored);
		if (ra == PP_EXPR_ERROR || rb == PP_EXPR_ERROR) {
			pp_buf_adds(msg, pp_buf_str(&ignored));
			pp_buf_fini(&ignored);
			return -1;
		}
		pp_buf_fini(&ignored);
		/* An absent value equals null and nothing else. */
		if (ra == PP_EXPR_ABSENT)
			a = pp_value_new(env->arena, PP_VALUE_NULL, NULL);
		if (rb == PP_EXPR_ABSENT)
			b = pp_value_new(env->arena, PP_VALUE_NULL, NULL);
		if (e->op == OP_IN) {
			if (b->kind != PP_VALUE_LIST)
				return 0;
			for (i = 0; i < b->u.list.n; i++)
				if (expr_compare_values(
					a, b->u.list.items[i]) == 0)
					return 1;
			return 0;
		}
		c = expr_compare_values(a, b);
		switch (e->op) {
		case OP_EQ:
			return c == 0;
		case OP_NE:
			return c != 0;
		case OP_LT:
			return c == -1;
		case OP_GT:
			return c == 1;
		case OP_LE:
			return c == -1 || c == 0;
		case OP_GE:
			return c == 1 || c == 0;
		case OP_IN:
			break;
		}
		return 0;
	case EXPR_PATH:
	case EXPR_LITERAL:
	case EXPR_FILTER:
		pp_buf_init(&ignored);
		ra = expr_eval(e, env, &a, &ignored);
		if (ra == PP_EXPR_ERROR) {
			pp_buf_adds(msg, pp_buf_str(&ignored));
			pp_buf_fini(&ignored);
			return -1;
		}
		pp_buf_fini(&ignored);
		return ra == PP_EXPR_OK && expr_truthy(a);
	}
	return -1;
}
