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
            var since = try query.int("since", in: 0...Int64.max) ?? 0
            let wait = try query.int("wait", in: 0...Self.maxWait) ?? 0
            let limit = try query.int("limit", in: 1...1000) ?? Self.defaultLimit
            var view = api.registry.view
            if since > view.index {
                // The client's index is ahead of ours (a replaced database): start again from the
                // beginning rather than block on an index that may never come.
                since = 0
            } else if wait > 0 {
                // Jitter spreads the wake-ups of many watchers that started together.
                let jitter = Double.random(in: 0...(Double(wait) / 16))
                view = await api.registry.waitForChange(after: since, timeout: .seconds(Double(wait) + jitter))
            }
            let entries = try await api.registry.store.changes(since: since, limit: Int(limit) + 1)
            let page = entries.prefix(Int(limit))
            var response = JSONBody.response(.object([
                "index": .int(view.index), "changes": .array(page.map(Representation.change)), "more": .bool(entries.count > page.count),
            ]))
            response.headers[.regiondIndex] = String(view.index)
            return response
        }
    }
}
