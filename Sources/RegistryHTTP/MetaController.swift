import CivilTime
import Foundation
import Hummingbird
import RegionRegistry
import RegistryService

/// Liveness, readiness, status and the API's own description.
struct MetaController {
    let api: API

    func addRoutes(to router: Router<BasicRequestContext>) {
        router.get("healthz") { _, _ in JSONBody.response(.object(["status": .string("ok")])) }
        router.get("readyz") { _, _ in try await readiness() }
        router.get("openapi.json") { _, _ in JSONBody.response(ByteBuffer(string: api.openAPIText)) }
        router.get("v1/status") { request, _ in try await status(request) }
    }

    /// Ready once the store answers and holds data from a successful refresh; 503 says why not.
    private func readiness() async throws -> Response {
        let readiness = await api.registry.readiness()
        return JSONBody.response(.object([
            "ready": .bool(readiness.ready), "reason": JSONValue(readiness.reason),
            "checks": .object([
                "store": .bool(readiness.storeAnswers), "migrations": .bool(readiness.schemaCurrent), "loaded": .bool(readiness.loaded),
            ]),
        ]), status: readiness.ready ? .ok : .serviceUnavailable)
    }

    static func fleet(_ fleet: FleetState) -> JSONValue {
        let state = fleet.snapshot
        let stale = state.lostSince.map { Date().timeIntervalSince($0) >= Double(fleet.staleAfter.components.seconds) } ?? false
        return .object([
            "engine": .string(state.engine.rawValue), "leader": .bool(state.leader), "replica": .string(state.replica),
            "leader_since": JSONValue(state.leaderSince), "lost_since": JSONValue(state.lostSince.map(Timestamp.format)),
            "stale": .bool(stale),
        ])
    }

    private func status(_ request: Request) async throws -> Response {
        let view = api.registry.view
        let last = try await api.registry.lastRun()
        return JSONBody.conditional(.object([
            "version": .string(api.settings.version), "index": .int(view.index),
            "profiles": .int(Int64(view.profiles.count { !$0.isRemoved })),
            "regions": .int(Int64(view.regions.count { !$0.isRemoved })),
            "grants": .int(Int64(view.grants.count)),
            "source": .string(await api.refresher.source.name),
            "last_refresh": last.map(Representation.run) ?? .null,
            "started_at": .string(api.startedAt), "watchers": .int(Int64(api.registry.watcherCount)),
            "fleet": Self.fleet(api.registry.fleet),
            "policy_simulator": api.accessPolicies.simulated.map { simulated in
                .object(["principal": .string(simulated.principal), "checked_at": JSONValue(simulated.checkedAt),
                         "routes": .int(Int64(simulated.routes.count))])
            } ?? .null,
        ]), request: request)
    }
}
