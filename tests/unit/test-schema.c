/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/schema.c: the convention model's schema (loaded from
 * $PARAPHE_DATADIR/models) checked against small forms written in the
 * test, each rule with its code, data path and position; malformed schema
 * files; the edit distance behind "did you mean".
 */
#include "arena.h"
#include "diag.h"
#include "schema.h"
#include "value.h"
#include "yamlin.h"

#include "../harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct pp_schema *convention;

/* A small form that the convention model accepts without a message. */
static const char base_form[] =
    "version: 1\n"
    "emetteur:\n"
    "  intitule_bloc_marque: [\"MINISTÈRE\", \"DE LA CULTURE\"]\n"
    "  denomination: \"Le ministère de la culture\"\n"
    "  adresse: { ligne1: \"3 rue de Valois\", code_postal: \"75001\", "
    "ville: Paris }\n"
    "  signataire: { civilite: Mme, prenom: Claire, nom: DUPONT, qualite: "
    "Directrice }\n"
    "partenaire:\n"
    "  id: mobilite-verte\n"
    "  denomination: \"Mobilité Verte SAS\"\n"
    "  forme_juridique: sas\n"
    "  capital_social: 150000\n"
    "  rcs_ville: Lyon\n"
    "  siren: \"903124576\"\n"
    "  adresse: { ligne1: \"12 rue de la République\", code_postal: "
    "\"69002\", ville: Lyon }\n"
    "  signataire: { civilite: M., prenom: Karim, nom: BENALI, qualite: "
    "Président }\n"
    "contenu:\n"
    "  objet: \"relayer les messages de la campagne\"\n"
    "  engagements:\n"
    "    emetteur: [\"fournir le kit\"]\n"
    "    partenaire: [\"diffuser le kit\"]\n"
    "  periode_relais: { debut: 2026-03-01, fin: 2026-03-10 }\n"
    "clauses:\n"
    "  titre_gracieux: true\n"
    "  duree: { fin: 2026-06-30 }\n"
    "signature:\n"
    "  lieu: Paris\n";

/* The fiche projet part, to append to base_form. */
static const char fiche_projet[] =
    "fiche_projet:\n"
    "  contexte: \"Le 8 mars\"\n"
    "  objectifs: [\"sensibiliser\"]\n"
    "  cibles: { principale: \"18-35 ans\" }\n"
    "  messages_cles: { principal: \"L'égalité, tous les jours\" }\n"
    "  actions:\n"
    "    - { canal: application, date: 2026-03-01 }\n"
    "    - { canal: instagram, date: 2026-03-32 }\n"
    "    - { canal: linkedin, date: 2026-03-08 }\n";

/* One validation: the form text, its tree and the messages. */
struct run {
	char *text;
	struct pp_arena *arena;
	struct pp_value *root;
	struct pp_diags d;
	size_t errors;
};

static void
run_validate(struct run *r, const char *text)
{
	struct pp_error err;

	r->text = strdup(text);
	r->arena = pp_arena_new();
	pp_diags_init(&r->d);
	pp_error_init(&err);
	r->root = pp_yaml_read_mem(r->arena, "form.yaml", r->text,
				   strlen(r->text), NULL, &err);
	r->errors = 0;
	if (r->root == NULL) {
		printf("# YAML error: %s\n", err.message);
		return;
	}
	r->errors = pp_schema_validate(convention, r->arena, r->root, &r->d);
	pp_diags_sort(&r->d);
}

static void
run_fini(struct run *r)
{
	pp_diags_fini(&r->d);
	pp_arena_free(r->arena);
	free(r->text);
}

static void
run_print(const struct run *r)
{
	size_t i;

	for (i = 0; i < r->d.n; i++) {
		char *s = pp_diag_format(&r->d.items[i]);

		printf("#   %s\n", s);
		free(s);
	}
}

/* base_form with the first occurrence of old replaced by new; caller
 * frees. */
static char *
edit(const char *text, const char *old, const char *new)
{
	const char *at = strstr(text, old);
	size_t n;
	char *s;

	if (at == NULL) {
		printf("# test bug: \"%s\" not in the form\n", old);
		return strdup(text);
	}
	n = strlen(text) - strlen(old) + strlen(new) + 1;
	s = malloc(n);
	snprintf(s, n, "%.*s%s%s", (int)(at - text), text, new,
		 at + strlen(old));
	return s;
}

/* 1-based line and column (in characters) of needle in text; an '@' in
 * needle marks the place wanted, else it is the start of needle. */
static void
where(const char *text, const char *needle, int *line, int *col)
{
	char find[256];
	const char *mark = strchr(needle, '@'), *at, *p;
	size_t skip = 0;

	snprintf(find, sizeof find, "%s", needle);
	if (mark != NULL) {
		skip = (size_t)(mark - needle);
		memmove(find + skip, find + skip + 1, strlen(find + skip));
	}
	at = strstr(text, find);
	if (at != NULL)
		at += skip;

	*line = 1;
	*col = 1;
	if (at == NULL) {
		printf("# test bug: \"%s\" not in the form\n", needle);
		*line = *col = -1;
		return;
	}
	for (p = text; p < at; p++) {
		if (*p == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*p & 0xC0) != 0x80) {
			(*col)++;
		}
	}
}

