/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Positions, errors and diagnostics.
 *
 * A failing call returns -1 and fills a struct pp_error (the first error
 * wins).  Findings that do not stop the work (schema validation, checks) are
 * appended to a struct pp_diags list.  Positions are 1-based.
 */
#ifndef PP_DIAG_H
#define PP_DIAG_H

#include <stddef.h>

enum pp_severity {
	PP_SEV_NOTE,
	PP_SEV_WARNING,
	PP_SEV_ERROR,
};

enum pp_diag_code {
#define X(name, code, sev, summary) PP_DIAG_##name,
#include "diag.def"
#undef X
	PP_DIAG__COUNT
};

/* A place in an input file; file is borrowed from whoever read the file. */
struct pp_pos {
	const char *file;
	int line; /* 1-based; 0 when unknown */
	int col;  /* 1-based; 0 when unknown */
};

/* A fatal error.  Self-contained: nothing to free. */
struct pp_error {
	int set;		/* 0 until the first pp_error_set() */
	enum pp_diag_code code; /* what kind of failure */
	char file[1024];	/* "" when not tied to a file */
	int line, col;		/* 0 when unknown */
	char message[1024];	/* translated, one line */
	/*
	 * Where the cause is, when the error is noticed elsewhere (a quote
	 * opened lines above): shown as a note in the same file.  note is ""
	 * when there is none.
	 */
	int note_line, note_col;
	char note[512];
};

struct pp_diag {
	enum pp_diag_code code;
	enum pp_severity severity;
	char *file;    /* owned; NULL when unknown */
	int line, col; /* 1-based, 0 when unknown */
	char *path; /* owned; data path such as "partenaire.siren", or NULL */
	char *message; /* owned, translated */
	/*
	 * A second place involved in the finding (a warning that two values
	 * contradict each other): printed as its own "note:" line after the
	 * diagnostic.  All NULL / 0 when there is none.
	 */
	char *note_file;
	int note_line, note_col;
	char *note_path;
	char *note; /* owned, translated */
};

struct pp_diags {
	struct pp_diag *items;
	size_t n, cap;
};

const char *pp_diag_code_name(enum pp_diag_code code);
enum pp_severity pp_diag_code_severity(enum pp_diag_code code);
const char *pp_diag_code_summary(enum pp_diag_code code);
/* "error", "warning", "note", translated. */
const char *pp_severity_name(enum pp_severity sev);

/* Clears err; err may be NULL in every pp_error_* call. */
void pp_error_init(struct pp_error *err);
/* Records an error unless one is already recorded; pos may be NULL. */
void pp_error_set(struct pp_error *err, enum pp_diag_code code,
		  const struct pp_pos *pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Attaches a note (pos, what is there) to the error just recorded, unless
 * it has one. */
void pp_error_note(struct pp_error *err, const struct pp_pos *pos,
		   const char *fmt, ...) __attribute__((format(printf, 3, 4)));

void pp_diags_init(struct pp_diags *d);
void pp_diags_fini(struct pp_diags *d);
/* Appends a diagnostic with the code's severity; pos and path may be NULL. */
void pp_diags_add(struct pp_diags *d, enum pp_diag_code code,
		  const struct pp_pos *pos, const char *path, const char *fmt,
		  ...) __attribute__((format(printf, 5, 6)));
/*
 * Attaches to the last diagnostic of d the other place involved (pos and
 * path may be NULL) and what is there.  Does nothing when d is empty.
 */
void pp_diags_add_note(struct pp_diags *d, const struct pp_pos *pos,
		       const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Appends a fatal error as a diagnostic, with its note. */
void pp_diags_add_error(struct pp_diags *d, const struct pp_error *err);
/* Sorts by file, line, column and drops exact repeats. */
void pp_diags_sort(struct pp_diags *d);
size_t pp_diags_count(const struct pp_diags *d, enum pp_severity sev);
/*
 * Whether positions in file are rows and columns of a table (a CSV
 * partner table): its name ends in ".csv", in any case.
 */
int pp_diag_is_table(const char *file);
/* The letters a spreadsheet names column col (1-based) with: A to Z, then
 * AA, AB...; "" when col < 1. */
void pp_diag_column_letters(int col, char out[8]);
/*
 * One line, without the newline, in the shape compilers use so that editors
 * can jump to it:  FILE:LINE:COL: error: PATH: message [code]
 * In a table, the position is also given as a spreadsheet shows it:
 *   FILE:ROW:COL: error: row ROW, column LETTERS (PATH): message [code]
 * Control characters, bidirectional controls and other invisible
 * characters in the file name, the path and the message are escaped
 * (pp_text_escape_add): a terminal never receives them.  Caller frees.
 */
char *pp_diag_format(const struct pp_diag *diag);
/*
 * The second line of a diagnostic that has a note, in the same shape:
 * FILE:LINE:COL: note: PATH: message.  NULL when there is no note; caller
 * frees.
 */
char *pp_diag_format_note(const struct pp_diag *diag);
/*
 * pp_diag_format (note 0) or pp_diag_format_note (note 1), with the
 * severity in ANSI colour when colour is set (for a terminal only).
 */
char *pp_diag_format_styled(const struct pp_diag *diag, int note, int colour);
/* The escape that starts the colour of sev, and the one that ends it; ""
 * when colour is 0. */
const char *pp_diag_colour(enum pp_severity sev, int colour);
const char *pp_diag_colour_off(int colour);

#endif
