import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing
@testable import AWSCore

@Suite("Container credentials")
struct CredentialContainerTests {
    private let expiration = Date(timeIntervalSince1970: 1_800_003_600)

    /// A generous timeout: a loaded CI machine must not turn one fetch into a retried one.
    private func source(_ environment: [String: String], base: String = ContainerCredentials.ecsAgentBase,
                        timeout: Duration = .seconds(20)) -> ContainerCredentials {
        ContainerCredentials(environment: environment, httpClient: .shared, relativeURIBase: base,
                             timeout: timeout, retryDelay: .zero)
    }

    @Test func fullURIWithTokenFromEnvironment() async throws {
        let expiration = self.expiration
        try await withCredentialStandIn({ router in
            router.get("/v2/credentials") { _, _ in credentialJSON(expiration: expiration) }
        }) { base, log in
            let credentials = try await source([
                "AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/v2/credentials",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": CredentialTestSecrets.authorization,
            ]).credentials()
            #expect(credentials == AWSCredentials(accessKeyID: CredentialTestSecrets.accessKeyID,
                                                  secretAccessKey: CredentialTestSecrets.secret,
                                                  sessionToken: CredentialTestSecrets.token,
                                                  expiration: expiration, source: "container"))
            #expect(log.all.map(\.headers["authorization"]) == [CredentialTestSecrets.authorization])
            #expect(CredentialTestSecrets.assertAbsent(in: "\(credentials)"))
        }
    }

    /// botocore prefers the token file over the variable, and the file is read on every fetch because it rotates.
    @Test func tokenFileWinsAndIsReadOnEveryFetch() async throws {
        let expiration = self.expiration
        try await withCredentialTestDirectory { directory in
            let tokenFile = try directory.write("token", "file-token-1\n")
            try await withCredentialStandIn({ router in
                router.get("/creds") { _, _ in credentialJSON(expiration: expiration) }
            }) { base, log in
                let container = source([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/creds",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": "env-token",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile,
                ])
                _ = try await container.credentials()
                try directory.write("token", "file-token-2")
                _ = try await container.credentials()
                #expect(log.all.map(\.headers["authorization"]) == ["file-token-1", "file-token-2"])
            }
        }
    }

    @Test func relativeURIIsAppendedToTheAgentBase() async throws {
        let expiration = self.expiration
        try await withCredentialStandIn({ router in
            router.get("/v2/credentials/task-id") { _, _ in credentialJSON(expiration: expiration) }
        }) { base, log in
            let credentials = try await source(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/task-id"], base: base)
                .credentials()
            #expect(credentials.accessKeyID == CredentialTestSecrets.accessKeyID)
            #expect(log.all.map(\.path) == ["/v2/credentials/task-id"])
            #expect(log.all.first?.headers["authorization"] == nil)
        }
    }

    @Test func serverErrorIsAnErrorWithoutSecrets() async throws {
        try await withCredentialStandIn({ router in
            router.get("/creds") { _, _ in
                EditedResponse(status: .internalServerError, response: "boom \(CredentialTestSecrets.secret) \(CredentialTestSecrets.token)")
            }
        }) { base, log in
            let error = await #expect(throws: AWSCredentialError.self) {
                try await source([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/creds?sig=\(CredentialTestSecrets.token)",
                    "AWS_CONTAINER_AUTHORIZATION_TOKEN": CredentialTestSecrets.authorization,
                ]).lookUp()
            }
            #expect(error?.kind == .retrievalFailed)
            #expect(error?.message == "container credentials endpoint \(base)/creds answered HTTP 500")
            #expect(CredentialTestSecrets.assertAbsent(in: "\(error.map(String.init(describing:)) ?? "")"))
            #expect(log.count == 3, "botocore's three attempts")
        }
    }

    @Test func malformedAnswerIsAnErrorWithoutTheBody() async throws {
        try await withCredentialStandIn({ router in
            router.get("/creds") { _, _ in "{\"AccessKeyId\": \"AKIA1\", \"Token\": \"\(CredentialTestSecrets.token)\"}" }
        }) { base, _ in
            let error = await #expect(throws: AWSCredentialError.self) {
                try await source(["AWS_CONTAINER_CREDENTIALS_FULL_URI": base + "/creds"]).lookUp()
            }
            #expect(error?.message.hasSuffix("answered without AccessKeyId or SecretAccessKey") == true)
            #expect(CredentialTestSecrets.assertAbsent(in: error?.message ?? ""))
        }
    }

    @Test func unreachableEndpointIsAnError() async throws {
        let closed = try await closedCredentialPortURL()
        let error = await #expect(throws: AWSCredentialError.self) {
            // AsyncHTTPClient retries a refused connection until the deadline, so keep that short.
            try await source(["AWS_CONTAINER_CREDENTIALS_FULL_URI": closed + "/creds"], timeout: .milliseconds(300)).lookUp()
        }
        #expect(error?.kind == .retrievalFailed)
        #expect(error?.message.hasPrefix("container credentials endpoint \(closed)/creds unreachable: ") == true)
    }

    @Test func notConfiguredWithoutEitherVariable() async throws {
        guard case .notConfigured(let tried) = try await source([:]).lookUp() else {
            Issue.record("expected notConfigured"); return
        }
        #expect(tried.hasPrefix("container"))
    }

    @Test(arguments: [
        ("2026-01-02T03:04:05Z", 1_767_323_045.0),
        ("2026-01-02T03:04:05.250Z", 1_767_323_045.25),
        ("2026-01-02T05:04:05+02:00", 1_767_323_045.0),
    ])
    func expirationFormats(text: String, seconds: Double) {
        #expect(CredentialDocument.parseTimestamp(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(arguments: [
        ("http://127.0.0.1:8080/creds", true),
        ("http://127.10.0.3/creds", true),
        ("http://[::1]:8080/creds", true),
        ("http://localhost/creds", true),
        ("http://169.254.170.2/v2/creds", true),
        ("http://169.254.170.23/v1/credentials", true),
        ("http://[fd00:ec2::23]/v1/credentials", true),
        ("https://creds.example.com/creds", true),
        ("http://creds.example.com/creds", false),
        ("http://192.168.1.10/creds", false),
        ("http://169.254.169.254/creds", false),
        ("ftp://127.0.0.1/creds", false),
        ("/relative/only", false),
    ])
    func fullURIHostRestriction(url: String, allowed: Bool) {
        let threw = (try? ContainerCredentials.checkAllowed(url)) == nil
        #expect(threw == !allowed)
    }

    /// A forbidden FULL_URI fails before any request is made.
    @Test func forbiddenFullURIIsAnInvalidConfiguration() async throws {
        let error = await #expect(throws: AWSCredentialError.self) {
            try await source(["AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://192.0.2.1/creds"]).lookUp()
        }
        #expect(error?.kind == .invalidConfiguration)
        #expect(error?.message.contains("host '192.0.2.1' is not allowed over http") == true)
    }
}
