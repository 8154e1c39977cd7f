import AWSCore
import RegionRegistry

/// Why a unit could not be read.
struct UnitFailure: Sendable {
    var message: String
    /// AWS refused the credentials as unknown (403 UnrecognizedClientException): what an opt-in
    /// region the account has not enabled answers, and also what bad credentials get everywhere.
    var regionNotEnabled: Bool

    init(_ error: any Error) {
        message = AWSSource.message(error)
        regionNotEnabled = (error as? AWSServiceError).map { $0.status == 403 && $0.errorType == "UnrecognizedClientException" } ?? false
    }
}

extension AWSSource {
    struct SourceRegionRead: Sendable {
        var region: String
        var profiles: [InferenceProfileSummary] = []
        /// nil when the listing failed: the profiles still apply, the models are not known here.
        var models: [FoundationModelSummary]?
        var failure: UnitFailure?
        var report: RegionReport

        /// The report, with a refused region read as `not_enabled` when the credentials worked elsewhere.
        func finalReport(credentialsWork: Bool) -> RegionReport {
            guard credentialsWork, let failure, failure.regionNotEnabled else { return report }
            var report = self.report
            report.outcome = .notEnabled
            return report
        }
    }

    func readSourceRegions() async -> [SourceRegionRead] {
        await withTaskGroup(of: SourceRegionRead.self) { group in
            for region in sourceRegions {
                group.addTask { await readSourceRegion(region) }
            }
            var reads: [String: SourceRegionRead] = [:]
            for await read in group { reads[read.region] = read }
            return sourceRegions.compactMap { reads[$0] }  // configured order decides ties when merging
        }
    }

    /// Both profile types must be read for the region to apply; the model listing and single
    /// profiles may fail on their own (skipped and reported).
    private func readSourceRegion(_ region: String) async -> SourceRegionRead {
        let counter = AWSCallCounter()
        let started = ContinuousClock.now
        var read = SourceRegionRead(region: region, report: RegionReport(region: region, part: .routes))
        var skipped: [RegionReport.SkippedItem] = []
        do {
            async let system = controlPlane.inferenceProfiles(region: region, type: "SYSTEM_DEFINED", counter: counter)
            async let application = controlPlane.inferenceProfiles(region: region, type: "APPLICATION", counter: counter)
            async let models = controlPlane.foundationModels(region: region, counter: counter)
            let listed = try await system + application
            (read.profiles, skipped) = ProfileRoutes.usable(listed)
            do {
                read.models = try await models
            } catch {
                skipped.append(.init(item: "ListFoundationModels", reason: Self.message(error)))
            }
        } catch {
            read.failure = UnitFailure(error)
            read.profiles = []
        }
        read.report = Self.report(region: region, part: .routes, failure: read.failure?.message, skipped: skipped,
                                  counter: counter, since: started)
        return read
    }

    static func report(region: String, part: RegionReport.Part, failure: String?, skipped: [RegionReport.SkippedItem] = [],
                       counter: AWSCallCounter, since started: ContinuousClock.Instant) -> RegionReport {
        let counts = counter.value
        let elapsed = ContinuousClock.now - started
        return RegionReport(region: region, part: part, error: failure, skipped: skipped, requests: counts.requests,
                            retries: counts.retries, throttled: counts.throttled,
                            durationMilliseconds: Int(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
    }

    /// The text recorded with a failed region or item and served by `/v1/refresh`: AWS's own
    /// error message and request id, transport reasons, credential problems. None carries a secret.
    static func message(_ error: any Error) -> String {
        switch error {
        case let error as AWSServiceError: error.description
        case let error as AWSTransportError: error.description
        case let error as BedrockResponseError: error.description
        case is CancellationError: "cancelled"
        case let error as AWSCredentialError: "credentials: \(error.description)"
        default: "unexpected error (\(type(of: error))); see the regiond log"
        }
    }
}
