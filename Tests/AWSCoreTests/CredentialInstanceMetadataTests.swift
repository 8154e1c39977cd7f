import AsyncHTTPClient
import Foundation
import Hummingbird
import Testing
@testable import AWSCore

@Suite("Instance metadata credentials (IMDSv2)")
struct CredentialInstanceMetadataTests {
    private static let expiration = Date(timeIntervalSince1970: 1_800_021_600)
    private static let serving = CredentialIMDSStandIn { _ in .credentials(accessKeyID: CredentialTestSecrets.accessKeyID, expiration: expiration) }

    /// A roomier deadline than the 1 s default, so a loaded CI machine can't fail a live stand-in.
    private func source(endpoint: String, _ environment: [String: String] = [:],
                        timeout: Duration = .seconds(5)) -> InstanceMetadataCredentials {
        InstanceMetadataCredentials(environment: environment.merging(["AWS_EC2_METADATA_SERVICE_ENDPOINT": endpoint]) { $1 },
                                    httpClient: .shared, timeout: timeout)
    }

    @Test func tokenThenRoleThenCredentials() async throws {
        try await withCredentialStandIn(Self.serving.addRoutes) { base, log in
            let credentials = try await source(endpoint: base + "/").credentials()
            #expect(credentials == AWSCredentials(accessKeyID: CredentialTestSecrets.accessKeyID,
                                                  secretAccessKey: CredentialTestSecrets.secret,
                                                  sessionToken: CredentialTestSecrets.token,
                                                  expiration: Self.expiration, source: "imds:regiond-role"))
            let requests = log.all
            #expect(requests.map { "\($0.method) \($0.path)" } == [
                "PUT /latest/api/token",
                "GET /latest/meta-data/iam/security-credentials/",
                "GET /latest/meta-data/iam/security-credentials/regiond-role",
            ])
            #expect(requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"] == "21600")
            #expect(requests.dropFirst().allSatisfy { $0.headers["x-aws-ec2-metadata-token"] == CredentialIMDSStandIn.sessionToken })
        }
    }

    /// The stand-in is strict: metadata without the session token is refused, as with IMDSv1 off.
    @Test func standInRefusesRequestsWithoutTheToken() async throws {
        try await withCredentialStandIn(Self.serving.addRoutes) { base, _ in
            let request = HTTPClientRequest(url: base + "/latest/meta-data/iam/security-credentials/")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
            #expect(response.status == .unauthorized)
        }
    }

    @Test func disabledMakesNoRequest() async throws {
        try await withCredentialStandIn(Self.serving.addRoutes) { base, log in
            let lookup = try await source(endpoint: base, ["AWS_EC2_METADATA_DISABLED": "TRUE"]).lookUp()
            #expect(lookup == .notConfigured("instance metadata (AWS_EC2_METADATA_DISABLED=true)"))
            #expect(log.count == 0)
        }
    }

    @Test func unreachableIsNotConfigured() async throws {
        let closed = try await closedCredentialPortURL()
        let lookup = try await source(endpoint: closed, timeout: .seconds(1)).lookUp()
        guard case .notConfigured(let tried) = lookup else { Issue.record("expected notConfigured"); return }
        #expect(tried.hasPrefix("instance metadata (\(closed) unreachable"))
    }

    @Test func refusedTokenIsNotConfigured() async throws {
        var standIn = Self.serving
        standIn.tokenStatus = .forbidden
        try await withCredentialStandIn(standIn.addRoutes) { base, log in
            // A generous timeout: under a loaded suite a first attempt slower than 5 s was retried
            // (two requests), which is the timeout's doing, not the 403's that this test is about.
            let lookup = try await source(endpoint: base, timeout: .seconds(60)).lookUp()
            #expect(lookup == .notConfigured("instance metadata (\(base) refused an IMDSv2 token: HTTP 403)"))
            #expect(log.count == 1, "a refused token is not asked again")
        }
    }

    @Test func noRoleAttachedIsNotConfigured() async throws {
        var standIn = Self.serving
        standIn.roleListing = .notFound
        try await withCredentialStandIn(standIn.addRoutes) { base, _ in
            let lookup = try await source(endpoint: base).lookUp()
            #expect(lookup == .notConfigured("instance metadata (\(base): no IAM role attached to this instance)"))
        }
    }

    @Test func failureCodeIsAnError() async throws {
        try await withCredentialStandIn(CredentialIMDSStandIn { _ in .failureCode }.addRoutes) { base, _ in
            let error = await #expect(throws: AWSCredentialError.self) { try await source(endpoint: base).lookUp() }
            #expect(error?.kind == .retrievalFailed)
            #expect(error?.message.hasSuffix("answered Code \"Failure\" instead of \"Success\"") == true)
        }
    }

    @Test func credentialsErrorStatusIsAnErrorWithoutSecrets() async throws {
        try await withCredentialStandIn(CredentialIMDSStandIn { _ in .status(.internalServerError) }.addRoutes) { base, _ in
            let error = await #expect(throws: AWSCredentialError.self) { try await source(endpoint: base).lookUp() }
            #expect(error?.message == "instance metadata \(base)/latest/meta-data/iam/security-credentials/regiond-role answered HTTP 500")
            #expect(CredentialTestSecrets.assertAbsent(in: error?.description ?? ""))
        }
    }

    @Test func endpointSelection() {
        let client = HTTPClient.shared
        #expect(InstanceMetadataCredentials(environment: [:], httpClient: client).endpoint == "http://169.254.169.254")
        #expect(InstanceMetadataCredentials(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"],
                                            httpClient: client).endpoint == "http://[fd00:ec2::254]")
        #expect(InstanceMetadataCredentials(environment: ["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://10.0.0.1:1338/"],
                                            httpClient: client).endpoint == "http://10.0.0.1:1338")
        #expect(InstanceMetadataCredentials(environment: ["AWS_EC2_METADATA_DISABLED": "false"], httpClient: client).isDisabled == false)
    }
}
