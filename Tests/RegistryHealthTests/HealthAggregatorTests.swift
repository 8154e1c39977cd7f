import Foundation
import Testing
@testable import RegistryHealth

@Suite struct HealthAggregatorTests {
    typealias F = HealthFixture
    let eastHaiku = HealthKey(region: "us-east-1", modelId: F.haiku)
    let east = HealthKey(region: "us-east-1")
    let westHaiku = HealthKey(region: "us-west-2", modelId: F.haiku)

    /// 11 samples over four minutes (12:00 is "now"'s minute; latencies under 256 ms are exact):
    ///   11:50 east/haiku ok 120
    ///   11:58 east/haiku ok 100, ok 200, error 50
    ///   11:59 east/haiku ok 150, throttled 10, timeout 30,000; east/sonnet ok 220
    ///   12:00 east/haiku ok 250; west/haiku ok 240, error 70
    var aggregator: HealthAggregator {
        var aggregator = HealthAggregator()
        aggregator.record([
            F.sample(at: F.at(minutes: -10, seconds: 5), latency: 120),
            F.sample(at: F.at(minutes: -2), latency: 100),
            F.sample(at: F.at(minutes: -2, seconds: 30), latency: 200),
            F.sample(at: F.at(minutes: -2, seconds: 59.9), latency: 50, outcome: .error),
            F.sample(at: F.at(minutes: -1, seconds: 1), latency: 150),
            F.sample(at: F.at(minutes: -1, seconds: 2), latency: 10, outcome: .throttled),
            F.sample(at: F.at(minutes: -1, seconds: 3), latency: 30_000, outcome: .timeout),
            F.sample(model: F.sonnet, at: F.at(minutes: -1, seconds: 4), latency: 220),
            F.sample(at: F.at(seconds: 10), latency: 250),
            F.sample("us-west-2", at: F.at(seconds: 11), latency: 240),
            F.sample("us-west-2", at: F.at(seconds: 12), latency: 70, outcome: .error),
        ])
        return aggregator
    }
    let now = HealthFixture.at(seconds: 30)

    @Test func oneMinuteIsTheCurrentMinuteOnly() {
        let stats = aggregator.stats(for: eastHaiku, window: .oneMinute, now: now)
        #expect(stats == HealthStats(count: 1, ok: 1, p50: 250, p95: 250, p99: 250))
    }

    @Test func fiveMinutesSumsTheMinutesInside() {
        let stats = aggregator.stats(for: eastHaiku, window: .fiveMinutes, now: now)
        #expect(stats.count == 7)
        #expect(stats.ok == 4)
        #expect(stats.errors == 1)
        #expect(stats.throttled == 1)
        #expect(stats.timeouts == 1)
        #expect(stats.errorRate == 2.0 / 7)  // error + timeout
        #expect(stats.throttleRate == 1.0 / 7)
        // Latencies of ok and timeout requests only: 100, 150, 200, 250, 30,000.
        #expect(stats.p50 == 200)
        #expect(stats.p95 == 30_000)
        #expect(stats.p99 == 30_000)
    }

    @Test func oneHourReachesFurtherBack() {
        let stats = aggregator.stats(for: eastHaiku, window: .oneHour, now: now)
        #expect(stats.count == 8)
        #expect(stats.ok == 5)
        #expect(stats.p50 == 150)  // 100, 120, 150, 200, 250, 30,000
    }

