/// One key's counts and latencies for a span of time (a minute, or minutes merged into a window).
///
/// The latency sketch records ok and timeout requests only: errors and throttles return early,
/// and counting their fast answers would make a failing region look quick.
public struct MinuteBucket: Sendable, Hashable, Codable {
    public var count = 0
    public var errors = 0
    public var throttled = 0
    public var timeouts = 0
    public var sketch = LatencySketch()

    public init() {}

    public init(count: Int, errors: Int, throttled: Int, timeouts: Int, sketch: LatencySketch) {
        self.count = count
        self.errors = errors
        self.throttled = throttled
        self.timeouts = timeouts
        self.sketch = sketch
    }

    public mutating func record(_ outcome: HealthSample.Outcome, latencyMs: Double) {
        count += 1
        switch outcome {
        case .ok: sketch.record(latencyMs)
        case .error: errors += 1
        case .throttled: throttled += 1
        case .timeout:
            timeouts += 1
            sketch.record(latencyMs)
        }
    }

    public mutating func merge(_ other: MinuteBucket) {
        count += other.count
        errors += other.errors
        throttled += other.throttled
        timeouts += other.timeouts
        sketch.merge(other.sketch)
    }
}
