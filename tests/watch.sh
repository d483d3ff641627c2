#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe watch: renders at start, renders again when the form changes,
# saying when and which file changed, reports a mistake without stopping,
# never leaves a half-written PDF, renders the formats of -f and the page
# previews of --apercu, and never reacts to its own outputs, even written
# into the watched folder (issue 15).
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
pid=
pid2=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null
[ -n "$pid2" ] && kill "$pid2" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

mkdir -p "$tmp/f/logos" "$tmp/out"
cp examples/mobilite-verte.yaml "$tmp/f/form.yaml"
cp examples/logos/mobilite-verte.svg "$tmp/f/logos/"
"$paraphe" watch "$tmp/f/form.yaml" -o "$tmp/out" >"$tmp/log" 2>"$tmp/err" &
pid=$!
if wait_for '[ -s "$tmp/out/convention.pdf" ] && grep -q rendered "$tmp/log"'; then
	ok "the first render is written"
else
	not_ok "the first render is written" "$tmp/err"
fi
before=$(cksum <"$tmp/out/convention.pdf" 2>/dev/null)
sed -i 's/denomination: "Mobilité Verte SAS"/denomination: "Mobilité Verte et Associés SAS"/' \
	"$tmp/f/form.yaml"
if wait_for '[ "$(cksum <"$tmp/out/convention.pdf")" != "$before" ]'; then
	ok "a change of the form renders again"
else
	not_ok "a change of the form renders again"
fi
# "[12:34:56] .../form.yaml changed", then the files rendered.
if wait_for 'grep -Eq "^\[[0-9]{2}:[0-9]{2}:[0-9]{2}\] .*form\.yaml changed$" "$tmp/log"'; then
	ok "the time and the file that changed are printed"
else
	not_ok "the time and the file that changed are printed" "$tmp/log"
fi
if grep -Eq "^\[[0-9:]{8}\] .*form\.yaml: rendered into .*: convention\.pdf fiche-projet\.pdf$" \
	"$tmp/log"; then
	ok "each render says when, and which files"
else
	not_ok "each render says when, and which files" "$tmp/log"
fi
if pdftotext "$tmp/out/convention.pdf" - 2>/dev/null |
	grep -q "Mobilité Verte et Associés"; then
	ok "the new PDF carries the change"
else
	not_ok "the new PDF carries the change"
fi
# An annex file: the form names it, then only the file changes.
mkdir -p "$tmp/f/annexes"
echo "Première version de l'annexe." >"$tmp/f/annexes/kit.md"
printf 'annexes:\n  - { titre: "Kit", fichier: "annexes/kit.md" }\n' \
	>>"$tmp/f/form.yaml"
if wait_for 'pdftotext "$tmp/out/convention.pdf" - 2>/dev/null |
	grep -q "Première version"'; then
	ok "an annex file named by the form is printed"
else
	not_ok "an annex file named by the form is printed" "$tmp/err"
fi
echo "Seconde version de l'annexe." >"$tmp/f/annexes/kit.md"
if wait_for 'pdftotext "$tmp/out/convention.pdf" - 2>/dev/null |
	grep -q "Seconde version"'; then
	ok "a change of the annex file renders again"
else
	not_ok "a change of the annex file renders again" "$tmp/err"
fi
sed -i 's/siren: "903124576"/siren: "903124577"/' "$tmp/f/form.yaml"
if wait_for 'grep -q "bad-format" "$tmp/err"'; then
	ok "a mistake is reported"
else
	not_ok "a mistake is reported"
fi
if kill -0 "$pid" 2>/dev/null; then
	ok "the watch goes on after a mistake"
else
	not_ok "the watch goes on after a mistake"
fi
if qpdf --check "$tmp/out/convention.pdf" >/dev/null 2>&1; then
	ok "the PDF left in place is whole"
else
	not_ok "the PDF left in place is whole"
fi
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=

