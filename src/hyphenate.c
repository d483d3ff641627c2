/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * French hyphenation with libhyphen and the hyphen-fr patterns.  See
 * hyphenate.h for the contract.  Facts about libhyphen 2.8.8 relied on
 * here (measured):
 *  - the dictionary is UTF-8, so hy[] is indexed by character, not byte;
 *  - the patterns are lower-case: each word is lower-cased first;
 *  - rep/pos/cut must never be NULL (libhyphen 2.8.8 dereferences them).
 * libhyphen prints to stderr on a too-long pattern line and on input that
 * is not UTF-8; the loader rejects such files and only valid UTF-8 words
 * are passed, so nothing is ever printed.  It also leaks on repeated
 * patterns; the loader drops them first.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib.h>
#include <hyphen.h>

#include "hyphenate.h"
#include "i18n.h"
#include "xalloc.h"

/* U+00AD SOFT HYPHEN in UTF-8. */
#define HYPHENATE_SHY	   "\xc2\xad"
#define HYPHENATE_SHY_CHAR 0x00ADu
#define HYPHENATE_RSQUO	   0x2019u
/* libhyphen reads pattern lines with fgets() into char[MAX_CHARS]: longer
 * lines are skipped with a warning on stderr. */
#define HYPHENATE_LINE_MAX (MAX_CHARS - 2)
/* The French file is 23 KB; anything this big is not a dictionary. */
#define HYPHENATE_FILE_MAX (8u * 1024u * 1024u)
/* Bytes of a lower-cased word handed to libhyphen. */
#define HYPHENATE_WORD_MAX (PP_HYPHEN_MAX_WORD * 4)
/* Stands for a byte that is not part of well-formed UTF-8. */
#define HYPHENATE_BAD ((gunichar)0xFFFFFFFFu)

struct pp_hyphenator {
	HyphenDict *dict; /* read-only once loaded */
};

/* ------------------------------------------------------------------ */
/* Loading                                                            */
/* ------------------------------------------------------------------ */

/*
 * The key libhyphen files a line under, per level: the bytes up to the
 * first blank or '/', without the digits ("-8ar3dent-" -> "-ardent-").  A
 * later line with the same key replaces the earlier one's strings without
 * freeing them (libhyphen 2.8.8 leaks 130 bytes per load of hyph_fr.dic,
 * which has 16 such pairs), so the loader keeps only the last of each.
 */
static char *
hyphenate_line_key(const char *line, size_t len, int level)
{
	char *key = pp_xmalloc(len + 2);
	size_t i, n = 0;

	key[n++] = (char)('0' + level);
	for (i = 0; i < len && (unsigned char)line[i] > ' ' && line[i] != '/';
	     i++)
		if (line[i] < '0' || line[i] > '9')
			key[n++] = line[i];
	key[n] = '\0';
	return key;
}

/*
 * Checks the dictionary data (len bytes) for what libhyphen would choke on
 * or report on stderr, and rewrites it into clean: comments dropped, only
 * the last line of each key kept (see hyphenate_line_key()), every line
 * ending in '\n' (a final "NOHYPHEN" without one makes libhyphen write
 * before its buffer).  0, or -1 with err filled.
 */
static int
hyphenate_clean(const char *data, size_t len, const char *path,
		struct pp_buf *clean, struct pp_error *err)
{
	struct pp_pos pos = {path, 1, 0};
	GHashTable *last = NULL;
	size_t start, end, n;
	int pass, level, rc = -1;

	if (memchr(data, '\0', len) != NULL) {
		pos.line = 0;
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("not a hyphenation dictionary: the file "
			       "contains NUL bytes"));
		return -1;
	}
	end = 0;
	while (end < len && data[end] != '\n')
		end++;
	n = end > 0 && data[end - 1] == '\r' ? end - 1 : end;
	if (n != 5 || memcmp(data, "UTF-8", 5) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("not a UTF-8 hyphenation dictionary: the "
			       "first line must be \"UTF-8\""));
		return -1;
	}
	pp_buf_add(clean, "UTF-8\n", 6);
	last = g_hash_table_new_full(g_str_hash, g_str_equal, free, NULL);
	/* Pass 0 checks and finds the last line of each key; pass 1 copies. */
	for (pass = 0; pass < 2; pass++) {
		level = 0;
		pos.line = 1;
		for (start = end + 1; start < len; start = end + 1) {
			const char *line = data + start;
			char *key;

			pos.line++;
			for (end = start; end < len && data[end] != '\n'; end++)
				;
			n = end - start;
			if (n > 0 && line[0] == '%')
				continue;
			if (n >= 9 && strncmp(line, "NEXTLEVEL", 9) == 0) {
				level++;
				if (pass == 1)
					pp_buf_add(clean, "NEXTLEVEL\n", 10);
				continue;
			}
			if (n > HYPHENATE_LINE_MAX) {
				pp_error_set(err, PP_DIAG_IO, &pos,
					     _("not a hyphenation dictionary: "
					       "line longer than %d bytes"),
					     HYPHENATE_LINE_MAX);
				goto out;
			}
			key = hyphenate_line_key(line, n, level);
			if (pass == 0) {
				g_hash_table_replace(last, key,
						     GINT_TO_POINTER(pos.line));
				continue;
			}
			if (GPOINTER_TO_INT(g_hash_table_lookup(last, key)) ==
			    pos.line) {
				pp_buf_add(clean, line, n);
				pp_buf_addc(clean, '\n');
			}
			free(key);
		}
		end = 0;
		while (end < len && data[end] != '\n')
			end++;
	}
	rc = 0;
