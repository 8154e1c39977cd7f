import Logging
import RegionRegistry
import RegistryStore

/// Runs refreshes one at a time: source → snapshot → validate → diff → store (one transaction)
/// → read model. A refresh asked for while one runs joins it instead of starting another.
/// A failing source or an invalid snapshot is recorded as a failed run and changes nothing.
public actor RefreshCoordinator {
    public private(set) var source: any SnapshotSource
    private let registry: Registry
    private let logger: Logger
    private var inFlight: Task<RefreshRun, any Error>?

    public init(source: any SnapshotSource, registry: Registry, logger: Logger) {
        self.source = source
        self.registry = registry
        self.logger = logger
    }

    public var isRunning: Bool { inFlight != nil }

    /// Runs one refresh, or waits for the one already running, and returns its recorded run.
    /// - Throws: only when the store cannot record the run at all.
    public func refresh(trigger: RefreshRun.Trigger) async throws -> RefreshOutcome {
        if let inFlight { return .init(run: try await inFlight.value, diff: nil) }
        let task = Task { try await perform(trigger: trigger) }
        inFlight = Task { try await task.value.run }
        defer { inFlight = nil }
        return try await task.value
    }

    /// Replaces the source for later refreshes (configuration reload).
    public func replaceSource(_ source: any SnapshotSource) {
        self.source = source
    }

    private func perform(trigger: RefreshRun.Trigger) async throws -> RefreshOutcome {
        let source = self.source
        let run = try await registry.store.beginRun(source: source.name, trigger: trigger)
        let started = ContinuousClock.now
        do {
            let snapshot = try await source.snapshot()
            let applied = try await registry.store.apply(snapshot, run: run)
            try await registry.reload()
            logger.info("refresh succeeded", metadata: [
                "source": "\(source.name)", "trigger": "\(trigger.rawValue)", "added": "\(applied.run.added)",
                "changed": "\(applied.run.changed)", "removed": "\(applied.run.removed)",
                "index": "\(registry.view.index)", "duration": "\(ContinuousClock.now - started)",
            ])
            return .init(run: applied.run, diff: applied.diff)
        } catch {
            let failed = try await registry.store.failRun(run, error: "\(error)")
            logger.error("refresh failed; the registry keeps what it knew", metadata: [
                "source": "\(source.name)", "trigger": "\(trigger.rawValue)", "error": "\(error)",
            ])
            return .init(run: failed, diff: nil)
        }
    }
}

/// A finished refresh: its run, and its diff when it succeeded and this caller started it.
public struct RefreshOutcome: Sendable {
    public var run: RefreshRun
    public var diff: RegistryDiff?
}
