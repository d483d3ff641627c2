#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# visual.sh PARAPHE PNGDIFF: renders the page-1 previews (60 dpi) of
# examples/mobilite-verte.yaml and compares each with its reference in
# tests/golden/png/ (convention-1.png, fiche-projet-1.png).  TAP output.
# PP_UPDATE_GOLDEN=1 rewrites the references instead: look at them before
# committing them.  Run from the source root with PARAPHE_DATADIR set (meson
# does both).
#
# Tolerance: a mean difference of 2.0 (0-255, per colour channel, over the
# page).  On one machine the private fontconfig makes the previews
# byte-identical (mean 0); another cairo, pixman or FreeType version moves
# antialiased edges by a fraction of a pixel, which stays well below 1.
# What the test is for, the drawing going wrong, is far above 2: every
# line below a point shifted by one line, a wrong font or a missing
# bloc-marque measure 7 to 14.  A local change is below it on purpose (a
# changed word or date 0.5, a reflowed paragraph 0.9, a heading in another
# colour 0.9): the golden layout dumps and document trees catch those
# exactly, and a tighter threshold would make this test fail on font
# rasterisation details.  png-diff also prints the share of pixels that
# differ by more than 64, to tell a real change from antialiasing noise.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
pngdiff=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
golden=$(cd "$(dirname "$0")" && pwd)/golden/png
tolerance=2.0
form=examples/mobilite-verte.yaml
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

"$paraphe" render "$form" -f png -o "$tmp" >"$tmp/log" 2>&1
result $? "render $form -f png" "$tmp/log"
for page in convention-1.png fiche-projet-1.png; do
	if [ "${PP_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$golden"
		cp "$tmp/$page" "$golden/$page"
		result $? "updated $golden/$page"
	elif [ ! -f "$golden/$page" ]; then
		not_ok "$page: missing $golden/$page (PP_UPDATE_GOLDEN=1 creates it)"
	elif "$pngdiff" "$golden/$page" "$tmp/$page" "$tolerance" \
		>"$tmp/diff" 2>&1; then
		ok "$page: $(cat "$tmp/diff")"
	else
		not_ok "$page differs from its reference" "$tmp/diff"
	fi
done
done_testing
