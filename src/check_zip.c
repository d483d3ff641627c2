/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * What the ODT and DOCX checks share: the package opened with libzip and
 * bounded (entries, names, each part's size, its compression ratio, a
 * member that holds more than its header declares), its XML parts parsed
 * with libxml2 under our limits (no DTD, no entity, no network, a cap on
 * the attributes of an element, libxml2's own depth limit), and the
 * dispatch of a zip package to the ODT or the DOCX rules by its content.
 */
#include <glib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "check_private.h"
#include "config.h"
#include "dynlib.h"
#include "i18n.h"

/* libzip, opened on the first check of a package (dynlib.h). */
#define ZIP_FUNCS(X)                                                           \
	X(zip_discard)                                                         \
	X(zip_fclose)                                                          \
	X(zip_fopen)                                                           \
	X(zip_fread)                                                           \
	X(zip_get_name)                                                        \
	X(zip_get_num_entries)                                                 \
	X(zip_name_locate)                                                     \
	X(zip_open)                                                            \
	X(zip_stat)
static struct {
	ZIP_FUNCS(PP_DYNLIB_FUNC)
} zp;
static struct pp_dynlib zip_lib =
    PP_DYNLIB_INIT(PP_SONAME_ZIP, PP_LIBPATH_ZIP, PP_PACKAGE_ZIP,
		   N_("read ODT and DOCX files"));

/* Bounds on untrusted input. */
#define CHECK_MAX_ZIP_ENTRIES 10000
/* Attributes of one element: ODF's and OOXML's have a few dozen; libxml2
 * 2.9.14 checks duplicates in quadratic time (50,000 attributes:
 * minutes). */
#define CHECK_MAX_ATTRIBUTES 1000
/* A part read past 1 MiB that came from more than this many times fewer
 * compressed bytes is a zip bomb: XML compresses 5 to 30 times. */
#define CHECK_MAX_RATIO	  100
#define CHECK_RATIO_FLOOR (1u << 20)
/* All the parts read of one package, uncompressed. */
#define CHECK_MAX_PACKAGE_BYTES (256u << 20)

static xmlParserInputPtr
check_deny_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

int
pp_check_pkg_open(struct pp_check_pkg *p, const char *path, int docx,
		  struct pp_error *err)
{
	struct pp_pos pos = {path, 0, 0};
	zip_int64_t i;
	int zerr = 0;

	memset(p, 0, sizeof(*p));
	p->path = path;
	p->docx = docx;
	if (PP_DYNLIB_LOAD(&zip_lib, ZIP_FUNCS, zp, err) != 0)
		return -1;
	p->za = zp.zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (p->za == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     docx ? _("this DOCX is damaged or is not a DOCX "
				      "(its zip structure is inconsistent)")
				  : _("this ODT is damaged or is not an ODT "
				      "(its zip structure is inconsistent)"));
		return -1;
	}
	p->n = zp.zip_get_num_entries(p->za, 0);
	if (p->n < 0 || p->n > CHECK_MAX_ZIP_ENTRIES) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this package holds too many files"));
		pp_check_pkg_close(p);
		return -1;
	}
	for (i = 0; i < p->n; i++) {
		const char *name = pp_check_pkg_name(p, i);

		if (name == NULL || name[0] == '/' || strstr(name, "../") ||
		    strstr(name, "..\\")) {
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("this package holds a file named "
				       "outside itself (%s): refused"),
				     name ? name : "?");
			pp_check_pkg_close(p);
			return -1;
		}
	}
	xmlSetExternalEntityLoader(check_deny_loader);
	return 0;
}

void
pp_check_pkg_close(struct pp_check_pkg *p)
{
	if (p->za != NULL)
		zp.zip_discard(p->za);
	p->za = NULL;
}

const char *
pp_check_pkg_name(const struct pp_check_pkg *p, long long i)
{
	return zp.zip_get_name(p->za, (zip_uint64_t)i, 0);
}

int
pp_check_pkg_has(const struct pp_check_pkg *p, const char *name)
{
	return zp.zip_name_locate(p->za, name, 0) >= 0;
}

char *
pp_check_pkg_read(struct pp_check_pkg *p, const char *name, size_t *len,
		  struct pp_error *err)
{
	struct pp_pos pos = {p->path, 0, 0};
	zip_file_t *zf;
	zip_stat_t st;
	GString *s;
	char buf[65536];
	zip_int64_t n = 0;
	/* 1 too big, 2 a bomb, 3 forged size, 4 unreadable, 5 the package's
	 * parts too big together */
	int why = 0;

