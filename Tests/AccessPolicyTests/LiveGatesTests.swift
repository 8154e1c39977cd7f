import AccessPolicy
import Testing

/// How IAM's simulator answers become a route's identity and SCP gates.
@Suite struct LiveGatesTests {
    static let model = "anthropic.claude-3-haiku-20240307-v1:0"
    static let principal = AccessCheck.Principal(arn: "arn:aws:iam::111122223333:role/gateway", account: nil)
    static let route = PolicyRoute(profileId: "us.\(model)", modelId: model, sourceRegion: "us-east-2", partition: "aws", application: false,
                                   global: false, modelRegions: ["us-east-1", "us-east-2"])

    func allowed(_ resource: String) -> SimulatedDecision {
        SimulatedDecision(action: "bedrock:InvokeModel", resource: resource, decision: .allowed, matchedPolicies: ["p"], allowedByOrganizations: true)
    }

    func answers(_ change: (inout [String: Result<[SimulatedDecision], SimulationFailure>]) -> Void) -> [String: (identity: GateState, scp: GateState)] {
        var answers: [String: Result<[SimulatedDecision], SimulationFailure>] = [:]
        for question in Self.route.simulationQuestions(principal: Self.principal) { answers[question.resource] = .success([allowed(question.resource)]) }
        change(&answers)
        return Self.route.liveGates(answers, principal: Self.principal)
    }

    @Test func oneQuestionPerResourceWithTheRequestsContext() {
        let questions = Self.route.simulationQuestions(principal: Self.principal)
        #expect(questions.map(\.region) == ["us-east-2", "us-east-1", "us-east-2"])
        #expect(questions[0].resource == "arn:aws:bedrock:us-east-2:111122223333:inference-profile/us.\(Self.model)")
        #expect(questions.allSatisfy { $0.context["bedrock:InferenceProfileArn"] == [questions[0].resource] })
        #expect(questions[1].context["aws:RequestedRegion"] == ["us-east-1"] && questions[1].context["aws:PrincipalAccount"] == ["111122223333"])
    }

    @Test func anSCPDenialFailsTheSCPGateAndLeavesIdentityUnknownOnlyWhereItCounts() {
        let east1 = "arn:aws:bedrock:us-east-1::foundation-model/\(Self.model)"
        let gates = answers { $0[east1] = .success([SimulatedDecision(action: "bedrock:InvokeModel", resource: east1, decision: .explicitDeny,
                                                                      matchedPolicies: ["scp-1"], allowedByOrganizations: false)]) }
        #expect(gates["us-east-1"]?.scp.state == .fail && gates["us-east-1"]?.identity.state == .unknown)
        #expect(gates["us-east-2"]?.scp.state == .pass && gates["us-east-2"]?.identity.state == .pass, "another destination's model does not count")
    }

    @Test func theProfileInTheSourceCountsEverywhere() {
        let profile = Self.route.simulationQuestions(principal: Self.principal)[0].resource
        let gates = answers { $0[profile] = .success([SimulatedDecision(action: "bedrock:InvokeModel", resource: profile, decision: .implicitDeny,
                                                                        matchedPolicies: [], allowedByOrganizations: true)]) }
        #expect(gates.values.allSatisfy { $0.identity.state == .fail && $0.scp.state == .pass })
    }

    @Test func missingKeysNoDecisionAndErrorsAreUnknownNeverAPass() {
        let east1 = "arn:aws:bedrock:us-east-1::foundation-model/\(Self.model)"
        var decided = allowed(east1)
        decided.missingContextValues = ["aws:SourceVpce"]
        let missing = answers { $0[east1] = .success([decided]) }
        #expect(missing["us-east-1"]?.identity.state == .unknown && missing["us-east-1"]?.identity.reason.contains("aws:SourceVpce") == true)
        let silent = answers { $0[east1] = .success([]) }
        #expect(silent["us-east-1"]?.identity.reason.contains("gave no decision") == true)
        let failed = answers { $0[east1] = .failure(SimulationFailure("SimulatePrincipalPolicy us-east-1: Throttling (HTTP 400)")) }
        #expect(failed["us-east-1"]?.scp.state == .unknown && failed["us-east-1"]?.scp.reason.contains("Throttling") == true)
        #expect(failed["us-east-2"]?.scp.state == .pass)
    }
}

extension LiveGatesTests {
    @Test func aPassThatDecidedTheSameIsAlikeWhateverItsTime() {
        let key = SimulatedGates.RouteKey(profileId: Self.route.profileId, sourceRegion: Self.route.sourceRegion)
        let gates = answers { _ in }
        let first = SimulatedGates(principal: "p", routes: [key: gates], checkedAt: "2026-12-02T10:00:00Z")
        var later = first
        later.checkedAt = "2026-12-02T10:15:00Z"
        #expect(later.decidesAlike(first))
        later.routes[key]?["us-east-1"]?.scp = GateState(.fail, "denied")
        #expect(!later.decidesAlike(first))
        #expect(!SimulatedGates(principal: "p", routes: [:]).decidesAlike(first))
    }
}
