-- A route's destinations are either exactly its listed regions, or any commercial region of the
-- source's partition that AWS picks (global profiles: the list then names only what is explicit).
ALTER TABLE profile_route ADD COLUMN destination_scope TEXT NOT NULL DEFAULT 'regions'
    CHECK (destination_scope IN ('regions', 'commercial'));
