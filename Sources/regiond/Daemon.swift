import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import RegionRegistry
import RegistryHTTP
import RegistryService
import RegistrySources
import RegistryStore
import ServiceLifecycle
import SystemdSupport

/// The whole daemon, assembled: store → registry → refresher → HTTP, plus systemd supervision
/// and SIGHUP reloads. `serve` runs it; tests run the binary.
struct Daemon {
    let registry: Registry
    let refresher: RefreshCoordinator
    let server: any Service
    let refreshService: RefreshService
    let healthServices: [any Service]
    let reloader: ConfigurationReloader
    let notifier: SystemdNotifier?
    let httpClient: HTTPClient
    let environment: [String: String]

    /// Longest graceful shutdown: in-flight requests get this long to finish, then are cancelled.
    static let drainTimeout: Duration = .seconds(10)

    /// - Parameter reload: reads the configuration again, for SIGHUP (the same flags, the
    ///   environment, the file as it is now).
    static func build(
        settings: Settings, reload: @escaping @Sendable () async throws -> Settings, logger: Logger,
        version: String = RegiondVersion.current, environment: [String: String] = ProcessInfo.processInfo.environment
    ) async throws -> Daemon {
        let httpClient = ConfiguredSource.makeHTTPClient(logger: logger)
        do {
            return try await build(settings: settings, reload: reload, logger: logger, version: version, environment: environment,
                                   httpClient: httpClient)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    private static func build(
        settings: Settings, reload: @escaping @Sendable () async throws -> Settings, logger: Logger, version: String,
        environment: [String: String], httpClient: HTTPClient
    ) async throws -> Daemon {
        let source = try ConfiguredSource.make(settings, httpClient: httpClient, logger: logger, environment: environment)
        let token = try settings.readToken()
        let activated = try SocketActivation.listeningSockets(environment: environment)
        SocketActivation.clearEnvironment()
        let store = try await RegistryStore.open(at: settings.db, mode: .migrate, logger: logger)
        let interrupted = try await store.abandonInterruptedRuns()
        if interrupted > 0 { logger.warning("marked refresh runs interrupted by an earlier stop as failed", metadata: ["runs": "\(interrupted)"]) }
        let registry = try await Registry(store: store)
        let metrics = RegiondMetrics()
        let refresher = RefreshCoordinator(source: source, registry: registry, metrics: metrics, logger: logger)
        let health = HealthMonitor(store: store, registry: registry, settings: settings.health.settings, metrics: metrics, logger: logger)
        try await health.restore()
        var healthServices: [any Service] = [HealthService(monitor: health)]
        if !settings.health.probeRegions.isEmpty {
            let client = try ConfiguredSource.makeAWSClient(settings, httpClient: httpClient, logger: logger, environment: environment)
            healthServices.append(HealthProbeService(client: client, regions: settings.health.probeRegions,
                                                     interval: settings.health.probeInterval, monitor: health, logger: logger))
            logger.info("probing Bedrock control planes", metadata: ["regions": "\(settings.health.probeRegions.joined(separator: ","))"])
        }
        let authorizer = WriteAuthorizer(token: token)
        if !authorizer.isEnabled { logger.notice("no API token configured (--token-file): write endpoints are refused") }
        let schedule = RefreshSchedule(.init(interval: settings.refreshInterval, staleAfter: settings.staleAfter))
        let api = API(
            registry: registry, refresher: refresher, authorizer: authorizer,
            settings: APISettings(bodyLimit: settings.bodyLimit, schedule: schedule, version: version),
            health: health, metrics: metrics, logger: logger)
        let notifier = SystemdNotifier(environment: environment)
        let status = StatusReporter(registry: registry, systemd: SystemdChannel(notifier: notifier, logger: logger))
        await refresher.onFinished { run in status.refreshFinished(run) }

        // READY=1 only now: migrations ran, the read model is loaded, and the listener is bound.
        let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
            let address = channel.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
            logger.info("regiond listening", metadata: [
                "address": "\(address)", "db": "\(settings.db)", "source": "\(source.name)",
                "socket": "\(activated.isEmpty ? "bound by regiond" : "passed by systemd")", "pid": "\(getpid())",
            ])
            status.ready()
        }
        let server: any Service
        if let socket = activated.first(where: { $0.name == "http" }) ?? activated.first {
            logger.notice("using the socket passed by systemd; the listen setting is ignored", metadata: ["fd": "\(socket.fileDescriptor)"])
            server = BoundSocketServer(socket: socket.fileDescriptor, responder: api.router().buildResponder(), serverName: "regiond",
                                       logger: logger, onServerRunning: onServerRunning)
        } else {
            server = Application(
                router: api.router(),
                configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "regiond"),
                onServerRunning: onServerRunning, logger: logger)
        }
        let reloader = ConfigurationReloader(settings: settings, load: reload, authorizer: authorizer, schedule: schedule,
                                             refresher: refresher, health: health, httpClient: httpClient, logger: logger)
        return Daemon(registry: registry, refresher: refresher, server: server,
                      refreshService: RefreshService(coordinator: refresher, schedule: schedule, logger: logger),
                      healthServices: healthServices,
                      reloader: reloader, notifier: notifier, httpClient: httpClient, environment: environment)
    }

    /// Runs until SIGTERM/SIGINT, then folds the WAL into the database file.
    ///
    /// A group shuts its services down in reverse order: systemd hears STOPPING=1 first, then
    /// blocked `/v1/changes?wait=` requests are released, then the server drains in-flight
    /// requests (up to `drainTimeout`), then the refresher stops (a running refresh is cancelled).
    func run(logger: Logger) async throws {
        let liveness = Liveness(store: registry.store, eventLoops: MultiThreadedEventLoopGroup.singleton)
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: refreshService)] + healthServices.map { .init(service: $0) } + [
                .init(service: server), .init(service: WatchReleaseService(registry: registry)),
                .init(service: ReloadService(reloader: reloader, systemd: SystemdChannel(notifier: notifier, logger: logger), logger: logger)),
                .init(service: SystemdService(systemd: SystemdChannel(notifier: notifier, logger: logger),
                                              watchdogInterval: SystemdWatchdog.pingInterval(environment: environment),
                                              liveness: liveness, logger: logger)),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.drainTimeout
        let group = ServiceGroup(configuration: configuration)
        do {
            try await group.run()
        } catch {
            await close(logger: logger)
            throw error
        }
        await close(logger: logger)
        logger.info("regiond stopped")
    }

    private func close(logger: Logger) async {
        try? await httpClient.shutdown()
        do {
            try await registry.store.checkpoint()
            try registry.store.close()
        } catch {
            logger.warning("could not checkpoint the database at shutdown", metadata: ["error": "\(error)"])
        }
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
    static let current = "0.2.0"
}
