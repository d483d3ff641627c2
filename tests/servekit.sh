#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe serve: campaign kits (issue 17, the "Campagnes" page and
# /api/v1/kits, doc/api.md).  A campaign of three partners
# (tests/data/campagne-serve) is uploaded, followed to its end, and its ZIP
# holds each partner's PDF and ODT, the same as "paraphe kit" writes, and is
# the same bytes the second time; a partner that fails is reported with its
# message, a campaign the kit cannot use with its line; uploads that name a
# server path, a file not sent, a broken table, the wrong type, too many or
# too large files are refused with their status and a French message; the
# page needs its CSRF token and sends the browser to the kit's page; a full
# queue is 503; kits stopped with the server, or lost with it, are listed
# as interrupted after a restart.  Nothing depends on timing: the queue and
# the stop use a worker that waits for the test's go-ahead.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
pids=
trap 'touch "$tmp/go"; for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

for tool in curl unzip pdfinfo; do
	command -v $tool >/dev/null 2>&1 ||
		skip_all "$tool is not installed (tools/setup test installs it)"
done

c=tests/data/campagne-serve
campaign=8mars-2026
partners='club-sportif-avenir mobilite-verte supermarches-horizon'

. "$(dirname "$0")/serve-lib.sh"

# The three files the campaign names, as curl sends them.
files="-F fichiers=@$c/partenaires.csv -F fichiers=@$c/mobilite-verte.svg
-F fichiers=@$c/supermarches-horizon.png"

# finished ID: waits (twice wait_for's time) for kit ID to end; its JSON
# in $tmp/kit.json.
finished() {
	_end="curl -s '$url/api/v1/kits/$1' >'$tmp/kit.json' &&
		! grep -q '\"status\": \"running\"' '$tmp/kit.json'"
	wait_for "$_end" || wait_for "$_end"
}

if start main; then
	ok "the server starts"
else
	not_ok "the server starts" "$tmp/main.log"
	done_testing
	exit
fi
main_pid=$pid

# --- The page ----------------------------------------------------------------
expect_http "GET /campagnes is 200" 200 GET /campagnes
expect_text "the page is in French, with its form and labels" \
	"$tmp/req.body" '<html lang="fr">' '<h1>Campagnes</h1>' \
	'enctype="multipart/form-data"' '<label for="campagne">' \
	'<label for="fichiers">' 'Aucun kit pour l’instant.'
expect_http "GET / is 200" 200 GET /
expect_text "the drafts page links to the Campagnes page" "$tmp/req.body" \
	'<a href="/campagnes">'

# --- A kit through the API ---------------------------------------------------
expect_http "POST /api/v1/kits is 202" 202 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files
expect_text "with the kit's URL" "$tmp/req.body" '"url": "/api/v1/kits/1"'
expect_text "and its Location" "$tmp/req.head" 'Location: /api/v1/kits/1'
if finished 1; then
	ok "the kit ends"
else
	not_ok "the kit ends" "$tmp/main.log"
fi
expect_text "it is done, with its progress: 3 partners of 3" \
	"$tmp/kit.json" '"status": "done"' '"campaign": "8mars-2026"' \
	'"done": 3, "total": 3' '"zip": "/api/v1/kits/1/zip"'
for p in $partners; do
	expect_re "partner $p is built and checked" "$tmp/kit.json" \
		"\"id\": \"$p\".*\"status\": \"built\", \"conformity\": \"conforme\""
done
expect_re "each partner's warnings are given with their position" \
	"$tmp/kit.json" '"warnings": \[\{"code": "election-reserve", "path": "contenu.periode_relais", "position": "campagne.yaml:[0-9]+:5", "message": "le relais'

expect_http "GET /api/v1/kits/1/zip is 200" 200 GET /api/v1/kits/1/zip
cp "$tmp/req.body" "$tmp/kit1.zip"
expect_text "as application/zip, named after the campaign" "$tmp/req.head" \
	'Content-Type: application/zip' "filename=\"kit-$campaign.zip\""
