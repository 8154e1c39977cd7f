#!/usr/bin/env bash
# Health pipeline figures of a release regiond, each beside a baseline measured in the same run:
#   1. ingest over HTTP (POST /v1/health/samples, batches of 1,000, wrk) vs a raw SQLite insert
#      of the same rows into the same table (Python's sqlite3, 1,000-row transactions, WAL);
#   2. GET /v1/profiles/{id}/route and GET /v1/resolve vs /healthz (the server's hello world).
# Targets (issue 4): ingest >= 30% of the raw baseline; route/resolve >= 80% of /healthz.
# Usage: Benchmarks/health.sh [seconds per measurement, default 10]   (needs wrk, python3)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)"; exit 1; }
swift build -c release --product regiond >/dev/null
bin=$(swift build -c release --show-bin-path)/regiond
work=$(mktemp -d)
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$work"' EXIT

echo "bench-token" >"$work/token"
"$bin" serve --db "$work/regiond.sqlite3" --listen 127.0.0.1:0 --token-file "$work/token" --log-level info 2>"$work/log" &
pid=$!
until port=$(grep -o 'address=127.0.0.1:[0-9]*' "$work/log" | head -1 | cut -d: -f2) && [ -n "$port" ]; do
    kill -0 $pid || { cat "$work/log"; exit 1; }
    sleep 0.1
done
base="http://127.0.0.1:$port"
until curl -sf "$base/readyz" >/dev/null; do sleep 0.1; done

# 1,000 samples spread over regions and models of the embedded catalog, observed now.
python3 - "$work" <<'PY'
import json, sys, datetime, random
work = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
regions = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1"]
models = ["anthropic.claude-3-haiku-20240307-v1:0", "anthropic.claude-sonnet-4-20250514-v1:0"]
outcomes = ["ok"] * 17 + ["error", "throttled", "timeout"]
random.seed(1)
samples = [{"region": random.choice(regions), "model_id": random.choice(models), "observed_at": now,
            "latency_ms": round(random.lognormvariate(6.5, 0.6), 1), "outcome": random.choice(outcomes)} for _ in range(1000)]
body = json.dumps({"samples": samples})
open(f"{work}/batch.json", "w").write(body)
open(f"{work}/post.lua", "w").write(f"""
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer bench-token"
wrk.headers["Content-Type"] = "application/json"
local f = io.open("{work}/batch.json", "r"); wrk.body = f:read("*a"); f:close()
""")
PY

measure() {  # url [lua] → "req/s p50 p99"
    local out
    if [ -n "${2:-}" ]; then out=$(wrk -t2 -c"${3:-64}" -d"${duration}s" --latency -s "$2" "$1"); else out=$(wrk -t2 -c64 -d"${duration}s" --latency "$1"); fi
    echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '$1 == "50%" {print $2}' <<<"$out") $(awk '$1 == "99%" {print $2}' <<<"$out")"
}

echo "== ingest (samples/s)"
read -r post_rps post_p50 post_p99 <<<"$(measure "$base/v1/health/samples" "$work/post.lua" 8)"
http_rate=$(python3 -c "print(round($post_rps * 1000))")
raw_rate=$(python3 - "$work" <<'PY'
import sqlite3, sys, time, json
db = sqlite3.connect(f"{sys.argv[1]}/raw.sqlite3", isolation_level=None)
db.execute("PRAGMA journal_mode=WAL"); db.execute("PRAGMA synchronous=NORMAL")
db.execute("""CREATE TABLE health_sample (id INTEGER PRIMARY KEY, region TEXT NOT NULL, model_id TEXT, profile_id TEXT,
  source_region TEXT, observed_at TEXT NOT NULL, latency_ms REAL, ttft_ms REAL, outcome TEXT NOT NULL, http_status INTEGER, origin TEXT) STRICT""")
db.execute("CREATE INDEX o ON health_sample (observed_at)"); db.execute("CREATE INDEX r ON health_sample (region, model_id, observed_at)")
rows = [(s["region"], s["model_id"], None, None, s["observed_at"], s["latency_ms"], None, s["outcome"], None, "gateway")
        for s in json.load(open(f"{sys.argv[1]}/batch.json"))["samples"]]
n, start = 0, time.perf_counter()
while time.perf_counter() - start < 5:
    db.execute("BEGIN"); db.executemany("INSERT INTO health_sample (region, model_id, profile_id, source_region, observed_at, latency_ms, ttft_ms, outcome, http_status, origin) VALUES (?,?,?,?,?,?,?,?,?,?)", rows); db.execute("COMMIT")
    n += len(rows)
print(round(n / (time.perf_counter() - start)))
PY
)
printf '%-40s %12s\n' "raw SQLite insert (baseline)" "$raw_rate"
printf '%-40s %12s  (%s%% of baseline; batch p50 %s, p99 %s)\n' "POST /v1/health/samples x1000" "$http_rate" \
    "$(python3 -c "print(round(100 * $http_rate / $raw_rate))")" "$post_p50" "$post_p99"
stored=$(curl -s "$base/v1/health?region=us-east-1&window=1h" | python3 -c "import json,sys; print(sum(r['stats']['count'] for r in json.load(sys.stdin)['regions']))")
echo "(us-east-1 samples counted in the last hour: $stored)"

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
