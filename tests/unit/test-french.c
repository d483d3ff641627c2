/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/french.c: dates, numbers, amounts in words, case, lists
 * and typography, always comparing exact bytes (B is U+00A0, N U+202F).
 */
#include "french.h"

#include "../harness.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define B PP_NBSP
#define N PP_NNBSP

/* ------------------------------------------------------------------ */
/* Helpers                                                            */
/* ------------------------------------------------------------------ */

/*
 * Runs a fallible formatter on a buffer that already holds "<" and checks
 * the result: want NULL means -1 with nothing appended.
 */
static void
expect_date(int (*fn)(const char *, struct pp_buf *), const char *fname,
	    const char *iso, const char *want)
{
	struct pp_buf b;
	char label[200], full[200];
	int rc;

	pp_buf_init(&b);
	pp_buf_adds(&b, "<");
	rc = fn(iso, &b);
	snprintf(label, sizeof label, "%s(\"%s\") %s", fname,
		 iso != NULL ? iso : "(null)",
		 want != NULL ? "succeeds" : "fails");
	INT_EQ(rc, want != NULL ? 0 : -1, label);
	snprintf(full, sizeof full, "<%s", want != NULL ? want : "");
	snprintf(label, sizeof label, "%s(\"%s\") text", fname,
		 iso != NULL ? iso : "(null)");
	STR_EQ(pp_buf_str(&b), full, label);
	pp_buf_fini(&b);
}

static void
expect_words(int (*fn)(long long, struct pp_buf *), const char *fname,
	     long long n, const char *want)
{
	struct pp_buf b;
	char label[200];
	int rc;

	pp_buf_init(&b);
	rc = fn(n, &b);
	snprintf(label, sizeof label, "%s(%lld) %s", fname, n,
		 want != NULL ? "succeeds" : "fails");
	INT_EQ(rc, want != NULL ? 0 : -1, label);
	snprintf(label, sizeof label, "%s(%lld) = \"%s\"", fname, n,
		 want != NULL ? want : "");
	STR_EQ(pp_buf_str(&b), want != NULL ? want : "", label);
	pp_buf_fini(&b);
}

static void
expect_number(void (*fn)(long long, struct pp_buf *), const char *fname,
	      long long n, const char *want)
{
	struct pp_buf b;
	char label[200];

	pp_buf_init(&b);
	fn(n, &b);
	snprintf(label, sizeof label, "%s(%lld)", fname, n);
	STR_EQ(pp_buf_str(&b), want, label);
	pp_buf_fini(&b);
}

static void
expect_string(void (*fn)(const char *, struct pp_buf *), const char *fname,
	      const char *s, const char *want)
{
	struct pp_buf b;
	char label[200];

	pp_buf_init(&b);
	fn(s, &b);
	snprintf(label, sizeof label, "%s(\"%s\")", fname,
		 s != NULL ? s : "(null)");
	STR_EQ(pp_buf_str(&b), want, label);
	pp_buf_fini(&b);
}

/* Typography of in must be want, and typography of want must be want. */
static void
expect_typo(const char *in, const char *want)
{
	struct pp_buf b;
	char label[300];

	pp_buf_init(&b);
	pp_fr_typography(in, &b);
	snprintf(label, sizeof label, "typography \"%s\"", in);
	STR_EQ(pp_buf_str(&b), want, label);
	pp_buf_reset(&b);
	pp_fr_typography(want, &b);
	snprintf(label, sizeof label, "typography idempotent on \"%s\"", want);
	STR_EQ(pp_buf_str(&b), want, label);
	pp_buf_fini(&b);
}

/* ------------------------------------------------------------------ */
/* Dates                                                              */
/* ------------------------------------------------------------------ */

