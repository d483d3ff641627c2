#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# check.sh PARAPHE FIXTURES_TOOL: "paraphe check" against the State charter
# (issue 7).  TAP output.  Run from the source root with PARAPHE_DATADIR set
# (meson does both).
#
# The report of each fixture, written by FIXTURES_TOOL (check-fixtures.c:
# one PDF per rule), tests/check-odt-fixtures.py (ODTs, from the example
# convention) and tests/check-docx-fixtures.py (DOCXs, written from
# scratch), is a golden file, tests/golden/check/NAME.check, compared by
# tests/golden.sh: the rule, severity, page and position of each finding,
# the verdict, the exit status.  This script checks what those reports do
# not show:
# - every fixture has its golden report; the size of the boxes (the text
#   report gives a corner, the JSON report the whole box); the JSON verdict;
#   --strict, several files in one run;
# - malformed inputs (truncated, not a PDF, empty, encrypted, zip bomb,
#   "../" names, duplicate entries, entity bomb; a DOCX damaged, without
#   its parts, nested too deep, with too many headers): exit 2 in under
#   2 s, and for those without a golden report one clear line; each limit
#   of a package (a part's size, all its parts' size, its entries); a
#   10,000-page PDF: a partial check in under 10 s;
# - dogfood: every examples/*.yaml rendered to PDF and ODT has no error
#   and no warning;
# - the process around the check's child: closed stdout and stderr, SIGCHLD
#   ignored, no core file;
# - LibreOffice (skipped without soffice): the example convention converted
#   to PDF and to DOCX has no error; with its typefaces changed to DejaVu
#   Serif it is flagged police-hors-charte.
set -u
abs() { # abs PATH: PATH from the root
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}
paraphe=$(abs "$1")
fixtures_tool=$(abs "$2")
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=$tmp/fx
mkdir "$fx"
. "$here/tap.sh"

# run.py LIMIT OUT ERR COMMAND...: runs COMMAND with a time limit; exits
# with its status (128 + signal when killed by one, 124 on the limit) and
# prints the seconds it took.
cat >"$tmp/run.py" <<'EOF'
import subprocess, sys, time
limit = float(sys.argv[1])
with open(sys.argv[2], "wb") as out, open(sys.argv[3], "wb") as err:
    t0 = time.monotonic()
    try:
        rc = subprocess.run(sys.argv[4:], stdout=out, stderr=err,
                            timeout=limit).returncode
    except subprocess.TimeoutExpired:
        rc = 124
    print("%.2f" % (time.monotonic() - t0))
sys.exit(128 - rc if rc < 0 else rc)
EOF

status() { # status NAME WANT LIMIT COMMAND...: exit status and time limit
	name=$1 want=$2 limit=$3
	shift 3
	secs=$(python3 "$tmp/run.py" "$limit" "$tmp/out" "$tmp/err" "$@")
	got=$?
	if [ "$got" -eq "$want" ]; then
		ok "$name"
	elif [ "$got" -eq 124 ]; then
		not_ok "$name (longer than $limit s)" "$tmp/err"
	else
		not_ok "$name (exit status $got, wanted $want; $secs s)" \
			"$tmp/err"
	fi
}

# --- Fixtures -----------------------------------------------------------
if ! "$fixtures_tool" "$fx" 2>"$tmp/err"; then
	not_ok "check-fixtures writes the PDF fixtures" "$tmp/err"
	done_testing
fi
ok "check-fixtures writes the PDF fixtures"
if "$paraphe" render examples/mobilite-verte.yaml -f odt -m convention \
	-o "$tmp/odt" >/dev/null 2>"$tmp/err" &&
	python3 "$here/check-odt-fixtures.py" "$fx" "$tmp/odt/convention.odt" \
		2>>"$tmp/err"; then
	ok "check-odt-fixtures.py writes the ODT fixtures"
else
	not_ok "check-odt-fixtures.py writes the ODT fixtures" "$tmp/err"
