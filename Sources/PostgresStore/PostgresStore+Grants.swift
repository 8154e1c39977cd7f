import CivilTime
import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    public func setManualGrant(modelId: String, region: String, status: AccessGrant.Status,
                               note: String?) async throws -> LoggedWrite<AccessGrant> {
        try await write { connection, logger in
            let before = try await Self.lockChangeLog(connection, logger: logger)
            guard try await !connection.rows("SELECT 1 FROM region WHERE code = \(region) AND removed_at IS NULL", logger: logger).isEmpty
            else { throw StoreError.unknownRegion(region) }
            guard try await !connection.rows("SELECT 1 FROM foundation_model WHERE id = \(modelId) AND removed_at IS NULL", logger: logger).isEmpty
            else { throw StoreError.unknownModel(modelId) }
            let id = GrantID(key: AccessGrant.Key(modelId: modelId, region: region), origin: .manual)
            let old = try await Self.grant(id, connection, logger: logger)
            let now = Timestamp.now()
            let grant = AccessGrant(modelId: modelId, region: region, origin: .manual, status: status, note: note, checkedAt: now)
            if let old, old.sameFacts(as: grant) { return LoggedWrite(value: old, indexBefore: before, indexAfter: before) }
            try await Self.applyOne(.upsertGrant(grant), connection, now: now, logger: logger)
            let change = Change(kind: .grant, key: Change.grantKey(id.key, origin: .manual), action: old == nil ? .added : .changed,
                                before: old?.summary, after: grant.summary)
            let after = try await Self.log([change], after: before, at: now, run: nil, connection, logger: logger)
            return LoggedWrite(value: grant, indexBefore: before, indexAfter: after)
        }
    }

    @discardableResult
    public func removeManualGrant(modelId: String, region: String) async throws -> LoggedWrite<GrantID> {
        try await write { connection, logger in
            let before = try await Self.lockChangeLog(connection, logger: logger)
            let id = GrantID(key: AccessGrant.Key(modelId: modelId, region: region), origin: .manual)
            guard let old = try await Self.grant(id, connection, logger: logger) else {
                throw StoreError.noManualGrant(region: region, modelId: modelId)
            }
            let now = Timestamp.now()
            try await Self.applyOne(.removeGrant(id), connection, now: now, logger: logger)
            let change = Change(kind: .grant, key: Change.grantKey(id.key, origin: .manual), action: .removed, before: old.summary, after: nil)
            let after = try await Self.log([change], after: before, at: now, run: nil, connection, logger: logger)
            return LoggedWrite(value: id, indexBefore: before, indexAfter: after)
        }
    }

    static func applyOne(_ mutation: RegistryDiff.Mutation, _ connection: PostgresConnection, now: String, logger: Logger) async throws {
        for batch in MutationBatch.batches([mutation]) {
            try await connection.query(PostgresQuery(unsafeSQL: batch.kind.sql, binds: try binds(batch.json, now)), logger: logger)
        }
    }

    static func grant(_ id: GrantID, _ connection: PostgresConnection, logger: Logger) async throws -> AccessGrant? {
        try await connection.rows("""
            SELECT * FROM access_grant WHERE model_id = \(id.key.modelId) AND region = \(id.key.region) AND origin = \(id.origin.rawValue)
            """, logger: logger).first.map(grant)
    }
}
