/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for "paraphe check" on ODT packages (issue 7): the input is
 * written to a file in a private folder made once (the checker reads from
 * a path, as libzip does), then checked against the State charter, loaded
 * once from $PARAPHE_DATADIR (else the current folder).  Never a crash, a
 * hang, a leak or unbounded memory; a file that cannot be checked always
 * says why; every finding is well formed and both reports can be written.
 * Inputs starting with "%PDF-" are skipped: they are fuzz-check-pdf's,
 * which is this file built with FUZZ_CHECK_PDF (fuzz-check-pdf.c);
 * fuzz-check-docx.c builds it with FUZZ_CHECK_DOCX, the mutator's names
 * and tokens then OOXML's.
 *
 * The ODT target also has a structure-aware mutator (issue 8): libFuzzer's
 * byte mutations of a zip almost always break its CRCs or its directory,
 * so libzip refused nearly every input before the checker ran.
 * LLVMFuzzerCustomMutator unpacks the package held in the input, changes
 * one entry (its bytes, through LLVMFuzzerMutate or a token of the ODF
 * vocabulary the checker reads; its name; its compression; adds, removes,
 * reorders or duplicates entries) and packs it again; now and then it
 * forges the zip headers (sizes, CRC, method, flags, entry counts) or
 * mutates the raw bytes as before.  LLVMFuzzerCustomCrossOver splices the
 * entries of two packages.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "charte.h"
#include "check.h"
#include "diag.h"

#ifdef FUZZ_CHECK_PDF
#define FUZZ_NAME  "fuzz-check-pdf"
#define FUZZ_INPUT "input.pdf"
/* PDFs only, small enough for poppler to keep the pace. */
#define FUZZ_SKIP(d, n)                                                        \
	((n) < 5 || memcmp((d), "%PDF-", 5) != 0 || (n) > 200000)
#elif defined(FUZZ_CHECK_DOCX)
#define FUZZ_NAME	"fuzz-check-docx"
#define FUZZ_INPUT	"input.docx"
#define FUZZ_SKIP(d, n) ((n) >= 5 && memcmp((d), "%PDF-", 5) == 0)
#else
#define FUZZ_NAME	"fuzz-check-odt"
#define FUZZ_INPUT	"input.odt"
#define FUZZ_SKIP(d, n) ((n) >= 5 && memcmp((d), "%PDF-", 5) == 0)
#endif

static struct pp_charte *fuzz_charte;
static char fuzz_dir[64];
static char fuzz_path[96];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	rmdir(fuzz_dir);
	pp_charte_free(fuzz_charte);
}

