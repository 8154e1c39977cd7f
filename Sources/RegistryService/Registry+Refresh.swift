import Foundation
import RegionRegistry
import RegistryStore

extension Registry {
    /// Records that a refresh started, so a crash mid-run still leaves a trace.
    func beginRun(source: String, trigger: RefreshRun.Trigger) async throws -> RefreshRun {
        try await store.beginRun(source: source, trigger: trigger)
    }

    /// Applies a snapshot in one transaction with its run's outcome (see `RegistryStore.apply`).
    func apply(_ snapshot: Snapshot, run: RefreshRun) async throws -> AppliedRefresh {
        try await store.apply(snapshot, run: run)
    }

    /// Records a failed run; the registry itself is untouched.
    func failRun(_ run: RefreshRun, error: String) async throws -> RefreshRun {
        try await store.failRun(run, error: error)
    }

    /// Runs left `running` by a process that died are marked failed (at daemon start-up only: a
    /// CLI refresh beside a running daemon must not touch the daemon's run).
    @discardableResult
    public func abandonInterruptedRuns() async throws -> Int {
        try await store.abandonInterruptedRuns()
    }

    /// The newest run, finished or not.
    public func lastRun() async throws -> RefreshRun? {
        try await store.recentRuns(limit: 1).first
    }

    /// Recent runs, per-region results and staleness, by the domain's staleness rule.
    public func refreshStatus(staleAfter: Duration, now: Date = Date(), runs limit: Int = 20) async throws -> RefreshStatus {
        RefreshStatus(runs: try await store.recentRuns(limit: limit), lastSuccess: try await store.lastSuccessfulRun(),
                      regionStatuses: try await store.regionStatuses(), staleAfter: staleAfter, now: now)
    }
}
