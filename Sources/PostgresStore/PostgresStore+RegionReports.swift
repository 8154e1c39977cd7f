import Logging
import PostgresNIO
import RegionRegistry
import StoreInterface

extension PostgresStore {
    static func insertRegionReports(_ run: RefreshRun, _ connection: PostgresConnection, logger: Logger) async throws {
        for report in run.regions {
            try await connection.query("""
                INSERT INTO refresh_region (refresh_run, region, part, outcome, error, skipped, requests, retries, throttled,
                    duration_ms, finished_at)
                VALUES (\(run.id), \(report.region), \(report.part.rawValue), \(report.outcome.rawValue), \(report.error),
                    \(try JSONText.encode(report.skipped)), \(Int64(report.requests)), \(Int64(report.retries)), \(Int64(report.throttled)),
                    \(Int64(report.durationMilliseconds)), \(run.finishedAt ?? ""))
                ON CONFLICT (refresh_run, region, part) DO UPDATE SET outcome = excluded.outcome, error = excluded.error,
                    skipped = excluded.skipped
                """, logger: logger)
        }
    }

    static func regionReports(run: Int64, _ connection: PostgresConnection, logger: Logger) async throws -> [RegionReport] {
        try await connection.rows("SELECT * FROM refresh_region WHERE refresh_run = \(run) ORDER BY part DESC, region", logger: logger).map {
            let region = try $0.text("region"), key = "\(run)/\(region)"
            return RegionReport(region: region, part: try $0.enumValue("part", table: "refresh_region", key: key),
                                outcome: try $0.enumValue("outcome", table: "refresh_region", key: key), error: try $0.optionalText("error"),
                                skipped: try JSONText.decode([RegionReport.SkippedItem].self, from: $0.text("skipped")) ?? [],
                                requests: Int(try $0.int("requests")), retries: Int(try $0.int("retries")),
                                throttled: Int(try $0.int("throttled")), durationMilliseconds: Int(try $0.int("duration_ms")))
        }
    }

    public func regionStatuses() async throws -> [RegionRefreshStatus] {
        try await read { connection, logger in
            try await connection.rows("""
                SELECT region, part,
                    MAX(finished_at) AS last_attempt_at,
                    MAX(CASE WHEN outcome <> 'failed' THEN finished_at END) AS last_success_at,
                    (SELECT error FROM refresh_region latest WHERE latest.region = r.region AND latest.part = r.part
                        ORDER BY refresh_run DESC LIMIT 1) AS last_error,
                    SUM(CASE WHEN outcome = 'failed' AND refresh_run > COALESCE(
                        (SELECT MAX(refresh_run) FROM refresh_region ok WHERE ok.region = r.region AND ok.part = r.part
                            AND ok.outcome <> 'failed'), 0) THEN 1 ELSE 0 END)::bigint AS consecutive_failures
                FROM refresh_region r GROUP BY region, part ORDER BY region, part DESC
                """, logger: logger).map {
                let region = try $0.text("region")
                return RegionRefreshStatus(region: region, part: try $0.enumValue("part", table: "refresh_region", key: region),
                                           lastAttemptAt: try $0.text("last_attempt_at"), lastSuccessAt: try $0.optionalText("last_success_at"),
                                           lastError: try $0.optionalText("last_error"), consecutiveFailures: Int(try $0.int("consecutive_failures")))
            }
        }
    }
}
