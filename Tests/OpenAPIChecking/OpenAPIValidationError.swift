/// Why a document could not be loaded or a response did not validate.
public enum OpenAPIValidationError: Error, CustomStringConvertible, Equatable {
    /// The OpenAPI document is malformed, has a dangling `$ref`, or uses a schema keyword the checker does not support.
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
    public var violations: [String] {
        if case .schemaViolations(_, let violations) = self { return violations }
        return []
    }

    public var description: String {
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
