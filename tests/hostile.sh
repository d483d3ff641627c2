#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# hostile.sh PARAPHE: hand-written hostile campaigns (issue 15, "Done
# when"): paths that leave the campaign's folder (absolute, "..", symbolic
# links to a file and to a folder), ids that are not ids, CSV cells that
# are formulas or paths, included forms that are not YAML, not a map, or
# that name files outside, FIFOs and a device where files are expected.
# Each run must end without a crash or a hang, open no file outside the
# campaign's tree but those listed below (strace -f -e trace=open,openat,
# openat2,creat: the proof), and repeat nothing of the files it must not
# read.  TAP output; skipped without strace (tools/setup test installs it)
# or where ptrace is not allowed.  Run from the source root with
# PARAPHE_DATADIR and PARAPHE_LOCALEDIR set (meson does all three).
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$(pwd)
export LANGUAGE=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

command -v strace >/dev/null 2>&1 || skip_all "no strace"
strace -f -qq -e trace=openat -o /dev/null true 2>/dev/null ||
	skip_all "strace cannot trace here (ptrace not allowed)"
limit=120
grep -aq __asan_init "$paraphe" 2>/dev/null && limit=600

datadir=$(realpath "${PARAPHE_DATADIR:-$src}")
localedir=$(realpath -m "${PARAPHE_LOCALEDIR:-$src/build/po}")
cachedir=$(realpath -m "${XDG_CACHE_HOME:-${HOME:-/nonexistent}/.cache}")
tmp=$(realpath "$tmp")
camp=$tmp/camp
example=examples/campagne-8-mars

# What a run may open outside the campaign's tree, explicitly: the system
# (libraries, fonts, ld.so, locales, fontconfig: /usr, /lib, /lib64, /etc),
# the kernel's files (/proc, /sys, /dev), paraphe's data folder (its
# models and charter, and the folder itself), the locale folder, the
# user's cache folder (fontconfig's cache) and the output folder.  Even
# under those, the files the hostile campaigns name may never be opened.
allowed="/usr/ /lib/ /lib64/ /etc/ /proc/ /sys/ /dev/ $datadir/models/
$datadir/charte/ $localedir/ $cachedir/ $tmp/out/ $camp/"
allowed_exact="$datadir $datadir/models $datadir/charte"
forbidden="/etc/passwd /etc/shadow /etc/hostname /dev/zero"

# --- The secrets, outside the campaign's tree -------------------------------
mkdir -p "$tmp/secrets" "$tmp/out" "$tmp/cwd"
printf 'cle: "S3CR3T-HOSTILE-yaml"\npartenaire: { denomination: "S3CR3T-HOSTILE-nom" }\n' \
	>"$tmp/secrets/secret.yaml"
cp examples/logos/parite-ensemble.png "$tmp/secrets/secret.png"
printf '# S3CR3T-HOSTILE-md\n\nS3CR3T-HOSTILE-md\n' >"$tmp/secrets/secret.md"
printf 'id;partenaire.denomination\ns3cr3t;S3CR3T-HOSTILE-csv\n' \
	>"$tmp/secrets/secret.csv"

# --- The campaign's tree ----------------------------------------------------
mkdir -p "$camp"
cp -R "$example/." "$camp/"
mkfifo "$camp/fifo.yaml" "$camp/fifo.png" "$camp/fifo.md" "$camp/fifo.csv"
ln -s ../secrets "$camp/liens"
ln -s ../secrets/secret.yaml "$camp/lien.yaml"
ln -s "$tmp/secrets/secret.png" "$camp/logos/lien.png"
printf 'partenaire: {\n  denomination: "S3CR3T-HOSTILE-casse"\n  [[[\n' \
	>"$camp/partenaires/pas-yaml.yaml"
printf -- '- "S3CR3T-HOSTILE-liste"\n' >"$camp/partenaires/pas-map.yaml"
# An included form whose files lead out of the campaign, each its own way.
cat >"$camp/partenaires/inclus.yaml" <<'EOF'
version: 1
partenaire:
  denomination: "Inclus hostile"
  logo: { fichier: "../../secrets/secret.png" }
