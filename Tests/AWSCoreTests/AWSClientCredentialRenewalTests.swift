import AsyncHTTPClient
import BedrockStandIn
import Foundation
import Logging
import Synchronization
import Testing
@testable import AWSCore

@Suite("AWSClient: credentials AWS rejects are renewed once")
struct AWSClientCredentialRenewalTests {
    private static let request = AWSRequest(operation: "ListFoundationModels", region: "us-east-1", pathSegments: ["foundation-models"])
    private static let generations = (1...3).map(STSStandIn.issuedCredentials)

    /// A Bedrock stand-in accepting `credentials`, and a client signing with `provider`.
    private static func withBedrock(accepting credentials: [AWSCredentials], provider: any AWSCredentialProvider,
                                    _ body: (BedrockStandIn, AWSClient) async throws -> Void) async throws {
        let bedrock = BedrockStandIn(world: SampleAccount.make(), credentials: credentials)
        let base = try await bedrock.start()
        let client = AWSClient(
            httpClient: .shared, credentials: provider,
            configuration: AWSClient.Configuration(
                endpoint: try AWSEndpointResolver(environment: ["AWS_ENDPOINT_URL_BEDROCK": base], configured: nil),
                retry: AWSRetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)), requestTimeout: .seconds(10)),
            logger: CredentialLogCapture().logger)
        do {
            try await body(bedrock, client)
        } catch {
            await bedrock.stop()
            throw error
        }
        await bedrock.stop()
    }

    @Test func expiredTokenIsRetriedOnceWithFreshCredentials() async throws {
        let provider = GenerationalCredentials(Self.generations)
        try await Self.withBedrock(accepting: Self.generations, provider: provider) { bedrock, client in
            bedrock.inject(StandInFault(.expiredToken, operation: "ListFoundationModels", times: 1))
            let counter = AWSCallCounter()
            _ = try await client.send(Self.request, counter: counter)
            #expect(provider.invalidations == 1)
            #expect(bedrock.requests.map(\.status) == [403, 200])
            #expect(counter.value.requests == 2 && counter.value.retries == 1 && counter.value.failures == 0)
        }
    }

    @Test func onlyOnce() async throws {
        let provider = GenerationalCredentials(Self.generations)
        try await Self.withBedrock(accepting: Self.generations, provider: provider) { bedrock, client in
            bedrock.inject(StandInFault(.expiredToken, operation: "ListFoundationModels", times: 5))
            let error = await #expect(throws: AWSServiceError.self) { try await client.send(Self.request) }
            #expect(error?.errorType == "ExpiredTokenException")
            #expect(provider.invalidations == 1)
            #expect(bedrock.requests.count == 2)
        }
    }

    @Test func otherRefusalsKeepTheCredentials() async throws {
        let provider = GenerationalCredentials(Self.generations)
        try await Self.withBedrock(accepting: Self.generations, provider: provider) { bedrock, client in
            bedrock.inject(StandInFault(.accessDenied, operation: "ListFoundationModels"))
            await #expect(throws: AWSServiceError.self) { try await client.send(Self.request) }
            #expect(provider.invalidations == 0)
            #expect(bedrock.requests.count == 1)
        }
    }

    /// The whole path: the chain's web identity credentials are refused, the chain is
    /// invalidated, STS is asked again and the call succeeds with the new session.
    @Test func theChainFetchesNewCredentialsFromSTS() async throws {
        let sts = STSStandIn(region: "us-east-1", webIdentityTokens: [STSTestValues.webIdentityToken])
        try await withCredentialTestDirectory { home in
            let tokenFile = try home.write("token", STSTestValues.webIdentityToken)
            try await withSTSStandIn(sts) { stsBase async throws in
                let chain = AWSCredentialChain(
                    environment: ["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": STSTestValues.role,
                                  "AWS_ENDPOINT_URL_STS": stsBase, "AWS_EC2_METADATA_DISABLED": "true"],
                    homeDirectory: home.path, httpClient: .shared, stsRegion: "us-east-1", logger: CredentialLogCapture().logger)
                try await Self.withBedrock(accepting: Self.generations, provider: chain) { bedrock, client in
                    _ = try await client.send(Self.request)
                    bedrock.inject(StandInFault(.expiredToken, operation: "ListFoundationModels", times: 1))
                    _ = try await client.send(Self.request)
                    #expect(sts.calls.count == 2)
                    #expect(try await chain.credentials().accessKeyID == STSStandIn.issuedCredentials(2).accessKeyID)
                    #expect(bedrock.requests.map(\.status) == [200, 403, 200])
                }
            }
        }
    }
}

/// Hands out the next of `generations` after each invalidation.
final class GenerationalCredentials: AWSCredentialProvider {
    private let generations: [AWSCredentials]
    private let current = Mutex(0)

    init(_ generations: [AWSCredentials]) { self.generations = generations }

    var invalidations: Int { current.withLock { $0 } }

    func credentials() async throws -> AWSCredentials {
        generations[min(current.withLock { $0 }, generations.count - 1)]
    }

    func invalidate() async {
        current.withLock { $0 += 1 }
    }
}
