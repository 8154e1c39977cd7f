import AWSCore
import Foundation
import Logging
import RegionRegistry

/// Reads the registry from the account's Bedrock control plane, source region by source region.
///
/// Each configured source region is one unit (its inference profiles, both types, every page,
/// and its foundation models); each destination region's access grants are another. A unit that
/// finally fails is left out of the snapshot's scope, so the store keeps what it knew about that
/// region while the others update. One bad item inside a unit (a malformed profile, one model's
/// availability, the model listing) is skipped and reported; the rest of the unit applies. An
/// opt-in region the account has not enabled is reported `not_enabled`, not failed. When every
/// unit read (or is not enabled), the snapshot speaks for the whole registry: what the configured
/// regions no longer report is marked removed.
public struct AWSSource: SnapshotSource {
    public let name = "aws"
    public let sourceRegions: [String]
    let controlPlane: BedrockControlPlane
    /// Names and geographies of regions, from the catalog: the control plane does not list them.
    let directory: RegionDirectory
    /// AWS's published lifecycle dates by model, from the catalog: ListFoundationModels gives
    /// only the status (whose word wins).
    let knownLifecycles: [String: ModelLifecycle]
    let logger: Logger

    public init(client: AWSClient, sourceRegions: [String], knownRegions: [Region], knownLifecycles: [String: ModelLifecycle] = [:], logger: Logger) {
        self.controlPlane = BedrockControlPlane(client: client)
        self.sourceRegions = sourceRegions
        self.directory = RegionDirectory(knownRegions)
        self.knownLifecycles = knownLifecycles
        self.logger = logger
    }

    public func snapshot() async throws -> Snapshot {
        let sourceReads = await readSourceRegions()
        var builder = SnapshotBuilder(directory: directory, lifecycles: knownLifecycles)
        for read in sourceReads where read.failure == nil { builder.add(read) }
        let refusedSources = Set(sourceReads.filter { $0.failure?.regionNotEnabled == true }.map(\.region))
        var grantReads = await readGrants(needed: builder.neededGrants(), refusedSources: refusedSources)
        // A region that refuses the credentials is not enabled only if the same credentials worked
        // somewhere in this run; refused everywhere, it is the credentials that are wrong.
        let credentialsWork = sourceReads.contains { $0.failure == nil } || grantReads.contains { $0.failure == nil }
        if credentialsWork {
            for i in grantReads.indices where grantReads[i].failure?.regionNotEnabled == true { grantReads[i].markNotEnabled() }
        }
        let reports = sourceReads.map { $0.finalReport(credentialsWork: credentialsWork) } + grantReads.map(\.report)
        logFailures(reports)
        return makeSnapshot(builder, reports: reports, grants: grantReads.flatMap(\.grants),
                            modelsListedEverywhere: sourceReads.allSatisfy { $0.failure != nil || $0.models != nil })
    }

    private func makeSnapshot(_ builder: SnapshotBuilder, reports: [RegionReport], grants: [AccessGrant],
                              modelsListedEverywhere: Bool) -> Snapshot {
        let everyUnitRead = reports.allSatisfy(\.succeeded)
        let covered = Set(reports.filter { $0.part == .routes && $0.succeeded }.map(\.region))
        let routeScope: Snapshot.Scope = everyUnitRead ? .complete : .sourceRegions(covered)
        // Grants read in a partial run are updated, never removed: a model missing from a
        // region's read may only be missing because the source region naming it failed.
        let grantScope: Snapshot.Scope = everyUnitRead ? .complete : .sourceRegions([])
        let modelScope: Snapshot.Scope = everyUnitRead && modelsListedEverywhere ? .complete : .sourceRegions([])
        return Snapshot(
            source: name, scope: routeScope, regions: builder.regions(), models: builder.models(), profiles: builder.profiles(),
            awsGrants: grants, grantScope: grantScope, modelScope: modelScope, regionReports: reports)
    }

    private func logFailures(_ reports: [RegionReport]) {
        for report in reports where report.outcome != .succeeded || !report.skipped.isEmpty {
            logger.warning(report.outcome == .failed ? "AWS region read failed; keeping its last known data" : "AWS region read incomplete",
                           metadata: [
                               "region": "\(report.region)", "part": "\(report.part.rawValue)", "outcome": "\(report.outcome.rawValue)",
                               "error": "\(report.error ?? "")", "skipped": "\(report.skipped.map { "\($0.item): \($0.reason)" })",
                           ])
        }
    }
}
