import AsyncHTTPClient
import Foundation

/// A role assumed with a web identity token, configured by the environment:
/// `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN` (what EKS injects for IAM roles for service
/// accounts), `AWS_ROLE_SESSION_NAME` optional. The token file is read again at every renewal.
public struct WebIdentityCredentials: AWSCredentialSource {
    private let environment: [String: String]
    private let files: AWSSharedConfig
    private let sts: STSAccess
    private let now: @Sendable () -> Date

    /// - Parameter stsRegion: where to call STS when neither AWS_REGION, AWS_DEFAULT_REGION nor
    ///   the profile AWS_PROFILE selects names a region.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil,
                httpClient: HTTPClient,
                stsRegion: String? = nil,
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.environment = environment
        self.files = AWSSharedConfig(environment: environment, homeDirectory: homeDirectory)
        self.sts = STSAccess(httpClient: httpClient, environment: environment, fallbackRegion: stsRegion)
        self.now = now
    }

    public func lookUp() async throws -> AWSCredentialLookup {
        guard let tokenFile = environment.nonEmpty("AWS_WEB_IDENTITY_TOKEN_FILE") else {
            return .notConfigured("web identity (AWS_WEB_IDENTITY_TOKEN_FILE not set)")
        }
        guard let roleARN = environment.nonEmpty("AWS_ROLE_ARN") else {
            throw AWSCredentialError(.invalidConfiguration,
                                     "environment: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
        }
        let role = WebIdentityRole(tokenFile: tokenFile, roleARN: roleARN,
                                   sessionName: environment.nonEmpty("AWS_ROLE_SESSION_NAME") ?? defaultSessionName(now()),
                                   origin: "environment", source: "web-identity")
        // The profile's region matters only without a region in the environment; a profile that
        // is missing or broken is the shared-files source's to report, not this one's.
        let hasRegion = environment.nonEmpty("AWS_REGION") != nil || environment.nonEmpty("AWS_DEFAULT_REGION") != nil
        let profileRegion = hasRegion ? nil : (try? await files.region()) ?? nil
        return .found(try await role.assume(sts: try sts.client(profileRegion: profileRegion)))
    }
}
