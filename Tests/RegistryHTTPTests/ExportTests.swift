import Foundation
import Hummingbird
import HummingbirdTesting
import RegionRegistry
import RegistryTestSupport
import Testing

/// Gateway exports over real HTTP, from the embedded catalog with grants set through the API:
/// deployments are exactly the complete routes; the rest are listed with why; the bytes are
/// golden; the ETag moves only when the content does.
@Suite struct ExportTests {
    static let (novaLite, novaPro, haiku) = ("amazon.nova-2-lite-v1:0", "amazon.nova-pro-v1:0", "anthropic.claude-3-haiku-20240307-v1:0")
    static let filter = "models=nova-2-lite,nova-pro,claude-3-haiku&source_regions=us-east-1,us-west-2"

    static func grant(_ client: some TestClientProtocol, _ model: String, _ status: String, in regions: [String]) async throws {
        for region in regions {
            let put = try await client.execute(uri: "/v1/grants/\(region)/\(TestAPI.encoded(model))", method: .put,
                                               headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"\#(status)"}"#))
            #expect(put.status == .ok, "grant \(model) in \(region)")
        }
    }

    /// Nova 2 Lite complete everywhere in the US (us. and global.), Nova Pro denied in us-west-2,
    /// Claude 3 Haiku granted but past its end of life (2026-09-10).
    static func grantTheFixture(_ client: some TestClientProtocol) async throws {
        try await grant(client, novaLite, "granted", in: ["us-east-1", "us-east-2", "us-west-1", "us-west-2"])
        try await grant(client, novaPro, "granted", in: ["us-east-1", "us-east-2"])
        try await grant(client, novaPro, "denied", in: ["us-west-2"])
        try await grant(client, haiku, "granted", in: ["us-east-1", "us-east-2", "us-west-2"])
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, json: Bool, etag: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if json { headers[.accept] = "application/json" }
        if let etag { headers[.ifNoneMatch] = etag }
        let response = try await client.execute(uri: uri, method: .get, headers: headers)
        if json { OpenAPIChecker.check(response, "GET", String(uri.prefix { $0 != "?" })) }
        return response
    }

