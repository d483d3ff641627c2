/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for the reader of the source a PDF carries (pdfsource.h):
 * any input gives the embedded files, each under a safe relative name and
 * within the limits, or one error; never a crash, a hang or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pdfsource.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_error err;
	struct pp_pdfsource *s;
	size_t i, total = 0;

	pp_error_init(&err);
	s = pp_pdfsource_read_mem(data, size, "fuzz.pdf", &err);
	if (s == NULL) {
		if (!err.set || err.message[0] == '\0')
			abort(); /* a failure always says why */
		return 0;
	}
	if (s->n > PP_PDFSOURCE_MAX_ENTRIES)
		abort();
	for (i = 0; i < s->n; i++) {
		const struct pp_pdfsource_file *f = s->files[i];

		if (pp_pdfsource_name_ok(f->name, strlen(f->name)) != 0 ||
		    f->len > PP_PDFSOURCE_MAX_FILE)
			abort();
		if (i > 0 && strcmp(s->files[i - 1]->name, f->name) >= 0)
			abort(); /* sorted, each name once */
		total += f->len;
	}
	if (total > PP_PDFSOURCE_MAX_TOTAL ||
	    (s->form != (size_t)-1 &&
	     strcmp(s->files[s->form]->name, PP_PDFSOURCE_FORM) != 0))
		abort();
	pp_pdfsource_free(s);
	return 0;
}
