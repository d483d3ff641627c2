#!/bin/bash
# SPDX-License-Identifier: EUPL-1.2
#
# bench/shards.sh [N] [SHARDS]: a synthetic campaign of N partners
# (default 1,000; the example's ten rows repeated under new ids) built
# end to end as doc/shards.md tells: SHARDS shards (default nproc) run
# by GNU parallel, each "paraphe kit --shard K/SHARDS -j 1", then the
# partner folders gathered and "paraphe kit --merge".  Prints the wall
# time of each step and checks that the merged manifest lists every
# partner as built, with every file present.  Not a test (minutes).
#   bash bench/shards.sh
#   bash bench/shards.sh 1000 4
set -euo pipefail

N=${1:-1000}
SHARDS=${2:-$(nproc)}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build-bench}
cd "$ROOT"
. bench/kitlib.sh
WORK=$(mktemp -d /tmp/paraphe-shards-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

for p in parallel python3 time; do
	command -v "$p" >/dev/null ||
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$p" >/dev/null
done
kit_build
kit_campaign "$WORK/c" "$N" "${CHECK:-false}"

now() { date +%s.%N; }
cd "$WORK"
campaign=$WORK/c/campagne-csv.yaml
id=8mars-2026
t0=$(now)
parallel -j "$SHARDS" "$PARAPHE" kit "$campaign" -o part{} -j 1 -q \
	--shard {}/"$SHARDS" ::: $(seq 1 "$SHARDS")
t1=$(now)
mkdir -p "kit/$id"
cp -R part*/"$id"/*/ "kit/$id/"
t2=$(now)
"$PARAPHE" kit --merge part* -o "kit/$id" 2>/dev/null
t3=$(now)

python3 - "kit/$id" "$N" <<'PY'
import json, os, sys
d, n = sys.argv[1], int(sys.argv[2])
m = json.load(open(os.path.join(d, "manifest.json"), encoding="utf-8"))
ps = m["partenaires"]
built = [p for p in ps if p["statut"] == "produit"]
files = sum(len(p["sorties"]) for p in built)
missing = [(p["id"], s["fichier"]) for p in built for s in p["sorties"]
           if os.path.getsize(os.path.join(d, p["id"], s["fichier"])) != s["octets"]]
print("merged manifest: %d partners, %d built, %d files, %d missing or resized"
      % (len(ps), len(built), files, len(missing)))
sys.exit(0 if len(ps) == n and len(built) == n and not missing else 1)
PY
calc() { awk "BEGIN { printf \"%.2f\", $1 }"; }
echo "$N partners, $SHARDS shards with GNU parallel, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  shards (parallel):   $(calc "$t1 - $t0") s ($(calc "($t1 - $t0) * 1000 / ($N * 2)") ms per document, PDF + ODT)"
echo "  gathering (cp -R):   $(calc "$t2 - $t1") s"
echo "  paraphe kit --merge: $(calc "$t3 - $t2") s"
