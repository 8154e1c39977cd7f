import CivilTime
import Foundation
import GRDB
import RegionRegistry
import RegistryHealth
import StoreInterface

extension SQLiteStore {
    /// Stores a batch of samples in one transaction (one prepared statement, bound per row).
    public func insertSamples(_ samples: [HealthSample]) async throws {
        guard !samples.isEmpty else { return }
        try await pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT INTO health_sample (region, model_id, profile_id, source_region, observed_at, latency_ms, ttft_ms,
                    outcome, http_status, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for sample in samples {
                try statement.execute(arguments: [
                    sample.region, sample.modelId, sample.profileId, sample.sourceRegion,
                    Timestamp.format(sample.observedAt), sample.latencyMs, sample.ttftMs, sample.outcome.rawValue,
                    sample.httpStatus, sample.origin,
                ])
            }
        }
    }

    /// Deletes at most `limit` samples observed before `cutoff`; returns how many. Callers loop,
    /// yielding between batches, so pruning never holds the writer for long.
    public func pruneSamples(before cutoff: Date, limit: Int = 2_000) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM health_sample WHERE id IN
                    (SELECT id FROM health_sample WHERE observed_at < ? ORDER BY observed_at LIMIT ?)
                """, arguments: [Timestamp.format(cutoff), limit])
            return db.changesCount
        }
    }

    public func sampleCount() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM health_sample") ?? 0 }
    }

    /// Writes (or replaces) minute rollups.
    public func saveRollups(_ rollups: [MinuteRollup]) async throws {
        guard !rollups.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows = try rollups.map { ($0, String(decoding: try encoder.encode($0.sketch), as: UTF8.self)) }
        try await pool.write { db in
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO health_rollup (region, model_id, minute, replica, count, errors, throttled, timeouts, sketch)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (rollup, sketch) in rows {
                try statement.execute(arguments: [rollup.key.region, rollup.key.modelId ?? "", rollup.minute, rollup.replica, rollup.count,
                                                  rollup.errors, rollup.throttled, rollup.timeouts, sketch])
            }
        }
    }

    /// Rollups from `minute` on (every replica's): to restore the in-memory windows after a
    /// restart, and in a fleet to merge the other replicas' recent minutes.
    public func rollups(since minute: Int64) async throws -> [MinuteRollup] {
        try await pool.read { db in
            let decoder = JSONDecoder()
            return try Row.fetchAll(db, sql: "SELECT * FROM health_rollup WHERE minute >= ? ORDER BY minute", arguments: [minute])
                .compactMap { row -> MinuteRollup? in
                    let model: String = row["model_id"], sketchText: String = row["sketch"]
                    guard let sketch = try? decoder.decode(LatencySketch.self, from: Data(sketchText.utf8)) else { return nil }
                    return MinuteRollup(key: HealthKey(region: row["region"], modelId: model.isEmpty ? nil : model), minute: row["minute"],
                                        count: row["count"], errors: row["errors"], throttled: row["throttled"], timeouts: row["timeouts"],
                                        sketch: sketch, replica: row["replica"])
                }
        }
    }

    public func pruneRollups(beforeMinute minute: Int64, limit: Int = 5_000) async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                DELETE FROM health_rollup WHERE (region, model_id, minute, replica) IN
                    (SELECT region, model_id, minute, replica FROM health_rollup WHERE minute < ? LIMIT ?)
                """, arguments: [minute, limit])
            return db.changesCount
        }
    }

    /// Records state transitions in the change log (so `/v1/changes?wait=` watchers see them)
    /// and the current states, in one transaction. Returns the new change index.
    @discardableResult
    public func recordHealth(_ transitions: [HealthTransition], states: [HealthKey: TrackedHealth]) async throws -> LoggedWrite<Int> {
        try await pool.write { db in
            let before = try Self.currentIndex(db)
            let now = Timestamp.now()
            for transition in transitions {
                let before: [String: JSONValue] = ["state": .string(transition.from.rawValue)]
                let after: [String: JSONValue] = ["state": .string(transition.to.rawValue), "reason": .string(transition.reason)]
                try Self.log(Change(kind: .health, key: transition.key.description, action: .changed, before: before, after: after),
                             db, at: now, run: nil)
            }
            let statement = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO health_state (region, model_id, state, since, reason, candidate, streak) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            for (key, tracked) in states {
                try statement.execute(arguments: [key.region, key.modelId ?? "", tracked.state.rawValue,
                                                  tracked.since.map(Timestamp.format), tracked.reason, tracked.candidate?.rawValue, tracked.streak])
            }
            return LoggedWrite(value: transitions.count, indexBefore: before, indexAfter: try Self.currentIndex(db))
        }
    }

    public func healthStates() async throws -> [HealthKey: TrackedHealth] {
        try await pool.read { db in
            var states: [HealthKey: TrackedHealth] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM health_state") {
                let model: String = row["model_id"], since: String? = row["since"]
                let key = HealthKey(region: row["region"], modelId: model.isEmpty ? nil : model)
                states[key] = TrackedHealth(
                    state: try row.enumValue("state", table: "health_state", key: key.description),
                    since: since.flatMap(Timestamp.parse), reason: row["reason"],
                    candidate: try row.optionalEnumValue("candidate", table: "health_state", key: key.description), streak: row["streak"])
            }
            return states
        }
    }
}
