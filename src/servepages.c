/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the HTML pages, in French, with our own style sheet in
 * the charter's colours and the system's fonts.  They work without
 * JavaScript; every form that changes something carries the server's CSRF
 * token, and serve.c refuses a state-changing request from another origin.
 */
#include <json-glib/json-glib.h>
#include <stdio.h>
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
    ".cle-yaml{font-weight:400;font-family:ui-monospace,monospace;"
    "font-size:.8rem;color:#555;margin-left:.4rem}"
    "fieldset{border:1px solid #ddd;margin:1rem 0;padding:.5rem 1rem}"
    "nav.onglets a{margin-right:1rem}"
    "nav.onglets a[aria-current]{font-weight:700;text-decoration:none;"
    "border-bottom:3px solid var(--bleu)}"
    ".edition{display:flex;gap:2rem;align-items:flex-start;flex-wrap:wrap}"
    ".edition form{flex:1 1 30rem;min-width:0}"
    ".apercus{flex:0 1 26rem;position:sticky;top:0;max-height:100vh;"
    "overflow:auto}"
    ".apercus img{width:100%;border:1px solid #bbb;margin-bottom:.5rem;"
    "background:#fff}"
    ".messages .erreur,.messages .avert{margin:.2rem 0}"
    ".resume{border-left:4px solid var(--rouge);padding:.5rem 1rem;"
    "background:#fff4f3}"
    ".resume.ok{border-left-color:#18753c;background:#f0faf3}"
    ".element{border-top:1px dashed #ccc;padding-top:.5rem}"
    ".actions form{display:inline}"
    "textarea.yaml{width:100%;font-family:ui-monospace,monospace;"
    "font-size:.9rem}"
    "dl.telechargements dd{margin:0 0 .3rem 0}"
    /* The check page: thumbnails with the findings' boxes. */
    ".vignettes{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:"
    "flex-start}"
    ".vignette{margin:0;flex:0 1 26rem}"
    ".vignette svg{display:block;width:100%;height:auto;border:1px solid "
    "#bbb;background:#fff}"
    ".vignette .cadre{fill:none;stroke-width:3}"
    ".c-erreur .cadre{stroke:#ce0500}"
    ".c-avert .cadre{stroke:#b34000;stroke-dasharray:9 4}"
    ".c-erreur .num{fill:#ce0500}"
    ".c-avert .num{fill:#b34000}"
    ".vignette text{fill:#fff;font-size:15px;font-weight:700}"
    ".cle{padding:0 .3rem;white-space:nowrap}"
    ".cle.c-erreur{border:3px solid #ce0500}"
    ".cle.c-avert{border:3px dashed #b34000}"
    "figure:target svg{outline:3px solid #0a76f6}"
    "tr:target{background:#fff3c4}"
    "table.constats caption{text-align:left;font-weight:600}"
    "a.bouton{display:inline-block;border:1px solid var(--bleu);"
    "padding:.4rem .8rem}";

GString *
serve_page_begin(const char *title, const char *head)
{
	GString *s = g_string_new("<!DOCTYPE html>\n<html lang=\"fr\">\n<head>"
				  "<meta charset=\"utf-8\">"
				  "<meta name=\"viewport\" "
				  "content=\"width=device-width, "
				  "initial-scale=1\"><title>");

	serve_html_escape(s, title);
	g_string_append(s, " — paraphe</title>"
			   "<link rel=\"stylesheet\" href=\"/style.css\">");
	g_string_append(s, head != NULL ? head : "");
	g_string_append(s, "</head>\n<body>\n<header><a href=\"/\">paraphe</a>"
			   " — espace de travail</header>\n<main>\n<h1>");
	serve_html_escape(s, title);
	g_string_append(s, "</h1>\n");
	return s;
}

static GString *
page_begin(const char *title)
{
	return serve_page_begin(title, NULL);
}

void
serve_page_end(struct serve_request *q, unsigned status, GString *s)
{
	g_string_append(s, "</main>\n</body>\n</html>\n");
	serve_reply_set(&q->reply, status, "text/html; charset=utf-8", s);
}

