#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# golden.sh: the one runner of the golden files, tests/golden/KIND/.  A case
# runs a tool and compares each file it produces, byte for byte (diff -u),
# with the golden file of the same name.  tests/meson.build registers one
# test per case, named KIND-CASE (suite golden), and one golden-stale.
#
#   golden.sh list KIND              the cases of KIND, one a line
#   golden.sh run KIND CASE TOOL...  runs one case; fails on a difference,
#                                    on a golden file that does not exist
#                                    (saying how to create it), and on a
#                                    golden file of the case that the run
#                                    no longer produces (naming it)
#   golden.sh stale                  fails naming each file of a
#                                    tests/golden/KIND/ folder that no case
#                                    reads or produces
#
# PP_UPDATE_GOLDEN=1: "run" writes what the case produces as its golden
# files and removes those of the case it no longer produces; review the
# diff like code.  PP_WRAPPER runs the tool under another, e.g. valgrind
# ("meson test --setup valgrind" sets it).  After adding a case, run
# "meson setup --reconfigure" so that meson registers its test.
#
# The kinds: what a case is, and what it produces.
#   diag      CASE.yaml in golden/diag -> CASE.diag: the messages of
#             "paraphe validate -q CASE.yaml" run from that folder (the
#             data folder, $PARAPHE_DATADIR, written DATADIR), then
#             "exit status: N".  TOOL: paraphe.
#   template  CASE.xml in golden/template, expanded by "render-template
#             CASE.xml FORM clauses" from that folder, FORM being CASE.yaml
#             when it exists, else the example mobilite-verte.yaml ->
#             CASE.out (the document tree) when it expands, else CASE.diag
#             (its messages, then "exit status: N").  TOOL: render-template.
#   doc       examples/CASE.yaml -> CASE.MODEL.xml, the document tree of
#             each document the form asks for ("paraphe render -f xml").
#             TOOL: paraphe.
#   layout    examples/CASE.yaml -> CASE.MODEL.layout ("-f layout": every
#             line, box and tag with its position in points; a moved line
#             is a changed document).  TOOL: paraphe.
#   odt       CASE = FORM.MODEL, listed in odt_cases below:
#             examples/FORM.yaml rendered to ODT with model MODEL ->
#             CASE.content.xml and CASE.styles.xml, pretty-printed by
#             xmllint --format.  TOOL: paraphe.
#   docx      CASE = FORM.MODEL, listed in docx_cases below:
#             examples/FORM.yaml rendered to DOCX with model MODEL ->
#             CASE.document.xml and CASE.styles.xml (word/), pretty-printed
#             by xmllint --format.  TOOL: paraphe.
#   check     CASE = a fixture of "paraphe check", listed in check_cases
#             below, written by tests/check-fixtures.c (the PDFs),
#             tests/check-odt-fixtures.py (the ODTs, from the example
#             convention) or tests/check-docx-fixtures.py (the DOCXs,
#             written from scratch) -> CASE.check: what "paraphe check CASE" prints,
#             run from the fixture's folder so that it names the file as
#             given (the report on stdout, then stderr), then
#             "exit status: N".  TOOLS: paraphe check-fixtures.
#   diff      CASE.sed in golden/diff, whose first line reads "# example:
#             NAME": examples/NAME.yaml (with its logos and annexes)
#             copied as avant.yaml, and edited by the script as
#             apres.yaml -> CASE.txt and CASE.json, what "paraphe diff
#             [-f json] avant.yaml apres.yaml" prints (stdout, stderr,
#             "exit status: N"); and CASE = model-NAME for each example
#             -> model-NAME.txt, what "paraphe diff --model NAME.yaml"
#             prints.  TOOL: paraphe.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
PP_WRAPPER=${PP_WRAPPER:-}
update=${PP_UPDATE_GOLDEN:-0}
kinds='diag template doc layout odt docx check diff'

# The ODT parts are compared for one document of each model.
odt_cases='mobilite-verte.convention
parite-ensemble.fiche-projet'
# The DOCX parts likewise: a convention with boxes for initials, logos and
# annexes, and a fiche with tables and lists.
docx_cases=$odt_cases

