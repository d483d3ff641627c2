/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the HTML pages, in French, with our own style sheet in
 * the charter's colours and the system's fonts.  They work without
 * JavaScript; every form that changes something carries the server's CSRF
 * token, and serve.c refuses a state-changing request from another origin.
 */
#include <string.h>

#include "i18n.h"
#include "paraphe.h"
#include "serve-private.h"
#include "serve.h"
#include "store.h"

static const char page_css[] =
    ":root{--bleu:#000091;--rouge:#e1000f;--gris:#3a3a3a;--fond:#f6f6f6}"
    "*{box-sizing:border-box}"
    "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,"
    "Arial,sans-serif;color:#161616;background:#fff;line-height:1.5}"
    "header{border-bottom:4px solid var(--bleu);padding:1rem 2rem}"
    "header a{color:var(--bleu);font-weight:700;font-size:1.3rem;"
    "text-decoration:none}"
    "main{padding:1rem 2rem;max-width:70rem}"
    "h1{color:var(--bleu)}"
    "a{color:var(--bleu)}"
    "a:focus,button:focus,input:focus,select:focus,textarea:focus"
    "{outline:3px solid #0a76f6;outline-offset:2px}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.4rem .6rem;border-bottom:1px solid "
    "#ddd}"
    "th{background:var(--fond)}"
    "label{display:block;font-weight:600;margin-top:.8rem}"
    "input,select,textarea{font:inherit;padding:.4rem;border:1px solid "
    "var(--gris);border-radius:2px;max-width:100%}"
    "button{font:inherit;background:var(--bleu);color:#fff;border:0;"
    "padding:.5rem 1rem;margin-top:.8rem;cursor:pointer}"
    "button.secondaire{background:#fff;color:var(--bleu);border:1px solid "
    "var(--bleu)}"
    ".erreur{color:#ce0500;font-weight:600}"
    ".avert{color:#695240}"
    ".aide{color:#555;font-size:.9rem}"
    "fieldset{border:1px solid #ddd;margin:1rem 0;padding:.5rem 1rem}";

static void
page_escape(GString *s, const char *text)
{
	char *e = g_markup_escape_text(text != NULL ? text : "", -1);

	g_string_append(s, e);
	g_free(e);
}

static GString *
page_begin(const char *title)
{
	GString *s = g_string_new("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>"
				  "<meta charset=\"utf-8\">"
				  "<meta name=\"viewport\" "
				  "content=\"width=device-width, "
				  "initial-scale=1\"><title>");

	page_escape(s, title);
	g_string_append(s, " — paraphe</title>"
			   "<link rel=\"stylesheet\" href=\"/style.css\">"
			   "</head>\n<body>\n<header><a href=\"/\">paraphe</a>"
			   " — espace de travail</header>\n<main>\n<h1>");
	page_escape(s, title);
	g_string_append(s, "</h1>\n");
	return s;
}

static void
page_end(struct serve_request *q, unsigned status, GString *s)
{
	g_string_append(s, "</main>\n</body>\n</html>\n");
	serve_reply_set(&q->reply, status, "text/html; charset=utf-8", s);
}

void
serve_page_css(struct serve_request *q)
{
	serve_reply_set(&q->reply, 200, "text/css; charset=utf-8",
			g_string_new(page_css));
}

void
serve_page_error(struct serve_request *q, unsigned status)
{
	const char *title;
	GString *s;

	switch (status) {
	case 401:
		title = "Authentification requise";
		break;
	case 403:
		title = "Demande refusée";
		break;
	case 404:
		title = "Page introuvable";
		break;
	case 405:
		title = "Méthode non permise";
		break;
	case 413:
		title = "Envoi trop volumineux";
		break;
	default:
		title = "Demande impossible";
		break;
	}
	s = page_begin(title);
	g_string_append(s, "<p><a href=\"/\">Revenir aux brouillons</a></p>\n");
	page_end(q, status, s);
}

static const char *
page_models_label(const char *models)
{
	if (strchr(models, ',') != NULL)
		return "Convention et fiche projet";
	if (strcmp(models, "fiche-projet") == 0)
		return "Fiche projet";
	return "Convention";
}

