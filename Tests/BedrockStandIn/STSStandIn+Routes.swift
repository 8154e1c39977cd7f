import AWSCore
import Foundation
import HTTPTypes
import Hummingbird
import SigV4Verification

extension STSStandIn {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ in try await self.answer(request) }
        return router
    }

    private func answer(_ request: Request) async throws -> Response {
        let form = try await ReceivedForm.read(request)
        var call = Call(action: form.parameters["Action"] ?? "", parameters: form.parameters,
                        method: request.method.rawValue, contentType: request.headers[.contentType],
                        signed: request.headers[.authorization] != nil, status: 200)
        let (status, xml) = respond(to: &call, received: form.signed)
        call.status = status
        state.withLock { $0.calls.append(call) }
        return Response(status: .init(code: status), headers: [.contentType: "text/xml"],
                        body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    private func respond(to call: inout Call, received: SigV4ReceivedRequest) -> (Int, String) {
        guard call.method == "POST", call.parameters["Version"] == "2011-06-15" else {
            return Self.error(400, "InvalidAction", "expected a POST with Version=2011-06-15")
        }
        switch call.action {
        case "AssumeRole":
            call.scope = SigV4Verifier.credentialScope(of: received)
            let known = state.withLock { $0.accepted }
            do {
                call.signedBy = try SigV4Verifier(service: "sts", region: region).verify(received, now: Date()) { known[$0] }.scope.accessKeyID
            } catch {
                call.signatureError = error.reason
                return Self.error(403, error.kind == .unknownAccessKey ? "InvalidClientTokenId" : "SignatureDoesNotMatch", error.reason)
            }
        case "AssumeRoleWithWebIdentity":
            let accepted = state.withLock { $0.tokens }
            guard let token = call.parameters["WebIdentityToken"], accepted.contains(token) else {
                return Self.error(400, "InvalidIdentityToken", "The web identity token that was passed could not be validated by AWS.")
            }
        default:
            return Self.error(400, "InvalidAction", "Could not find operation \(call.action) for version 2011-06-15")
        }
        guard let roleARN = call.parameters["RoleArn"], let session = call.parameters["RoleSessionName"] else {
            return Self.error(400, "ValidationError", "RoleArn and RoleSessionName are required")
        }
        let (queued, number) = state.withLock { state -> (Answer?, Int) in
            if !state.queued.isEmpty { return (state.queued.removeFirst(), 0) }
            state.issued += 1
            let issued = Self.issuedCredentials(state.issued)
            state.accepted[issued.accessKeyID] = issued
            return (nil, state.issued)
        }
        switch queued {
        case .error(let status, let code, let message)?: return Self.error(status, code, message)
        case .malformedXML?: return (200, "<\(call.action)Response><\(call.action)Result><Credentials><AccessKeyId>ASIA")
        case .notXML(let status)?: return (status, "<html><body>Bad Gateway</body></html>")
        case nil: return (200, success(call.action, number: number, roleARN: roleARN, session: session))
        }
    }

    private func success(_ action: String, number: Int, roleARN: String, session: String) -> String {
        let credentials = Self.issuedCredentials(number)
        let role = roleARN.split(separator: "/").last.map(String.init) ?? "role"
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <\(action)Response xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <\(action)Result>
                <AssumedRoleUser>
                  <AssumedRoleId>AROA3XFRBF535PLBIFPI4:\(Self.escape(session))</AssumedRoleId>
                  <Arn>arn:aws:sts::111122223333:assumed-role/\(Self.escape(role))/\(Self.escape(session))</Arn>
                </AssumedRoleUser>
                <!-- the part the client needs -->
                <Credentials>
                  <AccessKeyId>\(credentials.accessKeyID)</AccessKeyId>
                  <SecretAccessKey>\(Self.escape(credentials.secretAccessKey))</SecretAccessKey>
                  <SessionToken>\(Self.escape(credentials.sessionToken ?? ""))</SessionToken>
                  <Expiration>\(now().addingTimeInterval(lifetime).ISO8601Format())</Expiration>
                </Credentials>
              </\(action)Result>
              <ResponseMetadata><RequestId>\(UUID().uuidString.lowercased())</RequestId></ResponseMetadata>
            </\(action)Response>
            """
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> (Int, String) {
        (status, """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>\(escape(code))</Code><Message>\(escape(message))</Message></Error>
              <RequestId>\(UUID().uuidString.lowercased())</RequestId>
            </ErrorResponse>
            """)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
