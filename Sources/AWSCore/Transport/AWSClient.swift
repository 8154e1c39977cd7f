import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends signed AWS calls (control-plane GETs, Query-protocol form POSTs): resolves the endpoint, signs each attempt with fresh
/// credentials, bounds concurrency, and retries what may succeed later (SDK standard mode).
public struct AWSClient: Sendable {
    public struct Configuration: Sendable {
        public var service: String
        public var endpoint: AWSEndpointResolver
        public var retry: AWSRetryPolicy
        /// Calls in flight at once, across all regions.
        public var concurrency: Int
        /// Per attempt, connection included.
        public var requestTimeout: Duration
        /// Larger bodies are refused: a runaway response must not exhaust memory.
        public var maxResponseBytes: Int

        public init(service: String = "bedrock", endpoint: AWSEndpointResolver = AWSEndpointResolver(override: nil),
                    retry: AWSRetryPolicy = AWSRetryPolicy(), concurrency: Int = 8,
                    requestTimeout: Duration = .seconds(20), maxResponseBytes: Int = 32 << 20) {
            self.service = service
            self.endpoint = endpoint
            self.retry = retry
            self.concurrency = concurrency
            self.requestTimeout = requestTimeout
            self.maxResponseBytes = maxResponseBytes
        }
    }

    public let configuration: Configuration
    private let httpClient: HTTPClient
    private let credentials: any AWSCredentialProvider
    private let limiter: AsyncLimiter
    private let logger: Logger

    public init(httpClient: HTTPClient, credentials: any AWSCredentialProvider, configuration: Configuration, logger: Logger) {
        self.httpClient = httpClient
        self.credentials = credentials
        self.configuration = configuration
        self.limiter = AsyncLimiter(limit: configuration.concurrency)
        self.logger = logger
    }

    /// Returns the body of a 2xx answer.
    /// - Throws: `AWSServiceError` (the service said no), `AWSTransportError` (no answer), or the
    ///   credential chain's error. None of them carries a secret.
    /// - Parameter attempts: overrides the retry policy's attempts (a probe makes one).
    public func send(_ request: AWSRequest, counter: AWSCallCounter? = nil, attempts: Int? = nil) async throws -> [UInt8] {
        var random = SystemRandomNumberGenerator()
        var attempt = 1
        var renewedCredentials = false
        let maxAttempts = attempts ?? configuration.retry.maxAttempts
        while true {
            do {
                counter?.record { $0.requests += 1 }
                return try await limiter.run { try await attemptOnce(request) }
            } catch let error as AWSServiceError where error.rejectsCredentials && !renewedCredentials {
                // Credentials can die before their stated expiry (a revoked session, a clock
                // off by minutes): fetch new ones and try once more, outside the retry budget.
                renewedCredentials = true
                logger.notice("AWS rejected the credentials; fetching new ones and retrying once", metadata: [
                    "operation": "\(request.label)", "reason": "\(error.errorType ?? "")",
                ])
                counter?.record { $0.retries += 1 }
                await credentials.invalidate()
            } catch let error as AWSServiceError where error.isRetryable && attempt < maxAttempts {
                counter?.record { if error.isThrottling { $0.throttled += 1 } }
                try await backOff(request, attempt: &attempt, reason: error.description, random: &random, counter: counter)
            } catch let error as AWSTransportError where attempt < maxAttempts {
                try await backOff(request, attempt: &attempt, reason: error.description, random: &random, counter: counter)
            } catch {
                counter?.record {
                    if (error as? AWSServiceError)?.isThrottling == true { $0.throttled += 1 }
                    $0.failures += 1
                }
                throw error
            }
        }
    }

    private func backOff(_ request: AWSRequest, attempt: inout Int, reason: String,
                         random: inout SystemRandomNumberGenerator, counter: AWSCallCounter?) async throws {
        let delay = configuration.retry.delay(afterAttempt: attempt, using: &random)
        logger.debug("retrying AWS call", metadata: [
            "operation": "\(request.label)", "attempt": "\(attempt)", "delay": "\(delay)", "reason": "\(reason)",
        ])
        counter?.record { $0.retries += 1 }
        attempt += 1
        try await Task.sleep(for: delay)
    }

    private func attemptOnce(_ request: AWSRequest) async throws -> [UInt8] {
        guard let (base, hostHeader, path) = configuration.endpoint.target(
            region: request.region, path: AWSURIEncoding.path(segments: request.pathSegments)) else {
            let endpoint = configuration.endpoint.baseURL(region: request.region)
            throw AWSTransportError(operation: request.label, reason: "invalid endpoint \(endpoint)", isTimeout: false)
        }
        let query = AWSURIEncoding.queryString(request.query)
        let url = base + (query.isEmpty ? "" : "?\(query)")
        // Query-protocol calls (IAM) go as a form in the body: signed, and out of URLs and logs.
        let formBody = request.form.map { Array(AWSURIEncoding.queryString($0).utf8) }
        let contentType = formBody == nil ? [] : [(name: "Content-Type", value: "application/x-www-form-urlencoded; charset=utf-8")]

        let credentials = try await credentials.credentials()
        let signer = SigV4Signer(service: configuration.service, region: request.region)
        let signed = signer.sign(
            SigV4Request(method: formBody == nil ? "GET" : "POST", host: hostHeader, path: path, query: request.query, headers: contentType,
                         body: formBody ?? []),
            credentials: credentials, date: Date())

        var http = HTTPClientRequest(url: url)
        http.method = formBody == nil ? .GET : .POST
        if let formBody { http.body = .bytes(ByteBuffer(bytes: formBody)) }
        http.headers.add(name: "Host", value: hostHeader)
        http.headers.add(name: "Accept", value: formBody == nil ? "application/json" : "text/xml")
        for (name, value) in contentType { http.headers.add(name: name, value: value) }
        http.headers.add(name: "User-Agent", value: "regiond")
        for (name, value) in signed.headers { http.headers.add(name: name, value: value) }

        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(http, timeout: TimeAmount(configuration.requestTimeout))
            body = try await response.body.collect(upTo: configuration.maxResponseBytes)
        } catch {
            throw Self.transportError(error, operation: request.label)
        }
        let bytes = Array(body.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw AWSServiceError(status: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) },
                                  body: bytes, operation: request.label)
        }
        return bytes
    }

    /// AsyncHTTPClient and NIO errors, reduced to a reason without internals.
    static func transportError(_ error: any Error, operation: String) -> AWSTransportError {
        if let error = error as? HTTPClientError {
            let timeouts: [HTTPClientError] = [.deadlineExceeded, .readTimeout, .connectTimeout, .writeTimeout, .tlsHandshakeTimeout,
                                               .getConnectionFromPoolTimeout]
            if timeouts.contains(error) { return AWSTransportError(operation: operation, reason: "timed out (\(error))", isTimeout: true) }
            return AWSTransportError(operation: operation, reason: "HTTP client error: \(error)", isTimeout: false)
        }
        if error is NIOTooManyBytesError {
            return AWSTransportError(operation: operation, reason: "response larger than the limit", isTimeout: false)
        }
        return AWSTransportError(operation: operation, reason: "connection failed: \(error)", isTimeout: false)
    }
}
