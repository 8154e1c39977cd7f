#!/usr/bin/env python3
"""Compile regiond's embedded default catalog (format "regiond-catalog", version 1).

Usage:
    python3 make-catalog.py /path/to/shared/catalog > aws-published.json

Reads profiles.json, regions.json, lifecycle.json and SOURCES.md from the research directory, validates them and
writes the catalog to stdout: sorted keys, indent=1, trailing newline; profiles sorted by id,
regions by code, routes by source_region, destination lists sorted and de-duplicated. The output
depends only on the input files, so running it twice gives identical bytes.

Any validation error is printed to stderr and the script exits 1 without writing anything.
Warnings (facts worth knowing that do not make the catalog invalid) go to stderr as well.
Standard library only.
"""

import datetime
import json
import os
import re
import sys

FORMAT = "regiond-catalog"
VERSION = 1
NAME = "aws-published"
CONFIDENCES = ("high", "medium", "low")
# "regions": exactly destination_regions; "commercial": any commercial Region of the partition
# that AWS picks (global profiles), destination_regions then holding only the explicit ones.
SCOPES = ("regions", "commercial")
PROFILE_TYPE = "SYSTEM_DEFINED"
# The research lists only profiles that were seen in use; none is recorded as legacy/inactive.
PROFILE_STATUS = "ACTIVE"

errors = []
warnings = []
# How many profile names were made up (name_source "derived"), counted while building profiles.
DERIVED_NAMES = [0]


def error(message):
    errors.append(message)


def warn(message):
    warnings.append(message)


def fail_if_errors():
    if errors:
        for message in errors:
            print("make-catalog: error: " + message, file=sys.stderr)
        print("make-catalog: %d error(s); no catalog written" % len(errors), file=sys.stderr)
        sys.exit(1)


def load_json(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as exc:
        error("cannot read %s: %s" % (path, exc))
        fail_if_errors()


def read_text(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError as exc:
        error("cannot read %s: %s" % (path, exc))
        fail_if_errors()


def evidence_sort_key(key):
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", key)
    return (match.group(1), int(match.group(2))) if match else (key, 0)


# ---------------------------------------------------------------------------------------------
# Timestamps

_TIMESTAMP = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|z|[+-]\d{2}:?\d{2})$"
)


def rfc3339_utc(value, where):
    """Normalise an ISO 8601 / RFC 3339 timestamp to UTC with a 'Z' suffix.

    Fractional seconds are kept exactly as written (digit count included). None stays None.
    """
    if value is None:
        return None
    if not isinstance(value, str):
        error("%s: timestamp must be a string or null, got %r" % (where, value))
        return None
    match = _TIMESTAMP.match(value)
    if not match:
        error("%s: not an RFC 3339 timestamp with a UTC offset: %r" % (where, value))
        return None
    date, time, fraction, offset = match.groups()
    try:
        moment = datetime.datetime.fromisoformat(date + "T" + time)
    except ValueError as exc:
        error("%s: invalid timestamp %r: %s" % (where, value, exc))
        return None
    if offset not in ("Z", "z"):
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        delta = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        moment -= sign * delta
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + (fraction or "") + "Z"


# ---------------------------------------------------------------------------------------------
# SOURCES.md