    @Test func regionKeysCountEveryModel() {
        let aggregator = aggregator
        let region = aggregator.stats(for: east, window: .fiveMinutes, now: now)
        #expect(region.count == 8)
        #expect(region.ok == 5)
        #expect(region.p50 == 200)  // 100, 150, 200, 220, 250, 30,000
        #expect(aggregator.stats(for: HealthKey(region: "us-west-2"), window: .oneMinute, now: now)
                == HealthStats(count: 2, ok: 1, errors: 1, p50: 240, p95: 240, p99: 240))
        #expect(aggregator.stats(for: HealthKey(region: "eu-west-1"), window: .oneHour, now: now) == .empty)
        #expect(aggregator.keys.map(\.description) == [
            "us-east-1", "us-east-1/\(F.haiku)", "us-east-1/\(F.sonnet)", "us-west-2", "us-west-2/\(F.haiku)",
        ])
        #expect(aggregator.stats(window: .fiveMinutes, now: now)[westHaiku]?.count == 2)
    }

    @Test func windowBoundariesFollowMinutes() {
        var aggregator = HealthAggregator()
        aggregator.record(F.sample(at: F.at(minutes: -5, seconds: 59.999)))  // minute 11:55
        aggregator.record(F.sample(at: F.at(minutes: -4)))  // minute 11:56
        func count(_ window: HealthWindow, at now: Date) -> Int {
            aggregator.stats(for: eastHaiku, window: window, now: now).count
        }
        // At 12:00:30 the five-minute window is 11:56…12:00.
        #expect(count(.fiveMinutes, at: F.at(seconds: 30)) == 1)
        // At 11:59:59.999 it is 11:55…11:59; at 12:00:00 it has just moved on.
        #expect(count(.fiveMinutes, at: F.at(seconds: -0.001)) == 2)
        #expect(count(.fiveMinutes, at: F.noon) == 1)
        // The current minute is in: a sample at 11:56:00 counts from its own minute on.
        #expect(count(.oneMinute, at: F.at(minutes: -4)) == 1)
        #expect(count(.oneMinute, at: F.at(minutes: -3)) == 0)
    }

    @Test func pruneDropsMinutesBeyondRetentionAndOldSamplesAreIgnored() {
        var aggregator = aggregator
        aggregator.prune(now: F.at(minutes: 49, seconds: 59))  // retained range 11:50…12:49
        #expect(aggregator.stats(for: eastHaiku, window: .oneHour, now: F.at(minutes: 49)).count == 8)
        aggregator.prune(now: F.at(minutes: 50))  // retained range 11:51…12:50
        #expect(aggregator.stats(for: eastHaiku, window: .oneHour, now: F.at(minutes: 50)).count == 7)

        aggregator.record(F.sample(at: F.at(minutes: -10, seconds: 59)))  // 11:50:59: already out of range
        aggregator.record(F.sample(at: F.at(minutes: -9)))  // 11:51: still in
        #expect(aggregator.stats(for: eastHaiku, window: .oneHour, now: F.at(minutes: 50)).count == 8)

        aggregator.prune(now: F.at(minutes: 200))
        #expect(aggregator.keys.isEmpty)
    }

    @Test func smallRetentionIgnoresSamplesFromBeforeIt() {
        var aggregator = HealthAggregator(retainMinutes: 2)
        aggregator.record(F.sample(at: F.noon))
        aggregator.record(F.sample(at: F.at(minutes: -1)))
        aggregator.record(F.sample(at: F.at(minutes: -2)))  // ignored: 11:58 ≤ 12:00 − 2
        #expect(aggregator.stats(for: eastHaiku, window: .fiveMinutes, now: now).count == 2)
    }

    @Test func rollupsRestoreIntoAnEqualAggregator() {
        let original = aggregator
        let minutes = (-10...0).map { F.noonMinute + Int64($0) }
        let rollups = minutes.flatMap { original.rollups(minute: $0) }
        #expect(original.rollups(minute: F.noonMinute - 1).map(\.key) == [east, eastHaiku, HealthKey(region: "us-east-1", modelId: F.sonnet)])
        let eleven59 = original.rollups(minute: F.noonMinute - 1)[1]
        #expect((eleven59.count, eleven59.errors, eleven59.throttled, eleven59.timeouts) == (3, 0, 1, 1))
        #expect(eleven59.sketch.count == 2)

        var restored = HealthAggregator()
        restored.restore(rollups)
        #expect(restored.keys == original.keys)
        for key in original.keys {
            for window in HealthWindow.allCases {
                #expect(restored.stats(for: key, window: window, now: now) == original.stats(for: key, window: window, now: now))
            }
        }

        // Restoring into live buckets adds to them.
        restored.restore(original.rollups(minute: F.noonMinute))
        #expect(restored.stats(for: eastHaiku, window: .oneMinute, now: now).count == 2)
    }

    @Test func rollupsAreCodable() throws {
        let rollups = aggregator.rollups(minute: F.noonMinute - 1)
        let data = try JSONEncoder().encode(rollups)
        #expect(try JSONDecoder().decode([MinuteRollup].self, from: data) == rollups)
    }

    @Test func windowsHaveTheirDurations() {
        #expect(HealthWindow.allCases.map(\.duration) == [.seconds(60), .seconds(300), .seconds(3600)])
        #expect(HealthWindow(rawValue: "5m") == .fiveMinutes)
    }
}
