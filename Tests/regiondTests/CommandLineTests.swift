import AsyncHTTPClient
import NIOHTTP1
import Foundation
import RegistryTestSupport
import Testing

/// The `regiond` binary end to end, on temporary databases.
@Suite struct CommandLineTests {
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    var db: String { dir.file("regiond.sqlite3") }

    func regiond(_ arguments: String..., env: [String: String] = [:]) async throws -> RegiondProcess.Result {
        try await RegiondProcess.run(arguments, environment: env, in: dir.path)
    }

    @Test func refreshOncePrintsTheDiffAndIsIdempotent() async throws {
        let first = try await regiond("refresh", "--once", "--db", db)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("+ profile us.anthropic.claude-sonnet-4-20250514-v1:0"))
        #expect(first.stdout.contains("+ route us.anthropic.claude-3-haiku-20240307-v1:0@us-west-2"))
        #expect(first.stdout.contains("refresh succeeded from catalog:embedded"))
        let second = try await regiond("refresh", "--once", "--db", db)
        #expect(second.status == 0)
        #expect(second.stdout.contains("0 added, 0 changed, 0 removed"))
        #expect(!second.stdout.contains("+ "))
    }

    @Test func auditProfilesAndRegionsReadTheStore() async throws {
        _ = try await regiond("refresh", "--once", "--db", db)
        let audit = try await regiond("audit", "--db", db, "--source-region", "us-west-2")
        #expect(audit.status == 0)
        #expect(audit.stdout.contains("us.anthropic.claude-3-haiku-20240307-v1:0"))
        #expect(audit.stdout.contains("incomplete route(s)"))

        let json = try await regiond("audit", "--db", db, "--json")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["count"] as? Int ?? 0) > 100)

        let jp = try await regiond("profiles", "--geo", "jp", env: ["REGIOND_DB": db])
        #expect(jp.status == 0)
        #expect(jp.stdout.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("jp.") || $0.hasSuffix("profile(s)") })

        let regions = try await regiond("regions", "--db", db)
        #expect(regions.stdout.contains("eu-central-1"))
    }

    @Test func readCommandsNeverCreateADatabase() async throws {
        let result = try await regiond("audit", "--db", dir.file("absent.sqlite3"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("no regiond database at"))
        #expect(!FileManager.default.fileExists(atPath: dir.file("absent.sqlite3")))
    }

    @Test func catalogValidate() async throws {
        let good = try dir.write("good.json", try await regiond("catalog", "show").stdout)
        let ok = try await regiond("catalog", "validate", good)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("115 profiles, 737 routes"))

        let bad = try dir.write("bad.json", #"{"format": "regiond-catalog", "version": 1}"#)
        let failed = try await regiond("catalog", "validate", bad)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("\(bad): $.name: required key is missing"))
        #expect(!FileManager.default.fileExists(atPath: db))
    }

    @Test func badConfigurationExitsNonZeroSayingWhat() async throws {
        let flag = try await regiond("serve", "--db", db, "--listen", "nowhere")
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("listen"))
        let env = try await regiond("serve", "--db", db, env: ["REGIOND_REFRESH_INTERVAL": "often"])
        #expect(env.status != 0)
        #expect(env.stderr.contains("refresh.interval"))
        let unknownFlag = try await regiond("serve", "--frobnicate")
        #expect(unknownFlag.status != 0)
        let badCatalog = try await regiond("serve", "--db", db, "--catalog", dir.file("absent.json"))
        #expect(badCatalog.status != 0)
        #expect(badCatalog.stderr.contains("absent.json"))
    }

    @Test(.timeLimit(.minutes(2)))
    func serveAnswersStopsCleanlyAndRestartsWithoutNewChanges() async throws {
        let token = try dir.write("token", "cli-test-token\n")
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }

        let daemon = try await RunningDaemon.start(["--db", db, "--token-file", token], in: dir.path)
        let base = "http://127.0.0.1:\(daemon.port)"
        // The first refresh runs in the background; a refresh asked for now joins or follows it.
        #expect(try await refresh(base, client) == .ok)

        let profile = try await client.execute(HTTPClientRequest(url: "\(base)/v1/profiles/us.anthropic.claude-sonnet-4-20250514-v1%3A0"), timeout: .seconds(10))
        #expect(profile.status == .ok)
        let body = try await profile.body.collect(upTo: 1 << 20)
        let json = try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]
        #expect((json?["routes"] as? [Any])?.count == 4)
        let index = profile.headers.first(name: "X-Regiond-Index")
        #expect(index != nil)

        #expect(await daemon.stop() == 0)
        #expect(daemon.logText.contains("regiond stopped"))
        #expect(!daemon.logText.contains("cli-test-token"))

        let again = try await RunningDaemon.start(["--db", db, "--token-file", token], in: dir.path)
        // Wait for the restarted daemon's own refresh (a manual one runs after it) before looking.
        #expect(try await refresh("http://127.0.0.1:\(again.port)", client) == .ok)
        let changes = try await client.execute(HTTPClientRequest(url: "http://127.0.0.1:\(again.port)/v1/changes?since=\(index ?? "0")"), timeout: .seconds(10))
        let changesBody = try await changes.body.collect(upTo: 1 << 20)
        let changesJSON = try JSONSerialization.jsonObject(with: Data(buffer: changesBody)) as? [String: Any]
        #expect((changesJSON?["changes"] as? [Any])?.isEmpty == true)
        #expect(await again.stop() == 0)
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermReleasesBlockedWatchesAndExitsZero() async throws {
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        defer { _ = client.shutdown() }
        let token = try dir.write("token", "cli-test-token\n")
        let daemon = try await RunningDaemon.start(["--db", db, "--token-file", token], in: dir.path)
        let base = "http://127.0.0.1:\(daemon.port)"
        // Let the start-up refresh finish (a manual one runs after it), so the index stays put.
        #expect(try await refresh(base, client) == .ok)
        // A watch that would block for 300 s; SIGTERM must end it at once, with a normal answer.
        let status = try await client.execute(HTTPClientRequest(url: "\(base)/v1/status"), timeout: .seconds(10))
        let index = status.headers.first(name: "X-Regiond-Index") ?? "1"
        async let watch = client.execute(HTTPClientRequest(url: "\(base)/v1/changes?since=\(Int(index)! + 1_000_000)&wait=300"), timeout: .seconds(60))
        async let watchNow = client.execute(HTTPClientRequest(url: "\(base)/v1/changes?since=\(index)&wait=300"), timeout: .seconds(60))
        _ = try await watch  // (an index ahead of the server answers at once: the server is up and serving)
        while try await watchers(base, client) == 0 { try await Task.sleep(for: .milliseconds(10)) }
        let started = ContinuousClock.now
        #expect(await daemon.stop() == 0)
        let released = try await watchNow
        #expect(released.status == .ok)
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(daemon.logText.contains("regiond stopped"))
    }

    /// `POST /v1/refresh` with the test token: returns once a refresh that started after the
    /// call has finished (so the start-up refresh is done too).
    private func refresh(_ base: String, _ client: HTTPClient) async throws -> HTTPResponseStatus {
        var request = HTTPClientRequest(url: "\(base)/v1/refresh")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer cli-test-token")
        return try await client.execute(request, timeout: .seconds(30)).status
    }

    private func watchers(_ base: String, _ client: HTTPClient) async throws -> Int {
        let response = try await client.execute(HTTPClientRequest(url: "\(base)/v1/status"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (try JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any])?["watchers"] as? Int ?? 0
    }
}
