import CivilTime

/// The immutable read model the API answers from: the stored registry with the lookups queries
/// need, built after each committed write and swapped whole, so requests never touch SQLite.
public struct RegistryView: Sendable {
    /// The change-log index this view reflects; never 0 (blocking clients treat 0 as "no index").
    public let index: Int64
    public let state: RegistryState
    public let regions: [Tracked<Region>]
    public let profiles: [Tracked<InferenceProfile>]
    public let grants: [AccessGrant]
    /// When this view was built (RFC 3339).
    public let builtAt: String
    private let profileIdByARN: [String: String]
    /// Per partition, its active regions with a Bedrock endpoint: where a `.commercial` route may run.
    private let commercialRegions: [String: [String]]

    public init(state: RegistryState, index: Int64) {
        self.state = state
        self.index = max(index, 1)
        builtAt = Timestamp.now()
        regions = state.regions.values.sorted { $0.value.code < $1.value.code }
        profiles = state.profiles.values.sorted { $0.value.id < $1.value.id }
        grants = state.grants.sorted { $0.key < $1.key }.map(\.value)
        var byARN: [String: String] = [:]
        for profile in profiles { if let arn = profile.value.arn { byARN[arn] = profile.value.id } }
        profileIdByARN = byARN
        commercialRegions = Dictionary(grouping: regions.filter { !$0.isRemoved && $0.value.bedrockEndpoint == true }.map(\.value),
                                       by: \.partition).mapValues { $0.map(\.code) }
    }

    public static let empty = RegistryView(state: .empty, index: 1)

    public func region(_ code: String) -> Tracked<Region>? { state.regions[code] }

    /// Finds a profile by its ID or by an ARN (its own, or any inference-profile ARN naming it).
    public func profile(idOrARN: String) -> Tracked<InferenceProfile>? {
        if let profile = state.profiles[idOrARN] { return profile }
        if let id = profileIdByARN[idOrARN] { return state.profiles[id] }
        return InferenceProfile.id(fromARN: idOrARN).flatMap { state.profiles[$0] }
    }

    public func profiles(matching filter: ProfileFilter) -> [Tracked<InferenceProfile>] {
        profiles.filter { filter.matches($0, in: self) }
    }

    /// Where a request along `route` may run: its regions, or for a `.commercial` route every
    /// commercial Bedrock region of the source's partition the registry knows (and the listed ones).
    public func destinations(of route: Route) -> [String] {
        guard route.scope == .commercial else { return route.destinationRegions }
        let partition = state.regions[route.sourceRegion]?.value.partition ?? "aws"
        return Array(Set(commercialRegions[partition, default: []]).union(route.destinationRegions)).sorted()
    }

    /// The grant that decides access for a model in a region: manual wins over aws.
    public func effectiveGrant(_ key: AccessGrant.Key) -> AccessGrant? {
        state.grants[GrantID(key: key, origin: .manual)] ?? state.grants[GrantID(key: key, origin: .aws)]
    }

    public func access(for profile: InferenceProfile, from sourceRegion: String) -> RouteAccess? {
        profile.route(from: sourceRegion).map { RouteAccess(profile: profile, route: $0, grant: effectiveGrant) }
    }

    public func access(for profile: InferenceProfile) -> [RouteAccess] {
        profile.routes.map { RouteAccess(profile: profile, route: $0, grant: effectiveGrant) }
    }

    /// Every (active profile, source region) route's access, of `geo`, from `sourceRegion`.
    public func routeAccess(geo: String? = nil, sourceRegion: String? = nil) -> [RouteAccess] {
        profiles
            .filter { !$0.isRemoved && (geo == nil || $0.value.geo == geo) }
            .flatMap { access(for: $0.value) }
            .filter { sourceRegion == nil || $0.sourceRegion == sourceRegion }
    }

    /// Every (active profile, source region) whose access is incomplete: the requests that would fail.
    public func audit(geo: String? = nil, sourceRegion: String? = nil) -> [RouteAccess] {
        routeAccess(geo: geo, sourceRegion: sourceRegion).filter { !$0.complete }
    }
}
