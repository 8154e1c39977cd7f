import Foundation

/// One key's settled state, and the different verdict (if any) building up to replace it.
public struct TrackedHealth: Sendable, Hashable, Codable {
    public var state: HealthState
    /// When `state` was entered; nil for a key that has never left `unknown`.
    public var since: Date?
    /// Why the key is in `state`: the latest verdict that agreed with it.
    public var reason: String
    /// A different verdict seen in the latest evaluations, not yet steady enough to take over.
    public var candidate: HealthState?
    /// How many evaluations in a row have given `candidate` (0 without one).
    public var streak: Int

    public init(state: HealthState, since: Date? = nil, reason: String, candidate: HealthState? = nil, streak: Int = 0) {
        self.state = state
        self.since = since
        self.reason = reason
        self.candidate = candidate
        self.streak = streak
    }

    /// A key nothing is known about yet.
    public static let unknown = TrackedHealth(state: .unknown, reason: "not evaluated yet")
}
