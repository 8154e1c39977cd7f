import Testing
@testable import RegionRegistry

/// `global.` profiles: any commercial region of the source's partition that AWS picks, judged
/// where the request enters.
@Suite struct CommercialScopeTests {
    static let global = InferenceProfile(
        id: "global.anthropic.claude-3-haiku-20240307-v1:0", name: "Global Haiku", type: .systemDefined, geo: "global",
        modelId: Fixture.haikuModel.id, status: "ACTIVE",
        routes: [Route(sourceRegion: "us-east-2", destinationRegions: ["us-east-2"], scope: .commercial)])

    /// The fixture's three US regions, a GovCloud one, and a commercial one without Bedrock.
    func view(_ grants: [AccessGrant] = []) -> RegistryView {
        var snapshot = Fixture.snapshot(profiles: [Fixture.haiku, Self.global])
        snapshot.regions += [
            Region(code: "us-gov-west-1", name: "GovCloud West", geography: "North America", partition: "aws-us-gov", optIn: false,
                   bedrockEndpoint: true),
            Region(code: "ap-east-1", name: "Hong Kong", geography: "Asia Pacific", partition: "aws", optIn: true, bedrockEndpoint: false),
        ]
        return RegistryView(state: Fixture.state(after: snapshot, grants: grants), index: 5)
    }

    @Test func destinationsAreTheCommercialBedrockRegionsOfThePartition() throws {
        let route = try #require(Self.global.route(from: "us-east-2"))
        #expect(view().destinations(of: route) == ["us-east-1", "us-east-2", "us-west-2"], "no GovCloud, no region without Bedrock")
        let geo = try #require(Fixture.haiku.route(from: "us-west-2"))
        #expect(view().destinations(of: geo) == ["us-east-1", "us-west-2"], "a regions route is its list")
    }

    @Test func accessIsJudgedByTheSourceRegionsGrantWithANote() throws {
        let granted = try #require(view([Fixture.grant("us-east-2", .granted)]).access(for: Self.global, from: "us-east-2"))
        #expect(granted.complete && granted.scope == .commercial)
        #expect(granted.destinations.map(\.region) == ["us-east-2"])
        #expect(granted.notes == [RouteAccess.commercialScopeNote])
        #expect(granted.notes[0].contains("aws:RequestedRegion") && granted.notes[0].contains("not evaluated"))
        let elsewhere = try #require(view([Fixture.grant("us-east-1", .granted)]).access(for: Self.global, from: "us-east-2"))
        #expect(!elsewhere.complete && elsewhere.missing == ["us-east-2"])
        #expect(view().access(for: Fixture.haiku, from: "us-west-2")?.notes == [])
    }

    @Test func aDestinationFilterMatchesAnyCommercialRegion() {
        let ids = view().profiles(matching: ProfileFilter(destinationRegion: "us-west-2")).map(\.value.id)
        #expect(ids.contains(Self.global.id))
        #expect(!view().profiles(matching: ProfileFilter(destinationRegion: "us-gov-west-1")).map(\.value.id).contains(Self.global.id))
    }
}
