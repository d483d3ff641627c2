/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Cells written for spreadsheets: quoting, and values that a spreadsheet
 * would run as formulas turned into text (OWASP's CSV injection advice).
 */
#include <glib.h>
#include <string.h>

#include "csvout.h"

#include "../harness.h"

/* One cell, as the last of its row. */
static int
cell_is(const char *value, const char *want, const char *name)
{
	GString *s = g_string_new("");
	int same;

	pp_csv_field(s, value, 1);
	same = strcmp(s->str, want) == 0;
	if (!OK(same, name))
		printf("# got [%s], wanted [%s]\n", s->str, want);
	g_string_free(s, TRUE);
	return same;
}

int
main(void)
{
	GString *row = g_string_new("");

	cell_is("Mobilité Verte SAS", "Mobilité Verte SAS\r\n",
		"plain text as it is");
	cell_is(NULL, "\r\n", "no value: an empty cell");
	cell_is("a;b", "\"a;b\"\r\n", "a separator is quoted");
	cell_is("dit \"oui\"", "\"dit \"\"oui\"\"\"\r\n",
		"quotes are doubled inside quotes");
	cell_is("ligne\nsuite", "\"ligne\nsuite\"\r\n", "LF is quoted");
	cell_is("ligne\rsuite", "\"ligne\rsuite\"\r\n", "CR is quoted too");
	cell_is("=HYPERLINK(\"http://x\")",
		"\"'=HYPERLINK(\"\"http://x\"\")\"\r\n", "= starts no formula");
	cell_is("+33 1 23", "\"'+33 1 23\"\r\n", "+ starts no formula");
	cell_is("-2+3", "\"'-2+3\"\r\n", "- starts no formula");
	cell_is("@SUM(A1)", "\"'@SUM(A1)\"\r\n", "@ starts no formula");
	cell_is("\tcmd", "\"'\tcmd\"\r\n", "TAB starts no formula");
	cell_is("\rcmd", "\"'\rcmd\"\r\n", "CR starts no formula");
	cell_is("a=b", "a=b\r\n", "= inside a value is text already");
	pp_csv_field(row, "a", 0);
	pp_csv_field(row, "b", 1);
	OK(strcmp(row->str, "a;b\r\n") == 0, "cells separated by ';'");
	g_string_free(row, TRUE);
	return harness_done();
}
