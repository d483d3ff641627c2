/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/hyphenate.c against the real hyphen-fr patterns: break
 * points of common words (shown with "-" for U+00AD), what is left whole
 * (capitals, numbers, addresses, URLs, short words, soft-hyphenated text),
 * byte-identical copying of everything else, a second pass changing
 * nothing, sharing across threads, the word cache giving the same bytes,
 * and the loader's errors.
 */
#include "diag.h"
#include "hyphenate.h"

#include "../harness.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHY "\xc2\xad"

/* s with every U+00AD replaced by "-"; caller frees. */
static char *
show(const char *s)
{
	GString *g = g_string_new(NULL);

	for (; *s != '\0'; s++) {
		if (s[0] == '\xc2' && s[1] == '\xad') {
			g_string_append_c(g, '-');
			s++;
		} else {
			g_string_append_c(g, *s);
		}
	}
	return g_string_free(g, FALSE);
}

/* s without its U+00AD; caller frees. */
static char *
strip_shy(const char *s)
{
	GString *g = g_string_new(NULL);

	for (; *s != '\0'; s++) {
		if (s[0] == '\xc2' && s[1] == '\xad')
			s++;
		else
			g_string_append_c(g, *s);
	}
	return g_string_free(g, FALSE);
}

/* Hyphenates in; caller frees the raw result. */
static char *
run(const struct pp_hyphenator *h, const char *in)
{
	struct pp_buf b;

	pp_buf_init(&b);
	pp_hyphenate(h, in, &b);
	if (b.data == NULL)
		return g_strdup("");
	return pp_buf_detach(&b);
}

/* Hyphenates in and compares the result, soft hyphens shown as "-". */
static void
expect(const struct pp_hyphenator *h, const char *in, const char *want)
{
	char *raw = run(h, in), *got = show(raw), *name;

	name = g_strdup_printf("%s -> %s", in, want);
	STR_EQ(got, want, name);
	g_free(name);
	g_free(got);
	free(raw);
}

/* Hyphenates in and expects it back byte for byte. */
static void
expect_whole(const struct pp_hyphenator *h, const char *in, const char *what)
{
	char *raw = run(h, in), *name;

	name = g_strdup_printf("%s left whole: %s", what, in);
	STR_EQ(raw, in, name);
	g_free(name);
	free(raw);
}

static void
test_words(const struct pp_hyphenator *h)
{
	expect(h, "développement", "déve-lop-pe-ment");
	expect(h, "communication", "com-mu-ni-ca-tion");
	expect(h, "responsabilité", "res-pon-sa-bi-lité");
	expect(h, "convention", "conven-tion");
	expect(h, "mairie", "mai-rie"); /* six letters: long enough */
	expect(h, "intermédiée", "inter-mé-diée");
	expect(h, "conformément", "confor-mé-ment");
	/* Three letters at least on each side of a break (DOMAIN §2.4). */
	expect_whole(h, "manœuvre", "two letters before the only break");
	expect_whole(h, "durable", "two letters before the only break");
	expect(h, "anticonstitutionnellement",
	       "anti-cons-ti-tu-tion-nel-le-ment");
	/* Capitalised: lower-cased for the patterns, mapped back. */
	expect(h, "Développement", "Déve-lop-pe-ment");
	expect(h, "Établissement", "Éta-blis-se-ment");
	/* Month names read whole: a date is never split. */
	expect_whole(h, "février", "a month");
	expect_whole(h, "Septembre", "a month, capitalised");
	expect_whole(h, "décembre", "a month");
}

static void
test_apostrophes(const struct pp_hyphenator *h)
{
	expect(h, "l'établissement", "l'éta-blis-se-ment");
	expect(h, "l\xe2\x80\x99\xc3\xa9tablissement",
	       "l\xe2\x80\x99\xc3\xa9ta-blis-se-ment");
	expect(h, "aujourd'hui", "aujour-d'hui");
	expect(h, "l'accessibilité", "l'ac-ces-si-bi-lité");
	expect(h, "quelqu'un", "quel-qu'un");
	expect(h, "lorsqu'intervient", "lors-qu'in-ter-vient");
	/* Quotes around a word are not part of it. */
	expect(h, "'développement'", "'déve-lop-pe-ment'");
	expect(h,
	       "\xe2\x80\x99"
	       "convention",
	       "\xe2\x80\x99"
	       "conven-tion");
}

