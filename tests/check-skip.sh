#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# check-skip.sh PARAPHE: the colour rule's raster is left undrawn only
# where it could not have found anything (check_pdfobj.c: pages whose
# paints are the palette's, and paints inside the boxes the rule leaves
# out).  Each report is compared, byte for byte and with its exit status,
# with the report of the same file when every page is drawn
# (PARAPHE_CHECK_RASTER=always): on pages made to lie about the boxes'
# edges (tests/check-skip-gen.py), on the pages of tests/check-skip/, and
# on paraphe's own documents (the examples rendered, the example
# campaign's kit).  TAP output; run from
# the source root with PARAPHE_DATADIR set (meson does both).
set -u
case $1 in
/*) paraphe=$1 ;;
*) paraphe=$(pwd)/$1 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$here/tap.sh"
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600

# same NAME DIR MIN: every PDF of DIR (MIN of them at least) reported
# alike with and without the skip; how many had a colour finding in $found
same() {
	differ=0 total=0 found=0
	: >"$tmp/why"
	for f in "$2"/*.pdf; do
		"$paraphe" check --format json "$f" >"$tmp/a" 2>&1
		a=$?
		PARAPHE_CHECK_RASTER=always "$paraphe" check --format json \
			"$f" >"$tmp/b" 2>&1
		b=$?
		total=$((total + 1))
		grep -q couleur-hors-palette "$tmp/b" && found=$((found + 1))
		if [ $a != $b ] || ! cmp -s "$tmp/a" "$tmp/b"; then
			differ=$((differ + 1))
			{
				echo "$f: $a against $b when drawn"
				diff "$tmp/a" "$tmp/b"
			} >>"$tmp/why"
		fi
	done
	echo "$differ of $total differ" >>"$tmp/why"
	echo "# $1: $total files, $differ differ, $found with a colour finding"
	result "$([ $differ -eq 0 ] && [ $total -ge "$3" ]; echo $?)" "$1" \
		"$tmp/why"
}

mkdir "$tmp/gen"
if python3 "$here/check-skip-gen.py" "$tmp/gen" 160 19; then
	same "160 pages painted about the boxes' edges: the same reports" \
		"$tmp/gen" 160
	# The comparison means something only if the drawn raster finds
	# colours on many of them.
	echo "$found of 160 have a colour finding" >"$tmp/why"
	result "$([ $found -ge 40 ]; echo $?)" \
		"and many of them report a colour when drawn" "$tmp/why"
else
	not_ok "the pages are generated"
fi

# Pages built by a review of the skip, each a way it went wrong once (a
# line of width 0 under a skewed CTM, a join poppler reads otherwise, a
# state's line width, 3.0 Tr, a form's Matrix, singular or not, a Parent
# that is not the node poppler came through): each has a colour finding
# when drawn.
same "the pages that once fooled the skip: the same reports" \
	"$here/check-skip" 11
echo "$found of $total have a colour finding when drawn" >"$tmp/why"
result "$([ "$found" -eq "$total" ]; echo $?)" \
	"and each of them reports a colour when drawn" "$tmp/why"

mkdir "$tmp/docs"
for form in examples/*.yaml; do
	"$paraphe" render -f pdf -o "$tmp/docs/$(basename "$form" .yaml)" \
		"$form" >/dev/null 2>&1
done
for d in "$tmp"/docs/*/; do
	for f in "$d"*.pdf; do
		[ -f "$f" ] && cp "$f" "$tmp/docs/$(basename "$d")-$(basename "$f")"
	done
done
same "every example's documents: the same reports" "$tmp/docs" 5

cp -r examples/campagne-8-mars "$tmp/campagne"
"$paraphe" kit -q -j2 -o "$tmp/kit" "$tmp/campagne/campagne-csv.yaml" \
	>/dev/null 2>&1
mkdir "$tmp/kitdocs"
for f in "$tmp"/kit/*/*/*.pdf; do
	[ -f "$f" ] &&
		cp "$f" "$tmp/kitdocs/$(basename "$(dirname "$f")")-$(basename "$f")"
done
same "the example kit's documents: the same reports" "$tmp/kitdocs" 20
done_testing
