/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * "paraphe init": the blank form or the example, from a model's
 * exemple.yaml (the marks are described in init.h); and the warning for a
 * partner's value left as the example's.
 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "i18n.h"
#include "init.h"
#include "model.h"
#include "schema.h"
#include "yamlin.h"

#define INIT_MARK	  "# " PP_PLACEHOLDER
#define INIT_ONLY_EXAMPLE "#@exemple"
#define INIT_ONLY_BLANK	  "#@vierge"
#define INIT_MAX_EXAMPLE  (1u << 20)
#define INIT_QUOTED	  "\"" PP_PLACEHOLDER "\""

/* The text of a model's exemple.yaml; NULL with err filled. */
static char *
init_read_example(const char *datadir, const char *name, struct pp_error *err)
{
	char *dir, *base, *path, *data = NULL;
	size_t len;

	if (pp_model_locate(datadir, name, &dir, &base, err) != 0)
		return NULL;
	path = g_build_filename(dir, "exemple.yaml", NULL);
	if (pp_file_read(path, INIT_MAX_EXAMPLE, &data, &len, err) != 0)
		data = NULL;
	g_free(path);
	g_free(base);
	g_free(dir);
	return data;
}

/* One model's example: its lines, and for each line the comment the blank
 * form adds after a value it blanks ("# obligatoire"…), or NULL. */
struct init_example {
	char **lines;
	char **labels; /* as many as lines; NULL entries */
	size_t n;
};

/* Records in paths[line - 1] the data path of the first key or list item
 * written on each line. */
static void
init_paths(const struct pp_value *v, const char *path, char **paths, size_t n,
	   int depth)
{
	size_t i;

	if (depth > 32)
		return;
	if (v->kind == PP_VALUE_MAP) {
		for (i = 0; i < v->u.map.n; i++) {
			const struct pp_map_entry *e = &v->u.map.items[i];
			char *p = path[0] != '\0'
				      ? g_strdup_printf("%s.%s", path, e->key)
				      : g_strdup(e->key);
			size_t line = (size_t)e->key_pos.line;

			if (line >= 1 && line <= n && paths[line - 1] == NULL)
				paths[line - 1] = g_strdup(p);
			init_paths(e->value, p, paths, n, depth + 1);
			g_free(p);
		}
	} else if (v->kind == PP_VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++) {
			const struct pp_value *it = v->u.list.items[i];
			char *p = g_strdup_printf("%s.%zu", path, i);
			size_t line = (size_t)it->pos.line;

			/* "- key: value": the key's need, not the item's. */
			if (line >= 1 && line <= n && paths[line - 1] == NULL &&
			    it->kind != PP_VALUE_MAP)
				paths[line - 1] = g_strdup(p);
			init_paths(it, p, paths, n, depth + 1);
			g_free(p);
		}
	}
}

/* What a form with these models needs of the key at path: the strongest
 * need among the schemas that know it. */
static char *
init_label(struct pp_schema *const *schemas, const char *path)
{
	int best = PP_FIELD_UNKNOWN, need;
	const char *cond = NULL, *c;
	size_t i;

	for (i = 0; schemas[i] != NULL; i++) {
		c = pp_schema_field_need(schemas[i], path, &need);
		if (need > best) {
			best = need;
			cond = c;
		}
	}
	switch (best) {
	case PP_FIELD_FIXED:
		return g_strdup_printf("# doit rester %s", cond);
	case PP_FIELD_REQUIRED:
		return g_strdup("# obligatoire");
	case PP_FIELD_REQUIRED_IN:
		return g_strdup_printf("# obligatoire dans %s", cond);
	case PP_FIELD_REQUIRED_IF:
		return cond != NULL
			   ? g_strdup_printf("# obligatoire selon %s", cond)
			   : g_strdup("# obligatoire dans certains cas");
	case PP_FIELD_OPTIONAL:
		return g_strdup("# facultatif");
	default:
		return NULL;
	}
}

/* Splits text into lines (without the empty piece after the last
 * newline) and labels them from schemas. */
