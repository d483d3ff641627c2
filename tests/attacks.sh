#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# attacks.sh PARAPHE: the named attacks of issue 8, one regression check
# each: billion laughs in YAML and in an XML template, a YAML alias cycle,
# 200 KB of nested "[", XXE and an external DTD in a template, duplicate
# keys, a zip bomb, lying zip sizes, duplicate zip entries, "../" in a
# partner id and in a zip entry, markup and "&" in a partner's name,
# invalid UTF-8, U+FFFE, and a PDF that makes poppler itself allocate
# 800 MB (tests/data/poppler-oom.pdf, found by the check-pdf fuzz target).
# Each must end with the right exit status and a clear message, in under
# 1 s and 256 MB (address space limit; the time and the peak memory
# measured by /usr/bin/time, which counts the waited children too: the
# largest of the process tree).  TAP output; the figures go to the
# comments.  Run from the source root with PARAPHE_DATADIR set (meson does
# both).  Needs python3 (to build the hostile zips) and pdftotext.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
export LANGUAGE=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
src=$(pwd)
form=examples/mobilite-verte.yaml
tpl=models/convention/template.xml

# A sanitizer build reserves terabytes of address space and runs several
# times slower: no address space limit then, and 10 s instead of 1 s.
limit_kb=262144 limit_s=1 as_kb=262144 sanitizer=0
if grep -aq __asan_init "$paraphe" 2>/dev/null; then
	limit_kb=0 limit_s=10 as_kb=0 sanitizer=1
	echo "# sanitizer build: no address space limit, $limit_s s per attack"
fi
timebin=/usr/bin/time
[ -x "$timebin" ] || timebin=

. "$(dirname "$0")/tap.sh"

# attack WANTED-STATUS NAME MESSAGE-REGEX ARGS...: runs paraphe ARGS under
# the limits; checks the exit status, the message (extended regex, stderr
# or stdout), the time and the memory.
attack() {
	want=$1 name=$2 re=$3
	shift 3
	(
		[ "$as_kb" -gt 0 ] && ulimit -v "$as_kb"
		if [ -n "$timebin" ]; then
			exec "$timebin" -f '%e %M' -o "$tmp/time" "$paraphe" "$@"
		else
			exec "$paraphe" "$@"
		fi
	) >"$tmp/out" 2>"$tmp/err"
	got=$?
	: >"$tmp/why"
	[ "$got" -eq "$want" ] ||
		echo "exit status $got, wanted $want" >>"$tmp/why"
	cat "$tmp/err" "$tmp/out" >"$tmp/msgs"
	grep -qE -- "$re" "$tmp/msgs" ||
		echo "no message matching /$re/" >>"$tmp/why"
	secs=? kb=?
	if [ -n "$timebin" ] && [ -s "$tmp/time" ]; then
		# a non-zero status adds "Command exited..." before the figures
		set -- $(tail -1 "$tmp/time")
		secs=$1 kb=$2
		awk -v s="$secs" -v l="$limit_s" 'BEGIN { exit !(s < l) }' ||
			echo "took $secs s" >>"$tmp/why"
		[ "$limit_kb" -eq 0 ] || [ "$kb" -lt "$limit_kb" ] ||
			echo "peak memory $kb KB" >>"$tmp/why"
	fi
	if [ -s "$tmp/why" ]; then
		head -5 "$tmp/msgs" >>"$tmp/why"
		result 1 "$name" "$tmp/why"
	else
		mb=?
		case $kb in *[!0-9]* | "") ;; *) mb=$((kb / 1024)) ;; esac
		result 0 "$name (exit $got, $secs s, $mb MB)"
		grep -m1 -E -- "$re" "$tmp/msgs" | cut -c1-160 | sed 's/^/#   /'
	fi
}

nothing_written() { # nothing_written NAME FOLDER
	if [ -e "$2" ] && [ -n "$(ls -A "$2")" ]; then
		ls -A "$2" >"$tmp/why"
		result 1 "$1: nothing written" "$tmp/why"
	else
		result 0 "$1: nothing written"
	fi
}

# --- YAML forms -------------------------------------------------------------

mkdir "$tmp/f"
cp -R examples/logos "$tmp/f/"

# Billion laughs: 10 levels of 10 aliases, 10^10 values once expanded.
{
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	prev=a
	for c in b c d e f g h i j; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' \
			"$c" "$c" $prev $prev $prev $prev $prev $prev $prev \
			$prev $prev $prev
		prev=$c
	done
} >"$tmp/f/laughs.yaml"
attack 1 "YAML billion laughs" 'yaml-too-many-nodes' \
	validate "$tmp/f/laughs.yaml"