/*
 * Validates base_form with old replaced by new and expects exactly one
 * message: code, at data path, at the place of needle in the edited text
 * (NULL: the top of the file), mentioning part.
 */
static void
expect_one(const char *what, const char *old, const char *new,
	   enum pp_diag_code code, const char *path, const char *needle,
	   const char *part)
{
	char *text = edit(base_form, old, new);
	struct run r;
	char label[256];
	int line = 1, col = 1;

	run_validate(&r, text);
	snprintf(label, sizeof label, "%s: one message", what);
	if (!OK(r.d.n == 1, label)) {
		printf("#   %zu messages:\n", r.d.n);
		run_print(&r);
	}
	if (r.d.n >= 1) {
		const struct pp_diag *g = &r.d.items[0];

		snprintf(label, sizeof label, "%s: code %s", what,
			 pp_diag_code_name(code));
		if (!OK(g->code == code, label))
			run_print(&r);
		snprintf(label, sizeof label, "%s: path", what);
		STR_EQ(g->path, path, label);
		if (needle != NULL)
			where(text, needle, &line, &col);
		snprintf(label, sizeof label, "%s: line", what);
		INT_EQ(g->line, line, label);
		snprintf(label, sizeof label, "%s: column", what);
		INT_EQ(g->col, col, label);
		snprintf(label, sizeof label, "%s: file", what);
		STR_EQ(g->file, "form.yaml", label);
		if (part != NULL) {
			snprintf(label, sizeof label,
				 "%s: message mentions \"%s\"", what, part);
			if (!OK(strstr(g->message, part) != NULL, label))
				printf("#   message: %s\n", g->message);
		}
		snprintf(label, sizeof label, "%s: counted as an error", what);
		INT_EQ(r.errors, g->severity == PP_SEV_ERROR ? 1 : 0, label);
	}
	run_fini(&r);
	free(text);
}

/* Expects base_form with old replaced by new to be accepted silently. */
static void
expect_clean(const char *what, const char *old, const char *new)
{
	char *text = edit(base_form, old, new);
	struct run r;
	char label[256];

	run_validate(&r, text);
	snprintf(label, sizeof label, "%s: accepted", what);
	if (!OK(r.root != NULL && r.d.n == 0 && r.errors == 0, label))
		run_print(&r);
	run_fini(&r);
	free(text);
}

/* --- The model ------------------------------------------------------- */

static void
test_load(void)
{
	OK(convention != NULL, "convention schema loaded");
	STR_EQ(pp_schema_model(convention), "convention", "model name");
	STR_EQ(pp_schema_title(convention), "Convention de partenariat",
	       "model title");
	OK(pp_schema_root(convention) != NULL &&
	       pp_schema_root(convention)->kind == PP_VALUE_MAP,
	   "root specification is a map");
	OK(pp_schema_type(convention, "adresse") != NULL,
	   "named type adresse found");
	OK(pp_schema_type(convention, "adress") == NULL,
	   "unknown named type: NULL");
}

static void
test_base(void)
{
	struct run r;
	char *text;

	run_validate(&r, base_form);
	if (!OK(r.root != NULL && r.d.n == 0, "the base form is valid"))
		run_print(&r);
	INT_EQ(r.errors, 0, "the base form: no errors counted");
	run_fini(&r);

	text = malloc(sizeof base_form + sizeof fiche_projet);
	snprintf(text, sizeof base_form + sizeof fiche_projet, "%s%s",
		 base_form, fiche_projet);
	run_validate(&r, text);
	/* 2026-03-32: the only mistake, in the second action, 1-based. */
	INT_EQ(r.d.n, 1, "fiche projet: one message");
	if (r.d.n == 1) {
		int line, col;

		where(text, "2026-03-32", &line, &col);
		STR_EQ(r.d.items[0].path, "fiche_projet.actions[2].date",
		       "list items are numbered from 1 in paths");
		INT_EQ(r.d.items[0].code, PP_DIAG_BAD_DATE,
		       "fiche projet: bad date");
		INT_EQ(r.d.items[0].line, line, "list item: line");
		INT_EQ(r.d.items[0].col, col, "list item: column");
	}
	run_fini(&r);
	free(text);

	run_validate(&r, "# rien\n");
	INT_EQ(r.d.n, 1, "empty form: one message");
	INT_EQ(r.errors, 1, "empty form: one error");
	OK(r.d.n == 1 && strstr(r.d.items[0].message, "paraphe init") != NULL,
	   "empty form: says how to start");
	run_fini(&r);

	run_validate(&r, "- a\n- b\n");
	INT_EQ(r.d.n, 1, "a list instead of a form: one message");
	OK(r.d.n == 1 && r.d.items[0].code == PP_DIAG_WRONG_TYPE,
	   "a list instead of a form: wrong type");
	run_fini(&r);
}

/* --- Keys ------------------------------------------------------------ */

