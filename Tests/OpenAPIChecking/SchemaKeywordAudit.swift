import Foundation

/// Refuses, at load time, every schema that would not be checked exactly as written.
///
/// OpenAPIKit's `JSONSchema` silently drops what it cannot represent (unknown keywords, a second
/// non-null type, keywords beside `allOf`/`anyOf`/`oneOf`/`$ref`, `const: null`) and infers a type
/// from type-specific keywords (`{"minimum": 0}` becomes a number schema), and `SchemaChecker` does not
/// enforce every keyword OpenAPIKit keeps (`multipleOf`, `uniqueItems`, `not`, ...). So the schemas are
/// audited in the document's own JSON, before OpenAPIKit decodes it.
enum SchemaKeywordAudit {
    /// Keywords that assert nothing.
    static let annotations: Set<String> = [
        "description", "title", "summary", "format", "default", "example", "examples", "deprecated",
        "readOnly", "writeOnly", "$comment", "externalDocs",
    ]
    /// Keywords that apply to any type.
    static let general: Set<String> = ["type", "enum", "const"]
    /// Keywords that replace the whole schema in OpenAPIKit's model.
    static let applicators: Set<String> = ["$ref", "allOf", "anyOf", "oneOf"]
    /// Type-specific keywords, by the JSON type they need.
    static let typeKeywords: [String: Set<String>] = [
        "number": ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        "integer": ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"],
        "string": ["minLength", "maxLength", "pattern"],
        "array": ["items", "minItems", "maxItems"],
        "object": ["properties", "required", "additionalProperties"],
    ]
    static let typeNames: Set<String> = ["null", "boolean", "integer", "number", "string", "array", "object"]
    static let supported = general.union(applicators).union(typeKeywords.values.joined())

    /// Audits every schema in a document: the values of `components.schemas` and every `schema` or
    /// `itemSchema` member elsewhere (examples and vendor extensions are data, not schemas).
    static func auditDocument(_ value: JSONInstance, at location: String = "#") throws {
        switch value {
        case .object(let object):
            for key in object.keys.sorted() where key != "example" && key != "examples" && !key.hasPrefix("x-") {
                let member = object[key]!
                let here = "\(location)/\(pointerToken(key))"
                if key == "schema" || key == "itemSchema" {
                    try audit(member, at: here)
                } else if location == "#/components", key == "schemas" {
                    for (name, schema) in member.objectValue ?? [:] {
                        try audit(schema, at: "\(here)/\(pointerToken(name))")
                    }
                } else {
                    try auditDocument(member, at: here)
                }
            }
        case .array(let elements):
            for (index, element) in elements.enumerated() {
                try auditDocument(element, at: "\(location)/\(index)")
            }
        default:
            break
        }
    }

    /// Audits one schema and its subschemas. A boolean schema is only read by OpenAPIKit as `additionalProperties`.
    static func audit(_ schema: JSONInstance, at location: String, booleanAllowed: Bool = false) throws {
        guard case .object(let object) = schema else {
            if case .bool = schema, booleanAllowed { return }
            throw invalid("\(location) is not a schema object")
        }
        let keys = Set(object.keys.filter { !annotations.contains($0) && !$0.hasPrefix("x-") })
        if let unsupported = keys.subtracting(supported).sorted().first {
            throw invalid("unsupported schema keyword \"\(unsupported)\" at \(location)")
        }
        let applied = keys.intersection(applicators)
        if !applied.isEmpty, applied.count > 1 || keys.count > 1 {
            throw invalid("at \(location), \(keys.sorted().joined(separator: ", ")) stand together; "
                + "only annotations may stand beside \(applied.sorted().joined(separator: " or "))")
        }
        let type = try baseType(object["type"], at: location)
        let typeSpecific = keys.subtracting(general).subtracting(applicators)
        if let misplaced = typeSpecific.subtracting(type.flatMap { typeKeywords[$0] } ?? []).sorted().first {
            // Without a matching type OpenAPIKit would infer a type from the keyword, or drop it.
            throw invalid("\"\(misplaced)\" at \(location) needs a \"type\" it applies to (type: \(type ?? "none"))")
        }
        try checkValues(object, at: location)
        try auditSubschemas(object, at: location)
    }

    /// The one non-null type a `type` keyword names ("null" if it names only null), nil without `type`.
    private static func baseType(_ type: JSONInstance?, at location: String) throws -> String? {
        let names: [String]
        switch type {
        case nil: return nil
        case .string(let name)?: names = [name]
        case .array(let elements)?: names = elements.compactMap(\.stringValue).count == elements.count
            ? elements.compactMap(\.stringValue) : []
        default: names = []
        }
        let nonNull = names.filter { $0 != "null" }
        // OpenAPIKit reads `["null"]` (unlike `"null"`) as no type at all.
        guard Set(names).isSubset(of: typeNames), Set(names).count == names.count,
              type == .string("null") || nonNull.count == 1 else {
            throw invalid("\"type\" at \(location) must name one type, optionally with \"null\"; got \(type!)")
        }
        return nonNull.first ?? "null"
    }

    private static func checkValues(_ object: [String: JSONInstance], at location: String) throws {
        if object["const"] == .null {
            throw invalid("\"const\": null at \(location) is not supported (OpenAPIKit drops it); use \"type\": \"null\"")
        }
        if object["const"] != nil, object["enum"] != nil {
            throw invalid("\"const\" and \"enum\" together at \(location) are not supported (OpenAPIKit keeps only enum)")
        }
        for (inclusive, exclusive) in [("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")]
        where object[inclusive] != nil && object[exclusive] != nil {
            throw invalid("\"\(inclusive)\" and \"\(exclusive)\" together at \(location) are not supported (OpenAPIKit keeps one bound)")
        }
        if let enumeration = object["enum"], enumeration.arrayValue == nil {
            throw invalid("\"enum\" at \(location) is not an array")
        }
        if let pattern = object["pattern"] {
            guard let text = pattern.stringValue, (try? NSRegularExpression(pattern: text)) != nil else {
                throw invalid("bad pattern at \(location)")
            }
        }
    }

    private static func auditSubschemas(_ object: [String: JSONInstance], at location: String) throws {
        if let properties = object["properties"] {
            guard let properties = properties.objectValue else { throw invalid("\"properties\" at \(location) is not an object") }
            for (name, property) in properties {
                try audit(property, at: "\(location)/properties/\(pointerToken(name))")
            }
        }
        if let items = object["items"] { try audit(items, at: "\(location)/items") }
        if let additional = object["additionalProperties"] {
            try audit(additional, at: "\(location)/additionalProperties", booleanAllowed: true)
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            guard let member = object[key] else { continue }
            guard let subschemas = member.arrayValue, !subschemas.isEmpty else {
                throw invalid("\"\(key)\" at \(location) is not a non-empty array")
            }
            for (index, subschema) in subschemas.enumerated() {
                try audit(subschema, at: "\(location)/\(key)/\(index)")
            }
        }
    }

    /// A JSON Pointer reference token (RFC 6901).
    static func pointerToken(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    private static func invalid(_ reason: String) -> OpenAPIValidationError { .invalidDocument(reason) }
}
