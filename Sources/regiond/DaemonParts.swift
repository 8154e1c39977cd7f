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
import ServiceLifecycle
import SystemdSupport

/// What the daemon is built from, read and checked before anything runs: a bad setting, token
/// file or catalog stops start-up here with its message.
struct DaemonParts {
    let settings: Settings
    let logger: Logger
    let environment: [String: String]
    let httpClient: HTTPClient
    let source: any SnapshotSource
    let runtime: RegistryRuntime
    let authorizer: WriteAuthorizer
    let schedule: RefreshSchedule
    let activated: [ActivatedSocket]
    let systemd: SystemdChannel

    init(settings: Settings, logger: Logger, environment: [String: String], httpClient: HTTPClient) async throws {
        (self.settings, self.logger, self.environment, self.httpClient) = (settings, logger, environment, httpClient)
        authorizer = WriteAuthorizer(token: try settings.readToken())
        if !authorizer.isEnabled { logger.notice("no API token configured (--token-file): write endpoints are refused") }
        activated = try SocketActivation.listeningSockets(environment: environment)
        SocketActivation.clearEnvironment()
        // A bad catalog or AWS setting still stops start-up: the source is made (and a catalog
        // read and checked) while the store loads.
        runtime = try await RegistryRuntime.open(database: settings.db, passwordFile: settings.dbPasswordFile, health: settings.health, logger: logger) {
            try ConfiguredSource.make(settings, httpClient: httpClient, logger: logger, environment: environment)
        }
        source = await runtime.refresher.source
        schedule = RefreshSchedule(.init(interval: settings.refreshInterval, staleAfter: settings.staleAfter))
        systemd = SystemdChannel(notifier: SystemdNotifier(environment: environment), logger: logger)
    }

    /// Every service, in start order: refresh, health, the server, then supervision (which stops first).
    func services(api: API, reloader: ConfigurationReloader) async throws -> [any Service] {
        let status = StatusReporter(registry: runtime.registry, systemd: systemd)
        // A fleet replica may never refresh itself (another leads): it is ready once listening,
        // and /readyz says when its view holds the registry.
        let shared = runtime.registry.fleet.snapshot.engine == .postgres
        let loaded = await runtime.registry.readiness().loaded
        let startup = StartupGate(waitForFirstRefresh: !shared && !loaded) { firstRefresh in
            await status.ready(after: firstRefresh)
        }
        await runtime.refresher.onFinished { run in
            Task {
                await status.refreshFinished(run)
                await startup.refreshFinished(run)
            }
        }
        let refresh = RefreshService(coordinator: runtime.refresher, schedule: schedule, logger: logger)
        let fleet: [any Service] = FleetService(registry: runtime.registry, settings: settings.fleet, logger: logger).map { [$0] } ?? []
        return fleet + [refresh] + (try healthServices()) + (try await principalCheckServices(api: api)) + [
            server(api: api, startup: startup), WatchReleaseService(registry: runtime.registry),
            StartupTimeoutService(startup: startup, systemd: systemd),
            ReloadService(reloader: reloader, systemd: systemd, logger: logger),
            SystemdService(systemd: systemd, watchdogInterval: SystemdWatchdog.pingInterval(environment: environment),
                           liveness: Liveness(registry: runtime.registry, eventLoops: MultiThreadedEventLoopGroup.singleton),
                           logger: logger),
        ]
    }

    private func healthServices() throws -> [any Service] {
        var services: [any Service] = [HealthService(monitor: runtime.health)]
        let regions = settings.health.probeRegions
        if !regions.isEmpty {
            let client = try ConfiguredSource.makeAWSClient(settings, httpClient: httpClient, logger: logger, environment: environment)
            services.append(HealthProbeService(controlPlane: BedrockControlPlane(client: client), regions: regions,
                                               interval: settings.health.probeInterval, monitor: runtime.health, logger: logger))
            logger.info("probing Bedrock control planes", metadata: ["regions": "\(regions.joined(separator: ","))"])
        }
        return services
    }

    /// Serves on the socket systemd passed, else binds `listen`; tells `startup` once listening.
    private func server(api: API, startup: StartupGate) -> any Service {
        let (logger, settings, sourceName) = (logger, settings, source.name)
        let passed = activated.first(where: { $0.name == "http" }) ?? activated.first
        let onServerRunning: @Sendable (any Channel) async -> Void = { channel in
            let address = channel.localAddress.map { "\($0.ipAddress ?? "?"):\($0.port ?? 0)" } ?? "?"
            logger.info("regiond listening", metadata: [
                "address": "\(address)", "db": "\(Registry.describe(database: settings.db))", "source": "\(sourceName)",
                "socket": "\(passed == nil ? "bound by regiond" : "passed by systemd")", "pid": "\(getpid())",
            ])
            await startup.listening()
        }
        if let passed {
            logger.notice("using the socket passed by systemd; the listen setting is ignored", metadata: ["fd": "\(passed.fileDescriptor)"])
            return BoundSocketServer(socket: passed.fileDescriptor, responder: api.router().buildResponder(), http1: api.http1Configuration(),
                                     serverName: "regiond", logger: logger, onServerRunning: onServerRunning)
        }
        return Application(
            router: api.router(), server: .http1(configuration: api.http1Configuration()),
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port), serverName: "regiond"),
            onServerRunning: onServerRunning, logger: logger)
    }
}