annexes:
  - { titre: "a", nature: kit, fichier: "../../secrets/secret.md" }
  - { titre: "b", nature: kit, fichier: "/etc/hostname" }
  - { titre: "c", nature: kit, fichier: "../liens/secret.md" }
  - { titre: "d", nature: kit, fichier: "../fifo.md" }
EOF
cat >"$camp/partenaires/inclus-lien.yaml" <<'EOF'
version: 1
partenaire:
  logo: { fichier: "../liens/secret.png" }
EOF
{
	cat "$example/campagne.yaml"
	cat <<'EOF'
  - id: "../../evasion"
    partenaire: { denomination: "X" }
  - id: "Majuscules et espaces"
  - { id: mobilite-verte, partenaire: { denomination: "doublon" } }
  - { id: h-absolu, fichier_formulaire: "/etc/passwd" }
  - { id: h-dotdot, fichier_formulaire: "../secrets/secret.yaml" }
  - { id: h-lien-dossier, fichier_formulaire: "liens/secret.yaml" }
  - { id: h-lien-fichier, fichier_formulaire: "lien.yaml" }
  - { id: h-fifo, fichier_formulaire: "fifo.yaml" }
  - { id: h-device, fichier_formulaire: "/dev/zero" }
  - { id: h-dossier, fichier_formulaire: "partenaires" }
  - { id: h-pas-yaml, fichier_formulaire: "partenaires/pas-yaml.yaml" }
  - { id: h-pas-map, fichier_formulaire: "partenaires/pas-map.yaml" }
  - { id: h-inclus, fichier_formulaire: "partenaires/inclus.yaml" }
  - { id: h-inclus-lien, fichier_formulaire: "partenaires/inclus-lien.yaml" }
  - { id: h-logo-fifo, partenaire: { logo: { fichier: "fifo.png" } } }
  - { id: h-logo-absolu, partenaire: { logo: { fichier: "/etc/passwd" } } }
  - { id: h-logo-lien, partenaire: { logo: { fichier: "logos/lien.png" } } }
  - { id: h-logo-dossier, partenaire: { logo: { fichier: "liens/secret.png" } } }
  - { id: h-annexe-fifo, annexes: [{ titre: "f", nature: kit, fichier: "fifo.md" }] }
  - { id: h-annexe-lien, annexes: [{ titre: "l", nature: kit, fichier: "liens/secret.md" }] }
EOF
} >"$camp/hostile.yaml"

# A CSV table with hostile cells: formulas where a spreadsheet would run
# them, ids that are paths, paths in every file column.
csvrow() { # csvrow COL=VALUE...: one row of the example's columns
	for kv in "$@"; do echo "$kv"; done | awk -F'=' -v hdr="$(head -1 "$example/partenaires.csv" | sed 's/^\xef\xbb\xbf//')" '
		{ k = $1; v = substr($0, length($1) + 2); val[k] = v }
		END { n = split(hdr, h, ";"); line = ""
			for (i = 1; i <= n; i++) {
				c = (h[i] in val) ? val[h[i]] : ""
				if (c ~ /[;"\r\n]/) { gsub(/"/, "\"\"", c); c = "\"" c "\"" }
				line = line (i > 1 ? ";" : "") c
			}
			print line }'
}
{
	cat "$example/partenaires.csv"
	csvrow 'id=../../evasion-csv' 'partenaire.denomination=X'
	csvrow 'id=c-formule' 'partenaire.denomination==HYPERLINK("http://127.0.0.1:9/","S3CR3T")' \
		'partenaire.role=@SUM(1+1)*cmd|'"'"' /C calc'"'"'!A0'
	csvrow 'id=c-plus' 'partenaire.denomination=+33 1 23' 'partenaire.secteur=-2+3'
	csvrow 'id=c-cr' "$(printf 'partenaire.denomination=Ligne\rDeux')"
	csvrow 'id=c-absolu' 'fichier_formulaire=/etc/passwd'
	csvrow 'id=c-dotdot' 'fichier_formulaire=../secrets/secret.yaml'
	csvrow 'id=c-fifo' 'fichier_formulaire=fifo.yaml'
	csvrow 'id=c-lien' 'fichier_formulaire=lien.yaml'
	csvrow 'id=c-logo' 'partenaire.logo.fichier=liens/secret.png'
	csvrow 'id=c-logo-fifo' 'partenaire.logo.fichier=fifo.png'
} >"$camp/hostile.csv"
sed 's#^partenaires: "partenaires.csv"#partenaires: "hostile.csv"#' \
	"$example/campagne-csv.yaml" >"$camp/hostile-csv.yaml"
