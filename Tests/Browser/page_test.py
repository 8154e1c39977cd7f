#!/usr/bin/env python3
"""Real-browser test of regiond's operator page (headless Chromium through Selenium).

    python3 Tests/Browser/page_test.py --binary .build/debug/regiond --out /tmp/page-shots
    python3 Tests/Browser/page_test.py --binary BIN --out DIR --page-dir Sources/RegistryHTTP/Page

Starts its own regiond on a free loopback port (temp database and token), sets grants and
health samples through the API, opens the page and checks it against the API's own answers:
rows and every cell of the us-east-1 matrix (from GET /v1/profiles/{id}/access), incomplete rows
first, per-geography counts, residency and lifecycle; that grants changed through the API show
in the open page within 2 s without a reload; keyboard focus shows a cell's reason; the health
table and change list; the stale banner (a second regiond whose catalog breaks after its first
refresh, with refresh.stale_after = 2 s); failing regions with their errors (a third regiond on
the AWS source whose Bedrock endpoint is a closed loopback port); no console errors; no secret on the page; no page-level
horizontal overflow at 400 px; screenshots page-1280.png and page-400.png in --out.

By default regiond serves the page itself (GET /, /page.css, /page.js, /page-render.js with the CSP). With
--page-dir, a small proxy (devproxy.py) serves the files from that directory with the same CSP
and forwards everything else to regiond.

Needs: Debian's chromium and chromium-driver, and selenium from PyPI. Exit 0 when every check
passed, 1 otherwise; prints each check, the duration, and "N passed, M failed".
"""

import argparse
import base64
import concurrent.futures
import datetime
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

sys.dont_write_bytecode = True      # no __pycache__ beside the test
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from devproxy import CSP, DevProxy  # noqa: E402

SOURCE = "us-east-1"
SONNET = "anthropic.claude-sonnet-4-5-20250929-v1:0"
NOVA_PRO = "amazon.nova-pro-v1:0"
MORE_GRANTED = ["anthropic.claude-haiku-4-5-20251001-v1:0", "amazon.nova-lite-v1:0"]
LIVE_BUDGET_S = 2.0

# ------------------------------------------------------------------ small tools


class Checks:
    def __init__(self):
        self.passed, self.failed = [], []

    def check(self, name, ok, detail=""):
        (self.passed if ok else self.failed).append((name, detail))
        print(f"  {'ok  ' if ok else 'FAIL'} {name}{(': ' + detail) if detail else ''}", flush=True)
        return ok


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(fn, timeout, interval=0.02, what="condition"):
    """Polls fn until it returns something truthy; returns (value, seconds). Raises on timeout."""
    start = time.monotonic()
    last_error = None
    while True:
        try:
            value = fn()
            if value:
                return value, time.monotonic() - start
        except Exception as e:  # a transient DOM or HTTP state: keep polling
            last_error = e
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{what} not met within {timeout} s" + (f" (last error: {last_error})" if last_error else ""))
        time.sleep(interval)


class Api:
    def __init__(self, base, token=None):
        self.base, self.token = base.rstrip("/"), token

    def call(self, method, path, body=None, auth=False):
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base + "/" + path.lstrip("/"), data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", "Bearer " + self.token)
        with urllib.request.urlopen(req, timeout=15) as resp:
            raw = resp.read()
            return (json.loads(raw) if raw else None), resp.headers

    def get(self, path):
        return self.call("GET", path)[0]

    def get_all(self, path, key):
        items, after = [], None
        while True:
            page = self.get(path + (("&after=" + urllib.parse.quote(after)) if after else ""))
            items += page[key]
            after = page.get("next")
            if not after:
                return items

    def grant(self, region, model, status):
        q = urllib.parse.quote
        path = f"v1/grants/{q(region, safe='')}/{q(model, safe='')}"
        if status is None:
            return self.call("DELETE", path, auth=True)[1]
        return self.call("PUT", path, {"status": status, "note": "page_test"}, auth=True)[1]


