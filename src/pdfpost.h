/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The PDF's post-processing, after cairo and before the file is renamed
 * into place (pdf.c): the PDF cairo wrote in memory is given, in an
 * incremental update appended to it (pdfincr.h),
 *
 *   - PDF/A-3b identification: an XMP metadata stream that agrees with the
 *     Info dictionary (pdfaid:part 3, conformance B), an sRGB OutputIntent
 *     (GTS_PDFA1) with its ICC profile, a print flag on every annotation;
 *   - empty signature fields: one AcroForm field /FT /Sig per signatory,
 *     its widget over the party's free signature space, drawing nothing;
 *   - associated files (/AF, AFRelationship /Source), also listed in the
 *     /EmbeddedFiles name tree so that ordinary readers show them, and a
 *     summary of them in the XMP (a paraphe namespace).
 *
 * The contract with "paraphe source" (which reads these files back): the
 * form is the associated file named "formulaire.yaml" (application/yaml),
 * holding the form exactly as read (for a kit, the partner's form after
 * the campaign's merge, written as YAML); each file the form names (a
 * logo, an annex's Markdown file) is a further associated file named by
 * its path relative to the form ("logos/acme.png").  doc/pdfa.md.
 *
 * The document ID is a digest of the content (MD5 of the bytes before
 * the last trailer): the same inputs give the same bytes.
 */
#ifndef PP_PDFPOST_H
#define PP_PDFPOST_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* The name of the form among the associated files. */
#define PP_PDFPOST_FORM_NAME "formulaire.yaml"

/* An empty signature field: its name and its widget's rectangle, in PDF
 * user space (points from the bottom-left corner of the page). */
struct pp_pdfpost_field {
	const char *name;    /* "signature-etat" */
	const char *tooltip; /* what a reader shows, or NULL */
	size_t page;	     /* 0-based */
	double x0, y0, x1, y1;
};

/* A file to embed, /AFRelationship /Source. */
struct pp_pdfpost_file {
	const char *name; /* the form's relative path, "logos/acme.png" */
	const char *mime; /* "application/yaml" */
	const char *desc; /* a description in French, or NULL */
	const void *data;
	size_t len;
};

struct pp_pdfpost {
	const char *date; /* "YYYY-MM-DDThh:mm:ssZ": Info, XMP, files */
	/* The sRGB ICC profile of the OutputIntent. */
	const void *icc;
	size_t icc_len;
	const struct pp_pdfpost_field *fields;
	size_t nfields;
	const struct pp_pdfpost_file *files;
	size_t nfiles;
	/* The paraphe summary in the XMP, or NULL: model, charter, form
	 * digest (plain text), clauses ("id version" each). */
	const char *model, *charte, *form_digest;
	const char *const *clauses;
	size_t nclauses;
};

/* Post-processes the PDF in pdf (len bytes) into out (emptied first).
 * -1 with err filled, out empty, when pdf is not as cairo writes it. */
int pp_pdfpost_run(const void *pdf, size_t len, const struct pp_pdfpost *o,
		   struct pp_buf *out, struct pp_error *err);

/* The XMP packet pp_pdfpost_run writes, for the Info values given (NULL
 * when absent); caller frees.  Exposed for the unit tests. */
char *pp_pdfpost_xmp(const struct pp_pdfpost *o, const char *title,
		     const char *author, const char *subject,
		     const char *keywords, const char *creator,
		     const char *producer);

#endif
