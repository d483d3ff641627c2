/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Rendering a validated form: templates expanded into document trees, laid
 * out, then written as PDF, ODT, PNG previews, XML or layout dumps.  A
 * renderer holds what is loaded once and reused for every document: the
 * charter, the layout engine with its fonts and hyphenation patterns, and
 * the parsed templates.  Everything is expanded and laid out before the
 * first file is written, so an error writes nothing.
 */
#ifndef PP_RENDER_H
#define PP_RENDER_H

#include "charte.h"
#include "doc.h"
#include "diag.h"
#include "outputs.h"
#include "value.h"

struct pp_renderer;

/* A file a render wrote. */
struct pp_written {
	char *path;
	const struct pp_output *format;
	size_t page; /* 1, 2...: a format with one file per page; else 0 */
};

/* Frees a struct pp_written (a GDestroyNotify). */
void pp_written_free(void *w);

/* charte: a name under datadir/charte/ or a path; charter mistakes go to
 * d.  No charter is loaded when the formats need none (XML only, see
 * pp_outputs_needs): pass need_layout = 0. */
struct pp_renderer *pp_renderer_new(const char *datadir, const char *charte,
				    int need_layout, struct pp_diags *d,
				    struct pp_error *err);
void pp_renderer_free(struct pp_renderer *r);
/* The charter the renderer lays documents out with (borrowed), or NULL. */
const struct pp_charte *pp_renderer_charte(const struct pp_renderer *r);

/*
 * Renders every model named in models (NULL-terminated) for form into
 * outdir (created if missing), in each format of the set formats (bits of
 * pp_outputs): outdir/<model>.pdf, .odt, <model>-N.png...  source: the
 * form's bytes as read (source_len of them), which the PDF carries; NULL
 * for a form merged from several files (a kit's), carried as YAML.  Appends a
 * struct pp_written for each file written to written (a GPtrArray freeing
 * them with pp_written_free; may be NULL).  date is
 * "YYYY-MM-DDThh:mm:ssZ".  -1 with err filled.
 */
int pp_renderer_render(struct pp_renderer *r, char *const *models,
		       const struct pp_value *form, const char *source,
		       size_t source_len, const char *outdir, unsigned formats,
		       const char *date, void *written, struct pp_error *err);

/*
 * The document tree of model for form (validated), expanded as
 * pp_renderer_render does, with the values paraphe computes; for
 * comparisons (diff.h).  Free with pp_doc_free; NULL with err filled.
 */
struct pp_doc *pp_renderer_expand(struct pp_renderer *r, const char *model,
				  const struct pp_value *form,
				  struct pp_error *err);

/* The date written into documents: SOURCE_DATE_EPOCH, else the form's
 * drafting date, else its signature date — never the clock, so that the
 * same inputs give the same bytes. */
void pp_render_date(const struct pp_value *form, char *out, size_t size);

#endif
