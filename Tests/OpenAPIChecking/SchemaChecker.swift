import Foundation
import OpenAPIKit

/// Checks a JSON instance against a dereferenced schema: the instance validation OpenAPIKit lacks.
///
/// Enforced: type (incl. null; an integral number is an integer and also a number), enum/const,
/// properties, required, additionalProperties (false or a schema), items, minimum, maximum,
/// exclusiveMinimum, exclusiveMaximum, minLength, maxLength (in Unicode scalars), pattern, minItems,
/// maxItems, allOf, anyOf, oneOf. Anything else in the model throws rather than being skipped.
struct SchemaChecker {
    var violations: [String] = []

    /// Appends `"<JSON path>: <problem>"` for each way `value` breaks `schema`.
    mutating func check(_ value: JSONInstance, against schema: DereferencedJSONSchema, at path: String) throws {
        try Self.rejectUnsupported(schema, at: path)
        let core = SchemaCore(schema)
        if let expected = SchemaCore.typeName(of: schema) {
            let actual = value.typeName
            let matches = actual == expected || (expected == "number" && actual == "integer")
                || (core.nullable && actual == "null")
            if !matches {
                let names = core.nullable && expected != "null" ? "\(expected) or null" : expected
                violations.append("\(path): expected \(names), got \(actual)")
                return  // other keywords would only repeat the problem
            }
        }
        if let allowed = core.allowedValues {
            let options = try allowed.map(Self.instance)
            if !options.contains(value) {
                violations.append("\(path): \(Self.brief(value)) is not one of \(options.map(\.description).joined(separator: ", "))")
            }
        }
        try checkTypeKeywords(value, against: schema, at: path)
    }

    private mutating func checkTypeKeywords(_ value: JSONInstance, against schema: DereferencedJSONSchema, at path: String) throws {
        switch (schema, value) {
        case (.number(_, let context), .number(let number)):
            checkBounds(number, minimum: context.minimum.map { ($0.value, $0.exclusive) },
                        maximum: context.maximum.map { ($0.value, $0.exclusive) }, at: path)
        case (.integer(_, let context), .number(let number)):
            checkBounds(number, minimum: context.minimum.map { (Double($0.value), $0.exclusive) },
                        maximum: context.maximum.map { (Double($0.value), $0.exclusive) }, at: path)
        case (.string(_, let context), .string(let string)):
            try checkString(string, context, at: path)
        case (.array(_, let context), .array(let items)):
            try checkArray(items, context, at: path)
        case (.object(_, let context), .object(let object)):
            try checkObject(object, context, at: path)
        case (.all(of: let schemas, core: _), _):
            for subschema in schemas {
                try check(value, against: subschema, at: path)
            }
        case (.any(of: let schemas, core: _), _):
            try checkAnyOf(value, schemas, at: path)
        case (.one(of: let schemas, core: _), _):
            try checkOneOf(value, schemas, at: path)
        default:
            break  // null, boolean, fragment, or null where the schema is nullable
        }
    }

    /// Keywords OpenAPIKit models but this checker does not enforce. The load-time audit keeps them out
    /// of documents; this catches schemas built in code.
    private static func rejectUnsupported(_ schema: DereferencedJSONSchema, at path: String) throws {
        let keyword: String?
        switch schema {
        case .number(_, let context): keyword = context.multipleOf == nil ? nil : "multipleOf"
        case .integer(_, let context): keyword = context.multipleOf == nil ? nil : "multipleOf"
        case .array(_, let context): keyword = context.uniqueItems ? "uniqueItems" : nil
        case .object(_, let context):
            keyword = !context.patternProperties.isEmpty ? "patternProperties" : context.maxProperties != nil ? "maxProperties" : nil
        case .not: keyword = "not"
        default: keyword = nil
        }
        if let keyword {
            throw OpenAPIValidationError.invalidDocument("the schema at \(path) uses \"\(keyword)\", which is not supported")
        }
    }

    /// An `enum`/`const` value as JSON. Encoding keeps AnyCodable's Bool, Int and Double apart.
    static func instance(_ value: AnyCodable) throws -> JSONInstance {
        try JSONInstance(parsing: JSONEncoder().encode(value))
    }

    /// A short rendering of a value for messages.
    static func brief(_ value: JSONInstance) -> String {
        let text = value.description
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }
}
