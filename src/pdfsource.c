/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Reading the source a PDF carries (pdfsource.h): the embedded files of
 * the catalog's /AF array and of its /EmbeddedFiles name tree, read with
 * qpdf's C API (opened with dlopen, like check_pdfobj.c), and writing them
 * back into a folder.  The PDF is untrusted: the name tree is walked with
 * an explicit stack, bounded in depth and nodes; a stream is taken raw and
 * inflated here with a cap (only /FlateDecode or no filter is accepted),
 * so that a compression bomb stops at the limit instead of filling memory;
 * every name must be a safe relative path.
 */
#include <errno.h>
#include <gio/gio.h>
#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "dynlib.h"
#include "fileio.h"
#include "i18n.h"
#include "pdfsource.h"
#include "utf8.h"
#include "xalloc.h"

#define SRC_QPDF_FUNCS(X)                                                      \
	X(qpdf_cleanup)                                                        \
	X(qpdf_get_error)                                                      \
	X(qpdf_get_root)                                                       \
	X(qpdf_has_error)                                                      \
	X(qpdf_init)                                                           \
	X(qpdf_oh_get_array_item)                                              \
	X(qpdf_oh_get_array_n_items)                                           \
	X(qpdf_oh_get_binary_utf8_value)                                       \
	X(qpdf_oh_get_dict)                                                    \
	X(qpdf_oh_get_key)                                                     \
	X(qpdf_oh_get_name)                                                    \
	X(qpdf_oh_get_object_id)                                               \
	X(qpdf_oh_get_stream_data)                                             \
	X(qpdf_oh_is_array)                                                    \
	X(qpdf_oh_is_dictionary)                                               \
	X(qpdf_oh_is_name)                                                     \
	X(qpdf_oh_is_null)                                                     \
	X(qpdf_oh_is_stream)                                                   \
	X(qpdf_oh_is_string)                                                   \
	X(qpdf_read_memory)                                                    \
	X(qpdf_set_suppress_warnings)                                          \
	X(qpdf_silence_errors)
static struct {
	SRC_QPDF_FUNCS(PP_DYNLIB_FUNC)
} sq;
static struct pp_dynlib src_qpdf_lib =
    PP_DYNLIB_INIT(PP_SONAME_QPDF, PP_LIBPATH_QPDF, PP_PACKAGE_QPDF,
		   N_("read the source embedded in PDF files"));

/* The reading in progress. */
struct src_reader {
	qpdf_data q;
	const char *pdf;  /* for messages */
	GPtrArray *files; /* struct pp_pdfsource_file * */
	GHashTable *seen; /* object ids of the file specifications read */
	size_t total;
	unsigned nodes;
	struct pp_error *err;
};

static void
src_file_free(gpointer p)
{
	struct pp_pdfsource_file *f = p;

	if (f == NULL)
		return;
	g_free(f->name);
	g_free(f->data);
	free(f);
}

void
pp_pdfsource_free(struct pp_pdfsource *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n; i++)
		src_file_free(s->files[i]);
	free(s->files);
	free(s);
}

int
pp_pdfsource_name_ok(const char *name, size_t len)
{
	const char *p, *end = name + len;
	size_t off;

	if (len == 0 || len > PP_PDFSOURCE_MAX_NAME || strlen(name) != len ||
	    name[0] == '/' || strchr(name, '\\') != NULL ||
	    pp_utf8_check(name, len, &off, NULL) != PP_UTF8_OK ||
	    pp_utf8_find_hidden(name, len, 0, NULL) != (size_t)-1)
		return -1;
	for (p = name; p < end;) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = (size_t)((slash != NULL ? slash : end) - p);

		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return -1;
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)p[i] < 0x20 || p[i] == 0x7f)
				return -1;
		p += n + (slash != NULL);
		if (slash != NULL && p == end)
			return -1; /* "logos/" */
	}
	return 0;
}

/* Inflates a zlib stream into out, failing past cap bytes: 0, -1 on a
 * corrupt stream, -2 past cap. */
