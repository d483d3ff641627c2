/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Checks of identifiers and codes (DOMAIN.md §3).  Every check normalises
 * what a person may reasonably type (spaces inside numbers, separators in
 * telephone numbers) and explains a refusal in words a communication officer
 * can act on, without jargon beyond the name of the identifier.
 */
#include "identifiers.h"
#include "i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define IDENTIFIERS_SIREN_LEN	    9
#define IDENTIFIERS_SIRET_LEN	    14
#define IDENTIFIERS_EMAIL_MAX	    254
#define IDENTIFIERS_EMAIL_LOCAL_MAX 64
#define IDENTIFIERS_LABEL_MAX	    63
/* Room for the digits of any number checked here, with the NUL. */
#define IDENTIFIERS_BUF 32

/* SIREN of La Poste, whose SIRETs follow a digit-sum rule (DOMAIN.md §3). */
static const char identifiers_la_poste[] = "356000000";

const char *const pp_identifier_names[] = {
    "siren",	   /* 9 digits, Luhn */
    "siret",	   /* 14 digits, Luhn on all and on the SIREN; La Poste */
    "tva",	   /* FR, 2-digit key, SIREN */
    "rna",	   /* W and 9 digits; prefecture numbers warned */
    "email",	   /* local@domain.tld */
    "url",	   /* http(s)://host.tld... */
    "telephone",   /* French, +33, or other + numbers */
    "code_postal", /* 5 digits, 01-95, 97, 98 */
    "couleur",	   /* #RRGGBB or #RGB */
    NULL,
};

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
identifiers_say(char *why, size_t size, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL || size == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(why, size, fmt, ap);
	va_end(ap);
}

static int
identifiers_is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
identifiers_is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
identifiers_is_hex(int c)
{
	return identifiers_is_digit(c) || (c >= 'a' && c <= 'f') ||
	       (c >= 'A' && c <= 'F');
}

static int
identifiers_upper(int c)
{
	return c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c;
}

/*
 * Length in bytes of the blank at p: a space, a tab, or the no-break and
 * narrow no-break spaces (UTF-8) that word processors put inside numbers.
 * 0 when p does not start with one.
 */
static size_t
identifiers_blank_len(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;

	if (u[0] == ' ' || u[0] == '\t')
		return 1;
	if (u[0] == 0xc2 && u[1] == 0xa0)
		return 2;
	if (u[0] == 0xe2 && u[1] == 0x80 && (u[2] == 0xaf || u[2] == 0x89))
		return 3;
	return 0;
}

/*
 * Copies the digits of text into out (size bytes, always NUL-terminated,
 * truncated if too small), skipping blanks and any character of seps.
 * Stores the number of digits seen in *count, even those that did not fit.
 * Returns 0, or -1 when text holds another character.
 */
static int
identifiers_digits(const char *text, const char *seps, char *out, size_t size,
		   size_t *count)
{
	size_t n = 0, blank;
	const char *p = text;

	while (*p != '\0') {
		blank = identifiers_blank_len(p);
		if (blank > 0) {
			p += blank;
			continue;
		}
		if (identifiers_is_digit((unsigned char)*p)) {
			if (n + 1 < size)
				out[n] = *p;
			n++;
		} else if (seps == NULL || strchr(seps, *p) == NULL) {
			return -1;
		}
		p++;
	}
	out[n < size ? n : size - 1] = '\0';
	*count = n;
	return 0;
}

/* 1 when text is empty or only blanks. */
static int
identifiers_is_blank(const char *text)
{
	size_t blank;

	while (*text != '\0') {
		blank = identifiers_blank_len(text);
		if (blank == 0)
			return 0;
		text += blank;
	}
	return 1;
}

/* 1 when text holds a blank or an ASCII control character anywhere. */
static int
identifiers_has_space(const char *text)
{
	for (; *text != '\0'; text++)
		if (identifiers_blank_len(text) > 0 ||
		    (unsigned char)*text < 0x20 || *text == 0x7f)
			return 1;
	return 0;
}

