import Testing
import RegionRegistry
@testable import RegistryHealth

@Suite struct ProfileResolverTests {
    typealias F = HealthFixture
    static let usRegions = ["us-east-1", "us-east-2", "us-west-2"]
    static let euRegions = ["eu-central-1", "eu-west-1", "eu-west-3"]
    static let globalRegions = usRegions + euRegions + ["ap-northeast-1"]

    let us = F.profile("us.sonnet", geo: "us", routes: ["us-east-1": usRegions])
    let eu = F.profile("eu.sonnet", geo: "eu", routes: ["eu-west-1": euRegions])
    let global = F.profile("global.sonnet", geo: "global", routes: ["us-east-1": globalRegions, "eu-west-1": globalRegions])

    func resolve(_ source: String, geo: String? = nil, model: String = F.sonnet, denied: Set<String> = [],
                 removed: Set<String> = [], unhealthy: Set<String> = []) throws(ResolveFailure) -> Resolution {
        let grants = Self.globalRegions.map { F.grant($0, denied.contains($0) ? .denied : .granted) }
        let view = F.view(profiles: [us, eu, global], grants: grants, removed: removed)
        return try ProfileResolver.resolve(
            model: model, sourceRegion: source, geo: geo, view: view,
            health: { unhealthy.contains($0.region) ? F.tracked(.unhealthy, "error rate 40% ≥ 25%") : F.tracked(.healthy) },
            stats: { _ in .empty })
    }

    @Test func geographyProfileWinsOverGlobalWhenBothAreComplete() throws {
        let resolution = try resolve("us-east-1")
        #expect(resolution.profile.id == "us.sonnet")
        #expect(resolution.complete)
        #expect(resolution.sourceRegion == "us-east-1")
        #expect(resolution.reason == "us geo profile: access complete in all 3 destinations")
        #expect(resolution.destinations.map(\.region) == Self.usRegions)
        #expect(resolution.alternatives == [Resolution.Alternative(
            profileId: "global.sonnet",
            reason: "global profile: access complete in all 7 destinations; us geo profile preferred (keeps data in the geography)")])
    }

    @Test func globalWinsWhenTheGeographyProfileIsIncomplete() throws {
        // Denied somewhere only the eu profile goes: the global one is complete.
        let euOnly = F.profile("eu.sonnet", geo: "eu", routes: ["eu-west-1": Self.euRegions + ["eu-south-2"]])
        let view = F.view(profiles: [us, euOnly, global], grants: Self.globalRegions.map { F.grant($0, .granted) }
                          + [F.grant("eu-south-2", .denied)])
        let resolution = try ProfileResolver.resolve(model: F.sonnet, sourceRegion: "eu-west-1", geo: nil, view: view,
                                                     health: { _ in .unknown }, stats: { _ in .empty })
        #expect(resolution.profile.id == "global.sonnet")
        #expect(resolution.reason == "global profile: access complete in all 7 destinations")
        #expect(resolution.alternatives.map(\.reason) == [
            "eu geo profile: access incomplete: denied in eu-south-2; global.sonnet has complete access",
        ])
    }

    @Test func geographyProfileWinsWhenGlobalIsIncomplete() throws {
        let resolution = try resolve("eu-west-1", denied: ["ap-northeast-1"])
        #expect(resolution.profile.id == "eu.sonnet")
        #expect(resolution.reason == "eu geo profile: access complete in all 3 destinations")
        #expect(resolution.alternatives.first?.reason
                == "global profile: access incomplete: denied in ap-northeast-1; eu.sonnet has complete access")
        #expect(resolution.alternatives.map(\.profileId) == ["global.sonnet"])
        #expect(resolution.destinations.count == 3)
    }

    @Test func anIncompleteChoiceSaysWhereAccessIsMissing() throws {
        let resolution = try resolve("us-east-1", denied: ["us-west-2"])
        #expect(resolution.profile.id == "us.sonnet")  // both incomplete: the geography decides
        #expect(!resolution.complete)
        #expect(resolution.reason == "us geo profile: access incomplete: denied in us-west-2")
        #expect(resolution.destinations.last?.region == "us-west-2")
        #expect(resolution.destinations.last?.usable == false)
    }

    @Test func fewerUnusableDestinationsWinAmongEquals() throws {
        let apac = F.profile("apac.sonnet", geo: "apac", routes: ["ap-northeast-1": ["ap-northeast-1", "ap-southeast-1", "ap-southeast-2"]])
        let jp = F.profile("jp.sonnet", geo: "jp", routes: ["ap-northeast-1": ["ap-northeast-1", "ap-northeast-3"]])
        let view = F.view(profiles: [apac, jp], grants: [
            F.grant("ap-northeast-1", .granted), F.grant("ap-southeast-1", .denied), F.grant("ap-southeast-2", .denied),
        ])
        let resolution = try ProfileResolver.resolve(model: F.sonnet, sourceRegion: "ap-northeast-1", geo: nil, view: view,
                                                     health: { _ in .unknown }, stats: { _ in .empty })
        #expect(resolution.profile.id == "jp.sonnet")  // ap-northeast-3 is unknown, which is still usable
        #expect(resolution.reason == "jp geo profile: access incomplete: unknown in ap-northeast-3")
        #expect(resolution.alternatives.map(\.reason) == [
            "apac geo profile: access incomplete: denied in ap-southeast-1, ap-southeast-2; 2 unusable destinations, jp.sonnet has 0",
        ])
    }

    @Test func unhealthyDestinationsCountAsUnusable() throws {
        let resolution = try resolve("us-east-1", unhealthy: ["us-east-2"])
        #expect(resolution.profile.id == "us.sonnet")
        #expect(resolution.reason == "us geo profile: access complete in all 3 destinations, unhealthy in us-east-2")
        #expect(resolution.destinations.map(\.region) == ["us-east-1", "us-west-2", "us-east-2"])
    }

    @Test func geoFilterRestrictsCandidates() throws {
        let resolution = try resolve("us-east-1", geo: "global")
        #expect(resolution.profile.id == "global.sonnet")
        #expect(resolution.alternatives.isEmpty)

        #expect(throws: ResolveFailure(description:
            "no eu inference profile serves \(F.sonnet) from us-east-1 (from us-east-1 it is served by: global.sonnet, us.sonnet)")) {
            try resolve("us-east-1", geo: "eu")
        }
        #expect(throws: ResolveFailure(description:
            "no apac inference profile serves \(F.sonnet) from ap-south-2 (this model's profiles are: eu, global, us)")) {
            try resolve("ap-south-2", geo: "apac")
        }
    }

    @Test func removedProfilesAreNotCandidates() throws {
        #expect(try resolve("us-east-1", removed: ["us.sonnet"]).profile.id == "global.sonnet")
    }

    @Test func failsWithWhereTheModelIsServedFrom() {
        #expect(throws: ResolveFailure(description:
            "no inference profile serves \(F.sonnet) from ap-south-2 (profiles for this model route from: eu-west-1, us-east-1)")) {
            try resolve("ap-south-2")
        }
        #expect(throws: ResolveFailure(description:
            "no inference profile serves anthropic.x from us-east-1 (no active inference profile for this model)")) {
            try resolve("us-east-1", model: "anthropic.x")
        }
    }
}
