/// The identity and SCP gates IAM's policy simulator decided for a principal (`aws.check_principal`),
/// route by route, as of its last complete pass. They replace the offline evaluation's gates for
/// the routes they cover.
public struct SimulatedGates: Sendable {
    public struct RouteKey: Sendable, Hashable {
        public var profileId: String
        public var sourceRegion: String

        public init(profileId: String, sourceRegion: String) {
            self.profileId = profileId
            self.sourceRegion = sourceRegion
        }
    }

    /// The principal whose policies were simulated.
    public var principal: String
    /// The source regions whose routes the simulator checks (empty: all); other routes keep the
    /// offline evaluation.
    public var sources: [String]
    public var routes: [RouteKey: RouteGateStates]
    /// When the pass finished (RFC 3339), nil before the first.
    public var checkedAt: String?

    public init(principal: String, sources: [String] = [], routes: [RouteKey: RouteGateStates] = [:], checkedAt: String? = nil) {
        self.principal = principal
        self.sources = sources
        self.routes = routes
        self.checkedAt = checkedAt
    }

    /// Whether `other` decided every route's gates the same (its time aside): then cached answers
    /// built with these stay right.
    public func decidesAlike(_ other: SimulatedGates) -> Bool {
        guard principal == other.principal, sources == other.sources, routes.count == other.routes.count else { return false }
        return routes.allSatisfy { key, gates in
            guard let theirs = other.routes[key], theirs.count == gates.count else { return false }
            return gates.allSatisfy { region, pair in theirs[region].map { $0.identity == pair.identity && $0.scp == pair.scp } ?? false }
        }
    }

    /// Whether the simulator checks this route (else the offline evaluation answers for it).
    public func covers(_ route: PolicyRoute) -> Bool { sources.isEmpty || sources.contains(route.sourceRegion) }

    /// The route's gates; until the simulator has checked it, each is unknown, saying so.
    public func gates(for route: PolicyRoute) -> RouteGateStates {
        if let gates = routes[RouteKey(profileId: route.profileId, sourceRegion: route.sourceRegion)] { return gates }
        let pending = GateState(.unknown, checkedAt == nil ? "the IAM policy simulator has not finished its first check of \(principal)"
                                                           : "the IAM policy simulator has not checked this route yet")
        return Dictionary(uniqueKeysWithValues: route.modelRegions.map { ($0, (pending, pending)) })
    }
}
