/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Fuzz target for template expressions: any input is parsed; what parses is
 * evaluated (as a value, printed as text, and as a condition) over a small
 * fixed form with a loop variable in scope.  Never a crash, a hang or a
 * leak; every failure says why.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "arena.h"
#include "buf.h"
#include "diag.h"
#include "expr.h"
#include "value.h"
#include "yamlin.h"

static const char fuzz_form_yaml[] =
    "partenaire:\n"
    "  denomination: \"Mobilit\xc3\xa9 Verte & <Fils>\"\n"
    "  effectif: 42\n"
    "  siren: \"123456789\"\n"
    "  adresse: {ville: Lyon, code_postal: \"69002\"}\n"
    "contenu:\n"
    "  periode: {debut: 2026-03-01, fin: 2026-03-08}\n"
    "  montant: 150000\n"
    "  negatif: -1500\n"
    "  enorme: 9223372036854775807\n"
    "  taux: 2.5\n"
    "  infini: .inf\n"
    "  pas_un_nombre: .nan\n"
    "  canaux: [affichage, radio, \"r\xc3\xa9seaux sociaux\"]\n"
    "  nombres: [1, 2.5, true, null, \"x\"]\n"
    "  groupes: [{a: 1}, [1, 2]]\n"
    "  vide: []\n"
    "  texte_vide: \"\"\n"
    "  rien: null\n"
    "  actif: true\n"
    "  description: \"Un **texte** en *Markdown*\\n\\n- a\\n- b\"\n"
    "  pas_une_date: \"2026-02-30\"\n"
    "  annexes: [{titre: Kit}, {titre: Calendrier}]\n";

static struct pp_arena *fuzz_arena;
static struct pp_value *fuzz_form;
static struct pp_expr_scope fuzz_item, fuzz_loop;

static void
fuzz_init(void)
{
	struct pp_error err;
	struct pp_value *loop;

	fuzz_arena = pp_arena_new();
	pp_error_init(&err);
	fuzz_form = pp_yaml_read_mem(fuzz_arena, "form.yaml", fuzz_form_yaml,
				     sizeof(fuzz_form_yaml) - 1, NULL, &err);
	if (fuzz_form == NULL)
		abort();
	loop = pp_value_new(fuzz_arena, PP_VALUE_MAP, NULL);
	pp_value_map_append(fuzz_arena, loop, "index", NULL,
			    pp_value_new_int(fuzz_arena, 1, NULL));
	pp_value_map_append(fuzz_arena, loop, "first", NULL,
			    pp_value_new_bool(fuzz_arena, 1, NULL));
	/* <each in="contenu.canaux" as="e">, first item */
	fuzz_item.name = "e";
	fuzz_item.value = pp_value_path_get(fuzz_form, "contenu.canaux.0");
	fuzz_item.parent = NULL;
	fuzz_loop.name = "loop";
	fuzz_loop.value = loop;
	fuzz_loop.parent = &fuzz_item;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pp_arena *a;
	struct pp_expr_env env;
	struct pp_buf msg, text;
	struct pp_expr *e;
	const struct pp_expr *md;
	struct pp_value *v = NULL;
	enum pp_expr_result r;
	int t;

	if (fuzz_form == NULL)
		fuzz_init();
	a = pp_arena_new();
	pp_buf_init(&msg);
	pp_buf_init(&text);
	e = pp_expr_parse(a, (const char *)data, size, &msg);
	if (e == NULL) {
		if (msg.len == 0)
			abort(); /* a failure must always say why */
		goto out;
	}
	env.arena = a;
	env.root = fuzz_form;
	env.scope = &fuzz_loop;

	pp_buf_reset(&msg);
	r = pp_expr_eval(e, &env, &v, &msg);
	if (r == PP_EXPR_OK) {
		if (v == NULL)
			abort();
		pp_expr_value_text(v, &text, &msg);
	} else if (msg.len == 0) {
		abort();
	}

	pp_buf_reset(&msg);
	t = pp_expr_test(e, &env, &msg);
	if (t < -1 || t > 1 || (t < 0 && msg.len == 0))
		abort();

	md = pp_expr_markdown_source(e);
	if (md != NULL) {
		pp_buf_reset(&msg);
		if (pp_expr_eval(md, &env, &v, &msg) == PP_EXPR_OK)
			pp_expr_value_text(v, &text, &msg);
	}
out:
	pp_buf_fini(&msg);
	pp_buf_fini(&text);
	pp_arena_free(a);
	return 0;
}
