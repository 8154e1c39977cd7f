import Logging
import RegionRegistry
import RegistryStore
import Synchronization

/// The running registry: the store, the current read model, and the watchers of its index.
/// Every write goes through here so the read model is rebuilt and swapped after each commit.
public final class Registry: Sendable {
    public let store: RegistryStore
    private let current: Mutex<RegistryView>
    private let notifier: ChangeNotifier

    /// Opens the registry over `store`, loading the read model from what is stored.
    public init(store: RegistryStore) async throws {
        self.store = store
        let view = try await store.loadView()
        current = Mutex(view)
        notifier = ChangeNotifier(index: view.index)
    }

    /// The read model requests answer from; swapped whole, never mutated.
    public var view: RegistryView { current.withLock { $0 } }

    /// Rebuilds the read model from the store and swaps it in; wakes watchers if the index moved.
    @discardableResult
    public func reload() async throws -> RegistryView {
        let view = try await store.loadView()
        current.withLock { existing in
            // Two reloads may finish out of order; never go back to an older view.
            if view.index >= existing.index { existing = view }
        }
        notifier.publish(view.index)
        return self.view
    }

    /// Waits until the index is past `index` or `timeout` passes; returns the view then current.
    public func waitForChange(after index: Int64, timeout: Duration) async -> RegistryView {
        if view.index > index || timeout <= .zero { return view }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.notifier.wait(after: index) }
            group.addTask { try? await Task.sleep(for: timeout) }
            await group.next()
            group.cancelAll()
        }
        return view
    }

    /// How many `/v1/changes?wait=` requests are blocked right now.
    public var watcherCount: Int { notifier.waiterCount }

    /// Releases every blocked watcher (at shutdown they return the current index at once).
    public func releaseWatchers() {
        notifier.close()
    }

    // MARK: Manual grants

    public func setManualGrant(modelId: String, region: String, status: AccessGrant.Status, note: String?) async throws -> AccessGrant {
        let grant = try await store.setManualGrant(modelId: modelId, region: region, status: status, note: note)
        try await reload()
        return grant
    }

    public func removeManualGrant(modelId: String, region: String) async throws {
        try await store.removeManualGrant(modelId: modelId, region: region)
        try await reload()
    }
}