def parse_sources_md(text):
    """Return (compiled_at, sources, declared_route_counts) from SOURCES.md."""
    match = re.search(r"^Read (\d{4}-\d{2}-\d{2})\b", text, re.MULTILINE)
    if not match:
        error("SOURCES.md: no 'Read YYYY-MM-DD' line giving the date the research was read")
        compiled_at = None
    else:
        compiled_at = rfc3339_utc(match.group(1) + "T00:00:00Z", "SOURCES.md read date")

    section = re.search(r"^## Evidence keys.*?$(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    if not section:
        error("SOURCES.md: no '## Evidence keys' section")
        return compiled_at, [], {}

    header = None
    sources = []
    counts = {}
    for line in section.group(1).splitlines():
        line = line.strip()
        if not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if header is None:
            header = [cell.lower() for cell in cells]
            needed = {"key", "kind", "observed", "routes", "what", "url"}
            if not needed.issubset(header):
                error("SOURCES.md: evidence table header %r lacks %s" % (cells, sorted(needed - set(header))))
                return compiled_at, [], {}
            continue
        if set("".join(cells)) <= set("-: "):
            continue  # separator row
        if len(cells) != len(header):
            error("SOURCES.md: evidence row has %d cells, header has %d: %r" % (len(cells), len(header), line))
            continue
        row = dict(zip(header, cells))
        key = row["key"].strip("`*")
        url = row["url"].strip("<>")
        if not re.fullmatch(r"E\d+", key):
            error("SOURCES.md: evidence key %r is not of the form E<n>" % key)
        if not url.startswith("https://"):
            error("SOURCES.md: evidence %s URL is not https: %r" % (key, url))
        sources.append({
            "key": key,
            "kind": row["kind"],
            "observed": row["observed"],
            "url": url,
            "what": row["what"].replace("`", ""),
        })
        try:
            counts[key] = int(row["routes"])
        except ValueError:
            pass
    if not sources:
        error("SOURCES.md: evidence table has no rows")
    keys = [source["key"] for source in sources]
    for key in sorted(set(k for k in keys if keys.count(k) > 1)):
        error("SOURCES.md: duplicate evidence key %s" % key)
    sources.sort(key=lambda source: evidence_sort_key(source["key"]))
    return compiled_at, sources, counts


# ---------------------------------------------------------------------------------------------
# Regions

def build_regions(data):
    rows = data.get("regions") if isinstance(data, dict) else None
    if not isinstance(rows, list):
        error("regions.json: expected an object with a 'regions' list")
        return []
    regions = []
    seen = set()
    for index, row in enumerate(rows):
        where = "regions.json regions[%d]" % index
        code = row.get("code")
        if not isinstance(code, str) or not code:
            error("%s: missing code" % where)
            continue
        where = "regions.json region %s" % code
        if code in seen:
            error("%s: duplicate region code" % where)
            continue
        seen.add(code)
        for field in ("name", "geography", "partition"):
            if not isinstance(row.get(field), str) or not row.get(field):
                error("%s: %s must be a non-empty string" % (where, field))
        opt_in = row.get("opt_in")
        if opt_in is not None and not isinstance(opt_in, bool):
            error("%s: opt_in must be true, false or null" % where)
        endpoint = row.get("bedrock_in_sdk_endpoints")
        if not isinstance(endpoint, bool):
            error("%s: bedrock_in_sdk_endpoints must be true or false" % where)
        regions.append({
            "code": code,
            "name": row.get("name"),
            "geography": row.get("geography"),
            "partition": row.get("partition"),
            "opt_in": opt_in,
            "bedrock_endpoint": endpoint,
        })
    regions.sort(key=lambda region: region["code"])
    return regions


# ---------------------------------------------------------------------------------------------
# Profiles

def geo_of(profile_id):
    """A system-defined profile ID is '{geo}.{modelId}'; geo is the text before the first '.',
    except that IDs starting with 'us-gov.' have geo 'us-gov'."""
    if profile_id.startswith("us-gov."):
        return "us-gov"
    return profile_id.split(".", 1)[0]


def build_profiles(data, region_by_code, source_keys):
    if not isinstance(data, list):
        error("profiles.json: expected a list of profiles")
        return []
    profiles = []
    seen_ids = set()
    for index, row in enumerate(data):
        if not isinstance(row, dict):
            error("profiles.json[%d]: expected an object" % index)
            continue
        profile_id = row.get("profile_id")
        if not isinstance(profile_id, str) or "." not in profile_id:
            error("profiles.json[%d]: profile_id missing or has no '.': %r" % (index, profile_id))
            continue
        where = "profile %s" % profile_id
        if profile_id in seen_ids:
            error("%s: duplicate profile id" % where)
            continue
        seen_ids.add(profile_id)

        geo = row.get("geo")
        model_id = row.get("model_id")
        expected_geo = geo_of(profile_id)
        expected_model = profile_id[len(expected_geo) + 1:]
        if geo != expected_geo:
            error("%s: geo is %r but the id's prefix is %r" % (where, geo, expected_geo))
        if model_id != expected_model:
            error("%s: model_id is %r but the id without '%s.' is %r" % (where, model_id, expected_geo, expected_model))
        name = row.get("name")
        if row.get("name_source") == "derived":
            DERIVED_NAMES[0] += 1
        if not isinstance(name, str) or not name:
            error("%s: name must be a non-empty string" % where)
        description = row.get("description")
        if description is not None and not isinstance(description, str):
            error("%s: description must be a string or null" % where)

        notes = row.get("notes") or []
        if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
            error("%s: notes must be a list of strings" % where)
            notes = []
        notes = list(notes)
        policy = row.get("destination_policy")
        if policy is not None:
            notes.append("destination_policy: %s" % policy)
        deduped = []
        for note in notes:
            if note not in deduped:
                deduped.append(note)

        scope = row.get("destination_scope", "regions")
        if scope not in SCOPES:
            error("%s: destination_scope %r is not one of %s" % (where, scope, "/".join(SCOPES)))
        routes = build_routes(row.get("routes"), where, region_by_code, source_keys)
        if not routes:
            error("%s: has no routes" % where)
        if scope == "commercial":
            # Carried on each route: the scope is a property of where a request may run.
            for route in routes:
                route["destination_scope"] = scope

        profiles.append({
            "id": profile_id,
            "name": name,
            "description": description,
            "type": PROFILE_TYPE,
            "geo": geo,
            "model_id": model_id,
            "status": PROFILE_STATUS,
            "created_at": rfc3339_utc(row.get("api_created_at"), where + " api_created_at"),
            "updated_at": rfc3339_utc(row.get("api_updated_at"), where + " api_updated_at"),
            "notes": deduped,
            "routes": routes,
        })
    profiles.sort(key=lambda profile: profile["id"])
    return profiles


def build_routes(rows, where, region_by_code, source_keys):
    if not isinstance(rows, list):
        error("%s: routes must be a list" % where)
        return []
    routes = []
    seen_sources = set()
    for index, row in enumerate(rows):
        source = row.get("source_region") if isinstance(row, dict) else None
        if not isinstance(source, str):
            error("%s routes[%d]: source_region missing" % (where, index))
            continue
        route_where = "%s route from %s" % (where, source)
        if source in seen_sources:
            error("%s: duplicate (profile, source_region)" % route_where)
            continue
        seen_sources.add(source)
        if source not in region_by_code:
            error("%s: source region %r is not in regions.json" % (route_where, source))

        destinations = row.get("destination_regions")
        if not isinstance(destinations, list) or not all(isinstance(d, str) for d in destinations):
            error("%s: destination_regions must be a list of region codes" % route_where)
            destinations = []
        if len(set(destinations)) != len(destinations):
            warn("%s: duplicate destination regions removed" % route_where)
        destinations = sorted(set(destinations))
        if not destinations:
            error("%s: has no destination regions" % route_where)
        for destination in destinations:
            if destination not in region_by_code:
                error("%s: destination region %r is not in regions.json" % (route_where, destination))

        # Partition sanity: a route never crosses partitions (us-gov stays in aws-us-gov, etc.).
        partitions = sorted(set(region_by_code[r]["partition"] for r in [source] + destinations
                                if r in region_by_code))
        if len(partitions) > 1:
            error("%s: mixes partitions %s" % (route_where, partitions))
        for region in [source] + destinations:
            if region in region_by_code and region_by_code[region]["bedrock_endpoint"] is False:
                warn("%s: region %s has no Bedrock endpoint in the SDK tables" % (route_where, region))

        confidence = row.get("confidence")
        if confidence not in CONFIDENCES:
            error("%s: confidence %r is not one of %s" % (route_where, confidence, "/".join(CONFIDENCES)))

        evidence = row.get("evidence")
        if not isinstance(evidence, list) or not evidence or not all(isinstance(e, str) for e in evidence):
            error("%s: evidence must be a non-empty list of keys" % route_where)
            evidence = []
        for key in evidence:
            if key not in source_keys:
                error("%s: evidence key %r is not in SOURCES.md's evidence table" % (route_where, key))
        evidence = sorted(set(evidence), key=evidence_sort_key)

        routes.append({
            "source_region": source,
            "destination_regions": destinations,
            "confidence": confidence,
            "evidence": evidence,
        })
    routes.sort(key=lambda route: route["source_region"])
    return routes


LIFECYCLE_STATUSES = ("ACTIVE", "LEGACY", "EOL")
LIFECYCLE_DATES = ("legacy_at", "public_extended_access_at", "end_of_life_at")


def build_models(profiles, lifecycle):
    """One entry per model a profile uses, with AWS's lifecycle for it when lifecycle.json has it."""
    by_id = {}
    for index, row in enumerate(lifecycle.get("models", [])):
        where = "lifecycle.json models[%d]" % index
        if not isinstance(row, dict) or not isinstance(row.get("model_id"), str):
            error("%s: model_id must be a string" % where)
            continue
        if row.get("status") not in LIFECYCLE_STATUSES:
            error("%s: status must be one of %s" % (where, ", ".join(LIFECYCLE_STATUSES)))
        for field in LIFECYCLE_DATES:
            value = row.get(field)
            if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
                error("%s: %s must be YYYY-MM-DD or null" % (where, field))
        entry = {"status": row.get("status"), "evidence": sorted(row.get("evidence") or [], key=evidence_sort_key),
                 "regions": sorted(row.get("regions") or []), "recommended_replacement": row.get("recommended_replacement")}
        for field in LIFECYCLE_DATES:
            entry[field] = row.get(field)
        by_id[row["model_id"]] = entry
    model_ids = sorted(set(profile["model_id"] for profile in profiles if isinstance(profile["model_id"], str)))
    models = []
    for model_id in model_ids:
        model = {"id": model_id, "provider": model_id.split(".", 1)[0]}
        if model_id in by_id:
            model["lifecycle"] = by_id[model_id]
        else:
            warn("model %s has no lifecycle in lifecycle.json" % model_id)
        models.append(model)
    return models


def lifecycle_sources(lifecycle):
    """lifecycle.json's evidence (L1…) as provenance sources, so every key a model names resolves."""
    read = lifecycle.get("read")
    return [{"key": source["key"], "kind": "aws-doc (lifecycle)", "observed": read, "url": source["url"],
             "what": source["what"]} for source in lifecycle.get("sources", [])]


# ---------------------------------------------------------------------------------------------
# Provenance

def build_provenance(sources, profiles):
    routes = [route for profile in profiles for route in profile["routes"]]
    by_confidence = {c: sum(1 for r in routes if r["confidence"] == c) for c in CONFIDENCES}
    derived_names = DERIVED_NAMES[0]

    summary = (
        "A snapshot of Amazon Bedrock regions and system-defined cross-region inference profiles, "
        "read from AWS's own per-profile tables (the user guide's inference-profile page and the "
        "per-model pages, in archived weekly copies) and real ListInferenceProfiles output. Regions "
        "(names, partitions, Bedrock endpoint presence) come from botocore's endpoints.json. Each "
        "route names its evidence keys and a confidence: high = an AWS table or real API output for "
        "that source; medium = an AWS table contradicted by a newer one, or an AWS blog; low = only a "
        "third-party list. Global profiles' routes have destination_scope 'commercial': any commercial "
        "Region of the partition that AWS picks, their destination_regions naming only the explicit "
        "one (the source). This file is only the embedded default: the live 'aws' source "
        "(ListInferenceProfiles in each source region, whose models[] give the destinations) "
        "supersedes it."
    )
    notes = [
        "Destinations are a function of (profile, source region), not of the profile alone: "
        "us.anthropic.claude-3-haiku-20240307-v1:0 routes from us-east-2 to us-east-1/us-east-2/us-west-2 "
        "but from us-west-2 only to us-east-1/us-west-2 (E4).",
        "The source region need not be a destination: from us-east-2, "
        "us.anthropic.claude-3-5-sonnet-20240620-v1:0 routes only to us-east-1 and us-west-2 although "
        "its description names us-east-2 too (E1). Trust models[], never the description.",
        "Destination-only regions exist (e.g. ap-southeast-4 for APAC Claude Sonnet 4, E6).",
        "Global profiles may run in any commercial Region of the aws partition (AWS docs; not GovCloud, "
        "not China); AWS's API lists them with a region-less foundation-model ARN plus the source "
        "Region's own, and IAM must allow the region-less ARN with aws:RequestedRegion = unspecified.",
        "Destinations may include opt-in Regions; requests can be routed there even if the account "
        "has not opted in.",
        "If an SCP blocks any destination Region of a profile, requests fail even though other "
        "Regions are allowed: allow the needed bedrock actions (e.g. bedrock:InvokeModel*) and grant "
        "model access in all destination Regions.",
        "AWS adds commercial Regions to profiles over time, so destination sets grow.",
        "A system-defined profile ID is {geo}.{modelId}: geo is the text before the first '.', except "
        "IDs starting with 'us-gov.'. Newer Anthropic IDs drop the date/version suffix "
        "(us.anthropic.claude-opus-4-6-v1), so do not parse IDs with a fixed regex; keep unknown "
        "geos as data (AWS's table has a 'ca' profile; the 'amer' prefix seen in third-party configs "
        "is unverified and not in this catalog).",
        "Profile names are not uniform ('US Anthropic Claude 3 Haiku' vs 'US Claude Sonnet 4' vs "
        "'US Nova Pro'); %d names were made up from geo + model, not the real inferenceProfileName; "
        "the others come from API output or AWS's table." % derived_names,
        "Routes only a third-party list (E6) named and no AWS table lists were removed, as the "
        "affected profiles' notes say.",
        "%d of %d routes are low confidence, %d medium, %d high: re-derive from the live "
        "API before relying on a low-confidence route."
        % (by_confidence["low"], len(routes), by_confidence["medium"], by_confidence["high"]),
    ]
    return {"summary": summary, "sources": sources, "notes": notes}


# ---------------------------------------------------------------------------------------------

def main(argv):
    if len(argv) != 2 or argv[1] in ("-h", "--help"):
        print("usage: python3 make-catalog.py /path/to/shared/catalog > aws-published.json", file=sys.stderr)
        return 2
    directory = argv[1]

    compiled_at, sources, declared_counts = parse_sources_md(read_text(os.path.join(directory, "SOURCES.md")))
    regions = build_regions(load_json(os.path.join(directory, "regions.json")))
    region_by_code = {region["code"]: region for region in regions}
    source_keys = set(source["key"] for source in sources)
    profiles = build_profiles(load_json(os.path.join(directory, "profiles.json")), region_by_code, source_keys)
    lifecycle = load_json(os.path.join(directory, "lifecycle.json"))
    models = build_models(profiles, lifecycle)

    # Cross-checks against SOURCES.md's own numbers (warnings: the table is prose, the data rules).
    used = {}
    for profile in profiles:
        for route in profile["routes"]:
            for key in route["evidence"]:
                used[key] = used.get(key, 0) + 1
    for key in sorted(source_keys, key=evidence_sort_key):
        if key not in used:
            warn("evidence %s is listed in SOURCES.md but used by no route" % key)
        elif key in declared_counts and declared_counts[key] != used[key]:
            warn("evidence %s: SOURCES.md says %d routes, profiles.json has %d" % (key, declared_counts[key], used[key]))

    fail_if_errors()
    for message in warnings:
        print("make-catalog: warning: " + message, file=sys.stderr)

    catalog = {
        "format": FORMAT,
        "version": VERSION,
        "name": NAME,
        "compiled_at": compiled_at,
        "provenance": build_provenance(sources + lifecycle_sources(lifecycle), profiles),
        "regions": regions,
        "models": models,
        "profiles": profiles,
    }
    text = json.dumps(catalog, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    route_count = sum(len(profile["routes"]) for profile in profiles)
    print("make-catalog: %d regions, %d models, %d profiles, %d routes"
          % (len(regions), len(models), len(profiles), route_count), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
