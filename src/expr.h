/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Template expressions: "{path | filter: arg}" in text and attributes, and
 * the tests of <if>.  Grammar:
 *   test    := and ("or" and)*
 *   and     := not ("and" not)*
 *   not     := "not" not | compare
 *   compare := pipe (("==" | "!=" | "<" | ">" | "<=" | ">=" | "in") pipe)?
 *   pipe    := primary ("|" NAME (":" primary)?)*
 *   primary := PATH | "text" | NUMBER | true | false | null | "(" test ")"
 * The filters (the NAMEs of a pipe, listed in doc/modeles.md) are
 * evaluated here; the French formatting they print is french.h's.
 */
#ifndef PP_EXPR_H
#define PP_EXPR_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "value.h"

struct pp_expr;

/* Loop variables, innermost first. */
struct pp_expr_scope {
	const char *name;
	struct pp_value *value;
	const struct pp_expr_scope *parent;
};

struct pp_expr_env {
	struct pp_arena *arena;	     /* where results are allocated */
	const struct pp_value *root; /* the form */
	const struct pp_expr_scope *scope;
};

/*
 * Parses src[0..len).  Returns the expression (arena-owned) or NULL with a
 * translated explanation appended to msg.
 */
struct pp_expr *pp_expr_parse(struct pp_arena *a, const char *src, size_t len,
			      struct pp_buf *msg);

enum pp_expr_result {
	PP_EXPR_OK,	/* *out holds the value */
	PP_EXPR_ABSENT, /* a path names nothing in the form; msg says which */
	PP_EXPR_ERROR,	/* msg says why */
};

/* Evaluates e. */
enum pp_expr_result pp_expr_eval(const struct pp_expr *e,
				 const struct pp_expr_env *env,
				 struct pp_value **out, struct pp_buf *msg);
/* Evaluates e as a condition: absent paths are false.  Returns 0 or 1,
 * or -1 with msg filled. */
int pp_expr_test(const struct pp_expr *e, const struct pp_expr_env *env,
		 struct pp_buf *msg);
/* Appends the value as text ("oui"/"non" for booleans); -1 with msg for a
 * list or a map. */
int pp_expr_value_text(const struct pp_value *v, struct pp_buf *out,
		       struct pp_buf *msg);
/* When the last filter of e is "markdown", returns e without it (a
 * borrowed view), else NULL. */
const struct pp_expr *pp_expr_markdown_source(const struct pp_expr *e);

#endif
