/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The source a PDF carries: the form it was rendered from, embedded as the
 * associated file "formulaire.yaml" (/AF of the catalog and the
 * /EmbeddedFiles name tree), and the files the form names (logos, annex
 * Markdown), embedded under their paths relative to the form.  Read with
 * qpdf's C API from an untrusted PDF: every size, count, depth and name
 * is bounded, and a name that could lead outside a folder ("/etc/x",
 * "../x", "a/./b") is refused before anything is written.
 */
#ifndef PP_PDFSOURCE_H
#define PP_PDFSOURCE_H

#include <stddef.h>

#include "diag.h"

/* The name the source form is embedded under. */
#define PP_PDFSOURCE_FORM "formulaire.yaml"

/* Bounds on untrusted input. */
#define PP_PDFSOURCE_MAX_PDF	 (256u << 20) /* the PDF file */
#define PP_PDFSOURCE_MAX_FILE	 (16u << 20)  /* one embedded file, decoded */
#define PP_PDFSOURCE_MAX_TOTAL	 (64u << 20)  /* all of them */
#define PP_PDFSOURCE_MAX_ENTRIES 256	      /* embedded files */
#define PP_PDFSOURCE_MAX_NAME	 255	      /* bytes of a name */
#define PP_PDFSOURCE_MAX_DEPTH	 16	      /* levels of the name tree */
#define PP_PDFSOURCE_MAX_NODES	 4096	      /* name tree nodes visited */

struct pp_pdfsource_file {
	char *name; /* a relative path: "formulaire.yaml", "logos/a.png" */
	unsigned char *data;
	size_t len;
};

struct pp_pdfsource {
	struct pp_pdfsource_file **files; /* sorted by name */
	size_t n;
	/* files[form] is PP_PDFSOURCE_FORM, or form is (size_t)-1 when the
	 * PDF carries none. */
	size_t form;
};

/*
 * Reads the embedded files of the PDF held in data (name: for messages).
 * Returns a source (free with pp_pdfsource_free), possibly without a form
 * and with no file, or NULL with err filled: not a PDF qpdf can read
 * (PP_DIAG_IO), a limit crossed (PP_DIAG_TOO_BIG, PP_DIAG_LIMIT), a name
 * that is no safe relative path (PP_DIAG_OUTSIDE), a stream that cannot
 * be decoded.  A name's "." and empty components are dropped first
 * ("./logos//a.png" is "logos/a.png", as the form may have written it).
 */
struct pp_pdfsource *pp_pdfsource_read_mem(const void *data, size_t len,
					   const char *name,
					   struct pp_error *err);
/* The same, from the file path (at most PP_PDFSOURCE_MAX_PDF bytes). */
struct pp_pdfsource *pp_pdfsource_read(const char *path, struct pp_error *err);
void pp_pdfsource_free(struct pp_pdfsource *s);

/* 0 when name is a path an embedded file may have: relative, made of
 * non-empty components other than "." and "..", UTF-8 without control
 * characters or backslashes, at most PP_PDFSOURCE_MAX_NAME bytes; -1
 * otherwise. */
int pp_pdfsource_name_ok(const char *name, size_t len);

/* 1 when the file at path starts as a PDF does ("%PDF-" at the start of
 * a line of its first kibibyte), 0 when it does not, -1 when it cannot be
 * read. */
int pp_pdfsource_is_pdf(const char *path);

/*
 * Writes every file of s under dir (created if missing), each atomically
 * (fileio.h), never outside dir: a folder on the way that is a symbolic
 * link is refused.  An existing file is refused, before anything is
 * written, unless force is set.  -1 with err filled; the files written
 * before a failure are removed.
 */
int pp_pdfsource_write_dir(const struct pp_pdfsource *s, const char *dir,
			   int force, struct pp_error *err);

/* Removes what pp_pdfsource_write_dir wrote into dir, its folders and dir
 * itself when they are then empty. */
void pp_pdfsource_remove_dir(const struct pp_pdfsource *s, const char *dir);

#endif