int
pp_identifier_luhn_ok(const char *digits)
{
	size_t len, i;
	int sum = 0, d;

	if (digits == NULL || digits[0] == '\0')
		return 0;
	len = strlen(digits);
	for (i = 0; i < len; i++) {
		if (!identifiers_is_digit((unsigned char)digits[len - 1 - i]))
			return 0;
		d = digits[len - 1 - i] - '0';
		if (i % 2 == 1) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return sum % 10 == 0;
}

/* Sum of the decimal digits of a string of ASCII digits. */
static int
identifiers_digit_sum(const char *digits)
{
	int sum = 0;

	for (; *digits != '\0'; digits++)
		sum += *digits - '0';
	return sum;
}

/* SIREN mod 97, from 9 ASCII digits, without overflow worries. */
static int
identifiers_mod97(const char *digits)
{
	int r = 0;

	for (; *digits != '\0'; digits++)
		r = (r * 10 + (*digits - '0')) % 97;
	return r;
}

static enum pp_identifier_result
identifiers_siren(const char *text, char *why, size_t size)
{
	char d[IDENTIFIERS_BUF];
	size_t n;

	if (identifiers_is_blank(text)) {
		identifiers_say(why, size,
				_("the SIREN is empty: it has 9 digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_digits(text, NULL, d, sizeof d, &n) != 0) {
		identifiers_say(why, size,
				_("a SIREN is made of 9 digits only; this one "
				  "contains letters or other signs"));
		return PP_IDENTIFIER_BAD;
	}
	if (n == IDENTIFIERS_SIRET_LEN) {
		identifiers_say(
		    why, size,
		    _("a SIREN has 9 digits; this one has 14, so it "
		      "looks like a SIRET: the SIREN is its first 9 "
		      "digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (n != IDENTIFIERS_SIREN_LEN) {
		identifiers_say(why, size,
				_("a SIREN has 9 digits; this one has %zu"), n);
		return PP_IDENTIFIER_BAD;
	}
	if (!pp_identifier_luhn_ok(d)) {
		identifiers_say(why, size,
				_("this SIREN fails its check digit (Luhn): a "
				  "digit is probably mistyped"));
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_siret(const char *text, char *why, size_t size)
{
	char d[IDENTIFIERS_BUF], siren[IDENTIFIERS_SIREN_LEN + 1];
	size_t n;

	if (identifiers_is_blank(text)) {
		identifiers_say(why, size,
				_("the SIRET is empty: it has 14 digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_digits(text, NULL, d, sizeof d, &n) != 0) {
		identifiers_say(why, size,
				_("a SIRET is made of 14 digits only; this one "
				  "contains letters or other signs"));
		return PP_IDENTIFIER_BAD;
	}
	if (n == IDENTIFIERS_SIREN_LEN) {
		identifiers_say(
		    why, size,
		    _("a SIRET has 14 digits; this one has 9, so it "
		      "looks like a SIREN: add the 5 digits of the "
		      "establishment number (NIC)"));
		return PP_IDENTIFIER_BAD;
	}
	if (n != IDENTIFIERS_SIRET_LEN) {
		identifiers_say(
		    why, size, _("a SIRET has 14 digits; this one has %zu"), n);
		return PP_IDENTIFIER_BAD;
	}
	memcpy(siren, d, IDENTIFIERS_SIREN_LEN);
	siren[IDENTIFIERS_SIREN_LEN] = '\0';
	if (strcmp(siren, identifiers_la_poste) == 0) {
		/* La Poste: Luhn, or else a digit sum multiple of 5. */
		if (pp_identifier_luhn_ok(d) ||
		    identifiers_digit_sum(d) % 5 == 0)
			return PP_IDENTIFIER_OK;
		identifiers_say(
		    why, size,
		    _("this La Poste SIRET fails its check (the sum of "
		      "its digits must be a multiple of 5): a digit is "
		      "probably mistyped"));
		return PP_IDENTIFIER_BAD;
	}
	if (!pp_identifier_luhn_ok(siren)) {
		identifiers_say(
		    why, size,
		    _("the SIREN part of this SIRET (its first 9 "
		      "digits) fails its check digit (Luhn): a digit "
		      "is probably mistyped"));
		return PP_IDENTIFIER_BAD;
	}
	if (!pp_identifier_luhn_ok(d)) {
		identifiers_say(
		    why, size,
		    _("this SIRET fails its check digit (Luhn): a "
		      "digit is probably mistyped, most likely among "
		      "the last 5 (the establishment number)"));
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_tva(const char *text, char *why, size_t size)
{
	char d[IDENTIFIERS_BUF];
	const char *p = text;
	size_t n;
	int key, want;

	while (identifiers_blank_len(p) > 0)
		p += identifiers_blank_len(p);
	if (*p == '\0') {
		identifiers_say(
		    why, size,
		    _("the VAT number is empty: it is FR followed by "
		      "11 digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_upper((unsigned char)p[0]) != 'F' ||
	    identifiers_upper((unsigned char)p[1]) != 'R') {
		identifiers_say(why, size,
				_("a French VAT number starts with FR, then a "
				  "2-digit key and the 9-digit SIREN (e.g. "
				  "FR04903124576)"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_digits(p + 2, NULL, d, sizeof d, &n) != 0) {
		identifiers_say(
		    why, size,
		    _("after FR, a French VAT number has only digits: "
		      "a 2-digit key and the 9-digit SIREN"));
		return PP_IDENTIFIER_BAD;
	}
	if (n != 2 + IDENTIFIERS_SIREN_LEN) {
		identifiers_say(
		    why, size,
		    _("after FR, a French VAT number has 11 digits (a "
		      "2-digit key and the 9-digit SIREN); this one "
		      "has %zu"),
		    n);
		return PP_IDENTIFIER_BAD;
	}
	if (!pp_identifier_luhn_ok(d + 2)) {
		identifiers_say(
		    why, size,
		    _("the SIREN part of this VAT number (its last 9 "
		      "digits) fails its check digit (Luhn): a digit "
		      "is probably mistyped"));
		return PP_IDENTIFIER_BAD;
	}
	key = (d[0] - '0') * 10 + (d[1] - '0');
	want = (12 + 3 * identifiers_mod97(d + 2)) % 97;
	if (key != want) {
		identifiers_say(
		    why, size,
		    _("the key of this VAT number is wrong: for SIREN "
		      "%s it should be %02d, not %02d"),
		    d + 2, want, key);
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_rna(const char *text, char *why, size_t size)
{
	size_t len = strlen(text), i, digits = 0;

	if (identifiers_is_blank(text)) {
		identifiers_say(
		    why, size,
		    _("the RNA number is empty: it is W followed by 9 "
		      "digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (text[0] == 'W') {
		for (i = 1; i < len; i++)
			if (!identifiers_is_digit((unsigned char)text[i]))
				break;
		if (i < len) {
			identifiers_say(
			    why, size,
			    _("an RNA number is W followed by 9 digits "
			      "only (e.g. W751234567); this one "
			      "contains other signs"));
			return PP_IDENTIFIER_BAD;
		}
		if (len - 1 != 9) {
			identifiers_say(
			    why, size,
			    _("an RNA number is W followed by 9 "
			      "digits; this one has %zu after the W"),
			    len - 1);
			return PP_IDENTIFIER_BAD;
		}
		return PP_IDENTIFIER_OK;
	}
	/* An older prefecture number: digits, slashes, dashes, spaces. */
	if (len >= 4 && len <= 20) {
		for (i = 0; i < len; i++) {
			if (identifiers_is_digit((unsigned char)text[i]))
				digits++;
			else if (strchr("/- ", text[i]) == NULL)
				break;
		}
		if (i == len && digits > 0) {
			identifiers_say(
			    why, size,
			    _("this is not an RNA number (W followed "
			      "by 9 digits): it looks like an older "
			      "prefecture number and will be printed "
			      "as given"));
			return PP_IDENTIFIER_WARNING;
		}
	}
	identifiers_say(
	    why, size,
	    _("an RNA number is a capital W followed by 9 digits (e.g. "
	      "W751234567)"));
	return PP_IDENTIFIER_BAD;
}

/*
 * Checks a host name between p and end: labels of letters, digits, dashes
 * (or non-ASCII bytes, for internationalised names) separated by single dots.
 * Returns the number of dots, or -1 when the name is malformed.
 */
static int
identifiers_host(const char *p, const char *end)
{
	size_t label = 0;
	int dots = 0;
	unsigned char c;

	if (p == end)
		return -1;
	for (; p < end; p++) {
		c = (unsigned char)*p;
		if (c == '.') {
			if (label == 0 || p[-1] == '-')
				return -1;
			dots++;
			label = 0;
		} else if (identifiers_is_digit(c) || identifiers_is_alpha(c) ||
			   c >= 0x80 || c == '-') {
			if (c == '-' && label == 0)
				return -1;
			if (++label > IDENTIFIERS_LABEL_MAX)
				return -1;
		} else {
			return -1;
		}
	}
	if (label == 0 || end[-1] == '-')
		return -1;
	return dots;
}

/* 1 when the last label of the host between p and end is a plausible
 * top-level domain: at least two characters, not all digits. */
static int
identifiers_tld_ok(const char *p, const char *end)
{
	const char *q = end;
	int letters = 0;

	while (q > p && q[-1] != '.') {
		q--;
		if (!identifiers_is_digit((unsigned char)*q))
			letters = 1;
	}
	return end - q >= 2 && letters;
}

static enum pp_identifier_result
identifiers_email(const char *text, char *why, size_t size)
{
	const char *at, *q, *end;
	size_t len = strlen(text);

	if (identifiers_is_blank(text)) {
		identifiers_say(why, size, _("the e-mail address is empty"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_has_space(text)) {
		identifiers_say(why, size,
				_("an e-mail address cannot contain spaces"));
		return PP_IDENTIFIER_BAD;
	}
	if (len > IDENTIFIERS_EMAIL_MAX) {
		identifiers_say(
		    why, size,
		    _("an e-mail address has at most 254 characters; "
		      "this one has %zu"),
		    len);
		return PP_IDENTIFIER_BAD;
	}
	at = strchr(text, '@');
	if (at == NULL || strchr(at + 1, '@') != NULL) {
		identifiers_say(why, size,
				_("an e-mail address has exactly one @, as in "
				  "name@example.fr"));
		return PP_IDENTIFIER_BAD;
	}
	if (at == text || (size_t)(at - text) > IDENTIFIERS_EMAIL_LOCAL_MAX) {
		identifiers_say(why, size,
				_("the part before the @ must have 1 to 64 "
				  "characters"));
		return PP_IDENTIFIER_BAD;
	}
	for (q = text; q < at; q++) {
		if (strchr("()<>[]:;,\\\"", *q) != NULL ||
		    (*q == '.' && (q == text || q + 1 == at || q[1] == '.'))) {
			identifiers_say(
			    why, size,
			    _("the part before the @ contains a sign "
			      "not allowed in an e-mail address"));
			return PP_IDENTIFIER_BAD;
		}
	}
	end = at + 1 + strlen(at + 1);
	if (identifiers_host(at + 1, end) < 1 ||
	    !identifiers_tld_ok(at + 1, end)) {
		identifiers_say(
		    why, size,
		    _("the part after the @ must be a domain name such "
		      "as example.fr"));
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

/* Length of the URL scheme prefix at text ("https://" or "http://", any
 * case), 0 when there is none. */
static size_t
identifiers_scheme_len(const char *text)
{
	static const char *const schemes[] = {"https://", "http://"};
	size_t i, j, len;

	for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
		len = strlen(schemes[i]);
		for (j = 0; j < len; j++)
			if (identifiers_upper((unsigned char)text[j]) !=
			    identifiers_upper((unsigned char)schemes[i][j]))
				break;
		if (j == len)
			return len;
	}
	return 0;
}

static enum pp_identifier_result
identifiers_url(const char *text, char *why, size_t size)
{
	const char *host, *end, *colon, *q;
	size_t skip;
	int dots;

	if (identifiers_is_blank(text)) {
		identifiers_say(why, size, _("the web address is empty"));
		return PP_IDENTIFIER_BAD;
	}
	if (identifiers_has_space(text)) {
		identifiers_say(why, size,
				_("a web address cannot contain spaces"));
		return PP_IDENTIFIER_BAD;
	}
	skip = identifiers_scheme_len(text);
	if (skip == 0 && strstr(text, "://") == NULL &&
	    strchr(text, '.') != NULL && strchr(text, '@') == NULL) {
		/* www.example.fr: the site is there, the scheme is not. */
		identifiers_say(why, size,
				_("a web address starts with https://: write "
				  "https://%s"),
				text);
		return PP_IDENTIFIER_BAD;
	}
	if (skip == 0) {
		identifiers_say(
		    why, size,
		    _("a web address must start with https:// (e.g. "
		      "https://www.example.fr)"));
		return PP_IDENTIFIER_BAD;
	}
	host = text + skip;
	end = host + strcspn(host, "/?#");
	colon = memchr(host, ':', (size_t)(end - host));
	if (colon != NULL) {
		for (q = colon + 1; q < end; q++)
			if (!identifiers_is_digit((unsigned char)*q))
				break;
		if (q < end || q == colon + 1) {
			identifiers_say(
			    why, size,
			    _("the site name of this web address is "
			      "not valid (after the colon comes a port "
			      "number)"));
			return PP_IDENTIFIER_BAD;
		}
		end = colon;
	}
	if (end - host == 9 && strncmp(host, "localhost", 9) == 0)
		return PP_IDENTIFIER_OK;
	dots = identifiers_host(host, end);
	if (dots < 1 || !identifiers_tld_ok(host, end)) {
		identifiers_say(why, size,
				_("after %.*s comes a site name such as "
				  "www.example.fr"),
				(int)skip, text);
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_telephone(const char *text, char *why, size_t size)
{
	char d[IDENTIFIERS_BUF];
	const char *p = text;
	size_t n;

	while (identifiers_blank_len(p) > 0)
		p += identifiers_blank_len(p);
	if (*p == '\0') {
		identifiers_say(why, size, _("the telephone number is empty"));
		return PP_IDENTIFIER_BAD;
	}
	if (*p != '+') {
		if (identifiers_digits(p, ".-", d, sizeof d, &n) != 0) {
			identifiers_say(why, size,
					_("a telephone number has only digits, "
					  "with spaces, dots or dashes between "
					  "them"));
			return PP_IDENTIFIER_BAD;
		}
		if (n >= 2 && d[0] == '0' && d[1] == '0') {
			identifiers_say(
			    why, size,
			    _("write an international number with + "
			      "instead of 00 (e.g. +32 2 123 45 67)"));
			return PP_IDENTIFIER_BAD;
		}
		if (n != 10) {
			identifiers_say(
			    why, size,
			    _("a French telephone number has 10 digits "
			      "and starts with 0 (e.g. 01 23 45 67 "
			      "89); this one has %zu"),
			    n);
			return PP_IDENTIFIER_BAD;
		}
		if (d[0] != '0') {
			identifiers_say(
			    why, size,
			    _("a French telephone number starts with 0 "
			      "(e.g. 01 23 45 67 89)"));
			return PP_IDENTIFIER_BAD;
		}
		return PP_IDENTIFIER_OK;
	}
	/* International: +33 (with an optional "(0)") or another country. */
	p++;
	while (identifiers_blank_len(p) > 0)
		p += identifiers_blank_len(p);
	if (p[0] == '3' && p[1] == '3') {
		p += 2;
		while (identifiers_blank_len(p) > 0)
			p += identifiers_blank_len(p);
		if (strncmp(p, "(0)", 3) == 0)
			p += 3;
		if (identifiers_digits(p, ".-", d, sizeof d, &n) != 0) {
			identifiers_say(why, size,
					_("a telephone number has only digits, "
					  "with spaces, dots or dashes between "
					  "them"));
			return PP_IDENTIFIER_BAD;
		}
		if (n == 10 && d[0] == '0') {
			identifiers_say(
			    why, size,
			    _("after +33, leave out the first 0 of the "
			      "number (e.g. +33 1 23 45 67 89)"));
			return PP_IDENTIFIER_BAD;
		}
		if (n != 9 || d[0] == '0') {
			identifiers_say(
			    why, size,
			    _("after +33, a French telephone number "
			      "has 9 digits (e.g. +33 1 23 45 67 89); "
			      "this one has %zu"),
			    n);
			return PP_IDENTIFIER_BAD;
		}
		return PP_IDENTIFIER_OK;
	}
	if (identifiers_digits(p, ".-", d, sizeof d, &n) != 0) {
		identifiers_say(why, size,
				_("after the +, a telephone number has only "
				  "digits, with spaces, dots or dashes between "
				  "them"));
		return PP_IDENTIFIER_BAD;
	}
	if (n < 8 || n > 15) {
		identifiers_say(
		    why, size,
		    _("an international telephone number has 8 to 15 "
		      "digits after the +; this one has %zu"),
		    n);
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_code_postal(const char *text, char *why, size_t size)
{
	size_t len = strlen(text), i;
	int dept;

	if (identifiers_is_blank(text)) {
		identifiers_say(why, size,
				_("the postal code is empty: it has 5 digits"));
		return PP_IDENTIFIER_BAD;
	}
	if (text[0] == '2' && (text[1] == 'A' || text[1] == 'B' ||
			       text[1] == 'a' || text[1] == 'b')) {
		identifiers_say(
		    why, size,
		    _("2A and 2B are Corsican department numbers, not "
		      "postal codes: Corsican postal codes start with "
		      "20 (e.g. 20000 Ajaccio)"));
		return PP_IDENTIFIER_BAD;
	}
	for (i = 0; i < len; i++)
		if (!identifiers_is_digit((unsigned char)text[i]))
			break;
	if (i < len) {
		identifiers_say(why, size,
				_("a postal code is made of 5 digits, without "
				  "spaces or letters (e.g. 75007)"));
		return PP_IDENTIFIER_BAD;
	}
	if (len == 4) {
		identifiers_say(
		    why, size,
		    _("a postal code has 5 digits; this one has 4 (a "
		      "spreadsheet may have dropped a leading 0, as in "
		      "01000)"));
		return PP_IDENTIFIER_BAD;
	}
	if (len != 5) {
		identifiers_say(
		    why, size,
		    _("a postal code has 5 digits; this one has %zu"), len);
		return PP_IDENTIFIER_BAD;
	}
	dept = (text[0] - '0') * 10 + (text[1] - '0');
	if (dept == 0 || dept == 96 || dept > 98) {
		identifiers_say(why, size,
				_("no French postal code starts with %.2s: the "
				  "first two digits are 01 to 95, or 97 and 98 "
				  "overseas"),
				text);
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

static enum pp_identifier_result
identifiers_couleur(const char *text, char *why, size_t size)
{
	size_t len = strlen(text), i;

	for (i = text[0] == '#' ? 1 : 0; i < len; i++)
		if (!identifiers_is_hex((unsigned char)text[i]))
			break;
	if (i == len && text[0] != '#' && (len == 6 || len == 3)) {
		identifiers_say(why, size,
				_("a colour starts with # (e.g. #000091)"));
		return PP_IDENTIFIER_BAD;
	}
	if (i < len || text[0] != '#' || (len != 7 && len != 4)) {
		identifiers_say(
		    why, size,
		    _("a colour is written #RRGGBB or #RGB, with the "
		      "hexadecimal digits 0-9 and A-F (e.g. #000091)"));
		return PP_IDENTIFIER_BAD;
	}
	return PP_IDENTIFIER_OK;
}

struct identifiers_entry {
	const char *name;
	enum pp_identifier_result (*check)(const char *text, char *why,
					   size_t size);
};

/* Same order as pp_identifier_names. */
static const struct identifiers_entry identifiers_table[] = {
    {"siren", identifiers_siren},
    {"siret", identifiers_siret},
    {"tva", identifiers_tva},
    {"rna", identifiers_rna},
    {"email", identifiers_email},
    {"url", identifiers_url},
    {"telephone", identifiers_telephone},
    {"code_postal", identifiers_code_postal},
    {"couleur", identifiers_couleur},
};

static const struct identifiers_entry *
identifiers_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < sizeof identifiers_table / sizeof identifiers_table[0];
	     i++)
		if (strcmp(identifiers_table[i].name, name) == 0)
			return &identifiers_table[i];
	return NULL;
}

int
pp_identifier_known(const char *name)
{
	return identifiers_find(name) != NULL;
}

enum pp_identifier_result
pp_identifier_check(const char *name, const char *text, char *why, size_t size)
{
	const struct identifiers_entry *f = identifiers_find(name);

	if (why != NULL && size > 0)
		why[0] = '\0';
	if (f == NULL) {
		identifiers_say(why, size, _("unknown format \"%s\""),
				name != NULL ? name : "(null)");
		return PP_IDENTIFIER_BAD;
	}
	return f->check(text != NULL ? text : "", why, size);
}
