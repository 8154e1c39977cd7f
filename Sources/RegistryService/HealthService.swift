import Foundation
import Logging
import ServiceLifecycle

/// Runs the health pipeline's background work until shutdown: evaluates states and saves minute
/// rollups every evaluation interval, prunes past retention every 10 minutes. (Samples are stored
/// by the requests that bring them, see `SampleIngestQueue`.)
public struct HealthService: Service {
    let monitor: HealthMonitor

    public init(monitor: HealthMonitor) {
        self.monitor = monitor
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await every(monitor.settings.evaluationInterval) { await monitor.saveRollups(); await monitor.evaluate() } }
            group.addTask { await every(.seconds(600)) { await monitor.pruneStore() } }
            await group.waitForAll()
        }
        await monitor.saveRollups()
    }

    private func every(_ interval: Duration, _ work: @Sendable () async -> Void) async {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            await work()
        }
    }
}
