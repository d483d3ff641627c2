#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# fiche-text.sh PARAPHE: what every example fiche projet must be (DOMAIN.md
# §4 revised, issue 14), read from the PDF with pdfinfo and pdftotext.
# Renders the fiche projet of every examples/*.yaml that asks for one, of
# the form paraphe init prints (models/fiche-projet/exemple.yaml) and of
# every partner of the example campaign (from its YAML and from its CSV
# table), then checks each one: two pages at most; page 1 carries the box
# with the status, the author and the validation circuit (its SIG and
# cabinet steps); the campaign's title, never its code; dates written in
# full, never « 01/03/2026 »; no article of the convention cited; every
# e-mail address the form gives printed whole on one line.  TAP output; run
# from the source root with PARAPHE_DATADIR set (meson does both).
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# check_fiche NAME PDF FORM...: every check on one fiche; the forms are
# the files its data comes from (their e-mail addresses and campaign
# codes are looked for in the PDF).
check_fiche() {
	t=$1 pdf=$2 txt=$tmp/text page1=$tmp/page1
	shift 2
	# No-break spaces as plain spaces, so that the patterns stay
	# readable.
	pdftotext "$pdf" - 2>/dev/null |
		sed "s/’/'/g; s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g" >"$txt"
	pdftotext -f 1 -l 1 "$pdf" - 2>/dev/null |
		sed "s/’/'/g; s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g" >"$page1"

	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	[ "${pages:-0}" -ge 1 ] && [ "${pages:-0}" -le 2 ]
	result $? "$t: two pages at most (${pages:-?})"

	# The box: status (with version and date), author, circuit.
	expect_re "$t: page 1: the status box" "$page1" \
		"^Statut de la fiche$"
	expect_re "$t: page 1: the fiche's status" "$page1" \
		"^(Brouillon|En cours de validation|Validée|Convention résiliée)( – |$)"
	expect_re "$t: page 1: who wrote it" "$page1" "^Rédaction$"
	expect_re "$t: page 1: the SIG step" "$page1" "^SIG$"
	expect_re "$t: page 1: the cabinet step" "$page1" "^Cabinet$"
	expect_re "$t: a SIG contact" "$txt" "@sig\\."

	expect_no_re "$t: no date in figures (« 01/03/2026 »)" "$txt" \
		"[0-9]{1,2}/[0-9]{1,2}/[0-9]{2,4}"
	expect_no_re "$t: no article of the convention cited" "$txt" \
		"[Aa]rticles? [0-9]"
	expect_no_re "$t: no « Convention de partenariat relative à »" "$txt" \
		"Convention de partenariat relative"
	expect_re "$t: « Campagne : » and the campaign's title" "$page1" \
		"^Campagne : [A-Z]"

	# The forms' campaign codes never printed; their e-mail addresses
	# printed whole, each on one line.
	for form in "$@"; do
		grep -o -E '^ *campagne: *"?[a-z0-9-]+' "$form" |
			sed 's/.*campagne: *"\{0,1\}//'
	done | sort -u >"$tmp/codes"
	: >"$tmp/bad"
	while read -r code; do
		grep -n -F -e "$code" "$txt" >>"$tmp/bad"
	done <"$tmp/codes"
	[ ! -s "$tmp/bad" ]
	result $? "$t: no campaign code printed" "$tmp/bad"

	# The rétroplanning's start and end of diffusion, when it has them,
	# are those of the relay period.
	pdftotext -layout "$pdf" - 2>/dev/null |
		sed "s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g; s/  */ /g" >"$tmp/layout"
	period=$(sed -n 's/^Période de relais du \(.*\) au \(.*\)$/\1|\2/p' \
		"$tmp/layout" | head -n 1)
	start=$(sed -n 's/^Début de la diffusion \(.*[0-9]\)$/\1/p' \
		"$tmp/layout" | head -n 1)
	end=$(sed -n 's/^Fin de la diffusion \(.*[0-9]\)$/\1/p' \
		"$tmp/layout" | head -n 1)
	# « du 1er au 10 mars 2026 »: the start takes from the end what it
	# does not repeat (month and year, or year).
	first=${period%|*} last=${period#*|}
	case $first in
	*" "*" "*) ;;
	*" "*) first="$first ${last##* }" ;;
	?*) first="$first ${last#* }" ;;
	esac
	[ -n "$period" ] &&
		{ [ -z "$start" ] || [ "$start" = "$first" ]; } &&
		{ [ -z "$end" ] || [ "$end" = "$last" ]; }
	result $? "$t: rétroplanning within the relay ($first|$last; $start, $end)"

	# The partner's name (the PDF's title: « Fiche projet — NAME ») is
	# never split between two lines.
	name=$(pdfinfo "$pdf" 2>/dev/null | sed -n 's/^Title: *Fiche projet — //p')
	tr '\n' '|' <"$txt" >"$tmp/joined"
	: >"$tmp/bad"
	prev=
	for word in $name; do
		[ -n "$prev" ] && grep -q -F -e "$prev|$word" "$tmp/joined" &&
			echo "split: $prev|$word" >>"$tmp/bad"
		prev=$word
	done
	[ -n "$name" ] && [ ! -s "$tmp/bad" ]
	result $? "$t: the partner's name never split ($name)" "$tmp/bad"

	for form in "$@"; do
		grep -o -E '[A-Za-z0-9._-]+@[A-Za-z0-9.-]+\.[a-z]+' "$form"
	done | sort -u >"$tmp/addresses"
	: >"$tmp/bad"
	found=0
	while read -r a; do
		if grep -q -F -x -e "$a" "$txt" ||
			grep -q -E -e "(^| )$(printf '%s' "$a" |
				sed 's/[.]/[.]/g')( |$)" "$txt"; then
			found=$((found + 1))
		elif grep -q -F -e "${a%%@*}@" "$txt"; then
			echo "split: $a" >>"$tmp/bad"
		fi
	done <"$tmp/addresses"
	[ ! -s "$tmp/bad" ] && [ "$found" -ge 2 ]
	result $? "$t: e-mail addresses whole on one line ($found)" "$tmp/bad"
}

