import RegistryHealth

/// What route ranking and resolution read per request: every key's state and figures for the
/// thresholds' window, rebuilt at most every `HealthViewCache.maxAge` rather than merged per request.
public struct HealthView: Sendable {
    let builtAt: ContinuousClock.Instant
    /// Counts rebuilds: answers built from this view may be reused while it stays current.
    public let generation: UInt64
    let window: HealthWindow
    let entries: [HealthKey: (health: TrackedHealth, stats: HealthStats)]

    public func health(of key: HealthKey) -> TrackedHealth {
        entries[key]?.health ?? TrackedHealth(state: .unknown, reason: "no samples")
    }

    public func stats(for key: HealthKey) -> HealthStats {
        entries[key]?.stats ?? .empty
    }

    /// For an API without health: everything unknown.
    public static let empty = HealthView(builtAt: .now, generation: 0, window: .fiveMinutes, entries: [:])
}
