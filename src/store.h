/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The drafts of paraphe serve: an SQLite database in the server's data
 * folder holding each draft's form (YAML text), its uploaded files (logos,
 * annexes) and every version saved, so that an earlier one can be
 * restored, and the state of the campaign kits the server builds
 * (servekit.c: their files are in the data folder).  Created on first start;
 * its schema is versioned (PRAGMA user_version) and migrated forward when the
 * server starts.  Written in WAL mode with synchronous FULL: a save that
 * returned is on disk, and a server killed during a save loses that save only.
 * Every call is serialised by the store's own lock: any thread may call it.
 */
#ifndef PP_STORE_H
#define PP_STORE_H

#include <glib.h>
#include <stddef.h>

#include "diag.h"

struct pp_store;

/* The database file's name in the data folder. */
#define PP_STORE_FILE "paraphe.db"
/* The schema version this paraphe writes. */
#define PP_STORE_SCHEMA 3
/* What a draft's name, a file's name and a file may hold. */
#define PP_STORE_MAX_NAME      200
#define PP_STORE_MAX_FILE_NAME 100

struct pp_draft {
	gint64 id;
	char *name;
	char *models;		 /* "convention", "fiche-projet" or
				    "convention,fiche-projet" */
	char *yaml;		 /* NULL in lists */
	char *created, *updated; /* "YYYY-MM-DD HH:MM:SS" UTC */
	gint64 version;		 /* the latest version's number */
};

struct pp_draft_version {
	gint64 version;
	char *created;
	gint64 bytes;
};

struct pp_draft_file {
	char *name;
	GBytes *data; /* NULL in lists */
	gint64 bytes;
};

/* Opens (creating and migrating) dir/paraphe.db; NULL with err filled. */
struct pp_store *pp_store_open(const char *dir, struct pp_error *err);
/* Checkpoints the write-ahead log and closes. */
void pp_store_close(struct pp_store *s);

/* Creates a draft with its first version; its id, or -1 with err. */
gint64 pp_store_create(struct pp_store *s, const char *name, const char *models,
		       const char *yaml, struct pp_error *err);
/* Saves yaml as the draft's new version; the version's number, 0 when
 * there is no such draft, -1 with err. */
gint64 pp_store_save(struct pp_store *s, gint64 id, const char *yaml,
		     struct pp_error *err);
/* The draft with its text; NULL when there is none (err set on failure). */
struct pp_draft *pp_store_get(struct pp_store *s, gint64 id,
			      struct pp_error *err);
/* Every draft, most recently changed first, without their text: a
 * GPtrArray freeing them; NULL with err. */
GPtrArray *pp_store_list(struct pp_store *s, struct pp_error *err);
/* 1 deleted, 0 no such draft, -1 with err. */
int pp_store_delete(struct pp_store *s, gint64 id, struct pp_error *err);
/* A copy of draft id (text and files, history restarting at 1) named
 * name; its id, 0 when there is no such draft, -1 with err. */
gint64 pp_store_duplicate(struct pp_store *s, gint64 id, const char *name,
			  struct pp_error *err);
/* The versions of a draft, newest first (struct pp_draft_version); NULL
 * with err.  Empty when there is no such draft. */
GPtrArray *pp_store_versions(struct pp_store *s, gint64 id,
			     struct pp_error *err);
/* The text of one version (g_free), NULL when there is none. */
char *pp_store_version_text(struct pp_store *s, gint64 id, gint64 version,
			    struct pp_error *err);
/* Saves version's text as a new version; its number, 0 when there is
 * no such version, -1 with err. */
gint64 pp_store_restore(struct pp_store *s, gint64 id, gint64 version,
			struct pp_error *err);
/* Stores (replacing) an uploaded file of a draft; 1, 0 no such draft, -1
 * with err. */
int pp_store_file_put(struct pp_store *s, gint64 id, const char *name,
		      const void *data, size_t len, struct pp_error *err);
/* A draft's files, by name (struct pp_draft_file, with their data when
 * with_data); NULL with err. */
GPtrArray *pp_store_files(struct pp_store *s, gint64 id, int with_data,
			  struct pp_error *err);
/* Whether name may name an uploaded file: letters, digits, '.', '-', '_',
 * not starting with '.', at most PP_STORE_MAX_FILE_NAME bytes. */
int pp_store_file_name_ok(const char *name);

/* A campaign kit built by the server: state is "running", "done",
 * "failed" or "interrupted" (the server stopped while it ran). */
struct pp_kit_job {
	gint64 id;
	char *file; /* the campaign file's name, as uploaded */
	char *state;
	char *campaign;	    /* its campagne.id once built, else "" */
	gint64 done, total; /* partners built, of those to build */
	char *message;	    /* why it failed, else "" */
	char *created, *updated;
};

/* A new kit, running; its id, or -1 with err. */
gint64 pp_store_kit_create(struct pp_store *s, const char *file,
			   struct pp_error *err);
/* Records a running kit's progress; the rows changed, -1 with err. */
int pp_store_kit_progress(struct pp_store *s, gint64 id, gint64 done,
			  gint64 total, struct pp_error *err);
/* Records a kit's end (state, campaign id, message); -1 with err. */
int pp_store_kit_finish(struct pp_store *s, gint64 id, const char *state,
			const char *campaign, const char *message,
			struct pp_error *err);
/* Marks every running kit interrupted (at start: a server was killed; at
 * stop); the rows changed, -1 with err. */
int pp_store_kit_interrupt_all(struct pp_store *s, struct pp_error *err);
/* Forgets a kit that is not running: 1, 0 none such, -1 with err. */
int pp_store_kit_delete(struct pp_store *s, gint64 id, struct pp_error *err);
/* One kit (NULL: none, err set on failure); every kit, newest first. */
struct pp_kit_job *pp_store_kit_get(struct pp_store *s, gint64 id,
				    struct pp_error *err);
GPtrArray *pp_store_kit_list(struct pp_store *s, struct pp_error *err);
void pp_kit_job_free(void *k);

void pp_draft_free(void *d);
void pp_draft_version_free(void *v);
void pp_draft_file_free(void *f);

#endif
