/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The PDF's post-processing with libqpdf (see pdfpost.h): PDF/A-3b
 * identification, empty signature fields, associated files, deterministic
 * ID.  The PDF comes from cairo, in memory; the result goes back to pdf.c,
 * which writes it atomically.  The requirements of PDF/A-3b this meets, and
 * the test that checks each, are listed in doc/pdfa.md.
 */
#include <glib.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dynlib.h"
#include "i18n.h"
#include "pdfpost.h"

#define QPDF_FUNCS(X)                                                          \
	X(qpdf_cleanup)                                                        \
	X(qpdf_get_buffer)                                                     \
	X(qpdf_get_buffer_length)                                              \
	X(qpdf_get_error)                                                      \
	X(qpdf_get_error_full_text)                                            \
	X(qpdf_get_num_pages)                                                  \
	X(qpdf_get_page_n)                                                     \
	X(qpdf_get_root)                                                       \
	X(qpdf_get_trailer)                                                    \
	X(qpdf_has_error)                                                      \
	X(qpdf_init)                                                           \
	X(qpdf_init_write_memory)                                              \
	X(qpdf_make_indirect_object)                                           \
	X(qpdf_oh_append_item)                                                 \
	X(qpdf_oh_get_array_item)                                              \
	X(qpdf_oh_get_array_n_items)                                           \
	X(qpdf_oh_get_dict)                                                    \
	X(qpdf_oh_get_key)                                                     \
	X(qpdf_oh_get_utf8_value)                                              \
	X(qpdf_oh_has_key)                                                     \
	X(qpdf_oh_is_array)                                                    \
	X(qpdf_oh_is_dictionary)                                               \
	X(qpdf_oh_is_string)                                                   \
	X(qpdf_oh_new_array)                                                   \
	X(qpdf_oh_new_dictionary)                                              \
	X(qpdf_oh_new_integer)                                                 \
	X(qpdf_oh_new_name)                                                    \
	X(qpdf_oh_new_null)                                                    \
	X(qpdf_oh_new_real_from_double)                                        \
	X(qpdf_oh_new_stream)                                                  \
	X(qpdf_oh_new_string)                                                  \
	X(qpdf_oh_new_unicode_string)                                          \
	X(qpdf_oh_replace_key)                                                 \
	X(qpdf_oh_replace_stream_data)                                         \
	X(qpdf_read_memory)                                                    \
	X(qpdf_set_decode_level)                                               \
	X(qpdf_set_deterministic_ID)                                           \
	X(qpdf_set_minimum_pdf_version)                                        \
	X(qpdf_set_suppress_warnings)                                          \
	X(qpdf_silence_errors)                                                 \
	X(qpdf_write)
static struct {
	QPDF_FUNCS(PP_DYNLIB_FUNC)
} qp;
static struct pp_dynlib qpdf_lib =
    PP_DYNLIB_INIT(PP_SONAME_QPDF, PP_LIBPATH_QPDF, PP_PACKAGE_QPDF,
		   N_("write PDF/A files with signature fields"));

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

/* d[key] = a name, a string, an integer. */
static void
post_set_name(qpdf_data q, qpdf_oh d, const char *key, const char *name)
{
	qp.qpdf_oh_replace_key(q, d, key, qp.qpdf_oh_new_name(q, name));
}

static void
post_set_string(qpdf_data q, qpdf_oh d, const char *key, const char *s)
{
	qp.qpdf_oh_replace_key(q, d, key, qp.qpdf_oh_new_string(q, s));
}

static void
post_set_int(qpdf_data q, qpdf_oh d, const char *key, long long i)
{
	qp.qpdf_oh_replace_key(q, d, key, qp.qpdf_oh_new_integer(q, i));
}

/* "2026-01-15T00:00:00Z" -> "D:20260115000000+00'00'" (out: 32 bytes). */
static void
post_pdf_date(const char *iso, char *out)
{
	snprintf(out, 32, "D:%.4s%.2s%.2s%.2s%.2s%.2s+00'00'", iso, iso + 5,
		 iso + 8, iso + 11, iso + 14, iso + 17);
}

/* A new stream holding data, not filtered yet (qpdf compresses it when it
 * writes, but for the XMP metadata, which PDF/A wants readable). */
static qpdf_oh
post_stream(qpdf_data q, const void *data, size_t len)
{
	qpdf_oh s = qp.qpdf_oh_new_stream(q);

	qp.qpdf_oh_replace_stream_data(q, s, data, len, qp.qpdf_oh_new_null(q),
				       qp.qpdf_oh_new_null(q));
	return s;
}

