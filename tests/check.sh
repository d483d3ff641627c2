#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# check.sh PARAPHE FIXTURES_TOOL: "paraphe check" against the State charter
# (issue 7).  TAP output.  Run from the source root with PARAPHE_DATADIR set
# (meson does both).
#
# - One fixture per rule, written by FIXTURES_TOOL (tests/check-fixtures.c:
#   PDFs) and tests/check-odt-fixtures.py (ODTs, from the example
#   convention): each reported with its rule id, severity and page, and with
#   a box within 2 mm of where the fixture drew the object; conformant.pdf
#   has no error.  Exit statuses: 1 on an error, 0 on warnings only, 1 with
#   --strict.  The text report's compiler shape.
# - Malformed inputs (truncated, not a PDF, empty, encrypted, zip bomb,
#   "../" names, duplicate entries, entity bomb): exit 2 with one clear
#   line, in under 2 s; a 10,000-page PDF: a partial check in under 10 s.
# - Dogfood: every examples/*.yaml rendered to PDF and ODT has no error.
# - LibreOffice (skipped without soffice): the example convention converted
#   to PDF has no error; with its typefaces changed to DejaVu Serif it is
#   flagged police-hors-charte.
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

# finding.py REPORT.json RULE GRAVITE PAGE [none | X Y W H]: the report has a
# finding RULE with that severity on that page; "none": without a box;
# X Y W H (mm, "-" for not compared): a box within 2 mm of it.
cat >"$tmp/finding.py" <<'EOF'
import json, sys
report, rule, gravite, page = sys.argv[1:5]
box = sys.argv[5:]
d = json.load(open(report))
found = [c for c in d["constats"] if c["regle"] == rule]
if not found:
    sys.exit("no %s finding among: %s" % (rule, ", ".join(
        sorted({c["regle"] for c in d["constats"]})) or "none"))
why = []
for c in found:
    bad = []
    if c["gravite"] != gravite:
        bad.append("gravite %s" % c["gravite"])
    if c["page"] != int(page):
        bad.append("page %d" % c["page"])
    b = c.get("boite_mm")
    if box == ["none"]:
        if b is not None:
            bad.append("a box %s" % b)
    elif box:
        if b is None:
            bad.append("no box")
        else:
            for key, want in zip(("x", "y", "largeur", "hauteur"), box):
                if want != "-" and abs(b[key] - float(want)) > 2.0:
                    bad.append("%s %.1f mm, wanted %s" % (key, b[key], want))
    if not bad:
        sys.exit(0)
    why.append("; ".join(bad))
sys.exit(" | ".join(why))
EOF

# errors.py REPORT.json [RULE]: the report's error rules are exactly RULE
# (none without it).
cat >"$tmp/errors.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
got = sorted({c["regle"] for c in d["constats"] if c["gravite"] == "erreur"})
want = sys.argv[2:]
if got != want:
    sys.exit("errors %s, wanted %s" % (got or "none", want or "none"))
if d["conforme"] != (not want) or d["erreurs"] < len(want):
    sys.exit("conforme %s, erreurs %d" % (d["conforme"], d["erreurs"]))
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

json() { # json FILE: "paraphe check --format json FILE" into $tmp/FILE.json
	python3 "$tmp/run.py" 20 "$tmp/$(basename "$1").json" "$tmp/err" \
		"$paraphe" check --format json "$1" >/dev/null
}

finding() { # finding FILE RULE GRAVITE PAGE [none | X Y W H]
	file=$1
	shift
	if python3 "$tmp/finding.py" "$tmp/$(basename "$file").json" "$@" \
		2>"$tmp/why"; then
		ok "$(basename "$file"): $1 ($2, page $3)"
	else
		not_ok "$(basename "$file"): $1 ($2, page $3): $(cat "$tmp/why")" \
			"$tmp/$(basename "$file").json"
	fi
}