static void
fuzz_init(void)
{
	struct pp_diags d;
	struct pp_error err;
	const char *tmp = getenv("TMPDIR");
	const char *datadir = getenv("PARAPHE_DATADIR");

	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/" FUZZ_NAME "-XXXXXX",
		 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/" FUZZ_INPUT, fuzz_dir);
	pp_diags_init(&d);
	pp_error_init(&err);
	fuzz_charte =
	    pp_charte_load(datadir != NULL ? datadir : ".", "etat", &d, &err);
	pp_diags_fini(&d);
	if (fuzz_charte == NULL) {
		fprintf(stderr,
			FUZZ_NAME ": cannot load the State charter "
				  "(set PARAPHE_DATADIR to the source root)\n");
		abort();
	}
	/* poppler in this process: a child's coverage and crashes would not
	 * reach libFuzzer (check.h) */
	pp_check_set_isolation(0);
	atexit(fuzz_cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_check r;
	struct pp_error err;
	struct pp_buf out;
	FILE *f;
	size_t i;

	if (fuzz_charte == NULL)
		fuzz_init();
	if (FUZZ_SKIP(data, size))
		return 0;
	f = fopen(fuzz_path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	pp_check_init(&r, FUZZ_INPUT);
	pp_error_init(&err);
	if (pp_check_file(fuzz_path, fuzz_charte, &r, &err) != 0) {
		if (!err.set)
			abort(); /* a failure must always say why */
		pp_check_fini(&r);
		return 0;
	}
	for (i = 0; i < r.n; i++) {
		const struct pp_finding *fd = &r.items[i];

		if (fd->rule >= PP_RULE__COUNT || fd->found == NULL ||
		    fd->expected == NULL ||
		    (fd->severity != PP_SEV_ERROR &&
		     fd->severity != PP_SEV_WARNING) ||
		    fd->page < 0)
			abort();
	}
	pp_buf_init(&out);
	pp_check_format_text(&r, &out);
	pp_check_format_json(&r, &out);
	pp_buf_fini(&out);
	pp_check_fini(&r);
	return 0;
}

#ifndef FUZZ_CHECK_PDF
/* --- The structure-aware mutator
 * ------------------------------------------------------ */

#include <zip.h>

/* libFuzzer's own mutator; absent from the replay build, which never
 * mutates. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size)
    __attribute__((weak));
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			       unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
				 const uint8_t *data2, size_t size2,
				 uint8_t *out, size_t max_out_size,
				 unsigned int seed);

/* libzip is linked into the fuzz targets (tests/fuzz/meson.build). */
#define FZ_MAX_ENTRIES 32
#define FZ_MAX_PART    (1u << 20) /* bytes kept of an entry, uncompressed */
#define FZ_MAX_NAME    255
#define FZ_MTIME       1767225600 /* 2026-01-01: the same bytes every time */

struct fz_entry {
	char *name;
	uint8_t *data;
	size_t len;
	int method; /* ZIP_CM_STORE or ZIP_CM_DEFLATE */
};

struct fz_pkg {
	struct fz_entry e[FZ_MAX_ENTRIES];
	int n;
	/* a duplicate name to write over entry dup's once packed: zip_file_add
	 * refuses two entries of the same name */
	int dup;
	char *dup_name;
};

#ifdef FUZZ_CHECK_DOCX
/* The names the DOCX checker and OOXML care about, and hostile ones. */
static const char *const fz_names[] = {
    "word/document.xml",
    "word/styles.xml",
    "[Content_Types].xml",
    "word/theme/theme1.xml",
    "word/header1.xml",
    "word/_rels/header1.xml.rels",
    "word/footer1.xml",
    "word/media/image1.png",
    "docProps/core.xml",
    "word/vbaProject.bin",
    "word/embeddings/oleObject1.bin",
    "word/activeX/activeX1.xml",
    "../word/document.xml",
    "/word/styles.xml",
    "word/header1.xml/",
    "Word/Document.xml",
    "word/.xml",
    ".xml",
    "word/",
};

/* What check_docx looks at, for insertion into an XML part. */
static const char *const fz_tokens[] = {
    "<w:p>",
    "</w:p>",
    "<w:r><w:t>x</w:t></w:r>",
    "<w:rPr>",
    "</w:rPr>",
    "<w:pPr><w:rPr><w:sz w:val=\"2\"/></w:rPr></w:pPr>",
    "<w:rFonts w:ascii=\"",
    " w:hAnsi=\"",
    " w:asciiTheme=\"minorHAnsi\"",
    " w:cstheme=\"majorBidi\"",
    "Marianne",
    "Calibri",
    "Comic Sans MS",
    "Liberation Sans",
    "<w:color w:val=\"",
    "<w:color w:themeColor=\"accent2\" w:themeTint=\"99\"/>",
    " w:themeShade=\"",
    "<w:shd w:fill=\"",
    " w:themeFill=\"text1\"",
    "<w:highlight w:val=\"yellow\"/>",
    "000091",
    "2E8B57",
    "auto",
    "GGGGGG",
    "<w:sz w:val=\"",
    "8\"/>",
    "-1",
    "99999999999",
    "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
    "<w:pgSz w:w=\"0\" w:h=\"-5\"/>",
    "<w:style w:type=\"character\" w:styleId=\"Hyperlink\">",
    "</w:style>",
    "<a:srgbClr val=\"FF00FF\"/>",
    "<a:sysClr val=\"windowText\" lastClr=\"000000\"/>",
    "<a:latin typeface=\"",
    "<a:minorFont>",
    "<w:drawing><a:blip r:embed=\"rId1\"/></w:drawing>",
    "<v:imagedata r:id=\"rId1\"/>",
    "<Relationship Id=\"rId1\" Target=\"media/image1.png\"/>",
    " TargetMode=\"External\"",
    " Target=\"/word/media/image1.png\"",
    "<Override PartName=\"/word/document.xml\" ContentType=\""
    "application/vnd.ms-word.document.macroEnabled.main+xml\"/>",
    "<dc:title>",
    "</dc:title>",
    "<!DOCTYPE d [<!ENTITY e \"x\">]>",
    "&e;",
    "<![CDATA[",
    "]]>",
    "&#0;",
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
    " xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/"
    "main\"",
    "\xef\xbb\xbf",
    "\xc3",
};

/* The parts the checker reads most. */
#define FZ_MAIN_PART  "word/document.xml"
#define FZ_OTHER_PART "word/styles.xml"
#else
/* The names the ODT checker and ODF care about, and hostile ones. */
static const char *const fz_names[] = {
    "content.xml",
    "styles.xml",
    "meta.xml",
    "mimetype",
    "META-INF/manifest.xml",
    "settings.xml",
    "Pictures/bloc-marque.png",
    "Thumbnails/thumbnail.png",
    "../content.xml",
    "/styles.xml",
    "..\\meta.xml",
    "a/../../content.xml",
    "Content.xml",
    "content.xml/",
    "styles.xml\xc3\xa9",
    "META-INF/",
};

/* What check_odt looks at, for insertion into an XML part. */
static const char *const fz_tokens[] = {
    "<style:header-first>",
    "</style:header-first>",
    "<style:header>",
    "</style:header>",
    "<draw:frame draw:name=\"bloc-marque\"/>",
    "<draw:frame>",
    "</draw:frame>",
    "<style:font-face style:name=\"",
    " style:font-name=\"",
    " fo:font-family=\"",
    " svg:font-family=\"'",
    " style:font-family-generic=\"swiss\"",
    "Marianne",
    "Spectral",
    "Arial",
    "Liberation Sans",
    "DejaVu Sans",
    "Comic Sans MS",
    "ABCDEF+Marianne",
    "''",
    " fo:color=\"#",
    " fo:background-color=\"#",
    "#000091",
    "#E1000F",
    "#F5F5FE",
    "#fff",
    "#FF00FF",
    "#12345",
    "#GGGGGG",
    "<style:page-layout-properties fo:page-width=\"21cm\" "
    "fo:page-height=\"29.7cm\"/>",
    " fo:page-width=\"",
    " fo:page-height=\"",
    "210mm",
    "297mm",
    "21cm",
    "8.5in",
    "612pt",
    "1e308mm",
    "nanmm",
    "-0cm",
    "<dc:title>",
    "</dc:title>",
    "<office:meta>",
    "<!DOCTYPE d [<!ENTITY e \"x\">]>",
    "&e;",
    "<!DOCTYPE d SYSTEM \"file:///etc/hostname\">",
    "<![CDATA[",
    "]]>",
    "&#0;",
    "&#xFFFE;",
    "&amp;",
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"",
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:"
    "xsl-fo-compatible:1.0\"",
    "\xef\xbb\xbf",
    "\xff\xfe",
    "\xc3",
};

#define FZ_MAIN_PART  "content.xml"
#define FZ_OTHER_PART "styles.xml"
#endif

/* splitmix64 */
static uint64_t
fz_next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static size_t
fz_below(uint64_t *s, size_t n)
{
	return n == 0 ? 0 : (size_t)(fz_next(s) % n);
}

static void
fz_pkg_fini(struct fz_pkg *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		free(p->e[i].name);
		free(p->e[i].data);
	}
	free(p->dup_name);
	memset(p, 0, sizeof(*p));
}

/* Reads every entry of the package in data (at most FZ_MAX_PART bytes of
 * each); 0, or -1 when libzip cannot open it or it holds nothing. */
static int
fz_unpack(const uint8_t *data, size_t size, struct fz_pkg *p)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t n, i;

	memset(p, 0, sizeof(*p));
	p->dup = -1;
	if (size < 4 || memcmp(data, "PK\x03\x04", 4) != 0)
		return -1;
	zip_error_init(&ze);
	src = zip_source_buffer_create(data, size, 0, &ze);
	za = src != NULL ? zip_open_from_source(src, ZIP_RDONLY, &ze) : NULL;
	if (za == NULL) {
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return -1;
	}
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n && p->n < FZ_MAX_ENTRIES; i++) {
		const char *name = zip_get_name(za, (zip_uint64_t)i, 0);
		struct fz_entry *e = &p->e[p->n];
		zip_stat_t st;
		zip_file_t *zf;
		size_t cap = 4096;
		zip_int64_t got;

		if (name == NULL || strlen(name) > FZ_MAX_NAME)
			continue;
		zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		if (zf == NULL)
			continue;
		e->method = zip_stat_index(za, (zip_uint64_t)i, 0, &st) == 0 &&
				    (st.valid & ZIP_STAT_COMP_METHOD) &&
				    st.comp_method == ZIP_CM_STORE
				? ZIP_CM_STORE
				: ZIP_CM_DEFLATE;
		e->data = malloc(cap);
		e->len = 0;
		while (e->data != NULL && e->len < FZ_MAX_PART) {
			if (e->len == cap) {
				uint8_t *d = realloc(e->data, cap * 2);

				if (d == NULL)
					break;
				e->data = d;
				cap *= 2;
			}
			got = zip_fread(zf, e->data + e->len, cap - e->len);
			if (got <= 0)
				break; /* the end, or a CRC error: keep what
					  came */
			e->len += (size_t)got;
		}
		zip_fclose(zf);
		e->name = strdup(name);
		if (e->data == NULL || e->name == NULL) {
			free(e->data);
			free(e->name);
			continue;
		}
		p->n++;
	}
	zip_discard(za); /* frees src */
	zip_error_fini(&ze);
	if (p->n == 0) {
		fz_pkg_fini(p);
		return -1;
	}
	return 0;
}

