import AWSCore
import AsyncHTTPClient
import Foundation
import Logging
import RegionRegistry
import RegistrySources

/// The snapshot source the settings name, with what it holds open (the AWS source's HTTP client).
struct ConfiguredSource: Sendable {
    let source: any SnapshotSource
    private let httpClient: HTTPClient?

    /// A bad catalog file or AWS setting stops start-up here, with its errors.
    static func make(_ settings: Settings, logger: Logger,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ConfiguredSource {
        let catalog = settings.catalog.map { CatalogSource(.file($0)) } ?? CatalogSource(.embedded)
        let (_, catalogSnapshot) = try catalog.load()
        switch settings.source {
        case .catalog:
            return ConfiguredSource(source: catalog, httpClient: nil)
        case .aws:
            let aws = settings.aws
            let endpoint = try AWSEndpointResolver(environment: environment, configured: aws.endpoint)
            let httpClient = HTTPClient(
                eventLoopGroupProvider: .singleton,
                configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5))),
                backgroundActivityLogger: logger)
            let credentials = AWSCredentialChain(environment: environment, profile: aws.profile, httpClient: httpClient, logger: logger)
            let client = AWSClient(
                httpClient: httpClient, credentials: credentials,
                configuration: AWSClient.Configuration(
                    endpoint: endpoint, retry: AWSRetryPolicy(maxAttempts: aws.maxAttempts), concurrency: aws.concurrency,
                    requestTimeout: aws.timeout),
                logger: logger)
            if let override = endpoint.override {
                logger.notice("AWS endpoint overridden", metadata: ["endpoint": "\(override.absoluteString)"])
            }
            let source = AWSSource(client: client, sourceRegions: aws.regions, knownRegions: catalogSnapshot.regions, logger: logger)
            return ConfiguredSource(source: source, httpClient: httpClient)
        }
    }

    func shutdown() async {
        try? await httpClient?.shutdown()
    }
}
