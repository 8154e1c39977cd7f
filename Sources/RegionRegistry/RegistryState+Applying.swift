extension RegistryState {
    /// The state after the store applied `diff` at `now`: the same bookkeeping the store keeps
    /// (first seen kept, last seen moved to `now`, removed entities kept with `removedAt`), so the
    /// read model follows a commit without reading the database back.
    public func applying(_ mutations: [RegistryDiff.Mutation], at now: String) -> RegistryState {
        var state = self
        for mutation in mutations { state.apply(mutation, at: now) }
        return state
    }

    mutating func apply(_ mutation: RegistryDiff.Mutation, at now: String) {
        switch mutation {
        case .upsertRegion(let region): Self.upsert(region, key: region.code, in: &regions, at: now)
        case .removeRegion(let code): regions[code]?.removedAt = now
        case .upsertModel(let model): Self.upsert(model, key: model.id, in: &models, at: now)
        case .removeModel(let id): models[id]?.removedAt = now
        case .upsertProfile(let profile):
            // Routes arrive as mutations of their own: keep the stored ones.
            var attributes = profile
            attributes.routes = profiles[profile.id]?.value.routes ?? []
            Self.upsert(attributes, key: profile.id, in: &profiles, at: now)
        case .removeProfile(let id): profiles[id]?.removedAt = now
        case .upsertRoute(let profileId, let route):
            guard var routes = profiles[profileId]?.value.routes else { return }
            routes.removeAll { $0.sourceRegion == route.sourceRegion }
            // Sorted by source region, as the store loads them.
            routes.insert(route, at: routes.firstIndex { $0.sourceRegion > route.sourceRegion } ?? routes.endIndex)
            profiles[profileId]?.value.routes = routes
        case .removeRoute(let profileId, let sourceRegion):
            profiles[profileId]?.value.routes.removeAll { $0.sourceRegion == sourceRegion }
        case .upsertGrant(let grant): grants[GrantID(key: grant.key, origin: grant.origin)] = grant
        case .removeGrant(let id): grants[id] = nil
        }
    }

    private static func upsert<Value>(_ value: Value, key: String, in entities: inout [String: Tracked<Value>], at now: String) {
        entities[key] = Tracked(value: value, firstSeen: entities[key]?.firstSeen ?? now, lastSeen: now)
    }
}
