import CivilTime
import GRDB
import RegionRegistry

/// What one applied snapshot did.
public struct AppliedRefresh: Sendable {
    public var diff: RegistryDiff
    public var run: RefreshRun
}

extension RegistryStore {
    /// Diffs `snapshot` against what is stored and applies it in one transaction: the entity
    /// writes, one change-log entry per changed entity, and the run's outcome. A failure anywhere
    /// rolls everything back. An identical snapshot writes nothing but its run's outcome: no
    /// entity row, no log entry (so `last_seen` is when a refresh last added or changed it).
    /// A snapshot whose every region failed is a failed run: it is recorded, nothing is applied.
    public func apply(_ snapshot: Snapshot, run: RefreshRun) async throws -> AppliedRefresh {
        try snapshot.validate()
        let outcome = RefreshRun.Outcome(regionReports: snapshot.regionReports)
        return try await pool.write { db in
            let diff = outcome == .failed ? RegistryDiff(entries: []) : RegistryDiff(from: try Self.loadState(db), to: snapshot)
            let now = Timestamp.now()
            for entry in diff.entries {
                try Self.apply(entry.mutation, db, now: now)
                try Self.log(entry.change, db, at: now, run: run.id)
            }
            var finished = run
            finished.finishedAt = Timestamp.now()
            finished.regions = snapshot.regionReports
            finished.outcome = outcome
            finished.error = RefreshRun.regionFailureSummary(snapshot.regionReports)
            finished.added = diff.count(of: .added)
            finished.changed = diff.count(of: .changed)
            finished.removed = diff.count(of: .removed)
            finished.index = diff.isEmpty ? nil : try Self.currentIndex(db)
            try Self.update(finished, db)
            try Self.insertRegionReports(finished, db)
            return AppliedRefresh(diff: diff, run: finished)
        }
    }

    static func apply(_ mutation: RegistryDiff.Mutation, _ db: Database, now: String) throws {
        switch mutation {
        case .upsertRegion(let r):
            try db.execute(sql: """
                INSERT INTO region (code, name, geography, partition, opt_in, bedrock_endpoint, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, geography = excluded.geography,
                    partition = excluded.partition, opt_in = excluded.opt_in,
                    bedrock_endpoint = excluded.bedrock_endpoint, last_seen = excluded.last_seen, removed_at = NULL
                """, arguments: [r.code, r.name, r.geography, r.partition, r.optIn, r.bedrockEndpoint, now, now])
        case .removeRegion(let code):
            try db.execute(sql: "UPDATE region SET removed_at = ? WHERE code = ?", arguments: [now, code])
        case .upsertModel(let m):
            try db.execute(sql: """
                INSERT INTO foundation_model (id, provider, name, lifecycle_status, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, name = excluded.name,
                    lifecycle_status = excluded.lifecycle_status, last_seen = excluded.last_seen, removed_at = NULL
                """, arguments: [m.id, m.provider, m.name, m.lifecycleStatus, now, now])
        case .removeModel(let id):
            try db.execute(sql: "UPDATE foundation_model SET removed_at = ? WHERE id = ?", arguments: [now, id])
        case .upsertProfile(let p):
            try db.execute(sql: """
                INSERT INTO inference_profile (id, arn, name, description, type, geo, model_id, status,
                    aws_created_at, aws_updated_at, notes, parent_profile_id, first_seen, last_seen)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET arn = excluded.arn, name = excluded.name,
                    description = excluded.description, type = excluded.type, geo = excluded.geo,
                    model_id = excluded.model_id, status = excluded.status,
                    aws_created_at = excluded.aws_created_at, aws_updated_at = excluded.aws_updated_at,
                    notes = excluded.notes, parent_profile_id = excluded.parent_profile_id, last_seen = excluded.last_seen,
                    removed_at = NULL
                """, arguments: [p.id, p.arn, p.name, p.description, p.type.rawValue, p.geo, p.modelId, p.status,
                                 p.createdAt, p.updatedAt, try JSONText.encode(p.notes), p.parentProfileId, now, now])
        case .removeProfile(let id):
            try db.execute(sql: "UPDATE inference_profile SET removed_at = ? WHERE id = ?", arguments: [now, id])
        case .upsertRoute(let profileId, let route):
            try db.execute(sql: """
                INSERT INTO profile_route (profile_id, source_region, destination_scope, confidence, evidence) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (profile_id, source_region) DO UPDATE SET destination_scope = excluded.destination_scope,
                    confidence = excluded.confidence, evidence = excluded.evidence
                """, arguments: [profileId, route.sourceRegion, route.scope.rawValue, route.confidence, try JSONText.encode(route.evidence)])
            try db.execute(sql: "DELETE FROM route_destination WHERE profile_id = ? AND source_region = ?",
                           arguments: [profileId, route.sourceRegion])
            let insert = try db.cachedStatement(sql: """
                INSERT INTO route_destination (profile_id, source_region, destination_region) VALUES (?, ?, ?)
                """)
            for destination in route.destinationRegions {
                try insert.execute(arguments: [profileId, route.sourceRegion, destination])
            }
        case .removeRoute(let profileId, let sourceRegion):
            try db.execute(sql: "DELETE FROM profile_route WHERE profile_id = ? AND source_region = ?",
                           arguments: [profileId, sourceRegion])
        case .upsertGrant(let g):
            try upsert(g, db)
        case .removeGrant(let id):
            try db.execute(sql: "DELETE FROM access_grant WHERE model_id = ? AND region = ? AND origin = ?",
                           arguments: [id.key.modelId, id.key.region, id.origin.rawValue])
        }
    }

    static func upsert(_ g: AccessGrant, _ db: Database) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO access_grant (model_id, region, origin, status, state, authorization_status,
                entitlement_availability, region_availability, agreement_status, note, checked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [g.modelId, g.region, g.origin.rawValue, g.status.rawValue, g.state.rawValue, g.authorizationStatus,
                             g.entitlementAvailability, g.regionAvailability, g.agreementStatus, g.note, g.checkedAt])
    }

    static func log(_ change: Change, _ db: Database, at: String, run: Int64?) throws {
        try db.execute(sql: """
            INSERT INTO change_log (at, entity_kind, entity_key, action, before, after, refresh_run)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [at, change.kind.rawValue, change.key, change.action.rawValue,
                             try change.before.map(JSONText.encode), try change.after.map(JSONText.encode), run])
    }
}
