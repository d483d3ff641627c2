#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# The French interface: the same commands in French and in English.
#   i18n.sh PARAPHE [SOURCE-ROOT]
# Run from the source root with PARAPHE_DATADIR and PARAPHE_LOCALEDIR set
# (meson does all three: PARAPHE_LOCALEDIR is <builddir>/po, where the
# catalogue is built as fr/LC_MESSAGES/paraphe.mo).  With SOURCE-ROOT, also
# checks that po/fr.po translates every message of the current sources.
# The French checks are skipped when the fr_FR.UTF-8 locale is missing
# (tools/setup generates it).
set -u
paraphe=$1
srcroot=${2:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
form=tests/golden/diag/five-mistakes.yaml

. "$(dirname "$0")/tap.sh"

# Run a command in French (as a user with LANG=fr_FR.UTF-8 and the
# LANGUAGE=fr of a desktop session) or in English (LANG=C).
fr() { env LANGUAGE=fr LANG=fr_FR.UTF-8 LC_ALL=fr_FR.UTF-8 "$@"; }
fr_lang_only() { env -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=fr_FR.UTF-8 "$@"; }
en() { env -u LANGUAGE -u LC_MESSAGES LANG=C LC_ALL=C "$@"; }

lacks() { # lacks NAME FILE TEXT: TEXT is not in FILE
	if grep -qF -- "$3" "$2"; then
		not_ok "$1: \"$3\" found" "$2"
	else
		ok "$1"
	fi
}

# --- English ----------------------------------------------------------
expect_status "--help in English" 0 en "$paraphe" --help
expect_text "the English help" "$tmp/out" "Usage:" "Commands:" "validate FORM"
expect_status "a bad form in English" 1 en "$paraphe" validate "$form"
expect_text "English diagnostics" "$tmp/err" ": error: partenaire.siren: " \
	"this SIREN fails its check digit" "[bad-format]" ": 5 errors"

# --- French -----------------------------------------------------------
french=yes
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	french="the fr_FR.UTF-8 locale is missing (tools/setup generates it)"
elif [ ! -f "${PARAPHE_LOCALEDIR:-}/fr/LC_MESSAGES/paraphe.mo" ]; then
	not_ok "the catalogue is built: no" \
		"${PARAPHE_LOCALEDIR:-\$PARAPHE_LOCALEDIR}/fr/LC_MESSAGES/paraphe.mo"
	french="no compiled catalogue"
fi

if [ "$french" = yes ]; then
	expect_status "--help in French" 0 fr "$paraphe" --help
	expect_text "the French help" "$tmp/out" "Utilisation" "Commandes" \
		"validate FORMULAIRE" "affiche cette aide"
	lacks "no English left in the help" "$tmp/out" "Commands:"
	expect_status "validate --help in French" 0 fr "$paraphe" validate --help
	expect_text "the French validate help" "$tmp/out" "Code de retour" \
		"FICHIER:LIGNE:COLONNE: erreur: CLÉ: message"
	expect_status "a bad form in French" 1 fr "$paraphe" validate "$form"
	# The shape FILE:LINE:COL: SEVERITY: PATH: message [code] stays; the
	# codes in brackets are not translated.
	expect_text "French diagnostics" "$tmp/err" ": erreur: partenaire.siren: " \
		"ce SIREN ne passe pas le contrôle" "[bad-format]" \
		"[out-of-range]" "5 erreurs"
	lacks "no English left in the diagnostics" "$tmp/err" ": error: "
	# Each YAML mistake of the golden set is explained in French: its
	# message differs from the English one, and no English of libyaml's
	# ("did not find expected key, while parsing a block mapping") is
	# left in it or in its note.
	for f in tests/golden/diag/yaml-*.yaml; do
		name=${f##*/}
		en "$paraphe" validate -q "$f" >/dev/null 2>"$tmp/en.err"
		fr "$paraphe" validate -q "$f" >/dev/null 2>"$tmp/fr.err"
		en_msg=$(sed -n '1s/^[^ ]*: error: //p' "$tmp/en.err")
		fr_msg=$(sed -n '1s/^[^ ]*: erreur: //p' "$tmp/fr.err")
		if [ -n "$fr_msg" ] && [ "$fr_msg" != "$en_msg" ] &&
			! grep -q -e 'did not find' -e 'while parsing' \
				-e 'while scanning' -e 'noticed it' \
				-e 'not allowed' "$tmp/fr.err"; then
			ok "$name explained in French"
		else
			not_ok "$name explained in French" "$tmp/fr.err"
		fi
	done
	expect_status "LANG=fr_FR.UTF-8 alone is enough" 1 fr_lang_only "$paraphe" \
		validate "$form"
	expect_text "French under LANG alone" "$tmp/err" ": erreur: " "5 erreurs"
	# Coherence warnings and their notes, and --strict, in French.
	coh=tests/golden/diag/coherence-dates.yaml
	expect_status "coherence warnings in French" 0 fr "$paraphe" validate \
		-q "$coh"
	expect_text "French coherence warnings" "$tmp/err" \
		": avertissement: contenu.date_bat: le bon à tirer (BAT)" \
		"jours de validation préalable" \
		": note: contenu.periode_relais.debut: le relais commence ici" \
		"[approval-too-late]" "6 avertissements"
	lacks "no English left in the warnings" "$tmp/err" ": warning: "
	expect_status "the reserve period in French" 0 fr "$paraphe" validate \
		-q tests/golden/diag/reserve-electorale.yaml
	expect_text "French reserve-period warning" "$tmp/err" \
		"le relais (du 2026-03-01 au 2026-03-10) tombe pendant la période de réserve électorale (élections municipales des 15 et 22" \
		"sur tout le territoire : aucun événement public avec un membre du Gouvernement" \
		"note: l'élection dans le calendrier électoral"
	expect_status "--strict in French" 1 fr "$paraphe" validate -q \
		--strict "$coh"
	expect_text "French --strict" "$tmp/err" \
		"que --strict compte comme des erreurs"
	expect_status "an unknown command in French" 2 fr "$paraphe" frobnicate
	expect_text "the French usage error" "$tmp/err" "commande" "inconnue"
	expect_status "a valid form in French" 0 fr "$paraphe" validate \
		examples/mobilite-verte.yaml
	expect_text "the French summary" "$tmp/out" "formulaire valide"
	# Numbers in charters, forms and outputs keep their decimal point
	# whatever the language: the layout is the same byte for byte.
	expect_status "render a layout in English" 0 en "$paraphe" render \
		examples/mobilite-verte.yaml -m convention -f layout -o "$tmp/en"
	expect_status "render a layout in French" 0 fr "$paraphe" render \
		examples/mobilite-verte.yaml -m convention -f layout -o "$tmp/fr"
	if cmp -s "$tmp/en/convention.layout" "$tmp/fr/convention.layout"; then
		ok "the French locale does not change numbers"
	else
		diff "$tmp/en/convention.layout" "$tmp/fr/convention.layout" \
			>"$tmp/diff" 2>&1
		not_ok "the French locale does not change numbers" "$tmp/diff"
	fi
else
	for name in "--help in French" "a bad form in French" \
		"LANG=fr_FR.UTF-8 alone is enough" "the French locale does not change numbers"; do
		skip "$name" "$french"
	done
fi

# --- po/fr.po against the current sources -------------------------------
if [ -z "$srcroot" ]; then
	skip "po/fr.po is complete" "no source root given"
elif ! command -v xgettext >/dev/null || ! command -v msgmerge >/dev/null; then
	skip "po/fr.po is complete" "xgettext or msgmerge missing (package gettext)"
else
	# Every source file with strings is in po/POTFILES.
	missing=$(cd "$srcroot" && grep -l -e '_(' -e 'ngettext(' src/*.c |
		while read -r f; do
			grep -qx "$f" po/POTFILES || echo "$f"
		done)
	if [ -z "$missing" ]; then
		ok "po/POTFILES lists every source file with strings"
	else
		echo "$missing" >"$tmp/missing"
		not_ok "po/POTFILES lists every source file with strings" \
			"$tmp/missing"
	fi
	# The same extraction as po/meson.build, then fr.po merged into it.
	(cd "$srcroot" && xgettext --language=C --from-code=UTF-8 \
		--keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=X:4 \
		-f po/POTFILES -o "$tmp/paraphe.pot") 2>"$tmp/xgettext.err"
	if msgmerge --quiet -o "$tmp/fr.po" "$srcroot/po/fr.po" \
		"$tmp/paraphe.pot" 2>"$tmp/msgmerge.err"; then
		msgfmt --statistics -o /dev/null "$tmp/fr.po" 2>"$tmp/stats"
		if ! grep -q -e fuzzy -e untranslated "$tmp/stats"; then
			ok "po/fr.po translates every message of the sources"
		else
			msgattrib --untranslated --no-obsolete "$tmp/fr.po" \
				>"$tmp/lagging" 2>/dev/null
			msgattrib --only-fuzzy --no-obsolete "$tmp/fr.po" \
				>>"$tmp/lagging" 2>/dev/null
			grep -v '^"[A-Z][-A-Za-z]*: .*\\n"$' "$tmp/lagging" |
				grep -v '^#' >>"$tmp/stats"
			not_ok "po/fr.po translates every message of the sources" \
				"$tmp/stats"
			echo "# update it: ninja -C BUILD paraphe-pot paraphe-update-po, then translate"
		fi
	else
		not_ok "po/fr.po merges with the sources" "$tmp/msgmerge.err"
	fi
	if msgfmt --check -o /dev/null "$srcroot/po/fr.po" 2>"$tmp/msgfmt.err"; then
		ok "msgfmt --check po/fr.po"
	else
		not_ok "msgfmt --check po/fr.po" "$tmp/msgfmt.err"
	fi
fi

done_testing
