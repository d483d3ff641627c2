#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe serve (issue 17): every endpoint of the JSON API and each status
# code it documents (doc/api.md), the drafts store (versions, restore,
# files, a kill -9 during saves), authentication, the Origin and CSRF
# checks, the drafts page, the access log, a clean stop on SIGTERM with a
# request under way.  Each server listens on a free port (--listen :0) with
# a fresh data folder.  Nothing here depends on timing: the queue and the
# stop are tested with a worker that waits for the test's go-ahead.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d)
pids=
trap 'for p in $pids; do kill -9 "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
. "$(dirname "$0")/tap.sh"

for tool in curl sqlite3 pdfinfo; do
	command -v $tool >/dev/null 2>&1 ||
		skip_all "$tool is not installed (tools/setup test installs it)"
done

. "$(dirname "$0")/serve-lib.sh"

yaml='-H Content-Type:application/yaml'
french=
if ! locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\{0,1\}8$'; then
	french="the fr_FR.UTF-8 locale is missing (tools/setup generates it)"
fi
form=models/convention/exemple.yaml

if start main; then
	ok "the server starts and says where it listens"
else
	not_ok "the server starts and says where it listens" "$tmp/main.log"
	done_testing
	exit
fi
main_pid=$pid

# --- The API --------------------------------------------------------------
expect_http "GET /healthz is 200" 200 GET /healthz
expect_http "GET /api/v1/models is 200" 200 GET /api/v1/models
expect_text "the models are listed by name" "$tmp/req.body" \
	'{"name": "convention"}' '{"name": "fiche-projet"}'

expect_http "a valid form validates (200)" 200 POST /api/v1/validate \
	$yaml --data-binary @$form
expect_text "it is said valid" "$tmp/req.body" '"valid": true'

sed 's/siren: "903124576"/siren: "903124575"/' $form >"$tmp/bad-siren.yaml"
expect_http "a wrong SIREN validates with 200" 200 POST /api/v1/validate \
	$yaml --data-binary @"$tmp/bad-siren.yaml"
expect_text "the wrong SIREN is an error at its line and key" \
	"$tmp/req.body" '"valid": false' '"line": 199' \
	'"path": "partenaire.siren"' '"severity": "error"'
expect_text "the API speaks the server's language (here C: English)" \
	"$tmp/req.body" 'this SIREN fails its check digit'

printf 'version: 1\ndocument: [unclosed\n' >"$tmp/syntax.yaml"
expect_http "broken YAML is 200 with diagnostics, not 500" 200 \
	POST /api/v1/validate $yaml --data-binary @"$tmp/syntax.yaml"
expect_text "the YAML error has its code" "$tmp/req.body" \
	'"valid": false' '"code": "yaml-syntax"'
printf '\377\376\000\001binary' >"$tmp/binary.yaml"
expect_http "binary bytes are 200 with diagnostics" 200 \
	POST /api/v1/validate $yaml --data-binary @"$tmp/binary.yaml"

expect_http "a form sent as text/plain is 415" 415 POST /api/v1/validate \
	-H Content-Type:text/plain --data-binary @$form
expect_http "GET on /api/v1/validate is 405" 405 GET /api/v1/validate
expect_text "405 says which methods are allowed" "$tmp/req.head" \
	"Allow: POST"
expect_http "an unknown path is 404" 404 GET /api/v1/nothing
expect_http "an unknown API version is 404" 404 GET /api/v2/models
head -c 1100000 /dev/zero | tr '\0' 'a' >"$tmp/big.yaml"
expect_http "a form over 1 MiB is 413" 413 POST /api/v1/validate \
	$yaml --data-binary @"$tmp/big.yaml"
expect_http "a form over 1 MiB sent chunked is 413" 413 POST \
	/api/v1/validate $yaml -H 'Transfer-Encoding: chunked' \
	--data-binary @"$tmp/big.yaml"

# Renders: the same bytes as the command line's.
expect_http "a PDF render is 200" 200 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml --data-binary @$form
cp "$tmp/req.body" "$tmp/api.pdf"
expect_text "it is sent as application/pdf" "$tmp/req.head" \
	"Content-Type: application/pdf"
"$paraphe" render -m convention -f pdf -o "$tmp/cli" $form >/dev/null 2>&1
if cmp -s "$tmp/api.pdf" "$tmp/cli/convention.pdf"; then
	ok "the API's PDF is the command line's, byte for byte"
else
	not_ok "the API's PDF is the command line's, byte for byte"
fi
expect_http "an ODT render is 200" 200 POST \
	'/api/v1/render?model=convention&format=odt' $yaml --data-binary @$form
