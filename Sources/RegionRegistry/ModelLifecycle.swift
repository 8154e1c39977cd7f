import CivilTime

/// AWS's lifecycle of a foundation model: `ACTIVE`, then `LEGACY` (it will stop, on a date AWS
/// gives), then `EOL`. Dates are calendar days (`YYYY-MM-DD`) as AWS publishes them.
public struct ModelLifecycle: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case active = "ACTIVE", legacy = "LEGACY", eol = "EOL"

        /// As people write it in a filter: `legacy`, `EOL`, ` active ` (case and spaces aside).
        public init?(named name: some StringProtocol) {
            let trimmed = name.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed()
            self.init(rawValue: String(trimmed).uppercased())
        }
    }

    public var status: Status
    public var legacyAt: String?
    public var publicExtendedAccessAt: String?
    public var endOfLifeAt: String?
    public var recommendedReplacement: String?
    /// Regions AWS lists the model in (in-region availability), where the source says.
    public var regions: [String]
    /// Provenance keys of the facts.
    public var evidence: [String]

    enum CodingKeys: String, CodingKey {
        case status, regions, evidence
        case legacyAt = "legacy_at"
        case publicExtendedAccessAt = "public_extended_access_at"
        case endOfLifeAt = "end_of_life_at"
        case recommendedReplacement = "recommended_replacement"
    }

    public init(status: Status, legacyAt: String? = nil, publicExtendedAccessAt: String? = nil, endOfLifeAt: String? = nil,
                recommendedReplacement: String? = nil, regions: [String] = [], evidence: [String] = []) {
        self.status = status
        self.legacyAt = legacyAt
        self.publicExtendedAccessAt = publicExtendedAccessAt
        self.endOfLifeAt = endOfLifeAt
        self.recommendedReplacement = recommendedReplacement
        self.regions = regions
        self.evidence = evidence
    }

    /// The status on `day` (`YYYY-MM-DD`): a status recorded earlier moves on with the dates.
    public func status(on day: String) -> Status {
        if let end = endOfLifeAt, end <= day { return .eol }
        if status == .active, let legacy = legacyAt, legacy <= day { return .legacy }
        return status
    }

    /// Days from `day` to the end of life (negative once past); nil without a date.
    public func daysToEndOfLife(from day: String) -> Int? {
        guard let end = endOfLifeAt, let a = Self.dayNumber(day), let b = Self.dayNumber(end) else { return nil }
        return b - a
    }

    /// Today in UTC, `YYYY-MM-DD`: the day answers judge lifecycles on.
    public static func today() -> String { String(Timestamp.now().prefix(10)) }

    /// Whether `text` is a calendar day written `YYYY-MM-DD`.
    public static func isDay(_ text: String) -> Bool {
        text.utf8.count == 10 && text.wholeMatch(of: /[0-9]{4}-[0-9]{2}-[0-9]{2}/) != nil && dayNumber(text) != nil
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar, for differences between dates.
    static func dayNumber(_ text: String) -> Int? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        let (y, m) = parts[1] <= 2 ? (parts[0] - 1, parts[1] + 9) : (parts[0], parts[1] - 3)
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + parts[2] - 1
    }
}

extension FoundationModel {
    /// The lifecycle on `day`: the source's dates, with the live API's status when it gave one
    /// (its word wins), else the recorded status moved on by the dates. nil when nothing is known.
    public func lifecycle(on day: String) -> ModelLifecycle? {
        let reported = lifecycleStatus.flatMap { ModelLifecycle.Status(rawValue: $0.uppercased()) }
        guard var known = lifecycle ?? reported.map({ ModelLifecycle(status: $0) }) else { return nil }
        known.status = reported ?? known.status(on: day)
        return known
    }
}
