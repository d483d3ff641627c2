/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/csvin.c: partner tables as spreadsheets export them.
 * Separator detection (';' or ','), byte order mark, quoted cells with
 * newlines and doubled quotes, dotted keys nesting, empty cells left out,
 * list cells split on '|', typed cells (the text kept in raw), positions,
 * and every limit and error with its row and column; tables saved in
 * Windows-1252 and dates written JJ/MM/AAAA.
 */
#include "arena.h"
#include "csvin.h"
#include "diag.h"
#include "value.h"

#include "../harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct pp_value *
read_lim(struct pp_arena *a, const char *text, size_t len,
	 const struct pp_csv_limits *lim, struct pp_error *err)
{
	pp_error_init(err);
	return pp_csv_read_mem(a, "t.csv", text, len, lim, NULL, NULL, NULL,
			       err);
}

static struct pp_value *
read_s(struct pp_arena *a, const char *text, struct pp_error *err)
{
	return read_lim(a, text, strlen(text), NULL, err);
}

/* The is_list callback: "contenu.canaux" and "tags" are lists. */
static int list_calls;

static int
is_list(void *data, const char *key)
{
	const char *const *names = data;
	size_t i;

	list_calls++;
	for (i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], key) == 0)
			return 1;
	return 0;
}

/* The kind callback: lists as is_list says, and every key whose last
 * part is "fin" or starts with "date" is a date. */
static int
kind_of(void *data, const char *key)
{
	const char *dot = strrchr(key, '.');
	const char *last = dot != NULL ? dot + 1 : key;

	if (is_list(data, key))
		return PP_CSV_LIST;
	return strcmp(last, "fin") == 0 || strncmp(last, "date", 4) == 0
		   ? PP_CSV_DATE
		   : PP_CSV_PLAIN;
}

static const char *
text_at(const struct pp_value *root, const char *path)
{
	return pp_value_text(pp_value_path_get(root, path));
}

static size_t
rows(const struct pp_value *v)
{
	return v != NULL && v->kind == PP_VALUE_LIST ? v->u.list.n : 0;
}

/* Expects text to be refused with code at row:col, the message holding
 * part (when not NULL). */
static void
expect_fail(const char *what, const char *text, size_t len,
	    const struct pp_csv_limits *lim, enum pp_diag_code code, int row,
	    int col, const char *part)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v;
	char label[256];

	v = read_lim(a, text, len, lim, &err);
	snprintf(label, sizeof label, "%s: refused", what);
	OK(v == NULL, label);
	snprintf(label, sizeof label, "%s: error set", what);
	OK(err.set, label);
	snprintf(label, sizeof label, "%s: code %s", what,
		 pp_diag_code_name(code));
	if (!OK(err.code == code, label))
		printf("#   got code %s: %s\n", pp_diag_code_name(err.code),
		       err.message);
	snprintf(label, sizeof label, "%s: row", what);
	INT_EQ(err.line, row, label);
	snprintf(label, sizeof label, "%s: column", what);
	INT_EQ(err.col, col, label);
	snprintf(label, sizeof label, "%s: names the file", what);
	STR_EQ(err.file, "t.csv", label);
	if (part != NULL) {
		snprintf(label, sizeof label, "%s: message says \"%s\"", what,
			 part);
		if (!OK(strstr(err.message, part) != NULL, label))
			printf("#   message: %s\n", err.message);
	}
	pp_arena_free(a);
}

static void
expect_fail_s(const char *what, const char *text, enum pp_diag_code code,
	      int row, int col, const char *part)
{
	expect_fail(what, text, strlen(text), NULL, code, row, col, part);
}

