/// A request as a server received it, for recomputing its signature the way AWS does.
public struct SigV4ReceivedRequest: Sendable {
    /// HTTP method as received.
    public var method: String
    /// The request target's path exactly as received, still percent-encoded.
    public var path: String
    /// The raw query string as received, without `?` (empty when there is none).
    public var rawQuery: String
    /// Every header as received, in order, repeats included.
    public var headers: [(name: String, value: String)]
    /// The request body.
    public var body: [UInt8]

    /// A received request from its parts.
    public init(method: String, path: String, rawQuery: String = "",
                headers: [(name: String, value: String)], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
    }

    /// A received request from its request target (`/path?query`), split at the first `?`.
    public init(method: String, target: String, headers: [(name: String, value: String)], body: [UInt8] = []) {
        let (path, query) = target.firstIndex(of: "?").map {
            (String(target[..<$0]), String(target[target.index(after: $0)...]))
        } ?? (target, "")
        self.init(method: method, path: path, rawQuery: query, headers: headers, body: body)
    }

    func values(of lowercaseName: String) -> [String] {
        headers.filter { $0.name.lowercased() == lowercaseName }.map(\.value)
    }
}
