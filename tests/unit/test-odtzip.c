/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of the package pp_odt_write writes (src/odt.c), read back with
 * libzip and libxml2: "mimetype" first, stored, without extra fields; every
 * entry dated with the given date in DOS form (1980 at the earliest,
 * seconds halved); the same parts as pp_odt_parts; markup and control
 * characters of the form kept as text in well-formed XML; a failed write
 * leaves nothing behind; two writes give the same bytes; no temporary file
 * remains; the file is readable by others, like the PDF.
 */
#include "charte.h"
#include "diag.h"
#include "doc.h"
#include "odt.h"
#include "xmlpart.h"

#include "../harness.h"

#include <dirent.h>
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#define MARKUP	   "Dupont & <Fils> \"SAS\""
#define MARKUP_XML "Dupont &amp; &lt;Fils&gt; " /* then " or &quot; */
#define CONTROL                                                                \
	"avant\x01\x08\x0b\x1f\xef\xbf\xbe"                                    \
	"apr\xc3\xa8s"
#define CONTROL_TEXT "avantapr\xc3\xa8s"
#define MIME	     "application/vnd.oasis.opendocument.text"

static struct pp_charte *charte;
static int build_errors;

/* --- Building the document ------------------------------------------------ */

static void
append(struct pp_node *parent, struct pp_node *child)
{
	if (pp_doc_append(parent, child) != 0) {
		printf("# cannot append a %s to a %s\n",
		       pp_doc_kind_name(child->kind),
		       pp_doc_kind_name(parent->kind));
		build_errors++;
	}
}

static struct pp_node *
add_para(struct pp_doc *d, struct pp_node *parent, const char *text)
{
	struct pp_node *p = pp_doc_node_new(d, PP_NODE_PARAGRAPH, NULL);
	struct pp_node *t = pp_doc_node_new(d, PP_NODE_TEXT, NULL);

	t->text = pp_arena_strdup(d->arena, text);
	append(p, t);
	append(parent, p);
	return p;
}

static void
add_row(struct pp_doc *d, struct pp_node *table, int header, const char *a,
	const char *b)
{
	struct pp_node *row = pp_doc_node_new(d, PP_NODE_ROW, NULL);
	const char *texts[2] = {a, b};
	size_t i;

	row->number = header;
	for (i = 0; i < 2; i++) {
		struct pp_node *cell = pp_doc_node_new(d, PP_NODE_CELL, NULL);

		add_para(d, cell, texts[i]);
		append(row, cell);
	}
	append(table, row);
}

/* A small convention: markup and control characters in the title, the
 * reference and the text; an article, a list, a table with two header
 * rows. */
static struct pp_doc *
small_doc(void)
{
	struct pp_doc *d = pp_doc_new();
	struct pp_node *art, *list, *item, *table;

	d->model = "convention";
	d->title = "Convention " MARKUP " " CONTROL;
	d->reference = "REF-" CONTROL;
	d->author = "Le minist\xc3\xa8re";
	d->paraphes = 1;
	add_para(d, d->root, MARKUP);
	add_para(d, d->root, CONTROL);
	art = pp_doc_node_new(d, PP_NODE_ARTICLE, NULL);
	art->number = 1;
	art->id = "objet";
	art->title = "Objet";
	append(d->root, art);
	add_para(d, art, "La pr\xc3\xa9sente convention a pour objet...");
	list = pp_doc_node_new(d, PP_NODE_LIST, NULL);
	item = pp_doc_node_new(d, PP_NODE_ITEM, NULL);
	add_para(d, item, "un engagement");
	append(list, item);
	append(art, list);
	table = pp_doc_node_new(d, PP_NODE_TABLE, NULL);
	table->ncols = 2;
	table->widths = pp_arena_alloc(d->arena, 2 * sizeof(int));
	table->widths[0] = 40;
	table->widths[1] = 60;
	add_row(d, table, 1, "Canal", "Format");
	add_row(d, table, 1, "(nom)", "(taille)");
	add_row(d, table, 0, "Application", "banni\xc3\xa8re");
	add_row(d, table, 0, "Instagram", "post");
	append(art, table);
	return d;
}

/* --- Helpers -------------------------------------------------------------- */

