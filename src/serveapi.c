/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the routes, and the JSON API (doc/api.md).  Validation
 * is the command line's (pp_form_validate); renders and checks run the
 * command line itself, "paraphe render" and "paraphe check --format
 * json", as worker processes in a job folder.
 */
#include <stdio.h>
#include <string.h>

#include "i18n.h"
#include "paraphe.h"
#include "serve-private.h"
#include "serve.h"
#include "store.h"

static void
api_text(struct serve_request *q, unsigned status, const char *type,
	 const char *text)
{
	serve_reply_set(&q->reply, status, type, g_string_new(text));
}

static void
api_healthz(struct serve_request *q)
{
	api_text(q, 200, "text/plain; charset=utf-8", "ok\n");
}

int
serve_model_ok(struct serve *S, const char *name)
{
	char **names = pp_model_list(S->datadir);
	int ok = 0;
	size_t i;

	for (i = 0; names != NULL && names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0 &&
		    strcmp(name, "campagne") != 0 &&
		    strcmp(name, "clauses") != 0)
			ok = 1;
	g_strfreev(names);
	return ok;
}

static void
api_models(struct serve_request *q)
{
	char **names = pp_model_list(q->server->datadir);
	GString *s = g_string_new("[");
	size_t i, n = 0;

	for (i = 0; names != NULL && names[i] != NULL; i++) {
		if (!serve_model_ok(q->server, names[i]))
			continue;
		g_string_append(s, n++ > 0 ? ", {\"name\": " : "{\"name\": ");
		serve_json_string(s, names[i]);
		g_string_append_c(s, '}');
	}
	g_string_append(s, "]\n");
	g_strfreev(names);
	serve_reply_set(&q->reply, 200, "application/json", s);
}

/* Whether the request's body is a YAML form; else a 415 reply. */
static int
api_is_yaml(struct serve_request *q)
{
	char *ct = serve_content_type(q);
	int ok = strcmp(ct, "application/yaml") == 0 ||
		 strcmp(ct, "application/x-yaml") == 0 ||
		 strcmp(ct, "text/yaml") == 0 || strcmp(ct, "text/x-yaml") == 0;

	g_free(ct);
	if (!ok)
		serve_reply_error(&q->reply, 415,
				  "the form must be sent as YAML "
				  "(Content-Type: application/yaml)");
	return ok;
}

/* A job folder holding the request's body as the form; NULL (with a 503
 * reply) when none can be made. */
static char *
api_job_with_form(struct serve_request *q, const void *data, size_t len)
{
	char *job = serve_job_new(q->server);

	if (job == NULL ||
	    serve_job_write(job, SERVE_FORM_NAME, data, len) != 0) {
		serve_job_free(job);
		serve_reply_error(&q->reply, 503,
				  "the server cannot take this request now");
		return NULL;
	}
	return job;
}

static void
api_validate(struct serve_request *q)
{
	const char *model = serve_arg(q, "model");
	struct pp_diags d;
	size_t errors;
	char *job;

	if (!api_is_yaml(q))
		return;
	if (model != NULL && !serve_model_ok(q->server, model)) {
		serve_reply_error(&q->reply, 400, "unknown model");
		return;
	}
	job = api_job_with_form(q, q->body->data, q->body->len);
	if (job == NULL)
		return;
	pp_diags_init(&d);
	errors = serve_validate(q->server, job, model, &d);
	serve_reply_set(&q->reply, 200, "application/json",
			serve_diags_json(q->server, job, &d, errors));
	pp_diags_fini(&d);
	serve_job_free(job);
}

/* The worker's messages as diagnostics without positions. */
static GString *
api_worker_diags(struct serve_request *q, const char *job, int status)
{
	struct pp_diags d;
	GString *err = serve_job_read(q->server, job, SERVE_WORKER_ERR, 1);
	GString *json;
	char **lines;
	size_t i;

	pp_diags_init(&d);
	if (status < 0) {
		pp_diags_add(&d, PP_DIAG_LIMIT, NULL, NULL,
			     _("the document could not be produced within the "
			       "server's limits (memory, time)"));
	} else if (err != NULL) {
		lines = g_strsplit(err->str, "\n", 0);
		for (i = 0; lines[i] != NULL; i++)
			if (lines[i][0] != '\0')
				pp_diags_add(&d, PP_DIAG_IO, NULL, NULL, "%s",
					     lines[i]);
		g_strfreev(lines);
	}
	if (d.n == 0)
		pp_diags_add(&d, PP_DIAG_IO, NULL, NULL,
			     _("the document could not be produced"));
	json = serve_diags_json(q->server, job, &d, 1);
	pp_diags_fini(&d);
	if (err != NULL)
		g_string_free(err, TRUE);
	return json;
}

