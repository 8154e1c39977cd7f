/// One entry of the change log: a single entity added, changed or removed.
public struct Change: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case region, model, profile, route, grant
        /// A health state transition of a region or region×model (from samples, not a refresh).
        case health
        /// A model's lifecycle status or dates changed (and nothing else about it); key: the model id.
        case lifecycle
    }

    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case added, changed, removed
    }

    public var kind: Kind
    public var key: String
    public var action: Action
    public var before: [String: JSONValue]?
    public var after: [String: JSONValue]?

    public init(kind: Kind, key: String, action: Action, before: [String: JSONValue]?, after: [String: JSONValue]?) {
        self.kind = kind
        self.key = key
        self.action = action
        self.before = before
        self.after = after
    }

    /// Route keys join profile and source region with `@`, which neither ever contains.
    public static func routeKey(profileId: String, sourceRegion: String) -> String { "\(profileId)@\(sourceRegion)" }
    public static func grantKey(_ key: AccessGrant.Key, origin: AccessGrant.Origin) -> String {
        "\(key.region)/\(key.modelId)/\(origin.rawValue)"
    }
}

/// A change as the log stored it: with its index and time.
public struct LoggedChange: Sendable, Hashable {
    public var index: Int64
    public var at: String
    public var change: Change

    public init(index: Int64, at: String, change: Change) {
        self.index = index
        self.at = at
        self.change = change
    }
}
