#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# kit.sh PARAPHE: campaign kits (issue 6) as a user meets them.  The example
# campaign examples/campagne-8-mars builds, its manifest tells the truth
# (sizes and sha256), a second run rebuilds nothing, an edited partner is
# the only one rebuilt, --force, --only, --shard and -j behave, failing
# partners never stop the others, an unusable campaign writes nothing, a
# partner id cannot escape the kit folder, and SIGKILL at any moment leaves
# only whole files behind; a partner table saved by French Excel
# (Windows-1252, JJ/MM/AAAA) builds.  TAP output.  Run from the source root with
# PARAPHE_DATADIR set (meson does both).
#
# Known defects (tests/tap.sh): patterns of check names, one a line.
known_defects='
'
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
example=examples/campagne-8-mars
campaign=8mars-2026
export LANGUAGE=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ids='asso-parite-ensemble
club-sportif-avenir
coop-energie-citoyenne
federation-artisans-numeriques
mobilite-verte
mutuelle-solidaire-atlantique
radio-ondes-locales
rail-express-connect
rencontres-boussole
supermarches-horizon'
files='convention.pdf convention.odt fiche-projet.pdf fiche-projet.odt'

. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/manifest.sh"

# kit WANTED-STATUS NAME ARGS...: runs paraphe kit ARGS, output in
# $tmp/out and $tmp/err.
kit() {
	kit_want=$1 kit_name=$2
	shift 2
	expect_status "$kit_name" "$kit_want" "$paraphe" kit "$@"
}

