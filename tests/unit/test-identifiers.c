/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/identifiers.c: the identifier rules of DOMAIN.md §3, the
 * ten test partners of §9 and their negative cases, and edge cases of every
 * other format.
 */
#include "identifiers.h"

#include "../harness.h"

#include <stdio.h>
#include <string.h>

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static const char *
test_result_name(enum pp_identifier_result r)
{
	switch (r) {
	case PP_IDENTIFIER_OK:
		return "ok";
	case PP_IDENTIFIER_WARNING:
		return "warning";
	case PP_IDENTIFIER_BAD:
		return "bad";
	}
	return "?";
}

/*
 * Checks text against format name and expects want; a message must be
 * written exactly when the result is not PP_IDENTIFIER_OK.
 */
static void
expect(const char *name, const char *text, enum pp_identifier_result want)
{
	char why[256], label[200];
	enum pp_identifier_result got;

	memset(why, 'x', sizeof why);
	got = pp_identifier_check(name, text, why, sizeof why);
	snprintf(label, sizeof label, "%s \"%s\" is %s", name, text,
		 test_result_name(want));
	INT_EQ(got, want, label);
	if (want == PP_IDENTIFIER_OK) {
		snprintf(label, sizeof label, "%s \"%s\": no message", name,
			 text);
		STR_EQ(why, "", label);
	} else {
		snprintf(label, sizeof label, "%s \"%s\": has a message", name,
			 text);
		OK(memchr(why, '\0', sizeof why) != NULL && why[0] != '\0',
		   label);
		printf("#   %s\n", why);
	}
}

/* Checks that the message for text contains part. */
static void
expect_why(const char *name, const char *text, const char *part)
{
	char why[256], label[200];

	pp_identifier_check(name, text, why, sizeof why);
	snprintf(label, sizeof label, "%s \"%s\": message mentions \"%s\"",
		 name, text, part);
	if (!OK(strstr(why, part) != NULL, label))
		printf("#   message: %s\n", why);
}

/* The ten fictional partners of DOMAIN.md §9 ("—" rows have no SIREN or
 * VAT of their own, only the SIRET). */
struct partner {
	const char *id;
	const char *siren; /* NULL for associations */
	const char *siret;
	const char *tva; /* NULL when "—" */
	const char *rna; /* NULL for companies */
};

static const struct partner partners[] = {
    {"mobilite-verte", "903124576", "90312457600013", "FR04903124576", NULL},
    {"supermarches-horizon", "918456203", "91845620300010", "FR07918456203",
     NULL},
    {"rencontres-boussole", "881273460", "88127346000017", "FR32881273460",
     NULL},
    {"rail-express-connect", "822641593", "82264159300014", "FR60822641593",
     NULL},
    {"federation-artisans-numeriques", NULL, "79503318200010", NULL,
     "W751234567"},
    {"asso-parite-ensemble", NULL, "84471902100017", NULL, "W691002345"},
    {"mutuelle-solidaire-atlantique", "930581277", "93058127700017",
     "FR35930581277", NULL},
    {"radio-ondes-locales", "807366455", "80736645500010", "FR65807366455",
     NULL},
    {"club-sportif-avenir", NULL, "87619034900012", NULL, "W133009876"},
    {"coop-energie-citoyenne", "922804711", "92280471100013", "FR01922804711",
     NULL},
};

static void
test_names(void)
{
	static const char *const want[] = {
	    "siren", "siret",	  "tva",	 "rna",	    "email",
	    "url",   "telephone", "code_postal", "couleur", NULL};
	size_t i;

	for (i = 0; want[i] != NULL; i++) {
		STR_EQ(pp_identifier_names[i], want[i],
		       "format names in order");
		OK(pp_identifier_known(pp_identifier_names[i]),
		   pp_identifier_names[i]);
	}
	OK(pp_identifier_names[i] == NULL, "format names end with NULL");
	OK(!pp_identifier_known("iban"), "iban is not a known format");
	OK(!pp_identifier_known(""), "empty name is not a known format");
	OK(!pp_identifier_known(NULL), "NULL name is not a known format");
	OK(!pp_identifier_known("SIREN"), "format names are case-sensitive");
}

