import Foundation
import Logging
import RegionRegistry
import RegistryHealth
import RegistryStore
import Synchronization

/// Settings of the health pipeline that a reload may replace.
public struct HealthSettings: Sendable {
    public var thresholds: HealthThresholds
    /// Accept samples naming regions, models or profiles the registry does not know.
    public var acceptUnknown: Bool
    /// Raw samples older than this are pruned (minute rollups are kept 14 days).
    public var sampleRetention: Duration
    public var evaluationInterval: Duration

    public init(thresholds: HealthThresholds = HealthThresholds(), acceptUnknown: Bool = false,
                sampleRetention: Duration = .seconds(86_400), evaluationInterval: Duration = .seconds(60)) {
        self.thresholds = thresholds
        self.acceptUnknown = acceptUnknown
        self.sampleRetention = sampleRetention
        self.evaluationInterval = evaluationInterval
    }

    public static let rollupRetentionMinutes: Int64 = 14 * 24 * 60
}

/// The in-memory side of health: samples land in rolling minute buckets at once (queries never
/// touch SQLite), and are queued for the store, which a writer drains in few transactions.
/// Evaluations turn window figures into states with hysteresis; transitions go to the change log.
public final class HealthMonitor: Sendable {
    struct Live {
        var aggregator = HealthAggregator(retainMinutes: 61)
        var tracker: HealthStateTracker
    }

    /// What route ranking and resolution read per request: every key's state and figures for the
    /// thresholds' window, rebuilt at most every `viewMaxAge` rather than merged per request.
    public struct HealthView: Sendable {
        var builtAt: ContinuousClock.Instant
        /// Counts rebuilds: answers built from this view may be reused while it stays current.
        public var generation: UInt64
        var window: HealthWindow
        var entries: [HealthKey: (health: TrackedHealth, stats: HealthStats)]

        public func health(of key: HealthKey) -> TrackedHealth {
            entries[key]?.health ?? TrackedHealth(state: .unknown, reason: "no samples")
        }

        public func stats(for key: HealthKey) -> HealthStats {
            entries[key]?.stats ?? .empty
        }

        /// For an API without health: everything unknown.
        public static let empty = HealthView(builtAt: .now, generation: 0, window: .fiveMinutes, entries: [:])
    }

    /// How stale ranking figures may be: samples arrive continuously, and merging a key's minute
    /// sketches on every request costs more than the request itself.
    static let viewMaxAge: Duration = .milliseconds(500)
    /// Samples waiting for the store beyond this make `accept` wait for the writer: memory stays
    /// bounded when gateways send faster than SQLite writes.
    static let maxPending = 200_000

    let store: RegistryStore
    let registry: Registry
    let metrics: RegiondMetrics?
    let logger: Logger
    private let live: Mutex<Live>
    private let pending = Mutex<[HealthSample]>([])
    private let view = Mutex<HealthView?>(nil)
    private let generations = Mutex<UInt64>(0)
    private let drained = Mutex<[CheckedContinuation<Void, Never>]>([])
    private let settingsBox: Mutex<HealthSettings>
    let wake: AsyncStream<Void>.Continuation
    let wakes: AsyncStream<Void>
    /// Flush when this many samples wait, else on the next tick.
    static let flushThreshold = 5_000

