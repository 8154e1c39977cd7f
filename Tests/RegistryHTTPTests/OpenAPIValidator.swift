import Foundation

// A small, dependency-free validator for response bodies against an OpenAPI 3.1 document, used by the
// HTTP tests to catch drift between the server and Sources/RegistryHTTP/openapi.json.
//
// Supported schema keywords (anything else that asserts something is rejected when the document is
// loaded, so the validator never silently ignores a constraint the document makes):
//   $ref (local, "#/..."), type (a name or an array of names, incl. "null"), enum, const,
//   properties, required, additionalProperties (false, true or a schema), items,
//   minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength, pattern,
//   minItems, maxItems, allOf, anyOf, oneOf.
// Annotations (description, format, default, title, example(s), ...) are ignored.
//
// Booleans and numbers: JSONSerialization returns NSNumber for both, and `NSNumber(value: 1) is Bool`
// is true on every platform, so `is Bool` / `as? Bool` must not be used to tell them apart. Instead the
// boolean class is identified by comparing the dynamic class with that of `NSNumber(value: true)`
// (`__NSCFBoolean` on Darwin and on Linux' swift-corelibs-foundation); see `JSONValue.isBoolean`.

/// Why a document could not be loaded or a response did not validate.
enum OpenAPIValidationError: Error, CustomStringConvertible {
    /// The OpenAPI document is malformed, has a dangling `$ref`, or uses an unsupported schema keyword.
    case invalidDocument(String)
    /// No such path template or method in the document.
    case unknownOperation(method: String, path: String)
    /// The operation documents neither this status, nor its `NXX` range, nor `default`.
    case undocumentedStatus(method: String, path: String, status: Int)
    /// The response body is not JSON although the response documents a JSON body.
    case invalidJSON(operation: String, reason: String)
    /// The response documents no body but one was given, or documents no `application/json` content.
    case unexpectedBody(operation: String, reason: String)
    /// The body does not match the schema; each entry is `"<JSON path>: <problem>"`.
    case schemaViolations(operation: String, violations: [String])

    /// The schema violations, `"$.a.b[0]: problem"` each; empty for the other cases.
    var violations: [String] {
        if case .schemaViolations(_, let violations) = self { return violations }
        return []
    }

    var description: String {
        switch self {
        case .invalidDocument(let reason):
            return "invalid OpenAPI document: \(reason)"
        case .unknownOperation(let method, let path):
            return "operation \(method.uppercased()) \(path) is not in the OpenAPI document"
        case .undocumentedStatus(let method, let path, let status):
            return "\(method.uppercased()) \(path) documents no response for status \(status) (and no default)"
        case .invalidJSON(let operation, let reason):
            return "\(operation): response body is not valid JSON: \(reason)"
        case .unexpectedBody(let operation, let reason):
            return "\(operation): \(reason)"
        case .schemaViolations(let operation, let violations):
            return "\(operation): response body does not match the schema:\n"
                + violations.map { "  " + $0 }.joined(separator: "\n")
        }
    }
}

struct OpenAPIDocument: Sendable {
    /// A parsed JSON value that keeps booleans and numbers apart.
    enum JSONValue: Sendable, Equatable, CustomStringConvertible {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([String: JSONValue])

        /// Parses JSON text (any top-level value) with JSONSerialization.
        init(parsing data: Data) throws {
            let any = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            self = try JSONValue(foundation: any)
        }

        /// Converts a JSONSerialization result.
        init(foundation any: Any) throws {
            if any is NSNull {
                self = .null
            } else if JSONValue.isBoolean(any) {
                if let bool = any as? Bool { self = .bool(bool) } else { self = .bool((any as! NSNumber).boolValue) }
            } else if let string = any as? String {
                self = .string(string)
            } else if let number = any as? NSNumber {
                self = .number(number.doubleValue)
            } else if let array = any as? [Any] {
                self = .array(try array.map { try JSONValue(foundation: $0) })
            } else if let object = any as? [String: Any] {
                self = .object(try object.mapValues { try JSONValue(foundation: $0) })
            } else {
                throw OpenAPIValidationError.invalidDocument("unexpected JSON value of type \(type(of: any))")
            }
        }

        private static let booleanClass = ObjectIdentifier(type(of: NSNumber(value: true) as Any))
        private static let numberClass = ObjectIdentifier(type(of: NSNumber(value: 12345) as Any))