void
serve_render_job(struct serve_request *q, const char *job, const char *model,
		 const char *format, int page)
{
	const struct pp_output *o = pp_output_find(format);
	char *args[] = {
	    "render", "-m",	     (char *)model,   "-f", (char *)format,
	    "-o",     SERVE_OUT_DIR, SERVE_FORM_NAME, NULL};
	struct pp_diags d;
	size_t errors;
	int status = 0, rc;
	char *name, *path, *data;
	gsize len;

	if (o == NULL ||
	    (strcmp(format, "pdf") != 0 && strcmp(format, "odt") != 0 &&
	     strcmp(format, "docx") != 0 && strcmp(format, "png") != 0)) {
		serve_reply_error(&q->reply, 400,
				  "format must be pdf, odt, docx or png");
		return;
	}
	pp_diags_init(&d);
	errors = serve_validate(q->server, job, model, &d);
	if (errors > 0) {
		serve_reply_set(&q->reply, 422, "application/json",
				serve_diags_json(q->server, job, &d, errors));
		pp_diags_fini(&d);
		return;
	}
	pp_diags_fini(&d);
	rc = serve_worker_run(q->server, job, args, &status);
	if (rc == SERVE_BUSY || rc < 0) {
		serve_reply_error(&q->reply, 503,
				  "every worker is busy; try again in a few "
				  "seconds");
		return;
	}
	if (status != 0) {
		serve_reply_set(&q->reply, 422, "application/json",
				api_worker_diags(q, job, status));
		return;
	}
	if (strcmp(format, "png") == 0)
		name = g_strdup_printf("%s-%d.png", model, page);
	else
		name = g_strdup_printf("%s.%s", model, format);
	path = g_build_filename(job, SERVE_OUT_DIR, name, NULL);
	if (!g_file_get_contents(path, &data, &len, NULL)) {
		serve_reply_error(&q->reply, 422,
				  "the document has no such page");
	} else {
		GString *s = g_string_new_len(data, (gssize)len);

		g_free(data);
		serve_reply_set(
		    &q->reply, 200,
		    strcmp(format, "pdf") == 0 ? "application/pdf"
		    : strcmp(format, "odt") == 0
			? "application/vnd.oasis.opendocument.text"
		    : strcmp(format, "docx") == 0
			? "application/vnd.openxmlformats-officedocument."
			  "wordprocessingml.document"
			: "image/png",
		    s);
		q->reply.disposition = g_strdup_printf(
		    "%s; filename=\"%s\"",
		    strcmp(format, "png") == 0 ? "inline" : "attachment", name);
	}
	g_free(path);
	g_free(name);
}

/* model, format and page from the query string; 0, or -1 with a 400. */
static int
api_render_args(struct serve_request *q, const char **model,
		const char **format, int *page, const char *def_model)
{
	const char *p = serve_arg(q, "page");
	guint64 n = 1;

	*model = serve_arg(q, "model");
	*format = serve_arg(q, "format");
	if (*model == NULL)
		*model = def_model;
	if (*format == NULL)
		*format = "pdf";
	if (*model == NULL || !serve_model_ok(q->server, *model)) {
		serve_reply_error(&q->reply, 400,
				  "give a known model: ?model=convention");
		return -1;
	}
	if (p != NULL &&
	    !g_ascii_string_to_unsigned(p, 10, 1, 9999, &n, NULL)) {
		serve_reply_error(&q->reply, 400,
				  "page must be a number from 1");
		return -1;
	}
	*page = (int)n;
	return 0;
}