static void
test_compounds(const struct pp_hyphenator *h)
{
	/* Each part on its own: both are too short here. */
	expect_whole(h, "peut-être", "compound of short parts");
	expect_whole(h, "c'est-à-dire", "compound of short parts");
	expect(h, "développement-communication",
	       "déve-lop-pe-ment-com-mu-ni-ca-tion");
	/* The raw output has the real hyphen and soft hyphens only. */
	{
		char *raw = run(h, "sous-traitance");
		STR_EQ(raw, "sous-trai" SHY "tance", "sous-traitance raw");
		free(raw);
	}
}

static void
test_whole(const struct pp_hyphenator *h)
{
	expect_whole(h, "DÉVELOPPEMENT", "all capitals");
	expect_whole(h, "L'ÉTABLISSEMENT", "capitals after an elision");
	expect_whole(h, "CONVENTION DE PARTENARIAT", "a title in capitals");
	expect_whole(h, "SIREN 903124576", "acronym and number");
	expect_whole(h, "SIRET 90312457600015", "acronym and number");
	expect_whole(h, "article12bis", "a word with digits");
	expect_whole(h, "https://www.example.gouv.fr/partenariats", "URL");
	expect_whole(h, "(https://www.example.gouv.fr/partenariats).",
		     "URL in parentheses");
	expect_whole(h, "www.service-public.fr", "www address");
	expect_whole(h, "a@b.example.fr", "e-mail address");
	expect_whole(h, "contact.partenariats@ministere.gouv.fr",
		     "e-mail address");
	expect_whole(h, "egalite.example.gouv.fr", "a domain name");
	expect_whole(h, "sur egalite.example.gouv.fr.",
		     "a domain name ending a sentence");
	expect_whole(h, "développement.gouv.fr", "a domain name with accents");
	/* A capital after a small letter: brands and hashtags as their
	 * owners write them. */
	expect_whole(h, "LinkedIn", "a brand with an inner capital");
	expect_whole(h, "#MoisSansTabac", "a hashtag in camel case");
	expect_whole(h, "l'EgalitéFH", "inner capitals after an elision");
	expect(h, "l'Établissement", "l'Éta-blis-se-ment");
	expect_whole(h, "le chat", "short words");
	expect_whole(h, "grands", "six letters without a break point");
	expect_whole(h, "œuvre", "short word");
	/* Decomposed é (e + U+0301): the patterns do not know it. */
	expect_whole(h, "de\xcc\x81veloppement", "decomposed accents");
	/* Longer than PP_HYPHEN_MAX_WORD characters. */
	expect_whole(h,
		     "developpementdeveloppementdeveloppementdeveloppement"
		     "developpementdeveloppement",
		     "a very long word");
}

static void
test_soft_hyphens(const struct pp_hyphenator *h)
{
	expect_whole(h, "dé" SHY "ve" SHY "lop" SHY "pe" SHY "ment",
		     "already hyphenated");
	/* The author's single soft hyphen is the only break allowed. */
	expect_whole(h, "déve" SHY "loppement", "author's soft hyphen");
	/* Only that word is left alone. */
	expect(h, "Le dé" SHY "veloppement durable",
	       "Le dé-veloppement durable");
}

static void
test_sentence(const struct pp_hyphenator *h)
{
	static const char in[] =
	    "Le partenaire s'engage, conformément à l'article 3, à "
	    "transmettre\xc2\xa0: (avant le 1er mars) ses justificatifs ; "
	    "voir \xc2\xab\xe2\x80\xaf"
	    "annexe\xe2\x80\xaf\xc2\xbb.\n"
	    "\tCommunication\xe2\x80\xa6 et  responsabilité !";
	char *raw = run(h, in), *plain = strip_shy(raw), *shown = show(raw);
	char *again = run(h, raw);

	STR_EQ(plain, in, "sentence byte-identical apart from soft hyphens");
	STR_EQ(shown,
	       "Le par-te-naire s'en-gage, confor-mé-ment à l'ar-ticle 3, à "
	       "trans-mettre\xc2\xa0: (avant le 1er mars) ses "
	       "jus-ti-fi-ca-tifs ; voir \xc2\xab\xe2\x80\xaf"
	       "annexe\xe2\x80\xaf\xc2\xbb.\n"
	       "\tCom-mu-ni-ca-tion\xe2\x80\xa6 et  res-pon-sa-bi-lité !",
	       "sentence break points");
	STR_EQ(again, raw, "a second pass changes nothing");
	free(again);
	g_free(shown);
	g_free(plain);
	free(raw);
}