static void
test_separators(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v;

	v = read_s(a, "id;nom;ville\nmv;Mobilité, Verte;Lyon\n", &err);
	INT_EQ(rows(v), 1, "';' table: one row");
	STR_EQ(text_at(v, "0.id"), "mv", "';' table: first cell");
	STR_EQ(text_at(v, "0.nom"), "Mobilité, Verte",
	       "';' table: a comma inside a cell is text");
	STR_EQ(text_at(v, "0.ville"), "Lyon", "';' table: last cell");

	v = read_s(a, "id,nom,ville\nmv,Mobilité; Verte,Lyon\n", &err);
	INT_EQ(rows(v), 1, "',' table: one row");
	STR_EQ(text_at(v, "0.nom"), "Mobilité; Verte",
	       "',' table: a semicolon inside a cell is text");
	STR_EQ(text_at(v, "0.ville"), "Lyon", "',' table: last cell");

	/* More ';' than ',' on the header line wins, whatever the rows. */
	v = read_s(a, "a;b,c;d\n1,2;3;4\n", &err);
	STR_EQ(text_at(v, "0.b,c"), NULL,
	       "mixed header: ',' is not the separator");
	OK(err.set, "mixed header: \"b,c\" is not a key");

	/* A header of one column: no separator seen, ',' assumed. */
	v = read_s(a, "id\nmv\nsh\n", &err);
	INT_EQ(rows(v), 2, "one-column table: two rows");
	STR_EQ(text_at(v, "1.id"), "sh", "one-column table: second row");

	/* CRLF line ends, as spreadsheets on Windows write them. */
	v = read_s(a, "id;ville\r\nmv;Lyon\r\nsh;Rennes\r\n", &err);
	INT_EQ(rows(v), 2, "CRLF: two rows");
	STR_EQ(text_at(v, "1.ville"), "Rennes",
	       "CRLF: no carriage return left in the cell");
	/* No final newline. */
	v = read_s(a, "id;ville\nmv;Lyon", &err);
	STR_EQ(text_at(v, "0.ville"), "Lyon", "no final newline: last cell");
	pp_arena_free(a);
}

static void
test_bom_and_quotes(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v;

	v = read_s(a, "\xef\xbb\xbfid;nom\nmv;Mobilité Verte\n", &err);
	OK(v != NULL, "BOM: read");
	STR_EQ(text_at(v, "0.id"), "mv",
	       "BOM: skipped, the first key is \"id\"");
	OK(pp_value_path_get(v, "0.\xef\xbb\xbfid") == NULL,
	   "BOM: not part of the first key");

	/* A BOM alone in the middle of a header is not skipped. */
	v = read_s(a, "id;\xef\xbb\xbfnom\nmv;x\n", &err);
	OK(v == NULL, "BOM inside the header: not a key");

	v = read_s(a,
		   "id;engagements;devise\n"
		   "mv;\"afficher les affiches\n"
		   "publier deux posts\";\"Dire \"\"oui\"\" ; agir\"\n"
		   "sh;simple;\"\"\n",
		   &err);
	INT_EQ(rows(v), 2, "quoted cells: two rows");
	STR_EQ(text_at(v, "0.engagements"),
	       "afficher les affiches\npublier deux posts",
	       "quoted cell: the newline is kept");
	STR_EQ(text_at(v, "0.devise"), "Dire \"oui\" ; agir",
	       "quoted cell: doubled quotes and a separator inside");
	STR_EQ(text_at(v, "1.id"), "sh",
	       "the row after a multi-line cell is the next row");
	OK(pp_value_path_get(v, "1.devise") == NULL,
	   "a quoted empty cell is left out");
	INT_EQ(pp_value_path_get(v, "1.id")->pos.line, 3,
	       "the row after a multi-line cell is row 3");

	/* Blanks around a cell are trimmed. */
	v = read_s(a, "id ; nom \n  mv  ;  Mobilité Verte \n", &err);
	STR_EQ(text_at(v, "0.nom"), "Mobilité Verte",
	       "blanks around keys and cells are trimmed");
	pp_arena_free(a);
}