static uint32_t
fz_get16(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8;
}

static uint32_t
fz_get32(const uint8_t *b)
{
	return fz_get16(b) | fz_get16(b + 2) << 16;
}

static void
fz_put16(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
}

static void
fz_put32(uint8_t *b, uint32_t v)
{
	fz_put16(b, v);
	fz_put16(b + 2, v >> 16);
}

/* The zip as libzip wrote it: the end of central directory record and the
 * central header of every entry, with its local header. */
struct fz_zip {
	size_t eocd;
	int n;
	size_t central[FZ_MAX_ENTRIES];
	size_t local[FZ_MAX_ENTRIES];
};

static int
fz_parse(const uint8_t *b, size_t size, struct fz_zip *z)
{
	size_t at, i;

	if (size < 22)
		return -1;
	for (i = size - 22;; i--) {
		if (memcmp(b + i, "PK\x05\x06", 4) == 0)
			break;
		if (i == 0)
			return -1;
	}
	z->eocd = i;
	at = fz_get32(b + i + 16);
	for (z->n = 0; z->n < FZ_MAX_ENTRIES && at + 46 <= z->eocd; z->n++) {
		size_t loc;

		if (memcmp(b + at, "PK\x01\x02", 4) != 0)
			break;
		loc = fz_get32(b + at + 42);
		if (loc + 30 > size || memcmp(b + loc, "PK\x03\x04", 4) != 0)
			break;
		z->central[z->n] = at;
		z->local[z->n] = loc;
		at += 46 + fz_get16(b + at + 28) + fz_get16(b + at + 30) +
		      fz_get16(b + at + 32);
	}
	return z->n > 0 ? 0 : -1;
}

