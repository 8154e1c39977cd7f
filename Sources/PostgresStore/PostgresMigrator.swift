import CivilTime
import Foundation
import Logging
import PostgresNIO
import StoreInterface

/// Applies `Migrations/postgres/` in order with the checksum rule both engines share. Replicas
/// that start together queue on an advisory lock, so each migration runs once; each runs in its
/// own transaction with its history row (PostgreSQL's DDL is transactional).
struct PostgresMigrator {
    var migrations: [Migration]

    /// Arbitrary, fixed: the advisory-lock key migrations queue on ("regiond" in ASCII, folded).
    static let migrationLock: Int64 = 0x7265_6769_6F6E_6401
    static let history = "schema_migration"

    func applied(_ client: PostgresClient) async throws -> [MigrationHistory.Applied] {
        try await client.withConnection { connection in try await applied(connection) }
    }

    func pending(_ client: PostgresClient) async throws -> [Migration] {
        try MigrationHistory.pending(applied: try await applied(client), migrations: migrations)
    }

    @discardableResult
    func migrate(_ client: PostgresClient, logger: Logger) async throws -> [Migration] {
        try await client.withConnection { connection in
            try await connection.query("SELECT pg_advisory_lock(\(Self.migrationLock))", logger: logger)
            do {
                let done = try await migrate(connection, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: logger)
                return done
            } catch {
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.migrationLock))", logger: logger)
                throw error
            }
        }
    }

    private func migrate(_ connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        let todo = try MigrationHistory.pending(applied: try await applied(connection), migrations: migrations)
        for migration in todo {
            try await connection.query("BEGIN", logger: logger)
            do {
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(Self.history) (
                        version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)
                    """), logger: logger)
                for statement in Self.statements(migration.sql) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("""
                    INSERT INTO schema_migration (version, name, checksum, applied_at)
                    VALUES (\(migration.version), \(migration.fileName), \(migration.checksum), \(Timestamp.now()))
                    """, logger: logger)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                _ = try? await connection.query("ROLLBACK", logger: logger)
                throw error
            }
        }
        return todo
    }

    /// A migration file's statements, one at a time (the extended protocol takes one per query).
    /// Our files keep `--` for comments and `;` for statement ends, never inside a string.
    static func statements(_ sql: String) -> [String] {
        let uncommented = sql.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.range(of: "--").map { String(line[..<$0.lowerBound]) } ?? String(line)
        }.joined(separator: "\n")
        return uncommented.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    private func applied(_ connection: PostgresConnection) async throws -> [MigrationHistory.Applied] {
        let exists = try await connection.rows("SELECT to_regclass('schema_migration') IS NOT NULL AS present", logger: Logger(label: "migrate"))
        guard try exists.first?["present"].decode(Bool.self) == true else { return [] }
        return try await connection.rows("SELECT version, name, checksum FROM schema_migration ORDER BY version", logger: Logger(label: "migrate"))
            .map { MigrationHistory.Applied(version: Int(try $0["version"].decode(Int32.self)), name: try $0.text("name"), checksum: try $0.text("checksum")) }
    }
}
