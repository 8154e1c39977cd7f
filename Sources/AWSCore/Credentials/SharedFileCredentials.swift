import AsyncHTTPClient
import Foundation

/// Credentials from the selected profile in the AWS CLI's shared credentials and config files:
/// static keys, a role assumed from a source profile or a `credential_source`, a web identity
/// token file, or a `credential_process`, in botocore's order (see `ProfileCredentialResolver`).
/// SSO and login sessions are refused with a message saying so, rather than silently falling
/// through to some other identity.
public struct SharedFileCredentials: AWSCredentialSource {
    public let files: AWSSharedConfig
    /// The profile named explicitly (regiond's `--aws-profile`), or nil for AWS_PROFILE / `default`.
    public let profile: String?
    private let environment: [String: String]
    private let httpClient: HTTPClient
    private let sts: STSAccess
    private let processTimeout: Duration
    private let now: @Sendable () -> Date

    /// - Parameters:
    ///   - httpClient: for STS and for a role's `credential_source`.
    ///   - stsRegion: where to call STS when neither AWS_REGION, AWS_DEFAULT_REGION nor the
    ///     profile names a region.
    ///   - processTimeout: how long a `credential_process` may run.
    public init(profile: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil,
                httpClient: HTTPClient = .shared,
                stsRegion: String? = nil,
                processTimeout: Duration = .seconds(60),
                now: @escaping @Sendable () -> Date = { Date() }) {
        self.files = AWSSharedConfig(environment: environment, homeDirectory: homeDirectory)
        self.profile = profile
        self.environment = environment
        self.httpClient = httpClient
        self.sts = STSAccess(httpClient: httpClient, environment: environment, fallbackRegion: stsRegion)
        self.processTimeout = processTimeout
        self.now = now
    }

    public func lookUp() async throws -> AWSCredentialLookup {
        let selection = files.selectProfile(explicit: profile)
        let loaded = try await files.loadFiles()
        let selected = try files.selectedProfile(selection, in: loaded)
        let resolver = ProfileCredentialResolver(
            files: loaded, paths: files, environment: environment, httpClient: httpClient, sts: sts,
            profileRegion: selected.settings["region"], processTimeout: processTimeout, now: now())
        if let credentials = try await resolver.credentials(forProfile: selection.name) {
            return .found(credentials)
        }
        let finding = selected.exists ? "has no aws_access_key_id" : "not found"
        return .notConfigured("shared files (profile \(selection.name) \(finding): \(files.credentialsFilePath), \(files.configFilePath))")
    }
}
