#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# validate-odt.sh PARAPHE SCHEMADIR: renders every examples/*.yaml to ODT
# (and PDF) and checks each ODT the way issue 5 asks (TAP output):
#  - every content.xml, styles.xml and meta.xml against the ODF 1.3 schema,
#    in ONE "jing -i" call (the JVM start is slow), every manifest in one
#    call to the manifest schema (the -i flag: see tests/schemas/odf/SOURCES);
#  - the package rules the schema cannot see (python3's zipfile): mimetype
#    first, stored, no extra field; manifest complete both ways; no
#    duplicate names; manifest:version == office:version == 1.3;
#  - the charter's styles with their French names (the libelle of each
#    style in charte/etat/charte.yaml), used by content.xml; articles as
#    headings with an outline level; French and hyphenation on the body
#    style; repeated header rows in the fiche projet; meta.xml;
#  - reproducibility: TZ=UTC and TZ=Asia/Tokyo give the same bytes;
#  - interoperability: one LibreOffice headless call converts every ODT to
#    PDF; it has exactly as many pages as paraphe's PDF (conventions and
#    fiches, handwritten and electronic signature), with the boxes for
#    initials on the same pages, and the article titles and the partner's
#    name of paraphe's PDF are in its text; the documents of the example
#    campaign's kit get the same page checks.
#    Skipped only when soffice is not installed.
# Run from anywhere; PARAPHE_DATADIR (meson sets it) names the data folder,
# else the source root above this script.
set -u
case $1 in
/*) paraphe=$1 ;;
*/*) paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
*) paraphe=$1 ;;
esac
schemas=$(cd "$2" 2>/dev/null && pwd) || schemas=$2
root=$(cd "$(dirname "$0")/.." && pwd)
datadir=${PARAPHE_DATADIR:-$root}
charte=$datadir/charte/etat/charte.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# Lines "ok NAME" / "not ok NAME" / "# detail" from the python checks,
# numbered here.
tap_from() {
	while IFS= read -r line; do
		case $line in
		"ok "*) ok "${line#ok }" ;;
		"not ok "*) not_ok "${line#not ok }" ;;
		*) echo "$line" ;;
		esac
	done <"$1"
}

# The checks jing cannot make, in python3's standard library only.
cat >"$tmp/check.py" <<'EOF'
import re
import struct
import sys
import zipfile
import xml.etree.ElementTree as ET

MIME = b"application/vnd.oasis.opendocument.text"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
}


def q(name):
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


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


def style_names(*roots):
    names = set()
    for r in roots:
        for tag in ("style:style", "text:list-style", "style:page-layout",
                    "style:master-page"):
            for s in r.iter(q(tag)):
                names.add(s.get(q("style:name")))
    return names


def dangling(root, names):
    """Style references of root that no declaration answers."""
    bad = set()
    for el in root.iter():
        for attr in ("text:style-name", "table:style-name",
                     "style:page-layout-name", "style:parent-style-name",
                     "style:master-page-name"):
            v = el.get(q(attr))
            if v is not None and v != "" and v not in names:
                bad.add("%s=%s" % (attr, v))
    return bad


