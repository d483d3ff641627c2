/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * French (France) formatting of dates, numbers and amounts, case mapping,
 * lists and typography, as the conventions print them.  Every function
 * appends to out (caller-owned); the int-returning ones return 0, or -1
 * without appending anything when the input is not acceptable.  Nothing here
 * prints or exits.
 */
#ifndef PP_FRENCH_H
#define PP_FRENCH_H
#include <stddef.h>
/* struct pp_buf; pp_buf_add, pp_buf_adds, pp_buf_addc, pp_buf_addf,
 * pp_buf_str: see src/buf.h */
#include "buf.h"
#define PP_NBSP	 "\xc2\xa0"	/* U+00A0 no-break space */
#define PP_NNBSP "\xe2\x80\xaf" /* U+202F narrow no-break space */

/* Dates */

/*
 * "2026-03-01" -> "1er mars 2026", "2026-03-08" -> "8 mars 2026", with
 * U+00A0 between day and month and between month and year, so the date never
 * breaks across lines.  -1 if iso is not exactly a real YYYY-MM-DD date
 * (years 0001 to 9999, Gregorian leap years).
 */
int pp_fr_date_long(const char *iso, struct pp_buf *out);
/* The first date of a period ending on until, without what until repeats:
 * "1er" (until in the same month), "28 février" (same year), else as
 * pp_fr_date_long(); for « du 1er au 10 mars 2026 ».  -1 when iso is not a
 * date. */
int pp_fr_date_from(const char *iso, const char *until, struct pp_buf *out);
/* "2026-03-01" -> "01/03/2026"; -1 as pp_fr_date_long(). */
int pp_fr_date_short(const char *iso, struct pp_buf *out);

/* Numbers and amounts */

/*
 * 800000 -> "800 000" with U+202F between groups of three; negative
 * "-1 500" (hyphen-minus); 1000..9999 get a separator too ("1 500").
 */
void pp_fr_number(long long n, struct pp_buf *out);
/* 150000 -> "150 000 €": groups by U+202F, then U+202F before €. */
void pp_fr_euros(long long n, struct pp_buf *out);
/*
 * Cardinal in words, French (France) rules, traditional (pre-1990) spelling:
 * 0 "zéro", 21 "vingt et un", 71 "soixante et onze", 80 "quatre-vingts",
 * 81 "quatre-vingt-un", 200 "deux cents", 201 "deux cent un", 1000 "mille",
 * 2 000 000 "deux millions", 10^12 "un billion".  Hyphens only between tens
 * and units below 100 ("cent vingt-deux", "trois cent mille").
 * "quatre-vingts" and "cents" keep their s at the end of the number and
 * before million, milliard, billion (nouns), never before "mille"
 * ("quatre-vingt mille", "deux cents millions").  Negative: "moins …".
 * -1 when |n| > 999 999 999 999 999.
 */
int pp_fr_number_words(long long n, struct pp_buf *out);
/*
 * A count in words followed by noun (singular, masculine), which agrees:
 * (30, "jour") "trente jours", (1, "an") "un an", (0, "jour") "zéro jour",
 * (2000000, "jour") "deux millions de jours" ("d'" before a vowel, a
 * straight apostrophe).  A noun ending in s, x or z takes no s.  NULL or ""
 * noun: the bare number in words, as pp_fr_number_words().  -1 when out of
 * range, as pp_fr_number_words().
 */
int pp_fr_count_words(long long n, const char *noun, struct pp_buf *out);
/*
 * An amount in euros in words: 0 "zéro euro", 1 "un euro", 200 "deux cents
 * euros", 1500000 "un million cinq cent mille euros", 1000000 "un million
 * d'euros" (a straight apostrophe, as in the brief; pp_fr_typography() makes
 * it U+2019).  "d'euros" after any exact number of millions, milliards or
 * billions.  -1 when out of range, as pp_fr_number_words().
 */
int pp_fr_amount_words(long long euros, struct pp_buf *out);

/* Identifiers */