static void
test_luhn(void)
{
	OK(pp_identifier_luhn_ok("903124576"), "luhn 903124576");
	OK(!pp_identifier_luhn_ok("903124577"), "luhn 903124577 fails");
	OK(pp_identifier_luhn_ok("90312457600013"), "luhn 90312457600013");
	OK(!pp_identifier_luhn_ok("90312457600014"),
	   "luhn 90312457600014 fails");
	OK(!pp_identifier_luhn_ok("35600000009075"),
	   "luhn La Poste 35600000009075 fails");
	OK(pp_identifier_luhn_ok("79927398713"), "luhn textbook 79927398713");
	OK(!pp_identifier_luhn_ok("79927398710"),
	   "luhn textbook 79927398710 fails");
	OK(pp_identifier_luhn_ok("0"), "luhn 0");
	OK(pp_identifier_luhn_ok("18"), "luhn 18 (doubled 1 plus 8)");
	OK(pp_identifier_luhn_ok("59"), "luhn 59 (doubled 5 is 10, minus 9)");
	OK(!pp_identifier_luhn_ok(""), "luhn empty string fails");
	OK(!pp_identifier_luhn_ok(NULL), "luhn NULL fails");
	OK(!pp_identifier_luhn_ok("903 124 576"), "luhn takes digits only");
	OK(!pp_identifier_luhn_ok("9031245a6"), "luhn rejects letters");
}

static void
test_partners(void)
{
	char label[200];
	size_t i;

	for (i = 0; i < sizeof partners / sizeof partners[0]; i++) {
		const struct partner *p = &partners[i];

		snprintf(label, sizeof label, "partner %s", p->id);
		printf("# %s\n", label);
		if (p->siren != NULL) {
			expect("siren", p->siren, PP_IDENTIFIER_OK);
			OK(strncmp(p->siret, p->siren, 9) == 0,
			   "SIRET starts with the SIREN");
		}
		expect("siret", p->siret, PP_IDENTIFIER_OK);
		if (p->tva != NULL) {
			expect("tva", p->tva, PP_IDENTIFIER_OK);
			OK(strcmp(p->tva + 4, p->siren) == 0,
			   "VAT number ends with the SIREN");
		}
		if (p->rna != NULL)
			expect("rna", p->rna, PP_IDENTIFIER_OK);
	}
}

static void
test_siren(void)
{
	expect("siren", "903 124 576", PP_IDENTIFIER_OK);
	expect("siren", " 903124576 ", PP_IDENTIFIER_OK);
	/* No-break and narrow no-break spaces, as word processors put them. */
	expect("siren", "903" NBSP "124" NBSP "576", PP_IDENTIFIER_OK);
	expect("siren", "903" NNBSP "124" NNBSP "576", PP_IDENTIFIER_OK);
	expect("siren", "356000000", PP_IDENTIFIER_OK); /* La Poste */
	expect("siren", "903124577", PP_IDENTIFIER_BAD);
	expect_why("siren", "903124577", "Luhn");
	expect("siren", "90312457", PP_IDENTIFIER_BAD);
	expect_why("siren", "90312457", "this one has 8");
	expect("siren", "9031245760", PP_IDENTIFIER_BAD);
	expect_why("siren", "9031245760", "this one has 10");
	expect("siren", "90312457600013", PP_IDENTIFIER_BAD);
	expect_why("siren", "90312457600013", "SIRET");
	expect("siren", "", PP_IDENTIFIER_BAD);
	expect("siren", "   ", PP_IDENTIFIER_BAD);
	expect("siren", "90312457A", PP_IDENTIFIER_BAD);
	expect("siren", "903-124-576", PP_IDENTIFIER_BAD);
	expect("siren", "903.124.576", PP_IDENTIFIER_BAD);
	expect("siren", "FR04903124576", PP_IDENTIFIER_BAD);
	expect("siren", "903124576903124576903124576903124576",
	       PP_IDENTIFIER_BAD);
	expect("siren", "000000000", PP_IDENTIFIER_OK); /* Luhn sum 0 */
}

