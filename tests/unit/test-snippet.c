/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/snippet.c: the source line under a diagnostic, its
 * carets, the note's second snippet, what is made visible (tabs, control
 * characters), long lines cut around the column, colours only when asked,
 * and no snippet where the file cannot be read again or is a CSV table.
 */
#include "snippet.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[] = "/tmp/pp-snippet-XXXXXX";

/* Writes text to dir/name; returns the path (static buffer per call). */
static const char *
write_file(const char *name, const char *text, char *path, size_t size)
{
	FILE *f;

	snprintf(path, size, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if (f != NULL) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

/* The rendering of one diagnostic at file:line:col, with a note when
 * note_line > 0, without colour. */
static char *
render(struct pp_snippets *s, enum pp_diag_code code, const char *file,
       int line, int col, int note_line, int note_col, int colour)
{
	struct pp_diags d;
	struct pp_pos pos = {file, line, col};
	struct pp_pos npos = {file, note_line, note_col};
	char *out;

	pp_diags_init(&d);
	pp_diags_add(&d, code, &pos, "a.b", "message");
	if (note_line > 0)
		pp_diags_add_note(&d, &npos, "c", "there");
	out = pp_snippets_render(s, &d.items[0], colour, "");
	pp_diags_fini(&d);
	return out;
}

/* The text of line n (1-based) of s, without its newline. */
static char *
nth_line(const char *s, int n)
{
	const char *e;

	while (--n > 0 && s != NULL && (s = strchr(s, '\n')) != NULL)
		s++;
	if (s == NULL)
		return strdup("");
	e = strchr(s, '\n');
	return strndup(s, e != NULL ? (size_t)(e - s) : strlen(s));
}

static void
expect_line(const char *text, int n, const char *want, const char *name)
{
	char *l = nth_line(text, n);

	STR_EQ(l, want, name);
	free(l);
}

/* The caret line (the third) of a diagnostic at form:line:col. */
static void
expect_carets(struct pp_snippets *s, enum pp_diag_code code, const char *form,
	      int line, int col, const char *want, const char *name)
{
	char *out = render(s, code, form, line, col, 0, 0, 0);

	expect_line(out, 3, want, name);
	free(out);
}

static void
test_spans(struct pp_snippets *s, const char *form, const char *xml)
{
	char *out;

	out = render(s, PP_DIAG_BAD_FORMAT, form, 2, 10, 0, 0, 0);
	OK(strstr(out, ":2:10: error: a.b: message [bad-format]\n") != NULL,
	   "the first line unchanged");
	expect_line(out, 2, "   2 |   siren: \"903124577\" # SIREN",
		    "the source line under the message");
	free(out);
	expect_carets(s, PP_DIAG_BAD_FORMAT, form, 2, 10,
		      "     |          ^^^^^^^^^^^",
		      "a quoted value: carets up to its closing quote");
	expect_carets(s, PP_DIAG_WRONG_TYPE, form, 3, 19,
		      "     |                   ^^^^^^^",
		      "a plain value: up to the comment, spaces kept inside");
	expect_carets(s, PP_DIAG_BAD_DATE, form, 4, 28,
		      "     |                            ^^^^^^^^^^",
		      "a value in { }: up to the comma");
	expect_carets(s, PP_DIAG_UNKNOWN_KEY, form, 3, 3,
		      "     |   ^^^^^^^^^^^^^^", "a key: up to its colon");
	expect_carets(s, PP_DIAG_TEMPLATE, xml, 1, 6, "     |      ^",
		      "an XML file: one caret, YAML's spans do not apply");
	expect_carets(s, PP_DIAG_YAML_SYNTAX, form, 2, 10, "     |          ^",
		      "a syntax error: one caret, where the parser stopped");
}

static void
test_note(struct pp_snippets *s, const char *form)
{
	char *out = render(s, PP_DIAG_RELAY_OUTSIDE_TERM, form, 4, 45, 2, 3, 0);
	char *l = nth_line(out, 4);

	OK(strstr(l, ":2:3: note: c: there") != NULL,
	   "the note's line comes after the first snippet");
	free(l);
	expect_line(out, 5, "   2 |   siren: \"903124577\" # SIREN",
		    "the note's own source line");
	expect_line(out, 6, "     |   ^^^^^", "and its carets");
	free(out);
}

static void
test_visible(struct pp_snippets *s, const char *form)
{
	char *out = render(s, PP_DIAG_YAML_SYNTAX, form, 5, 2, 0, 0, 0);

	expect_line(out, 2, "   5 | \xe2\x86\x92titre: \"a\xef\xbf\xbd[31mb\"",
		    "a tab shown as an arrow, an escape as a replacement");
	OK(strchr(out, '\033') == NULL && strchr(out, '\t') == NULL,
	   "no raw control character reaches the terminal");
	expect_line(out, 3, "     |  ^", "the caret under the arrow");
	free(out);
}

static void
test_long_line(struct pp_snippets *s, const char *form)
{
	char *out = render(s, PP_DIAG_BAD_FORMAT, form, 6, 300, 0, 0, 0);
	char *l = nth_line(out, 2), *c = nth_line(out, 3);
	const char *caret = strchr(c, '^');
	const char *ell = "\xe2\x80\xa6";

	OK(strstr(l, ell) != NULL && strstr(l, "X") != NULL,
	   "a long line is cut, the marked character kept");
	OK(strlen(l) < 130, "a cut line stays under 100 columns of text");
	/* The caret sits under the X: same number of columns before. */
	OK(caret != NULL && g_utf8_strlen(l, strstr(l, "X") - l) == caret - c,
	   "the caret under its character on the cut line");
	free(l);
	free(c);
	free(out);
}

/* Line 12345: still a space before the number. */
static void
test_wide_gutter(struct pp_snippets *s)
{
	char path[512];
	char *text = malloc(12345 * 2 + 16), *out;
	int i;

	for (i = 0; i < 12344; i++)
		memcpy(text + 2 * i, "#\n", 2);
	strcpy(text + 2 * 12344, "x: 1\n");
	write_file("long.yaml", text, path, sizeof(path));
	out = render(s, PP_DIAG_WRONG_TYPE, path, 12345, 4, 0, 0, 0);
	expect_line(out, 2, " 12345 | x: 1",
		    "a long file: a space, then 12345");
	expect_line(out, 3, "       |    ^", "and the caret line aligned");
	free(out);
	free(text);
	unlink(path);
}

static void
test_no_snippet(struct pp_snippets *s, const char *csv)
{
	char *out = render(s, PP_DIAG_BAD_FORMAT, csv, 2, 2, 0, 0, 0);

	OK(strchr(out, '\n') == out + strlen(out) - 1,
	   "a CSV table: the message alone (records and fields)");
	free(out);
	out = render(s, PP_DIAG_BAD_FORMAT, "-", 2, 2, 0, 0, 0);
	OK(strchr(out, '\n') == out + strlen(out) - 1,
	   "standard input: the message alone");
	free(out);
	out = render(s, PP_DIAG_BAD_FORMAT, "/nonexistent/form.yaml", 2, 2, 0,
		     0, 0);
	OK(strchr(out, '\n') == out + strlen(out) - 1,
	   "a file gone: the message alone");
	free(out);
}

static void
test_colour(struct pp_snippets *s, const char *form)
{
	char *out = render(s, PP_DIAG_BAD_FORMAT, form, 2, 10, 0, 0, 1);

	OK(strstr(out, "\033[1;31merror\033[0m: ") != NULL,
	   "colour: the severity in red");
	OK(strstr(out, "\033[1;31m^^^") != NULL, "colour: the carets too");
	free(out);
}

int
main(void)
{
	char form[512], csv[512], xml[512];
	struct pp_snippets *s;
	char longline[400];

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	memset(longline, 'a', sizeof(longline));
	memcpy(longline, "  x: ", 5);
	longline[299] = 'X';
	longline[sizeof(longline) - 2] = '\n';
	longline[sizeof(longline) - 1] = '\0';
	{
		char text[1024];

		snprintf(text, sizeof(text),
			 "version: 1\n"
			 "  siren: \"903124577\" # SIREN\n"
			 "  capital_social: 150 000 # euros\n"
			 "  periode_relais: { debut: 01/03/2026, fin: x }\r\n"
			 "\ttitre: \"a\033[31mb\"\n"
			 "%s",
			 longline);
		write_file("form.yaml", text, form, sizeof(form));
	}
	write_file("table.csv", "a,b\nc,d\n", csv, sizeof(csv));
	write_file("template.xml", "<doc><p a=\"b: c\">text</p></doc>\n", xml,
		   sizeof(xml));
	s = pp_snippets_new();
	test_spans(s, form, xml);
	test_note(s, form);
	test_visible(s, form);
	test_long_line(s, form);
	test_wide_gutter(s);
	test_no_snippet(s, csv);
	test_colour(s, form);
	pp_snippets_free(s);
	unlink(form);
	unlink(csv);
	unlink(xml);
	rmdir(dir);
	return harness_done();
}
