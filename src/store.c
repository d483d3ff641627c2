/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The drafts database of paraphe serve (store.h): SQLite, one connection
 * behind a lock, schema migrations by PRAGMA user_version.  Besides the
 * drafts, the state of the campaign kits (servekit.c).
 */
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "dynlib.h"
#include "i18n.h"
#include "store.h"

/* SQLite, opened when the server starts (dynlib.h). */
#define SQL_FUNCS(X)                                                           \
	X(sqlite3_bind_blob64)                                                 \
	X(sqlite3_bind_int64)                                                  \
	X(sqlite3_bind_text)                                                   \
	X(sqlite3_busy_timeout)                                                \
	X(sqlite3_changes)                                                     \
	X(sqlite3_close_v2)                                                    \
	X(sqlite3_column_blob)                                                 \
	X(sqlite3_column_bytes)                                                \
	X(sqlite3_column_int)                                                  \
	X(sqlite3_column_int64)                                                \
	X(sqlite3_column_text)                                                 \
	X(sqlite3_errmsg)                                                      \
	X(sqlite3_exec)                                                        \
	X(sqlite3_finalize)                                                    \
	X(sqlite3_last_insert_rowid)                                           \
	X(sqlite3_open_v2)                                                     \
	X(sqlite3_prepare_v2)                                                  \
	X(sqlite3_step)                                                        \
	X(sqlite3_wal_checkpoint_v2)
static struct {
	SQL_FUNCS(PP_DYNLIB_FUNC)
} sq;
static struct pp_dynlib sql_lib =
    PP_DYNLIB_INIT(PP_SONAME_SQLITE, PP_LIBPATH_SQLITE, PP_PACKAGE_SQLITE,
		   N_("keep the drafts of paraphe serve"));

struct pp_store {
	sqlite3 *db;
	GMutex lock;
};

/* The migrations: migrations[v] takes the schema from version v to v+1,
 * each in its own transaction with the new user_version. */
static const char *const migrations[PP_STORE_SCHEMA] = {
    "CREATE TABLE drafts ("
    " id INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " models TEXT NOT NULL,"
    " yaml TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " created TEXT NOT NULL,"
    " updated TEXT NOT NULL);"
    "CREATE TABLE versions ("
    " draft INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,"
    " version INTEGER NOT NULL,"
    " yaml TEXT NOT NULL,"
    " created TEXT NOT NULL,"
    " PRIMARY KEY (draft, version));"
    "CREATE TABLE files ("
    " draft INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,"
    " name TEXT NOT NULL,"
    " data BLOB NOT NULL,"
    " PRIMARY KEY (draft, name));",
    /* 2: the campaign kits the server builds (servekit.c). */
    "CREATE TABLE kits ("
    " id INTEGER PRIMARY KEY,"
    " file TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " campaign TEXT NOT NULL DEFAULT '',"
    " done INTEGER NOT NULL DEFAULT 0,"
    " total INTEGER NOT NULL DEFAULT 0,"
    " message TEXT NOT NULL DEFAULT '',"
    " created TEXT NOT NULL,"
    " updated TEXT NOT NULL);",
    /* 3: a kit's id is never given again (AUTOINCREMENT): a kit deleted,
     * by hand or by --keep-kits, must not lend its id, its URL and its
     * folder to the next one (SQLite otherwise reuses the highest id
     * once its row is gone). */
    "CREATE TABLE kits3 ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " file TEXT NOT NULL,"
    " state TEXT NOT NULL,"
    " campaign TEXT NOT NULL DEFAULT '',"
    " done INTEGER NOT NULL DEFAULT 0,"
    " total INTEGER NOT NULL DEFAULT 0,"
    " message TEXT NOT NULL DEFAULT '',"
    " created TEXT NOT NULL,"
    " updated TEXT NOT NULL);"
    "INSERT INTO kits3 SELECT id, file, state, campaign, done, total,"
    " message, created, updated FROM kits;"
    "DROP TABLE kits;"
    "ALTER TABLE kits3 RENAME TO kits;",
};

static void
store_fail(struct pp_store *s, struct pp_error *err, const char *what)
{
	pp_error_set(err, PP_DIAG_IO, NULL, _("drafts database: %s: %s"), what,
		     s != NULL && s->db != NULL ? sq.sqlite3_errmsg(s->db)
						: "?");
}