static void
test_nesting_and_empty(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v, *row, *adr;

	v = read_s(a,
		   "id;partenaire.denomination;partenaire.adresse.ville;"
		   "partenaire.adresse.code_postal;contenu.objet\n"
		   "mv;Mobilité Verte SAS;Lyon;69002;relayer\n"
		   "sh;;Rennes;;\n"
		   ";;;;\n"
		   "rc;  ;;;\n",
		   &err);
	if (!OK(v != NULL, "dotted keys: read"))
		printf("#   %s\n", err.message);
	INT_EQ(rows(v), 3, "a row of empty cells is left out");
	row = pp_value_path_get(v, "0");
	OK(row != NULL && row->kind == PP_VALUE_MAP, "a row is a map");
	STR_EQ(text_at(v, "0.partenaire.denomination"), "Mobilité Verte SAS",
	       "partenaire.denomination nests");
	adr = pp_value_path_get(v, "0.partenaire.adresse");
	OK(adr != NULL && adr->kind == PP_VALUE_MAP,
	   "partenaire.adresse is a map");
	INT_EQ(adr != NULL ? adr->u.map.n : 0, 2,
	       "partenaire.adresse holds two keys");
	STR_EQ(text_at(v, "0.partenaire.adresse.ville"), "Lyon",
	       "three levels of nesting");
	INT_EQ(pp_value_path_get(v, "0.partenaire")->u.map.n, 2,
	       "one partenaire map for its three columns");
	STR_EQ(text_at(v, "0.contenu.objet"), "relayer", "a second group");
	OK(pp_value_path_get(v, "1.partenaire.denomination") == NULL,
	   "an empty cell is left out");
	OK(pp_value_path_get(v, "1.contenu") == NULL,
	   "a group whose cells are all empty is left out");
	STR_EQ(text_at(v, "1.partenaire.adresse.ville"), "Rennes",
	       "the other cells of the row are kept");
	STR_EQ(text_at(v, "2.id"), "rc", "blank cells count as empty");
	INT_EQ(pp_value_path_get(v, "2")->u.map.n, 1,
	       "a row of blanks keeps only its id");
	pp_arena_free(a);
}

static void
test_lists(void)
{
	static const char *const names[] = {"contenu.canaux", "tags", NULL};
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v, *l;
	const char *text = "id;contenu.canaux;contenu.objet;tags\n"
			   "mv;application | instagram |linkedin;a | b;42\n"
			   "sh;\"affichage |\n ecrans|\";x;| |\n";

	pp_error_init(&err);
	list_calls = 0;
	v = pp_csv_read_mem(a, "t.csv", text, strlen(text), NULL, is_list,
			    (void *)names, NULL, &err);
	if (!OK(v != NULL, "lists: read"))
		printf("#   %s\n", err.message);
	OK(list_calls > 0, "lists: the callback is asked");
	l = pp_value_path_get(v, "0.contenu.canaux");
	OK(l != NULL && l->kind == PP_VALUE_LIST, "a list cell is a list");
	INT_EQ(l != NULL ? l->u.list.n : 0, 3, "split on '|' into three");
	STR_EQ(text_at(v, "0.contenu.canaux.0"), "application",
	       "items are trimmed (first)");
	STR_EQ(text_at(v, "0.contenu.canaux.2"), "linkedin",
	       "items are trimmed (last)");
	STR_EQ(text_at(v, "0.contenu.objet"), "a | b",
	       "a cell that is not a list keeps its '|'");
	l = pp_value_path_get(v, "0.tags");
	OK(l != NULL && l->kind == PP_VALUE_LIST && l->u.list.n == 1 &&
	       l->u.list.items[0]->kind == PP_VALUE_INT,
	   "a one-item list, its item typed (42 is a number)");
	l = pp_value_path_get(v, "1.contenu.canaux");
	INT_EQ(l != NULL ? l->u.list.n : 0, 2,
	       "items on several lines of a cell, empty items dropped");
	STR_EQ(text_at(v, "1.contenu.canaux.1"), "ecrans",
	       "the newline around '|' is trimmed");
	l = pp_value_path_get(v, "1.tags");
	OK(l != NULL && l->kind == PP_VALUE_LIST && l->u.list.n == 0,
	   "a list cell of separators only is an empty list");
	pp_arena_free(a);
}