/*
 * A SIREN or SIRET grouped as INSEE prints it, with U+202F (as thousands):
 * "903124576" -> "903 124 576", "84471902100017" -> "844 719 021 00017".
 * Anything else (an RNA number "W751234567", a VAT number, a text with
 * spaces already) is copied unchanged.  s may be NULL.
 */
void pp_fr_identifier(const char *s, struct pp_buf *out);

/* Case; invalid UTF-8 is first repaired with U+FFFD.  s may be NULL. */

/* "égalité" -> "ÉGALITÉ" (g_utf8_strup). */
void pp_fr_upper(const char *s, struct pp_buf *out);
/* "ÉTAT" -> "état" (g_utf8_strdown). */
void pp_fr_lower(const char *s, struct pp_buf *out);
/*
 * First character upper-cased (title case), the rest copied unchanged:
 * "état" -> "État".  A string starting with invalid UTF-8 is copied as is.
 */
void pp_fr_capitalize(const char *s, struct pp_buf *out);
/*
 * A title or office as running text wants it (DOMAIN §2.4): the first
 * letter lower-cased, the rest copied unchanged: "Directrice de la
 * communication" -> "directrice de la communication", "Élue" -> "élue".
 * A first word whose second letter is also a capital is an acronym and
 * stays as typed ("DICOM", "RSE adjointe"); so does text that does not
 * start with a letter or starts with invalid UTF-8.
 */
void pp_fr_lower_initial(const char *s, struct pp_buf *out);

/* Lists */

/* "" ; "a" ; "a et b" ; "a, b et c".  A NULL item counts as "". */
void pp_fr_join(const char *const *items, size_t n, struct pp_buf *out);

/* Typography */

/*
 * French typography on a run of text (UTF-8), appended to out:
 *  - straight apostrophe ' after a letter and before a letter -> ’ (U+2019);
 *    after an elided word (l d j m n s t c qu jusqu lorsqu puisqu quoiqu)
 *    before any non-space too ("l'«", "d'1");
 *  - U+202F before ; ! ? and before », and after «: an existing run of
 *    ordinary spaces (U+0020) there is replaced by one; a missing one is
 *    inserted.  "?!", "!!" get one space before the first mark only.  Before
 *    ; ! ? nothing is inserted unless the mark follows a word character,
 *    a closing quote or bracket, ".", "…", "%" or "€" (so "?" at the
 *    start and "-?" stay), and nothing is done when a letter or digit
 *    follows the mark ("!important", "?id=3");
 *  - U+00A0 before ':' when the colon is followed by a space, a » or the end
 *    of the text (so "https://x", "10:30" and ":)" are untouched); existing
 *    spaces replaced;
 *  - a digit, spaces, then € or % -> U+202F; a digit, spaces, then a letter
 *    -> U+00A0 ("30 jours", "2 exemplaires"); groups of thousands
 *    "800 000" (1 to 3 digits, one space, exactly 3 digits) -> U+202F;
 *  - "n°" or "N°" followed by spaces and text -> the spaces become U+00A0;
 *    "n° 12" (already U+00A0) kept;
 *  - a civility as a word ("M.", "MM.", "Mme", "Mmes", "Mlle", "Mlles"),
 *    spaces, then an upper-case letter -> U+00A0 ("Mme Claire DUPONT");
 *  - "..." -> "…";
 *  - double quotes, straight or English (“ ”), become French ones: « when
 *    the quote opens (at the start, after a space, "(" or "["), » when it
 *    closes, with their U+202F as above (DOMAIN §2.4);
 * Spaces at the start of a line are never replaced.  Never touches anything
 * inside a URL or e-mail address: a run of non-space characters (no-break
 * spaces count as spaces) containing "://" or "@" is copied unchanged.
 * Invalid UTF-8 bytes are copied as they are.  Idempotent: applying it twice
 * gives the same result as once.  in may be NULL.
 */
void pp_fr_typography(const char *in, struct pp_buf *out);
#endif
