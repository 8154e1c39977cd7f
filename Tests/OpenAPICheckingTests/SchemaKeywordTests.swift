import Foundation
import OpenAPIChecking
import OpenAPIKit
import Testing

// The keywords the ported tests do not reach, checked with inline schemas, and the schemas that
// loading refuses because OpenAPIKit would drop part of them or the checker would skip a keyword.

/// The violations of a JSON value against a JSON schema, resolved against the things document.
private func violations(_ value: String, _ schema: String) throws -> [String] {
    let document = try thingsValidator()
    return try document.violations(of: JSONInstance(parsing: Data(value.utf8)), against: document.schema(json: Data(schema.utf8)))
}

@Suite struct SchemaKeywordTests {
    @Test func checksConstAsAOneValueEnum() throws {
        #expect(try violations(#""a""#, #"{"const": "a"}"#) == [])
        #expect(try violations("1", #"{"const": true}"#) == [#"$: 1 is not one of true"#])
    }

    @Test func checksExclusiveBounds() throws {
        let schema = #"{"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1}"#
        #expect(try violations("0.5", schema) == [])
        #expect(try violations("0", schema) == ["$: 0 is not greater than 0"])
        #expect(try violations("1", schema) == ["$: 1 is not less than 1"])
        #expect(try violations("2", #"{"type": "integer", "maximum": 1}"#) == ["$: 2 is greater than the maximum 1"])
    }

    @Test func checksStrings() throws {
        let schema = #"{"type": "string", "minLength": 2, "maxLength": 3, "pattern": "^[a-z]+$"}"#
        #expect(try violations(#""abc""#, schema) == [])
        #expect(try violations(#""a""#, schema) == ["$: string is shorter than 2 characters"])
        #expect(try violations(#""abcd""#, schema) == ["$: string is longer than 3 characters"])
        #expect(try violations(#""AB""#, schema) == [#"$: "AB" does not match the pattern "^[a-z]+$""#])
    }

    @Test func checksArrayLengths() throws {
        let schema = #"{"type": "array", "minItems": 1, "maxItems": 2, "items": {"type": "integer"}}"#
        #expect(try violations("[1]", schema) == [])
        #expect(try violations("[]", schema) == ["$: array has fewer than 1 items"])
        #expect(try violations("[1, 2, 3]", schema) == ["$: array has more than 2 items"])
        #expect(try violations(#"[1, "2"]"#, schema) == ["$[1]: expected integer, got string"])
    }

    @Test func checksAdditionalPropertiesSchemas() throws {
        let schema = #"{"type": "object", "properties": {"a": {"type": "string"}}, "additionalProperties": {"type": "integer"}}"#
        #expect(try violations(#"{"a": "x", "b": 1}"#, schema) == [])
        #expect(try violations(#"{"a": "x", "b": "y"}"#, schema) == ["$.b: expected integer, got string"])
        // Without `properties` or `additionalProperties`, any member is fine; a required one must be there.
        #expect(try violations(#"{"z": 1}"#, #"{"type": "object", "required": ["a"]}"#) == ["$.a: required property is missing"])
    }

    @Test func checksAllOfAndAnyOf() throws {
        let allOf = #"{"allOf": [{"type": "integer"}, {"type": "integer", "minimum": 2}]}"#
        #expect(try violations("3", allOf) == [])
        #expect(try violations("1", allOf) == ["$: 1 is less than the minimum 2"])
        let anyOf = #"{"anyOf": [{"type": "string"}, {"type": "null"}]}"#
        #expect(try violations("null", anyOf) == [])
        #expect(try violations("1", anyOf) == ["$: matches none of the anyOf alternatives: [#0] $: expected string, got integer | [#1] $: expected null, got integer"])
    }

    @Test func namesReferencedAlternatives() throws {
        let schema = ##"{"oneOf": [{"$ref": "#/components/schemas/Summary"}, {"type": "integer"}]}"##
        let problem = try #require(try violations(#""x""#, schema).first)
        #expect(problem.contains("[#0 #/components/schemas/Summary] $: expected object, got string"))
    }

    @Test func refusesSchemasThatWouldNotBeCheckedAsWritten() throws {
        let refused = [
            #"{"type": "integer", "multipleOf": 2}"#,  // a keyword the checker does not enforce
            #"{"minimum": 0}"#,  // OpenAPIKit would make it a number schema
            #"{"type": "string", "minimum": 0}"#,  // OpenAPIKit would drop the minimum
            #"{"type": ["string", "integer"]}"#,  // OpenAPIKit keeps only the first type
            #"{"type": ["null"]}"#,  // OpenAPIKit reads it as no type
            #"{"type": "object", "oneOf": [{"required": ["a"]}]}"#,  // OpenAPIKit keeps only the oneOf
            ##"{"$ref": "#/components/schemas/Summary", "type": "object"}"##,
            #"{"const": null}"#,  // OpenAPIKit drops it
            #"{"type": "integer", "minimum": 0, "exclusiveMinimum": 1}"#,  // OpenAPIKit keeps one
            #"{"type": "array", "items": false}"#,  // a boolean schema OpenAPIKit cannot read
            #"{"not": {"type": "string"}}"#,
            ##"{"$ref": "#/components/schemas/Nope"}"##,
        ]
        let document = try thingsValidator()
        for schema in refused {
            #expect(throws: OpenAPIValidationError.self, "\(schema)") { try document.schema(json: Data(schema.utf8)) }
        }
    }

    @Test func refusesRecursiveSchemas() throws {
        // OpenAPIKit cannot dereference a $ref cycle, so such a document does not load.
        let recursive = thingsDocument.replacingOccurrences(
            of: #""count": {"type": "integer"}"#, with: ##""count": {"type": "integer"}, "next": {"$ref": "#/components/schemas/ThingList"}"##)
        #expect(recursive != thingsDocument)
        #expect(throws: OpenAPIValidationError.self) { try OpenAPIDocument(data: Data(recursive.utf8)) }
    }

    @Test func refusesSchemaFeaturesBuiltInCode() throws {
        let document = try thingsValidator()
        let schema = try #require(JSONSchema.integer(multipleOf: 2).dereferenced())
        #expect(throws: OpenAPIValidationError.self) { try document.violations(of: .number(4), against: schema) }
    }
}
