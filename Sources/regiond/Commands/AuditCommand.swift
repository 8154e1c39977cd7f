import ArgumentParser
import RegionRegistry
import RegistryHTTP

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "List every (profile, source region) whose access is incomplete: the requests that would fail.")

    @OptionGroup var common: CommonOptions

    @Option(help: "Only profiles of this geography (us, eu, apac, global, …).")
    var geo: String?

    @Option(help: "Only routes from this source region.")
    var sourceRegion: String?

    @Flag(help: "Print JSON (the shape of GET /v1/access/audit).")
    var json = false

    func run() async throws {
        try await reportingErrors {
            let view = try await readView(common)
            let incomplete = view.audit(geo: geo, sourceRegion: sourceRegion)
            if json {
                printJSON(.object([
                    "index": .int(view.index), "generated_at": .string(view.builtAt), "count": .int(Int64(incomplete.count)),
                    "incomplete": .array(incomplete.map { Representation.routeAccess($0) }),
                ]))
                return
            }
            printTable(["PROFILE", "SOURCE", "GRANTED", "MISSING"], incomplete.map { access in
                let granted = access.destinations.count - access.missing.count
                return [access.profileId, access.sourceRegion, "\(granted)/\(access.destinations.count)", access.missing.joined(separator: ",")]
            })
            print("\(incomplete.count) incomplete route(s)")
        }
    }
}
