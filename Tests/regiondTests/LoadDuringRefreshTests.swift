import AsyncHTTPClient
import Foundation
import NIOCore
import RegistryTestSupport
import Synchronization
import Testing

/// Lookups under load while the registry changes every second: none fails, none is refused.
/// (`Benchmarks/load-during-refresh.sh` is the 60-second wrk version that reports the p99.)
@Suite(.timeLimit(.minutes(2))) struct LoadDuringRefreshTests {
    static let haikuProfile = "us.anthropic.claude-3-haiku-20240307-v1%3A0"
    static let haikuModel = "anthropic.claude-3-haiku-20240307-v1%3A0"
    static let paths = [
        "/v1/profiles/\(haikuProfile)", "/v1/profiles/\(haikuProfile)/access?source_region=us-east-1",
        "/v1/profiles/\(haikuProfile)/route?source_region=us-east-1", "/v1/resolve?model=\(haikuModel)&source_region=us-east-1",
    ]

    /// The embedded catalog, and the same with every seventh other profile left out.
    static func catalogs() throws -> [Data] {
        let url = PackageFiles.root().appending(path: "Sources/RegistrySources/Catalog/aws-published.json")
        let full = try Data(contentsOf: url)
        var catalog = try #require(try JSONSerialization.jsonObject(with: full) as? [String: Any])
        let profiles = try #require(catalog["profiles"] as? [[String: Any]])
        catalog["profiles"] = profiles.enumerated().filter { index, profile in
            (profile["id"] as? String)?.contains("claude-3-haiku") == true || index % 7 != 0
        }.map(\.element)
        return [full, try JSONSerialization.data(withJSONObject: catalog)]
    }

    @Test func lookupsNeverFailWhileARefreshAppliesEverySecond() async throws {
        let dir = try TemporaryDirectory()
        let catalogs = try Self.catalogs()
        let catalogPath = dir.file("catalog.json")
        try catalogs[0].write(to: URL(fileURLWithPath: catalogPath), options: .atomic)
        let daemon = try await RunningDaemon.start(["--db", dir.file("regiond.sqlite3"), "--catalog", catalogPath, "--refresh-interval", "1"],
                                                   in: dir.path)
        let outcomes = Tally()
        do {
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool = .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            let base = "http://127.0.0.1:\(daemon.port)"
            let rotation = Task {
                var next = 1
                while !Task.isCancelled {
                    try? catalogs[next % 2].write(to: URL(fileURLWithPath: catalogPath), options: .atomic)
                    next += 1
                    try? await Task.sleep(for: .seconds(1))
                }
            }
            _ = try await client.execute(HTTPClientRequest(url: base + "/v1/changes?since=1&limit=1&wait=60"), timeout: .seconds(70))
                .body.collect(upTo: 1 << 20)  // the start-up refresh has landed
            let indexBefore = try await index(client, base)
            let deadline = ContinuousClock.now + .seconds(6)
            await withTaskGroup(of: Void.self) { group in
                for worker in 0..<64 {
                    group.addTask {
                        var n = worker
                        while ContinuousClock.now < deadline {
                            let outcome: String
                            do {
                                let response = try await client.execute(HTTPClientRequest(url: base + Self.paths[n % Self.paths.count]), timeout: .seconds(10))
                                _ = try await response.body.collect(upTo: 4 << 20)
                                outcome = "\(response.status.code)"
                            } catch {
                                outcome = "error: \(error)"
                            }
                            outcomes.count(outcome)
                            n += 1
                        }
                    }
                }
            }
            rotation.cancel()
            let indexAfter = try await index(client, base)
            try await client.shutdown()
            #expect(indexAfter > indexBefore, "the registry changed during the load")
        } catch {
            _ = await daemon.stop()
            throw error
        }
        #expect(await daemon.stop() == 0)
        let seen = outcomes.counts
        #expect(seen.keys.sorted() == ["200"], "\(seen)")
        #expect(daemon.logText.contains("refresh succeeded"))
    }

    func index(_ client: HTTPClient, _ base: String) async throws -> Int {
        let response = try await client.execute(HTTPClientRequest(url: base + "/v1/status"), timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.headers.first(name: "X-Regiond-Index") ?? "") ?? 0
    }
}

/// Outcomes counted from many tasks.
final class Tally: Sendable {
    private let state = Mutex<[String: Int]>([:])
    var counts: [String: Int] { state.withLock { $0 } }
    func count(_ outcome: String) { state.withLock { $0[outcome, default: 0] += 1 } }
}
