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

# The example form that shows every coherence warning on purpose.
avert=tests/data/avertissements-coherence.yaml
expect_status "the coherence example is valid" 0 "$paraphe" validate -q "$avert"
expect_text "each of its warnings, with the other value's position" \
	"$tmp/err" "[before-signature]" "[approval-too-late]" \
	"[relay-outside-term]" "[key-date-outside-relay]" \
	"[too-few-originals]" "[special-category-data]" "[election-reserve]" \
	"note: signature.date: " "note: contenu.periode_relais.debut: " \
	"note: clauses.duree.fin: " "calendrier-electoral.yaml:44:5: note: " \
	": 8 warnings"
expect_re "the election named at the relay period" "$tmp/err" \
	"avertissements-coherence.yaml:88:3: warning: contenu.periode_relais: .*élections municipales des 15 et 22.mars.2026"
expect_status "the coherence example under --strict" 1 \
	"$paraphe" validate --strict -q "$avert"
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
expect_status "no calendar, no reserve period" 0 \
	env PARAPHE_DATADIR="$tmp/data" "$paraphe" validate -q "$tmp/reserve.yaml"
if grep -q election-reserve "$tmp/err"; then
	not_ok "no calendar, no warning" "$tmp/err"
else
	ok "no calendar, no warning"
fi
expect_status "check --strict on a form with warnings" 1 \
	"$paraphe" check --strict "$coh"
expect_status "models" 0 "$paraphe" models
expect_text "models lists convention" "$tmp/out" "convention"
expect_text "models lists fiche-projet" "$tmp/out" "fiche-projet"
for m in convention fiche-projet; do
	expect_status "init $m" 0 "$paraphe" init "$m"
	cp "$tmp/out" "$tmp/init-$m.yaml"
	expect_status "init $m output validates" 0 "$paraphe" validate \
		--model "$m" "$tmp/init-$m.yaml"
done
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
expect_status "render -f docx: unknown format" 2 "$paraphe" render \
	examples/mobilite-verte.yaml -f docx
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
		"$tmp/err" "cannot load libzip.so.4, which paraphe needs to write ODT files"
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