static void
test_keys(void)
{
	expect_one("typo in a key", "  rcs_ville: Lyon", "  rcs_vile: Lyon",
		   PP_DIAG_UNKNOWN_KEY, "partenaire.rcs_vile", "rcs_vile",
		   "did you mean \"rcs_ville\"?");
	expect_one("typo in a top-level key",
		   "signature:", "signatures:", PP_DIAG_UNKNOWN_KEY,
		   "signatures", "signatures", "did you mean \"signature\"?");
	expect_one("hyphen for underscore", "  capital_social:",
		   "  capital-social:", PP_DIAG_UNKNOWN_KEY,
		   "partenaire.capital-social", "capital-social",
		   "did you mean \"capital_social\"?");
	expect_one("case of a key", "  rcs_ville: Lyon", "  RCS_Ville: Lyon",
		   PP_DIAG_UNKNOWN_KEY, "partenaire.RCS_Ville", "RCS_Ville",
		   "did you mean \"rcs_ville\"?");
	expect_one("unknown key", "  rcs_ville: Lyon",
		   "  rcs_ville: Lyon\n  budget: 5000", PP_DIAG_UNKNOWN_KEY,
		   "partenaire.budget", "budget", "does not use");

	/* Missing keys: reported at the key of the map that lacks them,
	 * with the field's description. */
	expect_one("missing required key",
		   "  denomination: \"Mobilité Verte SAS\"\n", "",
		   PP_DIAG_MISSING_KEY, "partenaire.denomination",
		   "partenaire:", "dénomination sociale ou nom");
	expect_one("required key present but empty",
		   "  denomination: \"Mobilité Verte SAS\"",
		   "  denomination: ~", PP_DIAG_MISSING_KEY,
		   "partenaire.denomination", "denomination: ~", "is empty");
	expect_one("missing qualite", "nom: BENALI, qualite: Président }",
		   "nom: BENALI }", PP_DIAG_MISSING_KEY,
		   "partenaire.signataire.qualite",
		   "signataire: { civilite: M.", "fonction au titre de");
	expect_one("missing section", "signature:\n  lieu: Paris\n", "",
		   PP_DIAG_MISSING_KEY, "signature", NULL,
		   "is missing (comment la convention est signée)");
}

/* --- Types ----------------------------------------------------------- */

static void
test_types(void)
{
	struct run r;
	char *text;
	struct pp_value *v;

	expect_one("a list where text is expected",
		   "objet: \"relayer les messages de la campagne\"",
		   "objet: [relayer, diffuser]", PP_DIAG_WRONG_TYPE,
		   "contenu.objet", "[relayer",
		   "expected a text here, not a list");
	expect_one("text where a list is expected",
		   "emetteur: [\"fournir le kit\"]", "emetteur: \"fournir\"",
		   PP_DIAG_WRONG_TYPE, "contenu.engagements.emetteur",
		   "\"fournir\"", "expected a list");
	expect_one("text where a map is expected", "duree: { fin: 2026-06-30 }",
		   "duree: 2026-06-30", PP_DIAG_WRONG_TYPE, "clauses.duree",
		   "2026-06-30", "a group of keys");
	expect_one("text where a boolean is expected", "titre_gracieux: true",
		   "titre_gracieux: oui", PP_DIAG_WRONG_TYPE,
		   "clauses.titre_gracieux", "oui",
		   "expected true or false, not \"oui\"");
	expect_one("a number with a space", "capital_social: 150000",
		   "capital_social: 150 000", PP_DIAG_WRONG_TYPE,
		   "partenaire.capital_social", "150 000",
		   "digits only (150000, not \"150 000\")");
	expect_one("a number with a comma", "capital_social: 150000",
		   "capital_social: \"150,5\"", PP_DIAG_WRONG_TYPE,
		   "partenaire.capital_social", "\"150,5\"", "digits only");
	expect_one("a decimal where a whole number is expected",
		   "capital_social: 150000", "capital_social: 1.5",
		   PP_DIAG_WRONG_TYPE, "partenaire.capital_social", "1.5",
		   "a whole number");
	expect_one("an empty list item", "emetteur: [\"fournir le kit\"]",
		   "emetteur: [\"fournir le kit\", ~]", PP_DIAG_WRONG_TYPE,
		   "contenu.engagements.emetteur[2]", "~]", "empty");

	/* Scalars written where text is expected become text, as written. */
	text = edit(base_form, "siren: \"903124576\"", "siren: 903124576");
	run_validate(&r, text);
	if (!OK(r.d.n == 0, "siren: 903124576 unquoted is accepted"))
		run_print(&r);
	v = pp_value_path_get(r.root, "partenaire.siren");
	OK(v != NULL && v->kind == PP_VALUE_STRING,
	   "siren written as a number becomes text");
	STR_EQ(pp_value_string(v), "903124576", "siren: the digits");
	run_fini(&r);
	free(text);

	text = edit(base_form, "code_postal: \"69002\"", "code_postal: 01000");
	run_validate(&r, text);
	if (!OK(r.d.n == 0, "code_postal: 01000 unquoted is accepted"))
		run_print(&r);
	STR_EQ(pp_value_string(
		   pp_value_path_get(r.root, "partenaire.adresse.code_postal")),
	       "01000", "code_postal: leading zero kept");
	run_fini(&r);
	free(text);

	text = edit(base_form, "ville: Paris }", "ville: true }");
	run_validate(&r, text);
	STR_EQ(pp_value_string(
		   pp_value_path_get(r.root, "emetteur.adresse.ville")),
	       "true", "a boolean where text is expected: its text");
	run_fini(&r);
	free(text);
}

