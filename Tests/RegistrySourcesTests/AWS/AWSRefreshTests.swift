import AWSCore
import BedrockStandIn
import Logging
import RegionRegistry
import RegistryService
import RegistrySources
import RegistryTestSupport
import Testing

/// The AWS source through the whole pipeline into a real store: a failing region keeps its data,
/// and recovery applies what changed meanwhile and logs it.
@Suite("AWS refresh into the store")
struct AWSRefreshTests {
    typealias W = AWSTestWorld

    @Test("the registry matches the account; a failing region keeps its data; recovery logs the change")
    func failureKeepsDataAndRecoveryApplies() async throws {
        let dir = try TemporaryDirectory()
        try await withAWSHarness(maxAttempts: 2) { harness in
            let registry = try await Registry.open(at: dir.file("regiond.sqlite3"))
            let refresher = RefreshCoordinator(source: harness.source, registry: registry, logger: Logger(label: "test"))

            let first = try await refresher.refresh(trigger: .cli)
            #expect(first.run.outcome == .succeeded)
            #expect(first.run.regions.count == 4 + 9, "4 source regions, 9 destination regions (one not enabled)")
            let view = registry.view
            let us = try #require(view.profile(idOrARN: "us.\(W.sonnet)")?.value)
            let access = try #require(view.access(for: us, from: "us-east-1"))
            #expect(access.complete)
            let eu = try #require(view.profile(idOrARN: "eu.\(W.sonnet)")?.value)
            #expect(view.access(for: eu, from: "eu-central-1")?.missing == ["eu-west-3"])

            // AWS changes both the EU and the US profile, but eu-central-1 cannot be read.
            var world = harness.standIn.world
            world.profiles["eu-central-1"]![0].destinations.append("eu-north-1")
            world.profiles["us-east-1"]![0].destinations.removeAll { $0 == "us-east-2" }
            world.availability["eu-north-1"] = [W.sonnet: .granted]
            harness.standIn.world = world
            harness.standIn.inject(StandInFault(.serverError, region: "eu-central-1", operation: "ListInferenceProfiles"))

            let indexBefore = registry.view.index
            let failing = try await refresher.refresh(trigger: .interval)
            #expect(failing.run.outcome == .partial)
            #expect(failing.run.error?.contains("eu-central-1 (routes)") == true, "\(failing.run.error ?? "")")
            let partial = registry.view
            #expect(partial.profile(idOrARN: "us.\(W.sonnet)")?.value.route(from: "us-east-1")?.destinationRegions == ["us-east-1", "us-west-2"])
            #expect(partial.profile(idOrARN: "eu.\(W.sonnet)")?.value.route(from: "eu-central-1")?.destinationRegions
                == ["eu-central-1", "eu-west-1", "eu-west-3"], "last known good")
            #expect(partial.profile(idOrARN: "eu.\(W.sonnet)")?.isRemoved == false)
            #expect(partial.profile(idOrARN: "global.\(W.sonnet)")?.value.route(from: "eu-central-1") != nil,
                    "the failed region's route of a shared profile is kept")
            let statuses = try await registry.refreshStatus(staleAfter: .seconds(3600)).regions.map(\.status)
            let euStatus = try #require(statuses.first { $0.region == "eu-central-1" && $0.part == .routes })
            #expect(euStatus.consecutiveFailures == 1 && euStatus.lastError != nil && euStatus.lastSuccessAt != nil)

            harness.standIn.clearFaults()
            let recovered = try await refresher.refresh(trigger: .interval)
            #expect(recovered.run.outcome == .succeeded)
            #expect(registry.view.profile(idOrARN: "eu.\(W.sonnet)")?.value.route(from: "eu-central-1")?.destinationRegions
                == ["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"])
            let logged = try await registry.changes(since: indexBefore, limit: 100, wait: .zero).changes.map { "\($0.change.action.rawValue) \($0.change.key)" }
            #expect(logged.contains("changed us.\(W.sonnet)@us-east-1"))
            #expect(logged.contains("changed eu.\(W.sonnet)@eu-central-1"))
            #expect(logged.contains("added eu-north-1/\(W.sonnet)/aws"))
            let statusesAfter = try await registry.refreshStatus(staleAfter: .seconds(3600)).regions.map(\.status)
            #expect(statusesAfter.first { $0.region == "eu-central-1" && $0.part == .routes }?.consecutiveFailures == 0)

            // Nothing changed since: an identical read writes nothing.
            let quiet = try await refresher.refresh(trigger: .interval)
            #expect(quiet.run.outcome == .succeeded && quiet.diff?.isEmpty == true)
            #expect(harness.standIn.requests.allSatisfy { $0.signatureError == nil })
            try await registry.close(checkpoint: false)
        }
    }

    @Test("a profile AWS stops reporting in every configured region is marked removed")
    func vanishedProfileIsRemoved() async throws {
        let dir = try TemporaryDirectory()
        try await withAWSHarness { harness in
            let registry = try await Registry.open(at: dir.file("regiond.sqlite3"))
            let refresher = RefreshCoordinator(source: harness.source, registry: registry, logger: Logger(label: "test"))
            _ = try await refresher.refresh(trigger: .cli)
            var world = harness.standIn.world
            world.profiles["us-east-1"]!.removeAll { $0.type == "APPLICATION" }
            harness.standIn.world = world
            let outcome = try await refresher.refresh(trigger: .cli)
            #expect(outcome.run.outcome == .succeeded)
            #expect(registry.view.profile(idOrARN: "a1b2c3d4e5f6")?.isRemoved == true)
            try await registry.close(checkpoint: false)
        }
    }
}
