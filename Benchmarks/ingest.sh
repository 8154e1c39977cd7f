# Sourced by the benchmark scripts (after start-regiond.sh): health ingest over HTTP beside a raw
# SQLite insert baseline in C, both into the same table with the same indexes.
# measure_ingest SECONDS prints two lines: the C baseline and POST /v1/health/samples, stored.
# Needs python3, gcc, libsqlite3-dev, and a daemon started with --token-file holding bench-token.

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

# Baseline: C, the system libsqlite3, the same table and indexes, a prepared statement bound per
# row, 1,000-row transactions, WAL, default synchronous (what regiond's store runs with).
cat >"$work/raw.c" <<'C'
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>
int main(int argc, char **argv) {
    sqlite3 *db; sqlite3_stmt *st; struct timespec a, b;
    sqlite3_open(argv[1], &db);
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; CREATE TABLE health_sample (id INTEGER PRIMARY KEY, region TEXT NOT NULL, model_id TEXT, profile_id TEXT, source_region TEXT, observed_at TEXT NOT NULL, latency_ms REAL, ttft_ms REAL, outcome TEXT NOT NULL, http_status INTEGER, origin TEXT) STRICT; CREATE INDEX o ON health_sample (observed_at); CREATE INDEX r ON health_sample (region, model_id, observed_at);", 0, 0, 0);
    sqlite3_prepare_v2(db, "INSERT INTO health_sample (region, model_id, profile_id, source_region, observed_at, latency_ms, ttft_ms, outcome, http_status, origin) VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, 0);
    const char *regions[] = {"us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1"};
    int n = 0; clock_gettime(CLOCK_MONOTONIC, &a);
    for (int t = 0; t < 500; t++) {
        sqlite3_exec(db, "BEGIN", 0, 0, 0);
        for (int i = 0; i < 1000; i++, n++) {
            sqlite3_bind_text(st, 1, regions[n % 5], -1, SQLITE_STATIC);
            sqlite3_bind_text(st, 2, "anthropic.claude-3-haiku-20240307-v1:0", -1, SQLITE_STATIC);
            sqlite3_bind_null(st, 3); sqlite3_bind_null(st, 4);
            sqlite3_bind_text(st, 5, "2026-11-26T03:00:00.000Z", -1, SQLITE_STATIC);
            sqlite3_bind_double(st, 6, 650.5); sqlite3_bind_null(st, 7);
            sqlite3_bind_text(st, 8, "ok", -1, SQLITE_STATIC); sqlite3_bind_null(st, 9);
            sqlite3_bind_text(st, 10, "gateway", -1, SQLITE_STATIC);
            sqlite3_step(st); sqlite3_reset(st);
        }
        sqlite3_exec(db, "COMMIT", 0, 0, 0);
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    printf("%.0f\n", n / ((b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9));
    return 0;
}
C
gcc -O2 -o "$work/raw" "$work/raw.c" -lsqlite3
raw_rate=$("$work/raw" "$work/raw.sqlite3")

measure_ingest() {
    local duration=$1
    count_stored() { python3 -c "import sqlite3,sys; print(sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True).execute('SELECT count(*) FROM health_sample').fetchone()[0])" "$work/regiond.sqlite3"; }
    stored_before=$(count_stored)
    t0=$(date +%s.%N)
    out=$(wrk -t2 -c8 -d"${duration}s" --latency -s "$work/post.lua" "$base/v1/health/samples")
    accepted=$(( $(awk '/requests in/ {print $1}' <<<"$out") * 1000 ))
    non2xx=$(awk '/Non-2xx/ {print $5}' <<<"$out")
    while [ "$(( $(count_stored) - stored_before ))" -lt "$accepted" ]; do sleep 0.2; done
    t1=$(date +%s.%N)
    http_rate=$(python3 -c "print(round($accepted / ($t1 - $t0)))")
    printf '%-44s %12s\n' "raw SQLite insert, C (baseline)" "$raw_rate"
    printf '%-44s %12s  (%s%% of baseline; %s samples; batch p50 %s, p99 %s%s)\n' "POST /v1/health/samples x1000, stored" "$http_rate" \
        "$(python3 -c "print(round(100 * $http_rate / $raw_rate))")" "$accepted" \
        "$(awk '$1 == "50%" {print $2}' <<<"$out")" "$(awk '$1 == "99%" {print $2}' <<<"$out")" "${non2xx:+; non-2xx: $non2xx}"
}