def check_package(label, path, labels):
    raw = open(path, "rb").read()
    z = zipfile.ZipFile(path)
    infos = z.infolist()
    names = [i.filename for i in infos]

    problems = []
    if not infos or infos[0].filename != "mimetype":
        problems.append("first entry is %r" % (names[:1],))
    else:
        mi = infos[0]
        if mi.compress_type != zipfile.ZIP_STORED:
            problems.append("mimetype compressed (method %d)" % mi.compress_type)
        if mi.extra:
            problems.append("extra field in the central directory")
        if mi.header_offset != 0:
            problems.append("mimetype not at offset 0")
        else:
            (xlen,) = struct.unpack_from("<H", raw, 28)
            if xlen != 0:
                problems.append("extra field in the local header")
            if raw[30:38] != b"mimetype" or raw[38:38 + len(MIME)] != MIME:
                problems.append("no mimetype magic at offset 30")
        if z.read("mimetype") != MIME:
            problems.append("mimetype is %r" % z.read("mimetype"))
    report(label, not problems,
           "mimetype first, stored, no extra field, " + MIME.decode(),
           problems)

    dups = sorted({x for x in names if names.count(x) > 1})
    report(label, not dups, "no duplicate entry names", dups)

    try:
        manifest = ET.fromstring(z.read("META-INF/manifest.xml"))
    except (KeyError, ET.ParseError) as e:
        report(label, False, "manifest lists every entry and only them",
               [e])
        return
    entries = {e.get(q("manifest:full-path")): e
               for e in manifest.findall(q("manifest:file-entry"))}
    listed = set(entries) - {"/"}
    present = {x for x in names if not x.endswith("/")} - {
        "mimetype", "META-INF/manifest.xml"}
    problems = ["not in the manifest: " + x for x in sorted(present - listed)]
    problems += ["in the manifest, not in the package: " + x
                 for x in sorted(listed - present)]
    root_entry = entries.get("/")
    if root_entry is None:
        problems.append("no manifest entry for /")
    elif root_entry.get(q("manifest:media-type")) != MIME.decode():
        problems.append("/ has media type %r"
                        % root_entry.get(q("manifest:media-type")))
    report(label, not problems, "manifest lists every entry and only them",
           problems)

    parts = {}
    problems = []
    for name in names:
        if not name.endswith(".xml"):
            continue
        data = z.read(name)
        if b"<!DOCTYPE" in data:
            problems.append(name + ": DOCTYPE")
        try:
            parts[name] = ET.fromstring(data)
        except ET.ParseError as e:
            problems.append("%s: %s" % (name, e))
    report(label, not problems, "XML parts well-formed, no DOCTYPE",
           problems)
    for need in ("content.xml", "styles.xml", "meta.xml"):
        if need not in parts:
            report(label, False, need + " present and well-formed")
            return

    versions = {"manifest:version": manifest.get(q("manifest:version"))}
    if root_entry is not None:
        versions["/ manifest:version"] = root_entry.get(q("manifest:version"))
    for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml"):
        if name in parts:
            versions[name] = parts[name].get(q("office:version"))
    bad = ["%s is %r" % kv for kv in sorted(versions.items())
           if kv[1] != "1.3"]
    report(label, not bad, "manifest:version == office:version == 1.3", bad)

    content, styles, meta = (parts["content.xml"], parts["styles.xml"],
                             parts["meta.xml"])
    declared = {}
    for s in styles.iter(q("style:style")):
        if s.get(q("style:family")) == "paragraph":
            declared[s.get(q("style:name"))] = s
    problems = []
    if "corps" not in labels:
        problems.append("no corps style with a libelle in the charter")
    for name, lib in sorted(labels.items()):
        s = declared.get(name)
        if s is None:
            problems.append("style %s (%s) not declared" % (name, lib))
        elif s.get(q("style:display-name")) != lib:
            problems.append("style %s: display-name %r, charter says %r"
                            % (name, s.get(q("style:display-name")), lib))
    report(label, not problems,
           "styles.xml declares the charter's styles with their French "
           "names (corps: %r)" % labels.get("corps"), problems)

    names_all = style_names(content, styles)
    bad = dangling(content, names_all) | dangling(styles, names_all)
    report(label, not bad, "every style reference is declared", sorted(bad))

    auto = {}
    node = content.find(q("office:automatic-styles"))
    if node is not None:
        for s in node.findall(q("style:style")):
            auto[s.get(q("style:name"))] = s
    used = set()
    for el in content.iter():
        if el.tag not in (q("text:p"), q("text:h")):
            continue
        name, hops = el.get(q("text:style-name")), 0
        while name in auto and name not in declared and hops < 10:
            name, hops = auto[name].get(q("style:parent-style-name")), hops + 1
        if name in declared:
            used.add(name)
    want = {"corps"}
    if label.endswith(".convention"):
        want.add("titre_article")
    if label.endswith(".fiche-projet"):
        want |= {"tableau_entete", "tableau_cellule"}
    missing = sorted(want - used)
    report(label, not missing,
           "content.xml uses the charter's styles (%s)"
           % ", ".join(sorted(want)),
           ["not used: " + x for x in missing])

    corps = declared.get("corps")
    tp = corps.find(q("style:text-properties")) if corps is not None else None
    got = {} if tp is None else {
        a: tp.get(q(a)) for a in ("fo:language", "fo:country",
                                  "fo:hyphenate")}
    report(label, got.get("fo:language") == "fr"
           and got.get("fo:hyphenate") == "true",
           'body style: fo:language="fr" fo:hyphenate="true"', [got])

    if label.endswith(".convention"):
        heads = [(h, "".join(h.itertext()))
                 for h in content.iter(q("text:h"))]
        arts = [(h, t) for h, t in heads
                if re.match("Article [0-9]+(er)? \u2013 ", t)]
        problems = []
        # « Article 1er », its « er » a superscript span
        if not any(t == "Article 1er \u2013 Objet" for h, t in arts):
            problems.append("no text:h \"Article 1er \u2013 Objet\"")
        for h, t in arts:
            lvl = h.get(q("text:outline-level"))
            if lvl is None or not lvl.isdigit():
                problems.append("%s: outline-level %r" % (t, lvl))
        for p in content.iter(q("text:p")):
            t = "".join(p.itertext())
            if re.match("Article [0-9]+(er)? \u2013 ", t):
                problems.append("a paragraph, not a heading: " + t)
        report(label, not problems,
               "articles are text:h with an outline level (%d)" % len(arts),
               problems)

    if label.endswith(".fiche-projet"):
        rows = list(content.iter(q("table:table-header-rows")))
        report(label, len(rows) > 0, "table:table-header-rows present")

    fields = [q("text:page-number"), q("text:page-count")]
    found = {f: any(True for _ in styles.iter(f)) for f in fields}
    report(label, all(found.values()),
           "page number and page count fields in styles.xml",
           [k for k, v in found.items() if not v])

    om = meta.find(q("office:meta"))
    title = om.find(q("dc:title")) if om is not None else None
    gen = om.find(q("meta:generator")) if om is not None else None
    problems = []
    if title is None or not (title.text or "").strip():
        problems.append("no dc:title")
    if gen is None or not (gen.text or "").startswith("paraphe "):
        problems.append("meta:generator is %r"
                        % (None if gen is None else gen.text))
    report(label, not problems, 'meta.xml: dc:title, meta:generator '
           '"paraphe ..."', problems)


