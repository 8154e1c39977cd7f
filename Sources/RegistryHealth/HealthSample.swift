import Foundation

/// One observed Bedrock request: where it ran, for which model, how long it took and how it ended.
/// Gateways send these in batches (`SampleBatchDecoder`); regiond's own probes make them too.
public struct HealthSample: Sendable, Hashable {
    public enum Outcome: String, Sendable, Hashable, CaseIterable {
        case ok, error, throttled, timeout
    }

    /// The destination region the request ran in (health is about where work happens).
    public var region: String
    /// Always set: given as `model_id`, or derived from `profile_id`.
    public var modelId: String
    public var profileId: String?
    public var sourceRegion: String?
    public var observedAt: Date
    public var latencyMs: Double
    public var ttftMs: Double?
    public var outcome: Outcome
    public var httpStatus: Int?
    /// Who observed it: `gateway` (the default), `probe` for regiond's own probes; free text ≤ 64 characters.
    public var origin: String

    public static let defaultOrigin = "gateway"
    public static let maxOriginLength = 64

    public init(
        region: String, modelId: String, profileId: String? = nil, sourceRegion: String? = nil,
        observedAt: Date, latencyMs: Double, ttftMs: Double? = nil, outcome: Outcome,
        httpStatus: Int? = nil, origin: String = HealthSample.defaultOrigin
    ) {
        self.region = region
        self.modelId = modelId
        self.profileId = profileId
        self.sourceRegion = sourceRegion
        self.observedAt = observedAt
        self.latencyMs = latencyMs
        self.ttftMs = ttftMs
        self.outcome = outcome
        self.httpStatus = httpStatus
        self.origin = origin
    }
}
