#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The manual pages: each passes "mandoc -Tlint -W warning" without a single
# message, and they keep up with the code: paraphe(1) lists every command
# and long option of the command line (src/main.c, src/cli*.c), every
# diagnostic code of src/diag.def and
# every output format of src/outputs.c; paraphe-charte(5) and
# doc/verification.md every rule of src/checkrules.def with its severity,
# paraphe-charte(5) every key of charte/schema.yaml, paraphe-formulaire(5)
# every key of models/types.yaml and models/campagne/schema.yaml.  Run from
# the source root (meson does).
# TAP; exits with 1 on any failure.
set -u
man=doc/man
. "$(dirname "$0")/tap.sh"

if ! command -v mandoc >/dev/null 2>&1; then
	skip_all "mandoc is not installed (apt-get install mandoc)"
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

pages="paraphe.1 paraphe-formulaire.5 paraphe-modele.5 paraphe-charte.5
fr/paraphe.1"

# 1. Lint: no message of level warning or above.
for p in $pages; do
	if [ ! -f "$man/$p" ]; then
		not_ok "$p exists"
		continue
	fi
	mandoc -Tlint -W warning "$man/$p" >"$tmp/lint" 2>&1
	if [ -s "$tmp/lint" ]; then
		not_ok "mandoc -Tlint $p" "$tmp/lint"
	else
		ok "mandoc -Tlint $p"
	fi
	# The page renders, as "man -l" shows it.
	if mandoc -Tutf8 "$man/$p" >"$tmp/out" 2>&1 && [ -s "$tmp/out" ]; then
		ok "$p renders"
	else
		not_ok "$p renders" "$tmp/out"
	fi
done

# has_word PAGE WORD: WORD stands alone on a macro line of PAGE.
has_word() {
	grep -Eq "^\.[A-Za-z].*[ ]$2( |\$)" "$man/$1"
}

# covered NAME PAGE LIST-FILE: every word of LIST-FILE is in PAGE.
covered() {
	: >"$tmp/missing"
	while read -r w; do
		[ -n "$w" ] || continue
		has_word "$2" "$w" || echo "$w" >>"$tmp/missing"
	done <"$3"
	if [ ! -s "$3" ]; then
		echo "(nothing found to look for)" >"$tmp/missing"
		not_ok "$1" "$tmp/missing"
	elif [ -s "$tmp/missing" ]; then
		sed -i '1i missing:' "$tmp/missing"
		not_ok "$1" "$tmp/missing"
	else
		ok "$1 ($(wc -l <"$3") names)"
	fi
}

# 2. Every diagnostic code of src/diag.def, as ".It Sy CODE".
sed -n 's/^X([A-Z_]*, *"\([a-z-]*\)".*/\1/p' src/diag.def >"$tmp/codes"
: >"$tmp/missing"
while read -r c; do
	grep -qx "\.It Sy $c" "$man/paraphe.1" || echo "$c" >>"$tmp/missing"
done <"$tmp/codes"
if [ ! -s "$tmp/codes" ]; then
	not_ok "paraphe.1 lists every diagnostic code (none found)"
elif [ -s "$tmp/missing" ]; then
	not_ok "paraphe.1 lists every diagnostic code" "$tmp/missing"
else
	ok "paraphe.1 lists every diagnostic code ($(wc -l <"$tmp/codes"))"
fi

# 3. Every command dispatched by src/main.c, as ".Ss paraphe COMMAND".
sed -n 's/.*strcmp(argv\[1\], "\([a-z]*\)") == 0.*/\1/p' src/main.c |
	grep -v '^help$' | sort -u >"$tmp/commands"
: >"$tmp/missing"
while read -r c; do
	grep -q "^\.Ss paraphe $c\( \|\$\)" "$man/paraphe.1" ||
		echo "$c" >>"$tmp/missing"
done <"$tmp/commands"
if [ ! -s "$tmp/commands" ]; then
	not_ok "paraphe.1 describes every command (none found)"
elif [ -s "$tmp/missing" ]; then
	not_ok "paraphe.1 describes every command" "$tmp/missing"
else
	ok "paraphe.1 describes every command ($(wc -l <"$tmp/commands"))"
fi

# 4. Every long option of the subcommands (src/cli*.c), as "Fl -OPTION".
sed -n 's/^[[:space:]]*{"\([a-z-]*\)", *[a-z_]*_argument,.*/\1/p' \
	src/main.c src/cli*.c | sort -u >"$tmp/options"
: >"$tmp/missing"
while read -r o; do
	grep -Eq "Fl -$o( |\$)" "$man/paraphe.1" || echo "--$o" >>"$tmp/missing"
done <"$tmp/options"
if [ ! -s "$tmp/options" ]; then
	not_ok "paraphe.1 describes every long option (none found)"
elif [ -s "$tmp/missing" ]; then
	not_ok "paraphe.1 describes every long option" "$tmp/missing"
else
	ok "paraphe.1 describes every long option ($(wc -l <"$tmp/options"))"