static void
page_end(struct serve_request *q, unsigned status, GString *s)
{
	serve_page_end(q, status, s);
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

/* A button posting to /brouillons/ID/WHAT with the CSRF token. */
static void
page_action(GString *s, struct serve_request *q, gint64 id, const char *what,
	    const char *label, const char *name)
{
	g_string_append_printf(
	    s,
	    "<form method=\"post\" action=\"/brouillons/%" G_GINT64_FORMAT
	    "/%s\"><input type=\"hidden\" name=\"csrf\" "
	    "value=\"%s\"><button type=\"submit\" "
	    "class=\"secondaire\" aria-label=\"%s ",
	    id, what, q->server->csrf, label);
	serve_html_escape(s, name);
	g_string_append_printf(s, "\">%s</button></form> ", label);
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
				   "<th scope=\"col\">Actions</th>"
				   "</tr></thead>\n<tbody>\n");
		for (i = 0; i < a->len; i++) {
			const struct pp_draft *d = a->pdata[i];

			g_string_append_printf(
			    s,
			    "<tr><td><a href=\"/brouillons/%" G_GINT64_FORMAT
			    "\">",
			    d->id);
			serve_html_escape(s, d->name);
			g_string_append_printf(
			    s,
			    "</a></td><td>%s</td><td>%" G_GINT64_FORMAT
			    "</td><td>",
			    page_models_label(d->models), d->version);
			serve_html_escape(s, d->updated);
			g_string_append(s, "</td><td class=\"actions\">");
			page_action(s, q, d->id, "dupliquer", "Dupliquer",
				    d->name);
			page_action(s, q, d->id, "supprimer", "Supprimer",
				    d->name);
			g_string_append(s, "</td></tr>\n");
		}
		g_string_append(s, "</tbody>\n</table>\n");
	}
	if (a != NULL)
		g_ptr_array_free(a, TRUE);
	g_string_append(
	    s, "<p><a href=\"/controle\">Contrôler un PDF, un ODT ou un DOCX "
	       "au regard de la charte</a></p>\n");
	g_string_append(s, "<p><a href=\"/campagnes\">Campagnes : déposer "
			   "une campagne et son tableau, télécharger le kit "
			   "des partenaires</a></p>\n");
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

static GHashTable *
page_form_fields_ordered(struct serve_request *q, GPtrArray *order)
{
	return serve_body_fields(q->body->data, q->body->len, order);
}

