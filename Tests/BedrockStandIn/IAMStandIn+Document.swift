extension IAMStandIn {
    /// IAM's answer: per action the most restrictive decision over the resources, and each
    /// resource's own in `ResourceSpecificResults`.
    static func document(_ results: [(action: String, resources: [(resource: String, outcome: ReferenceIAM.Outcome)])]) -> String {
        let rank: [ReferenceIAM.Decision: Int] = [.allowed: 0, .implicitDeny: 1, .explicitDeny: 2]
        let members = results.map { action, resources in
            let worst = resources.map(\.outcome).max { rank[$0.decision]! < rank[$1.decision]! }
            let organizations = resources.compactMap(\.outcome.allowedByOrganizations)
            let detail = organizations.isEmpty ? ""
                : "<OrganizationsDecisionDetail><AllowedByOrganizations>\(organizations.allSatisfy { $0 })</AllowedByOrganizations></OrganizationsDecisionDetail>"
            let specific = resources.map { resource, outcome in
                "<member><EvalResourceName>\(escape(resource))</EvalResourceName><EvalResourceDecision>\(outcome.decision.rawValue)</EvalResourceDecision>"
                    + statements(outcome.matchedSids)
                    + "<MissingContextValues>\(outcome.missingKeys.map { "<member>\(escape($0))</member>" }.joined())</MissingContextValues></member>"
            }.joined()
            return "<member><EvalActionName>\(escape(action))</EvalActionName><EvalResourceName>*</EvalResourceName>"
                + "<EvalDecision>\(worst?.decision.rawValue ?? "implicitDeny")</EvalDecision>" + statements(worst?.matchedSids ?? [])
                + "<MissingContextValues/>\(detail)<ResourceSpecificResults>\(specific)</ResourceSpecificResults></member>"
        }.joined()
        return """
            <SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><SimulatePrincipalPolicyResult>\
            <IsTruncated>false</IsTruncated><EvaluationResults>\(members)</EvaluationResults></SimulatePrincipalPolicyResult>\
            <ResponseMetadata><RequestId>iam-stand-in-2</RequestId></ResponseMetadata></SimulatePrincipalPolicyResponse>
            """
    }

    private static func statements(_ sids: [String]) -> String {
        "<MatchedStatements>" + sids.map {
            "<member><SourcePolicyId>\(escape($0))</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member>"
        }.joined() + "</MatchedStatements>"
    }
}
