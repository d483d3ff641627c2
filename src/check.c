/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe check (check.h): the rule catalogue, the findings, the font and
 * palette rules both formats apply, the entry point that tells a PDF from
 * an ODT, and the text and JSON reports.  The rules themselves are in
 * check_pdf.c and check_odt.c, the PDF check's child process in check_child.c.
 */
#include <errno.h>
#include <glib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "check_private.h"
#include "colour.h"
#include "fileio.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"

/* The largest file checked. */
#define CHECK_MAX_FILE_BYTES (256u << 20)

/* --- Rules and findings --------------------------------------------------- */

static const struct {
	const char *id;
	enum pp_severity severity;
	const char *summary;
} check_rules[PP_RULE__COUNT] = {
#define X(name, id, sev, summary) {id, PP_SEV_##sev, summary},
#include "checkrules.def"
#undef X
};

const char *
pp_check_rule_id(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? check_rules[rule].id : "?";
}

enum pp_severity
pp_check_rule_severity(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? check_rules[rule].severity
				     : PP_SEV_WARNING;
}

const char *
pp_check_rule_summary(enum pp_check_rule rule)
{
	return rule < PP_RULE__COUNT ? _(check_rules[rule].summary) : "";
}

void
pp_check_init(struct pp_check *r, const char *file)
{
	memset(r, 0, sizeof(*r));
	r->file = pp_xstrdup(file);
}

void
pp_check_fini(struct pp_check *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		free(r->items[i].found);
		free(r->items[i].expected);
	}
	free(r->items);
	free(r->file);
	memset(r, 0, sizeof(*r));
}

struct pp_finding *
pp_check_push(struct pp_check *r)
{
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->items =
		    pp_xreallocarray(r->items, r->cap, sizeof(*r->items));
	}
	return &r->items[r->n++];
}

static void
check_vadd(struct pp_check *r, enum pp_check_rule rule, int page, double x,
	   double y, double w, double h, const char *expected, const char *fmt,
	   va_list ap)
{
	struct pp_finding *f;
	char found[1024];

	vsnprintf(found, sizeof(found), fmt, ap);
	f = pp_check_push(r);
	f->rule = rule;
	f->severity = pp_check_rule_severity(rule);
	f->page = page;
	f->x = x;
	f->y = y;
	f->w = w;
	f->h = h;
	f->found = pp_xstrdup(found);
	f->expected = pp_xstrdup(expected != NULL ? expected : "");
}

void
pp_check_add(struct pp_check *r, enum pp_check_rule rule, int page, double x,
	     double y, double w, double h, const char *expected,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	check_vadd(r, rule, page, x, y, w, h, expected, fmt, ap);
	va_end(ap);
}

/* where's x, y, width and height in mm; zeros when where is NULL or
 * empty. */
static void
check_box_mm(const struct pp_check_box *where, double mm[4])
{
	mm[0] = mm[1] = mm[2] = mm[3] = 0;
	if (where != NULL && where->set) {
		mm[0] = PP_PT_TO_MM(where->x0);
		mm[1] = PP_PT_TO_MM(where->y0);
		mm[2] = PP_PT_TO_MM(where->x1 - where->x0);
		mm[3] = PP_PT_TO_MM(where->y1 - where->y0);
	}
}

void
pp_check_add_at(struct pp_check *r, enum pp_check_rule rule, int page,
		const struct pp_check_box *where, const char *expected,
		const char *fmt, ...)
{
	double mm[4];
	va_list ap;

	check_box_mm(where, mm);
	va_start(ap, fmt);
	check_vadd(r, rule, page, mm[0], mm[1], mm[2], mm[3], expected, fmt,
		   ap);
	va_end(ap);
}

size_t
pp_check_count(const struct pp_check *r, enum pp_severity sev)
{
	size_t i, n = 0;

	for (i = 0; i < r->n; i++)
		n += r->items[i].severity == sev;
	return n;
}

/* --- Fonts and colours: the rules both formats apply ---------------------- */

char *
pp_check_font_key(const char *name)
{
	const char *plus = strchr(name, '+');
	GString *s = g_string_new("");

	if (plus != NULL && plus - name == 6)
		name = plus + 1;
	for (; *name != '\0'; name++)
		if (g_ascii_isalnum(*name))
			g_string_append_c(s, g_ascii_tolower(*name));
	return g_string_free(s, FALSE);
}

