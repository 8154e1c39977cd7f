/// Where requests may be processed (`guard.regions`, `guard.geographies`): a destination region
/// is allowed when it meets every constraint given. A request may narrow the guard (each
/// constraint intersected with its own), never widen it.
public struct ResidencyGuard: Sendable, Hashable {
    /// Allowed destination regions; nil: no constraint on region codes.
    public var regions: Set<String>?
    /// Allowed geographies as the region registry names them (`Europe`), compared ignoring case;
    /// nil: no constraint on geographies.
    public var geographies: Set<String>?

    public init(regions: Set<String>?, geographies: Set<String>?) {
        self.regions = regions
        self.geographies = geographies.map { Set($0.map { $0.lowercased() }) }
    }

    public static let none = ResidencyGuard(regions: nil, geographies: nil)

    /// Whether any constraint is in force (without one every route is resident).
    public var isSet: Bool { regions != nil || geographies != nil }

    /// This guard with a request's own constraints added.
    public func narrowed(regions: [String]?, geographies: [String]?) -> ResidencyGuard {
        func both<T>(_ a: Set<T>?, _ b: Set<T>?) -> Set<T>? { a.map { a in b.map(a.intersection) ?? a } ?? b }
        return ResidencyGuard(regions: both(self.regions, regions.map(Set.init)),
                              geographies: both(self.geographies, geographies.map { Set($0.map { $0.lowercased() }) }))
    }

    public func allows(_ region: String, in view: RegistryView) -> Bool {
        if let regions, !regions.contains(region) { return false }
        if let geographies {
            guard let geography = view.region(region)?.value.geography, geographies.contains(geography.lowercased()) else { return false }
        }
        return true
    }

    /// Where the route may run outside the guard: its destinations, or for a global route every
    /// commercial region of the partition (resident only when the guard allows them all).
    public func residency(of route: Route, in view: RegistryView) -> Residency {
        let outside = isSet ? view.destinations(of: route).filter { !allows($0, in: view) } : []
        return Residency(resident: outside.isEmpty, outside: outside)
    }

    /// The residency of the route `access` describes.
    public func residency(of access: RouteAccess, in view: RegistryView) -> Residency {
        guard let route = view.profile(idOrARN: access.profileId)?.value.route(from: access.sourceRegion) else {
            return Residency(resident: !isSet, outside: [])
        }
        return residency(of: route, in: view)
    }
}

/// Whether a route stays inside the residency guard, and the regions it may reach outside it.
public struct Residency: Sendable, Hashable {
    public var resident: Bool
    /// Sorted region codes.
    public var outside: [String]

    public init(resident: Bool, outside: [String]) {
        self.resident = resident
        self.outside = outside
    }
}

/// A region or geography a narrowing names that the registry does not know.
public struct UnknownGuardName: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable { case region, geography }
    public var kind: Kind
    public var description: String
}

extension RegistryView {
    /// `guard` narrowed by regions and geographies a person named (nil: not narrowed), each
    /// checked against the registry: a typo must not quietly make every route non-resident.
    public func narrowing(_ guard: ResidencyGuard, within regions: [String]?, geographies: [String]?) throws(UnknownGuardName) -> ResidencyGuard {
        if let unknown = regions?.first(where: { region($0) == nil }) {
            throw UnknownGuardName(kind: .region, description: "unknown region \(unknown)")
        }
        let known = Set(self.regions.filter { !$0.isRemoved }.map { $0.value.geography.lowercased() })
        if let unknown = geographies?.first(where: { !known.contains($0.lowercased()) }) {
            let names = Set(self.regions.map(\.value.geography)).sorted().joined(separator: ", ")
            throw UnknownGuardName(kind: .geography, description: "unknown geography \(unknown) (known: \(names))")
        }
        return `guard`.narrowed(regions: regions, geographies: geographies)
    }
}
