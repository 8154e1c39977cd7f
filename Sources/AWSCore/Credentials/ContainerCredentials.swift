import AsyncHTTPClient
import Foundation

/// Credentials from the ECS / EKS Pod Identity container endpoint:
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (on the ECS agent's host) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI`, with an `Authorization` header from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
public struct ContainerCredentials: AWSCredentialSource {
    /// Where a relative URI points: the ECS agent's link-local address.
    public static let ecsAgentBase = "http://169.254.170.2"
    /// Hosts that FULL_URI may name over plain http besides loopback addresses (botocore's list).
    public static let allowedHTTPHosts: Set<String> = ["169.254.170.2", "169.254.170.23", "fd00:ec2::23", "localhost"]

    public let environment: [String: String]
    private let http: CredentialHTTP
    private let relativeURIBase: String

    /// - Parameters:
    ///   - relativeURIBase: what a relative URI is appended to; only tests change it.
    ///   - timeout, attempts, retryDelay: botocore's defaults (2 s, 3 attempts, 1 s apart).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                httpClient: HTTPClient,
                relativeURIBase: String = ContainerCredentials.ecsAgentBase,
                timeout: Duration = .seconds(2), attempts: Int = 3, retryDelay: Duration = .seconds(1)) {
        self.environment = environment
        self.relativeURIBase = relativeURIBase
        self.http = CredentialHTTP(client: httpClient, timeout: timeout, attempts: max(1, attempts), retryDelay: retryDelay)
    }

    public func lookUp() async throws -> AWSCredentialLookup {
        let url: String
        if let relative = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") {
            url = relativeURIBase + (relative.hasPrefix("/") ? relative : "/" + relative)
        } else if let full = environment.nonEmpty("AWS_CONTAINER_CREDENTIALS_FULL_URI") {
            try Self.checkAllowed(full)
            url = full
        } else {
            return .notConfigured("container (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI not set)")
        }

        let origin = "container credentials endpoint \(redactedURL(url))"
        var headers = [("Accept", "application/json")]
        // Read on every fetch: EKS Pod Identity rotates the token file.
        if let token = try authorizationToken() { headers.append(("Authorization", token)) }

        let response: CredentialHTTP.Response
        do {
            response = try await http.send(.get, url, headers: headers)
        } catch let failure as CredentialHTTP.TransportFailure {
            throw AWSCredentialError(.retrievalFailed, "\(origin) unreachable: \(failure)")
        }
        // The body of an error answer is not shown: nothing promises it holds no secret.
        guard response.status == 200 else {
            throw AWSCredentialError(.retrievalFailed, "\(origin) answered HTTP \(response.status)")
        }
        return .found(try CredentialDocument.credentials(from: response.body, origin: origin, source: "container"))
    }

    /// botocore prefers the _FILE variable when both are set.
    private func authorizationToken() throws -> String? {
        var token: String
        if let path = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") {
            do {
                token = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw AWSCredentialError(.retrievalFailed,
                                         "cannot read AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE \(path): \(error.localizedDescription)")
            }
            // A trailing newline from an editor or `echo` is not part of the token.
            while let last = token.last, last.isNewline || last == " " { token.removeLast() }
        } else if let value = environment.nonEmpty("AWS_CONTAINER_AUTHORIZATION_TOKEN") {
            token = value
        } else {
            return nil
        }
        if token.contains(where: \.isNewline) {
            throw AWSCredentialError(.invalidConfiguration, "the container authorization token contains a line break")
        }
        return token
    }

    /// botocore's rule: https to any host; plain http only to loopback or the ECS/EKS agents.
    static func checkAllowed(_ fullURI: String) throws {
        guard let components = URLComponents(string: fullURI), let scheme = components.scheme?.lowercased(),
              var host = components.host, !host.isEmpty else {
            throw AWSCredentialError(.invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_FULL_URI is not an absolute URL")
        }
        if scheme == "https" { return }
        guard scheme == "http" else {
            throw AWSCredentialError(.invalidConfiguration, "AWS_CONTAINER_CREDENTIALS_FULL_URI must be http or https")
        }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        host = host.lowercased()
        if isLoopback(host) || allowedHTTPHosts.contains(host) { return }
        throw AWSCredentialError(
            .invalidConfiguration,
            "AWS_CONTAINER_CREDENTIALS_FULL_URI host '\(host)' is not allowed over http; use https, a loopback address, "
                + "or one of \(allowedHTTPHosts.sorted().joined(separator: ", "))")
    }

    /// A loopback IP literal: 127.0.0.0/8 or ::1. Names other than "localhost" are not resolved.
    static func isLoopback(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ UInt8($0) != nil }), octets[0] == "127" { return true }
        // IPv6: every group zero but a final 1, "::" standing in for omitted zero groups.
        let groups = host.split(separator: ":", omittingEmptySubsequences: false)
        guard host.contains(":"), groups.count <= 9, let last = groups.last, UInt16(last, radix: 16) == 1,
              groups.dropLast().allSatisfy({ $0.isEmpty || UInt16($0, radix: 16) == 0 }) else { return false }
        return host.contains("::") || groups.count == 8
    }
}
