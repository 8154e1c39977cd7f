import ArgumentParser
import Configuration

/// Options every command that opens the database takes. No ArgumentParser defaults here: a
/// default would always beat the environment and the config file (see `Settings`).
struct CommonOptions: ParsableArguments {
    @Option(help: "SQLite database file, or a postgres:// URL for a fleet. [env: REGIOND_DB] (default: $STATE_DIRECTORY/regiond.sqlite3, else ./regiond.sqlite3)")
    var db: String?

    @Option(help: "JSON configuration file. [env: REGIOND_CONFIG]")
    var config: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. [env: REGIOND_LOG_LEVEL] (default: info)")
    var logLevel: String?

    var flags: [String: ConfigContent?] {
        ["db": db.map(ConfigContent.string), "log.level": logLevel.map(ConfigContent.string)]
    }
}

/// Options of the commands that refresh (serve, refresh).
struct SourceOptions: ParsableArguments {
    @Option(help: "Where the registry comes from: catalog or aws. [env: REGIOND_SOURCE] (default: catalog)")
    var source: String?

    @Option(help: "Catalog file to use instead of the embedded one (with --source aws: region names only). [env: REGIOND_CATALOG]")
    var catalog: String?

    @Option(help: "AWS source regions to read, comma-separated. [env: REGIOND_AWS_REGIONS] (default: AWS_REGION)")
    var regions: String?

    @Option(help: "AWS shared-config profile for credentials. [env: REGIOND_AWS_PROFILE] (default: AWS_PROFILE, else default)")
    var awsProfile: String?

    @Option(help: "Bedrock control-plane base URL for every region; AWS_ENDPOINT_URL_BEDROCK and AWS_ENDPOINT_URL rank above it. [env: REGIOND_AWS_ENDPOINT]")
    var awsEndpoint: String?

    @Option(help: "serve: check every route against this IAM user, role or group's policies and SCPs with IAM's policy simulator (needs iam:SimulatePrincipalPolicy). [env: REGIOND_AWS_CHECK_PRINCIPAL]")
    var checkPrincipal: String?

    var flags: [String: ConfigContent?] {
        [
            "source": source.map(ConfigContent.string), "catalog": catalog.map(ConfigContent.string),
            "aws.regions": regions.map { .stringArray($0.split(separator: ",").map(String.init)) }, "aws.profile": awsProfile.map(ConfigContent.string),
            "aws.endpoint": awsEndpoint.map(ConfigContent.string), "aws.check_principal": checkPrincipal.map(ConfigContent.string),
        ]
    }
}

/// Reads settings for a command from its flags, the environment and the config file.
func loadSettings(_ common: CommonOptions, extra: [String: ConfigContent?] = [:]) async throws -> Settings {
    let reader = try await ConfigurationLoader.reader(flags: common.flags.merging(extra) { a, _ in a }, configFile: common.config)
    return try Settings(config: reader)
}
