import RegionRegistry

extension ProfileResolver {
    /// For a model family (an id prefix such as `anthropic.claude-sonnet`): the family's models
    /// best lifecycle first (active, then legacy, then unknown, then ended), the newest id first
    /// among equals, and the first of them that resolves from the source region.
    public static func resolve(
        family: String, sourceRegion: String, geo: String?, includeApplication: Bool = false, residency: ResidencyGuard = .none,
        on day: String, view: RegistryView, health: (HealthKey) -> TrackedHealth, stats: (HealthKey) -> HealthStats
    ) throws(ResolveFailure) -> Resolution {
        let rank: (ModelLifecycle.Status?) -> Int = { status in
            switch status {
            case .active?: 0
            case .legacy?: 1
            case nil: 2
            case .eol?: 3
            }
        }
        let models = view.models.filter { !$0.isRemoved && $0.value.id.hasPrefix(family) }.map(\.value.id)
            .map { ($0, rank(view.lifecycle(ofModel: $0, on: day)?.status)) }
            .sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 > $1.0 }
        guard !models.isEmpty else { throw ResolveFailure(description: "no foundation model's id starts with \(family)") }
        var tried: [String] = []
        for (model, _) in models {
            do {
                return try resolve(model: model, sourceRegion: sourceRegion, geo: geo, includeApplication: includeApplication,
                                   residency: residency, view: view, health: health, stats: stats)
            } catch {
                tried.append(error.description)
            }
        }
        throw ResolveFailure(description: "no model of the family \(family) is served from \(sourceRegion): \(tried.joined(separator: "; "))")
    }
}
