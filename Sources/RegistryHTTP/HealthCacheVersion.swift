/// What a route or resolve answer depends on: the read model (its change index) and the health
/// view it ranked with. Both only grow, so the pair orders versions.
struct HealthCacheVersion: Comparable, Sendable {
    var index: Int64
    var generation: UInt64

    static func < (a: Self, b: Self) -> Bool {
        (a.index, a.generation) < (b.index, b.generation)
    }
}
