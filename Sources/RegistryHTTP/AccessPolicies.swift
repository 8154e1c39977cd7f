import AccessPolicy
import RegionRegistry
import Synchronization

/// The identity policies and SCPs route answers are checked against (`access.*` settings),
/// replaced on a configuration reload.
public final class AccessPolicies: Sendable {
    private let current = Mutex((policies: ConfiguredPolicies.none, generation: UInt64(0)))

    public var value: ConfiguredPolicies { current.withLock { $0.policies } }
    /// Counts replacements: cached answers built under older policies are not served.
    var generation: UInt64 { current.withLock { $0.generation } }

    func replace(_ policies: ConfiguredPolicies) {
        current.withLock { $0 = (policies, $0.generation + 1) }
    }

    /// Each destination's identity and SCP gates for `access`'s route (unknown when not configured).
    func gates(for access: RouteAccess, in view: RegistryView) -> RouteGateStates {
        guard let route = try? view.policyRoutes(profileIds: [access.profileId], sources: [access.sourceRegion]).first else { return [:] }
        return value.gates(for: route, in: view)
    }
}

extension API {
    /// Checks route answers against these policies from now on (answers cached under the old
    /// ones are not served again: the policies' generation is part of their version).
    public func configure(_ policies: ConfiguredPolicies) {
        accessPolicies.replace(policies)
    }
}
