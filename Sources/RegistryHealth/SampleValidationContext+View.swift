import Foundation
import RegionRegistry

extension SampleValidationContext {
    /// The registry's regions, models and profiles as known to `view`. Removed entries stay known:
    /// samples from just before a refresh removed something are still true observations.
    public init(view: RegistryView, acceptUnknown: Bool = false, now: Date) {
        var models = Set(view.state.models.keys)
        var profileModels: [String: String] = [:]
        for profile in view.profiles {
            profileModels[profile.value.id] = profile.value.modelId
            models.insert(profile.value.modelId)
        }
        self.init(knownRegions: Set(view.state.regions.keys), knownModels: models,
                  profileModels: profileModels, acceptUnknown: acceptUnknown, now: now)
        routeDestinations = { profile, source in view.state.profiles[profile]?.value.route(from: source)?.destinationRegions }
    }
}
