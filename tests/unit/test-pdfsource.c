/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The source a PDF carries (pdfsource.h): embedded files read from the
 * name tree and /AF, each limit on untrusted input, the names refused, and
 * writing into a folder without leaving it.  The PDFs are written here,
 * object by object, with a correct cross-reference table.
 */
#include <gio/gio.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pdfsource.h"

#include "../harness.h"

/* A PDF being written: objects 1 (catalog) and 2 (pages) come first. */
struct pdf {
	GString *body;
	GArray *offsets; /* of objects 1, 2... */
};

static int
pdf_obj(struct pdf *p, const char *text)
{
	gsize at = p->body->len;

	g_array_append_val(p->offsets, at);
	g_string_append_printf(p->body, "%u 0 obj\n%s\nendobj\n",
			       p->offsets->len, text);
	return (int)p->offsets->len;
}

/* A stream object holding data; filter: NULL or a name ("/FlateDecode"). */
static int
pdf_stream(struct pdf *p, const void *data, size_t len, const char *filter)
{
	gsize at = p->body->len;

	g_array_append_val(p->offsets, at);
	g_string_append_printf(
	    p->body,
	    "%u 0 obj\n<< /Type /EmbeddedFile /Length %zu%s%s "
	    ">>\nstream\n",
	    p->offsets->len, len, filter ? " /Filter " : "",
	    filter ? filter : "");
	g_string_append_len(p->body, data, (gssize)len);
	g_string_append(p->body, "\nendstream\nendobj\n");
	return (int)p->offsets->len;
}

/* A file specification naming a new stream; returns its object number. */
static int
pdf_file(struct pdf *p, const char *uf, const void *data, size_t len,
	 const char *filter)
{
	int s = pdf_stream(p, data, len, filter);
	char *spec = g_strdup_printf("<< /Type /Filespec /F %s /UF %s "
				     "/AFRelationship /Source /EF << /F %d 0 R "
				     "/UF %d 0 R >> >>",
				     uf, uf, s, s);
	int n = pdf_obj(p, spec);

	g_free(spec);
	return n;
}

static void
pdf_begin(struct pdf *p)
{
	gsize zero = 0;

	p->body = g_string_new("%PDF-1.7\n");
	p->offsets = g_array_new(FALSE, FALSE, sizeof(gsize));
	/* Objects 1 and 2, filled by pdf_end. */
	g_array_append_val(p->offsets, zero);
	g_array_append_val(p->offsets, zero);
}

/* Ends with the catalog: names is the /EmbeddedFiles value (or NULL), af
 * the /AF array (or NULL).  Returns the PDF (g_free). */
static char *
pdf_end(struct pdf *p, const char *names, const char *af, size_t *len)
{
	GString *cat = g_string_new("<< /Type /Catalog /Pages 2 0 R");
	gsize xref;
	guint i;

	if (names != NULL)
		g_string_append_printf(cat, " /Names << /EmbeddedFiles %s >>",
				       names);
	if (af != NULL)
		g_string_append_printf(cat, " /AF %s", af);
	g_string_append(cat, " >>");
	g_array_index(p->offsets, gsize, 0) = p->body->len;
	g_string_append_printf(p->body, "1 0 obj\n%s\nendobj\n", cat->str);
	g_array_index(p->offsets, gsize, 1) = p->body->len;
	g_string_append(p->body, "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 "
				 ">>\nendobj\n");
	xref = p->body->len;
	g_string_append_printf(p->body, "xref\n0 %u\n0000000000 65535 f \n",
			       p->offsets->len + 1);
	for (i = 0; i < p->offsets->len; i++)
		g_string_append_printf(p->body, "%010zu 00000 n \n",
				       g_array_index(p->offsets, gsize, i));
	g_string_append_printf(
	    p->body,
	    "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n"
	    "%zu\n%%%%EOF\n",
	    p->offsets->len + 1, xref);
	g_string_free(cat, TRUE);
	g_array_free(p->offsets, TRUE);
	*len = p->body->len;
	return g_string_free(p->body, FALSE);
}

/* A PDF embedding one file named name (a PDF string, "(x)" or "<hex>"). */
static char *
pdf_one(const char *name, const void *data, size_t dlen, const char *filter,
	size_t *len)
{
	struct pdf p;
	char names[1024];
	int f;

	pdf_begin(&p);
	f = pdf_file(&p, name, data, dlen, filter);
	snprintf(names, sizeof(names), "<< /Names [%s %d 0 R] >>", name, f);
	return pdf_end(&p, names, NULL, len);
}