/* --- Enumerations ---------------------------------------------------- */

static void
test_enums(void)
{
	expect_one("enum: near miss", "forme_juridique: sas",
		   "forme_juridique: sass", PP_DIAG_BAD_CHOICE,
		   "partenaire.forme_juridique", "sass",
		   "did you mean \"sas\"?");
	expect_one("enum: capitals", "forme_juridique: sas",
		   "forme_juridique: SAS", PP_DIAG_BAD_CHOICE,
		   "partenaire.forme_juridique", "juridique: @SAS",
		   "did you mean \"sas\"?");
	expect_one("enum: lists what is allowed", "forme_juridique: sas",
		   "forme_juridique: cooperative", PP_DIAG_BAD_CHOICE,
		   "partenaire.forme_juridique", "cooperative",
		   "(allowed: sa, sas, sasu, sarl,");
	expect_one("enum: one letter missing", "  duree:",
		   "  propriete_intellectuelle: "
		   "kit_eta\n  duree:",
		   PP_DIAG_BAD_CHOICE, "clauses.propriete_intellectuelle",
		   "kit_eta", "did you mean \"kit_etat\"?");
	expect_one("enum given a list", "forme_juridique: sas",
		   "forme_juridique: [sas]", PP_DIAG_WRONG_TYPE,
		   "partenaire.forme_juridique", "[sas]", "one word");
	expect_clean("enum with a dot", "civilite: M.,", "civilite: Mme,");
}

/* --- Dates ----------------------------------------------------------- */

static void
test_dates(void)
{
	static const char *const bad[] = {
	    "2026-02-30", "2026-02-29", "1900-02-29", "2026-13-01",
	    "2026-00-10", "2026-04-31", "2026-3-1",   "01/03/2026",
	    "2026-03-1x", "20260301",	"1899-12-31",
	};
	static const char *const good[] = {
	    "2028-02-29",
	    "2000-02-29",
	    "2026-12-31",
	    "\"2026-03-08\"",
	};
	char with[64], label[128];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof *bad; i++) {
		snprintf(with, sizeof with, "lieu: Paris\n  date: %s", bad[i]);
		snprintf(label, sizeof label, "date %s", bad[i]);
		/* Well-shaped dates that do not exist get a message about
		 * the calendar, the others are told the shape. */
		expect_one(label, "lieu: Paris", with, PP_DIAG_BAD_DATE,
			   "signature.date", bad[i],
			   strlen(bad[i]) == 10 && bad[i][4] == '-' &&
				   bad[i][7] == '-' &&
				   strspn(bad[i], "0123456789-") == 10
			       ? (atoi(bad[i]) < 1900 ? "1900" : "calendar")
			       : "YYYY-MM-DD");
	}
	for (i = 0; i < sizeof good / sizeof *good; i++) {
		snprintf(with, sizeof with, "lieu: Paris\n  date: %s", good[i]);
		snprintf(label, sizeof label, "date %s", good[i]);
		expect_clean(label, "lieu: Paris", with);
	}
	expect_clean("a null date is no date", "lieu: Paris",
		     "lieu: Paris\n  date: null");

	/* not_before: fin may not precede debut; equal is fine. */
	expect_one("dates swapped", "{ debut: 2026-03-01, fin: 2026-03-10 }",
		   "{ debut: 2026-03-10, fin: 2026-03-01 }", PP_DIAG_RULE,
		   "contenu.periode_relais.fin", "2026-03-01 }",
		   "2026-03-01 comes before debut (\"2026-03-10\")");
	expect_clean("one-day period", "{ debut: 2026-03-01, fin: 2026-03-10 }",
		     "{ debut: 2026-03-10, fin: 2026-03-10 }");
	/* A bad date is reported once, not also compared. */
	expect_one("bad date not compared",
		   "{ debut: 2026-03-01, fin: 2026-03-10 }",
		   "{ debut: 2026-03-01, fin: 2026-02-30 }", PP_DIAG_BAD_DATE,
		   "contenu.periode_relais.fin", "2026-02-30", NULL);
}

/* --- Rules ----------------------------------------------------------- */

