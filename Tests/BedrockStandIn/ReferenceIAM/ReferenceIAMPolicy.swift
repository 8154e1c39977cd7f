import Foundation

/// A policy document as the test reference evaluator reads it, straight from AWS's grammar
/// (`Statement` one or a list; `Action`/`NotAction`, `Resource`/`NotResource` a string or a list;
/// `Condition` operator → key → a value or a list). Written apart from regiond's `AccessPolicy`
/// so that one checks the other; it refuses what it does not know instead of guessing.
public struct ReferenceIAMPolicy: Sendable {
    struct Statement: Sendable {
        var sid: String?
        var allows: Bool
        /// Exactly one of each pair is set.
        var actions: [String]?, notActions: [String]?
        var resources: [String]?, notResources: [String]?
        var conditions: [(operator: String, key: String, values: [String])]
    }

    let statements: [Statement]

    public init(json: String) throws {
        guard let document = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw ReferenceIAMError("a policy must be a JSON object")
        }
        let raw: [Any] = if let list = document["Statement"] as? [Any] { list } else { [document["Statement"] as Any] }
        statements = try raw.map { item in
            guard let statement = item as? [String: Any], let effect = statement["Effect"] as? String,
                  effect == "Allow" || effect == "Deny" else { throw ReferenceIAMError("a statement needs Effect Allow or Deny") }
            let known: Set = ["Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition"]
            if let unknown = statement.keys.first(where: { !known.contains($0) }) { throw ReferenceIAMError("unsupported element \(unknown)") }
            var conditions: [(String, String, [String])] = []
            for (op, block) in (statement["Condition"] as? [String: Any]) ?? [:] {
                guard let keys = block as? [String: Any] else { throw ReferenceIAMError("condition \(op) is not an object") }
                for (key, value) in keys { conditions.append((op, key, try Self.strings(value))) }
            }
            return Statement(sid: statement["Sid"] as? String, allows: effect == "Allow",
                             actions: try statement["Action"].map(Self.strings), notActions: try statement["NotAction"].map(Self.strings),
                             resources: try statement["Resource"].map(Self.strings),
                             notResources: try statement["NotResource"].map(Self.strings), conditions: conditions)
        }
    }

    static func strings(_ value: Any) throws -> [String] {
        if let text = value as? String { return [text] }
        if let list = value as? [String] { return list }
        if let flag = value as? Bool { return [flag ? "true" : "false"] }
        throw ReferenceIAMError("expected a string or a list of strings")
    }
}

public struct ReferenceIAMError: Error, CustomStringConvertible, Sendable {
    public var description: String
    init(_ description: String) { self.description = description }
}
