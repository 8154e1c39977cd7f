import Foundation
import GRDB
import RegionRegistry
import StoreInterface

/// What `regiond check` reports about a database file.
public struct StoreInspection: Sendable {
    /// `["ok"]` when SQLite finds nothing wrong.
    public var integrity: [String]
    public var foreignKeyViolations: Int
    /// nil when the schema is exactly this binary's; else why not (pending, edited, newer…).
    public var migrationProblem: String?
    public var schemaVersion: Int
    public var counts: [(name: String, count: Int)]
    public var lastRun: RefreshRun?
    public var lastSuccess: RefreshRun?
    public var bytes: Int64
    public var walBytes: Int64
}

extension SQLiteStore {
    /// Reads everything `check` reports without migrating or writing anything.
    /// - Throws: `StoreError.noDatabase` when there is no file at `path`.
    public static func inspect(path: String) async throws -> StoreInspection {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.noDatabase(path: path) }
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        defer { try? pool.close() }
        let migrations = try SQLiteStore.embeddedMigrations()
        var inspection = try await pool.read { db in
            var migrationProblem: String?
            do {
                let pending = try Migrator(migrations: migrations).pending(in: db)
                if !pending.isEmpty { migrationProblem = MigrationError.pending(fileNames: pending.map(\.fileName)).description }
            } catch {
                migrationProblem = "\(error)"
            }
            let schemaVersion = try Migrator(migrations: []).appliedMigrations(db).last?.version ?? 0
            var counts: [(String, Int)] = []
            if try db.tableExists("inference_profile") {
                for (name, sql) in [
                    ("regions", "SELECT count(*) FROM region WHERE removed_at IS NULL"),
                    ("models", "SELECT count(*) FROM foundation_model WHERE removed_at IS NULL"),
                    ("profiles", "SELECT count(*) FROM inference_profile WHERE removed_at IS NULL"),
                    ("routes", "SELECT count(*) FROM profile_route"),
                    ("grants", "SELECT count(*) FROM access_grant"),
                    ("changes", "SELECT count(*) FROM change_log"),
                    ("refresh runs", "SELECT count(*) FROM refresh_run"),
                ] {
                    counts.append((name, try Int.fetchOne(db, sql: sql) ?? 0))
                }
            }
            return StoreInspection(
                integrity: try String.fetchAll(db, sql: "PRAGMA integrity_check"),
                foreignKeyViolations: try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
                migrationProblem: migrationProblem, schemaVersion: schemaVersion, counts: counts,
                lastRun: nil, lastSuccess: nil, bytes: 0, walBytes: 0)
        }
        if inspection.migrationProblem == nil {
            let store = SQLiteStore(path: path, pool: pool)
            let runs = try await store.recentRuns(limit: 5)
            inspection.lastRun = runs.first { $0.finishedAt != nil }
            inspection.lastSuccess = try await store.lastSuccessfulRun()
        }
        inspection.bytes = size(of: path)
        inspection.walBytes = size(of: path + "-wal")
        return inspection
    }
}
