import AWSCore
import BedrockStandIn
import Logging
import RegionRegistry
import RegistryHealth
import RegistryService
import RegistryTestSupport
import Testing

/// What a real account answers, through the whole pipeline: an opt-in region that is not
/// enabled, a global profile, a Marketplace agreement not made yet, application profiles, bad
/// entries, and things AWS stops listing.
@Suite("AWS account truths")
struct AccountTruthsTests {
    typealias W = AWSTestWorld

    func refresher(_ harness: AWSHarness, _ dir: TemporaryDirectory) async throws -> (Registry, RefreshCoordinator) {
        let registry = try await Registry.open(at: dir.file("regiond.sqlite3"))
        return (registry, RefreshCoordinator(source: harness.source, registry: registry, logger: Logger(label: "test")))
    }

    @Test("a run with a disabled opt-in region succeeds; global, agreement and application answers are true")
    func truthsOfARealAccount() async throws {
        let dir = try TemporaryDirectory()
        try await withAWSHarness { harness in
            let (registry, refresher) = try await refresher(harness, dir)
            let run = try await refresher.refresh(trigger: .cli).run
            #expect(run.outcome == .succeeded, "\(run.error ?? "")")
            #expect(run.regions.first { $0.region == SampleAccount.disabledRegion }?.outcome == .notEnabled)
            let view = registry.view

            let global = try #require(view.profile(idOrARN: "global.\(W.sonnet)")?.value)
            let fromEast = try #require(view.access(for: global, from: "us-east-1"))
            #expect(fromEast.scope == .commercial && fromEast.complete, "judged by us-east-1's grant, which is available")
            #expect(view.destinations(of: try #require(global.route(from: "us-east-1"))).count > 20)

            let llama = try #require(view.profile(idOrARN: "us.\(W.llama)")?.value)
            let llamaAccess = try #require(view.access(for: llama, from: "us-east-1"))
            #expect(llamaAccess.destinations.first { $0.region == "us-east-1" }?.grant?.state == .notSubscribed)
            #expect(llamaAccess.destinations.allSatisfy { $0.status != .denied }, "not subscribed is unknown, never denied")

            #expect(view.profile(idOrARN: "a1b2c3d4e5f6")?.value.parentProfileId == "us.\(W.sonnet)")
            let resolved = try ProfileResolver.resolve(model: W.sonnet, sourceRegion: "us-east-1", geo: "us", view: view,
                                                       health: { _ in TrackedHealth(state: .unknown, reason: "") }, stats: { _ in .empty })
            #expect(resolved.profile.id == "us.\(W.sonnet)", "system-defined profiles only, unless asked")
            let withApplication = try ProfileResolver.resolve(
                model: W.sonnet, sourceRegion: "us-east-1", geo: "us", includeApplication: true, view: view,
                health: { _ in TrackedHealth(state: .unknown, reason: "") }, stats: { _ in .empty })
            #expect(withApplication.profile.id == "a1b2c3d4e5f6" && withApplication.reason.contains("copying us.\(W.sonnet)"),
                    "\(withApplication.reason)")

            // AWS stops listing the single-region application profile and llama everywhere.
            var world = harness.standIn.world
            world.profiles["us-east-1"]!.removeAll { $0.id == "f6e5d4c3b2a1" || $0.modelId == W.llama }
            world.profiles["us-west-2"]!.removeAll { $0.modelId == W.llama }
            for region in W.sourceRegions { world.models[region]!.removeAll { $0.id == W.llama } }
            harness.standIn.world = world
            let next = try await refresher.refresh(trigger: .cli).run
            #expect(next.outcome == .succeeded)
            #expect(registry.view.profile(idOrARN: "f6e5d4c3b2a1")?.isRemoved == true)
            #expect(registry.view.state.models[W.llama]?.isRemoved == true, "no configured region lists it any more")
            try await registry.close(checkpoint: false)
        }
    }

    @Test("a model listing that fails applies the region's profiles, and removes no model")
    func modelListingFailureIsAnItem() async throws {
        try await withAWSHarness(maxAttempts: 1) { harness in
            harness.standIn.inject(StandInFault(.accessDenied, region: "eu-central-1", operation: "ListFoundationModels"))
            let snapshot = try await harness.source.snapshot()
            let eu = try #require(snapshot.regionReports.first { $0.region == "eu-central-1" && $0.part == .routes })
            #expect(eu.outcome == .succeeded && eu.skipped.map(\.item) == ["ListFoundationModels"])
            #expect(snapshot.profiles.contains { $0.id == "eu.\(W.sonnet)" })
            #expect(snapshot.scope == .complete && snapshot.modelScope == .sourceRegions([]))
        }
    }

    @Test("one model's failed availability is an unreadable grant and a skipped item; the region applies")
    func oneAvailabilityFailureIsAnItem() async throws {
        try await withAWSHarness(maxAttempts: 1) { harness in
            harness.standIn.inject(StandInFault(.serverError, region: "us-west-2", operation: "GetFoundationModelAvailability", modelId: W.llama))
            let snapshot = try await harness.source.snapshot()
            let west = try #require(snapshot.regionReports.first { $0.region == "us-west-2" && $0.part == .access })
            #expect(west.outcome == .succeeded && west.skipped.map(\.item) == ["model \(W.llama)"])
            let grants = snapshot.awsGrants ?? []
            #expect(grants.first { $0.region == "us-west-2" && $0.modelId == W.llama }?.state == .unreadable)
            #expect(grants.first { $0.region == "us-west-2" && $0.modelId == W.sonnet }?.state == .available)
        }
    }

    @Test("a disabled source region is not enabled; credentials refused everywhere are a failure")
    func disabledSourceRegionAndBadCredentials() async throws {
        let harness = try await AWSHarness.start(regions: W.sourceRegions + [SampleAccount.disabledRegion])
        let snapshot = try await harness.source.snapshot()
        await harness.stop()
        let routes = try #require(snapshot.regionReports.first { $0.region == SampleAccount.disabledRegion && $0.part == .routes })
        #expect(routes.outcome == .notEnabled && routes.error?.contains("UnrecognizedClientException") == true)
        #expect(snapshot.scope == .complete, "not enabled is read, not failed: removals apply")

        var unknownKey = W.credentials
        unknownKey.accessKeyID = "AKIDNOBODYKNOWS"
        let refused = try await AWSHarness.start(credentials: unknownKey)
        let failed = try await refused.source.snapshot()
        await refused.stop()
        #expect(failed.regionReports.allSatisfy { $0.outcome == .failed }, "refused everywhere: the credentials, not the regions")
        #expect(RefreshRun.Outcome(regionReports: failed.regionReports) == .failed)
    }
}
