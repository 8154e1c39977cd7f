/// The least-privilege identity policy for invoking inference profiles along given routes, as AWS
/// documents it: the profile ARN in the source region; the model ARN in every destination region
/// of the route, only through that profile (`bedrock:InferenceProfileArn`); for a `global.`
/// profile the model in the source region and the region-less model ARN with
/// `aws:RequestedRegion` = `unspecified`. Nothing broader: no `foundation-model/*`, no region a
/// route does not reach, no profile reaching a model region another profile's route needs.
public struct IdentityPolicy: Sendable {
    public var document: PolicyDocument
    /// What the reader should know (an unknown account, global profiles and SCPs, …).
    public var notes: [String]

    /// - Parameter actions: empty means every action (a statement without one would be invalid).
    public init(routes: [PolicyRoute], account: String?, actions: [PolicyAction]) {
        let account = account ?? "*"
        let actionNames = PolicyAction.allCases.filter { actions.isEmpty || actions.contains($0) }.map(\.iamAction)
        let routes = routes.sorted { ($0.profileId, $0.sourceRegion) < ($1.profileId, $1.sourceRegion) }
        // StringEquals cannot match a wildcard account: then the profile condition is a pattern.
        let matching = account == "*" ? "StringLike" : "StringEquals"

        var statements = [PolicyDocument.Statement(
            sid: "InvokeInferenceProfiles", actions: actionNames,
            resources: Self.unique(routes.map { $0.profileARN(account: account) }))]

        // Routes reaching the same model in the same regions share a statement; any other
        // grouping would let one profile reach a region only another's route needs.
        let byReach = Dictionary(grouping: routes) { ModelReach(partition: $0.partition, modelId: $0.modelId, regions: $0.modelRegions) }
        for reach in byReach.keys.sorted() {
            statements.append(PolicyDocument.Statement(
                sid: "ModelsThroughProfiles" + stableTag(reach.key), actions: actionNames,
                resources: reach.regions.map { BedrockARN.model(partition: reach.partition, region: $0, modelId: reach.modelId) },
                conditions: [matching: ["bedrock:InferenceProfileArn": Self.unique(byReach[reach]!.map { $0.profileARN(account: account) })]]))
        }
        let globals = Dictionary(grouping: routes.filter(\.global)) { ModelReach(partition: $0.partition, modelId: $0.modelId, regions: []) }
        for reach in globals.keys.sorted() {
            var conditions = ["StringEquals": ["aws:RequestedRegion": ["unspecified"]]]
            conditions[matching, default: [:]]["bedrock:InferenceProfileArn"] = Self.unique(globals[reach]!.map { $0.profileARN(account: account) })
            statements.append(PolicyDocument.Statement(
                sid: "GlobalModelThroughProfiles" + stableTag(reach.key), actions: actionNames,
                resources: [BedrockARN.regionlessModel(partition: reach.partition, modelId: reach.modelId)], conditions: conditions))
        }
        document = PolicyDocument(statements: statements)
        notes = Self.notes(routes: routes, account: account)
    }

    private static func notes(routes: [PolicyRoute], account: String) -> [String] {
        var notes: [String] = []
        if account == "*" {
            notes.append("the account is unknown (catalog data names none): profile ARNs use * for it; give the account to pin them")
        }
        if routes.contains(where: \.global) {
            notes.append("global profiles run in any commercial region: an SCP that denies regions must allow aws:RequestedRegion \"unspecified\" (see GET /v1/scp-hint)")
        }
        return notes
    }

    private static func unique(_ values: [String]) -> [String] { Array(Set(values)).sorted() }
}

/// One model in a set of regions of a partition: what a model statement allows.
struct ModelReach: Hashable, Comparable {
    var partition: String
    var modelId: String
    var regions: [String]

    var key: String { ([partition, modelId] + regions).joined(separator: "|") }

    static func < (a: ModelReach, b: ModelReach) -> Bool { a.key < b.key }
}
