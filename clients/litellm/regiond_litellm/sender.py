"""Batches samples to regiond's `POST /v1/health/samples` from a daemon thread (stdlib only).

`offer` never blocks: it puts the sample on a bounded queue and counts it dropped when the queue is
full. The thread sends a batch when it has `batch_size` samples or `flush_interval` seconds after
the batch's first sample. regiond's answers: 2xx sent; 503 kept and retried (honouring
Retry-After, else backing off up to 30 s); 400 (a bad batch), 401/403 (the token), any other status
and an unreachable regiond drop the batch. Each kind of problem is logged once, then at debug level.
"""
import atexit
import logging
import os
import queue
import threading
import time

from .transport import UNREACHABLE, Transport, error_message

log = logging.getLogger("regiond_litellm")
_WAKE = object()  # put on the queue by flush(): send what there is now
MAX_BACKOFF = 30.0


class Sender:
    def __init__(self, base_url, token=None, token_file=None, batch_size=100, flush_interval=2.0,
                 queue_size=10000, timeout=2.0):
        self._transport = Transport(base_url, token, token_file, timeout)
        self.endpoint = self._transport.endpoint
        self._batch_size = max(1, min(int(batch_size), 10000))  # regiond takes at most 10,000 a batch
        self._interval, self._timeout = max(0.0, float(flush_interval)), float(timeout)
        self._queue = queue.Queue(maxsize=max(1, int(queue_size)))
        self._lock = threading.Condition()
        self._counts = {"sent": 0, "dropped": 0, "failed": 0, "errors": 0, "ignored": 0}
        self._outstanding = 0  # offered and not yet sent or dropped
        self._wake = threading.Event()
        self._thread, self._pid = None, None
        self._warned = set()
        self._backoff = self._interval or 1.0
        atexit.register(self._at_exit)

    def offer(self, sample):
        """Queues one sample for sending; False (and counted dropped) when the queue is full."""
        with self._lock:
            self._outstanding += 1
        try:
            self._queue.put_nowait(sample)
        except queue.Full:
            self._resolve(1, "dropped")
            return False
        self._ensure_thread()
        return True

    def count(self, key, n=1):
        with self._lock:
            self._counts[key] += n

    def stats(self):
        with self._lock:
            return dict(self._counts, queued=self._outstanding)

    def flush(self, timeout=5.0):
        """Sends what is queued now; True once every sample offered so far is sent or dropped."""
        deadline = time.monotonic() + timeout
        self._wake.set()
        try:
            self._queue.put_nowait(_WAKE)
        except queue.Full:
            pass  # a full queue keeps the thread busy anyway
        with self._lock:
            if self._outstanding:
                self._ensure_thread()
            while self._outstanding:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._lock.wait(remaining)
        return True

    def _at_exit(self):
        if self.stats()["queued"]:
            self.flush(min(self._timeout + 1.0, 5.0))

    def _ensure_thread(self):
        with self._lock:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                self._pid = os.getpid()  # a forked worker starts its own thread
                self._thread = threading.Thread(target=self._run, name="regiond-health-sender", daemon=True)
                self._thread.start()

    def _resolve(self, n, key):
        with self._lock:
            self._counts[key] += n
            self._outstanding -= n
            self._lock.notify_all()

    def _run(self):
        pending = []
        while True:
            try:
                if not pending:
                    pending = self._collect()
                    if not pending:
                        self._wake.clear()
                        continue
                delay = self._deliver(pending)
                if delay is None:
                    pending = []
                else:
                    self._wake.wait(delay)
                    self._wake.clear()
            except Exception:  # never let the thread die; what it held is lost
                log.debug("regiond sender failed", exc_info=True)
                self.count("errors")
                self._resolve(len(pending), "dropped")
                pending = []

    def _collect(self):
        batch, deadline = [], None
        while len(batch) < self._batch_size:
            hurry = self._wake.is_set()
            wait = None if deadline is None else deadline - time.monotonic()
            try:
                if hurry or (wait is not None and wait <= 0):
                    item = self._queue.get_nowait()
                else:
                    item = self._queue.get(timeout=wait)
            except queue.Empty:
                break
            if item is _WAKE:
                self._wake.set()
                continue
            batch.append(item)
            deadline = deadline or time.monotonic() + self._interval
        return batch

    def _deliver(self, batch):
        """Posts one batch; None when it is settled (sent or dropped), else seconds until a retry."""
        try:
            token = self._transport.token()
        except OSError as error:
            return self._drop(batch, "token file", f"cannot read the token file ({error.strerror}); dropping samples")
        try:
            status, body, retry_after = self._transport.post(batch, token)
        except UNREACHABLE as error:
            reason = getattr(error, "reason", None) or type(error).__name__
            return self._drop(batch, "unreachable", f"regiond at {self.endpoint} unreachable ({reason}); dropping samples")
        if 200 <= status < 300:
            self._backoff = self._interval or 1.0
            self._resolve(len(batch), "sent")
            return None
        if status == 503:
            self.count("failed")
            self._warn("busy", f"regiond answered 503; keeping {len(batch)} samples to retry")
            delay = retry_after if retry_after is not None else self._backoff
            self._backoff = min(self._backoff * 2, MAX_BACKOFF)
            return min(delay, 60.0)
        if status == 400:
            return self._drop(batch, "rejected", f"regiond rejected a batch of {len(batch)} samples: {error_message(body)}")
        if status in (401, 403):
            return self._drop(batch, "token", f"regiond refused the token ({status}): check REGIOND_TOKEN or REGIOND_TOKEN_FILE")
        return self._drop(batch, f"status {status}", f"regiond answered {status}: {error_message(body)}")

    def _drop(self, batch, kind, message):
        self.count("failed")
        self._resolve(len(batch), "dropped")
        self._warn(kind, message)
        self._backoff = self._interval or 1.0
        return None

    def _warn(self, kind, message):
        if kind in self._warned:
            log.debug("%s", message)
        else:
            self._warned.add(kind)
            log.warning("%s (said once)", message)
