/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * French formatting: dates, numbers, amounts in words, case, lists and
 * typography.  See french.h for the contracts.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "french.h"
#include "xalloc.h"

/* Largest magnitude pp_fr_number_words() spells: 10^15 - 1. */
#define FRENCH_WORDS_MAX 999999999999999ULL

#define FRENCH_NBSP	0x00A0u
#define FRENCH_NNBSP	0x202Fu
#define FRENCH_ELLIPSIS 0x2026u
#define FRENCH_RSQUO	0x2019u
#define FRENCH_LAQUO	0x00ABu
#define FRENCH_RAQUO	0x00BBu
#define FRENCH_LDQUO	0x201Cu /* “, English opening quote */
#define FRENCH_RDQUO	0x201Du /* ”, English closing quote */
/* Stands for a byte that is not part of well-formed UTF-8. */
#define FRENCH_BAD ((gunichar)0xFFFFFFFFu)

/* ------------------------------------------------------------------ */
/* Dates                                                              */
/* ------------------------------------------------------------------ */

static const char *const french_months[12] = {
    "janvier", "février", "mars",      "avril",	  "mai",      "juin",
    "juillet", "août",	  "septembre", "octobre", "novembre", "décembre",
};

static int
french_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/*
 * Parses exactly "YYYY-MM-DD" (year 0001 to 9999, proleptic Gregorian
 * calendar) into *y, *m, *d.  Returns -1 when iso is NULL, not of that
 * shape, or not a real date.
 */
static int
french_date_parse(const char *iso, int *y, int *m, int *d)
{
	static const int mdays[12] = {31, 28, 31, 30, 31, 30,
				      31, 31, 30, 31, 30, 31};
	int i, max;

	if (iso == NULL || strlen(iso) != 10)
		return -1;
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (iso[i] != '-')
				return -1;
		} else if (iso[i] < '0' || iso[i] > '9') {
			return -1;
		}
	}
	*y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 +
	     (iso[2] - '0') * 10 + (iso[3] - '0');
	*m = (iso[5] - '0') * 10 + (iso[6] - '0');
	*d = (iso[8] - '0') * 10 + (iso[9] - '0');
	if (*y < 1 || *m < 1 || *m > 12 || *d < 1)
		return -1;
	max = mdays[*m - 1];
	if (*m == 2 && french_leap(*y))
		max = 29;
	if (*d > max)
		return -1;
	return 0;
}

int
pp_fr_date_long(const char *iso, struct pp_buf *out)
{
	int y, m, d;

	if (french_date_parse(iso, &y, &m, &d) < 0)
		return -1;
	if (d == 1)
		pp_buf_adds(out, "1er");
	else
		pp_buf_addf(out, "%d", d);
	pp_buf_addf(out, PP_NBSP "%s" PP_NBSP "%d", french_months[m - 1], y);
	return 0;
}

int
pp_fr_date_from(const char *iso, const char *until, struct pp_buf *out)
{
	int y, m, d, uy, um, ud;

	if (french_date_parse(iso, &y, &m, &d) < 0)
		return -1;
	if (until == NULL || french_date_parse(until, &uy, &um, &ud) < 0 ||
	    uy != y)
		return pp_fr_date_long(iso, out);
	if (d == 1)
		pp_buf_adds(out, "1er");
	else
		pp_buf_addf(out, "%d", d);
	if (um != m)
		pp_buf_addf(out, PP_NBSP "%s", french_months[m - 1]);
	return 0;
}

int
pp_fr_date_short(const char *iso, struct pp_buf *out)
{
	int y, m, d;

	if (french_date_parse(iso, &y, &m, &d) < 0)
		return -1;
	pp_buf_addf(out, "%02d/%02d/%04d", d, m, y);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Numbers                                                            */
/* ------------------------------------------------------------------ */

/* |n| without overflow, LLONG_MIN included. */
static unsigned long long
french_magnitude(long long n)
{
	return n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
}

void
pp_fr_number(long long n, struct pp_buf *out)
{
	char digits[32];
	size_t len, i;

	len = (size_t)g_snprintf(digits, sizeof digits, "%llu",
				 french_magnitude(n));
	if (n < 0)
		pp_buf_addc(out, '-');
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			pp_buf_adds(out, PP_NNBSP);
		pp_buf_addc(out, digits[i]);
	}
}