unzip -l "$tmp/kit1.zip" >"$tmp/list" 2>&1
expect_text "the ZIP has the kit's manifest and table" "$tmp/list" \
	"$campaign/manifest.json" "$campaign/recapitulatif.csv"
for p in $partners; do
	expect_text "the ZIP has $p's PDF and ODT" "$tmp/list" \
		"$campaign/$p/convention.pdf" "$campaign/$p/convention.odt"
done
expect_re "the ZIP is dated with the campaign's highlight" "$tmp/list" \
	'2026-03-08 00:00'

# The same documents as the command line's kit, page for page.
mkdir -p "$tmp/cli" "$tmp/unz"
(cd $c && "$paraphe" kit campagne.yaml -o "$tmp/cli" -q) >/dev/null 2>&1
(cd "$tmp/unz" && unzip -q "$tmp/kit1.zip")
for p in $partners; do
	zp=$(pdfinfo "$tmp/unz/$campaign/$p/convention.pdf" 2>/dev/null |
		sed -n 's/^Pages: *//p')
	cp=$(pdfinfo "$tmp/cli/$campaign/$p/convention.pdf" 2>/dev/null |
		sed -n 's/^Pages: *//p')
	if [ -n "$zp" ] && [ "$zp" = "$cp" ] && [ "$zp" -ge 2 ]; then
		ok "$p's PDF has its $zp pages, as the command line's"
	else
		echo "ZIP: '$zp' pages, command line: '$cp'" >"$tmp/why"
		not_ok "$p's PDF has its pages, as the command line's" "$tmp/why"
	fi
	if cmp -s "$tmp/unz/$campaign/$p/convention.pdf" \
		"$tmp/cli/$campaign/$p/convention.pdf" &&
		cmp -s "$tmp/unz/$campaign/$p/convention.odt" \
			"$tmp/cli/$campaign/$p/convention.odt"; then
		ok "$p's PDF and ODT are the command line's bytes"
	else
		not_ok "$p's PDF and ODT are the command line's bytes"
	fi
done
if grep -rqs "$PWD\|$tmp" "$tmp/unz/$campaign/manifest.json" \
	"$tmp/unz/$campaign/recapitulatif.csv"; then
	not_ok "the ZIP's indexes name no server folder"
else
	ok "the ZIP's indexes name no server folder"
fi

expect_http "GET /api/v1/kits/1/manifest is 200" 200 GET \
	/api/v1/kits/1/manifest
expect_text "it is the kit's manifest" "$tmp/req.body" \
	"\"campagne\" : \"$campaign\"" '"sha256"'
expect_http "GET /api/v1/kits lists the kits" 200 GET /api/v1/kits
expect_text "the kit is listed" "$tmp/req.body" '"id": 1, "status": "done"'

# The same upload again: the same ZIP, byte for byte.
http k2 POST /api/v1/kits -F campagne=@$c/campagne.yaml $files
if finished 2 && http z2 GET /api/v1/kits/2/zip &&
	cmp -s "$tmp/z2.body" "$tmp/kit1.zip"; then
	ok "the same campaign gives the same ZIP, byte for byte"
else
	not_ok "the same campaign gives the same ZIP, byte for byte"
fi

# A partner whose form has an error: the others are built.
mkdir -p "$tmp/siren"
sed 's/;918456203;/;918456204;/' $c/partenaires.csv >"$tmp/siren/partenaires.csv"
expect_http "a campaign with a wrong SIREN is 202" 202 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml -F fichiers=@"$tmp/siren/partenaires.csv" \
	-F fichiers=@$c/mobilite-verte.svg -F fichiers=@$c/supermarches-horizon.png
finished 3
expect_re "that partner failed, with its message at its place" \
	"$tmp/kit.json" '"id": "supermarches-horizon".*"status": "failed".*"errors": \[\{"message": "(\./)?partenaires.csv:3:[0-9]+: erreur: [^"]*partenaire.siren[^"]*SIREN'
