import Hummingbird
import RegionRegistry

/// Refresh history and staleness; `POST` runs one now (or joins the one running).
struct RefreshController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("refresh") { _, _ in
            let schedule = api.settings.schedule.values
            let status = try await api.registry.refreshStatus(staleAfter: schedule.staleAfter)
            return JSONBody.response(.object([
                "runs": .array(status.runs.map(Representation.run)), "last_success_at": JSONValue(status.lastSuccessAt),
                "stale": .bool(status.stale), "stale_regions": JSONValue(status.staleRegions),
                "stale_after_seconds": .int(schedule.staleAfter.components.seconds),
                "interval_seconds": .int(schedule.interval.components.seconds),
                "source": .string(await api.refresher.source.name), "running": .bool(await api.refresher.isRunning),
                "regions": .array(status.regions.map(Representation.regionStatus)),
            ]))
        }
        group.post("refresh") { request, _ in
            try api.authorizer.authorize(request)
            let outcome = try await api.refresher.refresh(trigger: .manual)
            return JSONBody.response(Representation.run(outcome.run))
        }
    }
}

extension Representation {
    static func regionStatus(_ region: RefreshStatus.Region) -> JSONValue {
        let status = region.status
        return .object([
            "region": .string(status.region), "part": .string(status.part.rawValue),
            "last_attempt_at": .string(status.lastAttemptAt), "last_success_at": JSONValue(status.lastSuccessAt),
            "last_error": JSONValue(status.lastError), "consecutive_failures": .int(Int64(status.consecutiveFailures)),
            "stale": .bool(region.stale),
        ])
    }
}