static char *
read_all(const char *path, size_t *len)
{
	gchar *data = NULL;
	gsize n = 0;

	if (!g_file_get_contents(path, &data, &n, NULL))
		return NULL;
	*len = n;
	return data;
}

/* The bytes of entry name, NUL-terminated (g_free), or NULL. */
static char *
zip_entry(zip_t *za, const char *name, size_t *len)
{
	zip_stat_t st;
	zip_file_t *f;
	char *data;
	zip_int64_t got;

	if (zip_stat(za, name, 0, &st) != 0 || !(st.valid & ZIP_STAT_SIZE))
		return NULL;
	f = zip_fopen(za, name, 0);
	if (f == NULL)
		return NULL;
	data = g_malloc(st.size + 1);
	got = zip_fread(f, data, st.size);
	zip_fclose(f);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		g_free(data);
		return NULL;
	}
	data[st.size] = '\0';
	if (len != NULL)
		*len = st.size;
	return data;
}

static uint16_t
le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | (p[1] << 8));
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) |
	       ((uint32_t)p[3] << 24);
}

/* Checks the DOS time and date of every local and central header of the
 * archive in bytes against want_time and want_date. */
static void
check_dos_times(const unsigned char *b, size_t len, uint16_t want_time,
		uint16_t want_date, const char *what)
{
	size_t eocd, off, i, n, bad = 0, seen = 0;
	char name[160];

	if (!OK(len >= 22 && le32(b + len - 22) == 0x06054b50,
		"the archive ends with its central directory (no comment)"))
		return;
	eocd = len - 22;
	n = le16(b + eocd + 10);
	off = le32(b + eocd + 16);
	for (i = 0; i < n && off + 46 <= len; i++) {
		size_t local = le32(b + off + 42);

		if (le32(b + off) != 0x02014b50)
			break;
		seen++;
		if (le16(b + off + 12) != want_time ||
		    le16(b + off + 14) != want_date) {
			printf("#   central entry %zu: %04x %04x\n", i,
			       le16(b + off + 12), le16(b + off + 14));
			bad++;
		}
		if (local + 30 > len || le32(b + local) != 0x04034b50 ||
		    le16(b + local + 10) != want_time ||
		    le16(b + local + 12) != want_date) {
			printf("#   local entry %zu differs\n", i);
			bad++;
		}
		off += 46 + le16(b + off + 28) + le16(b + off + 30) +
		       le16(b + off + 32);
	}
	snprintf(name, sizeof(name),
		 "%s: every entry dated %04x/%04x (DOS), local and central",
		 what, want_date, want_time);
	OK(bad == 0 && seen == n && n > 0, name);
}

/* The names in dir, sorted, space-separated (g_free). */
static char *
list_dir(const char *dir)
{
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	GString *s = g_string_new("");
	DIR *d = opendir(dir);
	struct dirent *e;
	guint i;

	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			g_ptr_array_add(names, g_strdup(e->d_name));
	if (d != NULL)
		closedir(d);
	g_ptr_array_sort(names, (GCompareFunc)g_strcmp0);
	for (i = 0; i < names->len; i++) {
		const char *const *p = (const char *const *)names->pdata + i;

		if (i > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, *p);
	}
	g_ptr_array_free(names, TRUE);
	return g_string_free(s, FALSE);
}

/* The text of the first element named name (with prefix) whose text
 * starts with prefix_text, or NULL (xmlFree). */
static xmlChar *
find_text(xmlNodePtr node, const char *ns_prefix, const char *name,
	  const char *start)
{
	xmlNodePtr c;

	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)node->name, name) == 0 &&
		    node->ns != NULL && node->ns->prefix != NULL &&
		    strcmp((const char *)node->ns->prefix, ns_prefix) == 0) {
			xmlChar *t = xmlNodeGetContent(node);

			if (t != NULL &&
			    strncmp((const char *)t, start, strlen(start)) == 0)
				return t;
			xmlFree(t);
		}
		c = node->children;
		if (c != NULL) {
			xmlChar *t = find_text(c, ns_prefix, name, start);

			if (t != NULL)
				return t;
		}
	}
	return NULL;
}

