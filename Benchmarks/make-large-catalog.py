#!/usr/bin/env python3
"""Generates catalogs at the scale regiond is designed for (issue 11), from the embedded one.

    make-large-catalog.py large EMBEDDED.json [PROFILES] [SOURCES] [DESTINATIONS] > large.json
        PROFILES system-defined profiles (default 2,000), each routed from SOURCES source regions
        (default 30) to DESTINATIONS regions (default 6): 60,000 routes.
    make-large-catalog.py realistic EMBEDDED.json [APPLICATION_PROFILES] > realistic.json
        the embedded catalog plus APPLICATION_PROFILES (default 2,000) application profiles, each a
        team's copy of a system profile in one of its source regions.
    make-large-catalog.py variant CATALOG.json SEED > changed.json
        the same catalog with one route in twenty pointed elsewhere (for refreshes that change).

Deterministic for the same arguments. Standard library only.
"""
import json
import random
import sys


def commercial_regions(catalog):
    return sorted(r["code"] for r in catalog["regions"] if r["partition"] == "aws" and r.get("bedrock_endpoint"))


def large(catalog, profiles=2000, sources=30, destinations=6):
    regions = commercial_regions(catalog)
    rng = random.Random(11)
    geos = ["us", "eu", "apac", "jp", "au", "ca", "global"]
    models, out = [], []
    for i in range(profiles):
        model = "vendor%02d.model-%04d-v1:0" % (i % 40, i)
        models.append({"id": model, "provider": "vendor%02d" % (i % 40)})
        routes = []
        for source in sorted(rng.sample(regions, min(sources, len(regions)))):
            picked = sorted(set([source] + rng.sample(regions, destinations - 1)))
            routes.append({"source_region": source, "destination_regions": picked, "confidence": "high",
                           "evidence": [catalog["provenance"]["sources"][0]["key"]]})
        geo = geos[i % len(geos)]
        out.append({"id": "%s.%s" % (geo, model), "name": "%s model %04d" % (geo.upper(), i), "description": None,
                    "type": "SYSTEM_DEFINED", "geo": geo, "model_id": model, "status": "ACTIVE",
                    "created_at": None, "updated_at": None, "notes": [], "routes": routes})
    catalog = dict(catalog)
    catalog["name"] = "large-%dx%d" % (profiles, sources)
    catalog["models"] = sorted(models, key=lambda m: m["id"])
    catalog["profiles"] = sorted(out, key=lambda p: p["id"])
    return catalog


def realistic(catalog, count=2000):
    rng = random.Random(12)
    systems = [p for p in catalog["profiles"] if p["type"] == "SYSTEM_DEFINED"]
    extra = []
    for i in range(count):
        parent = systems[i % len(systems)]
        route = dict(rng.choice(parent["routes"]))
        extra.append({"id": "%012x" % (0xa1b2c3000000 + i), "name": "team-%04d-%s" % (i, parent["model_id"][:40]),
                      "description": "cost tracking for team %04d" % i, "type": "APPLICATION", "geo": parent["geo"],
                      "model_id": parent["model_id"], "status": "ACTIVE", "created_at": None, "updated_at": None,
                      "notes": [], "routes": [route]})
    catalog = dict(catalog)
    catalog["name"] = "realistic-%d-application" % count
    catalog["profiles"] = sorted(catalog["profiles"] + extra, key=lambda p: p["id"])
    return catalog


def variant(catalog, seed):
    rng = random.Random(seed)
    regions = commercial_regions(catalog)
    for profile in catalog["profiles"]:
        for route in profile["routes"]:
            if rng.random() < 0.05:
                route["destination_regions"] = sorted(set([route["source_region"]] + rng.sample(regions, 3)))
    return catalog


def main(argv):
    if len(argv) < 3 or argv[1] not in ("large", "realistic", "variant"):
        print(__doc__, file=sys.stderr)
        return 2
    catalog = json.load(open(argv[2], encoding="utf-8"))
    numbers = [int(a) for a in argv[3:]]
    result = {"large": large, "realistic": realistic, "variant": variant}[argv[1]](catalog, *numbers)
    sys.stdout.write(json.dumps(result, indent=None, sort_keys=True, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