static int
src_inflate(const unsigned char *in, size_t len, size_t cap, GByteArray *out)
{
	GConverter *c =
	    G_CONVERTER(g_zlib_decompressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB));
	unsigned char buf[65536];
	size_t pos = 0;
	int rc = -1;

	for (;;) {
		gsize nread = 0, nwritten = 0;
		GError *e = NULL;
		GConverterResult r = g_converter_convert(
		    c, in + pos, len - pos, buf, sizeof(buf),
		    G_CONVERTER_INPUT_AT_END, &nread, &nwritten, &e);

		if (r == G_CONVERTER_ERROR) {
			g_error_free(e);
			break;
		}
		pos += nread;
		if (out->len + nwritten > cap) {
			rc = -2;
			break;
		}
		g_byte_array_append(out, buf, (guint)nwritten);
		if (r == G_CONVERTER_FINISHED) {
			rc = 0;
			break;
		}
		if (nread == 0 && nwritten == 0)
			break; /* truncated */
	}
	g_object_unref(c);
	return rc;
}

/* Records the first failure, at the PDF. */
#define SRC_FAIL(rd, code, ...)                                                \
	pp_error_set((rd)->err, (code), &(struct pp_pos){(rd)->pdf, 0, 0},     \
		     __VA_ARGS__)

/* The name a PDF string holds, as UTF-8 (qpdf converts UTF-16), or NULL
 * when oh is no string. */
static const char *
src_string(struct src_reader *rd, qpdf_oh oh, size_t *len)
{
	if (!sq.qpdf_oh_is_string(rd->q, oh))
		return NULL;
	return sq.qpdf_oh_get_binary_utf8_value(rd->q, oh, len);
}

/* The decoded data of an embedded file stream, or -1 with err filled. */
static int
src_stream(struct src_reader *rd, const char *name, qpdf_oh stream,
	   GByteArray *out)
{
	qpdf_oh dict = sq.qpdf_oh_get_dict(rd->q, stream);
	qpdf_oh filter = sq.qpdf_oh_get_key(rd->q, dict, "/Filter");
	qpdf_oh parms = sq.qpdf_oh_get_key(rd->q, dict, "/DecodeParms");
	unsigned char *raw = NULL;
	size_t len = 0, cap;
	int flate = 0, rc;

	if (sq.qpdf_oh_is_array(rd->q, filter)) {
		if (sq.qpdf_oh_get_array_n_items(rd->q, filter) > 1) {
			SRC_FAIL(rd, PP_DIAG_IO,
				 _("embedded file \"%s\": its stream has "
				   "several filters; paraphe reads only "
				   "/FlateDecode"),
				 name);
			return -1;
		}
		filter = sq.qpdf_oh_get_array_item(rd->q, filter, 0);
	}
	if (sq.qpdf_oh_is_name(rd->q, filter)) {
		const char *f = sq.qpdf_oh_get_name(rd->q, filter);

		if (strcmp(f, "/FlateDecode") != 0) {
			SRC_FAIL(rd, PP_DIAG_IO,
				 _("embedded file \"%s\": its stream is "
				   "encoded with %s; paraphe reads only "
				   "/FlateDecode"),
				 name, f);
			return -1;
		}
		flate = 1;
	} else if (!sq.qpdf_oh_is_null(rd->q, filter)) {
		SRC_FAIL(rd, PP_DIAG_IO,
			 _("embedded file \"%s\": its /Filter is not a "
			   "name"),
			 name);
		return -1;
	}
	if (!sq.qpdf_oh_is_null(rd->q, parms)) {
		SRC_FAIL(rd, PP_DIAG_IO,
			 _("embedded file \"%s\": its stream has /DecodeParms, "
			   "which paraphe does not read"),
			 name);
		return -1;
	}
	if (sq.qpdf_oh_get_stream_data(rd->q, stream, qpdf_dl_none, NULL, &raw,
				       &len) != QPDF_SUCCESS) {
		free(raw);
		SRC_FAIL(rd, PP_DIAG_IO,
			 _("embedded file \"%s\": its stream cannot be "
			   "read"),
			 name);
		return -1;
	}
	cap = PP_PDFSOURCE_MAX_FILE;
	if (PP_PDFSOURCE_MAX_TOTAL - rd->total < cap)
		cap = PP_PDFSOURCE_MAX_TOTAL - rd->total;
	if (!flate) {
		rc = len > cap ? -2 : 0;
		if (rc == 0)
			g_byte_array_append(
			    out, raw != NULL ? raw : (guint8 *)"", (guint)len);
	} else {
		rc = src_inflate(raw, len, cap, out);
	}
	free(raw);
	if (rc == -1) {
		SRC_FAIL(rd, PP_DIAG_IO,
			 _("embedded file \"%s\": its compressed data is "
			   "damaged"),
			 name);
		return -1;
	}
	if (rc == -2) {
		char limit[64];

		snprintf(limit, sizeof(limit), "%u MiB",
			 (cap == PP_PDFSOURCE_MAX_FILE
			      ? PP_PDFSOURCE_MAX_FILE
			      : PP_PDFSOURCE_MAX_TOTAL) >>
			     20);
		SRC_FAIL(rd, PP_DIAG_TOO_BIG,
			 cap == PP_PDFSOURCE_MAX_FILE
			     ? _("embedded file \"%s\" is larger than %s")
			     : _("embedded file \"%s\": the embedded files "
				 "together are larger than %s"),
			 name, limit);
		return -1;
	}
	rd->total += out->len;
	return 0;
}

