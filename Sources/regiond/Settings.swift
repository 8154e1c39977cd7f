import Configuration
import Foundation
import Logging
import RegistryHealth
import RegistryService

/// Everything the daemon and the CLI read from flags, environment and the config file, with the
/// defaults in this one place. Precedence: flag > environment (`REGIOND_…`) > config file > default.
///
/// - Configuration keys (environment name in brackets; nested keys in the JSON file):
///   - `db` (`REGIOND_DB`): SQLite file, or a `postgres://USER@HOST:PORT/DATABASE?sslmode=…` URL
///     (a fleet's shared PostgreSQL). Default `$STATE_DIRECTORY/regiond.sqlite3` under systemd,
///     else `./regiond.sqlite3`.
///   - `db_password_file` (`REGIOND_DB_PASSWORD_FILE`): PostgreSQL password file; else `PGPASSWORD`.
///   - `listen` (`REGIOND_LISTEN`): `HOST:PORT`, default `127.0.0.1:8750`.
///   - `catalog` (`REGIOND_CATALOG`): catalog file; default the catalog compiled into the binary.
///   - `refresh.interval` (`REGIOND_REFRESH_INTERVAL`): seconds between refreshes, default 900.
///   - `refresh.stale_after` (`REGIOND_REFRESH_STALE_AFTER`): seconds after which data is reported
///     stale, default 3 × the interval.
///   - `token.file` (`REGIOND_TOKEN_FILE`): file holding the API token for writes; none = writes refused.
///   - `log.level` (`REGIOND_LOG_LEVEL`): trace, debug, info, notice, warning, error, critical; default info.
///   - `http.*`: request limits and timeouts, see `HTTPSettings`.
///   - `source` (`REGIOND_SOURCE`): `catalog` (default) or `aws` (the account's Bedrock control plane).
///   - `aws.regions` (`REGIOND_AWS_REGIONS`): source regions to read, comma-separated (or a JSON
///     array in the file); default `AWS_REGION`, else `AWS_DEFAULT_REGION`. Required with `aws`.
///   - `aws.profile` (`REGIOND_AWS_PROFILE`): shared-config profile; default `AWS_PROFILE`, else `default`.
///   - `aws.endpoint` (`REGIOND_AWS_ENDPOINT`): control-plane base URL for every region, below
///     `AWS_ENDPOINT_URL_BEDROCK` and `AWS_ENDPOINT_URL` (as the AWS SDKs rank them).
///   - `aws.max_attempts` (`REGIOND_AWS_MAX_ATTEMPTS`): tries per call, retries included, default 3.
///   - `aws.concurrency` (`REGIOND_AWS_CONCURRENCY`): control-plane calls in flight, default 8.
///   - `aws.timeout` (`REGIOND_AWS_TIMEOUT`): seconds per attempt, default 20.
///   - `guard.regions`, `guard.geographies` (`REGIOND_GUARD_REGIONS`, `REGIOND_GUARD_GEOGRAPHIES`):
///     where requests may be processed (a list, or comma-separated); route answers say whether each
///     route stays inside, and `/v1/resolve` answers only routes that do. Reloaded on SIGHUP.
///   - `guard.lifecycle_warning_days` (`REGIOND_GUARD_LIFECYCLE_WARNING_DAYS`): a model this near its
///     end of life is audited with the legacy ones, default 90.
///   - `aws.check_principal` (`REGIOND_AWS_CHECK_PRINCIPAL`): an IAM user, role or group ARN whose
///     policies IAM's simulator checks against every route (see `DaemonParts.principalCheckServices`).
///   - `health.accept_unknown` (`REGIOND_HEALTH_ACCEPT_UNKNOWN`): accept samples for unknown
///     regions/models/profiles, default false.
///   - `health.sample_retention` (`REGIOND_HEALTH_SAMPLE_RETENTION`): seconds raw samples are kept, default 86400.
///   - `health.evaluation_interval`: seconds between health evaluations, default 60.
///   - `health.thresholds.{min_samples, degraded_error_rate, unhealthy_error_rate,
///     degraded_throttle_rate, unhealthy_throttle_rate, degraded_p95_ms, unhealthy_p95_ms,
///     consecutive_windows, window}`: see `HealthSettings.Thresholds` for the defaults.
///   - `fleet.takeover_seconds` (`REGIOND_FLEET_TAKEOVER_SECONDS`): on PostgreSQL, a replica
///     replaces a dead leader within this, default 5 (1–300).
///   - `fleet.stale_after` (`REGIOND_FLEET_STALE_AFTER`): seconds without the shared database
///     before `/readyz` says stale, default 30.
///   - `access.identity_policies`, `access.scps`: identity policy files, and SCP files one per
///     level (root first; each a document or an array of them); `access.account`,
///     `access.principal_arn`: route answers' `gates` check them offline (see `AccessSettings`).
///   - `health.probe.regions`: regions probed (default: `aws.regions` with the aws source, none
///     with a catalog); `health.probe.interval`: seconds, default 60.
struct Settings: Sendable {
    static let defaultListen = "127.0.0.1:8750"
    static let defaultRefreshInterval = 900