out:
	g_hash_table_destroy(last);
	return rc;
}

/* Reads all of f (at most HYPHENATE_FILE_MAX bytes) into *data, *len;
 * caller frees.  0, or -1 with err filled. */
static int
hyphenate_read(FILE *f, const char *path, char **data, size_t *len,
	       struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	struct pp_buf b;
	char chunk[8192];
	size_t n;

	pp_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		pp_buf_add(&b, chunk, n);
		if (b.len > HYPHENATE_FILE_MAX) {
			pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
				     _("the file is more than %u bytes long"),
				     HYPHENATE_FILE_MAX);
			pp_buf_fini(&b);
			return -1;
		}
	}
	if (ferror(f)) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot read: %s"),
			     strerror(errno));
		pp_buf_fini(&b);
		return -1;
	}
	*len = b.len;
	*data = b.data != NULL ? pp_buf_detach(&b) : pp_xstrdup("");
	return 0;
}

struct pp_hyphenator *
pp_hyphenator_load(const char *path, struct pp_error *err)
{
	struct pp_hyphenator *h = NULL;
	struct pp_buf clean;
	struct pp_pos pos;
	struct stat st;
	HyphenDict *d = NULL, *last;
	FILE *f = NULL, *mem = NULL;
	char *data = NULL;
	size_t len = 0;

	pp_buf_init(&clean);
	if (path == NULL)
		path = PP_HYPHEN_FR_PATH;
	pos.file = path;
	pos.line = pos.col = 0;
	f = fopen(path, "re");
	if (f == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot open the hyphenation patterns: %s"),
			     strerror(errno));
		goto out;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the hyphenation patterns are not a file"));
		goto out;
	}
	if (hyphenate_read(f, path, &data, &len, err) != 0 ||
	    hyphenate_clean(data, len, path, &clean, err) != 0)
		goto out;
	mem = fmemopen(clean.data, clean.len, "r");
	if (mem == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("cannot read: %s"),
			     strerror(errno));
		goto out;
	}
	d = hnj_hyphen_load_file(mem);
	if (d == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot read the hyphenation patterns"));
		goto out;
	}
	/* The patterns proper are in the last level. */
	for (last = d; last->nextlevel != NULL; last = last->nextlevel)
		;
	if (!d->utf8 || last->num_states <= 1) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("not a hyphenation dictionary: no patterns"));
		goto out;
	}
	h = pp_xmalloc(sizeof(*h));
	h->dict = d;
	d = NULL;
out:
	if (d != NULL)
		hnj_hyphen_free(d);
	if (mem != NULL)
		fclose(mem);
	if (f != NULL)
		fclose(f);
	pp_buf_fini(&clean);
	free(data);
	return h;
}

void
pp_hyphenator_free(struct pp_hyphenator *h)
{
	if (h == NULL)
		return;
	hnj_hyphen_free(h->dict);
	free(h);
}

/* ------------------------------------------------------------------ */
/* Hyphenating                                                        */
/* ------------------------------------------------------------------ */

/* The character at *p (well-formed UTF-8 only) and its length in *len;
 * HYPHENATE_BAD with *len 1 for a stray byte. */
static gunichar
hyphenate_char(const char *p, size_t *len)
{
	gunichar c = g_utf8_get_char_validated(p, -1);

	if (c == (gunichar)-1 || c == (gunichar)-2) {
		*len = 1;
		return HYPHENATE_BAD;
	}
	*len = (size_t)(g_utf8_next_char(p) - p);
	return c;
}

static int
hyphenate_is_apostrophe(gunichar c)
{
	return c == '\'' || c == HYPHENATE_RSQUO;
}

/* Letters, digits, combining marks and soft hyphens make up words. */
static int
hyphenate_is_word_char(gunichar c)
{
	return c != HYPHENATE_BAD &&
	       (g_unichar_isalnum(c) || g_unichar_ismark(c) ||
		c == HYPHENATE_SHY_CHAR);
}

/* A non-space run that is an address or a URL, left whole: "@", "://",
 * "www." first, or a dot between two letters or digits (a domain name
 * without its scheme, « egalite.example.gouv.fr »). */