static void
test_edges(const struct pp_hyphenator *h)
{
	struct pp_buf b;
	char *raw;

	pp_buf_init(&b);
	pp_hyphenate(h, "", &b);
	INT_EQ(b.len, 0, "empty text appends nothing");
	STR_EQ(pp_buf_str(&b), "", "empty text gives an empty string");
	pp_hyphenate(h, NULL, &b);
	INT_EQ(b.len, 0, "NULL text appends nothing");

	pp_buf_adds(&b, "déjà ");
	pp_hyphenate(h, "convention", &b);
	STR_EQ(pp_buf_str(&b), "déjà conven" SHY "tion",
	       "appends after what out holds");
	pp_buf_fini(&b);

	expect_whole(h, "   \n\t ", "white space only");
	expect_whole(h, "« » — … ; : ! ?", "punctuation only");

	/* Invalid UTF-8 is copied, the words around it still hyphenated. */
	raw = run(h, "convention\xff"
		     "communication \xc3");
	STR_EQ(raw,
	       "conven" SHY "tion\xff"
	       "com" SHY "mu" SHY "ni" SHY "ca" SHY "tion \xc3",
	       "invalid UTF-8 copied as is");
	free(raw);

	/* No hyphenator: the text as is. */
	raw = run(NULL, "développement");
	STR_EQ(raw, "développement", "NULL hyphenator copies the text");
	free(raw);
}

/* Twice on its own output: nothing changes the second time. */
static void
test_idempotent(const struct pp_hyphenator *h)
{
	static const char *const cases[] = {
	    "développement",
	    "l'établissement et aujourd'hui",
	    "Responsabilité, COMMUNICATION, convention-cadre.",
	    "https://www.example.gouv.fr/partenariats développement",
	};
	size_t i;
	int same = 1;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *once = run(h, cases[i]), *twice = run(h, once);

		if (strcmp(once, twice) != 0)
			same = 0;
		free(twice);
		free(once);
	}
	OK(same, "hyphenating twice equals hyphenating once");
}

struct thread_job {
	const struct pp_hyphenator *h;
	const char *text;
	char *want;
	int ok;
};

static gpointer
thread_main(gpointer data)
{
	struct thread_job *job = data;
	int i;

	job->ok = 1;
	for (i = 0; i < 200; i++) {
		char *got = run(job->h, job->text);

		if (strcmp(got, job->want) != 0)
			job->ok = 0;
		free(got);
	}
	return NULL;
}

static void
test_threads(const struct pp_hyphenator *h)
{
	static const char text[] =
	    "Le développement de la communication relève de la "
	    "responsabilité de l'établissement signataire de la convention.";
	struct thread_job jobs[4];
	GThread *threads[4];
	char *want = run(h, text);
	int i, ok = 1;

	for (i = 0; i < 4; i++) {
		jobs[i].h = h;
		jobs[i].text = text;
		jobs[i].want = want;
		jobs[i].ok = 0;
		threads[i] = g_thread_new("hyphenate", thread_main, &jobs[i]);
	}
	for (i = 0; i < 4; i++) {
		g_thread_join(threads[i]);
		if (!jobs[i].ok)
			ok = 0;
	}
	OK(ok, "one hyphenator shared by 4 threads");
	free(want);
}

/* Writes contents to a fresh temporary file; caller removes and frees. */
static char *
temp_file(const char *contents)
{
	char *path = NULL;
	int fd = g_file_open_tmp("test-hyphenate-XXXXXX.dic", &path, NULL);

	if (fd < 0)
		return NULL;
	g_close(fd, NULL);
	if (!g_file_set_contents(path, contents, -1, NULL)) {
		g_remove(path);
		g_free(path);
		return NULL;
	}
	return path;
}

static void
expect_load_error(const char *path, enum pp_diag_code code, const char *name)
{
	struct pp_error err;
	struct pp_hyphenator *h;

	pp_error_init(&err);
	h = pp_hyphenator_load(path, &err);
	OK(h == NULL && err.set && err.code == code &&
	       strcmp(err.file, path) == 0 && err.message[0] != '\0',
	   name);
	pp_hyphenator_free(h);
}

/*
 * The limits, with made-up patterns that allow a break after every "a"
 * (or "é"): words under 6 characters whole, 3 characters kept before a
 * break and 3 after, break points mapped back by character, not byte.
 */
