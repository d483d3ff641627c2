/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The PDF's post-processing (see pdfpost.h): PDF/A-3b identification,
 * empty signature fields, associated files, deterministic ID, as an
 * incremental update appended to cairo's file (pdfincr.h, which says why
 * not with libqpdf).  The PDF comes from cairo, in memory; the result goes
 * back to pdf.c, which writes it atomically.  The requirements of PDF/A-3b this
 * meets, and the test that checks each, are listed in doc/pdfa.md.
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "pdfincr.h"
#include "pdfpost.h"
#include "xalloc.h"

/* The namespace of paraphe's provenance summary in the XMP. */
#define POST_NS "urn:x-paraphe:provenance:1.0#"

/* Appends s with the characters XML reserves escaped. */
static void
post_xml(GString *x, const char *s)
{
	char *e = g_markup_escape_text(s, -1);

	g_string_append(x, e);
	g_free(e);
}

/* <tag>text</tag>, when text is not NULL. */
static void
post_xmp_text(GString *x, const char *tag, const char *text)
{
	if (text == NULL)
		return;
	g_string_append_printf(x, "   <%s>", tag);
	post_xml(x, text);
	g_string_append_printf(x, "</%s>\n", tag);
}

/* <tag><rdf:Alt><rdf:li xml:lang="x-default">text</...>: dc:title... */
static void
post_xmp_alt(GString *x, const char *tag, const char *text)
{
	if (text == NULL)
		return;
	g_string_append_printf(
	    x, "   <%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", tag);
	post_xml(x, text);
	g_string_append_printf(x, "</rdf:li></rdf:Alt></%s>\n", tag);
}

/* One property of the paraphe namespace, described for PDF/A (an XMP
 * property outside the standard schemas needs its extension schema). */
static void
post_xmp_property(GString *x, const char *name, const char *type,
		  const char *desc)
{
	g_string_append_printf(
	    x,
	    "       <rdf:li rdf:parseType=\"Resource\">\n"
	    "        <pdfaProperty:name>%s</pdfaProperty:name>\n"
	    "        <pdfaProperty:valueType>%s</pdfaProperty:valueType>\n"
	    "        <pdfaProperty:category>external</pdfaProperty:category>\n"
	    "        <pdfaProperty:description>%s</pdfaProperty:description>\n"
	    "       </rdf:li>\n",
	    name, type, desc);
}

