/* SPDX-License-Identifier: EUPL-1.2 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "csvin.h"
#include "fileio.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlin.h"

void
pp_csv_limits_default(struct pp_csv_limits *lim)
{
	lim->max_bytes = 16u << 20;
	lim->max_rows = 100000;
	lim->max_cols = 500;
	lim->max_cell = 64u << 10;
}

struct csv_reader {
	struct pp_arena *arena;
	const char *file; /* arena-owned */
	const struct pp_csv_limits *lim;
	pp_csv_key_kind kind;
	void *kind_data;
	struct pp_error *err;
	struct pp_value *rows; /* the result */
	char **header;	       /* keys of the columns */
	size_t ncols;
	size_t row, col;	  /* current cell, 1-based */
	struct pp_value *current; /* map of the row being read */
	int failed;
};

static struct pp_pos
csv_pos(const struct csv_reader *r)
{
	struct pp_pos pos = {r->file, (int)r->row, (int)r->col};

	return pos;
}

/*
 * A date as French spreadsheets write it, JJ/MM/AAAA (or J/M/AAAA), as
 * AAAA-MM-JJ into iso; 0 when text is not so shaped.  Whether the day
 * exists is left to validation, which names it.
 */
static int
csv_date_iso(const char *text, char iso[32])
{
	unsigned d, m, y;
	int n2 = 0, n3 = 0;

	/* Only digits and two slashes, the year of four digits. */
	if (strspn(text, "0123456789/") != strlen(text) ||
	    sscanf(text, "%2u/%2u%n/%4u%n", &d, &m, &n2, &y, &n3) != 3 ||
	    text[n3] != '\0' || n3 - n2 != 5 || d < 1 || d > 31 || m < 1 ||
	    m > 12)
		return 0;
	snprintf(iso, 32, "%04u-%02u-%02u", y, m, d);
	return 1;
}

/* Puts value at the dotted key, making the maps on the way. */
static int
csv_set(struct csv_reader *r, struct pp_value *map, const char *key,
	struct pp_value *value)
{
	const char *dot = strchr(key, '.');
	struct pp_pos pos = csv_pos(r);

	if (dot == NULL) {
		if (pp_value_map_get(map, key) != NULL) {
			pp_error_set(r->err, PP_DIAG_CSV, &pos,
				     _("the column \"%s\" appears twice"), key);
			return -1;
		}
		pp_value_map_append(r->arena, map, key, &pos, value);
		return 0;
	} else {
		char *head =
		    pp_arena_strndup(r->arena, key, (size_t)(dot - key));
		struct pp_value *sub = pp_value_map_get(map, head);

		if (sub == NULL) {
			sub = pp_value_new(r->arena, PP_VALUE_MAP, &pos);
			pp_value_map_append(r->arena, map, head, &pos, sub);
		} else if (sub->kind != PP_VALUE_MAP) {
			pp_error_set(r->err, PP_DIAG_CSV, &pos,
				     _("the column \"%s\" needs \"%s\" to be "
				       "a group of keys, but another column "
				       "gives it a value"),
				     key, head);
			return -1;
		}
		return csv_set(r, sub, dot + 1, value);
	}
}

