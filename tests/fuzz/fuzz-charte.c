/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for charter files: the input is written as charte.yaml in a
 * private folder made once, then loaded with the charter schema of
 * $PARAPHE_DATADIR (else the current folder).  Never a crash, a hang or a
 * leak; a refused charter always says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "charte.h"
#include "diag.h"

static char fuzz_dir[64];
static char fuzz_path[96];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	rmdir(fuzz_dir);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	struct pp_charte *c;
	struct pp_diags d;
	struct pp_error err;
	FILE *f;

	if (fuzz_dir[0] == '\0') {
		const char *tmp = getenv("TMPDIR");

		snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/fuzz-charte-XXXXXX",
			 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
		if (mkdtemp(fuzz_dir) == NULL)
			abort();
		snprintf(fuzz_path, sizeof(fuzz_path), "%s/charte.yaml",
			 fuzz_dir);
		atexit(fuzz_cleanup);
	}
	f = fopen(fuzz_path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	pp_diags_init(&d);
	pp_error_init(&err);
	c = pp_charte_load(datadir != NULL ? datadir : ".", fuzz_path, &d,
			   &err);
	/* A charter refused without a word would leave its user guessing. */
	if (c == NULL && d.n == 0 && !err.set)
		abort();
	if (c != NULL) {
		/* Every style lookup answers, named or not. */
		if (pp_charte_style(c, "corps") == NULL ||
		    pp_charte_style(c, "no-such-style") == NULL)
			abort();
	}
	pp_charte_free(c);
	pp_diags_fini(&d);
	return 0;
}
