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
        profiles.filter { filter.matches($0) }
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

    /// Every (active profile, source region) whose access is incomplete: the requests that would fail.
    public func audit(geo: String? = nil, sourceRegion: String? = nil) -> [RouteAccess] {
        profiles
            .filter { !$0.isRemoved && (geo == nil || $0.value.geo == geo) }
            .flatMap { access(for: $0.value) }
            .filter { !$0.complete && (sourceRegion == nil || $0.sourceRegion == sourceRegion) }
    }
}

/// The filters of `GET /v1/profiles`; nil means "any".
public struct ProfileFilter: Sendable, Hashable {
    public var geo: String?
    public var modelId: String?
    public var sourceRegion: String?
    public var destinationRegion: String?
    public var type: InferenceProfile.Kind?
    public var includeRemoved: Bool

    public init(
        geo: String? = nil, modelId: String? = nil, sourceRegion: String? = nil,
        destinationRegion: String? = nil, type: InferenceProfile.Kind? = nil, includeRemoved: Bool = false
    ) {
        self.geo = geo
        self.modelId = modelId
        self.sourceRegion = sourceRegion
        self.destinationRegion = destinationRegion
        self.type = type
        self.includeRemoved = includeRemoved
    }

    public func matches(_ tracked: Tracked<InferenceProfile>) -> Bool {
        let profile = tracked.value
        if tracked.isRemoved && !includeRemoved { return false }
        if let geo, profile.geo != geo { return false }
        if let modelId, profile.modelId != modelId { return false }
        if let type, profile.type != type { return false }
        if let sourceRegion, profile.route(from: sourceRegion) == nil { return false }
        if let destinationRegion, !profile.routes.contains(where: { $0.destinationRegions.contains(destinationRegion) }) {
            return false
        }
        return true
    }
}
