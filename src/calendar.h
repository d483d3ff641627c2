/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The electoral calendar (models/calendrier-electoral.yaml): elections and
 * the pre-election reserve period of each, data the ministry updates.  Read
 * with the forms' YAML reader and limits, checked against
 * models/calendrier-electoral.schema.yaml, then for what the schema cannot
 * say; every mistake is reported with its line and column.
 */
#ifndef PP_CALENDAR_H
#define PP_CALENDAR_H

#include <stddef.h>

#include "diag.h"

/* The file, relative to the data folder. */
#define PP_CALENDAR_FILE "models/calendrier-electoral.yaml"

struct pp_election {
	const char *kind;	   /* "municipales" */
	const char *name;	   /* "élections municipales des 15 et 22 mars
				      2026", no-break spaces in the date */
	const char *scope;	   /* "nationale" or "locale" */
	const char *areas;	   /* the areas of a local election, or NULL */
	const char *reserve_start; /* YYYY-MM-DD */
	const char *first_round;   /* YYYY-MM-DD */
	const char *last_round;	   /* YYYY-MM-DD, the end of the reserve */
	struct pp_pos pos;	   /* the election's entry in the file */
};

struct pp_calendar {
	struct pp_election *items; /* arena-owned */
	size_t n;
	struct pp_arena *arena;
};

/*
 * Loads datadir's calendar.  0 with *out NULL when the data folder has none
 * (no reserve period is then known); 0 with *out set on success; -1 when
 * the file is malformed (every mistake appended to d) or cannot be read
 * (err filled).
 */
int pp_calendar_load(const char *datadir, struct pp_calendar **out,
		     struct pp_diags *d, struct pp_error *err);
void pp_calendar_free(struct pp_calendar *c);

/*
 * The first election whose reserve period (reserve_start to last_round,
 * both included) meets the period debut..fin (YYYY-MM-DD, included), or
 * NULL.  c may be NULL.
 */
const struct pp_election *pp_calendar_overlap(const struct pp_calendar *c,
					      const char *debut,
					      const char *fin);

#endif