fiches=0
for form in examples/*.yaml models/fiche-projet/exemple.yaml; do
	grep -q -E '^ *types:.*fiche_projet' "$form" || continue
	base=$(basename "$(dirname "$form")")-$(basename "$form" .yaml)
	"$paraphe" render "$form" -m fiche-projet -f pdf -o "$tmp/$base" \
		>"$tmp/log" 2>&1
	result $? "$base: render" "$tmp/log"
	[ -f "$tmp/$base/fiche-projet.pdf" ] || continue
	fiches=$((fiches + 1))
	check_fiche "$base" "$tmp/$base/fiche-projet.pdf" "$form"
done
[ "$fiches" -ge 4 ]
result $? "four example fiches at least ($fiches)"

campaign_dir=examples/campagne-8-mars
for campaign in campagne campagne-csv; do
	"$paraphe" kit "$campaign_dir/$campaign.yaml" -o "$tmp/$campaign" \
		-q >"$tmp/log" 2>&1
	result $? "$campaign: kit" "$tmp/log"
	kit_fiches=0
	for pdf in "$tmp/$campaign"/*/*/fiche-projet.pdf; do
		[ -f "$pdf" ] || continue
		kit_fiches=$((kit_fiches + 1))
		check_fiche "$campaign/$(basename "$(dirname "$pdf")")" "$pdf" \
			"$campaign_dir/$campaign.yaml" \
			"$campaign_dir/partenaires.csv" \
			"$campaign_dir"/partenaires/*.yaml
	done
	[ "$kit_fiches" -eq 10 ]
	result $? "$campaign: ten fiches ($kit_fiches)"
done

done_testing