static GHashTable *
page_form_fields(struct serve_request *q)
{
	return page_form_fields_ordered(q, NULL);
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

/* --- A draft ------------------------------------------------------------ */

static const char page_js[] =
    "(function(){\n"
    "var f=document.getElementById('formulaire');if(!f||!window.fetch)"
    "return;\n"
    "var t=null,busy=false,again=false;\n"
    "function show(r){\n"
    " document.querySelectorAll('.messages').forEach(function(m){"
    "m.textContent='';});\n"
    " var sum=document.getElementById('resume');var n=0,w=0;\n"
    " var list=document.createElement('ul');\n"
    " r.diagnostics.forEach(function(d){\n"
    "  if(d.severity==='error')n++;else w++;\n"
    "  var p=document.createElement('p');p.className="
    "d.severity==='error'?'erreur':'avert';\n"
    "  p.textContent=d.message;\n"
    "  var box=document.querySelector('[data-chemin=\"'+d.path+'\"] > "
    ".messages');\n"
    "  if(box)box.appendChild(p);\n"
    "  var f=d.path&&document.querySelector('[data-chemin=\"'+d.path+"
    "'\"] > label, [data-chemin=\"'+d.path+'\"] > legend');\n"
    "  var name=f&&f.firstChild?f.firstChild.textContent.trim():d.path;\n"
    "  var li=document.createElement('li');li.textContent=(name?name+"
    "'\\u00a0: ':'')+d.message;list.appendChild(li);\n"
    " });\n"
    " sum.className=n?'resume':'resume ok';\n"
    " sum.textContent=n?n+(n>1?' erreurs':' erreur'):'Aucune erreur';\n"
    " if(w)sum.textContent+=', '+w+(w>1?' avertissements':' "
    "avertissement');\n"
    " sum.appendChild(list);\n"
    " if(r.valid&&r.pages){var a=document.getElementById('apercus');"
    "a.textContent='';\n"
    "  r.pages.forEach(function(u,i){var im=document.createElement('img');"
    "im.src=u;im.alt='Page '+(i+1)+' du document';a.appendChild(im);});\n"
    "  a.dataset.version=r.version;}\n"
    "}\n"
    "function check(){if(busy){again=true;return;}busy=true;\n"
    " var body=new URLSearchParams(new FormData(f));\n"
    " fetch(f.action+'/verifier',{method:'POST',body:body,headers:"
    "{'Content-Type':'application/x-www-form-urlencoded'}})"
    ".then(function(r){return r.json();}).then(show)"
    ".catch(function(){}).then(function(){busy=false;"
    "if(again){again=false;check();}});}\n"
    "f.addEventListener('input',function(){clearTimeout(t);"
    "t=setTimeout(check,600);});\n"
    "f.addEventListener('change',function(){clearTimeout(t);"
    "t=setTimeout(check,200);});\n"
    "})();\n";

void
serve_page_js(struct serve_request *q)
{
	serve_reply_set(&q->reply, 200, "text/javascript; charset=utf-8",
			g_string_new(page_js));
}

/* The first model of a draft. */
static char *
page_first_model(const struct pp_draft *d)
{
	char *m = g_strdup(d->models);

	if (strchr(m, ',') != NULL)
		*strchr(m, ',') = '\0';
	return m;
}

/* Where a draft version's previews are kept: data/apercus/ID-VERSION. */
static char *
page_preview_dir(struct serve *S, gint64 id, gint64 version)
{
	char name[64];

	snprintf(name, sizeof(name), "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT,
		 id, version);
	return g_build_filename(S->data, "apercus", name, NULL);
}

/* The PNG pages of the draft's first model for its current version,
 * rendered once into the preview folder; the number of pages (0 when
 * the form has errors or the render failed). */
static int
page_previews(struct serve_request *q, const struct pp_draft *d,
	      const char *job)
{
	struct serve *S = q->server;
	char *dir = page_preview_dir(S, d->id, d->version), *model;
	char *args[8];
	int pages = 0, status = 0;

	model = page_first_model(d);
	if (!g_file_test(dir, G_FILE_TEST_IS_DIR)) {
		char *parent = g_path_get_dirname(dir);
		GDir *gd;
		const char *name;
		char prefix[32];

		args[0] = "render";
		args[1] = "-m";
		args[2] = model;
		args[3] = "-f";
		args[4] = "png";
		args[5] = "-o";
		args[6] = SERVE_OUT_DIR;
		args[7] = NULL;
		{
			char *argv9[9];

			memcpy(argv9, args, sizeof(args));
			argv9[7] = SERVE_FORM_NAME;
			argv9[8] = NULL;
			if (serve_worker_run(S, job, argv9, &status) == 0 &&
			    status == 0) {
				char *out =
				    g_build_filename(job, SERVE_OUT_DIR, NULL);

				g_mkdir_with_parents(parent, 0700);
				/* Older versions' previews go. */
				snprintf(prefix, sizeof(prefix),
					 "%" G_GINT64_FORMAT "-", d->id);
				gd = g_dir_open(parent, 0, NULL);
				while (gd != NULL &&
				       (name = g_dir_read_name(gd)) != NULL) {
					if (g_str_has_prefix(name, prefix)) {
						char *old = g_build_filename(
						    parent, name, NULL);

						serve_rmtree_public(old);
						g_free(old);
					}
				}
				if (gd != NULL)
					g_dir_close(gd);
				if (rename(out, dir) != 0)
					pages = 0;
				g_free(out);
			}
		}
		g_free(parent);
	}
	for (pages = 0; pages < 999; pages++) {
		char *f =
		    g_strdup_printf("%s/%s-%d.png", dir, model, pages + 1);
		int there = g_file_test(f, G_FILE_TEST_EXISTS);

		g_free(f);
		if (!there)
			break;
	}
	g_free(model);
	g_free(dir);
	return pages;
}

static void
page_gstring_free(gpointer p)
{
	g_string_free(p, TRUE);
}

/* path -> escaped HTML of its messages. */
static GHashTable *
page_messages(const struct pp_diags *d)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					      page_gstring_free);
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct pp_diag *g = &d->items[i];
		const char *path = g->path != NULL ? g->path : "";
		GString *m = g_hash_table_lookup(h, path);

		if (m == NULL) {
			m = g_string_new("");
			g_hash_table_insert(h, g_strdup(path), m);
		}
		g_string_append_printf(m, "<p class=\"%s\">",
				       g->severity == PP_SEV_ERROR ? "erreur"
								   : "avert");
		serve_html_escape(m, g->message);
		g_string_append(m, "</p>");
	}
	return h;
}

/* The summary's items: each message after its field's label (labels,
 * path -> label, may be NULL: then its path), linked to the field; on the
 * raw-YAML tab (by_line), after its line and column. */
static void
page_summary(const struct pp_diags *d, GHashTable *labels, GString *summary,
	     int by_line)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		const struct pp_diag *g = &d->items[i];
		const char *cls =
		    g->severity == PP_SEV_ERROR ? "erreur" : "avert";

		g_string_append_printf(summary, "<li class=\"%s\">", cls);
		if (by_line && g->line > 0) {
			/* The raw-YAML tab: where in the text. */
			g_string_append_printf(
			    summary, "ligne %d, colonne %d%s", g->line, g->col,
			    g->path != NULL ? " (" : "");
			if (g->path != NULL) {
				serve_html_escape(summary, g->path);
				g_string_append_c(summary, ')');
			}
			g_string_append(summary, "\u00a0: ");
		} else if (g->path != NULL) {
			const char *label =
			    labels != NULL
				? g_hash_table_lookup(labels, g->path)
				: NULL;
			char *id = g_strdup(g->path);
			char *p;

			for (p = id; *p != '\0'; p++)
				if (!g_ascii_isalnum(*p))
					*p = '-';
			g_string_append_printf(summary, "<a href=\"#f%s\">",
					       id);
			serve_html_escape(summary,
					  label != NULL ? label : g->path);
			g_string_append(summary, "</a>\u00a0: ");
			g_free(id);
		} else if (g->line > 0) {
			g_string_append_printf(summary,
					       "ligne %d\u00a0: ", g->line);
		}
		serve_html_escape(summary, g->message);
		g_string_append(summary, "</li>\n");
	}
}