void
pp_fr_euros(long long n, struct pp_buf *out)
{
	pp_fr_number(n, out);
	pp_buf_adds(out, PP_NNBSP "€");
}

static const char *const french_units[20] = {
    "zéro",	"un",	  "deux",  "trois",    "quatre",   "cinq",     "six",
    "sept",	"huit",	  "neuf",  "dix",      "onze",	   "douze",    "treize",
    "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
};

/* Index t holds the word for t tens; 7 and 9 reuse 6 and 8 plus 10..19. */
static const char *const french_tens[10] = {
    "",		 "dix",	     "vingt",	 "trente",	 "quarante",
    "cinquante", "soixante", "soixante", "quatre-vingt", "quatre-vingt",
};

/*
 * Appends 1..99 in words.  final says whether "quatre-vingt" may take its
 * plural s (the number ends here or a noun such as "millions" follows).
 */
static void
french_words_below_100(unsigned n, int final, struct pp_buf *out)
{
	unsigned t = n / 10, u = n % 10;

	if (n < 20) {
		pp_buf_adds(out, french_units[n]);
		return;
	}
	pp_buf_adds(out, french_tens[t]);
	if (t == 7 || t == 9) {
		pp_buf_adds(out, t == 7 && u == 1 ? " et " : "-");
		pp_buf_adds(out, french_units[10 + u]);
	} else if (u == 0) {
		if (t == 8 && final)
			pp_buf_addc(out, 's');
	} else if (u == 1 && t != 8) {
		pp_buf_adds(out, " et un");
	} else {
		pp_buf_addc(out, '-');
		pp_buf_adds(out, french_units[u]);
	}
}

/* Appends 1..999 in words; final as in french_words_below_100(). */
static void
french_words_below_1000(unsigned n, int final, struct pp_buf *out)
{
	unsigned h = n / 100, r = n % 100;

	if (h > 0) {
		if (h > 1) {
			pp_buf_adds(out, french_units[h]);
			pp_buf_addc(out, ' ');
		}
		pp_buf_adds(out, "cent");
		if (h > 1 && r == 0 && final)
			pp_buf_addc(out, 's');
		if (r > 0)
			pp_buf_addc(out, ' ');
	}
	if (r > 0)
		french_words_below_100(r, final, out);
}

/* Appends the magnitude m (1..FRENCH_WORDS_MAX) in words. */
static void
french_words(unsigned long long m, struct pp_buf *out)
{
	static const struct {
		unsigned long long scale;
		const char *name;
	} nouns[] = {
	    {1000000000000ULL, "billion"},
	    {1000000000ULL, "milliard"},
	    {1000000ULL, "million"},
	};
	unsigned group;
	size_t i;
	int sep = 0;

	for (i = 0; i < sizeof nouns / sizeof nouns[0]; i++) {
		group = (unsigned)(m / nouns[i].scale % 1000);
		if (group == 0)
			continue;
		if (sep)
			pp_buf_addc(out, ' ');
		french_words_below_1000(group, 1, out);
		pp_buf_addc(out, ' ');
		pp_buf_adds(out, nouns[i].name);
		if (group > 1)
			pp_buf_addc(out, 's');
		sep = 1;
	}
	group = (unsigned)(m / 1000 % 1000);
	if (group > 0) {
		if (sep)
			pp_buf_addc(out, ' ');
		if (group > 1) {
			/* "mille" is invariable and stops the plural s. */
			french_words_below_1000(group, 0, out);
			pp_buf_addc(out, ' ');
		}
		pp_buf_adds(out, "mille");
		sep = 1;
	}
	group = (unsigned)(m % 1000);
	if (group > 0) {
		if (sep)
			pp_buf_addc(out, ' ');
		french_words_below_1000(group, 1, out);
	}
}

int
pp_fr_number_words(long long n, struct pp_buf *out)
{
	unsigned long long m = french_magnitude(n);

	if (m > FRENCH_WORDS_MAX)
		return -1;
	if (m == 0) {
		pp_buf_adds(out, "zéro");
		return 0;
	}
	if (n < 0)
		pp_buf_adds(out, "moins ");
	french_words(m, out);
	return 0;
}