expect_re "the others are built" "$tmp/kit.json" \
	'"id": "mobilite-verte", "name": "[^"]*", "status": "built"'
expect_http "the page of that kit is 200" 200 GET /campagnes/3
expect_text "it shows the error on the partner's row, the ZIP to download" \
	"$tmp/req.body" '<span class="erreur">Erreur' 'partenaires.csv:3:' \
	'1 en échec' 'href="/api/v1/kits/3/zip"' 'Le kit est prêt.'

# A campaign the kit cannot use: the kit fails with its line.
sed 's/^  id: "8mars-2026"/  id: "8 MARS"/' $c/campagne.yaml >"$tmp/campagne.yaml"
id_line=$(grep -n '^  id: "8 MARS"' "$tmp/campagne.yaml" | cut -d: -f1)
expect_http "a campaign with a wrong id is 202 (the kit judges it)" 202 \
	POST /api/v1/kits -F campagne=@"$tmp/campagne.yaml" $files
finished 4
expect_text "the kit failed, saying where" "$tmp/kit.json" \
	'"status": "failed"' "campagne.yaml:$id_line:"
expect_http "a failed kit has no ZIP (404)" 404 GET /api/v1/kits/4/zip
expect_http "the page of a failed kit is 200" 200 GET /campagnes/4
expect_text "it says nothing was produced, and why" "$tmp/req.body" \
	'aucun document n’a été produit' "campagne.yaml:$id_line:"

# --- Refused uploads -----------------------------------------------------------
sed 's|^partenaires: "partenaires.csv"|partenaires: "/etc/passwd"|' \
	$c/campagne.yaml >"$tmp/campagne.yaml"
line=$(grep -n '^partenaires:' "$tmp/campagne.yaml" | cut -d: -f1)
expect_http "a campaign naming a server path is 422" 422 POST /api/v1/kits \
	-F campagne=@"$tmp/campagne.yaml" $files
expect_text "the message gives the line and asks for a file name" \
	"$tmp/req.body" "campagne.yaml, ligne $line" '« /etc/passwd »' \
	'seul nom de fichier'
sed 's|^partenaires: "partenaires.csv"|partenaires: "../../paraphe.db"|' \
	$c/campagne.yaml >"$tmp/campagne.yaml"
expect_http "a campaign naming ../ is 422" 422 POST /api/v1/kits \
	-F campagne=@"$tmp/campagne.yaml" $files
sed 's/;mobilite-verte.svg;/;..\/logos\/mobilite-verte.svg;/' \
	$c/partenaires.csv >"$tmp/siren/partenaires.csv"
expect_http "a table naming a folder is 422" 422 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml -F fichiers=@"$tmp/siren/partenaires.csv" \
	-F fichiers=@$c/mobilite-verte.svg -F fichiers=@$c/supermarches-horizon.png
expect_text "at its row" "$tmp/req.body" 'partenaires.csv, ligne 2'
expect_http "a logo not sent is 422" 422 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml -F fichiers=@$c/partenaires.csv
expect_text "the message names it" "$tmp/req.body" \
	'« mobilite-verte.svg » n’a pas été déposé'
# A partner form sent with the campaign is read too: a logo it names
# but that was not sent is refused now, at the form's line.
sed 's/^mobilite-verte;signee;;/mobilite-verte;signee;formulaire.yaml;/' \
	$c/partenaires.csv >"$tmp/siren/partenaires.csv"
printf 'partenaire:\n  logo:\n    fichier: "absent.svg"\n' >"$tmp/formulaire.yaml"
expect_http "a partner form naming a logo not sent is 422" 422 POST \
	/api/v1/kits -F campagne=@$c/campagne.yaml \
	-F fichiers=@"$tmp/siren/partenaires.csv" -F fichiers=@"$tmp/formulaire.yaml" \
	-F fichiers=@$c/mobilite-verte.svg -F fichiers=@$c/supermarches-horizon.png
