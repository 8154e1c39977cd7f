import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RegistryTestSupport
import Testing

/// Three replicas of the binary on one PostgreSQL database: one leads, every one follows the
/// others' commits, and a replica killed while leading is replaced without losing what was
/// acknowledged. They time takeovers and outages, so they run on their own (`.ci/run` runs them
/// after the whole suite, with REGIOND_FLEET_TESTS=1): beside 400 other tests on two cores the
/// replicas' answers take seconds.
@Suite(.enabled(if: TestPostgres.adminURL != nil && ProcessInfo.processInfo.environment["REGIOND_FLEET_TESTS"] == "1",
                "needs REGIOND_TEST_POSTGRES and REGIOND_FLEET_TESTS=1 (run on their own: see .ci/run)"))
struct FleetTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1%3A0"
    let dir: TemporaryDirectory
    init() throws { dir = try TemporaryDirectory() }

    struct Answer {
        var status: Int
        var index: Int
        var json: [String: Any]
        var retryAfter: String?
    }

    func call(_ client: HTTPClient, _ daemon: RunningDaemon, _ path: String, method: HTTPMethod = .GET, body: String? = nil,
              timeout: TimeAmount = .seconds(30)) async throws -> Answer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(daemon.port)\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer fleet-token")
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await client.execute(request, timeout: timeout)
        let data = try await response.body.collect(upTo: 8 << 20)
        return Answer(status: Int(response.status.code), index: Int(response.headers.first(name: "X-Regiond-Index") ?? "") ?? 0,
                      json: (try? JSONSerialization.jsonObject(with: Data(buffer: data))) as? [String: Any] ?? [:],
                      retryAfter: response.headers.first(name: "Retry-After"))
    }

    func fleet(_ client: HTTPClient, _ daemon: RunningDaemon) async throws -> [String: Any] {
        try await call(client, daemon, "/v1/status").json["fleet"] as? [String: Any] ?? [:]
    }

    /// Polls `condition` every 20 ms until it holds or `limit` passes; returns how long it took.
    func within(_ limit: Duration, _ condition: () async throws -> Bool) async throws -> Duration? {
        let started = ContinuousClock.now
        while ContinuousClock.now - started < limit {
            if try await condition() { return ContinuousClock.now - started }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    func allReady(_ client: HTTPClient, _ replicas: [RunningDaemon]) async throws -> Bool {
        for replica in replicas where try await call(client, replica, "/readyz").status != 200 { return false }
        return true
    }

    func startReplicas(_ count: Int, database: String, health: String = "{}") async throws -> [RunningDaemon] {
        let token = try dir.write("token", "fleet-token")
        let config = try dir.write("regiond.json", #"{"fleet": {"takeover_seconds": 2, "stale_after": 60}, "health": \#(health)}"#)
        var replicas: [RunningDaemon] = []
        for _ in 0..<count {
            replicas.append(try await RunningDaemon.start(["--db", database, "--token-file", token, "--config", config], in: dir.path))
        }
        return replicas
    }

    @Test func aWriteOnOneReplicaReachesTheOthersAndWakesTheirWatchers() async throws {
        let replicas = try await startReplicas(3, database: try await TestPostgres.freshDatabase())
        defer { for replica in replicas { replica.process.terminate() } }
        try await withHTTPClient { client in
            let ready = try await within(.seconds(60)) { try await allReady(client, replicas) }
            #expect(ready != nil, "every replica ready")
            var leaders = 0
            for replica in replicas where try await fleet(client, replica)["leader"] as? Bool == true { leaders += 1 }
            #expect(leaders == 1, "exactly one replica leads")

            let (a, b, c) = (replicas[0], replicas[1], replicas[2])
            let before = try await call(client, c, "/v1/status").index
            async let watched = call(client, c, "/v1/changes?since=\(before)&wait=30")
            let put = try await call(client, a, "/v1/grants/us-east-1/\(Self.model)", method: .PUT, body: #"{"status":"granted","note":"fleet"}"#)
            // (A response's X-Regiond-Index is the view its handler started from: ask A where it is now.)
            let written = try await call(client, a, "/v1/status").index
            #expect(put.status == 200 && written > before, "PUT answered \(put.status); A at \(written), C was at \(before)")
            for replica in [b, c] {
                let seen = try await within(.seconds(1)) {
                    let grants = try await call(client, replica, "/v1/grants?origin=manual")
                    return grants.index >= written && (grants.json["grants"] as? [Any])?.count == 1
                }
                #expect(seen != nil, "the grant is visible on another replica within 1 s")
            }
            let woke = try await watched
            let changes = woke.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.contains { $0["kind"] as? String == "grant" }, "the watcher on C woke for the grant: \(woke.json)")
        }
        for replica in replicas { _ = await replica.stop() }
    }

    /// Gateways send samples to whichever replica is near them; every replica's health view counts
    /// all of them (each saves its own minute rollups and reads the others' every evaluation).
    @Test func samplesSentToAnyReplicaCountInEveryReplicasHealth() async throws {
        let replicas = try await startReplicas(3, database: try await TestPostgres.freshDatabase(), health: """
            {"evaluation_interval": 1, "thresholds": {"consecutive_windows": 2, "min_samples": 5, "window": "5m"}}
            """)
        defer { for replica in replicas { replica.process.terminate() } }
        try await withHTTPClient { client in
            let ready = try await within(.seconds(60)) { try await allReady(client, replicas) }
            try #require(ready != nil, "every replica ready")
            func samples(_ count: Int) -> String {
                let one = #"{"region": "us-east-1", "model_id": "anthropic.claude-3-haiku-20240307-v1:0", "observed_at": "\#(ISO8601DateFormatter().string(from: Date()))", "latency_ms": 900, "outcome": "error"}"#
                return #"{"samples": [\#(Array(repeating: one, count: count).joined(separator: ","))]}"#
            }
            #expect(try await call(client, replicas[0], "/v1/health/samples", method: .POST, body: samples(12)).status == 202)
            #expect(try await call(client, replicas[1], "/v1/health/samples", method: .POST, body: samples(8)).status == 202)
            for (n, replica) in replicas.enumerated() {
                var last: [String: Any] = [:]
                let counted = try await within(.seconds(10)) {
                    last = try await call(client, replica, "/v1/health?region=us-east-1&model=\(Self.model)&window=5m").json
                    let entry = (last["models"] as? [[String: Any]])?.first
                    return (entry?["stats"] as? [String: Any])?["count"] as? Int == 20 && entry?["state"] as? String == "unhealthy"
                }
                #expect(counted != nil, "replica \(n) counts both replicas' 20 samples and judges the key unhealthy: \(last)")
                if let counted, ProcessInfo.processInfo.environment["REGIOND_PRINT_FIGURES"] == "1" {
                    print("fleet health: replica \(n) counted every sample and judged the key within \(counted) (evaluation interval 1 s)")
                }
            }
        }
        for replica in replicas { _ = await replica.stop() }
    }

    @Test func killingTheLeaderLosesNothingAndAnotherTakesOver() async throws {
        let database = try await TestPostgres.freshDatabase()
        var replicas = try await startReplicas(3, database: database)
        defer { for replica in replicas { replica.process.terminate() } }
        try await withHTTPClient { client in
            _ = try await within(.seconds(60)) { try await call(client, replicas[2], "/readyz").status == 200 }
            var leaderAt = -1
            _ = try await within(.seconds(10)) {
                for (n, replica) in replicas.enumerated() where try await fleet(client, replica)["leader"] as? Bool == true { leaderAt = n }
                return leaderAt >= 0
            }
            try #require(leaderAt >= 0, "a replica leads")
            let leader = replicas[leaderAt]
            let others = replicas.indices.filter { $0 != leaderAt }.map { replicas[$0] }
            let granted = try await call(client, others[0], "/v1/grants/us-west-2/\(Self.model)", method: .PUT, body: #"{"status":"granted","note":null}"#)
            #expect(granted.status == 200)
            let runs = try await call(client, others[0], "/v1/refresh").json["runs"] as? [[String: Any]] ?? []
            let lastRun = runs.first?["id"] as? Int ?? 0

            // Kill -9 the leader in the middle of a refresh it was asked for.
            async let asked = try? call(client, leader, "/v1/refresh", method: .POST, timeout: .seconds(5))
            try await Task.sleep(for: .milliseconds(30))
            kill(leader.process.processIdentifier, SIGKILL)
            _ = await asked

            let takeover = try await within(.seconds(4)) {
                for replica in others where try await fleet(client, replica)["leader"] as? Bool == true { return true }
                return false
            }
            #expect(takeover != nil, "another replica leads within the takeover time (2 s) and a poll")
            if let takeover, ProcessInfo.processInfo.environment["REGIOND_PRINT_FIGURES"] == "1" { print("fleet takeover: \(takeover)") }
            let refreshed = try await within(.seconds(30)) {
                let runs = try await call(client, others[1], "/v1/refresh").json["runs"] as? [[String: Any]] ?? []
                return runs.contains { ($0["id"] as? Int ?? 0) > lastRun && $0["outcome"] as? String == "succeeded" }
            }
            #expect(refreshed != nil, "the new leader finished a refresh")
            let grants = try await call(client, others[1], "/v1/grants?origin=manual")
            #expect((grants.json["grants"] as? [[String: Any]])?.first?["region"] as? String == "us-west-2", "the acknowledged grant survived")

            // The killed replica comes back as a follower.
            let token = dir.file("token"), config = dir.file("regiond.json")
            let back = try await RunningDaemon.start(["--db", database, "--token-file", token, "--config", config], in: dir.path)
            replicas[leaderAt] = back
            let rejoined = try await within(.seconds(10)) { try await call(client, back, "/readyz").status == 200 }
            let leads = try await fleet(client, back)["leader"] as? Bool
            #expect(rejoined != nil && leads == false, "the killed replica rejoins as a follower")
        }
        for replica in replicas { _ = await replica.stop() }
    }

    /// PostgreSQL stops under load: reads keep being answered from memory (no 5xx), writes get 503
    /// with Retry-After at once, and when it is back writes work and reach the other replica.
    @Test func aPostgresRestartKeepsReadsUpAndWritesSayRetryLater() async throws {
        let cluster = try await OwnPostgresCluster.start(in: "/tmp/regiond-test-pg-\(UUID().uuidString)", port: try freePort())
        do {
            try await TestPostgres.psql(cluster.adminURL, "CREATE DATABASE fleet")
            let replicas = try await startReplicas(2, database: cluster.adminURL.replacingOccurrences(of: "/postgres?", with: "/fleet?"))
            defer { for replica in replicas { replica.process.terminate() } }
            try await withHTTPClient { client in
                let ready = try await within(.seconds(60)) { try await allReady(client, replicas) }
                try #require(ready != nil)
                let reading = Task {
                    var failures: [String] = []
                    while !Task.isCancelled {
                        for replica in replicas {
                            for path in ["/v1/profiles/us.\(Self.model)", "/v1/access/audit", "/v1/status", "/v1/refresh", "/readyz"] {
                                do {
                                    let answer = try await call(client, replica, path, timeout: .seconds(5))
                                    if answer.status >= 500 { failures.append("\(path): \(answer.status) \(answer.json)") }
                                } catch where !Task.isCancelled {
                                    failures.append("\(path): \(error)")
                                } catch {}
                            }
                        }
                        try? await Task.sleep(for: .milliseconds(20))
                    }
                    return failures
                }
                try await cluster.stop()
                let noticed = try await within(.seconds(10)) { try await fleet(client, replicas[1])["lost_since"] is String }
                #expect(noticed != nil, "the replica noticed the database went away")
                let refused = try await call(client, replicas[1], "/v1/grants/us-east-1/\(Self.model)", method: .PUT, body: #"{"status":"granted","note":null}"#)
                #expect(refused.status == 503 && refused.retryAfter != nil, "a write while PostgreSQL is down: \(refused.status) \(refused.json)")
                try await Task.sleep(for: .seconds(1))
                try await cluster.start()
                let written = try await within(.seconds(30)) {
                    try await call(client, replicas[1], "/v1/grants/us-east-1/\(Self.model)", method: .PUT, body: #"{"status":"granted","note":null}"#).status == 200
                }
                #expect(written != nil, "writes work again once PostgreSQL is back")
                let caughtUp = try await within(.seconds(10)) {
                    (try await call(client, replicas[0], "/v1/grants?origin=manual").json["grants"] as? [Any])?.count == 1
                }
                #expect(caughtUp != nil, "the other replica caught up")
                reading.cancel()
                let failures = await reading.value
                #expect(failures.isEmpty, "reads answered 5xx: \(failures.prefix(10))")
            }
            for replica in replicas { _ = await replica.stop() }
        } catch {
            try? await cluster.stop()
            throw error
        }
        try await cluster.stop()
    }
}
