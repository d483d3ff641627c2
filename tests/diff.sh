#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The source a PDF carries and the comparison of forms: "paraphe source"
# gives back the bytes embedded (qpdf --add-attachment stands for the
# renderer's embedding, see pdfsource.h), writes them into a folder without
# leaving it, refuses to overwrite; "paraphe diff" exit statuses.  Run
# from the source root with PARAPHE_DATADIR set (meson does both).  TAP.
set -u
paraphe=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"
# paraphe's temporary folders, checked at the end.
mkdir "$tmp/t"
TMPDIR=$tmp/t
export TMPDIR
if ! command -v qpdf >/dev/null 2>&1; then
	skip_all "qpdf is not installed (apt-get install qpdf)"
fi

# A PDF of the example convention without the post-processing (so without
# its source), then carrying its form and its logo attached by qpdf.
mkdir "$tmp/src" "$tmp/src/logos"
cp examples/mobilite-verte.yaml "$tmp/src/f.yaml"
cp examples/logos/mobilite-verte.svg "$tmp/src/logos/"
expect_status "the example renders" 0 env PARAPHE_PDF_POST=0 "$paraphe" \
	render "$tmp/src/f.yaml" -m convention -f pdf -o "$tmp/pdf"
expect_status "qpdf embeds the form" 0 qpdf "$tmp/pdf/convention.pdf" \
	--add-attachment "$tmp/src/f.yaml" --key=formulaire.yaml \
	--mimetype=application/yaml -- \
	--add-attachment "$tmp/src/logos/mobilite-verte.svg" \
	--key=logos/mobilite-verte.svg -- "$tmp/with.pdf"

# paraphe source
expect_status "source --help" 0 "$paraphe" source --help
expect_status "source without a file" 2 "$paraphe" source
expect_status "source of a PDF with its form" 0 "$paraphe" source \
	"$tmp/with.pdf"
if cmp -s "$tmp/out" "$tmp/src/f.yaml"; then
	ok "source: the bytes embedded, unchanged"
else
	not_ok "source: the bytes embedded, unchanged"
fi
expect_status "source of a PDF without a source: 2" 2 "$paraphe" source \
	"$tmp/pdf/convention.pdf"
expect_text "said plainly" "$tmp/err" "carries no source form"
expect_status "source of a file that is no PDF: 2" 2 "$paraphe" source \
	"$tmp/src/f.yaml"
expect_status "source -o writes the form and its files" 0 "$paraphe" \
	source "$tmp/with.pdf" -o "$tmp/back"
if cmp -s "$tmp/back/formulaire.yaml" "$tmp/src/f.yaml" &&
	cmp -s "$tmp/back/logos/mobilite-verte.svg" \
		"$tmp/src/logos/mobilite-verte.svg"; then
	ok "source -o: the form and the logo, unchanged"
else
	not_ok "source -o: the form and the logo, unchanged"
fi
expect_status "source -o again: refused" 2 "$paraphe" source \
	"$tmp/with.pdf" -o "$tmp/back"
expect_text "says --force" "$tmp/err" "--force"
expect_status "source -o --force replaces" 0 "$paraphe" source \
	"$tmp/with.pdf" -o "$tmp/back" --force
expect_status "the form written back renders" 0 "$paraphe" render \
	"$tmp/back/formulaire.yaml" -m convention -f xml -o "$tmp/again"
# A form with an escape sequence is not printed on a terminal (script(1)
# gives paraphe one), but goes to a file or a pipe as it is.
printf 'version: 1\n\033]0;title\007x: 1\n' >"$tmp/esc.yaml"
qpdf --empty --add-attachment "$tmp/esc.yaml" --key=formulaire.yaml -- \
	"$tmp/esc.pdf"
if command -v script >/dev/null 2>&1; then
	script -qec "$paraphe source $tmp/esc.pdf" /dev/null >"$tmp/tty" 2>&1
	if grep -q "would obey" "$tmp/tty" && ! grep -q "$(printf '\033')" \
		"$tmp/tty"; then
		ok "source: control characters refused on a terminal"
	else
		not_ok "source: control characters refused on a terminal" \
			"$tmp/tty"
	fi
