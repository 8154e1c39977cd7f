/// What health is tracked for: a region as a whole, or one model in a region.
public struct HealthKey: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var region: String
    /// nil: the region as a whole (every model's samples there).
    public var modelId: String?

    public init(region: String, modelId: String? = nil) {
        self.region = region
        self.modelId = modelId
    }

    /// The region-wide key this key rolls up into.
    public var regionKey: HealthKey { HealthKey(region: region) }

    /// Region first, the region-wide key before its models.
    public static func < (a: HealthKey, b: HealthKey) -> Bool {
        if a.region != b.region { return a.region < b.region }
        switch (a.modelId, b.modelId) {
        case (nil, nil): return false
        case (nil, _): return true
        case (_, nil): return false
        case (let x?, let y?): return x < y
        }
    }

    /// `us-east-1` or `us-east-1/anthropic.claude-3-haiku-20240307-v1:0`.
    public var description: String {
        modelId.map { "\(region)/\($0)" } ?? region
    }
}
