/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/template.c: templates written to a temporary folder,
 * expanded over forms read from YAML strings (no schema), checked on the
 * document tree and its dump.  White space, French typography (and
 * typography="none"), numbering of articles and annexes and the references
 * to them when an <if> switches one off, loops, conditions, empty
 * paragraphs, Markdown from forms, form text printed literally, clauses,
 * the containment table, tables, the bloc-marque, and the errors the
 * engine reports with their lines.
 */
#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "template.h"
#include "value.h"
#include "yamlin.h"

#include "../harness.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define NBSP  "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define RSQUO "\xe2\x80\x99"

#define TAIL "</document>\n"

static char tmpdir[] = "/tmp/paraphe-test-template-XXXXXX";
static char tpl_path[512];
static char clauses_dir[512];

/* Writes text to tmpdir/name (name may hold one folder level). */
static void
write_tmp(const char *name, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	f = fopen(path, "w");
	if (f == NULL) {
		perror(path);
		exit(99);
	}
	fputs(text, f);
	fclose(f);
}

/* One expansion: the form's arena, the document and its dump. */
struct run {
	struct pp_arena *arena;
	struct pp_doc *doc; /* NULL when loading or expanding failed */
	char *dump;	    /* "" when doc is NULL */
	struct pp_error err;
};

/* Writes tpl to tmpdir/t.xml and expands it over the form in yaml (which
 * must read).  Clauses come from tmpdir/clauses. */
static void
run(struct run *r, const char *tpl, const char *yaml)
{
	struct pp_template *t;
	struct pp_value *form;
	struct pp_buf b;

	memset(r, 0, sizeof(*r));
	r->arena = pp_arena_new();
	pp_error_init(&r->err);
	form = pp_yaml_read_mem(r->arena, "form.yaml", yaml, strlen(yaml), NULL,
				&r->err);
	if (form == NULL) {
		printf("# the test form does not read: %s\n", r->err.message);
		exit(99);
	}
	write_tmp("t.xml", tpl);
	t = pp_template_load(tpl_path, clauses_dir, &r->err);
	if (t != NULL)
		r->doc = pp_template_expand(t, "test", form, &r->err);
	pp_template_free(t);
	pp_buf_init(&b);
	if (r->doc != NULL)
		pp_doc_dump(r->doc, &b);
	r->dump = pp_buf_detach(&b);
	if (r->dump == NULL)
		r->dump = calloc(1, 1);
}

static void
run_fini(struct run *r)
{
	pp_doc_free(r->doc);
	pp_arena_free(r->arena);
	free(r->dump);
}

/* The dump after its <document ...> line (and the clauses). */
static const char *
dump_body(const char *dump)
{
	const char *s = strstr(dump, "\n<document");

	s = s != NULL ? strchr(s + 1, '\n') : NULL;
	if (s == NULL)
		return dump;
	if (strncmp(s + 1, "  <clauses>\n", 13) == 0 &&
	    strstr(s, "  </clauses>\n") != NULL)
		s = strstr(s, "  </clauses>\n") + 13;
	return s + 1;
}

/* Expects tpl over yaml to give a dump whose body (after the <document>
 * line) is body, then </document>. */
static void
expect_dump(const char *what, const char *tpl, const char *yaml,
	    const char *body)
{
	struct run r;
	char want[8192];

	run(&r, tpl, yaml);
	if (r.doc == NULL)
		printf("# %s: failed: %s:%d: %s\n", what, r.err.file,
		       r.err.line, r.err.message);
	snprintf(want, sizeof want, "%s%s", body, TAIL);
	STR_EQ(r.doc != NULL ? dump_body(r.dump) : NULL, want, what);
	run_fini(&r);
}

/* Expects tpl over yaml to fail with code at line, with a message
 * containing part. */
static void
expect_error(const char *what, const char *tpl, const char *yaml,
	     enum pp_diag_code code, int line, const char *part)
{
	struct run r;
	char label[256];

	run(&r, tpl, yaml);
	snprintf(label, sizeof label, "%s: refused", what);
	OK(r.doc == NULL && r.err.set, label);
	snprintf(label, sizeof label, "%s: code %s", what,
		 pp_diag_code_name(code));
	if (!OK(r.err.code == code, label))
		printf("#   got %s\n", pp_diag_code_name(r.err.code));
	snprintf(label, sizeof label, "%s: line %d", what, line);
	INT_EQ(r.err.line, line, label);
	snprintf(label, sizeof label, "%s: names the template", what);
	STR_EQ(r.err.file, tpl_path, label);
	snprintf(label, sizeof label, "%s: message mentions %s", what, part);
	if (!OK(strstr(r.err.message, part) != NULL, label))
		printf("#   message: %s\n", r.err.message);
	run_fini(&r);
}

/* The n-th (0-based) node of kind in document order, or NULL. */
static const struct pp_node *
find_in(const struct pp_node *n, enum pp_node_kind kind, int *n_left)
{
	const struct pp_node *c, *found;

	for (c = n->first; c != NULL; c = c->next) {
		if (c->kind == kind && (*n_left)-- == 0)
			return c;
		if ((found = find_in(c, kind, n_left)) != NULL)
			return found;
	}
	return NULL;
}

static const struct pp_node *
find(const struct pp_doc *doc, enum pp_node_kind kind, int nth)
{
	return doc != NULL ? find_in(doc->root, kind, &nth) : NULL;
}

static int
count(const struct pp_doc *doc, enum pp_node_kind kind)
{
	int n = 0;

	while (find(doc, kind, n) != NULL)
		n++;
	return n;
}

