import RegistryHealth
import StoreInterface
import Testing

/// Store behaviour both engines must share, run by each engine's tests on a fresh store.
public enum HealthStoreChecks {
    /// Two replicas' rollups of one key and minute are two rows; a replica saving its minute again
    /// replaces its own row only, and reading returns each under its replica's name.
    public static func rollupsAreKeptPerReplica(_ store: any RegistryStorage) async throws {
        let key = HealthKey(region: "us-east-1", modelId: "m")
        func rollup(_ count: Int, _ replica: String) -> MinuteRollup {
            MinuteRollup(key: key, minute: 29_000_000, count: count, errors: 0, throttled: 0, timeouts: 0, sketch: LatencySketch(),
                         replica: replica)
        }
        try await store.saveRollups([rollup(3, "a:1"), rollup(5, "b:2")])
        try await store.saveRollups([rollup(4, "a:1")])
        let read = try await store.rollups(since: 29_000_000).sorted { $0.replica < $1.replica }
        #expect(read.map(\.replica) == ["a:1", "b:2"] && read.map(\.count) == [4, 5], "\(read)")
        #expect(try await store.pruneRollups(beforeMinute: 29_000_001) == 2)
    }
}
