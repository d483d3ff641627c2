/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * The table of output formats (see outputs.h), with the writers of the
 * formats whose modules predate it: each adapts its module's own writing
 * function to pp_output_write_fn.
 */
#include <glib.h>
#include <string.h>

#include "buf.h"
#include "charte.h"
#include "doc.h"
#include "docx.h"
#include "fileio.h"
#include "i18n.h"
#include "layout.h"
#include "odt.h"
#include "outputs.h"
#include "provenance.h"
#include "suggest.h"

/* Resolution of the page previews, in dots per inch. */
#define OUTPUT_PNG_DPI 60

/* The PDF, post-processed (pdfpost.h): PDF/A-3b, signature fields, its
 * form embedded. */
static int
output_pdf_write(const struct pp_output_input *in, const char *path,
		 struct pp_error *err)
{
	struct pp_provenance pv;
	int enabled, rc = pp_provenance_prepare(in, &pv, &enabled, err);

	if (rc == 0)
		rc = pp_pdf_write(in->pages, path, in->date, in->generator,
				  enabled ? &pv.post : NULL, err);
	pp_provenance_fini(&pv);
	return rc;
}

static const char *
output_family(void *engine, const char *list)
{
	return pp_layout_engine_family(engine, list);
}

static char **
output_odt_font_files(void *engine, const char *family)
{
	return pp_layout_engine_font_files(engine, family);
}

/* The ODT names the fonts the PDF uses, embeds them when the charter says
 * so, and opens its signature page where the PDF's begins. */
static int
output_odt_write(const struct pp_output_input *in, const char *path,
		 struct pp_error *err)
{
	struct pp_odt_opts oo;

	if (in->charte == NULL)
		return -1;
	memset(&oo, 0, sizeof(oo));
	oo.date = in->date;
	oo.generator = in->generator;
	oo.family = in->engine != NULL ? output_family : NULL;
	oo.family_data = in->engine;
	oo.font_files = in->engine != NULL ? output_odt_font_files : NULL;
	oo.signature_start =
	    in->pages != NULL ? in->pages->unboxed_start : NULL;
	return pp_odt_write(in->doc, in->charte, path, &oo, err);
}

/* The DOCX names the fonts the PDF uses and starts its signature page's
 * section where the PDF's page begins. */
static int
output_docx_write(const struct pp_output_input *in, const char *path,
		  struct pp_error *err)
{
	struct pp_docx_opts oo;

	if (in->charte == NULL)
		return -1;
	memset(&oo, 0, sizeof(oo));
	oo.date = in->date;
	oo.generator = in->generator;
	oo.family = in->engine != NULL ? output_family : NULL;
	oo.family_data = in->engine;
	oo.signature_start =
	    in->pages != NULL ? in->pages->unboxed_start : NULL;
	return pp_docx_write(in->doc, in->charte, path, &oo, err);
}

static int
output_png_write(const struct pp_output_input *in, const char *path,
		 struct pp_error *err)
{
	return pp_png_write(in->pages, path, OUTPUT_PNG_DPI, err);
}

/* The text in b, written to path atomically; b is emptied. */
static int
output_text_write(struct pp_buf *b, const char *path, struct pp_error *err)
{
	int rc = pp_file_write_atomic(path, b->data, b->len, err);

	pp_buf_fini(b);
	return rc;
}

static int
output_xml_write(const struct pp_output_input *in, const char *path,
		 struct pp_error *err)
{
	struct pp_buf b;

	pp_buf_init(&b);
	pp_doc_dump(in->doc, &b);
	return output_text_write(&b, path, err);
}

static int
output_layout_write(const struct pp_output_input *in, const char *path,
		    struct pp_error *err)
{
	struct pp_buf b;

	pp_buf_init(&b);
	pp_pages_dump(in->pages, &b);
	return output_text_write(&b, path, err);
}

/*
 * Append rows; never reorder them (see outputs.h).  A new format also
 * needs its entry in the -f list of doc/man/paraphe.1 (man.sh checks it),
 * the French of its help in po/fr.po (i18n.sh checks it) and, for kits to
 * offer it, its name in campagne.sorties.formats of
 * models/campagne/schema.yaml and doc/man/paraphe-formulaire.5.
 */
const struct pp_output pp_outputs[] = {
    {
	.name = "pdf",
	.ext = "pdf",
	.needs = PP_OUTPUT_NEEDS_PAGES,
	.flags = PP_OUTPUT_CHECKED,
	.write = output_pdf_write,
    },
    {
	.name = "odt",
	.ext = "odt",
	.needs = PP_OUTPUT_NEEDS_PAGES, /* where the signature page begins */
	.flags = PP_OUTPUT_CHECKED,
	.write = output_odt_write,
    },
    {
	.name = "png",
	.ext = "png",
	.needs = PP_OUTPUT_NEEDS_PAGES,
	.flags = PP_OUTPUT_PER_PAGE,
	.write = output_png_write,
	.help = N_("page previews"),
    },
    {
	.name = "xml",
	.ext = "xml",
	.needs = PP_OUTPUT_NEEDS_TREE,
	.flags = PP_OUTPUT_TO_STDOUT,
	.write = output_xml_write,
	.help = N_("the document tree"),
    },
    {
	.name = "layout",
	.ext = "layout",
	.needs = PP_OUTPUT_NEEDS_PAGES,
	.write = output_layout_write,
	.help = N_("the pages as text, for tests"),
    },
    {
	.name = "docx",
	.ext = "docx",
	.needs = PP_OUTPUT_NEEDS_PAGES, /* where the signature page begins */
	.flags = PP_OUTPUT_CHECKED,
	.write = output_docx_write,
	.help = N_("Word"),
    },
    {.name = NULL},
};

const struct pp_output *
pp_output_find(const char *name)
{
	const struct pp_output *o;

	for (o = pp_outputs; o->name != NULL; o++)
		if (strcmp(o->name, name) == 0)
			return o;
	return NULL;
}

const struct pp_output *
pp_output_suggest(const char *name)
{
	size_t limit = pp_suggest_max_distance(name);
	size_t best_distance = (size_t)-1;
	const struct pp_output *o, *best = NULL;

	for (o = pp_outputs; o->name != NULL; o++) {
		size_t distance = g_ascii_strcasecmp(o->name, name) == 0
				      ? 0
				      : pp_edit_distance(o->name, name);

		if (distance <= limit && distance < best_distance) {
			best_distance = distance;
			best = o;
		}
	}
	return best;
}

unsigned
pp_output_bit(const struct pp_output *o)
{
	return 1u << (o - pp_outputs);
}

enum pp_output_needs
pp_outputs_needs(unsigned set)
{
	enum pp_output_needs needs = PP_OUTPUT_NEEDS_TREE;
	const struct pp_output *o;

	for (o = pp_outputs; o->name != NULL; o++)
		if ((set & pp_output_bit(o)) && o->needs > needs)
			needs = o->needs;
	return needs;
}

char *
pp_outputs_names(void)
{
	GString *s = g_string_new("");
	const struct pp_output *o;

	for (o = pp_outputs; o->name != NULL; o++)
		g_string_append_printf(s, "%s%s", s->len > 0 ? ", " : "",
				       o->name);
	return g_string_free(s, FALSE);
}

char *
pp_output_file_name(const struct pp_output *o, const char *model, size_t page)
{
	if (o->flags & PP_OUTPUT_PER_PAGE)
		return g_strdup_printf("%s-%zu.%s", model, page, o->ext);
	return g_strdup_printf("%s.%s", model, o->ext);
}