if [ "$(head -c 38 "$tmp/req.body" | tail -c 8)" = "mimetype" ] ||
	unzip -p "$tmp/req.body" mimetype 2>/dev/null |
	grep -q opendocument.text; then
	ok "the ODT is an OpenDocument text"
else
	not_ok "the ODT is an OpenDocument text"
fi
expect_http "a DOCX render is 200" 200 POST \
	'/api/v1/render?model=convention&format=docx' $yaml --data-binary @$form
expect_text "it is sent as a WordprocessingML document" "$tmp/req.head" \
	"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document"
"$paraphe" render -m convention -f docx -o "$tmp/cli" $form >/dev/null 2>&1
if cmp -s "$tmp/req.body" "$tmp/cli/convention.docx"; then
	ok "the API's DOCX is the command line's, byte for byte"
else
	not_ok "the API's DOCX is the command line's, byte for byte"
fi
expect_http "a PNG preview of page 2 is 200" 200 POST \
	'/api/v1/render?model=convention&format=png&page=2' $yaml \
	--data-binary @$form
expect_text "it is sent as image/png" "$tmp/req.head" "Content-Type: image/png"
expect_http "a page beyond the document is 422" 422 POST \
	'/api/v1/render?model=convention&format=png&page=99' $yaml \
	--data-binary @$form
expect_http "an invalid form's render is 422" 422 POST \
	'/api/v1/render?model=fiche-projet&format=pdf' $yaml \
	--data-binary @"$tmp/syntax.yaml"
expect_text "422 carries the diagnostics" "$tmp/req.body" '"valid": false' \
	'"diagnostics": ['
expect_http "a render without a model is 400" 400 POST \
	'/api/v1/render?format=pdf' $yaml --data-binary @$form
expect_http "an unknown format is 400" 400 POST \
	'/api/v1/render?model=convention&format=exe' $yaml --data-binary @$form
expect_http "a model naming a folder is 400" 400 POST \
	'/api/v1/render?model=../models/convention&format=pdf' $yaml \
	--data-binary @$form

# A form naming a server file: refused, and nothing of it comes back.
sed 's|^  # logo:|  logo:|; s|^  #   fichier: "logos/mobilite-verte.svg"|    fichier: "/etc/passwd"|' \
	$form >"$tmp/passwd.yaml"
expect_http "a form naming a server file is 422" 422 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml \
	--data-binary @"$tmp/passwd.yaml"
expect_no_re "nothing of the server file is sent" "$tmp/req.body" 'root:'
sed 's|^  # logo:|  logo:|; s|^  #   fichier: "logos/mobilite-verte.svg"|    fichier: "../../../../etc/hostname"|' \
	$form >"$tmp/dotdot.yaml"
expect_http "a form climbing out of its folder is 422" 422 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml \
	--data-binary @"$tmp/dotdot.yaml"

# Checks: the JSON report of "paraphe check --format json".
expect_http "a PDF check is 200" 200 POST /api/v1/check \
	-H Content-Type:application/pdf --data-binary @"$tmp/api.pdf"
cp "$tmp/req.body" "$tmp/check.json"
(cd "$tmp" && cp api.pdf document.pdf &&
	"$paraphe" check --format json document.pdf >cli-check.json 2>/dev/null)
if cmp -s "$tmp/check.json" "$tmp/cli-check.json"; then
	ok "the check's report is the command line's"
else
	diff "$tmp/check.json" "$tmp/cli-check.json" >"$tmp/why" 2>&1
	not_ok "the check's report is the command line's" "$tmp/why"
fi
printf '%%PDF-1.7\ngarbage\n' >"$tmp/garbage.pdf"
expect_http "a damaged PDF is 422, not 500" 422 POST /api/v1/check \
	-H Content-Type:application/pdf --data-binary @"$tmp/garbage.pdf"
expect_http "a check of text/plain is 415" 415 POST /api/v1/check \
	-H Content-Type:text/plain --data-binary @"$tmp/garbage.pdf"
"$paraphe" render $form -m convention -f docx -o "$tmp/docx" >/dev/null 2>&1
expect_http "a DOCX check is 200" 200 POST /api/v1/check \
	-H 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document' \
	--data-binary @"$tmp/docx/convention.docx"
expect_text "reported as a DOCX" "$tmp/req.body" '"fichier":"document.docx"'

# No server path in any answer.
cat "$tmp"/req.body >/dev/null
for f in "$tmp"/req.body "$tmp"/check.json; do
	if grep -aq "$tmp" "$f"; then
		echo "$f names $tmp" >"$tmp/why"
	fi
done
http leak POST '/api/v1/render?model=convention&format=pdf' $yaml \
	--data-binary @"$tmp/passwd.yaml"