char *
pp_pdfpost_xmp(const struct pp_pdfpost *o, const char *title,
	       const char *author, const char *subject, const char *keywords,
	       const char *creator, const char *producer)
{
	GString *x = g_string_new("");
	/* "2026-01-15T00:00:00Z" -> "2026-01-15T00:00:00+00:00", the instant
	 * the Info dictionary's D:20260115000000+00'00' says. */
	char *date = g_strdup_printf("%.19s+00:00", o->date);
	size_t i;

	g_string_append(
	    x, "<?xpacket begin=\"\xef\xbb\xbf\" "
	       "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	       "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	       " <rdf:RDF "
	       "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	       "  <rdf:Description rdf:about=\"\"\n"
	       "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	       "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	       "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	       "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
	       "   <dc:format>application/pdf</dc:format>\n");
	post_xmp_alt(x, "dc:title", title);
	if (author != NULL) {
		g_string_append(x, "   <dc:creator><rdf:Seq><rdf:li>");
		post_xml(x, author);
		g_string_append(x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	post_xmp_alt(x, "dc:description", subject);
	post_xmp_text(x, "pdf:Keywords", keywords);
	post_xmp_text(x, "pdf:Producer", producer);
	post_xmp_text(x, "xmp:CreatorTool", creator);
	post_xmp_text(x, "xmp:CreateDate", date);
	post_xmp_text(x, "xmp:ModifyDate", date);
	post_xmp_text(x, "xmp:MetadataDate", date);
	g_string_append(x, "   <pdfaid:part>3</pdfaid:part>\n"
			   "   <pdfaid:conformance>B</pdfaid:conformance>\n"
			   "  </rdf:Description>\n");
	if (o->model != NULL) {
		g_string_append(
		    x,
		    "  <rdf:Description rdf:about=\"\"\n"
		    "    xmlns:pdfaExtension="
		    "\"http://www.aiim.org/pdfa/ns/extension/\"\n"
		    "    "
		    "xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\"\n"
		    "    xmlns:pdfaProperty="
		    "\"http://www.aiim.org/pdfa/ns/property#\">\n"
		    "   <pdfaExtension:schemas>\n"
		    "    <rdf:Bag>\n"
		    "     <rdf:li rdf:parseType=\"Resource\">\n"
		    "      <pdfaSchema:schema>paraphe: provenance of the "
		    "document</pdfaSchema:schema>\n"
		    "      <pdfaSchema:namespaceURI>" POST_NS
		    "</pdfaSchema:namespaceURI>\n"
		    "      <pdfaSchema:prefix>paraphe</pdfaSchema:prefix>\n"
		    "      <pdfaSchema:property>\n"
		    "       <rdf:Seq>\n");
		post_xmp_property(x, "modele", "Text",
				  "the model the document was rendered with");
		post_xmp_property(x, "charte", "Text",
				  "the graphic charter it was laid out with");
		post_xmp_property(x, "formulaire", "Text",
				  "the associated file holding the form");
		post_xmp_property(x, "empreinte", "Text",
				  "SHA-256 of the form's bytes");
		post_xmp_property(x, "clauses", "Seq Text",
				  "the clauses of the library, id and version");
		g_string_append(x, "       </rdf:Seq>\n"
				   "      </pdfaSchema:property>\n"
				   "     </rdf:li>\n"
				   "    </rdf:Bag>\n"
				   "   </pdfaExtension:schemas>\n"
				   "  </rdf:Description>\n"
				   "  <rdf:Description rdf:about=\"\"\n"
				   "    xmlns:paraphe=\"" POST_NS "\">\n");
		post_xmp_text(x, "paraphe:modele", o->model);
		post_xmp_text(x, "paraphe:charte", o->charte);
		if (o->form_digest != NULL) {
			post_xmp_text(x, "paraphe:formulaire",
				      PP_PDFPOST_FORM_NAME);
			post_xmp_text(x, "paraphe:empreinte", o->form_digest);
		}
		if (o->nclauses > 0) {
			g_string_append(x, "   <paraphe:clauses><rdf:Seq>\n");
			for (i = 0; i < o->nclauses; i++) {
				g_string_append(x, "    <rdf:li>");
				post_xml(x, o->clauses[i]);
				g_string_append(x, "</rdf:li>\n");
			}
			g_string_append(x, "   </rdf:Seq></paraphe:clauses>\n");
		}
		g_string_append(x, "  </rdf:Description>\n");
	}
	g_string_append(x, " </rdf:RDF>\n"
			   "</x:xmpmeta>\n"
			   "<?xpacket end=\"r\"?>\n");
	g_free(date);
	return g_string_free(x, FALSE);
}

/* The work of one run. */
struct post {
	struct pp_pdfincr *in;
	const struct pp_pdfpost *o;
	struct pp_error *err;
	unsigned *pages; /* the page objects, in order */
	size_t npages, cappages, visited;
	unsigned char *done; /* cairo's objects written again, by number */
	unsigned ncairo;     /* cairo's /Size */
	char date[32];	     /* D:20260115000000+00'00' */
};

static int
post_is(const struct pp_pdfspan *v, const char *s)
{
	return v != NULL && v->n == strlen(s) && memcmp(v->p, s, v->n) == 0;
}

/* What cairo's file lacks. */
static int
post_fail(struct post *p, const char *what)
{
	return pp_pdfincr_fail(p->in, NULL, what, p->err);
}

/* The value of v, through one reference if it is one. */
static int
post_deref(struct post *p, const struct pp_pdfspan *v, struct pp_pdfspan *out)
{
	unsigned n = pp_pdfincr_ref(*v);

	if (n == 0) {
		*out = *v;
		return 0;
	}
	return pp_pdfincr_object(p->in, n, out, p->err);
}

/* Claims cairo's object num for a new version: -1 if it has one already
 * (an object reached twice where cairo writes a tree). */
static int
post_claim(struct post *p, unsigned num)
{
	if (num >= p->ncairo || p->done[num])
		return post_fail(p, N_("an object reached twice"));
	p->done[num] = 1;
	return 0;
}

/* The page tree under num, its pages in order into p->pages. */
static int
post_pages(struct post *p, unsigned num, int depth)
{
	struct pp_pdfdict d;
	struct pp_pdfspan kv;
	struct pp_pdfarray kids = {0, 0, NULL};
	const struct pp_pdfspan *t, *k;
	size_t i;
	int rc = -1;

	if (depth > 16 || ++p->visited > p->ncairo)
		return post_fail(p, N_("a page tree too deep"));
	if (num == 0 || pp_pdfincr_dict(p->in, num, &d, p->err) != 0)
		return num == 0 ? post_fail(p, N_("a page tree node expected"))
				: -1;
	t = pp_pdfdict_get(&d, "/Type");
	if (post_is(t, "/Page")) {
		if (p->npages == p->cappages) {
			p->cappages = p->cappages ? 2 * p->cappages : 16;
			p->pages = pp_xreallocarray(p->pages, p->cappages,
						    sizeof(*p->pages));
		}
		p->pages[p->npages++] = num;
		return 0;
	}
	k = pp_pdfdict_get(&d, "/Kids");
	if (!post_is(t, "/Pages") || k == NULL)
		return post_fail(p, N_("a page tree node expected"));
	if (post_deref(p, k, &kv) != 0 ||
	    pp_pdfincr_parse_array(p->in, kv, &kids, p->err) != 0)
		goto out;
	for (i = 0; i < kids.n; i++)
		if (post_pages(p, pp_pdfincr_ref(kids.v[i]), depth + 1) != 0)
			goto out;
	rc = 0;
out:
	pp_pdfarray_fini(&kids);
	return rc;
}

/* "2026-01-15T00:00:00Z" -> "D:20260115000000+00'00'" (out: 32 bytes). */
static void
post_pdf_date(const char *iso, char *out)
{
	snprintf(out, 32, "D:%.4s%.2s%.2s%.2s%.2s%.2s+00'00'", iso, iso + 5,
		 iso + 8, iso + 11, iso + 14, iso + 17);
}

/* The Info entry key as UTF-8, or NULL; caller frees. */
static char *
post_info(const struct pp_pdfdict *info, const char *key)
{
	const struct pp_pdfspan *v = pp_pdfdict_get(info, key);

	return v != NULL ? pp_pdfincr_text(*v) : NULL;
}

/* The profile's compressed stream, kept for the next document of the
 * process (a kit's worker, paraphe watch): the same 20 KB compressed for
 * every PDF were 4 M instructions each time. */
static GMutex icc_lock;
static unsigned char *icc_src, *icc_z;
static size_t icc_len, icc_zlen;

static void
post_icc(struct pp_pdfincr *in, unsigned num, const void *icc, size_t len)
{
	g_mutex_lock(&icc_lock);
	if (icc_z == NULL || len != icc_len || memcmp(icc, icc_src, len) != 0) {
		free(icc_src);
		free(icc_z);
		icc_src = NULL;
		icc_z = pp_pdfincr_deflate(icc, len, &icc_zlen);
		if (icc_z != NULL) {
			icc_src = pp_xmalloc(len);
			memcpy(icc_src, icc, len);
			icc_len = len;
		}
	}
	if (icc_z != NULL)
		pp_pdfincr_stream(in, num, " /N 3", icc_z, icc_zlen,
				  PP_PDFINCR_FLATE);
	else
		pp_pdfincr_stream(in, num, " /N 3", icc, len, PP_PDFINCR_RAW);
	g_mutex_unlock(&icc_lock);
}

/* Info and XMP, with the same values and the same instant; the
 * OutputIntent's profile.  The catalog's entries into cat. */
static int
post_pdfa(struct post *p, struct pp_buf *cat)
{
	const struct pp_pdfspan *ir =
	    pp_pdfdict_get(pp_pdfincr_trailer(p->in), "/Info");
	unsigned info = ir != NULL ? pp_pdfincr_ref(*ir) : 0;
	static const char *const drop[] = {"/CreationDate", "/ModDate", NULL};
	struct pp_pdfdict d;
	struct pp_buf *b;
	char *title, *author, *subject, *keywords, *creator, *producer, *xmp;
	unsigned meta, icc;

	if (info == 0)
		return post_fail(p, N_("a trailer without /Info"));
	if (pp_pdfincr_dict(p->in, info, &d, p->err) != 0 ||
	    post_claim(p, info) != 0)
		return -1;
	title = post_info(&d, "/Title");
	author = post_info(&d, "/Author");
	subject = post_info(&d, "/Subject");
	keywords = post_info(&d, "/Keywords");
	creator = post_info(&d, "/Creator");
	producer = post_info(&d, "/Producer");
	b = pp_pdfincr_begin(p->in, info);
	pp_buf_adds(b, "<<");
	pp_pdfincr_put_entries(b, &d, drop);
	pp_buf_addf(b, "\n /CreationDate (%s)\n /ModDate (%s)\n>>", p->date,
		    p->date);
	pp_pdfincr_end(p->in);

	xmp = pp_pdfpost_xmp(p->o, title, author, subject, keywords, creator,
			     producer);
	meta = pp_pdfincr_new(p->in);
	/* Unfiltered: PDF/A wants the XMP readable as it is. */
	pp_pdfincr_stream(p->in, meta, " /Type /Metadata /Subtype /XML", xmp,
			  strlen(xmp), PP_PDFINCR_RAW);
	icc = pp_pdfincr_new(p->in);
	post_icc(p->in, icc, p->o->icc, p->o->icc_len);
	pp_buf_addf(cat,
		    "\n /Metadata %u 0 R\n /OutputIntents [ << /Type "
		    "/OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier "
		    "(sRGB IEC61966-2.1) /Info (sRGB IEC61966-2.1) "
		    "/RegistryName (http://www.color.org) /DestOutputProfile "
		    "%u 0 R >> ]",
		    meta, icc);
	g_free(xmp);
	free(title);
	free(author);
	free(subject);
	free(keywords);
	free(creator);
	free(producer);
	return 0;
}

/* A page's annotations (its /Annots, direct or not) into a; a->n 0 when
 * it has none. */
static int
post_annots(struct post *p, const struct pp_pdfdict *page,
	    struct pp_pdfarray *a)
{
	const struct pp_pdfspan *v = pp_pdfdict_get(page, "/Annots");
	struct pp_pdfspan arr;

	a->n = 0;
	if (v == NULL)
		return 0;
	if (post_deref(p, v, &arr) != 0)
		return -1;
	return pp_pdfincr_parse_array(p->in, arr, a, p->err);
}

/* PDF/A: every annotation (cairo's links) printed with the page (/F 4). */
static int
post_print_flags(struct post *p)
{
	static const char *const drop[] = {"/F", NULL};
	struct pp_pdfarray a = {0, 0, NULL};
	struct pp_pdfdict d;
	size_t i, k;
	int rc = -1;

	for (i = 0; i < p->npages; i++) {
		if (pp_pdfincr_dict(p->in, p->pages[i], &d, p->err) != 0 ||
		    post_annots(p, &d, &a) != 0)
			goto out;
		for (k = 0; k < a.n; k++) {
			unsigned n = pp_pdfincr_ref(a.v[k]);
			struct pp_buf *b;

			if (n == 0) {
				post_fail(p, N_("an annotation not in an "
						"object of its own"));
				goto out;
			}
			if (pp_pdfincr_dict(p->in, n, &d, p->err) != 0)
				goto out;
			if (post_is(pp_pdfdict_get(&d, "/F"), "4"))
				continue;
			if (post_claim(p, n) != 0)
				goto out;
			b = pp_pdfincr_begin(p->in, n);
			pp_buf_adds(b, "<<");
			pp_pdfincr_put_entries(b, &d, drop);
			pp_buf_adds(b, "\n /F 4\n>>");
			pp_pdfincr_end(p->in);
		}
	}
	rc = 0;
out:
	pp_pdfarray_fini(&a);
	return rc;
}

/* [a b c d] */
static void
post_rect(struct pp_buf *b, double x0, double y0, double x1, double y1)
{
	pp_buf_addc(b, '[');
	pp_pdfincr_put_real(b, x0);
	pp_buf_addc(b, ' ');
	pp_pdfincr_put_real(b, y0);
	pp_buf_addc(b, ' ');
	pp_pdfincr_put_real(b, x1);
	pp_buf_addc(b, ' ');
	pp_pdfincr_put_real(b, y1);
	pp_buf_addc(b, ']');
}

/*
 * The signature fields: each a field merged with its widget annotation,
 * invisible and printed (/F 4), with an empty appearance (PDF/A wants one
 * for every widget), in the page's /Annots (a new version of the page)
 * and the AcroForm's /Fields.  /SigFlags 1 (SignaturesExist): the
 * document has signature fields; no AppendOnly until one is signed.
 */
static int
post_fields(struct post *p, struct pp_buf *cat)
{
	static const char *const drop[] = {"/Annots", NULL};
	const struct pp_pdfpost *o = p->o;
	unsigned *widgets = g_new(unsigned, o->nfields);
	struct pp_pdfarray a = {0, 0, NULL};
	struct pp_pdfdict d;
	size_t i, k, pg;
	int rc = -1;

	for (i = 0; i < o->nfields; i++)
		if (o->fields[i].page >= p->npages) {
			pp_error_set(p->err, PP_DIAG_LIBRARY, NULL, "%s",
				     _("cannot post-process the PDF: a "
				       "signature field is on a page that "
				       "does not exist"));
			goto out;
		}
	for (i = 0; i < o->nfields; i++) {
		const struct pp_pdfpost_field *f = &o->fields[i];
		unsigned ap = pp_pdfincr_new(p->in);
		struct pp_buf *b = pp_pdfincr_begin(p->in, ap);

		pp_buf_adds(b, "<< /Type /XObject /Subtype /Form /BBox ");
		post_rect(b, 0, 0, f->x1 - f->x0, f->y1 - f->y0);
		pp_buf_adds(b, " /Length 0 >>\nstream\n\nendstream");
		pp_pdfincr_end(p->in);
		widgets[i] = pp_pdfincr_new(p->in);
		b = pp_pdfincr_begin(p->in, widgets[i]);
		pp_buf_adds(b, "<< /Type /Annot /Subtype /Widget /FT /Sig /T ");
		pp_pdfincr_put_text(b, f->name);
		if (f->tooltip != NULL) {
			pp_buf_adds(b, " /TU ");
			pp_pdfincr_put_text(b, f->tooltip);
		}
		pp_buf_adds(b, " /F 4 /Rect ");
		post_rect(b, f->x0, f->y0, f->x1, f->y1);
		pp_buf_addf(b, " /P %u 0 R /AP << /N %u 0 R >> >>",
			    p->pages[f->page], ap);
		pp_pdfincr_end(p->in);
	}
	/* The pages that get a widget, each once. */
	for (pg = 0; pg < p->npages; pg++) {
		struct pp_buf *b;

		for (i = 0; i < o->nfields && o->fields[i].page != pg; i++)
			;
		if (i == o->nfields)
			continue;
		if (pp_pdfincr_dict(p->in, p->pages[pg], &d, p->err) != 0 ||
		    post_annots(p, &d, &a) != 0 ||
		    post_claim(p, p->pages[pg]) != 0)
			goto out;
		b = pp_pdfincr_begin(p->in, p->pages[pg]);
		pp_buf_adds(b, "<<");
		pp_pdfincr_put_entries(b, &d, drop);
		pp_buf_adds(b, "\n /Annots [");
		for (k = 0; k < a.n; k++) {
			pp_buf_addc(b, ' ');
			pp_buf_add(b, a.v[k].p, a.v[k].n);
		}
		for (; i < o->nfields; i++)
			if (o->fields[i].page == pg)
				pp_buf_addf(b, " %u 0 R", widgets[i]);
		pp_buf_adds(b, " ]\n>>");
		pp_pdfincr_end(p->in);
	}
	pp_buf_adds(cat, "\n /AcroForm << /Fields [");
	for (i = 0; i < o->nfields; i++)
		pp_buf_addf(cat, " %u 0 R", widgets[i]);
	pp_buf_adds(cat, " ] /SigFlags 1 >>");
	rc = 0;
out:
	pp_pdfarray_fini(&a);
	g_free(widgets);
	return rc;
}

static int
post_file_cmp(const void *a, const void *b)
{
	const struct pp_pdfpost_file *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

/*
 * The associated files: one file specification each, /AFRelationship
 * /Source, in the catalog's /AF and in the /EmbeddedFiles name tree (one
 * leaf, its names sorted as a name tree wants), added to cairo's /Names
 * (a new version of it when it is an object of its own).
 */
static int
post_files(struct post *p, const struct pp_pdfdict *root, struct pp_buf *cat)
{
	static const char *const drop[] = {"/EmbeddedFiles", NULL};
	const struct pp_pdfpost *o = p->o;
	const struct pp_pdfpost_file **sorted =
	    g_new(const struct pp_pdfpost_file *, o->nfiles);
	unsigned *specs = g_new(unsigned, o->nfiles);
	const struct pp_pdfspan *nv = pp_pdfdict_get(root, "/Names");
	unsigned leaf, nref = nv != NULL ? pp_pdfincr_ref(*nv) : 0;
	struct pp_pdfdict names;
	struct pp_buf *b;
	size_t i;
	int rc = -1;

	names.n = 0;
	if (nv != NULL) {
		struct pp_pdfspan v;

		if (post_deref(p, nv, &v) != 0 ||
		    pp_pdfincr_parse_dict(p->in, v, &names, p->err) != 0)
			goto out;
	}
	for (i = 0; i < o->nfiles; i++)
		sorted[i] = &o->files[i];
	qsort(sorted, o->nfiles, sizeof(*sorted), post_file_cmp);
	for (i = 0; i < o->nfiles; i++) {
		const struct pp_pdfpost_file *f = sorted[i];
		unsigned s = pp_pdfincr_new(p->in);
		struct pp_buf d;

		pp_buf_init(&d);
		pp_buf_adds(&d, " /Type /EmbeddedFile /Subtype ");
		pp_pdfincr_put_name(&d, f->mime);
		pp_buf_addf(&d, " /Params << /Size %zu /ModDate (%s) >>",
			    f->len, p->date);
		pp_pdfincr_stream(p->in, s, pp_buf_str(&d), f->data, f->len,
				  PP_PDFINCR_DEFLATE);
		pp_buf_fini(&d);
		specs[i] = pp_pdfincr_new(p->in);
		b = pp_pdfincr_begin(p->in, specs[i]);
		pp_buf_adds(b, "<< /Type /Filespec /F ");
		pp_pdfincr_put_text(b, f->name);
		pp_buf_adds(b, " /UF ");
		pp_pdfincr_put_text(b, f->name);
		if (f->desc != NULL) {
			pp_buf_adds(b, " /Desc ");
			pp_pdfincr_put_text(b, f->desc);
		}
		pp_buf_addf(b,
			    " /AFRelationship /Source /EF << /F %u 0 R /UF %u "
			    "0 R >> >>",
			    s, s);
		pp_pdfincr_end(p->in);
	}
	leaf = pp_pdfincr_new(p->in);
	b = pp_pdfincr_begin(p->in, leaf);
	pp_buf_adds(b, "<< /Names [");
	for (i = 0; i < o->nfiles; i++) {
		pp_buf_addc(b, ' ');
		pp_pdfincr_put_text(b, sorted[i]->name);
		pp_buf_addf(b, " %u 0 R", specs[i]);
	}
	pp_buf_adds(b, " ] >>");
	pp_pdfincr_end(p->in);
	pp_buf_adds(cat, "\n /AF [");
	for (i = 0; i < o->nfiles; i++)
		pp_buf_addf(cat, " %u 0 R", specs[i]);
	pp_buf_adds(cat, " ]");
	if (nref != 0) {
		if (post_claim(p, nref) != 0)
			goto out;
		b = pp_pdfincr_begin(p->in, nref);
		pp_buf_adds(b, "<<");
		pp_pdfincr_put_entries(b, &names, drop);
		pp_buf_addf(b, "\n /EmbeddedFiles %u 0 R\n>>", leaf);
		pp_pdfincr_end(p->in);
	} else {
		pp_buf_adds(cat, "\n /Names <<");
		pp_pdfincr_put_entries(cat, &names, drop);
		pp_buf_addf(cat, " /EmbeddedFiles %u 0 R >>", leaf);
	}
	rc = 0;
out:
	g_free(specs);
	g_free(sorted);
	return rc;
}

int
pp_pdfpost_run(const void *pdf, size_t len, const struct pp_pdfpost *o,
	       struct pp_buf *out, struct pp_error *err)
{
	static const char *const drop[] = {
	    "/Metadata", "/OutputIntents", "/AcroForm", "/AF", NULL, NULL};
	const char *dropped[G_N_ELEMENTS(drop)];
	struct post p;
	struct pp_pdfdict root;
	const struct pp_pdfspan *names;
	struct pp_buf cat, *b;
	unsigned rootnum;
	int rc = -1;

	pp_buf_reset(out);
	memset(&p, 0, sizeof(p));
	p.o = o;
	p.err = err;
	pp_buf_init(&cat);
	post_pdf_date(o->date, p.date);
	p.in = pp_pdfincr_open(pdf, len, err);
	if (p.in == NULL)
		return -1;
	p.ncairo = pp_pdfincr_size(p.in);
	p.done = g_new0(unsigned char, p.ncairo);
	rootnum =
	    pp_pdfincr_ref(*pp_pdfdict_get(pp_pdfincr_trailer(p.in), "/Root"));
	if (pp_pdfincr_dict(p.in, rootnum, &root, err) != 0 ||
	    post_claim(&p, rootnum) != 0 ||
	    !post_is(pp_pdfdict_get(&root, "/Type"), "/Catalog") ||
	    pp_pdfdict_get(&root, "/Pages") == NULL) {
		/* (the first error recorded stays) */
		post_fail(&p, N_("a catalog expected"));
		goto out;
	}
	if (post_pages(&p, pp_pdfincr_ref(*pp_pdfdict_get(&root, "/Pages")),
		       0) != 0)
		goto out;
	if (o->icc != NULL &&
	    (post_pdfa(&p, &cat) != 0 || post_print_flags(&p) != 0))
		goto out;
	if (o->nfields > 0 && post_fields(&p, &cat) != 0)
		goto out;
	if (o->nfiles > 0 && post_files(&p, &root, &cat) != 0)
		goto out;
	/* The catalog, cairo's entries kept (structure tree, outlines,
	 * pages, names...), the new ones added. */
	memcpy(dropped, drop, sizeof(drop));
	names = pp_pdfdict_get(&root, "/Names");
	if (o->nfiles > 0 && names != NULL && pp_pdfincr_ref(*names) == 0)
		dropped[4] = "/Names"; /* a new one in cat */
	b = pp_pdfincr_begin(p.in, rootnum);
	pp_buf_adds(b, "<<");
	pp_pdfincr_put_entries(b, &root, dropped);
	pp_buf_add(b, cat.data, cat.len);
	pp_buf_adds(b, "\n>>");
	pp_pdfincr_end(p.in);
	pp_pdfincr_finish(p.in, out);
	rc = 0;
out:
	pp_buf_fini(&cat);
	g_free(p.done);
	free(p.pages);
	pp_pdfincr_free(p.in);
	return rc;
}