static void
init_example_load(struct init_example *ex, const char *name, const char *text,
		  struct pp_schema *const *schemas)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	struct pp_value *root;
	char **paths;
	size_t i;

	ex->lines = g_strsplit(text, "\n", -1);
	ex->n = g_strv_length(ex->lines);
	if (ex->n > 0 && ex->lines[ex->n - 1][0] == '\0')
		ex->n--;
	ex->labels = g_new0(char *, ex->n + 1);
	paths = g_new0(char *, ex->n + 1);
	pp_error_init(&err);
	root = pp_yaml_read_mem(a, name, text, strlen(text), NULL, &err);
	if (root != NULL)
		init_paths(root, "", paths, ex->n, 0);
	for (i = 0; i < ex->n; i++)
		if (paths[i] != NULL)
			ex->labels[i] = init_label(schemas, paths[i]);
	for (i = 0; i < ex->n; i++)
		g_free(paths[i]);
	g_free(paths);
	pp_arena_free(a);
}

static void
init_example_fini(struct init_example *ex)
{
	size_t i;

	for (i = 0; i < ex->n; i++)
		g_free(ex->labels[i]);
	g_free(ex->labels);
	g_strfreev(ex->lines);
}

/* Line i begins a top-level key (no indent, not a comment). */
static int
init_top_key(char *const *lines, size_t i, const char *key)
{
	size_t n = strlen(key);

	return strncmp(lines[i], key, n) == 0 && lines[i][n] == ':';
}

/* The first line of the comment block just above line i. */
static size_t
init_comments_above(char *const *lines, size_t i)
{
	while (i > 0 && lines[i - 1][0] == '#')
		i--;
	return i;
}

static size_t
init_find_top(char *const *lines, const char *key)
{
	size_t i;

	for (i = 0; lines[i] != NULL; i++)
		if (init_top_key(lines, i, key))
			return i;
	return (size_t)-1;
}

/* A value line of the blank form: value (from the line's value on) made
 * PP_PLACEHOLDER.  A flow map keeps its keys. */
static void
init_blank_value(struct pp_buf *out, const char *value, size_t len)
{
	if (len > 0 && value[0] == '{') {
		GRegex *re = g_regex_new("([A-Za-z_][A-Za-z0-9_]*:\\s*)(\"(?:[^"
					 "\"\\\\]|\\\\.)*\"|[^,}"
					 "]*[^,}\\s])",
					 0, 0, NULL);
		char *src = g_strndup(value, len);
		char *done =
		    g_regex_replace(re, src, -1, 0, "\\1" INIT_QUOTED, 0, NULL);

		pp_buf_adds(out, done);
		g_free(done);
		g_free(src);
		g_regex_unref(re);
	} else if (len > 0 && value[0] == '[') {
		pp_buf_adds(out, "[" INIT_QUOTED "]");
	} else {
		pp_buf_adds(out, INIT_QUOTED);
	}
}

/* One line of exemple.yaml as the example or the blank form prints it;
 * nothing for a line the other one only prints. */
static void
init_line(struct pp_buf *out, const char *line, const char *label, int example)
{
	size_t len = strlen(line), mark = strlen(INIT_MARK), start;

	if (strncmp(line, INIT_ONLY_EXAMPLE, strlen(INIT_ONLY_EXAMPLE)) == 0 ||
	    strncmp(line, INIT_ONLY_BLANK, strlen(INIT_ONLY_BLANK)) == 0) {
		int ex = line[2] == 'e';
		const char *rest = line + (ex ? strlen(INIT_ONLY_EXAMPLE)
					      : strlen(INIT_ONLY_BLANK));

		if (ex == !!example) {
			pp_buf_addc(out, '#');
			pp_buf_adds(out, rest);
			pp_buf_addc(out, '\n');
		}
		return;
	}
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
		len--;
	if (len <= mark || strncmp(line + len - mark, INIT_MARK, mark) != 0 ||
	    line[0] == '#') {
		/* The blank form says of every key whether it is needed. */
		pp_buf_add(out, line, len);
		if (!example && label != NULL && line[0] != '#' &&
		    memchr(line, '#', len) == NULL) {
			pp_buf_adds(out, "  ");
			pp_buf_adds(out, label);
		}
		pp_buf_addc(out, '\n');
		return;
	}
	len -= mark;
	while (len > 0 && line[len - 1] == ' ')
		len--;
	if (example) {
		pp_buf_add(out, line, len);
		pp_buf_addc(out, '\n');
		return;
	}
	/* The value starts after the indent, a "- " and a "key: ". */
	start = strspn(line, " ");
	if (line[start] == '-' && line[start + 1] == ' ')
		start += 2 + strspn(line + start + 2, " ");
	{
		size_t k = start;

		while (g_ascii_isalnum(line[k]) || line[k] == '_')
			k++;
		if (k > start && line[k] == ':' && line[k + 1] == ' ')
			start = k + 2 + strspn(line + k + 2, " ");
	}
	if (start > len)
		start = len;
	pp_buf_add(out, line, start);
	init_blank_value(out, line + start, len - start);
	if (label != NULL) {
		pp_buf_adds(out, "  ");
		pp_buf_adds(out, label);
	}
	pp_buf_addc(out, '\n');
}

