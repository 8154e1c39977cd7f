#!/usr/bin/env python3
"""Development stand-in for regiond serving its operator page.

Serves the page files (index.html at `/`, page.css, page.js, page-render.js) from a directory with the
same Content-Security-Policy regiond sends, and proxies every other request to a running
regiond. Used by page_test.py --page-dir, and by hand while working on the page:

    python3 Tests/Browser/devproxy.py --page-dir Sources/RegistryHTTP/Page \
        --upstream 127.0.0.1:18790 --listen 127.0.0.1:18800

The files are read on every request, so an edit shows on the next reload.
"""

import argparse
import http.client
import http.server
import os
import threading

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")

PAGE_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/index.html": ("index.html", "text/html; charset=utf-8"),
    "/page.css": ("page.css", "text/css; charset=utf-8"),
    "/page.js": ("page.js", "text/javascript; charset=utf-8"),
    "/page-render.js": ("page-render.js", "text/javascript; charset=utf-8"),
}

# Headers that describe one hop, not the message (RFC 9110 7.6.1), plus the ones we recompute.
HOP_HEADERS = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te",
               "trailer", "upgrade", "content-length", "host"}


def make_handler(page_dir, upstream_host, upstream_port):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *args):  # quiet: the test prints what matters
            pass

        def _send(self, status, headers, body):
            try:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True   # the browser left (a long poll of a page navigated away)

        def _serve_page_file(self, name, content_type):
            try:
                with open(os.path.join(page_dir, name), "rb") as f:
                    body = f.read()
            except OSError:
                self._send(404, [("Content-Type", "text/plain")], b"not found\n")
                return
            self._send(200, [("Content-Type", content_type),
                             ("Content-Security-Policy", CSP),
                             ("X-Content-Type-Options", "nosniff"),
                             ("Cache-Control", "no-cache")], body)

        def _proxy(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_HEADERS}
            # A long poll may wait up to 300 s (plus jitter) upstream.
            conn = http.client.HTTPConnection(upstream_host, upstream_port, timeout=330)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                resp = conn.getresponse()
                data = resp.read()
                out = [(k, v) for k, v in resp.getheaders() if k.lower() not in HOP_HEADERS]
                self._send(resp.status, out, data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True
            except OSError as e:
                msg = ('{"error":{"code":"bad_gateway","message":"%s"}}' % str(e).replace('"', "'"))
                self._send(502, [("Content-Type", "application/json")], msg.encode())
            finally:
                conn.close()

        def _handle(self):
            path = self.path.split("?", 1)[0]
            if self.command in ("GET", "HEAD") and path in PAGE_FILES:
                self._serve_page_file(*PAGE_FILES[path])
            else:
                self._proxy()

        do_GET = do_HEAD = do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _handle

    return Handler


class DevProxy:
    """The page files plus a proxy to regiond, on a loopback port, in a background thread."""

    def __init__(self, page_dir, upstream, listen=("127.0.0.1", 0)):
        host, port = upstream
        self.server = http.server.ThreadingHTTPServer(listen, make_handler(page_dir, host, port))
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--page-dir", required=True)
    ap.add_argument("--upstream", default="127.0.0.1:8750", help="regiond HOST:PORT")
    ap.add_argument("--listen", default="127.0.0.1:8800", help="HOST:PORT to serve on")
    args = ap.parse_args()
    uh, up = args.upstream.rsplit(":", 1)
    lh, lp = args.listen.rsplit(":", 1)
    proxy = DevProxy(args.page_dir, (uh, int(up)), (lh, int(lp)))
    print(f"serving {args.page_dir} on http://{lh}:{proxy.port}/, proxying to {args.upstream}", flush=True)
    try:
        proxy.server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
