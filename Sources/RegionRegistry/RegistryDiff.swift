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
    /// Diffs `snapshot` against `state`. The snapshot must have passed `validate()`.
    public init(from state: RegistryState, to snapshot: Snapshot) {
        var entries: [Entry] = []
        func add(_ kind: Change.Kind, _ key: String, _ action: Change.Action,
                 _ before: [String: JSONValue]?, _ after: [String: JSONValue]?, _ mutation: Mutation) {
            entries.append(Entry(change: Change(kind: kind, key: key, action: action, before: before, after: after), mutation: mutation))
        }

        /// Regions and models: upsert what is new or different; with a complete snapshot, remove
        /// what it no longer lists.
        func diffEntities<Value>(
            _ kind: Change.Kind, current: [Value], stored: [String: Tracked<Value>], key: (Value) -> String,
            summary: (Value) -> [String: JSONValue], upsert: (Value) -> Mutation, remove: (String) -> Mutation
        ) {
            let listed = Set(current.map(key))
            for value in current.sorted(by: { key($0) < key($1) }) {
                let old = stored[key(value)]
                if let old, !old.isRemoved, old.value == value { continue }
                let wasActive = old.map { !$0.isRemoved } ?? false
                add(kind, key(value), wasActive ? .changed : .added, wasActive ? summary(old!.value) : nil, summary(value), upsert(value))
            }
            guard snapshot.scope == .complete else { return }
            for (id, old) in stored.sorted(by: { $0.key < $1.key }) where !old.isRemoved && !listed.contains(id) {
                add(kind, id, .removed, summary(old.value), nil, remove(id))
            }
        }
        diffEntities(.region, current: snapshot.regions, stored: state.regions, key: \.code, summary: \.summary,
                     upsert: Mutation.upsertRegion, remove: { .removeRegion(code: $0) })
        diffEntities(.model, current: snapshot.models, stored: state.models, key: \.id, summary: \.summary,
                     upsert: Mutation.upsertModel, remove: { .removeModel(id: $0) })

        // Profiles, then their routes (a route row needs its profile row).
        var routeEntries: [Entry] = []
        func addRoute(_ profileId: String, _ source: String, _ action: Change.Action, _ before: Route?, _ after: Route?, _ mutation: Mutation) {
            let key = Change.routeKey(profileId: profileId, sourceRegion: source)
            routeEntries.append(Entry(change: Change(kind: .route, key: key, action: action, before: before?.summary, after: after?.summary), mutation: mutation))
        }
        let snapshotProfiles = Dictionary(snapshot.profiles.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for profile in snapshot.profiles.sorted(by: { $0.id < $1.id }) {
            let old = state.profiles[profile.id]
            let wasActive = old.map { !$0.isRemoved } ?? false
            if !(wasActive && old!.value.attributesEqual(profile)) {
                add(.profile, profile.id, old.map { $0.isRemoved ? .added : .changed } ?? .added,
                    wasActive ? old!.value.summary : nil, profile.summary, .upsertProfile(profile))
            }
            let oldRoutes = Dictionary((old?.value.routes ?? []).map { ($0.sourceRegion, $0) }, uniquingKeysWith: { a, _ in a })
            for route in profile.routes {
                let before = oldRoutes[route.sourceRegion]
                if let before, before == route, wasActive { continue }
                let action: Change.Action = (before != nil && wasActive) ? .changed : .added
                addRoute(profile.id, route.sourceRegion, action, wasActive ? before : nil, route, .upsertRoute(profileId: profile.id, route))
            }
            for (source, before) in oldRoutes.sorted(by: { $0.key < $1.key })
            where profile.route(from: source) == nil && snapshot.covers(sourceRegion: source) {
                addRoute(profile.id, source, .removed, before, nil, .removeRoute(profileId: profile.id, sourceRegion: source))
            }
        }
        for (id, old) in state.profiles.sorted(by: { $0.key < $1.key }) where !old.isRemoved && snapshotProfiles[id] == nil {
            // Its routes from the regions the snapshot read are gone. When that is all of them, the
            // profile itself is marked removed (its row is kept; the log keeps the routes).
            let covered = old.value.routes.filter { snapshot.covers(sourceRegion: $0.sourceRegion) }
            if covered.count == old.value.routes.count {
                add(.profile, id, .removed, old.value.summary, nil, .removeProfile(id: id))
            }
            for route in covered {
                addRoute(id, route.sourceRegion, .removed, route, nil, .removeRoute(profileId: id, sourceRegion: route.sourceRegion))
            }
        }
        entries += routeEntries

        // AWS grants (manual grants are never touched by a refresh).
        if let grants = snapshot.awsGrants {
            var fresh: [GrantID: AccessGrant] = [:]
            for grant in grants { fresh[GrantID(key: grant.key, origin: .aws)] = grant }
            for (id, grant) in fresh.sorted(by: { $0.key < $1.key }) {
                let old = state.grants[id]
                if let old, old.sameFacts(as: grant) { continue }
                add(.grant, Change.grantKey(id.key, origin: .aws), old == nil ? .added : .changed, old?.summary, grant.summary, .upsertGrant(grant))
            }
            for (id, old) in state.grants.sorted(by: { $0.key < $1.key })
            where id.origin == .aws && fresh[id] == nil && snapshot.coversGrants(in: id.key.region) {
                add(.grant, Change.grantKey(id.key, origin: .aws), .removed, old.summary, nil, .removeGrant(id))
            }
        }

        self.init(entries: entries)
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

extension InferenceProfile {
    /// Equal apart from routes, which are diffed one by one.
    func attributesEqual(_ other: InferenceProfile) -> Bool {
        var a = self, b = other
        a.routes = []
        b.routes = []
        return a == b
    }
}
