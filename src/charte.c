/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Loading a graphic charter.  Three passes over charte.yaml:
 *   1. structure: the version, then charte/schema.yaml through the schema
 *      validator, and the palette (free names, which the schema language
 *      cannot describe);
 *   2. meaning: style inheritance and colours, files and folders, regular
 *      expressions, and the charter's own rules applied to its styles and
 *      its layout;
 *   3. nothing else: a charter with any error is not returned.
 * Pass 2 only runs on a structurally valid file, so that one mistake gives
 * one message.
 */
#include <glib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "charte.h"
#include "colour.h"
#include "confine.h"
#include "i18n.h"
#include "identifiers.h"
#include "schema.h"
#include "styles.h"
#include "suggest.h"
#include "value.h"
#include "xalloc.h"
#include "yamlin.h"

#define CHARTE_VERSION 1
/* The smallest text column or text height the margins may leave, mm. */
#define CHARTE_MIN_TEXT_MM 40.0
/* Means "no background" in a style's fond key. */
#define CHARTE_NO_COLOR "aucun"

struct charte_ctx {
	struct pp_charte *c;
	struct pp_diags *d;
	size_t errors;
};

__attribute__((format(printf, 5, 6))) static void
charte_report(struct charte_ctx *x, enum pp_diag_code code,
	      const struct pp_pos *pos, const char *path, const char *fmt, ...)
{
	char msg[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pp_diags_add(x->d, code, pos, path, "%s", msg);
	if (pp_diag_code_severity(code) == PP_SEV_ERROR)
		x->errors++;
}

/* --- Small readers over a validated tree ------------------------------- */

static double
charte_number_of(const struct pp_value *v)
{
	if (v == NULL)
		return 0.0;
	if (v->kind == PP_VALUE_INT)
		return (double)v->u.integer;
	if (v->kind == PP_VALUE_NUMBER)
		return v->u.number;
	return 0.0;
}

static double
charte_number(const struct pp_value *map, const char *path)
{
	return charte_number_of(pp_value_path_get(map, path));
}

static int
charte_flag(const struct pp_value *map, const char *path, int def)
{
	const struct pp_value *v = pp_value_path_get(map, path);

	if (v == NULL || v->kind != PP_VALUE_BOOL)
		return def;
	return v->u.boolean != 0;
}

/* The text at path, copied into the charter's arena, or NULL. */
static const char *
charte_text(struct pp_charte *c, const struct pp_value *map, const char *path)
{
	const char *s = pp_value_text(pp_value_path_get(map, path));

	return s != NULL ? pp_arena_strdup(c->arena, s) : NULL;
}

/* The items of a list of texts, copied into the arena; *n set. */
static const char **
charte_texts(struct pp_charte *c, const struct pp_value *list, size_t *n)
{
	const char **out;
	size_t i, k = 0;

	*n = 0;
	if (list == NULL || list->kind != PP_VALUE_LIST)
		return NULL;
	out = pp_arena_alloc(c->arena, (list->u.list.n + 1) * sizeof(*out));
	for (i = 0; i < list->u.list.n; i++) {
		const char *s = pp_value_text(list->u.list.items[i]);

		if (s != NULL)
			out[k++] = pp_arena_strdup(c->arena, s);
	}
	*n = k;
	return out;
}

/* "A,B,C" for Pango from a list of family names; arena-owned. */
static const char *
charte_families(struct pp_charte *c, const struct pp_value *list)
{
	struct pp_buf b;
	const char *out;
	size_t i;

	pp_buf_init(&b);
	for (i = 0;
	     list != NULL && list->kind == PP_VALUE_LIST && i < list->u.list.n;
	     i++) {
		const char *s = pp_value_text(list->u.list.items[i]);

		if (s == NULL)
			continue;
		if (b.len > 0)
			pp_buf_addc(&b, ',');
		pp_buf_adds(&b, s);
	}
	out = pp_arena_strdup(c->arena, pp_buf_str(&b));
	pp_buf_fini(&b);
	return out;
}

/* 1 when a and b are the same name, '-' and '_' alike. */
static int
charte_name_eq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return 0;
	}
	return *a == *b;
}

/* --- Colours ------------------------------------------------------------ */

