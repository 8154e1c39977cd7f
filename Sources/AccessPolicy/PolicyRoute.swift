/// One (profile, source region) route, as IAM sees a request along it.
public struct PolicyRoute: Sendable, Hashable {
    public var profileId: String
    public var modelId: String
    public var sourceRegion: String
    /// `aws`, `aws-us-gov`, `aws-cn`: the source region's partition.
    public var partition: String
    public var application: Bool
    /// A `global.` route: the request may run in any commercial region, and IAM checks the
    /// region-less model ARN there.
    public var global: Bool
    /// Where model ARNs are checked: every destination of a geography route; the source region of
    /// a global one (the rest is the region-less ARN).
    public var modelRegions: [String]
    /// AWS's own ARN of the profile (application profiles), used as is when known.
    public var knownARN: String?

    public init(profileId: String, modelId: String, sourceRegion: String, partition: String, application: Bool, global: Bool,
                modelRegions: [String], knownARN: String? = nil) {
        self.profileId = profileId
        self.modelId = modelId
        self.sourceRegion = sourceRegion
        self.partition = partition
        self.application = application
        self.global = global
        self.modelRegions = modelRegions
        self.knownARN = knownARN
    }

    /// The profile's ARN in the source region, for `account` (`*` when unknown).
    public func profileARN(account: String) -> String {
        if let knownARN, BedrockARN.account(of: knownARN) == account || account == "*" { return knownARN }
        return BedrockARN.profile(partition: partition, region: sourceRegion, account: account, id: profileId, application: application)
    }
}

/// The Bedrock actions a policy allows. Converse and ConverseStream are authorised by the same two.
public enum PolicyAction: String, Sendable, CaseIterable {
    case invoke, stream

    public var iamAction: String {
        switch self {
        case .invoke: "bedrock:InvokeModel"
        case .stream: "bedrock:InvokeModelWithResponseStream"
        }
    }
}