static void
page_tabs(GString *s, const struct pp_draft *d, const char *current)
{
	static const char *const tabs[][2] = {{"", "Formulaire"},
					      {"/yaml", "YAML"},
					      {"/historique", "Historique"}};
	char *model = page_first_model(d);
	size_t i;

	g_string_append(s, "<nav class=\"onglets\" aria-label=\"Brouillon\">");
	for (i = 0; i < G_N_ELEMENTS(tabs); i++)
		g_string_append_printf(
		    s,
		    "<a href=\"/brouillons/%" G_GINT64_FORMAT "%s\"%s>%s</a>",
		    d->id, tabs[i][0],
		    strcmp(current, tabs[i][0]) == 0 ? " aria-current=\"page\""
						     : "",
		    tabs[i][1]);
	g_string_append(s, "</nav>\n<dl class=\"telechargements\"><dt>"
			   "Télécharger</dt><dd>");
	{
		char **models = g_strsplit(d->models, ",", 3);
		size_t k;

		for (k = 0; models[k] != NULL; k++) {
			static const char *const kinds[][2] = {
			    {"pdf", "PDF"}, {"odt", "ODT"}, {"docx", "DOCX"}};
			const char *what = strcmp(models[k], "convention") == 0
					       ? "Convention"
					       : "Fiche projet";
			size_t j;

			for (j = 0; j < G_N_ELEMENTS(kinds); j++)
				g_string_append_printf(
				    s,
				    "<a href=\"/brouillons/%" G_GINT64_FORMAT
				    "/%s.%s\">%s (%s)</a> · ",
				    d->id, models[k], kinds[j][0], what,
				    kinds[j][1]);
		}
		g_strfreev(models);
	}
	g_string_append_printf(
	    s,
	    "<a href=\"/brouillons/%" G_GINT64_FORMAT
	    "/formulaire.yaml\">Formulaire (YAML)</a></dd></dl>\n",
	    d->id);
	g_free(model);
}

/* The edit page (tab "" or "/yaml") of draft q->num[0]. */
static void
page_draft(struct serve_request *q, int yaml_tab)
{
	struct serve *S = q->server;
	struct pp_draft *d = NULL;
	struct pp_diags diags;
	struct pp_form *form = NULL;
	struct pp_error err;
	GString *s, *summary = g_string_new(""), *body = g_string_new("");
	GHashTable *messages, *labels;
	char *job, **models;
	size_t errors;
	int pages = 0, i;

	job = serve_draft_job(q, q->num[0], &d);
	if (job == NULL) {
		serve_page_error(q, q->reply.status == 404 ? 404 : 503);
		g_string_free(summary, TRUE);
		g_string_free(body, TRUE);
		return;
	}
	pp_diags_init(&diags);
	errors = serve_validate_keep(S, job, NULL, &diags, &form);
	if (errors == 0)
		pages = page_previews(q, d, job);
	messages = page_messages(&diags);
	labels = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	/* The form first: the summary above it names the fields by their
	 * labels, which the form's schema gives. */
	if (yaml_tab) {
		g_string_append_printf(
		    body,
		    "<form method=\"post\" "
		    "action=\"/brouillons/%" G_GINT64_FORMAT
		    "/yaml\">\n<input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\">\n<label for=\"yaml\">Le formulaire en "
		    "YAML</label>\n<textarea class=\"yaml\" id=\"yaml\" "
		    "name=\"yaml\" rows=\"40\" spellcheck=\"false\">",
		    d->id, S->csrf);
		serve_html_escape(body, d->yaml);
		g_string_append(body, "</textarea>\n<button type=\"submit\">"
				      "Enregistrer</button>\n</form>\n");
	} else {
		g_string_append_printf(
		    body,
		    "<form id=\"formulaire\" method=\"post\" "
		    "action=\"/brouillons/%" G_GINT64_FORMAT
		    "\">\n<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
		    "<p class=\"aide\">Les champs marqués * sont obligatoires. "
		    "Les messages s’affichent à côté des champs pendant la "
		    "saisie ; sans JavaScript, enregistrez pour les voir."
		    "</p>\n",
		    d->id, S->csrf);
		models = g_strsplit(d->models, ",", 3);
		pp_error_init(&err);
		if (serve_form_html(body, S, models,
				    form != NULL ? form->root : NULL, messages,
				    labels, &err) != 0)
			g_string_append(body,
					"<p class=\"erreur\">Le modèle de "
					"ce brouillon est introuvable.</p>");
		g_strfreev(models);
		g_string_append(body, "<button type=\"submit\">Enregistrer"
				      "</button>\n</form>\n");
	}
	page_summary(&diags, labels, summary, yaml_tab);
	s = page_begin(d->name);
	page_tabs(s, d, yaml_tab ? "/yaml" : "");
	g_string_append_printf(
	    s, "<div id=\"resume\" class=\"resume%s\" role=\"status\">",
	    errors == 0 ? " ok" : "");
	if (errors == 0)
		g_string_append(s, "Aucune erreur");
	else
		g_string_append_printf(s, "%zu erreur%s", errors,
				       errors > 1 ? "s" : "");
	if (diags.n > errors)
		g_string_append_printf(s, ", %zu avertissement%s",
				       diags.n - errors,
				       diags.n - errors > 1 ? "s" : "");
	g_string_append_printf(s, "<ul>%s</ul></div>\n", summary->str);
	g_string_append(s, "<div class=\"edition\">\n");
	g_string_append_len(s, body->str, (gssize)body->len);
	g_string_free(body, TRUE);
	g_hash_table_destroy(labels);
	g_string_append_printf(s,
			       "<section class=\"apercus\" aria-label=\"Aperçu "
			       "des pages\"><h2>Aperçu</h2><div id=\"apercus\" "
			       "data-version=\"%" G_GINT64_FORMAT "\">",
			       d->version);
	for (i = 1; i <= pages; i++)
		g_string_append_printf(
		    s,
		    "<img src=\"/brouillons/%" G_GINT64_FORMAT
		    "/apercu/%" G_GINT64_FORMAT "/%d.png\" alt=\"Page %d du "
		    "document\">\n",
		    d->id, d->version, i, i);
	if (pages == 0)
		g_string_append(s, "<p>L'aperçu s'affiche quand le formulaire "
				   "ne comporte plus d'erreur.</p>");
	g_string_append(s, "</div></section>\n</div>\n"
			   "<script src=\"/script.js\"></script>\n");
	page_end(q, 200, s);
	g_hash_table_destroy(messages);
	g_string_free(summary, TRUE);
	if (form != NULL)
		pp_form_free(form);
	pp_diags_fini(&diags);
	pp_draft_free(d);
	serve_job_free(job);
}

