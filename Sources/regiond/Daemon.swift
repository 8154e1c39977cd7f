import AsyncHTTPClient
import Foundation
import Logging
import RegistryHTTP
import RegistryService
import ServiceLifecycle
import SystemdSupport

/// The whole daemon, assembled: store → registry → refresher → HTTP, plus systemd supervision
/// and SIGHUP reloads. `serve` runs it; tests run the binary.
struct Daemon {
    let runtime: RegistryRuntime
    /// In start order; a group stops them in reverse.
    let services: [any Service]
    let httpClient: HTTPClient

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
            let parts = try await DaemonParts(settings: settings, logger: logger, environment: environment, httpClient: httpClient)
            let api = try API(runtime: parts.runtime, authorizer: parts.authorizer,
                              settings: settings.http.api(schedule: parts.schedule, version: version), logger: logger)
            let answerSettings: @Sendable (Settings) -> Void = { settings in
                api.configure(settings.access.policies)
                api.configure(residency: settings.guards.residency, lifecycleWarningDays: settings.guards.lifecycleWarningDays,
                              exportNames: settings.guards.exportNames)
            }
            answerSettings(settings)
            let reloader = ConfigurationReloader(settings: settings, load: reload, authorizer: parts.authorizer, schedule: parts.schedule,
                                                 refresher: parts.runtime.refresher, health: parts.runtime.health,
                                                 answerSettings: answerSettings, httpClient: httpClient, logger: logger)
            return Daemon(runtime: parts.runtime, services: try await parts.services(api: api, reloader: reloader), httpClient: httpClient)
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
    }

    /// Runs until SIGTERM/SIGINT, then folds the WAL into the database file.
    ///
    /// A group shuts its services down in reverse order: systemd hears STOPPING=1 first, then
    /// blocked `/v1/changes?wait=` requests are released, then the server drains in-flight
    /// requests (up to `drainTimeout`), then the refresher stops (a running refresh is cancelled).
    func run(logger: Logger) async throws {
        var configuration = ServiceGroupConfiguration(
            services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = Self.drainTimeout
        do {
            try await ServiceGroup(configuration: configuration).run()
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
            try await runtime.registry.close(checkpoint: true)
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
