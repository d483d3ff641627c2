#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# faults.sh PARAPHE: faults around a run lose nothing (issue 8).  A kit of
# 20 partners killed with SIGKILL at 20 points spread over its run leaves
# only whole files, and a rerun after each kill completes it; a file size
# limit reached mid-kit (ulimit -f, the stand-in for a full disk) fails
# cleanly without a truncated file and without touching what was already
# there; an unreadable logo, a charter whose fonts folder is missing, a
# read-only output folder, an output folder that does not exist yet and
# one under a regular file give clear messages.  Every PDF present after a
# kill or a rerun passes qpdf --check, every ODT unzip -tq, and every
# distinct ODT seen passes the ODF 1.3 schemas (jing; skipped without jing
# or the schemas: tests/schemas/odf, or $PARAPHE_ODF_SCHEMAS).  TAP
# output.  Run from the source root with PARAPHE_DATADIR set (meson does
# both).  Needs qpdf, unzip and python3.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
example=examples/campagne-8-mars
campaign=8mars-2026
form=examples/mobilite-verte.yaml
schemas=${PARAPHE_ODF_SCHEMAS:-$(pwd)/tests/schemas/odf}
export LANGUAGE=C
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
files='convention.pdf convention.odt fiche-projet.pdf fiche-projet.odt'

. "$(dirname "$0")/tap.sh"

# whole_files DIR: every PDF under DIR passes qpdf --check, every ODT
# unzip -tq, manifest.json is not truncated; complaints on stdout.  The
# kit's output is reproducible, so the same files come back run after run:
# bytes already found whole ($tmp/whole/SHA256 exists) are not checked
# again, and each distinct ODT is kept in $tmp/odts for one ODF schema
# check of them all at the end.
whole_files() {
	find "$1" -type f \( -name '*.pdf' -o -name '*.odt' \) \
		-exec sha256sum {} + >"$tmp/sums"
	while read -r h f; do
		[ -e "$tmp/whole/$h" ] && continue
		case $f in
		*.pdf)
			qpdf --check "$f" >"$tmp/qpdf" 2>&1 ||
				{ echo "$f:" && head -3 "$tmp/qpdf" && continue; }
			;;
		*.odt)
			unzip -tq "$f" >"$tmp/unzip" 2>&1 ||
				{ echo "$f:" && head -3 "$tmp/unzip" && continue; }
			cp "$f" "$tmp/odts/$h.odt"
			;;
		esac
		: >"$tmp/whole/$h"
	done <"$tmp/sums"
	find "$1" -type f -name manifest.json | while read -r f; do
		tail -c 3 "$f" | grep -q '}' || echo "$f: truncated"
	done
}
mkdir "$tmp/whole" "$tmp/odts"

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

# manifest_complete KITDIR COUNT: manifest.json lists COUNT partners, each
# built or up to date and without error, with its 4 documents, whose sizes
# and sha256 are those of the files on disk; complaints on stdout.
manifest_complete() {
	python3 - "$1" "$2" "$files" <<'EOF'
import hashlib, json, os, sys

kit, want, docs = sys.argv[1], int(sys.argv[2]), sorted(sys.argv[3].split())
try:
    with open(os.path.join(kit, "manifest.json"), encoding="utf-8") as f:
        partners = json.load(f)["partenaires"]
except (OSError, ValueError, KeyError, TypeError) as e:
    sys.exit(print("manifest.json: unreadable: %s" % e))
if len(partners) != want:
    print("manifest.json: %d partners, wanted %d" % (len(partners), want))
for p in partners:
    pid = p.get("id", "?")
    if p.get("statut") not in ("produit", "a_jour") or p.get("erreurs"):
        print("manifest.json: %s: statut %s, erreurs %s"
              % (pid, p.get("statut"), p.get("erreurs")))
    outs = p.get("sorties", [])
    if sorted(o.get("fichier", "") for o in outs) != docs:
        print("manifest.json: %s: documents %s" % (pid, outs))
    for o in outs:
        path = os.path.join(kit, pid, o.get("fichier", ""))
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print("manifest.json: %s: %s" % (pid, e))
            continue
        if len(data) != o.get("octets") or \
           hashlib.sha256(data).hexdigest() != o.get("sha256"):
            print("manifest.json: %s/%s: size or sha256 is not the file's"
                  % (pid, o.get("fichier")))
EOF
}

