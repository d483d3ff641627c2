#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# legal-text.sh PARAPHE: the wording every example convention must carry
# (DOMAIN.md §2.1-2.4, issue 14), read from the PDF with pdftotext.
# Renders the convention of every examples/*.yaml and those of the example
# campaign (from its YAML and from its CSV table), then checks each one:
# the State as the party, represented by delegation under décret
# n° 2005-850; « Article 1er »; « Fait en … »; one « À …, le … » line per
# signature column (« À …, à la date de sa signature électronique » when
# signed electronically, with no blank date to fill in); the dispute
# « est porté devant le tribunal administratif »; an article listing the
# annexes; 4 to 7 pages; and none of « Lu et approuvé », « le cas échéant,
# en annexe », « peut être porté », a label over the partner's logo
# (« En partenariat avec »), nor a duration in figures inside the
# articles.  TAP output; run from the source root with PARAPHE_DATADIR set
# (meson does both).
#
# Over all the conventions: « Article 1er » with its superscript (read as
# text), no « placeholder » (the placeholder bloc-marque reads « Emplacement
# du bloc-marque officiel ») and SIRENs grouped as INSEE prints them
# (« 903 124 576 ») whatever the form holds.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# has NAME TEXT REGEX: a check that the extended REGEX occurs in TEXT.
has() {
	grep -E -e "$3" "$2" >/dev/null
	result $? "$1"
}

# lacks NAME TEXT REGEX: a check that it does not; the lines found follow.
lacks() {
	grep -n -E -e "$3" "$2" >"$tmp/found"
	[ ! -s "$tmp/found" ]
	result $? "$1" "$tmp/found"
}

# check_convention NAME PDF: every check on one convention.
check_convention() {
	t=$1 pdf=$2 txt=$tmp/text layout=$tmp/layout joined=$tmp/joined
	# Apostrophes and no-break spaces as plain characters, so that the
	# patterns stay readable.
	pdftotext "$pdf" - 2>/dev/null |
		sed "s/’/'/g; s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g" >"$txt"
	pdftotext -layout "$pdf" - 2>/dev/null |
		sed "s/’/'/g; s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g" >"$layout"
	tr '\n' ' ' <"$txt" >"$joined"
	cat "$txt" >>"$tmp/all"
	conventions=$((conventions + 1))

	has "$t: « L'État, représenté par »" "$joined" "L'État, représenté par"
	has "$t: décret « n° 2005-850 »" "$joined" "n° 2005-850 du 27 juillet 2005"
	has "$t: « Article 1 – Objet »" "$txt" "^Article 1(er)? – Objet"
	has "$t: « est porté devant le tribunal administratif »" "$joined" \
		"est porté devant le tribunal administratif"
	has "$t: an article lists the annexes" "$txt" \
		"^Article [0-9]+ – Annexes$"
	has "$t: « Fait en … »" "$txt" \
		"^Fait en (un|deux|trois|quatre|cinq|six|sept|huit|neuf|dix) exemplaire"

	# One place and date per signature column: the columns stand side by
	# side on the lines of the layout that follow « Fait en ».
	sed -n '/Fait en/,/Annexe 1 –/p' "$layout" >"$tmp/signatures"
	if grep -q "signé électroniquement" "$joined"; then
		has "$t: electronic signature dated by the last one" "$joined" \
			"à la date de la dernière signature électronique"
		lacks "$t: electronic signature: no blank date" "$txt" "__"
		places=$(grep -o -E "À [^ ,][^,]{0,40},( |$)" \
			"$tmp/signatures" | wc -l)
		dates=$(grep -o "à la date de sa signature électronique" \
			"$tmp/signatures" | wc -l)
	else
		places=$(grep -o -E "À [^ ,][^,]{0,40}, le (_+|1er|[0-9]+)" \
			"$tmp/signatures" | wc -l)
		dates=$places
	fi
	[ "$places" -eq 2 ] && [ "$dates" -eq 2 ]
	result $? "$t: one « À …, le … » per signature column ($places, $dates)"

	lacks "$t: no « Lu et approuvé »" "$joined" "[Ll]u et approuvé"
	lacks "$t: no « le cas échéant, en annexe »" "$joined" \
		"le cas échéant,? en annexe"
	lacks "$t: no « peut être porté »" "$joined" "peut être porté"
	# An article's or annex's number never starts a line alone (« à
	# l'article / 32 du RGPD »), and references are grouped (« aux
	# articles 1er, 2 et 3 »), not repeated (DAJ review, 2026-12-07).
	lacks "$t: no line ending with « article » or « annexe »" "$layout" \
		"[^-](articles?|annexes?) *$"
	lacks "$t: no « à l'article 2 et à l'article 3 »" "$joined" \
		"à l'article [0-9]+ et à l'article"
	# The partner zone of a contract carries no label: « En partenariat
	# avec » would suggest funding (DOMAIN §7); the label is the fiche's.
	lacks "$t: no partner-zone label" "$txt" \
		"^(En partenariat avec|Avec le soutien de)$"
	# Durations in words inside the articles (from « Article 1 » to the
	# signatures); figures stay for dates, amounts and identifiers.
	sed -n '/^Article 1/,/^Fait en/p' "$txt" | tr '\n' ' ' >"$tmp/articles"
	lacks "$t: no duration in figures (« 30 jours »)" "$tmp/articles" \
		"[0-9] ?(jours?|mois|ans?)([^a-zé]|$)"

	# Seven pages at most: a relay inside a pre-election reserve period
	# (the March 2026 examples) adds a paragraph to the neutrality
	# article, which pushes the signatures of the fullest example
	# (parite-ensemble) onto one more page.
	pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	[ "${pages:-0}" -ge 4 ] && [ "${pages:-0}" -le 7 ]
	result $? "$t: 4 to 7 pages (${pages:-?})"
}

: >"$tmp/all"
conventions=0
for form in examples/*.yaml; do
	base=$(basename "$form" .yaml)
	"$paraphe" render "$form" -m convention -f pdf -o "$tmp/$base" \
		>"$tmp/log" 2>&1
	result $? "$base: render" "$tmp/log"
	[ -f "$tmp/$base/convention.pdf" ] &&
		check_convention "$base" "$tmp/$base/convention.pdf"
done

for campaign in campagne campagne-csv; do
	"$paraphe" kit "examples/campagne-8-mars/$campaign.yaml" \
		-o "$tmp/$campaign" -q >"$tmp/log" 2>&1
	result $? "$campaign: kit" "$tmp/log"
	for pdf in "$tmp/$campaign"/*/*/convention.pdf; do
		[ -f "$pdf" ] || continue
		check_convention "$campaign/$(basename "$(dirname "$pdf")")" \
			"$pdf"
	done
done

# Over all the conventions.
[ "$(grep -c "^Article 1er – " "$tmp/all")" -eq "$conventions" ]
result $? "every convention: « Article 1er »"
lacks "every convention: no « placeholder »" "$tmp/all" "placeholder"
lacks "every convention: no SIREN as nine digits in a row" "$tmp/all" \
	"(^|[^0-9A-Z])[0-9]{9}([^0-9]|$)"

done_testing
