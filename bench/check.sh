#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
#
# bench/check.sh: how long "paraphe check" takes on the example convention
# (issue 7: under 100 ms for a 4-page PDF).  Not a test.
#
#   sh bench/check.sh                      # release build in build-bench
#   RUNS=25 sh bench/check.sh              # more runs (default 10)
#   FORM=examples/boussole-rencontres.yaml sh bench/check.sh
#   PARAPHE=build/src/paraphe sh bench/check.sh   # an existing binary
#   NO_DOC=1 sh bench/check.sh             # do not touch doc/performance.md
#
# Renders FORM's convention to PDF, then times RUNS new processes of
# "paraphe check --format json" on it (wall time, median and all runs),
# and the same on its first 4 pages (cut with qpdf, when installed).
# Appends the figures, with the commands, to doc/performance.md under the
# heading "Checking".
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
FORM=${FORM:-examples/mobilite-verte.yaml}
RUNS=${RUNS:-10}
BUILD=${BUILD:-$ROOT/build-bench}
export PARAPHE_DATADIR="$ROOT"
export LC_ALL=C.UTF-8

[ -f "$FORM" ] || {
	echo "check.sh: no form $FORM" >&2
	exit 2
}
if [ -z "${PARAPHE:-}" ]; then
	if [ ! -f "$BUILD/build.ninja" ]; then
		meson setup "$BUILD" --buildtype=release -Dtests=false >/dev/null
	fi
	ninja -C "$BUILD" src/paraphe >/dev/null
	PARAPHE=$BUILD/src/paraphe
	build_kind="release build, ${BUILD#"$ROOT"/}"
else
	build_kind="$PARAPHE"
fi
case $PARAPHE in
/*) ;;
*) PARAPHE=$ROOT/$PARAPHE ;;
esac
# As the report names it: from the source root when inside it.
shown=${PARAPHE#"$ROOT"/}

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
WORK=$(mktemp -d /tmp/paraphe-bench-check.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$PARAPHE" render "$FORM" -f pdf -m convention -o "$WORK" >/dev/null
PDF=$WORK/convention.pdf
[ -s "$PDF" ] || {
	echo "check.sh: $FORM rendered no convention" >&2
	exit 1
}

# time.py RUNS COMMAND...: the median and every run, in ms; the command's
# JSON report (last run) in $WORK/report.json.  One untimed run first:
# libraries and fontconfig's cache are warm, as on any machine that has
# checked once.
cat >"$WORK/time.py" <<'EOF'
import statistics, subprocess, sys, time
runs, cmd = int(sys.argv[1]), sys.argv[2:]
def once():
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    t = (time.monotonic() - t0) * 1000
    if p.returncode not in (0, 1):
        sys.exit("check.sh: %s: exit status %d\n%s"
                 % (" ".join(cmd), p.returncode, p.stderr.decode()))
    return t, p.stdout
once()
times = []
for _ in range(runs):
    t, out = once()
    times.append(t)
open(sys.argv[0].rsplit("/", 1)[0] + "/report.json", "wb").write(out)
print("%.1f %s" % (statistics.median(times),
                   " ".join("%.0f" % t for t in times)))
EOF
pages() {
	python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["pages"])' \
		"$WORK/report.json"
}

timed=$(python3 "$WORK/time.py" "$RUNS" "$PARAPHE" check --format json "$PDF")
# shellcheck disable=SC2086 # the figures, one word each
set -- $timed
full_ms=$1
shift
full_all=$*
full_pages=$(pages)

four_ms=- four_all=- four_pages=-
if command -v qpdf >/dev/null; then
	qpdf --empty --pages "$PDF" 1-4 -- "$WORK/four.pdf"
	timed=$(python3 "$WORK/time.py" "$RUNS" "$PARAPHE" check \
		--format json "$WORK/four.pdf")
	# shellcheck disable=SC2086
	set -- $timed
	four_ms=$1
	shift
	four_all=$*
	four_pages=$(pages)
fi

met() { # met MS: under 100 ms?
	awk -v t="$1" 'BEGIN {print (t != "-" && t < 100) ? "met" : "NOT met"}'
}
when=$(date -u '+%Y-%m-%d %H:%M UTC')
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
version=$("$PARAPHE" --version | cut -d' ' -f2)
form=$(basename "$FORM" .yaml)

cat >"$WORK/entry.md" <<EOF

### $when: $form ($version, $build_kind)

$(nproc) cores, $cpu; load average $load at the start. Wall time
of a new process, median of $RUNS runs after one untimed run:

| document | pages | median | runs (ms) |
|---|---|---|---|
| the convention of \`$FORM\` | $full_pages | $full_ms ms | $full_all |
| its first 4 pages | $four_pages | $four_ms ms | $four_all |

Target, a 4-page PDF under 100 ms: **$(met "$four_ms")** ($four_ms ms).

Commands: \`$shown render $FORM -f pdf -m convention -o DIR\`,
\`qpdf --empty --pages DIR/convention.pdf 1-4 -- DIR/four.pdf\`, then
\`$shown check --format json DIR/convention.pdf\` and the same on
\`DIR/four.pdf\`; all run by \`RUNS=$RUNS sh bench/check.sh\`.
EOF
cat "$WORK/entry.md"

[ "${NO_DOC:-0}" = 1 ] && exit 0
# Under "## Checking" (made the first time), after its last entry.
python3 - "$ROOT/doc/performance.md" "$WORK/entry.md" <<'EOF'
import sys
path, entry = sys.argv[1], open(sys.argv[2]).read()
try:
    text = open(path).read()
except FileNotFoundError:
    text = "# Performance\n"
head = "## Checking"
lines = text.split("\n")
if head not in lines:
    text = (text.rstrip("\n") + "\n\n" + head + "\n\n"
            "`paraphe check` on paraphe's own convention, measured by "
            "`sh bench/check.sh`\n(issue 7: under 100 ms for a 4-page "
            "PDF). Each run appends its figures here.\n" + entry)
else:
    start = lines.index(head)
    end = next((i for i in range(start + 1, len(lines))
                if lines[i].startswith("## ")), len(lines))
    before = "\n".join(lines[:end]).rstrip("\n") + "\n"
    after = "\n".join(lines[end:])
    text = before + entry + ("\n" + after if after else "")
open(path, "w").write(text)
EOF
echo "check.sh: appended to doc/performance.md" >&2
