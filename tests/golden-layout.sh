#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# golden-layout.sh PARAPHE CASE.yaml: renders the form with "-f layout" (a
# text dump of the laid-out pages: every line, box and tag with its
# position in points) and compares each dump with
# tests/golden/layout/CASE.MODEL.layout.  PP_UPDATE_GOLDEN=1 rewrites the
# expectations instead (review the diff like code: a moved line is a
# changed document).
set -u
# PP_WRAPPER runs paraphe under a tool, e.g. valgrind (meson test --setup
# valgrind sets it).
PP_WRAPPER=${PP_WRAPPER:-}
# the tool may be given relative to the build folder: make it absolute
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
case=$2
base=$(basename "$case" .yaml)
golden=$(cd "$(dirname "$0")" && pwd)/golden/layout
outdir=$(mktemp -d)
trap 'rm -rf "$outdir"' EXIT
$PP_WRAPPER "$paraphe" render "$case" -f layout -o "$outdir" >"$outdir/.log" 2>&1 || {
	cat "$outdir/.log"
	exit 1
}
status=0 found=0
for f in "$outdir"/*.layout; do
	[ -f "$f" ] || continue
	found=1
	expected="$golden/$base.$(basename "$f")"
	if [ "${PP_UPDATE_GOLDEN:-0}" = 1 ]; then
		mkdir -p "$golden"
		cp "$f" "$expected"
		echo "updated $expected"
	elif [ ! -f "$expected" ]; then
		echo "missing $expected (PP_UPDATE_GOLDEN=1 creates it)" >&2
		status=1
	else
		diff -u "$expected" "$f" || status=1
	fi
done
if [ $found = 0 ]; then
	echo "$case: no layout written" >&2
	cat "$outdir/.log" >&2
	exit 1
fi
# a model the form no longer asks for leaves a stale expectation behind
if [ "${PP_UPDATE_GOLDEN:-0}" != 1 ]; then
	for e in "$golden/$base".*.layout; do
		[ -f "$e" ] || continue
		m=${e#"$golden/$base."}
		[ -f "$outdir/$m" ] || {
			echo "$e: not produced any more" >&2
			status=1
		}
	done
fi
exit $status
