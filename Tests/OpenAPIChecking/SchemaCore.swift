import OpenAPIKit

/// The parts of a schema's core context the checker reads, taken straight from the enum case: the
/// conveniences on `DereferencedJSONSchema` (`nullable`, `required`, ...) rebuild the whole
/// `JSONSchema` subtree on every call.
struct SchemaCore {
    /// `"type": [..., "null"]` (or `"type": "null"`).
    let nullable: Bool
    /// Listed in the parent object's `required`.
    let required: Bool
    /// Made up by OpenAPIKit for a `required` name that `properties` does not define.
    let inferred: Bool
    /// `enum`, or `[const]`.
    let allowedValues: [AnyCodable]?
    /// The component this schema was dereferenced from, if it was a `$ref`.
    let componentName: String?

    init(_ schema: DereferencedJSONSchema) {
        switch schema {
        case .null(let core): self.init(core)
        case .boolean(let core): self.init(core)
        case .number(let core, _): self.init(core)
        case .integer(let core, _): self.init(core)
        case .string(let core, _): self.init(core)
        case .object(let core, _): self.init(core)
        case .array(let core, _): self.init(core)
        case .all(of: _, core: let core), .one(of: _, core: let core), .any(of: _, core: let core),
             .not(_, core: let core), .fragment(let core):
            self.init(core)
        }
    }

    private init<Format>(_ core: JSONSchema.CoreContext<Format>) {
        nullable = core.nullable
        required = core.required
        inferred = core.inferred
        allowedValues = core.allowedValues
        componentName = core.vendorExtensions[OpenAPI.Components.componentNameExtension]?.value as? String
    }

    /// The JSON type a schema demands, nil for schemas without one (fragments and combinators).
    static func typeName(of schema: DereferencedJSONSchema) -> String? {
        switch schema {
        case .null: return "null"
        case .boolean: return "boolean"
        case .number: return "number"
        case .integer: return "integer"
        case .string: return "string"
        case .object: return "object"
        case .array: return "array"
        case .all, .one, .any, .not, .fragment: return nil
        }
    }
}
