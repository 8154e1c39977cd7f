import Hummingbird
import RegionRegistry

struct RegionsController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("regions") { request, _ in
            let includeRemoved = try QueryParameters(request: request).bool("include_removed")
            let regions = api.registry.view.regions.filter { includeRemoved || !$0.isRemoved }
            return JSONBody.conditional(.object([
                "regions": .array(regions.map(Representation.region)), "count": .int(Int64(regions.count)),
            ]), request: request)
        }
        group.get("regions/{code}") { request, context in
            let code = try context.pathParameter("code")
            guard let region = api.registry.view.region(code) else { throw APIError.notFound("unknown region \(code)") }
            return JSONBody.conditional(Representation.region(region), request: request)
        }
    }
}
