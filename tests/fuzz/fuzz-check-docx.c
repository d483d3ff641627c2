/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for "paraphe check" on DOCX packages (issue 18): the same
 * harness and structure-aware mutator as the ODT target, whose entry names
 * and tokens are then WordprocessingML's (the parts check_docx.c reads,
 * fonts, colours, sizes, theme, relationships, content types).
 */
#define FUZZ_CHECK_DOCX 1
#include "fuzz-check-odt.c"
