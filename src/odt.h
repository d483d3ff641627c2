/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * ODT: the document tree as an OpenDocument text package (ODF 1.3), with
 * the charter's styles as named styles a person editing in LibreOffice sees
 * and reuses.  Written from the document tree, not from the PDF layout,
 * but for where the signature page begins, which the word processor could
 * not know (it paginates) and takes from the PDF's layout.
 */
#ifndef PP_ODT_H
#define PP_ODT_H

#include "buf.h"
#include "charte.h"
#include "diag.h"
#include "doc.h"

struct pp_odt_opts {
	const char *date; /* "YYYY-MM-DDThh:mm:ssZ": metadata and zip times */
	const char *generator; /* "paraphe 0.1.0" */
	/* The family actually used for a charter family list, as the PDF
	 * resolved it; NULL keeps the first family of the list. */
	const char *(*family)(void *data, const char *list);
	void *family_data;
	/* The font files of a family (NULL-terminated, freed with
	 * g_strfreev), to embed when the charter says so; NULL: none. */
	char **(*font_files)(void *data, const char *family);
	/* In handwritten mode, the block of doc that opens the PDF's
	 * signature page (pp_pages.unboxed_start): the ODT opens its master
	 * page without boxes for initials there, so that both break pages
	 * alike.  NULL: at the paragraph before the signature block. */
	const struct pp_node *signature_start;
};

/* The XML parts, for golden files and checks (caller frees with
 * pp_buf_fini).  -1 with err filled. */
int pp_odt_parts(const struct pp_doc *doc, const struct pp_charte *c,
		 const struct pp_odt_opts *o, struct pp_buf *content,
		 struct pp_buf *styles, struct pp_buf *meta,
		 struct pp_buf *manifest, struct pp_error *err);

/* Writes the package to path atomically (temporary file, fsync, rename).
 * -1 with err filled; nothing is left at path then. */
int pp_odt_write(const struct pp_doc *doc, const struct pp_charte *c,
		 const char *path, const struct pp_odt_opts *o,
		 struct pp_error *err);

#endif