http leak2 POST /api/v1/check -H Content-Type:application/pdf \
	--data-binary @"$tmp/garbage.pdf"
if grep -aq -e "$tmp" -e travail "$tmp/leak.body" "$tmp/leak2.body"; then
	cat "$tmp/leak.body" "$tmp/leak2.body" >"$tmp/why"
	not_ok "no answer names a server folder" "$tmp/why"
else
	ok "no answer names a server folder"
fi

# Another site's page cannot make the browser post.
expect_http "a POST with another Origin is 403" 403 POST /api/v1/validate \
	$yaml -H 'Origin: http://evil.example' --data-binary @$form
expect_http "a POST with the server's own Origin is 200" 200 POST \
	/api/v1/validate $yaml -H "Origin: $url" --data-binary @$form

# --- The drafts ------------------------------------------------------------
expect_http "a draft is created (201)" 201 POST \
	'/api/v1/drafts?name=Mobilit%C3%A9%20verte&models=convention' $yaml \
	--data-binary @$form
expect_text "its id and first version are given" "$tmp/req.body" \
	'"id": 1' '"version": 1'
expect_http "a blank draft of both models is created" 201 POST \
	'/api/v1/drafts?name=Vide&models=convention,fiche-projet'
expect_http "a draft of an unknown model is 400" 400 POST \
	'/api/v1/drafts?name=X&models=lettre'
expect_http "a draft is saved again (200)" 200 PUT /api/v1/drafts/1 \
	$yaml --data-binary @"$tmp/bad-siren.yaml"
expect_text "as version 2" "$tmp/req.body" '"version": 2'
expect_http "its versions are listed" 200 GET /api/v1/drafts/1/versions
expect_text "both versions are there" "$tmp/req.body" '"version": 2' \
	'"version": 1'
expect_http "a draft's text is read back" 200 GET /api/v1/drafts/1
if cmp -s "$tmp/req.body" "$tmp/bad-siren.yaml"; then
	ok "it is the text saved, byte for byte"
else
	not_ok "it is the text saved, byte for byte"
fi
expect_http "version 1 is restored" 200 POST '/api/v1/drafts/1/restore?version=1'
expect_text "as version 3" "$tmp/req.body" '"version": 3'
http v GET /api/v1/drafts/1
if cmp -s "$tmp/v.body" $form; then
	ok "the restored text is version 1's"
else
	not_ok "the restored text is version 1's"
fi
expect_http "a missing version is 404" 404 GET /api/v1/drafts/1/versions/99
expect_http "a missing draft is 404" 404 GET /api/v1/drafts/999
expect_http "saving a missing draft is 404" 404 PUT /api/v1/drafts/999 \
	$yaml --data-binary @$form
expect_http "a logo is uploaded to a draft" 200 PUT \
	/api/v1/drafts/1/files/mobilite-verte.svg \
	--data-binary @examples/logos/mobilite-verte.svg
expect_http "an upload's name cannot climb" 404 PUT \
	/api/v1/drafts/1/files/..%2Fx --data-binary @$form
expect_http "the draft's files are listed" 200 GET /api/v1/drafts/1/files
expect_text "with the logo" "$tmp/req.body" '"name": "mobilite-verte.svg"'
sed 's|^  # logo:|  logo:|; s|^  #   fichier: "logos/mobilite-verte.svg"|    fichier: "mobilite-verte.svg"|' \
	$form >"$tmp/with-logo.yaml"
http save PUT /api/v1/drafts/1 $yaml --data-binary @"$tmp/with-logo.yaml"
expect_http "a draft with its uploaded logo renders" 200 POST \
	'/api/v1/drafts/1/render?format=pdf'
if pdfimages -list "$tmp/req.body" 2>/dev/null | grep -q 'image\|smask' ||
	[ "$(wc -c <"$tmp/req.body")" -gt "$(wc -c <"$tmp/api.pdf")" ]; then
	ok "the PDF carries the uploaded logo"
else
	not_ok "the PDF carries the uploaded logo"
fi
expect_http "a draft is duplicated (201)" 201 POST /api/v1/drafts/1/duplicate
expect_http "the drafts are listed" 200 GET /api/v1/drafts
expect_text "all three" "$tmp/req.body" '"id": 1' '"id": 2' '"id": 3' \
	'"name": "Mobilité verte (copy)"'
expect_http "a draft is deleted (204)" 204 DELETE /api/v1/drafts/2
expect_http "a deleted draft is 404" 404 GET /api/v1/drafts/2

# --- The pages ---------------------------------------------------------------
expect_http "GET / is the drafts page" 200 GET /
expect_text "in French" "$tmp/req.body" '<html lang="fr">' 'Brouillons' \
	'Mobilité verte' 'Nouveau brouillon'
