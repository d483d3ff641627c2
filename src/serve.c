/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve (serve.h): the HTTP server, its routes and the worker
 * processes.  Every request is read whole (up to its route's limit), then
 * answered by one route function filling a struct serve_reply; nothing
 * the client sent can name a server file: forms and documents are written
 * into a fresh job folder, which is the only place a form's logos and
 * annexes may be read from (confine.c), and every message is stripped of
 * the server's folders before it is sent.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "dynlib.h"
#include "i18n.h"
#include "paraphe.h"
#include "serve-private.h"
#include "serve.h"
#include "store.h"

/* libmicrohttpd, opened when the server starts (dynlib.h). */
#define MHD_FUNCS(X)                                                           \
	X(MHD_add_response_header)                                             \
	X(MHD_create_response_from_buffer)                                     \
	X(MHD_destroy_response)                                                \
	X(MHD_get_daemon_info)                                                 \
	X(MHD_lookup_connection_value)                                         \
	X(MHD_queue_response)                                                  \
	X(MHD_quiesce_daemon)                                                  \
	X(MHD_start_daemon)                                                    \
	X(MHD_stop_daemon)
static struct {
	MHD_FUNCS(PP_DYNLIB_FUNC)
} mhd;
static struct pp_dynlib mhd_lib =
    PP_DYNLIB_INIT(PP_SONAME_MHD, PP_LIBPATH_MHD, PP_PACKAGE_MHD,
		   N_("serve the web workspace"));

/* Requests waiting for a worker, per worker, before 503. */
#define SERVE_QUEUE_PER_WORKER 4
/* Seconds a client is told to wait after a 503. */
#define SERVE_RETRY_AFTER "5"
/* Connections at once, and seconds an idle one is kept. */
#define SERVE_MAX_CONNECTIONS 256
#define SERVE_IDLE_SECONDS    60

long long
serve_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* --- Replies -------------------------------------------------------------- */

void
serve_reply_set(struct serve_reply *r, unsigned status, const char *type,
		GString *body)
{
	r->status = status;
	g_free(r->type);
	r->type = g_strdup(type);
	if (r->body != NULL)
		g_string_free(r->body, TRUE);
	r->body = body;
}

void
serve_json_string(GString *s, const char *v)
{
	char *valid = g_utf8_make_valid(v != NULL ? v : "", -1);
	const char *p;

	g_string_append_c(s, '"');
	for (p = valid; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '"' || c == '\\')
			g_string_append_printf(s, "\\%c", c);
		else if (c == '\n')
			g_string_append(s, "\\n");
		else if (c < 0x20 || c == 0x7f)
			g_string_append_printf(s, "\\u%04x", c);
		else
			g_string_append_c(s, (char)c);
	}
	g_string_append_c(s, '"');
	g_free(valid);
}

void
serve_html_escape(GString *s, const char *text)
{
	char *e = g_markup_escape_text(text != NULL ? text : "", -1);

	g_string_append(s, e);
	g_free(e);
}

/* {"error": message}, with status. */
void
serve_reply_error(struct serve_reply *r, unsigned status, const char *message)
{
	GString *s = g_string_new("{\"error\": ");

	serve_json_string(s, message);
	g_string_append(s, "}\n");
	serve_reply_set(r, status, "application/json", s);
}

/* Removes the server's folders from text (in place, shortening it). */
void
serve_scrub(const struct serve *S, const char *jobdir, GString *text)
{
	const char *folders[4];
	size_t i, n = 0;

	if (jobdir != NULL)
		folders[n++] = jobdir;
	folders[n++] = S->datadir;
	folders[n++] = S->data;
	for (i = 0; i < n; i++) {
		char *with_slash = g_strconcat(folders[i], "/", NULL);

		g_string_replace(text, with_slash, "", 0);
		g_string_replace(text, folders[i], ".", 0);
		g_free(with_slash);
	}
}

/* --- Job folders ---------------------------------------------------------- */

char *
serve_job_new(const struct serve *S)
{
	char *tmpl = g_build_filename(S->data, "travail", "XXXXXX", NULL);

	if (g_mkdtemp_full(tmpl, 0700) == NULL) {
		g_free(tmpl);
		return NULL;
	}
	return tmpl;
}

