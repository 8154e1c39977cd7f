import Foundation
import Hummingbird
import RegionRegistry

/// Refresh history and staleness; `POST` runs one now (or joins the one running).
struct RefreshController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("refresh") { request, _ in
            let runs = try await api.registry.store.recentRuns(limit: 20)
            let lastSuccess = try await api.registry.store.lastSuccessfulRun()
            let staleAfter = api.settings.staleAfter
            let stale: Bool = {
                guard let finished = lastSuccess?.finishedAt.flatMap(Timestamp.parse) else { return true }
                return Date().timeIntervalSince(finished) > Double(staleAfter.components.seconds)
            }()
            return JSONBody.response(.object([
                "runs": .array(runs.map(Representation.run)), "last_success_at": JSONValue(lastSuccess?.finishedAt),
                "stale": .bool(stale), "stale_after_seconds": .int(staleAfter.components.seconds),
                "interval_seconds": .int(api.settings.refreshInterval.components.seconds),
                "source": .string(await api.refresher.source.name), "running": .bool(await api.refresher.isRunning),
            ]))
        }
        group.post("refresh") { request, _ in
            try api.authorizer.authorize(request)
            let outcome = try await api.refresher.refresh(trigger: .manual)
            return JSONBody.response(Representation.run(outcome.run))
        }
    }
}