static int
store_exec(struct pp_store *s, const char *sql, struct pp_error *err)
{
	if (sq.sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s, err, sql);
		return -1;
	}
	return 0;
}

static int
store_migrate(struct pp_store *s, struct pp_error *err)
{
	sqlite3_stmt *st;
	int version = 0;

	if (sq.sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
				  NULL) != SQLITE_OK) {
		store_fail(s, err, "user_version");
		return -1;
	}
	if (sq.sqlite3_step(st) == SQLITE_ROW)
		version = sq.sqlite3_column_int(st, 0);
	sq.sqlite3_finalize(st);
	if (version > PP_STORE_SCHEMA) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("drafts database: written by a newer paraphe "
			       "(schema %d, this one knows up to %d)"),
			     version, PP_STORE_SCHEMA);
		return -1;
	}
	for (; version < PP_STORE_SCHEMA; version++) {
		char pragma[64];

		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d",
			 version + 1);
		if (store_exec(s, "BEGIN IMMEDIATE", err) != 0)
			return -1;
		if (store_exec(s, migrations[version], err) != 0 ||
		    store_exec(s, pragma, err) != 0 ||
		    store_exec(s, "COMMIT", err) != 0) {
			sq.sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}

struct pp_store *
pp_store_open(const char *dir, struct pp_error *err)
{
	struct pp_store *s;
	char *path;

	if (PP_DYNLIB_LOAD(&sql_lib, SQL_FUNCS, sq, err) != 0)
		return NULL;
	s = g_new0(struct pp_store, 1);
	path = g_build_filename(dir, PP_STORE_FILE, NULL);

	g_mutex_init(&s->lock);
	if (g_mkdir_with_parents(dir, 0700) != 0 ||
	    sq.sqlite3_open_v2(path, &s->db,
			       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
				   SQLITE_OPEN_FULLMUTEX,
			       NULL) != SQLITE_OK) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("drafts database: cannot open %s"), path);
		g_free(path);
		pp_store_close(s);
		return NULL;
	}
	g_free(path);
	sq.sqlite3_busy_timeout(s->db, 5000);
	if (store_exec(s, "PRAGMA journal_mode = WAL", err) != 0 ||
	    store_exec(s, "PRAGMA synchronous = FULL", err) != 0 ||
	    store_exec(s, "PRAGMA foreign_keys = ON", err) != 0 ||
	    store_migrate(s, err) != 0) {
		pp_store_close(s);
		return NULL;
	}
	return s;
}

void
pp_store_close(struct pp_store *s)
{
	if (s == NULL)
		return;
	if (s->db != NULL) {
		sq.sqlite3_wal_checkpoint_v2(
		    s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
		sq.sqlite3_close_v2(s->db);
	}
	g_mutex_clear(&s->lock);
	g_free(s);
}

/* Prepares sql, binding the arguments described by types: 'i' a gint64,
 * 't' a text, 'b' a blob (pointer then size_t). */
static sqlite3_stmt *
store_prepare(struct pp_store *s, struct pp_error *err, const char *sql,
	      const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int i;

	if (sq.sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, err, sql);
		return NULL;
	}
	va_start(ap, types);
	for (i = 0; types[i] != '\0'; i++) {
		int rc;

		if (types[i] == 'i') {
			rc = sq.sqlite3_bind_int64(st, i + 1,
						   va_arg(ap, gint64));
		} else if (types[i] == 't') {
			rc = sq.sqlite3_bind_text(st, i + 1,
						  va_arg(ap, const char *), -1,
						  SQLITE_TRANSIENT);
		} else {
			const void *p = va_arg(ap, const void *);
			size_t n = va_arg(ap, size_t);

			rc = sq.sqlite3_bind_blob64(st, i + 1, p, n,
						    SQLITE_TRANSIENT);
		}
		if (rc != SQLITE_OK) {
			va_end(ap);
			store_fail(s, err, sql);
			sq.sqlite3_finalize(st);
			return NULL;
		}
	}
	va_end(ap);
	return st;
}

/* Runs a statement that returns no row; the rows it changed, or -1. */
static int
store_run(struct pp_store *s, struct pp_error *err, sqlite3_stmt *st)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = sq.sqlite3_step(st);
	sq.sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, err, "step");
		return -1;
	}
	return sq.sqlite3_changes(s->db);
}

