import Foundation
import HummingbirdTesting
import Testing

/// Every EU and global route of the embedded catalog: the policy regiond writes for it, judged by
/// the independent reference evaluator, lets the caller invoke each destination's model through
/// the profile, and nothing else: not the model directly, not a region off the route, not the
/// region-less model for a geographic profile, not another action.
@Suite struct GeneratedPolicySweepTests {
    typealias P = PublishedPolicies
    static let offRoute = ["us-east-1", "ap-northeast-1", "eu-west-1", "eu-central-2", "me-central-1"]

    @Test(arguments: ["eu", "global"])
    func theGeneratedPolicyAllowsEachDestinationThroughTheProfileAndNothingElse(geo: String) async throws {
        let api = try await TestAPI()
        try await api.application.test(.router) { client in
            let listing = try await client.execute(uri: "/v1/profiles?geo=\(geo)&limit=500", method: .get)
            let profiles = listing.json["profiles"] as? [[String: Any]] ?? []
            try #require(profiles.count >= 5, "the catalog has \(geo) profiles: \(profiles.count)")
            var routesChecked = 0
            for profile in profiles {
                let id = profile["id"] as? String ?? "", model = profile["model_id"] as? String ?? ""
                for route in profile["routes"] as? [[String: Any]] ?? [] {
                    let source = route["source_region"] as? String ?? ""
                    let destinations = route["destination_regions"] as? [String] ?? []
                    let response = try await client.execute(
                        uri: "/v1/profiles/\(TestAPI.encoded(id))/iam-policy?source_region=\(source)&account=\(P.account)", method: .get)
                    let policy = try #require(response.json["policy"], "\(id) from \(source): \(response.status)")
                    let text = String(decoding: try JSONSerialization.data(withJSONObject: policy), as: UTF8.self)
                    try expectExactly(text, id: id, model: model, source: source, modelRegions: geo == "global" ? [source] : destinations,
                                      global: geo == "global")
                    routesChecked += 1
                }
            }
            #expect(routesChecked >= 10, "\(routesChecked) \(geo) routes checked")
        }
    }

    func expectExactly(_ policy: String, id: String, model: String, source: String, modelRegions: [String], global: Bool) throws {
        let profile = P.profileARN(id, source: source)
        func decide(_ resource: String, _ region: String, through: String?, action: String = "bedrock:InvokeModel") throws -> String {
            try P.reference(resource: resource, region: region, profileARN: through, identity: [policy], action: action)
        }
        let where_ = "\(id) from \(source)"
        for action in ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"] {
            #expect(try decide(profile, source, through: profile, action: action) == "allowed", "\(where_): the profile, \(action)")
        }
        for region in modelRegions {
            let arn = "arn:aws:bedrock:\(region)::foundation-model/\(model)"
            #expect(try decide(arn, region, through: profile) == "allowed", "\(where_): \(region) through the profile")
            #expect(try decide(arn, region, through: nil) == "implicit_deny", "\(where_): \(region) directly")
            #expect(try decide(arn, region, through: P.profileARN("eu.other-model-v1:0", source: source)) == "implicit_deny",
                    "\(where_): \(region) through another profile")
            #expect(try decide(arn, region, through: profile, action: "bedrock:CreateModelCustomizationJob") == "implicit_deny")
        }
        for region in Self.offRoute where !modelRegions.contains(region) {
            let arn = "arn:aws:bedrock:\(region)::foundation-model/\(model)"
            #expect(try decide(arn, region, through: profile) == "implicit_deny", "\(where_): \(region) is off the route")
        }
        let regionless = "arn:aws:bedrock:::foundation-model/\(model)"
        #expect(try decide(regionless, "unspecified", through: profile) == (global ? "allowed" : "implicit_deny"), "\(where_): region-less")
        #expect(try decide(regionless, "unspecified", through: nil) == "implicit_deny", "\(where_): region-less, directly")
        #expect(try decide("arn:aws:bedrock:\(source):\(P.account):inference-profile/us.\(model)", source, through: nil) == "implicit_deny")
    }
}