def norm(s):
    s = s.replace("\u2019", "'").replace("\u00ad", "")
    return re.sub(r"\s+", " ", s).strip()


def words(s):
    s = s.replace("\u2019", "'").replace("\u00ad", "")
    s = re.sub(r"-\n(?=[a-z\u00e0-\u00ff])", "", s)
    return re.findall(r"[\w'-]{4,}", s)


def check_text(label, pp_txt, lo_txt, denomination):
    pp = open(pp_txt, encoding="utf-8").read()
    lo = open(lo_txt, encoding="utf-8").read()
    npp, nlo = norm(pp), norm(lo)
    titles = [t.strip() for t in
              re.findall("^Article [0-9]+ \u2013 .*$", pp, re.M)]
    if label.endswith(".convention"):
        missing = [t for t in titles if norm(t) not in nlo]
        report(label, titles and not missing,
               "LibreOffice's text has the %d article titles" % len(titles),
               ["missing: " + t for t in missing] or ["no titles found"])
    d = norm(denomination)
    report(label, d != "" and d in npp and d in nlo,
           "LibreOffice's text has the partner's name %r" % d,
           ["in paraphe's PDF: %s, in LibreOffice's: %s"
            % (d in npp, d in nlo)])
    # All the text is there: nearly every word of paraphe's PDF is in
    # LibreOffice's (line-end hyphenation differs, so not all of them).
    a, b = words(pp), set(words(lo))
    miss = [w for w in a if w not in b]
    share = 1 - len(miss) / max(len(a), 1)
    report(label, len(a) > 0 and share >= 0.97,
           "LibreOffice's text has %.1f%% of paraphe's words" % (100 * share),
           ["missing: " + " ".join(sorted(set(miss))[:40])])


if sys.argv[1] == "package":
    labels = charter_labels(sys.argv[2])
    for path in sys.argv[3:]:
        label = path.rsplit("/", 1)[-1][:-len(".odt")]
        try:
            check_package(label, path, labels)
        except Exception as e:  # a broken package is a failure, not a crash
            report(label, False, "package readable", [repr(e)])
elif sys.argv[1] == "text":
    check_text(*sys.argv[2:6])
EOF