/* --- White space and typography ----------------------------------------- */

static void
test_whitespace(void)
{
	expect_dump("runs of white space collapse, paragraph edges are trimmed",
		    "<document>\n"
		    "  <p>\n"
		    "     Bonjour    le\n"
		    "\tmonde  <strong>  gras  </strong>  fin\n"
		    "  </p>\n"
		    "  <p>  <em>début</em> et  {nom}  </p>\n"
		    "</document>\n",
		    "nom: \"  Dupont   et   fils  \"\n",
		    "  <paragraph>Bonjour le monde <strong>gras "
		    "</strong>fin</paragraph>\n"
		    "  <paragraph><emph>début</emph> et Dupont et "
		    "fils</paragraph>\n");
	expect_dump(
	    "a line break keeps the spaces around it apart",
	    "<document><p>un <br/> deux <em> trois</em></p></document>\n",
	    "x: 1\n",
	    "  <paragraph>un <br/>deux <emph>trois</emph></paragraph>\n");
}

static void
test_typography(void)
{
	expect_dump(
	    "French typography: apostrophe, no-break spaces",
	    "<document>\n"
	    "  <h1>L'État : « oui » ; non ! vraiment ?</h1>\n"
	    "  <p>L'accord de {p} : 30 jours ; 800 000 personnes !</p>\n"
	    "</document>\n",
	    "p: \"l'association\"\n",
	    "  <heading level=\"1\">L" RSQUO "État" NBSP ": «" NNBSP "oui" NNBSP
	    "»" NNBSP "; non" NNBSP "! vraiment" NNBSP "?</heading>\n"
	    "  <paragraph>L" RSQUO "accord de l" RSQUO "association" NBSP
	    ": 30" NBSP "jours" NNBSP "; 800" NNBSP "000" NBSP "personnes" NNBSP
	    "!</paragraph>\n");
	expect_dump("a first ordinal \u00ab 1er \u00bb as a superscript, "
		    "not 21er nor 1ers",
		    "<document>\n"
		    "  <p>Le 1er, (1er mai) du {d} ; 21er 1ers x1er.</p>\n"
		    "</document>\n",
		    "d: \"1er au 9\"\n",
		    "  <paragraph>Le 1<super>er</super>, (1<super>er</super>"
		    " mai) du 1<super>er</super> au 9" NNBSP
		    "; 21er 1ers x1er.</paragraph>\n");
	{
		struct run r;

		run(&r,
		    "<document title=\"L'objet : test\"><p>x</p></document>\n",
		    "x: 1\n");
		STR_EQ(r.doc ? r.doc->title : NULL,
		       "L" RSQUO "objet" NBSP ": test",
		       "typography applies to the document's title");
		run_fini(&r);
	}
	{
		/* One template expanded for several forms, as a kit's worker
		 * does: the texts it keeps with their typography give each
		 * form's own text, the same as a fresh template would. */
		static const char tpl[] =
		    "<document><p>L'accord de {p} : oui !</p></document>\n";
		const char *forms[] = {"p: \"l'association\"\n",
				       "p: \"Dupont : fils\"\n",
				       "p: \"l'association\"\n"};
		const char *want[] = {"L" RSQUO "accord de l" RSQUO
				      "association" NBSP ": oui" NNBSP "!",
				      "L" RSQUO "accord de Dupont" NBSP
				      ": fils" NBSP ": oui" NNBSP "!",
				      "L" RSQUO "accord de l" RSQUO
				      "association" NBSP ": oui" NNBSP "!"};
		struct pp_template *t;
		struct pp_error err;
		size_t i;

		write_tmp("t.xml", tpl);
		pp_error_init(&err);
		t = pp_template_load(tpl_path, clauses_dir, &err);
		for (i = 0; t != NULL && i < sizeof(forms) / sizeof(forms[0]);
		     i++) {
			struct pp_arena *a = pp_arena_new();
			struct pp_value *form =
			    pp_yaml_read_mem(a, "form.yaml", forms[i],
					     strlen(forms[i]), NULL, &err);
			struct pp_doc *doc =
			    form != NULL
				? pp_template_expand(t, "test", form, &err)
				: NULL;
			const struct pp_node *p = find(doc, PP_NODE_TEXT, 0);
			char label[128];

			snprintf(label, sizeof label,
				 "typography, one template for several forms "
				 "(%zu)",
				 i + 1);
			STR_EQ(p != NULL ? p->text : NULL, want[i], label);
			pp_doc_free(doc);
			pp_arena_free(a);
		}
		OK(t != NULL, "typography, one template: it loads");
		pp_template_free(t);
	}
	expect_dump("typography=\"none\" leaves the text as written",
		    "<document typography=\"none\">\n"
		    "  <h1>L'État : « oui » ; non ! vraiment ?</h1>\n"
		    "  <article id=\"a\" title=\"L'objet : test\">\n"
		    "    <p>L'accord de {p} : 30 jours ; 800 000 !</p>\n"
		    "  </article>\n"
		    "</document>\n",
		    "p: \"l'association\"\n",
		    "  <heading level=\"1\">L'État : « oui » ; non ! vraiment "
		    "?</heading>\n"
		    "  <article number=\"1\" id=\"a\" title=\"L'objet : "
		    "test\">\n"
		    "    <paragraph>L'accord de l'association : 30 jours ; 800 "
		    "000 !</paragraph>\n"
		    "  </article>\n");
}

/* --- Numbering and references ------------------------------------------- */

