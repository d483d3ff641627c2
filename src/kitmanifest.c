/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Campaign kits: the indexes.  manifest.json (each selected partner's
 * status, fingerprint, verdict, files with their size and SHA-256, errors
 * and the coherence warnings of its form) and, from it,
 * recapitulatif.csv, both written atomically;
 * pp_kit_merge joins the manifests of a campaign's shards.
 */
#include <errno.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "config.h"
#include "csvout.h"
#include "digest.h"
#include "i18n.h"
#include "kit-private.h"
#include "paraphe.h"

/* The status of a partner no run has built yet (--only, another shard). */
#define KIT_NOT_BUILT "non_produit"

static const char *
kit_status_name(enum pp_kit_status s)
{
	switch (s) {
	case PP_KIT_DONE:
		return "produit";
	case PP_KIT_UP_TO_DATE:
		return "a_jour";
	case PP_KIT_FAILED:
		return "echec";
	}
	return "?";
}

/*
 * The digests of a partner's files, worked out by the worker that wrote
 * them (in parallel, the files still in the page cache) and kept in its
 * ".empreinte" after the fingerprint and the verdict, one line a file:
 * name, size, inode, modification time (s, ns), SHA-256, tab-separated.
 * The manifest takes a digest only while the file is the one it was made
 * of (same size, inode and time): a file changed or replaced since is
 * read and hashed again.
 */
void
pp_kit_sums_append(const struct kit *k, const char *dir, GString *out)
{
	GArray *files = pp_kit_files(k, dir);
	guint n;

	for (n = 0; n < files->len; n++) {
		const char *f = g_array_index(files, struct kit_file, n).name;
		char *fp = g_build_filename(dir, f, NULL), *data = NULL;
		gsize len = 0;
		struct stat st;

		if (stat(fp, &st) == 0 &&
		    g_file_get_contents(fp, &data, &len, NULL) &&
		    (gsize)st.st_size == len) {
			char sum[PP_SHA256_HEX_LEN + 1];

			pp_sha256_hex(data, len, sum);
			g_string_append_printf(
			    out, "%s\t%" G_GSIZE_FORMAT "\t%ju\t%jd\t%ld\t%s\n",
			    f, len, (uintmax_t)st.st_ino,
			    (intmax_t)st.st_mtim.tv_sec,
			    (long)st.st_mtim.tv_nsec, sum);
		}
		g_free(data);
		g_free(fp);
	}
	pp_kit_files_free(files);
}

/* The digest of file f of the partner's folder, from its stamp's lines
 * (NULL: none), when the file is still the one hashed; else NULL. */
static char *
kit_sum_kept(char **lines, const char *f, const struct stat *st)
{
	size_t i;

	for (i = 0; lines != NULL && lines[i] != NULL; i++) {
		char **v = g_strsplit(lines[i], "\t", 7);
		char *sum = NULL;

		if (g_strv_length(v) == 6 && strcmp(v[0], f) == 0 &&
		    g_ascii_strtoull(v[1], NULL, 10) == (guint64)st->st_size &&
		    g_ascii_strtoull(v[2], NULL, 10) == (guint64)st->st_ino &&
		    g_ascii_strtoll(v[3], NULL, 10) ==
			(gint64)st->st_mtim.tv_sec &&
		    g_ascii_strtoll(v[4], NULL, 10) ==
			(gint64)st->st_mtim.tv_nsec &&
		    strlen(v[5]) == 64)
			sum = g_strdup(v[5]);
		g_strfreev(v);
		if (sum != NULL)
			return sum;
	}
	return NULL;
}

