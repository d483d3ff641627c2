/* SPDX-License-Identifier: EUPL-1.2 */
#include <errno.h>
#include <glib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "buf.h"
#include "fileio.h"
#include "i18n.h"
#include "utf8.h"
#include "xalloc.h"
#include "yamlin.h"

/* One open list or map. */
struct yaml_frame {
	struct pp_value *value; /* the collection being filled */
	const char *anchor;	/* its anchor, or NULL */
	size_t first_node;	/* node count when it opened */
	const char *key;	/* maps: the key waiting for its value */
	struct pp_pos key_pos;
	GHashTable *keys; /* maps with many keys: key -> entry index + 1 */
};

/* An anchored value; open while its collection is still being read. */
struct yaml_anchor {
	struct pp_value *value;
	size_t nodes; /* values in the subtree, aliases expanded */
	int open;
};

struct yaml_reader {
	struct pp_arena *arena;
	const char *file; /* arena-owned */
	struct pp_yaml_limits lim;
	struct pp_error *err;
	struct yaml_frame *stack;
	int depth;
	size_t nodes;	     /* values created so far, aliases expanded */
	GHashTable *anchors; /* name -> struct yaml_anchor (owned) */
	struct pp_value *root;
	int documents;
	const char *data; /* the file's text, for positions inside values */
	size_t len;
};

void
pp_yaml_limits_default(struct pp_yaml_limits *lim)
{
	lim->max_bytes = 16u << 20;
	lim->max_depth = 64;
	lim->max_nodes = 1000000;
}

static struct pp_pos
yaml_pos(const struct yaml_reader *r, yaml_mark_t mark)
{
	struct pp_pos pos;

	pos.file = r->file;
	pos.line = (int)mark.line + 1;
	pos.col = (int)mark.column + 1;
	return pos;
}

/* Line and column (in characters) of byte offset off in data. */
static struct pp_pos
yaml_offset_pos(const char *file, const char *data, size_t off)
{
	struct pp_pos pos = {file, 1, 1};
	size_t i;

	for (i = 0; i < off; i++) {
		if (data[i] == '\n') {
			pos.line++;
			pos.col = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			pos.col++;
		}
	}
	return pos;
}

/* Byte offset of a libyaml mark in data: libyaml counts the index and the
 * column in characters, not bytes. */
static size_t
yaml_mark_offset(const char *data, size_t len, yaml_mark_t mark)
{
	size_t off = 0, line = 0, col = 0;

	while (off < len && line < mark.line)
		if (data[off++] == '\n')
			line++;
	while (off < len && col < mark.column && data[off] != '\n') {
		off++;
		while (off < len && ((unsigned char)data[off] & 0xC0) == 0x80)
			off++;
		col++;
	}
	return off;
}

static int
yaml_count_node(struct yaml_reader *r, size_t n, const struct pp_pos *pos)
{
	if (n > r->lim.max_nodes || r->nodes > r->lim.max_nodes - n) {
		pp_error_set(r->err, PP_DIAG_YAML_TOO_MANY_NODES, pos,
			     _("more than %zu values once aliases are "
			       "expanded; a form never needs that many"),
			     r->lim.max_nodes);
		return -1;
	}
	r->nodes += n;
	return 0;
}

/* The message for a hidden character cp (pp_unichar_is_hidden) at pos. */
static void
yaml_hidden_error(struct pp_error *err, const struct pp_pos *pos, uint32_t cp)
{
	char label[80];

	pp_error_set(err, PP_DIAG_HIDDEN_CHARACTER, pos,
		     _("the invisible character %s cannot appear in a form: "
		       "it can reorder or hide the text around it; delete it "
		       "(retype the text if it was pasted)"),
		     pp_unichar_label(cp, label, sizeof(label)));
}

/* Value of the hex digits s[0..n), or (uint32_t)-1. */
static uint32_t
yaml_hex(const char *s, size_t n)
{
	uint32_t v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		int d = g_ascii_xdigit_value(s[i]);

		if (d < 0)
			return (uint32_t)-1;
		v = v * 16 + (uint32_t)d;
	}
	return v;
}

/*
 * Where, in the double-quoted scalar that opens at byte off of data, the
 * escape sequence that writes cp starts (\u202E, \x9B, \N...): its
 * position, or fallback when none is found.  Characters written as such
 * are refused before the parse, so a hidden character in a value comes
 * from an escape.
 */
static struct pp_pos
yaml_escape_pos(const char *file, const char *data, size_t len, size_t off,
		uint32_t cp, struct pp_pos fallback)
{
	size_t i;

	if (off >= len || data[off] != '"')
		return fallback;
	for (i = off + 1; i < len && data[i] != '"'; i++) {
		size_t n = 0;
		uint32_t c = (uint32_t)-1;

		if (data[i] != '\\')
			continue;
		if (i + 1 >= len)
			break;
		switch (data[i + 1]) {
		case 'x':
			n = 2;
			break;
		case 'u':
			n = 4;
			break;
		case 'U':
			n = 8;
			break;
		case 'N':
			c = 0x85;
			break;
		default:
			break;
		}
		if (n > 0 && i + 2 + n <= len)
			c = yaml_hex(data + i + 2, n);
		if (c == cp)
			return yaml_offset_pos(file, data, i);
		i++; /* the escaped character, a quote or a backslash */
	}
	return fallback;
}

