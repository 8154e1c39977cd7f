import AWSCore
import Foundation
import HTTPTypes
import Hummingbird
import SigV4Verification

extension IAMStandIn {
    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/") { request, _ in try await self.answer(request) }
        return router
    }

    private func answer(_ request: Request) async throws -> Response {
        let form = try await ReceivedForm.read(request)
        var call = Call(parameters: form.parameters, status: 200)
        let (status, xml) = respond(to: &call, received: form.signed)
        call.status = status
        state.withLock { $0.calls.append(call) }
        return Response(status: .init(code: status), headers: [.contentType: "text/xml"], body: .init(byteBuffer: ByteBuffer(string: xml)))
    }

    private func respond(to call: inout Call, received: SigV4ReceivedRequest) -> (Int, String) {
        let form = call.parameters
        guard form["Action"] == "SimulatePrincipalPolicy", form["Version"] == "2010-05-08" else {
            return Self.error(400, "InvalidAction", "expected Action=SimulatePrincipalPolicy&Version=2010-05-08")
        }
        do {
            call.signedBy = try SigV4Verifier(service: "iam", region: "us-east-1").verify(received, now: Date()) { credentials[$0] }.scope.accessKeyID
        } catch {
            call.signatureError = error.reason
            return Self.error(403, "SignatureDoesNotMatch", error.reason)
        }
        let (principals, refusal) = state.withLock { ($0.principals, $0.refusal) }
        if let refusal { return Self.error(403, refusal.code, refusal.message) }
        guard let arn = form["PolicySourceArn"], let principal = principals[arn] else {
            return Self.error(404, "NoSuchEntity", "The principal with ARN \(form["PolicySourceArn"] ?? "") cannot be found.")
        }
        let actions = Self.members(form, "ActionNames"), resources = Self.members(form, "ResourceArns")
        var context: [String: [String]] = [:]
        for index in 1... {
            guard let key = form["ContextEntries.member.\(index).ContextKeyName"] else { break }
            context[key] = Self.members(form, "ContextEntries.member.\(index).ContextKeyValues")
        }
        do {
            let results = try actions.map { action in
                try (action, resources.map { resource in
                    (resource, try ReferenceIAM.evaluate(.init(action: action, resource: resource, context: context),
                                                         identity: principal.identity, scps: principal.scps))
                })
            }
            return (200, Self.document(results))
        } catch {
            return Self.error(400, "InvalidInput", "\(error)")
        }
    }

    static func members(_ form: [String: String], _ list: String) -> [String] {
        (1...).lazy.map { form["\(list).member.\($0)"] }.prefix { $0 != nil }.compactMap { $0 }
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> (Int, String) {
        (status, """
            <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>\(code)</Code>\
            <Message>\(escape(message))</Message></Error><RequestId>iam-stand-in-1</RequestId></ErrorResponse>
            """)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
