import CivilTime
import Foundation
import Hummingbird
import HummingbirdTesting
import RegionRegistry
import Testing

/// Every operation the OpenAPI document lists, called once on a live server and checked against
/// its schema: the document and the server cannot drift apart unnoticed.
@Suite struct ContractTests {
    struct Call: Sendable {
        var method: HTTPRequest.Method
        var template: String
        var uri: String
        var body: String?
        var expected: HTTPResponse.Status
    }

    static let haiku = TestAPI.encoded(TestAPI.haiku)
    static let model = TestAPI.encoded(TestAPI.haikuModel)
    static let calls: [Call] = [
        Call(method: .get, template: "/healthz", uri: "/healthz", expected: .ok),
        Call(method: .get, template: "/readyz", uri: "/readyz", expected: .ok),
        Call(method: .get, template: "/openapi.json", uri: "/openapi.json", expected: .ok),
        Call(method: .get, template: "/v1/status", uri: "/v1/status", expected: .ok),
        Call(method: .get, template: "/v1/regions", uri: "/v1/regions?include_removed=true", expected: .ok),
        Call(method: .get, template: "/v1/regions/{code}", uri: "/v1/regions/us-gov-west-1", expected: .ok),
        Call(method: .get, template: "/v1/profiles", uri: "/v1/profiles", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}", uri: "/v1/profiles/\(haiku)", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}/access", uri: "/v1/profiles/\(haiku)/access?source_region=us-west-2", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}/access", uri: "/v1/profiles/\(haiku)/access", expected: .ok),
        Call(method: .get, template: "/v1/access/audit", uri: "/v1/access/audit?source_region=eu-west-1", expected: .ok),
        Call(method: .get, template: "/v1/models", uri: "/v1/models?lifecycle=legacy,eol&limit=5", expected: .ok),
        Call(method: .get, template: "/v1/models/{id}", uri: "/v1/models/\(model)?source_region=us-west-2", expected: .ok),
        Call(method: .get, template: "/v1/export/litellm", uri: "/v1/export/litellm?source_regions=us-east-1&include_incomplete=true", expected: .ok),
        Call(method: .get, template: "/v1/export/litellm", uri: "/v1/export/litellm?geo=mars", expected: .badRequest),
        Call(method: .get, template: "/v1/export/truefoundry", uri: "/v1/export/truefoundry?geo=us&secret_group=acme:bedrock", expected: .ok),
        Call(method: .get, template: "/v1/export/truefoundry", uri: "/v1/export/truefoundry?secret_group=a:b&role_arn=arn:aws:iam::123456789012:role/x",
             expected: .badRequest),
        Call(method: .put, template: "/v1/grants/{region}/{model_id}", uri: "/v1/grants/us-east-1/\(model)", body: #"{"status":"denied","note":null}"#, expected: .ok),
        Call(method: .get, template: "/v1/grants", uri: "/v1/grants?origin=manual", expected: .ok),
        Call(method: .delete, template: "/v1/grants/{region}/{model_id}", uri: "/v1/grants/us-east-1/\(model)", expected: .noContent),
        Call(method: .get, template: "/v1/changes", uri: "/v1/changes?since=300&limit=3", expected: .ok),
        Call(method: .get, template: "/v1/refresh", uri: "/v1/refresh", expected: .ok),
        Call(method: .post, template: "/v1/refresh", uri: "/v1/refresh", expected: .ok),
        Call(method: .post, template: "/v1/health/samples", uri: "/v1/health/samples", body: sampleBatch, expected: .accepted),
        Call(method: .post, template: "/v1/health/samples", uri: "/v1/health/samples",
             body: #"{"samples": [{"region": "xx-nowhere-9", "model_id": "m", "observed_at": "2000-01-01T00:00:00Z", "latency_ms": 1, "outcome": "ok"}]}"#,
             expected: .badRequest),
        Call(method: .get, template: "/v1/health", uri: "/v1/health?region=us-east-1&window=1h", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}/route", uri: "/v1/profiles/\(haiku)/route?source_region=us-west-2", expected: .ok),
        Call(method: .get, template: "/v1/resolve", uri: "/v1/resolve?model=\(model)&source_region=us-east-2", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}/iam-policy", uri: "/v1/profiles/\(haiku)/iam-policy?source_region=us-west-2,us-east-2&account=111122223333", expected: .ok),
        Call(method: .get, template: "/v1/profiles/{id}/iam-policy", uri: "/v1/profiles/\(haiku)/iam-policy?source_region=eu-west-1", expected: .notFound),
        Call(method: .get, template: "/v1/profiles/{id}/iam-policy", uri: "/v1/profiles/\(haiku)/iam-policy?account=12", expected: .badRequest),
        Call(method: .get, template: "/v1/scp-hint", uri: "/v1/scp-hint?source_region=us-east-2", expected: .ok),
        Call(method: .get, template: "/v1/scp-hint", uri: "/v1/scp-hint", expected: .badRequest),
        Call(method: .post, template: "/v1/access/check", uri: "/v1/access/check",
             body: #"{"source_regions": ["us-west-2"], "profiles": ["us.anthropic.claude-3-haiku-20240307-v1:0"], "account": "111122223333", "scps": [[{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}]], "identity_policies": [{"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "arn:aws:bedrock:us-west-2:*"}]}]}"#,
             expected: .ok),
        Call(method: .post, template: "/v1/access/check", uri: "/v1/access/check", body: #"{"identity_policies": [{"Statement": {"Effect": "Perhaps"}}]}"#,
             expected: .badRequest),
        Call(method: .get, template: "/metrics", uri: "/metrics", expected: .ok),
    ]

    static var sampleBatch: String {
        let now = Timestamp.format(Date())
        return #"{"samples": [{"region": "us-east-1", "model_id": "anthropic.claude-3-haiku-20240307-v1:0", "observed_at": "\#(now)", "latency_ms": 812.5, "outcome": "ok"}, {"region": "us-west-2", "profile_id": "us.anthropic.claude-3-haiku-20240307-v1:0", "source_region": "us-east-1", "observed_at": "\#(now)", "latency_ms": 95, "ttft_ms": 40, "outcome": "throttled", "http_status": 429, "origin": "gateway-a"}]}"#
    }

    @Test func everyDocumentedOperationAnswersAsDocumented() async throws {
        let documented = Set(OpenAPIChecker.document.operations().map { "\($0.method.uppercased()) \($0.path)" })
        let called = Set(Self.calls.map { "\($0.method.rawValue) \($0.template)" })
        #expect(documented == called, "operations not exercised: \(documented.subtracting(called)); undocumented: \(called.subtracting(documented))")

        let api = try await TestAPI()
        try await api.application.test(.live) { client in
            for call in Self.calls {
                // JSON wherever an operation offers another format too (the exports' YAML).
                var headers = TestAPI.authorized()
                headers[.accept] = "application/json"
                let response = try await client.execute(uri: call.uri, method: call.method, headers: headers, body: call.body.map(TestAPI.body))
                OpenAPIChecker.check(response, call.method.rawValue, call.template)
                #expect(response.status == call.expected, "\(call.method) \(call.uri)")
            }
        }
    }

    @Test func aClientAheadOfTheServerStartsAgainFromTheBeginning() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            // A database replaced under a watcher: its index is ahead; it must not block forever.
            let response = try await client.execute(uri: "/v1/changes?since=999999&wait=300&limit=5", method: .get)
            OpenAPIChecker.check(response, "GET", "/v1/changes")
            #expect((response.json["changes"] as? [[String: Any]])?.first?["index"] as? Int == 2)
        }
    }
}
