import Logging
import RegionRegistry
import ServiceLifecycle
import Synchronization

/// Runs a check of the registry's routes (the IAM policy simulator's) when the registry is first
/// loaded, after every refresh this replica finishes, and at least every `interval`: policies
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
        await refresher.onFinished { run in if run.outcome == .succeeded || run.outcome == .partial { tally.add() } }
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
                (checkedAfter, lastCheck) = (refreshes, .now)
                await work(view)
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
