/// Everything one source knows at one moment. A refresh turns it into a diff against the store.
public struct Snapshot: Sendable, Hashable {
    /// What the snapshot speaks for: only entities inside the scope can be marked removed.
    public enum Scope: Sendable, Hashable {
        /// The whole registry (a catalog): anything absent is gone.
        case complete
        /// Only these source regions were read (a live source where some regions failed): routes
        /// from other source regions, and profiles seen only there, are left as they were.
        case sourceRegions(Set<String>)
    }

    public var source: String
    public var scope: Scope
    public var regions: [Region]
    public var models: [FoundationModel]
    public var profiles: [InferenceProfile]
    /// Grants with origin `aws`; nil when the source does not read access (the catalog).
    public var awsGrants: [AccessGrant]?
    /// Which destination regions' `aws` grants the snapshot speaks for (may remove): grants are
    /// read in the destination region, so a live source can read routes but fail on grants.
    public var grantScope: Scope
    /// Whether the snapshot lists every model (so one it no longer lists is removed): a live
    /// source whose model listing failed somewhere cannot say a model is gone.
    public var modelScope: Scope
    /// How each region fared, for a source that reads region by region; empty for a catalog.
    public var regionReports: [RegionReport]

    public init(
        source: String, scope: Scope = .complete, regions: [Region], models: [FoundationModel],
        profiles: [InferenceProfile], awsGrants: [AccessGrant]? = nil, grantScope: Scope? = nil, modelScope: Scope? = nil,
        regionReports: [RegionReport] = []
    ) {
        self.source = source
        self.scope = scope
        self.regions = regions
        self.models = models
        self.profiles = profiles
        self.awsGrants = awsGrants
        self.grantScope = grantScope ?? scope
        self.modelScope = modelScope ?? scope
        self.regionReports = regionReports
    }

    /// Regions whose part of the read failed (their data is left as it was).
    public var failedRegions: [RegionReport] { regionReports.filter { $0.outcome == .failed } }

    public func covers(sourceRegion: String) -> Bool {
        switch scope {
        case .complete: true
        case .sourceRegions(let regions): regions.contains(sourceRegion)
        }
    }
}

/// Where a source gets its snapshot: the catalog, the AWS control plane, …
public protocol SnapshotSource: Sendable {
    /// Shown in refresh runs and logs (`catalog:embedded`, `aws`).
    var name: String { get }
    func snapshot() async throws -> Snapshot
}
