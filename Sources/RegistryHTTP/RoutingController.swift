import AccessPolicy
import Hummingbird
import RegionRegistry
import RegistryHealth
import RegistryService

/// Advice a gateway can act on: a route's destinations ranked for use now, and which profile to
/// send for a model from a source region. From memory (the read model and the health windows).
struct RoutingController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        // Parameters are read inside `answer`'s build closure: a cached answer (keyed by the raw
        // path and query) skips their decoding too.
        group.get("profiles/{id}/route") { request, context in
            try answer(request) { view, health in
                let id = try context.pathParameter("id"), query = QueryParameters(request: request)
                guard let source = query.string("source_region") else {
                    throw APIError.invalidParameter("source_region", "required: the region the gateway sends the request from")
                }
                guard let profile = view.profile(idOrARN: id)?.value else { throw APIError.notFound("unknown inference profile \(id)") }
                guard let access = view.access(for: profile, from: source) else {
                    let sources = profile.routes.map(\.sourceRegion).joined(separator: ", ")
                    throw APIError.notFound("profile \(profile.id) has no route from source region \(source) (it routes from: \(sources))")
                }
                let ranked = RouteRanking.rank(access, health: health.health(of:), stats: health.stats(for:))
                let gates = api.accessPolicies.gates(for: access, in: view)
                let residency = try api.guards.guardFor(query, in: view).residency(of: access, in: view)
                let day = ModelLifecycle.today()
                return .object([
                    "residency": Representation.residency(residency),
                    "lifecycle": Representation.lifecycle(view.lifecycle(ofModel: profile.modelId, on: day), on: day),
                    "profile_id": .string(profile.id), "model_id": .string(profile.modelId), "source_region": .string(source),
                    "complete": .bool(access.complete), "allowed": .bool(access.complete && !Representation.blocked(gates)),
                    "destinations": .array(ranked.map { Representation.ranked($0, gates: gates) }),
                ])
            }
        }
        addResolve(to: group)
    }

    /// `/v1/resolve`: the profile to send for a model (or a model family) from a source region.
    private func addResolve(to group: RouterGroup<BasicRequestContext>) {
        group.get("resolve") { request, _ in
            try answer(request) { view, health in
                let query = QueryParameters(request: request)
                let (exact, family) = (query.string("model"), query.string("family"))
                guard (exact == nil) != (family == nil) else {
                    throw APIError.invalidParameter("model", "required: a foundation model id (model=), or a model family's id prefix (family=), not both")
                }
                guard let source = query.string("source_region") else {
                    throw APIError.invalidParameter("source_region", "required: the region the gateway sends the request from")
                }
                let guarded = try api.guards.guardFor(query, in: view), day = ModelLifecycle.today()
                let (geo, application) = (query.string("geo"), try query.bool("include_application"))
                let resolution = if let family {
                    try ProfileResolver.resolve(family: family, sourceRegion: source, geo: geo, includeApplication: application, residency: guarded,
                                                on: day, view: view, health: health.health(of:), stats: health.stats(for:))
                } else {
                    try ProfileResolver.resolve(model: exact!, sourceRegion: source, geo: geo, includeApplication: application, residency: guarded,
                                                view: view, health: health.health(of:), stats: health.stats(for:))
                }
                let model = resolution.profile.modelId
                let access = view.access(for: resolution.profile, from: source)
                let gates = access.map { api.accessPolicies.gates(for: $0, in: view) } ?? [:]
                let lifecycle = view.lifecycle(ofModel: model, on: day)
                return .object([
                    "residency": Representation.residency(access.map { guarded.residency(of: $0, in: view) } ?? .init(resident: true, outside: [])),
                    "lifecycle": Representation.lifecycle(lifecycle, on: day), "warnings": JSONValue(Self.warnings(model, lifecycle, on: day)),
                    "allowed": .bool(resolution.complete && !Representation.blocked(gates)),
                    "model_id": .string(model), "source_region": .string(source), "profile_id": .string(resolution.profile.id),
                    "parent_profile_id": JSONValue(resolution.profile.parentProfileId),
                    "geo": .string(resolution.profile.geo), "complete": .bool(resolution.complete), "reason": .string(resolution.reason),
                    "destinations": .array(resolution.destinations.map { Representation.ranked($0, gates: gates) }),
                    "alternatives": .array(resolution.alternatives.map { .object(["profile_id": .string($0.profileId), "reason": .string($0.reason)]) }),
                ])
            }
        }
    }

    /// What a gateway should know before sending to a model on its way out.
    static func warnings(_ model: String, _ lifecycle: ModelLifecycle?, on day: String) -> [String] {
        guard let lifecycle, lifecycle.status != .active else { return [] }
        let end = lifecycle.endOfLifeAt.map { lifecycle.status == .eol ? " (end of life \($0))" : ", end of life \($0)" } ?? ""
        let instead = lifecycle.recommendedReplacement.map { "; AWS recommends \($0)" } ?? ""
        return ["\(model) is \(lifecycle.status.rawValue.lowercased())\(end)\(instead)"]
    }

    /// Builds from one read model and one health view (consistent with each other), and reuses
    /// the encoded body while both stay current: at most 500 ms for health figures.
    private func answer(_ request: Request, build: (RegistryView, HealthView) throws -> JSONValue) throws -> Response {
        let view = api.registry.view
        let health = api.health.currentView()
        let body = try api.healthCache.body(for: request, index: AnswerVersion(
            index: view.index, policies: api.accessPolicies.generation, guards: api.guards.generation, health: health.generation)) {
            try build(view, health)
        }
        return JSONBody.response(body.bytes)
    }
}
