import RegionRegistry
/// The regiond catalog format, version 1 (documented in `Catalog/README.md`): regions, models and
/// inference profiles with their routes, and where the facts come from.
public struct CatalogFile: Sendable, Codable, Hashable {
    public static let formatName = "regiond-catalog"
    public static let supportedVersion = 1

    public var format: String
    public var version: Int
    public var name: String
    public var compiledAt: String
    public var provenance: Provenance
    public var regions: [Region]
    public var models: [Model]
    public var profiles: [Profile]

    enum CodingKeys: String, CodingKey {
        case format, version, name, provenance, regions, models, profiles
        case compiledAt = "compiled_at"
    }

    public struct Provenance: Sendable, Codable, Hashable {
        public var summary: String
        public var sources: [Source]
        public var notes: [String]
    }

    public struct Source: Sendable, Codable, Hashable {
        public var key: String
        public var kind: String
        public var observed: String?
        public var url: String
        public var what: String
    }

    public struct Region: Sendable, Codable, Hashable {
        public var code: String
        public var name: String
        public var geography: String
        public var partition: String
        public var optIn: Bool?
        public var bedrockEndpoint: Bool?

        enum CodingKeys: String, CodingKey {
            case code, name, geography, partition
            case optIn = "opt_in"
            case bedrockEndpoint = "bedrock_endpoint"
        }
    }

    public struct Model: Sendable, Codable, Hashable {
        public var id: String
        public var provider: String?
        public var name: String?
        /// AWS's published lifecycle, when the catalog has it.
        public var lifecycle: ModelLifecycle?
    }

    public struct Profile: Sendable, Codable, Hashable {
        public var id: String
        public var name: String
        public var description: String?
        public var type: String
        public var geo: String
        public var modelId: String
        public var status: String
        public var createdAt: String?
        public var updatedAt: String?
        public var notes: [String]?
        public var routes: [Route]

        enum CodingKeys: String, CodingKey {
            case id, name, description, type, geo, status, notes, routes
            case modelId = "model_id"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
        }
    }

    public struct Route: Sendable, Codable, Hashable {
        public var sourceRegion: String
        public var destinationRegions: [String]
        /// `regions` (the default) or `commercial`: any commercial region of the partition.
        public var destinationScope: String?
        public var confidence: String?
        public var evidence: [String]?

        enum CodingKeys: String, CodingKey {
            case confidence, evidence
            case sourceRegion = "source_region"
            case destinationRegions = "destination_regions"
            case destinationScope = "destination_scope"
        }
    }
}