static void
api_render(struct serve_request *q)
{
	const char *model, *format;
	int page;
	char *job;

	if (!api_is_yaml(q) ||
	    api_render_args(q, &model, &format, &page, NULL) != 0)
		return;
	job = api_job_with_form(q, q->body->data, q->body->len);
	if (job == NULL)
		return;
	serve_render_job(q, job, model, format, page);
	serve_job_free(job);
}

static void
api_check(struct serve_request *q)
{
	char *ct = serve_content_type(q), *job;
	const char *file =
	    strcmp(ct, "application/pdf") == 0 ? "document.pdf"
	    : strcmp(ct, "application/vnd.oasis.opendocument.text") == 0
		? "document.odt"
	    : strcmp(ct, "application/vnd.openxmlformats-officedocument."
			 "wordprocessingml.document") == 0
		? "document.docx"
		: NULL;
	char *args[] = {"check", "--format", "json", (char *)file, NULL};
	int status = 0, rc;

	g_free(ct);
	if (file == NULL) {
		serve_reply_error(&q->reply, 415,
				  "send a PDF (application/pdf), an ODT "
				  "(application/"
				  "vnd.oasis.opendocument.text) or a DOCX "
				  "(application/vnd.openxmlformats-"
				  "officedocument.wordprocessingml.document)");
		return;
	}
	job = serve_job_new(q->server);
	if (job == NULL ||
	    serve_job_write(job, file, q->body->data, q->body->len) != 0) {
		serve_job_free(job);
		serve_reply_error(&q->reply, 503,
				  "the server cannot take this request now");
		return;
	}
	rc = serve_worker_run(q->server, job, args, &status);
	if (rc == SERVE_BUSY || rc < 0) {
		serve_reply_error(&q->reply, 503,
				  "every worker is busy; try again in a few "
				  "seconds");
	} else if (status == 0 || status == 1) {
		GString *out =
		    serve_job_read(q->server, job, SERVE_WORKER_OUT, 1);

		if (out != NULL && out->len > 0)
			serve_reply_set(&q->reply, 200, "application/json",
					out);
		else
			serve_reply_error(&q->reply, 422,
					  "the file could not be checked");
	} else {
		GString *err =
		    serve_job_read(q->server, job, SERVE_WORKER_ERR, 1);
		char *first = NULL;

		if (err != NULL) {
			first = g_strdup(g_strstrip(err->str));
			if (strchr(first, '\n') != NULL)
				*strchr(first, '\n') = '\0';
			g_string_free(err, TRUE);
		}
		serve_reply_error(
		    &q->reply, 422,
		    status < 0 ? "the file could not be checked within the "
				 "server's limits (memory, time)"
		    : first != NULL && first[0] != '\0'
			? first
			: "the file cannot be read as a PDF or an ODT");
		g_free(first);
	}
	serve_job_free(job);
}

/* --- Drafts --------------------------------------------------------------- */

static void
api_store_failed(struct serve_request *q, struct pp_error *err)
{
	/* The database's own message stays on the server's log. */
	fprintf(stderr, "paraphe serve: %s\n", err->message);
	serve_reply_error(&q->reply, 503,
			  "the drafts database is not available; try again");
}

static void
api_draft_json(GString *s, const struct pp_draft *d)
{
	g_string_append_printf(
	    s, "{\"id\": %" G_GINT64_FORMAT ", \"name\": ", d->id);
	serve_json_string(s, d->name);
	g_string_append(s, ", \"models\": ");
	serve_json_string(s, d->models);
	g_string_append_printf(
	    s,
	    ", \"version\": %" G_GINT64_FORMAT ", \"created\": ", d->version);
	serve_json_string(s, d->created);
	g_string_append(s, ", \"updated\": ");
	serve_json_string(s, d->updated);
	g_string_append_c(s, '}');
}

/* "convention", "fiche-projet" or both, from a list separated by commas;
 * NULL when it names anything else. */
char **
serve_models_parse(struct serve *S, const char *list)
{
	char **m = g_strsplit(
	    list != NULL && list[0] != '\0' ? list : "convention", ",", 3);
	size_t i;

	for (i = 0; m[i] != NULL; i++)
		if (!serve_model_ok(S, g_strstrip(m[i])) || i >= 2) {
			g_strfreev(m);
			return NULL;
		}
	return m;
}