fi
if python3 "$here/check-docx-fixtures.py" "$fx" 2>"$tmp/err"; then
	ok "check-docx-fixtures.py writes the DOCX fixtures"
else
	not_ok "check-docx-fixtures.py writes the DOCX fixtures" "$tmp/err"
fi

# Each fixture has its report in tests/golden/check (golden.sh's
# check_cases): one added to a generator needs its golden file.
: >"$tmp/why"
for f in "$fx"/*; do
	[ -f "$here/golden/check/${f##*/}.check" ] ||
		echo "no tests/golden/check/${f##*/}.check" >>"$tmp/why"
done
[ ! -s "$tmp/why" ]
result $? "every fixture has its golden report" "$tmp/why"

# --- What the golden reports do not show ---------------------------------
# box FILE RULE GRAVITE PAGE W H: the JSON report of FILE has a RULE finding
# of that severity on that page, with a box of W x H mm (within 2 mm).
box() {
	"$paraphe" check --format json "$fx/$1" >"$tmp/json" 2>&1
	# one finding a line (the report is one line a file)
	sed 's/{"regle"/\n&/g' "$tmp/json" |
		grep -E "\"regle\": *\"$2\", *\"gravite\": *\"$3\", *\"page\": *$4," |
		sed -n 's/.*"largeur": *\([0-9.]*\), *"hauteur": *\([0-9.]*\).*/\1 \2/p' |
		awk -v w="$5" -v h="$6" '
			($1 - w) ^ 2 <= 4 && ($2 - h) ^ 2 <= 4 { found = 1 }
			END { exit !found }'
	result $? "$1: $2 ($3, page $4) in a box of $5 x $6 mm" "$tmp/json"
}
# The whole top-left zone (charter: 33 % x 20 % of the page).
box no-marque.pdf bloc-marque-absent erreur 1 69.3 59.4
box tiny-marque.pdf bloc-marque-taille erreur 1 5 2
box off-palette.pdf couleur-hors-palette avertissement 1 40 20
box not-a4.pdf format-page avertissement 1 215.9 279.4

# The JSON verdict agrees with the exit status: conformant without error.
: >"$tmp/why"
for f in "$fx"/*; do
	"$paraphe" check --format json "$f" >"$tmp/json" 2>/dev/null
	case $? in
	0) want='"conforme": *true, *"erreurs": *0,' ;;
	1) want='"conforme": *false, *"erreurs": *[1-9]' ;;
	*) continue ;; # refused: no report
	esac
	head -1 "$tmp/json" | grep -q -- "$want" ||
		echo "${f##*/}: $(head -1 "$tmp/json")" >>"$tmp/why"
done
[ ! -s "$tmp/why" ]
result $? "JSON reports: conforme and erreurs agree with the exit status" \
	"$tmp/why"

# Warnings: exit 0, 1 with --strict.
for f in untitled.pdf off-palette.odt low-contrast.pdf substitutes.pdf \
	off-palette.docx theme-colour.docx not-a4.docx untitled.docx; do
	status "$f --strict: exit 1 on a warning" 1 20 \
		"$paraphe" check --strict "$fx/$f"
done
# Liberation Sans is the charter's own fallback (polices.sans): no
# warning, even with --strict.
status "conformant.pdf --strict: no warning (the charter's fallback)" 0 20 \
	"$paraphe" check --strict "$fx/conformant.pdf"
# Two faces of one substitute family (DejaVu Sans and DejaVu Sans Bold):
# one police-substitution warning for the file, naming the family once.
"$paraphe" check "$fx/substitutes.pdf" >"$tmp/text" 2>&1
[ "$(grep -c 'police-substitution' "$tmp/text")" -eq 1 ] &&
	grep -q 'typeface DejaVu Sans stands in' "$tmp/text"
result $? "substitutes.pdf: one substitution warning for two faces" \
	"$tmp/text"
status "several files: the worst status" 1 20 \
	"$paraphe" check "$fx/conformant.pdf" "$fx/small-text.pdf"