/* The text of the scalar that starts at mark: well-formed, without a
 * character a document cannot carry or a hidden one. */
static int
yaml_check_text(struct yaml_reader *r, const char *s, size_t len,
		const struct pp_pos *pos, yaml_mark_t mark)
{
	uint32_t cp;

	switch (pp_utf8_check(s, len, NULL, &cp)) {
	case PP_UTF8_OK:
		if (pp_utf8_find_hidden(s, len, 1, &cp) != (size_t)-1) {
			struct pp_pos at = yaml_escape_pos(
			    r->file, r->data, r->len,
			    yaml_mark_offset(r->data, r->len, mark), cp, *pos);

			yaml_hidden_error(r->err, &at, cp);
			return -1;
		}
		return 0;
	case PP_UTF8_INVALID:
		pp_error_set(r->err, PP_DIAG_YAML_ENCODING, pos,
			     _("this text is not valid UTF-8"));
		return -1;
	case PP_UTF8_FORBIDDEN:
		pp_error_set(r->err, PP_DIAG_YAML_ENCODING, pos,
			     _("this text contains the character U+%04X, "
			       "which a document cannot carry"),
			     (unsigned)cp);
		return -1;
	}
	return -1;
}

/* YAML 1.2 core schema resolution of a plain scalar. */
static void
yaml_resolve_plain(struct pp_value *v, const char *s)
{
	char *end;

	if (s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0) {
		v->kind = PP_VALUE_NULL;
		return;
	}
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
	    strcmp(s, "TRUE") == 0) {
		v->kind = PP_VALUE_BOOL;
		v->u.boolean = 1;
		return;
	}
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "FALSE") == 0) {
		v->kind = PP_VALUE_BOOL;
		v->u.boolean = 0;
		return;
	}
	/* [-+]?[0-9]+ | 0o[0-7]+ | 0x[0-9a-fA-F]+ */
	{
		const char *p = s;
		int base = 10;

		if (p[0] == '0' && p[1] == 'o') {
			base = 8;
			p += 2;
		} else if (p[0] == '0' && p[1] == 'x') {
			base = 16;
			p += 2;
		} else if (*p == '-' || *p == '+') {
			p++;
		}
		if (*p != '\0' &&
		    strspn(p, base == 16  ? "0123456789abcdefABCDEF"
			      : base == 8 ? "01234567"
					  : "0123456789") == strlen(p)) {
			long long i;

			errno = 0;
			i = strtoll(base == 10 ? s : p, &end, base);
			if (errno == 0 && *end == '\0') {
				v->kind = PP_VALUE_INT;
				v->u.integer = i;
			}
			/* Too large: stays text, as written. */
			return;
		}
	}
	/* [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? and .inf/.nan */
	{
		const char *p = s;
		size_t digits = 0;

		if (*p == '-' || *p == '+')
			p++;
		if (strcmp(p, ".inf") == 0 || strcmp(p, ".Inf") == 0 ||
		    strcmp(p, ".INF") == 0) {
			v->kind = PP_VALUE_NUMBER;
			v->u.number = s[0] == '-' ? -INFINITY : INFINITY;
			return;
		}
		if (p == s &&
		    (strcmp(p, ".nan") == 0 || strcmp(p, ".NaN") == 0 ||
		     strcmp(p, ".NAN") == 0)) {
			v->kind = PP_VALUE_NUMBER;
			v->u.number = NAN;
			return;
		}
		while (*p >= '0' && *p <= '9') {
			p++;
			digits++;
		}
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9') {
				p++;
				digits++;
			}
		}
		if (digits == 0)
			return;
		if (*p == 'e' || *p == 'E') {
			p++;
			if (*p == '-' || *p == '+')
				p++;
			if (!(*p >= '0' && *p <= '9'))
				return;
			while (*p >= '0' && *p <= '9')
				p++;
		}
		if (*p != '\0')
			return;
		v->kind = PP_VALUE_NUMBER;
		v->u.number = strtod(s, NULL);
	}
}

