-- The same step as Migrations/sqlite/0002_region_reports.sql: a run can succeed for some regions
-- and fail for others ('partial'), and each region's outcome is kept with the run.
ALTER TABLE refresh_run DROP CONSTRAINT refresh_run_outcome_check,
    ADD CONSTRAINT refresh_run_outcome_check CHECK (outcome IN ('running', 'succeeded', 'partial', 'failed'));

CREATE TABLE refresh_region (
    refresh_run BIGINT NOT NULL REFERENCES refresh_run (id) ON DELETE CASCADE,
    region      TEXT NOT NULL,
    part        TEXT NOT NULL CHECK (part IN ('routes', 'access')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    error       TEXT,
    requests    BIGINT NOT NULL DEFAULT 0,
    retries     BIGINT NOT NULL DEFAULT 0,
    throttled   BIGINT NOT NULL DEFAULT 0,
    duration_ms BIGINT NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (refresh_run, region, part)
);
CREATE INDEX refresh_region_latest ON refresh_region (region, part, outcome, refresh_run);