	if (zp.zip_stat(p->za, name, 0, &st) != 0)
		return NULL;
	zf = zp.zip_fopen(p->za, name, 0);
	if (zf == NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos, _("%s cannot be read"),
			     name);
		return NULL;
	}
	s = g_string_new("");
	/* libzip does not stop at the declared size: our own limits */
	while ((n = zp.zip_fread(zf, buf, sizeof(buf))) > 0) {
		if (s->len + (size_t)n > PP_CHECK_MAX_PART_BYTES) {
			why = 1;
			break;
		}
		if (p->bytes_read + s->len + (size_t)n >
		    CHECK_MAX_PACKAGE_BYTES) {
			why = 5;
			break;
		}
		g_string_append_len(s, buf, n);
		if (s->len > CHECK_RATIO_FLOOR &&
		    (!(st.valid & ZIP_STAT_COMP_SIZE) ||
		     s->len / CHECK_MAX_RATIO > st.comp_size)) {
			why = 2;
			break;
		}
	}
	zp.zip_fclose(zf);
	if (n < 0 && why == 0)
		why = 4;
	/* a member holding more or less than its header declares is a
	 * forgery (libzip reads on past the declared size) */
	if (why == 0 && (!(st.valid & ZIP_STAT_SIZE) || st.size != s->len))
		why = 3;
	switch (why) {
	case 0:
		*len = s->len;
		p->bytes_read += s->len;
		return g_string_free(s, FALSE);
	case 1:
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("%s is larger than %u MiB once uncompressed: "
			       "refused"),
			     name, PP_CHECK_MAX_PART_BYTES >> 20);
		break;
	case 2:
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("%s is compressed more than %d times (a zip "
			       "bomb): refused"),
			     name, CHECK_MAX_RATIO);
		break;
	case 3:
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("%s does not hold the size its zip header "
			       "declares: refused"),
			     name);
		break;
	case 5:
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("the parts of this package come to more than "
			       "%u MiB once uncompressed: refused"),
			     CHECK_MAX_PACKAGE_BYTES >> 20);
		break;
	default:
		pp_error_set(err, PP_DIAG_IO, &pos, _("%s cannot be read"),
			     name);
		break;
	}
	g_string_free(s, TRUE);
	return NULL;
}

/* The skip past the construct that starts at p ("<!--", "<![CDATA[",
 * "<?"), or NULL when p starts none. */
static const char *
check_xml_skip(const char *p, const char *end)
{
	static const struct {
		const char *open, *close;
	} kinds[] = {{"<!--", "-->"}, {"<![CDATA[", "]]>"}, {"<?", "?>"}};
	size_t k;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t ol = strlen(kinds[k].open), cl = strlen(kinds[k].close);
		const char *q;

		if ((size_t)(end - p) < ol || memcmp(p, kinds[k].open, ol) != 0)
			continue;
		for (q = p + ol; q + cl <= end; q++)
			if (memcmp(q, kinds[k].close, cl) == 0)
				return q + cl;
		return end;
	}
	return NULL;
}

/* 1 when an element of the XML (len bytes) has more than
 * CHECK_MAX_ATTRIBUTES attributes: counted before libxml2 parses it. */
static int
check_xml_too_many_attributes(const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		const char *skip = check_xml_skip(p, end);
		char quote = 0;
		long attrs = 0;

		if (skip != NULL) {
			p = skip;
			continue;
		}
		for (p++; p < end; p++) {
			if (quote != 0) {
				if (*p == quote)
					quote = 0;
			} else if (*p == '"' || *p == '\'') {
				quote = *p;
			} else if (*p == '=') {
				if (++attrs > CHECK_MAX_ATTRIBUTES)
					return 1;
			} else if (*p == '>') {
				break;
			}
		}
	}
	return 0;
}

int
pp_check_pkg_xml(struct pp_check_pkg *p, const char *name, xmlDoc **out,
		 struct pp_error *err)
{
	struct pp_pos pos = {p->path, 0, 0};
	size_t len = 0;
	char *data;
	xmlDocPtr xml;

