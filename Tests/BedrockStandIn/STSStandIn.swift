import AWSCore
import Foundation
import SigV4Verification
import Synchronization

/// A stand-in for STS on loopback, for roles and web identity. AssumeRole must be SigV4-signed
/// for service `sts` in the stand-in's region by credentials it knows (given, or issued by
/// itself, so roles chain); AssumeRoleWithWebIdentity must carry a token it accepts (and is
/// recorded as signed or not: it should come unsigned). Parameters come form-encoded in a
/// POST body; answers are STS's XML. It issues numbered credentials (`issuedCredentials(_:)`),
/// records every call, and answers with the errors a test queues.
public final class STSStandIn: Sendable {
    /// One call as the stand-in saw it.
    public struct Call: Sendable {
        public var action: String
        /// The form parameters, decoded.
        public var parameters: [String: String]
        public var method: String
        public var contentType: String?
        /// Whether an Authorization header came at all.
        public var signed: Bool
        /// The signing scope, when the Authorization header was readable.
        public var scope: SigV4CredentialScope?
        /// The access key whose signature verified.
        public var signedBy: String?
        public var signatureError: String?
        public var status: Int
    }

    /// A queued answer, served instead of the next successful one.
    public enum Answer: Sendable {
        case error(status: Int, code: String, message: String)
        /// 200 with an XML body cut short.
        case malformedXML
        /// A gateway's HTML error page.
        case notXML(status: Int)
    }

    struct State {
        var accepted: [String: AWSCredentials]
        var tokens: Set<String>
        var queued: [Answer] = []
        var calls: [Call] = []
        var issued = 0
    }

    public let region: String
    let state: Mutex<State>
    let lifetime: TimeInterval
    let now: @Sendable () -> Date
    private let server = LoopbackServer()

    /// - Parameters:
    ///   - credentials: key pairs AssumeRole may be signed with (besides the ones it issues).
    ///   - webIdentityTokens: tokens AssumeRoleWithWebIdentity accepts.
    ///   - lifetime, now: issued credentials expire `lifetime` after `now()`.
    public init(region: String, credentials: [AWSCredentials] = [], webIdentityTokens: Set<String> = [],
                lifetime: TimeInterval = 3600, now: @escaping @Sendable () -> Date = { Date() }) {
        let byKey = Dictionary(credentials.map { ($0.accessKeyID, $0) }, uniquingKeysWith: { first, _ in first })
        self.region = region
        self.state = Mutex(State(accepted: byKey, tokens: webIdentityTokens))
        self.lifetime = lifetime
        self.now = now
    }

    public func start() async throws -> String {
        try await server.start(makeRouter(), serverName: "sts-stand-in")
    }

    public func stop() async {
        await server.stop()
    }

    public var calls: [Call] { state.withLock { $0.calls } }

    public func answerNext(_ answer: Answer) {
        state.withLock { $0.queued.append(answer) }
    }

    public func acceptWebIdentityToken(_ token: String) {
        state.withLock { _ = $0.tokens.insert(token) }
    }

    /// The credentials of the stand-in's `number`th successful answer (from 1). Known in
    /// advance, so that a Bedrock stand-in can accept them; the secret holds `&` and `/`,
    /// which the XML must escape and the client unescape.
    public static func issuedCredentials(_ number: Int) -> AWSCredentials {
        AWSCredentials(accessKeyID: "ASIASTSSTANDIN\(number)", secretAccessKey: "sts/issued&secret<\(number)>",
                       sessionToken: "sts-issued-token-\(number)", source: "sts-stand-in")
    }
}