expect_text "the message names the form, its line and the logo" \
	"$tmp/req.body" 'formulaire.yaml, ligne 3' '« absent.svg » n’a pas été déposé'
printf 'partenaire:\n  logo:\n    fichier: "/etc/passwd"\n' >"$tmp/formulaire.yaml"
expect_http "a partner form naming a server path is 422" 422 POST \
	/api/v1/kits -F campagne=@$c/campagne.yaml \
	-F fichiers=@"$tmp/siren/partenaires.csv" -F fichiers=@"$tmp/formulaire.yaml" \
	-F fichiers=@$c/mobilite-verte.svg -F fichiers=@$c/supermarches-horizon.png
expect_text "asking for a file name alone" "$tmp/req.body" \
	'formulaire.yaml, ligne 3' 'seul nom de fichier'
printf 'partenaire: [pas fermé\n' >"$tmp/formulaire.yaml"
expect_http "a partner form that is not YAML is 422" 422 POST \
	/api/v1/kits -F campagne=@$c/campagne.yaml \
	-F fichiers=@"$tmp/siren/partenaires.csv" -F fichiers=@"$tmp/formulaire.yaml" \
	-F fichiers=@$c/mobilite-verte.svg -F fichiers=@$c/supermarches-horizon.png
expect_text "naming it, with its line" "$tmp/req.body" \
	'Le formulaire formulaire.yaml ne peut pas être lu' 'formulaire.yaml:'
printf 'id;partenaire.denomination\nx;"pas fermé\n' >"$tmp/siren/partenaires.csv"
expect_http "a table that cannot be read is 422" 422 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml -F fichiers=@"$tmp/siren/partenaires.csv"
expect_text "with its line and column" "$tmp/req.body" \
	'Le tableau ne peut pas être lu' 'partenaires.csv:2:2:'
printf 'version: 1\ncampagne: [pas fermé\n' >"$tmp/campagne.yaml"
expect_http "a campaign that is not YAML is 422" 422 POST /api/v1/kits \
	-F campagne=@"$tmp/campagne.yaml"
expect_text "with its line" "$tmp/req.body" 'campagne.yaml:'
expect_http "an image as the campaign is 415" 415 POST /api/v1/kits \
	-F campagne=@$c/supermarches-horizon.png
expect_text "saying a YAML file is wanted" "$tmp/req.body" \
	'doit être un fichier YAML'
printf '%%PDF-1.4\n' >"$tmp/document.pdf"
expect_http "a PDF among the files is 415" 415 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files -F fichiers=@"$tmp/document.pdf"
expect_text "the message names it and what is accepted" "$tmp/req.body" \
	'« document.pdf » n’est pas accepté'
printf 'not a PNG' >"$tmp/faux.png"
expect_http "a .png that is not a PNG is 415" 415 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files -F fichiers=@"$tmp/faux.png"
expect_http "a campaign not sent as multipart is 415" 415 POST \
	/api/v1/kits -H Content-Type:application/yaml \
	--data-binary @$c/campagne.yaml
expect_http "no campaign file is 422" 422 POST /api/v1/kits $files
expect_text "asking for it" "$tmp/req.body" 'Choisissez le fichier de campagne'
{
	printf '\211PNG\r\n\032\n'
	head -c 5300000 /dev/zero
} >"$tmp/grand.png"
expect_http "a logo over 5 MB is 413" 413 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files -F fichiers=@"$tmp/grand.png"
expect_text "the message names it and the limit" "$tmp/req.body" \
	'« grand.png » est trop volumineux' '5 Mo'
many=
for k in $(seq 1 64); do # not n: tap.sh's count
	printf 'n;%s\n' "$k" >"$tmp/t$k.csv"
	many="$many -F fichiers=@$tmp/t$k.csv"