static void
kit_outputs(const struct kit *k, const struct kit_partner *p, JsonBuilder *b,
	    GString *csv_docs)
{
	GArray *files = pp_kit_files(k, p->outdir);
	char *stamp_path = g_build_filename(p->outdir, ".empreinte", NULL);
	char *stamp = NULL, **lines = NULL;
	guint n;

	/* Its first two lines are the fingerprint and the verdict. */
	if (g_file_get_contents(stamp_path, &stamp, NULL, NULL)) {
		lines = g_strsplit(stamp, "\n", -1);
		g_free(stamp);
	}
	g_free(stamp_path);
	for (n = 0; n < files->len; n++) {
		const char *f = g_array_index(files, struct kit_file, n).name;
		char *fp = g_build_filename(p->outdir, f, NULL), *data = NULL;
		char *sum = NULL;
		gsize len = 0;
		struct stat st;

		if (stat(fp, &st) == 0 && S_ISREG(st.st_mode) &&
		    lines != NULL && g_strv_length(lines) > 2 &&
		    (sum = kit_sum_kept(lines + 2, f, &st)) != NULL)
			len = (gsize)st.st_size;
		else if (g_file_get_contents(fp, &data, &len, NULL)) {
			sum = g_malloc(PP_SHA256_HEX_LEN + 1);
			pp_sha256_hex(data, len, sum);
		}
		if (sum != NULL) {
			json_builder_begin_object(b);
			json_builder_set_member_name(b, "fichier");
			json_builder_add_string_value(b, f);
			json_builder_set_member_name(b, "octets");
			json_builder_add_int_value(b, (gint64)len);
			json_builder_set_member_name(b, "sha256");
			json_builder_add_string_value(b, sum);
			json_builder_end_object(b);
			g_string_append_printf(csv_docs, "%s%s",
					       csv_docs->len ? " " : "", f);
			g_free(sum);
		}
		g_free(data);
		g_free(fp);
	}
	g_strfreev(lines);
	pp_kit_files_free(files);
}

/* A warning of a partner's form as the manifest lists it: its code, the
 * value's data path and position, the message and the other place
 * involved ("note", as "paraphe validate" prints it), when there is one. */
static void
kit_warning(JsonBuilder *b, const struct pp_diag *g)
{
	char *note = pp_diag_format_note(g);

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "code");
	json_builder_add_string_value(b, pp_diag_code_name(g->code));
	if (g->path != NULL) {
		json_builder_set_member_name(b, "chemin");
		json_builder_add_string_value(b, g->path);
	}
	if (g->file != NULL) {
		char *pos =
		    g_strdup_printf("%s:%d:%d", g->file, g->line, g->col);

		json_builder_set_member_name(b, "position");
		json_builder_add_string_value(b, pos);
		g_free(pos);
	}
	json_builder_set_member_name(b, "message");
	json_builder_add_string_value(b, g->message);
	if (note != NULL) {
		json_builder_set_member_name(b, "note");
		json_builder_add_string_value(b, note);
	}
	json_builder_end_object(b);
	free(note);
}

static const char *
kit_json_str(JsonObject *o, const char *member)
{
	return json_object_has_member(o, member)
		   ? json_object_get_string_member(o, member)
		   : NULL;
}

/* manifest.json and, from it, recapitulatif.csv: what a communication
 * officer opens in a spreadsheet. */
static int
kit_write_files(const char *kitdir, JsonNode *root, struct pp_error *err)
{
	JsonObject *top = json_node_get_object(root);
	JsonArray *partners = json_object_get_array_member(top, "partenaires");
	JsonGenerator *gen = json_generator_new();
	GString *csv = g_string_new("\xef\xbb\xbf");
	char *json, *path;
	guint i, k;
	int rc;

	pp_csv_field(csv, "partenaire", 0);
	pp_csv_field(csv, "denomination", 0);
	pp_csv_field(csv, "role", 0);
	pp_csv_field(csv, "statut", 0);
	pp_csv_field(csv, "documents", 0);
	pp_csv_field(csv, "conformite", 0);
	pp_csv_field(csv, "erreurs", 0);
	pp_csv_field(csv, "avertissements_formulaire", 1);
	for (i = 0; partners != NULL && i < json_array_get_length(partners);
	     i++) {
		JsonObject *p = json_array_get_object_element(partners, i);
		JsonArray *outs = json_object_get_array_member(p, "sorties");
		JsonArray *errs = json_object_get_array_member(p, "erreurs");
		JsonArray *warns =
		    json_object_has_member(p, "avertissements_formulaire")
			? json_object_get_array_member(
			      p, "avertissements_formulaire")
			: NULL;
		GString *docs = g_string_new(""), *e = g_string_new("");
		GString *w = g_string_new("");

		for (k = 0; outs != NULL && k < json_array_get_length(outs);
		     k++) {
			JsonObject *f = json_array_get_object_element(outs, k);

			g_string_append_printf(docs, "%s%s",
					       docs->len ? " " : "",
					       kit_json_str(f, "fichier"));
		}
		for (k = 0; errs != NULL && k < json_array_get_length(errs);
		     k++)
			g_string_append_printf(
			    e, "%s%s", e->len ? " | " : "",
			    json_array_get_string_element(errs, k));
		pp_csv_field(csv, kit_json_str(p, "id"), 0);
		pp_csv_field(csv, kit_json_str(p, "denomination"), 0);
		pp_csv_field(csv, kit_json_str(p, "role"), 0);
		pp_csv_field(csv, kit_json_str(p, "statut"), 0);
		pp_csv_field(csv, docs->str, 0);
		/* "path: message [code]" as "paraphe validate" prints it (each
		 * ends with its code, as a message may hold a semicolon),
		 * separated by " ; " */
		for (k = 0; warns != NULL && k < json_array_get_length(warns);
		     k++) {
			JsonObject *o = json_array_get_object_element(warns, k);
			const char *where = kit_json_str(o, "chemin");

			g_string_append_printf(w, "%s%s%s%s [%s]",
					       w->len ? " ; " : "",
					       where != NULL ? where : "",
					       where != NULL ? ": " : "",
					       kit_json_str(o, "message"),
					       kit_json_str(o, "code"));
		}
		pp_csv_field(csv, kit_json_str(p, "conformite"), 0);
		pp_csv_field(csv, e->str, 0);
		pp_csv_field(csv, w->str, 1);
		g_string_free(docs, TRUE);
		g_string_free(e, TRUE);
		g_string_free(w, TRUE);
	}
	json_generator_set_pretty(gen, TRUE);
	json_generator_set_root(gen, root);
	json = json_generator_to_data(gen, NULL);
	path = g_build_filename(kitdir, "manifest.json", NULL);
	rc = pp_file_write_atomic(path, json, strlen(json), err);
	g_free(path);
	path = g_build_filename(kitdir, "recapitulatif.csv", NULL);
	if (rc == 0)
		rc = pp_file_write_atomic(path, csv->str, csv->len, err);
	g_free(path);
	g_free(json);
	g_object_unref(gen);
	g_string_free(csv, TRUE);
	return rc;
}

