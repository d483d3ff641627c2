# shellcheck shell=bash
# SPDX-License-Identifier: EUPL-1.2
#
# Sourced by bench/kit.sh and bench/shards.sh: the release build of
# paraphe and a synthetic campaign.  Not a test.

# kit_build: builds paraphe in $BUILD (release) and sets PARAPHE.
kit_build() {
	if [ ! -f "$BUILD/build.ninja" ]; then
		meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
	fi
	ninja -C "$BUILD" >/dev/null
	# shellcheck disable=SC2034 # used by the scripts that source this
	PARAPHE=$BUILD/src/paraphe
}

# kit_campaign DIR COUNT CHECK: the CSV example with its rows repeated
# COUNT times under new ids, controle_conformite set to CHECK (true or
# false).
kit_campaign() {
	mkdir -p "$1"
	cp -r examples/campagne-8-mars/. "$1/"
	sed -i 's/^    formats: \[pdf, odt\]$/&\n    controle_conformite: '"$3"'/' \
		"$1/campagne-csv.yaml"
	grep -q "controle_conformite: $3" "$1/campagne-csv.yaml"
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
