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

@Suite struct TimestampTests {
    @Test(arguments: [
        ("2024-11-04T17:49:37.317261+00:00", "2024-11-04T17:49:37.317Z"),
        ("2024-09-30T00:00:00Z", "2024-09-30T00:00:00.000Z"),
        ("2024-09-30T02:00:00+02:00", "2024-09-30T00:00:00.000Z"),
        ("2025-06-10T16:03:19.53Z", "2025-06-10T16:03:19.530Z"),
    ])
    func normalisesAwsTimes(input: String, expected: String) {
        #expect(Timestamp.normalize(input) == expected)
    }

    @Test func rejectsNonTimes() {
        #expect(Timestamp.parse("yesterday") == nil)
        #expect(Timestamp.parse("2024-13-45T00:00:00Z") == nil)
    }
}