static xmlDocPtr
parse_part(const char *data, const char *name)
{
	return xmlReadMemory(data, (int)strlen(data), name, "UTF-8",
			     XML_PARSE_NONET | XML_PARSE_NOERROR |
				 XML_PARSE_NOWARNING);
}

/* Counts the elements named name under node; *rows_inside counts the
 * table-row children of the first one. */
static int
count_elements(xmlNodePtr node, const char *name, int *rows_inside)
{
	int n = 0;

	for (; node != NULL; node = node->next) {
		if (node->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)node->name, name) == 0) {
			xmlNodePtr r;

			if (n == 0 && rows_inside != NULL) {
				*rows_inside = 0;
				for (r = node->children; r != NULL; r = r->next)
					if (r->type == XML_ELEMENT_NODE &&
					    strcmp((const char *)r->name,
						   "table-row") == 0)
						(*rows_inside)++;
			}
			n++;
		}
		n += count_elements(node->children, name,
				    n > 0 ? NULL : rows_inside);
	}
	return n;
}

/* --- Tests ---------------------------------------------------------------- */

static const struct pp_odt_opts opts = {.date = "2026-01-12T10:31:47Z",
					.generator = "paraphe test"};

static void
test_package(const char *dir)
{
	struct pp_doc *d = small_doc();
	struct pp_error err;
	char *path = g_build_filename(dir, "convention.odt", NULL);
	zip_t *za;
	int zerr = 0;
	zip_stat_t st;
	char *content, *styles, *meta, *mime, *bytes, *listing;
	size_t len = 0;
	struct pp_buf pc, ps, pm, pmf;
	struct stat fst;

	OK(build_errors == 0, "the small document builds");
	pp_error_init(&err);
	if (!OK(pp_odt_write(d, charte, path, &opts, &err) == 0,
		"pp_odt_write writes the small document")) {
		printf("# %s\n", err.message);
		goto out;
	}
	OK(stat(path, &fst) == 0 && (fst.st_mode & 0777) == 0644,
	   "the ODT is readable by others (0644), like the PDF");
	za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!OK(za != NULL, "libzip opens it with ZIP_CHECKCONS")) {
		printf("# libzip error %d\n", zerr);
		goto out;
	}
	STR_EQ(zip_get_name(za, 0, 0), "mimetype", "entry 0 is mimetype");
	OK(zip_stat_index(za, 0, 0, &st) == 0 &&
	       (st.valid & ZIP_STAT_COMP_METHOD) &&
	       st.comp_method == ZIP_CM_STORE,
	   "mimetype is stored (ZIP_CM_STORE)");
	INT_EQ(zip_file_extra_fields_count(za, 0, ZIP_FL_LOCAL), 0,
	       "mimetype: no extra field in the local header");
	INT_EQ(zip_file_extra_fields_count(za, 0, ZIP_FL_CENTRAL), 0,
	       "mimetype: no extra field in the central directory");
	mime = zip_entry(za, "mimetype", NULL);
	STR_EQ(mime, MIME, "mimetype holds the ODT media type");
	g_free(mime);
	{
		zip_int64_t i, n = zip_get_num_entries(za, 0);
		int extras = 0;

		for (i = 0; i < n; i++)
			extras += zip_file_extra_fields_count(
				      za, (zip_uint64_t)i, ZIP_FL_LOCAL) +
				  zip_file_extra_fields_count(
				      za, (zip_uint64_t)i, ZIP_FL_CENTRAL);
		INT_EQ(extras, 0, "no entry has an extra field");
		/* no picture for the placeholder bloc-marque: a frame
		 * with its text (DOMAIN §5.5) */
		INT_EQ(n, 5,
		       "five entries: mimetype, content, styles, meta, "
		       "the manifest");
	}
	OK(zip_stat(za, "META-INF/manifest.xml", 0, &st) == 0 &&
	       st.comp_method == ZIP_CM_DEFLATE,
	   "the XML parts are deflated");
	/* 2026-01-12 10:31:47: seconds halved, 47 -> 23 (46 s). */
	OK(zip_stat_index(za, 0, 0, &st) == 0 && (st.valid & ZIP_STAT_MTIME) &&
	       st.mtime == 1768213906,
	   "libzip reads the date back: 2026-01-12T10:31:46Z (TZ=UTC)");

	/* The parts are those of pp_odt_parts. */
	content = zip_entry(za, "content.xml", NULL);
	styles = zip_entry(za, "styles.xml", NULL);
	meta = zip_entry(za, "meta.xml", NULL);
	pp_buf_init(&pc);
	pp_buf_init(&ps);
	pp_buf_init(&pm);
	pp_buf_init(&pmf);
	pp_error_init(&err);
	if (OK(pp_odt_parts(d, charte, &opts, &pc, &ps, &pm, &pmf, &err) == 0,
	       "pp_odt_parts") &&
	    content != NULL && styles != NULL && meta != NULL) {
		STR_EQ(content, pp_buf_str(&pc),
		       "content.xml is pp_odt_parts' content");
		OK(strcmp(styles, pp_buf_str(&ps)) == 0,
		   "styles.xml is pp_odt_parts' styles");
		OK(strcmp(meta, pp_buf_str(&pm)) == 0,
		   "meta.xml is pp_odt_parts' meta");
	}
	pp_buf_fini(&pc);
	pp_buf_fini(&ps);
	pp_buf_fini(&pm);
	pp_buf_fini(&pmf);

	/* Markup stays text. */
	OK(content != NULL && strstr(content, MARKUP_XML) != NULL,
	   "markup in text is escaped in content.xml");
	OK(content != NULL && strstr(content, "<Fils>") == NULL,
	   "no raw <Fils> element in content.xml");
	{
		xmlDocPtr x =
		    content ? parse_part(content, "content.xml") : NULL;
		xmlChar *t;
		int rows_inside = -1;

		OK(x != NULL, "content.xml is well-formed (libxml2)");
		t = x ? find_text(xmlDocGetRootElement(x), "text", "p",
				  "Dupont")
		      : NULL;
		STR_EQ((const char *)t, MARKUP,
		       "the markup paragraph parses back to the same text");
		xmlFree(t);
		t = x ? find_text(xmlDocGetRootElement(x), "text", "p", "avant")
		      : NULL;
		STR_EQ((const char *)t, CONTROL_TEXT,
		       "control characters and U+FFFE are dropped from the "
		       "text");
		xmlFree(t);
		t = x ? find_text(xmlDocGetRootElement(x), "text", "h",
				  "Article")
		      : NULL;
		STR_EQ((const char *)t, "Article 1er \xe2\x80\x93 Objet",
		       "the article is a heading, 1er");
		xmlFree(t);
		INT_EQ(x ? count_elements(xmlDocGetRootElement(x),
					  "table-header-rows", &rows_inside)
			 : -1,
		       1, "one table-header-rows");
		INT_EQ(rows_inside, 2, "both header rows are in it");
		INT_EQ(x ? count_elements(xmlDocGetRootElement(x), "table-row",
					  NULL)
			 : -1,
		       4, "four rows in all");
		xmlFreeDoc(x);
	}
	{
		xmlDocPtr x = meta ? parse_part(meta, "meta.xml") : NULL;
		xmlChar *t;

		OK(x != NULL,
		   "meta.xml is well-formed with control characters in the "
		   "title");
		t = x ? find_text(xmlDocGetRootElement(x), "dc", "title", "")
		      : NULL;
		STR_EQ((const char *)t, "Convention " MARKUP " " CONTROL_TEXT,
		       "dc:title parses back without the control characters");
		xmlFree(t);
		t = x ? find_text(xmlDocGetRootElement(x), "meta", "generator",
				  "")
		      : NULL;
		STR_EQ((const char *)t, "paraphe test", "meta:generator");
		xmlFree(t);
		xmlFreeDoc(x);
	}
	{
		xmlDocPtr x = styles ? parse_part(styles, "styles.xml") : NULL;
		xmlChar *t;

		OK(x != NULL,
		   "styles.xml is well-formed with control characters in the "
		   "reference");
		t = x ? find_text(xmlDocGetRootElement(x), "text", "p", "REF-")
		      : NULL;
		OK(t != NULL && strncmp((const char *)t, "REF-" CONTROL_TEXT,
					strlen("REF-" CONTROL_TEXT)) == 0,
		   "the footer has the reference without control characters");
		xmlFree(t);
		xmlFreeDoc(x);
	}
	g_free(content);
	g_free(styles);
	g_free(meta);
	zip_close(za);

	/* The raw DOS dates, local and central. */
	bytes = read_all(path, &len);
	if (OK(bytes != NULL, "read the ODT")) {
		check_dos_times((const unsigned char *)bytes, len,
				(10 << 11) | (31 << 5) | 23,
				((2026 - 1980) << 9) | (1 << 5) | 12,
				"2026-01-12T10:31:47Z");
		OK(len > 38 + strlen(MIME) &&
		       memcmp(bytes + 30, "mimetype" MIME, 8 + strlen(MIME)) ==
			   0,
		   "\"mimetype\" + media type at offset 30 (the magic)");
	}

	/* Twice: the same bytes, and only the ODT in the folder. */
	{
		char *again;
		size_t len2 = 0;

		pp_error_init(&err);
		OK(pp_odt_write(d, charte, path, &opts, &err) == 0,
		   "write again over the first file");
		again = read_all(path, &len2);
		OK(bytes != NULL && again != NULL && len == len2 &&
		       memcmp(bytes, again, len) == 0,
		   "writing twice gives identical bytes");
		g_free(again);
	}
	g_free(bytes);
	listing = list_dir(dir);
	STR_EQ(listing, "convention.odt", "no temporary file remains");
	g_free(listing);