gint64
serve_draft_create(struct serve *S, const char *name, char **models,
		   int example, const char *yaml, struct pp_error *err)
{
	struct pp_buf b;
	char *joined = g_strjoinv(",", models);
	gint64 id;

	pp_buf_init(&b);
	if (yaml == NULL) {
		if (pp_init_form(S->datadir, models, example, &b, err) != 0) {
			pp_buf_fini(&b);
			g_free(joined);
			return 0;
		}
		pp_buf_add(&b, "", 1);
		yaml = (const char *)b.data;
	}
	id = pp_store_create(S->store, name, joined, yaml, err);
	pp_buf_fini(&b);
	g_free(joined);
	return id;
}

static void
api_drafts(struct serve_request *q)
{
	struct pp_error err;

	pp_error_init(&err);
	if (strcmp(q->method, "POST") == 0) {
		const char *name = serve_arg(q, "name");
		char **models =
		    serve_models_parse(q->server, serve_arg(q, "models"));
		char *yaml = NULL;
		gint64 id;

		if (q->body->len > 0 && !api_is_yaml(q)) {
			g_strfreev(models);
			return;
		}
		if (models == NULL) {
			serve_reply_error(&q->reply, 400,
					  "models must be convention, "
					  "fiche-projet or both");
			return;
		}
		if (name == NULL || name[0] == '\0' ||
		    strlen(name) > PP_STORE_MAX_NAME ||
		    !g_utf8_validate(name, -1, NULL)) {
			g_strfreev(models);
			serve_reply_error(&q->reply, 400,
					  "give the draft a name (?name=...)");
			return;
		}
		if (q->body->len > 0) {
			if (memchr(q->body->data, 0, q->body->len) != NULL) {
				g_strfreev(models);
				serve_reply_error(&q->reply, 422,
						  "the form is not text");
				return;
			}
			yaml = g_strndup((const char *)q->body->data,
					 q->body->len);
		}
		id = serve_draft_create(q->server, name, models,
					serve_arg(q, "example") != NULL, yaml,
					&err);
		g_strfreev(models);
		g_free(yaml);
		if (id <= 0) {
			api_store_failed(q, &err);
			return;
		}
		serve_reply_set(&q->reply, 201, "application/json",
				g_string_new(""));
		g_string_printf(
		    q->reply.body,
		    "{\"id\": %" G_GINT64_FORMAT ", \"version\": 1}\n", id);
		q->reply.location =
		    g_strdup_printf("/api/v1/drafts/%" G_GINT64_FORMAT, id);
	} else {
		GPtrArray *a = pp_store_list(q->server->store, &err);
		GString *s;
		guint i;

		if (a == NULL) {
			api_store_failed(q, &err);
			return;
		}
		s = g_string_new("[");
		for (i = 0; i < a->len; i++) {
			g_string_append(s, i > 0 ? ",\n " : "");
			api_draft_json(s, a->pdata[i]);
		}
		g_string_append(s, "]\n");
		g_ptr_array_free(a, TRUE);
		serve_reply_set(&q->reply, 200, "application/json", s);
	}
}

static void
api_saved(struct serve_request *q, gint64 v, struct pp_error *err)
{
	if (v < 0)
		api_store_failed(q, err);
	else if (v == 0)
		serve_reply_error(&q->reply, 404, "no such draft");
	else {
		serve_reply_set(&q->reply, 200, "application/json",
				g_string_new(""));
		g_string_printf(q->reply.body,
				"{\"id\": %" G_GINT64_FORMAT
				", \"version\": %" G_GINT64_FORMAT "}\n",
				q->num[0], v);
	}
}