static const char numbered_tpl[] =
    "<document>\n"
    "  <article id=\"objet\" title=\"Objet\">\n"
    "    <p>Voir <ref to=\"duree\"/> et <ref to=\"duree\" form=\"bare\"/>, "
    "puis <ref to=\"kit\"/>.</p>\n"
    "  </article>\n"
    "  <if test=\"donnees\">\n"
    "    <article id=\"donnees\" title=\"Données\">\n"
    "      <p>Selon <ref to=\"objet\"/>.</p>\n"
    "    </article>\n"
    "  </if>\n"
    "  <article id=\"duree\" title=\"Durée\">\n"
    "    <p>Comme dit à <ref to=\"duree\"/>.</p>\n"
    "  </article>\n"
    "  <annex id=\"kit\" title=\"Kit\"><p>Le kit ; <ref to=\"duree\" "
    "form=\"bare\"/>.</p></annex>\n"
    "  <annex id=\"bilan\" title=\"Bilan\"><p>Après <ref "
    "to=\"kit\"/>, aux articles <ref to=\"objet\" form=\"numero\"/> et "
    "<ref to=\"duree\" form=\"numero\"/>.</p></annex>\n"
    "</document>\n";

static void
test_numbering(void)
{
	struct run r;
	const struct pp_node *n;

	expect_dump("articles and annexes are numbered, references resolved",
		    numbered_tpl, "donnees: true\n",
		    "  <article number=\"1\" id=\"objet\" title=\"Objet\">\n"
		    "    <paragraph>Voir <ref to=\"duree\">l" RSQUO
		    "article" NBSP "3</ref> et <ref to=\"duree\">article" NBSP
		    "3</ref>, puis <ref to=\"kit\">l" RSQUO "annexe" NBSP
		    "1</ref>.</paragraph>\n"
		    "  </article>\n"
		    "  <article number=\"2\" id=\"donnees\" "
		    "title=\"Données\">\n"
		    "    <paragraph>Selon <ref to=\"objet\">l" RSQUO
		    "article" NBSP "1<super>er</super></ref>.</paragraph>\n"
		    "  </article>\n"
		    "  <article number=\"3\" id=\"duree\" title=\"Durée\">\n"
		    "    <paragraph>Comme dit à <ref to=\"duree\">l" RSQUO
		    "article" NBSP "3</ref>.</paragraph>\n"
		    "  </article>\n"
		    "  <annex number=\"1\" id=\"kit\" title=\"Kit\">\n"
		    "    <paragraph>Le kit" NNBSP
		    "; <ref to=\"duree\">article" NBSP "3</ref>.</paragraph>\n"
		    "  </annex>\n"
		    "  <annex number=\"2\" id=\"bilan\" title=\"Bilan\">\n"
		    "    <paragraph>Après <ref to=\"kit\">l" RSQUO "annexe" NBSP
		    "1</ref>, aux articles <ref to=\"objet\">1<super>er"
		    "</super></ref> et <ref to=\"duree\">3</ref>."
		    "</paragraph>\n"
		    "  </annex>\n");

	/* The acceptance point: article 2 switched off, "l'article 3"
	 * becomes "l'article 2" everywhere. */
	run(&r, numbered_tpl, "donnees: false\n");
	if (!OK(r.doc != NULL, "the template expands without the article"))
		printf("#   %s\n", r.err.message);
	INT_EQ(count(r.doc, PP_NODE_ARTICLE), 2, "two articles are left");
	n = find(r.doc, PP_NODE_ARTICLE, 1);
	STR_EQ(n ? n->id : NULL, "duree", "the second article is \"duree\"");
	INT_EQ(n ? n->number : 0, 2, "\"duree\" is renumbered 2");
	n = find(r.doc, PP_NODE_REF, 0);
	STR_EQ(n ? n->text : NULL, "l" RSQUO "article" NBSP "2",
	       "<ref> before it: \"l'article 3\" becomes \"l'article 2\"");
	n = find(r.doc, PP_NODE_REF, 1);
	STR_EQ(n ? n->text : NULL, "article" NBSP "2",
	       "<ref form=\"bare\"> gives \"article 2\"");
	n = find(r.doc, PP_NODE_REF, 2);
	STR_EQ(n ? n->text : NULL, "l" RSQUO "annexe" NBSP "1",
	       "a reference to an annex");
	n = find(r.doc, PP_NODE_REF, 3);
	STR_EQ(n ? n->text : NULL, "l" RSQUO "article" NBSP "2",
	       "<ref> inside the renumbered article follows it");
	n = find(r.doc, PP_NODE_REF, 4);
	STR_EQ(n ? n->text : NULL, "article" NBSP "2",
	       "<ref> in an annex follows it too");
	n = find(r.doc, PP_NODE_REF, 7);
	STR_EQ(n ? n->text : NULL, "2",
	       "<ref form=\"numero\"> gives the number alone, renumbered");
	n = find(r.doc, PP_NODE_ANNEX, 1);
	INT_EQ(n ? n->number : 0, 2, "annexes keep their own numbering");
	OK(strstr(r.dump, "article" NBSP "3") == NULL,
	   "no \"article 3\" is left in the dump");
	run_fini(&r);

	expect_error("a reference to an article switched off",
		     "<document>\n"
		     "  <article id=\"a\" title=\"A\"><p>x</p></article>\n"
		     "  <if test=\"donnees\">\n"
		     "    <article id=\"b\" title=\"B\"><p>x</p></article>\n"
		     "  </if>\n"
		     "  <p>Voir <ref to=\"b\"/>.</p>\n"
		     "</document>\n",
		     "donnees: false\n", PP_DIAG_TEMPLATE, 6, "switched");
	expect_error(
	    "a reference to an id never written",
	    "<document>\n"
	    "  <article id=\"engagements\" title=\"A\"><p>x</p></article>\n"
	    "  <p>Voir <ref to=\"engagement\"/>.</p>\n"
	    "</document>\n",
	    "x: 1\n", PP_DIAG_TEMPLATE, 3, "did you mean \"engagements\"");
	expect_error("two articles with one id",
		     "<document>\n"
		     "  <article id=\"a\" title=\"A\"><p>x</p></article>\n"
		     "  <article id=\"a\" title=\"B\"><p>x</p></article>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "the id \"a\"");
	expect_dump("one id in both branches of an if/else is not a duplicate",
		    "<document>\n"
		    "  <if test=\"x\"><article id=\"a\" title=\"Oui\"><p>o</p>"
		    "</article></if>\n"
		    "  <else><article id=\"a\" title=\"Non\"><p>n</p>"
		    "</article></else>\n"
		    "  <p><ref to=\"a\"/></p>\n"
		    "</document>\n",
		    "x: false\n",
		    "  <article number=\"1\" id=\"a\" title=\"Non\">\n"
		    "    <paragraph>n</paragraph>\n"
		    "  </article>\n"
		    "  <paragraph><ref to=\"a\">l" RSQUO "article" NBSP
		    "1<super>er</super></ref></paragraph>\n");
}

