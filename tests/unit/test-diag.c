/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/diag.c: the one-line message shape editors jump to,
 * sorting and de-duplication, counts, and the first-error-wins rule;
 * positions in tables as a spreadsheet names them (row 4, column O).
 */
#include "diag.h"
#include "utf8.h"

#include "../harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Formats d's item i and compares it with want. */
static void
expect_format(const struct pp_diags *d, size_t i, const char *want,
	      const char *name)
{
	char *s = i < d->n ? pp_diag_format(&d->items[i]) : NULL;

	STR_EQ(s, want, name);
	free(s);
}

static void
test_codes(void)
{
	int k, j, unique = 1, named = 1;

	for (k = 0; k < PP_DIAG__COUNT; k++) {
		const char *n = pp_diag_code_name((enum pp_diag_code)k);

		if (n == NULL || n[0] == '\0' || strcmp(n, "?") == 0 ||
		    pp_diag_code_summary((enum pp_diag_code)k)[0] == '\0')
			named = 0;
		for (j = 0; j < k; j++)
			if (strcmp(n, pp_diag_code_name(
					  (enum pp_diag_code)j)) == 0)
				unique = 0;
	}
	OK(named, "every code has a name and a summary");
	OK(unique, "code names are unique");
	STR_EQ(pp_diag_code_name(PP_DIAG_UNKNOWN_KEY), "unknown-key",
	       "code name of UNKNOWN_KEY");
	STR_EQ(pp_diag_code_name(PP_DIAG_YAML_TOO_MANY_NODES),
	       "yaml-too-many-nodes", "code name of YAML_TOO_MANY_NODES");
	STR_EQ(pp_diag_code_name(PP_DIAG__COUNT), "?",
	       "code name out of range");
	INT_EQ(pp_diag_code_severity(PP_DIAG_IDENTIFIER_WARNING),
	       PP_SEV_WARNING, "identifier-warning is a warning");
	INT_EQ(pp_diag_code_severity(PP_DIAG_BAD_FORMAT), PP_SEV_ERROR,
	       "bad-format is an error");
	STR_EQ(pp_severity_name(PP_SEV_ERROR), "error", "severity: error");
	STR_EQ(pp_severity_name(PP_SEV_WARNING), "warning",
	       "severity: warning");
	STR_EQ(pp_severity_name(PP_SEV_NOTE), "note", "severity: note");
}

/* A warning with a second position: the note is its own line, in the same
 * shape, and travels with its diagnostic through sorting. */
