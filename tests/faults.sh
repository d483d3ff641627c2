#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# faults.sh PARAPHE: faults around a run lose nothing (issue 8).  A kit of
# 40 partners killed with SIGKILL at 20 points spread over its run leaves
# only whole files, and a rerun completes it; a file size limit reached
# mid-kit (ulimit -f, the stand-in for a full disk) fails cleanly without
# a truncated file and without touching what was already there; an
# unreadable logo, a charter whose fonts folder is missing, a read-only
# output folder, an output folder that does not exist yet and one under a
# regular file give clear messages.  TAP output.  Run from the source root
# with PARAPHE_DATADIR set (meson does both).  Needs qpdf and unzip.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
example=examples/campagne-8-mars
campaign=8mars-2026
form=examples/mobilite-verte.yaml
export LANGUAGE=C
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
n=0 failed=0
files='convention.pdf convention.odt fiche-projet.pdf fiche-projet.odt'

# result STATUS NAME [DETAILS-FILE]
result() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		if [ $# -ge 3 ] && [ -s "$3" ]; then
			sed 's/^/# /' "$3" | head -20
		fi
		failed=$((failed + 1))
	fi
	return 0
}

skip() { # skip NAME REASON
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

expect_re() { # expect_re NAME FILE REGEX (extended)
	if grep -qE -- "$3" "$2"; then
		result 0 "$1"
	else
		echo "/$3/ not found in:" >"$tmp/why"
		cat "$2" >>"$tmp/why"
		result 1 "$1" "$tmp/why"
	fi
}

# whole_files DIR: every PDF under DIR passes qpdf --check, every ODT
# unzip -tq, manifest.json is complete; complaints on stdout.
whole_files() {
	find "$1" -type f -name '*.pdf' | while read -r f; do
		qpdf --check "$f" >"$tmp/qpdf" 2>&1 ||
			{ echo "$f:" && head -3 "$tmp/qpdf"; }
	done
	find "$1" -type f -name '*.odt' | while read -r f; do
		unzip -tq "$f" >"$tmp/unzip" 2>&1 ||
			{ echo "$f:" && head -3 "$tmp/unzip"; }
	done
	find "$1" -type f -name manifest.json | while read -r f; do
		tail -c 3 "$f" | grep -q '}' || echo "$f: truncated"
	done
}

# temporaries DIR: files left by an interrupted write
temporaries() {
	find "$1" -type f -name '.*' ! -name .empreinte
}

# complete KITDIR COUNT: COUNT partner folders, each with its 4 documents
complete() {
	c=0
	for d in "$1"/*/; do
		[ -d "$d" ] || continue
		c=$((c + 1))
		for f in $files; do
			[ -s "$d$f" ] || echo "$d$f missing"
		done
	done
	[ "$c" -eq "$2" ] || echo "$c partner folders, wanted $2"
}

# --- SIGKILL at 20 points -----------------------------------------------------

# 40 partners: the example's, four times under other ids.
mkdir "$tmp/big"
cp -R "$example/logos" "$example/partenaires" "$tmp/big/"
{
	cat "$example/campagne.yaml"
	for i in 2 3 4; do
		sed -n '/^partenaires:$/,$p' "$example/campagne.yaml" |
			sed -e 1d -e "s/^  - id: \\(.*\\)\$/  - id: \\1-$i/"
	done
} >"$tmp/big/campagne.yaml"

# The length of a whole run, to spread the kills over it.
start=$(date +%s.%N)
"$paraphe" kit "$tmp/big/campagne.yaml" -o "$tmp/full" -j2 -q \
	>"$tmp/out" 2>"$tmp/err"
st=$?
end=$(date +%s.%N)
[ "$st" -eq 0 ] && [ -z "$(complete "$tmp/full/$campaign" 40)" ]
result $? "the 40-partner kit builds (exit status $st)" "$tmp/err"
total=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
echo "# a whole run takes $total s; 20 kills at k/21 of it"
rm -rf "$tmp/full"

k=1
while [ "$k" -le 20 ]; do
	at=$(awk -v t="$total" -v k="$k" 'BEGIN { printf "%.3f", t * k / 21 }')
	dir=$tmp/kill$k
	setsid "$paraphe" kit "$tmp/big/campagne.yaml" -o "$dir" -j2 -q \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -s KILL -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	whole_files "$dir" >"$tmp/why"
	pdfs=$(find "$dir" -name '*.pdf' | wc -l)
	odts=$(find "$dir" -name '*.odt' | wc -l)
	temps=$(temporaries "$dir" | wc -l)
	[ ! -s "$tmp/why" ]
	result $? "SIGKILL $k/20 after $at s (status $st): $pdfs PDF and \
$odts ODT, all whole; $temps temporary file(s)" "$tmp/why"
	k=$((k + 1))
done

# A rerun after an early, two middle and a late kill (every rerun costs
# what the kill left undone).
: >"$tmp/why"
for k in 2 8 13 19; do
	dir=$tmp/kill$k
	"$paraphe" kit "$tmp/big/campagne.yaml" -o "$dir" -j2 -q \
		>"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -eq 0 ] || { echo "rerun $k: exit status $st" &&
		head -5 "$tmp/err"; } >>"$tmp/why"
	complete "$dir/$campaign" 40 | sed "s/^/rerun $k: /" >>"$tmp/why"
	temporaries "$dir" | sed "s/^/rerun $k: left /" >>"$tmp/why"
done
[ ! -s "$tmp/why" ]
result $? "after the kills 2, 8, 13 and 19 a rerun completes the kit: \
exit status 0, 40 partners, no temporary file" "$tmp/why"
whole_files "$tmp/kill8" >"$tmp/why"
[ ! -s "$tmp/why" ]
result $? "after a kill and a rerun every file is whole" "$tmp/why"

# --- A file size limit reached mid-kit ----------------------------------------

# The first ten partners are built; then a limit of 60 KB, above an ODT
# (< 20 KB) and the manifest of 40 partners (~43 KB), below a PDF
# (> 75 KB): the other partners fail half-way through their documents.
# ulimit -f counts 512- or 1024-byte blocks depending on the shell:
# measured first.  SIGXFSZ is ignored so that the write fails with EFBIG
# instead of killing the process.
ids=$(sed -n 's/^  - id: \([a-z-]*\)$/\1/p' "$example/campagne.yaml" |
	tr '\n' ',')
"$paraphe" kit "$tmp/big/campagne.yaml" -o "$tmp/full" -j2 -q \
	--only "${ids%,}" >"$tmp/out" 2>"$tmp/err"
result $? "disk full: the first ten partners build" "$tmp/err"
(cd "$tmp/full" && find . -type f ! -name manifest.json \
	! -name recapitulatif.csv -exec sha256sum {} + | sort) >"$tmp/before"
(
	trap '' XFSZ
	ulimit -f 1
	head -c 1000 /dev/zero >"$tmp/block"
) 2>/dev/null
block=$(($(wc -c <"$tmp/block")))
[ "$block" -eq 512 ] || block=1024
echo "# ulimit -f counts $block-byte blocks: ulimit -f $((61440 / block))"
(
	trap '' XFSZ
	ulimit -f $((61440 / block))
	exec "$paraphe" kit "$tmp/big/campagne.yaml" -o "$tmp/full" -j2 -q
) >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -ne 0 ]
result $? "disk full: exit status non-zero ($st)" "$tmp/err"
expect_re "disk full: a clear error" "$tmp/err" \
	'error: cannot write.*(File too large|No space left)'
whole_files "$tmp/full" >"$tmp/why"
temporaries "$tmp/full" >>"$tmp/why"
[ ! -s "$tmp/why" ]
result $? "disk full: no truncated or temporary file" "$tmp/why"
(cd "$tmp/full" && find . -type f ! -name manifest.json \
	! -name recapitulatif.csv -exec sha256sum {} + | sort) >"$tmp/after"
join -v1 "$tmp/before" "$tmp/after" >"$tmp/why" 2>&1
[ ! -s "$tmp/why" ]
result $? "disk full: the files already there are untouched" "$tmp/why"
"$paraphe" kit "$tmp/big/campagne.yaml" -o "$tmp/full" -j2 -q \
	>"$tmp/out" 2>"$tmp/err"
st=$?
complete "$tmp/full/$campaign" 40 >"$tmp/why"
[ "$st" -eq 0 ] && [ ! -s "$tmp/why" ]
result $? "disk full: a rerun with room completes the kit" "$tmp/why"

# --- An unreadable logo -------------------------------------------------------

mkdir "$tmp/logo"
cp -R "$example/logos" "$example/partenaires" "$example/campagne.yaml" \
	"$tmp/logo/"
logo=$(sed -n 's/^ *fichier: "\{0,1\}\(logos\/mobilite-verte[^"]*\)"\{0,1\}$/\1/p' \
	"$example/campagne.yaml" | head -1)
[ -n "$logo" ] || logo=logos/mobilite-verte.svg
if [ "$(id -u)" -eq 0 ]; then
	# root reads a chmod 000 file anyway: a folder in its place
	rm -f "$tmp/logo/$logo"
	mkdir "$tmp/logo/$logo"
	how="a folder in place of the logo"
else
	chmod 000 "$tmp/logo/$logo"
	how="a logo without read permission"
fi
"$paraphe" kit "$tmp/logo/campagne.yaml" -o "$tmp/logo-out" -q \
	--only mobilite-verte,club-sportif-avenir >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 1 ]
result $? "$how: exit status 1 ($st)" "$tmp/err"
expect_re "$how: the message names the logo" "$tmp/err" \
	"error: .*mobilite-verte"
complete "$tmp/logo-out/$campaign" 1 >"$tmp/why"
[ ! -e "$tmp/logo-out/$campaign/mobilite-verte/convention.pdf" ] ||
	echo "a PDF for the partner whose logo fails" >>"$tmp/why"
[ ! -s "$tmp/why" ]
result $? "$how: the other partner is built, this one gets nothing" \
	"$tmp/why"

# --- A charter whose fonts folder is missing ----------------------------------

cp -R charte "$tmp/charte"
sed 's/^  dossier: null/  dossier: polices-absentes/' charte/etat/charte.yaml \
	>"$tmp/charte/etat/charte.yaml"
"$paraphe" render "$form" -m convention -c "$tmp/charte/etat/charte.yaml" \
	-o "$tmp/nofont" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 1 ] || [ "$st" -eq 2 ]
result $? "missing fonts folder: exit status 1 or 2 ($st)" "$tmp/err"
expect_re "missing fonts folder: the message names it" "$tmp/err" \
	'polices\.dossier: .*polices-absentes'
[ ! -e "$tmp/nofont" ] || [ -z "$(ls -A "$tmp/nofont")" ]
result $? "missing fonts folder: nothing written"

# --- Output folders -----------------------------------------------------------

mkdir "$tmp/ro"
chmod 555 "$tmp/ro"
if [ "$(id -u)" -eq 0 ]; then
	skip "read-only output folder: a clear message" root
	skip "read-only output folder: nothing written" root
else
	"$paraphe" render "$form" -m convention -o "$tmp/ro" \
		>"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -ne 0 ] && grep -qE 'error: .*(ermission|cannot)' "$tmp/err"
	result $? "read-only output folder: exit status $st, a clear message" \
		"$tmp/err"
	[ -z "$(ls -A "$tmp/ro")" ]
	result $? "read-only output folder: nothing written"
	"$paraphe" kit "$example/campagne.yaml" -o "$tmp/ro" -q \
		--only mobilite-verte >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -ne 0 ] && [ -s "$tmp/err" ] && [ -z "$(ls -A "$tmp/ro")" ]
	result $? "read-only output folder, kit: exit status $st, a message, \
nothing written" "$tmp/err"
fi
chmod 755 "$tmp/ro"

"$paraphe" render "$form" -m convention -o "$tmp/a/b/c" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 0 ] && [ -s "$tmp/a/b/c/convention.pdf" ] &&
	[ -s "$tmp/a/b/c/convention.odt" ]
result $? "an output folder that does not exist is created (status $st)" \
	"$tmp/err"

printf 'precious\n' >"$tmp/regular"
"$paraphe" render "$form" -m convention -o "$tmp/regular/sub" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ]
result $? "an output folder under a regular file: exit status 2 ($st)" \
	"$tmp/err"
expect_re "an output folder under a regular file: a clear message" \
	"$tmp/err" 'regular/sub.*error|error:.*regular/sub'
[ "$(cat "$tmp/regular")" = precious ]
result $? "an output folder under a regular file: the file is untouched"

echo "1..$n"
[ "$failed" -eq 0 ]
