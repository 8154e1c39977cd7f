import AWSCore
import Foundation
import SigV4Verification
import Synchronization

/// A stand-in for IAM's `SimulatePrincipalPolicy` on loopback. Calls must be SigV4-signed for
/// service `iam` in `us-east-1` (IAM's global endpoint) by known credentials and come as a
/// Query-protocol form; it decides with `ReferenceIAM` over the identity policies and SCPs a
/// test attaches to a principal, and answers IAM's XML: one result per action, the decisions per
/// resource in `ResourceSpecificResults`, `OrganizationsDecisionDetail` when SCPs take part.
public final class IAMStandIn: Sendable {
    public struct Call: Sendable {
        /// The form parameters, decoded.
        public var parameters: [String: String]
        public var signedBy: String?
        public var signatureError: String?
        public var status: Int
    }

    struct Principal: Sendable {
        var identity: [ReferenceIAMPolicy]
        var scps: [[ReferenceIAMPolicy]]?
    }

    struct State {
        var principals: [String: Principal] = [:]
        var refusal: (code: String, message: String)?
        var calls: [Call] = []
    }

    let credentials: [String: AWSCredentials]
    let state = Mutex(State())
    private let server = LoopbackServer()

    public init(credentials: [AWSCredentials]) {
        self.credentials = Dictionary(credentials.map { ($0.accessKeyID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func start() async throws -> String {
        try await server.start(makeRouter(), serverName: "iam-stand-in")
    }

    public func stop() async {
        await server.stop()
    }

    public var calls: [Call] { state.withLock { $0.calls } }

    /// The policies in force for `principal` (SCP documents by level, root first; nil: no organisation).
    public func attach(principal: String, identity: [String], scps: [[String]]? = nil) throws {
        let entry = Principal(identity: try identity.map(ReferenceIAMPolicy.init(json:)),
                              scps: try scps?.map { try $0.map(ReferenceIAMPolicy.init(json:)) })
        state.withLock { $0.principals[principal] = entry }
    }

    /// Answers every call from now on with a 403 such as a caller without `iam:SimulatePrincipalPolicy` gets.
    public func refuse(code: String = "AccessDenied", message: String) {
        state.withLock { $0.refusal = (code, message) }
    }
}
