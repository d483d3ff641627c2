/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Conformity checks of a PDF, an ODT or a form against the charter's rules.
 * Every finding has a stable rule id, a severity, a page (0 when it
 * concerns the whole file), a box in millimetres from the page's top-left
 * corner, what was found and what the charter expects.  Third-party files
 * are untrusted: every read is bounded.
 */
#ifndef PP_CHECK_H
#define PP_CHECK_H

#include <stddef.h>

#include "buf.h"
#include "charte.h"
#include "diag.h"

/* The rules, from checkrules.def: PP_RULE_POLICE_HORS_CHARTE... */
enum pp_check_rule {
#define X(name, id, sev, summary) PP_RULE_##name,
#include "checkrules.def"
#undef X
	PP_RULE__COUNT
};

/* "police-hors-charte"...: the id reports and the manual use. */
const char *pp_check_rule_id(enum pp_check_rule rule);
/* PP_SEV_ERROR or PP_SEV_WARNING. */
enum pp_severity pp_check_rule_severity(enum pp_check_rule rule);
/* One line, translated. */
const char *pp_check_rule_summary(enum pp_check_rule rule);

struct pp_finding {
	enum pp_check_rule rule;
	enum pp_severity severity; /* PP_SEV_ERROR or PP_SEV_WARNING */
	int page;		   /* 1-based; 0 for the whole file */
	double x, y, w, h;	   /* mm from the top-left; w = h = 0 when
				      not located */
	char *found;		   /* what was found (owned) */
	char *expected;		   /* what the charter expects (owned) */
};

/*
 * What a PDF says of itself, reported as information, never as a finding
 * (pdfpost.h writes all three): its signature fields, its PDF/A
 * identification (as declared in its XMP, not validated), the source files
 * it carries (associated files, AFRelationship /Source).
 */
struct pp_check_field {
	char *name;
	int signed_; /* 1: the field holds a signature (a /V) */
};
struct pp_check_source {
	char *name;
	long long size; /* bytes, -1 when the stream cannot be read */
};
/* Bounds on what is listed. */
#define PP_CHECK_MAX_FIELDS  100
#define PP_CHECK_MAX_SOURCES 100
struct pp_check_info {
	int pdf; /* 1: a PDF whose objects were read; 0: nothing to say */
	struct pp_check_field *fields;
	size_t nfields;
	int pdfa_part;		  /* 0: no PDF/A identification */
	char pdfa_conformance[4]; /* "B", "A", "U" */
	struct pp_check_source *sources;
	size_t nsources;
};
void pp_check_info_fini(struct pp_check_info *info);

struct pp_check {
	char *file;
	struct pp_finding *items;
	size_t n, cap;
	int pages;   /* pages read (PDF) */
	int partial; /* 1 when limits cut the check short */
	struct pp_check_info info;
};

/* A PDF's pages beyond this are not read: the check is partial. */
#define PP_CHECK_MAX_PAGES 2000

/* Conformant: no error, and every part of the file was read. */
int pp_check_conformant(const struct pp_check *r);
/* The pages actually read (r->pages is the file's count). */
int pp_check_pages_read(const struct pp_check *r);

void pp_check_init(struct pp_check *r, const char *file);
void pp_check_fini(struct pp_check *r);

/*
 * Checks path (a .pdf or .odt, recognised by content) against c.
 * Returns 0 when the file could be read (findings in r), -1 with err
 * filled when it cannot (damaged, encrypted, not a PDF/ODT, too big).
 */
int pp_check_file(const char *path, const struct pp_charte *c,
		  struct pp_check *r, struct pp_error *err);

/*
 * Where pp_check_file runs poppler on a PDF.  By default in a child
 * process with a memory and a time limit (poppler's allocations on a
 * crafted PDF are not bounded): a child that runs out of either, or dies,
 * makes pp_check_file fail with a clear error.  pp_check_set_isolation(0)
 * runs poppler in the calling process, without limits: for the fuzz
 * targets, whose coverage a child would not report.
 */
void pp_check_set_isolation(int on);

/*
 * Thumbnails of a PDF's first PP_CHECK_THUMB_PAGES pages, drawn while it is
 * checked (in the same child, with the same limits) as dir/page-N.png at
 * PP_CHECK_THUMB_DPI on white: a box of a finding, in millimetres from the
 * top-left, is at mm * PP_CHECK_THUMB_DPI / 25.4 pixels.  dir must exist;
 * NULL: none (the default).  A thumbnail that cannot be drawn or written
 * is left out.
 */
#define PP_CHECK_THUMB_PAGES 20
#define PP_CHECK_THUMB_DPI   50
void pp_check_set_thumbnails(const char *dir);
/* The child's limits: memory_mib MiB of data beyond what the process holds
 * (0: none; always none under AddressSanitizer, whose shadow memory a data
 * limit would break), time_ms ms of wall clock (0: none).  By default 256
 * MiB and 30 s.  For tests. */
void pp_check_set_limits(unsigned memory_mib, unsigned time_ms);

/*
 * For a process that checks many PDFs against c (a kit worker): reads
 * the glyphs of the families c names once, in this process, so that the
 * children pp_check_file forks find them read instead of reading them
 * again for each PDF.  Findings are the same.  Adds c's fonts folder to
 * the current fontconfig configuration, as each check does.  c must
 * outlive the checks, or pp_check_unprepare be called first.
 */
void pp_check_prepare(const struct pp_charte *c);
void pp_check_unprepare(void);

size_t pp_check_count(const struct pp_check *r, enum pp_severity sev);

/* Text report: one line per finding in the compiler shape
 *   file.pdf:2:(31,0 mm; 12,5 mm): error[police-hors-charte]: ...
 * then a summary line. */
void pp_check_format_text(const struct pp_check *r, struct pp_buf *out);
/* The same as one JSON object on one line, ending with a newline
 * (schema in doc/verification.md); strings that are not UTF-8 get U+FFFD. */
void pp_check_format_json(const struct pp_check *r, struct pp_buf *out);

#endif
