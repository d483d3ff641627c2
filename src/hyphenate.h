/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * French hyphenation: U+00AD soft hyphens inserted at the break points the
 * hyphen-fr patterns allow (libhyphen), for Pango to use at line ends.
 * Named hyphenate.h, not hyphen.h, so as not to shadow libhyphen's header.
 * Nothing here prints or exits.
 */
#ifndef PP_HYPHENATE_H
#define PP_HYPHENATE_H

/* struct pp_buf; pp_buf_add, pp_buf_str: see src/buf.h */
#include "buf.h"
/* struct pp_error: see src/diag.h */
#include "diag.h"

/* Default location of the French patterns (package hyphen-fr). */
#define PP_HYPHEN_FR_PATH "/usr/share/hyphen/hyph_fr.dic"

/* Words shorter than this many characters are never hyphenated. */
#define PP_HYPHEN_MIN_WORD 6
/* Fewest characters left before / after a break: three on each side, as
 * French legal typography wants (no « re-layer », « no-tamment »). */
#define PP_HYPHEN_LHMIN 3
#define PP_HYPHEN_RHMIN 3
/* At most this many hyphenated lines in a row (DOMAIN §2.4).  The ODT
 * asks the word processor for it (fo:hyphenation-ladder-count); the PDF's
 * layout sets a paragraph again without the word that would end one more
 * (pp_layout_para_hyphenated, layoutline.c). */
#define PP_HYPHEN_LADDER_MAX 2
/* Words longer than this many characters are left whole. */
#define PP_HYPHEN_MAX_WORD 64

struct pp_hyphenator;

/*
 * Loads the patterns from path (NULL: PP_HYPHEN_FR_PATH).  The file must be
 * a regular file, a UTF-8 libhyphen dictionary (first line "UTF-8"), with no
 * line longer than libhyphen accepts.  Returns NULL with err filled
 * (PP_DIAG_IO, or PP_DIAG_TOO_BIG) when the file is missing, unreadable or
 * not such a dictionary.  Caller frees with pp_hyphenator_free().  Once
 * loaded, one hyphenator may be shared by any number of threads.
 */
struct pp_hyphenator *pp_hyphenator_load(const char *path,
					 struct pp_error *err);
/* h may be NULL. */
void pp_hyphenator_free(struct pp_hyphenator *h);

/*
 * Appends text (UTF-8, NUL-terminated; NULL appends nothing) to out with
 * U+00AD soft hyphens at the allowed break points; every other byte is
 * copied unchanged, invalid UTF-8 included.  h NULL copies text as is.
 *
 * A word is a maximal run of letters, digits and combining marks, with
 * apostrophes (' and U+2019) between two such characters; '-' ends a word,
 * so each part of a compound is hyphenated on its own.  A word is hyphenated
 * only when it has PP_HYPHEN_MIN_WORD to PP_HYPHEN_MAX_WORD characters and
 * none of: a digit, a combining mark (decomposed text the patterns do not
 * know), a soft hyphen already (the author's or a previous pass's; so a
 * second pass changes nothing), all capitals (acronyms, titles: no
 * lower-case letter after the elided prefix, as in "L'ÉTAT"), a month's
 * name (« fé-vrier » would split a date), a capital after a small letter
 * (brands and hashtags as their owners write them: LinkedIn,
 * #MoisSansTabac).  Non-space runs containing "@" or "://" or a dot
 * between two letters or digits, or starting with "www." (addresses, URLs,
 * domain names) are copied whole.  Breaks keep PP_HYPHEN_LHMIN characters
 * before and PP_HYPHEN_RHMIN after, and never touch an apostrophe.
 */
void pp_hyphenate(const struct pp_hyphenator *h, const char *text,
		  struct pp_buf *out);

/* pp_hyphenate() keeping each word's result in words for the next texts
 * (a layout engine's, which sets a kit's documents one after the other);
 * the same output. */
struct pp_hyphen_words;
struct pp_hyphen_words *pp_hyphen_words_new(void);
void pp_hyphen_words_free(struct pp_hyphen_words *w);
void pp_hyphenate_words(const struct pp_hyphenator *h,
			struct pp_hyphen_words *words, const char *text,
			struct pp_buf *out);

/* Whether the non-space run s[0..n) is an address or a URL: it contains
 * "@" or "://" or a dot between two letters or digits (a domain name), or
 * starts with "www.".  pp_hyphenate() copies such runs
 * whole, and the layout never breaks a line inside one. */
int pp_hyphenate_is_address(const char *s, size_t n);

#endif
