/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Proper nouns never hyphenated (hyphennames.h): gathered from a form,
 * compiled into phrases, found in a paragraph's text.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "hyphenate.h"
#include "hyphennames.h"
#include "xalloc.h"

/* The form keys whose values are proper nouns; "*" stands for every item
 * of a list. */
static const char *const names_paths[] = {
    "partenaire.denomination",
    "partenaire.designation",
    "partenaire.sigle",
    "partenaire.nom_commercial",
    "partenaire.rcs_ville",
    "partenaire.adresse.ville",
    "partenaire.signataire.prenom",
    "partenaire.signataire.nom",
    "partenaire.contact.nom",
    "emetteur.designation",
    "emetteur.service",
    "emetteur.adresse.ville",
    "emetteur.signataire.prenom",
    "emetteur.signataire.nom",
    "emetteur.contact.nom",
    "signature.lieu",
    "signature.lieu_partenaire",
    "fiche_projet.contacts.*.nom",
    "fiche_projet.validation.*.nom",
    NULL,
};

/* Names of the State that forms quote in free text (a SIG contact's
 * function in the fiche projet), never hyphenated either. */
static const char *const names_state[] = {
    "Service d'information du Gouvernement",
    NULL,
};

/* The segments of a path are short key names. */
#define NAMES_SEGMENT_MAX 64

static void
names_add(GPtrArray *out, GHashTable *seen, const char *s)
{
	char *t;

	if (s == NULL)
		return;
	t = g_strstrip(g_strdup(s));
	if (t[0] == '\0' || g_hash_table_contains(seen, t)) {
		g_free(t);
		return;
	}
	g_hash_table_add(seen, t);
	g_ptr_array_add(out, t);
}

/* The strings at path (dotted, "*" for list items) under v. */
static void
names_collect(const struct pp_value *v, const char *path, GPtrArray *out,
	      GHashTable *seen)
{
	char seg[NAMES_SEGMENT_MAX];
	const char *dot;
	size_t n, i;

	if (v == NULL)
		return;
	if (path[0] == '\0') {
		names_add(out, seen, pp_value_string(v));
		return;
	}
	dot = strchr(path, '.');
	n = dot != NULL ? (size_t)(dot - path) : strlen(path);
	if (n >= sizeof(seg))
		return;
	memcpy(seg, path, n);
	seg[n] = '\0';
	path = dot != NULL ? dot + 1 : path + n;
	if (strcmp(seg, "*") == 0) {
		if (v->kind == PP_VALUE_LIST)
			for (i = 0; i < v->u.list.n; i++)
				names_collect(v->u.list.items[i], path, out,
					      seen);
		return;
	}
	names_collect(pp_value_map_get(v, seg), path, out, seen);
}

const char *const *
pp_hyphen_form_names(const struct pp_value *form, struct pp_arena *a)
{
	GPtrArray *out = g_ptr_array_new();
	GHashTable *seen =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	const char **names = NULL;
	size_t i;

	for (i = 0; names_paths[i] != NULL; i++)
		names_collect(form, names_paths[i], out, seen);
	if (out->len > 0)
		for (i = 0; names_state[i] != NULL; i++)
			names_add(out, seen, names_state[i]);
	if (out->len > 0) {
		names = pp_arena_alloc(a, (out->len + 1) * sizeof(*names));
		for (i = 0; i < out->len; i++)
			names[i] = pp_arena_strdup(a, out->pdata[i]);
	}
	g_ptr_array_free(out, TRUE);
	g_hash_table_destroy(seen);
	return names;
}

/* --- Searching ----------------------------------------------------------- */

struct pp_hyphen_names {
	char **phrases; /* by first byte, then longest first */
	size_t n;
	/* phrases[by_byte[b]] to phrases[by_byte[b + 1]] start with byte
	 * b. */
	size_t by_byte[257];
};

#define NAMES_SHY_0 0xc2
#define NAMES_SHY_1 0xad

static int
names_is_shy(const char *t, size_t len, size_t k)
{
	return k + 1 < len && (unsigned char)t[k] == NAMES_SHY_0 &&
	       (unsigned char)t[k + 1] == NAMES_SHY_1;
}

/* The character at t[k] (len bytes in all) and its length; (gunichar)-1
 * with length 1 for a byte that is not well-formed UTF-8. */
static gunichar
names_char(const char *t, size_t len, size_t k, size_t *clen)
{
	gunichar c;

	if ((unsigned char)t[k] < 0x80) {
		*clen = 1;
		return (gunichar)(unsigned char)t[k];
	}
	c = g_utf8_get_char_validated(t + k, (gssize)(len - k));

	if (c == (gunichar)-1 || c == (gunichar)-2) {
		*clen = 1;
		return (gunichar)-1;
	}
	*clen = (size_t)(g_utf8_next_char(t + k) - (t + k));
	return c;
}

static int
names_is_word_char(gunichar c)
{
	if (c < 0x80)
		return g_ascii_isalnum((char)c);
	return c != (gunichar)-1 &&
	       (g_unichar_isalnum(c) || g_unichar_ismark(c));
}

/* Characters a form and the typeset text may spell differently. */
static int
names_same(gunichar a, gunichar b)
{
	if (a == b)
		return 1;
	if ((a == '\'' || a == 0x2019) && (b == '\'' || b == 0x2019))
		return 1;
	return (a == ' ' || a == 0xa0 || a == 0x202f) &&
	       (b == ' ' || b == 0xa0 || b == 0x202f);
}

