extension IAMPolicySimulator {
    /// One page of `SimulatePrincipalPolicyResult`. IAM now answers one `EvaluationResult` per
    /// action, the per-resource decisions in `ResourceSpecificResults`; older answers had one
    /// result per (action, resource). Both are read.
    static func page(_ body: [UInt8], operation: String) throws -> (answers: [Answer], marker: String?) {
        guard let document = try? AWSXMLElement.parse(body), document.name == "SimulatePrincipalPolicyResponse",
              let result = document.child("SimulatePrincipalPolicyResult") else {
            throw AWSSimulationError("\(operation): IAM answered with something other than a SimulatePrincipalPolicyResponse")
        }
        var answers: [Answer] = []
        for evaluation in result.child("EvaluationResults")?.members ?? [] {
            guard let action = evaluation.child("EvalActionName")?.text.nonEmptyText,
                  let decision = evaluation.child("EvalDecision").flatMap({ Answer.Decision(rawValue: $0.text) }) else {
                throw AWSSimulationError("\(operation): an evaluation result without EvalActionName or a known EvalDecision")
            }
            let organizations = evaluation.descendant("OrganizationsDecisionDetail", "AllowedByOrganizations").map { $0.text == "true" }
            let missing = (evaluation.child("MissingContextValues")?.members ?? []).map(\.text)
            let matched = policies(in: evaluation)
            let specific = evaluation.child("ResourceSpecificResults")?.members ?? []
            if specific.isEmpty {
                answers.append(Answer(action: action, resource: evaluation.child("EvalResourceName")?.text ?? "*", decision: decision,
                                      matchedPolicies: matched, allowedByOrganizations: organizations, missingContextValues: missing))
            }
            for member in specific {
                guard let resource = member.child("EvalResourceName")?.text.nonEmptyText,
                      let own = member.child("EvalResourceDecision").flatMap({ Answer.Decision(rawValue: $0.text) }) else {
                    throw AWSSimulationError("\(operation): a resource-specific result without EvalResourceName or a known decision")
                }
                // With resources given, IAM lists each one's missing keys with it, not with the action.
                let ownMatched = policies(in: member), ownMissing = (member.child("MissingContextValues")?.members ?? []).map(\.text)
                answers.append(Answer(action: action, resource: resource, decision: own, matchedPolicies: ownMatched.isEmpty ? matched : ownMatched,
                                      allowedByOrganizations: organizations, missingContextValues: ownMissing + missing))
            }
        }
        let truncated = result.child("IsTruncated")?.text == "true"
        return (answers, truncated ? result.child("Marker")?.text.nonEmptyText : nil)
    }

    private static func policies(in element: AWSXMLElement) -> [String] {
        (element.child("MatchedStatements")?.members ?? []).compactMap {
            ($0.child("SourcePolicyId")?.text.nonEmptyText ?? $0.child("SourcePolicyType")?.text.nonEmptyText).map { String($0.prefix(200)) }
        }
    }
}

extension AWSXMLElement {
    /// A Query-protocol list's items.
    var members: [AWSXMLElement] { children.filter { $0.name == "member" } }
}