static void
test_table(void)
{
	static const struct {
		int col;
		const char *letters;
	} cols[] = {{1, "A"},	    {15, "O"},	{26, "Z"},   {27, "AA"},
		    {52, "AZ"},	    {53, "BA"}, {702, "ZZ"}, {703, "AAA"},
		    {16384, "XFD"}, {0, ""},	{-3, ""}};
	struct pp_diags d;
	struct pp_pos cell = {"partenaires.csv", 4, 15};
	struct pp_pos upper = {"T.CSV", 12, 28};
	struct pp_pos row = {"partenaires.csv", 7, 0};
	struct pp_pos whole = {"partenaires.csv", 0, 0};
	struct pp_pos yaml = {"partenaires.csv.yaml", 4, 15};
	char letters[8], name[64];
	size_t i;

	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		pp_diag_column_letters(cols[i].col, letters);
		snprintf(name, sizeof name, "column %d is \"%s\"", cols[i].col,
			 cols[i].letters);
		STR_EQ(letters, cols[i].letters, name);
	}
	OK(pp_diag_is_table("a/b.csv") && pp_diag_is_table("B.Csv") &&
	       !pp_diag_is_table("b.yaml") && !pp_diag_is_table(".csv") &&
	       !pp_diag_is_table("csv") && !pp_diag_is_table(NULL),
	   "a table is a file whose name ends in .csv");
	pp_diags_init(&d);
	pp_diags_add(&d, PP_DIAG_BAD_FORMAT, &cell, "partenaire.siren",
		     "this SIREN fails its check digit");
	pp_diags_add(&d, PP_DIAG_CSV, &upper, NULL, "no path");
	pp_diags_add(&d, PP_DIAG_MISSING_KEY, &row, "partenaire.siren",
		     "a row, no column");
	pp_diags_add(&d, PP_DIAG_CSV_ENCODING, &whole, NULL, "the whole file");
	pp_diags_add(&d, PP_DIAG_BAD_FORMAT, &yaml, "partenaire.siren",
		     "not a table");
	pp_diags_add(&d, PP_DIAG_BAD_FORMAT, &cell, "partenaire.siren",
		     "with a note");
	pp_diags_add_note(&d, &row, "id", "the other row");
	expect_format(&d, 0,
		      "partenaires.csv:4:15: error: row 4, column O "
		      "(partenaire.siren): this SIREN fails its check digit "
		      "[bad-format]",
		      "table: FILE:ROW:COL: first, then the row, the column's "
		      "letters and the key");
	expect_format(&d, 1,
		      "T.CSV:12:28: error: row 12, column AB: no path [csv]",
		      "table: without a path");
	expect_format(&d, 2,
		      "partenaires.csv:7: error: row 7 (partenaire.siren): a "
		      "row, no column [missing-key]",
		      "table: a row without a column");
	expect_format(&d, 3,
		      "partenaires.csv: warning: the whole file [csv-encoding]",
		      "table: the whole file has no row");
	expect_format(&d, 4,
		      "partenaires.csv.yaml:4:15: error: partenaire.siren: not "
		      "a table [bad-format]",
		      "a YAML file's positions are lines and columns");
	{
		char *note = pp_diag_format_note(&d.items[5]);

		STR_EQ(note,
		       "partenaires.csv:7: note: row 7 (id): the other row",
		       "table: a note's position too");
		free(note);
	}
	pp_diags_fini(&d);
}

static void
test_note(void)
{
	struct pp_diags d;
	struct pp_pos bat = {"forme.yaml", 76, 13};
	struct pp_pos relay = {"forme.yaml", 73, 28};
	struct pp_pos early = {"forme.yaml", 2, 1};
	char *s;

	pp_diags_init(&d);
	pp_diags_add_note(&d, &relay, "x", "on an empty list: ignored");
	INT_EQ(d.n, 0, "a note needs a diagnostic");
	pp_diags_add(&d, PP_DIAG_APPROVAL_TOO_LATE, &bat, "contenu.date_bat",
		     "too late");
	pp_diags_add_note(&d, &relay, "contenu.periode_relais.debut",
			  "the relay starts %s", "here");
	pp_diags_add(&d, PP_DIAG_RULE, &early, NULL, "no note");
	pp_diags_sort(&d);
	INT_EQ(d.n, 2, "two diagnostics");
	s = pp_diag_format_note(&d.items[0]);
	OK(s == NULL, "no note, no second line");
	free(s);
	expect_format(&d, 1,
		      "forme.yaml:76:13: warning: contenu.date_bat: too late "
		      "[approval-too-late]",
		      "note: the warning's own line");
	s = pp_diag_format_note(&d.items[1]);
	STR_EQ(s,
	       "forme.yaml:73:28: note: contenu.periode_relais.debut: the "
	       "relay starts here",
	       "note: the second position, after sorting");
	free(s);
	pp_diags_add_note(&d, NULL, NULL, "nowhere");
	s = pp_diag_format_note(&d.items[1]);
	STR_EQ(s, "note: nowhere", "note: without a position or path");
	free(s);
	pp_diags_fini(&d);
}

