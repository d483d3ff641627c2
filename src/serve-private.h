/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the parts of paraphe serve share: serve.c (HTTP, workers, job
 * folders), serveapi.c (the routes of the JSON API), servepages.c (the
 * HTML pages) and servekit.c (campaign kits, page and API).
 */
#ifndef PP_SERVE_PRIVATE_H
#define PP_SERVE_PRIVATE_H

#include <glib.h>
#include <locale.h>
#include <stddef.h>
#include <sys/types.h>

#include "diag.h"
#include "store.h"
#include "value.h"

/* The names of a job folder's files. */
#define SERVE_FORM_NAME	 "formulaire.yaml"
#define SERVE_WORKER_OUT "worker.out"
#define SERVE_WORKER_ERR "worker.err"
#define SERVE_OUT_DIR	 "sortie"
/* serve_worker_run: no worker free and the queue full. */
#define SERVE_BUSY 1

/* Sanitizer builds reserve terabytes of address space: no RLIMIT_DATA. */
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define PP_SERVE_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer) ||     \
    __has_feature(thread_sanitizer)
#define PP_SERVE_SANITIZED 1
#endif
#endif
#ifndef PP_SERVE_SANITIZED
#define PP_SERVE_SANITIZED 0
#endif

struct serve {
	const char *datadir, *data, *exe;
	int workers, queue;
	int keep_kits; /* days a finished kit is kept (servekit.c); 0: ever */
	const char *auth_token, *auth_header;
	char *csrf; /* the pages' CSRF token, random at each start */
	char **worker_env;
	/* The pages are in French whatever the server's locale: their
	 * requests run under this locale (LC_MESSAGES, LC_CTYPE; (locale_t)0
	 * when no French locale is installed), their workers with
	 * worker_env_fr. */
	locale_t french;
	const char *french_name; /* its name, "fr_FR.UTF-8"; or NULL */
	char **worker_env_fr;
	struct pp_store *store;
	GMutex validate_lock;
	GMutex queue_lock;
	GCond queue_cond;
	int running, waiting;	 /* workers busy, requests waiting for one */
	int inflight;		 /* requests under way (atomic) */
	struct serve_kits *kits; /* the campaign kits under way (servekit.c) */
	/* The pre-loaded worker pool (servepool.c), when pool_env != NULL. */
	char **pool_env; /* worker_env, and the pool's socket */
	GMutex pool_lock;
	int pool_fd;
	pid_t pool_pid;
	/* Pools that died in a row without answering a job between (a
	 * warm-up that crashes, a pool killed again and again): at
	 * SERVE_POOL_DEATHS_MAX, pool_off and each job runs exec'd until
	 * pool_retry_ms (monotonic), when one pool is tried again. */
	unsigned pool_deaths;
	int pool_off;
	long long pool_retry_ms;
};

struct serve_reply {
	unsigned status;
	char *type;
	GString *body;
	char *location, *disposition, *allow;
};

struct serve_request;

struct serve_route {
	/* "/api/v1/drafts/#/files/$": '#' a number, '$' a file name */
	const char *pattern;
	const char *methods; /* "GET, PUT" */
	size_t max_body;
	void (*fn)(struct serve_request *q);
};

struct serve_request {
	struct serve *server;
	struct MHD_Connection *conn;
	long long start_ms;
	char *method, *url;
	GByteArray *body;
	const struct serve_route *route;
	gint64 num[2];	/* the numbers the route's '#' matched */
	char name[128]; /* what its '$' matched */
	int html;	/* errors as pages, not JSON */
	int sent, too_big;
	struct serve_reply reply;
};

/* serve.c */
void serve_reply_set(struct serve_reply *r, unsigned status, const char *type,
		     GString *body);
void serve_reply_error(struct serve_reply *r, unsigned status,
		       const char *message);
