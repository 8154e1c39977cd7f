import AccessPolicy
import RegionRegistry
import Synchronization

/// The identity policies and SCPs route answers are checked against (`access.*` settings),
/// replaced on a configuration reload.
public final class AccessPolicies: Sendable {
    private let current = Mutex((policies: ConfiguredPolicies.none, simulated: SimulatedGates?.none, generation: UInt64(0)))

    public var value: ConfiguredPolicies { current.withLock { $0.policies } }
    /// The IAM policy simulator's gates (`aws.check_principal`), nil when it is not configured.
    public var simulated: SimulatedGates? { current.withLock { $0.simulated } }
    /// Counts replacements: cached answers built under older policies are not served.
    var generation: UInt64 { current.withLock { $0.generation } }

    func replace(_ policies: ConfiguredPolicies) {
        current.withLock { $0 = (policies, $0.simulated, $0.generation + 1) }
    }

    /// A pass that decided everything as the last one did keeps the generation: cached answers
    /// stay valid instead of being rebuilt every interval.
    func replace(_ simulated: SimulatedGates?) {
        current.withLock { current in
            let alike = simulated.flatMap { new in current.simulated.map { new.decidesAlike($0) } } ?? false
            current = (current.policies, simulated, current.generation + (alike ? 0 : 1))
        }
    }

    /// Each destination's identity and SCP gates for `access`'s route: IAM's simulator's when it
    /// checks a principal and covers the route's source region, else the offline evaluation of the configured documents (unknown when
    /// none are configured).
    func gates(for access: RouteAccess, in view: RegistryView) -> RouteGateStates {
        guard let route = try? view.policyRoutes(profileIds: [access.profileId], sources: [access.sourceRegion]).first else { return [:] }
        let (policies, simulated) = current.withLock { ($0.policies, $0.simulated) }
        if let simulated, simulated.covers(route) { return simulated.gates(for: route) }
        return policies.gates(for: route, in: view)
    }
}

extension API {
    /// Checks route answers against these policies from now on (answers cached under the old
    /// ones are not served again: the policies' generation is part of their version).
    public func configure(_ policies: ConfiguredPolicies) {
        accessPolicies.replace(policies)
    }

    /// Answers the identity and SCP gates from the IAM policy simulator's latest pass (nil: go
    /// back to the offline evaluation).
    public func configure(simulated: SimulatedGates?) {
        accessPolicies.replace(simulated)
    }
}