static void
api_draft(struct serve_request *q)
{
	struct pp_error err;

	pp_error_init(&err);
	if (strcmp(q->method, "PUT") == 0) {
		char *yaml;

		if (!api_is_yaml(q))
			return;
		if (memchr(q->body->data, 0, q->body->len) != NULL) {
			serve_reply_error(&q->reply, 422,
					  "the form is not text");
			return;
		}
		yaml = g_strndup((const char *)q->body->data, q->body->len);
		api_saved(
		    q, pp_store_save(q->server->store, q->num[0], yaml, &err),
		    &err);
		g_free(yaml);
	} else if (strcmp(q->method, "DELETE") == 0) {
		int n = pp_store_delete(q->server->store, q->num[0], &err);

		if (n < 0)
			api_store_failed(q, &err);
		else if (n == 0)
			serve_reply_error(&q->reply, 404, "no such draft");
		else
			serve_reply_set(&q->reply, 204, "text/plain", NULL);
	} else {
		struct pp_draft *d =
		    pp_store_get(q->server->store, q->num[0], &err);

		if (d == NULL && err.set) {
			api_store_failed(q, &err);
		} else if (d == NULL) {
			serve_reply_error(&q->reply, 404, "no such draft");
		} else {
			api_text(q, 200, "application/yaml; charset=utf-8",
				 d->yaml);
			pp_draft_free(d);
		}
	}
}

static void
api_versions(struct serve_request *q)
{
	struct pp_error err;
	GPtrArray *a;
	GString *s;
	guint i;

	pp_error_init(&err);
	a = pp_store_versions(q->server->store, q->num[0], &err);
	if (a == NULL) {
		api_store_failed(q, &err);
		return;
	}
	if (a->len == 0) {
		g_ptr_array_free(a, TRUE);
		serve_reply_error(&q->reply, 404, "no such draft");
		return;
	}
	s = g_string_new("[");
	for (i = 0; i < a->len; i++) {
		const struct pp_draft_version *v = a->pdata[i];

		g_string_append_printf(
		    s,
		    "%s{\"version\": %" G_GINT64_FORMAT
		    ", \"bytes\": %" G_GINT64_FORMAT ", \"created\": ",
		    i > 0 ? ",\n " : "", v->version, v->bytes);
		serve_json_string(s, v->created);
		g_string_append_c(s, '}');
	}
	g_string_append(s, "]\n");
	g_ptr_array_free(a, TRUE);
	serve_reply_set(&q->reply, 200, "application/json", s);
}

static void
api_version(struct serve_request *q)
{
	struct pp_error err;
	char *yaml;

	pp_error_init(&err);
	yaml =
	    pp_store_version_text(q->server->store, q->num[0], q->num[1], &err);
	if (yaml == NULL) {
		serve_reply_error(&q->reply, 404, "no such version");
		return;
	}
	api_text(q, 200, "application/yaml; charset=utf-8", yaml);
	g_free(yaml);
}

static void
api_restore(struct serve_request *q)
{
	struct pp_error err;
	const char *v = serve_arg(q, "version");
	guint64 n;

	pp_error_init(&err);
	if (v == NULL ||
	    !g_ascii_string_to_unsigned(v, 10, 1, G_MAXINT64, &n, NULL)) {
		serve_reply_error(&q->reply, 400,
				  "give the version to restore (?version=N)");
		return;
	}
	api_saved(
	    q, pp_store_restore(q->server->store, q->num[0], (gint64)n, &err),
	    &err);
}

static void
api_duplicate(struct serve_request *q)
{
	struct pp_error err;
	struct pp_draft *d;
	gint64 id;
	char *name;

	pp_error_init(&err);
	d = pp_store_get(q->server->store, q->num[0], &err);
	if (d == NULL) {
		if (err.set)
			api_store_failed(q, &err);
		else
			serve_reply_error(&q->reply, 404, "no such draft");
		return;
	}
	name = g_strdup_printf(_("%s (copy)"), d->name);
	id = pp_store_duplicate(q->server->store, q->num[0], name, &err);
	g_free(name);
	pp_draft_free(d);
	if (id <= 0) {
		api_store_failed(q, &err);
		return;
	}
	serve_reply_set(&q->reply, 201, "application/json", g_string_new(""));
	g_string_printf(q->reply.body, "{\"id\": %" G_GINT64_FORMAT "}\n", id);
	q->reply.location =
	    g_strdup_printf("/api/v1/drafts/%" G_GINT64_FORMAT, id);
}

