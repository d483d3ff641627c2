/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * French (France) formatting of dates, numbers and amounts, case mapping and
 * typography, as the conventions print them.  Every function appends to out
 * (the caller owns it); the int-returning ones return 0, or -1 without
 * appending anything when the input is not acceptable.  Nothing here prints
 * or exits.
 */
#ifndef PP_FRENCH_H
#define PP_FRENCH_H
#include <stddef.h>
#include "buf.h" /* struct pp_buf; pp_buf_add, pp_buf_adds, pp_buf_addc, pp_buf_addf, pp_buf_str — see src/buf.h */
#define PP_NBSP	 "\xc2\xa0"	/* U+00A0 no-break space */
#define PP_NNBSP "\xe2\x80\xaf" /* U+202F narrow no-break space */

/* Dates. */

/* Each appends to out and returns 0, or -1 (appending nothing) when the input
 * is not acceptable. */
int pp_fr_date_long(
    const char *iso,
    struct pp_buf *out); /* "2026-03-01" -> "1er mars 2026", "2026-03-08" -> "8
			    mars 2026" (NBSP between day and month and between
			    month and year, so the date never breaks across
			    lines) ; -1 if not a real YYYY-MM-DD date */
int pp_fr_date_short(const char *iso,
		     struct pp_buf *out); /* "2026-03-01" -> "01/03/2026" */

/* Numbers and amounts. */

void pp_fr_number(
    long long n,
    struct pp_buf
	*out); /* 800000 -> "800 000" with U+202F between groups of three;
		  negative "-1 500"; 0..9999 get a separator too ("1 500")  */
void pp_fr_euros(long long n,
		 struct pp_buf *out); /* 150000 -> "150 000 €" : groups by
					 U+202F, then U+202F before € */
/*
 * Cardinal in words, French (France) rules, traditional (pre-1990) spelling:
 * hyphens only between tens and units below 100, "et un" in 21..71,
 * "quatre-vingts" and "deux cents" take an s when they end the number or
 * precede million, milliard or billion (nouns), never before "mille".
 * Negative numbers start with "moins".  -1 when |n| > 999 999 999 999 999.
 */
int pp_fr_number_words(long long n, struct pp_buf *out);
/*
 * An amount in euros in words: "un euro", "zéro euro", "deux euros",
 * "un million d'euros" (straight apostrophe: pp_fr_typography() turns it
 * into U+2019).  -1 when out of range.
 */
int pp_fr_amount_words(long long euros, struct pp_buf *out);

/* Case (UTF-8 aware; invalid UTF-8 is repaired with U+FFFD first). */

void pp_fr_upper(const char *s,
		 struct pp_buf *out); /* UTF-8 aware: "égalité" -> "ÉGALITÉ"
					 (g_utf8_strup) */
void pp_fr_lower(const char *s, struct pp_buf *out);
void pp_fr_capitalize(const char *s,
		      struct pp_buf *out); /* first character upper-cased, UTF-8
					      aware: "état" -> "État" */

/* Lists. */

void pp_fr_join(const char *const *items, size_t n,
		struct pp_buf *out); /* "" ; "a" ; "a et b" ; "a, b et c" */

/* Typography. */

/* French typography on a run of text (UTF-8), appended to out:
 *  - straight apostrophe ' between letters (or after l/d/qu etc.) -> ’
 * (U+2019);
 *  - narrow no-break space U+202F before ; ! ? and before » and after «: an
 * existing ordinary space there is replaced, a missing one is inserted (but
 * "?!" pairs get one space before the first only, and nothing is inserted when
 * the mark does not follow a word character, closing quote or bracket, e.g.
 * "!important", ":)" or "?" at the very start);
 *  - no-break space U+00A0 before ':' when the colon is followed by a space or
 * the end of the text (so "https://x" and "10:30" are untouched); existing
 * space replaced;
 *  - between a digit and a following space + (€ or %) -> U+202F; between a
 * digit and space + a letter -> U+00A0 ("30 jours", "2 exemplaires"); between
 * digit groups "800 000" -> U+202F;
 *  - "n°" or "N°" followed by a space -> the space becomes U+00A0; "n° 12"
 * kept;
 *  - "..." -> "…";
 *  - straight double quotes are left alone (text from forms keeps them).
 * Never touches anything inside a URL or e-mail address (a run of non-space
 * characters containing "://" or "@" is copied unchanged). Idempotent: applying
 * it twice gives the same result as once. */
void pp_fr_typography(const char *in, struct pp_buf *out);
#endif
