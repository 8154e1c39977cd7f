import AccessPolicy
import RegionRegistry
import Testing

/// The least-privilege identity policy, against AWS's documented shapes for geography and global
/// cross-region profiles.
@Suite struct IdentityPolicyTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1:0"
    static let regions = ["us-east-1", "us-east-2", "us-west-2"].map {
        Region(code: $0, name: $0, geography: "North America", partition: "aws", optIn: false, bedrockEndpoint: true)
    } + [Region(code: "us-gov-west-1", name: "GovCloud", geography: "North America", partition: "aws-us-gov", optIn: false, bedrockEndpoint: true)]
    static let geo = InferenceProfile(
        id: "us.\(model)", name: "US Haiku", type: .systemDefined, geo: "us", modelId: model, status: "ACTIVE",
        routes: [Route(sourceRegion: "us-east-2", destinationRegions: ["us-west-2", "us-east-1", "us-east-2"]),
                 Route(sourceRegion: "us-west-2", destinationRegions: ["us-east-1", "us-west-2"]),
                 Route(sourceRegion: "us-east-1", destinationRegions: ["us-west-2", "us-east-1", "us-east-2"])])
    static let global = InferenceProfile(
        id: "global.\(model)", name: "Global Haiku", type: .systemDefined, geo: "global", modelId: model, status: "ACTIVE",
        routes: [Route(sourceRegion: "us-east-2", destinationRegions: ["us-east-2"], scope: .commercial)])
    static let gov = InferenceProfile(
        id: "us-gov.\(model)", name: "GovCloud Haiku", type: .systemDefined, geo: "us-gov", modelId: model, status: "ACTIVE",
        routes: [Route(sourceRegion: "us-gov-west-1", destinationRegions: ["us-gov-west-1"])])

    func view(arn: String? = nil) -> RegistryView {
        func tracked<V>(_ value: V) -> Tracked<V> { Tracked(value: value, firstSeen: "t0", lastSeen: "t0") }
        var geo = Self.geo
        geo.arn = arn
        return RegistryView(state: RegistryState(
            regions: Dictionary(uniqueKeysWithValues: Self.regions.map { ($0.code, tracked($0)) }), models: [:],
            profiles: Dictionary(uniqueKeysWithValues: [geo, Self.global, Self.gov].map { ($0.id, tracked($0)) }), grants: [:]), index: 2)
    }

    func policy(_ ids: [String], _ sources: [String], account: String? = "111122223333", actions: [PolicyAction] = PolicyAction.allCases) throws -> IdentityPolicy {
        IdentityPolicy(routes: try view().policyRoutes(profileIds: ids, sources: sources), account: account, actions: actions)
    }

    @Test func aGeoRouteAllowsTheProfileInTheSourceAndTheModelInEveryDestinationThroughIt() throws {
        let policy = try policy([Self.geo.id], ["us-west-2"], actions: [.invoke])
        let statements = policy.document.statements
        #expect(statements.count == 2)
        #expect(statements[0].resources == ["arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.\(Self.model)"])
        #expect(statements[0].actions == ["bedrock:InvokeModel"])
        #expect(statements[1].resources == ["arn:aws:bedrock:us-east-1::foundation-model/\(Self.model)",
                                            "arn:aws:bedrock:us-west-2::foundation-model/\(Self.model)"], "the route's two destinations, no more")
        #expect(statements[1].conditions == ["StringEquals": ["bedrock:InferenceProfileArn": [statements[0].resources[0]]]])
        #expect(policy.notes.isEmpty)
    }

    @Test func sourcesWithTheSameReachShareAStatementAndOthersDoNot() throws {
        let policy = try policy([Self.geo.id], ["us-east-1", "us-east-2", "us-west-2"])
        let models = policy.document.statements.dropFirst()
        #expect(models.count == 2, "us-east-1 and us-east-2 reach three regions; us-west-2 two")
        let three = try #require(models.first { $0.resources.count == 3 })
        #expect(three.conditions["StringEquals"]?["bedrock:InferenceProfileArn"]?.count == 2)
        let two = try #require(models.first { $0.resources.count == 2 })
        #expect(two.conditions["StringEquals"]?["bedrock:InferenceProfileArn"] == ["arn:aws:bedrock:us-west-2:111122223333:inference-profile/us.\(Self.model)"])
        #expect(policy.document.statements[0].actions == ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"])
        #expect(!policy.document.statements.flatMap(\.resources).contains { $0.hasSuffix("/*") }, "nothing broader than the routes")
    }

    @Test func aGlobalRouteAddsTheRegionlessModelWithRequestedRegionUnspecified() throws {
        let policy = try policy([Self.global.id], ["us-east-2"])
        let statements = policy.document.statements
        let profileARN = "arn:aws:bedrock:us-east-2:111122223333:inference-profile/global.\(Self.model)"
        #expect(statements.map(\.resources) == [[profileARN], ["arn:aws:bedrock:us-east-2::foundation-model/\(Self.model)"],
                                                ["arn:aws:bedrock:::foundation-model/\(Self.model)"]])
        #expect(statements[2].conditions == ["StringEquals": ["aws:RequestedRegion": ["unspecified"], "bedrock:InferenceProfileArn": [profileARN]]])
        #expect(policy.notes.contains { $0.contains("unspecified") })
    }

    @Test func anUnknownAccountIsAWildcardMatchedByPattern() throws {
        let policy = try policy([Self.geo.id, Self.global.id], ["us-east-2"], account: nil)
        #expect(policy.document.statements[0].resources.allSatisfy { $0.contains(":*:inference-profile/") })
        #expect(policy.document.statements.dropFirst().allSatisfy { $0.conditions["StringLike"]?["bedrock:InferenceProfileArn"] != nil })
        #expect(policy.document.statements.last?.conditions["StringEquals"] == ["aws:RequestedRegion": ["unspecified"]])
        #expect(policy.notes.contains { $0.contains("account is unknown") })
    }

    @Test func arnsFollowTheSourceRegionsPartition() throws {
        let policy = try policy([Self.gov.id], ["us-gov-west-1"])
        #expect(policy.document.statements.flatMap(\.resources).allSatisfy { $0.hasPrefix("arn:aws-us-gov:bedrock:us-gov-west-1:") })
    }

    @Test func sidsAreStableAndTheDocumentIsValidJSONShape() throws {
        let once = try policy([Self.geo.id, Self.global.id], ["us-east-2"])
        let again = try policy([Self.global.id, Self.geo.id], ["us-east-2"])
        #expect(once.document == again.document, "order of the request does not matter")
        let alone = try policy([Self.geo.id], ["us-east-2"])
        #expect(Set(alone.document.statements.map(\.sid)).isSubset(of: Set(once.document.statements.map(\.sid))), "a statement keeps its Sid")
        #expect(once.document.statements.allSatisfy { $0.sid.allSatisfy { $0.isLetter || $0.isNumber } })
        guard case .object(let json) = once.document.json else { Issue.record("not an object"); return }
        #expect(json["Version"] == .string("2012-10-17"))
    }

    @Test func unknownProfilesRoutesAndAccountsAreSaidClearly() throws {
        #expect(throws: PolicyRequestError.unknownProfile("us.nope")) { try view().policyRoutes(profileIds: ["us.nope"], sources: []) }
        #expect(throws: PolicyRequestError.noRoute(profile: Self.geo.id, source: "eu-west-1", sources: ["us-east-2", "us-west-2", "us-east-1"])) {
            try view().policyRoutes(profileIds: [Self.geo.id], sources: ["eu-west-1"])
        }
        #expect(throws: PolicyRequestError.badAccount("12ab")) { try view().policyAccount("12ab") }
        #expect(try view().policyAccount(nil) == nil, "catalog data names no account")
        #expect(try view(arn: "arn:aws:bedrock:us-east-2:444455556666:inference-profile/us.\(Self.model)").policyAccount(nil) == "444455556666")
    }

    @Test func anSCPHintListsEveryDestinationAndUnspecifiedForGlobal() throws {
        let routes = try view().policyRoutes(from: "us-east-2")
        let hint = SCPHint(sourceRegion: "us-east-2", routes: routes)
        #expect(hint.requestedRegions == ["us-east-1", "us-east-2", "us-west-2", "unspecified"])
        #expect(hint.profileIds == [Self.global.id, Self.geo.id])
        #expect(hint.denyCondition == ["StringNotEquals": ["aws:RequestedRegion": hint.requestedRegions]])
        #expect(throws: PolicyRequestError.noRoutesFrom(source: "eu-west-1")) { try view().policyRoutes(from: "eu-west-1") }
    }
}