/* Applies an explicit tag; only the core schema's tags are known. */
static int
yaml_apply_tag(struct yaml_reader *r, struct pp_value *v, const char *tag,
	       int scalar, const struct pp_pos *pos)
{
	static const char prefix[] = "tag:yaml.org,2002:";
	const char *name;

	if (tag == NULL || strcmp(tag, "!") == 0)
		return 0;
	if (strncmp(tag, prefix, sizeof(prefix) - 1) != 0)
		goto unknown;
	name = tag + sizeof(prefix) - 1;
	if (!scalar) {
		if ((strcmp(name, "seq") == 0 && v->kind == PP_VALUE_LIST) ||
		    (strcmp(name, "map") == 0 && v->kind == PP_VALUE_MAP))
			return 0;
		goto unknown;
	}
	if (strcmp(name, "str") == 0) {
		v->kind = PP_VALUE_STRING;
		return 0;
	}
	if (strcmp(name, "null") == 0 || strcmp(name, "bool") == 0 ||
	    strcmp(name, "int") == 0 || strcmp(name, "float") == 0) {
		enum pp_value_kind want = name[0] == 'n'   ? PP_VALUE_NULL
					  : name[0] == 'b' ? PP_VALUE_BOOL
					  : name[0] == 'i' ? PP_VALUE_INT
							   : PP_VALUE_NUMBER;
		struct pp_value probe = *v;

		yaml_resolve_plain(&probe, v->u.str.s);
		if (want == PP_VALUE_NUMBER && probe.kind == PP_VALUE_INT) {
			probe.kind = PP_VALUE_NUMBER;
			probe.u.number = (double)probe.u.integer;
		}
		if (probe.kind != want) {
			pp_error_set(r->err, PP_DIAG_YAML_TAG, pos,
				     _("the value \"%s\" does not match its "
				       "tag %s"),
				     v->u.str.s, tag);
			return -1;
		}
		*v = probe;
		return 0;
	}
unknown:
	pp_error_set(r->err, PP_DIAG_YAML_TAG, pos,
		     _("unknown YAML tag %s; forms use plain values"), tag);
	return -1;
}

static void
yaml_key_error(struct yaml_reader *r, const struct pp_pos *pos)
{
	pp_error_set(r->err, PP_DIAG_YAML_KEY, pos,
		     _("a key must be a plain word such as \"denomination\", "
		       "not a list, a map or an alias"));
}

/* Attaches v to the open collection, or makes it the root.  In a map with
 * no pending key, v is the key. */
static int
yaml_attach(struct yaml_reader *r, struct pp_value *v, int is_key_ok)
{
	struct yaml_frame *f;

	if (r->depth == 0) {
		r->root = v;
		return 0;
	}
	f = &r->stack[r->depth - 1];
	if (f->value->kind == PP_VALUE_LIST) {
		pp_value_list_append(r->arena, f->value, v);
		return 0;
	}
	if (f->key == NULL) {
		struct pp_value *map = f->value;
		size_t i;

		if (!is_key_ok || v->kind == PP_VALUE_LIST ||
		    v->kind == PP_VALUE_MAP) {
			yaml_key_error(r, &v->pos);
			return -1;
		}
		f->key = pp_value_text(v) != NULL ? pp_value_text(v) : "";
		f->key_pos = v->pos;
		if (f->keys == NULL && map->u.map.n >= 16) {
			f->keys = g_hash_table_new(g_str_hash, g_str_equal);
			for (i = 0; i < map->u.map.n; i++)
				g_hash_table_insert(
				    f->keys, (gpointer)map->u.map.items[i].key,
				    GSIZE_TO_POINTER(i + 1));
		}
		if (f->keys != NULL) {
			gpointer idx = g_hash_table_lookup(f->keys, f->key);

			i = idx != NULL ? GPOINTER_TO_SIZE(idx) : 0;
		} else {
			for (i = 0; i < map->u.map.n; i++)
				if (strcmp(map->u.map.items[i].key, f->key) ==
				    0)
					break;
			i = i < map->u.map.n ? i + 1 : 0;
		}
		if (i != 0) {
			const struct pp_map_entry *e = &map->u.map.items[i - 1];

			pp_error_set(r->err, PP_DIAG_YAML_DUPLICATE_KEY,
				     &v->pos,
				     _("the key \"%s\" is already given at "
				       "line %d; keep only one"),
				     f->key, e->key_pos.line);
			pp_error_note(r->err, &e->key_pos,
				      _("\"%s\" is first given here"), f->key);
			return -1;
		}
		return 0;
	}
	pp_value_map_append(r->arena, f->value, f->key, &f->key_pos, v);
	if (f->keys != NULL)
		g_hash_table_insert(
		    f->keys,
		    (gpointer)f->value->u.map.items[f->value->u.map.n - 1].key,
		    GSIZE_TO_POINTER(f->value->u.map.n));
	f->key = NULL;
	return 0;
}

static int
yaml_register_anchor(struct yaml_reader *r, const char *name,
		     struct pp_value *v, int open, size_t nodes,
		     const char **stored)
{
	struct yaml_anchor *an = pp_arena_alloc(r->arena, sizeof(*an));
	char *key = pp_arena_strdup(r->arena, name);

	an->value = v;
	an->open = open;
	an->nodes = nodes;
	g_hash_table_insert(r->anchors, key, an);
	if (stored != NULL)
		*stored = key;
	return 0;
}

