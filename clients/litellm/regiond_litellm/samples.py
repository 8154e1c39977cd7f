"""One regiond health sample from the arguments of a LiteLLM logging hook (no I/O, no LiteLLM state).

A sample names the inference profile and the region the request was sent from; regiond attributes
it to the destination region itself, since Bedrock's answer does not say where a profile ran. A
foundation model id (no profile) runs in the region it was sent to, so that sample carries `region`.
"""
import asyncio
import os
import re
from datetime import datetime, timezone

# LiteLLM's routing prefixes before a Bedrock model id (`bedrock/converse/us.anthropic…`).
ROUTE_PREFIXES = ("bedrock/", "converse/", "invoke/", "chat_completions/")
# First segments of system-defined cross-region profile ids.
GEOGRAPHIES = {"us", "eu", "apac", "global", "jp", "au", "ca", "us-gov"}
REGION = re.compile(r"^[a-z]{2,4}(-gov)?-[a-z]+-\d+$")
ARN = re.compile(r"^arn:aws[a-z-]*:bedrock:([a-z0-9-]+):\d*:([a-z-]+)/(.+)$")
TIMEOUT_STATUSES = {408, 504}
# Failures that say nothing about a region's health: the request itself was refused.
CLIENT_ERRORS = {"BadRequestError", "ContextWindowExceededError", "ContentPolicyViolationError", "AuthenticationError",
                 "PermissionDeniedError", "NotFoundError", "UnprocessableEntityError"}
THROTTLED = {"RateLimitError", "ThrottlingException"}
NO_ANSWER = {"Timeout", "APITimeoutError", "APIConnectionError", "TimeoutError"}


def sample_from_call(kwargs, start_time, end_time, failed, origin="litellm"):
    """The sample for one finished Bedrock call, or None when the call is not one to report
    (another provider, a cache hit, or no way to tell its profile and source region)."""
    params = kwargs.get("litellm_params") or {}
    model = str(kwargs.get("model") or params.get("model") or "")
    provider = kwargs.get("custom_llm_provider") or params.get("custom_llm_provider")
    if provider != "bedrock" and not (provider is None and model.startswith("bedrock/")):
        return None
    if kwargs.get("cache_hit"):
        return None
    path_region, model_id, is_profile = parse_model(model)
    source_region = (params.get("aws_region_name") or (kwargs.get("optional_params") or {}).get("aws_region_name")
                     or path_region or _environment_region())
    if not model_id or not source_region:
        return None
    outcome, status = classify(kwargs.get("exception"), failed)
    if outcome == "error" and status is not None and 400 <= status < 500:
        return None  # the caller's mistake (a bad request, a refused prompt, a wrong key), not the region's health
    sample = {"source_region": source_region, "observed_at": rfc3339(end_time),
              "latency_ms": _milliseconds(start_time, end_time) or 0.0, "outcome": outcome, "origin": origin}
    if is_profile:
        sample["profile_id"] = model_id
    else:
        sample["model_id"], sample["region"] = model_id, source_region
    if kwargs.get("stream") and kwargs.get("completion_start_time") is not None:
        ttft = _milliseconds(start_time, kwargs["completion_start_time"])
        if ttft is not None:
            sample["ttft_ms"] = ttft
    if status is not None:
        sample["http_status"] = status
    return sample


def parse_model(model):
    """(region named in the model path or ARN, Bedrock model or profile id, whether it is a profile)."""
    rest = model
    while rest.startswith(ROUTE_PREFIXES):
        rest = rest.split("/", 1)[1]
    arn = ARN.match(rest)
    if arn:
        region, kind, name = arn.groups()
        if kind == "foundation-model":
            return region, name, False
        if kind == "inference-profile":
            return region, rest, True
        # An account's own application profiles, provisioned or custom models: regiond knows none of
        # them, and one sample it cannot resolve makes it refuse the whole batch.
        return region, None, False
    region = None
    first, slash, after = rest.partition("/")
    if slash and REGION.match(first):
        region, rest = first, after
    if "/" in rest or not rest:
        return region, None, False
    return region, rest, is_profile_id(rest)


def is_profile_id(model_id):
    """`us.anthropic.claude…` is a profile; `anthropic.claude…` is a foundation model (whose ids
    have a single dot before the version)."""
    first = model_id.split(".", 1)[0]
    return first in GEOGRAPHIES or model_id.count(".") >= 2


def classify(exception, failed):
    """(outcome, HTTP status if known) for a call that ended with `exception` (None: success)."""
    if not failed:
        return "ok", None
    status = http_status(exception)
    mapped = getattr(exception, "status_code", None)
    names = {cls.__name__ for cls in type(exception).__mro__}
    if 429 in (status, mapped) or names & THROTTLED or "ThrottlingException" in str(exception)[:2000]:
        return "throttled", status
    if (status in TIMEOUT_STATUSES or any("Timeout" in name for name in names)
            or isinstance(exception, (TimeoutError, asyncio.TimeoutError))):
        return "timeout", status
    if status is None and names & CLIENT_ERRORS:
        return "error", getattr(exception, "status_code", None) or 400
    return "error", status


def http_status(exception):
    """The status Bedrock answered with. LiteLLM's exception carries its mapped status (Bedrock's 500
    is raised as a 503); the HTTP error it chains keeps the real one. A timeout or a refused
    connection had no answer, whatever status LiteLLM gives it."""
    current, depth = exception, 0
    while current is not None and depth < 8:
        if current is not exception:
            code = getattr(current, "status_code", None)
            if type(current).__name__ == "HTTPStatusError":
                code = getattr(getattr(current, "response", None), "status_code", code)
            if _is_status(code):
                return code
        current, depth = current.__cause__ or current.__context__, depth + 1
    if {cls.__name__ for cls in type(exception).__mro__} & NO_ANSWER:
        return None
    code = getattr(exception, "status_code", None)
    return code if _is_status(code) else None


def _is_status(code):
    return isinstance(code, int) and not isinstance(code, bool) and 100 <= code <= 599


def rfc3339(moment):
    """RFC 3339 UTC with milliseconds; LiteLLM's datetimes are naive local time."""
    when = _as_datetime(moment) or datetime.now(timezone.utc)
    when = when.astimezone(timezone.utc)
    return when.strftime("%Y-%m-%dT%H:%M:%S.") + f"{when.microsecond // 1000:03d}Z"


def _as_datetime(moment):
    if isinstance(moment, datetime):
        return moment
    if isinstance(moment, (int, float)) and not isinstance(moment, bool):
        return datetime.fromtimestamp(moment, timezone.utc)
    return None


def _milliseconds(start, end):
    start, end = _as_datetime(start), _as_datetime(end)
    if start is None or end is None or (start.tzinfo is None) != (end.tzinfo is None):
        return None
    return round(max(0.0, (end - start).total_seconds() * 1000.0), 3)


def _environment_region():
    """The region LiteLLM falls back to when a deployment names none (before boto3's own lookup)."""
    for name in ("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION"):
        if os.environ.get(name):
            return os.environ[name]
    return None
