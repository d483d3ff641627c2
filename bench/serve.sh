#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/serve.sh: paraphe serve under load (issue 17).  Not a test.
#
#   sh bench/serve.sh                          # build/src/paraphe
#   PARAPHE=build-bench/src/paraphe sh bench/serve.sh
#   WORKERS=4 VALIDATIONS=50 RENDERS=10 PREVIEWS=10 sh bench/serve.sh
#
# Starts a server on a free port with a fresh data folder, sends
# VALIDATIONS validations of the example convention at once, then RENDERS
# PDF renders at once, and prints for each burst the count of each status
# (every answer must be 200 or 503), the p50 and p95 latency of the 200
# answers, beside the time of one "paraphe render" of the same form run
# from the command line in the same run.  Then PREVIEWS PNG previews of
# page 1 one after the other, as one officer typing sees them, beside a
# command-line PNG render.  Exits 1 when an answer is neither 200 nor 503.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PARAPHE=${PARAPHE:-$ROOT/build/src/paraphe}
FORM=${FORM:-models/convention/exemple.yaml}
WORKERS=${WORKERS:-2}
VALIDATIONS=${VALIDATIONS:-50}
RENDERS=${RENDERS:-10}
PREVIEWS=${PREVIEWS:-10}
export PARAPHE_DATADIR="$ROOT"
export LC_ALL=C.UTF-8 LANGUAGE=C

tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT

"$PARAPHE" serve --listen 127.0.0.1:0 --data "$tmp/data" \
	--workers "$WORKERS" 2>"$tmp/log" &
pid=$!
i=0
while ! grep -q 'listening on' "$tmp/log" && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
url=$(sed -n 's|.*listening on \(http://[^ ]*\)/$|\1|p' "$tmp/log")
[ -n "$url" ] || {
	echo "serve.sh: the server did not start" >&2
	cat "$tmp/log" >&2
	exit 2
}

# burst NAME COUNT PATH: COUNT requests at once; "status seconds" lines
# in $tmp/NAME.
burst() {
	: >"$tmp/$1"
	(
		_k=0
		while [ $_k -lt "$2" ]; do
			curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
				-X POST -H 'Content-Type: application/yaml' \
				--data-binary @"$FORM" "$url$3" >>"$tmp/$1" &
			_k=$((_k + 1))
		done
		wait
	)
}

# report NAME: the statuses, and p50/p95 of the 200 answers, in ms.
report() {
	printf '%-12s' "$1"
	sort "$tmp/$1" | awk '{ n[$1]++ } END { for (s in n) printf " %s x%d", s, n[s] }'
	awk '$1 == 200 { print $2 * 1000 }' "$tmp/$1" | sort -n >"$tmp/$1.ok"
	count=$(wc -l <"$tmp/$1.ok")
	if [ "$count" -gt 0 ]; then
		p50=$(sed -n "$(((count + 1) / 2))p" "$tmp/$1.ok")
		p95=$(sed -n "$(((count * 95 + 99) / 100))p" "$tmp/$1.ok")
		printf '   p50 %.0f ms   p95 %.0f ms' "$p50" "$p95"
	fi
	echo
}

# One render first, not counted: the server's worker pool warms up at
# start (servepool.c), and the bursts measure the served state.
curl -s -o /dev/null -X POST -H 'Content-Type: application/yaml' \
	--data-binary @"$FORM" "$url/api/v1/render?model=convention&format=pdf"
burst validate "$VALIDATIONS" /api/v1/validate
burst render "$RENDERS" '/api/v1/render?model=convention&format=pdf'

start=$(date +%s%N)
"$PARAPHE" render -m convention -f pdf -o "$tmp/cli" "$FORM" >/dev/null 2>&1
end=$(date +%s%N)

: >"$tmp/preview"
k=0
while [ $k -lt "$PREVIEWS" ]; do
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -X POST \
		-H 'Content-Type: application/yaml' --data-binary @"$FORM" \
		"$url/api/v1/render?model=convention&format=png&page=1" \
		>>"$tmp/preview"
	k=$((k + 1))
done
pstart=$(date +%s%N)
"$PARAPHE" render -m convention -f png -o "$tmp/clipng" "$FORM" >/dev/null 2>&1
pend=$(date +%s%N)

echo "paraphe serve, $WORKERS workers ($(nproc) processors): $VALIDATIONS validations, then $RENDERS PDF renders, at once"
report validate
report render
echo "command line: paraphe render -f pdf of the same form: $(((end - start) / 1000000)) ms"
echo "then $PREVIEWS PNG previews of page 1, one after the other"
report preview
echo "command line: paraphe render -f png of the same form: $(((pend - pstart) / 1000000)) ms"

bad=$(cat "$tmp/validate" "$tmp/render" "$tmp/preview" | awk '$1 != 200 && $1 != 503' | wc -l)
kill -TERM "$pid"
wait "$pid" || true
pid=
if [ "$bad" -gt 0 ]; then
	echo "serve.sh: $bad answers were neither 200 nor 503" >&2
	exit 1
fi