static void
test_format(void)
{
	struct pp_diags d;
	struct pp_pos full = {"forme.yaml", 12, 7};
	struct pp_pos no_col = {"forme.yaml", 12, 0};
	struct pp_pos no_line = {"forme.yaml", 0, 0};
	struct pp_pos no_file = {NULL, 3, 4};
	struct pp_pos empty_file = {"", 3, 4};

	pp_diags_init(&d);
	pp_diags_add(&d, PP_DIAG_BAD_FORMAT, &full, "partenaire.siren",
		     "this SIREN fails its check digit (%s)", "Luhn");
	pp_diags_add(&d, PP_DIAG_VERSION, &full, NULL, "no path here");
	pp_diags_add(&d, PP_DIAG_MISSING_KEY, NULL, NULL, "no file, no path");
	pp_diags_add(&d, PP_DIAG_UNKNOWN_KEY, NULL, "document.sous-titre",
		     "no file");
	pp_diags_add(&d, PP_DIAG_IDENTIFIER_WARNING, &full, "partenaire.rna",
		     "an old prefecture number");
	pp_diags_add(&d, PP_DIAG_IO, &no_col, NULL, "line only");
	pp_diags_add(&d, PP_DIAG_TOO_BIG, &no_line, NULL, "file only");
	pp_diags_add(&d, PP_DIAG_RULE, &no_file, "a.b", "position, no file");
	pp_diags_add(&d, PP_DIAG_RULE, &empty_file, "", "empty file and path");
	INT_EQ(d.n, 9, "nine diagnostics added");

	expect_format(&d, 0,
		      "forme.yaml:12:7: error: partenaire.siren: this SIREN "
		      "fails its check digit (Luhn) [bad-format]",
		      "format: file, line, column, path, message, code");
	expect_format(&d, 1, "forme.yaml:12:7: error: no path here [version]",
		      "format: without a path");
	expect_format(&d, 2, "error: no file, no path [missing-key]",
		      "format: without file or path");
	expect_format(&d, 3,
		      "error: document.sous-titre: no file [unknown-key]",
		      "format: without a file");
	expect_format(&d, 4,
		      "forme.yaml:12:7: warning: partenaire.rna: an old "
		      "prefecture number [identifier-warning]",
		      "format: a warning");
	expect_format(&d, 5, "forme.yaml:12: error: line only [io]",
		      "format: line without column");
	expect_format(&d, 6, "forme.yaml: error: file only [too-big]",
		      "format: file without line");
	expect_format(&d, 7, "error: a.b: position, no file [rule]",
		      "format: a position without a file is not printed");
	expect_format(&d, 8, "error: empty file and path [rule]",
		      "format: empty file and path count as none");
	OK(d.items[8].file == NULL && d.items[8].path == NULL,
	   "empty file and path are stored as NULL");
	INT_EQ(d.items[4].severity, PP_SEV_WARNING,
	       "diags_add takes the code's severity");
	pp_diags_fini(&d);
	INT_EQ(d.n, 0, "diags_fini empties the list");
	OK(d.items == NULL, "diags_fini frees the items");
}

static void
test_long_message(void)
{
	struct pp_diags d;
	char big[5000];
	char *s;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	pp_diags_init(&d);
	pp_diags_add(&d, PP_DIAG_RULE, NULL, NULL, "%s!", big);
	INT_EQ(strlen(d.items[0].message), sizeof big,
	       "diags_add: a long message is not truncated");
	s = pp_diag_format(&d.items[0]);
	INT_EQ(strlen(s), strlen("error: ") + sizeof big + strlen(" [rule]"),
	       "format: a long message in full");
	free(s);
	pp_diags_fini(&d);
}

