import RegionRegistry

/// `POST /v1/access/check`'s body: which routes, which actions, which policies, who calls.
public struct AccessCheckRequest: Sendable {
    public var sourceRegions: [String]
    public var profiles: [String]
    public var actions: [String]
    public var policies: PolicySet
    public var account: String?
    public var principal: AccessCheck.Principal

    static let fields: Set = ["source_regions", "profiles", "actions", "identity_policies", "scps", "account", "principal_arn",
                              "principal_account"]

    public init(_ json: JSONValue) throws(PolicyParseError) {
        guard case .object(let body) = json else { throw PolicyParseError("$", "expected a JSON object") }
        for key in body.keys.sorted() where !Self.fields.contains(key) {
            throw PolicyParseError("$.\(key)", "unknown field (known: \(Self.fields.sorted().joined(separator: ", ")))")
        }
        sourceRegions = try Self.list(body["source_regions"], at: "$.source_regions")
        profiles = try Self.list(body["profiles"], at: "$.profiles")
        actions = try Self.list(body["actions"], at: "$.actions")
        if actions.isEmpty { actions = [PolicyAction.invoke.iamAction] }
        for (index, action) in actions.enumerated() where !action.contains(":") {
            throw PolicyParseError("$.actions[\(index)]", "expected an IAM action such as bedrock:InvokeModel")
        }
        account = try Self.text(body["account"], at: "$.account")
        if let account, !BedrockARN.isAccount(account) { throw PolicyParseError("$.account", "expected a 12-digit AWS account ID") }
        principal = AccessCheck.Principal(arn: try Self.text(body["principal_arn"], at: "$.principal_arn"),
                                          account: try Self.text(body["principal_account"], at: "$.principal_account"))
        policies = PolicySet(identity: try Self.documents(body["identity_policies"], at: "$.identity_policies"),
                             scpLevels: try Self.levels(body["scps"], at: "$.scps"))
    }

    private static func list(_ json: JSONValue?, at path: String) throws(PolicyParseError) -> [String] {
        guard let json, json != .null else { return [] }
        guard case .array(let items) = json else { throw PolicyParseError(path, "expected a list of strings") }
        if let empty = items.firstIndex(of: .string("")) { throw PolicyParseError("\(path)[\(empty)]", "expected a non-empty string") }
        return items.isEmpty ? [] : try ParsedStatement.strings(json, at: path)  // empty: the default
    }

    private static func text(_ json: JSONValue?, at path: String) throws(PolicyParseError) -> String? {
        switch json {
        case nil, .null: return nil
        case .string(let text): return text
        default: throw PolicyParseError(path, "expected a string")
        }
    }

    private static func documents(_ json: JSONValue?, at path: String) throws(PolicyParseError) -> [ParsedPolicy]? {
        guard let json, json != .null else { return nil }
        guard case .array(let items) = json else { throw PolicyParseError(path, "expected a list of policy documents") }
        var parsed: [ParsedPolicy] = []
        for (index, item) in items.enumerated() { parsed.append(try ParsedPolicy(item, at: "\(path)[\(index)]")) }
        return parsed
    }

    /// `[[root documents], [each OU's, top down]…, [the account's]]`.
    private static func levels(_ json: JSONValue?, at path: String) throws(PolicyParseError) -> [[ParsedPolicy]]? {
        guard let json, json != .null else { return nil }
        guard case .array(let items) = json else { throw PolicyParseError(path, "expected a list of levels, each a list of SCP documents") }
        var levels: [[ParsedPolicy]] = []
        for (index, item) in items.enumerated() {
            guard let level = try documents(item, at: "\(path)[\(index)]") else { throw PolicyParseError("\(path)[\(index)]", "expected a list of SCP documents") }
            levels.append(level)
        }
        return levels
    }
}

extension RegistryView {
    /// What `POST /v1/access/check` and `regiond check-policy` answer: the request's routes (every
    /// active profile's when it names none) checked against its policies, with the account the
    /// ARNs were written for.
    public func check(_ request: AccessCheckRequest) throws(PolicyRequestError) -> (account: String, results: [AccessCheck.Result]) {
        let routes = request.profiles.isEmpty
            ? policyRoutes(activeFrom: request.sourceRegions) : try policyRoutes(profileIds: request.profiles, sources: request.sourceRegions)
        guard let account = request.account ?? sourceAccount ?? request.principal.account else { throw .noAccount }
        let check = AccessCheck(policies: request.policies, actions: request.actions, account: account, principal: request.principal)
        return (account, routes.map(check.check))
    }
}
