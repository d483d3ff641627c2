#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# No silent wrong answer (issue 15): a paraphe that cannot find what it
# needs says so and fails, rather than calling a form valid against nothing.
# Run from the source root (meson does); $1 is the paraphe binary.
set -u
paraphe=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
form=$(pwd)/examples/mobilite-verte.yaml

# A binary copied alone: no data beside it, not in its build tree.
cp "$paraphe" "$tmp/paraphe"
for cmd in "validate $form" "render $form -o $tmp/out-docs" "models" \
	"init convention" "schema convention" "check $tmp/none.pdf" \
	"kit examples/campagne-8-mars/campagne.yaml -o $tmp/kit"; do
	# shellcheck disable=SC2086
	expect_status "copied alone: $cmd exits 2" 2 \
		env -u PARAPHE_DATADIR "$tmp/paraphe" $cmd
	expect_text "copied alone: $cmd says where it looked" "$tmp/err" \
		"no model data: " "/models holds no model"
done
[ ! -e "$tmp/out-docs" ] && [ ! -e "$tmp/kit" ]
result $? "copied alone: nothing written"
expect_status "copied alone: validate --help still answers" 0 \
	env -u PARAPHE_DATADIR "$tmp/paraphe" validate --help
expect_status "copied alone: formats still answers" 0 \
	env -u PARAPHE_DATADIR "$tmp/paraphe" formats

# A wrong data path.
mkdir -p "$tmp/empty"
expect_status "PARAPHE_DATADIR without models: validate exits 2" 2 \
	env PARAPHE_DATADIR="$tmp/empty" "$paraphe" validate "$form"
expect_text "it names the variable" "$tmp/err" "$tmp/empty/models" \
	"PARAPHE_DATADIR"

# Data that lost one model: the form that names it is not valid.
mkdir -p "$tmp/one"
cp -r models charte "$tmp/one/"
rm -r "$tmp/one/models/convention"
expect_status "a model missing from the data: not valid" 1 \
	env PARAPHE_DATADIR="$tmp/one" "$paraphe" validate "$form"
expect_text "the missing model is named" "$tmp/err" \
	'no model "convention"'

# Data that lost its electoral calendar: reserve periods cannot be checked.
mkdir -p "$tmp/nocal"
cp -r models charte "$tmp/nocal/"
rm "$tmp/nocal/models/calendrier-electoral.yaml"
expect_status "no electoral calendar: validate fails" 1 \
	env PARAPHE_DATADIR="$tmp/nocal" "$paraphe" validate "$form"
expect_text "the calendar is named" "$tmp/err" \
	"calendrier-electoral.yaml" "electoral calendar is missing"
expect_status "no electoral calendar: render fails" 1 \
	env PARAPHE_DATADIR="$tmp/nocal" "$paraphe" render "$form" \
	-o "$tmp/nocal-docs"
[ ! -e "$tmp/nocal-docs/convention.pdf" ]
result $? "no electoral calendar: no document written"

# Outputs get the mode any new file gets (0666 & ~umask; folders 0777 &
# ~umask), and a file that exists keeps its own.
modes() { stat -c '%a' "$@" | sort -u | tr '\n' ' '; }
(umask 027 && "$paraphe" render "$form" -o "$tmp/m027/docs" >/dev/null 2>&1)
[ "$(modes "$tmp/m027/docs"/*)" = "640 " ] &&
	[ "$(modes "$tmp/m027" "$tmp/m027/docs")" = "750 " ]
result $? "umask 027: files 640, folders 750 ($(modes "$tmp/m027/docs"/*))"
(umask 002 && "$paraphe" render "$form" -o "$tmp/m002" >/dev/null 2>&1)
[ "$(modes "$tmp/m002"/*)" = "664 " ] && [ "$(modes "$tmp/m002")" = "775 " ]
result $? "umask 002: files 664, folder 775 ($(modes "$tmp/m002"/*))"
chmod 600 "$tmp/m002/convention.pdf" "$tmp/m002/convention.odt"
(umask 002 && "$paraphe" render "$form" -o "$tmp/m002" >/dev/null 2>&1)
[ "$(modes "$tmp/m002/convention.pdf" "$tmp/m002/convention.odt")" = "600 " ]
result $? "a file written again keeps its mode"

