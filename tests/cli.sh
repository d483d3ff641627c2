#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The command line as a user meets it: exit statuses, help, init, models.
# Run from the source root with PARAPHE_DATADIR set (meson does both).
set -u
paraphe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

expect_status "no arguments is a usage error" 2 "$paraphe"
expect_status "--help" 0 "$paraphe" --help
expect_text "--help lists validate" "$tmp/out" "validate FORM"
expect_status "--version" 0 "$paraphe" --version
expect_text "--version prints the version" "$tmp/out" "paraphe "
expect_status "unknown command" 2 "$paraphe" frobnicate
expect_status "validate --help" 0 "$paraphe" validate --help
expect_status "validate without a form" 2 "$paraphe" validate
expect_status "validate a missing file" 2 "$paraphe" validate "$tmp/none.yaml"
expect_status "validate bad option" 2 "$paraphe" validate --bogus x.yaml
expect_status "every example validates" 0 "$paraphe" validate examples/*.yaml
expect_text "the summary names the partner" "$tmp/out" "Mobilité Verte SAS"
# Coherence warnings leave a form valid; --strict makes them errors.
coh=tests/golden/diag/coherence-dates.yaml
expect_status "warnings alone: valid" 0 "$paraphe" validate "$coh"
expect_text "the warnings are counted" "$tmp/err" ": 6 warnings" \
	": warning: contenu.date_bat: " ": note: contenu.periode_relais.debut: "
expect_status "validate --strict: warnings make it invalid" 1 \
	"$paraphe" validate --strict "$coh"
expect_text "--strict says why" "$tmp/err" "6 warnings, which --strict"
expect_status "validate -s -q" 1 "$paraphe" validate -s -q "$coh"

# Diagnostics show the source line and carets; colours on a terminal only,
# never with NO_COLOR.  script(1) gives paraphe a terminal.
five=tests/golden/diag/five-mistakes.yaml
expect_status "a form with mistakes" 1 "$paraphe" validate -q "$five"
expect_text "the source line and its carets" "$tmp/err" \
	'  41 |   siren: "903124577"' '     |          ^^^^^^^^^^^'
esc=$(printf '\033')
lacks_esc() { # lacks_esc NAME FILE: no escape sequence in FILE
	if grep -q "$esc" "$2"; then not_ok "$1" "$2"; else ok "$1"; fi
}
lacks_esc "no colour when stderr is a file" "$tmp/err"
if command -v script >/dev/null; then
	env -u NO_COLOR TERM=xterm script -qec \
		"'$paraphe' validate -q '$five'" /dev/null >"$tmp/tty" 2>&1
	grep -q "$esc\[1;31merror$esc\[0m" "$tmp/tty"
	result $? "colours on a terminal" "$tmp/tty"
	NO_COLOR=1 TERM=xterm script -qec \
		"'$paraphe' validate -q '$five'" /dev/null >"$tmp/tty" 2>&1
	lacks_esc "no colour on a terminal with NO_COLOR" "$tmp/tty"
	grep -q "siren: \"903124577\"" "$tmp/tty"
	result $? "the snippet on a terminal too" "$tmp/tty"
else
	skip "colours on a terminal" "script(1) missing"
	skip "no colour on a terminal with NO_COLOR" "script(1) missing"
	skip "the snippet on a terminal too" "script(1) missing"
fi

# Text from a file into a terminal (issue 15): a key holding ESC [31m,
# written raw or as an escape, a C1 control sequence introducer written as
# \u009b, a form whose file name holds ESC [2J: no control reaches stderr,
# and the messages show it escaped or name it.
c1=$(printf '\302\233')
printf 'version: 1\ncontenu_%s[31mrouge: "x"\n' "$esc" >"$tmp/esc-raw.yaml"
printf 'version: 1\n"cle\\e[31mrouge": "x"\n' >"$tmp/esc-escaped.yaml"
printf 'version: 1\n"cle\\u009b31mrouge": "x"\n' >"$tmp/csi-escaped.yaml"
evil="$tmp/x${esc}[2Jy.yaml"
printf 'version: 1\nclé_inconnue: "x"\n' >"$evil"
for f in esc-raw esc-escaped csi-escaped; do
	expect_status "$f: refused" 1 "$paraphe" validate -q "$tmp/$f.yaml"
	if grep -q -e "$esc" -e "$c1" "$tmp/err"; then
		not_ok "$f: no raw control in stderr" "$tmp/err"
	else
		ok "$f: no raw control in stderr"
	fi
done
expect_status "ESC in a key: refused" 1 "$paraphe" validate -q "$tmp/esc-raw.yaml"
expect_text "ESC in a key: named at its column" "$tmp/err" \
	"esc-raw.yaml:2:9: error: the character U+001B cannot appear"
expect_status "CSI escaped in a key: refused" 1 \
	"$paraphe" validate -q "$tmp/csi-escaped.yaml"
expect_text "CSI escaped in a key: named at its escape" "$tmp/err" \
	"csi-escaped.yaml:2:5: error: the invisible character U+009B CONTROL SEQUENCE INTRODUCER"
expect_status "ESC in a file name: refused" 1 "$paraphe" validate -q "$evil"
expect_text "ESC in a file name: escaped in every message" "$tmp/err" \
	'/x\x1b[2Jy.yaml:2:1: error: clé_inconnue: unknown key' \
	'/x\x1b[2Jy.yaml: 7 errors'
lacks_esc "ESC in a file name: no raw ESC in stderr" "$tmp/err"

# The example form that shows every coherence warning on purpose.
avert=tests/data/avertissements-coherence.yaml
expect_status "the coherence example is valid" 0 "$paraphe" validate -q "$avert"
expect_text "each of its warnings, with the other value's position" \
	"$tmp/err" "[before-signature]" "[approval-too-late]" \
	"[relay-outside-term]" "[key-date-outside-relay]" \
	"[too-few-originals]" "[special-category-data]" "[election-reserve]" \
	"[self-validation]" \
	"note: signature.date: " "note: contenu.periode_relais.debut: " \
	"note: clauses.duree.fin: " "calendrier-electoral.yaml:44:5: note: " \
	"note: emetteur.contact.nom: the author of the fiche projet" \
	": 9 warnings"
expect_re "the election named at the relay period" "$tmp/err" \
	"avertissements-coherence.yaml:90:3: warning: contenu.periode_relais: .*élections municipales des 15 et 22.mars.2026"
expect_status "the coherence example under --strict" 1 \
	"$paraphe" validate --strict -q "$avert"

# self-validation with fiche_projet.auteur: the author given there, not
# the ministry's contact, is compared with each validation step.
sed 's/^  validation:$/  auteur: { nom: "Thomas  Girard" }\n&/' \
	tests/golden/diag/self-validation.yaml >"$tmp/auteur.yaml"
expect_status "an author who validates her own fiche: a warning" 0 \
	"$paraphe" validate -q "$tmp/auteur.yaml"
expect_re "the step in her name, not the ministry's contact's" "$tmp/err" \
	"auteur.yaml:[0-9]+:[0-9]+: warning: fiche_projet.validation\\[1\\].nom: Thomas GIRARD wrote the fiche projet"
expect_text "the note at fiche_projet.auteur, one warning" "$tmp/err" \
	": note: fiche_projet.auteur.nom: the author of the fiche projet" \
	"auteur.yaml: 1 warning"
expect_status "the coherence example renders" 0 \
	"$paraphe" render "$avert" -f xml -o "$tmp/avert"
expect_text "the warnings do not stop render" "$tmp/err" "[election-reserve]"
# French typography puts no-break spaces in dates and before « : »;
# "." matches any space; the « er » of « 1er » is a superscript.
expect_text "the neutrality clause's version" "$tmp/avert/convention.xml" \
	'<clause id="neutralite" version="2026.3"'
expect_re "the neutrality article names the reserve period" \
	"$tmp/avert/convention.xml" \
	"<strong>Période de.réserve.électorale.</strong>.Du.1(<super>)?er(</super>)?.février.2026.au.22.mars.2026.\\(élections.municipales.des.15.et.22.mars.2026\\),.sur.l’ensemble.du.territoire,.aucun.événement.public.lié.au.partenariat.n’associe.un.membre.du.Gouvernement"
expect_re "the fiche projet's point of vigilance" \
	"$tmp/avert/fiche-projet.xml" \
	"période.de.réserve.électorale.\\(élections.municipales.des.15.et.22.mars.2026\\),.à.compter.du.1(<super>)?er(</super>)?.février.2026.:.pendant.le.relais,.sur.l’ensemble.du.territoire,.aucun.événement.public.avec.un.membre.du.Gouvernement"
# Every other coherence warning is a « Points de vigilance » line of the
# fiche, with the form's dates and the computed answer date of the BAT.
for re in \
	"signature.:.le.kit.est.livré.le.10.février.2026,.avant.la.signature.de.la.convention.\\(3.mars.2026\\)" \
	"signature.:.le.relais.commence.le.1(<super>)?er(</super>)?.mars.2026,.avant.la.signature.de.la.convention.\\(3.mars.2026\\)" \
	"BAT.:.envoyé.le.25.février.2026,.il.laisse.au.Ministère.dix.jours.pour.répondre,.soit.jusqu’au.7.mars.2026,.après.le.début.du.relais.\\(1(<super>)?er(</super>)?.mars.2026\\)" \
	"durée.:.le.relais.finit.le.15.juillet.2026,.après.le.terme.de.la.convention.\\(30.juin.2026\\)" \
	"calendrier.:.le.temps.fort.\\(14.février.2026\\).tombe.hors.de.la.période.de.relais.\\(du.1(<super>)?er(</super>)?.mars.au.15.juillet.2026\\)" \
	"signature.:.un.seul.original.pour.deux.signataires" \
	"données.personnelles.:.le.traitement.révèle.des.données.sensibles.au.sens.du.RGPD" \
	"circuit.de.validation.:.Sophie.MARTIN.rédige.la.fiche.et.la.valide.aussi.à.l’étape.«.Cheffe.de.service.»"; do
	expect_re "a fiche line for the warning /${re%%.:*}: ${re#*:.}/" \
		"$tmp/avert/fiche-projet.xml" "$re"
done
expect_status "an example renders" 0 \
	"$paraphe" render examples/mobilite-verte.yaml -f xml -o "$tmp/mv"
expect_no_re "no coherence line where validate has none to say" \
	"$tmp/mv/fiche-projet.xml" "BAT.:|le.relais.finit|circuit.de.validation.:|données.sensibles|avant.la.signature"
expect_status "a relay outside any reserve period renders" 0 \
	"$paraphe" render tests/golden/diag/coherence-dates.yaml -f xml \
	-o "$tmp/apart"
if grep -q "réserve électorale" "$tmp/apart/convention.xml" \
	"$tmp/apart/fiche-projet.xml"; then
	not_ok "no reserve paragraph outside a reserve period" \
		"$tmp/apart/convention.xml"
else
	ok "no reserve paragraph outside a reserve period"
fi

# Titles typed with a capital (as in a signature block) are lower-cased in
# running text (DOMAIN §2.4); acronyms stay.
sed -e "s/qualite: \"déléguée à l'information/qualite: \"Déléguée à l'information/" \
	-e 's/qualite: "président"/qualite: "Président"/' \
	-e 's/fonction: "responsable de la RSE"/fonction: "RSE et partenariats"/' \
	-e 's/fonction: "référente des partenariats"/fonction: "Référente des partenariats"/' \
	examples/mobilite-verte.yaml >"$tmp/titres.yaml"
cp -R examples/logos "$tmp/"
expect_status "capitalised titles render" 0 \
	"$paraphe" render "$tmp/titres.yaml" -m convention -f xml -o "$tmp/titres"
expect_re "the State signatory's title in lower case" \
	"$tmp/titres/convention.xml" \
	"DUPONT, déléguée à l’information et à la communication, en application"
expect_re "the partner signatory's title in lower case" \
	"$tmp/titres/convention.xml" "agissant en qualité de président,"
expect_re "the contact's function in lower case" \
	"$tmp/titres/convention.xml" "MARTIN, référente des partenariats,"
expect_re "an acronym stays" "$tmp/titres/convention.xml" \
	"ROCHE, RSE et partenariats,"
expect_re "the signature block: « la déléguée … »" \
	"$tmp/titres/convention.xml" ">la déléguée à l’information et à la communication,<"
expect_re "the signature block: « le président »" \
	"$tmp/titres/convention.xml" ">le président,<"
# Other articles cite the « troisième alinéa » (prior approval) and the
# « dernier alinéa » (duration) of the marks article: it has five.
paras=$(sed -n '/<article [^>]*id="marques-logos"/,/<\/article>/p' \
	"$tmp/titres/convention.xml" | grep -c '<paragraph')
[ "$paras" -eq 5 ]
result $? "the marks article has the five paragraphs others cite ($paras)"

# The electoral calendar is data: another data folder, another calendar.
# Its mistakes are errors at their line in the calendar file.
mkdir -p "$tmp/data"
cp -R models "$tmp/data/"
cal=$tmp/data/models/calendrier-electoral.yaml
printf '%s\n' 'version: 1' 'elections:' '  - type: legislatives' \
	'    tours: [2027-02-28, 2027-03-07]' '    portee: locale' \
	'    territoires: "la 2e circonscription du Rhône"' \
	'    debut_reserve: 2027-01-15' >"$cal"
sed 's/periode_relais: { debut: 2026-03-01, fin: 2026-03-10 }/periode_relais: { debut: 2027-03-05, fin: 2027-03-20 }/; s/fin: 2026-06-30/fin: 2027-06-30/' \
	examples/mobilite-verte.yaml >"$tmp/reserve.yaml"
mkdir -p "$tmp/logos" && cp examples/logos/* "$tmp/logos/"
expect_status "a local election of another calendar" 0 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
# The date in the name has no-break spaces, which "." matches.
expect_re "its name" "$tmp/err" \
	"\\(élections législatives des 28.février et 7.mars.2027, from"
expect_text "its areas and its line" "$tmp/err" \
	", from 2027-01-15), in la 2e circonscription du Rhône" \
	"[election-reserve]" "calendrier-electoral.yaml:3:5: note: "
printf '%s\n' 'version: 1' 'elections:' '  - type: municipales' \
	'    tours: [2026-03-22, 2026-03-15]' '    portee: nationale' \
	'    debut_reserve: 2026-02-01' >"$cal"
expect_status "rounds out of order in the calendar" 1 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
expect_text "the calendar's mistake at its line" "$tmp/err" \
	"calendrier-electoral.yaml:4:25: error: elections[1].tours: " "[calendar]"
printf '%s\n' 'version: 1' 'elections:' '  - type: municipales' \
	'    tour: [2026-03-15]' '    portee: partout' >"$cal"
expect_status "unknown keys and values in the calendar" 1 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
expect_text "the calendar's schema" "$tmp/err" \
	"calendrier-electoral.yaml:4:5: error: elections[1].tour: " \
	"calendrier-electoral.yaml:5:13: error: elections[1].portee: " \
	"[missing-key]"
printf 'version: 1\nelections: [\n' >"$cal"
expect_status "a calendar that is not YAML" 1 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
expect_text "the calendar's syntax error" "$tmp/err" \
	"calendrier-electoral.yaml:" "[yaml-syntax]"
rm "$cal"
expect_status "no calendar: an error, not a silence" 1 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
expect_text "no calendar: it says so" "$tmp/err" \
	"electoral calendar is missing" "[calendar]"
expect_status "check --strict on a form with warnings" 1 \
	"$paraphe" check --strict "$coh"
expect_status "models" 0 "$paraphe" models
expect_text "models lists convention" "$tmp/out" "convention"
expect_text "models lists fiche-projet" "$tmp/out" "fiche-projet"
# init: a form with "À COMPLÉTER" in every value that is the partnership's
# own, each refused at its line and nothing else wrong; --example: the
# filled example, valid as it is.  Two models: one form for both.
for m in convention fiche-projet "convention fiche-projet" \
	"fiche-projet convention"; do
	f="$tmp/init-$(echo "$m" | tr ' ' _).yaml"
	# shellcheck disable=SC2086 # one or two model names
	expect_status "init --example $m" 0 "$paraphe" init --example $m
	cp "$tmp/out" "$f"
	expect_status "init --example $m validates" 0 "$paraphe" validate "$f"
	if grep -q "COMPLÉTER\"" "$f"; then
		not_ok "init --example $m has no blank" "$f"
	else
		ok "init --example $m has no blank"
	fi
	# shellcheck disable=SC2086
	expect_status "init $m" 0 "$paraphe" init $m
	cp "$tmp/out" "$f"
	blanks=$(grep -o '"À COMPLÉTER"' "$f" | wc -l)
	expect_status "init $m: the blank form is refused" 1 \
		"$paraphe" validate -q "$f"
	errors=$(grep -c ': error: ' "$tmp/err")
	placeholders=$(grep -c ': error: .*\[placeholder\]$' "$tmp/err")
	if [ "$blanks" -gt 40 ] && [ "$errors" -eq "$blanks" ] &&
		[ "$placeholders" -eq "$blanks" ]; then
		ok "init $m: one placeholder error per blank ($blanks), no other"
	else
		not_ok "init $m: $blanks blanks, $errors errors," \
			"$placeholders placeholders" "$tmp/err"
	fi
	# Each key says whether it is mandatory, a blank one or not.
	if grep -v '^ *#' "$f" | grep -v '^$' |
		grep -vE '  # (obligatoire|obligatoire (selon|dans) [a-z_]+|facultatif|doit rester (true|false))$' \
			>"$tmp/unlabelled"; then
		not_ok "init $m: every key says if it is mandatory" \
			"$tmp/unlabelled"
	else
		ok "init $m: every key says if it is mandatory"
	fi
done
f="$tmp/init-convention_fiche-projet.yaml"
expect_text "init convention fiche-projet: one form for both" "$f" \
	"types: [convention, fiche_projet]" "fiche_projet:" "clauses:" \
	"signature:" "  siren: \"À COMPLÉTER\"  # obligatoire selon forme_juridique" \
	"  denomination: \"À COMPLÉTER\"  # obligatoire" \
	"  site_web: \"À COMPLÉTER\"  # facultatif" \
	"  neutralite: true  # doit rester true" "partenaire:  # obligatoire" \
	"    nom: \"À COMPLÉTER\"  # obligatoire dans contact" \
	"  - { libelle: \"À COMPLÉTER\", date: \"À COMPLÉTER\" }  # obligatoire dans jalons"
if [ "$(grep -c '^#  Formulaire de ' "$f")" -eq 1 ] &&
	grep -q '^#   paraphe init convention fiche-projet > ' "$f"; then
	ok "init convention fiche-projet: one title, the command for both"
else
	not_ok "init convention fiche-projet: one title, the command for both" "$f"
fi
# The fiche's example under another partner's name: its contacts' e-mail
# addresses are the example's, their functions may be anyone's.
"$paraphe" init --example fiche-projet |
	sed 's/denomination: "Mobilité Verte SAS"/denomination: "Cycles Durables SARL"/' \
		>"$tmp/fiche-name-only.yaml"
expect_status "fiche, only the name changed: valid, with warnings" 0 \
	"$paraphe" validate -q "$tmp/fiche-name-only.yaml"
resume=$(grep -n '^  resume: ' "$tmp/fiche-name-only.yaml" | cut -d: -f1)
expect_text "fiche: the summary that names the example partner" "$tmp/err" \
	"fiche-name-only.yaml:$resume:11: warning: fiche_projet.resume: "
# The SIG's contact is the same for every partnership: not the example's
# partner, never warned about.
fonction=$(grep -n 'courriel: "thomas.girard@sig.example.gouv.fr"' \
	"$tmp/fiche-name-only.yaml" | cut -d: -f1)
if grep -q "fiche-name-only.yaml:$fonction:" "$tmp/err"; then
	not_ok "fiche: the SIG's contact is not warned about" "$tmp/err"
else
	ok "fiche: the SIG's contact is not warned about"
fi
expect_status "init the same model twice" 2 "$paraphe" init convention convention
expect_text "init twice: why" "$tmp/err" "named twice"
expect_status "init two models that share no form" 2 \
	"$paraphe" init convention campagne
expect_status "init three models" 2 \
	"$paraphe" init convention fiche-projet convention
expect_status "init --help" 0 "$paraphe" init --help
expect_text "init --help names --example" "$tmp/out" "--example"
# An officer who starts from the example and changes only the partner's
# name is told what else is still the example partner's.
"$paraphe" init --example convention |
	sed 's/denomination: "Mobilité Verte SAS"/denomination: "Cycles Durables SARL"/' \
		>"$tmp/name-only.yaml"
expect_status "only the name changed: valid, with warnings" 0 \
	"$paraphe" validate -q "$tmp/name-only.yaml"
siren_line=$(grep -n '^  siren: ' "$tmp/name-only.yaml" | cut -d: -f1)
expect_text "only the name changed: the SIREN, the preamble, the e-mail" \
	"$tmp/err" "name-only.yaml:$siren_line:10: warning: partenaire.siren: " \
	"warning: contenu.preambule[2]: " "warning: partenaire.contact.courriel: " \
	"[example-value]"
expect_status "only the name changed, --strict: refused" 1 \
	"$paraphe" validate -q --strict "$tmp/name-only.yaml"
expect_status "the example's own partner" 0 \
	"$paraphe" validate -q examples/mobilite-verte.yaml
if grep -q example-value "$tmp/err"; then
	not_ok "the example's own partner: no example-value warning" "$tmp/err"
else
	ok "the example's own partner: no example-value warning"
fi
expect_status "init unknown model" 2 "$paraphe" init brochure
expect_text "init unknown model lists the models" "$tmp/err" "convention"
expect_status "init without a model" 2 "$paraphe" init
expect_status "validate against an unknown model" 1 "$paraphe" validate \
	--model brochure examples/mobilite-verte.yaml
printf 'version: 1\n' >"$tmp/partial.yaml"
expect_status "an incomplete form is invalid" 1 "$paraphe" validate "$tmp/partial.yaml"
expect_text "incomplete form: count at the end" "$tmp/err" "errors"
expect_status "one bad form among good ones fails the run" 1 "$paraphe" validate \
	examples/mobilite-verte.yaml "$tmp/partial.yaml"
# Annex files (annexes[].fichier): the example whose data-processing annex
# is a Markdown file prints it in the PDF and the ODT; the limits the diag
# goldens cannot hold (a file too big, a link out of the folder, a pipe).
expect_status "render an annex file" 0 "$paraphe" render \
	examples/mutuelle-solidaire-atlantique.yaml -f pdf,odt -o "$tmp/annexe"
if command -v pdftotext >/dev/null; then
	pdftotext "$tmp/annexe/convention.pdf" "$tmp/annexe.txt"
	expect_text "the annex file's text is in the PDF" "$tmp/annexe.txt" \
		"Annexe 1 – Conditions du traitement de données personnelles" \
		"Responsable du traitement : Mutuelle Solidaire Atlantique." \
		"Transferts : aucun transfert hors de l’Union européenne."
else
	skip "the annex file's text is in the PDF" "no pdftotext"
fi
unzip -p "$tmp/annexe/convention.odt" content.xml >"$tmp/annexe.xml"
expect_text "the annex file's text is in the ODT, its bold kept" \
	"$tmp/annexe.xml" "Responsable du traitement" \
	"aucun transfert hors de l" "<text:list"
mkdir -p "$tmp/ann/annexes"
cp -R examples/logos "$tmp/ann/"
sed -e 's|^    fichier: .*|    fichier: "annexes/lourd.md"|' \
	examples/mutuelle-solidaire-atlantique.yaml >"$tmp/ann/lourd.yaml"
awk 'BEGIN { for (i = 0; i < 6000; i++) printf "Ligne %05d de texte, assez longue pour peser.\n", i }' \
	>"$tmp/ann/annexes/lourd.md"
expect_status "an annex file over 256 KiB" 1 "$paraphe" validate -q \
	"$tmp/ann/lourd.yaml"
line=$(grep -n '^    fichier: ' "$tmp/ann/lourd.yaml" | cut -d: -f1)
expect_text "too big: at the value, with the limit" "$tmp/err" \
	"lourd.yaml:$line:14: error: annexes[1].fichier: annexes/lourd.md: this file is" \
	"256 KiB at most" "[too-big]"
head -c 262144 "$tmp/ann/annexes/lourd.md" >"$tmp/ann/annexes/juste.md"
sed -e 's|lourd.md|juste.md|' "$tmp/ann/lourd.yaml" >"$tmp/ann/juste.yaml"
expect_status "an annex file of exactly 256 KiB" 0 "$paraphe" validate -q \
	"$tmp/ann/juste.yaml"
echo "Hors du dossier du formulaire." >"$tmp/dehors.md"
ln -s ../../dehors.md "$tmp/ann/annexes/lien.md"
sed -e 's|lourd.md|lien.md|' "$tmp/ann/lourd.yaml" >"$tmp/ann/lien.yaml"
expect_status "an annex file linked from outside the folder" 1 \
	"$paraphe" validate -q "$tmp/ann/lien.yaml"
expect_text "link: at the value" "$tmp/err" \
	"lien.yaml:$line:14: error: annexes[1].fichier: annexes/lien.md: a symbolic link leads out" \
	"[annex]"
ln -s juste.md "$tmp/ann/annexes/lien-interne.md"
sed -e 's|lourd.md|lien-interne.md|' "$tmp/ann/lourd.yaml" >"$tmp/ann/li.yaml"
expect_status "a link that stays in the folder" 0 \
	"$paraphe" validate -q "$tmp/ann/li.yaml"
if mkfifo "$tmp/ann/annexes/tube.md" 2>/dev/null; then
	sed -e 's|lourd.md|tube.md|' "$tmp/ann/lourd.yaml" >"$tmp/ann/tube.yaml"
	expect_status "a pipe as annex file: refused, not waited on" 1 \
		timeout 20 "$paraphe" validate -q "$tmp/ann/tube.yaml"
	expect_text "pipe: why" "$tmp/err" "not an ordinary file"
else
	skip "a pipe as annex file" "no mkfifo"
fi
expect_status "render refuses a form whose annex file is missing" 1 \
	"$paraphe" render "$tmp/ann/lourd.yaml" -f xml -o "$tmp/ann/out"
if [ -e "$tmp/ann/out/convention.xml" ]; then
	not_ok "nothing written for a bad annex file"
else
	ok "nothing written for a bad annex file"
fi

# render: documents written only when everything expands; same bytes twice.
expect_status "render an example" 0 "$paraphe" render examples/mobilite-verte.yaml \
	-f xml,pdf -o "$tmp/r1"
expect_text "render names what it wrote" "$tmp/out" "convention.xml"
expect_status "render again, in another time zone" 0 env TZ=Asia/Tokyo "$paraphe" \
	render examples/mobilite-verte.yaml -f xml,pdf -o "$tmp/r2"
cmp -s "$tmp/r1/convention.xml" "$tmp/r2/convention.xml" &&
	cmp -s "$tmp/r1/fiche-projet.xml" "$tmp/r2/fiche-projet.xml" &&
	cmp -s "$tmp/r1/convention.pdf" "$tmp/r2/convention.pdf" &&
	cmp -s "$tmp/r1/fiche-projet.pdf" "$tmp/r2/fiche-projet.pdf"
result $? "render is reproducible"
expect_status "render an invalid form" 1 "$paraphe" render "$tmp/partial.yaml" \
	-o "$tmp/r3"
ls -A "$tmp/r3" >"$tmp/written" 2>/dev/null
[ ! -s "$tmp/written" ]
result $? "nothing written for an invalid form" "$tmp/written"
sed -e "/^  logo:/d" -e 's/denomination: "Mobilité Verte SAS"/denomination: "Dupont \& <Fils> \\"SAS\\""/' \
	examples/mobilite-verte.yaml >"$tmp/inject.yaml"
expect_status "render a partner name with markup" 0 "$paraphe" render \
	"$tmp/inject.yaml" -m convention -f xml -o -
expect_re "markup in a name stays text (quotes made French)" "$tmp/out" \
	'Dupont &amp; &lt;Fils&gt; «.SAS.»'
expect_status "render -f rtf: unknown format" 2 "$paraphe" render \
	examples/mobilite-verte.yaml -f rtf
expect_status "render --help" 0 "$paraphe" render --help
# A charter that embeds its fonts in ODTs: the files are in the package
# and its manifest.
cp -r charte/etat "$tmp/charte-polices"
sed -i 's/^  incorporer_odt: false/  incorporer_odt: true/' \
	"$tmp/charte-polices/charte.yaml"
expect_status "render an ODT with embedded fonts" 0 "$paraphe" render \
	examples/mobilite-verte.yaml -m convention -f odt \
	-c "$tmp/charte-polices" -o "$tmp/polices"
unzip -l "$tmp/polices/convention.odt" | grep -q "Fonts/LiberationSans-Regular.ttf" &&
	unzip -p "$tmp/polices/convention.odt" META-INF/manifest.xml |
	grep -q 'Fonts/LiberationSans-Regular.ttf' &&
	unzip -p "$tmp/polices/convention.odt" styles.xml |
	grep -q 'svg:font-face-uri xlink:href="Fonts/LiberationSans-Regular.ttf"'
result $? "the fonts are in the ODT, its manifest and its styles"
expect_status "the default charter embeds no font" 0 "$paraphe" render \
	examples/mobilite-verte.yaml -m convention -f odt -o "$tmp/sans"
unzip -l "$tmp/sans/convention.odt" >"$tmp/entries"
! grep -q "Fonts/" "$tmp/entries"
result $? "no font in an ODT by default" "$tmp/entries"

# poppler, libzip and librsvg are opened only when a run needs them
# (src/dynlib.h): a PDF render with a PNG logo loads none of them, an ODT
# loads libzip, an SVG logo librsvg, a check of a PDF poppler.
loaded() { # loaded NAME LIBRARY-PATTERN WANTED(yes|no) COMMAND...
	name=$1 pat=$2 want=$3
	shift 3
	LD_DEBUG=files "$@" >/dev/null 2>"$tmp/lddebug"
	if grep -q "file=$pat" "$tmp/lddebug"; then got=yes; else got=no; fi
	grep "$pat" "$tmp/lddebug" | head -5 >"$tmp/why"
	[ "$got" = "$want" ]
	result $? "$name (loaded: $got)" "$tmp/why"
}
loaded "a PDF render with a PNG logo does not load poppler" \
	libpoppler no "$paraphe" render examples/boussole-rencontres.yaml \
	-m convention -f pdf -o "$tmp/lazy"
loaded "a PDF render with a PNG logo does not load libzip" \
	libzip no "$paraphe" render examples/boussole-rencontres.yaml \
	-m convention -f pdf -o "$tmp/lazy"
loaded "a PDF render with a PNG logo does not load librsvg" \
	librsvg no "$paraphe" render examples/boussole-rencontres.yaml \
	-m convention -f pdf -o "$tmp/lazy"
loaded "an ODT render loads libzip" libzip yes "$paraphe" render \
	examples/boussole-rencontres.yaml -m convention -f odt -o "$tmp/lazy"
loaded "an SVG logo loads librsvg" librsvg yes "$paraphe" render \
	examples/mobilite-verte.yaml -m convention -f pdf -o "$tmp/lazy"
loaded "checking a PDF loads poppler" libpoppler yes "$paraphe" check \
	"$tmp/lazy/convention.pdf"
# A library opened when needed that turns out unusable (here a libzip.so.4
# without a single function, found first through LD_LIBRARY_PATH): a clear
# message naming it and its package, exit status 2, nothing written.
mkdir -p "$tmp/fakelib"
if printf 'int pp_fake;\n' >"$tmp/fakelib/fake.c" &&
	cc -shared -fPIC -o "$tmp/fakelib/libzip.so.4" "$tmp/fakelib/fake.c" \
		2>/dev/null; then
	LD_LIBRARY_PATH=$tmp/fakelib expect_status "an unusable libzip: exit status 2" \
		2 "$paraphe" render examples/boussole-rencontres.yaml \
		-m convention -f odt -o "$tmp/nolib"
	expect_text "an unusable libzip: the library and its use named" \
		"$tmp/err" "cannot load libzip.so.4, which paraphe needs to write ODT and DOCX files"
	expect_text "an unusable libzip: the missing function named" "$tmp/err" \
		"the function zip_close is missing"
	[ ! -e "$tmp/nolib/convention.odt" ]
	result $? "an unusable libzip: nothing written"
else
	skip "an unusable libzip" "no C compiler"
fi

# A charter with its own bloc-marque artwork (a stand-in drawn here, not the
# State's): drawn in its proportions, SVG or PNG; unreadable, an error and
# nothing written.
mkdir -p "$tmp/charte-art"
cp charte/etat/charte.yaml "$tmp/charte-art/charte.yaml"
sed -i 's/^  fichier: null$/  fichier: marque.svg/' "$tmp/charte-art/charte.yaml"
cat >"$tmp/charte-art/marque.svg" <<'EOF'
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100"><rect width="100" height="100" fill="#000091"/><rect x="100" width="200" height="100" fill="#E1000F"/></svg>
EOF
expect_status "a charter's SVG artwork is drawn" 0 "$paraphe" render \
	examples/boussole-rencontres.yaml --charte "$tmp/charte-art" \
	-m convention -f pdf,layout -o "$tmp/art"
expect_text "the layout names the artwork" "$tmp/art/convention.layout" \
	"artwork"
# The box "paraphe check" reads: 31 mm high (the charter's height), so
# 3 x 31 mm wide from the artwork's 3:1 proportions.
qpdf --qdf --object-streams=disable "$tmp/art/convention.pdf" "$tmp/art/q.pdf"
box=$(grep -ao "paraphe-bloc-marque:[0-9.:]*" "$tmp/art/q.pdf" | head -1)
echo "$box" | awk -F: '{ exit !($5 > 0 && $4 / $5 > 2.95 && $4 / $5 < 3.05) }'
result $? "the artwork keeps its proportions ($box)"
"$paraphe" check --charte "$tmp/charte-art" "$tmp/art/convention.pdf" \
	>"$tmp/art/check" 2>&1
! grep -q "bloc-marque-absent" "$tmp/art/check"
result $? "check finds the artwork bloc-marque" "$tmp/art/check"
printf 'not an svg' >"$tmp/charte-art/marque.svg"
expect_status "an unreadable artwork is an error" 1 "$paraphe" render \
	examples/boussole-rencontres.yaml --charte "$tmp/charte-art" \
	-m convention -f pdf -o "$tmp/art-bad"
expect_text "the error names the artwork" "$tmp/err" "marque.svg"
[ ! -e "$tmp/art-bad/convention.pdf" ]
result $? "nothing written after an artwork error"
done_testing
