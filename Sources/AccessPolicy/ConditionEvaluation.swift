/// Three-valued: whether something applies, or that the evaluator cannot tell (and why).
public enum Applies: Sendable, Equatable {
    case yes, no
    case unknown(String)
}

/// What the evaluator knows about one request: its condition keys (lower-cased names), each with
/// its values. A key missing here is absent from the request, unless IAM would set it and the
/// caller did not say (then conditions on it are `unknown`).
public struct RequestContext: Sendable, Hashable {
    public var keys: [String: [String]]
    /// Keys IAM sets on every such request that the caller did not supply (`aws:principalarn`).
    public var unsupplied: Set<String>

    public init(keys: [String: [String]], unsupplied: Set<String> = []) {
        self.keys = Dictionary(keys.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        self.unsupplied = Set(unsupplied.map { $0.lowercased() })
    }

    /// The keys the evaluator can judge: the ones region-restriction and Bedrock policies use.
    static let understood: Set = ["aws:requestedregion", "bedrock:inferenceprofilearn", "aws:principalarn", "aws:principalaccount"]
}

/// One condition block (operators AND, keys AND, values OR), as IAM evaluates it.
func evaluate(_ conditions: [String: [String: [String]]], in context: RequestContext) -> Applies {
    var unknown: String?
    for (name, keys) in conditions.sorted(by: { $0.key < $1.key }) {
        for (key, values) in keys.sorted(by: { $0.key < $1.key }) {
            switch evaluate(operator: name, key: key, values: values, in: context) {
            case .no: return .no
            case .unknown(let why): unknown = unknown ?? why
            case .yes: continue
            }
        }
    }
    return unknown.map(Applies.unknown) ?? .yes
}

private func evaluate(operator name: String, key: String, values: [String], in context: RequestContext) -> Applies {
    var op = Substring(name)
    let setQualifier = ["ForAnyValue:", "ForAllValues:"].first { op.hasPrefix($0) }
    if let setQualifier { op = op.dropFirst(setQualifier.count) }
    let ifExists = op.hasSuffix("IfExists")
    if ifExists { op = op.dropLast("IfExists".count) }
    guard let test = ConditionTest(String(op)) else { return .unknown("condition operator \(name) is not supported by the evaluator") }
    let lowered = key.lowercased()
    guard RequestContext.understood.contains(lowered) else { return .unknown("condition key \(key) is not known to the evaluator") }
    if context.unsupplied.contains(lowered) { return .unknown("condition on \(key): not given in the request") }
    guard let present = context.keys[lowered] else {
        if test == .null { return values.contains("true") ? .yes : .no }
        if ifExists || setQualifier == "ForAllValues:" { return .yes }
        // ForAnyValue needs a value to satisfy it: with none, even a negated operator is false.
        if setQualifier == "ForAnyValue:" { return .no }
        return test.negated ? .yes : .no
    }
    if test == .null { return values.contains("false") ? .yes : .no }
    let matches = { (value: String) in values.contains { test.matches(pattern: $0, value: value) } }
    if setQualifier == "ForAllValues:" {
        return present.allSatisfy { test.negated ? !matches($0) : matches($0) } ? .yes : .no
    }
    // Single-valued keys and ForAnyValue: any request value satisfying it.
    return present.contains { test.negated ? !matches($0) : matches($0) } ? .yes : .no
}

/// The operators region-restriction and Bedrock policies use.
enum ConditionTest: Equatable {
    case stringEquals, stringNotEquals, stringEqualsIgnoreCase, stringNotEqualsIgnoreCase, stringLike, stringNotLike
    case arnEquals, arnNotEquals, arnLike, arnNotLike, bool, null

    init?(_ name: String) {
        switch name {
        case "StringEquals": self = .stringEquals
        case "StringNotEquals": self = .stringNotEquals
        case "StringEqualsIgnoreCase": self = .stringEqualsIgnoreCase
        case "StringNotEqualsIgnoreCase": self = .stringNotEqualsIgnoreCase
        case "StringLike": self = .stringLike
        case "StringNotLike": self = .stringNotLike
        case "ArnEquals": self = .arnEquals
        case "ArnNotEquals": self = .arnNotEquals
        case "ArnLike": self = .arnLike
        case "ArnNotLike": self = .arnNotLike
        case "Bool": self = .bool
        case "Null": self = .null
        default: return nil
        }
    }

    static func arnParts(_ arn: String) -> [Substring] {
        arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
    }

    var negated: Bool { [.stringNotEquals, .stringNotEqualsIgnoreCase, .stringNotLike, .arnNotEquals, .arnNotLike].contains(self) }

    /// Whether `value` matches `pattern` (before negation). ArnEquals and ArnLike both take
    /// wildcards, as IAM's do, in each of the ARN's six colon-separated parts on its own: a `*`
    /// never reaches across a `:` (the resource part, the sixth, keeps its colons).
    func matches(pattern: String, value: String) -> Bool {
        switch self {
        case .stringEquals, .stringNotEquals: pattern == value
        case .stringEqualsIgnoreCase, .stringNotEqualsIgnoreCase: pattern.lowercased() == value.lowercased()
        case .stringLike, .stringNotLike: wildcardMatch(pattern, value)
        case .arnEquals, .arnNotEquals, .arnLike, .arnNotLike:
            Self.arnParts(pattern).count == 6 && Self.arnParts(value).count == 6
                && zip(Self.arnParts(pattern), Self.arnParts(value)).allSatisfy { wildcardMatch(String($0), String($1)) }
        case .bool: pattern.lowercased() == value.lowercased()
        case .null: false
        }
    }
}