partners_in() { # partners_in KITDIR: the partner folders, sorted
	for d in "$1"/*/; do
		[ -d "$d" ] && basename "$d"
	done | sort
}

newer_than() { # newer_than STAMP DIR: partner files changed after STAMP
	find "$2" -type f -newer "$1" ! -name manifest.json \
		! -name recapitulatif.csv | sort
}

k=$tmp/k/$campaign

# --- The example kit ----------------------------------------------------------

kit 0 "the example kit builds" "$example/campagne.yaml" -o "$tmp/k"
expect_text "the summary counts 10 produced" "$tmp/out" \
	"$campaign: 10 produced, 0 up to date, 0 failed"
expect_text "the summary says the forms have warnings" "$tmp/out" \
	"10 partners' forms have warnings: see the column avertissements_formulaire"
partners_in "$k" >"$tmp/got"
echo "$ids" >"$tmp/want"
cmp -s "$tmp/got" "$tmp/want"
result $? "one folder per partner, named by its id" "$tmp/got"
: >"$tmp/why"
for id in $ids; do
	for f in $files; do
		[ -s "$k/$id/$f" ] || echo "$id/$f missing or empty" >>"$tmp/why"
	done
done
[ ! -s "$tmp/why" ]
result $? "every partner folder has its 4 documents" "$tmp/why"

# manifest.json: 10 partners, 4 outputs each, sizes and sha256 true.
grep -c '"id"[ ]*:' "$k/manifest.json" >"$tmp/got"
[ "$(cat "$tmp/got")" -eq 10 ]
result $? "manifest.json lists 10 partners" "$tmp/got"
manifest_outputs "$k/manifest.json" >"$tmp/outputs"
[ "$(wc -l <"$tmp/outputs")" -eq 40 ]
result $? "manifest.json lists 40 outputs" "$tmp/outputs"
: >"$tmp/why"
while read -r id f size sum; do
	real_sum=$(sha256sum "$k/$id/$f" | cut -d' ' -f1)
	real_size=$(($(wc -c <"$k/$id/$f")))
	[ "$real_sum" = "$sum" ] || echo "$id/$f: sha256 $sum, file $real_sum" \
		>>"$tmp/why"
	[ "$real_size" -eq "$size" ] || echo "$id/$f: size $size, file \
$real_size" >>"$tmp/why"
done <"$tmp/outputs"
[ ! -s "$tmp/why" ]
result $? "manifest.json: every sha256 and size matches the file" "$tmp/why"
expect_text "manifest.json names the campaign" "$k/manifest.json" \
	"\"$campaign\""

# recapitulatif.csv: BOM, header, 10 rows.
head -c 3 "$k/recapitulatif.csv" | od -An -tx1 | tr -d ' \n' >"$tmp/got"
[ "$(cat "$tmp/got")" = efbbbf ]
result $? "recapitulatif.csv starts with a byte order mark" "$tmp/got"
[ "$(wc -l <"$k/recapitulatif.csv")" -eq 11 ]
result $? "recapitulatif.csv: a header and 10 rows" "$k/recapitulatif.csv"
expect_text "recapitulatif.csv: the header names the partner column" \
	"$k/recapitulatif.csv" "partenaire;"
expect_text "recapitulatif.csv: a partner with its denomination" \
	"$k/recapitulatif.csv" "mobilite-verte;Mobilité Verte SAS;principal"

# The coherence warnings of "paraphe validate", per partner: the example's
# relay (1-10 March 2026) falls in the municipal elections' reserve period,
# for every partner, at the line of the campaign's defaults.
relay_line=$(grep -n '^    periode_relais: { debut: 2026-03-01' \
	"$example/campagne.yaml" | cut -d: -f1)
expect_text "recapitulatif.csv: a column of the form's warnings" \
	"$k/recapitulatif.csv" ";erreurs;avertissements_formulaire"
[ "$(grep -c ';"contenu\.periode_relais: the relay .* falls in the pre-election reserve period .*\[election-reserve\]"' \
	"$k/recapitulatif.csv")" -eq 10 ]
result $? "recapitulatif.csv: each partner's reserve-period warning" \
	"$k/recapitulatif.csv"
[ "$(grep -c '"code" : "election-reserve"' "$k/manifest.json")" -eq 10 ]
result $? "manifest.json: each partner's reserve-period warning" \
	"$k/manifest.json"
expect_text "manifest.json: the warning's position and note" \
	"$k/manifest.json" \
	"\"position\" : \"$example/campagne.yaml:$relay_line:5\"" \
	'"chemin" : "contenu.periode_relais"' \
	'calendrier-electoral.yaml:44:5: note: the election in the electoral calendar"'

# --- Incremental runs ---------------------------------------------------------

touch "$tmp/stamp1"
sleep 1 # a rewrite in the next second is seen even on coarse file systems
kit 0 "a second run succeeds" "$example/campagne.yaml" -o "$tmp/k"
expect_text "a second run rebuilds nothing" "$tmp/out" \
	"0 produced, 10 up to date"
newer_than "$tmp/stamp1" "$k" >"$tmp/got"
[ ! -s "$tmp/got" ]
result $? "a second run touches no partner file" "$tmp/got"

# The same campaign elsewhere, one denomination changed.
cp -R "$example" "$tmp/c"
sed 's/denomination: "Ondes Locales SARL"/denomination: "Ondes Locales Hauts-de-France SARL"/' \
	"$example/campagne.yaml" >"$tmp/c/campagne.yaml"
touch "$tmp/stamp2"
sleep 1
kit 0 "a run after editing one partner succeeds" "$tmp/c/campagne.yaml" \
	-o "$tmp/k"
expect_text "editing one partner rebuilds exactly that one" "$tmp/out" \
	"1 produced, 9 up to date"
newer_than "$tmp/stamp2" "$k" | grep -v '/radio-ondes-locales/' >"$tmp/got"
[ ! -s "$tmp/got" ]
result $? "only the edited partner's files change" "$tmp/got"
newer_than "$tmp/stamp2" "$k/radio-ondes-locales" |
	grep -cE '\.(pdf|odt)$' >"$tmp/got"
[ "$(cat "$tmp/got")" -eq 4 ]
result $? "the edited partner's 4 documents are rewritten" "$tmp/got"
kit 0 "--force rebuilds" "$tmp/c/campagne.yaml" -o "$tmp/k" --force
expect_text "--force rebuilds all 10" "$tmp/out" "10 produced, 0 up to date"

# An annex in a Markdown file: printed, and editing the file rebuilds the
# partner that names it, as editing its logo does.
mkdir -p "$tmp/c/annexes"
printf 'Grille de diffusion :\n\n- matinale ;\n- journal de midi.\n' \
	>"$tmp/c/annexes/grille.md"
awk '{ print }
/^      canaux: \[radio, instagram, facebook, site_web\]$/ {
	print "    annexes:"
	print "      - { titre: \"Grille de diffusion\", fichier: \"annexes/grille.md\" }"
}' "$tmp/c/campagne.yaml" >"$tmp/c/annexe.yaml"
kit 0 "a partner with an annex file" "$tmp/c/annexe.yaml" -o "$tmp/ka" \
	--only radio-ondes-locales
unzip -p "$tmp/ka/$campaign/radio-ondes-locales/convention.odt" content.xml >"$tmp/ka.txt"
expect_text "its text is in the convention" "$tmp/ka.txt" "journal de midi"
kit 0 "the annex file unchanged" "$tmp/c/annexe.yaml" -o "$tmp/ka" \
	--only radio-ondes-locales
expect_text "nothing rebuilt" "$tmp/out" "0 produced, 1 up to date"
printf 'Grille de diffusion :\n\n- matinale ;\n- journal du soir.\n' \
	>"$tmp/c/annexes/grille.md"
kit 0 "the annex file edited" "$tmp/c/annexe.yaml" -o "$tmp/ka" \
	--only radio-ondes-locales
expect_text "the partner is rebuilt" "$tmp/out" "1 produced, 0 up to date"
unzip -p "$tmp/ka/$campaign/radio-ondes-locales/convention.odt" content.xml >"$tmp/ka.txt"
expect_text "with the new text" "$tmp/ka.txt" "journal du soir"

# --- Selections ------------------------------------------------------------------

kit 0 "--only two partners" "$example/campagne.yaml" -o "$tmp/o" \
	--only mobilite-verte,club-sportif-avenir
expect_text "--only: 2 produced" "$tmp/out" "2 produced, 0 up to date"
partners_in "$tmp/o/$campaign" | tr '\n' ' ' >"$tmp/got"
[ "$(cat "$tmp/got")" = "club-sportif-avenir mobilite-verte " ]
result $? "--only: only those two folders" "$tmp/got"

kit 0 "--shard 1/2" "$example/campagne.yaml" -o "$tmp/s1" --shard 1/2 -q
kit 0 "--shard 2/2" "$example/campagne.yaml" -o "$tmp/s2" --shard 2/2 -q
partners_in "$tmp/s1/$campaign" >"$tmp/shard1"
partners_in "$tmp/s2/$campaign" >"$tmp/shard2"
comm -12 "$tmp/shard1" "$tmp/shard2" >"$tmp/got"
[ ! -s "$tmp/got" ]
result $? "shards 1/2 and 2/2 are disjoint" "$tmp/got"
sort "$tmp/shard1" "$tmp/shard2" >"$tmp/got"
cmp -s "$tmp/got" "$tmp/want"
result $? "shards 1/2 and 2/2 make the whole kit" "$tmp/got"
[ -s "$tmp/shard1" ] && [ -s "$tmp/shard2" ]
result $? "each shard has partners" "$tmp/shard1"
kit 0 "--merge joins the shards" --merge "$tmp/s1/$campaign" \
	"$tmp/s2/$campaign" -o "$tmp/merged"
[ "$(grep -c '"id"' "$tmp/merged/manifest.json")" -eq 10 ] &&
	[ "$(wc -l <"$tmp/merged/recapitulatif.csv")" -eq 11 ]
result $? "the merged manifest lists the ten partners" \
	"$tmp/merged/manifest.json"
# Each shard lists every partner, the others as "non_produit": the merge
# keeps the status of the shard that built each one.
grep -q '"statut" : "non_produit"' "$tmp/s1/$campaign/manifest.json" &&
	! grep -q non_produit "$tmp/merged/manifest.json"
result $? "the merge keeps each partner's built status" \
	"$tmp/merged/manifest.json"
[ "$(grep -c '\[election-reserve\]"' "$tmp/merged/recapitulatif.csv")" -eq 10 ]
result $? "the merged recapitulatif.csv keeps each partner's warnings" \
	"$tmp/merged/recapitulatif.csv"

# --shard K/N takes the partners of rank K-1, K-1+N... in the campaign:
# over 2, 3 and 4 shards, the sizes differ by one at most, the shards are
# disjoint and make the whole kit.  The CSV campaign, which checks no
# document, keeps this quick.
shards() { # shards N: the N shard runs, into $tmp/shN-K
	: >"$tmp/sizes"
	for s in $(seq 1 "$1"); do
		kit 0 "--shard $s/$1" "$example/campagne-csv.yaml" \
			-o "$tmp/sh$1-$s" --shard "$s/$1" -q -j2
		partners_in "$tmp/sh$1-$s/$campaign" >"$tmp/sh$1-$s.ids"
		wc -l <"$tmp/sh$1-$s.ids" >>"$tmp/sizes"
	done
	sort -n "$tmp/sizes" | sed -n '1p;$p' | tr '\n' ' ' >"$tmp/got"
	read -r small big <"$tmp/got"
	[ "$small" -ge 2 ] && [ $((big - small)) -le 1 ]
	result $? "over $1 shards, the sizes differ by one at most" "$tmp/sizes"
	cat "$tmp"/sh"$1"-*.ids | sort >"$tmp/got"
	cmp -s "$tmp/got" "$tmp/want"
	result $? "over $1 shards, each partner is built once" "$tmp/got"
}
for nshards in 2 3 4; do
	shards "$nshards"
done
printf '%s\n' mobilite-verte rail-express-connect \
	mutuelle-solidaire-atlantique coop-energie-citoyenne | sort >"$tmp/got"
cmp "$tmp/got" "$tmp/sh3-1.ids" >"$tmp/why" 2>&1
result $? "shard 1/3 takes the partners of rank 1, 4, 7 and 10" "$tmp/why"
# With --only, the ranks count among the partners kept: three over two
# shards give two and one.
kit 0 "--only three partners, --shard 1/2" "$example/campagne-csv.yaml" \
	-o "$tmp/os" --only coop-energie-citoyenne,mobilite-verte,radio-ondes-locales \
	--shard 1/2 -q
partners_in "$tmp/os/$campaign" | tr '\n' ' ' >"$tmp/got"
[ "$(cat "$tmp/got")" = "coop-energie-citoyenne mobilite-verte " ]
result $? "--only and --shard 1/2: the first and third partners kept" \
	"$tmp/got"
# --merge takes the folders given to -o, and says what it gathers.
kit 0 "--merge the three -o folders" --merge "$tmp/sh3-1" "$tmp/sh3-2" \
	"$tmp/sh3-3" -o "$tmp/merged3"
[ "$(grep -c '"id"' "$tmp/merged3/manifest.json")" -eq 10 ] &&
	! grep -q non_produit "$tmp/merged3/manifest.json"
result $? "--merge of -o folders: ten partners, each as built" \
	"$tmp/merged3/manifest.json"
expect_text "--merge says it joins the indexes, not the documents" \
	"$tmp/out" \
	"merged the indexes of 3 kit folders into $tmp/merged3/manifest.json and recapitulatif.csv" \
	"the documents were not copied"
kit 0 "--merge without -o: into the first kit folder" --merge \
	"$tmp/sh2-1" "$tmp/sh2-2/$campaign"
! grep -q non_produit "$tmp/sh2-1/$campaign/manifest.json" &&
	[ "$(wc -l <"$tmp/sh2-1/$campaign/recapitulatif.csv")" -eq 11 ]
result $? "--merge without -o: the first shard's kit folder has the merge" \
	"$tmp/sh2-1/$campaign/manifest.json"
mkdir "$tmp/empty"
kit 2 "--merge of a folder without a kit: exit status 2" --merge \
	"$tmp/empty" "$tmp/sh2-2"
expect_text "--merge of a folder without a kit: says what to give" \
	"$tmp/err" "$tmp/empty: error: no manifest.json in this folder"
cp -R "$tmp/sh2-2/$campaign" "$tmp/sh2-2/autre-campagne"
kit 2 "--merge of an -o folder holding two campaigns: exit status 2" \
	--merge "$tmp/sh2-1" "$tmp/sh2-2"
expect_text "--merge of two campaigns: says to name one" "$tmp/err" \
	"holds the kits of several campaigns"

kit 0 "-j1" "$example/campagne.yaml" -o "$tmp/j1" -j1 -q
kit 0 "-j2" "$example/campagne.yaml" -o "$tmp/j2" -j2 -q
: >"$tmp/why"
for id in $ids; do
	for f in $files; do
		cmp "$tmp/j1/$campaign/$id/$f" "$tmp/j2/$campaign/$id/$f" \
			>>"$tmp/why" 2>&1
	done
done
[ ! -s "$tmp/why" ]
result $? "-j1 and -j2 write the same bytes" "$tmp/why"
cmp "$tmp/j1/$campaign/manifest.json" "$tmp/j2/$campaign/manifest.json" \
	>"$tmp/why" 2>&1
result $? "-j1 and -j2 write the same manifest" "$tmp/why"

# The same campaign read from its CSV table.
kit 0 "the example campaign from a CSV table builds" \
	"$example/campagne-csv.yaml" -o "$tmp/csv" -q
partners_in "$tmp/csv/$campaign" >"$tmp/got"
cmp -s "$tmp/got" "$tmp/want"
result $? "the CSV campaign has the same 10 partners" "$tmp/got"

# The table as French Excel saves it (tests/data/make-partenaires-excel-fr.sh
# says how it is made): Windows-1252, ';', CRLF, dates JJ/MM/AAAA.  The kit
# builds with one warning, at the file; each partner's form is the one the
# UTF-8 table gives (the same fingerprint), but for the partner whose
# « 2ᵉ étage » Windows-1252 cannot hold (« 2e »).
excel=tests/data/partenaires-excel-fr.csv
if command -v python3 >/dev/null && command -v iconv >/dev/null; then
	sh tests/data/make-partenaires-excel-fr.sh >"$tmp/excel.csv" 2>&1
	cmp "$tmp/excel.csv" "$excel" >"$tmp/why" 2>&1
	result $? "$excel is what its script makes" "$tmp/why"
else
	skip "$excel is what its script makes" "no python3 or iconv"
fi
mkdir "$tmp/xl"
cp -R "$example/logos" "$example/partenaires" "$example/campagne-csv.yaml" \
	"$tmp/xl/"
cp "$excel" "$tmp/xl/partenaires.csv"
kit 0 "a table saved by French Excel builds the kit" \
	"$tmp/xl/campagne-csv.yaml" -o "$tmp/xlk"
expect_text "French Excel: 10 produced" "$tmp/out" \
	"$campaign: 10 produced, 0 up to date, 0 failed"
grep ': warning: ' "$tmp/err" >"$tmp/got"
[ "$(wc -l <"$tmp/got")" -eq 1 ]
result $? "French Excel: one warning" "$tmp/err"
expect_re "French Excel: the warning is at the table, naming Windows-1252" \
	"$tmp/got" \
	"^$tmp/xl/partenaires\\.csv: warning: this table is not UTF-8: it is read as Windows-1252.*\\[csv-encoding\\]\$"
fingerprints() { # fingerprints MANIFEST: "id fingerprint" per partner
	awk '/"id"[ ]*:/ { id = $3 } /"empreinte"[ ]*:/ { print id, $3 }' "$1" |
		tr -d '",'
}
fingerprints "$tmp/csv/$campaign/manifest.json" >"$tmp/fp-utf8"
fingerprints "$tmp/xlk/$campaign/manifest.json" >"$tmp/fp-excel"
diff "$tmp/fp-utf8" "$tmp/fp-excel" | sed -n 's/^> \([^ ]*\) .*/\1/p' >"$tmp/got"
[ "$(wc -l <"$tmp/fp-excel")" -eq 10 ] &&
	[ "$(cat "$tmp/got")" = asso-parite-ensemble ]
result $? "French Excel: the same forms as the UTF-8 table, but « 2e »" \
	"$tmp/got"
unzip -p "$tmp/xlk/$campaign/asso-parite-ensemble/convention.odt" \
	content.xml >"$tmp/xl.txt"
expect_re "French Excel: the date 14/05/2019 of a cell, in the convention" \
	"$tmp/xl.txt" "par décret du 14[^0-9]{1,6}mai[^0-9]{1,6}2019"
# Mistakes in such a table are given as the spreadsheet shows them.
sed -e 's/;903124576;/;903124577;/' \
	-e 's#^radio-ondes-locales;26/01/2026;#radio-ondes-locales;31/02/2026;#' \
	"$excel" >"$tmp/xl/partenaires.csv"
kit 1 "French Excel with a bad SIREN and a bad date: exit status 1" \
	"$tmp/xl/campagne-csv.yaml" -o "$tmp/xlk" -q
expect_text "French Excel: the SIREN at its row and lettered column" \
	"$tmp/err" \
	"$tmp/xl/partenaires.csv:2:14: error: row 2, column N (partenaire.siren): this SIREN fails its check digit"
expect_text "French Excel: the date, as it is read, at its row and column" \
	"$tmp/err" \
	"$tmp/xl/partenaires.csv:9:2: error: row 9, column B (document.date_redaction): 2026-02-31 does not exist in the calendar"

# One partner's proof (BAT) too late for the 10-day approval delay: its
# warning, and only its, in the CSV and the manifest; the kit succeeds.
mkdir "$tmp/w"
cp -R "$example/logos" "$example/partenaires" "$tmp/w/"
sed 's/^      canaux: \[ecrans, evenement, facebook, instagram\]$/&\
      date_bat: 2026-02-25/' "$example/campagne.yaml" >"$tmp/w/campagne.yaml"
bat_line=$(grep -n 'date_bat: 2026-02-25' "$tmp/w/campagne.yaml" | cut -d: -f1)
kit 0 "a partner with a late proof: the kit builds" "$tmp/w/campagne.yaml" \
	-o "$tmp/wk" --only club-sportif-avenir,mobilite-verte -q
wk=$tmp/wk/$campaign
grep '\[approval-too-late\]' "$wk/recapitulatif.csv" | cut -d';' -f1 >"$tmp/got"
[ "$(cat "$tmp/got")" = club-sportif-avenir ]
result $? "recapitulatif.csv: the late proof on that partner's row only" \
	"$wk/recapitulatif.csv"
expect_re "recapitulatif.csv: its warnings separated by « ; »" \
	"$wk/recapitulatif.csv" \
	'^club-sportif-avenir;.*;"contenu\.periode_relais: .*\[election-reserve\] ; contenu\.date_bat: .*\[approval-too-late\]"'
[ "$(grep -c '"code" : "approval-too-late"' "$wk/manifest.json")" -eq 1 ]
result $? "manifest.json: the late proof listed once" "$wk/manifest.json"
expect_text "manifest.json: at the proof date, the relay start in a note" \
	"$wk/manifest.json" \
	"\"position\" : \"$tmp/w/campagne.yaml:$bat_line:17\"" \
	'"chemin" : "contenu.date_bat"' \
	"campagne.yaml:$relay_line:30: note: contenu.periode_relais.debut: the relay starts here"
expect_text "manifest.json: no form error" "$wk/manifest.json" \
	'"erreurs" : []'

# --- Failing partners ------------------------------------------------------------

# A bad SIREN, a missing logo and a duplicate id: the 8 others are built.
mkdir "$tmp/bad"
cp -R "$example/logos" "$example/partenaires" "$tmp/bad/"
sed -e 's/siren: "903124576"/siren: "903124577"/' \
	-e 's#logos/supermarches-horizon.png#logos/absent.png#' \
	"$example/campagne.yaml" >"$tmp/bad/campagne.yaml"
cat >>"$tmp/bad/campagne.yaml" <<'EOF'
  - id: rail-express-connect
    partenaire: { denomination: "Doublon SAS" }
EOF
kit 1 "three failing partners: exit status 1" "$tmp/bad/campagne.yaml" \
	-o "$tmp/b"
expect_text "three failing partners: the others are produced" "$tmp/out" \
	"8 produced, 0 up to date, 3 failed"
expect_re "the bad SIREN is reported at its position" "$tmp/err" \
	'campagne\.yaml:[0-9]+:[0-9]+: error: partenaire\.siren:'
expect_re "the missing logo is reported at its position" "$tmp/err" \
	'campagne\.yaml:[0-9]+:[0-9]+: error: partenaire\.logo\.fichier: .*absent\.png'
expect_re "the duplicate id is reported at its position" "$tmp/err" \
	'campagne\.yaml:[0-9]+:[0-9]+: error: id: .*rail-express-connect.*already'
# A partner's form is dropped once hashed; the indexes keep its texts.
expect_text "a failing partner keeps its denomination in the table" \
	"$tmp/b/$campaign/recapitulatif.csv" \
	"mobilite-verte;Mobilité Verte SAS;principal"
: >"$tmp/why"
for id in $ids; do
	case $id in
	mobilite-verte | supermarches-horizon)
		for f in $files; do
			[ ! -e "$tmp/b/$campaign/$id/$f" ] ||
				echo "$id/$f written" >>"$tmp/why"
		done
		;;
	*)
		for f in $files; do
			[ -s "$tmp/b/$campaign/$id/$f" ] ||
				echo "$id/$f missing" >>"$tmp/why"
		done
		;;
	esac