/* A single integer the statement returns, def when it returns no row. */
static gint64
store_int(struct pp_store *s, struct pp_error *err, sqlite3_stmt *st,
	  gint64 def)
{
	gint64 v = def;
	int rc;

	if (st == NULL)
		return -1;
	rc = sq.sqlite3_step(st);
	if (rc == SQLITE_ROW)
		v = sq.sqlite3_column_int64(st, 0);
	else if (rc != SQLITE_DONE)
		v = -1, store_fail(s, err, "step");
	sq.sqlite3_finalize(st);
	return v;
}

static char *
store_text(sqlite3_stmt *st, int col)
{
	const unsigned char *t = sq.sqlite3_column_text(st, col);

	return g_strdup(t != NULL ? (const char *)t : "");
}

#define NOW "strftime('%Y-%m-%d %H:%M:%S', 'now')"

/* Inside a transaction: appends yaml as the next version of draft id. */
static gint64
store_add_version(struct pp_store *s, gint64 id, const char *yaml,
		  struct pp_error *err)
{
	gint64 v = store_int(
	    s, err,
	    store_prepare(s, err, "SELECT version FROM drafts WHERE id = ?",
			  "i", id),
	    -2);

	if (v == -2)
		return 0; /* no such draft */
	if (v < 0)
		return -1;
	v++;
	if (store_run(s, err,
		      store_prepare(s, err,
				    "INSERT INTO versions VALUES (?, ?, ?, " NOW
				    ")",
				    "iit", id, v, yaml)) < 0 ||
	    store_run(s, err,
		      store_prepare(s, err,
				    "UPDATE drafts SET yaml = ?, version = ?, "
				    "updated = " NOW " WHERE id = ?",
				    "tii", yaml, v, id)) < 0)
		return -1;
	return v;
}

/* Runs body between BEGIN IMMEDIATE and COMMIT (ROLLBACK when it gives a
 * value <= 0), under the lock. */
#define STORE_TRANSACTION(s, err, result, body)                                \
	do {                                                                   \
		g_mutex_lock(&(s)->lock);                                      \
		if (store_exec((s), "BEGIN IMMEDIATE", (err)) != 0) {          \
			(result) = -1;                                         \
		} else {                                                       \
			body;                                                  \
			if ((result) > 0 &&                                    \
			    store_exec((s), "COMMIT", (err)) != 0)             \
				(result) = -1;                                 \
			if ((result) <= 0)                                     \
				sq.sqlite3_exec((s)->db, "ROLLBACK", NULL,     \
						NULL, NULL);                   \
		}                                                              \
		g_mutex_unlock(&(s)->lock);                                    \
	} while (0)

gint64
pp_store_create(struct pp_store *s, const char *name, const char *models,
		const char *yaml, struct pp_error *err)
{
	gint64 id = -1;

	STORE_TRANSACTION(s, err, id, {
		id = store_run(
			 s, err,
			 store_prepare(s, err,
				       "INSERT INTO drafts (name, models, "
				       "yaml, version, created, updated) "
				       "VALUES (?, ?, ?, 0, " NOW ", " NOW ")",
				       "ttt", name, models, yaml)) < 0
			 ? -1
			 : sq.sqlite3_last_insert_rowid(s->db);
		if (id > 0 && store_add_version(s, id, yaml, err) <= 0)
			id = -1;
	});
	return id;
}

gint64
pp_store_save(struct pp_store *s, gint64 id, const char *yaml,
	      struct pp_error *err)
{
	gint64 v = -1;

	STORE_TRANSACTION(s, err, v, v = store_add_version(s, id, yaml, err));
	return v;
}

static struct pp_draft *
store_draft_row(sqlite3_stmt *st, int with_text)
{
	struct pp_draft *d = g_new0(struct pp_draft, 1);

	d->id = sq.sqlite3_column_int64(st, 0);
	d->name = store_text(st, 1);
	d->models = store_text(st, 2);
	d->version = sq.sqlite3_column_int64(st, 3);
	d->created = store_text(st, 4);
	d->updated = store_text(st, 5);
	if (with_text)
		d->yaml = store_text(st, 6);
	return d;
}