static void
test_dates(void)
{
	static const char *const months[12] = {
	    "janvier",	 "février", "mars",	"avril",
	    "mai",	 "juin",    "juillet",	"août",
	    "septembre", "octobre", "novembre", "décembre",
	};
	char iso[16], want[64];
	int m;

	expect_date(pp_fr_date_long, "date_long", "2026-03-01",
		    "1er" B "mars" B "2026");
	expect_date(pp_fr_date_long, "date_long", "2026-03-08",
		    "8" B "mars" B "2026");
	expect_date(pp_fr_date_long, "date_long", "2026-12-31",
		    "31" B "décembre" B "2026");
	expect_date(pp_fr_date_long, "date_long", "2026-08-15",
		    "15" B "août" B "2026");
	expect_date(pp_fr_date_long, "date_long", "2028-02-29",
		    "29" B "février" B "2028");
	expect_date(pp_fr_date_long, "date_long", "2000-02-29",
		    "29" B "février" B "2000");
	expect_date(pp_fr_date_long, "date_long", "0987-01-02",
		    "2" B "janvier" B "987");
	for (m = 1; m <= 12; m++) {
		snprintf(iso, sizeof iso, "2026-%02d-10", m);
		snprintf(want, sizeof want, "10" B "%s" B "2026",
			 months[m - 1]);
		expect_date(pp_fr_date_long, "date_long", iso, want);
	}
	expect_date(pp_fr_date_long, "date_long", "2026-02-29", NULL);
	expect_date(pp_fr_date_long, "date_long", "1900-02-29", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-13-01", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-00-10", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-04-31", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-04-00", NULL);
	expect_date(pp_fr_date_long, "date_long", "0000-01-01", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-3-1", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026/03/01", NULL);
	expect_date(pp_fr_date_long, "date_long", " 2026-03-01", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-03-01 ", NULL);
	expect_date(pp_fr_date_long, "date_long", "2026-03-01T10:00", NULL);
	expect_date(pp_fr_date_long, "date_long", "+026-03-01", NULL);
	expect_date(pp_fr_date_long, "date_long", "garbage", NULL);
	expect_date(pp_fr_date_long, "date_long", "abcd-ef-gh", NULL);
	expect_date(pp_fr_date_long, "date_long", "", NULL);
	expect_date(pp_fr_date_long, "date_long", NULL, NULL);

	expect_date(pp_fr_date_short, "date_short", "2026-03-01", "01/03/2026");
	expect_date(pp_fr_date_short, "date_short", "2026-11-28", "28/11/2026");
	expect_date(pp_fr_date_short, "date_short", "2028-02-29", "29/02/2028");
	expect_date(pp_fr_date_short, "date_short", "2026-02-29", NULL);
	expect_date(pp_fr_date_short, "date_short", "2026-13-01", NULL);
	expect_date(pp_fr_date_short, "date_short", "1 mars 2026", NULL);
	expect_date(pp_fr_date_short, "date_short", NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Numbers                                                            */
/* ------------------------------------------------------------------ */

static void
test_numbers(void)
{
	expect_number(pp_fr_number, "number", 0, "0");
	expect_number(pp_fr_number, "number", 7, "7");
	expect_number(pp_fr_number, "number", 999, "999");
	expect_number(pp_fr_number, "number", 1000, "1" N "000");
	expect_number(pp_fr_number, "number", 1500, "1" N "500");
	expect_number(pp_fr_number, "number", 9999, "9" N "999");
	expect_number(pp_fr_number, "number", 12345, "12" N "345");
	expect_number(pp_fr_number, "number", 800000, "800" N "000");
	expect_number(pp_fr_number, "number", 1234567, "1" N "234" N "567");
	expect_number(pp_fr_number, "number", -7, "-7");
	expect_number(pp_fr_number, "number", -999, "-999");
	expect_number(pp_fr_number, "number", -1500, "-1" N "500");
	expect_number(pp_fr_number, "number", -800000, "-800" N "000");
	expect_number(pp_fr_number, "number", LLONG_MAX,
		      "9" N "223" N "372" N "036" N "854" N "775" N "807");
	expect_number(pp_fr_number, "number", LLONG_MIN,
		      "-9" N "223" N "372" N "036" N "854" N "775" N "808");

	expect_number(pp_fr_euros, "euros", 150000, "150" N "000" N "€");
	expect_number(pp_fr_euros, "euros", 0, "0" N "€");
	expect_number(pp_fr_euros, "euros", 42, "42" N "€");
	expect_number(pp_fr_euros, "euros", 1234, "1" N "234" N "€");
	expect_number(pp_fr_euros, "euros", 2500000, "2" N "500" N "000" N "€");
	expect_number(pp_fr_euros, "euros", -1500, "-1" N "500" N "€");
}

/* Every case of the brief, checked by hand against French (France) rules,
 * traditional spelling. */
static const struct {
	long long n;
	const char *words;
} number_words[] = {
    {0, "zéro"},
    {1, "un"},
    {10, "dix"},
    {11, "onze"},
    {16, "seize"},
    {17, "dix-sept"},
    {19, "dix-neuf"},
    {20, "vingt"},
    {21, "vingt et un"},
    {22, "vingt-deux"},
    {30, "trente"},
    {31, "trente et un"},
    {41, "quarante et un"},
    {51, "cinquante et un"},
    {60, "soixante"},
    {61, "soixante et un"},
    {69, "soixante-neuf"},
    {70, "soixante-dix"},
    {71, "soixante et onze"},
    {72, "soixante-douze"},
    {77, "soixante-dix-sept"},
    {79, "soixante-dix-neuf"},
    {80, "quatre-vingts"},
    {81, "quatre-vingt-un"},
    {89, "quatre-vingt-neuf"},
    {90, "quatre-vingt-dix"},
    {91, "quatre-vingt-onze"},
    {99, "quatre-vingt-dix-neuf"},
    {100, "cent"},
    {101, "cent un"},
    {122, "cent vingt-deux"},
    {180, "cent quatre-vingts"},
    {200, "deux cents"},
    {201, "deux cent un"},
    {280, "deux cent quatre-vingts"},
    {500, "cinq cents"},
    {971, "neuf cent soixante et onze"},
    {1000, "mille"},
    {1001, "mille un"},
    {1080, "mille quatre-vingts"},
    {1999, "mille neuf cent quatre-vingt-dix-neuf"},
    {2000, "deux mille"},
    {2026, "deux mille vingt-six"},
    {21000, "vingt et un mille"},
    {80000, "quatre-vingt mille"},
    {80080, "quatre-vingt mille quatre-vingts"},
    {100000, "cent mille"},
    {180000, "cent quatre-vingt mille"},
    {200000, "deux cent mille"},
    {200200, "deux cent mille deux cents"},
    {201000, "deux cent un mille"},
    {300000, "trois cent mille"},
    {1000000, "un million"},
    {1000001, "un million un"},
    {1001000, "un million mille"},
    {1200000, "un million deux cent mille"},
    {1500000, "un million cinq cent mille"},
    {2000000, "deux millions"},
    {21000000, "vingt et un millions"},
    {80000000, "quatre-vingts millions"},
    {180000000, "cent quatre-vingts millions"},
    {200000000, "deux cents millions"},
    {1000000000, "un milliard"},
    {1000001000, "un milliard mille"},
    {2000000000, "deux milliards"},
    {200000000000, "deux cents milliards"},
    {999999999999, "neuf cent quatre-vingt-dix-neuf milliards "
		   "neuf cent quatre-vingt-dix-neuf millions "
		   "neuf cent quatre-vingt-dix-neuf mille "
		   "neuf cent quatre-vingt-dix-neuf"},
    {1000000000000, "un billion"},
    {2000000000000, "deux billions"},
    {80000000000000, "quatre-vingts billions"},
    {1002003004005, "un billion deux milliards trois millions quatre mille "
		    "cinq"},
    {999999999999999, "neuf cent quatre-vingt-dix-neuf billions "
		      "neuf cent quatre-vingt-dix-neuf milliards "
		      "neuf cent quatre-vingt-dix-neuf millions "
		      "neuf cent quatre-vingt-dix-neuf mille "
		      "neuf cent quatre-vingt-dix-neuf"},
    {-1, "moins un"},
    {-21, "moins vingt et un"},
    {-80, "moins quatre-vingts"},
    {-1500, "moins mille cinq cents"},
    {-2000000, "moins deux millions"},
    {-999999999999999, "moins neuf cent quatre-vingt-dix-neuf billions "
		       "neuf cent quatre-vingt-dix-neuf milliards "
		       "neuf cent quatre-vingt-dix-neuf millions "
		       "neuf cent quatre-vingt-dix-neuf mille "
		       "neuf cent quatre-vingt-dix-neuf"},
};

static void
test_number_words(void)
{
	size_t i;

	for (i = 0; i < sizeof number_words / sizeof number_words[0]; i++)
		expect_words(pp_fr_number_words, "number_words",
			     number_words[i].n, number_words[i].words);
	expect_words(pp_fr_number_words, "number_words", 1000000000000000LL,
		     NULL);
	expect_words(pp_fr_number_words, "number_words", -1000000000000000LL,
		     NULL);
	expect_words(pp_fr_number_words, "number_words", LLONG_MAX, NULL);
	expect_words(pp_fr_number_words, "number_words", LLONG_MIN, NULL);
}

static void
expect_count(long long n, const char *noun, const char *want)
{
	struct pp_buf b;
	char label[200];

	pp_buf_init(&b);
	snprintf(label, sizeof label, "count_words(%lld, %s) = \"%s\"", n,
		 noun != NULL ? noun : "NULL", want);
	OK(pp_fr_count_words(n, noun, &b) == 0 &&
	       strcmp(pp_buf_str(&b), want) == 0,
	   label);
	pp_buf_fini(&b);
}

static void
expect_identifier(const char *in, const char *want)
{
	struct pp_buf b;
	char label[200];

	pp_buf_init(&b);
	pp_fr_identifier(in, &b);
	snprintf(label, sizeof label, "identifier(%s)", in ? in : "NULL");
	STR_EQ(pp_buf_str(&b), want, label);
	pp_buf_fini(&b);
}

static void
test_identifier(void)
{
	expect_identifier("903124576", "903" N "124" N "576");
	expect_identifier("84471902100017", "844" N "719" N "021" N "00017");
	expect_identifier("W751234567", "W751234567");
	expect_identifier("903 124 576", "903 124 576");
	expect_identifier("9031245", "9031245");
	expect_identifier("", "");
	expect_identifier(NULL, "");
}

static void
test_count_words(void)
{
	expect_count(30, "jour", "trente jours");
	expect_count(1, "jour", "un jour");
	expect_count(0, "jour", "zéro jour");
	expect_count(2, "an", "deux ans");
	expect_count(21, "jour", "vingt et un jours");
	expect_count(3, "mois", "trois mois");
	expect_count(2000000, "jour", "deux millions de jours");
	expect_count(1000000, "an", "un million d'ans");
	expect_count(45, NULL, "quarante-cinq");
	expect_count(80, "", "quatre-vingts");
}

static void
test_amount_words(void)
{
	expect_words(pp_fr_amount_words, "amount_words", 0, "zéro euro");
	expect_words(pp_fr_amount_words, "amount_words", 1, "un euro");
	expect_words(pp_fr_amount_words, "amount_words", 2, "deux euros");
	expect_words(pp_fr_amount_words, "amount_words", 21,
		     "vingt et un euros");
	expect_words(pp_fr_amount_words, "amount_words", 80,
		     "quatre-vingts euros");
	expect_words(pp_fr_amount_words, "amount_words", 200,
		     "deux cents euros");
	expect_words(pp_fr_amount_words, "amount_words", 1000, "mille euros");
	expect_words(pp_fr_amount_words, "amount_words", 80000,
		     "quatre-vingt mille euros");
	expect_words(pp_fr_amount_words, "amount_words", 150000,
		     "cent cinquante mille euros");
	expect_words(pp_fr_amount_words, "amount_words", 1000000,
		     "un million d'euros");
	expect_words(pp_fr_amount_words, "amount_words", 2000000,
		     "deux millions d'euros");
	expect_words(pp_fr_amount_words, "amount_words", 200000000,
		     "deux cents millions d'euros");
	expect_words(pp_fr_amount_words, "amount_words", 1500000,
		     "un million cinq cent mille euros");
	expect_words(pp_fr_amount_words, "amount_words", 1000001,
		     "un million un euros");
	expect_words(pp_fr_amount_words, "amount_words", 3000000000,
		     "trois milliards d'euros");
	expect_words(pp_fr_amount_words, "amount_words", 1000000000000,
		     "un billion d'euros");
	expect_words(pp_fr_amount_words, "amount_words", -1, "moins un euro");
	expect_words(pp_fr_amount_words, "amount_words", -5,
		     "moins cinq euros");
	expect_words(pp_fr_amount_words, "amount_words", 1000000000000000LL,
		     NULL);
	expect_words(pp_fr_amount_words, "amount_words", LLONG_MIN, NULL);
}

/* ------------------------------------------------------------------ */
/* Case and lists                                                     */
/* ------------------------------------------------------------------ */

/* Titles in running text: the initial only, accents and acronyms. */
static void
test_lower_initial(void)
{
	static const char *const cases[][2] = {
	    {"Directrice de la communication",
	     "directrice de la communication"},
	    {"Élue", "élue"},
	    {"Œnologue en chef", "œnologue en chef"},
	    {"Déléguée à l'information du Gouvernement",
	     "déléguée à l'information du Gouvernement"},
	    {"Président-directeur général", "président-directeur général"},
	    {"DICOM", "DICOM"},
	    {"RSE et partenariats", "RSE et partenariats"},
	    {"ÉLU", "ÉLU"},
	    {"A", "a"},
	    {"président", "président"},
	    {"« Chef »", "« Chef »"},
	    {"", ""},
	    {"\xff"
	     "Abc",
	     "\xff"
	     "Abc"},
	    {"D\xff", "d\xff"},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_string(pp_fr_lower_initial, "lower_initial", cases[i][0],
			      cases[i][1]);
	expect_string(pp_fr_lower_initial, "lower_initial", NULL, "");
}

static void
test_case(void)
{
	expect_string(pp_fr_upper, "upper", "égalité", "ÉGALITÉ");
	expect_string(pp_fr_upper, "upper", "œuvre à Noël", "ŒUVRE À NOËL");
	expect_string(pp_fr_upper, "upper", "l’île-de-france",
		      "L’ÎLE-DE-FRANCE");
	expect_string(pp_fr_upper, "upper", "ça déçoit", "ÇA DÉÇOIT");
	expect_string(pp_fr_upper, "upper", "", "");
	expect_string(pp_fr_upper, "upper", NULL, "");
	expect_string(pp_fr_upper, "upper", "a\xff", "A\xef\xbf\xbd");
	expect_string(pp_fr_lower, "lower", "ÉTAT", "état");
	expect_string(pp_fr_lower, "lower", "ÇA ŒUVRE À NOËL",
		      "ça œuvre à noël");
	expect_string(pp_fr_lower, "lower", "République Française",
		      "république française");
	expect_string(pp_fr_lower, "lower", NULL, "");
	expect_string(pp_fr_capitalize, "capitalize", "état", "État");
	expect_string(pp_fr_capitalize, "capitalize", "élysée", "Élysée");
	expect_string(pp_fr_capitalize, "capitalize", "œil", "Œil");
	expect_string(pp_fr_capitalize, "capitalize", "à déjà vu", "À déjà vu");
	expect_string(pp_fr_capitalize, "capitalize", "a", "A");
	expect_string(pp_fr_capitalize, "capitalize", "Déjà", "Déjà");
	expect_string(pp_fr_capitalize, "capitalize", "123 abc", "123 abc");
	expect_string(pp_fr_capitalize, "capitalize", "", "");
	expect_string(pp_fr_capitalize, "capitalize", NULL, "");
	expect_string(pp_fr_capitalize, "capitalize",
		      "\xff"
		      "abc",
		      "\xff"
		      "abc");
	test_lower_initial();
}

static void
test_join(void)
{
	static const char *const items[] = {"l’État", "la région", "la ville",
					    "l’association"};
	static const char *const with_null[] = {"a", NULL, "c"};
	struct pp_buf b;

	pp_buf_init(&b);
	pp_fr_join(items, 0, &b);
	STR_EQ(pp_buf_str(&b), "", "join of 0 items");
	pp_fr_join(NULL, 0, &b);
	STR_EQ(pp_buf_str(&b), "", "join of 0 items, NULL array");
	pp_fr_join(items, 1, &b);
	STR_EQ(pp_buf_str(&b), "l’État", "join of 1 item");
	pp_buf_reset(&b);
	pp_fr_join(items, 2, &b);
	STR_EQ(pp_buf_str(&b), "l’État et la région", "join of 2 items");
	pp_buf_reset(&b);
	pp_fr_join(items, 3, &b);
	STR_EQ(pp_buf_str(&b), "l’État, la région et la ville",
	       "join of 3 items");
	pp_buf_reset(&b);
	pp_fr_join(items, 4, &b);
	STR_EQ(pp_buf_str(&b), "l’État, la région, la ville et l’association",
	       "join of 4 items");
	pp_buf_reset(&b);
	pp_fr_join(with_null, 3, &b);
	STR_EQ(pp_buf_str(&b), "a,  et c", "join: a NULL item is empty");
	pp_buf_fini(&b);
}

/* ------------------------------------------------------------------ */
/* Typography                                                         */
/* ------------------------------------------------------------------ */

static void
test_typo_apostrophe(void)
{
	expect_typo("l'État", "l’État");
	expect_typo("L'article", "L’article");
	expect_typo("aujourd'hui", "aujourd’hui");
	expect_typo("qu'il", "qu’il");
	expect_typo("jusqu'à", "jusqu’à");
	expect_typo("s'engagent", "s’engagent");
	expect_typo("d'1 500 euros", "d’1" N "500" B "euros");
	expect_typo("l'« Agence »", "l’«" N "Agence" N "»");
	expect_typo("l'...", "l’…");
	/* Not an elision: left alone. */
	expect_typo("'citation'", "'citation'");
	expect_typo("rock 'n' roll", "rock 'n' roll");
	expect_typo("l' espace", "l' espace");
	expect_typo("l'", "l'");
	expect_typo("80'", "80'");
	expect_typo("les élèves' cahiers", "les élèves' cahiers");
	expect_typo("mot'1", "mot'1");
	expect_typo("https://exemple.fr/l'appel", "https://exemple.fr/l'appel");
	expect_typo("o'neil@exemple.fr", "o'neil@exemple.fr");
}

static void
test_typo_high_marks(void)
{
	expect_typo("Vraiment ?", "Vraiment" N "?");
	expect_typo("Vraiment?", "Vraiment" N "?");
	expect_typo("Vraiment  ?", "Vraiment" N "?");
	expect_typo("Attention !", "Attention" N "!");
	expect_typo("Attention!", "Attention" N "!");
	expect_typo("a ; b", "a" N "; b");
	expect_typo("a; b", "a" N "; b");
	expect_typo("Quoi ?!", "Quoi" N "?!");
	expect_typo("Quoi?!", "Quoi" N "?!");
	expect_typo("Quoi!?", "Quoi" N "!?");
	expect_typo("Non!!!", "Non" N "!!!");
	expect_typo("(oui)?", "(oui)" N "?");
	expect_typo("[oui]!", "[oui]" N "!");
	expect_typo("« Oui »?", "«" N "Oui" N "»" N "?");
	expect_typo("\"Oui\"?", "«" N "Oui" N "»" N "?");
	expect_typo("Quoi...?", "Quoi…" N "?");
	expect_typo("etc.;", "etc." N ";");
	expect_typo("ok ?\nsuite", "ok" N "?\nsuite");
	/* Already right, or no word before: nothing to do. */
	expect_typo("Vraiment" N "?", "Vraiment" N "?");
	expect_typo("Vraiment" B "?", "Vraiment" B "?");
	expect_typo("? au début", "? au début");
	expect_typo("  ? au début", "  ? au début");
	expect_typo("ok\n?", "ok\n?");
	expect_typo("ok\n ?", "ok\n ?");
	expect_typo("!important", "!important");
	expect_typo("rouge !important", "rouge !important");
	expect_typo("index.php?id=3", "index.php?id=3");
	expect_typo("a;b", "a;b");
	expect_typo("&nbsp;x", "&nbsp;x");
	expect_typo("-?", "-?");
	expect_typo("?", "?");
}

static void
test_typo_guillemets(void)
{
	expect_typo("« Bonjour »", "«" N "Bonjour" N "»");
	expect_typo("«Bonjour»", "«" N "Bonjour" N "»");
	expect_typo("«  Bonjour  »", "«" N "Bonjour" N "»");
	expect_typo("«" N "Bonjour" N "»", "«" N "Bonjour" N "»");
	expect_typo("« Vive la République ! »",
		    "«" N "Vive la République" N "!" N "»");
	expect_typo("« fin. »", "«" N "fin." N "»");
	expect_typo("« »", "«" N "»");
	expect_typo("«»", "«»");
	expect_typo("«\nsuite", "«\nsuite");
	expect_typo("« ", "« ");
	expect_typo("«", "«");
	expect_typo("» suite", "» suite");
	expect_typo("ligne\n» suite", "ligne\n» suite");
	/* Straight and English double quotes become French ones. */
	expect_typo("le \"mot\" juste", "le «" N "mot" N "» juste");
	expect_typo("\" citation \"", "«" N "citation" N "»");
	expect_typo("le \xe2\x80\x9cmot\xe2\x80\x9d juste",
		    "le «" N "mot" N "» juste");
	expect_typo("(\"oui\")", "(«" N "oui" N "»)");
}

static void
test_typo_colon(void)
{
	expect_typo("Objet : la convention", "Objet" B ": la convention");
	expect_typo("Objet: la convention", "Objet" B ": la convention");
	expect_typo("Objet  : la convention", "Objet" B ": la convention");
	expect_typo("Note :", "Note" B ":");
	expect_typo("Note:", "Note" B ":");
	expect_typo("Note:\nsuite", "Note" B ":\nsuite");
	expect_typo("Article 3 : objet", "Article" B "3" B ": objet");
	expect_typo("« Objet » : x", "«" N "Objet" N "»" B ": x");
	expect_typo("Objet" B ": x", "Objet" B ": x");
	expect_typo("Objet" N ": x", "Objet" N ": x");
	/* Not followed by a space, or nothing before it. */
	expect_typo("10:30", "10:30");
	expect_typo("à 10:30 précises", "à 10:30" B "précises");
	expect_typo("https://x", "https://x");
	expect_typo("a:b", "a:b");
	expect_typo(":)", ":)");
	expect_typo("super :)", "super :)");
	expect_typo("super :-)", "super :-)");
	expect_typo(": début", ": début");
	expect_typo("-: x", "-: x");
	expect_typo("« Objet :»", "«" N "Objet" B ":" N "»");
	expect_typo("« Objet:»", "«" N "Objet" B ":" N "»");
	expect_typo("voir https://exemple.fr : oui",
		    "voir https://exemple.fr" B ": oui");
}

static void
test_typo_digits(void)
{
	expect_typo("30 jours", "30" B "jours");
	expect_typo("2 exemplaires", "2" B "exemplaires");
	expect_typo("12 % du budget", "12" N "% du budget");
	expect_typo("12,5 %", "12,5" N "%");
	expect_typo("150 €", "150" N "€");
	expect_typo("800 000", "800" N "000");
	expect_typo("1 234 567", "1" N "234" N "567");
	expect_typo("150 000 €", "150" N "000" N "€");
	expect_typo("1 500,50 €", "1" N "500,50" N "€");
	expect_typo("3 200 exemplaires", "3" N "200" B "exemplaires");
	expect_typo("36 mois", "36" B "mois");
	/* Telephone numbers in pairs never break across lines. */
	expect_typo("téléphone : 02 40 12 34 56.",
		    "téléphone" B ": 02" B "40" B "12" B "34" B "56.");
	expect_typo("+33 1 40 56 60 00",
		    "+33" B "1" B "40" B "56" B "60" B "00");
	expect_typo("pages 12 34 56 78", "pages 12 34 56 78"); /* 4 pairs */
	expect_typo("10 h 30", "10" B "h 30");
	/* Nothing to do. */
	expect_typo("15%", "15%");
	expect_typo("150€", "150€");
	expect_typo("2026 2027", "2026 2027");
	expect_typo("1 2 3", "1 2 3");
	expect_typo("12 3456", "12 3456");
	expect_typo("12  345", "12  345");
	expect_typo("a 2", "a 2");
	expect_typo("2 - 3", "2 - 3");
	expect_typo("30\njours", "30\njours");
	expect_typo("30" B "jours", "30" B "jours");
	expect_typo("800" N "000", "800" N "000");
	expect_typo("https://x.fr/page2 et", "https://x.fr/page2 et");
}

static void
test_typo_numero(void)
{
	expect_typo("n° 12", "n°" B "12");
	expect_typo("N° 3", "N°" B "3");
	expect_typo("n° A-12", "n°" B "A-12");
	expect_typo("(n° 5)", "(n°" B "5)");
	expect_typo("versement n° 1 prévu", "versement n°" B "1" B "prévu");
	expect_typo("n°" B "12", "n°" B "12");
	expect_typo("n°12", "n°12");
	expect_typo("un° 3", "un° 3");
	expect_typo("n° ", "n° ");
	expect_typo("n°\n12", "n°\n12");
	expect_typo("la loi n° 78-17 du 6 janvier 1978",
		    "la loi n°" B "78-17" B "du 6" B "janvier 1978");
}

static void
test_typo_civility(void)
{
	expect_typo("par M. Karim BENALI", "par M." B "Karim BENALI");
	expect_typo("Mme Claire DUPONT", "Mme" B "Claire DUPONT");
	expect_typo("(Mme  Hélène FAURE)", "(Mme" B "Hélène FAURE)");
	expect_typo("MM. Dupont et Durand", "MM." B "Dupont et Durand");
	expect_typo("Mmes Faure", "Mmes" B "Faure");
	expect_typo("Mlle Martin", "Mlle" B "Martin");
	expect_typo("M." B "Benali", "M." B "Benali");
	/* not a civility: a word ending so, or no name after it */
	expect_typo("ALM. Dupont", "ALM. Dupont");
	expect_typo("Mme et M.", "Mme et M.");
	expect_typo("M. le président", "M. le président");
	expect_typo("Mmex Dupont", "Mmex Dupont");
}

static void
test_typo_article_number(void)
{
	expect_typo("à l'article 32 du RGPD", "à l’article" B "32" B "du RGPD");
	expect_typo("aux articles 13 et 14", "aux articles" B "13" B "et 14");
	expect_typo("Article 3", "Article" B "3");
	expect_typo("à l'annexe  1", "à l’annexe" B "1");
	/* not the word alone, or no number after it */
	expect_typo("sous-articles 2", "sous-articles" B "2");
	expect_typo("particles 2", "particles 2");
	expect_typo("l'article premier", "l’article premier");
	expect_typo("l'annexe A", "l’annexe A");
}

static void
test_typo_ellipsis(void)
{
	expect_typo("Et puis...", "Et puis…");
	expect_typo("...", "…");
	expect_typo("....", "….");
	expect_typo("......", "……");
	expect_typo("..", "..");
	expect_typo("a.b", "a.b");
	expect_typo("Et puis…", "Et puis…");
	expect_typo("http://x.fr/a...b", "http://x.fr/a...b");
}

static void
test_typo_protected(void)
{
	expect_typo("https://exemple.fr/page?x=1;y=2",
		    "https://exemple.fr/page?x=1;y=2");
	expect_typo("(https://exemple.gouv.fr/l'appel...)",
		    "(https://exemple.gouv.fr/l'appel...)");
	expect_typo("«https://x.fr»", "«https://x.fr»");
	expect_typo("« https://x.fr »", "«" N "https://x.fr" N "»");
	expect_typo("Écrire à contact@exemple.fr ; merci",
		    "Écrire à contact@exemple.fr" N "; merci");
	expect_typo("contact@exemple.fr!", "contact@exemple.fr!");
	expect_typo("mailto:a@b.fr", "mailto:a@b.fr");
	expect_typo("Site:https://x.fr", "Site:https://x.fr");
	expect_typo("voir https://x.fr/?a=1 !", "voir https://x.fr/?a=1" N "!");
	expect_typo("ftp://x.fr/10 %", "ftp://x.fr/10 %");
}

static void
test_typo_misc(void)
{
	struct pp_buf b;

	expect_typo("", "");
	expect_typo("Bonjour", "Bonjour");
	expect_typo("a\xff ?", "a\xff" N "?");
	expect_typo("\xff\xfe'\xc3", "\xff\xfe'\xc3");

	pp_buf_init(&b);
	pp_buf_adds(&b, "<");
	pp_fr_typography("Oui ?", &b);
	STR_EQ(pp_buf_str(&b), "<Oui" N "?", "typography appends");
	pp_fr_typography(NULL, &b);
	STR_EQ(pp_buf_str(&b), "<Oui" N "?", "typography of NULL adds nothing");
	pp_buf_fini(&b);
}

static void
test_typo_paragraph(void)
{
	static const char in[] =
	    "Article 2 : objet de la convention. L'État et l'association "
	    "« Parité Ensemble » s'engagent, pour une durée de 36 mois, à "
	    "verser une subvention de 150 000 € (soit 12,5 % du budget) ; le "
	    "versement n° 1 interviendra le 1er mars 2026... Qu'en "
	    "pensez-vous ? Contact : contact@parite-ensemble.fr ou "
	    "https://parite-ensemble.fr/convention?id=12 ! Réunion à 10:30, "
	    "salle n°4. Pourquoi pas ?! Fait en 2 exemplaires : "
	    "aujourd'hui.";
	static const char want[] =
	    "Article" B "2" B
	    ": objet de la convention. L’État et l’association "
	    "«" N "Parité Ensemble" N "» s’engagent, pour une durée de 36" B
	    "mois, à verser une subvention de 150" N "000" N "€ (soit 12,5" N
	    "% du budget)" N "; le versement n°" B "1" B "interviendra le "
	    "1er mars 2026… Qu’en pensez-vous" N "? Contact" B
	    ": contact@parite-ensemble.fr ou "
	    "https://parite-ensemble.fr/convention?id=12" N "! Réunion à "
	    "10:30, salle n°4. Pourquoi pas" N "?! Fait en 2" B "exemplaires" B
	    ": aujourd’hui.";

	expect_typo(in, want);
}

/*
 * Idempotence on many pseudo-random strings built from the characters the
 * rules look at (a fixed seed: the test is deterministic).
 */
static void
test_typo_random(void)
{
	static const char *const pieces[] = {
	    "a", "é", "l", "n", "1",  "0", " ", " ", "'", ";",	  "!",
	    "?", ":", "«", "»", "€",  "%", ".", "°", "/", "@",	  "\n",
	    B,	 N,   ")", "(", "\"", "…", "_", "-", ",", "\xff",
	};
	const size_t npieces = sizeof pieces / sizeof pieces[0];
	struct pp_buf in, once, twice;
	unsigned long long state = 0x9E3779B97F4A7C15ULL;
	int round, len, k, bad = 0;

	pp_buf_init(&in);
	pp_buf_init(&once);
	pp_buf_init(&twice);
	for (round = 0; round < 20000; round++) {
		pp_buf_reset(&in);
		pp_buf_reset(&once);
		pp_buf_reset(&twice);
		state ^= state << 13;
		state ^= state >> 7;
		state ^= state << 17;
		len = (int)(state % 16) + 1;
		for (k = 0; k < len; k++) {
			state ^= state << 13;
			state ^= state >> 7;
			state ^= state << 17;
			pp_buf_adds(&in, pieces[state % npieces]);
		}
		pp_fr_typography(pp_buf_str(&in), &once);
		pp_fr_typography(pp_buf_str(&once), &twice);
		if (strcmp(pp_buf_str(&once), pp_buf_str(&twice)) != 0) {
			if (bad++ < 5)
				printf("# not idempotent: \"%s\" -> \"%s\" -> "
				       "\"%s\"\n",
				       pp_buf_str(&in), pp_buf_str(&once),
				       pp_buf_str(&twice));
		}
	}
	INT_EQ(bad, 0, "typography idempotent on 20000 random strings");
	pp_buf_fini(&in);
	pp_buf_fini(&once);
	pp_buf_fini(&twice);
}

int
main(void)
{
	test_dates();
	test_typo_article_number();
	test_numbers();
	test_number_words();
	test_amount_words();
	test_count_words();
	test_identifier();
	test_case();
	test_join();
	test_typo_apostrophe();
	test_typo_high_marks();
	test_typo_guillemets();
	test_typo_colon();
	test_typo_digits();
	test_typo_numero();
	test_typo_civility();
	test_typo_ellipsis();
	test_typo_protected();
	test_typo_misc();
	test_typo_paragraph();
	test_typo_random();
	return harness_done();
}