# Every fixture the three generators write: one per rule of the checker,
# the example convention in serif typefaces (tests/check.sh converts it
# with LibreOffice) and the malformed packages, each refused.
check_cases='conformant.pdf
substitutes.pdf
active.pdf
invisible.pdf
foreign-font.pdf
control-font.pdf
no-marque.pdf
two-marques.pdf
tiny-marque.pdf
small-text.pdf
off-palette.pdf
low-contrast.pdf
not-a4.pdf
untagged.pdf
untitled.pdf
foreign-font.odt
no-marque.odt
off-palette.odt
serif-styles.odt
lo-saved.odt
active.odt
bomb.odt
evil-path.odt
duplicate.odt
laughs.odt
attributes.odt
conformant.docx
foreign-font.docx
theme-font.docx
off-palette.docx
theme-colour.docx
small-text.docx
no-marque.docx
not-a4.docx
untitled.docx
active.docx
damaged.docx
no-document.docx
no-types.docx
bomb.docx
laughs.docx
attributes.docx
deep.docx
evil-path.docx
duplicate.docx
lying-size.docx
headers.docx'

usage() {
	echo "usage: golden.sh list KIND | run KIND CASE TOOL... | stale" >&2
	echo "  KIND: $kinds" >&2
	exit 2
}

abs() { # abs PATH: PATH made absolute
	case $1 in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd)" "$1" ;;
	esac
}

names() { # names DIR SUFFIX: the files DIR/*SUFFIX, without DIR and SUFFIX
	for f in "$1"/*"$2"; do
		[ -f "$f" ] || continue
		f=${f##*/}
		printf '%s\n' "${f%"$2"}"
	done
}

list() { # list KIND: the cases
	case $1 in
	diag) names "$here/golden/diag" .yaml ;;
	template) names "$here/golden/template" .xml ;;
	doc | layout) names "$root/examples" .yaml ;;
	odt) printf '%s\n' "$odt_cases" ;;
	docx) printf '%s\n' "$docx_cases" ;;
	check) printf '%s\n' "$check_cases" ;;
	diff)
		names "$here/golden/diff" .sed
		names "$root/examples" .yaml | sed 's/^/model-/'
		;;
	*) usage ;;
	esac
}

# inputs KIND CASE and outputs KIND CASE: the files of golden/KIND that the
# case reads, and those it may produce (shell patterns, one a line).
inputs() {
	case $1 in
	diag) printf '%s\n' "$2.yaml" ;;
	template) printf '%s\n' "$2.xml" "$2.yaml" ;;
	diff) printf '%s\n' "$2.sed" ;;
	esac
}
outputs() {
	case $1 in
	diag) printf '%s\n' "$2.diag" ;;
	template) printf '%s\n' "$2.out" "$2.diag" ;;
	doc) printf '%s\n' "$2.*.xml" ;;
	layout) printf '%s\n' "$2.*.layout" ;;
	odt) printf '%s\n' "$2.content.xml" "$2.styles.xml" ;;
	docx) printf '%s\n' "$2.document.xml" "$2.styles.xml" ;;
	check) printf '%s\n' "$2.check" ;;
	diff) printf '%s\n' "$2.txt" "$2.json" ;;
	esac
}

matches() { # matches NAME: NAME matches a pattern of stdin
	while IFS= read -r _pat; do
		case $1 in
		$_pat) return 0 ;;
		esac
	done
	return 1
}

# --- What each kind produces: produce_KIND CASE TOOL... writes into $out
# the files to compare, named as their golden files.  $golden is the
# kind's folder, $work a scratch folder.  Returns 1, having said why on
# stderr, when the case cannot produce them.

produce_diag() {
	_tool=$(abs "$2")
	(
		cd "$golden" || exit 1
		$PP_WRAPPER "$_tool" validate -q "$1.yaml" >/dev/null \
			2>"$work/diag"
		_status=$?
		# A note may point into the data folder (the electoral
		# calendar): named DATADIR/, wherever the tree is.
		if [ -n "${PARAPHE_DATADIR:-}" ]; then
			sed "s|$PARAPHE_DATADIR/|DATADIR/|g" "$work/diag"
		else
			cat "$work/diag"
		fi >"$out/$1.diag"
		echo "exit status: $_status" >>"$out/$1.diag"
	)
}