static int
charte_hex_digit(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

int
pp_color_parse(const char *hex, struct pp_color *out)
{
	int v[6], i, n;

	if (hex == NULL || hex[0] != '#')
		return -1;
	n = (int)strlen(hex + 1);
	if (n != 3 && n != 6)
		return -1;
	for (i = 0; i < n; i++)
		if ((v[i] = charte_hex_digit((unsigned char)hex[1 + i])) < 0)
			return -1;
	if (out != NULL) {
		if (n == 3) {
			out->r = (v[0] * 17) / 255.0;
			out->g = (v[1] * 17) / 255.0;
			out->b = (v[2] * 17) / 255.0;
		} else {
			out->r = (v[0] * 16 + v[1]) / 255.0;
			out->g = (v[2] * 16 + v[3]) / 255.0;
			out->b = (v[4] * 16 + v[5]) / 255.0;
		}
	}
	return 0;
}

/* "#RRGGBB" in capitals from a valid "#RGB" or "#RRGGBB"; arena-owned. */
static const char *
charte_hex_normal(struct pp_charte *c, const char *hex)
{
	char out[8];
	size_t i;

	if (strlen(hex) == 4)
		snprintf(out, sizeof(out), "#%c%c%c%c%c%c", hex[1], hex[1],
			 hex[2], hex[2], hex[3], hex[3]);
	else
		snprintf(out, sizeof(out), "%s", hex);
	for (i = 1; out[i] != '\0'; i++)
		out[i] = g_ascii_toupper(out[i]);
	return pp_arena_strdup(c->arena, out);
}

const struct pp_palette_entry *
pp_charte_color(const struct pp_charte *c, const char *name)
{
	size_t i;

	if (c == NULL || name == NULL)
		return NULL;
	for (i = 0; i < c->npalette; i++)
		if (charte_name_eq(c->palette[i].name, name))
			return &c->palette[i];
	return NULL;
}

/* The palette entry whose value is hex (any case, #RGB or #RRGGBB). */
static const struct pp_palette_entry *
charte_color_by_hex(struct pp_charte *c, const char *hex)
{
	const char *norm = charte_hex_normal(c, hex);
	size_t i;

	for (i = 0; i < c->npalette; i++)
		if (strcmp(c->palette[i].hex, norm) == 0)
			return &c->palette[i];
	return NULL;
}

/* --- Pass 1: version and palette ---------------------------------------- */

/* The version key comes first: a charter from a future paraphe is refused
 * with one message instead of a page of unknown keys.  Returns -1 when it
 * reported something. */
static int
charte_check_version(struct charte_ctx *x, const struct pp_value *root)
{
	const struct pp_map_entry *e;
	const struct pp_value *v;

	if (root->kind == PP_VALUE_NULL) {
		charte_report(x, PP_DIAG_MISSING_KEY, &root->pos, NULL,
			      _("the charter is empty; copy charte/etat/"
				"charte.yaml to start from"));
		return -1;
	}
	if (root->kind != PP_VALUE_MAP) {
		charte_report(x, PP_DIAG_WRONG_TYPE, &root->pos, NULL,
			      _("a charter is a group of sections (version, "
				"nom, page...), not %s"),
			      pp_value_kind_name(root->kind));
		return -1;
	}
	e = pp_value_map_entry(root, "version");
	if (e == NULL) {
		charte_report(x, PP_DIAG_VERSION, &root->pos, "version",
			      _("the charter must begin with \"version: %d\""),
			      CHARTE_VERSION);
		return -1;
	}
	v = e->value;
	if (v->kind != PP_VALUE_INT || v->u.integer != CHARTE_VERSION) {
		charte_report(x, PP_DIAG_VERSION, &v->pos, "version",
			      _("this paraphe reads charters of version %d, "
				"not \"%s\""),
			      CHARTE_VERSION,
			      pp_value_text(v) ? pp_value_text(v) : "?");
		return -1;
	}
	return 0;
}

static int
charte_is_snake(const char *s)
{
	if (*s < 'a' || *s > 'z')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_") == strlen(s);
}

/* Names and values of the palette: what the schema cannot say. */
static void
charte_check_palette(struct charte_ctx *x, const struct pp_value *pal)
{
	size_t i;

	if (pal == NULL || pal->kind != PP_VALUE_MAP)
		return; /* absent or not a map: the schema said so */
	for (i = 0; i < pal->u.map.n; i++) {
		const struct pp_map_entry *e = &pal->u.map.items[i];
		const struct pp_value *v = e->value;
		char *path = pp_xasprintf("palette.%s", e->key);
		char why[512];

		if (!charte_is_snake(e->key)) {
			charte_report(x, PP_DIAG_BAD_PATTERN, &e->key_pos, path,
				      _("\"%s\": colour names are written in "
					"lower case letters, digits and \"_\", "
					"for example bleu_france_950"),
				      e->key);
		} else if (strcmp(e->key, CHARTE_NO_COLOR) == 0) {
			charte_report(x, PP_DIAG_BAD_PATTERN, &e->key_pos, path,
				      _("\"%s\" means \"no background\" in the "
					"styles; give this colour another "
					"name"),
				      CHARTE_NO_COLOR);
		} else if (v->kind == PP_VALUE_NULL) {
			charte_report(x, PP_DIAG_BAD_FORMAT, &e->key_pos, path,
				      _("no colour here; write it in quotes, "
					"\"#000091\": without them, # starts "
					"a comment"));
		} else if (v->kind == PP_VALUE_LIST ||
			   v->kind == PP_VALUE_MAP) {
			charte_report(x, PP_DIAG_WRONG_TYPE, &v->pos, path,
				      _("expected a colour \"#RRGGBB\" here, "
					"not %s"),
				      pp_value_kind_name(v->kind));
		} else if (pp_identifier_check("couleur", pp_value_text(v), why,
					       sizeof(why)) !=
			   PP_IDENTIFIER_OK) {
			charte_report(x, PP_DIAG_BAD_FORMAT, &v->pos, path,
				      "%s", why);
		}
		free(path);
	}
}

/* --- Pass 2: files, palette, styles ------------------------------------- */

/*
 * The absolute form of a path written in the charter (relative to its
 * folder), checked to be a folder (want_dir) or a regular file.  Returns
 * the arena-owned path, or NULL after reporting the missing one, or one
 * outside the charter's folder (confine.h).
 */
static const char *
charte_file(struct charte_ctx *x, const struct pp_value *map, const char *key,
	    const char *path, int want_dir)
{
	const struct pp_value *v = pp_value_map_get(map, key);
	const char *s = pp_value_string(v);
	const char *out = NULL;
	char *abs;

	if (s == NULL)
		return NULL;
	abs = g_canonicalize_filename(s, x->c->dir);
	/* Like a form's files: inside the charter's folder, or allowed. */
	{
		char why[2048];

		if (pp_confine_check(x->c->dir, s, abs, why, sizeof(why)) !=
		    0) {
			charte_report(x, PP_DIAG_OUTSIDE, &v->pos, path, "%s",
				      why);
			g_free(abs);
			return NULL;
		}
	}
	if (g_file_test(abs,
			want_dir ? G_FILE_TEST_IS_DIR : G_FILE_TEST_IS_REGULAR))
		out = pp_arena_strdup(x->c->arena, abs);
	else if (want_dir)
		charte_report(x, PP_DIAG_IO, &v->pos, path,
			      _("there is no fonts folder \"%s\" (looked for "
				"%s)"),
			      s, abs);
	else
		charte_report(x, PP_DIAG_IO, &v->pos, path,
			      _("there is no file \"%s\" (looked for %s); "
				"the official artwork comes from the "
				"ministry's communication service"),
			      s, abs);
	g_free(abs);
	return out;
}

static void
charte_fill_palette(struct charte_ctx *x, const struct pp_value *pal)
{
	struct pp_charte *c = x->c;
	size_t i;

	c->npalette = pal->u.map.n;
	c->palette =
	    pp_arena_alloc(c->arena, (c->npalette + 1) * sizeof(*c->palette));
	for (i = 0; i < pal->u.map.n; i++) {
		struct pp_palette_entry *p = &c->palette[i];

		p->name = pp_arena_strdup(c->arena, pal->u.map.items[i].key);
		p->hex = charte_hex_normal(
		    c, pp_value_text(pal->u.map.items[i].value));
		pp_color_parse(p->hex, &p->color);
	}
}

/* The closest palette or style name to word, if close enough to be a
 * likely typo; NULL otherwise. */
static const char *
charte_suggest(const char *const *names, size_t n, const char *word)
{
	size_t limit = pp_suggest_max_distance(word);
	size_t best_d = (size_t)-1, i;
	const char *best = NULL;

	for (i = 0; i < n; i++) {
		size_t dist = pp_edit_distance(names[i], word);

		if (dist <= limit && dist < best_d) {
			best_d = dist;
			best = names[i];
		}
	}
	return best;
}

/*
 * A style's colour, a palette name or "#RRGGBB": fills *col and *name (the
 * palette name, or NULL for a colour outside the palette).  Returns -1
 * after reporting an unknown name.
 */
static int
charte_style_color(struct charte_ctx *x, const struct pp_value *v,
		   const char *path, struct pp_color *col, const char **name)
{
	struct pp_charte *c = x->c;
	const char *s = pp_value_string(v);
	const struct pp_palette_entry *p;

	if (s[0] == '#') {
		pp_color_parse(s, col);
		p = charte_color_by_hex(c, s);
		*name = p != NULL ? p->name : NULL;
		return 0;
	}
	p = pp_charte_color(c, s);
	if (p != NULL) {
		*col = p->color;
		*name = p->name;
		return 0;
	} else {
		const char **names =
		    pp_xcalloc(c->npalette + 1, sizeof(*names));
		const char *hint;
		size_t i;

		for (i = 0; i < c->npalette; i++)
			names[i] = c->palette[i].name;
		hint = charte_suggest(names, c->npalette, s);
		if (hint != NULL)
			charte_report(x, PP_DIAG_BAD_CHOICE, &v->pos, path,
				      _("\"%s\" is not in the palette; did "
					"you mean \"%s\"?"),
				      s, hint);
		else
			charte_report(x, PP_DIAG_BAD_CHOICE, &v->pos, path,
				      _("\"%s\" is not in the palette; give "
					"a colour of the palette section or "
					"\"#RRGGBB\""),
				      s);
		free(names);
		return -1;
	}
}

enum style_state {
	STYLE_TODO,
	STYLE_ACTIVE, /* being resolved: met again means a loop */
	STYLE_DONE,
	STYLE_FAILED, /* reported once; styles built on it fail silently */
};

struct style_work {
	const struct pp_value *styles; /* the styles map */
	enum style_state *state;
	size_t *base; /* index of the base style, or (size_t)-1 */
	size_t corps; /* index of corps */
};

#define STYLE_NONE ((size_t)-1)

/* Index of the style called name ('-' and '_' alike), or STYLE_NONE. */
static size_t
style_find(const struct pp_value *styles, const char *name)
{
	size_t i;

	for (i = 0; i < styles->u.map.n; i++)
		if (charte_name_eq(styles->u.map.items[i].key, name))
			return i;
	return STYLE_NONE;
}

/* "a -> b -> a": the loop that closes at style i, whose base is b; caller
 * frees. */
static char *
style_loop_text(const struct style_work *w, size_t i, size_t b)
{
	struct pp_buf buf;
	size_t k = b, steps = 0;

	pp_buf_init(&buf);
	pp_buf_adds(&buf, w->styles->u.map.items[b].key);
	while (k != i && steps++ < w->styles->u.map.n) {
		k = w->base[k];
		if (k == STYLE_NONE)
			break;
		pp_buf_addf(&buf, " \xe2\x86\x92 %s",
			    w->styles->u.map.items[k].key);
	}
	pp_buf_addf(&buf, " \xe2\x86\x92 %s", w->styles->u.map.items[b].key);
	return pp_buf_detach(&buf);
}

/* Sets the fields the style's own map gives, over what it inherited. */
static void
style_apply(struct charte_ctx *x, struct pp_style *st,
	    const struct pp_value *sv, const char *key)
{
	struct pp_charte *c = x->c;
	const struct pp_value *v;
	const char *s;
	char *path;

	if ((s = pp_value_string(pp_value_map_get(sv, "libelle"))) != NULL)
		st->label = pp_arena_strdup(c->arena, s);
	if ((s = pp_value_string(pp_value_map_get(sv, "police"))) != NULL)
		st->families = strcmp(s, "serif") == 0 ? c->serif : c->sans;
	if ((v = pp_value_map_get(sv, "taille_pt")) != NULL)
		st->size = charte_number_of(v);
	if ((v = pp_value_map_get(sv, "interligne")) != NULL)
		st->line_height = charte_number_of(v);
	if ((v = pp_value_map_get(sv, "espace_avant_pt")) != NULL)
		st->space_before = charte_number_of(v);
	if ((v = pp_value_map_get(sv, "espace_apres_pt")) != NULL)
		st->space_after = charte_number_of(v);
	if ((v = pp_value_map_get(sv, "retrait_mm")) != NULL)
		st->indent = PP_MM_TO_PT(charte_number_of(v));
	st->bold = charte_flag(sv, "gras", st->bold);
	st->italic = charte_flag(sv, "italique", st->italic);
	st->uppercase = charte_flag(sv, "capitales", st->uppercase);
	st->hyphenate = charte_flag(sv, "cesure", st->hyphenate);
	st->keep_with_next =
	    charte_flag(sv, "solidaire_suivant", st->keep_with_next);
	if ((s = pp_value_string(pp_value_map_get(sv, "alignement"))) != NULL)
		st->align = strcmp(s, "centre") == 0	 ? PP_ALIGN_CENTER
			    : strcmp(s, "droite") == 0	 ? PP_ALIGN_RIGHT
			    : strcmp(s, "justifie") == 0 ? PP_ALIGN_JUSTIFY
							 : PP_ALIGN_LEFT;
	if ((v = pp_value_map_get(sv, "couleur")) != NULL) {
		struct pp_color col;
		const char *name = NULL;

		path = pp_xasprintf("styles.%s.couleur", key);
		if (charte_style_color(x, v, path, &col, &name) == 0) {
			st->color = col;
			st->color_name = name;
		}
		free(path);
	}
	if ((v = pp_value_map_get(sv, "fond")) != NULL) {
		struct pp_color col;
		const char *name = NULL;

		if (strcmp(pp_value_string(v), CHARTE_NO_COLOR) == 0) {
			st->has_background = 0;
			memset(&st->background, 0, sizeof(st->background));
		} else {
			path = pp_xasprintf("styles.%s.fond", key);
			if (charte_style_color(x, v, path, &col, &name) == 0) {
				st->has_background = 1;
				st->background = col;
			}
			free(path);
		}
	}
}

/*
 * Resolves style i into c->styles[i], its base first.  Returns 0, or -1
 * when it cannot: an unknown base or a loop, reported once (where the
 * chain breaks); the styles built on it fail without a message.
 */
static int
style_resolve(struct charte_ctx *x, struct style_work *w, size_t i)
{
	const struct pp_map_entry *e = &w->styles->u.map.items[i];
	const struct pp_value *bv = pp_value_map_get(e->value, "base");
	struct pp_style *st = &x->c->styles[i];
	size_t b;

	switch (w->state[i]) {
	case STYLE_DONE:
		return 0;
	case STYLE_FAILED:
	case STYLE_ACTIVE: /* the caller reports the loop */
		return -1;
	case STYLE_TODO:
		break;
	}
	w->state[i] = STYLE_ACTIVE;
	if (i == w->corps) {
		b = STYLE_NONE;
	} else if (bv == NULL) {
		b = w->corps;
	} else {
		b = style_find(w->styles, pp_value_string(bv));
		if (b == STYLE_NONE) {
			const char **names =
			    pp_xcalloc(w->styles->u.map.n + 1, sizeof(*names));
			const char *hint;
			char *path = pp_xasprintf("styles.%s.base", e->key);
			size_t k;

			for (k = 0; k < w->styles->u.map.n; k++)
				names[k] = w->styles->u.map.items[k].key;
			hint = charte_suggest(names, w->styles->u.map.n,
					      pp_value_string(bv));
			if (hint != NULL)
				charte_report(x, PP_DIAG_BAD_CHOICE, &bv->pos,
					      path,
					      _("this charter has no style "
						"\"%s\"; did you mean \"%s\"?"),
					      pp_value_string(bv), hint);
			else
				charte_report(x, PP_DIAG_BAD_CHOICE, &bv->pos,
					      path,
					      _("this charter has no style "
						"\"%s\""),
					      pp_value_string(bv));
			free(path);
			free(names);
			w->state[i] = STYLE_FAILED;
			return -1;
		}
	}
	w->base[i] = b;
	if (b != STYLE_NONE) {
		if (w->state[b] == STYLE_ACTIVE) {
			char *loop = style_loop_text(w, i, b);
			char *path = pp_xasprintf("styles.%s.base", e->key);

			charte_report(x, PP_DIAG_RULE,
				      bv != NULL ? &bv->pos : &e->key_pos, path,
				      _("the styles inherit from each other "
					"in a loop: %s"),
				      loop);
			free(path);
			free(loop);
			w->state[i] = STYLE_FAILED;
			return -1;
		}
		if (style_resolve(x, w, b) != 0) {
			w->state[i] = STYLE_FAILED;
			return -1;
		}
		*st = x->c->styles[b];
	}
	st->name = pp_arena_strdup(x->c->arena, e->key);
	style_apply(x, st, e->value, e->key);
	w->state[i] = STYLE_DONE;
	return 0;
}

static void
charte_fill_styles(struct charte_ctx *x, const struct pp_value *styles)
{
	struct pp_charte *c = x->c;
	struct style_work w;
	size_t i, n = styles->u.map.n;

	c->nstyles = n;
	c->styles = pp_arena_alloc(c->arena, (n + 1) * sizeof(*c->styles));
	w.styles = styles;
	w.state = pp_xcalloc(n + 1, sizeof(*w.state));
	w.base = pp_xcalloc(n + 1, sizeof(*w.base));
	w.corps = style_find(styles, PP_STYLE_BODY);
	for (i = 0; i < n; i++)
		w.base[i] = STYLE_NONE;
	/* The schema requires corps: without it pass 2 does not run. */
	for (i = 0; w.corps != STYLE_NONE && i < n; i++)
		style_resolve(x, &w, i);
	free(w.state);
	free(w.base);
}

/* --- Pass 2: the charter's rules applied to itself ----------------------- */

/* Sizes and contrasts of the styles, where a style sets them itself (an
 * inherited value was checked on the style that set it). */
static void
charte_check_styles(struct charte_ctx *x, const struct pp_value *styles)
{
	struct pp_charte *c = x->c;
	const struct pp_color white = {1.0, 1.0, 1.0};
	size_t i;

	for (i = 0; i < c->nstyles; i++) {
		const struct pp_map_entry *e = &styles->u.map.items[i];
		const struct pp_style *st = &c->styles[i];
		const struct pp_value *size =
		    pp_value_map_get(e->value, "taille_pt");
		const struct pp_value *fg =
		    pp_value_map_get(e->value, "couleur");
		const struct pp_value *bg = pp_value_map_get(e->value, "fond");
		char *path;

		if (size != NULL && st->size < c->rules.min_text_size) {
			path = pp_xasprintf("styles.%s.taille_pt", e->key);
			charte_report(x, PP_DIAG_RULE, &size->pos, path,
				      _("%g pt is below the smallest text size "
					"of this charter, %g pt "
					"(regles.taille_min_texte_pt)"),
				      st->size, c->rules.min_text_size);
			free(path);
		}
		if (fg != NULL || bg != NULL) {
			double ratio = pp_colour_contrast(
			    &st->color,
			    st->has_background ? &st->background : &white);
			const struct pp_value *at = bg != NULL ? bg : fg;

			if (ratio + 1e-9 < c->rules.min_contrast) {
				path = pp_xasprintf("styles.%s.%s", e->key,
						    bg != NULL ? "fond"
							       : "couleur");
				charte_report(
				    x, PP_DIAG_RULE, &at->pos, path,
				    _("the text colour has a contrast of "
				      "%.2f:1 with its background (white "
				      "when the style has none); this "
				      "charter asks for %g:1 at least "
				      "(regles.contraste_min)"),
				    ratio, c->rules.min_contrast);
				free(path);
			}
		}
	}
}

/* Text area and bloc-marque against the page and the rules. */
static void
charte_check_layout(struct charte_ctx *x, const struct pp_value *root)
{
	struct pp_charte *c = x->c;
	const struct pp_map_entry *marges =
	    pp_value_map_entry(pp_value_map_get(root, "page"), "marges");
	const struct pp_value *bm = pp_value_map_get(root, "bloc_marque");
	const struct pp_map_entry *pos = pp_value_map_entry(bm, "position");
	const struct pp_value *block =
	    pp_value_map_get(bm, "hauteur_bloc_marianne_mm");
	double width =
	    PP_PT_TO_MM(c->page_width - c->margin_left - c->margin_right);
	double height =
	    PP_PT_TO_MM(c->page_height - c->margin_top - c->margin_bottom -
			c->header.height - c->footer.height);
	double zone_w = c->page_width * c->rules.marque_zone_width;
	double zone_h = c->page_height * c->rules.marque_zone_height;

	if (width < CHARTE_MIN_TEXT_MM)
		charte_report(x, PP_DIAG_RULE, &marges->key_pos, "page.marges",
			      _("the left and right margins leave a text "
				"column of %.1f mm; at least %.0f mm is "
				"needed"),
			      width, CHARTE_MIN_TEXT_MM);
	if (height < CHARTE_MIN_TEXT_MM)
		charte_report(x, PP_DIAG_RULE, &marges->key_pos, "page.marges",
			      _("the top and bottom margins, the header and "
				"the footer leave a text height of %.1f mm; "
				"at least %.0f mm is needed"),
			      height, CHARTE_MIN_TEXT_MM);
	if (c->marque.block_height + 1e-9 < c->rules.marque_min_height)
		charte_report(x, PP_DIAG_RULE, &block->pos,
			      "bloc_marque.hauteur_bloc_marianne_mm",
			      _("the Marianne block would be %.2f mm high; "
				"this charter asks for %.2f mm at least "
				"(regles.bloc_marianne_min_mm)"),
			      PP_PT_TO_MM(c->marque.block_height),
			      PP_PT_TO_MM(c->rules.marque_min_height));
	else if (c->marque.block_height > c->marque.height)
		charte_report(x, PP_DIAG_RULE, &block->pos,
			      "bloc_marque.hauteur_bloc_marianne_mm",
			      _("the Marianne block cannot be higher than the "
				"whole bloc-marque (%.1f mm)"),
			      PP_PT_TO_MM(c->marque.height));
	if (c->marque.x > zone_w ||
	    c->marque.y + c->marque.height > zone_h + 1e-9)
		charte_report(x, PP_DIAG_RULE, &pos->key_pos,
			      "bloc_marque.position",
			      _("the bloc-marque must stand in the top left "
				"zone of the page, %.0f mm wide and %.0f mm "
				"high from the corner "
				"(regles.zone_bloc_marque); here it starts "
				"%.1f mm from the left and ends %.1f mm from "
				"the top"),
			      PP_PT_TO_MM(zone_w), PP_PT_TO_MM(zone_h),
			      PP_PT_TO_MM(c->marque.x),
			      PP_PT_TO_MM(c->marque.y + c->marque.height));
}

/* The font rules' regular expressions must compile. */
static void
charte_check_regexes(struct charte_ctx *x, const struct pp_value *list)
{
	size_t i;

	for (i = 0;
	     list != NULL && list->kind == PP_VALUE_LIST && i < list->u.list.n;
	     i++) {
		const struct pp_value *v = list->u.list.items[i];
		GError *gerr = NULL;
		GRegex *re = g_regex_new(pp_value_text(v), 0, 0, &gerr);

		if (re == NULL) {
			char *path = pp_xasprintf(
			    "regles.polices_autorisees[%zu]", i + 1);

			charte_report(x, PP_DIAG_BAD_PATTERN, &v->pos, path,
				      _("\"%s\" is not a valid regular "
					"expression: %s"),
				      pp_value_text(v),
				      gerr != NULL ? gerr->message : "?");
			free(path);
			g_clear_error(&gerr);
		} else {
			g_regex_unref(re);
		}
	}
}

/* --- Filling the charter -------------------------------------------------- */

static void
charte_fill(struct charte_ctx *x, const struct pp_value *root)
{
	struct pp_charte *c = x->c;
	const struct pp_value *page = pp_value_map_get(root, "page");
	const struct pp_value *fonts = pp_value_map_get(root, "polices");
	const struct pp_value *bm = pp_value_map_get(root, "bloc_marque");
	const struct pp_value *rules = pp_value_map_get(root, "regles");

	c->name = charte_text(c, root, "nom");
	c->page_width = PP_MM_TO_PT(charte_number(page, "largeur_mm"));
	c->page_height = PP_MM_TO_PT(charte_number(page, "hauteur_mm"));
	c->margin_top = PP_MM_TO_PT(charte_number(page, "marges.haut_mm"));
	c->margin_bottom = PP_MM_TO_PT(charte_number(page, "marges.bas_mm"));
	c->margin_left = PP_MM_TO_PT(charte_number(page, "marges.gauche_mm"));
	c->margin_right = PP_MM_TO_PT(charte_number(page, "marges.droite_mm"));

	c->fonts_dir = charte_file(x, fonts, "dossier", "polices.dossier", 1);
	{
		const struct pp_value *embed =
		    pp_value_map_get(fonts, "incorporer_odt");

		c->embed_odt_fonts = embed != NULL &&
				     embed->kind == PP_VALUE_BOOL &&
				     embed->u.boolean;
	}
	c->sans = charte_families(c, pp_value_map_get(fonts, "sans"));
	c->serif = charte_families(c, pp_value_map_get(fonts, "serif"));

	c->marque.artwork =
	    charte_file(x, bm, "fichier", "bloc_marque.fichier", 0);
	c->marque.x = PP_MM_TO_PT(charte_number(bm, "position.x_mm"));
	c->marque.y = PP_MM_TO_PT(charte_number(bm, "position.y_mm"));
	c->marque.height = PP_MM_TO_PT(charte_number(bm, "hauteur_mm"));
	c->marque.block_height =
	    PP_MM_TO_PT(charte_number(bm, "hauteur_bloc_marianne_mm"));
	c->marque.motto =
	    charte_texts(c, pp_value_map_get(bm, "devise"), &c->marque.nmotto);

	c->partners.label = charte_text(c, root, "zone_partenaires.libelle");
	c->partners.max_logo_height = PP_MM_TO_PT(
	    charte_number(root, "zone_partenaires.hauteur_logo_max_mm"));

	c->footer.pagination = charte_text(c, root, "pied.pagination");
	c->footer.paraphes = charte_flag(root, "pied.paraphes", 1);
	c->footer.paraphe_label = charte_text(c, root, "pied.libelle_paraphes");
	c->footer.height = PP_MM_TO_PT(charte_number(root, "pied.hauteur_mm"));

	c->header.running_title = charte_flag(root, "entete.titre_courant", 1);
	c->header.reference = charte_flag(root, "entete.reference", 1);
	c->header.height =
	    PP_MM_TO_PT(charte_number(root, "entete.hauteur_mm"));

	c->rules.fonts_allowed =
	    charte_texts(c, pp_value_map_get(rules, "polices_autorisees"),
			 &c->rules.nfonts_allowed);
	c->rules.fonts_substitutes =
	    charte_texts(c, pp_value_map_get(rules, "polices_substitution"),
			 &c->rules.nfonts_substitutes);
	c->rules.min_text_size = charte_number(rules, "taille_min_texte_pt");
	c->rules.marque_min_height =
	    PP_MM_TO_PT(charte_number(rules, "bloc_marianne_min_mm"));
	c->rules.marque_zone_width =
	    charte_number(rules, "zone_bloc_marque.largeur");
	c->rules.marque_zone_height =
	    charte_number(rules, "zone_bloc_marque.hauteur");
	c->rules.color_tolerance =
	    charte_number(rules, "tolerance_couleur_de2000");
	c->rules.min_contrast = charte_number(rules, "contraste_min");
	c->rules.margin_tolerance =
	    PP_MM_TO_PT(charte_number(rules, "tolerance_marges_mm"));

	charte_fill_palette(x, pp_value_map_get(root, "palette"));
	charte_fill_styles(x, pp_value_map_get(root, "styles"));

	charte_check_regexes(x, pp_value_map_get(rules, "polices_autorisees"));
	if (x->errors == 0)
		charte_check_styles(x, pp_value_map_get(root, "styles"));
	charte_check_layout(x, root);
}

/* --- Finding the file ------------------------------------------------------
 */

static int
charte_name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The charters under datadir/charte, "a, b"; caller frees. */
static char *
charte_list(const char *datadir)
{
	char *dir = g_build_filename(datadir, "charte", NULL);
	GDir *gd = g_dir_open(dir, 0, NULL);
	GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
	const char *e;
	char *out;

	while (gd != NULL && (e = g_dir_read_name(gd)) != NULL) {
		char *f = g_build_filename(dir, e, "charte.yaml", NULL);

		if (g_file_test(f, G_FILE_TEST_IS_REGULAR))
			g_ptr_array_add(names, g_strdup(e));
		g_free(f);
	}
	if (gd != NULL)
		g_dir_close(gd);
	if (names->len > 1)
		qsort(names->pdata, names->len, sizeof(char *),
		      charte_name_cmp);
	g_ptr_array_add(names, NULL);
	out = g_strjoinv(", ", (char **)names->pdata);
	g_ptr_array_free(names, TRUE);
	g_free(dir);
	return out;
}

/* The charte.yaml that name designates; g_free it.  NULL with err. */
static char *
charte_resolve(const char *datadir, const char *name, struct pp_error *err)
{
	char *path, *list;

	if (strchr(name, '/') != NULL || g_str_has_suffix(name, ".yaml")) {
		if (g_file_test(name, G_FILE_TEST_IS_DIR))
			path = g_build_filename(name, "charte.yaml", NULL);
		else
			path = g_strdup(name);
		if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
			pp_error_set(err, PP_DIAG_IO, NULL,
				     _("%s: there is no charter file here"),
				     path);
			g_free(path);
			return NULL;
		}
		return path;
	}
	if (name[0] != '\0' && name[0] != '.' &&
	    strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-_") ==
		strlen(name)) {
		path = g_build_filename(datadir, "charte", name, "charte.yaml",
					NULL);
		if (g_file_test(path, G_FILE_TEST_IS_REGULAR))
			return path;
		g_free(path);
	}
	list = charte_list(datadir);
	if (list[0] != '\0')
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("there is no charter \"%s\" (charters "
			       "available: %s)"),
			     name, list);
	else
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("there is no charter \"%s\": %s/charte holds "
			       "none"),
			     name, datadir);
	g_free(list);
	return NULL;
}

