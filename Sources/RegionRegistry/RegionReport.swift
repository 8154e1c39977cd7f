/// How one region's part of a refresh went: a live source reads each source region's profiles
/// (and each destination region's grants) as a unit, so one failing region leaves its data as it
/// was while the others update. A bad item inside a unit (one profile, one model's availability)
/// is skipped and listed; it does not fail the unit.
public struct RegionReport: Sendable, Hashable, Codable {
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        /// Profiles and routes read in a source region.
        case routes
        /// Access grants read in a destination region.
        case access
    }

    public enum Outcome: String, Sendable, Hashable, Codable, CaseIterable {
        case succeeded, failed
        /// An opt-in region the account has not enabled: a fact about the account, read as such
        /// (AWS may still route cross-region requests there), not a failure.
        case notEnabled = "not_enabled"
    }

    /// One item of the unit that could not be used, and why (the rest of the unit applied).
    public struct SkippedItem: Sendable, Hashable, Codable {
        public var item: String
        public var reason: String

        public init(item: String, reason: String) {
            self.item = item
            self.reason = reason
        }
    }

    public var region: String
    public var part: Part
    public var outcome: Outcome
    /// Why it failed or is not enabled, in words safe to show (no secrets); nil when it succeeded.
    public var error: String?
    public var skipped: [SkippedItem]
    /// HTTP requests sent, retries included.
    public var requests: Int
    public var retries: Int
    public var throttled: Int
    public var durationMilliseconds: Int

    public init(region: String, part: Part, outcome: Outcome? = nil, error: String? = nil, skipped: [SkippedItem] = [],
                requests: Int = 0, retries: Int = 0, throttled: Int = 0, durationMilliseconds: Int = 0) {
        self.region = region
        self.part = part
        self.outcome = outcome ?? (error == nil ? .succeeded : .failed)
        self.error = error
        self.skipped = skipped
        self.requests = requests
        self.retries = retries
        self.throttled = throttled
        self.durationMilliseconds = durationMilliseconds
    }

    /// The unit's data was read (or the region is known not to be enabled): nothing kept from before.
    public var succeeded: Bool { outcome != .failed }
}
