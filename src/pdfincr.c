/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The incremental update of the PDF cairo wrote (pdfincr.h), for the
 * post-processing (pdfpost.c).
 *
 * Why not libqpdf, which issue 16 names for this: qpdf reads a PDF into
 * objects and writes all of them again.  For a cold six-page convention
 * that cost 18 % more instructions than the render itself (doc/
 * performance.md: loading libqpdf and the GnuTLS its MD5 brings, 18 M;
 * reading every object, 15 M; writing them again, 12 M), against a target
 * of 10 %.  What the post-processing adds (a catalog, an Info, the pages
 * that get a widget, a few new objects) is a small, fixed set of objects
 * that ISO 32000-1 7.5.6 lets a writer append to a file, and PDF/A-3
 * accepts such an update; cairo's own objects need not be read, let alone
 * rewritten.  So this file parses only what it needs (the trailer, the
 * xref table, the objects it replaces) and writes only what is new: about
 * 1 % of a render.  libqpdf stays the reader of untrusted PDFs
 * (check_pdfobj.c, pdfsource.c), where a full, tolerant parser is the
 * point; here the input is cairo's, and anything unlike it is refused.
 *
 * Limits: nesting 32, 64 entries a dictionary, the file's own size for
 * the rest (no value is read past the end of the input).
 */
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "i18n.h"
#include "pdfincr.h"
#include "xalloc.h"

#define INCR_DEPTH 32

struct incr_entry {
	unsigned num;
	size_t off;
};

struct pp_pdfincr {
	const char *pdf;
	size_t len;
	size_t *offsets; /* by object number; 0: not in use */
	unsigned nobj;	 /* the trailer's /Size: cairo's objects */
	unsigned size;	 /* the next object number */
	size_t prev;	 /* cairo's startxref */
	struct pp_pdfdict trailer;
	struct pp_buf out; /* cairo's bytes, then the update */
	struct incr_entry *entries;
	size_t nentries, capentries;
};

/* A cursor over the input. */
struct incr_cur {
	const char *p, *end;
};

int
pp_pdfincr_fail(const struct pp_pdfincr *in, const char *at, const char *what,
		struct pp_error *err)
{
	if (at != NULL)
		pp_error_set(err, PP_DIAG_LIBRARY, NULL,
			     _("cannot finish the PDF (signature fields, "
			       "PDF/A, the form embedded): the PDF drawn by "
			       "the cairo library is not as expected (%s, at "
			       "byte %zu); this is a fault of paraphe, please "
			       "report it with the form"),
			     _(what), (size_t)(at - in->pdf));
	else
		pp_error_set(err, PP_DIAG_LIBRARY, NULL,
			     _("cannot finish the PDF (signature fields, "
			       "PDF/A, the form embedded): the PDF drawn by "
			       "the cairo library is not as expected (%s); "
			       "this is a fault of paraphe, please report it "
			       "with the form"),
			     _(what));
	return -1;
}

#define incr_fail pp_pdfincr_fail

static int
incr_ws(char c)
{
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	       c == ' ';
}

static int
incr_delim(char c)
{
	return c != 0 && strchr("()<>[]{}/%", c) != NULL;
}

/* Skips white space and comments. */
static void
incr_skip(struct incr_cur *c)
{
	while (c->p < c->end) {
		if (incr_ws(*c->p))
			c->p++;
		else if (*c->p == '%') {
			while (c->p < c->end && *c->p != '\n' && *c->p != '\r')
				c->p++;
		} else
			break;
	}
}

/* A run of regular characters: a number or a keyword. */
static const char *
incr_regular(const struct incr_cur *c, const char *p)
{
	while (p < c->end && !incr_ws(*p) && !incr_delim(*p))
		p++;
	return p;
}