int
pp_fr_count_words(long long n, const char *noun, struct pp_buf *out)
{
	unsigned long long m = french_magnitude(n);

	if (pp_fr_number_words(n, out) < 0)
		return -1;
	if (noun == NULL || noun[0] == '\0')
		return 0;
	if (m < 2) {
		pp_buf_addf(out, " %s", noun);
		return 0;
	}
	/* "un million d'euros", "deux millions de jours" */
	if (m % 1000000 == 0)
		pp_buf_adds(out, strchr("aeiouyAEIOUY", noun[0]) != NULL ||
					 (unsigned char)noun[0] >= 0x80
				     ? " d'"
				     : " de ");
	else
		pp_buf_addc(out, ' ');
	pp_buf_adds(out, noun);
	if (!g_str_has_suffix(noun, "s") && !g_str_has_suffix(noun, "x") &&
	    !g_str_has_suffix(noun, "z"))
		pp_buf_addc(out, 's');
	return 0;
}

int
pp_fr_amount_words(long long euros, struct pp_buf *out)
{
	return pp_fr_count_words(euros, "euro", out);
}

/* ------------------------------------------------------------------ */
/* Identifiers                                                        */
/* ------------------------------------------------------------------ */

void
pp_fr_identifier(const char *s, struct pp_buf *out)
{
	size_t len, i;

	if (s == NULL)
		return;
	len = strlen(s);
	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			break;
	if (i < len || (len != 9 && len != 14)) {
		pp_buf_adds(out, s);
		return;
	}
	/* SIREN 3 3 3; SIRET the SIREN, then the 5 digits of the NIC */
	for (i = 0; i < len; i++) {
		if (i == 3 || i == 6 || i == 9)
			pp_buf_adds(out, PP_NNBSP);
		pp_buf_addc(out, s[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Case and lists                                                     */
/* ------------------------------------------------------------------ */

/*
 * Appends s mapped by conv (g_utf8_strup or g_utf8_strdown); invalid UTF-8
 * is first repaired with U+FFFD, as those functions require valid input.
 */
static void
french_case(const char *s, gchar *(*conv)(const gchar *, gssize),
	    struct pp_buf *out)
{
	gchar *valid = NULL, *mapped;

	if (s == NULL)
		return;
	if (!g_utf8_validate(s, -1, NULL)) {
		valid = g_utf8_make_valid(s, -1);
		s = valid;
	}
	mapped = conv(s, -1);
	pp_buf_adds(out, mapped);
	g_free(mapped);
	g_free(valid);
}

void
pp_fr_upper(const char *s, struct pp_buf *out)
{
	french_case(s, g_utf8_strup, out);
}

void
pp_fr_lower(const char *s, struct pp_buf *out)
{
	french_case(s, g_utf8_strdown, out);
}

void
pp_fr_capitalize(const char *s, struct pp_buf *out)
{
	char first[6];
	gunichar c;
	const char *rest;

	if (s == NULL || *s == '\0')
		return;
	c = g_utf8_get_char_validated(s, -1);
	if (c == (gunichar)-1 || c == (gunichar)-2) {
		pp_buf_adds(out, s);
		return;
	}
	rest = g_utf8_next_char(s);
	pp_buf_add(out, first,
		   (size_t)g_unichar_to_utf8(g_unichar_totitle(c), first));
	pp_buf_adds(out, rest);
}

void
pp_fr_lower_initial(const char *s, struct pp_buf *out)
{
	char first[6];
	gunichar c, next;
	const char *rest;

	if (s == NULL || *s == '\0')
		return;
	c = g_utf8_get_char_validated(s, -1);
	if (c == (gunichar)-1 || c == (gunichar)-2 || !g_unichar_isupper(c)) {
		pp_buf_adds(out, s);
		return;
	}
	rest = g_utf8_next_char(s);
	next = *rest != '\0' ? g_utf8_get_char_validated(rest, -1) : 0;
	if (next != (gunichar)-1 && next != (gunichar)-2 &&
	    g_unichar_isupper(next)) {
		pp_buf_adds(out, s); /* an acronym: "DICOM" */
		return;
	}
	pp_buf_add(out, first,
		   (size_t)g_unichar_to_utf8(g_unichar_tolower(c), first));
	pp_buf_adds(out, rest);
}

void
pp_fr_join(const char *const *items, size_t n, struct pp_buf *out)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			pp_buf_adds(out, i + 1 == n ? " et " : ", ");
		if (items[i] != NULL)
			pp_buf_adds(out, items[i]);
	}
}

/* ------------------------------------------------------------------ */
/* Typography                                                         */
/* ------------------------------------------------------------------ */

/*
 * The text is split into characters ("tokens") that remember their
 * original bytes, so that untouched text, invalid bytes included, is copied
 * exactly.  The output is built as a token list too: rules look back at what
 * was already written (and may replace a run of trailing spaces) and ahead
 * in the input.
 */
struct french_tok {
	gunichar c;	 /* code point, or FRENCH_BAD */
	const char *src; /* original bytes; NULL for an inserted character */
	size_t len;	 /* bytes at src */
	int prot;	 /* inside a URL or e-mail address: copied unchanged */
};

struct french_toks {
	struct french_tok *v;
	size_t n;   /* tokens used */
	size_t cap; /* tokens allocated */
};

static void
french_toks_push(struct french_toks *t, struct french_tok tok)
{
	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		t->v = pp_xreallocarray(t->v, t->cap, sizeof *t->v);
	}
	t->v[t->n++] = tok;
}

static void
french_toks_pushc(struct french_toks *t, gunichar c)
{
	struct french_tok tok = {c, NULL, 0, 0};

	french_toks_push(t, tok);
}

/* Whitespace of any kind, no-break spaces included: separates runs. */
static int
french_is_space(gunichar c)
{
	return c != FRENCH_BAD && g_unichar_isspace(c);
}

static int
french_is_letter(gunichar c)
{
	return c != FRENCH_BAD && (g_unichar_isalpha(c) || g_unichar_ismark(c));
}

static int
french_is_digit(gunichar c)
{
	return c >= '0' && c <= '9';
}

/*
 * What may stand right before ; ! ? or : for a space to be inserted: a
 * word character, a closing quote or bracket, or the end of an abbreviation
 * or of an ellipsis.
 */
static int
french_is_anchor(gunichar c)
{
	if (c == FRENCH_BAD)
		return 0;
	if (g_unichar_isalnum(c) || g_unichar_ismark(c) || c == '_')
		return 1;
	switch (c) {
	case FRENCH_RAQUO:
	case 0x201D: /* ” */
	case FRENCH_RSQUO:
	case '\'':
	case '"':
	case ')':
	case ']':
	case '}':
	case '.':
	case FRENCH_ELLIPSIS:
	case '%':
	case 0x20AC: /* € */
		return 1;
	default:
		return 0;
	}
}

/* Splits in into tokens and marks the runs that hold a URL or address. */
static void
french_tokenize(const char *in, struct french_toks *t)
{
	const char *p = in;
	size_t i, j, k;
	int prot;

	while (*p != '\0') {
		struct french_tok tok;
		gunichar c = g_utf8_get_char_validated(p, -1);

		tok.src = p;
		tok.prot = 0;
		if (c == (gunichar)-1 || c == (gunichar)-2) {
			tok.c = FRENCH_BAD;
			tok.len = 1;
		} else {
			tok.c = c;
			tok.len = (size_t)(g_utf8_next_char(p) - p);
		}
		p += tok.len;
		french_toks_push(t, tok);
	}
	for (i = 0; i < t->n; i = j) {
		if (french_is_space(t->v[i].c)) {
			j = i + 1;
			continue;
		}
		prot = 0;
		for (j = i; j < t->n && !french_is_space(t->v[j].c); j++) {
			if (t->v[j].c == '@' ||
			    (t->v[j].c == ':' && j + 2 < t->n &&
			     t->v[j + 1].c == '/' && t->v[j + 2].c == '/'))
				prot = 1;
		}
		for (k = i; prot && k < j; k++)
			t->v[k].prot = 1;
	}
}

/* Number of ordinary spaces (U+0020) at the end of the output. */
static size_t
french_trailing_spaces(const struct french_toks *o)
{
	size_t k = 0;

	while (k < o->n && o->v[o->n - 1 - k].c == ' ')
		k++;
	return k;
}

/*
 * Replaces the k trailing spaces of the output with one character c.
 */
static void
french_replace_spaces(struct french_toks *o, size_t k, gunichar c)
{
	o->n -= k;
	french_toks_pushc(o, c);
}

/*
 * Before a mark that wants space c (NNBSP or NBSP) in front of it: replaces
 * a run of ordinary spaces that follows some text, or inserts c after a
 * character accepted by anchor.  Returns 1 if the output changed.
 */
static int
french_space_before(struct french_toks *o, gunichar c, int (*anchor)(gunichar))
{
	size_t k = french_trailing_spaces(o);

	if (k > 0) {
		if (o->n > k && !french_is_space(o->v[o->n - k - 1].c)) {
			french_replace_spaces(o, k, c);
			return 1;
		}
		return 0;
	}
	if (o->n > 0 && anchor(o->v[o->n - 1].c)) {
		french_toks_pushc(o, c);
		return 1;
	}
	return 0;
}

/* Anchor for »: anything written but a space or an opening «. */
static int
french_is_raquo_anchor(gunichar c)
{
	return !french_is_space(c) && c != FRENCH_LAQUO;
}

/* The digit ending the output before k trailing spaces, unprotected. */
static int
french_digit_before(const struct french_toks *o, size_t k)
{
	const struct french_tok *t;

	if (k == 0 || o->n <= k)
		return 0;
	t = &o->v[o->n - k - 1];
	return french_is_digit(t->c) && !t->prot;
}

/* "n°" or "N°" as a word, then k > 0 trailing spaces. */
static int
french_numero_before(const struct french_toks *o, size_t k)
{
	const struct french_tok *deg, *n;

	if (k == 0 || o->n < k + 2)
		return 0;
	deg = &o->v[o->n - k - 1];
	n = &o->v[o->n - k - 2];
	if ((deg->c != 0x00B0 && deg->c != 0x00BA) ||
	    (n->c != 'n' && n->c != 'N') || deg->prot || n->prot)
		return 0;
	return o->n == k + 2 || !french_is_letter(o->v[o->n - k - 3].c);
}

/* One of words (ASCII) as a word of its own, then k > 0 trailing spaces. */
static int
french_word_before(const struct french_toks *o, size_t k,
		   const char *const *words, size_t nwords)
{
	size_t i, j, len;

	for (i = 0; i < nwords; i++) {
		len = strlen(words[i]);
		if (k == 0 || o->n < k + len)
			continue;
		for (j = 0; j < len; j++) {
			const struct french_tok *t = &o->v[o->n - k - len + j];

			if (t->prot || t->c != (gunichar)words[i][j])
				break;
		}
		if (j == len && (o->n == k + len ||
				 !french_is_letter(o->v[o->n - k - len - 1].c)))
			return 1;
	}
	return 0;
}

/*
 * A civility, then k > 0 trailing spaces: "M.", "MM.", "Mme", "Mmes",
 * "Mlle", "Mlles" (the name that follows must not go to the next line
 * without it).
 */
static int
french_civility_before(const struct french_toks *o, size_t k)
{
	static const char *const words[] = {"M.",   "MM.",  "Mme",
					    "Mmes", "Mlle", "Mlles"};

	return french_word_before(o, k, words, sizeof words / sizeof words[0]);
}

/*
 * A word that a number completes, then k > 0 trailing spaces: « l'article
 * 32 du RGPD », « à l'annexe 1 », « les articles 13 et 14 » (the number
 * must not begin a line alone).
 */
static int
french_number_word_before(const struct french_toks *o, size_t k)
{
	static const char *const words[] = {"article",	"articles", "Article",
					    "Articles", "annexe",   "annexes",
					    "Annexe",	"Annexes"};

	return french_word_before(o, k, words, sizeof words / sizeof words[0]);
}

/*
 * Whether the digit at in[i] starts the second of two groups of thousands
 * ("800 000"): the output ends with 1 to 3 digits and one space, and exactly
 * three digits start at in[i].
 */
static int
french_digit_group(const struct french_toks *o, const struct french_toks *in,
		   size_t i)
{
	size_t before = 0, after = 0;

	if (french_trailing_spaces(o) != 1)
		return 0;
	while (before + 1 < o->n && before < 4 &&
	       french_is_digit(o->v[o->n - 2 - before].c) &&
	       !o->v[o->n - 2 - before].prot)
		before++;
	while (i + after < in->n && after < 4 &&
	       french_is_digit(in->v[i + after].c))
		after++;
	return before >= 1 && before <= 3 && after == 3;
}

/*
 * Whether the space before in[i] (a digit) is inside a French telephone
 * number written in pairs, "01 40 56 60 00" or "+33 1 40 56 60 00": such a
 * number must not break across lines.
 */
static int
french_phone_space(const struct french_toks *in, size_t i)
{
	size_t s = i, e = i, k, n = 0;
	char run[32];

	/* The run of digits and single spaces around i. */
	while (s > 0 && (french_is_digit(in->v[s - 1].c) ||
			 (in->v[s - 1].c == ' ' && s >= 2 &&
			  french_is_digit(in->v[s - 2].c))))
		s--;
	while (e < in->n && (french_is_digit(in->v[e].c) ||
			     (in->v[e].c == ' ' && e + 1 < in->n &&
			      french_is_digit(in->v[e + 1].c))))
		e++;
	/* Not the space in front of the number. */
	if (s == i || e - s >= sizeof(run) - 1)
		return 0;
	if (s > 0 && in->v[s - 1].c == '+')
		run[n++] = '+';
	for (k = s; k < e; k++)
		run[n++] = (char)in->v[k].c;
	run[n] = '\0';
	/* 0X XX XX XX XX, or +33 X XX XX XX XX. */
	if (n == 14 && run[0] == '0')
		return g_regex_match_simple("^0[0-9]( [0-9]{2}){4}$", run, 0,
					    0);
	if (n == 17 && run[0] == '+')
		return g_regex_match_simple("^\\+33 [1-9]( [0-9]{2}){4}$", run,
					    0, 0);
	return 0;
}

/* Words after which an apostrophe is an elision even before a non-letter. */
static int
french_elision_before(const struct french_toks *o)
{
	static const char *const words[] = {
	    "l", "d",  "j",	"m",	  "n",	    "s",      "t",
	    "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
	};
	char word[8];
	size_t len = 0, i;

	while (len < o->n && french_is_letter(o->v[o->n - 1 - len].c)) {
		if (++len >= sizeof word)
			return 0;
	}
	for (i = 0; i < len; i++) {
		gunichar c = o->v[o->n - len + i].c;

		if (c >= 0x80)
			return 0;
		word[i] = (char)g_ascii_tolower((gchar)c);
	}
	word[len] = '\0';
	for (i = 0; i < sizeof words / sizeof words[0]; i++) {
		if (strcmp(word, words[i]) == 0)
			return 1;
	}
	return 0;
}

/* Whether the straight apostrophe at in[i] becomes U+2019. */
static int
french_apostrophe(const struct french_toks *o, const struct french_toks *in,
		  size_t i)
{
	gunichar next;

	if (o->n == 0 || !french_is_letter(o->v[o->n - 1].c) || i + 1 >= in->n)
		return 0;
	next = in->v[i + 1].c;
	if (french_is_letter(next))
		return 1;
	return !french_is_space(next) && french_elision_before(o);
}

/*
 * Whether ; ! or ? at in[i] ends a clause: what follows is the end, a
 * space or punctuation, not a letter or digit ("!important", "?id=3").
 */
static int
french_high_mark_ends(const struct french_toks *in, size_t i)
{
	gunichar next;

	if (i + 1 >= in->n)
		return 1;
	next = in->v[i + 1].c;
	return next == FRENCH_BAD || !g_unichar_isalnum(next);
}

/*
 * Applies the rules that act before the character c read at in[i] (the
 * spaces in front of it); c is not a space.
 */
static void
french_before(struct french_toks *o, const struct french_toks *in, size_t i,
	      gunichar c)
{
	size_t k = french_trailing_spaces(o);

	if (french_numero_before(o, k) ||
	    (g_unichar_isupper(c) && french_civility_before(o, k)) ||
	    (french_is_digit(c) && french_number_word_before(o, k))) {
		french_replace_spaces(o, k, FRENCH_NBSP);
		return;
	}
	switch (c) {
	case ';':
	case '!':
	case '?':
		if (french_high_mark_ends(in, i))
			french_space_before(o, FRENCH_NNBSP, french_is_anchor);
		return;
	case ':':
		/* A » after it will get its own space in front. */
		if (i + 1 >= in->n || french_is_space(in->v[i + 1].c) ||
		    in->v[i + 1].c == FRENCH_RAQUO)
			french_space_before(o, FRENCH_NBSP, french_is_anchor);
		return;
	case FRENCH_RAQUO:
		french_space_before(o, FRENCH_NNBSP, french_is_raquo_anchor);
		return;
	case '%':
	case 0x20AC: /* € */
		if (french_digit_before(o, k))
			french_replace_spaces(o, k, FRENCH_NNBSP);
		return;
	default:
		break;
	}
	if (french_is_digit(c) && french_digit_group(o, in, i))
		french_replace_spaces(o, 1, FRENCH_NNBSP);
	else if (french_is_digit(c) && k == 1 && french_phone_space(in, i))
		french_replace_spaces(o, 1, FRENCH_NBSP);
	else if (french_is_letter(c) && french_digit_before(o, k))
		french_replace_spaces(o, k, FRENCH_NBSP);
}

/*
 * After an opening « read at in[i]: puts U+202F after it, replacing the
 * ordinary spaces that follow when text follows them.  Returns the index of
 * the last input token consumed.
 */
static size_t
french_after_laquo(struct french_toks *o, const struct french_toks *in,
		   size_t i)
{
	size_t j = i + 1;

	while (j < in->n && in->v[j].c == ' ')
		j++;
	if (j >= in->n || french_is_space(in->v[j].c))
		return i;
	if (j > i + 1) {
		french_toks_pushc(o, FRENCH_NNBSP);
		return j - 1;
	}
	if (in->v[j].c != FRENCH_RAQUO)
		french_toks_pushc(o, FRENCH_NNBSP);
	return i;
}

static void
french_toks_write(const struct french_toks *o, struct pp_buf *out)
{
	char tmp[6];
	size_t i;

	for (i = 0; i < o->n; i++) {
		const struct french_tok *t = &o->v[i];

		if (t->src != NULL)
			pp_buf_add(out, t->src, t->len);
		else
			pp_buf_add(out, tmp,
				   (size_t)g_unichar_to_utf8(t->c, tmp));
	}
}

/*
 * Double quotes, straight or English, become French ones in t before the
 * other rules look at it (so that what follows a quote sees a « or a »,
 * and a second pass finds what the first one left).  “ opens and ” closes;
 * a straight " opens at the start, after a space, "(", "[" or «, and closes
 * an open one whatever precedes it.
 */
static void
french_quotes(struct french_toks *t)
{
	size_t i;
	int open = 0;

	for (i = 0; i < t->n; i++) {
		struct french_tok *tok = &t->v[i];
		gunichar prev = i > 0 ? t->v[i - 1].c : ' ';

		if (tok->prot)
			continue;
		if (tok->c == FRENCH_LDQUO)
			tok->c = FRENCH_LAQUO;
		else if (tok->c == FRENCH_RDQUO)
			tok->c = FRENCH_RAQUO;
		else if (tok->c == '"')
			tok->c =
			    !open && (french_is_space(prev) || prev == '(' ||
				      prev == '[' || prev == FRENCH_LAQUO)
				? FRENCH_LAQUO
				: FRENCH_RAQUO;
		else
			continue;
		tok->src = NULL;
		open = tok->c == FRENCH_LAQUO;
	}
}

void
pp_fr_typography(const char *in, struct pp_buf *out)
{
	struct french_toks t = {NULL, 0, 0}, o = {NULL, 0, 0};
	size_t i;

	if (in == NULL)
		return;
	french_tokenize(in, &t);
	french_quotes(&t);
	for (i = 0; i < t.n; i++) {
		struct french_tok tok = t.v[i];

		if (tok.prot || french_is_space(tok.c)) {
			french_toks_push(&o, tok);
			continue;
		}
		if (tok.c == '.' && i + 2 < t.n && t.v[i + 1].c == '.' &&
		    t.v[i + 2].c == '.') {
			tok.c = FRENCH_ELLIPSIS;
			tok.src = NULL;
		} else if (tok.c == '\'' && french_apostrophe(&o, &t, i)) {
			tok.c = FRENCH_RSQUO;
			tok.src = NULL;
		}
		french_before(&o, &t, i, tok.c);
		french_toks_push(&o, tok);
		if (tok.c == FRENCH_ELLIPSIS && tok.src == NULL)
			i += 2;
		else if (tok.c == FRENCH_LAQUO)
			i = french_after_laquo(&o, &t, i);
	}
	french_toks_write(&o, out);
	free(t.v);
	free(o.v);
}
