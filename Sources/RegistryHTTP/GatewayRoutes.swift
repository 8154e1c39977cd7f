import AccessPolicy
import GatewayExport
import RegionRegistry
import RegistryHealth
import RegistryService

/// Which routes a gateway export covers, from the request's filters.
struct ExportFilters {
    var models: Set<String> = []
    var sourceRegions: Set<String> = []
    var geos: Set<String> = []
    var includeIncomplete = false

    init(_ query: QueryParameters, in view: RegistryView, names: [String: String]) throws {
        let modelsGiven = try query.list("models"), sources = try query.list("source_regions"), geos = try query.list("geo")
        let byName = Dictionary(names.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        models = Set(try modelsGiven.map { given in
            if names[given] != nil { return given }
            if let model = byName[given] { return model }
            throw APIError.invalidParameter("models", "unknown model \(given): give a model id or its export name (see GET /v1/models)")
        })
        for source in sources where view.state.regions[source] == nil {
            throw APIError.invalidParameter("source_regions", "unknown region \(source)")
        }
        let knownGeos = Set(view.profiles.map(\.value.geo))
        for geo in geos where !knownGeos.contains(geo) {
            throw APIError.invalidParameter("geo", "unknown geography prefix \(geo): known are \(knownGeos.sorted().joined(separator: ", "))")
        }
        (sourceRegions, self.geos) = (Set(sources), Set(geos))
        includeIncomplete = try query.bool("include_incomplete")
    }

    func covers(_ profile: InferenceProfile, from source: String) -> Bool {
        (models.isEmpty || models.contains(profile.modelId)) && (geos.isEmpty || geos.contains(profile.geo))
            && (sourceRegions.isEmpty || sourceRegions.contains(source))
    }
}

extension API {
    /// Every system-defined, active profile's route the filters cover, judged as a gateway needs:
    /// left out when access is incomplete (unless asked for), a gate denies it, it leaves the
    /// residency guard, its model is past end of life, or every destination is unhealthy.
    func gatewayRoutes(_ view: RegistryView, _ health: HealthView, _ filters: ExportFilters, residency: ResidencyGuard) -> [GatewayRoute] {
        let day = ModelLifecycle.today()
        return view.profiles.filter { !$0.isRemoved && $0.value.type == .systemDefined && $0.value.status.uppercased() == "ACTIVE" }
            .flatMap { tracked in view.access(for: tracked.value).map { (tracked.value, $0) } }
            .filter { filters.covers($0.0, from: $0.1.sourceRegion) }
            .map { profile, access in
                var route = GatewayRoute(profileId: profile.id, modelId: profile.modelId, sourceRegion: access.sourceRegion, geo: profile.geo)
                if !access.complete {
                    if filters.includeIncomplete { route.incomplete = true } else { route.exclusions.append("incomplete: access " + access.gaps) }
                }
                route.exclusions += Self.denials(accessPolicies.gates(for: access, in: view))
                let residency = residency.residency(of: access, in: view)
                if !residency.resident { route.exclusions.append("outside the residency guard: may run in \(residency.outside.joined(separator: ", "))") }
                if let lifecycle = view.lifecycle(ofModel: profile.modelId, on: day), lifecycle.status == .eol {
                    route.exclusions.append("model past end of life" + (lifecycle.endOfLifeAt.map { " (\($0))" } ?? ""))
                }
                let ranked = RouteRanking.rank(access, health: health.health(of:), stats: health.stats(for:))
                if !ranked.isEmpty, ranked.allSatisfy({ $0.health == .unhealthy }) {
                    // Regions only: the states' figures move every evaluation, and the export's bytes must not.
                    route.exclusions.append("unhealthy in every destination: " + ranked.map(\.region).joined(separator: ", "))
                }
                route.order = ranked.contains { $0.health == .unhealthy } ? 3 : ranked.contains { $0.health == .degraded } ? 2 : 1
                return route
            }
    }

    /// One line per gate and reason, naming the destinations it denies.
    static func denials(_ gates: RouteGateStates) -> [String] {
        var regionsByDenial: [String: [String]] = [:]
        for (region, gate) in gates {
            if gate.identity.state == .fail { regionsByDenial["denied by the identity policy: \(gate.identity.reason)", default: []].append(region) }
            if gate.scp.state == .fail { regionsByDenial["denied by an SCP: \(gate.scp.reason)", default: []].append(region) }
        }
        return regionsByDenial.map { "\($0.key) (in \($0.value.sorted().joined(separator: ", ")))" }.sorted()
    }
}
