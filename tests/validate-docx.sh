#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# validate-docx.sh PARAPHE [SCHEMADIR]: renders every examples/*.yaml to
# DOCX (and PDF), and the example campaign's kit with docx among its
# formats, and checks each DOCX the way issue 18 asks (TAP output):
#  - reproducibility: TZ=UTC and TZ=Asia/Tokyo give the same bytes;
#  - the package (python3's zipfile and ElementTree): the parts Word needs,
#    every part well-formed XML, named in [Content_Types].xml, every
#    relationship's target in the package and every r:id a part uses
#    declared in its relationships, every entry dated alike;
#  - the styles: the charter's styles under their French names (the
#    libelle of each style in charte/etat/charte.yaml), every style and
#    list a paragraph asks for declared; French on the defaults and in the
#    core properties; the title; hyphenation on (autoHyphenation, at most
#    two hyphenated lines in a row); the PAGE and NUMPAGES fields; the
#    repeated header rows of the fiche projet's tables;
#  - the OOXML schemas (ECMA-376 transitional, RELAX NG): document.xml,
#    styles.xml, numbering.xml, settings.xml and the headers and footers,
#    with jing, when SCHEMADIR holds them (skipped otherwise: see
#    doc/docx.md for why they are not in the tree);
#  - interoperability: one LibreOffice headless call converts every DOCX
#    to PDF; it has exactly as many pages as paraphe's PDF, with the boxes
#    for initials on the same pages (every page but the signature page in
#    handwritten mode).  Skipped only when soffice is not installed.
# Run from anywhere; PARAPHE_DATADIR (meson sets it) names the data folder,
# else the source root above this script.
set -u
case $1 in
/*) paraphe=$1 ;;
*/*) paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
*) paraphe=$1 ;;
esac
schemas=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
datadir=${PARAPHE_DATADIR:-$root}
charte=$datadir/charte/etat/charte.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

tap_from() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"not ok "*) not_ok "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <"$1"
}

cat >"$tmp/check.py" <<'EOF'
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
DC = "http://purl.org/dc/elements/1.1/"


def w(name):
    return "{%s}%s" % (W, name)


def report(label, cond, what, details=()):
    print(("ok " if cond else "not ok ") + label + ": " + what)
    if not cond:
        for d in list(details)[:20]:
            print("#   " + str(d))


def charter_labels(path):
    """{style: libelle} of the styles: section of a charte.yaml."""
    labels, inside, cur = {}, False, None
    with open(path, encoding="utf-8") as f:
        for line in f:
            if re.match(r"^styles:\s*(#.*)?$", line):
                inside = True
                continue
            if not inside:
                continue
            if re.match(r"^[^\s#]", line):
                break
            m = re.match(r"^  ([A-Za-z0-9_-]+):\s*(#.*)?$", line)
            if m:
                cur = m.group(1)
                continue
            m = re.match(r"^    libelle:\s*(.*?)\s*$", line)
            if m and cur:
                v = m.group(1)
                if v.startswith('"'):
                    v = v[1 : v.rindex('"')].replace('\\"', '"')
                elif v.startswith("'"):
                    v = v[1 : v.rindex("'")].replace("''", "'")
                else:
                    v = v.split(" #")[0].strip()
                labels[cur] = v
    return labels


def rels_of(part):
    d, base = part.rsplit("/", 1) if "/" in part else ("", part)
    return (d + "/" if d else "") + "_rels/" + base + ".rels"