/* The entries of the manifest already in kitdir, by partner id, when it is
 * one of this campaign's: what a run that does not build everyone keeps of
 * the others.  NULL when there is none. */
static GHashTable *
kit_previous_entries(const struct kit *k, const char *kitdir,
		     JsonParser **parser)
{
	char *path = g_build_filename(kitdir, "manifest.json", NULL);
	GHashTable *by_id = NULL;
	JsonObject *o;
	JsonArray *ps;
	guint i;

	*parser = json_parser_new();
	if (!json_parser_load_from_file(*parser, path, NULL) ||
	    !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(*parser)))
		goto out;
	o = json_node_get_object(json_parser_get_root(*parser));
	if (kit_json_str(o, "campagne") == NULL ||
	    strcmp(kit_json_str(o, "campagne"), k->campaign) != 0 ||
	    !json_object_has_member(o, "partenaires") ||
	    !JSON_NODE_HOLDS_ARRAY(json_object_get_member(o, "partenaires")))
		goto out;
	ps = json_object_get_array_member(o, "partenaires");
	by_id = g_hash_table_new(g_str_hash, g_str_equal);
	for (i = 0; i < json_array_get_length(ps); i++) {
		JsonNode *n = json_array_get_element(ps, i);
		const char *id;

		if (!JSON_NODE_HOLDS_OBJECT(n))
			continue;
		id = kit_json_str(json_node_get_object(n), "id");
		if (id != NULL)
			g_hash_table_insert(by_id, (gpointer)id, n);
	}
out:
	g_free(path);
	return by_id;
}

/* Opens a partner's entry with what every entry has: id, denomination,
 * role, status. */
static void
kit_entry_begin(const struct kit *k, const struct kit_partner *p,
		const char *status, JsonBuilder *b)
{
	const char *v;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "id");
	json_builder_add_string_value(b, p->id);
	v = pp_kit_partner_text(k, p, "partenaire.denomination");
	json_builder_set_member_name(b, "denomination");
	json_builder_add_string_value(b, v != NULL ? v : "");
	v = pp_kit_partner_text(k, p, "partenaire.role");
	json_builder_set_member_name(b, "role");
	json_builder_add_string_value(b, v != NULL ? v : "");
	json_builder_set_member_name(b, "statut");
	json_builder_add_string_value(b, status);
}

/* A partner this run did not select and no earlier run built. */
static void
kit_unbuilt_entry(const struct kit *k, const struct kit_partner *p,
		  JsonBuilder *b)
{
	kit_entry_begin(k, p, KIT_NOT_BUILT, b);
	json_builder_set_member_name(b, "sorties");
	json_builder_begin_array(b);
	json_builder_end_array(b);
	json_builder_set_member_name(b, "erreurs");
	json_builder_begin_array(b);
	json_builder_end_array(b);
	json_builder_end_object(b);
}

