import Foundation
import GRDB
import Logging
import RegionRegistry

/// The one owner of the SQLite database: it runs the migrations, and every read and write of the
/// registry goes through its intention-revealing methods. Nothing else writes SQL.
public final class RegistryStore: Sendable {
    public enum Mode: Sendable {
        /// Create the file if needed and apply pending migrations (the daemon, `migrate`, `refresh`).
        case migrate
        /// Open an existing database whose schema is current; never create or migrate (read-only CLI).
        case existingOnly
    }

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
    ) async throws -> RegistryStore {
        if mode == .existingOnly, !FileManager.default.fileExists(atPath: path) {
            throw StoreError.noDatabase(path: path)
        }
        let pool = try DatabasePool(path: path, configuration: makeConfiguration())
        let migrator = Migrator(migrations: try migrations ?? Migration.embedded())
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
        return RegistryStore(path: path, pool: pool)
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
        guard let migrations = try? Migration.embedded() else { return false }
        let pending = try? await pool.read { db in try Migrator(migrations: migrations).pending(in: db) }
        return pending?.isEmpty == true
    }

    /// Sizes of the database file and its write-ahead log, in bytes; 0 for a file that is not there.
    public func fileSizes() -> (database: Int64, wal: Int64) {
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
}

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case noDatabase(path: String)
    case unknownRegion(String)
    case unknownModel(String)
    case noManualGrant(region: String, modelId: String)
    /// A row holds a value this regiond does not know (written by a newer one, or by hand).
    case unreadableRow(table: String, key: String, column: String, value: String)
    /// Another writer moved the change log since the caller read it (see `apply(_:reports:run:basedOn:at:)`).
    case changedMeanwhile(expected: Int64, found: Int64)

    public var description: String {
        switch self {
        case .noDatabase(let path): "no regiond database at \(path) (start `regiond serve` or run `regiond refresh --once` to create one)"
        case .unknownRegion(let code): "unknown region \(code)"
        case .unknownModel(let id): "unknown foundation model \(id)"
        case .noManualGrant(let region, let model): "no manual grant for \(model) in \(region)"
        case .unreadableRow(let table, let key, let column, let value):
            "the database row \(table) \(key) has \(column) = \"\(value)\", which this regiond does not know"
        case .changedMeanwhile(let expected, let found):
            "the change log moved from \(expected) to \(found) while a refresh was being prepared"
        }
    }
}
