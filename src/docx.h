/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * DOCX: the document tree as a WordprocessingML package (ECMA-376,
 * transitional), for the partners' legal departments, who redline in Word.
 * Written from the document tree, as the ODT is, with the charter's styles
 * as named styles under their French names; like the ODT, it takes from
 * the PDF's layout only where the signature page begins.
 */
#ifndef PP_DOCX_H
#define PP_DOCX_H

#include "charte.h"
#include "diag.h"
#include "doc.h"

struct pp_docx_opts {
	const char *date;      /* "YYYY-MM-DDThh:mm:ssZ": metadata, zip times */
	const char *generator; /* "paraphe 0.1.0" */
	/* The family actually used for a charter family list, as the PDF
	 * resolved it; NULL keeps the first family of the list. */
	const char *(*family)(void *data, const char *list);
	void *family_data;
	/* In handwritten mode, the block of doc that opens the PDF's
	 * signature page (pp_pages.unboxed_start): the DOCX starts there a
	 * section whose footer has no boxes for initials.  NULL: at the
	 * paragraph before the signature block. */
	const struct pp_node *signature_start;
};

/* Writes the package to path atomically (temporary file, fsync, rename).
 * -1 with err filled; nothing is left at path then. */
int pp_docx_write(const struct pp_doc *doc, const struct pp_charte *c,
		  const char *path, const struct pp_docx_opts *o,
		  struct pp_error *err);

#endif
