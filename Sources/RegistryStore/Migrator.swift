import CivilTime
import GRDB
import StoreInterface

/// Applies `Migration`s in order, recording each with its checksum, and refuses databases whose
/// history does not match this binary's files. Every check happens before anything is written.
struct Migrator {
    var migrations: [Migration]

    static let historyTable = "schema_migration"

    /// Checks the recorded history against `migrations`; returns those still to apply.
    func pending(in db: Database) throws -> [Migration] {
        try MigrationHistory.pending(applied: appliedMigrations(db), migrations: migrations)
    }

    /// Applies what is pending, each migration in its own transaction with its history row.
    ///
    /// Foreign keys are off while a migration runs and checked before it commits: that is
    /// SQLite's procedure for rebuilding a table others refer to (the only way to change a CHECK
    /// constraint), where dropping the old table would otherwise orphan the rows pointing at it.
    @discardableResult
    func migrate(_ db: Database) throws -> [Migration] {
        let todo = try pending(in: db)
        guard !todo.isEmpty else { return [] }
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
        for migration in todo {
            try db.inTransaction {
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS \(Self.historyTable) (
                        version INTEGER PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        checksum TEXT NOT NULL,
                        applied_at TEXT NOT NULL
                    ) STRICT
                    """)
                try db.execute(sql: migration.sql)
                if let violation = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw MigrationError.foreignKeyViolation(fileName: migration.fileName, table: violation[0] ?? "?")
                }
                try db.execute(
                    sql: "INSERT INTO \(Self.historyTable) (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
                    arguments: [migration.version, migration.fileName, migration.checksum, Timestamp.now()])
                return .commit
            }
        }
        return todo
    }

    func appliedMigrations(_ db: Database) throws -> [MigrationHistory.Applied] {
        guard try db.tableExists(Self.historyTable) else { return [] }
        return try Row.fetchAll(db, sql: "SELECT version, name, checksum FROM \(Self.historyTable) ORDER BY version")
            .map { MigrationHistory.Applied(version: $0["version"], name: $0["name"], checksum: $0["checksum"]) }
    }
}