static void
test_types_and_positions(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v, *x;

	v = read_s(a,
		   "id;capital;siren;code_postal;actif;taux;nom;vide\n"
		   "mv;150000;903124576;01000;true;1.5;Lyon;null\n",
		   &err);
	OK(v != NULL, "typed cells: read");
	x = pp_value_path_get(v, "0.capital");
	OK(x != NULL && x->kind == PP_VALUE_INT && x->u.integer == 150000,
	   "150000 is an integer");
	x = pp_value_path_get(v, "0.siren");
	OK(x != NULL && x->kind == PP_VALUE_INT, "903124576 is an integer");
	STR_EQ(x != NULL ? x->raw : NULL, "903124576",
	       "903124576 keeps its text in raw");
	STR_EQ(text_at(v, "0.siren"), "903124576",
	       "pp_value_text gives the text as written");
	x = pp_value_path_get(v, "0.code_postal");
	STR_EQ(x != NULL ? x->raw : NULL, "01000",
	       "a leading zero survives in raw");
	x = pp_value_path_get(v, "0.actif");
	OK(x != NULL && x->kind == PP_VALUE_BOOL && x->u.boolean,
	   "true is a boolean");
	x = pp_value_path_get(v, "0.taux");
	OK(x != NULL && x->kind == PP_VALUE_NUMBER, "1.5 is a number");
	x = pp_value_path_get(v, "0.nom");
	OK(x != NULL && x->kind == PP_VALUE_STRING, "Lyon is text");
	x = pp_value_path_get(v, "0.vide");
	OK(x != NULL && x->kind == PP_VALUE_NULL, "null is null");

	/* Positions: row = the table's row (header = 1), col = the column. */
	v = read_s(a,
		   "id;partenaire.siren;nom\n"
		   "mv;903124576;\"deux\nlignes\"\n"
		   "sh;;Rennes\n",
		   &err);
	x = pp_value_path_get(v, "0.partenaire.siren");
	INT_EQ(x != NULL ? x->pos.line : 0, 2, "siren: row 2");
	INT_EQ(x != NULL ? x->pos.col : 0, 2, "siren: column 2");
	STR_EQ(x != NULL ? x->pos.file : NULL, "t.csv", "siren: file");
	x = pp_value_path_get(v, "0.nom");
	INT_EQ(x != NULL ? x->pos.col : 0, 3, "nom: column 3");
	x = pp_value_path_get(v, "1.nom");
	INT_EQ(x != NULL ? x->pos.line : 0, 3,
	       "the row after a two-line cell: row 3");
	INT_EQ(x != NULL ? x->pos.col : 0, 3, "... column 3");
	x = pp_value_path_get(v, "1");
	INT_EQ(x != NULL ? x->pos.line : 0, 3, "a row map starts at its row");
	INT_EQ(x != NULL ? x->pos.col : 0, 1, "... column 1");
	pp_arena_free(a);
}

static void
test_limits(void)
{
	struct pp_csv_limits lim;
	char big[300];

	pp_csv_limits_default(&lim);
	OK(lim.max_bytes == 16u << 20 && lim.max_rows == 100000 &&
	       lim.max_cols == 500 && lim.max_cell == 64u << 10,
	   "default limits");

	pp_csv_limits_default(&lim);
	lim.max_bytes = 10;
	expect_fail("max_bytes", "id;nom\nmv;x\n", 12, &lim, PP_DIAG_TOO_BIG, 1,
		    1, "12 bytes");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;

		lim.max_bytes = 12;
		OK(read_lim(a, "id;nom\nmv;x\n", 12, &lim, &err) != NULL,
		   "max_bytes: exactly the limit is read");
		pp_arena_free(a);
	}

	pp_csv_limits_default(&lim);
	lim.max_rows = 2;
	expect_fail("max_rows", "id\na\nb\nc\n", 8, &lim, PP_DIAG_TOO_BIG, 4, 1,
		    "2 rows");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;
		struct pp_value *v = read_lim(a, "id\na\nb\n", 7, &lim, &err);

		if (!OK(v != NULL, "max_rows: exactly the limit is read"))
			printf("#   %s\n", err.message);
		INT_EQ(rows(v), 2, "max_rows: both rows");
		pp_arena_free(a);
	}

	pp_csv_limits_default(&lim);
	lim.max_cols = 3;
	expect_fail("max_cols", "a;b;c;d\n1;2;3;4\n", 16, &lim, PP_DIAG_TOO_BIG,
		    1, 4, "3 columns");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;

		OK(read_lim(a, "a;b;c\n1;2;3\n", 12, &lim, &err) != NULL,
		   "max_cols: exactly the limit is read");
		pp_arena_free(a);
	}

	pp_csv_limits_default(&lim);
	lim.max_cell = 8;
	memcpy(big, "id;nom\nmv;123456789\n", 21);
	expect_fail("max_cell", big, strlen(big), &lim, PP_DIAG_TOO_BIG, 2, 2,
		    "9 bytes");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;

		OK(read_lim(a, "id;nom\nmv;12345678\n", 19, &lim, &err) != NULL,
		   "max_cell: exactly the limit is read");
		pp_arena_free(a);
	}
}