fi

# 5. Every rule of src/checkrules.def with its severity, as ".It Sy RULE"
# followed by "Error: ..." or "Warning: ..." in paraphe-charte.5, and as a
# row "| `RULE` | error |" of the table in doc/verification.md.
sed -n 's/^X([A-Z_]*, *"\([a-z-]*\)", *\([A-Z]*\),.*/\1 \2/p' \
	src/checkrules.def >"$tmp/rules"
: >"$tmp/missing"
: >"$tmp/missing-md"
while read -r r sev; do
	case $sev in
	ERROR) man_sev=Error md_sev=error ;;
	*) man_sev=Warning md_sev=warning ;;
	esac
	sed -n "/^\.It Sy $r\$/{n;p;}" "$man/paraphe-charte.5" |
		grep -q "^$man_sev: " || echo "$r ($man_sev)" >>"$tmp/missing"
	grep -q "^| \`$r\` | $md_sev |" doc/verification.md ||
		echo "$r ($md_sev)" >>"$tmp/missing-md"
done <"$tmp/rules"
if [ ! -s "$tmp/rules" ]; then
	not_ok "paraphe-charte.5 lists every checker rule (none found)"
elif [ -s "$tmp/missing" ]; then
	not_ok "paraphe-charte.5 lists every checker rule" "$tmp/missing"
else
	ok "paraphe-charte.5 lists every checker rule ($(wc -l <"$tmp/rules"))"
fi
if [ ! -s "$tmp/rules" ] || [ -s "$tmp/missing-md" ]; then
	not_ok "doc/verification.md lists every checker rule" "$tmp/missing-md"
else
	ok "doc/verification.md lists every checker rule ($(wc -l <"$tmp/rules"))"
fi

# 6. Every key of the schemas.  The keys are the first word of each line
# deeper than the top level, less the schema's own keywords.
schema_keys() { # schema_keys FILE...
	sed -n 's/^[[:space:]]\{3,\}\([a-z_][a-z0-9_]*\):.*/\1/p' "$@" |
		grep -vxE 'type|required|required_if|default|description|fields|items|values|min|max|min_length|max_length|pattern|pattern_help|format|must_be|message|not_before|example|field|label' |
		sort -u
}
schema_keys models/types.yaml models/campagne/schema.yaml >"$tmp/form-keys"
covered "paraphe-formulaire.5 names every key of the forms" \
	paraphe-formulaire.5 "$tmp/form-keys"
schema_keys charte/schema.yaml >"$tmp/charte-keys"
covered "paraphe-charte.5 names every key of a charter" \
	paraphe-charte.5 "$tmp/charte-keys"

# 7. Every output format of src/outputs.c, and no other, as ".It Cm FORMAT"
# in the list of render -f.
sed -n 's/^[[:space:]]*\.name = "\([a-z0-9]*\)",.*/\1/p' src/outputs.c |
	sort >"$tmp/formats"
awk '/^\.It Fl f Ar formats/ { on = 1; next }
	on && /^\.El/ { exit }
	on && /^\.It Cm / { print $3 }' "$man/paraphe.1" | sort >"$tmp/man-formats"
if [ ! -s "$tmp/formats" ]; then
	not_ok "paraphe.1 describes every output format (none found)"
elif ! diff "$tmp/formats" "$tmp/man-formats" >"$tmp/diff"; then
	not_ok "paraphe.1 describes every output format" "$tmp/diff"
else
	ok "paraphe.1 describes every output format ($(wc -l <"$tmp/formats"))"
fi

# 8. The French paraphe(1) keeps up with the English one: the same
# commands, the same options (long and short, wherever they are named)
# and the same synopsis once the arguments' names are left out.
fr=fr/paraphe.1
for page in paraphe.1 "$fr"; do
	out=$tmp/$(echo "$page" | tr / -)
	sed -n 's/^\.Ss paraphe \([a-z]*\).*/\1/p' "$man/$page" | sort -u \
		>"$out.commands"
	grep -oE 'Fl -?[A-Za-z][a-z-]*' "$man/$page" | sort -u >"$out.options"
	awk '/^\.Sh SYNOPSIS/ { on = 1; next } on && /^\.Sh/ { exit }
		on { sub(/^\.Ar [^ ]+/, ".Ar"); gsub(/ Ar [^ ]+/, " Ar"); print }' \
		"$man/$page" \
		>"$out.synopsis"
done
for part in commands options synopsis; do
	if [ ! -s "$tmp/paraphe.1.$part" ]; then
		not_ok "paraphe.1 has $part to compare"
	elif diff -u "$tmp/paraphe.1.$part" "$tmp/fr-paraphe.1.$part" \
		>"$tmp/diff"; then
		ok "fr/paraphe.1: the $part of paraphe.1 ($(wc -l <"$tmp/paraphe.1.$part"))"
	else
		not_ok "fr/paraphe.1: the $part of paraphe.1" "$tmp/diff"
	fi
done

done_testing
