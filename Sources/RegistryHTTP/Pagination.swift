import Foundation
import RegionRegistry

/// `?limit=L&after=CURSOR` on list endpoints: pages of a list sorted by a unique text key. The
/// cursor is opaque to clients (base64url of the last key of the page before), so the sort key
/// may change without breaking them; a page answer carries `next` (null on the last page) and
/// `total` (items matching the filters, on every page).
struct Pagination {
    static let defaultLimit: Int64 = 1000
    static let maxLimit: Int64 = 5000

    let limit: Int
    /// The last key of the previous page; nil for the first page.
    let after: String?

    init(_ query: QueryParameters) throws {
        limit = Int(try query.int("limit", in: 1...Self.maxLimit) ?? Self.defaultLimit)
        guard let cursor = query.string("after") else {
            after = nil
            return
        }
        guard let key = Self.decode(cursor) else {
            throw APIError.invalidParameter("after", "not a cursor this API handed out (use the previous page's next)")
        }
        after = key
    }

    /// One page of `items` (sorted by `key`, keys unique), with the page fields of the answer.
    func page<Item>(_ items: [Item], key: (Item) -> String) -> (items: ArraySlice<Item>, fields: [String: JSONValue]) {
        var start = items.startIndex
        if let after {
            // Binary search: the first item whose key sorts after the cursor's.
            var low = items.startIndex, high = items.endIndex
            while low < high {
                let mid = (low + high) / 2
                if key(items[mid]) <= after { low = mid + 1 } else { high = mid }
            }
            start = low
        }
        let end = min(items.endIndex, start + limit)
        let page = items[start..<end]
        let next: JSONValue = end < items.endIndex ? .string(Self.encode(key(items[end - 1]))) : .null
        return (page, ["count": .int(Int64(page.count)), "total": .int(Int64(items.count)), "next": next])
    }

    static func encode(_ key: String) -> String {
        Data(key.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String) -> String? {
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        // Any well-formed cursor is a position: bytes that are not UTF-8 still sort somewhere.
        return Data(base64Encoded: base64).map { String(decoding: $0, as: UTF8.self) }
    }
}
