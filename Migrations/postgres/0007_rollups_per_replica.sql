-- The same step as Migrations/sqlite/0007_rollups_per_replica.sql: minute rollups gain the
-- replica that counted them (every replica saves its own; every replica's windows merge all).
ALTER TABLE health_rollup ADD COLUMN replica TEXT NOT NULL DEFAULT '';
ALTER TABLE health_rollup DROP CONSTRAINT health_rollup_pkey,
    ADD PRIMARY KEY (region, model_id, minute, replica);
