-- The same step as Migrations/sqlite/0004_destination_scope.sql: a route's destinations are
-- either exactly its listed regions, or any commercial region of the source's partition.
ALTER TABLE profile_route ADD COLUMN destination_scope TEXT NOT NULL DEFAULT 'regions'
    CHECK (destination_scope IN ('regions', 'commercial'));