struct pp_draft *
pp_store_get(struct pp_store *s, gint64 id, struct pp_error *err)
{
	struct pp_draft *d = NULL;
	sqlite3_stmt *st;

	g_mutex_lock(&s->lock);
	st =
	    store_prepare(s, err,
			  "SELECT id, name, models, version, created, updated, "
			  "yaml FROM drafts WHERE id = ?",
			  "i", id);
	if (st != NULL) {
		int rc = sq.sqlite3_step(st);

		if (rc == SQLITE_ROW)
			d = store_draft_row(st, 1);
		else if (rc != SQLITE_DONE)
			store_fail(s, err, "get");
		sq.sqlite3_finalize(st);
	}
	g_mutex_unlock(&s->lock);
	return d;
}

/* Collects the rows of st with row() into a GPtrArray freeing with
 * free_fn; NULL on failure. */
static GPtrArray *
store_rows(struct pp_store *s, struct pp_error *err, sqlite3_stmt *st,
	   void *(*row)(sqlite3_stmt *st, int arg), int arg,
	   GDestroyNotify free_fn)
{
	GPtrArray *a;
	int rc;

	if (st == NULL)
		return NULL;
	a = g_ptr_array_new_with_free_func(free_fn);
	while ((rc = sq.sqlite3_step(st)) == SQLITE_ROW)
		g_ptr_array_add(a, row(st, arg));
	sq.sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, err, "list");
		g_ptr_array_free(a, TRUE);
		return NULL;
	}
	return a;
}

static void *
store_draft_row_any(sqlite3_stmt *st, int arg)
{
	return store_draft_row(st, arg);
}

GPtrArray *
pp_store_list(struct pp_store *s, struct pp_error *err)
{
	GPtrArray *a;

	g_mutex_lock(&s->lock);
	a = store_rows(
	    s, err,
	    store_prepare(s, err,
			  "SELECT id, name, models, version, created, "
			  "updated FROM drafts ORDER BY updated "
			  "DESC, id DESC",
			  ""),
	    store_draft_row_any, 0, pp_draft_free);
	g_mutex_unlock(&s->lock);
	return a;
}

int
pp_store_delete(struct pp_store *s, gint64 id, struct pp_error *err)
{
	int n = -1;

	STORE_TRANSACTION(
	    s, err, n,
	    n = store_run(s, err,
			  store_prepare(s, err,
					"DELETE FROM drafts WHERE id = ?", "i",
					id)));
	return n < 0 ? -1 : n > 0;
}

gint64
pp_store_duplicate(struct pp_store *s, gint64 id, const char *name,
		   struct pp_error *err)
{
	gint64 copy = -1;

	STORE_TRANSACTION(s, err, copy, {
		copy = store_run(
		    s, err,
		    store_prepare(s, err,
				  "INSERT INTO drafts (name, models, "
				  "yaml, version, created, updated) "
				  "SELECT ?, models, yaml, 0, " NOW ", " NOW
				  " FROM drafts WHERE id = ?",
				  "ti", name, id));
		if (copy > 0) {
			char *yaml = NULL;
			sqlite3_stmt *st;

			copy = sq.sqlite3_last_insert_rowid(s->db);
			st = store_prepare(
			    s, err, "SELECT yaml FROM drafts WHERE id = ?", "i",
			    copy);
			if (st != NULL && sq.sqlite3_step(st) == SQLITE_ROW)
				yaml = store_text(st, 0);
			sq.sqlite3_finalize(st);
			if (yaml == NULL ||
			    store_add_version(s, copy, yaml, err) <= 0 ||
			    store_run(
				s, err,
				store_prepare(s, err,
					      "INSERT INTO files SELECT ?, "
					      "name, data FROM files "
					      "WHERE draft = ?",
					      "ii", copy, id)) < 0)
				copy = -1;
			g_free(yaml);
		}
	});
	return copy;
}

static void *
store_version_row(sqlite3_stmt *st, int arg)
{
	struct pp_draft_version *v = g_new0(struct pp_draft_version, 1);

	(void)arg;
	v->version = sq.sqlite3_column_int64(st, 0);
	v->created = store_text(st, 1);
	v->bytes = sq.sqlite3_column_int64(st, 2);
	return v;
}

GPtrArray *
pp_store_versions(struct pp_store *s, gint64 id, struct pp_error *err)
{
	GPtrArray *a;

	g_mutex_lock(&s->lock);
	a = store_rows(
	    s, err,
	    store_prepare(s, err,
			  "SELECT version, created, length(CAST(yaml "
			  "AS BLOB)) FROM versions WHERE draft = ? "
			  "ORDER BY version DESC",
			  "i", id),
	    store_version_row, 0, pp_draft_version_free);
	g_mutex_unlock(&s->lock);
	return a;
}

