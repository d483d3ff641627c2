#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# robustness.sh GENERATOR PARAPHE: the malformed-input campaign (issue 8).
# GENERATOR (tests/robustness.c) mutates, with fixed seeds, the example
# forms, campaign, partner table, convention template, charter, an ODT
# and a PDF rendered from the example, and a DOCX written by
# tests/check-docx-fixtures.py; runs PARAPHE on each mutant (5 s,
# 256 MB of address space) and classifies every run.  TAP output: one line
# per kind of input, then a summary table.  Run from the source root with
# PARAPHE_DATADIR set (meson does both).
#
# Environment:
#   PARAPHE_ROBUSTNESS_BIN      the paraphe to test instead of PARAPHE, e.g.
#                               a sanitizer build (build-asan/src/paraphe);
#                               a sanitizer build runs without the address
#                               space limit (ASan reserves terabytes of
#                               it), its RSS capped by ASAN_OPTIONS
#   PARAPHE_ROBUSTNESS_N        mutants per kind (default 500)
#   PARAPHE_ROBUSTNESS_JOBS     parallel runs (default: the processors)
#   PARAPHE_ROBUSTNESS_TIMEOUT  seconds per run (default 5)
#   PARAPHE_ROBUSTNESS_KEEP     a folder for the failing mutants (default:
#                               the work folder is kept when a run fails)
set -u
gen=$1
paraphe=${PARAPHE_ROBUSTNESS_BIN:-$2}
case $paraphe in
/*) ;;
*) paraphe=$(pwd)/$paraphe ;;
esac
n=${PARAPHE_ROBUSTNESS_N:-500}
jobs=${PARAPHE_ROBUSTNESS_JOBS:-$(nproc 2>/dev/null || echo 2)}
timeout=${PARAPHE_ROBUSTNESS_TIMEOUT:-5}
mem=256
export LANGUAGE=C
export PARAPHE_DATADIR="${PARAPHE_DATADIR:-$(pwd)}"

if grep -aq __asan_init "$paraphe" 2>/dev/null; then
	mem=0
	ASAN_OPTIONS="detect_leaks=1:hard_rss_limit_mb=1024:malloc_limit_mb=1024:allocator_may_return_null=1:abort_on_error=0:${ASAN_OPTIONS:-}"
	LSAN_OPTIONS="suppressions=$(pwd)/tests/lsan.supp:${LSAN_OPTIONS:-}"
	UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:${UBSAN_OPTIONS:-}"
	export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
	echo "# sanitizer build: no address space limit, RSS capped at 1 GB"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/paraphe-robustness.XXXXXX")
echo "# $paraphe, $n mutants per kind, $jobs jobs, work folder $work"
# A copy: a relink of the build folder during the run cannot fail it.
cp "$paraphe" "$work/paraphe" || exit 99
"$gen" "$work/paraphe" "$(pwd)" "$work" -n "$n" -j "$jobs" \
	-t "$timeout" -m "$mem"
st=$?
if [ "$st" -eq 0 ]; then
	rm -rf "$work"
elif [ -n "${PARAPHE_ROBUSTNESS_KEEP:-}" ]; then
	mkdir -p "$PARAPHE_ROBUSTNESS_KEEP"
	cp -R "$work/failures/." "$PARAPHE_ROBUSTNESS_KEEP/" 2>/dev/null
	rm -rf "$work"
	echo "# failing mutants kept in $PARAPHE_ROBUSTNESS_KEEP"
else
	echo "# failing mutants kept in $work/failures"
fi
exit "$st"