static void
test_rules(void)
{
	struct run r;
	char *text, *t2;

	expect_one("titre_gracieux: false", "titre_gracieux: true",
		   "titre_gracieux: false", PP_DIAG_RULE,
		   "clauses.titre_gracieux", "false",
		   "must be true: un partenariat de l'État est conclu à titre "
		   "gracieux");

	/* required_if: a company needs its SIREN, an association its RNA. */
	expect_one("sas without siren", "  siren: \"903124576\"\n", "",
		   PP_DIAG_MISSING_KEY, "partenaire.siren", "partenaire:",
		   "required when forme_juridique is \"sas\" (numéro SIREN");
	expect_one("sas with an empty siren", "siren: \"903124576\"",
		   "siren: ", PP_DIAG_MISSING_KEY, "partenaire.siren",
		   "siren:", "is empty; it is required when forme_juridique");
	expect_one("sas without rcs_ville", "  rcs_ville: Lyon\n", "",
		   PP_DIAG_MISSING_KEY, "partenaire.rcs_ville",
		   "partenaire:", "ville du greffe");
	text = edit(base_form,
		    "  forme_juridique: sas\n  capital_social: 150000\n"
		    "  rcs_ville: Lyon\n  siren: \"903124576\"\n",
		    "  forme_juridique: association_1901\n");
	t2 = edit(text, "  forme_juridique: association_1901\n",
		  "  forme_juridique: association_1901\n  rna: W751234567\n");
	run_validate(&r, t2);
	if (!OK(r.d.n == 0, "association with rna, without siren: accepted"))
		run_print(&r);
	run_fini(&r);
	free(t2);
	run_validate(&r, text);
	INT_EQ(r.d.n, 1, "association without rna: one message");
	if (r.d.n == 1) {
		STR_EQ(r.d.items[0].path, "partenaire.rna",
		       "association without rna: path");
		INT_EQ(r.d.items[0].code, PP_DIAG_MISSING_KEY,
		       "association without rna: missing key");
		OK(strstr(r.d.items[0].message, "W suivi de 9 chiffres") !=
		       NULL,
		   "association without rna: description");
	}
	run_fini(&r);
	free(text);
	/* A boolean trigger: traitement: true needs a description. */
	text = edit(base_form, "  duree:",
		    "  donnees_personnelles: { traitement: true, responsable: "
		    "partenaire }\n  duree:");
	run_validate(&r, text);
	INT_EQ(r.d.n, 1, "traitement: true without description: one message");
	if (r.d.n == 1)
		STR_EQ(r.d.items[0].path,
		       "clauses.donnees_personnelles.description",
		       "required_if on a boolean: path");
	run_fini(&r);
	free(text);
	expect_clean("traitement: false needs no description", "  duree:",
		     "  donnees_personnelles: { traitement: false }\n  duree:");

	/* min and max. */
	expect_one("below min", "  lieu: Paris",
		   "  lieu: Paris\n  exemplaires: 0", PP_DIAG_OUT_OF_RANGE,
		   "signature.exemplaires", "exemplaires: @0",
		   "0 is below the minimum, 1");
	expect_one("above max", "  lieu: Paris",
		   "  lieu: Paris\n  exemplaires: 11", PP_DIAG_OUT_OF_RANGE,
		   "signature.exemplaires", "exemplaires: @11",
		   "11 is above the maximum, 10");
	expect_clean("at max", "  lieu: Paris",
		     "  lieu: Paris\n  exemplaires: 10");
	expect_one("negative capital", "capital_social: 150000",
		   "capital_social: -1", PP_DIAG_OUT_OF_RANGE,
		   "partenaire.capital_social", "social: @-1", "minimum, 0");

	/* Lengths. */
	expect_one("empty text", "denomination: \"Mobilité Verte SAS\"",
		   "denomination: \"\"", PP_DIAG_BAD_LENGTH,
		   "partenaire.denomination", "\"\"", "at least 1 characters");
	expect_one("empty list", "[\"MINISTÈRE\", \"DE LA CULTURE\"]", "[]",
		   PP_DIAG_BAD_LENGTH, "emetteur.intitule_bloc_marque", "[]",
		   "at least 1 items");
	expect_one("list too long", "[\"MINISTÈRE\", \"DE LA CULTURE\"]",
		   "[A, B, C, D, E, F]", PP_DIAG_BAD_LENGTH,
		   "emetteur.intitule_bloc_marque", "[A,",
		   "at most 5 items are allowed; there are 6");

	/* Patterns, with their help text. */
	expect_one("pattern", "id: mobilite-verte", "id: Mobilité Verte",
		   PP_DIAG_BAD_PATTERN, "partenaire.id", "Mobilité Verte",
		   "minuscules, chiffres et tirets");
	expect_one("pattern must match the whole text", "id: mobilite-verte",
		   "id: mobilite-verte!", PP_DIAG_BAD_PATTERN, "partenaire.id",
		   "mobilite-verte!", "\"mobilite-verte!\"");
	expect_one("pattern anchored at the start", "id: mobilite-verte",
		   "id: -mobilite", PP_DIAG_BAD_PATTERN, "partenaire.id",
		   "-mobilite", NULL);
	expect_one("pattern in a list item", "\"DE LA CULTURE\"",
		   "\"de la culture\"", PP_DIAG_BAD_PATTERN,
		   "emetteur.intitule_bloc_marque[2]", "\"de la culture\"",
		   "capitales");
	expect_clean("pattern: digits only id", "id: mobilite-verte",
		     "id: 8mars");

	/* Formats. */
	expect_one("siren with a bad check digit", "siren: \"903124576\"",
		   "siren: \"903124577\"", PP_DIAG_BAD_FORMAT,
		   "partenaire.siren", "\"903124577\"", "Luhn");
	expect_one("old prefecture number: a warning", "  rcs_ville: Lyon",
		   "  rcs_ville: Lyon\n  rna: \"0751/12345\"",
		   PP_DIAG_IDENTIFIER_WARNING, "partenaire.rna", "\"0751/",
		   "prefecture");
}

