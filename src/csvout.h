/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Cells of the CSV files paraphe writes (recapitulatif.csv), for French
 * spreadsheets: ';' separators, CRLF rows, fields quoted when they hold a
 * separator, a quote, LF or CR.  Values come from forms and partner
 * tables, so a cell that a spreadsheet would run as a formula (one that
 * begins with '=', '+', '-', '@', TAB or CR, as OWASP lists them) starts
 * with an apostrophe instead: the officer sees the text, nothing runs.
 */
#ifndef PP_CSVOUT_H
#define PP_CSVOUT_H

#include <glib.h>

/* Appends v (NULL: an empty cell) then ';', or CRLF when last. */
void pp_csv_field(GString *s, const char *v, int last);

#endif
