#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
# The bash completion (tools/paraphe.bash-completion) in a bash that sourced
# it: COMP_WORDS and COMP_CWORD set as bash sets them, _paraphe called,
# COMPREPLY checked.  Usage: completion.sh PARAPHE; run from the source root
# with PARAPHE_DATADIR set (meson does both).  TAP.
set -u
paraphe=$(readlink -f "$1")
root=$PWD
# shellcheck source=tools/paraphe.bash-completion
source "$root/tools/paraphe.bash-completion" || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

# complete WORD... : COMPREPLY for the command line WORD..., the cursor on
# the last word ("" for a new word).
complete_words() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_paraphe 2>"$tmp/stderr"
	printf '%s\n' "${COMPREPLY[@]}" | sort >"$tmp/reply"
}

report() { # report NAME CONDITION-STATUS: a failure shows the reply
	{
		echo "  COMP_WORDS: ${COMP_WORDS[*]}"
		sed 's/^/  reply: /' "$tmp/reply"
		sed 's/^/  stderr: /' "$tmp/stderr"
	} >"$tmp/why"
	result "$2" "$1" "$tmp/why"
}

has() { # has NAME WORD...: the reply holds every WORD
	local name=$1 w st=0
	shift
	for w in "$@"; do
		grep -qxF -- "$w" "$tmp/reply" || st=1
	done
	report "$name" $st
}

lacks() { # lacks NAME WORD...: the reply holds no WORD
	local name=$1 w st=0
	shift
	for w in "$@"; do
		grep -qxF -- "$w" "$tmp/reply" && st=1
	done
	report "$name" $st
}

exactly() { # exactly NAME WORD...: the reply is WORD... and nothing else
	local name=$1 st=0
	shift
	printf '%s\n' "$@" | sort | diff - "$tmp/reply" >/dev/null || st=1
	report "$name" $st
}

report "the script defines the completion" \
	"$(complete -p paraphe 2>/dev/null | grep -q _paraphe; echo $?)"

# Commands and global options.
complete_words "$paraphe" ""
has "commands" validate render kit check watch init models schema source diff
complete_words "$paraphe" "re"
exactly "a command's beginning" render
complete_words "$paraphe" "--"
exactly "global long options" --help --version

# Options of each command.
complete_words "$paraphe" render "--"
has "render options" --format --output --model --charte --help
lacks "render has no check options" --strict --shard
complete_words "$paraphe" kit "--"
has "kit options" --output --jobs --only --force --shard --merge \
	--charte --quiet
complete_words "$paraphe" check "-"
has "check options" -f --format -s --strict -c --charte
complete_words "$paraphe" watch "--"
has "watch options" --output --format --apercu --charte --help
complete_words "$paraphe" watch form.yaml -f "pdf,"
has "watch -f: formats, as for render" pdf,odt pdf,png
complete_words "$paraphe" source "--"
has "source options" --output --force --help
complete_words "$paraphe" diff "--"
has "diff options" --model --format --help
complete_words "$paraphe" diff --format ""
exactly "diff formats" json text
complete_words "$paraphe" validate "--q"
exactly "validate --q" --quiet

