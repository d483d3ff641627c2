/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The XML parts of the ODT and DOCX packages (odt.c, docx.c): each is
 * written with libxml2's xmlTextWriter into a memory buffer, and checked
 * well-formed by parsing it again before it goes into the package, so that
 * a writer's slip is an error, never a file a word processor refuses.
 */
#ifndef PP_XMLPART_H
#define PP_XMLPART_H

#include <libxml/xmlwriter.h>

#include "buf.h"
#include "diag.h"

/* A writer into a fresh buffer, the XML declaration written (standalone:
 * "yes", or NULL for none). */
void pp_xmlpart_begin(xmlTextWriterPtr *w, xmlBufferPtr *buf,
		      const char *standalone);

/* Ends the document, frees the writer and the buffer (both set to NULL)
 * and, when nothing failed (failed: a call on the writer did) and the part
 * parses as well-formed XML, appends it to out and returns 0; -1
 * otherwise, with err naming the format (ODT, DOCX) and the part. */
int pp_xmlpart_finish(xmlTextWriterPtr *w, xmlBufferPtr *buf, int failed,
		      const char *format, const char *part, struct pp_buf *out,
		      struct pp_error *err);

#endif
