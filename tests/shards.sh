#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# shards.sh PARAPHE: the GNU parallel recipe of doc/shards.md, run as it is
# written (the one sh block after its "tests/shards.sh" comment), with the
# example campaign read from its CSV table: four shards on this machine,
# the partner folders gathered, the indexes merged beside them.  The kit
# so gathered is whole: ten partners, each with its documents, and a
# manifest whose every size and SHA-256 matches the gathered files.
# Skipped without GNU parallel (Debian package parallel).  TAP output.
# Run from the source root with PARAPHE_DATADIR set (meson does both).
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LANGUAGE=C

. "$(dirname "$0")/tap.sh"
. "$(dirname "$0")/manifest.sh"

if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
	skip_all "GNU parallel is not installed (apt-get install parallel)"
fi

# The recipe: the sh block after the comment that names this script.
sed -n '/tests\/shards\.sh runs the block below/,$p' doc/shards.md |
	sed -n '/^```sh$/,/^```$/p' | sed '1d;/^```$/,$d' >"$tmp/recipe.sh"
grep -q '^parallel ' "$tmp/recipe.sh" &&
	grep -q -- '--merge' "$tmp/recipe.sh"
result $? "doc/shards.md has the recipe, with parallel and --merge" \
	"$tmp/recipe.sh"

# "paraphe" is the paraphe under test; the campaign path starts from the
# source root, the recipe runs in a folder of its own.
mkdir "$tmp/bin" "$tmp/run" "$tmp/home"
ln -s "$paraphe" "$tmp/bin/paraphe"
(cd "$tmp/run" &&
	sed "s#^campaign=#campaign=$root/#" "$tmp/recipe.sh" >recipe.sh &&
	HOME=$tmp/home PATH=$tmp/bin:$PATH sh -eu recipe.sh) \
	>"$tmp/out" 2>"$tmp/err"
result $? "the recipe runs to its end" "$tmp/err"
expect_text "the merge says it joins the indexes only" "$tmp/out" \
	"merged the indexes of 4 kit folders into kit/8mars-2026/manifest.json" \
	"the documents were not copied"

kit=$tmp/run/kit/8mars-2026
ls -d "$tmp/run"/part[1-4] >"$tmp/got" 2>&1
[ "$(wc -l <"$tmp/got")" -eq 4 ]
result $? "four shards, four folders" "$tmp/got"
for d in "$kit"/*/; do
	[ -d "$d" ] && basename "$d"
done >"$tmp/got"
[ "$(wc -l <"$tmp/got")" -eq 10 ]
result $? "the gathered kit has the ten partners' folders" "$tmp/got"
grep -c '"statut" : "produit"' "$kit/manifest.json" >"$tmp/got"
[ "$(cat "$tmp/got")" -eq 10 ] && ! grep -q non_produit "$kit/manifest.json"
result $? "the merged manifest: ten partners produced, none left out" \
	"$kit/manifest.json"
# Every output the manifest lists is in the gathered kit, as listed.
manifest_outputs "$kit/manifest.json" >"$tmp/outputs"
: >"$tmp/why"
while read -r id f size sum; do
	if [ ! -f "$kit/$id/$f" ]; then
		echo "$id/$f missing" >>"$tmp/why"
		continue
	fi
	[ "$(sha256sum "$kit/$id/$f" | cut -d' ' -f1)" = "$sum" ] &&
		[ "$(($(wc -c <"$kit/$id/$f")))" -eq "$size" ] ||
		echo "$id/$f: not the size or SHA-256 listed" >>"$tmp/why"
done <"$tmp/outputs"
[ "$(wc -l <"$tmp/outputs")" -eq 40 ] && [ ! -s "$tmp/why" ]
result $? "the merged manifest's 40 files are in the kit, as listed" \
	"$tmp/why"
done_testing
