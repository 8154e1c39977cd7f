import AWSCore
import CivilTime
import RegionRegistry

extension AWSSource {
    struct GrantRegionRead: Sendable {
        var region: String
        var models: [String]
        var grants: [AccessGrant]
        var failure: UnitFailure?
        var report: RegionReport
        var checkedAt: String

        /// The region is an opt-in one the account has not enabled: its grants say so.
        mutating func markNotEnabled() {
            report.outcome = .notEnabled
            grants = models.map { AccessGrant.aws(modelId: $0, region: region, state: .regionNotEnabled, checkedAt: checkedAt) }
        }
    }

    /// `refusedSources`: source regions that refused the credentials; their grants are not asked again.
    func readGrants(needed: [String: Set<String>], refusedSources: Set<String>) async -> [GrantRegionRead] {
        await withTaskGroup(of: GrantRegionRead.self) { group in
            for (region, models) in needed {
                group.addTask { await readGrants(region: region, models: models.sorted(), refused: refusedSources.contains(region)) }
            }
            var reads: [GrantRegionRead] = []
            for await read in group { reads.append(read) }
            return reads.sorted { $0.region < $1.region }
        }
    }

    /// A region's grants: one model's failed call is an `unreadable` grant (the diff keeps what
    /// was known) and a skipped item; when every call fails, the region failed and keeps its old
    /// grants.
    private func readGrants(region: String, models: [String], refused: Bool) async -> GrantRegionRead {
        let counter = AWSCallCounter()
        let started = ContinuousClock.now
        let checkedAt = Timestamp.now()
        var read = GrantRegionRead(region: region, models: models, grants: [], failure: nil,
                                   report: RegionReport(region: region, part: .access), checkedAt: checkedAt)
        let results: [(String, Result<AccessGrant, UnitFailure>)] = refused ? [] : await withTaskGroup(of: (String, Result<AccessGrant, UnitFailure>).self) { group in
            for model in models {
                group.addTask { (model, await grant(model: model, region: region, checkedAt: checkedAt, counter: counter)) }
            }
            var results: [(String, Result<AccessGrant, UnitFailure>)] = []
            for await result in group { results.append(result) }
            return results.sorted { $0.0 < $1.0 }
        }
        let failures = results.compactMap { model, result in result.failure.map { (model, $0) } }
        if refused || (!results.isEmpty && failures.count == results.count) {
            read.failure = refused ? UnitFailure.refusedAsSourceRegion : failures[0].1
        } else {
            read.grants = results.map { model, result in
                (try? result.get()) ?? .aws(modelId: model, region: region, state: .unreadable, checkedAt: checkedAt)
            }
        }
        let skipped = read.failure == nil ? failures.map { RegionReport.SkippedItem(item: "model \($0.0)", reason: $0.1.message) } : []
        read.report = Self.report(region: region, part: .access, failure: read.failure?.message, skipped: skipped,
                                  counter: counter, since: started)
        return read
    }

    private func grant(model: String, region: String, checkedAt: String, counter: AWSCallCounter) async -> Result<AccessGrant, UnitFailure> {
        do {
            let availability = try await controlPlane.availability(modelId: model, region: region, counter: counter)
            return .success(GrantInterpretation.grant(availability, modelId: model, region: region, checkedAt: checkedAt))
        } catch let error as AWSServiceError where error.status == 404 {
            // The model is not offered there: requests routed to it cannot succeed.
            return .success(.aws(modelId: model, region: region, state: .notOffered,
                                 note: "\(error.errorType ?? "not found"): the model is not available in this region", checkedAt: checkedAt))
        } catch {
            return .failure(UnitFailure(error))
        }
    }
}

extension UnitFailure: Error {
    /// A destination whose own routes read was refused the credentials: not asked again.
    static let refusedAsSourceRegion = UnitFailure(message: "the region refused the credentials when its profiles were read",
                                                   regionNotEnabled: true)

    init(message: String, regionNotEnabled: Bool) {
        self.message = message
        self.regionNotEnabled = regionNotEnabled
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