/* --- Defaults -------------------------------------------------------- */

static void
test_defaults(void)
{
	struct run r;
	struct pp_value *v;

	run_validate(&r, base_form);
	v = pp_value_path_get(r.root, "document.statut");
	STR_EQ(pp_value_string(v), "brouillon",
	       "default: document.statut is brouillon");
	v = pp_value_path_get(r.root, "document.types");
	OK(v != NULL && v->kind == PP_VALUE_LIST && v->u.list.n == 2,
	   "default: document.types has both documents");
	STR_EQ(pp_value_string(pp_value_path_get(r.root, "document.types.1")),
	       "fiche_projet", "default: document.types[2]");
	STR_EQ(pp_value_string(pp_value_path_get(r.root, "signature.mode")),
	       "manuscrite", "default: signature.mode is manuscrite");
	v = pp_value_path_get(r.root, "signature.exemplaires");
	OK(v != NULL && v->kind == PP_VALUE_INT && v->u.integer == 2,
	   "default: signature.exemplaires is 2");
	v = pp_value_path_get(r.root, "clauses.titre_gracieux");
	OK(v != NULL && v->kind == PP_VALUE_BOOL && v->u.boolean,
	   "given: titre_gracieux stays true");
	STR_EQ(pp_value_string(pp_value_path_get(r.root, "document.titre")),
	       "Convention de partenariat",
	       "default inside a defaulted map: document.titre");
	OK(pp_value_path_get(r.root, "clauses.resiliation") == NULL,
	   "a map without a default stays absent");
	STR_EQ(pp_value_string(
		   pp_value_path_get(r.root, "partenaire.adresse.pays")),
	       "France", "default in a named type: pays France");
	STR_EQ(pp_value_string(pp_value_path_get(r.root, "clauses.duree."
							 "entree_en_vigueur")),
	       "derniere_signature", "default beside a given key");
	OK(pp_value_path_get(r.root, "partenaire.siret") == NULL,
	   "no default: siret stays absent");
	OK(pp_value_path_get(r.root, "partenaire.logo") == NULL,
	   "no default: logo stays absent");
	v = pp_value_path_get(r.root, "signature.mode");
	OK(v != NULL && v->pos.line > 0, "a default has a position");
	run_fini(&r);

	/* A given value is not replaced; a null one takes the default. */
	{
		char *text = edit(base_form, "  lieu: Paris",
				  "  lieu: Paris\n  mode: electronique\n"
				  "  exemplaires: ~");

		run_validate(&r, text);
		STR_EQ(pp_value_string(
			   pp_value_path_get(r.root, "signature.mode")),
		       "electronique", "default: given value kept");
		v = pp_value_path_get(r.root, "signature.exemplaires");
		OK(v != NULL && v->kind == PP_VALUE_INT && v->u.integer == 2,
		   "default: a null value takes the default");
		INT_EQ(r.d.n, 0, "default: no message");
		run_fini(&r);
		free(text);
	}
}

/* --- Malformed schemas ----------------------------------------------- */

static char tmpdir[] = "/tmp/test-schema-XXXXXX";

/* Writes text to tmpdir/name; returns the path (static buffer). */
static const char *
write_tmp(const char *name, const char *text)
{
	static char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f == NULL)
		return path;
	fputs(text, f);
	fclose(f);
	return path;
}

/* Expects the schema text (with the types file types, or none) to be
 * refused with code at line:col, mentioning part. */
static void
expect_bad_schema(const char *what, const char *text, const char *types,
		  enum pp_diag_code code, int line, int col, const char *part)
{
	char schema_path[256], types_path[256], label[256];
	struct pp_schema *s;
	struct pp_error err;

	snprintf(schema_path, sizeof schema_path, "%s",
		 write_tmp("schema.yaml", text));
	if (types != NULL)
		snprintf(types_path, sizeof types_path, "%s",
			 write_tmp("types.yaml", types));
	pp_error_init(&err);
	s = pp_schema_load(schema_path, types != NULL ? types_path : NULL,
			   &err);
	snprintf(label, sizeof label, "%s: refused", what);
	OK(s == NULL, label);
	pp_schema_free(s);
	snprintf(label, sizeof label, "%s: code %s", what,
		 pp_diag_code_name(code));
	if (!OK(err.code == code, label))
		printf("#   got %s: %s\n", pp_diag_code_name(err.code),
		       err.message);
	snprintf(label, sizeof label, "%s: file", what);
	/* The error names whichever file is wrong. */
	OK(strncmp(err.file, tmpdir, strlen(tmpdir)) == 0, label);
	snprintf(label, sizeof label, "%s: line", what);
	INT_EQ(err.line, line, label);
	snprintf(label, sizeof label, "%s: column", what);
	INT_EQ(err.col, col, label);
	if (part != NULL) {
		snprintf(label, sizeof label, "%s: message mentions \"%s\"",
			 what, part);
		if (!OK(strstr(err.message, part) != NULL, label))
			printf("#   message: %s\n", err.message);
	}
}

