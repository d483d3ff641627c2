/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The command line (main.c and cli*.c): one file per subcommand, each a
 * cli_COMMAND(argc, argv, datadir) returning the exit status, and the
 * helpers they share in cli.c.  These files are the only ones that print:
 * the library reports through pp_diags and pp_error.
 */
#ifndef PP_CLI_H
#define PP_CLI_H

#include <stddef.h>
#include <stdio.h>

#include "paraphe.h"

/* Exit statuses, documented in paraphe(1). */
enum {
	EXIT_OK = 0,
	EXIT_INVALID = 1, /* a form or document breaks a rule */
	EXIT_USAGE = 2,	  /* bad command line, or a file that cannot be read */
};

extern const char *const progname;

/* The subcommands. */
int cli_validate(int argc, char **argv, const char *datadir);
int cli_init(int argc, char **argv, const char *datadir);
int cli_models(int argc, char **argv, const char *datadir);
int cli_schema(int argc, char **argv, const char *datadir);
int cli_formats(void);
int cli_render(int argc, char **argv, const char *datadir);
int cli_kit(int argc, char **argv, const char *datadir);
int cli_check(int argc, char **argv, const char *datadir);
int cli_watch(int argc, char **argv, const char *datadir);
int cli_diff(int argc, char **argv, const char *datadir);
int cli_source(int argc, char **argv);
int cli_serve(int argc, char **argv, const char *datadir);

/* s escaped for a terminal; lives until the fourth next call. */
const char *cli_safe(const char *s);
/* Forgets the files read again to quote their lines in diagnostics. */
void cli_sources_forget(void);
/* Whether out takes colours (a terminal, NO_COLOR unset, not "dumb"). */
int cli_colour(FILE *out);
void cli_print_diag_prefixed(FILE *out, const struct pp_diag *g,
			     const char *prefix);
void cli_print_kit_diag(FILE *out, const struct pp_diag *g,
			const char *campaign, const char *prefix);
void cli_print_diag(FILE *out, const struct pp_diag *g);
void cli_print_error(const struct pp_error *err);
/* A whole decimal number from min to max; -1 for anything else. */
int cli_parse_int(const char *s, int min, int max, int *out);
/* "K/N" with 1 <= K <= N <= 100000. */
int cli_parse_shard(const char *s, int *k, int *n);
/* "-f pdf,odt" as a set of pp_output_bit; -1 with a message. */
int cli_parse_formats(const char *command, const char *format,
		      unsigned *formats);
size_t cli_text_width(const char *text);
void cli_print_wrapped(FILE *out, const char *text, size_t indent,
		       size_t width);

#endif
