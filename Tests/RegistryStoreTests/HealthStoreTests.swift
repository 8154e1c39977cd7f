import CivilTime
import Foundation
import GRDB
import RegionRegistry
import RegistryHealth
import RegistryTestSupport
import Testing
@testable import RegistryStore

/// Samples, rollups and states in the store: batched writes, pruning in small batches, round trips.
@Suite struct HealthStoreTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    func sample(_ minutesAgo: Double, now: Date, outcome: HealthSample.Outcome = .ok) -> HealthSample {
        HealthSample(region: "us-east-1", modelId: "m", observedAt: now.addingTimeInterval(-minutesAgo * 60), latencyMs: 120,
                     outcome: outcome)
    }

    @Test func retentionPrunesOnlyOldSamplesInBoundedBatches() async throws {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let now = Date()
        // 2,500 samples 25 h old, 500 from the last hour.
        try await store.insertSamples((0..<2_500).map { _ in sample(25 * 60, now: now) } + (0..<500).map { _ in sample(30, now: now) })
        #expect(try await store.sampleCount() == 3_000)
        let cutoff = now.addingTimeInterval(-24 * 3600)
        var batches: [Int] = []
        while true {
            let removed = try await store.pruneSamples(before: cutoff, limit: 1_000)
            if removed == 0 { break }
            batches.append(removed)
        }
        #expect(batches == [1_000, 1_000, 500], "each call deletes at most one batch")
        #expect(try await store.sampleCount() == 500)
        try store.close()
    }

    @Test func sampleTimesAreStoredAsRFC3339() async throws {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        let when = try #require(Timestamp.parse("2026-02-28T23:59:59.987Z"))
        try await store.insertSamples([HealthSample(region: "eu-west-1", modelId: "m", observedAt: when, latencyMs: 1, outcome: .timeout)])
        let stored = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT observed_at FROM health_sample") }
        #expect(stored == "2026-02-28T23:59:59.987Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.format(try #require(Timestamp.parse("2024-02-29T12:00:00Z"))) == "2024-02-29T12:00:00.000Z")
        try store.close()
    }

    @Test func operatorChangesRebuildTheStoredState() async throws {
        let store = try await SQLiteStore.open(at: dir.file("follow.sqlite3"))
        try await FollowChecks.operatorChangesRebuildTheStoredState(store)
        try store.close()
    }

    @Test func rollupsAreKeptPerReplica() async throws {
        let store = try await SQLiteStore.open(at: dir.file("db.sqlite3"))
        try await HealthStoreChecks.rollupsAreKeptPerReplica(store)
        try store.close()
    }

    @Test func rollupsAndStatesSurviveARestartAndTransitionsAreLogged() async throws {
        let path = dir.file("db.sqlite3")
        let store = try await SQLiteStore.open(at: path)
        var sketch = LatencySketch()
        for latency in [100.0, 200, 300] { sketch.record(latency) }
        let key = HealthKey(region: "us-east-1", modelId: "m")
        let rollup = MinuteRollup(key: key, minute: 29_000_000, count: 3, errors: 1, throttled: 0, timeouts: 0, sketch: sketch)
        try await store.saveRollups([rollup, MinuteRollup(key: HealthKey(region: "us-east-1"), minute: 28_000_000, count: 1, errors: 0,
                                                          throttled: 0, timeouts: 0, sketch: LatencySketch())])
        let before = try await store.currentIndex()
        let since = Date(timeIntervalSince1970: 1_800_000_000)
        let index = try await store.recordHealth(
            [HealthTransition(key: key, from: .unknown, to: .degraded, at: since, reason: "error rate 33% ≥ 5%")],
            states: [key: TrackedHealth(state: .degraded, since: since, reason: "error rate 33% ≥ 5%")])
        #expect(index.indexBefore == before && index.indexAfter == before + 1)
        try store.close()

        let reopened = try await SQLiteStore.open(at: path)
        #expect(try await reopened.rollups(since: 28_999_999) == [rollup], "older rollups are not returned")
        #expect(try await reopened.healthStates()[key]?.state == .degraded)
        let logged = try await reopened.changes(since: before, limit: 10)
        #expect(logged.map(\.change.key) == ["us-east-1/m"] && logged.first?.change.kind == .health)
        #expect(logged.first?.change.after?["state"] == .string("degraded"))
        #expect(try await reopened.pruneRollups(beforeMinute: 28_500_000) == 1)
        try reopened.close()
    }
}
