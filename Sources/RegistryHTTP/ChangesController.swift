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
            let limit = Int(try query.int("limit", in: 1...1000) ?? Self.defaultLimit)
            // Served only up to the read model's index: a client that saw a change here must find
            // it in every other endpoint (the store commits a moment before the view is swapped).
            func read(_ since: Int64) async throws -> (entries: [LoggedChange], index: Int64, stored: Int64) {
                let visible = api.registry.view.index
                let (entries, stored) = try await api.registry.store.changePage(since: since, limit: limit + 1)
                return (entries.filter { $0.index <= visible }, min(stored, visible), stored)
            }
            var (entries, index, stored) = try await read(since)
            if since > stored {
                // The client's index is ahead of the store's (a replaced database): start again
                // from the beginning rather than block on an index that may never come.
                since = 0
                (entries, index, _) = try await read(since)
            } else if entries.isEmpty && wait > 0 {
                // Jitter spreads the wake-ups of many watchers that started together.
                let jitter = Double.random(in: 0...(Double(wait) / 16))
                _ = await api.registry.waitForChange(after: since, timeout: .seconds(Double(wait) + jitter))
                (entries, index, _) = try await read(since)
            }
            let page = entries.prefix(limit)
            let more = entries.count > page.count
            // With more to come, the next `since` is the last entry returned, not the newest index.
            let next = more ? page.last!.index : index
            var response = JSONBody.response(.object([
                "index": .int(next), "changes": .array(page.map(Representation.change)), "more": .bool(more),
            ]))
            response.headers[.regiondIndex] = String(next)
            return response
        }
    }
}
