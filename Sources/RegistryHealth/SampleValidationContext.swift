import Foundation

/// What a sample batch is checked against: the registry's regions, models and profiles at the
/// time of ingest, and the clock (samples far in the future or beyond retention are rejected).
public struct SampleValidationContext: Sendable {
    public var knownRegions: Set<String>
    public var knownModels: Set<String>
    /// Profile id → its model id: how `profile_id` resolves to the model a sample is about.
    public var profileModels: [String: String]
    /// Accept regions, models and profiles the registry does not know (then `model_id` is required,
    /// since an unknown profile cannot name its model). Regions must still look like region codes.
    public var acceptUnknown: Bool
    /// (profile id, source region) → the route's destination regions: how a sample without
    /// `region` is attributed (see `SampleFields.attributedRegion`).
    public var routeDestinations: @Sendable (_ profileId: String, _ sourceRegion: String) -> [String]? = { _, _ in nil }
    public var now: Date
    /// `observed_at` later than `now + maxFutureSkew` is rejected (a gateway's clock is off).
    public var maxFutureSkew: TimeInterval = 300
    /// `observed_at` earlier than `now - maxAge` is rejected: it is beyond what health keeps.
    public var maxAge: TimeInterval = 86_400

    public init(
        knownRegions: Set<String>, knownModels: Set<String>, profileModels: [String: String] = [:],
        acceptUnknown: Bool = false, now: Date, maxFutureSkew: TimeInterval = 300, maxAge: TimeInterval = 86_400
    ) {
        self.knownRegions = knownRegions
        self.knownModels = knownModels
        self.profileModels = profileModels
        self.acceptUnknown = acceptUnknown
        self.now = now
        self.maxFutureSkew = maxFutureSkew
        self.maxAge = maxAge
    }
}
