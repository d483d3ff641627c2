/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for "paraphe check" on ODT packages (issue 7): the input is
 * written to a file in a private folder made once (the checker reads from
 * a path, as libzip does), then checked against the State charter, loaded
 * once from $PARAPHE_DATADIR (else the current folder).  Never a crash, a
 * hang, a leak or unbounded memory; a file that cannot be checked always
 * says why; every finding is well formed and both reports can be written.
 * Inputs starting with "%PDF-" are skipped: they are fuzz-check-pdf's,
 * which is this file built with FUZZ_CHECK_PDF (fuzz-check-pdf.c).
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

		if (fd->rule == NULL || fd->found == NULL ||
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
