import Hummingbird
import SigV4Verification

/// A Query-protocol POST (STS, IAM) as a stand-in receives it: the form decoded, and the request
/// as the SigV4 verifier sees it.
struct ReceivedForm {
    /// The form parameters, decoded (the first of a repeated name).
    var parameters: [String: String]
    var signed: SigV4ReceivedRequest

    static func read(_ request: Request) async throws -> ReceivedForm {
        let body = Array(try await request.body.collect(upTo: 1 << 20).readableBytesView)
        let pairs = AWSURIDecoding.query(String(decoding: body, as: UTF8.self))
        // HTTPTypes moves `Host` into the `:authority` pseudo-header; AWS signs it as `host`.
        let headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
            + (request.head.authority.map { [(name: "host", value: $0)] } ?? [])
        return ReceivedForm(parameters: Dictionary(pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }),
                            signed: SigV4ReceivedRequest(method: request.method.rawValue, path: request.uri.path,
                                                         rawQuery: request.uri.query ?? "", headers: headers, body: body))
    }
}
