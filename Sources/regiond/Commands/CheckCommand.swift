import CivilTime
import ArgumentParser
import Foundation
import RegionRegistry
import RegistryHTTP
import RegistryStore

/// `regiond check`: the database's health in one look, for operators and monitoring scripts.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: integrity, foreign keys, migrations, counts, the last refresh. Exits 1 on any problem.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common)
            try requireSQLite(settings, "check", instead: "check PostgreSQL with its own tools (amcheck, pg_stat_*), and a replica with GET /readyz")
            let inspection = try await SQLiteStore.inspect(path: settings.db)
            let problems = Self.problems(inspection, staleAfter: settings.staleAfter, now: Date())
            if json {
                printJSON(Self.json(inspection, db: settings.db, problems: problems))
            } else {
                print("database      \(settings.db) (\(inspection.bytes) bytes, WAL \(inspection.walBytes) bytes)")
                print("integrity     \(inspection.integrity.prefix(3).joined(separator: "; "))")
                print("foreign keys  \(inspection.foreignKeyViolations == 0 ? "ok" : "\(inspection.foreignKeyViolations) violation(s)")")
                print("schema        version \(inspection.schemaVersion)\(inspection.migrationProblem.map { ": \($0)" } ?? ", current")")
                print("counts        " + inspection.counts.map { "\($0.count) \($0.name)" }.joined(separator: ", "))
                if let run = inspection.lastRun {
                    print("last refresh  \(run.outcome.rawValue) at \(run.finishedAt ?? run.startedAt) from \(run.source)")
                }
                print("last success  \(inspection.lastSuccess?.finishedAt ?? "never")")
                print(problems.isEmpty ? "ok" : problems.map { "problem: \($0)" }.joined(separator: "\n"))
            }
            if !problems.isEmpty { throw ExitCode.failure }
        }
    }

    static func problems(_ inspection: StoreInspection, staleAfter: Duration, now: Date) -> [String] {
        var problems: [String] = []
        if inspection.integrity != ["ok"] { problems.append("integrity_check: \(inspection.integrity.prefix(5).joined(separator: "; "))") }
        if inspection.foreignKeyViolations > 0 { problems.append("\(inspection.foreignKeyViolations) foreign key violation(s)") }
        if let migration = inspection.migrationProblem { problems.append(migration) }
        if let run = inspection.lastRun, run.outcome != .succeeded {
            problems.append("the last refresh \(run.outcome.rawValue): \(run.error ?? "see regiond refresh --once")")
        }
        if let finished = inspection.lastSuccess?.finishedAt, let time = Timestamp.parse(finished) {
            if RefreshStatus.isStale(lastSuccessAt: finished, staleAfter: staleAfter, now: now) {
                problems.append("data is stale: the last successful refresh was \(Int(now.timeIntervalSince(time))) s ago "
                                + "(stale after \(staleAfter.components.seconds) s)")
            }
        } else if inspection.migrationProblem == nil {
            problems.append("no refresh has succeeded yet")
        }
        return problems
    }

    static func json(_ inspection: StoreInspection, db: String, problems: [String]) -> JSONValue {
        .object([
            "db": .string(db), "bytes": .int(inspection.bytes), "wal_bytes": .int(inspection.walBytes),
            "integrity": .array(inspection.integrity.map(JSONValue.string)),
            "foreign_key_violations": .int(Int64(inspection.foreignKeyViolations)),
            "schema_version": .int(Int64(inspection.schemaVersion)), "migration_problem": JSONValue(inspection.migrationProblem),
            "counts": .object(Dictionary(uniqueKeysWithValues: inspection.counts.map { ($0.name, JSONValue.int(Int64($0.count))) })),
            "last_refresh": inspection.lastRun.map(Representation.run) ?? .null,
            "last_success_at": JSONValue(inspection.lastSuccess?.finishedAt),
            "problems": .array(problems.map(JSONValue.string)), "ok": .bool(problems.isEmpty),
        ])
    }
}
