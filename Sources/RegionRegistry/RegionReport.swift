/// How one region's part of a refresh went: a live source reads each source region's profiles
/// (and each destination region's grants) as a unit, so one failing region leaves its data as it
/// was while the others update.
public struct RegionReport: Sendable, Hashable, Codable {
    public enum Part: String, Sendable, Hashable, Codable, CaseIterable {
        /// Profiles and routes read in a source region.
        case routes
        /// Access grants read in a destination region.
        case access
    }

    public var region: String
    public var part: Part
    /// Why it failed, in words safe to show (no secrets); nil when it succeeded.
    public var error: String?
    /// HTTP requests sent, retries included.
    public var requests: Int
    public var retries: Int
    public var throttled: Int
    public var durationMilliseconds: Int

    public init(region: String, part: Part, error: String? = nil, requests: Int = 0, retries: Int = 0, throttled: Int = 0,
                durationMilliseconds: Int = 0) {
        self.region = region
        self.part = part
        self.error = error
        self.requests = requests
        self.retries = retries
        self.throttled = throttled
        self.durationMilliseconds = durationMilliseconds
    }

    public var succeeded: Bool { error == nil }
}