    var db: String
    var dbPasswordFile: String?
    var host: String
    var port: Int
    var catalog: String?
    var refreshInterval: Duration
    var staleAfter: Duration
    var tokenFile: String?
    var logLevel: Logger.Level
    var http: HTTPSettings
    var source: SourceKind
    var aws: AWSSettings
    var health: HealthSettings
    var fleet: FleetSettings
    var access: AccessSettings
    var guards: GuardSettings

    enum SourceKind: String, Sendable, CaseIterable {
        case catalog, aws
    }

    /// Reads and validates every key; the error says which key and what is wrong with it.
    init(config: ConfigReader, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        db = config.string(forKey: "db") ?? Self.defaultDatabasePath(environment: environment)
        dbPasswordFile = config.string(forKey: "db_password_file")
        let listen = config.string(forKey: "listen") ?? Self.defaultListen
        (host, port) = try Self.parseListen(listen)
        catalog = config.string(forKey: "catalog")
        let interval = try config.checkedInt("refresh.interval") ?? Self.defaultRefreshInterval
        guard interval >= 1 else { throw SettingsError(key: "refresh.interval", "must be at least 1 second, got \(interval)") }
        refreshInterval = .seconds(interval)
        let staleAfterSeconds = try config.checkedInt("refresh.stale_after") ?? interval * 3
        guard staleAfterSeconds >= 1 else { throw SettingsError(key: "refresh.stale_after", "must be at least 1 second") }
        staleAfter = .seconds(staleAfterSeconds)
        tokenFile = config.string(forKey: "token.file")
        let level = config.string(forKey: "log.level") ?? "info"
        guard let logLevel = Logger.Level(rawValue: level.lowercased()) else {
            throw SettingsError(key: "log.level", "expected one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(level)\"")
        }
        self.logLevel = logLevel
        let takeover = try config.checkedInt("fleet.takeover_seconds") ?? 5
        guard (1...300).contains(takeover) else { throw SettingsError(key: "fleet.takeover_seconds", "must be from 1 to 300 seconds, got \(takeover)") }
        let fleetStale = try config.checkedInt("fleet.stale_after") ?? 30
        guard fleetStale >= 1 else { throw SettingsError(key: "fleet.stale_after", "must be at least 1 second, got \(fleetStale)") }
        fleet = FleetSettings(takeover: .seconds(takeover), staleAfter: .seconds(fleetStale))
        http = try HTTPSettings(config: config)
        let sourceName = config.string(forKey: "source") ?? SourceKind.catalog.rawValue
        guard let source = SourceKind(rawValue: sourceName.lowercased()) else {
            throw SettingsError(key: "source", "expected catalog or aws, got \"\(sourceName)\"")
        }
        self.source = source
        aws = try AWSSettings(config: config, environment: environment, required: source == .aws)
        health = try HealthSettings(config: config, source: source, awsRegions: aws.regions)
        access = try AccessSettings(config: config)
        guards = try GuardSettings(config: config)
    }

    /// systemd's `StateDirectory=` sets `$STATE_DIRECTORY` (colon-separated if several).
    static func defaultDatabasePath(environment: [String: String]) -> String {
        if let state = environment["STATE_DIRECTORY"]?.split(separator: ":").first, !state.isEmpty {
            return "\(state)/regiond.sqlite3"
        }
        return "./regiond.sqlite3"
    }

    static func parseListen(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) else {
            throw SettingsError(key: "listen", "expected HOST:PORT (e.g. \(defaultListen)), got \"\(text)\"")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }  // [::1]:8750
        guard !host.isEmpty else { throw SettingsError(key: "listen", "missing host in \"\(text)\"") }
        return (host, port)
    }

    /// The API token, read from `token.file`: surrounding whitespace is ignored; an empty or
    /// unreadable file is an error rather than silently disabling writes.
    func readToken() throws -> String? {
        guard let tokenFile else { return nil }
        let text: String
        do {
            text = try String(contentsOfFile: tokenFile, encoding: .utf8)
        } catch {
            throw SettingsError(key: "token.file", "cannot read \(tokenFile)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw SettingsError(key: "token.file", "\(tokenFile) is empty") }
        return token
    }
}

struct SettingsError: Error, CustomStringConvertible {
    var key: String
    var message: String
    init(key: String, _ message: String) {
        self.key = key
        self.message = message
    }
    var description: String { "configuration \(key): \(message)" }
}

extension ConfigReader {
    /// An integer that, when present, must be one: `ConfigReader.int` would quietly fall back to
    /// the default on `REGIOND_REFRESH_INTERVAL=abc`.
    func checkedInt(_ key: String) throws -> Int? {
        if let value = int(forKey: ConfigKey(key)) { return value }
        if let text = string(forKey: ConfigKey(key)) {
            if let value = Int(text.trimmingCharacters(in: .whitespaces)) { return value }  // "900" in a JSON file
            throw SettingsError(key: key, "expected a whole number, got \"\(text)\"")
        }
        return nil
    }
}