        /// True if a JSONSerialization value is a JSON `true`/`false` (not merely a number that converts to Bool).
        static func isBoolean(_ any: Any) -> Bool {
            if type(of: any) == Bool.self { return true }  // a Swift Bool, should a Foundation ever return one
            guard let number = any as? NSNumber else { return false }
            if booleanClass != numberClass {
                return ObjectIdentifier(type(of: any)) == booleanClass
            }
            // A Foundation without a distinct boolean class: fall back to the type encoding.
            return String(cString: number.objCType) == "c"
        }

        /// The JSON Schema type name: null, boolean, integer (an integral number), number, string, array, object.
        var typeName: String {
            switch self {
            case .null: return "null"
            case .bool: return "boolean"
            case .number(let value): return JSONValue.isIntegral(value) ? "integer" : "number"
            case .string: return "string"
            case .array: return "array"
            case .object: return "object"
            }
        }

        static func isIntegral(_ value: Double) -> Bool { value.isFinite && value.rounded(.towardZero) == value }

        subscript(key: String) -> JSONValue? {
            if case .object(let object) = self { return object[key] }
            return nil
        }

        subscript(index: Int) -> JSONValue? {
            if case .array(let array) = self, array.indices.contains(index) { return array[index] }
            return nil
        }

        var objectValue: [String: JSONValue]? { if case .object(let value) = self { return value }; return nil }
        var arrayValue: [JSONValue]? { if case .array(let value) = self { return value }; return nil }
        var stringValue: String? { if case .string(let value) = self { return value }; return nil }
        var boolValue: Bool? { if case .bool(let value) = self { return value }; return nil }
        var numberValue: Double? { if case .number(let value) = self { return value }; return nil }

        /// Compact JSON text, for messages.
        var description: String {
            switch self {
            case .null: return "null"
            case .bool(let value): return value ? "true" : "false"
            case .number(let value):
                return JSONValue.isIntegral(value) && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            case .string(let value): return JSONValue.quote(value)
            case .array(let values): return "[" + values.map(\.description).joined(separator: ",") + "]"
            case .object(let object):
                return "{" + object.keys.sorted().map { JSONValue.quote($0) + ":" + object[$0]!.description }
                    .joined(separator: ",") + "}"
            }
        }

        static func quote(_ string: String) -> String {
            var out = "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        }
    }

    static let httpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The whole document.
    let root: JSONValue

    init(data: Data) throws {
        let root: JSONValue
        do {
            root = try JSONValue(parsing: data)
        } catch let error as OpenAPIValidationError {
            throw error
        } catch {
            throw OpenAPIValidationError.invalidDocument("not JSON: \(error)")
        }
        guard case .object = root else { throw OpenAPIValidationError.invalidDocument("the document is not a JSON object") }
        guard let version = root["openapi"]?.stringValue, version.hasPrefix("3.") else {
            throw OpenAPIValidationError.invalidDocument("missing or unsupported \"openapi\" version")
        }
        guard case .object(let paths)? = root["paths"] else {
            throw OpenAPIValidationError.invalidDocument("\"paths\" is missing or not an object")
        }
        self.root = root
        try checkReferences(root, at: "#")
        for (path, item) in paths {
            for method in Self.httpMethods {
                guard let operation = item[method] else { continue }
                let location = "#/paths/\(Self.escapePointer(path))/\(method)"
                guard case .object(let responses)? = operation["responses"], !responses.isEmpty else {
                    throw OpenAPIValidationError.invalidDocument("\(location) has no responses")
                }
                for (status, response) in responses {
                    let resolved = try resolve(response, at: "\(location)/responses/\(status)")
                    for (mediaType, media) in resolved["content"]?.objectValue ?? [:] {
                        if let schema = media["schema"] {
                            try checkSchemaKeywords(schema, at: "\(location)/responses/\(status)/content/\(Self.escapePointer(mediaType))/schema")
                        }
                    }
                }
            }
        }
        for (name, schema) in root["components"]?["schemas"]?.objectValue ?? [:] {
            try checkSchemaKeywords(schema, at: "#/components/schemas/\(Self.escapePointer(name))")
        }
    }

    /// Every documented operation, sorted by path; methods are upper-case ("GET").
    func operations() -> [(method: String, path: String)] {
        var result: [(method: String, path: String)] = []
        let paths = root["paths"]?.objectValue ?? [:]
        for path in paths.keys.sorted() {
            for method in Self.httpMethods where paths[path]?[method] != nil {
                result.append((method: method.uppercased(), path: path))
            }
        }
        return result
    }

    /// The operation object for a path template ("/v1/profiles/{id}") and method (any case), if documented.
    func operation(method: String, path: String) -> JSONValue? {
        root["paths"]?[path]?[method.lowercased()]
    }

