/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "calendar.h"
#include "french.h"
#include "i18n.h"
#include "schema.h"
#include "value.h"
#include "xalloc.h"
#include "yamlin.h"

/* The name of each kind of election, as printed in running text. */
static const struct {
	const char *kind, *label;
} calendar_labels[] = {
    {"municipales", "élections municipales"},
    {"cantonales", "élections cantonales"},
    {"departementales", "élections départementales"},
    {"regionales", "élections régionales"},
    {"legislatives", "élections législatives"},
    {"senatoriales", "élections sénatoriales"},
    {"presidentielle", "élection présidentielle"},
    {"europeennes", "élections européennes"},
    {"referendum", "référendum"},
};

static const char *
calendar_label(const char *kind)
{
	size_t i;

	for (i = 0; i < G_N_ELEMENTS(calendar_labels); i++)
		if (strcmp(calendar_labels[i].kind, kind) == 0)
			return calendar_labels[i].label;
	return NULL;
}

/*
 * "élections municipales des 15 et 22 mars 2026": the label, then the
 * rounds in words, the month and year written once when they are shared.
 */
static const char *
calendar_name(struct pp_arena *a, const char *label,
	      const struct pp_value *rounds)
{
	struct pp_buf b, one;
	size_t i, n = rounds->u.list.n;
	const char *last = pp_value_string(rounds->u.list.items[n - 1]);
	const char *r;

	pp_buf_init(&b);
	pp_buf_init(&one);
	pp_buf_addf(&b, "%s %s ", label, n > 1 ? "des" : "du");
	for (i = 0; i < n; i++) {
		const char *s, *p, *q;
		size_t len;

		r = pp_value_string(rounds->u.list.items[i]);
		pp_buf_reset(&one);
		pp_fr_date_long(r, &one);
		s = pp_buf_str(&one);
		len = strlen(s);
		if (i + 1 < n && strncmp(r, last, 7) == 0) {
			/* the month and year of the last round: the day */
			q = strstr(s, PP_NBSP);
			len = q != NULL ? (size_t)(q - s) : len;
		} else if (i + 1 < n && strncmp(r, last, 4) == 0) {
			/* its year: the day and month */
			for (p = s; (q = strstr(p, PP_NBSP)) != NULL; p = q + 1)
				len = (size_t)(q - s);
		}
		if (i > 0)
			pp_buf_adds(&b, i + 1 == n ? " et " : ", ");
		pp_buf_add(&b, s, len);
	}
	r = pp_arena_strdup(a, pp_buf_str(&b));
	pp_buf_fini(&one);
	pp_buf_fini(&b);
	return r;
}

static const char *
calendar_text(const struct pp_value *entry, const char *key)
{
	const struct pp_value *v = pp_value_map_get(entry, key);

	return v != NULL ? pp_value_string(v) : NULL;
}

/* What the schema cannot say, then the election as the checks use it. */
static int
calendar_fill_one(struct pp_calendar *c, const struct pp_value *entry,
		  size_t index, struct pp_election *e, struct pp_diags *d)
{
	char path[64];
	const struct pp_value *rounds = pp_value_map_get(entry, "tours");
	const struct pp_value *reserve =
	    pp_value_map_get(entry, "debut_reserve");
	const char *label = calendar_text(entry, "intitule");
	size_t i;

	for (i = 1; i < rounds->u.list.n; i++) {
		const struct pp_value *r = rounds->u.list.items[i];

		if (strcmp(pp_value_string(r),
			   pp_value_string(rounds->u.list.items[i - 1])) <= 0) {
			snprintf(path, sizeof(path), "elections[%zu].tours",
				 index + 1);
			pp_diags_add(d, PP_DIAG_CALENDAR, &r->pos, path,
				     _("the rounds must be in order, each "
				       "after the one before"));
			return -1;
		}
	}
	if (strcmp(pp_value_string(reserve),
		   pp_value_string(rounds->u.list.items[0])) > 0) {
		snprintf(path, sizeof(path), "elections[%zu].debut_reserve",
			 index + 1);
		pp_diags_add(d, PP_DIAG_CALENDAR, &reserve->pos, path,
			     _("the reserve period must start on or before "
			       "the first round (%s)"),
			     pp_value_string(rounds->u.list.items[0]));
		return -1;
	}
	e->kind = pp_arena_strdup(c->arena, calendar_text(entry, "type"));
	if (label == NULL)
		label = calendar_label(e->kind);
	e->name =
	    calendar_name(c->arena, label != NULL ? label : e->kind, rounds);
	e->scope = pp_arena_strdup(c->arena, calendar_text(entry, "portee"));
	e->areas =
	    calendar_text(entry, "territoires") != NULL
		? pp_arena_strdup(c->arena, calendar_text(entry, "territoires"))
		: NULL;
	e->reserve_start = pp_arena_strdup(c->arena, pp_value_string(reserve));
	e->first_round =
	    pp_arena_strdup(c->arena, pp_value_string(rounds->u.list.items[0]));
	e->last_round = pp_arena_strdup(
	    c->arena,
	    pp_value_string(rounds->u.list.items[rounds->u.list.n - 1]));
	e->pos = entry->pos;
	e->pos.file = pp_arena_strdup(c->arena, entry->pos.file);
	return 0;
}

