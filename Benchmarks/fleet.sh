#!/usr/bin/env bash
# Fleet figures in one run: reads on 1, 2, 3 replicas of one PostgreSQL, write-to-visible latency,
# takeover after kill -9, sample ingest into PostgreSQL beside SQLite. Builds release unless
# REGIOND_BIN names a binary. Usage: Benchmarks/fleet.sh [seconds per measurement, default 10]
# Needs wrk and Debian's postgresql (apt-get install -y wrk postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
if [ -n "${REGIOND_BIN:-}" ]; then
    bin=$REGIOND_BIN
else
    swift build -c release --product regiond >/dev/null
    bin=$(swift build -c release --show-bin-path)/regiond
fi
python3 Benchmarks/fleet.py "$bin" --seconds "${1:-10}"