done
[ ! -s "$tmp/why" ]
result $? "failing partners get no document, the others all of theirs" \
	"$tmp/why"
grep -c ';echec;' "$tmp/b/$campaign/recapitulatif.csv" >"$tmp/got"
[ "$(cat "$tmp/got")" -eq 3 ]
result $? "recapitulatif.csv lists the 3 failures" \
	"$tmp/b/$campaign/recapitulatif.csv"

# --- Unusable campaigns: exit status 2, nothing written ---------------------------

unusable() { # unusable NAME CAMPAIGN
	kit 2 "$1: exit status 2" "$2" -o "$tmp/u"
	[ ! -e "$tmp/u" ]
	result $? "$1: nothing written" "$tmp/err"
	rm -rf "$tmp/u"
}
mkdir "$tmp/u1"
cp -R "$example/logos" "$example/partenaires" "$tmp/u1/"
grep -v '^  id: "8mars-2026"$' "$example/campagne.yaml" \
	>"$tmp/u1/sans-id.yaml"
unusable "missing campagne.id" "$tmp/u1/sans-id.yaml"
expect_re "missing campagne.id: reported with a position" "$tmp/err" \
	'sans-id\.yaml:[0-9]+:[0-9]+: error: campagne\.id'
{
	cat "$example/campagne.yaml"
	printf '  - id: [ouvert\n'
} >"$tmp/u1/syntaxe.yaml"
unusable "YAML syntax error" "$tmp/u1/syntaxe.yaml"
expect_re "YAML syntax error: reported with a position" "$tmp/err" \
	'syntaxe\.yaml:[0-9]+:[0-9]+: error:'
