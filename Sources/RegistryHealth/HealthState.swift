/// A key's health as the tracker reports it.
public enum HealthState: String, Sendable, Hashable, Codable, CaseIterable {
    case healthy, degraded, unhealthy
    /// Too few samples to say (or none): neither good nor bad news.
    case unknown

    /// Preference when ranking destinations: healthy, then unknown, degraded, unhealthy.
    var preference: Int {
        switch self {
        case .healthy: 0
        case .unknown: 1
        case .degraded: 2
        case .unhealthy: 3
        }
    }
}