void serve_json_string(GString *s, const char *v);
/* Appends text escaped for HTML. */
void serve_html_escape(GString *s, const char *text);
void serve_scrub(const struct serve *S, const char *jobdir, GString *text);
const char *serve_header(struct serve_request *q, const char *name);
const char *serve_arg(struct serve_request *q, const char *name);
char *serve_content_type(struct serve_request *q);
/* A fresh job folder under the data folder (serve_job_free removes it). */
char *serve_job_new(const struct serve *S);
void serve_job_free(char *jobdir);
/* Removes a folder and what it holds. */
void serve_rmtree_public(const char *dir);
int serve_job_write(const char *jobdir, const char *name, const void *data,
		    size_t len);
/* A job file's text (scrubbed of server folders when scrub), or NULL. */
GString *serve_job_read(const struct serve *S, const char *jobdir,
			const char *name, int scrub);
/* Validates jobdir's form against model (NULL: the form's own list). */
size_t serve_validate(struct serve *S, const char *jobdir, const char *model,
		      struct pp_diags *d);
/* The same, keeping the form read (NULL when it could not be; the
 * caller frees it with pp_form_free). */
struct pp_form;
size_t serve_validate_keep(struct serve *S, const char *jobdir,
			   const char *model, struct pp_diags *d,
			   struct pp_form **keep);
GString *serve_diags_json(const struct serve *S, const char *jobdir,
			  const struct pp_diags *d, size_t errors);
/* Forks "paraphe ARGS..." in jobdir with env (NULL: the workers'),
 * stdin /dev/null, its output to fd_out and fd_err, under a worker's
 * memory limit (and an alarm after seconds when > 0; in a process group of
 * its own when group): its pid, or -1. */
pid_t serve_spawn(const struct serve *S, const char *jobdir, char **args,
		  char **env, int fd_out, int fd_err, unsigned seconds,
		  int group);
/* Milliseconds on the monotonic clock. */
long long serve_now_ms(void);
/* The pre-loaded worker pool (servepool.c): started with the server
 * (-1 when it cannot be), stopped with it.  serve_pool_run runs one job
 * as serve_worker_run does (the queue is the caller's): 0 with its exit
 * status in status (-1 when killed), or -1 when the pool died before or
 * under it, or was given up (the caller then runs the job exec'd; a new
 * pool is started for the next request, unless SERVE_POOL_DEATHS_MAX
 * pools in a row died without answering a job; then one pool is tried
 * again SERVE_POOL_RETRY_SECONDS later).  A job the pool could not
 * start (its fork failed) runs exec'd too, the pool kept. */
#define SERVE_POOL_DEATHS_MAX	 3
#define SERVE_POOL_RETRY_SECONDS 600
int serve_pool_open(struct serve *S);
void serve_pool_close(struct serve *S);
int serve_pool_run(struct serve *S, const char *jobdir, char **args,
		   int *status);
/* Runs "paraphe ARGS..." in jobdir as a worker (limits, queue); 0 with
 * its exit status in status (-1 when killed), SERVE_BUSY, or -1 when it
 * could not start.  Its output is in jobdir's SERVE_WORKER_OUT/ERR; its
 * messages in French when the calling thread is a page's (S->french). */
int serve_worker_run(struct serve *S, const char *jobdir, char **args,
		     int *status);

/* serveapi.c */
const struct serve_route *serve_route_find(struct serve_request *q);
int serve_route_allows(const struct serve_route *r, const char *method);
/* Renders jobdir's form as model in format (page: the PNG's page) into
 * q's reply: the file, 422 with the diagnostics, or 503. */
void serve_render_job(struct serve_request *q, const char *jobdir,
		      const char *model, const char *format, int page);
/* Whether name is a model a form may ask for. */
int serve_model_ok(struct serve *S, const char *name);
/* "convention", "fiche-projet" or both, from a list separated by commas
 * (NULL or "": convention); NULL when it names anything else. */
char **serve_models_parse(struct serve *S, const char *list);
/* A new draft of models: yaml, or else the blank form (the filled example
 * when example); its id, <= 0 with err filled. */