/* The text of the Info entry key, or NULL. */
static const char *
post_info(qpdf_data q, qpdf_oh info, const char *key)
{
	qpdf_oh v;

	if (!qp.qpdf_oh_is_dictionary(q, info) ||
	    !qp.qpdf_oh_has_key(q, info, key))
		return NULL;
	v = qp.qpdf_oh_get_key(q, info, key);
	return qp.qpdf_oh_is_string(q, v) ? qp.qpdf_oh_get_utf8_value(q, v)
					  : NULL;
}

/* Info and XMP, with the same values and the same instant; the
 * OutputIntent. */
static void
post_pdfa(qpdf_data q, qpdf_oh root, const struct pp_pdfpost *o)
{
	qpdf_oh trailer = qp.qpdf_get_trailer(q);
	qpdf_oh info = qp.qpdf_oh_get_key(q, trailer, "/Info");
	char pdfdate[32];
	char *title, *author, *subject, *keywords, *creator, *producer, *xmp;
	qpdf_oh meta, md, icc, intent, intents;

	title = g_strdup(post_info(q, info, "/Title"));
	author = g_strdup(post_info(q, info, "/Author"));
	subject = g_strdup(post_info(q, info, "/Subject"));
	keywords = g_strdup(post_info(q, info, "/Keywords"));
	creator = g_strdup(post_info(q, info, "/Creator"));
	producer = g_strdup(post_info(q, info, "/Producer"));
	if (!qp.qpdf_oh_is_dictionary(q, info)) {
		info = qp.qpdf_make_indirect_object(
		    q, qp.qpdf_oh_new_dictionary(q));
		qp.qpdf_oh_replace_key(q, trailer, "/Info", info);
	}
	post_pdf_date(o->date, pdfdate);
	post_set_string(q, info, "/CreationDate", pdfdate);
	post_set_string(q, info, "/ModDate", pdfdate);

	xmp = pp_pdfpost_xmp(o, title, author, subject, keywords, creator,
			     producer);
	meta = post_stream(q, xmp, strlen(xmp));
	md = qp.qpdf_oh_get_dict(q, meta);
	post_set_name(q, md, "/Type", "/Metadata");
	post_set_name(q, md, "/Subtype", "/XML");
	qp.qpdf_oh_replace_key(q, root, "/Metadata", meta);

	icc = post_stream(q, o->icc, o->icc_len);
	post_set_int(q, qp.qpdf_oh_get_dict(q, icc), "/N", 3);
	intent = qp.qpdf_oh_new_dictionary(q);
	post_set_name(q, intent, "/Type", "/OutputIntent");
	post_set_name(q, intent, "/S", "/GTS_PDFA1");
	post_set_string(q, intent, "/OutputConditionIdentifier",
			"sRGB IEC61966-2.1");
	post_set_string(q, intent, "/Info", "sRGB IEC61966-2.1");
	post_set_string(q, intent, "/RegistryName", "http://www.color.org");
	qp.qpdf_oh_replace_key(q, intent, "/DestOutputProfile", icc);
	intents = qp.qpdf_oh_new_array(q);
	qp.qpdf_oh_append_item(q, intents, intent);
	qp.qpdf_oh_replace_key(q, root, "/OutputIntents", intents);

	g_free(xmp);
	g_free(title);
	g_free(author);
	g_free(subject);
	g_free(keywords);
	g_free(creator);
	g_free(producer);
}

/* PDF/A: every annotation (cairo's links) printed with the page. */
static void
post_print_flags(qpdf_data q)
{
	int n = qp.qpdf_get_num_pages(q), i, k;

	for (i = 0; i < n; i++) {
		qpdf_oh page = qp.qpdf_get_page_n(q, (size_t)i);
		qpdf_oh annots = qp.qpdf_oh_get_key(q, page, "/Annots");

		if (!qp.qpdf_oh_is_array(q, annots))
			continue;
		for (k = 0; k < qp.qpdf_oh_get_array_n_items(q, annots); k++) {
			qpdf_oh a = qp.qpdf_oh_get_array_item(q, annots, k);

			if (qp.qpdf_oh_is_dictionary(q, a))
				post_set_int(q, a, "/F", 4);
		}
	}
}

/* [a b c d] */
static qpdf_oh
post_rect(qpdf_data q, double x0, double y0, double x1, double y1)
{
	qpdf_oh r = qp.qpdf_oh_new_array(q);

	qp.qpdf_oh_append_item(q, r, qp.qpdf_oh_new_real_from_double(q, x0, 2));
	qp.qpdf_oh_append_item(q, r, qp.qpdf_oh_new_real_from_double(q, y0, 2));
	qp.qpdf_oh_append_item(q, r, qp.qpdf_oh_new_real_from_double(q, x1, 2));
	qp.qpdf_oh_append_item(q, r, qp.qpdf_oh_new_real_from_double(q, y1, 2));
	return r;
}

