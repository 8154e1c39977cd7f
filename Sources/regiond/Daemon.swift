import Foundation
import Hummingbird
import Logging
import RegionRegistry
import RegistryHTTP
import RegistryService
import RegistrySources
import RegistryStore
import ServiceLifecycle

/// The whole daemon, assembled: store → registry → refresher → HTTP. `serve` runs it; tests call
/// `buildApplication` too and run it on port 0.
struct Daemon {
    let registry: Registry
    let refresher: RefreshCoordinator
    let application: Application<RouterResponder<BasicRequestContext>>
    let refreshService: RefreshService
    let source: ConfiguredSource

    static func build(
        settings: Settings, logger: Logger, version: String = RegiondVersion.current,
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws -> Daemon {
        let configured = try ConfiguredSource.make(settings, logger: logger)
        let source = configured.source
        let token = try settings.readToken()
        let store = try await RegistryStore.open(at: settings.db, mode: .migrate, logger: logger)
        let interrupted = try await store.abandonInterruptedRuns()
        if interrupted > 0 { logger.warning("marked refresh runs interrupted by an earlier stop as failed", metadata: ["runs": "\(interrupted)"]) }
        let registry = try await Registry(store: store)
        let refresher = RefreshCoordinator(source: source, registry: registry, logger: logger)
        let authorizer = WriteAuthorizer(token: token)
        if !authorizer.isEnabled { logger.notice("no API token configured (--token-file): write endpoints are refused") }
        let api = API(
            registry: registry, refresher: refresher, authorizer: authorizer,
            settings: APISettings(bodyLimit: settings.bodyLimit, refreshInterval: settings.refreshInterval,
                                  staleAfter: settings.staleAfter, version: version),
            logger: logger)
        let application = Application(
            router: api.router(),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "regiond"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? settings.port
                logger.info("regiond listening", metadata: [
                    "address": "\(settings.host):\(port)", "db": "\(settings.db)", "source": "\(source.name)",
                ])
                await onServerRunning(port)
            },
            logger: logger)
        let refreshService = RefreshService(coordinator: refresher, interval: settings.refreshInterval, logger: logger)
        return Daemon(registry: registry, refresher: refresher, application: application, refreshService: refreshService,
                      source: configured)
    }

    /// Runs until SIGTERM/SIGINT, then folds the WAL into the database file.
    ///
    /// A group shuts its services down in reverse order: first the watches are released (a
    /// blocked `/v1/changes?wait=` returns at once), then the server drains in-flight requests,
    /// then the refresher stops.
    func run(logger: Logger) async throws {
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [refreshService, application, WatchReleaseService(registry: registry)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger))
        try await group.run()
        await source.shutdown()
        do {
            try await registry.store.checkpoint()
            try registry.store.close()
        } catch {
            logger.warning("could not checkpoint the database at shutdown", metadata: ["error": "\(error)"])
        }
        logger.info("regiond stopped")
    }
}

/// At graceful shutdown, returns blocked `/v1/changes?wait=` requests at once so the server can
/// drain instead of waiting out their timeouts.
struct WatchReleaseService: Service {
    let registry: Registry

    func run() async throws {
        try? await gracefulShutdown()
        registry.releaseWatchers()
    }
}

enum RegiondVersion {
    static let current = "0.1.0"
}
