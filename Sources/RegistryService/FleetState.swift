import CivilTime
import Foundation
import RegionRegistry
import StoreInterface
import Synchronization

/// This replica's place in a fleet: whether it leads (refreshes, probes, prunes) and whether it
/// still hears the shared database. A daemon on its own SQLite file always leads.
public final class FleetState: Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var engine: StoreEngine
        public var leader: Bool
        /// `host:pid`: which replica this is, in status and logs.
        public var replica: String
        public var leaderSince: String?
        /// Since when this replica has not heard the shared database (nil: it hears it).
        public var lostSince: Date?
        public var lostReason: String?
    }

    private let state: Mutex<Snapshot>
    private let staleAfterSetting = Mutex<Duration>(.seconds(30))
    /// How long without the shared database before `/readyz` says stale (set by `FleetService`).
    public internal(set) var staleAfter: Duration {
        get { staleAfterSetting.withLock { $0 } }
        set { staleAfterSetting.withLock { $0 = newValue } }
    }

    /// Whether the store is shared by a fleet (PostgreSQL) rather than this daemon's own file.
    public let isShared: Bool

    /// The name this replica's health rollups are saved under: its `host:pid` in a fleet, ""
    /// on a single node (whose rows then stay its own across restarts).
    var rollupReplica: String { isShared ? snapshot.replica : "" }

    init(engine: StoreEngine, shared: Bool) {
        isShared = shared
        let host = ProcessInfo.processInfo.hostName
        state = Mutex(Snapshot(engine: engine, leader: !shared, replica: "\(host):\(getpid())",
                               leaderSince: shared ? nil : Timestamp.now(), lostSince: nil, lostReason: nil))
    }

    public var snapshot: Snapshot { state.withLock { $0 } }
    public var isLeader: Bool { state.withLock { $0.leader } }

    func setLeader(_ leader: Bool) {
        state.withLock { state in
            guard state.leader != leader else { return }
            state.leader = leader
            state.leaderSince = leader ? Timestamp.now() : nil
        }
    }

    func connectionLost(_ reason: String) {
        state.withLock { state in
            if state.lostSince == nil { state.lostSince = Date() }
            state.lostReason = reason
        }
    }

    func connected() {
        state.withLock { state in
            state.lostSince = nil
            state.lostReason = nil
        }
    }

    /// Refuses a write at once while this replica does not hear the shared database (instead of
    /// holding the client for the call deadline): nothing would be written.
    func requireDatabase() throws {
        if let reason = state.withLock({ $0.lostSince == nil ? nil : ($0.lostReason ?? "connection lost") }) {
            throw RegistryError.storeUnavailable(reason)
        }
    }

    /// Returns once this replica leads (at once for a daemon on its own), or false when
    /// cancelled or shutting down first.
    func waitUntilLeading(poll: Duration = .milliseconds(200)) async -> Bool {
        while !isLeader {
            do { try await Task.sleep(for: poll) } catch { return false }
        }
        return !Task.isCancelled
    }
}
