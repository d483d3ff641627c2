/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * An incremental update appended to the PDF cairo wrote (ISO 32000-1
 * 7.5.6), for the post-processing (pdfpost.c): the few objects of cairo's
 * file that change (the catalog, Info, the pages that get a widget...)
 * are read with a small bounded tokenizer and written again under the same
 * numbers, new objects get new numbers, and one xref section and a trailer
 * (/Prev, deterministic /ID) end the file.  cairo's bytes are kept as they
 * are, the header's version excepted (%PDF-1.7, same length).
 *
 * Only what cairo writes is read: a classic xref table, one section, no
 * encryption, the objects asked for uncompressed; anything else is
 * refused with a clear error (a cairo this code does not know), never
 * guessed.  pdfincr.c says why this is not done with libqpdf.
 */
#ifndef PP_PDFINCR_H
#define PP_PDFINCR_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"

/* Bytes of the input: a value as written, or a dictionary key. */
struct pp_pdfspan {
	const char *p;
	size_t n;
};

/* A dictionary's entries, in order, pointing into the input. */
struct pp_pdfdict {
	size_t n;
	struct pp_pdfspan key[64], val[64];
};

/* An array's elements, pointing into the input; pp_pdfarray_fini frees
 * them. */
struct pp_pdfarray {
	size_t n, cap;
	struct pp_pdfspan *v;
};
void pp_pdfarray_fini(struct pp_pdfarray *a);

struct pp_pdfincr;

/* Reads pdf's header, startxref, xref table and trailer; NULL with err
 * filled when they are not as cairo writes them.  pdf must outlive the
 * result. */
struct pp_pdfincr *pp_pdfincr_open(const void *pdf, size_t len,
				   struct pp_error *err);
void pp_pdfincr_free(struct pp_pdfincr *in);

/* Fills err: the input is not as expected (what, untranslated, marked
 * with N_), at byte at of it (NULL when no place); returns -1. */
int pp_pdfincr_fail(const struct pp_pdfincr *in, const char *at,
		    const char *what, struct pp_error *err);

/* The trailer's entries. */
const struct pp_pdfdict *pp_pdfincr_trailer(const struct pp_pdfincr *in);

/* The value of object num (its "num 0 obj" as the xref says), -1 with
 * err filled when absent or malformed. */
int pp_pdfincr_object(struct pp_pdfincr *in, unsigned num,
		      struct pp_pdfspan *val, struct pp_error *err);
/* The same, parsed as a dictionary, an array. */
int pp_pdfincr_dict(struct pp_pdfincr *in, unsigned num, struct pp_pdfdict *d,
		    struct pp_error *err);

/* Parsing of values already read: 0, or -1 with err filled. */
int pp_pdfincr_parse_dict(struct pp_pdfincr *in, struct pp_pdfspan v,
			  struct pp_pdfdict *d, struct pp_error *err);
int pp_pdfincr_parse_array(struct pp_pdfincr *in, struct pp_pdfspan v,
			   struct pp_pdfarray *a, struct pp_error *err);
/* "12 0 R" -> 12; 0 when v is not a reference. */
unsigned pp_pdfincr_ref(struct pp_pdfspan v);
/* The value of key ("/Pages") in d, or NULL. */
const struct pp_pdfspan *pp_pdfdict_get(const struct pp_pdfdict *d,
					const char *key);
/* A text string's value (literal or hex, PDFDocEncoding or UTF-16BE) as
 * UTF-8, or NULL when v is not a string; caller frees. */
char *pp_pdfincr_text(struct pp_pdfspan v);

/* The next object number; a new object number. */
unsigned pp_pdfincr_size(const struct pp_pdfincr *in);
unsigned pp_pdfincr_new(struct pp_pdfincr *in);
/* Starts object num (new or a new version of cairo's): returns the
 * buffer its value is appended to, up to pp_pdfincr_end. */
struct pp_buf *pp_pdfincr_begin(struct pp_pdfincr *in, unsigned num);
void pp_pdfincr_end(struct pp_pdfincr *in);
/* How a stream's data is written. */
enum pp_pdfincr_filter {
	PP_PDFINCR_RAW,	    /* as it is, unfiltered */
	PP_PDFINCR_DEFLATE, /* compressed here, /FlateDecode */
	PP_PDFINCR_FLATE,   /* compressed already (pp_pdfincr_deflate) */
};
/* A whole stream object: dict holds its entries but /Length and /Filter
 * (" /N 3"). */
void pp_pdfincr_stream(struct pp_pdfincr *in, unsigned num, const char *dict,
		       const void *data, size_t len,
		       enum pp_pdfincr_filter filter);
/* data compressed as a zlib stream (/FlateDecode), its length in zlen;
 * NULL if zlib fails.  Caller frees. */
unsigned char *pp_pdfincr_deflate(const void *data, size_t len, size_t *zlen);

/* Writers into b. */
/* d's entries but those named in drop (a NULL-terminated list), as
 * " /Key value" each: the caller opens with "<<", adds and closes. */
void pp_pdfincr_put_entries(struct pp_buf *b, const struct pp_pdfdict *d,
			    const char *const *drop);
/* A text string: literal when printable ASCII, else UTF-16BE in hex. */
void pp_pdfincr_put_text(struct pp_buf *b, const char *utf8);
/* A name from any bytes ("application/yaml" -> /application#2Fyaml). */
void pp_pdfincr_put_name(struct pp_buf *b, const char *s);
/* A number with at most 2 decimals, "62.36", "654.2", "0". */
void pp_pdfincr_put_real(struct pp_buf *b, double v);

/* Ends the update (xref section, trailer with /Prev and the /ID, a digest
 * of the bytes before it) and hands the whole file over into out. */
void pp_pdfincr_finish(struct pp_pdfincr *in, struct pp_buf *out);

#endif
