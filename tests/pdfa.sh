#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# pdfa.sh PARAPHE: the PDF's post-processing (src/pdfpost.h, issue 16):
# every examples/*.yaml, switched to electronic signature, rendered to PDF;
# then, for each convention: one signature field per signatory, each widget
# the party's signature space of the layout dump (-f layout), invisible and
# printed; qpdf --check; the PDF/A-3b identification (XMP pdfaid, Info and
# XMP agreeing, an sRGB OutputIntent with its ICC stream, a document ID,
# every font embedded with a ToUnicode map, no encryption or JavaScript,
# the structure tree kept); the form and the files it names as associated
# files (/AF, AFRelationship /Source, in /EmbeddedFiles), their bytes
# those of the files; the XMP's paraphe summary; byte-identical renders;
# "paraphe check" information (fields empty or signed, PDF/A, sources);
# a handwritten form without champs_signature gets no field.  With
# PARAPHE_VERAPDF=/path/to/verapdf set, veraPDF validates every PDF as
# PDF/A-3b; without it, that check is skipped (doc/pdfa.md says what is and
# is not validated).  TAP output; run from the source root (meson does).
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
datadir=${PARAPHE_DATADIR:-.}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$(dirname "$0")/tap.sh"

command -v qpdf >/dev/null && command -v python3 >/dev/null &&
	command -v pdffonts >/dev/null ||
	skip_all "qpdf, pdffonts (poppler-utils) or python3 missing"

# The profile in the repository is the Debian package's, unchanged.
if [ -f /usr/share/color/icc/colord/sRGB.icc ]; then
	cmp -s "$datadir/charte/icc/sRGB.icc" /usr/share/color/icc/colord/sRGB.icc
	result $? "charte/icc/sRGB.icc is colord-data's sRGB.icc"
else
	skip "charte/icc/sRGB.icc is colord-data's sRGB.icc" \
		"colord-data not installed"
fi
# An output intent profile PDF/A-2 and -3 accept (ISO 19005-2 6.2.3): a
# display, printer, scanner or colour-space profile, version 4 at most.
python3 - "$datadir/charte/icc/sRGB.icc" >"$tmp/err" 2>&1 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
assert d[36:40] == b"acsp", "not an ICC profile"
assert d[12:16] in (b"mntr", b"prtr", b"scnr", b"spac"), d[12:16]
assert d[16:20] == b"RGB ", d[16:20]
assert d[8] <= 4, "version %d" % d[8]
PY
result $? "the profile: an RGB display profile of ICC version 4 at most" "$tmp/err"