/* A value near or far from v, for a forged header field. */
static uint32_t
fz_lie(uint64_t *s, uint32_t v)
{
	switch (fz_below(s, 8)) {
	case 0:
		return v + 1;
	case 1:
		return v - 1;
	case 2:
		return v * 2;
	case 3:
		return v / 2;
	case 4:
		return 0;
	case 5:
		return 0xffffffffu;
	case 6:
		return 1000;
	default:
		return (uint32_t)fz_next(s);
	}
}

/* Forges one field of the headers libzip wrote: sizes, CRC, method or
 * flags of an entry (in its local header, its central header or both),
 * or the entry count of the end record. */
static void
fz_forge(uint8_t *b, size_t size, uint64_t *s)
{
	static const uint32_t methods[] = {0, 8, 12, 14, 93, 95, 99, 1, 9};
	struct fz_zip z;
	size_t c, l;
	int where, i;

	if (fz_parse(b, size, &z) != 0)
		return;
	i = (int)fz_below(s, (size_t)z.n);
	c = z.central[i];
	l = z.local[i];
	where = (int)fz_below(s, 3); /* 0 local, 1 central, 2 both */
	switch (fz_below(s, 7)) {
	case 0: /* uncompressed size */
	case 1: {
		uint32_t v = fz_lie(s, fz_get32(b + c + 24));

		if (where != 1)
			fz_put32(b + l + 22, v);
		if (where != 0)
			fz_put32(b + c + 24, v);
		break;
	}
	case 2: { /* compressed size */
		uint32_t v = fz_lie(s, fz_get32(b + c + 20));

		if (where != 1)
			fz_put32(b + l + 18, v);
		if (where != 0)
			fz_put32(b + c + 20, v);
		break;
	}
	case 3: { /* CRC */
		uint32_t v =
		    fz_get32(b + c + 16) ^ (uint32_t)(1u << fz_below(s, 32));

		if (where != 1)
			fz_put32(b + l + 14, v);
		if (where != 0)
			fz_put32(b + c + 16, v);
		break;
	}
	case 4: { /* method */
		uint32_t v =
		    methods[fz_below(s, sizeof(methods) / sizeof(methods[0]))];

		if (where != 1)
			fz_put16(b + l + 8, v);
		if (where != 0)
			fz_put16(b + c + 10, v);
		break;
	}
	case 5: { /* flags: encrypted, data descriptor, UTF-8... */
		uint32_t v = fz_get16(b + c + 8) ^ (1u << fz_below(s, 16));

		if (where != 1)
			fz_put16(b + l + 6, v);
		if (where != 0)
			fz_put16(b + c + 8, v);
		break;
	}
	default: { /* entry counts, central directory size or offset */
		size_t f = z.eocd + (size_t[]){8, 10, 12, 16}[fz_below(s, 4)];

		if (f == z.eocd + 8 || f == z.eocd + 10)
			fz_put16(b + f, fz_lie(s, fz_get16(b + f)) & 0xffff);
		else
			fz_put32(b + f, fz_lie(s, fz_get32(b + f)));
		break;
	}
	}
}

