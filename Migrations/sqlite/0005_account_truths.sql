-- What a real account answers: grant states (what AWS said, beside the granted/denied/unknown
-- summary), application profiles' parents, opt-in regions that are not enabled, and bad items a
-- unit skipped instead of failing.

-- Each grant's state. Rows written before this step get one from their fields; a live refresh
-- (run at start-up) re-reads them and logs any change.
ALTER TABLE access_grant ADD COLUMN state TEXT NOT NULL DEFAULT 'unrecognized'
    CHECK (state IN ('available', 'not_subscribed', 'agreement_pending', 'not_authorized', 'not_entitled',
                     'not_offered', 'region_not_enabled', 'unreadable', 'unrecognized', 'manual'));
UPDATE access_grant SET state = CASE
    WHEN origin = 'manual' THEN 'manual'
    WHEN region_availability = 'NOT_AVAILABLE' THEN 'not_offered'
    WHEN authorization_status = 'NOT_AUTHORIZED' THEN 'not_authorized'
    WHEN entitlement_availability = 'NOT_AVAILABLE' THEN 'not_entitled'
    WHEN agreement_status IN ('NOT_AVAILABLE', 'ERROR') THEN 'not_subscribed'
    WHEN agreement_status = 'PENDING' THEN 'agreement_pending'
    WHEN authorization_status = 'AUTHORIZED' AND entitlement_availability = 'AVAILABLE'
         AND region_availability = 'AVAILABLE' AND agreement_status = 'AVAILABLE' THEN 'available'
    WHEN status = 'denied' AND authorization_status IS NULL THEN 'not_offered'  -- a 404 from the region
    ELSE 'unrecognized' END;

-- The system-defined profile an application profile was copied from (no foreign key: the parent
-- may be removed while its copy lives on).
ALTER TABLE inference_profile ADD COLUMN parent_profile_id TEXT;

-- A region part can now be 'not_enabled' (SQLite cannot alter a CHECK constraint: rebuild), and
-- keeps the items it skipped (JSON array of {item, reason}).
CREATE TABLE refresh_region_new (
    refresh_run INTEGER NOT NULL REFERENCES refresh_run (id) ON DELETE CASCADE,
    region      TEXT NOT NULL,
    part        TEXT NOT NULL CHECK (part IN ('routes', 'access')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed', 'not_enabled')),
    error       TEXT,
    skipped     TEXT NOT NULL DEFAULT '[]',
    requests    INTEGER NOT NULL DEFAULT 0,
    retries     INTEGER NOT NULL DEFAULT 0,
    throttled   INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (refresh_run, region, part)
) STRICT, WITHOUT ROWID;
INSERT INTO refresh_region_new (refresh_run, region, part, outcome, error, requests, retries, throttled, duration_ms, finished_at)
    SELECT refresh_run, region, part, outcome, error, requests, retries, throttled, duration_ms, finished_at FROM refresh_region;
DROP TABLE refresh_region;
ALTER TABLE refresh_region_new RENAME TO refresh_region;
CREATE INDEX refresh_region_latest ON refresh_region (region, part, outcome, refresh_run);
