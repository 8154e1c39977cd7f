import AccessPolicy
import RegionRegistry

/// The API's JSON shapes (documented in openapi.json), built from domain values. Every field is
/// always present: absent values are `null`, never omitted.
public enum Representation {
    public static func region(_ t: Tracked<Region>) -> JSONValue {
        let r = t.value
        return .object([
            "code": .string(r.code), "name": .string(r.name), "geography": .string(r.geography),
            "partition": .string(r.partition), "opt_in": JSONValue(r.optIn), "bedrock_endpoint": JSONValue(r.bedrockEndpoint),
            "first_seen": .string(t.firstSeen), "last_seen": .string(t.lastSeen), "removed_at": JSONValue(t.removedAt),
        ])
    }

    /// A `.commercial` route's `destination_regions` lists every commercial region the view
    /// knows, so clients reading the list see where a request may run.
    /// With `routesFrom`, only the route from that source region. Each route's residency is
    /// judged under `residency`.
    public static func profile(_ t: Tracked<InferenceProfile>, in view: RegistryView, routesFrom source: String? = nil,
                               residency: ResidencyGuard = .none, day: String = ModelLifecycle.today()) -> JSONValue {
        let p = t.value
        let routes = source.map { source in p.routes.filter { $0.sourceRegion == source } } ?? p.routes
        return .object([
            "id": .string(p.id), "arn": JSONValue(p.arn), "name": .string(p.name), "description": JSONValue(p.description),
            "type": .string(p.type.rawValue), "geo": .string(p.geo), "model_id": .string(p.modelId),
            "status": .string(p.status), "created_at": JSONValue(p.createdAt), "updated_at": JSONValue(p.updatedAt),
            "first_seen": .string(t.firstSeen), "last_seen": .string(t.lastSeen), "removed_at": JSONValue(t.removedAt),
            "routes": .array(routes.map { route($0, in: view, residency: residency) }), "notes": JSONValue(p.notes),
            "parent_profile_id": JSONValue(p.parentProfileId),
            "lifecycle": lifecycle(view.lifecycle(ofModel: p.modelId, on: day), on: day),
        ])
    }

    /// A model's lifecycle on `day`, with the days left to its end of life; null when unknown.
    public static func lifecycle(_ l: ModelLifecycle?, on day: String) -> JSONValue {
        guard let l else { return .null }
        var fields = l.summary
        fields["days_to_end_of_life"] = l.daysToEndOfLife(from: day).map { .int(Int64($0)) } ?? .null
        return .object(fields)
    }

    public static func route(_ r: Route, in view: RegistryView, residency: ResidencyGuard = .none) -> JSONValue {
        .object([
            "residency": Self.residency(residency.residency(of: r, in: view)),
            "source_region": .string(r.sourceRegion), "destination_regions": JSONValue(view.destinations(of: r)),
            "destination_scope": .string(r.scope.rawValue), "confidence": JSONValue(r.confidence), "evidence": JSONValue(r.evidence),
        ])
    }

    public static func grant(_ g: AccessGrant) -> JSONValue {
        .object([
            "model_id": .string(g.modelId), "region": .string(g.region), "origin": .string(g.origin.rawValue),
            "status": .string(g.status.rawValue), "state": .string(g.state.rawValue), "reason": .string(g.state.reason),
            "authorization_status": JSONValue(g.authorizationStatus),
            "entitlement_availability": JSONValue(g.entitlementAvailability),
            "region_availability": JSONValue(g.regionAvailability), "agreement_status": JSONValue(g.agreementStatus),
            "note": JSONValue(g.note), "checked_at": .string(g.checkedAt),
        ])
    }

