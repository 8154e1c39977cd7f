#!/usr/bin/env python3
"""The issue's "done when", end to end with a real regiond and LiteLLM itself (offline):
1. regiond serves the embedded catalog; grants are set through the API;
2. `regiond export litellm` writes a config (JSON and YAML) that LiteLLM's Router loads and whose
   deployments are exactly the complete routes (asked of /v1/profiles/{id}/access, route by route);
3. calls through a Router built from that export, with the regiond callback installed and LiteLLM's
   mock_response (ok, a 429, a timeout), show up in /v1/health within the batch interval;
4. with regiond stopped, a call through the gateway still succeeds and the callback counts the drop.
Usage: gateway_e2e.py --binary .build/debug/regiond   (needs litellm: run it with Tests/Gateway/run.sh)"""
import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "clients", "litellm"))
GRANTED = {"amazon.nova-2-lite-v1:0": ["us-east-1", "us-east-2", "us-west-1", "us-west-2"],
           "amazon.nova-pro-v1:0": ["us-east-1", "us-east-2"]}
DENIED = {"amazon.nova-pro-v1:0": ["us-west-2"]}
BATCH_INTERVAL = 0.5


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(base, path, method="GET", body=None, token=None, accept="application/json"):
    headers = {"Accept": accept}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, method=method, headers=headers), timeout=30) as r:
        return json.loads(r.read()) if accept == "application/json" else r.read()


def wait_until(what, condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.05)
    raise SystemExit(f"gateway-e2e: timed out after {seconds} s waiting for {what}")


