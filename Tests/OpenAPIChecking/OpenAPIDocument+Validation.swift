import Foundation
import OpenAPIKit

extension OpenAPIDocument {
    /// Validates a response body against the schema documented for `status` under `application/json`.
    ///
    /// A response that documents no content needs an empty body; one that documents only
    /// `text/plain` (the Prometheus exposition) needs a non-empty body, not checked further.
    public func validate(responseBody: Data, path: String, method: String, status: Int) throws {
        let operationName = "\(method.uppercased()) \(path) \(status)"
        let response = try response(method: method, path: path, status: status)
        let isBlank = responseBody.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
        if response.content.isEmpty {
            guard isBlank else {
                throw OpenAPIValidationError.unexpectedBody(
                    operation: operationName, reason: "the response documents no body, but got \(responseBody.count) bytes")
            }
            return
        }
        guard let media = Self.jsonContent(of: response) else {
            if response.content.keys.contains(where: { $0.typeAndSubtype == "text/plain" }), !isBlank { return }
            let documented = response.content.keys.map(\.rawValue).sorted().joined(separator: ", ")
            throw OpenAPIValidationError.unexpectedBody(
                operation: operationName, reason: "the response documents no application/json content (only \(documented))")
        }
        let value: JSONInstance
        do {
            value = try JSONInstance(parsing: responseBody)
        } catch {
            throw OpenAPIValidationError.invalidJSON(operation: operationName, reason: isBlank ? "the body is empty" : "\(error)")
        }
        guard let schema = media.schema else { return }
        let violations = try violations(of: value, against: schema)
        if !violations.isEmpty {
            throw OpenAPIValidationError.schemaViolations(operation: operationName, violations: violations)
        }
    }

    /// Checks a JSON value against a schema (from this document, or from `schema(json:)`), returning the
    /// problems found as `"$.a.b[0]: problem"`. Throws only for a schema feature the checker does not support.
    public func violations(of value: JSONInstance, against schema: DereferencedJSONSchema) throws -> [String] {
        var checker = SchemaChecker()
        try checker.check(value, against: schema, at: "$")
        return checker.violations
    }
}
