import AccessPolicy
import CivilTime
import Foundation
import Hummingbird
import RegionRegistry
import RegistryHealth
import RegistryService

/// Health samples in (`POST /v1/health/samples`), summaries and states out (`GET /v1/health`).
/// Answers come from memory: the figures move with every sample, so they carry no ETag.
struct HealthController {
    let api: API

    func addRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("health/samples") { request, _ in
            try api.authorizer.authorize(request)
            let health = api.health
            let body = try await request.collectBody(upTo: api.settings.sampleBodyLimit)
            let samples: [HealthSample]
            do {
                samples = try SampleBatchDecoder.decode(Array(body.readableBytesView), context: health.validationContext())
            } catch let error as SampleBatchProblem {
                api.metrics.batchRejected(field: error.field)
                throw APIError(.badRequest, code: "invalid_sample", "\(error); nothing of this batch was stored")
            }
            guard await health.accept(samples) else {
                var error = APIError(.serviceUnavailable, code: "unavailable", "the batch could not be stored; nothing of it was; send it again")
                error.headers[.retryAfter] = String(APIError.watcherRetryAfterSeconds)
                throw error
            }
            return JSONBody.response(.object(["accepted": .int(Int64(samples.count))]), status: .accepted)
        }
        group.get("health") { request, _ in
            let health = api.health
            let query = QueryParameters(request: request)
            let window = try query.oneOf("window", HealthWindow.self) ?? health.settings.thresholds.window
            let region = query.string("region"), model = query.string("model")
            let entries = health.summary(window: window).filter { entry in
                (region == nil || entry.key.region == region) && (model == nil || entry.key.modelId == model)
            }
            return JSONBody.response(.object([
                "window": .string(window.rawValue), "generated_at": .string(Timestamp.now()),
                "regions": .array(entries.filter { $0.key.modelId == nil }.map(Representation.health)),
                "models": .array(entries.filter { $0.key.modelId != nil }.map(Representation.health)),
            ]))
        }
    }
}

extension Representation {
    static func health(_ entry: (key: HealthKey, health: TrackedHealth, stats: HealthStats)) -> JSONValue {
        var object: [String: JSONValue] = [
            "region": .string(entry.key.region), "state": .string(entry.health.state.rawValue),
            "since": JSONValue(entry.health.since.map(Timestamp.format)), "reason": .string(entry.health.reason),
            "stats": stats(entry.stats),
        ]
        object["model_id"] = JSONValue(entry.key.modelId)
        return .object(object)
    }

    static func stats(_ s: HealthStats) -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .number(($0 * 1000).rounded() / 1000) } ?? .null }
        return .object([
            "count": .int(Int64(s.count)), "ok": .int(Int64(s.ok)), "errors": .int(Int64(s.errors)),
            "throttled": .int(Int64(s.throttled)), "timeouts": .int(Int64(s.timeouts)),
            "error_rate": number(s.errorRate), "throttle_rate": number(s.throttleRate),
            "p50_ms": number(s.p50), "p95_ms": number(s.p95), "p99_ms": number(s.p99),
        ])
    }

    static func ranked(_ d: RankedDestination, gates: RouteGateStates = [:]) -> JSONValue {
        let reason = d.accessState?.reason ?? "no grant is known for this region"
        return .object([
            "region": .string(d.region), "rank": .int(Int64(d.rank)), "access": .string(d.access.rawValue),
            "access_state": JSONValue(d.accessState?.rawValue), "access_reason": .string(reason),
            "health": .string(d.health.rawValue), "usable": .bool(d.usable), "reason": .string(d.reason), "stats": stats(d.stats),
            "gates": destinationGates(GateState(availability: d.access, reason: reason), gates[d.region]),
        ])
    }
}
