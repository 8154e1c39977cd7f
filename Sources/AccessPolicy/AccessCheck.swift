/// Checks the routes' requests against given policies: for a geography route the profile ARN in
/// the source region and the model ARN in each destination; for a global route the profile and
/// model ARNs in the source region and the region-less model ARN (`unspecified`).
public struct AccessCheck: Sendable {
    public struct Destination: Sendable, Hashable {
        /// A region, or `unspecified` for a global route's region-less model.
        public var region: String
        public var resource: String
        /// The profile's ARN in the source (checked once per route), rather than a model's.
        public var isProfile: Bool
        public var verdict: Verdict
    }

    public struct Result: Sendable, Hashable {
        public var profileId: String
        public var sourceRegion: String
        public var destinations: [Destination]
        public var allowed: Bool { destinations.allSatisfy { $0.verdict.decision == .allowed } }
    }

    /// Who calls: the condition keys `aws:PrincipalArn` and `aws:PrincipalAccount`, when known.
    public struct Principal: Sendable {
        public var arn: String?
        public var account: String?

        public init(arn: String?, account: String?) {
            self.arn = arn
            self.account = account ?? arn.flatMap(BedrockARN.account(of:))
        }
    }

    public let policies: PolicySet
    public let actions: [String]
    public let account: String
    public let principal: Principal

    public init(policies: PolicySet, actions: [String], account: String, principal: Principal) {
        self.policies = policies
        self.actions = actions
        self.account = account
        self.principal = principal
    }

    public func check(_ route: PolicyRoute) -> Result {
        let profileARN = route.profileARN(account: account)
        var targets = [(route.sourceRegion, profileARN, true)]
        targets += route.modelRegions.map { ($0, BedrockARN.model(partition: route.partition, region: $0, modelId: route.modelId), false) }
        if route.global { targets.append(("unspecified", BedrockARN.regionlessModel(partition: route.partition, modelId: route.modelId), false)) }
        let destinations = targets.map { region, resource, isProfile in
            Destination(region: region, resource: resource, isProfile: isProfile,
                        verdict: verdict(resource: resource, region: region, profileARN: profileARN))
        }
        return Result(profileId: route.profileId, sourceRegion: route.sourceRegion, destinations: destinations)
    }

    /// The worst verdict over the actions: one denied action fails the request that needs it.
    private func verdict(resource: String, region: String, profileARN: String) -> Verdict {
        var keys = ["aws:RequestedRegion": [region], "bedrock:InferenceProfileArn": [profileARN]]
        var unsupplied: Set<String> = []
        if let arn = principal.arn { keys["aws:PrincipalArn"] = [arn] } else { unsupplied.insert("aws:PrincipalArn") }
        if let account = principal.account { keys["aws:PrincipalAccount"] = [account] } else { unsupplied.insert("aws:PrincipalAccount") }
        let context = RequestContext(keys: keys, unsupplied: unsupplied)
        return actions
            .map { policies.evaluate(AccessRequest(action: $0, resource: resource, context: context)) }
            .max { $0.decision < $1.decision }!
    }
}
