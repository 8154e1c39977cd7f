import Foundation
import RegionRegistry
import Testing

/// The domain's refresh rules: a run's outcome from its regions, and when data is stale.
@Suite struct RefreshRulesTests {
    func report(_ region: String, _ part: RegionReport.Part = .routes, failed: Bool = false) -> RegionReport {
        RegionReport(region: region, part: part, error: failed ? "AccessDenied: no" : nil)
    }

    @Test func outcomeFollowsTheRegions() {
        #expect(RefreshRun.Outcome(regionReports: []) == .succeeded, "a catalog reads no regions separately")
        #expect(RefreshRun.Outcome(regionReports: [report("us-east-1"), report("eu-west-1", .access)]) == .succeeded)
        #expect(RefreshRun.Outcome(regionReports: [report("us-east-1"), report("eu-west-1", failed: true)]) == .partial)
        #expect(RefreshRun.Outcome(regionReports: [report("us-east-1", failed: true), report("eu-west-1", failed: true)]) == .failed)
    }

    @Test func failureSummaryNamesAtMostFiveRegions() throws {
        #expect(RefreshRun.regionFailureSummary([report("us-east-1")]) == nil)
        let failed = (1...7).map { report("r-\($0)", failed: true) }
        let summary = try #require(RefreshRun.regionFailureSummary(failed))
        #expect(summary.hasPrefix("7 region part(s) failed and kept their last known data: r-1 (routes): AccessDenied: no"))
        #expect(summary.hasSuffix("; and 2 more") && !summary.contains("r-6"))
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z

    @Test func staleAfterTheThresholdOrWithoutASuccess() {
        let hour = Duration.seconds(3600)
        #expect(RefreshStatus.isStale(lastSuccessAt: nil, staleAfter: hour, now: Self.now))
        #expect(!RefreshStatus.isStale(lastSuccessAt: "2027-01-15T07:00:00.000Z", staleAfter: hour, now: Self.now), "exactly at the limit")
        #expect(RefreshStatus.isStale(lastSuccessAt: "2027-01-15T06:59:59.000Z", staleAfter: hour, now: Self.now))
        #expect(RefreshStatus.isStale(lastSuccessAt: "not a time", staleAfter: hour, now: Self.now))
    }

    @Test func onlyRegionsOfTheLatestFinishedRunCount() {
        func status(_ region: String, lastSuccess: String?) -> RegionRefreshStatus {
            RegionRefreshStatus(region: region, part: .routes, lastAttemptAt: "2027-01-15T07:59:00.000Z", lastSuccessAt: lastSuccess,
                                lastError: lastSuccess == nil ? "AccessDenied" : nil, consecutiveFailures: lastSuccess == nil ? 3 : 0)
        }
        var latest = RefreshRun(id: 9, source: "aws", trigger: .interval, startedAt: "2027-01-15T07:58:00.000Z", outcome: .partial)
        latest.finishedAt = "2027-01-15T07:59:00.000Z"
        latest.regions = [report("us-east-1"), report("eu-west-1", failed: true)]
        let running = RefreshRun(id: 10, source: "aws", trigger: .manual, startedAt: "2027-01-15T07:59:30.000Z", outcome: .running)
        let status = RefreshStatus(
            runs: [running, latest], lastSuccess: latest,
            regionStatuses: [status("us-east-1", lastSuccess: "2027-01-15T07:59:00.000Z"), status("eu-west-1", lastSuccess: nil),
                             status("ap-south-1", lastSuccess: nil)],
            staleAfter: .seconds(3600), now: Self.now)
        #expect(status.regions.map(\.status.region) == ["us-east-1", "eu-west-1"], "ap-south-1 is no longer configured")
        #expect(status.staleRegions == ["eu-west-1"])
        #expect(status.stale, "a stale region makes the registry stale")
        #expect(status.lastSuccessAt == "2027-01-15T07:59:00.000Z")
    }
}
