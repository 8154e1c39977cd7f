import Foundation
import GRDB
import RegionRegistry
import RegistrySources
import RegistryTestSupport
import Testing
@testable import RegistryStore

@Suite struct ApplyTests {
    let dir: TemporaryDirectory
    let catalog: Snapshot

    init() throws {
        dir = try TemporaryDirectory()
        catalog = try CatalogSource(.embedded).load().1
    }

    func open() async throws -> SQLiteStore { try await SQLiteStore.open(at: dir.file("db.sqlite3")) }

    func apply(_ snapshot: Snapshot, _ store: SQLiteStore) async throws -> AppliedRefresh {
        let run = try await store.beginRun(source: snapshot.source, trigger: .cli)
        return try await store.apply(snapshot, run: run)
    }

    func changeCount(_ store: SQLiteStore) async throws -> Int {
        try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM change_log") ?? 0 }
    }

    @Test func catalogLandsWithRoutesPerSourceRegion() async throws {
        let store = try await open()
        let applied = try await apply(catalog, store)
        #expect(applied.run.outcome == .succeeded)
        #expect(applied.run.added == applied.diff.entries.count)
        let view = try await store.loadView()
        let haiku = try #require(view.profile(idOrARN: "us.anthropic.claude-3-haiku-20240307-v1:0")?.value)
        #expect(haiku.route(from: "us-east-2")?.destinationRegions == ["us-east-1", "us-east-2", "us-west-2"])
        #expect(haiku.route(from: "us-west-2")?.destinationRegions == ["us-east-1", "us-west-2"])
        #expect(view.profiles.count == catalog.profiles.count)
        #expect(view.model("anthropic.claude-3-haiku-20240307-v1:0")?.value.lifecycle?.endOfLifeAt == "2026-09-10", "the lifecycle is stored")
        #expect(try await changeCount(store) == applied.diff.entries.count)
        #expect(view.index == Int64(applied.diff.entries.count) + 1)  // the log starts at 2
    }

    @Test func reapplyingTheSameSnapshotChangesNothing() async throws {
        let store = try await open()
        _ = try await apply(catalog, store)
        let before = try await store.loadView()
        let logged = try await changeCount(store)
        let again = try await apply(catalog, store)
        #expect(again.diff.isEmpty)
        #expect(again.run.index == nil && again.run.added == 0)
        #expect(try await changeCount(store) == logged)
        let after = try await store.loadView()
        #expect(after.index == before.index)
        #expect(after.profiles.map(\.value) == before.profiles.map(\.value))
    }

    @Test func restartKeepsDataAndLogsNothing() async throws {
        var store = try await open()
        _ = try await apply(catalog, store)
        let logged = try await changeCount(store)
        try store.close()
        store = try await open()
        #expect(try await store.loadView().profiles.count == catalog.profiles.count)
        _ = try await apply(catalog, store)
        #expect(try await changeCount(store) == logged)
    }

    @Test func vanishedProfileIsKeptAsRemovedAndItsRoutesAreLogged() async throws {
        let store = try await open()
        _ = try await apply(catalog, store)
        var smaller = catalog
        let gone = smaller.profiles.removeFirst()
        let applied = try await apply(smaller, store)
        #expect(applied.diff.changes.allSatisfy { $0.action == .removed })
        #expect(applied.diff.changes.count == 1 + gone.routes.count)
        let stored = try #require(try await store.loadView().profile(idOrARN: gone.id))
        #expect(stored.isRemoved)
        #expect(stored.value.routes.isEmpty)
        let log = try await store.changes(since: applied.run.index! - Int64(applied.diff.changes.count), limit: 100)
        #expect(log.filter { $0.change.kind == .route }.compactMap { $0.change.before?["destination_regions"] }.count == gone.routes.count)
        // And it comes back.
        let back = try await apply(catalog, store)
        #expect(back.diff.changes.filter { $0.kind == .profile }.map(\.action) == [.added])
        let returned = try await store.loadView().profile(idOrARN: gone.id)
        #expect(returned?.isRemoved == false)
        #expect(returned?.value.routes == gone.routes.sorted { $0.sourceRegion < $1.sourceRegion })
    }

    @Test func aFailureHalfwayLeavesTheStoreAsItWas() async throws {
        let store = try await open()
        _ = try await apply(catalog, store)
        let before = try await store.loadView()
        let logged = try await changeCount(store)
        // A real SQLite failure in the middle of the transaction: the second route write aborts.
        try await store.pool.write { db in
            try db.execute(sql: """
                CREATE TRIGGER fail_midway BEFORE UPDATE ON profile_route
                WHEN NEW.destinations LIKE '%eu-north-1%' BEGIN SELECT RAISE(ABORT, 'injected failure'); END
                """)
        }
        var changed = catalog
        for i in changed.profiles.indices where changed.profiles[i].geo == "us" {
            changed.profiles[i].name += " (renamed)"
            changed.profiles[i].routes[0].destinationRegions.append("eu-north-1")
        }
        let run = try await store.beginRun(source: "test", trigger: .cli)
        await #expect(throws: (any Error).self) { try await store.apply(changed, run: run) }
        let after = try await store.loadView()
        #expect(after.index == before.index)
        #expect(after.state == before.state)
        #expect(try await changeCount(store) == logged)
    }

    @Test func manualGrantsAreLoggedAndRemovable() async throws {
        let store = try await open()
        _ = try await apply(catalog, store)
        let model = "anthropic.claude-3-haiku-20240307-v1:0"
        let write = try await store.setManualGrant(modelId: model, region: "us-east-1", status: .granted, note: "ticket 42")
        #expect(write.value.origin == .manual && write.value.note == "ticket 42" && write.value.state == .manual)
        let index = try await store.currentIndex()
        #expect(write.logged && write.indexAfter == index)
        // Same facts again: no new entry.
        let again = try await store.setManualGrant(modelId: model, region: "us-east-1", status: .granted, note: "ticket 42")
        #expect(!again.logged)
        #expect(try await store.currentIndex() == index)
        try await store.removeManualGrant(modelId: model, region: "us-east-1")
        let log = try await store.changes(since: index - 1, limit: 10)
        #expect(log.map(\.change.action) == [.added, .removed])
        #expect(log.first?.change.key == "us-east-1/\(model)/manual")
        await #expect(throws: StoreError.noManualGrant(region: "us-east-1", modelId: model)) {
            try await store.removeManualGrant(modelId: model, region: "us-east-1")
        }
        await #expect(throws: StoreError.unknownRegion("mars-north-1")) {
            try await store.setManualGrant(modelId: model, region: "mars-north-1", status: .granted, note: nil)
        }
    }

    @Test func failedRunsAreRecordedAndInterruptedOnesClosed() async throws {
        let store = try await open()
        let run = try await store.beginRun(source: "test", trigger: .manual)
        _ = try await store.failRun(run, error: "source unreachable")
        _ = try await store.beginRun(source: "test", trigger: .startup)
        #expect(try await store.abandonInterruptedRuns() == 1)
        let runs = try await store.recentRuns()
        #expect(runs.map(\.outcome) == [.failed, .failed])
        #expect(runs.last?.error == "source unreachable")
        #expect(try await store.lastSuccessfulRun() == nil)
    }
}