/* --- Control ------------------------------------------------------------- */

static void
test_each(void)
{
	expect_dump(
	    "each with loop.index, loop.count, loop.first, loop.last",
	    "<document>\n"
	    "  <list type=\"number\">\n"
	    "    <each in=\"canaux\" as=\"c\">\n"
	    "      <item>{loop.index}/{loop.count} {c.nom}<if "
	    "test=\"loop.first\"> (premier)</if><if "
	    "test=\"loop.last\"> (dernier)</if></item>\n"
	    "    </each>\n"
	    "  </list>\n"
	    "  <each in=\"vide\" as=\"v\"><p>{v}</p></each>\n"
	    "</document>\n",
	    "canaux:\n"
	    "  - nom: application\n"
	    "  - nom: newsletter\n"
	    "  - nom: instagram\n"
	    "vide: []\n",
	    "  <list type=\"number\">\n"
	    "    <item>\n"
	    "      <paragraph>1/3" NBSP "application (premier)</paragraph>\n"
	    "    </item>\n"
	    "    <item>\n"
	    "      <paragraph>2/3" NBSP "newsletter</paragraph>\n"
	    "    </item>\n"
	    "    <item>\n"
	    "      <paragraph>3/3" NBSP "instagram (dernier)</paragraph>\n"
	    "    </item>\n"
	    "  </list>\n");
	expect_dump("a loop variable shadows the form; loops nest",
		    "<document>\n"
		    "  <each in=\"groupes\" as=\"g\">\n"
		    "    <each in=\"g.membres\" as=\"nom\">\n"
		    "      <p>{g.titre} : {nom} ({loop.index})</p>\n"
		    "    </each>\n"
		    "  </each>\n"
		    "</document>\n",
		    "nom: non\n"
		    "groupes:\n"
		    "  - { titre: A, membres: [a1, a2] }\n"
		    "  - { titre: B, membres: [b1] }\n",
		    "  <paragraph>A" NBSP ": a1 (1)</paragraph>\n"
		    "  <paragraph>A" NBSP ": a2 (2)</paragraph>\n"
		    "  <paragraph>B" NBSP ": b1 (1)</paragraph>\n");
	expect_error("each over an absent list",
		     "<document>\n"
		     "  <each in=\"absente\" as=\"x\"><p>{x}</p></each>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_MISSING_VALUE, 2, "absente");
	expect_error("each over a map",
		     "<document>\n\n"
		     "  <each in=\"carte\" as=\"x\"><p>{x}</p></each>\n"
		     "</document>\n",
		     "carte: { a: 1 }\n", PP_DIAG_EXPRESSION, 3, "not a list");
}

static void
test_if_else(void)
{
	expect_dump("if without else, true",
		    "<document>\n"
		    "  <if test=\"mode == &quot;manuscrite&quot; and not "
		    "absent\"><p>manuscrite</p></if>\n"
		    "  <else><p>électronique</p></else>\n"
		    "  <p>Fin<if test=\"absent\"> jamais</if><if "
		    "test=\"n &gt;= 2\"> deux</if>.</p>\n"
		    "</document>\n",
		    "mode: manuscrite\nn: 2\n",
		    "  <paragraph>manuscrite</paragraph>\n"
		    "  <paragraph>Fin deux.</paragraph>\n");
	expect_dump("else taken when the test is false",
		    "<document>\n"
		    "  <if test=\"mode == &quot;manuscrite&quot;\">"
		    "<p>manuscrite</p></if>\n"
		    "  <!-- a comment between if and else -->\n"
		    "  <else><p>électronique</p></else>\n"
		    "</document>\n",
		    "mode: electronique\n",
		    "  <paragraph>électronique</paragraph>\n");
	expect_error("else without if",
		     "<document>\n"
		     "  <p>x</p>\n"
		     "  <else><p>y</p></else>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "<else>");
}

static void
test_empty_paragraphs(void)
{
	expect_dump("empty paragraphs, headings and lists are removed",
		    "<document>\n"
		    "  <p>  </p>\n"
		    "  <p>{vide}</p>\n"
		    "  <p><strong> </strong></p>\n"
		    "  <p><if test=\"absent\">x</if></p>\n"
		    "  <h2>{vide}</h2>\n"
		    "  <list><each in=\"rien\" as=\"r\"><item>{r}</item></each>"
		    "</list>\n"
		    "  <p>seul</p>\n"
		    "</document>\n",
		    "vide: \"\"\nrien: []\n",
		    "  <paragraph>seul</paragraph>\n");
}

/* --- Markdown and form text ---------------------------------------------- */

static void
test_markdown(void)
{
	expect_dump(
	    "markdown: paragraphs, a list, emphasis, safe links only",
	    "<document>\n"
	    "  <article id=\"a\" title=\"A\">\n"
	    "    <p>{texte | markdown}</p>\n"
	    "  </article>\n"
	    "</document>\n",
	    "texte: |\n"
	    "  Premier paragraphe.\n"
	    "\n"
	    "  - un\n"
	    "  - deux\n"
	    "\n"
	    "  Voir *ceci*, **cela**, [le site](https://ex.fr/a?b=1),\n"
	    "  [écrire](mailto:a@ex.fr), [ancien](http://ex.fr),\n"
	    "  [piège](javascript:alert(1)) et [relatif](/chemin).\n",
	    "  <article number=\"1\" id=\"a\" title=\"A\">\n"
	    "    <paragraph>Premier paragraphe.</paragraph>\n"
	    "    <list type=\"bullet\">\n"
	    "      <item>\n"
	    "        <paragraph>un</paragraph>\n"
	    "      </item>\n"
	    "      <item>\n"
	    "        <paragraph>deux</paragraph>\n"
	    "      </item>\n"
	    "    </list>\n"
	    "    <paragraph>Voir <emph>ceci</emph>, <strong>cela</strong>, "
	    "<link href=\"https://ex.fr/a?b=1\">le site</link>, <link "
	    "href=\"mailto:a@ex.fr\">écrire</link>, <link "
	    "href=\"http://ex.fr\">ancien</link>, piège et "
	    "relatif.</paragraph>\n"
	    "  </article>\n");
	expect_dump("markdown inside text: one paragraph's inlines",
		    "<document>\n"
		    "  <p>Note : {texte | markdown} (fin)</p>\n"
		    "</document>\n",
		    "texte: \"un *mot* en **gras**\"\n",
		    "  <paragraph>Note" NBSP ": un <emph>mot</emph> en "
		    "<strong>gras</strong> (fin)</paragraph>\n");
	expect_dump("numbered markdown list",
		    "<document><p>{t | markdown}</p></document>\n",
		    "t: \"1. a\\n2. b\\n\"\n",
		    "  <list type=\"number\">\n"
		    "    <item>\n"
		    "      <paragraph>a</paragraph>\n"
		    "    </item>\n"
		    "    <item>\n"
		    "      <paragraph>b</paragraph>\n"
		    "    </item>\n"
		    "  </list>\n");
	expect_error("several markdown paragraphs inside text",
		     "<document>\n"
		     "  <p>Note : {texte | markdown}</p>\n"
		     "</document>\n",
		     "texte: \"un\\n\\ndeux\"\n", PP_DIAG_TEMPLATE, 2,
		     "several paragraphs");
}

static void
test_literal_form_text(void)
{
	struct run r;
	const struct pp_node *n;

	/* Typography off: the bytes themselves (with it, straight quotes
	 * become « », see test_quotes_typography). */
	expect_dump(
	    "form text with & < > \" { } is printed literally",
	    "<document title=\"{t}\" typography=\"none\">\n"
	    "  <p>{t}</p>\n"
	    "  <p>Modèle : {{littéral}} et }} seul.</p>\n"
	    "  <logos label=\"{t}\"><logo file=\"{f}\" "
	    "name=\"{t}\"/></logos>\n"
	    "</document>\n",
	    "t: 'a & b < c > d \"e\" {t} {{t}} **f** <b>g</b>'\n"
	    "f: \"logo&<>.png\"\n",
	    "  <paragraph>a &amp; b &lt; c &gt; d \"e\" {t} {{t}} **f** "
	    "&lt;b&gt;g&lt;/b&gt;</paragraph>\n"
	    "  <paragraph>Modèle : {littéral} et } "
	    "seul.</paragraph>\n"
	    "  <logos title=\"a &amp; b &lt; c &gt; d &quot;e&quot; {t} "
	    "{{t}} **f** &lt;b&gt;g&lt;/b&gt;\">\n"
	    "    <logo title=\"a &amp; b &lt; c &gt; d &quot;e&quot; {t} "
	    "{{t}} **f** &lt;b&gt;g&lt;/b&gt;\" "
	    "href=\"logo&amp;&lt;&gt;.png\"/>\n"
	    "  </logos>\n");
	run(&r,
	    "<document title=\"{t}\" typography=\"none\"><p>{t}</p>"
	    "</document>\n",
	    "t: 'a & b < c > d \"e\" {t} {{t}}'\n");
	STR_EQ(r.doc ? r.doc->title : NULL, "a & b < c > d \"e\" {t} {{t}}",
	       "an interpolated attribute holds the form's bytes");
	n = find(r.doc, PP_NODE_TEXT, 0);
	STR_EQ(n ? n->text : NULL, "a & b < c > d \"e\" {t} {{t}}",
	       "the text node holds the form's bytes");
	INT_EQ(count(r.doc, PP_NODE_TEXT), 1, "one text node, nothing parsed");
	run_fini(&r);
	/* French typography on (the default): straight quotes typed in a
	 * form become « » with their narrow no-break spaces. */
	run(&r, "<document><p>{t}</p></document>\n", "t: 'le \"mot\" juste'\n");
	n = find(r.doc, PP_NODE_TEXT, 0);
	STR_EQ(n ? n->text : NULL,
	       "le \xc2\xab\xe2\x80\xafmot\xe2\x80\xaf\xc2\xbb juste",
	       "straight quotes from a form printed « »");
	run_fini(&r);
}

/* --- Clauses ------------------------------------------------------------- */

static void
test_clauses(void)
{
	struct run r;

	write_tmp(
	    "clauses/mention.xml",
	    "<clause id=\"mention\" version=\"2026.1\" status=\"validee\" "
	    "title=\"Mention\">\n"
	    "  <p>Mention légale de {p}.</p>\n"
	    "</clause>\n");
	write_tmp("clauses/donnees.xml",
		  "<clause id=\"donnees\" version=\"2026.2\" "
		  "status=\"en_revue\" title=\"Données\">\n"
		  "  <article id=\"donnees\" title=\"Données personnelles\">\n"
		  "    <p>RGPD.</p>\n"
		  "  </article>\n"
		  "</clause>\n");
	write_tmp(
	    "clauses/imbrique.xml",
	    "<clause id=\"imbrique\" version=\"1\" status=\"brouillon\">\n"
	    "  <clause name=\"mention\"/>\n"
	    "</clause>\n");

	run(&r,
	    "<document>\n"
	    "  <clause name=\"mention\"/>\n"
	    "  <article id=\"a\" title=\"A\"><clause name=\"mention\"/>"
	    "</article>\n"
	    "  <clause name=\"donnees\"/>\n"
	    "  <p>Voir <ref to=\"donnees\"/>.</p>\n"
	    "</document>\n",
	    "p: Dupont\n");
	if (!OK(r.doc != NULL, "a template with clauses expands"))
		printf("#   %s\n", r.err.message);
	INT_EQ(r.doc ? r.doc->nclauses : 0, 2,
	       "a clause included twice is recorded once");
	if (r.doc != NULL && r.doc->nclauses == 2) {
		STR_EQ(r.doc->clauses[0].id, "mention", "first clause: id");
		STR_EQ(r.doc->clauses[0].version, "2026.1",
		       "first clause: version");
		STR_EQ(r.doc->clauses[0].status, "validee",
		       "first clause: status");
		STR_EQ(r.doc->clauses[1].id, "donnees", "second clause: id");
		STR_EQ(r.doc->clauses[1].version, "2026.2",
		       "second clause: version");
		STR_EQ(r.doc->clauses[1].status, "en_revue",
		       "second clause: status");
	}
	INT_EQ(count(r.doc, PP_NODE_PARAGRAPH), 4,
	       "both inclusions are expanded");
	OK(strstr(r.dump, "  <clauses>\n"
			  "    <clause id=\"mention\" version=\"2026.1\" "
			  "status=\"validee\"/>\n"
			  "    <clause id=\"donnees\" version=\"2026.2\" "
			  "status=\"en_revue\"/>\n"
			  "  </clauses>\n") != NULL,
	   "the dump lists the clauses with version and status");
	OK(strstr(r.dump, "<ref to=\"donnees\">l" RSQUO "article" NBSP
			  "2</ref>") != NULL,
	   "an article of a clause is numbered and can be referred to");
	OK(strstr(r.dump, "Mention légale de Dupont.") != NULL,
	   "a clause is expanded over the form");
	run_fini(&r);

	run(&r,
	    "<document>\n"
	    "  <clause name=\"donnees\"/>\n"
	    "  <clause name=\"donnees\"/>\n"
	    "</document>\n",
	    "x: 1\n");
	OK(r.doc == NULL && r.err.code == PP_DIAG_TEMPLATE &&
	       strstr(r.err.message, "the id \"donnees\"") != NULL,
	   "a clause with an article included twice: a duplicate id");
	OK(strstr(r.err.file, "clauses/donnees.xml") != NULL && r.err.line == 2,
	   "the duplicate is reported in the clause file, at the article");
	run_fini(&r);

	expect_error("an unknown clause",
		     "<document>\n"
		     "  <clause name=\"inconnue\"/>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 2, "\"inconnue\"");
	expect_error("a clause name that is a path",
		     "<document>\n"
		     "  <clause name=\"../t\"/>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 2, "unknown clause");
	run(&r,
	    "<document>\n"
	    "  <clause name=\"imbrique\"/>\n"
	    "</document>\n",
	    "x: 1\n");
	OK(r.doc == NULL &&
	       strstr(r.err.file, "clauses/imbrique.xml") != NULL &&
	       r.err.line == 2 &&
	       strstr(r.err.message, "cannot include another clause") != NULL,
	   "a clause including a clause: refused at the clause's line");
	run_fini(&r);
}

/* --- The tree's invariants ----------------------------------------------- */

static void
test_containment(void)
{
	struct pp_doc *doc = pp_doc_new();
	struct pp_node *p1 = pp_doc_node_new(doc, PP_NODE_PARAGRAPH, NULL);
	struct pp_node *p2 = pp_doc_node_new(doc, PP_NODE_PARAGRAPH, NULL);

	OK(!pp_doc_can_contain(PP_NODE_PARAGRAPH, PP_NODE_PARAGRAPH),
	   "a paragraph cannot contain a paragraph");
	OK(pp_doc_can_contain(PP_NODE_PARAGRAPH, PP_NODE_TEXT),
	   "a paragraph contains text");
	OK(!pp_doc_can_contain(PP_NODE_ARTICLE, PP_NODE_TEXT),
	   "an article does not contain text directly");
	OK(!pp_doc_can_contain(PP_NODE_LINK, PP_NODE_LINK),
	   "no link inside a link");
	OK(!pp_doc_can_contain(PP_NODE_ARTICLE, PP_NODE_ARTICLE),
	   "no article inside an article");
	INT_EQ(pp_doc_append(p1, p2), -1, "pp_doc_append refuses it");
	OK(p1->first == NULL && p2->parent == NULL,
	   "and leaves both nodes untouched");
	pp_doc_free(doc);

	expect_error("a <p> inside a <p>",
		     "<document>\n"
		     "  <p>un\n"
		     "    <p>deux</p></p>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "inside paragraph");
	expect_error("an article inside an article",
		     "<document>\n"
		     "  <article id=\"a\" title=\"A\">\n"
		     "    <article id=\"b\" title=\"B\"/>\n"
		     "  </article>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "inside article");
	expect_error("loose text in an article",
		     "<document>\n"
		     "  <article id=\"a\" title=\"A\">\n"
		     "    <p>ok</p>\n"
		     "    oubli du p\n"
		     "  </article>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 4, "put it in a <p>");
	expect_error("loose inline element in an annex",
		     "<document>\n"
		     "  <annex id=\"a\" title=\"A\">\n"
		     "    <strong>oubli</strong>\n"
		     "  </annex>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "inside a paragraph");
	expect_dump("text in an item, a cell or a party makes a paragraph",
		    "<document>\n"
		    "  <list><item>un <em>mot</em></item></list>\n"
		    "  <signatures><party title=\"Pour {p}\">Le président<br/>"
		    "{p}</party></signatures>\n"
		    "</document>\n",
		    "p: Dupont\n",
		    "  <list type=\"bullet\">\n"
		    "    <item>\n"
		    "      <paragraph>un <emph>mot</emph></paragraph>\n"
		    "    </item>\n"
		    "  </list>\n"
		    "  <signatures>\n"
		    "    <party title=\"Pour Dupont\">\n"
		    "      <paragraph>Le président<br/>Dupont</paragraph>\n"
		    "    </party>\n"
		    "  </signatures>\n");
}

static void
test_tables(void)
{
	struct run r;
	const struct pp_node *t, *row;

	run(&r,
	    "<document>\n"
	    "  <table widths=\"30,70\">\n"
	    "    <row "
	    "header=\"true\"><cell>Canal</cell><cell>Date</cell></row>\n"
	    "    <each in=\"actions\" as=\"a\">\n"
	    "      <row><cell>{a.canal}</cell><cell><p>{a.date | "
	    "date}</p></cell></row>\n"
	    "    </each>\n"
	    "  </table>\n"
	    "</document>\n",
	    "actions:\n"
	    "  - { canal: application, date: 2026-03-01 }\n"
	    "  - { canal: instagram, date: 2026-03-08 }\n");
	if (!OK(r.doc != NULL, "a table expands"))
		printf("#   %s\n", r.err.message);
	t = find(r.doc, PP_NODE_TABLE, 0);
	INT_EQ(t ? t->ncols : 0, 2, "two column widths");
	INT_EQ(t && t->ncols == 2 ? t->widths[0] : 0, 30, "first width");
	INT_EQ(t && t->ncols == 2 ? t->widths[1] : 0, 70, "second width");
	INT_EQ(count(r.doc, PP_NODE_ROW), 3, "a header row and two rows");
	row = find(r.doc, PP_NODE_ROW, 0);
	INT_EQ(row ? row->number : -1, 1, "the first row is a header");
	row = find(r.doc, PP_NODE_ROW, 1);
	INT_EQ(row ? row->number : -1, 0, "the second is not");
	STR_EQ(strstr(r.dump, "  <table"),
	       "  <table widths=\"30,70\">\n"
	       "    <row header=\"true\">\n"
	       "      <cell>\n"
	       "        <paragraph>Canal</paragraph>\n"
	       "      </cell>\n"
	       "      <cell>\n"
	       "        <paragraph>Date</paragraph>\n"
	       "      </cell>\n"
	       "    </row>\n"
	       "    <row>\n"
	       "      <cell>\n"
	       "        <paragraph>application</paragraph>\n"
	       "      </cell>\n"
	       "      <cell>\n"
	       "        <paragraph>1<super>er</super>" NBSP "mars" NBSP
	       "2026</paragraph>\n"
	       "      </cell>\n"
	       "    </row>\n"
	       "    <row>\n"
	       "      <cell>\n"
	       "        <paragraph>instagram</paragraph>\n"
	       "      </cell>\n"
	       "      <cell>\n"
	       "        <paragraph>8" NBSP "mars" NBSP "2026</paragraph>\n"
	       "      </cell>\n"
	       "    </row>\n"
	       "  </table>\n" TAIL,
	       "the table's dump");
	run_fini(&r);
	expect_error("widths that are not percentages",
		     "<document>\n\n"
		     "  <table widths=\"30,soixante-dix\"><row><cell>x</cell>"
		     "</row></table>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 3, "30,70");
}

static void
test_marque(void)
{
	struct run r;
	const struct pp_node *m;

	run(&r, "<document><marque/><p>x</p></document>\n",
	    "emetteur:\n"
	    "  intitule_bloc_marque: [\"MINISTÈRE\", \"CHARGÉ DE "
	    "L'ÉGALITÉ\", \"ENTRE LES FEMMES\", \"ET LES HOMMES\"]\n");
	m = find(r.doc, PP_NODE_MARQUE, 0);
	if (!OK(m != NULL, "<marque/> makes a bloc-marque"))
		printf("#   %s\n", r.err.message);
	INT_EQ(m ? m->nlines : 0, 4, "one line per item of the form's list");
	if (m != NULL && m->nlines == 4) {
		STR_EQ(m->lines[0], "MINISTÈRE", "first line");
		STR_EQ(m->lines[3], "ET LES HOMMES", "last line");
	}
	OK(strstr(r.dump, "  <marque>\n"
			  "    <line>MINISTÈRE</line>\n") != NULL,
	   "the dump lists the lines");
	run_fini(&r);
	expect_error("a bloc-marque without lines in the form",
		     "<document>\n  <marque/>\n</document>\n", "x: 1\n",
		     PP_DIAG_MISSING_VALUE, 2, "emetteur.intitule_bloc_marque");
}

/* --- Errors -------------------------------------------------------------- */

static void
test_errors(void)
{
	expect_error("an absent path",
		     "<document>\n\n  <p>{partenaire.logo}</p>\n</document>\n",
		     "partenaire: { nom: x }\n", PP_DIAG_MISSING_VALUE, 3,
		     "\"partenaire.logo\"");
	expect_error("a misspelt path",
		     "<document>\n  <p>{partenaire.nmo}</p>\n</document>\n",
		     "partenaire: { nom: x }\n", PP_DIAG_MISSING_VALUE, 2,
		     "did you mean \"nom\"");
	expect_dump("an absent path with a default, or guarded by if",
		    "<document>\n"
		    "  <p>{absent | default: \"rien\"}</p>\n"
		    "  <if test=\"absent\"><p>{absent}</p></if>\n"
		    "</document>\n",
		    "x: 1\n", "  <paragraph>rien</paragraph>\n");
	expect_error("an absent path in a long paragraph: the line of the {",
		     "<document>\n"
		     "  <p>\n"
		     "    Première ligne,\n"
		     "    deuxième {x} et\n"
		     "    troisième {absent}\n"
		     "    quatrième.\n"
		     "  </p>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_MISSING_VALUE, 5, "\"absent\"");
	expect_error("the same in ASCII text",
		     "<document>\n"
		     "  <p>\n"
		     "    one,\n"
		     "    two {absent}\n"
		     "    three.\n"
		     "  </p>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_MISSING_VALUE, 4, "\"absent\"");
	expect_error("a \"{\" without \"}\" in a long paragraph",
		     "<document>\n"
		     "  <p>\n"
		     "    un,\n"
		     "    deux {x\n"
		     "    trois.\n"
		     "  </p>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 4, "{{");
	expect_error("an unknown element",
		     "<document>\n  <para>x</para>\n</document>\n", "x: 1\n",
		     PP_DIAG_TEMPLATE, 2, "<para>");
	expect_error("an unknown attribute",
		     "<document>\n  <p align=\"c\">x</p>\n</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 2, "\"align\"");
	expect_error("a missing attribute",
		     "<document>\n  <article id=\"a\"><p>x</p></article>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 2, "\"title\"");
	expect_error("an unknown filter",
		     "<document>\n  <p>{x | euro}</p>\n</document>\n", "x: 1\n",
		     PP_DIAG_EXPRESSION, 2, "\"euro\"");
	expect_error("a broken test",
		     "<document>\n  <if test=\"x ==\"><p>x</p></if>\n"
		     "</document>\n",
		     "x: 1\n", PP_DIAG_EXPRESSION, 2, "test=");
	expect_error("a DOCTYPE",
		     "<?xml version=\"1.0\"?>\n"
		     "<!DOCTYPE document [\n"
		     "  <!ENTITY e SYSTEM \"file:///etc/passwd\">\n"
		     "]>\n"
		     "<document><p>&e;</p></document>\n",
		     "x: 1\n", PP_DIAG_TEMPLATE, 2, "DOCTYPE");
	expect_error("XML that is not well-formed: the first mistake",
		     "<document>\n  <p>a <em>b</p>\n\n</document>\n", "x: 1\n",
		     PP_DIAG_TEMPLATE, 2, "mismatch");
	expect_error("a root that is not <document>", "<p>x</p>\n", "x: 1\n",
		     PP_DIAG_TEMPLATE, 1, "<document>");
	expect_error("a list printed as text",
		     "<document>\n  <p>{l}</p>\n</document>\n", "l: [a, b]\n",
		     PP_DIAG_EXPRESSION, 2, "join");
}

/* Removes tmpdir and what the tests wrote in it (one folder level). */
static void
cleanup(void)
{
	const char *dirs[] = {"clauses", ""};
	size_t i;

	for (i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char path[512];
		struct dirent *e;
		DIR *d;

		snprintf(path, sizeof path, "%s/%s", tmpdir, dirs[i]);
		d = opendir(path);
		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL) {
			char file[1024];

			if (e->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", path, e->d_name);
			unlink(file);
		}
		closedir(d);
		rmdir(path);
	}
}

int
main(void)
{
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(tpl_path, sizeof tpl_path, "%s/t.xml", tmpdir);
	snprintf(clauses_dir, sizeof clauses_dir, "%s/clauses", tmpdir);
	if (mkdir(clauses_dir, 0700) != 0) {
		perror(clauses_dir);
		return 99;
	}
	test_whitespace();
	test_typography();
	test_numbering();
	test_each();
	test_if_else();
	test_empty_paragraphs();
	test_markdown();
	test_literal_form_text();
	test_clauses();
	test_containment();
	test_tables();
	test_marque();
	test_errors();
	cleanup();
	return harness_done();
}