static void
csv_cell(void *data, size_t len, void *closure)
{
	struct csv_reader *r = closure;
	const char *s = data != NULL ? data : "";
	struct pp_pos pos;
	struct pp_value *v;
	uint32_t cp;

	if (r->failed)
		return;
	r->col++;
	pos = csv_pos(r);
	if (len > r->lim->max_cell) {
		pp_error_set(r->err, PP_DIAG_TOO_BIG, &pos,
			     _("this cell holds %zu bytes; the limit is %zu"),
			     len, r->lim->max_cell);
		r->failed = 1;
		return;
	}
	if (r->col > r->lim->max_cols) {
		pp_error_set(r->err, PP_DIAG_TOO_BIG, &pos,
			     _("more than %zu columns"), r->lim->max_cols);
		r->failed = 1;
		return;
	}
	if (memchr(s, '\0', len) != NULL ||
	    pp_utf8_check(s, len, NULL, &cp) != PP_UTF8_OK) {
		pp_error_set(r->err, PP_DIAG_CSV, &pos,
			     _("this cell is not valid UTF-8 text: export "
			       "the table as \"CSV UTF-8\""));
		r->failed = 1;
		return;
	}
	{
		size_t at = pp_utf8_find_hidden(s, len, 1, &cp);

		if (at != (size_t)-1) {
			char label[80];

			pp_error_set(
			    r->err, PP_DIAG_HIDDEN_CHARACTER, &pos,
			    _("character %ld of this cell is the invisible "
			      "character %s: it can reorder or hide the text "
			      "around it; delete it (retype the cell if it "
			      "was pasted)"),
			    g_utf8_pointer_to_offset(s, s + at) + 1,
			    pp_unichar_label(cp, label, sizeof(label)));
			r->failed = 1;
			return;
		}
	}
	if (r->row == 1) {
		char *key = pp_arena_strndup(r->arena, s, len);
		size_t i;

		g_strstrip(key);
		{
			/* Forms are shallow: a key deeper than 16 levels is a
			 * mistake, or an attack. */
			size_t dots = 0;
			const char *q;

			for (q = key; *q != '\0'; q++)
				dots += *q == '.';
			if (dots > 15) {
				pp_error_set(r->err, PP_DIAG_CSV, &pos,
					     _("the header \"%.40s...\" nests "
					       "more than 16 keys"),
					     key);
				r->failed = 1;
				return;
			}
		}
		if (key[0] == '\0' ||
		    strspn(key, "abcdefghijklmnopqrstuvwxyz0123456789_.") !=
			strlen(key) ||
		    key[0] == '.' || key[strlen(key) - 1] == '.' ||
		    strstr(key, "..") != NULL) {
			pp_error_set(r->err, PP_DIAG_CSV, &pos,
				     _("the header \"%s\" is not a key such as "
				       "partenaire.siren"),
				     key);
			r->failed = 1;
			return;
		}
		for (i = 0; i < r->ncols; i++)
			if (strcmp(r->header[i], key) == 0) {
				pp_error_set(r->err, PP_DIAG_CSV, &pos,
					     _("the column \"%s\" appears "
					       "twice"),
					     key);
				r->failed = 1;
				return;
			}
		r->header = pp_xreallocarray(r->header, r->ncols + 1,
					     sizeof(*r->header));
		r->header[r->ncols++] = key;
		return;
	}
	if (r->col > r->ncols) {
		if (len == 0)
			return;
		pp_error_set(r->err, PP_DIAG_CSV, &pos,
			     _("this cell is beyond the last named column"));
		r->failed = 1;
		return;
	}
	{
		char *text = pp_arena_strndup(r->arena, s, len);
		char iso[32];
		int kind;

		g_strstrip(text);
		if (text[0] == '\0')
			return; /* empty: the defaults apply */
		if (r->current == NULL) {
			struct pp_pos rpos = {r->file, (int)r->row, 1};

			r->current =
			    pp_value_new(r->arena, PP_VALUE_MAP, &rpos);
		}
		kind = r->kind != NULL
			   ? r->kind(r->kind_data, r->header[r->col - 1])
			   : PP_CSV_PLAIN;
		if (kind == PP_CSV_LIST) {
			char **parts = g_strsplit(text, "|", 0);
			int i;

			v = pp_value_new(r->arena, PP_VALUE_LIST, &pos);
			for (i = 0; parts[i] != NULL; i++) {
				struct pp_value *item;

				g_strstrip(parts[i]);
				if (parts[i][0] == '\0')
					continue;
				item = pp_value_new_string(
				    r->arena, parts[i], strlen(parts[i]), &pos);
				pp_yaml_resolve_plain(item);
				pp_value_list_append(r->arena, v, item);
			}
			g_strfreev(parts);
		} else if (kind == PP_CSV_DATE && csv_date_iso(text, iso)) {
			/* The text as written stays the raw one. */
			v = pp_value_new_string(r->arena, iso, strlen(iso),
						&pos);
			v->raw = text;
		} else {
			v = pp_value_new_string(r->arena, text, strlen(text),
						&pos);
			pp_yaml_resolve_plain(v);
		}
		if (csv_set(r, r->current, r->header[r->col - 1], v) != 0)
			r->failed = 1;
	}
}

static void
csv_row(int c, void *closure)
{
	struct csv_reader *r = closure;

	(void)c;
	if (r->failed)
		return;
	/* The header is row 1: this row is data row r->row - 1. */
	if (r->row > r->lim->max_rows + 1) {
		struct pp_pos pos = {r->file, (int)r->row, 1};

		pp_error_set(r->err, PP_DIAG_TOO_BIG, &pos,
			     _("more than %zu rows"), r->lim->max_rows);
		r->failed = 1;
		return;
	}
	if (r->row > 1 && r->current != NULL)
		pp_value_list_append(r->arena, r->rows, r->current);
	r->current = NULL;
	r->row++;
	r->col = 0;
}

/*
 * Whether data, not UTF-8, is Windows-1252 text: it decodes so (the five
 * bytes that code nothing refuse it) and holds no UTF-8 sequence beyond
 * ASCII, which would tell a UTF-8 table with a stray byte (better refused
 * at that cell than shown with mangled accents).  Then *out (free with
 * g_free) holds it as UTF-8, *out_len its length.
 */
