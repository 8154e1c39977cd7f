import Foundation

/// One key's counts for one wall-clock minute: what the store persists (minute rollups, kept 14
/// days) and restores into a `HealthAggregator` after a restart.
public struct MinuteRollup: Sendable, Hashable, Codable {
    public var key: HealthKey
    /// Unix time / 60 (floored).
    public var minute: Int64
    public var count: Int
    public var errors: Int
    public var throttled: Int
    public var timeouts: Int
    /// Latencies of the minute's ok and timeout requests.
    public var sketch: LatencySketch
    /// The fleet replica whose samples these are ("" on a single node): each replica saves its
    /// own, so every replica can merge everyone's without counting a sample twice.
    public var replica: String

    public init(key: HealthKey, minute: Int64, count: Int, errors: Int, throttled: Int, timeouts: Int, sketch: LatencySketch,
                replica: String = "") {
        self.key = key
        self.replica = replica
        self.minute = minute
        self.count = count
        self.errors = errors
        self.throttled = throttled
        self.timeouts = timeouts
        self.sketch = sketch
    }

    public init(key: HealthKey, minute: Int64, bucket: MinuteBucket, replica: String = "") {
        self.init(key: key, minute: minute, count: bucket.count, errors: bucket.errors,
                  throttled: bucket.throttled, timeouts: bucket.timeouts, sketch: bucket.sketch, replica: replica)
    }

    public var bucket: MinuteBucket {
        MinuteBucket(count: count, errors: errors, throttled: throttled, timeouts: timeouts, sketch: sketch)
    }

    /// The minute a date falls in (floored, so times before 1970 land in the right minute too).
    public static func minute(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / 60).rounded(.down))
    }
}