class Daemon:
    def __init__(self, binary, workdir, name, args=(), config=None, env=None, clean_env=False):
        self.port = free_port()
        self.name = name
        self.log_path = os.path.join(workdir, name + ".log")
        cmd = [binary, "serve", "--db", os.path.join(workdir, name + ".sqlite3"),
               "--listen", f"127.0.0.1:{self.port}", *args]
        if config is not None:
            path = os.path.join(workdir, name + ".json")
            with open(path, "w") as f:
                json.dump(config, f)
            cmd += ["--config", path]
        self.log = open(self.log_path, "w")
        base_env = {} if clean_env else {**os.environ, "REGIOND_LOG_LEVEL": "warning"}
        self.proc = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                     env={**base_env, **(env or {})})
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self, timeout=30, path="/readyz"):
        def ready():
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2) as r:
                    return r.status == 200
            except (urllib.error.URLError, ConnectionError, OSError):
                return False
        wait_until(ready, timeout, interval=0.05, what=f"{self.name} ready")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def health_samples(now):
    """A clear picture per region: us-east-1 fine, us-east-2 throttled, us-west-2 failing."""
    samples = []
    plan = {"us-east-1": ("ok", 900), "us-east-2": ("throttled", 4000), "us-west-2": ("error", 2500)}
    for region, (bad, latency) in plan.items():
        for i in range(30):
            outcome = bad if (bad != "ok" and i % 3 == 0) else "ok"
            at = (now - datetime.timedelta(seconds=5 + i)).strftime("%Y-%m-%dT%H:%M:%SZ")
            samples.append({"region": region, "model_id": SONNET, "source_region": SOURCE, "observed_at": at,
                            "latency_ms": latency + 37 * i, "outcome": outcome})
    return {"samples": samples}


# ------------------------------------------------------------------ the browser

MATRIX_JS = """
return [...document.querySelectorAll('#matrix tbody tr[data-profile]')].map(tr => ({
  id: tr.dataset.profile, complete: tr.dataset.complete, resident: tr.dataset.resident, geo: tr.dataset.geo,
  lifecycle: (tr.querySelector('td.lifecycle') || {dataset: {}}).dataset.lifecycle || '',
  rowHeader: !!tr.querySelector('th[scope=row]'),
  cells: Object.fromEntries([...tr.querySelectorAll('td[data-region]')].map(td => [td.dataset.region, {
    state: td.dataset.state, grant: td.dataset.grantState || '', via: td.dataset.via || '',
    text: td.textContent.trim(), title: td.title, tabindex: td.getAttribute('tabindex')}]))
}));
"""

CELL_STATE_JS = """
const tr = [...document.querySelectorAll('#matrix tbody tr')].find(r => r.dataset.profile === arguments[0]);
const td = tr && [...tr.querySelectorAll('td[data-region]')].find(c => c.dataset.region === arguments[1]);
return td ? td.dataset.state : null;
"""


def start_browser(chromium, chromedriver):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    opts = webdriver.ChromeOptions()
    opts.binary_location = chromium
    for a in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
              "--window-size=1280,900", "--no-first-run", "--no-default-browser-check",
              "--disable-background-networking", "--disable-component-update", "--disable-sync",
              "--disable-extensions", "--lang=en-US"]:
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(executable_path=chromedriver), options=opts)


def set_viewport(driver, width, height=900):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
    wait_until(lambda: driver.execute_script("return window.innerWidth") == width, 5, what=f"viewport {width}")


def full_page_screenshot(driver, path, width, max_height=6000):
    height = min(max_height, driver.execute_script("return document.documentElement.scrollHeight"))
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))


def console_errors(driver):
    entries = driver.get_log("browser")
    return [e for e in entries if e.get("level") == "SEVERE"], [e for e in entries if e.get("level") == "WARNING"]


# ------------------------------------------------------------------ checks


def expected_matrix(api, source):
    profiles = api.get_all(f"v1/profiles?source_region={source}&limit=1000", "profiles")
    q = urllib.parse.quote

    def access(p):
        return p["id"], api.get(f"v1/profiles/{q(p['id'], safe='')}/access?source_region={source}")
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        answers = dict(pool.map(access, profiles))
    return {p["id"]: (p, answers[p["id"]]) for p in profiles}


