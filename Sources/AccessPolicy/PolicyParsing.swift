import RegionRegistry

/// A policy document the evaluator can read: IAM's grammar, the parts region-restriction and
/// Bedrock policies use. Malformed input is an error naming its JSON path.
public struct ParsedPolicy: Sendable, Hashable {
    public var statements: [ParsedStatement]
}

public struct ParsedStatement: Sendable, Hashable {
    public enum Effect: String, Sendable { case allow = "Allow", deny = "Deny" }
    /// A list that either names what the statement covers or what it excludes (`NotAction`).
    public struct Patterns: Sendable, Hashable {
        public var values: [String]
        public var negated: Bool
    }

    public var sid: String?
    public var index: Int
    public var effect: Effect
    public var actions: Patterns
    public var resources: Patterns
    /// Operator (as written) → key → values.
    public var conditions: [String: [String: [String]]]
}

public struct PolicyParseError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    init(_ path: String, _ message: String) {
        self.path = path
        self.message = message
    }
}

extension ParsedPolicy {
    /// Parses one document found at `path` (`$.identity_policies[0]`).
    public init(_ json: JSONValue, at path: String) throws(PolicyParseError) {
        guard case .object(let document) = json else { throw PolicyParseError(path, "expected a policy document (a JSON object)") }
        for key in document.keys.sorted() where !["Version", "Id", "Statement"].contains(key) {
            throw PolicyParseError("\(path).\(key)", "unknown policy element (a document has Version, Id and Statement)")
        }
        if let version = document["Version"], version != .string("2012-10-17"), version != .string("2008-10-17") {
            throw PolicyParseError("\(path).Version", "expected \"2012-10-17\" or \"2008-10-17\"")
        }
        let list: [JSONValue]
        switch document["Statement"] {
        case .array(let items): list = items
        case .object: list = [document["Statement"]!]
        case nil: throw PolicyParseError("\(path).Statement", "required")
        default: throw PolicyParseError("\(path).Statement", "expected a statement or a list of statements")
        }
        var statements: [ParsedStatement] = []
        for (index, item) in list.enumerated() {
            statements.append(try ParsedStatement(item, index: index, at: list.count == 1 && !isArray(document["Statement"]) ? "\(path).Statement" : "\(path).Statement[\(index)]"))
        }
        self.statements = statements
    }
}

private func isArray(_ value: JSONValue?) -> Bool {
    if case .array = value { return true }
    return false
}

extension ParsedStatement {
    static let elements: Set = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]

    init(_ json: JSONValue, index: Int, at path: String) throws(PolicyParseError) {
        guard case .object(let fields) = json else { throw PolicyParseError(path, "expected a statement (a JSON object)") }
        for key in fields.keys.sorted() where !Self.elements.contains(key) {
            let why = key == "Principal" || key == "NotPrincipal" ? "identity policies and SCPs have no principal" : "unknown statement element"
            throw PolicyParseError("\(path).\(key)", why)
        }
        switch fields["Sid"] {
        case nil: sid = nil
        case .string(let text): sid = text
        default: throw PolicyParseError("\(path).Sid", "expected a string")
        }
        self.index = index
        switch fields["Effect"] {
        case .string("Allow"): effect = .allow
        case .string("Deny"): effect = .deny
        case nil: throw PolicyParseError("\(path).Effect", "required")
        default: throw PolicyParseError("\(path).Effect", "expected \"Allow\" or \"Deny\"")
        }
        actions = try Self.patterns(fields, "Action", at: path)
        resources = try Self.patterns(fields, "Resource", at: path)
        conditions = try Self.conditions(fields["Condition"], at: "\(path).Condition")
    }

    /// `Action` or `NotAction` (exactly one), a string or a list of strings.
    static func patterns(_ fields: [String: JSONValue], _ name: String, at path: String) throws(PolicyParseError) -> Patterns {
        switch (fields[name], fields["Not" + name]) {
        case (nil, nil): throw PolicyParseError("\(path).\(name)", "required (or Not\(name))")
        case (.some, .some): throw PolicyParseError("\(path).Not\(name)", "a statement has \(name) or Not\(name), not both")
        case (let value?, nil): return Patterns(values: try strings(value, at: "\(path).\(name)"), negated: false)
        case (nil, let value?): return Patterns(values: try strings(value, at: "\(path).Not\(name)"), negated: true)
        }
    }

    static func conditions(_ json: JSONValue?, at path: String) throws(PolicyParseError) -> [String: [String: [String]]] {
        guard let json else { return [:] }
        guard case .object(let operators) = json else { throw PolicyParseError(path, "expected an object of condition operators") }
        var result: [String: [String: [String]]] = [:]
        for (name, block) in operators {
            guard case .object(let keys) = block else { throw PolicyParseError("\(path).\(name)", "expected an object of condition keys") }
            var parsed: [String: [String]] = [:]
            for (key, values) in keys { parsed[key] = try strings(values, at: "\(path).\(name).\(key)", scalars: true) }
            result[name] = parsed
        }
        return result
    }

    /// A string or a non-empty list of strings (conditions also take booleans and numbers, as text).
    static func strings(_ json: JSONValue, at path: String, scalars: Bool = false) throws(PolicyParseError) -> [String] {
        func one(_ value: JSONValue, _ at: String) throws(PolicyParseError) -> String {
            switch value {
            case .string(let text): return text
            case .bool(let flag) where scalars: return flag ? "true" : "false"
            case .int(let number) where scalars: return String(number)
            default: throw PolicyParseError(at, scalars ? "expected a string, boolean or number" : "expected a string")
            }
        }
        guard case .array(let items) = json else { return [try one(json, path)] }
        guard !items.isEmpty else { throw PolicyParseError(path, "expected at least one value") }
        var values: [String] = []
        for (index, item) in items.enumerated() { values.append(try one(item, "\(path)[\(index)]")) }
        return values
    }
}
