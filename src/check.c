/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * paraphe check (check.h): the rule catalogue, the findings, the font and
 * palette rules every format applies, the entry point that tells a PDF
 * from a zip package (an ODT or a DOCX), and the text and JSON reports.
 * The rules themselves are in check_pdf.c, check_odt.c and check_docx.c,
 * the child process that runs them in check_child.c.
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
pp_check_info_fini(struct pp_check_info *info)
{
	size_t i;

	for (i = 0; i < info->nfields; i++)
		free(info->fields[i].name);
	for (i = 0; i < info->nsources; i++)
		free(info->sources[i].name);
	free(info->fields);
	free(info->sources);
	memset(info, 0, sizeof(*info));
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
	pp_check_info_fini(&r->info);
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

/* Style words a font's name may end with ("-Bold", ",Italic", " ExtraBold",
 * "-BoldItalicMT"): not part of its family.  "Black", "Narrow" and the
 * like are not there: Arial Black is another family than Arial. */
static const char *const check_style_words[] = {
    "regular", "book",	 "normal", "bold",  "italic", "oblique",
    "light",   "medium", "thin",   "extra", "semi",   "demi",
    "ultra",   "mt",	 "ps",	   "it",    NULL};

/* The length of the style word at s (ASCII, any case), 0 when none. */
static size_t
check_style_word(const char *s)
{
	size_t i, best = 0;

	for (i = 0; check_style_words[i] != NULL; i++) {
		size_t len = strlen(check_style_words[i]);

		if (len > best &&
		    g_ascii_strncasecmp(s, check_style_words[i], len) == 0)
			best = len;
	}
	return best;
}

/* 1 when s, up to end, is made of style words only ("BoldItalicMT"). */
static int
check_all_style(const char *s, const char *end)
{
	if (s >= end)
		return 0;
	while (s < end) {
		size_t len = check_style_word(s);

		if (len == 0 || s + len > end)
			return 0;
		s += len;
	}
	return 1;
}

char *
pp_check_font_family(const char *name)
{
	const char *plus = strchr(name, '+');
	char *family, *cut;
	size_t len;
	int again = 1;

	/* The subset tag: six capitals and "+". */
	if (plus != NULL && plus - name == 6) {
		int tag = 1;
		const char *p;

		for (p = name; p < plus; p++)
			tag &= *p >= 'A' && *p <= 'Z';
		if (tag)
			name = plus + 1;
	}
	family = g_strstrip(g_strdup(name));
	/* "Arial,Bold", "LiberationSans-BoldItalic", "Marianne ExtraBold":
	 * style words after the last separator, as often as there are. */
	while (again) {
		again = 0;
		len = strlen(family);
		cut = NULL;
		for (size_t i = len; i > 0; i--)
			if (strchr("-, ", family[i - 1]) != NULL) {
				cut = family + i - 1;
				break;
			}
		if (cut != NULL && cut > family &&
		    check_all_style(cut + 1, family + len)) {
			*cut = '\0';
			g_strchomp(family);
			again = 1;
		}
	}
	/* "ArialMT": a vendor's suffix glued to the family. */
	len = strlen(family);
	if (len > 2 && strcmp(family + len - 2, "MT") == 0 &&
	    g_ascii_islower(family[len - 3]))
		family[len - 2] = '\0';
	return family;
}

/* 1 when the charter's pattern (a regular expression) names the whole
 * family: "^Arial" names "Arial", not "Arial Black" nor "ArialComic".
 * A family spelt without spaces, as PostScript names are
 * ("LiberationSans"), is also tried against the pattern without its
 * spaces. */
static int
check_pattern_names(const char *pattern, const char *family)
{
	GString *pat = g_string_new("");
	int hit = 0, k;

	for (k = 0; k < 2 && !hit; k++) {
		const char *p;
		GRegex *re;

		if (k == 1 && (strchr(pattern, ' ') == NULL ||
			       strchr(family, ' ') != NULL))
			break;
		g_string_assign(pat, "^(?:");
		for (p = pattern; *p != '\0'; p++)
			if (k == 0 || *p != ' ')
				g_string_append_c(pat, *p);
		g_string_append(pat, ")$");
		re = g_regex_new(pat->str, G_REGEX_CASELESS, 0, NULL);
		if (re != NULL) {
			hit = g_regex_match(re, family, 0, NULL);
			g_regex_unref(re);
		}
	}
	g_string_free(pat, TRUE);
	return hit;
}

/* 1 when the family is one of the comma-separated names in list. */
static int
check_in_family_list(const char *list, const char *key)
{
	char **names;
	int found = 0;
	size_t i;

	if (list == NULL)
		return 0;
	names = g_strsplit(list, ",", -1);
	for (i = 0; names[i] != NULL && !found; i++) {
		char *k = pp_check_font_key(names[i]);

		found = k[0] != '\0' && strcmp(k, key) == 0;
		g_free(k);
	}
	g_strfreev(names);
	return found;
}

int
pp_check_font_class(const struct pp_charte *c, const char *family)
{
	char *key = pp_check_font_key(family);
	int cls = 2;
	size_t i;

	for (i = 0; i < c->rules.nfonts_allowed && cls == 2; i++)
		if (check_pattern_names(c->rules.fonts_allowed[i], family))
			cls = 0;
	/* The families the charter composes with (polices.sans, .serif):
	 * its own fallbacks, allowed as it allows them. */
	if (cls == 2 && (check_in_family_list(c->sans, key) ||
			 check_in_family_list(c->serif, key)))
		cls = 0;
	for (i = 0; i < c->rules.nfonts_substitutes && cls == 2; i++) {
		char *sub = pp_check_font_key(c->rules.fonts_substitutes[i]);

		if (strcmp(key, sub) == 0)
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
pp_check_fonts_init(struct pp_check_fonts *f)
{
	memset(f, 0, sizeof(*f));
	f->seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	f->substitutes = g_ptr_array_new_with_free_func(g_free);
}

void
pp_check_fonts_fini(struct pp_check *r, const struct pp_charte *c,
		    struct pp_check_fonts *f)
{
	if (f->substitutes->len > 0) {
		GString *names = g_string_new("");
		char *list = check_font_list(c);
		guint i;

		for (i = 0; i < f->substitutes->len; i++)
			g_string_append_printf(
			    names, "%s%s", i ? ", " : "",
			    (char *)g_ptr_array_index(f->substitutes, i));
		pp_check_add_at(
		    r, PP_RULE_POLICE_SUBSTITUTION, f->sub_page, &f->sub_where,
		    list,
		    f->substitutes->len > 1
			? _("the typefaces %s stand in for the charter's")
			: _("the typeface %s stands in for the charter's"),
		    names->str);
		g_string_free(names, TRUE);
		g_free(list);
	}
	g_hash_table_destroy(f->seen);
	g_ptr_array_free(f->substitutes, TRUE);
	memset(f, 0, sizeof(*f));
}

void
pp_check_font(struct pp_check *r, const struct pp_charte *c, const char *name,
	      const char *program, int embedded, int page,
	      struct pp_check_fonts *f, const struct pp_check_box *where)
{
	char *list, *family, *seen_key;
	const char *shown;

	if (name == NULL)
		return;
	/* Once per face name and program family. */
	seen_key =
	    g_strdup_printf("%s\x01%s", name, program != NULL ? program : "");
	if (g_hash_table_contains(f->seen, seen_key)) {
		g_free(seen_key);
		return;
	}
	g_hash_table_add(f->seen, seen_key);
	/* The font program's family when it is known: a name in the PDF
	 * (a converter's "CairoFont-0-0", or a false one) says less. */
	family = pp_check_font_family(
	    program != NULL && program[0] != '\0' ? program : name);
	shown = family;
	list = check_font_list(c);
	/* A program that draws nothing (a subset of spaces) is not judged. */
	switch (program != NULL && program[0] == '\0'
		    ? 0
		    : pp_check_font_class(c, family)) {
	case 0:
		break;
	case 1: {
		guint i;
		int known = 0;

		for (i = 0; i < f->substitutes->len && !known; i++)
			known = strcmp(g_ptr_array_index(f->substitutes, i),
				       family) == 0;
		if (!known) {
			g_ptr_array_add(f->substitutes, g_strdup(family));
			if (f->substitutes->len == 1) {
				f->sub_page = page;
				if (where != NULL)
					f->sub_where = *where;
			}
		}
		break;
	}
	default:
		if (program != NULL && strcmp(program, "?") == 0)
			pp_check_add_at(
			    r, PP_RULE_POLICE_HORS_CHARTE, page, where, list,
			    _("the font %s does not hold the glyphs "
			      "of the typeface its name gives"),
			    name);
		else if (program != NULL && program[0] != '\0' &&
			 strcmp(name, program) != 0)
			pp_check_add_at(r, PP_RULE_POLICE_HORS_CHARTE, page,
					where, list,
					_("the typeface %s (font %s) is not in "
					  "the charter"),
					shown, name);
		else
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
	g_free(family);
	g_free(list);
}

int
pp_check_colour_ok(const struct pp_charte *c, const struct pp_color *col)
{
	/* Black, which the charter takes for text as it takes its greys,
	 * whether or not its palette names it. */
	static const struct pp_color black = {0, 0, 0};
	const char *near;

	return pp_colour_nearest(c->palette, c->npalette, col, &near) <=
		   c->rules.color_tolerance ||
	       pp_colour_de2000(col, &black) <= c->rules.color_tolerance;
}

void
pp_check_colour(struct pp_check *r, const struct pp_charte *c,
		const struct pp_color *col, int page,
		const struct pp_check_box *where, const char *fmt, ...)
{
	const char *near;
	double d;
	double mm[4];
	char expected[128];
	va_list ap;

	if (pp_check_colour_ok(c, col))
		return;
	d = pp_colour_nearest(c->palette, c->npalette, col, &near);
	snprintf(expected, sizeof(expected),
		 _("a palette colour (nearest: %s, ΔE %.1f)"),
		 near ? near : "?", d);
	check_box_mm(where, mm);
	va_start(ap, fmt);
	check_vadd(r, PP_RULE_COULEUR_HORS_PALETTE, page, mm[0], mm[1], mm[2],
		   mm[3], expected, fmt, ap);
	va_end(ap);
}

int
pp_check_link_colour(const struct pp_color *col)
{
	/* LibreOffice's "Internet Link" and "Visited Internet Link"
	 * character styles: navy and maroon. */
	static const struct pp_color links[] = {{0, 0, 128 / 255.0},
						{128 / 255.0, 0, 0}};
	size_t i;

	for (i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		if (pp_colour_de2000(col, &links[i]) < 0.5)
			return 1;
	return 0;
}

void
pp_check_page_side(struct pp_check *r, const struct pp_charte *c, int width,
		   double pt, const char *spelt, const char *part)
{
	double want = width ? c->page_width : c->page_height;
	char exp[64];

	if (pt <= 0 || fabs(pt - want) <= 2)
		return;
	snprintf(exp, sizeof(exp), "%.0f mm", PP_PT_TO_MM(want));
	pp_check_add(r, PP_RULE_FORMAT_PAGE, 0, 0, 0, 0, 0, exp,
		     _("a page %s of %s in %s"), width ? "width" : "height",
		     spelt, part);
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
		return pp_check_package_isolated(path, c, r, err);
	pp_error_set(err, PP_DIAG_IO, &pos,
		     _("this file is neither a PDF, an ODT nor a DOCX"));
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

/* The information lines of a PDF (struct pp_check_info). */
static void
check_info_text(const struct pp_check_info *info, const char *file,
		struct pp_buf *out)
{
	size_t i;

	if (!info->pdf)
		return;
	pp_buf_addf(out, "%s: %s: ", file, _("info"));
	if (info->nfields == 0)
		pp_buf_adds(out, _("no signature field"));
	else
		pp_buf_adds(out, _("signature fields:"));
	for (i = 0; i < info->nfields; i++) {
		char *name = pp_text_escape(info->fields[i].name);

		pp_buf_addf(out, "%s %s (%s)", i > 0 ? "," : "", name,
			    info->fields[i].signed_ ? _("signed") : _("empty"));
		free(name);
	}
	pp_buf_addc(out, '\n');
	pp_buf_addf(out, "%s: %s: ", file, _("info"));
	if (info->pdfa_part > 0)
		pp_buf_addf(out,
			    _("declares PDF/A-%d%s in its metadata (not "
			      "validated by paraphe)"),
			    info->pdfa_part, info->pdfa_conformance);
	else
		pp_buf_adds(out, _("no PDF/A identification"));
	pp_buf_addc(out, '\n');
	pp_buf_addf(out, "%s: %s: ", file, _("info"));
	if (info->nsources == 0)
		pp_buf_adds(out, _("no embedded source"));
	else
		pp_buf_adds(out, _("embedded source:"));
	for (i = 0; i < info->nsources; i++) {
		char *name = pp_text_escape(info->sources[i].name);

		if (info->sources[i].size >= 0)
			pp_buf_addf(out, _("%s %s (%lld bytes)"),
				    i > 0 ? "," : "", name,
				    info->sources[i].size);
		else
			pp_buf_addf(out, "%s %s", i > 0 ? "," : "", name);
		free(name);
	}
	pp_buf_addc(out, '\n');
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
	check_info_text(&r->info, file, out);
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

/* "informations": what a PDF says of itself. */
static void
check_info_json(JsonBuilder *b, const struct pp_check_info *info)
{
	size_t i;

	json_builder_set_member_name(b, "informations");
	json_builder_begin_object(b);
	json_builder_set_member_name(b, "champs_signature");
	json_builder_begin_array(b);
	for (i = 0; i < info->nfields; i++) {
		json_builder_begin_object(b);
		check_json_string(b, "nom", info->fields[i].name);
		check_json_bool(b, "signe", info->fields[i].signed_);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_set_member_name(b, "pdfa");
	if (info->pdfa_part > 0) {
		json_builder_begin_object(b);
		check_json_int(b, "partie", info->pdfa_part);
		check_json_string(b, "conformite", info->pdfa_conformance);
		json_builder_end_object(b);
	} else {
		json_builder_add_null_value(b);
	}
	json_builder_set_member_name(b, "sources");
	json_builder_begin_array(b);
	for (i = 0; i < info->nsources; i++) {
		json_builder_begin_object(b);
		check_json_string(b, "nom", info->sources[i].name);
		check_json_int(b, "taille", info->sources[i].size);
		json_builder_end_object(b);
	}
	json_builder_end_array(b);
	json_builder_end_object(b);
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
	if (r->info.pdf)
		check_info_json(b, &r->info);
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