def start_regiond(binary, directory):
    port, token = free_port(), "e2e-write-token"
    with open(os.path.join(directory, "token"), "w") as f:
        f.write(token + "\n")
    log = open(os.path.join(directory, "regiond.log"), "w")
    process = subprocess.Popen([binary, "serve", "--db", os.path.join(directory, "db.sqlite3"), "--listen", f"127.0.0.1:{port}",
                                "--token-file", os.path.join(directory, "token")], stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"

    def ready():
        try:
            urllib.request.urlopen(base + "/readyz", timeout=2)
            return True
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gateway-e2e: regiond exited with {process.returncode}; see {log.name}")
            return False
    wait_until("regiond to be ready", ready, 120)
    return process, base, token


def complete_routes(base):
    """Every complete route of an active system-defined profile whose model is not past end of
    life, asked of /v1/profiles/{id}/access, independently of the export."""
    routes, after = set(), ""
    while True:
        page = request(base, "/v1/profiles?limit=1000" + (f"&after={after}" if after else ""))
        for profile in page["profiles"]:
            if profile["type"] != "SYSTEM_DEFINED" or profile["status"] != "ACTIVE":
                continue
            access = request(base, f"/v1/profiles/{urllib.parse.quote(profile['id'], safe='')}/access")
            for route in access["routes"]:
                if route["complete"] and route["lifecycle"]["status"] != "EOL":
                    routes.add(f"{profile['id']}@{route['source_region']}")
        if not page.get("next"):
            return routes
        after = page["next"]


def export_and_check(binary, base, directory, expected):
    checker = os.path.join(HERE, "check_litellm_export.py")
    with open(os.path.join(directory, "expected.json"), "w") as f:
        json.dump(sorted(expected), f)
    for form, flags in (("json", ["--json"]), ("yaml", [])):
        out = os.path.join(directory, f"litellm.{form}")
        subprocess.run([binary, "export", "litellm", "--url", base, "--out", out] + flags, check=True)
        subprocess.run([sys.executable, checker, "--file", out, "--expect-routes", os.path.join(directory, "expected.json")], check=True)
    with open(os.path.join(directory, "litellm.json")) as f:
        return json.load(f)


def watch_follows_grants(binary, base, token, directory):
    """`regiond export --watch FILE` rewrites FILE when a grant changes what is exported, keeping
    its mode, and a reader never sees a half-written file."""
    path = os.path.join(directory, "watched.json")
    watcher = subprocess.Popen([binary, "export", "litellm", "--url", base, "--json", "--watch", path], stderr=subprocess.PIPE, text=True)
    try:
        wait_until("the first write", lambda: os.path.exists(path), 30)
        os.chmod(path, 0o640)
        with open(path) as f:
            first = json.load(f)
        model, region = "amazon.nova-pro-v1:0", "us-west-2"
        request(base, f"/v1/grants/{region}/{urllib.parse.quote(model, safe='')}", "PUT", {"status": "granted"}, token)
        started = time.monotonic()

        def rewritten():
            with open(path) as f:
                document = json.load(f)  # raises (fails the run) on a partial file
            ids = {d["model_info"]["id"] for d in document["model_list"]}
            return "us.amazon.nova-pro-v1:0@us-east-1" in ids and document
        second = wait_until("the watched file to show the new complete route", rewritten, 10)
        assert os.stat(path).st_mode & 0o777 == 0o640, oct(os.stat(path).st_mode)
        assert len(second["model_list"]) > len(first["model_list"])
        print(f"gateway-e2e: --watch rewrote the file {time.monotonic() - started:.2f} s after the grant (mode kept)")
    finally:
        watcher.terminate()
        watcher.wait(timeout=30)
    request(base, f"/v1/grants/{region}/{urllib.parse.quote(model, safe='')}", "PUT", {"status": "denied"}, token)


def health_counts(base):
    """(ok, throttled, timeouts) samples in the 5-minute window, over every region and model."""
    models = request(base, "/v1/health")["models"]
    return tuple(sum(entry["stats"][kind] for entry in models) for kind in ("ok", "throttled", "timeouts"))


def gateway_calls(base, token, config):
    import litellm
    from regiond_litellm import RegiondHealthLogger

    logger = RegiondHealthLogger(base_url=base, token=token, flush_interval=BATCH_INTERVAL, batch_size=100)
    litellm.callbacks = [logger]
    router = litellm.Router(model_list=config["model_list"], **config["router_settings"], num_retries=0)
    group = "nova-2-lite"
    before = health_counts(base)
    messages = [{"role": "user", "content": "hi"}]
    router.completion(model=group, messages=messages, mock_response="hello")
    # No fallback for the failing calls: the global group would be tried without the mock.
    for failing in (dict(mock_response="litellm.RateLimitError"), dict(mock_timeout=True, timeout=0.01)):
        try:
            router.completion(model=group, messages=messages, fallbacks=[], **failing)
        except Exception:  # the gateway's caller sees LiteLLM's error; the sample is what matters here
            pass
    started = time.monotonic()
    wait_until("an ok, a throttled and a timeout sample in /v1/health",
               lambda: all(now > then for now, then in zip(health_counts(base), before)), 30)
    print(f"gateway-e2e: 3 calls (ok, 429, timeout) counted in /v1/health after {time.monotonic() - started:.2f} s "
          f"(batch interval {BATCH_INTERVAL} s); callback stats {logger.stats()}")
    return logger, router, group


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="regiond-gateway-e2e.") as directory:
        process, base, token = start_regiond(os.path.abspath(args.binary), directory)
        try:
            for status, grants in (("granted", GRANTED), ("denied", DENIED)):
                for model, regions in grants.items():
                    for region in regions:
                        request(base, f"/v1/grants/{region}/{urllib.parse.quote(model, safe='')}", "PUT", {"status": status}, token)
            expected = complete_routes(base)
            config = export_and_check(args.binary, base, directory, expected)
            print(f"gateway-e2e: the export's {len(config['model_list'])} deployments are exactly the complete routes")
            watch_follows_grants(args.binary, base, token, directory)
            logger, router, group = gateway_calls(base, token, config)
        finally:
            process.terminate()
            process.wait(timeout=60)
        dropped_before = logger.stats()["dropped"]
        answer = router.completion(model=group, messages=[{"role": "user", "content": "hi"}], mock_response="still here")
        assert answer.choices[0].message.content == "still here", answer
        # LiteLLM runs success callbacks after the call returns (its logging thread): wait for the drop.
        stats = wait_until("the callback to count the sample it could not send",
                           lambda: logger.stats()["dropped"] > dropped_before and logger.stats(), 30)
        print(f"gateway-e2e: regiond down, the gateway call still succeeded; callback stats {stats}")
    print(f"gateway-e2e: ok in {time.monotonic() - started:.1f} s")


if __name__ == "__main__":
    main()