else
	skip "source on a terminal" "script(1) is not installed"
fi
expect_status "source: the same form into a pipe" 0 "$paraphe" source \
	"$tmp/esc.pdf"
if cmp -s "$tmp/out" "$tmp/esc.yaml"; then
	ok "source: its bytes, unchanged, off a terminal"
else
	not_ok "source: its bytes, unchanged, off a terminal"
fi
# A name leading outside the folder.
qpdf --empty --add-attachment "$tmp/src/f.yaml" --key=../evil.yaml -- \
	"$tmp/evil.pdf"
expect_status "a name with .. : refused" 2 "$paraphe" source "$tmp/evil.pdf" \
	-o "$tmp/evil"
if [ -e "$tmp/evil.yaml" ]; then
	not_ok "nothing written outside the folder"
else
	ok "nothing written outside the folder"
fi
# A folder on the way that is a link to elsewhere.
mkdir "$tmp/linked" "$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$tmp/linked/logos"
expect_status "a folder that is a link: refused" 2 "$paraphe" source \
	"$tmp/with.pdf" -o "$tmp/linked" --force
if [ -e "$tmp/elsewhere/mobilite-verte.svg" ]; then
	not_ok "nothing written through the link"
else
	ok "nothing written through the link"
fi

# paraphe diff: exit statuses (the reports are golden files, diff-*).
cp "$tmp/src/f.yaml" "$tmp/src/g.yaml"
sed -i 's/fin: 2026-06-30,/fin: 2026-07-31,/' "$tmp/src/g.yaml"
printf 'version: 1\npartenaire: 3\n' >"$tmp/src/bad.yaml"
expect_status "diff --help" 0 "$paraphe" diff --help
expect_status "diff with one file: usage" 2 "$paraphe" diff "$tmp/src/f.yaml"
expect_status "diff of a form with itself: 0" 0 "$paraphe" diff \
	"$tmp/src/f.yaml" "$tmp/src/f.yaml"
expect_text "says no difference" "$tmp/out" "no difference"
expect_status "diff of two versions: 1" 1 "$paraphe" diff \
	"$tmp/src/f.yaml" "$tmp/src/g.yaml"
expect_re "the date, in the article" "$tmp/out" \
	'\[-30.juin.2026\.-\]\{\+31.juillet.2026\.\+\}'
expect_text "the date, as a value" "$tmp/out" \
	"clauses.duree.fin: 2026-06-30 → 2026-07-31"
expect_status "diff with a missing file: 2" 2 "$paraphe" diff \
	"$tmp/src/f.yaml" "$tmp/none.yaml"
expect_status "diff with a form that has errors: 2" 2 "$paraphe" diff \
	"$tmp/src/f.yaml" "$tmp/src/bad.yaml"
expect_text "the form's errors are shown" "$tmp/err" "bad.yaml"
expect_status "diff -f json: 1" 1 "$paraphe" diff -f json \
	"$tmp/src/f.yaml" "$tmp/src/g.yaml"
if python3 -c 'import json, sys; d = json.load(open(sys.argv[1]))
assert d["identiques"] is False
assert [v["chemin"] for v in d["valeurs"]] == ["clauses.duree.fin"]
assert [s["cle"] for s in d["documents"][0]["sections"]
	if s["etat"] != "inchangee"] == ["article:marques-logos", "article:duree"]
' "$tmp/out" 2>"$tmp/py"; then
	ok "diff -f json: JSON that names the date and the two articles"
else
	not_ok "diff -f json: JSON that names the date and the two articles" \
		"$tmp/py"
fi
expect_status "diff -f yaml: usage" 2 "$paraphe" diff -f yaml \
	"$tmp/src/f.yaml" "$tmp/src/g.yaml"