/* --- Public API -------------------------------------------------------------
 */

struct pp_charte *
pp_charte_load(const char *datadir, const char *name, struct pp_diags *d,
	       struct pp_error *err)
{
	struct pp_diags own;
	struct charte_ctx x;
	struct pp_schema *schema = NULL;
	struct pp_arena *tmp = NULL;
	struct pp_value *root;
	char *path = NULL, *schema_path = NULL, *dir;

	memset(&x, 0, sizeof(x));
	pp_diags_init(&own);
	x.d = d != NULL ? d : &own;
	if (datadir == NULL || name == NULL) {
		pp_error_set(err, PP_DIAG_IO, NULL,
			     _("no data folder or no charter name given"));
		goto fail;
	}
	path = charte_resolve(datadir, name, err);
	if (path == NULL)
		goto fail;
	schema_path = g_build_filename(datadir, "charte", "schema.yaml", NULL);
	schema = pp_schema_load(schema_path, NULL, err);
	if (schema == NULL)
		goto fail;

	tmp = pp_arena_new();
	/* A file that cannot be read is a failure; a mistake inside it is a
	 * message like the others. */
	root = pp_yaml_read_file_report(tmp, path, x.d, err);
	if (root == NULL)
		goto fail;

	x.c = pp_xcalloc(1, sizeof(*x.c));
	x.c->arena = pp_arena_new();
	x.c->path = pp_arena_strdup(x.c->arena, path);
	dir = g_path_get_dirname(path);
	{
		char *abs = g_canonicalize_filename(dir, NULL);

		x.c->dir = pp_arena_strdup(x.c->arena, abs);
		g_free(abs);
	}
	g_free(dir);

