/* SPDX-License-Identifier: EUPL-1.2 */
/* Unit tests of src/suggest.c: the edit distance behind "did you mean" and
 * how close a name must be to be suggested. */
#include "suggest.h"

#include "../harness.h"

#include <string.h>

static void
test_edit_distance(void)
{
	char long_word[80];

	INT_EQ(pp_edit_distance("", ""), 0, "distance: empty, empty");
	INT_EQ(pp_edit_distance("abc", ""), 3, "distance: to empty");
	INT_EQ(pp_edit_distance("", "abc"), 3, "distance: from empty");
	INT_EQ(pp_edit_distance("siren", "siren"), 0, "distance: equal");
	INT_EQ(pp_edit_distance("kitten", "sitting"), 3,
	       "distance: kitten, sitting");
	INT_EQ(pp_edit_distance("sitting", "kitten"), 3, "distance: symmetric");
	INT_EQ(pp_edit_distance("rcs_vile", "rcs_ville"), 1,
	       "distance: one deletion");
	INT_EQ(pp_edit_distance("sous-titre", "sous_titre"), 1,
	       "distance: one substitution");
	INT_EQ(pp_edit_distance("ab", "ba"), 2,
	       "distance: a transposition costs 2");
	INT_EQ(pp_edit_distance("\xc3\xa9", "e"), 2,
	       "distance: counted in bytes");
	memset(long_word, 'a', sizeof long_word - 1);
	long_word[sizeof long_word - 1] = '\0';
	INT_EQ(pp_edit_distance(long_word, "a"), (size_t)-1,
	       "distance: words over 64 bytes are not compared");
	long_word[64] = '\0';
	INT_EQ(pp_edit_distance(long_word, "a"), 63,
	       "distance: 64 bytes still compared");
}

static void
test_max_distance(void)
{
	INT_EQ(pp_suggest_max_distance(""), 1, "max distance: empty word");
	INT_EQ(pp_suggest_max_distance("logo"), 1, "max distance: 4 bytes");
	INT_EQ(pp_suggest_max_distance("siren"), 2, "max distance: 5 bytes");
	INT_EQ(pp_suggest_max_distance("courriel"), 2, "max distance: 8 bytes");
	INT_EQ(pp_suggest_max_distance("rcs_ville"), 3,
	       "max distance: 9 bytes");
}

int
main(void)
{
	test_edit_distance();
	test_max_distance();
	return harness_done();
}