# Several files: each report and summary line as for the file alone.
(cd "$fx" && "$paraphe" check foreign-font.pdf untitled.pdf) >"$tmp/text" \
	2>&1
grep -hv '^exit status: ' "$here/golden/check/foreign-font.pdf.check" \
	"$here/golden/check/untitled.pdf.check" | diff -u - "$tmp/text" \
	>"$tmp/diff"
result $? "text report of two files: each one's report, as alone" "$tmp/diff"
# A font named with control bytes (ESC [1m, 0x9B), also as the name of the
# file: the text report escapes them, a terminal never receives them.
cp "$fx/control-font.pdf" "$tmp/$(printf 'x\033[2Jy\302\233.pdf')"
(cd "$tmp" && "$paraphe" check "$fx/control-font.pdf" ./x*y*.pdf) \
	>"$tmp/text" 2>&1
if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177\233]')" "$tmp/text"; then
	not_ok "control bytes from a PDF and its name are escaped" "$tmp/text"
else
	expect_text "control bytes from a PDF and its name are escaped" \
		"$tmp/text" 'the typeface \x1b[1m\x9b is' './x\x1b[2Jy\u009b.pdf: NOT'
fi

# --- Malformed inputs: exit 2, one clear line, under 2 s -----------------
"$paraphe" render examples/mobilite-verte.yaml -f pdf -m convention \
	-o "$tmp/pdf" >/dev/null 2>&1
real=$tmp/pdf/convention.pdf
size=$(wc -c <"$real")
head -c $((size / 2)) "$real" >"$fx/truncated.pdf"
printf 'Convention de partenariat\n' >"$fx/text.pdf"
: >"$fx/empty.pdf"
python3 - "$fx/image.png" <<'EOF'
import struct, sys, zlib
def chunk(kind, data):
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data)))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(b"\0\xff\0\0")) + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
EOF
malformed() { # malformed FILE TEXT: exit 2, one line saying TEXT, < 2 s
	file=$1 text=$2
	status "$(basename "$file"): exit 2 in under 2 s" 2 2 \
		"$paraphe" check "$file"
	lines=$(wc -l <"$tmp/err")
	if [ "$lines" -eq 1 ] && grep -qF -- "$text" "$tmp/err"; then
		ok "$(basename "$file"): one line: $text"
	else
		not_ok "$(basename "$file"): one line with \"$text\"" \
			"$tmp/err"
	fi
}
malformed "$fx/truncated.pdf" "damaged"
malformed "$fx/text.pdf" "neither a PDF, an ODT nor a DOCX"
malformed "$fx/image.png" "neither a PDF, an ODT nor a DOCX"
malformed "$fx/empty.pdf" "neither a PDF, an ODT nor a DOCX"
malformed "$fx/missing.pdf" "cannot open"
if command -v qpdf >/dev/null &&
	qpdf --encrypt user owner 256 -- "$real" "$fx/encrypted.pdf"; then
	malformed "$fx/encrypted.pdf" "password"
else
	skip "encrypted.pdf" "no qpdf"
fi
# The malformed ODT fixtures: their message is in their golden report.
for f in bomb.odt evil-path.odt duplicate.odt laughs.odt attributes.odt; do
	status "$f: exit 2 in under 2 s" 2 2 "$paraphe" check "$fx/$f"
done
# The malformed DOCX fixtures likewise.
for f in damaged.docx no-document.docx no-types.docx bomb.docx laughs.docx \
	attributes.docx deep.docx evil-path.docx duplicate.docx lying-size.docx \
	headers.docx; do
	status "$f: exit 2 in under 2 s" 2 2 "$paraphe" check "$fx/$f"
done
# A DOCX is told by its content, whatever its name; a zip that is neither
# an ODT nor a DOCX is refused as such.
cp "$fx/foreign-font.docx" "$fx/renamed.odt"
status "a DOCX named .odt: read as a DOCX (exit 1)" 1 20 \
	"$paraphe" check "$fx/renamed.odt"
