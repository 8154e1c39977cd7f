import Crypto
import Foundation
import Hummingbird
import RegionRegistry

/// Encodes API bodies with sorted keys, so the same value always gives the same bytes: that is
/// what makes ETags stable.
public enum JSONBody {
    public static func encode(_ value: JSONValue) -> Data {
        Data(value.jsonBytes)
    }

    static func response(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        response(ByteBuffer(bytes: value.jsonBytes), status: status)
    }

    static func response(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        response(ByteBuffer(bytes: data), status: status)
    }

    static func response(_ buffer: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: buffer))
    }

    /// A GET answer with an ETag, or 304 when the client's `If-None-Match` already has it.
    static func conditional(_ value: JSONValue, request: Request) -> Response {
        conditional(EncodedBody(value), request: request)
    }

    static func conditional(_ body: EncodedBody, request: Request) -> Response {
        if let ifNoneMatch = request.headers[.ifNoneMatch], matches(ifNoneMatch, body.etag) {
            var headers = HTTPFields()
            headers[.eTag] = body.etag
            return Response(status: .notModified, headers: headers)
        }
        var response = response(body.bytes)
        response.headers[.contentType] = body.contentType
        response.headers[.eTag] = body.etag
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

/// A response body encoded once, with its strong ETag (a SHA-256 prefix of the bytes).
struct EncodedBody: Sendable {
    let bytes: ByteBuffer
    let etag: String

    /// The media type to send it as.
    let contentType: String

    init(_ value: JSONValue) {
        self.init(bytes: value.jsonBytes, contentType: "application/json; charset=utf-8")
    }

    init(bytes: [UInt8], contentType: String) {
        self.bytes = ByteBuffer(bytes: bytes)
        self.contentType = contentType
        etag = "\"" + SHA256.hash(data: bytes).prefix(12).map { String(format: "%02x", $0) }.joined() + "\""
    }
}
