import Foundation
import GRDB
import Logging
import RegionRegistry
@_exported import StoreInterface

/// The embedded engine: the one owner of a SQLite database file. It runs the migrations of
/// `Migrations/sqlite/`, and every read and write of the registry goes through its
/// intention-revealing methods. Nothing else writes SQLite's SQL.
public final class SQLiteStore: RegistryStorage {
    public var engine: StoreEngine { .sqlite }
    public typealias Mode = StoreOpenMode

    public let path: String
    let pool: DatabasePool

    init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
    }

    /// Opens (and by default creates and migrates) the database at `path`.
    /// - Throws: `MigrationError` when the database's history does not match this binary's
    ///   migrations (nothing is written then), `StoreError.noDatabase` in `.existingOnly` mode.
    public static func open(
        at path: String, mode: Mode = .migrate, migrations: [Migration]? = nil, logger: Logger? = nil
    ) async throws -> SQLiteStore {
        if mode == .existingOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.noDatabase(path: path)
        }
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        let migrator = Migrator(migrations: try migrations ?? Self.embeddedMigrations())
        do {
            switch mode {
            case .migrate:
                let applied = try await pool.barrierWriteWithoutTransaction { db in try migrator.migrate(db) }
                for migration in applied {
                    logger?.info("applied migration", metadata: ["file": "\(migration.fileName)", "db": "\(path)"])
                }
            case .existingOnly:
                let pending = try await pool.read { db in try migrator.pending(in: db) }
                if !pending.isEmpty { throw MigrationError.pending(fileNames: pending.map(\.fileName)) }
            }
        } catch {
            try? pool.close()
            throw error
        }
        return SQLiteStore(path: path, pool: pool)
    }

    /// The SQLite migrations compiled into this binary, in order.
    public static func embeddedMigrations() throws -> [Migration] {
        try Migration.ordered(EmbeddedMigrations.files.map { try Migration(fileName: $0.name, sql: $0.text) })
    }

    static func makeConfiguration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        // GRDB fails at once on a locked database by default; a CLI command run beside the
        // daemon should wait for the writer instead.
        config.busyMode = .timeout(10)
        config.label = "regiond"
        return config
    }

    /// The schema versions recorded in the database, for `check` and `migrate` output.
    public func appliedMigrations() async throws -> [(version: Int, name: String)] {
        try await pool.read { db in
            try Migrator(migrations: []).appliedMigrations(db).map { ($0.version, $0.name) }
        }
    }

    /// True when every migration this binary has is applied and the history matches (readiness).
    public func isSchemaCurrent() async -> Bool {
        guard let migrations = try? Self.embeddedMigrations() else { return false }
        let pending = try? await pool.read { db in try Migrator(migrations: migrations).pending(in: db) }
        return pending?.isEmpty == true
    }

    /// Sizes of the database file and its write-ahead log, in bytes; 0 for a file that is not there.
    public func fileSizes() -> (database: Int64, wal: Int64)? {
        (Self.size(of: path), Self.size(of: path + "-wal"))
    }

    static func size(of file: String) -> Int64 {
        (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.int64Value ?? 0
    }

    /// Folds the WAL back into the main file (at shutdown, so the file alone is a full copy).
    public func checkpoint() async throws {
        try await pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }

    public func close() throws {
        try pool.close()
    }

    public func close(checkpoint: Bool) async throws {
        if checkpoint { try await self.checkpoint() }
        try close()
    }
}
