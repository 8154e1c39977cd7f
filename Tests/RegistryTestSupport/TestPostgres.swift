import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the fleet tests use: `REGIOND_TEST_POSTGRES` (a `postgres://` URL to
/// an administrative database), as `Tests/postgres-cluster.sh start` prints it and `.ci/run` sets
/// it. Each test gets a database of its own.
public enum TestPostgres {
    public static var adminURL: String? {
        ProcessInfo.processInfo.environment["REGIOND_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// True when the tests of the whole suite should run on PostgreSQL (`REGIOND_TEST_ENGINE=postgres`).
    public static var isDefaultEngine: Bool {
        ProcessInfo.processInfo.environment["REGIOND_TEST_ENGINE"] == "postgres"
    }

    /// Creates an empty database and returns its URL.
    public static func freshDatabase() async throws -> String {
        guard let admin = adminURL else { throw TestPostgresError("REGIOND_TEST_POSTGRES is not set (Tests/postgres-cluster.sh start)") }
        let name = "regiond_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await psql(admin, "CREATE DATABASE \(name)")
        guard var url = URLComponents(string: admin) else { throw TestPostgresError("REGIOND_TEST_POSTGRES is not a URL") }
        url.path = "/" + name
        return url.string!
    }

    /// Runs one SQL command with psql.
    public static func psql(_ url: String, _ sql: String) async throws {
        _ = try await query(url, sql)
    }

    /// What psql prints for `sql` (a row per line, columns separated by `|`); throws with its
    /// error output when it fails. psql runs on a thread of its own: waiting for it on one of
    /// the few threads Swift concurrency has would stall every other test meanwhile.
    public static func query(_ url: String, _ sql: String) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try runPsql(url, sql) }) }.start()
        }
    }

    private static func runPsql(_ url: String, _ sql: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAtc", sql]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try spawn(process)
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestPostgresError("psql \(sql): \(problem)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

public struct TestPostgresError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A PostgreSQL cluster of a test's own (for tests that stop the server: the shared one must stay
/// up for the others), started by `Tests/postgres-cluster.sh` in a temporary directory.
public struct OwnPostgresCluster: Sendable {
    public let directory: String
    public let port: Int
    public var adminURL: String { "postgres://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" }

    public static func start(in directory: String, port: Int) async throws -> OwnPostgresCluster {
        let cluster = OwnPostgresCluster(directory: directory, port: port)
        try await cluster.script("start")
        return cluster
    }

    public func stop() async throws { try await script("stop") }
    public func start() async throws { try await script("start") }

    /// Through `system`, which waits for the script alone: Foundation's `Process` also waits for
    /// its pipes, which the server the script leaves running would hold open forever.
    private func script(_ action: String) async throws {
        let script = PackageFiles.root().appending(path: "Tests/postgres-cluster.sh").path
        let command = "'\(script)' \(action) '\(directory)' \(port) >/dev/null 2>&1 </dev/null"
        let status = await withCheckedContinuation { (continuation: CheckedContinuation<Int32, Never>) in
            Thread { continuation.resume(returning: system(command)) }.start()
        }
        if status != 0 { throw TestPostgresError("postgres-cluster.sh \(action) failed (\(status))") }
    }
}
