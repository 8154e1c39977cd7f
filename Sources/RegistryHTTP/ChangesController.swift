import Hummingbird
import RegionRegistry

/// The change log, with blocking reads: `?since=N&wait=S` returns as soon as the index passes N
/// (like Consul's blocking queries), or after S seconds with no changes and the same index.
struct ChangesController {
    static let maxWait: Int64 = 300
    static let defaultLimit: Int64 = 500

    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("changes") { request, _ in
            let query = QueryParameters(request: request)
            let since = try query.int("since", in: 0...Int64.max) ?? 0
            let wait = try query.int("wait", in: 0...Self.maxWait) ?? 0
            let limit = Int(try query.int("limit", in: 1...1000) ?? Self.defaultLimit)
            let page = try await api.registry.changes(since: since, limit: limit, wait: .seconds(wait), maxWatchers: api.settings.maxWatchers)
            var response = JSONBody.response(.object([
                "index": .int(page.index), "changes": .array(page.changes.map(Representation.change)), "more": .bool(page.more),
            ]))
            response.headers[.regiondIndex] = String(page.index)
            return response
        }
    }
}
