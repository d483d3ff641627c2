/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The Markdown file of an annex (annexes[].fichier): found relative to the
 * form's folder, never outside it, read with a size limit and checked
 * before anything prints it.  Validation and rendering call the same
 * reader, so a form that validates renders the text that was checked.
 */
#ifndef PP_ANNEX_H
#define PP_ANNEX_H

#include <stddef.h>

#include "diag.h"

/* The largest annex file, in bytes: some eighty pages of text. */
#define PP_ANNEX_MAX_BYTES (256u << 10)

/* How deep lists and quotes may nest in an annex file. */
#define PP_ANNEX_MAX_DEPTH 16

/*
 * Reads the annex file name, as written in a form at pos (data path path,
 * may be NULL), relative to base_dir (the form's folder).  The file must be
 * named by a relative path without "..", resolve (links followed) to an
 * ordinary file inside base_dir, hold at most PP_ANNEX_MAX_BYTES, and pass
 * pp_annex_check_text.  Returns 0 with *text set (caller frees; a leading
 * byte order mark removed), or -1 with every problem appended to d: those
 * of the path at pos, those inside the file at their line and column there.
 */
int pp_annex_read(const char *base_dir, const char *name,
		  const struct pp_pos *pos, const char *path, char **text,
		  struct pp_diags *d);

/*
 * Checks Markdown text read from file (named so in the messages): UTF-8
 * without NUL or a character XML cannot carry (PP_DIAG_YAML_ENCODING), no
 * raw HTML and no image, which a convention cannot print, lists and quotes
 * at most PP_ANNEX_MAX_DEPTH deep (PP_DIAG_ANNEX); each problem appended to
 * d at its line and column, with path.  Returns the number of problems.
 */
size_t pp_annex_check_text(const char *file, const char *text, size_t len,
			   const char *path, struct pp_diags *d);

#endif
