/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Templates (models/<m>/template.xml and the clause library): parsed once
 * with libxml2's safe options, checked (known elements and attributes,
 * expressions that parse, clauses that exist), then expanded over a form
 * into a document tree.  The language is described in doc/modeles.md.
 */
#ifndef PP_TEMPLATE_H
#define PP_TEMPLATE_H

#include "diag.h"
#include "doc.h"
#include "value.h"

struct pp_template;

/*
 * Loads path; clauses are looked up in clauses_dir (may be NULL when the
 * template includes none).  Returns NULL with err filled (file:line).
 */
struct pp_template *pp_template_load(const char *path, const char *clauses_dir,
				     struct pp_error *err);
void pp_template_free(struct pp_template *t);

/*
 * Expands t over form (a validated form).  Returns a new document (free
 * with pp_doc_free) or NULL with err filled with the template's file:line
 * and the form's path.  model names the document in dumps.
 */
struct pp_doc *pp_template_expand(const struct pp_template *t,
				  const char *model,
				  const struct pp_value *form,
				  struct pp_error *err);

#endif
