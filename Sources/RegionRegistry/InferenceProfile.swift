/// A cross-region inference profile: an ID used in place of a model ID, routed by Bedrock from a
/// source region to any of that source's destination regions.
public struct InferenceProfile: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case systemDefined = "SYSTEM_DEFINED"
        case application = "APPLICATION"
    }

    public var id: String
    /// AWS's ARN; nil for catalog data, which has no account.
    public var arn: String?
    public var name: String
    public var description: String?
    public var type: Kind
    /// The geography prefix (`us`, `eu`, `global`, …), kept as data: new prefixes appear over time.
    public var geo: String
    public var modelId: String
    public var status: String
    /// As AWS reports them (RFC 3339 text), so an unchanged profile compares equal after a round trip.
    public var createdAt: String?
    public var updatedAt: String?
    /// One per source region (destinations depend on it), in the order the source gave them.
    public var routes: [Route]
    public var notes: [String]
    /// For an application profile: the system-defined profile it was copied from (same source
    /// region, same model ARNs), whose geography and residency meaning it has; nil when it wraps
    /// one model in one region, and for system-defined profiles.
    public var parentProfileId: String?

    public init(
        id: String, arn: String? = nil, name: String, description: String? = nil, type: Kind,
        geo: String, modelId: String, status: String, createdAt: String? = nil, updatedAt: String? = nil,
        routes: [Route], notes: [String] = [], parentProfileId: String? = nil
    ) {
        self.id = id
        self.arn = arn
        self.name = name
        self.description = description
        self.type = type
        self.geo = geo
        self.modelId = modelId
        self.status = status
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.routes = routes
        self.notes = notes
        self.parentProfileId = parentProfileId
    }

    public func route(from sourceRegion: String) -> Route? {
        routes.first { $0.sourceRegion == sourceRegion }
    }

    /// The geography prefix of a system-defined profile ID: the text before the first `.`, except
    /// for `us-gov.` (whose prefix contains no dot but a dash, and is kept whole).
    public static func geoPrefix(of profileId: String) -> String? {
        guard let dot = profileId.firstIndex(of: ".") else { return nil }
        let prefix = String(profileId[..<dot])
        return prefix.isEmpty ? nil : prefix
    }

    /// The profile ID inside an inference-profile ARN
    /// (`arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic…`), or nil.
    public static func id(fromARN arn: String) -> String? {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", parts[2] == "bedrock" else { return nil }
        for kind in ["inference-profile/", "application-inference-profile/"] where parts[5].hasPrefix(kind) {
            let id = parts[5].dropFirst(kind.count)
            return id.isEmpty ? nil : String(id)
        }
        return nil
    }
}