def compare_matrix(expected, rows, source):
    """Every problem between the page's matrix and the API's /access answers."""
    problems = []
    by_id = {r["id"]: r for r in rows}
    if set(by_id) != set(expected):
        problems.append(f"rows differ: missing {sorted(set(expected) - set(by_id))[:5]}, extra {sorted(set(by_id) - set(expected))[:5]}")
    for pid, (profile, ra) in expected.items():
        row = by_id.get(pid)
        if not row:
            continue
        if row["complete"] != str(ra["complete"]).lower():
            problems.append(f"{pid}: data-complete {row['complete']!r}, API complete {ra['complete']}")
        if row["resident"] != str(ra["residency"]["resident"]).lower():
            problems.append(f"{pid}: data-resident {row['resident']!r}, API {ra['residency']}")
        lc = (ra.get("lifecycle") or {}).get("status", "")
        if row["lifecycle"] != lc:
            problems.append(f"{pid}: lifecycle {row['lifecycle']!r}, API {lc!r}")
        route = next(r for r in profile["routes"] if r["source_region"] == source)
        dests = set(route["destination_regions"])
        by_region = {d["region"]: d for d in ra["destinations"]}
        judged = by_region.get(source) if ra["destination_scope"] == "commercial" else None
        for region, cell in row["cells"].items():
            if not cell["text"] or not cell["title"]:
                problems.append(f"{pid}/{region}: cell without text or title")
            if region == "commercial" or (judged and region not in by_region and region in dests):
                want, want_grant = (judged["status"], judged["state"] or "") if judged else ("none", "")
            elif region in by_region:
                want, want_grant = by_region[region]["status"], by_region[region]["state"] or ""
            else:
                want, want_grant = ("none", "") if region not in dests else ("?", "")
            if cell["state"] != want or (want != "none" and cell["grant"] != want_grant):
                problems.append(f"{pid}/{region}: page {cell['state']}/{cell['grant']}, API {want}/{want_grant}")
        for region in by_region:
            if region not in row["cells"]:
                problems.append(f"{pid}: no cell for destination {region}")
    return problems


def check_page_served(checks, base):
    """True when every page file answers 200 with the CSP."""
    served = True
    for path, ctype in [("/", "text/html"), ("/page.css", "text/css"), ("/page.js", "javascript"), ("/page-render.js", "javascript")]:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as r:
                csp = r.headers.get("Content-Security-Policy", "")
                norm = lambda s: sorted(x.strip() for x in s.split(";") if x.strip())  # noqa: E731
                served &= checks.check(f"GET {path} served with the CSP", norm(csp) == norm(CSP) and ctype in r.headers.get("Content-Type", ""),
                                       f"Content-Type {r.headers.get('Content-Type')!r}, CSP {csp!r}")
        except urllib.error.HTTPError as e:
            served = checks.check(f"GET {path} served with the CSP", False, f"HTTP {e.code} (the daemon does not serve the page yet? use --page-dir)")
    return served


