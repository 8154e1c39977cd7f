import Foundation
import Hummingbird
import Synchronization

/// An IMDSv2 look-alike: a session token from `PUT /latest/api/token` (which must ask for a
/// TTL) is required on every metadata GET, else 401, as on an instance with IMDSv1 off.
struct CredentialIMDSStandIn: Sendable {
    static let sessionToken = "imds-session-token"
    static let role = "regiond-role"

    /// What the credentials path answers; `issued` counts the answers so far, from 1.
    enum Answer: Sendable {
        case credentials(accessKeyID: String, expiration: Date)
        case status(HTTPResponse.Status)
        case failureCode
    }

    /// Decides each credentials answer; the argument counts requests, from 1.
    let answer: @Sendable (Int) -> Answer
    var roleListing: HTTPResponse.Status = .ok
    var tokenStatus: HTTPResponse.Status = .ok

    func addRoutes(to router: Router<BasicRequestContext>) {
        let issued = Mutex(0)
        router.put("/latest/api/token") { request, _ -> EditedResponse<String> in
            guard tokenStatus == .ok else { return EditedResponse(status: tokenStatus, response: "") }
            guard request.header("X-aws-ec2-metadata-token-ttl-seconds") == "21600" else {
                return EditedResponse(status: .badRequest, response: "")
            }
            return EditedResponse(response: Self.sessionToken)
        }
        router.get("/latest/meta-data/iam/security-credentials/") { request, _ -> EditedResponse<String> in
            guard request.header("X-aws-ec2-metadata-token") == Self.sessionToken else {
                return EditedResponse(status: .unauthorized, response: "")
            }
            guard roleListing == .ok else { return EditedResponse(status: roleListing, response: "") }
            return EditedResponse(response: Self.role + "\n")
        }
        router.get("/latest/meta-data/iam/security-credentials/\(Self.role)") { request, _ -> EditedResponse<String> in
            guard request.header("X-aws-ec2-metadata-token") == Self.sessionToken else {
                return EditedResponse(status: .unauthorized, response: "")
            }
            let count = issued.withLock { $0 += 1; return $0 }
            switch answer(count) {
            case .credentials(let accessKeyID, let expiration):
                return EditedResponse(response: credentialJSON(accessKeyID: accessKeyID, expiration: expiration, code: "Success"))
            case .status(let status):
                return EditedResponse(status: status, response: "\(CredentialTestSecrets.secret)")
            case .failureCode:
                return EditedResponse(response: "{\"Code\": \"Failure\", \"Message\": \"no\"}")
            }
        }
    }
}
