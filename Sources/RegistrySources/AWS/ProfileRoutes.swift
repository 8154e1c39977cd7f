import RegionRegistry

/// Turns one source region's profile summaries into profiles with that region's route.
enum ProfileRoutes {
    /// Why a summary cannot be used; its profile is skipped (and reported), the region's others apply.
    static func problem(with summary: InferenceProfileSummary) -> String? {
        if summary.inferenceProfileId.isEmpty { return "inferenceProfileId is empty" }
        if summary.models.isEmpty { return "models[] is empty" }
        if let bad = summary.models.first(where: { FoundationModelARN($0.modelArn) == nil }) {
            return "models[].modelArn \"\(bad.modelArn)\" is not a foundation-model ARN"
        }
        return nil
    }

    /// The usable profiles of a region's listing, and the skipped entries with why.
    static func usable(_ listed: [Decoded<InferenceProfileSummary>]) -> ([InferenceProfileSummary], [RegionReport.SkippedItem]) {
        var usable: [InferenceProfileSummary] = []
        var skipped: [RegionReport.SkippedItem] = []
        for (index, entry) in listed.enumerated() {
            switch entry {
            case .unreadable(let id, let reason):
                skipped.append(.init(item: id.map { "profile \($0)" } ?? "inferenceProfileSummaries[\(index)]", reason: reason))
            case .value(let summary):
                if let reason = problem(with: summary) {
                    skipped.append(.init(item: "profile \(summary.inferenceProfileId.isEmpty ? "[\(index)]" : summary.inferenceProfileId)",
                                         reason: reason))
                } else {
                    usable.append(summary)
                }
            }
        }
        return (usable, skipped)
    }

    /// The profile as seen from `sourceRegion`, its route included. `parent`: for an application
    /// profile, the system-defined one listed there with the same model ARNs.
    static func profile(_ summary: InferenceProfileSummary, sourceRegion: String, parent: InferenceProfile?) -> InferenceProfile {
        let arns = summary.models.compactMap { FoundationModelARN($0.modelArn) }
        // A `global.` profile lists a region-less ARN (any commercial region AWS picks) beside the
        // source region's own: the route's scope is commercial, its list what is named explicitly.
        let scope: Route.DestinationScope = arns.contains { $0.region.isEmpty } ? .commercial : .regions
        var destinations = Set(arns.map(\.region).filter { !$0.isEmpty })
        if destinations.isEmpty { destinations.insert(sourceRegion) }
        let type = kind(of: summary)
        return InferenceProfile(
            id: summary.inferenceProfileId, arn: summary.inferenceProfileArn,
            name: summary.inferenceProfileName ?? summary.inferenceProfileId, description: summary.description, type: type,
            geo: type == .application ? applicationGeo(parent: parent) : (InferenceProfile.geoPrefix(of: summary.inferenceProfileId) ?? "unknown"),
            modelId: arns.first?.modelId ?? summary.inferenceProfileId, status: summary.status ?? "UNKNOWN",
            createdAt: summary.createdAt?.text, updatedAt: summary.updatedAt?.text,
            routes: [Route(sourceRegion: sourceRegion, destinationRegions: Array(destinations), scope: scope)],
            parentProfileId: parent?.id)
    }

    static func kind(of summary: InferenceProfileSummary) -> InferenceProfile.Kind {
        InferenceProfile.Kind(rawValue: summary.type ?? "")
            ?? (summary.inferenceProfileArn?.contains(":application-inference-profile/") == true ? .application : .systemDefined)
    }

    /// A copy of a geography profile has its geography; a single-region wrapper, or a copy of a
    /// global profile (any commercial region), claims none.
    static func applicationGeo(parent: InferenceProfile?) -> String {
        guard let parent, parent.geo != "global" else { return "application" }
        return parent.geo
    }

    /// The set of model ARNs a summary names, to match an application profile with its parent.
    static func modelARNs(of summary: InferenceProfileSummary) -> Set<String> {
        Set(summary.models.map(\.modelArn))
    }
}
