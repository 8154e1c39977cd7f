import AccessPolicy
import Foundation
import HummingbirdTesting
import OpenAPIChecking
import RegionRegistry
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
            let emptyList = try await client.execute(uri: "/v1/profiles/\(haiku)/iam-policy?actions=", method: .get)
            #expect(emptyList.status == .badRequest, "present but empty is a mistake, not the default")
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

    @Test func theCheckFindsTheDestinationARegionDenySCPBlocks() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            func post(_ body: String) async throws -> TestResponse {
                let response = try await client.execute(uri: "/v1/access/check", method: .post, body: TestAPI.body(body))
                OpenAPIChecker.check(response, "POST", "/v1/access/check")
                return response
            }
            let access = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-east-1", method: .get)
            let destinations = (access.json["destinations"] as? [[String: Any]] ?? []).compactMap { $0["region"] as? String }
            try #require(destinations.contains("us-west-2") && destinations.contains("us-east-1"))
            // An SCP allowing us-east-1 only: the source passes, every other destination is denied by it.
            let scp = #"{"Statement": [{"Sid": "AllowAll", "Effect": "Allow", "Action": "*", "Resource": "*"}, {"Sid": "OnlyUsEast1", "Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}}]}"#
            let response = try await post(#"{"source_regions": ["us-east-1"], "profiles": ["\#(TestAPI.haiku)"], "account": "111122223333", "scps": [[\#(scp)]]}"#)
            #expect(response.status == .ok)
            let result = try #require((response.json["results"] as? [[String: Any]])?.first)
            #expect(result["allowed"] as? Bool == false)
            for destination in result["destinations"] as? [[String: Any]] ?? [] {
                let region = destination["region"] as? String
                let statement = destination["statement"] as? [String: Any]
                if region == "us-east-1" {
                    #expect(destination["decision"] as? String == "allowed")
                } else {
                    #expect(destination["decision"] as? String == "explicit_deny" && destination["gate"] as? String == "scp", "\(destination)")
                    #expect(statement?["sid"] as? String == "OnlyUsEast1" && statement?["level"] as? Int == 0 && statement?["index"] as? Int == 1)
                }
            }

            let bad = try await post(#"{"scps": [[{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": 5}}]}]]}"#)
            #expect(bad.status == .badRequest)
            #expect(((bad.json["error"] as? [String: Any])?["message"] as? String)?.hasPrefix("$.scps[0][0].Statement[0].Condition.StringEquals") == true, "\(bad.json)")
            let noAccount = try await post(#"{"profiles": ["\#(TestAPI.haiku)"]}"#)
            #expect(noAccount.status == .badRequest, "catalog data names no account")
            let nulls = try await post(#"{"profiles": null, "source_regions": ["us-west-2"], "account": "111122223333", "principal_arn": null, "identity_policies": null, "scps": null}"#)
            #expect(nulls.status == .ok, "null is the same as absent")
            let unknown = try await post(#"{"profiles": ["us.nothing-v1:0"], "account": "111122223333"}"#)
            #expect(unknown.status == .notFound)
        }
    }

    /// With SCPs configured, route answers say per destination which gate stops a request.
    @Test func routeAnswersCarryTheThreeGates() async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let uri = "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/access?source_region=us-east-1"
            let before = try await client.execute(uri: uri, method: .get)
            let unchecked = try #require((before.json["destinations"] as? [[String: Any]])?.first?["gates"] as? [String: Any])
            #expect((unchecked["scp"] as? [String: Any])?["state"] as? String == "unknown")
            #expect(before.json["allowed"] as? Bool == before.json["complete"] as? Bool, "unknown gates do not block")

            let scp = try ParsedPolicy(try JSONDecoder().decode(JSONValue.self, from: Data(#"""
                {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
                               {"Sid": "OnlyUsEast1", "Effect": "Deny", "Action": "*", "Resource": "*",
                                "Condition": {"StringNotEquals": {"aws:RequestedRegion": "us-east-1"}}}]}
                """#.utf8)), at: "scp.json")
            api.api.configure(ConfiguredPolicies(identity: nil, scps: [[scp]], account: "111122223333", principal: .init(arn: nil, account: nil)))
            let after = try await client.execute(uri: uri, method: .get)
            OpenAPIChecker.check(after, "GET", "/v1/profiles/{id}/access")
            #expect(after.json["allowed"] as? Bool == false)
            for destination in after.json["destinations"] as? [[String: Any]] ?? [] {
                let gates = destination["gates"] as? [String: Any] ?? [:]
                let scpGate = gates["scp"] as? [String: Any]
                #expect(scpGate?["state"] as? String == (destination["region"] as? String == "us-east-1" ? "pass" : "fail"), "\(destination)")
                #expect((gates["identity"] as? [String: Any])?["state"] as? String == "unknown")
                #expect(gates["availability"] != nil)
            }
            let audit = try await client.execute(uri: "/v1/access/audit?source_region=us-east-1", method: .get)
            OpenAPIChecker.check(audit, "GET", "/v1/access/audit")

            // The ranked route and the audit's gate filter say the same.
            let route = try await client.execute(uri: "/v1/profiles/\(TestAPI.encoded(TestAPI.haiku))/route?source_region=us-east-1", method: .get)
            OpenAPIChecker.check(route, "GET", "/v1/profiles/{id}/route")
            #expect(route.json["allowed"] as? Bool == false)
            let ranked = route.json["destinations"] as? [[String: Any]] ?? []
            #expect(ranked.contains { (($0["gates"] as? [String: Any])?["scp"] as? [String: Any])?["state"] as? String == "fail" })
            let blockedBySCP = try await client.execute(uri: "/v1/access/audit?gate=scp&source_region=us-east-1", method: .get)
            OpenAPIChecker.check(blockedBySCP, "GET", "/v1/access/audit")
            let listed = (blockedBySCP.json["incomplete"] as? [[String: Any]] ?? []).compactMap { $0["profile_id"] as? String }
            #expect(listed.contains(TestAPI.haiku))
            let byIdentity = try await client.execute(uri: "/v1/access/audit?gate=identity", method: .get)
            #expect((byIdentity.json["incomplete"] as? [Any])?.isEmpty == true, "identity is not configured: nothing known to fail")
            let resolved = try await client.execute(uri: "/v1/resolve?model=\(TestAPI.encoded(TestAPI.haikuModel))&source_region=us-east-1", method: .get)
            OpenAPIChecker.check(resolved, "GET", "/v1/resolve")
            #expect(resolved.json["allowed"] as? Bool == false)
        }
    }
}
