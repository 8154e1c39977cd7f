import CivilTime
import GRDB
import RegionRegistry

extension SQLiteStore {
    /// Records that a refresh started, so a crash mid-run still leaves a trace.
    public func beginRun(source: String, trigger: RefreshRun.Trigger) async throws -> RefreshRun {
        try await pool.write { db in
            let startedAt = Timestamp.now()
            try db.execute(sql: "INSERT INTO refresh_run (source, trigger, started_at, outcome) VALUES (?, ?, ?, 'running')",
                           arguments: [source, trigger.rawValue, startedAt])
            return RefreshRun(id: db.lastInsertedRowID, source: source, trigger: trigger, startedAt: startedAt, outcome: .running)
        }
    }

    /// Records a failed run; the registry itself is untouched.
    public func failRun(_ run: RefreshRun, error: String) async throws -> RefreshRun {
        let failed = run.failed(error)
        try await pool.write { db in try Self.update(failed, db) }
        return failed
    }

    /// Runs left `running` by a process that died are marked failed at start-up.
    @discardableResult
    public func abandonInterruptedRuns() async throws -> Int {
        try await pool.write { db in
            try db.execute(sql: """
                UPDATE refresh_run SET outcome = 'failed', finished_at = ?, error = 'interrupted: regiond stopped during the run'
                WHERE outcome = 'running'
                """, arguments: [Timestamp.now()])
            return db.changesCount
        }
    }

    public func recentRuns(limit: Int = 20) async throws -> [RefreshRun] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM refresh_run ORDER BY id DESC LIMIT ?", arguments: [limit]).map {
                var run = try Self.run($0)
                run.regions = try Self.regionReports(run: run.id, db)
                return run
            }
        }
    }

    /// The latest run that applied anything: a partial run updated the regions it could read.
    public func lastSuccessfulRun() async throws -> RefreshRun? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM refresh_run WHERE outcome IN ('succeeded', 'partial') ORDER BY id DESC LIMIT 1")
                .map { try Self.run($0) }
        }
    }

    static func update(_ run: RefreshRun, _ db: Database) throws {
        try db.execute(sql: """
            UPDATE refresh_run SET finished_at = ?, outcome = ?, error = ?, added = ?, changed = ?, removed = ?, change_index = ?
            WHERE id = ?
            """, arguments: [run.finishedAt, run.outcome.rawValue, run.error, run.added, run.changed, run.removed, run.index, run.id])
    }

    private static func run(_ row: Row) throws -> RefreshRun {
        let id: Int64 = row["id"]
        return RefreshRun(
            id: id, source: row["source"], trigger: try row.enumValue("trigger", table: "refresh_run", key: "\(id)"),
            startedAt: row["started_at"], finishedAt: row["finished_at"],
            outcome: try row.enumValue("outcome", table: "refresh_run", key: "\(id)"), error: row["error"],
            added: row["added"], changed: row["changed"], removed: row["removed"], index: row["change_index"])
    }
}