    /// The documented status keys of an operation ("200", "404", "default", ...), sorted.
    func documentedStatuses(method: String, path: String) throws -> [String] {
        guard let operation = operation(method: method, path: path) else {
            throw OpenAPIValidationError.unknownOperation(method: method, path: path)
        }
        return (operation["responses"]?.objectValue ?? [:]).keys.sorted()
    }

    /// The response object (with `$ref`s resolved) that applies to a status: the exact status, else its
    /// `NXX` range, else `default`.
    func response(method: String, path: String, status: Int) throws -> JSONValue {
        guard let operation = operation(method: method, path: path) else {
            throw OpenAPIValidationError.unknownOperation(method: method, path: path)
        }
        let responses = operation["responses"]
        guard let response = responses?[String(status)] ?? responses?["\(status / 100)XX"]
            ?? responses?["\(status / 100)xx"] ?? responses?["default"] else {
            throw OpenAPIValidationError.undocumentedStatus(method: method, path: path, status: status)
        }
        return try resolve(response, at: "#/paths/\(Self.escapePointer(path))/\(method.lowercased())/responses/\(status)")
    }

    /// The `application/json` schema of the response that applies to a status, or nil if it documents none.
    func responseSchema(method: String, path: String, status: Int) throws -> JSONValue? {
        try response(method: method, path: path, status: status)["content"]?["application/json"]?["schema"]
    }

    /// Validates a response body against the schema documented for `status` under `application/json`.
    func validate(responseBody: Data, path: String, method: String, status: Int) throws {
        let operationName = "\(method.uppercased()) \(path) \(status)"
        let response = try response(method: method, path: path, status: status)
        let content = response["content"]?.objectValue ?? [:]
        let isBlank = responseBody.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if content.isEmpty {
            guard isBlank else {
                throw OpenAPIValidationError.unexpectedBody(
                    operation: operationName, reason: "the response documents no body, but got \(responseBody.count) bytes")
            }
            return
        }
        guard let media = content["application/json"] else {
            // Text (the Prometheus exposition) is documented but not schema-checked; it must not be empty.
            if content["text/plain"] != nil, !isBlank { return }
            throw OpenAPIValidationError.unexpectedBody(
                operation: operationName,
                reason: "the response documents no application/json content (only \(content.keys.sorted().joined(separator: ", ")))")
        }
        let value: JSONValue
        do {
            value = try JSONValue(parsing: responseBody)
        } catch {
            let reason = isBlank ? "the body is empty" : "\(error)"
            throw OpenAPIValidationError.invalidJSON(operation: operationName, reason: reason)
        }
        guard let schema = media["schema"] else { return }
        let violations = try violations(of: value, against: schema)
        if !violations.isEmpty {
            throw OpenAPIValidationError.schemaViolations(operation: operationName, violations: violations)
        }
    }

    /// Validates a JSON value against a schema (from this document, or inline), returning the problems found.
    func violations(of value: JSONValue, against schema: JSONValue) throws -> [String] {
        var violations: [String] = []
        try check(value, against: schema, at: "$", depth: 0, into: &violations)
        return violations
    }

    // MARK: - Schema validation

