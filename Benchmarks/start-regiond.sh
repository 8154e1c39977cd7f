# Sourced by the benchmark scripts: builds a release regiond and starts it on a free port.
# Sets $bin, $work (a temporary directory, removed at exit), $pid and $base; extra arguments go
# to `regiond serve`. REGIOND_BIN=path runs that binary instead of building (to compare two
# builds, e.g. before and after a change, in one session on a noisy machine).
source "$(dirname "${BASH_SOURCE[0]}")/release-binary.sh"
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

start_regiond() {
    "$bin" serve --db "$work/regiond.sqlite3" --listen 127.0.0.1:0 --log-level info "$@" 2>"$work/log" &
    pid=$!
    local port
    until port=$(grep -o 'address=127.0.0.1:[0-9]*' "$work/log" | head -1 | cut -d: -f2) && [ -n "$port" ]; do
        kill -0 $pid || { cat "$work/log"; exit 1; }
        sleep 0.1
    done
    base="http://127.0.0.1:$port"
    until curl -sf "$base/readyz" >/dev/null; do sleep 0.1; done
}

measure() {  # url [lua] → "req/s p50 p99"
    local out
    if [ -n "${2:-}" ]; then out=$(wrk -t2 -c"${3:-64}" -d"${duration}s" --latency -s "$2" "$1"); else out=$(wrk -t2 -c64 -d"${duration}s" --latency "$1"); fi
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}