/* name without its "." and empty components ("./a//b" is "a/b"); ".."
 * stays, for pp_pdfsource_name_ok to refuse.  A new string; *len set. */
static char *
src_normalise(const char *name, size_t *len)
{
	char **parts = g_strsplit(name, "/", -1);
	GString *out = g_string_new("");
	size_t i;

	for (i = 0; parts[i] != NULL; i++) {
		if (parts[i][0] == '\0' || strcmp(parts[i], ".") == 0)
			continue;
		if (out->len > 0)
			g_string_append_c(out, '/');
		g_string_append(out, parts[i]);
	}
	g_strfreev(parts);
	*len = out->len;
	return g_string_free(out, FALSE);
}

/* Reads one file specification; name_oh: its key in the name tree, or 0
 * for an entry of /AF (named by its /UF or /F).  0, or -1 with err
 * filled. */
static int
src_filespec(struct src_reader *rd, qpdf_oh name_oh, qpdf_oh spec)
{
	qpdf_oh ef, stream;
	const char *name = NULL;
	char *norm = NULL;
	size_t len = 0;
	int id;
	struct pp_pdfsource_file *f;
	GByteArray *data;

	if (!sq.qpdf_oh_is_dictionary(rd->q, spec))
		return 0; /* not a file specification we can read: ignored */
	id = sq.qpdf_oh_get_object_id(rd->q, spec);
	if (id > 0 && g_hash_table_contains(rd->seen, GINT_TO_POINTER(id)))
		return 0;
	if (id > 0)
		g_hash_table_add(rd->seen, GINT_TO_POINTER(id));
	if (name_oh != 0)
		name = src_string(rd, name_oh, &len);
	if (name == NULL)
		name = src_string(rd, sq.qpdf_oh_get_key(rd->q, spec, "/UF"),
				  &len);
	if (name == NULL)
		name =
		    src_string(rd, sq.qpdf_oh_get_key(rd->q, spec, "/F"), &len);
	ef = sq.qpdf_oh_get_key(rd->q, spec, "/EF");
	stream = sq.qpdf_oh_get_key(rd->q, ef, "/UF");
	if (!sq.qpdf_oh_is_stream(rd->q, stream))
		stream = sq.qpdf_oh_get_key(rd->q, ef, "/F");
	if (!sq.qpdf_oh_is_stream(rd->q, stream))
		return 0; /* a reference to an outside file: nothing here */
	if (name == NULL) {
		SRC_FAIL(rd, PP_DIAG_IO, _("an embedded file has no name"));
		return -1;
	}
	/* "./logos/a.png", as a form may name it, is "logos/a.png". */
	if (len <= PP_PDFSOURCE_MAX_NAME && strlen(name) == len &&
	    name[0] != '/')
		name = norm = src_normalise(name, &len);
	if (pp_pdfsource_name_ok(name, len) != 0) {
		char *safe =
		    pp_text_escape(len > 200 ? _("(a long name)") : name);

		SRC_FAIL(rd, PP_DIAG_OUTSIDE,
			 _("embedded file \"%s\": its name is not a relative "
			   "path inside a folder (at most %s bytes, no \"..\", "
			   "no control character); nothing is read"),
			 safe, G_STRINGIFY(PP_PDFSOURCE_MAX_NAME));
		free(safe);
		g_free(norm);
		return -1;
	}
	if (rd->files->len >= PP_PDFSOURCE_MAX_ENTRIES) {
		SRC_FAIL(rd, PP_DIAG_LIMIT,
			 _("the PDF embeds more than %s files"),
			 G_STRINGIFY(PP_PDFSOURCE_MAX_ENTRIES));
		g_free(norm);
		return -1;
	}
	f = pp_xcalloc(1, sizeof(*f));
	f->name = g_strndup(name, len);
	g_free(norm);
	data = g_byte_array_new();
	if (src_stream(rd, f->name, stream, data) != 0) {
		g_byte_array_free(data, TRUE);
		src_file_free(f);
		return -1;
	}
	f->len = data->len;
	f->data = g_byte_array_free(data, FALSE);
	/* The same file in /AF and in the name tree, as two objects. */
	for (guint k = 0; k < rd->files->len; k++) {
		const struct pp_pdfsource_file *o = rd->files->pdata[k];

		if (strcmp(o->name, f->name) == 0 && o->len == f->len &&
		    memcmp(o->data, f->data, f->len) == 0) {
			src_file_free(f);
			return 0;
		}
	}
	g_ptr_array_add(rd->files, f);
	return 0;
}

