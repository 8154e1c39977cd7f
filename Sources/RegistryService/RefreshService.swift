import Logging
import RegionRegistry
import ServiceLifecycle

/// Refreshes at start and then every interval (±10% jitter, so a fleet of daemons does not hit
/// a source in step), until graceful shutdown. The interval is read anew before each wait, so a
/// reload's new interval applies from the next wait on.
public struct RefreshService: Service {
    public let coordinator: RefreshCoordinator
    public let schedule: RefreshSchedule
    private let logger: Logger

    public init(coordinator: RefreshCoordinator, schedule: RefreshSchedule, logger: Logger) {
        self.coordinator = coordinator
        self.schedule = schedule
        self.logger = logger
    }

    public func run() async throws {
        await refresh(.startup)
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let delay = Self.jittered(schedule.interval)
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            } catch {
                return  // cancelled: shutting down
            }
            await refresh(.interval)
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