grep -q 'police-hors-charte.*Comic Sans MS' "$tmp/out"
result $? "a DOCX named .odt: its rules applied" "$tmp/out"
python3 - "$fx/other.docx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w") as z:
    z.writestr("readme.txt", "not a document\n")
EOF
malformed "$fx/other.docx" "neither an ODT nor a DOCX"
# The limits of a package's parts (check_zip.c): one part over 64 MiB
# (stored: no compression ratio to stop it first), and parts that come to
# over 256 MiB together (deflated some 30 times: under the ratio limit).
python3 - "$fx/big-part.docx" "$fx/big-parts.docx" "$fx/conformant.docx" <<'EOF'
import random, sys, zipfile
big, many, src = sys.argv[1:4]
with zipfile.ZipFile(src) as z:
    parts = [(i, z.read(i)) for i in z.infolist()]
rnd = random.Random(7)
line = bytearray(b"x" * 63 + b"\n")
block = bytearray()
for _ in range(1 << 14):
    line[rnd.randrange(63)] = rnd.randrange(97, 123)
    block += line
def write(path, extra, method):
    with zipfile.ZipFile(path, "w") as z:
        for info, data in parts:
            z.writestr(info, data)
        for name, size in extra:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            with z.open(info, "w", force_zip64=False) as f:
                f.write(b"<w:ftr xmlns:w='urn:w'><!--")
                for _ in range(size // len(block)):
                    f.write(block)
                f.write(b"--></w:ftr>")
write(big, [("word/footer1.xml", 65 << 20)], zipfile.ZIP_STORED)
write(many, [("word/footer%d.xml" % k, 60 << 20) for k in range(1, 6)],
      zipfile.ZIP_DEFLATED)
EOF
malformed "$fx/big-part.docx" "larger than 64 MiB once uncompressed"
status "big-parts.docx: exit 2" 2 60 "$paraphe" check "$fx/big-parts.docx"
grep -q "more than 256 MiB once uncompressed" "$tmp/err"
result $? "big-parts.docx: the parts' size together is limited" "$tmp/err"
rm -f "$fx/big-part.docx" "$fx/big-parts.docx"

# The limits on a file's size and on a package's entries (check.c):
# 256 MiB (a sparse file, nothing written), 10,000 entries.
printf '%%PDF-1.7\n' >"$fx/huge.pdf" && truncate -s 257M "$fx/huge.pdf"
malformed "$fx/huge.pdf" "larger than 256 MiB"
python3 - "$fx/crowded.odt" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    z.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    for i in range(10001):
        z.writestr("Pictures/%05d.txt" % i, "")
EOF
malformed "$fx/crowded.odt" "too many files"
python3 - "$fx/crowded.docx" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_STORED) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    for i in range(10001):
        z.writestr("word/media/%05d.txt" % i, "")
EOF
malformed "$fx/crowded.docx" "too many files"
status "check without a file: usage error" 2 5 "$paraphe" check

# 10,000 pages: a bounded check, said to be partial.
cat >"$tmp/bigpdf.py" <<'EOF'
import sys
path, n = sys.argv[1], int(sys.argv[2])
objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count %d /Kids [%s] >>"
        % (n, b" ".join(b"%d 0 R" % (5 + i) for i in range(n))),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
text = b"BT /F1 12 Tf 72 720 Td (Page) Tj ET"
objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text))
page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89]"
        b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
objs += [page] * n
out = bytearray(b"%PDF-1.4\n")
offsets = []
for k, o in enumerate(objs, 1):
    offsets.append(len(out))
    out += b"%d 0 obj\n%s\nendobj\n" % (k, o)
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objs) + 1, xref))
open(path, "wb").write(out)
EOF
python3 - "$fx/big.pdf" 10000 <"$tmp/bigpdf.py"
secs=$(python3 "$tmp/run.py" 10 "$tmp/big.json" "$tmp/err" \
	"$paraphe" check --format json "$fx/big.pdf")
