/* SPDX-License-Identifier: EUPL-1.2 */
/* Unit tests of src/pdfpost.c and src/provenance.c without a PDF: the XMP
 * packet (PDF/A identification, Info values escaped, the same instant as
 * the Info dates, the paraphe summary and its extension schema) and the
 * names of the signature fields.  tests/pdfa.sh checks the PDFs. */
#include "pdfpost.h"
#include "provenance.h"

#include "../harness.h"

#include <glib.h>
#include <string.h>

static void
test_xmp(void)
{
	const char *clauses[] = {"litiges 2", "resiliation 1.1"};
	struct pp_pdfpost o;
	char *x;

	memset(&o, 0, sizeof(o));
	o.date = "2026-01-15T00:00:00Z";
	x = pp_pdfpost_xmp(&o, "Convention — A & B <C>", "L'État", NULL, NULL,
			   "paraphe 0.1.0", "cairo");
	OK(strstr(x, "<pdfaid:part>3</pdfaid:part>") != NULL,
	   "xmp: pdfaid:part 3");
	OK(strstr(x, "<pdfaid:conformance>B</pdfaid:conformance>") != NULL,
	   "xmp: conformance B");
	OK(strstr(x, "<rdf:li xml:lang=\"x-default\">Convention — A &amp; B "
		     "&lt;C&gt;</rdf:li>") != NULL,
	   "xmp: the title in dc:title, escaped");
	OK(strstr(x, "<dc:creator><rdf:Seq><rdf:li>L&apos;État</rdf:li>") !=
	       NULL,
	   "xmp: the author in dc:creator");
	OK(strstr(x, "dc:description") == NULL &&
	       strstr(x, "pdf:Keywords") == NULL,
	   "xmp: no subject, no keywords when Info has none");
	OK(strstr(x, "<xmp:CreateDate>2026-01-15T00:00:00+00:00<") != NULL &&
	       strstr(x, "<xmp:ModifyDate>2026-01-15T00:00:00+00:00<") != NULL,
	   "xmp: the dates, the instant of D:20260115000000+00'00'");
	OK(strstr(x, "paraphe:") == NULL && strstr(x, "pdfaExtension") == NULL,
	   "xmp: no paraphe summary without a model");
	OK(g_str_has_prefix(x, "<?xpacket begin=\"\xef\xbb\xbf\"") &&
	       g_str_has_suffix(x, "<?xpacket end=\"r\"?>\n"),
	   "xmp: a read-only packet");
	g_free(x);

	o.model = "convention";
	o.charte = "Charte de l'État (sha256:00)";
	o.form_digest = "sha256:ab";
	o.clauses = clauses;
	o.nclauses = 2;
	x = pp_pdfpost_xmp(&o, "T", NULL, NULL, NULL, NULL, NULL);
	OK(strstr(x, "<paraphe:modele>convention</paraphe:modele>") != NULL,
	   "xmp: the model");
	OK(strstr(x, "<paraphe:empreinte>sha256:ab</paraphe:empreinte>") !=
		   NULL &&
	       strstr(x, "<paraphe:formulaire>" PP_PDFPOST_FORM_NAME "<") !=
		   NULL,
	   "xmp: the form's name and digest");
	OK(strstr(x, "<rdf:li>litiges 2</rdf:li>") != NULL &&
	       strstr(x, "<rdf:li>resiliation 1.1</rdf:li>") != NULL,
	   "xmp: the clauses with their versions");
	OK(strstr(x, "<pdfaSchema:prefix>paraphe</pdfaSchema:prefix>") !=
		   NULL &&
	       strstr(x, "<pdfaProperty:name>clauses</pdfaProperty:name>") !=
		   NULL,
	   "xmp: the paraphe namespace described by an extension schema");
	g_free(x);
}

static void
test_field_names(void)
{
	char *n;

	n = pp_provenance_field_name(0);
	STR_EQ(n, "signature-etat", "field 0: the State");
	g_free(n);
	n = pp_provenance_field_name(1);
	STR_EQ(n, "signature-partenaire", "field 1: the partner");
	g_free(n);
	n = pp_provenance_field_name(2);
	STR_EQ(n, "signature-partenaire-2", "field 2: a second partner");
	g_free(n);
}

int
main(void)
{
	test_xmp();
	test_field_names();
	return harness_done();
}