static void
test_sort(void)
{
	struct pp_diags d;
	struct pp_pos b10 = {"b.yaml", 10, 1};
	struct pp_pos b2_9 = {"b.yaml", 2, 9};
	struct pp_pos b2_3 = {"b.yaml", 2, 3};
	struct pp_pos a50 = {"a.yaml", 50, 1};

	pp_diags_init(&d);
	pp_diags_sort(&d);
	INT_EQ(d.n, 0, "sort: an empty list stays empty");

	pp_diags_add(&d, PP_DIAG_RULE, &b10, "x", "line 10");
	pp_diags_add(&d, PP_DIAG_RULE, &b2_9, "x", "line 2 col 9");
	pp_diags_add(&d, PP_DIAG_RULE, &b2_3, "x", "line 2 col 3");
	pp_diags_add(&d, PP_DIAG_RULE, &a50, "x", "other file");
	pp_diags_add(&d, PP_DIAG_RULE, NULL, NULL, "no file");
	/* Exact repeat of line 10: dropped. */
	pp_diags_add(&d, PP_DIAG_RULE, &b10, "x", "line 10");
	/* Same place, another message: kept. */
	pp_diags_add(&d, PP_DIAG_RULE, &b10, "x", "line 10, again");
	/* Same place and message, another path: kept. */
	pp_diags_add(&d, PP_DIAG_RULE, &b10, "y", "line 10");
	/* Same place, message and path, another code: kept. */
	pp_diags_add(&d, PP_DIAG_BAD_DATE, &b10, "x", "line 10");
	/* Three copies of one more: one kept. */
	pp_diags_add(&d, PP_DIAG_RULE, &b2_3, "x", "line 2 col 3");
	pp_diags_add(&d, PP_DIAG_RULE, &b2_3, "x", "line 2 col 3");
	INT_EQ(d.n, 11, "sort: eleven before");
	pp_diags_sort(&d);
	INT_EQ(d.n, 8, "sort: three exact repeats dropped");
	STR_EQ(d.items[0].message, "no file", "sort 1: no file first");
	STR_EQ(d.items[1].message, "other file", "sort 2: files by name");
	STR_EQ(d.items[2].message, "line 2 col 3",
	       "sort 3: then by line and column");
	STR_EQ(d.items[3].message, "line 2 col 9", "sort 4: column 9");
	OK(d.items[4].line == 10 && d.items[5].line == 10 &&
	       d.items[6].line == 10 && d.items[7].line == 10,
	   "sort 5-8: the line 10 group last");
	/* Within the group: path x before y; same path by code. */
	STR_EQ(d.items[7].path, "y", "sort 8: path y after path x");
	OK(strcmp(d.items[4].path, "x") == 0 &&
	       strcmp(d.items[5].path, "x") == 0 &&
	       strcmp(d.items[6].path, "x") == 0,
	   "sort 5-7: path x");
	pp_diags_fini(&d);

	/* Sorting a sorted list without repeats changes nothing. */
	pp_diags_init(&d);
	pp_diags_add(&d, PP_DIAG_RULE, &b2_3, NULL, "one");
	pp_diags_add(&d, PP_DIAG_RULE, &b2_9, NULL, "two");
	pp_diags_sort(&d);
	INT_EQ(d.n, 2, "sort: no repeats, nothing dropped");
	STR_EQ(d.items[1].message, "two", "sort: already in order");
	pp_diags_fini(&d);
}

static void
test_count(void)
{
	struct pp_diags d;

	pp_diags_init(&d);
	INT_EQ(pp_diags_count(&d, PP_SEV_ERROR), 0, "count: empty list");
	pp_diags_add(&d, PP_DIAG_BAD_FORMAT, NULL, NULL, "e1");
	pp_diags_add(&d, PP_DIAG_IDENTIFIER_WARNING, NULL, NULL, "w1");
	pp_diags_add(&d, PP_DIAG_UNKNOWN_KEY, NULL, NULL, "e2");
	pp_diags_add(&d, PP_DIAG_IDENTIFIER_WARNING, NULL, NULL, "w2");
	pp_diags_add(&d, PP_DIAG_RULE, NULL, NULL, "e3");
	INT_EQ(pp_diags_count(&d, PP_SEV_ERROR), 3, "count: three errors");
	INT_EQ(pp_diags_count(&d, PP_SEV_WARNING), 2, "count: two warnings");
	INT_EQ(pp_diags_count(&d, PP_SEV_NOTE), 0, "count: no notes");
	pp_diags_fini(&d);
}