only_errors() { # only_errors FILE [RULE]: the error rules reported
	file=$1
	shift
	if python3 "$tmp/errors.py" "$tmp/$(basename "$file").json" "$@" \
		2>"$tmp/why"; then
		ok "$(basename "$file"): errors are exactly ${*:-none}"
	else
		not_ok "$(basename "$file"): $(cat "$tmp/why")" \
			"$tmp/$(basename "$file").json"
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

# --- One rule per fixture -----------------------------------------------
status "conformant.pdf: exit 0" 0 20 "$paraphe" check "$fx/conformant.pdf"
json "$fx/conformant.pdf"
only_errors "$fx/conformant.pdf"

# Errors: exit 1, the rule with the fixture's box, and no other error.
for f in foreign-font.pdf no-marque.pdf two-marques.pdf tiny-marque.pdf \
	small-text.pdf foreign-font.odt no-marque.odt; do
	status "$f: exit 1" 1 20 "$paraphe" check "$fx/$f"
	json "$fx/$f"
done
finding "$fx/foreign-font.pdf" police-hors-charte erreur 1 30 100 - -
only_errors "$fx/foreign-font.pdf" police-hors-charte
# The whole top-left zone (charter: 33 % x 20 % of the page).
finding "$fx/no-marque.pdf" bloc-marque-absent erreur 1 0 0 69.3 59.4
only_errors "$fx/no-marque.pdf" bloc-marque-absent
finding "$fx/two-marques.pdf" bloc-marque-multiple erreur 1 none
only_errors "$fx/two-marques.pdf" bloc-marque-multiple
finding "$fx/tiny-marque.pdf" bloc-marque-taille erreur 1 22 15 5 2
only_errors "$fx/tiny-marque.pdf" bloc-marque-taille
finding "$fx/small-text.pdf" texte-trop-petit erreur 1 50 200 - -
only_errors "$fx/small-text.pdf" texte-trop-petit
finding "$fx/foreign-font.odt" police-hors-charte erreur 0 none
only_errors "$fx/foreign-font.odt" police-hors-charte
finding "$fx/no-marque.odt" bloc-marque-absent erreur 1
only_errors "$fx/no-marque.odt" bloc-marque-absent

# Warnings: exit 0, 1 with --strict.
for f in off-palette.pdf low-contrast.pdf not-a4.pdf untagged.pdf \
	untitled.pdf off-palette.odt; do
	status "$f: exit 0" 0 20 "$paraphe" check "$fx/$f"
	json "$fx/$f"
	only_errors "$fx/$f"
done
finding "$fx/off-palette.pdf" couleur-hors-palette avertissement 1 \
	60 150 40 20
finding "$fx/low-contrast.pdf" contraste avertissement 1 30 120 - -
finding "$fx/not-a4.pdf" format-page avertissement 1 0 0 215.9 279.4
finding "$fx/untagged.pdf" pdf-non-balise avertissement 0 none
finding "$fx/untitled.pdf" titre-manquant avertissement 0 none
finding "$fx/off-palette.odt" couleur-hors-palette avertissement 0 none
for f in untitled.pdf off-palette.odt conformant.pdf; do
	status "$f --strict: exit 1 on a warning" 1 20 \
		"$paraphe" check --strict "$fx/$f"
done
status "several files: the worst status" 1 20 \
	"$paraphe" check "$fx/conformant.pdf" "$fx/small-text.pdf"

# --- Text report --------------------------------------------------------
(cd "$fx" && "$paraphe" check foreign-font.pdf untitled.pdf) >"$tmp/text" \
	2>"$tmp/err"
shape() { # shape NAME ERE: a line of the text report matches ERE
	if grep -Eq -- "$2" "$tmp/text"; then
		ok "text report: $1"
	else
		not_ok "text report: $1" "$tmp/text"
	fi
}
shape "FILE:PAGE:(X mm; Y mm): error[rule]: for a located finding" \
	'^foreign-font\.pdf:1:\([0-9]+,[0-9] mm; [0-9]+,[0-9] mm\): error\[police-hors-charte\]: .*(DejaVu|Free)'
shape "FILE: warning[rule]: for a finding about the whole file" \
	'^untitled\.pdf: warning\[titre-manquant\]: '
shape "a summary line per file, not conformant" \
	'^foreign-font\.pdf: NOT conformant to the charter: 1 error'
shape "a summary line per file, conformant" \
	'^untitled\.pdf: conformant to the charter'

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
malformed "$fx/text.pdf" "neither a PDF nor an ODT"
malformed "$fx/image.png" "neither a PDF nor an ODT"
malformed "$fx/empty.pdf" "neither a PDF nor an ODT"
malformed "$fx/missing.pdf" "cannot open"
if command -v qpdf >/dev/null &&
	qpdf --encrypt user owner 256 -- "$real" "$fx/encrypted.pdf"; then
	malformed "$fx/encrypted.pdf" "password"
else
	skip "encrypted.pdf" "no qpdf"
fi
malformed "$fx/bomb.odt" "larger than"
malformed "$fx/evil-path.odt" "outside itself"
malformed "$fx/duplicate.odt" "inconsistent"
malformed "$fx/laughs.odt" "entities"
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
status "check without a file: usage error" 2 5 "$paraphe" check

# 10,000 pages: a bounded check, said to be partial.
python3 - "$fx/big.pdf" 10000 <<'EOF'
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
secs=$(python3 "$tmp/run.py" 10 "$tmp/big.json" "$tmp/err" \
	"$paraphe" check --format json "$fx/big.pdf")
got=$?
if [ "$got" -le 1 ] && python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d["partiel"] and d["pages"] == 10000 else 1)' "$tmp/big.json"; then
	ok "big.pdf (10,000 pages): partial check in $secs s"
else
	not_ok "big.pdf (10,000 pages): exit status $got in $secs s, wanted a partial check in under 10 s" "$tmp/err"
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
	done
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
	if [ -s "$tmp/lo/untouched.pdf" ] && [ -s "$tmp/lo/serif.pdf" ]; then
		ok "soffice converts the ODTs to PDF"
		status "LibreOffice PDF of the convention: no error" 0 20 \
			"$paraphe" check "$tmp/lo/untouched.pdf"
		status "LibreOffice PDF in DejaVu Serif: exit 1" 1 20 \
			"$paraphe" check "$tmp/lo/serif.pdf"
		json "$tmp/lo/serif.pdf"
		finding "$tmp/lo/serif.pdf" police-hors-charte erreur 1
	else
		not_ok "soffice converts the ODTs to PDF" "$tmp/err"
	fi
else
	skip "LibreOffice conversions" "no soffice"
fi

done_testing
