import AsyncHTTPClient
import Foundation

/// A profile's `role_arn` with the settings that shape the AssumeRole call.
struct AssumeRoleProfile: Sendable {
    var profile: String
    var roleARN: String
    var sessionName: String
    var externalID: String?
    var durationSeconds: Int?

    init(profile: String, settings: [String: String], now: Date) throws {
        guard let roleARN = settings["role_arn"]?.nonEmptyText else {
            throw AWSCredentialError(.invalidConfiguration, "profile '\(profile)' has an empty role_arn")
        }
        // botocore would prompt for the code; a daemon has nobody to ask.
        if settings["mfa_serial"] != nil {
            throw AWSCredentialError(.unsupportedProfile,
                                     "profile '\(profile)' assumes its role with an MFA code (mfa_serial), which a daemon cannot enter")
        }
        var durationSeconds: Int?
        if let text = settings["duration_seconds"]?.nonEmptyText {
            guard let seconds = Int(text), (900...43_200).contains(seconds) else {
                throw AWSCredentialError(.invalidConfiguration,
                                         "profile '\(profile)': duration_seconds must be a whole number from 900 to 43200")
            }
            durationSeconds = seconds
        }
        self.profile = profile
        self.roleARN = roleARN
        self.sessionName = settings["role_session_name"]?.nonEmptyText ?? defaultSessionName(now)
        self.externalID = settings["external_id"]?.nonEmptyText
        self.durationSeconds = durationSeconds
    }

    /// Signed with `source`, which must not leak through AWS's answer either.
    func assume(with source: AWSCredentials, sts: STSClient) async throws -> AWSCredentials {
        var parameters = [(name: "RoleArn", value: roleARN), (name: "RoleSessionName", value: sessionName)]
        if let externalID { parameters.append((name: "ExternalId", value: externalID)) }
        if let durationSeconds { parameters.append((name: "DurationSeconds", value: String(durationSeconds))) }
        return try await sts.credentials(STSClient.Call(
            action: "AssumeRole", parameters: parameters, signer: source, subject: "role \(roleARN) (profile '\(profile)')",
            secrets: [source.secretAccessKey, source.sessionToken ?? ""], source: "assume-role:\(profile)"))
    }
}

/// A role assumed with a web identity token read from a file: what EKS sets up for IAM roles
/// for service accounts, and what a profile's `web_identity_token_file` names.
struct WebIdentityRole: Sendable {
    var tokenFile: String
    var roleARN: String
    var sessionName: String
    /// Where these settings came from, for errors: "environment", "profile 'ci'".
    var origin: String
    var source: String

    /// Reads the token anew on every call: EKS rotates the file (hourly by default), and an old
    /// token is refused once it expires.
    func assume(sts: STSClient) async throws -> AWSCredentials {
        var token: String
        do {
            token = try String(contentsOfFile: tokenFile, encoding: .utf8)
        } catch {
            throw AWSCredentialError(.retrievalFailed,
                                     "cannot read the web identity token file \(tokenFile) (\(origin)): \(error.localizedDescription)")
        }
        token = token.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw AWSCredentialError(.retrievalFailed, "the web identity token file \(tokenFile) (\(origin)) is empty")
        }
        return try await sts.credentials(STSClient.Call(
            action: "AssumeRoleWithWebIdentity",
            parameters: [(name: "RoleArn", value: roleARN), (name: "RoleSessionName", value: sessionName),
                         (name: "WebIdentityToken", value: token)],
            signer: nil, subject: "role \(roleARN) (\(origin))", secrets: [token], source: source))
    }
}

/// A profile's `credential_source`: where the credentials that assume its role come from.
enum CredentialSourceSetting: String, CaseIterable {
    case environment = "Environment"
    case instanceMetadata = "Ec2InstanceMetadata"
    case container = "EcsContainer"

    /// The named source's credentials; its being unconfigured is an error here, since the
    /// profile depends on it.
    static func credentials(named name: String, profile: String, environment: [String: String],
                            httpClient: HTTPClient) async throws -> AWSCredentials {
        guard let setting = Self(rawValue: name) else {
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)': credential_source '\(name.prefix(40))' is not one of "
                                         + allCases.map(\.rawValue).joined(separator: ", "))
        }
        let source: any AWSCredentialSource = switch setting {
        case .environment: EnvironmentCredentials(environment: environment)
        case .instanceMetadata: InstanceMetadataCredentials(environment: environment, httpClient: httpClient)
        case .container: ContainerCredentials(environment: environment, httpClient: httpClient)
        }
        switch try await source.lookUp() {
        case .found(let credentials):
            return credentials
        case .notConfigured(let what):
            throw AWSCredentialError(.invalidConfiguration,
                                     "profile '\(profile)' takes its credentials from credential_source \(name), which has none: \(what)")
        }
    }
}

/// botocore names unnamed sessions after the time; so does regiond, with its own name.
func defaultSessionName(_ now: Date) -> String {
    "regiond-\(Int(now.timeIntervalSince1970))"
}
