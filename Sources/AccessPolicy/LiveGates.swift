/// One question for IAM's policy simulator along a route: the request's resources in one region
/// (the profile and model ARNs in the source share one), with that request's condition keys.
public struct SimulationQuestion: Sendable, Hashable {
    /// `aws:RequestedRegion`: a destination, or `unspecified` for a global route's region-less model.
    public var region: String
    public var resources: [String]
    public var context: [String: [String]]
}

/// What IAM's simulator decided for one action on one resource.
public struct SimulatedDecision: Sendable, Hashable {
    public var action: String
    public var resource: String
    /// `allowed`, `implicit_deny` or `explicit_deny` (never `unknown`: IAM decides).
    public var decision: Verdict.Decision
    /// The policies whose statements decided it, as IAM names them.
    public var matchedPolicies: [String]
    /// false when an SCP denied; nil when IAM reported no Organizations decision (no organisation).
    public var allowedByOrganizations: Bool?

    public init(action: String, resource: String, decision: Verdict.Decision, matchedPolicies: [String], allowedByOrganizations: Bool?) {
        self.action = action
        self.resource = resource
        self.decision = decision
        self.matchedPolicies = matchedPolicies
        self.allowedByOrganizations = allowedByOrganizations
    }
}

extension PolicyRoute {
    /// What to ask IAM for this route: per requested region, the ARNs a request checks there, with
    /// `aws:RequestedRegion`, `bedrock:InferenceProfileArn` and the principal's keys.
    public func simulationQuestions(principal: AccessCheck.Principal) -> [SimulationQuestion] {
        let profileARN = profileARN(account: principal.account ?? "*")
        var resources = [sourceRegion: [profileARN]]
        for region in modelRegions { resources[region, default: []].append(BedrockARN.model(partition: partition, region: region, modelId: modelId)) }
        if global { resources["unspecified"] = [BedrockARN.regionlessModel(partition: partition, modelId: modelId)] }
        return resources.sorted { $0.key < $1.key }.map { region, arns in
            var context = ["aws:RequestedRegion": [region], "bedrock:InferenceProfileArn": [profileARN]]
            if let arn = principal.arn { context["aws:PrincipalArn"] = [arn] }
            if let account = principal.account { context["aws:PrincipalAccount"] = [account] }
            return SimulationQuestion(region: region, resources: arns, context: context)
        }
    }

    /// The identity and SCP gates in each model region from IAM's answers (or the reason a
    /// question went unanswered). A destination's request also needs the profile ARN in the source
    /// and, for a global route, the region-less model: their answers count in every destination.
    public func liveGates(_ answers: [String: Result<[SimulatedDecision], SimulationFailure>]) -> [String: (identity: GateState, scp: GateState)] {
        let profileRegion = sourceRegion, shared = global ? [sourceRegion, "unspecified"] : [sourceRegion]
        return Dictionary(uniqueKeysWithValues: modelRegions.map { region in
            var gates: [(identity: GateState, scp: GateState)] = []
            for asked in Set([region] + shared).sorted() {
                switch answers[asked] {
                case .success(let decisions):
                    // In the source region the profile ARN always counts; the model ARN only for its own destination.
                    let relevant = decisions.filter { asked == region || asked != profileRegion || $0.resource.contains("inference-profile/") }
                    gates += relevant.map(Self.gates(for:))
                case .failure(let failure):
                    let gate = GateState(.unknown, "IAM policy simulator: \(failure.reason)")
                    gates.append((gate, gate))
                case nil:
                    let gate = GateState(.unknown, "not checked yet by the IAM policy simulator")
                    gates.append((gate, gate))
                }
            }
            return (region, (GateState.worst(gates.map(\.identity)), GateState.worst(gates.map(\.scp))))
        })
    }

    static func gates(for simulated: SimulatedDecision) -> (identity: GateState, scp: GateState) {
        let what = "\(simulated.action) on \(simulated.resource)"
        let by = simulated.matchedPolicies.isEmpty ? "" : " (\(simulated.matchedPolicies.joined(separator: ", ")))"
        switch (simulated.decision, simulated.allowedByOrganizations) {
        case (.allowed, _), (.unknown, _):
            return (GateState(.pass, "IAM policy simulator: allowed\(by)"), GateState(.pass, "IAM policy simulator: allowed"))
        case (_, false?):
            return (GateState(.unknown, "not evaluated: an SCP denied \(what) first"),
                    GateState(.fail, "IAM policy simulator: \(simulated.decision.rawValue) by an SCP for \(what)\(by)"))
        case (_, let organizations):
            let scp = organizations == nil ? "IAM reported no Organizations decision (no SCP applies)" : "allowed by the organisation's SCPs"
            return (GateState(.fail, "IAM policy simulator: \(simulated.decision.rawValue) for \(what)\(by)"), GateState(.pass, scp))
        }
    }
}

/// Why IAM's simulator could not answer a question (its error, secrets never included).
public struct SimulationFailure: Error, Sendable, Hashable {
    public var reason: String
    /// IAM refused the caller (HTTP 403): every other question would be refused the same way.
    public var refusesCaller: Bool

    public init(_ reason: String, refusesCaller: Bool = false) {
        self.reason = reason
        self.refusesCaller = refusesCaller
    }
}

extension GateState {
    /// fail over unknown over pass: a gate passes only when every request it covers passes.
    static func worst(_ states: [GateState]) -> GateState {
        let rank: [State: Int] = [.pass: 0, .unknown: 1, .fail: 2]
        return states.max { rank[$0.state]! < rank[$1.state]! } ?? GateState(.unknown, "nothing was checked")
    }
}
