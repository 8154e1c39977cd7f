#!/usr/bin/env python3
"""The scale phases of Benchmarks/run.sh: scale.py BIN WORK SECONDS. Prints one table."""
import json, os, platform, re, signal, subprocess, sys, time, urllib.request

BIN, WORK, SECONDS = sys.argv[1], sys.argv[2], int(sys.argv[3])
TOKEN = os.path.join(WORK, "scale-token")
open(TOKEN, "w").write("scale-token\n")
rows = []


def row(figure, value, target, met, note=""):
    rows.append((figure, value, target, "yes" if met else "NO", note))


def start(db, catalog):
    log = open(os.path.join(WORK, "scale.log"), "a")
    started = time.monotonic()
    process = subprocess.Popen([BIN, "serve", "--db", db, "--catalog", catalog, "--listen", "127.0.0.1:0",
                                "--token-file", TOKEN, "--refresh-interval", "86400"], stderr=subprocess.PIPE, text=True)
    port = None
    while port is None:
        line = process.stderr.readline()
        log.write(line)
        found = re.search(r"address=127\.0\.0\.1:(\d+)", line)
        if found:
            port = int(found.group(1))
        if not line and process.poll() is not None:
            sys.exit("regiond exited: see " + log.name)
    base = "http://127.0.0.1:%d" % port
    while True:
        try:
            if urllib.request.urlopen(base + "/readyz", timeout=5).status == 200:
                break
        except Exception:
            time.sleep(0.005)
    ready = time.monotonic() - started
    # Keep reading the log so the pipe never fills.
    import threading
    threading.Thread(target=lambda: [log.write(l) for l in process.stderr], daemon=True).start()
    return process, base, ready


def stop(process):
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)


def rss_mib(process):
    for line in open("/proc/%d/status" % process.pid):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0


def refresh(base):
    request = urllib.request.Request(base + "/v1/refresh", method="POST", headers={"Authorization": "Bearer scale-token"})
    started = time.monotonic()
    run = json.load(urllib.request.urlopen(request, timeout=300))
    return time.monotonic() - started, run


def wrk(url, connections=64):
    out = subprocess.run(["wrk", "-t2", "-c%d" % connections, "-d%ds" % SECONDS, "--latency", url], capture_output=True,
                         text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    def ms(label):
        value = re.search(r"^\s+%s\s+([\d.]+)(us|ms|s)" % label, out, re.M)
        scale = {"us": 0.001, "ms": 1, "s": 1000}[value.group(2)]
        return float(value.group(1)) * scale
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, ms("50%"), ms("99%"), int(errors.group(1)) if errors else 0


def first_refresh(catalog, name):
    db = os.path.join(WORK, name + ".sqlite3")
    started = time.monotonic()
    subprocess.run([BIN, "refresh", "--once", "--catalog", catalog, "--db", db], check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return db, time.monotonic() - started


def scale_phases(name, catalog, full):
    db, first = first_refresh(catalog, name)
    row("%s: first refresh into an empty database" % name, "%.2f s" % first, "≤ 2 s", first <= 2)
    process, base, _ = start(db, catalog)
    unchanged, run = refresh(base)
    row("%s: refresh with nothing changed" % name, "%.2f s" % unchanged, "≤ 0.5 s", unchanged <= 0.5,
        "%d changes" % (run["added"] + run["changed"] + run["removed"]))
    stop(process)
    process, base, ready = start(db, catalog)
    row("%s: ready after a restart" % name, "%.2f s" % ready, "≤ 0.5 s", ready <= 0.5)
    time.sleep(2)
    idle = rss_mib(process)
    row("%s: resident memory, idle" % name, "%.0f MiB" % idle, "≤ 64 MiB", idle <= 64)
    if full:
        lookups(base, process)
    stop(process)


def lookups(base, process):
    profile = "us.vendor00.model-0000-v1%3A0"
    detail = json.load(urllib.request.urlopen(base + "/v1/profiles/" + profile))
    source = detail["routes"][0]["source_region"]
    hello = wrk(base + "/healthz")
    row("/healthz", "%.0f req/s, p99 %.2f ms" % (hello[0], hello[2]), "baseline", True)
    paths = [("profile", "/v1/profiles/" + profile), ("access", "/v1/profiles/%s/access?source_region=%s" % (profile, source)),
             ("route", "/v1/profiles/%s/route?source_region=%s" % (profile, source))]
    for label, path in paths:
        rps, _, p99, errors = wrk(base + path)
        row("%s lookup vs /healthz" % label, "%.2f× (%.0f req/s)" % (rps / hello[0], rps), "≥ 0.9×", rps / hello[0] >= 0.9,
            "%d non-2xx" % errors if errors else "")
        row("%s p99 vs /healthz p99" % label, "%.2f ms = %.2f×" % (p99, p99 / hello[2]), "≤ 1.2×", p99 / hello[2] <= 1.2)
    page = wrk(base + "/v1/profiles?geo=eu&source_region=us-east-1&limit=100")
    row("page of 100 of a large list vs /healthz", "%.2f× (%.0f req/s, p99 %.1f ms)" % (page[0] / hello[0], page[0], page[2]),
        "≥ 0.5×", page[0] / hello[0] >= 0.5)
    loaded = rss_mib(process)
    row("resident memory after %d s of load" % (SECONDS * 5), "%.0f MiB" % loaded, "≤ 96 MiB", loaded <= 96)


scale_phases("large", os.path.join(WORK, "large.json"), full=True)
scale_phases("realistic", os.path.join(WORK, "realistic.json"), full=False)

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
memory = next((l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal")), "0")
print("machine: %s, %d cores, %.0f GiB, %s" % (cpu, os.cpu_count(), int(memory) / 1048576, platform.platform()))
print("large: 2,000 profiles × 30 source regions × 6 destinations (60,000 routes); realistic: the embedded catalog + 2,000 application profiles")
widths = [max(len(str(r[i])) for r in rows + [("figure", "measured", "target", "met", "")]) for i in range(5)]
for r in [("figure", "measured", "target", "met", "")] + rows:
    print("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
