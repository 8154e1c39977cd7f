"""One `POST /v1/health/samples` with urllib, and what to make of regiond's answer."""
import http.client
import json
import urllib.error
import urllib.parse
import urllib.request

# What an unreachable regiond raises: refused, timed out, cut off mid-answer; a malformed URL.
UNREACHABLE = (OSError, ValueError, http.client.HTTPException)


class Transport:
    def __init__(self, base_url, token=None, token_file=None, timeout=2.0):
        self.endpoint = base_url.rstrip("/") + "/v1/health/samples"
        self._token, self._token_file, self._timeout = token, token_file, float(timeout)
        self._opener = _opener_for(self.endpoint)

    def __repr__(self):
        return f"Transport({self.endpoint!r})"  # never the token

    def token(self):
        """The token, or the token file's first line read now (a rotated token is picked up).
        Raises OSError when the file cannot be read."""
        if self._token:
            return self._token
        if self._token_file:
            with open(self._token_file) as file:
                return file.readline().strip()
        return None

    def post(self, samples, token):
        """(status, body, Retry-After seconds or None); raises one of UNREACHABLE."""
        data = json.dumps({"samples": samples}, separators=(",", ":")).encode()
        request = urllib.request.Request(self.endpoint, data=data, method="POST",
                                         headers={"Content-Type": "application/json"})
        if token:
            request.add_unredirected_header("Authorization", "Bearer " + token)
        try:
            with self._opener.open(request, timeout=self._timeout) as response:
                return response.status, response.read(65536), None
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read(65536), _seconds(error.headers.get("Retry-After"))


def error_message(body):
    """`code: message` from regiond's `{"error": {...}}`, else the start of the body."""
    try:
        error = json.loads(body)["error"]
        return f"{error.get('code')}: {error.get('message')}"[:500]
    except Exception:
        return (body or b"").decode("utf-8", "replace")[:200]


def _seconds(value):
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def _opener_for(url):
    """Loopback regiond is reached directly, whatever HTTP(S)_PROXY the gateway has for the internet."""
    host = urllib.parse.urlsplit(url).hostname or ""
    if host in ("localhost", "::1") or host.startswith("127."):
        return urllib.request.build_opener(urllib.request.ProxyHandler({}))
    return urllib.request.build_opener()
