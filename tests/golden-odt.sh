#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# golden-odt.sh PARAPHE CASE.yaml [MODEL]: renders the form CASE.yaml to
# ODT and diffs the pretty-printed (xmllint --format) content.xml and
# styles.xml of each document with tests/golden/odt/CASE.MODEL.content.xml
# and CASE.MODEL.styles.xml.  Without MODEL, every model that has golden
# files for CASE is compared.  PP_UPDATE_GOLDEN=1 rewrites the expectations
# instead (review the diff like code); give MODEL to create a new pair.
set -u
# PP_WRAPPER runs paraphe under a tool, e.g. valgrind (meson test --setup
# valgrind sets it).
PP_WRAPPER=${PP_WRAPPER:-}
case $1 in
/*) paraphe=$1 ;;
*/*) paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") ;;
*) paraphe=$1 ;;
esac
form=$2
name=$(basename "$form" .yaml)
golden=$(cd "$(dirname "$0")" && pwd)/golden/odt
update=${PP_UPDATE_GOLDEN:-0}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -ge 3 ]; then
	models=$3
else
	models=$(for f in "$golden/$name".*.content.xml \
		"$golden/$name".*.styles.xml; do
		[ -f "$f" ] || continue
		f=${f#"$golden/$name."}
		f=${f%.content.xml}
		echo "${f%.styles.xml}"
	done | sort -u)
fi
if [ -z "$models" ]; then
	echo "golden-odt.sh: no golden file for $name in $golden" \
		"(PP_UPDATE_GOLDEN=1 $0 PARAPHE $form MODEL creates them)" >&2
	exit 1
fi

status=0
for model in $models; do
	if ! $PP_WRAPPER "$paraphe" render "$form" -m "$model" -f odt -o "$tmp/$model" \
		>/dev/null 2>"$tmp/err"; then
		cat "$tmp/err" >&2
		status=1
		continue
	fi
	for part in content styles; do
		expected=$golden/$name.$model.$part.xml
		got=$tmp/$model.$part.xml
		if ! unzip -p "$tmp/$model/$model.odt" "$part.xml" |
			xmllint --format - >"$got"; then
			echo "$name.$model: cannot read $part.xml" >&2
			status=1
			continue
		fi
		if [ "$update" = 1 ]; then
			mkdir -p "$golden"
			cp "$got" "$expected"
			echo "updated $expected"
		elif [ ! -f "$expected" ]; then
			echo "missing $expected (PP_UPDATE_GOLDEN=1 creates it)" >&2
			status=1
		else
			diff -u "$expected" "$got" || status=1
		fi
	done
done
exit $status