static void
test_bad_schemas(void)
{
	struct pp_schema *s;
	struct pp_error err;
	char path[256];

	if (!OK(mkdtemp(tmpdir) != NULL, "temporary folder created"))
		return;

	/* A good one first, so that the failures below are the files'. */
	pp_error_init(&err);
	snprintf(path, sizeof path, "%s",
		 write_tmp("schema.yaml",
			   "model: essai\n"
			   "form:\n"
			   "  type: map\n"
			   "  fields:\n"
			   "    nom: { type: string, pattern: \"[a-z]+\" }\n"));
	s = pp_schema_load(path, NULL, &err);
	if (!OK(s != NULL, "a small valid schema loads"))
		printf("#   %s\n", err.message);
	STR_EQ(s != NULL ? pp_schema_title(s) : NULL, "essai",
	       "title defaults to the model name");
	pp_schema_free(s);

	expect_bad_schema("unknown keyword",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    nom: { type: string, requird: true }\n",
			  NULL, PP_DIAG_SCHEMA, 5, 26, "\"requird\"");
	expect_bad_schema("unknown type",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    nom: { type: strin }\n",
			  NULL, PP_DIAG_SCHEMA, 5, 10, "\"strin\"");
	expect_bad_schema("bad pattern",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    nom:\n"
			  "      type: string\n"
			  "      pattern: \"[a-\"\n",
			  NULL, PP_DIAG_SCHEMA, 7, 16, "bad pattern");
	expect_bad_schema("unknown format",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    nom: { type: string, format: iban }\n",
			  NULL, PP_DIAG_SCHEMA, 5, 34, "\"iban\"");
	expect_bad_schema("values not a list",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    choix: { type: enum, values: oui }\n",
			  NULL, PP_DIAG_SCHEMA, 5, 34, "list");
	expect_bad_schema("fields not a map",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields: [a, b]\n",
			  NULL, PP_DIAG_SCHEMA, 4, 11, "fields");
	expect_bad_schema("a specification without type",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    nom: { required: true }\n",
			  NULL, PP_DIAG_SCHEMA, 5, 10, "\"type\"");
	expect_bad_schema(
	    "nested bad items",
	    "model: essai\n"
	    "form:\n"
	    "  type: map\n"
	    "  fields:\n"
	    "    liste:\n"
	    "      type: list\n"
	    "      items: { type: map, fields: { x: { type: nope } "
	    "} }\n",
	    NULL, PP_DIAG_SCHEMA, 7, 40, "\"nope\"");
	expect_bad_schema("no form",
			  "model: essai\n"
			  "title: Essai\n",
			  NULL, PP_DIAG_SCHEMA, 1, 1, "\"form\"");
	expect_bad_schema("types in the schema",
			  "model: essai\n"
			  "form: { type: map }\n"
			  "types:\n"
			  "  x: { type: string }\n",
			  NULL, PP_DIAG_SCHEMA, 4, 3, "types.yaml");
	/* Errors in the types file name it. */
	expect_bad_schema("types file without types",
			  "model: essai\n"
			  "form: { type: map }\n",
			  "version: 1\ntipes: {}\n", PP_DIAG_SCHEMA, 1, 1,
			  "\"types\"");
	expect_bad_schema("unknown keyword in the types file",
			  "model: essai\n"
			  "form: { type: map }\n",
			  "types:\n  nom: { type: string, maxlength: 3 }\n",
			  PP_DIAG_SCHEMA, 2, 24, "\"maxlength\"");
	expect_bad_schema("unknown named type used by the schema",
			  "model: essai\n"
			  "form:\n"
			  "  type: map\n"
			  "  fields:\n"
			  "    a: { type: adresse }\n",
			  "types:\n  adress: { type: string }\n",
			  PP_DIAG_SCHEMA, 5, 8, "\"adresse\"");
	/* A YAML mistake in a schema keeps its YAML code. */
	expect_bad_schema("duplicate key in a schema",
			  "model: essai\nmodel: autre\nform: { type: map }\n",
			  NULL, PP_DIAG_YAML_DUPLICATE_KEY, 2, 1, "line 1");

	snprintf(path, sizeof path, "%s/schema.yaml", tmpdir);
	unlink(path);
	pp_error_init(&err);
	OK(pp_schema_load(path, NULL, &err) == NULL, "missing schema: NULL");
	INT_EQ(err.code, PP_DIAG_IO, "missing schema: io error");
	snprintf(path, sizeof path, "%s/types.yaml", tmpdir);
	unlink(path);
	rmdir(tmpdir);
}

/* --- "À COMPLÉTER" and what a form needs ----------------------------- */

