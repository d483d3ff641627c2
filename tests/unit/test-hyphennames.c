/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/hyphennames.c: the proper nouns a form gives (and the
 * values it holds that are not names), where they are found in a text
 * (soft hyphens, typographic apostrophes and no-break spaces between, word
 * boundaries, case, capitalised words alone, short words left out), and
 * the soft hyphens taken out of them and nowhere else.
 */
#include "arena.h"
#include "diag.h"
#include "hyphennames.h"
#include "yamlin.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SHY  "\xc2\xad"
#define NBSP "\xc2\xa0"

static const char form_yaml[] =
    "partenaire:\n"
    "  denomination: \"Mutuelle Solidaire Atlantique\"\n"
    "  designation: \"la Mutuelle\"\n"
    "  adresse: { ligne1: \"8 quai de la Fosse\", ville: \"Saint-Nazaire\" "
    "}\n"
    "  signataire: { prenom: \"Anne\", nom: \"GUÉGAN\", qualite: "
    "\"directrice générale\" }\n"
    "  contact: { nom: \"Yann LE BIHAN\", courriel: \"y@m.example.fr\" }\n"
    "emetteur:\n"
    "  service: \"Délégation à l'information et à la communication\"\n"
    "  adresse: { ville: \"Paris\" }\n"
    "signature: { lieu: \"Paris\" }\n"
    "fiche_projet:\n"
    "  contacts: [ { nom: \"Camille RENAUD\" }, { nom: \"Isabelle ROUX\" } "
    "]\n"
    "  validation: [ { etape: \"Cabinet\", nom: \"Hélène FAURE\" } ]\n"
    "  indicateurs: [ { nom: \"Portée des publications\" } ]\n";

static int
has(const char *const *names, const char *s)
{
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], s) == 0)
			return 1;
	return 0;
}

static void
test_form_names(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *form;
	const char *const *names;
	size_t n = 0;

	pp_error_init(&err);
	form = pp_yaml_read_mem(a, "form.yaml", form_yaml, strlen(form_yaml),
				NULL, &err);
	if (!OK(form != NULL, "form names: the form reads")) {
		pp_arena_free(a);
		return;
	}
	names = pp_hyphen_form_names(form, a);
	OK(has(names, "Mutuelle Solidaire Atlantique"),
	   "form names: the partner's name");
	OK(has(names, "la Mutuelle"), "form names: its short name");
	OK(has(names, "Saint-Nazaire"), "form names: its city");
	OK(has(names, "Anne") && has(names, "GUÉGAN"),
	   "form names: its signatory's first and last names");
	OK(has(names, "Yann LE BIHAN"), "form names: its contact");
	OK(has(names, "Délégation à l'information et à la communication"),
	   "form names: the ministry's service");
	OK(has(names, "Camille RENAUD") && has(names, "Isabelle ROUX") &&
	       has(names, "Hélène FAURE"),
	   "form names: the fiche's contacts and validators");
	OK(!has(names, "Portée des publications") && !has(names, "Cabinet") &&
	       !has(names, "directrice générale") &&
	       !has(names, "8 quai de la Fosse"),
	   "form names: not an indicator, a step, a title or a street");
	while (names != NULL && names[n] != NULL)
		n++;
	OK(has(names, "Service d'information du Gouvernement"),
	   "form names: the SIG, which fiches quote");
	INT_EQ(n, 12, "form names: Paris once, for two keys");
	OK(pp_hyphen_form_names(pp_value_new(a, PP_VALUE_MAP, NULL), a) == NULL,
	   "form names: none in an empty form");
	pp_arena_free(a);
}

/* The first name found in text from byte from, as a new string, or
 * NULL. */
static char *
first(const struct pp_hyphen_names *n, const char *text, size_t from)
{
	size_t s, e;

	if (!pp_hyphen_names_next(n, text, strlen(text), from, &s, &e))
		return NULL;
	return g_strndup(text + s, e - s);
}