/*
 * The signature fields: each a field merged with its widget annotation,
 * invisible and printed (/F 4), with an empty appearance (PDF/A wants one
 * for every widget), in the page's /Annots and the AcroForm's /Fields.
 * /SigFlags 1 (SignaturesExist): the document has signature fields; no
 * AppendOnly until one is signed.  -1 when a page does not exist.
 */
static int
post_fields(qpdf_data q, qpdf_oh root, const struct pp_pdfpost *o)
{
	int npages = qp.qpdf_get_num_pages(q);
	qpdf_oh form = qp.qpdf_oh_new_dictionary(q);
	qpdf_oh fields = qp.qpdf_oh_new_array(q);
	size_t i;

	for (i = 0; i < o->nfields; i++) {
		const struct pp_pdfpost_field *f = &o->fields[i];
		qpdf_oh page, annots, w, ap, n, nd;

		if (npages < 0 || f->page >= (size_t)npages)
			return -1;
		page = qp.qpdf_get_page_n(q, f->page);
		n = post_stream(q, "", 0);
		nd = qp.qpdf_oh_get_dict(q, n);
		post_set_name(q, nd, "/Type", "/XObject");
		post_set_name(q, nd, "/Subtype", "/Form");
		qp.qpdf_oh_replace_key(
		    q, nd, "/BBox",
		    post_rect(q, 0, 0, f->x1 - f->x0, f->y1 - f->y0));
		ap = qp.qpdf_oh_new_dictionary(q);
		qp.qpdf_oh_replace_key(q, ap, "/N", n);
		w = qp.qpdf_oh_new_dictionary(q);
		post_set_name(q, w, "/Type", "/Annot");
		post_set_name(q, w, "/Subtype", "/Widget");
		post_set_name(q, w, "/FT", "/Sig");
		qp.qpdf_oh_replace_key(
		    q, w, "/T", qp.qpdf_oh_new_unicode_string(q, f->name));
		if (f->tooltip != NULL)
			qp.qpdf_oh_replace_key(
			    q, w, "/TU",
			    qp.qpdf_oh_new_unicode_string(q, f->tooltip));
		post_set_int(q, w, "/F", 4);
		qp.qpdf_oh_replace_key(
		    q, w, "/Rect", post_rect(q, f->x0, f->y0, f->x1, f->y1));
		qp.qpdf_oh_replace_key(q, w, "/P", page);
		qp.qpdf_oh_replace_key(q, w, "/AP", ap);
		w = qp.qpdf_make_indirect_object(q, w);
		annots = qp.qpdf_oh_get_key(q, page, "/Annots");
		if (!qp.qpdf_oh_is_array(q, annots)) {
			annots = qp.qpdf_oh_new_array(q);
			qp.qpdf_oh_replace_key(q, page, "/Annots", annots);
			annots = qp.qpdf_oh_get_key(q, page, "/Annots");
		}
		qp.qpdf_oh_append_item(q, annots, w);
		qp.qpdf_oh_append_item(q, fields, w);
	}
	qp.qpdf_oh_replace_key(q, form, "/Fields", fields);
	post_set_int(q, form, "/SigFlags", 1);
	qp.qpdf_oh_replace_key(q, root, "/AcroForm", form);
	return 0;
}

/* MIME type -> PDF name: "application/yaml" -> /application#2Fyaml
 * (qpdf writes the slash as #2F). */
static qpdf_oh
post_mime(qpdf_data q, const char *mime)
{
	char *name = g_strdup_printf("/%s", mime);
	qpdf_oh h = qp.qpdf_oh_new_name(q, name);

	g_free(name);
	return h;
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
 * leaf, its names sorted as a name tree wants).
 */