static void
serve_rmtree(const char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	if (d != NULL) {
		while ((name = g_dir_read_name(d)) != NULL) {
			char *p = g_build_filename(dir, name, NULL);

			if (g_file_test(p, G_FILE_TEST_IS_DIR) &&
			    !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
				serve_rmtree(p);
			else
				g_unlink(p);
			g_free(p);
		}
		g_dir_close(d);
	}
	g_rmdir(dir);
}

void
serve_rmtree_public(const char *dir)
{
	serve_rmtree(dir);
}

void
serve_job_free(char *jobdir)
{
	if (jobdir != NULL)
		serve_rmtree(jobdir);
	g_free(jobdir);
}

int
serve_job_write(const char *jobdir, const char *name, const void *data,
		size_t len)
{
	char *path = g_build_filename(jobdir, name, NULL);
	int ok = g_file_set_contents(path, data, (gssize)len, NULL);

	g_free(path);
	return ok ? 0 : -1;
}

/* --- Validation ----------------------------------------------------------- */

static const char *
serve_severity(enum pp_severity s)
{
	switch (s) {
	case PP_SEV_ERROR:
		return "error";
	case PP_SEV_WARNING:
		return "warning";
	case PP_SEV_NOTE:
	default:
		return "note";
	}
}

size_t
serve_validate(struct serve *S, const char *jobdir, const char *model,
	       struct pp_diags *d)
{
	return serve_validate_keep(S, jobdir, model, d, NULL);
}

size_t
serve_validate_keep(struct serve *S, const char *jobdir, const char *model,
		    struct pp_diags *d, struct pp_form **keep)
{
	char *path = g_build_filename(jobdir, SERVE_FORM_NAME, NULL);
	char *only[2] = {(char *)model, NULL};
	struct pp_error err;
	struct pp_form *f;
	size_t errors;

	pp_error_init(&err);
	/* The validator's caches (models, calendar) are not shared between
	 * threads: one validation at a time; each takes milliseconds. */
	g_mutex_lock(&S->validate_lock);
	f = pp_form_read(path, &err);
	if (f == NULL) {
		pp_diags_add_error(d, &err);
		errors = 1;
	} else {
		errors = pp_form_validate(f, S->datadir,
					  model != NULL ? only : NULL, d);
		if (keep != NULL)
			*keep = f;
		else
			pp_form_free(f);
	}
	g_mutex_unlock(&S->validate_lock);
	g_free(path);
	return errors;
}

GString *
serve_diags_json(const struct serve *S, const char *jobdir,
		 const struct pp_diags *d, size_t errors)
{
	GString *s = g_string_new("");
	size_t i;

	g_string_append_printf(s, "{\"valid\": %s, \"diagnostics\": [",
			       errors == 0 ? "true" : "false");
	for (i = 0; i < d->n; i++) {
		const struct pp_diag *g = &d->items[i];
		GString *msg = g_string_new(g->message);

		if (g->note != NULL)
			g_string_append_printf(msg, " (%s)", g->note);
		serve_scrub(S, jobdir, msg);
		g_string_append_printf(s,
				       "%s\n  {\"line\": %d, \"column\": %d, "
				       "\"path\": ",
				       i > 0 ? "," : "", g->line, g->col);
		serve_json_string(s, g->path != NULL ? g->path : "");
		g_string_append(s, ", \"severity\": ");
		serve_json_string(s, serve_severity(g->severity));
		g_string_append(s, ", \"code\": ");
		serve_json_string(s, pp_diag_code_name(g->code));
		g_string_append(s, ", \"message\": ");
		serve_json_string(s, msg->str);
		g_string_append_c(s, '}');
		g_string_free(msg, TRUE);
	}
	g_string_append(s, d->n > 0 ? "\n]}\n" : "]}\n");
	return s;
}

/* --- Workers -------------------------------------------------------------- */

/* Waits for a worker's turn: 0, or -1 when the queue is full. */
static int
serve_worker_acquire(struct serve *S)
{
	g_mutex_lock(&S->queue_lock);
	if (S->running >= S->workers && S->waiting >= S->queue) {
		g_mutex_unlock(&S->queue_lock);
		return -1;
	}
	S->waiting++;
	while (S->running >= S->workers)
		g_cond_wait(&S->queue_cond, &S->queue_lock);
	S->waiting--;
	S->running++;
	g_mutex_unlock(&S->queue_lock);
	return 0;
}

static void
serve_worker_release(struct serve *S)
{
	g_mutex_lock(&S->queue_lock);
	S->running--;
	g_cond_signal(&S->queue_cond);
	g_mutex_unlock(&S->queue_lock);
}

pid_t
serve_spawn(const struct serve *S, const char *jobdir, char **args, char **env,
	    int fd_out, int fd_err, unsigned seconds, int group)
{
	GPtrArray *argv = g_ptr_array_new();
	struct rlimit data = {0, 0}, core = {0, 0};
	int have_data_limit = 0, fd_null;
	pid_t pid;
	char **a;

	/* A page's worker speaks French (its thread runs in S->french). */
	if (env == NULL)
		env = S->french != (locale_t)0 &&
			      uselocale((locale_t)0) == S->french
			  ? S->worker_env_fr
			  : S->worker_env;

	g_ptr_array_add(argv, (char *)S->exe);
	for (a = args; *a != NULL; a++)
		g_ptr_array_add(argv, *a);
	g_ptr_array_add(argv, NULL);
	if (!PP_SERVE_SANITIZED && getrlimit(RLIMIT_DATA, &data) == 0) {
		rlim_t want = (rlim_t)PP_SERVE_WORKER_MIB << 20;

		if (data.rlim_cur == RLIM_INFINITY || data.rlim_cur > want)
			data.rlim_cur = want;
		have_data_limit = 1;
	}
	fd_null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd_null < 0) {
		g_ptr_array_free(argv, TRUE);
		return -1;
	}
	/* Between fork and exec, in a process with threads: only
	 * async-signal-safe calls, everything prepared above. */
	pid = fork();
	if (pid == 0) {
		if (chdir(jobdir) != 0 || dup2(fd_null, 0) < 0 ||
		    dup2(fd_out, 1) < 0 || dup2(fd_err, 2) < 0)
			_exit(126);
		if (group)
			setpgid(0, 0);
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		setrlimit(RLIMIT_CORE, &core);
		if (have_data_limit)
			setrlimit(RLIMIT_DATA, &data);
		if (seconds > 0)
			alarm(seconds);
		execve(S->exe, (char **)argv->pdata, env);
		_exit(127);
	}
	close(fd_null);
	g_ptr_array_free(argv, TRUE);
	return pid;
}

