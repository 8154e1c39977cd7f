import Foundation
import Testing
@testable import RegistryHealth

@Suite struct LatencySketchTests {
    /// 10,000 deterministic latencies from 0.3 ms to ~2 minutes, skewed like real ones (log-uniform).
    static let values: [Double] = {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        return (0..<10_000).map { _ in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let unit = Double(state >> 11) / Double(1 << 53)
            return 0.3 * pow(400_000, unit)
        }
    }()

    /// Nearest-rank percentile, the definition the sketch follows.
    func exactPercentile(_ sorted: [Double], _ p: Double) -> Double {
        let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
        return sorted[rank - 1]
    }

    @Test func percentilesAreWithinTheStatedError() throws {
        var sketch = LatencySketch()
        for value in Self.values { sketch.record(value) }
        let sorted = Self.values.sorted()
        #expect(sketch.count == 10_000)
        for p in [0, 0.1, 1, 10, 25, 50, 75, 90, 95, 99, 99.9, 100] {
            let exact = exactPercentile(sorted, p)
            let estimate = try #require(sketch.percentile(p))
            let bound = LatencySketch.relativeError * exact + 0.5
            #expect(abs(estimate - exact) <= bound, "p\(p): \(estimate) vs exact \(exact)")
        }
    }

    @Test func smallWholeValuesAreExact() {
        var sketch = LatencySketch()
        for value in 1...200 { sketch.record(Double(value)) }
        #expect(sketch.percentile(50) == 100)
        #expect(sketch.percentile(95) == 190)
        #expect(sketch.percentile(100) == 200)
        #expect(sketch.percentile(0) == 1)
    }

    @Test func emptyHasNoPercentiles() {
        let sketch = LatencySketch()
        #expect(sketch.count == 0)
        #expect(sketch.percentile(50) == nil)
    }

    @Test func hugeNegativeAndNonFiniteValuesAreClamped() {
        var sketch = LatencySketch()
        sketch.record(5_000_000)  // 83 minutes
        sketch.record(-3)
        sketch.record(.infinity)
        #expect(sketch.count == 3)
        #expect(sketch.percentile(100) == Double(LatencySketch.maxTrackableMilliseconds))
        #expect(sketch.percentile(0) == 0)
    }

    @Test func mergeEqualsRecordingEverything() {
        var all = LatencySketch(), first = LatencySketch(), second = LatencySketch()
        for (i, value) in Self.values.enumerated() {
            all.record(value)
            if i % 3 == 0 { first.record(value) } else { second.record(value) }
        }
        var merged = first
        merged.merge(second)
        #expect(merged == all)
        #expect(merged.hashValue == all.hashValue)
        for p in [50.0, 95, 99] { #expect(merged.percentile(p) == all.percentile(p)) }

        var intoEmpty = LatencySketch()
        intoEmpty.merge(all)
        #expect(intoEmpty == all)
    }

    @Test func countsPast16BitsWidenInsteadOfOverflowing() {
        var all = LatencySketch(), half = LatencySketch()
        for i in 0..<80_000 {
            let value = i % 2 == 0 ? 120.0 : 2_500.0  // two buckets, 40,000 each
            all.record(value)
            if i < 40_000 { half.record(value) }
        }
        #expect(all.count == 80_000)
        #expect(all.percentile(50) == 120)
        #expect(all.percentile(51) ?? 0 >= 2_500)

        var merged = half
        merged.merge(half)  // 80,000: past UInt16 in one bucket
        #expect(merged == all)
        #expect(merged.count == 80_000)
    }

    @Test func memoryStaysWithinTheBound() {
        var sketch = LatencySketch()
        #expect(sketch.countsBytes == 512)
        sketch.record(59_000)
        #expect(sketch.countsBytes == 2_560)  // up to a minute
        sketch.record(1)
        sketch.record(Double(LatencySketch.maxTrackableMilliseconds))
        #expect(sketch.countsBytes == 3_584)  // the worst case, under 4 KB
        // 100 keys × 60 minutes, all worst case: about 21 MB of counts.
        #expect(sketch.countsBytes * 100 * 60 < 22_000_000)
    }

    @Test func codableAndSerializedFormsRoundTrip() throws {
        var sketch = LatencySketch()
        for value in Self.values.prefix(2_000) { sketch.record(value) }
        let json = try JSONEncoder().encode(sketch)
        let decoded = try JSONDecoder().decode(LatencySketch.self, from: json)
        #expect(decoded == sketch)
        #expect(decoded.percentile(99) == sketch.percentile(99))
        #expect(decoded.percentile(100) == sketch.percentile(100))
        #expect(decoded.percentile(0) == sketch.percentile(0))

        let bytes = sketch.serialized
        #expect(LatencySketch(serialized: bytes) == sketch)
        #expect(bytes.count < 4 * 1_024)

        var sparse = LatencySketch()
        sparse.record(812)
        sparse.record(95)
        #expect(String(decoding: try JSONEncoder().encode(sparse), as: UTF8.self) == "[95,1,812,1]")
        #expect(sparse.serialized == [95, 1, 0xCD, 0x05, 1])  // 812 − 95 = 717 as a varint
        #expect(LatencySketch(serialized: [0x80]) == nil)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LatencySketch.self, from: Data("[1]".utf8)) }
    }
}