static GBytes *
deflate(const void *data, size_t len)
{
	GConverter *c = G_CONVERTER(
	    g_zlib_compressor_new(G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 9));
	GOutputStream *mem = g_memory_output_stream_new_resizable();
	GOutputStream *z = g_converter_output_stream_new(mem, c);
	GBytes *out;

	g_output_stream_write_all(z, data, len, NULL, NULL, NULL);
	g_output_stream_close(z, NULL, NULL);
	out =
	    g_memory_output_stream_steal_as_bytes(G_MEMORY_OUTPUT_STREAM(mem));
	g_object_unref(z);
	g_object_unref(mem);
	g_object_unref(c);
	return out;
}

/* Reads pdf; the error code, or -1 when it was read. */
static int
read_code(const char *pdf, size_t len, struct pp_pdfsource **out)
{
	struct pp_error err;
	struct pp_pdfsource *s;

	pp_error_init(&err);
	s = pp_pdfsource_read_mem(pdf, len, "t.pdf", &err);
	if (out != NULL)
		*out = s;
	else
		pp_pdfsource_free(s);
	if (s == NULL)
		printf("#   %s\n", err.message);
	return s != NULL ? -1 : (int)err.code;
}

static void
test_names(void)
{
	OK(pp_pdfsource_name_ok("formulaire.yaml", 15) == 0, "a plain name");
	OK(pp_pdfsource_name_ok("logos/acme.png", 14) == 0, "a path below");
	OK(pp_pdfsource_name_ok("annexes/é.md", strlen("annexes/é.md")) == 0,
	   "accents");
	OK(pp_pdfsource_name_ok("/etc/passwd", 11) != 0, "absolute refused");
	OK(pp_pdfsource_name_ok("../x", 4) != 0, "\"..\" refused");
	OK(pp_pdfsource_name_ok("a/../../x", 9) != 0, "inner \"..\" refused");
	OK(pp_pdfsource_name_ok("a/./b", 5) != 0, "\".\" refused");
	OK(pp_pdfsource_name_ok("a//b", 4) != 0, "empty component refused");
	OK(pp_pdfsource_name_ok("a/", 2) != 0, "trailing slash refused");
	OK(pp_pdfsource_name_ok("a\\..\\b", 6) != 0, "backslash refused");
	OK(pp_pdfsource_name_ok("a\nb", 3) != 0, "line break refused");
	OK(pp_pdfsource_name_ok("a\033[2Jb", 7) != 0, "escape refused");
	OK(pp_pdfsource_name_ok("a\0b", 3) != 0, "NUL refused");
	OK(pp_pdfsource_name_ok("\xe2\x80\xae"
				"gpj.exe",
				10) != 0,
	   "bidirectional override refused");
	OK(pp_pdfsource_name_ok("\xff.yaml", 6) != 0, "invalid UTF-8 refused");
	OK(pp_pdfsource_name_ok("", 0) != 0, "empty refused");
	{
		char longname[PP_PDFSOURCE_MAX_NAME + 2];

		memset(longname, 'a', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		longname[PP_PDFSOURCE_MAX_NAME] = '\0';
		OK(pp_pdfsource_name_ok(longname, PP_PDFSOURCE_MAX_NAME) == 0,
		   "a name of the longest length");
		longname[PP_PDFSOURCE_MAX_NAME] = 'a';
		OK(pp_pdfsource_name_ok(longname, PP_PDFSOURCE_MAX_NAME + 1) !=
		       0,
		   "one byte longer refused");
	}
}

static void
test_read(void)
{
	static const char form[] = "version: 1\n";
	struct pp_pdfsource *s = NULL;
	struct pdf p;
	char *pdf, names[4096];
	size_t len;
	GBytes *z;
	int f, g;

	pdf = pdf_one("(formulaire.yaml)", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, &s), -1, "a PDF with its form");
	if (s != NULL) {
		OK(s->form != (size_t)-1 &&
		       s->files[s->form]->len == strlen(form) &&
		       memcmp(s->files[s->form]->data, form, strlen(form)) == 0,
		   "the form's bytes as embedded");
		pp_pdfsource_free(s);
	}
	g_free(pdf);

	pdf_begin(&p);
	pdf = pdf_end(&p, NULL, NULL, &len);
	INT_EQ(read_code(pdf, len, &s), -1, "a PDF without files");
	OK(s != NULL && s->n == 0 && s->form == (size_t)-1, "no form in it");
	pp_pdfsource_free(s);
	g_free(pdf);

	z = deflate(form, strlen(form));
	pdf = pdf_one("(formulaire.yaml)", g_bytes_get_data(z, NULL),
		      g_bytes_get_size(z), "/FlateDecode", &len);
	INT_EQ(read_code(pdf, len, &s), -1, "a compressed form");
	OK(s != NULL && s->form != (size_t)-1 &&
	       s->files[s->form]->len == strlen(form),
	   "decompressed");
	pp_pdfsource_free(s);
	g_free(pdf);
	g_bytes_unref(z);

	/* A bomb: 17 MiB of zeros in a few kibibytes. */
	{
		size_t big = PP_PDFSOURCE_MAX_FILE + (1u << 20);
		char *zeros = g_malloc0(big);

		z = deflate(zeros, big);
		g_free(zeros);
		pdf = pdf_one("(formulaire.yaml)", g_bytes_get_data(z, NULL),
			      g_bytes_get_size(z), "/FlateDecode", &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_TOO_BIG,
		       "a file larger than the limit once inflated: too-big");
		g_free(pdf);
		g_bytes_unref(z);
	}
	/* Several files, each under the limit, together over it. */
	{
		size_t part = PP_PDFSOURCE_MAX_FILE - 1;
		char *zeros = g_malloc0(part);
		GString *arr = g_string_new("<< /Names [");
		int i;

		z = deflate(zeros, part);
		g_free(zeros);
		pdf_begin(&p);
		for (i = 0; i < 5; i++) {
			char name[32];

			snprintf(name, sizeof(name), "(f%d.bin)", i);
			f = pdf_file(&p, name, g_bytes_get_data(z, NULL),
				     g_bytes_get_size(z), "/FlateDecode");
			g_string_append_printf(arr, "%s %d 0 R ", name, f);
		}
		g_string_append(arr, "] >>");
		pdf = pdf_end(&p, arr->str, NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_TOO_BIG,
		       "files together over the total limit: too-big");
		g_free(pdf);
		g_string_free(arr, TRUE);
		g_bytes_unref(z);
	}

	pdf = pdf_one("(./logos//a.png)", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, &s), -1, "a name with ./ and //");
	OK(s != NULL && s->n == 1 &&
	       strcmp(s->files[0]->name, "logos/a.png") == 0,
	   "read as logos/a.png");
	pp_pdfsource_free(s);
	g_free(pdf);
	pdf = pdf_one("(./../formulaire.yaml)", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_OUTSIDE,
	       "./.. still leads outside: outside");
	g_free(pdf);
	pdf = pdf_one("(../formulaire.yaml)", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_OUTSIDE,
	       "a name with \"..\": outside");
	g_free(pdf);
	pdf = pdf_one("(/tmp/x.yaml)", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_OUTSIDE,
	       "an absolute name: outside");
	g_free(pdf);
	pdf = pdf_one("<FEFF0061001B0062>", form, strlen(form), NULL, &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_OUTSIDE,
	       "a name with an escape character: outside");
	g_free(pdf);
	{
		char name[PP_PDFSOURCE_MAX_NAME + 4];

		name[0] = '(';
		memset(name + 1, 'a', PP_PDFSOURCE_MAX_NAME + 1);
		name[PP_PDFSOURCE_MAX_NAME + 2] = ')';
		name[PP_PDFSOURCE_MAX_NAME + 3] = '\0';
		pdf = pdf_one(name, form, strlen(form), NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_OUTSIDE,
		       "a name longer than the limit: refused");
		g_free(pdf);
	}

	pdf = pdf_one("(formulaire.yaml)", form, strlen(form), "/LZWDecode",
		      &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_IO,
	       "a filter other than /FlateDecode: refused");
	g_free(pdf);

	z = deflate(form, strlen(form));
	pdf = pdf_one("(formulaire.yaml)", g_bytes_get_data(z, NULL),
		      g_bytes_get_size(z) / 2, "/FlateDecode", &len);
	INT_EQ(read_code(pdf, len, NULL), PP_DIAG_IO,
	       "truncated compressed data: refused");
	g_free(pdf);
	g_bytes_unref(z);

	INT_EQ(read_code("not a pdf at all", 16, NULL), PP_DIAG_IO,
	       "not a PDF: io");
	/* The size is judged before a byte is read. */
	INT_EQ(read_code("%PDF-1.7", (size_t)PP_PDFSOURCE_MAX_PDF + 1, NULL),
	       PP_DIAG_TOO_BIG, "a PDF larger than the limit: too-big");
	/* An /AF array longer than the limit. */
	{
		GString *af = g_string_new("[");
		int i;

		pdf_begin(&p);
		f = pdf_file(&p, "(formulaire.yaml)", form, strlen(form), NULL);
		for (i = 0; i <= PP_PDFSOURCE_MAX_NODES; i++)
			g_string_append_printf(af, "%d 0 R ", f);
		g_string_append(af, "]");
		pdf = pdf_end(&p, NULL, af->str, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_LIMIT,
		       "an /AF array longer than the limit: limit");
		g_free(pdf);
		g_string_free(af, TRUE);
	}

	/* Too many entries. */
	{
		GString *arr = g_string_new("<< /Names [");
		int i;

		pdf_begin(&p);
		for (i = 0; i <= PP_PDFSOURCE_MAX_ENTRIES; i++) {
			char name[32];

			snprintf(name, sizeof(name), "(f%d.txt)", i);
			f = pdf_file(&p, name, "x", 1, NULL);
			g_string_append_printf(arr, "%s %d 0 R ", name, f);
		}
		g_string_append(arr, "] >>");
		pdf = pdf_end(&p, arr->str, NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_LIMIT,
		       "more entries than the limit: limit");
		g_free(pdf);
		g_string_free(arr, TRUE);
	}
	/* A name tree deeper than the limit. */
	{
		int i, kid;

		pdf_begin(&p);
		f = pdf_file(&p, "(formulaire.yaml)", form, strlen(form), NULL);
		snprintf(names, sizeof(names),
			 "<< /Names [(formulaire.yaml) %d 0 R] >>", f);
		kid = pdf_obj(&p, names);
		for (i = 0; i < PP_PDFSOURCE_MAX_DEPTH + 2; i++) {
			snprintf(names, sizeof(names), "<< /Kids [%d 0 R] >>",
				 kid);
			kid = pdf_obj(&p, names);
		}
		snprintf(names, sizeof(names), "%d 0 R", kid);
		pdf = pdf_end(&p, names, NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_LIMIT,
		       "a name tree deeper than the limit: limit");
		g_free(pdf);
	}
	/* A name tree that loops on itself stops at the node limit. */
	{
		pdf_begin(&p);
		f = pdf_obj(&p, "<< /Kids [3 0 R 3 0 R] >>");
		pdf = pdf_end(&p, "3 0 R", NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_LIMIT,
		       "a name tree that loops: limit");
		g_free(pdf);
	}
	/* Kids and /AF: the same file in both is read once; a file only in
	 * /AF is named by its /UF. */
	{
		pdf_begin(&p);
		f = pdf_file(&p, "(formulaire.yaml)", form, strlen(form), NULL);
		g = pdf_file(&p, "(logos/a.png)", "PNG", 3, NULL);
		snprintf(names, sizeof(names),
			 "<< /Kids [<< /Names [(formulaire.yaml) %d 0 R] >>] "
			 ">>",
			 f);
		{
			char af[64];

			snprintf(af, sizeof(af), "[%d 0 R %d 0 R]", f, g);
			pdf = pdf_end(&p, names, af, &len);
		}
		INT_EQ(read_code(pdf, len, &s), -1,
		       "a kid of the tree and /AF");
		OK(s != NULL && s->n == 2 &&
		       strcmp(s->files[0]->name, "formulaire.yaml") == 0 &&
		       strcmp(s->files[1]->name, "logos/a.png") == 0,
		   "two files, sorted, the shared one once");
		pp_pdfsource_free(s);
		g_free(pdf);
	}
	/* Two different files of one name. */
	{
		pdf_begin(&p);
		f = pdf_file(&p, "(formulaire.yaml)", "a", 1, NULL);
		g = pdf_file(&p, "(formulaire.yaml)", "b", 1, NULL);
		snprintf(
		    names, sizeof(names),
		    "<< /Names [(formulaire.yaml) %d 0 R (formulaire.yaml) "
		    "%d 0 R] >>",
		    f, g);
		pdf = pdf_end(&p, names, NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_IO,
		       "two different files of one name: refused");
		g_free(pdf);
	}
	/* A file that is also the folder of another. */
	{
		pdf_begin(&p);
		f = pdf_file(&p, "(logos)", "a", 1, NULL);
		g = pdf_file(&p, "(logos/a.png)", "b", 1, NULL);
		snprintf(names, sizeof(names),
			 "<< /Names [(logos) %d 0 R (logos/a.png) %d 0 R] >>",
			 f, g);
		pdf = pdf_end(&p, names, NULL, &len);
		INT_EQ(read_code(pdf, len, NULL), PP_DIAG_IO,
		       "a file that is the folder of another: refused");
		g_free(pdf);
	}
}

