#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# run.sh SECONDS [TARGET...]: fuzzes every libFuzzer target (or the ones
# named: yamlin, expr, template, csvin, check-odt...) for SECONDS each,
# JOBS at a time (default: the processors).  Builds them first with clang in
# build-fuzz/ (the library instrumented for coverage with
# -fsanitize=fuzzer-no-link, plus ASan and UBSan; the system libraries stay
# uninstrumented):
#
#   CC=clang meson setup build-fuzz -Dfuzzing=true \
#       -Db_sanitize=address,undefined -Db_lundef=false \
#       -Dc_args=-fsanitize=fuzzer-no-link
#
# Each target starts from a copy of its committed corpus
# (tests/fuzz/corpus/TARGET) and works in build-fuzz/fuzz-run/TARGET/: its
# log, the grown corpus, crash artifacts.  Prints per target the
# executions, executions per second, coverage (cov: edges, ft: features),
# corpus size and findings.  Exit status 1 when a target found something:
# minimise it (./fuzz-TARGET -minimize_crash=1 -runs=10000 ARTIFACT), fix
# the bug, and add the input to tests/fuzz/corpus/TARGET/ under a name that
# says what it is, where every build replays it.
set -u
if [ $# -lt 1 ]; then
	echo "Usage: $0 SECONDS [TARGET...]" >&2
	exit 2
fi
secs=$1
shift
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_FUZZ:-$root/build-fuzz}
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
cd "$root" || exit 2

if [ ! -f "$build/build.ninja" ]; then
	CC=clang meson setup "$build" -Dfuzzing=true \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args=-fsanitize=fuzzer-no-link || exit 2
fi
ninja -C "$build" || exit 2

if [ $# -eq 0 ]; then
	for f in tests/fuzz/fuzz-*.c; do
		t=${f#tests/fuzz/fuzz-}
		set -- "$@" "${t%.c}"
	done
fi

export PARAPHE_DATADIR="$root" LC_ALL=C.UTF-8 LANGUAGE=C
export ASAN_OPTIONS="detect_leaks=1:${ASAN_OPTIONS:-}"
export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:${LSAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"

fuzz() { # fuzz TARGET
	exe=$build/tests/fuzz/fuzz-$1
	w=$build/fuzz-run/$1
	rm -rf "$w"
	mkdir -p "$w/corpus" "$w/artifacts"
	if [ ! -x "$exe" ]; then
		echo "no $exe (is $1 in tests/fuzz/meson.build?)" >"$w/log"
		return
	fi
	[ -d "tests/fuzz/corpus/$1" ] &&
		cp "tests/fuzz/corpus/$1"/* "$w/corpus/" 2>/dev/null
	"$exe" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
		-max_len=65536 -print_final_stats=1 \
		-artifact_prefix="$w/artifacts/" "$w/corpus" >"$w/log" 2>&1
	echo "$?" >"$w/status"
}

echo "fuzzing $* for $secs s each, $jobs at a time (logs in $build/fuzz-run)"
running=0
for t in "$@"; do
	fuzz "$t" &
	running=$((running + 1))
	if [ "$running" -ge "$jobs" ]; then
		wait
		running=0
	fi
done
wait

found=0
printf '%-10s %12s %8s %7s %7s %14s %s\n' target executions exec/s cov ft \
	corpus findings
for t in "$@"; do
	w=$build/fuzz-run/$t
	line=$(grep -E '^#[0-9]+.*cov: ' "$w/log" 2>/dev/null | tail -1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$w/log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$w/log")
	cov=$(echo "$line" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$line" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$line" | sed -n 's/.* corp: \([0-9]*\/[0-9]*[a-zA-Z]*\).*/\1/p')
	arts=$(ls "$w/artifacts" 2>/dev/null | wc -l)
	[ "$arts" -gt 0 ] && found=1
	[ -x "$build/tests/fuzz/fuzz-$t" ] || { found=1 && arts='no binary'; }
	printf '%-10s %12s %8s %7s %7s %14s %s\n' "$t" "${execs:-?}" \
		"${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$arts"
	ls "$w/artifacts" 2>/dev/null | sed "s#^#    $w/artifacts/#"
done
exit "$found"