static void
init_lines(struct pp_buf *out, const struct init_example *ex, size_t from,
	   size_t to, int example)
{
	size_t i;

	for (i = from; i < to && i < ex->n; i++)
		init_line(out, ex->lines[i], ex->labels[i], example);
}

/* A line of the convention's example in the form for both documents:
 * the commands it shows name both models. */
static void
init_combined_line(struct pp_buf *out, const char *line, const char *label,
		   int example)
{
	static const char *const from[] = {
	    "paraphe init convention > mon-partenariat.yaml   (obtenir ce "
	    "formulaire)",
	    "paraphe validate mon-partenariat.yaml            (vérifier le "
	    "formulaire)",
	    "« paraphe init convention »",
	    "paraphe init --example convention »"};
	static const char *const to[] = {
	    "paraphe init convention fiche-projet > mon-partenariat.yaml",
	    "paraphe validate mon-partenariat.yaml",
	    "« paraphe init convention fiche-projet »",
	    "paraphe init --example convention fiche-projet »"};
	struct pp_buf one;
	char **parts, *done;
	size_t k;

	pp_buf_init(&one);
	init_line(&one, line, label, example);
	done = g_strdup(pp_buf_str(&one));
	pp_buf_fini(&one);
	for (k = 0; k < G_N_ELEMENTS(from); k++) {
		parts = g_strsplit(done, from[k], -1);
		g_free(done);
		done = g_strjoinv(to[k], parts);
		g_strfreev(parts);
	}
	pp_buf_adds(out, done);
	g_free(done);
}

/*
 * The convention's example with the fiche projet's section put in before
 * the clauses, its types line asking for both documents and its title
 * naming both.
 */
static int
init_combine(struct pp_buf *out, const struct init_example *c,
	     const struct init_example *f, int example, struct pp_error *err)
{
	size_t fstart, fend, at, i;

	fstart = init_find_top(f->lines, "fiche_projet");
	at = init_find_top(c->lines, "clauses");
	if (fstart == (size_t)-1 || at == (size_t)-1) {
		pp_error_set(err, PP_DIAG_SCHEMA, NULL,
			     _("the examples of the models convention and "
			       "fiche-projet cannot be put together: one has "
			       "no \"clauses\" or no \"fiche_projet\" "
			       "section"));
		return -1;
	}
	/* The fiche's section runs to the next top-level key, without the
	 * comments and blank lines that close the file. */
	for (fend = fstart + 1; fend < f->n; fend++)
		if (f->lines[fend][0] != '\0' && f->lines[fend][0] != ' ' &&
		    f->lines[fend][0] != '#')
			break;
	while (fend > fstart + 1 &&
	       (f->lines[fend - 1][0] == '\0' || f->lines[fend - 1][0] == '#'))
		fend--;
	fstart = init_comments_above(f->lines, fstart);
	at = init_comments_above(c->lines, at);
	for (i = 0; i < c->n; i++) {
		const char *line = c->lines[i];

		if (i == at) {
			init_lines(out, f, fstart, fend, example);
			pp_buf_addc(out, '\n');
		}
		if (strcmp(line, "  types: [convention]") == 0)
			init_combined_line(
			    out, "  types: [convention, fiche_projet]",
			    c->labels[i], example);
		else if (strncmp(line,
				 example ? "#@exemple  Formulaire"
					 : "#@vierge  Formulaire",
				 example ? 21 : 20) == 0)
			pp_buf_adds(out, "#  Formulaire de CONVENTION DE "
					 "PARTENARIAT et de FICHE PROJET\n");
		else if (strncmp(line, "#@", 2) != 0 ||
			 strstr(line, "Formulaire") == NULL)
			init_combined_line(out, line, c->labels[i], example);
	}
	return 0;
}

int
pp_init_form(const char *datadir, char *const *models, int example,
	     struct pp_buf *out, struct pp_error *err)
{
	char *text[2] = {NULL, NULL}, *base[2] = {NULL, NULL};
	struct pp_schema *schemas[3] = {NULL, NULL, NULL};
	struct init_example ex[2];
	size_t n = 0, i;
	int rc = -1;

