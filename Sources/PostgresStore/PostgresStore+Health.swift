import CivilTime
import Foundation
import Logging
import PostgresNIO
import RegionRegistry
import RegistryHealth
import StoreInterface

extension PostgresStore {
    public func saveRollups(_ rollups: [MinuteRollup]) async throws {
        guard !rollups.isEmpty else { return }
        let encoder = JSONEncoder()
        let rows: [JSONValue] = try rollups.map { r in
            .object(["region": .string(r.key.region), "model_id": .string(r.key.modelId ?? ""), "minute": .int(r.minute),
                     "replica": .string(r.replica),
                     "count": .int(Int64(r.count)), "errors": .int(Int64(r.errors)), "throttled": .int(Int64(r.throttled)),
                     "timeouts": .int(Int64(r.timeouts)), "sketch": .string(String(decoding: try encoder.encode(r.sketch), as: UTF8.self))])
        }
        let json = JSONText.encode(.array(rows))
        try await write { connection, logger in
            try await connection.query("""
                INSERT INTO health_rollup (region, model_id, minute, replica, count, errors, throttled, timeouts, sketch)
                SELECT * FROM jsonb_to_recordset(\(json)::jsonb) AS x(region text, model_id text, minute bigint, replica text,
                    count bigint, errors bigint, throttled bigint, timeouts bigint, sketch text)
                ON CONFLICT (region, model_id, minute, replica) DO UPDATE SET count = excluded.count, errors = excluded.errors,
                    throttled = excluded.throttled, timeouts = excluded.timeouts, sketch = excluded.sketch
                """, logger: logger)
        }
    }

    public func rollups(since minute: Int64) async throws -> [MinuteRollup] {
        try await read { connection, logger in
            let decoder = JSONDecoder()
            return try await connection.rows("SELECT * FROM health_rollup WHERE minute >= \(minute) ORDER BY minute", logger: logger)
                .compactMap { row -> MinuteRollup? in
                    let model = try row.text("model_id")
                    guard let sketch = try? decoder.decode(LatencySketch.self, from: Data(try row.text("sketch").utf8)) else { return nil }
                    return MinuteRollup(key: HealthKey(region: try row.text("region"), modelId: model.isEmpty ? nil : model),
                                        minute: try row.int("minute"), count: Int(try row.int("count")), errors: Int(try row.int("errors")),
                                        throttled: Int(try row.int("throttled")), timeouts: Int(try row.int("timeouts")), sketch: sketch,
                                        replica: try row.text("replica"))
                }
        }
    }

    public func pruneRollups(beforeMinute minute: Int64, limit: Int) async throws -> Int {
        try await write { connection, logger in
            try await connection.rows("""
                DELETE FROM health_rollup WHERE (region, model_id, minute, replica) IN
                    (SELECT region, model_id, minute, replica FROM health_rollup WHERE minute < \(minute) LIMIT \(Int64(limit))) RETURNING minute
                """, logger: logger).count
        }
    }

    @discardableResult
    public func recordHealth(_ transitions: [HealthTransition], states: [HealthKey: TrackedHealth]) async throws -> LoggedWrite<Int> {
        try await write { connection, logger in
            let before = try await Self.lockChangeLog(connection, logger: logger)
            let changes = transitions.map { transition in
                Change(kind: .health, key: transition.key.description, action: .changed,
                       before: ["state": .string(transition.from.rawValue)],
                       after: ["state": .string(transition.to.rawValue), "reason": .string(transition.reason)])
            }
            let after = try await Self.log(changes, after: before, at: Timestamp.now(), run: nil, connection, logger: logger)
            let rows: [JSONValue] = states.map { key, tracked in
                .object(["region": .string(key.region), "model_id": .string(key.modelId ?? ""), "state": .string(tracked.state.rawValue),
                         "since": JSONValue(tracked.since.map(Timestamp.format)), "reason": .string(tracked.reason),
                         "candidate": JSONValue(tracked.candidate?.rawValue), "streak": .int(Int64(tracked.streak))])
            }
            if !rows.isEmpty {
                try await connection.query("""
                    INSERT INTO health_state (region, model_id, state, since, reason, candidate, streak)
                    SELECT * FROM jsonb_to_recordset(\(JSONText.encode(.array(rows)))::jsonb)
                        AS x(region text, model_id text, state text, since text, reason text, candidate text, streak bigint)
                    ON CONFLICT (region, model_id) DO UPDATE SET state = excluded.state, since = excluded.since, reason = excluded.reason,
                        candidate = excluded.candidate, streak = excluded.streak
                    """, logger: logger)
            }
            return LoggedWrite(value: transitions.count, indexBefore: before, indexAfter: after)
        }
    }

    public func healthStates() async throws -> [HealthKey: TrackedHealth] {
        try await read { connection, logger in
            var states: [HealthKey: TrackedHealth] = [:]
            for row in try await connection.rows("SELECT * FROM health_state", logger: logger) {
                let model = try row.text("model_id")
                let key = HealthKey(region: try row.text("region"), modelId: model.isEmpty ? nil : model)
                states[key] = TrackedHealth(
                    state: try row.enumValue("state", table: "health_state", key: key.description),
                    since: try row.optionalText("since").flatMap(Timestamp.parse), reason: try row.text("reason"),
                    candidate: try row.optionalEnumValue("candidate", table: "health_state", key: key.description),
                    streak: Int(try row.int("streak")))
            }
            return states
        }
    }
}
