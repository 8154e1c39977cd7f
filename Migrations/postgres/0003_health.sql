-- The same step as Migrations/sqlite/0003_health.sql: minute rollups of samples (kept 14 days),
-- the current health state per key, and health transitions in the change log.
CREATE TABLE health_rollup (
    region    TEXT NOT NULL,
    model_id  TEXT NOT NULL DEFAULT '',  -- '': the region as a whole
    minute    BIGINT NOT NULL,           -- Unix time / 60
    count     BIGINT NOT NULL,
    errors    BIGINT NOT NULL,
    throttled BIGINT NOT NULL,
    timeouts  BIGINT NOT NULL,
    sketch    TEXT NOT NULL,
    PRIMARY KEY (region, model_id, minute)
);
CREATE INDEX health_rollup_minute ON health_rollup (minute);

CREATE TABLE health_state (
    region    TEXT NOT NULL,
    model_id  TEXT NOT NULL DEFAULT '',
    state     TEXT NOT NULL CHECK (state IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
    since     TEXT,
    reason    TEXT NOT NULL,
    candidate TEXT CHECK (candidate IN ('healthy', 'degraded', 'unhealthy', 'unknown')),
    streak    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (region, model_id)
);

ALTER TABLE change_log DROP CONSTRAINT change_log_entity_kind_check,
    ADD CONSTRAINT change_log_entity_kind_check
        CHECK (entity_kind IN ('region', 'model', 'profile', 'route', 'grant', 'health'));
