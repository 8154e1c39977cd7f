-- AWS's model lifecycle beside the status the live API reports (lifecycle_status): the dates it
-- publishes, the recommended replacement, in-region availability and evidence, as a JSON object
-- (see ModelLifecycle); NULL when the source says nothing.
ALTER TABLE foundation_model ADD COLUMN lifecycle TEXT;

-- change_log gains the kind 'lifecycle': a model's status or dates changed.
ALTER TABLE change_log DROP CONSTRAINT change_log_entity_kind_check,
    ADD CONSTRAINT change_log_entity_kind_check
        CHECK (entity_kind IN ('region', 'model', 'profile', 'route', 'grant', 'health', 'lifecycle'));
