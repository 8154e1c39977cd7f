/// Counts, rates and latency percentiles of one key over one window.
public struct HealthStats: Sendable, Hashable {
    public var count: Int
    public var ok: Int
    public var errors: Int
    public var throttled: Int
    public var timeouts: Int
    /// Latency percentiles in milliseconds, over requests that ran (ok and timeout; see
    /// `MinuteBucket`); nil when there were none.
    public var p50: Double?
    public var p95: Double?
    public var p99: Double?

    public init(count: Int = 0, ok: Int = 0, errors: Int = 0, throttled: Int = 0, timeouts: Int = 0,
                p50: Double? = nil, p95: Double? = nil, p99: Double? = nil) {
        self.count = count
        self.ok = ok
        self.errors = errors
        self.throttled = throttled
        self.timeouts = timeouts
        self.p50 = p50
        self.p95 = p95
        self.p99 = p99
    }

    public static let empty = HealthStats()

    /// Requests that failed on the service's side: errors and timeouts; 0 when there were none.
    public var errorRate: Double { count == 0 ? 0 : Double(errors + timeouts) / Double(count) }
    /// Requests refused for quota; 0 when there were none.
    public var throttleRate: Double { count == 0 ? 0 : Double(throttled) / Double(count) }

    /// Stats from summed counts and a merged latency sketch.
    public init(_ bucket: MinuteBucket) {
        self.init(
            count: bucket.count, ok: bucket.count - bucket.errors - bucket.throttled - bucket.timeouts,
            errors: bucket.errors, throttled: bucket.throttled, timeouts: bucket.timeouts,
            p50: bucket.sketch.percentile(50), p95: bucket.sketch.percentile(95), p99: bucket.sketch.percentile(99))
    }
}
