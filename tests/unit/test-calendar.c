/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/calendar.c: the shipped electoral calendar, the names
 * of elections (month and year written once when shared), the reserve
 * period's bounds (both days included), and a data folder without one.
 */
#include "calendar.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A data folder whose calendar is text, with the shipped schema. */
static char *
make_datadir(const char *srcdir, const char *text)
{
	char *dir = g_dir_make_tmp("pp-calendar-XXXXXX", NULL);
	char *models = g_build_filename(dir, "models", NULL);
	char *src = g_build_filename(srcdir, "models",
				     "calendrier-electoral.schema.yaml", NULL);
	char *dst =
	    g_build_filename(models, "calendrier-electoral.schema.yaml", NULL);
	char *cal = g_build_filename(dir, PP_CALENDAR_FILE, NULL);
	char *schema = NULL;
	gsize len = 0;

	g_mkdir_with_parents(models, 0755);
	if (g_file_get_contents(src, &schema, &len, NULL))
		g_file_set_contents(dst, schema, (gssize)len, NULL);
	if (text != NULL)
		g_file_set_contents(cal, text, -1, NULL);
	g_free(schema);
	g_free(cal);
	g_free(dst);
	g_free(src);
	g_free(models);
	return dir;
}

static void
remove_datadir(char *dir)
{
	char *models = g_build_filename(dir, "models", NULL);
	char *a =
	    g_build_filename(models, "calendrier-electoral.schema.yaml", NULL);
	char *b = g_build_filename(dir, PP_CALENDAR_FILE, NULL);

	remove(a);
	remove(b);
	remove(models);
	remove(dir);
	g_free(a);
	g_free(b);
	g_free(models);
	g_free(dir);
}

static void
test_shipped(const char *srcdir)
{
	struct pp_calendar *c = NULL;
	struct pp_diags d;
	struct pp_error err;
	const struct pp_election *e;

	pp_diags_init(&d);
	pp_error_init(&err);
	INT_EQ(pp_calendar_load(srcdir, &c, &d, &err), 0,
	       "the shipped calendar loads");
	INT_EQ(d.n, 0, "without a message");
	OK(c != NULL && c->n >= 1, "with at least one election");
	e = pp_calendar_overlap(c, "2026-03-01", "2026-03-10");
	OK(e != NULL, "1-10 March 2026 meets a reserve period");
	if (e != NULL) {
		STR_EQ(e->name,
		       "élections municipales des 15 et 22\xc2\xa0"
		       "mars\xc2\xa0"
		       "2026",
		       "the municipal elections of 2026, by name");
		STR_EQ(e->reserve_start, "2026-02-01",
		       "reserve from 1 February 2026");
		STR_EQ(e->last_round, "2026-03-22", "until the last round");
		STR_EQ(e->scope, "nationale", "nationwide");
	}
	OK(pp_calendar_overlap(c, "2026-01-01", "2026-02-01") != NULL,
	   "the first day of the reserve counts");
	OK(pp_calendar_overlap(c, "2026-03-22", "2026-04-30") != NULL,
	   "the last round counts");
	OK(pp_calendar_overlap(c, "2026-01-01", "2026-01-31") == NULL,
	   "the day before the reserve does not");
	OK(pp_calendar_overlap(c, "2026-03-23", "2026-04-30") == NULL,
	   "the day after the last round does not");
	OK(pp_calendar_overlap(NULL, "2026-03-01", "2026-03-10") == NULL,
	   "no calendar, no overlap");
	pp_calendar_free(c);
	pp_diags_fini(&d);
}

/* Loads text as the calendar of a scratch data folder. */
static struct pp_calendar *
load_text(const char *srcdir, const char *text, struct pp_diags *d, int *rc)
{
	struct pp_calendar *c = NULL;
	struct pp_error err;
	char *dir = make_datadir(srcdir, text);

	pp_error_init(&err);
	*rc = pp_calendar_load(dir, &c, d, &err);
	remove_datadir(dir);
	return c;
}