/* 0 allowed, 1 substitute, 2 outside the charter. */
static int
check_font_class(const struct pp_charte *c, const char *name)
{
	char *key = pp_check_font_key(name);
	int cls = 2;
	size_t i;

	for (i = 0; i < c->rules.nfonts_allowed && cls == 2; i++) {
		GRegex *re = g_regex_new(c->rules.fonts_allowed[i],
					 G_REGEX_CASELESS, 0, NULL);
		const char *stripped =
		    strchr(name, '+') != NULL && strchr(name, '+') - name == 6
			? strchr(name, '+') + 1
			: name;

		if (re != NULL && g_regex_match(re, stripped, 0, NULL))
			cls = 0;
		if (re != NULL)
			g_regex_unref(re);
	}
	for (i = 0; i < c->rules.nfonts_substitutes && cls == 2; i++) {
		char *sub = pp_check_font_key(c->rules.fonts_substitutes[i]);

		if (g_str_has_prefix(key, sub))
			cls = 1;
		g_free(sub);
	}
	g_free(key);
	return cls;
}

static char *
check_font_list(const struct pp_charte *c)
{
	GString *s = g_string_new("");
	size_t i;

	for (i = 0; i < c->rules.nfonts_allowed; i++)
		g_string_append_printf(s, "%s%s", i ? ", " : "",
				       c->rules.fonts_allowed[i][0] == '^'
					   ? c->rules.fonts_allowed[i] + 1
					   : c->rules.fonts_allowed[i]);
	return g_string_free(s, FALSE);
}

void
pp_check_font(struct pp_check *r, const struct pp_charte *c, const char *name,
	      int embedded, int page, GHashTable *seen,
	      const struct pp_check_box *where)
{
	char *list;

	if (name == NULL || g_hash_table_contains(seen, name))
		return;
	g_hash_table_add(seen, g_strdup(name));
	list = check_font_list(c);
	switch (check_font_class(c, name)) {
	case 0:
		break;
	case 1:
		pp_check_add_at(
		    r, PP_RULE_POLICE_SUBSTITUTION, page, where, list,
		    _("the typeface %s stands in for the charter's"), name);
		break;
	default:
		pp_check_add_at(
		    r, PP_RULE_POLICE_HORS_CHARTE, page, where, list,
		    _("the typeface %s is not in the charter"), name);
		break;
	}
	if (embedded == 0)
		pp_check_add_at(r, PP_RULE_POLICE_NON_INCORPOREE, page, where,
				_("every font embedded in the PDF"),
				_("the font %s is not embedded: another "
				  "computer will print it with another font"),
				name);
	g_free(list);
}

void
pp_check_colour(struct pp_check *r, const struct pp_charte *c,
		const struct pp_color *col, int page,
		const struct pp_check_box *where, const char *fmt, ...)
{
	const char *near;
	double d = pp_colour_nearest(c->palette, c->npalette, col, &near);
	double mm[4];
	char expected[128];
	va_list ap;

	if (d <= c->rules.color_tolerance)
		return;
	snprintf(expected, sizeof(expected),
		 _("a palette colour (nearest: %s, ΔE %.1f)"),
		 near ? near : "?", d);
	check_box_mm(where, mm);
	va_start(ap, fmt);
	check_vadd(r, PP_RULE_COULEUR_HORS_PALETTE, page, mm[0], mm[1], mm[2],
		   mm[3], expected, fmt, ap);
	va_end(ap);
}

/* --- The entry point ------------------------------------------------------ */

int
pp_check_file(const char *path, const struct pp_charte *c, struct pp_check *r,
	      struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	char head[8];
	struct stat st;
	int fd = pp_open_regular(path, &st, err);
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	size_t got;

	if (f == NULL) {
		if (fd >= 0) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("cannot open: %s"), strerror(errno));
			close(fd);
		}
		return -1;
	}
	got = fread(head, 1, sizeof(head), f);
	if (fstat(fileno(f), &st) == 0 &&
	    (unsigned long long)st.st_size > CHECK_MAX_FILE_BYTES) {
		fclose(f);
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is larger than %u MiB"),
			     CHECK_MAX_FILE_BYTES >> 20);
		return -1;
	}
	fclose(f);
	if (got >= 5 && memcmp(head, "%PDF-", 5) == 0)
		return pp_check_pdf_isolated(path, c, r, err);
	if (got >= 4 && memcmp(head, "PK\x03\x04", 4) == 0)
		return pp_check_odt(path, c, r, err);
	pp_error_set(err, PP_DIAG_IO, &pos,
		     _("this file is neither a PDF nor an ODT"));
	return -1;
}

