"""Test helpers: a stand-in for regiond's `POST /v1/health/samples` on 127.0.0.1:0, recording each
request, and a logger subclass that tells when LiteLLM has called its hooks."""
import json
import os
import socket
import sys
import threading
import warnings
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"  # LiteLLM offline: no cost map download
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the package, without installing it

def quiet_pydantic():
    """LiteLLM's types make pydantic warn as they are first used; unittest resets filters as it
    starts running, so a test module calls this from setUpModule."""
    warnings.filterwarnings("ignore", category=UserWarning, module="pydantic")


DEADLINE = 20.0  # seconds: generous, for a loaded CI machine; the waits end as soon as it is true


class StandIn:
    """Answers 202 {"accepted": n} unless `script` holds (status, body, headers) for the next
    requests; `gate` (set by default) holds requests while cleared."""

    def __init__(self):
        self.requests = []  # (headers, parsed body)
        self.script = []
        self.gate = threading.Event()
        self.gate.set()
        self.changed = threading.Condition()
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                with standin.changed:
                    standin.requests.append((dict(self.headers), body))
                    reply = standin.script.pop(0) if standin.script else None
                    standin.changed.notify_all()
                standin.gate.wait(DEADLINE)
                status, payload, headers = reply or (202, {"accepted": len(body["samples"])}, {})
                data = json.dumps(payload).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self):
        self.gate.set()
        self.server.shutdown()
        self.server.server_close()

    def wait_for(self, predicate, timeout=DEADLINE):
        with self.changed:
            return self.changed.wait_for(lambda: predicate(self), timeout)

    @property
    def samples(self):
        with self.changed:
            return [sample for _, body in self.requests for sample in body["samples"]]


def closed_port_url():
    """A loopback URL nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def recording_logger(**kwargs):
    """A RegiondHealthLogger that counts the hook calls it has finished (`wait_events(n)`)."""
    from regiond_litellm import RegiondHealthLogger

    class RecordingLogger(RegiondHealthLogger):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.events = 0
            self.events_changed = threading.Condition()

        def _record(self, *args, **kwargs):
            super()._record(*args, **kwargs)
            with self.events_changed:
                self.events += 1
                self.events_changed.notify_all()

        def wait_events(self, n, timeout=DEADLINE):
            with self.events_changed:
                return self.events_changed.wait_for(lambda: self.events >= n, timeout)

    return RecordingLogger(**kwargs)