static void
test_limits(void)
{
	struct pp_hyphenator *h;
	char *path;

	path = temp_file("UTF-8\na1\n");
	h = path != NULL ? pp_hyphenator_load(path, NULL) : NULL;
	if (OK(h != NULL, "made-up patterns a1 load")) {
		expect_whole(h, "aaaaa", "five characters");
		expect(h, "aaaaaa", "aaa-aaa");
		expect(h, "aaaaaaaa", "aaa-a-a-aaa");
		expect(h, "aéaéaé", "aéa-éaé");
		expect(h, "Aaaaaa", "Aaa-aaa");
		expect_whole(h, "AAAAAA", "capitals");
	}
	pp_hyphenator_free(h);
	if (path != NULL) {
		g_remove(path);
		g_free(path);
	}
	path = temp_file("UTF-8\n\xc3\xa9"
			 "1\n");
	h = path != NULL ? pp_hyphenator_load(path, NULL) : NULL;
	if (OK(h != NULL, "made-up patterns é1 load")) {
		expect(h, "éééééé", "ééé-ééé");
		expect(h, "Éééééé", "Ééé-ééé");
		expect(h, "xxéééééé", "xxé-é-é-ééé");
	}
	pp_hyphenator_free(h);
	if (path != NULL) {
		g_remove(path);
		g_free(path);
	}
}

static void
test_load(void)
{
	struct pp_hyphenator *h;
	struct pp_error err;
	char *path;

	pp_error_init(&err);
	h = pp_hyphenator_load(PP_HYPHEN_FR_PATH, &err);
	OK(h != NULL && !err.set, "explicit path loads");
	pp_hyphenator_free(h);
	pp_hyphenator_free(NULL);

	expect_load_error("/nonexistent/hyph_fr.dic", PP_DIAG_IO,
			  "missing file: NULL with err set");
	pp_error_init(&err);
	OK(pp_hyphenator_load("/nonexistent/hyph_fr.dic", NULL) == NULL,
	   "missing file with err NULL");
	expect_load_error(".", PP_DIAG_IO, "a folder is refused");

	path = temp_file("ISO8859-1\na1b\n");
	if (path != NULL) {
		expect_load_error(path, PP_DIAG_IO, "non-UTF-8 dictionary");
		g_remove(path);
		g_free(path);
	}
	path = temp_file("UTF-8\n");
	if (path != NULL) {
		expect_load_error(path, PP_DIAG_IO,
				  "dictionary without patterns");
		g_remove(path);
		g_free(path);
	}
	path =
	    temp_file("UTF-8\na1b\n"
		      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n");
	if (path != NULL) {
		expect_load_error(path, PP_DIAG_IO, "pattern line too long");
		g_remove(path);
		g_free(path);
	}
	path = temp_file("UTF-8\n1b1a\n");
	if (path != NULL) {
		pp_error_init(&err);
		h = pp_hyphenator_load(path, &err);
		OK(h != NULL, "a tiny dictionary loads");
		pp_hyphenator_free(h);
		g_remove(path);
		g_free(path);
	}
}

/* The word cache of a layout engine: the same bytes as without it, when
 * the words are new and when they come from the cache (a second text with
 * the same words, as a kit's next partner). */
static void
test_word_cache(const struct pp_hyphenator *h)
{
	static const char *const texts[] = {
	    "La présente convention est conclue à titre gracieux.",
	    "Mobilité Verte s'engage à relayer la campagne du 1er mars 2026 "
	    "sur www.exemple.fr, contact@exemple.fr et #MoisSansTabac.",
	    "L'ÉTAT, LinkedIn, anti-gaspillage, qu'aujourd'hui, "
	    "déjà" SHY "coupé, extraordinairement, février.",
	    "Supermarchés Horizon s'engage à relayer la campagne du 1er mars "
	    "2026 sur www.exemple.fr, contact@exemple.fr et #MoisSansTabac.",
	};
	struct pp_hyphen_words *w = pp_hyphen_words_new();
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < G_N_ELEMENTS(texts); i++) {
			struct pp_buf a, b;
			char *name = g_strdup_printf("word cache, pass %d: %s",
						     pass + 1, texts[i]);

			pp_buf_init(&a);
			pp_buf_init(&b);
			pp_hyphenate(h, texts[i], &a);
			pp_hyphenate_words(h, w, texts[i], &b);
			STR_EQ(pp_buf_str(&b), pp_buf_str(&a), name);
			pp_buf_fini(&a);
			pp_buf_fini(&b);
			g_free(name);
		}
	pp_hyphen_words_free(w);
}

int
main(void)
{
	struct pp_hyphenator *h;
	struct pp_error err;

	pp_error_init(&err);
	h = pp_hyphenator_load(NULL, &err);
	if (!OK(h != NULL, "French patterns load (package hyphen-fr)")) {
		printf("# %s: %s\n", err.file, err.message);
		return harness_done();
	}
	test_words(h);
	test_apostrophes(h);
	test_compounds(h);
	test_whole(h);
	test_soft_hyphens(h);
	test_sentence(h);
	test_edges(h);
	test_idempotent(h);
	test_threads(h);
	test_word_cache(h);
	pp_hyphenator_free(h);
	test_limits();
	test_load();
	return harness_done();
}
