-- Minute rollups gain the replica that counted them. In a fleet every replica saves the rollups
-- of the samples it received under its own name, and every replica's windows merge all of them,
-- so a sample sent to any replica is in every replica's health view. A single node writes ''.
-- (SQLite cannot change a primary key in place: the table is rebuilt.)
CREATE TABLE health_rollup_by_replica (
    region    TEXT NOT NULL,
    model_id  TEXT NOT NULL DEFAULT '',
    minute    INTEGER NOT NULL,  -- Unix time / 60
    replica   TEXT NOT NULL DEFAULT '',
    count     INTEGER NOT NULL,
    errors    INTEGER NOT NULL,
    throttled INTEGER NOT NULL,
    timeouts  INTEGER NOT NULL,
    sketch    TEXT NOT NULL,
    PRIMARY KEY (region, model_id, minute, replica)
) STRICT, WITHOUT ROWID;
INSERT INTO health_rollup_by_replica (region, model_id, minute, replica, count, errors, throttled, timeouts, sketch)
    SELECT region, model_id, minute, '', count, errors, throttled, timeouts, sketch FROM health_rollup;
DROP TABLE health_rollup;
ALTER TABLE health_rollup_by_replica RENAME TO health_rollup;
CREATE INDEX health_rollup_minute ON health_rollup (minute);