static int
yaml_event(struct yaml_reader *r, yaml_event_t *ev)
{
	struct pp_pos pos = yaml_pos(r, ev->start_mark);
	struct pp_value *v;
	struct yaml_frame *f;

	switch (ev->type) {
	case YAML_NO_EVENT:
	case YAML_STREAM_START_EVENT:
	case YAML_STREAM_END_EVENT:
	case YAML_DOCUMENT_END_EVENT:
		return 0;
	case YAML_DOCUMENT_START_EVENT:
		if (++r->documents > 1) {
			pp_error_set(r->err, PP_DIAG_YAML_MULTIPLE_DOCUMENTS,
				     &pos,
				     _("a second YAML document starts here; "
				       "a file holds one form"));
			return -1;
		}
		return 0;
	case YAML_ALIAS_EVENT: {
		const char *name = (const char *)ev->data.alias.anchor;
		struct yaml_anchor *an = g_hash_table_lookup(r->anchors, name);

		if (an == NULL) {
			pp_error_set(r->err, PP_DIAG_YAML_ALIAS, &pos,
				     _("the alias *%s refers to no anchor "
				       "&%s defined above"),
				     name, name);
			return -1;
		}
		if (an->open) {
			pp_error_set(r->err, PP_DIAG_YAML_ALIAS, &pos,
				     _("the alias *%s refers to a list or map "
				       "that contains it"),
				     name);
			return -1;
		}
		/* The copy carries the anchor's position: report a key
		 * error here, where the alias is. */
		if (r->depth > 0 &&
		    r->stack[r->depth - 1].value->kind == PP_VALUE_MAP &&
		    r->stack[r->depth - 1].key == NULL) {
			yaml_key_error(r, &pos);
			return -1;
		}
		if (yaml_count_node(r, an->nodes, &pos) != 0)
			return -1;
		v = pp_value_copy(r->arena, an->value);
		return yaml_attach(r, v, 0);
	}
	case YAML_SCALAR_EVENT: {
		const char *s = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;

		if (yaml_count_node(r, 1, &pos) != 0)
			return -1;
		if (memchr(s, '\0', len) != NULL) {
			pp_error_set(r->err, PP_DIAG_YAML_ENCODING, &pos,
				     _("this text contains the character "
				       "U+0000, which a document cannot "
				       "carry"));
			return -1;
		}
		if (yaml_check_text(r, s, len, &pos, ev->start_mark) != 0)
			return -1;
		v = pp_value_new_string(r->arena, s, len, &pos);
		v->raw = v->u.str.s;
		/* libyaml also sets plain_implicit for the non-specific tag
		 * "!", which makes any scalar text. */
		if (ev->data.scalar.plain_implicit &&
		    ev->data.scalar.tag == NULL)
			yaml_resolve_plain(v, s);
		else if (!ev->data.scalar.quoted_implicit &&
			 yaml_apply_tag(r, v, (const char *)ev->data.scalar.tag,
					1, &pos) != 0)
			return -1;
		if (ev->data.scalar.anchor != NULL)
			yaml_register_anchor(
			    r, (const char *)ev->data.scalar.anchor, v, 0, 1,
			    NULL);
		return yaml_attach(r, v, 1);
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		int is_seq = ev->type == YAML_SEQUENCE_START_EVENT;
		const char *tag =
		    (const char *)(is_seq ? ev->data.sequence_start.tag
					  : ev->data.mapping_start.tag);
		const char *anchor =
		    (const char *)(is_seq ? ev->data.sequence_start.anchor
					  : ev->data.mapping_start.anchor);
		int implicit = is_seq ? ev->data.sequence_start.implicit
				      : ev->data.mapping_start.implicit;

		if (r->depth >= r->lim.max_depth) {
			pp_error_set(r->err, PP_DIAG_YAML_TOO_DEEP, &pos,
				     _("lists and maps are nested more than "
				       "%d levels deep"),
				     r->lim.max_depth);
			return -1;
		}
		if (yaml_count_node(r, 1, &pos) != 0)
			return -1;
		v = pp_value_new(r->arena,
				 is_seq ? PP_VALUE_LIST : PP_VALUE_MAP, &pos);
		if (!implicit && yaml_apply_tag(r, v, tag, 0, &pos) != 0)
			return -1;
		if (yaml_attach(r, v, 0) != 0)
			return -1;
		f = &r->stack[r->depth++];
		memset(f, 0, sizeof(*f));
		f->value = v;
		f->first_node = r->nodes - 1;
		if (anchor != NULL)
			yaml_register_anchor(r, anchor, v, 1, 0, &f->anchor);
		return 0;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		f = &r->stack[--r->depth];
		if (f->anchor != NULL) {
			struct yaml_anchor *an =
			    g_hash_table_lookup(r->anchors, f->anchor);

			if (an != NULL && an->value == f->value) {
				an->open = 0;
				an->nodes = r->nodes - f->first_node;
			}
		}
		if (f->keys != NULL)
			g_hash_table_destroy(f->keys);
		f->keys = NULL;
		return 0;
	}
	return 0;
}

/* --- YAML syntax errors in plain words -------------------------------- */

/* Offset of the start of the line holding off. */
static size_t
yaml_line_start(const char *data, size_t off)
{
	while (off > 0 && data[off - 1] != '\n')
		off--;
	return off;
}

/* Offset of the end of the line starting at off (its '\n' or len). */
static size_t
yaml_line_end(const char *data, size_t len, size_t off)
{
	const char *nl = memchr(data + off, '\n', len - off);

	return nl != NULL ? (size_t)(nl - data) : len;
}

/* Offset of the first character that is not a space on the line at ls. */
static size_t
yaml_line_text(const char *data, size_t len, size_t ls)
{
	while (ls < len && data[ls] == ' ')
		ls++;
	return ls;
}

/* Start of the nearest line before the one at ls that holds more than
 * spaces and a comment; (size_t)-1 when there is none. */
static size_t
yaml_line_above(const char *data, size_t len, size_t ls)
{
	while (ls > 0) {
		size_t t;

		ls = yaml_line_start(data, ls - 1);
		t = yaml_line_text(data, len, ls);
		if (t < len && data[t] != '\n' && data[t] != '\r' &&
		    data[t] != '#')
			return ls;
	}
	return (size_t)-1;
}

/* Offset of the ": " (or ':' at the end) that ends the key of the line
 * [from, end), outside quotes; (size_t)-1 when the line has no key. */
static size_t
yaml_line_colon(const char *data, size_t from, size_t end)
{
	char q = 0;
	size_t i;

	for (i = from; i < end; i++) {
		char c = data[i];

		if (q != 0) {
			if (c == q)
				q = 0;
		} else if (c == '"' || c == '\'') {
			q = c;
		} else if (c == '#' && i > from && data[i - 1] == ' ') {
			break;
		} else if (c == ':' && (i + 1 == end || data[i + 1] == ' ' ||
					data[i + 1] == '\r')) {
			return i;
		}
	}
	return (size_t)-1;
}

/* The opening quote of the quoted text whose closing quote is at close:
 * the nearest such quote before it (for '"', one no backslash escapes);
 * (size_t)-1 when there is none. */
static size_t
yaml_quote_open(const char *data, size_t close)
{
	char q = data[close];
	size_t i = close;

	while (i > 0) {
		i--;
		if (data[i] != q)
			continue;
		if (q == '"' && i > 0 && data[i - 1] == '\\')
			continue;
		if (q == '\'' && i > 0 && data[i - 1] == '\'') {
			i--; /* '' is an apostrophe inside the text */
			continue;
		}
		return i;
	}
	return (size_t)-1;
}

/* Records a syntax error at offset at, with a note where the parser
 * noticed it (noticed) when that is on another line. */
static void
yaml_syntax_at(struct yaml_reader *r, const char *data, size_t at,
	       const struct pp_pos *noticed, const char *message)
{
	struct pp_pos pos = yaml_offset_pos(r->file, data, at);

	pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos, "%s", message);
	if (noticed != NULL && noticed->line != pos.line)
		pp_error_note(r->err, noticed,
			      _("the YAML reader noticed it here"));
}