static void
api_files(struct serve_request *q)
{
	struct pp_error err;
	GPtrArray *a;
	GString *s;
	guint i;

	pp_error_init(&err);
	a = pp_store_files(q->server->store, q->num[0], 0, &err);
	if (a == NULL) {
		api_store_failed(q, &err);
		return;
	}
	s = g_string_new("[");
	for (i = 0; i < a->len; i++) {
		const struct pp_draft_file *f = a->pdata[i];

		g_string_append(s, i > 0 ? ", {\"name\": " : "{\"name\": ");
		serve_json_string(s, f->name);
		g_string_append_printf(s, ", \"bytes\": %" G_GINT64_FORMAT "}",
				       f->bytes);
	}
	g_string_append(s, "]\n");
	g_ptr_array_free(a, TRUE);
	serve_reply_set(&q->reply, 200, "application/json", s);
}

static void
api_file(struct serve_request *q)
{
	struct pp_error err;
	int n;

	pp_error_init(&err);
	if (strcmp(q->name, SERVE_FORM_NAME) == 0 ||
	    strcmp(q->name, SERVE_OUT_DIR) == 0 ||
	    g_str_has_prefix(q->name, "worker.")) {
		serve_reply_error(&q->reply, 400, "this file name is reserved");
		return;
	}
	n = pp_store_file_put(q->server->store, q->num[0], q->name,
			      q->body->data, q->body->len, &err);
	if (n < 0)
		api_store_failed(q, &err);
	else if (n == 0)
		serve_reply_error(&q->reply, 404, "no such draft");
	else
		api_text(q, 200, "application/json", "{\"stored\": true}\n");
}

/* A job folder holding draft id's form and files; NULL with a reply. */
char *
serve_draft_job(struct serve_request *q, gint64 id, struct pp_draft **draft)
{
	struct pp_error err;
	struct pp_draft *d;
	GPtrArray *files;
	char *job;
	guint i;

	pp_error_init(&err);
	d = pp_store_get(q->server->store, id, &err);
	if (d == NULL) {
		if (err.set)
			api_store_failed(q, &err);
		else
			serve_reply_error(&q->reply, 404, "no such draft");
		return NULL;
	}
	files = pp_store_files(q->server->store, id, 1, &err);
	job = files != NULL ? api_job_with_form(q, d->yaml, strlen(d->yaml))
			    : NULL;
	for (i = 0; job != NULL && i < files->len; i++) {
		const struct pp_draft_file *f = files->pdata[i];
		gsize len;
		const void *data = g_bytes_get_data(f->data, &len);

		if (serve_job_write(job, f->name, data, len) != 0) {
			serve_job_free(job);
			job = NULL;
			serve_reply_error(&q->reply, 503,
					  "the server cannot take this "
					  "request now");
		}
	}
	if (files == NULL)
		api_store_failed(q, &err);
	else
		g_ptr_array_free(files, TRUE);
	if (draft != NULL && job != NULL)
		*draft = d;
	else
		pp_draft_free(d);
	return job;
}

static void
api_draft_render(struct serve_request *q)
{
	struct pp_draft *d = NULL;
	const char *model, *format;
	char *job, *first;
	int page;

	job = serve_draft_job(q, q->num[0], &d);
	if (job == NULL)
		return;
	first = g_strdup(d->models);
	if (strchr(first, ',') != NULL)
		*strchr(first, ',') = '\0';
	if (api_render_args(q, &model, &format, &page, first) == 0)
		serve_render_job(q, job, model, format, page);
	g_free(first);
	pp_draft_free(d);
	serve_job_free(job);
}

/* --- The table ------------------------------------------------------------ */

