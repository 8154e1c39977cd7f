/// The steps of `RegistryDiff.init(from:to:)`, one per entity kind, collecting entries in order.
struct DiffSteps {
    typealias Entry = RegistryDiff.Entry
    typealias Mutation = RegistryDiff.Mutation

    let state: RegistryState
    let snapshot: Snapshot
    var entries: [Entry] = []
    /// Route entries go after every profile entry: a route row needs its profile row.
    var routeEntries: [Entry] = []

    init(state: RegistryState, snapshot: Snapshot) {
        self.state = state
        self.snapshot = snapshot
    }

    private mutating func add(_ kind: Change.Kind, _ key: String, _ action: Change.Action,
                              _ before: [String: JSONValue]?, _ after: [String: JSONValue]?, _ mutation: Mutation) {
        entries.append(Entry(change: Change(kind: kind, key: key, action: action, before: before, after: after), mutation: mutation))
    }

    private mutating func addRoute(_ profileId: String, _ source: String, _ action: Change.Action, _ before: Route?, _ after: Route?,
                                   _ mutation: Mutation) {
        let key = Change.routeKey(profileId: profileId, sourceRegion: source)
        routeEntries.append(Entry(change: Change(kind: .route, key: key, action: action, before: before?.summary, after: after?.summary),
                                  mutation: mutation))
    }

    /// Regions and models: upsert what is new or different; when `listsAll`, remove what is no
    /// longer listed.
    /// - Parameter changeKind: the kind of a change to an active entity, when it depends on what
    ///   changed (a model whose lifecycle alone changed is a `lifecycle` change).
    mutating func entities<Value>(
        _ kind: Change.Kind, current: [Value], stored: [String: Tracked<Value>], listsAll: Bool, key: (Value) -> String,
        summary: (Value) -> [String: JSONValue], upsert: (Value) -> Mutation, remove: (String) -> Mutation,
        changeKind: (_ old: Value, _ new: Value) -> Change.Kind = { _, _ in .model }
    ) {
        let listed = Set(current.map(key))
        for value in current.sorted(by: { key($0) < key($1) }) {
            let old = stored[key(value)]
            if let old, !old.isRemoved, old.value == value { continue }
            let wasActive = old.map { !$0.isRemoved } ?? false
            add(wasActive ? changeKind(old!.value, value) : kind, key(value), wasActive ? .changed : .added, wasActive ? summary(old!.value) : nil,
                summary(value), upsert(value))
        }
        guard listsAll else { return }
        for (id, old) in stored.sorted(by: { $0.key < $1.key }) where !old.isRemoved && !listed.contains(id) {
            add(kind, id, .removed, summary(old.value), nil, remove(id))
        }
    }

    /// Each listed profile's own fields, then its routes one by one.
    mutating func profiles() {
        for profile in snapshot.profiles.sorted(by: { $0.id < $1.id }) {
            let old = state.profiles[profile.id]
            let wasActive = old.map { !$0.isRemoved } ?? false
            if !(wasActive && old!.value.attributesEqual(profile)) {
                add(.profile, profile.id, old.map { $0.isRemoved ? .added : .changed } ?? .added,
                    wasActive ? old!.value.summary : nil, profile.summary, .upsertProfile(profile))
            }
            routes(of: profile, stored: old?.value.routes ?? [], wasActive: wasActive)
        }
    }

    /// A profile's routes against the stored ones; a profile coming back from removed gets
    /// every route as added.
    private mutating func routes(of profile: InferenceProfile, stored: [Route], wasActive: Bool) {
        let before = Dictionary(stored.map { ($0.sourceRegion, $0) }, uniquingKeysWith: { a, _ in a })
        for route in profile.routes {
            let previous = before[route.sourceRegion]
            if let previous, previous == route, wasActive { continue }
            let action: Change.Action = (previous != nil && wasActive) ? .changed : .added
            addRoute(profile.id, route.sourceRegion, action, wasActive ? previous : nil, route, .upsertRoute(profileId: profile.id, route))
        }
        for (source, previous) in before.sorted(by: { $0.key < $1.key })
        where profile.route(from: source) == nil && snapshot.covers(sourceRegion: source) {
            addRoute(profile.id, source, .removed, previous, nil, .removeRoute(profileId: profile.id, sourceRegion: source))
        }
    }

    /// Stored profiles the snapshot no longer lists: their routes from the regions it read are
    /// gone. When that is all of them, the profile itself is marked removed (its row is kept;
    /// the log keeps the routes).
    mutating func vanishedProfiles() {
        let listed = Set(snapshot.profiles.map(\.id))
        for (id, old) in state.profiles.sorted(by: { $0.key < $1.key }) where !old.isRemoved && !listed.contains(id) {
            let covered = old.value.routes.filter { snapshot.covers(sourceRegion: $0.sourceRegion) }
            if covered.count == old.value.routes.count {
                add(.profile, id, .removed, old.value.summary, nil, .removeProfile(id: id))
            }
            for route in covered {
                addRoute(id, route.sourceRegion, .removed, route, nil, .removeRoute(profileId: id, sourceRegion: route.sourceRegion))
            }
        }
    }

    /// AWS grants, when the source reads them: upsert what changed, remove what the regions it
    /// read no longer report.
    mutating func grants() {
        guard let grants = snapshot.awsGrants else { return }
        var fresh: [GrantID: AccessGrant] = [:]
        for grant in grants { fresh[GrantID(key: grant.key, origin: .aws)] = grant }
        for (id, grant) in fresh.sorted(by: { $0.key < $1.key }) {
            let old = state.grants[id]
            if let old, old.sameFacts(as: grant) || grant.state == .unreadable { continue }  // a failed read never erases what was known
            add(.grant, Change.grantKey(id.key, origin: .aws), old == nil ? .added : .changed, old?.summary, grant.summary, .upsertGrant(grant))
        }
        for (id, old) in state.grants.sorted(by: { $0.key < $1.key })
        where id.origin == .aws && fresh[id] == nil && snapshot.coversGrants(in: id.key.region) {
            add(.grant, Change.grantKey(id.key, origin: .aws), .removed, old.summary, nil, .removeGrant(id))
        }
    }
}