/* A key whose column differs from the line above: says both columns. */
static void
yaml_syntax_misaligned(struct yaml_reader *r, const char *data, size_t len,
		       size_t at, size_t above)
{
	size_t t = yaml_line_text(data, len, above);
	struct pp_pos pos = yaml_offset_pos(r->file, data, at);
	struct pp_pos apos = yaml_offset_pos(r->file, data, t);

	pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
		     _("this line starts at column %d, the line above at "
		       "column %d: the keys of one group are aligned, with "
		       "the same number of spaces"),
		     pos.col, apos.col);
	pp_error_note(r->err, &apos, _("the line above"));
}

/* A key without its colon at offset at: the fix is its line with a colon
 * after the first word. */
static void
yaml_syntax_no_colon(struct yaml_reader *r, const char *data, size_t len,
		     size_t at, const struct pp_pos *noticed)
{
	size_t end = yaml_line_end(data, len, at), word = at;
	struct pp_pos pos = yaml_offset_pos(r->file, data, at);

	if (end > at && data[end - 1] == '\r')
		end--;
	while (word < end && data[word] != ' ')
		word++;
	/* A fix only for a word that can be a key. */
	if (end - at < 200 && (g_ascii_isalnum(data[at]) || data[at] == '_' ||
			       (unsigned char)data[at] >= 0x80))
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a colon is missing after the key: write "
			       "%.*s:%.*s"),
			     (int)(word - at), data + at, (int)(end - word),
			     data + word);
	else if (at < end && (unsigned char)data[at] > ' ' &&
		 (unsigned char)data[at] < 0x7f && !g_ascii_isalnum(data[at]))
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("this line starts with \"%c\", out of place "
			       "here: remove it, or put the whole text in "
			       "quotes"),
			     data[at]);
	else
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a colon is missing after this key"));
	pp_error_note(r->err, noticed, _("the YAML reader noticed it here"));
}