def check_package(label, path, labels):
    z = zipfile.ZipFile(path)
    infos = z.infolist()
    names = [i.filename for i in infos]
    need = ["[Content_Types].xml", "_rels/.rels", "word/document.xml",
            "word/styles.xml", "word/numbering.xml", "word/settings.xml",
            "word/_rels/document.xml.rels", "docProps/core.xml",
            "docProps/app.xml"]
    missing = [n for n in need if n not in names]
    report(label, not missing and len(set(names)) == len(names),
           "the parts Word needs, each once", missing)
    report(label, len({i.date_time for i in infos}) == 1,
           "every entry dated alike (the document's date)",
           sorted({i.date_time for i in infos}))
    xml, bad = {}, []
    for n in names:
        if n.endswith(".xml") or n.endswith(".rels"):
            try:
                xml[n] = ET.fromstring(z.read(n))
            except ET.ParseError as e:
                bad.append("%s: %s" % (n, e))
    report(label, not bad, "every part is well-formed XML", bad)
    if bad or missing:
        return
    ct = xml["[Content_Types].xml"]
    defaults = {e.get("Extension").lower() for e in ct.iter("{%s}Default" % CT)}
    overrides = {e.get("PartName") for e in ct.iter("{%s}Override" % CT)}
    untyped = [n for n in names if n != "[Content_Types].xml"
               and "/" + n not in overrides
               and n.rsplit(".", 1)[-1].lower() not in defaults]
    report(label, not untyped, "every part has a content type", untyped)
    report(label, "/word/document.xml" in overrides,
           "document.xml typed as the main document")
    dangling, unknown = [], []
    for n in names:
        if n.endswith(".rels") or n == "[Content_Types].xml":
            continue
        rn = rels_of(n)
        ids = {}
        if rn in xml:
            d = n.rsplit("/", 1)[0] + "/" if "/" in n else ""
            for r in xml[rn].iter("{%s}Relationship" % PR):
                ids[r.get("Id")] = r
                if r.get("TargetMode") == "External":
                    continue
                t = r.get("Target")
                t = t.lstrip("/") if t.startswith("/") else d + t
                if t not in names:
                    dangling.append("%s: %s" % (rn, t))
        if n in xml:
            for el in xml[n].iter():
                for a in ("{%s}id" % R, "{%s}embed" % R):
                    v = el.get(a)
                    if v is not None and v not in ids:
                        unknown.append("%s: %s" % (n, v))
    root_rels = xml["_rels/.rels"]
    for r in root_rels.iter("{%s}Relationship" % PR):
        if r.get("Target").lstrip("/") not in names:
            dangling.append("_rels/.rels: " + r.get("Target"))
    report(label, not dangling, "every relationship's target is in the package",
           dangling)
    report(label, not unknown, "every r:id used is declared", unknown)

    styles = xml["word/styles.xml"]
    declared = {s.get(w("styleId")): s for s in styles.iter(w("style"))}
    names_shown = {s.find(w("name")).get(w("val"))
                   for s in declared.values() if s.find(w("name")) is not None}
    lost = ["%s (%s)" % (k, v) for k, v in labels.items()
            if v not in names_shown]
    report(label, labels and not lost,
           "the charter's styles under their French names (%d)" % len(labels),
           lost)
    report(label, all(k in declared for k in labels),
           "each charter style keeps its name as its id",
           [k for k in labels if k not in declared])
    used = set()
    for n, root in xml.items():
        if n.startswith("word/") and n.endswith(".xml"):
            for tag in ("pStyle", "rStyle", "basedOn", "next"):
                for el in root.iter(w(tag)):
                    used.add(el.get(w("val")))
    report(label, used <= set(declared), "every style asked for is declared",
           sorted(used - set(declared)))
    nums = {n.get(w("numId")) for n in xml["word/numbering.xml"].iter(w("num"))}
    lists = {e.get(w("val")) for e in xml["word/document.xml"].iter(w("numId"))}
    report(label, lists <= nums, "every list's numbering is declared",
           sorted(lists - nums))
    langs = [e.get(w("val")) for e in styles.iter(w("lang"))]
    report(label, langs and set(langs) == {"fr-FR"}, "French everywhere",
           sorted(set(langs)))
    core = xml["docProps/core.xml"]
    title = core.find("{%s}title" % DC)
    lang = core.find("{%s}language" % DC)
    report(label, title is not None and (title.text or "").strip() != "" and
           lang is not None and lang.text == "fr-FR",
           "core properties: a title, language fr-FR")
    st = xml["word/settings.xml"]
    hyph = st.find(w("autoHyphenation"))
    ladder = st.find(w("consecutiveHyphenLimit"))
    report(label, hyph is not None and ladder is not None and
           ladder.get(w("val")) == "2",
           "hyphenation on, at most two hyphenated lines in a row")
    report(label, st.find(w("compat")) is not None and
           st.find(w("compat")).find(w("doNotUseHTMLParagraphAutoSpacing"))
           is not None,
           "spaces between paragraphs add up, as in the PDF")
    fields = " ".join(e.get(w("instr")) for n, root in xml.items()
                      if n.startswith("word/footer")
                      for e in root.iter(w("fldSimple")))
    report(label, "PAGE" in fields.split() and "NUMPAGES" in fields.split(),
           "the footers' PAGE and NUMPAGES fields")
    doc = xml["word/document.xml"]
    if "fiche" in label:
        heads = [t for t in doc.iter(w("tbl"))
                 if t.find(w("tr")) is not None and
                 t.find(w("tr")).find(w("trPr")) is not None and
                 t.find(w("tr")).find(w("trPr")).find(w("tblHeader"))
                 is not None]
        report(label, len(heads) > 0, "tables repeat their header rows")
    sects = list(doc.iter(w("sectPr")))
    report(label, len(sects) >= 1 and
           sects[-1] is doc.find(w("body"))[-1],
           "the last section's properties end the body")


