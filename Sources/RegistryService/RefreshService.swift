import Logging
import RegionRegistry
import ServiceLifecycle

/// Refreshes at start and then every interval (±10% jitter, so a fleet of daemons does not hit
/// a source in step), until graceful shutdown. The interval is read anew before each wait, so a
/// reload's new interval applies from the next wait on.
public struct RefreshService: Service {
    public let coordinator: RefreshCoordinator
    /// In a fleet only the leader refreshes; a lone daemon always leads.
    private var fleet: FleetState { coordinator.registry.fleet }
    public let schedule: RefreshSchedule
    private let logger: Logger

    public init(coordinator: RefreshCoordinator, schedule: RefreshSchedule, logger: Logger) {
        self.coordinator = coordinator
        self.schedule = schedule
        self.logger = logger
    }

    /// Refreshes at start (or, in a fleet, as soon as this replica leads), then every interval
    /// while it leads.
    public func run() async throws {
        var trigger = RefreshRun.Trigger.startup
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            guard (try? await cancelWhenGracefulShutdown({ await fleet.waitUntilLeading() })) == true else { return }
            await refresh(trigger)
            trigger = .interval
            let delay = Self.jittered(schedule.interval)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            } catch {
                return  // cancelled: shutting down
            }
        }
    }

    private func refresh(_ trigger: RefreshRun.Trigger) async {
        do {
            _ = try await coordinator.refresh(trigger: trigger)
        } catch {
            // The store could not even record the run; keep serving what is known and retry next time.
            logger.error("refresh could not be recorded", metadata: ["error": "\(error)"])
        }
    }

    /// `interval` ± 10%.
    static func jittered(_ interval: Duration) -> Duration {
        interval * Double.random(in: 0.9...1.1)
    }
}
