import CivilTime
import Foundation

/// How fresh the registry is: the recent runs, the last one that applied anything, and which
/// regions have not been read within `staleAfter`. What `GET /v1/refresh` reports.
public struct RefreshStatus: Sendable {
    public struct Region: Sendable, Hashable {
        public var status: RegionRefreshStatus
        public var stale: Bool
    }

    public var runs: [RefreshRun]
    public var lastSuccessAt: String?
    /// True when no run succeeded within `staleAfter`, or any current region is stale.
    public var stale: Bool
    public var staleRegions: [String]
    /// Regions the latest finished run read; a region dropped from the configuration is history,
    /// not a stale region, so it is left out.
    public var regions: [Region]

    /// The staleness rule: data is stale when its last successful read is older than
    /// `staleAfter`, or there never was one.
    public static func isStale(lastSuccessAt: String?, staleAfter: Duration, now: Date) -> Bool {
        guard let time = lastSuccessAt.flatMap(Timestamp.parse) else { return true }
        return now.timeIntervalSince(time) > Double(staleAfter.components.seconds)
    }

    public init(runs: [RefreshRun], lastSuccess: RefreshRun?, regionStatuses: [RegionRefreshStatus], staleAfter: Duration, now: Date) {
        func isStale(_ time: String?) -> Bool { Self.isStale(lastSuccessAt: time, staleAfter: staleAfter, now: now) }
        let current = Set((runs.first { $0.finishedAt != nil }?.regions ?? []).map { "\($0.region)/\($0.part.rawValue)" })
        self.runs = runs
        lastSuccessAt = lastSuccess?.finishedAt
        regions = regionStatuses.filter { current.contains("\($0.region)/\($0.part.rawValue)") }
            .map { Region(status: $0, stale: isStale($0.lastSuccessAt)) }
        staleRegions = Set(regions.filter(\.stale).map(\.status.region)).sorted()
        stale = isStale(lastSuccessAt) || !staleRegions.isEmpty
    }
}
