#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# paraphe serve in headless chromium (issue 17), driven by
# tests/browser/serve.mjs (or the script named second: campagne.mjs) with
# puppeteer-core (tools/setup test installs
# chromium, node and the npm dependency with "npm ci").  Skipped only when
# chromium or node is absent.
set -u
paraphe=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$(dirname "$0")/browser" && pwd)
. "$(dirname "$0")/tap.sh"

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || skip_all "chromium is not installed (tools/setup test installs it)"
command -v node >/dev/null 2>&1 ||
	skip_all "node is not installed (tools/setup test installs it)"
if [ ! -d "$dir/node_modules/puppeteer-core" ]; then
	echo "not ok 1 - puppeteer-core is installed (run: npm ci --prefix tests/browser)"
	echo "1..1"
	exit 1
fi
exec node "$dir/${2:-serve.mjs}" "$paraphe" "$chromium"