/*
 * The quoted text that opens at open and ends at the last quote of its
 * line, written so that it reads as one text: in the other quotes when it
 * holds none of them, else in double quotes with \" inside.  NULL when
 * the line has no later quote or is too long to quote back; caller frees.
 */
static char *
yaml_quote_fix(const char *data, size_t len, size_t open)
{
	char q = data[open];
	size_t end = yaml_line_end(data, len, open), last = end, i;
	struct pp_buf b;
	char other = q == '"' ? '\'' : '"';

	while (last > open + 1 && data[last - 1] != q)
		last--;
	if (last <= open + 1 || last - open > 200)
		return NULL;
	last--; /* the closing quote */
	pp_buf_init(&b);
	if (memchr(data + open + 1, other, last - open - 1) == NULL) {
		pp_buf_addc(&b, other);
		for (i = open + 1; i < last; i++)
			/* '' is one apostrophe in single quotes */
			if (!(q == '\'' && data[i] == '\'' && i + 1 < last &&
			      data[i + 1] == '\''))
				pp_buf_addc(&b, data[i]);
		pp_buf_addc(&b, other);
	} else {
		pp_buf_addc(&b, '"');
		for (i = open + 1; i < last; i++) {
			if (data[i] == '"' && data[i - 1] != '\\')
				pp_buf_addc(&b, '\\');
			pp_buf_addc(&b, data[i]);
		}
		pp_buf_addc(&b, '"');
	}
	return pp_buf_detach(&b);
}

/* ": " inside a value, or a key whose colon is missing on the line above. */
static void
yaml_syntax_colon(struct yaml_reader *r, const char *data, size_t len,
		  size_t off, const struct pp_pos *noticed)
{
	size_t ls = yaml_line_start(data, off);
	size_t le = yaml_line_end(data, len, off);
	size_t t = yaml_line_text(data, len, ls);
	size_t colon = yaml_line_colon(data, t, le);
	size_t above = yaml_line_above(data, len, ls);

	if (colon == off && above != (size_t)-1) {
		size_t ae = yaml_line_end(data, len, above);
		size_t at = yaml_line_text(data, len, above);

		if (ae > above && data[ae - 1] == '\r')
			ae--;
		if (yaml_line_colon(data, at, ae) == (size_t)-1 &&
		    data[at] != '-' &&
		    yaml_line_text(data, len, above) - above == t - ls) {
			/* The key of the line above runs into this one. */
			yaml_syntax_no_colon(r, data, len, at, noticed);
			return;
		}
		if (yaml_line_text(data, len, above) - above < t - ls) {
			yaml_syntax_misaligned(r, data, len, t, above);
			return;
		}
	}
	if (colon != (size_t)-1 && colon < off) {
		/* key: some text: more text */
		size_t v = colon + 1;
		size_t e = le;

		while (v < le && data[v] == ' ')
			v++;
		if (e > v && data[e - 1] == '\r')
			e--;
		/* Only a plain text: a bracket or a quote says the line is
		 * something else gone wrong. */
		if (e - v < 200 && strcspn(data + v, "\"#[]{}\n") >= e - v) {
			pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, noticed,
				     _("a text containing \": \" must be put "
				       "in quotes: write %.*s \"%.*s\""),
				     (int)(colon + 1 - t), data + t,
				     (int)(e - v), data + v);
			return;
		}
	}
	pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, noticed,
		     _("a text containing \": \" must be put in quotes"));
}

/*
 * Turns libyaml's error into plain words: what the mistake probably is,
 * at the place of its cause, with a note where the parser noticed it when
 * that is on another line.  The usual mistakes: a tab, a key not aligned
 * with its neighbours, a quote inside quotes, a quote or a bracket never
 * closed, a missing colon, ": " in a value, a backslash in double quotes.
 */
