import SigV4Verification
import AWSCore
import Foundation

extension BedrockStandIn {
    struct Verdict {
        var region: String?
        var error: String?
        var unknownKey = false
    }

    /// Recomputes the signature from the request as received. The region is the one the client
    /// put in its credential scope: every region shares this endpoint.
    func verify(method: String, path: String, query: String, headers: [(String, String)]) -> Verdict {
        let received = SigV4ReceivedRequest(method: method, path: path, rawQuery: query,
                                            headers: headers.map { (name: $0.0, value: $0.1) })
        guard let region = SigV4Verifier.credentialScope(of: received)?.region else {
            return Verdict(region: nil, error: "Authorization header missing or without a credential scope")
        }
        let known = state.withLock { $0.credentials }
        do {
            _ = try SigV4Verifier(service: "bedrock", region: region).verify(received, now: Date()) { known[$0] }
            return Verdict(region: region)
        } catch {
            return Verdict(region: region, error: error.reason, unknownKey: error.kind == .unknownAccessKey)
        }
    }
}
