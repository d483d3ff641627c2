/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The output formats, in one table (outputs.c), in the manner of mandoc's
 * per-output handler tables: each format's name, file extension, what it
 * needs before it can be written, how many files it makes, whether the
 * checker reads it, its writer and its line of help.  The renderer, the
 * command line (render -f, its help and errors, "paraphe formats", which
 * the shell completion reads) and the kit all go through it: a new format
 * is a writer in a file of its own and one row of the table.
 */
#ifndef PP_OUTPUTS_H
#define PP_OUTPUTS_H

#include <stddef.h>

struct pp_charte;
struct pp_doc;
struct pp_error;
struct pp_layout_engine;
struct pp_pages;
struct pp_value;

/* What a format needs before it can be written; each level includes the
 * ones before it. */
enum pp_output_needs {
	PP_OUTPUT_NEEDS_TREE,	/* the document tree */
	PP_OUTPUT_NEEDS_CHARTE, /* and the charter, with its fonts */
	PP_OUTPUT_NEEDS_PAGES,	/* and the document laid out in pages */
};

enum pp_output_flag {
	/* One file per page, <model>-1.<ext>, <model>-2.<ext>...: needs the
	 * pages. */
	PP_OUTPUT_PER_PAGE = 1 << 0,
	/* "paraphe check" reads it: a kit's controle_conformite checks it. */
	PP_OUTPUT_CHECKED = 1 << 1,
	/* "render -o -" may send it to the standard output. */
	PP_OUTPUT_TO_STDOUT = 1 << 2,
};

/* What a writer is given: one document of a form, ready for its format.
 * Everything is borrowed. */
struct pp_output_input {
	const struct pp_doc *doc;
	const struct pp_pages *pages;	/* NULL unless the format needs pages */
	const struct pp_charte *charte; /* NULL unless a format of the run
					   needs the charter */
	struct pp_layout_engine
	    *engine;	       /* the charter's fonts; NULL likewise */
	const char *date;      /* "YYYY-MM-DDThh:mm:ssZ", for the metadata */
	const char *generator; /* "paraphe 0.1.0" */
	const char *datadir;   /* models, charters, the sRGB profile */
	/* The form as read (NULL for a document made without one), and its
	 * bytes (NULL when it was merged from several files, a kit's
	 * partner: then the PDF carries it written as YAML). */
	const struct pp_value *form;
	const char *source;
	size_t source_len;
};

/*
 * A writer: writes the document to path, atomically (a temporary file
 * renamed into place, so that an error leaves nothing truncated behind).
 * path is <outdir>/<model>.<ext>; for a format with one file per page, it
 * is the prefix <outdir>/<model> of the files <prefix>-N.<ext>.  -1 with
 * err filled.
 */
typedef int pp_output_write_fn(const struct pp_output_input *in,
			       const char *path, struct pp_error *err);
/* A writer that lives in a file of its own is declared here with that
 * type ("pp_output_write_fn pp_docx_write;") and named in its row. */

struct pp_output {
	const char *name; /* what -f and a campaign's sorties.formats say */
	const char *ext;  /* the files' extension, without the dot */
	enum pp_output_needs needs;
	unsigned flags; /* enum pp_output_flag */
	pp_output_write_fn *write;
	/* What the name does not say, shown after it in parentheses by
	 * "render --help"; untranslated (N_), NULL when the name says it
	 * all. */
	const char *help;
};

/*
 * The table, in the order help and messages list the formats and files are
 * written; ended by a row whose name is NULL.  A set of formats is an
 * unsigned with bit i for row i (pp_output_bit): kits hash that set into
 * their fingerprints, so rows are appended, never reordered.
 */
extern const struct pp_output pp_outputs[];

/* The format called name, or NULL. */
const struct pp_output *pp_output_find(const char *name);

/* The format whose name is closest to name, when close enough to be a
 * likely typo ("pdff", "ODT"), for "did you mean"; NULL otherwise. */
const struct pp_output *pp_output_suggest(const char *name);

/* The bit of o in a set of formats. */
unsigned pp_output_bit(const struct pp_output *o);

/* The most any format of set needs. */
enum pp_output_needs pp_outputs_needs(unsigned set);

/* Every name, as "pdf, odt, png..." for messages; caller frees (g_free). */
char *pp_outputs_names(void);

/* The name of one file of model in format o: "convention.pdf", or page
 * (1, 2...) of a format with one file per page, "convention-2.png".
 * Caller frees (g_free). */
char *pp_output_file_name(const struct pp_output *o, const char *model,
			  size_t page);

#endif