	memset(ex, 0, sizeof(ex));
	while (models[n] != NULL)
		n++;
	if (n < 1 || n > 2) {
		pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
			     _("one form serves one model, or the convention "
			       "and the fiche projet together"));
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct pp_model *m = pp_model_load(datadir, models[i], err);

		if (m == NULL)
			goto out;
		schemas[i] = m->schema;
		m->schema = NULL;
		base[i] = g_path_get_basename(m->dir);
		pp_model_free(m);
	}
	if (n == 2 && strcmp(base[0], base[1]) == 0) {
		pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
			     _("the model %s is named twice"), base[0]);
		goto out;
	}
	if (n == 2 && !((strcmp(base[0], "convention") == 0 &&
			 strcmp(base[1], "fiche-projet") == 0) ||
			(strcmp(base[1], "convention") == 0 &&
			 strcmp(base[0], "fiche-projet") == 0))) {
		pp_error_set(err, PP_DIAG_UNKNOWN_MODEL, NULL,
			     _("%s and %s cannot share a form: two models "
			       "make one form only for the convention and "
			       "the fiche projet"),
			     base[0], base[1]);
		goto out;
	}
	for (i = 0; i < n; i++)
		if ((text[i] = init_read_example(datadir, models[i], err)) ==
		    NULL)
			goto out;
	for (i = 0; i < n; i++)
		init_example_load(&ex[i], base[i], text[i], schemas);
	if (n == 1) {
		init_lines(out, &ex[0], 0, ex[0].n, example);
		rc = 0;
	} else {
		int conv = strcmp(base[0], "convention") == 0 ? 0 : 1;

		rc = init_combine(out, &ex[conv], &ex[1 - conv], example, err);
	}
out:
	for (i = 0; i < 2; i++) {
		if (ex[i].lines != NULL)
			init_example_fini(&ex[i]);
		free(text[i]);
		g_free(base[i]);
		pp_schema_free(schemas[i]);
	}
	return rc;
}

/* --- A partner's values left as the example's -------------------------- */

/* The values that name a partner: a form about another partner that holds
 * one of them has kept a piece of the example.  "[]": every item.  A text
 * of prose (prose 1) counts only when the example's names its partner: a
 * sentence on the campaign itself may well be shared. */
static const struct {
	const char *path;
	int prose;
} init_identity[] = {
    {"partenaire.denomination", 0},
    {"partenaire.designation", 0},
    {"partenaire.siren", 0},
    {"partenaire.siret", 0},
    {"partenaire.tva_intracom", 0},
    {"partenaire.rna", 0},
    {"partenaire.site_web", 0},
    {"partenaire.adresse.ligne1", 0},
    {"partenaire.signataire.nom", 0},
    {"partenaire.contact.nom", 0},
    {"partenaire.contact.courriel", 0},
    {"partenaire.contact.telephone", 0},
    {"contenu.objet", 1},
    {"contenu.preambule[]", 1},
    {"fiche_projet.resume", 1},
    {"fiche_projet.contexte", 1},
    {"fiche_projet.cibles.justification", 1},
    {"fiche_projet.contacts[]", 0},
};

/* The keys of a contact that say who it is. */
static const char *const init_person[] = {"nom", "courriel", "telephone"};

/* Appends to vals the texts at path in root ("[]" at the end: each item,
 * and the name, e-mail and telephone of an item that is a map), and to
 * paths their data paths as validation writes them (g_free them). */
static void
init_values_at(const struct pp_value *root, const char *path, GPtrArray *vals,
	       GPtrArray *paths)
{
	size_t len = strlen(path), i, k;
	const struct pp_value *v;
	char *p;

	if (len <= 2 || strcmp(path + len - 2, "[]") != 0) {
		v = pp_value_path_get(root, path);
		if (v != NULL && v->kind == PP_VALUE_STRING) {
			g_ptr_array_add(vals, (void *)v);
			g_ptr_array_add(paths, g_strdup(path));
		}
		return;
	}
	p = g_strndup(path, len - 2);
	v = pp_value_path_get(root, p);
	for (i = 0; v != NULL && v->kind == PP_VALUE_LIST && i < v->u.list.n;
	     i++) {
		const struct pp_value *it = v->u.list.items[i];

		if (it->kind == PP_VALUE_STRING) {
			g_ptr_array_add(vals, (void *)it);
			g_ptr_array_add(paths,
					g_strdup_printf("%s[%zu]", p, i + 1));
		}
		/* A contact: who, not the function anyone may share. */
		for (k = 0;
		     it->kind == PP_VALUE_MAP && k < G_N_ELEMENTS(init_person);
		     k++) {
			const struct pp_value *w =
			    pp_value_map_get(it, init_person[k]);

			if (pp_value_string(w) == NULL)
				continue;
			g_ptr_array_add(vals, (void *)w);
			g_ptr_array_add(paths,
					g_strdup_printf("%s[%zu].%s", p, i + 1,
							init_person[k]));
		}
	}
	g_free(p);
}

