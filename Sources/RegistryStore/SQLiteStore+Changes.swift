import GRDB
import RegionRegistry
import StoreInterface

extension SQLiteStore {
    /// Entries after `index` and the newest index, read in one transaction so they agree.
    public func changePage(since index: Int64, limit: Int) async throws -> (changes: [LoggedChange], index: Int64) {
        try await pool.read { db in
            (try Self.changes(db, since: index, limit: limit), try Self.currentIndex(db))
        }
    }

    static func changes(_ db: Database, since index: Int64, limit: Int) throws -> [LoggedChange] {
        try Row.fetchAll(db, sql: """
                SELECT idx, at, entity_kind, entity_key, action, before, after FROM change_log
                WHERE idx > ? ORDER BY idx LIMIT ?
                """, arguments: [index, limit]).map { row in
                let index: Int64 = row["idx"]
                return LoggedChange(index: index, at: row["at"], change: Change(
                    kind: try row.enumValue("entity_kind", table: "change_log", key: "\(index)"), key: row["entity_key"],
                    action: try row.enumValue("action", table: "change_log", key: "\(index)"),
                    before: try JSONText.decode([String: JSONValue].self, from: row["before"]),
                    after: try JSONText.decode([String: JSONValue].self, from: row["after"])))
        }
    }
}
