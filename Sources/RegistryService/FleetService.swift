import Logging
import ServiceLifecycle
import StoreInterface

/// How a replica behaves in a fleet on a shared database.
public struct FleetSettings: Sendable {
    /// A replica tries the leader lock every fifth of this, so a dead leader is replaced within it.
    public var takeover: Duration
    /// Without the shared database for this long, a replica says `stale` in `/readyz` (it keeps
    /// answering from its last view meanwhile).
    public var staleAfter: Duration

    public init(takeover: Duration = .seconds(5), staleAfter: Duration = .seconds(30)) {
        self.takeover = takeover
        self.staleAfter = staleAfter
    }
}

/// Keeps a replica in its fleet until shutdown: competes for leadership, follows the other
/// replicas' commits (NOTIFY, and a poll of the index in case one was missed), and catches up
/// after a lost connection. Runs only on a shared store.
public struct FleetService: Service {
    let registry: Registry
    let shared: any SharedStorage
    let settings: FleetSettings
    let logger: Logger

    /// nil for a store that is not shared (a lone daemon has no fleet to keep).
    public init?(registry: Registry, settings: FleetSettings, logger: Logger) {
        guard let shared = registry.store as? any SharedStorage else { return nil }
        self.registry = registry
        self.shared = shared
        self.settings = settings
        self.logger = logger
        registry.fleet.staleAfter = settings.staleAfter
    }

    public func run() async throws {
        let (registry, shared, logger, takeover) = (registry, shared, logger, settings.takeover)
        // Unstructured: at shutdown they are cancelled and not waited for, so a database that
        // does not answer (a pool waiting for a connection) cannot hold the daemon's stop.
        let loops = [
            Task {
                await shared.lead(every: takeover / 5) { leading in await registry.leadershipChanged(leading, logger: logger) }
            },
            Task {
                await shared.follow(retry: .seconds(1), connected: {
                    registry.fleet.connected()
                    await registry.catchUp(logger: logger)
                }, committed: { index in
                    if index > registry.view.index { await registry.catchUp(logger: logger) }
                }, lost: { reason in
                    registry.fleet.connectionLost(reason)
                    logger.warning("fleet: not hearing the shared database; serving the last view", metadata: ["reason": "\(reason)"])
                })
            },
            Task {
                // A notification lost with a connection is caught here at the latest.
                while (try? await Task.sleep(for: .seconds(2))) != nil {
                    if registry.fleet.snapshot.lostSince == nil, let stored = try? await registry.store.currentIndex(), stored > registry.view.index {
                        await registry.catchUp(logger: logger)
                    }
                }
            },
        ]
        try? await gracefulShutdown()
        for loop in loops { loop.cancel() }
    }
}
