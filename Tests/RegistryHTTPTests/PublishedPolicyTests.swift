import Foundation
import HummingbirdTesting
import Testing

/// AWS's published policies (user guide, aws-samples) pinned as files: regiond's offline check
/// decides them as IAM's documented logic does (held against an independent reference
/// evaluator), and regiond's generated policies allow what AWS's examples allow.
@Suite struct PublishedPolicyTests {
    typealias P = PublishedPolicies
    static let usSonnet = "us.\(P.sonnet)", globalSonnet = "global.\(P.sonnet)"

    /// Requests a policy for `id` from `source` may be asked about: through the profile and not,
    /// on the route and off it, the region-less model too.
    static func grid(_ id: String, source: String, regions: [String]) -> [(resource: String, region: String, profile: String?)] {
        let profile = P.profileARN(id, source: source)
        var grid: [(String, String, String?)] = [(profile, source, profile)]
        for region in regions {
            let model = "arn:aws:bedrock:\(region)::foundation-model/\(P.sonnet)"
            grid += [(model, region, profile), (model, region, nil)]
        }
        let regionless = "arn:aws:bedrock:::foundation-model/\(P.sonnet)"
        return grid + [(regionless, "unspecified", profile), (regionless, "unspecified", nil)]
    }

    func generated(_ client: some TestClientProtocol, _ id: String, source: String) async throws -> (text: String, policy: Any) {
        let response = try await client.execute(
            uri: "/v1/profiles/\(TestAPI.encoded(id))/iam-policy?source_region=\(source)&account=\(P.account)&actions=invoke", method: .get)
        let policy = try #require(response.json["policy"])
        return (String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self), policy)
    }

    @Test func theGeographicExampleAndTheGeneratedPolicyAllowTheSameRequests() async throws {
        let example = try P.example("geo-identity-policy.json", ["<ACCOUNT_ID>": P.account])
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let results = try await P.check(client, source: "us-east-1", profiles: [Self.usSonnet], identity: [example])
            #expect(results.first?["allowed"] as? Bool == true, "AWS's own example passes regiond's check: \(results)")
            try P.expectReferenceAgrees(results, source: "us-east-1", identity: [example], scps: nil)

            let ours = try await generated(client, Self.usSonnet, source: "us-east-1")
            try P.expectGolden(ours.policy, "us-sonnet-4-5-from-us-east-1.policy.json")
            for (resource, region, profile) in Self.grid(Self.usSonnet, source: "us-east-1", regions: ["us-east-1", "us-east-2", "us-west-2", "us-west-1", "eu-west-1"]) {
                let theirs = try P.reference(resource: resource, region: region, profileARN: profile, identity: [example])
                #expect(try P.reference(resource: resource, region: region, profileARN: profile, identity: [ours.text]) == theirs,
                        "\(resource) in \(region) \(profile == nil ? "directly" : "through the profile")")
            }
        }
    }

    @Test func theGlobalExampleAndTheGeneratedPolicyAllowTheSameRequests() async throws {
        let example = try P.example("global-identity-policy.json",
                                    ["<REQUESTING REGION>": "us-east-1", "<ACCOUNT>": P.account, "<MODEL NAME>": P.sonnet])
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let results = try await P.check(client, source: "us-east-1", profiles: [Self.globalSonnet], identity: [example])
            #expect(results.first?["allowed"] as? Bool == true, "\(results)")
            #expect(Set(P.decisions(results, Self.globalSonnet).keys).contains("arn:aws:bedrock:::foundation-model/\(P.sonnet)"))
            try P.expectReferenceAgrees(results, source: "us-east-1", identity: [example], scps: nil)

            let ours = try await generated(client, Self.globalSonnet, source: "us-east-1")
            try P.expectGolden(ours.policy, "global-sonnet-4-5-from-us-east-1.policy.json")
            for (resource, region, profile) in Self.grid(Self.globalSonnet, source: "us-east-1", regions: ["us-east-1", "us-west-2"]) {
                let theirs = try P.reference(resource: resource, region: region, profileARN: profile, identity: [example])
                #expect(try P.reference(resource: resource, region: region, profileARN: profile, identity: [ours.text]) == theirs,
                        "\(resource) in \(region) \(profile == nil ? "directly" : "through the profile")")
            }
        }
    }

    @Test func theRegionDenySCPBlocksExactlyTheDestinationsOutsideItsListAndGlobalUntilUnspecifiedIsAllowed() async throws {
        let listed: Set = ["us-east-1", "us-east-2", "us-west-2", "unspecified"]
        let scp = try P.example("region-deny-scp.json")
        let withoutUnspecified = scp.replacingOccurrences(of: ",\n                        \"unspecified\"", with: "")
        try #require(withoutUnspecified != scp)
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            for (document, allowed) in [(scp, listed), (withoutUnspecified, listed.subtracting(["unspecified"]))] {
                let levels = [[P.fullAWSAccess, document]]
                let results = try await P.check(client, source: "us-east-1", scps: levels)
                #expect(results.count > 10, "every active route from us-east-1")
                for result in results {
                    for destination in result["destinations"] as? [[String: Any]] ?? [] {
                        let region = destination["region"] as? String ?? ""
                        #expect(destination["decision"] as? String == (allowed.contains(region) ? "allowed" : "explicit_deny"),
                                "\(result["profile_id"] ?? "") \(region)")
                    }
                }
                try P.expectReferenceAgrees(results, source: "us-east-1", identity: nil, scps: levels)
                let global = P.decisions(results, Self.globalSonnet)["arn:aws:bedrock:::foundation-model/\(P.sonnet)"]
                #expect(global == (allowed.contains("unspecified") ? "allowed" : "explicit_deny"))
            }
        }
    }

    @Test func theSamplesSCPAndTheDisableGlobalStatementDecideAsTheReferenceDoes() async throws {
        let principal = "arn:aws:iam::\(P.account):role/gateway"
        let samples = try P.example("aws-samples-cris-region-deny-scp.json", [
            "{example-region-1}": "us-east-1", "{example-region-2}": "us-west-2", "${Account}": P.account,
            "[PRIVILEGED_ROLE]": "Admin", "{example-inference-profile-geographic-prefix}": "us.*",
        ])
        let disableGlobal = #"{"Version": "2012-10-17", "Statement": [\#(try P.example("global-cris-disable-scp-statement.json"))]}"#
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            for scp in [samples, disableGlobal] {
                let levels = [[P.fullAWSAccess, scp]]
                let results = try await P.check(client, source: "us-east-1", scps: levels, principal: principal)
                try P.expectReferenceAgrees(results, source: "us-east-1", identity: nil, scps: levels, principal: principal)
                // Geographic US routes pass both; the global route's region-less model is what both stop.
                #expect(results.first { $0["profile_id"] as? String == Self.usSonnet }?["allowed"] as? Bool == true)
                #expect(P.decisions(results, Self.globalSonnet)["arn:aws:bedrock:::foundation-model/\(P.sonnet)"] == "explicit_deny")
            }
        }
    }
}