	/* Pass 1: structure. */
	if (charte_check_version(&x, root) != 0)
		goto fail;
	x.errors += pp_schema_validate(schema, tmp, root, x.d);
	charte_check_palette(&x, pp_value_map_get(root, "palette"));
	if (x.errors > 0)
		goto fail;
	/* Pass 2: meaning. */
	charte_fill(&x, root);
	if (x.errors > 0)
		goto fail;

	pp_schema_free(schema);
	pp_arena_free(tmp);
	g_free(schema_path);
	g_free(path);
	pp_diags_fini(&own);
	return x.c;
fail:
	pp_charte_free(x.c);
	pp_schema_free(schema);
	pp_arena_free(tmp);
	g_free(schema_path);
	g_free(path);
	pp_diags_fini(&own);
	return NULL;
}

void
pp_charte_free(struct pp_charte *c)
{
	if (c == NULL)
		return;
	pp_arena_free(c->arena);
	free(c);
}

const struct pp_style *
pp_charte_style(const struct pp_charte *c, const char *name)
{
	const struct pp_style *corps = NULL;
	size_t i;

	if (c == NULL)
		return NULL;
	for (i = 0; i < c->nstyles; i++) {
		if (name != NULL && charte_name_eq(c->styles[i].name, name))
			return &c->styles[i];
		if (strcmp(c->styles[i].name, PP_STYLE_BODY) == 0)
			corps = &c->styles[i];
	}
	return corps;
}