# Numbers in arguments are whole numbers, nothing after them.
camp=examples/campagne-8-mars/campagne.yaml
for arg in "-j 4x" "-j 2.5" "-j +2" "-j 0" "-j 257" "--shard 1/2x" \
	"--shard 1/2/3" "--shard 0/2" "--shard 3/2" "--shard 1x/2"; do
	# shellcheck disable=SC2086
	expect_status "kit $arg: a usage error" 2 \
		"$paraphe" kit "$camp" $arg -o "$tmp/kit-args"
done
[ ! -e "$tmp/kit-args" ]
result $? "bad numbers: no kit started"

# A folder that cannot be created: the system's reason.
: >"$tmp/a-file"
expect_status "render into a file's subfolder" 2 \
	"$paraphe" render "$form" -o "$tmp/a-file/docs"
expect_text "the reason is given" "$tmp/err" \
	"cannot create this folder: Not a directory"

# Incremental kits: whatever changes a document's bytes is in its
# fingerprint, so changing it rebuilds; nothing changed, nothing rebuilt.
mkdir -p "$tmp/fp"
cp -r models charte "$tmp/fp/"
mkdir -p "$tmp/fp/charte/etat/polices"
echo "police 1" >"$tmp/fp/charte/etat/polices/notes.txt"
sed -i 's/^  dossier: null$/  dossier: polices/' "$tmp/fp/charte/etat/charte.yaml"
kit_fp() { # kit_fp NAME WANT [VAR=VALUE...]: one partner, "produced" or "up to date"
	name=$1 want=$2
	shift 2
	env -u SOURCE_DATE_EPOCH PARAPHE_DATADIR="$tmp/fp" "$@" "$paraphe" kit \
		"$camp" --only mobilite-verte -o "$tmp/fp-out" \
		>"$tmp/out" 2>"$tmp/err"
	if grep -q "8mars-2026: $want" "$tmp/out"; then
		ok "$name"
	else
		not_ok "$name (wanted \"$want\")" "$tmp/out"
	fi
}
kit_fp "fingerprint: first run builds" "1 produced"
kit_fp "fingerprint: nothing changed, nothing rebuilt" "0 produced, 1 up to date"
kit_fp "fingerprint: SOURCE_DATE_EPOCH set rebuilds" "1 produced" \
	SOURCE_DATE_EPOCH=1767225600
kit_fp "fingerprint: the same SOURCE_DATE_EPOCH does not" "0 produced" \
	SOURCE_DATE_EPOCH=1767225600
kit_fp "fingerprint: SOURCE_DATE_EPOCH unset again rebuilds" "1 produced"
echo "police 2" >"$tmp/fp/charte/etat/polices/notes.txt"
kit_fp "fingerprint: a file of the charter's font folder rebuilds" "1 produced"
mkdir -p "$tmp/fp/charte/etat/polices/marianne"
echo "x" >"$tmp/fp/charte/etat/polices/marianne/Marianne-Bold.otf"
kit_fp "fingerprint: a font in a subfolder rebuilds" "1 produced"
echo "# révision" >>"$tmp/fp/models/calendrier-electoral.yaml"
kit_fp "fingerprint: the electoral calendar rebuilds" "1 produced"
kit_fp "fingerprint: then up to date again" "0 produced, 1 up to date"