int
serve_worker_run(struct serve *S, const char *jobdir, char **args, int *status)
{
	char *out = g_build_filename(jobdir, SERVE_WORKER_OUT, NULL);
	char *errf = g_build_filename(jobdir, SERVE_WORKER_ERR, NULL);
	long long deadline;
	int fd_out = -1, fd_err = -1, st = 0, rc = -1;
	pid_t pid;

	if (serve_worker_acquire(S) != 0) {
		g_free(out);
		g_free(errf);
		return SERVE_BUSY;
	}
	/* The pool died under the job, refused it or was given up: it runs in a
	 * new process, as without a pool. */
	if (S->pool_env != NULL &&
	    (rc = serve_pool_run(S, jobdir, args, status)) == 0)
		goto done;
	fd_out = open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fd_err = open(errf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd_out < 0 || fd_err < 0)
		goto done;
	pid = serve_spawn(S, jobdir, args, NULL, fd_out, fd_err,
			  PP_SERVE_WORKER_SECONDS, 0);
	if (pid < 0)
		goto done;
	/* alarm() kills a worker that runs too long; this is the parent's own
	 * deadline, should it ignore SIGALRM. */
	deadline = serve_now_ms() + (PP_SERVE_WORKER_SECONDS + 5) * 1000LL;
	for (;;) {
		pid_t got = waitpid(pid, &st, WNOHANG);

		if (got == pid)
			break;
		if (got < 0 && errno != EINTR)
			break;
		if (serve_now_ms() > deadline) {
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			break;
		}
		g_usleep(10000);
	}
	*status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	rc = 0;
done:
	if (fd_out >= 0)
		close(fd_out);
	if (fd_err >= 0)
		close(fd_err);
	serve_worker_release(S);
	g_free(out);
	g_free(errf);
	return rc;
}