int
pp_hyphenate_is_address(const char *s, size_t n)
{
	size_t i;

	if (n >= 4 && g_ascii_strncasecmp(s, "www.", 4) == 0)
		return 1;
	for (i = 0; i < n; i++) {
		if (s[i] == '@')
			return 1;
		if (s[i] == ':' && i + 2 < n && s[i + 1] == '/' &&
		    s[i + 2] == '/')
			return 1;
		if (s[i] == '.' && i > 0 && i + 1 < n &&
		    (g_ascii_isalnum(s[i - 1]) ||
		     (unsigned char)s[i - 1] >= 0x80) &&
		    (g_ascii_isalnum(s[i + 1]) ||
		     (unsigned char)s[i + 1] >= 0x80))
			return 1;
	}
	return 0;
}

/* Frees what hnj_hyphen_hyphenate3() may have allocated. */
static void
hyphenate_free_nonstandard(char **rep, int *pos, int *cut, int n)
{
	int i;

	if (rep != NULL) {
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
	}
	free(pos);
	free(cut);
}

/* Month names long enough to be hyphenated, lower-case: never split, a
 * date reads whole (DOMAIN §2.4). */
static const char *const hyphenate_months[] = {
    "janvier", "février",  "juillet",  "septembre",
    "octobre", "novembre", "décembre", NULL,
};

static int
hyphenate_is_month(const char *lower)
{
	size_t i;

	for (i = 0; hyphenate_months[i] != NULL; i++)
		if (strcmp(lower, hyphenate_months[i]) == 0)
			return 1;
	return 0;
}

/*
 * Appends the word w (n bytes, well-formed UTF-8, letters, digits, marks,
 * soft hyphens and inner apostrophes only) to out, with soft hyphens at the
 * break points when the word qualifies.
 */
static void
hyphenate_word(const struct pp_hyphenator *h, const char *w, size_t n,
	       struct pp_buf *out)
{
	char lower[HYPHENATE_WORD_MAX + 1], hy[HYPHENATE_WORD_MAX + 5];
	char **rep = NULL;
	int *pos = NULL, *cut = NULL;
	size_t i, len, nlower;
	long nchars = 0, k;
	int upper = 0, lower_tail = 0, changes = 0, rc;
	const char *p;
	gchar *down;

	/* Classify: length, digits, marks, soft hyphens, case. */
	for (i = 0; i < n; i += len) {
		gunichar c = hyphenate_char(w + i, &len);

		nchars++;
		if (g_unichar_isdigit(c) || g_unichar_ismark(c) ||
		    c == HYPHENATE_SHY_CHAR)
			goto whole;
		if (hyphenate_is_apostrophe(c)) {
			/* Case is judged after the elided prefix (l', qu'). */
			upper = lower_tail = 0;
			continue;
		}
		if (g_unichar_tolower(c) != c)
			changes = 1;
		/* A capital after a small letter: a brand or a hashtag
		 * (LinkedIn, #MoisSansTabac), written as its owner writes
		 * it and never split. */
		if ((g_unichar_isupper(c) || g_unichar_istitle(c)) &&
		    lower_tail > 0)
			goto whole;
		if (g_unichar_isupper(c) || g_unichar_istitle(c))
			upper++;
		else if (g_unichar_islower(c))
			lower_tail++;
	}
	if (nchars < PP_HYPHEN_MIN_WORD || nchars > PP_HYPHEN_MAX_WORD)
		goto whole;
	if (upper > 0 && lower_tail == 0)
		goto whole; /* all capitals */

	/* The patterns are lower-case. */
	if (changes) {
		down = g_utf8_strdown(w, (gssize)n);
		nlower = strlen(down);
		if (g_utf8_strlen(down, -1) != nchars ||
		    nlower > HYPHENATE_WORD_MAX) {
			g_free(down);
			goto whole;
		}
		memcpy(lower, down, nlower);
		g_free(down);
	} else {
		if (n > HYPHENATE_WORD_MAX)
			goto whole;
		memcpy(lower, w, n);
		nlower = n;
	}
	lower[nlower] = '\0';
	if (hyphenate_is_month(lower))
		goto whole;

	/* BUG workaround (PROBES §1): never NULL for rep, pos and cut. */
	rc = hnj_hyphen_hyphenate3(h->dict, lower, (int)nlower, hy, NULL, &rep,
				   &pos, &cut, PP_HYPHEN_LHMIN, PP_HYPHEN_RHMIN,
				   2, 2);
	if (rc != 0) {
		hyphenate_free_nonstandard(rep, pos, cut, (int)nlower);
		goto whole;
	}

