# SPDX-License-Identifier: EUPL-1.2
# shellcheck shell=sh
# manifest.sh: reading a kit's manifest.json from the shell, for the
# tests/*.sh scripts that source it (kit.sh, shards.sh).

# manifest_outputs MANIFEST: "id file size sha256" per output (json-glib
# writes one member a line).
manifest_outputs() {
	awk '
		function val(s) {
			sub(/^[^:]*:[ ]*/, "", s)
			gsub(/[",]/, "", s)
			return s
		}
		/"id"[ ]*:/ { id = val($0) }
		/"fichier"[ ]*:/ { f = val($0) }
		/"octets"[ ]*:/ { size = val($0) }
		/"sha256"[ ]*:/ { print id, f, size, val($0) }' "$1"
}
