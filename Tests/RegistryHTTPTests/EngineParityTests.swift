import Foundation
import HummingbirdTesting
import RegionRegistry
import RegistryService
import RegistrySources
import RegistryTestSupport
import Synchronization
import Testing

/// Both engines hold the same data: the same snapshot and the same diff (profiles removed, a
/// route dropped, another changed, a manual grant) through SQLite and through PostgreSQL give
/// the same answer on every read endpoint, change-log indexes included (times aside).
@Suite(.enabled(if: TestPostgres.adminURL != nil, "needs REGIOND_TEST_POSTGRES (Tests/postgres-cluster.sh start)"))
struct EngineParityTests {
    final class SwitchableSource: SnapshotSource {
        let name = "catalog"
        let current: Mutex<Snapshot>
        init(_ snapshot: Snapshot) { current = Mutex(snapshot) }
        func snapshot() async throws -> Snapshot { current.withLock { $0 } }
    }

    static let reads = [
        "/v1/regions?include_removed=true", "/v1/regions/us-east-1", "/v1/profiles?include_removed=true",
        "/v1/profiles?geo=eu&source_region=eu-west-1&limit=7", "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))",
        "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access", "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/route?source_region=us-west-2",
        "/v1/access/audit", "/v1/grants", "/v1/changes?since=1&limit=1000", "/v1/changes?since=40&limit=10",
        "/v1/resolve?model=\(TestAPI.encoded(TestAPI.haikuModel))&source_region=us-east-2", "/v1/health?region=us-east-1",
    ]

    /// Every answer of `reads` after the same history, with times replaced (they are when it ran).
    func answers(database: String) async throws -> [String: String] {
        let base = try CatalogSource(.embedded).load().1
        let source = SwitchableSource(base)
        let api = try await TestAPI(source: source, database: database)
        var changed = base
        changed.profiles.removeLast(3)
        changed.profiles[0].routes.removeLast()
        changed.profiles[1].routes[0].confidence = "parity-test"
        source.current.withLock { $0 = changed }
        _ = try await api.refresher.refresh(trigger: .manual)
        let answers = try await api.application.test(.router) { client in
            var answers: [String: String] = [:]
            let put = try await client.execute(uri: "/v1/grants/us-east-1/\(TestAPI.encoded(TestAPI.haikuModel))", method: .put,
                                               headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted","note":"parity"}"#))
            #expect(put.status == .ok)
            for uri in Self.reads {
                let response = try await client.execute(uri: uri, method: .get)
                let body = String(buffer: response.body)
                answers[uri] = "\(response.status.code) \(response.headers[.init("X-Regiond-Index")!] ?? "-") "
                    + body.replacing(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/, with: "<time>")
            }
            return answers
        }
        try await api.registry.close(checkpoint: false)
        return answers
    }

    @Test func sqliteAndPostgresAnswerAlike() async throws {
        let dir = try TemporaryDirectory()
        let sqlite = try await answers(database: dir.file("parity.sqlite3"))
        let postgres = try await answers(database: try await TestPostgres.freshDatabase())
        for uri in Self.reads {
            #expect(sqlite[uri] != nil && sqlite[uri] == postgres[uri], "\(uri)")
            #expect(sqlite[uri]?.hasPrefix("200 ") == true, "\(uri): \(sqlite[uri]?.prefix(300) ?? "")")
        }
    }
}
