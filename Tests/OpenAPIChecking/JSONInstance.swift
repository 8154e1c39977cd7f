import Foundation

/// A parsed JSON value (a response body, or the document's own text) that keeps booleans and numbers apart.
///
/// Parsed with `JSONDecoder` rather than `JSONSerialization`: the latter returns `NSNumber` for both
/// `true` and `1`, and `NSNumber(value: 1) is Bool` holds on every platform, whereas `JSONDecoder`
/// decodes a `Bool` only from a JSON `true`/`false` and a `Double` only from a JSON number.
public enum JSONInstance: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONInstance])
    case object([String: JSONInstance])

    /// Parses JSON text (any top-level value).
    public init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONInstance.self, from: data)
    }

    /// The JSON Schema type name: null, boolean, integer (an integral number), number, string, array, object.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .number(let value): return Self.isIntegral(value) ? "integer" : "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        }
    }

    static func isIntegral(_ value: Double) -> Bool { value.isFinite && value.rounded(.towardZero) == value }

    public subscript(key: String) -> JSONInstance? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    public subscript(index: Int) -> JSONInstance? {
        if case .array(let array) = self, array.indices.contains(index) { return array[index] }
        return nil
    }

    public var objectValue: [String: JSONInstance]? { if case .object(let value) = self { return value }; return nil }
    public var arrayValue: [JSONInstance]? { if case .array(let value) = self { return value }; return nil }
    public var stringValue: String? { if case .string(let value) = self { return value }; return nil }
    public var boolValue: Bool? { if case .bool(let value) = self { return value }; return nil }
    public var numberValue: Double? { if case .number(let value) = self { return value }; return nil }

    /// Compact JSON text (object keys sorted), for messages.
    public var description: String {
        switch self {
        case .null: return "null"
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            return Self.isIntegral(value) && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): return Self.quote(value)
        case .array(let values): return "[" + values.map(\.description).joined(separator: ",") + "]"
        case .object(let object):
            return "{" + object.keys.sorted().map { Self.quote($0) + ":" + object[$0]!.description }
                .joined(separator: ",") + "}"
        }
    }

    /// A JSON string literal.
    public static func quote(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONInstance: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        // Bool before Double: JSONDecoder refuses to read a number as a Bool and a boolean as a Double,
        // so the order only saves failed attempts, it does not decide the type.
        if container.decodeNil() {
            self = .null
        } else if let bool = try? container.decode(Bool.self) {
            self = .bool(bool)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let string = try? container.decode(String.self) {
            self = .string(string)
        } else if let array = try? container.decode([JSONInstance].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONInstance].self))
        }
    }
}