cp "$example/campagne-csv.yaml" "$tmp/u1/"
{
	cat "$example/partenaires.csv"
	printf 'zz;"guillemet jamais fermé\r\n'
} >"$tmp/u1/partenaires.csv"
unusable "CSV with an unterminated quote" "$tmp/u1/campagne-csv.yaml"
expect_re "CSV with an unterminated quote: reported at its row" "$tmp/err" \
	'partenaires\.csv:12:[0-9]+: error:'
# A RIGHT-TO-LEFT OVERRIDE pasted into a partner's name in the table
# (issue 15): refused at its row and column, the character named.
sed 's/;Mobilité Verte SAS;/;Mobilité \xe2\x80\xaeSAS etreV;/' \
	"$example/partenaires.csv" >"$tmp/u1/partenaires.csv"
unusable "CSV with U+202E in a cell" "$tmp/u1/campagne-csv.yaml"
expect_text "CSV with U+202E in a cell: at its cell, named" "$tmp/err" \
	'partenaires.csv:2:6: error: row 2, column F: character 10 of this cell is the invisible character U+202E RIGHT-TO-LEFT OVERRIDE'
unusable "missing campaign file" "$tmp/u1/absent.yaml"

# --- Partner ids cannot leave the kit folder -------------------------------------

mkdir -p "$tmp/esc/c"
cp -R "$example/logos" "$example/partenaires" "$tmp/esc/c/"
{
	cat "$example/campagne.yaml"
	printf '  - id: "../evasion"\n    partenaire: { denomination: "X" }\n'
	printf '  - id: "a/b"\n    partenaire: { denomination: "Y" }\n'
	printf '  - id: ".cache"\n'
} >"$tmp/esc/c/campagne.yaml"
kit 1 "ids with ../, / or a leading dot: exit status 1" \
	"$tmp/esc/c/campagne.yaml" -o "$tmp/esc/out" \
	--only 'mobilite-verte,../evasion,a/b,.cache'
