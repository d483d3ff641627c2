#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The user guide, doc/guide.md, as a reader follows it: every command it
# gives runs, in order, in an empty folder, and what it says paraphe
# answers is what paraphe answers.
#   guide.sh PARAPHE CHECK-FIXTURES
# Run from the source root with PARAPHE_DATADIR and PARAPHE_LOCALEDIR set
# (meson does).  TAP.
#
# The guide's fenced blocks, by their info string:
#   ```sh                  commands, run with sh -e; exit status 0 expected
#   ```sh statut=N         the same, exit status N expected
#   ```sh continu          a command that runs until interrupted (watch):
#                          started, given up to 60 s to print the lines of
#                          the next block, then stopped
#   ```sh installation     not run (it needs root and builds paraphe; the
#                          install suite covers it): it must be the
#                          README's command, word for word
#   ```text                right after a sh block (blank lines only in
#                          between): every line must appear in that block's
#                          output (standard output and error); "…" alone
#                          skips lines, "…" inside a line skips text, a
#                          time of day "[10:42:07]" stands for any.  A
#                          text block after prose is an illustration.
#   anything else          (yaml…) an illustration, not run
# The illustration of two mistakes in part 3 is checked too, by making
# them (step 3 below).
# Commands are written as a user types them: "paraphe" is the paraphe under
# test (first on PATH) and /usr/local/share/paraphe, where the README's
# command installs the data, is PARAPHE_DATADIR.  The partner's file the
# guide checks, affiche-partenaire.pdf, is a fixture of check-fixtures.c
# with text set too small.  Quoted output is French: it is compared when
# the fr_FR.UTF-8 locale and the catalogue are there.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fixtures=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
root=$PWD
guide=$root/doc/guide.md
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

datadir=${PARAPHE_DATADIR:-$root}
mkdir -p "$tmp/bin" "$tmp/blocks" "$tmp/work" "$tmp/fx"
ln -s "$paraphe" "$tmp/bin/paraphe"
PATH=$tmp/bin:$PATH
export PATH

# French when the system has it, as the guide's readers do.
french=yes
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	french="the fr_FR.UTF-8 locale is missing (tools/setup generates it)"
elif [ ! -f "${PARAPHE_LOCALEDIR:-}/fr/LC_MESSAGES/paraphe.mo" ]; then
	french="no compiled catalogue in \$PARAPHE_LOCALEDIR"
fi
if [ "$french" = yes ]; then
	LANGUAGE=fr LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8
	export LANGUAGE LANG LC_ALL
fi
unset NO_COLOR

# 1. The blocks: $tmp/blocks/N holds block N's text (without the
# indentation of its fence), $tmp/list one line per block:
# "N KIND ADJACENT ATTRIBUTES", ADJACENT 1 when only blank lines separate
# it from the block before.
awk -v dir="$tmp/blocks" '
	!inside && /^[ ]*```/ {
		inside = 1
		n++
		match($0, /^[ ]*/)
		indent = RLENGTH
		info = substr($0, indent + 4)
		kind = info
		sub(/ .*/, "", kind)
		attrs = info
		if (attrs ~ / /) sub(/^[^ ]* +/, "", attrs); else attrs = ""
		if (kind == "") kind = "-"
		print n, kind, (n > 1 && !prose) ? 1 : 0, attrs > (dir "/../list")
		printf "" > (dir "/" n)
		next
	}
	inside && /^[ ]*```[ ]*$/ {
		inside = 0
		prose = 0
		close(dir "/" n)
		next
	}
	inside {
		print substr($0, indent + 1) > (dir "/" n)
		next
	}
	/[^ ]/ { prose = 1 }
' "$guide"
runs=$(awk '$2 == "sh"' "$tmp/list" | wc -l)
if [ "$runs" -ge 15 ]; then
	ok "the guide has its commands ($runs blocks of commands)"
else
	not_ok "the guide has its commands: only $runs blocks of commands" \
		"$tmp/list"
fi