# The same, the expansion reached from a key the model knows.
{
	sed 's/^\([a-j]\): /x\1: /' "$tmp/f/laughs.yaml"
	sed 's/^  canaux: .*$/  canaux: *j/' "$form"
} >"$tmp/f/laughs-form.yaml"
attack 1 "YAML billion laughs inside a form" 'yaml-too-many-nodes' \
	validate "$tmp/f/laughs-form.yaml"

{
	cat "$form"
	printf 'extra: &a [ *a ]\n'
} >"$tmp/f/cycle.yaml"
attack 1 "YAML alias cycle &a [ *a ]" 'yaml-alias' validate "$tmp/f/cycle.yaml"

awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["
	for (i = 0; i < 100000; i++) printf "]"; print "" }' \
	>"$tmp/f/nested.yaml"
attack 1 "200 KB of nested [" 'yaml-too-deep' validate "$tmp/f/nested.yaml"

{
	cat "$form"
	printf 'document:\n  titre: "EVIL"\n'
} >"$tmp/f/dupkey.yaml"
attack 1 "duplicate keys" 'yaml-duplicate-key' validate "$tmp/f/dupkey.yaml"

sed 's/denomination: "Mobilité Verte SAS"/denomination: "Mobilit\xe9 Verte"/' \
	"$form" >"$tmp/f/latin1.yaml"
attack 1 "invalid UTF-8" 'yaml-encoding' validate "$tmp/f/latin1.yaml"
sed 's/denomination: "Mobilité Verte SAS"/denomination: "Mobilité \xef\xbf\xbe"/' \
	"$form" >"$tmp/f/fffe.yaml"
attack 1 "U+FFFE in a form" 'U\+FFFE' validate "$tmp/f/fffe.yaml"
sed 's/denomination: "Mobilité Verte SAS"/denomination: "Mobilité \\uFFFE"/' \
	"$form" >"$tmp/f/fffe-esc.yaml"
attack 1 "U+FFFE escaped in a form (\\uFFFE)" 'U\+FFFE' \
	validate "$tmp/f/fffe-esc.yaml"

# --- XML templates ----------------------------------------------------------

# A model folder of our own: the hostile template beside a copy of the
# convention's schema, types and clauses.
m=$tmp/models
mkdir -p "$m/convention"
cp models/types.yaml "$m/"
cp -R models/clauses "$m/"
cp models/convention/schema.yaml models/convention/exemple.yaml \
	"$m/convention/"
template() { # template DOCTYPE FIRST-PARAGRAPH-TEXT
	{
		sed -n 1p "$tpl"
		printf '%s\n' "$1"
		sed -n '2,$p' "$tpl" | sed "0,/<p>/s//<p>$2/"
	} >"$m/convention/template.xml"
}
render_attack() { # render_attack WANT NAME REGEX
	rm -rf "$tmp/out-r"
	attack "$1" "$2" "$3" render "$form" -m "$m/convention" -f pdf,odt \
		-o "$tmp/out-r"
	nothing_written "$2" "$tmp/out-r"
}
e='<!ENTITY a "lollollollollollollollollollol">'
prev=a
for c in b c d e f g h i j; do
	e="$e<!ENTITY $c \"&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;&$prev;\">"
	prev=$c
done
template "<!DOCTYPE t [$e]>" '\&j;'
render_attack 1 "XML billion laughs in a template" 'DOCTYPE'
template '<!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/hostname">]>' '\&x;'
render_attack 1 "XXE in a template" 'DOCTYPE'
template '<!DOCTYPE t SYSTEM "http://127.0.0.1:9/x.dtd">' ''
render_attack 1 "external DTD in a template" 'DOCTYPE'
template '' '\&#xFFFE;'
render_attack 1 "U+FFFE in a template (&#xFFFE;)" 'template'

# --- ODT packages read by paraphe check -------------------------------------

if command -v python3 >/dev/null 2>&1; then
	"$paraphe" render "$form" -m convention -f odt -o "$tmp/base" \
		>/dev/null 2>&1
	cat >"$tmp/mkodt.py" <<'EOF'
