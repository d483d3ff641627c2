/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: campaign kits, the "Campagnes" page and /api/v1/kits
 * (doc/api.md).  A campaign file is uploaded with the files it names (its
 * partner table, logos, partner forms, annexes), by their names only:
 * they are written, and nothing else, into the kit's own folder of the
 * data folder, DATA/campagnes/ID/entree, which is all the kit may read
 * (the kit's confinement, confine.h, roots it there).  "paraphe kit" runs
 * there in the background as a child process with the workers' memory
 * limit; its progress lines give the partners done, its manifest the
 * summary, and the kit folder becomes a reproducible ZIP.  The kits'
 * states are in the database (store.h), so they are listed after a
 * restart, and one a server stopped or lost is shown as interrupted.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "csvin.h"
#include "odtzip.h"
#include "paraphe.h"
#include "serve-private.h"
#include "serve.h"
#include "store.h"
#include "yamlin.h"

/* The folder of the kits in the data folder, and each kit's parts. */
#define KIT_ROOT     "campagnes"
#define KIT_IN	     "entree"
#define KIT_OUT	     "sortie"
#define KIT_LOG	     "kit.err"
#define KIT_STDOUT   "kit.out"
#define KIT_ZIP	     "kit.zip"
#define KIT_ZIP_DATE "kit.date"
/* Seconds between two looks at a running kit's progress (ms). */
#define KIT_POLL_MS 100

struct kit_job {
	struct serve *S;
	gint64 id;
	char *dir;  /* DATA/campagnes/ID */
	char *file; /* the campaign file's name in entree/ */
	GThread *thread;
	pid_t pid; /* the kit's process (its group), 0 when none */
	int finished;
};

struct serve_kits {
	GMutex lock;
	GPtrArray *jobs; /* struct kit_job, running or not yet joined */
	int stopping;
	char **env;   /* the kit's: the workers', with French messages */
	gint64 swept; /* when kit_expire last looked (monotonic, µs) */
};

/* kit_expire looks at most this often, in seconds, but at start: a kit's
 * page is asked for every second or so while it runs. */
#define KIT_EXPIRE_EVERY 60

/* Builds one ZIP at a time: libzip is opened on first use (dynlib.h). */
static GMutex kit_zip_lock;

static void
kit_job_free(struct kit_job *j)
{
	g_free(j->dir);
	g_free(j->file);
	g_free(j);
}

static char *
kit_dir(const struct serve *S, gint64 id)
{
	char *n = g_strdup_printf("%" G_GINT64_FORMAT, id);
	char *d = g_build_filename(S->data, KIT_ROOT, n, NULL);

	g_free(n);
	return d;
}

/* The kit's environment: its messages (the partners' warnings and errors,
 * a table's mistakes) are shown on French pages, so they are in French,
 * whatever the server's own language.  LANGUAGE is ignored in the C
 * locale: then C.UTF-8 is used, which changes nothing else. */
static char **
kit_env(char **worker_env)
{
	char **env = g_strdupv(worker_env);
	const char *m = g_environ_getenv(env, "LC_ALL");

	if (m == NULL || m[0] == '\0')
		m = g_environ_getenv(env, "LC_MESSAGES");
	if (m == NULL || m[0] == '\0')
		m = g_environ_getenv(env, "LANG");
	if (m == NULL || m[0] == '\0' || strcmp(m, "C") == 0 ||
	    strcmp(m, "POSIX") == 0)
		env = g_environ_setenv(env, "LC_ALL", "C.UTF-8", TRUE);
	return g_environ_setenv(env, "LANGUAGE", "fr", TRUE);
}

/* When kit k goes (--keep-kits days after it ended), in the store's
 * format ("YYYY-MM-DD HH:MM:SS", UTC); NULL while it runs, when kits are
 * kept until deleted, or for a date the store did not write. */
static char *
kit_expiry(const struct serve *S, const struct pp_kit_job *k)
{
	int y, mo, d, h, mi, se;
	GDateTime *t, *e;
	char *s;

	if (S->keep_kits <= 0 || strcmp(k->state, "running") == 0 ||
	    sscanf(k->updated, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi,
		   &se) != 6)
		return NULL;
	t = g_date_time_new_utc(y, mo, d, h, mi, se);
	if (t == NULL)
		return NULL;
	e = g_date_time_add_days(t, S->keep_kits);
	s = e != NULL ? g_date_time_format(e, "%Y-%m-%d %H:%M:%S") : NULL;
	if (e != NULL)
		g_date_time_unref(e);
	g_date_time_unref(t);
	return s;
}

/* Deletes the kits, and their folders, whose time has come
 * (--keep-kits): at start (now_anyway), then before a kit starts and
 * before kits are listed or shown, once a KIT_EXPIRE_EVERY at most.  A
 * kit running is never deleted. */
static void
kit_expire(struct serve *S, int now_anyway)
{
	struct serve_kits *K = S->kits;
	GDateTime *now_t;
	char *now;
	struct pp_error err;
	GPtrArray *a;
	guint i;
	gint64 t = g_get_monotonic_time();
	int skip;

	if (S->keep_kits <= 0)
		return;
	g_mutex_lock(&K->lock);
	skip = !now_anyway && K->swept != 0 &&
	       t - K->swept < KIT_EXPIRE_EVERY * G_USEC_PER_SEC;
	if (!skip)
		K->swept = t;
	g_mutex_unlock(&K->lock);
	if (skip)
		return;
	pp_error_init(&err);
	a = pp_store_kit_list(S->store, &err);
	if (a == NULL)
		return; /* the database is busy: next time */
	now_t = g_date_time_new_now_utc();
	now = g_date_time_format(now_t, "%Y-%m-%d %H:%M:%S");
	g_date_time_unref(now_t);
	for (i = 0; i < a->len; i++) {
		const struct pp_kit_job *k = a->pdata[i];
		char *when = kit_expiry(S, k), *dir;

		if (when != NULL && strcmp(when, now) <= 0 &&
		    pp_store_kit_delete(S->store, k->id, &err) == 1) {
			dir = kit_dir(S, k->id);
			serve_rmtree_public(dir);
			g_free(dir);
		}
		g_free(when);
	}
	g_free(now);
	g_ptr_array_free(a, TRUE);
}

int
serve_kits_start(struct serve *S, struct pp_error *err)
{
	S->kits = g_new0(struct serve_kits, 1);
	g_mutex_init(&S->kits->lock);
	S->kits->jobs = g_ptr_array_new();
	S->kits->env = kit_env(S->worker_env_fr != NULL ? S->worker_env_fr
							: S->worker_env);
	if (pp_store_kit_interrupt_all(S->store, err) < 0)
		return -1;
	kit_expire(S, 1);
	return 0;
}

void
serve_kits_stop(struct serve *S)
{
	struct serve_kits *K = S->kits;
	guint i;

	if (K == NULL)
		return;
	g_mutex_lock(&K->lock);
	K->stopping = 1;
	for (i = 0; i < K->jobs->len; i++) {
		struct kit_job *j = K->jobs->pdata[i];

		if (j->pid > 0)
			kill(-j->pid, SIGKILL);
	}
	g_mutex_unlock(&K->lock);
	/* Each thread sees its kit killed, records it as interrupted and
	 * ends. */
	for (i = 0; i < K->jobs->len; i++) {
		struct kit_job *j = K->jobs->pdata[i];

		g_thread_join(j->thread);
		kit_job_free(j);
	}
	g_ptr_array_free(K->jobs, TRUE);
	g_strfreev(K->env);
	g_mutex_clear(&K->lock);
	g_free(K);
	S->kits = NULL;
}

/* --- The kit's run ----------------------------------------------------------
 */

/* done/total from the last progress line ("12/40 partner-id") of the
 * kit's messages; 0 when there is none yet. */
static int
kit_progress_line(const char *line, gint64 *done, gint64 *total)
{
	unsigned long long a, b;
	char sp;

	if (sscanf(line, "%llu/%llu%c", &a, &b, &sp) == 3 && sp == ' ' &&
	    a <= b && b > 0) {
		*done = (gint64)a;
		*total = (gint64)b;
		return 1;
	}
	return 0;
}

/* The kit's messages but its progress lines (and, when drop_partners,
 * the failures of partners, which the manifest gives), scrubbed of the
 * server's folders. */
static char *
kit_messages(struct serve *S, const char *dir, int drop_partners)
{
	char *in = g_build_filename(dir, KIT_IN, NULL);
	GString *log = serve_job_read(S, dir, KIT_LOG, 0), *out;
	char **lines;
	size_t i;
	gint64 a, b;

	if (log == NULL) {
		g_free(in);
		return g_strdup("");
	}
	serve_scrub(S, in, log);
	out = g_string_new("");
	lines = g_strsplit(log->str, "\n", 0);
	for (i = 0; lines[i] != NULL; i++) {
		int indented = lines[i][0] == ' ';
		int heads = lines[i + 1] != NULL && lines[i + 1][0] == ' ';

		if (lines[i][0] == '\0' || kit_progress_line(lines[i], &a, &b))
			continue;
		if (drop_partners && (indented || heads))
			continue;
		g_string_append_printf(out, "%s\n", lines[i]);
	}
	g_strfreev(lines);
	g_string_free(log, TRUE);
	g_free(in);
	return g_string_free(out, FALSE);
}

/* The one campaign folder the kit wrote in sortie/, or NULL. */
static char *
kit_campaign(const char *dir)
{
	char *out = g_build_filename(dir, KIT_OUT, NULL);
	GDir *d = g_dir_open(out, 0, NULL);
	const char *name;
	char *found = NULL;

	while (d != NULL && (name = g_dir_read_name(d)) != NULL) {
		char *p = g_build_filename(out, name, "manifest.json", NULL);

		if (found == NULL && g_file_test(p, G_FILE_TEST_IS_REGULAR))
			found = g_strdup(name);
		g_free(p);
	}
	if (d != NULL)
		g_dir_close(d);
	g_free(out);
	return found;
}

static gint
kit_strcmp(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the files under folder to z as prefix/..., in name order. */
static int
kit_zip_folder(struct pp_odtzip *z, const char *folder, const char *prefix)
{
	GDir *d = g_dir_open(folder, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *name;
	guint i;
	int rc = 0;

	if (d == NULL)
		return -1;
	while ((name = g_dir_read_name(d)) != NULL)
		if (name[0] != '.')
			g_ptr_array_add(names, g_strdup(name));
	g_dir_close(d);
	g_ptr_array_sort(names, kit_strcmp);
	for (i = 0; rc == 0 && i < names->len; i++) {
		char *path = g_build_filename(folder, names->pdata[i], NULL);
		char *entry = g_strconcat(prefix, "/", names->pdata[i], NULL);
		char *data = NULL;
		gsize len = 0;

		if (g_file_test(path, G_FILE_TEST_IS_SYMLINK)) {
			/* never followed */
		} else if (g_file_test(path, G_FILE_TEST_IS_DIR)) {
			rc = kit_zip_folder(z, path, entry);
		} else if (!g_file_get_contents(path, &data, &len, NULL)) {
			rc = -1;
		} else {
			/* Packages and images are compressed already. */
			int stored = g_str_has_suffix(entry, ".odt") ||
				     g_str_has_suffix(entry, ".docx") ||
				     g_str_has_suffix(entry, ".png");

			rc = pp_odtzip_add(z, entry, data, len,
					   stored ? PP_ODTZIP_STORE
						  : PP_ODTZIP_DEFLATE);
		}
		g_free(data);
		g_free(path);
		g_free(entry);
	}
	g_ptr_array_free(names, TRUE);
	return rc;
}

/* Rewrites a file of the kit's index without the server's folders. */
static void
kit_scrub_file(struct serve *S, const char *dir, const char *kitdir,
	       const char *name)
{
	char *in = g_build_filename(dir, KIT_IN, NULL);
	GString *s = serve_job_read(S, kitdir, name, 0);

	if (s != NULL) {
		serve_scrub(S, in, s);
		serve_job_write(kitdir, name, s->str, s->len);
		g_string_free(s, TRUE);
	}
	g_free(in);
}

/* The kit folder as dir/kit.zip: its folder layout under the campaign's
 * id, entries in name order, every entry dated with the campaign's date:
 * the same kit gives the same bytes. */
static int
kit_zip(struct serve *S, const char *dir, const char *campaign)
{
	char *kitdir = g_build_filename(dir, KIT_OUT, campaign, NULL);
	char *zip = g_build_filename(dir, KIT_ZIP, NULL);
	GString *date = serve_job_read(S, dir, KIT_ZIP_DATE, 0);
	struct pp_error err;
	struct pp_odtzip *z;
	int rc = -1;

	kit_scrub_file(S, dir, kitdir, "manifest.json");
	kit_scrub_file(S, dir, kitdir, "recapitulatif.csv");
	pp_error_init(&err);
	g_mutex_lock(&kit_zip_lock);
	z = pp_odtzip_open(zip, "ZIP", NULL,
			   date != NULL ? date->str : "1980-01-01T00:00:00Z",
			   &err);
	if (z != NULL) {
		if (kit_zip_folder(z, kitdir, campaign) != 0)
			pp_odtzip_discard(z);
		else
			rc = pp_odtzip_close(z, &err);
	}
	g_mutex_unlock(&kit_zip_lock);
	if (rc != 0)
		fprintf(stderr, "paraphe serve: kit %s: %s\n", campaign,
			err.set ? err.message : "zip");
	if (date != NULL)
		g_string_free(date, TRUE);
	g_free(kitdir);
	g_free(zip);
	return rc;
}

static void
kit_finish(struct kit_job *j, const char *state, const char *campaign,
	   const char *message)
{
	struct pp_error err;

	pp_error_init(&err);
	if (pp_store_kit_finish(j->S->store, j->id, state, campaign, message,
				&err) < 0)
		fprintf(stderr, "paraphe serve: %s\n", err.message);
}

/* Records the progress the kit's messages (log) give, when it changed;
 * last is when it last did. */
static void
kit_progress(struct kit_job *j, const char *log, gint64 *done, gint64 *total,
	     gint64 *last)
{
	char *text = NULL, **lines;
	gint64 d = *done, t = *total;
	size_t i;

	if (!g_file_get_contents(log, &text, NULL, NULL))
		return;
	lines = g_strsplit(text, "\n", 0);
	for (i = 0; lines[i] != NULL; i++)
		kit_progress_line(lines[i], &d, &t);
	if (d != *done || t != *total) {
		struct pp_error err;

		pp_error_init(&err);
		*done = d;
		*total = t;
		*last = g_get_monotonic_time();
		if (pp_store_kit_progress(j->S->store, j->id, d, t, &err) < 0)
			fprintf(stderr, "paraphe serve: %s\n", err.message);
	}
	g_strfreev(lines);
	g_free(text);
}

/* The kit's thread: runs paraphe kit, follows its progress, then makes
 * the ZIP and records the outcome. */
static gpointer
kit_thread(gpointer data)
{
	struct kit_job *j = data;
	struct serve *S = j->S;
	struct serve_kits *K = S->kits;
	char *in = g_build_filename(j->dir, KIT_IN, NULL);
	char *log = g_build_filename(j->dir, KIT_LOG, NULL);
	char *outf = g_build_filename(j->dir, KIT_STDOUT, NULL);
	char *jobs = g_strdup_printf("%d", S->workers);
	char *args[] = {"kit", j->file, "-o", "../" KIT_OUT, "-j", jobs, NULL};
	gint64 done = 0, total = 0, last = g_get_monotonic_time();
	int fd_out, fd_err, st = 0, stopped;
	pid_t pid = -1;

	fd_out = open(outf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	fd_err = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	g_mutex_lock(&K->lock);
	if (!K->stopping && fd_out >= 0 && fd_err >= 0)
		pid = j->pid =
		    serve_spawn(S, in, args, K->env, fd_out, fd_err, 0, 1);
	g_mutex_unlock(&K->lock);
	while (pid > 0) {
		siginfo_t info;

		/* Ended (not reaped yet: its process group cannot be another's
		 * while it is a zombie), or the server is gone. */
		memset(&info, 0, sizeof(info));
		if (waitid(P_PID, (id_t)pid, &info,
			   WEXITED | WNOHANG | WNOWAIT) != 0 &&
		    errno != EINTR)
			break;
		kit_progress(j, log, &done, &total, &last);
		if (info.si_pid == pid)
			break;
		g_usleep(KIT_POLL_MS * 1000);
		/* Each partner has a render's time limit: a kit that finishes
		 * no partner for twice that long is stopped. */
		if (g_get_monotonic_time() - last >
		    (gint64)PP_SERVE_WORKER_SECONDS * G_USEC_PER_SEC * 2)
			kill(-pid, SIGKILL);
	}
	if (pid > 0) {
		/* Its workers, should any be left, then the kit itself. */
		kill(-pid, SIGKILL);
		g_mutex_lock(&K->lock);
		j->pid = 0;
		g_mutex_unlock(&K->lock);
		while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
			;
	}
	if (fd_out >= 0)
		close(fd_out);
	if (fd_err >= 0)
		close(fd_err);
	g_mutex_lock(&K->lock);
	stopped = K->stopping;
	g_mutex_unlock(&K->lock);
	if (stopped) {
		kit_finish(j, "interrupted", "", "");
	} else if (pid > 0 && WIFEXITED(st) &&
		   (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 1)) {
		char *campaign = kit_campaign(j->dir);
		char *msg = kit_messages(S, j->dir, 1);

		if (campaign == NULL || kit_zip(S, j->dir, campaign) != 0)
			kit_finish(j, "failed",
				   campaign != NULL ? campaign : "",
				   "Le ZIP du kit n’a pas pu être écrit.");
		else
			kit_finish(j, "done", campaign, msg);
		g_free(campaign);
		g_free(msg);
	} else if (pid > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 2) {
		char *msg = kit_messages(S, j->dir, 0);

		kit_finish(j, "failed", "", msg);
		g_free(msg);
	} else {
		kit_finish(j, "failed", "",
			   "Le kit n’a pas pu être préparé dans les limites "
			   "du serveur (mémoire, durée).");
	}
	g_mutex_lock(&K->lock);
	j->finished = 1;
	g_mutex_unlock(&K->lock);
	g_free(in);
	g_free(log);
	g_free(outf);
	g_free(jobs);
	return NULL;
}

/* --- The upload ----------------------------------------------------------- */

struct kit_upload {
	GPtrArray *parts;	 /* every part */
	struct serve_part *yaml; /* the campaign file */
	GPtrArray *files;	 /* the other files (struct serve_part *) */
	GHashTable *names;	 /* their names */
	char *date;		 /* the ZIP's date, from the campaign */
	unsigned status;	 /* 0, or the answer to give */
	GString *why;		 /* its message, in French */
};

static void
kit_upload_fini(struct kit_upload *u)
{
	if (u->parts != NULL)
		g_ptr_array_free(u->parts, TRUE);
	if (u->files != NULL)
		g_ptr_array_free(u->files, TRUE);
	if (u->names != NULL)
		g_hash_table_destroy(u->names);
	g_free(u->date);
	g_string_free(u->why, TRUE);
}

static int kit_refuse(struct kit_upload *u, unsigned status, const char *fmt,
		      ...) G_GNUC_PRINTF(3, 4);

static int
kit_refuse(struct kit_upload *u, unsigned status, const char *fmt, ...)
{
	va_list ap;

	if (u->status != 0)
		return -1;
	u->status = status;
	va_start(ap, fmt);
	g_string_vprintf(u->why, fmt, ap);
	va_end(ap);
	return -1;
}

/* The base name of a part's file name (browsers may send a path). */
static const char *
kit_base_name(const struct serve_part *p)
{
	const char *n = p->filename, *s;

	if (n == NULL)
		return NULL;
	if ((s = strrchr(n, '/')) != NULL)
		n = s + 1;
	if ((s = strrchr(n, '\\')) != NULL)
		n = s + 1;
	return n;
}

static int
kit_has_suffix(const char *name, const char *const *suffixes)
{
	char *low = g_ascii_strdown(name, -1);
	int ok = 0;

	for (; *suffixes != NULL; suffixes++)
		if (g_str_has_suffix(low, *suffixes))
			ok = 1;
	g_free(low);
	return ok;
}

static const char *const kit_yaml_suffixes[] = {".yaml", ".yml", NULL};
static const char *const kit_file_suffixes[] = {
    ".csv", ".svg", ".png", ".jpg", ".jpeg", ".yaml", ".yml", ".md", NULL};

/* Whether data looks like the type its name says: text for tables,
 * forms, SVG and Markdown; the signature of PNG and JPEG. */
static int
kit_content_ok(const char *name, GBytes *b)
{
	gsize len;
	const guint8 *d = g_bytes_get_data(b, &len);

	if (kit_has_suffix(name, (const char *const[]){".png", NULL}))
		return len >= 8 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0;
	if (kit_has_suffix(name, (const char *const[]){".jpg", ".jpeg", NULL}))
		return len >= 3 && memcmp(d, "\xff\xd8\xff", 3) == 0;
	return len == 0 || memchr(d, 0, len) == NULL;
}

/* Sorts the parts into the campaign file and the files it names,
 * checking their number, sizes, names and types. */
static int
kit_upload_read(struct serve_request *q, struct kit_upload *u)
{
	char *ct = serve_content_type(q);
	guint i;

	u->why = g_string_new("");
	u->files = g_ptr_array_new();
	u->names = g_hash_table_new(g_str_hash, g_str_equal);
	if (strcmp(ct, "multipart/form-data") != 0) {
		g_free(ct);
		return kit_refuse(u, 415,
				  "Envoyez la campagne en multipart/form-data "
				  "(un champ « campagne » et les fichiers).");
	}
	g_free(ct);
	u->parts =
	    serve_body_parts(serve_header(q, "Content-Type"), q->body->data,
			     q->body->len, PP_SERVE_KIT_MAX_FILES + 8);
	if (u->parts == NULL)
		return kit_refuse(u, 413,
				  "Trop de fichiers : %u au plus avec la "
				  "campagne.",
				  PP_SERVE_KIT_MAX_FILES);
	for (i = 0; i < u->parts->len; i++) {
		struct serve_part *p = u->parts->pdata[i];
		const char *name = kit_base_name(p);
		gsize len = g_bytes_get_size(p->data);

		if (name == NULL || name[0] == '\0')
			continue; /* a field, or an empty file input */
		if (strcmp(p->name, "campagne") == 0) {
			if (u->yaml != NULL)
				return kit_refuse(u, 422,
						  "Déposez un seul fichier "
						  "de campagne.");
			u->yaml = p;
			continue;
		}
		if (u->files->len + 1 >= PP_SERVE_KIT_MAX_FILES)
			return kit_refuse(u, 413,
					  "Trop de fichiers : %u au plus "
					  "avec la campagne.",
					  PP_SERVE_KIT_MAX_FILES);
		if (!pp_store_file_name_ok(name) ||
		    !kit_has_suffix(name, kit_file_suffixes))
			return kit_refuse(
			    u, 415,
			    "« %s » n’est pas accepté : déposez le tableau "
			    "(.csv), les logos (.svg, .png, .jpg), les "
			    "formulaires (.yaml) et les annexes (.md), "
			    "nommés de lettres, chiffres, points, tirets.",
			    name);
		if (len >
		    (kit_has_suffix(name, (const char *const[]){".csv", NULL})
			 ? PP_SERVE_KIT_MAX_TABLE
			 : PP_SERVE_KIT_MAX_FILE))
			return kit_refuse(
			    u, 413,
			    "« %s » est trop volumineux : %u Mo au "
			    "plus pour un tableau, %u Mo pour un "
			    "autre fichier.",
			    name, PP_SERVE_KIT_MAX_TABLE >> 20,
			    PP_SERVE_KIT_MAX_FILE >> 20);
		if (!kit_content_ok(name, p->data))
			return kit_refuse(u, 415,
					  "« %s » n’est pas ce que son nom "
					  "annonce (texte, PNG ou JPEG).",
					  name);
		if (g_hash_table_contains(u->names, name))
			return kit_refuse(u, 422,
					  "« %s » est déposé deux fois.", name);
		g_hash_table_add(u->names, (char *)name);
		g_ptr_array_add(u->files, p);
	}
	if (u->yaml == NULL)
		return kit_refuse(u, 422,
				  "Choisissez le fichier de campagne "
				  "(YAML).");
	if (!kit_has_suffix(kit_base_name(u->yaml), kit_yaml_suffixes) ||
	    !pp_store_file_name_ok(kit_base_name(u->yaml)) ||
	    !kit_content_ok("campagne.yaml", u->yaml->data))
		return kit_refuse(u, 415,
				  "Le fichier de campagne doit être un "
				  "fichier YAML (.yaml), nommé de lettres, "
				  "chiffres, points et tirets.");
	if (g_bytes_get_size(u->yaml->data) > PP_SERVE_MAX_FORM)
		return kit_refuse(u, 413,
				  "Le fichier de campagne est trop "
				  "volumineux : %u Mo au plus.",
				  PP_SERVE_MAX_FORM >> 20);
	if (g_hash_table_contains(u->names, kit_base_name(u->yaml)))
		return kit_refuse(u, 422, "« %s » est déposé deux fois.",
				  kit_base_name(u->yaml));
	return 0;
}

/* The keys whose values name files (models/campagne/schema.yaml and
 * the forms' types). */
static int
kit_file_key(const char *key)
{
	if (strrchr(key, '.') != NULL)
		key = strrchr(key, '.') + 1;
	return strcmp(key, "fichier_formulaire") == 0 ||
	       strcmp(key, "fichier") == 0 || strcmp(key, "ref") == 0 ||
	       strcmp(key, "artwork_bloc_marque") == 0 ||
	       strcmp(key, "partenaires") == 0;
}

/* Every file v names must be an uploaded file, by its name alone. */
static int
kit_names_ok(struct kit_upload *u, const char *where, const struct pp_value *v)
{
	size_t i;

	if (v == NULL)
		return 0;
	if (v->kind == PP_VALUE_LIST) {
		for (i = 0; i < v->u.list.n; i++)
			if (kit_names_ok(u, where, v->u.list.items[i]) != 0)
				return -1;
		return 0;
	}
	if (v->kind != PP_VALUE_MAP)
		return 0;
	for (i = 0; i < v->u.map.n; i++) {
		const struct pp_map_entry *e = &v->u.map.items[i];
		const char *s;

		if (!kit_file_key(e->key) ||
		    e->value->kind != PP_VALUE_STRING) {
			if (kit_names_ok(u, where, e->value) != 0)
				return -1;
			continue;
		}
		s = e->value->u.str.s;
		if (strchr(s, '/') != NULL || strchr(s, '\\') != NULL ||
		    !pp_store_file_name_ok(s))
			return kit_refuse(
			    u, 422,
			    "%s, ligne %d : « %s » n’est pas le nom d’un "
			    "fichier déposé. Nommez le tableau, les logos et "
			    "les formulaires par leur seul nom de fichier, "
			    "sans dossier (par exemple logo.png), et "
			    "déposez-les avec la campagne.",
			    where, e->value->pos.line, s);
		if (!g_hash_table_contains(u->names, s))
			return kit_refuse(u, 422,
					  "%s, ligne %d : le fichier « %s » "
					  "n’a pas été déposé avec la "
					  "campagne.",
					  where, e->value->pos.line, s);
	}
	return 0;
}

/* Refuses an upload whose file what cannot be read: err's message, at
 * its position. */
static int
kit_refuse_error(struct kit_upload *u, const char *what,
		 const struct pp_error *err)
{
	struct pp_diags d;
	char *line;

	pp_diags_init(&d);
	pp_diags_add_error(&d, err);
	line = pp_diag_format(&d.items[0]);
	kit_refuse(u, 422, "%s ne peut pas être lu : %s", what, line);
	free(line);
	pp_diags_fini(&d);
	return -1;
}

/* The partner forms sent with the campaign (every other YAML file): each
 * read, and every file it names (its logo, its annexes) one sent too,
 * by its name alone — refused now, with its line, rather than when the
 * kit reaches that partner.  0, or -1 with u's status set. */
static int
kit_forms_check(struct kit_upload *u, struct pp_arena *a, struct pp_error *err)
{
	guint i;

	for (i = 0; i < u->files->len; i++) {
		struct serve_part *p = u->files->pdata[i];
		const char *name = kit_base_name(p);
		const struct pp_value *form;
		const char *data;
		gsize len;

		if (!kit_has_suffix(name, kit_yaml_suffixes))
			continue;
		data = g_bytes_get_data(p->data, &len);
		form = pp_yaml_read_mem(a, name, data != NULL ? data : "", len,
					NULL, err);
		if (form == NULL) {
			char *what = g_strdup_printf("Le formulaire %s", name);
			int rc = kit_refuse_error(u, what, err);

			g_free(what);
			return rc;
		}
		if (kit_names_ok(u, name, form) != 0)
			return -1;
	}
	return 0;
}

/* Reads the campaign, its table and the partner forms sent with it as
 * the kit will, to refuse at once what names a server path, a file not
 * uploaded, or a table or form that cannot be read (with its line); the
 * rest is the kit's to say. */
static int
kit_upload_check(struct serve *S, struct kit_upload *u)
{
	struct pp_arena *a = pp_arena_new();
	struct pp_error err;
	const struct pp_value *root, *table, *date;
	gsize len;
	const char *data = g_bytes_get_data(u->yaml->data, &len);
	const char *name = kit_base_name(u->yaml);
	int rc = 0;

	pp_error_init(&err);
	g_mutex_lock(&S->validate_lock);
	root = pp_yaml_read_mem(a, name, data != NULL ? data : "", len, NULL,
				&err);
	if (root == NULL) {
		rc = kit_refuse_error(u, "Le fichier de campagne", &err);
	} else if (root->kind != PP_VALUE_MAP) {
		rc = kit_refuse(u, 422,
				"%s n’est pas un fichier de campagne : il "
				"commence par « version: 1 » et « campagne: "
				"».",
				name);
	} else {
		rc = kit_names_ok(u, name, root);
	}
	table = rc == 0 ? pp_value_map_get(root, "partenaires") : NULL;
	if (table != NULL && table->kind == PP_VALUE_STRING) {
		GBytes *csv = NULL;
		guint i;

		for (i = 0; i < u->files->len; i++) {
			struct serve_part *p = u->files->pdata[i];

			if (strcmp(kit_base_name(p), table->u.str.s) == 0)
				csv = p->data;
		}
		if (csv != NULL) {
			const struct pp_value *rows;
			const char *cd = g_bytes_get_data(csv, &len);

			rows = pp_csv_read_mem(a, table->u.str.s,
					       cd != NULL ? cd : "", len, NULL,
					       NULL, NULL, NULL, &err);
			if (rows == NULL)
				rc = kit_refuse_error(u, "Le tableau", &err);
			else
				rc = kit_names_ok(u, table->u.str.s, rows);
		}
	}
	if (rc == 0)
		rc = kit_forms_check(u, a, &err);
	/* The ZIP's entries are dated with the campaign's highlight. */
	date = rc == 0 ? pp_value_map_get(root, "campagne") : NULL;
	date = date != NULL && date->kind == PP_VALUE_MAP
		   ? pp_value_map_get(date, "temps_fort")
		   : NULL;
	if (date != NULL && date->kind == PP_VALUE_STRING &&
	    strlen(date->u.str.s) == 10 && date->u.str.s[4] == '-')
		u->date = g_strdup_printf("%sT00:00:00Z", date->u.str.s);
	g_mutex_unlock(&S->validate_lock);
	pp_arena_free(a);
	return rc;
}

/* Writes the upload into a new kit's folder and starts it: its id, 0
 * with u's status and message set. */
static gint64
kit_start(struct serve *S, struct kit_upload *u)
{
	struct serve_kits *K = S->kits;
	struct pp_error err;
	struct kit_job *j;
	int running = 0;
	gint64 id;
	char *in;
	guint i;

	kit_expire(S, 0);
	g_mutex_lock(&K->lock);
	/* Joins the threads of the kits that ended. */
	for (i = 0; i < K->jobs->len;) {
		j = K->jobs->pdata[i];
		if (j->finished) {
			g_thread_join(j->thread);
			kit_job_free(j);
			g_ptr_array_remove_index(K->jobs, i);
		} else {
			running++;
			i++;
		}
	}
	if (running >= PP_SERVE_KITS || K->stopping) {
		g_mutex_unlock(&K->lock);
		kit_refuse(u, 503,
			   "La file d’attente des kits est pleine : %d kits "
			   "sont en préparation. Réessayez dans quelques "
			   "minutes.",
			   PP_SERVE_KITS);
		return 0;
	}
	pp_error_init(&err);
	id = pp_store_kit_create(S->store, kit_base_name(u->yaml), &err);
	if (id <= 0) {
		g_mutex_unlock(&K->lock);
		fprintf(stderr, "paraphe serve: %s\n", err.message);
		kit_refuse(u, 503,
			   "La base du serveur est indisponible ; réessayez.");
		return 0;
	}
	j = g_new0(struct kit_job, 1);
	j->S = S;
	j->id = id;
	j->dir = kit_dir(S, id);
	j->file = g_strdup(kit_base_name(u->yaml));
	in = g_build_filename(j->dir, KIT_IN, NULL);
	if (g_mkdir_with_parents(in, 0700) != 0 ||
	    serve_job_write(in, j->file, g_bytes_get_data(u->yaml->data, NULL),
			    g_bytes_get_size(u->yaml->data)) != 0 ||
	    serve_job_write(
		j->dir, KIT_ZIP_DATE,
		u->date != NULL ? u->date : "1980-01-01T00:00:00Z",
		strlen(u->date != NULL ? u->date : "1980-01-01T00:00:00Z")) !=
		0)
		id = 0;
	for (i = 0; id > 0 && i < u->files->len; i++) {
		struct serve_part *p = u->files->pdata[i];

		if (serve_job_write(in, kit_base_name(p),
				    g_bytes_get_data(p->data, NULL),
				    g_bytes_get_size(p->data)) != 0)
			id = 0;
	}
	g_free(in);
	if (id == 0) {
		kit_finish(j, "failed", "",
			   "Les fichiers n’ont pas pu être enregistrés.");
		g_mutex_unlock(&K->lock);
		kit_job_free(j);
		kit_refuse(u, 503,
			   "Le serveur ne peut pas enregistrer les fichiers "
			   "pour le moment ; réessayez.");
		return 0;
	}
	j->thread = g_thread_new("kit", kit_thread, j);
	g_ptr_array_add(K->jobs, j);
	g_mutex_unlock(&K->lock);
	return j->id;
}

/* Reads, checks and starts an upload: the kit's id, 0 with u set. */
static gint64
kit_upload(struct serve_request *q, struct kit_upload *u)
{
	memset(u, 0, sizeof(*u));
	if (kit_upload_read(q, u) != 0 || kit_upload_check(q->server, u) != 0)
		return 0;
	return kit_start(q->server, u);
}

/* --- The summary ---------------------------------------------------------- */

/* The kit's manifest (NULL when there is none). */
static JsonParser *
kit_manifest(struct serve *S, const struct pp_kit_job *k)
{
	char *dir = kit_dir(S, k->id);
	char *path =
	    g_build_filename(dir, KIT_OUT, k->campaign, "manifest.json", NULL);
	JsonParser *p = json_parser_new();

	if (k->campaign[0] == '\0' || strchr(k->campaign, '/') != NULL ||
	    !json_parser_load_from_file(p, path, NULL) ||
	    !JSON_NODE_HOLDS_OBJECT(json_parser_get_root(p))) {
		g_object_unref(p);
		p = NULL;
	}
	g_free(dir);
	g_free(path);
	return p;
}

static JsonArray *
kit_partners(JsonParser *p)
{
	JsonObject *o = json_node_get_object(json_parser_get_root(p));

	return json_object_has_member(o, "partenaires")
		   ? json_object_get_array_member(o, "partenaires")
		   : NULL;
}

static const char *
kit_str(JsonObject *o, const char *member)
{
	JsonNode *n = json_object_get_member(o, member);

	return n != NULL && JSON_NODE_HOLDS_VALUE(n) &&
		       json_node_get_value_type(n) == G_TYPE_STRING
		   ? json_node_get_string(n)
		   : NULL;
}

static guint
kit_count(JsonObject *o, const char *member)
{
	JsonNode *n = json_object_get_member(o, member);

	return n != NULL && JSON_NODE_HOLDS_ARRAY(n)
		   ? json_array_get_length(json_node_get_array(n))
		   : 0;
}

/* A partner's status in the manifest, as the API gives it. */
static const char *
kit_status_api(const char *statut)
{
	if (g_strcmp0(statut, "produit") == 0)
		return "built";
	if (g_strcmp0(statut, "a_jour") == 0)
		return "up_to_date";
	if (g_strcmp0(statut, "echec") == 0)
		return "failed";
	return "not_built";
}

/* --- The API -------------------------------------------------------------- */

static struct pp_kit_job *
kit_get(struct serve_request *q)
{
	struct pp_error err;
	struct pp_kit_job *k;

	pp_error_init(&err);
	kit_expire(q->server, 0); /* a kit past its time: 404 */
	k = pp_store_kit_get(q->server->store, q->num[0], &err);
	if (k == NULL && q->html)
		serve_page_error(q, err.set ? 503 : 404);
	else if (k == NULL)
		serve_reply_error(&q->reply, err.set ? 503 : 404,
				  err.set ? "the database is not available"
					  : "no such kit");
	return k;
}

/* A partner's messages in the manifest: objects (code, chemin, position,
 * message) for the forms' warnings, lines for the errors. */
static void
kit_json_messages(GString *s, JsonObject *p, const char *member)
{
	JsonNode *n = json_object_get_member(p, member);
	JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY(n)
			   ? json_node_get_array(n)
			   : NULL;
	guint i, k = 0;

	g_string_append(s, "[");
	for (i = 0; a != NULL && i < json_array_get_length(a); i++) {
		JsonNode *e = json_array_get_element(a, i);
		JsonObject *m =
		    JSON_NODE_HOLDS_OBJECT(e) ? json_node_get_object(e) : NULL;

		if (m == NULL && (!JSON_NODE_HOLDS_VALUE(e) ||
				  json_node_get_value_type(e) != G_TYPE_STRING))
			continue;
		g_string_append(s, k++ > 0 ? ", {" : "{");
		if (m != NULL) {
			g_string_append(s, "\"code\": ");
			serve_json_string(s, kit_str(m, "code"));
			g_string_append(s, ", \"path\": ");
			serve_json_string(s, kit_str(m, "chemin"));
			g_string_append(s, ", \"position\": ");
			serve_json_string(s, kit_str(m, "position"));
			g_string_append(s, ", ");
		}
		g_string_append(s, "\"message\": ");
		serve_json_string(s, m != NULL ? kit_str(m, "message")
					       : json_node_get_string(e));
		g_string_append(s, "}");
	}
	g_string_append(s, "]");
}

static void
kit_json(GString *s, struct serve *S, const struct pp_kit_job *k, int full)
{
	g_string_append_printf(
	    s, "{\"id\": %" G_GINT64_FORMAT ", \"status\": ", k->id);
	serve_json_string(s, k->state);
	g_string_append(s, ", \"file\": ");
	serve_json_string(s, k->file);
	g_string_append(s, ", \"campaign\": ");
	serve_json_string(s, k->campaign);
	g_string_append_printf(s,
			       ", \"done\": %" G_GINT64_FORMAT
			       ", \"total\": %" G_GINT64_FORMAT
			       ", \"created\": ",
			       k->done, k->total);
	serve_json_string(s, k->created);
	g_string_append(s, ", \"updated\": ");
	serve_json_string(s, k->updated);
	{
		char *when = kit_expiry(S, k);

		g_string_append(s, ", \"expires\": ");
		if (when != NULL)
			serve_json_string(s, when);
		else
			g_string_append(s, "null");
		g_free(when);
	}
	g_string_append_printf(
	    s, ", \"url\": \"/api/v1/kits/%" G_GINT64_FORMAT "\"", k->id);
	if (full) {
		JsonParser *p =
		    strcmp(k->state, "done") == 0 ? kit_manifest(S, k) : NULL;
		JsonArray *a = p != NULL ? kit_partners(p) : NULL;
		guint i, n = a != NULL ? json_array_get_length(a) : 0;

		g_string_append(s, ", \"messages\": ");
		serve_json_string(s, k->message);
		if (p != NULL)
			g_string_append_printf(
			    s,
			    ", \"zip\": \"/api/v1/kits/%" G_GINT64_FORMAT
			    "/zip\", \"manifest\": "
			    "\"/api/v1/kits/%" G_GINT64_FORMAT "/manifest\"",
			    k->id, k->id);
		g_string_append(s, ", \"partners\": [");
		for (i = 0; i < n; i++) {
			JsonObject *o = json_array_get_object_element(a, i);

			if (o == NULL)
				continue;
			g_string_append(s, i > 0 ? ",\n  {\"id\": "
						 : "\n  {\"id\": ");
			serve_json_string(s, kit_str(o, "id"));
			g_string_append(s, ", \"name\": ");
			serve_json_string(s, kit_str(o, "denomination"));
			g_string_append(s, ", \"status\": ");
			serve_json_string(s,
					  kit_status_api(kit_str(o, "statut")));
			g_string_append(s, ", \"conformity\": ");
			if (kit_str(o, "conformite") != NULL)
				serve_json_string(s, kit_str(o, "conformite"));
			else
				g_string_append(s, "null");
			g_string_append(s, ", \"errors\": ");
			kit_json_messages(s, o, "erreurs");
			g_string_append(s, ", \"warnings\": ");
			kit_json_messages(s, o, "avertissements_formulaire");
			g_string_append(s, "}");
		}
		g_string_append(s, n > 0 ? "\n]" : "]");
		if (p != NULL)
			g_object_unref(p);
	}
	g_string_append(s, "}");
}

void
serve_kit_api_post(struct serve_request *q)
{
	struct kit_upload u;
	gint64 id = kit_upload(q, &u);

	if (id <= 0) {
		serve_reply_error(&q->reply, u.status, u.why->str);
	} else {
		GString *s = g_string_new("");

		g_string_printf(s,
				"{\"id\": %" G_GINT64_FORMAT
				", \"status\": \"running\", \"url\": "
				"\"/api/v1/kits/%" G_GINT64_FORMAT "\"}\n",
				id, id);
		serve_reply_set(&q->reply, 202, "application/json", s);
		q->reply.location =
		    g_strdup_printf("/api/v1/kits/%" G_GINT64_FORMAT, id);
	}
	kit_upload_fini(&u);
}

void
serve_kit_api_list(struct serve_request *q)
{
	struct pp_error err;
	GPtrArray *a;
	GString *s;
	guint i;

	if (strcmp(q->method, "POST") == 0) {
		serve_kit_api_post(q);
		return;
	}
	pp_error_init(&err);
	kit_expire(q->server, 0);
	a = pp_store_kit_list(q->server->store, &err);
	if (a == NULL) {
		serve_reply_error(&q->reply, 503,
				  "the database is not available");
		return;
	}
	s = g_string_new("[");
	for (i = 0; i < a->len; i++) {
		g_string_append(s, i > 0 ? ",\n " : "");
		kit_json(s, q->server, a->pdata[i], 0);
	}
	g_string_append(s, "]\n");
	g_ptr_array_free(a, TRUE);
	serve_reply_set(&q->reply, 200, "application/json", s);
}

/* Deletes kit q->num[0] and its files: 0, or -1 with q's reply set (404,
 * or 422 while it runs). */
static int
kit_delete(struct serve_request *q)
{
	struct pp_kit_job *k = kit_get(q);
	struct pp_error err;
	int running, n;
	char *dir;

	if (k == NULL)
		return -1;
	running = strcmp(k->state, "running") == 0;
	pp_kit_job_free(k);
	pp_error_init(&err);
	n = running ? 0
		    : pp_store_kit_delete(q->server->store, q->num[0], &err);
	if (n <= 0) {
		const char *why =
		    n < 0 ? "La base du serveur est indisponible ; réessayez."
			  : "Ce kit est en préparation : attendez qu’il soit "
			    "prêt pour le supprimer.";

		if (q->html)
			serve_page_error(q, n < 0 ? 503 : 422);
		else
			serve_reply_error(&q->reply, n < 0 ? 503 : 422, why);
		return -1;
	}
	dir = kit_dir(q->server, q->num[0]);
	serve_rmtree_public(dir);
	g_free(dir);
	return 0;
}

void
serve_kit_page_delete(struct serve_request *q)
{
	GHashTable *f = serve_body_fields(q->body->data, q->body->len, NULL);
	const char *t = g_hash_table_lookup(f, "csrf");
	int ok = t != NULL && strcmp(t, q->server->csrf) == 0;

	g_hash_table_destroy(f);
	if (!ok) {
		serve_page_error(q, 403);
		return;
	}
	if (kit_delete(q) != 0)
		return;
	serve_reply_set(&q->reply, 303, "text/plain; charset=utf-8",
			g_string_new(""));
	q->reply.location = g_strdup("/campagnes");
}

void
serve_kit_api_get(struct serve_request *q)
{
	struct pp_kit_job *k;
	GString *s;

	if (strcmp(q->method, "DELETE") == 0) {
		if (kit_delete(q) == 0)
			serve_reply_set(&q->reply, 204, "text/plain", NULL);
		return;
	}
	k = kit_get(q);
	if (k == NULL)
		return;
	s = g_string_new("");
	kit_json(s, q->server, k, 1);
	g_string_append_c(s, '\n');
	serve_reply_set(&q->reply, 200, "application/json", s);
	pp_kit_job_free(k);
}

/* One of a finished kit's files into q's reply. */
static void
kit_send_file(struct serve_request *q, const char *rel, const char *type,
	      const char *download)
{
	struct pp_kit_job *k = kit_get(q);
	char *dir, *data = NULL, *path;
	gsize len = 0;

	if (k == NULL)
		return;
	dir = kit_dir(q->server, k->id);
	path = rel != NULL ? g_build_filename(dir, rel, NULL)
			   : g_build_filename(dir, KIT_OUT, k->campaign,
					      "manifest.json", NULL);
	if (strcmp(k->state, "done") != 0 || strchr(k->campaign, '/') ||
	    !g_file_get_contents(path, &data, &len, NULL)) {
		if (q->html)
			serve_page_error(q, 404);
		else
			serve_reply_error(&q->reply, 404,
					  "this kit has no such file (still "
					  "running, failed or interrupted)");
	} else {
		serve_reply_set(&q->reply, 200, type,
				g_string_new_len(data, (gssize)len));
		q->reply.disposition =
		    g_strdup_printf("attachment; filename=\"kit-%s.%s\"",
				    k->campaign, download);
	}
	g_free(data);
	g_free(path);
	g_free(dir);
	pp_kit_job_free(k);
}

void
serve_kit_api_zip(struct serve_request *q)
{
	kit_send_file(q, KIT_ZIP, "application/zip", "zip");
}

void
serve_kit_api_manifest(struct serve_request *q)
{
	kit_send_file(q, NULL, "application/json", "json");
}

/* --- The pages ------------------------------------------------------------ */

static const char kit_css[] =
    "progress#avancement{display:block;width:100%;max-width:30rem;"
    "height:1.4rem;margin:.3rem 0}"
    ".etat{font-weight:600}"
    ".etat.echec{color:#ce0500}"
    ".etat.fini{color:#18753c}"
    ".partenaires td ul{margin:0;padding-left:1.1rem}"
    ".partenaires .statut{white-space:nowrap}"
    "pre.journal{white-space:pre-wrap;background:var(--fond);padding:.6rem;"
    "border-left:4px solid var(--rouge);font-size:.9rem}"
    ".telecharger a{display:inline-block;margin:.3rem 1rem .3rem 0;"
    "padding:.5rem 1rem;border:1px solid var(--bleu);text-decoration:none}"
    ".telecharger a:first-child{background:var(--bleu);color:#fff}"
    "input[type=file]{display:block;margin-top:.3rem}";

/* Follows a running kit's progress with the API, without reloading:
 * then the page is fetched again and its summary shown, focused. */
static const char kit_js[] =
    "(function(){\n"
    "var e=document.getElementById('etat');\n"
    "if(!e||!e.dataset.api||!window.fetch)return;\n"
    "var bar=document.getElementById('avancement');\n"
    "function tick(){fetch(e.dataset.api).then(function(r){return r.json();"
    "}).then(function(k){\n"
    " if(k.status==='running'){\n"
    "  if(k.total>0){bar.max=k.total;bar.value=k.done;bar.textContent="
    "k.done+' / '+k.total;\n"
    "   e.textContent=k.done+' partenaire'+(k.done>1?'s':'')+' sur '+"
    "k.total+' traité'+(k.done>1?'s':'');}\n"
    "  setTimeout(tick,1000);return;}\n"
    " e.textContent=k.status==='done'?'Le kit est prêt.':"
    "'La préparation du kit s’est arrêtée.';\n"
    " return fetch(location.href).then(function(r){return r.text();})"
    ".then(function(h){\n"
    "  var d=new DOMParser().parseFromString(h,'text/html');\n"
    "  document.querySelector('main').replaceWith(d.querySelector('main'));"
    "\n"
    "  var t=document.getElementById('resultat');if(t)t.focus();});\n"
    "}).catch(function(){setTimeout(tick,3000);});}\n"
    "setTimeout(tick,1000);\n"
    "})();\n";

void
serve_kit_page_css(struct serve_request *q)
{
	serve_reply_set(&q->reply, 200, "text/css; charset=utf-8",
			g_string_new(kit_css));
}

void
serve_kit_page_js(struct serve_request *q)
{
	serve_reply_set(&q->reply, 200, "text/javascript; charset=utf-8",
			g_string_new(kit_js));
}

#define KIT_HEAD                                                               \
	"<link rel=\"stylesheet\" href=\"/campagnes.css\">"                    \
	"<script src=\"/campagnes.js\" defer></script>"

static const char *
kit_state_label(const char *state)
{
	if (strcmp(state, "running") == 0)
		return "En préparation";
	if (strcmp(state, "done") == 0)
		return "Prêt";
	if (strcmp(state, "interrupted") == 0)
		return "Interrompu";
	return "Échec";
}

static void
kit_page_form(GString *s, struct serve_request *q)
{
	g_string_append_printf(
	    s,
	    "<h2>Déposer une campagne</h2>\n"
	    "<form method=\"post\" action=\"/campagnes\" "
	    "enctype=\"multipart/form-data\">\n"
	    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
	    "<label for=\"campagne\">Fichier de campagne (YAML)</label>\n"
	    "<p class=\"aide\" id=\"aide-campagne\">Le fichier que lit "
	    "« paraphe kit » : la campagne, ses valeurs par défaut et ses "
	    "partenaires (ou le nom de leur tableau). Il nomme le tableau et "
	    "les logos par leur seul nom de fichier, sans dossier : "
	    "partenaires.csv, logo-partenaire.png.</p>\n"
	    "<input id=\"campagne\" name=\"campagne\" type=\"file\" "
	    "accept=\".yaml,.yml\" required "
	    "aria-describedby=\"aide-campagne\">\n"
	    "<label for=\"fichiers\">Tableau des partenaires et logos</label>\n"
	    "<p class=\"aide\" id=\"aide-fichiers\">Plusieurs fichiers à la "
	    "fois : le tableau (CSV), les logos (SVG, PNG ou JPEG), les "
	    "formulaires (YAML) et les annexes (Markdown) que la campagne "
	    "nomme. %u fichiers au plus ; %u Mo par tableau, %u Mo par "
	    "autre fichier, %u Mo en tout.</p>\n"
	    "<input id=\"fichiers\" name=\"fichiers\" type=\"file\" multiple "
	    "accept=\".csv,.svg,.png,.jpg,.jpeg,.yaml,.yml,.md\" "
	    "aria-describedby=\"aide-fichiers\">\n"
	    "<button type=\"submit\">Préparer le kit</button>\n</form>\n",
	    q->server->csrf, PP_SERVE_KIT_MAX_FILES - 1,
	    PP_SERVE_KIT_MAX_TABLE >> 20, PP_SERVE_KIT_MAX_FILE >> 20,
	    PP_SERVE_MAX_UPLOAD >> 20);
}

/* The list of kits and the upload form; error (escaped here) on top. */
static void
kit_page_list(struct serve_request *q, unsigned status, const char *error)
{
	GString *s = serve_page_begin("Campagnes", KIT_HEAD);
	struct pp_error err;
	GPtrArray *a;
	guint i;

	g_string_append(s, "<p><a href=\"/\">Brouillons</a> · <a "
			   "href=\"/controle\">Contrôle</a></p>\n");
	if (error != NULL) {
		g_string_append(s, "<div class=\"resume\" role=\"alert\" "
				   "id=\"erreur\" tabindex=\"-1\"><p><strong>"
				   "La campagne n’a pas été acceptée."
				   "</strong></p><p>");
		serve_html_escape(s, error);
		g_string_append(s, "</p></div>\n");
	}
	g_string_append(s, "<p>Déposez le fichier d’une campagne avec le "
			   "tableau de ses partenaires et leurs logos : "
			   "paraphe prépare en arrière-plan la convention "
			   "(et la fiche projet) de chaque partenaire, puis "
			   "vous donne le récapitulatif et le kit à "
			   "télécharger en ZIP.</p>\n");
	kit_page_form(s, q);
	pp_error_init(&err);
	kit_expire(q->server, 0);
	a = pp_store_kit_list(q->server->store, &err);
	g_string_append(s, "<h2>Kits préparés</h2>\n");
	if (q->server->keep_kits > 0)
		g_string_append_printf(
		    s,
		    "<p class=\"aide\">Un kit est supprimé du serveur "
		    "%d jour%s après la fin de sa préparation : "
		    "téléchargez-le avant.</p>\n",
		    q->server->keep_kits, q->server->keep_kits > 1 ? "s" : "");
	if (a == NULL) {
		g_string_append(s, "<p class=\"erreur\">La liste des kits est "
				   "indisponible pour le moment.</p>\n");
	} else if (a->len == 0) {
		g_string_append(s, "<p>Aucun kit pour l’instant.</p>\n");
	} else {
		g_string_append(
		    s, "<table class=\"kits\">\n<caption class=\"aide\">"
		       "Du plus récent au plus ancien</caption>\n"
		       "<thead><tr><th scope=\"col\">Fichier</th>"
		       "<th scope=\"col\">Campagne</th>"
		       "<th scope=\"col\">État</th>"
		       "<th scope=\"col\">Partenaires</th>"
		       "<th scope=\"col\">Déposé le (UTC)</th>"
		       "</tr></thead>\n<tbody>\n");
		for (i = 0; i < a->len; i++) {
			const struct pp_kit_job *k = a->pdata[i];

			g_string_append_printf(
			    s,
			    "<tr><td><a href=\"/campagnes/%" G_GINT64_FORMAT
			    "\">",
			    k->id);
			serve_html_escape(s, k->file);
			g_string_append(s, "</a></td><td>");
			serve_html_escape(s, k->campaign);
			g_string_append_printf(
			    s,
			    "</td><td>%s</td><td>%" G_GINT64_FORMAT
			    " / %" G_GINT64_FORMAT "</td><td>",
			    kit_state_label(k->state), k->done, k->total);
			serve_html_escape(s, k->created);
			g_string_append(s, "</td></tr>\n");
		}
		g_string_append(s, "</tbody>\n</table>\n");
		g_ptr_array_free(a, TRUE);
	}
	serve_page_end(q, status, s);
}

void
serve_kit_page_list(struct serve_request *q)
{
	struct kit_upload u;
	GHashTable *fields;
	GBytes *csrf;
	gsize len;
	const void *token;
	gint64 id;

	if (strcmp(q->method, "POST") != 0) {
		kit_page_list(q, 200, NULL);
		return;
	}
	fields = serve_body_multipart(serve_header(q, "Content-Type"),
				      q->body->data, q->body->len);
	csrf = g_hash_table_lookup(fields, "csrf");
	token = csrf != NULL ? g_bytes_get_data(csrf, &len) : NULL;
	if (token == NULL || len != strlen(q->server->csrf) ||
	    memcmp(token, q->server->csrf, len) != 0) {
		g_hash_table_destroy(fields);
		serve_page_error(q, 403);
		return;
	}
	g_hash_table_destroy(fields);
	id = kit_upload(q, &u);
	if (id <= 0) {
		kit_page_list(q, u.status, u.why->str);
	} else {
		serve_reply_set(&q->reply, 303, "text/plain; charset=utf-8",
				g_string_new(""));
		q->reply.location =
		    g_strdup_printf("/campagnes/%" G_GINT64_FORMAT, id);
	}
	kit_upload_fini(&u);
}

/* The messages of a partner, as a list, with their position (the
 * errors are lines that hold it). */
static int
kit_page_messages(GString *s, JsonObject *o, const char *member,
		  const char *cls)
{
	JsonNode *n = json_object_get_member(o, member);
	JsonArray *a = n != NULL && JSON_NODE_HOLDS_ARRAY(n)
			   ? json_node_get_array(n)
			   : NULL;
	guint i, len = a != NULL ? json_array_get_length(a) : 0;

	for (i = 0; i < len; i++) {
		JsonNode *e = json_array_get_element(a, i);
		JsonObject *m =
		    JSON_NODE_HOLDS_OBJECT(e) ? json_node_get_object(e) : NULL;

		if (m == NULL) {
			/* An error: its line, as the command line says it. */
			if (JSON_NODE_HOLDS_VALUE(e) &&
			    json_node_get_value_type(e) == G_TYPE_STRING) {
				const char *line = json_node_get_string(e);

				if (g_str_has_prefix(line, "./"))
					line += 2;
				g_string_append_printf(s, "<li class=\"%s\">",
						       cls);
				serve_html_escape(s, line);
				g_string_append(s, "</li>");
			}
			continue;
		}
		g_string_append_printf(s, "<li class=\"%s\">", cls);
		if (kit_str(m, "position") != NULL) {
			serve_html_escape(s, kit_str(m, "position"));
			g_string_append(s, "\xc2\xa0: ");
		}
		serve_html_escape(s, kit_str(m, "message"));
		g_string_append(s, "</li>");
	}
	return (int)len;
}

/* The summary table of a finished kit. */
static void
kit_page_summary(GString *s, struct serve *S, const struct pp_kit_job *k)
{
	JsonParser *p = kit_manifest(S, k);
	JsonArray *a = p != NULL ? kit_partners(p) : NULL;
	guint i, n = a != NULL ? json_array_get_length(a) : 0;
	guint built = 0, failed = 0, warned = 0, checked = 0;

	for (i = 0; i < n; i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		const char *st = o != NULL ? kit_str(o, "statut") : NULL;

		if (o == NULL)
			continue;
		if (g_strcmp0(st, "echec") == 0)
			failed++;
		else if (g_strcmp0(st, "produit") == 0 ||
			 g_strcmp0(st, "a_jour") == 0)
			built++;
		if (kit_count(o, "avertissements_formulaire") > 0)
			warned++;
		if (kit_str(o, "conformite") != NULL)
			checked++;
	}
	g_string_append_printf(
	    s,
	    "<h2 id=\"resultat\" tabindex=\"-1\">Récapitulatif</h2>\n"
	    "<p class=\"resume%s\">%u partenaire%s : %u produit%s, %u en "
	    "échec, %u avec des avertissements.</p>\n",
	    failed == 0 ? " ok" : "", n, n > 1 ? "s" : "", built,
	    built > 1 ? "s" : "", failed, warned);
	g_string_append_printf(
	    s,
	    "<p class=\"telecharger\"><a href=\"/api/v1/kits/%" G_GINT64_FORMAT
	    "/zip\" download>Télécharger le kit (ZIP)</a>"
	    "<a href=\"/api/v1/kits/%" G_GINT64_FORMAT
	    "/manifest\" download>Manifeste (JSON)</a></p>\n",
	    k->id, k->id);
	if (k->message[0] != '\0') {
		g_string_append(s, "<h3>Messages de la campagne</h3>\n"
				   "<pre class=\"journal\">");
		serve_html_escape(s, k->message);
		g_string_append(s, "</pre>\n");
	}
	g_string_append(s, "<table class=\"partenaires\">\n<thead><tr>"
			   "<th scope=\"col\">Partenaire</th>"
			   "<th scope=\"col\">Statut</th>"
			   "<th scope=\"col\">Documents</th>");
	if (checked > 0)
		g_string_append(s, "<th scope=\"col\">Conformité à la "
				   "charte</th>");
	g_string_append(s, "<th scope=\"col\">Messages</th></tr></thead>\n"
			   "<tbody>\n");
	for (i = 0; i < n; i++) {
		JsonObject *o = json_array_get_object_element(a, i);
		const char *st;
		JsonNode *outs;
		guint w, f;

		if (o == NULL)
			continue;
		st = kit_str(o, "statut");
		w = kit_count(o, "avertissements_formulaire");
		f = kit_count(o, "erreurs");
		g_string_append(s, "<tr><th scope=\"row\">");
		serve_html_escape(s, kit_str(o, "denomination") != NULL
					 ? kit_str(o, "denomination")
					 : kit_str(o, "id"));
		g_string_append(s, "<br><span class=\"aide\">");
		serve_html_escape(s, kit_str(o, "id"));
		g_string_append_printf(
		    s, "</span></th><td class=\"statut\"><span class=\"%s\">%s",
		    g_strcmp0(st, "echec") == 0 ? "erreur"
		    : w > 0			? "avert"
						: "",
		    g_strcmp0(st, "echec") == 0	    ? "Erreur"
		    : g_strcmp0(st, "a_jour") == 0  ? "À jour"
		    : g_strcmp0(st, "produit") == 0 ? "Produit"
						    : "Non produit");
		if (g_strcmp0(st, "echec") != 0 && w > 0)
			g_string_append_printf(s, ", %u avertissement%s", w,
					       w > 1 ? "s" : "");
		g_string_append(s, "</span></td><td>");
		outs = json_object_get_member(o, "sorties");
		if (outs != NULL && JSON_NODE_HOLDS_ARRAY(outs)) {
			JsonArray *fa = json_node_get_array(outs);
			guint x;

			for (x = 0; x < json_array_get_length(fa); x++) {
				JsonObject *fo =
				    json_array_get_object_element(fa, x);

				if (fo == NULL)
					continue;
				g_string_append(s, x > 0 ? ", " : "");
				serve_html_escape(s, kit_str(fo, "fichier"));
			}
		}
		g_string_append(s, "</td>");
		if (checked > 0) {
			const char *c = kit_str(o, "conformite");

			g_string_append_printf(
			    s, "<td class=\"%s\">",
			    c == NULL || strcmp(c, "conforme") == 0 ? ""
								    : "erreur");
			serve_html_escape(s, c != NULL ? c : "—");
			g_string_append(s, "</td>");
		}
		g_string_append(s, "<td>");
		if (f + w > 0) {
			g_string_append(s, "<ul>");
			kit_page_messages(s, o, "erreurs", "erreur");
			kit_page_messages(s, o, "avertissements_formulaire",
					  "avert");
			g_string_append(s, "</ul>");
		}
		g_string_append(s, "</td></tr>\n");
	}
	g_string_append(s, "</tbody>\n</table>\n");
	if (p != NULL)
		g_object_unref(p);
}

void
serve_kit_page_job(struct serve_request *q)
{
	struct pp_kit_job *k = kit_get(q);
	GString *s;
	char *title;

	if (k == NULL)
		return;
	title = k->campaign[0] != '\0'
		    ? g_strdup_printf("Kit de la campagne %s", k->campaign)
		    : g_strdup_printf("Kit de %s", k->file);
	s = serve_page_begin(title, strcmp(k->state, "running") == 0
					? KIT_HEAD "<noscript><meta "
						   "http-equiv=\"refresh\" "
						   "content=\"3\"></noscript>"
					: KIT_HEAD);
	g_free(title);
	g_string_append(s, "<p><a href=\"/campagnes\">Toutes les campagnes"
			   "</a></p>\n");
	if (strcmp(k->state, "running") == 0) {
		g_string_append_printf(
		    s,
		    "<label for=\"avancement\">Avancement</label>\n"
		    "<progress id=\"avancement\" max=\"%" G_GINT64_FORMAT "\"",
		    k->total > 0 ? k->total : 1);
		if (k->total > 0)
			g_string_append_printf(s,
					       " value=\"%" G_GINT64_FORMAT
					       "\">%" G_GINT64_FORMAT
					       " / %" G_GINT64_FORMAT,
					       k->done, k->done, k->total);
		else
			g_string_append(s, ">");
		g_string_append_printf(
		    s,
		    "</progress>\n<p id=\"etat\" class=\"etat\" "
		    "role=\"status\" aria-live=\"polite\" "
		    "data-api=\"/api/v1/kits/%" G_GINT64_FORMAT "\">",
		    k->id);
		if (k->total > 0)
			g_string_append_printf(
			    s,
			    "%" G_GINT64_FORMAT " partenaire%s sur "
			    "%" G_GINT64_FORMAT " traité%s",
			    k->done, k->done > 1 ? "s" : "", k->total,
			    k->done > 1 ? "s" : "");
		else
			g_string_append(s, "Lecture de la campagne…");
		g_string_append(s,
				"</p>\n<p class=\"aide\">Vous pouvez quitter "
				"cette page : la préparation continue et "
				"le kit restera dans la liste des "
				"campagnes.</p>\n");
	} else if (strcmp(k->state, "done") == 0) {
		g_string_append(s, "<p id=\"etat\" class=\"etat fini\" "
				   "role=\"status\">Le kit est prêt.</p>\n");
		kit_page_summary(s, q->server, k);
	} else if (strcmp(k->state, "interrupted") == 0) {
		g_string_append(s, "<p id=\"etat\" class=\"etat echec\" "
				   "role=\"status\">Interrompu : le serveur "
				   "s’est arrêté pendant la préparation du "
				   "kit. Déposez la campagne à nouveau.</p>\n");
	} else {
		g_string_append(s, "<h2 id=\"resultat\" tabindex=\"-1\">"
				   "Échec</h2>\n<p id=\"etat\" class=\"etat "
				   "echec\" role=\"status\">La campagne n’a "
				   "pas pu être utilisée ; aucun document n’a "
				   "été produit.</p>\n");
		if (k->message[0] != '\0') {
			g_string_append(s, "<pre class=\"journal\">");
			serve_html_escape(s, k->message);
			g_string_append(s, "</pre>\n");
		}
	}
	if (strcmp(k->state, "running") != 0)
		g_string_append_printf(
		    s,
		    "<form method=\"post\" "
		    "action=\"/campagnes/%" G_GINT64_FORMAT
		    "/supprimer\"><input type=\"hidden\" name=\"csrf\" "
		    "value=\"%s\"><button type=\"submit\" class=\"secondaire\">"
		    "Supprimer ce kit et ses fichiers du serveur</button>"
		    "</form>\n",
		    k->id, q->server->csrf);
	{
		char *when = kit_expiry(q->server, k);

		if (when != NULL)
			g_string_append_printf(
			    s,
			    "<p class=\"aide\">Sinon, il sera supprimé "
			    "automatiquement le %s (UTC).</p>\n",
			    when);
		g_free(when);
	}
	serve_page_end(q, 200, s);
	pp_kit_job_free(k);
}
