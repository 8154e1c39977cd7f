import Crypto
import Foundation
import Hummingbird
import RegionRegistry

/// Encodes API bodies. Keys are sorted so the same value always gives the same bytes, which is
/// what makes ETags stable (Foundation's encoder on Linux does not keep key order otherwise).
public enum JSONBody {
    public static func encode(_ value: JSONValue) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // JSONValue holds only strings, numbers, booleans, arrays and objects: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data("null".utf8)
    }

    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        response(encode(value), status: status)
    }

    static func response(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A GET answer with an ETag, or 304 when the client's `If-None-Match` already has it.
    static func conditional(_ value: JSONValue, request: Request) -> Response {
        let data = encode(value)
        let etag = "\"" + SHA256.hash(data: data).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
        if let ifNoneMatch = request.headers[.ifNoneMatch], matches(ifNoneMatch, etag) {
            var headers = HTTPFields()
            headers[.eTag] = etag
            return Response(status: .notModified, headers: headers)
        }
        var response = response(data)
        response.headers[.eTag] = etag
        return response
    }

    /// RFC 9110 weak comparison over a list of entity tags (or `*`).
    static func matches(_ ifNoneMatch: String, _ etag: String) -> Bool {
        ifNoneMatch.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            return tag == etag
        }
    }
}
