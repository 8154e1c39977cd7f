import RegionRegistry

/// Merges what each source region reported into one snapshot's entities. A profile listed in
/// several source regions takes its attributes from the first configured region listing it and
/// gets one route per region.
struct SnapshotBuilder {
    let directory: RegionDirectory
    /// The catalog's lifecycle dates, attached to the models the account lists.
    let lifecycles: [String: ModelLifecycle]
    private var profilesById: [String: InferenceProfile] = [:]
    private var modelsById: [String: FoundationModel] = [:]
    private var referencedRegions: Set<String> = []

    init(directory: RegionDirectory, lifecycles: [String: ModelLifecycle] = [:]) {
        self.directory = directory
        self.lifecycles = lifecycles
    }

    mutating func add(_ read: AWSSource.SourceRegionRead) {
        referencedRegions.insert(read.region)
        for summary in read.models ?? [] where modelsById[summary.modelId] == nil {
            modelsById[summary.modelId] = FoundationModel(
                id: summary.modelId, provider: summary.providerName, name: summary.modelName,
                lifecycleStatus: summary.modelLifecycle?.status, lifecycle: lifecycles[summary.modelId])
        }
        let parents = Self.systemProfilesByModelARNs(read.profiles, sourceRegion: read.region)
        for summary in read.profiles {
            let parent = ProfileRoutes.kind(of: summary) == .application ? parents[ProfileRoutes.modelARNs(of: summary)] : nil
            let seen = ProfileRoutes.profile(summary, sourceRegion: read.region, parent: parent)
            referencedRegions.formUnion(seen.routes.flatMap(\.destinationRegions))
            if var known = profilesById[seen.id] {
                if known.route(from: read.region) == nil { known.routes += seen.routes }
                profilesById[seen.id] = known
            } else {
                profilesById[seen.id] = seen
            }
        }
    }

    /// The region's system-defined profiles by their set of model ARNs: an application profile
    /// copied from one names the same ARNs. A single-region wrapper's one ARN matches none.
    private static func systemProfilesByModelARNs(_ summaries: [InferenceProfileSummary], sourceRegion: String) -> [Set<String>: InferenceProfile] {
        var parents: [Set<String>: InferenceProfile] = [:]
        for summary in summaries where ProfileRoutes.kind(of: summary) == .systemDefined {
            parents[ProfileRoutes.modelARNs(of: summary)] = ProfileRoutes.profile(summary, sourceRegion: sourceRegion, parent: nil)
        }
        return parents
    }

    /// Region → models whose access must be read there: where the routes' access is decided (a
    /// global route's at its source only, not in every commercial region).
    func neededGrants() -> [String: Set<String>] {
        var needed: [String: Set<String>] = [:]
        for profile in profilesById.values {
            for region in profile.routes.flatMap(\.accessRegions) {
                needed[region, default: []].insert(profile.modelId)
            }
        }
        return needed
    }

    func profiles() -> [InferenceProfile] {
        profilesById.values.sorted { $0.id < $1.id }
    }

    /// Listed models, plus any a profile names that no region listed (kept bare rather than
    /// dropping the profile).
    func models() -> [FoundationModel] {
        var models = modelsById
        for profile in profilesById.values where models[profile.modelId] == nil {
            models[profile.modelId] = FoundationModel(id: profile.modelId, lifecycle: lifecycles[profile.modelId])
        }
        return models.values.sorted { $0.id < $1.id }
    }

    /// Every region the catalog knows (so a complete snapshot does not mark them removed), plus
    /// any the account reported that the catalog does not.
    func regions() -> [Region] {
        var codes = Set(directory.known.map(\.code))
        codes.formUnion(referencedRegions)
        return codes.sorted().map(directory.region)
    }
}