static int
csv_is_cp1252(const char *data, size_t len, char **out, size_t *out_len)
{
	gsize written = 0;
	size_t i;

	if (g_utf8_validate(data, (gssize)len, NULL) ||
	    memchr(data, '\0', len) != NULL)
		return 0;
	for (i = 0; i < len; i++) {
		const char *end = NULL;

		if ((unsigned char)data[i] < 0x80)
			continue;
		if (g_utf8_validate(data + i, (gssize)MIN(len - i, 4), &end) ||
		    end > data + i)
			return 0;
	}
	*out = g_convert(data, (gssize)len, "UTF-8", "WINDOWS-1252", NULL,
			 &written, NULL);
	if (*out == NULL)
		return 0;
	*out_len = written;
	return 1;
}

struct pp_value *
pp_csv_read_mem(struct pp_arena *a, const char *name, const char *data,
		size_t len, const struct pp_csv_limits *lim,
		pp_csv_key_kind kind, void *kind_data,
		struct pp_diags *warnings, struct pp_error *err)
{
	struct pp_csv_limits def;
	struct csv_reader r;
	struct csv_parser p;
	size_t semi = 0, comma = 0, i;
	struct pp_pos top = {NULL, 1, 1};
	char *decoded = NULL;

	if (lim == NULL) {
		pp_csv_limits_default(&def);
		lim = &def;
	}
	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.file = pp_arena_strdup(a, name);
	r.lim = lim;
	r.kind = kind;
	r.kind_data = kind_data;
	r.err = err;
	r.row = 1;
	top.file = r.file;
	if (len > lim->max_bytes) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &top,
			     _("the table is %zu bytes long; the limit is %zu"),
			     len, lim->max_bytes);
		return NULL;
	}
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (csv_is_cp1252(data, len, &decoded, &len)) {
		struct pp_pos whole = {r.file, 0, 0};

		data = decoded;
		if (warnings != NULL)
			pp_diags_add(
			    warnings, PP_DIAG_CSV_ENCODING, &whole, NULL,
			    _("this table is not UTF-8: it is read as "
			      "Windows-1252, the encoding of \"CSV "
			      "(point-virgule)\" in Excel; check its accents, "
			      "or save it as \"CSV UTF-8\""));
	}
	/* French spreadsheets export with ';': count on the header line. */
	for (i = 0; i < len && data[i] != '\n'; i++) {
		if (data[i] == ';')
			semi++;
		else if (data[i] == ',')
			comma++;
	}
	r.rows = pp_value_new(a, PP_VALUE_LIST, &top);
	/* CSV_STRICT_FINI: without it, a quote left open at the end of the
	 * table is silently closed there. */
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL |
			     CSV_EMPTY_IS_NULL) != 0)
		abort();
	csv_set_delim(&p, semi > comma ? ';' : ',');
	if (csv_parse(&p, data, len, csv_cell, csv_row, &r) != len &&
	    !r.failed) {
		/* r.col cells of the row are read: the next one is wrong. */
		struct pp_pos pos = {r.file, (int)r.row, (int)r.col + 1};

		pp_error_set(err, PP_DIAG_CSV, &pos,
			     _("the table cannot be read here: %s (a quote "
			       "inside a cell must be doubled)"),
			     csv_strerror(csv_error(&p)));
		r.failed = 1;
	}
	if (!r.failed && csv_fini(&p, csv_cell, csv_row, &r) != 0 &&
	    !r.failed) {
		struct pp_pos pos = {r.file, (int)r.row, (int)r.col + 1};

		pp_error_set(err, PP_DIAG_CSV, &pos,
			     _("the table ends inside a quoted cell"));
		r.failed = 1;
	}
	csv_free(&p);
	free(r.header);
	if (!r.failed && r.ncols == 0) {
		pp_error_set(err, PP_DIAG_CSV, &top,
			     _("the table is empty: its first row names the "
			       "keys (id, partenaire.denomination...)"));
		r.failed = 1;
	}
	g_free(decoded);
	return r.failed ? NULL : r.rows;
}

struct pp_value *
pp_csv_read_file(struct pp_arena *a, const char *path,
		 const struct pp_csv_limits *lim, pp_csv_key_kind kind,
		 void *kind_data, struct pp_diags *warnings,
		 struct pp_error *err)
{
	struct pp_csv_limits def;
	struct pp_value *v;
	char *data;
	size_t len;

	if (lim == NULL) {
		pp_csv_limits_default(&def);
		lim = &def;
	}
	if (pp_file_read(path, lim->max_bytes, &data, &len, err) != 0)
		return NULL;
	v = pp_csv_read_mem(a, path, data, len, lim, kind, kind_data, warnings,
			    err);
	free(data);
	return v;
}