static void
post_files(qpdf_data q, qpdf_oh root, const struct pp_pdfpost *o)
{
	const struct pp_pdfpost_file **sorted =
	    g_new(const struct pp_pdfpost_file *, o->nfiles);
	qpdf_oh af = qp.qpdf_oh_new_array(q);
	qpdf_oh tree = qp.qpdf_oh_new_array(q);
	qpdf_oh ef, names, leaf;
	char pdfdate[32];
	size_t i;

	post_pdf_date(o->date, pdfdate);
	for (i = 0; i < o->nfiles; i++)
		sorted[i] = &o->files[i];
	qsort(sorted, o->nfiles, sizeof(*sorted), post_file_cmp);
	for (i = 0; i < o->nfiles; i++) {
		const struct pp_pdfpost_file *f = sorted[i];
		qpdf_oh s = post_stream(q, f->data, f->len);
		qpdf_oh sd = qp.qpdf_oh_get_dict(q, s);
		qpdf_oh params = qp.qpdf_oh_new_dictionary(q);
		qpdf_oh spec = qp.qpdf_oh_new_dictionary(q);
		qpdf_oh efd = qp.qpdf_oh_new_dictionary(q);

		post_set_name(q, sd, "/Type", "/EmbeddedFile");
		qp.qpdf_oh_replace_key(q, sd, "/Subtype",
				       post_mime(q, f->mime));
		post_set_int(q, params, "/Size", (long long)f->len);
		post_set_string(q, params, "/ModDate", pdfdate);
		qp.qpdf_oh_replace_key(q, sd, "/Params", params);
		qp.qpdf_oh_replace_key(q, efd, "/F", s);
		qp.qpdf_oh_replace_key(q, efd, "/UF", s);
		post_set_name(q, spec, "/Type", "/Filespec");
		qp.qpdf_oh_replace_key(
		    q, spec, "/F", qp.qpdf_oh_new_unicode_string(q, f->name));
		qp.qpdf_oh_replace_key(
		    q, spec, "/UF", qp.qpdf_oh_new_unicode_string(q, f->name));
		if (f->desc != NULL)
			qp.qpdf_oh_replace_key(
			    q, spec, "/Desc",
			    qp.qpdf_oh_new_unicode_string(q, f->desc));
		post_set_name(q, spec, "/AFRelationship", "/Source");
		qp.qpdf_oh_replace_key(q, spec, "/EF", efd);
		spec = qp.qpdf_make_indirect_object(q, spec);
		qp.qpdf_oh_append_item(q, af, spec);
		qp.qpdf_oh_append_item(
		    q, tree, qp.qpdf_oh_new_unicode_string(q, f->name));
		qp.qpdf_oh_append_item(q, tree, spec);
	}
	g_free(sorted);
	qp.qpdf_oh_replace_key(q, root, "/AF", af);
	leaf = qp.qpdf_oh_new_dictionary(q);
	qp.qpdf_oh_replace_key(q, leaf, "/Names", tree);
	ef = qp.qpdf_make_indirect_object(q, leaf);
	names = qp.qpdf_oh_get_key(q, root, "/Names");
	if (!qp.qpdf_oh_is_dictionary(q, names)) {
		qp.qpdf_oh_replace_key(q, root, "/Names",
				       qp.qpdf_oh_new_dictionary(q));
		names = qp.qpdf_oh_get_key(q, root, "/Names");
	}
	qp.qpdf_oh_replace_key(q, names, "/EmbeddedFiles", ef);
}

/* qpdf's error, into err. */
static int
post_failed(qpdf_data q, struct pp_error *err)
{
	qpdf_error e = qp.qpdf_get_error(q);

	pp_error_set(err, PP_DIAG_LIBRARY, NULL,
		     _("cannot post-process the PDF: %s"),
		     e != NULL ? qp.qpdf_get_error_full_text(q, e) : "?");
	return -1;
}

int
pp_pdfpost_run(const void *pdf, size_t len, const struct pp_pdfpost *o,
	       struct pp_buf *out, struct pp_error *err)
{
	qpdf_data q;
	qpdf_oh root;
	int rc = -1;

	pp_buf_reset(out);
	if (PP_DYNLIB_LOAD(&qpdf_lib, QPDF_FUNCS, qp, err) != 0)
		return -1;
	q = qp.qpdf_init();
	qp.qpdf_silence_errors(q);
	qp.qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qp.qpdf_read_memory(q, "cairo", pdf, len, NULL) & QPDF_ERRORS) {
		post_failed(q, err);
		goto out;
	}
	root = qp.qpdf_get_root(q);
	if (o->icc != NULL) {
		post_pdfa(q, root, o);
		post_print_flags(q);
	}
	if (o->nfields > 0 && post_fields(q, root, o) != 0) {
		pp_error_set(err, PP_DIAG_LIBRARY, NULL, "%s",
			     _("cannot post-process the PDF: a signature "
			       "field is on a page that does not exist"));
		goto out;
	}
	if (o->nfiles > 0)
		post_files(q, root, o);
	if (qp.qpdf_has_error(q)) {
		post_failed(q, err);
		goto out;
	}
	qp.qpdf_init_write_memory(q);
	/* PDF/A-3 is PDF 1.7; the ID is a digest of the content. */
	qp.qpdf_set_minimum_pdf_version(q, "1.7");
	qp.qpdf_set_deterministic_ID(q, QPDF_TRUE);
	/* cairo's streams are compressed already: copied as they are, not
	 * inflated and deflated again (qpdf's default); the new ones, left
	 * unfiltered, are compressed, the XMP excepted. */
	qp.qpdf_set_decode_level(q, qpdf_dl_none);
	if (qp.qpdf_write(q) & QPDF_ERRORS) {
		post_failed(q, err);
		goto out;
	}
	pp_buf_add(out, qp.qpdf_get_buffer(q),
		   (size_t)qp.qpdf_get_buffer_length(q));
	rc = 0;
out:
	qp.qpdf_cleanup(&q);
	return rc;
}
