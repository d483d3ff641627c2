/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "fileio.h"
#include "snippet.h"
#include "utf8.h"
#include "xalloc.h"

/* The widest source text shown, in columns; longer lines are cut. */
#define SNIPPET_WIDTH 100
/* Columns kept before the caret when a line is cut. */
#define SNIPPET_BEFORE 40
/* The largest file read again: that of the YAML reader. */
#define SNIPPET_MAX_BYTES (16u << 20)

#define SNIPPET_GUTTER "\033[1;34m"

struct snippet_file {
	char *data; /* NULL when the file cannot be read again */
	size_t len;
};

struct pp_snippets {
	GHashTable *files; /* path -> struct snippet_file */
};

static void
snippet_file_free(gpointer p)
{
	struct snippet_file *f = p;

	free(f->data);
	free(f);
}

struct pp_snippets *
pp_snippets_new(void)
{
	struct pp_snippets *s = pp_xcalloc(1, sizeof(*s));

	s->files = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
					 snippet_file_free);
	return s;
}

void
pp_snippets_free(struct pp_snippets *s)
{
	if (s == NULL)
		return;
	g_hash_table_destroy(s->files);
	free(s);
}

/* Whether positions in file are lines and columns of text: 1 for YAML
 * (forms, campaigns, charters), 2 for XML (templates), 0 otherwise. */
static int
snippet_is_text(const char *file)
{
	static const char *const exts[] = {".yaml", ".yml", ".xml"};
	size_t i, n = strlen(file), e;

	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		e = strlen(exts[i]);
		if (n > e && g_ascii_strcasecmp(file + n - e, exts[i]) == 0)
			return i < 2 ? 1 : 2;
	}
	return 0;
}

/* The contents of file, read once; NULL when it cannot be read again. */
static const struct snippet_file *
snippet_file_get(struct pp_snippets *s, const char *file)
{
	struct snippet_file *f = g_hash_table_lookup(s->files, file);
	struct stat st;

	if (f != NULL)
		return f;
	f = pp_xcalloc(1, sizeof(*f));
	if (stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
	    pp_file_read(file, SNIPPET_MAX_BYTES, &f->data, &f->len, NULL) != 0)
		f->data = NULL;
	g_hash_table_insert(s->files, g_strdup(file), f);
	return f;
}

/* One character of the shown line. */
struct snippet_char {
	size_t off, len;   /* bytes in the line */
	const char *shown; /* a replacement, or NULL to show the bytes */
	int width;	   /* columns on a terminal */
};

/* Splits line into characters, with what each shows and its width. */
static struct snippet_char *
snippet_chars(const char *line, size_t len, size_t *n)
{
	struct snippet_char *cs = pp_xreallocarray(NULL, len + 1, sizeof(*cs));
	size_t off = 0;

	*n = 0;
	while (off < len) {
		struct snippet_char *c = &cs[(*n)++];
		const char *end = NULL;
		gunichar u;

		c->off = off;
		c->shown = NULL;
		c->width = 1;
		u = g_utf8_get_char_validated(line + off, (gssize)(len - off));
		if (u == (gunichar)-1 || u == (gunichar)-2) {
			c->len = 1; /* not UTF-8: one byte, one column */
			c->shown = "\xef\xbf\xbd";
		} else {
			end = g_utf8_next_char(line + off);
			c->len = (size_t)(end - (line + off));
			if (u == '\t')
				c->shown = "\xe2\x86\x92"; /* → */
			else if (u < 0x20 || u == 0x7f ||
				 pp_unichar_is_hidden(u, 0) || u == 0x2028 ||
				 u == 0x2029)
				c->shown = "\xef\xbf\xbd"; /* � */
			else if (g_unichar_iszerowidth(u))
				c->width = 0;
			else if (g_unichar_iswide(u))
				c->width = 2;
		}
		off += c->len;
	}
	return cs;
}

/*
 * The number of characters, from character start of line, of the YAML
 * value or key written there: a quoted text up to its closing quote, a
 * plain one up to a comment, ": ", the end of the line or, inside [ ] or
 * { }, a comma or a closing bracket.  1 for anything else.
 */
static size_t
snippet_span(const struct snippet_char *cs, size_t n, const char *line,
	     size_t start)
{
	size_t i, end = start + 1, depth = 0;
	char q = 0, c;

	if (start >= n)
		return 1;
	/* Open brackets before start tell a flow value. */
	for (i = 0; i < start; i++) {
		c = line[cs[i].off];
		if (q != 0) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '[' || c == '{') {
			depth++;
		} else if ((c == ']' || c == '}') && depth > 0) {
			depth--;
		}
	}
	c = line[cs[start].off];
	if (c == '"' || c == '\'') {
		for (i = start + 1; i < n; i++) {
			char d = line[cs[i].off];

			if (c == '"' && d == '\\') {
				i++;
			} else if (d == c) {
				if (c == '\'' && i + 1 < n &&
				    line[cs[i + 1].off] == '\'') {
					i++;
					continue;
				}
				return i + 1 - start;
			}
		}
		return n - start;
	}
	if (strchr("[]{},#!|>%@`", c) != NULL)
		return 1;
	for (i = start; i < n; i++) {
		char d = line[cs[i].off];
		char next = i + 1 < n ? line[cs[i + 1].off] : ' ';

		if (d == ':' && (next == ' ' || next == '\t'))
			break;
		if (d == ' ' && next == '#')
			break;
		if (depth > 0 && (d == ',' || d == ']' || d == '}'))
			break;
		if (d != ' ' && d != '\t')
			end = i + 1;
	}
	return end - start;
}

