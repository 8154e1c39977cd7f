import BedrockStandIn
import Foundation
import Testing
@testable import AWSCore

@Suite("STS: endpoints, answers, errors")
struct STSAnswerTests {
    /// A profile whose role is assumed with the base keys, STS at `sts` in us-east-1.
    private static func assumeRole(_ home: CredentialTestDirectory, sts: String) async throws -> AWSCredentials {
        try home.write(".aws/credentials", STSTestValues.section("base"))
        try home.write(".aws/config", "[profile admin]\nrole_arn = \(STSTestValues.role)\nsource_profile = base\n")
        return try await SharedFileCredentials(profile: "admin", environment: ["AWS_ENDPOINT_URL_STS": sts],
                                               homeDirectory: home.path, stsRegion: "us-east-1").credentials()
    }

    @Test func accessDeniedCarriesAWSsCodeAndMessageWithoutTheSigningSecret() async throws {
        let sts = STSStandIn(region: "us-east-1", credentials: [STSTestValues.baseKeys])
        sts.answerNext(.error(status: 403, code: "AccessDenied", message: "User: arn:aws:iam::111122223333:user/ci is not "
            + "authorized to perform: sts:AssumeRole (echoing \(CredentialTestSecrets.secret))"))
        try await withCredentialTestDirectory { home in
            try await withSTSStandIn(sts) { base async throws in
                let error = await #expect(throws: AWSCredentialError.self) { try await Self.assumeRole(home, sts: base) }
                #expect(error?.kind == .retrievalFailed)
                #expect(error?.code == "AccessDenied")
                #expect(error?.message.hasPrefix("STS AssumeRole for role \(STSTestValues.role) (profile 'admin') failed: AccessDenied "
                    + "(HTTP 403): User: arn:aws:iam::111122223333:user/ci is not authorized to perform: sts:AssumeRole "
                    + "(echoing (redacted)) [request id ") == true, "\(error?.message ?? "")")
                #expect(CredentialTestSecrets.assertAbsent(in: error?.description ?? ""))
            }
        }
    }

    @Test func aWrongSignatureIsReportedAsAWSWouldReportIt() async throws {
        let sts = STSStandIn(region: "us-east-1") // does not know the base keys
        try await withCredentialTestDirectory { home in
            try await withSTSStandIn(sts) { base async throws in
                let error = await #expect(throws: AWSCredentialError.self) { try await Self.assumeRole(home, sts: base) }
                #expect(error?.code == "InvalidClientTokenId")
            }
        }
    }

    @Test func malformedXMLIsDescribedNotQuoted() async throws {
        let sts = STSStandIn(region: "us-east-1", credentials: [STSTestValues.baseKeys])
        sts.answerNext(.malformedXML)
        try await withCredentialTestDirectory { home in
            try await withSTSStandIn(sts) { base async throws in
                let error = await #expect(throws: AWSCredentialError.self) { try await Self.assumeRole(home, sts: base) }
                #expect(error?.message == "STS AssumeRole for role \(STSTestValues.role) (profile 'admin'): "
                    + "STS answered HTTP 200 with something other than an AssumeRoleResponse")
            }
        }
    }

    @Test func aGatewayPageIsNotQuotedAndA5xxIsRetried() async throws {
        let sts = STSStandIn(region: "us-east-1", credentials: [STSTestValues.baseKeys])
        sts.answerNext(.notXML(status: 503))
        sts.answerNext(.notXML(status: 400))
        try await withCredentialTestDirectory { home in
            try await withSTSStandIn(sts) { base async throws in
                let error = await #expect(throws: AWSCredentialError.self) { try await Self.assumeRole(home, sts: base) }
                #expect(error?.message == "STS AssumeRole for role \(STSTestValues.role) (profile 'admin'): STS answered HTTP 400")
                #expect(sts.calls.map(\.status) == [503, 400])
                #expect(try await Self.assumeRole(home, sts: base).accessKeyID == STSStandIn.issuedCredentials(1).accessKeyID)
            }
        }
    }

    @Test(arguments: [
        ([:], "https://sts.eu-west-1.amazonaws.com"),
        (["AWS_ENDPOINT_URL": "http://localhost:4566"], "http://localhost:4566"),
        (["AWS_ENDPOINT_URL": "http://localhost:4566", "AWS_ENDPOINT_URL_STS": "https://sts.internal/"], "https://sts.internal"),
        (["AWS_ENDPOINT_URL_STS": "https://sts.internal", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"], "https://sts.eu-west-1.amazonaws.com"),
        (["AWS_ENDPOINT_URL_BEDROCK": "https://bedrock.internal"], "https://sts.eu-west-1.amazonaws.com"),
    ])
    func endpoint(environment: [String: String], expected: String) throws {
        let client = try STSAccess(httpClient: .shared, environment: environment, fallbackRegion: "eu-west-1").client(profileRegion: nil)
        #expect(client.endpoint.baseURL(region: client.region) == expected)
    }

    @Test func chinaRegionsUseTheirOwnSuffixAndABadOverrideIsNamed() throws {
        let china = try STSAccess(httpClient: .shared, environment: [:], fallbackRegion: nil).client(profileRegion: "cn-north-1")
        #expect(china.endpoint.baseURL(region: china.region) == "https://sts.cn-north-1.amazonaws.com.cn")
        let error = #expect(throws: AWSCredentialError.self) {
            try STSAccess(httpClient: .shared, environment: ["AWS_ENDPOINT_URL_STS": "sts.internal"], fallbackRegion: "us-east-1")
                .client(profileRegion: nil)
        }
        #expect(error?.message.hasPrefix("AWS_ENDPOINT_URL_STS: expected an http(s) URL such as https://sts.example.com") == true)
    }
}
