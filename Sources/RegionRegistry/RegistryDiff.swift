/// What must change in the store to make it say what a snapshot says, one entry per entity, each
/// with the change-log entry that records it. Computed purely; the store applies it in one
/// transaction, in the order given (regions and models before the profiles that name them).
public struct RegistryDiff: Sendable, Hashable {
    public enum Mutation: Sendable, Hashable {
        case upsertRegion(Region)
        case removeRegion(code: String)
        case upsertModel(FoundationModel)
        case removeModel(id: String)
        /// The profile's own fields; its routes come as separate mutations.
        case upsertProfile(InferenceProfile)
        case removeProfile(id: String)
        case upsertRoute(profileId: String, Route)
        case removeRoute(profileId: String, sourceRegion: String)
        case upsertGrant(AccessGrant)
        case removeGrant(GrantID)
    }

    public struct Entry: Sendable, Hashable {
        public var change: Change
        public var mutation: Mutation
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public var isEmpty: Bool { entries.isEmpty }
    public var changes: [Change] { entries.map(\.change) }

    public func count(of action: Change.Action) -> Int {
        entries.count { $0.change.action == action }
    }
}

extension RegistryDiff {
    /// Diffs `snapshot` against `state`. The snapshot must have passed `validate()`. Regions and
    /// models come first, then profiles, then their routes (a route row needs its profile row),
    /// then AWS grants (manual grants are never touched by a refresh).
    public init(from state: RegistryState, to snapshot: Snapshot) {
        var steps = DiffSteps(state: state, snapshot: snapshot)
        steps.entities(.region, current: snapshot.regions, stored: state.regions, listsAll: snapshot.scope == .complete,
                       key: \.code, summary: \.summary,
                       upsert: Mutation.upsertRegion, remove: { .removeRegion(code: $0) }, changeKind: { _, _ in .region })
        steps.entities(.model, current: snapshot.models, stored: state.models, listsAll: snapshot.modelScope == .complete,
                       key: \.id, summary: \.summary,
                       upsert: Mutation.upsertModel, remove: { .removeModel(id: $0) }, changeKind: FoundationModel.changeKind)
        steps.profiles()
        steps.vanishedProfiles()
        steps.entries += steps.routeEntries
        steps.grants()
        self.init(entries: steps.entries)
    }
}

extension Snapshot {
    /// Grants are read in destination regions; a partial snapshot speaks for the regions it read.
    func coversGrants(in region: String) -> Bool {
        switch grantScope {
        case .complete: true
        case .sourceRegions(let regions): regions.contains(region)
        }
    }
}

extension FoundationModel {
    /// A model whose status or lifecycle dates alone changed is a `lifecycle` change (watchers of
    /// models on their way out look for those); anything else is a `model` change.
    static func changeKind(_ old: FoundationModel, _ new: FoundationModel) -> Change.Kind {
        var a = old, b = new
        (a.lifecycleStatus, a.lifecycle, b.lifecycleStatus, b.lifecycle) = (nil, nil, nil, nil)
        return a == b ? .lifecycle : .model
    }
}

extension InferenceProfile {
    /// Equal apart from routes, which are diffed one by one.
    func attributesEqual(_ other: InferenceProfile) -> Bool {
        var a = self, b = other
        a.routes = []
        b.routes = []
        return a == b
    }
}
