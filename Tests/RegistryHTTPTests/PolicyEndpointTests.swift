import Foundation
import HummingbirdTesting
import OpenAPIChecking
import Testing

/// The identity policy and SCP hint over HTTP, from the embedded catalog.
@Suite struct PolicyEndpointTests {
    @Test func thePolicyAllowsTheModelInExactlyTheRoutesDestinations() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let haiku = TestAPI.encoded(TestAPI.haiku)
            let access = try await client.execute(uri: "/v1/profiles/\(haiku)/access?source_region=us-west-2", method: .get)
            let destinations = (access.json["destinations"] as? [[String: Any]] ?? []).compactMap { $0["region"] as? String }.sorted()
            try #require(!destinations.isEmpty)

            let response = try await client.execute(uri: "/v1/profiles/\(haiku)/iam-policy?source_region=us-west-2&account=111122223333&actions=invoke",
                                                    method: .get)
            OpenAPIChecker.check(response, "GET", "/v1/profiles/{id}/iam-policy")
            #expect(response.status == .ok)
            let statements = (response.json["policy"] as? [String: Any])?["Statement"] as? [[String: Any]] ?? []
            #expect(statements.first?["Resource"] as? [String] == ["arn:aws:bedrock:us-west-2:111122223333:inference-profile/\(TestAPI.haiku)"])
            #expect(statements.allSatisfy { $0["Action"] as? [String] == ["bedrock:InvokeModel"] })
            let models = statements.dropFirst().flatMap { $0["Resource"] as? [String] ?? [] }
            #expect(models == destinations.map { "arn:aws:bedrock:\($0)::foundation-model/\(TestAPI.haikuModel)" })
            #expect(response.json["account"] as? String == "111122223333")

            // Catalog data names no account: a wildcard, matched by pattern, and a note saying so.
            let unpinned = try await client.execute(uri: "/v1/profiles/\(haiku)/iam-policy?source_region=us-west-2", method: .get)
            #expect(unpinned.json["account"] is NSNull)
            #expect((unpinned.json["notes"] as? [String])?.contains { $0.contains("account is unknown") } == true)

            let noRoute = try await client.execute(uri: "/v1/profiles/\(haiku)/iam-policy?source_region=eu-west-1", method: .get)
            #expect(noRoute.status == .notFound && noRoute.errorCode == "not_found")
            #expect(((noRoute.json["error"] as? [String: Any])?["message"] as? String)?.contains("us-west-2") == true, "lists where it routes from")
            let badAction = try await client.execute(uri: "/v1/profiles/\(haiku)/iam-policy?actions=invoke,fly", method: .get)
            #expect(badAction.status == .badRequest && badAction.errorCode == "invalid_parameter")
        }
    }

    @Test func theSCPHintAllowsEveryDestinationAndUnspecifiedForGlobalRoutes() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let response = try await client.execute(uri: "/v1/scp-hint?source_region=us-east-1", method: .get)
            OpenAPIChecker.check(response, "GET", "/v1/scp-hint")
            let regions = response.json["requested_regions"] as? [String] ?? []
            #expect(regions.contains("us-east-1") && regions.contains("us-west-2"))
            let profiles = response.json["profiles"] as? [String] ?? []
            #expect(regions.last == "unspecified" || !profiles.contains { $0.hasPrefix("global.") }, "global routes need unspecified")
            let condition = (response.json["condition"] as? [String: Any])?["StringNotEquals"] as? [String: Any]
            #expect(condition?["aws:RequestedRegion"] as? [String] == regions)

            let one = try await client.execute(uri: "/v1/scp-hint?source_region=us-west-2&profile=\(TestAPI.encoded(TestAPI.haiku))", method: .get)
            #expect(one.json["profiles"] as? [String] == [TestAPI.haiku])
            #expect((one.json["requested_regions"] as? [String])?.contains("unspecified") == false)
            let missing = try await client.execute(uri: "/v1/scp-hint", method: .get)
            #expect(missing.status == .badRequest)
        }
    }
}