static void
test_placeholders(void)
{
	static const char *const held[] = {
	    "À COMPLÉTER",
	    "à compléter",
	    "A COMPLETER",
	    "Vélos À COMPLÉTER",
	    "  À Compléter  ",
	    /* folded whole: mixed case, spaces around (tabs, new lines) */
	    "\t à Compléter \n",
	    "A completer",
	    "À complÉter",
	};
	static const char *const not_held[] = {
	    "",
	    "À COMPLÉTÉ",
	    "compléter",
	    "à complé ter",
	    "Mobilité Verte",
	    "Les dates restent à compléter avec le Partenaire.",
	    /* too short or too long to fold into it */
	    "completer",
	    "à compléter à compléter à compléter à compléter",
	};
	size_t i;
	int need;

	for (i = 0; i < sizeof held / sizeof *held; i++)
		OK(pp_schema_is_placeholder(held[i]), held[i]);
	for (i = 0; i < sizeof not_held / sizeof *not_held; i++)
		OK(!pp_schema_is_placeholder(not_held[i]), not_held[i]);
	OK(!pp_schema_is_placeholder("\xc3"), "invalid UTF-8: no placeholder");

	/* One error, at the value, of the placeholder's code, that says what
	 * to write: no SIREN check, no date error behind it. */
	expect_one("SIREN left blank", "siren: \"903124576\"",
		   "siren: À COMPLÉTER", PP_DIAG_PLACEHOLDER,
		   "partenaire.siren", "À COMPLÉTER", "forme_juridique");
	expect_one("date left blank", "fin: 2026-06-30", "fin: \"À COMPLÉTER\"",
		   PP_DIAG_PLACEHOLDER, "clauses.duree.fin", "\"À COMPLÉTER\"",
		   "YYYY-MM-DD");
	expect_one("choice left blank", "forme_juridique: sas",
		   "forme_juridique: À COMPLÉTER\n  rna: W691002345",
		   PP_DIAG_PLACEHOLDER, "partenaire.forme_juridique",
		   "À COMPLÉTER", "association_1901");
	expect_one("number left blank", "capital_social: 150000",
		   "capital_social: a completer", PP_DIAG_PLACEHOLDER,
		   "partenaire.capital_social", "a completer", "optional");
	expect_one("list item left blank", "[\"fournir le kit\"]",
		   "[\"fournir le kit\", \"À COMPLÉTER\"]", PP_DIAG_PLACEHOLDER,
		   "contenu.engagements.emetteur[2]", "\"À COMPLÉTER\"]",
		   "this item");

	STR_EQ(pp_schema_field_need(convention, "partenaire.siren", &need),
	       "forme_juridique", "siren: required with forme_juridique");
	INT_EQ(need, PP_FIELD_REQUIRED_IF, "siren: required if");
	pp_schema_field_need(convention, "partenaire.denomination", &need);
	INT_EQ(need, PP_FIELD_REQUIRED, "denomination: required");
	STR_EQ(
	    pp_schema_field_need(convention, "partenaire.contact.nom", &need),
	    "contact", "contact.nom: needed with a contact");
	INT_EQ(need, PP_FIELD_REQUIRED_IN, "contact.nom: required in contact");
	pp_schema_field_need(convention, "partenaire.contact.fonction", &need);
	INT_EQ(need, PP_FIELD_OPTIONAL, "contact.fonction: optional");
	pp_schema_field_need(convention, "contenu.engagements.emetteur.0",
			     &need);
	INT_EQ(need, PP_FIELD_REQUIRED, "an item of a required list");
	STR_EQ(pp_schema_field_need(convention, "annexes.0.titre", &need),
	       "annexes", "an annex's title: needed in each annex");
	INT_EQ(need, PP_FIELD_REQUIRED_IN, "an annex's title");
	pp_schema_field_need(convention, "contenu.preambule.1", &need);
	INT_EQ(need, PP_FIELD_OPTIONAL, "an item of an optional list");
	STR_EQ(pp_schema_field_need(convention, "clauses.neutralite", &need),
	       "true", "neutralite: must stay true");
	INT_EQ(need, PP_FIELD_FIXED, "neutralite: fixed");
	pp_schema_field_need(convention, "partenaire.sirene", &need);
	INT_EQ(need, PP_FIELD_UNKNOWN, "an unknown key");
}

int
main(void)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	char schema_path[1024], types_path[1024];
	struct pp_error err;

	if (datadir == NULL)
		datadir = "..";
	snprintf(schema_path, sizeof schema_path,
		 "%s/models/convention/schema.yaml", datadir);
	snprintf(types_path, sizeof types_path, "%s/models/types.yaml",
		 datadir);
	pp_error_init(&err);
	convention = pp_schema_load(schema_path, types_path, &err);
	if (convention == NULL) {
		printf("Bail out! cannot load %s: %s\n", schema_path,
		       err.message);
		return 1;
	}
	test_load();
	test_base();
	test_keys();
	test_types();
	test_enums();
	test_dates();
	test_rules();
	test_defaults();
	test_placeholders();
	test_bad_schemas();
	pp_schema_free(convention);
	return harness_done();
}
