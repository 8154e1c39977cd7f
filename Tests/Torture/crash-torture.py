#!/usr/bin/env python3
"""Kills regiond with SIGKILL at random moments and checks what survives each time.

    crash-torture.py REGIOND_BINARY [--kills N] [--seed S] [--ready-within SECONDS] [--keep]

regiond runs with a refresh every second from a catalog file that is replaced by another variant
every second (the embedded catalog plus 2,000 application profiles, a different third of them
dropped and some routes changed in each variant), while a sender posts health-sample batches.
After each kill, before the restart, on the files the killed process left:
  - `regiond check --json`: `PRAGMA integrity_check` is ok (and the rest of `check`);
  - the registry (`regiond profiles --json`) equals one of the catalogs fed, never a mix;
  - every sample batch that was answered 2xx is stored (each batch has its own `origin`);
then after the restart: the change-log index is not below any index a client saw before the
kill, and `/readyz` answers 200 within --ready-within seconds of the exec (default 1).
Prints the counts; exits 1 if any check failed. Standard library only.
"""
import argparse
import hashlib
import http.client
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMBEDDED = os.path.join(ROOT, "Sources/RegistrySources/Catalog/aws-published.json")
TOKEN = "torture-token"


def routes_digest(profiles):
    """One line per route of each active profile; destinations only where the route lists them."""
    lines = []
    for p in profiles:
        for r in p["routes"]:
            scope = r.get("destination_scope", "regions")
            destinations = ",".join(sorted(r["destination_regions"])) if scope == "regions" else "*"
            lines.append("%s|%s|%s|%s" % (p["id"], r["source_region"], scope, destinations))
    return hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:16]


def make_variants(count):
    sys.path.insert(0, os.path.join(ROOT, "Benchmarks"))
    import importlib
    maker = importlib.import_module("make-large-catalog")
    base = maker.realistic(json.load(open(EMBEDDED)), 2000)
    variants = []
    for k in range(count):
        catalog = json.loads(json.dumps(base))
        kept = []
        for i, p in enumerate(catalog["profiles"]):
            if p["type"] == "APPLICATION" and i % 3 == k % 3:
                continue
            if p["type"] == "SYSTEM_DEFINED" and i % 5 == k % 5 and len(p["routes"][0]["destination_regions"]) > 1:
                p["routes"][0]["destination_regions"] = p["routes"][0]["destination_regions"][:-1]
            kept.append(p)
        catalog["profiles"] = kept
        catalog["name"] = "torture-%d" % k
        variants.append(catalog)
    return variants


class Daemon:
    def __init__(self, binary, work, port):
        self.binary, self.work, self.port = binary, work, port
        self.db = os.path.join(work, "regiond.sqlite3")
        self.log = open(os.path.join(work, "regiond.log"), "ab")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--db", self.db, "--catalog", os.path.join(self.work, "catalog.json"),
             "--listen", "127.0.0.1:%d" % self.port, "--refresh-interval", "1",
             "--token-file", os.path.join(self.work, "token")],
            stdout=subprocess.DEVNULL, stderr=self.log, env={k: v for k, v in os.environ.items() if not k.startswith("REGIOND_")})
        return time.monotonic()

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def command(self, *args):
        out = subprocess.run([self.binary, *args, "--db", self.db], capture_output=True, text=True)
        return out.returncode, out.stdout, out.stderr


def request(port, method, path, body=None, timeout=5):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
        return response.status, response.getheader("X-Regiond-Index"), data
    finally:
        connection.close()


