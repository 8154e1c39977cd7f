#!/usr/bin/env bash
# Health pipeline figures of a release regiond, each beside a baseline measured in the same run:
#   1. ingest over HTTP (POST /v1/health/samples, batches of 1,000, wrk), counted once every
#      accepted sample is stored, vs a raw SQLite insert of the same rows into the same table
#      (C on the system libsqlite3, prepared statement, 1,000-row transactions, WAL);
#   2. GET /v1/profiles/{id}/route and GET /v1/resolve vs /healthz (the server's hello world).
# Targets (issue 4): ingest >= 30% of the raw baseline; route/resolve >= 80% of /healthz.
# Usage: Benchmarks/health.sh [seconds per measurement, default 10]   (needs wrk, python3, gcc and libsqlite3-dev)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
. Benchmarks/start-regiond.sh
echo "bench-token" >"$work/token"
start_regiond --token-file "$work/token"

. Benchmarks/ingest.sh
echo "== ingest (samples/s, stored: until every accepted sample is in SQLite)"
measure_ingest "$duration"

echo
echo "== reads (req/s)"
printf '%-58s %12s %10s %10s %8s\n' endpoint "req/s" "p50" "p99" "vs hello"
read -r hello _ _ <<<"$(measure "$base/healthz")"
for path in /healthz \
    "/v1/profiles/us.anthropic.claude-3-haiku-20240307-v1%3A0/route?source_region=us-east-2" \
    "/v1/resolve?model=anthropic.claude-sonnet-4-20250514-v1%3A0&source_region=eu-west-1" \
    "/v1/resolve?model=anthropic.claude-3-haiku-20240307-v1%3A0&source_region=us-east-2"; do
    read -r rps p50 p99 <<<"$(measure "$base$path")"
    printf '%-58s %12s %10s %10s %7s%%\n' "${path:0:58}" "$rps" "$p50" "$p99" "$(python3 -c "print(round(100 * $rps / $hello))")"
done
