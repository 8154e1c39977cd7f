extension MutationBatch.Kind {
    /// The statement that applies a batch: `$1` is the JSON array of rows, `$2` the time written
    /// as `last_seen` / `removed_at`. Upserts revive removed rows, as in SQLite.
    var sql: String {
        switch self {
        case .upsertRegion: """
            INSERT INTO region (code, name, geography, partition, opt_in, bedrock_endpoint, first_seen, last_seen)
            SELECT code, name, geography, partition, opt_in, bedrock_endpoint, $2, $2 FROM jsonb_to_recordset($1::jsonb)
                AS x(code text, name text, geography text, partition text, opt_in boolean, bedrock_endpoint boolean)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, geography = excluded.geography, partition = excluded.partition,
                opt_in = excluded.opt_in, bedrock_endpoint = excluded.bedrock_endpoint, last_seen = excluded.last_seen, removed_at = NULL
            """
        case .removeRegion:
            "UPDATE region SET removed_at = $2 FROM jsonb_to_recordset($1::jsonb) AS x(code text) WHERE region.code = x.code"
        case .upsertModel: """
            INSERT INTO foundation_model (id, provider, name, lifecycle_status, lifecycle, first_seen, last_seen)
            SELECT id, provider, name, lifecycle_status, lifecycle, $2, $2 FROM jsonb_to_recordset($1::jsonb)
                AS x(id text, provider text, name text, lifecycle_status text, lifecycle text)
            ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, name = excluded.name,
                lifecycle_status = excluded.lifecycle_status, lifecycle = excluded.lifecycle, last_seen = excluded.last_seen, removed_at = NULL
            """
        case .removeModel:
            "UPDATE foundation_model SET removed_at = $2 FROM jsonb_to_recordset($1::jsonb) AS x(id text) WHERE foundation_model.id = x.id"
        case .upsertProfile: """
            INSERT INTO inference_profile (id, arn, name, description, type, geo, model_id, status, aws_created_at, aws_updated_at,
                notes, parent_profile_id, first_seen, last_seen)
            SELECT id, arn, name, description, type, geo, model_id, status, aws_created_at, aws_updated_at, notes, parent_profile_id, $2, $2
            FROM jsonb_to_recordset($1::jsonb) AS x(id text, arn text, name text, description text, type text, geo text, model_id text,
                status text, aws_created_at text, aws_updated_at text, notes text, parent_profile_id text)
            ON CONFLICT (id) DO UPDATE SET arn = excluded.arn, name = excluded.name, description = excluded.description,
                type = excluded.type, geo = excluded.geo, model_id = excluded.model_id, status = excluded.status,
                aws_created_at = excluded.aws_created_at, aws_updated_at = excluded.aws_updated_at, notes = excluded.notes,
                parent_profile_id = excluded.parent_profile_id, last_seen = excluded.last_seen, removed_at = NULL
            """
        case .removeProfile:
            "UPDATE inference_profile SET removed_at = $2 FROM jsonb_to_recordset($1::jsonb) AS x(id text) WHERE inference_profile.id = x.id"
        case .upsertRoute: """
            INSERT INTO profile_route (profile_id, source_region, destinations, destination_scope, confidence, evidence)
            SELECT profile_id, source_region, destinations, destination_scope, confidence, evidence FROM jsonb_to_recordset($1::jsonb)
                AS x(profile_id text, source_region text, destinations text, destination_scope text, confidence text, evidence text)
            WHERE $2::text IS NOT NULL
            ON CONFLICT (profile_id, source_region) DO UPDATE SET destinations = excluded.destinations,
                destination_scope = excluded.destination_scope, confidence = excluded.confidence, evidence = excluded.evidence
            """
        case .removeRoute: """
            DELETE FROM profile_route r USING jsonb_to_recordset($1::jsonb) AS x(profile_id text, source_region text)
            WHERE r.profile_id = x.profile_id AND r.source_region = x.source_region AND $2::text IS NOT NULL
            """
        case .upsertGrant: """
            INSERT INTO access_grant (model_id, region, origin, status, state, authorization_status, entitlement_availability,
                region_availability, agreement_status, note, checked_at)
            SELECT model_id, region, origin, status, state, authorization_status, entitlement_availability, region_availability,
                agreement_status, note, checked_at FROM jsonb_to_recordset($1::jsonb)
                AS x(model_id text, region text, origin text, status text, state text, authorization_status text,
                     entitlement_availability text, region_availability text, agreement_status text, note text, checked_at text)
            WHERE $2::text IS NOT NULL
            ON CONFLICT (model_id, region, origin) DO UPDATE SET status = excluded.status, state = excluded.state,
                authorization_status = excluded.authorization_status, entitlement_availability = excluded.entitlement_availability,
                region_availability = excluded.region_availability, agreement_status = excluded.agreement_status,
                note = excluded.note, checked_at = excluded.checked_at
            """
        case .removeGrant: """
            DELETE FROM access_grant g USING jsonb_to_recordset($1::jsonb) AS x(model_id text, region text, origin text)
            WHERE g.model_id = x.model_id AND g.region = x.region AND g.origin = x.origin AND $2::text IS NOT NULL
            """
        }
    }
}