out:
	unlink(path);
	g_free(path);
	pp_doc_free(d);
}

static void
test_old_date(const char *dir)
{
	struct pp_doc *d = small_doc();
	struct pp_odt_opts old = opts;
	struct pp_error err;
	char *path = g_build_filename(dir, "old.odt", NULL);
	char *bytes;
	size_t len = 0;

	old.date = "1970-01-01T00:00:00Z";
	pp_error_init(&err);
	if (OK(pp_odt_write(d, charte, path, &old, &err) == 0,
	       "write with a date before 1980")) {
		bytes = read_all(path, &len);
		if (bytes != NULL)
			check_dos_times((const unsigned char *)bytes, len, 0,
					(0 << 9) | (1 << 5) | 1,
					"1970 becomes 1980-01-01T00:00:00");
		g_free(bytes);
	}
	unlink(path);
	g_free(path);
	pp_doc_free(d);
}

/* A model's style names are text: the first paragraph's, which content.xml
 * also declares as an automatic style (with the first-page master), is
 * escaped there too. */
static void
test_style_markup(void)
{
	struct pp_doc *d = pp_doc_new();
	struct pp_node *p = add_para(d, d->root, "Premier paragraphe");
	struct pp_buf pc, ps, pm, pmf;
	struct pp_error err;
	xmlDocPtr x;

	p->style = "mention&<\"x\">";
	pp_buf_init(&pc);
	pp_buf_init(&ps);
	pp_buf_init(&pm);
	pp_buf_init(&pmf);
	pp_error_init(&err);
	OK(pp_odt_parts(d, charte, &opts, &pc, &ps, &pm, &pmf, &err) == 0,
	   "a first paragraph whose style name holds markup is written");
	x = parse_part(pp_buf_str(&pc), "content.xml");
	OK(x != NULL, "... and content.xml is well-formed");
	xmlFreeDoc(x);
	pp_buf_fini(&pc);
	pp_buf_fini(&ps);
	pp_buf_fini(&pm);
	pp_buf_fini(&pmf);
	pp_doc_free(d);
}

