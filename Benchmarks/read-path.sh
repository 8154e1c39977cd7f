#!/usr/bin/env bash
# Read-path throughput of a release regiond, each endpoint beside /healthz (the server's own
# ceiling) measured in the same run, so the ratio survives a noisy machine.
# Usage: Benchmarks/read-path.sh [seconds per endpoint, default 10]   (needs wrk: apt-get install wrk)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
. Benchmarks/start-regiond.sh
start_regiond
printf '%-58s %12s %10s %10s\n' endpoint "req/s" "p50" "p99"
for path in /healthz \
    "/v1/profiles/us.anthropic.claude-sonnet-4-20250514-v1%3A0" \
    "/v1/profiles/us.anthropic.claude-3-haiku-20240307-v1%3A0/access?source_region=us-east-2" \
    "/v1/profiles?geo=eu" \
    /v1/profiles \
    /v1/access/audit; do
    out=$(wrk -t2 -c64 -d"${duration}s" --latency "$base$path")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    printf '%-58s %12s %10s %10s\n' "${path:0:58}" "$rps" "$p50" "$p99"
done