# -f and --apercu; the outputs, and the watch's own messages, written into
# the watched folder: one render, not one per file written.  On 7f6a86a,
# before the fix, the render after a change of the form started itself
# again and again (16 renders in 6 seconds): "and only one" fails there.
mkdir -p "$tmp/g/logos"
cp examples/mobilite-verte.yaml "$tmp/g/form.yaml"
cp examples/logos/mobilite-verte.svg "$tmp/g/logos/"
(cd "$tmp/g" && exec "$paraphe" watch form.yaml -f pdf,odt --apercu \
	>"$tmp/g/watch.log" 2>"$tmp/g/watch.err") &
pid2=$!
if wait_for '[ -s "$tmp/g/convention.odt" ] && [ -s "$tmp/g/convention-1.png" ] &&
	grep -q rendered "$tmp/g/watch.log"'; then
	ok "-f pdf,odt --apercu: the PDF, the ODT and the page previews"
else
	not_ok "-f pdf,odt --apercu: the PDF, the ODT and the page previews" \
		"$tmp/g/watch.err"
fi
expect_text "the render names its files" "$tmp/g/watch.log" \
	"convention.pdf convention.odt convention-1.png"
sleep 3
renders=$(grep -c rendered "$tmp/g/watch.log")
if [ "$renders" -eq 1 ] && ! grep -q changed "$tmp/g/watch.log"; then
	ok "its own outputs in the watched folder start no render"
else
	not_ok "its own outputs in the watched folder start no render ($renders renders)" \
		"$tmp/g/watch.log"
fi
sed -i 's/denomination: "Mobilité Verte SAS"/denomination: "Mobilité Verte SA"/' \
	"$tmp/g/form.yaml"
if wait_for '[ "$(grep -c rendered "$tmp/g/watch.log")" -ge 2 ]'; then
	ok "the form beside the outputs still starts a render"
else
	not_ok "the form beside the outputs still starts a render" "$tmp/g/watch.log"
fi
sleep 3
renders=$(grep -c rendered "$tmp/g/watch.log")
if [ "$renders" -eq 2 ]; then
	ok "and only one"
else
	not_ok "and only one ($renders renders)" "$tmp/g/watch.log"
fi
# --apercu: a longer document gets more previews, a shorter one loses
# those of the pages it no longer has.
pages() { ls "$tmp/g" | grep -c '^convention-[0-9]*\.png$'; }
before=$(pages)
cp "$tmp/g/form.yaml" "$tmp/g/form.short"
mkdir -p "$tmp/g/annexes"
i=0
while [ $i -lt 120 ]; do
	echo "Paragraphe $i de l'annexe, assez long pour occuper une ligne ou deux de la page et la remplir."
	echo
	i=$((i + 1))
done >"$tmp/g/annexes/long.md"
printf 'annexes:\n  - { titre: "Longue", fichier: "annexes/long.md" }\n' \
	>>"$tmp/g/form.yaml"
if wait_for '[ "$(pages)" -gt "$before" ]'; then
	ok "--apercu: a longer document, more previews ($before, then $(pages))"
else
	not_ok "--apercu: a longer document, more previews" "$tmp/g/watch.err"
fi
longer=$(pages)
cp "$tmp/g/form.short" "$tmp/g/form.yaml"
if wait_for '[ "$(pages)" -eq "$before" ]'; then
	ok "--apercu: a shorter one loses the previews of its lost pages"
else
	ls "$tmp/g" >"$tmp/ls"
	not_ok "--apercu: a shorter one loses the previews of its lost pages ($longer, then $(pages))" \
		"$tmp/ls"
fi
"$paraphe" watch "$tmp/g/form.yaml" -f pdff >/dev/null 2>"$tmp/bad-format"
result $(($? == 2 ? 0 : 1)) "an unknown format is refused (exit status 2)" \
	"$tmp/bad-format"
expect_text "with a suggestion" "$tmp/bad-format" 'did you mean "pdf"'
done_testing
