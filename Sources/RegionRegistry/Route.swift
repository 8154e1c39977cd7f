/// Where a profile sends a request made in one source region.
public struct Route: Sendable, Hashable, Codable {
    public var sourceRegion: String
    /// Sorted and unique; access must be granted in every one of them.
    public var destinationRegions: [String]
    /// How much to trust this route (catalog data: high, medium, low); nil for live AWS data.
    public var confidence: String?
    /// Keys into the catalog's provenance sources.
    public var evidence: [String]

    public init(sourceRegion: String, destinationRegions: [String], confidence: String? = nil, evidence: [String] = []) {
        self.sourceRegion = sourceRegion
        self.destinationRegions = Array(Set(destinationRegions)).sorted()
        self.confidence = confidence
        self.evidence = evidence
    }
}