expect_text "ids with ../, / or a leading dot: the valid partner is built" \
	"$tmp/out" "1 produced, 0 up to date, 3 failed"
grep -cE 'campagne\.yaml:[0-9]+:[0-9]+: error: id:' "$tmp/err" >"$tmp/got"
[ "$(cat "$tmp/got")" -eq 3 ]
result $? "the three ids are refused at their positions" "$tmp/err"
(cd "$tmp/esc" && find . ! -path './c' ! -path './c/*' \
	! -path "./out/$campaign/*" | sort) >"$tmp/got"
printf '%s\n' . ./out "./out/$campaign" >"$tmp/want-esc"
cmp -s "$tmp/got" "$tmp/want-esc"
result $? "no file is written outside the kit folder" "$tmp/got"
partners_in "$tmp/esc/out/$campaign" >"$tmp/got"
[ "$(cat "$tmp/got")" = mobilite-verte ] &&
	[ ! -e "$tmp/esc/out/$campaign/.cache" ] &&
	[ ! -e "$tmp/esc/out/$campaign/a" ] &&
	[ ! -e "$tmp/esc/out/evasion" ]
result $? "no folder is made for a refused id" "$tmp/got"

# --- SIGKILL at any moment ---------------------------------------------------------

# 100 partners (the example's, ten times under other ids), so that each
# kill falls in the middle of a run; every run goes on where the last
# stopped.
mkdir "$tmp/big"
cp -R "$example/logos" "$example/partenaires" "$tmp/big/"
{
	cat "$example/campagne.yaml"
	for i in 2 3 4 5 6 7 8 9 10; do
		sed -n '/^partenaires:$/,$p' "$example/campagne.yaml" |
			sed -e 1d -e "s/^  - id: \\(.*\\)\$/  - id: \\1-$i/"
	done
} >"$tmp/big/campagne.yaml"
# Each kill waits for the run to have written a new PDF (a slow machine, or
# ASan, may need seconds to start), then falls a little later.
count_pdfs() { find "$tmp/kill" -name '*.pdf' 2>/dev/null | wc -l; }
for t in 0.1 0.3 0.6; do
	before=$(count_pdfs)
	setsid "$paraphe" kit "$tmp/big/campagne.yaml" -o "$tmp/kill" -j2 -q \
		>/dev/null 2>&1 &
	pid=$!
	i=0
	while [ "$(count_pdfs)" -le "$before" ] && [ $i -lt 1200 ] &&
		kill -0 "$pid" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	sleep "$t"
	kill -s KILL -- "-$pid" 2>/dev/null
	wait "$pid"
	st=$?
	[ "$st" -ne 0 ]
	result $? "SIGKILL after $t s stops the kit (status $st)"