static void
test_siret(void)
{
	expect("siret", "903 124 576 00013", PP_IDENTIFIER_OK);
	expect("siret", "90312457600014", PP_IDENTIFIER_BAD);
	expect_why("siret", "90312457600014", "Luhn");
	/* SIREN part fails although the 14 digits pass Luhn. */
	OK(pp_identifier_luhn_ok("90312457700003") &&
	       !pp_identifier_luhn_ok("903124577"),
	   "90312457700003 passes Luhn but its SIREN does not");
	expect("siret", "90312457700003", PP_IDENTIFIER_BAD);
	expect_why("siret", "90312457700003", "SIREN part");
	/* La Poste: fails Luhn, digit sum 35, so valid. */
	expect("siret", "35600000009075", PP_IDENTIFIER_OK);
	expect("siret", "356 000 000 09075", PP_IDENTIFIER_OK);
	/* La Poste, digit sum 36, fails Luhn too. */
	OK(!pp_identifier_luhn_ok("35600000009076"),
	   "35600000009076 fails Luhn");
	expect("siret", "35600000009076", PP_IDENTIFIER_BAD);
	expect_why("siret", "35600000009076", "multiple of 5");
	/* La Poste, passes Luhn (digit sum not a multiple of 5). */
	OK(pp_identifier_luhn_ok("35600000000048"),
	   "35600000000048 passes Luhn");
	expect("siret", "35600000000048", PP_IDENTIFIER_OK);
	/* The digit-sum rule is for La Poste only: sum 45, fails Luhn. */
	OK(!pp_identifier_luhn_ok("90312457600008"),
	   "90312457600008 fails Luhn");
	expect("siret", "90312457600008", PP_IDENTIFIER_BAD);
	expect("siret", "903124576", PP_IDENTIFIER_BAD);
	expect_why("siret", "903124576", "NIC");
	expect("siret", "9031245760001", PP_IDENTIFIER_BAD);
	expect_why("siret", "9031245760001", "this one has 13");
	expect("siret", "903124576000130", PP_IDENTIFIER_BAD);
	expect("siret", "", PP_IDENTIFIER_BAD);
	expect("siret", "9031245760001X", PP_IDENTIFIER_BAD);
}

static void
test_tva(void)
{
	expect("tva", "FR 04 903 124 576", PP_IDENTIFIER_OK);
	expect("tva", "FR04 903124576", PP_IDENTIFIER_OK);
	expect("tva", "fr04903124576", PP_IDENTIFIER_OK);
	expect("tva", "FR05903124576", PP_IDENTIFIER_BAD);
	expect_why("tva", "FR05903124576", "04");
	expect_why("tva", "FR05903124576", "903124576");
	expect("tva", "FR4903124576", PP_IDENTIFIER_BAD);
	expect("tva", "FR004903124576", PP_IDENTIFIER_BAD);
	expect("tva", "FR04903124577",
	       PP_IDENTIFIER_BAD); /* SIREN fails Luhn */
	expect_why("tva", "FR04903124577", "SIREN part");
	expect("tva", "04903124576", PP_IDENTIFIER_BAD);
	expect_why("tva", "04903124576", "FR");
	expect("tva", "DE123456789", PP_IDENTIFIER_BAD);
	expect("tva", "FRXX903124576", PP_IDENTIFIER_BAD);
	expect("tva", "FR", PP_IDENTIFIER_BAD);
	expect("tva", "F", PP_IDENTIFIER_BAD);
	expect("tva", "", PP_IDENTIFIER_BAD);
	expect("tva", "FR04-903-124-576", PP_IDENTIFIER_BAD);
}

