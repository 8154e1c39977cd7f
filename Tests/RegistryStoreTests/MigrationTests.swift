import Foundation
import GRDB
import RegistryTestSupport
import Testing
@testable import RegistryStore

@Suite struct MigrationTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var initial: Migration { get throws { try SQLiteStore.embeddedMigrations()[0] } }

    @Test func freshDatabaseGetsEveryMigrationWithItsChecksum() async throws {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let applied = try await store.appliedMigrations()
        #expect(applied.map(\.name) == (try SQLiteStore.embeddedMigrations()).map(\.fileName))
        let checksum = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT checksum FROM schema_migration WHERE version = 1") }
        #expect(checksum == (try initial).checksum)
        #expect(checksum?.count == 64)
    }

    @Test func reopeningAppliesNothingAgain() async throws {
        let path = dir.file("db.sqlite3")
        try await SQLiteStore.open(at: path).close()
        let store = try await SQLiteStore.open(at: path)
        let rows = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM schema_migration") }
        #expect(rows == (try SQLiteStore.embeddedMigrations()).count)
    }

    @Test func walModeAndForeignKeysAreOn() async throws {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let (mode, fk) = try await store.pool.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(fk == 1)
    }

    @Test func aChangedAppliedMigrationIsRefusedByName() async throws {
        let path = dir.file("db.sqlite3")
        try await SQLiteStore.open(at: path, migrations: [try initial]).close()
        let tampered = try Migration(fileName: (try initial).fileName, sql: (try initial).sql + "\n-- edited\n")
        await #expect(throws: MigrationError.changed(fileName: "0001_initial.sql")) {
            try await SQLiteStore.open(at: path, migrations: [tampered])
        }
        #expect("\(MigrationError.changed(fileName: "0001_initial.sql"))".contains("0001_initial.sql"))
    }

    @Test func aDatabaseFromANewerRegiondIsRefusedAndLeftUntouched() async throws {
        let path = dir.file("db.sqlite3")
        let newer = try Migration(fileName: "0999_future.sql", sql: "CREATE TABLE future (x INTEGER);")
        try await SQLiteStore.open(at: path, migrations: try SQLiteStore.embeddedMigrations() + [newer]).close()
        let before = try schemaAndHistory(path)
        await #expect(throws: MigrationError.newerDatabase(databaseVersion: 999, fileName: "0999_future.sql", binaryVersion: try SQLiteStore.embeddedMigrations().last!.version)) {
            try await SQLiteStore.open(at: path)
        }
        #expect(try schemaAndHistory(path) == before)
    }

    @Test func aMissingAppliedMigrationIsRefusedByName() async throws {
        let path = dir.file("db.sqlite3")
        let second = try Migration(fileName: "0002_extra.sql", sql: "CREATE TABLE extra (x INTEGER);")
        let third = try Migration(fileName: "0003_more.sql", sql: "CREATE TABLE more (x INTEGER);")
        try await SQLiteStore.open(at: path, migrations: [try initial, second, third]).close()
        await #expect(throws: MigrationError.missing(fileName: "0002_extra.sql")) {
            try await SQLiteStore.open(at: path, migrations: [try initial, third])
        }
    }

    @Test func readOnlyOpeningNeverCreatesOrMigrates() async throws {
        let path = dir.file("absent.sqlite3")
        await #expect(throws: StoreError.noDatabase(path: path)) { try await SQLiteStore.open(at: path, mode: .existingOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))

        let old = dir.file("old.sqlite3")
        try await SQLiteStore.open(at: old, migrations: [try initial]).close()
        let pending = try Migration(fileName: "0002_next.sql", sql: "CREATE TABLE next (x INTEGER);")
        await #expect(throws: MigrationError.pending(fileNames: ["0002_next.sql"])) {
            try await SQLiteStore.open(at: old, mode: .existingOnly, migrations: [try initial, pending])
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() async throws {
        let path = dir.file("db.sqlite3")
        let broken = try Migration(fileName: "0002_broken.sql", sql: "CREATE TABLE ok (x INTEGER); CREATE TABLE region (x);")
        await #expect(throws: (any Error).self) { try await SQLiteStore.open(at: path, migrations: [try initial, broken]) }
        let store = try await SQLiteStore.open(at: path, migrations: [try initial])
        #expect(try await store.appliedMigrations().map(\.version) == [1])
        let okTable = try await store.pool.read { db in try db.tableExists("ok") }
        #expect(!okTable)
    }

    /// 0002 rebuilds refresh_run (to allow 'partial'): the change log must keep pointing at its
    /// runs, and foreign keys must be enforced again afterwards.
    @Test func rebuildingRefreshRunKeepsTheChangeLogsRunsAndForeignKeys() async throws {
        let path = dir.file("db.sqlite3")
        let old = try await SQLiteStore.open(at: path, migrations: [try initial])
        try await old.pool.write { db in
            try db.execute(sql: "INSERT INTO refresh_run (id, source, trigger, started_at, outcome) VALUES (7, 'catalog:embedded', 'cli', 't', 'succeeded')")
            try db.execute(sql: "INSERT INTO change_log (at, entity_kind, entity_key, action, refresh_run) VALUES ('t', 'region', 'r', 'added', 7)")
        }
        try old.close()
        let store = try await SQLiteStore.open(at: path)
        #expect(try await store.appliedMigrations().map(\.version) == (try SQLiteStore.embeddedMigrations()).map(\.version))
        let (runs, logged, fk) = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM refresh_run WHERE id = 7"),
             try Int.fetchOne(db, sql: "SELECT refresh_run FROM change_log"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(runs == 1 && logged == 7 && fk == 1)
        try await store.pool.write { db in
            try db.execute(sql: "INSERT INTO refresh_run (source, trigger, started_at, outcome) VALUES ('aws', 'cli', 't', 'partial')")
        }
        await #expect(throws: DatabaseError.self) {
            try await store.pool.write { db in
                try db.execute(sql: "INSERT INTO change_log (at, entity_kind, entity_key, action, refresh_run) VALUES ('t', 'region', 'r', 'added', 99)")
            }
        }
    }

    /// 0005 gives stored grants a state from their fields; 0006 folds route_destination rows
    /// and JSON evidence into one space-separated column each: nothing a user stored is lost.
    @Test func storedRoutesAndGrantsSurviveTheirReshaping() async throws {
        let path = dir.file("db.sqlite3")
        let old = try await SQLiteStore.open(at: path, migrations: Array(try SQLiteStore.embeddedMigrations().prefix(4)))
        try await old.pool.write { db in
            try db.execute(sql: """
                INSERT INTO region (code, name, geography, partition, first_seen, last_seen) VALUES
                    ('us-east-1', 'N. Virginia', 'United States', 'aws', 't', 't'), ('us-west-2', 'Oregon', 'United States', 'aws', 't', 't');
                INSERT INTO foundation_model (id, first_seen, last_seen) VALUES ('m', 't', 't');
                INSERT INTO inference_profile (id, name, type, geo, model_id, status, notes, first_seen, last_seen)
                    VALUES ('us.m', 'US m', 'SYSTEM_DEFINED', 'us', 'm', 'ACTIVE', '[]', 't', 't');
                INSERT INTO profile_route (profile_id, source_region, confidence, evidence) VALUES ('us.m', 'us-west-2', 'high', '["E4","E8"]');
                INSERT INTO route_destination (profile_id, source_region, destination_region) VALUES
                    ('us.m', 'us-west-2', 'us-west-2'), ('us.m', 'us-west-2', 'us-east-1');
                INSERT INTO access_grant (model_id, region, origin, status, authorization_status, entitlement_availability,
                    region_availability, agreement_status, checked_at) VALUES
                    ('m', 'us-east-1', 'aws', 'denied', 'AUTHORIZED', 'AVAILABLE', 'AVAILABLE', 'PENDING', 't'),
                    ('m', 'us-west-2', 'manual', 'granted', NULL, NULL, NULL, NULL, 't');
                """)
        }
        try old.close()
        let store = try await SQLiteStore.open(at: path)
        let state = try await store.loadView().state
        let route = try #require(state.profiles["us.m"]?.value.route(from: "us-west-2"))
        #expect(route.destinationRegions == ["us-east-1", "us-west-2"] && route.evidence == ["E4", "E8"] && route.scope == .regions)
        #expect(state.grants.values.map(\.state).sorted { $0.rawValue < $1.rawValue } == [.agreementPending, .manual])
        try store.close()
    }

    /// The SQL compiled into the binary is byte for byte the files in Migrations/sqlite/.
    @Test func embeddedMigrationsAreTheFilesOnDisk() throws {
        let dir = PackageFiles.root().appending(path: "Migrations/sqlite")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sql") }.sorted()
        let embedded = try SQLiteStore.embeddedMigrations()
        #expect(embedded.map(\.fileName) == files)
        for migration in embedded {
            #expect(migration.sql == (try String(contentsOf: dir.appending(path: migration.fileName), encoding: .utf8)))
        }
    }

    @Test func migrationNamesMustBeNumbered() {
        #expect(throws: MigrationError.badFileName("initial.sql")) { try Migration(fileName: "initial.sql", sql: "") }
    }

    /// Every schema object and every recorded migration: what "untouched" means for the data.
    private func schemaAndHistory(_ path: String) throws -> [String] {
        let db = try DatabaseQueue(path: path)
        defer { try? db.close() }
        return try db.read { db in
            try String.fetchAll(db, sql: "SELECT type || ' ' || name || ' ' || IFNULL(sql, '') FROM sqlite_master ORDER BY name")
                + (try String.fetchAll(db, sql: "SELECT version || ' ' || name || ' ' || checksum FROM schema_migration ORDER BY version"))
        }
    }
}
