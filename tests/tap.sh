# SPDX-License-Identifier: EUPL-1.2
# shellcheck shell=sh
# tap.sh: the TAP helpers that every tests/*.sh script sources, so that all
# of them number, report, skip and end their checks the same way (meson
# reads the output with protocol: 'tap').
#
#   ok NAME                       a check that passed
#   not_ok NAME [DETAILS-FILE]    a check that failed; the first 30 lines of
#                                 DETAILS-FILE follow as "# " comments
#   result STATUS NAME [DETAILS-FILE]
#                                 ok when STATUS is 0, else not_ok
#   skip NAME REASON              a check that could not run here
#   skip_all REASON               the whole script cannot run here: the
#                                 plan "1..0 # SKIP REASON", exit status 0
#   done_testing                  the plan "1..N" after the last check, and
#                                 the exit status: 0 when nothing failed
#   expect_status NAME WANT COMMAND...
#                                 COMMAND ends with exit status WANT; its
#                                 output is left in $tmp/out and $tmp/err
#   expect_text NAME FILE TEXT... every TEXT (a fixed string) is in FILE
#   expect_re NAME FILE ERE       a line of FILE matches the extended
#                                 regular expression ERE
#   expect_no_re NAME FILE ERE    no line of FILE matches ERE; those that
#                                 do follow a failure
#
# The expect_* helpers write into $tmp, the caller's temporary folder.
#
# Known defects: a check whose name starts with a pattern (shell glob) of
# the caller's known_defects, one a line, prints "# TODO": meson counts its
# failure as expected.  Once the defect is fixed the check passes, meson
# reports UNEXPECTEDPASS and the script exits 1: remove the line.
n=0 failed=0
known_defects=${known_defects-}

is_known() { # is_known NAME: NAME matches a line of known_defects
	set -f
	_old_ifs=$IFS
	IFS='
'
	for _pat in $known_defects; do
		case $1 in
		$_pat*)
			IFS=$_old_ifs
			set +f
			return 0
			;;
		esac
	done
	IFS=$_old_ifs
	set +f
	return 1
}

# result STATUS NAME [DETAILS-FILE]: one TAP line; the details of a failure
# follow as comments.
result() {
	n=$((n + 1))
	_todo=
	is_known "$2" && _todo=' # TODO known defect'
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2$_todo"
		[ -n "$_todo" ] && failed=$((failed + 1))
	else
		echo "not ok $n - $2$_todo"
		if [ $# -ge 3 ] && [ -s "$3" ]; then
			sed 's/^/# /' "$3" | head -30
		fi
		[ -z "$_todo" ] && failed=$((failed + 1))
	fi
	return 0
}

ok() { # ok NAME
	result 0 "$1"
}

not_ok() { # not_ok NAME [DETAILS-FILE]
	result 1 "$@"
}

skip() { # skip NAME REASON
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

skip_all() { # skip_all REASON
	echo "1..0 # SKIP $1"
	exit 0
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ] && exit 0
	exit 1
}

# expect_status NAME WANT COMMAND...: COMMAND's output in $tmp/out and
# $tmp/err; the failure says the status it got and shows its errors.
expect_status() {
	_name=$1 _want=$2
	shift 2
	# shellcheck disable=SC2154 # $tmp: the caller's temporary folder
	"$@" >"$tmp/out" 2>"$tmp/err"
	_got=$?
	if [ "$_got" -eq "$_want" ]; then
		ok "$_name"
	else
		not_ok "$_name (exit status $_got, wanted $_want)" "$tmp/err"
	fi
}

# expect_text NAME FILE TEXT...: every TEXT is in FILE; the failure names
# the first TEXT missing and shows FILE.
expect_text() {
	_name=$1 _file=$2
	shift 2
	for _text in "$@"; do
		if ! grep -qF -- "$_text" "$_file"; then
			not_ok "$_name: \"$_text\" not found" "$_file"
			return 0
		fi
	done
	ok "$_name"
}

# expect_re NAME FILE ERE: a line of FILE matches ERE.
expect_re() {
	if grep -qE -- "$3" "$2"; then
		ok "$1"
	else
		not_ok "$1: /$3/ not found" "$2"
	fi
}

expect_no_re() {
	if grep -nE -- "$3" "$2" >"$tmp/expect_no_re"; then
		not_ok "$1: /$3/ found" "$tmp/expect_no_re"
	else
		ok "$1"
	fi
}

# wait_for COMMAND: 0 once COMMAND succeeds, polled every 0.1 s; 1 after
# 60 s (the machine may be busy with other tests).  Waits for a state, never
# for a time.
wait_for() {
	i=0
	while [ $i -lt 600 ]; do
		if eval "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
