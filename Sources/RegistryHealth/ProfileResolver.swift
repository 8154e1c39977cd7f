import RegionRegistry

/// Picks the inference profile to call a model through from a source region.
public enum ProfileResolver {
    /// Candidates: active (not removed) system-defined profiles for `model` with a route from
    /// `sourceRegion`, of geography `geo` when given (`us`, `eu`, `global`, …). With
    /// `includeApplication`, also application profiles whose parent (the system profile they were
    /// copied from) is active; they take its geography, and the reason says whose copy they are.
    ///
    /// Choice, in order: complete access (a request can fail in any destination that lacks it);
    /// a geography profile before `global` (it keeps data in the geography); fewer unusable
    /// destinations (denied or unhealthy); then profile id, so the answer is stable.
    ///
    /// Under a residency guard, a profile whose route may run outside it is never chosen: it is
    /// listed among the alternatives (or, when no profile is left, in the failure) with where it
    /// would reach.
    public static func resolve(
        model: String, sourceRegion: String, geo: String?, includeApplication: Bool = false, residency: ResidencyGuard = .none,
        view: RegistryView, health: (HealthKey) -> TrackedHealth, stats: (HealthKey) -> HealthStats
    ) throws(ResolveFailure) -> Resolution {
        let forModel = view.profiles.filter { !$0.isRemoved && $0.value.modelId == model }.map(\.value)
            .filter { $0.type == .systemDefined || (includeApplication && parent(of: $0, in: view) != nil) }
        var refused: [Resolution.Alternative] = []
        let candidates = forModel
            .filter { geo == nil || effectiveGeo(of: $0, in: view) == geo }
            .compactMap { profile -> Candidate? in
                guard let route = profile.route(from: sourceRegion), let access = view.access(for: profile, from: sourceRegion) else { return nil }
                let residency = residency.residency(of: route, in: view)
                guard residency.resident else {
                    refused.append(.init(profileId: profile.id, reason: "refused for residency: may run in \(residency.outside.joined(separator: ", "))"))
                    return nil
                }
                return Candidate(profile: profile, parent: parent(of: profile, in: view), access: access,
                                 destinations: RouteRanking.rank(access, health: health, stats: stats))
            }
            .sorted(by: Candidate.precedes)
        guard let chosen = candidates.first else {
            if !refused.isEmpty {
                let what = geo.map { "no \($0) inference profile" } ?? "no inference profile"
                let why = refused.sorted { $0.profileId < $1.profileId }.map { "\($0.profileId) \($0.reason)" }.joined(separator: "; ")
                throw ResolveFailure(description: "\(what) serves \(model) from \(sourceRegion) within the residency guard (\(why))")
            }
            throw failure(model: model, sourceRegion: sourceRegion, geo: geo, forModel: forModel)
        }
        return Resolution(
            profile: chosen.profile, sourceRegion: sourceRegion, complete: chosen.complete,
            destinations: chosen.destinations, reason: "\(chosen.label): \(chosen.summary)",
            alternatives: candidates.dropFirst().map {
                Resolution.Alternative(profileId: $0.profile.id, reason: $0.whyNot(comparedWith: chosen))
            } + refused.sorted { $0.profileId < $1.profileId })
    }

    /// An application profile's active parent.
    static func parent(of profile: InferenceProfile, in view: RegistryView) -> InferenceProfile? {
        guard profile.type == .application, let id = profile.parentProfileId, let parent = view.profile(idOrARN: id), !parent.isRemoved
        else { return nil }
        return parent.value
    }

    /// The geography that decides: an application profile's is its parent's.
    static func effectiveGeo(of profile: InferenceProfile, in view: RegistryView) -> String {
        parent(of: profile, in: view)?.geo ?? profile.geo
    }

    /// "no inference profile serves M from R (profiles for this model route from: a, b)".
    private static func failure(model: String, sourceRegion: String, geo: String?, forModel: [InferenceProfile]) -> ResolveFailure {
        let what = geo.map { "no \($0) inference profile" } ?? "no inference profile"
        let base = "\(what) serves \(model) from \(sourceRegion)"
        if forModel.isEmpty {
            return ResolveFailure(description: "\(base) (no active inference profile for this model)")
        }
        let fromSource = forModel.filter { $0.route(from: sourceRegion) != nil }.map(\.id).sorted()
        if !fromSource.isEmpty {
            return ResolveFailure(description: "\(base) (from \(sourceRegion) it is served by: \(fromSource.joined(separator: ", ")))")
        }
        let sources = Set(forModel.filter { geo == nil || $0.geo == geo }.flatMap { $0.routes.map(\.sourceRegion) }).sorted()
        if sources.isEmpty {
            let geos = Set(forModel.map(\.geo)).sorted()
            return ResolveFailure(description: "\(base) (this model's profiles are: \(geos.joined(separator: ", ")))")
        }
        return ResolveFailure(description: "\(base) (profiles for this model route from: \(sources.joined(separator: ", ")))")
    }
}

/// One profile considered by `ProfileResolver`, with the facts its choice rests on.
private struct Candidate {
    let profile: InferenceProfile
    /// For an application profile, the system profile it copies.
    let parent: InferenceProfile?
    let access: RouteAccess
    let destinations: [RankedDestination]

    var complete: Bool { access.complete }
    var geo: String { parent?.geo ?? profile.geo }
    var isGlobal: Bool { geo == "global" }
    var unusable: [RankedDestination] { destinations.filter { !$0.usable } }
    var label: String {
        let kind = isGlobal ? "global profile" : "\(geo) geo profile"
        return parent.map { "application profile copying \($0.id) (\(kind))" } ?? kind
    }

    static func precedes(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.complete != b.complete { return a.complete }
        if a.isGlobal != b.isGlobal { return !a.isGlobal }
        if a.unusable.count != b.unusable.count { return a.unusable.count < b.unusable.count }
        // Asked for (include_application): the team's own copy, for its cost tracking.
        if (a.parent != nil) != (b.parent != nil) { return a.parent != nil }
        return a.profile.id < b.profile.id
    }

    /// "access complete in all 3 destinations", "access incomplete: denied in eu-west-3, unknown in
    /// eu-north-1", with ", 1 unhealthy (us-west-2)" when destinations are unhealthy.
    var summary: String {
        let count = destinations.count
        var text: String
        if complete {
            text = count == 1 ? "access complete in its 1 destination" : "access complete in all \(count) destinations"
        } else {
            text = "access incomplete: \(access.gaps)"
        }
        let unhealthy = destinations.filter { $0.health == .unhealthy }.map(\.region).sorted()
        if !unhealthy.isEmpty { text += ", unhealthy in \(unhealthy.joined(separator: ", "))" }
        return text
    }

    /// The first rule `chosen` won on.
    func whyNot(comparedWith chosen: Candidate) -> String {
        let prefix = "\(label): \(summary)"
        if complete != chosen.complete { return "\(prefix); \(chosen.profile.id) has complete access" }
        if isGlobal != chosen.isGlobal { return "\(prefix); \(chosen.label) preferred (keeps data in the geography)" }
        if unusable.count != chosen.unusable.count {
            return "\(prefix); \(unusable.count) unusable destinations, \(chosen.profile.id) has \(chosen.unusable.count)"
        }
        if (parent != nil) != (chosen.parent != nil) { return "\(prefix); the application profile \(chosen.profile.id) preferred" }
        return "\(prefix); equally good, \(chosen.profile.id) comes first by id"
    }
}
