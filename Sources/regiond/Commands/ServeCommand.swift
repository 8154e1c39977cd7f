import ArgumentParser
import Configuration
import RegistryService

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: refresh the registry and serve the HTTP API.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var source: SourceOptions

    @Option(help: "HOST:PORT to listen on. [env: REGIOND_LISTEN] (default: 127.0.0.1:8750)")
    var listen: String?

    @Option(help: "Seconds between refreshes (±10% jitter). [env: REGIOND_REFRESH_INTERVAL] (default: 900)")
    var refreshInterval: Int?

    @Option(help: "File holding the bearer token for write endpoints. [env: REGIOND_TOKEN_FILE] (default: writes refused)")
    var tokenFile: String?

    @Flag(help: "Accept health samples for regions, models or profiles the registry does not know. [env: REGIOND_HEALTH_ACCEPT_UNKNOWN]")
    var acceptUnknown = false

    @Option(help: "Seconds raw health samples are kept (minute rollups: 14 days). [env: REGIOND_HEALTH_SAMPLE_RETENTION] (default: 86400)")
    var sampleRetention: Int?

    @Option(help: "Regions requests may be processed in, comma-separated; routes reaching others are not resolved. [env: REGIOND_GUARD_REGIONS]")
    var guardRegions: String?

    @Option(help: "Geographies requests may be processed in (as `regiond regions` names them, e.g. Europe), comma-separated. [env: REGIOND_GUARD_GEOGRAPHIES]")
    var guardGeographies: String?

    func run() async throws {
        MemoryRelease.mapLargeAllocations()  // first: every large buffer from here on is mapped
        try await reportingErrors {
            let flags = common.flags.merging(source.flags.merging([
                "listen": listen.map(ConfigContent.string),
                "refresh.interval": refreshInterval.map(ConfigContent.int),
                "token.file": tokenFile.map(ConfigContent.string),
                "health.accept_unknown": acceptUnknown ? .bool(true) : nil,
                "health.sample_retention": sampleRetention.map(ConfigContent.int),
                "guard.regions": guardRegions.map { .stringArray($0.split(separator: ",").map(String.init)) },
                "guard.geographies": guardGeographies.map { .stringArray($0.split(separator: ",").map(String.init)) },
            ]) { a, _ in a }) { a, _ in a }
            let configFile = common.config
            // SIGHUP reads the same flags again, with the environment and the file as they are then.
            let load: @Sendable () async throws -> Settings = {
                try Settings(config: try await ConfigurationLoader.reader(flags: flags, configFile: configFile))
            }
            let settings = try await load()
            let logger = LogSetup.logger(level: settings.logLevel)
            let daemon = try await Daemon.build(settings: settings, reload: load, logger: logger)
            try await daemon.run(logger: logger)
        }
    }
}