static void
test_failures(const char *dir)
{
	struct pp_doc *d = small_doc();
	struct pp_error err;
	char *missing = g_build_filename(dir, "absent", NULL);
	char *path = g_build_filename(missing, "convention.odt", NULL);
	char *sub = g_build_filename(dir, "un-dossier.odt", NULL);
	char *listing;
	struct stat st;

	pp_error_init(&err);
	OK(pp_odt_write(d, charte, path, &opts, &err) != 0,
	   "writing into a folder that does not exist fails");
	OK(err.set && err.message[0] != '\0', "... with an error message");
	printf("# %s\n", err.message);
	OK(stat(missing, &st) != 0, "... and creates no folder");
	listing = list_dir(dir);
	STR_EQ(listing, "", "... and leaves nothing");
	g_free(listing);

	/* The target is a folder: the rename fails after the zip is
	 * written; its temporary file must go. */
	mkdir(sub, 0755);
	pp_error_init(&err);
	OK(pp_odt_write(d, charte, sub, &opts, &err) != 0,
	   "writing over a folder fails");
	OK(err.set && err.message[0] != '\0', "... with an error message");
	printf("# %s\n", err.message);
	listing = list_dir(dir);
	STR_EQ(listing, "un-dossier.odt",
	       "... and no temporary file remains beside it");
	g_free(listing);
	rmdir(sub);

	g_free(sub);
	g_free(path);
	g_free(missing);
	pp_doc_free(d);
}