GString *
serve_job_read(const struct serve *S, const char *jobdir, const char *name,
	       int scrub)
{
	char *path = g_build_filename(jobdir, name, NULL), *data = NULL;
	gsize len = 0;
	GString *s;

	if (!g_file_get_contents(path, &data, &len, NULL)) {
		g_free(path);
		return NULL;
	}
	g_free(path);
	s = g_string_new_len(data, (gssize)len);
	g_free(data);
	if (scrub)
		serve_scrub(S, jobdir, s);
	return s;
}

/* --- The HTTP side -------------------------------------------------------- */

static const char *
serve_status_text(unsigned status)
{
	switch (status) {
	case 400:
		return "bad request";
	case 401:
		return "authentication required";
	case 403:
		return "forbidden";
	case 404:
		return "not found";
	case 405:
		return "method not allowed";
	case 413:
		return "request body too large";
	case 415:
		return "unsupported content type";
	default:
		return "error";
	}
}

const char *
serve_header(struct serve_request *q, const char *name)
{
	return mhd.MHD_lookup_connection_value(q->conn, MHD_HEADER_KIND, name);
}

const char *
serve_arg(struct serve_request *q, const char *name)
{
	return mhd.MHD_lookup_connection_value(q->conn, MHD_GET_ARGUMENT_KIND,
					       name);
}

/* The media type of the request, without parameters, lower case. */
char *
serve_content_type(struct serve_request *q)
{
	const char *ct = serve_header(q, "Content-Type");
	char *t;

	if (ct == NULL)
		return g_strdup("");
	t = g_ascii_strdown(ct, -1);
	if (strchr(t, ';') != NULL)
		*strchr(t, ';') = '\0';
	return g_strstrip(t);
}

static int
serve_equal_secret(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i;
	unsigned char diff = la != lb;

	for (i = 0; i < la; i++)
		diff |= (unsigned char)(a[i] ^ b[i % (lb > 0 ? lb : 1)]);
	return diff == 0;
}

/* Whether the request may be served at all (--auth, --auth-header). */
static int
serve_authorised(struct serve *S, struct serve_request *q)
{
	if (strcmp(q->url, "/healthz") == 0)
		return 1;
	if (S->auth_header != NULL) {
		const char *v = serve_header(q, S->auth_header);

		return v != NULL && v[0] != '\0';
	}
	if (S->auth_token != NULL) {
		const char *v = serve_header(q, "Authorization");

		return v != NULL && g_str_has_prefix(v, "Bearer ") &&
		       serve_equal_secret(v + 7, S->auth_token);
	}
	return 1;
}

/* A state-changing request from another site's page: its Origin (sent by
 * every browser on a cross-origin POST) names another host. */
static int
serve_cross_origin(struct serve_request *q)
{
	const char *origin = serve_header(q, "Origin");
	const char *host = serve_header(q, "Host");
	const char *site = serve_header(q, "Sec-Fetch-Site");
	const char *rest;

	if (site != NULL && strcmp(site, "cross-site") == 0)
		return 1;
	if (origin == NULL)
		return 0;
	if (host == NULL || strcmp(origin, "null") == 0)
		return 1;
	if (g_str_has_prefix(origin, "http://"))
		rest = origin + 7;
	else if (g_str_has_prefix(origin, "https://"))
		rest = origin + 8;
	else
		return 1;
	return g_ascii_strcasecmp(rest, host) != 0;
}

static int
serve_changes_state(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0;
}

