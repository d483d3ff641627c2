/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for templates: the input is written to a file (the template
 * API loads from a path) in a private folder made once, loaded and checked;
 * what loads is expanded over a small fixed form and the document dumped.
 * Never a crash, a hang, a leak or a read outside the template; every
 * failure says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "doc.h"
#include "template.h"
#include "value.h"
#include "yamlin.h"

static const char fuzz_form_yaml[] =
    "emetteur:\n"
    "  intitule_bloc_marque: [\"MINIST\xc3\x88RE\", \"DE LA CULTURE\"]\n"
    "  nom: \"Minist\xc3\xa8re de la Culture\"\n"
    "partenaire:\n"
    "  denomination: \"Dupont & <Fils>\"\n"
    "  siren: \"123456789\"\n"
    "  logo: logo.png\n"
    "  adresse: {ville: Lyon, code_postal: \"69002\"}\n"
    "  signataires:\n"
    "    - {nom: Ada Dupont, qualite: \"Pr\xc3\xa9sidente\"}\n"
    "    - {nom: Jean Martin, qualite: \"Directeur\"}\n"
    "contenu:\n"
    "  periode: {debut: 2026-03-01, fin: 2026-03-08}\n"
    "  montant: 150000\n"
    "  taux: 2.5\n"
    "  actif: true\n"
    "  canaux: [affichage, radio, \"r\xc3\xa9seaux sociaux\"]\n"
    "  vide: []\n"
    "  rien: null\n"
    "  texte_vide: \"\"\n"
    "  description: \"Un **texte** en *Markdown* : [lien](https://x.fr)\"\n"
    "  objectifs: \"- un\\n- deux\\n\\n> cit\xc3\xa9\\n\\n1. a\\n2. b\"\n"
    "  annexes: [{titre: Kit, pages: 2}, {titre: Calendrier, pages: 1}]\n";

static struct pp_arena *fuzz_arena;
static struct pp_value *fuzz_form;
static char fuzz_dir[64];
static char fuzz_path[96];

static void
fuzz_cleanup(void)
{
	unlink(fuzz_path);
	rmdir(fuzz_dir);
	pp_arena_free(fuzz_arena);
}

static void
fuzz_init(void)
{
	struct pp_error err;
	const char *tmp = getenv("TMPDIR");

	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/fuzz-template-XXXXXX",
		 tmp != NULL && strlen(tmp) < 32 ? tmp : "/tmp");
	if (mkdtemp(fuzz_dir) == NULL)
		abort();
	snprintf(fuzz_path, sizeof(fuzz_path), "%s/template.xml", fuzz_dir);
	fuzz_arena = pp_arena_new();
	pp_error_init(&err);
	fuzz_form = pp_yaml_read_mem(fuzz_arena, "form.yaml", fuzz_form_yaml,
				     sizeof(fuzz_form_yaml) - 1, NULL, &err);
	if (fuzz_form == NULL)
		abort();
	atexit(fuzz_cleanup);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_template *t;
	struct pp_doc *doc;
	struct pp_error err;
	struct pp_buf dump;
	FILE *f;

	if (fuzz_form == NULL)
		fuzz_init();
	f = fopen(fuzz_path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	pp_error_init(&err);
	t = pp_template_load(fuzz_path, NULL, &err);
	if (t == NULL) {
		if (!err.set)
			abort(); /* a failure must always say why */
		return 0;
	}
	doc = pp_template_expand(t, "fuzz", fuzz_form, &err);
	if (doc != NULL) {
		pp_buf_init(&dump);
		pp_doc_dump(doc, &dump);
		pp_buf_fini(&dump);
		pp_doc_free(doc);
	} else if (!err.set) {
		abort();
	}
	pp_template_free(t);
	return 0;
}
