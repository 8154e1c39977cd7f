import RegistryHealth
import Synchronization

/// Keeps the per-request `HealthView`: samples arrive continuously, and merging a key's minute
/// sketches on every request costs more than the request itself, so ranking figures may be up
/// to `maxAge` old.
final class HealthViewCache: Sendable {
    static let maxAge: Duration = .milliseconds(500)

    private let view = Mutex<HealthView?>(nil)
    private let generations = Mutex<UInt64>(0)

    /// The cached view, or a new one from `build` when it is older than `maxAge` or invalidated.
    func current(build: () -> (window: HealthWindow, entries: [(key: HealthKey, health: TrackedHealth, stats: HealthStats)])) -> HealthView {
        let now = ContinuousClock.now
        if let view = view.withLock({ $0 }), now - view.builtAt < Self.maxAge { return view }
        let (window, entries) = build()
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

    /// States may have changed: the next request rebuilds.
    func invalidate() {
        view.withLock { $0 = nil }
    }
}