/* --- Reports -------------------------------------------------------------- */

static void
check_num(struct pp_buf *out, double v)
{
	char tmp[32], *p;

	snprintf(tmp, sizeof(tmp), "%.1f", v);
	if ((p = strchr(tmp, '.')) != NULL)
		*p = ',';
	pp_buf_adds(out, tmp);
}

int
pp_check_pages_read(const struct pp_check *r)
{
	return r->partial && r->pages > PP_CHECK_MAX_PAGES ? PP_CHECK_MAX_PAGES
							   : r->pages;
}

int
pp_check_conformant(const struct pp_check *r)
{
	return !r->partial && pp_check_count(r, PP_SEV_ERROR) == 0;
}

void
pp_check_format_text(const struct pp_check *r, struct pp_buf *out)
{
	size_t i, errors = pp_check_count(r, PP_SEV_ERROR),
		  warnings = pp_check_count(r, PP_SEV_WARNING);

	char *file = pp_text_escape(r->file);

	/* A file name, a font name, any text taken from the file is
	 * escaped: a terminal never receives a control from a PDF. */
	for (i = 0; i < r->n; i++) {
		const struct pp_finding *f = &r->items[i];

		pp_buf_adds(out, file);
		if (f->page > 0) {
			pp_buf_addf(out, ":%d", f->page);
			if (f->w > 0 || f->h > 0) {
				pp_buf_adds(out, ":(");
				check_num(out, f->x);
				pp_buf_adds(out, " mm; ");
				check_num(out, f->y);
				pp_buf_adds(out, " mm)");
			}
		}
		pp_buf_addf(out, ": %s[%s]: ", pp_severity_name(f->severity),
			    pp_check_rule_id(f->rule));
		pp_text_escape_add(out, f->found, strlen(f->found));
		if (f->expected[0] != '\0') {
			char *expected = pp_text_escape(f->expected);

			pp_buf_addf(out, _("; expected: %s"), expected);
			free(expected);
		}
		pp_buf_addc(out, '\n');
	}
	if (r->partial)
		pp_buf_addf(out,
			    _("%s: partial check: the file exceeds what "
			      "paraphe reads (%d pages, %d read)\n"),
			    file, r->pages, pp_check_pages_read(r));
	if (errors > 0)
		pp_buf_addf(out,
			    _("%s: NOT conformant to the charter: %zu "
			      "error(s), %zu warning(s)\n"),
			    file, errors, warnings);
	else if (r->partial)
		pp_buf_addf(out,
			    _("%s: NOT shown conformant (partial check): %zu "
			      "warning(s) in the part read\n"),
			    file, warnings);
	else
		pp_buf_addf(out,
			    _("%s: conformant to the charter (%zu "
			      "warning(s))\n"),
			    file, warnings);
	free(file);
}

/* A string member; bytes that are not UTF-8 (a font name in a PDF can be
 * any bytes, a file name too) become U+FFFD, as JSON is UTF-8. */
static void
check_json_string(JsonBuilder *b, const char *name, const char *value)
{
	char *valid = NULL;

	if (!g_utf8_validate(value, -1, NULL))
		value = valid = g_utf8_make_valid(value, -1);
	json_builder_set_member_name(b, name);
	json_builder_add_string_value(b, value);
	g_free(valid);
}

static void
check_json_int(JsonBuilder *b, const char *name, gint64 value)
{
	json_builder_set_member_name(b, name);
	json_builder_add_int_value(b, value);
}

static void
check_json_bool(JsonBuilder *b, const char *name, int value)
{
	json_builder_set_member_name(b, name);
	json_builder_add_boolean_value(b, value != 0);
}

/* mm to the tenth, as the text report gives them: the number that "%.1f"
 * spells.  check_json_add prints it back with as few digits as name it. */
static void
check_json_mm(JsonBuilder *b, const char *name, double mm)
{
	char tenth[G_ASCII_DTOSTR_BUF_SIZE];

	g_ascii_formatd(tenth, sizeof(tenth), "%.1f", mm);
	json_builder_set_member_name(b, name);
	json_builder_add_double_value(b, g_ascii_strtod(tenth, NULL));
}

