/// Whether a request made through a profile in one source region can succeed wherever Bedrock
/// routes it: access must be granted in every destination region.
public struct RouteAccess: Sendable, Hashable {
    public struct Destination: Sendable, Hashable {
        public var region: String
        public var status: AccessGrant.Status
        /// The grant that decided the status (manual wins over aws); nil when nothing is known.
        public var grant: AccessGrant?
    }

    public var profileId: String
    public var modelId: String
    public var sourceRegion: String
    public var scope: Route.DestinationScope
    /// One per `Route.accessRegions`.
    public var destinations: [Destination]
    /// What the answer does not cover, for the reader.
    public var notes: [String]

    /// True only when every destination is granted.
    public var complete: Bool { destinations.allSatisfy { $0.status == .granted } }
    /// Destinations where a request would fail or might fail (denied or unknown).
    public var missing: [String] { destinations.filter { $0.status != .granted }.map(\.region) }
    /// "denied in R1, R2; unknown in R3": where a request would fail, then where it might.
    public var gaps: String {
        [AccessGrant.Status.denied, .unknown].compactMap { status -> String? in
            let regions = destinations.filter { $0.status == status }.map(\.region)
            return regions.isEmpty ? nil : "\(status.rawValue) in \(regions.joined(separator: ", "))"
        }.joined(separator: "; ")
    }

    public static let commercialScopeNote = "destination_scope commercial: Bedrock may serve the request in any commercial region of "
        + "the partition, so access is judged by the source region's grant; IAM policies and SCPs must also allow the "
        + "region-less foundation-model ARN with aws:RequestedRegion = \"unspecified\" (not evaluated here)"

    public init(profile: InferenceProfile, route: Route, grant: (AccessGrant.Key) -> AccessGrant?) {
        profileId = profile.id
        modelId = profile.modelId
        sourceRegion = route.sourceRegion
        scope = route.scope
        destinations = route.accessRegions.map { region in
            let decided = grant(AccessGrant.Key(modelId: profile.modelId, region: region))
            return Destination(region: region, status: decided?.status ?? .unknown, grant: decided)
        }
        notes = route.scope == .commercial ? [Self.commercialScopeNote] : []
    }
}
