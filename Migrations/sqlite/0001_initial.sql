-- regiond schema, version 1. Forward-only: never edit this file once released; add 0002_….sql.
-- Times are RFC 3339 UTC text. Removed entities keep their rows (removed_at set) for history.

CREATE TABLE region (
    code             TEXT PRIMARY KEY NOT NULL,
    name             TEXT NOT NULL,
    geography        TEXT NOT NULL,
    partition        TEXT NOT NULL,
    opt_in           INTEGER CHECK (opt_in IN (0, 1)),  -- NULL: not known
    bedrock_endpoint INTEGER CHECK (bedrock_endpoint IN (0, 1)),
    first_seen       TEXT NOT NULL,
    last_seen        TEXT NOT NULL,
    removed_at       TEXT
) STRICT;

CREATE TABLE foundation_model (
    id               TEXT PRIMARY KEY NOT NULL,
    provider         TEXT,
    name             TEXT,
    lifecycle_status TEXT,
    first_seen       TEXT NOT NULL,
    last_seen        TEXT NOT NULL,
    removed_at       TEXT
) STRICT;

CREATE TABLE inference_profile (
    id           TEXT PRIMARY KEY NOT NULL,
    arn          TEXT,
    name         TEXT NOT NULL,
    description  TEXT,
    type         TEXT NOT NULL CHECK (type IN ('SYSTEM_DEFINED', 'APPLICATION')),
    geo          TEXT NOT NULL,
    model_id     TEXT NOT NULL,
    status       TEXT NOT NULL,
    aws_created_at TEXT,   -- as AWS reports it
    aws_updated_at TEXT,
    notes        TEXT NOT NULL DEFAULT '[]',  -- JSON array of strings
    first_seen   TEXT NOT NULL,
    last_seen    TEXT NOT NULL,
    removed_at   TEXT
) STRICT;
CREATE INDEX inference_profile_model ON inference_profile (model_id);

-- One row per (profile, source region): destination sets differ by source region.
CREATE TABLE profile_route (
    profile_id    TEXT NOT NULL REFERENCES inference_profile (id) ON DELETE CASCADE,
    source_region TEXT NOT NULL REFERENCES region (code),
    confidence    TEXT,
    evidence      TEXT NOT NULL DEFAULT '[]',  -- JSON array of provenance keys
    PRIMARY KEY (profile_id, source_region)
) STRICT, WITHOUT ROWID;

CREATE TABLE route_destination (
    profile_id         TEXT NOT NULL,
    source_region      TEXT NOT NULL,
    destination_region TEXT NOT NULL REFERENCES region (code),
    PRIMARY KEY (profile_id, source_region, destination_region),
    FOREIGN KEY (profile_id, source_region) REFERENCES profile_route (profile_id, source_region) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX route_destination_region ON route_destination (destination_region);

-- Access to a foundation model in a region. Manual grants (set through the API) win over aws ones
-- and are never overwritten by a refresh; both are kept.
CREATE TABLE access_grant (
    model_id                 TEXT NOT NULL,
    region                   TEXT NOT NULL REFERENCES region (code),
    origin                   TEXT NOT NULL CHECK (origin IN ('aws', 'manual')),
    status                   TEXT NOT NULL CHECK (status IN ('granted', 'denied', 'unknown')),
    authorization_status     TEXT,
    entitlement_availability TEXT,
    region_availability      TEXT,
    agreement_status         TEXT,
    note                     TEXT,
    checked_at               TEXT NOT NULL,
    PRIMARY KEY (model_id, region, origin)
) STRICT, WITHOUT ROWID;

-- What gateways and probes observed. Written by the health issue; the schema is here from the start.
CREATE TABLE health_sample (
    id            INTEGER PRIMARY KEY,
    region        TEXT NOT NULL,
    model_id      TEXT,
    profile_id    TEXT,
    source_region TEXT,
    observed_at   TEXT NOT NULL,
    latency_ms    REAL,
    ttft_ms       REAL,
    outcome       TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'throttled', 'timeout')),
    http_status   INTEGER,
    origin        TEXT
) STRICT;
CREATE INDEX health_sample_observed ON health_sample (observed_at);
CREATE INDEX health_sample_region_model ON health_sample (region, model_id, observed_at);

CREATE TABLE refresh_run (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    trigger      TEXT NOT NULL CHECK (trigger IN ('startup', 'interval', 'manual', 'cli')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'failed')),
    error        TEXT,
    added        INTEGER NOT NULL DEFAULT 0,
    changed      INTEGER NOT NULL DEFAULT 0,
    removed      INTEGER NOT NULL DEFAULT 0,
    change_index INTEGER
) STRICT;

-- Every change to the registry, in order. AUTOINCREMENT: an index is never reused, even after
-- the newest entries are deleted, so `since=N` watchers never miss or repeat a change.
CREATE TABLE change_log (
    idx         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    entity_kind TEXT NOT NULL CHECK (entity_kind IN ('region', 'model', 'profile', 'route', 'grant')),
    entity_key  TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
    before      TEXT,  -- JSON object summary, NULL when added
    after       TEXT,  -- JSON object summary, NULL when removed
    refresh_run INTEGER REFERENCES refresh_run (id)
) STRICT;
CREATE INDEX change_log_entity ON change_log (entity_kind, entity_key);

-- Start the index at 1 so the first change is 2: an empty log already reports index 1 (never 0,
-- which blocking clients treat as "no index"), and a watcher holding 1 still sees the first change.
INSERT INTO sqlite_sequence (name, seq) VALUES ('change_log', 1);
