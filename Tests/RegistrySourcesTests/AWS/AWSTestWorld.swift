import AWSCore
import AsyncHTTPClient
import BedrockStandIn
import Logging
import RegionRegistry
import RegistrySources

/// The sample account, and region names as the embedded catalog provides them.
enum AWSTestWorld {
    static let sonnet = SampleAccount.sonnet
    static let llama = SampleAccount.llama
    static let sourceRegions = SampleAccount.sourceRegions
    static let credentials = SampleAccount.credentials

    static func make() -> StandInWorld { SampleAccount.make() }

    static func knownRegions() throws -> [Region] {
        try CatalogSource(.embedded).load().1.regions
    }
}

/// A stand-in running with the test world, and an AWS source pointed at it.
struct AWSHarness {
    let standIn: BedrockStandIn
    let httpClient: HTTPClient
    let source: AWSSource
    let baseURL: String

    static func start(world: StandInWorld = AWSTestWorld.make(), maxAttempts: Int = 3, timeout: Duration = .seconds(30),
                      credentials: AWSCredentials = AWSTestWorld.credentials, regions: [String] = AWSTestWorld.sourceRegions) async throws -> AWSHarness {
        let standIn = BedrockStandIn(world: world, credentials: [AWSTestWorld.credentials])
        let baseURL = try await standIn.start()
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton)
        let client = AWSClient(
            httpClient: httpClient, credentials: StaticCredentials(credentials),
            configuration: AWSClient.Configuration(
                endpoint: try AWSEndpointResolver(environment: ["AWS_ENDPOINT_URL_BEDROCK": baseURL], configured: nil),
                retry: AWSRetryPolicy(maxAttempts: maxAttempts, baseDelay: .milliseconds(1), maxDelay: .milliseconds(5)),
                requestTimeout: timeout),
            logger: Logger(label: "test"))
        let source = AWSSource(client: client, sourceRegions: regions, knownRegions: try AWSTestWorld.knownRegions(),
                               logger: Logger(label: "test"))
        return AWSHarness(standIn: standIn, httpClient: httpClient, source: source, baseURL: baseURL)
    }

    func stop() async {
        try? await httpClient.shutdown()
        await standIn.stop()
    }
}

struct StaticCredentials: AWSCredentialProvider {
    let value: AWSCredentials
    init(_ value: AWSCredentials) { self.value = value }
    func credentials() async throws -> AWSCredentials { value }
}

/// Runs `body` against a fresh harness and always stops it.
/// The attempt timeout is generous (30 s): the whole suite runs in parallel on two cores, and a
/// stand-in answer slower than 5 s there made tests that count attempts or failures flaky. Tests
/// of timeouts pass their own.
func withAWSHarness(world: StandInWorld = AWSTestWorld.make(), maxAttempts: Int = 3, timeout: Duration = .seconds(30),
                    credentials: AWSCredentials = AWSTestWorld.credentials,
                    _ body: (AWSHarness) async throws -> Void) async throws {
    let harness = try await AWSHarness.start(world: world, maxAttempts: maxAttempts, timeout: timeout, credentials: credentials)
    do {
        try await body(harness)
    } catch {
        await harness.stop()
        throw error
    }
    await harness.stop()
}