got=$?
if [ "$got" -eq 1 ] && grep -Eq '"pages": *10000, *"partiel": *true,' \
	"$tmp/big.json" && grep -Eq '"conforme": *false' "$tmp/big.json"; then
	ok "big.pdf (10,000 pages): partial check in $secs s, not conformant"
else
	not_ok "big.pdf (10,000 pages): exit status $got in $secs s, wanted a partial check in under 10 s, exit 1, not conformant" "$tmp/err"
fi
# 2,000 pages in one Kids array, the most read in full: each page's
# Parent is checked against the tree as poppler goes down it, once a
# document, not by looking through the Kids for every page (which ran out
# of the check's memory).
python3 - "$tmp/big2000.pdf" 2000 <"$tmp/bigpdf.py"
secs=$(python3 "$tmp/run.py" 10 "$tmp/big.json" "$tmp/err" \
	"$paraphe" check --format json "$tmp/big2000.pdf")
got=$?
if [ "$got" -eq 1 ] && grep -Eq '"pages": *2000, *"partiel": *false,' \
	"$tmp/big.json"; then
	ok "2,000 pages in one Kids array: checked in full in $secs s"
else
	not_ok "2,000 pages in one Kids array: exit status $got in $secs s, wanted a full check in under 10 s, exit 1" "$tmp/err"
fi
# 3.0 Tr: poppler takes an integer only and ignores it, so the text is
# drawn, red: it is judged, not set apart as invisible.
"$paraphe" check tests/check-skip/tr_3.0.pdf >"$tmp/tr.txt" 2>&1
expect_text "text after 3.0 Tr is judged as the drawn text it is" \
	"$tmp/tr.txt" "text in #ff0000"
# A partial check is never called conformant, nor exits 0 (issue 15).
status "big.pdf: the text report of a partial check" 1 10 \
	"$paraphe" check "$fx/big.pdf"
if grep -q "big.pdf: partial check: .*(10000 pages, 2000 read)" "$tmp/out" &&
	! grep -q ": conformant to the charter" "$tmp/out"; then
	ok "big.pdf: the text report says partial, never conformant"
else
	not_ok "big.pdf: the text report says partial, never conformant" "$tmp/out"
fi

# --- Dogfood: what paraphe writes has no error ---------------------------
for form in examples/*.yaml; do
	form_name=$(basename "$form" .yaml)
	if ! "$paraphe" render "$form" -f pdf,odt -o "$tmp/dog/$form_name" \
		>/dev/null 2>"$tmp/err"; then
		not_ok "render $form" "$tmp/err"
		continue
	fi
	for doc in "$tmp/dog/$form_name"/*.pdf "$tmp/dog/$form_name"/*.odt; do
		[ -f "$doc" ] || continue
		status "dogfood: $form_name/$(basename "$doc") has no error" 0 20 \
			"$paraphe" check "$doc"
		# Issue 20: conformant with 0 warnings under the bundled
		# charter, whose fallback faces paraphe uses.
		"$paraphe" check "$doc" >"$tmp/text" 2>&1
		grep -q ': conformant to the charter (0 warning(s))$' \
			"$tmp/text"
		result $? "dogfood: $form_name/$(basename "$doc") has 0 warnings" \
			"$tmp/text"
	done
done

# --- Fonts judged by their programs (issue 15, item 9) -------------------
# A PDF re-saved by pdftocairo -pdf has its fonts renamed CairoFont-N-M,
# subsets without a name table: their glyphs are Liberation Sans', and
# each example stays conformant, with no font finding.
if command -v pdftocairo >/dev/null 2>&1; then
	for doc in "$tmp/dog"/*/*.pdf; do
		rs_name=$(basename "$(dirname "$doc")")/$(basename "$doc")
		pdftocairo -pdf "$doc" "$tmp/resaved.pdf" 2>/dev/null
		"$paraphe" check "$tmp/resaved.pdf" >"$tmp/text" 2>&1
		got=$?
		grep -q 'CairoFont' "$tmp/resaved.pdf" &&
			[ "$got" -eq 0 ] && ! grep -q 'police-' "$tmp/text"
		result $? "$rs_name re-saved by pdftocairo -pdf: still conformant" \
			"$tmp/text"
	done
