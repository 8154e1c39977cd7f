import Foundation
import RegionRegistry

/// JSON text columns (notes, evidence, change summaries). Sorted keys: the same value always
/// stores the same bytes.
package enum JSONText {
    /// Change summaries, with the direct writer: a first refresh of a large registry logs
    /// hundreds of thousands of them, and Foundation's encoder was most of its cost.
    package static func encode(_ object: [String: JSONValue]) -> String {
        encode(JSONValue.object(object))
    }

    /// Any JSON value as text, with the direct writer (PostgreSQL's batches of rows are arrays).
    package static func encode(_ value: JSONValue) -> String {
        String(decoding: value.jsonBytes, as: UTF8.self)
    }

    package static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ type: T.Type, from text: String?) throws -> T? {
        guard let text else { return nil }
        return try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
