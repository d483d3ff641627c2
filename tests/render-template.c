/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * render-template TEMPLATE.xml FORM.yaml [CLAUSES_DIR]: a test tool for
 * the golden template cases.  Validates FORM against the convention model
 * (PARAPHE_DATADIR), loads and expands TEMPLATE over it and prints the
 * document tree (pp_doc_dump) on stdout, exit 0.  A failure prints one
 * diagnostic line per problem on stderr, exit 1; bad usage exits 2.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "paraphe.h"

static void
print_diag(const struct pp_diag *g)
{
	char *line = pp_diag_format(g);

	fprintf(stderr, "%s\n", line);
	free(line);
}

static void
print_error(const struct pp_error *err)
{
	struct pp_diags d;

	pp_diags_init(&d);
	pp_diags_add_error(&d, err);
	print_diag(&d.items[0]);
	pp_diags_fini(&d);
}

int
main(int argc, char **argv)
{
	static char convention[] = "convention";
	char *models[] = {convention, NULL};
	const char *datadir = getenv("PARAPHE_DATADIR");
	struct pp_template *t;
	struct pp_form *f;
	struct pp_doc *doc;
	struct pp_error err;
	struct pp_diags d;
	struct pp_buf out;
	size_t errors, i;

	setlocale(LC_ALL, "");
	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: render-template TEMPLATE.xml FORM.yaml "
				"[CLAUSES_DIR]\n");
		return 2;
	}
	if (datadir == NULL || datadir[0] == '\0') {
		fprintf(stderr, "render-template: set PARAPHE_DATADIR to the "
				"folder holding models/\n");
		return 2;
	}
	pp_error_init(&err);
	f = pp_form_read(argv[2], &err);
	if (f == NULL) {
		print_error(&err);
		return 1;
	}
	pp_diags_init(&d);
	errors = pp_form_validate(f, datadir, models, &d);
	if (errors > 0) {
		for (i = 0; i < d.n; i++)
			print_diag(&d.items[i]);
		pp_diags_fini(&d);
		pp_form_free(f);
		return 1;
	}
	pp_diags_fini(&d);
	t = pp_template_load(argv[1], argc == 4 ? argv[3] : NULL, &err);
	if (t == NULL) {
		print_error(&err);
		pp_form_free(f);
		return 1;
	}
	doc = pp_template_expand(t, "test", f->root, &err);
	pp_template_free(t);
	if (doc == NULL) {
		print_error(&err);
		pp_form_free(f);
		return 1;
	}
	pp_buf_init(&out);
	pp_doc_dump(doc, &out);
	fputs(pp_buf_str(&out), stdout);
	pp_buf_fini(&out);
	pp_doc_free(doc);
	pp_form_free(f);
	return fflush(stdout) == 0 ? 0 : 1;
}