    private func check(_ value: JSONValue, against schema: JSONValue, at path: String, depth: Int, into violations: inout [String]) throws {
        guard depth < 200 else {
            throw OpenAPIValidationError.invalidDocument("schema nesting too deep at \(path) (a $ref cycle?)")
        }
        switch schema {
        case .bool(true): return
        case .bool(false):
            violations.append("\(path): no value is allowed here")
            return
        case .object: break
        default:
            throw OpenAPIValidationError.invalidDocument("a schema is neither an object nor a boolean: \(schema)")
        }

        if let reference = schema["$ref"]?.stringValue {
            try check(value, against: try resolveReference(reference), at: path, depth: depth + 1, into: &violations)
        }

        if let typeSpec = schema["type"] {
            let allowed: [String]
            switch typeSpec {
            case .string(let name): allowed = [name]
            case .array(let names): allowed = names.compactMap(\.stringValue)
            default: throw OpenAPIValidationError.invalidDocument("bad \"type\" \(typeSpec)")
            }
            let actual = value.typeName
            let matches = allowed.contains(actual) || (actual == "integer" && allowed.contains("number"))
            if !matches {
                violations.append("\(path): expected \(allowed.joined(separator: " or ")), got \(actual)")
                return  // other keywords would only repeat the problem
            }
        }

        if let constant = schema["const"], constant != value {
            violations.append("\(path): expected \(constant), got \(Self.brief(value))")
        }
        if case .array(let options)? = schema["enum"], !options.contains(value) {
            violations.append("\(path): \(Self.brief(value)) is not one of \(options.map(\.description).joined(separator: ", "))")
        }

        switch value {
        case .number(let number):
            if let minimum = schema["minimum"]?.numberValue, number < minimum {
                violations.append("\(path): \(value) is less than the minimum \(JSONValue.number(minimum))")
            }
            if let maximum = schema["maximum"]?.numberValue, number > maximum {
                violations.append("\(path): \(value) is greater than the maximum \(JSONValue.number(maximum))")
            }
            if let minimum = schema["exclusiveMinimum"]?.numberValue, number <= minimum {
                violations.append("\(path): \(value) is not greater than \(JSONValue.number(minimum))")
            }
            if let maximum = schema["exclusiveMaximum"]?.numberValue, number >= maximum {
                violations.append("\(path): \(value) is not less than \(JSONValue.number(maximum))")
            }
        case .string(let string):
            let length = string.unicodeScalars.count
            if let minLength = schema["minLength"]?.numberValue, Double(length) < minLength {
                violations.append("\(path): string is shorter than \(Int(minLength)) characters")
            }
            if let maxLength = schema["maxLength"]?.numberValue, Double(length) > maxLength {
                violations.append("\(path): string is longer than \(Int(maxLength)) characters")
            }
            if let pattern = schema["pattern"]?.stringValue {
                let regex = try NSRegularExpression(pattern: pattern)
                let range = NSRange(string.startIndex..<string.endIndex, in: string)
                if regex.firstMatch(in: string, range: range) == nil {
                    violations.append("\(path): \(value) does not match the pattern \(JSONValue.quote(pattern))")
                }
            }
        case .array(let items):
            if let minItems = schema["minItems"]?.numberValue, Double(items.count) < minItems {
                violations.append("\(path): array has fewer than \(Int(minItems)) items")
            }
            if let maxItems = schema["maxItems"]?.numberValue, Double(items.count) > maxItems {
                violations.append("\(path): array has more than \(Int(maxItems)) items")
            }
            if let itemSchema = schema["items"] {
                for (index, item) in items.enumerated() {
                    try check(item, against: itemSchema, at: "\(path)[\(index)]", depth: depth + 1, into: &violations)
                }
            }
        case .object(let object):
            for case .string(let name) in schema["required"]?.arrayValue ?? [] where object[name] == nil {
                violations.append("\(Self.member(path, name)): required property is missing")
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for name in object.keys.sorted() {
                let member = Self.member(path, name)
                if let propertySchema = properties[name] {
                    try check(object[name]!, against: propertySchema, at: member, depth: depth + 1, into: &violations)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        violations.append("\(member): property is not allowed (additionalProperties: false)")
                    } else {
                        try check(object[name]!, against: additional, at: member, depth: depth + 1, into: &violations)
                    }
                }
            }
        default:
            break
        }

        if case .array(let schemas)? = schema["allOf"] {
            for subschema in schemas {
                try check(value, against: subschema, at: path, depth: depth + 1, into: &violations)
            }
        }
        if case .array(let schemas)? = schema["anyOf"] {
            let results = try schemas.map { try branchViolations(value, $0, path, depth) }
            if !results.contains(where: \.isEmpty) {
                violations.append("\(path): matches none of the anyOf alternatives: " + Self.describe(results, schemas))
            }
        }
        if case .array(let schemas)? = schema["oneOf"] {
            let results = try schemas.map { try branchViolations(value, $0, path, depth) }
            let matching = results.indices.filter { results[$0].isEmpty }
            if matching.isEmpty {
                violations.append("\(path): matches none of the oneOf alternatives: " + Self.describe(results, schemas))
            } else if matching.count > 1 {
                violations.append("\(path): matches \(matching.count) oneOf alternatives (\(matching.map { Self.label(schemas[$0], $0) }.joined(separator: ", "))), exactly one is allowed")
            }
        }
    }

    private func branchViolations(_ value: JSONValue, _ schema: JSONValue, _ path: String, _ depth: Int) throws -> [String] {
        var branch: [String] = []
        try check(value, against: schema, at: path, depth: depth + 1, into: &branch)
        return branch
    }

    private static func describe(_ results: [[String]], _ schemas: [JSONValue]) -> String {
        results.indices.map { "[\(label(schemas[$0], $0))] " + results[$0].joined(separator: "; ") }.joined(separator: " | ")
    }

    private static func label(_ schema: JSONValue, _ index: Int) -> String {
        if let reference = schema["$ref"]?.stringValue { return "#\(index) \(reference)" }
        return "#\(index)"
    }

    /// A short rendering of a value for messages.
    private static func brief(_ value: JSONValue) -> String {
        let text = value.description
        return text.count > 80 ? String(text.prefix(77)) + "..." : text
    }

