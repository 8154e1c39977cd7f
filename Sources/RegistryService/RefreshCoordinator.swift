import Logging
import RegionRegistry
import RegistryStore

/// Runs refreshes one at a time: source → snapshot → validate → diff → store (one transaction)
/// → read model. A failing source or an invalid snapshot is recorded as a failed run and changes
/// nothing.
public actor RefreshCoordinator {
    public private(set) var source: any SnapshotSource
    let registry: Registry
    private let logger: Logger
    private var inFlight: Task<RefreshOutcome, any Error>?
    private var observers: [@Sendable (RefreshRun) -> Void] = []
    private let metrics: RegiondMetrics?

    public init(source: any SnapshotSource, registry: Registry, metrics: RegiondMetrics? = nil, logger: Logger) {
        self.metrics = metrics
        self.source = source
        self.registry = registry
        self.logger = logger
    }

    public var isRunning: Bool { inFlight != nil }

    /// Runs one refresh and returns its recorded run.
    ///
    /// Scheduled refreshes (start-up, interval) join one already running. One asked for by a
    /// person (`POST /v1/refresh`, the CLI) waits for it and then runs its own, so it reads the
    /// source as it is now: an operator who just edited the catalog sees the edit applied.
    /// - Throws: only when the store cannot record the run at all.
    public func refresh(trigger: RefreshRun.Trigger) async throws -> RefreshOutcome {
        while let running = inFlight {
            if trigger == .startup || trigger == .interval {
                return RefreshOutcome(run: try await running.value.run, diff: nil)
            }
            _ = try? await running.value
            // Its starter clears this when it resumes; do it now rather than spin until then.
            if inFlight == running { inFlight = nil }
        }
        let task = Task { try await perform(trigger: trigger) }
        inFlight = task
        defer { inFlight = nil }
        // The run is a task of its own (others join it); cancelling its starter (shutdown)
        // cancels it, so AWS calls stop instead of running on after the daemon said it stopped.
        let outcome = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        for observer in observers { observer(outcome.run) }
        return outcome
    }

    /// Calls `observer` with every run this coordinator finishes (sd_notify status lines).
    public func onFinished(_ observer: @escaping @Sendable (RefreshRun) -> Void) {
        observers.append(observer)
    }

    /// Replaces the source for later refreshes (configuration reload).
    public func replaceSource(_ source: any SnapshotSource) {
        self.source = source
    }

    private func perform(trigger: RefreshRun.Trigger) async throws -> RefreshOutcome {
        let source = self.source
        let run = try await registry.beginRun(source: source.name, trigger: trigger)
        let started = ContinuousClock.now
        let timed: TimedRefresh, reading: Duration
        do {
            let snapshot = try await source.snapshot()
            reading = ContinuousClock.now - started
            timed = try await registry.apply(snapshot, run: run)
        } catch {
            let failed = try await registry.failRun(run, error: RefreshFailure.message(for: error))
            metrics?.refreshFinished(failed, duration: ContinuousClock.now - started)
            logger.error("refresh failed; the registry keeps what it knew", metadata: [
                "source": "\(source.name)", "trigger": "\(trigger.rawValue)", "error": "\(error)",
            ])
            return RefreshOutcome(run: failed, diff: nil)
        }
        // Committed, and the read model follows it (see `Registry.apply`).
        let applied = timed.applied
        metrics?.refreshFinished(applied.run, duration: ContinuousClock.now - started)
        MemoryRelease.afterLargeWork()
        let level: Logger.Level = switch applied.run.outcome {
        case .succeeded: .info
        case .partial: .warning
        default: .error
        }
        logger.log(level: level, "refresh \(applied.run.outcome.rawValue)", metadata: [
            "source": "\(source.name)", "trigger": "\(trigger.rawValue)", "added": "\(applied.run.added)",
            "changed": "\(applied.run.changed)", "removed": "\(applied.run.removed)",
            "index": "\(registry.view.index)", "duration": "\(ContinuousClock.now - started)",
            "read_ms": "\(Self.milliseconds(reading))", "diff_ms": "\(Self.milliseconds(timed.diffing))",
            "write_ms": "\(Self.milliseconds(timed.writing))",
        ])
        return RefreshOutcome(run: applied.run, diff: applied.diff)
    }
}

extension RefreshCoordinator {
    static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

/// A finished refresh: its run, and its diff when this caller ran it and it succeeded.
public struct RefreshOutcome: Sendable {
    public var run: RefreshRun
    public var diff: RegistryDiff?
}

/// What a failed run records (and `GET /v1/refresh` shows, unauthenticated): the full text of
/// errors written for operators (catalog and snapshot problems), a generic line for the rest,
/// whose text (SQL, internals) goes to the log only.
enum RefreshFailure {
    static func message(for error: any Error) -> String {
        if let error = error as? any OperatorFacingError { return error.description }
        return "internal error during refresh (\(type(of: error))); see the regiond log"
    }
}
