import Testing
@testable import RegistryHealth

@Suite struct HealthThresholdsTests {
    typealias F = HealthFixture
    let thresholds = HealthSettings.Thresholds()

    @Test func defaultsAreTheDocumentedOnes() {
        #expect(thresholds.minimumSamples == 10)
        #expect((thresholds.degradedErrorRate, thresholds.unhealthyErrorRate) == (0.05, 0.25))
        #expect((thresholds.degradedThrottleRate, thresholds.unhealthyThrottleRate) == (0.10, 0.50))
        #expect((thresholds.degradedP95Milliseconds, thresholds.unhealthyP95Milliseconds) == (20_000, 60_000))
        #expect(thresholds.consecutiveWindows == 3)
        #expect(thresholds.window == .fiveMinutes)
    }

    @Test func tooFewSamplesIsUnknown() {
        #expect(thresholds.verdict(F.stats(count: 3, errors: 3)) == (.unknown, "3 samples < 10"))
        #expect(thresholds.verdict(F.stats(count: 1)) == (.unknown, "1 sample < 10"))
        #expect(thresholds.verdict(.empty) == (.unknown, "0 samples < 10"))
    }

    @Test func healthyNamesItsFigures() {
        #expect(thresholds.verdict(F.stats(count: 1000, errors: 4, throttled: 12, p95: 820))
                == (.healthy, "error rate 0.4%, throttle rate 1.2%, p95 820 ms"))
        #expect(thresholds.verdict(F.stats(count: 10, p95: nil)) == (.healthy, "error rate 0%, throttle rate 0%"))
    }

    @Test func limitsAreInclusive() {
        #expect(thresholds.verdict(F.stats(count: 100, errors: 4, timeouts: 1)) == (.degraded, "error rate 5% ≥ 5%"))
        #expect(thresholds.verdict(F.stats(count: 100, errors: 4)).state == .healthy)
        #expect(thresholds.verdict(F.stats(count: 100, throttled: 10)) == (.degraded, "throttle rate 10% ≥ 10%"))
        #expect(thresholds.verdict(F.stats(count: 100, p95: 20_000)) == (.degraded, "p95 20 s ≥ 20 s"))
    }

    @Test func unhealthyWinsAndListsEveryFinding() {
        #expect(thresholds.verdict(F.stats(count: 100, errors: 31)) == (.unhealthy, "error rate 31% ≥ 25%"))
        #expect(thresholds.verdict(F.stats(count: 100, errors: 20, throttled: 50, timeouts: 6, p95: 61_500))
                == (.unhealthy, "error rate 26% ≥ 25%; throttle rate 50% ≥ 50%; p95 61.5 s ≥ 60 s"))
        // Degraded findings are not listed next to unhealthy ones.
        #expect(thresholds.verdict(F.stats(count: 100, errors: 30, throttled: 20)) == (.unhealthy, "error rate 30% ≥ 25%"))
    }

    @Test func latencyReadsInSeconds() {
        var strict = thresholds
        strict.degradedP95Milliseconds = 1_000
        #expect(strict.verdict(F.stats(count: 10, p95: 1_200)) == (.degraded, "p95 1.2 s ≥ 1 s"))
        #expect(Formatting.duration(milliseconds: 999.4) == "999 ms")
        #expect(Formatting.duration(milliseconds: 999.6) == "1 s")
        #expect(Formatting.duration(milliseconds: 125_300) == "125 s")
        #expect(Formatting.percent(0.004) == "0.4%")
        #expect(Formatting.percent(0.3149) == "31%")
    }
}