static void
page_redirect(struct serve_request *q, const char *fmt, gint64 id)
{
	serve_reply_set(&q->reply, 303, "text/plain; charset=utf-8",
			g_string_new(""));
	q->reply.location = g_strdup_printf(fmt, id);
}

/* The YAML the edit form's fields describe (NULL with an error page). */
static char *
page_fields_yaml(struct serve_request *q, GHashTable *f, GPtrArray *order,
		 struct pp_draft **dp)
{
	struct pp_error err;
	struct pp_draft *d;
	char **models, *yaml;

	pp_error_init(&err);
	d = pp_store_get(q->server->store, q->num[0], &err);
	if (d == NULL) {
		serve_page_error(q, err.set ? 503 : 404);
		return NULL;
	}
	models = g_strsplit(d->models, ",", 3);
	yaml = serve_form_yaml(q->server, models, f, order, &err);
	g_strfreev(models);
	if (yaml == NULL) {
		pp_draft_free(d);
		serve_page_error(q, 503);
		return NULL;
	}
	*dp = d;
	return yaml;
}

void
serve_page_draft(struct serve_request *q)
{
	GPtrArray *order;
	GHashTable *f;
	struct pp_draft *d = NULL;
	struct pp_error err;
	char *yaml;

	if (strcmp(q->method, "POST") != 0) {
		page_draft(q, 0);
		return;
	}
	order = g_ptr_array_new_with_free_func(g_free);
	f = page_form_fields_ordered(q, order);
	if (!page_csrf_ok(q, f)) {
		g_hash_table_destroy(f);
		g_ptr_array_free(order, TRUE);
		serve_page_error(q, 403);
		return;
	}
	yaml = page_fields_yaml(q, f, order, &d);
	g_hash_table_destroy(f);
	g_ptr_array_free(order, TRUE);
	if (yaml == NULL)
		return;
	pp_error_init(&err);
	if (strcmp(yaml, d->yaml) != 0 &&
	    pp_store_save(q->server->store, d->id, yaml, &err) <= 0)
		serve_page_error(q, 503);
	else
		page_redirect(q, "/brouillons/%" G_GINT64_FORMAT, d->id);
	g_free(yaml);
	pp_draft_free(d);
}

/* The live check: the fields as YAML, validated; saved and previewed
 * when valid.  JSON: {"valid", "diagnostics", "version", "pages"}. */
