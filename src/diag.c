/* SPDX-License-Identifier: EUPL-1.2 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

static const struct {
	const char *code;
	enum pp_severity severity;
	const char *summary;
} diag_table[PP_DIAG__COUNT] = {
#define X(name, code, sev, summary) {code, PP_SEV_##sev, summary},
#include "diag.def"
#undef X
};

const char *
pp_diag_code_name(enum pp_diag_code code)
{
	return code < PP_DIAG__COUNT ? diag_table[code].code : "?";
}

enum pp_severity
pp_diag_code_severity(enum pp_diag_code code)
{
	return code < PP_DIAG__COUNT ? diag_table[code].severity : PP_SEV_ERROR;
}

const char *
pp_diag_code_summary(enum pp_diag_code code)
{
	return code < PP_DIAG__COUNT ? _(diag_table[code].summary) : "";
}

const char *
pp_severity_name(enum pp_severity sev)
{
	switch (sev) {
	case PP_SEV_NOTE:
		return _("note");
	case PP_SEV_WARNING:
		return _("warning");
	case PP_SEV_ERROR:
		return _("error");
	}
	return "?";
}

void
pp_error_init(struct pp_error *err)
{
	if (err != NULL)
		memset(err, 0, sizeof(*err));
}

void
pp_error_set(struct pp_error *err, enum pp_diag_code code,
	     const struct pp_pos *pos, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || err->set)
		return;
	err->set = 1;
	err->code = code;
	if (pos != NULL && pos->file != NULL)
		snprintf(err->file, sizeof(err->file), "%s", pos->file);
	else
		err->file[0] = '\0';
	err->line = pos != NULL ? pos->line : 0;
	err->col = pos != NULL ? pos->col : 0;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
}

void
pp_error_note(struct pp_error *err, const struct pp_pos *pos, const char *fmt,
	      ...)
{
	va_list ap;

	if (err == NULL || !err->set || err->note[0] != '\0')
		return;
	err->note_line = pos != NULL ? pos->line : 0;
	err->note_col = pos != NULL ? pos->col : 0;
	va_start(ap, fmt);
	vsnprintf(err->note, sizeof(err->note), fmt, ap);
	va_end(ap);
}

void
pp_diags_init(struct pp_diags *d)
{
	d->items = NULL;
	d->n = 0;
	d->cap = 0;
}

void
pp_diags_fini(struct pp_diags *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->items[i].file);
		free(d->items[i].path);
		free(d->items[i].message);
		free(d->items[i].note_file);
		free(d->items[i].note_path);
		free(d->items[i].note);
	}
	free(d->items);
	pp_diags_init(d);
}

static struct pp_diag *
diags_push(struct pp_diags *d, enum pp_diag_code code, const char *file,
	   int line, int col, const char *path)
{
	struct pp_diag *g;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->items =
		    pp_xreallocarray(d->items, d->cap, sizeof(*d->items));
	}
	g = &d->items[d->n++];
	g->code = code;
	g->severity = pp_diag_code_severity(code);
	g->file = file != NULL && file[0] != '\0' ? pp_xstrdup(file) : NULL;
	g->line = line;
	g->col = col;
	g->path = path != NULL && path[0] != '\0' ? pp_xstrdup(path) : NULL;
	g->message = NULL;
	g->note_file = NULL;
	g->note_line = g->note_col = 0;
	g->note_path = NULL;
	g->note = NULL;
	return g;
}

void
pp_diags_add(struct pp_diags *d, enum pp_diag_code code,
	     const struct pp_pos *pos, const char *path, const char *fmt, ...)
{
	struct pp_diag *g;
	va_list ap;
	int n;

	g = diags_push(d, code, pos != NULL ? pos->file : NULL,
		       pos != NULL ? pos->line : 0, pos != NULL ? pos->col : 0,
		       path);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	g->message = pp_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	g->message[0] = '\0';
	va_start(ap, fmt);
	if (n > 0)
		vsnprintf(g->message, (size_t)n + 1, fmt, ap);
	va_end(ap);
}

static char *
diag_vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	char *s;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	s = pp_xmalloc(n > 0 ? (size_t)n + 1 : 1);
	s[0] = '\0';
	if (n > 0)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

void
pp_diags_add_note(struct pp_diags *d, const struct pp_pos *pos,
		  const char *path, const char *fmt, ...)
{
	struct pp_diag *g;
	va_list ap;

	if (d->n == 0)
		return;
	g = &d->items[d->n - 1];
	free(g->note_file);
	free(g->note_path);
	free(g->note);
	g->note_file = pos != NULL && pos->file != NULL && pos->file[0] != '\0'
			   ? pp_xstrdup(pos->file)
			   : NULL;
	g->note_line = pos != NULL ? pos->line : 0;
	g->note_col = pos != NULL ? pos->col : 0;
	g->note_path =
	    path != NULL && path[0] != '\0' ? pp_xstrdup(path) : NULL;
	va_start(ap, fmt);
	g->note = diag_vformat(fmt, ap);
	va_end(ap);
}

void
pp_diags_add_error(struct pp_diags *d, const struct pp_error *err)
{
	struct pp_diag *g;

	g = diags_push(d, err->code, err->file, err->line, err->col, NULL);
	g->message = pp_xstrdup(err->message);
	if (err->note[0] != '\0') {
		struct pp_pos pos = {err->file, err->note_line, err->note_col};

		pp_diags_add_note(d, &pos, NULL, "%s", err->note);
	}
}

static int
str_cmp_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct pp_diag *a = pa, *b = pb;
	int c;

	if ((c = str_cmp_null(a->file, b->file)) != 0)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	if ((c = str_cmp_null(a->path, b->path)) != 0)
		return c;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	return strcmp(a->message, b->message);
}

void
pp_diags_sort(struct pp_diags *d)
{
	size_t i, j;

	if (d->n < 2)
		return;
	qsort(d->items, d->n, sizeof(*d->items), diag_cmp);
	for (i = 1, j = 0; i < d->n; i++) {
		if (diag_cmp(&d->items[j], &d->items[i]) == 0) {
			free(d->items[i].file);
			free(d->items[i].path);
			free(d->items[i].message);
			free(d->items[i].note_file);
			free(d->items[i].note_path);
			free(d->items[i].note);
		} else {
			d->items[++j] = d->items[i];
		}
	}
	d->n = j + 1;
}

size_t
pp_diags_count(const struct pp_diags *d, enum pp_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		if (d->items[i].severity == sev)
			n++;
	return n;
}

/* ANSI colours of the severities on a terminal (bold red, bold magenta,
 * bold cyan), and the reset. */
