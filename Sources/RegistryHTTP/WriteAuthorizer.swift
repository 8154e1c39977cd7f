import Crypto
import Foundation
import Hummingbird
import Synchronization

/// Guards the write endpoints with a bearer token. Without a configured token, writes are refused:
/// an unauthenticated daemon must not let anyone on the network edit grants.
public final class WriteAuthorizer: Sendable {
    private let tokenDigest: Mutex<SHA256.Digest?>

    public init(token: String?) {
        tokenDigest = Mutex(token.map { SHA256.hash(data: Data($0.utf8)) })
    }

    /// Replaces the token (configuration reload); nil disables writes.
    public func replaceToken(_ token: String?) {
        let digest = token.map { SHA256.hash(data: Data($0.utf8)) }
        tokenDigest.withLock { $0 = digest }
    }

    public var isEnabled: Bool { tokenDigest.withLock { $0 != nil } }

    /// - Throws: 401 without a bearer credential, 403 when it is wrong or writes are disabled.
    func authorize(_ request: Request) throws {
        guard let expected = tokenDigest.withLock({ $0 }) else {
            throw APIError(.forbidden, code: "forbidden", "writes are disabled: regiond has no API token configured (--token-file)")
        }
        guard let header = request.headers[.authorization] else {
            throw Self.unauthorized("this endpoint needs Authorization: Bearer <token>")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw Self.unauthorized("malformed Authorization header: expected Bearer <token>")
        }
        // Comparing fixed-size digests byte by byte without an early exit: the time taken says
        // nothing about how much of the token was right.
        let given = SHA256.hash(data: Data(parts[1].utf8))
        var difference: UInt8 = 0
        for (a, b) in zip(expected, given) { difference |= a ^ b }
        guard difference == 0 else {
            throw APIError(.forbidden, code: "forbidden", "the bearer token is not valid")
        }
    }

    private static func unauthorized(_ message: String) -> APIError {
        var error = APIError(.unauthorized, code: "unauthorized", message)
        error.headers[.wwwAuthenticate] = "Bearer realm=\"regiond\""
        return error
    }
}