static void
test_error(void)
{
	struct pp_error err;
	struct pp_pos pos = {"f.yaml", 4, 2};
	struct pp_pos other = {"g.yaml", 9, 9};
	struct pp_diags d;
	char longname[2000];
	char *s;

	pp_error_init(&err);
	INT_EQ(err.set, 0, "error_init: not set");
	pp_error_set(&err, PP_DIAG_YAML_KEY, &pos, "first %d", 1);
	pp_error_set(&err, PP_DIAG_IO, &other, "second");
	INT_EQ(err.set, 1, "error_set: set");
	INT_EQ(err.code, PP_DIAG_YAML_KEY, "first error wins: code");
	STR_EQ(err.message, "first 1", "first error wins: message");
	STR_EQ(err.file, "f.yaml", "first error wins: file");
	INT_EQ(err.line, 4, "first error wins: line");
	INT_EQ(err.col, 2, "first error wins: column");

	pp_error_init(&err);
	pp_error_set(&err, PP_DIAG_IO, NULL, "no position");
	STR_EQ(err.file, "", "error without position: no file");
	INT_EQ(err.line, 0, "error without position: line 0");
	INT_EQ(err.col, 0, "error without position: column 0");

	/* NULL is accepted everywhere. */
	pp_error_init(NULL);
	pp_error_set(NULL, PP_DIAG_IO, &pos, "ignored");
	OK(1, "error calls accept NULL");

	/* A very long file name is cut, not overflowed. */
	memset(longname, 'f', sizeof longname - 1);
	longname[sizeof longname - 1] = '\0';
	pos.file = longname;
	pp_error_init(&err);
	pp_error_set(&err, PP_DIAG_IO, &pos, "x");
	INT_EQ(strlen(err.file), sizeof err.file - 1,
	       "a long file name is cut to fit");

	/* An error becomes a diagnostic. */
	pos.file = "f.yaml";
	pp_error_init(&err);
	pp_error_set(&err, PP_DIAG_YAML_DUPLICATE_KEY, &pos, "twice");
	pp_diags_init(&d);
	pp_diags_add_error(&d, &err);
	INT_EQ(d.n, 1, "diags_add_error: one diagnostic");
	s = pp_diag_format(&d.items[0]);
	STR_EQ(s, "f.yaml:4:2: error: twice [yaml-duplicate-key]",
	       "diags_add_error: formatted, without a path");
	free(s);
	pp_diags_fini(&d);
}

/* Text from a file into a terminal (issue 15): the file name, the path
 * and the message of a diagnostic, and its note, never carry a raw control
 * character, a bidirectional control or bytes that are not UTF-8. */
static void
test_escape(void)
{
	struct pp_diags d;
	struct pp_pos evil = {"x\033[2J.yaml", 3, 4};
	char *s;

	pp_diags_init(&d);
	pp_diags_add(&d, PP_DIAG_UNKNOWN_KEY, &evil, "cle\033[31mrouge",
		     "the key \"%s\" is unknown",
		     "a\xe2\x80\xae"
		     "b\xc2\x9b");
	pp_diags_add_note(&d, &evil, "n\x01", "tab\there, \xff, %s",
			  "\xe2\x81\xa6x");
	expect_format(&d, 0,
		      "x\\x1b[2J.yaml:3:4: error: cle\\x1b[31mrouge: the key "
		      "\"a\\u202eb\\u009b\" is unknown [unknown-key]",
		      "format: controls escaped in file, path and message");
	s = pp_diag_format_note(&d.items[0]);
	STR_EQ(s,
	       "x\\x1b[2J.yaml:3:4: note: n\\x01: tab\\x09here, \\xff, "
	       "\\u2066x",
	       "format: controls escaped in the note");
	free(s);
	s = pp_diag_format_styled(&d.items[0], 0, 1);
	OK(s != NULL && strstr(s, "\033[31mrouge") == NULL &&
	       strstr(s, "\033[1;31m") != NULL,
	   "styled: paraphe's own colour, not the key's escape");
	free(s);
	pp_diags_fini(&d);

	s = pp_text_escape("D\xc3\xa9j\xc3\xa0 \xc2\xa0\xe2\x80\xaf\xc2\xad"
			   "\x7f\xf0\x9f\x98\x80\xf3\xa0\x81\x81\xe2\x80\xa8");
	STR_EQ(s,
	       "D\xc3\xa9j\xc3\xa0 \xc2\xa0\xe2\x80\xaf\\u00ad\\x7f\xf0\x9f\x98"
	       "\x80\\U000e0041\\u2028",
	       "escape: letters, spaces and emoji kept; soft hyphen, DEL, "
	       "tag character and line separator escaped");
	free(s);
}

int
main(void)
{
	test_codes();
	test_format();
	test_table();
	test_note();
	test_long_message();
	test_sort();
	test_count();
	test_error();
	test_escape();
	return harness_done();
}
