/* SPDX-License-Identifier: EUPL-1.2 */
/* Unit tests of src/pdfpost.c, src/pdfincr.c and src/provenance.c: the
 * XMP packet (PDF/A identification, Info values escaped, the same instant
 * as the Info dates, the paraphe summary and its extension schema); the
 * incremental update appended to a small PDF written the way cairo writes
 * one (the update's exact text, cairo's bytes kept, the objects replaced
 * and added); PDFs not as expected refused with a clear error and no
 * output; the names of the signature fields.  tests/pdfa.sh checks real
 * PDFs with qpdf and poppler. */
#include "pdfpost.h"
#include "provenance.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

static void
test_xmp(void)
{
	const char *clauses[] = {"litiges 2", "resiliation 1.1"};
	struct pp_pdfpost o;
	char *x;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	x = pp_pdfpost_xmp(&o, "Convention — A & B <C>", "L'État", NULL, NULL,
			   "paraphe 0.1.0", "cairo");
	OK(strstr(x, "<pdfaid:part>3</pdfaid:part>") != NULL,
	   "xmp: pdfaid:part 3");
	OK(strstr(x, "<pdfaid:conformance>B</pdfaid:conformance>") != NULL,
	   "xmp: conformance B");
	OK(strstr(x, "<rdf:li xml:lang=\"x-default\">Convention — A &amp; B "
		     "&lt;C&gt;</rdf:li>") != NULL,
	   "xmp: the title in dc:title, escaped");
	OK(strstr(x, "<dc:creator><rdf:Seq><rdf:li>L&apos;État</rdf:li>") !=
	       NULL,
	   "xmp: the author in dc:creator");
	OK(strstr(x, "dc:description") == NULL &&
	       strstr(x, "pdf:Keywords") == NULL,
	   "xmp: no subject, no keywords when Info has none");
	OK(strstr(x, "<xmp:CreateDate>2026-01-15T00:00:00+00:00<") != NULL &&
	       strstr(x, "<xmp:ModifyDate>2026-01-15T00:00:00+00:00<") != NULL,
	   "xmp: the dates, the instant of D:20260115000000+00'00'");
	OK(strstr(x, "paraphe:") == NULL && strstr(x, "pdfaExtension") == NULL,
	   "xmp: no paraphe summary without a model");
	OK(g_str_has_prefix(x, "<?xpacket begin=\"\xef\xbb\xbf\"") &&
	       g_str_has_suffix(x, "<?xpacket end=\"r\"?>\n"),
	   "xmp: a read-only packet");
	g_free(x);

	o.model = "convention";
	o.charte = "Charte de l'État (sha256:00)";
	o.form_digest = "sha256:ab";
	o.clauses = clauses;
	o.nclauses = 2;
	x = pp_pdfpost_xmp(&o, "T", NULL, NULL, NULL, NULL, NULL);
	OK(strstr(x, "<paraphe:modele>convention</paraphe:modele>") != NULL,
	   "xmp: the model");
	OK(strstr(x, "<paraphe:empreinte>sha256:ab</paraphe:empreinte>") !=
		   NULL &&
	       strstr(x, "<paraphe:formulaire>" PP_PDFPOST_FORM_NAME "<") !=
		   NULL,
	   "xmp: the form's name and digest");
	OK(strstr(x, "<rdf:li>litiges 2</rdf:li>") != NULL &&
	       strstr(x, "<rdf:li>resiliation 1.1</rdf:li>") != NULL,
	   "xmp: the clauses with their versions");
	OK(strstr(x, "<pdfaSchema:prefix>paraphe</pdfaSchema:prefix>") !=
		   NULL &&
	       strstr(x, "<pdfaProperty:name>clauses</pdfaProperty:name>") !=
		   NULL,
	   "xmp: the paraphe namespace described by an extension schema");
	g_free(x);
}

/* A PDF as cairo 1.16 writes one: objects 1..n, one xref table, a
 * trailer with /Size, /Root, /Info.  Caller frees. */
