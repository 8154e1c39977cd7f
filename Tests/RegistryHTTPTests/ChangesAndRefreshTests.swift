import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import RegionRegistry
import RegistrySources
import RegistryTestSupport
import Testing

@Suite struct ChangesTests {
    @Test func changesSinceAnIndexArePagedInOrder() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let first = try await client.execute(uri: "/v1/changes?since=0&limit=10", method: .get)
            OpenAPIChecker.check(first, "GET", "/v1/changes")
            let changes = try #require(first.json["changes"] as? [[String: Any]])
            #expect(changes.count == 10)
            #expect(first.json["more"] as? Bool == true)
            let indexes = changes.compactMap { $0["index"] as? Int }
            #expect(indexes == Array(2...11))  // the log starts at 2; 1 is the empty log's index
            #expect(first.index == 11)  // more to come: the next `since` is the last entry returned

            let last = api.registry.view.index
            let none = try await client.execute(uri: "/v1/changes?since=\(last)", method: .get)
            OpenAPIChecker.check(none, "GET", "/v1/changes")
            #expect((none.json["changes"] as? [Any])?.isEmpty == true && none.json["more"] as? Bool == false)
        }
    }

    @Test func pagingHandsOutTheNextSinceAndNeverRepeats() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            var since: Int64 = 0
            var seen: [Int] = []
            var pages = 0
            while true {
                let page = try await client.execute(uri: "/v1/changes?since=\(since)&limit=100", method: .get)
                OpenAPIChecker.check(page, "GET", "/v1/changes")
                let indexes = (page.json["changes"] as? [[String: Any]] ?? []).compactMap { $0["index"] as? Int }
                seen += indexes
                pages += 1
                let next = try #require(page.json["index"] as? Int)
                #expect(page.index == Int64(next))
                if page.json["more"] as? Bool == true { #expect(next == indexes.last) }
                if indexes.isEmpty || page.json["more"] as? Bool != true { break }
                since = Int64(next)
            }
            let entries = Int(api.registry.view.index) - 1  // the log starts at 2
            #expect(pages == (entries + 99) / 100, "\(entries) entries in pages of 100")
            #expect(seen == Array(2...Int(api.registry.view.index)))
        }
    }

    @Test func badParametersAre400() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            for query in ["since=-1", "since=abc", "wait=301", "wait=soon", "limit=0"] {
                let response = try await client.execute(uri: "/v1/changes?\(query)", method: .get)
                OpenAPIChecker.check(response, "GET", "/v1/changes")
                #expect(response.status == .badRequest, "\(query)")
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aWaitingRequestReturnsWhenAChangeLands() async throws {
        let api = try await TestAPI()
        let since = api.registry.view.index
        try await api.application.test(.live) { client in
            // The test client has one connection; the watch gets its own, as a real watcher would.
            let watcher = HTTPClient(eventLoopGroupProvider: .singleton)
            defer { _ = watcher.shutdown() }
            let port = try #require(client.port)
            // Blocks for up to 300 s unless the grant below lands; the time limit fails the test otherwise.
            async let waited = watcher.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/changes?since=\(since)&wait=300"), timeout: .seconds(400))
            // Make sure it is really parked before the change lands (a condition, not a guess).
            while api.registry.watcherCount == 0 { try await Task.sleep(for: .milliseconds(5)) }
            let put = try await client.execute(uri: "/v1/grants/us-west-2/\(TestAPI.haikuModel)", method: .put,
                                               headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"denied"}"#))
            #expect(put.status == .ok)
            let response = try await waited
            let body = Data(buffer: try await response.body.collect(upTo: 1 << 20))
            try OpenAPIChecker.document.validate(responseBody: body, path: "/v1/changes", method: "GET", status: Int(response.status.code))
            let json = try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
            let changes = try #require(json["changes"] as? [[String: Any]])
            #expect(changes.count == 1)
            #expect(changes.first?["kind"] as? String == "grant")
            #expect(changes.first?["key"] as? String == "us-west-2/\(TestAPI.haikuModel)/manual")
            #expect((response.headers.first(name: "X-Regiond-Index").flatMap { Int64($0) } ?? 0) > since)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aWaitWithNoChangeTimesOutWithTheSameIndex() async throws {
        let api = try await TestAPI()
        let since = api.registry.view.index
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/changes?since=\(since)&wait=1", method: .get)
            OpenAPIChecker.check(response, "GET", "/v1/changes")
            #expect(response.status == .ok)
            #expect((response.json["changes"] as? [Any])?.isEmpty == true)
            #expect(response.index == since)
        }
    }
}

@Suite struct RefreshTests {
    @Test func refreshStatusAndManualRefresh() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let status = try await client.execute(uri: "/v1/refresh", method: .get)
            OpenAPIChecker.check(status, "GET", "/v1/refresh")
            #expect(status.json["stale"] as? Bool == false)
            #expect((status.json["runs"] as? [[String: Any]])?.first?["outcome"] as? String == "succeeded")

            let post = try await client.execute(uri: "/v1/refresh", method: .post, headers: TestAPI.authorized())
            OpenAPIChecker.check(post, "POST", "/v1/refresh")
            #expect(post.json["outcome"] as? String == "succeeded")
            #expect(post.json["trigger"] as? String == "manual")
            #expect(post.json["added"] as? Int == 0 && post.json["index"] is NSNull)
        }
    }

    @Test func aFailedRefreshKeepsWhatWasKnownAndRecoveryIsLogged() async throws {
        let dir = try RegistryTestSupport.TemporaryDirectory()
        let path = try dir.write("catalog.json", CatalogSource.embeddedText)
        let api = try await TestAPI(source: CatalogSource(.file(path)))
        let before = api.registry.view
        try "{ broken".write(toFile: path, atomically: true, encoding: .utf8)
        try await api.application.test(.router) { client in
            let failed = try await client.execute(uri: "/v1/refresh", method: .post, headers: TestAPI.authorized())
            OpenAPIChecker.check(failed, "POST", "/v1/refresh")
            #expect(failed.json["outcome"] as? String == "failed")
            #expect((failed.json["error"] as? String)?.contains(path) == true)
            let profile = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))", method: .get)
            #expect(profile.status == .ok)
            #expect(api.registry.view.index == before.index)
            #expect(api.registry.view.state == before.state)

            // Recovery with a real change: the haiku profile loses its us-west-2 route.
            let edited = CatalogSource.embeddedText.replacingOccurrences(of: "\"name\": \"US Anthropic Claude 3 Haiku\"", with: "\"name\": \"Haiku (renamed)\"")
            #expect(edited != CatalogSource.embeddedText)
            try edited.write(toFile: path, atomically: true, encoding: .utf8)
            let recovered = try await client.execute(uri: "/v1/refresh", method: .post, headers: TestAPI.authorized())
            #expect(recovered.json["outcome"] as? String == "succeeded")
            #expect(recovered.json["changed"] as? Int == 1)
            let log = try await client.execute(uri: "/v1/changes?since=\(before.index)", method: .get)
            let changes = log.json["changes"] as? [[String: Any]] ?? []
            #expect(changes.count == 1)
            #expect(changes.first?["key"] as? String == TestAPI.haiku)
            #expect((changes.first?["after"] as? [String: Any])?["name"] as? String == "Haiku (renamed)")
        }
    }
}
