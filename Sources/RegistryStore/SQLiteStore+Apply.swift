import CivilTime
import GRDB
import RegionRegistry
import StoreInterface

extension SQLiteStore {
    /// Writes a refresh in one transaction: the diff's entity writes, one change-log entry per
    /// change, the run's outcome and its region reports. A failure anywhere rolls everything back.
    /// An empty diff writes only the run (so `last_seen` is when a refresh last added or changed it).
    ///
    /// - Parameters:
    ///   - diff: computed by the caller against the state the change log had at `basedOn`.
    ///   - now: the time written as `last_seen`/`removed_at` (the caller's read model uses it too).
    /// - Throws: `StoreError.changedMeanwhile` when the log moved past `basedOn` (another writer):
    ///   nothing is written, and the caller diffs again against what is stored now.
    public func apply(_ diff: RegistryDiff, reports: [RegionReport], run: RefreshRun, basedOn index: Int64,
                      at now: String) async throws -> RefreshRun {
        try await pool.write { db in
            let stored = try Self.currentIndex(db)
            guard stored == index else { throw StoreError.changedMeanwhile(expected: index, found: stored) }
            for entry in diff.entries {
                try Self.apply(entry.mutation, db, now: now)
                try Self.log(entry.change, db, at: now, run: run.id)
            }
            let finished = run.finished(applying: diff, reports: reports, index: try Self.currentIndex(db))
            try Self.update(finished, db)
            try Self.insertRegionReports(finished, db)
            return finished
        }
    }

    static func apply(_ mutation: RegistryDiff.Mutation, _ db: Database, now: String) throws {
        switch mutation {
        case .upsertRegion(let r):
            try db.cachedStatement(sql: """
                INSERT INTO region (code, name, geography, partition, opt_in, bedrock_endpoint, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, geography = excluded.geography,
                    partition = excluded.partition, opt_in = excluded.opt_in,
                    bedrock_endpoint = excluded.bedrock_endpoint, last_seen = excluded.last_seen, removed_at = NULL
                """).execute(arguments: [r.code, r.name, r.geography, r.partition, r.optIn, r.bedrockEndpoint, now, now])
        case .removeRegion(let code):
            try db.cachedStatement(sql: "UPDATE region SET removed_at = ? WHERE code = ?").execute(arguments: [now, code])
        case .upsertModel(let m):
            try db.cachedStatement(sql: """
                INSERT INTO foundation_model (id, provider, name, lifecycle_status, lifecycle, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, name = excluded.name,
                    lifecycle_status = excluded.lifecycle_status, lifecycle = excluded.lifecycle, last_seen = excluded.last_seen, removed_at = NULL
                """).execute(arguments: [m.id, m.provider, m.name, m.lifecycleStatus, m.lifecycle.map { JSONText.encode(.object($0.summary)) }, now, now])
        case .removeModel(let id):
            try db.cachedStatement(sql: "UPDATE foundation_model SET removed_at = ? WHERE id = ?").execute(arguments: [now, id])
        case .upsertProfile(let p):
            try db.cachedStatement(sql: """
                INSERT INTO inference_profile (id, arn, name, description, type, geo, model_id, status,
                    aws_created_at, aws_updated_at, notes, parent_profile_id, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET arn = excluded.arn, name = excluded.name,
                    description = excluded.description, type = excluded.type, geo = excluded.geo,
                    model_id = excluded.model_id, status = excluded.status,
                    aws_created_at = excluded.aws_created_at, aws_updated_at = excluded.aws_updated_at,
                    notes = excluded.notes, parent_profile_id = excluded.parent_profile_id, last_seen = excluded.last_seen,
                    removed_at = NULL
                """).execute(arguments: [p.id, p.arn, p.name, p.description, p.type.rawValue, p.geo, p.modelId, p.status,
                                 p.createdAt, p.updatedAt, try JSONText.encode(p.notes), p.parentProfileId, now, now])
        case .removeProfile(let id):
            try db.cachedStatement(sql: "UPDATE inference_profile SET removed_at = ? WHERE id = ?").execute(arguments: [now, id])
        case .upsertRoute(let profileId, let route):
            try db.cachedStatement(sql: """
                INSERT INTO profile_route (profile_id, source_region, destinations, destination_scope, confidence, evidence)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (profile_id, source_region) DO UPDATE SET destinations = excluded.destinations,
                    destination_scope = excluded.destination_scope, confidence = excluded.confidence, evidence = excluded.evidence
                """).execute(arguments: [profileId, route.sourceRegion, route.destinationRegions.joined(separator: " "),
                                         route.scope.rawValue, route.confidence, route.evidence.joined(separator: " ")])
        case .removeRoute(let profileId, let sourceRegion):
            try db.cachedStatement(sql: "DELETE FROM profile_route WHERE profile_id = ? AND source_region = ?").execute(arguments: [profileId, sourceRegion])
        case .upsertGrant(let g):
            try upsert(g, db)
        case .removeGrant(let id):
            try db.cachedStatement(sql: "DELETE FROM access_grant WHERE model_id = ? AND region = ? AND origin = ?").execute(arguments: [id.key.modelId, id.key.region, id.origin.rawValue])
        }
    }

    static func upsert(_ g: AccessGrant, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO access_grant (model_id, region, origin, status, state, authorization_status,
                entitlement_availability, region_availability, agreement_status, note, checked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [g.modelId, g.region, g.origin.rawValue, g.status.rawValue, g.state.rawValue, g.authorizationStatus,
                             g.entitlementAvailability, g.regionAvailability, g.agreementStatus, g.note, g.checkedAt])
    }

    static func log(_ change: Change, _ db: Database, at: String, run: Int64?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO change_log (at, entity_kind, entity_key, action, before, after, refresh_run)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [at, change.kind.rawValue, change.key, change.action.rawValue,
                             change.before.map(JSONText.encode), change.after.map(JSONText.encode), run])
    }
}
