#!/usr/bin/env python3
"""Checks regiond's LiteLLM export with LiteLLM itself, offline: the fragment loads as
`Router(model_list=..., **router_settings)`; deployment ids are unique; every fallback names a model
group that exists; no secret is written out (credential fields are `os.environ/NAME` references and
no string looks like an AWS access key id); every deployment calls `bedrock/converse/<profile>` in
its own source region, and its `base_model` has a price by LiteLLM's own lookup
(`litellm.cost_per_token`, what LiteLLM prices a deployment with a base_model by); with
--expect-routes, the deployments are exactly the expected `profile@source_region` routes.
Usage: check_litellm_export.py (--file PATH | --url URL) [--yaml] [--expect-routes FILE] [--token-file PATH]
Needs litellm (PyYAML comes with it). Exit 0 with a one-line summary, else 1 listing every problem."""
import argparse
import copy
import functools
import json
import os
import re
import sys
import urllib.parse
import urllib.request
import warnings

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # before litellm: no cost map download
warnings.filterwarnings("ignore", category=UserWarning, module="pydantic")  # LiteLLM's types, as they load

SECRET_FIELD = re.compile(r"^aws_.*key|(^|_)(token|secret|password|api_key)(_|$)", re.IGNORECASE)
ENV_REFERENCE = re.compile(r"^os\.environ/[A-Za-z_][A-Za-z0-9_]*$")
ACCESS_KEY_ID = re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])")
TOP_LEVEL = {"model_list", "router_settings", "excluded"}
EXPORT_PATH = "/v1/export/litellm"


def load(args):
    """The export as a dict, from --file or --url (JSON unless --yaml or a .yaml/.yml file)."""
    as_yaml = args.yaml or (args.file or "").endswith((".yaml", ".yml"))
    if args.file:
        with open(args.file, encoding="utf-8") as file:
            text = file.read()
    else:
        url = args.url if urllib.parse.urlsplit(args.url).path not in ("", "/") else args.url.rstrip("/") + EXPORT_PATH
        headers = {"Accept": "application/yaml" if as_yaml else "application/json"}
        token = os.environ.get("REGIOND_TOKEN")
        if args.token_file:
            with open(args.token_file) as file:
                token = file.readline().strip()
        if token:
            headers["Authorization"] = "Bearer " + token
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as response:
            text = response.read().decode("utf-8")
    if as_yaml:
        import yaml
        return yaml.safe_load(text)
    return json.loads(text)


def check(document, expected_routes=None):
    """(problems, summary) for one export document."""
    if not isinstance(document, dict) or not isinstance(document.get("model_list"), list):
        return ["the export is not an object with a model_list array"], ""
    problems = [f"unknown top-level field {key!r}" for key in sorted(set(document) - TOP_LEVEL)]
    deployments = [d for d in document["model_list"] if isinstance(d, dict)]
    problems += [f"model_list[{i}] is not an object" for i, d in enumerate(document["model_list"]) if not isinstance(d, dict)]
    settings = document.get("router_settings") or {}
    problems += router_problems(deployments, settings)
    problems += id_problems(deployments)
    problems += fallback_problems(settings.get("fallbacks"), {d.get("model_name") for d in deployments})
    problems += secret_problems(document)
    for deployment in deployments:
        problems += deployment_problems(deployment)
    routes = {f"{info.get('regiond_profile_id')}@{info.get('regiond_source_region')}"
              for info in (d.get("model_info") or {} for d in deployments)}
    if expected_routes is not None:
        expected = set(expected_routes)
        problems += [f"expected route {route} is not a deployment" for route in sorted(expected - routes)]
        problems += [f"deployment {route} was not expected" for route in sorted(routes - expected)]
    groups = {d.get("model_name") for d in deployments}
    summary = (f"{len(deployments)} deployments ({len(routes)} routes) in {len(groups)} model groups, "
               f"{len(settings.get('fallbacks') or [])} fallbacks, {len(document.get('excluded') or [])} excluded routes")
    return problems, summary


def router_problems(deployments, settings):
    import litellm
    try:
        litellm.Router(model_list=copy.deepcopy(deployments), **copy.deepcopy(settings))
    except Exception as error:
        return [f"LiteLLM's Router refuses the export: {type(error).__name__}: {error}"]
    return []


