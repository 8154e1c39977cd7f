import Foundation

/// A key's state changed: what to log, persist and announce.
public struct HealthTransition: Sendable, Hashable, Codable {
    public var key: HealthKey
    public var from: HealthState
    public var to: HealthState
    public var at: Date
    /// The verdict's reason at the evaluation that completed the streak.
    public var reason: String

    public init(key: HealthKey, from: HealthState, to: HealthState, at: Date, reason: String) {
        self.key = key
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
    }
}