int
pp_kit_manifest_write(struct kit *k, const char *kitdir, struct pp_error *err)
{
	JsonBuilder *b = json_builder_new();
	JsonParser *previous_parser;
	GHashTable *previous =
	    kit_previous_entries(k, kitdir, &previous_parser);
	JsonNode *root;
	size_t i, k2;
	int rc;

	json_builder_begin_object(b);
	json_builder_set_member_name(b, "campagne");
	json_builder_add_string_value(b, k->campaign);
	json_builder_set_member_name(b, "generateur");
	json_builder_add_string_value(b, "paraphe " PP_VERSION);
	json_builder_set_member_name(b, "partenaires");
	json_builder_begin_array(b);
	for (i = 0; i < k->n; i++) {
		struct kit_partner *p = &k->partners[i];
		struct pp_kit_partner_result *r = p->res;

		if (!p->selected) {
			/* Kept as the last run left it (--only, --shard). */
			JsonNode *was =
			    previous != NULL
				? g_hash_table_lookup(previous, p->id)
				: NULL;

			if (was != NULL)
				json_builder_add_value(b, json_node_copy(was));
			else
				kit_unbuilt_entry(k, p, b);
			continue;
		}
		kit_entry_begin(k, p, kit_status_name(r->status), b);
		if (p->hash[0] != '\0') {
			json_builder_set_member_name(b, "empreinte");
			json_builder_add_string_value(b, p->hash);
		}
		if (p->verdict != NULL) {
			json_builder_set_member_name(b, "conformite");
			json_builder_add_string_value(b, p->verdict);
		}
		json_builder_set_member_name(b, "sorties");
		json_builder_begin_array(b);
		if (r->status != PP_KIT_FAILED && p->outdir != NULL) {
			GString *unused = g_string_new("");

			kit_outputs(k, p, b, unused);
			g_string_free(unused, TRUE);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "erreurs");
		json_builder_begin_array(b);
		for (k2 = 0; k2 < r->diags.n; k2++) {
			char *line;

			if (r->diags.items[k2].severity != PP_SEV_ERROR)
				continue;
			line = pp_diag_format(&r->diags.items[k2]);
			json_builder_add_string_value(b, line);
			free(line);
		}
		json_builder_end_array(b);
		json_builder_set_member_name(b, "avertissements_formulaire");
		json_builder_begin_array(b);
		for (k2 = 0; k2 < r->diags.n; k2++)
			if (r->diags.items[k2].severity == PP_SEV_WARNING)
				kit_warning(b, &r->diags.items[k2]);
		json_builder_end_array(b);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	rc = kit_write_files(kitdir, root, err);
	json_node_unref(root);
	g_object_unref(b);
	if (previous != NULL)
		g_hash_table_destroy(previous);
	g_object_unref(previous_parser);
	return rc;
}

/* JSON-GLib has no replace: rebuild the array with element at swapped. */
static void
kit_array_replace(JsonArray *a, guint at, JsonNode *with)
{
	GList *els = json_array_get_elements(a), *l;
	guint i = 0;

	for (l = els; l != NULL; l = l->next)
		json_node_ref(l->data);
	while (json_array_get_length(a) > 0)
		json_array_remove_element(a, 0);
	for (l = els; l != NULL; l = l->next, i++) {
		if (i == at) {
			json_array_add_element(a, json_node_copy(with));
			json_node_unref(l->data);
		} else {
			json_array_add_element(a, l->data);
		}
	}
	g_list_free(els);
}

char *
pp_kit_merge_folder(const char *dir, struct pp_error *err)
{
	char *manifest = g_build_filename(dir, "manifest.json", NULL);
	char *found = NULL, *names = NULL;
	struct pp_pos pos = {dir, 0, 0};
	size_t n = 0;
	const char *name;
	GDir *d;

	if (g_file_test(manifest, G_FILE_TEST_IS_REGULAR)) {
		g_free(manifest);
		return g_strdup(dir);
	}
	g_free(manifest);
	/* The folder given to -o: its campaign folders hold the manifests. */
	d = g_dir_open(dir, 0, NULL);
	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *sub = g_build_filename(dir, name, NULL);
		char *m = g_build_filename(sub, "manifest.json", NULL);

		if (g_file_test(m, G_FILE_TEST_IS_REGULAR)) {
			char *more =
			    g_strconcat(names != NULL ? names : "",
					names != NULL ? ", " : "", name, NULL);

			g_free(names);
			names = more;
			g_free(found);
			found = g_strdup(sub);
			n++;
		}
		g_free(m);
		g_free(sub);
	}
	if (d != NULL)
		g_dir_close(d);
	if (n != 1) {
		if (n == 0)
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("no manifest.json in this folder nor in "
				       "its campaign folders: give the folder "
				       "a shard wrote with -o, or its campaign "
				       "folder"));
		else
			pp_error_set(err, PP_DIAG_CAMPAIGN, &pos,
				     _("this folder holds the kits of several "
				       "campaigns (%s): give the campaign "
				       "folder to merge"),
				     names);
		g_free(found);
		found = NULL;
	}
	g_free(names);
	return found;
}

