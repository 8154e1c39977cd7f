import Foundation
import OpenAPIKit

extension SchemaChecker {
    /// minimum/maximum, exclusive or not (OpenAPIKit folds exclusiveMinimum into an exclusive bound).
    mutating func checkBounds(_ number: Double, minimum: (Double, Bool)?, maximum: (Double, Bool)?, at path: String) {
        let value = JSONInstance.number(number)
        if let (bound, exclusive) = minimum {
            if exclusive, number <= bound {
                violations.append("\(path): \(value) is not greater than \(JSONInstance.number(bound))")
            } else if !exclusive, number < bound {
                violations.append("\(path): \(value) is less than the minimum \(JSONInstance.number(bound))")
            }
        }
        if let (bound, exclusive) = maximum {
            if exclusive, number >= bound {
                violations.append("\(path): \(value) is not less than \(JSONInstance.number(bound))")
            } else if !exclusive, number > bound {
                violations.append("\(path): \(value) is greater than the maximum \(JSONInstance.number(bound))")
            }
        }
    }

    mutating func checkString(_ string: String, _ context: JSONSchema.StringContext, at path: String) throws {
        let length = string.unicodeScalars.count
        if length < context.minLength {
            violations.append("\(path): string is shorter than \(context.minLength) characters")
        }
        if let maxLength = context.maxLength, length > maxLength {
            violations.append("\(path): string is longer than \(maxLength) characters")
        }
        if let pattern = context.pattern {
            let regex: NSRegularExpression
            do {
                regex = try NSRegularExpression(pattern: pattern)
            } catch {
                throw OpenAPIValidationError.invalidDocument("bad pattern \(JSONInstance.quote(pattern)) at \(path)")
            }
            let range = NSRange(string.startIndex..<string.endIndex, in: string)
            if regex.firstMatch(in: string, range: range) == nil {
                violations.append("\(path): \(JSONInstance.string(string)) does not match the pattern \(JSONInstance.quote(pattern))")
            }
        }
    }

    mutating func checkArray(_ items: [JSONInstance], _ context: DereferencedJSONSchema.ArrayContext, at path: String) throws {
        if items.count < context.minItems {
            violations.append("\(path): array has fewer than \(context.minItems) items")
        }
        if let maxItems = context.maxItems, items.count > maxItems {
            violations.append("\(path): array has more than \(maxItems) items")
        }
        if let itemSchema = context.items {
            for (index, item) in items.enumerated() {
                try check(item, against: itemSchema, at: "\(path)[\(index)]")
            }
        }
    }

    /// Missing required properties first, then the members in key order.
    mutating func checkObject(
        _ object: [String: JSONInstance], _ context: DereferencedJSONSchema.ObjectContext, at path: String
    ) throws {
        let cores = Dictionary(uniqueKeysWithValues: context.properties.map { ($0.key, SchemaCore($0.value)) })
        for name in cores.keys.sorted() where cores[name]!.required && object[name] == nil {
            violations.append("\(Self.member(path, name)): required property is missing")
        }
        for name in object.keys.sorted() {
            let member = Self.member(path, name)
            // An inferred property only records a `required` name; it defines nothing.
            if let property = context.properties[name], cores[name]?.inferred == false {
                try check(object[name]!, against: property, at: member)
                continue
            }
            switch context.additionalProperties {
            case .a(false)?:
                violations.append("\(member): property is not allowed (additionalProperties: false)")
            case .b(let schema)?:
                try check(object[name]!, against: schema, at: member)
            case .a(true)?, nil:
                break
            }
        }
    }

    mutating func checkAnyOf(_ value: JSONInstance, _ schemas: [DereferencedJSONSchema], at path: String) throws {
        let results = try schemas.map { try Self.violations(of: value, against: $0, at: path) }
        if !results.contains(where: \.isEmpty) {
            violations.append("\(path): matches none of the anyOf alternatives: " + Self.describe(results, schemas))
        }
    }

    mutating func checkOneOf(_ value: JSONInstance, _ schemas: [DereferencedJSONSchema], at path: String) throws {
        let results = try schemas.map { try Self.violations(of: value, against: $0, at: path) }
        let matching = results.indices.filter { results[$0].isEmpty }
        if matching.isEmpty {
            violations.append("\(path): matches none of the oneOf alternatives: " + Self.describe(results, schemas))
        } else if matching.count > 1 {
            let labels = matching.map { Self.label(schemas[$0], $0) }.joined(separator: ", ")
            violations.append("\(path): matches \(matching.count) oneOf alternatives (\(labels)), exactly one is allowed")
        }
    }

    /// The violations of one alternative, checked on its own.
    static func violations(of value: JSONInstance, against schema: DereferencedJSONSchema, at path: String) throws -> [String] {
        var branch = SchemaChecker()
        try branch.check(value, against: schema, at: path)
        return branch.violations
    }

    private static func describe(_ results: [[String]], _ schemas: [DereferencedJSONSchema]) -> String {
        results.indices.map { "[\(label(schemas[$0], $0))] " + results[$0].joined(separator: "; ") }.joined(separator: " | ")
    }

    /// `#1`, or `#1 #/components/schemas/Name` for an alternative that was a `$ref`.
    private static func label(_ schema: DereferencedJSONSchema, _ index: Int) -> String {
        guard let name = SchemaCore(schema).componentName else { return "#\(index)" }
        return "#\(index) #/components/schemas/\(SchemaKeywordAudit.pointerToken(name))"
    }

    /// `$.a` for identifier-like names, `$["a b"]` otherwise.
    static func member(_ path: String, _ name: String) -> String {
        func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
            (0x61...0x7A).contains(scalar.value) || (0x41...0x5A).contains(scalar.value)
                || (0x30...0x39).contains(scalar.value) || scalar == "_"
        }
        let startsWithDigit = name.unicodeScalars.first.map { (0x30...0x39).contains($0.value) } ?? true
        let identifier = !startsWithDigit && name.unicodeScalars.allSatisfy(isWordCharacter)
        return identifier ? "\(path).\(name)" : "\(path)[\(JSONInstance.quote(name))]"
    }
}
