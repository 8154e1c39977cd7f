-- A route's destinations become one column of its row (region codes, sorted, space-separated)
-- instead of a row each: at 2,000 profiles × 30 source regions that is 60,000 rows to write and
-- to load at start-up instead of 420,000. Nothing queries destinations in SQL: the read model does.
-- Evidence keys likewise become space-separated text (keys never contain white space), so loading
-- a route parses no JSON.
ALTER TABLE profile_route ADD COLUMN destinations TEXT NOT NULL DEFAULT '';
UPDATE profile_route SET destinations = COALESCE((
    SELECT group_concat(destination_region, ' ') FROM (
        SELECT destination_region FROM route_destination d
        WHERE d.profile_id = profile_route.profile_id AND d.source_region = profile_route.source_region
        ORDER BY destination_region)), '');
DROP TABLE route_destination;
UPDATE profile_route SET evidence = COALESCE((SELECT group_concat(value, ' ') FROM json_each(profile_route.evidence)), '');
