import Hummingbird
import RegionRegistry

struct RegionsController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("regions") { request, _ in
            let includeRemoved = try QueryParameters(request: request).bool("include_removed")
            return try api.cachedGET(request) { view in
                let regions = view.regions.filter { includeRemoved || !$0.isRemoved }
                return .object(["regions": .array(regions.map(Representation.region)), "count": .int(Int64(regions.count))])
            }
        }
        group.get("regions/{code}") { request, context in
            let code = try context.pathParameter("code")
            return try api.cachedGET(request) { view in
                guard let region = view.region(code) else { throw APIError.notFound("unknown region \(code)") }
                return Representation.region(region)
            }
        }
    }
}