static void
test_errors(void)
{
	expect_fail_s("header with a capital", "id;Nom\nmv;x\n", PP_DIAG_CSV, 1,
		      2, "Nom");
	expect_fail_s("header with an accent", "id;dénomination\nmv;x\n",
		      PP_DIAG_CSV, 1, 2, "dénomination");
	expect_fail_s("header with a space", "id;partenaire siren\nmv;x\n",
		      PP_DIAG_CSV, 1, 2, NULL);
	expect_fail_s("empty header cell", "id;;nom\nmv;;x\n", PP_DIAG_CSV, 1,
		      2, NULL);
	expect_fail_s("header ending with a dot", "id;partenaire.\nmv;x\n",
		      PP_DIAG_CSV, 1, 2, NULL);
	expect_fail_s("header with two dots", "id;a..b\nmv;x\n", PP_DIAG_CSV, 1,
		      2, NULL);
	expect_fail_s("header starting with a dot", "id;.a\nmv;x\n",
		      PP_DIAG_CSV, 1, 2, NULL);
	expect_fail_s("duplicate column", "id;nom;ville;nom\nmv;a;b;c\n",
		      PP_DIAG_CSV, 1, 4, "twice");
	/* "partenaire" then "partenaire.siren": a value, then a group. */
	expect_fail_s("a key both a value and a group",
		      "id;partenaire;partenaire.siren\nmv;x;903124576\n",
		      PP_DIAG_CSV, 2, 3, "partenaire");
	expect_fail_s("cell beyond the last column", "id;nom\nmv;x;surplus\n",
		      PP_DIAG_CSV, 2, 3, "last");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;
		struct pp_value *v = read_s(a, "id;nom\nmv;x;;\n", &err);

		OK(v != NULL, "empty cells beyond the last column are "
			      "ignored (spreadsheets write them)");
		pp_arena_free(a);
	}
	/* A UTF-8 table with one stray byte is not read as Windows-1252:
	 * its accents would come out mangled. */
	expect_fail_s("UTF-8 and a stray Latin-1 byte",
		      "id;nom;ville\nmv;R\xc3\xa9gion;Orl\xe9"
		      "ans\n",
		      PP_DIAG_CSV, 2, 3, "UTF-8");
	/* 0x81 codes nothing in Windows-1252. */
	expect_fail_s("neither UTF-8 nor Windows-1252 in the header",
		      "id;\x81\nmv;x\n", PP_DIAG_CSV, 1, 2, "UTF-8");
	expect_fail("a NUL byte in a cell", "id;nom\nmv;a\0b\n", 13, NULL,
		    PP_DIAG_CSV, 2, 2, NULL);
	expect_fail_s("unterminated quote", "id;nom\nmv;\"jamais fermée\n",
		      PP_DIAG_CSV, 2, 2, "quoted");
	expect_fail_s("unterminated quote over lines",
		      "id;nom;ville\nmv;x;y\nsh;\"a\nb\nc\n", PP_DIAG_CSV, 3, 2,
		      "quoted");
	expect_fail_s("a quote inside an unquoted cell",
		      "id;nom;ville\nmv;x;y\nsh;a\"b;c\n", PP_DIAG_CSV, 3, 2,
		      "doubled");
	expect_fail_s("text after a closing quote", "id;nom\nmv;\"a\"b\n",
		      PP_DIAG_CSV, 2, 2, "doubled");
	expect_fail_s("empty table", "", PP_DIAG_CSV, 1, 1, "empty");
	expect_fail_s("BOM only", "\xef\xbb\xbf", PP_DIAG_CSV, 1, 1, "empty");
	{
		struct pp_arena *a = pp_arena_new();
		struct pp_error err;
		struct pp_value *v = read_s(a, "id;nom\n", &err);

		OK(v != NULL && v->kind == PP_VALUE_LIST && v->u.list.n == 0,
		   "a header without rows is an empty list");
		pp_arena_free(a);
	}
}

/* Reads text with the kinds of kind_of and the warnings in w. */
static struct pp_value *
read_kinds(struct pp_arena *a, const char *text, struct pp_diags *w,
	   struct pp_error *err)
{
	static const char *const lists[] = {"contenu.canaux", NULL};

	pp_error_init(err);
	pp_diags_init(w);
	return pp_csv_read_mem(a, "t.csv", text, strlen(text), NULL, kind_of,
			       (void *)lists, w, err);
}

