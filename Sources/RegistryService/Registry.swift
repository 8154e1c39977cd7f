import Logging
import RegionRegistry
import RegistryStore
import Synchronization

/// The running registry: the one door to the store, the current read model, and the watchers of
/// its index. Every write goes through here (or through the services it hands the store to, in
/// this module), so the read model is rebuilt and swapped after each commit.
public final class Registry: Sendable {
    let store: RegistryStore
    private let current: Mutex<RegistryView>
    private let notifier: ChangeNotifier

    /// Opens the database at `path` and loads the read model from it.
    /// - Parameter readOnly: open an existing, current database without creating or migrating it
    ///   (the read commands); otherwise create it and apply pending migrations.
    public static func open(at path: String, readOnly: Bool = false, logger: Logger? = nil) async throws -> Registry {
        let store = try await RegistryStore.open(at: path, mode: readOnly ? .existingOnly : .migrate, logger: logger)
        do {
            return try await Registry(store: store)
        } catch {
            try? store.close()
            throw error
        }
    }

    init(store: RegistryStore) async throws {
        self.store = store
        let view = try await store.loadView()
        current = Mutex(view)
        notifier = ChangeNotifier(index: view.index)
    }

    /// The read model requests answer from; swapped whole, never mutated.
    public var view: RegistryView { current.withLock { $0 } }

    /// Rebuilds the read model from the store and swaps it in; wakes watchers if the index moved.
    @discardableResult
    func reload() async throws -> RegistryView {
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

    /// Closes the database; with `checkpoint`, first folds the WAL into the main file (at
    /// shutdown, so the file alone is a full copy).
    public func close(checkpoint: Bool) async throws {
        if checkpoint { try await store.checkpoint() }
        try store.close()
    }
}
