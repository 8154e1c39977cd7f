import Foundation
import OpenAPIChecking

// The small inline document and helpers that the tests of the checker itself use.

let thingsDocument = #"""
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

func thingsValidator() throws -> OpenAPIDocument {
    try OpenAPIDocument(data: Data(thingsDocument.utf8))
}

let goodThing = #"""
{"name": "n", "count": 3, "enabled": true, "ratio": 0.5, "kind": "a", "note": null, "tags": ["t"], "flag": null, "extra": {"any": [1, true]}}
"""#

/// A ThingList body whose second thing is `thing` (the first one is `goodThing`).
func list(with thing: String) -> Data {
    Data(#"{"things": [\#(goodThing), \#(thing)], "count": 2}"#.utf8)
}

/// `goodThing` with one member replaced (or removed when `value` is nil).
func thing(_ key: String, _ value: String?) -> String {
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
func listViolations(_ body: Data) throws -> [String] {
    do {
        try thingsValidator().validate(responseBody: body, path: "/things", method: "GET", status: 200)
        return []
    } catch let error as OpenAPIValidationError {
        if case .schemaViolations = error { return error.violations }
        throw error
    }
}