# The examples with their logos and annexes, in electronic mode.
cp -R examples "$tmp/ex"
for form in "$tmp"/ex/*.yaml; do
	sed -i 's/^  mode: manuscrite/  mode: electronique/' "$form"
done

# inspect.py PDF LAYOUT FORM-DIR: prints one "ok|not ok NAME" line per
# structural check of PDF (qpdf --json), against its layout dump.
cat >"$tmp/inspect.py" <<'PY'
import html, json, os, re, subprocess, sys
pdf, layout, formdir = sys.argv[1:4]
base = os.path.basename(os.path.dirname(pdf)) + "/" + os.path.basename(pdf)
j = json.loads(subprocess.run(["qpdf", "--json=2", pdf], check=True,
                              capture_output=True).stdout)
objs = j["qpdf"][1]
def obj(ref):
    o = objs.get("obj:" + ref) if isinstance(ref, str) else None
    return o if o is not None else ref
def val(ref):
    o = obj(ref)
    return o.get("value", o.get("stream", {}).get("dict")) if isinstance(o, dict) and ("value" in o or "stream" in o) else o
def check(cond, name):
    print(("ok " if cond else "not ok ") + base + ": " + name)
trailer = objs["trailer"]["value"]
root = val(trailer["/Root"])
info = val(trailer["/Info"])

# The signature spaces of the layout, page by page.
spaces, page, height = [], 0, 0
for line in open(layout, encoding="utf-8"):
    m = re.match(r"pages \d+ \(([\d.]+) x ([\d.]+) pt\)", line)
    if m:
        height = float(m.group(2))
    m = re.match(r"page (\d+)", line)
    if m:
        page = int(m.group(1))
    m = re.match(r"  signature ([\d.]+) ([\d.]+) ([\d.]+) ([\d.]+)", line)
    if m:
        x, y, w, h = map(float, m.groups())
        spaces.append((page, x, height - y - h, x + w, height - y))
pages = [p["object"] for p in j["pages"]]
fields = val(root.get("/AcroForm", {})).get("/Fields", []) if "/AcroForm" in root else []
want = ["signature-etat", "signature-partenaire"] + [
    "signature-partenaire-%d" % i for i in range(2, len(spaces))]
check(len(fields) == len(spaces) and len(spaces) > 0,
      "one signature field per signatory (%d fields, %d spaces)"
      % (len(fields), len(spaces)))
for k, ref in enumerate(fields):
    f = val(ref)
    name = f.get("/T", "").removeprefix("u:")
    check(name == want[k] if k < len(want) else False,
          "field %d is named %s (%s)" % (k + 1, want[k] if k < len(want) else "?", name))
    check(f.get("/FT") == "/Sig" and f.get("/Subtype") == "/Widget"
          and "/V" not in f, name + ": an empty /Sig field and widget")
    check(f.get("/F") == 4, name + ": printed, never hidden (/F 4)")
    ap = val(f.get("/AP", {}).get("/N")) if "/AP" in f else None
    check(ap is not None and ap.get("/Subtype") == "/Form",
          name + ": an appearance (a form XObject), as PDF/A wants")
    if k < len(spaces):
        pg, x0, y0, x1, y1 = spaces[k]
        r = [float(v) for v in f.get("/Rect", [0, 0, 0, 0])]
        inside = (r[0] >= x0 - 0.01 and r[1] >= y0 - 0.01 and
                  r[2] <= x1 + 0.01 and r[3] <= y1 + 0.01 and
                  r[2] > r[0] and r[3] > r[1])
        check(inside, "%s: widget %s inside the signature space %s"
              % (name, r, [round(v, 2) for v in (x0, y0, x1, y1)]))
        check(f.get("/P") == pages[pg - 1] and ref in val(pages[pg - 1]).get("/Annots", []),
              "%s: on page %d, in its /Annots" % (name, pg))
check(val(root["/AcroForm"]).get("/SigFlags") == 1 if fields else True,
      "/SigFlags 1 (signature fields exist), no AppendOnly")

# PDF/A-3b.
meta = obj(root.get("/Metadata"))
md = meta.get("stream", {}).get("dict", {}) if meta else {}
check(md.get("/Type") == "/Metadata" and md.get("/Subtype") == "/XML"
      and "/Filter" not in md, "/Metadata: an unfiltered XML stream")
xmp = subprocess.run(["qpdf", "--show-object=" + root["/Metadata"].split()[0],
                      "--raw-stream-data", pdf], capture_output=True).stdout.decode()
check("<pdfaid:part>3</pdfaid:part>" in xmp and
      "<pdfaid:conformance>B</pdfaid:conformance>" in xmp,
      "XMP: pdfaid:part 3, pdfaid:conformance B")
def infostr(k):
    v = info.get(k, "")
    return v[2:] if v.startswith("u:") else v
for key, tag in (("/Title", "dc:title"), ("/Author", "dc:creator"),
                 ("/Subject", "dc:description"), ("/Keywords", "pdf:Keywords"),
                 ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")):
    v = infostr(key)
    check(v != "" and re.search("<" + tag + ">(<rdf:(Alt|Seq)><rdf:li[^>]*>)?"
                                + re.escape(v) + "<", html.unescape(xmp)) is not None,
          "Info %s and XMP %s agree" % (key, tag))
d = infostr("/CreationDate")
m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)\+00'00'$", d)
iso = "%s-%s-%sT%s:%s:%s+00:00" % m.groups() if m else "?"
check(m is not None and infostr("/ModDate") == d
      and "<xmp:CreateDate>" + iso + "<" in xmp
      and "<xmp:ModifyDate>" + iso + "<" in xmp,
      "Info dates and XMP dates: the same instant (%s)" % iso)
check("pdfaExtension:schemas" in xmp and "<paraphe:modele>" in xmp,
      "XMP: the paraphe namespace, described by an extension schema")
intents = root.get("/OutputIntents", [])
oi = val(intents[0]) if intents else {}
icc = obj(oi.get("/DestOutputProfile")) if oi else None
check(len(intents) == 1 and oi.get("/S") == "/GTS_PDFA1" and icc is not None
      and icc.get("stream", {}).get("dict", {}).get("/N") == 3,
      "/OutputIntents: GTS_PDFA1 with an RGB ICC stream")
check(isinstance(trailer.get("/ID"), list) and len(trailer["/ID"]) == 2,
      "trailer: a document /ID")
check("/Encrypt" not in trailer, "no encryption")
check("/StructTreeRoot" in root and val(root.get("/MarkInfo", {})).get("/Marked") is True,
      "the structure tree kept (StructTreeRoot, MarkInfo /Marked)")
check(open(pdf, "rb").read(8) == b"%PDF-1.7", "header %PDF-1.7")
raw = json.dumps(objs)
check('"/JavaScript"' not in raw and '"/JS"' not in raw and '"/Launch"' not in raw,
      "no JavaScript, no Launch action")
annots_ok = all(val(a).get("/F") == 4 for p in pages
                for a in val(p).get("/Annots", []))
check(annots_ok, "every annotation printed (/F 4)")

# The associated files.
af = root.get("/AF", [])
names = {}
for ref in af:
    spec = val(ref)
    n = spec.get("/UF", "").removeprefix("u:")
    ef = obj(spec.get("/EF", {}).get("/F"))
    names[n] = (spec.get("/AFRelationship"), ef)
check("formulaire.yaml" in names and names["formulaire.yaml"][0] == "/Source"
      and names["formulaire.yaml"][1]["stream"]["dict"].get("/Subtype") in ("/application/yaml", "/application#2fyaml"),
      "/AF: formulaire.yaml, AFRelationship /Source, application/yaml")
check(all(rel == "/Source" for rel, _ in names.values()),
      "/AF: every associated file is a /Source (%s)" % ", ".join(sorted(names)))
tree = val(val(root.get("/Names", {})).get("/EmbeddedFiles", {})).get("/Names", [])
check(sorted(names) == [t.removeprefix("u:") for t in tree[0::2]],
      "/EmbeddedFiles lists the associated files, sorted")
for n in names:
    data = subprocess.run(["qpdf", "--show-attachment=" + n, pdf],
                          capture_output=True).stdout
    path = os.path.join(formdir, n)
    check(os.path.isfile(path) and open(path, "rb").read() == data,
          "attachment %s: the bytes of %s" % (n, n)) if n != "formulaire.yaml" else None
PY

for form in "$tmp"/ex/*.yaml; do
	name=$(basename "$form" .yaml)
	out=$tmp/out/$name
	"$paraphe" render "$form" -f pdf,layout -o "$out" >/dev/null 2>"$tmp/err"
	if ! result $? "$name: renders in electronic mode" "$tmp/err"; then
		continue
	fi
	pdf=$out/convention.pdf
	qpdf --check "$pdf" >"$tmp/qpdf" 2>&1
	result $? "$name: qpdf --check passes" "$tmp/qpdf"
	python3 "$tmp/inspect.py" "$pdf" "$out/convention.layout" \
		"$tmp/ex" >"$tmp/lines" 2>"$tmp/err" ||
		not_ok "$name: inspect.py runs" "$tmp/err"
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		*) not_ok "${line#not ok }" ;;
		esac
	done <"$tmp/lines"
	qpdf --show-attachment=formulaire.yaml "$pdf" >"$tmp/src.yaml"
	cmp -s "$tmp/src.yaml" "$form"
	result $? "$name: formulaire.yaml holds the form's bytes"
	# Every font embedded, with a ToUnicode map (pdffonts: emb, uni).
	pdffonts "$pdf" | awk 'NR > 2 && ($(NF-4) != "yes" || $(NF-2) != "yes")' \
		>"$tmp/fonts"
	[ ! -s "$tmp/fonts" ]
	result $? "$name: every font embedded with a ToUnicode map" "$tmp/fonts"
	"$paraphe" render "$form" -f pdf -o "$tmp/again" >/dev/null 2>&1
	cmp -s "$pdf" "$tmp/again/convention.pdf"
	result $? "$name: two renders give the same bytes"
	"$paraphe" check "$pdf" >"$tmp/check" 2>&1
	expect_re "$name: check reports the empty fields" "$tmp/check" \
		'info: signature fields: signature-etat \(empty\), signature-partenaire \(empty\)$'
	expect_re "$name: check reports PDF/A-3B" "$tmp/check" \
		'info: declares PDF/A-3B in its metadata'
	expect_re "$name: check reports the source" "$tmp/check" \
		'info: embedded source: .*formulaire\.yaml \([0-9]+ bytes\)'
	expect_no_re "$name: no fichier-incorpore for the sources" \
		"$tmp/check" 'fichier-incorpore'
	if [ -n "${PARAPHE_VERAPDF:-}" ]; then
		"$PARAPHE_VERAPDF" --flavour 3b "$pdf" >"$tmp/vera" 2>&1
		grep -q 'isCompliant="true"' "$tmp/vera"
		result $? "$name: veraPDF: PDF/A-3b compliant" "$tmp/vera"
	else
		skip "$name: veraPDF: PDF/A-3b compliant" "PARAPHE_VERAPDF not set"
	fi
done

# A signed field: the same PDF with a signature value (/V) in the State's
# field, through qpdf's QDF form (fix-qdf repairs the offsets).
pdf=$tmp/out/mutuelle-solidaire-atlantique/convention.pdf
qpdf --qdf --object-streams=disable "$pdf" "$tmp/qdf.pdf" &&
	sed 's|/T (signature-etat)|/T (signature-etat) /V << /Type /Sig /Filter /Adobe.PPKLite >>|' \
		"$tmp/qdf.pdf" | fix-qdf >"$tmp/signed.pdf" 2>/dev/null
"$paraphe" check "$tmp/signed.pdf" >"$tmp/check" 2>&1
expect_re "check: a field with a value is reported signed" "$tmp/check" \
	'info: signature fields: signature-etat \(signed\), signature-partenaire \(empty\)$'
"$paraphe" check --format json "$tmp/signed.pdf" >"$tmp/json" 2>&1
python3 - "$tmp/json" >"$tmp/err" 2>&1 <<'PY'
import json, sys
r = json.loads(open(sys.argv[1]).read())["informations"]
assert r["champs_signature"] == [{"nom": "signature-etat", "signe": True},
                                 {"nom": "signature-partenaire", "signe": False}], r
assert r["pdfa"] == {"partie": 3, "conformite": "B"}, r
assert any(s["nom"] == "formulaire.yaml" and s["taille"] > 0 for s in r["sources"]), r
PY
result $? "check --format json: informations (fields, pdfa, sources)" "$tmp/err"

# Handwritten mode: no field unless the form asks for them.
"$paraphe" render examples/parite-ensemble.yaml -f pdf -o "$tmp/hand" \
	>/dev/null 2>&1
"$paraphe" check "$tmp/hand/convention.pdf" >"$tmp/check" 2>&1
expect_re "handwritten mode: no signature field" "$tmp/check" \
	'info: no signature field$'
cp -R examples "$tmp/req"
sed -i 's/^  mode: manuscrite/  mode: manuscrite\n  champs_signature: true/' \
	"$tmp/req/parite-ensemble.yaml"
"$paraphe" render "$tmp/req/parite-ensemble.yaml" -f pdf -o "$tmp/req/out" \
	>/dev/null 2>"$tmp/err"
"$paraphe" check "$tmp/req/out/convention.pdf" >"$tmp/check" 2>&1
expect_re "handwritten mode with champs_signature: the fields" "$tmp/check" \
	'info: signature fields: signature-etat \(empty\), signature-partenaire \(empty\)$'

# A kit's partner: its merged form, written as YAML.
"$paraphe" kit examples/campagne-8-mars/campagne.yaml -o "$tmp/kit" -q -j 1 \
	--only mobilite-verte >/dev/null 2>&1
pdf=$(find "$tmp/kit" -name convention.pdf | head -n 1)
qpdf --list-attachments "$pdf" >"$tmp/att" 2>&1
expect_text "kit: the partner's form and its logo are embedded" "$tmp/att" \
	"formulaire.yaml ->" "logos/mobilite-verte.svg ->"

done_testing