    public init(store: RegistryStore, registry: Registry, settings: HealthSettings, metrics: RegiondMetrics?, logger: Logger) {
        self.store = store
        self.registry = registry
        self.metrics = metrics
        self.logger = logger
        self.settingsBox = Mutex(settings)
        self.live = Mutex(Live(tracker: HealthStateTracker(thresholds: settings.thresholds)))
        (wakes, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    public var settings: HealthSettings { settingsBox.withLock { $0 } }

    public func updateSettings(_ settings: HealthSettings) {
        settingsBox.withLock { $0 = settings }
        live.withLock { $0.tracker.thresholds = settings.thresholds }
    }

    /// What a batch is checked against: the registry as it is now.
    public func validationContext(now: Date = Date()) -> SampleValidationContext {
        let settings = self.settings
        var context = SampleValidationContext(view: registry.view, acceptUnknown: settings.acceptUnknown, now: now)
        context.maxAge = Double(settings.sampleRetention.components.seconds)
        return context
    }

    /// Takes a validated batch: counted in the windows at once, stored by the writer shortly
    /// after. Waits (backpressure) while the writer is more than `maxPending` samples behind.
    public func accept(_ samples: [HealthSample]) async {
        while pending.withLock({ $0.count }) >= Self.maxPending {
            wake.yield()
            await withCheckedContinuation { continuation in drained.withLock { $0.append(continuation) } }
        }
        live.withLock { $0.aggregator.record(samples) }
        let queued = pending.withLock { queue in
            queue.append(contentsOf: samples)
            return queue.count
        }
        if queued >= Self.flushThreshold { wake.yield() }
        for (origin, count) in Dictionary(grouping: samples, by: \.origin).mapValues(\.count) {
            metrics?.samplesIngested(count, origin: origin)
        }
    }

    /// A key's figures: from the per-request view for the thresholds' window, computed for others.
    public func stats(for key: HealthKey, window: HealthWindow? = nil) -> HealthStats {
        let current = currentView()
        guard let window, window != current.window else { return current.entries[key]?.stats ?? .empty }
        return live.withLock { $0.aggregator.stats(for: key, window: window, now: Date()) }
    }

    public func health(of key: HealthKey) -> TrackedHealth {
        currentView().entries[key]?.health ?? live.withLock { $0.tracker.health(of: key) }
    }

    /// The per-request view, rebuilt when older than `viewMaxAge`.
    public func currentView() -> HealthView {
        let now = ContinuousClock.now
        if let view = view.withLock({ $0 }), now - view.builtAt < Self.viewMaxAge { return view }
        let window = settings.thresholds.window
        let entries = summary(window: window)
        let generation = generations.withLock { value in
            value += 1
            return value
        }
        let fresh = HealthView(builtAt: now, generation: generation, window: window,
                               entries: Dictionary(entries.map { ($0.key, ($0.health, $0.stats)) }, uniquingKeysWith: { a, _ in a }))
        view.withLock { current in
            if (current?.generation ?? 0) < fresh.generation { current = fresh }
        }
        return fresh
    }

    /// Every key with samples or a state: its state and its figures for `window`.
    public func summary(window: HealthWindow, now: Date = Date()) -> [(key: HealthKey, health: TrackedHealth, stats: HealthStats)] {
        live.withLock { live in
            let keys = Set(live.aggregator.keys).union(live.tracker.all.keys).sorted()
            return keys.map { ($0, live.tracker.health(of: $0), live.aggregator.stats(for: $0, window: window, now: now)) }
        }
    }

    // MARK: - Store side

    /// Writes what is queued, in one transaction. On failure the batch goes back to the queue.
    func flush() async {
        let batch = pending.withLock { queue in
            defer { queue.removeAll(keepingCapacity: true) }
            return queue
        }
        guard !batch.isEmpty else { return }
        do {
            try await store.insertSamples(batch)
        } catch {
            pending.withLock { $0.insert(contentsOf: batch, at: 0) }
            logger.error("could not store health samples; will retry", metadata: ["samples": "\(batch.count)", "error": "\(error)"])
        }
        for waiter in drained.withLock({ waiters in defer { waiters = [] }; return waiters }) { waiter.resume() }
    }

    /// One evaluation: window figures → states (with hysteresis) → transitions logged.
    func evaluate(now: Date = Date()) async {
        let (transitions, states) = live.withLock { live -> ([HealthTransition], [HealthKey: TrackedHealth]) in
            let window = live.tracker.thresholds.window
            var stats: [HealthKey: HealthStats] = [:]
            for key in live.aggregator.keys { stats[key] = live.aggregator.stats(for: key, window: window, now: now) }
            let transitions = live.tracker.evaluate(stats, at: now)
            return (transitions, live.tracker.all)
        }
        view.withLock { $0 = nil }  // states may have changed: rebuild on the next request
        let allStates = HealthState.allCases.map(\.rawValue)
        for (key, tracked) in states {
            metrics?.healthState(region: key.region, modelId: key.modelId, state: tracked.state.rawValue, allStates: allStates)
        }
        guard !transitions.isEmpty else { return }
        for transition in transitions {
            metrics?.healthTransition(to: transition.to.rawValue)
            logger.notice("health changed", metadata: [
                "key": "\(transition.key)", "from": "\(transition.from.rawValue)", "to": "\(transition.to.rawValue)",
                "reason": "\(transition.reason)",
            ])
        }
        do {
            _ = try await store.recordHealth(transitions, states: states)
            try await registry.reload()
        } catch {
            logger.error("could not record health transitions", metadata: ["error": "\(error)"])
        }
    }

    /// Persists the minute rollups of the last `minutes` complete minutes (idempotent).
    func saveRollups(now: Date = Date(), minutes: Int64 = 2) async {
        let current = Int64(now.timeIntervalSince1970 / 60)
        let rollups = live.withLock { live in
            ((current - minutes)..<current).flatMap { live.aggregator.rollups(minute: $0) }
        }
        do {
            try await store.saveRollups(rollups)
        } catch {
            logger.error("could not store health rollups", metadata: ["error": "\(error)"])
        }
        live.withLock { $0.aggregator.prune(now: now) }
    }

    /// Drops raw samples past retention and rollups past 14 days, a small batch at a time.
    func pruneStore(now: Date = Date()) async {
        let cutoff = now.addingTimeInterval(-Double(settings.sampleRetention.components.seconds))
        let oldestMinute = Int64(now.timeIntervalSince1970 / 60) - HealthSettings.rollupRetentionMinutes
        do {
            var removed = 0
            while !Task.isCancelled {
                let batch = try await store.pruneSamples(before: cutoff)
                removed += batch
                if batch == 0 { break }
                await Task.yield()  // let queued writes and reads in between
            }
            while !Task.isCancelled, try await store.pruneRollups(beforeMinute: oldestMinute) > 0 {
                await Task.yield()
            }
            if removed > 0 { logger.info("pruned health samples past retention", metadata: ["samples": "\(removed)"]) }
        } catch {
            logger.error("could not prune health samples", metadata: ["error": "\(error)"])
        }
    }

    /// After a restart: the last hour of rollups and the states, so windows and hysteresis
    /// continue instead of starting from nothing.
    public func restore(now: Date = Date()) async throws {
        let since = Int64(now.timeIntervalSince1970 / 60) - 60
        let rollups = try await store.rollups(since: since)
        let states = try await store.healthStates()
        live.withLock { live in
            live.aggregator.restore(rollups)
            live.tracker.restore(states)
        }
    }
}
