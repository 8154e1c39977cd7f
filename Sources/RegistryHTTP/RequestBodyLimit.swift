import Hummingbird
import NIOCore

extension Request {
    /// The whole body, refused with 413 when it is larger than `limit`: at once when
    /// `Content-Length` says so (nothing is read), else as soon as the bytes read pass the limit.
    /// The refusal closes the connection, so the rest of a large body is never read.
    func collectBody(upTo limit: Int) async throws -> ByteBuffer {
        if let declared = headers[.contentLength].flatMap(Int.init), declared > limit {
            throw APIError.bodyTooLarge(limit: limit)
        }
        do {
            return try await body.collect(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.bodyTooLarge(limit: limit)
        }
    }
}

extension APIError {
    static func bodyTooLarge(limit: Int) -> APIError {
        var error = APIError(.contentTooLarge, code: "payload_too_large", "request body too large: this endpoint takes at most \(limit) bytes")
        error.headers[.connection] = "close"
        return error
    }
}
