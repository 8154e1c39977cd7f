"""The sender against a stand-in regiond: batching, the bounded queue, and each kind of answer."""
import os
import tempfile
import unittest

from standin import DEADLINE, StandIn, closed_port_url

from regiond_litellm.sender import Sender


def sample(n):
    return {"profile_id": "us.anthropic.claude-3-haiku-20240307-v1:0", "source_region": "us-east-1",
            "observed_at": "2026-12-02T19:00:00.123Z", "latency_ms": float(n), "outcome": "ok", "origin": "litellm"}


class SenderTests(unittest.TestCase):
    def setUp(self):
        self.standin = StandIn()
        self.addCleanup(self.standin.close)

    def sender(self, **kwargs):
        options = dict(token="write-token-123", batch_size=100, flush_interval=60.0, timeout=DEADLINE)
        options.update(kwargs)
        return Sender(options.pop("url", self.standin.url), **options)

    def test_a_full_batch_goes_at_once_and_the_rest_waits_for_flush(self):
        sender = self.sender(batch_size=3)
        for n in range(7):
            sender.offer(sample(n))
        self.assertTrue(self.standin.wait_for(lambda s: len(s.requests) >= 2))
        self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual([len(body["samples"]) for _, body in self.standin.requests], [3, 3, 1])
        self.assertEqual([s["latency_ms"] for s in self.standin.samples], [0, 1, 2, 3, 4, 5, 6])
        self.assertEqual(sender.stats(), {"sent": 7, "dropped": 0, "failed": 0, "errors": 0, "ignored": 0, "queued": 0})

    def test_a_partial_batch_goes_after_the_flush_interval(self):
        sender = self.sender(flush_interval=0.2)
        sender.offer(sample(1))
        sender.offer(sample(2))
        self.assertTrue(self.standin.wait_for(lambda s: len(s.requests) == 1))  # no flush() call
        self.assertEqual(len(self.standin.requests[0][1]["samples"]), 2)

    def test_the_token_goes_as_a_bearer_token(self):
        sender = self.sender()
        sender.offer(sample(1))
        self.assertTrue(sender.flush(DEADLINE))
        headers = self.standin.requests[0][0]
        self.assertEqual(headers["Authorization"], "Bearer write-token-123")
        self.assertEqual(headers["Content-Type"], "application/json")

    def test_the_token_file_is_read_for_each_post(self):
        with tempfile.NamedTemporaryFile("w", suffix=".token", delete=False) as file:
            file.write("from-file\n")
        self.addCleanup(os.unlink, file.name)
        sender = self.sender(token=None, token_file=file.name)
        sender.offer(sample(1))
        self.assertTrue(sender.flush(DEADLINE))
        with open(file.name, "w") as rotated:
            rotated.write("rotated\n")
        sender.offer(sample(2))
        self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual([h["Authorization"] for h, _ in self.standin.requests], ["Bearer from-file", "Bearer rotated"])

    def test_a_full_queue_drops_and_counts_without_blocking(self):
        self.standin.gate.clear()  # regiond holds the first POST: the thread is stuck sending it
        sender = self.sender(batch_size=1, queue_size=3, flush_interval=0)
        self.assertTrue(sender.offer(sample(0)))
        self.assertTrue(self.standin.wait_for(lambda s: len(s.requests) == 1))
        accepted = [sender.offer(sample(n)) for n in range(1, 6)]
        self.assertEqual(accepted, [True, True, True, False, False])
        self.assertEqual(sender.stats()["dropped"], 2)
        self.assertEqual(sender.stats()["queued"], 4)
        self.standin.gate.set()
        self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual((sender.stats()["sent"], sender.stats()["dropped"]), (4, 2))
        self.assertEqual([s["latency_ms"] for s in self.standin.samples], [0, 1, 2, 3])

    def test_regiond_down_drops_the_batch_and_counts_it(self):
        sender = self.sender(url=closed_port_url())
        with self.assertLogs("regiond_litellm", "WARNING") as logs:
            sender.offer(sample(1))
            self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual(sender.stats(), {"sent": 0, "dropped": 1, "failed": 1, "errors": 0, "ignored": 0, "queued": 0})
        self.assertIn("unreachable", logs.output[0])

    def test_a_400_drops_the_batch_without_retrying_and_says_why_once(self):
        error = {"error": {"code": "invalid_sample", "message": "samples[1].outcome: must be one of ok, error"}}
        self.standin.script = [(400, error, {}), (400, error, {})]
        sender = self.sender()
        with self.assertLogs("regiond_litellm", "DEBUG") as logs:
            sender.offer(sample(1))
            sender.offer(sample(2))
            self.assertTrue(sender.flush(DEADLINE))
            sender.offer(sample(3))
            self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual([len(body["samples"]) for _, body in self.standin.requests], [2, 1])  # no resend
        self.assertEqual(sender.stats(), {"sent": 0, "dropped": 3, "failed": 2, "errors": 0, "ignored": 0, "queued": 0})
        warnings = [line for line in logs.output if line.startswith("WARNING")]
        self.assertEqual(len(warnings), 1)
        self.assertIn("invalid_sample: samples[1].outcome", warnings[0])

    def test_a_refused_token_drops_and_warns_without_showing_it(self):
        self.standin.script = [(401, {"error": {"code": "unauthorized", "message": "bad token"}}, {})]
        sender = self.sender()
        with self.assertLogs("regiond_litellm", "DEBUG") as logs:
            sender.offer(sample(1))
            self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual((sender.stats()["dropped"], sender.stats()["failed"]), (1, 1))
        self.assertIn("refused the token (401)", logs.output[0])
        self.assertNotIn("write-token-123", "\n".join(logs.output) + repr(sender.__dict__.get("endpoint")))

    def test_a_503_keeps_the_batch_and_sends_it_again(self):
        self.standin.script = [(503, {"error": {"code": "unavailable", "message": "store busy"}}, {"Retry-After": "0"})]
        sender = self.sender()
        with self.assertLogs("regiond_litellm", "WARNING"):
            sender.offer(sample(1))
            self.assertTrue(sender.flush(DEADLINE))
        self.assertEqual(len(self.standin.requests), 2)
        self.assertEqual(self.standin.requests[0][1], self.standin.requests[1][1])
        self.assertEqual(sender.stats(), {"sent": 1, "dropped": 0, "failed": 1, "errors": 0, "ignored": 0, "queued": 0})

    def test_flush_with_nothing_queued_returns_at_once(self):
        self.assertTrue(self.sender().flush(0.0))


if __name__ == "__main__":
    unittest.main()