static char *
cairo_like(const char *const *objs, size_t n, const char *trailer, size_t *len)
{
	GString *s = g_string_new("%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	size_t *off = g_new(size_t, n), i, xref;

	for (i = 0; i < n; i++) {
		off[i] = s->len;
		g_string_append_printf(s, "%zu 0 obj\n%s\nendobj\n", i + 1,
				       objs[i]);
	}
	xref = s->len;
	g_string_append_printf(s, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "%010zu 00000 n \n", off[i]);
	g_string_append_printf(s, "trailer\n%s\nstartxref\n%zu\n%%%%EOF\n",
			       trailer, xref);
	g_free(off);
	*len = s->len;
	return g_string_free(s, FALSE);
}

static const char *const objs[] = {
    "<< /Type /Pages\n   /Kids [ 2 0 R 3 0 R ]\n   /Count 2\n>>",
    "<< /Type /Page % 1\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595 842 ]\n"
    "   /Annots [ 4 0 R ]\n>>",
    "<< /Type /Page % 2\n   /Parent 1 0 R\n   /MediaBox [ 0 0 595 842 ]\n>>",
    "<< /Type /Annot\n   /Subtype /Link\n   /Rect [ 1 2 3 4 ]\n"
    "   /Dest (a\\)b)\n   /BS << /W 0 >>>>",
    "<< /Dests 6 0 R >>",
    "<< /Names [ (a) [2 0 R /XYZ 0 0 0] ] >>",
    "<< /Producer (cairo \\(x\\) (y))\n   /Title <FEFF00C9007400E9>\n"
    "   /CreationDate (D:20260101000000Z)\n>>",
    "<< /Type /Catalog\n   /Pages 1 0 R\n   /MarkInfo << /Marked true >>\n"
    "   /Names 5 0 R\n>>",
};
#define TRAILER "<< /Size 9\n   /Root 8 0 R\n   /Info 7 0 R\n>>"

/* The update alone: signature fields, nothing compressed, every byte
 * known. */
static void
test_incr_fields(void)
{
	struct pp_pdfpost_field f[] = {
	    {"signature-etat", "Signature de l'État", 1, 10, 20, 110.5, 70.25},
	    {"signature-partenaire", NULL, 1, 120, 20, 220, 70},
	};
	struct pp_pdfpost o;
	struct pp_error err;
	struct pp_buf out;
	size_t len;
	char *pdf = cairo_like(objs, G_N_ELEMENTS(objs), TRAILER, &len);
	const char *tr;
	char *md5, *want;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	o.fields = f;
	o.nfields = 2;
	pp_error_init(&err);
	pp_buf_init(&out);
	INT_EQ(pp_pdfpost_run(pdf, len, &o, &out, &err), 0, "fields: runs");
	OK(out.len > len && memcmp(out.data, "%PDF-1.7", 8) == 0 &&
	       memcmp(out.data + 8, pdf + 8, len - 8) == 0,
	   "fields: cairo's bytes kept, the header says 1.7");
	tr = strstr(out.data + len, "trailer\n");
	md5 = g_compute_checksum_for_data(
	    G_CHECKSUM_MD5, (const guchar *)out.data,
	    tr != NULL ? (gsize)(tr - out.data) : 0);
	want = g_strdup_printf(
	    "9 0 obj\n"
	    "<< /Type /XObject /Subtype /Form /BBox [0 0 100.5 50.25] "
	    "/Length 0 >>\nstream\n\nendstream\nendobj\n"
	    "10 0 obj\n"
	    "<< /Type /Annot /Subtype /Widget /FT /Sig /T (signature-etat) "
	    "/TU <FEFF005300690067006E006100740075007200650020006400650020006C"
	    "002700C9007400610074> /F 4 /Rect [10 20 110.5 70.25] /P 3 0 R "
	    "/AP << /N 9 0 R >> >>\nendobj\n"
	    "11 0 obj\n"
	    "<< /Type /XObject /Subtype /Form /BBox [0 0 100 50] /Length 0 "
	    ">>\nstream\n\nendstream\nendobj\n"
	    "12 0 obj\n"
	    "<< /Type /Annot /Subtype /Widget /FT /Sig /T "
	    "(signature-partenaire) /F 4 /Rect [120 20 220 70] /P 3 0 R /AP "
	    "<< /N 11 0 R >> >>\nendobj\n"
	    "3 0 obj\n"
	    "<<\n /Type /Page\n /Parent 1 0 R\n /MediaBox [ 0 0 595 842 ]\n"
	    " /Annots [ 10 0 R 12 0 R ]\n>>\nendobj\n"
	    "8 0 obj\n"
	    "<<\n /Type /Catalog\n /Pages 1 0 R\n /MarkInfo << /Marked true "
	    ">>\n /Names 5 0 R\n /AcroForm << /Fields [ 10 0 R 12 0 R ] "
	    "/SigFlags 1 >>\n>>\nendobj\n"
	    "xref\n"
	    "3 1\n%010zu 00000 n \n"
	    "8 5\n%010zu 00000 n \n%010zu 00000 n \n%010zu 00000 n \n"
	    "%010zu 00000 n \n%010zu 00000 n \n"
	    "trailer\n"
	    "<< /Size 13 /Root 8 0 R /Info 7 0 R /Prev %zu /ID [<%s> <%s>] "
	    ">>\nstartxref\n%zu\n%%%%EOF\n",
	    (size_t)(strstr(out.data + len, "\n3 0 obj") + 1 - out.data),
	    (size_t)(strstr(out.data + len, "\n8 0 obj") + 1 - out.data), len,
	    (size_t)(strstr(out.data + len, "\n10 0 obj") + 1 - out.data),
	    (size_t)(strstr(out.data + len, "\n11 0 obj") + 1 - out.data),
	    (size_t)(strstr(out.data + len, "\n12 0 obj") + 1 - out.data),
	    (size_t)(strstr(pdf, "xref\n") - pdf), md5, md5,
	    (size_t)(strstr(out.data + len, "xref\n") - out.data));
	STR_EQ(out.data + len, want, "fields: the update, byte for byte");
	g_free(want);
	g_free(md5);
	pp_buf_fini(&out);
	g_free(pdf);
}

/* PDF/A and a file: the new versions keep cairo's entries. */
/* needle in the update (which holds compressed bytes, NULs too). */
static int
has(const struct pp_buf *out, size_t from, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = from; i + n <= out->len; i++)
		if (memcmp(out->data + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
test_incr_pdfa(void)
{
	struct pp_pdfpost_file file = {"formulaire.yaml", "application/yaml",
				       "Le formulaire", "a: 1\n", 5};
	struct pp_pdfpost o;
	struct pp_error err;
	struct pp_buf out;
	size_t len;
	char *pdf = cairo_like(objs, G_N_ELEMENTS(objs), TRAILER, &len);

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	o.icc = "not really a profile";
	o.icc_len = 20;
	o.files = &file;
	o.nfiles = 1;
	pp_error_init(&err);
	pp_buf_init(&out);
	INT_EQ(pp_pdfpost_run(pdf, len, &o, &out, &err), 0, "pdfa: runs");
	OK(has(&out, len,
	       "7 0 obj\n<<\n /Producer (cairo \\(x\\) (y))\n /Title "
	       "<FEFF00C9007400E9>\n /CreationDate "
	       "(D:20260115000000+00'00')\n /ModDate "
	       "(D:20260115000000+00'00')\n>>\nendobj\n"),
	   "pdfa: Info, cairo's entries and the form's instant");
	OK(has(&out, len, "<pdf:Producer>cairo (x) (y)</pdf:Producer>") &&
	       has(&out, len,
		   "<dc:title><rdf:Alt><rdf:li "
		   "xml:lang=\"x-default\">\xc3\x89t\xc3\xa9<"),
	   "pdfa: the XMP has Info's values, decoded");
	OK(has(&out, len, "<< /Type /Metadata /Subtype /XML /Length "),
	   "pdfa: the XMP unfiltered");
	OK(has(&out, len, "<< /N 3 /Filter /FlateDecode /Length "),
	   "pdfa: the profile compressed");
	OK(has(&out, len,
	       "4 0 obj\n<<\n /Type /Annot\n /Subtype /Link\n /Rect [ 1 "
	       "2 3 4 ]\n /Dest (a\\)b)\n /BS << /W 0 >>\n /F 4\n>>"),
	   "pdfa: the link printed (/F 4)");
	OK(has(&out, len,
	       "/Subtype /application#2Fyaml /Params << /Size 5 "
	       "/ModDate (D:20260115000000+00'00') >> /Filter "
	       "/FlateDecode"),
	   "pdfa: the embedded file");
	OK(has(&out, len,
	       "<< /Type /Filespec /F (formulaire.yaml) /UF "
	       "(formulaire.yaml) /Desc (Le formulaire) /AFRelationship "
	       "/Source /EF << /F 11 0 R /UF 11 0 R >> >>"),
	   "pdfa: its file specification");
	OK(has(&out, len,
	       "5 0 obj\n<<\n /Dests 6 0 R\n /EmbeddedFiles 13 0 R\n>>"),
	   "pdfa: cairo's /Names keeps /Dests, gets /EmbeddedFiles");
	OK(has(&out, len,
	       " /Names 5 0 R\n /Metadata 9 0 R\n /OutputIntents [ << "
	       "/Type /OutputIntent /S /GTS_PDFA1 ") &&
	       has(&out, len,
		   "/DestOutputProfile 10 0 R >> ]\n /AF [ 12 0 R ]\n>>"),
	   "pdfa: the catalog, cairo's entries and the new ones");
	OK(has(&out, len, "/Size 14 /Root 8 0 R /Info 7 0 R /Prev "),
	   "pdfa: the trailer");
	pp_buf_fini(&out);
	g_free(pdf);
}

/* What is not as cairo writes it: an error, no output. */
static void
refused(const char *name, const char *pdf, size_t len, const char *want)
{
	struct pp_pdfpost_field f = {"signature-etat", NULL, 1, 0, 0, 1, 1};
	struct pp_pdfpost o;
	struct pp_error err;
	struct pp_buf out;
	char *t;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	o.icc = "icc";
	o.icc_len = 3;
	o.fields = &f;
	o.nfields = 1;
	pp_error_init(&err);
	pp_buf_init(&out);
	t = g_strdup_printf("refused: %s", name);
	OK(pp_pdfpost_run(pdf, len, &o, &out, &err) == -1 && out.len == 0 &&
	       strstr(err.message, want) != NULL,
	   t);
	if (strstr(err.message, want) == NULL)
		printf("# %s\n", err.message);
	g_free(t);
	pp_buf_fini(&out);
}

static void
test_incr_refused(void)
{
	/* cairo's objects, one (or two) of them replaced. */
	static const struct {
		const char *name;
		size_t obj, obj2;
		const char *text, *text2, *want;
	} cases[] = {
	    {"a page tree looping", 0, 0,
	     "<< /Type /Pages /Kids [ 2 0 R 1 0 R ] /Count 2 >>", NULL,
	     "(a page tree too deep)"},
	    {"a string not closed", 7, 0,
	     "<< /Type /Catalog /Pages 1 0 R /Lang (fr-FR >>", NULL,
	     "(a value cut short"},
	    {"nested too deeply", 7, 0,
	     "<< /Type /Catalog /Pages 1 0 R /X "
	     "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]"
	     "]]]]]]]]]]]]]]]] >>",
	     NULL, "(values nested too deeply"},
	    {"an annotation inline", 1, 0,
	     "<< /Type /Page /Annots [ << /Type /Annot >> ] >>", NULL,
	     "(an annotation not in an object of its own)"},
	    {"annotations past cairo's objects", 1, 0,
	     "<< /Type /Page /Parent 1 0 R /Annots 9 0 R >>", NULL,
	     "(an object not in the xref table)"},
	    {"an annotation on two pages", 1, 2,
	     "<< /Type /Page /Annots [ 4 0 R ] >>",
	     "<< /Type /Page /Annots [ 4 0 R ] >>",
	     "(an object reached twice)"},
	    {"a field on a page that does not exist", 0, 0,
	     "<< /Type /Pages /Kids [ 2 0 R ] /Count 1 >>", NULL,
	     "a signature field is on a page that does not exist"},
	};
	const char *o2[G_N_ELEMENTS(objs)];
	size_t len, i;
	char *pdf, *p;

	refused("not a PDF", "hello, world: not a PDF at all, no", 34,
		"not as expected (a PDF header expected, at byte 0)");
	pdf = cairo_like(objs, G_N_ELEMENTS(objs), TRAILER, &len);
	refused("cut short", pdf, len - 30, "(no startxref at the end)");
	p = strstr(pdf, "xref\n0 9");
	p[0] = 'X';
	refused("no xref table", pdf, len, "(a classic xref table expected");
	g_free(pdf);
	pdf = cairo_like(objs, G_N_ELEMENTS(objs),
			 "<< /Size 9 /Root 8 0 R /Info 7 0 R /Encrypt 5 0 R >>",
			 &len);
	refused("encrypted", pdf, len, "(one unencrypted xref section");
	g_free(pdf);
	pdf = cairo_like(objs, G_N_ELEMENTS(objs),
			 "<< /Size 9 /Root 99 0 R /Info 7 0 R >>", &len);
	refused("a root out of the table", pdf, len,
		"(an object not in the xref table)");
	g_free(pdf);
	for (i = 0; i < G_N_ELEMENTS(cases); i++) {
		memcpy(o2, objs, sizeof(objs));
		o2[cases[i].obj] = cases[i].text;
		if (cases[i].text2 != NULL)
			o2[cases[i].obj2] = cases[i].text2;
		pdf = cairo_like(o2, G_N_ELEMENTS(o2), TRAILER, &len);
		refused(cases[i].name, pdf, len, cases[i].want);
		g_free(pdf);
	}
}

static void
test_field_names(void)
{
	char *n;

	n = pp_provenance_field_name(0);
	STR_EQ(n, "signature-etat", "field 0: the State");
	g_free(n);
	n = pp_provenance_field_name(1);
	STR_EQ(n, "signature-partenaire", "field 1: the partner");
	g_free(n);
	n = pp_provenance_field_name(2);
	STR_EQ(n, "signature-partenaire-2", "field 2: a second partner");
	g_free(n);
}

int
main(void)
{
	test_xmp();
	test_incr_fields();
	test_incr_pdfa();
	test_incr_refused();
	test_field_names();
	return harness_done();
}
