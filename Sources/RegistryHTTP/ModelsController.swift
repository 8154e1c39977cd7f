import Hummingbird
import RegionRegistry

/// Foundation models, first-class: their lifecycle, where they run in-region, and which profiles
/// serve them from each source region ("what can I call from here?").
struct ModelsController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("models") { request, _ in
            let query = QueryParameters(request: request)
            let provider = query.string("provider"), source = query.string("source_region")
            let statuses = try Set(query.list("lifecycle").map(Self.status))
            let pagination = try Pagination(query)
            return try api.cachedGET(request) { view in
                let day = ModelLifecycle.today()
                let matching = view.models.filter { model in
                    !model.isRemoved && (provider == nil || model.value.provider == provider)
                        && (source == nil || !view.servingProfiles(model: model.value.id, from: source).isEmpty)
                        && (statuses.isEmpty || model.value.lifecycle(on: day).map { statuses.contains($0.status) } == true)
                }
                let (page, fields) = pagination.page(matching, key: \.value.id)
                return .object(fields.merging(["models": .array(page.map { Representation.model($0, in: view, from: source, on: day) })]) { a, _ in a })
            }
        }
        group.get("models/{id}") { request, context in
            try api.cachedGET(request) { view in
                let id = try context.pathParameter("id")
                guard let model = view.model(id) else { throw APIError.notFound("unknown foundation model \(id)") }
                return Representation.model(model, in: view, from: QueryParameters(request: request).string("source_region"),
                                            on: ModelLifecycle.today())
            }
        }
    }

    static func status(_ value: String) throws -> ModelLifecycle.Status {
        guard let status = ModelLifecycle.Status(named: value) else {
            throw APIError.invalidParameter("lifecycle", "expected a list of active, legacy, eol; got \"\(value)\"")
        }
        return status
    }
}

extension Representation {
    /// A model with its lifecycle on `day`, the regions offering it in-region, and the profiles
    /// serving it per source region (from `source` only, when given).
    static func model(_ t: Tracked<FoundationModel>, in view: RegistryView, from source: String?, on day: String) -> JSONValue {
        let m = t.value
        let serving = view.servingProfiles(model: m.id, from: source)
        return .object([
            "id": .string(m.id), "provider": JSONValue(m.provider), "name": JSONValue(m.name),
            "lifecycle": lifecycle(m.lifecycle(on: day), on: day), "in_region": JSONValue(view.inRegion(model: m.id)),
            "profiles": .array(serving.keys.sorted().map { region in
                .object(["source_region": .string(region), "profile_ids": JSONValue(serving[region]!.sorted())])
            }),
            "first_seen": .string(t.firstSeen), "last_seen": .string(t.lastSeen), "removed_at": JSONValue(t.removedAt),
        ])
    }
}
