import CivilTime
import GRDB
import RegionRegistry
import StoreInterface

extension SQLiteStore {
    /// Sets an operator's grant for a model in a region (it wins over what AWS reports).
    /// Setting the same status and note again changes nothing and logs nothing.
    /// - Throws: `StoreError.unknownRegion` / `.unknownModel` when the registry does not know them.
    public func setManualGrant(modelId: String, region: String, status: AccessGrant.Status,
                               note: String?) async throws -> LoggedWrite<AccessGrant> {
        try await pool.write { db in
            let before = try Self.currentIndex(db)
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM region WHERE code = ? AND removed_at IS NULL", arguments: [region]) == true
            else { throw StoreError.unknownRegion(region) }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM foundation_model WHERE id = ? AND removed_at IS NULL", arguments: [modelId]) == true
            else { throw StoreError.unknownModel(modelId) }
            let id = GrantID(key: AccessGrant.Key(modelId: modelId, region: region), origin: .manual)
            let old = try Self.grant(id, db)
            let now = Timestamp.now()
            let grant = AccessGrant(modelId: modelId, region: region, origin: .manual, status: status, note: note, checkedAt: now)
            if let old, old.sameFacts(as: grant) { return LoggedWrite(value: old, indexBefore: before, indexAfter: before) }
            try Self.upsert(grant, db)
            try Self.log(Change(kind: .grant, key: Change.grantKey(id.key, origin: .manual), action: old == nil ? .added : .changed,
                                before: old?.summary, after: grant.summary), db, at: now, run: nil)
            return LoggedWrite(value: grant, indexBefore: before, indexAfter: try Self.currentIndex(db))
        }
    }

    /// Removes an operator's grant; what AWS reports (if anything) decides again.
    @discardableResult
    public func removeManualGrant(modelId: String, region: String) async throws -> LoggedWrite<GrantID> {
        try await pool.write { db in
            let before = try Self.currentIndex(db)
            let id = GrantID(key: AccessGrant.Key(modelId: modelId, region: region), origin: .manual)
            guard let old = try Self.grant(id, db) else { throw StoreError.noManualGrant(region: region, modelId: modelId) }
            try Self.apply(.removeGrant(id), db, now: Timestamp.now())
            try Self.log(Change(kind: .grant, key: Change.grantKey(id.key, origin: .manual), action: .removed, before: old.summary, after: nil),
                         db, at: Timestamp.now(), run: nil)
            return LoggedWrite(value: id, indexBefore: before, indexAfter: try Self.currentIndex(db))
        }
    }
}
