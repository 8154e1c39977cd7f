#!/usr/bin/env bash
# The scale figures of issue 11, in one run on a release build, each beside its target:
# first refresh, unchanged refresh, restart to ready, memory, lookups against /healthz, a page of
# a large list, and health ingest against raw SQLite in C. Prints a table and the machine.
# Usage: Benchmarks/run.sh [seconds per wrk measurement, default 10]
#   (needs wrk, python3, gcc and libsqlite3-dev; REGIOND_BIN=path skips the build)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
. Benchmarks/start-regiond.sh
embedded=Sources/RegistrySources/Catalog/aws-published.json
python3 Benchmarks/make-large-catalog.py large "$embedded" >"$work/large.json"
python3 Benchmarks/make-large-catalog.py realistic "$embedded" >"$work/realistic.json"
python3 Benchmarks/scale.py "$bin" "$work" "$duration"

echo
echo "== health ingest, same run (embedded catalog)"
echo "bench-token" >"$work/token"
start_regiond --token-file "$work/token"
. Benchmarks/ingest.sh
measure_ingest "$duration"
