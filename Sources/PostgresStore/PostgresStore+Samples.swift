import CivilTime
import Foundation
import Logging
import PostgresNIO
import RegionRegistry
import RegistryHealth
import StoreInterface
import Synchronization

/// The day partitions of `health_sample` this process knows exist (created by it or another
/// replica), so an insert asks PostgreSQL to create one only on the first sample of a day.
final class PartitionCache: Sendable {
    private let known = Mutex<Set<String>>([])
    func contains(_ name: String) -> Bool { known.withLock { $0.contains(name) } }
    func insert(_ name: String) { _ = known.withLock { $0.insert(name) } }
    func remove(_ name: String) { _ = known.withLock { $0.remove(name) } }
}

extension PostgresStore {
    public func insertSamples(_ samples: [HealthSample]) async throws {
        guard !samples.isEmpty else { return }
        let days = Set(samples.map { Self.day(of: $0.observedAt) })
        for day in days.sorted() where !partitions.contains(Self.partitionName(day)) { try await createPartition(day) }
        let rows: [JSONValue] = samples.map { s in
            .object(["region": .string(s.region), "model_id": .string(s.modelId), "profile_id": JSONValue(s.profileId),
                     "source_region": JSONValue(s.sourceRegion), "observed_at": .string(Timestamp.format(s.observedAt)),
                     "latency_ms": .number(s.latencyMs), "ttft_ms": s.ttftMs.map(JSONValue.number) ?? .null,
                     "outcome": .string(s.outcome.rawValue), "http_status": s.httpStatus.map { .int(Int64($0)) } ?? .null,
                     "origin": .string(s.origin)])
        }
        let json = JSONText.encode(.array(rows))
        try await write { connection, logger in
            try await connection.query("""
                INSERT INTO health_sample (region, model_id, profile_id, source_region, observed_at, latency_ms, ttft_ms, outcome, http_status, origin)
                SELECT region, model_id, profile_id, source_region, observed_at::timestamptz, latency_ms, ttft_ms, outcome, http_status, origin
                FROM jsonb_to_recordset(\(json)::jsonb) AS x(region text, model_id text, profile_id text, source_region text,
                    observed_at text, latency_ms double precision, ttft_ms double precision, outcome text, http_status integer, origin text)
                """, logger: logger)
        }
    }

    /// Drops the day partitions wholly before `cutoff` (retention's bulk), then deletes at most
    /// `limit` older samples left in the cutoff's own day and the default partition.
    public func pruneSamples(before cutoff: Date, limit: Int) async throws -> Int {
        let cutoffDay = Self.partitionName(Self.day(of: cutoff))
        var removed = 0
        for name in try await dayPartitions() where name < cutoffDay {
            removed += try await write { connection, logger in
                let count = try await connection.rows(PostgresQuery(unsafeSQL: "SELECT count(*) AS n FROM \(name)"), logger: logger).first?.int("n") ?? 0
                try await connection.query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(name)"), logger: logger)
                return Int(count)
            }
            partitions.remove(name)
        }
        let text = Timestamp.format(cutoff)
        removed += try await write { connection, logger in
            try await connection.rows("""
                DELETE FROM health_sample WHERE id IN
                    (SELECT id FROM health_sample WHERE observed_at < \(text)::timestamptz LIMIT \(Int64(limit))) RETURNING id
                """, logger: logger).count
        }
        return removed
    }

    public func sampleCount() async throws -> Int {
        try await read { connection, logger in
            Int(try await connection.rows("SELECT count(*) AS n FROM health_sample", logger: logger).first?.int("n") ?? 0)
        }
    }

    private func createPartition(_ day: Date) async throws {
        let name = Self.partitionName(day)
        let from = Timestamp.format(day), to = Timestamp.format(day.addingTimeInterval(86_400))
        do {
            try await write { connection, logger in
                try await connection.query(PostgresQuery(unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(name) PARTITION OF health_sample FOR VALUES FROM ('\(from)') TO ('\(to)')
                    """), logger: logger)
            }
        } catch let error as PostgresQueryError where error.sqlState == "42P07" || error.sqlState == "23505" {
            // Another replica created it at the same moment: it exists, which is all we need.
        }
        partitions.insert(name)
    }

    private func dayPartitions() async throws -> [String] {
        try await read { connection, logger in
            try await connection.rows("""
                SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'health_sample'::regclass AND c.relname LIKE 'health_sample_day_%' ORDER BY 1
                """, logger: logger).map { try $0.text("name") }
        }
    }

    static func day(of date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `health_sample_day_YYYYMMDD`: sorts by day, so a name comparison is a date comparison.
    static func partitionName(_ day: Date) -> String {
        "health_sample_day_" + Timestamp.format(day).prefix(10).replacingOccurrences(of: "-", with: "")
    }
}
