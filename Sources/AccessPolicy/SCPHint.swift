/// What a region-restricting SCP must allow for requests along some routes to pass: every region
/// a geography route may run in, and `unspecified` for global routes (IAM evaluates their
/// region-less model ARN with `aws:RequestedRegion` = `unspecified`).
public struct SCPHint: Sendable, Equatable {
    public var sourceRegion: String
    /// Sorted; `unspecified` last when a global route is among them.
    public var requestedRegions: [String]
    public var profileIds: [String]

    public init(sourceRegion: String, routes: [PolicyRoute]) {
        self.sourceRegion = sourceRegion
        let regions = Set(routes.flatMap(\.modelRegions)).union([sourceRegion]).sorted()
        requestedRegions = regions + (routes.contains(where: \.global) ? ["unspecified"] : [])
        profileIds = Array(Set(routes.map(\.profileId))).sorted()
    }

    /// The condition a region-deny statement carries: deny unless the requested region is one of these.
    public var denyCondition: [String: [String: [String]]] {
        ["StringNotEquals": ["aws:RequestedRegion": requestedRegions]]
    }
}
