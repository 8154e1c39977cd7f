import Foundation
import OpenAPIKit

/// An OpenAPI 3.1 document, decoded, validated and dereferenced by OpenAPIKit, against which JSON
/// response bodies are checked (OpenAPIKit models documents but does not validate instances).
///
/// Loading refuses a document that OpenAPIKit cannot decode or validate (a dangling `$ref`, an
/// operation without responses, ...) and any schema keyword that would not be checked as written
/// (see `SchemaKeywordAudit`), so a constraint of the document is never skipped silently.
public struct OpenAPIDocument: Sendable {
    /// The old name of `JSONInstance`, so callers of the hand-written validator keep compiling.
    public typealias JSONValue = JSONInstance

    /// The methods `operations()` lists, in its order.
    static let httpMethods: [OpenAPI.HttpMethod] = [.get, .put, .post, .delete, .options, .head, .patch, .trace, .query]

    /// The document as OpenAPIKit decoded it.
    public let openAPI: OpenAPI.Document
    /// The document's JSON as written, for checks of the text that OpenAPIKit's model does not keep
    /// (an explicit `"parameters": []`, the order of a `type` array, ...).
    public let root: JSONInstance

    /// Loads a document: JSON, schema keyword audit, OpenAPIKit decoding, validation and dereferencing.
    public init(data: Data) throws {
        let root: JSONInstance
        do {
            root = try JSONInstance(parsing: data)
        } catch {
            throw OpenAPIValidationError.invalidDocument("not JSON: \(error)")
        }
        guard case .object = root else { throw OpenAPIValidationError.invalidDocument("the document is not a JSON object") }
        try SchemaKeywordAudit.auditDocument(root)
        let document: OpenAPI.Document
        do {
            document = try JSONDecoder().decode(OpenAPI.Document.self, from: data)
        } catch {
            let reason = OpenAPI.Error(from: error)
            let location = reason.codingPath.isEmpty ? "" : " at \(reason.codingPathString)"
            throw OpenAPIValidationError.invalidDocument(reason.localizedDescription + location)
        }
        do {
            // The default validations include "every reference resolves", across the whole document;
            // strict mode also fails on OpenAPIKit's decoding warnings.
            try document.validate(using: Validator().validating(\.operationsContainResponses), strict: true)
            _ = try document.locallyDereferenced()
        } catch {
            throw OpenAPIValidationError.invalidDocument(Self.describe(error))
        }
        self.openAPI = document
        self.root = root
    }

    /// Every documented operation, sorted by path; methods are upper-case ("GET").
    public func operations() -> [(method: String, path: String)] {
        var result: [(method: String, path: String)] = []
        for path in openAPI.paths.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            guard let item = pathItem(path) else { continue }
            for method in Self.httpMethods where item[method] != nil {
                result.append((method: method.rawValue, path: path.rawValue))
            }
        }
        return result
    }

    /// The dereferenced operation for a path template ("/v1/profiles/{id}") and method (any case), if documented.
    public func operation(method: String, path: String) -> DereferencedOperation? {
        guard let method = OpenAPI.HttpMethod(rawValue: method.uppercased()) else { return nil }
        // The template as written: OpenAPI.Path(rawValue:) would also take "things/{id}" or "//things/{id}".
        guard let template = openAPI.paths.keys.first(where: { $0.rawValue == path }) else { return nil }
        return pathItem(template)?[method]
    }

    /// The documented status keys of an operation ("200", "2XX", "default", ...), sorted.
    public func documentedStatuses(method: String, path: String) throws -> [String] {
        guard let operation = operation(method: method, path: path) else {
            throw OpenAPIValidationError.unknownOperation(method: method, path: path)
        }
        return operation.responses.keys.map(\.rawValue).sorted()
    }

    /// The response that applies to a status: the exact status, else its `NXX` range, else `default`.
    public func response(method: String, path: String, status: Int) throws -> DereferencedResponse {
        guard let operation = operation(method: method, path: path) else {
            throw OpenAPIValidationError.unknownOperation(method: method, path: path)
        }
        let range = OpenAPI.Response.StatusCode(rawValue: "\(status / 100)XX")
        let candidates = [OpenAPI.Response.StatusCode.status(code: status), range, .default].compactMap { $0 }
        guard let response = candidates.lazy.compactMap({ operation.responses[status: $0] }).first else {
            throw OpenAPIValidationError.undocumentedStatus(method: method, path: path, status: status)
        }
        return response
    }

    /// The `application/json` schema of the response that applies to a status, or nil if it documents none.
    public func responseSchema(method: String, path: String, status: Int) throws -> DereferencedJSONSchema? {
        Self.jsonContent(of: try response(method: method, path: path, status: status))?.schema
    }

    /// Decodes a schema written as JSON (audited like the document's own) and resolves its `$ref`s
    /// against this document's components, for `violations(of:against:)`.
    public func schema(json data: Data) throws -> DereferencedJSONSchema {
        try SchemaKeywordAudit.audit(try JSONInstance(parsing: data), at: "#")
        do {
            return try JSONDecoder().decode(JSONSchema.self, from: data).dereferenced(in: openAPI.components)
        } catch {
            throw OpenAPIValidationError.invalidDocument(Self.describe(error))
        }
    }

    /// OpenAPIKit's own wording. `OpenAPI.Error` words decoding errors well, but for the others it asks
    /// `any Error` for `localizedDescription`, which on Linux is "The operation could not be completed".
    private static func describe(_ error: any Error) -> String {
        error is DecodingError ? OpenAPI.Error(from: error).localizedDescription : String(describing: error)
    }

    /// The `application/json` content of a response (parameters such as `charset` allowed).
    static func jsonContent(of response: DereferencedResponse) -> DereferencedContent? {
        response.content.first { $0.key.typeAndSubtype == "application/json" }?.value
    }

    /// A path item with its references resolved; loading proved that every reference resolves.
    private func pathItem(_ path: OpenAPI.Path) -> DereferencedPathItem? {
        try? openAPI.paths[path]?.dereferenced(in: openAPI.components)
    }
}