/* A part written with raw markup: 0 and the bytes in out, or -1. */
static int
xmlpart_raw(const char *raw, struct pp_buf *out, struct pp_error *err)
{
	xmlTextWriterPtr w;
	xmlBufferPtr buf;
	int failed;

	pp_xmlpart_begin(&w, &buf, NULL);
	failed = xmlTextWriterWriteRaw(w, BAD_CAST raw) < 0;
	return pp_xmlpart_finish(&w, &buf, failed, "ODT", "content.xml", out,
				 err);
}

/* The check of every part before it goes into the package: a part that
 * is not well-formed is refused, with one message naming it; a namespace
 * prefix left undeclared is not a well-formedness error (as before the
 * check parsed without building a tree). */
static void
test_part_check(void)
{
	struct pp_error err;
	struct pp_buf out;

	pp_buf_init(&out);
	pp_error_init(&err);
	OK(xmlpart_raw("<a><b x=\"1\">t &amp; u</b></a>", &out, &err) == 0 &&
	       strstr(pp_buf_str(&out), "<b x=\"1\">t &amp; u</b>") != NULL,
	   "part check: a well-formed part goes in as written");
	pp_buf_reset(&out);
	OK(xmlpart_raw("<a>1 < 2</a>", &out, &err) != 0 && out.len == 0,
	   "part check: a part that is not well-formed is refused");
	OK(err.set && strstr(err.message, "content.xml") != NULL &&
	       strstr(err.message, "well-formed") != NULL,
	   "part check: ... with a message naming the part");
	pp_error_init(&err);
	OK(xmlpart_raw("<a><b></a>", &out, &err) != 0,
	   "part check: mismatched tags are refused");
	pp_error_init(&err);
	OK(xmlpart_raw("<a>&nope;</a>", &out, &err) != 0,
	   "part check: an undeclared entity is refused");
	pp_error_init(&err);
	OK(xmlpart_raw("<a><b x=\"1\" x=\"2\"/></a>", &out, &err) != 0,
	   "part check: a duplicate attribute is refused");
	pp_error_init(&err);
	OK(xmlpart_raw("<a>\x01</a>", &out, &err) != 0,
	   "part check: a control character is refused");
	pp_error_init(&err);
	OK(xmlpart_raw("<a>\xc3</a>", &out, &err) != 0,
	   "part check: bytes that are not UTF-8 are refused");
	pp_error_init(&err);
	OK(xmlpart_raw("<x:a/>", &out, &err) == 0,
	   "part check: an undeclared prefix is not a well-formedness error");
	pp_buf_fini(&out);
}

int
main(void)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	struct pp_diags diags;
	struct pp_error err;
	char tmpl[] = "/tmp/test-odtzip.XXXXXX";
	char *dir;

	/* libzip turns DOS times into time_t with the local zone. */
	setenv("TZ", "UTC0", 1);
	tzset();
	if (datadir == NULL)
		datadir = "..";
	pp_diags_init(&diags);
	pp_error_init(&err);
	charte = pp_charte_load(datadir, "etat", &diags, &err);
	if (!OK(charte != NULL, "the State charter loads")) {
		printf("# %s\n", err.message);
		pp_diags_fini(&diags);
		return harness_done();
	}
	dir = mkdtemp(tmpl);
	if (OK(dir != NULL, "a temporary folder")) {
		test_package(dir);
		test_old_date(dir);
		test_failures(dir);
		rmdir(dir);
		test_style_markup();
	}
	test_part_check();
	pp_charte_free(charte);
	pp_diags_fini(&diags);
	return harness_done();
}