static void
yaml_parser_error(struct yaml_reader *r, const yaml_parser_t *p,
		  const char *data, size_t len)
{
	struct pp_pos pos = yaml_pos(r, p->problem_mark);
	struct pp_pos ctx = yaml_pos(r, p->context_mark);
	const char *problem = p->problem != NULL ? p->problem : "?";
	const char *context = p->context != NULL ? p->context : "";
	size_t off, cause, qe;

	if (p->error == YAML_READER_ERROR) {
		pos = yaml_offset_pos(r->file, data, p->problem_offset);
		pp_error_set(r->err, PP_DIAG_YAML_ENCODING, &pos,
			     _("the file cannot be read as UTF-8 text: %s"),
			     problem);
		return;
	}
	off = yaml_mark_offset(data, len, p->problem_mark);
	if ((off < len && data[off] == '\t') ||
	    strstr(problem, "tab character") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a tab is used here: indent with spaces "
			       "only"));
		return;
	}
	/* A quoted text ends just before where the parser stopped (spaces
	 * apart). */
	qe = off;
	while (qe > 0 && qe <= len && data[qe - 1] == ' ')
		qe--;
	if (qe > 0 && off < len &&
	    (data[qe - 1] == '"' || data[qe - 1] == '\'') &&
	    strstr(problem, "did not find expected") != NULL &&
	    (cause = yaml_quote_open(data, qe - 1)) != (size_t)-1) {
		if (yaml_line_start(data, cause) ==
		    yaml_line_start(data, qe - 1)) {
			const char *why =
			    data[qe - 1] == '"'
				? _("this quote ends the text in quotes "
				    "too early: write a quote inside the "
				    "text as \\\", or put the whole text in "
				    "single quotes")
				: _("this apostrophe ends the text in "
				    "single quotes too early: write an "
				    "apostrophe inside it twice (''), or "
				    "put the whole text in double quotes");
			char *fix = yaml_quote_fix(data, len, cause);
			struct pp_pos at =
			    yaml_offset_pos(r->file, data, qe - 1);

			if (fix != NULL)
				pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &at,
					     _("%s; here, write %s"), why, fix);
			else
				pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &at,
					     "%s", why);
			free(fix);
		} else
			yaml_syntax_at(r, data, cause, &pos,
				       _("this quote is not closed on its "
					 "line: end the text with the same "
					 "quote"));
		return;
	}
	if (strstr(context, "quoted scalar") != NULL &&
	    strstr(problem, "end of stream") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &ctx,
			     _("this quote is never closed: end the text "
			       "with the same quote"));
		return;
	}
	if (strstr(problem, "unknown escape") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("in a text in double quotes, a backslash "
			       "starts a special character: write \\\\ for "
			       "a backslash, or put the text in single "
			       "quotes"));
		return;
	}
	if (strstr(context, "flow sequence") != NULL ||
	    strstr(context, "flow mapping") != NULL) {
		int seq = strstr(context, "sequence") != NULL;

		yaml_syntax_at(
		    r, data, yaml_mark_offset(data, len, p->context_mark), &pos,
		    seq ? _("this list opened with \"[\" is not closed: "
			    "separate its items with commas and end it "
			    "with \"]\" on the same line")
			: _("this group opened with \"{\" is not closed: "
			    "separate its keys with commas and end it "
			    "with \"}\" on the same line"));
		return;
	}
	if (strstr(problem, "did not find expected key") != NULL ||
	    strstr(problem, "did not find expected '-'") != NULL) {
		size_t ls = yaml_line_start(data, off);
		size_t above = yaml_line_above(data, len, ls);

		if (off + 1 < len && data[off] == '-' && data[off + 1] != ' ' &&
		    data[off + 1] != '\n' && data[off + 1] != '\r') {
			pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
				     _("a list item starts with a dash and a "
				       "space: write \"- \""));
			return;
		}
		if (off + 1 < len && data[off] == '-' && data[off + 1] == ' ') {
			pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
				     _("a list item where a key is expected: "
				       "the items of a list go under their "
				       "key (\"types:\" then \"  - "
				       "convention\"), not after a value"));
			return;
		}
		if (above != (size_t)-1 &&
		    yaml_line_text(data, len, ls) - ls !=
			yaml_line_text(data, len, above) - above) {
			yaml_syntax_misaligned(r, data, len, off, above);
			return;
		}
	}
	if (strstr(problem, "mapping values are not allowed") != NULL) {
		yaml_syntax_colon(r, data, len, off, &pos);
		return;
	}
	if (strstr(problem, "could not find expected ':'") != NULL) {
		yaml_syntax_no_colon(
		    r, data, len, yaml_mark_offset(data, len, p->context_mark),
		    &pos);
		return;
	}
	if (strstr(problem, "block sequence entries") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a list item (\"- \") cannot follow a key on "
			       "its line: put each item on its own line, "
			       "under the key"));
		return;
	}
	/* @ or `, or * and & not followed by an alias or anchor name. */
	if (strstr(problem, "alphabetic or numeric") != NULL &&
	    (strstr(context, "alias") != NULL ||
	     strstr(context, "anchor") != NULL)) {
		off = yaml_mark_offset(data, len, p->context_mark);
		pos = ctx;
	}
	if ((strstr(problem, "cannot start any token") != NULL ||
	     strstr(problem, "alphabetic or numeric") != NULL) &&
	    off < len && data[off] > ' ' && data[off] < 0x7f) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a value cannot start with \"%c\": put the "
			       "text in quotes"),
			     data[off]);
		return;
	}
	if (strstr(problem, "expected node content") != NULL &&
	    strstr(context, "flow node") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a value is missing here: look for two commas "
			       "in a row, or a bracket that is not closed"));
		return;
	}
	if (strstr(problem, "found unexpected ':'") != NULL) {
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("a text containing \": \" must be put in "
			       "quotes"));
		return;
	}
	if (p->context != NULL)
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("the YAML structure is broken here (%s, %s at "
			       "line %d)"),
			     problem, p->context, ctx.line);
	else
		pp_error_set(r->err, PP_DIAG_YAML_SYNTAX, &pos,
			     _("the YAML structure is broken here (%s)"),
			     problem);
}