/* Walks the /EmbeddedFiles name tree from node, depth-first. */
static int
src_name_tree(struct src_reader *rd, qpdf_oh top)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	GArray *depths = g_array_new(FALSE, FALSE, sizeof(int));
	int depth = 0, rc = 0;

	g_array_append_val(stack, top);
	g_array_append_val(depths, depth);
	while (rc == 0 && stack->len > 0) {
		qpdf_oh node = g_array_index(stack, qpdf_oh, stack->len - 1);
		qpdf_oh kids, names;
		int n, i;

		depth = g_array_index(depths, int, depths->len - 1);
		g_array_set_size(stack, stack->len - 1);
		g_array_set_size(depths, depths->len - 1);
		if (++rd->nodes > PP_PDFSOURCE_MAX_NODES ||
		    depth > PP_PDFSOURCE_MAX_DEPTH) {
			SRC_FAIL(rd, PP_DIAG_LIMIT,
				 _("the PDF's tree of embedded files is "
				   "deeper than %s levels or has more than "
				   "%s nodes"),
				 G_STRINGIFY(PP_PDFSOURCE_MAX_DEPTH),
				 G_STRINGIFY(PP_PDFSOURCE_MAX_NODES));
			rc = -1;
			break;
		}
		if (!sq.qpdf_oh_is_dictionary(rd->q, node))
			continue;
		names = sq.qpdf_oh_get_key(rd->q, node, "/Names");
		n = sq.qpdf_oh_is_array(rd->q, names)
			? sq.qpdf_oh_get_array_n_items(rd->q, names)
			: 0;
		for (i = 0; rc == 0 && i + 1 < n; i += 2)
			rc = src_filespec(
			    rd, sq.qpdf_oh_get_array_item(rd->q, names, i),
			    sq.qpdf_oh_get_array_item(rd->q, names, i + 1));
		kids = sq.qpdf_oh_get_key(rd->q, node, "/Kids");
		n = sq.qpdf_oh_is_array(rd->q, kids)
			? sq.qpdf_oh_get_array_n_items(rd->q, kids)
			: 0;
		if (n > PP_PDFSOURCE_MAX_NODES)
			n = PP_PDFSOURCE_MAX_NODES + 1; /* fails when popped */
		/* Pushed last to first, so that they are read in order. */
		for (i = n - 1; rc == 0 && i >= 0; i--) {
			qpdf_oh kid = sq.qpdf_oh_get_array_item(rd->q, kids, i);
			int d = depth + 1;

			g_array_append_val(stack, kid);
			g_array_append_val(depths, d);
		}
	}
	g_array_free(stack, TRUE);
	g_array_free(depths, TRUE);
	return rc;
}

static gint
src_by_name(gconstpointer a, gconstpointer b)
{
	const struct pp_pdfsource_file *x =
	    *(const struct pp_pdfsource_file *const *)a;
	const struct pp_pdfsource_file *y =
	    *(const struct pp_pdfsource_file *const *)b;

	return strcmp(x->name, y->name);
}

/* Sorted names: no name twice, none a folder of another ("logos" and
 * "logos/a.png").  0, or -1 with err filled. */
static int
src_names_distinct(struct src_reader *rd)
{
	guint i;

	g_ptr_array_sort(rd->files, src_by_name);
	for (i = 0; i + 1 < rd->files->len; i++) {
		const struct pp_pdfsource_file *a = rd->files->pdata[i];
		size_t k;

		for (k = i + 1; k < rd->files->len; k++) {
			const struct pp_pdfsource_file *b = rd->files->pdata[k];
			size_t la = strlen(a->name);

			if (strncmp(a->name, b->name, la) != 0)
				break;
			if (b->name[la] == '\0' || b->name[la] == '/') {
				char *safe = pp_text_escape(a->name);

				SRC_FAIL(rd, PP_DIAG_IO,
					 b->name[la] == '\0'
					     ? _("two embedded files are named "
						 "\"%s\"")
					     : _("embedded file \"%s\" is also "
						 "the folder of another"),
					 safe);
				free(safe);
				return -1;
			}
		}
	}
	return 0;
}

