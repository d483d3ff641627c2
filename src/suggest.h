/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * "Did you mean": how far a misspelt name is from the names that exist, for
 * the suggestions of schema, charter, expression and template messages.
 */
#ifndef PP_SUGGEST_H
#define PP_SUGGEST_H

#include <stddef.h>

/*
 * Edit distance (Levenshtein: insertions, deletions, substitutions) between
 * two UTF-8 strings, counted in bytes; (size_t)-1 when either is longer than
 * 64 bytes (not compared).
 */
size_t pp_edit_distance(const char *a, const char *b);

/*
 * The largest distance at which a name is offered as what word meant: 1 for
 * a word of up to 4 bytes, 2 up to 8, 3 beyond.
 */
size_t pp_suggest_max_distance(const char *word);

#endif
