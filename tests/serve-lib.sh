# SPDX-License-Identifier: EUPL-1.2
# What the tests of paraphe serve share (serve.sh, servekit.sh), sourced
# after tap.sh (its wait_for) with $paraphe, $tmp and $pids set:
# starting a server on a free port, and HTTP requests with curl.

# start NAME [OPTIONS...]: a server with data folder $tmp/NAME, its log
# $tmp/NAME.log; sets $pid and $url.  The log of a server started before
# under that name (a restart) goes first: the new server's shell may
# truncate it only after the first look for its address.
start() {
	_name=$1
	shift
	rm -f "$tmp/$_name.log"
	"$paraphe" serve --listen 127.0.0.1:0 --data "$tmp/$_name" "$@" \
		2>"$tmp/$_name.log" &
	pid=$!
	pids="$pids $pid"
	url=
	# "listening on http://...", or "à l'écoute sur http://..."
	if wait_for 'grep -qs " http://" "$tmp/$_name.log" ||
		! kill -0 $pid 2>/dev/null'; then
		url=$(sed -n 's|^paraphe serve.* \(http://[^ ]*\)/$|\1|p' \
			"$tmp/$_name.log")
	fi
	[ -n "$url" ]
}

# http NAME METHOD PATH [CURL OPTIONS...]: the status in $tmp/NAME.code,
# the body in $tmp/NAME.body, the headers in $tmp/NAME.head.
http() {
	_n=$1 _m=$2 _p=$3
	shift 3
	curl -s -o "$tmp/$_n.body" -D "$tmp/$_n.head" -w '%{http_code}' \
		-X "$_m" "$@" "$url$_p" >"$tmp/$_n.code" 2>/dev/null
}

# expect_http NAME STATUS METHOD PATH [CURL OPTIONS...]
expect_http() {
	_name=$1 _want=$2
	shift 2
	http req "$@"
	if [ "$(cat "$tmp/req.code")" = "$_want" ]; then
		ok "$_name"
	else
		echo "status $(cat "$tmp/req.code"), not $_want" >"$tmp/why"
		cat "$tmp/req.body" >>"$tmp/why" 2>/dev/null
		not_ok "$_name" "$tmp/why"
	fi
}
