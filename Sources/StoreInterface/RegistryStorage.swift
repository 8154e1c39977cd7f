import CivilTime
import Foundation
import RegionRegistry
import RegistryHealth

/// What the service layer needs from a database, whichever engine holds it: SQLite embedded in
/// one daemon (`SQLiteStore`), or PostgreSQL shared by a fleet (`PostgresStore`). Every method is
/// one transaction; a write that logs changes says where the change log was before and after it.
public protocol RegistryStorage: AnyObject, Sendable {
    /// Which engine, for `/v1/status` and logs.
    var engine: StoreEngine { get }

    // Read model and change log.
    /// Everything stored about the registry and the index it reflects, read together.
    func loadView() async throws -> RegistryView
    /// The newest change-log index (1 for an empty log).
    func currentIndex() async throws -> Int64
    /// Entries after `index`, oldest first, at most `limit`, and the newest index, read together.
    func changePage(since index: Int64, limit: Int) async throws -> (changes: [LoggedChange], index: Int64)

    // Refresh runs.
    func beginRun(source: String, trigger: RefreshRun.Trigger) async throws -> RefreshRun
    func failRun(_ run: RefreshRun, error: String) async throws -> RefreshRun
    /// Runs left `running` by a process that died are marked failed; returns how many.
    @discardableResult func abandonInterruptedRuns() async throws -> Int
    func recentRuns(limit: Int) async throws -> [RefreshRun]
    func lastSuccessfulRun() async throws -> RefreshRun?
    func regionStatuses() async throws -> [RegionRefreshStatus]
    /// Writes a refresh in one transaction: entity writes, one change-log entry per change, the
    /// run and its region reports. Throws `StoreError.changedMeanwhile` (writing nothing) when the
    /// log moved past `basedOn`.
    func apply(_ diff: RegistryDiff, reports: [RegionReport], run: RefreshRun, basedOn index: Int64, at now: String) async throws -> RefreshRun

    // Operator grants.
    func setManualGrant(modelId: String, region: String, status: AccessGrant.Status, note: String?) async throws -> LoggedWrite<AccessGrant>
    @discardableResult func removeManualGrant(modelId: String, region: String) async throws -> LoggedWrite<GrantID>

    // Health.
    func insertSamples(_ samples: [HealthSample]) async throws
    /// Deletes samples observed before `cutoff` (at most `limit` per call where the engine deletes
    /// rows; callers loop until it returns 0).
    func pruneSamples(before cutoff: Date, limit: Int) async throws -> Int
    func sampleCount() async throws -> Int
    func saveRollups(_ rollups: [MinuteRollup]) async throws
    func rollups(since minute: Int64) async throws -> [MinuteRollup]
    func pruneRollups(beforeMinute minute: Int64, limit: Int) async throws -> Int
    @discardableResult func recordHealth(_ transitions: [HealthTransition], states: [HealthKey: TrackedHealth]) async throws -> LoggedWrite<Int>
    func healthStates() async throws -> [HealthKey: TrackedHealth]

    // Schema and lifetime.
    func appliedMigrations() async throws -> [(version: Int, name: String)]
    /// True when every migration this binary has is applied and the history matches (readiness).
    func isSchemaCurrent() async -> Bool
    /// Sizes of the database file and its write-ahead log; nil when the database is not a file here.
    func fileSizes() -> (database: Int64, wal: Int64)?
    /// Closes the database; with `checkpoint`, first leaves it whole in its main file where that means something.
    func close(checkpoint: Bool) async throws
}

public enum StoreEngine: String, Sendable {
    case sqlite, postgres
}

public enum StoreOpenMode: Sendable {
    /// Create the database if needed and apply pending migrations (the daemon, `migrate`, `refresh`).
    case migrate
    /// Open an existing database whose schema is current; never create or migrate (read-only CLI).
    case existingOnly
}

/// What one applied snapshot did.
public struct AppliedRefresh: Sendable {
    public var diff: RegistryDiff
    public var run: RefreshRun

    public init(diff: RegistryDiff, run: RefreshRun) {
        self.diff = diff
        self.run = run
    }
}

extension RegistryStorage {
    public func recentRuns() async throws -> [RefreshRun] { try await recentRuns(limit: 20) }
    public func pruneSamples(before cutoff: Date) async throws -> Int { try await pruneSamples(before: cutoff, limit: 2_000) }
    public func pruneRollups(beforeMinute minute: Int64) async throws -> Int { try await pruneRollups(beforeMinute: minute, limit: 5_000) }

    /// Change-log entries after `index`, oldest first, at most `limit`.
    public func changes(since index: Int64, limit: Int) async throws -> [LoggedChange] {
        try await changePage(since: index, limit: limit).changes
    }

    /// Diffs `snapshot` against what is stored now and applies it (tools and tests; the daemon
    /// diffs against its read model). A snapshot whose every region failed is recorded as a
    /// failed run and applies nothing.
    public func apply(_ snapshot: Snapshot, run: RefreshRun) async throws -> AppliedRefresh {
        try snapshot.validate()
        let view = try await loadView()
        let failed = RefreshRun.Outcome(regionReports: snapshot.regionReports) == .failed
        let diff = failed ? RegistryDiff(entries: []) : RegistryDiff(from: view.state, to: snapshot)
        let finished = try await apply(diff, reports: snapshot.regionReports, run: run, basedOn: view.index, at: Timestamp.now())
        return AppliedRefresh(diff: diff, run: finished)
    }
}
