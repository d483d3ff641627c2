/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The inputs of the PDF's post-processing (provenance.h): read the sRGB
 * profile from the data folder, place the signature fields over the
 * layout's signature spaces, gather the form (its bytes as read, or, for a
 * kit's merged form, written as YAML) and the files it names, and sum the
 * provenance up for the XMP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "charte.h"
#include "digest.h"
#include "doc.h"
#include "fileio.h"
#include "layout.h"
#include "provenance.h"
#include "value.h"

#define PROV_ICC_MAX (1u << 20) /* the largest profile read */

static const char *
prov_keep(struct pp_provenance *pv, char *s)
{
	g_ptr_array_add(pv->strings, s);
	return s;
}

char *
pp_provenance_field_name(size_t i)
{
	if (i == 0)
		return g_strdup("signature-etat");
	if (i == 1)
		return g_strdup("signature-partenaire");
	return g_strdup_printf("signature-partenaire-%zu", i);
}

/*
 * One field per PP_ITEM_SIGNATURE item, in document order: the signature
 * block is one column per party, the State first.  Layout coordinates
 * start at the top-left corner of the page; PDF user space at the
 * bottom-left (cairo flips its y axis in the page's content stream, not in
 * the MediaBox), so y becomes height - y.
 */
static void
prov_fields(const struct pp_output_input *in, struct pp_provenance *pv)
{
	const struct pp_pages *p = in->pages;
	size_t pg, k, n = 0;

	for (pg = 0; p != NULL && pg < p->n; pg++)
		for (k = 0; k < p->pages[pg].n; k++) {
			const struct pp_item *it = &p->pages[pg].items[k];
			struct pp_pdfpost_field f;

			if (it->kind != PP_ITEM_SIGNATURE)
				continue;
			f.name = prov_keep(pv, pp_provenance_field_name(n));
			f.tooltip =
			    n == 0 ? "Signature de l'État"
				   : prov_keep(pv,
					       n == 1 ? g_strdup("Signature du "
								 "partenaire")
						      : g_strdup_printf(
							    "Signature du "
							    "partenaire %zu",
							    n));
			f.page = pg;
			f.x0 = it->x;
			f.x1 = it->x + it->w;
			f.y0 = p->height - (it->y + it->h);
			f.y1 = p->height - it->y;
			g_array_append_val(pv->fields, f);
			n++;
		}
}

/* YAML: a double-quoted scalar. */
static void
prov_yaml_quoted(GString *y, const char *s, size_t len)
{
	size_t i;

	g_string_append_c(y, '"');
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			g_string_append_printf(y, "\\%c", c);
		else if (c == '\n')
			g_string_append(y, "\\n");
		else if (c == '\t')
			g_string_append(y, "\\t");
		else if (c < 0x20 || c == 0x7f)
			g_string_append_printf(y, "\\x%02x", c);
		else
			g_string_append_c(y, (char)c);
	}
	g_string_append_c(y, '"');
}

/* A key: plain when it is a simple identifier, else quoted. */
static void
prov_yaml_key(GString *y, const char *k)
{
	size_t i, n = strlen(k);
	int plain = n > 0 && (g_ascii_isalpha(k[0]) || k[0] == '_');

	for (i = 0; plain && i < n; i++)
		plain = g_ascii_isalnum(k[i]) || k[i] == '_' || k[i] == '-';
	if (plain)
		g_string_append(y, k);
	else
		prov_yaml_quoted(y, k, n);
	g_string_append_c(y, ':');
}

static void prov_yaml_block(GString *y, const struct pp_value *v, int indent,
			    int first_inline);

/* A scalar, or an empty list or map, on the current line. */
static int
prov_yaml_inline(GString *y, const struct pp_value *v)
{
	switch (v->kind) {
	case PP_VALUE_NULL:
		g_string_append(y, "null");
		return 1;
	case PP_VALUE_BOOL:
		g_string_append(y, v->u.boolean ? "true" : "false");
		return 1;
	case PP_VALUE_INT:
		if (v->raw != NULL)
			g_string_append(y, v->raw);
		else
			g_string_append_printf(y, "%lld", v->u.integer);
		return 1;
	case PP_VALUE_NUMBER:
		if (v->raw != NULL)
			g_string_append(y, v->raw);
		else
			g_string_append_printf(y, "%.17g", v->u.number);
		return 1;
	case PP_VALUE_STRING:
		prov_yaml_quoted(y, v->u.str.s, v->u.str.len);
		return 1;
	case PP_VALUE_LIST:
		if (v->u.list.n > 0)
			return 0;
		g_string_append(y, "[]");
		return 1;
	case PP_VALUE_MAP:
		if (v->u.map.n > 0)
			return 0;
		g_string_append(y, "{}");
		return 1;
	case PP_VALUE__COUNT:
		break;
	}
	g_string_append(y, "null");
	return 1;
}

/* A non-empty list or map at indent; first_inline: its first line
 * continues the current one (after "- "). */