static void
test_rna(void)
{
	expect("rna", "W12345", PP_IDENTIFIER_BAD);
	expect_why("rna", "W12345", "this one has 5");
	expect("rna", "W7512345678", PP_IDENTIFIER_BAD);
	expect("rna", "W75123456A", PP_IDENTIFIER_BAD);
	expect("rna", "W", PP_IDENTIFIER_BAD);
	expect("rna", "w751234567", PP_IDENTIFIER_BAD);
	expect("rna", "", PP_IDENTIFIER_BAD);
	/* Older prefecture numbers: accepted with a warning. */
	expect("rna", "0751012345", PP_IDENTIFIER_WARNING);
	expect_why("rna", "0751012345", "not an RNA number");
	expect("rna", "75/1234", PP_IDENTIFIER_WARNING);
	expect("rna", "75-1234 56", PP_IDENTIFIER_WARNING);
	expect("rna", "1234", PP_IDENTIFIER_WARNING);
	expect("rna", "123", PP_IDENTIFIER_BAD); /* too short */
	expect("rna", "123456789012345678901",
	       PP_IDENTIFIER_BAD);		  /* too long */
	expect("rna", "----", PP_IDENTIFIER_BAD); /* no digit */
	expect("rna", "75 ABC", PP_IDENTIFIER_BAD);
}

