extension HealthSettings {
    /// When a key counts as healthy, degraded or unhealthy, and how steady a verdict must be before
    /// the state changes. Every rate or latency limit is inclusive: reaching it is enough.
    public struct Thresholds: Sendable, Hashable {
        /// Fewer samples than this in the window → `unknown` (default 10): a handful of requests says
        /// little, and one failure among three is not a 33 % error rate worth acting on.
        public var minimumSamples = 10
        /// Error rate ((errors + timeouts) / count) at which a key is degraded (default 5 %).
        public var degradedErrorRate = 0.05
        /// Error rate at which a key is unhealthy (default 25 %).
        public var unhealthyErrorRate = 0.25
        /// Throttle rate (throttled / count) at which a key is degraded (default 10 %).
        public var degradedThrottleRate = 0.10
        /// Throttle rate at which a key is unhealthy (default 50 %).
        public var unhealthyThrottleRate = 0.50
        /// p95 latency at which a key is degraded (default 20 s: long generations are normal).
        public var degradedP95Milliseconds = 20_000.0
        /// p95 latency at which a key is unhealthy (default 60 s, a common client read timeout).
        public var unhealthyP95Milliseconds = 60_000.0
        /// Hysteresis (default 3): a state changes only after this many evaluations in a row give
        /// the same new verdict, so one bad window does not flip routing back and forth.
        public var consecutiveWindows = 3
        /// The window each evaluation looks at (default 5 minutes).
        public var window: HealthWindow = .fiveMinutes

        public init() {}

        /// The state these stats call for, and why ("error rate 31% ≥ 25%", "3 samples < 10",
        /// "error rate 0.4%, throttle rate 1.2%, p95 820 ms"). Unhealthy findings win over degraded;
        /// every finding at the worst level is listed.
        public func verdict(_ stats: HealthStats) -> (state: HealthState, reason: String) {
            guard stats.count >= minimumSamples else {
                return (.unknown, "\(Formatting.samples(stats.count)) < \(minimumSamples)")
            }
            let unhealthy = findings(stats, errorRate: unhealthyErrorRate, throttleRate: unhealthyThrottleRate, p95: unhealthyP95Milliseconds)
            if !unhealthy.isEmpty { return (.unhealthy, unhealthy.joined(separator: "; ")) }
            let degraded = findings(stats, errorRate: degradedErrorRate, throttleRate: degradedThrottleRate, p95: degradedP95Milliseconds)
            if !degraded.isEmpty { return (.degraded, degraded.joined(separator: "; ")) }
            var parts = ["error rate \(Formatting.percent(stats.errorRate))", "throttle rate \(Formatting.percent(stats.throttleRate))"]
            if let p95 = stats.p95 { parts.append("p95 \(Formatting.duration(milliseconds: p95))") }
            return (.healthy, parts.joined(separator: ", "))
        }

        private func findings(_ stats: HealthStats, errorRate: Double, throttleRate: Double, p95: Double) -> [String] {
            var found: [String] = []
            if stats.errorRate >= errorRate {
                found.append("error rate \(Formatting.percent(stats.errorRate)) ≥ \(Formatting.percent(errorRate))")
            }
            if stats.throttleRate >= throttleRate {
                found.append("throttle rate \(Formatting.percent(stats.throttleRate)) ≥ \(Formatting.percent(throttleRate))")
            }
            if let observed = stats.p95, observed >= p95 {
                found.append("p95 \(Formatting.duration(milliseconds: observed)) ≥ \(Formatting.duration(milliseconds: p95))")
            }
            return found
        }
    }
}
