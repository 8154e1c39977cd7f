/// The spans health is reported over. Windows are whole minutes ending with the current, partial
/// one: `oneMinute` is the current minute alone, `fiveMinutes` it and the four before.
public enum HealthWindow: String, Sendable, CaseIterable, Codable {
    case oneMinute = "1m", fiveMinutes = "5m", oneHour = "1h"

    public var minutes: Int {
        switch self {
        case .oneMinute: 1
        case .fiveMinutes: 5
        case .oneHour: 60
        }
    }

    public var duration: Duration { .seconds(minutes * 60) }
}
