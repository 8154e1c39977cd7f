"""Samples from hook arguments: model ids, regions and statuses LiteLLM's mocks do not reach."""
import unittest
from datetime import datetime, timedelta, timezone

import standin  # noqa: F401  (puts the package on the path)

from regiond_litellm.samples import classify, parse_model, rfc3339, sample_from_call

START = datetime(2026, 12, 2, 19, 0, 0, 123000, tzinfo=timezone.utc)


class BedrockError(Exception):
    def __init__(self, status_code):
        super().__init__("boom")
        self.status_code = status_code


class ServiceUnavailableError(Exception):
    status_code = 503


class APIConnectionError(Exception):
    status_code = 500


class SampleTests(unittest.TestCase):
    def test_model_strings(self):
        cases = {
            "bedrock/converse/eu.anthropic.claude-sonnet-4-5-20250929-v1:0":
                (None, "eu.anthropic.claude-sonnet-4-5-20250929-v1:0", True),
            "converse/global.amazon.nova-2-lite-v1:0": (None, "global.amazon.nova-2-lite-v1:0", True),
            "bedrock/invoke/ca.anthropic.claude-haiku-4-5-20251001-v1:0":
                (None, "ca.anthropic.claude-haiku-4-5-20251001-v1:0", True),
            "bedrock/meta.llama3-3-70b-instruct-v1:0": (None, "meta.llama3-3-70b-instruct-v1:0", False),
            "bedrock/us-gov-west-1/anthropic.claude-3-haiku-20240307-v1:0":
                ("us-gov-west-1", "anthropic.claude-3-haiku-20240307-v1:0", False),
            "bedrock/converse/arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0":
                ("eu-west-1", "arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.amazon.nova-pro-v1:0", True),
            "bedrock/arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-pro-v1:0":
                ("us-east-1", "amazon.nova-pro-v1:0", False),
            "bedrock/arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc": ("us-east-1", None, False),
            "bedrock/converse/arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2":
                ("us-east-1", None, False),
        }
        for model, expected in cases.items():
            with self.subTest(model):
                self.assertEqual(parse_model(model), expected)

    def test_the_status_is_the_one_bedrock_answered(self):
        try:
            try:
                raise BedrockError(500)
            except BedrockError as error:
                raise ServiceUnavailableError() from error  # LiteLLM maps Bedrock's 500 to a 503
        except ServiceUnavailableError as mapped:
            self.assertEqual(classify(mapped, failed=True), ("error", 500))
        self.assertEqual(classify(APIConnectionError(), failed=True), ("error", None))  # no answer at all
        self.assertEqual(classify(BedrockError(504), failed=True), ("timeout", 504))
        self.assertEqual(classify(TimeoutError(), failed=True), ("timeout", None))
        self.assertEqual(classify(Exception("ThrottlingException: slow down"), failed=True), ("throttled", None))

    def test_a_sample_from_hook_arguments(self):
        kwargs = {"custom_llm_provider": "bedrock", "model": "converse/apac.amazon.nova-pro-v1:0",
                  "litellm_params": {"aws_region_name": "ap-southeast-2"}, "stream": True,
                  "completion_start_time": START + timedelta(milliseconds=250)}
        self.assertEqual(sample_from_call(kwargs, START, START + timedelta(seconds=1), False), {
            "profile_id": "apac.amazon.nova-pro-v1:0", "source_region": "ap-southeast-2",
            "observed_at": "2026-12-02T19:00:01.123Z", "latency_ms": 1000.0, "ttft_ms": 250.0, "outcome": "ok",
            "origin": "litellm"})

    def test_calls_not_to_report(self):
        other = {"custom_llm_provider": "openai", "model": "gpt-4o", "litellm_params": {"aws_region_name": "us-east-1"}}
        cached = {"custom_llm_provider": "bedrock", "model": "us.amazon.nova-pro-v1:0", "cache_hit": True,
                  "litellm_params": {"aws_region_name": "us-east-1"}}
        for kwargs in (other, cached):
            self.assertIsNone(sample_from_call(kwargs, START, START, False))

    def test_the_callers_own_mistakes_are_not_health(self):
        import litellm
        refused = litellm.BadRequestError(message="ValidationException: bad prompt", model="m", llm_provider="bedrock")
        kwargs = {"custom_llm_provider": "bedrock", "model": "us.amazon.nova-pro-v1:0", "exception": refused,
                  "litellm_params": {"aws_region_name": "us-east-1"}}
        self.assertIsNone(sample_from_call(kwargs, START, START, True))
        kwargs["exception"] = litellm.InternalServerError(message="boom", model="m", llm_provider="bedrock")
        self.assertEqual(sample_from_call(kwargs, START, START, True)["outcome"], "error")

    def test_naive_local_times_become_utc(self):
        local = START.astimezone().replace(tzinfo=None)  # how LiteLLM passes start and end times
        self.assertEqual(rfc3339(local), "2026-12-02T19:00:00.123Z")


if __name__ == "__main__":
    unittest.main()
