import RegionRegistry
import Synchronization

/// The residency guard route answers are judged under (`guard.*` settings), replaced on a
/// configuration reload; a request narrows it with `?within=` and `?geography=`.
public final class ResidencyGuards: Sendable {
    private let current = Mutex((guard: ResidencyGuard.none, generation: UInt64(0)))

    public var value: ResidencyGuard { current.withLock { $0.guard } }
    /// Counts replacements: cached answers built under an older guard are not served.
    var generation: UInt64 { current.withLock { $0.generation } }

    func replace(_ guard: ResidencyGuard) {
        current.withLock { $0 = (`guard`, $0.generation + 1) }
    }

    /// The configured guard narrowed by the request's `within` (region codes) and `geography`
    /// (geographies), each comma-separated or repeated; a value the registry does not know is a 400.
    func guardFor(_ query: QueryParameters, in view: RegistryView) throws -> ResidencyGuard {
        let within = try query.list("within"), geographies = try query.list("geography")
        if let unknown = within.first(where: { view.region($0) == nil }) {
            throw APIError.invalidParameter("within", "unknown region \(unknown)")
        }
        let known = Set(view.regions.filter { !$0.isRemoved }.map { $0.value.geography.lowercased() })
        if let unknown = geographies.first(where: { !known.contains($0.lowercased()) }) {
            let names = Set(view.regions.map(\.value.geography)).sorted().joined(separator: ", ")
            throw APIError.invalidParameter("geography", "unknown geography \(unknown) (known: \(names))")
        }
        return value.narrowed(regions: within.isEmpty ? nil : within, geographies: geographies.isEmpty ? nil : geographies)
    }
}

extension API {
    /// Judges route answers' residency under `guard` from now on (cached answers built under the
    /// old guard are not served again).
    public func configure(residency guard: ResidencyGuard) {
        residencyGuards.replace(`guard`)
    }
}

extension Representation {
    static func residency(_ r: Residency) -> JSONValue {
        .object(["resident": .bool(r.resident), "outside": JSONValue(r.outside)])
    }
}
