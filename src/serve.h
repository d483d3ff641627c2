/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the web workspace and its JSON API (doc/api.md).  One
 * process serving HTTP with libmicrohttpd, a thread per connection;
 * validation runs in the server, renders and checks in worker processes
 * (children of a pre-loaded pool running the command line's code, with
 * memory and time limits: servepool.c) behind a bounded queue; drafts
 * live in the SQLite store (store.h).
 */
#ifndef PP_SERVE_H
#define PP_SERVE_H

#include "diag.h"

/* The largest form (YAML) a request may send, and the largest document
 * or uploaded file: over them the answer is 413 (doc/api.md). */
#define PP_SERVE_MAX_FORM   (1u << 20)
#define PP_SERVE_MAX_UPLOAD (32u << 20)
/* Campaign kits (the "Campagnes" page, /api/v1/kits): the files sent with
 * a campaign file, it included; the largest partner table and other file
 * (logo, form, annex); the kits prepared at once, over which the answer
 * is 503.  The whole upload is at most PP_SERVE_MAX_UPLOAD. */
#define PP_SERVE_KIT_MAX_FILES 64u
#define PP_SERVE_KIT_MAX_TABLE (8u << 20)
#define PP_SERVE_KIT_MAX_FILE  (5u << 20)
#define PP_SERVE_KITS	       2
/* A worker's limits: data memory and wall-clock time. */
#define PP_SERVE_WORKER_MIB	768
#define PP_SERVE_WORKER_SECONDS 60

struct pp_serve_opts {
	const char *listen;	 /* "HOST:PORT" (port 0: any free one) */
	const char *datadir;	 /* models, charters */
	const char *data;	 /* the server's data folder (drafts) */
	const char *exe;	 /* this paraphe, which the workers run */
	int workers;		 /* renders and checks at once, >= 1 */
	int queue;		 /* requests that may wait for a worker;
				    < 0: SERVE_QUEUE_PER_WORKER per worker */
	const char *auth_token;	 /* NULL, or the bearer token required */
	const char *auth_header; /* NULL, or the header a proxy sets */
	int pool;      /* renders and checks in the pre-loaded pool (exe is this
			  paraphe), else each in an exec'd exe */
	int keep_kits; /* days a finished kit is kept; 0: until deleted */
};

/* The default of --keep-kits: a kit is kept a month after it ended. */
#define PP_SERVE_KEEP_KITS_DAYS 30

/*
 * Whether host (numeric, or "localhost") is a loopback address: 1 yes,
 * 0 no, -1 not an address.
 */
int pp_serve_host_is_loopback(const char *host);

/*
 * Serves until SIGTERM or SIGINT: then stops accepting, lets the requests
 * under way finish, closes the database and returns 0.  -1 with err filled
 * when the server cannot start (address in use, data folder unusable).
 * Prints one access-log line per request, and the address it listens on
 * once ready, on stderr.
 */
int pp_serve_run(const struct pp_serve_opts *o, struct pp_error *err);

/*
 * The worker pool's process (servepool.c): what "paraphe serve" runs when
 * the server started it with PARAPHE_SERVE_POOL_FD set.  Runs each job it
 * receives on socket fd with run, the subcommand's entry point (argv[0]
 * the subcommand), in a forked child; returns when the server is gone.
 */
int pp_serve_pool_main(int fd, const char *datadir,
		       int (*run)(int argc, char **argv, const char *datadir));

#endif