# The fonts' digests kept between runs (src/kitdigests.c, in the user's
# cache folder): a kept digest serves only the very same file.  A file
# changed in the last seconds is not kept, so the test writes the entry a
# run would have kept for an older file.
xdg=$tmp/xdg
font=$tmp/fp/charte/etat/polices/notes.txt
keep_digest() { # keep_digest FILE [DIGEST]: the cache holds FILE as it is now
	mkdir -p "$xdg/paraphe"
	set -- "$(realpath -s "$1")" "${2:-$(sha256sum <"$1" | cut -c1-64)}"
	{
		echo "paraphe font-digests 1"
		echo "$2 $(stat -c '%s %.9Y %.9Z %d %i' "$1" | tr . ' ') $1"
	} >"$xdg/paraphe/font-digests"
}
printf 'police A' >"$font"
kit_fp "digests: a changed font rebuilds" "1 produced" XDG_CACHE_HOME="$xdg"
keep_digest "$font" "$(printf 'police Z' | sha256sum | cut -c1-64)"
kit_fp "digests: a kept digest is used for the same file" "1 produced" \
	XDG_CACHE_HOME="$xdg"
keep_digest "$font"
kit_fp "digests: the right one gives the first fingerprint back" \
	"1 produced" XDG_CACHE_HOME="$xdg"
kit_fp "digests: then up to date" "0 produced, 1 up to date" \
	XDG_CACHE_HOME="$xdg"
when=$(stat -c %.9Y "$font")
printf 'police B' >"$font"
touch -d "@$when" "$font"
kit_fp "digests: a font changed in place (same size, same time) rebuilds" \
	"1 produced" XDG_CACHE_HOME="$xdg"
keep_digest "$font"
printf 'police C' >"$font.new"
touch -d "@$when" "$font.new"
mv "$font.new" "$font"
kit_fp "digests: a font replaced by another file rebuilds" "1 produced" \
	XDG_CACHE_HOME="$xdg"
kit_fp "digests: then up to date again" "0 produced, 1 up to date" \
	XDG_CACHE_HOME="$xdg"

# kit --only: a misspelt id is an error with a suggestion; the partners
# not selected stay in the indexes with their last status.
expect_status "--only with an unknown id: a usage error" 2 \
	"$paraphe" kit "$camp" --only mobilite-vert -o "$tmp/only"
expect_text "--only: did you mean" "$tmp/err" \
	'--only mobilite-vert: no partner of this campaign has this id; did you mean "mobilite-verte"?'
[ ! -e "$tmp/only" ]
result $? "--only with an unknown id: nothing written"
expect_status "--only one partner" 0 \
	"$paraphe" kit "$camp" --only mobilite-verte -q -o "$tmp/only"
expect_status "--only another partner" 0 \
	"$paraphe" kit "$camp" --only supermarches-horizon -q -o "$tmp/only"
recap=$tmp/only/8mars-2026/recapitulatif.csv
[ "$(grep -c ';produit;' "$recap")" -eq 2 ] &&
	[ "$(grep -c ';non_produit;' "$recap")" -eq 8 ] &&
	grep -q '^mobilite-verte;.*;produit;convention.pdf' "$recap"
result $? "--only: the first run's partner is kept, the others listed" "$recap"

# Two kits on one folder: the second refuses while the first runs, and the
# first ends whole.
"$paraphe" kit "$camp" -j1 -q --force -o "$tmp/lock" >"$tmp/first.out" \
	2>"$tmp/first.err" &
