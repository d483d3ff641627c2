/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the PDF post-processing's reader of cairo's output
 * (pdfincr.h, pdfpost.h): any input gives either an incremental update
 * appended to it (the input's bytes kept after the header, an xref
 * section, a trailer, %%EOF at the end) or one error and no output;
 * never a crash, a hang or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diag.h"
#include "pdfpost.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_pdfpost_field f[] = {
	    {"signature-etat", "Signature de l'État", 0, 10, 10, 100, 50},
	    {"signature-partenaire", NULL, 1, 110, 10, 200, 50},
	};
	struct pp_pdfpost_file file = {PP_PDFPOST_FORM_NAME, "application/yaml",
				       NULL, "a: 1\n", 5};
	struct pp_pdfpost o;
	struct pp_error err;
	struct pp_buf out;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	o.icc = "icc";
	o.icc_len = 3;
	o.fields = f;
	o.nfields = 2;
	o.files = &file;
	o.nfiles = 1;
	pp_error_init(&err);
	pp_buf_init(&out);
	if (pp_pdfpost_run(data, size, &o, &out, &err) != 0) {
		if (!err.set || err.message[0] == '\0' || out.len != 0)
			abort(); /* a failure always says why, writes nothing */
	} else if (out.len <= size || memcmp(out.data, "%PDF-1.7", 8) != 0 ||
		   memcmp(out.data + 8, data + 8, size - 8) != 0 ||
		   memcmp(out.data + out.len - 6, "%%EOF\n", 6) != 0)
		abort();
	pp_buf_fini(&out);
	return 0;
}