    /// - Parameter gates: each destination's identity and SCP gates; a destination missing here
    ///   has them `unknown` (not checked).
    /// - Parameter residency: the route's residency under the guard in force.
    public static func routeAccess(_ a: RouteAccess, gates: RouteGateStates = [:],
                                   residency: Residency = Residency(resident: true, outside: []), lifecycle: JSONValue = .null) -> JSONValue {
        .object([
            "residency": Self.residency(residency), "lifecycle": lifecycle,
            "profile_id": .string(a.profileId), "model_id": .string(a.modelId), "source_region": .string(a.sourceRegion),
            "destination_scope": .string(a.scope.rawValue), "notes": JSONValue(a.notes),
            "complete": .bool(a.complete), "missing": JSONValue(a.missing), "allowed": .bool(a.complete && !blocked(gates)),
            "destinations": .array(a.destinations.map { d in
                let reason = d.grant?.state.reason ?? "no grant is known for this region"
                return .object([
                    "gates": destinationGates(GateState(availability: d.status, reason: reason), gates[d.region]),
                    "region": .string(d.region), "status": .string(d.status.rawValue),
                    "state": JSONValue(d.grant?.state.rawValue), "reason": .string(reason),
                    "origin": JSONValue(d.grant?.origin.rawValue),
                    "authorization_status": JSONValue(d.grant?.authorizationStatus),
                    "entitlement_availability": JSONValue(d.grant?.entitlementAvailability),
                    "region_availability": JSONValue(d.grant?.regionAvailability),
                    "agreement_status": JSONValue(d.grant?.agreementStatus),
                    "note": JSONValue(d.grant?.note), "checked_at": JSONValue(d.grant?.checkedAt),
                ])
            }),
        ])
    }

    /// A destination's three gates; identity and SCP are `unknown` when not checked.
    static func destinationGates(_ availability: GateState, _ policies: (identity: GateState, scp: GateState)?) -> JSONValue {
        let unchecked = GateState(.unknown, "not checked: no identity policies or SCPs are configured (access.*)")
        func gate(_ g: GateState) -> JSONValue { .object(["state": .string(g.state.rawValue), "reason": .string(g.reason)]) }
        return .object(["availability": gate(availability), "identity": gate(policies?.identity ?? unchecked),
                        "scp": gate(policies?.scp ?? unchecked)])
    }

    /// Whether a known identity or SCP gate fails in some destination (unknown ones do not count).
    static func blocked(_ gates: RouteGateStates) -> Bool {
        gates.values.contains { $0.identity.state == .fail || $0.scp.state == .fail }
    }

    public static func change(_ c: LoggedChange) -> JSONValue {
        .object([
            "index": .int(c.index), "at": .string(c.at), "kind": .string(c.change.kind.rawValue),
            "key": .string(c.change.key), "action": .string(c.change.action.rawValue),
            "before": c.change.before.map(JSONValue.object) ?? .null, "after": c.change.after.map(JSONValue.object) ?? .null,
        ])
    }

    public static func run(_ r: RefreshRun) -> JSONValue {
        .object([
            "id": .int(r.id), "source": .string(r.source), "trigger": .string(r.trigger.rawValue),
            "started_at": .string(r.startedAt), "finished_at": JSONValue(r.finishedAt), "outcome": .string(r.outcome.rawValue),
            "error": JSONValue(r.error), "added": .int(Int64(r.added)), "changed": .int(Int64(r.changed)),
            "removed": .int(Int64(r.removed)), "index": JSONValue(r.index),
            "regions": .array(r.regions.map(regionReport)),
        ])
    }

    public static func regionReport(_ r: RegionReport) -> JSONValue {
        .object([
            "region": .string(r.region), "part": .string(r.part.rawValue), "outcome": .string(r.outcome.rawValue),
            "skipped": .array(r.skipped.map { .object(["item": .string($0.item), "reason": .string($0.reason)]) }),
            "error": JSONValue(r.error), "requests": .int(Int64(r.requests)), "retries": .int(Int64(r.retries)),
            "throttled": .int(Int64(r.throttled)), "duration_ms": .int(Int64(r.durationMilliseconds)),
        ])
    }
}