# Unusable campaigns: the table or the emetteur outside, or a FIFO.
for t in /etc/passwd ../secrets/secret.csv liens/secret.csv fifo.csv; do
	tn=$(echo "$t" | tr -c 'a-z\n' '-')
	sed "s#^partenaires: \"partenaires.csv\"#partenaires: \"$t\"#" \
		"$example/campagne-csv.yaml" >"$camp/table-$tn.yaml"
done
awk '/^  emetteur:/ { print "  emetteur: { ref: \"../secrets/secret.yaml\" }"
		skip = 1; next }
	skip && /^    / { next } { skip = 0; print }' "$example/campagne.yaml" \
	>"$camp/emetteur-dehors.yaml"

# --- Runs -------------------------------------------------------------------

# hostile NAME WANT CAMPAIGN [ARGS...]: paraphe kit CAMPAIGN under strace
# and a time limit, from an empty folder; the checks below.
runs=0
hostile() {
	name=$1 want=$2 c=$3
	shift 3
	runs=$((runs + 1))
	out=$tmp/out/$runs
	# LeakSanitizer cannot run under ptrace: leaks are the other suites'
	# business, the paths opened are this one's.
	(cd "$tmp/cwd" &&
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" &&
		export ASAN_OPTIONS &&
		exec timeout -k 5 "$limit" strace -f -qq -y \
		-e trace=open,openat,openat2,creat -o "$tmp/trace.$runs" \
		"$paraphe" kit "$camp/$c" -j2 -o "$out" "$@") \
		>"$tmp/out.$runs" 2>"$tmp/err.$runs"
	got=$?
	if [ "$got" -eq 124 ] || [ "$got" -eq 137 ]; then
		not_ok "$name: HANG (still running after $limit s)" "$tmp/err.$runs"
	elif [ "$got" -ge 128 ] ||
		grep -qE 'Sanitizer|runtime error:|Segmentation|core dumped|killed by signal' \
			"$tmp/err.$runs" "$tmp/out.$runs"; then
		not_ok "$name: CRASH (exit status $got)" "$tmp/err.$runs"
	elif [ "$got" -ne "$want" ]; then
		not_ok "$name: exit status $got, wanted $want" "$tmp/err.$runs"
	else
		ok "$name: exit status $want, no crash, no hang"
	fi
	# Every path opened or tried, made absolute (relative ones start
	# from the empty folder, or from the folder strace -y names), with
	# symbolic links and ".." resolved.
	sed -nE \
		-e 's/^[0-9]+ +(open|creat)\("([^"]*)".*/\2/p' \
		-e 's/^[0-9]+ +openat2?\(AT_FDCWD(<[^>]*>)?, "([^"]*)".*/\2/p' \
		-e 's/^[0-9]+ +openat2?\([0-9]+<([^>]*)>, "([^"]*)".*/\1\/\2/p' \
		"$tmp/trace.$runs" |
		sed "s#^\([^/]\)#$tmp/cwd/\1#" | sort -u >"$tmp/paths.$runs"
	: >"$tmp/outside.$runs"
	while IFS= read -r p; do
		r=$(realpath -m -- "$p")
		inside=0
		for a in $allowed; do
			case $r in "$a"*) inside=1 ;; esac
		done
		for a in $allowed_exact; do
			[ "$r" = "$a" ] && inside=1
		done
		for f in $forbidden; do
			[ "$r" = "$f" ] && inside=0
		done
		[ $inside -eq 1 ] || echo "$p -> $r" >>"$tmp/outside.$runs"
	done <"$tmp/paths.$runs"
	if [ ! -s "$tmp/paths.$runs" ]; then
		not_ok "$name: strace saw no open at all" "$tmp/trace.$runs"
	elif [ -s "$tmp/outside.$runs" ]; then
		not_ok "$name: files opened outside the campaign's tree" \
			"$tmp/outside.$runs"
	else
		ok "$name: $(wc -l <"$tmp/paths.$runs") paths opened, none outside"
	fi
	# Nothing of the secrets, of /etc/passwd or of the broken forms in
	# the messages or in anything written.
	grep -raoE 'S3CR3T-HOSTILE[-a-z]*|root:x?:0:0' "$tmp/out.$runs" \
		"$tmp/err.$runs" "$out" 2>/dev/null | sort -u >"$tmp/echo.$runs"
	[ ! -s "$tmp/echo.$runs" ]
	result $? "$name: no foreign data echoed" "$tmp/echo.$runs"
}

