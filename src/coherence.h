/* SPDX-License-Identifier: EUPL-1.2 */
/*
 * Coherence of a form with itself.  A form can be valid key by key and still
 * contradict itself: the relay starts before the convention is signed, the
 * proof (BAT) cannot be approved before the relay starts, the relay runs
 * past the end of the convention...  These checks run after schema
 * validation, on a valid form, and report warnings: each names the value to
 * look at and, in a note, the other value it contradicts.
 */
#ifndef PP_COHERENCE_H
#define PP_COHERENCE_H

#include "calendar.h"
#include "diag.h"
#include "value.h"

/*
 * Checks form (validated, defaults filled in) and appends a warning to d
 * for each contradiction found, and one when its relay period meets the
 * reserve period of an election of cal (may be NULL), and one for each
 * text with English quotes “ ” (printed as « »).
 */
void pp_coherence_check(const struct pp_value *form,
			const struct pp_calendar *cal, struct pp_diags *d);

/*
 * What the calendar, data-protection, signature and self-validation
 * warnings of pp_coherence_check found, as values for the templates: a map
 * in a with one entry per warning found (kit_avant_signature,
 * relais_avant_signature: date, signature; bat_tardif: date, delai_jours,
 * reponse, debut_relais; relais_hors_duree: fin_relais, fin_convention;
 * temps_fort_hors_relais: date, debut_relais, fin_relais;
 * date_signature_electronique: date; exemplaires_insuffisants: nombre;
 * donnees_sensibles: article; autovalidation: nom, etape), dates as
 * YYYY-MM-DD; NULL when none is found.  The election reserve, the visas
 * and the quotes are not in it.
 */
struct pp_value *pp_coherence_facts(const struct pp_value *form,
				    const struct pp_calendar *cal,
				    struct pp_arena *a);

#endif
