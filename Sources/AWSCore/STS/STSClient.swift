import AsyncHTTPClient
import Foundation

/// STS's AssumeRole and AssumeRoleWithWebIdentity over the Query protocol, sent as the SDKs
/// send them: a form-encoded POST to `/` (in the body, the web identity token stays out of
/// URLs and proxy logs), SigV4 with service `sts` for AssumeRole and no signature for
/// AssumeRoleWithWebIdentity (the token is the proof), XML answers.
struct STSClient: Sendable {
    static let apiVersion = "2011-06-15"

    let http: CredentialHTTP
    let endpoint: AWSEndpointResolver
    /// The region the endpoint is in and requests are signed for.
    let region: String

    /// One call, described for the request and for its errors.
    struct Call: Sendable {
        var action: String
        var parameters: [(name: String, value: String)]
        /// Signs the request; nil sends it unsigned.
        var signer: AWSCredentials?
        /// What was being assumed, for errors: "role arn:… (profile 'admin')".
        var subject: String
        /// Values that must not come back out in an error, should AWS quote them.
        var secrets: [String]
        /// The `source` of the credentials it yields.
        var source: String
    }

    func credentials(_ call: Call) async throws -> AWSCredentials {
        let operation = "STS \(call.action) for \(call.subject)"
        guard let (url, host, path) = endpoint.target(region: region, path: "/") else {
            throw AWSCredentialError(.invalidConfiguration, "\(operation): invalid STS endpoint \(redactedURL(endpoint.baseURL(region: region)))")
        }
        let body = Array(AWSURIEncoding.queryString([("Action", call.action), ("Version", Self.apiVersion)] + call.parameters).utf8)
        let contentType = ("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
        var headers = [("Host", host), contentType, ("Accept", "text/xml"), ("User-Agent", "regiond")]
        if let signer = call.signer {
            let request = SigV4Request(method: "POST", host: host, path: path, headers: [contentType], body: body)
            headers += SigV4Signer(service: "sts", region: region).sign(request, credentials: signer, date: Date()).headers
        }
        let response: CredentialHTTP.Response
        do {
            response = try await http.send(.post, url, headers: headers, body: body)
        } catch let failure as CredentialHTTP.TransportFailure {
            throw AWSCredentialError(.retrievalFailed, "\(operation): \(redactedURL(url)) unreachable: \(failure)")
        }
        return try Self.credentials(from: response, call: call, operation: operation)
    }

    /// The answer's `Credentials`, or AWS's error code and message (any secret of the call
    /// taken out). An answer that isn't STS's XML is described, never quoted.
    static func credentials(from response: CredentialHTTP.Response, call: Call, operation: String) throws -> AWSCredentials {
        let document = try? AWSXMLElement.parse(Array(response.body.utf8))
        guard response.status == 200 else {
            guard let document, document.name == "ErrorResponse", let error = document.child("Error"),
                  let code = error.child("Code")?.text, !code.isEmpty else {
                throw AWSCredentialError(.retrievalFailed, "\(operation): STS answered HTTP \(response.status)")
            }
            let message = (error.child("Message")?.text).map { ": " + clean($0, removing: call.secrets) } ?? ""
            let requestID = document.child("RequestId").map { " [request id \($0.text.prefix(64))]" } ?? ""
            let safeCode = String(code.prefix(64))
            throw AWSCredentialError(.retrievalFailed, "\(operation) failed: \(safeCode) (HTTP \(response.status))\(message)\(requestID)",
                                     code: safeCode)
        }
        guard let document, document.name == "\(call.action)Response" else {
            throw AWSCredentialError(.retrievalFailed, "\(operation): STS answered HTTP 200 with something other than an \(call.action)Response")
        }
        guard let credentials = document.descendant("\(call.action)Result", "Credentials") else {
            throw AWSCredentialError(.retrievalFailed, "\(operation): STS answered without \(call.action)Result/Credentials")
        }
        let field = { (name: String) in credentials.child(name)?.text.nonEmptyText }
        guard let accessKeyID = field("AccessKeyId"), let secret = field("SecretAccessKey"), let token = field("SessionToken"),
              let expirationText = field("Expiration") else {
            throw AWSCredentialError(.retrievalFailed,
                                     "\(operation): STS answered without one of AccessKeyId, SecretAccessKey, SessionToken, Expiration")
        }
        guard let expiration = CredentialDocument.parseTimestamp(expirationText) else {
            throw AWSCredentialError(.retrievalFailed, "\(operation): STS answered with an Expiration that isn't an ISO 8601 time")
        }
        return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token,
                              expiration: expiration, source: call.source)
    }

    /// AWS's message on one line, at most 500 characters, without any of `secrets`.
    static func clean(_ message: String, removing secrets: [String]) -> String {
        var text = message
        for secret in secrets where !secret.isEmpty { text = text.replacingOccurrences(of: secret, with: "(redacted)") }
        return String(text.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(500))
    }
}

/// What the sources that call STS share: the HTTP client and how to find STS.
struct STSAccess: Sendable {
    let httpClient: HTTPClient
    let environment: [String: String]
    /// The region to call STS in when neither the environment nor the profile names one.
    let fallbackRegion: String?

    /// A client for STS in `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the profile's
    /// region, else the fallback, at the endpoint the environment may override.
    func client(profileRegion: String?) throws -> STSClient {
        guard let region = environment.nonEmpty("AWS_REGION") ?? environment.nonEmpty("AWS_DEFAULT_REGION")
            ?? profileRegion.flatMap({ $0.isEmpty ? nil : $0 }) ?? fallbackRegion else {
            throw AWSCredentialError(.invalidConfiguration,
                                     "assuming a role needs a region for STS: set AWS_REGION or the profile's region")
        }
        let endpoint: AWSEndpointResolver
        do {
            endpoint = try AWSEndpointResolver(environment: environment, configured: nil, service: .sts)
        } catch {
            throw AWSCredentialError(.invalidConfiguration, "\(error)")
        }
        // Regional STS answers within a second or two; three tries cover a blip, not an outage.
        let http = CredentialHTTP(client: httpClient, timeout: .seconds(10), attempts: 3, retryDelay: .milliseconds(500))
        return STSClient(http: http, endpoint: endpoint, region: region)
    }
}

extension String {
    /// nil for an empty string, as the AWS tools treat empty settings.
    var nonEmptyText: String? { isEmpty ? nil : self }
}