    /// `$.a` for identifier-like names, `$["a b"]` otherwise.
    private static func member(_ path: String, _ name: String) -> String {
        func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
            (0x61...0x7A).contains(scalar.value) || (0x41...0x5A).contains(scalar.value)
                || (0x30...0x39).contains(scalar.value) || scalar == "_"
        }
        let startsWithDigit = name.unicodeScalars.first.map { (0x30...0x39).contains($0.value) } ?? true
        let identifier = !startsWithDigit && name.unicodeScalars.allSatisfy(isWordCharacter)
        return identifier ? "\(path).\(name)" : "\(path)[\(JSONValue.quote(name))]"
    }

    // MARK: - References

    /// Follows `$ref`s (only a `$ref` member; siblings are ignored) until a non-reference object.
    func resolve(_ value: JSONValue, at location: String = "#") throws -> JSONValue {
        var current = value
        var seen: Set<String> = []
        while let reference = current["$ref"]?.stringValue {
            guard seen.insert(reference).inserted else {
                throw OpenAPIValidationError.invalidDocument("$ref cycle through \(reference) at \(location)")
            }
            current = try resolveReference(reference)
        }
        return current
    }

    /// Resolves a local reference such as "#/components/schemas/Region".
    func resolveReference(_ reference: String) throws -> JSONValue {
        guard reference == "#" || reference.hasPrefix("#/") else {
            throw OpenAPIValidationError.invalidDocument("only local references are supported: \(reference)")
        }
        var current = root
        let tokens = reference == "#" ? [] : reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false)
        for token in tokens {
            let decoded = (String(token).removingPercentEncoding ?? String(token))
                .replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let next = current[decoded] {
                current = next
            } else if let index = Int(decoded), let next = current[index] {
                current = next
            } else {
                throw OpenAPIValidationError.invalidDocument("unresolvable $ref \(reference)")
            }
        }
        return current
    }

    private static func escapePointer(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// Every `$ref` in the document must resolve.
    private func checkReferences(_ value: JSONValue, at location: String) throws {
        switch value {
        case .object(let object):
            if case .string(let reference)? = object["$ref"] {
                do {
                    _ = try resolveReference(reference)
                } catch {
                    throw OpenAPIValidationError.invalidDocument("unresolvable $ref \(reference) at \(location)")
                }
            }
            for (key, member) in object {
                try checkReferences(member, at: "\(location)/\(Self.escapePointer(key))")
            }
        case .array(let array):
            for (index, element) in array.enumerated() {
                try checkReferences(element, at: "\(location)/\(index)")
            }
        default:
            break
        }
    }

    private static let assertionKeywords: Set<String> = [
        "$ref", "type", "enum", "const", "properties", "required", "additionalProperties", "items",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern",
        "minItems", "maxItems", "allOf", "anyOf", "oneOf",
    ]
    private static let annotationKeywords: Set<String> = [
        "description", "title", "summary", "format", "default", "example", "examples", "deprecated",
        "readOnly", "writeOnly", "$comment", "externalDocs",
    ]

    /// Rejects schema keywords this validator would silently ignore.
    private func checkSchemaKeywords(_ schema: JSONValue, at location: String) throws {
        guard case .object(let object) = schema else {
            if case .bool = schema { return }
            throw OpenAPIValidationError.invalidDocument("\(location) is not a schema")
        }
        for key in object.keys.sorted() where !Self.assertionKeywords.contains(key) && !Self.annotationKeywords.contains(key) {
            throw OpenAPIValidationError.invalidDocument("unsupported schema keyword \"\(key)\" at \(location)")
        }
        if case .array(let names)? = object["type"] {
            guard names.allSatisfy({ $0.stringValue != nil }) else {
                throw OpenAPIValidationError.invalidDocument("bad \"type\" at \(location)")
            }
        }
        for (name, property) in object["properties"]?.objectValue ?? [:] {
            try checkSchemaKeywords(property, at: "\(location)/properties/\(Self.escapePointer(name))")
        }
        for key in ["items", "additionalProperties"] {
            if let subschema = object[key] { try checkSchemaKeywords(subschema, at: "\(location)/\(key)") }
        }
        for key in ["allOf", "anyOf", "oneOf"] {
            for (index, subschema) in (object[key]?.arrayValue ?? []).enumerated() {
                try checkSchemaKeywords(subschema, at: "\(location)/\(key)/\(index)")
            }
        }
        if let pattern = object["pattern"]?.stringValue, (try? NSRegularExpression(pattern: pattern)) == nil {
            throw OpenAPIValidationError.invalidDocument("bad pattern at \(location)")
        }
    }
}
