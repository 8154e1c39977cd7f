import CivilTime
import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    public func apply(_ diff: RegistryDiff, reports: [RegionReport], run: RefreshRun, basedOn index: Int64,
                      at now: String) async throws -> RefreshRun {
        try await write { connection, logger in
            let stored = try await Self.lockChangeLog(connection, logger: logger)
            guard stored == index else { throw StoreError.changedMeanwhile(expected: index, found: stored) }
            for batch in MutationBatch.batches(diff.entries.map(\.mutation)) {
                try await connection.query(PostgresQuery(unsafeSQL: batch.kind.sql, binds: try Self.binds(batch.json, now)), logger: logger)
            }
            let newIndex = try await Self.log(diff.entries.map(\.change), after: stored, at: now, run: run.id, connection, logger: logger)
            let finished = run.finished(applying: diff, reports: reports, index: newIndex)
            try await Self.update(finished, connection, logger: logger)
            try await Self.insertRegionReports(finished, connection, logger: logger)
            return finished
        }
    }

    /// Takes the change log's head row until commit (writers from every replica queue here, so
    /// indexes are dense and in commit order) and returns the index it holds.
    static func lockChangeLog(_ connection: PostgresConnection, logger: Logger) async throws -> Int64 {
        try await connection.rows("SELECT idx FROM change_log_head FOR UPDATE", logger: logger).first?.int("idx") ?? 1
    }

    /// Appends `changes` after `index` (the head must be locked), moves the head and notifies
    /// listeners at commit. Returns the new index (`index` when there is nothing to log).
    static func log(_ changes: [Change], after index: Int64, at now: String, run: Int64?, _ connection: PostgresConnection,
                    logger: Logger) async throws -> Int64 {
        guard !changes.isEmpty else { return index }
        var next = index
        for chunk in stride(from: 0, to: changes.count, by: MutationBatch.maxRows).map({ changes[$0..<min($0 + MutationBatch.maxRows, changes.count)] }) {
            let rows: [JSONValue] = chunk.map { change in
                next += 1
                return .object(["idx": .int(next), "entity_kind": .string(change.kind.rawValue), "entity_key": .string(change.key),
                                "action": .string(change.action.rawValue), "before": JSONValue(change.before.map(JSONText.encode)),
                                "after": JSONValue(change.after.map(JSONText.encode))])
            }
            try await connection.query("""
                INSERT INTO change_log (idx, at, entity_kind, entity_key, action, before, after, refresh_run)
                SELECT idx, \(now), entity_kind, entity_key, action, before, after, \(run) FROM jsonb_to_recordset(\(JSONText.encode(.array(rows)))::jsonb)
                    AS x(idx bigint, entity_kind text, entity_key text, action text, before text, after text)
                """, logger: logger)
        }
        try await connection.query("UPDATE change_log_head SET idx = \(next)", logger: logger)
        try await connection.query("SELECT pg_notify(\(changesChannel), \(String(next)))", logger: logger)
        return next
    }

    static func binds(_ json: String, _ now: String) throws -> PostgresBindings {
        var binds = PostgresBindings()
        binds.append(json)
        binds.append(now)
        return binds
    }
}
