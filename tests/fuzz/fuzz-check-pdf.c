/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for "paraphe check" on PDFs: the checker's use of poppler
 * (fonts, text runs, destinations, images, rasterised colours) on damaged
 * and hostile files.  The same harness as the ODT target.
 */
#define FUZZ_CHECK_PDF 1
#include "fuzz-check-odt.c"
