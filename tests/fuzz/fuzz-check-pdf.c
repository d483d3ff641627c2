/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for "paraphe check" on PDFs: the checker's use of poppler
 * (fonts, text runs, destinations, images, rasterised colours) on damaged
 * and hostile files. the input is
 * written to a file in a private folder made once (the checker reads from
 * a path, as libzip does), then checked against the State charter, loaded
 * once from $PARAPHE_DATADIR (else the current folder).  Never a crash, a
 * hang, a leak or unbounded memory; a file that cannot be checked always
 * says why; every finding is well formed and both reports can be written.
 * Inputs that are not PDFs are skipped.
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

	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/fuzz-check-pdf-XXXXXX",
		 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/input.pdf", fuzz_dir);
	pp_diags_init(&d);
	pp_error_init(&err);
	fuzz_charte =
	    pp_charte_load(datadir != NULL ? datadir : ".", "etat", &d, &err);
	pp_diags_fini(&d);
	if (fuzz_charte == NULL) {
		fprintf(stderr, "fuzz-check-pdf: cannot load the State charter "
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
	/* PDFs only: the ODT reader has its own target. */
	if (size < 5 || memcmp(data, "%PDF-", 5) != 0 || size > 200000)
		return 0;
	f = fopen(fuzz_path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	pp_check_init(&r, "input.pdf");
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