/* Gives entry dup (packed under a placeholder of the same length) the
 * name it is meant to share with another entry, in both its headers. */
static void
fz_rename_dup(uint8_t *b, size_t size, const struct fz_pkg *p)
{
	struct fz_zip z;
	size_t len = strlen(p->dup_name);
	int i;

	if (fz_parse(b, size, &z) != 0)
		return;
	for (i = 0; i < z.n; i++) {
		size_t c = z.central[i], l = z.local[i];

		if (fz_get16(b + c + 28) != len ||
		    memcmp(b + c + 46, p->e[p->dup].name, len) != 0)
			continue;
		memcpy(b + c + 46, p->dup_name, len);
		if (fz_get16(b + l + 26) == len && l + 30 + len <= size)
			memcpy(b + l + 30, p->dup_name, len);
	}
}

/* Packs p into out: its size, or 0 when it does not fit or libzip fails. */
static size_t
fz_pack(struct fz_pkg *p, uint8_t *out, size_t max, uint64_t *s, int forge)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	zip_int64_t got = -1;
	int i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = src != NULL ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (za == NULL) {
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		return 0;
	}
	zip_source_keep(src);
	for (i = 0; i < p->n; i++) {
		struct fz_entry *e = &p->e[i];
		zip_source_t *zs = zip_source_buffer(za, e->data, e->len, 0);
		zip_int64_t idx;

		if (zs == NULL)
			continue;
		idx = zip_file_add(za, e->name, zs, ZIP_FL_ENC_GUESS);
		if (idx < 0) {
			zip_source_free(zs); /* a name libzip refuses */
			continue;
		}
		/* level 1: the mutator must not cost more than the check */
		zip_set_file_compression(za, (zip_uint64_t)idx, e->method, 1);
		zip_file_set_mtime(za, (zip_uint64_t)idx, FZ_MTIME, 0);
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		zip_source_free(src);
		zip_error_fini(&ze);
		return 0;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
	    st.size > 0 && st.size <= max && zip_source_open(src) == 0) {
		got = zip_source_read(src, out, st.size);
		zip_source_close(src);
		if (got != (zip_int64_t)st.size)
			got = -1;
	}
	zip_source_free(src);
	zip_error_fini(&ze);
	if (got <= 0)
		return 0;
	if (p->dup >= 0 && p->dup_name != NULL)
		fz_rename_dup(out, (size_t)got, p);
	if (forge)
		fz_forge(out, (size_t)got, s);
	return (size_t)got;
}

