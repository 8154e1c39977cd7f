import Foundation
import OpenAPIChecking
import Testing

// Tests of the checker itself with the small inline document: combinators, statuses, operations, loading.

extension OpenAPIValidatorTests {
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
        let schema = try validator.schema(json: Data(#"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#.utf8))
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
