"""`RegiondHealthLogger`: a LiteLLM `CustomLogger` that reports each Bedrock call's outcome to regiond.

LiteLLM calls `log_success_event`/`log_failure_event` for `litellm.completion` and
`Router.completion` (streaming: once, when the stream ends), and the `async_` pair for `acompletion`
(the proxy's path). A Router with retries or fallbacks reports every attempt, each with its own
deployment. The hooks only build a sample and queue it; nothing here raises into LiteLLM.
"""
import logging
import os
import threading
from collections import OrderedDict

from litellm.integrations.custom_logger import CustomLogger

from .samples import sample_from_call
from .sender import Sender

log = logging.getLogger("regiond_litellm")
DEFAULT_URL = "http://127.0.0.1:8750"


class RegiondHealthLogger(CustomLogger):
    """Arguments left None are read from REGIOND_URL, REGIOND_TOKEN (the write token) or
    REGIOND_TOKEN_FILE, REGIOND_BATCH_SIZE, REGIOND_FLUSH_INTERVAL (s), REGIOND_QUEUE_SIZE and
    REGIOND_TIMEOUT (s, for each POST)."""

    def __init__(self, base_url=None, token=None, token_file=None, batch_size=None, flush_interval=None,
                 queue_size=None, timeout=None, origin="litellm", **kwargs):
        super().__init__(**kwargs)
        token_file = token_file or os.environ.get("REGIOND_TOKEN_FILE") or None
        token = token or (None if token_file else os.environ.get("REGIOND_TOKEN")) or None
        if not token and not token_file:
            log.warning("regiond_litellm: no REGIOND_TOKEN or REGIOND_TOKEN_FILE; regiond will refuse the samples")
        self.origin = origin
        self._sender = Sender(
            base_url or os.environ.get("REGIOND_URL") or DEFAULT_URL, token=token, token_file=token_file,
            batch_size=_setting(batch_size, "REGIOND_BATCH_SIZE", 100, int),
            flush_interval=_setting(flush_interval, "REGIOND_FLUSH_INTERVAL", 2.0, float),
            queue_size=_setting(queue_size, "REGIOND_QUEUE_SIZE", 10000, int),
            timeout=_setting(timeout, "REGIOND_TIMEOUT", 2.0, float))
        self._seen = OrderedDict()  # (call id, start) of recent events: a hook pair fires once
        self._seen_lock = threading.Lock()

    def __repr__(self):
        return f"RegiondHealthLogger({self._sender.endpoint!r})"

    # LiteLLM passes these by keyword: the parameter names must stay as CustomLogger has them.
    def log_success_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, start_time, end_time, failed=False)

    def log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, start_time, end_time, failed=True)

    async def async_log_success_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, start_time, end_time, failed=False)

    async def async_log_failure_event(self, kwargs, response_obj, start_time, end_time):
        self._record(kwargs, start_time, end_time, failed=True)

    def stats(self):
        """Counts of samples `sent`, `dropped` (queue full, regiond down or refusing) and `queued`;
        `failed` POSTs; `errors` swallowed inside the logger; Bedrock calls `ignored` (no profile
        or source region to report)."""
        return self._sender.stats()

    def flush(self, timeout=5.0):
        """Sends what is queued; True once all of it is sent or dropped within `timeout` seconds."""
        return self._sender.flush(timeout)

    def _record(self, kwargs, start_time, end_time, failed):
        try:
            if not isinstance(kwargs, dict) or self._already_seen(kwargs, start_time, failed):
                return
            sample = sample_from_call(kwargs, start_time, end_time, failed, self.origin)
            if sample is not None:
                self._sender.offer(sample)
            elif _is_bedrock(kwargs) and not kwargs.get("cache_hit"):
                self._sender.count("ignored")
        except Exception:
            self._sender.count("errors")
            log.debug("regiond_litellm: could not record a call", exc_info=True)

    def _already_seen(self, kwargs, start_time, failed):
        call_id = kwargs.get("litellm_call_id")
        if call_id is None:
            return False
        key = (call_id, repr(start_time), failed)
        with self._seen_lock:
            if key in self._seen:
                return True
            self._seen[key] = None
            if len(self._seen) > 4096:
                self._seen.popitem(last=False)
        return False


def _is_bedrock(kwargs):
    params = kwargs.get("litellm_params") or {}
    provider = kwargs.get("custom_llm_provider") or params.get("custom_llm_provider")
    return provider == "bedrock" or str(kwargs.get("model") or "").startswith("bedrock/")


def _setting(value, name, default, kind):
    if value is not None:
        return kind(value)
    text = os.environ.get(name)
    if not text:
        return default
    try:
        return kind(text)
    except ValueError:
        log.warning("regiond_litellm: %s=%r is not a number; using %s", name, text, default)
        return default