	/* hy[k] odd: a break after character k (character index, UTF-8
	 * dictionary); entries past the last character are junk. */
	p = w;
	for (k = 0; k < nchars; k++) {
		gunichar c = hyphenate_char(p, &len), next;
		size_t nlen;

		pp_buf_add(out, p, len);
		p += len;
		if (k + 1 >= nchars)
			break;
		if (!(hy[k] & 1) || k + 1 < PP_HYPHEN_LHMIN ||
		    nchars - (k + 1) < PP_HYPHEN_RHMIN)
			continue;
		/* A non-standard break (a spelling change) cannot be a soft
		 * hyphen; French has none. */
		if (rep != NULL && rep[k] != NULL)
			continue;
		next = hyphenate_char(p, &nlen);
		if (hyphenate_is_apostrophe(c) || hyphenate_is_apostrophe(next))
			continue;
		pp_buf_add(out, HYPHENATE_SHY, 2);
	}
	hyphenate_free_nonstandard(rep, pos, cut, (int)nlower);
	return;
whole:
	pp_buf_add(out, w, n);
}

/* The words already hyphenated, with what hyphenate_word() made of them:
 * a kit's partners' clauses differ by a few names, and the patterns cost
 * 4,000 instructions a word.  Emptied when it holds
 * HYPHENATE_CACHE_WORDS. */
#define HYPHENATE_CACHE_WORDS 20000

struct pp_hyphen_words {
	GHashTable *t; /* word -> hyphenated word */
};

struct pp_hyphen_words *
pp_hyphen_words_new(void)
{
	struct pp_hyphen_words *w = pp_xcalloc(1, sizeof(*w));

	w->t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	return w;
}

void
pp_hyphen_words_free(struct pp_hyphen_words *w)
{
	if (w == NULL)
		return;
	g_hash_table_destroy(w->t);
	free(w);
}

static void
hyphenate_word_cached(const struct pp_hyphenator *h,
		      struct pp_hyphen_words *words, const char *w, size_t n,
		      struct pp_buf *out)
{
	char key[HYPHENATE_WORD_MAX + 1];
	const char *hit;
	size_t at = out->len;

	if (words == NULL || n > HYPHENATE_WORD_MAX) {
		hyphenate_word(h, w, n, out);
		return;
	}
	memcpy(key, w, n);
	key[n] = '\0';
	hit = g_hash_table_lookup(words->t, key);
	if (hit != NULL) {
		pp_buf_adds(out, hit);
		return;
	}
	hyphenate_word(h, w, n, out);
	if (g_hash_table_size(words->t) >= HYPHENATE_CACHE_WORDS)
		g_hash_table_remove_all(words->t);
	g_hash_table_insert(words->t, g_strdup(key),
			    g_strndup(out->data + at, out->len - at));
}

/* Hyphenates the words of one non-space run s (n bytes). */
static void
hyphenate_run(const struct pp_hyphenator *h, struct pp_hyphen_words *words,
	      const char *s, size_t n, struct pp_buf *out)
{
	size_t i = 0, len;

	while (i < n) {
		gunichar c = hyphenate_char(s + i, &len);
		size_t start = i, end;

		if (!hyphenate_is_word_char(c)) {
			pp_buf_add(out, s + i, len);
			i += len;
			continue;
		}
		end = i + len;
		while (end < n) {
			size_t l1, l2;
			gunichar d = hyphenate_char(s + end, &l1);

			if (hyphenate_is_word_char(d)) {
				end += l1;
				continue;
			}
			/* An apostrophe between two word characters. */
			if (hyphenate_is_apostrophe(d) && end + l1 < n &&
			    hyphenate_is_word_char(
				hyphenate_char(s + end + l1, &l2))) {
				end += l1 + l2;
				continue;
			}
			break;
		}
		hyphenate_word_cached(h, words, s + start, end - start, out);
		i = end;
	}
}

void
pp_hyphenate(const struct pp_hyphenator *h, const char *text,
	     struct pp_buf *out)
{
	pp_hyphenate_words(h, NULL, text, out);
}

void
pp_hyphenate_words(const struct pp_hyphenator *h, struct pp_hyphen_words *words,
		   const char *text, struct pp_buf *out)
{
	size_t i = 0, n, len;

	if (text == NULL)
		return;
	n = strlen(text);
	while (i < n) {
		size_t start = i;
		gunichar c = hyphenate_char(text + i, &len);

		if (c != HYPHENATE_BAD && g_unichar_isspace(c)) {
			pp_buf_add(out, text + i, len);
			i += len;
			continue;
		}
		while (i < n) {
			c = hyphenate_char(text + i, &len);
			if (c != HYPHENATE_BAD && g_unichar_isspace(c))
				break;
			i += len;
		}
		if (h == NULL ||
		    pp_hyphenate_is_address(text + start, i - start))
			pp_buf_add(out, text + start, i - start);
		else
			hyphenate_run(h, words, text + start, i - start, out);
	}
}