def run(args, checks, workdir, timings):
    t = time.monotonic()
    token = secrets.token_hex(16)
    token_path = os.path.join(workdir, "token")
    with open(token_path, "w") as f:
        f.write(token + "\n")

    # The main daemon: embedded catalog, a residency guard (global routes leave it), health
    # evaluated every second without hysteresis so states show within the run.
    main = Daemon(args.binary, workdir, "main", ["--token-file", token_path, "--guard-geographies", "North America"],
                  config={"health": {"evaluation_interval": 1, "thresholds": {"consecutive_windows": 1}}})
    # The stale daemon: a catalog file that breaks after the first refresh, refreshing every
    # second, stale after 2 s without a success.
    catalog = os.path.join(workdir, "stale-catalog.json")
    with open(catalog, "w") as f:
        subprocess.run([args.binary, "catalog", "show"], stdout=f, check=True)
    stale = Daemon(args.binary, workdir, "stale", ["--catalog", catalog, "--refresh-interval", "1"],
                   config={"refresh": {"stale_after": 2}})
    # The failing daemon: the AWS source with its Bedrock endpoint on a closed loopback port, so
    # every region's read fails (nothing leaves the machine: static dummy keys, no metadata service).
    aws_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    aws_env.update({"AWS_ACCESS_KEY_ID": "AKIDPAGETEST", "AWS_SECRET_ACCESS_KEY": "page-test-not-a-secret",
                    "AWS_EC2_METADATA_DISABLED": "true", "REGIOND_LOG_LEVEL": "critical"})
    failing = Daemon(args.binary, workdir, "failing", ["--source", "aws", "--regions", "us-east-1,eu-west-1",
                                                       "--aws-endpoint", f"http://127.0.0.1:{free_port()}"],
                     config={"refresh": {"stale_after": 2}, "aws": {"max_attempts": 1, "timeout": 1}}, env=aws_env, clean_env=True)
    daemons = [main, stale, failing]
    proxies = []
    driver = None
    try:
        main.wait_ready()
        stale.wait_ready()
        failing.wait_ready(path="/healthz")   # never ready: no refresh succeeds
        with open(catalog, "w") as f:
            f.write('{"broken": ')          # every refresh from now on fails
        timings["daemons ready"] = time.monotonic() - t

        if args.page_dir:
            proxies = [DevProxy(args.page_dir, ("127.0.0.1", d.port)).start() for d in daemons]
            page_base, stale_base, failing_base = (f"http://127.0.0.1:{p.port}" for p in proxies)
        else:
            page_base, stale_base, failing_base = main.url, stale.url, failing.url
        if not check_page_served(checks, page_base):
            return timings                  # nothing to test in a browser

        api = Api(main.url, token)
        api.grant("us-east-1", SONNET, "granted")
        api.grant("us-east-2", SONNET, "granted")
        api.grant("us-west-2", SONNET, "granted")
        for model in MORE_GRANTED:          # a few complete routes, for a picture with every state
            route = next(r for r in api.get("v1/profiles/us." + urllib.parse.quote(model, safe=""))["routes"] if r["source_region"] == SOURCE)
            for region in route["destination_regions"]:
                api.grant(region, model, "granted")
        headers = api.grant("us-west-2", NOVA_PRO, "denied")
        setup_index = int(headers.get("X-Regiond-Index", "0"))
        api.call("POST", "v1/health/samples", health_samples(datetime.datetime.now(datetime.timezone.utc)), auth=True)
        expected = expected_matrix(api, SOURCE)

        t = time.monotonic()
        driver = start_browser(args.chromium, args.chromedriver)
        timings["browser start"] = time.monotonic() - t
        t = time.monotonic()
        driver.get(page_base + "/#source=" + SOURCE)

        def matrix_loaded():
            rows = driver.execute_script(MATRIX_JS)
            if len(rows) == len(expected) and all(c["state"] != "loading" for r in rows for c in r["cells"].values()):
                return rows
        rows, secs = wait_until(matrix_loaded, 20, interval=0.05, what="matrix loaded")
        timings["page to full matrix"] = secs
        print(f"  matrix of {len(rows)} rows loaded in {secs:.2f} s", flush=True)

        # -- the matrix against the API
        problems = compare_matrix(expected, rows, SOURCE)
        checks.check("matrix rows and every cell match GET /v1/profiles/{id}/access", not problems,
                     "; ".join(problems[:6]) + (f" (+{len(problems) - 6})" if len(problems) > 6 else ""))
        sonnet_row = next((r for r in rows if r["id"] == "us." + SONNET), None)
        checks.check("granted sonnet 4.5 route is complete, its cells say granted",
                     sonnet_row is not None and sonnet_row["complete"] == "true"
                     and all(c["state"] == "granted" and "granted" in c["text"] for c in sonnet_row["cells"].values() if c["state"] != "none"))
        nova = next((r for r in rows if r["id"] == "us." + NOVA_PRO), {"cells": {}})
        cell = nova["cells"].get("us-west-2", {})
        checks.check("denied cell shows a symbol and a word, not only colour", cell.get("state") == "denied" and cell.get("text", "").startswith("✗ denied"), repr(cell.get("text")))
        flags = [r["complete"] for r in rows]
        checks.check("incomplete rows first", "false" not in flags[flags.index("true"):] if "true" in flags else True)
        geo_incomplete = {}
        for pid, (p, ra) in expected.items():
            geo_incomplete[p["geo"]] = geo_incomplete.get(p["geo"], 0) + (0 if ra["complete"] else 1)
        shown = driver.execute_script("return Object.fromEntries([...document.querySelectorAll('#incomplete-summary .geo-count')].map(e => [e.dataset.geo, e.textContent]))")
        checks.check("incomplete routes counted per geography", all(shown.get(g, "").endswith(f": {n}") for g, n in geo_incomplete.items()), f"page {shown}, API {geo_incomplete}")
        leaving = [pid for pid, (p, ra) in expected.items() if not ra["residency"]["resident"]]
        where = driver.execute_script("const tr = [...document.querySelectorAll('#matrix tbody tr')].find(r => r.dataset.profile === arguments[0]); return tr ? tr.querySelector('td.residency').textContent + ' ' + tr.querySelector('td.residency').title : ''", leaving[0] if leaving else "")
        checks.check("rows leaving the residency guard are marked with where to", bool(leaving) and "leaves" in where and expected[leaving[0]][1]["residency"]["outside"][0] in where, where[:120])

        # -- semantics and keyboard
        sem = driver.execute_script("""
          const t = document.getElementById('matrix');
          return {caption: (t.caption && t.caption.textContent.trim()) || '', cols: t.querySelectorAll('thead th[scope=col]').length,
                  rowsWithHeader: [...t.tBodies[0].rows].every(r => r.querySelector('th[scope=row]')),
                  tabStops: t.querySelectorAll('td.cell[tabindex="0"]').length,
                  focusable: [...t.querySelectorAll('td.cell')].every(c => c.hasAttribute('tabindex')),
                  health: document.querySelectorAll('#health thead th[scope=col]').length,
                  select: document.getElementById('source-region').value, hash: location.hash};""")
        checks.check("matrix is a table with caption, th scope=col and scope=row", sem["caption"] != "" and sem["cols"] > 2 and sem["rowsWithHeader"], json.dumps(sem))
        checks.check("cells focusable with one tab stop", sem["focusable"] and sem["tabStops"] == 1)
        checks.check("source region select and URL hash say us-east-1", sem["select"] == SOURCE and f"source={SOURCE}" in sem["hash"])
        from selenium.webdriver.common.keys import Keys
        first = driver.find_element("css selector", "#matrix tbody td.cell[tabindex='0']")
        driver.execute_script("arguments[0].focus()", first)
        driver.switch_to.active_element.send_keys(Keys.ARROW_RIGHT)
        focus = driver.execute_script("const a = document.activeElement; return {title: a.title || '', region: a.dataset.region || '', prev: arguments[0].dataset.region, detail: document.getElementById('cell-detail').textContent}", first)
        checks.check("arrow key moves focus and the reason shows on focus", focus["region"] != focus["prev"] and focus["title"] != "" and focus["detail"] == focus["title"], focus["detail"][:100])

        # -- health table and change log
        api_health = {e["region"]: e for e in api.get("v1/health")["regions"]}

        def health_matches():
            page = driver.execute_script("return Object.fromEntries([...document.querySelectorAll('#health tbody tr')].map(r => [r.dataset.region, r.dataset.state]))")
            now = {e["region"]: e["state"] for e in api.get("v1/health")["regions"]}
            return page if now and all(page.get(r) == s for r, s in now.items()) else None
        try:
            page_health, _ = wait_until(health_matches, 5, interval=0.1, what="health table matches v1/health")
            checks.check("health table shows each region's state from v1/health", True, json.dumps(page_health))
        except TimeoutError as e:
            checks.check("health table shows each region's state from v1/health", False, f"{e}; API {list(api_health)}")
        changes = driver.execute_script("return [...document.querySelectorAll('#changes li[data-index]')].map(li => Number(li.dataset.index))")
        checks.check("change list holds the latest entries (at most 50)", 0 < len(changes) <= 50 and setup_index in changes, f"{len(changes)} entries, newest {changes[:1]}")
        checks.check("no stale banner on a fresh daemon", not driver.find_element("id", "stale-banner").is_displayed())

        # -- live: grants changed through the API show without a reload
        live = []
        for model, region, status, want, profile in [
            (NOVA_PRO, "us-east-1", "granted", "granted", "us." + NOVA_PRO),
            (SONNET, "us-east-2", "denied", "denied", "us." + SONNET),
            (SONNET, "us-east-2", None, "unknown", "us." + SONNET),
            (SONNET, "us-east-1", "denied", "denied", "global." + SONNET),
        ]:
            start = time.monotonic()
            api.grant(region, model, status)
            try:
                _, secs = wait_until(lambda: driver.execute_script(CELL_STATE_JS, profile, region) == want, LIVE_BUDGET_S + 3, what=f"{profile}/{region} {want}")
                secs = time.monotonic() - start
            except TimeoutError:
                secs = float("inf")
            live.append(secs)
            checks.check(f"{status or 'deleted'} grant {model} in {region} shows on {profile} within {LIVE_BUDGET_S} s", secs <= LIVE_BUDGET_S, f"{secs:.3f} s")
        timings["live update, slowest"] = max(live)
        newest = driver.execute_script("const li = document.querySelector('#changes li[data-index]'); return li ? li.dataset.kind + ' ' + li.textContent : ''")
        checks.check("the change list shows the newest grant change", newest.startswith("grant") and SONNET in newest, newest[:100])

        # -- source switch and filters
        from selenium.webdriver.support.ui import Select
        other = "eu-west-1"
        other_ids = {p["id"] for p in api.get_all(f"v1/profiles?source_region={other}&limit=1000", "profiles")}
        Select(driver.find_element("id", "source-region")).select_by_value(other)
        try:
            wait_until(lambda: {r["id"] for r in driver.execute_script(MATRIX_JS)} == other_ids and f"source={other}" in driver.execute_script("return location.hash"), 10, what="eu-west-1 matrix")
            checks.check("choosing another source region loads its matrix and updates the hash", True)
        except TimeoutError as e:
            checks.check("choosing another source region loads its matrix and updates the hash", False, str(e))
        driver.get(page_base + "/#source=" + SOURCE + "&geo=global")
        driver.refresh()
        try:
            geos, _ = wait_until(lambda: (lambda g: g if g and set(g) == {"global"} else None)([r["geo"] for r in driver.execute_script(MATRIX_JS)]), 10, what="geo filter from the hash")
            checks.check("geo filter (from the hash) shows only that geography", True, f"{len(geos)} rows")
        except TimeoutError as e:
            checks.check("geo filter (from the hash) shows only that geography", False, str(e))
        driver.get(page_base + "/#source=" + SOURCE)
        driver.refresh()
        wait_until(matrix_loaded, 20, interval=0.05, what="matrix loaded again")

        # -- layout and screenshots
        os.makedirs(args.out, exist_ok=True)
        for width in (1280, 400):
            set_viewport(driver, width)
            dims = driver.execute_script("""const d = document.documentElement, s = document.querySelector('.matrix-scroller');
              return {scroll: d.scrollWidth, client: d.clientWidth, mScroll: s.scrollWidth, mClient: s.clientWidth};""")
            checks.check(f"no page-level horizontal overflow at {width} px", dims["scroll"] <= dims["client"], json.dumps(dims))
            if width == 400:
                checks.check("at 400 px the matrix scrolls in its own container", dims["mScroll"] > dims["mClient"], json.dumps(dims))
            path = os.path.join(args.out, f"page-{width}.png")
            full_page_screenshot(driver, path, width)
            print(f"  screenshot {path}", flush=True)
        set_viewport(driver, 1280)

        checks.check("the page shows no secret (the token)", token not in driver.page_source)
        errors, warnings = console_errors(driver)
        checks.check("no console errors (main page)", not errors, "; ".join(e["message"][:160] for e in errors[:5]))
        for w in warnings[:5]:
            print(f"  note: console warning: {w['message'][:160]}")

        # -- stale: the second daemon's catalog broke after its first refresh
        stale_api = Api(stale.url)
        wait_until(lambda: stale_api.get("v1/refresh")["stale"], 15, interval=0.2, what="stale daemon reports stale")
        driver.get(stale_base + "/#source=" + SOURCE)
        try:
            _, secs = wait_until(lambda: driver.find_element("id", "stale-banner").is_displayed(), 10, what="stale banner")
            text = driver.find_element("id", "stale-banner").text
            checks.check("stale banner appears when the refresh is stale", "Stale" in text and "not valid JSON" in text, f"{secs:.2f} s: {text[:140]}")
        except TimeoutError as e:
            checks.check("stale banner appears when the refresh is stale", False, str(e))
        refresh_text = driver.find_element("id", "refresh-section").text
        checks.check("refresh panel shows the last success and the failed run's error", "Last success" in refresh_text and "failed" in refresh_text, refresh_text.replace("\n", " | ")[:160])
        full_page_screenshot(driver, os.path.join(args.out, "page-stale.png"), 1280, max_height=900)
        errors, _ = console_errors(driver)
        checks.check("no console errors (stale page)", not errors, "; ".join(e["message"][:160] for e in errors[:5]))

        # -- failing regions: the AWS-source daemon whose every region read fails
        failing_api = Api(failing.url)
        wait_until(lambda: len(failing_api.get("v1/refresh")["regions"]) >= 2 and failing_api.get("v1/refresh")["stale"], 15, interval=0.2, what="failing daemon reports its regions")
        want = {r["region"]: r["last_error"] for r in failing_api.get("v1/refresh")["regions"] if r["last_error"]}
        driver.get(failing_base + "/#source=" + SOURCE)
        try:
            shown, _ = wait_until(lambda: (lambda m: m if set(m) >= set(want) else None)(driver.execute_script(
                "return Object.fromEntries([...document.querySelectorAll('#failing tbody tr')].map(r => [r.dataset.region, r.querySelector('.err').textContent]))")),
                10, what="failing regions table")
            checks.check("failing regions listed with their errors", all(shown[r] == e for r, e in want.items()), json.dumps(shown)[:160])
        except TimeoutError as e:
            checks.check("failing regions listed with their errors", False, f"{e}; API {want}")
        banner = driver.find_element("id", "stale-banner")
        checks.check("stale banner names the stale regions", banner.is_displayed() and all(r in banner.text for r in want), banner.text[:160])
        empty = driver.execute_script("const td = document.querySelector('#matrix tbody td.empty'); return td ? td.textContent : ''")
        checks.check("an empty registry says so instead of loading forever", "No profile" in empty, empty)
        full_page_screenshot(driver, os.path.join(args.out, "page-failing.png"), 1280, max_height=1200)
        errors, _ = console_errors(driver)
        checks.check("no console errors (failing page)", not errors, "; ".join(e["message"][:160] for e in errors[:5]))
        timings["browser checks"] = time.monotonic() - t
    finally:
        if driver is not None:
            driver.quit()
        for p in proxies:
            p.stop()
        for d in daemons:
            d.stop()
    return timings


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True, help="the regiond binary to test")
    ap.add_argument("--out", required=True, help="directory for the screenshots")
    ap.add_argument("--page-dir", help="serve the page files from this directory through a proxy (development)")
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium")
    ap.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    ap.add_argument("--keep", action="store_true", help="keep the temporary directory (databases, logs)")
    args = ap.parse_args()

    started = time.monotonic()
    checks = Checks()
    missing = [p for p in (args.binary, args.chromium, args.chromedriver) if not os.path.exists(p)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("selenium (pip install selenium)")
    if missing:
        print("page_test: missing " + ", ".join(missing) + " (apt-get install -y chromium chromium-driver; pip install selenium)")
        print("page_test: 0 passed, 1 failed")
        return 1

    workdir = tempfile.mkdtemp(prefix="regiond-page-test-")
    print(f"page_test: {'proxy for ' + args.page_dir if args.page_dir else 'page served by regiond'}; work dir {workdir}", flush=True)
    timings = {}
    try:
        run(args, checks, workdir, timings)
    except Exception as e:  # a setup failure or a timeout outside a check
        checks.check("test ran to the end", False, f"{type(e).__name__}: {e}")
    duration = time.monotonic() - started
    if checks.failed or args.keep:
        print(f"page_test: logs kept in {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    print("page_test: timings: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    print(f"page_test: duration {duration:.1f} s")
    for name, detail in checks.failed:
        print(f"page_test: FAILED {name}: {detail}")
    print(f"page_test: {len(checks.passed)} passed, {len(checks.failed)} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
