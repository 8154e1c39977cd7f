/// One question for IAM's policy simulator along a route: one resource a request checks, with
/// that request's condition keys. One resource per question: IAM reports whether the
/// organisation's SCPs allowed per action, not per resource, so a question with two resources
/// could not say which one an SCP denied.
public struct SimulationQuestion: Sendable, Hashable {
    /// `aws:RequestedRegion`: a destination, or `unspecified` for a global route's region-less model.
    public var region: String
    public var resource: String
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
    /// Condition keys the policies use that the question did not give: IAM's decision then
    /// assumed them absent, which real requests may not be.
    public var missingContextValues: [String]

    public init(action: String, resource: String, decision: Verdict.Decision, matchedPolicies: [String], allowedByOrganizations: Bool?,
                missingContextValues: [String] = []) {
        self.action = action
        self.resource = resource
        self.decision = decision
        self.matchedPolicies = matchedPolicies
        self.allowedByOrganizations = allowedByOrganizations
        self.missingContextValues = missingContextValues
    }
}

extension PolicyRoute {
    /// What to ask IAM for this route: each ARN a request checks (the profile in the source, the
    /// model in each destination, a global route's region-less model), with `aws:RequestedRegion`,
    /// `bedrock:InferenceProfileArn` and the principal's keys.
    public func simulationQuestions(principal: AccessCheck.Principal) -> [SimulationQuestion] {
        let profileARN = profileARN(account: principal.account ?? "*")
        var asked = [(sourceRegion, profileARN)]
        asked += modelRegions.map { ($0, BedrockARN.model(partition: partition, region: $0, modelId: modelId)) }
        if global { asked.append(("unspecified", BedrockARN.regionlessModel(partition: partition, modelId: modelId))) }
        return asked.map { region, resource in
            var context = ["aws:RequestedRegion": [region], "bedrock:InferenceProfileArn": [profileARN]]
            if let arn = principal.arn { context["aws:PrincipalArn"] = [arn] }
            if let account = principal.account { context["aws:PrincipalAccount"] = [account] }
            return SimulationQuestion(region: region, resource: resource, context: context)
        }
    }

    /// The identity and SCP gates in each model region from IAM's answers, by resource (or the
    /// reason a question went unanswered). A destination's request also needs the profile ARN in
    /// the source and, for a global route, the region-less model: their answers count in every
    /// destination. Every asked resource needs a decision; one IAM did not give is `unknown`.
    public func liveGates(_ answers: [String: Result<[SimulatedDecision], SimulationFailure>],
                          principal: AccessCheck.Principal) -> [String: (identity: GateState, scp: GateState)] {
        let questions = simulationQuestions(principal: principal)
        let shared = questions.filter { $0.region == "unspecified" || $0.resource.contains("inference-profile/") }
        return Dictionary(uniqueKeysWithValues: modelRegions.map { region in
            let own = questions.filter { $0.region == region && !$0.resource.contains("inference-profile/") }
            let gates = (own + shared).map { question -> (identity: GateState, scp: GateState) in
                let unknown = { (why: String) in (GateState(.unknown, why), GateState(.unknown, why)) }
                switch answers[question.resource] {
                case .success(let decisions):
                    let mine = decisions.filter { $0.resource == question.resource }
                    guard !mine.isEmpty else { return unknown("IAM policy simulator gave no decision for \(question.resource)") }
                    let each = mine.map(Self.gates(for:))
                    return (GateState.worst(each.map(\.identity)), GateState.worst(each.map(\.scp)))
                case .failure(let failure): return unknown("IAM policy simulator: \(failure.reason)")
                case nil: return unknown("not checked yet by the IAM policy simulator")
                }
            }
            return (region, (GateState.worst(gates.map(\.identity)), GateState.worst(gates.map(\.scp))))
        })
    }

    static func gates(for simulated: SimulatedDecision) -> (identity: GateState, scp: GateState) {
        let what = "\(simulated.action) on \(simulated.resource)"
        let by = simulated.matchedPolicies.isEmpty ? "" : " (\(simulated.matchedPolicies.joined(separator: ", ")))"
        if !simulated.missingContextValues.isEmpty {
            let why = "IAM policy simulator: \(what) depends on keys regiond cannot give (\(simulated.missingContextValues.joined(separator: ", ")))"
            return (GateState(.unknown, why), GateState(.unknown, why))
        }
        switch (simulated.decision, simulated.allowedByOrganizations) {
        case (.unknown, _):
            return (GateState(.unknown, "IAM policy simulator: undecided for \(what)"), GateState(.unknown, "IAM policy simulator: undecided for \(what)"))
        case (.allowed, _):
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
    /// IAM refused the caller (HTTP 403) or does not know the principal (404): every other
    /// question would get the same answer, so the pass stops asking.
    public var stopsPass: Bool

    public init(_ reason: String, stopsPass: Bool = false) {
        self.reason = reason
        self.stopsPass = stopsPass
    }
}

extension GateState {
    /// fail over unknown over pass: a gate passes only when every request it covers passes.
    static func worst(_ states: [GateState]) -> GateState {
        let rank: [State: Int] = [.pass: 0, .unknown: 1, .fail: 2]
        return states.max { rank[$0.state]! < rank[$1.state]! } ?? GateState(.unknown, "nothing was checked")
    }
}
