import Logging
import RegionRegistry
import RegistryService
import RegistrySources
import RegistryStore
import RegistryTestSupport
import Testing

/// The read model follows each commit in memory (the diff that was written, applied to the
/// view's state): it must always equal what the store holds, read back whole.
@Suite struct ReadModelFollowsCommitsTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    struct Source: SnapshotSource {
        let name = "test"
        let snapshot: Snapshot
        func snapshot() async throws -> Snapshot { snapshot }
    }

    func stored() async throws -> RegistryState {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"), mode: .existingOnly)
        defer { try? store.close() }
        return try await store.loadView().state
    }

    /// Each refresh changes, removes and brings back profiles and routes; grants come and go.
    @Test func everyKindOfWriteLeavesTheViewEqualToTheStore() async throws {
        let registry = try await Registry.open(at: dir.file("db.sqlite3"))
        let catalog = try CatalogSource(.embedded).load().1
        var snapshots = [catalog]
        var changed = catalog
        changed.profiles[0].routes[0].destinationRegions.removeLast()
        changed.profiles[1].name += " (renamed)"
        changed.profiles.remove(at: 2)
        snapshots.append(changed)
        snapshots.append(catalog)  // the removed profile returns
        let model = catalog.profiles[0].modelId, region = catalog.profiles[0].routes[0].destinationRegions[0]
        for snapshot in snapshots {
            let outcome = try await RefreshCoordinator(source: Source(snapshot: snapshot), registry: registry, logger: Logger(label: "t"))
                .refresh(trigger: .cli)
            #expect(outcome.run.outcome == .succeeded)
            #expect(registry.view.state == (try await stored()))
            #expect(registry.view.index == outcome.run.index ?? registry.view.index)
        }
        _ = try await registry.setManualGrant(modelId: model, region: region, status: .denied, note: "ticket 7")
        #expect(registry.view.state == (try await stored()))
        try await registry.removeManualGrant(modelId: model, region: region)
        #expect(registry.view.state == (try await stored()))
        try await registry.close(checkpoint: false)
    }

    /// Another process writes between two refreshes: the daemon's next write notices (the change
    /// log moved), reads the store again and diffs once more, instead of writing a stale diff.
    @Test func anotherWriterIsNoticedAndReadBack() async throws {
        let registry = try await Registry.open(at: dir.file("db.sqlite3"))
        let catalog = try CatalogSource(.embedded).load().1
        let refresher = RefreshCoordinator(source: Source(snapshot: catalog), registry: registry, logger: Logger(label: "t"))
        _ = try await refresher.refresh(trigger: .cli)
        let other = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let model = catalog.profiles[0].modelId, region = catalog.profiles[0].routes[0].destinationRegions[0]
        _ = try await other.setManualGrant(modelId: model, region: region, status: .granted, note: "from the CLI")
        try other.close()
        #expect(registry.view.state != (try await stored()), "the daemon has not seen it yet")

        var changed = catalog
        changed.profiles[0].name += " (renamed)"
        let outcome = try await RefreshCoordinator(source: Source(snapshot: changed), registry: registry, logger: Logger(label: "t"))
            .refresh(trigger: .cli)
        #expect(outcome.run.outcome == .succeeded && outcome.run.changed == 1)
        #expect(registry.view.state == (try await stored()), "the other writer's grant and the rename, both")
        #expect(registry.view.effectiveGrant(AccessGrant.Key(modelId: model, region: region))?.note == "from the CLI")
        try await registry.close(checkpoint: false)
    }
}
