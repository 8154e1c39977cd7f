-- AWS's model lifecycle beside the status the live API reports (lifecycle_status): the dates it
-- publishes, the recommended replacement, in-region availability and evidence, as a JSON object
-- (see ModelLifecycle); NULL when the source says nothing.
ALTER TABLE foundation_model ADD COLUMN lifecycle TEXT;

-- change_log gains the kind 'lifecycle': a model's status or dates changed. SQLite cannot alter
-- a CHECK: rebuild the table as 0003 did, keeping its index and AUTOINCREMENT high-water mark.
CREATE TEMP TABLE change_log_sequence AS SELECT seq FROM sqlite_sequence WHERE name = 'change_log';
CREATE TABLE change_log_new (
    idx         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    entity_kind TEXT NOT NULL CHECK (entity_kind IN ('region', 'model', 'profile', 'route', 'grant', 'health', 'lifecycle')),
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
