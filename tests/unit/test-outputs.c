/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Unit tests of src/outputs.c: the table of output formats holds together,
 * keeps the bits kits already hash into their fingerprints, and knows every
 * format a campaign may ask for.
 */
#include "outputs.h"

#include "../harness.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "schema.h"
#include "value.h"

/* Every row is complete, its name unique; one file per page needs pages. */
static void
test_rows(void)
{
	const struct pp_output *o, *other;
	char label[200];

	OK(pp_outputs[0].name != NULL, "the table has formats");
	for (o = pp_outputs; o->name != NULL; o++) {
		snprintf(label, sizeof(label),
			 "%s: a name, an extension, a writer", o->name);
		OK(o->name[0] != '\0' && o->ext != NULL && o->ext[0] != '\0' &&
		       o->write != NULL,
		   label);
		snprintf(label, sizeof(label), "%s: pp_output_find finds it",
			 o->name);
		OK(pp_output_find(o->name) == o, label);
		snprintf(label, sizeof(label), "%s: one row of that name",
			 o->name);
		for (other = pp_outputs; other->name != NULL; other++)
			if (other != o && strcmp(other->name, o->name) == 0)
				break;
		OK(other->name == NULL, label);
		if (o->flags & PP_OUTPUT_PER_PAGE) {
			snprintf(label, sizeof(label),
				 "%s: one file per page needs the pages",
				 o->name);
			OK(o->needs == PP_OUTPUT_NEEDS_PAGES, label);
		}
		snprintf(label, sizeof(label), "%s: its bit fits a set",
			 o->name);
		OK(o - pp_outputs < (long)(sizeof(unsigned) * 8), label);
	}
	OK(pp_output_find("docx-pas-encore") == NULL, "an unknown name");
	OK(pp_output_find("") == NULL, "an empty name");
}

/* Kits hash their set of formats into each partner's fingerprint: the bits
 * of pdf and odt may not move, or every kit is rebuilt. */
static void
test_bits(void)
{
	INT_EQ(pp_output_bit(pp_output_find("pdf")), 1, "pdf is bit 0");
	INT_EQ(pp_output_bit(pp_output_find("odt")), 2, "odt is bit 1");
}

static void
test_needs(void)
{
	unsigned pdf = pp_output_bit(pp_output_find("pdf"));
	unsigned odt = pp_output_bit(pp_output_find("odt"));
	unsigned xml = pp_output_bit(pp_output_find("xml"));

	INT_EQ(pp_outputs_needs(0), PP_OUTPUT_NEEDS_TREE, "no format");
	INT_EQ(pp_outputs_needs(xml), PP_OUTPUT_NEEDS_TREE, "xml: the tree");
	/* The ODT opens its signature page where the PDF's begins. */
	INT_EQ(pp_outputs_needs(odt | xml), PP_OUTPUT_NEEDS_PAGES,
	       "odt: the pages");
	INT_EQ(pp_outputs_needs(pdf | odt | xml), PP_OUTPUT_NEEDS_PAGES,
	       "pdf: the pages");
}

static void
test_names(void)
{
	const struct pp_output *png = pp_output_find("png");
	char *s = pp_outputs_names();

	OK(g_str_has_prefix(s, "pdf, odt, "), "names, in the table's order");
	g_free(s);
	s = pp_output_file_name(pp_output_find("pdf"), "convention", 0);
	STR_EQ(s, "convention.pdf", "one file per document");
	g_free(s);
	OK(png != NULL && (png->flags & PP_OUTPUT_PER_PAGE), "png: per page");
	s = pp_output_file_name(png, "fiche-projet", 2);
	STR_EQ(s, "fiche-projet-2.png", "one file per page");
	g_free(s);
}

/* "did you mean": a likely typo, not any name. */
static void
test_suggest(void)
{
	const struct pp_output *o = pp_output_suggest("pdff");

	STR_EQ(o != NULL ? o->name : NULL, "pdf", "pdff: pdf");
	o = pp_output_suggest("ODT");
	STR_EQ(o != NULL ? o->name : NULL, "odt", "ODT: odt");
	o = pp_output_suggest("layuot");
	STR_EQ(o != NULL ? o->name : NULL, "layout", "layuot: layout");
	OK(pp_output_suggest("docx-pas-encore") == NULL, "too far: nothing");
	OK(pp_output_suggest("") == NULL, "an empty name: nothing");
}

/* The campaign's schema lists the formats a kit may produce
 * (campagne.sorties.formats): each must be in the table. */
static void
test_campaign_formats(void)
{
	const char *datadir = getenv("PARAPHE_DATADIR");
	struct pp_error err;
	struct pp_model *m;
	const struct pp_value *values;
	size_t i;

	pp_error_init(&err);
	m = pp_model_load(datadir != NULL ? datadir : "..", "campagne", &err);
	OK(m != NULL, "the campaign model loads");
	if (m == NULL)
		return;
	values = pp_value_path_get(pp_schema_root(m->schema),
				   "fields.campagne.fields.sorties.fields."
				   "formats.items.values");
	OK(values != NULL && values->kind == PP_VALUE_LIST &&
	       values->u.list.n > 0,
	   "the campaign's schema lists its formats");
	for (i = 0; values != NULL && i < values->u.list.n; i++) {
		const char *name = pp_value_text(values->u.list.items[i]);
		char label[200];

		snprintf(label, sizeof(label),
			 "campaign format %s is in the table",
			 name != NULL ? name : "?");
		OK(name != NULL && pp_output_find(name) != NULL, label);
	}
	pp_model_free(m);
}

int
main(void)
{
	test_rows();
	test_bits();
	test_needs();
	test_names();
	test_suggest();
	test_campaign_formats();
	return harness_done();
}
