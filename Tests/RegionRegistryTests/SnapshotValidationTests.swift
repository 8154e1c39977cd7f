import Testing
@testable import RegionRegistry

@Suite struct SnapshotValidationTests {
    @Test func validSnapshotPasses() throws {
        try Fixture.snapshot().validate()
    }

    @Test func everyProblemIsReportedWithItsPath() {
        var bad = Fixture.haiku
        bad.routes.append(Route(sourceRegion: "us-east-2", destinationRegions: ["eu-west-9"]))
        bad.modelId = "no.such-model"
        let error = #expect(throws: InvalidSnapshot.self) { try Fixture.snapshot(profiles: [bad]).validate() }
        let paths = error?.problems.map(\.path) ?? []
        #expect(paths.contains("profiles[0].model_id"))
        #expect(paths.contains("profiles[0].routes[2].source_region"))  // duplicate route from us-east-2
        #expect(paths.contains("profiles[0].routes[2].destination_regions[0]"))
    }

    @Test func routesOutsideAPartialScopeAreRejected() {
        let snapshot = Fixture.snapshot(scope: .sourceRegions(["us-east-2"]))
        #expect(throws: InvalidSnapshot.self) { try snapshot.validate() }
    }
}
