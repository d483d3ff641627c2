/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe serve: the web workspace and its JSON API (serve.c), started
 * from the command line.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <gio/gio.h>
#include <glib.h>
#include <locale.h>
#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "config.h"
#include "confine.h"
#include "i18n.h"
#include "paraphe.h"
#include "utf8.h"

#include "cli.h"
#include "serve.h"

/* --- paraphe serve ---------------------------------------------------- */

static void
cli_usage_serve(FILE *out)
{
	fprintf(out,
		_("Usage: %s serve [--listen HOST:PORT] [--data DIR] "
		  "[--workers N]\n"
		  "               [--queue N] [--keep-kits DAYS]\n"
		  "               [--auth TOKENFILE | --auth-header NAME]\n"
		  "Serves the web workspace and its JSON API (doc/api.md): "
		  "drafts, forms\nchecked as you type, previews, downloads, "
		  "charter checks.\n"
		  "\n"
		  "  -l, --listen HOST:PORT  address to listen on (default: "
		  "127.0.0.1:8080;\n"
		  "                          port 0: any free port)\n"
		  "  -d, --data DIR          the drafts database's folder "
		  "(default:\n"
		  "                          paraphe-donnees)\n"
		  "  -j, --workers N         renders and checks at once "
		  "(default: 2)\n"
		  "      --queue N           requests that may wait for a "
		  "worker before the\n"
		  "                          server answers 503 (default: 4 "
		  "per worker)\n"
		  "      --keep-kits DAYS    days a campaign kit is kept "
		  "once ready (default:\n"
		  "                          30; 0: until someone deletes "
		  "it)\n"
		  "      --auth TOKENFILE    require \"Authorization: Bearer "
		  "TOKEN\", TOKEN\n"
		  "                          being the file's first line\n"
		  "      --auth-header NAME  require the header NAME, set by "
		  "a reverse\n"
		  "                          proxy that authenticated the "
		  "user\n"
		  "  -h, --help              show this help\n"
		  "\nAn address other than the loopback needs --auth or "
		  "--auth-header.\nSIGTERM or SIGINT stops it cleanly.\n"
		  "\nExit status: 0 stopped by a signal, 2 usage error or "
		  "cannot start.\n"),
		progname);
}

/* What a job of the worker pool runs: the subcommand's own entry point,
 * as main() would dispatch to it. */
static int
cli_serve_job(int argc, char **argv, const char *datadir)
{
	if (strcmp(argv[0], "render") == 0)
		return cli_render(argc, argv, datadir);
	if (strcmp(argv[0], "check") == 0)
		return cli_check(argc, argv, datadir);
	if (strcmp(argv[0], "validate") == 0)
		return cli_validate(argc, argv, datadir);
	return EXIT_USAGE;
}

