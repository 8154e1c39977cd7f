import RegionRegistry

/// One of the three gates a request passes in a destination: model access, the caller's identity
/// policies, the organisation's SCPs.
public struct GateState: Sendable, Hashable {
    public enum State: String, Sendable { case pass, fail, unknown }
    public var state: State
    public var reason: String

    public init(_ state: State, _ reason: String) {
        self.state = state
        self.reason = reason
    }

    /// Model access from the destination's grant.
    public init(availability status: AccessGrant.Status, reason: String) {
        switch status {
        case .granted: self.init(.pass, reason)
        case .denied: self.init(.fail, reason)
        case .unknown: self.init(.unknown, reason)
        }
    }
}

/// A route's identity and SCP gates, by destination region.
public typealias RouteGateStates = [String: (identity: GateState, scp: GateState)]

/// Policies the daemon is configured with (`access.*`), evaluated offline against every route so
/// route answers say, per destination, whether identity policies and SCPs let the request through.
public struct ConfiguredPolicies: Sendable {
    public var identity: [ParsedPolicy]?
    public var scps: [[ParsedPolicy]]?
    public var account: String?
    public var principal: AccessCheck.Principal

    public init(identity: [ParsedPolicy]?, scps: [[ParsedPolicy]]?, account: String?, principal: AccessCheck.Principal) {
        self.identity = identity
        self.scps = scps
        self.account = account
        self.principal = principal
    }

    public static let none = ConfiguredPolicies(identity: nil, scps: nil, account: nil, principal: .init(arn: nil, account: nil))

    /// The identity and SCP gates in each of the route's model regions (a request there also needs
    /// the profile ARN in the source, and for a global route the region-less model: they count too).
    public func gates(for route: PolicyRoute, in view: RegistryView) -> RouteGateStates {
        let account = account ?? view.sourceAccount ?? principal.account
        let identityGates = gate(PolicySet(identity: identity, scpLevels: nil), configured: identity != nil, "access.identity_policies",
                                 route: route, account: account)
        let scpGates = gate(PolicySet(identity: nil, scpLevels: scps), configured: scps != nil, "access.scps", route: route, account: account)
        return Dictionary(uniqueKeysWithValues: route.modelRegions.map { ($0, (identityGates[$0]!, scpGates[$0]!)) })
    }

    private func gate(_ policies: PolicySet, configured: Bool, _ setting: String, route: PolicyRoute, account: String?) -> [String: GateState] {
        guard configured else { return Dictionary(uniqueKeysWithValues: route.modelRegions.map { ($0, GateState(.unknown, "not checked: \(setting) is not configured")) }) }
        guard let account else {
            return Dictionary(uniqueKeysWithValues: route.modelRegions.map { ($0, GateState(.unknown, "not checked: no account is known (set access.account)")) })
        }
        let checked = AccessCheck(policies: policies, actions: [PolicyAction.invoke.iamAction], account: account, principal: principal).check(route)
        // Requests every destination shares: the profile in the source, the region-less model.
        let shared = checked.destinations.filter { $0.isProfile || $0.region == "unspecified" }
        return Dictionary(uniqueKeysWithValues: route.modelRegions.map { region in
            let own = checked.destinations.filter { $0.region == region && !$0.isProfile }
            let worst = (own + shared).max { $0.verdict.decision < $1.verdict.decision }!
            let state: GateState.State = switch worst.verdict.decision {
            case .allowed: .pass
            case .unknown: .unknown
            case .implicitDeny, .explicitDeny: .fail
            }
            return (region, GateState(state, state == .pass ? worst.verdict.reason : "\(worst.resource): \(worst.verdict.reason)"))
        })
    }
}
