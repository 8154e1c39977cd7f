import Foundation
import RegionRegistry
@testable import RegistryHealth

/// Fixed clock and small registries shared by the health tests.
enum HealthFixture {
    /// 2026-05-01T12:00:00Z, on a minute boundary (minute 29,627,280).
    static let noon = Date(timeIntervalSince1970: 1_777_636_800)
    static let noonMinute: Int64 = 29_627_280

    static let haiku = "anthropic.claude-3-haiku-20240307-v1:0"
    static let sonnet = "anthropic.claude-sonnet-4-20250514-v1:0"

    static func at(minutes: Double = 0, seconds: Double = 0) -> Date {
        noon.addingTimeInterval(minutes * 60 + seconds)
    }

    static func sample(
        _ region: String = "us-east-1", model: String = haiku, at date: Date = noon,
        latency: Double = 100, outcome: HealthSample.Outcome = .ok
    ) -> HealthSample {
        HealthSample(region: region, modelId: model, observedAt: date, latencyMs: latency, outcome: outcome)
    }

    static func stats(count: Int, errors: Int = 0, throttled: Int = 0, timeouts: Int = 0, p95: Double? = 500) -> HealthStats {
        HealthStats(count: count, ok: count - errors - throttled - timeouts, errors: errors, throttled: throttled,
                    timeouts: timeouts, p50: p95.map { $0 / 2 }, p95: p95, p99: p95)
    }

    static func tracked(_ state: HealthState, _ reason: String = "") -> TrackedHealth {
        TrackedHealth(state: state, since: noon, reason: reason)
    }

    // MARK: Registries, built as RegionRegistry's own tests build them

    static func region(_ code: String) -> Region {
        Region(code: code, name: code, geography: "test", partition: "aws", optIn: false, bedrockEndpoint: true)
    }

    static func profile(_ id: String, geo: String, model: String = sonnet, routes: [String: [String]]) -> InferenceProfile {
        InferenceProfile(
            id: id, name: id, type: .systemDefined, geo: geo, modelId: model, status: "ACTIVE",
            routes: routes.keys.sorted().map { Route(sourceRegion: $0, destinationRegions: routes[$0]!) })
    }

    static func grant(_ region: String, _ status: AccessGrant.Status, model: String = sonnet,
                      origin: AccessGrant.Origin = .aws, note: String? = nil, authorization: String? = nil) -> AccessGrant {
        AccessGrant(modelId: model, region: region, origin: origin, status: status,
                    authorizationStatus: authorization, note: note, checkedAt: "t1")
    }

    static func view(profiles: [InferenceProfile], grants: [AccessGrant], removed: Set<String> = []) -> RegistryView {
        func tracked<V>(_ value: V, removed: Bool = false) -> Tracked<V> {
            Tracked(value: value, firstSeen: "t0", lastSeen: "t0", removedAt: removed ? "t1" : nil)
        }
        let regionCodes = Set(profiles.flatMap { $0.routes.flatMap { [$0.sourceRegion] + $0.destinationRegions } })
        let models = Set(profiles.map(\.modelId))
        let state = RegistryState(
            regions: Dictionary(uniqueKeysWithValues: regionCodes.map { ($0, tracked(region($0))) }),
            models: Dictionary(uniqueKeysWithValues: models.map { ($0, tracked(FoundationModel(id: $0))) }),
            profiles: Dictionary(uniqueKeysWithValues: profiles.map { ($0.id, tracked($0, removed: removed.contains($0.id))) }),
            grants: Dictionary(uniqueKeysWithValues: grants.map { (GrantID(key: $0.key, origin: $0.origin), $0) }))
        return RegistryView(state: state, index: 3)
    }
}
