import GRDB
import RegionRegistry

/// The latest word on one region's part of the refreshes: for `/v1/refresh` and staleness.
public struct RegionRefreshStatus: Sendable, Hashable {
    public var region: String
    public var part: RegionReport.Part
    public var lastAttemptAt: String
    public var lastSuccessAt: String?
    /// The latest attempt's error; nil when it succeeded.
    public var lastError: String?
    /// Failed attempts since the last success.
    public var consecutiveFailures: Int
}

extension RegistryStore {
    /// A run fails when no region could be read; it is partial when some could not.
    static func outcome(of snapshot: Snapshot) -> RefreshRun.Outcome {
        let reports = snapshot.regionReports
        guard !reports.isEmpty else { return .succeeded }
        if reports.allSatisfy({ !$0.succeeded }) { return .failed }
        return reports.contains { !$0.succeeded } ? .partial : .succeeded
    }

    static func regionFailureSummary(_ failed: [RegionReport]) -> String? {
        guard !failed.isEmpty else { return nil }
        let shown = failed.prefix(5).map { "\($0.region) (\($0.part.rawValue)): \($0.error ?? "failed")" }
        let more = failed.count > 5 ? "; and \(failed.count - 5) more" : ""
        return "\(failed.count) region part(s) failed and kept their last known data: " + shown.joined(separator: "; ") + more
    }

    static func insertRegionReports(_ run: RefreshRun, _ db: Database) throws {
        for report in run.regions {
            try db.execute(sql: """
                INSERT INTO refresh_region (refresh_run, region, part, outcome, error, requests, retries, throttled, duration_ms, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (refresh_run, region, part) DO UPDATE SET outcome = excluded.outcome, error = excluded.error
                """, arguments: [run.id, report.region, report.part.rawValue, report.succeeded ? "succeeded" : "failed", report.error,
                                 report.requests, report.retries, report.throttled, report.durationMilliseconds, run.finishedAt])
        }
    }

    static func regionReports(run: Int64, _ db: Database) throws -> [RegionReport] {
        try Row.fetchAll(db, sql: "SELECT * FROM refresh_region WHERE refresh_run = ? ORDER BY part DESC, region", arguments: [run]).map {
            let part: String = $0["part"]
            return RegionReport(region: $0["region"], part: RegionReport.Part(rawValue: part) ?? .routes, error: $0["error"],
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
                    MAX(CASE WHEN outcome = 'succeeded' THEN finished_at END) AS last_success_at,
                    (SELECT error FROM refresh_region latest WHERE latest.region = r.region AND latest.part = r.part
                        ORDER BY refresh_run DESC LIMIT 1) AS last_error,
                    SUM(CASE WHEN outcome = 'failed' AND refresh_run > COALESCE(
                        (SELECT MAX(refresh_run) FROM refresh_region ok WHERE ok.region = r.region AND ok.part = r.part
                            AND ok.outcome = 'succeeded'), 0) THEN 1 ELSE 0 END) AS consecutive_failures
                FROM refresh_region r GROUP BY region, part ORDER BY region, part DESC
                """).map {
                let part: String = $0["part"]
                return RegionRefreshStatus(region: $0["region"], part: RegionReport.Part(rawValue: part) ?? .routes,
                                           lastAttemptAt: $0["last_attempt_at"], lastSuccessAt: $0["last_success_at"],
                                           lastError: $0["last_error"], consecutiveFailures: $0["consecutive_failures"])
            }
        }
    }
}
