import Foundation
import Hummingbird
import Logging
import Synchronization

/// One request as a stand-in saw it; header names lower-cased.
struct CredentialRecordedRequest: Sendable {
    var method: String
    var path: String
    var headers: [String: String]
}

/// Every request a stand-in received, in order.
final class CredentialRequestLog: Sendable {
    private let requests = Mutex<[CredentialRecordedRequest]>([])

    func append(_ request: CredentialRecordedRequest) { requests.withLock { $0.append(request) } }
    var all: [CredentialRecordedRequest] { requests.withLock { $0 } }
    var count: Int { requests.withLock { $0.count } }
}

private struct CredentialRecordingMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let log: CredentialRequestLog

    func handle(_ request: Request, context: Context,
                next: (Request, Context) async throws -> Response) async throws -> Response {
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        log.append(CredentialRecordedRequest(method: request.method.rawValue, path: request.uri.path, headers: headers))
        return try await next(request, context)
    }
}

extension Request {
    func header(_ name: String) -> String? {
        headers.first { $0.name.canonicalName == name.lowercased() }?.value
    }
}

/// Serves `routes` on 127.0.0.1 at a port the system picks, runs `body` with the base URL
/// ("http://127.0.0.1:PORT") and the request log, then stops the server.
func withCredentialStandIn<T: Sendable>(
    _ routes: (Router<BasicRequestContext>) -> Void,
    _ body: @Sendable (String, CredentialRequestLog) async throws -> T
) async throws -> T {
    let log = CredentialRequestLog()
    let router = Router()
    router.add(middleware: CredentialRecordingMiddleware(log: log))
    routes(router)

    let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
    var serverLogger = Logger(label: "credential-stand-in")
    // Cancelling the server at the end of a test makes Hummingbird log shutdown noise at
    // error level; a stand-in that misbehaves shows up as a failing expectation instead.
    serverLogger.logLevel = .critical
    let app = Application(
        router: router,
        configuration: .init(address: .hostname("127.0.0.1", port: 0)),
        onServerRunning: { channel in
            portContinuation.yield(channel.localAddress?.port ?? 0)
            portContinuation.finish()
        },
        logger: serverLogger)

    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await app.runService(gracefulShutdownSignals: []) }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port != 0 else {
            group.cancelAll()
            throw CredentialStandInError.didNotStart
        }
        do {
            let result = try await body("http://127.0.0.1:\(port)", log)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

enum CredentialStandInError: Error { case didNotStart }

/// A loopback URL nothing listens on: a stand-in's address after it stopped.
/// A loopback URL nothing listens on. Port 1 (tcpmux) is privileged and unused on test machines:
/// a port freed by a stopped stand-in could be taken by another test's server meanwhile.
func closedCredentialPortURL() async throws -> String {
    "http://127.0.0.1:1"
}

/// JSON as the container endpoint and IMDS serve it.
func credentialJSON(accessKeyID: String = CredentialTestSecrets.accessKeyID,
                    secret: String = CredentialTestSecrets.secret,
                    token: String = CredentialTestSecrets.token,
                    expiration: Date, code: String? = nil) -> String {
    let codeField = code.map { "\"Code\": \"\($0)\", " } ?? ""
    return """
        {\(codeField)"AccessKeyId": "\(accessKeyID)", "SecretAccessKey": "\(secret)", \
        "Token": "\(token)", "Expiration": "\(expiration.ISO8601Format())"}
        """
}
