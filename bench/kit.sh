#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
#
# bench/kit.sh [N]: a synthetic campaign of N partners (the example's ten,
# repeated under new ids) built by "paraphe kit" with -j1 and -j2, beside
# the pango-cairo floor of bench/floor/ rendering as many documents in
# one process, in the same run.  Not a test.
#
# Prints documents per second, milliseconds per document (a kit's cost
# per PDF with its ODT written too), instructions per document (callgrind
# over a small kit, every worker counted) and peak memory, and the
# targets of the kit issue: per document <= 1.0 x the floor, -j2 >= 1.8 x
# -j1, peak memory <= 50 MB per process.
#   bash bench/kit.sh 100
#   SKIP_CALLGRIND=1 bash bench/kit.sh 500
set -euo pipefail

N=${1:-100}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REF=${REF:-$ROOT/bench/floor}
BUILD=${BUILD:-$ROOT/build-bench}
cd "$ROOT"
WORK=$(mktemp -d /tmp/paraphe-kit-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

for p in time python3-yaml valgrind; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'install ok installed' ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done

# paraphe, release build
if [ ! -f "$BUILD/build.ninja" ]; then
	meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
fi
ninja -C "$BUILD" >/dev/null
PARAPHE=$BUILD/src/paraphe

# the floor
cp -r "$REF" "$WORK/floor"
(cd "$WORK/floor" && python3 floor_gen.py convention.yaml floor_content.h &&
	gcc -O2 -o floor floor.c $(pkg-config --cflags --libs pangocairo cairo-pdf))

# campaign: the CSV example with its rows repeated under new ids
camp() { # camp DIR COUNT
	mkdir -p "$1"
	cp -r examples/campagne-8-mars/. "$1/"
	sed -i 's/controle_conformite: true/controle_conformite: false/' \
		"$1/campagne-csv.yaml"
	python3 - "$1/partenaires.csv" "$2" <<'PY'
import csv, io, sys
path, n = sys.argv[1], int(sys.argv[2])
raw = open(path, encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(io.StringIO(raw), delimiter=";"))
head, body = rows[0], rows[1:]
idc, den = head.index("id"), head.index("partenaire.denomination")
out = io.StringIO()
w = csv.writer(out, delimiter=";")
w.writerow(head)
for i in range(n):
    r = list(body[i % len(body)])
    r[idc] = "%s-%04d" % (r[idc], i)
    r[den] = "%s %d" % (r[den], i)
    w.writerow(r)
open(path, "w", encoding="utf-8-sig", newline="").write(out.getvalue())
PY
}

camp "$WORK/c" "$N"
docs=$((N * 2))
run_kit() { # run_kit JOBS -> "seconds kB"
	rm -rf "$WORK/out"
	/usr/bin/time -f '%e %M' -o "$WORK/t" \
		"$PARAPHE" kit "$WORK/c/campagne-csv.yaml" -o "$WORK/out" \
		-j "$1" -q >/dev/null 2>&1 || true
	cat "$WORK/t"
}
read -r t1 m1 < <(run_kit 1)
read -r t2 m2 < <(run_kit 2)
mkdir -p "$WORK/floorout" "$WORK/floorout2"
/usr/bin/time -f '%e %M' -o "$WORK/tf" "$WORK/floor/floor" "$docs" \
	"$WORK/floorout" >/dev/null 2>&1 || true
read -r tf mf <"$WORK/tf"
pages=$(pdfinfo "$WORK/out/8mars-2026/"*"-0000/convention.pdf" 2>/dev/null |
	awk '/^Pages/ {print $2}')

ins_p=- ins_f=-
if [ "${SKIP_CALLGRIND:-0}" != 1 ]; then
	camp "$WORK/small" 5
	(cd "$WORK" && valgrind --tool=callgrind --trace-children=yes \
		--callgrind-out-file="$WORK/cg.%p" "$PARAPHE" kit \
		"$WORK/small/campagne-csv.yaml" -o "$WORK/smallout" -j1 -q \
		>/dev/null 2>&1 || true)
	ins_p=$(cat "$WORK"/cg.* | awk '/^summary:/ {s += $2} END {printf "%.0f", s / 10 / 1e6}')
	rm -f "$WORK"/cg.*
	(cd "$WORK" && valgrind --tool=callgrind --callgrind-out-file="$WORK/cgf" \
		"$WORK/floor/floor" 10 "$WORK/floorout2" >/dev/null 2>&1 || true)
	ins_f=$(awk '/^summary:/ {printf "%.0f", $2 / 10 / 1e6}' "$WORK/cgf")
fi

calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }
echo "paraphe kit, $N partners = $docs documents (PDF + ODT each, ${pages:-?} pages for a convention), $(nproc) cores"
printf '%-34s %12s %12s %12s\n' "" "paraphe -j1" "paraphe -j2" "floor"
printf '%-34s %12s %12s %12s\n' "documents per second" \
	"$(calc "$docs / $t1")" "$(calc "$docs / $t2")" "$(calc "$docs / $tf")"
printf '%-34s %12s %12s %12s\n' "ms per document" \
	"$(calc "$t1 * 1000 / $docs")" "$(calc "$t2 * 1000 / $docs")" "$(calc "$tf * 1000 / $docs")"
printf '%-34s %12s %12s %12s\n' "M instructions per document" "$ins_p" "" "$ins_f"
printf '%-34s %12s %12s %12s\n' "peak memory of a process, MB" \
	"$(calc "$m1 / 1024")" "$(calc "$m2 / 1024")" "$(calc "$mf / 1024")"
echo
echo "targets: per document -j1 <= 1.0 x floor: $(calc "$t1 / $tf") x;" \
	"-j2 >= 1.8 x -j1: $(calc "$t1 / $t2") x;" \
	"peak <= 50 MB: $(calc "$m2 / 1024") MB"
