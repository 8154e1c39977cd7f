import Foundation

/// Turns per-window verdicts into steady states: a key's state changes only after
/// `thresholds.consecutiveWindows` evaluations in a row give the same new verdict, and
/// alternating verdicts never change it.
///
/// Startup: every key starts `unknown`, and leaving `unknown` needs the same streak as any other
/// change. A restarted daemon therefore reports `unknown` for a few evaluations unless the store
/// hands back the previous states through `restore` — preferred to announcing a key healthy (or
/// unhealthy) on a single window of evidence. A key with no samples in the window evaluates to
/// `unknown` and follows the same rule, so a quiet key keeps its last state for a while.
public struct HealthStateTracker: Sendable {
    /// Replaceable (configuration reload); takes effect at the next evaluation, streaks kept.
    public var thresholds: HealthSettings.Thresholds
    private var tracked: [HealthKey: TrackedHealth] = [:]

    public init(thresholds: HealthSettings.Thresholds = HealthSettings.Thresholds()) {
        self.thresholds = thresholds
    }

    /// Judges every key in `stats`, and every tracked key missing from it as `HealthStats.empty`;
    /// returns the transitions this evaluation completed, sorted by key.
    public mutating func evaluate(_ stats: [HealthKey: HealthStats], at date: Date) -> [HealthTransition] {
        var transitions: [HealthTransition] = []
        for key in Set(stats.keys).union(tracked.keys).sorted() {
            let (verdict, reason) = thresholds.verdict(stats[key] ?? .empty)
            var health = tracked[key] ?? .unknown
            if verdict == health.state {
                health.reason = reason
                health.candidate = nil
                health.streak = 0
            } else {
                health.streak = health.candidate == verdict ? health.streak + 1 : 1
                health.candidate = verdict
                if health.streak >= max(thresholds.consecutiveWindows, 1) {
                    transitions.append(HealthTransition(key: key, from: health.state, to: verdict, at: date, reason: reason))
                    health = TrackedHealth(state: verdict, since: date, reason: reason)
                }
            }
            tracked[key] = health
        }
        return transitions
    }

    /// The key's tracked health; `TrackedHealth.unknown` for a key never evaluated.
    public func health(of key: HealthKey) -> TrackedHealth {
        tracked[key] ?? .unknown
    }

    public var all: [HealthKey: TrackedHealth] { tracked }

    /// Puts back states saved before a restart (replacing what is tracked for those keys).
    public mutating func restore(_ states: [HealthKey: TrackedHealth]) {
        tracked.merge(states) { _, restored in restored }
    }
}
