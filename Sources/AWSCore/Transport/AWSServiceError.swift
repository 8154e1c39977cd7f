import Foundation

/// An error response from an AWS service, in words an operator can act on.
public struct AWSServiceError: Error, Sendable, Hashable, CustomStringConvertible {
    public var status: Int
    /// `x-amzn-ErrorType` (suffix after `:` stripped), else the body's `__type`/`code`.
    public var errorType: String?
    public var message: String?
    public var requestId: String?
    /// The operation, e.g. `ListInferenceProfiles us-east-1`, so the text says what failed.
    public var operation: String

    public init(status: Int, errorType: String?, message: String?, requestId: String?, operation: String) {
        self.status = status
        self.errorType = errorType
        self.message = message
        self.requestId = requestId
        self.operation = operation
    }

    public var description: String {
        var text = "\(operation): \(errorType ?? "error") (HTTP \(status))"
        if let message, !message.isEmpty { text += ": \(message)" }
        if let requestId { text += " [request id \(requestId)]" }
        return text
    }

    /// Reads the rest-json error shape (type from the header or the body, `message` or `Message`),
    /// or the Query protocol's XML `ErrorResponse`.
    public init(status: Int, headers: [(String, String)], body: [UInt8], operation: String) {
        func header(_ name: String) -> String? {
            headers.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
        }
        let object = (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any]
        var type = header("x-amzn-ErrorType") ?? (object?["__type"] as? String) ?? (object?["code"] as? String)
        // "ThrottlingException:http://internal.amazon.com/…" and "aws.protocols#Foo" both happen.
        if let t = type {
            type = String(t.split(separator: ":", maxSplits: 1).first ?? Substring(t))
            if let hash = type?.lastIndex(of: "#") { type = String(type![type!.index(after: hash)...]) }
        }
        var message = (object?["message"] as? String) ?? (object?["Message"] as? String)
        var requestId = header("x-amzn-RequestId") ?? header("x-amz-request-id")
        if object == nil, let xml = try? AWSXMLElement.parse(body), xml.name == "ErrorResponse", let error = xml.child("Error") {
            // The Query protocol's shape (IAM, STS): <ErrorResponse><Error><Code>, <Message>; <RequestId>.
            type = error.child("Code")?.text.nonEmptyText.map { String($0.prefix(64)) } ?? type
            message = error.child("Message")?.text.nonEmptyText.map { String($0.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(500)) }
            requestId = xml.child("RequestId")?.text.nonEmptyText.map { String($0.prefix(64)) } ?? requestId
        }
        if message == nil, object == nil, !body.isEmpty {
            // Not JSON (a proxy's HTML page, say): show the start of it, never the whole thing.
            message = String(decoding: body.prefix(200), as: UTF8.self)
        }
        self.init(status: status, errorType: type, message: message, requestId: requestId, operation: operation)
    }
}

/// A call that never got an HTTP answer: timeout, refused connection, TLS failure…
public struct AWSTransportError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var reason: String
    public var isTimeout: Bool

    public init(operation: String, reason: String, isTimeout: Bool) {
        self.operation = operation
        self.reason = reason
        self.isTimeout = isTimeout
    }

    public var description: String { "\(operation): \(reason)" }
}
