/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Comparing conventions (paraphe diff): two forms, or PDFs carrying their
 * source (pdfsource.h), are validated and expanded through their models
 * into document trees, as render does; the trees are cut into sections
 * (articles and annexes by their id, or title; headings; the beginning
 * and the signatures) and compared section by section, word by word.
 * The clauses of the library each document includes are compared by
 * version, and the form values a reader checks first -- parties, dates,
 * amounts, clause options -- by value.
 *
 * pp_diff_model compares a form with what its model gives by default:
 * the same form with every clause option at the schema's default and no
 * free-text clause, so that each deviation a legal office reviews shows.
 */
#ifndef PP_DIFF_H
#define PP_DIFF_H

#include "buf.h"
#include "diag.h"

struct pp_diff;

/*
 * Compares the forms (or PDFs with their source) a and b.  The forms'
 * validation diagnostics go to d; NULL with err filled when an input
 * cannot be read, carries no source, or has errors.
 */
struct pp_diff *pp_diff_forms(const char *datadir, const char *a, const char *b,
			      struct pp_diags *d, struct pp_error *err);
/* Compares form (or a PDF with its source) with its model's defaults. */
struct pp_diff *pp_diff_model(const char *datadir, const char *form,
			      struct pp_diags *d, struct pp_error *err);
void pp_diff_free(struct pp_diff *df);

/* 1 when the inputs differ (a section, a clause version or a value). */
int pp_diff_differs(const struct pp_diff *df);
/* The report for people, translated. */
void pp_diff_text(const struct pp_diff *df, struct pp_buf *out);
/* The report for tools, as JSON (its shape is in paraphe(1)). */
void pp_diff_json(const struct pp_diff *df, struct pp_buf *out);

#endif
