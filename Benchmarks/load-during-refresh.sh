#!/usr/bin/env bash
# wrk -c128 on profile, access, route and resolve (round robin) while a refresh applies every
# second (the catalog file alternates between two variants of the realistic catalog: the embedded
# one plus 2,000 application profiles, a third of them left out in turn). Prints requests/s, p99,
# socket errors and non-2xx, and the refreshes applied meanwhile; exits 1 on any error or non-2xx.
# Usage: Benchmarks/load-during-refresh.sh [seconds, default 60]   (needs wrk, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-60}
. Benchmarks/start-regiond.sh
embedded=Sources/RegistrySources/Catalog/aws-published.json
python3 - "$embedded" "$work" <<'PY'
import json, sys
sys.path.insert(0, "Benchmarks")
maker = __import__("make-large-catalog")
base = maker.realistic(json.load(open(sys.argv[1])), 2000)
for k in range(2):
    catalog = dict(base)
    catalog["profiles"] = [p for i, p in enumerate(base["profiles"]) if p["type"] != "APPLICATION" or i % 3 != k]
    json.dump(catalog, open("%s/catalog-%d.json" % (sys.argv[2], k), "w"))
PY
cp "$work/catalog-0.json" "$work/catalog.json"
start_regiond --catalog "$work/catalog.json" --refresh-interval 1
( k=1; while true; do cp "$work/catalog-$((k % 2)).json" "$work/next.json"; mv "$work/next.json" "$work/catalog.json"; k=$((k + 1)); sleep 1; done ) &
rotator=$!
trap 'kill $rotator $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
cat >"$work/mix.lua" <<'LUA'
local paths = {
  "/v1/profiles/us.anthropic.claude-3-haiku-20240307-v1%3A0",
  "/v1/profiles/us.anthropic.claude-3-haiku-20240307-v1%3A0/access?source_region=us-east-1",
  "/v1/profiles/us.anthropic.claude-3-haiku-20240307-v1%3A0/route?source_region=us-east-1",
  "/v1/resolve?model=anthropic.claude-3-haiku-20240307-v1%3A0&source_region=us-east-1",
}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
LUA
before=$(grep -c "refresh succeeded" "$work/log" || true)
out=$(wrk -t2 -c128 -d"${duration}s" --latency -s "$work/mix.lua" "$base")
after=$(grep -c "refresh succeeded" "$work/log" || true)
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
socket=$(awk '/Socket errors/ {print $0}' <<<"$out")
non2xx=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
echo "machine: $(nproc) cores, $(uname -sr); binary: $bin"
echo "wrk -t2 -c128 -d${duration}s, profile/access/route/resolve round robin"
echo "requests/s ${rps}   p99 ${p99}   refreshes applied meanwhile: $((after - before))"
echo "socket errors: ${socket:-none}   non-2xx: ${non2xx:-0}"
[ -z "$socket" ] && [ -z "$non2xx" ]