/* An entry to mutate: FZ_MAIN_PART or FZ_OTHER_PART (content.xml or
 * styles.xml in an ODT) most of the time, the checker's main input. */
static int
fz_pick(struct fz_pkg *p, uint64_t *s)
{
	int i, want[FZ_MAX_ENTRIES], n = 0;

	if (fz_below(s, 10) < 7) {
		for (i = 0; i < p->n; i++)
			if (strcmp(p->e[i].name, FZ_MAIN_PART) == 0 ||
			    strcmp(p->e[i].name, FZ_OTHER_PART) == 0)
				want[n++] = i;
		if (n > 0)
			return want[fz_below(s, (size_t)n)];
	}
	return (int)fz_below(s, (size_t)p->n);
}

/* Room for len + extra bytes in e; the new capacity, or 0. */
static size_t
fz_room(struct fz_entry *e, size_t extra)
{
	size_t cap = e->len + extra;
	uint8_t *d;

	if (cap > FZ_MAX_PART)
		cap = FZ_MAX_PART;
	if (cap < e->len)
		return 0;
	d = realloc(e->data, cap > 0 ? cap : 1);
	if (d == NULL)
		return 0;
	e->data = d;
	return cap;
}

/* Inserts a token of the checker's vocabulary into e, or writes it over
 * the bytes there. */
static void
fz_token(struct fz_entry *e, uint64_t *s)
{
	const char *t =
	    fz_tokens[fz_below(s, sizeof(fz_tokens) / sizeof(fz_tokens[0]))];
	size_t tl = strlen(t), at = fz_below(s, e->len + 1), cap;

	if (e->len > 0 && fz_below(s, 4) == 0) {
		/* overwrite, after an '=' or '>' when there is one near */
		size_t i;

		for (i = at; i < e->len && i < at + 256; i++)
			if (e->data[i] == '"' || e->data[i] == '>') {
				at = i + 1;
				break;
			}
		if (at + tl <= e->len) {
			memcpy(e->data + at, t, tl);
			return;
		}
	}
	cap = fz_room(e, tl);
	if (cap < e->len + tl)
		return;
	memmove(e->data + at + tl, e->data + at, e->len - at);
	memcpy(e->data + at, t, tl);
	e->len += tl;
}

static void
fz_mutate_bytes(struct fz_entry *e, uint64_t *s)
{
	size_t rounds = 1 + fz_below(s, 3), r;

	for (r = 0; r < rounds; r++) {
		if (fz_below(s, 3) == 0) {
			fz_token(e, s);
		} else {
			size_t cap = fz_room(e, 64 + e->len / 8);

			if (cap > 0)
				e->len = LLVMFuzzerMutate(e->data, e->len, cap);
		}
	}
}

static void
fz_set_name(struct fz_entry *e, const char *name)
{
	char *n = strdup(name);

	if (n != NULL) {
		free(e->name);
		e->name = n;
	}
}

/* Mutates the name of e: one of fz_names, or its bytes. */
static void
fz_mutate_name(struct fz_entry *e, uint64_t *s)
{
	uint8_t b[FZ_MAX_NAME + 1];
	size_t len;

	if (fz_below(s, 2) == 0) {
		fz_set_name(e, fz_names[fz_below(s, sizeof(fz_names) /
							sizeof(fz_names[0]))]);
		return;
	}
	len = strlen(e->name);
	memcpy(b, e->name, len);
	len = LLVMFuzzerMutate(b, len, FZ_MAX_NAME);
	b[len] = '\0';
	if (b[0] != '\0')
		fz_set_name(e, (const char *)b);
}

static int
fz_add(struct fz_pkg *p, const char *name, const uint8_t *data, size_t len,
       int method)
{
	struct fz_entry *e;

	if (p->n >= FZ_MAX_ENTRIES)
		return -1;
	e = &p->e[p->n];
	e->name = strdup(name);
	e->data = malloc(len > 0 ? len : 1);
	if (e->name == NULL || e->data == NULL) {
		free(e->name);
		free(e->data);
		e->name = NULL;
		e->data = NULL;
		return -1;
	}
	memcpy(e->data, data, len);
	e->len = len;
	e->method = method;
	return p->n++;
}

