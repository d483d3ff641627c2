/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The form "paraphe init" prints, and the guard against an example's data
 * surviving in a real form.
 *
 * A model's exemple.yaml is a filled, valid, commented form.  Three marks,
 * all YAML comments, let one file give two outputs:
 *   VALUE  # À COMPLÉTER   the value is the partnership's own: the blank
 *                         form prints PP_PLACEHOLDER instead (every value
 *                         of a flow map "{ k: v, … }" on that line; one
 *                         item for a flow list "[…]")
 *   #@exemple TEXT        a comment line only the example prints, as
 *                         "# TEXT"
 *   #@vierge TEXT         a comment line only the blank form prints
 */
#ifndef PP_INIT_H
#define PP_INIT_H

#include "buf.h"
#include "diag.h"
#include "value.h"

/*
 * Appends to out the form for models, one or two model names, each once
 * (two: "convention" and "fiche-projet", in any order, for one form that
 * produces both documents): the blank form, or with example the filled
 * example.  -1 with err filled (an unknown model, two models that cannot
 * share a form, an unreadable exemple.yaml).
 */
int pp_init_form(const char *datadir, char *const *models, int example,
		 struct pp_buf *out, struct pp_error *err);

/*
 * Warns (PP_DIAG_EXAMPLE_VALUE) at each value of form that identifies a
 * partner (its SIREN, names, e-mail, preamble…) and is the one of the
 * example form of a model in models (NULL-terminated), when form is about
 * another partner than that example: an officer who started from the
 * example and changed only the partner's name is told what else is still
 * the example's.  An unreadable example is skipped.
 */
void pp_init_check_example_values(const struct pp_value *form,
				  const char *datadir, char *const *models,
				  struct pp_diags *d);

#endif