# odf_schema: the XML parts of every distinct ODT kept by whole_files
# against the ODF 1.3 schemas, one jing call per schema (the JVM is slow to
# start); complaints on stdout.
odf_schema() {
	for o in "$tmp"/odts/*.odt; do
		[ -f "$o" ] || continue
		x=$tmp/odf/$(basename "$o" .odt)
		mkdir -p "$x"
		unzip -qo "$o" content.xml styles.xml meta.xml \
			META-INF/manifest.xml -d "$x" >/dev/null 2>&1
		for p in content.xml styles.xml meta.xml META-INF/manifest.xml; do
			[ -f "$x/$p" ] || echo "$o: no $p"
		done
	done
	jing -i "$schemas/OpenDocument-v1.3-schema.rng" "$tmp"/odf/*/*.xml \
		2>&1 | grep -v '^\[warning\]'
	jing -i "$schemas/OpenDocument-v1.3-manifest-schema.rng" \
		"$tmp"/odf/*/META-INF/manifest.xml 2>&1 | grep -v '^\[warning\]'
}

# --- SIGKILL at 20 points -----------------------------------------------------

# copies DIR N: in DIR, a campaign of the example's ten partners N times
# (the copies under other ids).
copies() {
	mkdir "$1"
	cp -R "$example/logos" "$example/partenaires" "$1/"
	{
		cat "$example/campagne.yaml"
		i=2
		while [ "$i" -le "$2" ]; do
			sed -n '/^partenaires:$/,$p' "$example/campagne.yaml" |
				sed -e 1d -e "s/^  - id: \\(.*\\)\$/  - id: \\1-$i/"
			i=$((i + 1))
		done
	} >"$1/campagne.yaml"
}

# 20 partners: 20 kills each followed by a rerun stay near a minute.
copies "$tmp/mid" 2
np=20

# The length of a whole run, to spread the kills over it: the shorter of
# two (the first one also fills the caches: fonts, charter).
# timed DIR: runs the kit into DIR, sets st and secs
timed() {
	t0=$(date +%s.%N)
	"$paraphe" kit "$tmp/mid/campagne.yaml" -o "$1" -j2 -q \
		>"$tmp/out" 2>"$tmp/err"
	st=$?
	t1=$(date +%s.%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
}
timed "$tmp/full"
[ "$st" -eq 0 ] && [ -z "$(complete "$tmp/full/$campaign" $np)" ]
result $? "the $np-partner kit builds (exit status $st)" "$tmp/err"
total=$secs
timed "$tmp/full2"
total=$(awk -v a="$total" -v b="$secs" 'BEGIN { print a < b ? a : b }')
echo "# a whole run takes $total s; 20 kills at k/21 of it, each followed \
by a rerun"
rm -rf "$tmp/full" "$tmp/full2"

# Each kill is followed by a rerun in the same folder, which must complete
# the kit (the rerun runs alone, so that the next kill falls where it is
# meant to).
k=1
while [ "$k" -le 20 ]; do
	at=$(awk -v t="$total" -v k="$k" 'BEGIN { printf "%.3f", t * k / 21 }')
	dir=$tmp/kill$k
	setsid "$paraphe" kit "$tmp/mid/campagne.yaml" -o "$dir" -j2 -q \
		>/dev/null 2>&1 &
	pid=$!
	sleep "$at"
	kill -s KILL -- "-$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	st=$?
	# The workers hold the kit folder's lock too and die a moment after
	# the main process: the rerun waits for the whole group to be gone
	# (at most 10 s), as a user's rerun would be told to.
	i=0
	while kill -0 -- "-$pid" 2>/dev/null && [ $i -lt 200 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	whole_files "$dir" >"$tmp/why"
	pdfs=$(find "$dir" -name '*.pdf' | wc -l)
	odts=$(find "$dir" -name '*.odt' | wc -l)
	temps=$(temporaries "$dir" | wc -l)
	[ ! -s "$tmp/why" ]
	result $? "SIGKILL $k/20 after $at s (status $st): $pdfs PDF and \
$odts ODT, all whole; $temps temporary file(s)" "$tmp/why"

	"$paraphe" kit "$tmp/mid/campagne.yaml" -o "$dir" -j2 -q \
		>"$tmp/out" 2>"$tmp/err"
	st=$?
	{
		[ "$st" -eq 0 ] || { echo "exit status $st" && head -5 "$tmp/err"; }
		complete "$dir/$campaign" $np
		manifest_complete "$dir/$campaign" $np
		temporaries "$dir" | sed 's/^/left /'
		whole_files "$dir"
	} >"$tmp/why" 2>&1
	[ ! -s "$tmp/why" ]
	result $? "rerun after kill $k completes the kit: exit status $st, \
$np partners with their 4 documents, manifest complete, every file whole, \
no temporary file" "$tmp/why"
	rm -rf "$dir"
	k=$((k + 1))
done
echo "# $(ls "$tmp/whole" | wc -l) distinct PDFs and ODTs checked, \
$(ls "$tmp/odts" | wc -l) of them ODTs"

# --- A file size limit reached mid-kit ----------------------------------------

# 40 partners: the example's, four times.  The first ten are built; then
# a limit of 60 KB, above an ODT (< 20 KB) and the manifest of 40 partners
# (~43 KB), below a PDF (> 75 KB): the other partners fail half-way through
# their documents.
# ulimit -f counts 512- or 1024-byte blocks depending on the shell:
# measured first.  SIGXFSZ is ignored so that the write fails with EFBIG
# instead of killing the process.
copies "$tmp/big" 4
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
whole_files "$tmp/full" >"$tmp/why"
manifest_complete "$tmp/full/$campaign" 40 >>"$tmp/why"
[ ! -s "$tmp/why" ]
result $? "disk full: after the rerun the manifest is complete and every \
file whole" "$tmp/why"

# --- Every ODT seen above against the ODF schema ------------------------------

nodt=$(ls "$tmp/odts" | wc -l)
if ! command -v jing >/dev/null 2>&1; then
	skip "the $nodt distinct ODTs pass the ODF 1.3 schema" "no jing"
elif [ ! -f "$schemas/OpenDocument-v1.3-schema.rng" ]; then
	skip "the $nodt distinct ODTs pass the ODF 1.3 schema" "no $schemas"
else
	odf_schema >"$tmp/why"
	[ "$nodt" -gt 0 ] && [ ! -s "$tmp/why" ]
	result $? "the $nodt distinct ODTs seen after the kills, the reruns \
and the disk full pass the ODF 1.3 schemas (jing)" "$tmp/why"
fi

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

done_testing