void
serve_page_home(struct serve_request *q)
{
	struct pp_error err;
	GPtrArray *a;
	GString *s = page_begin("Brouillons");
	guint i;

	pp_error_init(&err);
	a = pp_store_list(q->server->store, &err);
	if (a == NULL) {
		g_string_append(s, "<p class=\"erreur\">Les brouillons sont "
				   "indisponibles pour le moment.</p>\n");
	} else if (a->len == 0) {
		g_string_append(s, "<p>Aucun brouillon pour l’instant.</p>\n");
	} else {
		g_string_append(s, "<table>\n<caption class=\"aide\">Du plus "
				   "récent au plus ancien</caption>\n"
				   "<thead><tr><th scope=\"col\">Nom</th>"
				   "<th scope=\"col\">Documents</th>"
				   "<th scope=\"col\">Version</th>"
				   "<th scope=\"col\">Modifié le (UTC)</th>"
				   "</tr></thead>\n<tbody>\n");
		for (i = 0; i < a->len; i++) {
			const struct pp_draft *d = a->pdata[i];

			g_string_append(s, "<tr><td>");
			page_escape(s, d->name);
			g_string_append_printf(
			    s,
			    "</td><td>%s</td><td>%" G_GINT64_FORMAT "</td><td>",
			    page_models_label(d->models), d->version);
			page_escape(s, d->updated);
			g_string_append(s, "</td></tr>\n");
		}
		g_string_append(s, "</tbody>\n</table>\n");
	}
	if (a != NULL)
		g_ptr_array_free(a, TRUE);
	g_string_append_printf(
	    s,
	    "<h2>Nouveau brouillon</h2>\n"
	    "<form method=\"post\" action=\"/brouillons\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<label for=\"nom\">Nom du brouillon</label>\n"
	    "<input id=\"nom\" name=\"nom\" required maxlength=\"%d\" "
	    "size=\"40\">\n"
	    "<label for=\"modeles\">Documents</label>\n"
	    "<select id=\"modeles\" name=\"modeles\">\n"
	    "<option value=\"convention\">Convention de partenariat</option>\n"
	    "<option value=\"fiche-projet\">Fiche projet</option>\n"
	    "<option value=\"convention,fiche-projet\">Convention et fiche "
	    "projet</option>\n"
	    "</select>\n"
	    "<label><input type=\"checkbox\" name=\"exemple\" value=\"1\"> "
	    "Partir de l’exemple rempli</label>\n"
	    "<button type=\"submit\">Créer le brouillon</button>\n"
	    "</form>\n",
	    q->server->csrf, PP_STORE_MAX_NAME);
	page_end(q, 200, s);
}

/* The fields of an application/x-www-form-urlencoded body. */
static GHashTable *
page_form_fields(struct serve_request *q)
{
	GHashTable *h =
	    g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	char *body = g_strndup((const char *)q->body->data, q->body->len);
	char **pairs = g_strsplit(body, "&", 64);
	size_t i;

	for (i = 0; pairs[i] != NULL; i++) {
		char *eq = strchr(pairs[i], '='), *k, *v, *p;

		if (eq == NULL)
			continue;
		*eq = '\0';
		for (p = pairs[i]; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
		for (p = eq + 1; *p != '\0'; p++)
			if (*p == '+')
				*p = ' ';
		k = g_uri_unescape_string(pairs[i], NULL);
		v = g_uri_unescape_string(eq + 1, NULL);
		if (k != NULL && v != NULL && g_utf8_validate(v, -1, NULL))
			g_hash_table_replace(h, k, v);
		else {
			g_free(k);
			g_free(v);
		}
	}
	g_strfreev(pairs);
	g_free(body);
	return h;
}

/* Whether the page form carries this server's CSRF token. */
static int
page_csrf_ok(struct serve_request *q, GHashTable *fields)
{
	const char *t = g_hash_table_lookup(fields, "csrf");

	return t != NULL && strcmp(t, q->server->csrf) == 0;
}

void
serve_page_create(struct serve_request *q)
{
	GHashTable *f = page_form_fields(q);
	const char *name = g_hash_table_lookup(f, "nom");
	char **models;
	struct pp_error err;
	gint64 id;

	if (!page_csrf_ok(q, f)) {
		g_hash_table_destroy(f);
		serve_page_error(q, 403);
		return;
	}
	models =
	    serve_models_parse(q->server, g_hash_table_lookup(f, "modeles"));
	if (models == NULL || name == NULL || name[0] == '\0' ||
	    strlen(name) > PP_STORE_MAX_NAME) {
		g_strfreev(models);
		g_hash_table_destroy(f);
		serve_page_error(q, 400);
		return;
	}
	pp_error_init(&err);
	id = serve_draft_create(q->server, name, models,
				g_hash_table_lookup(f, "exemple") != NULL, NULL,
				&err);
	g_strfreev(models);
	g_hash_table_destroy(f);
	if (id <= 0) {
		serve_page_error(q, 503);
		return;
	}
	serve_reply_set(&q->reply, 303, "text/plain; charset=utf-8",
			g_string_new(""));
	q->reply.location = g_strdup("/");
}
