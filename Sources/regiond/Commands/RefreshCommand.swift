import ArgumentParser
import RegionRegistry
import RegistryHTTP
import RegistryService

struct RefreshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Refresh the registry from its source once and print what changed.")

    @OptionGroup var common: CommonOptions
    @OptionGroup var source: SourceOptions

    @Flag(help: "Run one refresh and exit (a running daemon refreshes on its own; POST /v1/refresh asks it to now).")
    var once = false

    @Flag(help: "Print the changes as JSON.")
    var json = false

    func validate() throws {
        guard once else { throw ValidationError("refresh needs --once") }
    }

    func run() async throws {
        try await reportingErrors {
            let settings = try await loadSettings(common, extra: source.flags)
            let logger = LogSetup.logger(level: settings.logLevel)
            let httpClient = ConfiguredSource.makeHTTPClient(logger: logger)
            let outcome: RefreshOutcome
            do {
                let source = try ConfiguredSource.make(settings, httpClient: httpClient, logger: logger)
                let registry = try await Registry.open(at: settings.db, passwordFile: settings.dbPasswordFile, logger: logger)
                outcome = try await RefreshCoordinator(source: source, registry: registry, logger: logger).refresh(trigger: .cli)
                try await registry.close(checkpoint: false)
            } catch {
                try? await httpClient.shutdown()
                throw error
            }
            try? await httpClient.shutdown()
            let changes = outcome.diff?.changes ?? []
            if json {
                printJSON(.object([
                    "run": Representation.run(outcome.run),
                    "changes": .array(changes.map { .object([
                        "kind": .string($0.kind.rawValue), "key": .string($0.key), "action": .string($0.action.rawValue),
                        "before": $0.before.map(JSONValue.object) ?? .null, "after": $0.after.map(JSONValue.object) ?? .null,
                    ]) }),
                ]))
            } else {
                for change in changes { print(Self.line(change)) }
                let run = outcome.run
                for report in run.regions { print(Self.line(report)) }
                print("refresh \(run.outcome.rawValue) from \(run.source): \(run.added) added, \(run.changed) changed, \(run.removed) removed"
                      + (run.error.map { ": \($0)" } ?? ""))
            }
            if outcome.run.outcome != .succeeded { throw ExitCode.failure }
        }
    }

    /// `region us-east-1 routes: ok (7 requests, 1 retry)` or `… failed: reason`.
    static func line(_ report: RegionReport) -> String {
        let counts = "\(report.requests) requests, \(report.retries) retries, \(report.throttled) throttled"
        let verdict = report.error.map { "failed (\(counts)): \($0)" } ?? "ok (\(counts))"
        return "region \(report.region) \(report.part.rawValue): \(verdict)"
    }

    static func line(_ change: Change) -> String {
        let mark = switch change.action {
        case .added: "+"
        case .changed: "~"
        case .removed: "-"
        }
        var line = "\(mark) \(change.kind.rawValue) \(change.key)"
        if change.action == .changed, let before = change.before, let after = change.after {
            let fields = after.keys.sorted().filter { before[$0] != after[$0] }
            line += " (" + fields.joined(separator: ", ") + ")"
        }
        return line
    }
}
