import Foundation
import Logging
import RegionRegistry
import PostgresStore
import RegistryStore
import StoreInterface
import Synchronization

/// The running registry: the one door to the store, the current read model, and the watchers of
/// its index. Every write goes through here (or through the services it hands the store to, in
/// this module), one at a time, and the read model follows each commit in memory: the diff that
/// was written is applied to the view's state, so the database is not read back.
public final class Registry: Sendable {
    let store: any RegistryStorage
    private let current: Mutex<RegistryView>
    let notifier: ChangeNotifier
    /// Serialises writes with the read-model swap that follows each.
    let writes = SerialGate()
    let metrics: RegiondMetrics?
    /// Whether this replica leads and hears the shared database (always leads on SQLite).
    public let fleet: FleetState
    /// The last refresh history read, answered while a fleet replica cannot read the database.
    let remembered = RememberedReads()

    /// Opens the database at `path` and loads the read model from it.
    /// - Parameters:
    ///   - path: a SQLite file, or a `postgres://` URL (a fleet's shared database).
    ///   - readOnly: open an existing, current database without creating or migrating it (the
    ///     read commands); otherwise create it and apply pending migrations.
    ///   - passwordFile: PostgreSQL only: the file holding the password.
    public static func open(at path: String, readOnly: Bool = false, passwordFile: String? = nil, metrics: RegiondMetrics? = nil,
                            logger: Logger? = nil) async throws -> Registry {
        try await open(openStore(at: path, mode: readOnly ? .existingOnly : .migrate, passwordFile: passwordFile, logger: logger),
                       metrics: metrics)
    }

    /// True when `path` names a database server (PostgreSQL) rather than a SQLite file.
    public static func isServerDatabase(_ path: String) -> Bool { PostgresLocation.isURL(path) }

    /// `path` as logs may show it: a URL loses any password it holds.
    public static func describe(database path: String) -> String {
        guard isServerDatabase(path), var url = URLComponents(string: path) else { return path }
        if url.password != nil { url.password = "redacted" }
        return url.string ?? "postgres://(unparsable)"
    }

    /// The engine `path` names: PostgreSQL for a `postgres://` URL, else a SQLite file.
    public static func openStore(at path: String, mode: StoreOpenMode, passwordFile: String? = nil,
                                 logger: Logger? = nil) async throws -> any RegistryStorage {
        if PostgresLocation.isURL(path) {
            return try await PostgresStore.open(try PostgresLocation(url: path, passwordFile: passwordFile), mode: mode, logger: logger)
        }
        return try await SQLiteStore.open(at: path, mode: mode, logger: logger)
    }

    /// Loads the read model from an open store (closing the store if that fails).
    public static func open(_ store: any RegistryStorage, metrics: RegiondMetrics? = nil) async throws -> Registry {
        do {
            return try await Registry(store: store, metrics: metrics)
        } catch {
            try? await store.close(checkpoint: false)
            throw error
        }
    }

    init(store: any RegistryStorage, metrics: RegiondMetrics? = nil) async throws {
        self.store = store
        self.metrics = metrics
        fleet = FleetState(engine: store.engine, shared: store is any SharedStorage)
        metrics?.fleetLeader(fleet.isLeader)
        let view = try await store.loadView()
        current = Mutex(view)
        notifier = ChangeNotifier(index: view.index)
    }

    /// The read model requests answer from; swapped whole, never mutated.
    public var view: RegistryView { current.withLock { $0 } }

    /// Reads the whole registry from the store and swaps it in (start-up, and when another
    /// writer moved the store under this one).
    @discardableResult
    func reload() async throws -> RegistryView {
        publish(try await store.loadView())
    }

    /// Swaps `view` in and wakes watchers if the index moved.
    @discardableResult
    func publish(_ view: RegistryView) -> RegistryView {
        current.withLock { existing in
            // Never go back to an older view.
            if view.index >= existing.index { existing = view }
        }
        notifier.publish(view.index)
        return self.view
    }

    /// The view after a commit that wrote `mutations` at `now` and moved the log to `index`.
    func publish(_ mutations: [RegistryDiff.Mutation], at now: String, index: Int64, over base: RegistryView) {
        let started = ContinuousClock.now
        publish(RegistryView(state: mutations.isEmpty ? base.state : base.state.applying(mutations, at: now), index: index))
        metrics?.readModelRebuilt(duration: ContinuousClock.now - started)
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
    public var watcherCount: Int { notifier.watcherCount }

    /// Releases every blocked watcher (at shutdown they return the current index at once).
    public func releaseWatchers() {
        notifier.close()
    }

    /// Closes the database; with `checkpoint`, first folds the WAL into the main file (at
    /// shutdown, so the file alone is a full copy).
    public func close(checkpoint: Bool) async throws {
        try await store.close(checkpoint: checkpoint)
    }
}
