/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Shared by the subcommands: printing diagnostics with their source lines,
 * escaping what comes from inputs, reading numbers in arguments.
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

/*
 * s (a file name, an id) escaped for a terminal (pp_text_escape): text
 * taken from inputs is never printed raw (issue 15).  The result lives
 * until the fourth next call, enough for one message.
 */
const char *
cli_safe(const char *s)
{
	static char *ring[4];
	static unsigned next;
	char **slot = &ring[next++ % 4];

	free(*slot);
	*slot = pp_text_escape(s);
	return *slot;
}

/* The files diagnostics point into, read again to show their lines;
 * cli_watch forgets them before each round. */
static struct pp_snippets *cli_sources;

void
cli_sources_forget(void)
{
	pp_snippets_free(cli_sources);
	cli_sources = NULL;
}

/* Colours on a terminal only, and never when NO_COLOR is set to anything
 * (https://no-color.org) or the terminal is "dumb". */
int
cli_colour(FILE *out)
{
	const char *no = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	return isatty(fileno(out)) && (no == NULL || no[0] == '\0') &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

/* A diagnostic, its source line and its note, each line after prefix. */
void
cli_print_diag_prefixed(FILE *out, const struct pp_diag *g, const char *prefix)
{
	char *text;

	if (cli_sources == NULL)
		cli_sources = pp_snippets_new();
	text = pp_snippets_render(cli_sources, g, cli_colour(out), prefix);
	fputs(text, out);
	free(text);
}

/*
 * A partner's message in a kit: with its source line when it points into
 * the campaign file the user named, but never quoting a line of another
 * file (a partner form, a table) -- a campaign must not make paraphe
 * repeat a file it was pointed at (issue 15).
 */
void
cli_print_kit_diag(FILE *out, const struct pp_diag *g, const char *campaign,
		   const char *prefix)
{
	char *a = g->file != NULL ? realpath(g->file, NULL) : NULL;
	char *b = realpath(campaign, NULL);
	int same = a != NULL && b != NULL && strcmp(a, b) == 0;

	free(a);
	free(b);
	if (same) {
		cli_print_diag_prefixed(out, g, prefix);
	} else {
		char *line = pp_diag_format(g), *note = pp_diag_format_note(g);

		fprintf(out, "%s%s\n", prefix, line);
		if (note != NULL)
			fprintf(out, "%s%s\n", prefix, note);
		free(line);
		free(note);
	}
}

void
cli_print_diag(FILE *out, const struct pp_diag *g)
{
	cli_print_diag_prefixed(out, g, "");
}

void
cli_print_error(const struct pp_error *err)
{
	struct pp_diags d;

	pp_diags_init(&d);
	pp_diags_add_error(&d, err);
	cli_print_diag(stderr, &d.items[0]);
	pp_diags_fini(&d);
}

/* --- numbers in arguments ------------------------------------------- */

/* A whole decimal number from min to max, nothing before or after it: "4"
 * but not "4x", " 4", "+4", "0x4" or "". */
int
cli_parse_int(const char *s, int min, int max, int *out)
{
	long v = 0;
	const char *p;

	if (s == NULL || *s == '\0' || strlen(s) > 9)
		return -1;
	for (p = s; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* "K/N" with 1 <= K <= N <= 100000. */
int
cli_parse_shard(const char *s, int *k, int *n)
{
	const char *slash = strchr(s, '/');
	char *left;
	int rc;

	if (slash == NULL)
		return -1;
	left = g_strndup(s, (gsize)(slash - s));
	rc = cli_parse_int(left, 1, 100000, k) != 0 ||
		     cli_parse_int(slash + 1, 1, 100000, n) != 0 || *k > *n
		 ? -1
		 : 0;
	g_free(left);
	return rc;
}