static void
prov_yaml_block(GString *y, const struct pp_value *v, int indent,
		int first_inline)
{
	size_t i, n = v->kind == PP_VALUE_LIST ? v->u.list.n : v->u.map.n;

	for (i = 0; i < n; i++) {
		const struct pp_value *item;

		if (i > 0 || !first_inline)
			g_string_append_printf(y, "%*s", indent, "");
		if (v->kind == PP_VALUE_LIST) {
			item = v->u.list.items[i];
			g_string_append(y, "- ");
			if (prov_yaml_inline(y, item))
				g_string_append_c(y, '\n');
			else if (item->kind == PP_VALUE_MAP)
				prov_yaml_block(y, item, indent + 2, 1);
			else {
				g_string_append_c(y, '\n');
				prov_yaml_block(y, item, indent + 2, 0);
			}
			continue;
		}
		item = v->u.map.items[i].value;
		prov_yaml_key(y, v->u.map.items[i].key);
		g_string_append_c(y, ' ');
		if (prov_yaml_inline(y, item)) {
			g_string_append_c(y, '\n');
		} else {
			g_string_truncate(y, y->len - 1);
			g_string_append_c(y, '\n');
			prov_yaml_block(y, item, indent + 2, 0);
		}
	}
}

/* A merged form (a kit's partner), as YAML that reads back to the same
 * values: strings double-quoted, numbers and booleans as written. */
static char *
prov_yaml(const struct pp_value *form, size_t *len)
{
	GString *y = g_string_new("# Formulaire du partenaire, après la "
				  "fusion de la campagne (paraphe)\n");

	if (!prov_yaml_inline(y, form))
		prov_yaml_block(y, form, 0, 0);
	else
		g_string_append_c(y, '\n');
	*len = y->len;
	return g_string_free(y, FALSE);
}

static const char *
prov_mime(const char *name)
{
	const char *dot = strrchr(name, '.');

	if (dot == NULL)
		return "application/octet-stream";
	if (g_ascii_strcasecmp(dot, ".png") == 0)
		return "image/png";
	if (g_ascii_strcasecmp(dot, ".jpg") == 0 ||
	    g_ascii_strcasecmp(dot, ".jpeg") == 0)
		return "image/jpeg";
	if (g_ascii_strcasecmp(dot, ".svg") == 0)
		return "image/svg+xml";
	if (g_ascii_strcasecmp(dot, ".md") == 0)
		return "text/markdown";
	return "application/octet-stream";
}

/* Whether name is a relative path that stays inside its folder. */
static int
prov_relative(const char *name)
{
	char **parts;
	int ok = name[0] != '\0' && !g_path_is_absolute(name) &&
		 strcmp(name, PP_PDFPOST_FORM_NAME) != 0;
	size_t i;

	parts = g_strsplit(name, "/", -1);
	for (i = 0; ok && parts[i] != NULL; i++)
		ok = strcmp(parts[i], "..") != 0 &&
		     strcmp(parts[i], ".") != 0 && parts[i][0] != '\0';
	g_strfreev(parts);
	return ok;
}

/*
 * The files the form names (every "fichier" key: a partner's logo, an
 * annex's Markdown file), read from base_dir; each once.  A path that is
 * absolute or leaves the form's folder cannot be written back beside the
 * form by "paraphe source": it is not embedded.
 */
static int
prov_named_files(const struct pp_value *v, const char *base_dir,
		 struct pp_provenance *pv, GHashTable *seen,
		 struct pp_error *err)
{
	size_t i;

	if (v == NULL)
		return 0;
	if (v->kind == PP_VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			if (prov_named_files(v->u.list.items[i], base_dir, pv,
					     seen, err) != 0)
				return -1;
		return 0;
	}
	if (v->kind != PP_VALUE_MAP)
		return 0;
	for (i = 0; i < v->u.map.n; i++) {
		const struct pp_value *x = v->u.map.items[i].value;
		const char *name = pp_value_string(x);
		struct pp_pdfpost_file f;
		char *path, *data;
		size_t len;

		if (strcmp(v->u.map.items[i].key, "fichier") != 0 ||
		    name == NULL) {
			if (prov_named_files(x, base_dir, pv, seen, err) != 0)
				return -1;
			continue;
		}
		if (!prov_relative(name) || g_hash_table_contains(seen, name))
			continue;
		g_hash_table_add(seen, (gpointer)name);
		path = g_build_filename(base_dir, name, NULL);
		if (pp_file_read(path, PP_PROVENANCE_MAX_FILE, &data, &len,
				 err) != 0) {
			g_free(path);
			return -1;
		}
		g_free(path);
		f.name = name;
		f.mime = prov_mime(name);
		f.desc = NULL;
		f.data = prov_keep(pv, data);
		f.len = len;
		g_array_append_val(pv->files, f);
	}
	return 0;
}

/* "sha256:<hex>" of data. */
static char *
prov_digest(const void *data, size_t len)
{
	char hex[PP_SHA256_HEX_LEN + 1];

	pp_sha256_hex(data, len, hex);
	return g_strdup_printf("sha256:%s", hex);
}

