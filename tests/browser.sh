#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe serve in headless chromium (issue 17), driven by
# tests/browser/serve.mjs (or the script named second: campagne.mjs)
# with puppeteer-core, each kind of page compared
# with its visual reference in tests/browser/reference/ (pixelmatch, with
# DejaVu as the only fonts; a difference is written to
# BUILD/tests/browser-screenshots/).  tools/setup test installs chromium,
# node, fonts-dejavu-core and the npm dependencies with "npm ci".  Skipped
# only when chromium or node is absent.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$(dirname "$0")/browser" && pwd)
. "$(dirname "$0")/tap.sh"

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || skip_all "chromium is not installed (tools/setup test installs it)"
command -v node >/dev/null 2>&1 ||
	skip_all "node is not installed (tools/setup test installs it)"
if [ ! -d "$dir/node_modules/puppeteer-core" ] ||
	[ ! -d "$dir/node_modules/pixelmatch" ]; then
	echo "not ok 1 - the npm dependencies are installed (run: npm ci --prefix tests/browser)"
	echo "1..1"
	exit 1
fi
exec node "$dir/${2:-serve.mjs}" "$paraphe" "$chromium"