static const char *
diag_sev_colour(enum pp_severity sev)
{
	switch (sev) {
	case PP_SEV_NOTE:
		return "\033[1;36m";
	case PP_SEV_WARNING:
		return "\033[1;35m";
	case PP_SEV_ERROR:
		return "\033[1;31m";
	}
	return "";
}

const char *
pp_diag_colour(enum pp_severity sev, int colour)
{
	return colour ? diag_sev_colour(sev) : "";
}

const char *
pp_diag_colour_off(int colour)
{
	return colour ? "\033[0m" : "";
}

int
pp_diag_is_table(const char *file)
{
	size_t n = file != NULL ? strlen(file) : 0;

	return n > 4 && g_ascii_strcasecmp(file + n - 4, ".csv") == 0;
}

void
pp_diag_column_letters(int col, char out[8])
{
	char rev[8];
	size_t n = 0, i;

	/* Bijective base 26: 26 is Z, 27 is AA. */
	while (col > 0 && n < sizeof(rev) - 1) {
		col--;
		rev[n++] = (char)('A' + col % 26);
		col /= 26;
	}
	for (i = 0; i < n; i++)
		out[i] = rev[n - 1 - i];
	out[n] = '\0';
}

/* s, escaped so that a terminal never receives a control from it: a file
 * name, a key or a value quoted in a message can come from any input. */
static void
diag_add_text(struct pp_buf *b, const char *s)
{
	pp_text_escape_add(b, s, strlen(s));
}

/* FILE:LINE:COL: SEVERITY: PATH: , each part when known; the severity in
 * colour when colour is set.  In a table, "row R, column C (PATH): ". */
static void
diag_format_head(struct pp_buf *b, const char *file, int line, int col,
		 enum pp_severity sev, const char *path, int colour)
{
	int table = line > 0 && pp_diag_is_table(file);

	if (file != NULL) {
		diag_add_text(b, file);
		if (line > 0) {
			pp_buf_addf(b, ":%d", line);
			if (col > 0)
				pp_buf_addf(b, ":%d", col);
		}
		pp_buf_adds(b, ": ");
	}
	pp_buf_addf(b, "%s%s%s: ", pp_diag_colour(sev, colour),
		    pp_severity_name(sev), pp_diag_colour_off(colour));
	if (table) {
		char letters[8];

		pp_diag_column_letters(col, letters);
		if (col > 0)
			pp_buf_addf(b, _("row %d, column %s"), line, letters);
		else
			pp_buf_addf(b, _("row %d"), line);
		pp_buf_adds(b, path != NULL ? " (" : ": ");
		if (path != NULL) {
			diag_add_text(b, path);
			pp_buf_adds(b, "): ");
		}
	} else if (path != NULL) {
		diag_add_text(b, path);
		pp_buf_adds(b, ": ");
	}
}

char *
pp_diag_format_styled(const struct pp_diag *g, int note, int colour)
{
	struct pp_buf b;

	if (note && g->note == NULL)
		return NULL;
	pp_buf_init(&b);
	if (note) {
		diag_format_head(&b, g->note_file, g->note_line, g->note_col,
				 PP_SEV_NOTE, g->note_path, colour);
		diag_add_text(&b, g->note);
	} else {
		diag_format_head(&b, g->file, g->line, g->col, g->severity,
				 g->path, colour);
		diag_add_text(&b, g->message);
		pp_buf_addf(&b, " [%s]", pp_diag_code_name(g->code));
	}
	return pp_buf_detach(&b);
}

char *
pp_diag_format(const struct pp_diag *g)
{
	return pp_diag_format_styled(g, 0, 0);
}

char *
pp_diag_format_note(const struct pp_diag *g)
{
	return pp_diag_format_styled(g, 1, 0);
}
