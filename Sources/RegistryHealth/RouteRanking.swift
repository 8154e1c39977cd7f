import RegionRegistry

/// Orders a route's destinations for use now.
public enum RouteRanking {
    /// Usable destinations first, then the unusable ones (denied or unhealthy: listed last, never
    /// dropped, each with why). Within each group: access granted, then unknown, then denied; then
    /// health healthy < unknown < degraded < unhealthy; then lower throttle rate; then lower p95
    /// (none last); then region code.
    ///
    /// `health` and `stats` are looked up by region × model key; a model with no state of its own
    /// in a region (`unknown`) takes the region-wide state, and the reason says so.
    public static func rank(_ access: RouteAccess, health: (HealthKey) -> TrackedHealth, stats: (HealthKey) -> HealthStats) -> [RankedDestination] {
        let unranked = access.destinations.map { destination in
            describe(destination, modelId: access.modelId, health: health, stats: stats)
        }
        return unranked.sorted(by: precedes).enumerated().map { offset, destination in
            var ranked = destination
            ranked.rank = offset + 1
            return ranked
        }
    }

    private static func describe(
        _ destination: RouteAccess.Destination, modelId: String,
        health: (HealthKey) -> TrackedHealth, stats: (HealthKey) -> HealthStats
    ) -> RankedDestination {
        let key = HealthKey(region: destination.region, modelId: modelId)
        var tracked = health(key)
        var fromRegion = false
        if tracked.state == .unknown {
            let regionWide = health(key.regionKey)
            if regionWide.state != .unknown {
                tracked = regionWide
                fromRegion = true
            }
        }
        let keyStats = stats(key)
        let usable = destination.status != .denied && tracked.state != .unhealthy
        return RankedDestination(
            region: destination.region, rank: 0, access: destination.status, accessState: destination.grant?.state, health: tracked.state,
            healthFromRegion: fromRegion, stats: keyStats, usable: usable,
            reason: reason(destination, tracked, fromRegion: fromRegion, stats: keyStats))
    }

    private static func reason(_ destination: RouteAccess.Destination, _ tracked: TrackedHealth, fromRegion: Bool, stats: HealthStats) -> String {
        let scope = fromRegion ? " (region-wide)" : ""
        let unhealthy = "unhealthy\(scope): \(tracked.reason)"
        switch (destination.status, tracked.state) {
        case (.denied, .unhealthy):
            return "\(denial(destination.grant)); \(unhealthy)"
        case (.denied, _):
            return denial(destination.grant)
        case (_, .unhealthy):
            return unhealthy
        default:
            var parts = [destination.status == .granted ? "granted" : "access unknown (no grant recorded)"]
            switch tracked.state {
            case .healthy: parts.append("healthy\(scope)")
            case .degraded: parts.append("degraded\(scope) (\(tracked.reason))")
            default: parts.append("health unknown")
            }
            if stats.count > 0 {
                parts.append("\(Formatting.percent(stats.throttleRate)) throttled")
                if let p95 = stats.p95 { parts.append("p95 \(Formatting.duration(milliseconds: p95))") }
            }
            return parts.joined(separator: ", ")
        }
    }

    /// "access denied in this region (manual grant: ticket 42)", "… (aws: NOT_AUTHORIZED, NOT_AVAILABLE)".
    private static func denial(_ grant: AccessGrant?) -> String {
        let base = "access denied in this region"
        guard let grant else { return base }
        switch grant.origin {
        case .manual:
            return grant.note.map { "\(base) (manual grant: \($0))" } ?? "\(base) (manual grant)"
        case .aws:
            let facts = [grant.authorizationStatus, grant.entitlementAvailability, grant.regionAvailability, grant.agreementStatus]
                .compactMap { $0 }
            return facts.isEmpty ? "\(base) (aws)" : "\(base) (aws: \(facts.joined(separator: ", ")))"
        }
    }

    private static func precedes(_ a: RankedDestination, _ b: RankedDestination) -> Bool {
        if a.usable != b.usable { return a.usable }
        if a.access != b.access { return accessPreference(a.access) < accessPreference(b.access) }
        if a.health != b.health { return a.health.preference < b.health.preference }
        if a.stats.throttleRate != b.stats.throttleRate { return a.stats.throttleRate < b.stats.throttleRate }
        switch (a.stats.p95, b.stats.p95) {
        case (let x?, let y?) where x != y: return x < y
        case (.some, nil): return true
        case (nil, .some): return false
        default: return a.region < b.region
        }
    }

    private static func accessPreference(_ status: AccessGrant.Status) -> Int {
        switch status {
        case .granted: 0
        case .unknown: 1
        case .denied: 2
        }
    }
}