first=$!
i=0
while [ ! -e "$tmp/lock/8mars-2026/mobilite-verte" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
expect_status "a second kit on the same folder is refused" 2 \
	"$paraphe" kit "$camp" -q -o "$tmp/lock"
expect_text "it says why" "$tmp/err" "another kit is running in this folder"
wait "$first"
result $? "the first kit ends well" "$tmp/first.err"
[ "$(grep -c ';produit;' "$tmp/lock/8mars-2026/recapitulatif.csv")" -eq 10 ]
result $? "the first kit's index lists its ten partners" \
	"$tmp/lock/8mars-2026/recapitulatif.csv"
expect_status "once it ended, a kit runs again" 0 \
	"$paraphe" kit "$camp" -q -o "$tmp/lock"

# Only ordinary files are read: a FIFO with no writer, a device, a folder
# are refused at once (an open() without O_NONBLOCK waited forever).
mkfifo "$tmp/pipe.yaml" "$tmp/pipe.pdf"
expect_status "validate a FIFO: refused at once" 2 \
	timeout 20 "$paraphe" validate "$tmp/pipe.yaml"
expect_text "a FIFO: said so" "$tmp/err" "is not an ordinary file"
expect_status "check a FIFO: refused at once" 2 \
	timeout 20 "$paraphe" check "$tmp/pipe.pdf"
expect_status "validate a device" 2 timeout 20 "$paraphe" validate /dev/zero
expect_text "a device: said so" "$tmp/err" "is not an ordinary file"

# Confinement: a file named by a form or a campaign lies in its folder, or
# in one allowed with --allow-path; its contents are never repeated.
mkdir -p "$tmp/conf/form/logos"
cp examples/logos/mobilite-verte.svg "$tmp/conf/outside.svg"
cp examples/logos/mobilite-verte.svg "$tmp/conf/form/logos/"
printf 'motdepasse: s3cr3t-du-voisin\n' >"$tmp/conf/secret.yaml"
confform() { # confform PATH: the example form with its logo at PATH
	sed "s#\"logos/mobilite-verte.svg\"#\"$1\"#" "$form" \
		>"$tmp/conf/form/f.yaml"
}
confform "../outside.svg"
expect_status "a logo named ../outside.svg: refused" 1 \
	"$paraphe" validate "$tmp/conf/form/f.yaml"
expect_re "at the value, with the rule" "$tmp/err" \
	"f\.yaml:48:[0-9]+: error: partenaire\.logo\.fichier: \.\./outside\.svg: this path leads outside the folder .*\[outside\]"
confform "$tmp/conf/outside.svg"
expect_status "a logo named by an absolute path: refused" 1 \
	"$paraphe" validate "$tmp/conf/form/f.yaml"
expect_text "said so" "$tmp/err" "a file outside the folder" "[outside]"
ln -s "$tmp/conf/outside.svg" "$tmp/conf/form/logos/lien.svg"
confform "logos/lien.svg"
expect_status "a symbolic link that leads outside: refused" 1 \
	"$paraphe" validate "$tmp/conf/form/f.yaml"
expect_text "said so" "$tmp/err" "symbolic link" "[outside]"
expect_status "--allow-path: the folder allowed" 0 \
	"$paraphe" validate --allow-path "$tmp/conf" "$tmp/conf/form/f.yaml"
expect_status "render refuses it too" 1 \
	"$paraphe" render "$tmp/conf/form/f.yaml" -o "$tmp/conf/out"
[ ! -e "$tmp/conf/out/convention.pdf" ]
result $? "render: nothing written"
confform "logos/mobilite-verte.svg"
expect_status "a logo inside the folder: valid" 0 \
	"$paraphe" validate "$tmp/conf/form/f.yaml"

# A campaign that names files outside its folder.
mkdir -p "$tmp/conf/camp"
cp -r examples/campagne-8-mars/. "$tmp/conf/camp/"
sed -i 's#fichier_formulaire: "partenaires/federation-artisans-numeriques.yaml"#fichier_formulaire: "../secret.yaml"#' \
	"$tmp/conf/camp/campagne.yaml"
expect_status "a partner form outside the campaign: that partner fails" 1 \
	"$paraphe" kit "$tmp/conf/camp/campagne.yaml" -q -o "$tmp/conf/kit"
expect_text "the partner's error" "$tmp/err" \
	"fichier_formulaire" "../secret.yaml: this path leads outside" \
	"[outside]"
if grep -rq "s3cr3t" "$tmp/err" "$tmp/out" "$tmp/conf/kit"; then
	not_ok "the outside file's contents are never repeated" "$tmp/err"
else
	ok "the outside file's contents are never repeated"
fi
sed 's#^partenaires: "partenaires.csv"#partenaires: "/etc/passwd"#' \
	examples/campagne-8-mars/campagne-csv.yaml >"$tmp/conf/camp/csv.yaml"
expect_status "a partner table outside the campaign: refused" 2 \
	"$paraphe" kit "$tmp/conf/camp/csv.yaml" -q -o "$tmp/conf/kit2"
expect_text "said so" "$tmp/err" "/etc/passwd: a file outside the folder"
if grep -q "root:" "$tmp/err" "$tmp/out"; then
	not_ok "/etc/passwd is never repeated" "$tmp/err"
else
	ok "/etc/passwd is never repeated"
fi

# A partner form that is not valid YAML: its lines are never quoted (the
# campaign's own lines may be).
mkdir -p "$tmp/conf/bad"
cp -r examples/campagne-8-mars/. "$tmp/conf/bad/"
printf 'cle_privee: "s3cr3t-du-voisin\n  autre: [\n' \
	>"$tmp/conf/bad/partenaires/federation-artisans-numeriques.yaml"
expect_status "a partner form that is not YAML: that partner fails" 1 \
	"$paraphe" kit "$tmp/conf/bad/campagne.yaml" -q -o "$tmp/conf/badkit"
expect_text "its error is given, at its line" "$tmp/err" \
	"federation-artisans-numeriques.yaml:1:13: error: " "[yaml-syntax]"
if grep -rq "s3cr3t" "$tmp/err" "$tmp/out" "$tmp/conf/badkit"; then
	not_ok "its contents are never repeated" "$tmp/err"
else
	ok "its contents are never repeated"
fi

# An included partner form names its logo and its annexes beside itself
# (not beside the campaign), and still inside the campaign's folder tree.
inc=$tmp/conf/inc
mkdir -p "$inc"
cp -r examples/campagne-8-mars/. "$inc/"
mkdir -p "$inc/partenaires/logos" "$inc/partenaires/annexes"
cp examples/logos/parite-ensemble.png "$inc/partenaires/logos/fan.png"
cp examples/annexes/mutuelle-donnees-personnelles.md "$inc/partenaires/annexes/dp.md"
# The campaign's entry no longer names the logo: the form does.
sed -i '/fichier_formulaire: "partenaires\/federation-artisans-numeriques.yaml"/{n;N;d}' \
	"$inc/campagne.yaml"
fan=$inc/partenaires/federation-artisans-numeriques.yaml
cp "$fan" "$inc/fan.orig"
incform() { # incform LOGO: the partner form with this logo and an annex
	cp "$inc/fan.orig" "$fan"
	sed -i "s#^  role: relai#  role: relai\n  logo: { fichier: \"$1\" }#" "$fan"
	printf 'annexes:\n  - titre: "Données"\n    nature: donnees_personnelles\n    fichier: "annexes/dp.md"\n' >>"$fan"
}
incform "logos/fan.png"
expect_status "an included form's logo and annex beside it: built" 0 \
	"$paraphe" kit "$inc/campagne.yaml" --only federation-artisans-numeriques \
	-q -o "$inc/kit"
if command -v pdfimages >/dev/null 2>&1; then
	[ "$(pdfimages -list "$inc/kit/8mars-2026/federation-artisans-numeriques/convention.pdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ]
	result $? "the logo is in the PDF"
else
	skip "the logo is in the PDF" "no pdfimages"
fi
unzip -l "$inc/kit/8mars-2026/federation-artisans-numeriques/convention.odt" \
	>"$tmp/out" 2>&1
expect_text "the logo is in the ODT" "$tmp/out" "Pictures/"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$inc/kit/8mars-2026/federation-artisans-numeriques/convention.pdf" \
		"$tmp/out" 2>/dev/null
	expect_text "the annex beside the form is printed" "$tmp/out" \
		"$(sed -n '/[a-z]/{s/^[#> ]*//;p;q}' "$inc/partenaires/annexes/dp.md" | cut -c1-20)"
else
	skip "the annex beside the form is printed" "no pdftotext"
fi
cp "$inc/partenaires/logos/fan.png" "$inc/outside-of-form.png"
incform "../../../outside.png"
expect_status "an included form's logo outside the campaign: refused" 1 \
	"$paraphe" kit "$inc/campagne.yaml" --only federation-artisans-numeriques \
	-q -o "$inc/kit2"
expect_re "at the form's line, with the rule" "$tmp/err" \
	"federation-artisans-numeriques\.yaml:[0-9]+:[0-9]+: error: .*leads outside the folder .*\[outside\]"
incform "../outside-of-form.png"
expect_status "an included form's logo in the campaign's folder: built" 0 \
	"$paraphe" kit "$inc/campagne.yaml" --only federation-artisans-numeriques \
	-q -o "$inc/kit3"

# A partner table in a subfolder: the paths its cells give start from its
# own folder too.
sub=$tmp/conf/sub
mkdir -p "$sub/donnees"
cp -r examples/campagne-8-mars/. "$sub/"
mv "$sub/partenaires.csv" "$sub/logos" "$sub/donnees/"
sed -i 's#^partenaires: "partenaires.csv"#partenaires: "donnees/partenaires.csv"#' \
	"$sub/campagne-csv.yaml"
expect_status "a table in a subfolder: its logos beside it" 0 \
	"$paraphe" kit "$sub/campagne-csv.yaml" --only mobilite-verte -q \
	-o "$sub/kit"

# The charter's files (its fonts folder, its bloc-marque artwork) lie in
# its folder too, unless allowed.
mkdir -p "$tmp/conf/ch"
cp -r charte/etat "$tmp/conf/ch/"
cp examples/logos/mobilite-verte.svg "$tmp/conf/ch/dehors.svg"
sed -i 's#^  dossier: null$#  dossier: "/usr/share"#' "$tmp/conf/ch/etat/charte.yaml"
expect_status "a charter's fonts folder outside it: refused" 1 \
	"$paraphe" render "$form" --charte "$tmp/conf/ch/etat" -o "$tmp/conf/chout"
expect_re "at its line, with the rule" "$tmp/err" \
	"charte\.yaml:[0-9]+:[0-9]+: error: polices\.dossier: /usr/share: a file outside the folder .*\[outside\]"
[ ! -e "$tmp/conf/chout/convention.pdf" ]
result $? "a charter's fonts folder outside it: nothing written"
expect_status "--allow-path: the fonts folder allowed" 0 \
	"$paraphe" render "$form" --charte "$tmp/conf/ch/etat" \
	--allow-path /usr/share -f odt -o "$tmp/conf/chout"
sed -i 's#^  dossier: "/usr/share"$#  dossier: null#' "$tmp/conf/ch/etat/charte.yaml"
sed -i '/^bloc_marque:/,/^[a-z]/s#^  fichier: null$#  fichier: "../dehors.svg"#' \
	"$tmp/conf/ch/etat/charte.yaml"
expect_status "a charter's artwork outside it: refused" 1 \
	"$paraphe" render "$form" --charte "$tmp/conf/ch/etat" -o "$tmp/conf/chout2"
expect_text "said so" "$tmp/err" "bloc_marque.fichier: ../dehors.svg: this path leads outside" "[outside]"

# The French interface from the build tree, with no variable to help it.
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	expect_status "French from the build tree" 2 \
		env -u PARAPHE_LOCALEDIR -u LANGUAGE -u LC_ALL \
		LANG=fr_FR.UTF-8 "$paraphe" validate "$tmp/none.yaml"
	expect_text "its messages are French" "$tmp/err" \
		"ouverture impossible"
else
	skip "French from the build tree" "no fr_FR.UTF-8 locale"
fi
done_testing
