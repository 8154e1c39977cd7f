import AWSCore
import AsyncHTTPClient
import Foundation
import Logging
import RegionRegistry
import RegistrySources

/// The snapshot source the settings name. A bad catalog file or AWS setting throws here, with
/// its errors: at start-up that stops regiond, at a reload it keeps the running source.
enum ConfiguredSource {
    /// - Parameter httpClient: the daemon's client for AWS calls (it outlives reloads).
    static func make(_ settings: Settings, httpClient: HTTPClient, logger: Logger,
                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> any SnapshotSource {
        let catalog = settings.catalog.map { CatalogSource(.file($0)) } ?? CatalogSource(.embedded)
        let (_, catalogSnapshot) = try catalog.load()
        switch settings.source {
        case .catalog:
            return catalog
        case .aws:
            let client = try makeAWSClient(settings, httpClient: httpClient, logger: logger, environment: environment)
            let lifecycles = Dictionary(catalogSnapshot.models.compactMap { model in model.lifecycle.map { (model.id, $0) } }) { a, _ in a }
            return AWSSource(client: client, sourceRegions: settings.aws.regions, knownRegions: catalogSnapshot.regions,
                             knownLifecycles: lifecycles, logger: logger)
        }
    }

    /// The signed, retrying control-plane client (the AWS source and the health probes share it).
    /// With `service: .iam`, the IAM client of the policy simulator (`aws.endpoint` is Bedrock's only).
    static func makeAWSClient(_ settings: Settings, httpClient: HTTPClient, logger: Logger, service: AWSEndpointResolver.Service = .bedrock,
                              environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AWSClient {
        let aws = settings.aws
        let endpoint = try AWSEndpointResolver(environment: environment, configured: service == .bedrock ? aws.endpoint : nil, service: service)
        // STS for roles and web identity: AWS_REGION or the profile's region first, else the
        // first source region, so that a bare EKS pod needs nothing more than `--regions`.
        let credentials = AWSCredentialChain(environment: environment, profile: aws.profile, httpClient: httpClient,
                                             stsRegion: aws.regions.first, logger: logger)
        if let override = endpoint.override {
            logger.notice("AWS endpoint overridden", metadata: ["endpoint": "\(override.absoluteString)"])
        }
        return AWSClient(
            httpClient: httpClient, credentials: credentials,
            configuration: AWSClient.Configuration(
                service: service.hostPrefix, endpoint: endpoint, retry: AWSRetryPolicy(maxAttempts: aws.maxAttempts), concurrency: aws.concurrency,
                requestTimeout: aws.timeout),
            logger: logger)
    }

    /// The client AWS calls go through: no redirects (a signed request must not wander), a
    /// bounded connect time. Created once per process; the caller shuts it down.
    static func makeHTTPClient(logger: Logger) -> HTTPClient {
        HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5))),
            backgroundActivityLogger: logger)
    }
}