static const struct serve_route routes[] = {
    {"/healthz", "GET", 0, api_healthz},
    {"/api/v1/models", "GET", 0, api_models},
    {"/api/v1/validate", "POST", PP_SERVE_MAX_FORM, api_validate},
    {"/api/v1/render", "POST", PP_SERVE_MAX_FORM, api_render},
    {"/api/v1/check", "POST", PP_SERVE_MAX_UPLOAD, api_check},
    {"/api/v1/drafts", "GET, POST", PP_SERVE_MAX_FORM, api_drafts},
    {"/api/v1/drafts/#", "GET, PUT, DELETE", PP_SERVE_MAX_FORM, api_draft},
    {"/api/v1/drafts/#/versions", "GET", 0, api_versions},
    {"/api/v1/drafts/#/versions/#", "GET", 0, api_version},
    {"/api/v1/drafts/#/restore", "POST", 0, api_restore},
    {"/api/v1/drafts/#/duplicate", "POST", 0, api_duplicate},
    {"/api/v1/drafts/#/files", "GET", 0, api_files},
    {"/api/v1/drafts/#/files/$", "PUT", PP_SERVE_MAX_UPLOAD, api_file},
    {"/api/v1/drafts/#/render", "POST", 0, api_draft_render},
    {"/", "GET", 0, serve_page_home},
    {"/brouillons", "POST", 64u << 10, serve_page_create},
    {"/style.css", "GET", 0, serve_page_css},
    {"/script.js", "GET", 0, serve_page_js},
    {"/brouillons/#", "GET, POST", PP_SERVE_MAX_FORM, serve_page_draft},
    {"/brouillons/#/verifier", "POST", PP_SERVE_MAX_FORM, serve_page_verify},
    {"/brouillons/#/yaml", "GET, POST", 2 * PP_SERVE_MAX_FORM, serve_page_yaml},
    {"/brouillons/#/historique", "GET", 0, serve_page_history},
    {"/brouillons/#/restaurer", "POST", 4096, serve_page_action},
    {"/brouillons/#/dupliquer", "POST", 4096, serve_page_action},
    {"/brouillons/#/supprimer", "POST", 4096, serve_page_action},
    {"/brouillons/#/apercu/#/$", "GET", 0, serve_page_preview},
    {"/brouillons/#/$", "GET", 0, serve_page_download},
    {"/controle", "GET, POST", PP_SERVE_MAX_UPLOAD, serve_page_check},
    /* Campaign kits (servekit.c). */
    {"/api/v1/kits", "GET, POST", PP_SERVE_MAX_UPLOAD, serve_kit_api_list},
    {"/api/v1/kits/#", "GET, DELETE", 0, serve_kit_api_get},
    {"/api/v1/kits/#/zip", "GET", 0, serve_kit_api_zip},
    {"/api/v1/kits/#/manifest", "GET", 0, serve_kit_api_manifest},
    {"/campagnes", "GET, POST", PP_SERVE_MAX_UPLOAD, serve_kit_page_list},
    {"/campagnes.css", "GET", 0, serve_kit_page_css},
    {"/campagnes.js", "GET", 0, serve_kit_page_js},
    {"/campagnes/#", "GET", 0, serve_kit_page_job},
    {"/campagnes/#/supprimer", "POST", 4096, serve_kit_page_delete},
};

/* Whether url matches pattern, filling q's numbers and name. */
static int
api_match(const char *pattern, const char *url, struct serve_request *q)
{
	int k = 0;

	while (*pattern != '\0') {
		if (*pattern == '#') {
			gint64 v = 0;
			int digits = 0;

			while (g_ascii_isdigit(*url) && digits < 15) {
				v = v * 10 + (*url++ - '0');
				digits++;
			}
			if (digits == 0 || g_ascii_isdigit(*url) || k > 1)
				return 0;
			q->num[k++] = v;
			pattern++;
		} else if (*pattern == '$') {
			size_t n = strcspn(url, "/");

			if (n == 0 || n >= sizeof(q->name))
				return 0;
			memcpy(q->name, url, n);
			q->name[n] = '\0';
			if (!pp_store_file_name_ok(q->name))
				return 0;
			url += n;
			pattern++;
		} else if (*pattern++ != *url++) {
			return 0;
		}
	}
	return *url == '\0';
}

const struct serve_route *
serve_route_find(struct serve_request *q)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(routes); i++)
		if (api_match(routes[i].pattern, q->url, q))
			return &routes[i];
	return NULL;
}

int
serve_route_allows(const struct serve_route *r, const char *method)
{
	char **m = g_strsplit(r->methods, ", ", 0);
	int ok = 0;
	size_t i;

	for (i = 0; m[i] != NULL; i++)
		if (strcmp(m[i], method) == 0 ||
		    (strcmp(method, "HEAD") == 0 && strcmp(m[i], "GET") == 0))
			ok = 1;
	g_strfreev(m);
	return ok;
}
