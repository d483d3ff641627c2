/* SPDX-License-Identifier: EUPL-1.2 */
#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "coherence.h"
#include "i18n.h"

/* A date of the form and where it was written. */
struct coh_date {
	const char *path; /* "contenu.periode_relais.debut" */
	const struct pp_value *v;
	const char *iso; /* "2026-03-01" */
	long days;	 /* days since 1970-01-01 */
};

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil). */
static long
coh_days_from_civil(long y, long m, long d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
coh_civil_from_days(long z, long *y, long *m, long *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

/* Reads the date at path; 0 when it is absent or not a YYYY-MM-DD date
 * (the schema reported that already). */
static int
coh_date(const struct pp_value *form, const char *path, struct coh_date *out)
{
	const struct pp_value *v = pp_value_path_get(form, path);
	const char *s =
	    v != NULL && v->kind == PP_VALUE_STRING ? pp_value_string(v) : NULL;
	int y, m, d, n = 0;

	if (s == NULL || strlen(s) != 10 ||
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	out->path = path;
	out->v = v;
	out->iso = s;
	out->days = coh_days_from_civil(y, m, d);
	return 1;
}

static int
coh_bool(const struct pp_value *form, const char *path)
{
	const struct pp_value *v = pp_value_path_get(form, path);

	return v != NULL && v->kind == PP_VALUE_BOOL && v->u.boolean;
}

/* Warning at a, note at b. */
static void
coh_note(struct pp_diags *d, const struct coh_date *b, const char *what)
{
	pp_diags_add_note(d, &b->v->pos, b->path, "%s", what);
}

/*
 * What the warnings found, for the templates: the fiche projet's « Points
 * de vigilance » writes a sentence for the référent from each entry
 * (facts.<warning>.<key>).  a == NULL when only diagnostics are wanted.
 */
struct coh_facts {
	struct pp_arena *a;
	struct pp_value *map;
};

/* A new entry name in f (the first one only when a warning repeats), or
 * NULL when facts are not collected. */
static struct pp_value *
coh_fact(struct coh_facts *f, const char *name)
{
	struct pp_value *m;

	if (f == NULL || f->a == NULL)
		return NULL;
	if (f->map == NULL)
		f->map = pp_value_new(f->a, PP_VALUE_MAP, NULL);
	else if (pp_value_map_get(f->map, name) != NULL)
		return NULL;
	m = pp_value_new(f->a, PP_VALUE_MAP, NULL);
	pp_value_map_append(f->a, f->map, name, NULL, m);
	return m;
}

static void
coh_fact_put(struct coh_facts *f, struct pp_value *m, const char *key,
	     const char *text)
{
	if (m != NULL && text != NULL)
		pp_value_map_append(
		    f->a, m, key, NULL,
		    pp_value_new_string(f->a, text, strlen(text), NULL));
}

static void
coh_fact_int(struct coh_facts *f, struct pp_value *m, const char *key,
	     long long n)
{
	if (m != NULL)
		pp_value_map_append(f->a, m, key, NULL,
				    pp_value_new_int(f->a, n, NULL));
}

/* The kit and the relay may not come before the convention binds the
 * parties: the licence and confidentiality clauses are not in force yet. */
static void
coh_before_signature(const struct pp_value *form, struct pp_diags *d,
		     struct coh_facts *f)
{
	struct coh_date ref, kit, relay;
	struct pp_value *fact;
	const char *why;
	int has_kit, has_relay;

	if (coh_date(form, "signature.date", &ref)) {
		why = _("the convention is signed on this date");
	} else if (coh_date(form, "clauses.duree.date_effet", &ref)) {
		const struct pp_value *e =
		    pp_value_path_get(form, "clauses.duree.entree_en_vigueur");

		if (e == NULL || pp_value_string(e) == NULL ||
		    strcmp(pp_value_string(e), "date_fixe") != 0)
			return;
		why = _("the convention takes effect on this date");
	} else {
		return;
	}
	has_kit = coh_date(form, "contenu.livraison_kit", &kit);
	has_relay = coh_date(form, "contenu.periode_relais.debut", &relay);
	if (has_kit && kit.days < ref.days) {
		pp_diags_add(d, PP_DIAG_BEFORE_SIGNATURE, &kit.v->pos, kit.path,
			     _("the kit is delivered on %s, before the "
			       "convention binds the parties (%s): its licence "
			       "and confidentiality clauses are not yet in "
			       "force"),
			     kit.iso, ref.iso);
		coh_note(d, &ref, why);
		fact = coh_fact(f, "kit_avant_signature");
		coh_fact_put(f, fact, "date", kit.iso);
		coh_fact_put(f, fact, "signature", ref.iso);
	}
	if (has_relay && relay.days < ref.days) {
		pp_diags_add(d, PP_DIAG_BEFORE_SIGNATURE, &relay.v->pos,
			     relay.path,
			     _("the relay starts on %s, before the convention "
			       "binds the parties (%s): the partner would "
			       "use the campaign's materials without a "
			       "licence"),
			     relay.iso, ref.iso);
		coh_note(d, &ref, why);
		fact = coh_fact(f, "relais_avant_signature");
		coh_fact_put(f, fact, "date", relay.iso);
		coh_fact_put(f, fact, "signature", ref.iso);
	}
}

/* The proof (BAT) goes to the Ministry for prior approval; the approval
 * delay must have run out before the relay starts. */
static void
coh_bat(const struct pp_value *form, struct pp_diags *d, struct coh_facts *f)
{
	struct pp_value *fact;
	struct coh_date bat, relay;
	const struct pp_value *delay = pp_value_path_get(
	    form, "clauses.marques_logos.validation_prealable_jours");
	long n, y, m, dd;
	char end[64];

	if (!coh_date(form, "contenu.date_bat", &bat) ||
	    !coh_date(form, "contenu.periode_relais.debut", &relay) ||
	    delay == NULL || delay->kind != PP_VALUE_INT)
		return;
	n = (long)delay->u.integer;
	if (bat.days + n <= relay.days)
		return;
	coh_civil_from_days(bat.days + n, &y, &m, &dd);
	snprintf(end, sizeof(end), "%04ld-%02ld-%02ld", y, m, dd);
	pp_diags_add(d, PP_DIAG_APPROVAL_TOO_LATE, &bat.v->pos, bat.path,
		     ngettext("the proof (BAT) is sent on %s; with %ld day of "
			      "prior approval the Ministry may answer until "
			      "%s, after the relay starts (%s)",
			      "the proof (BAT) is sent on %s; with %ld days "
			      "of prior approval the Ministry may answer until "
			      "%s, after the relay starts (%s)",
			      (unsigned long)n),
		     bat.iso, n, end, relay.iso);
	coh_note(d, &relay, _("the relay starts here"));
	fact = coh_fact(f, "bat_tardif");
	coh_fact_put(f, fact, "date", bat.iso);
	coh_fact_int(f, fact, "delai_jours", n);
	coh_fact_put(f, fact, "reponse", end);
	coh_fact_put(f, fact, "debut_relais", relay.iso);
}

/* The relay takes place while the convention is in force; the key date of
 * the campaign falls within the relay. */
static void
coh_periods(const struct pp_value *form, struct pp_diags *d,
	    struct coh_facts *f)
{
	struct coh_date debut, fin, term, key;
	struct pp_value *fact;
	int has_debut = coh_date(form, "contenu.periode_relais.debut", &debut);
	int has_fin = coh_date(form, "contenu.periode_relais.fin", &fin);

	if (has_fin && coh_date(form, "clauses.duree.fin", &term) &&
	    fin.days > term.days) {
		pp_diags_add(d, PP_DIAG_RELAY_OUTSIDE_TERM, &fin.v->pos,
			     fin.path,
			     _("the relay ends on %s, after the convention "
			       "ends (%s): the last days of the relay would "
			       "have no contract"),
			     fin.iso, term.iso);
		coh_note(d, &term, _("the convention ends here"));
		fact = coh_fact(f, "relais_hors_duree");
		coh_fact_put(f, fact, "fin_relais", fin.iso);
		coh_fact_put(f, fact, "fin_convention", term.iso);
	}
	if (has_debut && has_fin &&
	    coh_date(form, "contenu.temps_fort", &key) &&
	    (key.days < debut.days || key.days > fin.days)) {
		const struct coh_date *edge =
		    key.days < debut.days ? &debut : &fin;

		pp_diags_add(d, PP_DIAG_KEY_DATE_OUTSIDE_RELAY, &key.v->pos,
			     key.path,
			     _("the campaign's key date (%s) is outside the "
			       "relay period (%s to %s): the partner would "
			       "not relay it on the day"),
			     key.iso, debut.iso, fin.iso);
		coh_note(d, edge,
			 key.days < debut.days ? _("the relay starts here")
					       : _("the relay ends here"));
		fact = coh_fact(f, "temps_fort_hors_relais");
		coh_fact_put(f, fact, "date", key.iso);
		coh_fact_put(f, fact, "debut_relais", debut.iso);
		coh_fact_put(f, fact, "fin_relais", fin.iso);
	}
}

static void
coh_signature(const struct pp_value *form, struct pp_diags *d,
	      struct coh_facts *f)
{
	const struct pp_value *mode = pp_value_path_get(form, "signature.mode");
	const struct pp_value *copies =
	    pp_value_path_get(form, "signature.exemplaires");
	const struct pp_map_entry *partner =
	    pp_value_map_entry(form, "partenaire");
	const char *m = mode != NULL ? pp_value_string(mode) : NULL;
	struct coh_date date;

	if (m != NULL && strcmp(m, "electronique") == 0 &&
	    coh_date(form, "signature.date", &date)) {
		pp_diags_add(d, PP_DIAG_FIXED_DATE_ELECTRONIC, &date.v->pos,
			     date.path,
			     _("a signature date of %s is printed although the "
			       "convention is signed electronically: it takes "
			       "the date of the last electronic signature; "
			       "remove this date"),
			     date.iso);
		pp_diags_add_note(d, &mode->pos, "signature.mode",
				  _("the convention is signed "
				    "electronically here"));
		coh_fact_put(f, coh_fact(f, "date_signature_electronique"),
			     "date", date.iso);
	}
	/* Two parties: the State and the partner. */
	if (m != NULL && strcmp(m, "manuscrite") == 0 && copies != NULL &&
	    copies->kind == PP_VALUE_INT && copies->u.integer < 2) {
		pp_diags_add(d, PP_DIAG_TOO_FEW_ORIGINALS, &copies->pos,
			     "signature.exemplaires",
			     _("a single original for two parties: each party "
			       "keeps a signed original, so sign at least "
			       "two"));
		if (partner != NULL)
			pp_diags_add_note(d, &partner->key_pos, "partenaire",
					  _("the partner, the second party "
					    "to sign"));
		coh_fact_int(f, coh_fact(f, "exemplaires_insuffisants"),
			     "nombre", copies->u.integer);
	}
}

/* Art. 9 GDPR: special categories of data (health...) need the explicit
 * consent of the people concerned and, as a rule, an impact assessment. */
static void
coh_personal_data(const struct pp_value *form, struct pp_diags *d,
		  struct coh_facts *f)
{
	const struct pp_value *flag = pp_value_path_get(
	    form, "clauses.donnees_personnelles.categories_particulieres");
	const struct pp_value *desc =
	    pp_value_path_get(form, "clauses.donnees_personnelles.description");

	if (!coh_bool(form, "clauses.donnees_personnelles.traitement") ||
	    !coh_bool(form,
		      "clauses.donnees_personnelles.categories_particulieres"))
		return;
	pp_diags_add(d, PP_DIAG_SPECIAL_CATEGORY_DATA, &flag->pos,
		     "clauses.donnees_personnelles.categories_particulieres",
		     _("the processing reveals special-category data (health, "
		       "for instance): article 9 of the GDPR requires the "
		       "explicit consent of each person, and a data "
		       "protection impact assessment (DPIA) is usually "
		       "required; have the data protection officer check it "
		       "before signing"));
	if (desc != NULL)
		pp_diags_add_note(d, &desc->pos,
				  "clauses.donnees_personnelles.description",
				  _("the processing is described here"));
	coh_fact_int(f, coh_fact(f, "donnees_sensibles"), "article", 9);
}

/* Pre-election reserve: the relay period meets an election's reserve
 * period of the electoral calendar. */
static void
coh_election(const struct pp_value *form, const struct pp_calendar *cal,
	     struct pp_diags *d)
{
	const struct pp_map_entry *period;
	const struct pp_value *contenu = pp_value_map_get(form, "contenu");
	const struct pp_election *e;
	struct coh_date debut, fin;

	if (!coh_date(form, "contenu.periode_relais.debut", &debut) ||
	    !coh_date(form, "contenu.periode_relais.fin", &fin))
		return;
	e = pp_calendar_overlap(cal, debut.iso, fin.iso);
	period = contenu != NULL ? pp_value_map_entry(contenu, "periode_relais")
				 : NULL;
	if (e == NULL || period == NULL)
		return;
	if (strcmp(e->scope, "locale") == 0)
		pp_diags_add(
		    d, PP_DIAG_ELECTION_RESERVE, &period->key_pos,
		    "contenu.periode_relais",
		    _("the relay (%s to %s) falls in the pre-election "
		      "reserve period (%s, from %s), in %s: there, no public "
		      "event with "
		      "a member of the Government and no message that could "
		      "be read as promoting a policy's record; the fiche "
		      "projet and the neutrality article say so"),
		    debut.iso, fin.iso, e->name, e->reserve_start,
		    e->areas != NULL ? e->areas : _("the areas concerned"));
	else
		pp_diags_add(
		    d, PP_DIAG_ELECTION_RESERVE, &period->key_pos,
		    "contenu.periode_relais",
		    _("the relay (%s to %s) falls in the pre-election "
		      "reserve period (%s, from %s), nationwide: no public "
		      "event with a "
		      "member of the Government and no message that could "
		      "be read as promoting a policy's record; the fiche "
		      "projet and the neutrality article say so"),
		    debut.iso, fin.iso, e->name, e->reserve_start);
	pp_diags_add_note(d, &e->pos, NULL,
			  _("the election in the electoral calendar"));
}

/* Visas (DOMAIN §2.1) cite the texts that found the signatory's power or
 * the action.  When the parties' paragraph rests the delegation on
 * article 1 of décret n° 2005-850 (no signataire.delegation), a list of
 * visas without it is incomplete; the 1901 law (the partner's status is
 * in its own clause) and the SIG's decree (unless the SIG signs) found
 * neither. */
static void
coh_visas(const struct pp_value *form, struct pp_diags *d)
{
	const struct pp_value *contenu = pp_value_map_get(form, "contenu");
	const struct pp_map_entry *visas =
	    contenu != NULL ? pp_value_map_entry(contenu, "visas") : NULL;
	const char *service =
	    pp_value_text(pp_value_path_get(form, "emetteur.service"));
	const struct pp_map_entry *signataire;
	const char *delegation;
	size_t i;
	int has_2005_850 = 0;

	if (visas == NULL || visas->value == NULL ||
	    visas->value->kind != PP_VALUE_LIST || visas->value->u.list.n == 0)
		return;
	for (i = 0; i < visas->value->u.list.n; i++) {
		const struct pp_value *v = visas->value->u.list.items[i];
		const char *t = pp_value_string(v);
		char path[64];

		if (t == NULL)
			continue;
		if (strstr(t, "2005-850") != NULL)
			has_2005_850 = 1;
		snprintf(path, sizeof(path), "contenu.visas[%zu]", i + 1);
		if (strstr(t, "juillet 1901") != NULL)
			pp_diags_add(
			    d, PP_DIAG_VISA_NOT_FOUNDING, &v->pos, path,
			    _("the law of 1 July 1901 is not a visa of "
			      "the convention: it founds neither the "
			      "signatory's power nor the action (an "
			      "association's status is stated in the "
			      "partner's clause); remove this visa"));
		else if ((strstr(t, "2000-1027") != NULL ||
			  strstr(t, "information du Gouvernement") != NULL) &&
			 (service == NULL ||
			  strstr(service, "information du Gouvernement") ==
			      NULL))
			pp_diags_add(d, PP_DIAG_VISA_NOT_FOUNDING, &v->pos,
				     path,
				     _("this visa cites a text about the "
				       "Service d'information du Gouvernement, "
				       "which is not a party: visas cite the "
				       "texts that found the signatory's power "
				       "or the action; remove it"));
	}
	delegation = pp_value_string(
	    pp_value_path_get(form, "emetteur.signataire.delegation"));
	if (has_2005_850 || (delegation != NULL && *delegation != '\0'))
		return;
	pp_diags_add(d, PP_DIAG_VISAS_WITHOUT_DELEGATION, &visas->key_pos,
		     "contenu.visas",
		     _("the visas omit décret n° 2005-850 of 27 July 2005, "
		       "on which the signatory's delegation rests: add « le "
		       "décret n° 2005-850 du 27 juillet 2005 relatif aux "
		       "délégations de signature des membres du "
		       "Gouvernement », and the texts that organise the "
		       "signing service and appoint the signatory"));
	signataire = pp_value_map_entry(pp_value_map_get(form, "emetteur"),
					"signataire");
	if (signataire != NULL)
		pp_diags_add_note(d, &signataire->key_pos,
				  "emetteur.signataire",
				  _("with no delegation text here, the "
				    "convention cites article 1 of that "
				    "decree"));
}

/* English double quotes, as a word processor types them (U+201C, U+201D),
 * in form text: the documents print them as French quotes (DOMAIN §2.4,
 * pp_fr_typography), which the user should know and check.  One warning
 * per text, at the text; path holds the data path of v. */
static void
coh_quotes(const struct pp_value *v, struct pp_buf *path, int depth,
	   struct pp_diags *d)
{
	size_t i, mark = path->len;

	if (v == NULL || depth > 64)
		return;
	if (v->kind == PP_VALUE_STRING) {
		const char *s = pp_value_string(v);

		if (s != NULL && (strstr(s, "\xe2\x80\x9c") != NULL || /* “ */
				  strstr(s, "\xe2\x80\x9d") != NULL))  /* ” */
			pp_diags_add(
			    d, PP_DIAG_ENGLISH_QUOTES, &v->pos,
			    pp_buf_str(path),
			    _("English quotes “ ” here are printed as French "
			      "quotes « » in the documents: check that each “ "
			      "opens a quotation and each ” closes one, or "
			      "type « » instead"));
		return;
	}
	for (i = 0; v->kind == PP_VALUE_LIST && i < v->u.list.n; i++) {
		pp_buf_addf(path, "[%zu]", i + 1);
		coh_quotes(v->u.list.items[i], path, depth + 1, d);
		path->len = mark;
		if (path->data != NULL)
			path->data[mark] = '\0';
	}
	for (i = 0; v->kind == PP_VALUE_MAP && i < v->u.map.n; i++) {
		if (mark > 0)
			pp_buf_addc(path, '.');
		pp_buf_adds(path, v->u.map.items[i].key);
		coh_quotes(v->u.map.items[i].value, path, depth + 1, d);
		path->len = mark;
		if (path->data != NULL)
			path->data[mark] = '\0';
	}
}

/* A person's name compared as people read it: case, accents composed or
 * not, and runs of spaces do not matter.  A new string (g_free). */
static char *
coh_name_key(const char *name)
{
	char *nfc = g_utf8_normalize(name, -1, G_NORMALIZE_DEFAULT_COMPOSE);
	char *fold, **words, *key;

	if (nfc == NULL)
		return NULL;
	fold = g_utf8_casefold(nfc, -1);
	words = g_strsplit_set(g_strstrip(fold), " \t\n", -1);
	key = g_strjoinv("", words);
	g_strfreev(words);
	g_free(fold);
	g_free(nfc);
	return key;
}

/* The author of the fiche projet (fiche_projet.auteur, by default the
 * ministry's contact) does not approve her own fiche: a validation step in
 * her name. */
static void
coh_self_validation(const struct pp_value *form, struct pp_diags *d,
		    struct coh_facts *f)
{
	const char *apath = "fiche_projet.auteur.nom";
	const struct pp_value *author = pp_value_path_get(form, apath);
	const struct pp_value *steps =
	    pp_value_path_get(form, "fiche_projet.validation");
	char *key;
	size_t i;

	if (author == NULL) {
		apath = "emetteur.contact.nom";
		author = pp_value_path_get(form, apath);
	}
	if (pp_value_string(author) == NULL || steps == NULL ||
	    steps->kind != PP_VALUE_LIST)
		return;
	key = coh_name_key(pp_value_string(author));
	for (i = 0; key != NULL && i < steps->u.list.n; i++) {
		const struct pp_value *step = steps->u.list.items[i];
		const struct pp_value *nom = pp_value_map_get(step, "nom");
		const struct pp_value *etape = pp_value_map_get(step, "etape");
		char *other, path[64];
		struct pp_value *fact;

		if (pp_value_string(nom) == NULL)
			continue;
		other = coh_name_key(pp_value_string(nom));
		if (other != NULL && strcmp(key, other) == 0) {
			snprintf(path, sizeof(path),
				 "fiche_projet.validation[%zu].nom", i);
			pp_diags_add(
			    d, PP_DIAG_SELF_VALIDATION, &nom->pos, path,
			    _("%s wrote the fiche projet and validates it "
			      "too, at the step \"%s\": a fiche is approved "
			      "by someone other than its author; name the "
			      "person who approves this step"),
			    pp_value_string(nom),
			    pp_value_string(etape) != NULL
				? pp_value_string(etape)
				: "?");
			pp_diags_add_note(d, &author->pos, apath,
					  _("the author of the fiche projet"));
			fact = coh_fact(f, "autovalidation");
			coh_fact_put(f, fact, "nom", pp_value_string(nom));
			coh_fact_put(f, fact, "etape", pp_value_string(etape));
		}
		g_free(other);
	}
	g_free(key);
}

static void
coh_run(const struct pp_value *form, const struct pp_calendar *cal,
	struct pp_diags *d, struct coh_facts *f)
{
	struct pp_buf path;

	if (form == NULL || form->kind != PP_VALUE_MAP)
		return;
	coh_before_signature(form, d, f);
	coh_bat(form, d, f);
	coh_periods(form, d, f);
	coh_signature(form, d, f);
	coh_personal_data(form, d, f);
	coh_election(form, cal, d);
	coh_visas(form, d);
	pp_buf_init(&path);
	coh_quotes(form, &path, 0, d);
	pp_buf_fini(&path);
	coh_self_validation(form, d, f);
}

void
pp_coherence_check(const struct pp_value *form, const struct pp_calendar *cal,
		   struct pp_diags *d)
{
	coh_run(form, cal, d, NULL);
}

struct pp_value *
pp_coherence_facts(const struct pp_value *form, const struct pp_calendar *cal,
		   struct pp_arena *a)
{
	struct coh_facts f = {a, NULL};
	struct pp_diags d;

	pp_diags_init(&d);
	coh_run(form, cal, &d, &f);
	pp_diags_fini(&d);
	return f.map;
}
