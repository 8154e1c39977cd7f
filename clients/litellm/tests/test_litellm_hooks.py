"""Outcomes classified from LiteLLM's own hooks, driven by `mock_response` (no network, no AWS)."""
import asyncio
import os
import re
import unittest
from unittest import mock

from standin import DEADLINE, StandIn, closed_port_url, quiet_pydantic, recording_logger

import litellm

litellm.suppress_debug_info = True
PROFILE = "us.anthropic.claude-3-haiku-20240307-v1:0"
MODEL = "bedrock/converse/" + PROFILE
MESSAGES = [{"role": "user", "content": "hi"}]
RFC3339_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def setUpModule():
    quiet_pydantic()


class HookTests(unittest.TestCase):
    def setUp(self):
        self.standin = StandIn()
        self.addCleanup(self.standin.close)
        self.logger = self.install(recording_logger(base_url=self.standin.url, token="t", flush_interval=0.05))

    def install(self, logger):
        """The logger as the only callback; LiteLLM copies callbacks into its other lists, so it is
        taken out of all of them afterwards."""
        saved = litellm.callbacks
        litellm.callbacks = [logger]
        self.addCleanup(setattr, litellm, "callbacks", saved)
        self.addCleanup(litellm.logging_callback_manager.remove_callback_from_all_lists, logger)
        return logger

    def samples_after(self, events):
        """The samples sent once LiteLLM has called the hooks `events` times."""
        self.assertTrue(self.logger.wait_events(events), "LiteLLM did not call the hooks")
        self.assertTrue(self.logger.flush(DEADLINE))
        return self.standin.samples

    def test_a_successful_call_is_ok_with_its_profile_and_source_region(self):
        response = litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES, mock_response="hi")
        self.assertEqual(response.choices[0].message.content, "hi")
        [sample] = self.samples_after(1)
        self.assertEqual({k: sample[k] for k in ("profile_id", "source_region", "outcome", "origin")},
                         {"profile_id": PROFILE, "source_region": "us-east-1", "outcome": "ok", "origin": "litellm"})
        self.assertNotIn("region", sample)  # Bedrock does not say where the profile ran
        self.assertNotIn("ttft_ms", sample)
        self.assertRegex(sample["observed_at"], RFC3339_UTC)
        self.assertGreaterEqual(sample["latency_ms"], 0)

    def test_a_rate_limit_error_is_throttled(self):
        mocks = ["litellm.RateLimitError",
                 litellm.RateLimitError(message="ThrottlingException", llm_provider="bedrock", model=MODEL)]
        for mock in mocks:
            with self.assertRaises(litellm.RateLimitError):
                litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES, mock_response=mock)
        samples = self.samples_after(2)
        self.assertEqual([(s["outcome"], s["http_status"]) for s in samples], [("throttled", 429)] * 2)

    def test_a_timeout_is_a_timeout_without_a_status(self):
        with self.assertRaises(litellm.Timeout):
            litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES, mock_response="hi",
                               mock_timeout=True, timeout=0.01)
        [sample] = self.samples_after(1)
        self.assertEqual(sample["outcome"], "timeout")
        self.assertNotIn("http_status", sample)  # LiteLLM's 408 is its own: Bedrock never answered

    def test_a_stream_reports_time_to_first_token(self):
        chunks = litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES,
                                    mock_response="a streamed answer", stream=True)
        self.assertEqual("".join(c.choices[0].delta.content or "" for c in chunks), "a streamed answer")
        [sample] = self.samples_after(1)
        self.assertEqual(sample["outcome"], "ok")
        self.assertLessEqual(0, sample["ttft_ms"])
        self.assertLessEqual(sample["ttft_ms"], sample["latency_ms"])

    def test_async_calls_use_the_async_hooks(self):
        async def calls():
            await litellm.acompletion(model=MODEL, aws_region_name="eu-west-1", messages=MESSAGES, mock_response="hi")
            with self.assertRaises(litellm.Timeout):
                await litellm.acompletion(model=MODEL, aws_region_name="eu-west-1", messages=MESSAGES,
                                          mock_response="hi", mock_timeout=True, timeout=0.01)
        asyncio.run(calls())
        samples = self.samples_after(2)
        self.assertEqual(sorted(s["outcome"] for s in samples), ["ok", "timeout"])
        self.assertEqual({(s["profile_id"], s["source_region"]) for s in samples}, {(PROFILE, "eu-west-1")})

    def test_a_router_reports_every_attempt_with_its_deployment(self):
        deployment = lambda region, order, mock: {  # noqa: E731
            "model_name": "claude-3-haiku", "model_info": {"id": f"{PROFILE}@{region}"},
            "litellm_params": {"model": MODEL, "aws_region_name": region, "order": order, "mock_response": mock}}
        router = litellm.Router(model_list=[deployment("us-east-1", 1, "litellm.RateLimitError"),
                                            deployment("us-west-2", 2, "hi")], num_retries=0)
        response = router.completion(model="claude-3-haiku", messages=MESSAGES)
        self.assertEqual(response.choices[0].message.content, "hi")
        samples = self.samples_after(2)
        self.assertEqual(sorted((s["source_region"], s["outcome"]) for s in samples),
                         [("us-east-1", "throttled"), ("us-west-2", "ok")])

    def test_a_foundation_model_ran_where_it_was_sent(self):
        litellm.completion(model="bedrock/amazon.nova-pro-v1:0", aws_region_name="eu-west-1", messages=MESSAGES,
                           mock_response="hi")
        [sample] = self.samples_after(1)
        self.assertEqual((sample["model_id"], sample["region"], sample["source_region"]),
                         ("amazon.nova-pro-v1:0", "eu-west-1", "eu-west-1"))
        self.assertNotIn("profile_id", sample)

    def test_other_providers_are_ignored(self):
        litellm.completion(model="openai/gpt-4o-mini", messages=MESSAGES, mock_response="hi")
        litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES, mock_response="hi")
        samples = self.samples_after(2)
        self.assertEqual([s["profile_id"] for s in samples], [PROFILE])
        self.assertEqual(self.logger.stats()["ignored"], 0)

    def test_the_call_succeeds_when_regiond_is_down(self):
        self.logger = self.install(recording_logger(base_url=closed_port_url(), token="t", flush_interval=0.05))
        with self.assertLogs("regiond_litellm", "WARNING"):
            response = litellm.completion(model=MODEL, aws_region_name="us-east-1", messages=MESSAGES, mock_response="hi")
            self.assertEqual(response.choices[0].message.content, "hi")
            self.assertEqual(self.samples_after(1), [])
        self.assertEqual((self.logger.stats()["dropped"], self.logger.stats()["failed"]), (1, 1))

    def test_a_bedrock_call_with_no_region_to_name_is_counted_ignored(self):
        unset = {name: "" for name in ("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION")}
        with mock.patch.dict(os.environ, unset):
            self.logger.log_success_event({"custom_llm_provider": "bedrock", "model": PROFILE}, None, None, None)
        self.assertEqual(self.logger.stats()["ignored"], 1)
        self.assertEqual(self.logger.stats()["queued"], 0)

    def test_a_hook_never_raises(self):
        class Unprintable:
            def __str__(self):
                raise RuntimeError("no")
        self.logger.log_success_event({"model": Unprintable()}, None, None, None)
        self.logger.log_failure_event(None, None, None, None)
        self.assertEqual(self.logger.stats()["errors"], 1)


if __name__ == "__main__":
    unittest.main()
