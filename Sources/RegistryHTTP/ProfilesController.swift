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
            let profiles = api.registry.view.profiles(matching: filter)
            return JSONBody.conditional(.object([
                "profiles": .array(profiles.map(Representation.profile)), "count": .int(Int64(profiles.count)),
            ]), request: request)
        }
        group.get("profiles/{id}") { request, context in
            JSONBody.conditional(Representation.profile(try profile(context)), request: request)
        }
        group.get("profiles/{id}/access") { request, context in
            let view = api.registry.view
            let profile = try profile(context, in: view).value
            if let source = QueryParameters(request: request).string("source_region") {
                guard let access = view.access(for: profile, from: source) else {
                    let sources = profile.routes.map(\.sourceRegion).joined(separator: ", ")
                    throw APIError.notFound("profile \(profile.id) has no route from source region \(source) (it routes from: \(sources))")
                }
                return JSONBody.conditional(Representation.routeAccess(access), request: request)
            }
            let routes = view.access(for: profile)
            return JSONBody.conditional(.object([
                "profile_id": .string(profile.id), "complete": .bool(routes.allSatisfy(\.complete)),
                "routes": .array(routes.map(Representation.routeAccess)),
            ]), request: request)
        }
        group.get("access/audit") { request, _ in
            let query = QueryParameters(request: request)
            let view = api.registry.view
            let incomplete = view.audit(geo: query.string("geo"), sourceRegion: query.string("source_region"))
            return JSONBody.conditional(.object([
                "index": .int(view.index), "generated_at": .string(view.builtAt),
                "count": .int(Int64(incomplete.count)), "incomplete": .array(incomplete.map(Representation.routeAccess)),
            ]), request: request)
        }
    }

    private func profile(_ context: some RequestContext, in view: RegistryView? = nil) throws -> Tracked<InferenceProfile> {
        let id = try context.pathParameter("id")
        guard let profile = (view ?? api.registry.view).profile(idOrARN: id) else {
            throw APIError.notFound("unknown inference profile \(id)")
        }
        return profile
    }
}
