import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct WriteEndpointTests {
    let grantURI = "/v1/grants/us-east-1/\(TestAPI.encoded(TestAPI.haikuModel))"
    let template = "/v1/grants/{region}/{model_id}"

    @Test func missingWrongOrMalformedTokens() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let body = TestAPI.body(#"{"status":"granted"}"#)
            let none = try await client.execute(uri: grantURI, method: .put, body: body)
            OpenAPIChecker.check(none, "PUT", template)
            #expect(none.status == .unauthorized && none.errorCode == "unauthorized")
            #expect(none.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)

            let wrong = try await client.execute(uri: grantURI, method: .put, headers: TestAPI.authorized("not-the-token"), body: body)
            OpenAPIChecker.check(wrong, "PUT", template)
            #expect(wrong.status == .forbidden)
            #expect(!String(buffer: wrong.body).contains(TestAPI.token))

            var basic = HTTPFields()
            basic[.authorization] = "Basic dXNlcjpwYXNz"
            let malformed = try await client.execute(uri: grantURI, method: .put, headers: basic, body: body)
            #expect(malformed.status == .unauthorized)

            let refresh = try await client.execute(uri: "/v1/refresh", method: .post)
            OpenAPIChecker.check(refresh, "POST", "/v1/refresh")
            #expect(refresh.status == .unauthorized)
        }
    }

    @Test func withoutAConfiguredTokenWritesAreRefused() async throws {
        let api = try await TestAPI(token: nil)
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: grantURI, method: .put, headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted"}"#))
            OpenAPIChecker.check(response, "PUT", template)
            #expect(response.status == .forbidden)
            #expect((response.json["error"] as? [String: String])?["message"]?.contains("token") == true)
        }
    }

    @Test func badBodiesAreRejectedAndStoreNothing() async throws {
        let api = try await TestAPI()
        let indexBefore = api.registry.view.index
        try await api.application.test(.router) { client in
            let cases: [(String, HTTPResponse.Status)] = [
                ("{not json", .badRequest),
                (#"["granted"]"#, .unprocessableContent),
                (#"{"note":"no status"}"#, .unprocessableContent),
                (#"{"status":"maybe"}"#, .unprocessableContent),
                (#"{"status":"unknown"}"#, .unprocessableContent),
                (#"{"status":"granted","note":42}"#, .unprocessableContent),
            ]
            for (body, status) in cases {
                let response = try await client.execute(uri: grantURI, method: .put, headers: TestAPI.authorized(), body: TestAPI.body(body))
                OpenAPIChecker.check(response, "PUT", template)
                #expect(response.status == status, "body \(body)")
            }
            let unknownRegion = try await client.execute(uri: "/v1/grants/mars-north-1/\(TestAPI.haikuModel)", method: .put,
                                                         headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted"}"#))
            OpenAPIChecker.check(unknownRegion, "PUT", template)
            #expect(unknownRegion.status == .notFound)
            let unknownModel = try await client.execute(uri: "/v1/grants/us-east-1/acme.nothing-v1%3A0", method: .put,
                                                        headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted"}"#))
            #expect(unknownModel.status == .notFound)
        }
        #expect(api.registry.view.index == indexBefore)
        #expect(api.registry.view.grants.isEmpty)
    }

    @Test func oversizedBodiesAre413() async throws {
        let api = try await TestAPI(bodyLimit: 2048)
        try await api.application.test(.router) { client in
            let note = String(repeating: "x", count: 4096)
            let response = try await client.execute(uri: grantURI, method: .put, headers: TestAPI.authorized(),
                                                    body: TestAPI.body(#"{"status":"granted","note":"\#(note)"}"#))
            OpenAPIChecker.check(response, "PUT", template)
            #expect(response.status == .contentTooLarge && response.errorCode == "payload_too_large")
        }
        #expect(api.registry.view.grants.isEmpty)
    }
}

@Suite struct StrictInputTests {
    @Test func unknownGrantFieldsAreRejected() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/grants/us-east-1/\(TestAPI.haikuModel)", method: .put,
                                                    headers: TestAPI.authorized(), body: TestAPI.body(#"{"status":"granted","stauts":"x"}"#))
            OpenAPIChecker.check(response, "PUT", "/v1/grants/{region}/{model_id}")
            #expect(response.status == .unprocessableContent)
            #expect((response.json["error"] as? [String: String])?["message"]?.contains("$.stauts") == true)
        }
    }

    @Test func emptyTypedParametersAre400() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            for uri in ["/v1/grants?origin=", "/v1/profiles?include_removed=", "/v1/changes?wait="] {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.status == .badRequest, "\(uri)")
            }
            let emptyFilter = try await client.execute(uri: "/v1/profiles?geo=", method: .get)
            #expect(emptyFilter.status == .ok)
        }
    }

    @Test func aKnownPathWithAnotherMethodIs405() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))", method: .delete)
            #expect(response.status == .methodNotAllowed)
            #expect(response.headers[.allow] == "GET")
            #expect(response.errorCode == "method_not_allowed")
            let refresh = try await client.execute(uri: "/v1/refresh", method: .put)
            #expect(refresh.headers[.allow] == "GET, POST")
            let unknown = try await client.execute(uri: "/v1/profiles/a/b/c", method: .get)
            #expect(unknown.status == .notFound)
        }
    }
}