/* A fraction json-glib wrote (from - or a digit up to its end) printed
 * with the fewest decimals that read back as the same double, as "%.Nf"
 * spells it (30.0, 272.1): json-glib 1.6 always writes 17 significant
 * digits, so 30.1 comes out as 30.100000000000001.  A number too small or
 * too large for 17 decimals keeps json-glib's spelling.  Returns the
 * length of the number read at s. */
static size_t
check_json_number(struct pp_buf *out, const char *s)
{
	size_t len = strspn(s, "-+0123456789.eE");
	char shortest[G_ASCII_DTOSTR_BUF_SIZE], format[8];
	double v = g_ascii_strtod(s, NULL);
	int decimals;

	if (strcspn(s, ".eE") >= len || fabs(v) >= 1e15) {
		pp_buf_add(out, s, len); /* an integer, or out of range */
		return len;
	}
	for (decimals = 1; decimals <= 17; decimals++) {
		snprintf(format, sizeof(format), "%%.%df", decimals);
		g_ascii_formatd(shortest, sizeof(shortest), format, v);
		if (g_ascii_strtod(shortest, NULL) == v) {
			pp_buf_adds(out, shortest);
			return len;
		}
	}
	pp_buf_add(out, s, len);
	return len;
}

/*
 * Appends json, json-glib's output, to out, with two repairs of json-glib
 * 1.6: numbers outside strings shortened (check_json_number), and U+001F,
 * which it leaves unescaped in strings (it escapes every other control
 * character, and JSON forbids them all), written as its escape.
 */
static void
check_json_add(struct pp_buf *out, const char *json)
{
	int in_string = 0;

	while (*json != '\0') {
		char c = *json;

		if (in_string && c == '\\' && json[1] != '\0') {
			pp_buf_add(out, json, 2);
			json += 2;
			continue;
		}
		if (c == '"')
			in_string = !in_string;
		if (in_string && c == '\x1f') {
			pp_buf_adds(out, "\\u001f");
			json++;
		} else if (!in_string && (c == '-' || g_ascii_isdigit(c))) {
			json += check_json_number(out, json);
		} else {
			pp_buf_addc(out, c);
			json++;
		}
	}
}

void
pp_check_format_json(const struct pp_check *r, struct pp_buf *out)
{
	JsonBuilder *b = json_builder_new();
	JsonGenerator *gen = json_generator_new();
	JsonNode *root;
	size_t i, errors = pp_check_count(r, PP_SEV_ERROR);
	char *json;

	json_builder_begin_object(b);
	check_json_string(b, "fichier", r->file);
	check_json_bool(b, "conforme", pp_check_conformant(r));
	check_json_int(b, "erreurs", (gint64)errors);
	check_json_int(b, "avertissements",
		       (gint64)pp_check_count(r, PP_SEV_WARNING));
	check_json_int(b, "pages", r->pages);
	check_json_bool(b, "partiel", r->partial);
	json_builder_set_member_name(b, "constats");
	json_builder_begin_array(b);
	for (i = 0; i < r->n; i++) {
		const struct pp_finding *f = &r->items[i];

		json_builder_begin_object(b);
		check_json_string(b, "regle", pp_check_rule_id(f->rule));
		check_json_string(
		    b, "gravite",
		    f->severity == PP_SEV_ERROR ? "erreur" : "avertissement");
		check_json_int(b, "page", f->page);
		if (f->w > 0 || f->h > 0) {
			json_builder_set_member_name(b, "boite_mm");
			json_builder_begin_object(b);
			check_json_mm(b, "x", f->x);
			check_json_mm(b, "y", f->y);
			check_json_mm(b, "largeur", f->w);
			check_json_mm(b, "hauteur", f->h);
			json_builder_end_object(b);
		}
		check_json_string(b, "constat", f->found);
		check_json_string(b, "attendu", f->expected);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
	root = json_builder_get_root(b);
	json_generator_set_root(gen, root);
	json = json_generator_to_data(gen, NULL);
	check_json_add(out, json);
	pp_buf_addc(out, '\n');
	g_free(json);
	json_node_unref(root);
	g_object_unref(gen);
	g_object_unref(b);
}
