import Testing
import RegionRegistry
@testable import RegistryHealth

@Suite struct RouteRankingTests {
    typealias F = HealthFixture
    static let destinations = ["ca-central-1", "mx-central-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2"]
    let profile = F.profile("us.sonnet", geo: "us", routes: ["us-east-1": Self.destinations])

    func key(_ region: String) -> HealthKey { HealthKey(region: region, modelId: F.sonnet) }

    /// granted: us-east-1 (healthy, 0.4% throttled), us-east-2 (healthy, 2%), us-west-2 (degraded),
    /// us-west-1 (unhealthy); unknown access: ca-central-1 (healthy only region-wide);
    /// denied by a manual grant: mx-central-1 (healthy).
    func ranked() -> [RankedDestination] {
        let grants = ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].map { F.grant($0, .granted) }
            + [F.grant("mx-central-1", .denied, origin: .manual, note: "ticket 42")]
        let view = F.view(profiles: [profile], grants: grants)
        let access = view.access(for: profile, from: "us-east-1")!
        let health: [HealthKey: TrackedHealth] = [
            key("us-east-1"): F.tracked(.healthy),
            key("us-east-2"): F.tracked(.healthy),
            key("us-west-2"): F.tracked(.degraded, "p95 25 s ≥ 20 s"),
            key("us-west-1"): F.tracked(.unhealthy, "error rate 31% ≥ 25%"),
            HealthKey(region: "ca-central-1"): F.tracked(.healthy),
            key("mx-central-1"): F.tracked(.healthy),
        ]
        let stats: [HealthKey: HealthStats] = [
            key("us-east-1"): F.stats(count: 1000, throttled: 4, p95: 820),
            key("us-east-2"): F.stats(count: 1000, throttled: 20, p95: 700),
            key("us-west-2"): F.stats(count: 100, p95: 25_000),
            key("us-west-1"): F.stats(count: 100, errors: 31, p95: 900),
        ]
        return RouteRanking.rank(access, health: { health[$0] ?? .unknown }, stats: { stats[$0] ?? .empty })
    }

    @Test func ordersUsableFirstThenAccessThenHealth() {
        let ranked = ranked()
        #expect(ranked.map(\.region) == ["us-east-1", "us-east-2", "us-west-2", "ca-central-1", "us-west-1", "mx-central-1"])
        #expect(ranked.map(\.rank) == [1, 2, 3, 4, 5, 6])
        #expect(ranked.map(\.usable) == [true, true, true, true, false, false])
        #expect(ranked.map(\.access) == [.granted, .granted, .granted, .unknown, .granted, .denied])
        #expect(ranked.map(\.health) == [.healthy, .healthy, .degraded, .healthy, .unhealthy, .healthy])
    }

    @Test func reasonsSayWhy() {
        #expect(ranked().map(\.reason) == [
            "granted, healthy, 0.4% throttled, p95 820 ms",
            "granted, healthy, 2% throttled, p95 700 ms",
            "granted, degraded (p95 25 s ≥ 20 s), 0% throttled, p95 25 s",
            "access unknown (no grant recorded), healthy (region-wide)",
            "unhealthy: error rate 31% ≥ 25%",
            "access denied in this region (manual grant: ticket 42)",
        ])
        let fallback = ranked()[3]
        #expect(fallback.healthFromRegion)
        #expect(fallback.stats == .empty)  // the region × model stats, not the region's
    }

    @Test func deniedAndUnhealthyTogetherGiveBothReasons() {
        let view = F.view(profiles: [profile], grants: [F.grant("us-east-1", .denied, authorization: "NOT_AUTHORIZED")])
        let access = view.access(for: profile, from: "us-east-1")!
        let ranked = RouteRanking.rank(access, health: { $0 == key("us-east-1") ? F.tracked(.unhealthy, "throttle rate 60% ≥ 50%") : .unknown },
                                       stats: { _ in .empty })
        #expect(ranked.last?.region == "us-east-1")
        #expect(ranked.last?.reason == "access denied in this region (aws: NOT_AUTHORIZED); unhealthy: throttle rate 60% ≥ 50%")
        #expect(ranked.first?.reason == "access unknown (no grant recorded), health unknown")
    }

    @Test func tiesBreakOnThrottleThenP95ThenRegion() {
        let profile = F.profile("us.sonnet", geo: "us", routes: ["us-east-1": ["us-east-1", "us-east-2", "us-west-1", "us-west-2"]])
        let view = F.view(profiles: [profile], grants: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"].map { F.grant($0, .granted) })
        let stats: [HealthKey: HealthStats] = [
            key("us-east-1"): F.stats(count: 100, p95: nil),
            key("us-east-2"): F.stats(count: 100, p95: 900),
            key("us-west-1"): F.stats(count: 100, p95: 900),
            key("us-west-2"): F.stats(count: 100, throttled: 1, p95: 100),
        ]
        let ranked = RouteRanking.rank(view.access(for: profile, from: "us-east-1")!,
                                       health: { _ in F.tracked(.healthy) }, stats: { stats[$0] ?? .empty })
        #expect(ranked.map(\.region) == ["us-east-2", "us-west-1", "us-east-1", "us-west-2"])
    }
}