done
# shellcheck disable=SC2086
expect_http "64 files besides the campaign are 413" 413 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $many
expect_text "the message gives the limit" "$tmp/req.body" \
	'Trop de fichiers' '64 au plus'
head -c 34000000 /dev/zero >"$tmp/huge.csv"
expect_http "an upload over 32 MiB is 413" 413 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml -F fichiers=@"$tmp/huge.csv"

expect_http "an unknown kit is 404" 404 GET /api/v1/kits/99
expect_http "the ZIP of an unknown kit is 404" 404 GET /api/v1/kits/99/zip
expect_http "PUT on a kit is 405" 405 PUT /api/v1/kits/1
expect_http "PUT on /campagnes is 405" 405 PUT /campagnes
expect_http "an unknown kit's page is 404" 404 GET /campagnes/99

# --- The page's upload ---------------------------------------------------------
expect_http "an upload without the CSRF token is 403" 403 POST /campagnes \
	-F campagne=@$c/campagne.yaml $files
csrf=$(curl -s "$url/campagnes" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
expect_http "an upload from the page is 303 to the kit's page" 303 POST \
	/campagnes -F csrf="$csrf" -F campagne=@$c/campagne.yaml $files
expect_text "the kit's page" "$tmp/req.head" 'Location: /campagnes/5'
finished 5
expect_http "the kit's page is 200" 200 GET /campagnes/5
expect_text "it gives the summary and the downloads" "$tmp/req.body" \
	'Récapitulatif' '3 partenaires' '3 produits, 0 en échec' \
	'href="/api/v1/kits/5/zip"' 'href="/api/v1/kits/5/manifest"' \
	'Mobilité Verte SAS' 'conforme'
expect_http "a refused upload from the page is 422" 422 POST /campagnes \
	-F csrf="$csrf" -F campagne=@$c/campagne.yaml -F fichiers=@$c/partenaires.csv
expect_text "the page says why, in French, as an alert" "$tmp/req.body" \
	'role="alert"' 'La campagne n’a pas été acceptée.' \
	'« mobilite-verte.svg » n’a pas été déposé'
expect_http "the list page is 200" 200 GET /campagnes
expect_text "it lists the kits" "$tmp/req.body" \
	'<a href="/campagnes/5">campagne.yaml</a>' 'Prêt' 'Échec'

# --- Deleting kits -------------------------------------------------------------
expect_http "DELETE /api/v1/kits/2 is 204" 204 DELETE /api/v1/kits/2
expect_http "then it is 404" 404 GET /api/v1/kits/2
if [ -d "$tmp/main/campagnes/1" ] && [ ! -e "$tmp/main/campagnes/2" ]; then
	ok "its files are gone from the data folder, the others' stay"
else
	not_ok "its files are gone from the data folder, the others' stay"
fi
expect_http "deleting it again is 404" 404 DELETE /api/v1/kits/2
expect_http "the kit's page offers to delete it" 200 GET /campagnes/4
expect_text "with a button" "$tmp/req.body" \
	'action="/campagnes/4/supprimer"' 'Supprimer ce kit'
expect_http "deleting from the page without the CSRF token is 403" 403 \
	POST /campagnes/4/supprimer -d x=1
expect_http "deleting from the page is 303 to the list" 303 POST \
	/campagnes/4/supprimer -d csrf="$csrf"
expect_http "then its page is 404" 404 GET /campagnes/4

kill -TERM $main_pid 2>/dev/null
wait $main_pid
result $? "the server stops cleanly" "$tmp/main.log"

# --- A full queue; a stop; a restart -------------------------------------------
cat >"$tmp/worker" <<EOS
#!/bin/sh
echo started >>"$tmp/started"
while [ ! -e "$tmp/go" ]; do sleep 0.05; done
exec "$paraphe" "\$@"
EOS
chmod +x "$tmp/worker"
PARAPHE_SERVE_WORKER=$tmp/worker start slow
slow_pid=$pid
http s1 POST /api/v1/kits -F campagne=@$c/campagne.yaml $files
http s2 POST /api/v1/kits -F campagne=@$c/campagne.yaml $files
if wait_for '[ "$(wc -l <"$tmp/started" 2>/dev/null)" = 2 ]'; then
	ok "two kits are under way"
else
	not_ok "two kits are under way" "$tmp/slow.log"
fi
expect_http "a running kit's page is 200" 200 GET /campagnes/1
expect_text "it refreshes itself without JavaScript and shows progress" \
	"$tmp/req.body" '<noscript><meta http-equiv="refresh"' \
	'<progress id="avancement"' 'aria-live="polite"' \
	'<label for="avancement">'
expect_http "a third kit is 503" 503 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files
expect_text "with Retry-After" "$tmp/req.head" "Retry-After: "
csrf=$(curl -s "$url/campagnes" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
expect_http "from the page too" 503 POST /campagnes -F csrf="$csrf" \
	-F campagne=@$c/campagne.yaml $files
expect_text "which says the queue is full, in French" "$tmp/req.body" \
	'La file d’attente des kits est pleine'
expect_http "a kit under way cannot be deleted (422)" 422 DELETE \
	/api/v1/kits/1
kill -TERM $slow_pid
wait $slow_pid
result $? "the server stops with kits under way" "$tmp/slow.log"
start slow
result $? "the server starts again" "$tmp/slow.log"
slow_pid=$pid
expect_http "after a restart, the kits are listed" 200 GET /api/v1/kits
expect_text "as interrupted" "$tmp/req.body" \
	'"id": 2, "status": "interrupted"' '"id": 1, "status": "interrupted"'
expect_http "an interrupted kit's page is 200" 200 GET /campagnes/1
expect_text "it says so, and what to do" "$tmp/req.body" 'Interrompu' \
	'Déposez la campagne à nouveau'
kill -TERM $slow_pid
wait $slow_pid

# kill -9 during a kit: after a restart, it is interrupted, not running.
rm -f "$tmp/started"
PARAPHE_SERVE_WORKER=$tmp/worker start slow
slow_pid=$pid
expect_http "a kit is under way" 202 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files
wait_for '[ -e "$tmp/started" ]'
kill -9 $slow_pid
wait $slow_pid 2>/dev/null
start slow
result $? "the server starts again after kill -9" "$tmp/slow.log"
slow_pid=$pid
expect_http "after kill -9 and a restart, the kits are listed" 200 GET \
	/api/v1/kits
expect_text "the lost kit as interrupted" "$tmp/req.body" \
	'"id": 3, "status": "interrupted"'
kill -TERM $slow_pid
wait $slow_pid

# --- Kits kept --keep-kits days after they ended --------------------------------
# The "main" server's data: kits 1 and 3 are done.  Kit 1 ended two days
# ago (the store's date set back), kit 3 just now.
sqlite3 "$tmp/main/paraphe.db" "UPDATE kits SET updated = strftime('%Y-%m-%d %H:%M:%S', 'now', '-2 days') WHERE id = 1"
kit1=$(find "$tmp/main" -mindepth 2 -maxdepth 2 -type d -name 1 | head -n 1)
result "$([ -n "$kit1" ] && [ -d "$kit1" ]; echo $?)" "kit 1 has its folder"
start main --keep-kits 0
main_pid=$pid
expect_http "--keep-kits 0: an old kit is kept" 200 GET /api/v1/kits/1
expect_text "with no date to go" "$tmp/req.body" '"expires": null'
kill -TERM $main_pid
wait $main_pid
start main --keep-kits 1
main_pid=$pid
expect_http "--keep-kits 1: a kit ended two days ago is gone" 404 GET \
	/api/v1/kits/1
result "$([ ! -e "$kit1" ]; echo $?)" "and its folder with it"
expect_http "a kit ended today is still there" 200 GET /api/v1/kits/3
expect_re "saying when it will go, a day after it ended" "$tmp/req.body" \
	'"expires": "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}"'
updated=$(sed -n 's/.*"updated": "\([^"]*\)".*/\1/p' "$tmp/req.body")
expires=$(sed -n 's/.*"expires": "\([^"]*\)".*/\1/p' "$tmp/req.body")
result "$([ "$(date -u -d "$updated UTC + 1 day" '+%Y-%m-%d %H:%M:%S')" = "$expires" ]; echo $?)" \
	"exactly one day after its end ($updated, $expires)"
expect_http "the kit's page is 200" 200 GET /campagnes/3
expect_text "it says when the kit will be deleted" "$tmp/req.body" \
	"supprimé automatiquement le $expires (UTC)"
expect_http "the Campagnes page is 200" 200 GET /campagnes
expect_text "it says how long kits are kept" "$tmp/req.body" \
	'supprimé du serveur 1 jour après la fin de sa préparation'
# A kit's id is never given again (schema 3): the newest kit deleted, the
# next one takes a new id, its URL and its folder.
expect_http "the newest kit deleted (204)" 204 DELETE /api/v1/kits/5
expect_http "then a new kit is 202" 202 POST /api/v1/kits \
	-F campagne=@$c/campagne.yaml $files
expect_text "with a new id, not the deleted kit's" "$tmp/req.head" \
	"/api/v1/kits/6"
finished 6
kill -TERM $main_pid
wait $main_pid
# A database of schema 2 (before ids were kept unique) is migrated, its
# kits kept, and its highest id never given again.
mkdir -p "$tmp/old"
sqlite3 "$tmp/old/paraphe.db" <<'SQL'
CREATE TABLE drafts (id INTEGER PRIMARY KEY, name TEXT NOT NULL,
 models TEXT NOT NULL, yaml TEXT NOT NULL, version INTEGER NOT NULL,
 created TEXT NOT NULL, updated TEXT NOT NULL);
CREATE TABLE versions (draft INTEGER NOT NULL REFERENCES drafts(id)
 ON DELETE CASCADE, version INTEGER NOT NULL, yaml TEXT NOT NULL,
 created TEXT NOT NULL, PRIMARY KEY (draft, version));
CREATE TABLE files (draft INTEGER NOT NULL REFERENCES drafts(id)
 ON DELETE CASCADE, name TEXT NOT NULL, data BLOB NOT NULL,
 PRIMARY KEY (draft, name));
CREATE TABLE kits (id INTEGER PRIMARY KEY, file TEXT NOT NULL,
 state TEXT NOT NULL, campaign TEXT NOT NULL DEFAULT '',
 done INTEGER NOT NULL DEFAULT 0, total INTEGER NOT NULL DEFAULT 0,
 message TEXT NOT NULL DEFAULT '', created TEXT NOT NULL,
 updated TEXT NOT NULL);
INSERT INTO kits VALUES (7, 'campagne.yaml', 'failed', '', 0, 0, 'x',
 strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now'));
PRAGMA user_version = 2;
SQL
start old --keep-kits 0
old_pid=$pid
expect_http "a schema-2 database: its kit is still there" 200 GET \
	/api/v1/kits/7
result "$([ "$(sqlite3 "$tmp/old/paraphe.db" 'PRAGMA user_version')" = 3 ] &&
	[ "$(sqlite3 "$tmp/old/paraphe.db" "SELECT seq FROM sqlite_sequence WHERE name = 'kits'")" = 7 ]; echo $?)" \
	"migrated to schema 3, id 7 never to be given again"
kill -TERM $old_pid
wait $old_pid
"$paraphe" serve --keep-kits -1 >/dev/null 2>"$tmp/keep.err"
result "$([ $? -eq 2 ]; echo $?)" "--keep-kits -1 is a usage error (2)"
expect_text "saying what it wants" "$tmp/keep.err" "--keep-kits wants a number"

done_testing
