/// What gets signed: one HTTP request as it will go on the wire.
public struct SigV4Request: Sendable {
    /// HTTP method, e.g. `GET`.
    public var method: String
    /// Host header value, with `:port` only when the port is not the scheme's default.
    public var host: String
    /// The path as sent on the wire, already percent-encoded once (see `AWSURIEncoding.path(segments:)`).
    public var path: String
    /// Raw (decoded) query names and values; the signer and `pathAndQuery` encode them.
    public var query: [(name: String, value: String)]
    /// Extra headers to sign. `Host`, `X-Amz-Date`, `X-Amz-Security-Token` and `Authorization` are
    /// the signer's own and are ignored here.
    public var headers: [(name: String, value: String)]
    /// Lowercase hex SHA-256 of the body.
    public var payloadHash: String

    /// A request whose path is already encoded as it will be sent.
    public init(method: String = "GET", host: String, path: String,
                query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
                body: [UInt8] = []) {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = SigV4Canonical.sha256Hex(body)
    }

    /// A request whose path is built from raw segments, each encoded once (`a.b-v1:0` → `a.b-v1%3A0`).
    public init(method: String = "GET", host: String, pathSegments: [String],
                query: [(name: String, value: String)] = [], headers: [(name: String, value: String)] = [],
                body: [UInt8] = []) {
        self.init(method: method, host: host, path: AWSURIEncoding.path(segments: pathSegments),
                  query: query, headers: headers, body: body)
    }

    /// The request target to send (`/path?query`), encoded exactly as it is signed.
    public var pathAndQuery: String {
        let queryString = AWSURIEncoding.queryString(query)
        return queryString.isEmpty ? path : "\(path)?\(queryString)"
    }
}
