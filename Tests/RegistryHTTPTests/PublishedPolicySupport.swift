import BedrockStandIn
import Foundation
import HummingbirdTesting
import RegistryTestSupport
import Testing

/// AWS's published example policies (`Fixtures/aws-examples`, sources in SOURCES.md) and the
/// test reference evaluator (`ReferenceIAM`, written apart from regiond's) to hold regiond's
/// policy check and generated policies against.
enum PublishedPolicies {
    static let account = "111122223333"
    static let sonnet = "anthropic.claude-sonnet-4-5-20250929-v1:0"
    static let fullAWSAccess = #"{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}"#
    static let fixtures = PackageFiles.root().appending(path: "Tests/RegistryHTTPTests/Fixtures")

    /// An example with its placeholders filled in.
    static func example(_ name: String, _ substitutions: [String: String] = [:]) throws -> String {
        var text = try String(contentsOf: fixtures.appending(path: "aws-examples/\(name)"), encoding: .utf8)
        for (placeholder, value) in substitutions { text = text.replacingOccurrences(of: placeholder, with: value) }
        return text
    }

    static func profileARN(_ id: String, source: String) -> String {
        "arn:aws:bedrock:\(source):\(account):inference-profile/\(id)"
    }

    /// regiond's `POST /v1/access/check` results, as sent by a gateway operator.
    static func check(_ client: some TestClientProtocol, source: String, profiles: [String]? = nil, identity: [String]? = nil,
                      scps: [[String]]? = nil, principal: String? = nil) async throws -> [[String: Any]] {
        var fields = [#""source_regions": ["\#(source)"]"#, #""account": "\#(account)""#]
        if let profiles { fields.append(#""profiles": [\#(profiles.map { "\"\($0)\"" }.joined(separator: ","))]"#) }
        if let identity { fields.append(#""identity_policies": [\#(identity.joined(separator: ","))]"#) }
        if let scps { fields.append(#""scps": [\#(scps.map { "[\($0.joined(separator: ","))]" }.joined(separator: ","))]"#) }
        if let principal { fields.append(#""principal_arn": "\#(principal)""#) }
        let response = try await client.execute(uri: "/v1/access/check", method: .post, body: TestAPI.body("{\(fields.joined(separator: ","))}"))
        OpenAPIChecker.check(response, "POST", "/v1/access/check")
        try #require(response.status == .ok, "\(String(buffer: response.body))")
        return response.json["results"] as? [[String: Any]] ?? []
    }

    /// The reference evaluator's decision, in regiond's words, for InvokeModel on `resource` in
    /// `region` through `profileARN` (nil: invoked directly, not through a profile).
    static func reference(resource: String, region: String, profileARN: String?, identity: [String], scps: [[String]]? = nil,
                          principal: String? = nil, action: String = "bedrock:InvokeModel") throws -> String {
        var context = ["aws:RequestedRegion": [region], "aws:PrincipalAccount": [account]]
        if let profileARN { context["bedrock:InferenceProfileArn"] = [profileARN] }
        if let principal { context["aws:PrincipalArn"] = [principal] }
        let outcome = try ReferenceIAM.evaluate(
            .init(action: action, resource: resource, context: context),
            identity: try identity.map(ReferenceIAMPolicy.init(json:)), scps: try scps?.map { try $0.map(ReferenceIAMPolicy.init(json:)) })
        return switch outcome.decision {
        case .allowed: "allowed"
        case .implicitDeny: "implicit_deny"
        case .explicitDeny: "explicit_deny"
        }
    }

    /// Checks every destination regiond decided against the reference evaluator (identity
    /// gates alone are compared under an allow-all identity policy when only SCPs are given).
    static func expectReferenceAgrees(_ results: [[String: Any]], source: String, identity: [String]?, scps: [[String]]?,
                                      principal: String? = nil) throws {
        for result in results {
            let id = result["profile_id"] as? String ?? ""
            for destination in result["destinations"] as? [[String: Any]] ?? [] {
                let resource = destination["resource"] as? String ?? "", region = destination["region"] as? String ?? ""
                let theirs = try reference(resource: resource, region: region, profileARN: profileARN(id, source: source),
                                           identity: identity ?? [fullAWSAccess], scps: scps, principal: principal)
                #expect(destination["decision"] as? String == theirs, "\(id) from \(source), \(resource) in \(region)")
            }
        }
    }

    /// Destination → decision for one route of a check.
    static func decisions(_ results: [[String: Any]], _ id: String) -> [String: String] {
        let result = results.first { $0["profile_id"] as? String == id }
        var decisions: [String: String] = [:]
        for destination in result?["destinations"] as? [[String: Any]] ?? [] {
            decisions[destination["resource"] as? String ?? ""] = destination["decision"] as? String
        }
        return decisions
    }

    /// The generated policy must equal the golden file (`REGIOND_UPDATE_GOLDEN=1` rewrites it).
    static func expectGolden(_ policy: Any, _ name: String) throws {
        let url = fixtures.appending(path: "golden/\(name)")
        let bytes = try JSONSerialization.data(withJSONObject: policy, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        if ProcessInfo.processInfo.environment["REGIOND_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (bytes + Data("\n".utf8)).write(to: url)
        }
        let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        #expect((golden as? NSDictionary)?.isEqual(to: policy as? [String: Any] ?? [:]) == true, "\(name) differs from the generated policy")
    }
}