/* The same text, spaces aside (a SIREN written "903 124 576"). */
static int
init_same(const char *a, const char *b)
{
	while (*a != '\0' || *b != '\0') {
		if (*a == ' ') {
			a++;
		} else if (*b == ' ') {
			b++;
		} else if (*a != *b) {
			return 0;
		} else {
			a++;
			b++;
		}
	}
	return 1;
}

/* 1 when text names the example's partner (its name or short name). */
static int
init_names_partner(const char *text, const struct pp_value *ex)
{
	const char *n[2];
	int i;

	n[0] = pp_value_text(pp_value_path_get(ex, "partenaire.denomination"));
	n[1] = pp_value_text(pp_value_path_get(ex, "partenaire.designation"));
	for (i = 0; i < 2; i++)
		if (n[i] != NULL && n[i][0] != '\0' && strstr(text, n[i]))
			return 1;
	return 0;
}

static void
init_check_one(const struct pp_value *form, const struct pp_value *ex,
	       struct pp_diags *d)
{
	const char *name =
	    pp_value_text(pp_value_path_get(ex, "partenaire.denomination"));
	const char *fname =
	    pp_value_text(pp_value_path_get(form, "partenaire.denomination"));
	size_t p, i, j;

	/* The example's own partner (the bundled examples are about it):
	 * its values are its own, a mistyped SIREN included. */
	if (name == NULL || fname == NULL || init_same(name, fname))
		return;
	for (p = 0; p < G_N_ELEMENTS(init_identity); p++) {
		GPtrArray *mine = g_ptr_array_new();
		GPtrArray *paths = g_ptr_array_new_with_free_func(g_free);
		GPtrArray *theirs = g_ptr_array_new();
		GPtrArray *unused = g_ptr_array_new_with_free_func(g_free);

		init_values_at(form, init_identity[p].path, mine, paths);
		init_values_at(ex, init_identity[p].path, theirs, unused);
		for (i = 0; i < mine->len; i++) {
			const struct pp_value *v = mine->pdata[i];

			for (j = 0; j < theirs->len; j++) {
				const struct pp_value *w = theirs->pdata[j];

				if (v->u.str.len > 0 &&
				    init_same(v->u.str.s, w->u.str.s) &&
				    (!init_identity[p].prose ||
				     init_names_partner(w->u.str.s, ex)))
					break;
			}
			if (j < theirs->len)
				pp_diags_add(
				    d, PP_DIAG_EXAMPLE_VALUE, &v->pos,
				    paths->pdata[i],
				    _("this is the value of paraphe's example "
				      "form (its partner is %s), not your "
				      "partner's: replace it, or remove it "
				      "if it is optional"),
				    name);
		}
		g_ptr_array_free(mine, TRUE);
		g_ptr_array_free(paths, TRUE);
		g_ptr_array_free(theirs, TRUE);
		g_ptr_array_free(unused, TRUE);
	}
}

void
pp_init_check_example_values(const struct pp_value *form, const char *datadir,
			     char *const *models, struct pp_diags *d)
{
	size_t i;

	if (form == NULL || form->kind != PP_VALUE_MAP || models == NULL)
		return;
	for (i = 0; models[i] != NULL; i++) {
		struct pp_error err;
		struct pp_arena *a;
		struct pp_value *ex;
		char *dir, *base, *path;

		pp_error_init(&err);
		if (pp_model_locate(datadir, models[i], &dir, &base, &err) != 0)
			continue;
		path = g_build_filename(dir, "exemple.yaml", NULL);
		a = pp_arena_new();
		ex = pp_yaml_read_file(a, path, NULL, &err);
		/* Both models' examples have the same partner: the first
		 * that reads says it all. */
		if (ex != NULL)
			init_check_one(form, ex, d);
		pp_arena_free(a);
		g_free(path);
		g_free(dir);
		g_free(base);
		if (ex != NULL)
			break;
	}
}