/* One change to the package. */
static void
fz_mutate_pkg(struct fz_pkg *p, uint64_t *s)
{
	int i = fz_pick(p, s), j = (int)fz_below(s, (size_t)p->n), k;
	struct fz_entry t;

	switch (fz_below(s, 20)) {
	case 0: /* add an entry: a copy of another under a name of the list */
		fz_add(p,
		       fz_names[fz_below(s, sizeof(fz_names) /
						sizeof(fz_names[0]))],
		       p->e[j].data, p->e[j].len, p->e[j].method);
		break;
	case 1: /* remove one */
		if (p->n > 1) {
			free(p->e[j].name);
			free(p->e[j].data);
			memmove(&p->e[j], &p->e[j + 1],
				(size_t)(p->n - j - 1) * sizeof(p->e[0]));
			p->n--;
		}
		break;
	case 2: /* rename one */
		fz_mutate_name(&p->e[j], s);
		break;
	case 3: /* stored <-> deflated */
		p->e[j].method = p->e[j].method == ZIP_CM_STORE ? ZIP_CM_DEFLATE
								: ZIP_CM_STORE;
		break;
	case 4: /* reorder: mimetype is no longer first */
		t = p->e[i];
		p->e[i] = p->e[j];
		p->e[j] = t;
		break;
	case 5: { /* a second entry of the same name as i, holding a mutant */
		char *ph = strdup(p->e[i].name);

		if (ph == NULL)
			break;
		ph[0] = ph[0] == '\x7f' ? '\x7e' : '\x7f';
		k = fz_add(p, ph, p->e[i].data, p->e[i].len, p->e[i].method);
		free(ph);
		if (k < 0)
			break;
		fz_mutate_bytes(&p->e[k], s);
		free(p->dup_name);
		p->dup_name = strdup(p->e[i].name);
		p->dup = k;
		break;
	}
	default: /* the bytes of one */
		fz_mutate_bytes(&p->e[i], s);
		break;
	}
}

size_t
LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
			unsigned int seed)
{
	struct fz_pkg p;
	uint64_t s = seed;
	size_t n = 0;

	if (fz_below(&s, 10) != 0 && fz_unpack(data, size, &p) == 0) {
		fz_mutate_pkg(&p, &s);
		n = fz_pack(&p, data, max_size, &s, fz_below(&s, 8) == 0);
		fz_pkg_fini(&p);
	}
	/* not a package libzip opens, one time in ten, or too big once
	 * packed: libFuzzer's own mutations of the raw bytes */
	return n > 0 ? n : LLVMFuzzerMutate(data, size, max_size);
}

size_t
LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
			  const uint8_t *data2, size_t size2, uint8_t *out,
			  size_t max_out_size, unsigned int seed)
{
	struct fz_pkg a, b;
	uint64_t s = seed;
	size_t n = 0;
	int i, j;

	if (fz_unpack(data1, size1, &a) != 0)
		return 0;
	if (fz_unpack(data2, size2, &b) != 0) {
		fz_pkg_fini(&a);
		return 0;
	}
	/* an entry of the second package replaces or splices with the entry
	 * of the same name in the first, or is added to it */
	j = fz_pick(&b, &s);
	for (i = 0; i < a.n; i++)
		if (strcmp(a.e[i].name, b.e[j].name) == 0)
			break;
	if (i == a.n) {
		fz_add(&a, b.e[j].name, b.e[j].data, b.e[j].len, b.e[j].method);
	} else {
		struct fz_entry *e = &a.e[i];
		size_t cut1 = fz_below(&s, e->len + 1);
		size_t cut2 = fz_below(&s, b.e[j].len + 1);
		size_t len = cut1 + (b.e[j].len - cut2);
		uint8_t *d =
		    len <= FZ_MAX_PART ? malloc(len > 0 ? len : 1) : NULL;

		if (d != NULL) {
			memcpy(d, e->data, cut1);
			memcpy(d + cut1, b.e[j].data + cut2, b.e[j].len - cut2);
			free(e->data);
			e->data = d;
			e->len = len;
		}
	}
	n = fz_pack(&a, out, max_out_size, &s, 0);
	fz_pkg_fini(&a);
	fz_pkg_fini(&b);
	return n;
}
#endif
