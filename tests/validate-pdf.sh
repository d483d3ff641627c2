#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# validate-pdf.sh PARAPHE: renders every examples/*.yaml to PDF and checks
# each PDF the way a reader, a printer and a screen reader meet it (issue 4):
# qpdf --check, fonts (embedded, subset, from the charter), metadata, page
# size and count, tagged structure, named destinations, links, bookmarks,
# text in document order, no empty page, running footer, paraphes, words
# inside the right margin and not overlapping; then reproducibility (two
# time zones, same bytes) and atomic writing (a full disk leaves no PDF).
# TAP output.  Run from the source root with PARAPHE_DATADIR set (meson does
# both).
#
# What a document should contain is read from its document tree (-f xml,
# itself a golden file): one H2 per <article>, one H1 per level-1 heading and
# per annex, one L per <list>, one LI per <item>, one Table per <table>.
#
# Known defects (tests/tap.sh): patterns of check names, one a line.
known_defects='
'
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
datadir=${PARAPHE_DATADIR:-.}
charte=$datadir/charte/etat/charte.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

# yaml_value FILE SECTION KEY: the scalar KEY directly under the top-level
# SECTION of a form, quotes removed (enough for the examples).
yaml_value() {
	awk -v sec="$2:" -v key="$3:" '
		/^[^ #]/ { in_sec = ($1 == sec) }
		in_sec && $1 == key && /^  [^ ]/ {
			sub(/^  [^:]*:[ ]*/, "")
			sub(/[ ]+#.*$/, "")
			gsub(/^"|"$/, "")
			print
			exit
		}' "$1"
}

tags() { # tags NAME: how many NAME elements in the structure tree
	awk -v t="$1" '$2 == t { print $1 }' "$tmp/struct" | grep . || echo 0
}

count() { # count FILE REGEX: occurrences of REGEX in FILE
	grep -o -- "$2" "$1" | wc -l | tr -d ' '
}

# The charter's page and rules.
right_margin_pt=$(awk '/^  marges:/ { m = 1 } m && /droite_mm:/ {
	print $2 * 72 / 25.4; exit }' "$charte")
paraphe_label=$(sed -n 's/^ *libelle_paraphes: *"\(.*\)".*/\1/p' "$charte")
charte_paraphes=$(awk '/^pied:/ { p = 1 } p && /^  paraphes:/ {
	print $2; exit }' "$charte")

# check_fonts PDF-FONTS-OUTPUT: prints the fonts outside the charter's
# allowed and substitute lists (regles.polices_autorisees: regular
# expressions; regles.polices_substitution: family names).
check_fonts() {
	python3 - "$charte" "$1" <<'EOF'
import re, sys
charte = open(sys.argv[1], encoding="utf-8").read()
def lst(key):
    m = re.search(r"^\s*" + key + r":\s*\[(.*)\]", charte, re.M)
    return re.findall(r'"([^"]*)"', m.group(1)) if m else []
allowed, subst = lst("polices_autorisees"), lst("polices_substitution")
if not allowed and not subst:
    print("no font lists in", sys.argv[1])
    sys.exit(1)
bad = 0
for line in open(sys.argv[2], encoding="utf-8").read().splitlines()[2:]:
    ps = line.split()[0]
    ps = re.sub(r"^[A-Z]{6}\+", "", ps)       # subset tag
    family = re.split(r"[-,]", ps)[0]          # style: -Bold, ,Bold
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", family)
    key = family.replace(" ", "").lower()
    if any(re.search(p, family) or re.search(p, spaced) for p in allowed):
        continue
    if any(s.replace(" ", "").lower() == key for s in subst):
        continue
    print("not in the charter:", line.split()[0], "(family %s)" % spaced)
    bad = 1
sys.exit(bad)
EOF
}

# check_outline PDF TREE: one bookmark per article and annex, in order,
# titled "Article N – ..." ("Article 1er") / "Annexe N – ...", each with a
# destination.
# Prints the problems; exit status 2 when only destinations are missing.
check_outline() {
	qpdf --json --json-key=outlines "$1" >"$tmp/outline.json" || return 1
	python3 - "$tmp/outline.json" "$2" <<'EOF'
import json, re, sys
outline = json.load(open(sys.argv[1], encoding="utf-8"))["outlines"]
tree = open(sys.argv[2], encoding="utf-8").read()
want = ["Article " + n + ("er" if n == "1" else "")
        for n in re.findall(r'<article number="(\d+)"', tree)]
want += ["Annexe " + n for n in re.findall(r'<annex number="(\d+)"', tree)]
flat = []
def walk(entries):
    for e in entries:
        flat.append(e)
        walk(e.get("kids", []))
walk(outline)
titles = [e["title"].split(" \u2013 ")[0] for e in flat]
if titles != want:
    print("bookmarks:", titles)
    print("expected: ", want)
    sys.exit(1)
nodest = [e["title"] for e in flat if not e.get("dest")]
for t in nodest:
    print("no destination:", t)
sys.exit(2 if nodest else 0)
EOF
}

# check_links PDF TREE: a link annotation for every <ref> and <link> of the
# tree, internal ones pointing to a named destination of the PDF.
check_links() {
	qpdf --json --json-key=qpdf "$1" >"$tmp/objects.json" || return 1
	pdfinfo -dests "$1" >"$tmp/dests.txt" 2>&1
	python3 - "$tmp/objects.json" "$2" "$tmp/dests.txt" <<'EOF'
import json, re, sys
objects = json.load(open(sys.argv[1], encoding="utf-8"))["qpdf"][1]
tree = open(sys.argv[2], encoding="utf-8").read()
dests = open(sys.argv[3], encoding="utf-8").read()
want = len(re.findall(r"<ref[ >]", tree)) + len(re.findall(r"<link[ >]", tree))
links = [o["value"] for o in objects.values()
         if isinstance(o, dict) and isinstance(o.get("value"), dict)
         and o["value"].get("/Subtype") == "/Link"]
bad = 0
# (a reference broken across two lines may take two annotations)
if len(links) < want:
    print("%d link annotations for %d references and links in the tree"
          % (len(links), want))
    bad = 1
for link in links:
    dest = link.get("/Dest")
    if isinstance(dest, str) and dest.startswith("u:"):
        if '"%s"' % dest[2:] not in dests:
            print("link to a missing destination:", dest[2:])
            bad = 1
sys.exit(bad)
EOF
}

# check_struct_text PDF: the text a screen reader gets from the structure
# tree holds the words of the pages (5 letters or more); the untagged
# running header, footer and bloc-marque stay well below the 15% allowed.
check_struct_text() {
	pdftotext -raw "$1" "$tmp/raw.txt" &&
		pdfinfo -struct-text "$1" >"$tmp/struct.txt" 2>&1 || return 1
	python3 - "$tmp/raw.txt" "$tmp/struct.txt" <<'EOF'
import re, sys
word = r"[\w\u2019']{5,}"
page = re.findall(word, open(sys.argv[1], encoding="utf-8").read())
tagged = set(re.findall(word, open(sys.argv[2], encoding="utf-8").read()))
missing = [w for w in page if w not in tagged]
share = 100.0 * len(missing) / max(len(page), 1)
print("%.0f%% of %d words missing from the structure tree, e.g. %s"
      % (share, len(page), " ".join(missing[:12])))
sys.exit(1 if share > 15 else 0)
EOF
}

# check_overlaps BBOX-HTML: words of one line that overlap (a table cell
# too narrow for an unbreakable word, two items set at the same place).
check_overlaps() {
	python3 - "$1" <<'EOF'
import re, sys
pages = []
for line in open(sys.argv[1], encoding="utf-8"):
    if "<page " in line:
        pages.append([])
    m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="([\d.]+)">(.*)</word>', line)
    if m and pages:
        pages[-1].append(tuple(map(float, m.groups()[:4])) + (m.group(5),))
bad = 0
for p, words in enumerate(pages, 1):
    for i, a in enumerate(words):
        for b in words[i + 1:]:
            ox = min(a[2], b[2]) - max(a[0], b[0])
            oy = min(a[3], b[3]) - max(a[1], b[1])
            if ox > 0.5 and oy > 0.5 * min(a[3] - a[1], b[3] - b[1]):
                print("page %d: %s (x %.1f-%.1f) overlaps %s (x %.1f-%.1f)"
                      % (p, a[4], a[0], a[2], b[4], b[0], b[2]))
                bad = 1
sys.exit(bad)
EOF
}

# check_pdf BASE MODEL PDF TREE FORM
check_pdf() {
	base=$1 model=$2 pdf=$3 tree=$4 form=$5
	t="$base/$model.pdf"
	d=$tmp/details
	partner=$(yaml_value "$form" partenaire denomination)

	qpdf --check "$pdf" >"$d" 2>&1
	result $? "$t: qpdf --check" "$d"

	pdffonts "$pdf" >"$tmp/fonts" 2>"$d"
	# columns from the right: ... emb sub uni object-number generation
	awk 'NR > 2 && ($(NF - 4) != "yes" || $(NF - 3) != "yes")' \
		"$tmp/fonts" >"$d"
	[ "$(wc -l <"$tmp/fonts")" -gt 2 ] && [ ! -s "$d" ]
	result $? "$t: every font embedded and subset" "$d"
	check_fonts "$tmp/fonts" >"$d" 2>&1
	result $? "$t: every font from the charter" "$d"

	pdfinfo "$pdf" >"$tmp/info" 2>&1
	grep -q '^Tagged: *yes' "$tmp/info"
	result $? "$t: tagged" "$tmp/info"
	title=$(sed -n 's/^Title: *//p' "$tmp/info")
	[ -n "$partner" ] && [ -n "$title" ] &&
		case $title in *"$partner"*) true ;; *) false ;; esac
	result $? "$t: title names the partner ($partner)" "$tmp/info"
	grep -q '^Creator: *paraphe' "$tmp/info"
	result $? "$t: creator is paraphe" "$tmp/info"
	awk '/^Page size:/ { w = $3 - 595.28; h = $5 - 841.89
		ok = (w < 0.01 && w > -0.01 && h < 0.01 && h > -0.01) }
		END { exit !ok }' "$tmp/info"
	result $? "$t: page size A4" "$tmp/info"
	pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
	pages=${pages:-0}

	# one text file per page
	rm -f "$tmp"/page-*.txt
	p=1
	while [ "$p" -le "$pages" ]; do
		pdftotext -layout -f "$p" -l "$p" "$pdf" "$tmp/page-$p.txt"
		p=$((p + 1))
	done
	p=1
	: >"$tmp/text"
	while [ "$p" -le "$pages" ]; do
		cat "$tmp/page-$p.txt" >>"$tmp/text"
		p=$((p + 1))
	done
	# pages with nothing but the running header and footer
	: >"$tmp/empty"
	p=1
	while [ "$p" -le "$pages" ]; do
		grep -v -e "Page $p / $pages" -e "^ *$paraphe_label *\$" \
			"$tmp/page-$p.txt" | grep -vF -- "$title" |
			grep -q '[^[:space:]]' || echo "page $p is empty" >>"$tmp/empty"
		p=$((p + 1))
	done
	# the body ends on the last page with text before the first
	# "Annexe 1 – " heading
	body=$pages
	if grep -q '<annex ' "$tree"; then
		p=1
		while [ "$p" -le "$pages" ]; do
			if grep -q '^ *Annexe 1 – ' "$tmp/page-$p.txt"; then
				body=$((p - 1))
				break
			fi
			p=$((p + 1))
		done
		while [ "$body" -gt 1 ] &&
			grep -qx "page $body is empty" "$tmp/empty"; do
			body=$((body - 1))
		done
	fi
	if [ "$model" = convention ]; then
		[ "$body" -ge 2 ] && [ "$body" -le 8 ]
		result $? "$t: 2 to 8 pages before the annexes ($body of $pages)"
	else
		[ "$pages" -ge 1 ] && [ "$pages" -le 8 ]
		result $? "$t: 1 to 8 pages ($pages)"
	fi

	# structure tree against the document tree
	pdfinfo -struct "$pdf" 2>/dev/null |
		awk '{ sub(/^ +/, ""); print $1 }' | sort | uniq -c >"$tmp/struct"
	printf 'structure:\n' >"$d"
	sed 's/^/  /' "$tmp/struct" >>"$d"
	[ "$(tags P)" -ge 1 ]
	result $? "$t: structure: paragraphs (P)" "$d"
	# The title is the one H1; sections, articles and annexes are H2.
	want=$(count "$tree" 'style="titre"')
	[ "$(tags H1)" -eq "$want" ]
	result $? "$t: structure: one H1, the title ($want)" "$d"
	want=$(($(count "$tree" '<article ') + \
		$(count "$tree" '<heading level="1"') + $(count "$tree" '<annex ')))
	[ "$(tags H2)" -eq "$want" ]
	result $? "$t: structure: one H2 per article, section and annex ($want)" "$d"
	want=$(count "$tree" '<list[ >]')
	[ "$(tags L)" -eq "$want" ]
	result $? "$t: structure: one L per list ($want)" "$d"
	want=$(count "$tree" '<item[ >]')
	[ "$(tags LI)" -eq "$want" ] && [ "$(tags LBody)" -eq "$want" ]
	result $? "$t: structure: one LI per list item ($want)" "$d"
	want=$(count "$tree" '<table[ >]')
	[ "$(tags Table)" -eq "$want" ]
	result $? "$t: structure: one Table per table ($want)" "$d"

	check_struct_text "$pdf" >"$d" 2>&1
	result $? "$t: structure: the tagged text holds the page text" "$d"

	# Every glyph reads as its own character: the soft hyphens that let a
	# word break stay out of what the PDF says its glyphs read (text
	# extraction, search, screen readers), and so do the spaces that end
	# a line, and no glyph is drawn that the text does not have (Pango
	# adds a hyphen to a word broken between two characters, such as an
	# e-mail address in a narrow cell; cairo would mark it as an
	# ActualText span).  Liberation has no ligatures, so no span at all.
	qpdf --qdf --object-streams=disable "$pdf" "$tmp/qdf.pdf" 2>/dev/null
	grep -a 'ActualText' "$tmp/qdf.pdf" | sort | uniq -c >"$d"
	grep -a "$(printf '\302\255')" "$tmp/raw.txt" "$tmp/struct.txt" \
		>>"$d"
	[ ! -s "$d" ]
	result $? "$t: no marked span, no soft hyphen in the text" "$d"

	# named destinations: the bloc-marque, and every article with an id
	pdfinfo -dests "$pdf" >"$tmp/dests" 2>&1
	: >"$d"
	for dest in paraphe-bloc-marque $(sed -n \
		's/.*<article number="[0-9]*" id="\([^"]*\)".*/article-\1/p' \
		"$tree"); do
		# the bloc-marque's name may carry its box: NAME:X:Y:W:H
		grep -qE "\"$dest(:[0-9.:]*)?\"" "$tmp/dests" ||
			echo "missing $dest" >>"$d"
	done
	[ ! -s "$d" ]
	result $? "$t: named destinations" "$d"

	check_links "$pdf" "$tree" >"$d" 2>&1
	result $? "$t: one link per cross-reference" "$d"

	# bookmarks
	check_outline "$pdf" "$tree" >"$d" 2>&1
	st=$?
	[ $st = 0 ] || [ $st = 2 ]
	result $? "$t: one bookmark per article and annex, in order" "$d"
	[ $st = 0 ]
	result $? "$t: every bookmark has a destination" "$d"

	# articles and annexes in order in the text
	for what in Article:article Annexe:annex; do
		label=${what%%:*} elem=${what#*:}
		nums=$(sed -n "s/.*<$elem number=\"\\([0-9]*\\)\".*/\\1/p" "$tree")
		[ -n "$nums" ] || continue
		awk -v label="$label" -v nums="$nums" '
			BEGIN { k = split(nums, num); i = 1 }
			i <= k && index($0, label " " num[i] " – ") &&
				$0 ~ "^ *" label " " num[i] " – " { i++ }
			END { if (i <= k) { print "missing or out of order: " \
				label " " num[i]; exit 1 } }' "$tmp/text" >"$d"
		k=$(echo "$nums" | wc -l | tr -d ' ')
		result $? "$t: ${label}s in order ($k)" "$d"
	done

	if grep -q '<signatures' "$tree"; then
		grep -l 'Fait en' "$tmp"/page-*.txt >"$d" 2>/dev/null
		[ "$(wc -l <"$d")" -eq 1 ] &&
			[ "$(cat "$d")" = "$tmp/page-$body.txt" ]
		result $? "$t: \"Fait en\" on the signature page ($body)" "$d"
	fi

	! grep -n "$(printf '\357\277\275')" "$tmp/text" >"$d"
	result $? "$t: no U+FFFD" "$d"
	! grep -n '[{}]' "$tmp/text" >"$d"
	result $? "$t: no template braces" "$d"
	[ -n "$partner" ] &&
		tr -s ' \n' '  ' <"$tmp/text" | grep -qF -- "$partner"
	result $? "$t: the text names the partner"

	[ ! -s "$tmp/empty" ]
	result $? "$t: no empty page" "$tmp/empty"

	: >"$d"
	p=1
	while [ "$p" -le "$pages" ]; do
		grep -qE "Page $p / $pages( |\$)" "$tmp/page-$p.txt" ||
			echo "page $p: no \"Page $p / $pages\"" >>"$d"
		p=$((p + 1))
	done
	[ ! -s "$d" ]
	result $? "$t: \"Page n / $pages\" on every page" "$d"

	# paraphes: handwritten signature of a document that is signed, with
	# paraphes asked by the form and the charter -> every page but the
	# signature page ($body, where "Fait en" is), annexes included
	mode=$(yaml_value "$form" signature mode)
	form_paraphes=$(yaml_value "$form" signature paraphes)
	if [ "$mode" = manuscrite ] && [ "$form_paraphes" != false ] &&
		[ "$charte_paraphes" != false ] &&
		grep -q '<signatures' "$tree"; then
		want=yes what="on every page but the signature page ($body)"
	elif grep -q '<signatures' "$tree"; then
		want=no what="on no page (signature: ${mode:-none})"
	else
		want=no what="on no page (nothing to sign)"
	fi
	: >"$d"
	p=1
	while [ "$p" -le "$pages" ]; do
		if grep -qE "(^|[[:space:]])$paraphe_label([[:space:]]|\$)" \
			"$tmp/page-$p.txt"; then
			got=yes
		else
			got=no
		fi
		expect=$want
		[ "$p" -eq "$body" ] && expect=no
		[ "$got" = "$expect" ] ||
			echo "page $p: \"$paraphe_label\" $got, expected $expect" >>"$d"
		p=$((p + 1))
	done
	[ ! -s "$d" ]
	result $? "$t: \"$paraphe_label\" $what" "$d"

	# nothing crosses the right margin (words as pdftotext places them)
	pdftotext -bbox "$pdf" "$tmp/bbox.html"
	awk -v edge="$right_margin_pt" '
		/<page / { p++ }
		/<word / { x = $0; sub(/.*xMax="/, "", x); sub(/".*/, "", x)
			if (x + 0 > 595.28 - edge + 0.5) {
				w = $0; sub(/^[^>]*>/, "", w); sub(/<.*/, "", w)
				print "page " p ": " w " ends at " x } }' \
		"$tmp/bbox.html" >"$d"
	[ ! -s "$d" ]
	result $? "$t: no word crosses the right margin" "$d"
	check_overlaps "$tmp/bbox.html" >"$d"
	result $? "$t: no word overlaps another" "$d"
}

