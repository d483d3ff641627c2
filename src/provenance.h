/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the PDF's post-processing (pdfpost.h) is given for one document:
 * the sRGB profile, the signature fields the layout placed, the form and
 * the files it names, the provenance summary (model, clauses with their
 * versions, form digest, charter).  Built by the PDF writer of outputs.c
 * from what every writer is given.
 */
#ifndef PP_PROVENANCE_H
#define PP_PROVENANCE_H

#include <glib.h>

#include "outputs.h"
#include "pdfpost.h"

/* The sRGB profile of the PDFs' OutputIntent, under the data folder
 * (charte/icc/LICENCE says where it comes from). */
#define PP_PROVENANCE_ICC "charte/icc/sRGB.icc"

/* The largest file a form names that is embedded (logos are 5 MB at
 * most, annexes 256 KiB). */
#define PP_PROVENANCE_MAX_FILE (16u << 20)

struct pp_provenance {
	struct pp_pdfpost post;
	/* storage behind post */
	GPtrArray *strings; /* owned strings */
	GArray *fields;	    /* struct pp_pdfpost_field */
	GArray *files;	    /* struct pp_pdfpost_file */
};

/*
 * Fills pv for in; *enabled 0 when post-processing is switched off
 * (PARAPHE_PDF_POST=0, for the benchmark only), then pv->post is unused.
 * -1 with err filled (the profile or a file the form names cannot be
 * read).  pp_provenance_fini in every case.
 */
int pp_provenance_prepare(const struct pp_output_input *in,
			  struct pp_provenance *pv, int *enabled,
			  struct pp_error *err);
void pp_provenance_fini(struct pp_provenance *pv);

/* The name of the signature field of the party at index i (0: the State,
 * on the left) in a signature block: "signature-etat",
 * "signature-partenaire", "signature-partenaire-2"...; caller frees. */
char *pp_provenance_field_name(size_t i);

#endif
