import AWSCore
import AsyncHTTPClient
import BedrockStandIn
import Logging
import RegionRegistry
import RegistrySources

/// A four-source-region account for the AWS source tests, and a client wired to a stand-in.
enum AWSTestWorld {
    static let sonnet = "anthropic.claude-sonnet-4-20250514-v1:0"
    static let llama = "meta.llama3-3-70b-instruct-v1:0"
    static let sourceRegions = ["us-east-1", "us-west-2", "eu-central-1", "ap-northeast-1"]
    static let credentials = AWSCredentials(accessKeyID: "AKIDSTANDIN", secretAccessKey: "standin/secret+key=", source: "test")

    static func make() -> StandInWorld {
        var world = StandInWorld()
        let usSonnet = StandInProfile(id: "us.\(sonnet)", name: "US Claude Sonnet 4", modelId: sonnet,
                                      destinations: ["us-east-1", "us-east-2", "us-west-2"])
        let usLlama = StandInProfile(id: "us.\(llama)", name: "US Llama 3.3 70B", modelId: llama, destinations: ["us-east-1", "us-west-2"])
        let global = StandInProfile(id: "global.\(sonnet)", name: "Global Claude Sonnet 4", modelId: sonnet,
                                    destinations: ["us-east-1", "eu-west-1", "ap-northeast-1"])
        let team = StandInProfile(id: "a1b2c3d4e5f6", name: "team-a-sonnet", type: "APPLICATION", modelId: sonnet,
                                  destinations: ["us-east-1", "us-east-2"])
        world.profiles["us-east-1"] = [usSonnet, usLlama, global, team]
        // From us-west-2 the same US profile reaches one region fewer: routes differ by source.
        var westSonnet = usSonnet
        westSonnet.destinations = ["us-east-1", "us-west-2"]
        world.profiles["us-west-2"] = [westSonnet, usLlama, global]
        world.profiles["eu-central-1"] = [
            StandInProfile(id: "eu.\(sonnet)", name: "EU Claude Sonnet 4", modelId: sonnet,
                           destinations: ["eu-central-1", "eu-west-1", "eu-west-3"]),
            global,
        ]
        world.profiles["ap-northeast-1"] = [
            StandInProfile(id: "apac.\(sonnet)", name: "APAC Claude Sonnet 4", modelId: sonnet,
                           destinations: ["ap-northeast-1", "ap-northeast-3"]),
        ]
        for region in sourceRegions {
            world.models[region] = [StandInModel(id: sonnet, name: "Claude Sonnet 4"),
                                    StandInModel(id: llama, name: "Llama 3.3 70B Instruct", provider: "Meta")]
        }
        for region in ["us-east-1", "us-east-2", "us-west-2", "eu-central-1", "eu-west-1", "ap-northeast-1"] {
            world.availability[region] = [sonnet: .granted, llama: .granted]
        }
        world.availability["eu-west-3"] = [sonnet: .agreementPending]
        // ap-northeast-3 has no availability entry: the stand-in answers 404 there.
        return world
    }

    /// Region names for the directory, as the embedded catalog provides them.
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

    static func start(world: StandInWorld = AWSTestWorld.make(), maxAttempts: Int = 3, timeout: Duration = .seconds(5),
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
func withAWSHarness(world: StandInWorld = AWSTestWorld.make(), maxAttempts: Int = 3, timeout: Duration = .seconds(5),
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
