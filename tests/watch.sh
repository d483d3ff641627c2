#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe watch: renders at start, renders again when the form changes,
# reports a mistake without stopping, and never leaves a half-written PDF.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# wait_for COMMAND: up to 60 s (the machine may be busy with other tests)
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		if eval "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

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
done_testing