csrf=$(sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' "$tmp/req.body")
csrf=$(echo "$csrf" | head -n 1)
expect_http "a page form without its CSRF token is 403" 403 POST /brouillons \
	--data 'nom=Pirate&modeles=convention'
expect_http "a page form from another origin is 403" 403 POST /brouillons \
	-H 'Origin: http://evil.example' \
	--data "csrf=$csrf&nom=Pirate&modeles=convention"
expect_http "a draft is created from the page (303)" 303 POST /brouillons \
	--data "csrf=$csrf&nom=Campagne+8+mars&modeles=fiche-projet&exemple=1"
http page GET /
expect_text "it is listed" "$tmp/page.body" 'Campagne 8 mars'
expect_no_re "and not the refused ones" "$tmp/page.body" 'Pirate'
expect_http "the edit page of a draft is 200" 200 GET /brouillons/1
expect_text "with its fields, their help and previews" "$tmp/req.body" \
	'name="partenaire.siren"' 'class="aide"' '<img src="/brouillons/1/apercu/'
expect_text "each field named for people, its key beside" "$tmp/req.body" \
	'<label for="fpartenaire-siren">Numéro SIREN <span class="cle-yaml">siren</span>' \
	'<legend>Signataire pour le partenaire <span class="cle-yaml">signataire</span></legend>'
img=$(sed -n 's|.*<img src="\(/brouillons/1/apercu/[0-9]*/1.png\)".*|\1|p' \
	"$tmp/req.body" | head -n 1)
expect_http "a preview page is a PNG" 200 GET "$img"
expect_text "sent as image/png" "$tmp/req.head" "Content-Type: image/png"
http d1 GET /brouillons/1
expect_http "the YAML tab is 200" 200 GET /brouillons/1/yaml
expect_text "with the form's text" "$tmp/req.body" 'textarea' 'version: 1'
expect_http "a YAML tab save without its token is 403" 403 POST \
	/brouillons/1/yaml --data-urlencode "yaml@$tmp/bad-siren.yaml"
expect_http "a YAML tab save is 303" 303 POST /brouillons/1/yaml \
	--data "csrf=$csrf" --data-urlencode "yaml@$tmp/bad-siren.yaml"
expect_http "the edit page shows the error beside its field" 200 GET \
	/brouillons/1
expect_text "the SIREN message in the field's block" "$tmp/req.body" \
	'id="mpartenaire-siren" role="status"><p class="erreur">'
expect_text "and in the summary at the top, named by its label" "$tmp/req.body" \
	"<a href=\"#fpartenaire-siren\">Numéro SIREN</a>"
# The server runs under LC_ALL=C.UTF-8: the pages are French all the same.
if [ -n "$french" ]; then
	skip "the page's messages are French whatever the server's locale" \
		"$french"
else
	expect_text "the page's messages are French whatever the server's locale" \
		"$tmp/req.body" 'ne passe pas le contrôle de sa clé'
fi
expect_http "the history page is 200" 200 GET /brouillons/1/historique
expect_text "with a restore button" "$tmp/req.body" 'Restaurer la version 1'
expect_http "a restore from the page is 303" 303 POST /brouillons/1/restaurer \
	--data "csrf=$csrf&version=1"
http y GET /api/v1/drafts/1
if cmp -s "$tmp/y.body" $form; then
	ok "the page restored version 1"
else
	not_ok "the page restored version 1"
fi
expect_http "the PDF download is 200" 200 GET /brouillons/1/convention.pdf
pages=$(pdfinfo "$tmp/req.body" 2>/dev/null | sed -n 's/^Pages: *//p')
if [ "${pages:-0}" -ge 2 ]; then
	ok "the downloaded PDF has its pages ($pages)"
else
	not_ok "the downloaded PDF has its pages"
fi
expect_http "the ODT download is 200" 200 GET /brouillons/1/convention.odt
expect_http "the DOCX download is 200" 200 GET /brouillons/1/convention.docx
if unzip -l "$tmp/req.body" 2>/dev/null | grep -q 'word/document.xml'; then
	ok "the downloaded DOCX is a Word document"
else
	not_ok "the downloaded DOCX is a Word document"
fi
expect_http "the YAML download is 200" 200 GET /brouillons/1/formulaire.yaml
expect_http "a model a draft lacks is 422" 422 GET /brouillons/1/fiche-projet.pdf
expect_http "the check page is 200" 200 GET /controle
expect_http "a check from the page is 200" 200 POST /controle \
	-F "csrf=$csrf" -F "fichier=@$tmp/api.pdf;type=application/pdf"
expect_text "with the verdict in French" "$tmp/req.body" 'Conforme'
expect_text "the page's thumbnail and the JSON report to download" \
	"$tmp/req.body" '<image href="data:image/png;base64,' \
	'download="rapport-controle.json"' 'href="data:application/json;base64,'
# 4 pt Courier at 35, 190 mm (three errors there), a green area (a
# warning), no bloc-marque (an error at the top left).
printf '%s\n' '%PDF-1.4' '1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj' \
	'2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj' \
	'3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>> endobj' \
	'4 0 obj <</Length 79>> stream' \
	'BT /F1 4 Tf 100 300 Td (petit texte) Tj ET' \
	'0.18 0.545 0.341 rg 170 450 113 57 re f' \
	'endstream endobj' \
	'5 0 obj <</Type/Font/Subtype/Type1/BaseFont/Courier>> endobj' \
	'trailer <</Root 1 0 R>>' '%%EOF' >"$tmp/findings.pdf"
expect_http "a PDF with findings is checked from the page" 200 POST /controle \
	-F "csrf=$csrf" -F "fichier=@$tmp/findings.pdf;type=application/pdf"
expect_text "each located finding's box is drawn on its page, numbered" \
	"$tmp/req.body" '<figure class="vignette" id="page-1">' \
	'<a href="#constat-3" tabindex="-1" aria-hidden="true" class="c-erreur"><rect class="cadre" x="66.5" y="369.7"' \
	'<a href="#constat-6" tabindex="-1" aria-hidden="true" class="c-avert"><rect class="cadre"'
expect_text "the severities are told in words, not by colour alone" \
	"$tmp/req.body" 'cadre plein rouge</span> pour une erreur' \
	'cadre en tirets orange</span> pour un avertissement' \
	'<td>erreur</td>' '<td>avertissement</td>'
expect_text "the caption links each box's finding, the finding its page" \
	"$tmp/req.body" 'Page 1 : constats <a href="#constat-3">3</a>' \
	'<tr id="constat-3" class="c-erreur"><th scope="row">3</th><td><a href="#page-1">page 1</a>' \
	'<td>tout le document</td>'
expect_text "the findings in French though the server runs in C" \
	"$tmp/req.body" 'ne figure pas dans la charte'
http odt POST '/api/v1/render?model=convention&format=odt' $yaml \
	--data-binary @$form
expect_http "an ODT is checked from the page" 200 POST /controle \
	-F "csrf=$csrf" \
	-F "fichier=@$tmp/odt.body;type=application/vnd.oasis.opendocument.text"
expect_text "its findings are said located by paragraph, not drawn" \
	"$tmp/req.body" 'situés par paragraphe et par style' 'Conforme'
expect_no_re "and no page is drawn" "$tmp/req.body" '<figure'
expect_http "a DOCX is checked from the page" 200 POST /controle \
	-F "csrf=$csrf" -F "fichier=@$tmp/docx/convention.docx"
expect_text "its findings said located by paragraph" "$tmp/req.body" \
	'situés par paragraphe et par style'
sed -n 's|.*href="data:application/json;base64,\([^"]*\)".*|\1|p' \
	"$tmp/req.body" | base64 -d >"$tmp/page-report.json" 2>&1
expect_text "the report to download is the DOCX's" "$tmp/page-report.json" \
	'"fichier":"document.docx"'
expect_http "a check from the page without its token is 403" 403 POST \
	/controle -F "fichier=@$tmp/api.pdf;type=application/pdf"
expect_http "a draft is duplicated from the page" 303 POST \
	/brouillons/1/dupliquer --data "csrf=$csrf"
expect_http "a draft is deleted from the page" 303 POST \
	/brouillons/1/supprimer --data "csrf=$csrf"
expect_http "it is gone" 404 GET /brouillons/1
expect_http "an unknown page is 404 in French" 404 GET /nulle-part
expect_text "a page, not JSON" "$tmp/req.body" 'Page introuvable'

# --- The log ------------------------------------------------------------------
expect_re "one access-log line per request" "$tmp/main.log" \
	'^GET /healthz 200 [0-9]+ ms$'
expect_re "with the status of errors too" "$tmp/main.log" \
	'^POST /api/v1/validate 415 [0-9]+ ms$'
expect_no_re "never a 500" "$tmp/main.log" ' 5[0-9][0-9] [0-9]+ ms$'

# --- Stop --------------------------------------------------------------------
kill -TERM $main_pid
wait $main_pid
result $? "SIGTERM stops the server with status 0" "$tmp/main.log"
if [ ! -s "$tmp/main/paraphe.db-wal" ]; then
	ok "the database is closed (no write-ahead log left)"
else
	not_ok "the database is closed (no write-ahead log left)"
fi
if [ "$(sqlite3 "$tmp/main/paraphe.db" 'PRAGMA integrity_check')" = ok ] &&
	[ "$(sqlite3 "$tmp/main/paraphe.db" 'PRAGMA user_version')" = 3 ]; then
	ok "the database is sound, at schema version 3"
else
	not_ok "the database is sound, at schema version 3"
fi

# --- Workers: a full queue is 503; a stop lets the request under way end -----
cat >"$tmp/worker" <<EOS
#!/bin/sh
touch "$tmp/started"
while [ ! -e "$tmp/go" ]; do sleep 0.05; done
exec "$paraphe" "\$@"
EOS
chmod +x "$tmp/worker"
PARAPHE_SERVE_WORKER=$tmp/worker start slow --workers 1 --queue 0
slow_pid=$pid
curl -s -o "$tmp/first.pdf" -w '%{http_code}' -X POST $yaml \
	--data-binary @$form "$url/api/v1/render?model=convention&format=pdf" \
	>"$tmp/first.code" &
first=$!
if wait_for '[ -e "$tmp/started" ]'; then
	expect_http "a render when the queue is full is 503" 503 POST \
		'/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
	expect_text "with Retry-After" "$tmp/req.head" "Retry-After: "
	expect_http "validation does not wait for the workers" 200 POST \
		/api/v1/validate $yaml --data-binary @$form
	kill -TERM $slow_pid
	wait_for 'grep -qs stopping "$tmp/slow.log"'
	expect_status "no new connection once stopping" 7 \
		curl -s -o /dev/null "$url/healthz"
	touch "$tmp/go"
	wait $first
	if [ "$(cat "$tmp/first.code")" = 200 ] &&
		cmp -s "$tmp/first.pdf" "$tmp/api.pdf"; then
		ok "the render under way at SIGTERM finishes"
	else
		not_ok "the render under way at SIGTERM finishes" "$tmp/slow.log"
	fi
	wait $slow_pid
	result $? "then the server exits 0" "$tmp/slow.log"
else
	not_ok "the slow worker started" "$tmp/slow.log"
fi

# --- The worker pool: limits, a crash, the pool killed ------------------------
# Renders and checks run in children of one pre-loaded pool process, the
# server's child (servepool.c).  PARAPHE_SERVE_POOL_LIMITS lowers the
# jobs' limits; PARAPHE_SERVE_POOL_HOLD makes each job wait for a go.
pool_of() { pgrep -P "$1" | head -n 1; }
start pooled
pooled_pid=$pid
expect_http "a PNG render is the command line's" 200 POST \
	'/api/v1/render?model=convention&format=png&page=2' $yaml \
	--data-binary @$form
"$paraphe" render -m convention -f png -o "$tmp/cli-png" $form >/dev/null 2>&1
result "$(cmp -s "$tmp/req.body" "$tmp/cli-png/convention-2.png"; echo $?)" \
	"the API's PNG page is the command line's, byte for byte"
expect_http "an ODT render is 200 again" 200 POST \
	'/api/v1/render?model=convention&format=odt' $yaml --data-binary @$form
"$paraphe" render -m convention -f odt -o "$tmp/cli-odt" $form >/dev/null 2>&1
result "$(cmp -s "$tmp/req.body" "$tmp/cli-odt/convention.odt"; echo $?)" \
	"the API's ODT is the command line's, byte for byte"

pool=$(pool_of $pooled_pid)
if [ -n "$pool" ] && kill -9 "$pool"; then
	expect_http "a render as the pool dies runs in a new process: 200" 200 \
		POST '/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
	result "$(cmp -s "$tmp/req.body" "$tmp/api.pdf"; echo $?)" \
		"with the same bytes"
	new=$(pool_of $pooled_pid)
	result "$([ -n "$new" ] && [ "$new" != "$pool" ]; echo $?)" \
		"the dead pool was replaced"
	expect_http "the next render, from the new pool, is 200" 200 POST \
		'/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
	result "$(cmp -s "$tmp/req.body" "$tmp/api.pdf"; echo $?)" \
		"from a new pool, the same bytes"
	# A pool that dies again and again without finishing a job (a
	# warm-up that crashes) is given up after three: jobs run exec'd.
	codes=
	for k in 1 2 3; do
		p=$(pool_of $pooled_pid)
		[ -n "$p" ] && kill -9 "$p"
		http c POST '/api/v1/render?model=convention&format=pdf' $yaml \
			--data-binary @$form
		codes="$codes $k:$(cat "$tmp/c.code")"
	done
	echo "statuses:$codes" >"$tmp/why"
	result "$([ "$codes" = " 1:200 2:200 3:200" ]; echo $?)" \
		"three pools killed in a row: each render 200 all the same" \
		"$tmp/why"
	expect_http "after three pools died in a row, a render is still 200" \
		200 POST '/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
	result "$(cmp -s "$tmp/req.body" "$tmp/api.pdf"; echo $?)" \
		"with the same bytes, from a new process"
	result "$([ -z "$(pool_of $pooled_pid)" ]; echo $?)" \
		"and no fourth pool was started"
	expect_text "the server says it gave the pool up" "$tmp/pooled.log" \
		"stopped 3 times in a row"
else
	not_ok "the server has a worker pool"
fi
kill -TERM $pooled_pid
wait $pooled_pid

if grep -aq __asan_init "$paraphe" 2>/dev/null; then
	skip "a render over the memory limit fails alone" \
		"a sanitizer build has no memory limit"
else
	PARAPHE_SERVE_POOL_LIMITS="1 60" start lean
	lean_pid=$pid
	lean_pool=$(pool_of $lean_pid)
	expect_http "a render over the memory limit is 422" 422 POST \
		'/api/v1/render?model=convention&format=png&page=1' $yaml \
		--data-binary @$form
	result "$(grep -Eqs "out of memory|server's limits" "$tmp/req.body"; echo $?)" \
		"saying it ran out of memory" "$tmp/req.body"
	expect_http "validation still works beside it" 200 POST \
		/api/v1/validate $yaml --data-binary @$form
	result "$([ -n "$lean_pool" ] && [ "$(pool_of $lean_pid)" = "$lean_pool" ]; echo $?)" \
		"only that job died: the pool is the same"
	kill -TERM $lean_pid
	wait $lean_pid
fi

# A job the pool cannot fork (PARAPHE_SERVE_POOL_NOFORK: every fork taken
# as failed) is refused, and runs in a new process; the pool, not at
# fault, is kept, however many times that happens.
PARAPHE_SERVE_POOL_NOFORK=1 start nofork
nofork_pid=$pid
nofork_pool=$(pool_of $nofork_pid)
codes=
for k in 1 2 3 4; do
	http c POST '/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
	codes="$codes $k:$(cat "$tmp/c.code")"
done
echo "statuses:$codes" >"$tmp/why"
result "$([ "$codes" = " 1:200 2:200 3:200 4:200" ]; echo $?)" \
	"four jobs the pool could not fork: each render 200" "$tmp/why"
result "$(cmp -s "$tmp/c.body" "$tmp/api.pdf"; echo $?)" \
	"with the command line's bytes, from a new process"
result "$([ -n "$nofork_pool" ] && [ "$(pool_of $nofork_pid)" = "$nofork_pool" ]; echo $?)" \
	"the pool that refused them is the same"
result "$(! grep -q 'stopped .* times' "$tmp/nofork.log"; echo $?)" \
	"and was never given up" "$tmp/nofork.log"
kill -TERM $nofork_pid
wait $nofork_pid

# A pool given up is tried again once its time has come
# (PARAPHE_SERVE_POOL_RETRY: 1 s instead of 10 minutes).
PARAPHE_SERVE_POOL_RETRY=1 start retry
retry_pid=$pid
for k in 1 2 3; do
	p=$(pool_of $retry_pid)
	[ -n "$p" ] && kill -9 "$p"
	http c POST '/api/v1/render?model=convention&format=pdf' $yaml \
		--data-binary @$form
done
expect_text "three pools killed: the server gives the pool up" \
	"$tmp/retry.log" "tried again in 1 s"
sleep 2
expect_http "a render after the delay is 200" 200 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml --data-binary @$form
result "$(cmp -s "$tmp/req.body" "$tmp/api.pdf"; echo $?)" \
	"with the same bytes"
result "$([ -n "$(pool_of $retry_pid)" ]; echo $?)" \
	"and a pool runs again"
expect_text "the server says it tried the pool again" "$tmp/retry.log" \
	"trying a worker pool again"
kill -TERM $retry_pid
wait $retry_pid

mkdir "$tmp/hold"
PARAPHE_SERVE_POOL_LIMITS="768 1" PARAPHE_SERVE_POOL_HOLD="$tmp/hold" \
	start held
held_pid=$pid
expect_http "a render over the time limit is 422" 422 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml --data-binary @$form
expect_text "saying the server's limits" "$tmp/req.body" "server's limits"
result "$([ -e "$tmp/hold/started" ]; echo $?)" "the job had started"
touch "$tmp/hold/go"
expect_http "the next render is 200" 200 POST \
	'/api/v1/render?model=convention&format=pdf' $yaml --data-binary @$form
kill -TERM $held_pid
wait $held_pid
result $? "then the server exits 0" "$tmp/held.log"

# --- kill -9 during saves -------------------------------------------------
start crash
crash_pid=$pid
for d in 1 2 3; do
	http c POST "/api/v1/drafts?name=Brouillon+$d" $yaml --data-binary @$form
	http c PUT /api/v1/drafts/$d $yaml --data-binary @"$tmp/bad-siren.yaml"
done
# Draft 1 is saved over and over while the server is killed; every save
# answered 200 must survive, and drafts 2 and 3 with their history.
(
	i=0
	while [ $i -lt 400 ]; do
		sed "s/^  siren: .*/  siren: \"$i\"/" $form >"$tmp/save.yaml"
		code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT $yaml \
			--data-binary @"$tmp/save.yaml" "$url/api/v1/drafts/1")
		[ "$code" = 200 ] || break
		echo $i >>"$tmp/acked"
		i=$((i + 1))
	done
) &
saver=$!
wait_for '[ -e "$tmp/acked" ] && [ "$(wc -l <"$tmp/acked")" -ge 5 ]'
kill -9 $crash_pid
wait $saver
acked=$(wc -l <"$tmp/acked")
if [ "$(sqlite3 "$tmp/crash/paraphe.db" 'PRAGMA integrity_check')" = ok ]; then
	ok "after kill -9 the database is sound"
