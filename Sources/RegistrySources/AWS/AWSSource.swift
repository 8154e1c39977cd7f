import CivilTime
import AWSCore
import Foundation
import Logging
import RegionRegistry

/// Reads the registry from the account's Bedrock control plane, source region by source region.
///
/// Each configured source region is one unit (its inference profiles, both types, every page,
/// and its foundation models); each destination region's access grants are another. A unit that
/// finally fails is left out of the snapshot's scope, so the store keeps what it knew about that
/// region while the others update. When every unit succeeds the snapshot speaks for the whole
/// registry: what the configured regions no longer report is marked removed.
public struct AWSSource: SnapshotSource {
    public let name = "aws"
    public let sourceRegions: [String]
    let controlPlane: BedrockControlPlane
    /// Names and geographies of regions, from the catalog: the control plane does not list them.
    let directory: RegionDirectory
    let logger: Logger

    public init(client: AWSClient, sourceRegions: [String], knownRegions: [Region], logger: Logger) {
        self.controlPlane = BedrockControlPlane(client: client)
        self.sourceRegions = sourceRegions
        self.directory = RegionDirectory(knownRegions)
        self.logger = logger
    }

    public func snapshot() async throws -> Snapshot {
        let reads = await readSourceRegions()
        let succeeded = reads.filter { $0.failure == nil }
        var builder = SnapshotBuilder(directory: directory)
        for read in succeeded { builder.add(read) }
        let grantReads = await readGrants(needed: builder.neededGrants())
        let reports = reads.map(\.report) + grantReads.map(\.report)

        let everyUnitRead = reports.allSatisfy(\.succeeded)
        let routeScope: Snapshot.Scope = everyUnitRead ? .complete : .sourceRegions(Set(succeeded.map(\.region)))
        // Grants read in a partial run are updated, never removed: a model missing from a
        // region's read may only be missing because the source region naming it failed.
        let grantScope: Snapshot.Scope = everyUnitRead ? .complete : .sourceRegions([])
        for failed in reports where !failed.succeeded {
            logger.warning("AWS region read failed; keeping its last known data", metadata: [
                "region": "\(failed.region)", "part": "\(failed.part.rawValue)", "error": "\(failed.error ?? "")",
            ])
        }
        return Snapshot(
            source: name, scope: routeScope, regions: builder.regions(), models: builder.models(), profiles: builder.profiles(),
            awsGrants: grantReads.flatMap(\.grants), grantScope: grantScope, regionReports: reports)
    }

    // MARK: - Source regions

    struct SourceRegionRead: Sendable {
        var region: String
        var profiles: [InferenceProfileSummary] = []
        var models: [FoundationModelSummary] = []
        var failure: String?
        var report: RegionReport
    }

    private func readSourceRegions() async -> [SourceRegionRead] {
        await withTaskGroup(of: SourceRegionRead.self) { group in
            for region in sourceRegions {
                group.addTask { await readSourceRegion(region) }
            }
            var reads: [String: SourceRegionRead] = [:]
            for await read in group { reads[read.region] = read }
            return sourceRegions.compactMap { reads[$0] }  // configured order decides ties when merging
        }
    }

    private func readSourceRegion(_ region: String) async -> SourceRegionRead {
        let counter = AWSCallCounter()
        let started = ContinuousClock.now
        var read = SourceRegionRead(region: region, report: RegionReport(region: region, part: .routes))
        do {
            async let system = controlPlane.inferenceProfiles(region: region, type: "SYSTEM_DEFINED", counter: counter)
            async let application = controlPlane.inferenceProfiles(region: region, type: "APPLICATION", counter: counter)
            async let models = controlPlane.foundationModels(region: region, counter: counter)
            read.profiles = try await system + application
            read.models = try await models
            try ProfileRoutes.checkParsable(read.profiles, region: region)
        } catch {
            read.failure = Self.message(error)
            read.profiles = []
            read.models = []
        }
        read.report = Self.report(region: region, part: .routes, failure: read.failure, counter: counter, since: started)
        return read
    }

    // MARK: - Grants

    struct GrantRegionRead: Sendable {
        var region: String
        var grants: [AccessGrant]
        var report: RegionReport
    }

    private func readGrants(needed: [String: Set<String>]) async -> [GrantRegionRead] {
        await withTaskGroup(of: GrantRegionRead.self) { group in
            for (region, models) in needed {
                group.addTask { await readGrants(region: region, models: models.sorted()) }
            }
            var reads: [GrantRegionRead] = []
            for await read in group { reads.append(read) }
            return reads.sorted { $0.region < $1.region }
        }
    }

    /// All of a destination region's grants, or none: a half-read region keeps its old grants.
    private func readGrants(region: String, models: [String]) async -> GrantRegionRead {
        let counter = AWSCallCounter()
        let started = ContinuousClock.now
        let checkedAt = Timestamp.now()
        do {
            let grants = try await withThrowingTaskGroup(of: AccessGrant.self) { group in
                for model in models {
                    group.addTask { try await grant(model: model, region: region, checkedAt: checkedAt, counter: counter) }
                }
                var grants: [AccessGrant] = []
                for try await grant in group { grants.append(grant) }
                return grants.sorted { $0.modelId < $1.modelId }
            }
            return GrantRegionRead(region: region, grants: grants,
                                   report: Self.report(region: region, part: .access, failure: nil, counter: counter, since: started))
        } catch {
            return GrantRegionRead(region: region, grants: [],
                                   report: Self.report(region: region, part: .access, failure: Self.message(error), counter: counter, since: started))
        }
    }

    private func grant(model: String, region: String, checkedAt: String, counter: AWSCallCounter) async throws -> AccessGrant {
        do {
            let availability = try await controlPlane.availability(modelId: model, region: region, counter: counter)
            return GrantInterpretation.grant(availability, modelId: model, region: region, checkedAt: checkedAt)
        } catch let error as AWSServiceError where error.status == 404 {
            // The model is not offered there: requests routed to it cannot succeed.
            return AccessGrant(modelId: model, region: region, origin: .aws, status: .denied,
                               note: "\(error.errorType ?? "not found"): the model is not available in this region", checkedAt: checkedAt)
        }
    }

    // MARK: - Reports

    static func report(region: String, part: RegionReport.Part, failure: String?, counter: AWSCallCounter,
                       since started: ContinuousClock.Instant) -> RegionReport {
        let counts = counter.value
        let elapsed = ContinuousClock.now - started
        return RegionReport(region: region, part: part, error: failure, requests: counts.requests, retries: counts.retries,
                            throttled: counts.throttled,
                            durationMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    /// The text recorded with a failed region and served by `/v1/refresh`: AWS's own error
    /// message and request id, transport reasons, credential problems. None carries a secret.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as AWSServiceError: error.description
        case let error as AWSTransportError: error.description
        case let error as BedrockResponseError: error.description
        case let error as ProfileRoutes.UnusableProfile: error.description
        case is CancellationError: "cancelled"
        case let error as AWSCredentialError: "credentials: \(error.description)"
        default: "unexpected error (\(type(of: error))); see the regiond log"
        }
    }
}