/* The form and the files it names; the summary. */
static int
prov_source(const struct pp_output_input *in, struct pp_provenance *pv,
	    struct pp_error *err)
{
	struct pp_pdfpost_file f;
	const char *data;
	size_t len, i;
	GHashTable *seen;
	GPtrArray *clauses = g_ptr_array_new();
	int rc;

	if (in->source != NULL) {
		data = in->source;
		len = in->source_len;
	} else {
		data = prov_keep(pv, prov_yaml(in->form, &len));
	}
	f.name = PP_PDFPOST_FORM_NAME;
	f.mime = "application/yaml";
	f.desc = "Formulaire source du document (paraphe)";
	f.data = data;
	f.len = len;
	g_array_append_val(pv->files, f);
	pv->post.form_digest = prov_keep(pv, prov_digest(data, len));
	seen = g_hash_table_new(g_str_hash, g_str_equal);
	rc = prov_named_files(
	    in->form, in->doc->base_dir != NULL ? in->doc->base_dir : ".", pv,
	    seen, err);
	g_hash_table_destroy(seen);
	for (i = 0; i < in->doc->nclauses; i++) {
		const struct pp_doc_clause *c = &in->doc->clauses[i];

		g_ptr_array_add(
		    clauses,
		    (gpointer)prov_keep(
			pv, g_strdup_printf("%s %s", c->id,
					    c->version ? c->version : "")));
	}
	pv->post.nclauses = clauses->len;
	g_ptr_array_add(clauses, NULL);
	pv->post.clauses = (const char *const *)prov_keep(
	    pv, (char *)g_ptr_array_free(clauses, FALSE));
	return rc;
}

/* The last charter file hashed and its digest, kept for the next document
 * of the process (a kit's worker, paraphe watch): hashing the same file
 * for every document was half of the provenance's cost.  Compared byte
 * for byte, so a changed file is always hashed again. */
static GMutex charte_lock;
static char *charte_data, *charte_digest;
static size_t charte_len;

/* The charter's name and the digest of its file. */
static const char *
prov_charte(const struct pp_charte *c, struct pp_provenance *pv)
{
	char *data, *s;
	size_t len;

	if (c == NULL)
		return NULL;
	if (c->path == NULL ||
	    pp_file_read(c->path, 4u << 20, &data, &len, NULL) != 0)
		return c->name;
	g_mutex_lock(&charte_lock);
	if (charte_digest == NULL || len != charte_len ||
	    memcmp(data, charte_data, len) != 0) {
		free(charte_data);
		g_free(charte_digest);
		charte_digest = prov_digest(data, len);
		charte_data = data;
		charte_len = len;
		data = NULL;
	}
	s = g_strdup_printf("%s (%s)", c->name ? c->name : "?", charte_digest);
	g_mutex_unlock(&charte_lock);
	free(data);
	return prov_keep(pv, s);
}

int
pp_provenance_prepare(const struct pp_output_input *in,
		      struct pp_provenance *pv, int *enabled,
		      struct pp_error *err)
{
	const char *env = getenv("PARAPHE_PDF_POST");
	char *icc, *path;
	size_t icc_len;

	memset(pv, 0, sizeof(*pv));
	pv->strings = g_ptr_array_new_with_free_func(g_free);
	pv->fields = g_array_new(FALSE, FALSE, sizeof(struct pp_pdfpost_field));
	pv->files = g_array_new(FALSE, FALSE, sizeof(struct pp_pdfpost_file));
	*enabled = env == NULL || strcmp(env, "0") != 0;
	if (!*enabled)
		return 0;
	path = g_build_filename(in->datadir != NULL ? in->datadir : ".",
				PP_PROVENANCE_ICC, NULL);
	if (pp_file_read(path, PROV_ICC_MAX, &icc, &icc_len, err) != 0) {
		g_free(path);
		return -1;
	}
	g_free(path);
	pv->post.date = in->date;
	pv->post.icc = prov_keep(pv, icc);
	pv->post.icc_len = icc_len;
	pv->post.model = in->doc->model;
	pv->post.charte = prov_charte(in->charte, pv);
	if (in->doc->signature_fields)
		prov_fields(in, pv);
	if ((in->source != NULL || in->form != NULL) &&
	    prov_source(in, pv, err) != 0)
		return -1;
	pv->post.fields = (const struct pp_pdfpost_field *)pv->fields->data;
	pv->post.nfields = pv->fields->len;
	pv->post.files = (const struct pp_pdfpost_file *)pv->files->data;
	pv->post.nfiles = pv->files->len;
	return 0;
}

void
pp_provenance_fini(struct pp_provenance *pv)
{
	if (pv->strings != NULL)
		g_ptr_array_free(pv->strings, TRUE);
	if (pv->fields != NULL)
		g_array_free(pv->fields, TRUE);
	if (pv->files != NULL)
		g_array_free(pv->files, TRUE);
	memset(pv, 0, sizeof(*pv));
}