/* Takes the errors qpdf kept, so that qpdf_cleanup does not print them. */
static void
src_cleanup(qpdf_data *q)
{
	int n = 0;

	while (sq.qpdf_has_error(*q) && n++ < 1000)
		(void)sq.qpdf_get_error(*q);
	sq.qpdf_cleanup(q);
}

struct pp_pdfsource *
pp_pdfsource_read_mem(const void *data, size_t len, const char *name,
		      struct pp_error *err)
{
	struct src_reader rd = {0};
	struct pp_pdfsource *s = NULL;
	struct pp_pos pos = {name, 0, 0};
	qpdf_oh root, af;
	int n, i, rc = 0;

	if (PP_DYNLIB_LOAD(&src_qpdf_lib, SRC_QPDF_FUNCS, sq, err) != 0)
		return NULL;
	if (len > PP_PDFSOURCE_MAX_PDF) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the PDF is larger than %u MiB"),
			     PP_PDFSOURCE_MAX_PDF >> 20);
		return NULL;
	}
	rd.pdf = name;
	rd.err = err;
	rd.q = sq.qpdf_init();
	sq.qpdf_silence_errors(rd.q);
	sq.qpdf_set_suppress_warnings(rd.q, 1);
	if (sq.qpdf_read_memory(rd.q, name, data, len, NULL) & QPDF_ERRORS) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this is not a PDF file paraphe can read"));
		src_cleanup(&rd.q);
		return NULL;
	}
	rd.files = g_ptr_array_new_with_free_func(src_file_free);
	rd.seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	root = sq.qpdf_get_root(rd.q);
	rc = src_name_tree(
	    &rd,
	    sq.qpdf_oh_get_key(rd.q, sq.qpdf_oh_get_key(rd.q, root, "/Names"),
			       "/EmbeddedFiles"));
	af = sq.qpdf_oh_get_key(rd.q, root, "/AF");
	n = sq.qpdf_oh_is_array(rd.q, af)
		? sq.qpdf_oh_get_array_n_items(rd.q, af)
		: 0;
	if (rc == 0 && n > PP_PDFSOURCE_MAX_NODES) {
		SRC_FAIL(&rd, PP_DIAG_LIMIT,
			 _("the PDF's /AF array has more than %s entries"),
			 G_STRINGIFY(PP_PDFSOURCE_MAX_NODES));
		rc = -1;
	}
	for (i = 0; rc == 0 && i < n; i++)
		rc = src_filespec(&rd, 0,
				  sq.qpdf_oh_get_array_item(rd.q, af, i));
	if (rc == 0)
		rc = src_names_distinct(&rd);
	src_cleanup(&rd.q);
	g_hash_table_destroy(rd.seen);
	if (rc == 0) {
		s = pp_xcalloc(1, sizeof(*s));
		s->n = rd.files->len;
		s->form = (size_t)-1;
		s->files = pp_xcalloc(s->n + 1, sizeof(*s->files));
		for (i = 0; i < (int)s->n; i++) {
			s->files[i] = rd.files->pdata[i];
			rd.files->pdata[i] = NULL;
			if (strcmp(s->files[i]->name, PP_PDFSOURCE_FORM) == 0)
				s->form = (size_t)i;
		}
	}
	g_ptr_array_free(rd.files, TRUE);
	return s;
}

struct pp_pdfsource *
pp_pdfsource_read(const char *path, struct pp_error *err)
{
	struct pp_pdfsource *s;
	char *data;
	size_t len;

	if (pp_file_read(path, PP_PDFSOURCE_MAX_PDF, &data, &len, err) != 0)
		return NULL;
	s = pp_pdfsource_read_mem(data, len, path, err);
	free(data);
	return s;
}

int
pp_pdfsource_is_pdf(const char *path)
{
	struct pp_error err;
	struct stat st;
	char head[1024];
	ssize_t n;
	int fd, yes;

	pp_error_init(&err);
	fd = pp_open_regular(path, &st, &err);
	if (fd < 0)
		return -1;
	n = read(fd, head, sizeof(head) - 1);
	close(fd);
	if (n < 0)
		return -1;
	head[n] = '\0';
	/* At the start of a line: a YAML form cannot have it there. */
	for (yes = 0; !yes && n >= 5; n--)
		yes = memcmp(head + n - 5, "%PDF-", 5) == 0 &&
		      (n == 5 || head[n - 6] == '\n' || head[n - 6] == '\r');
	return yes;
}

