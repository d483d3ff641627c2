#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# golden.sh KIND PARAPHE CASE: runs one golden case and diffs its output
# with the expected file beside it.  PP_UPDATE_GOLDEN=1 rewrites the
# expectation instead (review the diff like code).
#   diag: CASE.yaml -> CASE.diag, the messages of "paraphe validate"
set -u
kind=$1 case=$3
# the tool is given relative to the build folder: make it absolute
paraphe=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
dir=$(dirname "$case")
base=$(basename "$case" .yaml)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
case $kind in
diag)
	expected="$dir/$base.diag"
	# Run from the case's folder so that messages name the file as
	# the user typed it.
	(cd "$dir" && "$paraphe" validate -q "$base.yaml" >/dev/null 2>"$out"
	 echo "exit status: $?" >>"$out")
	;;
doc)
	# CASE is an example form; every document it asks for is compared
	# with tests/golden/doc/CASE.MODEL.xml.
	golden=$(cd "$(dirname "$0")" && pwd)/golden/doc
	outdir=$(mktemp -d)
	trap 'rm -f "$out"; rm -rf "$outdir"' EXIT
	"$paraphe" render "$case" -o "$outdir" >/dev/null 2>"$out" || {
		cat "$out"
		exit 1
	}
	status=0
	for f in "$outdir"/*.xml; do
		expected="$golden/$base.$(basename "$f")"
		if [ "${PP_UPDATE_GOLDEN:-0}" = 1 ]; then
			cp "$f" "$expected"
			echo "updated $expected"
		elif [ ! -f "$expected" ]; then
			echo "missing $expected (PP_UPDATE_GOLDEN=1 creates it)" >&2
			status=1
		else
			diff -u "$expected" "$f" || status=1
		fi
	done
	exit $status
	;;
*)
	echo "golden.sh: unknown kind $kind" >&2
	exit 2
	;;
esac
if [ "${PP_UPDATE_GOLDEN:-0}" = 1 ]; then
	cp "$out" "$expected"
	echo "updated $expected"
	exit 0
fi
if [ ! -f "$expected" ]; then
	echo "missing $expected; run with PP_UPDATE_GOLDEN=1 to create it" >&2
	cat "$out"
	exit 1
fi
diff -u "$expected" "$out"