# paraphe diff --model (the reports are golden files, diff-model-*).
expect_status "diff --model with two forms: usage" 2 "$paraphe" diff \
	--model "$tmp/src/f.yaml" "$tmp/src/g.yaml"
expect_status "diff --model of an example that deviates: 1" 1 "$paraphe" \
	diff --model "$tmp/src/f.yaml"
# A convention that keeps every default: no deviation.
sed -e '/^clauses:/,/^$/d' "$tmp/src/f.yaml" >"$tmp/src/plain.yaml"
printf 'clauses:\n  duree: { fin: 2026-06-30 }\n' >>"$tmp/src/plain.yaml"
expect_status "diff --model of a form with the defaults: 0" 0 "$paraphe" \
	diff --model "$tmp/src/plain.yaml"
expect_text "says so" "$tmp/out" "no deviation"
sed -e 's/types: \[convention, fiche_projet\]/types: [fiche_projet]/' \
	"$tmp/src/f.yaml" >"$tmp/src/fiche.yaml"
expect_status "diff --model of a form without a convention: 2" 2 \
	"$paraphe" diff --model "$tmp/src/fiche.yaml"

# PDFs carrying their source, recognised by their content.
cp "$tmp/with.pdf" "$tmp/document"
expect_status "diff of a PDF with its source and its form: 0" 0 \
	"$paraphe" diff "$tmp/with.pdf" "$tmp/src/f.yaml"
expect_status "diff of a PDF named without .pdf: 0" 0 "$paraphe" diff \
	"$tmp/src/f.yaml" "$tmp/document"
expect_status "diff of a PDF with another version: 1" 1 "$paraphe" diff \
	"$tmp/with.pdf" "$tmp/src/g.yaml"
expect_text "names the PDF" "$tmp/out" "with.pdf and"
expect_status "diff --model of a PDF: 1, as its form" 1 "$paraphe" diff \
	--model "$tmp/with.pdf"
expect_status "diff of a PDF without a source: 2" 2 "$paraphe" diff \
	"$tmp/pdf/convention.pdf" "$tmp/src/f.yaml"
expect_text "said plainly" "$tmp/err" "carries no source form"
# Its form without its logo: an error, named after the PDF.
qpdf "$tmp/pdf/convention.pdf" --add-attachment "$tmp/src/f.yaml" \
	--key=formulaire.yaml -- "$tmp/nologo.pdf"
expect_status "diff of a PDF whose form has errors: 2" 2 "$paraphe" diff \
	"$tmp/nologo.pdf" "$tmp/src/f.yaml"
expect_text "said of the PDF" "$tmp/err" "nologo.pdf: error: the form this PDF"
# The renderer's own embedding (pdfpost.c): the form and its logo come back
# byte for byte, and rendering them again gives the same PDF (issue 16).
expect_status "render embeds its source" 0 "$paraphe" render \
	"$tmp/src/f.yaml" -f pdf -o "$tmp/own"
expect_status "source of paraphe's own PDF" 0 "$paraphe" source \
	"$tmp/own/convention.pdf" -o "$tmp/own-back"
if cmp -s "$tmp/own-back/formulaire.yaml" "$tmp/src/f.yaml" &&
	cmp -s "$tmp/own-back/logos/mobilite-verte.svg" \
		"$tmp/src/logos/mobilite-verte.svg"; then
	ok "own PDF: the form and the logo, unchanged"
else
	not_ok "own PDF: the form and the logo, unchanged"
fi
expect_status "the form written back renders" 0 "$paraphe" render \
	"$tmp/own-back/formulaire.yaml" -f pdf -o "$tmp/own-again"
for m in convention fiche-projet; do
	if cmp -s "$tmp/own/$m.pdf" "$tmp/own-again/$m.pdf"; then
		ok "source then render: $m.pdf cmp-equal"
	else
		not_ok "source then render: $m.pdf cmp-equal"
	fi
done
if [ -n "$(ls -A "$tmp/t")" ]; then
	not_ok "no temporary folder left"
else
	ok "no temporary folder left"
fi

done_testing
