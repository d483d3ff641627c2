/* SPDX-License-Identifier: EUPL-1.2 */
/* "Did you mean": edit distance between names (suggest.h). */
#include <stdlib.h>
#include <string.h>

#include "suggest.h"
#include "xalloc.h"

size_t
pp_edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t *row, result;

	if (la > 64 || lb > 64)
		return (size_t)-1;
	row = pp_xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	result = row[lb];
	free(row);
	return result;
}

size_t
pp_suggest_max_distance(const char *word)
{
	size_t len = strlen(word);

	return len <= 4 ? 1 : len <= 8 ? 2 : 3;
}
