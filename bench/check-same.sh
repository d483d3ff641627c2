#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
#
# bench/check-same.sh OLD NEW: whether two builds of paraphe report the
# same on a corpus of PDFs, ODTs and DOCXs, byte for byte, exit status
# included ("paraphe check" as text and --format json, each file on its
# own).  For a change that is meant to make the checker cheaper without
# changing any finding.  Not a timed test.
#
#   bash bench/check-same.sh /tmp/base/build-bench/src/paraphe \
#       build-bench/src/paraphe
#   FIXTURES=build/tests/check-fixtures bash bench/check-same.sh OLD NEW
#   KEEP=/tmp/corpus bash bench/check-same.sh OLD NEW  # keep the corpus
#
# The corpus: the fixtures of tests/check-fixtures.c (FIXTURES, when
# built), the fuzz corpora of tests/fuzz/corpus/check-*, NEW's renders of
# every example of examples/ (pdf, odt, docx; each model), and a kit of
# the example campaign (10 partners) with its documents.  Prints one line
# per differing file and a count; exits 1 when any differs.
set -euo pipefail

[ $# -eq 2 ] || {
	echo "usage: bench/check-same.sh OLD-PARAPHE NEW-PARAPHE" >&2
	exit 2
}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OLD=$(realpath "$1")
NEW=$(realpath "$2")
FIXTURES=${FIXTURES:-$ROOT/build/tests/check-fixtures}
cd "$ROOT"
export PARAPHE_DATADIR="$ROOT" LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
WORK=${KEEP:-$(mktemp -d /tmp/paraphe-check-same.XXXXXX)}
[ -n "${KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
C=$WORK/corpus
mkdir -p "$C"

if [ -x "$FIXTURES" ]; then
	mkdir -p "$C/fixtures"
	"$FIXTURES" "$C/fixtures" >/dev/null
fi
for d in tests/fuzz/corpus/check-*; do
	mkdir -p "$C/fuzz-${d##*-}"
	cp "$d"/* "$C/fuzz-${d##*-}/"
done
for f in examples/*.yaml; do
	n=$(basename "$f" .yaml)
	"$NEW" render "$f" -f pdf,odt,docx -o "$C/ex-$n" >/dev/null 2>&1 || true
done
mkdir -p "$WORK/camp"
cp -r examples/campagne-8-mars/. "$WORK/camp/"
for y in "$WORK"/camp/*.yaml; do
	"$NEW" kit "$y" -o "$C/kit-$(basename "$y" .yaml)" -j2 -q \
		>/dev/null 2>&1 || true
done

total=0 differ=0
while IFS= read -r -d '' f; do
	total=$((total + 1))
	for fmt in text json; do
		set +e
		"$OLD" check --format "$fmt" "$f" >"$WORK/old" 2>&1
		echo "exit $?" >>"$WORK/old"
		"$NEW" check --format "$fmt" "$f" >"$WORK/new" 2>&1
		echo "exit $?" >>"$WORK/new"
		set -e
		if ! cmp -s "$WORK/old" "$WORK/new"; then
			echo "differs ($fmt): ${f#"$C"/}"
			differ=$((differ + 1))
		fi
	done
done < <(find "$C" -type f \( -name '*.pdf' -o -name '*.odt' -o \
	-name '*.docx' \) -print0 | sort -z)
echo "$total files, $((total * 2)) reports: $differ differ"
[ "$differ" -eq 0 ]
