/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/expr.c: parse errors and their messages, paths (nested,
 * list items, loop variables shadowing the form), absent paths and their
 * suggestions, every filter with exact bytes (NBSP is U+00A0, NNBSP
 * U+202F), filters on the wrong type, the truth of conditions, comparisons,
 * "in", the precedence of and/or/not, and values printed as text.
 */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "expr.h"
#include "value.h"
#include "yamlin.h"

#include "../harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"

static const char form_yaml[] =
    "partenaire:\n"
    "  denomination: \"Mobilit\xc3\xa9 Verte SAS\"\n"
    "  effectif: 42\n"
    "  siren: \"123456789\"\n"
    "  adresse:\n"
    "    ville: Lyon\n"
    "    code_postal: \"69002\"\n"
    "contenu:\n"
    "  periode:\n"
    "    debut: 2026-03-01\n"
    "    fin: 2026-03-08\n"
    "  montant: 150000\n"
    "  petit: 1500\n"
    "  negatif: -1500\n"
    "  taux: 2.5\n"
    "  enorme: 1000000000000000000\n"
    "  canaux: [affichage, radio, \"r\xc3\xa9seaux sociaux\"]\n"
    "  un_canal: [radio]\n"
    "  deux_canaux: [radio, presse]\n"
    "  vide: []\n"
    "  nombres: [1, 2, 3]\n"
    "  groupes: [{a: 1}]\n"
    "  texte_vide: \"\"\n"
    "  rien: null\n"
    "  zero: 0\n"
    "  actif: true\n"
    "  inactif: false\n"
    "  titre: \"\xc3\xa9tat des lieux\"\n"
    "  crie: \"\xc3\x89GALIT\xc3\x89 \xc3\x87\x41\"\n"
    "  description: \"Un **texte** en *Markdown*\"\n"
    "  pas_une_date: \"2026-02-30\"\n"
    "  annexes:\n"
    "    - titre: Kit de communication\n"
    "    - titre: Calendrier\n";

static struct pp_arena *arena;
static struct pp_value *form;
static const struct pp_expr_scope *scope;

