-- The same step as Migrations/sqlite/0006_route_destinations_column.sql: a route's destinations
-- become one column of its row (region codes, sorted, space-separated) instead of a row each,
-- and evidence keys space-separated text instead of a JSON array.
ALTER TABLE profile_route ADD COLUMN destinations TEXT NOT NULL DEFAULT '';
UPDATE profile_route SET destinations = COALESCE((
    SELECT string_agg(destination_region, ' ' ORDER BY destination_region) FROM route_destination d
    WHERE d.profile_id = profile_route.profile_id AND d.source_region = profile_route.source_region), '');
DROP TABLE route_destination;
UPDATE profile_route SET evidence = COALESCE((
    SELECT string_agg(value, ' ') FROM jsonb_array_elements_text(profile_route.evidence::jsonb)), '');
