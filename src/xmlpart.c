/* SPDX-License-Identifier: EUPL-1.2 */
/* The XML parts of the ODT and DOCX packages: xmlpart.h. */
#include <libxml/parser.h>

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

int
pp_xmlpart_finish(xmlTextWriterPtr *w, xmlBufferPtr *buf, int failed,
		  const char *format, const char *part, struct pp_buf *out,
		  struct pp_error *err)
{
	xmlDocPtr check;
	int rc = 0;

	if (failed || xmlTextWriterEndDocument(*w) < 0)
		rc = -1;
	xmlFreeTextWriter(*w);
	*w = NULL;
	if (rc == 0) {
		check = xmlReadMemory((const char *)xmlBufferContent(*buf),
				      xmlBufferLength(*buf), part, "UTF-8",
				      XML_PARSE_NONET | XML_PARSE_NOERROR |
					  XML_PARSE_NOWARNING);
		if (check == NULL)
			rc = -1;
		xmlFreeDoc(check);
	}
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