static void
test_write(void)
{
	char root[] = "/tmp/paraphe-pdfsource-XXXXXX";
	struct pp_pdfsource_file a = {"formulaire.yaml",
				      (unsigned char *)"version: 1\n", 11};
	struct pp_pdfsource_file b = {"logos/a.png", (unsigned char *)"PNG", 3};
	struct pp_pdfsource_file *files[] = {&a, &b};
	struct pp_pdfsource s = {files, 2, 0};
	struct pp_error err;
	char *out, *path, *data = NULL, *outside;

	if (!OK(mkdtemp(root) != NULL, "a temporary folder"))
		return;
	out = g_build_filename(root, "out", NULL);
	pp_error_init(&err);
	INT_EQ(pp_pdfsource_write_dir(&s, out, 0, &err), 0,
	       "written into a new folder");
	path = g_build_filename(out, "logos", "a.png", NULL);
	OK(g_file_get_contents(path, &data, NULL, NULL) &&
	       strcmp(data, "PNG") == 0,
	   "a file in a subfolder");
	g_free(data);
	g_free(path);
	pp_error_init(&err);
	INT_EQ(pp_pdfsource_write_dir(&s, out, 0, &err), -1,
	       "existing files refused");
	OK(strstr(err.message, "--force") != NULL, "saying --force replaces");
	pp_error_init(&err);
	INT_EQ(pp_pdfsource_write_dir(&s, out, 1, &err), 0,
	       "replaced with force");

	/* A folder on the way that is a link to outside. */
	outside = g_build_filename(root, "elsewhere", NULL);
	g_mkdir(outside, 0700);
	path = g_build_filename(root, "out2", NULL);
	g_mkdir(path, 0700);
	data = g_build_filename(path, "logos", NULL);
	OK(symlink(outside, data) == 0, "a link named logos");
	pp_error_init(&err);
	INT_EQ(pp_pdfsource_write_dir(&s, path, 1, &err), -1,
	       "a folder that is a link refused, even with force");
	INT_EQ(err.code, PP_DIAG_OUTSIDE, "as outside");
	g_free(data);
	data = g_build_filename(outside, "a.png", NULL);
	OK(!g_file_test(data, G_FILE_TEST_EXISTS), "nothing written outside");
	g_free(data);
	data = g_build_filename(path, "formulaire.yaml", NULL);
	OK(!g_file_test(data, G_FILE_TEST_EXISTS),
	   "nor the form (checked before writing)");
	g_free(data);

	/* A name that escapes, given directly. */
	a.name = "../escape.yaml";
	pp_error_init(&err);
	INT_EQ(pp_pdfsource_write_dir(&s, out, 1, &err), -1,
	       "a name that leaves the folder refused");
	data = g_build_filename(root, "escape.yaml", NULL);
	OK(!g_file_test(data, G_FILE_TEST_EXISTS), "not written");
	g_free(data);
	g_free(path);
	g_free(outside);
	g_free(out);
	data = g_strdup_printf("rm -rf '%s'", root);
	if (system(data) != 0)
		printf("# cannot remove %s\n", root);
	g_free(data);
}

/* What is taken for a PDF, by content. */
static void
test_sniff(void)
{
	char path[] = "/tmp/paraphe-sniff-XXXXXX";
	int fd = mkstemp(path);
	static const struct {
		const char *text, *name;
		int want;
	} cases[] = {
	    {"%PDF-1.7\n", "a PDF", 1},
	    {"garbage\n%PDF-1.4\n", "a PDF after a line of junk", 1},
	    {"version: 1\n# %PDF-1.7\n", "a form quoting %PDF- in a comment",
	     0},
	    {"version: 1\n", "a form", 0},
	};
	size_t i;

	if (!OK(fd >= 0, "a temporary file"))
		return;
	close(fd);
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		g_file_set_contents(path, cases[i].text, -1, NULL);
		INT_EQ(pp_pdfsource_is_pdf(path), cases[i].want, cases[i].name);
	}
	unlink(path);
	INT_EQ(pp_pdfsource_is_pdf(path), -1, "a missing file: -1");
}

int
main(void)
{
	test_sniff();
	test_names();
	test_read();
	test_write();
	return harness_done();
}
