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
            group.addTask { await evaluations() }
            group.addTask { await every(.seconds(600)) { await monitor.pruneStore() } }
            await group.waitForAll()
        }
        await monitor.saveRollups()
    }

    /// Saves rollups and evaluates every evaluation interval. In a fleet rollups are exchanged
    /// twice per interval (save ours, read the others'), so a sample sent to any replica counts in
    /// every replica's figures within one interval: at most half to be saved, half to be read.
    private func evaluations() async {
        let shared = monitor.registry.fleet.isShared
        var evaluateNow = false
        await every(shared ? monitor.settings.evaluationInterval / 2 : monitor.settings.evaluationInterval) {
            await monitor.saveRollups()
            evaluateNow.toggle()
            if !shared || evaluateNow { await monitor.evaluate() }
        }
    }

    private func every(_ interval: Duration, _ work: () async -> Void) async {
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
