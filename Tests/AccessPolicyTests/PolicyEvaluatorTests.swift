import AccessPolicy
import Foundation
import RegionRegistry
import Testing

/// The offline evaluator on the policies users actually write: identity policies scoped to the
/// source region, region-deny SCPs, the documented cross-region and global shapes.
@Suite struct PolicyEvaluatorTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1:0"
    static let geo = PolicyRoute(profileId: "us.\(model)", modelId: model, sourceRegion: "us-east-2", partition: "aws", application: false,
                                 global: false, modelRegions: ["us-east-1", "us-east-2", "us-west-2"])
    static let global = PolicyRoute(profileId: "global.\(model)", modelId: model, sourceRegion: "us-east-2", partition: "aws",
                                    application: false, global: true, modelRegions: ["us-east-2"])

    func policy(_ text: String, at path: String = "$.identity_policies[0]") throws -> ParsedPolicy {
        try ParsedPolicy(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)), at: path)
    }

    func check(_ route: PolicyRoute, identity: [String]? = nil, scps: [[String]]? = nil, principal: String? = nil) throws -> AccessCheck.Result {
        let set = PolicySet(identity: try identity?.map { try policy($0) }, scpLevels: try scps?.map { try $0.map { try policy($0, at: "$.scps") } })
        return AccessCheck(policies: set, actions: ["bedrock:InvokeModel"], account: "111122223333",
                           principal: .init(arn: principal, account: nil)).check(route)
    }

    func decisions(_ result: AccessCheck.Result) -> [String: String] {
        Dictionary(uniqueKeysWithValues: result.destinations.map { ($0.resource.contains("inference-profile") ? "profile" : $0.region, $0.verdict.decision.rawValue) })
    }

    @Test func aPolicyWrittenForTheSourceRegionAloneFailsInTheOtherDestinations() throws {
        let result = try check(Self.geo, identity: [#"""
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel*",
             "Resource": ["arn:aws:bedrock:us-east-2:*:inference-profile/*", "arn:aws:bedrock:us-east-2::foundation-model/*"]}]}
            """#])
        #expect(decisions(result) == ["profile": "allowed", "us-east-2": "allowed", "us-east-1": "implicit_deny", "us-west-2": "implicit_deny"])
        #expect(!result.allowed)
        let denied = try #require(result.destinations.first { $0.region == "us-west-2" })
        #expect(denied.verdict.gate == .identity && denied.verdict.statement == nil)
        #expect(denied.resource == "arn:aws:bedrock:us-west-2::foundation-model/\(Self.model)")
    }

    @Test func theGeneratedPolicyPassesItsOwnCheck() throws {
        for route in [Self.geo, Self.global] {
            let generated = IdentityPolicy(routes: [route], account: "111122223333", actions: [.invoke]).document.json
            let text = String(decoding: try JSONEncoder().encode(generated), as: UTF8.self)
            let result = try check(route, identity: [text])
            #expect(result.allowed, "\(route.profileId): \(result.destinations.map(\.verdict))")
        }
    }

    static let regionDeny = #"""
        {"Statement": [{"Sid": "DenyOutsideEU", "Effect": "Deny", "NotAction": ["iam:*", "sts:*"], "Resource": "*",
          "Condition": {"StringNotEquals": {"aws:RequestedRegion": ["us-east-2", "us-east-1"]}}}]}
        """#
    static let allowAll = #"{"Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}"#

    @Test func aRegionDenySCPExplicitlyDeniesTheDestinationsItLeavesOut() throws {
        let result = try check(Self.geo, scps: [[Self.allowAll], [Self.allowAll, Self.regionDeny]])
        let west = try #require(result.destinations.first { $0.region == "us-west-2" })
        #expect(west.verdict.decision == .explicitDeny && west.verdict.gate == .scp)
        #expect(west.verdict.statement?.level == 1 && west.verdict.statement?.document == 1 && west.verdict.statement?.sid == "DenyOutsideEU")
        #expect(decisions(result)["us-east-1"] == "allowed")
    }

    @Test func aGlobalRouteNeedsUnspecifiedAllowedByTheSCP() throws {
        let result = try check(Self.global, scps: [[Self.allowAll, Self.regionDeny]])
        #expect(decisions(result) == ["profile": "allowed", "us-east-2": "allowed", "unspecified": "explicit_deny"])
        let allowing = Self.regionDeny.replacingOccurrences(of: #""us-east-1"]"#, with: #""us-east-1", "unspecified"]"#)
        #expect(try check(Self.global, scps: [[Self.allowAll, allowing]]).allowed)
    }

    @Test func everySCPLevelNeedsAnAllow() throws {
        let bedrockOnly = #"{"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*"}]}"#
        let s3Only = #"{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}"#
        #expect(try check(Self.geo, scps: [[Self.allowAll], [bedrockOnly]]).allowed)
        let result = try check(Self.geo, scps: [[Self.allowAll], [s3Only]])
        #expect(result.destinations.allSatisfy { $0.verdict.decision == .implicitDeny && $0.verdict.gate == .scp })
        #expect(result.destinations.first?.verdict.reason.contains("level 1") == true)
    }

    @Test func conditionsOnTheProfileArnAndPrincipal() throws {
        let viaProfile = #"""
            {"Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*",
              "Condition": {"ArnLike": {"bedrock:InferenceProfileArn": "arn:aws:bedrock:*:111122223333:inference-profile/us.*"},
                            "StringEqualsIgnoreCase": {"aws:PrincipalArn": "ARN:AWS:IAM::111122223333:ROLE/GATEWAY"}}}]}
            """#
        #expect(try check(Self.geo, identity: [viaProfile], principal: "arn:aws:iam::111122223333:role/gateway").allowed)
        #expect(!(try check(Self.global, identity: [viaProfile], principal: "arn:aws:iam::111122223333:role/gateway").allowed))
        let unknown = try check(Self.geo, identity: [viaProfile])
        #expect(unknown.destinations.allSatisfy { $0.verdict.decision == .unknown }, "no principal given: cannot tell")
        #expect(unknown.destinations.first?.verdict.reason.contains("aws:PrincipalArn") == true)
    }

    @Test func ifExistsSetOperatorsAndNull() throws {
        let text = #"""
            {"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*",
              "Condition": {"ForAllValues:StringEquals": {"aws:RequestedRegion": ["us-east-1", "us-east-2", "us-west-2"]},
                            "Null": {"bedrock:InferenceProfileArn": "false"},
                            "StringEqualsIfExists": {"aws:PrincipalAccount": "111122223333"}}}]}
            """#
        #expect(try check(Self.geo, identity: [text], principal: "arn:aws:iam::111122223333:role/x").allowed)
        #expect(try check(Self.geo, identity: [text], principal: "arn:aws:iam::999999999999:role/x").destinations.allSatisfy { $0.verdict.decision == .implicitDeny })
    }

    @Test func forAnyValueNeedsAValueEvenWhenNegated() throws {
        // No principal given: aws:PrincipalArn is unknown, so ask about a key the request lacks.
        let text = #"""
            {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"},
             {"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringNotEquals": {"aws:PrincipalAccount": "111122223333"}}}]}
            """#
        let absent = AccessCheck(policies: PolicySet(identity: [try policy(text)], scpLevels: nil), actions: ["bedrock:InvokeModel"],
                                 account: "111122223333", principal: .init(arn: nil, account: nil))
        #expect(absent.check(Self.geo).destinations.allSatisfy { $0.verdict.decision != .explicitDeny }, "no value: ForAnyValue is false")
        #expect(try check(Self.geo, identity: [text], principal: "arn:aws:iam::999999999999:role/x").destinations.allSatisfy {
            $0.verdict.decision == .explicitDeny
        })
    }

    @Test func arnConditionsMatchEachOfTheSixPartsOnItsOwn() throws {
        func allowing(_ pattern: String) -> String {
            #"{"Statement": [{"Effect": "Allow", "Action": "bedrock:InvokeModel", "Resource": "*", "Condition": {"ArnLike": {"bedrock:InferenceProfileArn": "\#(pattern)"}}}]}"#
        }
        #expect(try check(Self.geo, identity: [allowing("arn:aws:bedrock:us-*:111122223333:inference-profile/us.*")]).allowed)
        // A `*` in a whole-string glob would reach across the region and account parts; IAM's does not.
        #expect(try check(Self.geo, identity: [allowing("arn:aws:*:inference-profile/us.*")]).destinations.allSatisfy { $0.verdict.decision == .implicitDeny })
        #expect(try check(Self.geo, identity: [allowing("arn:aws:bedrock:*:*:inference-profile/eu.*")]).destinations.allSatisfy { $0.verdict.decision == .implicitDeny })
    }

    @Test func whatTheEvaluatorDoesNotUnderstandIsUnknownNeverAnAllow() throws {
        let tagged = #"{"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "ml"}}}]}"#
        let result = try check(Self.geo, identity: [tagged])
        #expect(result.destinations.allSatisfy { $0.verdict.decision == .unknown } && !result.allowed)
        #expect(result.destinations.first?.verdict.reason.contains("aws:PrincipalTag/team") == true)
        let dates = #"{"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*", "Condition": {"DateGreaterThan": {"aws:CurrentTime": "2020-01-01T00:00:00Z"}}}]}"#
        #expect(try check(Self.geo, identity: [Self.allowAll, dates]).destinations.allSatisfy { $0.verdict.decision == .unknown })
        let variable = #"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "arn:aws:bedrock:${aws:RequestedRegion}::*"}]}"#
        #expect(try check(Self.geo, identity: [variable]).destinations.allSatisfy { $0.verdict.decision == .unknown })
    }

    @Test func notActionNotResourceAndWildcards() throws {
        let text = #"{"Statement": [{"Effect": "Allow", "NotAction": "s3:*", "NotResource": "arn:aws:bedrock:us-west-?::*"}]}"#
        #expect(decisions(try check(Self.geo, identity: [text])) == ["profile": "allowed", "us-east-1": "allowed", "us-east-2": "allowed", "us-west-2": "implicit_deny"])
        let cased = #"{"Statement": [{"Effect": "Allow", "Action": "BEDROCK:invokemodel", "Resource": "*"}]}"#
        #expect(try check(Self.geo, identity: [cased]).allowed, "actions compare case-insensitively")
        let resourceCase = #"{"Statement": [{"Effect": "Allow", "Action": "bedrock:*", "Resource": "ARN:AWS:BEDROCK:*"}]}"#
        #expect(!(try check(Self.geo, identity: [resourceCase]).allowed), "resources compare as written")
    }

    @Test func aBadDocumentNamesItsJSONPath() throws {
        #expect(throws: PolicyParseError.self) { try policy(#"{"Statement": [{"Effect": "Allow", "Action": "*"}]}"#) }
        do {
            _ = try policy(#"{"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}, {"Effect": "Maybe", "Action": "*", "Resource": "*"}]}"#)
            Issue.record("accepted a bad Effect")
        } catch {
            #expect((error as? PolicyParseError)?.path == "$.identity_policies[0].Statement[1].Effect")
        }
        do {
            _ = try AccessCheckRequest(try JSONDecoder().decode(JSONValue.self, from: Data(#"{"scps": [[{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}}]]}"#.utf8)))
            Issue.record("accepted a Principal")
        } catch {
            #expect((error as? PolicyParseError)?.path == "$.scps[0][0].Statement.Principal")
        }
    }
}