static void
serve_send(struct serve_request *q)
{
	struct serve_reply *r = &q->reply;
	struct MHD_Response *resp;
	size_t len = r->body != NULL ? r->body->len : 0;
	char *data = r->body != NULL ? g_string_free(r->body, FALSE) : NULL;

	r->body = NULL;
	resp = mhd.MHD_create_response_from_buffer(
	    len, data != NULL ? data : "",
	    data != NULL ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (data != NULL && resp == NULL)
		g_free(data);
	if (resp == NULL)
		return;
	mhd.MHD_add_response_header(resp, "Content-Type",
				    r->type != NULL ? r->type : "text/plain");
	mhd.MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	mhd.MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	mhd.MHD_add_response_header(resp, "Cache-Control", "no-store");
	if (r->type != NULL && g_str_has_prefix(r->type, "text/html")) {
		mhd.MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		mhd.MHD_add_response_header(
		    resp, "Content-Security-Policy",
		    "default-src 'self'; img-src 'self' blob: data:; "
		    "frame-ancestors 'none'; form-action 'self'");
	}
	if (r->status == 503)
		mhd.MHD_add_response_header(resp, "Retry-After",
					    SERVE_RETRY_AFTER);
	if (r->status == 401 && q->server->auth_token != NULL)
		mhd.MHD_add_response_header(resp, "WWW-Authenticate", "Bearer");
	if (r->location != NULL)
		mhd.MHD_add_response_header(resp, "Location", r->location);
	if (r->disposition != NULL)
		mhd.MHD_add_response_header(resp, "Content-Disposition",
					    r->disposition);
	if (r->allow != NULL)
		mhd.MHD_add_response_header(resp, "Allow", r->allow);
	mhd.MHD_queue_response(q->conn, r->status, resp);
	mhd.MHD_destroy_response(resp);
	q->sent = 1;
}

static void
serve_fail(struct serve_request *q, unsigned status)
{
	if (q->html)
		serve_page_error(q, status);
	else
		serve_reply_error(&q->reply, status, serve_status_text(status));
	serve_send(q);
}

static enum MHD_Result
serve_access(void *cls, struct MHD_Connection *conn, const char *url,
	     const char *method, const char *version, const char *upload,
	     size_t *upload_size, void **con_cls)
{
	struct serve *S = cls;
	struct serve_request *q = *con_cls;

	(void)version;
	if (q == NULL) {
		const char *cl;

		q = g_new0(struct serve_request, 1);
		q->server = S;
		q->conn = conn;
		q->start_ms = serve_now_ms();
		q->method = g_strdup(method);
		q->url = g_strdup(url);
		q->body = g_byte_array_new();
		*con_cls = q;
		g_atomic_int_inc(&S->inflight);
		q->route = serve_route_find(q);
		q->html = q->route == NULL || !g_str_has_prefix(url, "/api/");
		if (!serve_authorised(S, q)) {
			serve_fail(q, 401);
			return MHD_YES;
		}
		if (serve_changes_state(method) && serve_cross_origin(q)) {
			serve_fail(q, 403);
			return MHD_YES;
		}
		if (q->route == NULL) {
			serve_fail(q, 404);
			return MHD_YES;
		}
		if (!serve_route_allows(q->route, method)) {
			q->reply.allow = g_strdup(q->route->methods);
			serve_fail(q, 405);
			return MHD_YES;
		}
		cl = serve_header(q, "Content-Length");
		if (cl != NULL &&
		    g_ascii_strtoull(cl, NULL, 10) > q->route->max_body) {
			serve_fail(q, 413);
			return MHD_YES;
		}
		return MHD_YES;
	}
	if (q->sent) {
		*upload_size = 0; /* the rest of a refused body is dropped */
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (q->body->len + *upload_size > q->route->max_body)
			q->too_big = 1;
		else
			g_byte_array_append(q->body, (const guint8 *)upload,
					    (guint)*upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	if (q->too_big) {
		serve_fail(q, 413);
		return MHD_YES;
	}
	if (q->html && S->french != (locale_t)0) {
		/* A page: the diagnostics it shows are in French. */
		locale_t was = uselocale(S->french);

		q->route->fn(q);
		uselocale(was);
	} else {
		q->route->fn(q);
	}
	if (q->reply.status == 0)
		serve_reply_error(&q->reply, 404, serve_status_text(404));
	serve_send(q);
	return MHD_YES;
}

static void
serve_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		enum MHD_RequestTerminationCode toe)
{
	struct serve *S = cls;
	struct serve_request *q = *con_cls;

	(void)conn;
	(void)toe;
	if (q == NULL)
		return;
	{
		char *path = g_strescape(q->url, NULL);

		fprintf(stderr, "%s %s %u %lld ms\n", q->method, path,
			q->sent ? q->reply.status : 0,
			serve_now_ms() - q->start_ms);
		g_free(path);
	}
	g_free(q->method);
	g_free(q->url);
	g_byte_array_free(q->body, TRUE);
	if (q->reply.body != NULL)
		g_string_free(q->reply.body, TRUE);
	g_free(q->reply.type);
	g_free(q->reply.location);
	g_free(q->reply.disposition);
	g_free(q->reply.allow);
	g_free(q);
	*con_cls = NULL;
	g_atomic_int_dec_and_test(&S->inflight);
}

/* --- Start and stop ------------------------------------------------------- */

int
pp_serve_host_is_loopback(const char *host)
{
	struct in_addr a4;
	struct in6_addr a6;

	if (strcmp(host, "localhost") == 0)
		return 1;
	if (inet_pton(AF_INET, host, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, host, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return -1;
}

/* Splits "HOST:PORT" or "[V6]:PORT" into a socket address. */
static int
serve_parse_listen(const char *listen, struct sockaddr_storage *ss,
		   socklen_t *len, struct pp_error *err)
{
	const char *colon = strrchr(listen, ':');
	char *host;
	guint64 port;
	char *end;

	memset(ss, 0, sizeof(*ss));
	if (colon == NULL ||
	    !g_ascii_string_to_unsigned(colon + 1, 10, 0, 65535, &port, NULL)) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("--listen wants HOST:PORT, such as "
			       "127.0.0.1:8080, not \"%s\""),
			     listen);
		return -1;
	}
	host = g_strndup(listen, (gsize)(colon - listen));
	if (host[0] == '[' && (end = strchr(host, ']')) != NULL) {
		memmove(host, host + 1, strlen(host));
		*strchr(host, ']') = '\0';
	}
	if (strcmp(host, "localhost") == 0 || host[0] == '\0') {
		g_free(host);
		host = g_strdup("127.0.0.1");
	}
	if (inet_pton(AF_INET, host, &((struct sockaddr_in *)ss)->sin_addr) ==
	    1) {
		((struct sockaddr_in *)ss)->sin_family = AF_INET;
		((struct sockaddr_in *)ss)->sin_port = htons((uint16_t)port);
		*len = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET6, host,
			     &((struct sockaddr_in6 *)ss)->sin6_addr) == 1) {
		((struct sockaddr_in6 *)ss)->sin6_family = AF_INET6;
		((struct sockaddr_in6 *)ss)->sin6_port = htons((uint16_t)port);
		*len = sizeof(struct sockaddr_in6);
	} else {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("--listen: \"%s\" is not a numeric IP address"),
			     host);
		g_free(host);
		return -1;
	}
	g_free(host);
	return 0;
}