class Sender(threading.Thread):
    """Posts a batch of 20 samples every 20 ms; remembers which batches were answered 2xx."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.port, self.acked, self.next, self.max_index, self.running = port, set(), 0, 0, True
        self.lock = threading.Lock()

    def run(self):
        while self.running:
            self.next += 1
            batch = "t%d" % self.next
            now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
            sample = {"region": "us-east-1", "model_id": "anthropic.claude-3-haiku-20240307-v1:0", "observed_at": now,
                      "latency_ms": 100 + self.next % 50, "outcome": "ok", "origin": batch}
            try:
                status, index, _ = request(self.port, "POST", "/v1/health/samples", json.dumps({"samples": [sample] * 20}))
                with self.lock:
                    if 200 <= status < 300:
                        self.acked.add(batch)
                    if index:
                        self.max_index = max(self.max_index, int(index))
            except OSError:
                pass
            time.sleep(0.02)

    def seen(self):
        with self.lock:
            return set(self.acked), self.max_index


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(port, started, limit):
    while time.monotonic() - started < limit + 30:
        try:
            status, index, _ = request(port, "GET", "/readyz", timeout=1)
            if status == 200:
                return time.monotonic() - started, int(index or 0)
        except OSError:
            pass
        time.sleep(0.01)
    return None, 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("binary")
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--ready-within", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    work = tempfile.mkdtemp(prefix="regiond-torture-")
    open(os.path.join(work, "token"), "w").write(TOKEN)
    variants = make_variants(6)
    digests = {routes_digest(v["profiles"]): v["name"] for v in variants}
    assert len(digests) == len(variants), "variants must differ"
    texts = [json.dumps(v) for v in variants]

    stop_writer = threading.Event()
    def rotate_catalog():
        k = 0
        while not stop_writer.is_set():
            path = os.path.join(work, "catalog.json")
            open(path + ".tmp", "w").write(texts[k % len(texts)])
            os.replace(path + ".tmp", path)
            k += 1
            stop_writer.wait(1.0)
    rotate_catalog_thread = threading.Thread(target=rotate_catalog, daemon=True)
    rotate_catalog_thread.start()
    time.sleep(0.2)

    port = free_port()
    daemon = Daemon(args.binary, work, port)
    counts = {"kills": 0, "clean": 0, "integrity_ok": 0, "matched_a_catalog": 0, "acked_batches": 0,
              "acked_batches_stored": 0, "index_kept": 0, "ready_in_time": 0, "killed_mid_refresh": 0}
    problems, ready_times = [], []
    started = daemon.start()
    ready, _ = wait_ready(port, started, 60)
    if ready is None:
        sys.exit("regiond did not become ready; see %s/regiond.log" % work)
    print("seed %d; work dir %s; first start ready in %.2f s" % (args.seed, work, ready), flush=True)

    for n in range(1, args.kills + 1):
        sender = Sender(port)
        sender.start()
        time.sleep(rng.uniform(0.3, 2.5))
        daemon.kill()
        sender.running = False
        sender.join()
        acked, max_index = sender.seen()
        counts["kills"] += 1
        failed = []

        code, out, err = daemon.command("check", "--json")
        # `check` also fails when the last finished refresh is one a kill interrupted (the restart
        # marks it failed): true, and expected here. Anything else it finds is a failure.
        try:
            found = json.loads(out).get("problems", [])
        except ValueError:
            found = ["unreadable output"]
        found = [p for p in found if not p.startswith("the last refresh failed: interrupted")]
        if code == 0 or (out and not found):
            counts["integrity_ok"] += 1
        else:
            failed.append("check exit %d: %s" % (code, "; ".join(found) or (out + err).strip()[:300]))
        code, out, err = daemon.command("profiles", "--json")
        digest = routes_digest(json.loads(out)["profiles"]) if code == 0 else None
        if digest in digests:
            counts["matched_a_catalog"] += 1
        else:
            failed.append("registry matches no catalog fed (digest %s): a mix" % digest)
        stored = {row[0] for row in sqlite3.connect(daemon.db).execute("SELECT DISTINCT origin FROM health_sample")}
        counts["acked_batches"] += len(acked)
        counts["acked_batches_stored"] += len(acked & stored)
        if acked - stored:
            failed.append("%d batch(es) answered 2xx but not stored, e.g. %s" % (len(acked - stored), sorted(acked - stored)[:3]))

        started = daemon.start()
        ready, index = wait_ready(port, started, args.ready_within)
        if ready is None:
            failed.append("not ready after the restart")
        else:
            ready_times.append(ready)
            if ready <= args.ready_within:
                counts["ready_in_time"] += 1
            else:
                failed.append("ready after %.2f s" % ready)
            if index >= max_index:
                counts["index_kept"] += 1
            else:
                failed.append("index went back from %d to %d" % (max_index, index))
        if failed:
            problems.append((n, failed))
            print("kill %d: %s" % (n, "; ".join(failed)), flush=True)
        else:
            counts["clean"] += 1
        if n % 10 == 0:
            print("... %d kills, %d clean" % (n, counts["clean"]), flush=True)

    daemon.kill()
    stop_writer.set()
    log = open(os.path.join(work, "regiond.log"), errors="replace").read()
    counts["killed_mid_refresh"] = log.count("marked refresh runs interrupted")
    ready_times.sort()
    print()
    for key, value in counts.items():
        print("%-22s %d" % (key, value))
    if ready_times:
        print("%-22s median %.3f s, max %.3f s" % ("ready after restart", ready_times[len(ready_times) // 2], ready_times[-1]))
    print("%d/%d clean restarts" % (counts["clean"], counts["kills"]))
    if not args.keep and not problems:
        subprocess.run(["rm", "-rf", work])
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
