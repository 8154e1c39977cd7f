import AccessPolicy
import RegionRegistry
import Synchronization

/// The identity policies and SCPs route answers are checked against (`access.*` settings),
/// replaced on a configuration reload.
public final class AccessPolicies: Sendable {
    private let current = Mutex(ConfiguredPolicies.none)

    public var value: ConfiguredPolicies { current.withLock { $0 } }

    func replace(_ policies: ConfiguredPolicies) {
        current.withLock { $0 = policies }
    }

    /// Each destination's identity and SCP gates for `access`'s route (unknown when not configured).
    func gates(for access: RouteAccess, in view: RegistryView) -> [String: (identity: GateState, scp: GateState)] {
        guard let route = try? view.policyRoutes(profileIds: [access.profileId], sources: [access.sourceRegion]).first else { return [:] }
        return value.gates(for: route, in: view)
    }
}

extension API {
    /// Checks route answers against these policies from now on (cached answers are dropped).
    public func configure(_ policies: ConfiguredPolicies) {
        accessPolicies.replace(policies)
        cache.clear()
        healthCache.clear()
    }
}
