/// Models as the API shows them: their lifecycle, where they are offered, which profiles serve them.
extension RegistryView {
    public var models: [Tracked<FoundationModel>] { state.models.values.sorted { $0.value.id < $1.value.id } }

    public func model(_ id: String) -> Tracked<FoundationModel>? { state.models[id] }

    /// The lifecycle of model `id` on `day` (`YYYY-MM-DD`); nil when nothing is known.
    public func lifecycle(ofModel id: String, on day: String) -> ModelLifecycle? {
        state.models[id]?.value.lifecycle(on: day)
    }

    /// Per source region, the active profiles that serve model `id` from it (all sources, or one).
    public func servingProfiles(model id: String, from source: String? = nil) -> [String: [String]] {
        var bySource: [String: [String]] = [:]
        for profile in profiles where !profile.isRemoved && profile.value.modelId == id {
            for route in profile.value.routes where source == nil || route.sourceRegion == source {
                bySource[route.sourceRegion, default: []].append(profile.value.id)
            }
        }
        return bySource
    }

    /// Regions that offer model `id` in-region: AWS's published list, and regions whose read
    /// grant says the model is available there.
    public func inRegion(model id: String) -> [String] {
        var regions = Set(state.models[id]?.value.lifecycle?.regions ?? [])
        for grant in grants where grant.modelId == id && grant.origin == .aws && grant.regionAvailability == "AVAILABLE" {
            regions.insert(grant.region)
        }
        return regions.sorted()
    }

    /// Routes whose model is in one of `statuses` on `day`; asking for `legacy` also finds models
    /// within `warningDays` of their end of life.
    public func lifecycleAudit(geo: String?, sourceRegion: String?, statuses: Set<ModelLifecycle.Status>, warningDays: Int,
                               on day: String) -> [RouteAccess] {
        routeAccess(geo: geo, sourceRegion: sourceRegion).filter { access in
            guard let lifecycle = lifecycle(ofModel: access.modelId, on: day) else { return false }
            if statuses.contains(lifecycle.status) { return true }
            guard statuses.contains(.legacy), let days = lifecycle.daysToEndOfLife(from: day) else { return false }
            return days <= warningDays
        }
    }
}