else
	not_ok "after kill -9 the database is sound"
fi
start crash
versions=$(curl -s "$url/api/v1/drafts/1/versions" | grep -c '"version"')
if [ "$versions" -ge $((acked + 2)) ]; then
	ok "every save answered before the kill is kept ($acked saves)"
else
	echo "$versions versions for $acked saves answered" >"$tmp/why"
	not_ok "every save answered before the kill is kept" "$tmp/why"
fi
last=$(tail -n 1 "$tmp/acked")
if curl -s "$url/api/v1/drafts/1" | grep -Eq "siren: \"($last|$((last + 1)))\""; then
	ok "the draft's text is the last save answered (or the one under way)"
else
	not_ok "the draft's text is the last save answered (or the one under way)"
fi
ok_all=0
for d in 2 3; do
	nv=$(curl -s "$url/api/v1/drafts/$d/versions" | grep -c '"version"')
	[ "$nv" = 2 ] || ok_all=1
done
result $ok_all "the other drafts are there with their history"
kill -TERM $pid
wait $pid

# --- Authentication -----------------------------------------------------------
expect_status "another address without --auth is refused" 2 \
	"$paraphe" serve --listen 0.0.0.0:0 --data "$tmp/open"
expect_text "saying why" "$tmp/err" "not a loopback address" "--auth"
echo "0123456789abcdef0123" >"$tmp/token"
start auth --auth "$tmp/token"
expect_http "without the token: 401" 401 GET /api/v1/models
expect_text "asking for a bearer token" "$tmp/req.head" \
	"WWW-Authenticate: Bearer"
