/* SPDX-License-Identifier: EUPL-1.2 */
#include <string.h>

#include "csvout.h"

static int
csv_formula_start(const char *v)
{
	return v[0] != '\0' && strchr("=+-@\t\r", v[0]) != NULL;
}

void
pp_csv_field(GString *s, const char *v, int last)
{
	int quote;

	if (v == NULL)
		v = "";
	quote = strpbrk(v, ";\"\n\r") != NULL || csv_formula_start(v);
	if (quote)
		g_string_append_c(s, '"');
	if (csv_formula_start(v))
		g_string_append_c(s, '\'');
	for (; *v != '\0'; v++) {
		if (*v == '"')
			g_string_append_c(s, '"');
		g_string_append_c(s, *v);
	}
	if (quote)
		g_string_append_c(s, '"');
	g_string_append(s, last ? "\r\n" : ";");
}