def id_problems(deployments):
    ids = [(d.get("model_info") or {}).get("id") for d in deployments]
    problems = [f"deployment {d.get('model_name')!r} has no model_info.id" for d, i in zip(deployments, ids) if not i]
    repeated = sorted({i for i in ids if i and ids.count(i) > 1})
    return problems + [f"model_info.id {i!r} is used {ids.count(i)} times" for i in repeated]


def fallback_problems(fallbacks, groups):
    """The shape LiteLLM's Router walks: [{"group": ["fallback group", ...]}, ...], all groups present."""
    if fallbacks is None:
        return []
    if not isinstance(fallbacks, list):
        return ["router_settings.fallbacks is not a list of {group: [groups]} objects"]
    problems = []
    for entry in fallbacks:
        if not (isinstance(entry, dict) and len(entry) == 1 and isinstance(next(iter(entry.values())), list)):
            problems.append(f"fallback {entry!r} is not a one-key object whose value is a list of group names")
            continue
        ((source, targets),) = entry.items()
        problems += [f"fallback from {source!r}: no model group {name!r}" for name in [source, *targets] if name not in groups]
    return problems


def secret_problems(value, path="export"):
    problems = []
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}.{key}"
            if SECRET_FIELD.search(str(key)) and item is not None and not (isinstance(item, str) and ENV_REFERENCE.match(item)):
                problems.append(f"{where} is not an os.environ/NAME reference (a secret written out?)")
            problems += secret_problems(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            problems += secret_problems(item, f"{path}[{index}]")
    elif isinstance(value, str) and ACCESS_KEY_ID.search(value):
        problems.append(f"{path} holds what looks like an AWS access key id")
    return problems


def deployment_problems(deployment):
    params, info = deployment.get("litellm_params") or {}, deployment.get("model_info") or {}
    name = info.get("id") or deployment.get("model_name")
    model, profile, source = params.get("model"), info.get("regiond_profile_id"), info.get("regiond_source_region")
    problems = [f"{name}: model_info.{field} is missing" for field in ("regiond_profile_id", "regiond_source_region",
                                                                        "regiond_model_id", "base_model") if not info.get(field)]
    if not isinstance(model, str) or not model.startswith("bedrock/converse/"):
        problems.append(f"{name}: model {model!r} does not start with bedrock/converse/")
    elif profile and model != "bedrock/converse/" + profile:
        problems.append(f"{name}: model {model!r} is not bedrock/converse/{profile}")
    if source and params.get("aws_region_name") != source:
        problems.append(f"{name}: aws_region_name {params.get('aws_region_name')!r} is not its source region {source!r}")
    if info.get("base_model"):
        problem = price_problem(info["base_model"])
        if problem:
            problems.append(f"{name}: base_model {info['base_model']!r} {problem}")
    return problems


@functools.lru_cache(maxsize=None)
def price_problem(base_model):
    """None when LiteLLM prices the model (what it charges a deployment whose model_info has this
    base_model), else why not."""
    import litellm
    try:
        prompt, completion = litellm.cost_per_token(model=base_model, custom_llm_provider="bedrock",
                                                    prompt_tokens=1000, completion_tokens=1000)
    except Exception as error:
        return f"has no price in LiteLLM ({type(error).__name__})"
    return None if prompt + completion > 0 else "is priced at $0 by LiteLLM"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", help="the export, as JSON (or YAML with --yaml, .yaml or .yml)")
    source.add_argument("--url", help=f"regiond's base URL (fetches {EXPORT_PATH}) or the export's full URL")
    parser.add_argument("--yaml", action="store_true", help="read the YAML form")
    parser.add_argument("--expect-routes", help="a JSON list of the profile@source_region routes to find, exactly")
    parser.add_argument("--token-file", help="a token for --url (else REGIOND_TOKEN, if set)")
    args = parser.parse_args(argv)
    try:
        document = load(args)
        expected = None
        if args.expect_routes:
            with open(args.expect_routes, encoding="utf-8") as file:
                expected = json.load(file)
    except Exception as error:
        print(f"check-litellm-export: cannot read the export: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    problems, summary = check(document, expected)
    for problem in problems:
        print(f"check-litellm-export: {problem}")
    if problems:
        print(f"check-litellm-export: {len(problems)} problem(s) in {summary}")
        return 1
    from importlib.metadata import version
    print(f"check-litellm-export: ok: {summary}; LiteLLM {version('litellm')} loads it")
    return 0


if __name__ == "__main__":
    sys.exit(main())
