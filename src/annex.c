/* SPDX-License-Identifier: EUPL-1.2 */
/* The Markdown file of an annex: where it may be, how big, what it holds. */
#include <cmark.h>
#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "annex.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* Past this many problems in one file, the rest are not listed. */
#define ANNEX_MAX_REPORTS 20

/* The 1-based character column of byte offset off in text. */
static void
annex_line_col(const char *text, size_t off, int *line, int *col)
{
	size_t i, start = 0;
	int l = 1, c = 1;

	for (i = 0; i < off; i++)
		if (text[i] == '\n') {
			l++;
			start = i + 1;
		}
	for (i = start; i < off; i++)
		if (((unsigned char)text[i] & 0xC0) != 0x80)
			c++;
	*line = l;
	*col = c;
}

/* The byte offset of line (1-based) and byte column bcol in text. */
static size_t
annex_offset(const char *text, size_t len, int line, int bcol)
{
	size_t i = 0;
	int l = 1;

	while (i < len && l < line) {
		if (text[i] == '\n')
			l++;
		i++;
	}
	if (bcol > 1)
		i += (size_t)bcol - 1;
	return i < len ? i : len;
}

__attribute__((format(printf, 6, 7))) static void
annex_at(struct pp_diags *d, enum pp_diag_code code, const char *file,
	 const char *text, size_t off, const char *fmt, ...)
{
	struct pp_pos pos;
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pos.file = file;
	annex_line_col(text, off, &pos.line, &pos.col);
	pp_diags_add(d, code, &pos, NULL, "%s", msg);
}

size_t
pp_annex_check_text(const char *file, const char *text, size_t len,
		    const char *path, struct pp_diags *d)
{
	const char *nul = memchr(text, '\0', len);
	size_t problems = 0, off, first = d->n, i;
	enum pp_utf8_status st;
	cmark_node *root;
	cmark_iter *it;
	cmark_event_type ev;
	uint32_t cp = 0;
	int depth = 0;

	if (nul != NULL) {
		annex_at(d, PP_DIAG_YAML_ENCODING, file, text,
			 (size_t)(nul - text),
			 _("a NUL byte: this is not a text file; save it as "
			   "plain text (UTF-8)"));
		problems++;
		goto out;
	}
	st = pp_utf8_check(text, len, &off, &cp);
	if (st == PP_UTF8_INVALID) {
		annex_at(d, PP_DIAG_YAML_ENCODING, file, text, off,
			 _("this is not UTF-8 text; save the file as UTF-8"));
		problems++;
		goto out;
	}
	if (st == PP_UTF8_FORBIDDEN) {
		annex_at(d, PP_DIAG_YAML_ENCODING, file, text, off,
			 _("the character U+%04X cannot be printed (a "
			   "control character); remove it"),
			 (unsigned)cp);
		problems++;
		goto out;
	}
	/* Characters that reorder or hide the annex's text (issue 15). */
	off = pp_utf8_find_hidden_file(text, len, &cp);
	if (off != (size_t)-1) {
		char label[80];

		annex_at(d, PP_DIAG_HIDDEN_CHARACTER, file, text, off,
			 _("the invisible character %s cannot appear in an "
			   "annex: it can reorder or hide the text around it; "
			   "delete it (retype the text if it was pasted)"),
			 pp_unichar_label(cp, label, sizeof(label)));
		problems++;
		goto out;
	}
	root = cmark_parse_document(text, len, CMARK_OPT_DEFAULT);
	if (root == NULL)
		abort();
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE &&
	       problems < ANNEX_MAX_REPORTS) {
		cmark_node *n = cmark_iter_get_node(it);
		int type = (int)cmark_node_get_type(n);
		const char *why = NULL;
		char deep[160];

		if (type == CMARK_NODE_LIST || type == CMARK_NODE_BLOCK_QUOTE) {
			depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
			if (ev == CMARK_EVENT_ENTER &&
			    depth > PP_ANNEX_MAX_DEPTH) {
				snprintf(deep, sizeof(deep),
					 _("lists and quotes are nested more "
					   "than %d deep here; flatten them"),
					 PP_ANNEX_MAX_DEPTH);
				why = deep;
			}
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (type == CMARK_NODE_HTML_BLOCK ||
		    type == CMARK_NODE_HTML_INLINE)
			why = _("raw HTML is not printed in a convention: "
				"write the text in Markdown (**bold**, "
				"*italics*, lists)");
		else if (type == CMARK_NODE_IMAGE)
			why = _("an image cannot be printed in an annex: "
				"attach it as a document of its own, or "
				"describe it in words");
		if (why == NULL)
			continue;
		annex_at(d, PP_DIAG_ANNEX, file, text,
			 annex_offset(text, len, cmark_node_get_start_line(n),
				      cmark_node_get_start_column(n)),
			 "%s", why);
		problems++;
		/* Nothing inside needs saying again; the skipped exit of a
		 * list or quote leaves its level. */
		if (type == CMARK_NODE_IMAGE || depth > PP_ANNEX_MAX_DEPTH) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			if (type != CMARK_NODE_IMAGE)
				depth--;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
out:
	if (path != NULL)
		for (i = first; i < d->n; i++)
			if (d->items[i].path == NULL)
				d->items[i].path = pp_xstrdup(path);
	return problems;
}

__attribute__((format(printf, 5, 6))) static int
annex_fail(struct pp_diags *d, enum pp_diag_code code, const struct pp_pos *pos,
	   const char *path, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pp_diags_add(d, code, pos, path, "%s", msg);
	return -1;
}

/* 1 when inner is dir itself or a path below it (both resolved). */
static int
annex_inside(const char *dir, const char *inner)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(dir, inner, n) == 0 &&
	       (inner[n] == '/' || inner[n] == '\0');
}

