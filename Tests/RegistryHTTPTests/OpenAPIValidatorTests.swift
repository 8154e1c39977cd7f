import Foundation
import Testing

// Tests of OpenAPIValidator.swift itself (with small inline documents), and checks of the real
// Sources/RegistryHTTP/openapi.json.

private let thingsDocument = #"""
{
  "openapi": "3.1.0",
  "info": {"title": "things", "version": "1"},
  "paths": {
    "/things": {
      "get": {
        "operationId": "listThings",
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingList"}}}},
          "304": {"description": "not modified"},
          "default": {"$ref": "#/components/responses/Error"}
        }
      }
    },
    "/things/{id}": {
      "get": {
        "operationId": "getThing",
        "responses": {
          "200": {"description": "ok", "content": {"application/json": {"schema": {"oneOf": [
            {"$ref": "#/components/schemas/Thing"},
            {"$ref": "#/components/schemas/Summary"}
          ]}}}},
          "404": {"$ref": "#/components/responses/Error"}
        }
      },
      "delete": {
        "operationId": "deleteThing",
        "responses": {"204": {"description": "deleted"}}
      }
    },
    "/text": {
      "get": {
        "operationId": "getText",
        "responses": {"2XX": {"description": "ok", "content": {"text/plain": {"schema": {"type": "string"}}}}}
      }
    }
  },
  "components": {
    "responses": {
      "Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    },
    "schemas": {
      "Thing": {
        "type": "object",
        "required": ["name", "count", "enabled", "ratio", "kind", "note", "tags", "flag", "extra"],
        "properties": {
          "name": {"type": "string"},
          "count": {"type": "integer", "minimum": 0},
          "enabled": {"type": "boolean"},
          "ratio": {"type": "number", "maximum": 1},
          "kind": {"type": "string", "enum": ["a", "b"]},
          "note": {"type": ["string", "null"], "format": "date-time"},
          "tags": {"type": "array", "items": {"type": "string"}},
          "flag": {"type": ["string", "null"], "enum": ["x", null]},
          "extra": {"type": ["object", "null"]}
        },
        "additionalProperties": false
      },
      "Summary": {
        "type": "object",
        "required": ["name", "things"],
        "properties": {"name": {"type": "string"}, "things": {"type": "integer"}},
        "additionalProperties": false
      },
      "ThingList": {
        "type": "object",
        "required": ["things", "count"],
        "properties": {
          "things": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
          "count": {"type": "integer"}
        },
        "additionalProperties": false
      },
      "Error": {
        "type": "object",
        "required": ["error"],
        "properties": {
          "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
            "additionalProperties": false
          }
        },
        "additionalProperties": false
      }
    }
  }
}
"""#

private func thingsValidator() throws -> OpenAPIDocument {
    try OpenAPIDocument(data: Data(thingsDocument.utf8))
}

private let goodThing = #"""
{"name": "n", "count": 3, "enabled": true, "ratio": 0.5, "kind": "a", "note": null, "tags": ["t"], "flag": null, "extra": {"any": [1, true]}}
"""#

/// A ThingList body whose second thing is `thing` (the first one is `goodThing`).
private func list(with thing: String) -> Data {
    Data(#"{"things": [\#(goodThing), \#(thing)], "count": 2}"#.utf8)
}

/// `goodThing` with one member replaced (or removed when `value` is nil).
private func thing(_ key: String, _ value: String?) -> String {
    var members = [
        ("name", #""n""#), ("count", "3"), ("enabled", "true"), ("ratio", "0.5"), ("kind", #""a""#),
        ("note", "null"), ("tags", #"["t"]"#), ("flag", "null"), ("extra", "null"),
    ]
    if let index = members.firstIndex(where: { $0.0 == key }) {
        if let value { members[index].1 = value } else { members.remove(at: index) }
    } else if let value {
        members.append((key, value))
    }
    return "{" + members.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
}

/// Validates a ThingList body and returns the violations (empty if it is valid).
private func listViolations(_ body: Data) throws -> [String] {
    do {
        try thingsValidator().validate(responseBody: body, path: "/things", method: "GET", status: 200)
        return []
    } catch let error as OpenAPIValidationError {
        if case .schemaViolations = error { return error.violations }
        throw error
    }
}

@Suite struct OpenAPIValidatorTests {
    @Test func acceptsAMatchingBody() throws {
        #expect(try listViolations(list(with: goodThing)) == [])
        #expect(try listViolations(Data(#"{"things": [], "count": 0}"#.utf8)) == [])
    }

    @Test func rejectsAMissingRequiredField() throws {
        #expect(try listViolations(list(with: thing("count", nil))) == ["$.things[1].count: required property is missing"])
        // Nullable does not mean optional.
        #expect(try listViolations(list(with: thing("note", nil))) == ["$.things[1].note: required property is missing"])
    }

    @Test func rejectsAWrongType() throws {
        #expect(try listViolations(list(with: thing("name", "5"))) == ["$.things[1].name: expected string, got integer"])
        #expect(try listViolations(list(with: thing("tags", #""t""#))) == ["$.things[1].tags: expected array, got string"])
        #expect(try listViolations(list(with: thing("tags", #"["a", null]"#))) == ["$.things[1].tags[1]: expected string, got null"])
        #expect(try listViolations(list(with: thing("count", "1.5"))) == ["$.things[1].count: expected integer, got number"])
        #expect(try listViolations(list(with: thing("extra", "[]"))) == ["$.things[1].extra: expected object or null, got array"])
    }

    @Test func rejectsAnExtraField() throws {
        #expect(try listViolations(list(with: thing("surprise", "1")))
            == ["$.things[1].surprise: property is not allowed (additionalProperties: false)"])
        #expect(try listViolations(list(with: thing("odd key", "1")))
            == [#"$.things[1]["odd key"]: property is not allowed (additionalProperties: false)"#])
    }

    @Test func rejectsABadEnumValue() throws {
        #expect(try listViolations(list(with: thing("kind", #""c""#))) == [#"$.things[1].kind: "c" is not one of "a", "b""#])
        #expect(try listViolations(list(with: thing("flag", #""y""#))) == [#"$.things[1].flag: "y" is not one of "x", null"#])
        #expect(try listViolations(list(with: thing("flag", #""x""#))) == [])
    }

    @Test func nullIsOnlyAllowedWhereNullable() throws {
        #expect(try listViolations(list(with: thing("name", "null"))) == ["$.things[1].name: expected string, got null"])
        #expect(try listViolations(list(with: thing("enabled", "null"))) == ["$.things[1].enabled: expected boolean, got null"])
        #expect(try listViolations(list(with: thing("note", #""2026-11-24T00:00:00Z""#))) == [])
        #expect(try listViolations(list(with: thing("note", "null"))) == [])
    }

    @Test func rejectsABoolWhereANumberIsRequired() throws {
        #expect(try listViolations(list(with: thing("count", "true"))) == ["$.things[1].count: expected integer, got boolean"])
        #expect(try listViolations(list(with: thing("count", "false"))) == ["$.things[1].count: expected integer, got boolean"])
        #expect(try listViolations(list(with: thing("ratio", "true"))) == ["$.things[1].ratio: expected number, got boolean"])
    }

    @Test func rejectsANumberWhereABoolIsRequired() throws {
        #expect(try listViolations(list(with: thing("enabled", "1"))) == ["$.things[1].enabled: expected boolean, got integer"])
        #expect(try listViolations(list(with: thing("enabled", "0"))) == ["$.things[1].enabled: expected boolean, got integer"])
        #expect(try listViolations(list(with: thing("enabled", "1.0"))) == ["$.things[1].enabled: expected boolean, got integer"])
        #expect(try listViolations(list(with: thing("enabled", "false"))) == [])
    }

    @Test func booleansAndNumbersAreParsedApart() throws {
        let value = try OpenAPIDocument.JSONValue(parsing: Data("[true, false, 1, 0, 1.0, 2.5, -7, null]".utf8))
        #expect(value == .array([.bool(true), .bool(false), .number(1), .number(0), .number(1), .number(2.5), .number(-7), .null]))
        #expect(value.arrayValue?.map(\.typeName) == ["boolean", "boolean", "integer", "integer", "integer", "number", "integer", "null"])
        // The trap this guards against: a JSON number converts to Bool through NSNumber.
        let raw = try #require(try JSONSerialization.jsonObject(with: Data("[1, true]".utf8)) as? [Any])
        #expect(!OpenAPIDocument.JSONValue.isBoolean(raw[0]))
        #expect(OpenAPIDocument.JSONValue.isBoolean(raw[1]))
    }

    @Test func checksMinimumAndMaximum() throws {
        #expect(try listViolations(list(with: thing("count", "-1"))) == ["$.things[1].count: -1 is less than the minimum 0"])
        #expect(try listViolations(list(with: thing("ratio", "1.5"))) == ["$.things[1].ratio: 1.5 is greater than the maximum 1"])
        #expect(try listViolations(list(with: thing("ratio", "1"))) == [])
    }

    @Test func reportsEveryViolation() throws {
        let body = Data(#"{"things": [{"name": 1, "count": 0, "enabled": true, "ratio": 0, "kind": "a", "note": null, "tags": [], "flag": null, "extra": null, "x": 1}], "count": "1"}"#.utf8)
        // Members are checked in key order.
        #expect(try listViolations(body) == [
            "$.count: expected integer, got string",
            "$.things[0].name: expected string, got integer",
            "$.things[0].x: property is not allowed (additionalProperties: false)",
        ])
    }

    @Test func rejectsTheWrongTopLevelType() throws {
        #expect(try listViolations(Data("[]".utf8)) == ["$: expected object, got array"])
        #expect(try listViolations(Data("null".utf8)) == ["$: expected object, got null"])
    }

    @Test func errorDescriptionNamesTheOperationAndPath() throws {
        let validator = try thingsValidator()
        let error = try #require(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: list(with: thing("kind", "null")), path: "/things", method: "get", status: 200)
        }
        #expect(error.description.contains("GET /things 200"))
        #expect(error.description.contains("$.things[1].kind: expected string, got null"))
    }

    @Test func oneOfNeedsExactlyOneMatch() throws {
        let validator = try thingsValidator()
        try validator.validate(responseBody: Data(goodThing.utf8), path: "/things/{id}", method: "GET", status: 200)
        try validator.validate(responseBody: Data(#"{"name": "n", "things": 2}"#.utf8), path: "/things/{id}", method: "GET", status: 200)
        let error = try #require(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data(#"{"name": "n", "things": "2"}"#.utf8), path: "/things/{id}", method: "GET", status: 200)
        }
        let violation = try #require(error.violations.first)
        #expect(error.violations.count == 1)
        #expect(violation.hasPrefix("$: matches none of the oneOf alternatives"))
        #expect(violation.contains("$.things: expected integer, got string"))
    }

    @Test func oneOfRejectsAmbiguousMatches() throws {
        let validator = try thingsValidator()
        let schema = try OpenAPIDocument.JSONValue(parsing: Data(#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#.utf8))
        #expect(try validator.violations(of: .number(1.5), against: schema) == [])
        #expect(try validator.violations(of: .number(1), against: schema) == ["$: matches 2 oneOf alternatives (#0, #1), exactly one is allowed"])
    }

    @Test func choosesTheResponseByStatus() throws {
        let validator = try thingsValidator()
        let errorBody = Data(#"{"error": {"code": "not_found", "message": "no"}}"#.utf8)
        // 404 is documented for /things/{id}; /things falls back to "default".
        try validator.validate(responseBody: errorBody, path: "/things/{id}", method: "GET", status: 404)
        try validator.validate(responseBody: errorBody, path: "/things", method: "GET", status: 500)
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: list(with: goodThing), path: "/things", method: "GET", status: 500)
        }
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data(#"{"error": {"code": "x"}}"#.utf8), path: "/things/{id}", method: "GET", status: 404)
        }
        // No 500 and no default for GET /things/{id}.
        let error = try #require(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: errorBody, path: "/things/{id}", method: "GET", status: 500)
        }
        guard case .undocumentedStatus(_, _, 500) = error else {
            Issue.record("expected undocumentedStatus, got \(error)")
            return
        }
    }

    @Test func bodilessResponses() throws {
        let validator = try thingsValidator()
        try validator.validate(responseBody: Data(), path: "/things/{id}", method: "DELETE", status: 204)
        try validator.validate(responseBody: Data(), path: "/things", method: "GET", status: 304)
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data("{}".utf8), path: "/things/{id}", method: "DELETE", status: 204)
        }
        // A JSON response needs a JSON body.
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data(), path: "/things", method: "GET", status: 200)
        }
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data("{\"things\": [".utf8), path: "/things", method: "GET", status: 200)
        }
        // Only text/plain is documented (through the 2XX range): any text passes, but not nothing.
        try validator.validate(responseBody: Data("hi".utf8), path: "/text", method: "GET", status: 200)
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data(), path: "/text", method: "GET", status: 200)
        }
    }

    @Test func rejectsUnknownOperations() throws {
        let validator = try thingsValidator()
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data("{}".utf8), path: "/nothing", method: "GET", status: 200)
        }
        #expect(throws: OpenAPIValidationError.self) {
            try validator.validate(responseBody: Data("{}".utf8), path: "/things", method: "POST", status: 200)
        }
    }

    @Test func listsOperations() throws {
        let operations = try thingsValidator().operations().map { "\($0.method) \($0.path)" }
        #expect(operations == ["GET /text", "GET /things", "GET /things/{id}", "DELETE /things/{id}"])
    }

    @Test func rejectsBrokenDocuments() throws {
        // A dangling $ref.
        let dangling = thingsDocument.replacingOccurrences(of: "#/components/schemas/Summary", with: "#/components/schemas/Nope")
        #expect(throws: OpenAPIValidationError.self) { try OpenAPIDocument(data: Data(dangling.utf8)) }
        // A keyword the validator would silently ignore.
        let unsupported = thingsDocument.replacingOccurrences(of: #""minimum": 0"#, with: #""multipleOf": 2"#)
        #expect(throws: OpenAPIValidationError.self) { try OpenAPIDocument(data: Data(unsupported.utf8)) }
        // Not OpenAPI.
        #expect(throws: OpenAPIValidationError.self) { try OpenAPIDocument(data: Data("{}".utf8)) }
        #expect(throws: OpenAPIValidationError.self) { try OpenAPIDocument(data: Data("nope".utf8)) }
    }
}

// MARK: - The real document

private let documentURL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("../../Sources/RegistryHTTP/openapi.json")
    .standardizedFileURL

private func realDocument() throws -> OpenAPIDocument {
    try OpenAPIDocument(data: Data(contentsOf: documentURL))
}

@Suite struct OpenAPIDocumentTests {
    @Test func parses() throws {
        let document = try realDocument()
        #expect(document.root["openapi"] == .string("3.1.0"))
        #expect(document.root["components"]?["securitySchemes"]?["bearerAuth"]?["scheme"] == .string("bearer"))
    }

    @Test func documentsEveryOperation() throws {
        let operations = Set(try realDocument().operations().map { "\($0.method) \($0.path)" })
        #expect(operations == [
            "GET /healthz", "GET /readyz", "GET /openapi.json",
            "GET /v1/regions", "GET /v1/regions/{code}",
            "GET /v1/profiles", "GET /v1/profiles/{id}", "GET /v1/profiles/{id}/access",
            "GET /v1/access/audit",
            "PUT /v1/grants/{region}/{model_id}", "DELETE /v1/grants/{region}/{model_id}", "GET /v1/grants",
            "GET /v1/changes",
            "GET /v1/refresh", "POST /v1/refresh",
            "GET /v1/status",
            "POST /v1/health/samples", "GET /v1/health", "GET /v1/profiles/{id}/route", "GET /v1/resolve",
            "GET /metrics",
        ])
    }

    @Test func everyOperationHasASuccessResponseWithASchema() throws {
        let document = try realDocument()
        var operationIds: [String] = []
        for (method, path) in document.operations() {
            let operation = try #require(document.operation(method: method, path: path))
            let operationId = try #require(operation["operationId"]?.stringValue, "\(method) \(path) has no operationId")
            operationIds.append(operationId)
            #expect(operation["summary"]?.stringValue != nil, "\(method) \(path) has no summary")
            #expect(operation["parameters"]?.arrayValue != nil, "\(method) \(path) has no parameters")
            let successes = try document.documentedStatuses(method: method, path: path).filter { $0.hasPrefix("2") }
            #expect(!successes.isEmpty, "\(method) \(path) has no 2xx response")
            for status in successes {
                let response = try document.response(method: method, path: path, status: Int(status) ?? 200)
                if status == "204" {
                    #expect(response["content"] == nil, "\(method) \(path) 204 documents a body")
                } else if path != "/metrics" {  // Prometheus text, not JSON
                    let schema = try document.responseSchema(method: method, path: path, status: Int(status) ?? 200)
                    #expect(schema != nil, "\(method) \(path) \(status) has no application/json schema")
                }
            }
            for status in try document.documentedStatuses(method: method, path: path) where status.first == "4" || status.first == "5" {
                let schema = try document.responseSchema(method: method, path: path, status: Int(status)!)
                if path != "/readyz" {
                    #expect(schema == .object(["$ref": .string("#/components/schemas/Error")]), "\(method) \(path) \(status) is not an Error")
                }
            }
            if let status = try document.documentedStatuses(method: method, path: path).first(where: { $0 == "304" }) {
                let response = try document.response(method: method, path: path, status: Int(status)!)
                #expect(response["content"] == nil, "\(method) \(path) 304 documents a body")
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
            if writes.contains(name) {
                #expect(operation["security"] == .array([.object(["bearerAuth": .array([])])]), "\(name) is not protected")
            } else {
                #expect(operation["security"] == nil, "\(name) should not need a token")
            }
            guard path.hasPrefix("/v1/") else { continue }
            for status in try document.documentedStatuses(method: method, path: path) {
                let response = try document.response(method: method, path: path, status: Int(status) ?? 599)
                let headers = response["headers"]?.objectValue ?? [:]
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
        let schemas = try #require(document.root["components"]?["schemas"]?.objectValue)
        func visit(_ schema: OpenAPIDocument.JSONValue, _ location: String, requestBody: Bool) {
            if let properties = schema["properties"]?.objectValue {
                #expect(schema["additionalProperties"] == .bool(false), "\(location) allows undocumented fields")
                let required = Set((schema["required"]?.arrayValue ?? []).compactMap(\.stringValue))
                if !requestBody {
                    #expect(required == Set(properties.keys), "\(location): required \(required.sorted()) != properties \(properties.keys.sorted())")
                }
                #expect(required.isSubset(of: properties.keys), "\(location) requires undefined properties")
                for (name, property) in properties {
                    visit(property, "\(location).\(name)", requestBody: requestBody)
                }
            }
            if let items = schema["items"] { visit(items, "\(location)[]", requestBody: requestBody) }
            for alternative in schema["oneOf"]?.arrayValue ?? [] { visit(alternative, location, requestBody: requestBody) }
        }
        for (name, schema) in schemas {
            visit(schema, name, requestBody: name.hasSuffix("Request"))
        }
    }

    @Test func acceptsRealisticBodies() throws {
        let document = try realDocument()
        let route = #"{"source_region": "us-east-2", "destination_regions": ["us-east-1", "us-east-2", "us-west-2"], "confidence": "high", "evidence": ["E4"]}"#
        let profile = #"""
            {"id": "us.anthropic.claude-3-haiku-20240307-v1:0", "name": "US Anthropic Claude 3 Haiku", "type": "SYSTEM_DEFINED",
             "geo": "us", "model_id": "anthropic.claude-3-haiku-20240307-v1:0", "status": "ACTIVE",
             "first_seen": "2026-11-24T00:00:00Z", "last_seen": "2026-11-24T00:00:00Z",
             "arn": null, "description": null, "created_at": null, "updated_at": null, "removed_at": null,
             "routes": [\#(route)], "notes": []}
            """#
        let destination = #"{"region": "us-east-1", "status": "granted", "origin": "manual", "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": "ok", "checked_at": "2026-11-24T00:00:00Z"}"#
        let unknown = #"{"region": "us-west-2", "status": "unknown", "origin": null, "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": null, "checked_at": null}"#
        let routeAccess = #"{"profile_id": "us.x", "model_id": "x", "source_region": "us-east-2", "complete": false, "destinations": [\#(destination), \#(unknown)], "missing": ["us-west-2"]}"#
        let run = #"{"id": 1, "source": "aws-published", "trigger": "startup", "started_at": "2026-11-24T00:00:00Z", "finished_at": "2026-11-24T00:00:01Z", "outcome": "partial", "error": "1 region part(s) failed", "added": 3, "changed": 0, "removed": 0, "index": 3, "regions": [{"region": "us-east-1", "part": "routes", "outcome": "failed", "error": "ListInferenceProfiles us-east-1: ThrottlingException (HTTP 429)", "requests": 3, "retries": 2, "throttled": 3, "duration_ms": 120}]}"#
        let cases: [(String, String, Int, String)] = [
            ("GET", "/healthz", 200, #"{"status": "ok"}"#),
            ("GET", "/readyz", 503, #"{"ready": false, "checks": {"store": true, "migrations": true, "loaded": false}}"#),
            ("GET", "/openapi.json", 200, #"{"openapi": "3.1.0"}"#),
            ("GET", "/v1/regions/{code}", 200, #"{"code": "us-east-1", "name": "US East (N. Virginia)", "geography": "United States", "partition": "aws", "opt_in": false, "bedrock_endpoint": null, "first_seen": "2026-11-24T00:00:00Z", "last_seen": "2026-11-24T00:00:00Z", "removed_at": null}"#),
            ("GET", "/v1/regions/{code}", 404, #"{"error": {"code": "not_found", "message": "no region"}}"#),
            ("GET", "/v1/profiles", 200, #"{"profiles": [\#(profile)], "count": 1}"#),
            ("GET", "/v1/profiles/{id}/access", 200, routeAccess),
            ("GET", "/v1/profiles/{id}/access", 200, #"{"profile_id": "us.x", "complete": false, "routes": [\#(routeAccess)]}"#),
            ("GET", "/v1/access/audit", 200, #"{"index": 4, "generated_at": "2026-11-24T00:00:00Z", "count": 1, "incomplete": [\#(routeAccess)]}"#),
            ("PUT", "/v1/grants/{region}/{model_id}", 200, #"{"model_id": "x", "region": "us-east-1", "origin": "manual", "status": "denied", "authorization_status": null, "entitlement_availability": null, "region_availability": null, "agreement_status": null, "note": null, "checked_at": "2026-11-24T00:00:00Z"}"#),
            ("PUT", "/v1/grants/{region}/{model_id}", 422, #"{"error": {"code": "unprocessable", "message": "bad status"}}"#),
            ("GET", "/v1/changes", 200, #"{"index": 5, "changes": [{"index": 5, "at": "2026-11-24T00:00:00Z", "kind": "grant", "key": "us-east-1|x", "action": "changed", "before": {"status": "unknown"}, "after": {"status": "granted"}}], "more": false}"#),
            ("GET", "/v1/refresh", 200, #"{"runs": [\#(run)], "last_success_at": null, "stale": true, "stale_after_seconds": 86400, "interval_seconds": 3600, "source": "aws-published", "running": false, "regions": [{"region": "us-east-1", "part": "routes", "last_attempt_at": "2026-11-24T00:00:01Z", "last_success_at": null, "last_error": "x", "consecutive_failures": 1, "stale": true}], "stale_regions": ["us-east-1"]}"#),
            ("POST", "/v1/refresh", 200, run),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 5, "profiles": 1, "regions": 1, "grants": 0, "source": "aws-published", "last_refresh": null, "started_at": "2026-11-24T00:00:00Z", "watchers": 0}"#),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 5, "profiles": 1, "regions": 1, "grants": 0, "source": "aws-published", "last_refresh": \#(run), "started_at": "2026-11-24T00:00:00Z", "watchers": 0}"#),
        ]
        for (method, path, status, body) in cases {
            #expect(throws: Never.self, "\(method) \(path) \(status)") {
                try document.validate(responseBody: Data(body.utf8), path: path, method: method, status: status)
            }
        }
        try document.validate(responseBody: Data(), path: "/v1/grants/{region}/{model_id}", method: "DELETE", status: 204)
        try document.validate(responseBody: Data(), path: "/v1/profiles/{id}", method: "GET", status: 304)
    }

    @Test func rejectsUndocumentedFieldsAndBadValues() throws {
        let document = try realDocument()
        let route = #"{"source_region": "us-east-1", "destination_regions": [], "confidence": null, "evidence": []}"#
        func profile(_ route: String) -> String {
            #"{"id": "p", "name": "n", "type": "APPLICATION", "geo": "us", "model_id": "m", "status": "ACTIVE", "first_seen": "t", "last_seen": "t", "arn": null, "description": null, "created_at": null, "updated_at": null, "removed_at": null, "routes": [\#(route)], "notes": []}"#
        }
        let nullSource = route.replacingOccurrences(of: #""us-east-1""#, with: "null")
        let extraField = route.replacingOccurrences(of: "{", with: #"{"weight": 1, "#)
        let cases: [(String, String, Int, String, String)] = [
            ("GET", "/v1/profiles", 200, #"{"profiles": [\#(profile(route)), \#(profile(route)), \#(profile(route)), \#(profile(nullSource))], "count": 4}"#,
             "$.profiles[3].routes[0].source_region: expected string, got null"),
            ("GET", "/v1/profiles/{id}", 200, profile(extraField), "$.routes[0].weight: property is not allowed"),
            ("GET", "/v1/profiles/{id}", 200, profile(route).replacingOccurrences(of: "APPLICATION", with: "application"), #"$.type: "application" is not one of"#),
            ("GET", "/healthz", 200, #"{"status": "ok", "uptime": 1}"#, "$.uptime: property is not allowed"),
            ("GET", "/v1/status", 200, #"{"version": "0.1.0", "index": 0, "profiles": 1, "regions": 1, "grants": 0, "source": "s", "last_refresh": null, "started_at": "t", "watchers": 0}"#, "$.index: 0 is less than the minimum 1"),
            ("GET", "/v1/profiles/{id}/access", 200, #"{"profile_id": "us.x", "complete": 1, "routes": []}"#, "$.complete: expected boolean, got integer"),
            ("GET", "/v1/grants", 200, #"{"grants": [], "count": 0, "next": null}"#, "$.next: property is not allowed"),
            ("GET", "/v1/profiles", 400, #"{"error": {"code": "oops", "message": "m"}}"#, #"$.error.code: "oops" is not one of"#),
        ]
        for (method, path, status, body, expected) in cases {
            let error = try #require(throws: OpenAPIValidationError.self, "\(method) \(path) \(status)") {
                try document.validate(responseBody: Data(body.utf8), path: path, method: method, status: status)
            }
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