int
pp_kit_merge(char *const *dirs, const char *outdir, struct pp_error *err)
{
	JsonArray *all = json_array_new();
	JsonObject *top = json_object_new();
	GHashTable *seen =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	char *campaign = NULL;
	JsonNode *root;
	int i, rc = -1;

	for (i = 0; dirs[i] != NULL; i++) {
		char *kitdir = pp_kit_merge_folder(dirs[i], err);
		char *path =
		    kitdir != NULL
			? g_build_filename(kitdir, "manifest.json", NULL)
			: NULL;
		struct pp_pos pos = {path, 0, 0};
		JsonParser *parser;
		GError *gerr = NULL;
		JsonObject *o;
		JsonArray *ps;
		guint k;

		g_free(kitdir);
		if (path == NULL)
			goto out;
		parser = json_parser_new();
		if (!json_parser_load_from_file(parser, path, &gerr) ||
		    !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(parser))) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("not a kit manifest: %s"),
				     gerr != NULL ? gerr->message : "?");
			g_clear_error(&gerr);
			g_object_unref(parser);
			g_free(path);
			goto out;
		}
		o = json_node_get_object(json_parser_get_root(parser));
		if (kit_json_str(o, "campagne") == NULL ||
		    (campaign != NULL &&
		     strcmp(campaign, kit_json_str(o, "campagne")) != 0)) {
			pp_error_set(err, PP_DIAG_CAMPAIGN, &pos,
				     _("this manifest belongs to another "
				       "campaign (%s)"),
				     kit_json_str(o, "campagne")
					 ? kit_json_str(o, "campagne")
					 : "?");
			g_object_unref(parser);
			g_free(path);
			goto out;
		}
		if (campaign == NULL)
			campaign = g_strdup(kit_json_str(o, "campagne"));
		ps = json_object_has_member(o, "partenaires")
			 ? json_object_get_array_member(o, "partenaires")
			 : NULL;
		for (k = 0; ps != NULL && k < json_array_get_length(ps); k++) {
			JsonNode *n = json_array_get_element(ps, k);
			const char *id =
			    JSON_NODE_HOLDS_OBJECT(n)
				? kit_json_str(json_node_get_object(n), "id")
				: NULL;

			if (id == NULL)
				continue;
			if (g_hash_table_contains(seen, id)) {
				/* Every shard lists every partner; the one
				 * that built it has its status. */
				guint at = GPOINTER_TO_UINT(
				    g_hash_table_lookup(seen, id));
				JsonObject *had =
				    json_array_get_object_element(all, at);

				if (g_strcmp0(kit_json_str(had, "statut"),
					      KIT_NOT_BUILT) == 0 &&
				    g_strcmp0(
					kit_json_str(json_node_get_object(n),
						     "statut"),
					KIT_NOT_BUILT) != 0)
					kit_array_replace(all, at, n);
				continue;
			}
			g_hash_table_insert(
			    seen, g_strdup(id),
			    GUINT_TO_POINTER(json_array_get_length(all)));
			json_array_add_element(all, json_node_copy(n));
		}
		g_object_unref(parser);
		g_free(path);
	}
	if (campaign == NULL) {
		pp_error_set(err, PP_DIAG_IO, NULL, _("nothing to merge"));
		goto out;
	}
	json_object_set_string_member(top, "campagne", campaign);
	json_object_set_string_member(top, "generateur", "paraphe " PP_VERSION);
	json_object_set_array_member(top, "partenaires", json_array_ref(all));
	root = json_node_init_object(json_node_alloc(), top);
	if (g_mkdir_with_parents(outdir, 0777) != 0) {
		struct pp_pos pos = {outdir, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create this folder: %s"),
			     g_strerror(errno));
	} else {
		rc = kit_write_files(outdir, root, err);
	}
	json_node_unref(root);
out:
	json_array_unref(all);
	json_object_unref(top);
	g_hash_table_destroy(seen);
	g_free(campaign);
	return rc;
}