done
: >"$tmp/why"
pdfs=0 odts=0
for f in "$tmp/kill/$campaign"/*/*.pdf; do
	[ -e "$f" ] || continue
	pdfs=$((pdfs + 1))
	qpdf --check "$f" >"$tmp/qpdf" 2>&1 ||
		{ echo "$f:" && head -3 "$tmp/qpdf"; } >>"$tmp/why"
done
for f in "$tmp/kill/$campaign"/*/*.odt; do
	[ -e "$f" ] || continue
	odts=$((odts + 1))
	unzip -tq "$f" >"$tmp/unzip" 2>&1 ||
		{ echo "$f:" && head -3 "$tmp/unzip"; } >>"$tmp/why"
done
echo "# after three kills: $pdfs PDF, $odts ODT"
[ ! -s "$tmp/why" ] && [ "$pdfs" -gt 0 ]
result $? "after SIGKILL: every PDF passes qpdf --check" "$tmp/why"
[ ! -s "$tmp/why" ] && [ "$odts" -gt 0 ]
result $? "after SIGKILL: every ODT unzips" "$tmp/why"
[ "$pdfs" -lt 200 ]
result $? "after SIGKILL: the kills stopped the kit before its end"
find "$tmp/kill" -name '.*' ! -name .empreinte -type f | sed "s#^$tmp/##" \
	>"$tmp/temps"
