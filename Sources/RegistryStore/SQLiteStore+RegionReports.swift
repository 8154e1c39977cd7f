import GRDB
import RegionRegistry
import StoreInterface

extension SQLiteStore {
    static func insertRegionReports(_ run: RefreshRun, _ db: Database) throws {
        for report in run.regions {
            try db.execute(sql: """
                INSERT INTO refresh_region (refresh_run, region, part, outcome, error, skipped, requests, retries, throttled,
                    duration_ms, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (refresh_run, region, part) DO UPDATE SET outcome = excluded.outcome, error = excluded.error,
                    skipped = excluded.skipped
                """, arguments: [run.id, report.region, report.part.rawValue, report.outcome.rawValue, report.error,
                                 try JSONText.encode(report.skipped), report.requests, report.retries, report.throttled,
                                 report.durationMilliseconds, run.finishedAt])
        }
    }

    static func regionReports(run: Int64, _ db: Database) throws -> [RegionReport] {
        try Row.fetchAll(db, sql: "SELECT * FROM refresh_region WHERE refresh_run = ? ORDER BY part DESC, region", arguments: [run]).map {
            let region: String = $0["region"], key = "\(run)/\(region)"
            return RegionReport(region: region, part: try $0.enumValue("part", table: "refresh_region", key: key),
                                outcome: try $0.enumValue("outcome", table: "refresh_region", key: key), error: $0["error"],
                                skipped: try JSONText.decode([RegionReport.SkippedItem].self, from: $0["skipped"]) ?? [],
                                requests: $0["requests"], retries: $0["retries"], throttled: $0["throttled"],
                                durationMilliseconds: $0["duration_ms"])
        }
    }

    /// Per region and part: when it was last tried, last read successfully, and the latest error.
    public func regionStatuses() async throws -> [RegionRefreshStatus] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT region, part,
                    MAX(finished_at) AS last_attempt_at,
                    MAX(CASE WHEN outcome <> 'failed' THEN finished_at END) AS last_success_at,
                    (SELECT error FROM refresh_region latest WHERE latest.region = r.region AND latest.part = r.part
                        ORDER BY refresh_run DESC LIMIT 1) AS last_error,
                    SUM(CASE WHEN outcome = 'failed' AND refresh_run > COALESCE(
                        (SELECT MAX(refresh_run) FROM refresh_region ok WHERE ok.region = r.region AND ok.part = r.part
                            AND ok.outcome <> 'failed'), 0) THEN 1 ELSE 0 END) AS consecutive_failures
                FROM refresh_region r GROUP BY region, part ORDER BY region, part DESC
                """).map {
                let region: String = $0["region"]
                return RegionRefreshStatus(region: region, part: try $0.enumValue("part", table: "refresh_region", key: region),
                                           lastAttemptAt: $0["last_attempt_at"], lastSuccessAt: $0["last_success_at"],
                                           lastError: $0["last_error"], consecutiveFailures: $0["consecutive_failures"])
            }
        }
    }
}
