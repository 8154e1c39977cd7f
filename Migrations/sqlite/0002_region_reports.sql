-- A live source reads region by region: a run can now succeed for some regions and fail for
-- others ('partial'), and each region's outcome is kept with the run.

-- SQLite cannot alter a CHECK constraint: rebuild refresh_run (the migrator turns foreign keys
-- off for this and checks them before committing: change_log keeps pointing at the same ids).
CREATE TABLE refresh_run_new (
    id           INTEGER PRIMARY KEY,
    source       TEXT NOT NULL,
    trigger      TEXT NOT NULL CHECK (trigger IN ('startup', 'interval', 'manual', 'cli')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    outcome      TEXT NOT NULL CHECK (outcome IN ('running', 'succeeded', 'partial', 'failed')),
    error        TEXT,
    added        INTEGER NOT NULL DEFAULT 0,
    changed      INTEGER NOT NULL DEFAULT 0,
    removed      INTEGER NOT NULL DEFAULT 0,
    change_index INTEGER
) STRICT;
INSERT INTO refresh_run_new (id, source, trigger, started_at, finished_at, outcome, error, added, changed, removed, change_index)
    SELECT id, source, trigger, started_at, finished_at, outcome, error, added, changed, removed, change_index FROM refresh_run;
DROP TABLE refresh_run;
ALTER TABLE refresh_run_new RENAME TO refresh_run;

-- One row per region and part of a run: 'routes' (profiles read in a source region) or 'access'
-- (grants read in a destination region). Counters are per run, so rates come from sums.
CREATE TABLE refresh_region (
    refresh_run INTEGER NOT NULL REFERENCES refresh_run (id) ON DELETE CASCADE,
    region      TEXT NOT NULL,
    part        TEXT NOT NULL CHECK (part IN ('routes', 'access')),
    outcome     TEXT NOT NULL CHECK (outcome IN ('succeeded', 'failed')),
    error       TEXT,
    requests    INTEGER NOT NULL DEFAULT 0,
    retries     INTEGER NOT NULL DEFAULT 0,
    throttled   INTEGER NOT NULL DEFAULT 0,
    duration_ms INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT NOT NULL,
    PRIMARY KEY (refresh_run, region, part)
) STRICT, WITHOUT ROWID;
CREATE INDEX refresh_region_latest ON refresh_region (region, part, outcome, refresh_run);