static int
snippet_digits(int n)
{
	int d = 1;

	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

/*
 * Appends to out the line of file at pos with carets under column col
 * (none when col is 0), a span of them when span is set and the file is
 * YAML: nothing when the file cannot be read again or has no such line.
 * gutter is the width of the line numbers.
 */
static void
snippet_show(struct pp_snippets *s, struct pp_buf *out, const char *file,
	     int line, int col, int span, int gutter, enum pp_severity sev,
	     int colour, const char *prefix)
{
	const struct snippet_file *f;
	const char *p, *end, *eol;
	struct snippet_char *cs;
	size_t n, i, start, len, from, to;
	int x, caret_x = 0, wtotal = 0, cut_before, cut_after;
	const char *g_on = colour ? SNIPPET_GUTTER : "";
	const char *off = pp_diag_colour_off(colour);

	if (file == NULL || line <= 0 || !snippet_is_text(file))
		return;
	/* The span follows YAML's rules: one caret in XML. */
	span = span && snippet_is_text(file) == 1;
	f = snippet_file_get(s, file);
	if (f->data == NULL)
		return;
	p = f->data;
	end = f->data + f->len;
	for (x = 1; x < line && p < end; x++) {
		p = memchr(p, '\n', (size_t)(end - p));
		if (p == NULL)
			return;
		p++;
	}
	if (p >= end && line > 1)
		return;
	eol = memchr(p, '\n', (size_t)(end - p));
	if (eol == NULL)
		eol = end;
	if (eol > p && eol[-1] == '\r')
		eol--;
	cs = snippet_chars(p, (size_t)(eol - p), &n);
	start = col > 0 ? (size_t)col - 1 : 0;
	if (start > n)
		start = n;
	len = col > 0 ? (span ? snippet_span(cs, n, p, start) : 1) : 0;
	for (i = 0; i < n; i++) {
		if (i == start)
			caret_x = wtotal;
		wtotal += cs[i].width;
	}
	if (start >= n)
		caret_x = wtotal;
	/* The window of columns shown: [from, to). */
	from = 0;
	to = (size_t)wtotal;
	if (wtotal > SNIPPET_WIDTH) {
		from = caret_x > SNIPPET_BEFORE
			   ? (size_t)(caret_x - SNIPPET_BEFORE)
			   : 0;
		if (from + SNIPPET_WIDTH > (size_t)wtotal)
			from = (size_t)wtotal - SNIPPET_WIDTH;
		to = from + SNIPPET_WIDTH;
	}
	cut_before = from > 0;
	cut_after = to < (size_t)wtotal;
	pp_buf_addf(out, "%s%s%*d |%s ", prefix, g_on, gutter, line, off);
	if (cut_before)
		pp_buf_adds(out, "\xe2\x80\xa6"); /* … */
	for (i = 0, x = 0; i < n; x += cs[i].width, i++) {
		if ((size_t)x < from || (size_t)(x + cs[i].width) > to)
			continue;
		if (cs[i].shown != NULL)
			pp_buf_adds(out, cs[i].shown);
		else
			pp_buf_add(out, p + cs[i].off, cs[i].len);
	}
	if (cut_after)
		pp_buf_adds(out, "\xe2\x80\xa6");
	pp_buf_addc(out, '\n');
	if (col > 0) {
		int w = 0;

		for (i = start; i < start + len && i < n; i++)
			w += cs[i].width;
		if (w < 1)
			w = 1;
		x = caret_x - (int)from + cut_before;
		if (x < cut_before)
			x = cut_before;
		if (caret_x + w > (int)to)
			w = (int)to - caret_x > 1 ? (int)to - caret_x : 1;
		pp_buf_addf(out, "%s%s%*s |%s %*s%s", prefix, g_on, gutter, "",
			    off, x, "", pp_diag_colour(sev, colour));
		while (w-- > 0)
			pp_buf_addc(out, '^');
		pp_buf_addf(out, "%s\n", off);
	}
	free(cs);
}

/* Carets under one character, not a value, for the diagnostic and its
 * note: where the YAML parser stopped, a byte that is not UTF-8, an
 * invisible character. */
static int
snippet_code_spans(enum pp_diag_code code)
{
	return code != PP_DIAG_YAML_SYNTAX && code != PP_DIAG_YAML_ENCODING &&
	       code != PP_DIAG_HIDDEN_CHARACTER;
}

char *
pp_snippets_render(struct pp_snippets *s, const struct pp_diag *g, int colour,
		   const char *prefix)
{
	struct pp_buf b;
	char *line;
	int gutter =
	    1 + snippet_digits(g->line > g->note_line ? g->line : g->note_line);

	/* At least a small indent, and always a space before the number, so
	 * that the snippet lines never look like a message's first line. */
	if (gutter < 4)
		gutter = 4;
	pp_buf_init(&b);
	line = pp_diag_format_styled(g, 0, colour);
	pp_buf_addf(&b, "%s%s\n", prefix, line);
	free(line);
	snippet_show(s, &b, g->file, g->line, g->col,
		     snippet_code_spans(g->code), gutter, g->severity, colour,
		     prefix);
	line = pp_diag_format_styled(g, 1, colour);
	if (line != NULL) {
		pp_buf_addf(&b, "%s%s\n", prefix, line);
		free(line);
		snippet_show(s, &b, g->note_file, g->note_line, g->note_col,
			     snippet_code_spans(g->code), gutter, PP_SEV_NOTE,
			     colour, prefix);
	}
	return pp_buf_detach(&b);
}
