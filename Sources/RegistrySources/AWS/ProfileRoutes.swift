import RegionRegistry

/// Turns one source region's profile summaries into profiles with that region's route.
enum ProfileRoutes {
    struct UnusableProfile: Error, CustomStringConvertible {
        var region: String
        var profileId: String
        var reason: String
        var description: String { "ListInferenceProfiles \(region): profile \(profileId): \(reason)" }
    }

    /// Every summary must name its destinations in a readable form; one that does not makes the
    /// region's read unusable (a guessed route would be worse than the last known one).
    static func checkParsable(_ summaries: [InferenceProfileSummary], region: String) throws {
        for summary in summaries {
            if summary.inferenceProfileId.isEmpty {
                throw UnusableProfile(region: region, profileId: "(empty id)", reason: "inferenceProfileId is empty")
            }
            if summary.models.isEmpty {
                throw UnusableProfile(region: region, profileId: summary.inferenceProfileId, reason: "models[] is empty")
            }
            for model in summary.models where FoundationModelARN(model.modelArn) == nil {
                throw UnusableProfile(region: region, profileId: summary.inferenceProfileId,
                                      reason: "models[].modelArn \"\(model.modelArn)\" is not a foundation-model ARN")
            }
        }
    }

    /// The profile as seen from `sourceRegion`, its route included.
    static func profile(_ summary: InferenceProfileSummary, sourceRegion: String) -> InferenceProfile {
        let arns = summary.models.compactMap { FoundationModelARN($0.modelArn) }
        // A `global.` profile lists a region-less ARN (any commercial region AWS picks) beside the
        // source region's own: the route's scope is commercial, its list what is named explicitly.
        let scope: Route.DestinationScope = arns.contains { $0.region.isEmpty } ? .commercial : .regions
        var destinations = Set(arns.map(\.region).filter { !$0.isEmpty })
        if destinations.isEmpty { destinations.insert(sourceRegion) }
        let type = InferenceProfile.Kind(rawValue: summary.type ?? "") ?? (summary.inferenceProfileArn?.contains(":application-inference-profile/") == true
            ? .application : .systemDefined)
        let geo = type == .application ? "application" : (InferenceProfile.geoPrefix(of: summary.inferenceProfileId) ?? "unknown")
        return InferenceProfile(
            id: summary.inferenceProfileId, arn: summary.inferenceProfileArn,
            name: summary.inferenceProfileName ?? summary.inferenceProfileId, description: summary.description, type: type, geo: geo,
            modelId: arns.first?.modelId ?? summary.inferenceProfileId, status: summary.status ?? "UNKNOWN",
            createdAt: summary.createdAt?.text, updatedAt: summary.updatedAt?.text,
            routes: [Route(sourceRegion: sourceRegion, destinationRegions: Array(destinations), scope: scope)])
    }
}
