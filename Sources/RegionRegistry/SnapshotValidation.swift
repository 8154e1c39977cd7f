/// A reason a snapshot cannot be applied, with where in it the problem is.
public struct SnapshotProblem: Sendable, Hashable, CustomStringConvertible {
    /// A JSON-path-like location (`profiles[3].routes[0].destination_regions[2]`).
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

public struct InvalidSnapshot: Error, CustomStringConvertible {
    public var problems: [SnapshotProblem]
    public init(problems: [SnapshotProblem]) { self.problems = problems }
    public var description: String {
        let shown = problems.prefix(10).map(\.description).joined(separator: "; ")
        return problems.count > 10 ? "\(shown); and \(problems.count - 10) more" : shown
    }
}

extension Snapshot {
    /// Checks the invariants the store relies on; throws `InvalidSnapshot` listing every problem.
    public func validate() throws {
        var problems: [SnapshotProblem] = []
        func problem(_ path: String, _ reason: String) { problems.append(SnapshotProblem(path: path, reason: reason)) }

        var regionCodes = Set<String>()
        for (i, region) in regions.enumerated() {
            if region.code.isEmpty { problem("regions[\(i)].code", "must not be empty") }
            if !regionCodes.insert(region.code).inserted { problem("regions[\(i)].code", "duplicate region \(region.code)") }
        }
        var modelIds = Set<String>()
        for (i, model) in models.enumerated() {
            if model.id.isEmpty { problem("models[\(i)].id", "must not be empty") }
            if !modelIds.insert(model.id).inserted { problem("models[\(i)].id", "duplicate model \(model.id)") }
        }
        var profileIds = Set<String>()
        for (i, profile) in profiles.enumerated() {
            let at = "profiles[\(i)]"
            if profile.id.isEmpty { problem("\(at).id", "must not be empty") }
            if !profileIds.insert(profile.id).inserted { problem("\(at).id", "duplicate profile \(profile.id)") }
            if profile.geo.isEmpty { problem("\(at).geo", "must not be empty") }
            if !modelIds.contains(profile.modelId) { problem("\(at).model_id", "unknown model \(profile.modelId)") }
            if profile.routes.isEmpty { problem("\(at).routes", "a profile needs at least one route") }
            var sources = Set<String>()
            for (j, route) in profile.routes.enumerated() {
                let rat = "\(at).routes[\(j)]"
                if !regionCodes.contains(route.sourceRegion) { problem("\(rat).source_region", "unknown region \(route.sourceRegion)") }
                if !sources.insert(route.sourceRegion).inserted { problem("\(rat).source_region", "duplicate route from \(route.sourceRegion)") }
                if !covers(sourceRegion: route.sourceRegion) { problem("\(rat).source_region", "outside the snapshot's scope") }
                if route.destinationRegions.isEmpty { problem("\(rat).destination_regions", "a route needs at least one destination") }
                for (k, destination) in route.destinationRegions.enumerated() where !regionCodes.contains(destination) {
                    problem("\(rat).destination_regions[\(k)]", "unknown region \(destination)")
                }
            }
        }
        var grantKeys = Set<AccessGrant.Key>()
        for (i, grant) in (awsGrants ?? []).enumerated() {
            if grant.origin != .aws { problem("grants[\(i)].origin", "a source may only report aws grants") }
            if !regionCodes.contains(grant.region) { problem("grants[\(i)].region", "unknown region \(grant.region)") }
            if !grantKeys.insert(grant.key).inserted { problem("grants[\(i)]", "duplicate grant for \(grant.modelId) in \(grant.region)") }
        }
        if !problems.isEmpty { throw InvalidSnapshot(problems: problems) }
    }
}
