import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RegionRegistry
import RegistryHTTP
import RegistryService
import RegistrySources
import RegistryHealth
import OpenAPIChecking
import RegistryTestSupport
import Testing

/// A real registry on a temp SQLite file (or, with `REGIOND_TEST_ENGINE=postgres`, a fresh
/// PostgreSQL database), refreshed from the embedded catalog, behind the real router. Every
/// response a test reads goes through `OpenAPIChecker`.
struct TestAPI {
    static let token = "s3cret-token-for-tests"
    static let haiku = "us.anthropic.claude-3-haiku-20240307-v1:0"
    static let haikuModel = "anthropic.claude-3-haiku-20240307-v1:0"

    let dir: TemporaryDirectory
    let runtime: RegistryRuntime
    let application: Application<RouterResponder<BasicRequestContext>>
    let api: API

    var registry: Registry { runtime.registry }
    var refresher: RefreshCoordinator { runtime.refresher }
    var health: HealthMonitor { runtime.health }
    var metrics: RegiondMetrics { runtime.metrics }

    /// Built the way the daemon builds it (`RegistryRuntime.open`, `API`), on a temp database.
    init(token: String? = TestAPI.token, source: (any SnapshotSource)? = nil, bodyLimit: Int = 1 << 20, refresh: Bool = true,
         healthSettings: HealthSettings = HealthSettings(), database: String? = nil) async throws {
        dir = try TemporaryDirectory()
        var logger = Logger(label: "regiond-test")
        logger.logLevel = .critical
        var path = database ?? dir.file("regiond.sqlite3")
        if database == nil, TestPostgres.isDefaultEngine { path = try await TestPostgres.freshDatabase() }
        runtime = try await RegistryRuntime.open(database: path, source: source ?? CatalogSource(.embedded),
                                                 health: healthSettings, logger: logger)
        if refresh { _ = try await runtime.refresher.refresh(trigger: .startup) }
        let api = try API(
            runtime: runtime, authorizer: WriteAuthorizer(token: token),
            settings: APISettings(bodyLimit: bodyLimit, schedule: RefreshSchedule(.init(interval: .seconds(900))), version: "test"),
            logger: logger)
        self.api = api
        application = Application(router: api.router(), server: .http1(configuration: api.http1Configuration()),
                                  configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
    }

    static func authorized(_ token: String = TestAPI.token) -> HTTPFields {
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        headers[.contentType] = "application/json"
        return headers
    }

    static func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    static func encoded(_ id: String) -> String {
        id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!
    }
}

extension TestClientProtocol {
    /// A GET whose response is checked against the OpenAPI document's `template` operation.
    func checkedGET(_ uri: String, _ template: String) async throws -> TestResponse {
        let response = try await execute(uri: uri, method: .get)
        OpenAPIChecker.check(response, "GET", template)
        return response
    }
}

extension TestResponse {
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
    }

    var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    var index: Int64? { headers[.init("X-Regiond-Index")!].flatMap { Int64($0) } }
}

/// Checks a live response against the served OpenAPI document: status documented, body matching
/// the schema, `X-Regiond-Index` present and ≥ 1 on /v1 routes.
enum OpenAPIChecker {
    static let document: OpenAPIDocument = {
        let url = PackageFiles.root().appending(path: "Sources/RegistryHTTP/openapi.json")
        return try! OpenAPIDocument(data: Data(contentsOf: url))
    }()

    @discardableResult
    static func check(_ response: TestResponse, _ method: String, _ template: String,
                      sourceLocation: SourceLocation = #_sourceLocation) -> TestResponse {
        do {
            try document.validate(responseBody: Data(buffer: response.body), path: template, method: method, status: Int(response.status.code))
        } catch {
            Issue.record("\(method) \(template) → \(response.status.code): \(error)", sourceLocation: sourceLocation)
        }
        if template.hasPrefix("/v1") {
            #expect((response.index ?? 0) >= 1, "X-Regiond-Index missing on \(method) \(template)", sourceLocation: sourceLocation)
        }
        return response
    }
}
