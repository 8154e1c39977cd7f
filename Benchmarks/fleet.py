#!/usr/bin/env python3
"""Fleet figures on this machine, in one run (Benchmarks/fleet.sh builds release and calls this):
read throughput of 1, 2 and 3 replicas on one PostgreSQL (wrk on each at once, summed), the
write-to-visible latency of a grant PUT on one replica as seen by another (p50/p99), takeover
time after kill -9 of the leader, and sample ingest into PostgreSQL beside SQLite.
Usage: fleet.py BINARY [--seconds 10] [--writes 200]. Needs wrk, psql and Debian's postgresql."""
import argparse, json, os, re, signal, subprocess, sys, tempfile, threading, time, urllib.request

HAIKU = "us.anthropic.claude-3-haiku-20240307-v1%3A0"
MODEL = "anthropic.claude-3-haiku-20240307-v1%3A0"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def http(port, path, method="GET", body=None):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", method=method, data=body.encode() if body else None,
                                     headers={"Authorization": "Bearer bench-token", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, {}


class Replica:
    def __init__(self, binary, db, work, name):
        self.log = open(f"{work}/{name}.log", "w+")
        self.process = subprocess.Popen([binary, "serve", "--db", db, "--listen", "127.0.0.1:0", "--token-file", f"{work}/token",
                                         "--config", f"{work}/regiond.json"], stderr=self.log, stdout=subprocess.DEVNULL)
        self.port = None
        while self.port is None:
            self.log.seek(0)
            found = re.search(r"address=127\.0\.0\.1:(\d+)", self.log.read())
            if found: self.port = int(found.group(1))
            elif self.process.poll() is not None: sys.exit(f"{name} exited: see {work}/{name}.log")
            else: time.sleep(0.05)

    def ready(self):
        return http(self.port, "/readyz")[0] == 200

    def leads(self):
        return http(self.port, "/v1/status")[1].get("fleet", {}).get("leader") is True


def wait(condition, limit=60):
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if condition(): return time.monotonic() - started
        time.sleep(0.01)
    return None


def wrk(ports, seconds, path, lua=None):
    """wrk on every port at once (2 threads, 64 connections split); returns total req/s and the worst p99."""
    def one(port, out):
        args = ["wrk", "-t1", f"-c{max(8, 64 // len(ports))}", f"-d{seconds}s", "--latency"] + (["-s", lua] if lua else [])
        out.append(subprocess.run(args + [f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True).stdout)
    outs = []
    threads = [threading.Thread(target=one, args=(port, outs)) for port in ports]
    for thread in threads: thread.start()
    for thread in threads: thread.join()
    rate = sum(float(re.search(r"Requests/sec:\s+([\d.]+)", o).group(1)) for o in outs)
    p99 = max(o.split("99%")[1].split()[0] for o in outs)
    failed = sum(int(m.group(1)) for o in outs for m in [re.search(r"Non-2xx or 3xx responses: (\d+)", o)] if m)
    if failed: print(f"  ({failed} answers were not 2xx)")
    return rate, p99


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--writes", type=int, default=200)
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="regiond-fleet-")
    os.chmod(work, 0o755)  # the cluster below it runs as the postgres user
    open(f"{work}/token", "w").write("bench-token\n")
    open(f"{work}/regiond.json", "w").write(json.dumps({"fleet": {"takeover_seconds": 2}}))
    cluster = f"{work}/pg"
    line = subprocess.run([f"{ROOT}/Tests/postgres-cluster.sh", "start", cluster, "55439"], check=True, capture_output=True, text=True).stdout
    admin = line.strip().split("=", 1)[1]
    replicas = []
    try:
        subprocess.run(["psql", admin, "-qc", "CREATE DATABASE fleet"], check=True)
        db = admin.replace("/postgres?", "/fleet?")
        replicas = [Replica(args.binary, db, work, f"replica{n}") for n in range(3)]
        wait(lambda: all(r.ready() for r in replicas))
        print(f"machine: {os.cpu_count()} cores; {args.seconds} s per wrk measurement; PostgreSQL {subprocess.run(['psql', admin, '-Atc', 'SHOW server_version'], capture_output=True, text=True).stdout.strip()}")
        print(f"{'figure':52} value")
        for count in (1, 2, 3):
            rate, p99 = wrk([r.port for r in replicas[:count]], args.seconds, f"/v1/profiles/{HAIKU}")
            print(f"{f'profile lookups, {count} replica(s) at once':52} {rate:,.0f} req/s (worst p99 {p99})")
        latencies = []
        for n in range(args.writes):
            status = "granted" if n % 2 == 0 else "denied"
            started = time.monotonic()
            assert http(replicas[0].port, f"/v1/grants/us-east-1/{MODEL}", "PUT", json.dumps({"status": status, "note": None}))[0] == 200
            seen = lambda: any(g.get("status") == status for g in http(replicas[1].port, "/v1/grants?origin=manual")[1].get("grants", []))
            while not seen(): time.sleep(0.001)
            latencies.append((time.monotonic() - started) * 1000)
        latencies.sort()
        print(f"{'grant PUT on A, visible on B: p50 / p99':52} {latencies[len(latencies) // 2]:.1f} / {latencies[int(len(latencies) * 0.99)]:.1f} ms ({args.writes} writes)")
        leader = next(r for r in replicas if r.leads())
        others = [r for r in replicas if r is not leader]
        leader.process.send_signal(signal.SIGKILL)
        killed = time.monotonic()
        took = wait(lambda: any(r.leads() for r in others), 30)
        print(f"{'takeover after kill -9 of the leader (takeover_seconds 2)':52} {took:.2f} s" if took else "takeover: none within 30 s")
        for name, port in (("PostgreSQL", others[0].port),):
            ingest(args, work, name, port, lambda: int(subprocess.run(["psql", db, "-Atc", "SELECT count(*) FROM health_sample"], capture_output=True, text=True).stdout))
        lone = Replica(args.binary, f"{work}/lone.sqlite3", work, "sqlite")
        wait(lone.ready)
        import sqlite3
        ingest(args, work, "SQLite (one daemon)", lone.port, lambda: sqlite3.connect(f"{work}/lone.sqlite3").execute("SELECT count(*) FROM health_sample").fetchone()[0])
        lone.process.terminate()
    finally:
        for replica in replicas:
            if replica.process.poll() is None: replica.process.terminate()
        subprocess.run([f"{ROOT}/Tests/postgres-cluster.sh", "stop", cluster], capture_output=True)


def ingest(args, work, name, port, count):
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    batch = {"samples": [{"region": "us-east-1", "model_id": MODEL.replace("%3A", ":"), "observed_at": now, "latency_ms": 100 + n % 50,
                          "outcome": "ok"} for n in range(1000)]}
    open(f"{work}/batch.json", "w").write(json.dumps(batch))
    open(f"{work}/post.lua", "w").write(f'wrk.method = "POST"\nwrk.headers["Authorization"] = "Bearer bench-token"\n'
                                        f'wrk.headers["Content-Type"] = "application/json"\nlocal f = io.open("{work}/batch.json")\nwrk.body = f:read("*a")\nf:close()\n')
    before = count()
    started = time.monotonic()
    wrk([port], args.seconds, "/v1/health/samples", f"{work}/post.lua")
    stored = count() - before
    print(f"{'sample ingest into ' + name + ', stored':52} {stored / (time.monotonic() - started):,.0f} samples/s")


if __name__ == "__main__":
    main()