static int
contains(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static void
env_init(struct pp_expr_env *env)
{
	env->arena = arena;
	env->root = form;
	env->scope = scope;
}

/* Parses src, expecting failure with a message containing each part. */
static void
expect_parse_error(const char *src, const char *part1, const char *part2)
{
	struct pp_buf msg;
	struct pp_expr *e;
	char label[300];

	pp_buf_init(&msg);
	e = pp_expr_parse(arena, src, strlen(src), &msg);
	snprintf(label, sizeof label, "parse \"%.60s\": rejected", src);
	OK(e == NULL, label);
	snprintf(label, sizeof label, "parse \"%.60s\": message has \"%s\"",
		 src, part1);
	if (!OK(contains(pp_buf_str(&msg), part1), label))
		printf("#   message: %s\n", pp_buf_str(&msg));
	if (part2 != NULL) {
		snprintf(label, sizeof label,
			 "parse \"%.60s\": message has \"%s\"", src, part2);
		if (!OK(contains(pp_buf_str(&msg), part2), label))
			printf("#   message: %s\n", pp_buf_str(&msg));
	}
	pp_buf_fini(&msg);
}

static struct pp_expr *
parse_ok(const char *src)
{
	struct pp_buf msg;
	struct pp_expr *e;

	pp_buf_init(&msg);
	e = pp_expr_parse(arena, src, strlen(src), &msg);
	if (e == NULL)
		printf("# cannot parse \"%s\": %s\n", src, pp_buf_str(&msg));
	pp_buf_fini(&msg);
	return e;
}

/* Evaluates src and prints the value: want is the text, or NULL to expect
 * the result code res (with a message containing part). */
static void
expect_eval(const char *src, enum pp_expr_result res, const char *want,
	    const char *part)
{
	struct pp_expr *e = parse_ok(src);
	struct pp_expr_env env;
	struct pp_value *v = NULL;
	struct pp_buf msg, text;
	enum pp_expr_result r;
	char label[300];

	snprintf(label, sizeof label, "eval \"%.80s\": parses", src);
	if (!OK(e != NULL, label))
		return;
	env_init(&env);
	pp_buf_init(&msg);
	pp_buf_init(&text);
	r = pp_expr_eval(e, &env, &v, &msg);
	snprintf(label, sizeof label, "eval \"%.80s\": result %d", src,
		 (int)res);
	if (!OK(r == res, label))
		printf("#   got %d: %s\n", (int)r, pp_buf_str(&msg));
	if (r == PP_EXPR_OK && res == PP_EXPR_OK) {
		snprintf(label, sizeof label, "eval \"%.80s\": as text", src);
		OK(pp_expr_value_text(v, &text, &msg) == 0, label);
		snprintf(label, sizeof label, "eval \"%.80s\": gives \"%s\"",
			 src, want);
		STR_EQ(pp_buf_str(&text), want, label);
	}
	if (part != NULL) {
		snprintf(label, sizeof label, "eval \"%.80s\": says \"%s\"",
			 src, part);
		if (!OK(contains(pp_buf_str(&msg), part), label))
			printf("#   message: %s\n", pp_buf_str(&msg));
	}
	pp_buf_fini(&msg);
	pp_buf_fini(&text);
}

static void
expect_text(const char *src, const char *want)
{
	expect_eval(src, PP_EXPR_OK, want, NULL);
}

static void
expect_error(const char *src, const char *part)
{
	expect_eval(src, PP_EXPR_ERROR, NULL, part);
}

static void
expect_absent(const char *src, const char *part)
{
	expect_eval(src, PP_EXPR_ABSENT, NULL, part);
}

/* pp_expr_test: want 0, 1, or -1 (with a message containing part). */
static void
expect_test(const char *src, int want, const char *part)
{
	struct pp_expr *e = parse_ok(src);
	struct pp_expr_env env;
	struct pp_buf msg;
	char label[300];
	int t;

	snprintf(label, sizeof label, "test \"%.80s\": parses", src);
	if (!OK(e != NULL, label))
		return;
	env_init(&env);
	pp_buf_init(&msg);
	t = pp_expr_test(e, &env, &msg);
	snprintf(label, sizeof label, "test \"%.80s\" is %d", src, want);
	INT_EQ(t, want, label);
	if (want >= 0) {
		snprintf(label, sizeof label, "test \"%.80s\": no message",
			 src);
		if (!OK(msg.len == 0, label))
			printf("#   message: %s\n", pp_buf_str(&msg));
	}
	if (part != NULL) {
		snprintf(label, sizeof label, "test \"%.80s\": says \"%s\"",
			 src, part);
		if (!OK(contains(pp_buf_str(&msg), part), label))
			printf("#   message: %s\n", pp_buf_str(&msg));
	}
	pp_buf_fini(&msg);
}

/* ------------------------------------------------------------------ */

static void
test_parse_errors(void)
{
	char deep[2200];
	size_t i;

	expect_parse_error("", "empty", NULL);
	expect_parse_error(" \t\n ", "empty", NULL);
	/* an unterminated string names where it starts */
	expect_parse_error("\"abc", "\"abc", "character 1");
	expect_parse_error("a == \"abc", "\"abc", "character 6");
	/* an unknown filter lists the known ones */
	expect_parse_error(
	    "a | majuscules", "unknown filter \"majuscules\"",
	    "date, date_courte, date_debut, euros, nombre, en_lettres, "
	    "nombre_en_lettres, identifiant, upper, lower, capitalize, "
	    "minuscule_initiale, default, join, count, "
	    "markdown");
	expect_parse_error("a | default", "needs an argument", "| default: \"");
	expect_parse_error("a | default:", "expected a value",
			   "expression ends");
	expect_parse_error("a | upper: \"x\"", "takes no argument", NULL);
	expect_parse_error("a |", "filter name", NULL);
	expect_parse_error("a | 12", "filter name", "\"12\"");
	/* trailing garbage */
	expect_parse_error("a b", "expected \"|\", an operator or the end",
			   "\"b\" (at character 3)");
	expect_parse_error("a == 1 2", "expected \"|\"", "character 8");
	expect_parse_error("a)", "expected \"|\"", "\")\"");
	/* operators without operands */
	expect_parse_error("a and", "expected a value", "expression ends");
	expect_parse_error("and a", "expected a value", "\"and\"");
	expect_parse_error("a or or b", "expected a value", "\"or\"");
	expect_parse_error("not", "expected a value", "expression ends");
	expect_parse_error("a ==", "expected a value", NULL);
	expect_parse_error("== a", "expected a value", "character 1");
	expect_parse_error("a in", "expected a value", NULL);
	expect_parse_error("(a", "expected \")\"", NULL);
	expect_parse_error("()", "expected a value", NULL);
	expect_parse_error("a @ b", "\"@\"", NULL);
	expect_parse_error("a.", "expected \"|\"", NULL);
	expect_parse_error("1.2.3", "expected a number", NULL);
	expect_parse_error("99999999999999999999999", "expected a number",
			   NULL);
	/* nesting: 50 levels are fine, more than 64 are refused */
	for (i = 0; i < 50; i++)
		deep[i] = '(';
	deep[50] = 'a';
	for (i = 0; i < 50; i++)
		deep[51 + i] = ')';
	deep[101] = '\0';
	OK(parse_ok(deep) != NULL, "50 nested parentheses parse");
	for (i = 0; i < 70; i++)
		deep[i] = '(';
	deep[70] = 'a';
	for (i = 0; i < 70; i++)
		deep[71 + i] = ')';
	deep[141] = '\0';
	expect_parse_error(deep, "nested too deeply", NULL);
	for (i = 0; i < 2000; i++)
		deep[i] = '(';
	deep[2000] = '\0';
	expect_parse_error(deep, "nested too deeply", NULL);
	for (i = 0; i < 500; i++)
		memcpy(deep + 4 * i, "not ", 4);
	strcpy(deep + 2000, "a");
	expect_parse_error(deep, "nested too deeply", NULL);
	for (i = 0; i < 1000; i++)
		memcpy(deep + 2 * i, "-(", 2);
	deep[2000] = '\0';
	expect_parse_error(deep, "expected a value", NULL);
	/* long chains: evaluation recurses once per operator or filter, so
	 * their number is bounded too (600 000 "and" overflowed the stack) */
	for (i = 0; i < 200; i++)
		memcpy(deep + 6 * i, "a and ", 6);
	strcpy(deep + 1200, "a");
	OK(parse_ok(deep) != NULL, "200 \"and\" parse");
	expect_test(deep, 0, NULL);
	for (i = 0; i < 300; i++)
		memcpy(deep + 6 * i, "a or  ", 6);
	strcpy(deep + 1800, "a");
	expect_parse_error(deep, "too many operators and filters", NULL);
	strcpy(deep, "e");
	for (i = 0; i < 256; i++)
		strcat(deep, "|upper");
	OK(parse_ok(deep) != NULL, "256 filters parse");
	strcat(deep, "|upper");
	expect_parse_error(deep, "too many operators and filters", NULL);
	/* parsing stops at len, not at a NUL */
	{
		struct pp_buf msg;

		pp_buf_init(&msg);
		OK(pp_expr_parse(arena, "a | upperXYZ", 9, &msg) != NULL,
		   "parse: only len bytes are read");
		OK(pp_expr_parse(arena, "a\0b", 3, &msg) == NULL,
		   "parse: a NUL byte is an error");
		pp_buf_fini(&msg);
	}
}

static void
test_paths(void)
{
	expect_text("partenaire.denomination", "Mobilit\xc3\xa9 Verte SAS");
	expect_text("partenaire.adresse.ville", "Lyon");
	expect_text("partenaire.adresse.code_postal", "69002");
	expect_text("partenaire.effectif", "42");
	expect_text("contenu.canaux.0", "affichage");
	expect_text("contenu.canaux.2", "r\xc3\xa9seaux sociaux");
	expect_text("contenu.annexes.1.titre", "Calendrier");
	expect_text("  contenu.canaux.1  ", "radio");
	expect_text("(contenu.canaux.1)", "radio");

	/* absent paths, with a suggestion when a key is close */
	expect_absent("partenaire.denominaton",
		      "did you mean \"denomination\"");
	expect_absent("partenaire.denominaton",
		      "no \"denominaton\" in \"partenaire.denominaton\"");
	expect_absent("partenair.denomination", "did you mean \"partenaire\"");
	expect_absent("partenaire.adresse.vile", "did you mean \"ville\"");
	expect_absent("partenaire.telephone_portable",
		      "gives no value for \"partenaire.telephone_portable\"");
	expect_absent("contenu.rien", "contenu.rien");
	expect_absent("contenu.canaux.7", "contenu.canaux.7");
	expect_absent("contenu.canaux.x", "contenu.canaux.x");
	/* an index is all digits (fuzzing found "annexes.1rdown") */
	expect_absent("contenu.canaux.1x", "contenu.canaux.1x");
	expect_absent("contenu.annexes.1rdown.titre", "annexes.1rdown");
	expect_text("contenu.canaux.01", "radio");
	expect_absent("partenaire.denomination.x", "partenaire.denomination.x");
	expect_absent(
	    "partenaire.une_cle_bien_trop_longue_pour_le_tampon_de_128_"
	    "octets_une_cle_bien_trop_longue_pour_le_tampon_de_128_octets_"
	    "une_cle_bien_trop_longue",
	    "gives no value");
	{
		struct pp_buf msg;
		struct pp_expr *e = parse_ok("partenaire.telephone");
		struct pp_expr_env env;
		struct pp_value *v = NULL;

		pp_buf_init(&msg);
		env_init(&env);
		OK(e != NULL &&
		       pp_expr_eval(e, &env, &v, &msg) == PP_EXPR_ABSENT &&
		       !contains(pp_buf_str(&msg), "did you mean"),
		   "absent: no suggestion when no key is close");
		pp_buf_fini(&msg);
	}
}

static void
test_scope(void)
{
	struct pp_value *shadow, *loop, *item;
	struct pp_expr_scope s_item, s_loop, s_shadow;

	/* <each in="contenu.annexes" as="a">, second item */
	item = form->u.map.items[1].value;
	item = pp_value_map_get(item, "annexes")->u.list.items[1];
	loop = pp_value_new(arena, PP_VALUE_MAP, NULL);
	pp_value_map_append(arena, loop, "index", NULL,
			    pp_value_new_int(arena, 2, NULL));
	pp_value_map_append(arena, loop, "first", NULL,
			    pp_value_new_bool(arena, 0, NULL));
	pp_value_map_append(arena, loop, "last", NULL,
			    pp_value_new_bool(arena, 1, NULL));
	/* an outer loop variable named like a form key */
	shadow = pp_value_new_string(arena, "ombre", 5, NULL);
	s_shadow.name = "partenaire";
	s_shadow.value = shadow;
	s_shadow.parent = NULL;
	s_item.name = "a";
	s_item.value = item;
	s_item.parent = &s_shadow;
	s_loop.name = "loop";
	s_loop.value = loop;
	s_loop.parent = &s_item;
	scope = &s_loop;

	expect_text("a.titre", "Calendrier");
	expect_text("loop.index", "2");
	expect_text("loop.last", "oui");
	expect_test("loop.first", 0, NULL);
	expect_test("not loop.first and loop.last", 1, NULL);
	expect_text("partenaire", "ombre");
	expect_absent("partenaire.denomination", "partenaire.denomination");
	expect_text("contenu.montant", "150000");
	expect_absent("a.tire", "did you mean \"titre\"");
	/* the loop variable is a whole name, not a prefix */
	expect_absent("ab", "ab");

	/* an inner variable hides an outer one of the same name */
	s_item.name = "partenaire";
	expect_text("partenaire.titre", "Calendrier");
	scope = NULL;
	expect_text("partenaire.adresse.ville", "Lyon");
}

static void
test_filters(void)
{
	/* dates: exact bytes, NBSP between day, month and year */
	expect_text("contenu.periode.debut | date",
		    "1er" NBSP "mars" NBSP "2026");
	expect_text("contenu.periode.debut | date", "1er\xc2\xa0mars\xc2\xa0"
						    "2026");
	expect_text("contenu.periode.fin | date", "8" NBSP "mars" NBSP "2026");
	expect_text("\"2026-12-25\" | date", "25" NBSP "d\xc3\xa9"
					     "cembre" NBSP "2026");
	expect_text("contenu.periode.debut | date_courte", "01/03/2026");
	expect_text("\"2026-12-25\" | date_courte", "25/12/2026");
	/* the start of a period: only what its end does not repeat */
	expect_text("contenu.periode.debut | date_debut: contenu.periode.fin",
		    "1er");
	expect_text("\"2026-02-28\" | date_debut: contenu.periode.fin",
		    "28" NBSP "f\xc3\xa9vrier");
	expect_text("\"2025-12-15\" | date_debut: contenu.periode.fin",
		    "15" NBSP "d\xc3\xa9"
		    "cembre" NBSP "2025");
	expect_text("contenu.periode.debut | date_debut: \"pas une date\"",
		    "1er" NBSP "mars" NBSP "2026");
	expect_error("contenu.pas_une_date | date_debut: contenu.periode.fin",
		     "\"2026-02-30\" is not a date");
	expect_parse_error("a | date_debut", "needs an argument",
			   "| date_debut: \"");
	expect_error("contenu.pas_une_date | date",
		     "\"2026-02-30\" is not a date");
	expect_error("contenu.pas_une_date | date_courte", "is not a date");
	expect_error("partenaire.denomination | date", "is not a date");
	expect_error("contenu.canaux | date", "list");
	expect_error("partenaire | date_courte", "group of keys");

	/* amounts and numbers: U+202F */
	expect_text("contenu.montant | euros",
		    "150" NNBSP "000" NNBSP "\xe2\x82\xac");
	expect_text("contenu.petit | euros",
		    "1" NNBSP "500" NNBSP "\xe2\x82\xac");
	expect_text("contenu.zero | euros", "0" NNBSP "\xe2\x82\xac");
	expect_text("800000 | nombre", "800" NNBSP "000");
	expect_text("contenu.petit | nombre", "1" NNBSP "500");
	expect_text("contenu.negatif | nombre", "-1" NNBSP "500");
	expect_text("contenu.montant | en_lettres",
		    "cent cinquante mille euros");
	expect_text("1 | en_lettres", "un euro");
	expect_text("80 | en_lettres", "quatre-vingts euros");
	expect_error("contenu.enorme | en_lettres",
		     "too large to be written in words");
	expect_error("partenaire.siren | euros", "needs a whole number");
	expect_error("partenaire.siren | euros", "a text");
	expect_error("contenu.taux | nombre", "needs a whole number");
	expect_error("contenu.actif | en_lettres", "\"en_lettres\"");
	/* identifiers grouped as INSEE prints them (DOMAIN §2.4) */
	expect_text("partenaire.siren | identifiant",
		    "123" NNBSP "456" NNBSP "789");
	expect_text("\"84471902100017\" | identifiant",
		    "844" NNBSP "719" NNBSP "021" NNBSP "00017");
	expect_text("\"W751234567\" | identifiant", "W751234567");
	expect_text("\"12345\" | identifiant", "12345");
	/* durations in words (DOMAIN §2.4): bare, or with the noun counted */
	expect_text("30 | nombre_en_lettres", "trente");
	expect_text("21 | nombre_en_lettres", "vingt et un");
	expect_text("30 | nombre_en_lettres: \"jour\"", "trente jours");
	expect_text("1 | nombre_en_lettres: \"jour\"", "un jour");
	expect_text("2 | nombre_en_lettres: \"an\"", "deux ans");
	expect_text("80 | nombre_en_lettres: \"jour\"", "quatre-vingts jours");
	expect_text("contenu.absent | default: 15 | nombre_en_lettres: "
		    "\"jour\"",
		    "quinze jours");
	expect_error("30 | nombre_en_lettres: 2", "a noun in quotes");
	expect_error("contenu.actif | nombre_en_lettres",
		     "\"nombre_en_lettres\"");
	expect_error("contenu.canaux | euros", "a list");

	/* case, accents kept */
	expect_text("contenu.titre | upper", "\xc3\x89TAT DES LIEUX");
	expect_text("contenu.crie | lower", "\xc3\xa9galit\xc3\xa9 \xc3\xa7"
					    "a");
	expect_text("contenu.titre | capitalize", "\xc3\x89tat des lieux");
	expect_text("partenaire.denomination | upper",
		    "MOBILIT\xc3\x89 VERTE SAS");
	expect_text("partenaire.effectif | upper", "42");
	expect_text("contenu.actif | upper", "OUI");
	expect_error("contenu.canaux | upper", "join");
	expect_error("partenaire.adresse | lower", "group of keys");
	expect_text("contenu.titre | upper | lower | capitalize",
		    "\xc3\x89tat des lieux");
	/* a title in running text: the initial only; acronyms kept */
	expect_text("contenu.titre | capitalize | minuscule_initiale",
		    "\xc3\xa9tat des lieux");
	expect_text("contenu.crie | minuscule_initiale",
		    "\xc3\x89GALIT\xc3\x89 \xc3\x87\x41");
	expect_text("partenaire.denomination | minuscule_initiale",
		    "mobilit\xc3\xa9 Verte SAS");
	expect_error("contenu.canaux | minuscule_initiale", "join");
	expect_parse_error("a | minuscule_initiale: \"x\"", "takes no argument",
			   NULL);

	/* default: on absent, on empty, not on present */
	expect_text("partenaire.telephone | default: \"non communiqu\xc3\xa9\"",
		    "non communiqu\xc3\xa9");
	expect_text("contenu.rien | default: \"-\"", "-");
	expect_text("contenu.texte_vide | default: \"vide\"", "vide");
	expect_text("partenaire.denomination | default: \"x\"",
		    "Mobilit\xc3\xa9 Verte SAS");
	expect_text("partenaire.absent | default: partenaire.adresse.ville",
		    "Lyon");
	expect_text("partenaire.absent | upper | default: \"X\"", "X");
	expect_text("contenu.vide | join | default: \"ses canaux\"",
		    "ses canaux");
	expect_text("contenu.canaux | join | default: \"ses canaux\"",
		    "affichage, radio et r\xc3\xa9seaux sociaux");
	expect_absent("partenaire.absent | default: partenaire.autre",
		      "partenaire.autre");
	expect_error("contenu.canaux | euros | default: \"x\"",
		     "needs a whole number");
	/* a default on one side of a comparison keeps the other side's
	 * error (fuzzing found it erased) */
	expect_test(
	    "partenaire.adresse | upper == partenaire.x | default: \"\"", -1,
	    "group of keys");
	expect_error("partenaire.adresse | upper < partenaire.x | default: 1",
		     "group of keys");
	{
		/* nor what the caller's buffer held before */
		struct pp_expr *e = parse_ok("partenaire.x | default: \"d\"");
		struct pp_expr_env env;
		struct pp_value *v = NULL;
		struct pp_buf msg;

		env_init(&env);
		pp_buf_init(&msg);
		pp_buf_adds(&msg, "before");
		OK(e != NULL && pp_expr_eval(e, &env, &v, &msg) == PP_EXPR_OK,
		   "default: evaluates with a non-empty message buffer");
		STR_EQ(pp_buf_str(&msg), "before",
		       "default: the caller's message is kept");
		pp_buf_fini(&msg);
	}
	{
		/* the absent message is dropped once the default applies */
		struct pp_expr *e = parse_ok("partenaire.x | default: \"d\"");
		struct pp_expr_env env;
		struct pp_value *v = NULL;
		struct pp_buf msg;

		env_init(&env);
		pp_buf_init(&msg);
		OK(e != NULL && pp_expr_eval(e, &env, &v, &msg) == PP_EXPR_OK &&
		       msg.len == 0,
		   "default: no message left behind");
		pp_buf_fini(&msg);
	}

	/* join */
	expect_text("contenu.canaux | join",
		    "affichage, radio et r\xc3\xa9seaux sociaux");
	expect_text("contenu.deux_canaux | join", "radio et presse");
	expect_text("contenu.un_canal | join", "radio");
	expect_text("contenu.vide | join", "");
	expect_text("contenu.canaux | join: \", \"",
		    "affichage, radio, r\xc3\xa9seaux sociaux");
	expect_text("contenu.canaux | join: \" et \"",
		    "affichage et radio et r\xc3\xa9seaux sociaux");
	expect_text("contenu.canaux | join: \" / \" | upper",
		    "AFFICHAGE / RADIO / R\xc3\x89SEAUX SOCIAUX");
	expect_text("contenu.nombres | join", "1, 2 et 3");
	expect_text("partenaire.siren | join", "123456789");
	expect_error("contenu.groupes | join", "group of keys");
	expect_absent("contenu.canaux | join: partenaire.sep",
		      "partenaire.sep");

	/* count */
	expect_text("contenu.canaux | count", "3");
	expect_text("contenu.vide | count", "0");
	expect_text("partenaire.adresse | count", "2");
	expect_text("partenaire.siren | count", "1");
	expect_test("contenu.vide | count", 0, NULL);
	expect_test("contenu.canaux | count > 2", 1, NULL);

	/* markdown */
	expect_text("contenu.description | markdown",
		    "Un **texte** en *Markdown*");
	expect_error("contenu.canaux | markdown", "list");
	{
		struct pp_expr *e = parse_ok("contenu.description | markdown");
		const struct pp_expr *md =
		    e != NULL ? pp_expr_markdown_source(e) : NULL;
		struct pp_expr_env env;
		struct pp_value *v = NULL;
		struct pp_buf msg;

		env_init(&env);
		pp_buf_init(&msg);
		OK(md != NULL, "markdown source: found");
		OK(md != NULL &&
		       pp_expr_eval(md, &env, &v, &msg) == PP_EXPR_OK &&
		       v->kind == PP_VALUE_STRING &&
		       strcmp(v->u.str.s, "Un **texte** en *Markdown*") == 0,
		   "markdown source: evaluates to the form's text");
		pp_buf_fini(&msg);
		e = parse_ok("contenu.description | default: \"\" | markdown");
		OK(e != NULL && pp_expr_markdown_source(e) != NULL,
		   "markdown source: after other filters");
		e = parse_ok("contenu.description | markdown | upper");
		OK(e != NULL && pp_expr_markdown_source(e) == NULL,
		   "markdown source: not when another filter follows");
		e = parse_ok("contenu.description");
		OK(e != NULL && pp_expr_markdown_source(e) == NULL,
		   "markdown source: not without the filter");
		e = parse_ok("contenu.description | upper");
		OK(e != NULL && pp_expr_markdown_source(e) == NULL,
		   "markdown source: not with another filter");
		e = parse_ok("contenu.description == \"x\"");
		OK(e != NULL && pp_expr_markdown_source(e) == NULL,
		   "markdown source: not for a comparison");
	}
}

static void
test_conditions(void)
{
	/* truthiness */
	expect_test("partenaire.absent", 0, NULL);
	expect_test("partenaire.absent.plus.loin", 0, NULL);
	expect_test("contenu.rien", 0, NULL);
	expect_test("contenu.texte_vide", 0, NULL);
	expect_test("contenu.zero", 0, NULL);
	expect_test("contenu.vide", 0, NULL);
	expect_test("contenu.inactif", 0, NULL);
	expect_test("false", 0, NULL);
	expect_test("null", 0, NULL);
	expect_test("\"\"", 0, NULL);
	expect_test("0", 0, NULL);
	expect_test("0.0", 0, NULL);
	expect_test("contenu.actif", 1, NULL);
	expect_test("contenu.canaux", 1, NULL);
	expect_test("partenaire", 1, NULL);
	expect_test("partenaire.denomination", 1, NULL);
	expect_test("contenu.taux", 1, NULL);
	expect_test("\"non\"", 1, NULL);
	expect_test("-1", 1, NULL);
	expect_test("true", 1, NULL);
	expect_test("partenaire.absent | default: \"x\"", 1, NULL);
	/* an error is not false */
	expect_test("contenu.canaux | euros", -1, "needs a whole number");
	expect_test("contenu.actif and contenu.canaux | euros", -1,
		    "needs a whole number");
	expect_test("not contenu.pas_une_date | date", -1, "not a date");
	expect_test("contenu.canaux | euros == 1", -1, "needs a whole number");

	/* comparisons */
	expect_test("contenu.montant == 150000", 1, NULL);
	expect_test("contenu.montant != 150000", 0, NULL);
	expect_test("contenu.montant > 1000", 1, NULL);
	expect_test("contenu.montant < 1000", 0, NULL);
	expect_test("contenu.montant <= 150000", 1, NULL);
	expect_test("contenu.montant >= 150000", 1, NULL);
	expect_test("contenu.montant >= 150001", 0, NULL);
	expect_test("contenu.montant <= 149999", 0, NULL);
	expect_test("contenu.taux > 2", 1, NULL);
	expect_test("contenu.taux < 2.6", 1, NULL);
	expect_test("contenu.taux == 2.50", 1, NULL);
	expect_test("-1500 == contenu.negatif", 1, NULL);
	expect_test("partenaire.adresse.ville == \"Lyon\"", 1, NULL);
	expect_test("partenaire.adresse.ville != \"Paris\"", 1, NULL);
	expect_test("\"abc\" < \"abd\"", 1, NULL);
	expect_test("\"b\" >= \"a\"", 1, NULL);
	expect_test("contenu.actif == true", 1, NULL);
	expect_test("contenu.actif != false", 1, NULL);
	expect_test("contenu.actif == 1", 0, NULL);
	/* numbers and strings are never equal, and not ordered */
	expect_test("partenaire.siren == 123456789", 0, NULL);
	expect_test("partenaire.siren != 123456789", 1, NULL);
	expect_test("contenu.montant == \"150000\"", 0, NULL);
	expect_test("contenu.montant < \"2\"", 0, NULL);
	expect_test("contenu.montant > \"2\"", 0, NULL);
	expect_test("contenu.montant <= \"150000\"", 0, NULL);
	expect_test("contenu.actif < true", 0, NULL);
	/* absent equals null and nothing else */
	expect_test("partenaire.absent == null", 1, NULL);
	expect_test("contenu.rien == null", 1, NULL);
	expect_test("partenaire.absent != null", 0, NULL);
	expect_test("partenaire.absent == \"\"", 0, NULL);
	expect_test("partenaire.absent != \"x\"", 1, NULL);
	expect_test("partenaire.absent < 1", 0, NULL);
	expect_test("contenu.canaux == contenu.canaux", 0, NULL);
	/* in */
	expect_test("\"radio\" in contenu.canaux", 1, NULL);
	expect_test("\"t\xc3\xa9l\xc3\xa9\" in contenu.canaux", 0, NULL);
	expect_test("2 in contenu.nombres", 1, NULL);
	expect_test("2.0 in contenu.nombres", 1, NULL);
	expect_test("\"2\" in contenu.nombres", 0, NULL);
	expect_test("\"radio\" in contenu.vide", 0, NULL);
	expect_test("\"radio\" in partenaire.absent", 0, NULL);
	expect_test("\"Lyon\" in partenaire.adresse.ville", 0, NULL);
	expect_test("partenaire.absent in contenu.canaux", 0, NULL);
	expect_test("not \"radio\" in contenu.canaux", 0, NULL);

	/* precedence: not > and > or; comparisons bind tighter than not */
	expect_test("not contenu.actif and contenu.inactif", 0, NULL);
	expect_test("not (contenu.actif and contenu.inactif)", 1, NULL);
	expect_test("not contenu.inactif and contenu.actif", 1, NULL);
	expect_test("not contenu.inactif and contenu.inactif", 0, NULL);
	expect_test("contenu.actif or contenu.inactif and contenu.inactif", 1,
		    NULL);
	expect_test("(contenu.actif or contenu.inactif) and contenu.inactif", 0,
		    NULL);
	expect_test("contenu.inactif and contenu.inactif or contenu.actif", 1,
		    NULL);
	expect_test("not contenu.montant == 1", 1, NULL);
	expect_test("not not contenu.actif", 1, NULL);
	expect_test("contenu.actif and not contenu.inactif", 1, NULL);
	expect_test("partenaire.absent or contenu.montant > 100000", 1, NULL);
	expect_test("partenaire.absent and partenaire.absent.x", 0, NULL);
	/* short-circuit: the right side is not evaluated */
	expect_test("contenu.inactif and contenu.canaux | euros", 0, NULL);
	expect_test("contenu.actif or contenu.canaux | euros", 1, NULL);

	/* a condition evaluated as a value is a boolean */
	expect_text("contenu.montant > 1000", "oui");
	expect_text("not contenu.actif", "non");
	expect_text("\"radio\" in contenu.canaux and contenu.actif", "oui");
	expect_error("contenu.canaux | euros or true", "needs a whole number");
}

static void
test_value_text(void)
{
	struct pp_buf out, msg;
	struct pp_value *v;

	expect_text("true", "oui");
	expect_text("false", "non");
	expect_text("contenu.actif", "oui");
	expect_text("contenu.inactif", "non");
	expect_text("contenu.taux", "2,5");
	expect_text("1.25", "1,25");
	expect_text("-3", "-3");
	expect_text("007", "7");
	expect_text("null", "");
	expect_text("\"a \\\"quoted\\\" text\"", "a \"quoted\" text");
	expect_text("\"back\\\\slash\"", "back\\slash");
	expect_text("\"\"", "");
	expect_text("\"{x} | y\"", "{x} | y");

	pp_buf_init(&out);
	pp_buf_init(&msg);
	v = pp_value_path_get(form, "contenu.canaux");
	INT_EQ(pp_expr_value_text(v, &out, &msg), -1, "value_text: list fails");
	OK(contains(pp_buf_str(&msg), "join"),
	   "value_text: list message suggests join");
	INT_EQ(out.len, 0, "value_text: list appends nothing");
	pp_buf_reset(&msg);
	v = pp_value_path_get(form, "partenaire");
	INT_EQ(pp_expr_value_text(v, &out, &msg), -1, "value_text: map fails");
	OK(contains(pp_buf_str(&msg), "group of keys"),
	   "value_text: map message");
	pp_buf_reset(&msg);
	v = pp_value_new(arena, PP_VALUE_NUMBER, NULL);
	v->u.number = -0.125;
	INT_EQ(pp_expr_value_text(v, &out, &msg), 0, "value_text: number");
	STR_EQ(pp_buf_str(&out), "-0,125", "value_text: decimal comma");
	pp_buf_reset(&out);
	v->u.number = 1e20;
	pp_expr_value_text(v, &out, &msg);
	STR_EQ(pp_buf_str(&out), "1e+20", "value_text: large number");
	pp_buf_reset(&out);
	pp_buf_adds(&out, "<");
	pp_expr_value_text(pp_value_new_bool(arena, 1, NULL), &out, &msg);
	STR_EQ(pp_buf_str(&out), "<oui", "value_text: appends");
	pp_buf_fini(&out);
	pp_buf_fini(&msg);
}

int
main(void)
{
	struct pp_error err;

	arena = pp_arena_new();
	pp_error_init(&err);
	form = pp_yaml_read_mem(arena, "form.yaml", form_yaml,
				sizeof(form_yaml) - 1, NULL, &err);
	if (!OK(form != NULL && form->kind == PP_VALUE_MAP,
		"the test form reads")) {
		printf("# %s\n", err.message);
		return harness_done();
	}
	test_parse_errors();
	test_paths();
	test_scope();
	test_filters();
	test_conditions();
	test_value_text();
	pp_arena_free(arena);
	return harness_done();
}
