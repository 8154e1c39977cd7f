/// Where a profile sends a request made in one source region.
public struct Route: Sendable, Hashable {
    /// How far the destinations reach.
    public enum DestinationScope: String, Sendable, Hashable, Codable, CaseIterable {
        /// Exactly `destinationRegions` (geography profiles: `us.`, `eu.`, `apac.`, …).
        case regions
        /// Any commercial region of the source's partition that AWS picks (`global.` profiles):
        /// `destinationRegions` holds only the regions named explicitly (the source region).
        case commercial
    }

    public var sourceRegion: String
    /// Sorted and unique; for `.regions`, access must be granted in every one of them.
    public var destinationRegions: [String] {
        get { destinations.codes }
        set { destinations = RegionSet(newValue) }
    }
    /// The same, as bits (see `RegionSet`): what is stored, compared and hashed.
    public var destinations: RegionSet
    public var scope: DestinationScope
    /// How much to trust this route (catalog data: high, medium, low); nil for live AWS data.
    public var confidence: String?
    /// Keys into the catalog's provenance sources.
    public var evidence: [String]

    public init(sourceRegion: String, destinationRegions: [String], scope: DestinationScope = .regions, confidence: String? = nil,
                evidence: [String] = []) {
        self.sourceRegion = sourceRegion
        self.destinations = RegionSet(destinationRegions)
        self.scope = scope
        self.confidence = confidence
        self.evidence = evidence
    }

    /// The regions whose model access decides whether a request along the route is allowed:
    /// every destination of a `.regions` route; for a `.commercial` route the source region, where
    /// the request enters (AWS does not say where it will run).
    public var accessRegions: [String] { scope == .commercial ? [sourceRegion] : destinationRegions }
}