static void
expect_first(const struct pp_hyphen_names *n, const char *text,
	     const char *want, const char *name)
{
	char *got = first(n, text, 0);

	STR_EQ(got, want, name);
	g_free(got);
}

static void
test_search(void)
{
	static const char *const names[] = {
	    "Mutuelle Solidaire Atlantique",
	    "Délégation à l'information",
	    "Saint-Nazaire",
	    "Nantes",
	    "Lyon",
	    NULL,
	};
	struct pp_hyphen_names *n = pp_hyphen_names_new(names);
	char *got;

	expect_first(n, "avec Mutuelle Solidaire Atlantique, le",
		     "Mutuelle Solidaire Atlantique",
		     "search: the whole name, longest first");
	expect_first(n,
		     "par Mu" SHY "tuelle Soli" SHY "daire Atlan" SHY "tique.",
		     "Mu" SHY "tuelle Soli" SHY "daire Atlan" SHY "tique",
		     "search: soft hyphens inside");
	expect_first(n, "la Délégation à l’information du",
		     "Délégation à l’information",
		     "search: a typographic apostrophe for the form's");
	expect_first(n, "la Mutuelle" NBSP "Solidaire Atlantique",
		     "Mutuelle" NBSP "Solidaire Atlantique",
		     "search: a no-break space for the form's");
	expect_first(n, "par la Mutuelle :", "Mutuelle",
		     "search: a capitalised word of a name alone");
	expect_first(n, "de l’Atlantique", "Atlantique",
		     "search: after an elision");
	expect_first(n, "à Saint-Nazaire", "Saint-Nazaire",
		     "search: a compound city");
	expect_first(n, "une mutuelle atlantique solidaire", NULL,
		     "search: the same words in lower case are not the name");
	expect_first(n, "les Nantestoises et les Mutuelles", NULL,
		     "search: only whole words");
	expect_first(n, "à Lyon et à Nantes", "Nantes",
		     "search: a single word too short to break is left out");
	got = first(n, "Nantes, Nantes", 2);
	STR_EQ(got, "Nantes", "search: from inside a word, the next one");
	g_free(got);
	OK(!pp_hyphen_names_next(NULL, "Nantes", 6, 0, &(size_t){0},
				 &(size_t){0}),
	   "search: no set, no name");
	pp_hyphen_names_free(n);
	n = pp_hyphen_names_new(NULL);
	expect_first(n, "Mutuelle", NULL, "search: an empty set finds nothing");
	pp_hyphen_names_free(n);
}

static void
test_unbreak(void)
{
	static const char *const names[] = {"Mutuelle Solidaire Atlantique",
					    NULL};
	struct pp_hyphen_names *n = pp_hyphen_names_new(names);
	const char *src = "pro" SHY "té" SHY "ger la Mu" SHY "tuelle Soli" SHY
			  "daire Atlan" SHY "tique et ses adhé" SHY "rents";
	char *text = g_strdup(src);
	size_t len = strlen(text), removed;

	removed = pp_hyphen_names_unbreak(n, text, &len, 0);
	STR_EQ(text,
	       "pro" SHY "té" SHY "ger la Mutuelle Solidaire Atlantique et ses "
	       "adhé" SHY "rents",
	       "unbreak: the name loses its soft hyphens, nothing else");
	INT_EQ(removed, 6, "unbreak: three soft hyphens, six bytes");
	INT_EQ(len, strlen(text), "unbreak: the length follows");
	g_free(text);
	text = g_strdup(src);
	len = strlen(text);
	removed = pp_hyphen_names_unbreak(n, text, &len,
					  (size_t)(strstr(text, " et") - text));
	INT_EQ(removed, 0, "unbreak: nothing before from");
	g_free(text);
	pp_hyphen_names_free(n);
}

int
main(void)
{
	test_form_names();
	test_search();
	test_unbreak();
	return harness_done();
}