char *
pp_store_version_text(struct pp_store *s, gint64 id, gint64 version,
		      struct pp_error *err)
{
	char *yaml = NULL;
	sqlite3_stmt *st;

	g_mutex_lock(&s->lock);
	st = store_prepare(
	    s, err, "SELECT yaml FROM versions WHERE draft = ? AND version = ?",
	    "ii", id, version);
	if (st != NULL) {
		if (sq.sqlite3_step(st) == SQLITE_ROW)
			yaml = store_text(st, 0);
		sq.sqlite3_finalize(st);
	}
	g_mutex_unlock(&s->lock);
	return yaml;
}

gint64
pp_store_restore(struct pp_store *s, gint64 id, gint64 version,
		 struct pp_error *err)
{
	gint64 v = -1;

	STORE_TRANSACTION(s, err, v, {
		char *yaml = NULL;
		sqlite3_stmt *st = store_prepare(
		    s, err,
		    "SELECT yaml FROM versions WHERE draft = ? AND version = ?",
		    "ii", id, version);

		if (st != NULL && sq.sqlite3_step(st) == SQLITE_ROW)
			yaml = store_text(st, 0);
		sq.sqlite3_finalize(st);
		v = yaml == NULL ? 0 : store_add_version(s, id, yaml, err);
		g_free(yaml);
	});
	return v;
}

int
pp_store_file_name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > PP_STORE_MAX_FILE_NAME || name[0] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (!g_ascii_isalnum(name[i]) && name[i] != '.' &&
		    name[i] != '-' && name[i] != '_')
			return 0;
	return 1;
}

int
pp_store_file_put(struct pp_store *s, gint64 id, const char *name,
		  const void *data, size_t len, struct pp_error *err)
{
	gint64 n = -1;

	STORE_TRANSACTION(s, err, n, {
		n = store_int(s, err,
			      store_prepare(s, err,
					    "SELECT count(*) FROM drafts WHERE "
					    "id = ?",
					    "i", id),
			      0);
		if (n > 0)
			n = store_run(
			    s, err,
			    store_prepare(s, err,
					  "INSERT OR REPLACE INTO files "
					  "VALUES (?, ?, ?)",
					  "itb", id, name,
					  data != NULL ? data : "", len));
	});
	return n < 0 ? -1 : n > 0;
}

static void *
store_file_row(sqlite3_stmt *st, int with_data)
{
	struct pp_draft_file *f = g_new0(struct pp_draft_file, 1);

	f->name = store_text(st, 0);
	f->bytes = sq.sqlite3_column_int64(st, 1);
	if (with_data)
		f->data = g_bytes_new(sq.sqlite3_column_blob(st, 2),
				      (gsize)sq.sqlite3_column_bytes(st, 2));
	return f;
}

GPtrArray *
pp_store_files(struct pp_store *s, gint64 id, int with_data,
	       struct pp_error *err)
{
	GPtrArray *a;

	g_mutex_lock(&s->lock);
	a = store_rows(
	    s, err,
	    store_prepare(s, err,
			  with_data ? "SELECT name, length(data), data FROM "
				      "files WHERE draft = ? ORDER BY name"
				    : "SELECT name, length(data) FROM files "
				      "WHERE draft = ? ORDER BY name",
			  "i", id),
	    store_file_row, with_data, pp_draft_file_free);
	g_mutex_unlock(&s->lock);
	return a;
}

void
pp_draft_free(void *p)
{
	struct pp_draft *d = p;

	if (d == NULL)
		return;
	g_free(d->name);
	g_free(d->models);
	g_free(d->yaml);
	g_free(d->created);
	g_free(d->updated);
	g_free(d);
}

void
pp_draft_version_free(void *p)
{
	struct pp_draft_version *v = p;

	if (v == NULL)
		return;
	g_free(v->created);
	g_free(v);
}

void
pp_draft_file_free(void *p)
{
	struct pp_draft_file *f = p;

	if (f == NULL)
		return;
	g_free(f->name);
	if (f->data != NULL)
		g_bytes_unref(f->data);
	g_free(f);
}

/* --- Campaign kits -------------------------------------------------------- */