void
serve_page_verify(struct serve_request *q)
{
	GPtrArray *order = g_ptr_array_new_with_free_func(g_free);
	GHashTable *f = page_form_fields_ordered(q, order);
	struct pp_draft *d = NULL;
	struct pp_diags diags;
	struct pp_error err;
	char *yaml, *job;
	size_t errors;
	GString *json;

	if (!page_csrf_ok(q, f)) {
		g_hash_table_destroy(f);
		g_ptr_array_free(order, TRUE);
		serve_reply_error(&q->reply, 403, "forbidden");
		return;
	}
	q->html = 0;
	yaml = page_fields_yaml(q, f, order, &d);
	g_hash_table_destroy(f);
	g_ptr_array_free(order, TRUE);
	if (yaml == NULL)
		return;
	job = serve_job_new(q->server);
	if (job == NULL ||
	    serve_job_write(job, SERVE_FORM_NAME, yaml, strlen(yaml)) != 0) {
		serve_job_free(job);
		g_free(yaml);
		pp_draft_free(d);
		serve_reply_error(&q->reply, 503, "busy");
		return;
	}
	pp_diags_init(&diags);
	errors = serve_validate(q->server, job, NULL, &diags);
	json = serve_diags_json(q->server, job, &diags, errors);
	pp_diags_fini(&diags);
	pp_error_init(&err);
	if (errors == 0) {
		gint64 v = d->version;
		int pages = 0, i;

		if (strcmp(yaml, d->yaml) != 0)
			v = pp_store_save(q->server->store, d->id, yaml, &err);
		if (v > 0) {
			GPtrArray *files;

			d->version = v;
			/* The uploaded files, for the render. */
			files =
			    pp_store_files(q->server->store, d->id, 1, &err);
			for (i = 0; files != NULL && i < (int)files->len; i++) {
				const struct pp_draft_file *df =
				    files->pdata[i];
				gsize len;
				const void *data =
				    g_bytes_get_data(df->data, &len);

				serve_job_write(job, df->name, data, len);
			}
			if (files != NULL)
				g_ptr_array_free(files, TRUE);
			pages = page_previews(q, d, job);
		}
		/* {"valid": ..., "diagnostics": [...]} + version and pages */
		g_string_truncate(json, json->len - 2); /* "}\n" */
		g_string_append_printf(
		    json, ", \"version\": %" G_GINT64_FORMAT ", \"pages\": [",
		    d->version);
		for (i = 1; i <= pages; i++)
			g_string_append_printf(
			    json,
			    "%s\"/brouillons/%" G_GINT64_FORMAT
			    "/apercu/%" G_GINT64_FORMAT "/%d.png\"",
			    i > 1 ? ", " : "", d->id, d->version, i);
		g_string_append(json, "]}\n");
	}
	serve_reply_set(&q->reply, 200, "application/json", json);
	serve_job_free(job);
	g_free(yaml);
	pp_draft_free(d);
}

void
serve_page_yaml(struct serve_request *q)
{
	GHashTable *f;
	struct pp_error err;
	const char *yaml;
	gint64 v;

	if (strcmp(q->method, "POST") != 0) {
		page_draft(q, 1);
		return;
	}
	f = page_form_fields(q);
	yaml = g_hash_table_lookup(f, "yaml");
	if (!page_csrf_ok(q, f) || yaml == NULL) {
		g_hash_table_destroy(f);
		serve_page_error(q, 403);
		return;
	}
	pp_error_init(&err);
	{
		/* Browsers send CR LF line ends. */
		GString *text = g_string_new(yaml);

		g_string_replace(text, "\r\n", "\n", 0);
		v = pp_store_save(q->server->store, q->num[0], text->str, &err);
		g_string_free(text, TRUE);
	}
	g_hash_table_destroy(f);
	if (v < 0)
		serve_page_error(q, 503);
	else if (v == 0)
		serve_page_error(q, 404);
	else
		page_redirect(q, "/brouillons/%" G_GINT64_FORMAT "/yaml",
			      q->num[0]);
}