# quoted EXPECTED OUTPUT: every line of EXPECTED is in OUTPUT, in order;
# the lines missing are left in $tmp/missing.
quoted() {
	# French typography's no-break spaces, as plain spaces, and watch's
	# times of day ("[10:42:07]"), as any time, on both sides.
	normal='s/\xc2\xa0/ /g; s/\xe2\x80\xaf/ /g
		s/\[[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\]/[time]/g'
	sed "$normal" "$2" >"$tmp/quoted-out"
	sed "$normal" "$1" >"$tmp/quoted-in"
	awk -v out="$tmp/quoted-out" '
		BEGIN { while ((getline l < out) > 0) lines[++n] = l; at = 1 }
		{
			sub(/[ \t]+$/, "")
			if ($0 == "" || $0 == "…") next
			k = split($0, piece, "…")
			found = 0
			for (i = at; i <= n && !found; i++) {
				s = lines[i]
				good = 1
				for (j = 1; j <= k && good; j++) {
					if (piece[j] == "") continue
					p = index(s, piece[j])
					if (p == 0) good = 0
					else s = substr(s, p + length(piece[j]))
				}
				if (good) { found = 1; at = i + 1 }
			}
			if (!found) { print; bad = 1 }
		}
		END { exit bad }
	' "$tmp/quoted-in" >"$tmp/missing"
}

# as_typed BLOCK: the block's commands with the installed data folder
# made the one under test.
as_typed() {
	sed "s|/usr/local/share/paraphe|$datadir|g" "$1"
}

"$fixtures" "$tmp/fx" >"$tmp/fx.log" 2>&1 || not_ok "check-fixtures" "$tmp/fx.log"
cp "$tmp/fx/small-text.pdf" "$tmp/work/affiche-partenaire.pdf"

# 2. Each block, in the guide's order.
last=
while read -r i kind adjacent attrs; do
	first=$(head -n 1 "$tmp/blocks/$i")
	name="block $i ($first)"
	case $kind:$attrs in
	sh:installation)
		missing=0
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			grep -qF -- "$line" "$root/README.md" || missing=1
		done <"$tmp/blocks/$i"
		result $missing "$name: the README's command"
		last=
		;;
	sh:continu)
		as_typed "$tmp/blocks/$i" >"$tmp/run.sh"
		# One command, exec'd: $pid is paraphe itself.
		(cd "$tmp/work" && eval "exec $(cat "$tmp/run.sh")") \
			>"$tmp/out.$i" 2>&1 &
		pid=$!
		next=$((i + 1))
		# Wait for the lines of the next block, if it quotes the output.
		if [ "$french" = yes ] &&
			grep -q "^$next text 1" "$tmp/list"; then
			j=0
			until quoted "$tmp/blocks/$next" "$tmp/out.$i" ||
				[ $j -ge 600 ]; do
				sleep 0.1
				j=$((j + 1))
			done
		else
			sleep 5
		fi
		if kill -0 "$pid" 2>/dev/null; then
			ok "$name: runs until stopped"
		else
			not_ok "$name: runs until stopped" "$tmp/out.$i"
		fi
		kill "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		pid=
		last=$i
		;;
	sh:*)
		want=0
		case $attrs in
		statut=*) want=${attrs#statut=} ;;
		esac
		as_typed "$tmp/blocks/$i" >"$tmp/run.sh"
		(cd "$tmp/work" && sh -e "$tmp/run.sh") >"$tmp/out.$i" 2>&1
		got=$?
		if [ "$got" -eq "$want" ]; then
			ok "$name: exit status $want"
		else
			not_ok "$name: exit status $got, the guide expects $want" \
				"$tmp/out.$i"
		fi
		last=$i
		;;
	text:*)
		if [ "$adjacent" = 1 ] && [ -n "$last" ] &&
			[ "$last" -eq $((i - 1)) ]; then
			if [ "$french" != yes ]; then
				skip "block $i: the output block $last quotes" "$french"
			elif quoted "$tmp/blocks/$i" "$tmp/out.$last"; then
				ok "block $i: the output of block $last as quoted"
			else
				sed -i '1i not in the output:' "$tmp/missing"
				{
					cat "$tmp/missing"
					echo "output:"
					head -20 "$tmp/out.$last"
				} >"$tmp/why"
				not_ok "block $i: the output of block $last as quoted" \
					"$tmp/why"
			fi
		fi
		last=
		;;
	*)
		last=
		;;
	esac
done <"$tmp/list"

# 3. The illustration of part 3: the example form with the two mistakes
# the guide describes (a French date line 77, "canneaux" line 283) gets
# the messages it shows.
blk=$(grep -l 'vouliez-vous dire « canaux »' "$tmp/blocks"/* | head -n 1)
if [ -z "$blk" ] || [ ! -s "$tmp/work/exemple.yaml" ]; then
	not_ok "the guide shows the example with two mistakes"
elif [ "$french" != yes ]; then
	skip "the example with two mistakes" "$french"
else
	mkdir -p "$tmp/ex"
	sed '77s|2026-01-12|12/01/2026|; 283s|canaux:|canneaux:|' \
		"$tmp/work/exemple.yaml" >"$tmp/ex/exemple.yaml"
	(cd "$tmp/ex" && paraphe validate exemple.yaml) >"$tmp/ex.out" 2>&1
	if quoted "$blk" "$tmp/ex.out"; then
		ok "the example with two mistakes gets the messages shown"
	else
		cat "$tmp/ex.out" >>"$tmp/missing"
		not_ok "the example with two mistakes gets the messages shown" \
			"$tmp/missing"
	fi
fi

# 4. What the guide promises beyond the commands' statuses.
if [ -s "$tmp/work/kits/8mars-2026/recapitulatif.csv" ]; then
	head -n 1 "$tmp/work/kits/8mars-2026/recapitulatif.csv" |
		sed 's/^\xef\xbb\xbf//' | tr ';' '\n' | tr -d '\r' >"$tmp/columns"
	sed -n 's/^| `\([a-z_]*\)` | .*/\1/p' "$guide" >"$tmp/guide-columns"
	if diff "$tmp/columns" "$tmp/guide-columns" >"$tmp/diff"; then
		ok "the guide's table names every column of recapitulatif.csv"
	else
		not_ok "the guide's table names every column of recapitulatif.csv" \
			"$tmp/diff"
	fi
else
	not_ok "the guide's kit wrote recapitulatif.csv"
fi
if grep -q '(doc/guide.md)' "$root/README.md"; then
	ok "the README links to the guide"
else
	not_ok "the README links to the guide"
fi
done_testing
