import Foundation
import RegionRegistry
import RegistryStore
import RegistryTestSupport
import Synchronization
import Testing

/// `regiond backup` and `regiond check`, as an operator runs them beside a live database.
@Suite struct OperatorCommandsTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var db: String { dir.file("regiond.sqlite3") }

    @Test func backupUnderWriteLoadIsConsistentAndNeverOverwrites() async throws {
        #expect(try await RegiondProcess.run(["refresh", "--once", "--db", db], in: dir.path).status == 0)
        let store = try await SQLiteStore.open(at: db)
        let writes = Mutex(0)
        let (started, startedSignal) = AsyncStream.makeStream(of: Void.self)
        // A writer committing grant changes as fast as it can for as long as the backup runs.
        let writer = Task {
            var status = AccessGrant.Status.granted
            while !Task.isCancelled {
                _ = try await store.setManualGrant(modelId: "anthropic.claude-3-haiku-20240307-v1:0", region: "us-east-1",
                                                   status: status, note: "load")
                status = status == .granted ? .denied : .granted
                writes.withLock { $0 += 1 }
                startedSignal.yield()
            }
        }
        for await _ in started { break }
        let copy = dir.file("backup.sqlite3")
        let backup = try await RegiondProcess.run(["backup", "--db", db, copy], in: dir.path)
        writer.cancel()
        _ = try? await writer.value
        try store.close()
        #expect(backup.status == 0, "\(backup.stderr)")
        #expect(backup.stdout.contains("integrity ok"))
        #expect(writes.withLock { $0 } > 0, "the backup ran under write load")

        let check = try await RegiondProcess.run(["check", "--db", copy, "--json"], in: dir.path)
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        #expect(report?["integrity"] as? [String] == ["ok"])
        #expect((report?["counts"] as? [String: Int])?["profiles"] == 115)
        #expect(check.status == 0, "\(check.stdout)")

        let again = try await RegiondProcess.run(["backup", "--db", db, copy], in: dir.path)
        #expect(again.status == 1 && again.stderr.contains("already exists"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.contains(".partial-") })
    }

    @Test func checkReportsProblemsAndExitsNonZero() async throws {
        #expect(try await RegiondProcess.run(["refresh", "--once", "--db", db], in: dir.path).status == 0)
        let healthy = try await RegiondProcess.run(["check", "--db", db], in: dir.path)
        #expect(healthy.status == 0 && healthy.stdout.hasSuffix("ok\n"), "\(healthy.stdout)")

        // A refresh that fails (AWS unreachable) is a problem until one succeeds.
        let unreachable = ["AWS_ENDPOINT_URL_BEDROCK": "http://127.0.0.1:1", "AWS_ACCESS_KEY_ID": "AKID", "AWS_SECRET_ACCESS_KEY": "x",
                           "REGIOND_AWS_MAX_ATTEMPTS": "1"]
        let refresh = try await RegiondProcess.run(["refresh", "--once", "--db", db, "--source", "aws", "--regions", "us-east-1"],
                                             environment: unreachable, in: dir.path)
        #expect(refresh.status == 1 && refresh.stdout.contains("connection failed"), "\(refresh.stdout)")
        let failing = try await RegiondProcess.run(["check", "--db", db], in: dir.path)
        #expect(failing.status == 1)
        #expect(failing.stdout.contains("problem: the last refresh failed"), "\(failing.stdout)")

        let missing = try await RegiondProcess.run(["check", "--db", dir.file("absent.sqlite3")], in: dir.path)
        #expect(missing.status == 1 && missing.stderr.contains("no regiond database"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("absent.sqlite3")), "check never creates a database")
    }
}
