import RegionRegistry

/// Why the routes a policy was asked for cannot be found: said so the caller can fix the request.
public enum PolicyRequestError: Error, Equatable, CustomStringConvertible {
    case unknownProfile(String)
    case noRoute(profile: String, source: String, sources: [String])
    case noRoutesFrom(source: String)
    case badAccount(String)
    case noAccount

    public var description: String {
        switch self {
        case .unknownProfile(let id): "unknown inference profile \(id)"
        case .noRoute(let profile, let source, let sources):
            "profile \(profile) has no route from source region \(source) (it routes from: \(sources.joined(separator: ", ")))"
        case .noRoutesFrom(let source): "no active profile routes from source region \(source)"
        case .badAccount(let account): "account must be a 12-digit AWS account ID, got \"\(account)\""
        case .noAccount: "account: required here: the registry's data names no account (catalog data), and ARNs need one"
        }
    }
}

extension RegistryView {
    /// The routes of `profileIds` from each of `sources` (every route of a profile when `sources`
    /// is empty); throws naming the first profile or route that does not exist.
    public func policyRoutes(profileIds: [String], sources: [String]) throws(PolicyRequestError) -> [PolicyRoute] {
        var routes: [PolicyRoute] = []
        for id in profileIds {
            guard let profile = profile(idOrARN: id)?.value else { throw .unknownProfile(id) }
            if sources.isEmpty {
                routes += profile.routes.map { policyRoute(profile, $0) }
                continue
            }
            for source in sources {
                guard let route = profile.route(from: source) else {
                    throw .noRoute(profile: profile.id, source: source, sources: profile.routes.map(\.sourceRegion))
                }
                routes.append(policyRoute(profile, route))
            }
        }
        return routes
    }

    /// Every active profile's route from `source`; throws when there is none.
    public func policyRoutes(from source: String) throws(PolicyRequestError) -> [PolicyRoute] {
        let routes = policyRoutes(activeFrom: [source])
        guard !routes.isEmpty else { throw .noRoutesFrom(source: source) }
        return routes
    }

    /// Every active profile's routes from `sources` (all its routes when `sources` is empty);
    /// profiles without a route from a source are left out.
    public func policyRoutes(activeFrom sources: [String]) -> [PolicyRoute] {
        profiles.filter { !$0.isRemoved }.flatMap { tracked in
            tracked.value.routes.filter { sources.isEmpty || sources.contains($0.sourceRegion) }.map { policyRoute(tracked.value, $0) }
        }
    }

    func policyRoute(_ profile: InferenceProfile, _ route: Route) -> PolicyRoute {
        let global = route.scope == .commercial
        return PolicyRoute(
            profileId: profile.id, modelId: profile.modelId, sourceRegion: route.sourceRegion,
            partition: region(route.sourceRegion)?.value.partition ?? "aws", application: profile.type == .application, global: global,
            modelRegions: global ? [route.sourceRegion] : route.destinationRegions, knownARN: profile.type == .application ? profile.arn : nil)
    }

    /// The account the registry's AWS data was read from (profile ARNs name it); nil for catalog data.
    public var sourceAccount: String? {
        profiles.lazy.compactMap { $0.value.arn.flatMap(BedrockARN.account(of:)) }.first
    }

    /// `requested` when it is an account ID, else the registry's own; throws for a malformed one.
    public func policyAccount(_ requested: String?) throws(PolicyRequestError) -> String? {
        guard let requested else { return sourceAccount }
        guard BedrockARN.isAccount(requested) else { throw .badAccount(requested) }
        return requested
    }
}
