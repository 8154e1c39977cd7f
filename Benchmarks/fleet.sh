#!/usr/bin/env bash
# Fleet figures in one run: reads on 1, 2, 3 replicas of one PostgreSQL, write-to-visible latency,
# takeover after kill -9, sample ingest into PostgreSQL beside SQLite. Builds release unless
# REGIOND_BIN names a binary. Usage: Benchmarks/fleet.sh [seconds per measurement, default 10]
# Needs wrk and Debian's postgresql (apt-get install -y wrk postgresql).
set -euo pipefail
cd "$(dirname "$0")/.."
source Benchmarks/release-binary.sh
python3 Benchmarks/fleet.py "$bin" --seconds "${1:-10}"
