/// One (source region, inference profile) route as a gateway would use it, with every reason it
/// must be left out of a gateway's configuration. Judged by the API (access, gates, residency,
/// lifecycle, health); the exporters only arrange what they are given.
public struct GatewayRoute: Sendable, Hashable {
    public var profileId: String
    public var modelId: String
    public var sourceRegion: String
    /// The profile's geography prefix: `us`, `eu`, `apac`, `global`, …
    public var geo: String
    /// Why this route is left out (incomplete access, a gate's denial, residency, end of life,
    /// health); empty when it is exported.
    public var exclusions: [String]
    /// 1 = try first. From the destinations' health: 1 when none is degraded or unhealthy.
    public var order: Int
    /// Exported although incomplete, because the caller asked for incomplete routes too.
    public var incomplete: Bool

    public init(profileId: String, modelId: String, sourceRegion: String, geo: String, exclusions: [String] = [],
                order: Int = 1, incomplete: Bool = false) {
        self.profileId = profileId
        self.modelId = modelId
        self.sourceRegion = sourceRegion
        self.geo = geo
        self.exclusions = exclusions
        self.order = order
        self.incomplete = incomplete
    }

    public var isExported: Bool { exclusions.isEmpty }
    public var isGlobal: Bool { geo == "global" }
    /// Stable and unique per route: a gateway's deployment id.
    public var deploymentId: String { "\(profileId)@\(sourceRegion)" }

    /// Exported routes first by name, then source, then profile: the bytes of an export depend
    /// only on what is exported, never on the order the registry listed it.
    static func byKey(_ a: Self, _ b: Self) -> Bool {
        (a.modelId, a.sourceRegion, a.profileId) < (b.modelId, b.sourceRegion, b.profileId)
    }
}
