/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Diagnostics as a person reads them: the one line of pp_diag_format, then
 * the source line it points at with carets under the column, then the
 * note's line and its own source line.  The shape (doc/architecture.md,
 * paraphe(1) DIAGNOSTICS):
 *
 *   form.yaml:12:11: error: document.statut: "validé" is not allowed [...]
 *      12 |   statut: validé
 *         |           ^^^^^^
 *
 * The source is read again from the file the diagnostic names; a file that
 * cannot be read again (standard input, a file gone) shows no snippet, and
 * neither do CSV tables, whose positions are records and fields.
 */
#ifndef PP_SNIPPET_H
#define PP_SNIPPET_H

#include "diag.h"

/* The files diagnostics point into, each read once. */
struct pp_snippets;

struct pp_snippets *pp_snippets_new(void);
void pp_snippets_free(struct pp_snippets *s);

/*
 * The diagnostic g with its snippets, every line starting with prefix and
 * ending with a newline.  colour: ANSI colours, for a terminal only.
 * Tabs are shown as "→"; control characters (C0, DEL, C1), format
 * characters (bidirectional controls, zero-width characters, the soft
 * hyphen: Unicode category Cf), the line and paragraph separators and
 * bytes that are not UTF-8 as "�", so that a line never sends raw control
 * characters to a terminal; a line wider than 100 columns is cut around
 * the column ("…").  Caller frees.
 */
char *pp_snippets_render(struct pp_snippets *s, const struct pp_diag *g,
			 int colour, const char *prefix);

#endif