    @Test func deploymentsAreExactlyTheCompleteRoutesAndTheRestSayWhy() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            try await Self.grantTheFixture(client)
            let response = try await Self.get(client, "/v1/export/litellm?\(Self.filter)", json: true)
            let deployments = response.json["model_list"] as? [[String: Any]] ?? []
            let ids = Set(deployments.compactMap { ($0["model_info"] as? [String: Any])?["id"] as? String })
            // The routes /v1/profiles/{id}/access calls complete, asked one by one.
            var complete = Set<String>()
            for profile in ["us.\(Self.novaLite)", "global.\(Self.novaLite)", "us.\(Self.novaPro)", "us.\(Self.haiku)"] {
                for source in ["us-east-1", "us-west-2"] {
                    let access = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(profile))/access?source_region=\(source)", method: .get)
                    if access.json["complete"] as? Bool == true, !profile.contains("haiku") { complete.insert("\(profile)@\(source)") }
                }
            }
            #expect(ids == complete, "exported \(ids.sorted()) vs complete \(complete.sorted())")
            #expect(ids.contains("us.\(Self.novaPro)@us-east-1") == false, "Nova Pro may be sent to us-west-2, where access is denied")
            let excluded = response.json["excluded"] as? [[String: Any]] ?? []
            let reasons = Dictionary(excluded.map { ("\($0["profile_id"]!)@\($0["source_region"]!)", ($0["reasons"] as? [String] ?? []).joined(separator: "; ")) },
                                     uniquingKeysWith: { a, _ in a })
            #expect(reasons["us.\(Self.novaPro)@us-east-1"] == "incomplete: access denied in us-west-2")
            #expect(reasons["us.\(Self.haiku)@us-east-1"] == "model past end of life (2026-09-10)")
            #expect(response.json["router_settings"] as? NSDictionary == ["fallbacks": [["nova-2-lite": ["nova-2-lite-global"]]]] as NSDictionary)
        }
    }

    @Test func goldenFilesForBothGatewaysAndBothFormats() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            try await Self.grantTheFixture(client)
            for (gateway, query) in [("litellm", Self.filter), ("truefoundry", Self.filter + "&secret_group=acme:bedrock")] {
                let yaml = try await Self.get(client, "/v1/export/\(gateway)?\(query)", json: false)
                #expect(yaml.headers[.contentType] == "application/yaml; charset=utf-8")
                try Self.expectGolden(Data(buffer: yaml.body), "\(gateway).yaml")
                let json = try await Self.get(client, "/v1/export/\(gateway)?\(query)", json: true)
                try Self.expectGolden(Data(buffer: json.body), "\(gateway).json")
            }
        }
    }

    @Test func theETagMovesOnlyWhenTheContentDoes() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            try await Self.grantTheFixture(client)
            let uri = "/v1/export/litellm?\(Self.filter)"
            let first = try await Self.get(client, uri, json: false)
            let etag = try #require(first.headers[.eTag])
            #expect(try await Self.get(client, uri, json: false, etag: etag).status == .notModified)
            let json = try await Self.get(client, uri, json: true)
            #expect(json.headers[.eTag] != etag && json.headers[.vary] == "Accept", "each format has its own tag")

            try await Self.grant(client, "anthropic.claude-sonnet-4-5-20250929-v1:0", "granted", in: ["eu-west-1"])
            let unrelated = try await Self.get(client, uri, json: false, etag: etag)
            #expect(unrelated.status == .notModified, "a change outside the export's filter leaves the file alone")

            try await Self.grant(client, Self.novaPro, "granted", in: ["us-west-2"])
            let changed = try await Self.get(client, uri, json: false, etag: etag)
            #expect(changed.status == .ok && changed.headers[.eTag] != etag)
            #expect(String(buffer: changed.body).contains(#"id: "us.amazon.nova-pro-v1:0@us-east-1""#))
        }
    }

    @Test func badFiltersAre400sNamingTheParameter() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            for (query, parameter) in [("models=gpt-5", "models"), ("source_regions=mars-1", "source_regions"), ("geo=mars", "geo"),
                                       ("credentials=inline", "credentials"), ("within=mars-1", "within")] {
                let response = try await Self.get(client, "/v1/export/litellm?\(query)", json: true)
                #expect(response.status == .badRequest, "\(query)")
                #expect(((response.json["error"] as? [String: Any])?["message"] as? String)?.hasPrefix(parameter) == true, "\(response.json)")
            }
        }
    }

    @Test func theResidencyGuardLeavesRoutesOut() async throws {
        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            try await Self.grantTheFixture(client)
            let response = try await Self.get(client, "/v1/export/litellm?\(Self.filter)&within=us-east-1,us-east-2,us-west-2", json: true)
            let ids = (response.json["model_list"] as? [[String: Any]] ?? []).compactMap { ($0["model_info"] as? [String: Any])?["id"] as? String }
            #expect(!ids.isEmpty && ids.allSatisfy { $0.hasPrefix("us.") }, "global routes may run anywhere: \(ids)")
            let excluded = response.json["excluded"] as? [[String: Any]] ?? []
            let global = excluded.first { $0["profile_id"] as? String == "global.\(Self.novaLite)" }
            #expect((global?["reasons"] as? [String])?.first?.hasPrefix("outside the residency guard: may run in ") == true, "\(global ?? [:])")
            #expect(response.json["router_settings"] as? NSDictionary == ["fallbacks": []] as NSDictionary)
        }
    }

    /// The export must equal the golden file byte for byte (`REGIOND_UPDATE_GOLDEN=1` rewrites it).
    static func expectGolden(_ bytes: Data, _ name: String) throws {
        let url = PackageFiles.root().appending(path: "Tests/RegistryHTTPTests/Fixtures/golden/export-\(name)")
        if ProcessInfo.processInfo.environment["REGIOND_UPDATE_GOLDEN"] == "1" { try bytes.write(to: url) }
        let golden = try Data(contentsOf: url)
        #expect(golden == bytes, "export-\(name) differs from the golden file:\n\(String(decoding: bytes, as: UTF8.self))")
    }
}