gint64 serve_draft_create(struct serve *S, const char *name, char **models,
			  int example, const char *yaml, struct pp_error *err);
/* A job folder holding draft id's form and files (and the draft, when
 * draft is not NULL); NULL with q's reply set. */
char *serve_draft_job(struct serve_request *q, gint64 id,
		      struct pp_draft **draft);

/* servekit.c */
/* Marks the kits a killed server left running as interrupted; -1 with err
 * when the database cannot be used. */
int serve_kits_start(struct serve *S, struct pp_error *err);
/* Stops the kits under way (marked interrupted) and waits for them. */
void serve_kits_stop(struct serve *S);
void serve_kit_api_post(struct serve_request *q);
void serve_kit_api_list(struct serve_request *q);
void serve_kit_api_get(struct serve_request *q);
void serve_kit_api_zip(struct serve_request *q);
void serve_kit_api_manifest(struct serve_request *q);
void serve_kit_page_list(struct serve_request *q);
void serve_kit_page_job(struct serve_request *q);
void serve_kit_page_delete(struct serve_request *q);
void serve_kit_page_css(struct serve_request *q);
void serve_kit_page_js(struct serve_request *q);

/* servebody.c */
/* The fields (name -> value, both UTF-8) of an urlencoded body, at most
 * 5000; their names in the body's order appended to order when not NULL. */
GHashTable *serve_body_fields(const void *data, size_t len, GPtrArray *order);
/* The parts (name -> GBytes) of a multipart/form-data body whose
 * Content-Type is ct (may be NULL: no part), at most 16. */
GHashTable *serve_body_multipart(const char *ct, const void *data, size_t len);
/* One part of a multipart/form-data body. */
struct serve_part {
	char *name;	/* its field's name */
	char *filename; /* the file's name as the client sent it, or NULL */
	GBytes *data;
};
/* The parts of such a body in order (struct serve_part), or NULL when it
 * has more than max. */
GPtrArray *serve_body_parts(const char *ct, const void *data, size_t len,
			    size_t max);
void serve_part_free(void *part);

/* serveform.c */
/* Appends the edit form's fields for models, filled from form (may be
 * NULL), with the escaped HTML of messages (path -> GString) beside each
 * field; fills labels (when not NULL) with each path's name for people.
 * -1 with err filled when a model cannot be loaded. */
int serve_form_html(GString *out, struct serve *S, char **models,
		    const struct pp_value *form, GHashTable *messages,
		    GHashTable *labels, struct pp_error *err);
/* The YAML form the fields (name -> value, as the edit form sends them,
 * their names in order) describe; NULL with err filled. */
char *serve_form_yaml(struct serve *S, char **models, GHashTable *fields,
		      GPtrArray *order, struct pp_error *err);

/* servecheck.c */
/* Appends the charter report of the check page: json, the output of
 * "paraphe check --format json" (NULL: it could not be read), with the
 * PDF's thumbnails from thumbdir and its findings drawn on them when pdf. */
void serve_check_report(GString *s, const GString *json, const char *thumbdir,
			int pdf);

/* servepages.c */
/* A page's start, up to its h1 title; head (may be NULL) is added to its
 * <head>.  serve_page_end closes it into q's reply. */
GString *serve_page_begin(const char *title, const char *head);
void serve_page_end(struct serve_request *q, unsigned status, GString *s);
void serve_page_error(struct serve_request *q, unsigned status);
void serve_page_home(struct serve_request *q);
void serve_page_create(struct serve_request *q);
void serve_page_css(struct serve_request *q);
void serve_page_js(struct serve_request *q);
void serve_page_draft(struct serve_request *q);
void serve_page_verify(struct serve_request *q);
void serve_page_yaml(struct serve_request *q);
void serve_page_history(struct serve_request *q);
void serve_page_action(struct serve_request *q);
void serve_page_preview(struct serve_request *q);
void serve_page_download(struct serve_request *q);
void serve_page_check(struct serve_request *q);

#endif
