import RegionRegistry

/// An IAM policy document (version 2012-10-17) with stable statement order and Sids.
public struct PolicyDocument: Sendable, Hashable {
    public struct Statement: Sendable, Hashable {
        public var sid: String
        public var effect: String
        public var actions: [String]
        public var resources: [String]
        /// Operator → key → values, as IAM writes conditions.
        public var conditions: [String: [String: [String]]]

        public init(sid: String, effect: String = "Allow", actions: [String], resources: [String],
                    conditions: [String: [String: [String]]] = [:]) {
            self.sid = sid
            self.effect = effect
            self.actions = actions
            self.resources = resources
            self.conditions = conditions
        }

        public var json: JSONValue {
            var object: [String: JSONValue] = [
                "Sid": .string(sid), "Effect": .string(effect),
                "Action": JSONValue(actions), "Resource": JSONValue(resources),
            ]
            if !conditions.isEmpty {
                object["Condition"] = .object(conditions.mapValues { keys in .object(keys.mapValues(JSONValue.init)) })
            }
            return .object(object)
        }
    }

    public var statements: [Statement]

    public init(statements: [Statement]) {
        self.statements = statements
    }

    public var json: JSONValue {
        .object(["Version": .string("2012-10-17"), "Statement": .array(statements.map(\.json))])
    }
}

/// A short, stable tag for a Sid: FNV-1a of the statement's key, so a statement keeps its Sid
/// whatever else the document holds. (Sids allow letters and digits only.)
func stableTag(_ key: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x100_0000_01b3
    }
    let hex = String(hash, radix: 16, uppercase: true)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
