#!/usr/bin/env bash
# Property-based check of the live API against its OpenAPI document with schemathesis: every
# documented operation, generated valid and invalid inputs, response schemas, status codes,
# headers, undocumented methods. Not part of `swift test` (it needs PyPI and ~1 minute).
# Usage: Tests/contract-fuzz.sh [max examples per operation, default 100] [schemathesis run options…]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v schemathesis >/dev/null || pip install -q schemathesis
swift build --product regiond >/dev/null
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT
echo "fuzz-token" >"$work/token"
"$(swift build --show-bin-path)/regiond" serve --db "$work/db.sqlite3" --listen 127.0.0.1:0 --token-file "$work/token" 2>"$work/log" &
pid=$!
until port=$(grep -o 'address=127.0.0.1:[0-9]*' "$work/log" | head -1 | cut -d: -f2) && [ -n "$port" ]; do
    kill -0 $pid || { cat "$work/log"; exit 1; }
    sleep 0.1
done
schemathesis --config-file Tests/contract-fuzz.toml run "http://127.0.0.1:$port/openapi.json" -H "Authorization: Bearer fuzz-token" \
    --checks all --max-examples "${1:-100}" --workers 1 "${@:2}"
if grep -q " error " "$work/log"; then echo "the daemon logged errors:"; grep " error " "$work/log"; exit 1; fi