import struct, sys, warnings, zipfile
warnings.simplefilter("ignore")  # duplicate names are the point
base, kind, out = sys.argv[1:4]
src = zipfile.ZipFile(base)
members = [(i, src.read(i.filename)) for i in src.infolist()]
if kind == "lie":
    # content.xml declares 1000 bytes in both headers and holds more
    data = bytearray(open(base, "rb").read())
    for sig, nl, size, name in ((b"PK\x03\x04", 26, 22, 30),
                                (b"PK\x01\x02", 28, 24, 46)):
        p = data.find(sig)
        while p >= 0:
            n = struct.unpack_from("<H", data, p + nl)[0]
            if data[p + name:p + name + n] == b"content.xml":
                struct.pack_into("<I", data, p + size, 1000)
            p = data.find(sig, p + 4)
    open(out, "wb").write(data)
    sys.exit(0)
z = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
for i, d in members:
    if kind == "bomb" and i.filename == "content.xml":
        # 100 MiB of spaces deflated to about 100 KB (ratio 1000)
        zi = zipfile.ZipInfo("content.xml")
        zi.compress_type = zipfile.ZIP_DEFLATED
        with z.open(zi, "w") as w:
            chunk = b" " * (1 << 20)
            for _ in range(100):
                w.write(chunk)
        continue
    z.writestr(i, d)
    if kind == "dup" and i.filename == "content.xml":
        z.writestr("content.xml", d.replace(b"Mobilit", b"EVIL Mobilit"))
if kind == "slip":
    z.writestr("../../evil.xml", b"<x/>")
z.close()
EOF
	for k in bomb lie dup slip; do
		python3 "$tmp/mkodt.py" "$tmp/base/convention.odt" "$k" \
			"$tmp/$k.odt"
	done
	attack 2 "zip bomb ODT (100 MiB content.xml)" 'zip bomb' \
		check "$tmp/bomb.odt"
	attack 2 "lying zip sizes" 'size its zip header declares' \
		check "$tmp/lie.odt"
	attack 2 "duplicate zip entries" 'inconsistent|damaged' \
		check "$tmp/dup.odt"
	attack 2 "../ in a zip entry name" 'outside' check "$tmp/slip.odt"
else
	for k in "zip bomb ODT" "lying zip sizes" "duplicate zip entries" \
		"../ in a zip entry name"; do
		skip "$k" "no python3"
	done
fi

# --- PDFs read by paraphe check ---------------------------------------------

# 8 KB (a damaged font dictionary) that makes poppler 22.12 allocate about
# 800 MB; poppler runs in a child with a data limit (src/check.c).  Run
# without the address space limit: the peak must come from paraphe's own
# limit.  A sanitizer build sets no limit in the child (shadow memory):
# there ASan's largest allocation stands in for it and the child's death
# must still be a clear refusal.
pdf=tests/data/poppler-oom.pdf
if [ "$sanitizer" -eq 0 ]; then
	as_kb=0
	attack 2 "PDF making poppler allocate 800 MB" \
		'needs more memory than the check allows \(256 MiB\): refused' \
		check "$pdf"
	as_kb=262144
	if grep -qE 'double free|Out of memory' "$tmp/err"; then
		result 1 "PDF making poppler allocate 800 MB: poppler's own \
noise not shown" "$tmp/err"
	else
		result 0 "PDF making poppler allocate 800 MB: poppler's own \
noise not shown"
	fi
else
	asan_was=${ASAN_OPTIONS-}
	export ASAN_OPTIONS="${asan_was:+$asan_was:}max_allocation_size_mb=256"
	attack 2 "PDF making poppler allocate 800 MB (ASan's \
max_allocation_size_mb=256)" 'stopped on this PDF.*refused' \
		check "$pdf"
	ASAN_OPTIONS=$asan_was
	skip "PDF making poppler allocate 800 MB: poppler's own noise not shown" \
		"sanitizer build"
fi

# --- Campaigns and names ----------------------------------------------------

example=examples/campagne-8-mars
mkdir -p "$tmp/esc/c"
cp -R "$example/logos" "$example/partenaires" "$tmp/esc/c/"
{
	cat "$example/campagne.yaml"
	printf '  - id: "../../evasion"\n    partenaire: { denomination: "X" }\n'
} >"$tmp/esc/c/campagne.yaml"
attack 1 "../ in a partner id" 'error: id:' kit "$tmp/esc/c/campagne.yaml" \
	-o "$tmp/esc/out" -q --only '../../evasion'
(cd "$tmp" && find . -name '*evasion*') >"$tmp/got"
[ ! -s "$tmp/got" ]
result $? "../ in a partner id: nothing written outside the kit" "$tmp/got"

sed 's/denomination: "Mobilité Verte SAS"/denomination: "<b>Dupont \& Fils<\/b> \&amp; Cie"/' \
	"$form" >"$tmp/f/markup.yaml"
attack 0 "markup and & in a partner's name" 'wrote' render \
	"$tmp/f/markup.yaml" -m convention -o "$tmp/markup"
