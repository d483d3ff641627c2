# SPDX-License-Identifier: EUPL-1.2
# tap.sh: TAP helpers sourced by the test scripts.  The caller sets n=0,
# failed=0 and known_defects (patterns of check names whose failure is
# expected: "# TODO", counted by meson as expected failures).

is_known() { # is_known NAME: NAME matches a line of known_defects
	set -f
	old_ifs=$IFS
	IFS='
'
	for pat in $known_defects; do
		case $1 in
		$pat*)
			IFS=$old_ifs
			set +f
			return 0
			;;
		esac
	done
	IFS=$old_ifs
	set +f
	return 1
}

# result STATUS NAME [DETAILS-FILE]: one TAP line; the details of a failure
# follow as comments.
result() {
	n=$((n + 1))
	todo=
	is_known "$2" && todo=' # TODO known defect'
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2$todo"
		[ -n "$todo" ] && failed=$((failed + 1))
	else
		echo "not ok $n - $2$todo"
		if [ $# -ge 3 ] && [ -s "$3" ]; then
			sed 's/^/# /' "$3" | head -20
		fi
		[ -z "$todo" ] && failed=$((failed + 1))
	fi
	return 0
}