/* A random secret, as hex, for the pages' CSRF tokens. */
static char *
serve_secret(void)
{
	unsigned char raw[24];
	GString *s = g_string_new("");
	size_t i;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || read(fd, raw, sizeof(raw)) != (ssize_t)sizeof(raw)) {
		for (i = 0; i < sizeof(raw); i++)
			raw[i] = (unsigned char)g_random_int();
	}
	if (fd >= 0)
		close(fd);
	for (i = 0; i < sizeof(raw); i++)
		g_string_append_printf(s, "%02x", raw[i]);
	return g_string_free(s, FALSE);
}

/*
 * The pages' locale: French messages (LC_MESSAGES) in UTF-8 (LC_CTYPE), the
 * other categories as the process has them; its name in *name.  (locale_t)0
 * when no French locale is installed (tools/setup generates fr_FR.UTF-8).
 */
static locale_t
serve_french_locale(const char **name)
{
	static const char *const names[] = {"fr_FR.UTF-8", "fr_FR.utf8",
					    "fr_BE.UTF-8", "fr_CA.UTF-8",
					    "fr_CH.UTF-8", "fr_LU.UTF-8"};
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(names); i++) {
		locale_t base = duplocale(LC_GLOBAL_LOCALE);
		locale_t l;

		if (base == (locale_t)0)
			return (locale_t)0;
		l = newlocale(LC_MESSAGES_MASK | LC_CTYPE_MASK, names[i], base);
		if (l != (locale_t)0) {
			*name = names[i];
			return l;
		}
		freelocale(base);
	}
	return (locale_t)0;
}

