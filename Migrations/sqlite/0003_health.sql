-- Health: minute rollups of samples (kept 14 days), the current health state per key (so a
-- restart does not forget it), and health transitions in the change log.

-- One row per key and wall-clock minute. model_id '' is the region as a whole. The latency
-- sketch is a mergeable histogram (JSON), so 5-minute and hourly figures are merged, not
-- recomputed from raw samples.
CREATE TABLE health_rollup (
    region    TEXT NOT NULL,
    model_id  TEXT NOT NULL DEFAULT '',
    minute    INTEGER NOT NULL,  -- Unix time / 60
    count     INTEGER NOT NULL,
    errors    INTEGER NOT NULL,
    throttled INTEGER NOT NULL,
    timeouts  INTEGER NOT NULL,
    sketch    TEXT NOT NULL,
    PRIMARY KEY (region, model_id, minute)
) STRICT, WITHOUT ROWID;
CREATE INDEX health_rollup_minute ON health_rollup (minute);

CREATE TABLE health_state (
    region    TEXT NOT NULL,
    model_id  TEXT NOT NULL DEFAULT '',
    state     TEXT NOT NULL CHECK (state IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
    since     TEXT,
    reason    TEXT NOT NULL,
    candidate TEXT CHECK (candidate IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
    streak    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (region, model_id)
) STRICT, WITHOUT ROWID;

-- change_log gains the kind 'health'. SQLite cannot alter a CHECK: rebuild the table (foreign
-- keys are off during migrations), keeping every index and the AUTOINCREMENT high-water mark,
-- which lives in sqlite_sequence under the table's name and would go with the old table.
CREATE TEMP TABLE change_log_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'change_log';
CREATE TABLE change_log_new (
    idx         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    entity_kind TEXT NOT NULL CHECK (entity_kind IN ('region', 'model', 'profile', 'route', 'grant', 'health')),
    entity_key  TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('added', 'changed', 'removed')),
    before      TEXT,  -- JSON object summary, NULL when added
    after       TEXT,  -- JSON object summary, NULL when removed
    refresh_run INTEGER REFERENCES refresh_run (id)
) STRICT;
INSERT INTO change_log_new (idx, at, entity_kind, entity_key, action, before, after, refresh_run)
    SELECT idx, at, entity_kind, entity_key, action, before, after, refresh_run FROM change_log;
DROP TABLE change_log;
ALTER TABLE change_log_new RENAME TO change_log;
CREATE INDEX change_log_entity ON change_log (entity_kind, entity_key);
DELETE FROM sqlite_sequence WHERE name IN ('change_log', 'change_log_new');
INSERT INTO sqlite_sequence (name, seq) SELECT 'change_log', seq FROM temp.change_log_sequence;
DROP TABLE temp.change_log_sequence;