hostile "hostile campaign" 1 hostile.yaml -q
# The well-formed partners are still built, the hostile ones reported.
m=$tmp/out/$runs/8mars-2026/manifest.json
grep -q '"id" *: *"mobilite-verte"' "$m" 2>/dev/null &&
	[ -s "$tmp/out/$runs/8mars-2026/mobilite-verte/convention.pdf" ]
result $? "hostile campaign: the example's partners are still built" \
	"$tmp/err.$runs"
: >"$tmp/why"
for id in h-absolu h-dotdot h-lien-dossier h-lien-fichier h-fifo h-device \
	h-dossier h-pas-yaml h-pas-map h-inclus h-inclus-lien h-logo-fifo \
	h-logo-absolu h-logo-lien h-logo-dossier h-annexe-fifo h-annexe-lien; do
	[ -e "$tmp/out/$runs/8mars-2026/$id/convention.pdf" ] &&
		echo "$id: a convention was written" >>"$tmp/why"
	grep -q "$id" "$tmp/err.$runs" ||
		echo "$id: no message names it" >>"$tmp/why"
done
[ ! -s "$tmp/why" ]
result $? "hostile campaign: each hostile partner refused, and said so" \
	"$tmp/why"
grep -c '\[outside\]' "$tmp/err.$runs" >"$tmp/n"
[ "$(cat "$tmp/n")" -ge 8 ]
result $? "hostile campaign: paths outside refused as [outside] ($(cat "$tmp/n"))" \
	"$tmp/err.$runs"
find "$tmp/out" -name '*evasion*' >"$tmp/esc"
[ ! -s "$tmp/esc" ]
result $? "hostile campaign: no folder made from a hostile id" "$tmp/esc"

hostile "hostile CSV campaign" 1 hostile-csv.yaml -q
recap=$tmp/out/$runs/8mars-2026/recapitulatif.csv
# A cell that a spreadsheet would read as a formula starts with '.
grep -nE '(^|;)"?[=+@-]' "$recap" >"$tmp/formulas" 2>&1
[ -s "$recap" ] && [ ! -s "$tmp/formulas" ]
result $? "hostile CSV: no formula in recapitulatif.csv" "$tmp/formulas"

for c in $(cd "$camp" && ls table-*.yaml) emetteur-dehors.yaml; do
	hostile "unusable campaign $c" 2 "$c" -q
	[ ! -e "$tmp/out/$runs/8mars-2026/manifest.json" ]
	result $? "unusable campaign $c: nothing written"
done
# An id that hides its direction (U+202E): the campaign is refused whole,
# at the character, and the terminal never receives it raw.
{
	cat "$example/campagne.yaml"
	printf '  - id: "\342\200\256gpj.exe"\n'
} >"$camp/rlo.yaml"
hostile "an id with U+202E" 2 rlo.yaml -q
grep -q 'U+202E RIGHT-TO-LEFT OVERRIDE' "$tmp/err.$runs" &&
	! grep -q "$(printf '\342\200\256')" "$tmp/err.$runs" "$tmp/out.$runs"
result $? "an id with U+202E: named, never printed raw" "$tmp/err.$runs"

# The campaign file itself a FIFO, and a device.
hostile "a FIFO as the campaign" 2 fifo.yaml
echo "# $runs runs under strace, limit $limit s each"
done_testing