int
pp_serve_run(const struct pp_serve_opts *o, struct pp_error *err)
{
	struct serve S;
	struct sockaddr_storage ss;
	socklen_t sslen = 0;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *info;
	sigset_t stop, old;
	char *work, *host;
	int sig = 0, rc = -1;
	unsigned flags;

	memset(&S, 0, sizeof(S));
	if (serve_parse_listen(o->listen, &ss, &sslen, err) != 0 ||
	    PP_DYNLIB_LOAD(&mhd_lib, MHD_FUNCS, mhd, err) != 0)
		return -1;
	S.datadir = o->datadir;
	S.data = o->data;
	S.exe = o->exe;
	S.workers = o->workers > 0 ? o->workers : 1;
	S.queue = o->queue >= 0 ? o->queue : S.workers * SERVE_QUEUE_PER_WORKER;
	S.keep_kits = o->keep_kits;
	S.auth_token = o->auth_token;
	S.auth_header = o->auth_header;
	S.csrf = serve_secret();
	g_mutex_init(&S.validate_lock);
	g_mutex_init(&S.queue_lock);
	g_cond_init(&S.queue_cond);
	/* LANGUAGE would override the pages' French (gettext reads it
	 * before the locale): the server follows LC_ALL, LC_MESSAGES and
	 * LANG only (doc/api.md).  No thread has started yet. */
	unsetenv("LANGUAGE");
	S.worker_env = g_environ_setenv(g_get_environ(), "PARAPHE_DATADIR",
					o->datadir, TRUE);
	{
		const char *fr = NULL;

		S.french = serve_french_locale(&fr);
		S.french_name = fr;
		if (S.french != (locale_t)0)
			S.worker_env_fr = g_environ_setenv(
			    g_strdupv(S.worker_env), "LC_ALL", fr, TRUE);
		else
			fprintf(stderr,
				_("paraphe serve: no French locale is "
				  "installed (fr_FR.UTF-8): the pages show "
				  "messages in the server's language\n"));
	}
	/* The pool first, before any thread starts and the database opens
	 * (it is exec'd, and every descriptor here is close-on-exec). */
	if (o->pool && serve_pool_open(&S) != 0) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("cannot start the worker processes"));
		goto fail;
	}
	S.store = pp_store_open(o->data, err);
	if (S.store == NULL || serve_kits_start(&S, err) != 0)
		goto fail;
	/* The job folders of a server that was killed. */
	work = g_build_filename(o->data, "travail", NULL);
	serve_rmtree(work);
	g_mkdir_with_parents(work, 0700);
	g_free(work);
	/* The threads MHD starts inherit this mask: only the main thread
	 * receives SIGTERM and SIGINT, in sigwait. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	signal(SIGPIPE, SIG_IGN);
	flags = MHD_USE_THREAD_PER_CONNECTION |
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = mhd.MHD_start_daemon(
	    flags, 0, NULL, NULL, serve_access, &S, MHD_OPTION_SOCK_ADDR,
	    (struct sockaddr *)&ss, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)SERVE_MAX_CONNECTIONS, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)SERVE_IDLE_SECONDS, MHD_OPTION_NOTIFY_COMPLETED,
	    serve_completed, &S, MHD_OPTION_END);
	if (d == NULL) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("cannot listen on %s (address in use, or not "
			       "this machine's)"),
			     o->listen);
		pthread_sigmask(SIG_SETMASK, &old, NULL);
		goto fail;
	}
	info = mhd.MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	host =
	    g_strndup(o->listen, (gsize)(strrchr(o->listen, ':') - o->listen));
	fprintf(stderr, _("paraphe serve: listening on http://%s:%u/\n"),
		host[0] != '\0' ? host : "127.0.0.1",
		info != NULL ? (unsigned)info->port : 0);
	g_free(host);
	fflush(stderr);
	while (sigwait(&stop, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	/* Stop accepting; the requests under way finish (a render takes at
	 * most a worker's time limit), then the database closes. */
	{
		MHD_socket ls = mhd.MHD_quiesce_daemon(d);
		long long until =
		    serve_now_ms() + (PP_SERVE_WORKER_SECONDS + 10) * 1000LL;

		if (ls != MHD_INVALID_SOCKET)
			close(ls);
		fprintf(stderr, _("paraphe serve: stopping\n"));
		while (g_atomic_int_get(&S.inflight) > 0 &&
		       serve_now_ms() < until)
			g_usleep(20000);
	}
	mhd.MHD_stop_daemon(d);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	rc = 0;
fail:
	serve_kits_stop(&S);
	serve_pool_close(&S);
	pp_store_close(S.store);
	g_strfreev(S.worker_env);
	g_strfreev(S.worker_env_fr);
	if (S.french != (locale_t)0)
		freelocale(S.french);
	g_free(S.csrf);
	g_mutex_clear(&S.validate_lock);
	g_mutex_clear(&S.queue_lock);
	g_cond_clear(&S.queue_cond);
	return rc;
}