produce_template() {
	_tool=$(abs "$2")
	_form=../../../examples/mobilite-verte.yaml
	[ -f "$golden/$1.yaml" ] && _form=$1.yaml
	(cd "$golden" && $PP_WRAPPER "$_tool" "$1.xml" "$_form" clauses \
		>"$work/stdout" 2>"$work/stderr")
	_status=$?
	if [ "$_status" -eq 0 ]; then
		cp "$work/stdout" "$out/$1.out"
	else
		cat "$work/stderr" >"$out/$1.diag"
		echo "exit status: $_status" >>"$out/$1.diag"
	fi
}

# produce_render FORMAT CASE PARAPHE: doc and layout, one file per document
produce_render() {
	$PP_WRAPPER "$(abs "$3")" render "$root/examples/$2.yaml" -f "$1" \
		-o "$work/render" >"$work/log" 2>&1 || {
		cat "$work/log" >&2
		return 1
	}
	for _f in "$work/render"/*."$1"; do
		[ -f "$_f" ] && cp "$_f" "$out/$2.${_f##*/}"
	done
	return 0
}
produce_doc() { produce_render xml "$@"; }
produce_layout() { produce_render layout "$@"; }

produce_odt() {
	_form=${1%.*} _model=${1##*.}
	$PP_WRAPPER "$(abs "$2")" render "$root/examples/$_form.yaml" \
		-m "$_model" -f odt -o "$work/odt" >/dev/null 2>"$work/log" || {
		cat "$work/log" >&2
		return 1
	}
	for _part in content styles; do
		unzip -p "$work/odt/$_model.odt" "$_part.xml" |
			xmllint --format - >"$out/$1.$_part.xml" || {
			echo "$1: cannot read $_part.xml" >&2
			return 1
		}
	done
}

produce_docx() {
	_form=${1%.*} _model=${1##*.}
	$PP_WRAPPER "$(abs "$2")" render "$root/examples/$_form.yaml" \
		-m "$_model" -f docx -o "$work/docx" >/dev/null 2>"$work/log" || {
		cat "$work/log" >&2
		return 1
	}
	for _part in document styles; do
		unzip -p "$work/docx/$_model.docx" "word/$_part.xml" |
			xmllint --format - >"$out/$1.$_part.xml" || {
			echo "$1: cannot read word/$_part.xml" >&2
			return 1
		}
	done
}

produce_check() {
	_tool=$(abs "$2")
	mkdir "$work/fx"
	case $1 in
	*.pdf) "$(abs "$3")" "$work/fx" ;;
	*.odt)
		"$_tool" render "$root/examples/mobilite-verte.yaml" -f odt \
			-m convention -o "$work/src" >/dev/null &&
			python3 "$here/check-odt-fixtures.py" "$work/fx" \
				"$work/src/convention.odt" "$1"
		;;
	*.docx) python3 "$here/check-docx-fixtures.py" "$work/fx" "$1" ;;
	esac >"$work/log" 2>&1 || {
		cat "$work/log" >&2
		return 1
	}
	if [ ! -f "$work/fx/$1" ]; then
		echo "tests/golden/check/$1.check: stale, no generator writes" \
			"the fixture $1 any more: remove it from check_cases in" \
			"tests/golden.sh, with its golden file" >&2
		return 1
	fi
	(cd "$work/fx" && $PP_WRAPPER "$_tool" check "$1" >"$work/stdout" \
		2>"$work/stderr"
	echo "exit status: $?" >"$work/status")
	cat "$work/stdout" "$work/stderr" "$work/status" >"$out/$1.check"
}

# diff_run OUT TOOL ARGS...: what "paraphe diff ARGS" prints, run in
# $work/d, into OUT.
diff_run() {
	_file=$1 _tool=$(abs "$2")
	shift 2
	(cd "$work/d" && $PP_WRAPPER "$_tool" diff "$@" >"$work/stdout" \
		2>"$work/stderr"
	echo "exit status: $?" >"$work/status")
	cat "$work/stdout" "$work/stderr" "$work/status" >"$_file"
}

