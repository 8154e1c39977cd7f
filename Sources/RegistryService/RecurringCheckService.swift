import Logging
import RegionRegistry
import ServiceLifecycle
import Synchronization

/// Runs a check of the registry's routes (the IAM policy simulator's) when the registry is first
/// loaded, after every refresh this replica finishes that changed something or that a person asked for, and at least every `interval`: policies
/// change in IAM without a refresh here, and a fleet follower never refreshes itself.
/// One check at a time; refreshes finishing during one make one more, not a queue.
public struct RecurringCheckService: Service {
    let registry: Registry
    let interval: Duration
    let finishedRefreshes: RefreshTally
    let work: @Sendable (RegistryView) async -> Void

    /// - Parameter work: the check; it reports its own results (it cannot fail the daemon).
    public init(refresher: RefreshCoordinator, interval: Duration, work: @escaping @Sendable (RegistryView) async -> Void) async {
        let tally = RefreshTally()
        // A refresh that changed something is worth a check, and one a person asked for (they may
        // have just changed a policy); a scheduled one that changed nothing is not.
        await refresher.onFinished { run in
            let applied = run.outcome == .succeeded || run.outcome == .partial
            if applied, run.trigger == .manual || run.added + run.changed + run.removed > 0 { tally.add() }
        }
        self.registry = refresher.registry
        self.interval = interval
        self.finishedRefreshes = tally
        self.work = work
    }

    public func run() async throws {
        var checkedAfter = -1
        var lastCheck = ContinuousClock.now
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            let refreshes = finishedRefreshes.count
            let view = registry.view
            if !view.profiles.isEmpty, refreshes != checkedAfter || ContinuousClock.now - lastCheck >= interval {
                checkedAfter = refreshes
                // Shutdown cancels a check under way (it publishes nothing then) instead of waiting for it.
                await cancelWhenGracefulShutdown { await work(view) }
                if Task.isCancelled || Task.isShuttingDownGracefully { return }
                lastCheck = .now  // after it: a check longer than the interval must not start the next at once
            }
            // A cheap look each second: a finished refresh is picked up within one.
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(1)) } } catch { return }
        }
    }
}

/// How many refreshes have finished with something applied.
final class RefreshTally: Sendable {
    private let value = Mutex(0)
    var count: Int { value.withLock { $0 } }
    func add() { value.withLock { $0 += 1 } }
}
