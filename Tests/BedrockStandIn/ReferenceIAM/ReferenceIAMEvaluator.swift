/// IAM's evaluation logic within one account, as AWS's "policy evaluation logic" page states it:
/// an explicit deny in any policy wins; SCPs must allow at every level of the organisation; then
/// an identity policy must allow. A test reference, not regiond's evaluator.
public enum ReferenceIAM {
    public enum Decision: String, Sendable { case allowed, implicitDeny, explicitDeny }

    public struct Request: Sendable {
        public var action: String
        public var resource: String
        /// Condition keys (any case) and their values.
        public var context: [String: [String]]

        public init(action: String, resource: String, context: [String: [String]]) {
            self.action = action
            self.resource = resource
            self.context = context
        }
    }

    public struct Outcome: Sendable {
        public var decision: Decision
        /// nil when no SCPs take part; false when they deny.
        public var allowedByOrganizations: Bool?
        public var matchedSids: [String]
        /// Condition keys of statements about this action and resource that the request lacks
        /// (what IAM's simulator reports as `MissingContextValues`).
        public var missingKeys: [String] = []
    }

    /// - Parameter scps: documents per level, root first; nil: the account is in no organisation.
    public static func evaluate(_ request: Request, identity: [ReferenceIAMPolicy], scps: [[ReferenceIAMPolicy]]?) throws -> Outcome {
        var outcome = try decide(request, identity: identity, scps: scps)
        let given = Set(request.context.keys.map { $0.lowercased() })
        let about = (identity + (scps ?? []).joined()).flatMap(\.statements).filter { concerns($0, request) }
        outcome.missingKeys = Array(Set(about.flatMap { $0.conditions.map(\.key) }.filter { !given.contains($0.lowercased()) })).sorted()
        return outcome
    }

    static func decide(_ request: Request, identity: [ReferenceIAMPolicy], scps: [[ReferenceIAMPolicy]]?) throws -> Outcome {
        let identityMatches = try identity.flatMap { try $0.statements.filter { try applies($0, to: request) } }
        let scpMatches = try (scps ?? []).map { level in try level.flatMap { try $0.statements.filter { try applies($0, to: request) } } }
        // Explicit denies first, wherever they are; then every SCP level needs an allow.
        if let deny = scpMatches.joined().first(where: { !$0.allows }) {
            return Outcome(decision: .explicitDeny, allowedByOrganizations: false, matchedSids: [deny.sid ?? "scp"])
        }
        let organizations: Bool? = scps == nil ? nil : !scpMatches.contains { level in !level.contains(where: \.allows) }
        if let deny = identityMatches.first(where: { !$0.allows }) {
            return Outcome(decision: .explicitDeny, allowedByOrganizations: organizations, matchedSids: [deny.sid ?? "deny"])
        }
        if organizations == false { return Outcome(decision: .implicitDeny, allowedByOrganizations: false, matchedSids: []) }
        let allows = identityMatches.filter(\.allows)
        return Outcome(decision: allows.isEmpty ? .implicitDeny : .allowed, allowedByOrganizations: organizations,
                       matchedSids: allows.map { $0.sid ?? "allow" })
    }

    static func applies(_ statement: ReferenceIAMPolicy.Statement, to request: Request) throws -> Bool {
        guard concerns(statement, request) else { return false }
        return try statement.conditions.allSatisfy { try holds($0.operator, key: $0.key, values: $0.values, in: request.context) }
    }

    /// Whether the statement's action and resource elements cover the request (conditions aside).
    static func concerns(_ statement: ReferenceIAMPolicy.Statement, _ request: Request) -> Bool {
        // Actions match without regard to case; resources (ARNs) with it.
        let action = statement.actions.map { $0.contains { glob($0.lowercased(), request.action.lowercased()) } }
            ?? !(statement.notActions ?? []).contains { glob($0.lowercased(), request.action.lowercased()) }
        let resource = statement.resources.map { $0.contains { glob($0, request.resource) } }
            ?? !(statement.notResources ?? []).contains { glob($0, request.resource) }
        return action && resource
    }

    static func holds(_ op: String, key: String, values: [String], in context: [String: [String]]) throws -> Bool {
        var name = Substring(op)
        let forAll = name.hasPrefix("ForAllValues:"), forAny = name.hasPrefix("ForAnyValue:")
        if forAll || forAny { name = name.drop { $0 != ":" }.dropFirst() }
        let ifExists = name.hasSuffix("IfExists")
        if ifExists { name = name.dropLast(8) }
        let present = context.first { $0.key.lowercased() == key.lowercased() }?.value
        if name == "Null" { return (present == nil) == values.contains("true") }
        let (negated, match): (Bool, (String, String) -> Bool) = switch name {
        case "StringEquals": (false, { $0 == $1 })
        case "StringNotEquals": (true, { $0 == $1 })
        case "StringEqualsIgnoreCase": (false, { $0.lowercased() == $1.lowercased() })
        case "StringLike": (false, { glob($0, $1) })
        case "StringNotLike": (true, { glob($0, $1) })
        // ARN operators compare the six colon-separated parts one by one, wildcards in each.
        case "ArnEquals", "ArnLike": (false, arnMatch)
        case "ArnNotEquals", "ArnNotLike": (true, arnMatch)
        case "Bool": (false, { $0.lowercased() == $1.lowercased() })
        default: throw ReferenceIAMError("condition operator \(op) is not supported by the reference evaluator")
        }
        // A missing key: IfExists and ForAllValues hold, ForAnyValue does not (no value to
        // satisfy it), a negated operator on a single value does.
        guard let present, !present.isEmpty else { return ifExists || forAll || (!forAny && negated) }
        let matches = { (value: String) in values.contains { match($0, value) } }
        if forAll { return present.allSatisfy { negated ? !matches($0) : matches($0) } }
        if forAny { return present.contains { negated ? !matches($0) : matches($0) } }
        return negated ? !present.contains(where: matches) : present.contains(where: matches)
    }

    static func arnMatch(_ pattern: String, _ value: String) -> Bool {
        let (p, v) = (pattern.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false),
                      value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false))
        return p.count == 6 && v.count == 6 && zip(p, v).allSatisfy { glob(String($0), String($1)) }
    }

    /// `*` any run of characters, `?` one.
    static func glob(_ pattern: String, _ text: String) -> Bool {
        let p = Array(pattern), t = Array(text)
        var (i, j, star, mark) = (0, 0, -1, 0)
        while j < t.count {
            if i < p.count, p[i] == "?" || p[i] == t[j] { i += 1; j += 1 }
            else if i < p.count, p[i] == "*" { (star, mark) = (i, j); i += 1 }
            else if star >= 0 { i = star + 1; mark += 1; j = mark }
            else { return false }
        }
        while i < p.count, p[i] == "*" { i += 1 }
        return i == p.count
    }
}
