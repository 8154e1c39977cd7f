/// A Bedrock foundation model, the thing access is granted to (per region).
public struct FoundationModel: Sendable, Hashable, Codable {
    public var id: String
    public var provider: String?
    public var name: String?
    /// AWS's lifecycle status (ACTIVE, LEGACY, …), kept as reported; nil when the source does not say.
    public var lifecycleStatus: String?
    /// AWS's published lifecycle (dates, replacement), from the catalog; see `lifecycle(on:)`.
    public var lifecycle: ModelLifecycle?

    public init(id: String, provider: String? = nil, name: String? = nil, lifecycleStatus: String? = nil, lifecycle: ModelLifecycle? = nil) {
        self.id = id
        self.provider = provider
        self.name = name
        self.lifecycleStatus = lifecycleStatus
        self.lifecycle = lifecycle
    }
}