static void
test_names(const char *srcdir)
{
	struct pp_diags d;
	struct pp_calendar *c;
	int rc;

	pp_diags_init(&d);
	c = load_text(srcdir,
		      "version: 1\n"
		      "elections:\n"
		      "  - { type: europeennes, tours: [2029-06-10], "
		      "portee: nationale, debut_reserve: 2029-05-01 }\n"
		      "  - { type: legislatives, tours: [2027-02-28, "
		      "2027-03-07], portee: locale, debut_reserve: "
		      "2027-01-15 }\n"
		      "  - { type: autre, intitule: \"référendum local\", "
		      "tours: [2027-12-26, 2028-01-02], portee: locale, "
		      "debut_reserve: 2027-12-01 }\n",
		      &d, &rc);
	INT_EQ(rc, 0, "a calendar of three elections loads");
	INT_EQ(c != NULL ? c->n : 0, 3, "three elections");
	if (c != NULL && c->n == 3) {
		STR_EQ(c->items[0].name,
		       "élections européennes du 10\xc2\xa0juin\xc2\xa0"
		       "2029",
		       "one round: « du »");
		STR_EQ(c->items[1].name,
		       "élections législatives des 28\xc2\xa0"
		       "février et 7\xc2\xa0mars\xc2\xa0"
		       "2027",
		       "two months of one year: the year once");
		STR_EQ(c->items[2].name,
		       "référendum local des 26\xc2\xa0"
		       "décembre\xc2\xa0"
		       "2027 et 2\xc2\xa0janvier\xc2\xa0"
		       "2028",
		       "two years: each date whole, the name given");
	}
	pp_calendar_free(c);
	pp_diags_fini(&d);
}

static void
test_mistakes(const char *srcdir)
{
	struct pp_diags d;
	struct pp_calendar *c;
	char *dir;
	int rc;

	pp_diags_init(&d);
	c = load_text(srcdir,
		      "version: 1\n"
		      "elections:\n"
		      "  - type: municipales\n"
		      "    tours: [2026-03-15]\n"
		      "    portee: nationale\n"
		      "    debut_reserve: 2026-03-16\n",
		      &d, &rc);
	INT_EQ(rc, -1, "a reserve after the first round is refused");
	OK(c == NULL, "no calendar");
	OK(d.n == 1 && d.items[0].code == PP_DIAG_CALENDAR &&
	       d.items[0].line == 6 && d.items[0].col == 20,
	   "reported at the reserve's date, code calendar");
	pp_diags_fini(&d);

	pp_diags_init(&d);
	c = load_text(srcdir, "version: 2\nelections: []\n", &d, &rc);
	INT_EQ(rc, -1, "another version is refused");
	OK(d.n == 1 && d.items[0].line == 1, "at the version");
	pp_calendar_free(c);
	pp_diags_fini(&d);

	pp_diags_init(&d);
	dir = make_datadir(srcdir, NULL);
	{
		struct pp_error err;

		pp_error_init(&err);
		c = (struct pp_calendar *)1;
		rc = pp_calendar_load(dir, &c, &d, &err);
		INT_EQ(rc, -1, "no calendar file: an error, not a silence");
		OK(c == NULL, "and no calendar");
		OK(err.set && err.code == PP_DIAG_CALENDAR,
		   "reported as a calendar error");
		OK(err.set &&
		       strstr(err.file, "calendrier-electoral.yaml") != NULL,
		   "at the calendar's path");
	}
	remove_datadir(dir);
	pp_diags_fini(&d);
}

int
main(void)
{
	const char *srcdir = getenv("PARAPHE_DATADIR");

	if (srcdir == NULL)
		srcdir = "..";
	test_shipped(srcdir);
	test_names(srcdir);
	test_mistakes(srcdir);
	return harness_done();
}