void
serve_page_history(struct serve_request *q)
{
	struct pp_error err;
	struct pp_draft *d;
	GPtrArray *a;
	GString *s;
	guint i;

	pp_error_init(&err);
	d = pp_store_get(q->server->store, q->num[0], &err);
	a = d != NULL ? pp_store_versions(q->server->store, d->id, &err) : NULL;
	if (d == NULL || a == NULL) {
		pp_draft_free(d);
		serve_page_error(q, err.set ? 503 : 404);
		return;
	}
	s = page_begin(d->name);
	page_tabs(s, d, "/historique");
	g_string_append(s, "<table><caption class=\"aide\">Chaque "
			   "enregistrement est une version ; restaurer une "
			   "version l'enregistre comme la plus récente."
			   "</caption>\n<thead><tr><th scope=\"col\">Version"
			   "</th><th scope=\"col\">Enregistrée le (UTC)</th>"
			   "<th scope=\"col\">Taille</th><th scope=\"col\">"
			   "Action</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < a->len; i++) {
		const struct pp_draft_version *v = a->pdata[i];

		g_string_append_printf(s,
				       "<tr><td>%" G_GINT64_FORMAT
				       "</td><td>%s</td><td>%" G_GINT64_FORMAT
				       " octets</td><td>",
				       v->version, v->created, v->bytes);
		if (v->version != d->version)
			g_string_append_printf(
			    s,
			    "<form method=\"post\" "
			    "action=\"/brouillons/%" G_GINT64_FORMAT
			    "/restaurer\"><input type=\"hidden\" name=\"csrf\" "
			    "value=\"%s\"><input type=\"hidden\" "
			    "name=\"version\" value=\"%" G_GINT64_FORMAT
			    "\"><button type=\"submit\" class=\"secondaire\">"
			    "Restaurer la version %" G_GINT64_FORMAT
			    "</button></form>",
			    d->id, q->server->csrf, v->version, v->version);
		else
			g_string_append(s, "version actuelle");
		g_string_append(s, "</td></tr>\n");
	}
	g_string_append(s, "</tbody></table>\n");
	g_ptr_array_free(a, TRUE);
	pp_draft_free(d);
	page_end(q, 200, s);
}

/* POST /brouillons/#/restaurer, /dupliquer, /supprimer */
void
serve_page_action(struct serve_request *q)
{
	GHashTable *f = page_form_fields(q);
	struct pp_error err;
	const char *what = strrchr(q->url, '/') + 1;
	gint64 r = -1;

	if (!page_csrf_ok(q, f)) {
		g_hash_table_destroy(f);
		serve_page_error(q, 403);
		return;
	}
	pp_error_init(&err);
	if (strcmp(what, "restaurer") == 0) {
		const char *v = g_hash_table_lookup(f, "version");

		r = pp_store_restore(
		    q->server->store, q->num[0],
		    v != NULL ? g_ascii_strtoll(v, NULL, 10) : 0, &err);
		if (r > 0)
			page_redirect(
			    q, "/brouillons/%" G_GINT64_FORMAT "/historique",
			    q->num[0]);
	} else if (strcmp(what, "dupliquer") == 0) {
		struct pp_draft *d =
		    pp_store_get(q->server->store, q->num[0], &err);

		if (d != NULL) {
			char *name = g_strdup_printf("%s (copie)", d->name);

			r = pp_store_duplicate(q->server->store, d->id, name,
					       &err);
			g_free(name);
			pp_draft_free(d);
		} else {
			r = 0;
		}
		if (r > 0)
			page_redirect(q, "/", 0);
	} else {
		r = pp_store_delete(q->server->store, q->num[0], &err);
		if (r > 0)
			page_redirect(q, "/", 0);
	}
	g_hash_table_destroy(f);
	if (r == 0)
		serve_page_error(q, 404);
	else if (r < 0)
		serve_page_error(q, 503);
}

/* GET /brouillons/#/apercu/#/#.png: a preview page, from the cache the
 * edit page filled. */
void
serve_page_preview(struct serve_request *q)
{
	struct pp_error err;
	struct pp_draft *d;
	char *dir, *model, *path, *data;
	gsize len;
	int page = atoi(q->name);

	pp_error_init(&err);
	d = pp_store_get(q->server->store, q->num[0], &err);
	if (d == NULL || page < 1) {
		pp_draft_free(d);
		serve_page_error(q, 404);
		return;
	}
	dir = page_preview_dir(q->server, d->id, q->num[1]);
	model = page_first_model(d);
	path = g_strdup_printf("%s/%s-%d.png", dir, model, page);
	if (g_file_get_contents(path, &data, &len, NULL)) {
		serve_reply_set(&q->reply, 200, "image/png",
				g_string_new_len(data, (gssize)len));
		g_free(data);
	} else {
		serve_page_error(q, 404);
	}
	g_free(path);
	g_free(model);
	g_free(dir);
	pp_draft_free(d);
}

/* GET /brouillons/#/MODEL.pdf|odt and /formulaire.yaml */
void
serve_page_download(struct serve_request *q)
{
	const char *dot = strrchr(q->name, '.');
	struct pp_draft *d = NULL;
	char *model, *job;

	if (strcmp(q->name, "formulaire.yaml") == 0) {
		struct pp_error err;

		pp_error_init(&err);
		d = pp_store_get(q->server->store, q->num[0], &err);
		if (d == NULL) {
			serve_page_error(q, err.set ? 503 : 404);
			return;
		}
		serve_reply_set(&q->reply, 200,
				"application/yaml; charset=utf-8",
				g_string_new(d->yaml));
		q->reply.disposition =
		    g_strdup("attachment; filename=\"formulaire.yaml\"");
		pp_draft_free(d);
		return;
	}
	if (dot == NULL ||
	    (strcmp(dot, ".pdf") != 0 && strcmp(dot, ".odt") != 0 &&
	     strcmp(dot, ".docx") != 0)) {
		serve_page_error(q, 404);
		return;
	}
	model = g_strndup(q->name, (gsize)(dot - q->name));
	if (!serve_model_ok(q->server, model)) {
		g_free(model);
		serve_page_error(q, 404);
		return;
	}
	job = serve_draft_job(q, q->num[0], &d);
	if (job != NULL) {
		serve_render_job(q, job, model, dot + 1, 1);
		if (q->reply.status != 200)
			serve_page_error(q, q->reply.status == 503 ? 503 : 422);
		serve_job_free(job);
		pp_draft_free(d);
	}
	g_free(model);
}

