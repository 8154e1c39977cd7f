/// An entity with the registry's own bookkeeping: when it was first and last seen, and whether it
/// is gone (removed entities are kept for history, never deleted).
public struct Tracked<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var firstSeen: String
    public var lastSeen: String
    public var removedAt: String?

    public init(value: Value, firstSeen: String, lastSeen: String, removedAt: String? = nil) {
        self.value = value
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.removedAt = removedAt
    }

    public var isRemoved: Bool { removedAt != nil }
}

/// Identifies one stored grant: a model in a region, from one origin.
public struct GrantID: Sendable, Hashable, Comparable {
    public var key: AccessGrant.Key
    public var origin: AccessGrant.Origin

    public init(key: AccessGrant.Key, origin: AccessGrant.Origin) {
        self.key = key
        self.origin = origin
    }

    public static func < (a: GrantID, b: GrantID) -> Bool {
        (a.key, a.origin.rawValue) < (b.key, b.origin.rawValue)
    }
}

/// Everything the store holds about the registry (not health, runs or the log), as loaded in one
/// read transaction. The diff compares a snapshot against it; the read model is built from it.
public struct RegistryState: Sendable, Hashable {
    public var regions: [String: Tracked<Region>]
    public var models: [String: Tracked<FoundationModel>]
    public var profiles: [String: Tracked<InferenceProfile>]
    public var grants: [GrantID: AccessGrant]

    public init(
        regions: [String: Tracked<Region>] = [:], models: [String: Tracked<FoundationModel>] = [:],
        profiles: [String: Tracked<InferenceProfile>] = [:], grants: [GrantID: AccessGrant] = [:]
    ) {
        self.regions = regions
        self.models = models
        self.profiles = profiles
        self.grants = grants
    }

    public static let empty = RegistryState()
}
