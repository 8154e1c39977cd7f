import RegionRegistry

/// One destination of a route, with what decides whether to send work there now.
public struct RankedDestination: Sendable, Hashable {
    public var region: String
    /// 1 = use first.
    public var rank: Int
    public var access: AccessGrant.Status
    /// What AWS said (or `manual`); nil when no grant is known.
    public var accessState: AccessGrant.State?
    /// The region × model state, or the region's state when the model has none (`healthFromRegion`).
    public var health: HealthState
    /// True when `health` is the region-wide state, because the model had none of its own.
    public var healthFromRegion: Bool
    /// Region × model stats over the thresholds' window.
    public var stats: HealthStats
    /// Access granted or unknown, and not unhealthy.
    public var usable: Bool
    /// "granted, healthy, 0.4% throttled, p95 820 ms", "access denied in this region (manual grant:
    /// ticket 42)", "unhealthy: error rate 31% ≥ 25%".
    public var reason: String

    public init(region: String, rank: Int, access: AccessGrant.Status, accessState: AccessGrant.State? = nil, health: HealthState,
                healthFromRegion: Bool = false, stats: HealthStats, usable: Bool, reason: String) {
        self.region = region
        self.rank = rank
        self.access = access
        self.accessState = accessState
        self.health = health
        self.healthFromRegion = healthFromRegion
        self.stats = stats
        self.usable = usable
        self.reason = reason
    }
}
