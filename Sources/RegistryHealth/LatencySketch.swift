import Histogram

/// A mergeable latency histogram in milliseconds (an HdrHistogram with 2 significant digits).
///
/// Accuracy: values are rounded to whole milliseconds and clamped to `maxTrackableMilliseconds`
/// (about 17.5 minutes; longer requests count as that long). Within that, `percentile(p)` answers
/// the nearest-rank percentile of the recorded values to within `relativeError` (1 %) of the
/// exact value, plus 0.5 ms for the rounding: |estimate − exact| ≤ 0.01 × exact + 0.5 ms.
/// (Each HDR sub-bucket spans less than 1/128 of its values; estimates err high, never low.)
///
/// Memory: counts are `UInt16`, grown by octave only as far as the largest value recorded, so one
/// minute's sketch holds at most 1,792 counts = 3.5 KB (values up to 1 min: 2.5 KB), plus about
/// 100 bytes. A sketch that would pass 65,535 values switches to `UInt32` counts (twice the size)
/// so no count can overflow; only very busy keys ever do.
public struct LatencySketch: Sendable {
    /// The bound on `percentile`'s error relative to the exact value (plus 0.5 ms of rounding).
    public static let relativeError = 0.01
    /// Longer latencies are recorded as this: 2²⁰ − 1 ms, about 17.5 minutes.
    public static let maxTrackableMilliseconds: UInt64 = (1 << 20) - 1

    // Exactly one is set. Optionals rather than an enum with payloads: `narrow!.record(…)`
    // mutates the counts in place, where an enum payload would be copied on every record.
    private var narrow: Histogram<UInt16>?
    private var wide: Histogram<UInt32>?

    public init() {
        narrow = Self.histogram(toFit: 0)
    }

    public var count: Int {
        Int(narrow?.totalCount ?? wide?.totalCount ?? 0)
    }

    public var isEmpty: Bool { count == 0 }

    public mutating func record(_ milliseconds: Double) {
        record(Self.units(milliseconds), count: 1)
    }

    public mutating func merge(_ other: LatencySketch) {
        guard !other.isEmpty else { return }
        guard !isEmpty else {
            self = other
            return
        }
        if let theirs = other.narrow, narrow != nil, count + other.count <= Int(UInt16.max) {
            Self.grow(&narrow!, toFit: theirs.maxRecorded)
            narrow!.add(theirs)
        } else if let theirs = other.wide, wide != nil {
            Self.grow(&wide!, toFit: theirs.maxRecorded)
            wide!.add(theirs)
        } else {
            for (value, count) in other.recordedValues() {
                record(value, count: count)
            }
        }
    }

    /// The value at percentile `p` (0…100, nearest rank), in milliseconds; nil when empty.
    public func percentile(_ p: Double) -> Double? {
        guard !isEmpty else { return nil }
        let p = min(max(p, 0), 100)
        if let narrow { return Double(narrow.valueAtPercentile(p)) }
        return wide.map { Double($0.valueAtPercentile(p)) }
    }

    /// Bytes held by the counts: the figure the memory bound above speaks of.
    public var countsBytes: Int {
        if let narrow { return Self.countsLength(narrow) * MemoryLayout<UInt16>.stride }
        return wide.map { Self.countsLength($0) * MemoryLayout<UInt32>.stride } ?? 0
    }

    // MARK: Internals

    static func units(_ milliseconds: Double) -> UInt64 {
        guard milliseconds.isFinite, milliseconds > 0 else { return 0 }
        return min(UInt64(milliseconds.rounded()), maxTrackableMilliseconds)
    }

    /// Adds `count` values of `value` (whole milliseconds).
    mutating func record(_ value: UInt64, count: UInt32) {
        guard count > 0 else { return }
        if narrow != nil, self.count + Int(count) > Int(UInt16.max) { widen() }
        if narrow != nil {
            Self.grow(&narrow!, toFit: value)
            narrow!.record(value, count: UInt16(count))
        } else {
            Self.grow(&wide!, toFit: value)
            wide!.record(value, count: count)
        }
    }

    /// A fixed-size histogram just large enough for `value`: sizing it ourselves (rather than with
    /// `autoResize`, which grows its array by doubling) keeps the memory bound exact.
    private static func histogram<Count>(toFit value: UInt64) -> Histogram<Count> {
        Histogram<Count>(lowestDiscernibleValue: 1, highestTrackableValue: max(value, 2), numberOfSignificantValueDigits: .two)
    }

    /// The first value `h` has no slot for, and its number of counts: with 2 significant digits,
    /// 256 unit-wide slots, then 128 per octave (as Histogram sizes itself).
    private static func layout<Count>(_ h: Histogram<Count>) -> (firstUntrackable: UInt64, buckets: Int) {
        var buckets = 1
        var limit: UInt64 = 256
        while limit <= h.highestTrackableValue {
            limit <<= 1
            buckets += 1
        }
        return (limit, buckets)
    }

    private static func countsLength<Count>(_ h: Histogram<Count>) -> Int {
        (layout(h).buckets + 1) * 128
    }

    private static func grow<Count>(_ h: inout Histogram<Count>, toFit value: UInt64) {
        guard value >= layout(h).firstUntrackable else { return }
        var bigger: Histogram<Count> = histogram(toFit: value)
        bigger.add(h)
        h = bigger
    }

    private mutating func widen() {
        guard let old = narrow else { return }
        var counts: Histogram<UInt32> = Self.histogram(toFit: old.highestTrackableValue)
        for (value, count) in recordedValues() {
            counts.record(value, count: count)
        }
        wide = counts
        narrow = nil
    }

    /// Every non-empty bucket as (value, count), ascending. The value stands for its bucket, except
    /// that the smallest and largest recorded values are kept exactly (percentiles are clamped to
    /// them), so replaying these rebuilds an equal sketch: this is also the serialized form.
    func recordedValues() -> [(value: UInt64, count: UInt32)] {
        if let narrow { return Self.recordedValues(narrow) }
        return wide.map(Self.recordedValues) ?? []
    }

    private static func recordedValues<Count>(_ h: Histogram<Count>) -> [(value: UInt64, count: UInt32)] {
        guard h.totalCount > 0 else { return [] }
        let low = h.min
        let high = h.maxRecorded
        var result: [(value: UInt64, count: UInt32)] = []
        for bucket in h.recordedValues() {
            let count = UInt32(bucket.count)
            let holdsLow = h.valuesAreEquivalent(bucket.value, low)
            let holdsHigh = h.valuesAreEquivalent(bucket.value, high)
            if holdsLow && holdsHigh && count > 1 && low != high {
                result.append((low, 1))
                result.append((high, count - 1))
            } else if holdsHigh {
                result.append((high, count))
            } else if holdsLow {
                result.append((low, count))
            } else {
                result.append((bucket.value, count))
            }
        }
        return result
    }
}