expect_http "a wrong token: 401" 401 GET /api/v1/models \
	-H 'Authorization: Bearer 0123456789abcdef0124'
expect_http "the right token: 200" 200 GET /api/v1/models \
	-H 'Authorization: Bearer 0123456789abcdef0123'
expect_http "/healthz needs no token" 200 GET /healthz
kill -TERM $pid
wait $pid
start proxy --auth-header X-Remote-User
expect_http "without the proxy's header: 401" 401 GET /
expect_http "with it: 200" 200 GET / -H 'X-Remote-User: agent@culture.gouv.fr'
kill -TERM $pid
wait $pid

# --- Languages ----------------------------------------------------------------
# The API follows the server's locale (LC_ALL, LC_MESSAGES, LANG); LANGUAGE
# is ignored, as it would override the pages' French (doc/api.md).
if [ -n "$french" ]; then
	skip "a server in French answers the API in French" "$french"
	skip "a server in English with LANGUAGE=fr answers the API in English" \
		"$french"
else
	LC_ALL=fr_FR.UTF-8
	export LC_ALL
	start fr
	LC_ALL=C.UTF-8
	http fr POST /api/v1/validate $yaml --data-binary @"$tmp/bad-siren.yaml"
	expect_text "a server in French answers the API in French" \
		"$tmp/fr.body" 'ne passe pas le contrôle de sa clé'
	kill -TERM $pid
	wait $pid
	LANGUAGE=fr
	export LANGUAGE
	start language
	LANGUAGE=C
	http en POST /api/v1/validate $yaml --data-binary @"$tmp/bad-siren.yaml"
	expect_text "a server in English with LANGUAGE=fr answers the API in English" \
		"$tmp/en.body" 'this SIREN fails its check digit'
	kill -TERM $pid
	wait $pid
fi

done_testing
