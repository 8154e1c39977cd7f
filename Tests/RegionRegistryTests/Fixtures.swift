import RegionRegistry

/// Small hand-made registries: three US regions, one model, the claude-3-haiku profile whose
/// destinations differ by source region (as AWS documents it).
enum Fixture {
    static let regions = ["us-east-1", "us-east-2", "us-west-2"].map {
        Region(code: $0, name: $0, geography: "North America", partition: "aws", optIn: false, bedrockEndpoint: true)
    }
    static let haikuModel = FoundationModel(id: "anthropic.claude-3-haiku-20240307-v1:0", provider: "anthropic")
    static let haiku = InferenceProfile(
        id: "us.anthropic.claude-3-haiku-20240307-v1:0", name: "US Anthropic Claude 3 Haiku", type: .systemDefined,
        geo: "us", modelId: haikuModel.id, status: "ACTIVE",
        routes: [
            Route(sourceRegion: "us-east-2", destinationRegions: ["us-west-2", "us-east-1", "us-east-2"]),
            Route(sourceRegion: "us-west-2", destinationRegions: ["us-east-1", "us-west-2"]),
        ])

    static func snapshot(profiles: [InferenceProfile] = [haiku], scope: Snapshot.Scope = .complete, grants: [AccessGrant]? = nil) -> Snapshot {
        Snapshot(source: "test", scope: scope, regions: regions, models: [haikuModel], profiles: profiles, awsGrants: grants)
    }

    /// What the store would hold after applying `snapshot` (without its bookkeeping).
    static func state(after snapshot: Snapshot, grants: [AccessGrant] = []) -> RegistryState {
        func tracked<V>(_ value: V) -> Tracked<V> { Tracked(value: value, firstSeen: "t0", lastSeen: "t0") }
        return RegistryState(
            regions: Dictionary(uniqueKeysWithValues: snapshot.regions.map { ($0.code, tracked($0)) }),
            models: Dictionary(uniqueKeysWithValues: snapshot.models.map { ($0.id, tracked($0)) }),
            profiles: Dictionary(uniqueKeysWithValues: snapshot.profiles.map { ($0.id, tracked($0)) }),
            grants: Dictionary(uniqueKeysWithValues: (grants + (snapshot.awsGrants ?? [])).map { (GrantID(key: $0.key, origin: $0.origin), $0) }))
    }

    static func grant(_ region: String, _ status: AccessGrant.Status, origin: AccessGrant.Origin = .aws, checkedAt: String = "t1") -> AccessGrant {
        AccessGrant(modelId: haikuModel.id, region: region, origin: origin, status: status, checkedAt: checkedAt)
    }
}