static gint
names_cmp(gconstpointer a, gconstpointer b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	size_t lx = strlen(x), ly = strlen(y);

	if (x[0] != y[0])
		return (unsigned char)x[0] < (unsigned char)y[0] ? -1 : 1;
	if (lx != ly)
		return lx > ly ? -1 : 1;
	return strcmp(x, y);
}

/* Adds s (n bytes) to phrases unless seen; single words too short to be
 * hyphenated are left out. */
static void
names_phrase(GPtrArray *phrases, GHashTable *seen, const char *s, size_t n)
{
	char *p = g_strndup(s, n);
	int words = 0, in_word = 0;
	glong chars = g_utf8_strlen(p, -1);
	const char *q;

	for (q = p; *q != '\0'; q = g_utf8_next_char(q)) {
		int w = names_is_word_char(g_utf8_get_char(q));

		if (w && !in_word)
			words++;
		in_word = w;
	}
	if (words == 0 || (words == 1 && chars < PP_HYPHEN_MIN_WORD) ||
	    g_hash_table_contains(seen, p)) {
		g_free(p);
		return;
	}
	g_hash_table_add(seen, p);
	g_ptr_array_add(phrases, pp_xstrdup(p));
}

struct pp_hyphen_names *
pp_hyphen_names_new(const char *const *names)
{
	struct pp_hyphen_names *n = pp_xcalloc(1, sizeof(*n));
	GPtrArray *phrases = g_ptr_array_new();
	GHashTable *seen =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	size_t i;
	unsigned b;

	for (i = 0; names != NULL && names[i] != NULL; i++) {
		const char *s = names[i];
		size_t len = strlen(s), k = 0, clen;

		if (!g_utf8_validate(s, (gssize)len, NULL))
			continue;
		names_phrase(phrases, seen, s, len);
		/* Its words that start with a capital. */
		while (k < len) {
			gunichar c = names_char(s, len, k, &clen);
			size_t start = k;

			if (!names_is_word_char(c)) {
				k += clen;
				continue;
			}
			while (k < len &&
			       names_is_word_char(names_char(s, len, k, &clen)))
				k += clen;
			if (g_unichar_isupper(c) || g_unichar_istitle(c))
				names_phrase(phrases, seen, s + start,
					     k - start);
		}
	}
	g_ptr_array_sort(phrases, names_cmp);
	n->n = phrases->len;
	for (i = 0, b = 0; b < 256; b++) {
		n->by_byte[b] = i;
		while (i < n->n &&
		       (unsigned char)((char *)phrases->pdata[i])[0] == b)
			i++;
	}
	n->by_byte[256] = n->n;
	g_ptr_array_add(phrases, NULL);
	n->phrases = (char **)g_ptr_array_free(phrases, FALSE);
	g_hash_table_destroy(seen);
	return n;
}

void
pp_hyphen_names_free(struct pp_hyphen_names *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++)
		free(n->phrases[i]);
	g_free(n->phrases);
	free(n);
}

/* Where phrase ends when it occurs in text at k (a word start), or 0. */
static size_t
names_match(const char *phrase, const char *t, size_t len, size_t k)
{
	const char *q = phrase;
	size_t clen, e;

	while (*q != '\0') {
		gunichar pc = g_utf8_get_char(q), tc;

		while (names_is_shy(t, len, k))
			k += 2;
		if (k >= len)
			return 0;
		tc = names_char(t, len, k, &clen);
		if (!names_same(pc, tc))
			return 0;
		q = g_utf8_next_char(q);
		k += clen;
	}
	/* The word must end there. */
	for (e = k; names_is_shy(t, len, e); e += 2)
		;
	if (e < len && names_is_word_char(names_char(t, len, e, &clen)))
		return 0;
	return k;
}

int
pp_hyphen_names_next(const struct pp_hyphen_names *n, const char *text,
		     size_t len, size_t from, size_t *start, size_t *end)
{
	size_t k = from, clen, i;
	int prev_word = 0;

	if (n == NULL || n->n == 0)
		return 0;
	/* Whether from is inside a word. */
	if (from > 0) {
		const char *p = g_utf8_find_prev_char(text, text + from);

		while (p != NULL && names_is_shy(text, len, (size_t)(p - text)))
			p = g_utf8_find_prev_char(text, p);
		if (p != NULL)
			prev_word = names_is_word_char(
			    names_char(text, len, (size_t)(p - text), &clen));
	}
	while (k < len) {
		gunichar c;

		if (names_is_shy(text, len, k)) {
			k += 2;
			continue;
		}
		c = names_char(text, len, k, &clen);
		if (names_is_word_char(c) && !prev_word) {
			unsigned char b = (unsigned char)text[k];

			for (i = n->by_byte[b]; i < n->by_byte[b + 1]; i++) {
				size_t e =
				    names_match(n->phrases[i], text, len, k);

				if (e > 0) {
					*start = k;
					*end = e;
					return 1;
				}
			}
		}
		prev_word = names_is_word_char(c);
		k += clen;
	}
	return 0;
}

size_t
pp_hyphen_names_unbreak(const struct pp_hyphen_names *n, char *text,
			size_t *len, size_t from)
{
	size_t s, e, removed = 0;

	while (pp_hyphen_names_next(n, text, *len, from, &s, &e)) {
		size_t k = s;

		while (k < e) {
			if (names_is_shy(text, *len, k)) {
				memmove(text + k, text + k + 2, *len - k - 2);
				*len -= 2;
				e -= 2;
				removed += 2;
				text[*len] = '\0';
			} else {
				k++;
			}
		}
		from = e;
	}
	return removed;
}
