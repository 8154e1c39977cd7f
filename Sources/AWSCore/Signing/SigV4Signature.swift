/// The outcome of signing: the headers to add, plus the intermediate forms for tests and diagnostics.
///
/// `description` shows only the scope and signed header names: the canonical request may hold a
/// session token, and a logged Authorization value can be replayed for a few minutes.
public struct SigV4Signature: Sendable, CustomStringConvertible {
    /// `Authorization` header value.
    public let authorization: String
    /// `X-Amz-Date` header value (`yyyyMMdd'T'HHmmss'Z'`).
    public let amzDate: String
    /// `X-Amz-Security-Token` header value, present for temporary credentials.
    public let securityToken: String?
    /// `date/region/service/aws4_request`.
    public let credentialScope: String
    /// `;`-joined lowercase names of the signed headers.
    public let signedHeaders: String
    /// Lowercase hex signature.
    public let signature: String
    /// The canonical request that was signed.
    public let canonicalRequest: String
    /// The string to sign derived from the canonical request.
    public let stringToSign: String

    /// Headers to add before sending: Authorization, X-Amz-Date and, when present, X-Amz-Security-Token.
    public var headers: [(name: String, value: String)] {
        var headers = [(name: "Authorization", value: authorization), (name: "X-Amz-Date", value: amzDate)]
        if let securityToken { headers.append((name: "X-Amz-Security-Token", value: securityToken)) }
        return headers
    }

    public var description: String {
        "SigV4Signature(scope: \(credentialScope), signedHeaders: \(signedHeaders))"
    }
}
