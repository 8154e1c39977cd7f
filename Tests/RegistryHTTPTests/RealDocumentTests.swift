import Foundation
import OpenAPIChecking
import OpenAPIKit
import RegistryTestSupport
import Testing

// Checks of the project's real document, Sources/RegistryHTTP/openapi.json, loaded through
// OpenAPIChecking. RealDocumentTests+Bodies.swift checks realistic bodies against it.

let documentURL = PackageFiles.root().appending(path: "Sources/RegistryHTTP/openapi.json")

/// Loaded once: OpenAPIKit takes about a second to decode it in a debug build.
private let loadedRealDocument = Result { try OpenAPIDocument(data: Data(contentsOf: documentURL)) }

func realDocument() throws -> OpenAPIDocument {
    try loadedRealDocument.get()
}

@Suite struct OpenAPIDocumentTests {
    @Test func parses() throws {
        let document = try realDocument()
        #expect(document.openAPI.openAPIVersion == .v3_1_0)
        let bearer = try #require(document.openAPI.components.securitySchemes["bearerAuth"]?.b)
        guard case .http(let scheme, _) = bearer.type else {
            Issue.record("bearerAuth is not an http scheme: \(bearer.type)")
            return
        }
        #expect(scheme == "bearer")
    }

    @Test func documentsEveryOperation() throws {
        let operations = Set(try realDocument().operations().map { "\($0.method) \($0.path)" })
        #expect(operations == [
            "GET /healthz", "GET /readyz", "GET /openapi.json",
            "GET /v1/regions", "GET /v1/regions/{code}",
            "GET /v1/profiles", "GET /v1/profiles/{id}", "GET /v1/profiles/{id}/access",
            "GET /v1/models", "GET /v1/models/{id}", "GET /v1/export/litellm", "GET /v1/export/truefoundry",
            "GET /v1/access/audit",
            "PUT /v1/grants/{region}/{model_id}", "DELETE /v1/grants/{region}/{model_id}", "GET /v1/grants",
            "GET /v1/changes",
            "GET /v1/refresh", "POST /v1/refresh",
            "GET /v1/status",
            "POST /v1/health/samples", "GET /v1/health", "GET /v1/profiles/{id}/route", "GET /v1/resolve",
            "GET /v1/profiles/{id}/iam-policy", "GET /v1/scp-hint", "POST /v1/access/check",
            "GET /metrics",
        ])
    }

    @Test func everyOperationHasASuccessResponseWithASchema() throws {
        let document = try realDocument()
        let errorSchema = try document.schema(json: Data(##"{"$ref": "#/components/schemas/Error"}"##.utf8))
        var operationIds: [String] = []
        for (method, path) in document.operations() {
            let operation = try #require(document.operation(method: method, path: path))
            let operationId = try #require(operation.operationId, "\(method) \(path) has no operationId")
            operationIds.append(operationId)
            #expect(operation.summary != nil, "\(method) \(path) has no summary")
            // OpenAPIKit reads a missing "parameters" as []: the document's own text must list them.
            let written = document.root["paths"]?[path]?[method.lowercased()]
            #expect(written?["parameters"]?.arrayValue != nil, "\(method) \(path) has no parameters")
            let successes = try document.documentedStatuses(method: method, path: path).filter { $0.hasPrefix("2") }
            #expect(!successes.isEmpty, "\(method) \(path) has no 2xx response")
            for status in successes {
                let response = try document.response(method: method, path: path, status: Int(status) ?? 200)
                if status == "204" {
                    #expect(response.content.isEmpty, "\(method) \(path) 204 documents a body")
                } else if path != "/metrics" {  // Prometheus text, not JSON
                    let schema = try document.responseSchema(method: method, path: path, status: Int(status) ?? 200)
                    #expect(schema != nil, "\(method) \(path) \(status) has no application/json schema")
                }
            }
            for status in try document.documentedStatuses(method: method, path: path) where status.first == "4" || status.first == "5" {
                let schema = try document.responseSchema(method: method, path: path, status: Int(status)!)
                if path != "/readyz" {
                    // Dereferenced from the Error component, as a bare $ref is.
                    #expect(schema == errorSchema, "\(method) \(path) \(status) is not an Error")
                }
            }
            if let status = try document.documentedStatuses(method: method, path: path).first(where: { $0 == "304" }) {
                let response = try document.response(method: method, path: path, status: Int(status)!)
                #expect(response.content.isEmpty, "\(method) \(path) 304 documents a body")
            }
        }
        #expect(Set(operationIds).count == operationIds.count, "operationIds are not unique: \(operationIds.sorted())")
    }

    @Test func documentsHeadersAndSecurity() throws {
        let document = try realDocument()
        let writes: Set<String> = ["PUT /v1/grants/{region}/{model_id}", "DELETE /v1/grants/{region}/{model_id}", "POST /v1/refresh",
                                   "POST /v1/health/samples"]
        for (method, path) in document.operations() {
            let operation = try #require(document.operation(method: method, path: path))
            let name = "\(method) \(path)"
            let security = operation.security?.map { $0.schemes.mapValues(\.requiredScopes) }
            if writes.contains(name) {
                #expect(security == [["bearerAuth": []]], "\(name) is not protected")
            } else {
                #expect(security == nil, "\(name) should not need a token")
            }
            guard path.hasPrefix("/v1/") else { continue }
            for status in try document.documentedStatuses(method: method, path: path) {
                let response = try document.response(method: method, path: path, status: Int(status) ?? 599)
                let headers = response.headers ?? [:]
                #expect(headers["X-Regiond-Index"] != nil, "\(name) \(status) does not document X-Regiond-Index")
                // The change log and refresh status are live views: `since` replaces caching there.
                // Health figures move with every sample, so health answers are never cached.
                let uncached: Set<String> = ["GET /v1/changes", "GET /v1/refresh", "GET /v1/health", "GET /v1/profiles/{id}/route",
                                             "GET /v1/resolve"]
                if method == "GET", status.hasPrefix("2") || status == "304", !uncached.contains(name) {
                    #expect(headers["ETag"] != nil, "\(name) \(status) does not document ETag")
                }
            }
        }
    }

    /// Every object schema we define rejects undocumented fields and lists all its fields as required
    /// (fields are always present; absent values are null). Only request bodies may have optional fields.
    @Test func objectSchemasAreClosedAndComplete() throws {
        let document = try realDocument()
        func visit(_ schema: JSONSchema, _ location: String, requestBody: Bool) {
            // OpenAPIKit adds an "inferred" property for each required name that `properties` lacks.
            let properties = schema.objectContext?.properties ?? [:]
            let defined = properties.keys.filter { !properties[$0]!.inferred }
            if !defined.isEmpty {
                #expect(schema.objectContext?.additionalProperties == .a(false), "\(location) allows undocumented fields")
                let required = Set(properties.keys.filter { properties[$0]!.required })
                if !requestBody {
                    #expect(required == Set(defined), "\(location): required \(required.sorted()) != properties \(defined.sorted())")
                }
                #expect(required.isSubset(of: defined), "\(location) requires undefined properties")
                for name in defined {
                    visit(properties[name]!, "\(location).\(name)", requestBody: requestBody)
                }
            }
            if let items = schema.arrayContext?.items { visit(items, "\(location)[]", requestBody: requestBody) }
            if case .one(of: let alternatives, core: _) = schema.value {
                for alternative in alternatives { visit(alternative, location, requestBody: requestBody) }
            }
        }
        for (name, schema) in document.openAPI.components.schemas {
            // An IAM statement is AWS's format, pasted as is: a statement without conditions has
            // no `Condition` member (IAM has no null), so it may be absent like a request field.
            // Gateway exports are LiteLLM's and TrueFoundry's formats: an option not set is left out.
            let foreign = ["PolicyStatement", "LiteLLMExport", "TrueFoundryExport"].contains(name.rawValue)
            visit(schema, name.rawValue, requestBody: name.rawValue.hasSuffix("Request") || foreign)
        }
    }
}
