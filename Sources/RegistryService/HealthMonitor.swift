import Foundation
import Logging
import RegionRegistry
import RegistryHealth
import Synchronization

/// The in-memory side of health: samples are committed to the store (`SampleIngestQueue`), then
/// land in rolling minute buckets (queries never touch SQLite). Evaluations turn window
/// figures into states with hysteresis; transitions go to the change log (`HealthMonitor+Upkeep`).
public final class HealthMonitor: Sendable {
    struct Live {
        /// The samples this replica received.
        var aggregator = HealthAggregator(retainMinutes: 61)
        /// In a fleet: every other replica's minute rollups as last read from the store, by replica.
        var peers: [String: HealthAggregator] = [:]
        var tracker: HealthStateTracker

        /// Every key with samples here or at a peer.
        var sampledKeys: Set<HealthKey> {
            peers.values.reduce(into: Set(aggregator.keys)) { $0.formUnion($1.keys) }
        }

        /// A key's figures over the window: this replica's samples and every peer's, merged.
        func stats(for key: HealthKey, window: HealthWindow, now: Date) -> HealthStats {
            var bucket = aggregator.bucket(for: key, window: window, now: now)
            for peer in peers.values { bucket.merge(peer.bucket(for: key, window: window, now: now)) }
            return HealthStats(bucket)
        }
    }

    let registry: Registry
    let metrics: RegiondMetrics?
    let logger: Logger
    let live: Mutex<Live>
    let queue = SampleIngestQueue()
    let views = HealthViewCache()
    private let settingsBox: Mutex<HealthSettings>

    public init(registry: Registry, settings: HealthSettings, metrics: RegiondMetrics?, logger: Logger) {
        self.registry = registry
        self.metrics = metrics
        self.logger = logger
        self.settingsBox = Mutex(settings)
        self.live = Mutex(Live(tracker: HealthStateTracker(thresholds: settings.thresholds)))
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

    /// Stores a validated batch (sharing a transaction with batches arriving alongside), then
    /// counts it in the windows. Returns false when the store refused it: then nothing of it was
    /// stored or counted, and the sender may send it again.
    public func accept(_ samples: [HealthSample]) async -> Bool {
        let registry = self.registry
        let stored = await queue.store(samples) { batch in try await registry.storeSamples(batch) }
        guard stored else {
            logger.error("could not store a batch of health samples; the sender was told to retry", metadata: ["samples": "\(samples.count)"])
            return false
        }
        live.withLock { $0.aggregator.record(samples) }
        for (origin, count) in Dictionary(grouping: samples, by: \.origin).mapValues(\.count) {
            metrics?.samplesIngested(count, origin: origin)
        }
        return true
    }

    /// A key's figures: from the per-request view for the thresholds' window, computed for others.
    public func stats(for key: HealthKey, window: HealthWindow? = nil) -> HealthStats {
        let current = currentView()
        guard let window, window != current.window else { return current.stats(for: key) }
        return live.withLock { $0.stats(for: key, window: window, now: Date()) }
    }

    public func health(of key: HealthKey) -> TrackedHealth {
        currentView().entries[key]?.health ?? live.withLock { $0.tracker.health(of: key) }
    }

    /// The per-request view (see `HealthViewCache`).
    public func currentView() -> HealthView {
        views.current {
            let window = settings.thresholds.window
            return (window, summary(window: window))
        }
    }

    /// Every key with samples or a state: its state and its figures for `window`.
    public func summary(window: HealthWindow, now: Date = Date()) -> [(key: HealthKey, health: TrackedHealth, stats: HealthStats)] {
        live.withLock { live in
            let keys = live.sampledKeys.union(live.tracker.all.keys).sorted()
            return keys.map { ($0, live.tracker.health(of: $0), live.stats(for: $0, window: window, now: now)) }
        }
    }
}
