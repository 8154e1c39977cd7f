/// What a cached answer was built from: the read model (its change index), the access policies
/// the gates were checked against and the residency guard (their generations), and for route and resolve answers the
/// health view they ranked with. Each only grows, so the triple orders versions: an answer built
/// from older inputs never replaces a newer generation of the cache.
struct AnswerVersion: Comparable, Sendable {
    var index: Int64
    var policies: UInt64
    /// The residency guard's generation.
    var guards: UInt64
    var health: UInt64 = 0

    static func < (a: Self, b: Self) -> Bool {
        (a.index, a.policies, a.guards, a.health) < (b.index, b.policies, b.guards, b.health)
    }
}