/* --- Writing the files into a folder ---------------------------------- */

/* Checks, before anything is written, that path dir/name can be written:
 * each folder on the way is a folder (not a link) or absent, and the file
 * is absent unless force.  0, or -1 with err filled. */
static int
src_check_target(const char *dir, const char *name, int force,
		 struct pp_error *err)
{
	char *path = g_build_filename(dir, name, NULL);
	char *p = path + strlen(dir) + 1;
	struct pp_pos pos = {path, 0, 0};
	struct stat st;
	int rc = 0;

	for (;;) {
		char *slash = strchr(p, '/');

		if (slash != NULL)
			*slash = '\0';
		if (lstat(path, &st) != 0) {
			if (errno != ENOENT) {
				pp_error_set(err, PP_DIAG_IO, &pos, "%s",
					     g_strerror(errno));
				rc = -1;
			}
			if (slash != NULL)
				*slash = '/';
			break;
		}
		if (slash != NULL && !S_ISDIR(st.st_mode)) {
			pp_error_set(err, PP_DIAG_OUTSIDE, &pos,
				     _("not a folder (a link or a file); "
				       "paraphe writes only inside %s"),
				     dir);
			rc = -1;
		} else if (slash == NULL && !S_ISREG(st.st_mode)) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("exists and is not an ordinary file"));
			rc = -1;
		} else if (slash == NULL && !force) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("already exists; --force replaces "
				       "it"));
			rc = -1;
		}
		if (slash == NULL || rc != 0)
			break;
		*slash = '/';
		p = slash + 1;
	}
	g_free(path);
	return rc;
}

/* Creates the folders of dir/name below dir. */
static int
src_make_folders(const char *dir, const char *name, struct pp_error *err)
{
	char *path = g_build_filename(dir, name, NULL);
	char *p = path + strlen(dir) + 1, *slash;
	struct pp_pos pos = {path, 0, 0};
	int rc = 0;

	while ((slash = strchr(p, '/')) != NULL) {
		struct stat st;

		*slash = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot create this folder: %s"),
				     g_strerror(errno));
			rc = -1;
		} else if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			pp_error_set(err, PP_DIAG_OUTSIDE, &pos,
				     _("not a folder (a link or a file); "
				       "paraphe writes only inside %s"),
				     dir);
			rc = -1;
		}
		*slash = '/';
		if (rc != 0)
			break;
		p = slash + 1;
	}
	g_free(path);
	return rc;
}

int
pp_pdfsource_write_dir(const struct pp_pdfsource *s, const char *dir, int force,
		       struct pp_error *err)
{
	struct pp_pos pos = {dir, 0, 0};
	size_t i, done = 0;
	int rc = 0;

	for (i = 0; i < s->n; i++)
		if (pp_pdfsource_name_ok(s->files[i]->name,
					 strlen(s->files[i]->name)) != 0) {
			pp_error_set(err, PP_DIAG_OUTSIDE, &pos,
				     _("an embedded file's name is not a "
				       "relative path inside a folder"));
			return -1;
		}
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("cannot create this folder: %s"),
			     g_strerror(errno));
		return -1;
	}
	for (i = 0; rc == 0 && i < s->n; i++)
		rc = src_check_target(dir, s->files[i]->name, force, err);
	for (i = 0; rc == 0 && i < s->n; i++) {
		char *path = g_build_filename(dir, s->files[i]->name, NULL);

		rc = src_make_folders(dir, s->files[i]->name, err);
		if (rc == 0)
			rc = pp_file_write_atomic(path, s->files[i]->data,
						  s->files[i]->len, err);
		if (rc == 0)
			done++;
		g_free(path);
	}
	if (rc != 0 && !force)
		for (i = 0; i < done; i++) {
			char *path =
			    g_build_filename(dir, s->files[i]->name, NULL);

			unlink(path);
			g_free(path);
		}
	return rc;
}

void
pp_pdfsource_remove_dir(const struct pp_pdfsource *s, const char *dir)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		char *path = g_build_filename(dir, s->files[i]->name, NULL);
		char *slash;

		unlink(path);
		/* Its folders below dir, deepest first, if now empty. */
		while ((slash = strrchr(path, '/')) != NULL &&
		       (size_t)(slash - path) > strlen(dir)) {
			*slash = '\0';
			if (rmdir(path) != 0)
				break;
		}
		g_free(path);
	}
	rmdir(dir);
}
