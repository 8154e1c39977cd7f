import Foundation
import Testing
@testable import RegistryHealth

@Suite struct HealthStateTrackerTests {
    typealias F = HealthFixture
    let key = HealthKey(region: "us-east-1", modelId: F.haiku)
    let good = F.stats(count: 100)
    let bad = F.stats(count: 100, errors: 40)
    let meh = F.stats(count: 100, errors: 10)
    let thin = F.stats(count: 3)

    /// Evaluation `n` happens n minutes after noon.
    func run(_ tracker: inout HealthStateTracker, _ sequence: [HealthStats], from start: Int = 0) -> [HealthTransition] {
        sequence.enumerated().flatMap { offset, stats in
            tracker.evaluate([key: stats], at: F.at(minutes: Double(start + offset)))
        }
    }

    /// A tracker whose key has settled as healthy (after the startup streak).
    func settled() -> HealthStateTracker {
        var tracker = HealthStateTracker()
        _ = run(&tracker, [good, good, good])
        return tracker
    }

    @Test func leavingUnknownAtStartupNeedsTheStreakToo() {
        var tracker = HealthStateTracker()
        #expect(tracker.health(of: key) == .unknown)
        #expect(run(&tracker, [good, good]).isEmpty)
        #expect(tracker.health(of: key).state == .unknown)
        #expect(tracker.health(of: key).candidate == .healthy)
        #expect(tracker.health(of: key).streak == 2)

        let transitions = tracker.evaluate([key: good], at: F.at(minutes: 2))
        #expect(transitions == [HealthTransition(key: key, from: .unknown, to: .healthy, at: F.at(minutes: 2),
                                                 reason: "error rate 0%, throttle rate 0%, p95 500 ms")])
        #expect(tracker.health(of: key) == TrackedHealth(state: .healthy, since: F.at(minutes: 2),
                                                         reason: "error rate 0%, throttle rate 0%, p95 500 ms"))
    }

    @Test func oneBadWindowDoesNotFlip() {
        var tracker = settled()
        #expect(run(&tracker, [bad, good, bad, bad, good], from: 3).isEmpty)
        #expect(tracker.health(of: key).state == .healthy)
        #expect(tracker.health(of: key).candidate == nil)
    }

    @Test func consecutiveBadWindowsFlip() {
        var tracker = settled()
        let transitions = run(&tracker, [bad, bad, bad], from: 3)
        #expect(transitions.map { [$0.from, $0.to] } == [[.healthy, .unhealthy]])
        #expect(transitions.first?.at == F.at(minutes: 5))
        #expect(transitions.first?.reason == "error rate 40% ≥ 25%")
        #expect(tracker.health(of: key).since == F.at(minutes: 5))
    }

    @Test func alternatingVerdictsNeverFlip() {
        var tracker = settled()
        #expect(run(&tracker, Array(repeating: [bad, meh], count: 10).flatMap { $0 }, from: 3).isEmpty)
        #expect(tracker.health(of: key).state == .healthy)
        #expect(tracker.health(of: key).candidate == .degraded)
        #expect(tracker.health(of: key).streak == 1)
    }

    @Test func recoveryNeedsTheStreakToo() {
        var tracker = settled()
        _ = run(&tracker, [bad, bad, bad], from: 3)
        #expect(run(&tracker, [good, good], from: 6).isEmpty)
        #expect(tracker.health(of: key).state == .unhealthy)
        #expect(run(&tracker, [good], from: 8).map(\.to) == [.healthy])
    }

    @Test func tooFewSamplesTurnsUnknownAfterTheStreak() {
        var tracker = settled()
        let transitions = run(&tracker, [thin, thin, thin], from: 3)
        #expect(transitions.map(\.to) == [.unknown])
        #expect(transitions.first?.reason == "3 samples < 10")
    }

    @Test func trackedKeysMissingFromStatsEvaluateAsEmpty() {
        var tracker = settled()
        let other = HealthKey(region: "us-west-2")
        for minute in 3...5 {
            let transitions = tracker.evaluate([other: good], at: F.at(minutes: Double(minute)))
            if minute == 5 { #expect(transitions.map(\.key) == [key, other]) }  // sorted by key
        }
        #expect(tracker.health(of: key).state == .unknown)
        #expect(tracker.health(of: key).reason == "0 samples < 10")
        #expect(tracker.health(of: other).state == .healthy)
        #expect(Set(tracker.all.keys) == [key, other])
    }

    @Test func restoredStatesAreKeptUntilAStreakChangesThem() {
        var tracker = HealthStateTracker()
        tracker.restore([key: TrackedHealth(state: .unhealthy, since: F.noon, reason: "error rate 40% ≥ 25%")])
        #expect(run(&tracker, [good, good], from: 1).isEmpty)
        #expect(tracker.health(of: key).state == .unhealthy)
        #expect(run(&tracker, [good], from: 3).map(\.from) == [.unhealthy])
    }

    @Test func replacedThresholdsApplyAtTheNextEvaluation() {
        var tracker = settled()
        tracker.thresholds.consecutiveWindows = 1
        #expect(run(&tracker, [meh], from: 3).map(\.to) == [.degraded])
        tracker.thresholds.degradedErrorRate = 0.5
        tracker.thresholds.unhealthyErrorRate = 0.9
        #expect(run(&tracker, [meh], from: 4).map(\.to) == [.healthy])
    }
}
