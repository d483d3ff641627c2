#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# meson install into a temporary folder, then the installed paraphe, run
# from another folder with no help from the source tree, renders an example
# and lists its models.
set -u
build=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

meson install -C "$build" --destdir "$tmp/dest" --quiet >"$tmp/log" 2>"$tmp/err"
result $? "meson install" "$tmp/err"
bin=$(find "$tmp/dest" -type f -name paraphe -path '*/bin/*' | head -1)
[ -n "$bin" ]
result $? "the command is installed"
form=$(find "$tmp/dest" -name mobilite-verte.yaml -path '*/examples/*' | head -1)
[ -n "$form" ]
result $? "the examples are installed"
man=$(find "$tmp/dest" -path '*/man/man1/paraphe.1' | head -1)
[ -n "$man" ]
result $? "the manual is installed"
[ -n "$(find "$tmp/dest" -path '*/man/fr/man1/paraphe.1')" ]
result $? "its French translation is installed"
mo=$(find "$tmp/dest" -name paraphe.mo | head -1)
[ -n "$mo" ]
result $? "the French catalogue is installed"
cd "$tmp" || exit 1
unset PARAPHE_DATADIR
"$bin" models >"$tmp/out" 2>"$tmp/err" && grep -q convention "$tmp/out"
result $? "the installed paraphe finds its models" "$tmp/err"
"$bin" render "$form" -o "$tmp/out-docs" >"$tmp/out" 2>"$tmp/err" &&
	[ -s "$tmp/out-docs/convention.pdf" ] && [ -s "$tmp/out-docs/convention.odt" ]
result $? "the installed paraphe renders an example from another folder" \
	"$tmp/err"
mutuelle=$(dirname "$form")/mutuelle-solidaire-atlantique.yaml
"$bin" render "$mutuelle" -f xml -o "$tmp/out-annexe" >"$tmp/out" 2>"$tmp/err" &&
	grep -q "Responsable du traitement" "$tmp/out-annexe/convention.xml"
result $? "the installed example prints its annex's Markdown file" "$tmp/err"
# The whole installed tree moved elsewhere: data and French catalogue are
# found beside the binary, with no variable to help.
prefix=${bin%/*/paraphe}
mv "$prefix" "$tmp/moved"
moved=$tmp/moved/${bin#"$prefix"/}
env -u PARAPHE_LOCALEDIR "$moved" models >"$tmp/out" 2>"$tmp/err" &&
	grep -q convention "$tmp/out"
result $? "a moved install finds its models" "$tmp/err"
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	env -u PARAPHE_LOCALEDIR -u LANGUAGE -u LC_ALL LANG=fr_FR.UTF-8 \
		"$moved" validate "$tmp/none.yaml" >"$tmp/out" 2>"$tmp/err"
	grep -q "ouverture impossible" "$tmp/err"
	result $? "a moved install speaks French" "$tmp/err"
else
	skip "a moved install speaks French" "no fr_FR.UTF-8 locale"
fi
man=$(find "$tmp/moved" -path '*/man/man1/paraphe.1' | head -1)
if ! command -v man >/dev/null; then
	skip "man -l shows the installed page" "no man"
else
	[ -n "$man" ] && man -l "$man" >/dev/null 2>"$tmp/err"
	result $? "man -l shows the installed page" "$tmp/err"
fi
done_testing