produce_diff() {
	mkdir "$work/d"
	cp -r "$root/examples/logos" "$root/examples/annexes" "$work/d/"
	case $1 in
	model-*)
		cp "$root/examples/${1#model-}.yaml" "$work/d/"
		diff_run "$out/$1.txt" "$2" --model "${1#model-}.yaml"
		return 0
		;;
	esac
	_example=$(sed -n '1s/^# example: *//p' "$golden/$1.sed")
	if [ ! -f "$root/examples/$_example.yaml" ]; then
		echo "$1.sed: its first line must read \"# example: NAME\"," \
			"NAME an example of examples/" >&2
		return 1
	fi
	cp "$root/examples/$_example.yaml" "$work/d/avant.yaml"
	sed -f "$golden/$1.sed" "$work/d/avant.yaml" >"$work/d/apres.yaml"
	diff_run "$out/$1.txt" "$2" avant.yaml apres.yaml
	diff_run "$out/$1.json" "$2" -f json avant.yaml apres.yaml
}

# --- Commands

run() { # run KIND CASE TOOL...
	kind=$1 case=$2
	shift 2
	golden=$here/golden/$kind
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	out=$tmp/out work=$tmp/work
	mkdir "$out" "$work"
	"produce_$kind" "$case" "$@" || exit 1
	status=0 found=0
	for f in "$out"/*; do
		[ -f "$f" ] || continue
		found=1
		name=${f##*/}
		if [ "$update" = 1 ]; then
			mkdir -p "$golden"
			cp "$f" "$golden/$name"
			echo "updated tests/golden/$kind/$name"
		elif [ ! -f "$golden/$name" ]; then
			echo "missing tests/golden/$kind/$name:" \
				"PP_UPDATE_GOLDEN=1 meson test $kind-$case creates it" \
				"(read it before committing); it would hold:" >&2
			head -50 "$f" >&2
			status=1
		else
			diff -u --label "tests/golden/$kind/$name" \
				--label "what $kind-$case produces" \
				"$golden/$name" "$f" || status=1
		fi
	done
	if [ "$found" -eq 0 ]; then
		echo "$kind-$case: nothing produced" >&2
		exit 1
	fi
	# A golden file of the case that it no longer produces (a model the
	# form no longer asks for, a template that now expands).
	for f in "$golden"/*; do
		name=${f##*/}
		[ -f "$f" ] && [ ! -f "$out/$name" ] || continue
		outputs "$kind" "$case" | matches "$name" || continue
		if [ "$update" = 1 ]; then
			rm -f "$f"
			echo "removed tests/golden/$kind/$name"
		else
			echo "tests/golden/$kind/$name: stale, $kind-$case no" \
				"longer produces it (PP_UPDATE_GOLDEN=1 removes it)" >&2
			status=1
		fi
	done
	exit $status
}

stale() {
	status=0 files=0
	for kind in $kinds; do
		owned=$(list "$kind" | while IFS= read -r c; do
			inputs "$kind" "$c"
			outputs "$kind" "$c"
		done)
		for f in "$here/golden/$kind"/*; do
			[ -f "$f" ] || continue
			files=$((files + 1))
			name=${f##*/}
			printf '%s\n' "$owned" | matches "$name" && continue
			echo "tests/golden/$kind/$name: stale, no case reads or" \
				"produces it (its case was removed or renamed)" >&2
			status=1
		done
	done
	echo "$files golden files and inputs, in tests/golden/{$(
		echo $kinds | tr ' ' ,)}"
	exit $status
}

[ $# -ge 1 ] || usage
command=$1
shift
case $command in
list)
	[ $# -eq 1 ] || usage
	list "$1"
	;;
run)
	[ $# -ge 3 ] || usage
	case " $kinds " in
	*" $1 "*) run "$@" ;;
	*) usage ;;
	esac
	;;
stale)
	[ $# -eq 0 ] || usage
	stale
	;;
*) usage ;;
esac
