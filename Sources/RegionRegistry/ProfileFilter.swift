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

    public func matches(_ tracked: Tracked<InferenceProfile>, in view: RegistryView) -> Bool {
        let profile = tracked.value
        if tracked.isRemoved && !includeRemoved { return false }
        if let geo, profile.geo != geo { return false }
        if let modelId, profile.modelId != modelId { return false }
        if let type, profile.type != type { return false }
        if let sourceRegion, profile.route(from: sourceRegion) == nil { return false }
        if let destinationRegion, !profile.routes.contains(where: { view.destinations(of: $0).contains(destinationRegion) }) {
            return false
        }
        return true
    }
}