else
	skip "pdftocairo re-saves" "no pdftocairo (poppler-utils)"
fi
# A false name: the DejaVu Serif subset of foreign-font.pdf renamed
# LiberationSans-Bold (qpdf mends the offsets) is still DejaVu Serif.
python3 -c '
import sys
d = open(sys.argv[1], "rb").read()
open(sys.argv[2], "wb").write(d.replace(b"DejaVuSerif", b"LiberationSans-Bold"))
' "$fx/foreign-font.pdf" "$tmp/renamed.pdf"
qpdf "$tmp/renamed.pdf" "$tmp/forged.pdf" >/dev/null 2>&1
"$paraphe" check "$tmp/forged.pdf" >"$tmp/text" 2>&1
[ $? -eq 1 ] && grep -q 'LiberationSans-Bold' "$tmp/forged.pdf" &&
	grep -q 'police-hors-charte.*LiberationSans-Bold does not hold' \
		"$tmp/text"
result $? "a DejaVu Serif subset named LiberationSans-Bold: outside" \
	"$tmp/text"

# Invisible text (render mode 3, an OCR layer) is not judged for size
# or contrast (nor colour); the same text visible is.
"$paraphe" check --format json "$fx/invisible.pdf" >"$tmp/json" 2>&1
for rule in texte-trop-petit contraste; do
	inv_n=$(sed 's/{"regle"/\n&/g' "$tmp/json" | grep -c "\"regle\": *\"$rule\"")
	inv_y=$(sed 's/{"regle"/\n&/g' "$tmp/json" | grep "\"regle\": *\"$rule\"" |
		sed -n 's/.*"y": *\([0-9]*\).*/\1/p')
	[ "$inv_n" -eq 1 ] && [ "$inv_y" -ge 195 ] && [ "$inv_y" -le 205 ]
	result $? "invisible.pdf: $rule for the visible text only" "$tmp/json"
done

# --- The process around the check's child ------------------------------
# Started with stdout and stderr closed, the report still comes back (the
# child's report pipe must not take descriptor 1 or 2).
"$paraphe" check "$fx/two-marques.pdf" >&- 2>&-
got=$?
if [ "$got" -eq 1 ]; then
	ok "stdout and stderr closed: the findings still count (exit 1)"
else
	not_ok "stdout and stderr closed: the findings still count (exit $got)"
fi
# Started with SIGCHLD ignored, as some parents do: same verdict.
python3 -c '
import signal, subprocess, sys
ignore = lambda: signal.signal(signal.SIGCHLD, signal.SIG_IGN)
sys.exit(subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                        preexec_fn=ignore).returncode)
' "$paraphe" check "$fx/two-marques.pdf"
got=$?
if [ "$got" -eq 1 ]; then
	ok "SIGCHLD ignored by the parent: same verdict (exit 1)"
else
	not_ok "SIGCHLD ignored by the parent: same verdict (exit $got)"
fi
# A PDF refused for memory leaves no core file, even where cores are on.
mkdir -p "$tmp/cores"
(cd "$tmp/cores" && ulimit -c unlimited 2>/dev/null
	"$paraphe" check "$OLDPWD/tests/data/poppler-oom.pdf" >/dev/null 2>&1)
if ls "$tmp/cores" | grep -q .; then
	not_ok "no core file after a refusal"
else
	ok "no core file after a refusal"
fi