static int
incr_digits(const char *p, const char *e)
{
	if (p == e)
		return 0;
	for (; p < e; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* A value at c, its bytes into v. */
static int
incr_value(const struct pp_pdfincr *in, struct incr_cur *c,
	   struct pp_pdfspan *v, int depth, struct pp_error *err)
{
	const char *start;
	struct pp_pdfspan sub;

	incr_skip(c);
	start = c->p;
	if (c->p >= c->end)
		return incr_fail(in, c->p, N_("a value cut short"), err);
	if (depth > INCR_DEPTH)
		return incr_fail(in, c->p, N_("values nested too deeply"), err);
	if (c->end - c->p >= 2 && c->p[0] == '<' && c->p[1] == '<') {
		c->p += 2;
		for (;;) {
			incr_skip(c);
			if (c->end - c->p >= 2 && c->p[0] == '>' &&
			    c->p[1] == '>') {
				c->p += 2;
				break;
			}
			if (c->p >= c->end || *c->p != '/')
				return incr_fail(
				    in, c->p, N_("a dictionary key expected"),
				    err);
			if (incr_value(in, c, &sub, depth + 1, err) != 0 ||
			    incr_value(in, c, &sub, depth + 1, err) != 0)
				return -1;
		}
	} else if (*c->p == '<') {
		for (c->p++; c->p < c->end && *c->p != '>'; c->p++)
			if (!g_ascii_isxdigit(*c->p) && !incr_ws(*c->p))
				return incr_fail(in, c->p,
						 N_("a malformed hex string"),
						 err);
		if (c->p >= c->end)
			return incr_fail(in, start, N_("a value cut short"),
					 err);
		c->p++;
	} else if (*c->p == '[') {
		for (c->p++;;) {
			incr_skip(c);
			if (c->p < c->end && *c->p == ']') {
				c->p++;
				break;
			}
			if (incr_value(in, c, &sub, depth + 1, err) != 0)
				return -1;
		}
	} else if (*c->p == '(') {
		int open = 1;

		for (c->p++; c->p < c->end && open > 0; c->p++) {
			if (*c->p == '\\')
				c->p++;
			else if (*c->p == '(')
				open++;
			else if (*c->p == ')')
				open--;
		}
		if (open > 0)
			return incr_fail(in, start, N_("a value cut short"),
					 err);
		if (c->p > c->end)
			c->p = c->end;
	} else if (*c->p == '/') {
		c->p = incr_regular(c, c->p + 1);
	} else if (!incr_delim(*c->p)) {
		const char *e = incr_regular(c, c->p);

		/* "12 0 R": one value. */
		if (incr_digits(c->p, e)) {
			struct incr_cur k = {e, c->end};
			const char *g;

			incr_skip(&k);
			g = incr_regular(&k, k.p);
			if (incr_digits(k.p, g)) {
				k.p = g;
				incr_skip(&k);
				if (k.p < k.end && *k.p == 'R' &&
				    incr_regular(&k, k.p) == k.p + 1)
					e = k.p + 1;
			}
		}
		c->p = e;
	} else
		return incr_fail(in, c->p, N_("an unexpected delimiter"), err);
	v->p = start;
	v->n = (size_t)(c->p - start);
	return 0;
}

void
pp_pdfarray_fini(struct pp_pdfarray *a)
{
	free(a->v);
	memset(a, 0, sizeof(*a));
}

int
pp_pdfincr_parse_dict(struct pp_pdfincr *in, struct pp_pdfspan v,
		      struct pp_pdfdict *d, struct pp_error *err)
{
	struct incr_cur c = {v.p, v.p + v.n};

	d->n = 0;
	if (v.n < 4 || v.p[0] != '<' || v.p[1] != '<')
		return incr_fail(in, v.p, N_("a dictionary expected"), err);
	c.p += 2;
	for (;;) {
		incr_skip(&c);
		if (c.end - c.p >= 2 && c.p[0] == '>' && c.p[1] == '>')
			return 0;
		if (c.p >= c.end || *c.p != '/')
			return incr_fail(in, c.p,
					 N_("a dictionary key expected"), err);
		if (d->n == G_N_ELEMENTS(d->key))
			return incr_fail(in, c.p,
					 N_("a dictionary of too many entries"),
					 err);
		if (incr_value(in, &c, &d->key[d->n], 1, err) != 0 ||
		    incr_value(in, &c, &d->val[d->n], 1, err) != 0)
			return -1;
		d->n++;
	}
}

int
pp_pdfincr_parse_array(struct pp_pdfincr *in, struct pp_pdfspan v,
		       struct pp_pdfarray *a, struct pp_error *err)
{
	struct incr_cur c = {v.p, v.p + v.n};

	a->n = 0;
	if (v.n < 2 || v.p[0] != '[')
		return incr_fail(in, v.p, N_("an array expected"), err);
	for (c.p++;;) {
		incr_skip(&c);
		if (c.p < c.end && *c.p == ']')
			return 0;
		if (a->n == a->cap) {
			a->cap = a->cap ? 2 * a->cap : 16;
			a->v = pp_xreallocarray(a->v, a->cap, sizeof(*a->v));
		}
		if (incr_value(in, &c, &a->v[a->n], 1, err) != 0)
			return -1;
		a->n++;
	}
}

unsigned
pp_pdfincr_ref(struct pp_pdfspan v)
{
	unsigned long n = 0;
	size_t i;

	if (v.n < 5 || v.p[v.n - 1] != 'R')
		return 0;
	for (i = 0; i < v.n && v.p[i] >= '0' && v.p[i] <= '9' && n < 1u << 30;
	     i++)
		n = n * 10 + (unsigned long)(v.p[i] - '0');
	return i > 0 && i < v.n && incr_ws(v.p[i]) ? (unsigned)n : 0;
}

const struct pp_pdfspan *
pp_pdfdict_get(const struct pp_pdfdict *d, const char *key)
{
	size_t k = strlen(key), i;

	for (i = 0; i < d->n; i++)
		if (d->key[i].n == k && memcmp(d->key[i].p, key, k) == 0)
			return &d->val[i];
	return NULL;
}

int
pp_pdfincr_object(struct pp_pdfincr *in, unsigned num, struct pp_pdfspan *val,
		  struct pp_error *err)
{
	struct incr_cur c;
	const char *e;
	char want[16];
	int n;

	if (num == 0 || num >= in->nobj || in->offsets[num] == 0)
		return incr_fail(in, NULL,
				 N_("an object not in the xref table"), err);
	c.p = in->pdf + in->offsets[num];
	c.end = in->pdf + in->len;
	/* "num 0 obj" */
	n = snprintf(want, sizeof(want), "%u", num);
	e = incr_regular(&c, c.p);
	if (e - c.p != n || memcmp(c.p, want, (size_t)n) != 0)
		return incr_fail(in, c.p, N_("an object where the xref says"),
				 err);
	c.p = e;
	incr_skip(&c);
	e = incr_regular(&c, c.p);
	if (e - c.p != 1 || *c.p != '0')
		return incr_fail(in, c.p, N_("an object where the xref says"),
				 err);
	c.p = e;
	incr_skip(&c);
	e = incr_regular(&c, c.p);
	if (e - c.p != 3 || memcmp(c.p, "obj", 3) != 0)
		return incr_fail(in, c.p, N_("an object where the xref says"),
				 err);
	c.p = e;
	return incr_value(in, &c, val, 0, err);
}

int
pp_pdfincr_dict(struct pp_pdfincr *in, unsigned num, struct pp_pdfdict *d,
		struct pp_error *err)
{
	struct pp_pdfspan v;

	if (pp_pdfincr_object(in, num, &v, err) != 0)
		return -1;
	return pp_pdfincr_parse_dict(in, v, d, err);
}

const struct pp_pdfdict *
pp_pdfincr_trailer(const struct pp_pdfincr *in)
{
	return &in->trailer;
}

/* An unsigned decimal of at most 10 digits at p (up to e), or -1. */
static long long
incr_uint(const char *p, const char *e)
{
	long long n = 0;

	if (e - p < 1 || e - p > 10 || !incr_digits(p, e))
		return -1;
	for (; p < e; p++)
		n = n * 10 + (*p - '0');
	return n;
}

/* The xref table at in->prev, then the trailer. */
static int
incr_xref(struct pp_pdfincr *in, struct pp_error *err)
{
	struct incr_cur c = {in->pdf + in->prev, in->pdf + in->len};
	struct pp_pdfspan v;
	const struct pp_pdfspan *s;
	size_t cap = 0;
	long long size;

	if (c.end - c.p < 4 || memcmp(c.p, "xref", 4) != 0)
		return incr_fail(in, c.p, N_("a classic xref table expected"),
				 err);
	c.p += 4;
	for (;;) {
		const char *e;
		long long first, count, i;

		incr_skip(&c);
		e = incr_regular(&c, c.p);
		if (e - c.p == 7 && memcmp(c.p, "trailer", 7) == 0) {
			c.p = e;
			break;
		}
		first = incr_uint(c.p, e);
		c.p = e;
		incr_skip(&c);
		e = incr_regular(&c, c.p);
		count = incr_uint(c.p, e);
		/* One EOL (or space EOL) before the entries. */
		c.p = e;
		while (c.p < c.end && (*c.p == ' ' || *c.p == '\r'))
			c.p++;
		if (c.p < c.end && *c.p == '\n')
			c.p++;
		if (first < 0 || count < 0 || (c.end - c.p) / 20 < count ||
		    first + count > 1 << 24)
			return incr_fail(in, c.p, N_("a malformed xref table"),
					 err);
		if ((size_t)(first + count) > cap) {
			size_t old = cap;

			cap = (size_t)(first + count);
			in->offsets =
			    pp_xreallocarray(in->offsets, cap, sizeof(size_t));
			memset(in->offsets + old, 0,
			       (cap - old) * sizeof(size_t));
		}
		for (i = 0; i < count; i++, c.p += 20) {
			long long off = incr_uint(c.p, c.p + 10);
			long long gen = incr_uint(c.p + 11, c.p + 16);

			if (off < 0 || gen < 0 || c.p[10] != ' ' ||
			    c.p[16] != ' ' ||
			    (c.p[17] != 'n' && c.p[17] != 'f'))
				return incr_fail(
				    in, c.p, N_("a malformed xref table"), err);
			if (c.p[17] == 'n') {
				if (gen != 0 || (size_t)off >= in->len)
					return incr_fail(
					    in, c.p,
					    N_("a malformed xref table"), err);
				in->offsets[first + i] = (size_t)off;
			}
		}
	}
	if (incr_value(in, &c, &v, 0, err) != 0 ||
	    pp_pdfincr_parse_dict(in, v, &in->trailer, err) != 0)
		return -1;
	s = pp_pdfdict_get(&in->trailer, "/Size");
	size = s != NULL ? incr_uint(s->p, s->p + s->n) : -1;
	if (size < 1 || (size_t)size > cap)
		return incr_fail(in, v.p, N_("a trailer without a valid /Size"),
				 err);
	in->nobj = in->size = (unsigned)size;
	s = pp_pdfdict_get(&in->trailer, "/Root");
	if (s == NULL || pp_pdfincr_ref(*s) == 0)
		return incr_fail(in, v.p, N_("a trailer without /Root"), err);
	if (pp_pdfdict_get(&in->trailer, "/Prev") != NULL ||
	    pp_pdfdict_get(&in->trailer, "/XRefStm") != NULL ||
	    pp_pdfdict_get(&in->trailer, "/Encrypt") != NULL)
		return incr_fail(
		    in, v.p, N_("one unencrypted xref section expected"), err);
	return 0;
}

struct pp_pdfincr *
pp_pdfincr_open(const void *pdf, size_t len, struct pp_error *err)
{
	struct pp_pdfincr *in = pp_xcalloc(1, sizeof(*in));
	const char *p, *sx = NULL;
	struct incr_cur c;
	long long off;

	in->pdf = pdf;
	in->len = len;
	pp_buf_init(&in->out);
	/* %PDF-1.n, then startxref OFFSET %%EOF in the last bytes. */
	if (len < 32 || memcmp(pdf, "%PDF-1.", 7) != 0 ||
	    !g_ascii_isdigit(in->pdf[7])) {
		incr_fail(in, in->pdf, N_("a PDF header expected"), err);
		goto fail;
	}
	for (p = in->pdf + len - 9; p >= in->pdf + len - 1024 && p > in->pdf;
	     p--)
		if (memcmp(p, "startxref", 9) == 0) {
			sx = p;
			break;
		}
	if (sx == NULL) {
		incr_fail(in, NULL, N_("no startxref at the end"), err);
		goto fail;
	}
	c.p = sx + 9;
	c.end = in->pdf + len;
	incr_skip(&c);
	p = incr_regular(&c, c.p);
	off = incr_uint(c.p, p);
	c.p = p;
	while (c.p < c.end && incr_ws(*c.p))
		c.p++;
	if (off < 0 || (size_t)off >= len || c.end - c.p < 5 ||
	    memcmp(c.p, "%%EOF", 5) != 0) {
		incr_fail(in, sx, N_("no startxref at the end"), err);
		goto fail;
	}
	in->prev = (size_t)off;
	if (incr_xref(in, err) != 0)
		goto fail;
	/* cairo's bytes; PDF/A-3 is PDF 1.7, said in the header's place. */
	pp_buf_add(&in->out, pdf, len);
	if (in->out.data[7] < '7')
		in->out.data[7] = '7';
	if (in->out.data[len - 1] != '\n' && in->out.data[len - 1] != '\r')
		pp_buf_addc(&in->out, '\n');
	return in;
fail:
	pp_pdfincr_free(in);
	return NULL;
}

void
pp_pdfincr_free(struct pp_pdfincr *in)
{
	if (in == NULL)
		return;
	free(in->offsets);
	free(in->entries);
	pp_buf_fini(&in->out);
	free(in);
}

/* Reads the escapes of a literal string. */
static void
incr_literal(struct pp_pdfspan v, GString *s)
{
	const char *p = v.p + 1, *e = v.p + v.n - 1;

	while (p < e) {
		if (*p != '\\') {
			g_string_append_c(s, *p++);
			continue;
		}
		if (++p >= e)
			break;
		switch (*p) {
		case 'n':
			g_string_append_c(s, '\n');
			break;
		case 'r':
			g_string_append_c(s, '\r');
			break;
		case 't':
			g_string_append_c(s, '\t');
			break;
		case 'b':
			g_string_append_c(s, '\b');
			break;
		case 'f':
			g_string_append_c(s, '\f');
			break;
		case '\r':
			if (p + 1 < e && p[1] == '\n')
				p++;
			break;
		case '\n':
			break;
		default:
			if (*p >= '0' && *p <= '7') {
				int o = 0, k;

				for (k = 0;
				     k < 3 && p < e && *p >= '0' && *p <= '7';
				     k++)
					o = o * 8 + (*p++ - '0');
				g_string_append_c(s, (char)o);
				continue;
			}
			g_string_append_c(s, *p);
		}
		p++;
	}
}

char *
pp_pdfincr_text(struct pp_pdfspan v)
{
	GString *s;
	const unsigned char *b;
	char *utf8 = NULL;
	size_t i;

	if (v.n < 2 || (v.p[0] != '(' && v.p[0] != '<') ||
	    (v.p[0] == '<' && v.p[1] == '<'))
		return NULL;
	s = g_string_new("");
	if (v.p[0] == '(')
		incr_literal(v, s);
	else {
		int hi = -1;

		for (i = 1; i + 1 < v.n; i++) {
			int d = g_ascii_xdigit_value(v.p[i]);

			if (d < 0)
				continue;
			if (hi < 0)
				hi = d;
			else {
				g_string_append_c(s, (char)(hi * 16 + d));
				hi = -1;
			}
		}
		if (hi >= 0)
			g_string_append_c(s, (char)(hi * 16));
	}
	b = (const unsigned char *)s->str;
	if (s->len >= 2 && b[0] == 0xfe && b[1] == 0xff) {
		size_t n = (s->len - 2) / 2;
		gunichar2 *u = g_new(gunichar2, n + 1);

		for (i = 0; i < n; i++)
			u[i] = (gunichar2)(b[2 + 2 * i] << 8 | b[3 + 2 * i]);
		utf8 = g_utf16_to_utf8(u, (glong)n, NULL, NULL, NULL);
		g_free(u);
	} else {
		/* PDFDocEncoding: ASCII as is; cairo writes anything else
		 * as UTF-16, so the rest is read as Latin-1. */
		GString *t = g_string_new("");

		for (i = 0; i < s->len; i++)
			g_string_append_unichar(t, b[i]);
		utf8 = g_string_free(t, FALSE);
	}
	g_string_free(s, TRUE);
	if (utf8 == NULL)
		return NULL;
	/* Free with free(), like the rest of the project's strings. */
	{
		char *r = pp_xstrdup(utf8);

		g_free(utf8);
		return r;
	}
}

unsigned
pp_pdfincr_size(const struct pp_pdfincr *in)
{
	return in->size;
}

unsigned
pp_pdfincr_new(struct pp_pdfincr *in)
{
	return in->size++;
}

struct pp_buf *
pp_pdfincr_begin(struct pp_pdfincr *in, unsigned num)
{
	if (in->nentries == in->capentries) {
		in->capentries = in->capentries ? 2 * in->capentries : 32;
		in->entries = pp_xreallocarray(in->entries, in->capentries,
					       sizeof(*in->entries));
	}
	in->entries[in->nentries].num = num;
	in->entries[in->nentries].off = in->out.len;
	in->nentries++;
	pp_buf_addf(&in->out, "%u 0 obj\n", num);
	return &in->out;
}

void
pp_pdfincr_end(struct pp_pdfincr *in)
{
	pp_buf_adds(&in->out, "\nendobj\n");
}

unsigned char *
pp_pdfincr_deflate(const void *data, size_t len, size_t *zlen)
{
	uLongf n = compressBound((uLong)len);
	unsigned char *z = pp_xmalloc(n);

	if (compress2(z, &n, data, (uLong)len, Z_DEFAULT_COMPRESSION) != Z_OK) {
		free(z);
		return NULL;
	}
	*zlen = n;
	return z;
}

void
pp_pdfincr_stream(struct pp_pdfincr *in, unsigned num, const char *dict,
		  const void *data, size_t len, enum pp_pdfincr_filter filter)
{
	struct pp_buf *b = pp_pdfincr_begin(in, num);
	unsigned char *z = NULL;
	size_t zlen;

	if (filter == PP_PDFINCR_DEFLATE) {
		z = pp_pdfincr_deflate(data, len, &zlen);
		if (z != NULL) {
			data = z;
			len = zlen;
		} else
			filter = PP_PDFINCR_RAW;
	}
	pp_buf_addf(b, "<<%s%s /Length %zu >>\nstream\n", dict,
		    filter != PP_PDFINCR_RAW ? " /Filter /FlateDecode" : "",
		    len);
	pp_buf_add(b, data, len);
	pp_buf_adds(b, "\nendstream");
	pp_pdfincr_end(in);
	free(z);
}

void
pp_pdfincr_put_entries(struct pp_buf *b, const struct pp_pdfdict *d,
		       const char *const *drop)
{
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		for (k = 0; drop != NULL && drop[k] != NULL; k++)
			if (d->key[i].n == strlen(drop[k]) &&
			    memcmp(d->key[i].p, drop[k], d->key[i].n) == 0)
				break;
		if (drop != NULL && drop[k] != NULL)
			continue;
		pp_buf_adds(b, "\n ");
		pp_buf_add(b, d->key[i].p, d->key[i].n);
		pp_buf_addc(b, ' ');
		pp_buf_add(b, d->val[i].p, d->val[i].n);
	}
}

void
pp_pdfincr_put_text(struct pp_buf *b, const char *utf8)
{
	const unsigned char *p;
	gunichar2 *u;
	glong n, i;

	for (p = (const unsigned char *)utf8; *p >= 0x20 && *p < 0x7f; p++)
		;
	if (*p == 0 ||
	    (u = g_utf8_to_utf16(utf8, -1, NULL, &n, NULL)) == NULL) {
		pp_buf_addc(b, '(');
		for (p = (const unsigned char *)utf8; *p; p++) {
			if (*p == '(' || *p == ')' || *p == '\\')
				pp_buf_addc(b, '\\');
			if (*p >= 0x20 && *p < 0x7f)
				pp_buf_addc(b, (char)*p);
			else
				pp_buf_addf(b, "\\%03o", *p);
		}
		pp_buf_addc(b, ')');
		return;
	}
	pp_buf_adds(b, "<FEFF");
	for (i = 0; i < n; i++)
		pp_buf_addf(b, "%04X", (unsigned)u[i]);
	pp_buf_addc(b, '>');
	g_free(u);
}

void
pp_pdfincr_put_name(struct pp_buf *b, const char *s)
{
	const unsigned char *p;

	pp_buf_addc(b, '/');
	for (p = (const unsigned char *)s; *p; p++)
		if (*p > 0x20 && *p < 0x7f && *p != '#' &&
		    !incr_delim((char)*p))
			pp_buf_addc(b, (char)*p);
		else
			pp_buf_addf(b, "#%02X", *p);
}

void
pp_pdfincr_put_real(struct pp_buf *b, double v)
{
	char s[G_ASCII_DTOSTR_BUF_SIZE];
	size_t n;

	g_ascii_formatd(s, sizeof(s), "%.2f", v);
	n = strlen(s);
	while (n > 0 && s[n - 1] == '0')
		n--;
	if (n > 0 && s[n - 1] == '.')
		n--;
	s[n] = 0;
	pp_buf_adds(b, strcmp(s, "-0") == 0 || n == 0 ? "0" : s);
}

static int
incr_entry_cmp(const void *a, const void *b)
{
	const struct incr_entry *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

void
pp_pdfincr_finish(struct pp_pdfincr *in, struct pp_buf *out)
{
	const struct pp_pdfspan *root = pp_pdfdict_get(&in->trailer, "/Root");
	const struct pp_pdfspan *info = pp_pdfdict_get(&in->trailer, "/Info");
	size_t xref = in->out.len, i, k;
	GChecksum *md5;
	const char *id;

	qsort(in->entries, in->nentries, sizeof(*in->entries), incr_entry_cmp);
	pp_buf_adds(&in->out, "xref\n");
	for (i = 0; i < in->nentries; i = k) {
		for (k = i + 1;
		     k < in->nentries &&
		     in->entries[k].num == in->entries[k - 1].num + 1;
		     k++)
			;
		pp_buf_addf(&in->out, "%u %zu\n", in->entries[i].num, k - i);
		for (; i < k; i++)
			pp_buf_addf(&in->out, "%010zu 00000 n \n",
				    in->entries[i].off);
	}
	/* The ID: a digest of everything before it. */
	md5 = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(md5, (const guchar *)in->out.data, in->out.len);
	id = g_checksum_get_string(md5);
	pp_buf_addf(&in->out, "trailer\n<< /Size %u /Root %.*s", in->size,
		    (int)root->n, root->p);
	if (info != NULL)
		pp_buf_addf(&in->out, " /Info %.*s", (int)info->n, info->p);
	pp_buf_addf(&in->out,
		    " /Prev %zu /ID [<%s> <%s>] >>\nstartxref\n%zu\n%%%%EOF\n",
		    in->prev, id, id, xref);
	g_checksum_free(md5);
	pp_buf_fini(out);
	*out = in->out;
	pp_buf_init(&in->out);
}
