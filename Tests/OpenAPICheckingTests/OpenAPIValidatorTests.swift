import Foundation
import OpenAPIChecking
import Testing

// Tests of the checker itself with the small inline document of ThingsFixture.swift: response bodies.
// OpenAPIValidatorTests+Document.swift has the tests of statuses, operations and loading.

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
        // The trap this guards against: JSONSerialization gives an NSNumber for both `1` and `true`, and a
        // JSON number converts to Bool through NSNumber. JSONInstance parses with JSONDecoder, which keeps them apart.
        #expect(try OpenAPIDocument.JSONValue(parsing: Data("1".utf8)) == .number(1))
        #expect(try OpenAPIDocument.JSONValue(parsing: Data("true".utf8)) == .bool(true))
        #expect(try OpenAPIDocument.JSONValue(parsing: Data(#"{"a": 0, "b": false}"#.utf8)) == .object(["a": .number(0), "b": .bool(false)]))
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
}