int
cli_serve(int argc, char **argv, const char *datadir)
{
	static const struct option opts[] = {
	    {"listen", required_argument, NULL, 'l'},
	    {"data", required_argument, NULL, 'd'},
	    {"workers", required_argument, NULL, 'j'},
	    {"queue", required_argument, NULL, 'Q'},
	    {"keep-kits", required_argument, NULL, 'K'},
	    {"auth", required_argument, NULL, 'a'},
	    {"auth-header", required_argument, NULL, 'H'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	struct pp_serve_opts o = {"127.0.0.1:8080",
				  datadir,
				  "paraphe-donnees",
				  NULL,
				  2,
				  -1,
				  NULL,
				  NULL,
				  0,
				  PP_SERVE_KEEP_KITS_DAYS};
	const char *token_file = NULL;
	char *token = NULL, *exe, *host, *data;
	struct pp_error err;
	int c, rc;

	/* Started by a server as its worker pool (servepool.c). */
	if (getenv("PARAPHE_SERVE_POOL_FD") != NULL && argc == 1) {
		if (cli_parse_int(getenv("PARAPHE_SERVE_POOL_FD"), 3, 1024,
				  &c) != 0)
			return EXIT_USAGE;
		return pp_serve_pool_main(c, datadir, cli_serve_job) == 0
			   ? EXIT_OK
			   : EXIT_USAGE;
	}
	optind = 1;
	while ((c = getopt_long(argc, argv, "l:d:j:h", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			o.listen = optarg;
			break;
		case 'd':
			o.data = optarg;
			break;
		case 'j':
			if (cli_parse_int(optarg, 1, 64, &o.workers) != 0) {
				fprintf(stderr,
					_("%s serve: --workers wants a "
					  "number from 1 to 64\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'Q':
			if (cli_parse_int(optarg, 0, 10000, &o.queue) != 0) {
				fprintf(stderr,
					_("%s serve: --queue wants a number "
					  "from 0 to 10000\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'K':
			if (cli_parse_int(optarg, 0, 36500, &o.keep_kits) !=
			    0) {
				fprintf(stderr,
					_("%s serve: --keep-kits wants a "
					  "number of days from 0 to 36500\n"),
					progname);
				return EXIT_USAGE;
			}
			break;
		case 'a':
			token_file = optarg;
			break;
		case 'H':
			o.auth_header = optarg;
			break;
		case 'h':
			cli_usage_serve(stdout);
			return EXIT_OK;
		default:
			cli_usage_serve(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		cli_usage_serve(stderr);
		return EXIT_USAGE;
	}
	if (token_file != NULL) {
		gsize len;

		if (!g_file_get_contents(token_file, &token, &len, NULL) ||
		    strlen(g_strstrip(token)) < 16) {
			fprintf(stderr,
				_("%s serve: %s: cannot read a token of at "
				  "least 16 characters\n"),
				progname, cli_safe(token_file));
			g_free(token);
			return EXIT_USAGE;
		}
		if (strchr(token, '\n') != NULL)
			*strchr(token, '\n') = '\0';
		o.auth_token = token;
	}
	host = strrchr(o.listen, ':') != NULL
		   ? g_strndup(o.listen,
			       (gsize)(strrchr(o.listen, ':') - o.listen))
		   : g_strdup(o.listen);
	if (host[0] == '[') {
		memmove(host, host + 1, strlen(host));
		if (strchr(host, ']') != NULL)
			*strchr(host, ']') = '\0';
	}
	if (host[0] != '\0' && pp_serve_host_is_loopback(host) != 1 &&
	    o.auth_token == NULL && o.auth_header == NULL) {
		fprintf(stderr,
			_("%s serve: %s is not a loopback address: give "
			  "--auth TOKENFILE or --auth-header NAME so that "
			  "only your users reach the drafts\n"),
			progname, cli_safe(host));
		g_free(host);
		g_free(token);
		return EXIT_USAGE;
	}
	g_free(host);
	/* PARAPHE_SERVE_WORKER: the program the workers run instead of this
	 * paraphe (tests: one that waits for a signal). */
	exe = getenv("PARAPHE_SERVE_WORKER") != NULL &&
		      getenv("PARAPHE_SERVE_WORKER")[0] != '\0'
		  ? g_strdup(getenv("PARAPHE_SERVE_WORKER"))
		  : g_file_read_link("/proc/self/exe", NULL);
	data = g_canonicalize_filename(o.data, NULL);
	o.exe = exe;
	o.data = data;
	o.pool = getenv("PARAPHE_SERVE_WORKER") == NULL ||
		 getenv("PARAPHE_SERVE_WORKER")[0] == '\0';
	pp_error_init(&err);
	rc = exe == NULL ? -1 : pp_serve_run(&o, &err);
	if (rc != 0) {
		if (err.set)
			cli_print_error(&err);
		else
			fprintf(stderr, _("%s serve: cannot start\n"),
				progname);
	}
	g_free(exe);
	g_free(data);
	g_free(token);
	return rc == 0 ? EXIT_OK : EXIT_USAGE;
}
