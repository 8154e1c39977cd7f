import RegionRegistry
import RegistryHealth
import StoreInterface
import Testing

/// What a fleet follower relies on, checked on each engine: the change-log rows of an operator's
/// grant writes (and health transitions) rebuild exactly the state the store then holds.
public enum FollowChecks {
    public static func operatorChangesRebuildTheStoredState(_ store: any RegistryStorage) async throws {
        let regions = ["us-east-1", "us-west-2"].map {
            Region(code: $0, name: $0, geography: "North America", partition: "aws", optIn: false, bedrockEndpoint: true)
        }
        let model = FoundationModel(id: "anthropic.claude-3-haiku-20240307-v1:0", provider: "anthropic", lifecycleStatus: "LEGACY",
                                    lifecycle: ModelLifecycle(status: .eol, legacyAt: "2026-03-10", endOfLifeAt: "2026-09-10",
                                                              recommendedReplacement: "anthropic.claude-haiku-4-5-20251001-v1:0",
                                                              regions: ["us-east-1"], evidence: ["L1"]))
        let profile = InferenceProfile(id: "us.\(model.id)", name: "US Haiku", type: .systemDefined, geo: "us", modelId: model.id,
                                       status: "ACTIVE", routes: [Route(sourceRegion: "us-east-1", destinationRegions: ["us-east-1", "us-west-2"])])
        let grant = AccessGrant(modelId: model.id, region: "us-east-1", origin: .aws, status: .granted, checkedAt: "2026-12-01T00:00:00.000Z")
        let snapshot = Snapshot(source: "test", scope: .complete, regions: regions, models: [model], profiles: [profile], awsGrants: [grant])
        _ = try await store.apply(snapshot, run: try await store.beginRun(source: "test", trigger: .cli))
        let base = try await store.loadView()
        #expect(base.model(model.id)?.value == model, "the model, lifecycle included, comes back from the store as it went in")

        _ = try await store.setManualGrant(modelId: model.id, region: "us-west-2", status: .granted, note: "ticket 42")
        _ = try await store.setManualGrant(modelId: model.id, region: "us-east-1", status: .denied, note: nil)
        _ = try await store.setManualGrant(modelId: model.id, region: "us-west-2", status: .denied, note: "revoked")
        try await store.removeManualGrant(modelId: model.id, region: "us-east-1")
        let key = HealthKey(region: "us-east-1", modelId: model.id)
        try await store.recordHealth([HealthTransition(key: key, from: .unknown, to: .degraded, at: .now, reason: "test")],
                                     states: [key: TrackedHealth(state: .degraded, since: .now, reason: "test")])

        let rows = try await store.changes(since: base.index, limit: 100)
        let followed = try #require(base.state.applyingOperatorChanges(rows), "grant and health rows are applied without the store")
        let stored = try await store.loadView()
        #expect(followed == stored.state)
        #expect(rows.last?.index == stored.index)
        // A refresh's rows are not: the follower reads the store for them.
        let changed = Snapshot(source: "test", scope: .complete, regions: regions, models: [model], profiles: [], awsGrants: [grant])
        _ = try await store.apply(changed, run: try await store.beginRun(source: "test", trigger: .cli))
        #expect(stored.state.applyingOperatorChanges(try await store.changes(since: stored.index, limit: 100)) == nil)
    }
}
