import AsyncHTTPClient
import Foundation

/// The EC2 instance role's credentials from the instance metadata service, IMDSv2 only:
/// a session token from `PUT /latest/api/token`, then the role name and its credentials.
///
/// Off EC2 nothing answers, so an unreachable service means "not configured", found out
/// quickly: 1 s per request and one retry, as the SDKs do, keep a laptop's startup short.
public struct InstanceMetadataCredentials: AWSCredentialSource {
    public static let defaultEndpoint = "http://169.254.169.254"
    public static let defaultIPv6Endpoint = "http://[fd00:ec2::254]"
    static let tokenTTLSeconds = "21600"

    /// The service's base URL: AWS_EC2_METADATA_SERVICE_ENDPOINT, else the IPv4 or (with
    /// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6) IPv6 link-local address.
    public let endpoint: String
    /// AWS_EC2_METADATA_DISABLED=true turns this source off without a request.
    public let isDisabled: Bool
    private let http: CredentialHTTP

    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                httpClient: HTTPClient,
                timeout: Duration = .seconds(1), attempts: Int = 2) {
        var endpoint = environment.nonEmpty("AWS_EC2_METADATA_SERVICE_ENDPOINT")
            ?? (environment["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"]?.lowercased() == "ipv6"
                ? Self.defaultIPv6Endpoint : Self.defaultEndpoint)
        while endpoint.hasSuffix("/") { endpoint.removeLast() }
        self.endpoint = endpoint
        self.isDisabled = environment["AWS_EC2_METADATA_DISABLED"]?.lowercased() == "true"
        self.http = CredentialHTTP(client: httpClient, timeout: timeout, attempts: max(1, attempts), retryDelay: .zero)
    }

    public func lookUp() async throws -> AWSCredentialLookup {
        if isDisabled { return .notConfigured("instance metadata (AWS_EC2_METADATA_DISABLED=true)") }

        // Whether anything is there at all: a failure here means "not on EC2".
        let tokenResponse: CredentialHTTP.Response
        do {
            tokenResponse = try await http.send(.put, endpoint + "/latest/api/token",
                                                headers: [("X-aws-ec2-metadata-token-ttl-seconds", Self.tokenTTLSeconds)])
        } catch let failure as CredentialHTTP.TransportFailure {
            return .notConfigured("instance metadata (\(endpoint) unreachable: \(failure))")
        }
        let token = tokenResponse.body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard tokenResponse.status == 200, !token.isEmpty else {
            // 403: IMDS disabled on the instance; 404/405: something that isn't IMDSv2.
            return .notConfigured("instance metadata (\(endpoint) refused an IMDSv2 token: HTTP \(tokenResponse.status))")
        }
        let tokenHeader = [("X-aws-ec2-metadata-token", token)]

        // From here on IMDS is there, so failures are errors, except a missing role.
        let rolesURL = endpoint + "/latest/meta-data/iam/security-credentials/"
        let roles = try await get(rolesURL, headers: tokenHeader)
        if roles.status == 404 { return .notConfigured("instance metadata (\(endpoint): no IAM role attached to this instance)") }
        guard roles.status == 200 else {
            throw AWSCredentialError(.retrievalFailed, "instance metadata \(rolesURL) answered HTTP \(roles.status)")
        }
        guard let role = roles.body.split(whereSeparator: \.isNewline).first.map({ $0.trimmingCharacters(in: .whitespaces) }),
              !role.isEmpty else {
            return .notConfigured("instance metadata (\(endpoint): no IAM role attached to this instance)")
        }

        let credentialsURL = rolesURL + (role.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? role)
        let response = try await get(credentialsURL, headers: tokenHeader)
        guard response.status == 200 else {
            throw AWSCredentialError(.retrievalFailed, "instance metadata \(credentialsURL) answered HTTP \(response.status)")
        }
        return .found(try CredentialDocument.credentials(from: response.body, origin: "instance metadata \(credentialsURL)",
                                                         source: "imds:\(role)"))
    }

    private func get(_ url: String, headers: [(String, String)]) async throws -> CredentialHTTP.Response {
        do {
            return try await http.send(.get, url, headers: headers)
        } catch let failure as CredentialHTTP.TransportFailure {
            throw AWSCredentialError(.retrievalFailed, "instance metadata \(url) unreachable: \(failure)")
        }
    }
}
