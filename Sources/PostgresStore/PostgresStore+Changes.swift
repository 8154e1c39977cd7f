import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    public func changePage(since index: Int64, limit: Int) async throws -> (changes: [LoggedChange], index: Int64) {
        try await read { connection, logger in
            let rows = try await connection.rows("""
                SELECT idx, at, entity_kind, entity_key, action, before, after FROM change_log
                WHERE idx > \(index) ORDER BY idx LIMIT \(Int64(limit))
                """, logger: logger)
            let changes = try rows.map { row in
                let index = try row.int("idx")
                return LoggedChange(index: index, at: try row.text("at"), change: Change(
                    kind: try row.enumValue("entity_kind", table: "change_log", key: "\(index)"), key: try row.text("entity_key"),
                    action: try row.enumValue("action", table: "change_log", key: "\(index)"),
                    before: try JSONText.decode([String: JSONValue].self, from: row.optionalText("before")),
                    after: try JSONText.decode([String: JSONValue].self, from: row.optionalText("after"))))
            }
            return (changes, try await Self.currentIndex(connection, logger: logger))
        }
    }
}
