/// IAM's `SimulatePrincipalPolicy`: what the policies in force for a principal (its identity
/// policies, permissions boundary and the organisation's SCPs) decide for given actions on given
/// resources under given condition keys. Query protocol: a signed form POST to the partition's
/// global endpoint (signing name `iam`), an XML answer.
public struct IAMPolicySimulator: Sendable {
    static let apiVersion = "2010-05-08"

    /// Actions on resources under one request context.
    public struct Question: Sendable, Hashable {
        public var actions: [String]
        public var resources: [String]
        /// Condition keys and their values (`aws:RequestedRegion`: [`eu-west-3`]).
        public var context: [String: [String]]

        public init(actions: [String], resources: [String], context: [String: [String]]) {
            self.actions = actions
            self.resources = resources
            self.context = context
        }
    }

    /// IAM's decision for one action on one resource.
    public struct Answer: Sendable, Hashable {
        public enum Decision: String, Sendable { case allowed, explicitDeny, implicitDeny }
        public var action: String
        public var resource: String
        public var decision: Decision
        /// The policies whose statements decided it (`SourcePolicyId`, else its type).
        public var matchedPolicies: [String]
        /// `OrganizationsDecisionDetail.AllowedByOrganizations`: false when an SCP denied, nil
        /// when IAM said nothing (the account is in no organisation).
        public var allowedByOrganizations: Bool?
        /// Keys the policies use that the question did not give.
        public var missingContextValues: [String]
    }

    let client: AWSClient

    /// - Parameter client: configured for IAM (service `iam`, `AWSEndpointResolver.Service.iam`).
    public init(client: AWSClient) {
        self.client = client
    }

    /// IAM's answers for every (action, resource) of `question`, pages followed.
    /// - Throws: `AWSServiceError` (e.g. AccessDenied when the daemon's credentials lack
    ///   `iam:SimulatePrincipalPolicy`), `AWSTransportError`, or `AWSSimulationError`.
    public func simulate(principal: String, partition: String, _ question: Question, counter: AWSCallCounter? = nil) async throws -> [Answer] {
        var answers: [Answer] = []
        var marker: String?
        var seen: Set<String> = []
        repeat {
            let request = AWSRequest(operation: "SimulatePrincipalPolicy", region: AWSEndpointResolver.globalSigningRegion(partition: partition),
                                     pathSegments: [], form: Self.form(principal: principal, question, marker: marker))
            let page = try Self.page(try await client.send(request, counter: counter), operation: request.label)
            answers += page.answers
            marker = page.marker
            // A marker IAM already gave would page for ever; a hundred pages is far past any answer.
            if let marker, !seen.insert(marker).inserted || seen.count > 100 {
                throw AWSSimulationError("\(request.label): IAM's pages do not end (marker repeated or over 100 pages)")
            }
        } while marker != nil
        return answers
    }

    /// The form, as the SDKs encode lists and maps in the Query protocol (`.member.N`, 1-based).
    static func form(principal: String, _ question: Question, marker: String?) -> [(name: String, value: String)] {
        var form = [("Action", "SimulatePrincipalPolicy"), ("Version", apiVersion), ("PolicySourceArn", principal)]
        for (index, action) in question.actions.enumerated() { form.append(("ActionNames.member.\(index + 1)", action)) }
        for (index, resource) in question.resources.enumerated() { form.append(("ResourceArns.member.\(index + 1)", resource)) }
        for (index, (key, values)) in question.context.sorted(by: { $0.key < $1.key }).enumerated() {
            let entry = "ContextEntries.member.\(index + 1)"
            form.append(("\(entry).ContextKeyName", key))
            for (position, value) in values.enumerated() { form.append(("\(entry).ContextKeyValues.member.\(position + 1)", value)) }
            form.append(("\(entry).ContextKeyType", values.count == 1 ? "string" : "stringList"))
        }
        if let marker { form.append(("Marker", marker)) }
        return form
    }
}

/// An answer from IAM that is not the documented shape; the text names what is missing.
public struct AWSSimulationError: Error, Sendable, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