# Option values.
complete_words "$paraphe" render -f "p"
exactly "formats" pdf png
complete_words "$paraphe" render --format "pdf,"
has "a list of formats goes on after a comma" pdf,odt pdf,png pdf,xml
lacks "a format is not offered twice" pdf,pdf
# The formats come from paraphe's own table ("paraphe formats").
mapfile -t table < <("$paraphe" formats)
report "paraphe formats lists the formats" $((${#table[@]} > 0 ? 0 : 1))
complete_words "$paraphe" render -f ""
exactly "render -f: every format of the table" "${table[@]}"
complete_words "$paraphe" check --format ""
exactly "check formats" json text

# Model and charter names, from the data folder.
complete_words "$paraphe" init ""
has "init: the models" convention fiche-projet
lacks "init: not the campaign model (no template)" campagne
complete_words "$paraphe" init convention ""
exactly "init convention: then the fiche projet, for one form" fiche-projet
complete_words "$paraphe" init fiche-projet ""
exactly "init fiche-projet: then the convention" convention
complete_words "$paraphe" init convention fiche-projet ""
exactly "init takes two models at most" 
complete_words "$paraphe" init --ex
exactly "init --example" --example
complete_words "$paraphe" schema ""
has "schema: the models and the campaign" convention fiche-projet campagne
complete_words "$paraphe" render form.yaml -c ""
has "charters" etat
complete_words "$paraphe" check --charte "e"
has "charter's beginning" etat
complete_words "$paraphe" validate --model "fi"
has "validate --model" fiche-projet
complete_words "$paraphe" render --model = "fi"
has "--model=NAME, as bash splits it" fiche-projet
complete_words "$paraphe" render --model=fi
has "--model=NAME in one word" fiche-projet

# File names.
mkdir -p "$tmp/files/sous-dossier"
touch "$tmp/files/a.yaml" "$tmp/files/b.yml" "$tmp/files/c.txt" \
	"$tmp/files/d.pdf" "$tmp/files/e.ODT"
cd "$tmp/files" || exit 1
complete_words "$paraphe" validate ""
has "validate: forms and folders" a.yaml b.yml sous-dossier
lacks "validate: not other files" c.txt d.pdf
complete_words "$paraphe" render -o ""
exactly "render -o: folders" sous-dossier
complete_words "$paraphe" check ""
has "check: documents" d.pdf e.ODT
lacks "check: not other files" c.txt
complete_words "$paraphe" kit --merge ""
exactly "kit --merge: folders" sous-dossier
complete_words "$paraphe" render --charte "./"
has "--charte with a path: folders and charter files" ./sous-dossier ./a.yaml
complete_words "$paraphe" render --model "zz"
exactly "--model: no such model, then folders" 
cd "$root" || exit 1

# The data folder as an installed paraphe finds it: share/paraphe beside
# bin/, without PARAPHE_DATADIR.
mkdir -p "$tmp/prefix/bin" "$tmp/prefix/share/paraphe/models/essai" \
	"$tmp/prefix/share/paraphe/models/campagne" \
	"$tmp/prefix/share/paraphe/charte/ministere-essai"
touch "$tmp/prefix/share/paraphe/charte/ministere-essai/charte.yaml" \
	"$tmp/prefix/share/paraphe/models/campagne/schema.yaml"
# shellcheck disable=SC2016
printf '#!/bin/sh\n[ "$1" = models ] && echo "essai            Essai"\n' \
	>"$tmp/prefix/bin/paraphe"
chmod +x "$tmp/prefix/bin/paraphe"
saved_datadir=${PARAPHE_DATADIR-}
unset PARAPHE_DATADIR
complete_words "$tmp/prefix/bin/paraphe" render -c ""
exactly "installed: charters under ../share/paraphe" ministere-essai
complete_words "$tmp/prefix/bin/paraphe" init ""
exactly "installed: models from paraphe models" essai
complete_words "$tmp/prefix/bin/paraphe" schema ""
exactly "installed: schema models" campagne essai
# A build folder inside the source tree finds the source tree.
if [[ $paraphe == "$root"/* ]]; then
	complete_words "$paraphe" render -c ""
	has "build tree: charters of the source tree" etat
else
	skip "build tree: charters" "build folder outside the source tree"
fi

# paraphe run from the source root as ./build/src/paraphe or
# build/src/paraphe: a relative path in COMP_WORDS[0], no PARAPHE_DATADIR.
if [[ $paraphe == "$root"/* ]]; then
	rel=${paraphe#"$root"/}
	for exe in "./$rel" "$rel"; do
		complete_words "$exe" render -c ""
		has "$exe render -c: the charters" etat
		complete_words "$exe" init ""
		has "$exe init: the models" convention fiche-projet
		complete_words "$exe" render -f "o"
		exactly "$exe render -f o: the formats" odt
	done
	# In an interactive bash, as a user types it: bash finds the
	# completion of "paraphe" for a command typed as a path.
	if command -v python3 >/dev/null 2>&1; then
		python3 - "./$rel" "$root/tools/paraphe.bash-completion" \
			>"$tmp/pty" 2>&1 <<'PY'
import os, pty, select, sys, time
exe, script = sys.argv[1], sys.argv[2]
pid, fd = pty.fork()
if pid == 0:
    os.execvp("bash", ["bash", "--norc", "--noprofile", "-i"])
def read(seconds):
    out, end = b"", time.time() + seconds
    while time.time() < end:
        if select.select([fd], [], [], 0.1)[0]:
            try:
                out += os.read(fd, 4096)
            except OSError:
                break
    return out
read(0.5)
os.write(fd, b"PS1='$ '; source '" + script.encode() + b"'\n")
read(1)
os.write(fd, exe.encode() + b" rend\t")
sys.stdout.write(read(3).decode(errors="replace"))
os.write(fd, b"\x03exit\n")
read(0.5)
PY
		if grep -qF "$rel render " "$tmp/pty"; then
			report "interactive bash: ./$rel rend<TAB> gives render" 0
		else
			cp "$tmp/pty" "$tmp/reply"
			: >"$tmp/stderr"
			report "interactive bash: ./$rel rend<TAB> gives render" 1
		fi
	else
		skip "interactive bash completion" "python3 is missing"
	fi
else
	skip "relative paths" "build folder outside the source tree"
fi
export PARAPHE_DATADIR=$saved_datadir

done_testing
