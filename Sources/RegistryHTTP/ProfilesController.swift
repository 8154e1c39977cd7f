import AccessPolicy
import Hummingbird
import RegionRegistry

/// Profiles, their routes, and whether access along each route is complete.
struct ProfilesController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("profiles") { request, _ in
            let query = QueryParameters(request: request)
            let filter = ProfileFilter(
                geo: query.string("geo"), modelId: query.string("model"), sourceRegion: query.string("source_region"),
                destinationRegion: query.string("destination_region"), type: try query.oneOf("type", InferenceProfile.Kind.self),
                includeRemoved: try query.bool("include_removed"))
            let pagination = try Pagination(query)
            return try api.cachedGET(request) { view in
                let (profiles, fields) = pagination.page(view.profiles(matching: filter), key: \.value.id)
                let residency = try api.guards.guardFor(query, in: view)
                // Asked from one source region, each profile lists that route only: a page of a
                // large registry stays small (one GET of the profile has them all).
                let items = profiles.map { Representation.profile($0, in: view, routesFrom: filter.sourceRegion, residency: residency) }
                return .object(fields.merging(["profiles": .array(items)]) { a, _ in a })
            }
        }
        // Parameters are decoded inside the cached build: a cache hit skips that work too.
        group.get("profiles/{id}") { request, context in
            try api.cachedGET(request) { view in
                let residency = try api.guards.guardFor(QueryParameters(request: request), in: view)
                return Representation.profile(try profile(try context.pathParameter("id"), in: view), in: view, residency: residency)
            }
        }
        group.get("profiles/{id}/access") { request, context in
            try api.cachedGET(request) { view in
                let query = QueryParameters(request: request)
                let source = query.string("source_region"), residency = try api.guards.guardFor(query, in: view)
                let profile = try profile(try context.pathParameter("id"), in: view).value
                let answer = { (access: RouteAccess) in api.routeAccessAnswer(access, in: view, residency: residency) }
                if let source {
                    guard let access = view.access(for: profile, from: source) else {
                        let sources = profile.routes.map(\.sourceRegion).joined(separator: ", ")
                        throw APIError.notFound("profile \(profile.id) has no route from source region \(source) (it routes from: \(sources))")
                    }
                    return answer(access)
                }
                let routes = view.access(for: profile)
                return .object([
                    "profile_id": .string(profile.id), "complete": .bool(routes.allSatisfy(\.complete)),
                    "routes": .array(routes.map(answer)),
                ])
            }
        }
        addAudit(to: group)
    }

    /// `/v1/access/audit`: incomplete routes, or those failing a gate, or those leaving the residency guard.
    private func addAudit(to group: RouterGroup<BasicRequestContext>) {
        group.get("access/audit") { request, _ in
            let query = QueryParameters(request: request)
            let geo = query.string("geo"), source = query.string("source_region")
            let gate = try query.oneOf("gate", AuditGate.self), outside = try query.oneOf("residency", AuditResidency.self) != nil
            let lifecycle = try Set(query.list("lifecycle").map(ModelsController.status))
            let pagination = try Pagination(query)
            return try api.cachedGET(request) { view in
                let residency = try api.guards.guardFor(query, in: view)
                // `residency=outside` or `lifecycle=` alone list every route that leaves the guard or is on
                // such a model; with a gate, those failing it too.
                let day = ModelLifecycle.today()
                let onLifecycle = lifecycle.isEmpty ? nil : Set(view.lifecycleAudit(
                    geo: geo, sourceRegion: source, statuses: lifecycle, warningDays: api.guards.lifecycleWarningDays, on: day
                ).map { "\($0.profileId)@\($0.sourceRegion)" })
                let all = (outside || onLifecycle != nil) && gate == nil
                let listed = (all ? view.routeAccess(geo: geo, sourceRegion: source).map { ($0, nil) }
                              : audited(failing: gate, geo: geo, source: source, in: view))
                    .filter { !outside || !residency.residency(of: $0.access, in: view).resident }
                    .filter { onLifecycle?.contains("\($0.access.profileId)@\($0.access.sourceRegion)") ?? true }
                // In (profile, source region) order: keys joined with a character neither holds.
                let (incomplete, fields) = pagination.page(listed) { "\($0.access.profileId)\u{1}\($0.access.sourceRegion)" }
                return .object(fields.merging([
                    "index": .int(view.index), "generated_at": .string(view.builtAt),
                    "incomplete": .array(incomplete.map { api.routeAccessAnswer($0.access, in: view, residency: residency, gates: $0.gates) }),
                ]) { a, _ in a })
            }
        }
    }

    /// Which gate the audit lists failures of (`?gate=`); without it, incomplete model access.
    enum AuditGate: String, CaseIterable { case availability, identity, scp }
    /// `?residency=outside`: the routes that leave the residency guard, instead.
    enum AuditResidency: String, CaseIterable { case outside }

    /// The routes the audit lists: those on which `gate` fails in some destination, with the
    /// gates that were evaluated to find them (so a listed route's are not evaluated again);
    /// without a gate, those with incomplete access (gates left for the page to evaluate).
    private func audited(failing gate: AuditGate?, geo: String?, source: String?,
                         in view: RegistryView) -> [(access: RouteAccess, gates: RouteGateStates?)] {
        guard let gate, gate != .availability else { return view.audit(geo: geo, sourceRegion: source).map { ($0, nil) } }
        return view.routeAccess(geo: geo, sourceRegion: source).compactMap { access in
            let gates = api.accessPolicies.gates(for: access, in: view)
            let fails = gates.values.contains { (gate == .identity ? $0.identity : $0.scp).state == .fail }
            return fails ? (access, gates) : nil
        }
    }

    private func profile(_ id: String, in view: RegistryView) throws -> Tracked<InferenceProfile> {
        guard let profile = view.profile(idOrARN: id) else { throw APIError.notFound("unknown inference profile \(id)") }
        return profile
    }
}
