import Foundation
import Testing
@testable import AWSCore

@Suite("Shared credentials and config files")
struct CredentialSharedFileTests {
    private func credentials(home: CredentialTestDirectory, environment: [String: String] = [:],
                             profile: String? = nil) async throws -> AWSCredentials {
        try await SharedFileCredentials(profile: profile, environment: environment, homeDirectory: home.path).credentials()
    }

    private let twoProfiles = """
        [default]
        aws_access_key_id = AKIADEFAULT
        aws_secret_access_key = default-secret

        [work]
        aws_access_key_id = AKIAWORK
        aws_secret_access_key = work-secret
        aws_session_token = work-token
        """

    @Test func defaultProfileFromCredentialsFile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", twoProfiles)
            let credentials = try await credentials(home: home)
            #expect(credentials == AWSCredentials(accessKeyID: "AKIADEFAULT", secretAccessKey: "default-secret",
                                                  source: "shared-credentials-file:default"))
        }
    }

    @Test func namedProfileFromArgument() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", twoProfiles)
            let credentials = try await credentials(home: home, profile: "work")
            #expect(credentials.accessKeyID == "AKIAWORK")
            #expect(credentials.sessionToken == "work-token")
            #expect(credentials.source == "shared-credentials-file:work")
        }
    }

    @Test func namedProfileFromAWSProfile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", twoProfiles)
            #expect(try await credentials(home: home, environment: ["AWS_PROFILE": "work"]).accessKeyID == "AKIAWORK")
        }
    }

    @Test func argumentBeatsAWSProfile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", twoProfiles)
            let credentials = try await credentials(home: home, environment: ["AWS_PROFILE": "work"], profile: "default")
            #expect(credentials.accessKeyID == "AKIADEFAULT")
        }
    }

    @Test func configFileProfileAndDefaultSections() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", """
                [default]
                aws_access_key_id = AKIACONFIGDEFAULT
                aws_secret_access_key = config-default-secret

                [profile staging]
                aws_access_key_id = AKIASTAGING
                aws_secret_access_key = staging-secret

                [staging]
                aws_access_key_id = AKIANOTAPROFILE
                aws_secret_access_key = not-a-profile
                """)
            let implicit = try await credentials(home: home)
            #expect(implicit.accessKeyID == "AKIACONFIGDEFAULT")
            #expect(implicit.source == "shared-config-file:default")
            #expect(try await credentials(home: home, profile: "staging").accessKeyID == "AKIASTAGING")
        }
    }

    @Test func credentialsFileWinsOverConfigFile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[work]\naws_access_key_id = AKIACREDS\naws_secret_access_key = creds-secret\n")
            try home.write(".aws/config", "[profile work]\naws_access_key_id = AKIACONFIG\naws_secret_access_key = config-secret\nregion = eu-west-1\n")
            #expect(try await credentials(home: home, profile: "work").accessKeyID == "AKIACREDS")
        }
    }

    /// In the credentials file `[profile work]` is a profile literally named "profile work".
    @Test func credentialsFileSectionsAreBareNames() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[profile work]\naws_access_key_id = AKIA1\naws_secret_access_key = s\n")
            let error = await #expect(throws: AWSCredentialError.self) { try await credentials(home: home, profile: "work") }
            #expect(error?.kind == .profileNotFound)
        }
    }

    @Test func filePathsFromEnvironmentWithTildeExpansion() async throws {
        try await withCredentialTestDirectory { home in
            try home.write("elsewhere/creds.ini", "[default]\naws_access_key_id = AKIAELSEWHERE\naws_secret_access_key = s\n")
            try home.write(".aws/credentials", twoProfiles)
            let credentials = try await credentials(home: home, environment: ["AWS_SHARED_CREDENTIALS_FILE": "~/elsewhere/creds.ini"])
            #expect(credentials.accessKeyID == "AKIAELSEWHERE")

            let files = AWSSharedConfig(environment: ["AWS_CONFIG_FILE": "/etc/aws/config"], homeDirectory: home.path)
            #expect(files.configFilePath == "/etc/aws/config")
            #expect(files.credentialsFilePath == home.path + "/.aws/credentials")
        }
    }

    @Test(arguments: [
        (["AWS_PROFILE": "missing"], nil as String?, "AWS_PROFILE"),
        ([:], "missing", "--aws-profile"),
    ])
    func explicitlyNamedMissingProfileIsAnError(environment: [String: String], profile: String?, origin: String) async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", twoProfiles)
            let error = await #expect(throws: AWSCredentialError.self) {
                try await credentials(home: home, environment: environment, profile: profile)
            }
            #expect(error?.kind == .profileNotFound)
            #expect(error?.message.contains("'missing'") == true)
            #expect(error?.message.contains(origin) == true)
            #expect(error?.message.contains(home.path + "/.aws/credentials") == true)
        }
    }

    @Test func missingDefaultProfileIsNotConfigured() async throws {
        try await withCredentialTestDirectory { home in
            let lookup = try await SharedFileCredentials(environment: [:], homeDirectory: home.path).lookUp()
            guard case .notConfigured(let tried) = lookup else { Issue.record("expected notConfigured"); return }
            #expect(tried.contains("profile default"))
            #expect(tried.contains(home.path + "/.aws/config"))
        }
    }

    @Test func profileWithOnlyRegionIsNotConfigured() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", "[default]\nregion = us-west-2\n")
            let lookup = try await SharedFileCredentials(environment: [:], homeDirectory: home.path).lookUp()
            guard case .notConfigured(let tried) = lookup else { Issue.record("expected notConfigured"); return }
            #expect(tried.contains("has no aws_access_key_id"))
        }
    }

    @Test func ssoProfileIsAClearError() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", "[profile dev]\nsso_session = corp\nsso_account_id = 1\nsso_role_name = Dev\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\n")
            let error = await #expect(throws: AWSCredentialError.self) { try await credentials(home: home, profile: "dev") }
            #expect(error?.message.contains("uses sso_session") == true)
        }
    }

    @Test func accessKeyWithoutSecretSaysWhereAndWhat() async throws {
        try await withCredentialTestDirectory { home in
            let path = try home.write(".aws/credentials", "[default]\naws_access_key_id = \(CredentialTestSecrets.accessKeyID)\n")
            let error = await #expect(throws: AWSCredentialError.self) { try await credentials(home: home) }
            #expect(error?.kind == .invalidConfiguration)
            #expect(error?.message == "profile 'default' in \(path) has aws_access_key_id but no aws_secret_access_key")
        }
    }

    @Test func secretWithoutAccessKeyIsAnErrorWithoutTheSecret() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[default]\naws_secret_access_key = \(CredentialTestSecrets.secret)\n")
            let error = await #expect(throws: AWSCredentialError.self) { try await credentials(home: home) }
            #expect(error?.message.contains("has aws_secret_access_key but no aws_access_key_id") == true)
            #expect(CredentialTestSecrets.assertAbsent(in: "\(error.map(String.init(describing:)) ?? "")"))
        }
    }

    @Test func regionFromConfigFile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/config", """
                [default]
                region = us-east-1
                [profile eu]
                region = eu-central-1
                [profile none]
                output = json
                """)
            let files = { (environment: [String: String]) in AWSSharedConfig(environment: environment, homeDirectory: home.path) }
            #expect(try await files([:]).region() == "us-east-1")
            #expect(try await files([:]).region(profile: "eu") == "eu-central-1")
            #expect(try await files(["AWS_PROFILE": "eu"]).region() == "eu-central-1")
            #expect(try await files([:]).region(profile: "none") == nil)
            await #expect(throws: AWSCredentialError.self) { try await files([:]).region(profile: "absent") }
        }
    }

    @Test func regionIsNilWithoutFiles() async throws {
        try await withCredentialTestDirectory { home in
            let region = try await AWSSharedConfig(environment: [:], homeDirectory: home.path).region()
            #expect(region == nil)
        }
    }
}