echo "# temporary files left by the kills: $(wc -l <"$tmp/temps")"
kit 0 "after SIGKILL: a normal rerun completes the kit" \
	"$tmp/big/campagne.yaml" -o "$tmp/kill" -j2 -q
: >"$tmp/why"
for d in "$tmp/kill/$campaign"/*/; do
	for f in $files; do
		[ -s "$d$f" ] || echo "$d$f missing" >>"$tmp/why"
	done
done
[ "$(partners_in "$tmp/kill/$campaign" | wc -l)" -eq 100 ] ||
	echo "not 100 partner folders" >>"$tmp/why"
[ ! -s "$tmp/why" ]
result $? "after SIGKILL: the rerun leaves 100 complete partners" "$tmp/why"
find "$tmp/kill" -name '.*' ! -name .empreinte -type f | sed "s#^$tmp/##" \
	>"$tmp/temps"
[ ! -s "$tmp/temps" ]
result $? "after SIGKILL: the rerun leaves no stale temporary file" \
	"$tmp/temps"
kit 0 "after SIGKILL: a third run" "$tmp/big/campagne.yaml" -o "$tmp/kill" \
	-j2
expect_text "after SIGKILL: a third run rebuilds nothing" "$tmp/out" \
	"0 produced, 100 up to date"

# A CSV campaign of 100,000 partners, one selected: its memory grows with
# what it builds, not with partners x defaults (issue 15, item 8; the
# partners not selected are never merged with the campaign's defaults).
# 3.2 GB and 29 s before, 0.33 GB and 5 s after (doc/performance.md).
mkdir -p "$tmp/rows"
cp -R "$example/." "$tmp/rows/"
{ head -1 "$example/partenaires.csv"; grep "^mobilite-verte;" "$example/partenaires.csv"; } \
	>"$tmp/rows/partenaires.csv"
awk -F';' -v n="$(head -1 "$example/partenaires.csv" | awk -F';' '{print NF}')" \
	-v d="$(head -1 "$example/partenaires.csv" | tr ';' '\n' | grep -nx 'partenaire.denomination' | cut -d: -f1)" \
	'BEGIN { for (r = 1; r < 100000; r++) { line = sprintf("partenaire-%06d", r)
		for (i = 2; i <= n; i++) line = line ";" (i == d ? "Partenaire " r " SAS" : "")
		print line } }' >>"$tmp/rows/partenaires.csv"
rows=$(($(wc -l <"$tmp/rows/partenaires.csv") - 1))
if [ -x /usr/bin/time ] && ! grep -aq __asan_init "$paraphe" 2>/dev/null; then
	/usr/bin/time -f '%e %M' -o "$tmp/rows.time" "$paraphe" kit \
		"$tmp/rows/campagne-csv.yaml" --only mobilite-verte -j1 -q \
		-o "$tmp/rows-out" >"$tmp/out" 2>"$tmp/err"
	st=$?
	read -r secs kb <"$tmp/rows.time"
	echo "# $rows rows, one built: $secs s, peak RSS $kb KB"
	[ "$st" -eq 0 ] && [ "$rows" -eq 100000 ] &&
		[ "$(grep -c ';non_produit;' "$tmp/rows-out/$campaign/recapitulatif.csv")" -eq 99999 ]
	result $? "100,000 CSV rows, --only one: built, the others listed" "$tmp/err"
	[ "$kb" -lt 1000000 ]
	result $? "100,000 CSV rows, --only one: under 1 GB ($kb KB)"
else
	skip "100,000 CSV rows, --only one: built, the others listed" \
		"no /usr/bin/time, or a sanitizer build"
	skip "100,000 CSV rows, --only one: under 1 GB" \
		"no /usr/bin/time, or a sanitizer build"
fi

# The manifest's digests: worked out by the workers (kept in each partner's
# .empreinte), they are the files' own; a file changed after its partner
# was built is read and hashed again, not taken from the kept digest.
manifest_sums() { # manifest_sums KITDIR: "partner/file sha256", sorted
	python3 -c 'import json, sys
m = json.load(open(sys.argv[1] + "/manifest.json", encoding="utf-8"))
for p in m["partenaires"]:
    for d in p.get("sorties", []):
        print(p["id"] + "/" + d["fichier"], d["sha256"], d["octets"])' "$1" | sort
}
file_sums() { # file_sums KITDIR: the same, from the files
	(cd "$1" && for f in */*.pdf */*.odt; do
		echo "$f $(sha256sum "$f" | cut -d' ' -f1) $(wc -c <"$f")"
	done) | sort
}
kit 0 "sums: a kit" "$example/campagne.yaml" -o "$tmp/sums" -j2 -q
manifest_sums "$tmp/sums/$campaign" >"$tmp/sums.m" 2>"$tmp/err"
file_sums "$tmp/sums/$campaign" >"$tmp/sums.f"
[ -s "$tmp/sums.m" ] && cmp -s "$tmp/sums.m" "$tmp/sums.f"
result $? "sums: the manifest's digests and sizes are the files' own" "$tmp/err"
first=$(cd "$tmp/sums/$campaign" && ls -d */ | head -1)
printf 'x' >>"$tmp/sums/$campaign/${first}convention.pdf"
kit 0 "sums: the kit again, its partners up to date" "$example/campagne.yaml" \
	-o "$tmp/sums" -j2 -q
manifest_sums "$tmp/sums/$campaign" >"$tmp/sums.m" 2>"$tmp/err"
file_sums "$tmp/sums/$campaign" >"$tmp/sums.f"
cmp -s "$tmp/sums.m" "$tmp/sums.f"
result $? "sums: a file changed since is hashed again, not taken as kept" \
	"$tmp/err"

done_testing