static void
test_windows_1252(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_diags w;
	struct pp_error err;
	struct pp_value *v;
	char *line;

	/* As French Excel saves "CSV (point-virgule)": Windows-1252, CRLF. */
	v = read_kinds(a,
		       "id;partenaire.adresse.ville;nom;contenu.canaux\r\n"
		       "mv;Orl\xe9"
		       "ans;\x80 \x9c"
		       "uvre \xab\xa0"
		       "E\xa0\xbb;r\xe9seaux | \xe9"
		       "crans\r\n",
		       &w, &err);
	if (!OK(v != NULL, "a Windows-1252 table is read"))
		printf("#   %s\n", err.message);
	STR_EQ(text_at(v, "0.partenaire.adresse.ville"),
	       "Orl\xc3\xa9"
	       "ans",
	       "its accents are decoded");
	STR_EQ(text_at(v, "0.nom"),
	       "\xe2\x82\xac \xc5\x93uvre \xc2\xab\xc2\xa0"
	       "E\xc2\xa0\xc2\xbb",
	       "the euro, oe, guillemets and no-break spaces of "
	       "Windows-1252 too");
	STR_EQ(text_at(v, "0.contenu.canaux.1"),
	       "\xc3\xa9"
	       "crans",
	       "list cells are split after decoding");
	INT_EQ(w.n, 1, "one warning for the whole table");
	if (w.n == 1) {
		INT_EQ(w.items[0].code, PP_DIAG_CSV_ENCODING,
		       "the warning's code");
		INT_EQ(w.items[0].severity, PP_SEV_WARNING, "it is a warning");
		STR_EQ(w.items[0].file, "t.csv", "it names the table");
		INT_EQ(w.items[0].line, 0, "it is about the whole file");
		line = pp_diag_format(&w.items[0]);
		OK(strncmp(line, "t.csv: warning: ", 16) == 0 &&
		       strstr(line, "Windows-1252") != NULL,
		   "it reads FILE: warning: ... Windows-1252");
		free(line);
	}
	pp_diags_fini(&w);

	v = read_kinds(a,
		       "id;ville\nmv;Orl\xc3\xa9"
		       "ans\n",
		       &w, &err);
	STR_EQ(text_at(v, "0.ville"),
	       "Orl\xc3\xa9"
	       "ans",
	       "a UTF-8 table is read as it is");
	INT_EQ(w.n, 0, "with no warning");
	pp_diags_fini(&w);

	pp_error_init(&err);
	v = pp_csv_read_mem(a, "t.csv",
			    "id;ville\nmv;Orl\xe9"
			    "ans\n",
			    20, NULL, NULL, NULL, NULL, &err);
	STR_EQ(text_at(v, "0.ville"),
	       "Orl\xc3\xa9"
	       "ans",
	       "no list of warnings: the table is read all the same");
	pp_arena_free(a);
}

static void
test_dates(void)
{
	static const struct {
		const char *path, *want, *name;
	} cells[] = {
	    {"0.fin", "2026-03-01", "J/M/AAAA gets its zeros"},
	    {"0.note", "26/01/2026",
	     "a column that is not a date keeps its "
	     "text"},
	    {"0.contenu.canaux.0", "02/03/2026", "nor is a list item a date"},
	    {"1.document.date_redaction", "2026-01-26",
	     "AAAA-MM-JJ stays as it is"},
	    {"1.fin", "2026-02-31",
	     "a day that does not exist is left to validation"},
	    {"2.document.date_redaction", "26/01/26",
	     "a year of two digits is not guessed"},
	    {"2.fin", "26-01-2026", "only slashes make a JJ/MM/AAAA date"},
	    {"3.document.date_redaction", "126/01/2026",
	     "three digits of day are not a date"},
	    {"3.fin", "26/01/20261", "five digits of year are not a date"},
	    {"4.document.date_redaction", "2026-03-07",
	     "spaces around the date are trimmed first"},
	};
	struct pp_arena *a = pp_arena_new();
	struct pp_diags w;
	struct pp_error err;
	struct pp_value *v, *d;
	size_t i;

	v = read_kinds(a,
		       "id;document.date_redaction;fin;note;contenu.canaux\n"
		       "a;26/01/2026;1/3/2026;26/01/2026;02/03/2026 | x\n"
		       "b;2026-01-26;31/02/2026;;\n"
		       "c;26/01/26;26-01-2026;;\n"
		       "d;126/01/2026;26/01/20261;;\n"
		       "e; 07/03/2026 ;;;\n",
		       &w, &err);
	if (!OK(v != NULL, "dates: read"))
		printf("#   %s\n", err.message);
	d = pp_value_path_get(v, "0.document.date_redaction");
	STR_EQ(pp_value_string(d), "2026-01-26",
	       "JJ/MM/AAAA in a date column becomes AAAA-MM-JJ");
	STR_EQ(d != NULL ? d->raw : NULL, "26/01/2026",
	       "its text as written is kept");
	INT_EQ(d != NULL ? d->pos.line * 100 + d->pos.col : 0, 202,
	       "at its cell");
	for (i = 0; i < sizeof(cells) / sizeof(cells[0]); i++)
		STR_EQ(text_at(v, cells[i].path), cells[i].want, cells[i].name);
	INT_EQ(w.n, 0, "dates: no warning");
	pp_diags_fini(&w);
	pp_arena_free(a);
}