if command -v pdftotext >/dev/null 2>&1; then
	pdftotext "$tmp/markup/convention.pdf" - >"$tmp/text" 2>&1
	grep -qF '<b>Dupont & Fils</b> &amp' "$tmp/text"
	result $? "markup and &: the PDF shows them literally" "$tmp/text"
else
	skip "markup and &: the PDF shows them literally" "no pdftotext"
fi
# Spans left out: the name's words are in spans never hyphenated.
unzip -p "$tmp/markup/convention.odt" content.xml |
	sed 's/<text:span [^>]*>//g; s/<\/text:span>//g' >"$tmp/content.xml"
grep -qF '&lt;b&gt;Dupont &amp; Fils&lt;/b&gt; &amp;amp' "$tmp/content.xml"
result $? "markup and &: the ODT escapes them" "$tmp/content.xml"

# A hostile SVG logo (tests/data/hostile-logo.svg: <script>, on* events, a
# stylesheet @import and a url() fill over http, images from http and
# file:///etc/passwd, <use> of a local file, a javascript: link,
# <foreignObject> with an iframe): the ODT gets the PNG of what librsvg
# draws in the PDF, so none of it enters the package.
mkdir -p "$tmp/svg/logos"
cp "$form" "$tmp/svg/f.yaml"
cp tests/data/hostile-logo.svg "$tmp/svg/logos/mobilite-verte.svg"
attack 0 "hostile SVG logo" 'wrote' render "$tmp/svg/f.yaml" -m convention \
	-o "$tmp/svg/out"
odt=$tmp/svg/out/convention.odt
unzip -l "$odt" >"$tmp/list" 2>&1
grep -q ' Pictures/logo-1\.png$' "$tmp/list" && ! grep -q '\.svg$' "$tmp/list"
result $? "hostile SVG: the ODT holds a PNG, no SVG" "$tmp/list"
unzip -p "$odt" Pictures/logo-1.png | head -c 8 | od -An -c | tr -d ' ' \
	>"$tmp/magic"
grep -q '^211PNG\\r\\n032\\n$' "$tmp/magic"
result $? "hostile SVG: Pictures/logo-1.png is a PNG file" "$tmp/magic"
# Every part of the package, inflated: none of the SVG's words.
unzip -p "$odt" >"$tmp/all" 2>/dev/null
grep -aoE 'pwned|<script|onload=|onclick=|foreignObject|iframe|@import|127\.0\.0\.1|file:|javascript:|etc/passwd|etc/hostname' \
	"$tmp/all" | sort -u >"$tmp/found"
[ ! -s "$tmp/found" ]
result $? "hostile SVG: nothing of it in the ODT's parts" "$tmp/found"
# The same image as the PDF's: librsvg's rendering of the red rectangle,
# at 300 dpi of the printed size (79.37 x 39.69 pt).
if command -v convert >/dev/null 2>&1; then
	unzip -p "$odt" Pictures/logo-1.png >"$tmp/logo.png"
	convert "$tmp/logo.png" ppm:- >"$tmp/logo.ppm" 2>/dev/null
	python3 - "$tmp/logo.ppm" >"$tmp/px" 2>&1 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
magic, size, depth, px = d.split(b"\n", 3)
w, h = map(int, size.split())
def at(x, y):
    i = 3 * (y * w + x)
    return tuple(px[i:i + 3])
print(w, h, at(w // 2, h // 2), at(w - 2, h - 2))
PY
	grep -qx '331 165 (204, 0, 0) (204, 0, 0)' "$tmp/px"
	result $? "hostile SVG: the ODT's PNG is the SVG drawn at 300 dpi" "$tmp/px"
else
	skip "hostile SVG: the ODT's PNG is the SVG drawn at 300 dpi" "no convert"
fi
if command -v pdftoppm >/dev/null 2>&1; then
	pdftoppm -r 72 -f 1 -l 1 "$tmp/svg/out/convention.pdf" >"$tmp/page.ppm"
	python3 - "$tmp/page.ppm" >"$tmp/px" 2>&1 <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
magic, size, depth, px = d.split(b"\n", 3)
print(sum(1 for i in range(0, len(px) - 2, 3) if px[i:i + 3] == b"\xcc\x00\x00"))
PY
	[ "$(cat "$tmp/px")" -gt 2000 ]
	result $? "hostile SVG: the PDF shows the same red rectangle ($(cat "$tmp/px") px)" "$tmp/px"
else
	skip "hostile SVG: the PDF shows the same red rectangle" "no pdftoppm"
fi

done_testing
