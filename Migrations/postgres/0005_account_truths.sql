-- The same step as Migrations/sqlite/0005_account_truths.sql: grant states (what AWS said,
-- beside the granted/denied/unknown summary), application profiles' parents, opt-in regions
-- that are not enabled, and bad items a unit skipped instead of failing.

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

ALTER TABLE refresh_region DROP CONSTRAINT refresh_region_outcome_check,
    ADD CONSTRAINT refresh_region_outcome_check CHECK (outcome IN ('succeeded', 'failed', 'not_enabled')),
    ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]';  -- JSON array of {item, reason}
