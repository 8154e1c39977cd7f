import CivilTime
import Foundation
import RegionRegistry
import RegistryStore

extension Registry {
    /// Records that a refresh started, so a crash mid-run still leaves a trace.
    func beginRun(source: String, trigger: RefreshRun.Trigger) async throws -> RefreshRun {
        try await store.beginRun(source: source, trigger: trigger)
    }

    /// Applies a snapshot: diffed against the read model (not read back from the store), written
    /// in one transaction with its run's outcome, and followed in memory. A snapshot whose every
    /// region failed is recorded as a failed run and applies nothing. When another writer moved
    /// the store meanwhile, the registry is read again and the snapshot diffed once more.
    func apply(_ snapshot: Snapshot, run: RefreshRun) async throws -> TimedRefresh {
        try snapshot.validate()
        let failed = RefreshRun.Outcome(regionReports: snapshot.regionReports) == .failed
        return try await writes.run {
            do {
                return try await applyOnce(snapshot, failed: failed, run: run)
            } catch StoreError.changedMeanwhile {
                try await reload()
                return try await applyOnce(snapshot, failed: failed, run: run)
            }
        }
    }

    private func applyOnce(_ snapshot: Snapshot, failed: Bool, run: RefreshRun) async throws -> TimedRefresh {
        let base = view
        let started = ContinuousClock.now
        let diff = failed ? RegistryDiff(entries: []) : RegistryDiff(from: base.state, to: snapshot)
        let diffed = ContinuousClock.now
        let now = Timestamp.now()
        let finished = try await store.apply(diff, reports: snapshot.regionReports, run: run, basedOn: base.index, at: now)
        if let index = finished.index { publish(diff.entries.map(\.mutation), at: now, index: index, over: base) }
        return TimedRefresh(applied: AppliedRefresh(diff: diff, run: finished), diffing: diffed - started, writing: ContinuousClock.now - diffed)
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
    /// The latest run; while a fleet replica does not hear the shared database, the last it read.
    public func lastRun() async throws -> RefreshRun? {
        try await remembered.lastRun(fresh: fleet.snapshot.lostSince == nil) { [store] in try await store.recentRuns(limit: 1).first }
    }

    /// Recent runs, per-region results and staleness, by the domain's staleness rule.
    /// …while a fleet replica does not hear the shared database, as last read.
    public func refreshStatus(staleAfter: Duration, now: Date = Date(), runs limit: Int = 20) async throws -> RefreshStatus {
        let parts = try await remembered.refreshParts(fresh: fleet.snapshot.lostSince == nil) { [store] in
            RememberedReads.RefreshParts(runs: try await store.recentRuns(limit: limit), lastSuccess: try await store.lastSuccessfulRun(),
                                         regionStatuses: try await store.regionStatuses())
        }
        return RefreshStatus(runs: parts.runs, lastSuccess: parts.lastSuccess, regionStatuses: parts.regionStatuses, staleAfter: staleAfter, now: now)
    }
}

/// An applied refresh and where its time went (for the log line operators and benchmarks read).
struct TimedRefresh: Sendable {
    var applied: AppliedRefresh
    var diffing: Duration
    /// The transaction and the read model's update.
    var writing: Duration
}
