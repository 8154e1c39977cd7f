import Foundation
import PostgresStore
import RegionRegistry
import RegistryHealth
import RegistryTestSupport
import StoreInterface
import Testing

/// The PostgreSQL engine on a real server (`REGIOND_TEST_POSTGRES`), a fresh database per test.
@Suite(.enabled(if: TestPostgres.adminURL != nil, "needs REGIOND_TEST_POSTGRES (Tests/postgres-cluster.sh start)"))
struct PostgresStoreTests {
    func open(_ url: String, mode: StoreOpenMode = .migrate) async throws -> PostgresStore {
        try await PostgresStore.open(try PostgresLocation(url: url), mode: mode)
    }

    @Test func migrationsApplyOnceAndAChangedOneIsRefused() async throws {
        let url = try await TestPostgres.freshDatabase()
        let store = try await open(url)
        let applied = try await store.appliedMigrations()
        #expect(applied.map(\.version) == Array(1...8) && applied.last?.name == "0008_model_lifecycle.sql")
        #expect(await store.isSchemaCurrent())
        try await store.close(checkpoint: false)
        // Opening again applies nothing; a read-only open of a current schema works.
        try await open(url).close(checkpoint: false)
        try await open(url, mode: .existingOnly).close(checkpoint: false)

        try await TestPostgres.psql(url, "UPDATE schema_migration SET checksum = 'edited' WHERE version = 3")
        await #expect(throws: MigrationError.changed(fileName: "0003_health.sql")) { try await open(url) }
        // Nothing was written by the refused open: the history is as it was.
        #expect(try await TestPostgres.query(url, "SELECT count(*) FROM schema_migration") == "8")
    }

    /// Each replica's rollup of a minute is its own row: saving one never overwrites another's.
    @Test func rollupsAreKeptPerReplica() async throws {
        let store = try await open(try await TestPostgres.freshDatabase())
        try await HealthStoreChecks.rollupsAreKeptPerReplica(store)
        try await store.close(checkpoint: false)
    }

    @Test func operatorChangesRebuildTheStoredState() async throws {
        let store = try await open(try await TestPostgres.freshDatabase())
        try await FollowChecks.operatorChangesRebuildTheStoredState(store)
        try await store.close(checkpoint: false)
    }

    /// Samples go to a partition per day; retention drops whole days and trims the cutoff's own.
    @Test func samplesArePartitionedByDayAndRetentionDropsPartitions() async throws {
        let url = try await TestPostgres.freshDatabase()
        let store = try await open(url)
        let now = Date()
        func sample(_ daysAgo: Double) -> HealthSample {
            HealthSample(region: "us-east-1", modelId: "m", profileId: nil, sourceRegion: nil, observedAt: now.addingTimeInterval(-daysAgo * 86_400),
                         latencyMs: 10, ttftMs: nil, outcome: .ok, httpStatus: 200, origin: "test")
        }
        try await store.insertSamples([sample(3), sample(3), sample(2), sample(0), sample(0), sample(0)])
        #expect(try await store.sampleCount() == 6)
        let partitions = try await TestPostgres.query(url, """
            SELECT count(*) FROM pg_inherits WHERE inhparent = 'health_sample'::regclass AND inhrelid::regclass::text LIKE 'health_sample_day_%'
            """)
        #expect(partitions == "3")
        #expect(try await TestPostgres.query(url, "SELECT count(*) FROM health_sample_default") == "0")

        let removed = try await store.pruneSamples(before: now.addingTimeInterval(-86_400))
        let count = try await store.sampleCount()
        #expect(removed == 3 && count == 3)
        let left = try await TestPostgres.query(url, """
            SELECT count(*) FROM pg_inherits WHERE inhparent = 'health_sample'::regclass AND inhrelid::regclass::text LIKE 'health_sample_day_%'
            """)
        #expect(left == "1" || left == "2")  // today's, and yesterday's when the cutoff falls in it
        try await store.close(checkpoint: false)
    }

    /// A server that does not answer is `unavailable`, said in words, with no password in them.
    @Test func anUnreachableServerIsUnavailable() async throws {
        let location = try PostgresLocation(url: "postgres://regiond:hunter2@127.0.0.1:1/regiond?sslmode=disable")
        #expect(!location.description.contains("hunter2"))
        do {
            _ = try await PostgresStore.open(location)
            Issue.record("opened a server that is not there")
        } catch let error as StoreError {
            guard case .unavailable(let reason) = error else { Issue.record("\(error)"); return }
            #expect(!reason.contains("hunter2"))
        }
    }

    @Test func urlsAreCheckedAndSayWhatIsWrong() throws {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres:///nohost") }
        let bad = #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: "postgres://u@h/db?sslmode=maybe", environment: [:]) }
        #expect(bad?.description == "sslmode maybe is not one of disable, allow, prefer, require, verify-ca, verify-full")
        let location = try PostgresLocation(url: "postgresql://u@db.internal/regiond", environment: ["PGPASSWORD": "x"])
        #expect(location.port == 5432 && location.database == "regiond" && location.sslMode == .prefer)
    }
}
