/// Equality and hashing by content: two sketches are equal when they hold the same values
/// (to the sketch's resolution), whatever their count width or array size.
extension LatencySketch: Hashable {
    public static func == (a: LatencySketch, b: LatencySketch) -> Bool {
        a.count == b.count && a.recordedValues().elementsEqual(b.recordedValues()) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for (value, count) in recordedValues() {
            hasher.combine(value)
            hasher.combine(count)
        }
    }
}

/// Codable as a flat array `[value, count, value, count, …]` of the non-empty buckets (see
/// `recordedValues`): a sparse minute is a few numbers, not the 1,000+ counts of the full array.
extension LatencySketch: Codable {
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        self.init()
        while !container.isAtEnd {
            let value = try container.decode(UInt64.self)
            guard !container.isAtEnd else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "latency sketch: a value without a count")
            }
            let count = try container.decode(UInt32.self)
            guard value <= Self.maxTrackableMilliseconds else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "latency sketch: value \(value) out of range")
            }
            record(value, count: count)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        for (value, count) in recordedValues() {
            try container.encode(value)
            try container.encode(count)
        }
    }
}

/// A compact binary form for a database column: LEB128 varints of (value delta, count) pairs.
/// A sparse minute takes a few bytes; a full one at most ~4 bytes per non-empty bucket.
extension LatencySketch {
    public var serialized: [UInt8] {
        var bytes: [UInt8] = []
        var previous: UInt64 = 0
        for (value, count) in recordedValues() {
            Self.appendVarint(value - previous, to: &bytes)
            Self.appendVarint(UInt64(count), to: &bytes)
            previous = value
        }
        return bytes
    }

    /// Rebuilds a sketch from `serialized`; nil when the bytes are not such a form.
    public init?(serialized bytes: [UInt8]) {
        self.init()
        var at = 0
        var value: UInt64 = 0
        while at < bytes.count {
            guard let delta = Self.readVarint(bytes, &at), let count = Self.readVarint(bytes, &at),
                  count > 0, count <= UInt64(UInt32.max)
            else { return nil }
            let (sum, overflow) = value.addingReportingOverflow(delta)
            guard !overflow, sum <= Self.maxTrackableMilliseconds else { return nil }
            value = sum
            record(value, count: UInt32(count))
        }
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func readVarint(_ bytes: [UInt8], _ at: inout Int) -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count, shift < 64 {
            let byte = bytes[at]
            at += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
}