for form in examples/*.yaml; do
	base=$(basename "$form" .yaml)
	out=$tmp/$base
	TZ=UTC "$paraphe" render "$form" -f pdf,xml -o "$out" \
		>"$tmp/log" 2>&1
	result $? "$base: render" "$tmp/log"
	for pdf in "$out"/*.pdf; do
		[ -f "$pdf" ] || continue
		model=$(basename "$pdf" .pdf)
		check_pdf "$base" "$model" "$pdf" "$out/$model.xml" "$form"
	done
	# same bytes in another time zone
	TZ=Asia/Tokyo "$paraphe" render "$form" -f pdf -o "$out-tokyo" \
		>"$tmp/log" 2>&1
	: >"$tmp/details"
	for pdf in "$out"/*.pdf; do
		cmp "$pdf" "$out-tokyo/$(basename "$pdf")" >>"$tmp/details" 2>&1
	done
	[ ! -s "$tmp/details" ]
	result $? "$base: same PDF bytes with TZ=UTC and TZ=Asia/Tokyo" \
		"$tmp/details"
done

# A write that fails half-way leaves neither a truncated PDF nor a
# temporary file: files are limited to a few kilobytes (ulimit -f counts
# 512- or 1024-byte blocks depending on the shell), SIGXFSZ ignored so that
# the write fails with EFBIG instead of killing the process.
mkdir "$tmp/full"
(
	trap '' XFSZ
	ulimit -f 8
	exec "$paraphe" render examples/mobilite-verte.yaml -f pdf \
		-o "$tmp/full"
) >"$tmp/log" 2>&1
st=$?
[ $st -ne 0 ]
result $? "a failed write exits non-zero (exit status $st)" "$tmp/log"
ls -A "$tmp/full" >"$tmp/details"
! grep -q '\.pdf$' "$tmp/details"
result $? "a failed write leaves no PDF (convention.pdf)" "$tmp/details"
! grep -q '^\.' "$tmp/details"
result $? "a failed write leaves no temporary file (.convention.pdf.*)" \
	"$tmp/details"

done_testing