/* --- The charter check ---------------------------------------------------- */

static void
page_check_form(GString *s, struct serve_request *q)
{
	g_string_append_printf(
	    s,
	    "<form method=\"post\" action=\"/controle\" "
	    "enctype=\"multipart/form-data\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<label for=\"fichier\">Document PDF, ODT ou DOCX</label>\n"
	    "<input id=\"fichier\" name=\"fichier\" type=\"file\" "
	    "accept=\".pdf,.odt,.docx,application/pdf,"
	    "application/vnd.oasis.opendocument.text,"
	    "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document\" required>\n"
	    "<button type=\"submit\">Contrôler</button>\n</form>\n",
	    q->server->csrf);
}

void
serve_page_check(struct serve_request *q)
{
	GString *s = page_begin("Contrôle au regard de la charte");
	GHashTable *parts;
	GBytes *file, *csrf;
	gsize len, clen;
	const char *data, *token, *name;
	char *job, *args[7];
	int status = 0, rc;

	if (strcmp(q->method, "POST") != 0) {
		g_string_append(s, "<p>Déposez le PDF, l'ODT ou le DOCX d'un "
				   "partenaire (ou de paraphe) : paraphe le "
				   "contrôle au regard de la charte graphique "
				   "de l'État. Les constats d'un PDF sont "
				   "dessinés sur ses pages.</p>\n");
		page_check_form(s, q);
		page_end(q, 200, s);
		return;
	}
	parts = serve_body_multipart(serve_header(q, "Content-Type"),
				     q->body->data, q->body->len);
	csrf = g_hash_table_lookup(parts, "csrf");
	file = g_hash_table_lookup(parts, "fichier");
	token = csrf != NULL ? g_bytes_get_data(csrf, &clen) : NULL;
	if (token == NULL || clen != strlen(q->server->csrf) ||
	    memcmp(token, q->server->csrf, clen) != 0) {
		g_hash_table_destroy(parts);
		g_string_free(s, TRUE);
		serve_page_error(q, 403);
		return;
	}
	data = file != NULL ? g_bytes_get_data(file, &len) : NULL;
	/* The checker tells the kinds apart by content; the name is the
	 * report's. */
	name = data != NULL && len > 4 && memcmp(data, "%PDF", 4) == 0
		   ? "document.pdf"
	       : data != NULL && len > 4 && memcmp(data, "PK", 2) == 0
		   ? (g_strstr_len(data, MIN(len, 512),
				   "application/vnd.oasis") != NULL
			  ? "document.odt"
			  : "document.docx")
		   : NULL;
	job = name != NULL ? serve_job_new(q->server) : NULL;
	args[0] = "check";
	args[1] = "--format";
	args[2] = "json";
	args[3] = "--thumbnails";
	args[4] = "vignettes";
	args[5] = (char *)name;
	args[6] = NULL;
	if (name == NULL) {
		g_string_append(s, "<p class=\"erreur\">Ce fichier n'est ni un "
				   "PDF, ni un ODT, ni un DOCX.</p>\n");
	} else if (job == NULL || serve_job_write(job, name, data, len) != 0 ||
		   (rc = serve_worker_run(q->server, job, args, &status)) !=
		       0) {
		g_string_append(s,
				"<p class=\"erreur\">Le serveur est occupé ; "
				"réessayez dans quelques secondes.</p>\n");
	} else if (status != 0 && status != 1) {
		g_string_append(s, "<p class=\"erreur\">Ce fichier ne peut pas "
				   "être lu (endommagé, chiffré ou hors des "
				   "limites de paraphe).</p>\n");
	} else {
		GString *out =
		    serve_job_read(q->server, job, SERVE_WORKER_OUT, 1);
		char *thumbs = g_build_filename(job, "vignettes", NULL);

		serve_check_report(s, out, thumbs,
				   g_str_has_suffix(name, ".pdf"));
		g_free(thumbs);
		if (out != NULL)
			g_string_free(out, TRUE);
	}
	g_string_append(s, "<h2>Contrôler un autre document</h2>\n");
	page_check_form(s, q);
	serve_job_free(job);
	g_hash_table_destroy(parts);
	page_end(q, 200, s);
}
