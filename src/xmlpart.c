/* SPDX-License-Identifier: EUPL-1.2 */
/* The XML parts of the ODT and DOCX packages: xmlpart.h. */
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "diag.h"
#include "i18n.h"
#include "xmlpart.h"

void
pp_xmlpart_begin(xmlTextWriterPtr *w, xmlBufferPtr *buf, const char *standalone)
{
	*buf = xmlBufferCreate();
	*w = xmlNewTextWriterMemory(*buf, 0);
	xmlTextWriterStartDocument(*w, NULL, "UTF-8", standalone);
}

/* libxml2's own messages are not shown: a part that fails gets the
 * message of pp_xmlpart_finish. */
static void
xmlpart_quiet(void *data, xmlErrorPtr e)
{
	(void)data;
	(void)e;
}

/* A start tag: nothing to do (see xmlpart_well_formed). */
static void
xmlpart_start(void *data, const xmlChar *name, const xmlChar **attrs)
{
	(void)data;
	(void)name;
	(void)attrs;
}

/* Whether the len bytes at s are well-formed XML.  Parsed without building
 * a tree, which costs a third less than xmlReadMemory's document: a kit
 * checks every part of every ODT it writes.  And parsed as SAX1 (a start
 * tag callback and no SAX2 one keeps libxml2 there): namespaces are not
 * resolved, which is not a matter of well-formedness (an undeclared
 * prefix passed before as well), and costs a tenth less; a duplicate
 * attribute is still an error. */
static int
xmlpart_well_formed(const char *s, int len)
{
	xmlParserCtxtPtr ctxt = xmlCreateMemoryParserCtxt(s, len);
	int ok;

	if (ctxt == NULL)
		return 0;
	memset(ctxt->sax, 0, sizeof(*ctxt->sax));
	ctxt->sax->initialized = XML_SAX2_MAGIC;
	ctxt->sax->serror = xmlpart_quiet;
	ctxt->sax->startElement = xmlpart_start;
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
				    XML_PARSE_NOWARNING | XML_PARSE_SAX1);
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	ok = xmlParseDocument(ctxt) == 0 && ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	return ok;
}

int
pp_xmlpart_finish(xmlTextWriterPtr *w, xmlBufferPtr *buf, int failed,
		  const char *format, const char *part, struct pp_buf *out,
		  struct pp_error *err)
{
	int rc = 0;

	if (failed || xmlTextWriterEndDocument(*w) < 0)
		rc = -1;
	xmlFreeTextWriter(*w);
	*w = NULL;
	if (rc == 0 &&
	    !xmlpart_well_formed((const char *)xmlBufferContent(*buf),
				 xmlBufferLength(*buf)))
		rc = -1;
	if (rc == 0)
		pp_buf_add(out, xmlBufferContent(*buf),
			   (size_t)xmlBufferLength(*buf));
	xmlBufferFree(*buf);
	*buf = NULL;
	if (rc != 0) {
		struct pp_pos pos = {part, 0, 0};

		/* TRANSLATORS: the first %s is ODT or DOCX, the second the
		 * part's name in the package. */
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the %s part %s could not be written as "
			       "well-formed XML"),
			     format, part);
	}
	return rc;
}