gint64
pp_store_kit_create(struct pp_store *s, const char *file, struct pp_error *err)
{
	gint64 id = -1;

	STORE_TRANSACTION(s, err, id, {
		id = store_run(s, err,
			       store_prepare(s, err,
					     "INSERT INTO kits (file, state, "
					     "created, updated) VALUES (?, "
					     "'running', " NOW ", " NOW ")",
					     "t", file)) < 0
			 ? -1
			 : sq.sqlite3_last_insert_rowid(s->db);
	});
	return id;
}

int
pp_store_kit_progress(struct pp_store *s, gint64 id, gint64 done, gint64 total,
		      struct pp_error *err)
{
	int n;

	g_mutex_lock(&s->lock);
	n = store_run(s, err,
		      store_prepare(s, err,
				    "UPDATE kits SET done = ?, total = ?, "
				    "updated = " NOW
				    " WHERE id = ? AND state = 'running'",
				    "iii", done, total, id));
	g_mutex_unlock(&s->lock);
	return n;
}

int
pp_store_kit_finish(struct pp_store *s, gint64 id, const char *state,
		    const char *campaign, const char *message,
		    struct pp_error *err)
{
	int n;

	g_mutex_lock(&s->lock);
	n = store_run(s, err,
		      store_prepare(s, err,
				    "UPDATE kits SET state = ?, campaign = ?, "
				    "message = ?, updated = " NOW
				    " WHERE id = ?",
				    "ttti", state, campaign, message, id));
	g_mutex_unlock(&s->lock);
	return n;
}

int
pp_store_kit_interrupt_all(struct pp_store *s, struct pp_error *err)
{
	int n;

	g_mutex_lock(&s->lock);
	n = store_run(s, err,
		      store_prepare(s, err,
				    "UPDATE kits SET state = 'interrupted', "
				    "updated = " NOW " WHERE state = 'running'",
				    ""));
	g_mutex_unlock(&s->lock);
	return n;
}

int
pp_store_kit_delete(struct pp_store *s, gint64 id, struct pp_error *err)
{
	int n;

	g_mutex_lock(&s->lock);
	n = store_run(s, err,
		      store_prepare(s, err,
				    "DELETE FROM kits WHERE id = ? AND "
				    "state != 'running'",
				    "i", id));
	g_mutex_unlock(&s->lock);
	return n;
}

static void *
store_kit_row(sqlite3_stmt *st, int arg)
{
	struct pp_kit_job *k = g_new0(struct pp_kit_job, 1);

	(void)arg;
	k->id = sq.sqlite3_column_int64(st, 0);
	k->file = store_text(st, 1);
	k->state = store_text(st, 2);
	k->campaign = store_text(st, 3);
	k->done = sq.sqlite3_column_int64(st, 4);
	k->total = sq.sqlite3_column_int64(st, 5);
	k->message = store_text(st, 6);
	k->created = store_text(st, 7);
	k->updated = store_text(st, 8);
	return k;
}

#define STORE_KIT_COLUMNS                                                      \
	"SELECT id, file, state, campaign, done, total, message, created, "    \
	"updated FROM kits"

struct pp_kit_job *
pp_store_kit_get(struct pp_store *s, gint64 id, struct pp_error *err)
{
	struct pp_kit_job *k = NULL;
	GPtrArray *a;

	g_mutex_lock(&s->lock);
	a = store_rows(
	    s, err,
	    store_prepare(s, err, STORE_KIT_COLUMNS " WHERE id = ?", "i", id),
	    store_kit_row, 0, pp_kit_job_free);
	g_mutex_unlock(&s->lock);
	if (a != NULL && a->len > 0)
		k = g_ptr_array_steal_index(a, 0);
	if (a != NULL)
		g_ptr_array_free(a, TRUE);
	return k;
}

GPtrArray *
pp_store_kit_list(struct pp_store *s, struct pp_error *err)
{
	GPtrArray *a;

	g_mutex_lock(&s->lock);
	a = store_rows(
	    s, err,
	    store_prepare(s, err, STORE_KIT_COLUMNS " ORDER BY id DESC", ""),
	    store_kit_row, 0, pp_kit_job_free);
	g_mutex_unlock(&s->lock);
	return a;
}

void
pp_kit_job_free(void *p)
{
	struct pp_kit_job *k = p;

	if (k == NULL)
		return;
	g_free(k->file);
	g_free(k->state);
	g_free(k->campaign);
	g_free(k->message);
	g_free(k->created);
	g_free(k->updated);
	g_free(k);
}
