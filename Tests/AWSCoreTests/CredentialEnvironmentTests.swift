import AsyncHTTPClient
import Foundation
import Testing
@testable import AWSCore

@Suite("Environment credentials")
struct CredentialEnvironmentTests {
    @Test func readsKeysAndSessionToken() async throws {
        let lookup = try await EnvironmentCredentials(environment: [
            "AWS_ACCESS_KEY_ID": CredentialTestSecrets.accessKeyID,
            "AWS_SECRET_ACCESS_KEY": CredentialTestSecrets.secret,
            "AWS_SESSION_TOKEN": CredentialTestSecrets.token,
        ]).lookUp()
        #expect(lookup == .found(AWSCredentials(accessKeyID: CredentialTestSecrets.accessKeyID,
                                                secretAccessKey: CredentialTestSecrets.secret,
                                                sessionToken: CredentialTestSecrets.token, source: "environment")))
    }

    @Test func sessionTokenIsOptional() async throws {
        let credentials = try await EnvironmentCredentials(environment: [
            "AWS_ACCESS_KEY_ID": "AKIA1", "AWS_SECRET_ACCESS_KEY": "secret",
        ]).credentials()
        #expect(credentials.sessionToken == nil)
        #expect(credentials.expiration == nil)
    }

    @Test func withoutAccessKeyIDItIsNotConfigured() async throws {
        let lookup = try await EnvironmentCredentials(environment: ["AWS_ACCESS_KEY_ID": "", "HOME": "/nowhere"]).lookUp()
        guard case .notConfigured(let tried) = lookup else { Issue.record("expected notConfigured"); return }
        #expect(tried.contains("AWS_ACCESS_KEY_ID"))
    }

    @Test func accessKeyWithoutSecretIsAnError() async throws {
        let error = await #expect(throws: AWSCredentialError.self) {
            try await EnvironmentCredentials(environment: ["AWS_ACCESS_KEY_ID": CredentialTestSecrets.accessKeyID]).lookUp()
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains("AWS_SECRET_ACCESS_KEY") == true)
    }

    @Test func environmentBeatsSharedFiles() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[default]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n")
            let chain = AWSCredentialChain(
                environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                              "AWS_EC2_METADATA_DISABLED": "true"],
                homeDirectory: home.path, httpClient: .shared, logger: CredentialLogCapture().logger)
            let credentials = try await chain.credentials()
            #expect(credentials.accessKeyID == "AKIAENV")
            #expect(credentials.source == "environment")
        }
    }

    @Test func environmentBeatsAWSProfile() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[work]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n")
            let chain = AWSCredentialChain(
                environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                              "AWS_PROFILE": "work", "AWS_EC2_METADATA_DISABLED": "true"],
                homeDirectory: home.path, httpClient: .shared, logger: CredentialLogCapture().logger)
            #expect(try await chain.credentials().source == "environment")
        }
    }

    /// As `aws --profile NAME`: an explicitly named profile wins over the environment's keys.
    @Test func explicitProfileArgumentSkipsEnvironment() async throws {
        try await withCredentialTestDirectory { home in
            try home.write(".aws/credentials", "[work]\naws_access_key_id = AKIAFILE\naws_secret_access_key = file-secret\n")
            let chain = AWSCredentialChain(
                environment: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "env-secret",
                              "AWS_EC2_METADATA_DISABLED": "true"],
                profile: "work", homeDirectory: home.path, httpClient: .shared, logger: CredentialLogCapture().logger)
            let credentials = try await chain.credentials()
            #expect(credentials.accessKeyID == "AKIAFILE")
            #expect(credentials.source == "shared-credentials-file:work")
        }
    }
}
