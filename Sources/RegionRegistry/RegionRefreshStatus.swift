/// The latest word on one region's part of the refreshes: what `/v1/refresh` shows per region.
public struct RegionRefreshStatus: Sendable, Hashable {
    public var region: String
    public var part: RegionReport.Part
    public var lastAttemptAt: String
    public var lastSuccessAt: String?
    /// The latest attempt's error; nil when it succeeded.
    public var lastError: String?
    /// Failed attempts since the last success.
    public var consecutiveFailures: Int

    public init(region: String, part: RegionReport.Part, lastAttemptAt: String, lastSuccessAt: String?, lastError: String?,
                consecutiveFailures: Int) {
        self.region = region
        self.part = part
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }
}
