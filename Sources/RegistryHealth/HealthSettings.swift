/// Every setting of the health pipeline (the `health.*` keys): ingest, retention, evaluation,
/// thresholds and probes. A configuration reload replaces it whole.
public struct HealthSettings: Sendable, Hashable {
    public var thresholds: Thresholds
    /// Accept samples naming regions, models or profiles the registry does not know.
    public var acceptUnknown: Bool
    /// Raw samples older than this are pruned (minute rollups are kept `rollupRetentionMinutes`).
    public var sampleRetention: Duration
    public var evaluationInterval: Duration
    /// Regions whose control plane is probed each `probeInterval`; empty: no probes.
    public var probeRegions: [String]
    public var probeInterval: Duration

    public static let rollupRetentionMinutes: Int64 = 14 * 24 * 60

    public init(thresholds: Thresholds = Thresholds(), acceptUnknown: Bool = false, sampleRetention: Duration = .seconds(86_400),
                evaluationInterval: Duration = .seconds(60), probeRegions: [String] = [], probeInterval: Duration = .seconds(60)) {
        self.thresholds = thresholds
        self.acceptUnknown = acceptUnknown
        self.sampleRetention = sampleRetention
        self.evaluationInterval = evaluationInterval
        self.probeRegions = probeRegions
        self.probeInterval = probeInterval
    }
}
