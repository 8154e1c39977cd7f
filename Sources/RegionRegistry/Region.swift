/// An AWS region as the registry knows it: where requests come from (source) or go to (destination).
public struct Region: Sendable, Hashable, Codable {
    public var code: String
    public var name: String
    public var geography: String
    public var partition: String
    /// Disabled by default for new accounts (cross-region routing may still land there); nil when unknown.
    public var optIn: Bool?
    /// Whether the SDK endpoint tables list a Bedrock endpoint here; nil when the source does not say.
    public var bedrockEndpoint: Bool?

    public init(code: String, name: String, geography: String, partition: String, optIn: Bool?, bedrockEndpoint: Bool?) {
        self.code = code
        self.name = name
        self.geography = geography
        self.partition = partition
        self.optIn = optIn
        self.bedrockEndpoint = bedrockEndpoint
    }
}
