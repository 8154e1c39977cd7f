import Hummingbird
import RegionRegistry

struct RegionsController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("regions") { request, _ in
            let query = QueryParameters(request: request)
            let includeRemoved = try query.bool("include_removed")
            let pagination = try Pagination(query)
            return try api.cachedGET(request) { view in
                let (regions, fields) = pagination.page(view.regions.filter { includeRemoved || !$0.isRemoved }, key: \.value.code)
                return .object(fields.merging(["regions": .array(regions.map(Representation.region))]) { a, _ in a })
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
