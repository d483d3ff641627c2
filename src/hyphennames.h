/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Proper nouns never hyphenated (DOMAIN §2.4): the partner's and the
 * ministry's names, the people's names and the cities a form gives.  The
 * layout takes the soft hyphens out of them; the ODT wraps them in a text
 * style with fo:hyphenate="false".  Nothing here prints or exits.
 */
#ifndef PP_HYPHENNAMES_H
#define PP_HYPHENNAMES_H

#include <stddef.h>

#include "arena.h"
#include "value.h"

/*
 * The proper nouns of form (a convention's or a fiche projet's, a kit
 * partner's merged form): the values of the keys listed in hyphennames.c
 * (partenaire.denomination, .designation, .sigle, .nom_commercial,
 * .rcs_ville, the cities of the addresses, the signatories' first and last
 * names, the contacts' names, emetteur.designation and .service,
 * signature.lieu and .lieu_partenaire,
 * fiche_projet.contacts[].nom and .validation[].nom), each once, then,
 * when there is one, the State's names forms quote (the Service
 * d'information du Gouvernement), as a NULL-terminated array in arena a;
 * NULL when the form gives none.
 */
const char *const *pp_hyphen_form_names(const struct pp_value *form,
					struct pp_arena *a);

/* A set of names compiled for searching. */
struct pp_hyphen_names;

/*
 * Compiles names (NULL-terminated, NULL for none): each name, and each of
 * its words that starts with a capital ("Mutuelle" of « Mutuelle
 * Solidaire Atlantique », "Anne" of « Anne GUÉGAN »), is a phrase that
 * text must never hyphenate.  Never NULL; free with
 * pp_hyphen_names_free().
 */
struct pp_hyphen_names *pp_hyphen_names_new(const char *const *names);
/* n may be NULL. */
void pp_hyphen_names_free(struct pp_hyphen_names *n);

/*
 * The first occurrence of a phrase of n in text[from..len) as a byte range
 * [*start, *end) of text: 1, or 0 when there is none (n NULL or empty
 * included).  An occurrence starts and ends at word boundaries (a word is
 * made of letters, digits and marks); text may hold soft hyphens (U+00AD,
 * skipped), typographic apostrophes where the form has straight ones and
 * no-break spaces where it has spaces.  Matching is case-sensitive: the
 * common noun « atlantique » is not the name « Atlantique ».
 */
int pp_hyphen_names_next(const struct pp_hyphen_names *n, const char *text,
			 size_t len, size_t from, size_t *start, size_t *end);

/*
 * Removes the soft hyphens (U+00AD) inside the names of n from text[from..]
 * (the buffer's length shrinks accordingly).  Returns how many bytes went.
 */
size_t pp_hyphen_names_unbreak(const struct pp_hyphen_names *n, char *text,
			       size_t *len, size_t from);

#endif