# --- LibreOffice ---------------------------------------------------------
if command -v soffice >/dev/null; then
	mkdir -p "$tmp/lo"
	cp "$tmp/odt/convention.odt" "$tmp/lo/untouched.odt"
	cp "$fx/serif-styles.odt" "$tmp/lo/serif.odt"
	# A profile of its own: other LibreOffice runs do not block it.
	(cd "$tmp/lo" && HOME=$tmp/lo soffice \
		"-env:UserInstallation=file://$tmp/lo/profile" --headless \
		--convert-to pdf --outdir "$tmp/lo" untouched.odt serif.odt) \
		>"$tmp/err" 2>&1
	(cd "$tmp/lo" && HOME=$tmp/lo soffice \
		"-env:UserInstallation=file://$tmp/lo/profile" --headless \
		--convert-to docx --outdir "$tmp/lo" untouched.odt serif.odt) \
		>>"$tmp/err" 2>&1
	if [ -s "$tmp/lo/untouched.docx" ] && [ -s "$tmp/lo/serif.docx" ]; then
		ok "soffice converts the ODTs to DOCX"
		# Its fontTable lists Times New Roman, which sets no text.
		status "LibreOffice DOCX of the convention: no error" 0 20 \
			"$paraphe" check "$tmp/lo/untouched.docx"
		status "LibreOffice DOCX in DejaVu Serif: exit 1" 1 20 \
			"$paraphe" check "$tmp/lo/serif.docx"
		grep -q 'serif\.docx: error\[police-hors-charte\]: .*DejaVu Serif' \
			"$tmp/out"
		result $? "serif.docx: police-hors-charte" "$tmp/out"
	else
		not_ok "soffice converts the ODTs to DOCX" "$tmp/err"
	fi
	if [ -s "$tmp/lo/untouched.pdf" ] && [ -s "$tmp/lo/serif.pdf" ]; then
		ok "soffice converts the ODTs to PDF"
		status "LibreOffice PDF of the convention: no error" 0 20 \
			"$paraphe" check "$tmp/lo/untouched.pdf"
		status "LibreOffice PDF in DejaVu Serif: exit 1" 1 20 \
			"$paraphe" check "$tmp/lo/serif.pdf"
		grep -q '^[^:]*serif\.pdf:1:.*: error\[police-hors-charte\]: ' \
			"$tmp/out"
		result $? "serif.pdf: police-hors-charte (erreur, page 1)" \
			"$tmp/out"
	else
		not_ok "soffice converts the ODTs to PDF" "$tmp/err"
	fi
else
	skip "LibreOffice conversions" "no soffice"
fi

# --- Thumbnails (--thumbnails, for the check page of paraphe serve) -------
# png_size FILE: "WIDTH HEIGHT" of a PNG, from its IHDR chunk.
png_size() {
	od -An -tu1 -j16 -N8 "$1" |
		awk '{ print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4,
		       $5 * 16777216 + $6 * 65536 + $7 * 256 + $8 }'
}
status "--thumbnails DIR draws the pages while checking" 0 30 \
	"$paraphe" check --format json --thumbnails "$tmp/vig" "$fx/conformant.pdf"
if [ -f "$tmp/vig/page-1.png" ] &&
	[ "$(png_size "$tmp/vig/page-1.png")" = "414 585" ]; then
	ok "page-1.png is A4 at 50 dpi (414 x 585)"
else
	echo "$(png_size "$tmp/vig/page-1.png" 2>&1)" >"$tmp/why"
	not_ok "page-1.png is A4 at 50 dpi (414 x 585)" "$tmp/why"
fi
"$paraphe" check --format json "$fx/conformant.pdf" >"$tmp/out.plain" 2>&1
status "-t DIR is --thumbnails DIR" 0 30 \
	"$paraphe" check --format json -t "$tmp/vig2" "$fx/conformant.pdf"
cmp -s "$tmp/out" "$tmp/out.plain"
result $? "the report is the same with thumbnails" "$tmp/out"
status "--thumbnails with two files is a usage error" 2 10 \
	"$paraphe" check -t "$tmp/vig3" "$fx/conformant.pdf" "$fx/untitled.pdf"
grep -q -- '--thumbnails draws the pages of one file' "$tmp/err"
result $? "saying why" "$tmp/err"

done_testing