static void
test_email(void)
{
	char longer[300];

	expect("email", "contact@mobilite-verte.fr", PP_IDENTIFIER_OK);
	expect("email", "prenom.nom@sig.premier-ministre.gouv.fr",
	       PP_IDENTIFIER_OK);
	expect("email", "a+tag@example.com", PP_IDENTIFIER_OK);
	expect("email", "x@e.fr", PP_IDENTIFIER_OK);
	expect("email", "", PP_IDENTIFIER_BAD);
	expect("email", "contact.example.fr", PP_IDENTIFIER_BAD);
	expect("email", "a@@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "a@b@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "a b@example.fr", PP_IDENTIFIER_BAD);
	expect_why("email", "a b@example.fr", "spaces");
	expect("email", "contact@example.fr ", PP_IDENTIFIER_BAD);
	expect("email", "@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "contact@", PP_IDENTIFIER_BAD);
	expect("email", "contact@localhost", PP_IDENTIFIER_BAD);
	expect("email", "contact@example", PP_IDENTIFIER_BAD);
	expect("email", "contact@.example.fr", PP_IDENTIFIER_BAD);
	expect("email", "contact@example..fr", PP_IDENTIFIER_BAD);
	expect("email", "contact@example.fr.", PP_IDENTIFIER_BAD);
	expect("email", "contact@-example.fr", PP_IDENTIFIER_BAD);
	expect("email", "contact@example-.fr", PP_IDENTIFIER_BAD);
	expect("email", "contact@example.f", PP_IDENTIFIER_BAD);
	expect("email", "contact@192.168.0.1", PP_IDENTIFIER_BAD);
	expect("email", "contact@exa_mple.fr", PP_IDENTIFIER_BAD);
	expect("email", ".contact@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "contact.@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "con..tact@example.fr", PP_IDENTIFIER_BAD);
	expect("email", "<contact@example.fr>", PP_IDENTIFIER_BAD);
	/* Lengths: local part at most 64, whole address at most 254. */
	memset(longer, 'a', 64);
	strcpy(longer + 64, "@example.fr");
	expect("email", longer, PP_IDENTIFIER_OK);
	memset(longer, 'a', 65);
	strcpy(longer + 65, "@example.fr");
	expect("email", longer, PP_IDENTIFIER_BAD);
	/* 10 + 1 + 4 labels of 60 + 3 dots + ".fr" = 254 characters. */
	strcpy(longer, "aaaaaaaaaa@");
	memset(longer + 11, 'b', 60);
	longer[71] = '.';
	memset(longer + 72, 'c', 60);
	longer[132] = '.';
	memset(longer + 133, 'd', 60);
	longer[193] = '.';
	memset(longer + 194, 'e', 57);
	strcpy(longer + 251, ".fr");
	INT_EQ(strlen(longer), 254, "254-character address built");
	expect("email", longer, PP_IDENTIFIER_OK);
	strcpy(longer + 251, ".fra");
	expect("email", longer, PP_IDENTIFIER_BAD);
	expect_why("email", longer, "254");
}

static void
test_url(void)
{
	expect("url", "https://www.example.fr", PP_IDENTIFIER_OK);
	expect("url", "http://example.fr", PP_IDENTIFIER_OK);
	expect("url", "https://example.fr/", PP_IDENTIFIER_OK);
	expect("url", "https://www.info.gouv.fr/a/b?c=1&d=2#e",
	       PP_IDENTIFIER_OK);
	expect("url", "HTTPS://EXAMPLE.FR", PP_IDENTIFIER_OK);
	expect("url", "https://example.fr:8443/x", PP_IDENTIFIER_OK);
	expect("url", "http://localhost", PP_IDENTIFIER_OK);
	expect("url", "http://localhost:8080/test", PP_IDENTIFIER_OK);
	expect("url", "", PP_IDENTIFIER_BAD);
	expect("url", "www.example.fr", PP_IDENTIFIER_BAD);
	expect_why("url", "www.example.fr", "https://");
	/* The fix, computed from the value: the same site, with https://. */
	expect_why("url", "www.example.fr/agenda",
		   "write https://www.example.fr/agenda");
	expect_why("url", "ftp://example.fr", "must start with https://");
	expect("url", "ftp://example.fr", PP_IDENTIFIER_BAD);
	expect("url", "https:/example.fr", PP_IDENTIFIER_BAD);
	expect("url", "https://", PP_IDENTIFIER_BAD);
	expect("url", "https:///path", PP_IDENTIFIER_BAD);
	expect("url", "https://example", PP_IDENTIFIER_BAD);
	expect("url", "https://exa mple.fr", PP_IDENTIFIER_BAD);
	expect("url", "https://example.fr/a b", PP_IDENTIFIER_BAD);
	expect("url", " https://example.fr", PP_IDENTIFIER_BAD);
	expect("url", "https://example.fr:abc/", PP_IDENTIFIER_BAD);
	expect("url", "https://example.fr:/", PP_IDENTIFIER_BAD);
	expect("url", "https://.example.fr", PP_IDENTIFIER_BAD);
	expect("url", "https://example..fr", PP_IDENTIFIER_BAD);
	expect("url", "https://user@example.fr", PP_IDENTIFIER_BAD);
	expect("url", "javascript:alert(1)", PP_IDENTIFIER_BAD);
}

static void
test_telephone(void)
{
	expect("telephone", "01 23 45 67 89", PP_IDENTIFIER_OK);
	expect("telephone", "0123456789", PP_IDENTIFIER_OK);
	expect("telephone", "01.23.45.67.89", PP_IDENTIFIER_OK);
	expect("telephone", "01-23-45-67-89", PP_IDENTIFIER_OK);
	expect("telephone", "06" NBSP "12" NBSP "34" NBSP "56" NBSP "78",
	       PP_IDENTIFIER_OK);
	expect("telephone", "+33 1 23 45 67 89", PP_IDENTIFIER_OK);
	expect("telephone", "+33123456789", PP_IDENTIFIER_OK);
	expect("telephone", "+33 (0)1 23 45 67 89", PP_IDENTIFIER_OK);
	expect("telephone", "+33(0)123456789", PP_IDENTIFIER_OK);
	expect("telephone", "+32 2 123 45 67", PP_IDENTIFIER_OK);
	expect("telephone", "+1 202 555 0123", PP_IDENTIFIER_OK);
	expect("telephone", "+49 30 12345678", PP_IDENTIFIER_OK);
	expect("telephone", "", PP_IDENTIFIER_BAD);
	expect("telephone", "123456789", PP_IDENTIFIER_BAD);
	expect("telephone", "1234567890", PP_IDENTIFIER_BAD);
	expect_why("telephone", "1234567890", "starts with 0");
	expect("telephone", "01 23 45 67 8", PP_IDENTIFIER_BAD);
	expect_why("telephone", "01 23 45 67 8", "this one has 9");
	expect("telephone", "01 23 45 67 89 0", PP_IDENTIFIER_BAD);
	expect("telephone", "01 23 AB 67 89", PP_IDENTIFIER_BAD);
	expect("telephone", "01/23/45/67/89", PP_IDENTIFIER_BAD);
	expect("telephone", "0033 1 23 45 67 89", PP_IDENTIFIER_BAD);
	expect_why("telephone", "0033 1 23 45 67 89", "+");
	expect("telephone", "+33 01 23 45 67 89", PP_IDENTIFIER_BAD);
	expect_why("telephone", "+33 01 23 45 67 89", "first 0");
	expect("telephone", "+33 1 23 45 67", PP_IDENTIFIER_BAD);
	expect("telephone", "+33 1 23 45 67 89 0", PP_IDENTIFIER_BAD);
	expect("telephone", "+33 (1) 23 45 67 89", PP_IDENTIFIER_BAD);
	expect("telephone", "(0)1 23 45 67 89", PP_IDENTIFIER_BAD);
	expect("telephone", "+1234567", PP_IDENTIFIER_BAD);
	expect("telephone", "+12345678", PP_IDENTIFIER_OK);
	expect("telephone", "+123456789012345", PP_IDENTIFIER_OK);
	expect("telephone", "+1234567890123456", PP_IDENTIFIER_BAD);
	expect("telephone", "+", PP_IDENTIFIER_BAD);
	expect("telephone", "++33 1 23 45 67 89", PP_IDENTIFIER_BAD);
}

static void
test_code_postal(void)
{
	expect("code_postal", "75007", PP_IDENTIFIER_OK);
	expect("code_postal", "01000", PP_IDENTIFIER_OK);
	expect("code_postal", "20000", PP_IDENTIFIER_OK); /* Ajaccio */
	expect("code_postal", "20200", PP_IDENTIFIER_OK); /* Bastia */
	expect("code_postal", "95000", PP_IDENTIFIER_OK);
	expect("code_postal", "97400", PP_IDENTIFIER_OK);
	expect("code_postal", "98800", PP_IDENTIFIER_OK);
	expect("code_postal", "", PP_IDENTIFIER_BAD);
	expect("code_postal", "7500", PP_IDENTIFIER_BAD);
	expect_why("code_postal", "1000", "leading 0");
	expect("code_postal", "750070", PP_IDENTIFIER_BAD);
	expect("code_postal", "00100", PP_IDENTIFIER_BAD);
	expect("code_postal", "96000", PP_IDENTIFIER_BAD);
	expect("code_postal", "99000", PP_IDENTIFIER_BAD);
	expect_why("code_postal", "99000", "99");
	expect("code_postal", "2A004", PP_IDENTIFIER_BAD);
	expect_why("code_postal", "2A004", "20");
	expect("code_postal", "2b200", PP_IDENTIFIER_BAD);
	expect("code_postal", "75 007", PP_IDENTIFIER_BAD);
	expect("code_postal", " 75007", PP_IDENTIFIER_BAD);
	expect("code_postal", "7500A", PP_IDENTIFIER_BAD);
	expect("code_postal", "F-75007", PP_IDENTIFIER_BAD);
}

static void
test_couleur(void)
{
	expect("couleur", "#000091", PP_IDENTIFIER_OK);
	expect("couleur", "#E1000F", PP_IDENTIFIER_OK);
	expect("couleur", "#e1000f", PP_IDENTIFIER_OK);
	expect("couleur", "#aBcDeF", PP_IDENTIFIER_OK);
	expect("couleur", "#fff", PP_IDENTIFIER_OK);
	expect("couleur", "#09F", PP_IDENTIFIER_OK);
	expect("couleur", "", PP_IDENTIFIER_BAD);
	expect("couleur", "#", PP_IDENTIFIER_BAD);
	expect("couleur", "000091", PP_IDENTIFIER_BAD);
	expect_why("couleur", "000091", "#");
	expect("couleur", "#00009", PP_IDENTIFIER_BAD);
	expect("couleur", "#0000911", PP_IDENTIFIER_BAD);
	expect("couleur", "#00", PP_IDENTIFIER_BAD);
	expect("couleur", "#GGGGGG", PP_IDENTIFIER_BAD);
	expect("couleur", "#00 0091", PP_IDENTIFIER_BAD);
	expect("couleur", "##000091", PP_IDENTIFIER_BAD);
	expect("couleur", "bleu", PP_IDENTIFIER_BAD);
	expect("couleur", "rgb(0,0,145)", PP_IDENTIFIER_BAD);
}

static void
test_api_edges(void)
{
	char why[256], tiny[8];

	INT_EQ(pp_identifier_check("iban", "FR76", why, sizeof why),
	       PP_IDENTIFIER_BAD, "unknown format is bad");
	OK(strstr(why, "iban") != NULL, "unknown format named in message");
	INT_EQ(pp_identifier_check(NULL, "x", why, sizeof why),
	       PP_IDENTIFIER_BAD, "NULL format name is bad");
	OK(why[0] != '\0', "NULL format name has a message");
	INT_EQ(pp_identifier_check("siren", NULL, why, sizeof why),
	       PP_IDENTIFIER_BAD, "NULL text is checked as empty");
	INT_EQ(pp_identifier_check("siren", "903124577", NULL, 0),
	       PP_IDENTIFIER_BAD, "why may be NULL");
	INT_EQ(pp_identifier_check("siren", "903124576", NULL, 0),
	       PP_IDENTIFIER_OK, "why may be NULL when ok");
	tiny[0] = 'x';
	INT_EQ(pp_identifier_check("siren", "903124577", tiny, 0),
	       PP_IDENTIFIER_BAD, "size 0 writes nothing");
	OK(tiny[0] == 'x', "size 0 leaves why untouched");
	memset(tiny, 'x', sizeof tiny);
	INT_EQ(pp_identifier_check("siren", "903124577", tiny, sizeof tiny),
	       PP_IDENTIFIER_BAD, "small buffer");
	OK(memchr(tiny, '\0', sizeof tiny) != NULL,
	   "small buffer: message truncated and terminated");
	INT_EQ(strlen(tiny), sizeof tiny - 1, "small buffer filled");
	/* A message from an earlier call does not linger after an OK. */
	pp_identifier_check("siren", "903124577", why, sizeof why);
	pp_identifier_check("siren", "903124576", why, sizeof why);
	STR_EQ(why, "", "why cleared on ok");
	/* Every format refuses the empty string with a message. */
	{
		size_t i;

		for (i = 0; pp_identifier_names[i] != NULL; i++)
			expect(pp_identifier_names[i], "", PP_IDENTIFIER_BAD);
	}
}

int
main(void)
{
	test_names();
	test_luhn();
	test_partners();
	test_siren();
	test_siret();
	test_tva();
	test_rna();
	test_email();
	test_url();
	test_telephone();
	test_code_postal();
	test_couleur();
	test_api_edges();
	return harness_done();
}