if sys.argv[1] == "package":
    labels = charter_labels(sys.argv[2])
    for path in sys.argv[3:]:
        label = path.rsplit("/", 1)[-1][: -len(".docx")]
        check_package(label, path, labels)
EOF

# The charter's label of the boxes for initials (pied.libelle_paraphes).
label_paraphes=$(sed -n 's/^  libelle_paraphes: *"\(.*\)".*/\1/p' "$charte")
label_paraphes=${label_paraphes:-Paraphes}

# paraphe_pages PDF: the numbers of the pages whose text has that label.
paraphe_pages() {
	_n=$(pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	_i=1 _list=
	while [ "$_i" -le "${_n:-0}" ]; do
		if pdftotext -f "$_i" -l "$_i" "$1" - 2>/dev/null |
			grep -qxF -- "$label_paraphes"; then
			_list="$_list${_list:+ }$_i"
		fi
		_i=$((_i + 1))
	done
	echo "$_list"
}

# same_pages LABEL PDF LO_PDF: LibreOffice's PDF of the DOCX has as many
# pages as paraphe's PDF, and the boxes for initials on the same pages.
same_pages() {
	lp=$(pdfinfo "$3" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	pp_pages=$(pdfinfo "$2" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	if [ -n "$lp" ] && [ "$lp" = "${pp_pages:-}" ]; then
		ok "$1: LibreOffice $lp pages, as paraphe's PDF"
	else
		printf '%s\n' "LibreOffice paginates $1.docx to ${lp:-?} pages, paraphe's PDF has ${pp_pages:-?}: the DOCX's layout (src/docx.c, src/docxbody.c) no longer matches the PDF's (src/layout.c); compare pdftotext -layout of both, page by page" >"$tmp/pages"
		not_ok "$1: LibreOffice ${lp:-?} pages, paraphe's PDF ${pp_pages:-?}" "$tmp/pages"
	fi
	boxes_pp=$(paraphe_pages "$2") boxes_lo=$(paraphe_pages "$3")
	if [ "$boxes_pp" = "$boxes_lo" ]; then
		ok "$1: boxes for initials on the PDF's pages (${boxes_pp:-none})"
	else
		printf '%s\n' "pages with \"$label_paraphes\": paraphe's PDF ${boxes_pp:-none}, LibreOffice's ${boxes_lo:-none}" >"$tmp/boxes"
		not_ok "$1: boxes for initials on the PDF's pages" "$tmp/boxes"
	fi
}

# 1. Render every example twice, in two time zones.
mkdir -p "$tmp/docx" "$tmp/x"
for form in "$root"/examples/*.yaml; do
	name=$(basename "$form" .yaml)
	if TZ=UTC "$paraphe" render "$form" -f docx,pdf -o "$tmp/r1/$name" \
		>/dev/null 2>"$tmp/err" &&
		TZ=Asia/Tokyo "$paraphe" render "$form" -f docx \
			-o "$tmp/r2/$name" >/dev/null 2>>"$tmp/err"; then
		ok "render $name to DOCX and PDF"
	else
		not_ok "render $name to DOCX and PDF" "$tmp/err"
		continue
	fi
	for docx in "$tmp/r1/$name"/*.docx; do
		[ -f "$docx" ] || continue
		model=$(basename "$docx" .docx)
		label=$name.$model
		cp "$docx" "$tmp/docx/$label.docx"
		if cmp -s "$docx" "$tmp/r2/$name/$model.docx"; then
			ok "$label: same bytes with TZ=UTC and TZ=Asia/Tokyo"
		else
			not_ok "$label: same bytes with TZ=UTC and TZ=Asia/Tokyo"
		fi
		mkdir -p "$tmp/x/$label"
		unzip -q "$docx" -d "$tmp/x/$label" 2>"$tmp/err" ||
			not_ok "$label: unzip" "$tmp/err"
	done
done
# The example campaign's kit, its formats docx and pdf: kits offer docx.
mkdir -p "$tmp/kit-docx"
cp -r "$root/examples/campagne-8-mars" "$tmp/campagne"
sed -i 's/^    formats: \[pdf, odt\]/    formats: [pdf, docx]/' \
	"$tmp/campagne/campagne.yaml"
if ! grep -q 'formats: \[pdf, docx\]' "$tmp/campagne/campagne.yaml"; then
	not_ok "the example campaign asks for docx (its formats line changed?)"
elif "$paraphe" kit "$tmp/campagne/campagne.yaml" -o "$tmp/kit" \
	>/dev/null 2>"$tmp/err"; then
	ok "a kit with docx among its formats"
	for docx in "$tmp"/kit/*/*/*.docx; do
		[ -f "$docx" ] || continue
		partner=$(basename "$(dirname "$docx")")
		cp "$docx" "$tmp/kit-docx/kit-$partner.$(basename "$docx")"
	done
	if [ -n "$(ls "$tmp/kit-docx")" ]; then
		ok "the kit wrote its partners' DOCX ($(ls "$tmp/kit-docx" | wc -l))"
	else
		not_ok "the kit wrote its partners' DOCX"
	fi
else
	not_ok "a kit with docx among its formats" "$tmp/err"
fi
# A charter with its own bloc-marque artwork (a stand-in drawn here, not
# the State's, 3:1): a picture in the first page's header, in its
# proportions, an SVG put in as PNG; LibreOffice paginates it too (step 4).
mkdir -p "$tmp/charte-art"
cp "$charte" "$tmp/charte-art/charte.yaml"
sed -i 's/^  fichier: null$/  fichier: marque.svg/' "$tmp/charte-art/charte.yaml"
cat >"$tmp/charte-art/marque.svg" <<'SVG'
<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100"><rect width="100" height="100" fill="#000091"/><rect x="100" width="200" height="100" fill="#E1000F"/></svg>
SVG
if "$paraphe" render "$root/examples/mobilite-verte.yaml" \
	--charte "$tmp/charte-art" -m convention -f docx,pdf -o "$tmp/art" \
	>/dev/null 2>"$tmp/err"; then
	cp "$tmp/art/convention.docx" "$tmp/docx/art.convention.docx"
	mkdir -p "$tmp/r1/art"
	cp "$tmp/art/convention.pdf" "$tmp/r1/art/convention.pdf"
	unzip -p "$tmp/art/convention.docx" word/media/bloc-marque.png |
		head -c 8 | od -An -c | grep -q 'P   N   G'
	result $? "an SVG artwork goes into the DOCX as a PNG"
	unzip -p "$tmp/art/convention.docx" word/header1.xml |
		grep -o '<wp:extent cx="[0-9]*" cy="[0-9]*"' | head -1 |
		awk -F'"' '{ exit !($4 > 0 && $2 / $4 > 2.95 && $2 / $4 < 3.05) }'
	result $? "the artwork keeps its proportions in the header"
else
	not_ok "render the example convention with a charter's artwork" "$tmp/err"
fi
if [ -z "$(ls "$tmp/docx")" ]; then
	not_ok "at least one DOCX written"
	done_testing
fi

# 2. The package and its content.
python3 "$tmp/check.py" package "$charte" "$tmp"/docx/*.docx \
	>"$tmp/py.out" 2>"$tmp/py.err" || not_ok "python3 package checks" "$tmp/py.err"
tap_from "$tmp/py.out"

# 3. The schemas, one jing call per kind of part (the JVM start is slow).
if [ -z "$schemas" ] ||
	[ ! -f "$schemas/WordprocessingML_Main_Document.rnc" ]; then
	skip "OOXML schemas" "no ECMA-376 transitional RELAX NG schemas given (SCHEMADIR)"
elif ! command -v jing >/dev/null 2>&1; then
	not_ok "jing is installed (Debian package jing)"
else
	for pair in document:Main_Document styles:Style_Definitions \
		numbering:Numbering_Definitions settings:Document_Settings \
		header1:Header header2:Header footer1:Footer footer2:Footer; do
		part=${pair%%:*} schema=WordprocessingML_${pair#*:}.rnc
		set --
		for f in "$tmp"/x/*/word/"$part".xml; do
			[ -f "$f" ] && set -- "$@" "$f"
		done
		[ $# -gt 0 ] || continue
		if jing -c "$schemas/$schema" "$@" 2>&1 |
			grep -v '^\[warning\]' | sed "s|$tmp/x/||" >"$tmp/jing.out" &&
			[ ! -s "$tmp/jing.out" ]; then
			ok "ECMA-376 transitional: every $part.xml ($#)"
		else
			not_ok "ECMA-376 transitional: every $part.xml" "$tmp/jing.out"
		fi
	done
fi

# 4. LibreOffice opens and lays out every DOCX: one call for all of them.
if ! command -v soffice >/dev/null 2>&1; then
	skip "LibreOffice" "soffice is not installed (libreoffice-writer-nogui)"
else
	mkdir -p "$tmp/lo"
	timeout 300 soffice -env:UserInstallation="file://$tmp/lo-profile" \
		--headless --convert-to pdf --outdir "$tmp/lo" \
		"$tmp"/docx/*.docx "$tmp"/kit-docx/*.docx >"$tmp/lo.log" 2>&1
	status=$?
	if [ $status -eq 0 ]; then
		ok "LibreOffice converts every DOCX to PDF in one call"
	else
		not_ok "LibreOffice converts every DOCX to PDF (exit status $status)" \
			"$tmp/lo.log"
	fi
	for docx in "$tmp"/docx/*.docx; do
		label=$(basename "$docx" .docx)
		name=${label%%.*} model=${label#*.}
		lo=$tmp/lo/$label.pdf
		if [ ! -s "$lo" ]; then
			not_ok "$label: LibreOffice wrote a PDF" "$tmp/lo.log"
			continue
		fi
		same_pages "$label" "$tmp/r1/$name/$model.pdf" "$lo"
	done
	for docx in "$tmp"/kit-docx/*.docx; do
		[ -f "$docx" ] || continue
		label=$(basename "$docx" .docx)
		partner=${label#kit-} model=${label##*.}
		partner=${partner%.*}
		lo=$tmp/lo/$label.pdf
		pp=$(dirname "$(ls "$tmp"/kit/*/"$partner/$model.docx")")/$model.pdf
		if [ ! -s "$lo" ]; then
			not_ok "$label: LibreOffice wrote a PDF" "$tmp/lo.log"
			continue
		fi
		same_pages "$label" "$pp" "$lo"
	done
fi

done_testing
