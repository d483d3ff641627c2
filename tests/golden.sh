#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# golden.sh KIND PARAPHE CASE: runs one golden case and diffs its output
# with the expected file beside it.  PP_UPDATE_GOLDEN=1 rewrites the
# expectation instead (review the diff like code).
#   diag: CASE.yaml -> CASE.diag, the messages of "paraphe validate"
#   template: golden.sh template RENDER-TEMPLATE CASE.xml runs
#     "render-template CASE.xml FORM clauses" from the case's folder, FORM
#     being CASE.yaml when it exists, else the example mobilite-verte.yaml.
#     A failing case expects CASE.diag (its messages and "exit status: N"),
#     a succeeding one CASE.out (the document tree).  When updating, the
#     exit status decides which of the two is written.
set -u
# PP_WRAPPER runs paraphe under a tool, e.g. valgrind (meson test --setup
# valgrind sets it).
PP_WRAPPER=${PP_WRAPPER:-}
kind=$1 case=$3
# the tool is given relative to the build folder: make it absolute
paraphe=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
dir=$(dirname "$case")
base=$(basename "$case" .yaml)
out=$(mktemp)
err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
case $kind in
diag)
	expected="$dir/$base.diag"
	# Run from the case's folder so that messages name the file as
	# the user typed it.
	(cd "$dir" && $PP_WRAPPER "$paraphe" validate -q "$base.yaml" >/dev/null 2>"$out"
	 echo "exit status: $?" >>"$out")
	;;
doc)
	# CASE is an example form; every document it asks for is compared
	# with tests/golden/doc/CASE.MODEL.xml.
	golden=$(cd "$(dirname "$0")" && pwd)/golden/doc
	outdir=$(mktemp -d)
	trap 'rm -f "$out" "$err"; rm -rf "$outdir"' EXIT
	$PP_WRAPPER "$paraphe" render "$case" -f xml -o "$outdir" >/dev/null 2>"$out" || {
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
template)
	base=$(basename "$case" .xml)
	form=../../../examples/mobilite-verte.yaml
	[ -f "$dir/$base.yaml" ] && form=$base.yaml
	(cd "$dir" && $PP_WRAPPER "$paraphe" "$base.xml" "$form" clauses >"$out" 2>"$err")
	status=$?
	if [ "${PP_UPDATE_GOLDEN:-0}" = 1 ]; then
		if [ $status = 0 ]; then
			expected="$dir/$base.out" stale="$dir/$base.diag"
		else
			expected="$dir/$base.diag" stale="$dir/$base.out"
		fi
		if [ -f "$stale" ]; then
			rm -f "$stale"
			echo "removed $stale"
		fi
	elif [ -f "$dir/$base.out" ]; then
		expected="$dir/$base.out"
		if [ $status != 0 ]; then
			echo "$case: expected success, got exit status $status" >&2
			cat "$err" >&2
			exit 1
		fi
	else
		expected="$dir/$base.diag"
	fi
	if [ "$expected" = "$dir/$base.diag" ]; then
		echo "exit status: $status" >>"$err"
		cp "$err" "$out"
	fi
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