	*out = NULL;
	if (!pp_check_pkg_has(p, name))
		return 1;
	data = pp_check_pkg_read(p, name, &len, err);
	if (data == NULL) {
		if (!err->set)
			pp_error_set(err, PP_DIAG_IO, &pos,
				     _("%s cannot be read"), name);
		return -1;
	}
	if (check_xml_too_many_attributes(data, len)) {
		pp_error_set(err, PP_DIAG_TOO_BIG, &pos,
			     _("%s has an element with more than %d "
			       "attributes: refused"),
			     name, CHECK_MAX_ATTRIBUTES);
		g_free(data);
		return -1;
	}
	/* No XML_PARSE_HUGE: libxml2 keeps its depth limit (256) and its
	 * amplification heuristic; no NOENT nor DTDLOAD: no entity is
	 * expanded, nothing is fetched (and the loader denies all). */
	xml = len <= (size_t)G_MAXINT
		  ? xmlReadMemory(data, (int)len, name, "UTF-8",
				  XML_PARSE_NONET | XML_PARSE_NOERROR |
				      XML_PARSE_NOWARNING | XML_PARSE_COMPACT)
		  : NULL;
	g_free(data);
	if (xml == NULL || xml->intSubset != NULL) {
		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("%s is not well-formed XML or declares "
			       "entities: refused"),
			     name);
		xmlFreeDoc(xml);
		return -1;
	}
	*out = xml;
	return 0;
}

/* 1 when the package's entries say OOXML: [Content_Types].xml, or a
 * word/ folder. */
static int
check_pkg_is_ooxml(const struct pp_check_pkg *p)
{
	long long i;

	if (pp_check_pkg_has(p, "[Content_Types].xml"))
		return 1;
	for (i = 0; i < p->n; i++) {
		const char *name = pp_check_pkg_name(p, i);

		if (name != NULL && g_str_has_prefix(name, "word/"))
			return 1;
	}
	return 0;
}

void
pp_check_no_header_image(struct pp_check *r)
{
	pp_check_add(r, PP_RULE_BLOC_MARQUE_ABSENT, 1, 0, 0, 0, 0,
		     _("the bloc-marque at the top left of page 1"),
		     _("no image in a page header: no bloc-marque"));
}

int
pp_check_zip_hint(const char *path)
{
	static const char *const ooxml[] = {"[Content_Types].xml", "word/",
					    "_rels/", "docProps/"};
	unsigned char head[30 + 64];
	size_t got, len, k;
	FILE *f = fopen(path, "rb");
	const char *dot = strrchr(path, '.');

	if (f != NULL) {
		got = fread(head, 1, sizeof(head), f);
		fclose(f);
		len = got >= 30 ? (size_t)head[26] | (size_t)head[27] << 8 : 0;
		if (len > got - 30)
			len = got - 30;
		for (k = 0; k < sizeof(ooxml) / sizeof(ooxml[0]); k++)
			if (len >= strlen(ooxml[k]) &&
			    memcmp(head + 30, ooxml[k], strlen(ooxml[k])) == 0)
				return 2;
		if (len == 8 && memcmp(head + 30, "mimetype", 8) == 0)
			return 1;
	}
	return dot != NULL && (g_ascii_strcasecmp(dot, ".docx") == 0 ||
			       g_ascii_strcasecmp(dot, ".docm") == 0)
		   ? 2
		   : 1;
}

int
pp_check_package(const char *path, const struct pp_charte *c,
		 struct pp_check *r, struct pp_error *err)
{
	struct pp_check_pkg p;
	int rc;

	if (pp_check_pkg_open(&p, path, pp_check_zip_hint(path) == 2, err) != 0)
		return -1;
	p.docx = check_pkg_is_ooxml(&p);
	if (!p.docx && !pp_check_pkg_has(&p, "mimetype") &&
	    !pp_check_pkg_has(&p, "content.xml") &&
	    !pp_check_pkg_has(&p, "styles.xml")) {
		struct pp_pos pos = {path, 0, 0};

		pp_error_set(err, PP_DIAG_IO, &pos,
			     _("this zip file is neither an ODT nor a DOCX"));
		pp_check_pkg_close(&p);
		return -1;
	}
	rc =
	    p.docx ? pp_check_docx(&p, c, r, err) : pp_check_odt(&p, c, r, err);
	pp_check_pkg_close(&p);
	return rc;
}
