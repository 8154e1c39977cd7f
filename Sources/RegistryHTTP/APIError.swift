import Hummingbird
import RegionRegistry
import RegistryHealth

/// Every error a client sees: a status and `{"error": {"code", "message"}}`. Handlers throw these;
/// `APIMiddleware` turns anything else into a logged, generic 500 so no internal text leaks.
public struct APIError: Error, HTTPResponseError, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var headers: HTTPFields = [:]

    public init(_ status: HTTPResponse.Status, code: String, _ message: String) {
        self.status = status
        self.code = code
        self.message = Self.bounded(message)
    }

    /// Messages quote what the client sent (an id, a parameter); a 4 KB id is not echoed back whole.
    static let maxMessageLength = 600

    static func bounded(_ message: String) -> String {
        guard message.count > maxMessageLength else { return message }
        return message.prefix(maxMessageLength - 40) + "… (\(message.count - maxMessageLength + 40) more characters)"
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response()
    }

    func response() -> Response {
        let body = JSONValue.object(["error": .object(["code": .string(code), "message": .string(message)])])
        var response = JSONBody.response(body, status: status)
        response.headers.append(contentsOf: headers)
        return response
    }

    static func notFound(_ message: String) -> APIError { APIError(.notFound, code: "not_found", message) }
    static func badRequest(_ message: String) -> APIError { APIError(.badRequest, code: "bad_request", message) }
    static func invalidParameter(_ name: String, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid_parameter", "\(name): \(message)")
    }
    static func unprocessable(_ message: String) -> APIError { APIError(.unprocessableContent, code: "unprocessable", message) }
    /// A watcher slot frees when any wait ends (a change, or its `wait` passing): soon, mostly.
    static let watcherRetryAfterSeconds = 5
    static let internalError = APIError(.internalServerError, code: "internal", "internal error; see the regiond log")

    /// The domain's errors a client can cause, each to its one status.
    init(_ error: RegistryError) {
        switch error {
        case .unknownRegion, .unknownModel, .noManualGrant: self = .notFound(error.description)
        case .tooManyWatchers:
            self = APIError(.tooManyRequests, code: "too_many_watchers", error.description)
            headers[.retryAfter] = String(Self.watcherRetryAfterSeconds)
        case .storeUnavailable:
            self = APIError(.serviceUnavailable, code: "unavailable", error.description)
            headers[.retryAfter] = String(Self.watcherRetryAfterSeconds)
        }
    }

    /// No profile serves the model from that source region (see `ProfileResolver`).
    init(_ error: ResolveFailure) {
        self = .notFound(error.description)
    }

    /// Hummingbird's and NIO's own errors (unknown route, body too large, …) in our shape.
    init(framework error: any HTTPResponseError) {
        let status = error.status
        let code = switch status {
        case .notFound: "not_found"
        case .contentTooLarge: "payload_too_large"
        case .methodNotAllowed: "method_not_allowed"
        case .unauthorized: "unauthorized"
        case .forbidden: "forbidden"
        default: status.code >= 500 ? "internal" : "bad_request"
        }
        let message = switch status {
        case .notFound: "no such endpoint; see /openapi.json"
        case .contentTooLarge: "request body too large"
        default: (error as? HTTPError)?.body ?? status.reasonPhrase
        }
        self.init(status, code: code, message)
        if let httpError = error as? HTTPError { headers = httpError.headers }
        // The unread rest of a too-large body cannot be skipped cheaply: close instead.
        if status == .contentTooLarge { headers[.connection] = "close" }
    }
}