static void
test_file(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v;
	char path[] = "/tmp/test-csvin-XXXXXX";
	int fd = mkstemp(path);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	if (f != NULL) {
		fputs("\xef\xbb\xbfid;partenaire.siren\r\nmv;903124576\r\n", f);
		fclose(f);
	}
	pp_error_init(&err);
	v = pp_csv_read_file(a, path, NULL, NULL, NULL, NULL, &err);
	STR_EQ(text_at(v, "0.partenaire.siren"), "903124576",
	       "pp_csv_read_file reads a file");
	STR_EQ(v != NULL ? pp_value_path_get(v, "0.id")->pos.file : NULL, path,
	       "positions name the file");
	unlink(path);
	pp_error_init(&err);
	v = pp_csv_read_file(a, path, NULL, NULL, NULL, NULL, &err);
	OK(v == NULL && err.set, "a missing file is an error");
	pp_arena_free(a);
}

/* Invisible characters that reorder or hide text (issue 15): refused at
 * their cell, the character named with its place in the cell. */
static void
test_hidden(void)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *v;

	expect_fail_s("U+202E in a cell",
		      "id;contenu.objet\nmv;\"relayer \xe2\x80\xae"
		      "les messages\"\n",
		      PP_DIAG_HIDDEN_CHARACTER, 2, 2,
		      "character 9 of this cell is the invisible character "
		      "U+202E RIGHT-TO-LEFT OVERRIDE");
	expect_fail_s("U+200B in a SIREN",
		      "id,partenaire.siren\nmv,903\xe2\x80\x8b"
		      "124576\n",
		      PP_DIAG_HIDDEN_CHARACTER, 2, 2,
		      "U+200B ZERO WIDTH SPACE");
	expect_fail_s("U+2066 in a header", "id;\xe2\x81\xa6nom\nmv;x\n",
		      PP_DIAG_HIDDEN_CHARACTER, 1, 2,
		      "U+2066 LEFT-TO-RIGHT ISOLATE");
	expect_fail_s("a C1 control",
		      "id;nom\nmv;a\xc2\x9b"
		      "31m\n",
		      PP_DIAG_HIDDEN_CHARACTER, 2, 2, "U+009B");
	/* The byte order mark that starts a table is not in a cell. */
	v = read_s(a, "\xef\xbb\xbfid;nom\nmv;Mobilit\xc3\xa9\n", &err);
	STR_EQ(text_at(v, "0.nom"), "Mobilit\xc3\xa9",
	       "a byte order mark before the header is accepted");
	expect_fail_s(
	    "U+FEFF inside a cell", "id;nom\nmv;Mobi\xef\xbb\xbflit\n",
	    PP_DIAG_HIDDEN_CHARACTER, 2, 2, "U+FEFF ZERO WIDTH NO-BREAK SPACE");
	/* A soft hyphen, as a word processor pastes it, hides nothing. */
	v = read_s(a, "id;nom\nmv;r\xc3\xa9si\xc2\xadliation\n", &err);
	STR_EQ(text_at(v, "0.nom"), "r\xc3\xa9si\xc2\xadliation",
	       "a soft hyphen in a text cell is kept");
	pp_arena_free(a);
}

int
main(void)
{
	test_separators();
	test_bom_and_quotes();
	test_nesting_and_empty();
	test_lists();
	test_types_and_positions();
	test_limits();
	test_errors();
	test_windows_1252();
	test_dates();
	test_hidden();
	test_file();
	return harness_done();
}
