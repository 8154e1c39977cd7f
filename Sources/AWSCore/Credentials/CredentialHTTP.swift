import AsyncHTTPClient
import Foundation

/// The few HTTP calls the container, instance-metadata and STS sources make: short deadlines,
/// a bounded number of attempts, small bodies. Internal to the credential sources.
struct CredentialHTTP: Sendable {
    struct Response: Sendable {
        var status: UInt
        var body: String
    }

    /// No response at all (connection refused, unreachable, timed out). The text describes
    /// the transport failure only; request headers, which may carry tokens, never appear.
    struct TransportFailure: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    enum Method: Sendable { case get, put, post }

    let client: HTTPClient
    /// Deadline for each attempt, connecting included.
    let timeout: Duration
    let attempts: Int
    let retryDelay: Duration

    /// Sends the request, retrying transport failures and 5xx answers; returns the last
    /// answer, whatever its status, or throws `TransportFailure` when none came.
    func send(_ method: Method, _ url: String, headers: [(String, String)] = [], body: [UInt8] = []) async throws -> Response {
        var attempt = 1
        while true {
            do {
                let response = try await sendOnce(method, url, headers: headers, body: body)
                if response.status < 500 || attempt >= attempts { return response }
            } catch let failure as TransportFailure {
                if attempt >= attempts { throw failure }
            }
            attempt += 1
            if retryDelay > .zero { try await Task.sleep(for: retryDelay) }
        }
    }

    private func sendOnce(_ method: Method, _ url: String, headers: [(String, String)], body: [UInt8]) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        switch method {
        case .get: request.method = .GET
        case .put: request.method = .PUT
        case .post: request.method = .POST
        }
        if !body.isEmpty { request.body = .bytes(body) }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
            let body = try await response.body.collect(upTo: 64 * 1024)
            return Response(status: response.status.code, body: String(decoding: body.readableBytesView, as: UTF8.self))
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw TransportFailure(description: "no answer within \(timeout)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw TransportFailure(description: "\(error)")
        }
    }
}

/// The JSON credential documents: what the container endpoint and instance metadata answer
/// (`Token`; IMDS adds `Code`) and what a `credential_process` prints (`SessionToken`, `Version`).
struct CredentialDocument: Decodable, Sendable {
    var code: String?
    var version: Int?
    var accessKeyID: String?
    var secretAccessKey: String?
    var token: String?
    var sessionToken: String?
    var expiration: String?

    enum CodingKeys: String, CodingKey {
        case code = "Code", version = "Version", accessKeyID = "AccessKeyId", secretAccessKey = "SecretAccessKey"
        case token = "Token", sessionToken = "SessionToken", expiration = "Expiration"
    }

    /// `said` ("container credentials endpoint http://... answered") starts every error; errors
    /// name fields, never values or the body.
    init(decoding body: Data, said: String) throws {
        do {
            self = try JSONDecoder().decode(CredentialDocument.self, from: body)
        } catch {
            throw AWSCredentialError(.retrievalFailed, "\(said) something other than a credentials JSON object")
        }
    }

    /// A container or instance-metadata answer's credentials.
    static func credentials(from body: String, origin: String, source: String) throws -> AWSCredentials {
        let said = "\(origin) answered"
        let document = try CredentialDocument(decoding: Data(body.utf8), said: said)
        if let code = document.code, code != "Success" {
            // Code is an IMDS status word ("Success", "Failure"), safe to show.
            throw AWSCredentialError(.retrievalFailed, "\(said) Code \"\(code.prefix(40))\" instead of \"Success\"")
        }
        return try document.credentials(said: said, source: source)
    }

    func credentials(said: String, source: String) throws -> AWSCredentials {
        guard let accessKeyID = accessKeyID?.nonEmptyText, let secret = secretAccessKey?.nonEmptyText else {
            throw AWSCredentialError(.retrievalFailed, "\(said) without AccessKeyId or SecretAccessKey")
        }
        var expiry: Date?
        if let text = expiration {
            guard let parsed = Self.parseTimestamp(text) else {
                throw AWSCredentialError(.retrievalFailed, "\(said) an Expiration that isn't an ISO 8601 time")
            }
            expiry = parsed
        }
        return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: (token ?? sessionToken)?.nonEmptyText,
                              expiration: expiry, source: source)
    }

    /// ISO 8601 with or without fractional seconds ("2026-01-02T03:04:05Z", "...05.123Z").
    static func parseTimestamp(_ text: String) -> Date? {
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

/// A URL as it may appear in an error: no query or user info, which could hold a token.
func redactedURL(_ url: String) -> String {
    guard var components = URLComponents(string: url) else { return "(unparseable URL)" }
    components.query = nil
    components.fragment = nil
    components.user = nil
    components.password = nil
    return components.string ?? "(unparseable URL)"
}

extension Duration {
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
