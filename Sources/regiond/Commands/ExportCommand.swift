import ArgumentParser
import Foundation

struct ExportCommand: AsyncParsableCommand {
    enum Gateway: String, ExpressibleByArgument, CaseIterable {
        case litellm, truefoundry
    }

    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a gateway's configuration (LiteLLM or TrueFoundry) of the routes it may use, from the running daemon.",
        discussion: """
            Asks the daemon (GET /v1/export/GATEWAY), so the export is judged as the daemon's answers are: access complete, \
            gates, the residency guard, lifecycle and health. Left-out routes are listed with why (YAML comments; `excluded` in JSON). \
            With --watch FILE it keeps FILE true: rewritten atomically (temp file and rename, mode kept) whenever the export's \
            content changes, following /v1/changes.
            """)

    @OptionGroup var common: CommonOptions
    @Argument(help: "litellm or truefoundry.") var gateway: Gateway
    @Option(help: "The daemon's URL. (default: http://LISTEN from the configuration, 127.0.0.1:8750)") var url: String?
    @Option(help: "Only these models (ids or export names), comma-separated.") var models: String?
    @Option(help: "Only routes from these source regions, comma-separated.") var sourceRegions: String?
    @Option(help: "Only profiles of these geography prefixes (us, eu, apac, global, …), comma-separated.") var geo: String?
    @Flag(help: "Export routes whose access is incomplete too (marked regiond_incomplete).") var includeIncomplete = false
    @Option(help: "LiteLLM: chain (no credential fields, boto3's chain) or env (os.environ/AWS_* references).") var credentials: String?
    @Option(help: "TrueFoundry: the provider account's name (default bedrock).") var accountName: String?
    @Option(help: "TrueFoundry: the account's default region.") var region: String?
    @Option(help: "TrueFoundry: TENANT:GROUP of the secrets holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.") var secretGroup: String?
    @Option(help: "TrueFoundry: a role ARN for TrueFoundry to assume instead.") var roleArn: String?
    @Flag(help: "JSON instead of YAML.") var json = false
    @Option(help: "Write to FILE (atomically) instead of standard output.") var out: String?
    @Option(help: "Keep FILE up to date until stopped.") var watch: String?

    func validate() throws {
        if out != nil, watch != nil { throw ValidationError("give --out or --watch, not both") }
    }

    /// The export's path and query, with the filters given.
    var pathAndQuery: String {
        let parameters: [(String, String?)] = [
            ("models", models), ("source_regions", sourceRegions), ("geo", geo), ("include_incomplete", includeIncomplete ? "true" : nil),
            ("credentials", credentials), ("account_name", accountName), ("region", region), ("secret_group", secretGroup), ("role_arn", roleArn),
        ]
        var components = URLComponents()
        components.path = "/v1/export/\(gateway.rawValue)"
        let items = parameters.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }
        if !items.isEmpty { components.queryItems = items }
        return components.string!
    }

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common)
            let base = url ?? "http://\(settings.host == "0.0.0.0" || settings.host == "::" ? "127.0.0.1" : settings.host):\(settings.port)"
            let http = ConfiguredSource.makeHTTPClient(logger: .init(label: "regiond.export"))
            let export = ExportFollower(client: RegiondClient(base: base, http: http), pathAndQuery: pathAndQuery,
                                        accept: json ? "application/json" : "application/yaml")
            do {
                if let watch {
                    try await export.follow(into: watch)
                } else if let out {
                    try AtomicFile.replace(out, with: try await export.fetch().body)
                } else {
                    FileHandle.standardOutput.write(Data(try await export.fetch().body))
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }
    }
}
