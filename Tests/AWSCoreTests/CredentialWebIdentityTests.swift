import BedrockStandIn
import Foundation
import Testing
@testable import AWSCore

@Suite("Web identity: AssumeRoleWithWebIdentity from the environment or a profile")
struct CredentialWebIdentityTests {
    private static func environment(tokenFile: String, sts: String) -> [String: String] {
        ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": STSTestValues.role, "AWS_ROLE_SESSION_NAME": "regiond-pod",
         "AWS_REGION": "eu-west-1", "AWS_ENDPOINT_URL_STS": sts, "AWS_EC2_METADATA_DISABLED": "true"]
    }

    @Test func fromTheEnvironmentUnsignedWithTheFilesToken() async throws {
        let sts = STSStandIn(region: "eu-west-1", webIdentityTokens: [STSTestValues.webIdentityToken])
        try await withCredentialTestDirectory { directory in
            let tokenFile = try directory.write("token", STSTestValues.webIdentityToken + "\n")
            try await withSTSStandIn(sts) { base async throws in
                let source = WebIdentityCredentials(environment: Self.environment(tokenFile: tokenFile, sts: base),
                                                    homeDirectory: directory.path, httpClient: .shared)
                let credentials = try await source.credentials()
                let issued = STSStandIn.issuedCredentials(1)
                #expect(credentials.accessKeyID == issued.accessKeyID)
                #expect(credentials.secretAccessKey == issued.secretAccessKey, "XML entities decoded")
                #expect(credentials.sessionToken == issued.sessionToken)
                #expect(credentials.expiration != nil)
                #expect(credentials.source == "web-identity")

                let call = try #require(sts.calls.first)
                #expect(sts.calls.count == 1)
                #expect(call.method == "POST")
                #expect(!call.signed, "AssumeRoleWithWebIdentity goes unsigned: the token is the proof")
                #expect(call.contentType == "application/x-www-form-urlencoded; charset=utf-8")
                #expect(call.parameters == [
                    "Action": "AssumeRoleWithWebIdentity", "Version": "2011-06-15", "RoleArn": STSTestValues.role,
                    "RoleSessionName": "regiond-pod", "WebIdentityToken": STSTestValues.webIdentityToken,
                ])
            }
        }
    }

    @Test func fromAProfileWithADefaultSessionName() async throws {
        let sts = STSStandIn(region: "ap-south-1", webIdentityTokens: [STSTestValues.webIdentityToken])
        try await withCredentialTestDirectory { home in
            let tokenFile = try home.write("token", STSTestValues.webIdentityToken)
            try home.write(".aws/config", """
                [profile pod]
                web_identity_token_file = \(tokenFile)
                role_arn = \(STSTestValues.role)
                region = ap-south-1
                """)
            try await withSTSStandIn(sts) { base async throws in
                let source = SharedFileCredentials(profile: "pod", environment: ["AWS_ENDPOINT_URL_STS": base], homeDirectory: home.path,
                                                   now: { Date(timeIntervalSince1970: 1_800_000_000) })
                #expect(try await source.credentials().source == "web-identity:pod")
                #expect(sts.calls.first?.parameters["RoleSessionName"] == "regiond-1800000000")
                #expect(sts.calls.first?.signed == false)
            }
        }
    }

    @Test func tokenFileWithoutRoleIsAnError() async throws {
        let error = await #expect(throws: AWSCredentialError.self) {
            try await WebIdentityCredentials(environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token"], httpClient: .shared).lookUp()
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message == "environment: AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not")
    }

    @Test func unreadableTokenFileNamesThePathNotTheToken() async throws {
        try await withCredentialTestDirectory { directory in
            let missing = directory.path + "/no-such-token"
            let error = await #expect(throws: AWSCredentialError.self) {
                try await WebIdentityCredentials(environment: Self.environment(tokenFile: missing, sts: "http://127.0.0.1:1"),
                                                 homeDirectory: directory.path, httpClient: .shared).credentials()
            }
            #expect(error?.kind == .retrievalFailed)
            #expect(error?.message.contains("cannot read the web identity token file \(missing) (environment)") == true)
        }
    }

    /// EKS rewrites the token file about hourly; a renewal must send the new token.
    @Test func renewalReadsTheRotatedTokenFile() async throws {
        let clock = CredentialTestClock()
        let sts = STSStandIn(region: "eu-west-1", webIdentityTokens: [STSTestValues.webIdentityToken, STSTestValues.rotatedToken],
                             lifetime: 3600, now: { clock.now })
        try await withCredentialTestDirectory { home in
            let tokenFile = try home.write("token", STSTestValues.webIdentityToken)
            try await withSTSStandIn(sts) { base async throws in
                let chain = AWSCredentialChain(environment: Self.environment(tokenFile: tokenFile, sts: base), homeDirectory: home.path,
                                               httpClient: .shared, logger: CredentialLogCapture().logger, now: { clock.now })
                #expect(try await chain.credentials().accessKeyID == STSStandIn.issuedCredentials(1).accessKeyID)
                try home.write("token", STSTestValues.rotatedToken)
                clock.advance(by: 3000) // 600 s left: not yet due
                #expect(try await chain.credentials().accessKeyID == STSStandIn.issuedCredentials(1).accessKeyID)
                clock.advance(by: 301) // 299 s left: inside the refresh window
                #expect(try await chain.credentials().accessKeyID == STSStandIn.issuedCredentials(2).accessKeyID)
                #expect(sts.calls.map { $0.parameters["WebIdentityToken"] } == [STSTestValues.webIdentityToken, STSTestValues.rotatedToken])
            }
        }
    }

    /// The environment's web identity comes before the shared files, as in the SDKs for Go and Java.
    @Test func environmentWebIdentityComesBeforeTheSharedFiles() async throws {
        let sts = STSStandIn(region: "eu-west-1", webIdentityTokens: [STSTestValues.webIdentityToken])
        try await withCredentialTestDirectory { home in
            let tokenFile = try home.write("token", STSTestValues.webIdentityToken)
            try home.write(".aws/credentials", STSTestValues.section("default"))
            try await withSTSStandIn(sts) { base async throws in
                let chain = AWSCredentialChain(environment: Self.environment(tokenFile: tokenFile, sts: base), homeDirectory: home.path,
                                               httpClient: .shared, logger: CredentialLogCapture().logger)
                #expect(try await chain.credentials().source == "web-identity")
                // Naming a profile skips the environment, its web identity included.
                let named = AWSCredentialChain(environment: Self.environment(tokenFile: tokenFile, sts: base), profile: "default",
                                               homeDirectory: home.path, httpClient: .shared, logger: CredentialLogCapture().logger)
                #expect(try await named.credentials().source == "shared-credentials-file:default")
            }
        }
    }

    @Test(arguments: [
        ("InvalidIdentityToken", 400), ("ExpiredTokenException", 400), ("AccessDenied", 403),
    ])
    func stsRefusalCarriesAWSsCodeAndMessageButNeverTheToken(code: String, status: Int) async throws {
        let sts = STSStandIn(region: "eu-west-1", webIdentityTokens: [STSTestValues.webIdentityToken])
        sts.answerNext(.error(status: status, code: code, message: "Refused token \(STSTestValues.webIdentityToken) for now"))
        let logs = CredentialLogCapture()
        try await withCredentialTestDirectory { home in
            let tokenFile = try home.write("token", STSTestValues.webIdentityToken)
            try await withSTSStandIn(sts) { base async throws in
                let chain = AWSCredentialChain(environment: Self.environment(tokenFile: tokenFile, sts: base), homeDirectory: home.path,
                                               httpClient: .shared, logger: logs.logger)
                let error = await #expect(throws: AWSCredentialError.self) { try await chain.credentials() }
                #expect(error?.kind == .retrievalFailed)
                #expect(error?.code == code)
                #expect(error?.message.hasPrefix("STS AssumeRoleWithWebIdentity for role \(STSTestValues.role) (environment) failed: "
                    + "\(code) (HTTP \(status)): Refused token (redacted) for now [request id ") == true)
                #expect(error?.description.contains(STSTestValues.webIdentityToken) == false)
            }
        }
        #expect(!logs.all.contains { $0.text.contains(STSTestValues.webIdentityToken) })
    }
}
