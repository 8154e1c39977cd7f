import Foundation
import Hummingbird
import RegionRegistry
import RegistryStore

/// Refresh history and staleness; `POST` runs one now (or joins the one running).
struct RefreshController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("refresh") { request, _ in
            let runs = try await api.registry.store.recentRuns(limit: 20)
            let lastSuccess = try await api.registry.store.lastSuccessfulRun()
            let schedule = api.settings.schedule.values
            let staleAfter = Double(schedule.staleAfter.components.seconds)
            let now = Date()
            func isStale(_ time: String?) -> Bool {
                guard let time = time.flatMap(Timestamp.parse) else { return true }
                return now.timeIntervalSince(time) > staleAfter
            }
            // Regions the latest finished run read: a region dropped from the configuration is
            // history, not a stale region.
            let current = Set((runs.first { $0.finishedAt != nil }?.regions ?? []).map { "\($0.region)/\($0.part.rawValue)" })
            let regions = try await api.registry.store.regionStatuses().filter { current.contains("\($0.region)/\($0.part.rawValue)") }
            let staleRegions = Set(regions.filter { isStale($0.lastSuccessAt) }.map(\.region)).sorted()
            return JSONBody.response(.object([
                "runs": .array(runs.map(Representation.run)), "last_success_at": JSONValue(lastSuccess?.finishedAt),
                "stale": .bool(isStale(lastSuccess?.finishedAt) || !staleRegions.isEmpty),
                "stale_after_seconds": .int(schedule.staleAfter.components.seconds),
                "interval_seconds": .int(schedule.interval.components.seconds),
                "source": .string(await api.refresher.source.name), "running": .bool(await api.refresher.isRunning),
                "regions": .array(regions.map { status in .object([
                    "region": .string(status.region), "part": .string(status.part.rawValue),
                    "last_attempt_at": .string(status.lastAttemptAt), "last_success_at": JSONValue(status.lastSuccessAt),
                    "last_error": JSONValue(status.lastError), "consecutive_failures": .int(Int64(status.consecutiveFailures)),
                    "stale": .bool(isStale(status.lastSuccessAt)),
                ]) }),
                "stale_regions": .array(staleRegions.map(JSONValue.string)),
            ]))
        }
        group.post("refresh") { request, _ in
            try api.authorizer.authorize(request)
            let outcome = try await api.refresher.refresh(trigger: .manual)
            return JSONBody.response(Representation.run(outcome.run))
        }
    }
}
