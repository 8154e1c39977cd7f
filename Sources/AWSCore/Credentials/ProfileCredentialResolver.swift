import AsyncHTTPClient
import Foundation

/// Finds a profile's credentials in the order botocore does:
///
/// - `role_arn` (without `web_identity_token_file`): AssumeRole, signed with the credentials of
///   `source_profile` (resolved the same way, so source profiles chain) or of
///   `credential_source`. It outranks the profile's own keys, except in a source profile,
///   whose keys win; a profile may name itself as source_profile to sign with its own keys.
/// - then the profile's own: `web_identity_token_file` (with `role_arn`), SSO (refused), the
///   credentials file's keys, `login_session` (refused), `credential_process`, the config file's keys.
struct ProfileCredentialResolver: Sendable {
    /// Both files, read once for the whole look-up.
    let files: AWSSharedFiles
    /// Their paths, for messages.
    let paths: AWSSharedConfig
    let environment: [String: String]
    let httpClient: HTTPClient
    let sts: STSAccess
    /// The selected profile's region: where STS is called unless the environment says otherwise.
    let profileRegion: String?
    let processTimeout: Duration
    let now: Date

    /// The credentials of profile `name`, nil when it has none. `chain` holds the profiles whose
    /// roles these credentials will assume, outermost first; empty for the selected profile.
    func credentials(forProfile name: String, chain: [String] = []) async throws -> AWSCredentials? {
        let profile = files.profile(name)
        let assumesRole = profile.settings["role_arn"] != nil && profile.settings["web_identity_token_file"] == nil
        if assumesRole && (chain.isEmpty || !profile.hasStaticKeys) {
            return try await assumeRole(profile, chain: chain + [name])
        }
        return try await ownCredentials(profile)
    }

    private func ownCredentials(_ profile: AWSSharedProfile) async throws -> AWSCredentials? {
        let settings = profile.settings
        let name = profile.name
        if let tokenFile = settings["web_identity_token_file"]?.nonEmptyText {
            guard let roleARN = settings["role_arn"]?.nonEmptyText else {
                throw AWSCredentialError(.invalidConfiguration, "profile '\(name)' has web_identity_token_file but no role_arn")
            }
            let role = WebIdentityRole(tokenFile: tokenFile, roleARN: roleARN,
                                       sessionName: settings["role_session_name"]?.nonEmptyText ?? defaultSessionName(now),
                                       origin: "profile '\(name)'", source: "web-identity:\(name)")
            return try await role.assume(sts: try sts.client(profileRegion: profileRegion))
        }
        let sso = ["sso_session", "sso_start_url"].filter { settings[$0] != nil }
        if !sso.isEmpty { throw Self.unsupported(name, sso) }
        if let credentials = try staticKeys(profile.credentialsFileSection, in: paths.credentialsFilePath,
                                            source: "shared-credentials-file:\(name)", profile: name) {
            return credentials
        }
        if settings["login_session"] != nil { throw Self.unsupported(name, ["login_session"]) }
        if let command = settings["credential_process"]?.nonEmptyText {
            return try await CredentialProcess(command: command, profile: name, environment: environment,
                                               timeout: processTimeout).credentials()
        }
        return try staticKeys(profile.configFileSection, in: paths.configFilePath, source: "shared-config-file:\(name)", profile: name)
    }

    private func assumeRole(_ profile: AWSSharedProfile, chain: [String]) async throws -> AWSCredentials {
        let role = try AssumeRoleProfile(profile: profile.name, settings: profile.settings, now: now)
        let source = try await sourceCredentials(of: profile, chain: chain)
        return try await role.assume(with: source, sts: try sts.client(profileRegion: profileRegion))
    }

    private func sourceCredentials(of profile: AWSSharedProfile, chain: [String]) async throws -> AWSCredentials {
        let name = profile.name
        switch (profile.settings["source_profile"]?.nonEmptyText, profile.settings["credential_source"]?.nonEmptyText) {
        case (_?, _?):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(name)' has both source_profile and credential_source; it needs exactly one")
        case (nil, nil):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(name)' has role_arn but no source_profile, credential_source or web_identity_token_file")
        case (nil, let setting?):
            return try await CredentialSourceSetting.credentials(named: setting, profile: name, environment: environment,
                                                                 httpClient: httpClient)
        case (let source?, nil):
            guard files.profile(source).exists else {
                throw AWSCredentialError(.invalidConfiguration, "profile '\(name)' names source_profile '\(source)', "
                                         + "which is in neither \(paths.credentialsFilePath) nor \(paths.configFilePath)")
            }
            if chain.contains(source) && !(source == name && profile.hasStaticKeys) {
                let loop = (chain + [source]).map { "'\($0)'" }.joined(separator: " -> ")
                throw AWSCredentialError(.invalidConfiguration, "source_profile loop: \(loop); a role's source must lead to credentials")
            }
            guard let credentials = try await credentials(forProfile: source, chain: chain) else {
                throw AWSCredentialError(.invalidConfiguration,
                                         "source_profile '\(source)' of profile '\(name)' has no credentials of its own")
            }
            return credentials
        }
    }

    /// The key pair in one file's section; nil when that section has neither half.
    private func staticKeys(_ section: [String: String]?, in path: String, source: String, profile: String) throws -> AWSCredentials? {
        guard let section else { return nil }
        switch (section["aws_access_key_id"]?.nonEmptyText, section["aws_secret_access_key"]?.nonEmptyText) {
        case (nil, nil):
            return nil
        case (let accessKeyID?, let secret?):
            // aws_security_token is the older name botocore still accepts.
            let token = (section["aws_session_token"] ?? section["aws_security_token"])?.nonEmptyText
            return AWSCredentials(accessKeyID: accessKeyID, secretAccessKey: secret, sessionToken: token, source: source)
        case (_?, nil):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)' in \(path) has aws_access_key_id but no aws_secret_access_key")
        case (nil, _?):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)' in \(path) has aws_secret_access_key but no aws_access_key_id")
        }
    }

    private static func unsupported(_ profile: String, _ settings: [String]) -> AWSCredentialError {
        AWSCredentialError(
            .unsupportedProfile,
            "profile '\(profile)' uses \(settings.joined(separator: ", ")), which regiond does not support; "
                + "give regiond a profile with keys, a role, web identity or credential_process, or export credentials "
                + "into its environment (e.g. `aws configure export-credentials --profile \(profile) --format env`)")
    }
}

extension AWSSharedProfile {
    /// botocore's test for "this profile has keys of its own", either file.
    var hasStaticKeys: Bool {
        ["aws_access_key_id", "aws_secret_access_key"].contains { settings[$0]?.nonEmptyText != nil }
    }
}
