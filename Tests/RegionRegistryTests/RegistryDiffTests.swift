import Testing
@testable import RegionRegistry

@Suite struct RegistryDiffTests {
    @Test func firstSnapshotAddsEveryEntityOnce() {
        let diff = RegistryDiff(from: .empty, to: Fixture.snapshot())
        #expect(diff.count(of: .added) == 3 + 1 + 1 + 2)  // regions, model, profile, two routes
        #expect(diff.count(of: .changed) == 0 && diff.count(of: .removed) == 0)
        #expect(diff.changes.contains { $0.kind == .route && $0.key == "us.anthropic.claude-3-haiku-20240307-v1:0@us-west-2" })
    }

    @Test func identicalSnapshotIsEmpty() {
        let snapshot = Fixture.snapshot()
        #expect(RegistryDiff(from: Fixture.state(after: snapshot), to: snapshot).isEmpty)
    }

    @Test func changedDestinationsOfOneSourceAreOneRouteChange() {
        var changed = Fixture.haiku
        changed.routes[1].destinationRegions = ["us-east-1", "us-east-2", "us-west-2"]
        let diff = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: Fixture.snapshot(profiles: [changed]))
        #expect(diff.changes.count == 1)
        let change = try! #require(diff.changes.first)
        #expect(change.kind == .route && change.action == .changed)
        #expect(change.key == "us.anthropic.claude-3-haiku-20240307-v1:0@us-west-2")
        #expect(change.before?["destination_regions"] == JSONValue(["us-east-1", "us-west-2"]))
        #expect(change.after?["destination_regions"] == JSONValue(["us-east-1", "us-east-2", "us-west-2"]))
    }

    @Test func profileFieldChangeIsAProfileChangeNotARouteChange() {
        var renamed = Fixture.haiku
        renamed.name = "Renamed"
        let diff = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: Fixture.snapshot(profiles: [renamed]))
        #expect(diff.changes.map(\.kind) == [.profile])
        #expect(diff.changes.first?.action == .changed)
    }

    @Test func vanishedProfileIsMarkedRemovedAndItsRoutesGo() {
        let diff = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: Fixture.snapshot(profiles: []))
        #expect(diff.entries.first?.mutation == .removeProfile(id: Fixture.haiku.id))
        #expect(diff.changes.map(\.kind) == [.profile, .route, .route])
        #expect(diff.changes.allSatisfy { $0.action == .removed })
    }

    @Test func returningProfileIsAddedAgainWithItsRoutes() {
        var state = Fixture.state(after: Fixture.snapshot())
        state.profiles[Fixture.haiku.id]?.removedAt = "t1"
        state.profiles[Fixture.haiku.id]?.value.routes = []  // removal took the routes
        let diff = RegistryDiff(from: state, to: Fixture.snapshot())
        #expect(diff.changes.filter { $0.kind == .profile }.map(\.action) == [.added])
        #expect(diff.changes.filter { $0.kind == .route }.map(\.action) == [.added, .added])
    }

    @Test func profileReturningInAPartialSnapshotGetsOnlyTheRoutesItLists() {
        // Removed by a complete snapshot, then seen again from us-east-2 only: the us-west-2
        // route must not come back without a log entry.
        let removed = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: Fixture.snapshot(profiles: []))
        var state = Fixture.state(after: Fixture.snapshot())
        state.profiles[Fixture.haiku.id]?.removedAt = "t1"
        state.profiles[Fixture.haiku.id]?.value.routes = []
        #expect(removed.changes.filter { $0.kind == .route }.count == 2)
        var east = Fixture.haiku
        east.routes = [east.routes[0]]
        let back = RegistryDiff(from: state, to: Fixture.snapshot(profiles: [east], scope: .sourceRegions(["us-east-2"])))
        #expect(back.changes.map(\.key) == [Fixture.haiku.id, Change.routeKey(profileId: Fixture.haiku.id, sourceRegion: "us-east-2")])
    }

    @Test func partialScopeLeavesUncoveredSourceRegionsAlone() {
        // Only us-east-2 was read: the us-west-2 route must survive although the snapshot lacks it.
        var onlyEast = Fixture.haiku
        onlyEast.routes = [onlyEast.routes[0]]
        let snapshot = Fixture.snapshot(profiles: [onlyEast], scope: .sourceRegions(["us-east-2"]))
        #expect(RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: snapshot).isEmpty)

        // A profile absent from a partial snapshot keeps its routes from unread regions.
        let absent = Fixture.snapshot(profiles: [], scope: .sourceRegions(["us-east-2"]))
        let diff = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: absent)
        #expect(diff.changes.map(\.key) == ["us.anthropic.claude-3-haiku-20240307-v1:0@us-east-2"])
        #expect(diff.changes.map(\.action) == [.removed])
    }

    @Test func regrantingTheSameFactsIsNotAChange() {
        let snapshot = Fixture.snapshot(grants: [Fixture.grant("us-east-1", .granted, checkedAt: "t1")])
        let state = Fixture.state(after: snapshot)
        let later = Fixture.snapshot(grants: [Fixture.grant("us-east-1", .granted, checkedAt: "t2")])
        #expect(RegistryDiff(from: state, to: later).isEmpty)
        let denied = Fixture.snapshot(grants: [Fixture.grant("us-east-1", .denied, checkedAt: "t2")])
        #expect(RegistryDiff(from: state, to: denied).changes.map(\.action) == [.changed])
    }

    @Test func refreshesNeverTouchManualGrants() {
        let manual = Fixture.grant("us-east-1", .granted, origin: .manual)
        let state = Fixture.state(after: Fixture.snapshot(), grants: [manual])
        // An AWS source that reports no grants at all must not remove the operator's.
        #expect(RegistryDiff(from: state, to: Fixture.snapshot(grants: [])).isEmpty)
    }

    @Test func catalogWithoutGrantsKeepsAwsGrants() {
        let state = Fixture.state(after: Fixture.snapshot(grants: [Fixture.grant("us-east-1", .granted)]))
        #expect(RegistryDiff(from: state, to: Fixture.snapshot(grants: nil)).isEmpty)
    }

    @Test func anUnreadableGrantNeverReplacesAKnownOne() {
        let known = AccessGrant.aws(modelId: Fixture.haikuModel.id, region: "us-east-1", state: .available, checkedAt: "t1")
        let state = Fixture.state(after: Fixture.snapshot(grants: [known]))
        let unreadable = AccessGrant.aws(modelId: Fixture.haikuModel.id, region: "us-east-1", state: .unreadable, checkedAt: "t2")
        #expect(RegistryDiff(from: state, to: Fixture.snapshot(grants: [unreadable])).isEmpty, "a failed read keeps what was known")
        let first = RegistryDiff(from: Fixture.state(after: Fixture.snapshot()), to: Fixture.snapshot(grants: [unreadable]))
        #expect(first.changes.map(\.action) == [.added], "with nothing known, unreadable is the truth")
    }

    @Test func modelsAreRemovedOnlyWhenTheSnapshotListsEveryModel() {
        let state = Fixture.state(after: Fixture.snapshot())
        var without = Fixture.snapshot(profiles: [])
        without.models = []
        without.modelScope = .sourceRegions([])
        #expect(!RegistryDiff(from: state, to: without).changes.contains { $0.kind == .model })
        without.modelScope = .complete
        #expect(RegistryDiff(from: state, to: without).changes.contains { $0.kind == .model && $0.action == .removed })
    }

    @Test func grantStatesSummarise() {
        #expect(AccessGrant.State.notSubscribed.status == .unknown && AccessGrant.State.agreementPending.status == .unknown)
        #expect(AccessGrant.State.notAuthorized.status == .denied && AccessGrant.State.notOffered.status == .denied)
        #expect(AccessGrant.State.available.status == .granted && AccessGrant.State.regionNotEnabled.status == .unknown)
        #expect(AccessGrant.State.notAuthorized.reason.contains("principal regiond checked with"))
        #expect(AccessGrant.State.allCases.allSatisfy { !$0.reason.isEmpty })
    }
}