# The partner's denomination in a form (partenaire: denomination: "...").
denomination() {
	awk '/^partenaire:/ { p = 1; next }
	/^[^ #]/ { p = 0 }
	p && /^  denomination:/ {
		sub(/^  denomination:[ ]*/, "")
		sub(/[ ]+#.*$/, "")
		if ($0 ~ /^".*"$/ || $0 ~ /^'\''.*'\''$/)
			$0 = substr($0, 2, length($0) - 2)
		print
		exit
	}' "$1"
}

# The charter's label of the boxes for initials (pied.libelle_paraphes).
label_paraphes=$(sed -n 's/^  libelle_paraphes: *"\(.*\)".*/\1/p' "$charte")
label_paraphes=${label_paraphes:-Paraphes}

# paraphe_pages PDF: the numbers of the pages whose text has that label,
# separated by spaces.
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

# same_pages LABEL PDF LO_PDF: LibreOffice's PDF of the ODT has as many
# pages as paraphe's PDF, and the boxes for initials on the same pages:
# every page but the signature page in handwritten mode, none otherwise.
# The ODT reproduces the PDF's layout (line heights, header and footer,
# spaces, keeps, the signature page opened where the PDF's begins), so
# LibreOffice breaks its pages alike.
same_pages() {
	lp=$(pdfinfo "$3" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	pp_pages=$(pdfinfo "$2" 2>/dev/null | awk '/^Pages:/ { print $2 }')
	if [ -n "$lp" ] && [ "$lp" = "${pp_pages:-}" ]; then
		ok "$1: LibreOffice $lp pages, as paraphe's PDF"
	else
		printf '%s\n' "LibreOffice paginates $1.odt to ${lp:-?} pages, paraphe's PDF has ${pp_pages:-?}: the ODT's layout (styles.xml, content.xml) no longer matches the PDF's (src/layout.c); compare pdftotext -layout of both, page by page" >"$tmp/pages"
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
mkdir -p "$tmp/odt" "$tmp/x"
for form in "$root"/examples/*.yaml; do
	name=$(basename "$form" .yaml)
	if TZ=UTC "$paraphe" render "$form" -f odt,pdf -o "$tmp/r1/$name" \
		>/dev/null 2>"$tmp/err" &&
		TZ=Asia/Tokyo "$paraphe" render "$form" -f odt \
			-o "$tmp/r2/$name" >/dev/null 2>>"$tmp/err"; then
		ok "render $name to ODT and PDF"
	else
		not_ok "render $name to ODT and PDF" "$tmp/err"
		continue
	fi
	for odt in "$tmp/r1/$name"/*.odt; do
		[ -f "$odt" ] || continue
		model=$(basename "$odt" .odt)
		label=$name.$model
		cp "$odt" "$tmp/odt/$label.odt"
		if cmp -s "$odt" "$tmp/r2/$name/$model.odt"; then
			ok "$label: same bytes with TZ=UTC and TZ=Asia/Tokyo"
		else
			not_ok "$label: same bytes with TZ=UTC and TZ=Asia/Tokyo"
		fi
		mkdir -p "$tmp/x/$label"
		if ! unzip -q "$odt" -d "$tmp/x/$label" 2>"$tmp/err"; then
			not_ok "$label: unzip" "$tmp/err"
		fi
	done
done
# The example campaign's kit: its partners' documents too, for LibreOffice's
# page count only (step 4).
mkdir -p "$tmp/kit-odt"
if "$paraphe" kit "$root/examples/campagne-8-mars/campagne.yaml" \
	-o "$tmp/kit" >/dev/null 2>"$tmp/err"; then
	ok "render the example campaign's kit"
	for odt in "$tmp"/kit/*/*/*.odt; do
		[ -f "$odt" ] || continue
		partner=$(basename "$(dirname "$odt")")
		cp "$odt" "$tmp/kit-odt/kit-$partner.$(basename "$odt")"
	done
else
	not_ok "render the example campaign's kit" "$tmp/err"
fi
if [ -z "$(ls "$tmp/odt")" ]; then
	not_ok "at least one ODT written"
	done_testing
fi

# 2. The schemas: one jing call for every XML part, one for the manifests.
# jing_batch SCHEMA WHAT FILE...: one test per file, named in the output
# as "FILE:LINE:COL: error: ...".
jing_batch() {
	schema=$1 what=$2
	shift 2
	if ! command -v jing >/dev/null 2>&1; then
		not_ok "jing is installed (Debian package jing)"
		return
	fi
	if [ ! -f "$schema" ]; then
		not_ok "$what schema found: $schema"
		return
	fi
	jing -i "$schema" "$@" 2>&1 | grep -v '^\[warning\]' >"$tmp/jing.out"
	# The status of the pipeline is grep's: read jing's verdict from its
	# messages, and fail on any message that names none of the files.
	for f in "$@"; do
		rel=${f#"$tmp/x/"}
		if grep -qF -- "$f:" "$tmp/jing.out"; then
			grep -F -- "$f:" "$tmp/jing.out" |
				sed "s|$tmp/x/||" >"$tmp/jing.file"
			not_ok "jing $what: $rel" "$tmp/jing.file"
		else
			ok "jing $what: $rel"
		fi
	done
	for f in "$@"; do
		grep -vF -- "$f:" "$tmp/jing.out" >"$tmp/jing.rest"
		mv "$tmp/jing.rest" "$tmp/jing.out"
	done
	if [ -s "$tmp/jing.out" ]; then
		not_ok "jing $what: no other message" "$tmp/jing.out"
	fi
}

set --
for d in "$tmp"/x/*/; do
	for part in content.xml styles.xml meta.xml settings.xml; do
		[ -f "$d$part" ] && set -- "$@" "$d$part"
	done
	[ -f "${d}content.xml" ] || not_ok "${d#"$tmp/x/"}content.xml present"
done
jing_batch "$schemas/OpenDocument-v1.3-schema.rng" "ODF 1.3" "$@"
set --
for d in "$tmp"/x/*/; do
	if [ -f "${d}META-INF/manifest.xml" ]; then
		set -- "$@" "${d}META-INF/manifest.xml"
	else
		not_ok "${d#"$tmp/x/"}META-INF/manifest.xml present"
	fi
done
jing_batch "$schemas/OpenDocument-v1.3-manifest-schema.rng" "manifest 1.3" \
	"$@"

# 3. The package rules and the content, per ODT.
python3 "$tmp/check.py" package "$charte" "$tmp"/odt/*.odt \
	>"$tmp/py.out" 2>"$tmp/py.err" || not_ok "python3 package checks" "$tmp/py.err"
tap_from "$tmp/py.out"

# 4. LibreOffice opens and lays out every ODT: one call for all of them.
if ! command -v soffice >/dev/null 2>&1; then
	skip "LibreOffice" "soffice is not installed (libreoffice-writer-nogui)"
else
	mkdir -p "$tmp/lo"
	timeout 300 soffice -env:UserInstallation="file://$tmp/lo-profile" \
		--headless --convert-to pdf --outdir "$tmp/lo" \
		"$tmp"/odt/*.odt "$tmp"/kit-odt/*.odt >"$tmp/lo.log" 2>&1
	status=$?
	if [ $status -eq 0 ]; then
		ok "LibreOffice converts every ODT to PDF in one call"
	else
		not_ok "LibreOffice converts every ODT to PDF (exit status $status)" \
			"$tmp/lo.log"
	fi
	for odt in "$tmp"/odt/*.odt; do
		label=$(basename "$odt" .odt)
		name=${label%%.*} model=${label#*.}
		lo=$tmp/lo/$label.pdf pp=$tmp/r1/$name/$model.pdf
		if [ ! -s "$lo" ]; then
			not_ok "$label: LibreOffice wrote a PDF" "$tmp/lo.log"
			continue
		fi
		same_pages "$label" "$pp" "$lo"
		pdftotext "$pp" "$tmp/pp.txt" 2>/dev/null
		pdftotext "$lo" "$tmp/lo.txt" 2>/dev/null
		python3 "$tmp/check.py" text "$label" "$tmp/pp.txt" \
			"$tmp/lo.txt" "$(denomination "$root/examples/$name.yaml")" \
			>"$tmp/py.out" 2>"$tmp/py.err" ||
			not_ok "$label: python3 text checks" "$tmp/py.err"
		tap_from "$tmp/py.out"
	done
	for odt in "$tmp"/kit-odt/*.odt; do
		[ -f "$odt" ] || continue
		label=$(basename "$odt" .odt)
		partner=${label#kit-} model=${label##*.}
		partner=${partner%.*}
		lo=$tmp/lo/$label.pdf
		pp=$(dirname "$(ls "$tmp"/kit/*/"$partner/$model.odt")")/$model.pdf
		if [ ! -s "$lo" ]; then
			not_ok "$label: LibreOffice wrote a PDF" "$tmp/lo.log"
			continue
		fi
		same_pages "$label" "$pp" "$lo"
	done
fi

done_testing