/* Reads at most max + 1 bytes of the open file fd into a fresh buffer. */
static char *
annex_slurp(int fd, size_t max, size_t *len)
{
	char *buf = pp_xmalloc(max + 2);
	size_t got = 0;

	while (got < max + 1) {
		ssize_t n = read(fd, buf + got, max + 1 - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			free(buf);
			return NULL;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

int
pp_annex_read(const char *base_dir, const char *name, const struct pp_pos *pos,
	      const char *path, char **text, struct pp_diags *d)
{
	char **parts = NULL, *full = NULL, *real_dir = NULL, *real = NULL;
	char *data = NULL;
	struct stat st;
	size_t len = 0, i, skip;
	int fd = -1, rc = -1;

	*text = NULL;
	if (name[0] == '\0') {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("the file name is empty"));
		goto out;
	}
	if (g_path_is_absolute(name)) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: an absolute path; write the path from the "
			     "form's folder, for example annexes/kit.md"),
			   name);
		goto out;
	}
	parts = g_strsplit(name, "/", -1);
	for (i = 0; parts[i] != NULL; i++)
		if (strcmp(parts[i], "..") == 0) {
			annex_fail(d, PP_DIAG_ANNEX, pos, path,
				   _("%s: \"..\" leads out of the form's "
				     "folder; put the file in that folder or "
				     "below it"),
				   name);
			goto out;
		}
	full = strcmp(base_dir, ".") == 0
		   ? g_strdup(name)
		   : g_build_filename(base_dir, name, NULL);
	if (stat(full, &st) != 0) {
		if (errno == ENOENT || errno == ENOTDIR)
			annex_fail(d, PP_DIAG_ANNEX, pos, path,
				   _("%s: this file does not exist (paths are "
				     "relative to the form's folder)"),
				   name);
		else
			annex_fail(d, PP_DIAG_ANNEX, pos, path,
				   _("%s: this file cannot be read: %s"), name,
				   strerror(errno));
		goto out;
	}
	real_dir = realpath(base_dir, NULL);
	real = realpath(full, NULL);
	if (real_dir == NULL || real == NULL || !annex_inside(real_dir, real)) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: a symbolic link leads out of the form's "
			     "folder; copy the file into that folder"),
			   name);
		goto out;
	}
	if (S_ISDIR(st.st_mode)) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: this is a folder, not a Markdown file"),
			   name);
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: this is not an ordinary file"), name);
		goto out;
	}
	/* What is opened is checked again: the file may have changed. */
	fd = open(real, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (data = annex_slurp(fd, PP_ANNEX_MAX_BYTES, &len)) == NULL) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: this file cannot be read: %s"), name,
			   strerror(errno != 0 ? errno : EIO));
		goto out;
	}
	if (len > PP_ANNEX_MAX_BYTES) {
		annex_fail(d, PP_DIAG_TOO_BIG, pos, path,
			   _("%s: this file is %.0f KiB; an annex may be %u "
			     "KiB at most: shorten it or split it into two "
			     "annexes"),
			   name,
			   (double)((unsigned long long)st.st_size > len
					? (unsigned long long)st.st_size
					: len) /
			       1024.0,
			   PP_ANNEX_MAX_BYTES >> 10);
		goto out;
	}
	skip = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (data[skip + strspn(data + skip, " \t\r\n")] == '\0' &&
	    memchr(data, '\0', len) == NULL) {
		annex_fail(d, PP_DIAG_ANNEX, pos, path,
			   _("%s: this file is empty; write the annex's text "
			     "in it"),
			   name);
		goto out;
	}
	if (pp_annex_check_text(full, data + skip, len - skip, path, d) > 0) {
		/* Each problem inside the file points back at the form. */
		for (i = 0; i < d->n; i++) {
			struct pp_diag *g = &d->items[i];

			if (g->note != NULL || g->file == NULL ||
			    strcmp(g->file, full) != 0)
				continue;
			g->note_file = pos != NULL && pos->file != NULL
					   ? pp_xstrdup(pos->file)
					   : NULL;
			g->note_line = pos != NULL ? pos->line : 0;
			g->note_col = pos != NULL ? pos->col : 0;
			g->note_path = path != NULL ? pp_xstrdup(path) : NULL;
			g->note =
			    pp_xstrdup(_("the annex that names this file"));
		}
		goto out;
	}
	memmove(data, data + skip, len - skip + 1);
	*text = data;
	data = NULL;
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	free(data);
	free(real);
	free(real_dir);
	g_free(full);
	g_strfreev(parts);
	return rc;
}
