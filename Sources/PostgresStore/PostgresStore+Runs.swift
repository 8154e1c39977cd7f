import CivilTime
import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    public func beginRun(source: String, trigger: RefreshRun.Trigger) async throws -> RefreshRun {
        try await write { connection, logger in
            let startedAt = Timestamp.now()
            let id = try await connection.rows("""
                INSERT INTO refresh_run (source, trigger, started_at, outcome) VALUES (\(source), \(trigger.rawValue), \(startedAt), 'running')
                RETURNING id
                """, logger: logger).first?.int("id") ?? 0
            return RefreshRun(id: id, source: source, trigger: trigger, startedAt: startedAt, outcome: .running)
        }
    }

    public func failRun(_ run: RefreshRun, error: String) async throws -> RefreshRun {
        let finished = run.failed(error)
        try await write { connection, logger in try await Self.update(finished, connection, logger: logger) }
        return finished
    }

    /// In a fleet only the leader refreshes, so a run left `running` is one whose replica died.
    @discardableResult
    public func abandonInterruptedRuns() async throws -> Int {
        try await write { connection, logger in
            try await connection.rows("""
                UPDATE refresh_run SET outcome = 'failed', finished_at = \(Timestamp.now()), error = 'interrupted: regiond stopped during the run'
                WHERE outcome = 'running' RETURNING id
                """, logger: logger).count
        }
    }

    public func recentRuns(limit: Int) async throws -> [RefreshRun] {
        try await read { connection, logger in
            var runs: [RefreshRun] = []
            for row in try await connection.rows("SELECT * FROM refresh_run ORDER BY id DESC LIMIT \(Int64(limit))", logger: logger) {
                var run = try Self.run(row)
                run.regions = try await Self.regionReports(run: run.id, connection, logger: logger)
                runs.append(run)
            }
            return runs
        }
    }

    public func lastSuccessfulRun() async throws -> RefreshRun? {
        try await read { connection, logger in
            try await connection.rows("SELECT * FROM refresh_run WHERE outcome IN ('succeeded', 'partial') ORDER BY id DESC LIMIT 1",
                                      logger: logger).first.map(Self.run)
        }
    }

    static func update(_ run: RefreshRun, _ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            UPDATE refresh_run SET finished_at = \(run.finishedAt), outcome = \(run.outcome.rawValue), error = \(run.error),
                added = \(Int64(run.added)), changed = \(Int64(run.changed)), removed = \(Int64(run.removed)), change_index = \(run.index)
            WHERE id = \(run.id)
            """, logger: logger)
    }

    private static func run(_ row: PostgresRandomAccessRow) throws -> RefreshRun {
        let id = try row.int("id")
        return RefreshRun(
            id: id, source: try row.text("source"), trigger: try row.enumValue("trigger", table: "refresh_run", key: "\(id)"),
            startedAt: try row.text("started_at"), finishedAt: try row.optionalText("finished_at"),
            outcome: try row.enumValue("outcome", table: "refresh_run", key: "\(id)"), error: try row.optionalText("error"),
            added: Int(try row.int("added")), changed: Int(try row.int("changed")), removed: Int(try row.int("removed")),
            index: try row.optionalInt("change_index"))
    }
}