struct pp_value *
pp_yaml_read_mem(struct pp_arena *a, const char *name, const char *data,
		 size_t len, const struct pp_yaml_limits *lim,
		 struct pp_error *err)
{
	struct yaml_reader r;
	yaml_parser_t parser;
	yaml_event_t ev;
	int done = 0, failed = 0, i;
	size_t off;
	uint32_t cp;

	memset(&r, 0, sizeof(r));
	r.arena = a;
	r.file = pp_arena_strdup(a, name);
	r.err = err;
	if (lim != NULL)
		r.lim = *lim;
	else
		pp_yaml_limits_default(&r.lim);
	if (len > r.lim.max_bytes) {
		struct pp_pos pos = {r.file, 0, 0};

		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("the file is %zu bytes long; the limit is %zu "
			       "bytes"),
			     len, r.lim.max_bytes);
		return NULL;
	}
	/* libyaml's own messages for bad bytes carry no line: check first. */
	switch (pp_utf8_check(data, len, &off, &cp)) {
	case PP_UTF8_OK:
		break;
	case PP_UTF8_INVALID: {
		struct pp_pos pos = yaml_offset_pos(r.file, data, off);

		pp_error_set(
		    err, PP_DIAG_YAML_ENCODING, &pos,
		    _("invalid UTF-8 here (the file was probably saved as "
		      "Latin-1 or Windows-1252): save it as UTF-8 "
		      "text"));
		return NULL;
	}
	case PP_UTF8_FORBIDDEN: {
		struct pp_pos pos = yaml_offset_pos(r.file, data, off);

		pp_error_set(err, PP_DIAG_YAML_ENCODING, &pos,
			     _("the character U+%04X cannot appear in a "
			       "form"),
			     (unsigned)cp);
		return NULL;
	}
	}
	/* Hidden characters written as such, anywhere (a comment too: a
	 * bidirectional control there reorders the line in an editor). */
	off = pp_utf8_find_hidden_file(data, len, &cp);
	if (off != (size_t)-1) {
		struct pp_pos pos = yaml_offset_pos(r.file, data, off);

		yaml_hidden_error(err, &pos, cp);
		return NULL;
	}
	r.data = data;
	r.len = len;
	r.stack = pp_xcalloc((size_t)r.lim.max_depth + 1, sizeof(*r.stack));
	r.anchors = g_hash_table_new(g_str_hash, g_str_equal);
	if (!yaml_parser_initialize(&parser))
		abort();
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	while (!done && !failed) {
		if (!yaml_parser_parse(&parser, &ev)) {
			yaml_parser_error(&r, &parser, data, len);
			failed = 1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		if (yaml_event(&r, &ev) != 0)
			failed = 1;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (i = 0; i < r.depth; i++)
		if (r.stack[i].keys != NULL)
			g_hash_table_destroy(r.stack[i].keys);
	free(r.stack);
	g_hash_table_destroy(r.anchors);
	if (failed)
		return NULL;
	if (r.root == NULL) {
		struct pp_pos pos = {r.file, 1, 1};

		r.root = pp_value_new(a, PP_VALUE_NULL, &pos);
	}
	return r.root;
}

struct pp_value *
pp_yaml_read_file(struct pp_arena *a, const char *path,
		  const struct pp_yaml_limits *lim, struct pp_error *err)
{
	struct pp_yaml_limits def;
	struct pp_value *v;
	char *data;
	size_t len;

	if (lim == NULL) {
		pp_yaml_limits_default(&def);
		lim = &def;
	}
	if (pp_file_read(path, lim->max_bytes, &data, &len, err) != 0)
		return NULL;
	v = pp_yaml_read_mem(a, path, data, len, lim, err);
	free(data);
	return v;
}

void
pp_yaml_resolve_plain(struct pp_value *v)
{
	if (v->kind == PP_VALUE_STRING) {
		v->raw = v->u.str.s;
		yaml_resolve_plain(v, v->u.str.s);
	}
}

struct pp_value *
pp_yaml_read_file_report(struct pp_arena *a, const char *path,
			 struct pp_diags *d, struct pp_error *err)
{
	struct pp_value *root;
	struct pp_error rerr;

	pp_error_init(&rerr);
	root = pp_yaml_read_file(a, path, NULL, &rerr);
	if (root == NULL) {
		if (rerr.code == PP_DIAG_IO) {
			if (err != NULL && !err->set)
				*err = rerr;
		} else {
			pp_diags_add_error(d, &rerr);
		}
	}
	return root;
}
