import Foundation

/// Static keys (`aws_access_key_id`, `aws_secret_access_key`, optional `aws_session_token`)
/// from the selected profile in the AWS CLI's shared credentials and config files.
///
/// Precedence follows botocore: role assumption and SSO settings in a profile win over any
/// static keys in it, then come the credentials file's keys, then `login_session` and
/// `credential_process`, then the config file's keys. regiond implements only the static keys, so when the CLI would take
/// this profile's credentials from one of the others, this is an error rather than a
/// silent use of some other identity.
public struct SharedFileCredentials: AWSCredentialSource {
    public let files: AWSSharedConfig
    /// The profile named explicitly (regiond's `--aws-profile`), or nil for AWS_PROFILE / `default`.
    public let profile: String?

    public init(profile: String? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                homeDirectory: String? = nil) {
        self.files = AWSSharedConfig(environment: environment, homeDirectory: homeDirectory)
        self.profile = profile
    }

    /// Settings that make the CLI get this profile's credentials some way regiond doesn't,
    /// in two ranks: those that outrank any static keys, and those that outrank only the
    /// config file's.
    static let unsupportedBeforeStaticKeys = ["role_arn", "web_identity_token_file", "sso_session", "sso_start_url"]
    static let unsupportedBeforeConfigKeys = ["login_session", "credential_process"]

    public func lookUp() async throws -> AWSCredentialLookup {
        let selection = files.selectProfile(explicit: profile)
        let profile = try await files.loadProfile(selection)
        let settings = profile.settings

        let outrankingAll = Self.unsupportedBeforeStaticKeys.filter { settings[$0] != nil }
        if !outrankingAll.isEmpty { throw unsupported(selection.name, outrankingAll) }

        if let credentials = try staticKeys(profile.credentialsFileSection, in: files.credentialsFilePath,
                                            source: "shared-credentials-file:\(selection.name)", profile: selection.name) {
            return .found(credentials)
        }
        let outrankingConfig = Self.unsupportedBeforeConfigKeys.filter { settings[$0] != nil }
        if !outrankingConfig.isEmpty { throw unsupported(selection.name, outrankingConfig) }
        if let credentials = try staticKeys(profile.configFileSection, in: files.configFilePath,
                                            source: "shared-config-file:\(selection.name)", profile: selection.name) {
            return .found(credentials)
        }
        let finding = profile.exists ? "has no aws_access_key_id" : "not found"
        return .notConfigured("shared files (profile \(selection.name) \(finding): \(files.credentialsFilePath), \(files.configFilePath))")
    }

    /// The key pair in one file's section; nil when that section has neither half.
    private func staticKeys(_ section: [String: String]?, in path: String, source: String, profile: String) throws -> AWSCredentials? {
        guard let section else { return nil }
        let accessKeyID = section["aws_access_key_id"].flatMap { $0.isEmpty ? nil : $0 }
        let secret = section["aws_secret_access_key"].flatMap { $0.isEmpty ? nil : $0 }
        switch (accessKeyID, secret) {
        case (nil, nil):
            return nil
        case (let accessKeyID?, let secret?):
            // aws_security_token is the older name botocore still accepts.
            let token = (section["aws_session_token"] ?? section["aws_security_token"]).flatMap { $0.isEmpty ? nil : $0 }
            return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, source: source)
        case (_?, nil):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)' in \(path) has aws_access_key_id but no aws_secret_access_key")
        case (nil, _?):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)' in \(path) has aws_secret_access_key but no aws_access_key_id")
        }
    }

    private func unsupported(_ profile: String, _ settings: [String]) -> AWSCredentialError {
        AWSCredentialError(
            .unsupportedProfile,
            "profile '\(profile)' uses \(settings.joined(separator: ", ")), which regiond does not support; "
                + "give regiond a profile with aws_access_key_id/aws_secret_access_key, or export credentials "
                + "into its environment (e.g. `aws configure export-credentials --profile \(profile) --format env`)")
    }
}