static int
calendar_check_version(const struct pp_value *root, struct pp_diags *d)
{
	const struct pp_value *v = root->kind == PP_VALUE_MAP
				       ? pp_value_map_get(root, "version")
				       : NULL;

	if (v != NULL && v->kind == PP_VALUE_INT && v->u.integer == 1)
		return 0;
	pp_diags_add(d, PP_DIAG_CALENDAR, v != NULL ? &v->pos : &root->pos,
		     "version",
		     _("the electoral calendar must begin with \"version: "
		       "1\""));
	return -1;
}

int
pp_calendar_load(const char *datadir, struct pp_calendar **out,
		 struct pp_diags *d, struct pp_error *err)
{
	char *path = g_build_filename(datadir, PP_CALENDAR_FILE, NULL);
	char *schema_path = g_build_filename(
	    datadir, "models", "calendrier-electoral.schema.yaml", NULL);
	struct pp_schema *schema = NULL;
	struct pp_arena *tmp = NULL;
	struct pp_calendar *c = NULL;
	struct pp_value *root, *list;
	size_t i;
	int rc = -1;

	*out = NULL;
	/* Without it a relay in a reserve period would pass unnoticed: a
	 * data folder that lost its calendar is an error, not a silence. */
	if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
		struct pp_pos pos = {path, 0, 0};

		pp_error_set(err, PP_DIAG_CALENDAR, &pos,
			     _("the electoral calendar is missing: the "
			       "pre-election reserve periods cannot be "
			       "checked (restore this file from paraphe's "
			       "data)"));
		goto done;
	}
	schema = pp_schema_load(schema_path, NULL, err);
	if (schema == NULL)
		goto done;
	tmp = pp_arena_new();
	/* The same reader and limits as a form. */
	root = pp_yaml_read_file_report(tmp, path, d, err);
	if (root == NULL)
		goto done;
	if (calendar_check_version(root, d) != 0 ||
	    pp_schema_validate(schema, tmp, root, d) > 0)
		goto done;
	list = pp_value_map_get(root, "elections");
	c = pp_xcalloc(1, sizeof(*c));
	c->arena = pp_arena_new();
	c->items =
	    pp_arena_alloc(c->arena, (list->u.list.n + 1) * sizeof(*c->items));
	for (i = 0; i < list->u.list.n; i++)
		if (calendar_fill_one(c, list->u.list.items[i], i,
				      &c->items[c->n], d) == 0)
			c->n++;
	if (c->n < list->u.list.n)
		goto done;
	*out = c;
	c = NULL;
	rc = 0;
done:
	pp_calendar_free(c);
	pp_arena_free(tmp);
	pp_schema_free(schema);
	g_free(schema_path);
	g_free(path);
	return rc;
}

void
pp_calendar_free(struct pp_calendar *c)
{
	if (c == NULL)
		return;
	pp_arena_free(c->arena);
	free(c);
}

const struct pp_election *
pp_calendar_overlap(const struct pp_calendar *c, const char *debut,
		    const char *fin)
{
	size_t i;

	if (c == NULL || debut == NULL || fin == NULL)
		return NULL;
	/* YYYY-MM-DD dates compare as text. */
	for (i = 0; i < c->n; i++)
		if (strcmp(debut, c->items[i].last_round) <= 0 &&
		    strcmp(fin, c->items[i].reserve_start) >= 0)
			return &c->items[i];
	return NULL;
}
