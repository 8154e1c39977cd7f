import AccessPolicy
import AsyncHTTPClient
import Logging
import RegistryHTTP
import RegistryService
import RegionRegistry
import Synchronization

/// Re-reads the configuration (and the token file) and applies what can change while running:
/// log level, token, refresh interval and staleness, the access policies and guards, and the source (catalog file, AWS regions
/// and settings). Everything is read and checked before anything is applied, so an invalid new
/// configuration changes nothing.
final class ConfigurationReloader: Sendable {
    private let load: @Sendable () async throws -> Settings
    private let current: Mutex<Settings>
    private let authorizer: WriteAuthorizer
    private let schedule: RefreshSchedule
    private let refresher: RefreshCoordinator
    private let health: HealthMonitor
    private let applyAnswerSettings: @Sendable (Settings) -> Void
    private let httpClient: HTTPClient
    private let logger: Logger

    init(settings: Settings, load: @escaping @Sendable () async throws -> Settings, authorizer: WriteAuthorizer,
         schedule: RefreshSchedule, refresher: RefreshCoordinator, health: HealthMonitor,
         answerSettings: @escaping @Sendable (Settings) -> Void, httpClient: HTTPClient, logger: Logger) {
        self.health = health
        self.applyAnswerSettings = answerSettings
        self.current = Mutex(settings)
        self.load = load
        self.authorizer = authorizer
        self.schedule = schedule
        self.refresher = refresher
        self.httpClient = httpClient
        self.logger = logger
    }

    var settings: Settings { current.withLock { $0 } }

    /// Returns a line for sd_notify's STATUS: what happened.
    func reload() async -> String {
        let new: Settings
        let token: String?
        let source: any SnapshotSource
        do {
            new = try await load()
            token = try new.readToken()
            source = try ConfiguredSource.make(new, httpClient: httpClient, logger: logger)
        } catch {
            logger.error("configuration reload failed; still running with the previous configuration", metadata: ["error": "\(error)"])
            return "reload failed, running with the previous configuration: \(error)"
        }
        let old = current.withLock { old in
            defer { old = new }
            return old
        }
        LogSetup.level.withLock { $0 = new.logLevel }
        authorizer.replaceToken(token)
        schedule.update(.init(interval: new.refreshInterval, staleAfter: new.staleAfter))
        await refresher.replaceSource(source)
        health.updateSettings(new.health)
        applyAnswerSettings(new)
        let needRestart = [("listen", old.host != new.host || old.port != new.port), ("db", old.db != new.db),
                           ("http", old.http != new.http), ("aws.check_principal", old.aws.checkPrincipal != new.aws.checkPrincipal),
                           ("health.probe", old.health.probeRegions != new.health.probeRegions || old.health.probeInterval != new.health.probeInterval)].filter(\.1).map(\.0)
        if !needRestart.isEmpty {
            logger.warning("configuration changes that take effect only after a restart", metadata: ["keys": "\(needRestart.joined(separator: ", "))"])
        }
        logger.notice("configuration reloaded", metadata: [
            "source": "\(source.name)", "refresh_interval": "\(new.refreshInterval)", "log_level": "\(new.logLevel)",
            "writes": "\(token == nil ? "refused (no token)" : "enabled")",
        ])
        return "configuration reloaded"
    }
}
