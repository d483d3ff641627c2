/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for annex files (annexes[].fichier): the input is written as
 * a Markdown file in a private folder made once, read and checked as
 * validation reads it; what passes is expanded as an annex's text, through
 * the "markdown" filter.  Never a crash, a hang or a leak; a refused file
 * always says why, at a position.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "annex.h"
#include "arena.h"
#include "diag.h"
#include "doc.h"
#include "template.h"
#include "value.h"

static const char fuzz_template[] =
    "<document title=\"Annexes\">\n"
    "  <each in=\"annexes\" as=\"a\">\n"
    "    <annex title=\"{a.titre}\"><p>{a.texte | markdown}</p></annex>\n"
    "  </each>\n"
    "</document>\n";

static struct pp_template *fuzz_tpl;
static char fuzz_dir[64];
static char fuzz_md[96];
static char fuzz_xml[96];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_md);
	unlink(fuzz_xml);
	rmdir(fuzz_dir);
	pp_template_free(fuzz_tpl);
}

static void
fuzz_init(void)
{
	struct pp_error err;
	const char *tmp = getenv("TMPDIR");
	FILE *f;

	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/fuzz-annex-XXXXXX",
		 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_md, sizeof(fuzz_md), "%s/annexe.md", fuzz_dir);
	snprintf(fuzz_xml, sizeof(fuzz_xml), "%s/template.xml", fuzz_dir);
	f = fopen(fuzz_xml, "wb");
	if (f == NULL ||
	    fwrite(fuzz_template, 1, sizeof(fuzz_template) - 1, f) !=
		sizeof(fuzz_template) - 1 ||
	    fclose(f) != 0)
		abort();
	pp_error_init(&err);
	fuzz_tpl = pp_template_load(fuzz_xml, NULL, &err);
	if (fuzz_tpl == NULL)
		abort();
	atexit(fuzz_cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_pos pos = {"form.yaml", 3, 14};
	struct pp_arena *a;
	struct pp_value *form, *list, *annex;
	struct pp_diags d;
	struct pp_error err;
	struct pp_doc *doc;
	char *text = NULL;
	size_t i;
	FILE *f;

	if (fuzz_tpl == NULL)
		fuzz_init();
	f = fopen(fuzz_md, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	pp_diags_init(&d);
	if (pp_annex_read(fuzz_dir, "annexe.md", &pos, "annexes[1].fichier",
			  &text, &d) != 0) {
		/* A refusal says why, at the form's value or in the file. */
		if (d.n == 0)
			abort();
		for (i = 0; i < d.n; i++)
			if (d.items[i].file == NULL || d.items[i].line < 1 ||
			    d.items[i].col < 1)
				abort();
		pp_diags_fini(&d);
		return 0;
	}
	if (d.n != 0 || text == NULL || strlen(text) > PP_ANNEX_MAX_BYTES)
		abort();
	pp_diags_fini(&d);
	a = pp_arena_new();
	form = pp_value_new(a, PP_VALUE_MAP, &pos);
	list = pp_value_new(a, PP_VALUE_LIST, &pos);
	annex = pp_value_new(a, PP_VALUE_MAP, &pos);
	pp_value_map_append(a, annex, "titre", NULL,
			    pp_value_new_string(a, "Annexe", 6, &pos));
	pp_value_map_append(a, annex, "texte", NULL,
			    pp_value_new_string(a, text, strlen(text), &pos));
	pp_value_list_append(a, list, annex);
	pp_value_map_append(a, form, "annexes", NULL, list);
	pp_error_init(&err);
	/* The expansion may refuse the text (a budget), never silently. */
	doc = pp_template_expand(fuzz_tpl, "fuzz", form, &err);
	if (doc == NULL && !err.set)
		abort();
	pp_doc_free(doc);
	pp_arena_free(a);
	free(text);
	return 0;
}
