import Foundation
import Logging
import ServiceLifecycle

/// Runs the health pipeline's background work until shutdown: stores queued samples (every
/// 250 ms, or at once when many wait), evaluates states and saves minute rollups every
/// evaluation interval, prunes past retention every 10 minutes. At shutdown it stores what is
/// still queued.
public struct HealthService: Service {
    let monitor: HealthMonitor

    public init(monitor: HealthMonitor) {
        self.monitor = monitor
    }

    public func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await writer() }
            group.addTask { await every(monitor.settings.evaluationInterval) { await monitor.saveRollups(); await monitor.evaluate() } }
            group.addTask { await every(.seconds(600)) { await monitor.pruneStore() } }
            await group.waitForAll()
        }
        await monitor.flush()
        await monitor.saveRollups()
    }

    private func writer() async {
        await withTaskCancellationHandler {
            await withGracefulShutdownHandler {
                await withTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await _ in monitor.queue.wakes { await monitor.flush() }
                    }
                    group.addTask {
                        while !Task.isCancelled {
                            try? await Task.sleep(for: .milliseconds(250))
                            monitor.queue.wake.yield()
                        }
                    }
                    await group.next()
                    group.cancelAll()
                }
            } onGracefulShutdown: {
                monitor.queue.finish()
            }
        } onCancel: {
            monitor.queue.finish()
        }
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
